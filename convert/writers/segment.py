"""Word boundaries in a Chinese title, so that a title set on two lines breaks between
words (``…二十届二中全会`` / ``精神…``), never inside one (``…二中全`` / ``会精神…``).

Chinese has no spaces, so a boundary needs a segmenter. jieba is used: a well-kept,
pure-Python package whose dictionary of 350,000 words already holds the terms speeches
are titled with (二中全会, 主题教育, 高质量发展), where a hand-kept list of manuscript
terms would miss the next office's wording. It is loaded only when a title needs more than
one line, in its precise mode without the HMM guesser (new-word guessing could glue a
name to the next word), with its dictionary looked up in an index in the cache
(:mod:`.lexicon`) rather than loaded whole. Without jieba every character boundary counts.

A manuscript is converted again and again with the same titles, and importing jieba
costs about 8 ms a run: each title's boundaries are kept in the cache folder under
jieba's code and dictionary (:func:`.lexicon.segmenter_key`), so a rebuild does not
import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..cache import load_record, save_record
from ..chars import NO_LINE_END, NO_LINE_START, em_width

#: Titles whose boundaries are kept; past it the oldest go.
KEEP_TITLES = 500
_RECORD = "title-words"


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from .lexicon import tokenizer

    return tokenizer()


@lru_cache(maxsize=1)
def _kept() -> tuple[str | None, dict[str, list[int]]]:
    """(the segmenter's key, title -> boundaries kept under it)."""
    from .lexicon import segmenter_key

    key = segmenter_key()
    saved = load_record(_RECORD, key) if key is not None else None
    return key, saved if isinstance(saved, dict) else {}


def _segmented(text: str) -> frozenset[int]:
    tok = _tokenizer()
    if tok is None:
        return frozenset(range(1, len(text)))
    out: set[int] = set()
    pos = 0
    for word in tok.cut(text, HMM=False):
        pos += len(word)
        out.add(pos)
    out.discard(len(text))
    return frozenset(out)


def _storable(text: str) -> bool:
    """A record is UTF-8 JSON: a lone surrogate (from a damaged source) cannot be kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=256)
def word_boundaries(text: str) -> frozenset[int]:
    """Indices ``i`` of ``text`` where a line may break between words (0 < i < len)."""
    key, kept = _kept()
    got = kept.get(text)
    if isinstance(got, list) and all(isinstance(i, int) and 0 < i < len(text) for i in got):
        return frozenset(got)
    found = _segmented(text)
    if key is not None and _storable(text):
        kept[text] = sorted(found)
        while len(kept) > KEEP_TITLES:
            del kept[next(iter(kept))]
        global _saved
        if _saved < KEEP_TITLES:
            _saved += 1
            save_record(_RECORD, key, kept)
    return found


#: How many times this process has saved the record. A run meeting more new titles than
#: are kept (a collection of 26,000 pieces) saved it once a title, 2 ms each, for the
#: record to end with the last 500: it saves it for its first KEEP_TITLES new ones only.
_saved = 0


#: Words a title's line had best start with, where the title has them inside: the subject
#: of an official document's title after its issuer (某某市人民政府 / 关于…的实施意见).
PHRASE_OPENERS = ("关于",)


def phrase_starts(text: str) -> frozenset[int]:
    """Where a title's phrases start: after the space between two phrases (坚定信心　接续
    奋斗), before 关于 after an issuer, before a note in brackets that ends it (…的讲话
    （录音整理）) — breaks a typesetter takes before balanced ones, so that no line ends
    inside a phrase (…关于加快 / 推进…, …开班式 / 上的讲话（录音整理）)."""
    out = {i + 1 for i, c in enumerate(text) if c == "\u3000"}
    if text.endswith(("）", ")")):
        j = max(text.rfind("（"), text.rfind("("))
        if j > 0 and not any(c in "）)" for c in text[j:-1]):
            out.add(j)
    for word in PHRASE_OPENERS:
        i = text.find(word, 1)
        while i > 0:
            out.add(i)
            i = text.find(word, i + 1)
    return frozenset(i for i in out if 0 < i < len(text))


def balanced_breaks(text: str, widths: Sequence[float], measure: float, boundaries: frozenset[int]) -> list[int] | None:
    """Where a short text (a title) ends each line: the fewest lines, broken only at
    ``boundaries`` (word boundaries) and where the kinsoku rules allow, at as many phrase
    starts (:func:`phrase_starts`) as that many lines allow, and then with the longest
    line as short as it can be, so the lines come out even. None when no such breaking
    fits the measure (a word wider than the line)."""
    n = len(text)
    phrases = phrase_starts(text)
    cands = [
        b
        for b in sorted(boundaries | phrases)
        if 0 < b < n and text[b] not in NO_LINE_START and text[b - 1] not in NO_LINE_END
    ]
    points = [0, *cands, n]
    acc = [0.0]
    for w in widths:
        acc.append(acc[-1] + w)
    # best[j]: (lines, minus the phrase starts broken at, widest line, previous point) for text[:points[j]]
    best: list[tuple[int, int, float, int] | None] = [None] * len(points)
    best[0] = (0, 0, 0.0, -1)
    for j in range(1, len(points)):
        at_phrase = 1 if points[j] in phrases else 0
        for i in range(j):
            b = best[i]
            w = acc[points[j]] - acc[points[i]]
            if b is None or w > measure + 0.01:
                continue
            cand = (b[0] + 1, b[1] - at_phrase, max(b[2], w), i)
            cur = best[j]
            if cur is None or cand[:3] < cur[:3]:
                best[j] = cand
    if best[-1] is None:
        return None
    ends: list[int] = []
    j = len(points) - 1
    while j > 0:
        ends.append(points[j])
        entry = best[j]
        assert entry is not None
        j = entry[3]
    return ends[::-1]


def title_lines(text: str, size: float, measure: float) -> list[str]:
    """A title as Word or an e-reader would set it in full-width characters of ``size``
    pt on a ``measure`` pt line: even lines, broken between words (one line when it fits)."""
    widths = [size * em_width(c) for c in text]
    if sum(widths) <= measure + 0.01:
        return [text]
    ends = balanced_breaks(text, widths, measure, word_boundaries(text))
    if ends is None:
        return [text]
    starts = [0, *ends[:-1]]
    # the space a line breaks at goes with the break (坚定信心　接续奋斗　/ 奋力谱写…)
    return [text[a:b].rstrip() for a, b in zip(starts, ends, strict=True)]
