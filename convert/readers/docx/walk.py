"""The body of a Word document as the page shows it: paragraphs of runs, and tables.

What counts as text is what Word prints: tracked insertions (read as accepted), field
*results* (never field codes), the ordinal Word's automatic numbering prints, the base of
ruby (the pinyin guide above it is not read), the text in text boxes and shapes; not
deletions, hidden runs, comments, page-number fields or a table of contents (Word
regenerates it; its entries repeat the headings). Headers and footers are in other parts
and never read.

Decisions:

* **Text boxes** (``wps:txbx`` in a DrawingML shape, ``v:textbox`` in VML) are read once:
  of an ``mc:AlternateContent`` only one branch (the ``mc:Choice`` when its requirements
  are namespaces known here, else the ``mc:Fallback``). Their paragraphs follow the
  paragraph that anchors the shape, flagged with the box they came from and whether a
  picture sits beside them (then a short one is a caption).
* **Fields**: a field that begins and never ends (a damaged or hand-edited file) would
  hide everything after it. The walk notes such fields; the reader walks again treating
  them as ended at the end of their paragraph, their result text kept, and warns.
* **Tables** are read row by row as the XML streams in, so a 400,000-cell table costs the
  memory of its text, not of its XML tree. A cell's paragraphs are its lines (``"\\n"``),
  each with the number Word prints before it; a nested table's rows are lines too.
* **Line breaks** (``w:br``) are kept as ``"\\n"``; the reader decides what they mean
  (a line in code and in a table cell, a wrap to join elsewhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import _Element

from ...limits import BlockCount, LimitExceeded, Limits
from .numbering import Numbering, join_label
from .stylemap import StyleMap, _on
from .values import Problems, parse_int, shown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Fields whose result is page furniture, not content.
_FURNITURE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES", "TOC", "PAGEREF")
#: Namespaces of the ``mc:Choice`` branches this walk understands (DrawingML shapes,
#: groups, canvases, Word 2010+ extensions, VML, math).
_KNOWN_NS = frozenset(
    {
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
    }
)
_PICTURE_TAGS = frozenset(
    {
        "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic",
        "{urn:schemas-microsoft-com:vml}imagedata",
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip",
    }
)
_SHAPE_TAGS = frozenset({W + "drawing", W + "pict", W + "object", MC + "AlternateContent"})
_WRAPPERS = frozenset(
    {W + "hyperlink", W + "smartTag", W + "customXml", W + "sdt", W + "sdtContent", W + "dir", W + "bdo"}
)
_BLOCK_WRAPPERS = frozenset({W + "customXml", W + "ins", W + "moveTo"})
_FLD_TYPES = frozenset({"begin", "separate", "end"})
_BR_TYPES = frozenset({"textWrapping", "page", "column"})
_ROW = frozenset({W + "tr"})
_CELL = frozenset({W + "tc"})
_BOX = frozenset({W + "txbxContent"})


@dataclass(slots=True)
class WRun:
    text: str
    bold: bool = False
    italic: bool = False
    style: str | None = None
    font: str | None = None  # Latin face
    size: int | None = None  # half-points


@dataclass(slots=True)
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
    list_key: tuple[str, int] | None = None  # (list, level) of a numbered paragraph
    align: str | None = None
    break_after: bool = False  # a page or section break ends this paragraph
    break_before: bool = False  # a page break before any of its text
    picture: bool = False  # a picture is anchored in this paragraph
    toc: bool = False  # a table-of-contents field starts here
    box: int = 0  # >0: a paragraph of text box number ``box``
    #: That text box sits beside a picture: "group" (grouped with it in one shape) or
    #: "picture-paragraph" (both anchored in one paragraph); "" otherwise.
    box_picture: str = ""
    boxes: list[WPara | WTable] = field(default_factory=list, repr=False)  # text boxes anchored here

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(slots=True)
class WTable:
    index: int
    rows: tuple[tuple[str, ...], ...]
    header: bool
    page_break: bool = False  # pageBreakBefore on a first-row paragraph: the table starts a page
    #: Footnote references in cells: (row, column, position in the cell text, kind, id).
    notes: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    box: int = 0


@dataclass
class _Field:
    seq: int
    instr: str = ""
    result: bool = False
    open_ended: bool = False  # begins and never ends: closed at the end of its paragraph
    hides: bool = True  # counted in Walker.hidden

    @property
    def word(self) -> str:
        return self.instr.strip().split(" ", 1)[0].upper() if self.instr.strip() else ""

    @property
    def furniture(self) -> bool:
        return self.word in _FURNITURE_FIELDS


@dataclass
class _TableState:
    index: int
    depth: int
    rows: list[tuple[str, ...]] = field(default_factory=list)
    header: bool = False
    page_break: bool = False
    notes: list[tuple[int, int, int, str, str]] = field(default_factory=list)


def _sym(code: str) -> str:
    """A ``w:sym`` character (a symbol font's glyph, Wingdings ``F06C``): its code point,
    moved into the private-use page the symbol fonts use when given without it (``6C``);
    the cleanup turns the bullets among them into Unicode. Nothing for a malformed code."""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if n < 0x100:
        n += 0xF000
    return chr(n) if 0 < n < 0x110000 and not 0xD800 <= n < 0xE000 else ""


def choose_branch(alt: _Element) -> _Element | None:
    """The one branch of an ``mc:AlternateContent`` to read."""
    for c in alt:
        if c.tag == MC + "Choice":
            needs = (c.get("Requires") or "").split()
            if needs and all(c.nsmap.get(p) in _KNOWN_NS for p in needs):
                return c
    for c in alt:
        if c.tag == MC + "Fallback":
            return c
    return None


def _children(el: _Element) -> Iterator[_Element]:
    """Children, with each ``mc:AlternateContent`` replaced by its chosen branch's children."""
    for c in el:
        yield from _expand(c)


def _expand(c: _Element) -> Iterator[_Element]:
    """An element, or for an ``mc:AlternateContent`` its chosen branch's children (none
    for a comment or a processing instruction)."""
    if c.tag == MC + "AlternateContent":
        branch = choose_branch(c)
        if branch is not None:
            yield from _children(branch)
    elif isinstance(c.tag, str):
        yield c


def _find(el: _Element, tags: frozenset[str], stop: str | None = None) -> Iterator[_Element]:
    """Descendants with one of ``tags``, outermost only, through one branch of each
    ``mc:AlternateContent`` (never both)."""
    for c in _children(el):
        if c.tag in tags:
            yield c
        elif c.tag != stop:
            yield from _find(c, tags, stop)


@dataclass
class Walker:
    styles: StyleMap
    numbering: Numbering
    problems: Problems = field(default_factory=Problems)
    limits: Limits = field(default_factory=Limits)
    #: Sequence numbers of fields known (from a first walk) to begin and never end.
    open_ended: frozenset[int] = frozenset()
    stats: Counter[str] = field(default_factory=Counter)
    fields: list[_Field] = field(default_factory=list)
    hidden: int = 0  # fields on the stack that hide what they contain
    field_seq: int = 0
    count: int = 0
    cells: int = 0
    box_seq: int = 0
    table_depth: int = 0
    #: Fields still open when a part ended: they begin and never end.
    unterminated: set[int] = field(default_factory=set)
    _props: dict[tuple[str | None, str | None], tuple[Any, Any, Any, Any]] = field(default_factory=dict)

    # -- fields -----------------------------------------------------------------------
    def _fld_char(self, c: _Element, para: WPara) -> None:
        kind = c.get(W + "fldCharType")
        if kind not in _FLD_TYPES:
            self.problems.add(
                "a field mark: not a type Word knows ({}); ignored", para.index, example=shown(kind or "")
            )
            return
        if kind == "begin":
            self.field_seq += 1
            f = _Field(self.field_seq, open_ended=self.field_seq in self.open_ended)
            if f.open_ended:  # its text shows, as the result of a field that never ends
                f.result, f.hides = True, False
            else:
                self.hidden += 1
            self.fields.append(f)
        elif kind == "separate" and self.fields:
            top = self.fields[-1]
            top.result = True
            if top.hides and not top.furniture:
                top.hides = False
                self.hidden -= 1
            elif not top.hides and top.furniture:
                top.hides = True
                self.hidden += 1
            if top.word == "TOC":
                para.toc = True
                self.stats["toc"] += 1
        elif kind == "end" and self.fields:
            f = self.fields.pop()
            if f.hides:
                self.hidden -= 1

    def _close_open_ended(self, para: WPara) -> None:
        if not any(f.open_ended for f in self.fields):
            return
        for f in [f for f in self.fields if f.open_ended]:
            self.fields.remove(f)
            if f.hides:
                self.hidden -= 1
            self.problems.add(
                "a field begins and never ends: taken as ended at the end of its paragraph, its text kept",
                para.index,
                code="field",
            )

    def end_part(self) -> None:
        """A part (the body, a note) ended: fields still open never end."""
        self.unterminated.update(f.seq for f in self.fields)
        self.fields.clear()
        self.hidden = 0

    # -- runs -------------------------------------------------------------------------
    def _run(self, r: _Element, para: WPara, deleted: bool) -> None:
        rpr = r.find(W + "rPr")
        rstyle = None
        bold = italic = None
        hidden = False
        font = None
        size = None
        if rpr is not None:
            rs = rpr.find(W + "rStyle")
            rstyle = rs.get(W + "val") if rs is not None else None
            bold = _on(rpr.find(W + "b"))
            italic = _on(rpr.find(W + "i"))
            hidden = bool(_on(rpr.find(W + "vanish")))
            fonts = rpr.find(W + "rFonts")
            if fonts is not None:
                font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
            sz = rpr.find(W + "sz")
            if sz is not None:
                size = parse_int(sz.get(W + "val"), "a font size", self.problems, lo=1, hi=3276)
        if bold is None or italic is None or font is None or size is None:
            d_bold, d_italic, d_font, d_size = self._inherited(rstyle, para.style)
            bold = d_bold if bold is None else bold
            italic = d_italic if italic is None else italic
            font = d_font if font is None else font
            size = d_size if size is None else size
        parts: list[str] = []

        def flush() -> None:
            text = "".join(parts)
            parts.clear()
            if not text:
                return
            if deleted:
                self.stats["deletions"] += 1
            elif hidden:
                self.stats["hidden"] += 1
            else:
                para.runs.append(WRun(text, bool(bold), bool(italic), rstyle, font, size))

        for c in _children(r):
            tag = c.tag
            if tag == W + "fldChar":
                self._fld_char(c, para)
                continue
            if tag == W + "instrText":
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr += c.text or ""
                continue
            if tag in _SHAPE_TAGS:
                flush()
                if deleted or hidden or self.hidden:
                    self.stats["hidden shapes"] += 1
                else:
                    self._shapes(c, para)
                continue
            if tag == W + "ruby":
                flush()
                self._ruby(c, para, deleted)
                continue
            if self.hidden:
                continue
            if tag == W + "t":
                parts.append(c.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                parts.append(_sym(c.get(W + "char", "")))
            elif tag in (W + "br", W + "cr"):
                kind = c.get(W + "type", "textWrapping")
                if kind == "page":
                    if para.runs or parts:  # (a run is kept only with text)
                        para.break_after = True
                    else:
                        para.break_before = True
                elif kind not in _BR_TYPES:
                    self.problems.add("a break: not a type Word knows ({}); read as a line break", example=shown(kind))
                    parts.append("\n")
                elif kind == "textWrapping":
                    parts.append("\n")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                pos = len(para.text) + len("".join(parts))
                para.notes.append(
                    (pos, "footnote" if tag == W + "footnoteReference" else "endnote", c.get(W + "id", ""))
                )
            elif tag == W + "commentReference":
                self.stats["comments"] += 1
        flush()

    def _inherited(self, rstyle: str | None, pstyle: str | None) -> tuple[Any, Any, Any, Any]:
        """Bold, italic, font, size from the character style, the paragraph style, the
        defaults (memoised per pair of styles)."""
        key = (rstyle, pstyle)
        got = self._props.get(key)
        if got is None:
            values = []
            for prop in ("bold", "italic", "font", "size"):
                lookup = self.styles.toggle if prop in ("bold", "italic") else self.styles.inherited
                v: Any = lookup(rstyle, prop)
                if v is None:
                    v = lookup(pstyle, prop)
                values.append(v if v is not None else getattr(self.styles.defaults, prop))
            got = self._props[key] = (values[0], values[1], values[2], values[3])
        return got

    def _ruby(self, ruby: _Element, para: WPara, deleted: bool) -> None:
        """Phonetic guides (pinyin over a character): the base is the text; the guide is not."""
        for c in _children(ruby):
            if c.tag == W + "rubyBase":
                self._inline(c, para, deleted)
            elif c.tag == W + "rt":
                self.stats["ruby"] += 1

    def _inline(self, parent: _Element, para: WPara, deleted: bool = False) -> None:
        for c in _children(parent):
            self._inline_child(c, para, deleted)

    def _inline_child(self, c: _Element, para: WPara, deleted: bool = False) -> None:
        """One child of a paragraph (or of a run container in it): runs, tracked changes,
        simple fields, wrappers, shapes."""
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
            f = _Field(0, instr=c.get(W + "instr", ""), result=True)
            f.hides = f.furniture
            self.hidden += f.hides
            self.fields.append(f)
            self._inline(c, para, deleted)
            self.fields.remove(f)
            self.hidden -= f.hides
        elif tag in _WRAPPERS:
            self._inline(c, para, deleted)
        elif tag == W + "commentRangeStart":
            self.stats["comments"] += 1
        elif tag in _SHAPE_TAGS and not (deleted or self.hidden):
            self._shapes(c, para)
        elif tag == "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara" or tag.endswith("}oMath"):
            self.stats["math"] += 1

    # -- shapes and text boxes --------------------------------------------------------
    def _shapes(self, el: _Element, para: WPara) -> None:
        """Text boxes in a drawing or VML shape, read once, after the anchoring paragraph."""
        boxes = list(_find(el, _BOX))
        picture = any(True for _ in _find(el, _PICTURE_TAGS, stop=W + "txbxContent"))
        para.picture = para.picture or picture
        for content in boxes:
            self.box_seq += 1
            box = self.box_seq
            saved = (self.fields, self.hidden)
            self.fields, self.hidden = [], 0
            items = list(self.blocks(content))
            self.unterminated.update(f.seq for f in self.fields)  # a box is a story of its own
            self.fields, self.hidden = saved
            for it in items:
                it.box = box
                if isinstance(it, WPara) and picture:
                    it.box_picture = "group"
            para.boxes.extend(items)
            self.stats["text boxes"] += 1

    # -- blocks -----------------------------------------------------------------------
    def paragraph(self, p: _Element) -> WPara:
        para = self.paragraph_start(p.find(W + "pPr"))
        self._inline(p, para)
        return self.paragraph_end(para)

    def paragraph_start(self, ppr: _Element | None) -> WPara:
        """A paragraph from its properties, numbered: its runs follow (:meth:`_inline`)."""
        self.count += 1
        if self.count > self.limits.max_paragraphs:
            raise LimitExceeded(
                f"the document has more than {self.limits.max_paragraphs:,} paragraphs",
                "max_paragraphs",
                self.limits.max_paragraphs,
            )
        style = None
        direct_num: tuple[str | None, int | None] | None = None
        para = WPara(self.count, None)
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style = ps.get(W + "val") if ps is not None else None
            ol = ppr.find(W + "outlineLvl")
            if ol is not None:
                para.outline = parse_int(
                    ol.get(W + "val", "9"), "an outline level", self.problems, lo=0, hi=9, line=self.count
                )
            para.page_break = _on(ppr.find(W + "pageBreakBefore"))
            num = ppr.find(W + "numPr")
            if num is not None:
                nid = num.find(W + "numId")
                lvl = num.find(W + "ilvl")
                ilvl = None
                if lvl is not None:
                    ilvl = parse_int(lvl.get(W + "val", "0"), "a list level", self.problems, lo=0, hi=8)
                direct_num = (nid.get(W + "val") if nid is not None else None, ilvl)
                if lvl is not None and ilvl is None:
                    direct_num = ("0", None)  # an unreadable level: the paragraph is shown unnumbered
            mark = ppr.find(W + "rPr")
            if mark is not None:
                para.mark_vanish = mark.find(W + "specVanish") is not None
            jc = ppr.find(W + "jc")
            if jc is not None:
                para.align = jc.get(W + "val")
            if ppr.find(W + "sectPr") is not None:
                para.break_after = True
        para.style = self.styles.para_style(style)
        if para.align is None:
            para.align = self.styles.align(para.style)
        self._number(para, direct_num)
        return para

    def paragraph_end(self, para: WPara) -> WPara:
        self._close_open_ended(para)
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
        key = self.numbering.list_key(num_id)
        if key is not None and lvl is not None:
            para.list_key = (key, ilvl)
        got = self.numbering.label(num_id, ilvl)
        if got is None:
            para.bullet = lvl is not None and lvl.fmt == "bullet"
            return
        para.label, para.suffix = got

    def _cell_lines(self, tc: _Element, state: _TableState | None, r: int, c: int) -> list[str]:
        """A cell's content as lines: each paragraph (with its printed number), the rows of
        a table inside it, the paragraphs of its text boxes."""
        lines: list[str] = []
        for it in self.blocks(tc):
            if isinstance(it, WTable):
                lines.extend(" ".join(x for x in row if x) for row in it.rows)
                continue
            text = join_label(it.label, it.text.strip(), it.suffix) if it.label else it.text.strip()
            if state is not None and it.notes and not it.box:
                offset = sum(len(x) + 1 for x in lines)
                shift = len(text) - len(it.text.strip()) if it.label else 0
                state.notes.extend((r, c, offset + shift + pos, kind, nid) for pos, kind, nid in it.notes)
            if state is not None and r == 0 and it.page_break:
                state.page_break = True
            if text:
                lines.append(text)
        return lines

    def table_start(self) -> _TableState:
        self.table_depth += 1
        if self.table_depth > self.limits.max_table_depth:
            raise LimitExceeded(
                f"tables nested more than {self.limits.max_table_depth} deep",
                "max_table_depth",
                self.limits.max_table_depth,
            )
        return _TableState(self.count + 1, self.table_depth)

    def table_row(self, state: _TableState, tr: _Element) -> None:
        r = len(state.rows)
        trpr = tr.find(W + "trPr")
        if r == 0 and trpr is not None and trpr.find(W + "tblHeader") is not None:
            state.header = bool(_on(trpr.find(W + "tblHeader")))
        cells: list[str] = []
        for tc in _find(tr, _CELL, stop=W + "tbl"):
            self.cells += 1
            if self.cells > self.limits.max_table_cells:
                raise LimitExceeded(
                    f"the tables have more than {self.limits.max_table_cells:,} cells",
                    "max_table_cells",
                    self.limits.max_table_cells,
                )
            cells.append("\n".join(self._cell_lines(tc, state, r, len(cells))))
        state.rows.append(tuple(cells))

    def table_end(self, state: _TableState) -> WTable:
        self.table_depth -= 1
        return WTable(state.index, tuple(state.rows), state.header, state.page_break, state.notes)

    def table(self, tbl: _Element) -> WTable:
        state = self.table_start()
        for tr in _find(tbl, _ROW, stop=W + "tbl"):
            self.table_row(state, tr)
        return self.table_end(state)

    def blocks(self, parent: _Element) -> Iterator[WPara | WTable]:
        """Block-level content in reading order, each paragraph followed by its text boxes."""
        for c in _children(parent):
            yield from self.block(c)

    def block(self, c: _Element) -> Iterable[WPara | WTable]:
        tag = c.tag
        if tag == W + "p":
            return _with_boxes(self.paragraph(c))
        if tag == W + "tbl":
            return [self.table(c)]
        if tag == W + "sdt":
            content = c.find(W + "sdtContent")
            return self.blocks(content) if content is not None else []
        if tag in _BLOCK_WRAPPERS:
            return self.blocks(c)
        if tag in (W + "del", W + "moveFrom"):
            self.stats["deletions"] += 1
        elif tag == W + "altChunk":
            self.stats["embedded"] += 1
        return []

    # -- a whole part, streamed -------------------------------------------------------
    def document(self, events: Iterable[tuple[str, _Element]]) -> Iterator[WPara | WTable]:
        """The body of document.xml from its parse events; each body child is handled when
        it ends and then freed, table rows one by one, a paragraph's runs one by one (one
        paragraph of 360,000 runs was 300 MB as a tree). Each paragraph and table it yields
        is a block, counted up to ``max_blocks``."""
        made = BlockCount(self.limits.max_blocks)
        depth = 0
        table: _TableState | None = None
        body = False
        streamed = False  # in a body paragraph, whose children are read as they end
        para: WPara | None = None  # that paragraph, once its properties are read
        for event, el in events:
            if event == "start":
                depth += 1
                if depth == 1 and el.tag != W + "document":
                    raise NotWordML(el.tag)
                if depth == 2 and el.tag == W + "body":
                    body = True
                elif depth == 3 and body and el.tag == W + "tbl":
                    table = self.table_start()
                elif depth == 3 and body and el.tag == W + "p":
                    streamed = True
                continue
            if depth == 4 and streamed:
                if para is None:  # the properties come first, when there are any
                    para = self.paragraph_start(el if el.tag == W + "pPr" else None)
                if el.tag != W + "pPr":
                    for c in _expand(el):
                        self._inline_child(c, para)
                _free(el)
            elif depth == 3 and streamed:
                items = _with_boxes(self.paragraph_end(para or self.paragraph_start(None)))
                made.add(len(items))
                yield from items
                streamed, para = False, None
                _free(el)
            elif depth == 4 and table is not None:
                if el.tag == W + "tr":
                    self.table_row(table, el)
                else:  # rows inside a content control or custom XML, or tblPr/tblGrid
                    for tr in _find(el, _ROW, stop=W + "tbl"):
                        self.table_row(table, tr)
                _free(el)
            elif depth == 3 and body:
                if table is not None and el.tag == W + "tbl":
                    made.add()
                    yield self.table_end(table)
                    table = None
                else:
                    for item in self.block(el):
                        made.add()
                        yield item
                _free(el)
            elif depth == 2:
                body = False
            depth -= 1
        self.end_part()

    def notes(self, events: Iterable[tuple[str, _Element]], tag: str) -> dict[str, str]:
        """Footnote or endnote id → its text (separator notes skipped), streamed."""
        out: dict[str, str] = {}
        saved = self.count
        depth = 0
        for event, el in events:
            if event == "start":
                depth += 1
                continue
            if depth == 2 and el.tag == W + tag:
                if el.get(W + "type") not in ("separator", "continuationSeparator", "continuationNotice"):
                    texts = [it.text for it in self.blocks(el) if isinstance(it, WPara)]
                    out[el.get(W + "id", "")] = join_lines(texts, "")
                    self.end_part()
                _free(el)
            depth -= 1
        self.count = saved
        return out


class NotWordML(Exception):
    """document.xml's root is not ``w:document``."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def _with_boxes(p: WPara) -> list[WPara | WTable]:
    """A paragraph followed by the text boxes anchored in it."""
    boxes, p.boxes = p.boxes, []
    if p.picture:  # a text box anchored beside a picture in the same paragraph
        for b in boxes:
            if isinstance(b, WPara):
                b.box_picture = b.box_picture or "picture-paragraph"
    return [p, *boxes]


def _free(el: _Element) -> None:
    """Drop a handled element and the siblings before it from the tree being streamed."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def join_lines(texts: list[str], sep: str = "\n") -> str:
    """Paragraph texts as one string: ``sep`` between them, a space between Latin words
    when ``sep`` is empty."""
    out = ""
    for t in (t.strip() for t in texts):
        if not t:
            continue
        if out and sep:
            out += sep
        elif out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out
