"""Page furniture left in text extracted from a PDF: page numbers and running headers.

They are not content: dropped, and every dropped line reported.
"""

from __future__ import annotations

import re

from ..chars import HAN
from ..model import Diagnostic
from . import cues
from .ordinals import match_ordinal

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)


def drop_page_furniture(lines: list[tuple[int, str]], diags: list[Diagnostic]) -> list[tuple[int, str]]:
    """Page numbers and running headers left in text extracted from a PDF.

    A page-number line (``- 3 -``, ``第3页``) is dropped when it is decorated as one; a bare
    number only when several appear in increasing order. A running header is a short line
    repeated on three or more pages. Dropped lines are reported; they are page furniture,
    not content.
    """
    bare = [(i, int(t)) for i, (_, t) in enumerate(lines) if re.fullmatch(r"\d{1,4}", t)]
    bare_ok = len(bare) >= 3 and all(b[1] < c[1] for b, c in zip(bare, bare[1:]))
    bare_idx = {i for i, _ in bare} if bare_ok else set()
    counts: dict[str, int] = {}
    for _, t in lines:
        if t and len(t) <= 30:
            counts[t] = counts.get(t, 0) + 1
    has_page_numbers = bare_ok or any(_PAGE_NUMBER.match(t) for _, t in lines)
    headers = {
        t
        for t, n in counts.items()
        if has_page_numbers
        and n >= 3
        and not cues.ends_terminal(t)
        and match_ordinal(t) is None
        and cues.is_label_line(t) is None
        and not cues.is_greeting(t)
        and re.search(f"[{HAN}]", t)
    }
    out: list[tuple[int, str]] = []
    for i, (lineno, t) in enumerate(lines):
        if _PAGE_NUMBER.match(t) or i in bare_idx:
            diags.append(Diagnostic("warning", "page-number", f"dropped page-number line “{t}”", lineno))
            continue
        if t in headers:
            diags.append(
                Diagnostic(
                    "warning", "running-header", f"dropped running header “{t}” (repeated {counts[t]} times)", lineno
                )
            )
            continue
        out.append((lineno, t))
    return out
