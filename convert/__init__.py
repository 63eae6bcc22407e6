"""Speechpress: Chinese speech manuscripts to DOCX, PDF and EPUB.

The Python API mirrors the command line: :func:`read` a manuscript into the model,
:func:`write` the model in any registered format.

    >>> import convert
    >>> doc = convert.read("seeds/000_bab276808ddd4c79.txt")
    >>> convert.write(doc, "output/speech.pdf", style="official")
"""

from __future__ import annotations

from .api import read, read_bytes, write
from .model import Diagnostic, Document, Heading, Note, Paragraph, Run, Speech, Table

__all__ = [
    "Diagnostic",
    "Document",
    "Heading",
    "Note",
    "Paragraph",
    "Run",
    "Speech",
    "Table",
    "read",
    "read_bytes",
    "write",
]
