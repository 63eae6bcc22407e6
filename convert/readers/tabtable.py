"""Tables a text export wrote with tabs: Word's "Save as plain text" sets a table's cells
on one line per row, separated by tabs (指标<TAB>目标<TAB>完成).

The cleaning of each line turns tabs into spaces and removes spaces between Han
characters, and the rows, ending no sentence, would be joined into one paragraph with
the text after them. So the reader notes each line's cells before it cleans it, and a
run of such lines that each has the same number of cells becomes a table.
"""

from __future__ import annotations

from .ordinals import match_ordinal

#: Fewest rows, and fewest cells a row, that make a table.
TABLE_ROWS_MIN = 2
TABLE_CELLS_MIN = 2
#: Most cells a row may have (a line of tab-separated words beyond this is no table).
TABLE_CELLS_MAX = 30


def tab_cells(raw: str) -> tuple[str, ...] | None:
    """The cells of a line that holds tabs between text (not only as its indent): None
    for a line that is no table row, such as an item's number before a tab (1.<TAB>抓学习)."""
    line = raw.strip(" \u3000\r\n")
    if "\t" not in line.strip("\t"):
        return None
    cells = tuple(c.strip(" \u3000") for c in line.strip("\t").split("\t"))
    filled = [c for c in cells if c]
    if not (TABLE_CELLS_MIN <= len(cells) <= TABLE_CELLS_MAX) or len(filled) < TABLE_CELLS_MIN:
        return None
    first = cells[0]
    if (o := match_ordinal(first)) is not None and o.text == first:
        return None  # 1.<TAB>抓学习: a numbered item, its number set off by a tab
    if first.endswith(("：", ":")):
        return None  # 主持人：<TAB>大家好: a speaker or a label before its text
    return cells


def table_runs(numbers: list[int], cells: dict[int, tuple[str, ...]]) -> dict[int, int]:
    """Runs of consecutive lines (by index into ``numbers``, the kept lines' numbers) whose
    cells were noted, of one width, at least :data:`TABLE_ROWS_MIN` long: start -> end
    (exclusive)."""
    runs: dict[int, int] = {}
    k = 0
    while k < len(numbers):
        row = cells.get(numbers[k])
        if row is None:
            k += 1
            continue
        j = k + 1
        while j < len(numbers) and (nxt := cells.get(numbers[j])) is not None and len(nxt) == len(row):
            j += 1
        if j - k >= TABLE_ROWS_MIN:
            runs[k] = j
        k = j
    return runs
