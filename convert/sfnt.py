"""TrueType bytes in and out without fontTools: read the tables a subset needs from a
``glyf`` font, and write a new font from chosen glyphs.

fontTools can do all of this and far more, but importing it costs about 70 ms and its
general subsetter takes about half a second to cut 1 000 glyphs out of a 3 MB TrueType
font — more than the rest of a PDF run. The fonts read here are the ones our own code
made (the glyph store of :mod:`convert.fontstore`, whose glyphs fontTools converted
once), so copying glyphs out of them is byte slicing: milliseconds. What is read is
what those fonts hold: ``cmap`` formats 4 and 12, short or long ``loca``, simple and
composite glyphs, ``OS/2`` of any version. Hinting is never written (the store has none).
"""

from __future__ import annotations

import bisect
import struct
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

#: Tables copied from the template font as they are, apart from the fields recomputed below.
_COPIED = ("OS/2", "head", "hhea", "name", "post")
#: Tables a subset is built from; anything else in a source font is ignored.
_REQUIRED = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")

# Composite glyph flags (OpenType spec, 'glyf' table).
_ARG_1_AND_2_ARE_WORDS = 0x0001
_WE_HAVE_A_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
_WE_HAVE_A_TWO_BY_TWO = 0x0080


class SfntError(ValueError):
    """Bytes that are not a TrueType font this module can read."""


@dataclass(frozen=True)
class Metrics:
    """What a PDF font dictionary needs, in font units (the writer scales to 1/1000 em)."""

    upm: int
    cmap: dict[int, int]  # code point -> glyph id
    widths: list[int]  # advance width per glyph id
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int  # 0 when the font does not say
    italic_angle: float
    ps_name: str


def _checksum(data: bytes) -> int:
    if len(data) % 4:
        data += b"\0" * (4 - len(data) % 4)
    return sum(_be_uint32(data)) & 0xFFFFFFFF


def _be_uint32(data: bytes) -> array:
    """``data`` (a multiple of 4 bytes) as big-endian unsigned 32-bit words."""
    words = array("I", data)
    if words.itemsize != 4:  # pragma: no cover - every platform CPython runs on has a 4-byte "I"
        raise SfntError("no 32-bit array type")
    if struct.pack("=I", 1) != struct.pack(">I", 1):
        words.byteswap()
    return words


def _be_uint16(data: bytes) -> array:
    words = array("H", data)
    if struct.pack("=H", 1) != struct.pack(">H", 1):
        words.byteswap()
    return words


@dataclass
class Font:
    """A parsed TrueType font: tables by tag, and the glyph-level views a subset needs."""

    data: bytes
    tables: dict[str, tuple[int, int]]  # tag -> (offset, length)

    @classmethod
    def read(cls, data: bytes) -> Font:
        if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"true"):
            raise SfntError("not a TrueType (glyf) font")
        (num,) = struct.unpack_from(">H", data, 4)
        tables: dict[str, tuple[int, int]] = {}
        for i in range(num):
            tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if offset + length > len(data):
                raise SfntError(f"table {tag!r} runs past the end of the font")
            tables[tag.decode("latin-1")] = (offset, length)
        missing = [t for t in _REQUIRED if t not in tables]
        if missing:
            raise SfntError(f"font lacks table(s) {', '.join(missing)}")
        return cls(data, tables)

    def table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]

    # -- glyph views -------------------------------------------------------------------

    @cached_property
    def num_glyphs(self) -> int:
        return int(struct.unpack_from(">H", self.data, self.tables["maxp"][0] + 4)[0])

    @cached_property
    def upm(self) -> int:
        return int(struct.unpack_from(">H", self.data, self.tables["head"][0] + 18)[0])

    @cached_property
    def _loca(self) -> array:
        (long_format,) = struct.unpack_from(">h", self.data, self.tables["head"][0] + 50)
        raw = self.table("loca")
        n = self.num_glyphs + 1
        if long_format:
            return _be_uint32(raw[: 4 * n])
        return array("I", (2 * x for x in _be_uint16(raw[: 2 * n])))

    @cached_property
    def _num_hmetrics(self) -> int:
        return int(struct.unpack_from(">H", self.data, self.tables["hhea"][0] + 34)[0])

    def glyph(self, gid: int) -> bytes:
        """The glyph's record in ``glyf`` (empty for a glyph without outline, e.g. space)."""
        loca = self._loca
        start = self.tables["glyf"][0]
        return self.data[start + loca[gid] : start + loca[gid + 1]]

    def metric(self, gid: int) -> tuple[int, int]:
        """(advance width, left side bearing) of a glyph, from ``hmtx``."""
        base = self.tables["hmtx"][0]
        n = self._num_hmetrics
        if gid < n:
            return struct.unpack_from(">Hh", self.data, base + 4 * gid)
        (advance,) = struct.unpack_from(">H", self.data, base + 4 * (n - 1))
        (lsb,) = struct.unpack_from(">h", self.data, base + 4 * n + 2 * (gid - n))
        return advance, lsb

    @cached_property
    def _cmap_table(self) -> _Cmap4 | _Cmap12:
        """The best Unicode subtable (full repertoire first), parsed into arrays."""
        base = self.tables["cmap"][0]
        (num,) = struct.unpack_from(">H", self.data, base + 2)
        subtables: dict[tuple[int, int], int] = {}
        for i in range(num):
            platform, encoding, offset = struct.unpack_from(">HHI", self.data, base + 4 + 8 * i)
            subtables[(platform, encoding)] = base + offset
        for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3)):
            if key in subtables:
                offset = subtables[key]
                (fmt,) = struct.unpack_from(">H", self.data, offset)
                if fmt == 12:
                    return _Cmap12(self.data, offset)
                if fmt == 4:
                    return _Cmap4(self.data, offset)
        raise SfntError("no Unicode cmap of format 4 or 12")

    @cached_property
    def cmap(self) -> dict[int, int]:
        """Code point -> glyph id, every mapping of the font."""
        return self._cmap_table.mapping()

    def lookup(self, codepoints: Iterable[int]) -> dict[int, int]:
        """Code point -> glyph id for ``codepoints`` the font maps: a binary search each,
        cheaper than :attr:`cmap` when a text needs 1 000 of a store's 9 000."""
        get = self._cmap_table.get
        out = {}
        for cp in codepoints:
            gid = get(cp)
            if gid:
                out[cp] = gid
        return out

    def metrics(self) -> Metrics:
        head = self.tables["head"][0]
        bbox = struct.unpack_from(">hhhh", self.data, head + 36)
        hhea_ascent, hhea_descent = struct.unpack_from(">hh", self.data, self.tables["hhea"][0] + 4)
        ascent, descent, cap = hhea_ascent, hhea_descent, 0
        if "OS/2" in self.tables:
            os2, length = self.tables["OS/2"]
            (version,) = struct.unpack_from(">H", self.data, os2)
            ascent, descent = struct.unpack_from(">hh", self.data, os2 + 68)
            if version >= 2 and length >= 90:
                (cap,) = struct.unpack_from(">h", self.data, os2 + 88)
        angle = 0.0
        if "post" in self.tables:
            (fixed,) = struct.unpack_from(">i", self.data, self.tables["post"][0] + 4)
            angle = fixed / 65536.0
        widths = [self.metric(g)[0] for g in range(self.num_glyphs)]
        return Metrics(self.upm, dict(self.cmap), widths, bbox, ascent, descent, cap, angle, self.ps_name())

    def ps_name(self) -> str:
        """Name ID 6 (the PostScript name), "" if the font has none."""
        if "name" not in self.tables:
            return ""
        base = self.tables["name"][0]
        _, count, strings = struct.unpack_from(">HHH", self.data, base)
        found = ""
        for i in range(count):
            platform, _, _, name_id, length, offset = struct.unpack_from(">HHHHHH", self.data, base + 6 + 12 * i)
            if name_id != 6:
                continue
            raw = self.data[base + strings + offset : base + strings + offset + length]
            if platform in (0, 3):
                return raw.decode("utf-16-be", "replace")
            found = found or raw.decode("latin-1")
        return found


class _Cmap4:
    """A format 4 subtable: BMP segments, each a delta or a slice of the glyph array."""

    def __init__(self, data: bytes, offset: int) -> None:
        (seg_x2,) = struct.unpack_from(">H", data, offset + 6)
        self.data = data
        self.ends = _be_uint16(data[offset + 14 : offset + 14 + seg_x2])
        self.starts = _be_uint16(data[offset + 16 + seg_x2 : offset + 16 + 2 * seg_x2])
        self.deltas = _be_uint16(data[offset + 16 + 2 * seg_x2 : offset + 16 + 3 * seg_x2])
        self.range_pos = offset + 16 + 3 * seg_x2
        self.ranges = _be_uint16(data[self.range_pos : self.range_pos + seg_x2])

    def _gid(self, i: int, cp: int) -> int:
        ro = self.ranges[i]
        if ro == 0:
            return (cp + self.deltas[i]) & 0xFFFF
        (gid,) = struct.unpack_from(">H", self.data, self.range_pos + 2 * i + ro + 2 * (cp - self.starts[i]))
        return (gid + self.deltas[i]) & 0xFFFF if gid else 0

    def get(self, cp: int) -> int:
        i = bisect.bisect_left(self.ends, cp)
        if i == len(self.ends) or self.starts[i] > cp or cp == 0xFFFF:
            return 0
        return self._gid(i, cp)

    def mapping(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for i, (start, end) in enumerate(zip(self.starts, self.ends)):
            if start == 0xFFFF:
                continue
            first = (start + self.deltas[i]) & 0xFFFF
            if self.ranges[i] == 0 and first + end - start <= 0xFFFF:  # one run of glyph ids
                out.update(zip(range(start, end + 1), range(first, first + end - start + 1)))
                if first == 0:
                    del out[start]  # glyph 0 means "not mapped"
                continue
            for cp in range(start, end + 1):
                gid = self._gid(i, cp)
                if gid:
                    out[cp] = gid
        return out


class _Cmap12:
    """A format 12 subtable: groups of consecutive code points and glyph ids."""

    def __init__(self, data: bytes, offset: int) -> None:
        (num,) = struct.unpack_from(">I", data, offset + 12)
        groups = _be_uint32(data[offset + 16 : offset + 16 + 12 * num])
        self.starts, self.ends, self.gids = groups[0::3], groups[1::3], groups[2::3]

    def get(self, cp: int) -> int:
        i = bisect.bisect_right(self.starts, cp) - 1
        if i < 0 or cp > self.ends[i]:
            return 0
        return int(self.gids[i] + cp - self.starts[i])

    def mapping(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for start, end, gid in zip(self.starts, self.ends, self.gids):
            out.update(zip(range(start, end + 1), range(gid, gid + end - start + 1)))
        return out


# ---------------------------------------------------------------------------------------
# Glyph records.


def _components(record: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph."""
    out = []
    pos = 10
    while True:
        flags, gid = struct.unpack_from(">HH", record, pos)
        out.append((pos + 2, gid))
        pos += 4 + (4 if flags & _ARG_1_AND_2_ARE_WORDS else 2)
        if flags & _WE_HAVE_A_SCALE:
            pos += 2
        elif flags & _WE_HAVE_AN_X_AND_Y_SCALE:
            pos += 4
        elif flags & _WE_HAVE_A_TWO_BY_TWO:
            pos += 8
        if not flags & _MORE_COMPONENTS:
            return out


def _contours(record: bytes) -> int:
    return int(struct.unpack_from(">h", record)[0]) if record else 0


@dataclass
class _Glyph:
    record: bytes
    advance: int
    lsb: int
    points: int  # of the outline, components included
    contours: int
    depth: int  # 0 simple, 1 composite of simple glyphs, ...
    elements: int  # components of a composite


@dataclass
class Builder:
    """Collects glyphs from one or more source fonts, then writes one font.

    Glyph 0 must be added first (the ``.notdef`` of the template). Components of a
    composite glyph are added with it and its indices rewritten, so every source can be
    a different font.
    """

    template: Font
    glyphs: list[_Glyph] = field(default_factory=list)
    _seen: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, font: Font, gid: int) -> int:
        """Copy glyph ``gid`` of ``font`` (and what it is built from); its id in the new font."""
        key = (id(font), gid)
        new = self._seen.get(key)
        if new is not None:
            return new
        if not 0 <= gid < font.num_glyphs:
            raise SfntError(f"glyph {gid} is outside the font ({font.num_glyphs} glyphs)")
        record = font.glyph(gid)
        advance, lsb = font.metric(gid)
        contours = _contours(record)
        if contours >= 0:
            points = int(struct.unpack_from(">H", record, 10 + 2 * (contours - 1))[0]) + 1 if contours else 0
            glyph = _Glyph(record, advance, lsb, points, contours, 0, 0)
        else:
            patched = bytearray(record)
            points = contours = depth = 0
            parts = _components(record)
            for pos, comp in parts:
                comp_new = self.add(font, comp)
                struct.pack_into(">H", patched, pos, comp_new)
                sub = self.glyphs[comp_new]
                points += sub.points
                contours += sub.contours
                depth = max(depth, sub.depth + 1)
            glyph = _Glyph(bytes(patched), advance, lsb, points, contours, depth, len(parts))
        self.glyphs.append(glyph)
        self._seen[key] = len(self.glyphs) - 1
        return len(self.glyphs) - 1

    def build(self, cmap: Mapping[int, int], extra: Mapping[str, bytes] | None = None) -> bytes:
        """The font: the glyphs added, ``cmap`` (code point -> new glyph id), the template's
        naming and vertical metrics, and ``extra`` tables as they are."""
        if not self.glyphs:
            raise SfntError("a font needs at least glyph 0 (.notdef)")
        tables = {tag: self.template.table(tag) for tag in _COPIED if tag in self.template.tables}
        glyf, loca = self._glyf()
        tables["glyf"], tables["loca"] = glyf, loca
        hmtx, num_hmetrics = self._hmtx()
        tables["hmtx"] = hmtx
        tables["cmap"] = _cmap_table(cmap)
        tables["maxp"] = self._maxp()
        tables["head"] = self._head(tables["head"])
        tables["hhea"] = self._hhea(tables["hhea"], num_hmetrics)
        if "OS/2" in tables:
            tables["OS/2"] = _os2(tables["OS/2"], cmap)
        if "post" in tables:
            tables["post"] = struct.pack(">I", 0x00030000) + tables["post"][4:32]
        tables.update(extra or {})
        return _assemble(tables)

    # -- tables --------------------------------------------------------------------------

    def _glyf(self) -> tuple[bytes, bytes]:
        parts: list[bytes] = []
        offsets = array("I", [0])
        pos = 0
        for g in self.glyphs:
            rec = g.record
            if len(rec) % 4:
                rec += b"\0" * (4 - len(rec) % 4)
            parts.append(rec)
            pos += len(rec)
            offsets.append(pos)
        if struct.pack("=I", 1) != struct.pack(">I", 1):
            offsets.byteswap()
        return b"".join(parts), offsets.tobytes()

    def _hmtx(self) -> tuple[bytes, int]:
        """Trailing glyphs of equal advance share one long metric, as the spec allows."""
        n = len(self.glyphs)
        k = n
        while k > 1 and self.glyphs[k - 1].advance == self.glyphs[k - 2].advance:
            k -= 1
        out = bytearray()
        for g in self.glyphs[:k]:
            out += struct.pack(">Hh", g.advance, g.lsb)
        for g in self.glyphs[k:]:
            out += struct.pack(">h", g.lsb)
        return bytes(out), k

    def _outlined(self) -> Iterable[_Glyph]:
        return (g for g in self.glyphs if g.contours)

    def _bounds(self, g: _Glyph) -> tuple[int, int, int, int]:
        return struct.unpack_from(">hhhh", g.record, 2)

    def _maxp(self) -> bytes:
        simple = [g for g in self.glyphs if g.depth == 0]
        composite = [g for g in self.glyphs if g.depth > 0]
        return struct.pack(
            ">IHHHHHHHHHHHHHH",
            0x00010000,
            len(self.glyphs),
            max((g.points for g in simple), default=0),
            max((g.contours for g in simple), default=0),
            max((g.points for g in composite), default=0),
            max((g.contours for g in composite), default=0),
            1,  # maxZones: no instructions, so no twilight zone
            0,
            0,
            0,
            0,
            0,
            0,
            max((g.elements for g in composite), default=0),
            max((g.depth for g in composite), default=0),
        )

    def _head(self, head: bytes) -> bytes:
        boxes = [self._bounds(g) for g in self._outlined()]
        bbox = (
            (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            if boxes
            else (0, 0, 0, 0)
        )
        out = bytearray(head[:54])
        struct.pack_into(">I", out, 8, 0)  # checkSumAdjustment, set by _assemble
        struct.pack_into(">hhhh", out, 36, *bbox)
        struct.pack_into(">hh", out, 50, 1, 0)  # long loca, current glyph data format
        return bytes(out)

    def _hhea(self, hhea: bytes, num_hmetrics: int) -> bytes:
        lsbs, rsbs, extents = [], [], []
        for g in self._outlined():
            x_min, _, x_max, _ = self._bounds(g)
            lsbs.append(g.lsb)
            rsbs.append(g.advance - g.lsb - (x_max - x_min))
            extents.append(g.lsb + (x_max - x_min))
        out = bytearray(hhea[:36])
        struct.pack_into(
            ">Hhhh",
            out,
            10,
            max(g.advance for g in self.glyphs),
            min(lsbs, default=0),
            min(rsbs, default=0),
            max(extents, default=0),
        )
        struct.pack_into(">H", out, 34, num_hmetrics)
        return bytes(out)


def _os2(os2: bytes, cmap: Mapping[int, int]) -> bytes:
    out = bytearray(os2)
    if len(out) >= 68 and cmap:
        struct.pack_into(">HH", out, 64, min(min(cmap), 0xFFFF), min(max(cmap), 0xFFFF))
    return bytes(out)


def _runs(cmap: Mapping[int, int], cps: list[int]) -> list[tuple[int, int, int]]:
    """(first code point, last code point, first glyph) of runs where both go up by one."""
    runs: list[tuple[int, int, int]] = []
    for cp in cps:
        gid = cmap[cp]
        if runs and cp == runs[-1][1] + 1 and gid == runs[-1][2] + cp - runs[-1][0]:
            runs[-1] = (runs[-1][0], cp, runs[-1][2])
        else:
            runs.append((cp, cp, gid))
    return runs


def _cmap_format4(cmap: Mapping[int, int]) -> bytes:
    """BMP code points as segments with a delta; one segment per run keeps it small when
    glyph ids follow code points (as they do in our subsets)."""
    runs = _runs(cmap, sorted(cp for cp in cmap if cp < 0xFFFF))
    runs.append((0xFFFF, 0xFFFF, 0))  # the required last segment, mapping to .notdef
    seg_count = len(runs)
    ends = [r[1] for r in runs]
    starts = [r[0] for r in runs]
    deltas = [(r[2] - r[0]) & 0xFFFF for r in runs]
    deltas[-1] = 1
    search = 2 * (1 << (seg_count.bit_length() - 1))
    entry = seg_count.bit_length() - 1
    body = struct.pack(f">{seg_count}H", *ends) + b"\0\0" + struct.pack(f">{seg_count}H", *starts)
    body += struct.pack(f">{seg_count}H", *deltas) + b"\0\0" * seg_count
    length = 14 + len(body)
    if length > 0xFFFF:
        raise SfntError("too many code points for a format 4 cmap")
    head = struct.pack(">HHHHHHH", 4, length, 0, 2 * seg_count, search, entry, 2 * seg_count - search)
    return head + body


def _cmap_format12(cmap: Mapping[int, int]) -> bytes:
    runs = _runs(cmap, sorted(cmap))
    body = b"".join(struct.pack(">III", a, b, g) for a, b, g in runs)
    return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(runs)) + body


def _cmap_table(cmap: Mapping[int, int]) -> bytes:
    subtables = [((3, 1), _cmap_format4(cmap))]
    if any(cp > 0xFFFF for cp in cmap):
        subtables.append(((3, 10), _cmap_format12(cmap)))
    offset = 4 + 8 * len(subtables)
    header = struct.pack(">HH", 0, len(subtables))
    body = b""
    for (platform, encoding), data in subtables:
        header += struct.pack(">HHI", platform, encoding, offset + len(body))
        body += data
    return header + body


def _assemble(tables: Mapping[str, bytes]) -> bytes:
    """Table directory, 4-byte aligned tables, checksums and the head's adjustment."""
    tags = sorted(tables)
    num = len(tags)
    entry = num.bit_length() - 1
    search = 16 * (1 << entry)
    out = bytearray(struct.pack(">IHHHH", 0x00010000, num, search, entry, 16 * num - search))
    offset = 12 + 16 * num
    body = bytearray()
    head_at = -1
    sums = {tag: _checksum(tables[tag]) for tag in tags}
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset + len(body)
        out += struct.pack(">4sIII", tag.encode("latin-1"), sums[tag], offset + len(body), len(data))
        body += data
        if len(body) % 4:
            body += b"\0" * (4 - len(body) % 4)
    # The whole font's checksum is the directory's plus the tables' (each 4-byte aligned).
    total = _checksum(bytes(out)) + sum(sums.values())
    out += body
    if head_at >= 0:
        struct.pack_into(">I", out, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(out)


def subset(font: Font, codepoints: Iterable[int], extra: Mapping[str, bytes] | None = None) -> bytes:
    """``font`` cut down to ``.notdef`` and the glyphs of ``codepoints`` it maps (others
    are left out), glyph ids in code point order."""
    builder = Builder(font)
    builder.add(font, 0)
    found = font.lookup(codepoints)
    new = {cp: builder.add(font, found[cp]) for cp in sorted(found)}
    return builder.build(new, extra)
