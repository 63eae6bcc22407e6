"""The DOCX writer: an editable Word document in the house layout of a style.

Users open the file in Word or WPS, change a sentence and print it, so it must behave like
a file made from their office's own template:

* All looks live in named styles (see :mod:`.styles`), each made from its style role:
  Title, Subtitle, Speech Label, Heading N, Normal, Salutation/Closing/Signature/Quote/
  List Paragraph for the paragraph roles, Note for notes (a top border: one rule above a
  run of notes) and "Note Footnote" based on it ("Note Source" / "Note Footnote Source",
  without the rule, for a run of notes that opens a speech), "Note Code", Word's "caption"
  and "Note Cue" (its brackets in "Cue Mark" runs) for the other note kinds,
  Strong/Emphasis/Note Char for runs, "Lead 1"… "Lead 4" character styles for run-in
  leads. Body paragraphs and runs carry no direct formatting; the only direct paragraph
  properties are the section ends of a style with a running head (one section per piece,
  :mod:`.sections`) or of the lectern copy (one per planned page, :mod:`.podium`, whose
  paragraph cut at a page end goes on unindented), and the page break where a speech starts:
  ``pageBreakBefore=0`` on the first speech label (the label style breaks the page so
  that every further speech, and any a user adds, starts a new page), and
  ``pageBreakBefore`` on the first paragraph of a speech without a label (on the first
  row's paragraphs when the speech opens with a table). The reader splits speeches there.
* The page, grid, headers and footers come from :mod:`.page`; settings and the font
  table from :mod:`.settings`; the properties from :mod:`.props`. This module writes the
  body (``document.xml``); :mod:`.package` zips the parts with their content types and
  relationships. Every part is built here with lxml or a string template (no
  python-docx, no template document: nothing in the file that the writer did not put
  there); the elements come from :mod:`.xml`.

Run-in headings (``一是高质量推进产业发展。`` starting a body paragraph) use Word's
*style separator*: the lead is its own paragraph in its Heading style whose paragraph
mark is hidden with ``w:vanish`` + ``w:specVanish``, immediately followed by the body
paragraph. Word and WPS print the two on one line, yet the lead is a real heading, so it
shows in the Navigation Pane, the outline view and a TOC field, which is what a speech
outline needs (a character style inside the body paragraph would print the same but
vanish from the outline). The lead paragraph carries the body's first-line indent (the
heading styles have it, as GB/T 9704 indents headings like body text), so the combined
line starts where any paragraph starts.

LibreOffice (7.4 here) does not implement ``specVanish``: it shows the lead as a heading
line of its own and the paragraph below it. The style key ``docx.run_in = "inline"``
(``-O docx.run_in=inline``) writes the lead as a "Lead N" character-styled run inside the body paragraph
instead, for users whose readers are on LibreOffice; the default stays the separator.

The page is GB/T 9704's 22 × 28: a line grid of 22 lines with Normal's character spacing
condensed so that 28 characters fill a line, which Word, WPS and LibreOffice all lay out
the same. ``docx.grid = "chars"`` (``-O docx.grid=chars``) writes the office templates' ``linesAndChars``
grid instead, exact in Word and WPS, but LibreOffice 7.4 puts each 16 pt character into
two 15.79 pt cells and spreads the text to 14 characters a line. See :mod:`.page`.

``WriteResult.pages`` is an estimate from the grid (Word paginates on opening).

Speech labels （一）（二） have a style of their own ("Speech Label", outline level 1) and
"Heading N" is model level N in every file; see :mod:`.styles`. The optional TOC page (``options.toc`` or
``[docx] toc`` in the style) is a real ``TOC \\o "1-3" \\h \\z \\u`` field, pre-filled with
hyperlinked entries and PAGEREF fields whose cached page numbers are estimated from the
grid (:mod:`.estimate`); ``w:updateFields`` makes Word refresh it on opening.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from lxml.etree import _Element

from ... import wordstyles as ws
from ...model import PARAGRAPH_ROLES, Diagnostic, Document, Heading, Note, NoteKind, Paragraph, Run, Speech, Table
from ...style import RoleStyle, Style
from ...timing import document_units
from ..base import WriteOptions, WriteResult
from ..segment import title_lines
from ..walk import NOTE_ROLES, Step, bracketed, list_nesting_indent, list_number_width, printed_label, steps
from .estimate import PageCounter
from .package import DOCUMENT, PART, Package
from .page import (
    HeadersFooters,
    block_width,
    condensed_spacing,
    page_numbers,
    running_head,
    running_head_text,
    section_properties,
)
from .podium import Flow, SentencePager
from .props import app_xml, core_xml, timestamp
from .sections import Furniture, PageSections, PieceSections
from .settings import font_table_xml, settings_xml
from .styles import CODE_LATIN, StyleBuilder, StyleIds
from .xml import (
    DECLARATION,
    NAMESPACES,
    Length,
    add_ppr_children,
    el,
    enclosing,
    field_begin,
    field_end,
    field_runs,
    part_xml,
    qn,
    run_xml,
    text_run,
    twips,
    xml_safe,
)

TOC_LEVELS = 3
#: Spooled XML stays in memory up to this size, then goes to a temporary file.
SPOOL_IN_MEMORY = 8 * 1024 * 1024
_DOCUMENT_OPEN = f"{DECLARATION}<w:document {NAMESPACES}><w:body>".encode()
_DOCUMENT_CLOSE = b"</w:body></w:document>"
_PARAGRAPH_CLOSE = b"</w:p>"

TOC_TITLE = "目录"


class DocxWriteError(ValueError):
    """The model cannot be written as DOCX (not a Document, or no speeches)."""


@dataclass(frozen=True)
class OutlineEntry:
    word_level: int  # 1-based, as Word's Heading N
    text: str
    bookmark: str


def _labelled(doc: Document) -> bool:
    """Whether each speech opens with a label paragraph (a collection)."""
    return any(s.label for s in doc.speeches) or (len(doc.speeches) > 1 and any(s.title for s in doc.speeches))


def _speech_heading(speech: Speech, labelled: bool) -> str | None:
    """The text of a speech's label paragraph (top of the outline), if it has one."""
    if not labelled:
        return None
    return printed_label(speech) or speech.title


def opening_note_kinds(doc: Document, style: Style) -> frozenset[NoteKind]:
    """The kinds of the notes in runs that open a speech (a source line under the title),
    when notes carry a rule: these notes are set without it (:meth:`StyleBuilder.note_styles`)."""
    if not style.role("note").rule_above:
        return frozenset()
    return frozenset(n.kind for s in doc.speeches for n in _opening_notes(s))


def _opening_notes(speech: Speech) -> Iterator[Note]:
    """The notes (role "note") of the run that opens the speech, if any."""
    for step in steps(speech):
        if step.role != "note" or not isinstance(step.block, Note):
            return
        yield step.block


def section_after_table(doc: Document) -> bool:
    """Whether a speech before the last ends with a table: with one section per piece,
    its section then ends at an empty "Section End" paragraph."""
    return any(s.blocks and isinstance(s.blocks[-1], Table) for s in doc.speeches[:-1])


def _section_end(ids: StyleIds, sect: _Element) -> _Element:
    """An empty "Section End" paragraph ending a section. After the TOC too: LibreOffice
    (7.4) leaves the page fields of the section empty when it ends inside the TOC field's
    last paragraph."""
    p = el("p")
    ppr = el("pPr")
    ppr.append(el("pStyle", val=ids.section_end))
    p.append(ppr)
    end_section(p, sect)
    return p


def _ppr(p: _Element) -> _Element:
    """A body paragraph's ``w:pPr`` (each has one, holding its style, made first)."""
    return p[0]


def end_section(p: _Element, sect: _Element) -> None:
    """End a section at paragraph ``p``: its ``w:sectPr`` in the paragraph's properties."""
    add_ppr_children(_ppr(p), [sect])


class _Body:
    """The document body: the model's blocks as paragraphs and tables in their Word styles.

    The first blocks (the title block) are kept as elements in :attr:`head`, as the TOC
    goes in after them once the whole outline is known; every block after
    :meth:`start_spool` is serialised as soon as the next one starts and dropped, so the
    body costs memory for one block, not for the document."""

    def __init__(
        self,
        style: Style,
        ids: StyleIds,
        builder: StyleBuilder,
        run_in: str,
        grid: str = "chars",
        labelled: bool = False,
        opening_kinds: frozenset[NoteKind] = frozenset(),
    ) -> None:
        self.labelled = labelled
        self.opening_kinds = opening_kinds
        self.type_width = style.page.type_width_pt
        self.style = style
        self.ids = ids
        self.builder = builder
        self.run_in = run_in
        self.count = PageCounter(style, builder.line_pt, char_grid=grid == "chars")
        self.entries: list[OutlineEntry] = []
        self.heading_pages: list[int] = []
        self.last_page = 1
        self._bookmark_id = 0
        self.head: list[_Element] = []  # blocks kept as elements: the title block, the TOC
        self._last: _Element | None = None  # the last block (a paragraph or table)
        # One section per piece (see :mod:`.sections`): the current section's sectPr,
        # written where the section ends; the next piece's maker; a first piece's
        # section that ends with the TOC, written once the TOC is.
        self.sect: _Element | None = None
        self.pieces: PieceSections | None = None
        self.toc_follows = False
        self.toc_sect: _Element | None = None
        self.blocks = 0  # blocks written, kept or spooled
        # The lectern copy (:mod:`.podium`): the planned pages, one section each.
        self.pager: SentencePager | None = None
        self.page_sections: PageSections | None = None
        self._pages_closed = 0
        self._piece_first = False
        self._spool: IO[bytes] | None = None
        self._pending: _Element | None = None  # the last block, still being filled
        #: The pending paragraph's runs, already serialised: they follow everything else
        #: it holds (:meth:`runs`).
        self._pending_runs = bytearray()
        self._roles = {
            ids.title: style.role("title"),
            ids.subtitle: style.role("subtitle"),
            ids.byline: style.role("subtitle"),
            ids.speech_title: style.role("title"),
            ids.label: style.role("label"),
            ids.toc_heading: style.role("label"),
            **{ids.role(role): style.role(role) for role in PARAGRAPH_ROLES},
            **{ids.note_kind(kind): style.role(role) for kind, role in NOTE_ROLES.items()},
            **{ids.opening_note(kind): style.role(NOTE_ROLES[kind]) for kind in opening_kinds},
        }

    # -- primitives ---------------------------------------------------------------------
    def _append(self, e: _Element) -> None:
        """Add a block at the body's end.

        Once :meth:`start_spool` was called, a block is not kept at all: the one before
        it is finished, so it is serialised into the spool and dropped. A Word table of
        400,000 cells is three million XML elements; in a tree it peaked above a
        gigabyte, spooled it is the size of its XML, on disk."""
        self.blocks += 1
        self._last = e
        if self._spool is None:
            self.head.append(e)
            return
        self._flush()
        self._pending = e

    def start_spool(self) -> None:
        """Blocks from here on go to the spool."""
        # closed by the writer once the package is written (an unlinked file if it spilled)
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115

    def _flush(self) -> None:
        if self._pending is None or self._spool is None:
            return
        data = part_xml(self._pending)
        if self._pending_runs:  # the runs go in before the paragraph's end tag
            assert data.endswith(_PARAGRAPH_CLOSE), "a paragraph always holds its pPr"
            self._spool.write(memoryview(data)[: -len(_PARAGRAPH_CLOSE)])
            self._spool.write(self._pending_runs)
            self._spool.write(_PARAGRAPH_CLOSE)
            self._pending_runs = bytearray()
        else:
            self._spool.write(data)
        self._pending = None

    def finish(self) -> IO[bytes] | None:
        """The spooled blocks, rewound (None when nothing was spooled)."""
        self._flush()
        if self._spool is not None:
            self._spool.seek(0)
        return self._spool

    def piece_section(self, first: bool) -> None:
        """A piece starts: the section before it ends (its sectPr goes on its last
        paragraph; after the TOC when the first piece follows one) and the piece's begins."""
        if self.pieces is None or self.sect is None:
            return
        nxt = self.pieces.section()
        if first and self.toc_follows:
            self.toc_sect = self.sect
        else:
            self._end_section(self.sect)
        self.sect = nxt

    def _end_section(self, sect: _Element) -> None:
        """Put ``sect`` on the last paragraph written, or on an empty one after a table
        (Word ends a section only at a paragraph mark; see :func:`section_after_table`)."""
        last = self._last
        if last is None or last.tag != qn("w:p"):
            self._append(_section_end(self.ids, sect))
        else:
            end_section(last, sect)

    def document(self, sect: _Element, spool: IO[bytes] | None) -> list[bytes | IO[bytes]]:
        """``document.xml`` in pieces: the kept blocks, the spooled ones, the section."""
        pieces: list[bytes | IO[bytes]] = [_DOCUMENT_OPEN, *(part_xml(e) for e in self.head)]
        if spool is not None:
            pieces.append(spool)
        pieces += [part_xml(sect), _DOCUMENT_CLOSE]
        return pieces

    def new_paragraph(self, style_id: str) -> _Element:
        p = el("p")
        ppr = el("pPr")
        ppr.append(el("pStyle", val=style_id))
        p.append(ppr)
        self._append(p)
        return p

    def para(
        self,
        style_id: str,
        text: str = "",
        *,
        page_break: bool = False,
        indent: float | None = None,
        counted: str | None = None,
    ) -> _Element:
        """A paragraph in ``style_id``; ``counted`` is the text it will hold, for the estimate.
        A title that needs two lines gets even lines broken between words (a line break
        at a word boundary): Word would break it anywhere, even inside 二中全会."""
        p = self.new_paragraph(style_id)
        role = self._role_of(style_id)
        if text and style_id in (self.ids.title, self.ids.speech_title):
            p.append(text_run("\n".join(title_lines(text, role.size, self.type_width))))
        elif text:
            p.append(text_run(text))
        if indent is None:
            indent = self.builder.indent_chars(role, role.align or self.style.align)
        self.last_page = self.count.add(text if counted is None else counted, role, indent, page_break)
        return p

    def _role_of(self, style_id: str) -> RoleStyle:
        if style_id in self._roles:
            return self._roles[style_id]
        number = ws.heading_number(style_id)
        if number is not None:
            return self.style.heading_role(number)
        return self.style.role("body")

    def runs(self, p: _Element, runs: tuple[Run, ...]) -> None:
        """The paragraph's inline runs, after all it holds so far (nothing is added to a
        paragraph after its runs but properties). Into a paragraph being spooled they go
        as bytes, not elements: one paragraph may hold 360,000 runs."""
        as_bytes = p is self._pending
        out = self._pending_runs
        for r in runs:
            if not r.text:
                continue
            rstyle = (
                self.ids.note_char if r.note else self.ids.strong if r.bold else self.ids.emphasis if r.italic else None
            )
            marks: tuple[str, ...] = ()
            if rstyle is not None:  # a combination no one character style covers: the rest direct
                emphasis = (("b", r.bold, self.ids.strong), ("i", r.italic, self.ids.emphasis))
                marks = tuple(tag for tag, on, covered in emphasis if on and rstyle != covered)
            if as_bytes:
                out += run_xml(r.text, rstyle, marks)
            else:
                p.append(text_run(r.text, rstyle, marks))

    def bookmark(self, p: _Element, word_level: int, text: str) -> None:
        assert not (p is self._pending and self._pending_runs), "a bookmark's end goes after the runs"
        self._bookmark_id += 1
        name = f"_Toc{self._bookmark_id:08d}"
        _ppr(p).addnext(el("bookmarkStart", id=self._bookmark_id, name=name))
        p.append(el("bookmarkEnd", id=self._bookmark_id))
        self.entries.append(OutlineEntry(word_level, text, name))
        self.heading_pages.append(self.last_page)

    # -- model --------------------------------------------------------------------------
    def title_block(self, doc: Document) -> bool:
        wrote = False
        for value, sid in (
            (doc.title, self.ids.title),
            (doc.subtitle, self.ids.subtitle),
            (doc.author, self.ids.byline),
            (doc.date, self.ids.byline),
        ):
            if value:
                self._place_line(sid, value)
                self.para(sid, value)
                wrote = True
        return wrote

    def _speech_lines(self, speech: Speech) -> tuple[tuple[str | None, str], ...]:
        """A speech's title block, each line with its style (the title only where it is
        not the label's heading already)."""
        title = speech.title if speech.label or not self.labelled else None
        return (
            (title, self.ids.speech_title),
            (speech.subtitle, self.ids.subtitle),
            (speech.author, self.ids.byline),
            (speech.date, self.ids.byline),
        )

    def speech(self, speech: Speech, first: bool, break_first: bool) -> None:
        if self.pager is not None:
            self._paged_speech(speech, first, break_first)
            return
        head = _speech_heading(speech, self.labelled)
        pending_break = not first or break_first
        if pending_break:
            self.piece_section(first)
        if head is not None:
            p = self.para(self.ids.label, head, page_break=pending_break)
            if not pending_break:
                add_ppr_children(_ppr(p), [el("pageBreakBefore", val=0)])
            self.bookmark(p, 1, head)
            pending_break = False
        for value, sid in self._speech_lines(speech):
            if value:
                p = self.para(sid, value, page_break=pending_break)
                if pending_break:
                    add_ppr_children(_ppr(p), [el("pageBreakBefore")])
                pending_break = False
        opening = True  # in the run of notes that opens the speech
        for step in steps(speech):
            opening = opening and step.role == "note"
            if step.lead is not None:
                assert isinstance(step.block, Paragraph)
                self.run_in_heading(step.lead, step.block, pending_break)
            else:
                self.block(step.block, pending_break, opening)
            pending_break = False

    # -- the lectern copy's pages (:mod:`.podium`) ---------------------------------------
    def _close_page(self) -> None:
        """End the next finished page's section on the last block written."""
        assert self.pager is not None and self.page_sections is not None
        time = self.pager.times[self._pages_closed]
        self._end_section(self.page_sections.section(time, self._piece_first))
        self._pages_closed += 1
        self._piece_first = False

    def _place_line(
        self,
        style_id: str,
        text: str,
        break_before: bool = False,
        after: Flow | None = None,
        opens_piece: bool = False,
    ) -> None:
        """A title-block line, a label or a speech's title: never cut; with ``after``, kept
        with it (a piece's label and title stay with its first paragraph)."""
        if self.pager is None:
            return
        role = self._role_of(style_id)
        f = Flow(text, role, self.builder.indent_chars(role, role.align or self.style.align), spoken=False)
        if self.pager.heading(f, after, break_before):
            self._close_page()
        if opens_piece:  # the page a piece starts on has its title: no running head
            self._piece_first = True

    def _flow(self, step: Step | None) -> Flow | None:
        """A step as the pager measures it (None for a table or nothing)."""
        if step is None or isinstance(step.block, Table):
            return None
        b = step.block
        if isinstance(b, Heading):
            role = self._role_of(self.ids.heading(b.level))
            return Flow(b.text, role, self.builder.indent_chars(role, role.align or self.style.align))
        if isinstance(b, Note):
            role = self.style.role(NOTE_ROLES.get(b.kind, "note"))
            text = bracketed(b.text, role.brackets)
            return Flow(text, role, self.builder.indent_chars(role, role.align or self.style.align), spoken=False)
        assert isinstance(b, Paragraph)
        role = self._role_of(self.ids.role(b.role))
        indent = self.builder.indent_chars(role, role.align or self.style.align)
        lead = step.lead.text if step.lead is not None else ""
        return Flow(lead + b.text, role, indent, lead_chars=len(lead))

    def _paged_speech(self, speech: Speech, first: bool, break_first: bool) -> None:
        """:meth:`speech` on planned pages: page breaks are section ends, a paragraph that
        a page ends inside is written as one paragraph per page."""
        assert self.pager is not None
        head = _speech_heading(speech, self.labelled)
        pending_break = not first or break_first
        todo = list(steps(speech))
        opening_flow = self._flow(todo[0]) if todo else None
        opens = True  # the piece's first line is still to come
        if head is not None:
            self._place_line(self.ids.label, head, pending_break, opening_flow, opens_piece=True)
            opens = False
            p = self.para(self.ids.label, head)
            add_ppr_children(_ppr(p), [el("pageBreakBefore", val=0)])
            self.bookmark(p, 1, head)
            pending_break = False
        for value, sid in self._speech_lines(speech):
            if value:
                self._place_line(sid, value, pending_break, opening_flow, opens_piece=opens)
                self.para(sid, value)
                pending_break = opens = False
        opening = True
        after_heading = False
        for k, step in enumerate(todo):
            opening = opening and step.role == "note"
            b = step.block
            before = len(self.pager.times)
            if isinstance(b, Table):
                rows = max(1, len(b.rows))
                started = self.pager.block(rows * self.pager.line(self.style.role("body")), 0, pending_break)
                self._after_break(started, pending_break)
                self.table(b)
                after_heading = False
            elif isinstance(b, Heading):
                f = self._flow(step)
                assert f is not None
                started = self.pager.heading(f, self._flow(todo[k + 1] if k + 1 < len(todo) else None), pending_break)
                self._after_break(started, pending_break)
                self.heading(b, False)
                after_heading = True
            else:
                f = self._flow(step)
                assert f is not None
                placed = self.pager.paragraph(f, pending_break, after_heading)
                ended_before = len(self.pager.times) - before - len(placed.cuts)
                if ended_before:
                    self._close_page()
                    self._piece_first = pending_break
                self._paged_parts(step, placed.cuts, opening)
                after_heading = False
            pending_break = False

    def _after_break(self, started: bool, pending_break: bool) -> None:
        if started:
            self._close_page()
            self._piece_first = pending_break

    def _paged_parts(self, step: Step, cuts: list[int], opening: bool) -> None:
        """A paragraph (or note) written as one paragraph per page it spans, each page's
        section ended after its part; the parts after the first are not indented."""
        b = step.block
        lead = len(step.lead.text) if step.lead is not None else 0
        bounds = [c - lead for c in cuts]
        parts = _split_block(b, bounds)
        for n, part in enumerate(parts):
            if n == 0 and step.lead is not None:
                assert isinstance(part, Paragraph)
                self.run_in_heading(step.lead, part, False)
            else:
                self.block(part, False, opening)
            if n > 0:
                assert self._last is not None
                add_ppr_children(_ppr(self._last), [el("ind", firstLine=0, firstLineChars=0)])
            if n < len(parts) - 1:
                self._close_page()

    def _force_break(self, p: _Element) -> None:
        add_ppr_children(_ppr(p), [el("pageBreakBefore")])

    def heading(self, h: Heading, page_break: bool, counted: str | None = None) -> _Element:
        sid = self.ids.heading(h.level)
        p = self.para(sid, h.text, page_break=page_break, counted=counted)
        if page_break:
            self._force_break(p)
        self.bookmark(p, ws.heading_number(sid) or 1, h.text)
        return p

    def run_in_heading(self, h: Heading, para: Paragraph, page_break: bool) -> None:
        if self.run_in == "inline":
            p = self.new_paragraph(self.ids.role(para.role))
            p.append(text_run(h.text, self.ids.lead(h.level)))
            self.runs(p, para.runs)
            if page_break:
                self._force_break(p)
            self.count.add(h.text + para.text, self.style.role("body"), self.style.first_line_indent, page_break)
            return
        # The two print as one paragraph: count them as one.
        p = self.heading(h, page_break, counted=h.text + para.text)
        mark = el("rPr")
        mark.append(el("vanish"))
        mark.append(el("specVanish"))
        add_ppr_children(_ppr(p), [mark])
        self.runs(self.new_paragraph(self.ids.role(para.role)), para.runs)

    def block(self, b: object, page_break: bool, opening: bool = False) -> None:
        """A block in its style; ``opening``: a note in the run that opens the speech."""
        if isinstance(b, Heading):
            self.heading(b, page_break)
        elif isinstance(b, Paragraph):
            p = self.para(self.ids.role(b.role), page_break=page_break, counted=b.text)
            self.runs(p, b.runs)
            if b.role == "list_item":
                self._hang(p, b.text, list_nesting_indent(b))
            if page_break:
                self._force_break(p)
        elif isinstance(b, Note):
            role = NOTE_ROLES.get(b.kind, "note")
            brackets = self.style.role(role).brackets
            shown = bracketed(b.text, brackets)
            opens = opening and b.kind in self.opening_kinds
            sid = self.ids.opening_note(b.kind) if opens else self.ids.note_kind(b.kind)
            p = self.para(sid, page_break=page_break, counted=shown)
            if shown != b.text:  # the brackets in runs of their own: furniture, not the cue's text
                for text, mark in ((brackets[0], True), (b.text, False), (brackets[1], True)):
                    p.append(text_run(text, self.ids.cue_mark if mark else None))
            elif b.text:
                p.append(text_run(b.text))
            if page_break:
                self._force_break(p)
        elif isinstance(b, Table):
            self.table(b, page_break)
        else:
            raise DocxWriteError(f"cannot write block {b!r}")

    def _hang(self, p: _Element, text: str, nesting: float = 0.0) -> None:
        """A list item's hanging indent, so its number stands out: the lines after the first
        start under the text after the number; an item of a nested list ``nesting``
        characters further in. Direct formatting, as the number's width differs from item
        to item (``1.`` and ``（12）``)."""
        role = self.style.role("list_item")
        hang = list_number_width(text) if role.hanging else 0.0
        if not hang and not nesting:
            return
        first = self.builder.indent_chars(role, role.align or self.style.align)
        left = first + role.left_indent + nesting + hang
        pitch = self.builder.char_pitch
        ind = el(
            "ind",
            leftChars=round(left * 100),
            left=twips(left * pitch),
            hangingChars=round(hang * 100),
            hanging=twips(hang * pitch),
        )
        add_ppr_children(_ppr(p), [ind])

    def table(self, t: Table, page_break: bool = False) -> None:
        """A Table Grid table, its columns sharing the type area's width; ``page_break``
        starts it on a new page.

        A table cannot carry ``pageBreakBefore`` itself, so its first row's paragraphs
        do: Word, WPS and LibreOffice then move the whole table to the next page (Word's
        own way to start a table on a new page), with no empty paragraph left above it,
        and the reader sees the break where a speech that opens with a table begins.
        """
        if not t.rows:
            return
        cols = max(len(r) for r in t.rows)
        width = Length(block_width(self.style) // cols).twips
        tbl = el("tbl")
        tbl_pr = el("tblPr")
        tbl_pr.append(el("tblStyle", val=ws.TABLE_GRID))
        tbl_pr.append(el("tblW", type="auto", w=0))
        tbl_pr.append(
            el("tblLook", firstColumn=1, firstRow=1, lastColumn=0, lastRow=0, noHBand=0, noVBand=1, val="04A0")
        )
        tbl.append(tbl_pr)
        grid = el("tblGrid")
        for _ in range(cols):
            grid.append(el("gridCol", w=width))
        tbl.append(grid)
        body_role = self.style.role("body")
        # Row by row into the spool, as bytes: the frame's opening, each row, the closing.
        spool = self._spool
        assert spool is not None, "tables come after the title block: the body is spooling"
        self.blocks += 1
        self._last = tbl
        self._flush()
        frame_open, frame_close = enclosing(tbl)
        spool.write(frame_open)
        cells: dict[tuple[bool, bool], tuple[bytes, bytes]] = {}  # (header, page break) -> markup
        for ri, row in enumerate(t.rows):
            header = t.header and ri == 0
            first = page_break and ri == 0
            cell = cells.get((header, first))
            if cell is None:
                style_id = self.ids.table_heading if header else self.ids.table_text
                cell = cells[header, first] = _cell_markup(width, style_id, first)
            row_open, row_close = _ROW_MARKUP[header]
            out = [row_open]
            for ci in range(cols):
                text = row[ci] if ci < len(row) else ""
                out += (cell[0], run_xml(text) if text else b"", cell[1])
            out.append(row_close)
            spool.write(b"".join(out))
            self.count.add(" ".join(row), body_role, page_break=first)
        spool.write(frame_close)

    # -- TOC ----------------------------------------------------------------------------
    def toc(self, entries: list[OutlineEntry], pages: list[int]) -> list[_Element]:
        """The TOC heading and a pre-filled TOC field, as paragraphs."""
        paras: list[_Element] = []
        heading = el("p")
        ppr = el("pPr")
        ppr.append(el("pStyle", val=self.ids.toc_heading))
        heading.append(ppr)
        r = el("r")
        t = el("t")
        t.text = TOC_TITLE
        r.append(t)
        heading.append(r)
        paras.append(heading)
        shown = [(e, pg) for e, pg in zip(entries, pages) if e.word_level <= TOC_LEVELS]
        instr = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
        if not shown:  # an empty field Word fills on opening; in a TOC style, so it reads as the TOC
            p = el("p")
            ppr = el("pPr")
            ppr.append(el("pStyle", val=self.ids.toc(1)))
            p.append(ppr)
            for x in field_begin(instr, dirty=True) + [field_end()]:
                p.append(x)
            paras.append(p)
        for n, (e, pg) in enumerate(shown):
            p = el("p")
            ppr = el("pPr")
            ppr.append(el("pStyle", val=self.ids.toc(e.word_level)))
            p.append(ppr)
            if n == 0:
                for x in field_begin(instr, dirty=True):
                    p.append(x)
            link = el("hyperlink", anchor=e.bookmark, history=1)
            r = el("r")
            t = el("t")
            t.text = xml_safe(e.text)
            r.append(t)
            link.append(r)
            tab = el("r")
            tab.append(el("tab"))
            link.append(tab)
            for x in field_runs(f"PAGEREF {e.bookmark} \\h", str(pg)):
                link.append(x)
            p.append(link)
            if n == len(shown) - 1:
                p.append(field_end())
            paras.append(p)
        return paras


def _split_block(b: object, bounds: list[int]) -> list[object]:
    """A paragraph's runs (a note's text) cut at character offsets ``bounds``."""
    if not bounds:
        return [b]
    if isinstance(b, Note):
        edges = [0, *bounds, len(b.text)]
        return [replace(b, text=b.text[x:y]) for x, y in zip(edges, edges[1:])]
    assert isinstance(b, Paragraph)
    parts: list[list[Run]] = [[]]
    pos = 0
    todo = list(bounds)
    for r in b.runs:
        text = r.text
        while todo and pos + len(text) > todo[0]:
            at = todo.pop(0) - pos
            if at > 0:
                parts[-1].append(replace(r, text=text[:at]))
            parts.append([])
            text = text[at:]
            pos += at
        if text:
            parts[-1].append(replace(r, text=text))
        pos += len(text)
    return [replace(b, runs=tuple(rs)) for rs in parts if rs]


def _cell_markup(width: int, style_id: str, page_break: bool) -> tuple[bytes, bytes]:
    """A table cell's markup before and after its text, made once from the elements a cell
    is (:func:`.xml.enclosing`): ``width`` twips wide, its paragraph in ``style_id``, with
    ``pageBreakBefore`` when its row starts the table on a new page."""
    tc = el("tc")
    tc_pr = el("tcPr")
    tc_pr.append(el("tcW", type="dxa", w=width))
    tc.append(tc_pr)
    p = el("p")
    tc.append(p)
    ppr = el("pPr")
    p.append(ppr)
    ppr.append(el("pStyle", val=style_id))
    if page_break:
        add_ppr_children(ppr, [el("pageBreakBefore")])
    return enclosing(tc, p)


def _row_markup(header: bool) -> tuple[bytes, bytes]:
    """A row's opening and closing; a header row repeats on each page (``tblHeader``)."""
    tr = el("tr")
    if header:
        tr_pr = el("trPr")
        tr_pr.append(el("tblHeader"))
        tr.append(tr_pr)
    return enclosing(tr)


_ROW_MARKUP = {header: _row_markup(header) for header in (False, True)}


def _check(doc: object) -> Document:
    if not isinstance(doc, Document):
        raise DocxWriteError(f"the DOCX writer needs a convert.model.Document, not {type(doc).__name__}")
    return doc


def outline_preview(doc: Document, ids: StyleIds, labelled: bool) -> list[tuple[int, str]]:
    """The outline entries in order, before writing (the TOC's length counts in pages)."""
    out: list[tuple[int, str]] = []
    for s in doc.speeches:
        head = _speech_heading(s, labelled)
        if head is not None:
            out.append((1, head))
        for b in s.blocks:
            if isinstance(b, Heading):
                out.append((ws.heading_number(ids.heading(b.level)) or 1, b.text))
    return out


class DocxWriter:
    name = "docx"
    extension = ".docx"
    description = "Word 文档（.docx）：公文版式，样式齐全，可在 Word/WPS 中编辑"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        doc = _check(doc)
        # The style's [docx] table, checked by its schema (so also every -O docx.KEY=VALUE).
        run_in = str(style.docx.get("run_in", "separator"))
        grid = str(style.docx.get("grid", "lines"))
        want_toc = bool(options.toc or style.docx.get("toc", False))
        ids = StyleIds()
        labelled = _labelled(doc)
        max_level = max((b.level for b in doc.blocks() if isinstance(b, Heading)), default=1)

        opening_kinds = opening_note_kinds(doc, style)
        head_text = running_head_text(style, doc.display_title(), doc.subtitle)
        # The lectern copy plans its pages (:mod:`.podium`); not with a TOC, whose length
        # is known only once the whole document is written.
        paged = bool(style.speaking.get("keep_sentences") and style.speaking.get("running_time")) and not want_toc
        builder = StyleBuilder(style, paged)
        builder.build(
            ids,
            max_level,
            labelled,
            condensed_spacing(style) if grid == "lines" else None,
            opening_kinds,
            section_end=bool(head_text) and (want_toc or section_after_table(doc)),
        )

        cover = style.page.cover
        # A piece's first page has its title: no running head there (a first page of its own).
        title_page = cover or not style.page_number_first_page or bool(style.running_head)
        even_odd = style.page_number_position == "outside"

        w = _Body(style, ids, builder, run_in, grid, labelled, opening_kinds)
        # The package's parts before the body: a section's sectPr names its headers and
        # footers, and with one section per piece the body holds all but the last.
        has_code = any(isinstance(b, Note) and b.kind == "code" for b in doc.blocks())
        package = Package()
        package.add("word/styles.xml", PART.STYLES, builder.xml())
        package.add("word/settings.xml", PART.SETTINGS, settings_xml(even_odd, update_fields=want_toc))
        package.add("word/fontTable.xml", PART.FONT_TABLE, font_table_xml(style, CODE_LATIN if has_code else ()))
        furniture = HeadersFooters(first_page=title_page)
        page_numbers(furniture, style, even_odd, number_first=style.page_number_first_page and not cover)
        running_head(furniture, head_text, even_odd)
        parts = Furniture(package)
        w.sect = section_properties(style, parts.refs(furniture), title_page, 0 if cover else None, grid)
        if paged:
            w.pager = SentencePager(style, w.count, options.pace)
            w.page_sections = PageSections(style, parts, head_text, even_odd, grid, title_page, cover)
        elif head_text:  # a piece's first page has its title, not the running head
            w.pieces = PieceSections(style, parts, head_text, even_odd, grid)
        had_title = w.title_block(doc)
        w.start_spool()  # the title block stays in the head: the TOC goes in after it
        if want_toc:
            preview = [e for e in outline_preview(doc, ids, labelled) if e[0] <= TOC_LEVELS]
            w.count.add(TOC_TITLE, style.role("label"), 0.0, page_break=cover)
            for _, text in preview:
                w.count.add(text, style.role("body"), 0.0)
        break_first = (cover and had_title) or want_toc
        w.toc_follows = want_toc
        for n, s in enumerate(doc.speeches):
            w.speech(s, n == 0, break_first)
        if not doc.speeches or not w.blocks:
            w.para(ids.body)  # Word needs at least one paragraph before the section
        if want_toc:
            toc = w.toc(w.entries, w.heading_pages)
            if cover and had_title:  # the TOC on a page of its own after the cover
                add_ppr_children(_ppr(toc[0]), [el("pageBreakBefore")])
            if w.toc_sect is not None:  # the section of the title and TOC ends after the TOC
                toc.append(_section_end(ids, w.toc_sect))
            w.head += toc

        pages = w.count.page
        if w.pager is not None and w.page_sections is not None:  # the last page's section ends the body
            w.pager.finish(document_units(doc))
            w.sect = w.page_sections.section(w.pager.times[-1], w._piece_first)
            pages = len(w.pager.times)
        when = timestamp()
        spool = w.finish()
        try:
            assert w.sect is not None  # set above
            package.add(DOCUMENT, PART.DOCUMENT, w.document(w.sect, spool))
            package.add("docProps/core.xml", PART.CORE, core_xml(doc, when))
            package.add("docProps/app.xml", PART.APP, app_xml(pages))
            package.write(path, when)
        finally:
            if spool is not None:
                spool.close()
        diags: tuple[Diagnostic, ...] = ()
        if run_in == "inline":
            diags = (
                Diagnostic(
                    "info",
                    "docx-run-in-inline",
                    "run-in leads written inline: they will not appear in Word's Navigation Pane",
                ),
            )
        return WriteResult(diagnostics=diags, pages=pages)


WRITER = DocxWriter()
