"""Lines to paragraphs: undo the wrapping that PDF export and sharing sites add.

A line that stops mid-sentence (no sentence-final punctuation) was wrapped by a machine,
not ended by the author, so it joins the next line — also across a blank line when the
break is plainly mid-word and the next line goes on with running text. Structural lines
(labels, counts, dates, greetings, short ordinal headings, stage directions, captions)
are never joined, and neither is a line the author indented: an indent starts a
paragraph. Every join is reported with the lines it joined (a run of joins at line
breaks once, naming its first and last line).

Linear in the text: what a join decision needs to know about the paragraph built so far
(its length, whether it holds a full stop, its script) is kept up to date line by line,
never recomputed over the joined text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from ..chars import HAN, HAN_RE, STOPS, WIDE, count
from ..limits import BlockCount
from ..model import Diagnostic
from . import cues
from .linestore import LineStore
from .ordinals import bracketed_ordinal, match_ordinal
from .paragraphs import Kind, RawPara

#: A line this long that stops mid-sentence was wrapped by a machine.
WRAP_MIN = 18
#: Columns (a wide character two) of a line no page or screen wraps: sixty Chinese
#: characters. A line this wide that stops mid-sentence, followed by another long line,
#: is a paragraph of an unpunctuated script, not a wrapped one.
UNWRAPPED_WIDTH = 120
#: Across a blank line, demand more evidence: a long line broken mid-word.
WRAP_ACROSS_BLANK_MIN = 30
#: Longest line the structural tests (labels, dates, greetings, headings) look at: every
#: one of them is shorter, so longer text is never structural.
STRUCTURAL_MAX = 80
#: Share of long lines before a blank line that must end a sentence for the text to count
#: as edited prose (see :func:`punctuation_discipline`).
DISCIPLINE_MIN = 0.8
#: A hard-wrapped export (:func:`wrap_width`): this share of its lines are full lines, all
#: within this many columns of the widest; and at least this many long lines to tell.
WRAPPED_SHARE = 0.5
WRAP_SLACK = 1
WRAPPED_MIN_LINES = 8
#: …and at most this share of lines wider than that (a line the export did not wrap).
WRAP_OVER_SHARE = 0.1

_CONTINUES = re.compile(f"[{HAN}0-9A-Za-z，、“《（%]$")
_STARTS_TEXT = re.compile(f"^[{HAN}0-9，。、；：？！”’）》…]")
#: …or with an opening quote or bracket, when the line is not a numbered item (（二）…).
_STARTS_QUOTE = re.compile("^[“‘《（「『]")
_WIDE = re.compile(f"[{WIDE}]")
_LATIN = re.compile(r"[A-Za-z]")
#: A half-width full stop after a word or number ends a sentence too (… 0.05.).
_HALF_STOP_END = re.compile(rf"[{HAN}A-Za-z0-9”’）)][.．]$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9,;]$")
_ASCII_WORD_START = re.compile(r"[A-Za-z]")


def is_heading_line(text: str) -> bool:
    """A short line that opens with an ordinal: a heading standing on its own line."""
    return len(text) <= 50 and match_ordinal(text) is not None and cues.is_short_line(text, 50)


def _never_joined(text: str) -> bool:
    """Lines that stand alone whatever surrounds them: cues, captions and rules."""
    return cues.is_cue(text) or cues.is_caption(text) or cues.is_rule_line(text)


def display_width(text: str) -> int:
    """Columns a line takes in a fixed-pitch export: wide (CJK) characters count two."""
    return len(text) + count(_WIDE, text)


def wrap_width(lines: LineStore, of_long: bool = False) -> int | None:
    """The width a PDF export hard-wrapped the text at, when it did: the most common
    width of the long lines (their indents included), shared (within :data:`WRAP_SLACK`
    columns) by at least :data:`WRAPPED_SHARE` of the lines, few lines wider; None for
    text written line by line. ``of_long``: shared by that share of the long lines, most
    of those at the width stopping mid-sentence (a wrap, not a paragraph's end) — for a
    text of many short paragraphs whose every line stands a blank line apart."""
    widths = [display_width(t) + lines.indent(k) for k, t in enumerate(lines.texts()) if len(t) >= WRAP_MIN]
    if len(widths) < WRAPPED_MIN_LINES:
        return None
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    mode = max(counts, key=lambda w: (sum(counts.get(w + d, 0) for d in range(-WRAP_SLACK, 1)), w))
    near = sum(1 for w in widths if mode - WRAP_SLACK <= w <= mode)
    nonblank = sum(1 for t in lines.texts() if t)
    over = sum(1 for w in widths if w > mode + WRAP_SLACK)
    if of_long:
        at = [t for k, t in enumerate(lines.texts()) if mode - WRAP_SLACK <= display_width(t) + lines.indent(k) <= mode]
        cut = sum(1 for t in at if len(t) >= WRAP_MIN and not cues.ends_terminal(t))
        wraps = near >= WRAPPED_SHARE * len(widths) and cut * 2 > len(at)
        return mode if wraps and over <= WRAP_OVER_SHARE * nonblank else None
    return mode if near >= WRAPPED_SHARE * nonblank and over <= WRAP_OVER_SHARE * nonblank else None


#: Share of a text's lines that stand one blank line apart for its blank lines to carry
#: nothing (an export that doubled every line break).
DOUBLE_SPACED_SHARE = 0.8


def double_spaced(lines: LineStore) -> bool:
    """Every line one blank line from the next: an export that doubled each line break,
    so that a single blank line says no more than a line break does."""
    nonblank = apart = 0
    run = 0  # blank lines since the last line with text
    seen = False
    for text in lines.texts():
        if not text:
            run += 1
            continue
        nonblank += 1
        apart += seen and run == 1
        run, seen = 0, True
    return nonblank >= WRAPPED_MIN_LINES and apart >= DOUBLE_SPACED_SHARE * (nonblank - 1)


def punctuation_discipline(lines: LineStore) -> float:
    """Share of long lines before a blank line (or the end) that end a sentence.

    Edited manuscripts end nearly every paragraph with 。！？; spoken scripts and notes
    often do not. Only in the former is an unpunctuated line before a blank line a
    machine break worth joining.
    """
    ends = total = 0
    following = lines.texts()
    next(following, None)
    for text, nxt in zip_longest(lines.texts(), following, fillvalue=""):
        if text and not nxt and len(text) >= 20 and not is_heading_line(text):
            total += 1
            ends += cues.ends_terminal(text)
    return ends / total if total >= 5 else 0.0


def _script_of(han: int, latin: int) -> str:
    """Whether text is mostly Chinese or mostly Latin, from its letter counts."""
    return "latin" if latin > 3 * han and latin >= 8 else "han"


@dataclass(frozen=True)
class _Line:
    """What the join rules ask about a line, worked out once per line."""

    text: str
    structural: bool  # a label, count, date, dash subtitle or greeting
    alone: bool  # a cue or a caption: nothing is joined onto it
    cue: bool  # a stage direction: never joined to anything
    heading: bool  # a short line opening with an ordinal
    numbered: bool  # opens with an ordinal
    author: bool  # looks like a speaker line
    han: int  # Han characters
    latin: int  # Latin letters

    @classmethod
    def of(cls, text: str) -> _Line:
        short = len(text) <= STRUCTURAL_MAX
        numbered = (
            match_ordinal(text) is not None
            or cues.opens_with_bullet(text)  # (an item starts a line)
            or (text[:1] in "【〖［[" and bracketed_ordinal(text) is not None)  # 【一、提高站位】
        )
        latin = count(_LATIN, text) if _LATIN.search(text) else 0
        # without Latin letters the script is Chinese whatever the count; its length is
        # then a fair stand-in for the Han count a paragraph's script adds up
        han = count(HAN_RE, text) if latin else len(text)
        return cls(
            text=text,
            structural=short and cues.is_structural(text),
            alone=_never_joined(text),
            cue=cues.is_cue(text) or cues.is_rule_line(text),
            heading=numbered and len(text) <= 50 and cues.is_short_line(text, 50),
            numbered=numbered,
            author=short and cues.is_author_line(text),
            han=han,
            latin=latin,
        )

    @property
    def script(self) -> str:
        return _script_of(self.han, self.latin)


@dataclass
class _Open:
    """The paragraph being built: its lines, and what joins need to know about them."""

    first: int  # line number of its first line
    blank_before: bool
    head: _Line  # its first line
    parts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    length: int = 0
    has_stop: bool = False
    han: int = 0
    latin: int = 0
    last_width: int = 0  # columns of the last line, its indent included

    def add(self, lineno: int, line: _Line, indent: int = 0) -> None:
        text = line.text
        self.last_width = display_width(text) + indent
        if self.parts and _ASCII_WORD_END.search(self.parts[-1]) and _ASCII_WORD_START.match(text):
            text = " " + text  # English words wrapped at a line end keep their space
        self.offsets.append(self.length)
        self.lines.append(lineno)
        self.parts.append(text)
        self.length += len(text)
        self.has_stop = self.has_stop or any(c in text for c in STOPS)
        self.han += line.han
        self.latin += line.latin

    @property
    def last(self) -> str:
        return self.parts[-1]

    def as_line(self) -> _Line | None:
        """The paragraph as one line for the structural tests, when short enough."""
        if len(self.parts) == 1:
            return self.head
        return _Line.of("".join(self.parts)) if self.length <= STRUCTURAL_MAX else None

    def para(self) -> RawPara:
        return RawPara(
            text="".join(self.parts),
            line=self.first,
            lines=self.lines,
            blank_before=self.blank_before,
            offsets=self.offsets,
        )


#: A sharing site may cut a long paragraph's last words onto a line of their own: a tail
#: at most this share of the line it was cut from, ending the sentence.
CUT_TAIL_SHARE = 0.25


def _cut_tail(line: str, nxt: str) -> bool:
    """``nxt`` is the short end of the sentence ``line`` was cut from (…恒心、韧 / 劲。)."""
    return len(nxt) <= CUT_TAIL_SHARE * len(line) and cues.ends_terminal(nxt)


def _full_line_wrap(last_width: int, b: _Line, blank: bool, width: int | None) -> bool:
    """In a hard-wrapped export, a full line ending a sentence at the margin goes on in the
    next line when that line is running text: the sentence end is where the wrap fell."""
    return width is not None and not blank and last_width >= width - WRAP_SLACK and not b.numbered and not b.structural


def _may_join(
    a: _Open, b: _Line, blank: bool, disciplined: bool = True, indented: bool = False, width: int | None = None
) -> bool:
    """May line ``b`` continue the paragraph ``a``?"""
    last = a.last
    whole = a.as_line()
    if indented:
        return False
    if cues.ends_terminal(last) or _HALF_STOP_END.search(last):
        return _full_line_wrap(a.last_width, b, blank, width) and not (whole is not None and whole.heading)
    wrapped = width is not None and a.last_width >= width - WRAP_SLACK
    if (whole is not None and not wrapped and (whole.structural or whole.alone)) or b.structural or b.cue:
        return False  # (a full line of a hard-wrapped text was wrapped: it is no title or date)
    if b.author and (not _CONTINUES.search(last[-1:] or " ") or cues.ends_like_a_title(last)):
        return False  # a speaker's line under a title (…的讲话 / 县委书记　某某) starts anew
    if b.text[:1] in "，。、；：？！”’）》…":
        return True  # a line never starts with closing punctuation on purpose
    if _script_of(a.han, a.latin) != b.script:
        return False  # bilingual text: a Chinese line and its English version
    if not wrapped and a.last_width >= UNWRAPPED_WIDTH and not _cut_tail(last, b.text):
        return False  # no page wrapped a line this wide: its author ended it
    heading = whole is not None and whole.heading and not wrapped  # a full line was wrapped, not ended
    if heading and not a.has_stop:
        return False  # a heading standing on its own line ends there, punctuated or not
    if not blank:
        if wrapped and not b.numbered:
            return True  # a full line of a hard-wrapped export goes on, whatever comes next
        if a.length < WRAP_MIN:
            return False
        if b.numbered and not re.search(f"[{HAN}，、]$", last):
            return False
        quoted = not b.numbered and bool(_STARTS_QUOTE.match(b.text))
        return bool(_STARTS_TEXT.match(b.text)) or quoted or b.text[:1].isalpha()
    # Across a blank line: only running text (a long line, or one that already holds a
    # finished sentence) that breaks mid-word, followed by running text that is not itself
    # the start of a numbered item.
    if not disciplined:
        return False
    running = a.has_stop or (a.length >= WRAP_ACROSS_BLANK_MIN and not heading)
    return (
        running
        and bool(re.search(f"[{HAN}]$", last))
        and bool(re.match(f"^[{HAN}]", b.text))
        and not b.numbered
        and not b.heading
    )


class _JoinReport:
    """Joins at line breaks are reported once per run of joined lines (a paragraph of a
    PDF export may hold hundreds); a join across a blank line, a guess worth checking, is
    reported on its own as a warning."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        self.diags = diags
        self.run: list[tuple[int, int, str]] = []  # (line joined onto, line joined, the seam)

    def join(self, onto: int, lineno: int, seam: str, blank: bool) -> None:
        if blank:
            self.flush()
            self.diags.append(
                Diagnostic(
                    "warning",
                    "joined-lines",
                    f"joined line {lineno} to line {onto}: the sentence was broken across a blank line ({seam})",
                    onto,
                )
            )
            return
        self.run.append((onto, lineno, seam))

    def flush(self) -> None:
        if not self.run:
            return
        onto, lineno, seam = self.run[0]
        if len(self.run) == 1:
            message = f"joined line {lineno} to line {onto}: the sentence was broken at a line break ({seam})"
        else:
            last = self.run[-1][1]
            message = f"joined lines {onto}–{last} into one paragraph: {len(self.run)} sentences broken at line breaks"
        self.diags.append(Diagnostic("info", "joined-lines", message, onto))
        self.run = []


#: ``assemble``'s ``width`` when the lines themselves are to tell it.
MEASURE = -1


#: Tables found among the lines: the index of a table's first line -> the index after its
#: last, and its rows of cells.
Tables = dict[int, tuple[int, tuple[tuple[str, ...], ...]]]


def assemble(
    lines: LineStore,
    repair: bool,
    diags: list[Diagnostic],
    blocks: BlockCount,
    width: int | None = MEASURE,
    tables: Tables | None = None,
) -> list[RawPara]:
    """Group cleaned ``(line number, text)`` pairs into paragraphs (a line the author
    indented starts one), each counted in ``blocks`` as it starts. ``width``: the width
    the text was wrapped at, when a caller measured it over more than these lines (a
    Word document's runs of plain paragraphs); by default :func:`wrap_width` of them.
    ``tables``: lines that are a table's rows (:mod:`.tabtable`), one block, never joined."""
    paras: list[RawPara] = []
    cur: _Open | None = None
    blank = True
    disciplined = punctuation_discipline(lines) >= DISCIPLINE_MIN
    if width == MEASURE:
        width = wrap_width(lines)
        if width is None and double_spaced(lines):
            width = wrap_width(lines, of_long=True)  # short paragraphs among the wrapped
    # A hard-wrapped export that doubled its line breaks: one blank line is a line break,
    # and a paragraph ends where a line stops short of the width (the text reader keeps a
    # run of blank lines as one, so the gap alone cannot tell).
    paragraph_gap = 2 if width is not None and double_spaced(lines) else 1  # blank lines that end a paragraph
    blanks = 0
    report = _JoinReport(diags)
    table_end = 0
    for k, (lineno, text) in enumerate(lines):
        if k < table_end:
            continue
        if tables and k in tables:
            report.flush()
            if cur is not None:
                paras.append(cur.para())
                cur = None
            blocks.add()
            table_end, rows = tables[k]
            paras.append(_table(rows, [lines[j][0] for j in range(k, table_end)]))
            blank, blanks = False, 0
            continue
        if not text:
            blank = True
            blanks += 1
            continue
        line = _Line.of(text)
        indent = lines.indent(k)
        breaks = blank and blanks >= paragraph_gap
        if cur is not None and repair and _may_join(cur, line, breaks, disciplined, indent > 0, width):
            report.join(cur.lines[-1], lineno, f"“…{cur.last[-4:]}” + “{text[:4]}…”", breaks)
            cur.add(lineno, line, indent)
        else:
            report.flush()
            blocks.add()
            if cur is not None:
                paras.append(cur.para())
            cur = _Open(first=lineno, blank_before=blank, head=line)
            cur.add(lineno, line, indent)
        blank = False
        blanks = 0
    report.flush()
    if cur is not None:
        paras.append(cur.para())
    return paras


def _table(rows: tuple[tuple[str, ...], ...], numbers: list[int]) -> RawPara:
    """A table's paragraph: its rows, and its text (the cells in order) for the checks that
    nothing is lost."""
    texts = ["".join(r) for r in rows]
    offsets = [0]
    for t in texts[:-1]:
        offsets.append(offsets[-1] + len(t))
    return RawPara(text="".join(texts), line=numbers[0], lines=numbers, offsets=offsets, kind=Kind.TABLE, rows=rows)
