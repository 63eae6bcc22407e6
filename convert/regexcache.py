"""Compiled regular expressions kept between runs.

The readers compile about 170 patterns when imported, and a class of Han characters
(``[\\u3400-\\u4dbf\\u4e00-\\u9fff…]``) costs ``re`` a millisecond or two each: Python's
pattern compiler walks every code point of a range into a bitmap, in Python. Together
40–45 ms of every run, a quarter of a whole EPUB conversion, for results that are the
same every time.

So the compiled form of each pattern (the code ``re`` hands to its C engine) is kept in
the cache folder (:mod:`convert.kept`), and ``re``'s own cache of compiled patterns is
given a fallback: a module's ``re.compile(…)`` that misses it finds the kept pattern
there and compiles nothing. A kept pattern is rebuilt only when something asks for it:
the file holds the patterns of every command run lately (all readers and writers, the
standard library's and other libraries' too), a run uses a couple of hundred. What is
kept is checked when it is made — the pattern rebuilt from it must equal (``==``, which
compares the engine code) what ``re.compile`` gives — and the file is keyed by the exact
Python build, since that code is private to each interpreter version. Whatever goes
wrong (an unknown Python, a damaged or missing file, a changed ``re``) only means
compiling as usual. Patterns compiled but not kept yet are added when the process ends.

Only the command does this (:mod:`convert.cli` installs it before anything else): a
program that imports ``convert`` as a library keeps its ``re`` cache and its exit as
they are.
"""

from __future__ import annotations

import _sre
import atexit
import marshal
import re
from typing import Any

from .kept import Table

#: At most this many patterns are kept; the three formats of a manuscript use about 220,
#: every reader and writer together about 300 (and file names make a few each: globs).
KEEP = 1000

#: (pattern, flags) -> the marshalled arguments of ``_sre.compile`` after the pattern.
_table = Table("regex", f"{_sre.MAGIC}|{_sre.CODESIZE}", KEEP)
_installed = False


class _Patterns(dict[Any, Any]):
    """``re``'s cache of compiled patterns (keyed by type, pattern and flags) that builds a
    kept pattern the first time it is missed."""

    def __missing__(self, key: Any) -> Any:
        blob = _table.get(key[1:]) if isinstance(key, tuple) and len(key) == 3 else None
        if blob is None:
            raise KeyError(key)
        try:
            compiled = _sre.compile(key[1], *marshal.loads(blob))
        except Exception:  # noqa: BLE001 - a damaged entry: compiled as usual, kept anew at exit
            _table.forget(key[1:])
            raise KeyError(key) from None
        self[key] = compiled
        return compiled


def _entry(pattern: str | bytes, flags: int) -> bytes | None:
    """What ``re._compiler.compile`` passes to the engine for ``pattern`` (the same steps),
    marshalled; None when this Python's ``re`` is not what we know or the result differs."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[Any] = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (
            int(flags | p.state.flags),
            [int(c) for c in code],  # some are re's named constants, which marshal does not take
            int(p.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()},
            tuple(indexgroup),
        )
        rebuilt, own = _sre.compile(pattern, *entry), re.compile(pattern, flags)
        if rebuilt != own or rebuilt.groupindex != own.groupindex:
            return None
        return marshal.dumps(entry)
    except Exception:  # noqa: BLE001 - a changed `re`: compile as usual
        return None


def install() -> None:
    """Give ``re``'s cache the kept patterns to fall back on, and record new ones at exit.
    Once a process."""
    global _installed
    if _installed or type(getattr(re, "_cache", None)) is not dict:
        return
    _installed = True
    _table.keep = KEEP
    _table.load(tuple)
    re._cache = _Patterns(re._cache)  # type: ignore[attr-defined]
    atexit.register(_record)


def _record() -> None:
    """Keep what this process compiled that is not kept yet (on a miss only)."""
    cached = getattr(re, "_cache", None)
    if not isinstance(cached, dict):
        return
    seen = [(key[1], key[2]) for key in list(cached) if len(key) == 3 and key[0] in (str, bytes)]
    _table.save((k, _entry(*k)) for k in seen if k not in _table.stored)  # None too: not tried again
