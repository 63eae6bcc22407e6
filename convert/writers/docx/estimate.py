"""A page-count estimate from the grid, for the pre-filled TOC and ``WriteResult.pages``.

Word lays the pages out itself; the writer cannot know them. But on the official grid
every Chinese character takes one of 28 cells and every line one of 22 rows, so counting
cells gives the page of each heading to within a line or two, which is what the cached
TOC result (shown until Word refreshes the field) and the CLI's page figure need.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...chars import count
from ...style import RoleStyle, Style

#: Characters a CJK face sets full width: Han, kana, hangul, CJK and full-width
#: punctuation, and the dashes, quotes and ellipsis Chinese text uses.
_WIDE = re.compile(
    "[\u2010-\u2027\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003ffff]"
)


@dataclass
class PageCounter:
    style: Style
    line_pt: Callable[[RoleStyle], float]  # exact line height of a role, in pt
    y: float = 0.0  # pt used on the current page
    page: int = 1
    started: bool = False
    char_grid: bool = True  # False: the line-only grid, characters at their own size
    _width: float = field(init=False)
    _height: float = field(init=False)

    def __post_init__(self) -> None:
        self._width = self.style.page.type_width_pt
        self._height = self.style.page.type_height_pt
        pitch = self.style.page.char_pitch_pt
        self._delta = (pitch - self.style.body_size) if pitch and self.char_grid else 0.0

    def text_width(self, text: str, size: float) -> float:
        wide = count(_WIDE, text)
        return wide * (size + self._delta) + (len(text) - wide) * size * 0.5

    def lines(self, text: str, role: RoleStyle, indent_chars: float = 0.0) -> int:
        """Lines a paragraph of ``role`` takes, its first line indented ``indent_chars``."""
        unit = role.size + self._delta
        width = indent_chars * unit + self.text_width(text, role.size)
        return max(1, math.ceil(width / self._width - 1e-6))

    def new_page(self) -> None:
        if self.started:
            self.page += 1
            self.y = 0.0

    def add(self, text: str, role: RoleStyle, indent_chars: float = 0.0, page_break: bool = False) -> int:
        """Account for one paragraph; returns the page it starts on."""
        if page_break:
            self.new_page()
        self.started = True
        lines = self.lines(text, role, indent_chars)
        line = self.line_pt(role)
        self.y += role.space_before
        if self.y + line > self._height + 0.01:
            self.page += 1
            self.y = 0.0
        start = self.page
        self.y += lines * line + role.space_after
        while self.y > self._height + 0.01:
            self.page += 1
            self.y -= self._height
        return start
