"""Word's automatic numbering, rebuilt as the text the page shows.

In most office manuscripts the ordinal of a heading (``一、``, ``（一）``, ``1.``) is not in
the paragraph's text: Word prints it from ``numbering.xml``. Converters that ignore that
part lose the ordinals; pandoc prints them as ``1.``. Here each numbered paragraph gets
the label Word shows, so the model reads like the page.

How Word counts (ECMA-376 §17.9, as Word and LibreOffice 7 behave):

* Counters belong to the *abstract* numbering: two ``w:num`` instances of one
  ``w:abstractNum`` continue each other's count, unless the instance restarts a level
  with ``w:lvlOverride/w:startOverride`` (applied when that instance is first used).
* Using level *k* resets the deeper levels to their start values, unless a deeper level's
  ``w:lvlRestart`` says it restarts only after a shallower level (``0``: never).
* ``w:lvlText`` replaces ``%1``…``%9`` by each level's current value in *that level's*
  ``w:numFmt``, or in decimal everywhere when the level is ``w:isLgl``.
* A level with ``w:numFmt="none"`` prints its literal text only; ``bullet`` levels are
  not ordinals and print nothing here.

The suffix (``w:suff``: tab, space, nothing) is not part of the label: the model has no
tabs, and between a Chinese ordinal such as ``一、`` and Chinese text Word's tab is only
alignment. A space is kept after a label that ends in a Latin letter or digit
(``1`` + ``Introduction``), where it separates words; see :func:`join_label`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.etree import _Element

from ...limits import Limits
from ...numerals import counting
from .package import qn
from .values import Problems, parse_enum, parse_int, shown

_DIGITS_LOWER = "〇一二三四五六七八九"
_DIGITS_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("拾", "佰", "仟", "万", "亿")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _enclosed(n: int, table: str) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def _letters(n: int, upper: bool, limit: int) -> str:
    """A..Z, then AA..ZZ, AAA… (Word repeats the letter; it does not count in base 26);
    never longer than ``limit``."""
    letter = chr(ord("A") + (n - 1) % 26) * min((n - 1) // 26 + 1, limit)
    return letter if upper else letter.lower()


def _roman(n: int, limit: int) -> str:
    out: list[str] = []
    size = 0
    for value, glyph in _ROMAN:
        while n >= value and size < limit:
            out.append(glyph)
            size += len(glyph)
            n -= value
    return "".join(out)


#: Formats printed with Chinese counting numerals (LibreOffice prints ``ideographDigital``
#: this way too; the tests hold our output to LibreOffice's).
_COUNTING = (
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCountingThousand",
    "japaneseCounting",
    "ideographDigital",
)


def format_number(n: int, fmt: str, limit: int = 64) -> str:
    """``n`` in the ``w:numFmt`` ``fmt``, as Word and LibreOffice print it (decimal for
    formats unknown here); at most ``limit`` characters for the repeating formats."""
    if fmt == "none" or fmt == "bullet":
        return ""
    if n <= 0:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord("０") + int(c)) for c in str(n))
    if fmt == "upperRoman":
        return _roman(n, limit)
    if fmt == "lowerRoman":
        return _roman(n, limit).lower()
    if fmt == "upperLetter":
        return _letters(n, True, limit)
    if fmt == "lowerLetter":
        return _letters(n, False, limit)
    if fmt in _COUNTING:
        return counting(n, _DIGITS_LOWER)
    if fmt == "chineseLegalSimplified":
        return counting(n, _DIGITS_LEGAL, _LEGAL_UNITS, elide=False)
    if fmt == "ideographLegalTraditional":
        return counting(n, "零壹貳參肆伍陸柒捌玖", ("拾", "佰", "仟", "萬", "億"), elide=False)
    if fmt == "ideographTraditional":
        return _enclosed(n, _TIANGAN)  # 甲…癸, then decimal (as LibreOffice prints it)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _enclosed(n, _DIZHI)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, _CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, _PAREN)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, _FULLSTOP)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩")
    return str(n)


def join_label(label: str, text: str, suffix: str) -> str:
    """The label and the paragraph text as one string, following :mod:`this module`'s rule:
    no separator after a label that ends in CJK punctuation or a Han character."""
    if not label:
        return text
    if suffix == "nothing" or not text:
        return label + text
    last, first = label[-1], text[:1]
    if (last.isascii() and last.isalnum()) or (first.isascii() and first.isalnum() and last.isascii()):
        return f"{label} {text}"
    return label + text


#: ``w:numFmt`` values of ECMA-376 (ST_NumberFormat); anything else prints in decimal, reported.
NUM_FORMATS = frozenset(
    [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
        "ideographTraditional",
        "ideographZodiac",
        "ideographZodiacTraditional",
        "taiwaneseCounting",
        "ideographLegalTraditional",
        "taiwaneseCountingThousand",
        "taiwaneseDigital",
        "chineseCounting",
        "chineseLegalSimplified",
        "chineseCountingThousand",
        "koreanDigital",
        "koreanCounting",
        "koreanLegal",
        "koreanDigital2",
        "vietnameseCounting",
        "russianLower",
        "russianUpper",
        "none",
        "numberInDash",
        "hebrew1",
        "hebrew2",
        "arabicAlpha",
        "arabicAbjad",
        "hindiVowels",
        "hindiConsonants",
        "hindiNumbers",
        "hindiCounting",
        "thaiLetters",
        "thaiNumbers",
        "thaiCounting",
        "bahtText",
        "dollarText",
        "custom",
    ]
)
_SUFFIXES = frozenset({"tab", "space", "nothing"})
#: Levels of a list: Word has nine (0–8).
MAX_LEVEL = 8


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None means the level prints nothing
    restart: int | None = None  # lvlRestart (1-based level after which to restart); 0 never
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None  # pStyle linking the level to a paragraph style


def _val(e: _Element | None, default: str | None = None) -> str | None:
    if e is None:
        return default
    return e.get(qn("w:val"), default)


class _Parse:
    """Reads numbering.xml values with the document's limits, reporting what it repairs."""

    def __init__(self, problems: Problems, limits: Limits) -> None:
        self.problems = problems
        self.limits = limits

    def counter(self, raw: str | None, what: str) -> int | None:
        return parse_int(raw, f"numbering.xml: {what}", self.problems, lo=0, hi=self.limits.max_counter, clamp=True)

    def ilvl(self, raw: str | None, what: str = "list level") -> int | None:
        return parse_int(raw, f"numbering.xml: {what}", self.problems, lo=0, hi=MAX_LEVEL)

    def level(self, lvl: _Element, base: Level | None = None) -> Level:
        out = Level() if base is None else Level(**base.__dict__)
        start = lvl.find(qn("w:start"))
        if start is not None:
            value = self.counter(_val(start, "1"), "start value")
            if value is not None:
                out.start = value
        fmt = lvl.find(qn("w:numFmt"))
        if fmt is not None:
            raw = _val(fmt, "decimal") or "decimal"
            if raw not in NUM_FORMATS:
                self.problems.add("numbering.xml: number format unknown ({}); printed in decimal", example=shown(raw))
                raw = "decimal"
            out.fmt = raw
        text = lvl.find(qn("w:lvlText"))
        if text is not None:
            level_text = _val(text, "") or ""
            cap = 4 * self.limits.max_ordinal_chars
            if len(level_text) > cap:
                self.problems.add(
                    f"numbering.xml: a level text longer than {cap} characters ({{}}); cut",
                    example=f"{len(level_text):,}",
                )
                level_text = level_text[:cap]
            out.text = level_text
        restart = lvl.find(qn("w:lvlRestart"))
        if restart is not None:
            value = parse_int(_val(restart, "0"), "numbering.xml: restart level", self.problems, lo=0, hi=MAX_LEVEL + 1)
            if value is not None:
                out.restart = value
        legal = lvl.find(qn("w:isLgl"))
        if legal is not None:
            out.legal = (_val(legal, "1") or "1").strip().lower() not in ("0", "false", "off")
        suff = lvl.find(qn("w:suff"))
        if suff is not None:
            out.suffix = parse_enum(_val(suff, "tab"), "numbering.xml: suffix", _SUFFIXES, self.problems) or "tab"
        pstyle = lvl.find(qn("w:pStyle"))
        if pstyle is not None:
            out.style = _val(pstyle)
        return out


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl -> full level override
    used: set[int] = field(default_factory=set)  # levels used so far (an override applies on first use)


class Numbering:
    """The numbering definitions of one document and the running counters.

    Feed paragraphs in document order to :meth:`label`; it returns the label Word prints
    and advances the counters. Counters are clamped to ``max_counter`` and printed labels
    to ``max_ordinal_chars`` (both reported): Word caps starts at 32767, and a level text
    that repeats ``%1`` a million times must not print a megabyte per paragraph.
    """

    def __init__(self, root: _Element | None, problems: Problems | None = None, limits: Limits | None = None) -> None:
        self.problems = problems if problems is not None else Problems()
        self.limits = limits if limits is not None else Limits()
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.style_links: dict[str, str] = {}  # abstractNum styleLink/numStyleLink
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        parse = _Parse(self.problems, self.limits)
        for a in root.findall(qn("w:abstractNum")):
            aid = a.get(qn("w:abstractNumId"), "")
            levels: dict[int, Level] = {}
            for x in a.findall(qn("w:lvl")):
                k = parse.ilvl(x.get(qn("w:ilvl"), "0"))
                if k is not None:
                    levels[k] = parse.level(x)
            self.abstracts[aid] = levels
            link = a.find(qn("w:numStyleLink"))
            if link is not None:
                self.style_links[aid] = _val(link) or ""
        for n in root.findall(qn("w:num")):
            nid = n.get(qn("w:numId"), "")
            inst = _Instance(abstract=_val(n.find(qn("w:abstractNumId")), "") or "")
            for o in n.findall(qn("w:lvlOverride")):
                k = parse.ilvl(o.get(qn("w:ilvl"), "0"), "list level of an override")
                if k is None:
                    continue
                so = o.find(qn("w:startOverride"))
                if so is not None:
                    value = parse.counter(_val(so, "1"), "start override")
                    if value is not None:
                        inst.overrides[k] = value
                lvl = o.find(qn("w:lvl"))
                if lvl is not None:
                    base = self.abstracts.get(inst.abstract, {}).get(k)
                    inst.levels[k] = parse.level(lvl, base)
            self.instances[nid] = inst

    def reset(self) -> None:
        """Back to the state before the first paragraph (for a second reading pass)."""
        self.counters.clear()
        for inst in self.instances.values():
            inst.used.clear()

    def resolve_links(self, style_num: dict[str, tuple[str | None, int | None]]) -> None:
        """Abstract numberings that only point at a numbering style (numStyleLink) take
        that style's definitions; called once the styles are known."""
        by_style_link: dict[str, str] = {}
        for aid, style_id in self.style_links.items():
            num_id = style_num.get(style_id, (None, None))[0]
            instance = self.instances.get(num_id or "")
            if instance is not None and instance.abstract != aid:
                by_style_link[aid] = instance.abstract
        for aid, target in by_style_link.items():
            self.abstracts[aid] = self.abstracts.get(target, {})

    def level(self, num_id: str, ilvl: int) -> Level | None:
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        if ilvl in inst.levels:
            return inst.levels[ilvl]
        return self.abstracts.get(inst.abstract, {}).get(ilvl)

    def list_key(self, num_id: str) -> str | None:
        """What identifies a list across its instances: the abstract numbering they share."""
        inst = self.instances.get(num_id)
        return None if inst is None or num_id in ("", "0") else inst.abstract

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(label, suffix) for the next paragraph numbered ``num_id``/``ilvl``; None when it
        prints no ordinal (numId 0 removes numbering, bullets are not ordinals).

        Instances of one abstract numbering share its counters (LibreOffice and Word
        continue ``1. 2.`` across them); an instance's ``startOverride`` for a level
        restarts that level the first time the instance numbers a paragraph *at that
        level*, so an override on level 1 of an instance used only for level-2 items
        leaves the level-1 count alone.
        """
        inst = self.instances.get(num_id)
        if num_id in ("", "0") or inst is None:
            return None
        lvl = self.level(num_id, ilvl)
        if lvl is None or lvl.text is None:
            return None
        counters = self.counters.setdefault(inst.abstract, {})
        if ilvl not in inst.used:
            inst.used.add(ilvl)
            if ilvl in inst.overrides:
                counters[ilvl] = inst.overrides[ilvl] - 1
        value = counters.get(ilvl, lvl.start - 1) + 1
        if value > self.limits.max_counter:
            self.problems.add(f"numbering.xml: a list counts past {self.limits.max_counter}; held there")
            value = self.limits.max_counter
        counters[ilvl] = value
        for deeper in [d for d in counters if d > ilvl]:
            d_lvl = self.level(num_id, deeper)
            restart = d_lvl.restart if d_lvl is not None else None
            if restart == 0 or (restart is not None and ilvl + 1 > restart):
                continue
            del counters[deeper]
        if lvl.fmt == "bullet":
            return None
        return self._print(num_id, lvl, counters), lvl.suffix

    def _print(self, num_id: str, lvl: Level, counters: dict[int, int]) -> str:
        limit = self.limits.max_ordinal_chars
        text = lvl.text or ""
        out: list[str] = []
        size = 0
        i = 0
        while i < len(text) and size <= limit:
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                if 0 <= k <= MAX_LEVEL:
                    k_lvl = self.level(num_id, k) or Level()
                    n = counters.get(k, k_lvl.start)
                    fmt = "decimal" if lvl.legal and k_lvl.fmt not in ("none",) else k_lvl.fmt
                    piece = format_number(n, fmt, limit)
                    out.append(piece)
                    size += len(piece)
                i += 2
                continue
            out.append(ch)
            size += 1
            i += 1
        label = "".join(out)
        if len(label) > limit:
            self.problems.add(f"numbering.xml: a printed list number longer than {limit} characters; cut")
            label = label[:limit]
        return label
