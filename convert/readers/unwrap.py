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


@dataclass
class _Open:
    """The paragraph being built: its lines, and what joins need to know about them."""

    first: int  # line number of its first line
    blank_before: bool
    parts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    length: int = 0
    has_stop: bool = False
    han: int = 0
    latin: int = 0

    def add(self, lineno: int, text: str) -> None:
        self.offsets.append(self.length)
        self.lines.append(lineno)
        self.parts.append(text)
        self.length += len(text)
        self.has_stop = self.has_stop or any(c in text for c in STOPS)
        self.han += len(_HAN_CHAR.findall(text))
        self.latin += len(_LATIN.findall(text))

    @property
    def last(self) -> str:
        return self.parts[-1]

    def small_text(self) -> str | None:
        """The joined text when short enough for the structural tests, else None."""
        return "".join(self.parts) if self.length <= STRUCTURAL_MAX else None

    def para(self) -> RawPara:
        return RawPara(
            text="".join(self.parts),
            line=self.first,
            lines=self.lines,
            blank_before=self.blank_before,
            offsets=self.offsets,
        )


def _may_join(a: _Open, b: str, blank: bool, disciplined: bool = True, indented: bool = False) -> bool:
    """May line ``b`` continue the paragraph ``a``?"""
    last = a.last
    small = a.small_text()
    if indented or cues.ends_terminal(last) or _HALF_STOP_END.search(last):
        return False
    if (small is not None and (cues.is_structural(small) or _never_joined(small))) or cues.is_structural(b):
        return False
    if _never_joined(b):
        return False
    if cues.is_author_line(b) and not _CONTINUES.search(last[-1:] or " "):
        return False
    if b[:1] in "，。、；：？！”’）》…":
        return True  # a line never starts with closing punctuation on purpose
    if _script_of(a.han, a.latin) != _script(b):
        return False  # bilingual text: a Chinese line and its English version
    heading = small is not None and _is_heading_line(small)
    if heading and not a.has_stop:
        return False  # a heading standing on its own line ends there, punctuated or not
    if not blank:
        if a.length < WRAP_MIN:
            return False
        if match_ordinal(b) is not None and not re.search(f"[{HAN}，、]$", last):
            return False
        return bool(_STARTS_TEXT.match(b)) or b[:1].isalpha()
    # Across a blank line: only running text (a long line, or one that already holds a
    # finished sentence) that breaks mid-word, followed by running text that is not itself
    # the start of a numbered item.
    if not disciplined:
        return False
    running = a.has_stop or (a.length >= WRAP_ACROSS_BLANK_MIN and not heading)
    return (
        running
        and bool(re.search(f"[{HAN}]$", last))
        and bool(re.match(f"^[{HAN}]", b))
        and match_ordinal(b) is None
        and not _is_heading_line(b)
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
        if cur is not None and repair and _may_join(cur, text, blank, disciplined, lineno in indented):
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
            cur.add(lineno, text)
        else:
            if cur is not None:
                paras.append(cur.para())
            cur = _Open(first=lineno, blank_before=blank)
            cur.add(lineno, text)
        blank = False
    if cur is not None:
        paras.append(cur.para())
    return paras
