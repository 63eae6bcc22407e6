"""Small WordprocessingML builders: the writer's elements, made with lxml.

The DOCX writer builds every part itself (python-docx is not imported: importing it cost
35–50 ms a run, and its template carried parts a Speechpress file has no use for). The
builders here cover what the writer needs — paragraph and run properties in schema order,
East-Asian font slots, character-unit indents, fields, text runs — so that the writer
modules read as layout decisions, not XML. Lengths are :class:`Length` (EMU, as in
python-docx), converted to twips where the XML wants them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree
from lxml.etree import _Element

from ...style import RoleStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_PREFIXES = {"w": W_NS, "r": R_NS, "xml": XML_NS}
_W_MAP = {"w": W_NS}
#: The namespaces a part's root element declares (``w`` and, for ``r:id``, ``r``).
NAMESPACES = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
#: The XML declaration every part starts with, as Word writes it.
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_SPACE = f"{{{XML_NS}}}space"
_DECLARED = (f' xmlns:w="{W_NS}"'.encode(), f' xmlns:r="{R_NS}"'.encode())


def qn(tag: str) -> str:
    """``"w:jc"`` → lxml's ``"{namespace}jc"``."""
    prefix, _, local = tag.partition(":")
    return f"{{{_PREFIXES[prefix]}}}{local}"


#: Characters XML 1.0 cannot carry at all (the reader normally removed them already).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop only what XML cannot hold; everything else, including tabs and breaks, stays."""
    return _XML_FORBIDDEN.sub("", text)


def attr_value(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute or for element content in a
    part written as a string (``xml.sax.saxutils`` would do the same, but importing it
    pulls in urllib and http.client: 16 ms a run)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def el(tag: str, **attrs: str | int | float) -> _Element:
    """A ``w:`` element with ``w:`` attributes (``el("jc", val="both")``)."""
    return etree.Element(f"{{{W_NS}}}{tag}", {f"{{{W_NS}}}{k}": str(v) for k, v in attrs.items()}, nsmap=_W_MAP)


def part_xml(e: _Element) -> bytes:
    """An element serialised to go inside a part whose root declares :data:`NAMESPACES`
    (the element's own declarations of them go)."""
    data = etree.tostring(e, encoding="utf-8")
    head, sep, rest = data.partition(b">")
    for decl in _DECLARED:
        head = head.replace(decl, b"", 1)
    return head + sep + rest


def twips(pt: float) -> int:
    return round(pt * 20)


class Length(int):
    """A length in EMU (English Metric Units, 914,400 an inch), as python-docx keeps
    lengths, so that millimetres round to twips exactly as they did with it."""

    EMU_PER_MM = 36000
    EMU_PER_TWIP = 635

    @classmethod
    def mm(cls, mm: float) -> Length:
        return cls(int(mm * cls.EMU_PER_MM))

    @classmethod
    def from_twips(cls, twips: int) -> Length:
        return cls(twips * cls.EMU_PER_TWIP)

    @property
    def twips(self) -> int:
        return round(self / self.EMU_PER_TWIP)


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
    "tabs",
    "snapToGrid",
    "spacing",
    "ind",
    "jc",
    "outlineLvl",
    "rPr",
    "sectPr",
)


def ordered(parent: _Element, children: Iterable[_Element], order: tuple[str, ...]) -> _Element:
    """Append ``children`` to ``parent`` in schema order, replacing same-named ones."""
    kids = {c.tag: c for c in parent}
    for c in children:
        kids[c.tag] = c
    for c in list(parent):
        parent.remove(c)
    rank = _RANKS.get(order)
    if rank is None:
        rank = _RANKS[order] = {qn(f"w:{n}"): i for i, n in enumerate(order)}
    for c in sorted(kids.values(), key=lambda c: rank.get(c.tag, len(order))):
        parent.append(c)
    return parent


_RANKS: dict[tuple[str, ...], dict[str, int]] = {}


def role_rpr(role: RoleStyle, color: str | None = None, bold: bool | None = None) -> list[_Element]:
    """Run properties carrying a role's faces: East-Asian face in ``w:eastAsia``.

    A face named only in the Latin slots (as python-docx's ``font.name`` does) would leave
    Chinese text in the theme's East-Asian font; ``w:hint="eastAsia"`` makes Word treat shared
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


def _replace_props(parent: _Element, tag: str, children: Iterable[_Element], order: tuple[str, ...]) -> _Element:
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
    instr_el.set(_SPACE, "preserve")
    instr_el.text = f" {instr} "
    t = el("t")
    t.set(_SPACE, "preserve")
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
    instr_el.set(_SPACE, "preserve")
    instr_el.text = f" {instr} "
    r2.append(instr_el)
    r3 = el("r")
    r3.append(el("fldChar", fldCharType="separate"))
    return [r1, r2, r3]


def field_end() -> _Element:
    r = el("r")
    r.append(el("fldChar", fldCharType="end"))
    return r


def text_run(text: str, rstyle: str | None = None, marks: Sequence[str] = ()) -> _Element:
    """A run of ``text``: one ``w:t``, or, when it holds tabs and line breaks, ``w:t``
    pieces between ``w:tab`` and ``w:br`` (a ``w:t`` cannot hold either). ``marks``: run
    properties after the character style, each an empty element (``"b"``, ``"i"``)."""
    r = el("r")
    if rstyle:
        rpr = el("rPr")
        rpr.append(el("rStyle", val=rstyle))
        for tag in marks:
            rpr.append(el(tag))
        r.append(rpr)
    text = xml_safe(text)
    if "\t" not in text and "\n" not in text and "\r" not in text:
        t = el("t")
        t.set(_SPACE, "preserve")
        t.text = text
        r.append(t)
        return r
    for piece in _BREAKS.split(text):
        if piece == "\t":
            r.append(el("tab"))
        elif piece in ("\n", "\r"):
            r.append(el("br"))
        elif piece:
            t = el("t")
            if len(piece.strip()) < len(piece):  # as python-docx did: only where it matters
                t.set(_SPACE, "preserve")
            t.text = piece
            r.append(t)
    return r


_BREAKS = re.compile("([\t\n\r])")


#: A run's markup around its text, by (character style, marks): :func:`text_run`'s own
#: serialisation of a run holding :data:`_HOLE`, cut there.
_RUN_TEMPLATES: dict[tuple[str | None, tuple[str, ...]], tuple[bytes, bytes]] = {}
_HOLE = "\ue000"


def run_xml(text: str, rstyle: str | None = None, marks: Sequence[str] = ()) -> bytes:
    """:func:`text_run` as the bytes :func:`part_xml` makes of it, without building the
    elements: a paragraph of 360,000 runs held as elements took 350 MB and 4 s; as bytes
    it is the size of its XML. A text with tabs or breaks (several ``w:t``) goes through
    the elements."""
    if "\t" in text or "\n" in text or "\r" in text:
        return part_xml(text_run(text, rstyle, marks))
    key = (rstyle, tuple(marks))
    cut = _RUN_TEMPLATES.get(key)
    if cut is None:
        before, hole, after = part_xml(text_run(_HOLE, rstyle, marks)).partition(_HOLE.encode())
        assert hole, "a run's text is written as it is"
        cut = _RUN_TEMPLATES[key] = (before, after)
    return cut[0] + escaped_text(xml_safe(text)).encode() + cut[1]


def enclosing(e: _Element, at: _Element | None = None) -> tuple[bytes, bytes]:
    """``e`` as :func:`part_xml` writes it, cut where the content of ``at`` (``e`` itself or
    an element inside it) ends: what goes before more content there, and what closes it.
    A table's rows and cells are written from these, not built one element at a time (a
    table of 400,000 cells was 3.2 million elements, 30 s)."""
    inner = e if at is None else at
    last = inner[-1] if len(inner) else None
    old = inner.text if last is None else last.tail
    if last is None:
        inner.text = _HOLE
    else:
        last.tail = _HOLE
    try:
        before, hole, after = part_xml(e).partition(_HOLE.encode())
    finally:
        if last is None:
            inner.text = old
        else:
            last.tail = old
    assert hole, "the hole is written as it is"
    return before, after


def escaped_text(text: str) -> str:
    """``text`` escaped as lxml escapes element content (``&``, ``<``, ``>``; quotes stay)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
