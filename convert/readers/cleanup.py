"""Line-level repairs of text that went through PDFs, sharing sites and chat apps.

Each repair is safe (it never removes a Han character or a digit) and reported as a
diagnostic with its source line, so a person can see what the tool changed and why.
Repairs that change characters can be switched off; removing characters that no output
format can carry (XML-forbidden controls) cannot, and is reported all the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from ..chars import CJK_PUNCT, HAN, HAN_RE, LOST_SYMBOL_BULLETS, SYMBOL_BULLETS
from ..model import Diagnostic

_HAN_RE = HAN_RE

# Site markers: lines that are only a bracketed ASCII token, e.g. ##paidbegin##,
# [[pagebreak]], {{ad}}, <<end>>. Content never looks like this.
_MARKER = re.compile(r"^\s*(?:#{2,}|\[\[|\{\{|<<)\s*[A-Za-z][A-Za-z0-9_\-: ]{0,40}\s*(?:#{2,}|\]\]|\}\}|>>)\s*$")
_ESCAPE = re.compile(r"<U\+([0-9A-Fa-f]{4,6})>|\\u([0-9A-Fa-f]{4})|&#x([0-9A-Fa-f]{2,6});|&nbsp;")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
#: Characters XML 1.0 cannot carry (and so no DOCX/EPUB can), plus C1 controls: controls
#: but tab and newline, DEL and C1, lone surrogates, U+FFFE and U+FFFF.
_FORBIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
#: Kangxi radicals and the CJK radicals supplement: look-alikes of ordinary characters.
_RADICALS = "\u2e80-\u2eff\u2f00-\u2fdf"

# One regex search answers "is there anything to repair?" for a whole line in C; the
# per-character passes below run only on the few lines where the answer is yes.
_FORBIDDEN_RE = re.compile(f"[{_FORBIDDEN}]")
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
_ODD_SPACES_RE = re.compile(f"[{_ODD_SPACES}]")
_RADICALS_RE = re.compile(f"[{_RADICALS}]")


def split_lines(text: str) -> tuple[list[str], list[Diagnostic]]:
    """Normalise CRLF / CR / form feeds to LF and split; report what was seen."""
    text, diags = normalize_breaks(text)
    return text.split("\n"), diags


def iter_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as :func:`split_lines` cuts them, one at a time: a list of
    every line of 10 MB of short lines is millions of objects at once."""
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def normalize_breaks(text: str) -> tuple[str, list[Diagnostic]]:
    """CRLF / CR / form feeds as LF; report what was seen."""
    diags: list[Diagnostic] = []
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    if crlf or lone_cr:
        kinds = ", ".join(k for k, n in (("CRLF", crlf), ("lone CR", lone_cr)) if n)
        diags.append(Diagnostic("info", "line-endings", f"line endings normalised to LF (found {kinds})", None))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text or "\v" in text:
        n = text.count("\f") + text.count("\v")
        diags.append(Diagnostic("info", "form-feed", f"{n} form feed(s) treated as line breaks", None))
        text = text.replace("\f", "\n").replace("\v", "\n")
    return text, diags


def is_site_marker(line: str) -> bool:
    return bool(_MARKER.match(line))


def _is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


def _cjk(ch: str) -> bool:
    return _is_han(ch) or ch in CJK_PUNCT


#: The characters whose escapes exports leave in text (R and Excel write ``<U+00A0>``, JSON
#: ``\u3000``, HTML ``&#x200B;``): invisible spaces. Only these escapes are repaired; any
#: other (``<U+4E2D>``, ``\u6587``, ``&#x5B57;``) may be what the text says, and its digits
#: are content: it stays as written.
_INVISIBLE = frozenset(_ODD_SPACES + _ZERO_WIDTH + "\u3000")


def _unescape(m: re.Match[str]) -> str:
    """An invisible space for its escape (U+3000 kept, the others as a space; zero-width
    characters go with the zero-width repair); any other escape unchanged."""
    if m.group(0) == "&nbsp;":
        return " "
    code = int(next(g for g in m.groups() if g), 16)
    ch = chr(code) if code <= 0x10FFFF else ""
    if ch not in _INVISIBLE or not ch:
        return m.group(0)
    return " " if ch in _ODD_SPACES else ch


def _repair_escapes(line: str) -> tuple[str, int]:
    """The line with its invisible-space escapes repaired, and how many there were."""
    repaired = 0

    def one(m: re.Match[str]) -> str:
        nonlocal repaired
        out = _unescape(m)
        repaired += out != m.group(0)
        return out

    fixed = _ESCAPE.sub(one, line)
    return fixed, repaired


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
#: What the per-character pass of :func:`fix_punctuation` may change.
_HALF_WIDTH_RE = re.compile("[" + re.escape("".join(_HALF_TO_FULL) + ".") + "]")


def _full_width_marks(line: str, changes: Counter[str]) -> str:
    """, ; : ? ! and . beside Chinese text to full-width, deciding at each such mark (the
    rest of the line is copied as it is)."""
    out: list[str] = []
    n = len(line)
    done = 0
    for m in _HALF_WIDTH_RE.finditer(line):
        i = m.start()
        ch = line[i]
        mark = _full_width(line, i, ch, n, changes)
        if mark != ch:
            out.append(line[done:i])
            out.append(mark)
            done = i + 1
    if not out:
        return line
    out.append(line[done:])
    return "".join(out)


def _full_width(line: str, i: int, ch: str, n: int, changes: Counter[str]) -> str:
    """The mark at ``line[i]``, full-width when it stands beside Chinese text."""
    if ch in _HALF_TO_FULL:
        prev = line[i - 1] if i else ""
        nxt = line[i + 1] if i + 1 < n else ""
        if prev.isdigit() and nxt.isdigit():
            return ch
        if ch == ":" and nxt == "/":
            return ch
        latin_side = (prev.isascii() and prev.isalpha()) and (nxt.isascii() and (nxt.isalpha() or nxt == " "))
        if (_cjk(prev) or _cjk(nxt)) and not latin_side:
            changes[f"{ch} → {_HALF_TO_FULL[ch]}"] += 1
            return _HALF_TO_FULL[ch]
        return ch
    if 1 <= i <= 3 and re.fullmatch(r"[一二三四五六七八九十]{1,3}", line[:i]):
        return ch  # 一. — an ordinal with a half-width stop, not a sentence end
    if (
        i
        and (_is_han(line[i - 1]) or line[i - 1] in "”’）》")
        and (i + 1 == n or _is_han(line[i + 1]) or line[i + 1] in "“（《")
    ):
        if line[i - 1] in "”’）》" and not (i > 1 and _is_han(line[i - 2])):
            return ch
        changes[". → 。"] += 1
        return "。"
    return ch


def fix_punctuation(line: str) -> tuple[str, Counter[str]]:
    """Half-width punctuation inside Chinese text to full-width; Latin text, URLs and
    numbers (``3.5``, ``1,000``, ``10:30``) are left alone."""
    changes: Counter[str] = Counter()
    if not _HAN_RE.search(line):
        return line, changes

    # Parentheses whose content or surroundings are Chinese: (一) (2篇) (市区).
    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        start, end = m.start(), m.end()
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        han_inside = bool(_HAN_RE.search(inner))
        short_token = re.fullmatch(r"[0-9A-Za-z]{1,3}", inner) is not None
        ctx_before = before == "" or _cjk(before) or before.isspace()
        ctx_after = after == "" or _cjk(after) or after.isspace()
        if (
            (han_inside and not re.search(r"[A-Za-z]{3,}", inner))
            or (short_token and ctx_before and (ctx_after or _cjk(after)))
        ) and (han_inside or ctx_before):
            changes["( ) → （ ）"] += 1
            return f"（{inner}）"
        return m.group(0)

    if "(" in line:
        line = re.sub(r"\(([^()\n]{1,60})\)", paren, line)

    if _HALF_WIDTH_RE.search(line):
        line = _full_width_marks(line, changes)

    # Straight double quotes around Chinese text: pair them up as “ ”.
    if line.count('"') >= 2 and line.count('"') % 2 == 0:
        parts = line.split('"')
        if all(_HAN_RE.search(parts[k]) for k in range(1, len(parts), 2)):
            rebuilt = parts[0]
            for k in range(1, len(parts)):
                rebuilt += ("“" if k % 2 else "”") + parts[k]
            changes['" " → “ ”'] += line.count('"') // 2
            line = rebuilt
    # Three or six ASCII dots after Chinese text: the ellipsis ……
    if "..." in line:
        line, k = re.subn(rf"(?<=[{HAN}，。”])\.{{3,6}}", "……", line)
        if k:
            changes["... → ……"] += k
    return line, changes


_SPACE_AFTER_PUNCT = re.compile(r"(?<=[，。、；：？！”’）》」』】])[ \u3000]+(?=\S)")
#: The space (a Word list's tab) after an item's number that opens a line: 1.　抓学习 is
#: printed 1.抓学习. Not before Latin (1. Introduction).
_SPACE_AFTER_NUMBER = re.compile(rf"^((?:\d{{1,3}}|[{HAN}]{{1,3}})[.．、)）])[ \u3000]+(?=[{HAN}“（])")


def _spaces_between_han(line: str) -> list[int]:
    """Where a single space stands between two Han characters. (A loop over the few
    spaces of a line with the shared HAN_RE: a regex of its own with two Han classes
    would cost every run 2.5 ms to compile.)"""
    found = []
    i = line.find(" ", 1)
    while i != -1:
        if _HAN_RE.match(line, i - 1) and _HAN_RE.match(line, i + 1):
            found.append(i)
        i = line.find(" ", i + 1)
    return found


def fix_spaces(line: str, keep_between_han: bool = False) -> tuple[str, int]:
    """Stray spaces that PDF extraction leaves inside Chinese text. ``keep_between_han``:
    the text separates its phrases with spaces instead of punctuation (:func:`spaced_phrases`)."""
    if " " not in line and "\u3000" not in line:
        return line, 0
    line2, count = _SPACE_AFTER_PUNCT.subn("", line)
    line2, k = _SPACE_AFTER_NUMBER.subn(r"\1", line2)
    count += k
    # Spaces between two Han characters are stray when the line has several of them
    # (text copied out of a PDF); a single one may be deliberate (a name spaced out).
    stray = [] if keep_between_han else _spaces_between_han(line2)
    if len(stray) >= 2:
        cut = set(stray)
        line2 = "".join(c for i, c in enumerate(line2) if i not in cut)
        count += len(stray)
    return line2, count


#: Lines :func:`spaced_phrases` looks at (the text's opening tells) and how long one is.
SPACED_SAMPLE = 400
SPACED_LINE_MIN = 20
#: Fewest long lines it needs, and the share of them that must be spaced and unpunctuated.
SPACED_LINES_MIN = 5
SPACED_SHARE = 0.8
_PHRASE_PUNCT = re.compile("[，。！？；：、,!?;]")


def spaced_phrases(text: str) -> bool:
    """A text that separates its phrases with spaces and its sentences with line breaks,
    with no punctuation at all: a recording's transcript (大家上午好 今天我们在这里…). Its
    spaces are the only marks between its phrases, not the stray spaces of a PDF export,
    and each line is a sentence of its own."""
    long = spaced = 0
    for line in islice(iter_lines(text), SPACED_SAMPLE):
        t = line.strip()
        if len(t) < SPACED_LINE_MIN:
            continue
        long += 1
        spaced += _PHRASE_PUNCT.search(t) is None and len(_spaces_between_han(t)) >= 2
    return long >= SPACED_LINES_MIN and spaced >= SPACED_SHARE * long


_SYMBOL_RE = re.compile(f"[{''.join(SYMBOL_BULLETS)}]")
#: A bullet an export to GBK could not encode and wrote as a question mark (?  加强学习): a
#: bullet of no known shape.
_UNENCODED_BULLET = {"?": "•", "？": "•"}
_LOST_BULLETS = LOST_SYMBOL_BULLETS | _UNENCODED_BULLET
_LOST_LETTERS = "".join(c for c in LOST_SYMBOL_BULLETS if c.isascii() and c.isalpha())
#: A lost symbol-font bullet opening a line of Chinese text: a letter or a question mark
#: needs a space after it (l 加强学习; never n个样本, nor a question's mark wrapped onto
#: the next line), the other marks may have none (Ø加强学习).
_LOST_BULLET = re.compile(
    f"^(?:[{''.join(c for c in LOST_SYMBOL_BULLETS if c not in _LOST_LETTERS)}][ \t\u3000]*"
    f"|[{_LOST_LETTERS}?？][ \t\u3000]+)(?=[{HAN}“（])"
)


def _lost_bullet(line: str, lineno: int, out: list[Diagnostic]) -> str:
    """A bullet of Word's symbol font that a text export kept as the font's Latin-1 code
    (Ø 加强学习 for ▶): the bullet it draws; written as ? by an export to GBK: a bullet."""
    if line[:1] not in _LOST_BULLETS or not _LOST_BULLET.match(line):
        return line
    out.append(
        Diagnostic(
            "info",
            "symbol-font",
            f"replaced “{line[0]}”, a bullet of a symbol font the export lost, with “{_LOST_BULLETS[line[0]]}”",
            lineno,
        )
    )
    return _LOST_BULLETS[line[0]] + line[1:]


#: Every character some repair of :func:`clean_line` starts from (the controls, the first
#: character of each escape, invisible and odd spaces, radicals, tabs and spaces, half-width
#: punctuation, parentheses and quotes): a line without any is already clean.
_BULLET_OR_INDENT = frozenset(_LOST_BULLETS) | {" ", "\t", "\u3000"}
_NEEDS_CLEANING = re.compile(
    f"[{_FORBIDDEN}{_ZERO_WIDTH}{_ODD_SPACES}{_RADICALS}{''.join(SYMBOL_BULLETS)}"
    + re.escape('<\\&\t \u3000("' + "".join(_HALF_TO_FULL) + ".")
    + "]"
)


def clean_line(line: str, lineno: int, repair: bool, out: list[Diagnostic], spaced: bool = False) -> str:
    """One line through every character-level repair, reporting each kind once per line.
    ``spaced``: the text's spaces stand for its punctuation (:func:`spaced_phrases`)."""
    if repair:
        line = _lost_bullet(line.lstrip(" \t\u3000"), lineno, out) if line[:1] in _BULLET_OR_INDENT else line
    if not _NEEDS_CLEANING.search(line):
        return line  # (one search in C for the common line: the passes below are many)
    removed = _FORBIDDEN_RE.findall(line)
    if removed:
        line = _FORBIDDEN_RE.sub("", line)
        names = ", ".join(sorted({f"U+{ord(c):04X}" for c in removed}))
        out.append(
            Diagnostic("warning", "control-char", f"removed {len(removed)} control character(s) ({names})", lineno)
        )
    if not repair:
        return line.strip(" \t\u3000")
    if _ESCAPE.search(line):
        line, k = _repair_escapes(line)
        if k:
            out.append(
                Diagnostic("info", "escape", f"replaced {k} escape(s) of invisible spaces such as <U+00A0>", lineno)
            )
    line, zw = _ZERO_WIDTH_RE.subn("", line)
    if zw:
        out.append(
            Diagnostic(
                "info", "zero-width", f"removed {zw} invisible character(s) (zero-width space, soft hyphen)", lineno
            )
        )
    line = _ODD_SPACES_RE.sub(" ", line)
    if _SYMBOL_RE.search(line):
        k = len(_SYMBOL_RE.findall(line))
        line = _SYMBOL_RE.sub(lambda m: SYMBOL_BULLETS[m.group()], line)
        out.append(
            Diagnostic(
                "info",
                "symbol-font",
                f"replaced {k} bullet(s) of a symbol font (Wingdings) with the Unicode ones",
                lineno,
            )
        )
    if _RADICALS_RE.search(line):
        fixed = _RADICALS_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
        k = sum(1 for a, b in zip(line, fixed) if a != b)
        line = fixed
        out.append(
            Diagnostic(
                "info", "radical", f"replaced {k} Kangxi radical code point(s) with the ordinary characters", lineno
            )
        )
    line = line.replace("\t", " ").strip(" \u3000")
    line, k = fix_spaces(line, keep_between_han=spaced)
    if k:
        out.append(Diagnostic("info", "spaces", f"removed {k} stray space(s) inside Chinese text", lineno))
    line, changes = fix_punctuation(line)
    if changes:
        what = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in changes.items())
        out.append(Diagnostic("info", "punctuation", f"half-width punctuation made full-width: {what}", lineno))
    return line


_PLACEHOLDER = re.compile(
    rf"(?<![A-Za-z])(?:[xX]{{1,3}}|[×Ｘｘ]{{1,3}})(?![A-Za-z])(?=[%％{HAN}0-9年月日个亿万]|$)"
    rf"|(?<=[{HAN}0-9])(?:[xX]{{1,3}}|[×Ｘｘ]{{2,3}})(?![A-Za-z])"
    r"|[□〇○]{2,}|□"
)


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """Unfilled placeholders: ``x%``, ``x个``, ``XX``, ``××``, ``□□``. Text is kept;
    the person must fill them in."""
    found = []
    for m in _PLACEHOLDER.finditer(text):
        s, e = m.start(), m.end()
        token = m.group(0)
        if token in ("〇〇", "○○") or (token[0] in "〇○" and not any(c in token for c in "□")):
            # 〇 is also the numeral zero (二〇二四年): only flag runs that are not digits
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            if before in "一二三四五六七八九〇零" or after in "一二三四五六七八九〇零年":
                continue
        if token[0] in "xX×Ｘｘ":
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            if not (_is_han(before) or _is_han(after) or after in "%％" or before.isdigit()):
                continue
            if before.isdigit() and after.isdigit():
                continue  # 3x4, a dimension
        found.append((s, token))
    return found
