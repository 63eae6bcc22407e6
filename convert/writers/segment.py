"""Word boundaries in a Chinese title, so that a title set on two lines breaks between
words (``…二十届二中全会`` / ``精神…``), never inside one (``…二中全`` / ``会精神…``).

Chinese has no spaces, so a boundary needs a segmenter. jieba is used: a well-kept,
pure-Python package whose dictionary of 350,000 words already holds the terms speeches
are titled with (二中全会, 主题教育, 高质量发展), where a hand-kept list of manuscript
terms would miss the next office's wording. It is loaded only when a title needs more than
one line (about 0.7 s, once per process), in its precise mode without the HMM guesser
(new-word guessing could glue a name to the next word). Without jieba every character
boundary counts, as before.
"""

from __future__ import annotations

import contextlib
import logging
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency; degrade, never fail
        return None
    from ..fonts import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with contextlib.suppress(OSError):  # an unwritable cache: jieba uses its own temp dir
        tokenizer.tmp_dir = str(cache_dir())
    return tokenizer


@lru_cache(maxsize=256)
def word_boundaries(text: str) -> frozenset[int]:
    """Indices ``i`` of ``text`` where a line may break between words (0 < i < len)."""
    tok = _tokenizer()
    if tok is None:
        return frozenset(range(1, len(text)))
    out: set[int] = set()
    pos = 0
    for word in tok.cut(text, HMM=False):
        pos += len(word)
        out.add(pos)
    out.discard(len(text))
    return frozenset(out)
