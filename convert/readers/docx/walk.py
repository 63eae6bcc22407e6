"""The body of a Word document as the page shows it: paragraphs of runs, and tables.

What counts as text is what Word prints: tracked insertions (read as accepted), field
*results* (never field codes), the ordinal Word's automatic numbering prints; not
deletions, hidden runs, comments, page-number fields or a table of contents (Word
regenerates it; its entries repeat the headings). Headers and footers are in other parts
and never read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

from .numbering import Numbering
from .stylemap import StyleMap, _on

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Fields whose result is page furniture, not content.
_FURNITURE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES", "TOC", "PAGEREF")


@dataclass
class WRun:
    text: str
    bold: bool = False
    italic: bool = False
    style: str | None = None


@dataclass
class WPara:
    index: int  # 1-based among all paragraphs read (the "line")
    style: str | None
    runs: list[WRun] = field(default_factory=list)
    label: str | None = None  # the ordinal Word's numbering prints
    suffix: str = "tab"
    bullet: bool = False
    outline: int | None = None  # direct w:outlineLvl
    page_break: bool | None = None  # direct w:pageBreakBefore
    mark_vanish: bool = False  # paragraph mark hidden with specVanish (style separator)
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (position, kind, id)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class WTable:
    index: int
    rows: tuple[tuple[str, ...], ...]
    header: bool
    page_break: bool = False  # pageBreakBefore on a first-row paragraph: the table starts a page


@dataclass
class _Field:
    instr: str = ""
    result: bool = False

    @property
    def furniture(self) -> bool:
        word = self.instr.strip().split(" ", 1)[0].upper() if self.instr.strip() else ""
        return word in _FURNITURE_FIELDS


@dataclass
class Walker:
    styles: StyleMap
    numbering: Numbering
    #: Read a line break (``w:br``, not a page or column break) as "\n". Only for files
    #: our writer made, where it is how a code note keeps its lines; in other documents a
    #: soft break inside a sentence is layout, and the text rules join across it.
    line_breaks: bool = False
    stats: Counter[str] = field(default_factory=Counter)
    fields: list[_Field] = field(default_factory=list)
    count: int = 0

    # -- runs -------------------------------------------------------------------------
    def _visible(self) -> bool:
        return all(f.result and not f.furniture for f in self.fields)

    def _run(self, r: _Element, para: WPara, deleted: bool) -> None:
        rpr = r.find(qn("w:rPr"))
        rstyle = None
        bold = italic = None
        hidden = False
        if rpr is not None:
            rs = rpr.find(qn("w:rStyle"))
            rstyle = rs.get(qn("w:val")) if rs is not None else None
            bold = _on(rpr.find(qn("w:b")))
            italic = _on(rpr.find(qn("w:i")))
            hidden = bool(_on(rpr.find(qn("w:vanish"))))
        if bold is None:
            bold = self.styles.toggle(rstyle, "bold")
        if italic is None:
            italic = self.styles.toggle(rstyle, "italic")
        parts: list[str] = []
        for c in r:
            tag = c.tag
            if tag == W + "fldChar":
                kind = c.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].result = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "instrText":
                if self.fields:
                    self.fields[-1].instr += c.text or ""
                continue
            if not self._visible():
                continue
            if tag == W + "t":
                parts.append(c.text or "")
            elif tag == W + "delText":
                continue
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif (
                tag in (W + "br", W + "cr")
                and self.line_breaks
                and c.get(qn("w:type"), "textWrapping") == "textWrapping"
            ):
                parts.append("\n")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                pos = len(para.text) + len("".join(parts))
                para.notes.append(
                    (pos, "footnote" if tag == W + "footnoteReference" else "endnote", c.get(qn("w:id"), ""))
                )
            elif tag == W + "commentReference":
                self.stats["comments"] += 1
        text = "".join(parts)
        if not text:
            return
        if deleted:
            self.stats["deletions"] += 1
            return
        if hidden:
            self.stats["hidden"] += 1
            return
        para.runs.append(WRun(text, bool(bold), bool(italic), rstyle))

    def _inline(self, parent: _Element, para: WPara, deleted: bool = False) -> None:
        for c in parent:
            tag = c.tag
            if tag == W + "r":
                self._run(c, para, deleted)
            elif tag in (W + "ins", W + "moveTo"):
                if not deleted:
                    self.stats["insertions"] += 1
                self._inline(c, para, deleted)
            elif tag in (W + "del", W + "moveFrom"):
                self.stats["deletions"] += 1
                self._inline(c, para, True)
            elif tag == W + "fldSimple":
                f = _Field(instr=c.get(qn("w:instr"), ""), result=True)
                self.fields.append(f)
                self._inline(c, para, deleted)
                self.fields.pop()
            elif tag in (
                W + "hyperlink",
                W + "smartTag",
                W + "customXml",
                W + "sdt",
                W + "sdtContent",
                W + "dir",
                W + "bdo",
            ):
                self._inline(c, para, deleted)
            elif tag in (W + "commentRangeStart",):
                self.stats["comments"] += 1
            elif tag.endswith("}AlternateContent"):
                self.stats["alternate"] += 1

    # -- blocks -----------------------------------------------------------------------
    def paragraph(self, p: _Element) -> WPara:
        self.count += 1
        ppr = p.find(qn("w:pPr"))
        style = None
        direct_num: tuple[str | None, int | None] | None = None
        para = WPara(self.count, None)
        if ppr is not None:
            ps = ppr.find(qn("w:pStyle"))
            style = ps.get(qn("w:val")) if ps is not None else None
            ol = ppr.find(qn("w:outlineLvl"))
            if ol is not None:
                para.outline = int(ol.get(qn("w:val"), "9"))
            para.page_break = _on(ppr.find(qn("w:pageBreakBefore")))
            num = ppr.find(qn("w:numPr"))
            if num is not None:
                nid = num.find(qn("w:numId"))
                lvl = num.find(qn("w:ilvl"))
                direct_num = (
                    nid.get(qn("w:val")) if nid is not None else None,
                    int(lvl.get(qn("w:val"), "0")) if lvl is not None else None,
                )
            mark = ppr.find(qn("w:rPr"))
            if mark is not None:
                para.mark_vanish = mark.find(qn("w:specVanish")) is not None
        para.style = self.styles.para_style(style)
        self._number(para, direct_num)
        self._inline(p, para)
        return para

    def _number(self, para: WPara, direct: tuple[str | None, int | None] | None) -> None:
        s_num, s_lvl = self.styles.numbering(para.style)
        num_id = direct[0] if direct and direct[0] is not None else s_num
        if num_id is None:
            return
        ilvl = direct[1] if direct and direct[1] is not None else s_lvl
        if ilvl is None:
            ilvl = 0
            inst = self.numbering.instances.get(num_id)
            if inst is not None:
                for k, defined in self.numbering.abstracts.get(inst.abstract, {}).items():
                    if defined.style == para.style:
                        ilvl = k
        lvl = self.numbering.level(num_id, ilvl)
        got = self.numbering.label(num_id, ilvl)
        if got is None:
            para.bullet = lvl is not None and lvl.fmt == "bullet"
            return
        para.label, para.suffix = got

    def table(self, tbl: _Element) -> WTable:
        rows: list[tuple[str, ...]] = []
        header = False
        page_break = False
        first_index = self.count + 1
        for ri, tr in enumerate(tbl.findall(qn("w:tr"))):
            trpr = tr.find(qn("w:trPr"))
            if ri == 0 and trpr is not None and trpr.find(qn("w:tblHeader")) is not None:
                header = bool(_on(trpr.find(qn("w:tblHeader"))))
            cells: list[str] = []
            for tc in tr.iter(qn("w:tc")):
                if tc.getparent() is not tr and tc.getparent().tag != W + "sdtContent":
                    continue
                paras = [self.paragraph(p) for p in tc.iter(qn("w:p"))]
                if ri == 0 and any(p.page_break for p in paras):
                    page_break = True
                cells.append(_join_cell([p.text for p in paras]))
            rows.append(tuple(cells))
        return WTable(first_index, tuple(rows), header, page_break)

    def body(self, body: _Element) -> list[WPara | WTable]:
        out: list[WPara | WTable] = []
        for c in body:
            if c.tag == W + "p":
                out.append(self.paragraph(c))
            elif c.tag == W + "tbl":
                out.append(self.table(c))
            elif c.tag == W + "sdt":
                content = c.find(qn("w:sdtContent"))
                if content is not None:
                    out.extend(self.body(content))
            elif c.tag in (W + "ins", W + "moveTo", W + "customXml"):
                out.extend(self.body(c))
        return out


def _join_cell(texts: list[str]) -> str:
    """A cell's paragraphs as one string: joined directly between Chinese text, by a space
    between Latin words."""
    out = ""
    for t in (t.strip() for t in texts):
        if not t:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


def note_texts(root: _Element | None, walker: Walker, tag: str) -> dict[str, str]:
    """Footnote or endnote id → its text (separator notes skipped)."""
    out: dict[str, str] = {}
    if root is None:
        return out
    saved = walker.count
    for n in root.findall(qn(f"w:{tag}")):
        if n.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [walker.paragraph(p).text for p in n.iter(qn("w:p"))]
        out[n.get(qn("w:id"), "")] = _join_cell(texts)
    walker.count = saved
    return out
