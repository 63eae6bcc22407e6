"""Documents our own DOCX writer made: the styles *are* the model, read them back as such.

:mod:`convert.writers.docx.writer` writes every part of the model in a named style (Title,
Subtitle, Byline, Speech Title, Heading N, Salutation/Closing/Signature, Quote, List
Paragraph, Note and its kinds, Strong/Emphasis/Note Char, Lead N) and marks run-in leads with Word's
style separator (a heading paragraph whose mark is hidden with ``w:specVanish``). Reading
such a file through the text heuristics again would re-guess what the first reading
already decided (and could lift a paragraph that the first reading left alone), so a
document carrying the writer's own styles is mapped style by style instead: writing a
model and reading it back gives the same model.

Recognised by the style ids only the writer defines together ("SpeechTitle" and
"Byline"), so a document a user edited in Word or WPS after converting it is still read
this way; a document merely built on one of our files as a template is too, which is
right for its headings and roles as long as the user kept to the styles.

Speech labels: a "Speech Label" paragraph starts a speech; its text is the label when it
reads as one (（一）, 一, 第一篇) and the speech's title otherwise. Files of earlier versions
gave labels "Heading 1" and shifted the headings one level down (their Heading 1 style
breaks the page; that is how the shift is recognised), and are read the same way. Without labels, a
speech after the first starts at a paragraph with a direct page break, or at a table whose
first row has one (the writer's way to start a speech that opens with a table on a page).

Note kinds: "Note" is an editorial note, "Note Footnote", "Note Code", "caption" and
"Note Cue" the other kinds; code notes keep their lines (``w:br`` is read as a line break
in our files); a cue's brackets are runs in the "Cue Mark" style and are not its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import wordstyles as ws
from ...model import Block, Diagnostic, Document, Heading, Note, Paragraph, Run, Speech, Table
from .. import cues
from ..ordinals import match_label, match_ordinal
from ..structure import check_headings
from .stylemap import StyleMap
from .walk import WPara, WTable


def is_speechpress(styles: StyleMap) -> bool:
    return ws.SPEECH_TITLE in styles.styles and ws.BYLINE in styles.styles


def heading_shift(styles: StyleMap) -> int:
    info = styles.styles.get(ws.heading(1))
    return 1 if info is not None and info.page_break else 0


def _runs(p: WPara, skip: int = 0) -> tuple[Run, ...]:
    out: list[Run] = []
    for r in p.runs[skip:]:
        bold = r.bold or r.style == ws.STRONG
        italic = r.italic or r.style == ws.EMPHASIS
        note = r.style == ws.NOTE_CHAR
        if out and (out[-1].bold, out[-1].italic, out[-1].note) == (bold, italic, note):
            out[-1] = Run(out[-1].text + r.text, bold, italic, note)
        else:
            out.append(Run(r.text, bold, italic, note))
    return tuple(out) or (Run(""),)


@dataclass
class _Piece:
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str | None] = field(
        default_factory=lambda: {"label": None, "title": None, "subtitle": None, "author": None, "date": None}
    )

    @property
    def empty(self) -> bool:
        return not self.blocks and not any(self.meta.values())


def _byline(meta: dict[str, str | None], text: str) -> None:
    if meta["author"] is None and meta["date"] is None and not cues.is_date_line(text):
        meta["author"] = text
    elif meta["date"] is None:
        meta["date"] = text
    else:
        meta["date"] += text


def read_faithful(
    items: list[WPara | WTable], styles: StyleMap, diags: list[Diagnostic], source: str | None
) -> Document:
    shift = heading_shift(styles)
    doc_meta: dict[str, str | None] = {"title": None, "subtitle": None, "author": None, "date": None}
    pieces: list[_Piece] = [_Piece()]
    in_doc_head = True

    def new_piece() -> _Piece:
        if not pieces[-1].empty:
            pieces.append(_Piece())
        return pieces[-1]

    i = 0
    while i < len(items):
        it = items[i]
        i += 1
        if isinstance(it, WTable):
            in_doc_head = False
            if it.page_break:
                new_piece()
            pieces[-1].blocks.append(Table(rows=it.rows, header=it.header, line=it.index))
            continue
        sid = it.style or ws.BODY
        if sid in ws.FURNITURE:
            continue
        text = it.text
        if sid in (ws.TITLE, ws.SPEECH_TITLE, ws.LABEL):
            text = text.replace("\n", "")  # the writer breaks a long title between words
        if in_doc_head and sid in (ws.TITLE, ws.SUBTITLE, ws.BYLINE) and pieces[-1].empty:
            if (
                sid == ws.TITLE
                and doc_meta["title"] is None
                and doc_meta["subtitle"] is None
                and doc_meta["author"] is None
            ):
                doc_meta["title"] = text
                continue
            if (
                sid == ws.SUBTITLE
                and doc_meta["subtitle"] is None
                and doc_meta["author"] is None
                and doc_meta["date"] is None
            ):
                doc_meta["subtitle"] = text
                continue
            if sid == ws.BYLINE:
                _byline(doc_meta, text)
                continue
        in_doc_head = False
        piece = pieces[-1]
        if sid == ws.LABEL or (shift and sid == ws.heading(1)):
            piece = new_piece()
            nxt = items[i] if i < len(items) else None
            if (isinstance(nxt, WPara) and nxt.style == ws.SPEECH_TITLE) or match_label(text) is not None:
                piece.meta["label"] = text
            else:
                piece.meta["title"] = text
            continue
        if it.page_break and not (shift and sid == ws.SPEECH_TITLE and not piece.blocks):
            piece = new_piece()
        if sid == ws.SPEECH_TITLE and not piece.blocks:
            piece.meta["title"] = text
            continue
        if sid == ws.SUBTITLE and not piece.blocks and piece.meta["author"] is None and piece.meta["date"] is None:
            piece.meta["subtitle"] = text
            continue
        if sid == ws.BYLINE and not piece.blocks:
            _byline(piece.meta, text)
            continue
        number = ws.heading_number(sid)
        if number is not None:
            level = number - shift
            o = match_ordinal(text)
            piece.blocks.append(
                Heading(
                    level=max(level, 1), text=text, run_in=it.mark_vanish, ordinal=o.text if o else None, line=it.index
                )
            )
            continue
        if sid in ws.STYLE_NOTES:
            if any(r.style == ws.CUE_MARK for r in it.runs):  # a cue's brackets are not its text
                text = "".join(r.text for r in it.runs if r.style != ws.CUE_MARK)
            piece.blocks.append(Note(text=text, kind=ws.STYLE_NOTES[sid], line=it.index))
            continue
        role = ws.STYLE_ROLES.get(sid, "body")
        lead = it.runs[0] if it.runs else None
        lead_level = ws.lead_number(lead.style) if lead is not None else None
        if lead is not None and lead_level is not None:
            o = match_ordinal(lead.text)
            piece.blocks.append(
                Heading(level=lead_level, text=lead.text, run_in=True, ordinal=o.text if o else None, line=it.index)
            )
            piece.blocks.append(Paragraph(runs=_runs(it, 1), role=role, line=it.index))
            continue
        piece.blocks.append(Paragraph(runs=_runs(it), role=role, line=it.index))

    speeches = tuple(
        Speech(
            blocks=tuple(p.blocks),
            label=p.meta["label"],
            title=p.meta["title"],
            subtitle=p.meta["subtitle"],
            author=p.meta["author"],
            date=p.meta["date"],
        )
        for p in pieces
        if not p.empty
    ) or (Speech(blocks=()),)
    check_headings(speeches)
    diags.append(
        Diagnostic("info", "docx-speechpress", "a Speechpress DOCX: its styles were read as the structure", None)
    )
    return Document(speeches=speeches, diagnostics=tuple(diags), source=source, **doc_meta)
