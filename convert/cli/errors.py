"""How the command line speaks of failures: one line of cause for any exception, and
libraries kept from writing to stderr. Light to import: the catch-all needs it before
anything else is loaded."""

from __future__ import annotations

from ..names import quoted


def cause(e: BaseException) -> str:
    """The one-line reason shown after the file name, for any exception."""
    from .. import registry
    from ..output import OutputError
    from ..readers.base import ReadError
    from ..style import StyleError

    if isinstance(e, (ReadError, StyleError, registry.PluginError, OutputError)):
        return str(e)
    if isinstance(e, MemoryError):
        return "out of memory (the input is too large or too complex for this machine)"
    if isinstance(e, RecursionError):
        return "nested too deeply to process (Python's recursion limit)"
    if isinstance(e, OSError):
        where = f": {quoted(e.filename)}" if getattr(e, "filename", None) else ""
        return f"{e.strerror or e}{where}"
    return f"{type(e).__name__}: {e}".rstrip(": ")


def _quiet_fonttools() -> None:
    import logging

    log = logging.getLogger("fontTools")
    log.addHandler(logging.NullHandler())
    log.propagate = False


def quiet_libraries() -> None:
    """Libraries that log to stderr (fontTools' "BDF NOT subset; dropped" while subsetting a
    font) would break the one-line-per-problem promise and ``-q``: their records go nowhere,
    from the moment the library is imported."""
    from .startup import after_import

    after_import("fontTools", _quiet_fonttools)
