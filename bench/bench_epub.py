"""Benchmark: writing the sample manuscript as EPUB (official style), with and without
embedded subset fonts.

Reading is done once, outside the timing. Font subsets are cached on disk by
:mod:`convert.fonts`, so the embedded-font figure is given cold (empty cache, what a
first run costs) and warm (what every later run of the same text costs).
Run: python3 bench/bench_epub.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert.model import Document  # noqa: E402
from convert.style import load_style  # noqa: E402
from convert.writers.base import WriteOptions  # noqa: E402
from convert.writers.epub.writer import WRITER  # noqa: E402

SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"


def measure(doc: Document, path: Path, repeat: int, options: WriteOptions) -> tuple[list[float], int]:
    style = load_style("official")
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        WRITER.write(doc, path, style, options)
        times.append(time.perf_counter() - t)
    return times, path.stat().st_size


def main() -> None:
    doc = convert.read(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SPEECHPRESS_CACHE"] = str(Path(tmp) / "cache")  # start with an empty font cache
        out = Path(tmp) / "sample.epub"
        times, size = measure(doc, out, 5, WriteOptions())
        print(f"sample, no fonts:        median {statistics.median(times) * 1000:7.1f} ms   {size / 1024:7.1f} KB")
        times, size = measure(doc, out, 3, WriteOptions(embed_fonts=True))
        print(f"sample, fonts (cold):           {times[0] * 1000:7.1f} ms   {size / 1024:7.1f} KB")
        print(f"sample, fonts (warm):    median {statistics.median(times[1:]) * 1000:7.1f} ms   {size / 1024:7.1f} KB")


if __name__ == "__main__":
    main()
