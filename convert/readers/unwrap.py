"""Lines to paragraphs: undo the wrapping that PDF export and sharing sites add.

A line that stops mid-sentence (no sentence-final punctuation) was wrapped by a machine,
not ended by the author, so it joins the next line — also across a blank line when the
break is plainly mid-word and the next line goes on with running text. Structural lines
(labels, counts, dates, greetings, short ordinal headings, stage directions, captions)
are never joined, and neither is a line the author indented: an indent starts a
paragraph. Every join is reported with the lines it joined.

Linear in the text: what a join decision needs to know about the paragraph built so far
(its length, whether it holds a full stop, its script) is kept up to date line by line,
never recomputed over the joined text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ..chars import HAN, STOPS
from ..model import Diagnostic
from . import cues
from .ordinals import match_ordinal
from .paragraphs import RawPara

#: A line this long that stops mid-sentence was wrapped by a machine.
WRAP_MIN = 18
#: Across a blank line, demand more evidence: a long line broken mid-word.
WRAP_ACROSS_BLANK_MIN = 30
#: Longest line the structural tests (labels, dates, greetings, headings) look at: every
#: one of them is shorter, so longer text is never structural.
STRUCTURAL_MAX = 80
#: Share of long lines before a blank line that must end a sentence for the text to count
#: as edited prose (see :func:`punctuation_discipline`).
DISCIPLINE_MIN = 0.8

_CONTINUES = re.compile(f"[{HAN}0-9A-Za-z，、“《（%]$")
_STARTS_TEXT = re.compile(f"^[{HAN}0-9，。、；：？！”’）》…]")
_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z]")
#: A half-width full stop after a word or number ends a sentence too (… 0.05.).
_HALF_STOP_END = re.compile(rf"[{HAN}A-Za-z0-9”’）)][.．]$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9,;]$")
_ASCII_WORD_START = re.compile(r"[A-Za-z]")


def _is_heading_line(text: str) -> bool:
    """A short line that opens with an ordinal: a heading standing on its own line."""
    return len(text) <= 50 and match_ordinal(text) is not None and cues.is_short_line(text, 50)


def _never_joined(text: str) -> bool:
    """Lines that stand alone whatever surrounds them: cues and captions."""
    return cues.is_cue(text) or cues.is_caption(text)


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


def _script_of(han: int, latin: int) -> str:
    """Whether text is mostly Chinese or mostly Latin, from its letter counts."""
    return "latin" if latin > 3 * han and latin >= 8 else "han"


def _script(text: str) -> str:
    return _script_of(len(_HAN_CHAR.findall(text)), len(_LATIN.findall(text)))


@dataclass(frozen=True)
class _Line:
    """What the join rules ask about a line, worked out once per line."""

    text: str
    structural: bool  # a label, count, date, dash subtitle or greeting
    alone: bool  # a cue or a caption: never joined
    heading: bool  # a short line opening with an ordinal
    numbered: bool  # opens with an ordinal
    author: bool  # looks like a speaker line
    han: int  # Han characters
    latin: int  # Latin letters

    @classmethod
    def of(cls, text: str) -> _Line:
        short = len(text) <= STRUCTURAL_MAX
        numbered = match_ordinal(text) is not None
        latin = len(_LATIN.findall(text)) if _LATIN.search(text) else 0
        # without Latin letters the script is Chinese whatever the count; its length is
        # then a fair stand-in for the Han count a paragraph's script adds up
        han = len(_HAN_CHAR.findall(text)) if latin else len(text)
        return cls(
            text=text,
            structural=short and cues.is_structural(text),
            alone=_never_joined(text),
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

    def add(self, lineno: int, line: _Line) -> None:
        text = line.text
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


def _may_join(a: _Open, b: _Line, blank: bool, disciplined: bool = True, indented: bool = False) -> bool:
    """May line ``b`` continue the paragraph ``a``?"""
    last = a.last
    whole = a.as_line()
    if indented or cues.ends_terminal(last) or _HALF_STOP_END.search(last):
        return False
    if (whole is not None and (whole.structural or whole.alone)) or b.structural or b.alone:
        return False
    if b.author and not _CONTINUES.search(last[-1:] or " "):
        return False
    if b.text[:1] in "，。、；：？！”’）》…":
        return True  # a line never starts with closing punctuation on purpose
    if _script_of(a.han, a.latin) != b.script:
        return False  # bilingual text: a Chinese line and its English version
    heading = whole is not None and whole.heading
    if heading and not a.has_stop:
        return False  # a heading standing on its own line ends there, punctuated or not
    if not blank:
        if a.length < WRAP_MIN:
            return False
        if b.numbered and not re.search(f"[{HAN}，、]$", last):
            return False
        return bool(_STARTS_TEXT.match(b.text)) or b.text[:1].isalpha()
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


def assemble(
    lines: list[tuple[int, str]], repair: bool, diags: list[Diagnostic], indented: Collection[int] = ()
) -> list[RawPara]:
    """Group cleaned ``(line number, text)`` pairs into paragraphs; ``indented`` holds the
    numbers of the lines the author indented (each starts a paragraph)."""
    paras: list[RawPara] = []
    cur: _Open | None = None
    blank = True
    disciplined = punctuation_discipline(lines) >= DISCIPLINE_MIN
    for lineno, text in lines:
        if not text:
            blank = True
            continue
        line = _Line.of(text)
        if cur is not None and repair and _may_join(cur, line, blank, disciplined, lineno in indented):
            first = cur.lines[-1]
            how = "across a blank line" if blank else "at a line break"
            diags.append(
                Diagnostic(
                    "warning" if blank else "info",
                    "joined-lines",
                    f"joined line {lineno} to line {first}: the sentence was broken {how} (“…{cur.last[-4:]}” + “{text[:4]}…”)",
                    first,
                )
            )
            cur.add(lineno, line)
        else:
            if cur is not None:
                paras.append(cur.para())
            cur = _Open(first=lineno, blank_before=blank, head=line)
            cur.add(lineno, line)
        blank = False
    if cur is not None:
        paras.append(cur.para())
    return paras
