"""Compiled regular expressions kept between runs.

The readers compile about 170 patterns when imported, and a class of Han characters
(``[\\u3400-\\u4dbf\\u4e00-\\u9fff…]``) costs ``re`` a millisecond or two each: Python's
pattern compiler walks every code point of a range into a bitmap, in Python. Together
40–45 ms of every run, a quarter of a whole EPUB conversion, for results that are the
same every time.

So the compiled form of each pattern (the code ``re`` hands to its C engine) is kept in
the cache folder, and at start-up put into ``re``'s own cache of compiled patterns: a
module's ``re.compile(…)`` then finds it there and compiles nothing. What is kept is
checked when it is made — the pattern rebuilt from it must equal (``==``, which compares
the engine code) what ``re.compile`` gives — and the file is keyed by the exact Python
build, since that code is private to each interpreter version. Whatever goes wrong (an
unknown Python, a damaged or missing file, a changed ``re``) only means compiling as
usual. Patterns compiled but not kept yet are added when the process ends.

Only the command does this (:mod:`convert.cli` installs it before anything else): a
program that imports ``convert`` as a library keeps its ``re`` cache and its exit as
they are.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from .cache import CACHE_VERSION, cache_dir, read_bytes, write_bytes

#: At most this many patterns are kept (``re`` itself keeps 512); past it the file is
#: rebuilt from what the current process compiled, so patterns no longer used go.
KEEP = 400

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_known: dict[tuple[str | bytes, int], _Entry | None] = {}  # None: compiled as usual (kept as such)
_installed = False


def _path() -> Path:
    """One file per Python build: the engine code is private to each."""
    build = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    return cache_dir() / f"regex-v{CACHE_VERSION}-{zlib.crc32(build.encode()):08x}.marshal"


def _entry(pattern: str | bytes, flags: int) -> _Entry | None:
    """What ``re._compiler.compile`` passes to the engine for ``pattern`` (the same steps),
    or None when this Python's ``re`` is not what we know or the result differs."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[Any] = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry: _Entry = (
            int(flags | p.state.flags),
            [int(c) for c in code],  # some are re's named constants, which marshal does not take
            int(p.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()},
            tuple(indexgroup),
        )
        rebuilt, own = _sre.compile(pattern, *entry), re.compile(pattern, flags)
        if rebuilt != own or rebuilt.groupindex != own.groupindex:
            return None
        return entry
    except Exception:  # noqa: BLE001 - a changed `re`: compile as usual
        return None


def install() -> None:
    """Put the kept patterns into ``re``'s cache and record new ones at exit. Once a process."""
    global _installed
    if _installed or not isinstance(getattr(re, "_cache", None), dict):
        return
    _installed = True
    raw = read_bytes(_path())
    loaded: dict[tuple[str | bytes, int], _Entry | None] = {}
    if raw is not None:
        try:
            loaded = marshal.loads(raw)
            for (pattern, flags), entry in loaded.items():
                if entry is None:
                    continue  # a pattern this Python's engine code cannot be kept for
                re._cache[type(pattern), pattern, flags] = _sre.compile(pattern, *entry)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - damaged or foreign: start afresh
            loaded = {}
    _known.update(loaded)
    atexit.register(_record)


def _record() -> None:
    """Keep what this process compiled that is not kept yet (on a miss only)."""
    cached = getattr(re, "_cache", None)
    if not isinstance(cached, dict):
        return
    seen = [(key[1], key[2]) for key in list(cached) if len(key) == 3 and key[0] in (str, bytes)]
    new = [k for k in seen if k not in _known]
    if not new:
        return
    keep = dict(_known)
    if len(keep) + len(new) > KEEP:
        keep = {k: keep[k] for k in seen if k in keep}
    for pattern, flags in new[: max(0, KEEP - len(keep))]:
        keep[pattern, flags] = _entry(pattern, flags)  # None too: not tried again at the next exit
    if keep == _known:
        return  # nothing new could be kept (past the cap): the file stays as it is
    with contextlib.suppress(ValueError):  # an unmarshallable value: keep nothing, never fail at exit
        write_bytes(_path(), marshal.dumps(keep))
