"""Benchmark: writing the sample manuscript as DOCX (official style), and a 20× collection.

Prints the median write time of a few runs and the file size. Reading is done once,
outside the timing: this measures the writer alone.
Run: python3 bench/bench_docx.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert.model import Document  # noqa: E402
from convert.style import load_style  # noqa: E402
from convert.writers.base import WriteOptions  # noqa: E402
from convert.writers.docx.writer import WRITER  # noqa: E402

SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"


def measure(doc: Document, path: Path, repeat: int, options: WriteOptions) -> tuple[float, int, int | None]:
    style = load_style("official")
    times = []
    pages = None
    for _ in range(repeat):
        t = time.perf_counter()
        pages = WRITER.write(doc, path, style, options).pages
        times.append(time.perf_counter() - t)
    return statistics.median(times), path.stat().st_size, pages


def main() -> None:
    doc = convert.read(SEED)
    big = replace(doc, speeches=doc.speeches * 20)
    with tempfile.TemporaryDirectory() as d:
        for name, model, repeat, opts in (
            ("sample", doc, 7, WriteOptions()),
            ("sample + TOC", doc, 7, WriteOptions(toc=True)),
            ("20x collection", big, 3, WriteOptions()),
        ):
            secs, size, pages = measure(model, Path(d) / "out.docx", repeat, opts)
            print(f"{name:16s} median {secs * 1000:7.1f} ms  size {size / 1024:6.1f} KiB  ~{pages} pages (estimate)")


if __name__ == "__main__":
    main()
