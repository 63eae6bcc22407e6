"""How long a speech runs when read aloud: spoken characters at a speaking pace.

Chinese speaking pace is counted in characters per minute (字/分钟); an official speech is
read at about 200–240, so the default is 220. What counts is what the speaker says:

* each Han character is one;
* a number is said as words: ``170`` is 一百七十 (4), ``2024年`` is 二〇二四年 (digit by
  digit before 年), ``5.2%`` is 百分之五点二 (6);
* a Latin word is said in syllables (vowel groups), an acronym such as ``GDP`` letter by
  letter.

Not spoken: the title block (title, subtitle, speaker and date lines, the piece's label),
notes of every kind (editorial notes, footnotes, code, captions), cues (翻页, 出图) and
inline editorial notes ``【…】``. Headings are said, run-in leads too.

The estimate is derived from the model, never stored in it: the same manuscript at
another ``--pace`` gives another time, nothing else changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .chars import HAN
from .numerals import DIGITS, counting

if TYPE_CHECKING:  # the CLI imports this module for its --pace option: start-up stays light
    from .model import Block, Document, Speech

DEFAULT_PACE = 220  # 字/分钟
MIN_PACE, MAX_PACE = 60, 600


@cache
def _tokens() -> re.Pattern[str]:
    """Han characters, numbers (a year's digits with its 年) and Latin words; compiled on
    first use, not at import (the CLI imports this module for its options)."""
    return re.compile(rf"(?P<han>[{HAN}])|(?P<num>\d+(?:[.,]\d+)*%?)(?P<year>年)?|(?P<latin>[A-Za-z]+(?:'[A-Za-z]+)?)")


_VOWELS = re.compile(r"[aeiouy]+", re.I)


def integer_reading(digits: str) -> str:
    """An integer as words (一百七十, 三万零五百); very long ones digit by digit."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > 12:
        return "".join(DIGITS[int(d)] for d in digits)
    return counting(int(digits))


def number_units(token: str, year: bool = False) -> int:
    """How many characters a number takes when said (``170`` → 4, ``5.2%`` → 6)."""
    percent = token.endswith("%")
    body = token.rstrip("%").replace(",", "")
    whole, _, fraction = body.partition(".")
    if year and len(whole) == 4:
        count = 5  # 二〇二四年: digit by digit, and 年
    else:
        count = len(integer_reading(whole)) + (1 if year else 0)
    if fraction:
        count += 1 + len(fraction)  # 点 and each digit
    return count + (3 if percent else 0)  # 百分之


def latin_units(word: str) -> int:
    """A Latin word in syllables; an acronym (GDP, AI) letter by letter."""
    if word.isupper() and len(word) <= 5:
        return len(word)
    return max(1, len(_VOWELS.findall(word)))


def spoken_units(text: str) -> int:
    """The characters ``text`` takes when read aloud (punctuation takes none)."""
    total = 0
    for m in _tokens().finditer(text):
        if m.group("han"):
            total += 1
        elif m.group("num"):
            total += number_units(m.group("num"), bool(m.group("year")))
        else:
            total += latin_units(m.group("latin"))
    return total


def block_units(block: Block) -> int:
    """The spoken characters of one block: notes and cues are not said, nor are the
    inline editorial notes of a paragraph."""
    from .model import Heading, Note, Paragraph, Table

    if isinstance(block, Paragraph):
        return sum(spoken_units(r.text) for r in block.runs if not r.note)
    if isinstance(block, Heading):
        return spoken_units(block.text)
    if isinstance(block, Table):
        return sum(spoken_units(c) for row in block.rows for c in row)
    if isinstance(block, Note):
        return 0
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover - exhaustive over Block


def seconds(units: int, pace: int = DEFAULT_PACE) -> float:
    return units * 60.0 / pace


@dataclass(frozen=True)
class Section:
    """A top-level section: its heading (index into the speech's blocks) and its length."""

    index: int
    heading: str
    units: int


@dataclass(frozen=True)
class SpeechTime:
    """A speech's spoken characters and its top-level sections', kept as units so any pace gives the times."""

    units: int
    sections: tuple[Section, ...]

    def seconds(self, pace: int = DEFAULT_PACE) -> float:
        return seconds(self.units, pace)


def _top_level(blocks: Iterable[Block]) -> int | None:
    from .model import Heading

    return min((b.level for b in blocks if isinstance(b, Heading)), default=None)


def speech_time(speech: Speech) -> SpeechTime:
    """The spoken length of a speech and of each of its top-level sections (text before
    the first top-level heading counts for the speech only)."""
    from .model import Heading

    top = _top_level(speech.blocks)
    sections: list[Section] = []
    total = 0
    for i, b in enumerate(speech.blocks):
        units = block_units(b)
        total += units
        if isinstance(b, Heading) and b.level == top:
            sections.append(Section(i, b.text, 0))
        if sections:
            last = sections[-1]
            sections[-1] = Section(last.index, last.heading, last.units + units)
    return SpeechTime(total, tuple(sections))


def document_units(doc: Document) -> int:
    return sum(block_units(b) for b in doc.blocks())


def format_duration(secs: float) -> str:
    """``3′10″``: minutes and seconds, rounded to ten seconds (an estimate, not a stopwatch)."""
    tens = round(secs / 10)
    minutes, rest = divmod(tens * 10, 60)
    return f"{minutes}′{rest:02d}″"


def timing_json(doc: Document, pace: int = DEFAULT_PACE) -> dict[str, Any]:
    """The ``speaking_time`` key of ``inspect --json`` (see README, "Speaking time")."""
    speeches: list[dict[str, Any]] = []
    total = 0
    for s in doc.speeches:
        t = speech_time(s)
        total += t.units
        speeches.append(
            {
                "spoken_chars": t.units,
                "seconds": round(t.seconds(pace)),
                "sections": [
                    {
                        "block": x.index,
                        "heading": x.heading,
                        "spoken_chars": x.units,
                        "seconds": round(seconds(x.units, pace)),
                    }
                    for x in t.sections
                ],
            }
        )
    return {"pace": pace, "spoken_chars": total, "seconds": round(seconds(total, pace)), "speeches": speeches}
