"""Heading numbering schemes of Chinese manuscripts, and Chinese numerals.

A *scheme* is a way of numbering a series of headings: ``一、`` ``（一）`` ``1.`` ``（1）``
``第一，`` ``第一部分`` ``一要`` ``一是`` ``一方面`` ``首先/其次/最后``… The reader never
assigns a level from a fixed table: a scheme's level is the order in which it appears in
the document (see :mod:`convert.readers.structure`). This module only recognises an
ordinal at the start of a text and tells its scheme and its number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..numerals import counting

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
#: Numbers with their full stop as one character (⒈ ⒉ … ⒛), as Word's symbols set them.
DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
#: Parenthesized ideographs (㈠ is （一） set as one character).
PAREN_IDEOGRAPHS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
#: The heavenly stems, an older report's numbering (甲、乙、丙、 / （甲）（乙）).
STEMS = "甲乙丙丁戊己庚辛壬癸"


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


# Sequence words: 首先 … 其次 … 然后 … 最后. 首先 opens a series and 最后 closes it; the
# words between only say "next", so their number is given by their place in the series
# (:func:`seq_numbers`). 最后 closes any series, so it gets a large number.
#: The number of 最后 (and of 最后一点, 最后一条…): after every other item of its series.
LAST = 99
SEQ_FIRST = ("首先",)
SEQ_LAST = ("最后",)
SEQ_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "再者": 3, "接下来": 3, "接着": 3, "随后": 3, "此外": 4}
SEQ_WORDS.update({"下面": 3, "下一步": 3, "下一阶段": 3, "下一部分": 3, "最后": LAST})
#: English sequence words that open paragraphs of bilingual manuscripts (First, … Finally,).
EN_SEQ = {
    "First": 1,
    "Second": 2,
    "Third": 3,
    "Fourth": 4,
    "Fifth": 5,
    "Sixth": 6,
    "Seventh": 7,
    "Eighth": 8,
    "Ninth": 9,
    "Tenth": 10,
    "Finally": LAST,
    "Lastly": LAST,
}
#: Counter words after 第N that make an ordinal of their own kind: 第一点, 第二条, 第三种,
#: 第一句, 第一项, 第一步, 第一件事, 第一招; 第一个 with a short noun (第一个方面, 第二个
#: 问题) or none (第一个，…, spoken) is matched apart.
COUNTERS = "点条种句项步件招"


@dataclass(frozen=True, slots=True)
class Ordinal:
    """An ordinal found at a paragraph's start: its series (scheme), its place in it, and how it may be used."""

    scheme: str  # e.g. "cn-dun" for 一、
    number: int  # 1-based position in its series (最后 = LAST)
    text: str  # the ordinal as printed, with its punctuation: "一、", "（二）", "第一，"
    own_line_only: bool = False  # a bare numeral (一 / 二　标题): a heading only on a short line of its own
    decimal: bool = False  # 5.1m: a number that may also be a decimal; only a series' next item
    run_in_only: bool = False  # 首先来说…。: a sequence word without its comma, only before a short lead


_SEQ = "|".join(sorted(SEQ_WORDS, key=len, reverse=True))
_EN = "|".join(EN_SEQ)
#: A short noun after 第N个 (方面, 问题, 方向); never a verb or particle.
_GE_NOUN = r"[\u4e00-\u9fff]{1,2}?"
_AFTER_COUNTER = r"(?=[，,、：:\s\u3000]|是|就是|$)"

# Order matters: longer, more specific patterns first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("di-part", re.compile(rf"^第({CN_NUM}+|\d{{1,2}})(部分|章|节|篇|讲|编)[、，,：:　 ]?")),
    ("di-counter", re.compile(rf"^第({CN_NUM}+)([{COUNTERS}])(?:{_GE_NOUN})?{_AFTER_COUNTER}[，,、：:]?")),
    ("di-ge", re.compile(rf"^第({CN_NUM}+)(?:个({_GE_NOUN})?|(方面)){_AFTER_COUNTER}[，,、：:]?")),
    ("last-counter", re.compile(rf"^最后一([{COUNTERS}]|篇(?:文章)?|个{_GE_NOUN}){_AFTER_COUNTER}[，,、：:]?")),
    ("di-comma", re.compile(rf"^第({CN_NUM}+)[，,]")),
    ("di-dun", re.compile(rf"^第({CN_NUM}+)[、：:．.]")),
    ("cn-paren", re.compile(rf"^[（(〔]({CN_NUM}+)[）)〕][、，,．.]?")),
    ("step", re.compile(rf"^[（(]步骤({CN_NUM}{{1,3}}|\d{{1,2}})[）)]|^步骤({CN_NUM}{{1,3}}|\d{{1,2}})[：:、，,．.]")),
    ("cn-dun", re.compile(rf"^({CN_NUM}{{1,4}})(?:[、．]|\.(?!\d))")),
    ("cn-bare", re.compile(rf"^({CN_NUM}{{1,3}})(?:[ \u3000]+(?=\S)|$)")),
    ("cn-yao", re.compile(rf"^({CN_NUM}{{1,3}})要(?=[\u4e00-\u9fff“])")),
    ("cn-shi", re.compile(rf"^({CN_NUM}{{1,3}})是(?=[\u4e00-\u9fff“])")),
    ("cn-qi", re.compile(rf"^其({CN_NUM}{{1,2}})[，,、：:]")),
    ("cn-fangmian", re.compile(rf"^(?:另)?({CN_NUM}{{1,3}})方面[，,是：:]?")),
    ("ar-paren", re.compile(r"^[（(](\d{1,3})[）)][、，,．.]?")),
    ("ar-dot", re.compile(r"^(\d{1,3})(?:[.．](?![\d.．])|、)\s*")),
    ("ar-half", re.compile(r"^(\d{1,2})[）)](?![\d）)])\s*")),
    ("ar-decimal", re.compile(r"^(\d{1,2})[.．](?=\d[^\d.．%％，,、。；;：:∶])")),
    ("stem", re.compile(rf"^[（(]([{STEMS}])[）)]|^([{STEMS}])[、．.](?![{STEMS}])")),
    ("circled", re.compile(rf"^([{CIRCLED}])")),
    ("paren-digit", re.compile(rf"^([{PAREN_DIGITS}])")),
    ("dot-digit", re.compile(rf"^([{DOT_DIGITS}])")),
    ("paren-ideograph", re.compile(rf"^([{PAREN_IDEOGRAPHS}])")),
    ("seq", re.compile(rf"^({_SEQ})[，,、：:]")),
    ("en-seq", re.compile(rf"^({_EN}),\s")),
]
#: Spoken scripts announce their parts with a sequence word and 是 on a line of its own
#: (首先是课题综述部分, 接下来是数据描述部分): the same series as 首先，… .
_SEQ_IS = re.compile(rf"^({_SEQ})(?:就?是)(?=[\u4e00-\u9fff])")
#: …and in reports without the comma (首先来说研究现状。): only before a short lead.
#: Longest first sentence of 然后是…。 that leads its paragraph (然后是实验结果。).
SEQ_IS_LEAD_MAX = 12
_SEQ_BARE = re.compile(rf"^({_SEQ})(?=[\u4e00-\u9fff])")


#: The digits an item number opens with: ASCII, and full-width as a Chinese input
#: method types them (１．加强学习).
DIGITS = "0123456789０１２３４５６７８９"


def _first_chars() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The patterns that can match a text starting with each character: every line of a
    manuscript is asked for its ordinal, most have none, and a dictionary look-up at the
    first character settles that without trying twenty patterns."""
    numerals = "".join(CN_DIGITS) + "".join(CN_UNITS)
    starts = {
        "di-part": "第最",
        "di-counter": "第",
        "di-ge": "第",
        "last-counter": "最",
        "di-comma": "第",
        "di-dun": "第",
        "cn-paren": "（(〔",
        "step": "（(步",
        "cn-dun": numerals,
        "cn-bare": numerals,
        "cn-yao": numerals,
        "cn-shi": numerals,
        "cn-fangmian": numerals + "另",
        "cn-qi": "其",
        "ar-paren": "（(",
        "ar-dot": DIGITS,
        "ar-decimal": DIGITS,
        "ar-half": DIGITS,
        "stem": "（(" + STEMS,
        "circled": CIRCLED,
        "paren-digit": PAREN_DIGITS,
        "dot-digit": DOT_DIGITS,
        "paren-ideograph": PAREN_IDEOGRAPHS,
        "seq": "".join({w[0] for w in SEQ_WORDS}),
        "en-seq": "".join({w[0] for w in EN_SEQ}),
    }
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for scheme, pat in _PATTERNS:
        for ch in starts[scheme]:
            table.setdefault(ch, []).append((scheme, pat))
    return table


_BY_FIRST = _first_chars()
#: First characters of the sequence words (首先是…, 首先来说…).
_SEQ_FIRST = frozenset(w[0] for w in SEQ_WORDS)


def match_ordinal(text: str) -> Ordinal | None:
    """The ordinal at the start of ``text``, if any."""
    first = text[:1]
    for scheme, pat in _BY_FIRST.get(first, ()):
        m = pat.match(text)
        if not m:
            continue
        raw = next((g for g in m.groups() if g), "")
        own_line_only = decimal = False
        if scheme == "circled":
            n = CIRCLED.index(raw) + 1
        elif scheme == "stem":
            n = STEMS.index(raw) + 1
        elif scheme == "paren-digit":
            n = PAREN_DIGITS.index(raw) + 1
        elif scheme == "dot-digit":
            n, scheme = DOT_DIGITS.index(raw) + 1, "ar-dot"  # ⒈ is 1. set as one character
        elif scheme == "paren-ideograph":
            n, scheme = PAREN_IDEOGRAPHS.index(raw) + 1, "cn-paren"  # ㈠ is （一） set as one character
        elif scheme == "seq":
            n = SEQ_WORDS[raw]
        elif scheme == "en-seq":
            n = EN_SEQ[raw]
        elif scheme == "last-counter":
            word = raw[0] if raw[0] in COUNTERS else ("篇" if raw[0] == "篇" else raw)
            scheme = "di-part" if word == "篇" else ("di-counter-" + word if word[0] in COUNTERS else "di-" + word)
            return Ordinal(scheme=scheme, number=LAST, text=m.group(0).rstrip(" "))
        elif scheme.startswith("ar"):
            n = int(raw)
            decimal = scheme == "ar-decimal"
            scheme = "ar-dot" if decimal else scheme
        else:
            cn = int(raw) if raw.isdigit() else cn_to_int(raw)  # 第1部分 as 第一部分
            if cn is None:
                continue
            n = cn
            if scheme == "cn-bare":
                scheme, own_line_only = "cn-dun", True
            elif scheme == "di-counter":
                scheme = "di-counter-" + m.group(2)
            elif scheme == "di-ge":
                scheme = "di-个" + (m.group(2) or m.group(3) or "")  # 第三方面 is of 第一个方面's series
        if n <= 0 or n > 200:
            continue
        ordinal_text = m.group(0).rstrip(" \u3000")
        if scheme == "cn-fangmian" and m.group(0).startswith("另"):
            # 另一方面 answers 一方面: the same scheme, second item
            n = 2
        return Ordinal(scheme=scheme, number=n, text=ordinal_text, own_line_only=own_line_only, decimal=decimal)
    if first not in _SEQ_FIRST:
        return None
    m = _SEQ_IS.match(text)
    if m:
        # 其次是系统设计 on its own line; 然后是实验结果。 before its text, a short lead
        short = (end := text.find("。")) != -1 and end <= SEQ_IS_LEAD_MAX
        return Ordinal(scheme="seq", number=SEQ_WORDS[m.group(1)], text=m.group(1), own_line_only=not short)
    m = _SEQ_BARE.match(text)
    if m:
        return Ordinal(scheme="seq", number=SEQ_WORDS[m.group(1)], text=m.group(1), run_in_only=True)
    return None


#: A section title a sharing site set in brackets: 【一、提高站位】, 〖第二部分〗.
_BRACKETED_TITLE = re.compile(r"^[【〖［\[]\s*(.+?)\s*[】〗］\]]$")


def bracketed_ordinal(text: str) -> tuple[Ordinal, str] | None:
    """The ordinal of a numbered title set in brackets (【一、统一思想】) and the title inside
    them; None for any other line."""
    m = _BRACKETED_TITLE.match(text.strip())
    if m is None:
        return None
    o = match_ordinal(m.group(1))
    return (o, m.group(1)) if o is not None and not o.run_in_only and m.group(1)[len(o.text) :].strip() else None


def seq_numbers(words: list[str]) -> list[int]:
    """Numbers for a run of sequence words: 首先 is 1, 最后 is LAST, any other word is
    the next number after its predecessor (其次, 其次 → 2, 3)."""
    out: list[int] = []
    for w in words:
        if w in SEQ_FIRST:
            out.append(1)
        elif w in SEQ_LAST:
            out.append(LAST)
        else:
            out.append(out[-1] + 1 if out and out[-1] != LAST else SEQ_WORDS.get(w, 2))
    return out


#: Words that name a piece of a sharing site's collection with its number: 篇一, 范文二.
PIECE_WORDS = "精选篇|篇|范文|范例|例文|示例|材料|演讲稿|发言稿|讲话稿"
#: A label that names itself a piece (篇一, 【篇二】, 第三篇, 范文一), alone or before the
#: piece's title on its line (篇一：在某某会上的发言).
_PIECE_NUM = rf"(?:{CN_NUM}+|[{DIGITS}]{{1,3}})"  # 范文一, 范文1, 篇１
PIECE_LABEL_RE = re.compile(
    rf"^(【\s*(?:第({_PIECE_NUM})篇|(?:{PIECE_WORDS})({_PIECE_NUM}))\s*】|第({_PIECE_NUM})篇|(?:{PIECE_WORDS})({_PIECE_NUM}))"
    rf"(?:[：:、.．\s\u3000]+|$|(?=[^\s：:{DIGITS}]))"
)
#: Labels that separate the pieces of a collection when they stand alone on a line.
LABEL_RE = re.compile(rf"^[（(]({CN_NUM}+)[）)]$|^({CN_NUM}+)$|^[（(](\d{{1,3}})[）)]$")


def match_label(text: str) -> int | None:
    """If the whole line is a piece label (``（一）``, ``一``, ``第一篇``, ``篇一``), its number."""
    t = text.strip()
    m = LABEL_RE.match(t)
    if m:
        raw = next(g for g in m.groups() if g)
        return int(raw) if raw.isdigit() else cn_to_int(raw)
    named = piece_label(t)
    return named[1] if named is not None and not named[2] else None


def piece_label(text: str) -> tuple[str, int, str] | None:
    """A label that names a piece at the line's start: the label as printed, its number,
    and the rest of the line (the piece's title, or nothing)."""
    m = PIECE_LABEL_RE.match(text)
    if m is None:
        return None
    raw = next(g for g in m.groups()[1:] if g)
    n = int(unicodedata.normalize("NFKC", raw)) if raw[0] in DIGITS else cn_to_int(raw)
    if n is None or n <= 0:
        return None
    return text[: m.end()].strip(), n, text[m.end() :].strip()


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
    "ar-half": "1）",
    "cn-qi": "其一，",
    "circled": "①",
    "stem": "甲、",
    "paren-digit": "⑴",
    "seq": "首先/其次/最后",
    "en-seq": "First/Second/Finally",
    "step": "步骤一",
}


def scheme_name(scheme: str) -> str:
    """How a scheme is named in messages (第一点 for di-counter-点, 第一个方面 for di-个方面)."""
    if scheme.startswith("di-counter-"):
        return "第一" + scheme[len("di-counter-") :]
    if scheme.startswith("di-个"):
        return "第一" + scheme[3:]
    return SCHEME_NAMES.get(scheme, scheme)


def display_number(scheme: str, n: int) -> str:
    """How number ``n`` prints in ``scheme`` (for messages such as skipped numbering)."""
    if scheme.startswith("ar"):
        return str(n)
    if scheme == "circled":
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    if scheme == "stem":
        return STEMS[n - 1] if n <= len(STEMS) else str(n)
    if scheme == "paren-digit":
        return PAREN_DIGITS[n - 1] if n <= len(PAREN_DIGITS) else str(n)
    if scheme in ("seq", "en-seq"):
        words = SEQ_WORDS if scheme == "seq" else EN_SEQ
        return next((k for k, v in words.items() if v == n), str(n))
    if n == LAST:
        return "最后"
    prefix = "第" if scheme.startswith("di-") else ""
    return prefix + counting(n)


def unnumbered(text: str) -> bool:
    """No ordinal, or only a sequence word that cannot head a line of its own: a title that
    starts with the word (下一步工作打算, 最后阶段的安排), not a step of a series."""
    o = match_ordinal(text)
    return o is None or (o.scheme == "seq" and o.run_in_only)
