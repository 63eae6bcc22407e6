"""A plain cover image: the title and subtitle set in a CJK face on a light ground.

Libraries (Apple Books, Kindle, Kobo, Calibre) show a book by its cover image; without
one a collection of speeches is a grey rectangle among grey rectangles. The image is a
small palette PNG (few colours compress to a few kilobytes) so the whole book stays well
under the size a phone app downloads without thinking.

Drawing it (and importing Pillow) takes about 40 ms, a third of a whole EPUB run, while a
manuscript is usually converted again and again under the same title: each cover is kept
in the cache folder under its title, subtitle and font file (:func:`cover_png`), so a
rebuild does not import Pillow at all. Raster, not SVG, so every library view (Apple
Books, Kobo, calibre, Kindle's converters) shows it, with the face the book was made with.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...cache import CACHE_VERSION, cache_dir, read_bytes, sha256, write_bytes
from ...chars import NO_LINE_END, NO_LINE_START

if TYPE_CHECKING:
    from PIL import ImageFont

#: Bump when the drawing changes: cached covers are found by it.
COVER_VERSION = "2"
#: Covers kept in the cache folder; the oldest go beyond this.
KEEP_COVERS = 200

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
    from PIL import ImageFont

    while True:
        font = ImageFont.truetype(str(font_path), size, index=index)
        lines = balanced_wrap(text, font, width)
        if len(lines) <= max_lines or size <= 16:
            return font, lines
        size -= 4


def render_cover(title: str, subtitle: str | None, font_path: Path, font_index: int = 0) -> bytes:
    """The cover as PNG bytes; the same arguments always give the same bytes."""
    from PIL import Image, ImageDraw

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
    pal.save(out, format="PNG", compress_level=6)  # 3 % larger than level 9, 15 ms faster
    return out.getvalue()


def _cover_key(title: str, subtitle: str | None, font_path: Path, font_index: int) -> str:
    st = font_path.stat()
    parts = (
        COVER_VERSION,
        title,
        subtitle or "",
        str(font_path),
        str(font_index),
        str(st.st_size),
        str(st.st_mtime_ns),
    )
    return sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _forget_oldest(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently written covers (only on a miss, so the
    listing costs nothing on a rebuild)."""
    try:
        if len(os.listdir(folder)) <= keep:
            return
        files = sorted(folder.glob("*.png"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def cover_png(title: str, subtitle: str | None, font_path: Path, font_index: int = 0) -> bytes:
    """:func:`render_cover`, kept in the cache folder: drawn once per title, subtitle and
    font file (its size and time, so a changed font draws anew)."""
    try:
        key = _cover_key(title, subtitle, font_path, font_index)
    except OSError:
        return render_cover(title, subtitle, font_path, font_index)
    folder = cache_dir() / f"covers-v{CACHE_VERSION}"
    path = folder / f"{key}.png"
    kept = read_bytes(path)
    if kept is not None and kept.startswith(b"\x89PNG\r\n\x1a\n"):
        return kept
    data = render_cover(title, subtitle, font_path, font_index)
    write_bytes(path, data)
    _forget_oldest(folder, KEEP_COVERS)
    return data
