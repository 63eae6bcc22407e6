"""The PDF writer: print-ready pages with embedded, subset Chinese fonts, see :mod:`.writer`."""

from .writer import WRITER

__all__ = ["WRITER"]
