"""From the model to lines on pages, before anything is drawn.

Laying everything out first (instead of streaming into reportlab's platypus) means the
total page count is known before the first page is drawn (``第 N 页 共 M 页`` needs no
second pass), each logical page can be drawn anywhere (booklet imposition), and the
layout rules of the official style are explicit code: lines snap to the document grid
(22 lines of 28.95 pt on A4), a heading is never the last line of a page, each speech
starts a new page.

Three steps: :func:`build_blocks` turns the model into paragraphs of styled segments
(faces not yet measured); the writer then picks glyphs and subsets fonts;
:func:`lay_out` breaks lines and :func:`paginate` puts them on pages.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ...fonts import ResolvedFont
from ...model import Document, Heading, Note, Paragraph, Speech, Table
from ...style import Style, heading_role_name, mm_to_pt
from ...timing import spoken_units
from ..segment import word_boundaries
from ..walk import (
    Step,
    bracketed,
    display_title,
    list_nesting_indent,
    list_number_length,
    printed_label,
    sentence_ends,
    steps,
)
from .linebreak import Line, balanced_lines, break_lines

# The many small objects of a layout (a segment per run, a line and an item per printed
# line) have slots: a 10 MB manuscript makes hundreds of thousands of them.


@dataclass(frozen=True, slots=True)
class Seg:
    """A stretch of text in one face, size and look."""

    text: str
    font: ResolvedFont
    size: float
    bold: bool = False  # embolden (only when the face itself is not bold)
    color: str | None = None
    spoken: bool = True  # counts for the speaking time (notes, cues, titles do not)

    def with_text(self, text: str) -> Seg:
        """The same look for other text (``dataclasses.replace`` is generic and slow, and a
        table of narrow cells cuts a million of these)."""
        return Seg(text, self.font, self.size, self.bold, self.color, self.spoken)


@dataclass(slots=True)
class Para:
    segs: list[Seg]
    align: str = "justify"  # justify | left | center | right
    indent: float = 0.0  # first-line indent, pt
    left: float = 0.0  # left indent of every line, pt
    line_height: float = 0.0  # pt per line
    keep_next: bool = False  # never the last thing on a page
    break_before: bool = False  # starts a new page
    bookmarks: list[tuple[str, int]] = field(default_factory=list)
    space_before: float = 0.0
    space_after: float = 0.0
    balance: bool = False  # a title: even lines, broken between words
    hang_chars: int = 0  # a list item: lines after the first start after this many characters
    lead_chars: int = 0  # a run-in lead: kept with at least two lines of its paragraph
    rule_above: bool = False  # a short rule above (the first of a run of notes)
    piece_start: bool = False  # the first block of a piece (no running head on its page)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


@dataclass
class TableBlock:
    rows: list[list[list[Seg]]]  # row -> cell -> segs
    header: bool
    line_height: float
    break_before: bool = False
    bookmarks: list[tuple[str, int]] = field(default_factory=list)
    piece_start: bool = False


Block = Para | TableBlock


@dataclass
class Geometry:
    page_w: float
    page_h: float
    left: float  # type area, pt from the page's left edge
    top: float  # type area top, pt from the page's bottom edge
    width: float
    height: float
    grid: bool
    pitch: float  # body line pitch
    tracking: float  # added after every character (grid: pitch - size)
    char: float  # one body character (for indents)

    @classmethod
    def of(cls, style: Style) -> Geometry:
        p = style.page
        w, h = mm_to_pt(p.width_mm), mm_to_pt(p.height_mm)
        tw, th = p.type_width_pt, p.type_height_pt
        body = style.body_size
        char = p.char_pitch_pt or body
        return cls(
            page_w=w,
            page_h=h,
            left=mm_to_pt(p.margin_left),
            top=h - mm_to_pt(p.margin_top),
            width=tw,
            height=th,
            grid=p.has_grid,
            pitch=style.line_pitch_pt,
            tracking=(char - body) if p.chars_per_line else 0.0,
            char=char,
        )

    def line_height(self, size: float, spacing: float | None) -> float:
        """Grid: whole grid lines (a 22 pt title fits one 28.95 pt line); else size × spacing."""
        if self.grid:
            return self.pitch * max(1, math.ceil(size * 1.2 / self.pitch - 1e-6))
        return size * spacing if spacing else self.pitch * size / max(self.char, 1)

    def snap(self, space: float) -> float:
        if not space:
            return 0.0
        return self.pitch * math.ceil(space / self.pitch - 1e-6) if self.grid else space


# ---------------------------------------------------------------------------------------
# Model -> blocks

#: Latin letters, digits and ASCII marks, with the spaces between them: set in the role's
#: ``latin`` face (GB/T 9704 practice: Times New Roman beside 仿宋).
_LATIN = re.compile(r"[!-~]+(?: +[!-~]+)*")


#: How many distinct table-cell pieces :meth:`_Builder.cell` keeps to share (then it
#: starts again): a few megabytes at most.
KEEP_PIECES = 50_000


class _Builder:
    """Turns the model into paragraphs of styled segments, role by role from the style."""

    def __init__(
        self,
        style: Style,
        fonts: Mapping[str, ResolvedFont],
        latin: Mapping[str, ResolvedFont | None],
        geo: Geometry,
    ) -> None:
        self.style, self.fonts, self.latin, self.geo = style, fonts, latin, geo
        self._pieces: dict[tuple[str, int, float, bool, str | None, bool], Seg] = {}

    def seg(self, text: str, role: str, color_key: str = "text", bold: bool | None = None, spoken: bool = True) -> Seg:
        rs = self.style.roles[role]
        f = self.fonts[role]
        want_bold = rs.bold if bold is None else bold
        return Seg(
            text,
            f,
            rs.size,
            bold=want_bold and not f.bold,
            color=rs.color or self.style.colors.get(color_key),
            spoken=spoken,
        )

    def segs(
        self, text: str, role: str, color_key: str = "text", bold: bool | None = None, spoken: bool = True
    ) -> list[Seg]:
        """``text`` in the role's face, its Latin letters and digits in the role's Latin face."""
        base = self.seg(text, role, color_key, bold, spoken)
        return self.with_latin(base, role)

    def with_latin(self, base: Seg, role: str) -> list[Seg]:
        lf = self.latin.get(role)
        if lf is None or not _LATIN.search(base.text):
            return [base]
        want_bold = base.bold or (self.fonts[role].bold and not lf.bold)
        out: list[Seg] = []
        pos = 0
        for m in _LATIN.finditer(base.text):
            if m.start() > pos:
                out.append(base.with_text(base.text[pos : m.start()]))
            out.append(Seg(m.group(0), lf, base.size, want_bold and not lf.bold, base.color, base.spoken))
            pos = m.end()
        if pos < len(base.text):
            out.append(base.with_text(base.text[pos:]))
        return out

    def cell(self, text: str, role: str, color_key: str) -> list[Seg]:
        """A table cell's segments, each piece met before (a year, a unit, the 行 of a
        thousand cells) the same object: a table of 400,000 cells is over a million
        segments, most of them repeats."""
        out = self.segs(text, role, color_key)
        kept = self._pieces
        for k, s in enumerate(out):
            key = (s.text, id(s.font), s.size, s.bold, s.color, s.spoken)
            same = kept.get(key)
            if same is None:
                if len(kept) >= KEEP_PIECES:
                    kept.clear()
                kept[key] = s
            else:
                out[k] = same
        return out

    def spacing(self, role: str) -> float:
        return self.style.roles[role].line_spacing or self.style.line_spacing

    def chars(self, n: float, role: str) -> float:
        """``n`` characters of the role's size (of the grid's pitch on a grid)."""
        return n * (self.geo.char if self.geo.grid else self.style.roles[role].size)

    def para(
        self, segs: list[Seg], role: str, align: str | None = None, indent: float | None = None, **kw: Any
    ) -> Para:
        rs, st, geo = self.style.roles[role], self.style, self.geo
        size = max((s.size for s in segs), default=rs.size)
        first = st.first_indent(rs)
        kw.setdefault("left", self.chars(rs.left_indent, role))
        return Para(
            segs=segs,
            align=align or rs.align or st.align,
            indent=indent if indent is not None else self.chars(first, role),
            line_height=geo.line_height(size, self.spacing(role)),
            space_before=geo.snap(rs.space_before),
            space_after=geo.snap(rs.space_after),
            **kw,
        )

    def centred(self, text: str, role: str, color_key: str, **kw: Any) -> Para:
        rs = self.style.roles[role]
        return self.para(
            self.segs(text, role, color_key, spoken=False), role, align=rs.align or "center", indent=0.0, **kw
        )

    def runs(self, p: Paragraph, role: str) -> list[Seg]:
        out: list[Seg] = []
        size = self.style.roles[role].size
        for r in p.runs:
            if not r.text:
                continue
            if r.note or r.italic:  # Chinese has no italic: notes and emphasis in 楷体
                s = self.seg(r.text, "note", "note", spoken=not r.note)
                out.extend(self.with_latin(replace(s, size=size, bold=s.bold or r.bold), "note"))
            else:
                out.extend(self.segs(r.text, role, bold=r.bold or None))
        return out

    def paragraph(self, segs: list[Seg], text: str, blk: Paragraph, role: str) -> Para:
        """A body paragraph of the model in its role (``text``: what it prints, a run-in
        lead included, where a list item's number is found)."""
        if role == "list_item":
            return self.list_item(segs, text, role, list_nesting_indent(blk))
        return self.para(segs, role)

    def list_item(self, segs: list[Seg], text: str, role: str, nesting: float = 0.0) -> Para:
        """A hanging indent: the number at the paragraph's indent, the lines after the first
        under the text that follows it, so the number stands out; ``nesting``: the extra
        indent (characters) of an item of a nested list."""
        p = self.para(segs, role, left=self.chars(self.style.roles[role].left_indent + nesting, role))
        n = list_number_length(text)
        if self.style.roles[role].hanging and n:
            p.hang_chars = n
        return p


def build_blocks(
    doc: Document,
    style: Style,
    fonts: Mapping[str, ResolvedFont],
    geo: Geometry,
    latin: Mapping[str, ResolvedFont | None] | None = None,
) -> list[Block]:
    b = _Builder(style, fonts, latin or {}, geo)
    blocks: list[Block] = []
    top_level = 0
    if doc.title:
        blocks.append(b.centred(doc.title, "title", "title", keep_next=True, balance=True, bookmarks=[(doc.title, 0)]))
        top_level = 1
    for value, role in ((doc.subtitle, "subtitle"), (doc.author, "subtitle"), (doc.date, "subtitle")):
        if value:
            blocks.append(b.centred(value, role, "title", keep_next=True))
    if blocks:
        blocks.append(Para([], line_height=geo.pitch))  # one blank line under the title block

    for n, speech in enumerate(doc.speeches):
        blocks.extend(_speech_blocks(speech, n, top_level, b))
    return blocks


def _speech_blocks(speech: Speech, n: int, top: int, b: _Builder) -> list[Block]:
    style, geo = b.style, b.geo
    out: list[Block] = []
    head = display_title(speech, n + 1, sep=" ")
    first = True

    def mark(p: Para) -> Para:
        nonlocal first
        if first:
            p.break_before = n > 0
            p.piece_start = True
            p.bookmarks.insert(0, (head, top))
            first = False
        return p

    if label := printed_label(speech):
        out.append(mark(b.centred(label, "label", "heading", keep_next=True)))
    if speech.title:
        out.append(mark(b.centred(speech.title, "title", "title", keep_next=True, balance=True)))
    for value in (speech.subtitle, speech.author, speech.date):
        if value:
            out.append(mark(b.centred(value, "subtitle", "title", keep_next=True)))

    level_prev = top
    for step in steps(speech):
        blk = step.block
        h = step.lead or (blk if isinstance(blk, Heading) else None)
        if h is not None:
            role = heading_role_name(h.level)
            level = min(top + h.level, level_prev + 1)
            level_prev = level
            lead = b.segs(h.text, role, "heading")
            if step.lead is not None:
                assert isinstance(blk, Paragraph)
                size = style.roles["lead"].size  # a lead sentence keeps the text size
                lead = [replace(s, size=size) for s in lead]
                segs = lead + b.runs(blk, step.role)
                p = b.paragraph(segs, h.text + blk.text, blk, step.role)
                p.bookmarks.append((h.text, level))
                p.lead_chars = len(h.text)
                out.append(mark(p))
                continue
            out.append(mark(b.para(lead, role, keep_next=not h.run_in, bookmarks=[(h.text, level)])))
        elif isinstance(blk, Paragraph):
            segs = b.runs(blk, step.role)
            out.append(mark(b.paragraph(segs, blk.text, blk, step.role)))
        elif isinstance(blk, Note):
            out.extend(mark(p) for p in _note_blocks(blk, step, b))
        elif isinstance(blk, Table):
            rows = []
            for r, row in enumerate(blk.rows):
                header = blk.header and r == 0
                rows.append([b.cell(c, "heading1" if header else "body", "heading" if header else "text") for c in row])
            tb = TableBlock(rows, blk.header, geo.line_height(style.body_size, style.line_spacing))
            if first:
                tb.break_before = n > 0
                tb.piece_start = True
                tb.bookmarks.append((head, top))
                first = False
            out.append(tb)
    if first:  # an empty speech still gets its page and bookmark
        out.append(mark(Para([], line_height=geo.pitch)))
    return out


def _note_blocks(note: Note, step: Step, b: _Builder) -> list[Para]:
    """A note in its role: notes smaller after a rule, cues in brackets, code line by line."""
    role = step.role
    rs = b.style.roles[role]
    text = bracketed(note.text, rs.brackets)
    paras = [b.para(b.segs(line, role, "note", spoken=False), role) for line in text.split("\n")]
    if note.kind == "cue":  # a cue (翻页, 出图) is said of what follows: never alone at a page foot
        for para in paras:
            para.keep_next = True
    if rs.rule_above and step.first_of_notes:
        paras[0].rule_above = True
    return paras


# ---------------------------------------------------------------------------------------
# Blocks -> items -> pages


@dataclass(slots=True)
class TextLine:
    """One line: glyph runs at positions the writer draws with one ``Tc``."""

    segs: list[Seg]  # the line's text, split by face/look
    x: float  # from the type area's left edge
    extra: float  # pt between characters beyond tracking
    size: float


@dataclass(slots=True)
class Item:
    height: float
    lines: Sequence[TextLine] = ()  # one text line (or none: blank)
    cells: Sequence[tuple[float, float, list[TextLine]]] = ()  # table row: x, width, lines
    rule_top: bool = False  # table row borders
    keep_next: bool = False
    break_before: bool = False
    bookmarks: Sequence[tuple[str, int]] = ()
    baseline: float = 0.0  # from the item's top to the first baseline
    line_pitch: float = 0.0  # table rows: distance between cell lines
    rule: float = 0.0  # a rule this long (pt) across the item's middle (above notes)
    piece_start: bool = False  # a piece starts here: its page has no running head

    @property
    def units(self) -> int:
        """Spoken characters on this item's line (the speaking time): counted only for a
        copy that shows times, not for every line of every PDF."""
        return sum(spoken(ln.segs) for ln in self.lines)


#: The width in pt of each character of a segment, in order (its face's advances at its
#: size): one call per segment, not per character.
Advance = Callable[[Seg], Iterable[float]]


def _split_segs(segs: Sequence[Seg], start: int, end: int) -> list[Seg]:
    return _split_many(segs, [(start, end)])[0]


def _split_many(segs: Sequence[Seg], spans: Sequence[tuple[int, int]]) -> list[list[Seg]]:
    """The segments of each (start, end) span of the segments' joined text; ``spans`` in
    order and not overlapping. One walk over the segments for all spans: a paragraph of
    40,000 runs is not walked once per line."""
    out: list[list[Seg]] = []
    k, pos = 0, 0  # the first segment that may still overlap a span, and where it starts
    n = len(segs)
    for start, end in spans:
        while k < n and pos + len(segs[k].text) <= start:
            pos += len(segs[k].text)
            k += 1
        part: list[Seg] = []
        j, at = k, pos
        while j < n and at < end:
            s = segs[j]
            a, b = max(start, at), min(end, at + len(s.text))
            if a < b:
                part.append(s if b - a == len(s.text) else s.with_text(s.text[a - at : b - at]))
            at += len(s.text)
            j += 1
        out.append(part)
    return out


def _widths(segs: Sequence[Seg], advance: Advance, tracking: float) -> array[float]:
    """Each character's width plus the tracking, as machine floats (8 bytes a character
    where a list of floats takes 32: a paragraph may be millions of characters)."""
    out = array("d")
    for s in segs:
        out.extend(map(float(tracking).__add__, advance(s)) if tracking else advance(s))
    return out


def _baseline(height_per_line: float, size: float) -> float:
    """Centre the em box (ascent 0.88 em, descent 0.12 em for CJK faces) in the line."""
    return (height_per_line - size) / 2 + 0.88 * size


def text_lines(
    segs: Sequence[Seg],
    align: str,
    indent: float,
    measure: float,
    advance: Advance,
    tracking: float,
    balance: bool = False,
) -> list[TextLine]:
    """Lines of one paragraph; ``balance``: a title, even lines broken between words."""
    text = "".join(s.text for s in segs)
    if not text:
        return []
    size = max(s.size for s in segs)
    places = line_places(segs, text, align, indent, measure, advance, tracking, balance)
    parts = _split_many(segs, [(a, b) for a, b, _, _ in places])
    return [TextLine(part, x, extra, size) for (_, _, x, extra), part in zip(places, parts, strict=True)]


#: Where a line is: (start, end) in its paragraph's text, x from the measure's left edge,
#: and the pt added between its units.
Place = tuple[int, int, float, float]


def line_places(
    segs: Sequence[Seg],
    text: str,
    align: str,
    indent: float,
    measure: float,
    advance: Advance,
    tracking: float,
    balance: bool = False,
) -> list[Place]:
    """Where the lines of ``text`` (the segments' joined, not empty) go: what
    :func:`text_lines` cuts the segments by, kept without them (a table's cells are laid
    out once, and their lines cut when drawn)."""
    widths = _widths(segs, advance, tracking)
    if align == "left" and not balance and sum(widths) <= measure - indent and min(widths) >= 0:
        # One line, as the line breaker would set it (nothing to justify or centre): most
        # table cells. Widths that never go below 0 make the whole text its widest part.
        return [(0, len(text), indent, 0.0)]
    size = max(s.size for s in segs)
    lines: list[Line] | None = None
    if balance and sum(widths) > measure - indent:
        lines = balanced_lines(text, widths, measure, word_boundaries(text))
    if lines is None:
        lines = break_lines(text, widths, measure, indent, justify=align == "justify", squeeze=0.5 * size)
    out = []
    for ln in lines:
        avail = measure - ln.indent
        x = ln.indent
        if align == "center":
            x += max(0.0, (avail - ln.width) / 2)
        elif align == "right":
            x += max(0.0, avail - ln.width - tracking)
        out.append((ln.start, ln.end, x, ln.extra))
    return out


def spoken(segs: Sequence[Seg]) -> int:
    """Spoken characters of a line (its notes, cues and title lines say nothing)."""
    return spoken_units("".join(s.text for s in segs if s.spoken))


def para_items(b: Para, geo: Geometry, advance: Advance) -> list[Item]:
    """One paragraph as items: its space before, a rule, a line each, its space after."""
    items: list[Item] = []
    if b.space_before:
        items.append(Item(b.space_before))
    if b.rule_above:
        items.append(Item(geo.snap(b.line_height / 2) or b.line_height / 2, rule=geo.width / 4, keep_next=True))
    left, indent = b.left, b.indent
    if b.hang_chars:
        hang = sum(_widths(_split_segs(b.segs, 0, b.hang_chars), advance, geo.tracking))
        left, indent = b.left + b.indent + hang, -hang
    lines = text_lines(b.segs, b.align, indent, geo.width - left, advance, geo.tracking, b.balance)
    if not lines:
        items.append(
            Item(b.line_height, break_before=b.break_before, bookmarks=list(b.bookmarks), piece_start=b.piece_start)
        )
    # A run-in lead keeps the lines it is on and one more together: never alone at a foot.
    lead_lines = 0
    if b.lead_chars:
        pos = 0
        for ln in lines:
            lead_lines += 1
            pos += sum(len(s.text) for s in ln.segs)
            if pos >= b.lead_chars:
                break
    for k, ln in enumerate(lines):
        ln.x += left
        items.append(
            Item(
                b.line_height,
                lines=[ln],
                keep_next=b.keep_next or k < lead_lines,
                break_before=b.break_before and k == 0,
                bookmarks=list(b.bookmarks) if k == 0 else (),
                baseline=_baseline(b.line_height, ln.size),
                piece_start=b.piece_start and k == 0,
            )
        )
    if b.space_after:
        items.append(Item(b.space_after))
    return items


def lay_out(blocks: Sequence[Block], geo: Geometry, advance: Advance) -> list[Item]:
    items: list[Item] = []
    for b in blocks:
        if isinstance(b, Para):
            items.extend(para_items(b, geo, advance))
        else:
            items.extend(_table_items(b, geo, advance))
    return items


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's columns: where each starts, how wide it is, the cell padding."""

    xs: list[float]
    widths: list[float]
    pad: float
    advance: Advance
    tracking: float


class RowCells(Sequence[tuple[float, float, list[TextLine]]]):
    """A table row's cells as (x, width, lines). The row is laid out once (its height
    needs it) and kept as where its lines go, in machine numbers; the lines are cut from
    the cells' segments when read (the painter reads them once): a table of 400,000
    narrow cells kept as lines took 600 MB, laid out twice it took twice the time."""

    __slots__ = ("grid", "places", "row")

    #: Numbers per line in :attr:`places`: start, end, x, extra, size.
    PER_LINE = 5

    def __init__(self, grid: _Grid, row: Sequence[list[Seg]], places: array[float]) -> None:
        self.grid, self.row, self.places = grid, row, places

    def __len__(self) -> int:
        return len(self.grid.xs)

    def __iter__(self) -> Iterator[tuple[float, float, list[TextLine]]]:
        g, data, per = self.grid, self.places, self.PER_LINE
        k = 0
        for c, (x, width) in enumerate(zip(g.xs, g.widths, strict=True)):
            segs = self.row[c] if c < len(self.row) else []
            n = int(data[k])
            k += 1
            at = range(k, k + per * n, per)
            parts = _split_many(segs, [(int(data[i]), int(data[i + 1])) for i in at])
            yield x, width, [TextLine(part, data[i + 2], data[i + 3], data[i + 4]) for i, part in zip(at, parts)]
            k += per * n

    def __getitem__(self, k):
        return list(self)[k]

    @staticmethod
    def lay_out(grid: _Grid, row: Sequence[list[Seg]], header: bool) -> tuple[RowCells, int]:
        """The row laid out, and its most lines in a cell."""
        places = array("d")
        most = 0
        for c, width in enumerate(grid.widths):
            segs = row[c] if c < len(row) else []
            lines = _cell_places(
                segs, "center" if header else "left", width - 2 * grid.pad, grid.advance, grid.tracking
            )
            most = max(most, len(lines))
            places.append(len(lines))
            for start, end, x, extra, size in lines:
                places.extend((start, end, x + grid.pad, extra, size))
        return RowCells(grid, row, places), most


#: The narrowest a table column is drawn, in body characters: a table with more columns
#: than fit at this width is drawn in bands of columns, one under the other.
MIN_COLUMN_CHARS = 3


def _column_bands(t: TableBlock, geo: Geometry) -> list[TableBlock]:
    """A table too wide for the page as bands of the columns that fit, each with its part
    of the header row: 5,000 columns squeezed into one measure were a tenth of a point wide
    each, their text printed on top of itself (unreadable, and lost to a text extractor)."""
    ncols = max(len(r) for r in t.rows)
    per = max(1, int(geo.width // (MIN_COLUMN_CHARS * geo.char)))
    if ncols <= per:
        return [t]
    return [
        TableBlock(
            [r[a : a + per] for r in t.rows],
            t.header,
            t.line_height,
            break_before=t.break_before and a == 0,
            bookmarks=t.bookmarks if a == 0 else [],
            piece_start=t.piece_start and a == 0,
        )
        for a in range(0, ncols, per)
    ]


def _table_items(t: TableBlock, geo: Geometry, advance: Advance) -> list[Item]:
    bands = _column_bands(t, geo)
    if len(bands) > 1:
        return [item for band in bands for item in _table_items(band, geo, advance)]
    ncols = max(len(r) for r in t.rows)
    pad = 0.3 * geo.char
    natural = [0.0] * ncols
    for row in t.rows:
        for c, cell in enumerate(row):
            widest = 0.0
            for _, part in _cell_pieces(cell):  # a cell's lines, each as wide as its own text
                widest = max(widest, sum(_widths(part, advance, geo.tracking)))
            natural[c] = max(natural[c], widest + 2 * pad)
    total = sum(natural)
    minimum = MIN_COLUMN_CHARS * geo.char
    if total <= geo.width:
        widths = [w * geo.width / total for w in natural] if total else [geo.width / ncols] * ncols
    else:
        widths = [max(minimum, w * geo.width / total) for w in natural]
        scale = geo.width / sum(widths)
        widths = [w * scale for w in widths]
    grid = _Grid([sum(widths[:c]) for c in range(ncols)], widths, pad, advance, geo.tracking)
    items = []
    for r, row in enumerate(t.rows):
        cells, most = RowCells.lay_out(grid, row, t.header and r == 0)
        nlines = max(1, most)
        size = max((s.size for cell in row for s in cell), default=12.0)
        items.append(
            Item(
                nlines * t.line_height,
                cells=cells,
                rule_top=True,
                keep_next=t.header and r == 0,
                break_before=t.break_before and r == 0,
                bookmarks=list(t.bookmarks) if r == 0 else (),
                baseline=_baseline(t.line_height, size),
                line_pitch=t.line_height,
            )
        )
    return items


def _cell_pieces(segs: Sequence[Seg]) -> list[tuple[int, list[Seg]]]:
    """A cell's lines of text (its text is split at "\\n"), each as (where it starts in the
    cell's text, its segments); no segment is empty."""
    text = "".join(s.text for s in segs)
    if "\n" not in text:  # one line: most cells
        return [(0, [s for s in segs if s.text])]
    spans = []
    pos = 0
    for part in text.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return [(a, part) for (a, _), part in zip(spans, _split_many(segs, spans), strict=True)]


def _cell_places(
    segs: Sequence[Seg], align: str, measure: float, advance: Advance, tracking: float
) -> list[tuple[int, int, float, float, float]]:
    """Where a cell's lines go, as (start, end, x, extra, size): each "\\n" of the cell
    text starts a new line; an empty line of it is an empty line (start = end)."""
    out: list[tuple[int, int, float, float, float]] = []
    for at, piece in _cell_pieces(segs):
        if not piece:
            out.append((at, at, 0.0, 0.0, 0.0))
            continue
        text = "".join(s.text for s in piece)
        size = max(s.size for s in piece)
        for a, b, x, extra in line_places(piece, text, align, 0.0, measure, advance, tracking):
            out.append((at + a, at + b, x, extra, size))
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    return out


def _keep_chains(items: Sequence[Item]) -> list[float]:
    """For each item, the height it needs here (keep-with-next): its own, plus the chain
    of kept items after it and the one that ends the chain. Summed from the back, once:
    a run of 16,000 headings is not walked again from each of them."""
    need = [0.0] * len(items)
    after = 0.0  # the chain's height from the item after this one
    for k in range(len(items) - 1, -1, -1):
        it = items[k]
        kept = it.keep_next and k + 1 < len(items) and not items[k + 1].break_before
        need[k] = it.height + after if kept else it.height
        after = need[k]
    return need


def paginate(items: Sequence[Item], height: float) -> list[list[tuple[float, Item]]]:
    """Pages as lists of (offset from the type area's top, item)."""
    pages: list[list[tuple[float, Item]]] = [[]]
    y = 0.0
    eps = 0.01
    n = len(items)
    chains = _keep_chains(items)
    i = 0
    while i < n:
        it = items[i]
        if it.break_before and pages[-1]:
            pages.append([])
            y = 0.0
        if not it.lines and not it.cells and not pages[-1]:
            i += 1  # no blank line at the top of a page
            continue
        need = chains[i]
        if (y + need > height + eps and pages[-1] and need <= height + eps) or (
            y + it.height > height + eps and pages[-1]
        ):
            pages.append([])
            y = 0.0
        pages[-1].append((y, it))
        y += it.height
        i += 1
    return pages


# ---------------------------------------------------------------------------------------
# The copy read at the lectern: pages that break only between sentences

Pages = list[list[tuple[float, Item]]]


def _height(items: Sequence[Item]) -> float:
    return sum(it.height for it in items)


def _cut(p: Para, end: int) -> tuple[Para, Para]:
    """The paragraph up to ``end`` (a sentence end), and the rest, which goes on at the
    next page's top with no first-line indent."""
    head = replace(p, segs=_split_segs(p.segs, 0, end), space_after=0.0, keep_next=False)
    rest = replace(
        p,
        segs=_split_segs(p.segs, end, len(p.text)),
        indent=0.0,
        space_before=0.0,
        rule_above=False,
        break_before=False,
        bookmarks=[],
        lead_chars=0,
        hang_chars=0,
        piece_start=False,
    )
    return head, rest


def _fitting_cut(p: Para, room: float, geo: Geometry, advance: Advance) -> tuple[Para, Para] | None:
    """The longest run of whole sentences of ``p`` that fits in ``room`` (at least two
    lines when it opens with a run-in lead), and the rest."""
    ends = [e for e in sentence_ends(p.text) if e > p.lead_chars]  # a lead goes with its text
    lo, hi, best = 0, len(ends) - 1, None
    while lo <= hi:  # the height grows with the cut: the last one that fits
        mid = (lo + hi) // 2
        head, rest = _cut(p, ends[mid])
        items = para_items(head, geo, advance)
        if _height(items) <= room + 0.01:
            best = (head, rest, sum(1 for it in items if it.lines))
            lo = mid + 1
        else:
            hi = mid - 1
    if best is None or (p.lead_chars and best[2] < 2):
        return None
    return best[0], best[1]


def paginate_by_sentence(blocks: Sequence[Block], geo: Geometry, advance: Advance) -> Pages:
    """Pages on which no sentence crosses a page break: a paragraph that fits on a page is
    never split; a longer one is cut after the last sentence that fits, and goes on at the
    top of the next page. A heading (keep_next) stays with the paragraph after it (all of
    it when that fits on a page, else its first two lines)."""
    pages: Pages = [[]]
    y = 0.0
    eps = 0.01
    queue = list(blocks)

    def place(items: Sequence[Item]) -> None:
        nonlocal y
        for it in items:
            if not pages[-1] and not it.lines and not it.cells and not it.rule:
                continue  # no blank at a page's top
            pages[-1].append((y, it))
            y += it.height

    def new_page() -> None:
        nonlocal y
        if pages[-1]:
            pages.append([])
        y = 0.0

    kept: list[tuple[float, Item]] = []  # the keep-with-next blocks just placed on this page
    while queue:
        b = queue.pop(0)
        after_heading = bool(kept) and bool(pages[-1])
        if b.break_before:
            new_page()
            kept = []
        if isinstance(b, TableBlock):
            kept = []
            for it in _table_items(b, geo, advance):
                if y + it.height > geo.height + eps:
                    new_page()
                place([it])
            continue
        items = para_items(b, geo, advance)
        mark = len(pages[-1])
        need = _height(items) + _kept_with(b, _height(items), queue, geo, advance)
        if y + need <= geo.height + eps:
            place(items)
        elif pages[-1] and need <= geo.height + eps and not after_heading:
            new_page()
            mark = 0
            place(items)
        else:
            cut = _fitting_cut(b, geo.height - y, geo, advance) if not b.keep_next else None
            if cut is None and after_heading and len(pages[-1]) > len(kept):
                # Not even the first sentence fits under the heading: the heading goes over
                # with it (a heading never ends a page).
                for _, it in kept:
                    pages[-1].remove((_, it))
                new_page()
                place([it for _, it in kept])
                kept = []
                queue.insert(0, b)
                continue
            if cut is None and pages[-1] and not after_heading:
                new_page()
                queue.insert(0, b)
                continue
            if cut is None:  # a sentence longer than a page (or than the room under its
                # heading at a page's top): it cannot help crossing, so the page is filled
                # line by line, and the rest goes on (and is cut between sentences) overleaf
                room = geo.height - y
                fit = [it for k, it in enumerate(items) if _height(items[: k + 1]) <= room + eps] or items[:1]
                place(fit)
                done = sum(len(s.text) for it in fit for ln in it.lines for s in ln.segs)
                if 0 < done < len(b.text):
                    new_page()
                    queue.insert(0, _cut(b, done)[1])
                    kept = []
                    continue
            else:
                head, rest = cut
                place(para_items(head, geo, advance))
                new_page()
                queue.insert(0, rest)
                kept = []
                continue
        kept = (kept + pages[-1][mark:]) if b.keep_next else []
    return pages


def _kept_with(b: Para, own: float, queue: Sequence[Block], geo: Geometry, advance: Advance) -> float:
    """The height a keep-with-next block (``own`` high) must find room for after itself."""
    need = 0.0
    k = 0
    while b.keep_next and k < len(queue):
        nxt = queue[k]
        if isinstance(nxt, TableBlock) or nxt.break_before:
            break
        whole = _height(para_items(nxt, geo, advance))
        ends = sentence_ends(nxt.text)
        if nxt.keep_next or not ends or own + need + whole <= geo.height:
            need += whole
        else:  # room for its first sentence: the cut after it then starts on this page
            need += _height(para_items(_cut(nxt, ends[0])[0], geo, advance))
        b = nxt
        k += 1
    return need
