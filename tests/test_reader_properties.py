"""Property tests: for any text, the reader either returns a model or raises its own clear
error, and the Han characters and digits of the input come out in order, none lost.

Lines the reader drops as page furniture (site markers, page numbers, running headers)
are reported with their line numbers; the oracle removes exactly those lines."""

from __future__ import annotations

from extract import reader_expected
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from convert.model import content_chars, document_text, from_json, to_json
from convert.readers.base import ReadError, ReadOptions
from convert.readers.text import READER

# Text that looks like manuscripts: Han characters, ordinals, punctuation of both widths,
# digits, Latin, markers, blank lines and odd whitespace.
pieces = st.sampled_from(
    [
        "一、",
        "二、",
        "（一）",
        "(二)",
        "1.",
        "2.",
        "（1）",
        "第一，",
        "第二，",
        "一要",
        "二要",
        "一是",
        "二是",
        "首先，",
        "其次，",
        "最后，",
        "同志们：",
        "谢谢大家！",
        "（2篇）",
        "##paidbegin##",
        "- 3 -",
        "3.5%",
        "x%",
        "，",
        "。",
        ",",
        ".",
        "(",
        ")",
        "“",
        "”",
        '"',
        "：",
        "！",
        "？",
        "、",
        "；",
        "【",
        "】",
        "——",
        " ",
        "\u3000",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u200b",
        "\x00",
        "\x07",
        "\f",
        "<U+00A0>",
        "2024年3月5日",
    ]
)
han = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=30)
chunks = st.lists(st.one_of(pieces, han, st.text(max_size=5), st.integers(0, 99999).map(str)), max_size=40)


def expected(text: str, doc) -> str:
    return reader_expected(text, doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks, st.booleans())
@example(["_\n同志们：一、\n一、"], False)  # a file-name line above a title: moved after it, as a note
@example(["\n（2024年1月10日）\n张三\n今天召开会议。"], True)  # the speaker under the date: the author, before it
def test_reader_never_crashes_and_loses_nothing(parts, repair):
    # A manuscript holds Chinese; without any, a few bytes can be GBK or UTF-8 alike.
    text = "讲话" + "".join(parts)
    try:
        doc = READER.read(text.encode("utf-8"), ReadOptions(repair=repair))
    except ReadError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert content_chars(document_text(doc)) == expected(text, doc)
    assert from_json(to_json(doc)) == doc


@settings(max_examples=100, deadline=None)
@given(chunks, st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
def test_encodings_preserve_content(parts, encoding):
    text = "讲话" + "".join(parts).replace("\x00", "")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        doc = READER.read(data, ReadOptions())
    except ReadError as e:
        assert "\n" not in str(e)
        return
    assert content_chars(document_text(doc)) == expected(text, doc)
