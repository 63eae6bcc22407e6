"""jieba's dictionary as an indexed file in the cache, looked up word by word.

jieba keeps its 350,000-word dictionary as one Python dict that it unpickles in every
process (0.45 s, plus 50 ms importing ``pkg_resources``), while a title needs a few
dozen lookups. Here the dictionary is written once into an SQLite table in the cache
folder (about a second, the first time a title needs two lines; rebuilt when jieba's
dictionary file changes) and jieba's own tokenizer is handed a mapping that answers its
lookups from that table: the same words, the same frequencies, the same segmentation,
in about a millisecond a title.

Everything degrades: without a writable cache the tokenizer loads its dictionary as
jieba always did; without jieba :func:`tokenizer` returns None.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import CACHE_VERSION, cache_dir

if TYPE_CHECKING:
    import sqlite3

#: Bump when the table's layout or how it is filled changes.
LEXICON_VERSION = "1"


def segmenter_key() -> str | None:
    """What a segmentation depends on: our table's recipe, jieba's dictionary and jieba's
    code (its files' sizes and times, found without importing it); None without jieba."""
    spec = importlib.util.find_spec("jieba")
    source = dictionary_file()
    if spec is None or spec.origin is None or source is None:
        return None
    try:
        parts = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in (Path(spec.origin), source)]
    except OSError:
        return None
    return "|".join([LEXICON_VERSION, *parts])


def dictionary_file() -> Path | None:
    """jieba's own dictionary, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def read_dictionary(path: Path) -> tuple[dict[str, int], int]:
    """Words and frequencies, and the frequencies' total, as jieba reads them
    (``Tokenizer.gen_pfdict``: a repeated word keeps its last frequency, the total counts
    every line)."""
    words: dict[str, int] = {}
    total = 0
    with path.open("rb") as fh:
        for line in fh:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) < 2:
                raise ValueError(f"invalid dictionary line in {path}: {line[:80]!r}")
            freq = int(parts[1])
            words[parts[0]] = freq
            total += freq
    return words, total


def _index_path(source: Path) -> Path:
    st = source.stat()
    return cache_dir() / f"lexicon-v{CACHE_VERSION}.{LEXICON_VERSION}-{st.st_size}-{st.st_mtime_ns}.sqlite"


def build_index(source: Path, target: Path) -> None:
    """Write the dictionary's table to ``target``, whole or not at all (a temporary file
    renamed into place: a parallel run sees the old state or the finished table). The
    9 MB pickle jieba itself kept in the same folder (before this index) goes."""
    import sqlite3

    words, total = read_dictionary(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-lexicon-", dir=target.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
            db.executemany("INSERT INTO words VALUES (?, ?)", sorted(words.items()))
            db.execute("INSERT INTO meta VALUES (?)", (total,))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        (target.parent / "jieba.cache").unlink(missing_ok=True)


class IndexedFrequencies:
    """What jieba's tokenizer asks of its ``FREQ`` dict, answered from the table.

    jieba's dict holds every word with its frequency and every prefix of a word with 0;
    here a fragment is a prefix when the first word at or after it (in code-point order,
    which is SQLite's ``BINARY`` order of UTF-8) starts with it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._seen: dict[str, int | None] = {}

    def _lookup(self, frag: str) -> int | None:
        """The fragment's frequency, 0 for a prefix of a word, None for neither."""
        if frag in self._seen:
            return self._seen[frag]
        row = self._db.execute("SELECT word, freq FROM words WHERE word >= ? ORDER BY word LIMIT 1", (frag,)).fetchone()
        value = None if row is None or not row[0].startswith(frag) else row[1] if row[0] == frag else 0
        self._seen[frag] = value
        return value

    def __contains__(self, frag: object) -> bool:
        return isinstance(frag, str) and self._lookup(frag) is not None

    def __getitem__(self, frag: str) -> int:
        value = self._lookup(frag)
        if value is None:
            raise KeyError(frag)
        return value

    def get(self, frag: str, default: int | None = None) -> int | None:
        value = self._lookup(frag)
        return default if value is None else value


@contextlib.contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """jieba imports ``pkg_resources`` (50 ms) only to open its data files, and opens them
    directly when the import fails; let it fail while jieba is imported."""
    if "pkg_resources" in sys.modules:
        yield
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        db.execute("SELECT total FROM meta").fetchone()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _open_index(source: Path) -> sqlite3.Connection | None:
    """The table for ``source``, built when missing or unreadable (a damaged file is
    replaced); None when the cache cannot hold it."""
    import sqlite3

    path = _index_path(source)
    try:
        if path.is_file():
            try:
                return _connect(path)
            except sqlite3.Error:
                pass
        build_index(source, path)
        return _connect(path)
    except (OSError, sqlite3.Error):
        return None


def prepare_index() -> Path | None:
    """Build the table now if it is missing (``speechpress fonts --prepare``), so that the
    first title a new cache meets does not wait a second for it; its path, or None
    without jieba or a writable cache."""
    source = dictionary_file()
    db = _open_index(source) if source is not None else None
    if db is None or source is None:
        return None
    db.close()
    return _index_path(source)


def tokenizer() -> Any:
    """A jieba tokenizer whose dictionary lookups go to the indexed table (or, when the
    cache cannot hold it, jieba's own dictionary, loaded as jieba does); None without jieba."""
    source = dictionary_file()
    try:
        with _without_pkg_resources():
            import jieba
    except ImportError:
        return None
    import logging

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    db = _open_index(source) if source is not None else None
    if db is not None:
        tok.FREQ = IndexedFrequencies(db)
        tok.total = db.execute("SELECT total FROM meta").fetchone()[0]
        tok.initialized = True  # never loads the dictionary itself
        return tok
    with contextlib.suppress(OSError):  # jieba's own cache beside ours, else in its temp dir
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)  # else jieba prints a traceback on a first run
        tok.tmp_dir = str(folder)
    return tok
