"""A plain cover image: the title and subtitle set in a CJK face on a light ground.

Libraries (Apple Books, Kindle, Kobo, Calibre) show a book by its cover image; without
one a collection of speeches is a grey rectangle among grey rectangles. The image is a
small palette PNG (few colours compress to a few kilobytes) so the whole book stays well
under the size a phone app downloads without thinking.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ...chars import NO_LINE_END, NO_LINE_START

WIDTH, HEIGHT = 600, 800
BACKGROUND = (250, 248, 242)
INK = (20, 20, 20)
RED = (178, 34, 34)
MARGIN = 60

NO_START = NO_LINE_START
NO_END = NO_LINE_END


def _measure(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break Chinese text into lines no wider than ``width`` (a closing mark may overhang),
    keeping closing marks off line starts and opening marks off line ends."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and _measure(font, line + ch) > width and ch not in NO_START:
            carry = ""
            while line and line[-1] in NO_END:
                carry = line[-1] + carry
                line = line[:-1]
            if line:
                lines.append(line)
            line = carry + ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def balanced_wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """The same number of lines as a greedy wrap, but as even in length as possible, so a
    title does not end in a lonely character."""
    text = " ".join(text.split())
    lines = wrap(text, font, width)
    if len(lines) <= 1:
        return lines
    lo, hi = width / len(lines), width
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(wrap(text, font, mid)) > len(lines):
            lo = mid
        else:
            hi = mid
    return wrap(text, font, hi)


def _fit(
    text: str, font_path: Path, index: int, size: int, width: float, max_lines: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size up to ``size`` at which ``text`` takes at most ``max_lines`` lines."""
    while True:
        font = ImageFont.truetype(str(font_path), size, index=index)
        lines = balanced_wrap(text, font, width)
        if len(lines) <= max_lines or size <= 16:
            return font, lines
        size -= 4


def render_cover(title: str, subtitle: str | None, font_path: Path, font_index: int = 0) -> bytes:
    """The cover as PNG bytes; the same arguments always give the same bytes."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)
    # A red band at the head, as on the covers of printed document collections.
    draw.rectangle((0, 0, WIDTH, 24), fill=RED)
    text_width = WIDTH - 2 * MARGIN

    title_font, title_lines = _fit(title, font_path, font_index, 44, text_width, 6)
    title_step = int(title_font.size * 1.45)
    sub_font: ImageFont.FreeTypeFont | None = None
    sub_lines: list[str] = []
    if subtitle:
        sub_font, sub_lines = _fit(subtitle, font_path, font_index, 28, text_width, 3)
    sub_step = int(sub_font.size * 1.5) if sub_font else 0
    gap = 56  # title, red rule, subtitle
    total = title_step * len(title_lines) + (gap + sub_step * len(sub_lines) if sub_lines else 0)
    y = max(80, int(HEIGHT * 0.4 - total / 2))
    for line in title_lines:
        draw.text((WIDTH / 2, y), line, font=title_font, fill=INK, anchor="ma")
        y += title_step
    rule_y = y + gap // 2 - 8
    draw.rectangle((MARGIN + 60, rule_y, WIDTH - MARGIN - 60, rule_y + 2), fill=RED)
    y += gap
    for line in sub_lines:
        draw.text((WIDTH / 2, y), line, font=sub_font, fill=INK, anchor="ma")
        y += sub_step

    # Few colours: anti-aliased text on a flat ground needs no more than 16.
    pal = img.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="PNG", optimize=True)
    return out.getvalue()
