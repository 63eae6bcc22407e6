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
