"""Chinese line breaking (禁则, kinsoku) and justification for the PDF writer.

reportlab's CJK wrapping breaks after any character, so a line may start with `，`
(ten times on the sample). Here a paragraph is cut into unbreakable units (one Han
character, a digit/Latin word such as ``2023`` or ``5.2%``, a ``——``/``……`` pair),
filled greedily, and then corrected: a closing mark that would start the next line is
pulled onto this one when that needs at most half a character of squeezing; otherwise
characters are pushed down until no line starts with a closing mark or ends with an
opening one. Justification spreads the difference evenly between units (inter-character
spacing between Han characters, as Chinese typesetting does; never inside ``2831`` or
``5.2%``, whose digits stay together), which the caller applies as the PDF ``Tc``
operator, taking it back inside multi-character units (:func:`inside_units`), so the
text stays one extractable string.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from ...chars import NO_LINE_END, NO_LINE_START
from ..segment import balanced_breaks

NO_START = NO_LINE_START
NO_END = NO_LINE_END

_UNIT = re.compile(r"[A-Za-z0-9]+(?:[.:/\-][A-Za-z0-9]+)*%?|——|……|.", re.S)


def unit_bounds(text: str, widths: Sequence[float], measure: float) -> array[int]:
    """Where the unbreakable stretches of ``text`` (one Han character, a digit/Latin word
    such as ``2023`` or ``5.2%``, a ``——``/``……`` pair) begin, and the text's end: unit
    ``k`` is ``text[b[k]:b[k + 1]]``. A unit wider than ``measure`` (a long URL) is broken
    into its characters. Machine integers, not a tuple per unit: a paragraph of millions
    of characters stays tens of megabytes."""
    bounds = array("q", [0])
    for m in _UNIT.finditer(text):
        a, b = m.span()
        if b - a > 1 and sum(widths[a:b]) > measure:
            bounds.extend(range(a + 1, b))
        bounds.append(b)
    return bounds


def inside_units(text: str) -> list[int]:
    """Positions ``p`` of a line's text where characters ``p`` and ``p + 1`` belong to one
    unit (``2831``, ``5.2%``, ``——``): justification adds no space there."""
    out: list[int] = []
    for m in _UNIT.finditer(text):
        a, b = m.span()
        if b - a > 1:
            out.extend(range(a, b - 1))
    return out


def unit_widths(bounds: Sequence[int], widths: Sequence[float]) -> array[float]:
    """Each unit's width: the sum of its characters'."""
    return array(
        "d",
        (widths[a] if b - a == 1 else sum(widths[a:b]) for a, b in itertools.pairwise(bounds)),
    )


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # index of the first character (into the paragraph text)
    end: int  # one past the last
    indent: float  # pt from the left edge of the measure
    width: float  # natural width in pt (advances incl. tracking)
    extra: float  # pt added between two units (justification; may be < 0)
    last: bool  # the paragraph's last line (set ragged)


def break_lines(
    text: str,
    widths: Sequence[float],
    measure: float,
    first_indent: float = 0.0,
    justify: bool = True,
    squeeze: float = 8.0,
) -> list[Line]:
    """Break ``text`` (with per-character ``widths`` in pt) into lines of ``measure`` pt.

    ``squeeze`` is the most a line may be compressed to pull a closing mark in (pt).
    """
    if not text:
        return [Line(0, 0, first_indent, 0.0, 0.0, True)]
    bounds = unit_bounds(text, widths, measure - first_indent)
    uw = unit_widths(bounds, widths)
    n = len(uw)

    def starts_bad(k: int) -> bool:
        return k < n and text[bounds[k]] in NO_START

    def ends_bad(k: int) -> bool:  # the unit before index k ends with an opening mark
        return k > 0 and text[bounds[k] - 1] in NO_END

    lines: list[Line] = []
    starts: list[int] = []  # the unit each line starts with
    i = 0
    eps = 0.01
    while i < n:
        starts.append(i)
        indent = first_indent if not lines else 0.0
        avail = measure - indent
        w = 0.0
        j = i
        while j < n and w + uw[j] <= avail + eps:
            w += uw[j]
            j += 1
        if j == i:  # not even one unit fits: take it anyway
            w += uw[j]
            j += 1
        if j >= n:
            lines.append(_line(bounds, i, n, indent, w, avail, justify, last=True))
            break
        k = j
        if starts_bad(j) and not starts_bad(j + 1) and not ends_bad(j + 1) and w + uw[j] - avail <= squeeze:
            k = j + 1  # pull the closing mark in, squeezing the line a little
        else:
            while k > i + 1 and (starts_bad(k) or ends_bad(k)):
                k -= 1
            if starts_bad(k) or ends_bad(k):
                k = j  # nothing helps (a line of nothing but marks): keep the greedy break
        wk = sum(uw[i:k])
        last = k >= n and wk <= avail + eps
        lines.append(_line(bounds, i, k, indent, wk, avail, justify, last=last))
        i = k
    if justify and len(lines) >= 2 and _is_runt(text, bounds, starts[-1]):
        _mend_runt(text, bounds, uw, starts, lines, measure, first_indent)
    return lines


def _is_runt(text: str, bounds: Sequence[int], first: int) -> bool:
    """A last line (units ``first`` on) of one character (or one word) and its closing
    marks: ``利。``."""
    return sum(1 for k in range(first, len(bounds) - 1) if text[bounds[k]] not in NO_START) <= 1


def _mend_runt(
    text: str,
    bounds: Sequence[int],
    uw: Sequence[float],
    starts: list[int],
    lines: list[Line],
    measure: float,
    first_indent: float,
) -> None:
    """Let the line before give up a unit (it is justified looser; the slack is there)
    so the last line holds two; never where that would break a kinsoku rule or leave the
    line before with a single unit."""
    n = len(uw)
    prev, k = starts[-2], starts[-1]
    j = k - 1
    while j > prev and text[bounds[j]] in NO_START:
        j -= 1  # a closing mark goes down with the character it closes
    while j > prev + 1 and text[bounds[j] - 1] in NO_END:
        j -= 1  # and an opening mark with the character it opens
    if j <= prev + 1:
        return
    indent = first_indent if len(lines) == 2 else 0.0
    kept = sum(uw[prev:j])
    gaps = bounds[j] - bounds[prev] - 1
    if sum(uw[j:]) > measure + 0.01 or sum(uw[j:k]) > 0.25 * kept / max(1, j - prev) * gaps:
        return  # the new last line would not fit, or the line before would gape
    lines[-2] = _line(bounds, prev, j, indent, sum(uw[prev:j]), measure - indent, True, last=False)
    lines[-1] = _line(bounds, j, n, 0.0, sum(uw[j:]), measure, True, last=True)
    starts[-1] = j


def balanced_lines(text: str, widths: Sequence[float], measure: float, boundaries: frozenset[int]) -> list[Line] | None:
    """A title's lines: even, broken between words (:func:`..segment.balanced_breaks`)."""
    ends = balanced_breaks(text, widths, measure, boundaries)
    if ends is None:
        return None
    out = []
    start = 0
    for end in ends:
        ink = end
        while ink > start and text[ink - 1].isspace():
            ink -= 1  # a space the line ends at hangs: the line centres on its letters
        out.append(Line(start, end, 0.0, sum(widths[start:ink]), 0.0, end == len(text)))
        start = end
    return out


def _line(
    bounds: Sequence[int], i: int, k: int, indent: float, w: float, avail: float, justify: bool, last: bool
) -> Line:
    """Units ``i`` to ``k`` (exclusive) as a line."""
    start, end = bounds[i], bounds[k]
    gaps = k - i - 1
    extra = 0.0
    if (justify and not last) or w > avail + 0.01:
        extra = (avail - w) / gaps if gaps > 0 else 0.0
    return Line(start, end, indent, w, extra, last)


def violations(lines: Sequence[str]) -> list[str]:
    """Lines that break the rules (for tests and for checking extracted text)."""
    bad = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if (s[0] in NO_START and s[0] not in ".,%") or s[-1] in NO_END:
            bad.append(ln)
    return bad
