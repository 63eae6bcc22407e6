"""A page's content stream, built operator by operator (WeasyPrint's ``pdf/stream.py`` is
the model).

reportlab's canvas owns the file (objects, compression, outline, metadata); what is drawn
on a page is ours: every PDF operator the writer uses is a method here, and the finished
text is handed to reportlab once per page through its public ``Canvas.addLiteral``. So no
code reaches into reportlab's private state, and a reportlab upgrade cannot change what a
page draws.
"""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=4096)
def number(x: float) -> str:
    """A PDF number: at most 6 significant decimals, no trailing zeros, no leading zero
    (``.6``, ``12.34568``, ``100``), as reportlab writes its own operands. Kept per value:
    a table's rules repeat the same few column and row positions page after page."""
    a = abs(x)
    if a <= 1e-7:
        return "0"
    places = 6 if a <= 1 else min(max(0, 6 - int(math.log10(a))), 6)
    text = f"{x:.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    return text[1:] if text.startswith("0.") else text


@lru_cache(maxsize=64)
def _rgb(rgb: tuple[float, float, float]) -> str:
    return "{:.3f} {:.3f} {:.3f}".format(*rgb)


@lru_cache(maxsize=64)
def _colour(rgb: tuple[float, float, float]) -> str:
    return f"{_rgb(rgb)} rg {_rgb(rgb)} RG"


@lru_cache(maxsize=256)
def _font(resource: str, size: float) -> str:
    return f"{resource} {size:g} Tf"


class ContentStream:
    """The operators of one page, one line of operators per call."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._lines)

    def text(self) -> str:
        return "\n".join(self._lines)

    # -- graphics state -----------------------------------------------------------------
    def save(self) -> None:
        self._lines.append("q")

    def restore(self) -> None:
        self._lines.append("Q")

    def line_width(self, width: float) -> None:
        self._lines.append(f"{number(width)} w")

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A stroked segment (with the current line width and stroke colour)."""
        self._lines.append(f"n {number(x1)} {number(y1)} m {number(x2)} {number(y2)} l S")

    def stroke_rgb(self, rgb: tuple[float, float, float]) -> None:
        self._lines.append(f"{_rgb(rgb)} RG")

    # -- text ---------------------------------------------------------------------------
    def begin_text(self, char_spacing: float, x: float, y: float) -> None:
        """Save the state, open a text object at (x, y) with ``Tc`` spacing."""
        self._lines.append("q BT")
        self._lines.append(f"{char_spacing:.4f} Tc")
        self._lines.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm")

    def end_text(self) -> None:
        self._lines.append("ET Q")

    def colour(self, rgb: tuple[float, float, float]) -> None:
        """Fill and stroke colour (stroke matters for emboldened text)."""
        self._lines.append(_colour(rgb))

    def font(self, resource: str, size: float) -> None:
        self._lines.append(_font(resource, size))

    def embolden(self, size: float) -> None:
        """Fill and stroke the outlines (no bold face installed): a stroke of 3.5 % em."""
        self._lines.append(f"2 Tr {size * 0.035:.3f} w")

    def unembolden(self) -> None:
        self._lines.append("0 Tr")

    def show_spaced(self, pieces: list[tuple[str, float]]) -> None:
        """Show glyphs with a displacement after each piece (thousandths of the font size;
        positive moves the next glyph left), as one ``TJ``: the text stays one string."""
        parts = []
        for encoded, adjust in pieces:
            parts.append(encoded)
            if adjust:
                parts.append(f"{adjust:.2f}")
        self._lines.append(f"[{' '.join(parts)}] TJ")

    def show(self, encoded: str) -> None:
        """Show glyphs; ``encoded`` is a PDF string operand such as ``<0012>``."""
        self._lines.append(f"{encoded} Tj")

    def show_actual_text(self, encoded: str, actual: str) -> None:
        """Show glyphs that stand for ``actual`` (a box for a character no face has):
        the text layer keeps the real characters for copy-paste and search."""
        hex_text = "FEFF" + actual.encode("utf-16-be").hex().upper()
        self._lines.append(f"/Span <</ActualText <{hex_text}>>> BDC {encoded} Tj EMC")
