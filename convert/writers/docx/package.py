"""The package: a zip of parts with their content types and relationships (OPC,
ECMA-376 Part 2), written in one pass, the document body streamed into it.

A part is added together with the relationship that reaches it (from the package or from
the main document), so no part is written that nothing names and no relationship points
at a missing part. What a Speechpress file holds, and why no more:

* ``word/document.xml`` (the body), ``styles.xml``, ``settings.xml``, ``fontTable.xml``,
  the headers and footers a style asks for, ``docProps/core.xml`` and ``app.xml``.
* No theme: every style names its faces and colours, so nothing resolves through a theme
  (Word, WPS and LibreOffice use their own default theme when a file has none). No
  ``webSettings.xml`` (web-page export options), no ``numbering.xml`` (no style numbers
  paragraphs: list numbers are text), no ``stylesWithEffects.xml`` (Word 2010's copy of
  the styles, 438 KB unpacked in python-docx's template), no thumbnail, no
  ``customXml``: all optional parts (Part 1, 11.3) that only a template carried.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

from .xml import DECLARATION, attr_value

_OFFICE = "application/vnd.openxmlformats-officedocument"
_WML = f"{_OFFICE}.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class PartKind(NamedTuple):
    """What a part is: its content type, and the relationship that reaches it."""

    content_type: str
    relationship: str


class PART:
    """The kinds of part a Speechpress file holds."""

    DOCUMENT = PartKind(f"{_WML}.document.main+xml", f"{_RELS}/officeDocument")
    STYLES = PartKind(f"{_WML}.styles+xml", f"{_RELS}/styles")
    SETTINGS = PartKind(f"{_WML}.settings+xml", f"{_RELS}/settings")
    FONT_TABLE = PartKind(f"{_WML}.fontTable+xml", f"{_RELS}/fontTable")
    HEADER = PartKind(f"{_WML}.header+xml", f"{_RELS}/header")
    FOOTER = PartKind(f"{_WML}.footer+xml", f"{_RELS}/footer")
    CORE = PartKind(
        "application/vnd.openxmlformats-package.core-properties+xml",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    )
    APP = PartKind(f"{_OFFICE}.extended-properties+xml", f"{_RELS}/extended-properties")


#: The content type of the relationship parts themselves.
RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"


#: The main document's folder: its relationships' targets are relative to it.
WORD = "word/"
DOCUMENT = f"{WORD}document.xml"

#: A part's content: bytes, or pieces written one after the other (a spooled file is
#: copied, not read into memory).
Content = bytes | Sequence[bytes | IO[bytes]]


@dataclass
class _Part:
    name: str
    content_type: str
    content: Content


@dataclass
class Package:
    """The parts of one file and the relationships that reach them."""

    parts: list[_Part] = field(default_factory=list)
    package_rels: list[tuple[str, str]] = field(default_factory=list)  # (type, target)
    document_rels: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, kind: PartKind, content: Content) -> str:
        """Add a part of ``kind``, reached from the main document when the part is in its
        folder (``word/…``, but not the document itself), else from the package. Returns
        the relationship's id, for the XML that refers to the part."""
        self.parts.append(_Part(name, kind.content_type, content))
        if name.startswith(WORD) and name != DOCUMENT:
            self.document_rels.append((kind.relationship, name.removeprefix(WORD)))
            return f"rId{len(self.document_rels)}"
        self.package_rels.append((kind.relationship, name))
        return f"rId{len(self.package_rels)}"

    def _content_types(self) -> bytes:
        overrides = "".join(
            f'<Override PartName="/{attr_value(p.name)}" ContentType="{p.content_type}"/>' for p in self.parts
        )
        return (
            DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{RELATIONSHIPS_TYPE}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + overrides + "</Types>"
        ).encode("utf-8")

    @staticmethod
    def _rels(rels: list[tuple[str, str]]) -> bytes:
        items = "".join(
            f'<Relationship Id="rId{n}" Type="{kind}" Target="{attr_value(target)}"/>'
            for n, (kind, target) in enumerate(rels, 1)
        )
        return (
            DECLARATION
            + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + items
            + "</Relationships>"
        ).encode("utf-8")

    def write(self, path: Path, when: dt.datetime) -> None:
        """Write the zip to ``path``, every entry stamped ``when`` (so the same input and
        SOURCE_DATE_EPOCH give the same bytes).

        The file is ours to open and close: a failed write (a full disk) closes the zip
        without letting its finaliser try again at exit, where it printed a traceback."""
        stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]  # the zip format's epoch

        def info(name: str) -> zipfile.ZipInfo:
            i = zipfile.ZipInfo(name, date_time=stamp)
            i.compress_type = zipfile.ZIP_DEFLATED
            i.external_attr = 0o644 << 16
            return i

        entries: list[tuple[str, Content]] = [
            ("[Content_Types].xml", self._content_types()),
            ("_rels/.rels", self._rels(self.package_rels)),
            (f"{WORD}_rels/document.xml.rels", self._rels(self.document_rels)),
            *((p.name, p.content) for p in self.parts),
        ]
        with open(path, "wb") as raw:
            dst = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
            try:  # not ``with``: a failed close must not be retried by the finaliser
                for name, content in entries:
                    if isinstance(content, bytes):
                        dst.writestr(info(name), content)
                        continue
                    with dst.open(info(name), "w") as out:
                        for piece in content:
                            if isinstance(piece, bytes):
                                out.write(piece)
                            else:
                                shutil.copyfileobj(piece, out, 1 << 20)
                dst.close()
            except BaseException:
                with contextlib.suppress(OSError, ValueError):  # the write's own error is the one to report
                    dst.close()
                dst.fp = None  # never finalised again at exit
                raise
