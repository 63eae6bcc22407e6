"""The methods ``@dataclass`` writes, compiled once and kept between runs.

Python 3.11's ``dataclasses`` makes each class's ``__init__``, ``__repr__``, ``__eq__``
(and ``__hash__``, ``__setattr__``, ``__delattr__`` of a frozen class) by writing their
source and compiling it with ``exec``: about half a millisecond a class, and a conversion
defines some forty (the model, the style, the readers' and writers' records), 20–30 ms
of every run — more than the EPUB writer's own work — for code that is the same every
time.

So the command gives the ``dataclasses`` module an ``exec`` of its own (a module global
shadows the builtin for that module alone) that looks the source up among the code
objects kept in the cache folder (:mod:`convert.kept`; marshalled, as a ``.pyc`` keeps a
module's code) and runs that; a source not seen before is compiled as ``exec`` compiles
it — file name ``<string>``, no ``__future__`` flags of ours — and kept when the process
ends. Same source, same compilation: the classes are the ones ``dataclasses`` would
have made. The file is keyed by the exact Python build and its optimisation level;
whatever goes wrong (another Python, a damaged file) only means compiling as usual. Code
is run from it as from a ``.pyc``: the cache folder is the user's own, trusted as their
``__pycache__`` folders are.

Only the command does this (:mod:`convert.cli` installs it before any class of ours is
made): a program that imports ``convert`` as a library keeps its ``dataclasses`` as it is.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from types import CodeType
from typing import Any

from .kept import Table

#: At most this many sources are kept (a class makes three to six; every command
#: together makes about 500).
KEEP = 2000

_table = Table("classcode", f"optimize={sys.flags.optimize}", KEEP)
_compiled: dict[str, CodeType] = {}  # sources compiled by this process, kept at exit
_installed = False


def _compile(source: str) -> CodeType:
    """``source`` compiled as ``exec(source, …)`` in ``dataclasses`` compiles it."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def _code(source: str) -> CodeType:
    blob = _table.get(source)
    if blob is not None:
        try:
            code = marshal.loads(blob)
            if isinstance(code, CodeType):
                return code
        except Exception:  # noqa: BLE001 - a damaged entry: compiled as usual, kept anew at exit
            pass
        _table.forget(source)
    code = _compile(source)
    _compiled[source] = code
    return code


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /) -> None:
    """``exec`` for ``dataclasses``: a source string runs as its kept code."""
    if globals is None:  # what exec itself would use: the caller's namespaces
        frame = sys._getframe(1)
        globals = frame.f_globals
        locals = frame.f_locals if locals is None else locals
    builtins.exec(_code(source) if type(source) is str else source, globals, locals)


def install() -> None:
    """Make ``dataclasses`` run kept code, and keep new code at exit. Once a process."""
    global _installed
    if _installed or "exec" in vars(dataclasses):
        return
    _installed = True
    _table.keep = KEEP
    _table.load(str)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(_record)


def _entry(code: CodeType) -> bytes | None:
    """The code marshalled, if it comes back the same (always, for code ``compile`` made)."""
    try:
        blob = marshal.dumps(code)
        return blob if marshal.loads(blob) == code else None
    except (ValueError, TypeError):
        return None


def _record() -> None:
    """Keep what this process compiled (on a miss only)."""
    _table.save((source, _entry(code)) for source, code in _compiled.items() if source not in _table.stored)
