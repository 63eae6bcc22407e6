"""Page furniture left in text extracted from a PDF: page numbers and running headers.

They are not content: dropped, and every dropped line reported. Dropping a line is
losing it if the guess is wrong, so each kind needs evidence of pages, not repetition
alone: a list of years (2021, 2022, 2023) is not a page count, and a refrain said three
times is not a running header because one ``- 1 -`` line appears somewhere.

* A decorated page number (``- 3 -``, ``第3页``, ``3/10``) is one by its form.
* Bare numbers are page numbers only as a sequence that counts pages: at least
  :data:`MIN_PAGES` of them, each one more than the last (a page whose number was lost may
  be skipped), with a page's worth of text between each two, and no larger than a
  manuscript's page count (:data:`MAX_PAGE`; 2021 is a year).
* A running header is a short line repeated on :data:`MIN_PAGES` or more pages, found where
  pages meet: once a page, among the first or last :data:`NEAR_BOUNDARY` lines of the
  pages that the page numbers delimit (at least :data:`MIN_PAGES` − 1 of them), and
  (almost) never elsewhere — or the document's title, repeated only where pages meet,
  however few the pages — or a line that opens every page after a page number, on two
  pages or more, and appears nowhere else (a short document's running head: the first
  page has none, so three pages show it twice).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from ..chars import HAN_RE
from ..model import Diagnostic
from . import cues
from .linestore import LineStore
from .ordinals import match_ordinal
from .unwrap import wrap_width

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_BARE_NUMBER = re.compile(r"\d{1,4}")

#: Pages a sequence of bare numbers or a repeated header must span.
MIN_PAGES = 3
#: Non-blank lines of text at least between two page numbers (a page holds more; text
#: with a line per paragraph holds few).
MIN_LINES_PER_PAGE = 2
#: The largest bare number taken for a page number: a manuscript has fewer pages, and
#: four-digit numbers on their own line are years.
MAX_PAGE = 999
#: How many lines at each end of a page a running header may sit among.
NEAR_BOUNDARY = 3
#: Longest line that can be a running header.
MAX_HEADER = 30


def _page_sequence(lines: LineStore) -> set[int]:
    """Indexes of bare-number lines that count pages (see the module docstring)."""
    best: list[int] = []
    run: list[int] = []
    last_value = -1
    text_since = 0
    for i, t in enumerate(lines.texts()):
        if _BARE_NUMBER.fullmatch(t) and int(t) <= MAX_PAGE:
            value = int(t)
            if run and last_value < value <= last_value + 2 and text_since >= MIN_LINES_PER_PAGE:
                run.append(i)
            else:
                if len(run) > len(best):
                    best = run
                run = [i]
            last_value, text_since = value, 0
        elif t:
            text_since += 1
    if len(run) > len(best):
        best = run
    return set(best) if len(best) >= MIN_PAGES else set()


def _running_headers(lines: LineStore, boundaries: list[int]) -> dict[str, int]:
    """Short lines repeated where pages meet on enough pages: text -> repetitions.

    The page numbers cut the lines into pages; a running header sits among the first or
    last :data:`NEAR_BOUNDARY` lines of a page, once per page, on :data:`MIN_PAGES` pages
    or more, and (almost) never elsewhere.
    """
    if len(boundaries) < MIN_PAGES - 1:
        return {}
    cuts = [-1, *boundaries, len(lines)]
    pages: dict[str, list[int]] = {}  # text -> the page of each repetition at a page edge
    count: dict[str, int] = {}
    for page, (a, b) in enumerate(zip(cuts, cuts[1:])):
        body = [i for i in range(a + 1, b) if lines.text(i)]
        edges = set(body[:NEAR_BOUNDARY] + body[-NEAR_BOUNDARY:])
        for i in body:
            t = lines.text(i)
            if len(t) > MAX_HEADER:
                continue
            count[t] = count.get(t, 0) + 1
            if i in edges:
                pages.setdefault(t, []).append(page)
    headers = {}
    for t, at in pages.items():
        once_a_page = len(set(at)) == len(at)
        if len(at) >= MIN_PAGES and once_a_page and len(at) * 3 >= count[t] * 2 and _could_be_header(t):
            headers[t] = count[t]
    return headers


def _title_heads(lines: LineStore, body: array[int], boundaries: list[int]) -> set[int]:
    """The document's first line (its title) repeated right where pages meet: a running
    head however few the pages (an official document heads its pages with its title).
    Only when every repetition is at a page edge; the first line itself stays."""
    if not boundaries or not body or len(lines.text(body[0])) > MAX_HEADER:
        return set()
    title = lines.text(body[0])
    again = [i for i in body[1:] if lines.text(i) == title]
    edges: set[int] = set()
    for b in boundaries:
        k = bisect_right(body, b)  # the first line after the page number
        edges.update(body[max(k - NEAR_BOUNDARY - 1, 0) : k + NEAR_BOUNDARY])
    if not again or not all(i in edges for i in again) or not _could_be_header(title):
        return set()
    return set(again)


def _page_heads(lines: LineStore, body: array[int], boundaries: list[int]) -> set[int]:
    """The one line that comes first after every page number followed by text, at two page
    breaks or more, and nowhere else in the document (``body``: the lines with text)."""
    numbers = set(boundaries)
    after = []
    for b in boundaries:
        k = bisect_right(body, b)
        if k < len(body) and body[k] not in numbers:
            after.append(body[k])
    if len(after) < MIN_PAGES - 1 or len({lines.text(i) for i in after}) != 1:
        return set()
    head = lines.text(after[0])
    if len(head) > MAX_HEADER or not _could_be_header(head):
        return set()
    if sum(lines.text(i) == head for i in body) != len(after):
        return set()
    return set(after)


def _could_be_header(t: str) -> bool:
    """Not a sentence, an ordinal heading, a label or a greeting, and has Chinese."""
    return (
        not cues.ends_terminal(t)
        and match_ordinal(t) is None
        and cues.is_label_line(t) is None
        and not cues.is_greeting(t)
        and bool(HAN_RE.search(t))
    )


def drop_page_furniture(lines: LineStore, diags: list[Diagnostic]) -> LineStore:
    """Page numbers and running headers left in text extracted from a PDF, dropped and
    reported; everything else kept, in order."""
    decorated = {i for i, t in enumerate(lines.texts()) if _PAGE_NUMBER.match(t)}
    numbers = decorated | _page_sequence(lines)
    headers = _running_headers(lines, sorted(numbers))
    title_heads: set[int] = set()
    page_heads: set[int] = set()
    if numbers and not headers:
        body = array("q", (i for i, t in enumerate(lines.texts()) if t))  # the lines with text
        title_heads = _title_heads(lines, body, sorted(numbers))
        page_heads = set() if title_heads else _page_heads(lines, body, sorted(numbers))
    drop: set[int] = set()
    for i, (lineno, t) in enumerate(lines):
        if i in numbers:
            drop.add(i)
            diags.append(Diagnostic("warning", "page-number", f"dropped page-number line “{t}”", lineno))
        elif i in title_heads:
            drop.add(i)
            diags.append(
                Diagnostic(
                    "warning",
                    "running-header",
                    f"dropped running header “{t}” (the title again where pages meet)",
                    lineno,
                )
            )
        elif i in page_heads:
            drop.add(i)
            diags.append(
                Diagnostic(
                    "warning",
                    "running-header",
                    f"dropped running header “{t}” (first after every page number, {len(page_heads)} times)",
                    lineno,
                )
            )
        elif t in headers:
            drop.add(i)
            diags.append(
                Diagnostic(
                    "warning", "running-header", f"dropped running header “{t}” (repeated {headers[t]} times)", lineno
                )
            )
    if drop and wrap_width(lines) is not None:
        drop |= _page_gaps(lines, drop)
    return lines.keep(drop)


def _page_gaps(lines: LineStore, drop: set[int]) -> set[int]:
    """The blank lines around dropped page furniture in a hard-wrapped export: the gap of
    a page break, not a paragraph's end, so the line before it may go on after it (…更大
    贡 / 第 2 页 / 献！)."""
    gaps: set[int] = set()
    for i in drop:
        for j in (i - 1, i + 1):
            while 0 <= j < len(lines) and j not in gaps and (j in drop or not lines.text(j)):
                if j not in drop:
                    gaps.add(j)
                j += 1 if j > i else -1
    return gaps
