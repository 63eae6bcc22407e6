"""Attribute values as Word writes them, read without trusting them.

Word and LibreOffice open a document whose ``w:ilvl`` says ``x``: they ignore that one
value and show the rest. So does this reader: a malformed number or an unknown keyword is
skipped (or replaced by Word's default) with a warning in words ("numbering.xml: list
level 'x' is not a number"), never a ``ValueError`` from ``int()``. Warnings are folded
per message, so 50,000 bad attributes make one line with a count.
"""

from __future__ import annotations

import re
from collections import Counter

from ...model import Diagnostic

#: Word's ST_DecimalNumber: an optional sign and digits (Word ignores leading spaces).
_INT = re.compile(r"\s*[+-]?\d{1,30}\s*")


class Problems:
    """Malformed values met while reading, one warning per distinct message."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.lines: dict[str, int | None] = {}
        self.severity: dict[str, str] = {}
        self.codes: dict[str, str] = {}

    def add(self, message: str, line: int | None = None, severity: str = "warning", code: str = "docx-value") -> None:
        if message not in self.counts:
            self.lines[message] = line
            self.severity[message] = severity
            self.codes[message] = code
        self.counts[message] += 1

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for message, n in self.counts.items():
            text = message if n == 1 else f"{message} ({n} times)"
            out.append(Diagnostic(self.severity[message], self.codes[message], text, self.lines[message]))  # type: ignore[arg-type]
        return out


def shown(raw: str) -> str:
    """A raw value for a message: quoted, and cut when a hostile file made it long."""
    return repr(raw if len(raw) <= 24 else raw[:24] + "…")


def parse_int(
    raw: str | None,
    what: str,
    problems: Problems,
    *,
    lo: int | None = None,
    hi: int | None = None,
    clamp: bool = False,
    line: int | None = None,
) -> int | None:
    """``raw`` as an integer, or None (with a warning) when it is not one or is out of range.

    ``clamp``: a value outside ``lo``..``hi`` is brought to the nearest bound (and
    reported) instead of being dropped: Word clamps list starts that way.
    """
    if raw is None:
        return None
    if not _INT.fullmatch(raw):
        problems.add(f"{what} {shown(raw)} is not a number; ignored", line)
        return None
    value = int(raw)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        bound = lo if lo is not None and value < lo else hi
        if clamp and bound is not None:
            problems.add(f"{what} {_short(value)} is outside {lo}–{hi}; taken as {bound}", line)
            return bound
        problems.add(f"{what} {_short(value)} is outside {lo}–{hi}; ignored", line)
        return None
    return value


def _short(value: int) -> str:
    text = str(value)
    return text if len(text) <= 15 else f"{text[:6]}…({len(text)} digits)"


def parse_enum(raw: str | None, what: str, allowed: frozenset[str], problems: Problems) -> str | None:
    """``raw`` when it is one of ``allowed``; None (with a warning) for anything else."""
    if raw is None:
        return None
    if raw in allowed:
        return raw
    problems.add(f"{what} {shown(raw)} is not a value Word knows; ignored")
    return None
