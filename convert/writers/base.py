"""What every writer shares: its options and what it reports back.

A writer is any object with ``name``, ``extension``, ``description`` and
``write(doc, path, style, options) -> WriteResult``. It reads only the model and the style;
it never decides where the output goes (the caller hands it a temporary path and renames
it into place when the writer returns, see :mod:`convert.output`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import Diagnostic, Document
from ..style import Style
from ..timing import DEFAULT_PACE


@dataclass(frozen=True)
class WriteOptions:
    """Options shared by writers, in the spirit of pandoc's WriterOptions.

    Writers ignore what does not apply to them (an EPUB has no booklet).
    """

    toc: bool = False
    embed_fonts: bool = False
    font_files: Mapping[str, str] = field(default_factory=dict)  # role or family -> font file
    booklet: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)
    pace: int = DEFAULT_PACE  # speaking pace, characters a minute (the podium copy's page-foot times)


@dataclass(frozen=True)
class WriteResult:
    """What a writer reports beside the file: its diagnostics, and the pages when it knows them."""

    diagnostics: tuple[Diagnostic, ...] = ()
    pages: int | None = None


class Writer(Protocol):
    name: str
    extension: str
    description: str

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult: ...
