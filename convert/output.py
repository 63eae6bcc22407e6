"""Atomic output: a file is either the complete new version or not there at all.

Writers write to a temporary file beside the target; only when they return without an
exception is it renamed over the target (``os.replace`` is atomic on POSIX and Windows).
An interrupted or failing writer therefore never leaves a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _mode_for(target: Path) -> int:
    """Keep an existing output's permissions; a new one gets what ``open`` would give it."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: A temporary file untouched this long belongs to a run that was killed (SIGKILL, power
#: loss) and can no longer finish: the next write of the same target removes it.
STALE_SECONDS = 3600


def sweep_stale(target: Path, now: float | None = None) -> list[Path]:
    """Remove leftover ``.<target>.*.part`` files of killed runs; return what was removed."""
    import time

    now = time.time() if now is None else now
    removed = []
    for part in target.parent.glob(f".{glob_escape(target.name)}.*.part"):
        try:
            if now - part.stat().st_mtime > STALE_SECONDS:
                part.unlink()
                removed.append(part)
        except OSError:
            pass  # another run's file, or already gone
    return removed


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The data is flushed to disk before the rename, so that after a crash the target is the
    old file or the new one, never a renamed but empty file.
    """
    target = Path(target)
    sweep_stale(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
