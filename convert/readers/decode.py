"""Bytes to text, the way manuscripts actually arrive.

Offices save text as UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode"), or
GBK/GB18030 (Chinese Windows' ANSI). Guessing wrong turns a speech into mojibake, so the
order is: a BOM is authoritative; then strict UTF-8 (which almost never decodes non-UTF-8
Chinese by accident); then BOM-less UTF-16 when the NUL pattern says so; then
charset-normalizer's verdict, with GB2312/GBK widened to their superset GB18030.
Anything that looks like a binary file (an image, a zip, a PDF renamed ``.txt``) is
refused with a clear message instead of being "decoded" into garbage.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..model import Diagnostic
from .base import ReadError

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\xd0\xcf\x11\xe0": "an old Word/Office (OLE) file",
    b"{\\rtf": "an RTF file",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
}

_CHINESE_WIDEN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
}


@dataclass(frozen=True)
class Decoded:
    """The text, the encoding it was read in, and the repairs decoding made (reported, never silent)."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...]


def _looks_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: NUL bytes (from ASCII characters and line ends) and a decoding,
    LE or BE, that reads as text — mostly Han, CJK punctuation or printable ASCII."""
    if len(data) < 4 or len(data) % 2 or 0 not in data:
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        good = sum(
            1
            for ch in text
            if ("\u4e00" <= ch <= "\u9fff")
            or ("\u3000" <= ch <= "\u303f")
            or ("\uff00" <= ch <= "\uffef")
            or (" " <= ch <= "~")
            or ch in "\r\n\t“”‘’…—"
        )
        score = good / len(text)
        if score > best_score:
            best, best_score = enc, score
    return best if best_score > 0.9 else None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            if magic == b"MZ" and len(data) < 64:
                continue
            return kind
    return None


def decode(data: bytes) -> Decoded:
    """Decode manuscript bytes; raise :class:`ReadError` for empty, binary or undecodable input."""
    if not data:
        raise ReadError("empty file")
    diags: list[Diagnostic] = []
    text: str | None = None
    encoding = ""
    for bom, enc, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
        (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(
                    f"starts with a {name} byte-order mark but is not valid {name} (byte {e.start + len(bom)})"
                ) from None
            encoding = name
            break
    if text is None:
        kind = _binary_kind(data)
        if kind:
            raise ReadError(f"binary file ({kind}), not a text manuscript")
        try:
            text = data.decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            pass
        if text is not None and not text.isascii() and not _has_cjk(text):
            # Short GBK text can happen to be valid UTF-8 (一 = D2 BB = Cyrillic һ). A
            # manuscript always holds Chinese: when the UTF-8 reading has none and the
            # GB18030 reading is Chinese, the file is GB18030. (For a text without any
            # Chinese the bytes are truly ambiguous; UTF-8 is kept.)
            try:
                alt = data.decode("gb18030")
                if _has_cjk(alt) and _readable_share(alt) > _readable_share(text):
                    text, encoding = alt, "GB18030"
            except UnicodeDecodeError:
                pass
    if text is None:
        enc16 = _looks_utf16(data)
        if enc16:
            try:
                text = data.decode(enc16)
                encoding = enc16.upper().replace("-LE", " LE").replace("-BE", " BE") + " (no BOM)"
            except UnicodeDecodeError:
                text = None
    if text is None:
        if 0 in data:
            raise ReadError("binary file (contains NUL bytes), not a text manuscript")
        text, encoding = _guess_legacy(data)
        diags.append(Diagnostic("info", "encoding", f"decoded as {encoding} (not UTF-8)", None))
    elif encoding != "UTF-8" or encoding == "GB18030":
        diags.append(Diagnostic("info", "encoding", f"decoded as {encoding}", None))
    _check_textual(text)
    return Decoded(text=text, encoding=encoding, diagnostics=tuple(diags))


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """The legacy encoding of a non-UTF-8 file.

    GB18030 (a superset of GBK and GB2312, what Chinese Windows saves) wins whenever it
    decodes the bytes strictly into readable text, unless charset-normalizer recognises
    Big5 (Traditional Chinese Windows); otherwise charset-normalizer's guess is taken. A
    guess of UTF-16/32 is never taken here: without a byte-order mark those files show
    themselves by their NUL bytes, and that test ran before this one. When no decoding
    reads well, the most readable strict one is kept (GB18030 first) rather than none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = _CHINESE_WIDEN.get(best.encoding.lower(), best.encoding) if best is not None else None
    if guess and guess.lower().replace("-", "_").startswith(("utf_16", "utf_32")):
        guess = None
    # On a few bytes the guess is noise; Big5 is trusted only with some text to go on.
    order = ["big5hkscs", "gb18030"] if guess == "big5hkscs" and len(data) >= 64 else ["gb18030"]
    if guess:
        order.append(guess)
    decoded: list[tuple[float, str, str]] = []
    for enc in dict.fromkeys(order):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        share = _readable_share(text)
        if share >= 0.5:
            return text, enc.upper()
        decoded.append((share, text, enc))
    if decoded:
        share, text, enc = max(decoded, key=lambda d: d[0])  # max keeps the first of equals
        if share > 0:
            return text, enc.upper()
    raise ReadError("cannot decode the text: not UTF-8, UTF-16 or GB18030 (save it as UTF-8 and try again)")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)


def _readable_share(text: str) -> float:
    """Share of characters that read as Chinese text, among those that are neither control
    characters nor white space: those are noise or neutral either way (cleanup drops
    controls and says so), so they must not make a right decoding lose to a wrong one
    that turns their bytes into Han."""
    visible = [ch for ch in text if not (_is_control(ch) or ch.isspace())]
    if not visible:
        return 0.0
    good = sum(
        1
        for ch in visible
        if ("\u4e00" <= ch <= "\u9fff")
        or ("\u3000" <= ch <= "\u303f")
        or ("\uff00" <= ch <= "\uffef")
        or ("!" <= ch <= "~")
        or ch in "“”‘’…—"
    )
    return good / len(visible)


def _is_control(ch: str) -> bool:
    o = ord(ch)
    return (o < 32 and ch not in "\t\n\r") or 0x7F <= o < 0xA0


def _check_textual(text: str) -> None:
    if not text.strip():
        raise ReadError("the file holds only white space: no text to convert")
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0)
    if controls > max(8, len(sample) * 0.05):
        raise ReadError("binary data (too many control characters), not a text manuscript")
    if "\ufffd" in sample and sample.count("\ufffd") > len(sample) * 0.05:
        raise ReadError("undecodable text (full of replacement characters)")
