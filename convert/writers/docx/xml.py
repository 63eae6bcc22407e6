"""Small WordprocessingML builders the DOCX writer needs and python-docx does not offer.

python-docx covers paragraphs, runs, tables and sections, but not East-Asian font slots,
character-unit indents, fields, the document grid or the style separator. Those are built
here as raw ``w:`` elements so that the writer modules read as layout decisions, not XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from ...style import RoleStyle

#: Characters XML 1.0 cannot carry at all (the reader normally removed them already).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop only what XML cannot hold; everything else, including tabs and breaks, stays."""
    return _XML_FORBIDDEN.sub("", text)


def attr_value(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute (``xml.sax.saxutils`` would do the
    same, but importing it pulls in urllib and http.client: 16 ms a run)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def el(tag: str, **attrs: str | int | float) -> _Element:
    """A ``w:`` element with ``w:`` attributes (``el("jc", val="both")``)."""
    e = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def twips(pt: float) -> int:
    return round(pt * 20)


def half_points(pt: float) -> int:
    return round(pt * 2)


_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}


def jc_value(align: str) -> str:
    return _JC.get(align, "both")


# Children of w:rPr and w:pPr must follow the schema's sequence or Word calls the file
# corrupt; these orders are ECMA-376 Part 1, 17.3.2.28 and 17.3.1.26 (subset we use).
_RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "strike",
    "vanish",
    "color",
    "spacing",
    "kern",
    "sz",
    "szCs",
    "u",
    "lang",
    "specVanish",
)
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "widowControl",
    "pBdr",
    "snapToGrid",
    "spacing",
    "ind",
    "jc",
    "outlineLvl",
    "rPr",
)


def ordered(parent: _Element, children: Iterable[_Element], order: tuple[str, ...]) -> _Element:
    """Append ``children`` to ``parent`` in schema order, replacing same-named ones."""
    kids = {c.tag: c for c in parent}
    for c in children:
        kids[c.tag] = c
    for c in list(parent):
        parent.remove(c)
    rank = {qn(f"w:{n}"): i for i, n in enumerate(order)}
    for c in sorted(kids.values(), key=lambda c: rank.get(c.tag, len(order))):
        parent.append(c)
    return parent


def role_rpr(role: RoleStyle, color: str | None = None, bold: bool | None = None) -> list[_Element]:
    """Run properties carrying a role's faces: East-Asian face in ``w:eastAsia``.

    python-docx's ``font.name`` fills only the Latin slots, so Chinese text would fall
    back to the theme's East-Asian font; ``w:hint="eastAsia"`` makes Word treat shared
    punctuation (— “ ” …) as East-Asian too, so the em dashes of ``— 1 —`` come out in 宋体.
    """
    latin = role.latin[0] if role.latin else role.fonts[0]
    out = [
        el("rFonts", ascii=latin, hAnsi=latin, eastAsia=role.fonts[0], cs=latin, hint="eastAsia"),
    ]
    is_bold = role.bold if bold is None else bold
    out += [el("b", val=1 if is_bold else 0), el("bCs", val=1 if is_bold else 0)]
    out += [el("i", val=1 if role.italic else 0), el("iCs", val=1 if role.italic else 0)]
    c = role.color or color
    if c:
        out.append(el("color", val=c.lstrip("#").upper()))
    out += [el("sz", val=half_points(role.size)), el("szCs", val=half_points(role.size))]
    return out


def _replace_props(parent: _Element, tag: str, children: Iterable[_Element], order) -> _Element:
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    props = ordered(el(tag), children, order)
    parent.append(props)
    return props


def set_rpr(parent: _Element, children: Iterable[_Element]) -> _Element:
    """Give ``parent`` (a style, run or pPr) a fresh ``w:rPr`` holding ``children``."""
    return _replace_props(parent, "rPr", children, _RPR_ORDER)


def set_ppr(parent: _Element, children: Iterable[_Element]) -> _Element:
    """Give ``parent`` (a style or paragraph) a fresh ``w:pPr`` holding ``children``."""
    return _replace_props(parent, "pPr", children, _PPR_ORDER)


def add_ppr_children(ppr: _Element, children: Iterable[_Element]) -> None:
    """Add paragraph properties to an existing ``w:pPr`` keeping schema order."""
    ordered(ppr, children, _PPR_ORDER)


def field_runs(instr: str, cached: str) -> list[_Element]:
    """A complex field (begin / instruction / separate / cached result / end) as runs.

    Complex rather than ``w:fldSimple`` because Word, LibreOffice and WPS all keep the
    cached result visible until they recompute it, and TOC fields need the complex form.
    """

    def run(*kids: _Element) -> _Element:
        r = el("r")
        for k in kids:
            r.append(k)
        return r

    instr_el = el("instrText")
    instr_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr_el.text = f" {instr} "
    t = el("t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = cached
    return [
        run(el("fldChar", fldCharType="begin")),
        run(instr_el),
        run(el("fldChar", fldCharType="separate")),
        run(t),
        run(el("fldChar", fldCharType="end")),
    ]


def field_begin(instr: str, dirty: bool = False) -> list[_Element]:
    """The opening half of a complex field whose result paragraphs follow."""
    begin = el("fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    r1 = el("r")
    r1.append(begin)
    r2 = el("r")
    instr_el = el("instrText")
    instr_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr_el.text = f" {instr} "
    r2.append(instr_el)
    r3 = el("r")
    r3.append(el("fldChar", fldCharType="separate"))
    return [r1, r2, r3]


def field_end() -> _Element:
    r = el("r")
    r.append(el("fldChar", fldCharType="end"))
    return r


def text_run(text: str, rstyle: str | None = None) -> _Element:
    r = el("r")
    if rstyle:
        rpr = el("rPr")
        rpr.append(el("rStyle", val=rstyle))
        r.append(rpr)
    t = el("t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = xml_safe(text)
    r.append(t)
    return r
