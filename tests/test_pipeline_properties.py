"""Property tests over the whole pipeline: reader, then every writer.

For any manuscript-like text: the reader returns a model or its own one-line error; each
writer (through ``convert.api.write``, so atomically) produces a file; and the Han
characters and digits of the input appear, in order, in the model and in the text that
the real tools extract from each output (python-docx for DOCX, lxml over the spine's
XHTML for EPUB, pdftotext for PDF). Lines the reader reports as page furniture
(site markers, page numbers, running headers) are dropped from the expectation, as in
tests/test_reader_properties.py.

Examples are few (a PDF costs time); the shapes are chosen to be hostile: markup
characters, controls, odd whitespace, non-BMP Han, long runs without punctuation.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from convert.api import write
from convert.model import content_chars, document_text
from convert.readers.base import ReadError, ReadOptions
from convert.readers.cleanup import split_lines
from convert.readers.text import READER
from test_reliability import EXTRACT, lost

DROPPED = {"site-marker", "page-number", "running-header"}

pieces = st.sampled_from([
    "一、", "二、", "（一）", "（二）", "1.", "（1）", "第一，", "一是", "二是", "首先，", "同志们：", "谢谢大家！",
    "（2篇）", "(一)", "(二)", "##paidbegin##", "- 3 -", "3.5%", "2024年3月5日", "【注】",
    "，", "。", "：", "！", "、", "；", "“", "”", "——", "<b>", "</b>", "&amp;", "<font name='x'>", "<para>", "&", "<", ">",
    " ", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r", "\f", "\x00", "\x0b", "\x1f", "\ufffe", "\u200b",
    "👏", "\U00020000", "\U0002A6A5", "English words", "x" * 60,
])
han = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=40)
inline = st.lists(st.one_of(pieces, han, han, st.integers(0, 10**6).map(str), st.text(max_size=4)), min_size=1, max_size=12)
prefixes = st.sampled_from(["", "", "", "一、", "二、", "三、", "（一）", "（二）", "1.", "2.", "第一，", "一是", "二要",
                            "\u3000\u3000", "\t", "（1）", "首先，"])
line = st.tuples(prefixes, inline).map(lambda t: t[0] + "".join(t[1]))
# A manuscript: lines joined by line ends of every kind, blank lines between some.
labels = st.sampled_from(["（一）", "（二）", "（三）", "第一篇", "张三："])
chunks = st.lists(st.tuples(st.one_of(line, line, line, labels), st.sampled_from(["\n", "\n\n", "\n\n", "\r\n", "\r", "\n\f\n"])),
                  min_size=1, max_size=25).map(lambda ls: ["".join(a + b for a, b in ls)])


def expected(text: str, doc) -> str:
    dropped = {d.line for d in doc.diagnostics if d.code in DROPPED}
    if any(d.code == "escape" for d in doc.diagnostics):
        text = re.sub(r"<U\+[0-9A-Fa-f]{4,6}>", " ", text)
    lines, _ = split_lines(text)
    return content_chars("\n".join(l for n, l in enumerate(lines, 1) if n not in dropped))


def read_or_none(text: str):
    try:
        return READER.read(text.encode("utf-8"), ReadOptions())
    except ReadError as e:
        assert str(e) and "\n" not in str(e)
        return None


def check(parts: list[str], fmt: str) -> None:
    text = "讲话" + "".join(parts)
    doc = read_or_none(text)
    if doc is None:
        event("reader refused")
        return
    event(f"{len(doc.speeches)} piece(s), {sum(1 for _ in doc.blocks())} blocks")
    want = expected(text, doc)
    assert content_chars(document_text(doc)) == want  # the model
    # Non-BMP Han without a glyph in any font is a known PDF loss (see test_reliability KNOWN)
    if fmt == "pdf":
        want = content_chars(re.sub(r"[\U00020000-\U0003134f]", "", "".join(want)))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"out.{fmt}"
        write(doc, path, fmt=fmt)
        assert sorted(p.name for p in Path(d).iterdir()) == [path.name]
        problem = lost(want, EXTRACT[fmt](path))
        assert problem is None, problem


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=40, **SETTINGS)
@given(chunks)
def test_docx_never_crashes_and_loses_nothing(parts: list[str]) -> None:
    check(parts, "docx")


@settings(max_examples=40, **SETTINGS)
@given(chunks)
def test_epub_never_crashes_and_loses_nothing(parts: list[str]) -> None:
    check(parts, "epub")


@pytest.mark.slow
@settings(max_examples=25, **SETTINGS)
@given(chunks)
def test_pdf_never_crashes_and_loses_nothing(parts: list[str]) -> None:
    check(parts, "pdf")
