"""The Word reader on office documents as Word and WPS save them (issues 13, 18, 21): one
test document per family (built in tests/docx_builders.py), read and checked; and the
proof that nothing is lost: for every .docx of the development corpus and every test
document, the Han characters and digits of the model equal, in order, those of
LibreOffice's own text export (which prints list numbers).

LibreOffice's export differs from the model in three documented ways, and the proof
takes each out explicitly, from the XML itself rather than from our output: it omits
text boxes and shapes (their text, read from the XML, is taken out of ours); it prints a
real table of contents and tracked deletions, which the reader drops and reports (taken
out of LibreOffice's text, per document); it leaves footnote bodies out (ours are
Note blocks of kind footnote). Both sides are compared after NFKC, so a number Word
prints as ⑴ or １ (and LibreOffice as 1) counts as the digit it is.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
from conftest import need
from docx_builders import DOCUMENTS, TOC_ENTRIES, build
from outline_corpus import CORPUS
from test_docx_reader import formats_doc, manuscript, r, raw, to_bytes

from convert.model import Document, Heading, Note, Paragraph, Table, content_chars, document_text
from convert.readers.base import ReadOptions
from convert.readers.docx import READER, reader
from convert.readers.docx.reader import iter_items
from convert.readers.docx.walk import Walker, WPara, WTable

PY = sys.executable
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def corpus_dir() -> Path | None:
    """The development corpus: beside the checkout, or beside the main checkout when this
    is a git worktree."""
    if CORPUS.is_dir():
        return CORPUS
    try:
        common = subprocess.run(
            ["git", "rev-parse", "--git-common-dir"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not common:
        return None
    candidate = (Path(__file__).parent / common).resolve().parent.parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


CORPUS_DOCX = sorted(p for p in (corpus_dir() or Path("/nonexistent")).glob("*.docx"))


def read(data: bytes) -> Document:
    return READER.read(data, ReadOptions(source="t.docx"))


@pytest.fixture(scope="module")
def docs() -> dict[str, bytes]:
    out = {name: build(name) for name in DOCUMENTS}
    out["man"] = to_bytes(manuscript())
    out["fmt"] = to_bytes(formats_doc())
    return out


def blocks(doc: Document) -> list:
    return list(doc.blocks())


def heads(doc: Document) -> list[tuple[int, str, bool]]:
    return [(b.level, b.text, b.run_in) for b in doc.blocks() if isinstance(b, Heading)]


def codes(doc: Document) -> set[tuple[str, str]]:
    return {(d.severity, d.code) for d in doc.diagnostics}


# ---- nothing lost, family by family ---------------------------------------------------------


def test_ruby_keeps_its_base_characters(docs: dict[str, bytes]) -> None:
    doc = read(docs["ruby"])
    assert next(b.text for b in blocks(doc)) == "忠恕任事，是我们一贯的要求。"
    assert "shù" not in document_text(doc)
    assert ("info", "ruby") in codes(doc)


def test_toc_styles_are_content_outside_a_real_toc_field(docs: dict[str, bytes]) -> None:
    doc = read(docs["toc"])
    texts = [b.text for b in blocks(doc)]
    assert "三、评分细则" in texts and "技术部分满分60分，商务部分满分40分。" in texts
    # the real field's entries and its 目录 title are gone, reported
    assert "目录" not in document_text(doc)
    assert texts.count("一、总体要求") == 1 and not any("\t" in t or t.endswith("2") for t in texts)
    assert ("info", "toc") in codes(doc)


def _boxes(root: etree._Element) -> list[etree._Element]:
    """Outermost text boxes, never the copy in an ``mc:Fallback``."""
    out = []
    for box in root.iter(W + "txbxContent"):
        ancestors = [a.tag for a in box.iterancestors()]
        if MC + "Fallback" not in ancestors and W + "txbxContent" not in ancestors:
            out.append(box)
    return out


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def box_paragraphs(data: bytes) -> list[list[str]]:
    """The paragraph texts of each text box, from document.xml itself."""
    return [
        ["".join(t.text or "" for t in p.iter(W + "t")) for p in box.iter(W + "p")]
        for box in _boxes(_document_xml(data))
    ]


def without_boxes(data: bytes) -> bytes:
    """The same package with every shape that holds a text box taken out of document.xml."""
    root = _document_xml(data)
    for box in _boxes(root):
        shape = box
        for a in box.iterancestors():
            if a.tag in (MC + "AlternateContent", W + "drawing", W + "pict"):
                shape = a
            if a.tag == W + "r":
                break
        if shape.getparent() is not None:
            shape.getparent().remove(shape)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = etree.tostring(root) if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info, body)
    return buf.getvalue()


def test_text_boxes_are_read_once_in_reading_order(docs: dict[str, bytes]) -> None:
    """Compared with the XML itself (LibreOffice's text export leaves shapes out)."""
    data = docs["text_box"]
    doc = read(data)
    ours = document_text(doc)
    boxes = box_paragraphs(data)
    assert len(boxes) == 5
    pos = 0
    for box in boxes:  # each paragraph of each box, once, in order
        for text in box:
            assert ours.count(text) == 1, text
            assert ours.index(text) >= pos, text
            pos = ours.index(text)
    assert ours.count("其中") == 1
    assert ("info", "text-box") in codes(doc)


def test_a_caption_box_beside_a_picture_is_a_caption_note(docs: dict[str, bytes]) -> None:
    doc = read(docs["text_box"])
    notes = [b for b in blocks(doc) if isinstance(b, Note)]
    assert [(n.kind, n.text) for n in notes] == [("caption", "图1\u3000现场检查照片")]


def test_a_numbered_list_in_a_text_box_is_a_list(docs: dict[str, bytes]) -> None:
    doc = read(docs["text_box"])
    items = [b.text for b in blocks(doc) if isinstance(b, Paragraph) and b.role == "list_item"]
    assert items == ["1.检查消防通道；", "2.检查应急照明；", "3.检查值班记录。"]
    assert not any("检查" in h[1] for h in heads(doc))


def test_table_cells_keep_their_numbers_and_paragraphs(docs: dict[str, bytes]) -> None:
    doc = read(docs["table_numbering"])
    (table,) = [b for b in blocks(doc) if isinstance(b, Table)]
    assert table.rows == (
        ("序号", "要求"),
        ("1", "1.投标文件封装并加盖公章；\n2.投标截止时间为开标当日上午九时。"),
        ("2", "第一行说明\n第二行说明"),
    )


def test_a_text_box_in_a_cell_is_a_line_of_the_cell(docs: dict[str, bytes]) -> None:
    doc = read(docs["text_box"])
    (table,) = [b for b in blocks(doc) if isinstance(b, Table)]
    assert table.rows == (("单位", "负责人\n单元格内文本框"),)


def test_a_field_that_never_ends_hides_nothing_after_it(docs: dict[str, bytes]) -> None:
    doc = read(docs["open_field"])
    texts = [b.text for b in blocks(doc)]
    assert doc.date == "会议时间：2024年5月8日"  # the field's result, under the title: its date
    assert texts == ["会议听取了各部门工作汇报。", "会议要求各部门于6月底前报送总结。"]
    (warning,) = [d for d in doc.diagnostics if d.code == "field"]
    assert warning.severity == "warning" and warning.line == 2


def test_a_field_that_never_ends_through_the_cli(docs: dict[str, bytes], tmp_path: Path) -> None:
    """Issue 21: exit 0, every output holds the text after the field, the warning shown."""
    from extract import EXTRACT, lost

    src = tmp_path / "纪要.docx"
    src.write_bytes(docs["open_field"])
    out = tmp_path / "out"
    proc = subprocess.run(
        [PY, "-m", "convert", "convert", str(src), "-t", "docx,epub", "-o", str(out), "-v"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "never ends" in proc.stdout + proc.stderr
    expected = content_chars(
        "会议纪要会议时间：2024年5月8日会议听取了各部门工作汇报。会议要求各部门于6月底前报送总结。"
    )
    for fmt in ("docx", "epub"):
        assert lost(expected, EXTRACT[fmt](out / f"纪要.{fmt}")) is None, fmt


# ---- structure ------------------------------------------------------------------------------


def test_a_body_paragraph_read_as_it_streams_is_read_as_from_its_tree(docs: dict[str, bytes]) -> None:
    """The body's paragraphs are read run by run as the XML streams in (one paragraph of
    360,000 runs was 300 MB as a tree); cells and text boxes from their element. Both
    ways give the same paragraphs: numbers, runs, fields, text boxes, breaks."""
    d = manuscript()
    raw(
        d.add_paragraph(),
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="w14" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        f"{r('分支里的文字')}</mc:Choice><mc:Fallback>{r('后备的文字')}</mc:Fallback></mc:AlternateContent>"
        f"{r('其后')}",
    )
    for name, data in {**docs, "manuscript": to_bytes(d)}.items():
        streamed = list(iter_items(data))
        pkg, _, styles, numbering, limits = reader._open(data)
        events = list(pkg.events(pkg.main))  # the whole tree: nothing freed
        body = events[-1][1].find(W + "body")
        whole = list(Walker(styles, numbering, limits=limits, open_ended=_open_ended(data)).blocks(body))
        assert streamed == whole, name


def _open_ended(data: bytes) -> frozenset[int]:
    """The fields that never end in a document, as the reader's first walk finds them."""
    pkg, _, styles, numbering, limits = reader._open(data)
    walker = Walker(styles, numbering, limits=limits)
    list(walker.document(pkg.events(pkg.main)))
    return frozenset(walker.unterminated)


def test_numbered_items_are_list_items_and_numbered_headings_stay_headings(docs: dict[str, bytes]) -> None:
    doc = read(docs["lists"])
    items = [b.text for b in blocks(doc) if isinstance(b, Paragraph) and b.role == "list_item"]
    assert items == [
        "（一）有2名以上会员倡导发起；",
        "（二）有规范的名称和相应的组织机构；",
        "（三）有固定的活动场所。",
        "1.选举权",
        "2.被选举权",
        "3.表决权",
        "1.",  # an empty numbered paragraph: its number, as a list item, never a heading
    ]
    assert heads(doc) == [(1, "一、总体要求", False), (1, "二、工作安排", False)]


def test_code_paragraphs_are_code_notes_never_headings(docs: dict[str, bytes]) -> None:
    doc = read(docs["code"])
    notes = [(b.kind, b.text) for b in blocks(doc) if isinstance(b, Note)]
    assert notes == [
        ("code", "eth0      Link encap:Ethernet\n          inet addr:192.168.1.10\n          Mask:255.255.255.0"),
        ("code", "server {\n    listen 80;\n}"),
    ]
    assert heads(doc) == []


def test_a_cover_page_is_the_title_block(docs: dict[str, bytes]) -> None:
    doc = read(docs["cover"])
    assert doc.title == "群众文化节策划书"  # two title lines of the largest size: one title
    assert heads(doc) == [(1, "一、项目背景", False), (1, "二、实施方案", False)]
    cover = list(blocks(doc))[:3]
    assert [(type(b).__name__, b.text) for b in cover] == [
        ("Paragraph", "项目编号：2024-017"),
        ("Paragraph", "编制单位：市文化中心"),
        ("Paragraph", "2024年3月"),
    ]


def test_an_outline_level_0_title_stays_the_title(docs: dict[str, bytes]) -> None:
    doc = read(docs["outline_title"])
    assert doc.title == "在全县经济工作会议上的讲话"
    assert heads(doc) == [(1, "一、明确目标", False), (1, "二、抓好落实", False)]


def test_bold_leads_indents_and_levels(docs: dict[str, bytes]) -> None:
    """Leads whose 。 sits outside the bold run; indents typed inside and outside the run;
    一是…五是 under the 一、 part, and the next bold 二、 back at level 1."""
    doc = read(docs["leads"])
    assert heads(doc) == [
        (1, "一、过去一年的工作", False),
        (2, "一是经济运行回升向好。", True),
        (2, "二是产业结构持续优化。", True),
        (2, "三是改革开放不断深化。", True),
        (2, "四是民生保障更加有力。", True),
        (2, "五是社会大局和谐稳定。", True),
        (1, "二、今年的主要任务", False),
        (2, "大力提振消费。", True),
        (2, "着力扩大投资。", True),
    ]
    assert not any(d.code == "numbering" for d in doc.diagnostics)
    assert not any(t.startswith("\u3000") for t in (b.text for b in blocks(doc)))


def test_ordinals_are_printed_as_word_prints_them(docs: dict[str, bytes]) -> None:
    doc = read(docs["ordinals"])
    texts = [b.text for b in blocks(doc)]
    assert texts[1] == "(1)第1项具体任务已经完成。"  # half-width, as the level text says
    assert "二、第二部分工作" in texts  # the level-1 count goes on after 13 level-2 items
    assert not any(d.code == "punctuation" for d in doc.diagnostics)


# ---- the proof: nothing lost against LibreOffice ---------------------------------------------


def _drop_lines(lines: tuple[str, ...]):
    def adjust(text: str) -> str:
        return "\n".join(line for line in text.splitlines() if line.strip() not in lines)

    return adjust


#: What LibreOffice prints that the reader drops on purpose (and reports), per document.
LO_ADJUST = {
    # the real TOC field's entries and its title (diagnostic "toc")
    "toc": _drop_lines(("目录", *TOC_ENTRIES)),
    # a tracked deletion (shown struck through) and a PAGE field's value
    "man": lambda text: text.replace("2000万元", "").replace("培训0", "培训"),
}


@pytest.fixture(scope="module")
def lo_texts(docs: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every test document and corpus .docx through LibreOffice's text export, once."""
    soffice = need("soffice")
    folder = tmp_path_factory.mktemp("lo_word")
    paths = []
    for name, data in docs.items():
        (folder / f"{name}.docx").write_bytes(data)
        paths.append(folder / f"{name}.docx")
    for p in CORPUS_DOCX:
        (folder / p.name).write_bytes(p.read_bytes())
        paths.append(folder / p.name)
    profile = folder / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text"]
        + ["--outdir", str(folder), *map(str, paths)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {p.stem: p.with_suffix(".txt").read_text(encoding="utf-8-sig") for p in paths}


def fingerprint(text: str) -> str:
    return content_chars(unicodedata.normalize("NFKC", text))


def ours(data: bytes) -> str:
    """Our model's fingerprint, footnote bodies aside."""
    doc = read(data)
    parts = [v for v in (doc.title, doc.subtitle, doc.author, doc.date) if v]
    for s in doc.speeches:
        parts += [v for v in (s.label, s.title, s.subtitle, s.author, s.date) if v]
        parts += [b.text for b in s.blocks if not (isinstance(b, Note) and b.kind == "footnote")]
    return fingerprint("\n".join(parts))


def xml_text(data: bytes) -> str:
    """Every w:t of document.xml: the oracle where LibreOffice itself loses text."""
    return fingerprint("".join(t.text or "" for t in _document_xml(data).iter(W + "t")))


#: Documents LibreOffice cannot be the oracle for, and why; their own XML text is.
LO_LOSES = {"open_field": "LibreOffice drops everything after a field that never ends"}


NAMES = [*DOCUMENTS, "man", "fmt"] + [p.stem for p in CORPUS_DOCX]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_nothing_lost_against_libreoffice(name: str, docs: dict[str, bytes], lo_texts: dict[str, str]) -> None:
    data = docs[name] if name in docs else next(p for p in CORPUS_DOCX if p.stem == name).read_bytes()
    if name in LO_LOSES:
        assert fingerprint(LO_ADJUST.get(name, lambda t: t)(lo_texts[name])) != xml_text(data)  # still so?
        assert ours(data) == xml_text(data)
        return
    theirs = fingerprint(LO_ADJUST.get(name, lambda t: t)(lo_texts[name]))
    assert ours(without_boxes(data)) == theirs


@pytest.mark.slow
def test_list_numbers_match_libreoffice(docs: dict[str, bytes], lo_texts: dict[str, str]) -> None:
    """Every number the reader prints is the one LibreOffice prints on the same line."""
    for name in ("lists", "ordinals", "table_numbering"):
        theirs = [re.sub(r"[\t ]+", "", line) for line in lo_texts[name].splitlines() if line.strip()]
        for it in iter_items(docs[name]):
            if isinstance(it, WPara) and it.label and it.text.strip():
                assert it.label + it.text.strip().replace(" ", "") in theirs, (name, it.label, it.text)
            if isinstance(it, WTable):
                for row in it.rows:
                    for cell in row:
                        for line in cell.split("\n"):
                            assert line.replace(" ", "") in theirs, (name, line)


def test_a_field_that_never_ends_in_a_text_box_hides_nothing_after_it() -> None:
    import docx
    from docx_builders import append, r, text_box_run

    d = docx.Document()
    p = d.add_paragraph("正文第一段。")
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    append(p, text_box_run(f"<w:p>{begin}{r('五月八日')}</w:p><w:p>{r('文本框第二段')}</w:p>", 1))
    d.add_paragraph("正文第二段。")
    doc = read(to_bytes(d))
    assert [b.text for b in blocks(doc)] == ["正文第一段。", "五月八日", "文本框第二段", "正文第二段。"]
    assert any(x.code == "field" for x in doc.diagnostics)
