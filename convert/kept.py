"""A table of compiled things kept between runs of the command: what Python would otherwise
build afresh in every process, from text that is the same every time (regular
expressions, :mod:`convert.regexcache`; the methods ``@dataclass`` writes,
:mod:`convert.classcache`).

One file per table and Python build in the cache folder (what is kept is private to an
interpreter version), a ``marshal``-ed dict from key to the marshalled thing, read once
at start-up; an entry is unmarshalled only when the process asks for it. New entries are
added when the process ends, ahead of those it used and then the rest in the file's
order, up to a limit: what no recent run needed is what goes, and a full file still
learns a new command's entries. A damaged, foreign or missing file only means building
as usual.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
import zlib
from collections.abc import Hashable, Iterable
from itertools import islice
from pathlib import Path

from .cache import CACHE_VERSION, cache_dir, read_bytes, write_bytes


class Table:
    """The kept entries of one kind: ``key -> marshalled value``, or None for a key that
    cannot be kept (built as usual, and not tried again)."""

    def __init__(self, name: str, build: str, keep: int) -> None:
        self.name = name
        self.build = build  # what else the entries depend on, besides the Python build
        self.keep = keep
        self.stored: dict[Hashable, bytes | None] = {}
        self.used: dict[Hashable, None] = {}  # the kept keys this process asked for, in order

    def path(self) -> Path:
        build = f"{sys.version}|{sys.implementation.cache_tag}|{self.build}"
        return cache_dir() / f"{self.name}-v{CACHE_VERSION}-{zlib.crc32(build.encode()):08x}.marshal"

    def load(self, valid_key: type | tuple[type, ...]) -> None:
        """Read the file; entries whose key is not a ``valid_key`` or whose value is not
        bytes (another layout) are left out, so the file is rewritten at the next miss."""
        raw = read_bytes(self.path())
        if raw is None:
            return
        with contextlib.suppress(Exception):  # damaged or foreign: start afresh
            loaded = marshal.loads(raw)
            self.stored.update(
                (k, v) for k, v in loaded.items() if isinstance(k, valid_key) and (v is None or isinstance(v, bytes))
            )

    def get(self, key: Hashable) -> bytes | None:
        """The kept value of ``key`` (recorded as used), or None."""
        blob = self.stored.get(key)
        if blob is not None:
            self.used[key] = None
        return blob

    def forget(self, key: Hashable) -> None:
        """A kept value that could not be used (damaged): made again and kept anew at exit."""
        self.stored.pop(key, None)
        self.used.pop(key, None)

    def save(self, new: Iterable[tuple[Hashable, bytes | None]]) -> None:
        """Add ``new`` entries (keys not kept yet) first, then those this process used, then
        the rest, up to ``keep``; the file is left alone when there is nothing new."""
        entries = dict(new)
        if not entries:
            return
        for key in (*self.used, *self.stored):
            entries.setdefault(key, self.stored[key])
        with contextlib.suppress(ValueError):  # an unmarshallable value: keep nothing, never fail at exit
            write_bytes(self.path(), marshal.dumps(dict(islice(entries.items(), self.keep))))
