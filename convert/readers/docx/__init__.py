"""The Word reader (``.docx``): see :mod:`.reader` for the decisions it makes.

The reader object is light, so listing formats or choosing a reader by extension does
not import python-docx; the reading code is imported on the first read.
"""

from __future__ import annotations

from ...model import Document
from .. import EXTENSIONS
from ..base import ReadOptions


class DocxReader:
    name = "docx"
    extensions = EXTENSIONS["docx"]
    description = (
        "Word documents: styles, automatic numbering, lists, bold leads, tables, text boxes, footnotes, tracked changes"
    )

    def read(self, data: bytes, options: ReadOptions) -> Document:
        from .reader import read_docx

        return read_docx(data, options)


READER = DocxReader()

__all__ = ["READER", "DocxReader"]
