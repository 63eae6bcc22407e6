"""The indexed jieba dictionary segments exactly as jieba does with its own dictionary,
and degrades to jieba's own loading when the cache cannot hold the index."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

jieba = pytest.importorskip("jieba")

from convert.writers import lexicon  # noqa: E402


@pytest.fixture(scope="module")
def reference() -> object:
    """jieba as it comes: its whole dictionary loaded in memory."""
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> object:
    cache = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("SPEECHPRESS_CACHE", str(cache))
    try:
        tok = lexicon.tokenizer()
    finally:
        mp.undo()
    assert isinstance(tok.FREQ, lexicon.IndexedFrequencies)
    assert list(cache.glob("lexicon-*.sqlite")), "the index was written to the cache folder"
    return tok


def _texts(n: int, seed: int) -> list[str]:
    """Texts made of dictionary words (whole, cut short, glued), Latin, digits, spaces and
    punctuation: where a lookup of a word, a prefix or neither decides the segmentation."""
    source = lexicon.dictionary_file()
    assert source is not None
    words = list(lexicon.read_dictionary(source)[0])
    rng = random.Random(seed)
    extra = ["，", "。", "、", "“", "”", "（", "）", " ", "2024", "年", "GDP", "5.2%", "A", "x", "——", "\t"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(words)
            r = rng.random()
            parts.append(w[: rng.randint(1, len(w))] if r < 0.2 else rng.choice(extra) if r < 0.35 else w)
        out.append("".join(parts))
    return out


def test_segmentation_matches_jieba(reference: object, indexed: object) -> None:
    for text in _texts(400, 16):
        assert list(indexed.cut(text, HMM=False)) == list(reference.cut(text, HMM=False)), text


def test_titles_keep_their_terms(indexed: object) -> None:
    words = list(indexed.cut("理论中心组学习贯彻党的二十届二中全会精神集中研讨发言提纲", HMM=False))
    assert "二中全会" in words and "研讨" in words


def test_frequencies_are_jieba_s(reference: object, indexed: object) -> None:
    freq = indexed.FREQ
    for frag in ("二中全会", "二中全", "中国", "中国特色社会主义", "中国特", "䶿䶿", "ABC"):
        assert (frag in freq) == (frag in reference.FREQ), frag
        assert freq.get(frag) == reference.FREQ.get(frag), frag
    assert indexed.total == reference.total


def test_unwritable_cache_falls_back_to_jieba(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: object
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(blocker / "cache"))
    tok = lexicon.tokenizer()
    assert not isinstance(tok.FREQ, lexicon.IndexedFrequencies)
    text = "学习贯彻党的二十届二中全会精神"
    assert list(tok.cut(text, HMM=False)) == list(reference.cut(text, HMM=False))


def test_a_damaged_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: object) -> None:
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(tmp_path))
    source = lexicon.dictionary_file()
    assert source is not None
    index = lexicon._index_path(source)
    index.write_bytes(b"not a database")
    tok = lexicon.tokenizer()
    assert isinstance(tok.FREQ, lexicon.IndexedFrequencies)
    with sqlite3.connect(index) as db:
        assert db.execute("SELECT total FROM meta").fetchone()[0] == reference.total
    text = "学习贯彻党的二十届二中全会精神"
    assert list(tok.cut(text, HMM=False)) == list(reference.cut(text, HMM=False))


def test_title_boundaries_kept_between_runs(tmp_path: Path) -> None:
    """A fresh process (as the CLI runs) segments a title with jieba and keeps the result;
    the next one gives the same boundaries without importing jieba; a damaged record is
    segmented anew."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    script = (
        "import json, sys\n"
        "from convert.writers.segment import word_boundaries\n"
        "got = [sorted(word_boundaries(t)) for t in sys.argv[1:]]\n"
        "print(json.dumps({'cuts': got, 'jieba': 'jieba' in sys.modules}))\n"
    )
    titles = ["关于深入学习贯彻全面从严治党要求的几点体会", "在全市高质量发展推进会议上的讲话"]
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(root)}

    def run() -> dict:
        done = subprocess.run(
            [sys.executable, "-c", script, *titles], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    tok = jieba.Tokenizer()
    expected = []
    for t in titles:
        ends, pos = [], 0
        for w in tok.cut(t, HMM=False):
            pos += len(w)
            ends.append(pos)
        expected.append(ends[:-1])
    first = run()
    assert first == {"cuts": expected, "jieba": True}
    assert run() == {"cuts": expected, "jieba": False}
    (record,) = (tmp_path / "cache").glob("title-words-*.json")
    saved = json.loads(record.read_text(encoding="utf-8"))
    saved["value"][titles[0]] = [0, 999]  # not boundaries of that title
    record.write_text(json.dumps(saved), encoding="utf-8")
    assert run() == {"cuts": expected, "jieba": True}


def test_a_run_of_more_new_titles_than_kept_saves_the_record_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collection of 26,000 pieces saved the record once a title (2 ms each, most of its
    EPUB's time); a run saves it for its first KEEP_TITLES new titles only, and every title
    still gets its boundaries."""
    import json

    from convert.writers import segment

    monkeypatch.setenv("SPEECHPRESS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(segment, "KEEP_TITLES", 3)
    monkeypatch.setattr(segment, "_saved", 0)
    saves: list[int] = []
    real = segment.save_record
    monkeypatch.setattr(segment, "save_record", lambda *a: (saves.append(1), real(*a)))
    segment._kept.cache_clear()
    segment.word_boundaries.cache_clear()
    try:
        titles = [f"在第{k}次全体会议上的讲话" for k in range(10)]
        got = [segment.word_boundaries(t) for t in titles]
        assert got == [segment._segmented(t) for t in titles] and all(got)
        assert len(saves) == 3
        (record,) = (tmp_path / "cache").glob("title-words-*.json")
        assert list(json.loads(record.read_text(encoding="utf-8"))["value"]) == titles[:3]
    finally:
        segment._kept.cache_clear()
        segment.word_boundaries.cache_clear()


#: Caches kept between runs, tried in fresh processes and fresh cache folders (seconds in
#: all): the full suite runs them, the fast tier leaves them out to stay under a minute.
pytestmark = pytest.mark.slow
