"""Benchmark: the text reader on the sample and on a 100× synthetic collection.

Targets: the sample in under 50 ms (issue 2), the 100× collection in under 0.4 s
(issue 12). Times are the median wall-clock and, beside it, the CPU time of this process
(the figure that does not depend on what else the machine runs).
Run: python3 bench/bench_reader.py
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convert.readers.base import ReadOptions  # noqa: E402
from convert.readers.text import READER  # noqa: E402

SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"


def synthetic(copies: int) -> bytes:
    """The sample's two pieces repeated as one collection of 2×copies pieces."""
    text = SEED.read_text("utf-8")
    lines = text.split("\n")
    body = "\n".join(lines[5:])  # from the first label on
    labels = []
    from convert.numerals import counting as int_to_cn

    n = 0
    for _ in range(copies):
        for piece in body.split("(二)"):
            n += 1
            labels.append(
                f"({int_to_cn(n)})\n" + piece.split("\n", 1)[-1]
                if piece.startswith("(一)")
                else f"({int_to_cn(n)})\n" + piece
            )
    return ("\n".join(lines[:3]).replace("(2篇)", f"({2 * copies}篇)") + "\n\n" + "\n".join(labels)).encode("utf-8")


def measure(data: bytes, repeat: int) -> tuple[float, float, float, int]:
    """Median wall time, median CPU time, peak traced memory (MiB), pieces found."""
    times = []
    cpu = []
    doc = None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        doc = READER.read(data, ReadOptions(source="bench"))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    tracemalloc.start()
    READER.read(data, ReadOptions(source="bench"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc is not None
    return statistics.median(times), statistics.median(cpu), peak / 2**20, len(doc.speeches)


def main() -> None:
    seed = SEED.read_bytes()
    t, c, mem, n = measure(seed, 20)
    print(
        f"sample: {len(seed) / 1024:.1f} KiB, {n} pieces: median {t * 1000:.1f} ms (CPU {c * 1000:.1f} ms), "
        f"peak {mem:.1f} MiB (target < 50 ms)"
    )
    big = synthetic(100)
    t, c, mem, n = measure(big, 3)
    print(
        f"100x:   {len(big) / 2**20:.2f} MiB, {n} pieces: median {t:.2f} s (CPU {c:.2f} s), peak {mem:.1f} MiB "
        "(target < 0.4 s)"
    )


if __name__ == "__main__":
    main()
