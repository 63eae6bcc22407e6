"""The lectern copy's pages in Word: no sentence crosses a page break, and each page's foot
says how long the speech has run by its end.

Word paginates a document itself, and a footer can change only where a section does, at
a paragraph's end. So for a style that keeps sentences whole and prints the running time
(``[speaking] keep_sentences`` and ``running_time``, the podium style) the writer decides
the pages: it estimates each paragraph's lines on the grid (:class:`.estimate.PageCounter`
metrics, as for the TOC's page numbers), cuts a paragraph longer than the room left after
its last sentence that fits, and ends a section at each page's last paragraph, with a
footer of that page's time. A cut paragraph goes on, unindented, at the top of the next
page, as in the PDF. Word's lines are not exactly the estimate's (its line breaking, its
faces), so each page is planned :data:`SLACK_LINES` short: the page Word sets then holds
the whole section, and the time at its foot is the time at the end of what it shows. A
table longer than a page is not cut (Word breaks it by rows; the section's time is then
at the foot of its last page).

The rules are the PDF's (:func:`convert.writers.pdf.layout.paginate_by_sentence`): a
paragraph that fits on a page is never split; a heading stays with the paragraph after it
(all of it when it fits on a page, else its first sentence); a run-in lead keeps at least
two lines of its paragraph; a sentence longer than a page is cut where the page is full.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import timing
from ...style import RoleStyle, Style
from ..walk import sentence_ends
from .estimate import PageCounter

#: Lines each page is planned short of the estimate, for Word's own line breaking.
SLACK_LINES = 1
_EPS = 0.01


@dataclass
class Flow:
    """A paragraph as the pager sees it: its text (as counted), role and first-line indent
    in characters, the characters of a run-in lead that must not be cut, and the spoken
    characters of its text (None: not said, as notes and cues)."""

    text: str
    role: RoleStyle
    indent: float
    lead_chars: int = 0
    spoken: bool = True


@dataclass
class Placement:
    """Where a paragraph went: whether it starts a new page, and the offsets in its text
    where a later page begins (the rest of the paragraph goes on there)."""

    new_page: bool = False
    cuts: list[int] = field(default_factory=list)


class SentencePager:
    """Pages planned paragraph by paragraph; :attr:`times` is the running time at the end
    of each finished page."""

    def __init__(self, style: Style, counter: PageCounter, pace: int) -> None:
        self.style = style
        self.counter = counter  # its metrics only: text widths and line heights
        self.pace = pace
        body = style.role("body")
        self.page_pt = style.page.type_height_pt - SLACK_LINES * counter.line_pt(body)
        self.y = 0.0
        self.on_page = False  # anything placed on the current page
        self.done = 0  # spoken characters up to the end of the current page
        self.times: list[str] = []

    # -- measures ---------------------------------------------------------------------
    def lines(self, text: str, role: RoleStyle, indent: float) -> int:
        return self.counter.lines(text, role, indent)

    def line(self, role: RoleStyle) -> float:
        return self.counter.line_pt(role)

    def height_of(self, text: str, role: RoleStyle, indent: float) -> float:
        return role.space_before + self.lines(text, role, indent) * self.line(role) + role.space_after

    def _fits(self, h: float) -> bool:
        return self.y + h <= self.page_pt + _EPS

    # -- pages ------------------------------------------------------------------------
    def new_page(self) -> bool:
        """End the current page (when it holds anything); True when a page was ended."""
        if not self.on_page:
            self.y = 0.0
            return False
        # a page before anything is said (a collection's title page) shows no time
        self.times.append(timing.format_duration(timing.seconds(self.done, self.pace)) if self.done else "")
        self.y = 0.0
        self.on_page = False
        return True

    def _put(self, text: str, f: Flow) -> None:
        self.y += self.height_of(text, f.role, f.indent)
        self.on_page = True
        if f.spoken:
            self.done += timing.spoken_units(text)

    def kept_need(self, heading: Flow, after: Flow | None) -> float:
        """Room a heading needs on its page: itself, and the paragraph after it (all of it
        when it fits on a page, else its first sentence)."""
        need = self.height_of(heading.text, heading.role, heading.indent)
        if after is None:
            return need
        whole = self.height_of(after.text, after.role, after.indent)
        ends = sentence_ends(after.text)
        if not ends or need + whole <= self.page_pt + _EPS:
            return need + whole
        return need + self.height_of(after.text[: ends[0]], after.role, after.indent)

    def heading(self, f: Flow, after: Flow | None, break_before: bool = False) -> bool:
        """Place a heading (or a title line) that keeps with ``after``; True when it starts
        a new page."""
        started = False
        if break_before:
            started = self.new_page() or break_before
        elif self.on_page and not self._fits(self.kept_need(f, after)):
            started = self.new_page()
        self._put(f.text, f)
        return started

    def block(self, h: float, spoken: int = 0, break_before: bool = False) -> bool:
        """Place something that is never cut (a table, a title line); True on a new page."""
        started = False
        if break_before:
            started = self.new_page() or break_before
        elif self.on_page and not self._fits(h):
            started = self.new_page()
        self.y += h
        self.on_page = True
        self.done += spoken
        return started

    def paragraph(self, f: Flow, break_before: bool = False, after_heading: bool = False) -> Placement:
        """Place a paragraph, cut between sentences where a page ends inside it."""
        out = Placement()
        if break_before:
            out.new_page = self.new_page() or break_before
        start = 0
        text = f.text
        while True:
            rest = text[start:]
            indent = f.indent if start == 0 else 0.0
            h = self.height_of(rest, f.role, indent)
            if self._fits(h):
                break
            may_turn = self.on_page and not after_heading  # a heading keeps what follows
            if may_turn and h <= self.page_pt + _EPS:  # what is left fits on the next page
                self._overleaf(out, start)
                continue
            cut = self._fitting_cut(f, start, indent)
            if may_turn and cut is None:  # not even one sentence fits here
                self._overleaf(out, start)
                continue
            if cut is None:  # a sentence longer than the page: filled line by line
                cut = self._line_cut(f, start, indent)
                if cut is None:
                    break
            self._put(text[start:cut], Flow(text[start:cut], f.role, indent, 0, f.spoken))
            self.new_page()
            out.cuts.append(cut)
            start = cut
            after_heading = False
        self._put(text[start:], Flow(text[start:], f.role, f.indent if start == 0 else 0.0, 0, f.spoken))
        return out

    def _overleaf(self, out: Placement, start: int) -> None:
        """What is left of the paragraph from ``start`` goes on at the top of a new page."""
        ended = self.new_page()
        if start == 0:
            out.new_page = out.new_page or ended
        else:
            out.cuts.append(start)

    def _fitting_cut(self, f: Flow, start: int, indent: float) -> int | None:
        """The end of the last sentence after ``start`` that fits in the room left (at
        least two lines when the paragraph opens with a run-in lead)."""
        room = self.page_pt - self.y
        best = None
        for e in sentence_ends(f.text[start:]):
            end = start + e
            if start == 0 and end <= f.lead_chars:
                continue
            if self.height_of(f.text[start:end], f.role, indent) > room + _EPS:
                break
            best = end
        if best is None:
            return None
        if start == 0 and f.lead_chars and self.lines(f.text[:best], f.role, indent) < 2:
            return None
        return best

    def _line_cut(self, f: Flow, start: int, indent: float) -> int | None:
        """Where the room left is full, by characters (a sentence longer than a page)."""
        room = self.page_pt - self.y - f.role.space_before - f.role.space_after
        lines = int((room + _EPS) // self.line(f.role))
        if lines < 1:
            return None
        lo, hi = start + 1, len(f.text)
        while lo < hi:  # the longest prefix that takes no more than `lines` lines
            mid = (lo + hi + 1) // 2
            if self.lines(f.text[start:mid], f.role, indent) <= lines:
                lo = mid
            else:
                hi = mid - 1
        return lo if lo < len(f.text) else None

    def finish(self, total: int) -> None:
        """The last page: the whole speech's time."""
        if self.on_page or not self.times:
            self.times.append(timing.format_duration(timing.seconds(total, self.pace)))
        else:
            self.times[-1] = timing.format_duration(timing.seconds(total, self.pace))
