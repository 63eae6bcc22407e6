"""A ``.docx`` package opened the careful way: what it is, its parts, read within limits.

python-docx inflates every part of a package when it opens one (images included), and a
40 KB file can expand to gigabytes. Here nothing is inflated before its declared size and
compression ratio are checked against :mod:`convert.limits`, a part is read through a
counting stream that stops at the limit whatever the ZIP header claims, and only the parts
the reader needs are read at all. XML is parsed without DTDs, entities or network access.

What the bytes are is said in words when they are not a Word document: an Excel workbook
or a PowerPoint deck saved as ``.docx``, a password-protected document, a Word 97–2003
``.doc``, an OpenDocument text, a damaged ZIP.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from lxml import etree

from ...limits import LimitExceeded, Limits, shown
from ..base import ReadError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def qn(tag: str) -> str:
    """``"w:val"`` → ``"{W_NS}val"`` (python-docx's ``qn`` for the one prefix the reader
    uses: importing it loaded all of python-docx, 35-50 ms a read)."""
    prefix, _, local = tag.partition(":")
    if prefix != "w":
        raise ValueError(f"no namespace for prefix {prefix!r}")
    return f"{{{W_NS}}}{local}"


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

#: Relationship types by their last path segment: the transitional and the strict URIs
#: (``…/2006/relationships/styles``, ``http://purl.oclc.org/…/styles``) end the same.
STYLES, NUMBERING, FOOTNOTES, ENDNOTES, COMMENTS = "styles", "numbering", "footnotes", "endnotes", "comments"

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, or an encrypted .docx
_NOT_WORD = (  # main-part path or content type fragment -> what the file is
    ("spreadsheetml", "an Excel workbook (.xlsx), not a Word document"),
    ("xl/workbook", "an Excel workbook (.xlsx), not a Word document"),
    ("presentationml", "a PowerPoint presentation (.pptx), not a Word document"),
    ("ppt/presentation", "a PowerPoint presentation (.pptx), not a Word document"),
    ("visio", "a Visio drawing, not a Word document"),
)
_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt), not a Word document: save it as .docx",
    b"application/epub+zip": "an EPUB book, not a Word document",
}


def _sniff_not_zip(data: bytes) -> str:
    """The message for bytes that are not a ZIP package."""
    head = data[:16].lstrip()
    if data.startswith(_CFB):
        if "EncryptedPackage".encode("utf-16-le") in data[:65536] or b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00" in data:
            return "a password-protected Word document: remove the password in Word and save it again"
        return "a Word 97–2003 .doc (or another OLE file), not a .docx: save it as .docx first"
    if head.startswith(b"{\\rtf"):
        return "an RTF document, not a .docx: save it as .docx first"
    if head.startswith(b"%PDF"):
        return "a PDF file, not a Word document"
    if head[:5].lower() in (b"<html", b"<!doc", b"<?xml"):
        return "an HTML or XML file, not a .docx package (Word can save it as .docx)"
    return "not a .docx file (not a ZIP package; a .doc from Word 97–2003 must be saved as .docx first)"


def _zip_entry_count(data: bytes) -> int | None:
    """Entries the central directory declares, read before :mod:`zipfile` builds it."""
    tail = data[-(65536 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count == 0xFFFF:  # ZIP64: the count is in the ZIP64 end record
        loc = tail.rfind(b"PK\x06\x07", 0, at)
        if loc >= 0 and loc + 20 <= len(tail):
            offset = struct.unpack("<Q", tail[loc + 8 : loc + 16])[0]
            if offset + 56 <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
                return int(struct.unpack("<Q", data[offset + 32 : offset + 40])[0])
    return int(count)


class _Bounded(io.RawIOBase):
    """A part's inflating stream that fails once it has produced more than the limit, and
    refuses a DTD (entity declarations: XXE, billion laughs) in the prolog."""

    def __init__(self, raw: IO[bytes], name: str, limit: int, limit_name: str) -> None:
        super().__init__()
        self.raw = raw
        self.name = name
        self.limit = limit
        self.limit_name = limit_name
        self.count = 0
        self.head = b""

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        want = 65536 if n is None or n < 0 else min(n, 1 << 20)
        try:
            chunk = self.raw.read(want)
        except (zipfile.BadZipFile, zlib.error, EOFError) as e:
            raise ReadError(f"the package is damaged: {self.name} cannot be inflated ({_plain(e)})") from None
        self.count += len(chunk)
        if self.count > self.limit:
            raise LimitExceeded(
                f"{self.name} expands beyond {shown(self.limit_name, self.limit)}", self.limit_name, self.limit
            )
        if len(self.head) < 4096:
            self.head += chunk[: 4096 - len(self.head)]
            if b"<!DOCTYPE" in self.head or "<!DOCTYPE".encode("utf-16-le") in self.head:
                raise ReadError(f"{self.name} declares a DTD (entities), which Word never writes: refused")
        return chunk

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]  # RawIOBase types b as a buffer; a bytearray is what zipfile passes
        chunk = self.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def _plain(e: BaseException) -> str:
    """An exception's message without Python's object reprs."""
    text = str(e) or type(e).__name__
    return text.split(" at 0x")[0] if "<_io." in text else text


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )


class Malformed(ReadError):
    """A part that is not well-formed XML (an optional part can be skipped)."""


def xml_error(name: str, e: etree.XMLSyntaxError) -> ReadError:
    """A parse error in words: deep nesting, entities, or malformed XML with its line."""
    msg = str(e.msg if getattr(e, "msg", None) else e)
    if "Excessive depth" in msg:
        return ReadError(f"{name} nests elements more than 256 levels deep (tables in tables?): refused")
    if "Entity" in msg or "entity" in msg:
        return ReadError(f"{name} uses an XML entity Word never writes: refused")
    line = f" at line {e.lineno}" if getattr(e, "lineno", None) else ""
    return Malformed(f"{name} is not well-formed XML{line}: {msg.split(', line')[0]}")


class Package:
    """The parts of one ``.docx``: found through the package's relationships, read lazily."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.limits = limits
        if not data:
            raise ReadError("empty input: not a Word document")
        if not data.startswith(b"PK"):
            raise ReadError(_sniff_not_zip(data))
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ReadError("the package is damaged or cut short: its ZIP directory is missing")
        entries = _zip_entry_count(data)
        if entries is not None and entries > limits.max_zip_entries:
            raise LimitExceeded(f"the package lists {entries:,} files", "max_zip_entries", limits.max_zip_entries)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as e:
            raise ReadError(f"the package is damaged: {_plain(e)}") from None
        if len(self.zip.infolist()) > limits.max_zip_entries:
            raise LimitExceeded(
                f"the package lists {len(self.zip.infolist()):,} files", "max_zip_entries", limits.max_zip_entries
            )
        # OPC part names compare case-insensitively.
        self.entries = {i.filename.lstrip("/").lower(): i for i in self.zip.infolist()}
        self._identify()
        self.main = self._main_part()
        self.rels = self._relationships(self.main)

    # -- what the package is -----------------------------------------------------------
    def _identify(self) -> None:
        mimetype = self.entries.get("mimetype")
        if mimetype is not None and mimetype.file_size < 200:
            kind = self._read_small("mimetype").strip()
            if kind in _MIMETYPES:
                raise ReadError(_MIMETYPES[kind])
        types = self.entries.get("[content_types].xml")
        if types is not None and types.file_size < self.limits.max_tree_part_bytes:
            try:
                root = etree.fromstring(self._read("[Content_Types].xml", self.limits.max_tree_part_bytes), parser())
            except etree.XMLSyntaxError:
                root = None
            if root is not None:
                mains = [
                    (o.get("PartName") or "", o.get("ContentType") or "")
                    for o in root.iter(_CT_NS + "Override")
                    if (o.get("ContentType") or "").endswith(".main+xml")
                ]
                if mains and not any("wordprocessingml" in ct for _, ct in mains):
                    for key, message in _NOT_WORD:
                        if any(key in ct or key in name for name, ct in mains):
                            raise ReadError(message)

    def _main_part(self) -> str:
        target = None
        if "_rels/.rels" in self.entries:
            for rel_type, tgt in self._rel_entries("_rels/.rels", ""):
                if rel_type == "officeDocument":
                    target = tgt
                    break
        if target is None:
            target = "word/document.xml"
        for key, message in _NOT_WORD:
            if key in target:
                raise ReadError(message)
        if target.lower() not in self.entries:
            if any(n.startswith("xl/") for n in self.entries):
                raise ReadError(_NOT_WORD[0][1])
            if any(n.startswith("ppt/") for n in self.entries):
                raise ReadError(_NOT_WORD[2][1])
            raise ReadError("a ZIP archive without a Word document in it (no word/document.xml)")
        return target

    def _rel_entries(self, rels_name: str, base: str) -> Iterator[tuple[str, str]]:
        """(type's last segment, target part name) of the internal relationships listed."""
        try:
            root = etree.fromstring(self._read(rels_name, self.limits.max_tree_part_bytes), parser())
        except etree.XMLSyntaxError:
            return
        for rel in root.iter(_RELS_NS + "Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external":
                continue
            target = rel.get("Target") or ""
            if "://" in target or not target:
                continue
            if target.startswith("/"):
                path = posixpath.normpath(target.lstrip("/"))
            else:
                path = posixpath.normpath(posixpath.join(base, target))
            if path.startswith("..") or path.startswith("/"):
                continue  # outside the package: never followed
            yield (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1], path

    def _relationships(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        out: dict[str, str] = {}
        if rels_name.lower() in self.entries:
            for rel_type, target in self._rel_entries(rels_name, folder):
                if target.lower() in self.entries:
                    out.setdefault(rel_type, target)
        return out

    # -- reading parts -----------------------------------------------------------------
    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.entries[name.lower()]
        if info.flag_bits & 0x1:
            raise ReadError("the package is encrypted (a password-protected ZIP): not a Word document as saved by Word")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(f"{name} is compressed with a method Word never uses ({info.compress_type}): refused")
        return info

    def open(self, name: str, limit: int, limit_name: str) -> _Bounded:
        """A bounded stream of one part; sizes and ratio checked before inflating."""
        info = self._info(name)
        if info.file_size > limit:
            raise LimitExceeded(f"{name} declares {shown(limit_name, info.file_size)} uncompressed", limit_name, limit)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > self.limits.ratio_floor_bytes and ratio > self.limits.max_ratio:
            raise LimitExceeded(
                f"{name} inflates {ratio:,.0f}× (a decompression bomb?)", "max_ratio", self.limits.max_ratio
            )
        try:
            raw = self.zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError) as e:
            raise ReadError(f"the package is damaged: {name} cannot be opened ({_plain(e)})") from None
        return _Bounded(raw, name, limit, limit_name)

    def _read(self, name: str, limit: int, limit_name: str = "max_tree_part_bytes") -> bytes:
        with self.open(name, limit, limit_name) as f:
            out = bytearray()
            while chunk := f.read(65536):
                out += chunk
            return bytes(out)

    def _read_small(self, name: str) -> bytes:
        return self._read(name, 4096)

    def tree(self, rel_type: str) -> etree._Element | None:
        """A related part parsed whole (styles, numbering), or None when absent; raises
        :class:`Malformed` when it is not XML."""
        name = self.rels.get(rel_type)
        if name is None:
            return None
        data = self._read(name, self.limits.max_tree_part_bytes)
        try:
            return etree.fromstring(data, parser())
        except etree.XMLSyntaxError as e:
            raise xml_error(name, e) from None

    def events(self, name: str) -> Iterator[tuple[str, etree._Element]]:
        """Start/end events of a part, streamed: memory follows what the caller keeps."""
        stream = self.open(name, self.limits.max_part_bytes, "max_part_bytes")
        try:
            yield from etree.iterparse(
                stream,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
        except etree.XMLSyntaxError as e:
            raise xml_error(name, e) from None
        finally:
            stream.close()

    def related_events(self, rel_type: str) -> Iterator[tuple[str, etree._Element]] | None:
        name = self.rels.get(rel_type)
        return None if name is None else self.events(name)

    def name_of(self, rel_type: str) -> str | None:
        return self.rels.get(rel_type)
