"""The page: size, margins, document grid, page-number footers and running heads.

The grid is what makes a Word file "look like the office template": with
``w:docGrid w:type="linesAndChars"`` Word lays East-Asian text on 22 lines of 28
characters whatever the face, exactly as GB/T 9704 asks.

``w:charSpace`` is the extra advance per character in 1/4096 pt, relative to the Normal
style's font size (ECMA-376 §17.6.5): 156 mm / 28 = 15.79 pt a character against a 16 pt
Normal gives (15.79 − 16) × 4096 ≈ −848. ``w:linePitch`` is the line pitch in twips.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import Section, _Footer, _Header
from docx.shared import Mm
from lxml.etree import _Element

from ...style import Style
from .xml import el, field_runs, text_run, twips, xml_safe

_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def grid_values(style: Style) -> tuple[int, int] | None:
    """(linePitch in twips, charSpace in 1/4096 pt), or None when the style has no grid."""
    p = style.page
    if not p.has_grid:
        return None
    pitch = p.char_pitch_pt
    if pitch is None:  # has_grid promises a pitch; say so to the type checker
        return None
    line = twips(style.line_pitch_pt)
    char_space = round((pitch - style.body_size) * 4096)
    return line, char_space


def condense_to_grid(document: DocxDocument, style: Style) -> None:
    """With the line-only grid, hit the characters per line by condensing Normal's
    character spacing (whole twentieths of a point, rounded down so the last character
    still fits): 16 pt characters at −0.25 pt make 28 in the 156 mm type area, in Word,
    WPS and LibreOffice alike."""
    p = style.page
    pitch = p.char_pitch_pt
    if not p.has_grid or pitch is None:
        return
    delta = math.floor((pitch - style.body_size) * 20)
    if delta >= 0:
        return
    normal = document.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = el("spacing", val=delta)
    anchor = next(
        (
            rpr.find(qn(f"w:{t}"))
            for t in ("w", "kern", "position", "sz", "szCs", "lang")
            if rpr.find(qn(f"w:{t}")) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        rpr.append(spacing)


def setup_section(
    section: Section, style: Style, title_page: bool, start_at: int | None, grid_mode: str = "lines"
) -> None:
    """Page geometry and grid; ``grid_mode="chars"`` writes the full ``linesAndChars`` grid.

    The default is the line grid (22 lines) with Normal's character spacing condensed to
    fit 28 characters (:func:`condense_to_grid`): the same page in Word, WPS and
    LibreOffice. The ``linesAndChars`` grid of the office templates is exact in Word and
    WPS, but LibreOffice (7.4) lays each Chinese character into whole grid cells, so a
    16 pt face on the official 15.79 pt cells takes two cells and the text spreads to 14
    characters a line; it is kept as an option (style key ``docx.grid = "chars"``).
    """
    p = style.page
    section.page_width = Mm(p.width_mm)
    section.page_height = Mm(p.height_mm)
    section.top_margin = Mm(p.margin_top)
    section.bottom_margin = Mm(p.margin_bottom)
    section.left_margin = Mm(p.margin_left)
    section.right_margin = Mm(p.margin_right)
    section.gutter = Mm(0)
    pn_size = style.role("page_number").size
    descent_mm = 0.25 * pn_size * 25.4 / 72
    section.footer_distance = Mm(max(3.0, p.margin_bottom - style.page_number_offset - descent_mm))
    section.header_distance = Mm(max(3.0, p.margin_top * 0.5))
    section.different_first_page_header_footer = title_page
    sp = section._sectPr
    if start_at is not None:
        pg = sp.find(qn("w:pgNumType"))
        if pg is None:
            pg = el("pgNumType")
            sp.find(qn("w:pgMar")).addnext(pg)
        pg.set(qn("w:start"), str(start_at))
    grid = sp.find(qn("w:docGrid"))
    if grid is None:
        grid = el("docGrid")
        sp.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    values = grid_values(style)
    if values and grid_mode == "lines":
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(values[0]))
    elif values:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(values[0]))
        grid.set(qn("w:charSpace"), str(values[1]))
    else:
        grid.set(qn("w:linePitch"), str(twips(style.line_pitch_pt)))


def page_number_runs(fmt: str) -> list[_Element]:
    """``— {page} —`` as text runs around PAGE / NUMPAGES fields."""
    runs: list[_Element] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(fmt):
        if m.start() > pos:
            runs.append(text_run(fmt[pos : m.start()]))
        runs += field_runs("PAGE" if m.group(1) == "page" else "NUMPAGES", "1")
        pos = m.end()
    if pos < len(fmt):
        runs.append(text_run(fmt[pos:]))
    return runs


def _fill(
    part: _Header | _Footer,
    style_id: str,
    align: str,
    runs: Iterable[_Element],
    indent_side: str | None,
    indent_chars: float,
    char_pt: float,
) -> None:
    part.is_linked_to_previous = False
    para = part.paragraphs[0]
    p = para._p
    ppr = p.get_or_add_pPr()
    ppr.append(el("pStyle", val=style_id))
    if indent_side:
        ind = el("ind")
        ind.set(qn(f"w:{indent_side}Chars"), str(round(indent_chars * 100)))
        ind.set(qn(f"w:{indent_side}"), str(twips(indent_chars * char_pt)))
        ppr.append(ind)
    ppr.append(el("jc", val=align))
    for r in runs:
        p.append(r)


def page_numbers(section: Section, style: Style, even_odd: bool, number_first: bool = False) -> None:
    """PAGE / NUMPAGES fields at the foot (or, ``edge = "top"``, the head) of every page;
    ``number_first``: the first page has a footer of its own (no running head there) that
    still carries the number."""
    pos = style.page_number_position
    if pos == "none":
        return
    fmt = style.page_number_format
    size = style.role("page_number").size
    ind = style.page_number_indent
    top = style.page_number_edge == "top"
    part_id = "Header" if top else "Footer"
    odd_side = "center" if pos == "center" else "right"
    odd = section.header if top else section.footer
    first = section.first_page_header if top else section.first_page_footer
    _fill(
        odd, part_id, odd_side, page_number_runs(fmt), None if odd_side == "center" or not ind else odd_side, ind, size
    )
    if pos == "outside" and even_odd:
        even = section.even_page_header if top else section.even_page_footer
        _fill(even, part_id, "left", page_number_runs(fmt), "left" if ind else None, ind, size)
    if section.different_first_page_header_footer:
        if number_first:  # an odd page: the number at the right, as on page 3
            _fill(
                first,
                part_id,
                odd_side,
                page_number_runs(fmt),
                None if odd_side == "center" or not ind else odd_side,
                ind,
                size,
            )
        else:
            first.is_linked_to_previous = False  # an empty first-page footer


def running_head(section: Section, text: str, even_odd: bool) -> None:
    if not text:
        return
    _fill(section.header, "Header", "center", [text_run(text)], None, 0, 0)
    if even_odd:
        _fill(section.even_page_header, "Header", "center", [text_run(text)], None, 0, 0)
    if section.different_first_page_header_footer:
        section.first_page_header.is_linked_to_previous = False


def running_head_text(style: Style, title: str, subtitle: str | None) -> str:
    return xml_safe(style.running_head.replace("{title}", title).replace("{subtitle}", subtitle or ""))
