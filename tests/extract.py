"""What a reader of each output sees: the text of a DOCX (python-docx), an EPUB (its
spine's XHTML, parsed strictly with lxml) and a PDF (poppler's pdftotext), and the
"nothing lost" check on it. Shared by the reliability and pipeline property tests."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

import docx
from docx.oxml.ns import qn
from lxml import etree

from convert.model import Document, Note, content_chars
from convert.readers.context import EXPLAIN_CODE

EPUB_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container", "opf": "http://www.idpf.org/2007/opf"}
XHTML_BODY = "{http://www.w3.org/1999/xhtml}body"


# ---- extraction: what a reader of each output sees ----------------------------------------


def docx_text(path: Path) -> str:
    """Body paragraphs and table cells in order (python-docx reopens the package)."""
    d = docx.Document(str(path))
    parts = []
    for child in d.element.body:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            parts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
    return "\n".join(parts)


def epub_text(path: Path, skip_nav: bool = True) -> str:
    """The spine's XHTML bodies in reading order (container -> OPF -> spine), parsed strictly."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        return _spine_text(z, skip_nav)


def _spine_text(z: zipfile.ZipFile, skip_nav: bool) -> str:
    opf_path = etree.fromstring(z.read("META-INF/container.xml")).find(".//c:rootfile", EPUB_NS).get("full-path")
    base = PurePosixPath(opf_path).parent
    opf = etree.fromstring(z.read(opf_path))
    items = {i.get("id"): i for i in opf.findall(".//opf:manifest/opf:item", EPUB_NS)}
    parts = []
    for ref in opf.findall(".//opf:spine/opf:itemref", EPUB_NS):
        item = items[ref.get("idref")]
        if skip_nav and "nav" in (item.get("properties") or "").split():
            continue
        root = etree.fromstring(z.read(str(base / item.get("href"))))
        parts.append("".join(root.find(XHTML_BODY).itertext()))
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


EXTRACT = {"docx": docx_text, "pdf": pdf_text, "epub": epub_text}


def lost(expected: str, text: str) -> str | None:
    """None when ``expected`` (Han chars + digits) appears in order in ``text``; else a
    short account of what is missing, for the assertion message."""
    it = iter(content_chars(text))
    if all(ch in it for ch in expected):
        return None
    missing = Counter(expected) - Counter(content_chars(text))
    return (
        f"missing {sum(missing.values())} chars, e.g. {''.join(list(missing)[:12])!r}" if missing else "order differs"
    )


# ---- the text reader's oracle: what the model must hold of a source text --------------------

#: Diagnostics that report a source line dropped as furniture or a site marker.
DROPPED = {"site-marker", "page-number", "running-header"}


def reader_expected(text: str, doc: Document) -> str:
    """The content characters the text reader must keep of ``text``: all, in order, less
    the lines it reports as dropped; with its reported repairs applied (escapes of
    invisible spaces, Kangxi radicals read as the characters they look like)."""
    from convert.readers.cleanup import split_lines

    dropped = {d.line for d in doc.diagnostics if d.code in DROPPED}
    if any(d.code == "escape" for d in doc.diagnostics):
        text = re.sub(r"<U\+[0-9A-Fa-f]{4,6}>", " ", text)  # reported escapes are not content
    if any(d.code == "radical" for d in doc.diagnostics):  # reported repair: 〈⼀〉 -> 〈一〉
        text = "".join(unicodedata.normalize("NFKC", c) if "\u2e80" <= c <= "\u2fdf" else c for c in text)
    lines, _ = split_lines(text)
    kept = [(n, x) for n, x in enumerate(lines, 1) if n not in dropped]
    pre = preamble_lines(doc)
    if pre:
        # the documented move: notes found above the title come after the title block,
        # before the first block of the text
        at = min(b.line for s in doc.speeches for b in s.blocks if b.line is not None and b.line not in pre)
        kept = (
            [(n, x) for n, x in kept if n < at and n not in pre]
            + [(n, x) for n, x in kept if n in pre]
            + [(n, x) for n, x in kept if n >= at]
        )
    for holder in (doc, *doc.speeches):
        kept = _speaker_before_date(kept, holder.author, holder.date)
    return content_chars("\n".join(x for _, x in kept))


def _speaker_before_date(kept: list[tuple[int, str]], author: str | None, date: str | None) -> list[tuple[int, str]]:
    """The other documented move: a speaker's line found right under the date line
    (（2024年1月10日） / 张三) is the author, which the model gives before the date."""
    if not author or not date:
        return kept
    text = [x.strip() for _, x in kept]
    for k, line in enumerate(text):
        if line != date:
            continue
        nxt = next((m for m in range(k + 1, len(text)) if text[m]), None)
        if nxt is not None and text[nxt] == author:
            return kept[:k] + [kept[nxt]] + kept[k:nxt] + kept[nxt + 1 :]
    return kept


def preamble_lines(doc: Document) -> set[int]:
    """Lines the reader moved from above the title to the first piece as editorial notes
    (a breadcrumb, a provenance line, a file name): reported with ``inspect --explain``.
    Read with ``explain``, the reader says which they are; without, they are the leading
    editorial notes whose lines come before the first other block's (a guess that a note
    read from a text box under the title would fool)."""
    said = {d.line for d in doc.diagnostics if d.code == EXPLAIN_CODE and "note above the title" in d.message}
    if any(d.code == EXPLAIN_CODE for d in doc.diagnostics):
        return {n for n in said if n is not None}
    out: set[int] = set()
    for b in doc.speeches[0].blocks if doc.speeches else ():
        if not (isinstance(b, Note) and b.kind == "editorial" and b.line is not None):
            break
        out.add(b.line)
    title_line = min(
        (b.line for s in doc.speeches for b in s.blocks if b.line is not None and b.line not in out), default=0
    )
    return {n for n in out if n < title_line} if doc.title else set()
