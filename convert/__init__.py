"""Speechpress: Chinese speech manuscripts to DOCX, PDF and EPUB.

The Python API mirrors the command line: :func:`read` a manuscript into the model,
:func:`write` the model in any registered format.

    >>> import convert
    >>> doc = convert.read("seeds/000_bab276808ddd4c79.txt")
    >>> convert.write(doc, "output/speech.pdf", style="official")

The names below are imported on first use (PEP 562), so that ``import convert`` — and
with it every ``speechpress`` command, ``--help`` included — pays only for what it uses.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import read as read
    from .api import read_bytes as read_bytes
    from .api import write as write
    from .model import Diagnostic as Diagnostic
    from .model import Document as Document
    from .model import Heading as Heading
    from .model import Note as Note
    from .model import Paragraph as Paragraph
    from .model import Run as Run
    from .model import Speech as Speech
    from .model import Table as Table

#: Public name -> the module that defines it.
_EXPORTS = {
    "Diagnostic": "model",
    "Document": "model",
    "Heading": "model",
    "Note": "model",
    "Paragraph": "model",
    "Run": "model",
    "Speech": "model",
    "Table": "model",
    "read": "api",
    "read_bytes": "api",
    "write": "api",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
