"""Numbers written in Chinese counting numerals (一百零五, 三万零五百, 壹佰零伍).

One algorithm for every place that writes a number as words: ordinals in messages
(十一、), Word's Chinese numbering formats, and the speaking-time estimate (a number is
said as words). Its variants are parameters: the digits (the zero alone is 〇 in Word's
chineseCounting; a zero inside a number is always 零), the unit characters (十百千万亿, the legal 拾佰仟), and whether 十一
drops its 一 below twenty, as people write it (the legal numerals never do).
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
UNITS = ("十", "百", "千", "万", "亿")
#: A skipped place or group inside a number.
ZERO = "零"


def counting(n: int, digits: str = DIGITS, units: tuple[str, ...] = UNITS, elide: bool = True) -> str:
    """``n`` ≥ 0 in grouped counting: 万 groups of four digits, 亿 over them, 零 where a
    group or a place inside one is skipped (一千零五, 三万零五百, 一亿零五百)."""
    ten, hundred, thousand, myriad, hundred_million = units
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        out = counting(high, digits, units, elide) + hundred_million
        if low:
            out += (ZERO if low < 10**7 else "") + counting(low, digits, units, elide=False)
        return out
    if n >= 10000:
        high, low = divmod(n, 10000)
        out = counting(high, digits, units, elide) + myriad
        if low:
            out += (ZERO if low < 1000 else "") + counting(low, digits, units, elide=False)
        return out
    if n < 10:
        return digits[n]
    if n < 20 and elide:
        return ten + (digits[n - 10] if n % 10 else "")
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(ZERO)
            zero = False
        parts.append(digits[d] + unit)
    return "".join(parts)
