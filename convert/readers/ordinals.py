"""Heading numbering schemes of Chinese manuscripts, and Chinese numerals.

A *scheme* is a way of numbering a series of headings: ``一、`` ``（一）`` ``1.`` ``（1）``
``第一，`` ``第一部分`` ``一要`` ``一是`` ``一方面`` ``首先/其次/最后``… The reader never
assigns a level from a fixed table: a scheme's level is the order in which it appears in
the document (see :mod:`convert.readers.structure`). This module only recognises an
ordinal at the start of a text and tells its scheme and its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100}
CN_NUM = "[〇零一二三四五六七八九十百壹贰叁肆伍陆柒捌玖拾佰]"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


def cn_to_int(s: str) -> int | None:
    """Chinese numeral (``十二``, ``二十一``, ``一百零五``) to int; None if not one."""
    if not s:
        return None
    total, current, prev_digit = 0, 0, False
    for ch in s:
        if ch in CN_DIGITS:
            if prev_digit and ch not in "〇零":
                return None  # 一二 is not a numeral
            current = CN_DIGITS[ch]
            prev_digit = ch not in "〇零"
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current, prev_digit = 0, False
        else:
            return None
    return total + current


def int_to_cn(n: int) -> str:
    """The Chinese numeral for 1..999 as ordinals print it (十一, 二十, 一百零五)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    out = digits[n // 100] + "百"
    if rest == 0:
        return out
    if rest < 10:
        return out + "零" + digits[rest]
    return out + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))


# Sequence words: 首先 … 其次 … 再次 … 最后. Their "number" is their position; 最后
# closes any series, so it gets a large number.
SEQ_WORDS = {"首先": 1, "第一": 1, "其次": 2, "再次": 3, "然后": 3, "再者": 3, "接下来": 3, "此外": 4, "最后": 99}


@dataclass(frozen=True)
class Ordinal:
    scheme: str  # e.g. "cn-dun" for 一、
    number: int  # 1-based position in its series (最后 = 99)
    text: str  # the ordinal as printed, with its punctuation: "一、", "（二）", "第一，"
    own_line_only: bool = False  # schemes such as （一） that are not followed by punctuation


# Order matters: longer, more specific patterns first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("di-part", re.compile(rf"^第({CN_NUM}+)(部分|章|节|篇|讲|编)[、，,：:　 ]?")),
    ("di-comma", re.compile(rf"^第({CN_NUM}+)[，,]")),
    ("di-dun", re.compile(rf"^第({CN_NUM}+)[、：:．.]")),
    ("cn-paren", re.compile(rf"^[（(]({CN_NUM}+)[）)][、，,．.]?")),
    ("cn-dun", re.compile(rf"^({CN_NUM}{{1,4}})(?:[、．]|\.(?!\d))")),
    ("cn-yao", re.compile(rf"^({CN_NUM}{{1,3}})要(?=[\u4e00-\u9fff“])")),
    ("cn-shi", re.compile(rf"^({CN_NUM}{{1,3}})是(?=[\u4e00-\u9fff“])")),
    ("cn-fangmian", re.compile(rf"^(?:另)?({CN_NUM}{{1,3}})方面[，,是：:]?")),
    ("ar-paren", re.compile(r"^[（(](\d{1,3})[）)][、，,．.]?")),
    ("ar-dot", re.compile(r"^(\d{1,3})[.．](?![\d.．])\s*")),
    ("ar-dun", re.compile(r"^(\d{1,3})、")),
    ("circled", re.compile(rf"^([{CIRCLED}])")),
    ("paren-digit", re.compile(rf"^([{PAREN_DIGITS}])")),
    ("seq", re.compile(r"^(首先|其次|再次|然后|再者|接下来|此外|最后)[，,、：:]")),
]


def match_ordinal(text: str) -> Ordinal | None:
    """The ordinal at the start of ``text``, if any."""
    for scheme, pat in _PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        raw = m.group(1)
        if scheme == "circled":
            n = CIRCLED.index(raw) + 1
        elif scheme == "paren-digit":
            n = PAREN_DIGITS.index(raw) + 1
        elif scheme == "seq":
            n = SEQ_WORDS[raw]
        elif scheme.startswith("ar"):
            n = int(raw)
        else:
            cn = cn_to_int(raw)
            if cn is None:
                continue
            n = cn
        if n <= 0 or n > 200:
            continue
        ordinal_text = m.group(0).rstrip(" ")
        if scheme == "cn-fangmian" and m.group(0).startswith("另"):
            # 另一方面 answers 一方面: the same scheme, second item
            n = 2
        return Ordinal(scheme=scheme, number=n, text=ordinal_text)
    return None


#: Labels that separate the pieces of a collection when they stand alone on a line.
LABEL_RE = re.compile(rf"^[（(]({CN_NUM}+)[）)]$|^({CN_NUM}+)$|^第({CN_NUM}+)篇$|^[（(](\d{{1,3}})[）)]$")


def match_label(text: str) -> int | None:
    """If the whole line is a piece label (``（一）``, ``一``, ``第一篇``), its number."""
    m = LABEL_RE.match(text.strip())
    if not m:
        return None
    raw = next(g for g in m.groups() if g)
    return int(raw) if raw.isdigit() else cn_to_int(raw)


SCHEME_NAMES = {
    "di-part": "第一部分",
    "di-comma": "第一，",
    "di-dun": "第一、",
    "cn-paren": "（一）",
    "cn-dun": "一、",
    "cn-yao": "一要",
    "cn-shi": "一是",
    "cn-fangmian": "一方面",
    "ar-paren": "（1）",
    "ar-dot": "1.",
    "ar-dun": "1、",
    "circled": "①",
    "paren-digit": "⑴",
    "seq": "首先/其次/最后",
}


def display_number(scheme: str, n: int) -> str:
    """How number ``n`` prints in ``scheme`` (for messages such as skipped numbering)."""
    if scheme.startswith("ar"):
        return str(n)
    if scheme == "circled":
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    if scheme == "paren-digit":
        return PAREN_DIGITS[n - 1] if n <= len(PAREN_DIGITS) else str(n)
    if scheme == "seq":
        return {v: k for k, v in SEQ_WORDS.items()}.get(n, str(n))
    return int_to_cn(n)
