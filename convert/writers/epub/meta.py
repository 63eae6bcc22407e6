"""Package metadata for the EPUB that must not change between rebuilds of the same input.

An EPUB's identifier and ``dcterms:modified`` are what libraries use to tell one book
from another and a new edition from an old one. A random UUID or the clock would make
every rebuild look like a new book (and break byte-identical builds), so both are derived
from the manuscript: the identifier from a hash of the model, the modification time from
the manuscript's own date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid

from ...cache import sha1, sha256
from ...model import Document, to_json

#: When neither SOURCE_DATE_EPOCH nor a manuscript date is available: a fixed instant,
#: so that the same input always gives the same bytes (the reproducible-builds practice).
FALLBACK_MODIFIED = dt.datetime(2000, 1, 1, 0, 0, 0)


def uuid5(namespace: uuid.UUID, name: str) -> uuid.UUID:
    """``uuid.uuid5``, whose SHA-1 comes from ``hashlib`` (OpenSSL loaded for one hash)."""
    return uuid.UUID(bytes=sha1(namespace.bytes + name.encode("utf-8")).digest()[:16], version=5)


#: uuid5 namespace for Speechpress books (itself uuid5 of the project URL-ish name).
_NAMESPACE = uuid5(uuid.NAMESPACE_URL, "https://speechpress.invalid/epub")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def content_hash(doc: Document) -> str:
    """SHA-256 of the model's public JSON, diagnostics left out (they are not content)."""
    data = to_json(doc)
    data.pop("diagnostics", None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256(text.encode("utf-8")).hexdigest()


def book_identifier(doc: Document) -> str:
    """A ``urn:uuid:`` that is the same for every build of the same model."""
    return f"urn:uuid:{uuid5(_NAMESPACE, content_hash(doc))}"


def _cn_number(text: str) -> int | None:
    """Chinese numerals as dates write them: 二〇二四 (digit by digit), 十二, 二十五, 三十一."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        if t < 0 or o < 0:
            return None
        return t * 10 + o
    return None


_ARABIC = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*(?:[月\-./]\s*(\d{1,2})\s*日?)?")
_CHINESE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([〇○零一二三四五六七八九十]{1,3})月(?:([〇○零一二三四五六七八九十]{1,3})日)?"
)


def parse_date(text: str | None) -> dt.date | None:
    """The first calendar date in a manuscript's date line, or None.

    Handles ``2024年3月5日``, ``2024-03-05``, ``2024.3.5``, ``2024年3月`` and the official
    style ``二〇二四年三月五日``; a date line that names no valid date gives None.
    """
    if not text:
        return None
    text = text.translate(str.maketrans("０１２３４５６７８９－．／", "0123456789-./"))
    m = _ARABIC.search(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    else:
        m = _CHINESE.search(text)
        if not m:
            return None
        y, mo = _cn_number(m.group(1)), _cn_number(m.group(2))
        d = _cn_number(m.group(3)) if m.group(3) else 1
        if y is None or mo is None or d is None:
            return None
        year, month, day = y, mo, d
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def manuscript_date(doc: Document) -> dt.date | None:
    """The collection's date, else the first speech date that parses."""
    for text in (doc.date, *(s.date for s in doc.speeches)):
        found = parse_date(text)
        if found:
            return found
    return None


def modified_time(doc: Document) -> dt.datetime:
    """``dcterms:modified`` and the zip entries' time, fixed for a given input.

    SOURCE_DATE_EPOCH wins when set (the reproducible-builds convention for packagers);
    otherwise midnight UTC of the manuscript's date, otherwise 2000-01-01. Never the
    clock: the same manuscript must give the same bytes. Dates before 1980 are raised to
    1980, the earliest a zip entry can carry.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when: dt.datetime | None = None
    if epoch.isdigit():
        when = dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    else:
        day = manuscript_date(doc)
        if day is not None:
            when = dt.datetime(day.year, day.month, day.day)
    when = when or FALLBACK_MODIFIED
    return max(when, dt.datetime(1980, 1, 1))
