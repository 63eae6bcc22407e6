"""The harness every scaling benchmark shares: run a command on inputs of 1×, 2×, 4×, 8×
a base size, each in a fresh child process, and print time, peak memory and the growth
ratio per doubling.

A linear step doubles its time when the input doubles (ratio ≈ 2); a quadratic one
quadruples it. The bound the issues set is ≤ 2.3 per doubling. Time is wall-clock of the
whole child (what a user waits for); peak RSS comes from ``RUSAGE_CHILDREN`` measured in a
fresh grandchild per run, so one run's high-water mark never hides another's.

A scaling script defines *shapes*: a name and a function ``make(n) -> bytes`` that builds
an input of ``n`` units, plus the file suffix and the command to run on it, and calls
:func:`main` with them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The growth per doubling the issues accept.
MAX_RATIO = 2.3
#: Below this many seconds a run is noise: its ratio is not judged.
NOISE_S = 0.5

_MEASURE = r"""
import json, resource, subprocess, sys, time
timeout, keep, cmd = float(sys.argv[1]), sys.argv[2] == "1", sys.argv[3:]
t = time.perf_counter()
try:
    p = subprocess.run(cmd, stdout=subprocess.PIPE if keep else subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    rc, out, err = p.returncode, p.stdout or b"", p.stderr
except subprocess.TimeoutExpired as e:
    rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
dt = float("inf") if rc == "timeout" else time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"s": dt, "mb": rss, "rc": rc,
                  "out": out.decode("utf-8", "replace"), "err": err.decode("utf-8", "replace")}))
"""


@dataclass(frozen=True)
class Shape:
    name: str
    make: Callable[[int], bytes]  # n units -> the input's bytes
    base: int  # units at 1×
    suffix: str = ".txt"
    #: The command, with ``{in}`` and ``{out}`` for the input file and an output folder.
    command: tuple[str, ...] = (sys.executable, "-m", "convert", "inspect", "{in}", "--json")


def measure(
    cmd: Sequence[str], timeout: float, env: Mapping[str, str] | None = None, keep_stdout: bool = False
) -> dict[str, object]:
    """Run ``cmd`` in a fresh grandchild, killed after ``timeout`` seconds: wall seconds
    ``s`` (infinite when killed), peak RSS ``mb`` (of the command and everything it waited
    for), exit code ``rc`` ("timeout" when killed), its stderr ``err`` and, with
    ``keep_stdout``, its stdout ``out`` (benchmarks drop it: an 8 MB manuscript's JSON is
    not worth carrying). The one measuring harness of the benchmarks and the bounded tests."""
    if env is None:  # this checkout's code (a caller that passes env says which code to run)
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join(x for x in (str(ROOT), os.environ.get("PYTHONPATH", "")) if x)
        )
    child = [sys.executable, "-c", _MEASURE, str(timeout), "1" if keep_stdout else "0", *cmd]
    try:
        out = subprocess.run(child, capture_output=True, text=True, timeout=timeout + 60, env=env, check=True)
    except subprocess.TimeoutExpired:  # the measuring child itself hung
        return {"s": float("inf"), "mb": float("nan"), "rc": "timeout", "out": "", "err": ""}
    return json.loads(out.stdout)


def run_shape(shape: Shape, factors: Sequence[int], timeout: float) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in factors:
            src = Path(tmp) / f"{shape.name}-{f}{shape.suffix}"
            src.write_bytes(shape.make(shape.base * f))
            out = Path(tmp) / f"out-{f}"
            out.mkdir()
            cmd = [c.replace("{in}", str(src)).replace("{out}", str(out)) for c in shape.command]
            r = measure(cmd, timeout)
            r.update(factor=f, bytes=src.stat().st_size)
            rows.append(r)
            if r["rc"] == "timeout":
                break
    return rows


def report(shape: Shape, rows: list[dict[str, object]]) -> bool:
    """Print one shape's table; True when every judged doubling stays within MAX_RATIO."""
    ok = True
    print(f"\n{shape.name}")
    print(f"  {'size':>10} {'time s':>9} {'peak MB':>8} {'×/doubling':>10}  exit")
    prev: dict[str, object] | None = None
    for r in rows:
        ratio = ""
        s, ps = r["s"], prev["s"] if prev else None
        if isinstance(s, float) and isinstance(ps, float) and ps > 0:
            steps = int(r["factor"] // prev["factor"]).bit_length() - 1  # type: ignore[operator,index,call-overload]
            growth = (s / ps) ** (1 / max(steps, 1))
            judged = s >= NOISE_S
            ratio = f"{growth:.2f}" + ("" if judged else " (noise)")
            if judged and growth > MAX_RATIO:
                ok = False
                ratio += " !"
        size = f"{int(r['bytes']) / 1024:.0f} KB"  # type: ignore[call-overload]
        print(f"  {size:>10} {r['s']:>9.2f} {r['mb']:>8.0f} {ratio:>10}  {r['rc']}")
        if r["rc"] not in (0, "0"):
            print(f"    stderr: {str(r['err']).strip()[-200:]}")
        prev = r
    return ok


def main(shapes: Sequence[Shape], argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--only", nargs="*", help="shape names to run")
    ap.add_argument("--factors", default="1,2,4,8", help="size multipliers (default 1,2,4,8)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per run before giving up")
    ap.add_argument("--json", dest="as_json", help="also write the rows to this file")
    args = ap.parse_args(argv)
    factors = [int(x) for x in args.factors.split(",")]
    ok = True
    results = {}
    for shape in shapes:
        if args.only and shape.name not in args.only:
            continue
        rows = run_shape(shape, factors, args.timeout)
        ok &= report(shape, rows)
        results[shape.name] = rows
    if args.as_json:
        Path(args.as_json).write_text(json.dumps(results, indent=1, default=str))
    print(f"\n{'all within' if ok else 'SOME ABOVE'} {MAX_RATIO} per doubling")
    return 0 if ok else 1
