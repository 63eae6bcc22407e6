"""GFM tables for the Markdown reader: every cell kept, memory proportional to the text.

markdown-it's table rule has two costs a manuscript can turn into a loss or a bound
broken:

* **Cells beyond the header's count are dropped**, silently: ``| a | b |`` over a row of
  three cells loses the third. Here a row keeps all its cells (the table is as wide as its
  widest row; writers pad short rows), and the reader reports the rows that were wider.
* **Five tokens per cell** (``td_open``, ``inline``, its text child, ``td_close``, with
  their attribute dicts and maps), about 1.5 KB a cell: a 2000 × 200 table of 4 MB took
  650 MB and 30 s. Here a table is one token whose ``meta`` holds the rows as strings;
  the reader parses a cell's inline markup only when it has some
  (:data:`.mdguard.INLINE_MARKS`), one cell at a time.

Where a table starts and ends is still markdown-it's decision: its own rule, asked in
*silent* mode, says whether a table starts at a line, and the body ends where its loop
ends (a blank line, a line another block starts, the cap on cells filled in for short
rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

#: The token type of a whole table (its rows in ``meta["rows"]``, each a list of the
#: cells' source text, the header first; ``meta["wide"]``: lines of rows wider than it).
TOKEN = "speechpress_table"


def _cells(line: str) -> list[str]:
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block.table import escapedSplit

    columns = escapedSplit(mdTrim(line))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return [mdTrim(c) for c in columns]


def _line(state: StateBlock, k: int) -> str:
    return state.src[state.bMarks[k] + state.tShift[k] : state.eMarks[k]]


def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A GFM table as one :data:`TOKEN` (see the module's docstring)."""
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS
    from markdown_it.rules_block.table import table as gfm_table

    if not gfm_table(state, start, end, True):
        return False
    if silent:
        return True
    header = _cells(_line(state, start))
    width = len(header)
    rows = [header]
    wide: list[int] = []
    terminators = state.md.block.ruler.getRules("blockquote")
    old_parent, state.parentType = state.parentType, "table"
    filled = 0
    k = start + 2
    while k < end:  # the body's end, as markdown-it's own loop decides it
        if state.sCount[k] < state.blkIndent:
            break
        if any(rule(state, k, end, True) for rule in terminators):
            break
        text = mdTrim(_line(state, k))
        if not text or state.is_code_block(k):
            break
        cells = _cells(text)
        filled += width - len(cells)
        if filled > MAX_AUTOCOMPLETED_CELLS:
            break
        if len(cells) > width:
            wide.append(k)
        rows.append(cells + [""] * (width - len(cells)))
        k += 1
    state.parentType = old_parent
    token = state.push(TOKEN, "table", 0)
    token.map = [start, k]
    token.meta = {"rows": rows, "wide": wide}
    state.line = k
    return True


def use(md: MarkdownIt) -> MarkdownIt:
    """``md`` with :func:`table` in place of markdown-it's table rule (same place, same
    rules it may interrupt)."""
    md.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    return md
