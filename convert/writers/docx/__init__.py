"""The DOCX writer: an editable Word document in the style's layout, see :mod:`.writer`."""

from .writer import WRITER

__all__ = ["WRITER"]
