"""What a Word paragraph style means for the outline, through its inheritance chain.

A manuscript's headings are marked in many ways: Word's built-in "heading N" (shown as
"标题 N" in a Chinese Word, and saved under that name by WPS), custom styles based on
them, or any style given an outline level (``w:outlineLvl``). Styles inherit through
``w:basedOn``; the nearest style in the chain that says something decides.

Other roles a style name carries: title and subtitle, quote, caption (``题注``), code
(``Source Code``, ``HTML Preformatted``: pasted configuration text and listings, never
headings), and the TOC styles, which mean something only inside a real TOC field.

Every lookup is memoised per style id: a hostile styles.xml with a chain thousands of
styles long costs one walk per style, not one per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lxml.etree import _Element

from .package import qn
from .values import Problems, parse_int

_HEADING = re.compile(r"^(?:heading|标题|標題|titre|überschrift)\s*([1-9])$", re.I)
_TITLE = {"title", "标题", "標題", "文档标题", "文章标题"}
_SUBTITLE = {"subtitle", "副标题", "副標題"}
_QUOTE = {"quote", "intense quote", "引用", "明显引用", "block text"}
_TOC = re.compile(r"^(?:toc\s*\d|toc heading|目录\s*\d|tof|table of figures)$", re.I)
_TOC_HEADING = {"toc heading", "目录标题", "toc 标题"}
_CAPTION = {"caption", "题注", "題注"}
#: Paragraph styles for program text (pandoc writes "Source Code"; Word has "HTML
#: Preformatted", shown as "HTML 预设格式", and "Macro Text").
_CODE = {
    "source code",
    "html preformatted",
    "html 预设格式",
    "html 預設格式",
    "macro text",
    "macro",
    "宏文本",
    "code",
    "code block",
    "preformatted text",
    "verbatim",
}
#: Latin faces whose every glyph has one width: text set in them is program text or a
#: terminal's output (names compared in lower case; a family named "… Mono" counts too).
MONOSPACE_FONTS = frozenset(
    {
        "courier",
        "courier new",
        "consolas",
        "menlo",
        "monaco",
        "lucida console",
        "lucida sans typewriter",
        "andale mono",
        "inconsolata",
        "source code pro",
        "fira code",
        "jetbrains mono",
        "cascadia code",
        "ocr a extended",
        "fixedsys",
        "terminal",
    }
)
_MONO_WORD = re.compile(r"\bmono(?:space|spaced)?\b|\bcode\b|typewriter", re.I)
#: Longest basedOn chain followed (Word stops far earlier; a cycle stops at once).
MAX_CHAIN = 64


def _on(e: _Element | None) -> bool | None:
    """A toggle property (w:b, w:i, w:vanish): None when absent."""
    if e is None:
        return None
    return e.get(qn("w:val"), "true").strip().lower() not in ("0", "false", "off", "none")


def is_monospace(font: str | None) -> bool:
    if not font:
        return False
    name = font.strip().lower()
    return name in MONOSPACE_FONTS or bool(_MONO_WORD.search(name))


@dataclass
class RunProps:
    """The character properties a style (or the document defaults) sets; None = not set."""

    bold: bool | None = None
    italic: bool | None = None
    font: str | None = None  # the Latin (ascii) face
    size: int | None = None  # half-points


def run_props(rpr: _Element | None, problems: Problems, where: str) -> RunProps:
    if rpr is None:
        return RunProps()
    out = RunProps(bold=_on(rpr.find(qn("w:b"))), italic=_on(rpr.find(qn("w:i"))))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        out.font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
    sz = rpr.find(qn("w:sz"))
    if sz is not None:
        out.size = parse_int(sz.get(qn("w:val")), f"{where} font size", problems, lo=1, hi=3276)
    return out


@dataclass
class StyleInfo:
    style_id: str
    name: str
    kind: str
    based_on: str | None = None
    outline: int | None = None  # 0-based outline level; 9 = body text
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    page_break: bool | None = None
    font: str | None = None
    size: int | None = None
    align: str | None = None


class StyleMap:
    """Paragraph and character styles of one document, resolved through basedOn."""

    def __init__(self, root: _Element | None, problems: Problems | None = None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_para: str | None = None
        self.defaults = RunProps()
        problems = problems if problems is not None else Problems()
        self.role = cache(self._role)
        self.numbering = cache(self._numbering)
        self.toggle = cache(self._toggle)
        self.inherited = cache(self._inherited)
        if root is None:
            return
        defaults = root.find(qn("w:docDefaults"))
        if defaults is not None:
            self.defaults = run_props(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), problems, "styles.xml")
        for s in root.findall(qn("w:style")):
            sid = s.get(qn("w:styleId"), "")
            name_el = s.find(qn("w:name"))
            name = name_el.get(qn("w:val"), sid) if name_el is not None else sid
            info = StyleInfo(sid, name or sid, s.get(qn("w:type"), "paragraph"))
            based = s.find(qn("w:basedOn"))
            if based is not None:
                info.based_on = based.get(qn("w:val"))
            where = "styles.xml: a style's"
            ppr = s.find(qn("w:pPr"))
            if ppr is not None:
                ol = ppr.find(qn("w:outlineLvl"))
                if ol is not None:
                    info.outline = parse_int(ol.get(qn("w:val"), "9"), f"{where} outline level", problems, lo=0, hi=9)
                num = ppr.find(qn("w:numPr"))
                if num is not None:
                    nid = num.find(qn("w:numId"))
                    lvl = num.find(qn("w:ilvl"))
                    info.num_id = nid.get(qn("w:val")) if nid is not None else None
                    if lvl is not None:
                        info.ilvl = parse_int(lvl.get(qn("w:val"), "0"), f"{where} list level", problems, lo=0, hi=8)
                info.page_break = _on(ppr.find(qn("w:pageBreakBefore")))
                jc = ppr.find(qn("w:jc"))
                if jc is not None:
                    info.align = jc.get(qn("w:val"))
            props = run_props(s.find(qn("w:rPr")), problems, where)
            info.bold, info.italic, info.font, info.size = props.bold, props.italic, props.font, props.size
            if s.get(qn("w:default")) in ("1", "true") and info.kind == "paragraph":
                self.default_para = sid
            self.styles[sid] = info

    def chain(self, sid: str | None) -> list[StyleInfo]:
        out: list[StyleInfo] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(out) < MAX_CHAIN:
            seen.add(sid)
            info = self.styles[sid]
            out.append(info)
            sid = info.based_on
        return out

    def para_style(self, sid: str | None) -> str | None:
        return sid if sid in self.styles else self.default_para

    def _role(self, sid: str | None) -> tuple[str | None, int | None]:
        """("title"|"subtitle"|"heading"|"quote"|"toc"|"toc-heading"|"caption"|"code"|None,
        heading level 1..9)."""
        for info in self.chain(self.para_style(sid)):
            name = info.name.strip().lower()
            m = _HEADING.match(name)
            if m:
                return "heading", int(m.group(1))
            if name in _TITLE:
                return "title", None
            if name in _SUBTITLE:
                return "subtitle", None
            if name in _TOC_HEADING:
                return "toc-heading", None
            if _TOC.match(name):
                return "toc", None
            if name in _QUOTE:
                return "quote", None
            if name in _CAPTION:
                return "caption", None
            if name in _CODE:
                return "code", None
            if info.outline is not None:
                return ("heading", info.outline + 1) if info.outline < 9 else (None, None)
        return None, None

    def _numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """The numbering a paragraph style applies: (numId, ilvl or None)."""
        for info in self.chain(self.para_style(sid)):
            if info.num_id is not None:
                return info.num_id, info.ilvl
        return None, None

    def _toggle(self, sid: str | None, prop: str) -> bool | None:
        """Bold/italic as a (character or paragraph) style chain sets it; None if unset."""
        for info in self.chain(sid):
            v = getattr(info, prop)
            if v is not None:
                return v
        return None

    def _inherited(self, sid: str | None, prop: str) -> object:
        """A character property (font, size) through a style chain; None if unset."""
        for info in self.chain(sid):
            v = getattr(info, prop)
            if v is not None:
                return v
        return None

    def align(self, sid: str | None) -> str | None:
        value = self.inherited(self.para_style(sid), "align")
        return value if isinstance(value, str) else None

    def name(self, sid: str | None) -> str:
        info = self.styles.get(sid or "")
        return info.name if info else (sid or "")
