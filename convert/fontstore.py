"""The glyph store: every face's glyphs converted to TrueType once, so that a new
manuscript's PDF does not wait for fontTools.

Noto CJK and most free Chinese faces have CFF outlines; the PDF writer embeds TrueType
ones. Converting is slow — fontTools interprets every CFF charstring, then cu2qu fits
quadratic curves: seconds for the thousand characters of a speech — and it used to be
cached per exact character set, so every new text paid it again. Now a glyph is
converted at most once per face and kept in the face's *store*: a TrueType font in the
cache folder holding the converted glyphs of every character asked for so far, and the
face's whole coverage (which characters it has at all, in the private ``SPcv`` table).
A PDF's subset is cut out of the store by :mod:`convert.sfnt` in milliseconds, without
importing fontTools.

- ``speechpress fonts --prepare`` fills the stores with the common set
  (:func:`common_codepoints`: GB2312 and the punctuation, symbols and Latin a Chinese
  text uses, ~8 900 characters; about 3 MB and 7 s for a CFF face), so a new manuscript
  converts nothing.
- Without it a store starts with the first text's characters and grows by each later
  text's new ones; only those are converted.
- A character the face has is never left out: whatever the store lacks is converted and
  added. Characters the face lacks are left out, as subsets always were, and the PDF
  writer finds them another face.

Stores live in ``<cache>/stores-v<CACHE_VERSION>/`` (see :func:`convert.cache.cache_dir`),
one file per face, named after the font file and keyed by its path, size and mtime: a
changed font file gets a new store and the stale one is removed. Two processes adding to
the same store take turns (a lock file, where the platform has ``fcntl``); readers never
wait, since a store is replaced atomically.
"""

from __future__ import annotations

import bisect
import contextlib
import glob
import re
import struct
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import sfnt
from .cache import CACHE_VERSION, cache_dir, sha256, write_bytes
from .fonts import PDF_GLYPH_RECIPE, FontError, ResolvedFont, subset_dir

#: The private table holding the face's coverage: (first, last) code point pairs.
COVERAGE_TAG = "SPcv"

#: Besides GB2312 (which has the full-width forms, kana, Greek, Cyrillic, box drawing,
#: pinyin), the blocks a Chinese manuscript draws from: ASCII and Latin-1, general
#: punctuation (— … · •), letterlike symbols and number forms (℃ № Ⅻ), enclosed
#: numbers (① ⑴ ⒈), geometric shapes (■ ● ◆), Kangxi radicals (text copied out of PDFs),
#: CJK symbols and punctuation (〇 〔 〕), enclosed CJK and compatibility (㈠ ㎡), and the
#: half- and full-width forms.
COMMON_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2460, 0x24FF),
    (0x25A0, 0x25FF),
    (0x2F00, 0x2FD5),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xFF00, 0xFFEF),
)
#: Characters converted per fontTools call while preparing: small enough for a lively
#: progress bar and for an interrupted run to keep most of its work.
PREPARE_CHUNK = 1500


def common_codepoints() -> frozenset[int]:
    """GB2312 (all 7 445 characters, 6 763 of them Han) and :data:`COMMON_BLOCKS`."""
    cps = {cp for a, b in COMMON_BLOCKS for cp in range(a, b + 1)}
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return frozenset(cps)


def _drawn(cp: int) -> bool:
    """Not a control, format, surrogate, private-use or unassigned code point (Unicode
    category C): the subsetter leaves those out, so they are never asked for."""
    return not unicodedata.category(chr(cp)).startswith("C")


def wanted(text: str) -> set[int]:
    """The code points of ``text`` a subset is asked for."""
    return {cp for cp in map(ord, set(text)) if _drawn(cp)}


# ---------------------------------------------------------------------------------------
# The store.


class Coverage:
    """The code points a face has, as sorted inclusive ranges (compact for 40 000 of them)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self._starts = [a for a, _ in ranges]

    @classmethod
    def of(cls, cps: Iterable[int]) -> Coverage:
        ranges: list[tuple[int, int]] = []
        for cp in sorted(cps):
            if ranges and cp == ranges[-1][1] + 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
        return cls(ranges)

    @classmethod
    def unpack(cls, raw: bytes) -> Coverage:
        return cls([(a, b) for a, b in struct.iter_unpack(">II", raw)])

    def pack(self) -> bytes:
        return b"".join(struct.pack(">II", a, b) for a, b in self.ranges)

    def __contains__(self, cp: object) -> bool:
        if not isinstance(cp, int):
            return False
        i = bisect.bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self.ranges[i][1]

    def codepoints(self) -> frozenset[int]:
        return frozenset(cp for a, b in self.ranges for cp in range(a, b + 1))


@dataclass(frozen=True)
class Store:
    path: Path
    font: sfnt.Font
    coverage: Coverage  # of the face, not only of the store


def _lacking(store: Store | None, coverage: Coverage, cps: Iterable[int]) -> list[int]:
    """Of ``cps``, those the face has but the store has not converted yet."""
    cps = set(cps)
    have = store.font.lookup(cps) if store is not None else {}
    return sorted(cp for cp in cps if cp not in have and cp in coverage)


def _identity(font: ResolvedFont) -> tuple[str, str]:
    """(hash of the file's path and face index, hash of that, the file's size and mtime
    and the recipe of the converted outlines)."""
    assert font.path is not None
    path = font.path.resolve()
    st = path.stat()
    where = sha256(f"{path}|{font.index}".encode()).hexdigest()[:8]
    key = f"{CACHE_VERSION}|{PDF_GLYPH_RECIPE}|{where}|{st.st_size}|{st.st_mtime_ns}"
    what = sha256(key.encode()).hexdigest()[:12]
    return where, what


def store_dir() -> Path:
    return cache_dir() / f"stores-v{CACHE_VERSION}"


def store_path(font: ResolvedFont) -> Path:
    assert font.path is not None
    where, what = _identity(font)
    return store_dir() / f"{font.path.stem}-{font.index}-{where}-{what}.ttf"


def open_store(font: ResolvedFont) -> Store | None:
    """The face's store as saved, or None when there is none (or it is unreadable)."""
    if font.path is None:
        return None
    try:
        path = store_path(font)
        parsed = sfnt.Font.read(path.read_bytes())
        return Store(path, parsed, Coverage.unpack(parsed.table(COVERAGE_TAG)))
    except (OSError, KeyError, struct.error, sfnt.SfntError):
        return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<store>.lock`` while adding to a store (best effort:
    without ``fcntl`` or a writable folder two runs may convert the same glyphs)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115 -- held across the yield
    except OSError:
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------------------------------
# Conversion: the only place fontTools runs.


def _convert(font: ResolvedFont, cps: list[int]) -> sfnt.Font:
    """A TrueType font of ``cps`` cut from the original face, CFF converted: the recipe
    of :func:`convert.fonts.pdf_subset_recipe`."""
    from .fonts import pdf_subset_recipe

    return sfnt.Font.read(pdf_subset_recipe(font, cps))


def _face_coverage(font: ResolvedFont) -> Coverage:
    from .fonts import _cmap

    assert font.path is not None
    return Coverage.of(_cmap(str(font.path), font.index))


def _merged(store: Store | None, piece: sfnt.Font, new: list[int], coverage: Coverage) -> bytes:
    """A store holding the old store's glyphs and ``piece``'s glyphs for ``new``."""
    template = store.font if store is not None else piece
    builder = sfnt.Builder(template)
    builder.add(template, 0)
    cmap: dict[int, int] = {}
    if store is not None:
        for cp, gid in sorted(store.font.cmap.items()):
            cmap[cp] = builder.add(store.font, gid)
    have = piece.cmap
    for cp in new:
        if cp in have and cp not in cmap:
            cmap[cp] = builder.add(piece, have[cp])
    return builder.build(cmap, {COVERAGE_TAG: coverage.pack()})


def _remove_stale(path: Path) -> None:
    """Stores of the same face made from an older version of its font file."""
    same_face = glob.escape(path.name.rsplit("-", 1)[0])  # a variable font is named like Sans[wght].ttf
    for old in path.parent.glob(f"{same_face}-*.ttf"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
            with contextlib.suppress(OSError):
                old.with_name(old.name + ".lock").unlink()


def _add(font: ResolvedFont, store: Store | None, coverage: Coverage, cps: Iterable[int]) -> Store:
    """Convert what of ``cps`` the face has and the store lacks; save and return the store."""
    missing = _lacking(store, coverage, cps)
    if store is not None and not missing:
        return store
    path = store_path(font)
    if store is None:
        # A store needs glyph 0; with no character the face has, the space will do.
        missing = missing or ([0x20] if 0x20 in coverage else [])
        _remove_stale(path)
    data = _merged(store, _convert(font, missing), missing, coverage)
    write_bytes(path, data)
    return Store(path, sfnt.Font.read(data), coverage)


def ensure(font: ResolvedFont, cps: Iterable[int]) -> Store:
    """The face's store, holding every glyph of ``cps`` the face has: what it lacks is
    converted now, under the store's lock so that parallel runs do not convert it twice."""
    if font.path is None:
        raise FontError(f"{font.family} is a built-in font: nothing to subset")
    cps = set(cps)
    store = open_store(font)
    if store is not None and not _lacking(store, store.coverage, cps):
        return store
    with _locked(store_path(font)):
        store = open_store(font)  # another run may have added them meanwhile
        coverage = store.coverage if store is not None else _face_coverage(font)
        return _add(font, store, coverage, cps)


def prepare(font: ResolvedFont, cps: Iterable[int], progress: Callable[[int], None] | None = None) -> Store:
    """Convert every glyph of ``cps`` the face has into its store, :data:`PREPARE_CHUNK`
    characters at a time; ``progress`` is told how many characters each step settled."""
    if font.path is None:
        raise FontError(f"{font.family} is a built-in font: nothing to prepare")
    cps = {cp for cp in cps if _drawn(cp)}
    with _locked(store_path(font)):
        store = open_store(font)
        coverage = store.coverage if store is not None else _face_coverage(font)
        todo = _lacking(store, coverage, cps)
        if progress is not None:
            progress(len(cps) - len(todo))
        for i in range(0, len(todo), PREPARE_CHUNK):
            chunk = todo[i : i + PREPARE_CHUNK]
            store = _add(font, store, coverage, chunk)
            if progress is not None:
                progress(len(chunk))
        return store if store is not None else _add(font, None, coverage, ())


def subset(font: ResolvedFont, text: str) -> bytes:
    """The TrueType subset of ``font`` for ``text``: ``.notdef`` and every character of
    ``text`` the face has, glyph ids in code point order."""
    cps = wanted(text)
    return sfnt.subset(ensure(font, cps).font, cps)


def coverage(font: ResolvedFont) -> frozenset[int] | None:
    """The face's code points from its store, or None when it has no store yet."""
    store = open_store(font)
    return store.coverage.codepoints() if store is not None else None


# ---------------------------------------------------------------------------------------
# Housekeeping.

#: What version 1 of the cache kept directly in the cache folder: one subset per text.
_V1_NAME = re.compile(r"^.+-\d+-(?:ttf|sfnt|woff2?)-[0-9a-f]{24}\.(?:ttf|bin|sfnt|woff2?)$")


def store_files() -> list[Path]:
    """Every store of this cache version."""
    d = store_dir()
    return sorted(d.glob("*.ttf")) if d.is_dir() else []


def prune_cache() -> int:
    """Remove what older cache versions left behind; returns the number of files removed."""
    root = cache_dir()
    if not root.is_dir():
        return 0
    removed = 0
    current = (store_dir().name, subset_dir().name)
    for entry in root.iterdir():
        if entry.is_dir() and entry.name.startswith(("stores-v", "subsets-v")) and entry.name not in current:
            for f in entry.iterdir():
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed += 1
            with contextlib.suppress(OSError):
                entry.rmdir()
        elif entry.is_file() and _V1_NAME.match(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed
