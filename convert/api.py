"""The Python API: read a manuscript, write the model; the CLI is built on these."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import registry
from .names import text_name
from .readers.base import ReadError, ReadOptions

if TYPE_CHECKING:
    from .model import Document
    from .style import Style
    from .writers.base import WriteOptions, WriteResult


class UnknownFormatError(ValueError, KeyError):
    """No writer is registered under that name (a KeyError too, as registry lookups were)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def manuscript_extensions() -> tuple[str, ...]:
    """The extensions a folder is searched for: those every registered reader claims."""
    return tuple(registry.reader_extensions())


def reader_for(path: Path | str, fmt: str | None = None) -> str:
    """The reader for a file: ``fmt`` if given, else by extension; unknown extensions are
    read as plain text (manuscripts arrive as .doc.txt, .TXT, no extension...)."""
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    return registry.reader_extensions().get(suffix, "txt") if suffix else "txt"


def read_bytes(
    data: bytes, *, fmt: str = "txt", source: str | None = None, repair: bool = True, explain: bool = False
) -> Document:
    try:
        reader = registry.get_reader(fmt)
    except KeyError:
        raise ReadError(f"unknown input format {fmt!r}; known: {', '.join(registry.reader_names())}") from None
    except registry.PluginError as e:
        raise ReadError(str(e)) from None
    return reader.read(
        data, ReadOptions(repair=repair, source=None if source is None else text_name(source), explain=explain)
    )


def read(path: Path | str, *, fmt: str | None = None, repair: bool = True, explain: bool = False) -> Document:
    """Read a manuscript file into the model. Raises :class:`ReadError` with a clear message.

    ``explain``: also record why each line became a heading, piece, lead, title or note
    (info diagnostics with the code ``why``; ``speechpress inspect --explain``)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as e:
        raise ReadError(e.strerror or str(e)) from None
    return read_bytes(data, fmt=reader_for(p, fmt), source=p.name, repair=repair, explain=explain)


def write(
    doc: Document,
    path: Path | str,
    *,
    fmt: str | None = None,
    style: Style | str | Path | None = None,
    options: WriteOptions | None = None,
    force: bool = False,
) -> WriteResult:
    """Write the model to ``path`` atomically; the format defaults to the file's extension.

    Characters no format can carry (controls, lone surrogates) are dropped first, so every
    writer can encode what it is given; the source name goes in only as valid text. If the
    writer raises, ``path`` is untouched: a previous version stays as it was and no partial
    file is left. A device or FIFO is written into, never replaced; a read-only output is
    replaced only with ``force`` (see :mod:`convert.output`, whose ``OutputError`` says why
    a target is refused).
    """
    # Imported here: reading (inspect, lint) needs none of the writing machinery.
    from .model import printable
    from .output import atomic_path
    from .style import Style, load_style
    from .writers.base import WriteOptions

    p = Path(path)
    name = fmt or p.suffix.lstrip(".").lower()
    try:
        writer = registry.get_writer(name)
    except KeyError:
        raise UnknownFormatError(
            f"unknown output format {name!r}; known: {', '.join(registry.writer_names())}"
        ) from None
    st = style if isinstance(style, Style) else load_style(style)
    if doc.source is not None and text_name(doc.source) != doc.source:
        doc = replace(doc, source=text_name(doc.source))
    with atomic_path(p, force) as tmp:
        result = writer.write(printable(doc), tmp, st, options or WriteOptions())
    return result
