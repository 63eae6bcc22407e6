"""Saddle-stitch imposition: which logical page goes where on which sheet side.

Pages are padded with blanks to a multiple of four; sheet side ``2s`` (front) carries
pages ``n-1-2s`` (left) and ``2s`` (right), side ``2s+1`` (back) carries ``2s+1`` (left)
and ``n-2-2s`` (right), 0-based. Printed duplex (flip on the short edge), folded and
stapled in the middle, the sheets read in order.
"""

from __future__ import annotations

from ...style import PAPER_SIZES, mm_to_pt


def padded_count(pages: int) -> int:
    return max(4, (pages + 3) // 4 * 4)


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) logical page indices per physical page; None = blank padding."""
    n = padded_count(pages)
    sides = []
    for s in range(n // 4):
        for left, right in ((n - 1 - 2 * s, 2 * s), (2 * s + 1, n - 2 - 2 * s)):
            sides.append((left if left < pages else None, right if right < pages else None))
    return sides


def sheet_size(page_w: float, page_h: float) -> tuple[float, float]:
    """Landscape sheet that holds two pages side by side: A5 pages -> A4, A4 -> A3."""
    need_w, need_h = 2 * page_w, page_h
    for name in ("A4", "A3", "B4" if "B4" in PAPER_SIZES else "A3"):
        w, h = PAPER_SIZES[name]
        sw, sh = mm_to_pt(max(w, h)), mm_to_pt(min(w, h))
        if sw + 0.5 >= need_w and sh + 0.5 >= need_h:
            return sw, sh
    return need_w, need_h
