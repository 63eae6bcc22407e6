"""The Word reader: ``.docx`` manuscripts as the page shows them, into the shared model.

bytes → python-docx package → body walked in order (:mod:`.docx_walk`: runs, tables,
tracked changes accepted, field results, Word's automatic numbering rebuilt by
:mod:`.docx_numbering`) → paragraphs with hints (heading level from the style chain of
:mod:`.docx_stylemap`, title/subtitle, quote, bold lead, table rows) → the same
structure builder as the text reader (:func:`.structure.build_document`). A document that
uses no styles at all thus goes through exactly the text reader's heuristics.

Decisions:

* **Line numbers** in diagnostics and blocks are the 1-based index of the paragraph among
  all paragraphs of the body in reading order, table-cell paragraphs included (a table
  block carries the index of its first cell paragraph).
* **Automatic numbering**: the printed ordinal is put in front of the paragraph text
  (``一、`` + ``充分肯定成绩``); Word's tab after it is dropped between CJK characters (see
  :func:`.docx_numbering.join_label`).
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
* A document our own writer made is read style by style (:mod:`.docx_faithful`), so a
  round trip gives the same model.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..model import Diagnostic, Document, Note, Run, Speech
from . import cues
from .base import ReadError, ReadOptions
from .cleanup import HAN, clean_line
from .docx_faithful import is_speechpress, read_faithful
from .docx_numbering import Numbering, join_label
from .docx_stylemap import StyleMap
from .docx_walk import Walker, WPara, WTable, note_texts
from .paragraphs import RawPara
from .docx_titleblock import build

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEAD_END = "。！？；：!?;:"
#: Longest wholly bold line taken as a heading candidate.
BOLD_HEADING_MAX = 40


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


def clean_runs(line: int, text_runs: list[tuple[str, bool, bool]], repair: bool, diags: list[Diagnostic]) -> tuple[str, tuple[Run, ...] | None]:
    """Clean the paragraph with the text reader's repairs, keeping inline emphasis.

    Plain paragraphs are cleaned as one line. With emphasis, each run is cleaned on its own
    (repairs look only at neighbouring characters, so little is lost) and the spaces at run
    edges are kept, so the runs still add up to the paragraph text.
    """
    raw = "".join(t for t, _, _ in text_runs)
    if not any(b or i for _, b, i in text_runs):
        return clean_line(raw, line, repair, diags), None
    runs: list[Run] = []
    n = len(text_runs)
    for k, (t, b, i) in enumerate(text_runs):
        lead = t[: len(t) - len(t.lstrip(" \t\u3000"))] if k else ""
        trail = t[len(t.rstrip(" \t\u3000")):] if k < n - 1 else ""
        c = clean_line(t, line, repair, diags)
        if not c.strip(" "):
            c = ""
        c = (lead.replace("\t", " ") + c + trail.replace("\t", " ")) if c else (" " if (lead or trail) and 0 < k < n - 1 else "")
        if c:
            if runs and (runs[-1].bold, runs[-1].italic) == (b, i):
                runs[-1] = Run(runs[-1].text + c, b, i)
            else:
                runs.append(Run(c, b, i))
    text = "".join(r.text for r in runs)
    return text, (tuple(runs) if any(not r.plain for r in runs) else None)


def bold_lead(runs: tuple[Run, ...] | None, text: str) -> str | None:
    """The bold lead sentence opening a paragraph, when there is more text after it."""
    if not runs or not runs[0].bold:
        return None
    lead = ""
    for r in runs:
        if not r.bold:
            break
        lead += r.text
    stripped = lead.rstrip()
    if not stripped or len(stripped) >= len(text.rstrip()) or stripped[-1] not in _LEAD_END:
        return None
    return stripped if len(stripped) <= 100 and text.startswith(stripped) else None


class _Builder:
    def __init__(self, styles: StyleMap, options: ReadOptions, diags: list[Diagnostic]) -> None:
        self.styles = styles
        self.options = options
        self.diags = diags
        self.note_seq = 0
        self.note_lines: set[tuple[int, str]] = set()

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
            rp.kind = role
        elif role == "quote":
            rp.kind = "quote"
        elif p.bullet:
            rp.kind = "list_item"
        if rp.level is None and rp.kind is None and runs:
            if all(r.bold for r in runs if r.text.strip()):
                rp.runs = None  # wholly bold: a heading candidate, decided in _bold_lines
                rp.kind = "bold-line"
            else:
                rp.runs = runs
                rp.lead = bold_lead(runs, text)
        elif runs and rp.level is None:
            rp.runs = runs
        return [rp] + self._notes(p, marks, notes)

    def _mark(self, text_runs: list[tuple[str, bool, bool]], m: tuple[int, str, str], notes: dict[tuple[str, str], str]) -> None:
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
            self.note_lines.add((p.index, text))
            out.append(RawPara(text=text, line=p.index, lines=[p.index], offsets=[0], kind="note"))
        return out


def bold_lines(paras: list[RawPara]) -> None:
    """Wholly bold lines: headings when several appear, emphasis when alone."""
    cands = [p for p in paras if p.kind == "bold-line"]
    ok = [p for p in cands if len(p.text) <= BOLD_HEADING_MAX and p.text.rstrip()[-1:] not in "。！？!?…；;" and re.search(f"[{HAN}A-Za-z]", p.text)]
    from .ordinals import match_ordinal
    explicit = [p.level for p in paras if p.level is not None]
    base = (max(explicit) + 1) if explicit else 1
    unnumbered = [p for p in ok if match_ordinal(p.text) is None]
    for p in cands:
        p.kind = None
        p.runs = (Run(p.text, bold=True),)
        if len(unnumbered) >= 2 and any(p is q for q in unnumbered):
            p.level = base


def _fix_notes(doc: Document, note_lines: set[tuple[int, str]]) -> Document:
    """structure makes every note an editorial one; ours are footnotes."""
    if not note_lines:
        return doc
    speeches = []
    for s in doc.speeches:
        blocks = tuple(replace(b, kind="footnote") if isinstance(b, Note) and (b.line, b.text) in note_lines else b for b in s.blocks)
        speeches.append(replace(s, blocks=blocks))
    return replace(doc, speeches=tuple(speeches))


class DocxReader:
    name = "docx"
    extensions = (".docx", ".docm", ".dotx")
    description = "Word documents: styles, automatic numbering, bold leads, tables, footnotes, tracked changes"

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
        notes.update({("endnote", k): v for k, v in note_texts(_part(document, RT.ENDNOTES), walker, "endnote").items()})
        self._report(walker, document, diags)
        if ours:
            return read_faithful(items, styles, diags, options.source)
        b = _Builder(styles, options, diags)
        paras: list[RawPara] = []
        for it in items:
            if isinstance(it, WTable):
                rows = tuple(tuple(clean_line(c, it.index, options.repair, diags) for c in row) for row in it.rows)
                if any(any(c for c in r) for r in rows):
                    paras.append(RawPara(text="".join("".join(r) for r in rows), line=it.index, lines=[it.index], offsets=[0], kind="table", rows=rows))
            else:
                paras.extend(b.para(it, notes))
        bold_lines(paras)
        if not paras:
            raise ReadError("the Word document has no text")
        doc = build(paras, diags, options.source)
        return _fix_notes(doc, b.note_lines)

    @staticmethod
    def _report(walker: Walker, document: docx.document.Document, diags: list[Diagnostic]) -> None:
        st = walker.stats
        if st["insertions"] or st["deletions"]:
            diags.append(Diagnostic("warning", "tracked-changes",
                                    f"tracked changes read as accepted: {st['insertions']} insertion(s) kept, {st['deletions']} deletion(s) dropped", None))
        comments = _part(document, RT.COMMENTS)
        n = len(comments.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}comment")) if comments is not None else 0
        if n or st["comments"]:
            diags.append(Diagnostic("info", "comments", f"{n or st['comments']} comment(s) ignored", None))
        if st["hidden"]:
            diags.append(Diagnostic("info", "hidden-text", f"{st['hidden']} hidden run(s) not read", None))
        if st["alternate"]:
            diags.append(Diagnostic("info", "text-box", f"{st['alternate']} drawing(s) or text box(es) not read", None))


READER = DocxReader()
