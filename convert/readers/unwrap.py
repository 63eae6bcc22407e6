"""Lines to paragraphs: undo the wrapping that PDF export and sharing sites add.

A line that stops mid-sentence (no sentence-final punctuation) was wrapped by a machine,
not ended by the author, so it joins the next line — also across a blank line when the
break is plainly mid-word and the next line goes on with running text. Structural lines
(labels, counts, dates, greetings, short ordinal headings) are never joined. Every join is
reported with the lines it joined.
"""

from __future__ import annotations

import re

from ..chars import HAN
from ..model import Diagnostic
from . import cues
from .ordinals import match_ordinal
from .paragraphs import RawPara

#: A line this long that stops mid-sentence was wrapped by a machine.
WRAP_MIN = 18
#: Across a blank line, demand more evidence: a long line broken mid-word.
WRAP_ACROSS_BLANK_MIN = 30

_CONTINUES = re.compile(f"[{HAN}0-9A-Za-z，、“《（%]$")
_STARTS_TEXT = re.compile(f"^[{HAN}0-9，。、；：？！”’）》…]")


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
