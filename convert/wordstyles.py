"""The Word style ids of a Speechpress DOCX: written by the DOCX writer, read back by the
Word reader (:mod:`convert.readers.docx.faithful`).

A document we wrote is read style by style (the styles *are* the model), so a name that
changed on one side only would silently turn headings into body text on a round trip.
Both sides import this table; neither spells a style id of its own.
"""

from __future__ import annotations

from .model import NoteKind, ParagraphRole

TITLE = "Title"
SUBTITLE = "Subtitle"
BYLINE = "Byline"
SPEECH_TITLE = "SpeechTitle"
#: A speech's label （一）（二） in a collection: a style of its own, so that "Heading N"
#: means heading level N in every file.
LABEL = "SpeechLabel"
BODY = "Normal"
NOTE_CHAR = "NoteChar"
STRONG = "Strong"
EMPHASIS = "Emphasis"
TABLE_TEXT = "TableText"
TABLE_HEADING = "TableHeading"
TABLE_GRID = "TableGrid"
TOC_HEADING = "TOCHeading"
FOOTER = "Footer"
HEADER = "Header"

_HEADING = "Heading"
_LEAD = "Lead"
_TOC = "TOC"

#: Paragraph role -> paragraph style (Word's own names where Word has one).
ROLE_STYLES: dict[ParagraphRole, str] = {
    "body": BODY,
    "greeting": "Salutation",
    "closing": "Closing",
    "signature": "Signature",
    "quote": "Quote",
    "list_item": "ListParagraph",
}
STYLE_ROLES: dict[str, ParagraphRole] = {v: k for k, v in ROLE_STYLES.items()}

#: Note kind -> paragraph style: one style per kind, so the kind survives a round trip.
#: "Caption" is Word's own "caption" (题注): Insert Caption and Table of Figures use it.
NOTE_STYLES: dict[NoteKind, str] = {
    "editorial": "Note",
    "footnote": "NoteFootnote",
    "code": "NoteCode",
    "caption": "Caption",
    "cue": "NoteCue",
}
#: The character style of the brackets a cue is printed in (［翻页］): furniture, not the
#: cue's text, so a reader drops these runs.
CUE_MARK = "CueMark"
#: Note kind -> the style of a note in a run that opens a speech (a source line under the
#: title): the kind's style without its rule, as there is no text above to set it off from.
OPENING_NOTE_STYLES: dict[NoteKind, str] = {
    "editorial": "NoteSource",
    "footnote": "NoteFootnoteSource",
}
STYLE_NOTES: dict[str, NoteKind] = {v: k for table in (NOTE_STYLES, OPENING_NOTE_STYLES) for k, v in table.items()}


def heading(n: int) -> str:
    """Word's "heading n" (1 to 9)."""
    return f"{_HEADING}{n}"


def heading_number(style_id: str) -> int | None:
    """n for "Heading n", else None."""
    rest = style_id.removeprefix(_HEADING)
    return int(rest) if rest != style_id and rest.isdigit() else None


def lead(n: int) -> str:
    """The character style of a run-in lead of heading role n (1 to 4)."""
    return f"{_LEAD}{n}"


def lead_number(style_id: str | None) -> int | None:
    rest = (style_id or "").removeprefix(_LEAD)
    return int(rest) if style_id and rest != style_id and rest.isdigit() else None


def toc(level: int) -> str:
    return f"{_TOC}{level}"


#: The empty paragraph that ends a section after a table (Word ends a section only at a
#: paragraph mark): a point high, holding nothing.
SECTION_END = "SectionEnd"

#: Styles of furniture, not content: the TOC page, headers and footers, section ends.
FURNITURE = frozenset({TOC_HEADING, HEADER, FOOTER, SECTION_END, *(toc(n) for n in range(1, 5))})
