"""Lines to paragraphs: undo the wrapping that PDF export and sharing sites add.

A line that stops mid-sentence (no sentence-final punctuation) was wrapped by a machine,
not ended by the author, so it joins the next line — also across a blank line when the
break is plainly mid-word and the next line goes on with running text. Structural lines
(labels, counts, dates, greetings, short ordinal headings) are never joined. Every join is
reported with the lines it joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from ..chars import HAN, LEAD_END, TERMINAL
from ..model import Diagnostic, Run
from . import cues
from .cleanup import clean_line
from .ordinals import match_ordinal

#: A line this long that stops mid-sentence was wrapped by a machine.
WRAP_MIN = 18
#: Across a blank line, demand more evidence: a long line broken mid-word.
WRAP_ACROSS_BLANK_MIN = 30

_CONTINUES = re.compile(f"[{HAN}0-9A-Za-z，、“《（%]$")
_STARTS_TEXT = re.compile(f"^[{HAN}0-9，。、；：？！”’）》…]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)


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
    TABLE = "table"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    RULE = "rule"  # a horizontal rule (a possible piece break)
    BOLD_LINE = "bold-line"  # wholly bold: a heading when several appear (:func:`bold_lines`)


#: Kinds that become :class:`~convert.model.Note` blocks, with the note kind they get.
NOTE_KINDS = {Kind.NOTE: "editorial", Kind.FOOTNOTE: "footnote", Kind.CODE: "code", Kind.CAPTION: "caption"}


@dataclass
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

    def line_at(self, pos: int) -> int:
        """The source line holding character ``pos`` of the joined text."""
        if not self.offsets:
            return self.line
        best = self.lines[0]
        for ln, off in zip(self.lines, self.offsets):
            if off <= pos:
                best = ln
        return best


#: Longest wholly bold line taken as a heading candidate.
BOLD_HEADING_MAX = 40


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
            if runs and (runs[-1].bold, runs[-1].italic) == (b, i):
                runs[-1] = Run(runs[-1].text + c, b, i)
            else:
                runs.append(Run(c, b, i))
    text = "".join(r.text for r in runs)
    return text, (tuple(runs) if any(not r.plain for r in runs) else None)


def bold_lead(runs: tuple[Run, ...] | None, text: str) -> str | None:
    """The bold lead sentence opening a paragraph, when there is more text after it."""
    if not runs or not runs[0].bold:
        return None
    lead = ""
    for r in runs:
        if not r.bold:
            break
        lead += r.text
    stripped = lead.rstrip()
    if not stripped or len(stripped) >= len(text.rstrip()) or stripped[-1] not in LEAD_END:
        return None
    return stripped if len(stripped) <= 100 and text.startswith(stripped) else None


def bold_lines(paras: list[RawPara]) -> None:
    """Wholly bold lines: headings when several appear, emphasis when alone."""
    cands = [p for p in paras if p.kind == Kind.BOLD_LINE]
    ok = [
        p
        for p in cands
        if len(p.text) <= BOLD_HEADING_MAX
        and p.text.rstrip()[-1:] not in TERMINAL
        and re.search(f"[{HAN}A-Za-z]", p.text)
    ]
    explicit = [p.level for p in paras if p.level is not None]
    base = (max(explicit) + 1) if explicit else 1
    unnumbered = [p for p in ok if match_ordinal(p.text) is None]
    for p in cands:
        p.kind = None
        p.runs = (Run(p.text, bold=True),)
        if len(unnumbered) >= 2 and any(p is q for q in unnumbered):
            p.level = base


def _is_heading_line(text: str) -> bool:
    """A short line that opens with an ordinal: a heading standing on its own line."""
    return match_ordinal(text) is not None and cues.is_short_line(text, 50)


def punctuation_discipline(lines: list[tuple[int, str]]) -> float:
    """Share of long lines before a blank line (or the end) that end a sentence.

    Edited manuscripts end nearly every paragraph with 。！？; spoken scripts and notes
    often do not. Only in the former is an unpunctuated line before a blank line a
    machine break worth joining.
    """
    ends = total = 0
    for k, (_, text) in enumerate(lines):
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        if text and not nxt and len(text) >= 20 and not _is_heading_line(text):
            total += 1
            ends += cues.ends_terminal(text)
    return ends / total if total >= 5 else 0.0


DISCIPLINE_MIN = 0.8


def _may_join(a: str, b: str, blank: bool, disciplined: bool = True) -> bool:
    if cues.ends_terminal(a) or cues.is_structural(a) or cues.is_structural(b):
        return False
    if cues.is_author_line(b) and not _CONTINUES.search(a[-1:] or " "):
        return False
    if b[:1] in "，。、；：？！”’）》…":
        return True  # a line never starts with closing punctuation on purpose
    if _script(a) != _script(b):
        return False  # bilingual text: a Chinese line and its English version
    if _is_heading_line(a) and not re.search("[。！？；]", a):
        return False  # a heading standing on its own line ends there, punctuated or not
    if not blank:
        if len(a) < WRAP_MIN:
            return False
        if match_ordinal(b) is not None and not re.search(f"[{HAN}，、]$", a):
            return False
        return bool(_STARTS_TEXT.match(b)) or b[:1].isalpha()
    # Across a blank line: only running text (a long line, or one that already holds a
    # finished sentence) that breaks mid-word, followed by running text that is not itself
    # the start of a numbered item.
    if not disciplined:
        return False
    running = bool(re.search("[。！？；]", a)) or (len(a) >= WRAP_ACROSS_BLANK_MIN and not _is_heading_line(a))
    return (
        running
        and bool(re.search(f"[{HAN}]$", a))
        and bool(re.match(f"^[{HAN}]", b))
        and match_ordinal(b) is None
        and not _is_heading_line(b)
    )


def _script(text: str) -> str:
    """Whether a line is mostly Chinese or mostly Latin."""
    han = len(re.findall(f"[{HAN}]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "latin" if latin > 3 * han and latin >= 8 else "han"


def assemble(lines: list[tuple[int, str]], repair: bool, diags: list[Diagnostic]) -> list[RawPara]:
    """Group cleaned ``(line number, text)`` pairs into paragraphs."""
    paras: list[RawPara] = []
    blank = True
    disciplined = punctuation_discipline(lines) >= DISCIPLINE_MIN
    for lineno, text in lines:
        if not text:
            blank = True
            continue
        prev = paras[-1] if paras else None
        if prev is not None and repair and _may_join(prev.text, text, blank, disciplined):
            first = prev.lines[-1]
            how = "across a blank line" if blank else "at a line break"
            diags.append(
                Diagnostic(
                    "warning" if blank else "info",
                    "joined-lines",
                    f"joined line {lineno} to line {first}: the sentence was broken {how} (“…{prev.text[-4:]}” + “{text[:4]}…”)",
                    first,
                )
            )
            prev.offsets.append(len(prev.text))
            prev.text += text
            prev.lines.append(lineno)
        else:
            paras.append(RawPara(text=text, line=lineno, lines=[lineno], blank_before=blank, offsets=[0]))
        blank = False
    return paras


def drop_page_furniture(lines: list[tuple[int, str]], diags: list[Diagnostic]) -> list[tuple[int, str]]:
    """Page numbers and running headers left in text extracted from a PDF.

    A page-number line (``- 3 -``, ``第3页``) is dropped when it is decorated as one; a bare
    number only when several appear in increasing order. A running header is a short line
    repeated on three or more pages. Dropped lines are reported; they are page furniture,
    not content.
    """
    bare = [(i, int(t)) for i, (_, t) in enumerate(lines) if re.fullmatch(r"\d{1,4}", t)]
    bare_ok = len(bare) >= 3 and all(b[1] < c[1] for b, c in zip(bare, bare[1:]))
    bare_idx = {i for i, _ in bare} if bare_ok else set()
    counts: dict[str, int] = {}
    for _, t in lines:
        if t and len(t) <= 30:
            counts[t] = counts.get(t, 0) + 1
    has_page_numbers = bare_ok or any(_PAGE_NUMBER.match(t) for _, t in lines)
    headers = {
        t
        for t, n in counts.items()
        if has_page_numbers
        and n >= 3
        and not cues.ends_terminal(t)
        and match_ordinal(t) is None
        and cues.is_label_line(t) is None
        and not cues.is_greeting(t)
        and re.search(f"[{HAN}]", t)
    }
    out: list[tuple[int, str]] = []
    for i, (lineno, t) in enumerate(lines):
        if _PAGE_NUMBER.match(t) or i in bare_idx:
            diags.append(Diagnostic("warning", "page-number", f"dropped page-number line “{t}”", lineno))
            continue
        if t in headers:
            diags.append(
                Diagnostic(
                    "warning", "running-header", f"dropped running header “{t}” (repeated {counts[t]} times)", lineno
                )
            )
            continue
        out.append((lineno, t))
    return out
