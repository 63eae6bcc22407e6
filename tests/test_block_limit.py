"""``max_blocks`` (convert/limits.py) through the real command, for every reader.

A file of very many tiny blocks is the cheapest way to ask a converter for work (each
block costs every reader and writer a fixed overhead): 10 MB of one-character lines was
2.1 GB in the text reader, 1.7 million one-line list items 3.3 GB in the Markdown reader.
Each reader counts its blocks as it makes them and stops at one too many. Here the limit
is lowered through the environment (``SPEECHPRESS_LIMIT_MAX_BLOCKS``) so that the inputs
stay small: one block over it fails, exit 1, one line naming the setting, nothing
written; exactly at it, the document converts to all three formats with nothing lost.
The shapes at 10 MB, and the default's measurement, are bench/bench_bounds.py's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from extract import EXTRACT, lost
from hostile.make_docx_corpus import docx, p
from hypothesis import HealthCheck, given, settings
from test_markdown_properties import document

from convert.model import content_chars

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 50


def _docx(n: int) -> bytes:
    return docx("".join(p(f"第{k}段。") for k in range(1, n + 1)))


def _docx_lines(n: int) -> bytes:
    """Two paragraphs, the second holding its lines as paragraphs typed with Shift+Enter."""
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">第{k}段。</w:t>' for k in range(2, n + 1))
    return docx(p("第1段。") + f"<w:p><w:r>{lines}</w:r></w:p>")


#: name -> (suffix, a document of exactly ``n`` blocks). The Markdown shapes reach the
#: limit three ways: paragraphs and list items are counted in the source before the
#: parser runs; short lines in one paragraph (Chinese typed a line per paragraph) only
#: as the reader splits them — and so the lines of one Word paragraph.
SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "txt_paragraphs": (".txt", lambda n: ("讲话稿\n\n" + "".join(f"第{k}段。\n\n" for k in range(1, n))).encode()),
    "txt_lines": (".txt", lambda n: ("讲话稿\n" + "".join(f"第{k}行\n" for k in range(1, n))).encode()),
    "md_paragraphs": (".md", lambda n: ("# 讲话稿\n\n" + "".join(f"第{k}段。\n\n" for k in range(1, n))).encode()),
    "md_items": (".md", lambda n: ("# 讲话稿\n\n" + "".join(f"- 第{k}项\n" for k in range(1, n))).encode()),
    "md_lines": (".md", lambda n: ("# 讲话稿\n\n" + "".join(f"第{k}行\n" for k in range(1, n))).encode()),
    "docx_paragraphs": (".docx", _docx),
    "docx_lines": (".docx", _docx_lines),
}


def convert(src: Path, out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SPEECHPRESS_LIMIT_MAX_BLOCKS=str(limit))
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(ROOT), env.get("PYTHONPATH", "")) if x)
    cmd = [sys.executable, "-m", "convert", "convert", str(src), "-t", "docx,pdf,epub", "-o", str(out), "-q"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def write(tmp_path: Path, shape: str, n: int) -> Path:
    suffix, make = SHAPES[shape]
    src = tmp_path / f"talk{suffix}"
    src.write_bytes(make(n))
    return src


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_block_over_the_limit_fails_cleanly(shape: str, tmp_path: Path) -> None:
    src = write(tmp_path, shape, LIMIT + 1)
    out = tmp_path / "out"
    proc = convert(src, out, LIMIT)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    for part in ("talk", f"more than {LIMIT} blocks", "max_blocks", "SPEECHPRESS_LIMIT_MAX_BLOCKS"):
        assert part in lines[0], lines[0]
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())


@pytest.mark.parametrize("shape", list(SHAPES))
def test_exactly_the_limit_converts_with_nothing_lost(shape: str, tmp_path: Path) -> None:
    src = write(tmp_path, shape, LIMIT)
    out = tmp_path / "out"
    proc = convert(src, out, LIMIT)
    assert proc.returncode == 0, proc.stderr
    text = src.read_bytes().decode() if src.suffix != ".docx" else "".join(f"第{k}段。" for k in range(1, LIMIT + 1))
    want = content_chars(text)
    for fmt, extract in EXTRACT.items():
        assert lost(want, extract(out / f"talk.{fmt}")) is None, fmt


# ---- the Markdown reader counts before the parser: never more than the parser makes ------------


def counted_and_parsed(source: str) -> tuple[int, int]:
    """The blocks mdguard.count_blocks counts in ``source``, and the leaf blocks markdown-it
    (as the reader sets it up) makes of it: paragraphs, headings, code, rules, HTML blocks,
    tables, and list items without a paragraph."""
    from markdown_it import MarkdownIt

    from convert.limits import BlockCount
    from convert.readers import markdown, mdguard, mdtable

    lines = source.split("\n")
    made = BlockCount(10**9)
    mdguard.count_blocks(lines, markdown.code_lines(lines), mdguard.raw_lines(lines), made)
    md = mdtable.use(mdguard.guarded(MarkdownIt("commonmark").enable(["table", "strikethrough"])))
    env: dict = {}
    leaves = 0
    items: list[int] = []
    for tok in md.parse(markdown._prepare(lines, env), env):
        leaves += tok.type in {
            "paragraph_open",
            "heading_open",
            "fence",
            "code_block",
            "hr",
            "html_block",
            mdtable.TOKEN,
        }
        if tok.type == "list_item_open":
            items.append(leaves)
        elif tok.type == "list_item_close" and items.pop() == leaves:
            leaves += 1
    return made.made, leaves


@pytest.mark.parametrize(
    ("source", "blocks"),
    [
        ("中。\n\n" * 5, 5),
        ("- 甲\n- 乙\n- 丙\n", 3),
        ("> 甲\n>\n> 乙\n", 2),  # ">" alone separates a quote's paragraphs
        ("- 甲\n\n- 乙\n\n  丙\n", 3),
        ("# 一\n## 二\n正文\n", 3),
        ("正文\n2. 乙\n3. 丙\n", 1),  # a list at 2 cannot interrupt a paragraph: all one
        ("正文\n1. 乙\n2. 丙\n", 3),
        ("1. 甲\n   2. 乙\n", 1),  # deeper than the item's mark: its paragraph goes on
        ("```\n中\n```\n\n" * 4, 4),
        ("[甲]: http://example.com/a\n\n[乙]: http://example.com/b\n", 0),  # definitions make none
        ("<!--\n\n正文\n\n正文\n", 1),  # an HTML comment left open takes the rest
    ],
)
def test_markdown_blocks_are_counted_before_parsing(source: str, blocks: int) -> None:
    assert counted_and_parsed(source) == (blocks, blocks)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_the_markdown_count_is_never_more_than_the_parser_makes(doc_and_text: tuple[str, str]) -> None:
    counted, parsed = counted_and_parsed(doc_and_text[0])
    assert counted <= parsed
