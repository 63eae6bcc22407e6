"""What a Word paragraph style means for the outline, through its inheritance chain.

A manuscript's headings are marked in many ways: Word's built-in "heading N" (shown as
"标题 N" in a Chinese Word, and saved under that name by WPS), custom styles based on
them, or any style given an outline level (``w:outlineLvl``). Styles inherit through
``w:basedOn``; the nearest style in the chain that says something decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

_HEADING = re.compile(r"^(?:heading|标题|標題|titre|überschrift)\s*([1-9])$", re.I)
_TITLE = {"title", "标题", "標題", "文档标题", "文章标题"}
_SUBTITLE = {"subtitle", "副标题", "副標題"}
_QUOTE = {"quote", "intense quote", "引用", "明显引用", "block text"}
_TOC = re.compile(r"^(?:toc\s*\d|toc heading|目录\s*\d|tof|table of figures)$", re.I)


def _on(e: _Element | None) -> bool | None:
    """A toggle property (w:b, w:i, w:vanish): None when absent."""
    if e is None:
        return None
    return e.get(qn("w:val"), "true") not in ("0", "false", "off", "none")


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
    extra: dict[str, str] = field(default_factory=dict)


class StyleMap:
    """Paragraph and character styles of one document, resolved through basedOn."""

    def __init__(self, root: _Element | None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for s in root.findall(qn("w:style")):
            sid = s.get(qn("w:styleId"), "")
            name_el = s.find(qn("w:name"))
            name = name_el.get(qn("w:val"), sid) if name_el is not None else sid
            info = StyleInfo(sid, name, s.get(qn("w:type"), "paragraph"))
            based = s.find(qn("w:basedOn"))
            if based is not None:
                info.based_on = based.get(qn("w:val"))
            ppr = s.find(qn("w:pPr"))
            if ppr is not None:
                ol = ppr.find(qn("w:outlineLvl"))
                if ol is not None:
                    info.outline = int(ol.get(qn("w:val"), "9"))
                num = ppr.find(qn("w:numPr"))
                if num is not None:
                    nid = num.find(qn("w:numId"))
                    lvl = num.find(qn("w:ilvl"))
                    info.num_id = nid.get(qn("w:val")) if nid is not None else None
                    info.ilvl = int(lvl.get(qn("w:val"), "0")) if lvl is not None else None
                info.page_break = _on(ppr.find(qn("w:pageBreakBefore")))
            rpr = s.find(qn("w:rPr"))
            if rpr is not None:
                info.bold = _on(rpr.find(qn("w:b")))
                info.italic = _on(rpr.find(qn("w:i")))
            if s.get(qn("w:default")) in ("1", "true") and info.kind == "paragraph":
                self.default_para = sid
            self.styles[sid] = info

    def chain(self, sid: str | None) -> list[StyleInfo]:
        out: list[StyleInfo] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            info = self.styles[sid]
            out.append(info)
            sid = info.based_on
        return out

    def para_style(self, sid: str | None) -> str | None:
        return sid if sid in self.styles else self.default_para

    def role(self, sid: str | None) -> tuple[str | None, int | None]:
        """("title"|"subtitle"|"heading"|"quote"|"toc"|None, heading level 1..9)."""
        for info in self.chain(self.para_style(sid)):
            name = info.name.strip().lower()
            m = _HEADING.match(name)
            if m:
                return "heading", int(m.group(1))
            if name in _TITLE:
                return "title", None
            if name in _SUBTITLE:
                return "subtitle", None
            if _TOC.match(name):
                return "toc", None
            if name in _QUOTE:
                return "quote", None
            if info.outline is not None:
                return ("heading", info.outline + 1) if info.outline < 9 else (None, None)
        return None, None

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """The numbering a paragraph style applies: (numId, ilvl or None)."""
        for info in self.chain(self.para_style(sid)):
            if info.num_id is not None:
                return info.num_id, info.ilvl
        return None, None

    def toggle(self, sid: str | None, prop: str) -> bool:
        """Bold/italic as a (character or paragraph) style chain sets it."""
        for info in self.chain(sid):
            v = getattr(info, prop)
            if v is not None:
                return v
        return False

    def name(self, sid: str | None) -> str:
        info = self.styles.get(sid or "")
        return info.name if info else (sid or "")
