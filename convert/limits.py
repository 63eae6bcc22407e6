"""The bounds a reader keeps to, whatever the input: named settings with defaults.

An office converter runs on mail attachments; a 40 KB .docx must not be able to take the
machine down. The promise is that any input up to 10 MB finishes or fails cleanly within
60 s and 500 MB. Readers check these limits *before* the work they bound (a ZIP entry's
declared size before inflating it, the running count while streaming) and fail with
:class:`LimitExceeded`, one line that names the setting, so a user who trusts a file
can raise it: every limit can be set in the environment as
``SPEECHPRESS_LIMIT_<NAME>`` (``SPEECHPRESS_LIMIT_MAX_BLOCKS=200000``).

Where an input asks for something Word itself caps (a list counter that starts at 10¹²),
the reader clamps it, reports the repair, and goes on; those caps are here too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from .readers.base import ReadError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Each field is one limit; the defaults fit a 2-core machine with 500 MB to spare."""

    #: Uncompressed bytes of one XML part a reader inflates (document.xml, styles.xml, …).
    #: Real manuscripts stay under 20 MB; a streamed part costs far less memory than this.
    max_part_bytes: int = 128 * MIB
    #: Uncompressed bytes of a part that is parsed whole (styles, numbering, settings).
    max_tree_part_bytes: int = 16 * MIB
    #: Inflated ÷ compressed size of a part, checked once the part is above
    #: ``ratio_floor_bytes``: Word's XML compresses 5–20×, a decompression bomb 1000×.
    max_ratio: int = 200
    ratio_floor_bytes: int = 4 * MIB
    #: Entries in a ZIP package (Word writes 10–30; the central directory costs memory).
    max_zip_entries: int = 10_000
    #: Blocks in one document: paragraphs (a Word text box's included), headings, list
    #: items, notes and code blocks, horizontal rules, and each table as one (its cells are
    #: ``max_table_cells``). Every block costs each reader and writer a fixed overhead,
    #: whatever its length, so a file of tiny blocks is the cheapest way to ask for work: a
    #: reader counts them as it makes them and stops at one too many. 100,000 tiny
    #: paragraphs or list items convert to all three formats in 10–33 s and 200–320 MB
    #: here from any format (bench/bench_bounds.py, the ``max_blocks_*`` cases); at
    #: 150,000 Markdown took 400 MB. Real manuscripts have hundreds to a few thousand
    #: blocks, a compendium of short articles perhaps 50,000.
    max_blocks: int = 100_000
    #: Word paragraphs walked in one document, wherever they are: the body's (each also a
    #: block), text boxes', table cells' (a cell's lines) and notes'. Bounds the walk
    #: through what is not a block: a table of 400,000 one-paragraph cells fits.
    max_paragraphs: int = 500_000
    #: Table cells in one document.
    max_table_cells: int = 1_000_000
    #: Headings in one document, run-in leads included. Each is an outline entry, a
    #: navigation point and a section in every format: 100,000 convert to all three in
    #: about 35 s and 300 MB here (bench/bench_bounds.py), a document of 216,000 did not
    #: (real manuscripts have hundreds; a compendium of 50,000 short articles fits).
    max_headings: int = 100_000
    #: Tables inside tables (Word allows a few levels; layouts nest 2–3).
    max_table_depth: int = 16
    #: Characters of one printed list number (``第一百二十三章`` is 7).
    max_ordinal_chars: int = 64
    #: A list counter's largest value: Word accepts starts up to 32767.
    max_counter: int = 32_767

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with any ``SPEECHPRESS_LIMIT_<NAME>`` set in the environment."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for f in fields(cls):
            raw = env.get(f"SPEECHPRESS_LIMIT_{f.name.upper()}")
            if raw is None:
                continue
            try:
                value = int(raw.replace("_", ""))
            except ValueError:
                raise ReadError(f"SPEECHPRESS_LIMIT_{f.name.upper()}={raw!r} is not a whole number") from None
            if value <= 0:
                raise ReadError(f"SPEECHPRESS_LIMIT_{f.name.upper()}={raw!r} must be positive")
            values[f.name] = value
        return cls(**values)


def shown(name: str, value: int) -> str:
    """A limit's value for a message: sizes in MB, counts with separators."""
    if name.endswith("_bytes"):
        return f"{value / MIB:,.0f} MB" if value >= MIB else f"{value:,} bytes"
    return f"{value:,}"


class LimitExceeded(ReadError):
    """The input needs more than a limit allows; the message names the limit."""

    def __init__(self, what: str, name: str, limit: int) -> None:
        self.what = what
        self.name = name
        self.limit = limit
        super().__init__(
            f"{what}: above the limit {name} = {shown(name, limit)} (set SPEECHPRESS_LIMIT_{name.upper()} to raise it)"
        )


def current() -> Limits:
    """The limits in force for this process (read from the environment each call: cheap)."""
    return Limits.from_env()


class BlockCount:
    """The blocks a reader has made so far, checked against ``max_blocks`` at each one: the
    reader stops at one too many, before it spends the memory of the rest."""

    __slots__ = ("limit", "made")

    def __init__(self, limit: int | None = None) -> None:
        self.limit = current().max_blocks if limit is None else limit
        self.made = 0

    def add(self, k: int = 1) -> None:
        self.made += k
        if self.made > self.limit:
            raise too_many_blocks(self.limit)


def too_many_blocks(limit: int) -> LimitExceeded:
    """The error of a document with more than ``limit`` blocks (one wording for every reader)."""
    return LimitExceeded(
        f"the document has more than {limit:,} blocks (paragraphs, headings, list items)", "max_blocks", limit
    )
