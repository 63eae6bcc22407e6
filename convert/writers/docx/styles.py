"""Word styles built from a Speechpress style: the whole look lives in ``styles.xml``.

Every paragraph and run in the body refers to a named style and carries no font, size or
spacing of its own, so a user who changes "Heading 2" in Word restyles every level-1
heading at once. The built-in names (Title, Subtitle, heading N, toc N, Salutation,
Signature, Strong, Emphasis, …) are kept because Word localises them and its Navigation
Pane, TOC and outline view know them.

Outline: "Heading N" is model level N in every file, so the same Word style means the
same thing (黑体 level 1, 楷体 level 2) in a collection and in a single speech. A speech's
label （一） has a style of its own, "Speech Label", at outline level 1 (beside the
level-1 headings in the Navigation Pane and the TOC, whose ``\\u`` switch counts outline
levels); it breaks the page, so every further speech starts a new page. Levels deeper
than 4 look like level 4 (``heading_role``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle, StyleFactory
from lxml.etree import _Element

from ... import wordstyles as ws
from ...model import NoteKind, ParagraphRole
from ...style import RoleStyle, Style, role_level
from .xml import el, jc_value, role_rpr, set_ppr, set_rpr, twips

MAX_WORD_HEADING = 9
#: Latin faces for code notes, in order of preference: Word and WPS have Courier New on
#: every Windows and macOS machine; the font table names the next one as its altName
#: (LibreOffice maps Courier New to the metric-compatible Liberation Mono itself).
CODE_LATIN = ("Courier New", "Liberation Mono", "DejaVu Sans Mono")
#: Word's own names among the styles the writer may have to add (no w:customStyle flag,
#: so Word localises them and does not make a second "Signature" beside its own).
_WORD_BUILTINS = frozenset(
    {"Salutation", "Closing", "Signature", "Quote", "List Paragraph", "Strong", "Emphasis", "caption"}
)


@dataclass(frozen=True)
class StyleIds:
    """Which Word style each part of the model gets (style ids, as the XML refers to them).

    "Heading N" is heading level N in every file; a speech's label （一） has a style of
    its own (``label``), at the top of the outline.
    """

    def heading(self, level: int) -> str:
        return ws.heading(min(max(level, 1), MAX_WORD_HEADING))

    def lead(self, level: int) -> str:
        return ws.lead(role_level(level))

    label = ws.LABEL
    title = ws.TITLE
    subtitle = ws.SUBTITLE
    byline = ws.BYLINE
    speech_title = ws.SPEECH_TITLE
    body = ws.BODY
    note = ws.NOTE_STYLES["editorial"]
    note_footnote = ws.NOTE_STYLES["footnote"]
    note_code = ws.NOTE_STYLES["code"]
    note_caption = ws.NOTE_STYLES["caption"]
    note_cue = ws.NOTE_STYLES["cue"]
    cue_mark = ws.CUE_MARK
    note_char = ws.NOTE_CHAR
    strong = ws.STRONG
    emphasis = ws.EMPHASIS
    table_text = ws.TABLE_TEXT
    table_heading = ws.TABLE_HEADING
    toc_heading = ws.TOC_HEADING
    footer = ws.FOOTER
    header = ws.HEADER

    @staticmethod
    def role(role: ParagraphRole) -> str:
        return ws.ROLE_STYLES.get(role, ws.BODY)

    @staticmethod
    def note_kind(kind: NoteKind) -> str:
        """One paragraph style per note kind, so the kind survives a round trip."""
        return ws.NOTE_STYLES.get(kind, ws.NOTE_STYLES["editorial"])

    @staticmethod
    def toc(level: int) -> str:
        return ws.toc(level)


def _rule_border() -> _Element:
    """A thin rule above the paragraph (one above a run of paragraphs that share it)."""
    bdr = el("pBdr")
    bdr.append(el("top", val="single", sz=4, space=4, color="auto"))
    return bdr


def _get(doc: DocxDocument, style_id: str, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    """The style with this id, created (with Word's built-in name) when the template lacks it."""
    found = doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')
    if found:
        return StyleFactory(found[0])
    builtin = name in _WORD_BUILTINS or name.startswith(("heading ", "toc "))
    s = doc.styles.add_style(name, kind, builtin=builtin)
    s.style_id = style_id
    # add_style writes the UI name; Word matches built-ins by their lower-case XML name.
    s.element.get_or_add_name().set(qn("w:val"), name)
    return s


def _clean(s: BaseStyle, based_on: str | None, next_id: str | None = None) -> _Element:
    """Strip a template style down to its identity so only our properties remain."""
    e = s.element
    for tag in ("w:basedOn", "w:next", "w:pPr", "w:rPr", "w:tblPr", "w:rsid"):
        for c in e.findall(qn(tag)):
            e.remove(c)
    name = e.find(qn("w:name"))
    anchor = name
    if based_on:
        b = el("basedOn", val=based_on)
        anchor.addnext(b)
        anchor = b
    if next_id:
        anchor.addnext(el("next", val=next_id))
    for tag in ("w:semiHidden", "w:unhideWhenUsed"):
        for c in e.findall(qn(tag)):
            e.remove(c)  # our styles are in use: show them in Word's style gallery
    if e.find(qn("w:qFormat")) is None:
        e.append(el("qFormat"))
    return e


class StyleBuilder:
    """Turns the roles of a :class:`Style` into Word paragraph and character styles."""

    def __init__(self, doc: DocxDocument, style: Style) -> None:
        self.doc = doc
        self.style = style
        self.pitch = style.line_pitch_pt
        self.char_pitch = style.page.char_pitch_pt or style.body_size
        self.colors = style.colors
        self.built: set[str] = set()

    # -- paragraph geometry -------------------------------------------------------------
    def line_pt(self, role: RoleStyle) -> float:
        """Exact line height: one grid line, or as many as a large face needs.

        Exact (not "at least") so Word, WPS and LibreOffice all set 22 lines a page on
        the official grid whatever each machine's substitute font measures.
        """
        if role.line_spacing:
            return role.size * role.line_spacing
        lines = max(1, math.ceil(role.size * 1.2 / self.pitch - 1e-6))
        return self.pitch * lines

    def indent_chars(self, role: RoleStyle, align: str) -> float:
        if role.first_line_indent is not None:
            return role.first_line_indent
        return 0.0 if align in ("center", "right") else self.style.first_line_indent

    def ppr(
        self,
        role: RoleStyle,
        *,
        align: str | None = None,
        indent: float | None = None,
        left_chars: float = 0.0,
        outline: int | None = None,
        keep_next: bool = False,
        page_break: bool = False,
        space_before: float | None = None,
        space_after: float | None = None,
        grid: bool = True,
    ) -> list[_Element]:
        a = align or role.align or self.style.align
        first = self.indent_chars(role, a) if indent is None else indent
        out: list[_Element] = []
        if keep_next:
            out += [el("keepNext"), el("keepLines")]
        elif self.style.speaking.get("keep_sentences"):
            # The lectern copy: Word cannot break only between sentences, but it can keep
            # each paragraph on one page (one longer than a page still breaks, by lines).
            out.append(el("keepLines"))
        if self.style.speaking.get("keep_sentences"):
            out.append(el("widowControl"))
        if page_break:
            out.append(el("pageBreakBefore"))
        if not grid:
            out.append(el("snapToGrid", val=0))
        before = role.space_before if space_before is None else space_before
        after = role.space_after if space_after is None else space_after
        if grid:
            out.append(
                el(
                    "spacing",
                    before=twips(before),
                    after=twips(after),
                    line=twips(self.line_pt(role)),
                    lineRule="exact",
                )
            )
        else:
            out.append(el("spacing", before=twips(before), after=twips(after), line=240, lineRule="auto"))
        left_chars = left_chars or role.left_indent
        ind = el("ind", firstLineChars=round(first * 100), firstLine=twips(first * self.char_pitch))
        if left_chars:
            ind.set(qn("w:leftChars"), str(round(left_chars * 100)))
            ind.set(qn("w:left"), str(twips(left_chars * self.char_pitch)))
        out.append(ind)
        out.append(el("jc", val=jc_value(a)))
        out.append(el("outlineLvl", val=9 if outline is None else outline))
        return out

    # -- style definitions --------------------------------------------------------------
    def para(
        self,
        style_id: str,
        name: str,
        role: RoleStyle,
        *,
        based_on: str | None = "Normal",
        next_id: str | None = None,
        color_key: str = "text",
        bold: bool | None = None,
        extra: list[_Element] | None = None,
        **ppr_kw: Any,  # ppr's keywords, passed through
    ) -> BaseStyle:
        s = _get(self.doc, style_id, name, WD_STYLE_TYPE.PARAGRAPH)
        e = _clean(s, based_on, next_id)
        set_ppr(e, self.ppr(role, **ppr_kw) + (extra or []))
        set_rpr(e, role_rpr(role, self.colors.get(color_key), bold=bold))
        self.built.add(style_id)
        return s

    def derived(self, style_id: str, name: str, based_on: str, ppr: list[_Element], rpr: list[_Element]) -> BaseStyle:
        """A style that states only how it differs from ``based_on``, so restyling the base
        (a face, a size, a colour) restyles it too."""
        s = _get(self.doc, style_id, name, WD_STYLE_TYPE.PARAGRAPH)
        e = _clean(s, based_on)
        if ppr:
            set_ppr(e, ppr)
        if rpr:
            set_rpr(e, rpr)
        self.built.add(style_id)
        return s

    def note_styles(self, ids: StyleIds) -> None:
        """One style per note kind, each from its style role.

        Notes (editorial, footnote) are smaller and, when the role asks for ``rule_above``,
        carry a top border: Word and LibreOffice draw one rule above a run of paragraphs
        with the same border, so the notes section gets one rule, not one per note. Code
        and captions take their own roles (monospace Latin; centred); cues theirs (the
        lead face), their brackets written as runs in the "Cue Mark" character style.
        """
        r = self.style.role
        note = r("note")
        extra = [_rule_border()] if note.rule_above else []
        self.para(ids.note, "Note", note, color_key="note", extra=extra)
        self.derived(ids.note_footnote, "Note Footnote", ids.note, [], [])
        self.para(ids.note_code, "Note Code", r("code"), color_key="note")
        self.para(ids.note_caption, "caption", r("caption"), color_key="note")
        self.para(ids.note_cue, "Note Cue", r("cue"), color_key="note", keep_next=True)  # said of what follows
        self.char(ids.cue_mark, "Cue Mark", [])

    def char(self, style_id: str, name: str, children: list[_Element]) -> BaseStyle:
        s = _get(self.doc, style_id, name, WD_STYLE_TYPE.CHARACTER)
        e = _clean(s, "DefaultParagraphFont")
        set_rpr(e, children)
        return s

    def defaults(self) -> None:
        """docDefaults: body faces and zh-CN, replacing the template's theme fonts."""
        styles = self.doc.styles.element
        dd = styles.find(qn("w:docDefaults"))
        rpr_default = dd.find(qn("w:rPrDefault"))
        body = self.style.role("body")
        kids = [c for c in role_rpr(body) if c.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"))]
        kids.append(el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
        set_rpr(rpr_default, kids)
        ppr_default = dd.find(qn("w:pPrDefault"))
        set_ppr(ppr_default, [el("spacing", before=0, after=0)])

    def build(self, ids: StyleIds, max_level: int, labelled: bool) -> None:
        st = self.style
        r = st.role
        self._prune()
        self.defaults()
        self.para(ws.BODY, "Normal", r("body"), based_on=None)
        self.para(
            ids.title,
            "Title",
            r("title"),
            next_id="Subtitle",
            color_key="title",
            align=r("title").align or "center",
            keep_next=True,
        )
        self.para(ids.subtitle, "Subtitle", r("subtitle"), align=r("subtitle").align or "center", keep_next=True)
        self.para(ids.byline, "Byline", r("subtitle"), align=r("subtitle").align or "center", keep_next=True)
        self.para(
            ids.speech_title,
            "Speech Title",
            r("title"),
            color_key="title",
            align=r("title").align or "center",
            keep_next=True,
        )
        label_align = r("label").align or "center"
        if labelled:
            self.para(
                ids.label,
                "Speech Label",
                r("label"),
                color_key="heading",
                align=label_align,
                outline=0,
                keep_next=True,
                page_break=True,
            )
        for n in range(1, min(max(max_level, 4), MAX_WORD_HEADING) + 1):
            self.para(
                ids.heading(n),
                f"heading {n}",
                st.heading_role(n),
                next_id=ws.BODY,
                color_key="heading",
                outline=n - 1,
                keep_next=True,
            )
        for level in range(1, 5):
            role = st.heading_role(level)
            kids = [c for c in role_rpr(role, self.colors.get("heading")) if c.tag not in (qn("w:sz"), qn("w:szCs"))]
            self.char(ids.lead(level), f"Lead {level}", kids)
        named: tuple[tuple[ParagraphRole, str], ...] = (
            ("greeting", "Salutation"),
            ("closing", "Closing"),
            ("signature", "Signature"),
            ("quote", "Quote"),
            ("list_item", "List Paragraph"),
        )
        for role_name, name in named:
            self.para(ws.ROLE_STYLES[role_name], name, r(role_name))
        self.note_styles(ids)
        self.char(ids.note_char, "Note Char", role_rpr(r("note"), self.colors.get("note"))[:1])
        self.char(ids.strong, "Strong", [el("b"), el("bCs")])
        self.char(ids.emphasis, "Emphasis", [el("i"), el("iCs")])
        self.para(ids.table_text, "Table Text", r("body"), indent=0.0, align="left", grid=False)
        self.para(ids.table_heading, "Table Heading", r("body"), indent=0.0, align="center", grid=False, bold=True)
        self.para(
            ids.toc_heading,
            "TOC Heading",
            r("label"),
            color_key="heading",
            align=label_align,
            keep_next=True,
            space_after=self.pitch,
        )
        type_width = st.page.type_width_pt
        for level in (1, 2, 3):
            s = self.para(ids.toc(level), f"toc {level}", r("body"), indent=0.0, left_chars=2.0 * (level - 1))
            ppr = s.element.find(qn("w:pPr"))
            tabs = el("tabs")
            tabs.append(el("tab", val="right", leader="dot", pos=twips(type_width)))
            ppr.insert(0, tabs)
        pn = r("page_number")
        self.para(ids.footer, "footer", pn, indent=0.0, align="center", grid=False)
        # The header holds the running head, or the page number when it stands at the top.
        head_role = r("page_number") if st.page_number_edge == "top" else r("running_head")
        self.para(ids.header, "header", head_role, indent=0.0, align="center", grid=False)
        self._sync_linked()
        self._table_grid()

    def _sync_linked(self) -> None:
        """Give Word's linked "… Char" styles the faces of their paragraph styles.

        The template's linked styles still carry theme fonts and blue headings; Word shows
        them when a heading style is applied to part of a paragraph.
        """
        root = self.doc.styles.element
        for sid in sorted(self.built):
            e = root.xpath(f'w:style[@w:styleId="{sid}"]')[0]
            link = e.find(qn("w:link"))
            rpr = e.find(qn("w:rPr"))
            linked = root.xpath(f'w:style[@w:styleId="{link.get(qn("w:val"))}"]') if link is not None else []
            if not linked or rpr is None:
                continue
            le = _clean(StyleFactory(linked[0]), "DefaultParagraphFont")
            set_rpr(le, [c.__copy__() for c in rpr])

    def _prune(self) -> None:
        """Drop the template's 140 unused colour table styles; Table Grid is the one used."""
        root = self.doc.styles.element
        for e in root.xpath('w:style[@w:type="table"]'):
            if e.get(qn("w:styleId")) not in ("TableNormal", ws.TABLE_GRID):
                root.remove(e)

    def _table_grid(self) -> None:
        """Table Grid keeps its borders; its cells take the Table Text paragraph style."""
        for s in self.doc.styles:
            if s.style_id == ws.TABLE_GRID:
                e = s.element
                for c in e.findall(qn("w:pPr")) + e.findall(qn("w:rPr")):
                    e.remove(c)
