"""The Word reader: ``.docx`` manuscripts as the page shows them, into the shared model.

bytes → the package, opened within limits (:mod:`.package`) → body streamed in order
(:mod:`.walk`: runs, tables, text boxes, tracked changes accepted, field results, Word's
automatic numbering rebuilt by :mod:`.numbering`) → paragraphs with hints (heading level
from the style chain of :mod:`.stylemap`; title, list item, code, caption, cover, bold
lead from the rules of :mod:`.hints`) → the same structure builder as the text reader
(:func:`..structure.build_document`). A document that uses no styles at all thus goes
through exactly the text reader's heuristics.

Decisions:

* **Line numbers** in diagnostics and blocks are the 1-based index of the paragraph among
  all paragraphs of the body in reading order, table-cell and text-box paragraphs
  included (a table block carries the index of its first cell paragraph).
* **Automatic numbering**: the printed ordinal is put in front of the paragraph text
  (``一、`` + ``充分肯定成绩``) *after* the text's repairs, so it stays as Word prints it
  (``(1)`` half-width when the level text says so); Word's tab after it is dropped
  between CJK characters (see :func:`.numbering.join_label`).
* **Run-in leads**: bold runs that open a body paragraph and end a sentence (。！？；：),
  or are followed by that stop, become the paragraph's lead (a run-in heading); a
  paragraph wholly bold, short, with no sentence end, is a heading when it has an ordinal
  that forms a series (the text rules decide) or when two or more such lines appear; a
  lone short bold line is emphasis. Indentation typed at the start of a paragraph
  (ideographic spaces, inside or outside the bold run) is layout and is dropped first.
* **Footnotes and endnotes** become Note blocks of kind ``footnote`` right after the
  paragraph (or table) that cites them; the citation mark in the text is the note's
  number as a circled digit (①), which also opens the note, so the reader can match them.
* **Tracked changes** are read as accepted (insertions kept, deletions dropped), with a
  warning; **comments** are ignored, with an info diagnostic; hidden text is not read;
  ruby keeps its base characters; text boxes are read once, after the paragraph that
  anchors them; headers, footers and page-number fields are not content; a real table
  of contents (a TOC field) is dropped with its 目录 title, reported.
* **Line breaks** (``w:br``) inside a plain paragraph are a wrap, joined — unless one of
  them ends a sentence or leaves a blank line: then the paragraph's lines were typed as
  paragraphs (text pasted from a web page), and they become paragraphs by the text
  reader's rules (reported as ``line-breaks``). Styled, numbered, cover and list
  paragraphs keep their breaks as layout.
* **Table cells** keep their paragraphs as lines (``"\\n"``), each with its number.
* A document our own writer made is read style by style (:mod:`.faithful`), so a
  round trip gives the same model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from lxml import etree

from ...limits import BlockCount, Limits, current
from ...model import Diagnostic, Document, Run
from ..base import ReadError, ReadOptions
from ..cleanup import clean_line
from ..cues import ends_terminal, is_date_line
from ..linestore import LineStore
from ..paragraphs import Kind, RawPara, bold_lines, clean_runs
from ..structure import build_document
from ..unwrap import assemble, wrap_width
from . import hints
from .faithful import is_speechpress, read_faithful
from .numbering import Numbering, join_label
from .package import COMMENTS, ENDNOTES, FOOTNOTES, NUMBERING, STRICT_W_NS, STYLES, Malformed, Package
from .stylemap import StyleMap
from .values import Problems
from .walk import NotWordML, W, Walker, WPara, WRun, WTable

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
Notes = dict[tuple[str, str], str]


def _mark(n: int) -> str:
    return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"[{n}]"


def _flatten_breaks(text: str) -> str:
    """A soft line break in running text is a wrap: joined, with a space between Latin words."""
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def _code_line(line: str, index: int, diags: list[Diagnostic]) -> str:
    """A line of code: control characters go (reported), indentation and punctuation stay."""
    indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    return (indent + clean_line(line, index, False, diags)).rstrip()


#: Marks a footnote citation inside a cell while the cell is cleaned (a plane-16
#: private-use character: no repair touches it, no manuscript has it).
_CITE = "\U0010fffd"


class _Builder:
    """Walked items → RawParas with the Word hints."""

    def __init__(self, items: list[WPara | WTable], styles: StyleMap, options: ReadOptions, diags: list[Diagnostic]):
        self.items = items
        self.styles = styles
        self.options = options
        self.diags = diags
        self.note_seq = 0
        #: Blocks made, up to the limit: the walk's, and the paragraphs lines make.
        self.made = BlockCount()
        self.made.add(len(items))
        body = [it for it in items if isinstance(it, WPara) and not it.box]
        self.list_items: set[int] = set()
        for flow in _flows(items):
            self.list_items.update(id(flow[k]) for k in hints.list_items(flow, styles))
        title = hints.title_by_outline(body, styles)
        self.outline_title = id(body[title]) if title is not None else None
        self.drop = {id(items[k]) for k in hints.toc_titles(items, styles)}
        cover = hints.find_cover(items)
        self.cover: set[int] = set()
        self.cover_title: list[int] = []
        if cover is not None:
            self.cover = {id(it) for it in items[:cover]}
            self.cover_title = [id(items[k]) for k in hints.title_lines(items[:cover])]
            first = next(
                (it for it in items if isinstance(it, WPara) and it.text.strip() and not hints.is_form_line(it.text)),
                None,
            )
            if first is None or not self.cover_title or self.cover_title[0] != id(first):
                self.cover_title = []

    # -- one paragraph ----------------------------------------------------------------
    def para(self, p: WPara, notes: Notes) -> list[RawPara]:
        role, level = self.styles.role(p.style)
        if p.outline is not None:
            role, level = ("heading", p.outline + 1) if p.outline < 9 else (None, None)
        code = hints.is_code(p, self.styles)
        text_runs: list[tuple[str, bool, bool]] = []
        pos = 0
        pending = sorted(p.notes)
        marks: list[tuple[int, str, str]] = []
        for r in p.runs:
            start, end = pos, pos + len(r.text)
            while pending and pending[0][0] <= start:
                marks.append(pending.pop(0))
                self._cite(text_runs, marks[-1], notes)
            text_runs.append((r.text if code else _flatten_breaks(r.text), r.bold, r.italic))
            pos = end
        for m in pending:
            marks.append(m)
            self._cite(text_runs, m, notes)
        if code:
            return self._code(p, text_runs) + self._notes(p, marks, notes)
        text_runs = hints.strip_indent(text_runs)
        text, runs = clean_runs(p.index, text_runs, self.options.repair, self.diags)
        if p.label:
            text, runs = self._label(p, text, runs)
        if not text:
            return self._notes(p, marks, notes)
        rp = RawPara(text=text, line=p.index, lines=[p.index], offsets=[0])
        self._hint(rp, p, role, level, runs)
        return [rp] + self._notes(p, marks, notes)

    @staticmethod
    def _label(p: WPara, text: str, runs: tuple | None) -> tuple[str, tuple | None]:
        """The printed number in front of the cleaned text, as Word prints it."""
        assert p.label is not None
        joined = join_label(p.label, text, p.suffix)
        if runs:
            first = runs[0]
            runs = (Run(joined[: len(joined) - len(text)] + first.text, first.bold, first.italic, first.note),) + tuple(
                runs[1:]
            )
        return joined, runs

    def _hint(self, rp: RawPara, p: WPara, role: str | None, level: int | None, runs: tuple | None) -> None:
        ident = id(p)
        if ident in self.cover:  # a cover line: the title block, never a heading
            if ident in self.cover_title or (role == "title" and self.cover_title == []):
                rp.kind = Kind.TITLE
                rp.text = hints.unspace(rp.text)
            elif role == "subtitle":
                rp.kind = Kind.SUBTITLE
            elif hints.is_form_line(rp.text):
                rp.kind = Kind.BODY  # 项目编号：… — text, never a title, heading or byline
            if runs and rp.kind in (None, Kind.BODY):
                rp.runs = runs
            return
        if ident == self.outline_title or role == "title":
            rp.kind = Kind.TITLE
        elif role == "heading" and level is not None:
            rp.level = level
        elif role == "subtitle":
            rp.kind = Kind.SUBTITLE
        elif role == "quote":
            rp.kind = Kind.QUOTE
        elif hints.is_caption(p, rp.text, self.styles):
            rp.kind = Kind.CAPTION
        elif ident in self.list_items:
            rp.kind = Kind.LIST_ITEM
            rp.list_level = hints.list_level(p)
        if rp.level is None and rp.kind is None and runs:
            if all(r.bold for r in runs if r.text.strip()):
                rp.runs = None  # wholly bold: a heading candidate, decided in bold_lines
                rp.kind = Kind.BOLD_LINE
            else:
                rp.runs = runs
                rp.lead = hints.word_lead(runs, rp.text)
        elif runs and rp.level is None:
            rp.runs = runs

    def _code(self, p: WPara, text_runs: list[tuple[str, bool, bool]]) -> list[RawPara]:
        raw = "".join(t for t, _, _ in text_runs)
        lines = [_code_line(line, p.index, self.diags) for line in raw.split("\n")]
        text = "\n".join(lines).strip("\n")
        if p.label:
            text = join_label(p.label, text, p.suffix)
        if not text.strip():
            return []
        return [RawPara(text=text, line=p.index, lines=[p.index], offsets=[0], kind=Kind.CODE)]

    def _cite(self, text_runs: list[tuple[str, bool, bool]], m: tuple[int, str, str], notes: Notes) -> None:
        if (m[1], m[2]) not in notes:
            return
        self.note_seq += 1
        text_runs.append((_mark(self.note_seq), False, False))

    def _notes(self, p: WPara | WTable, marks: Sequence[tuple[int, str, str]], notes: Notes) -> list[RawPara]:
        out = []
        k = self.note_seq - sum(1 for m in marks if (m[1], m[2]) in notes)
        for _, kind, nid in marks:
            body = notes.get((kind, nid))
            if body is None:
                continue
            k += 1
            text = _mark(k) + clean_line(body, p.index, self.options.repair, self.diags)
            out.append(RawPara(text=text, line=p.index, lines=[p.index], offsets=[0], kind=Kind.FOOTNOTE))
        return out

    # -- one table --------------------------------------------------------------------
    def table(self, t: WTable, notes: Notes) -> list[RawPara]:
        cited: dict[tuple[int, int], list[tuple[int, str, str]]] = {}
        for r, c, pos, kind, nid in t.notes:
            cited.setdefault((r, c), []).append((pos, kind, nid))
        marks: list[tuple[int, str, str]] = []
        rows = []
        for r, row in enumerate(t.rows):
            cells = []
            for c, cell in enumerate(row):
                for pos, kind, nid in sorted(cited.get((r, c), ()), reverse=True):
                    if (kind, nid) in notes:
                        pos = min(max(pos, 0), len(cell))
                        cell = cell[:pos] + _CITE + cell[pos:]
                        marks.append((pos, kind, nid))
                lines = [clean_line(line, t.index, self.options.repair, self.diags) for line in cell.split("\n")]
                text = "\n".join(line for line in lines if line)
                while _CITE in text:
                    self.note_seq += 1
                    text = text.replace(_CITE, _mark(self.note_seq), 1)
                cells.append(text)
            rows.append(tuple(cells))
        out = []
        if any(any(c for c in row) for row in rows):
            out.append(
                RawPara(
                    text="".join("".join(row) for row in rows),
                    line=t.index,
                    lines=[t.index],
                    offsets=[0],
                    kind=Kind.TABLE,
                    rows=tuple(rows),
                )
            )
        return out + self._notes(t, marks, notes)

    def build(self, notes: Notes) -> list[RawPara]:
        paras: list[RawPara] = []
        for it in self.items:
            if isinstance(it, WTable):
                paras.extend(self.table(it, notes))
            elif id(it) in self.drop:
                continue
            else:
                for part in self._lines_as_paragraphs(it):
                    paras.extend(self.para(part, notes))
        return _merge_code(_merge_title(paras))

    def _lines_as_paragraphs(self, p: WPara) -> list[WPara]:
        """A plain paragraph whose lines were typed as paragraphs (Shift+Enter, or text
        pasted from a web page: the whole speech one Word paragraph of line breaks): the
        paragraphs its lines make by the text reader's rules (a line that ends a sentence,
        a heading's line, a blank line ends one; a wrap joins), reported — and a signature
        set right with Shift+Enter (某某局 / 2026年1月5日). Styled, numbered,
        cover and list paragraphs, and those citing notes, stay whole: their breaks are
        the author's layout."""
        text = p.text
        if (
            "\n" not in text
            or p.notes
            or p.label
            or p.outline is not None
            or self.styles.role(p.style)[0] is not None
            or id(p) in self.cover
            or id(p) in self.list_items
            or hints.is_code(p, self.styles)
        ):
            return [p]
        raw = text.split("\n")
        lines = [line.strip(" \t\u3000") for line in raw]
        signed = p.align in ("right", "end") and is_date_line(lines[-1])  # 某某局 / 2026年1月5日
        if not signed and not any(not line or ends_terminal(line) for line in lines[:-1]):
            return [p]  # no break ends a sentence or leaves a blank line: the breaks are wraps
        store = LineStore()
        for k, line in enumerate(lines):
            store.append(k, line)
        groups = assemble(store, True, [], BlockCount(), None)
        if len(groups) < 2:
            return [p]
        self.made.add(len(groups) - 1)  # blocks beyond those the walk counted
        starts = [0]
        for line in raw:
            starts.append(starts[-1] + len(line) + 1)
        cuts = [starts[g.line] for g in groups[1:]]
        self.diags.append(
            Diagnostic(
                "info",
                "line-breaks",
                f"split a paragraph at {len(cuts)} of its line breaks: its lines were typed as paragraphs",
                p.index,
            )
        )
        return [replace(p, runs=runs) for runs in _cut_runs(p.runs, cuts)]


def _cut_runs(runs: list[WRun], cuts: list[int]) -> list[list[WRun]]:
    """``runs`` cut at the character positions ``cuts`` (each the start of a line)."""
    out: list[list[WRun]] = [[]]
    pos = 0
    bounds = [*cuts, -1]
    nxt = 0
    for r in runs:
        start = 0
        while bounds[nxt] >= 0 and pos + len(r.text) >= bounds[nxt] and bounds[nxt] >= pos:
            cut = bounds[nxt] - pos
            if cut > start:
                out[-1].append(replace(r, text=r.text[start:cut]))
            out.append([])
            start = cut
            nxt += 1
        if start < len(r.text):
            out[-1].append(replace(r, text=r.text[start:]))
        pos += len(r.text)
    return out


def _flows(items: Sequence[WPara | WTable]) -> list[list[WPara]]:
    """The paragraphs of the body, and of each text box, each in reading order."""
    flows: dict[int, list[WPara]] = {}
    for it in items:
        if isinstance(it, WPara):
            flows.setdefault(it.box, []).append(it)
    return list(flows.values())


def _merge_title(paras: list[RawPara]) -> list[RawPara]:
    """A cover title set on several lines (关于加强……的 / 实施意见) is one title (after
    any form fields above it)."""
    j = 0
    while j < len(paras) and paras[j].kind == Kind.BODY:
        j += 1
    if len(paras) - j < 2 or paras[j].kind != Kind.TITLE:
        return paras
    k = j + 1
    while k < len(paras) and paras[k].kind == Kind.TITLE:
        k += 1
    if k == j + 1:
        return paras
    first = paras[j]
    for p in paras[j + 1 : k]:
        first.text = _flatten_breaks(first.text + "\n" + p.text)
        first.lines.append(p.line)
    return [*paras[:j], first, *paras[k:]]


def _unwrap_lines(paras: list[RawPara], diags: list[Diagnostic]) -> list[RawPara]:
    """A PDF turned into Word keeps each printed line a paragraph of its own, wrapped at
    the page's width: when the plain paragraphs look so (most of the long ones one width,
    :func:`..unwrap.wrap_width`), runs of them are joined as the text reader joins a
    hard-wrapped export, and every join reported. Paragraphs the document styles or
    formats (headings, lists, bold runs) are never joined."""
    plain = LineStore()
    for p in paras:
        if p.unmarked and p.runs is None:
            plain.append(p.line, p.text)
    width = wrap_width(plain)
    if width is None:
        return paras
    out: list[RawPara] = []
    run: list[RawPara] = []

    def flush() -> None:
        if len(run) > 1:
            store = LineStore()
            for p in run:
                store.append(p.line, p.text)
            by_line = {p.line: p for p in run}
            for got in assemble(store, True, diags, BlockCount(), width):
                first = by_line[got.line]
                first.text, first.lines, first.offsets = got.text, got.lines, got.offsets
                out.append(first)
        else:
            out.extend(run)
        run.clear()

    for p in paras:
        if p.unmarked and p.runs is None:
            if run and run[-1].line == p.line:
                flush()  # the lines of one paragraph, already made paragraphs by these rules
            run.append(p)
        else:
            flush()
            out.append(p)
    flush()
    return out


def _merge_code(paras: list[RawPara]) -> list[RawPara]:
    """Consecutive code paragraphs (one per line, as pasted) are one code block."""
    out: list[RawPara] = []
    for p in paras:
        prev = out[-1] if out else None
        if p.kind == Kind.CODE and prev is not None and prev.kind == Kind.CODE:
            prev.text += "\n" + p.text
            prev.lines.append(p.line)
        else:
            out.append(p)
    return out


def _optional(pkg: Package, rel: str, root: str, problems: Problems) -> etree._Element | None:
    """A part the text can do without (styles, numbering): skipped, with a warning, when
    it is not XML or not the part its relationship says."""
    try:
        tree = pkg.tree(rel)
    except Malformed as e:
        problems.add(f"{e}; the part is ignored")
        return None
    if tree is not None and tree.tag != W + root:
        problems.add(f"{pkg.name_of(rel)} is not a {root} part (its root is <{etree.QName(tree).localname}>); ignored")
        return None
    return tree


def _count_comments(pkg: Package) -> int:
    events = pkg.related_events(COMMENTS)
    if events is None:
        return 0
    n = 0
    depth = 0
    try:
        for event, el in events:
            if event == "start":
                depth += 1
                continue
            if depth == 2:
                n += el.tag == W + "comment"
                el.clear()
            depth -= 1
    except Malformed:
        return n
    return n


def _walk(
    pkg: Package, styles: StyleMap, numbering: Numbering, limits: Limits
) -> tuple[list[WPara | WTable], Notes, Walker, Problems]:
    """Walk the body and the notes; once more when fields were found never to end."""
    open_ended: frozenset[int] = frozenset()
    while True:
        problems = Problems()
        numbering.reset()
        numbering.problems = problems
        walker = Walker(styles, numbering, problems, limits, open_ended)
        try:
            items = list(walker.document(pkg.events(pkg.main)))
        except NotWordML as e:
            if e.tag.startswith("{" + STRICT_W_NS):
                raise ReadError(
                    "a Strict Open XML document: save it in Word as a Word Document (.docx), not Strict"
                ) from None
            name = etree.QName(e.tag).localname if e.tag.startswith("{") else e.tag
            raise ReadError(f"{pkg.main} is not a Word document body (its root element is <{name}>)") from None
        notes: Notes = {}
        for rel, kind in ((FOOTNOTES, "footnote"), (ENDNOTES, "endnote")):
            events = pkg.related_events(rel)
            if events is None:
                continue
            try:
                notes.update({(kind, k): v for k, v in walker.notes(events, kind).items()})
            except Malformed as e:
                problems.add(f"{e}; its notes are not read")
        if not walker.unterminated or open_ended:
            return items, notes, walker, problems
        open_ended = frozenset(walker.unterminated)


def _report(walker: Walker, comments: int, diags: list[Diagnostic]) -> None:
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
    if comments or st["comments"]:
        diags.append(Diagnostic("info", "comments", f"{comments or st['comments']} comment(s) ignored", None))
    if st["hidden"]:
        diags.append(Diagnostic("info", "hidden-text", f"{st['hidden']} hidden run(s) not read", None))
    if st["ruby"]:
        diags.append(
            Diagnostic("info", "ruby", f"{st['ruby']} phonetic guide(s) (pinyin) not read; the base text is kept", None)
        )
    if st["text boxes"]:
        diags.append(
            Diagnostic(
                "info", "text-box", f"{st['text boxes']} text box(es) read after the paragraph that anchors them", None
            )
        )
    if st["toc"]:
        diags.append(
            Diagnostic(
                "info", "toc", "a table of contents (a TOC field) dropped: Word rebuilds it from the headings", None
            )
        )
    if st["math"]:
        diags.append(Diagnostic("warning", "math", f"{st['math']} equation(s) not read", None))
    if st["embedded"]:
        diags.append(
            Diagnostic("warning", "embedded", f"{st['embedded']} embedded document(s) (altChunk) not read", None)
        )


def _open(data: bytes) -> tuple[Package, Problems, StyleMap, Numbering, Limits]:
    """The package and what the walk reads beside the body: styles, and numbering with the
    styles' linked lists resolved."""
    limits = current()
    pkg = Package(data, limits)
    problems = Problems()
    styles = StyleMap(_optional(pkg, STYLES, "styles", problems), problems)
    numbering = Numbering(_optional(pkg, NUMBERING, "numbering", problems), problems, limits)
    numbering.resolve_links({sid: (i.num_id, i.ilvl) for sid, i in styles.styles.items()})
    return pkg, problems, styles, numbering, limits


def read_docx(data: bytes, options: ReadOptions) -> Document:
    pkg, problems, styles, numbering, limits = _open(data)
    items, notes, walker, walk_problems = _walk(pkg, styles, numbering, limits)
    diags: list[Diagnostic] = problems.diagnostics() + walk_problems.diagnostics()
    _report(walker, _count_comments(pkg), diags)
    if is_speechpress(styles):
        return read_faithful(items, styles, diags, options.source)
    paras = _Builder(items, styles, options, diags).build(notes)
    del items  # the walk (about 600 bytes a paragraph) is not needed beside what it became
    if options.repair:
        paras = _unwrap_lines(paras, diags)
    bold_lines(paras)
    if not paras:
        raise ReadError("the Word document has no text")
    return build_document(paras, diags, options.source, explain=options.explain)


def iter_items(data: bytes) -> Iterator[WPara | WTable]:
    """The walked body of a document, numbered as a read numbers it (for tests and tools
    that look at the raw walk)."""
    pkg, _, styles, numbering, limits = _open(data)
    yield from _walk(pkg, styles, numbering, limits)[0]
