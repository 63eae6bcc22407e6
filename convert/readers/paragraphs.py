"""The paragraph before structure (:class:`RawPara`), and the helpers every reader uses to
make one from inline runs: cleaning runs, finding a bold lead, deciding wholly bold lines.

Each reader (text, Markdown, Word) produces ``RawPara`` objects with whatever hints its
format gives; :mod:`.structure` turns them into the model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..chars import FULL_STOPS, HAN, LEAD_END, TERMINAL
from ..model import Diagnostic, NoteKind, Run
from .cleanup import clean_line
from .cues import is_unit_and_name
from .ordinals import unnumbered


class Kind(StrEnum):
    """What a paragraph is, when its source says so (markup, a Word style, a reader's rule).

    ``None`` on a :class:`RawPara` means running text whose role the structure stage
    decides; every other paragraph carries one of these, set where it is created.
    """

    TITLE = "title"
    SUBTITLE = "subtitle"
    NOTE = "note"  # an editor's note
    FOOTNOTE = "footnote"  # a footnote or endnote body
    CODE = "code"  # pre-formatted text
    CAPTION = "caption"  # a picture's caption
    CUE = "cue"  # a stage direction (翻页, 出图): a note, never spoken
    TABLE = "table"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    RULE = "rule"  # a horizontal rule (a possible piece break)
    NOTES = "notes"  # the line that opens a notes section (注释): a heading over the notes
    BOLD_LINE = "bold-line"  # wholly bold: a heading when several appear (:func:`bold_lines`)
    BODY = "body"  # running text the source vouches for (a cover's form field): never a
    # heading, a piece, a lead or a title-block line; above the title, it stays there


#: Kinds that become :class:`~convert.model.Note` blocks, with the note kind they get.
NOTE_KINDS: dict[Kind, NoteKind] = {
    Kind.NOTE: "editorial",
    Kind.FOOTNOTE: "footnote",
    Kind.CODE: "code",
    Kind.CAPTION: "caption",
    Kind.CUE: "cue",
}


@dataclass(slots=True)
class RawPara:
    """A paragraph before structure: its text and the source lines it came from.

    Readers of formats with markup (Markdown, Word) fill the optional hints; the text
    reader leaves them empty and structure is inferred from the text alone.
    """

    text: str
    line: int
    lines: list[int] = field(default_factory=list)
    blank_before: bool = True
    offsets: list[int] = field(default_factory=list)  # start of each source line in text
    level: int | None = None  # explicit heading level from markup (1 = top)
    kind: Kind | None = None  # None: running text, its role decided by structure
    runs: tuple | None = None  # inline runs (model.Run) when the source had emphasis
    lead: str | None = None  # an explicitly marked (bold) lead sentence
    rows: tuple | None = None  # table rows for Kind.TABLE
    list_level: int | None = None  # a nested list item's depth (2 = inside another list), from markup

    @property
    def unmarked(self) -> bool:
        """Running text that neither the markup nor an earlier rule has given a role: what
        the structure rules may still take for a title, a heading or a note."""
        return self.kind is None and self.level is None

    def line_at(self, pos: int) -> int:
        """The source line holding character ``pos`` of the joined text."""
        if not self.offsets:
            return self.line
        k = bisect_right(self.offsets, pos) - 1
        return self.lines[max(k, 0)]


#: Longest wholly bold line taken as a heading candidate.
BOLD_HEADING_MAX = 40
#: Longest bold lead sentence taken as a run-in heading.
BOLD_LEAD_MAX = 100


def clean_runs(
    line: int, text_runs: list[tuple[str, bool, bool]], repair: bool, diags: list[Diagnostic]
) -> tuple[str, tuple[Run, ...] | None]:
    """Clean the paragraph with the text reader's repairs, keeping inline emphasis.

    Plain paragraphs are cleaned as one line. With emphasis, each run is cleaned on its own
    (repairs look only at neighbouring characters, so little is lost) and the spaces at run
    edges are kept, so the runs still add up to the paragraph text.
    """
    raw = "".join(t for t, _, _ in text_runs)
    if not any(b or i for _, b, i in text_runs):
        return clean_line(raw, line, repair, diags), None
    runs: list[Run] = []
    n = len(text_runs)
    for k, (t, b, i) in enumerate(text_runs):
        lead = t[: len(t) - len(t.lstrip(" \t\u3000"))] if k else ""
        trail = t[len(t.rstrip(" \t\u3000")) :] if k < n - 1 else ""
        c = clean_line(t, line, repair, diags)
        if not c.strip(" "):
            c = ""
        c = (
            (lead.replace("\t", " ") + c + trail.replace("\t", " "))
            if c
            else (" " if (lead or trail) and 0 < k < n - 1 else "")
        )
        if c:
            runs.append(Run(c, b, i))
    merged = merge_runs(runs)
    text = "".join(r.text for r in merged)
    return text, (merged if any(not r.plain for r in merged) else None)


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Consecutive runs of one look as one run, empty runs dropped. Each merged text is
    joined once: adding to a growing text run by run is quadratic, and a paragraph may
    have hundreds of thousands of runs."""
    out: list[Run] = []
    joins: dict[int, list[str]] = {}  # the texts of out[k], where it takes in the runs after it
    for r in runs:
        if not r.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].note) == (r.bold, r.italic, r.note):
            joins.setdefault(len(out) - 1, [out[-1].text]).append(r.text)
        else:
            out.append(r)
    for k, texts in joins.items():
        out[k] = Run("".join(texts), out[k].bold, out[k].italic, out[k].note)
    return tuple(out)


def bold_prefix(runs: tuple[Run, ...] | None) -> str | None:
    """The text of the bold runs a paragraph opens with (None when it opens plain): where
    every format's bold lead sentence is looked for."""
    if not runs or not runs[0].bold:
        return None
    lead = ""
    for r in runs:
        if not r.bold:
            break
        lead += r.text
    return lead


def bold_lead(runs: tuple[Run, ...] | None, text: str) -> str | None:
    """The bold lead sentence opening a paragraph, when there is more text after it."""
    lead = bold_prefix(runs)
    if lead is None:
        return None
    stripped = lead.rstrip()
    if stripped and stripped[-1] not in LEAD_END and text.startswith(stripped):
        # the sentence's end left outside the bold run (**重点**。) still ends the lead
        rest = text[len(stripped) :]
        if rest and rest[0] in FULL_STOPS:
            stripped += rest[0]
    if not stripped or len(stripped) >= len(text.rstrip()) or stripped[-1] not in LEAD_END:
        return None
    return stripped if len(stripped) <= BOLD_LEAD_MAX and text.startswith(stripped) else None


def bold_lines(paras: list[RawPara]) -> None:
    """Wholly bold lines: headings when several appear, emphasis when alone. Two in a row
    over a paragraph are two levels (a part title over its first section's title), as in
    :func:`convert.readers.headings.plain_titles`: the part titles then rank over every
    other bold title."""
    cands = [p for p in paras if p.kind == Kind.BOLD_LINE]
    ok = [
        p
        for p in cands
        if len(p.text) <= BOLD_HEADING_MAX
        and p.text.rstrip()[-1:] not in TERMINAL
        and re.search(f"[{HAN}A-Za-z]", p.text)
        and not is_unit_and_name(p.text)  # a talk's signature under its title
    ]
    explicit = [p.level for p in paras if p.level is not None]
    base = (max(explicit) + 1) if explicit else 1
    titles = {id(p) for p in ok if unnumbered(p.text)}
    parts = {
        id(p)
        for p, q, r in zip(paras, paras[1:], paras[2:])
        if id(p) in titles and id(q) in titles and r.kind != Kind.BOLD_LINE and r.level is None
    }
    for p in cands:
        p.kind = None
        p.runs = (Run(p.text, bold=True),)
        if len(titles) >= 2 and id(p) in titles:
            p.level = base if not parts or id(p) in parts else base + 1
