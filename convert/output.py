"""Atomic output: a file is either the complete new version or not there at all.

Writers write to a temporary file beside the target; only when they return without an
exception is it renamed over the target (``os.replace`` is atomic on POSIX and Windows).
An interrupted or failing writer therefore never leaves a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _mode_for(target: Path) -> int:
    """Keep an existing output's permissions; a new one gets what ``open`` would give it."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The data is flushed to disk before the rename, so that after a crash the target is the
    old file or the new one, never a renamed but empty file.
    """
    target = Path(target)
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
