"""Run a command the way a user does and measure what it costs, for the bounded tests:
the benchmarks' harness (:func:`bench.scaling.measure`: wall time and the command's own
peak RSS from ``RUSAGE_CHILDREN`` in a fresh Python that runs only it), with the output
kept and the result as a typed value."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scaling import measure as _measure  # noqa: E402


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
    r = _measure(cmd, timeout, env, keep_stdout=True)
    rc = r["rc"]
    return Measured(
        rc if isinstance(rc, (int, str)) else str(rc),
        str(r["out"]),
        str(r["err"]),
        float(str(r["s"])),
        float(str(r["mb"])),
    )
