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

from ...model import Diagnostic, Severity

#: Word's ST_DecimalNumber: an optional sign and ASCII digits (Word ignores surrounding spaces).
_INT = re.compile(r"\s*[+-]?[0-9]{1,30}\s*")
#: Values quoted in one folded warning.
EXAMPLES = 3


class Problems:
    """Malformed values met while reading: one warning per kind of problem, with the first
    few values as examples, a count, and the line of the first."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.lines: dict[str, int | None] = {}
        self.severity: dict[str, Severity] = {}
        self.codes: dict[str, str] = {}

    def add(
        self,
        message: str,
        line: int | None = None,
        severity: Severity = "warning",
        code: str = "docx-value",
        example: str | None = None,
    ) -> None:
        """``message`` may hold ``{}`` where the examples go (``example`` is one)."""
        if message not in self.counts:
            self.lines[message] = line
            self.severity[message] = severity
            self.codes[message] = code
            self.examples[message] = []
        self.counts[message] += 1
        seen = self.examples[message]
        if example is not None and example not in seen and len(seen) <= EXAMPLES:
            seen.append(example)

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for message, n in self.counts.items():
            seen = self.examples[message]
            shown_values = ", ".join(seen[:EXAMPLES]) + (", …" if len(seen) > EXAMPLES else "")
            text = message.replace("{}", shown_values) if "{}" in message else message
            if n > 1:
                text += f" ({n} times)"
            out.append(Diagnostic(self.severity[message], self.codes[message], text, self.lines[message]))
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
        problems.add(f"{what}: not a number ({{}}); ignored", line, example=shown(raw))
        return None
    value = int(raw)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        bound = lo if lo is not None and value < lo else hi
        if clamp and bound is not None:
            problems.add(f"{what}: outside {lo}–{hi} ({{}}); taken as {bound}", line, example=_short(value))
            return bound
        problems.add(f"{what}: outside {lo}–{hi} ({{}}); ignored", line, example=_short(value))
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
    problems.add(f"{what}: not a value Word knows ({{}}); ignored", example=shown(raw))
    return None
