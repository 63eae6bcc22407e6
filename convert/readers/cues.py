"""Recognisers for the lines of a manuscript that are not running text.

Titles, dates, speaker lines, greetings, closings, piece labels and counts all have a
typical *form* (length, punctuation, position) that holds across manuscripts; these
predicates look only at that form, never at a particular document's wording.
"""

from __future__ import annotations

import re

from ..chars import FULL_STOPS, HAN, STOPS, TERMINAL
from ..chars import TRAILING_CLOSERS as CLOSING_BRACKETS
from .ordinals import CN_NUM, match_label

_CN_YEAR = "[一二三四五六七八九〇零○Ｏ]{4}"
_CN_MD = "[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(
    rf"^[（(]?\s*(?:(?:\d{{4}}|{_CN_YEAR})\s*年\s*(?:\d{{1,2}}|{_CN_MD})\s*月(?:\s*(?:\d{{1,2}}|{_CN_MD})\s*[日号])?"
    rf"|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})"
    rf"(?:\s*[，,、 ]\s*[^\n，。]{{0,24}})?\s*[）)]?$"
)
COUNT_RE = re.compile(r"^[（(]\s*(?:共\s*)?(\d+|" + CN_NUM + r"+)\s*篇\s*[）)]$")
DASH_SUBTITLE_RE = re.compile(rf"^(?:——|—|--|－－|─)\s*[{HAN}“《]")
_CLOSING = re.compile(
    r"^(谢谢|感谢|多谢|致谢|祝|预祝|最后，?祝|再次感谢|我的(发言|汇报|报告|讲话|演讲|述职)(完毕|就到这里|到此结束|结束|完了)|汇报完毕|发言完毕|以上|完毕)"
)


def han_count(text: str) -> int:
    return len(re.findall(f"[{HAN}]", text))


def ends_terminal(text: str) -> bool:
    """Whether a line ends a sentence (so the next line starts a new paragraph)."""
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in TERMINAL:
        return True
    if t[-1] in CLOSING_BRACKETS and len(t) > 1 and t[-2] in TERMINAL:
        return True
    return t[-1] in "：:"


def is_date_line(text: str) -> bool:
    return len(text) <= 40 and bool(DATE_RE.match(text.strip()))


def is_count_line(text: str) -> int | None:
    m = COUNT_RE.match(text.strip())
    if not m:
        return None
    raw = m.group(1)
    if raw.isdigit():
        return int(raw)
    from .ordinals import cn_to_int

    return cn_to_int(raw)


def is_dash_subtitle(text: str) -> bool:
    return len(text) <= 80 and bool(DASH_SUBTITLE_RE.match(text)) and not any(c in text[:-1] for c in FULL_STOPS)


_ADDRESS_TERM = re.compile(
    r"^(尊敬的|亲爱的|各位|诸位|在座的|全体)?.{0,10}?"
    r"(们|同志|代表|委员|领导|来宾|嘉宾|朋友|老师|同学|女士|先生|家长|评委|同事|同仁|专家|校友|战友|乡亲|青年|职工|党员|干部|首脑|元首|负责人|大家)$"
)
_HELLO_TAIL = re.compile(r"(大家|你们|各位)?(好|上午好|下午好|晚上好)$")


def is_greeting(text: str) -> bool:
    """同志们： / 各位委员，同志们： / 尊敬的各位来宾，大家好！ — an address to the audience.

    Every comma-separated term must itself be an address (同志们, 各位代表, 尊敬的…), so a
    sentence such as 我们要抓好以下工作： is never taken for one."""
    t = text.strip()
    if not t or len(t) > 60 or t[-1] not in "：:，,！!。":
        return False
    if any(c in t[:-1] for c in "。；？“”《》") or _CLOSING.match(t):
        return False
    terms = [x for x in re.split(r"[，,、：:！!。]|和|及", t) if x.strip()]
    if not terms or len(terms) > 8:
        return False
    hello = bool(_HELLO_TAIL.search(terms[-1]))
    if hello:
        terms = terms[:-1]
        if _HELLO_TAIL.sub("", t.rstrip("：:，,！!。")).strip() == "":
            return len(t) <= 10
    return (
        bool(terms)
        and all(len(x) <= 14 and _ADDRESS_TERM.match(x.strip()) for x in terms)
        and (t[-1] in "：:" or hello or t[-1] in "，,！!")
    )


def is_closing(text: str) -> bool:
    t = text.strip()
    return len(t) <= 40 and bool(_CLOSING.match(t)) and (t[-1:] in "！!。." or len(t) <= 8)


def is_label_line(text: str) -> int | None:
    return match_label(text)


def is_short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not any(c in text[:-1] for c in STOPS)


def is_author_line(text: str) -> bool:
    """A speaker line under a title: 张三 / 中共某某市委书记 张三 / 张三同志."""
    t = text.strip()
    if not (2 <= len(t) <= 30) or any(c in t for c in "，。：；！？、“”《》"):
        return False
    if re.search(r"\d", t) or re.match(rf"{CN_NUM}{{1,3}}[\s\u3000]", t):
        return False  # 一　一月十八日的讲话 is a numbered piece title, not a name
    return bool(re.fullmatch(rf"[{HAN}·•\s]+", t)) and (
        len(t) <= 8 or re.search(r"[\s　]", t) is not None or t.endswith("同志")
    )


def is_structural(text: str) -> bool:
    """Lines that never continue a sentence and are never continued."""
    return bool(
        is_label_line(text) is not None
        or is_count_line(text) is not None
        or is_date_line(text)
        or is_dash_subtitle(text)
        or is_greeting(text)
    )
