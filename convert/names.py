"""File names are input too: they may hold bytes that are not UTF-8 (disks written by
Chinese Windows in GBK) and characters that would split or colour a one-line message (a
newline, ``ESC[31m``).

Two views of a name, each for one purpose:

* :func:`quoted` is the name in a message: unchanged when it is plain printable text (a
  Chinese name stays readable), else in double quotes with C escapes and undecodable
  bytes in octal, as git quotes paths. One line on stderr stays one line.
* :func:`text_name` is the name inside an output (EPUB metadata, DOCX properties): always
  valid text, decoded from the raw bytes with a fallback, never with lone surrogates.

The output *file* keeps the input's bytes: paths are only ever passed to the file system
as the ``str`` Python decoded them with (surrogate escapes round-trip).
"""

from __future__ import annotations

import os
import unicodedata

_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
#: Unicode categories that must not reach a terminal raw: controls, format characters
#: (bidirectional overrides), surrogates, line and paragraph separators, unassigned.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

#: Encodings tried, in order, for a name whose bytes are not UTF-8 (GBK is a subset of
#: GB18030; a name that is neither is shown with replacement characters).
_FALLBACK_ENCODINGS = ("gb18030", "big5")


def _unsafe(ch: str) -> bool:
    return ch in '"\\' or unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape(ch: str) -> str:
    if ch in _C_ESCAPES:
        return _C_ESCAPES[ch]
    if ch in '"\\':
        return "\\" + ch
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\{o - 0xDC00:03o}"
    if o < 0x80:
        return f"\\{o:03o}"
    return f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}"


def quoted(name: str | os.PathLike[str]) -> str:
    """The name as a message shows it: as is when every character is printable, else
    ``"…"`` with ``\\n``, ``\\033``, ``\\"`` and octal bytes, so that it cannot split the
    line, colour the terminal or pass for another name."""
    s = os.fspath(name)
    if not any(_unsafe(ch) for ch in s):
        return s
    return '"' + "".join(_escape(ch) if _unsafe(ch) else ch for ch in s) + '"'


def one_line(message: str) -> str:
    """A message made safe for one line of a terminal: controls and other invisible
    characters escaped as in :func:`quoted`, nothing else changed. The last guard before
    stderr: whatever a file name, a style key or an exception text holds, the line stays
    one line."""
    if not any(unicodedata.category(ch) in _UNSAFE_CATEGORIES for ch in message):
        return message
    return "".join(_escape(ch) if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in message)


def text_name(name: str | os.PathLike[str]) -> str:
    """The name as valid text for an output's contents: its bytes decoded as UTF-8, else
    as GB18030 or Big5, else with U+FFFD for what no encoding reads; controls dropped."""
    s = os.fspath(name)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in s):
        raw = s.encode("utf-8", "surrogateescape") if _escapes_only(s) else s.encode("utf-8", "replace")
        for enc in _FALLBACK_ENCODINGS:
            try:
                s = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            s = raw.decode("utf-8", "replace")
    return "".join(ch for ch in s if unicodedata.category(ch) not in ("Cc", "Cs"))


def _escapes_only(s: str) -> bool:
    """Whether every surrogate in ``s`` is a surrogate escape (a byte from the disk)."""
    return all(0xDC80 <= ord(ch) <= 0xDCFF for ch in s if 0xD800 <= ord(ch) <= 0xDFFF)
