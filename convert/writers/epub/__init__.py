"""The EPUB 3 writer: a reflowable e-book, see :mod:`.writer`."""

from .writer import WRITER

__all__ = ["WRITER"]
