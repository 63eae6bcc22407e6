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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ...fonts import ResolvedFont
from ...model import Document, Heading, Note, Paragraph, Speech, Table
from ...style import Style, heading_role_name, mm_to_pt
from ..walk import display_title, steps
from .linebreak import Line, break_lines


@dataclass(frozen=True)
class Seg:
    """A stretch of text in one face, size and look."""

    text: str
    font: ResolvedFont
    size: float
    bold: bool = False  # embolden (only when the face itself is not bold)
    color: str | None = None


@dataclass
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
        tw, th = mm_to_pt(p.type_width_mm), mm_to_pt(p.type_height_mm)
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


def build_blocks(doc: Document, style: Style, fonts: Mapping[str, ResolvedFont], geo: Geometry) -> list[Block]:
    colors = style.colors

    def seg(text: str, role: str, color_key: str = "text", bold: bool | None = None) -> Seg:
        rs = style.roles[role]
        f = fonts[role]
        want_bold = rs.bold if bold is None else bold
        return Seg(text, f, rs.size, bold=want_bold and not f.bold, color=rs.color or colors.get(color_key))

    def spacing(role: str) -> float:
        rs = style.roles[role]
        return rs.line_spacing or style.line_spacing

    def indent_of(role: str, default: float) -> float:
        rs = style.roles[role]
        chars = rs.first_line_indent if rs.first_line_indent is not None else default
        return chars * (geo.char if geo.grid else rs.size)

    def para(segs: list[Seg], role: str, align: str | None = None, indent: float | None = None, **kw) -> Para:
        rs = style.roles[role]
        size = max(s.size for s in segs)
        return Para(
            segs=segs,
            align=align or rs.align or style.align,
            indent=indent if indent is not None else indent_of(role, style.first_line_indent),
            line_height=geo.line_height(size, spacing(role)),
            space_before=geo.snap(rs.space_before),
            space_after=geo.snap(rs.space_after),
            **kw,
        )

    def centred(text: str, role: str, color_key: str, **kw) -> Para:
        return para([seg(text, role, color_key)], role, align=style.roles[role].align or "center", indent=0.0, **kw)

    blocks: list[Block] = []
    top_level = 0
    if doc.title:
        blocks.append(centred(doc.title, "title", "title", keep_next=True, bookmarks=[(doc.title, 0)]))
        top_level = 1
    for value, role in ((doc.subtitle, "subtitle"), (doc.author, "subtitle"), (doc.date, "subtitle")):
        if value:
            blocks.append(centred(value, role, "title", keep_next=True))
    if blocks:
        blocks.append(Para([], line_height=geo.pitch))  # one blank line under the title block

    for n, speech in enumerate(doc.speeches):
        blocks.extend(_speech_blocks(speech, n, top_level, style, fonts, geo, seg, para, centred))
    return blocks


def _speech_blocks(
    speech: Speech, n: int, top: int, style: Style, fonts, geo: Geometry, seg, para, centred
) -> list[Block]:
    out: list[Block] = []
    head = display_title(speech, n + 1, sep=" ")
    first = True

    def mark(b: Para) -> Para:
        nonlocal first
        if first:
            b.break_before = n > 0
            b.bookmarks.insert(0, (head, top))
            first = False
        return b

    if speech.label:
        out.append(mark(centred(speech.label, "label", "heading", keep_next=True)))
    if speech.title:
        out.append(mark(centred(speech.title, "title", "title", keep_next=True)))
    for value in (speech.subtitle, speech.author, speech.date):
        if value:
            out.append(mark(centred(value, "subtitle", "title", keep_next=True)))

    level_prev = top
    for step in steps(speech):
        b = step.block
        h = step.lead or (b if isinstance(b, Heading) else None)
        if h is not None:
            role = heading_role_name(h.level)
            level = min(top + h.level, level_prev + 1)
            level_prev = level
            lead = seg(h.text, role, "heading")
            if step.lead is not None:
                assert isinstance(b, Paragraph)
                lead = replace(lead, size=style.roles["lead"].size)  # a lead sentence keeps the text size
                out.append(mark(para([lead] + _runs(b, style, seg), "body", bookmarks=[(h.text, level)])))
                continue
            out.append(mark(para([lead], role, keep_next=not h.run_in, bookmarks=[(h.text, level)])))
        elif isinstance(b, Paragraph):
            role_indent = {"greeting": 0.0, "signature": 0.0}.get(b.role)
            align = {"greeting": "left", "signature": "right"}.get(b.role)
            out.append(
                mark(
                    para(_runs(b, style, seg), "body", align=align, indent=None if role_indent is None else role_indent)
                )
            )
        elif isinstance(b, Note):
            if b.kind == "code":
                out.append(mark(para([seg(b.text, "body")], "body", align="left", indent=0.0)))
            elif b.kind == "caption":
                out.append(mark(para([seg(b.text, "note", "note")], "note", align="center", indent=0.0)))
            else:
                out.append(mark(para([seg(b.text, "note", "note")], "note")))
        elif isinstance(b, Table):
            rows = []
            for r, row in enumerate(b.rows):
                header = b.header and r == 0
                rows.append([[seg(c, "heading1" if header else "body", "heading" if header else "text")] for c in row])
            size = style.body_size
            tb = TableBlock(rows, b.header, geo.line_height(size, style.line_spacing))
            if first:
                tb.break_before = n > 0
                tb.bookmarks.append((head, top))
                first = False
            out.append(tb)
    if first:  # an empty speech still gets its page and bookmark
        out.append(mark(Para([], line_height=geo.pitch)))
    return out


def _runs(p: Paragraph, style: Style, seg) -> list[Seg]:
    out = []
    for r in p.runs:
        if not r.text:
            continue
        if r.note or r.italic:  # Chinese has no italic: notes and emphasis in 楷体
            s = seg(r.text, "note", "note")
            out.append(replace(s, size=style.body_size, bold=s.bold or r.bold))
        else:
            out.append(seg(r.text, "body", bold=r.bold or None))
    return out


# ---------------------------------------------------------------------------------------
# Blocks -> items -> pages


@dataclass
class TextLine:
    """One line: glyph runs at positions the writer draws with one ``Tc``."""

    segs: list[Seg]  # the line's text, split by face/look
    x: float  # from the type area's left edge
    extra: float  # pt between characters beyond tracking
    size: float


@dataclass
class Item:
    height: float
    lines: list[TextLine] = field(default_factory=list)  # one text line (or none: blank)
    cells: list[tuple[float, float, list[TextLine]]] = field(default_factory=list)  # table row: x, width, lines
    rule_top: bool = False  # table row borders
    keep_next: bool = False
    break_before: bool = False
    bookmarks: list[tuple[str, int]] = field(default_factory=list)
    baseline: float = 0.0  # from the item's top to the first baseline
    line_pitch: float = 0.0  # table rows: distance between cell lines


Advance = Callable[[Seg, str], float]  # width in pt of one character of a segment


def _split_segs(segs: Sequence[Seg], start: int, end: int) -> list[Seg]:
    out, pos = [], 0
    for s in segs:
        a, b = max(start, pos), min(end, pos + len(s.text))
        if a < b:
            out.append(replace(s, text=s.text[a - pos : b - pos]))
        pos += len(s.text)
    return out


def _widths(segs: Sequence[Seg], advance: Advance, tracking: float) -> list[float]:
    return [advance(s, c) + tracking for s in segs for c in s.text]


def _baseline(height_per_line: float, size: float) -> float:
    """Centre the em box (ascent 0.88 em, descent 0.12 em for CJK faces) in the line."""
    return (height_per_line - size) / 2 + 0.88 * size


def text_lines(
    segs: Sequence[Seg], align: str, indent: float, measure: float, advance: Advance, tracking: float
) -> list[TextLine]:
    text = "".join(s.text for s in segs)
    if not text:
        return []
    size = max(s.size for s in segs)
    widths = _widths(segs, advance, tracking)
    lines: list[Line] = break_lines(text, widths, measure, indent, justify=align == "justify", squeeze=0.5 * size)
    out = []
    for ln in lines:
        avail = measure - ln.indent
        x = ln.indent
        if align == "center":
            x += max(0.0, (avail - ln.width) / 2)
        elif align == "right":
            x += max(0.0, avail - ln.width - tracking)
        out.append(TextLine(_split_segs(segs, ln.start, ln.end), x, ln.extra, size))
    return out


def lay_out(blocks: Sequence[Block], geo: Geometry, advance: Advance) -> list[Item]:
    items: list[Item] = []
    for b in blocks:
        if isinstance(b, Para):
            if b.space_before:
                items.append(Item(b.space_before))
            lines = text_lines(b.segs, b.align, b.indent, geo.width - b.left, advance, geo.tracking)
            if not lines:
                items.append(Item(b.line_height, break_before=b.break_before, bookmarks=list(b.bookmarks)))
            for k, ln in enumerate(lines):
                ln.x += b.left
                items.append(
                    Item(
                        b.line_height,
                        lines=[ln],
                        keep_next=b.keep_next,
                        break_before=b.break_before and k == 0,
                        bookmarks=list(b.bookmarks) if k == 0 else [],
                        baseline=_baseline(b.line_height, ln.size),
                    )
                )
            if b.space_after:
                items.append(Item(b.space_after))
        else:
            items.extend(_table_items(b, geo, advance))
    return items


def _table_items(t: TableBlock, geo: Geometry, advance: Advance) -> list[Item]:
    ncols = max(len(r) for r in t.rows)
    pad = 0.3 * geo.char
    natural = [0.0] * ncols
    for row in t.rows:
        for c, cell in enumerate(row):
            natural[c] = max(natural[c], sum(_widths(cell, advance, geo.tracking)) + 2 * pad)
    total = sum(natural)
    minimum = 3 * geo.char
    if total <= geo.width:
        widths = [w * geo.width / total for w in natural] if total else [geo.width / ncols] * ncols
    else:
        widths = [max(minimum, w * geo.width / total) for w in natural]
        scale = geo.width / sum(widths)
        widths = [w * scale for w in widths]
    xs = [sum(widths[:c]) for c in range(ncols)]
    items = []
    for r, row in enumerate(t.rows):
        cells = []
        nlines = 1
        for c in range(ncols):
            segs = row[c] if c < len(row) else []
            header = t.header and r == 0
            lines = text_lines(segs, "center" if header else "left", 0.0, widths[c] - 2 * pad, advance, geo.tracking)
            for ln in lines:
                ln.x += pad
            nlines = max(nlines, len(lines))
            cells.append((xs[c], widths[c], lines))
        size = max((s.size for cell in row for s in cell), default=12.0)
        items.append(
            Item(
                nlines * t.line_height,
                cells=cells,
                rule_top=True,
                keep_next=t.header and r == 0,
                break_before=t.break_before and r == 0,
                bookmarks=list(t.bookmarks) if r == 0 else [],
                baseline=_baseline(t.line_height, size),
                line_pitch=t.line_height,
            )
        )
    return items


def paginate(items: Sequence[Item], height: float) -> list[list[tuple[float, Item]]]:
    """Pages as lists of (offset from the type area's top, item)."""
    pages: list[list[tuple[float, Item]]] = [[]]
    y = 0.0
    eps = 0.01
    n = len(items)
    i = 0
    while i < n:
        it = items[i]
        if it.break_before and pages[-1]:
            pages.append([])
            y = 0.0
        if not it.lines and not it.cells and not pages[-1]:
            i += 1  # no blank line at the top of a page
            continue
        # Keep-with-next: the chain of kept items plus the next one must fit here.
        need = it.height
        k = i
        while items[k].keep_next and k + 1 < n and not items[k + 1].break_before:
            k += 1
            need += items[k].height
        if (y + need > height + eps and pages[-1] and need <= height + eps) or (
            y + it.height > height + eps and pages[-1]
        ):
            pages.append([])
            y = 0.0
        pages[-1].append((y, it))
        y += it.height
        i += 1
    return pages
