"""The cache folder: what is slow to find out and rarely changes, kept between runs.

Everything here can be thrown away at any time (it is rebuilt when missing), so a cache
that cannot be read or written only costs speed, never a failed run. Files are written
whole and renamed into place, so a parallel run sees the old file or the new one. Every
file name carries :data:`CACHE_VERSION`.

Kept here: the fonts' glyph stores and EPUB subsets (:mod:`convert.fontstore`,
:mod:`convert.fonts`), what fontconfig reports as installed, the readers and writers
plug-ins register (:mod:`convert.registry`), EPUB covers, the title dictionary's index
and what the command would otherwise compile in every process (:mod:`convert.kept`: regular
expressions, dataclass methods). Each JSON record carries the *key* it was
made for (mtimes of the folders it was read from, …); a record whose key no longer
matches is ignored.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

#: Bump when a cached file's recipe or layout changes: every cache file and folder name
#: carries it, so stale entries are never read (and `fonts --prepare` removes them).
#: 2: glyph stores replace per-text PDF subsets; installed fonts and plug-ins are cached.
CACHE_VERSION = "2"


def _builtin_hash(algorithm: str, modules: tuple[str, ...]) -> Callable[..., Any]:
    """CPython's own implementation of a hash (``_sha256``; ``_sha2`` from 3.12): the
    digest ``hashlib`` gives, without loading OpenSSL's library (2–3 ms of every run that
    hashes anything: the EPUB's identifier and cover, the installed fonts' key).
    ``hashlib``'s on an interpreter built without it."""
    for name in modules:
        try:
            return getattr(import_module(name), algorithm)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return getattr(hashlib, algorithm)


#: ``sha256(data).hexdigest()`` for cache keys, content hashes and subset tags.
sha256 = _builtin_hash("sha256", ("_sha2", "_sha256"))
#: SHA-1, for name-based UUIDs (RFC 4122 version 5).
sha1 = _builtin_hash("sha1", ("_sha1",))


def cache_dir() -> Path:
    """``$SPEECHPRESS_CACHE`` if set, else ``$XDG_CACHE_HOME/speechpress/fonts`` (~/.cache)."""
    env = os.environ.get("SPEECHPRESS_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "speechpress" / "fonts"


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_bytes(path: Path, data: bytes) -> None:
    """Write atomically: a parallel run sees the whole file or none of it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:  # an unwritable cache only costs speed
        pass


def _record_path(name: str) -> Path:
    return cache_dir() / f"{name}-v{CACHE_VERSION}.json"


def load_record(name: str, key: str) -> Any:
    """The value saved under ``name`` for ``key``; None when absent, stale or unreadable."""
    import json  # here, not at the top: the command keeps re's patterns first (convert.regexcache)

    raw = read_bytes(_record_path(name))
    if raw is None:
        return None
    try:
        saved = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    return saved.get("value")


def save_record(name: str, key: str, value: Any) -> None:
    import json

    data = json.dumps({"key": key, "value": value}, ensure_ascii=False).encode("utf-8")
    write_bytes(_record_path(name), data)


def mtimes(dirs: list[str]) -> list[str]:
    """``path:mtime`` of each of ``dirs`` (``path:-`` when missing): a folder's mtime
    changes when an entry is added to it or removed."""
    out = []
    for d in dirs:
        try:
            out.append(f"{d}:{os.stat(d).st_mtime_ns}")
        except OSError:
            out.append(f"{d}:-")
    return out


def distributions(dirs: list[str]) -> list[str]:
    """What changes when a package is installed, upgraded or removed in one of ``dirs``
    (``sys.path``), where ``importlib.metadata`` finds entry points: the mtime of a
    ``site-packages`` folder (pip adds and removes entries there), and elsewhere — the
    current folder, a source tree on PYTHONPATH, where unrelated files come and go — the
    ``*.dist-info`` / ``*.egg-info`` folders with their mtimes."""
    out = []
    for d in dirs:
        if os.path.basename(d.rstrip("/\\")) in ("site-packages", "dist-packages"):
            out.extend(mtimes([d]))
            continue
        try:
            with os.scandir(d) as it:
                for e in it:
                    if e.name.endswith((".dist-info", ".egg-info")):
                        out.append(f"{d}/{e.name}:{e.stat().st_mtime_ns}")
        except NotADirectoryError:  # a zip file on sys.path
            out.extend(mtimes([d]))
        except OSError:
            out.append(f"{d}:-")
    return out


def tree_mtimes(roots: list[Path]) -> list[str]:
    """:func:`mtimes` of every folder under ``roots`` (for font folders, whose files sit
    in sub-folders per family)."""
    out = []
    stack = [str(d) for d in roots]
    while stack:
        d = stack.pop()
        try:
            out.append(f"{d}:{os.stat(d).st_mtime_ns}")
            with os.scandir(d) as it:
                stack.extend(e.path for e in it if e.is_dir(follow_symlinks=False))
        except OSError:
            continue
    return sorted(out)
