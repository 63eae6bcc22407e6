"""Faces as the PDF writer uses them: metrics, text encoding, and the PDF font objects.

reportlab's ``TTFont`` re-subsets a TrueType font into simple fonts of 256 glyphs each,
so one face becomes four or five PDF fonts, each with its own font program. We already
hold a subset made by fontTools (see :mod:`convert.fonts`), so it is embedded as it is:
ONE composite font per face (Type0 / CIDFontType2, Identity-H, CID = glyph id), with a
``W`` width array and a ``ToUnicode`` map so copy-paste and ``pdftotext`` give the
right characters. The objects are added to reportlab's document through its own
delayed-font hook (``doc.delayedFonts`` → ``addObjects``), like ``TTFont`` does.
"""

from __future__ import annotations

import io
import zlib
from typing import Protocol

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from ...cache import sha256
from ...fonts import ResolvedFont


class Face(Protocol):
    resolved: ResolvedFont

    def advance(self, ch: str) -> float: ...  # in em
    def has(self, ch: str) -> bool: ...
    def resource(self, canvas) -> str: ...  # "/F1"
    def encode(self, text: str) -> str: ...  # PDF string operand, e.g. "<0012>"


def _is_unified(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or cp >= 0x20000


class _HexCodes(dict[int, str]):
    """Code point -> its glyph id as four hex digits (0000, the empty box, when the face
    has no glyph): a ``str.translate`` table filled as characters come."""

    def __init__(self, cmap: dict[int, int]) -> None:
        super().__init__()
        self.cmap = cmap

    def __missing__(self, cp: int) -> str:
        code = self[cp] = f"{self.cmap.get(cp, 0):04X}"
        return code


class EmbeddedFace:
    """A fontTools-made TrueType subset, embedded once as a Type0 font."""

    def __init__(self, resolved: ResolvedFont, data: bytes) -> None:
        from fontTools.ttLib import TTFont

        self.resolved = resolved
        self.data = data
        tt = TTFont(io.BytesIO(data))
        self.upm = tt["head"].unitsPerEm
        self.cmap: dict[int, int] = {}
        order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
        for cp, name in (tt.getBestCmap() or {}).items():
            self.cmap[cp] = order[name]
        hmtx = tt["hmtx"]
        self.widths = [hmtx[name][0] for name in tt.getGlyphOrder()]
        head = tt["head"]
        s = 1000.0 / self.upm
        self.bbox = [int(head.xMin * s), int(head.yMin * s), int(head.xMax * s), int(head.yMax * s)]
        os2 = tt.get("OS/2", None)
        hhea = tt["hhea"]
        self.ascent = int((os2.sTypoAscender if os2 else hhea.ascent) * s)
        self.descent = int((os2.sTypoDescender if os2 else hhea.descent) * s)
        self.cap_height = (
            int((getattr(os2, "sCapHeight", 0) or self.ascent * 0.8) * s) if os2 else int(self.ascent * 0.8)
        )
        self.italic_angle = float(tt["post"].italicAngle) if "post" in tt else 0.0
        psname = (tt["name"].getDebugName(6) or resolved.family).replace(" ", "")
        tag = "".join(chr(65 + b % 26) for b in sha256(data).digest()[:6])
        self.base_font = f"{tag}+{psname}"
        self._hex = _HexCodes(self.cmap)
        # gid -> the character it stands for (prefer unified ideographs over compatibility aliases)
        self.to_unicode: dict[int, int] = {}
        for cp, gid in sorted(self.cmap.items(), key=lambda kv: (not _is_unified(kv[0]), kv[0])):
            self.to_unicode.setdefault(gid, cp)

    def advance(self, ch: str) -> float:
        gid = self.cmap.get(ord(ch), 0)
        return self.widths[gid] / self.upm

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def encode(self, text: str) -> str:
        return "<" + text.translate(self._hex) + ">"

    def resource(self, canvas) -> str:
        """The face's resource name in this PDF, numbered per document (not per process)
        so the same input gives the same bytes whatever the process wrote before."""
        doc = canvas._doc
        names: dict[int, str] = doc.__dict__.setdefault("_speechpress_faces", {})
        name = names.get(id(self))
        if name is None:
            name = f"SP{len(names) + 1}"
            names[id(self)] = name
            doc.delayedFonts.append(_Delayed(self, name))
        return "/" + name

    def add_objects(self, doc, name: str) -> None:
        compress = [pdfdoc.PDFZCompress] if doc.compression else None
        # Font programs are most of the file: compress them harder than reportlab's default.
        font_file = pdfdoc.PDFStream(
            pdfdoc.PDFDictionary({"Length1": len(self.data), "Filter": pdfdoc.PDFName("FlateDecode")}),
            zlib.compress(self.data, 9),
        )
        ff_ref = doc.Reference(font_file, f"SPFontFile:{name}")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("FontDescriptor"),
                "FontName": pdfdoc.PDFName(self.base_font),
                "Flags": 4,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "ItalicAngle": self.italic_angle,
                "Ascent": self.ascent,
                "Descent": self.descent,
                "CapHeight": self.cap_height,
                "StemV": 80,
                "FontFile2": ff_ref,
            }
        )
        fd_ref = doc.Reference(descriptor, f"SPFontDescriptor:{name}")
        s = 1000.0 / self.upm
        # Only widths that differ from DW 1000 (most ideographs are 1000), consecutive
        # glyph ids grouped as "first [w1 w2 …]": the array stays small and uncompressed.
        w_items: list = []
        run: list[int] = []
        start = prev = -2
        for gid in sorted(set(self.cmap.values()) | {0}):
            w = round(self.widths[gid] * s)
            if w == 1000:
                continue
            if gid != prev + 1 and run:
                w_items += [start, pdfdoc.PDFArray(run)]
                run = []
            if not run:
                start = gid
            run.append(w)
            prev = gid
        if run:
            w_items += [start, pdfdoc.PDFArray(run)]
        cid_font = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("Font"),
                "Subtype": pdfdoc.PDFName("CIDFontType2"),
                "BaseFont": pdfdoc.PDFName(self.base_font),
                "CIDSystemInfo": pdfdoc.PDFDictionary(
                    {
                        "Registry": pdfdoc.PDFString("Adobe"),
                        "Ordering": pdfdoc.PDFString("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": fd_ref,
                "DW": 1000,
                "W": pdfdoc.PDFArray(w_items),
                "CIDToGIDMap": pdfdoc.PDFName("Identity"),
            }
        )
        cid_ref = doc.Reference(cid_font, f"SPCIDFont:{name}")
        cmap = pdfdoc.PDFStream(pdfdoc.PDFDictionary({}), _to_unicode_cmap(self.to_unicode).encode("ascii"), compress)
        cmap_ref = doc.Reference(cmap, f"SPToUnicode:{name}")
        type0 = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("Font"),
                "Subtype": pdfdoc.PDFName("Type0"),
                "BaseFont": pdfdoc.PDFName(self.base_font),
                "Encoding": pdfdoc.PDFName("Identity-H"),
                "DescendantFonts": pdfdoc.PDFArray([cid_ref]),
                "ToUnicode": cmap_ref,
            }
        )
        ref = doc.Reference(type0, name)
        doc.idToObject[pdfdoc.BasicFonts].dict[name] = ref


class _Delayed:
    """reportlab calls ``addObjects(doc)`` on delayed fonts when it writes the file."""

    def __init__(self, face: EmbeddedFace, name: str) -> None:
        self.face = face
        self.name = name

    def addObjects(self, doc) -> None:
        self.face.add_objects(doc, self.name)


def _to_unicode_cmap(mapping: dict[int, int]) -> str:
    out = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for k in range(0, len(items), 100):
        chunk = items[k : k + 100]
        out.append(f"{len(chunk)} beginbfchar")
        for gid, cp in chunk:
            out.append(f"<{gid:04X}> <{chr(cp).encode('utf-16-be').hex().upper()}>")
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out)


class BuiltinFace:
    """reportlab's STSong-Light: not embedded, the viewer substitutes a font of its own."""

    def __init__(self, resolved: ResolvedFont) -> None:
        self.resolved = resolved
        self.name = resolved.family
        try:
            self.font = pdfmetrics.getFont(self.name)
        except KeyError:
            self.font = UnicodeCIDFont(self.name)
            pdfmetrics.registerFont(self.font)

    def advance(self, ch: str) -> float:
        return self.font.stringWidth(ch, 1.0)

    def has(self, ch: str) -> bool:
        return ord(ch) <= 0xFFFF

    def encode(self, text: str) -> str:
        return "<" + text.encode("utf-16-be", "replace").hex().upper() + ">"

    def resource(self, canvas) -> str:
        return canvas._doc.getInternalFontName(self.name)
