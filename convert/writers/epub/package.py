"""The EPUB container: ``mimetype``, ``container.xml``, the package document (OPF) with
its manifest, spine and guide, and the navigation document, zipped with fixed entries.

This was ebooklib's job; what was left of it for us was little (the content documents,
the NCX and the navigation list were already ours, its zip was rewritten, its spine and
media-type lookups worked around) and cost a tenth of a run's instructions in imports
alone (ebooklib and six). These documents are small and fixed in shape, as pandoc writes
them: written here as bytes, in one pass, in the order and form ebooklib wrote them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import NamedTuple

from .xhtml import LANG, NavEntry, escaped_attr, escaped_text

ROOT = "EPUB"  # the folder of the package document and every item, as ebooklib named it
OPF_PATH = f"{ROOT}/content.opf"
NAV_FILE = "nav.xhtml"
NAV_ID = "nav"
XHTML = "application/xhtml+xml"
BOOK_ID = "id"  # the package's unique-identifier

_CONTAINER = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">\n'
    b"  <rootfiles>\n"
    b'    <rootfile media-type="application/oebps-package+xml" full-path="' + OPF_PATH.encode() + b'"/>\n'
    b"  </rootfiles>\n"
    b"</container>\n"
)


class Item(NamedTuple):
    """One file of the book, listed in the manifest."""

    id: str
    href: str  # relative to ROOT
    media_type: str
    data: bytes
    properties: str = ""


class Landmark(NamedTuple):
    """One entry of the guide (EPUB 2) and of the landmarks list (EPUB 3)."""

    type: str  # guide type: cover, toc, text
    title: str
    href: str


#: Guide types as EPUB 3 landmarks name them (``epub:type``).
_LANDMARK_TYPES = {"text": "bodymatter"}


class Metadata(NamedTuple):
    """What the package document says about the book."""

    identifier: str
    title: str
    modified: dt.datetime
    creators: tuple[str, ...] = ()
    date: str | None = None
    description: str | None = None
    properties: tuple[tuple[str, str], ...] = ()  # (meta property, value), in order
    cover_image_id: str | None = None


def _metadata(meta: Metadata) -> Iterable[bytes]:
    yield b'  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">\n'
    stamp = meta.modified.strftime("%Y-%m-%dT%H:%M:%SZ")  # naive UTC (meta.modified_time)
    yield b'    <meta property="dcterms:modified">%s</meta>\n' % stamp.encode()
    yield b'    <meta name="generator" content="Speechpress"/>\n'
    yield b'    <dc:identifier id="%s">%s</dc:identifier>\n' % (BOOK_ID.encode(), escaped_text(meta.identifier))
    yield b"    <dc:title>%s</dc:title>\n" % escaped_text(meta.title)
    yield b"    <dc:language>%s</dc:language>\n" % LANG.encode()
    for n, name in enumerate(meta.creators, 1):
        yield b'    <dc:creator id="creator%d">%s</dc:creator>\n' % (n, escaped_text(name))
    if meta.date:
        yield b"    <dc:date>%s</dc:date>\n" % escaped_text(meta.date)
    if meta.description:
        yield b"    <dc:description>%s</dc:description>\n" % escaped_text(meta.description)
    for prop, value in meta.properties:
        yield b'    <meta property="%s">%s</meta>\n' % (escaped_attr(prop), escaped_text(value))
    if meta.cover_image_id:  # EPUB 2 readers find the cover by this
        yield b'    <meta name="cover" content="%s"/>\n' % escaped_attr(meta.cover_image_id)
    yield b"  </metadata>\n"


def package_document(meta: Metadata, items: list[Item], spine: list[str], guide: list[Landmark], toc_id: str) -> bytes:
    """The OPF: metadata, every item, the reading order (``spine`` of item ids), the guide."""
    out: list[bytes] = [
        b"<?xml version='1.0' encoding='utf-8'?>\n",
        b'<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="%s" version="3.0" '
        b'prefix="rendition: http://www.idpf.org/vocab/rendition/#">\n' % BOOK_ID.encode(),
    ]
    out.extend(_metadata(meta))
    out.append(b"  <manifest>\n")
    for it in items:
        props = b' properties="%s"' % escaped_attr(it.properties) if it.properties else b""
        out.append(
            b'    <item href="%s" id="%s" media-type="%s"%s/>\n'
            % (escaped_attr(it.href), escaped_attr(it.id), escaped_attr(it.media_type), props)
        )
    out.append(b'  </manifest>\n  <spine toc="%s">\n' % escaped_attr(toc_id))
    out.extend(b'    <itemref idref="%s"/>\n' % escaped_attr(i) for i in spine)
    out.append(b"  </spine>\n  <guide>\n")
    out.extend(
        b'    <reference type="%s" title="%s" href="%s"/>\n'
        % (escaped_attr(g.type), escaped_attr(g.title), escaped_attr(g.href))
        for g in guide
    )
    out.append(b"  </guide>\n</package>\n")
    return b"".join(out)


def _nav_list(entries: list[NavEntry], depth: int, out: list[bytes]) -> None:
    """The items of a table of contents' ``ol`` at ``depth``: a link, and a list of the
    children (headings nest a few levels, so recursion is bounded). Links are as the
    entries give them: the navigation document sits beside every content document."""
    pad = b"  " * depth
    for e in entries:
        out.append(b'%s  <li>\n%s    <a href="%s">%s</a>\n' % (pad, pad, escaped_attr(e.href), escaped_text(e.title)))
        if e.children:
            out.append(b"%s    <ol>\n" % pad)
            _nav_list(e.children, depth + 2, out)
            out.append(b"%s    </ol>\n" % pad)
        out.append(b"%s  </li>\n" % pad)


def nav_document(
    title: str, entries: list[NavEntry], landmarks_title: str, landmarks: list[Landmark], stylesheet: str
) -> bytes:
    """The EPUB 3 navigation document: the table of contents from the outline, and the
    landmarks. Written as it goes: a speech may have 100,000 headings."""
    out: list[bytes] = [
        b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n",
        b'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        b'lang="%s" xml:lang="%s">\n' % (LANG.encode(), LANG.encode()),
        b"  <head>\n    <title>%s</title>\n" % escaped_text(title),
        b'    <link href="%s" rel="stylesheet" type="text/css"/>\n  </head>\n  <body>\n' % escaped_attr(stylesheet),
        b'    <nav epub:type="toc" id="toc" role="doc-toc">\n      <h2>%s</h2>\n' % escaped_text(title),
    ]
    if entries:
        out.append(b"      <ol>\n")
        _nav_list(entries, 3, out)
        out.append(b"      </ol>\n")
    else:
        out.append(b"      <ol/>\n")
    out.append(b"    </nav>\n")
    if landmarks:
        out.append(b'    <nav epub:type="landmarks">\n      <h2>%s</h2>\n      <ol>\n' % escaped_text(landmarks_title))
        for g in landmarks:
            kind = _LANDMARK_TYPES.get(g.type, g.type)
            out.append(
                b'        <li>\n          <a epub:type="%s" href="%s">%s</a>\n        </li>\n'
                % (escaped_attr(kind), escaped_attr(g.href), escaped_text(g.title))
            )
        out.append(b"      </ol>\n    </nav>\n")
    out.append(b"  </body>\n</html>\n")
    return b"".join(out)


def zipped(opf: bytes, items: list[Item], when: dt.datetime) -> bytes:
    """The book as a zip: ``mimetype`` first and stored (OCF requires both), everything
    else deflated at level 9, every entry stamped with ``when`` and plain file attributes,
    so the same manuscript gives the same bytes."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:

        def put(name: str, data: bytes, stored: bool = False) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=None if stored else 9)

        put("mimetype", b"application/epub+zip", stored=True)
        put("META-INF/container.xml", _CONTAINER)
        put(OPF_PATH, opf)
        for it in items:
            put(f"{ROOT}/{it.href}", it.data)
    return out.getvalue()
