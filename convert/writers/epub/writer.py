"""EPUB 3 writer: a book that passes EPUBCheck and navigates like a real one.

ebooklib assembles the package (OPF, nav document); the content documents are our own
XHTML (:mod:`.xhtml`), so the markup is exactly what we mean, and so is the NCX for
EPUB 2 readers such as older Kindles and Adobe RMSDK (:mod:`.ncx`). The zip ebooklib
writes carries the wall clock in every entry, so it is rewritten with fixed entry times:
the same manuscript gives the same bytes, and the book keeps one identity across rebuilds
(:mod:`.meta`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import zipfile
from pathlib import Path

from ebooklib import epub

from ...fonts import FontError, ResolvedFont
from ...model import Diagnostic, Document
from ...style import Style
from ..base import WriteOptions, WriteResult
from . import ncx
from .cover import cover_png
from .css import EmbeddedFace, build_css
from .fonts import TEXT_ROLES, resolve_face, role_texts, subset_face
from .meta import book_identifier, manuscript_date, modified_time, parse_date
from .xhtml import (
    LANG,
    STYLESHEET,
    ContentDoc,
    NavEntry,
    chapter_file_name,
    clean,
    cover_document,
    escaped_attr,
    escaped_text,
    speech_document,
    title_document,
)

NAV_TITLE = "目录"
COVER_IMAGE = "cover.png"
ACCESSIBILITY_SUMMARY = (
    "本书为讲话稿文本，按阅读顺序排列，带目录和结构化标题导航（含段首标题），"
    "字号以相对单位设定，可由阅读器调整；封面图片附有替代文本；无已知危害。"
)


class EpubWriteError(ValueError):
    """The model or style cannot be made into an EPUB."""


class _Writer(epub.EpubWriter):
    """ebooklib's writer, with the navigation document's table of contents written from the
    outline as bytes: ebooklib builds it as a tree from ``book.toc`` (a speech of 216,000
    headings: 200 MB). The rest of the document is ebooklib's, made with an empty
    ``book.toc`` (its list is ``<ol/>``); the list goes in its place, indented as lxml's
    pretty printer indents it, so the bytes are those ebooklib writes."""

    def __init__(self, name: object, book: epub.EpubBook, options: dict, entries: list[NavEntry]) -> None:
        super().__init__(name, book, options)
        self.entries = entries

    def _get_nav(self, item: epub.EpubNav) -> bytes:
        shell: bytes = super()._get_nav(item)
        if not self.entries:
            return shell
        where = os.path.dirname(item.file_name)
        depth = 3  # html > body > nav > ol
        out: list[bytes] = [b"<ol>\n"]
        _nav_list(self.entries, where, depth, out)
        out.append(b"  " * depth + b"</ol>")
        return shell.replace(b"<ol/>", b"".join(out), 1)


def _nav_list(entries: list[NavEntry], where: str, depth: int, out: list[bytes]) -> None:
    """The items of a table of contents' ``ol`` at ``depth`` (as ebooklib makes them from
    ``(Section, [children])`` and ``Link`` entries: a link, and a list of the children)."""
    pad = b"  " * depth
    for e in entries:
        href = escaped_attr(posixpath.relpath(e.href, where))
        out.append(b'%s  <li>\n%s    <a href="%s">%s</a>\n' % (pad, pad, href, escaped_text(e.title)))
        if e.children:
            out.append(b"%s    <ol>\n" % pad)
            _nav_list(e.children, where, depth + 2, out)
            out.append(b"%s    </ol>\n" % pad)
        out.append(b"%s  </li>\n" % pad)


def _item_indent(style: Style) -> float:
    """The first-line indent (em) a list item hangs from, or -1 when the style's list
    items do not hang."""
    role = style.role("list_item")
    if not role.hanging:
        return -1.0
    return style.first_indent(role)


def _xhtml_item(doc: ContentDoc) -> epub.EpubItem:
    return epub.EpubItem(uid=doc.uid, file_name=doc.file_name, media_type="application/xhtml+xml", content=doc.content)


def _creators(doc: Document) -> list[str]:
    if doc.author:
        return [clean(doc.author)]
    seen: list[str] = []
    for s in doc.speeches:
        if s.author and clean(s.author) not in seen:
            seen.append(clean(s.author))
    return seen


def _add_metadata(book: epub.EpubBook, doc: Document) -> None:
    book.set_identifier(book_identifier(doc))
    book.set_title(clean(doc.display_title()))
    book.set_language(LANG)
    for n, name in enumerate(_creators(doc), 1):
        book.add_author(name, uid=f"creator{n}")
    day = manuscript_date(doc)
    if day is not None:
        book.add_metadata("DC", "date", day.isoformat())
    if doc.subtitle:
        book.add_metadata("DC", "description", clean(doc.subtitle))
    for prop, value in (
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
    ):
        book.add_metadata(None, "meta", value, {"property": prop})


def _embed_fonts(
    doc: Document,
    style: Style,
    options: WriteOptions,
    nav_titles: list[str],
    book: epub.EpubBook,
    diagnostics: list[Diagnostic],
) -> dict[str, EmbeddedFace]:
    """Subset one font file per distinct face and map every role it serves to it."""
    texts = role_texts(doc, nav_titles, extra={"heading1": NAV_TITLE})
    by_face: dict[tuple[str, int], list[str]] = {}
    faces: dict[tuple[str, int], ResolvedFont] = {}
    for role in TEXT_ROLES:
        if role not in texts:
            continue
        face = resolve_face(style, role, options.font_files)
        if face is None:
            diagnostics.append(
                Diagnostic("warning", "epub-font-missing", f"no font file found for role '{role}'; it is not embedded")
            )
            continue
        key = face.key
        faces.setdefault(key, face)
        by_face.setdefault(key, []).append(role)
    embedded: dict[str, EmbeddedFace] = {}
    for n, (key, roles) in enumerate(by_face.items(), 1):
        chars = "".join(sorted(set("".join(texts[r] for r in roles))))
        try:
            sub = subset_face(faces[key], chars)
        except FontError:
            raise
        except Exception as e:  # fontTools raises many kinds on a broken file
            raise FontError(f"cannot subset {key[0]}: {type(e).__name__}: {e}") from e
        href = f"fonts/face{n}{sub.extension}"
        book.add_item(epub.EpubItem(uid=f"font{n}", file_name=href, media_type=sub.media_type, content=sub.data))
        face_css = EmbeddedFace(family=f"Speechpress Face {n}", href=href, format=sub.format, bold=faces[key].bold)
        for role in roles:
            embedded[role] = face_css
    return embedded


def _cover(doc: Document, style: Style, options: WriteOptions, diagnostics: list[Diagnostic]) -> bytes | None:
    face = resolve_face(style, "title", options.font_files) or resolve_face(style, "body", options.font_files)
    if face is None or face.path is None:
        diagnostics.append(
            Diagnostic("warning", "epub-no-cover", "no CJK font found to draw the cover; the EPUB has none")
        )
        return None
    return cover_png(clean(doc.display_title()), clean(doc.subtitle) if doc.subtitle else None, face.path, face.index)


def _set_cover(book: epub.EpubBook, png: bytes) -> None:
    """ebooklib's ``set_cover(…, create_page=False)`` with the media type said: left empty,
    ebooklib guesses it from the file name, and its first guess reads the system's whole
    mime.types table (5 ms of a 130 ms run) to learn that .png is image/png."""
    cover = epub.EpubCover(file_name=COVER_IMAGE)
    cover.media_type = "image/png"
    cover.content = png
    book.add_item(cover)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-img"})


def _zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def normalize_zip(raw: bytes, when: dt.datetime) -> bytes:
    """Rewrite an EPUB zip with fixed entry times and attributes, ``mimetype`` first and
    stored (OCF requires both), everything else deflated at a fixed level."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    names = [i.filename for i in src.infolist()]
    if "mimetype" not in names:
        raise EpubWriteError("ebooklib produced no mimetype entry")
    names.remove("mimetype")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in ["mimetype", *names]:
            info = zipfile.ZipInfo(name, date_time=_zip_time(when))
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                dst.writestr(info, src.read(name))
            else:
                data = src.read(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(info, data, compresslevel=9)
    return out.getvalue()


def build_epub(doc: Document, style: Style, options: WriteOptions) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The EPUB as bytes, and what the writer has to report."""
    if not isinstance(doc, Document):
        raise EpubWriteError(f"expected a Document, got {type(doc).__name__}")
    diagnostics: list[Diagnostic] = []
    for value in (doc.date, *(s.date for s in doc.speeches)):
        if value and parse_date(value) is None:
            diagnostics.append(
                Diagnostic("info", "epub-date-unparsed", f"date {value!r} is not a calendar date; left out of dc:date")
            )
    book = epub.EpubBook()
    _add_metadata(book, doc)

    title_doc, title_entry = title_document(doc, "title.xhtml")
    chapters: list[tuple[list[ContentDoc], NavEntry]] = [
        speech_document(s, i, chapter_file_name(i, len(doc.speeches)), style.role("cue").brackets, _item_indent(style))
        for i, s in enumerate(doc.speeches, 1)
    ]
    entries = [title_entry, *(e for _, e in chapters)]

    def titles(es: list[NavEntry]) -> list[str]:
        return [t for e in es for t in (e.title, *titles(e.children))]

    embed = bool(options.embed_fonts or style.epub.get("embed_fonts", False))
    faces = _embed_fonts(doc, style, options, titles(entries), book, diagnostics) if embed else {}
    book.add_item(
        epub.EpubItem(
            uid="css", file_name=STYLESHEET, media_type="text/css", content=build_css(style, faces).encode("utf-8")
        )
    )

    # The spine holds the items themselves: given ids, ebooklib looks each up in the list of
    # all items (26,000 pieces: 40 s).
    spine: list[object] = []
    guide: list[dict[str, str]] = []
    cover_image = _cover(doc, style, options, diagnostics)
    if cover_image is not None:
        _set_cover(book, cover_image)
        cover_page = cover_document(clean(doc.display_title()), COVER_IMAGE, "cover.xhtml")
        spine.append(book.add_item(_xhtml_item(cover_page)))
        guide.append({"href": cover_page.file_name, "title": "封面", "type": "cover"})

    spine.append(book.add_item(_xhtml_item(title_doc)))
    nav = epub.EpubNav(title=NAV_TITLE)
    nav.add_link(href=STYLESHEET, rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(
        epub.EpubItem(
            uid=ncx.UID,
            file_name=ncx.FILE_NAME,
            media_type=ncx.MEDIA_TYPE,
            content=ncx.ncx_document(book.uid, book.title, entries),
        )
    )
    spine.append(nav)
    guide.append({"href": nav.file_name, "title": NAV_TITLE, "type": "toc"})
    for parts, _ in chapters:
        for content in parts:
            spine.append(book.add_item(_xhtml_item(content)))
    body_start = chapters[0][0][0].file_name if chapters else title_doc.file_name
    guide.append({"href": body_start, "title": "正文", "type": "text"})

    book.spine = spine
    book.guide = guide

    when = modified_time(doc)
    raw = io.BytesIO()
    writer = _Writer(
        raw,
        book,
        {
            "mtime": when,
            "epub3_pages": False,
            "landmark_title": "导航",
            "raise_exceptions": True,
            "play_order": {"enabled": True, "start_from": 1},
            "compresslevel": 0,  # normalize_zip deflates every entry again
        },
        entries,
    )
    writer.process()
    writer.write()
    return normalize_zip(raw.getvalue(), when), tuple(diagnostics)


class EpubWriter:
    name = "epub"
    extension = ".epub"
    description = "EPUB 3 e-book (nav + NCX, CJK font stacks, optional embedded subset fonts)"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        data, diagnostics = build_epub(doc, style, options)
        Path(path).write_bytes(data)
        return WriteResult(diagnostics=diagnostics, pages=None)


WRITER = EpubWriter()
