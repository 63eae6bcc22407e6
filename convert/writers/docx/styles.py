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
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.etree import _Element

from ... import wordstyles as ws
from ...model import NoteKind, ParagraphRole
from ...style import RoleStyle, Style, role_level
from .xml import W_NS, el, jc_value, qn, role_rpr, set_ppr, set_rpr, twips

MAX_WORD_HEADING = 9
#: Latin faces for code notes, in order of preference: Word and WPS have Courier New on
#: every Windows and macOS machine; the font table names the next one as its altName
#: (LibreOffice maps Courier New to the metric-compatible Liberation Mono itself).
CODE_LATIN = ("Courier New", "Liberation Mono", "DejaVu Sans Mono")
#: Word's built-in styles the writer defines, by their XML name: (the priority Word's
#: style gallery sorts them by, whether Word pairs them with a linked character style such
#: as "Heading 1 Char"). A built-in carries no ``w:customStyle`` flag, so Word localises its
#: name and does not make a second "Signature" beside ours. "heading N" and "toc N" are
#: built-ins too (:func:`_builtin`).
_WORD_BUILTINS: dict[str, tuple[int | None, bool]] = {
    "Normal": (None, False),
    "Title": (10, True),
    "Subtitle": (11, True),
    "header": (99, True),
    "footer": (99, True),
    "Quote": (29, True),
    "List Paragraph": (34, False),
    "caption": (35, False),
    "TOC Heading": (39, False),
    "Strong": (22, False),
    "Emphasis": (20, False),
    "Salutation": (None, False),
    "Closing": (None, False),
    "Signature": (None, False),
}
#: Word's default character, table and numbering styles (every Word file has them; the
#: character styles are based on the first) and "Table Grid", the one table style used,
#: keeping its borders; its cells take the Table Text paragraph style.
_FIXED_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    f'<w:style w:type="table" w:styleId="{ws.TABLE_GRID}"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)
_DEFAULT_CHAR = "DefaultParagraphFont"
#: A linked character style's id and name: the paragraph style's plus these.
_LINKED, _LINKED_NAME = "Char", " Char"


def _builtin(name: str) -> tuple[int | None, bool] | None:
    """Word's metadata for a built-in style name, None for our own styles."""
    if name.startswith("heading ") and name[8:].isdigit():
        return 9, True
    if name.startswith("toc ") and name[4:].isdigit():
        return None, False
    return _WORD_BUILTINS.get(name)


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
    section_end = ws.SECTION_END

    @staticmethod
    def role(role: ParagraphRole) -> str:
        return ws.ROLE_STYLES.get(role, ws.BODY)

    @staticmethod
    def note_kind(kind: NoteKind) -> str:
        """One paragraph style per note kind, so the kind survives a round trip."""
        return ws.NOTE_STYLES.get(kind, ws.NOTE_STYLES["editorial"])

    @staticmethod
    def opening_note(kind: NoteKind) -> str:
        """The kind's style in a run of notes that opens a speech (no rule above), or
        the kind's own style when it has none."""
        return ws.OPENING_NOTE_STYLES.get(kind) or StyleIds.note_kind(kind)

    @staticmethod
    def toc(level: int) -> str:
        return ws.toc(level)


def _rule_border() -> _Element:
    """A thin rule above the paragraph (one above a run of paragraphs that share it)."""
    bdr = el("pBdr")
    bdr.append(el("top", val="single", sz=4, space=4, color="auto"))
    return bdr


def _no_rule() -> _Element:
    """No rule above: takes off a based-on style's :func:`_rule_border`."""
    bdr = el("pBdr")
    bdr.append(el("top", val="nil"))
    return bdr


class StyleBuilder:
    """Turns the roles of a :class:`Style` into Word paragraph and character styles."""

    def __init__(self, style: Style, paged: bool = False) -> None:
        self.style = style
        # The writer plans the pages itself (:mod:`.podium`): no keep or widow rule of
        # Word's may move a line off the page it was planned on.
        self.paged = paged
        self.pitch = style.line_pitch_pt
        self.char_pitch = style.page.char_pitch_pt or style.body_size
        self.colors = style.colors
        self.root: _Element = etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{_FIXED_STYLES}</w:styles>')
        self._by_id: dict[str, _Element] = {}

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
        elif self.style.speaking.get("keep_sentences") and not self.paged:
            # Word cannot break only between sentences, but it can keep each paragraph on
            # one page (one longer than a page still breaks, by lines).
            out.append(el("keepLines"))
        if self.style.speaking.get("keep_sentences"):
            out.append(el("widowControl", val=0) if self.paged else el("widowControl"))
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

    # -- style definitions ----------------------------------------------------------------
    def _style(
        self,
        kind: str,
        style_id: str,
        name: str,
        based_on: str | None,
        next_id: str | None = None,
        *,
        link: str | None = None,
        priority: int | None = None,
        custom: bool = True,
    ) -> _Element:
        """A new ``w:style`` (replacing one of the same id) with its identity and metadata;
        the caller adds the properties. Every style shows in Word's style gallery."""
        e = el("style", type=kind, styleId=style_id)
        if style_id == ws.BODY:
            e.set(qn("w:default"), "1")
        if custom:
            e.set(qn("w:customStyle"), "1")
        e.append(el("name", val=name))
        if based_on:
            e.append(el("basedOn", val=based_on))
        if next_id:
            e.append(el("next", val=next_id))
        if link:
            e.append(el("link", val=link))
        if priority is not None:
            e.append(el("uiPriority", val=priority))
        e.append(el("qFormat"))
        old = self._by_id.get(style_id)
        if old is not None:
            self.root.remove(old)
        self.root.append(e)
        self._by_id[style_id] = e
        return e

    def _named(self, kind: str, style_id: str, name: str, based_on: str | None, next_id: str | None = None) -> _Element:
        """A style under ``name``: one of Word's built-ins with Word's metadata, else ours."""
        meta = _builtin(name)
        if meta is None:
            return self._style(kind, style_id, name, based_on, next_id)
        priority, linked = meta
        link = style_id + _LINKED if linked else None
        return self._style(kind, style_id, name, based_on, next_id, link=link, priority=priority, custom=False)

    def _linked(self, style_id: str, name: str, rpr: _Element) -> None:
        """Word's linked "… Char" style of a built-in paragraph style, with its faces: Word
        shows it when the paragraph style is applied to part of a paragraph."""
        priority, linked = _builtin(name) or (None, False)
        if linked:
            char_name = f"{name[:1].upper()}{name[1:]}{_LINKED_NAME}"
            e = self._style("character", style_id + _LINKED, char_name, _DEFAULT_CHAR, link=style_id, priority=priority)
            set_rpr(e, [c.__copy__() for c in rpr])

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
        extra_rpr: list[_Element] | None = None,
        **ppr_kw: Any,  # ppr's keywords, passed through
    ) -> _Element:
        e = self._named("paragraph", style_id, name, based_on, next_id)
        set_ppr(e, self.ppr(role, **ppr_kw) + (extra or []))
        rpr = set_rpr(e, role_rpr(role, self.colors.get(color_key), bold=bold) + (extra_rpr or []))
        self._linked(style_id, name, rpr)
        return e

    def derived(self, style_id: str, name: str, based_on: str, ppr: list[_Element], rpr: list[_Element]) -> _Element:
        """A style that states only how it differs from ``based_on``, so restyling the base
        (a face, a size, a colour) restyles it too."""
        e = self._named("paragraph", style_id, name, based_on)
        if ppr:
            set_ppr(e, ppr)
        if rpr:
            set_rpr(e, rpr)
        return e

    def note_styles(self, ids: StyleIds, opening: Collection[NoteKind] = ()) -> None:
        """One style per note kind, each from its style role.

        Notes (editorial, footnote) are smaller and, when the role asks for ``rule_above``,
        carry a top border: Word and LibreOffice draw one rule above a run of paragraphs
        with the same border, so the notes section gets one rule, not one per note. Code
        and captions take their own roles (monospace Latin; centred); cues theirs (the
        lead face), their brackets written as runs in the "Cue Mark" character style.

        A run of notes that opens a speech (a source line under the title) has no text
        above it to set off, so no rule, as in the PDF and EPUB: its notes take "Note
        Source" / "Note Footnote Source", each its kind's style with the top border
        taken off (``opening``: the kinds that need one, none when notes have no rule;
        made only then, so other files keep their styles).
        """
        r = self.style.role
        note = r("note")
        extra = [_rule_border()] if note.rule_above else []
        self.para(ids.note, "Note", note, color_key="note", extra=extra)
        self.derived(ids.note_footnote, "Note Footnote", ids.note, [], [])
        names: tuple[tuple[NoteKind, str], ...] = (("editorial", "Note Source"), ("footnote", "Note Footnote Source"))
        for kind, name in names:
            if kind in opening:
                self.derived(ids.opening_note(kind), name, ids.note_kind(kind), [_no_rule()], [])
        self.para(ids.note_code, "Note Code", r("code"), color_key="note")
        self.para(ids.note_caption, "caption", r("caption"), color_key="note")
        self.para(ids.note_cue, "Note Cue", r("cue"), color_key="note", keep_next=True)  # said of what follows
        self.char(ids.cue_mark, "Cue Mark", [])

    def section_end(self, ids: StyleIds) -> None:
        """ "Section End": the empty paragraph that ends a section after a table, a point
        high (off the grid, exact spacing), so the page keeps its lines."""
        ppr = [
            el("snapToGrid", val=0),
            el("spacing", before=0, after=0, line=20, lineRule="exact"),
            el("ind", firstLineChars=0, firstLine=0),
        ]
        self.derived(ids.section_end, "Section End", ws.BODY, ppr, [el("sz", val=2), el("szCs", val=2)])

    def char(self, style_id: str, name: str, children: list[_Element]) -> _Element:
        e = self._named("character", style_id, name, _DEFAULT_CHAR)
        set_rpr(e, children)
        return e

    def defaults(self) -> None:
        """docDefaults: the body's faces and size, zh-CN, no paragraph spacing (no theme
        fonts: the package has no theme, every style names its faces)."""
        dd = el("docDefaults")
        rpr_default = el("rPrDefault")
        body = self.style.role("body")
        kids = [c for c in role_rpr(body) if c.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"))]
        kids.append(el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
        set_rpr(rpr_default, kids)
        ppr_default = el("pPrDefault")
        set_ppr(ppr_default, [el("spacing", before=0, after=0)])
        dd.append(rpr_default)
        dd.append(ppr_default)
        self.root.insert(0, dd)

    def xml(self) -> bytes:
        """``styles.xml``."""
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def build(
        self,
        ids: StyleIds,
        max_level: int,
        labelled: bool,
        normal_spacing: int | None = None,
        opening_notes: Collection[NoteKind] = (),
        section_end: bool = False,
    ) -> None:
        """Every style the body, headers and footers refer to; ``normal_spacing`` is
        Normal's character spacing in twentieths of a point (the line grid's condensing,
        :func:`.page.condensed_spacing`); ``opening_notes`` the note kinds that open a
        speech (:meth:`note_styles`); ``section_end``: a section ends after a table
        (:meth:`section_end`)."""
        st = self.style
        r = st.role
        self.defaults()
        spacing = [el("spacing", val=normal_spacing)] if normal_spacing is not None else []
        self.para(ws.BODY, "Normal", r("body"), based_on=None, extra_rpr=spacing)
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
        self.note_styles(ids, opening_notes)
        if section_end:
            self.section_end(ids)
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
            tabs = el("tabs")
            tabs.append(el("tab", val="right", leader="dot", pos=twips(type_width)))
            self.para(ids.toc(level), f"toc {level}", r("body"), indent=0.0, left_chars=2.0 * (level - 1), extra=[tabs])
        pn = r("page_number")
        self.para(ids.footer, "footer", pn, indent=0.0, align="center", grid=False)
        # The header holds the running head, or the page number when it stands at the top.
        head_role = r("page_number") if st.page_number_edge == "top" else r("running_head")
        self.para(ids.header, "header", head_role, indent=0.0, align="center", grid=False)
