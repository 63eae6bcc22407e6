"""What the structure rules share while they run: the paragraphs, the diagnostics, and
the trace that explains each decision.

The trace is how ``speechpress inspect --explain`` answers "why is this line a heading?":
with :attr:`~convert.readers.base.ReadOptions.explain` on, every rule that decides a
line's role records it (:meth:`Context.why`) as an info diagnostic with the code
:data:`EXPLAIN_CODE`, naming the rule. With the flag off nothing is recorded, so the
model and its JSON stay exactly what they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Diagnostic, Severity
from .paragraphs import RawPara

#: The diagnostic code of an explanation (``inspect --explain`` prints these).
EXPLAIN_CODE = "why"
#: How much of a line an explanation quotes.
QUOTE_CHARS = 24


@dataclass
class Context:
    """The paragraphs of one reading and what the rules record about them, passed to every rule instead of globals."""

    paras: list[RawPara]
    diags: list[Diagnostic] = field(default_factory=list)
    explain: bool = False
    toc: tuple[str, ...] = ()
    #: Paragraphs placed in the model (as a title, a label, a block…), a flag per index; at
    #: the end every paragraph must have been placed (see ``structure._account``).
    placed: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        self.placed = bytearray(len(self.paras))

    def add(self, severity: Severity, code: str, message: str, line: int | None) -> None:
        self.diags.append(Diagnostic(severity, code, message, line))

    def why(self, line: int | None, rule: str, what: str, text: str = "") -> None:
        """Record that ``rule`` made the line ``what`` (a no-op unless explaining)."""
        if not self.explain:
            return
        shown = text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"
        quote = f" “{shown}”" if text else ""
        self.diags.append(Diagnostic("info", EXPLAIN_CODE, f"{what} [{rule}]{quote}", line))

    def place(self, k: int) -> None:
        self.placed[k] = 1
