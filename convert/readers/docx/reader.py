"""The Word reader: ``.docx`` manuscripts as the page shows them, into the shared model.

bytes → python-docx package → body walked in order (:mod:`.walk`: runs, tables,
tracked changes accepted, field results, Word's automatic numbering rebuilt by
:mod:`.numbering`) → paragraphs with hints (heading level from the style chain of
:mod:`.stylemap`, title/subtitle, quote, bold lead, table rows) → the same
structure builder as the text reader (:func:`..structure.build_document`). A document that
uses no styles at all thus goes through exactly the text reader's heuristics.

Decisions:

* **Line numbers** in diagnostics and blocks are the 1-based index of the paragraph among
  all paragraphs of the body in reading order, table-cell paragraphs included (a table
  block carries the index of its first cell paragraph).
* **Automatic numbering**: the printed ordinal is put in front of the paragraph text
  (``一、`` + ``充分肯定成绩``); Word's tab after it is dropped between CJK characters (see
  :func:`.numbering.join_label`).
* **Run-in leads**: bold runs that open a body paragraph and end a sentence (。！？；：)
  become the paragraph's lead (a run-in heading); a paragraph wholly bold, short, with no
  sentence end, is a heading when it has an ordinal that forms a series (the text rules
  decide) or when two or more such lines appear; a lone short bold line is emphasis.
* **Footnotes and endnotes** become Note blocks of kind ``footnote`` right after the
  paragraph that cites them; the citation mark in the text is the note's number as a
  circled digit (①), which also opens the note, so the reader can match them.
* **Tracked changes** are read as accepted (insertions kept, deletions dropped), with a
  warning; **comments** are ignored, with an info diagnostic; hidden text and text boxes
  are not read (reported); headers, footers and page-number fields are not content.
* A document our own writer made is read style by style (:mod:`.faithful`), so a
  round trip gives the same model.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ...model import Diagnostic, Document
from ..base import ReadError, ReadOptions
from ..cleanup import clean_line
from ..paragraphs import Kind, RawPara, bold_lead, bold_lines, clean_runs
from ..structure import build_document
from .faithful import is_speechpress, read_faithful
from .numbering import Numbering, join_label
from .stylemap import StyleMap
from .walk import Walker, WPara, WTable, note_texts

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _part(document: docx.document.Document, reltype: str) -> etree._Element | None:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            el = getattr(part, "element", None)
            if el is not None:
                return el
            return etree.fromstring(part.blob)
    return None


def _open(data: bytes) -> docx.document.Document:
    if not data:
        raise ReadError("empty input: not a Word document")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a .docx file (not a ZIP package; a .doc from Word 97–2003 must be saved as .docx first)")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise ReadError(f"not a readable .docx package: {e}") from None


def _mark(n: int) -> str:
    return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"[{n}]"


class _Builder:
    def __init__(self, styles: StyleMap, options: ReadOptions, diags: list[Diagnostic]) -> None:
        self.styles = styles
        self.options = options
        self.diags = diags
        self.note_seq = 0

    def para(self, p: WPara, notes: dict[tuple[str, str], str]) -> list[RawPara]:
        role, level = self.styles.role(p.style)
        if p.outline is not None:
            role, level = ("heading", p.outline + 1) if p.outline < 9 else (None, None)
        if role == "toc":
            return []
        text_runs: list[tuple[str, bool, bool]] = []
        pos = 0
        pending = sorted(p.notes)
        marks: list[tuple[int, str, str]] = []
        for r in p.runs:
            start, end = pos, pos + len(r.text)
            while pending and pending[0][0] <= start:
                marks.append(pending.pop(0))
                self._mark(text_runs, marks[-1], notes)
            text_runs.append((r.text, r.bold, r.italic))
            pos = end
        for m in pending:
            marks.append(m)
            self._mark(text_runs, m, notes)
        if p.label:
            first = text_runs[0][0] if text_runs else ""
            joined = join_label(p.label, first, p.suffix)
            if text_runs:
                text_runs[0] = (joined, text_runs[0][1], text_runs[0][2])
            else:
                text_runs.append((joined, False, False))
        text, runs = clean_runs(p.index, text_runs, self.options.repair, self.diags)
        if not text:
            return self._notes(p, marks, notes)
        rp = RawPara(text=text, line=p.index, lines=[p.index], offsets=[0])
        if role == "heading" and level is not None:
            rp.level = level
        elif role in ("title", "subtitle"):
            rp.kind = Kind(role)
        elif role == "quote":
            rp.kind = Kind.QUOTE
        elif p.bullet:
            rp.kind = Kind.LIST_ITEM
        if rp.level is None and rp.kind is None and runs:
            if all(r.bold for r in runs if r.text.strip()):
                rp.runs = None  # wholly bold: a heading candidate, decided in _bold_lines
                rp.kind = Kind.BOLD_LINE
            else:
                rp.runs = runs
                rp.lead = bold_lead(runs, text)
        elif runs and rp.level is None:
            rp.runs = runs
        return [rp] + self._notes(p, marks, notes)

    def _mark(
        self, text_runs: list[tuple[str, bool, bool]], m: tuple[int, str, str], notes: dict[tuple[str, str], str]
    ) -> None:
        if (m[1], m[2]) not in notes:
            return
        self.note_seq += 1
        text_runs.append((_mark(self.note_seq), False, False))

    def _notes(self, p: WPara, marks: list[tuple[int, str, str]], notes: dict[tuple[str, str], str]) -> list[RawPara]:
        out = []
        first = self.note_seq - sum(1 for m in marks if (m[1], m[2]) in notes)
        k = first
        for _, kind, nid in marks:
            body = notes.get((kind, nid))
            if body is None:
                continue
            k += 1
            text = _mark(k) + clean_line(body, p.index, self.options.repair, self.diags)
            out.append(RawPara(text=text, line=p.index, lines=[p.index], offsets=[0], kind=Kind.FOOTNOTE))
        return out


class DocxReader:
    def read(self, data: bytes, options: ReadOptions) -> Document:
        document = _open(data)
        diags: list[Diagnostic] = []
        styles = StyleMap(_part(document, RT.STYLES))
        numbering = Numbering(_part(document, RT.NUMBERING))
        numbering.resolve_links({sid: (i.num_id, i.ilvl) for sid, i in styles.styles.items()})
        ours = is_speechpress(styles)
        walker = Walker(styles, numbering, line_breaks=ours)
        items = walker.body(document.element.body)
        notes = {("footnote", k): v for k, v in note_texts(_part(document, RT.FOOTNOTES), walker, "footnote").items()}
        notes.update(
            {("endnote", k): v for k, v in note_texts(_part(document, RT.ENDNOTES), walker, "endnote").items()}
        )
        self._report(walker, document, diags)
        if ours:
            return read_faithful(items, styles, diags, options.source)
        b = _Builder(styles, options, diags)
        paras: list[RawPara] = []
        for it in items:
            if isinstance(it, WTable):
                rows = tuple(tuple(clean_line(c, it.index, options.repair, diags) for c in row) for row in it.rows)
                if any(any(c for c in r) for r in rows):
                    paras.append(
                        RawPara(
                            text="".join("".join(r) for r in rows),
                            line=it.index,
                            lines=[it.index],
                            offsets=[0],
                            kind=Kind.TABLE,
                            rows=rows,
                        )
                    )
            else:
                paras.extend(b.para(it, notes))
        bold_lines(paras)
        if not paras:
            raise ReadError("the Word document has no text")
        return build_document(paras, diags, options.source)

    @staticmethod
    def _report(walker: Walker, document: docx.document.Document, diags: list[Diagnostic]) -> None:
        st = walker.stats
        if st["insertions"] or st["deletions"]:
            diags.append(
                Diagnostic(
                    "warning",
                    "tracked-changes",
                    f"tracked changes read as accepted: {st['insertions']} insertion(s) kept, {st['deletions']} deletion(s) dropped",
                    None,
                )
            )
        comments = _part(document, RT.COMMENTS)
        n = (
            len(comments.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}comment"))
            if comments is not None
            else 0
        )
        if n or st["comments"]:
            diags.append(Diagnostic("info", "comments", f"{n or st['comments']} comment(s) ignored", None))
        if st["hidden"]:
            diags.append(Diagnostic("info", "hidden-text", f"{st['hidden']} hidden run(s) not read", None))
        if st["alternate"]:
            diags.append(Diagnostic("info", "text-box", f"{st['alternate']} drawing(s) or text box(es) not read", None))


def read_docx(data: bytes, options: ReadOptions) -> Document:
    return DocxReader().read(data, options)
