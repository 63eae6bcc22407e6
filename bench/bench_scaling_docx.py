"""Scaling benchmark: the Word reader on 1×, 2×, 4×, 8× of paragraphs, table cells and
numbered items (issue 17), through the real CLI (``inspect --json``), each run in a fresh
child; prints time, peak RSS and the growth per doubling (bound: ≤ 2.3).

The inputs are the hostile corpus's builders (tests/hostile/make_docx_corpus.py), so the
benchmark measures the shapes the hostile tests check.

Run: python3 bench/bench_scaling_docx.py [--only paragraphs] [--factors 1,2,4,8]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile.make_docx_corpus import _numbered_items, _paragraphs, _table  # noqa: E402

from bench.scaling import Shape, main  # noqa: E402

#: Columns of the table shape; its unit is one row of this many cells.
COLUMNS = 50


def _seeded(build):
    return lambda n: build(n)(random.Random(n))


SHAPES = [
    Shape("paragraphs", _seeded(_paragraphs), base=4000, suffix=".docx"),
    Shape("table_cells", lambda n: _table(n, COLUMNS)(random.Random(n)), base=400, suffix=".docx"),
    Shape("numbered_items", _seeded(_numbered_items), base=4000, suffix=".docx"),
]

if __name__ == "__main__":
    sys.exit(main(SHAPES))
