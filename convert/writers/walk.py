"""What every writer walks: a speech's blocks as a reader of the printed page meets them.

The model keeps a run-in lead (``一是高质量推进产业发展。``) as a heading of its own,
followed by the paragraph it opens; every writer prints the two as one paragraph. The
joining, the style role that sets each block, and the title a speech is known by (also
when it has none) are decided here, once, so the DOCX, PDF and EPUB writers cannot drift
apart on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..chars import CLOSE_BRACKETS, CUE_CLOSE, CUE_OPEN, OPEN_BRACKETS, TERMINAL, TRAILING_CLOSERS, em_width
from ..model import Block, Heading, Note, NoteKind, Paragraph, Speech, Table
from ..style import heading_role_name

#: The style role that sets each note kind: editorial notes and footnotes are both
#: "note" (smaller, after a rule), stage directions "cue", code "code", captions "caption".
NOTE_ROLES: dict[NoteKind, str] = {
    "editorial": "note",
    "footnote": "note",
    "cue": "cue",
    "code": "code",
    "caption": "caption",
}


@dataclass(frozen=True)
class Step:
    """One printed block: ``block`` in the style role ``role``.

    ``lead`` is the run-in heading printed at the start of this paragraph (the model's
    heading just before it). ``first_of_notes`` marks the first note of a run of notes
    set as notes that follows text: a rule goes above it, setting the notes off from the
    text as a footnote rule does. A run that opens the speech (a source line under the
    title) has no text to be set off from and no rule.
    """

    block: Block
    role: str
    lead: Heading | None = None
    first_of_notes: bool = False


def block_role(block: Block) -> str:
    """The style role of a block on its own (a run-in lead's is its heading level's)."""
    if isinstance(block, Heading):
        return heading_role_name(block.level)
    if isinstance(block, Paragraph):
        return block.role
    if isinstance(block, Note):
        return NOTE_ROLES.get(block.kind, "note")
    if isinstance(block, Table):
        return "table"
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover - exhaustive over Block


def steps(speech: Speech) -> Iterator[Step]:
    """The speech's blocks in order, each run-in lead joined to the paragraph it opens.

    A run-in heading with no paragraph after it (the last block, or one before a table)
    stays a step of its own; ``block.run_in`` tells the writer it was meant as a lead.
    """
    blocks = speech.blocks
    previous_role = ""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(b, Heading) and b.run_in and isinstance(nxt, Paragraph):
            step = Step(nxt, nxt.role, lead=b)
            i += 2
        else:
            role = block_role(b)
            step = Step(b, role, first_of_notes=role == "note" and previous_role not in ("", "note"))
            i += 1
        previous_role = step.role
        yield step


def printed_label(speech: Speech) -> str | None:
    """A speech's label as it is set above its title or before it in an outline: without
    the colon that joined it to the title on the manuscript's line (范文1：在某某会上的讲话
    is set 范文1 over the title)."""
    label = speech.label.rstrip("：:").rstrip() if speech.label else None
    return label or speech.label


def display_title(speech: Speech, number: int, sep: str = "") -> str:
    """What outlines and tables of contents call a speech: its label and title joined by
    ``sep``, or ``第N篇`` (``number`` counts from 1) when it has neither."""
    return sep.join(x for x in (printed_label(speech), speech.title) if x) or f"第{number}篇"


def bracketed(text: str, brackets: str) -> str:
    """``text`` inside a role's brackets (``［翻页］``), unless it already stands in brackets."""
    if len(brackets) != 2 or (
        text[:1]
        and text[:1] in OPEN_BRACKETS + CUE_OPEN + brackets[0]
        and text[-1:] in CLOSE_BRACKETS + CUE_CLOSE + brackets[1]
    ):
        return text
    return f"{brackets[0]}{text}{brackets[1]}"


#: The printed number that opens a list item (``1.``, ``（2）``, ``③``, ``a)``, ``一、``).
_ITEM_NUMBER = re.compile(
    r"^\s*(?:\d{1,3}[.、．)）]|[（(]\d{1,3}[)）]|[①-⑳]|[A-Za-z][.)]|[一二三四五六七八九十]{1,3}、)\s*"
)


#: How far (in characters of the item's size) each list level moves its items in: a list
#: inside another list's item starts two characters further in, as Word's multilevel
#: lists step.
LIST_LEVEL_INDENT = 2.0


def list_nesting_indent(para: Paragraph) -> float:
    """The extra left indent, in characters, of a list item nested in another list's item
    (``list_level`` 2 → 2 characters, 3 → 4); 0 at the top level and for other blocks."""
    if para.role != "list_item" or not para.list_level or para.list_level < 2:
        return 0.0
    return LIST_LEVEL_INDENT * (para.list_level - 1)


def list_number_width(text: str) -> float:
    """How wide (ems) a list item's printed number is: what its hanging indent hangs."""
    return sum(map(em_width, text[: list_number_length(text)]))


def list_number_length(text: str) -> int:
    """How many characters of a list item are its printed number (0 when none): what a
    hanging indent hangs."""
    m = _ITEM_NUMBER.match(text)
    return m.end() if m else 0


def sentence_ends(text: str) -> list[int]:
    """Indices just after each sentence end (a terminal mark and the closers after it):
    where the lectern copy may end a page, in the PDF and in Word."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in TERMINAL or (text[i] == "." and text[i + 1 : i + 2] == " "):  # Latin: ". "
            j = i + 1
            while j < n and (text[j] in TERMINAL or text[j] in TRAILING_CLOSERS):
                j += 1
            if j < n:
                out.append(j)
            i = j
        else:
            i += 1
    return out
