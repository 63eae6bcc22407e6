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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element

from ... import wordstyles as ws
from ...style import Style
from .xml import DECLARATION, NAMESPACES, R_NS, W_NS, Length, el, field_runs, part_xml, qn, text_run, twips, xml_safe

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


def condensed_spacing(style: Style) -> int | None:
    """Normal's character spacing for the line-only grid, in twentieths of a point (None
    when the style has no grid or needs none): whole twentieths, rounded down so the last
    character still fits; 16 pt characters at −0.25 pt make 28 in the 156 mm type area,
    in Word, WPS and LibreOffice alike."""
    p = style.page
    pitch = p.char_pitch_pt
    if not p.has_grid or pitch is None:
        return None
    delta = math.floor((pitch - style.body_size) * 20)
    return delta if delta < 0 else None


def _mm(value: float) -> int:
    return Length.mm(value).twips


def block_width(style: Style) -> Length:
    """The type area's width as Word takes it from the section: page width less the
    margins, each in whole twips."""
    p = style.page
    return Length.from_twips(_mm(p.width_mm) - _mm(p.margin_left) - _mm(p.margin_right))


def section_properties(
    style: Style,
    refs: Sequence[tuple[str, str, str]],
    title_page: bool,
    start_at: int | None,
    grid_mode: str = "lines",
    new_page: bool = False,
) -> _Element:
    """The section's ``w:sectPr``: its headers and footers (``refs``: kind, type,
    relationship id), page geometry and grid; ``grid_mode="chars"`` writes the full
    ``linesAndChars`` grid; ``new_page``: a section after the first, starting a page
    (Word's "Next Page" section break; numbering runs on, as no ``pgNumType`` restarts it).

    The default is the line grid (22 lines) with Normal's character spacing condensed to
    fit 28 characters (:func:`condensed_spacing`): the same page in Word, WPS and
    LibreOffice. The ``linesAndChars`` grid of the office templates is exact in Word and
    WPS, but LibreOffice (7.4) lays each Chinese character into whole grid cells, so a
    16 pt face on the official 15.79 pt cells takes two cells and the text spreads to 14
    characters a line; it is kept as an option (style key ``docx.grid = "chars"``).
    """
    p = style.page
    sp = etree.Element(qn("w:sectPr"), nsmap={"w": W_NS, "r": R_NS})
    for kind, ref_type, rid in refs:
        etree.SubElement(sp, qn(f"w:{kind}Reference"), {qn("w:type"): ref_type, qn("r:id"): rid})
    if new_page:
        sp.append(el("type", val="nextPage"))
    sp.append(el("pgSz", w=_mm(p.width_mm), h=_mm(p.height_mm)))
    pn_size = style.role("page_number").size
    descent_mm = 0.25 * pn_size * 25.4 / 72
    sp.append(
        el(
            "pgMar",
            top=_mm(p.margin_top),
            right=_mm(p.margin_right),
            bottom=_mm(p.margin_bottom),
            left=_mm(p.margin_left),
            header=_mm(max(3.0, p.margin_top * 0.5)),
            footer=_mm(max(3.0, p.margin_bottom - style.page_number_offset - descent_mm)),
            gutter=0,
        )
    )
    if start_at is not None:
        sp.append(el("pgNumType", start=start_at))
    sp.append(el("cols", space=720))
    if title_page:
        sp.append(el("titlePg"))
    values = grid_values(style)
    if values and grid_mode == "lines":
        sp.append(el("docGrid", type="lines", linePitch=values[0]))
    elif values:
        sp.append(el("docGrid", type="linesAndChars", linePitch=values[0], charSpace=values[1]))
    else:
        sp.append(el("docGrid", linePitch=twips(style.line_pitch_pt)))
    return sp


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


#: The header and footer types of a section, in the order their parts are written.
HF_TYPES = ("default", "even", "first")


@dataclass
class HeadersFooters:
    """The section's headers and footers, one paragraph each, by (kind, type): kind
    ``"header"`` or ``"footer"``, type one of :data:`HF_TYPES`. A type left out follows
    Word's rule (the even and first pages show the default one, or nothing when there is
    none); ``first_page`` says whether the first page has its own (``w:titlePg``)."""

    first_page: bool
    paragraphs: dict[tuple[str, str], _Element] = field(default_factory=dict)

    def fill(
        self,
        kind: str,
        hf_type: str,
        align: str,
        runs: Iterable[_Element],
        indent_side: str | None = None,
        indent_chars: float = 0.0,
        char_pt: float = 0.0,
    ) -> None:
        """Put ``runs`` in the header or footer, aligned and indented (from the type
        area's edge, in characters of ``char_pt``); a second fill adds its runs to the
        same paragraph."""
        p = self.blank(kind, hf_type)
        if len(p) == 1:  # only its pPr: not filled yet
            ppr = p[0]
            if indent_side:
                ind = {f"{indent_side}Chars": round(indent_chars * 100), indent_side: twips(indent_chars * char_pt)}
                ppr.append(el("ind", **ind))
            ppr.append(el("jc", val=align))
        for r in runs:
            p.append(r)

    def blank(self, kind: str, hf_type: str) -> _Element:
        """An empty header or footer of this type (a first page without the number)."""
        p = self.paragraphs.get((kind, hf_type))
        if p is None:
            p = el("p")
            ppr = el("pPr")
            ppr.append(el("pStyle", val=ws.HEADER if kind == "header" else ws.FOOTER))
            p.append(ppr)
            self.paragraphs[kind, hf_type] = p
        return p

    def parts(self) -> list[tuple[str, str, bytes]]:
        """(kind, type, part XML) of each, headers first."""
        out = []
        for kind in ("header", "footer"):
            tag = "hdr" if kind == "header" else "ftr"
            for hf_type in HF_TYPES:
                p = self.paragraphs.get((kind, hf_type))
                if p is not None:
                    xml = f"{DECLARATION}<w:{tag} {NAMESPACES}>".encode() + part_xml(p) + f"</w:{tag}>".encode()
                    out.append((kind, hf_type, xml))
        return out


def page_numbers(hf: HeadersFooters, style: Style, even_odd: bool, number_first: bool = False) -> None:
    """PAGE / NUMPAGES fields at the foot (or, ``edge = "top"``, the head) of every page;
    ``number_first``: the first page has a footer of its own (no running head there) that
    still carries the number."""
    pos = style.page_number_position
    if pos == "none":
        return
    fmt = style.page_number_format
    size = style.role("page_number").size
    ind = style.page_number_indent
    kind = "header" if style.page_number_edge == "top" else "footer"
    odd_side = "center" if pos == "center" else "right"
    odd_indent = None if odd_side == "center" or not ind else odd_side
    hf.fill(kind, "default", odd_side, page_number_runs(fmt), odd_indent, ind, size)
    if pos == "outside" and even_odd:
        hf.fill(kind, "even", "left", page_number_runs(fmt), "left" if ind else None, ind, size)
    if hf.first_page:
        if number_first:  # an odd page: the number at the right, as on page 3
            hf.fill(kind, "first", odd_side, page_number_runs(fmt), odd_indent, ind, size)
        else:
            hf.blank(kind, "first")  # an empty first-page footer


def running_head(hf: HeadersFooters, text: str, even_odd: bool) -> None:
    if not text:
        return
    hf.fill("header", "default", "center", [text_run(text)])
    if even_odd:
        hf.fill("header", "even", "center", [text_run(text)])
    if hf.first_page:
        hf.blank("header", "first")


def running_head_text(style: Style, title: str, subtitle: str | None) -> str:
    return xml_safe(style.running_head.replace("{title}", title).replace("{subtitle}", subtitle or ""))
