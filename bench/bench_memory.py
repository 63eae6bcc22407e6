"""Benchmark: peak memory (RSS) and time to convert a 10 MB manuscript, one format at a time.

Each format runs in its own ``python -m convert convert`` child process, so the figure is
what a user's run costs: reading the 10 MB file, building the model, writing the output.
Peak RSS comes from ``resource.getrusage(RUSAGE_CHILDREN)`` after the child is reaped
(``ru_maxrss``, the high-water mark of the largest child so far, hence one child per
measurement in a fresh process). The goal (issue 7) is under 500 MB; a writer taking
more than 5 minutes is reported as too slow.

The manuscript is the corpus's ``big_10mb`` (tests/hostile/make_corpus.py).
Run: python3 bench/bench_memory.py [--formats docx,pdf,epub] [--input FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 500
SLOW_S = 300


def big_manuscript(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile.make_corpus import big_texts

    path = folder / "big_10mb.txt"
    path.write_bytes(big_texts(random.Random(8))["big_10mb"][1])
    return path


def one_child(fmt: str, src: Path, out: Path) -> dict[str, object]:
    """Run one conversion in a child that itself runs the CLI in a grandchild: the child's
    RUSAGE_CHILDREN then holds exactly that one conversion's peak."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc': p.returncode, 'seconds': dt, 'maxrss_kb': ru.ru_maxrss,"
        " 'cpu': ru.ru_utime + ru.ru_stime, 'stderr': p.stderr[-500:]}))\n"
    )
    cmd = [
        sys.executable,
        "-c",
        probe,
        sys.executable,
        "-m",
        "convert",
        "convert",
        str(src),
        "-t",
        fmt,
        "-o",
        str(out),
        "-q",
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=SLOW_S * 4, cwd=ROOT)
    data = json.loads(res.stdout)
    target = out / f"{src.stem}.{fmt}"
    data["size"] = target.stat().st_size if target.exists() else None
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", default="docx,pdf,epub")
    ap.add_argument("--input", type=Path, help="a manuscript instead of the generated 10 MB one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        src = args.input.resolve() if args.input else big_manuscript(folder)
        print(f"input: {src.name}, {src.stat().st_size / 1e6:.1f} MB")
        # the reader alone, in this process, for scale
        t = time.perf_counter()
        sys.path.insert(0, str(ROOT))
        import convert

        doc = convert.read(src)
        read_s = time.perf_counter() - t
        print(
            f"read: {read_s:.1f} s, {len(doc.speeches)} piece(s), {sum(1 for _ in doc.blocks())} blocks; "
            f"this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        del doc
        print(f"{'format':6}  {'time':>8}  {'cpu':>8}  {'peak RSS':>9}  {'output':>9}  verdict")
        worst = 0
        for fmt in args.formats.split(","):
            r = one_child(fmt, src, folder / f"out_{fmt}")
            mb = int(r["maxrss_kb"]) / 1024
            verdict = []
            if r["rc"] != 0:
                verdict.append(f"FAILED (exit {r['rc']}): {str(r['stderr']).strip()}")
            if mb >= LIMIT_MB:
                verdict.append(f"over {LIMIT_MB} MB")
            if float(r["seconds"]) > SLOW_S:
                verdict.append(f"over {SLOW_S} s")
            size = f"{int(r['size']) / 1e6:.1f} MB" if r["size"] else "-"
            print(
                f"{fmt:6}  {float(r['seconds']):7.1f}s  {float(r['cpu']):7.1f}s  {mb:6.0f} MB  {size:>9}  "
                f"{'; '.join(verdict) or 'ok'}"
            )
            worst = max(worst, 1 if verdict else 0)
    return worst


if __name__ == "__main__":
    sys.exit(main())
