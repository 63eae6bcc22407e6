"""Atomic output: a file is either the complete new version or not there at all, and
writing an output never destroys anything that is not an older output.

Writers write to a temporary file beside the target; only when they return without an
exception is it renamed over the target (``os.replace`` is atomic on POSIX and Windows).
An interrupted or failing writer therefore never leaves a truncated file behind.

What the target already is decides how it is written (:func:`atomic_path`):

* nothing, or a regular file (also through a symbolic link, which is replaced): the
  rename. An existing file keeps its permission bits, never set-user-ID, set-group-ID or
  sticky bits (a link to a setuid program must not make the output one). A read-only
  file is refused unless the caller forces it, as ``cp`` without ``-f`` refuses it.
* a character device or a FIFO (``/dev/null``, a named pipe), or this process's own
  stdout or stderr whatever it is (``-o /dev/stdout`` redirected to a file): the finished
  file is copied into it; renaming would replace the device node, or the ``/dev/stdout``
  link, with a file.
* anything else (a folder, a block device, a socket): refused with a clear reason.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .names import quoted

#: A temporary file untouched this long belongs to a run that was killed (SIGKILL, power
#: loss) and can no longer finish: the next write of the same target removes it.
STALE_SECONDS = 3600

#: Permission bits an output may carry: never set-user-ID, set-group-ID or sticky.
PERMISSION_BITS = 0o777


class OutputError(OSError):
    """An output that cannot or must not be written; the message says why, in words."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stat(target: Path) -> os.stat_result | None:
    """The target as writing it would find it (links followed); None if there is nothing."""
    try:
        return target.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None  # a link loop is replaced like a dangling link
        raise


def _read_only(st: os.stat_result, target: Path) -> bool:
    """No write bit at all, or not writable by us: what ``cp`` without ``-f`` refuses.
    The bits are asked too because root may write anything."""
    return not st.st_mode & 0o222 or not os.access(target, os.W_OK)


#: The standard streams an output may be (``-o /dev/stdout``); written into, never replaced.
_STD_STREAMS = (1, 2)


def _own_stream(target: Path) -> int | None:
    """The standard stream (1 or 2) that ``target`` is, if it is one of them."""
    return next((fd for fd in _STD_STREAMS if same_file(fd, target, regular=False)), None)


def _is_stream(target: Path, st: os.stat_result | None) -> bool:
    """Written into rather than replaced: a device, a FIFO or our own stdout/stderr."""
    if st is None:
        return False
    return not stat.S_ISREG(st.st_mode) or _own_stream(target) is not None


def check_target(target: Path, force: bool = False) -> os.stat_result | None:
    """Why ``target`` must not be written (an :class:`OutputError`), else what it is."""
    st = _stat(target)
    if st is None or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or _own_stream(target) is not None:
        return st
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{quoted(target)}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{quoted(target)}: is a block device or socket, not a file; refusing to write over it")
    if _read_only(st, target) and not force:
        raise OutputError(f"{quoted(target)}: the existing output is read-only; use --force to replace it")
    return st


def same_file(fd: int, target: Path, regular: bool = True) -> bool:
    """Whether the open file ``fd`` is the file at ``target`` (same device and inode: a
    link, a symbolic link or the path itself); with ``regular=False`` also the same pipe
    or terminal (``-o /dev/stdout``)."""
    try:
        a, b = os.fstat(fd), target.stat()
    except (OSError, ValueError):
        return False
    return (not regular or stat.S_ISREG(a.st_mode)) and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (they are delivered on leaving) around a step that must not
    be cut in two: creating a temporary file and taking charge of removing it, or removing
    it. A signal between ``mkstemp`` and the ``try`` would leave the file behind."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def part_prefix(target: Path, pid: int | None = None) -> str:
    """Temporary files are ``.<name>.<pid>-<random>.part``: hidden, beside the target, and
    owned by a process a parent can name (see :func:`sweep_orphans`)."""
    return f".{target.name}.{os.getpid() if pid is None else pid}-"


def sweep_stale(target: Path, now: float | None = None) -> list[Path]:
    """Remove leftover ``.<target>.*.part`` files of killed runs; return what was removed."""
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


def sweep_orphans(targets: Iterable[Path], pids: Iterable[int]) -> list[Path]:
    """Remove the temporary files that the (dead) processes ``pids`` left for ``targets``:
    a worker killed outright (SIGKILL, out of memory) cannot clean up after itself. Each
    folder is listed once, however many targets it holds."""
    owners = {str(pid) for pid in pids}
    names: dict[Path, set[str]] = {}
    for t in targets:
        names.setdefault(Path(t).parent, set()).add(Path(t).name)
    removed = []
    for folder, wanted in names.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            head, dash, _ = entry.name.removesuffix(".part").rpartition("-")
            name, dot, pid = head.rpartition(".")
            if entry.name.endswith(".part") and dash and dot and pid in owners and name[1:] in wanted:
                try:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    pass
    return removed


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _make_temp(target: Path, stream: bool) -> Path:
    folder = Path(tempfile.gettempdir()) if stream else target.parent
    try:
        fd, name = tempfile.mkstemp(prefix=part_prefix(target), suffix=".part", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write in the folder {quoted(folder)}: {e.strerror or e}") from None
    os.close(fd)
    return Path(name)


def _copy_into(tmp: Path, target: Path, st: os.stat_result) -> None:
    """The finished file into a device, a FIFO or our own stdout/stderr (through our own
    descriptor: it may be a file opened for appending). A FIFO is opened without waiting:
    with no program reading it, opening would block forever."""
    own = _own_stream(target)
    if own is not None:
        with os.fdopen(os.dup(own), "wb") as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out)
        return
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(st.st_mode) else 0)
    try:
        fd = os.open(target, flags)
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OutputError(f"{quoted(target)}: a named pipe that no program reads from") from None
        raise
    if flags & os.O_NONBLOCK:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
        shutil.copyfileobj(src, out)


@contextmanager
def atomic_path(target: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path; when the block finishes, put the file at ``target``.

    A regular (or absent) target gets the file by rename, flushed to disk first so that
    after a crash the target is the old file or the new one, never a renamed but empty
    file. A device or FIFO gets the bytes written into it. ``force`` replaces a read-only
    output. Raises :class:`OutputError` for a target that must not be written.
    """
    target = Path(target)
    st = check_target(target, force)
    stream = _is_stream(target, st)
    if not stream:
        sweep_stale(target)
    tmp: Path | None = None
    try:
        with signals_held():
            tmp = _make_temp(target, stream)
        yield tmp
        now = check_target(target, force)  # what it is now: it may have changed meanwhile
        if stream != _is_stream(target, now):
            raise OutputError(f"{quoted(target)}: changed from or to a device or pipe while it was written")
        st = now
        if stream:
            assert st is not None
            _copy_into(tmp, target, st)
            with signals_held():
                tmp.unlink(missing_ok=True)
            return
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, st.st_mode & PERMISSION_BITS if st is not None else _default_mode())
        os.replace(tmp, target)
    except BaseException:
        with signals_held():
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: Path, data: bytes, force: bool = False) -> None:
    with atomic_path(target, force) as tmp:
        tmp.write_bytes(data)
