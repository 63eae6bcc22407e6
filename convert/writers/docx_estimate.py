"""A page-count estimate from the grid, for the pre-filled TOC and ``WriteResult.pages``.

Word lays the pages out itself; the writer cannot know them. But on the official grid
every Chinese character takes one of 28 cells and every line one of 22 rows, so counting
cells gives the page of each heading to within a line or two, which is what the cached
TOC result (shown until Word refreshes the field) and the CLI's page figure need.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from ..style import RoleStyle, Style, mm_to_pt


@dataclass
class PageCounter:
    style: Style
    line_pt: "callable"  # RoleStyle -> exact line height in pt
    y: float = 0.0  # pt used on the current page
    page: int = 1
    started: bool = False
    _width: float = field(init=False)
    _height: float = field(init=False)

    def __post_init__(self) -> None:
        self._width = mm_to_pt(self.style.page.type_width_mm)
        self._height = mm_to_pt(self.style.page.type_height_mm)
        pitch = self.style.page.char_pitch_pt
        self._delta = (pitch - self.style.body_size) if pitch else 0.0

    def text_width(self, text: str, size: float) -> float:
        w = 0.0
        for ch in text:
            if unicodedata.east_asian_width(ch) in ("W", "F", "A") and ord(ch) > 0x2000:
                w += size + self._delta
            else:
                w += size * 0.5
        return w

    def new_page(self) -> None:
        if self.started:
            self.page += 1
            self.y = 0.0

    def add(self, text: str, role: RoleStyle, indent_chars: float = 0.0, page_break: bool = False) -> int:
        """Account for one paragraph; returns the page it starts on."""
        if page_break:
            self.new_page()
        self.started = True
        unit = role.size + self._delta
        width = indent_chars * unit + self.text_width(text, role.size)
        lines = max(1, math.ceil(width / self._width - 1e-6))
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
