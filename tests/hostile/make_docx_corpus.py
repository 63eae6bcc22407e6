"""Generate the corpus of hostile .docx inputs (issue 17) into a folder.

Generated, not stored: every package is assembled here from a few lines of XML with
:mod:`zipfile`, so a reader of this file sees exactly what each input exercises. Each
case is one of

* ``work``: must convert (valid DOCX, PDF and EPUB, nothing of its text lost; what the
  reader repairs is reported);
* ``big``: like ``work``, but each costs what many ordinary cases do, so it is converted
  and measured in a process of its own (50,000 paragraphs, 400,000 cells);
* ``fail``: must fail with one clear line on stderr naming the cause, exit ≠ 0, no
  output, no traceback.

Every case must finish within 60 s and 500 MB. From a shell:

    python tests/hostile/make_docx_corpus.py OUT_DIR
"""

from __future__ import annotations

import argparse
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from convert.readers.docx import numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"

#: Every ``w:numFmt`` of ECMA-376 (the reader's own list of them), and two that are not.
NUM_FORMATS = [*sorted(numbering.NUM_FORMATS), "notAFormat", "一二三"]


# ---- package assembly ------------------------------------------------------------------------


def content_types(main: str = DOC_CT, extra: Iterable[tuple[str, str]] = ()) -> str:
    overrides = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in extra)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>{overrides}</Types>'
    )


def rels(items: Iterable[tuple[str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="rId{k}" Type="{REL}/{t}" Target="{target}"/>' for k, (t, target) in enumerate(items, 1)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def document(body: str) -> str:
    return f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    pp = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rp = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:p>{pp}<w:r>{rp}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def num_ppr(num_id: str, ilvl: str) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def numbering(abstracts: Iterable[str], nums: Iterable[str]) -> str:
    return f'<w:numbering xmlns:w="{W_NS}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'


def level(ilvl: str, fmt: str, text: str, start: str = "1", extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def styles(body: str) -> str:
    return f'<w:styles xmlns:w="{W_NS}">{body}</w:styles>'


@dataclass
class Pkg:
    """A package to write: parts by name; what relationships the document has."""

    body: str = ""
    parts: dict[str, bytes | str] = field(default_factory=dict)
    doc_rels: list[tuple[str, str]] = field(default_factory=list)
    ct: str | None = None
    root_rels: str | None = None
    stored: bool = False

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        method = zipfile.ZIP_STORED if self.stored else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(buf, "w", method) as z:
            if self.ct is not None:
                z.writestr("[Content_Types].xml", self.ct)
            z.writestr(
                "_rels/.rels",
                self.root_rels if self.root_rels is not None else rels([("officeDocument", "word/document.xml")]),
            )
            if self.body is not None and "word/document.xml" not in self.parts:
                z.writestr("word/document.xml", document(self.body))
            for name, data in self.parts.items():
                z.writestr(name, data)
            if self.doc_rels:
                z.writestr("word/_rels/document.xml.rels", rels(self.doc_rels))
        return buf.getvalue()


def docx(body: str, **parts: str) -> bytes:
    """A package with a body and optional styles/numbering/footnotes parts."""
    pkg = Pkg(body=body, ct=content_types())
    for kind, xml in parts.items():
        pkg.parts[f"word/{kind}.xml"] = xml
        pkg.doc_rels.append((kind, f"{kind}.xml"))
    return pkg.bytes()


def prose(rng: random.Random, n: int) -> str:
    out = []
    while sum(map(len, out)) < n:
        out.append("".join(rng.choice(HAN) for _ in range(rng.randint(6, 18))) + str(rng.randint(1, 999)) + "，")
    return "".join(out)[: n - 1] + "。"


def deflate_entry(name: str, chunk: bytes, repeats: int, declared: int | None = None) -> tuple[bytes, bytes]:
    """The local and central records of one entry: an XML opening, then ``chunk`` ×
    ``repeats``, compressed as it streams (a decompression bomb is cheap to make);
    ``declared`` lies about its size."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = OPENING if name.endswith("document.xml") else b""
    crc = zlib.crc32(head)
    pieces = [comp.compress(head)]
    for _ in range(repeats):
        pieces.append(comp.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    pieces.append(comp.flush())
    data = b"".join(pieces)
    size = len(head) + len(chunk) * repeats if declared is None else declared
    fname = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size & 0xFFFFFFFF, len(fname), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        size & 0xFFFFFFFF,
        len(fname),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    return local + fname + data, central + fname


def zip_with(entries: list[tuple[str, bytes]], bombs: Iterable[tuple[str, bytes, int, int | None]] = ()) -> bytes:
    """A ZIP assembled by hand: ordinary entries plus streamed bombs."""
    out = io.BytesIO()
    centrals = []
    for name, data in entries:
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = comp.compress(data) + comp.flush()
        crc = zlib.crc32(data)
        fname = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), len(data), len(fname), 0))
        out.write(fname + body)
        centrals.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(body),
                len(data),
                len(fname),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + fname
        )
    for name, chunk, repeats, declared in bombs:
        offset = out.tell()
        local, central = deflate_entry(name, chunk, repeats, declared)
        out.write(local)
        centrals.append(central[:42] + struct.pack("<I", offset) + central[46:])
    start = out.tell()
    for c in centrals:
        out.write(c)
    end = out.tell()
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(centrals), len(centrals), end - start, start, 0))
    return out.getvalue()


BASE = [
    ("[Content_Types].xml", content_types().encode()),
    ("_rels/.rels", rels([("officeDocument", "word/document.xml")]).encode()),
]


# ---- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    why: str
    kind: str  # "work" | "big" | "fail"
    make: Callable[[random.Random], bytes]
    cause: str = ""  # for "fail": a regex the error line must match


def _all_formats(start: str, items: int = 3) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        abstracts = [
            f'<w:abstractNum w:abstractNumId="{k}">{level("0", fmt, "%1、", start)}'
            f"{level('1', fmt, '%1.%2', start)}</w:abstractNum>"
            for k, fmt in enumerate(NUM_FORMATS)
        ]
        nums = [f'<w:num w:numId="{k + 1}"><w:abstractNumId w:val="{k}"/></w:num>' for k in range(len(NUM_FORMATS))]
        body = "".join(
            p(f"{fmt}条目{i}，{prose(rng, 20)}", num_ppr(str(k + 1), str(i % 2)))
            for k, fmt in enumerate(NUM_FORMATS)
            for i in range(items)
        )
        return docx(body, numbering=numbering(abstracts, nums))

    return make


def _override(value: str) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        abstracts = [f'<w:abstractNum w:abstractNumId="1">{level("0", "upperRoman", "%1.")}</w:abstractNum>']
        nums = [
            f'<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
            f'<w:startOverride w:val="{value}"/></w:lvlOverride></w:num>'
        ]
        body = "".join(p(f"第{i}条：{prose(rng, 30)}", num_ppr("1", "0")) for i in range(20))
        return docx(body, numbering=numbering(abstracts, nums))

    return make


def _lvltext(text: str, fmt: str = "decimal") -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        abstracts = [f'<w:abstractNum w:abstractNumId="1">{level("0", fmt, text)}</w:abstractNum>']
        nums = ['<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>']
        body = "".join(p(prose(rng, 40), num_ppr("1", "0")) for _ in range(200))
        return docx(body, numbering=numbering(abstracts, nums))

    return make


def _paragraphs(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        parts = ["<w:p><w:r><w:t>五万段的讲话稿</w:t></w:r></w:p>"]
        for i in range(n):
            if i % 500 == 0:
                parts.append(p(f"{'一二三四五六七八九十'[i // 500 % 10]}、第{i // 500 + 1}部分"))
            parts.append(p(prose(rng, 60)))
        return docx("".join(parts))

    return make


def _numbered_items(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        abstracts = [
            f'<w:abstractNum w:abstractNumId="1">{level("0", "chineseCounting", "%1、")}'
            f"{level('1', 'decimal', '%2.')}</w:abstractNum>"
        ]
        nums = ['<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>']
        body = "".join(p(prose(rng, 50), num_ppr("1", "1" if i % 10 else "0")) for i in range(n))
        return docx(body, numbering=numbering(abstracts, nums))

    return make


def _table(rows: int, cols: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        cells = "".join(
            "<w:tr>" + "".join(f"<w:tc>{p(f'格{r}-{c}')}</w:tc>" for c in range(cols)) + "</w:tr>" for r in range(rows)
        )
        return docx(p("大表格：") + f"<w:tbl>{cells}</w:tbl>" + p("表格之后的文字。"))

    return make


def _nested_tables(depth: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        inner = p("最里层")
        for k in range(depth):
            inner = f"<w:tbl><w:tr><w:tc>{p(f'第{k}层')}{inner}</w:tc></w:tr></w:tbl>{p('')}"
        return docx(p("嵌套表格：") + inner + p("之后的文字。"))

    return make


def _deep_xml(depth: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        run = "<w:r><w:t>深处的文字</w:t></w:r>"
        inner = run
        for _ in range(depth):
            inner = f"<w:hyperlink>{inner}</w:hyperlink>"
        return docx(p("前文。") + f"<w:p>{inner}</w:p>" + p("后文。"))

    return make


def _many_runs(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        runs = "".join(
            f"<w:r>{'<w:rPr><w:b/></w:rPr>' if i % 2 else ''}<w:t>{rng.choice(HAN)}{i % 10}</w:t></w:r>"
            for i in range(n)
        )
        return docx(p("很多格式片段：") + f"<w:p>{runs}</w:p>")

    return make


def _nested_fields(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        return docx(p("前文。") + f"<w:p>{begin * n}<w:r><w:t>域里的文字</w:t></w:r>{end * n}</w:p>" + p("后文。"))

    return make


def _open_fields(rng: random.Random) -> bytes:
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    body = p("开头。") + f"<w:p>{begin}<w:r><w:t>2024年1月1日</w:t></w:r></w:p>"
    body += "".join(p(prose(rng, 40)) for _ in range(30))
    body += f"<w:p>{begin * 3}<w:r><w:t>又一个没有结束的域</w:t></w:r></w:p>" + p("结尾的文字。")
    return docx(body)


_BAD_INTS = ("x", "-1", "99999999999999999999999", "1e5", "", " 3 ", "0x10", "٣", "+7", "2147483648")


def _bad_values(rng: random.Random) -> bytes:
    """Bad integers and enums in every attribute the reader parses."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{v}"><w:start w:val="{v}"/><w:numFmt w:val="x{v}"/><w:lvlRestart w:val="{v}"/>'
        f'<w:isLgl w:val="{v}"/><w:suff w:val="{v}"/><w:lvlText w:val="%{v}%1"/></w:lvl>'
        for v in _BAD_INTS
    )
    good = level("0", "decimal", "%1.", extra='<w:lvlRestart w:val="x"/><w:suff w:val="sideways"/>')
    abstracts = [f'<w:abstractNum w:abstractNumId="1">{good}{lvls}</w:abstractNum>']
    nums = [
        f'<w:num w:numId="{k}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{v}"><w:startOverride w:val="{v}"/>'
        f"</w:lvlOverride></w:num>"
        for k, v in enumerate(_BAD_INTS, 1)
    ]
    style_xml = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="坏样式{k}"/><w:basedOn w:val="S{k + 1}"/>'
        f'<w:pPr><w:outlineLvl w:val="{v}"/><w:numPr><w:ilvl w:val="{v}"/><w:numId w:val="{k}"/></w:numPr>'
        f'<w:jc w:val="diagonal{v}"/></w:pPr><w:rPr><w:b w:val="{v}"/><w:sz w:val="{v}"/></w:rPr></w:style>'
        for k, v in enumerate(_BAD_INTS)
    )
    body = ""
    for k, v in enumerate(_BAD_INTS):
        ppr = (
            f'<w:pStyle w:val="S{k}"/><w:outlineLvl w:val="{v}"/>{num_ppr(str(k + 1), v)}'
            f'<w:jc w:val="{v}"/><w:pageBreakBefore w:val="{v}"/>'
        )
        rpr = f'<w:b w:val="{v}"/><w:i w:val="{v}"/><w:vanish w:val="0"/><w:sz w:val="{v}"/><w:rFonts w:ascii="{v}"/>'
        body += p(f"第{k}段：{prose(rng, 30)}", ppr, rpr)
        body += (
            f'<w:p><w:r><w:fldChar w:fldCharType="{v}"/></w:r><w:r><w:t>域标记{k}</w:t></w:r>'
            f'<w:r><w:br w:type="{v}"/><w:t>换行{k}</w:t></w:r><w:r><w:footnoteReference w:id="{v}"/></w:r></w:p>'
        )
    body += f'<w:tbl><w:tr><w:trPr><w:tblHeader w:val="perhaps"/></w:trPr><w:tc>{p("表头")}</w:tc></w:tr></w:tbl>'
    return docx(body, numbering=numbering(abstracts, nums), styles=styles(style_xml))


def _style_chain(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        chain = "".join(
            f'<w:style w:type="paragraph" w:styleId="C{k}"><w:name w:val="链{k}"/><w:basedOn w:val="C{(k + 1) % n}"/></w:style>'
            for k in range(n)
        )
        body = "".join(p(prose(rng, 40), f'<w:pStyle w:val="C{k * 97 % n}"/>') for k in range(300))
        return docx(body, styles=styles(chain))

    return make


def _text_box_only(rng: random.Random) -> bytes:
    box = (
        f'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="t1" type="#_x0000_t202" style="width:100pt">'
        f"<v:textbox><w:txbxContent>{p('只在文本框里的文字。')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    return docx(f"<w:p>{box}</w:p>")


def _missing_parts(rng: random.Random) -> bytes:
    """Relationships to parts that are not there, a footnote with no footnotes part,
    numbering with no numbering part."""
    pkg = Pkg(body=p("正文第一段，引用脚注") + p(prose(rng, 40), num_ppr("3", "0")), ct=content_types())
    pkg.body = pkg.body.replace("</w:t></w:r></w:p>", '</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>', 1)
    pkg.doc_rels = [("styles", "styles.xml"), ("numbering", "missing.xml"), ("footnotes", "../../etc/passwd")]
    return pkg.bytes()


def _no_content_types(rng: random.Random) -> bytes:
    return Pkg(body=p(prose(rng, 60)), ct=None).bytes()


def _wrong_content_types(rng: random.Random) -> bytes:
    return Pkg(body=p(prose(rng, 60)), ct=content_types(main="image/png")).bytes()


def _no_root_rels(rng: random.Random) -> bytes:
    pkg = Pkg(body=p(prose(rng, 60)), ct=content_types())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", pkg.ct or "")
        z.writestr("word/document.xml", document(pkg.body))
    return buf.getvalue()


def _stored(rng: random.Random) -> bytes:
    return Pkg(body=p(prose(rng, 60)), ct=content_types(), stored=True).bytes()


def _broken_styles(root: str) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        return docx(p(prose(rng, 60)), styles=root)

    return make


def _ooxml(kind: str) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        if kind == "xlsx":
            ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
            part, target = "xl/workbook.xml", "xl/workbook.xml"
        else:
            ct = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
            part, target = "ppt/presentation.xml", "ppt/presentation.xml"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                "[Content_Types].xml",
                content_types().replace("/word/document.xml", "/" + part).replace(DOC_CT, ct),
            )
            z.writestr("_rels/.rels", rels([("officeDocument", target)]))
            z.writestr(part, "<workbook/>" if kind == "xlsx" else "<presentation/>")
        return buf.getvalue()

    return make


def _odt(rng: random.Random) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def _encrypted_flag(rng: random.Random) -> bytes:
    data = bytearray(docx(p("加密标记。")))
    # set bit 0 (encrypted) in every local and central header's flags
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at >= 0:
            data[at + off] |= 1
            at = data.find(sig, at + 4)
    return bytes(data)


def _cfb_encrypted(rng: random.Random) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return head + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 2048


def _doc97(rng: random.Random) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2048


def _raw_document(xml: str) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        pkg = Pkg(body="", ct=content_types())
        pkg.parts["word/document.xml"] = xml
        return pkg.bytes()

    return make


def _many_entries(n: int) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr("[Content_Types].xml", content_types())
            z.writestr("_rels/.rels", rels([("officeDocument", "word/document.xml")]))
            z.writestr("word/document.xml", document(p("正文。")))
            for k in range(n):
                z.writestr(f"junk/{k}", b"")
        return buf.getvalue()

    return make


def _bomb(name: str, chunk: bytes, repeats: int, declared: int | None = None) -> Callable[[random.Random], bytes]:
    def make(rng: random.Random) -> bytes:
        entries = list(BASE)
        if name == "word/styles.xml":
            entries.append(("word/document.xml", document(p("正文。")).encode()))
            entries.append(("word/_rels/document.xml.rels", rels([("styles", "styles.xml")]).encode()))
        return zip_with(entries, [(name, chunk, repeats, declared)])

    return make


#: The opening of a document.xml whose body the bombs repeat.
OPENING = document("").replace("</w:body></w:document>", "").encode()


def _truncated(rng: random.Random) -> bytes:
    data = docx(p(prose(rng, 2000)))
    return data[: len(data) // 2]


CASES: list[Case] = [
    # -- numbering as an amplifier ---------------------------------------------------------
    Case(
        "num_all_formats_start_1e12", "every numbering format starting at 10¹²", "work", _all_formats("1000000000000")
    ),
    Case("num_all_formats_start_negative", "every numbering format starting at -5", "work", _all_formats("-5")),
    Case("num_all_formats_start_32767", "every format counting past Word's cap", "work", _all_formats("32767", 4)),
    Case("num_start_override_1e12", "a startOverride of 10¹²", "work", _override("1000000000000")),
    Case("num_lvltext_repeat", "a level text that repeats %1 20,000 times", "work", _lvltext("%1" * 20000)),
    Case(
        "num_lvltext_letters", "upperLetter with a level text of 5,000 %1", "work", _lvltext("%1" * 5000, "upperLetter")
    ),
    Case("num_lvltext_literal", "a level text of 200,000 literal characters", "work", _lvltext("一" * 200000)),
    Case("num_items_50k", "50,000 numbered items at two levels", "big", _numbered_items(50_000)),
    # -- decompression ---------------------------------------------------------------------
    Case(
        "bomb_document_declared",
        "document.xml declaring 1 GB, inflating from a few hundred KB",
        "fail",
        _bomb("word/document.xml", b"<w:p/>" * 100_000, 1700),
        r"max_part_bytes",
    ),
    Case(
        "bomb_document_ratio",
        "document.xml of 40 MB of spaces (ratio ~1000)",
        "fail",
        _bomb("word/document.xml", b" " * 1_000_000, 40),
        r"max_ratio",
    ),
    Case(
        "bomb_document_lying",
        "document.xml whose header says 2 KB but which inflates to 600 MB",
        "fail",
        _bomb("word/document.xml", b"<w:p/>" * 100_000, 1000, declared=2048),
        r"damaged|max_part",
    ),
    Case(
        "bomb_styles",
        "styles.xml of 100 MB",
        "fail",
        _bomb("word/styles.xml", b"<w:style/>" * 100_000, 100),
        r"max_tree_part_bytes",
    ),
    Case("zip_entries_20k", "a package listing 20,000 files", "fail", _many_entries(20_000), r"max_zip_entries"),
    # -- size and nesting ------------------------------------------------------------------
    Case("paragraphs_50k", "50,000 paragraphs", "big", _paragraphs(50_000)),
    Case("table_200x2000", "a table of 2,000 rows × 200 columns", "big", _table(2000, 200)),
    Case("table_500x200", "a table of 500 rows × 200 columns", "big", _table(500, 200)),
    Case("table_100x6", "a table of 100 rows × 6 columns", "work", _table(100, 6)),
    Case("tables_nested_12", "tables nested 12 deep", "work", _nested_tables(12)),
    Case("tables_nested_40", "tables nested 40 deep", "fail", _nested_tables(40), r"max_table_depth|nests elements"),
    Case("xml_depth_200", "a run inside 200 nested hyperlinks", "work", _deep_xml(200)),
    Case("xml_depth_5000", "a run inside 5,000 nested hyperlinks", "fail", _deep_xml(5000), r"256 levels"),
    Case("runs_20k", "20,000 alternately bold runs in one paragraph", "big", _many_runs(20_000)),
    Case("fields_nested_5000", "a field nested 5,000 deep", "work", _nested_fields(5000)),
    Case("fields_never_end", "fields that begin and never end", "work", _open_fields),
    # -- bad values ------------------------------------------------------------------------
    Case("bad_values", "bad integers and enums in every attribute the reader parses", "work", _bad_values),
    Case("style_chain_5000", "a basedOn chain of 5,000 styles, closed in a cycle", "work", _style_chain(5000)),
    # -- missing parts, wrong types ----------------------------------------------------------
    Case("text_box_only", "all the text in a text box", "work", _text_box_only),
    Case("missing_parts", "relationships to missing parts and outside the package", "work", _missing_parts),
    Case("no_content_types", "no [Content_Types].xml", "work", _no_content_types),
    Case("wrong_content_types", "document.xml declared as a PNG", "work", _wrong_content_types),
    Case("no_root_rels", "no _rels/.rels", "work", _no_root_rels),
    Case("stored", "entries stored, not deflated", "work", _stored),
    Case("styles_malformed", "styles.xml that is not XML", "work", _broken_styles("<w:styles><w:style")),
    Case(
        "styles_wrong_root",
        "styles.xml whose root is not w:styles",
        "work",
        _broken_styles(f'<w:body xmlns:w="{W_NS}"/>'),
    ),
    Case("xlsx", "an Excel workbook named .docx", "fail", _ooxml("xlsx"), r"Excel"),
    Case("pptx", "a PowerPoint deck named .docx", "fail", _ooxml("pptx"), r"PowerPoint"),
    Case("odt", "an OpenDocument text named .docx", "fail", _odt, r"OpenDocument"),
    Case("zip_encrypted", "a ZIP with the encrypted flag", "fail", _encrypted_flag, r"encrypted"),
    Case("cfb_encrypted", "a password-protected Word document", "fail", _cfb_encrypted, r"password"),
    Case("doc97", "a Word 97–2003 .doc", "fail", _doc97, r"97"),
    Case("truncated", "half a package", "fail", _truncated, r"damaged|not a \.docx|ZIP"),
    Case(
        "wrong_root",
        "document.xml whose root is not w:document",
        "fail",
        _raw_document(f'<w:styles xmlns:w="{W_NS}"/>'),
        r"not a Word document body",
    ),
    Case(
        "strict",
        "a Strict Open XML document",
        "fail",
        _raw_document('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'),
        r"Strict",
    ),
    Case(
        "xxe",
        "an external entity in document.xml",
        "fail",
        _raw_document(
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body>{p("&xxe;")}</w:body></w:document>'
        ),
        r"DTD",
    ),
    Case(
        "billion_laughs",
        "nested entities",
        "fail",
        _raw_document(
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
            + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(8))
            + f']><w:document xmlns:w="{W_NS}"><w:body>{p("&i;")}</w:body></w:document>'
        ),
        r"DTD",
    ),
    Case(
        "malformed_document",
        "document.xml cut in the middle",
        "fail",
        _raw_document(f'<w:document xmlns:w="{W_NS}"><w:body>{p("正文")}<w:p><w:r>'),
        r"not well-formed",
    ),
    Case("empty_body", "a body without text", "fail", lambda rng: docx("<w:p/><w:p/>"), r"no text"),
    Case(
        "no_document",
        "a package without document.xml",
        "fail",
        lambda rng: zip_with(BASE),
        r"no word/document\.xml",
    ),
]


def generate(root: Path, seed: int = 17) -> dict[str, tuple[Case, Path]]:
    """Write every case under ``root`` as ``NAME.docx``; name → (case, path)."""
    root.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in CASES:
        path = root / f"{case.name}.docx"
        path.write_bytes(case.make(random.Random(f"{seed}-{case.name}")))
        out[case.name] = (case, path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    for name, (case, path) in generate(args.out).items():
        print(f"{case.kind:4} {name:32} {path.stat().st_size:>10,}  # {case.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
