"""Chinese counting numerals, written once (convert/numerals.py) for ordinals in
messages, Word's Chinese numbering formats and the speaking-time estimate. The readings
are the standard ones (GB/T 15835's rules for numbers in words)."""

from __future__ import annotations

import pytest

from convert.numerals import counting
from convert.readers.docx.numbering import format_number
from convert.readers.ordinals import LAST, cn_to_int, display_number
from convert.timing import integer_reading


@pytest.mark.parametrize(
    "n,words",
    [
        (0, "零"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (30500, "三万零五百"),
        (115000, "十一万五千"),
        (100000500, "一亿零五百"),
        (720000008323, "七千二百亿零八千三百二十三"),
    ],
)
def test_counting_reads_numbers_as_written(n: int, words: str) -> None:
    assert counting(n) == words
    assert integer_reading(str(n)) == words


def test_ordinals_read_back_what_they_print() -> None:
    for n in range(1, 1000):
        if n == LAST:
            continue  # the number 最后 stands for
        assert cn_to_int(display_number("cn-dun", n)) == n


def test_word_formats_share_it() -> None:
    assert format_number(101, "chineseCounting") == "一百零一"
    assert format_number(10, "chineseCounting") == "十"
    assert format_number(11, "chineseLegalSimplified") == "壹拾壹"
    assert format_number(20005, "chineseLegalSimplified") == "贰万零伍"
