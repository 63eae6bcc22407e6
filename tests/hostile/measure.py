"""Run a command the way a user does and measure what it costs: wall time and its own
peak RSS. The peak comes from ``RUSAGE_CHILDREN`` in a fresh Python that runs only that
command, so no earlier child's high-water mark can hide in it (the tests' own process
has run many)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

_MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
try:
    p = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))
    rc, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as e:
    rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"s": dt, "mb": rss, "rc": rc,
                  "out": out.decode("utf-8", "replace"), "err": err.decode("utf-8", "replace")}))
"""


@dataclass(frozen=True)
class Measured:
    returncode: int | str  # "timeout" when it had to be killed
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def measure(cmd: Sequence[str], timeout: float = 60, env: dict[str, str] | None = None) -> Measured:
    """``cmd`` in a fresh measuring child; killed (returncode "timeout") after ``timeout``."""
    env = dict(env or os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(ROOT), env.get("PYTHONPATH", "")) if x)
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(timeout), *cmd],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout + 60,
        check=True,
    )
    r = json.loads(out.stdout)
    return Measured(r["rc"], r["out"], r["err"], r["s"], r["mb"])
