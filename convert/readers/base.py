"""What every reader shares: its options, its error, and its interface.

A reader turns bytes into a :class:`~convert.model.Document`; it never prints. What it
repaired or suspects goes into ``Document.diagnostics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Document


class ReadError(Exception):
    """Input that cannot be read as a manuscript (empty, binary, undecodable)."""


@dataclass(frozen=True)
class ReadOptions:
    """What a caller may ask of every reader; immutable, so one value serves a whole batch."""

    repair: bool = True  # False: report suspected artifacts, change nothing
    source: str | None = None  # file name for messages and metadata
    explain: bool = False  # record why each line became a heading, piece, lead, title or note


class Reader(Protocol):
    name: str
    extensions: tuple[str, ...]
    description: str

    def read(self, data: bytes, options: ReadOptions) -> Document: ...
