"""The PDF writer, checked with poppler's tools on the real output."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from conftest import need

from convert import api
from convert.model import Document, Heading, Paragraph, Speech, content_chars, document_text
from convert.style import load_style, mm_to_pt
from convert.writers.base import WriteOptions
from convert.writers.pdf.booklet import booklet_order
from convert.writers.pdf.linebreak import NO_END, NO_START, break_lines, violations

PAGE_NUMBER = re.compile(r"^\s*(—\s*\d+\s*—|第\s*\d+\s*页\s*共\s*\d+\s*页)\s*$")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, sample_doc: Document, rich_doc: Document) -> dict[str, Path]:
    need("pdftotext")
    d = tmp_path_factory.mktemp("pdf")
    files = {
        "sample": d / "sample.pdf",
        "rich": d / "rich.pdf",
        "handout": d / "handout.pdf",
        "booklet": d / "booklet.pdf",
    }
    api.write(sample_doc, files["sample"])
    api.write(rich_doc, files["rich"])
    api.write(sample_doc, files["handout"], style="handout")
    api.write(sample_doc, files["booklet"], style="handout", options=WriteOptions(booklet=True))
    return files


def info(path: Path) -> dict[str, str]:
    return {
        k.strip(): v.strip() for k, _, v in (line.partition(":") for line in run("pdfinfo", str(path)).splitlines())
    }


def body_text(path: Path) -> str:
    lines = run("pdftotext", "-layout", str(path), "-").splitlines()
    return "\n".join(line for line in lines if not PAGE_NUMBER.match(line))


@pytest.mark.parametrize("name", ["sample", "rich"])
def test_nothing_lost_in_reading_order(
    out: dict[str, Path], name: str, sample_doc: Document, rich_doc: Document
) -> None:
    doc = sample_doc if name == "sample" else rich_doc
    want = content_chars(document_text(doc))
    got = content_chars(body_text(out[name]))
    assert got == want


@pytest.mark.parametrize("name", ["sample", "rich", "handout"])
def test_fonts_embedded_subset_one_per_face(out: dict[str, Path], name: str) -> None:
    need("pdffonts")
    rows = run("pdffonts", str(out[name])).splitlines()[2:]
    assert rows
    names = []
    for row in rows:
        cols = row.split()
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        names.append(cols[0].split("+", 1)[1])
    assert len(names) == len(set(names)), "a face is embedded more than once"


def test_sample_faces_and_size(out: dict[str, Path]) -> None:
    rows = run("pdffonts", str(out["sample"])).splitlines()[2:]
    # the serif body face (also page numbers); its Bold face for the title (the stand-in
    # for 方正小标宋); 黑体 for level 1 and labels; 楷体 for level 2 and notes; the Latin
    # face (Times New Roman's metric twin) for digits and Latin letters
    faces = sorted(r.split()[0].split("+", 1)[1] for r in rows)
    assert faces == [
        "LXGWWenKai-Regular",
        "LiberationSerif",
        "NotoSansCJKsc-Regular",
        "NotoSerifCJKsc-Bold",
        "NotoSerifCJKsc-Regular",
    ]
    assert out["sample"].stat().st_size <= 300_000


def test_no_line_breaking_violation_on_sample(out: dict[str, Path]) -> None:
    lines = body_text(out["sample"]).splitlines()
    assert violations(lines) == []


def test_no_violation_on_generated_stress_text(tmp_path: Path) -> None:
    need("pdftotext")
    rnd = random.Random(4)
    han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    punct_close = "，。、；：？！”）》"
    punct_open = "“（《"
    paras = []
    for _ in range(40):
        parts = [rnd.choice(han)]  # a paragraph opens with a character, as real ones do
        for _ in range(rnd.randint(20, 120)):
            r = rnd.random()
            if r < 0.12:
                parts.append(rnd.choice(punct_close))
            elif r < 0.16:
                parts.append(rnd.choice(punct_open) + rnd.choice(han) + rnd.choice(han) + rnd.choice(punct_close))
            elif r < 0.19:
                parts.append(str(rnd.randint(1, 20000)))
            elif r < 0.20:
                parts.append("——" if rnd.random() < 0.5 else "……")
            else:
                parts.append(rnd.choice(han))
        paras.append(Paragraph.of("".join(parts)))
    doc = Document(
        speeches=(Speech(blocks=(Heading(1, "一、压力测试", ordinal="一、"),) + tuple(paras)),), title="压力测试"
    )
    path = tmp_path / "stress.pdf"
    api.write(doc, path)
    lines = body_text(path).splitlines()
    assert len(lines) > 100
    bad = violations(lines)
    assert bad == [], "\n".join(bad)
    assert content_chars(body_text(path)) == content_chars(document_text(doc))


def test_line_breaker_rules_directly() -> None:
    rnd = random.Random(7)
    alphabet = "国家发展改革" * 3 + "，。、”）》“（《" + "0123"
    for _ in range(300):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 200)))
        widths = [8.0 if c.isdigit() else 16.0 for c in text]
        lines = break_lines(text, widths, 16.0 * 28, 32.0)
        assert "".join(text[ln.start : ln.end] for ln in lines) == text
        for a, b in zip(lines, lines[1:]):
            # the rules hold unless a whole line consists of marks (nothing can help then)
            if text[b.start] in NO_START:
                assert all(ch in NO_START for ch in text[a.start : b.start + 1])
            if text[a.end - 1] in NO_END:
                assert all(ch in NO_END for ch in text[a.start : a.end])


def test_page_size_and_type_area(out: dict[str, Path]) -> None:
    style = load_style("official")
    i = info(out["sample"])
    w, h = (float(x) for x in re.findall(r"[\d.]+", i["Page size"])[:2])
    assert (round(w), round(h)) == (595, 842)
    html = run("pdftotext", "-bbox", str(out["sample"]), "-")
    left, top = mm_to_pt(style.page.margin_left), mm_to_pt(style.page.margin_top)
    right, bottom = left + mm_to_pt(style.page.type_width_mm), top + mm_to_pt(style.page.type_height_mm)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    assert words
    body = [wd for wd in words if not PAGE_NUMBER.match(wd[4]) and not re.fullmatch(r"[—\d]+", wd[4])]
    xs0 = min(float(wd[0]) for wd in body)
    xs1 = max(float(wd[2]) for wd in body)
    ys0 = min(float(wd[1]) for wd in body)
    ys1 = max(float(wd[3]) for wd in body)
    assert xs0 >= left - 1 and xs1 <= right + 1.5
    assert ys0 >= top - 1 and ys1 <= bottom + 1
    # justified: full lines reach both edges of the type area
    assert xs0 < left + 2 and xs1 > right - 3
    # page numbers 7 mm below the type area (baseline), outside: page 1 right, page 2 left
    pn = [wd for wd in words if re.fullmatch(r"\d+", wd[4])]
    assert pn and all(float(wd[3]) > bottom + mm_to_pt(4) for wd in pn)


def test_pages_per_speech_and_headings_not_stranded(out: dict[str, Path], sample_doc: Document) -> None:
    pages = run("pdftotext", "-layout", str(out["sample"]), "-").split("\f")
    pages = [p for p in pages if p.strip()]
    # each speech starts a page (the first one under the collection title)
    assert pages[0].lstrip().startswith("理论中心组")
    assert sum(1 for p in pages if p.lstrip().startswith("（二）")) == 1
    headings = [b.text for s in sample_doc.speeches for b in s.blocks if isinstance(b, Heading) and not b.run_in]
    for p in pages:
        body = [ln.strip() for ln in p.splitlines() if ln.strip() and not PAGE_NUMBER.match(ln)]
        if body:
            assert not any(body[-1] == h for h in headings), body[-1]


def test_bookmarks_for_speeches_and_every_heading(out: dict[str, Path], rich_doc: Document) -> None:
    want = 1 + len(rich_doc.speeches) + sum(1 for s in rich_doc.speeches for b in s.blocks if isinstance(b, Heading))
    data = out["rich"].read_bytes()
    titles = re.findall(rb"/Title <FEFF([0-9A-F]+)>|/Title \((.*?)\)", data)
    assert b"/Outlines" in data and b"/UseOutlines" in data
    # the outline entries are PDF dicts with /Dest: count them
    dests = re.findall(rb"/Dest \[", data)
    assert len(dests) == want, (len(dests), want, titles[:3])


def test_metadata(out: dict[str, Path], sample_doc: Document) -> None:
    i = info(out["sample"])
    assert i["Title"] == sample_doc.display_title()
    assert i["Pages"] == str(int(i["Pages"]))
    assert b"/Lang (zh-CN)" in out["sample"].read_bytes()


def test_handout_a5_and_booklet(out: dict[str, Path]) -> None:
    h = info(out["handout"])
    w, hh = (float(x) for x in re.findall(r"[\d.]+", h["Page size"])[:2])
    assert (round(w), round(hh)) == (420, 595)
    text = run("pdftotext", "-layout", str(out["handout"]), "-")
    n = int(h["Pages"])
    assert f"第 1 页 共 {n} 页" in text and f"第 {n} 页 共 {n} 页" in text
    b = info(out["booklet"])
    w, hh = (float(x) for x in re.findall(r"[\d.]+", b["Page size"])[:2])
    assert (round(w), round(hh)) == (842, 595)
    sides = int(b["Pages"])
    assert (sides * 2) % 4 == 0 and sides * 2 >= n > sides * 2 - 4
    # the first side carries the last (padded) page and page 1: text of page 1 on side 1
    first = run("pdftotext", "-f", "1", "-l", "1", str(out["booklet"]), "-")
    assert "第 1 页" in first


def test_booklet_order() -> None:
    assert booklet_order(4) == [(3, 0), (1, 2)]
    order = booklet_order(6)
    assert order == [(None, 0), (1, None), (5, 2), (3, 4)]


def test_bad_input_raises(tmp_path: Path) -> None:
    from convert.writers.pdf.writer import WRITER

    with pytest.raises(TypeError, match="Document"):
        WRITER.write("not a document", tmp_path / "x.pdf", load_style(), WriteOptions())  # type: ignore[arg-type]


def test_font_streams_compressed_and_single(out: dict[str, Path]) -> None:
    data = out["sample"].read_bytes()
    assert data.count(b"/FontFile2") == 5  # one per face, see test_sample_faces_and_size
    assert b"/Subtype /Type1" not in data  # no stray unembedded base-14 font


def test_same_input_same_bytes_with_source_date_epoch(tmp_path, sample_doc, monkeypatch):
    """Font resource names are numbered per document, so a batch process writes the same
    bytes as a fresh one; SOURCE_DATE_EPOCH fixes the dates and the document ID."""
    import convert

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    convert.write(sample_doc, first)
    convert.write(sample_doc, tmp_path / "other.pdf", style="handout")  # something in between
    convert.write(sample_doc, second)
    assert first.read_bytes() == second.read_bytes()


def test_han_beyond_this_pythons_unicode_tables_is_kept(tmp_path):
    """U+2EBE1 (CJK Extension I) is unassigned for Python 3.11's unicodedata and in no
    installed font: it must still reach the text layer (ActualText), not vanish."""
    import subprocess

    import convert
    from convert.model import Document, Paragraph, Speech

    doc = Document(speeches=(Speech(blocks=(Paragraph.of("正文\U0002ebe1和\U00020000字"),)),), subtitle="\U0002ebe1")
    out = tmp_path / "x.pdf"
    convert.write(doc, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("\U0002ebe1") == 2 and "正文\U0002ebe1和\U00020000字" in text


def test_a_table_too_wide_for_the_page_is_drawn_in_bands_of_columns(tmp_path):
    """60 columns at a tenth of the measure each would print every cell's text over its
    neighbours'; in bands of the columns that fit, each cell reads whole, and each band
    repeats its part of the header row."""
    import subprocess

    import convert
    from convert.model import Document, Speech, Table

    cols = 60
    rows = (tuple(f"列{c}" for c in range(cols)), *(tuple(f"{r}行{c}" for c in range(cols)) for r in range(3)))
    doc = Document(speeches=(Speech(blocks=(Table(rows=rows, header=True),)),))
    out = tmp_path / "wide.pdf"
    convert.write(doc, out)
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    assert all(cell in words for row in rows for cell in row)
    # the bands come one under the other: column 0's header before the last column's data
    assert words.index("列0") < words.index(f"2行{cols - 1}")


def _outline_pdf(entries: list[tuple[str, int, int, float]], lean: bool) -> bytes:
    """Three pages and an outline of ``entries`` (title, level, page, top), through
    reportlab's bookmarks and outline or through the writer's lean Outline."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from convert.writers.pdf.outline import Outline

    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    outline = Outline()
    for page in range(3):
        c.drawString(100, 700, f"page {page}")
        for k, (title, level, on, top) in enumerate(entries):
            if on != page:
                continue
            if lean:
                outline.add(title, level, c._doc.pageCounter, 0.0, top)
            else:
                c.bookmarkPage(f"b{k}", fit="XYZ", left=0.0, top=top)
        c.showPage()
    if lean:
        doc = c._doc
        doc.outline = doc.Outlines = doc.Catalog.Outlines = outline
    else:
        for k, (title, level, _, _) in enumerate(entries):
            c.addOutlineEntry(title, f"b{k}", level=level, closed=False)
    c.showOutline()
    c.save()
    return buf.getvalue()


def test_the_lean_outline_writes_the_bytes_reportlab_writes() -> None:
    """The writer keeps its bookmarks in arrays (reportlab's way cost 1.5 KB a heading):
    same objects, numbers, links, counts and titles (Chinese, brackets, backslashes)."""
    entries = [
        ("讲话稿", 0, 0, 800.5),
        ("（一）第一篇", 1, 0, 700.0),
        ("一、总体要求(试行)", 2, 0, 600.25),
        ("（一）细项\\说明", 3, 1, 812.0),
        ("二、重点任务", 2, 1, 500.0),
        ("（二）第二篇", 1, 2, 800.0),
        ("附录 A", 0, 2, 400.0),
        ("深一层", 1, 2, 300.0),
    ]
    assert _outline_pdf(entries, lean=True) == _outline_pdf(entries, lean=False)
    assert _outline_pdf(entries[:1], lean=True) == _outline_pdf(entries[:1], lean=False)
    assert _outline_pdf([], lean=True) == _outline_pdf([], lean=False)


def test_table_cells_print_each_line_once_in_order(tmp_path):
    """A table row is laid out once and its lines drawn from that layout: each cell's text,
    its lines split at "\\n" and wrapped in its column, prints whole, once, in order; an
    empty line inside a cell keeps its place (the lines around it are two lines apart)."""
    from convert.model import Table

    long = "很长的单元格文字需要在窄栏里折成好几行才能放下全部内容" * 2
    rows = (("第一行\n\n第三行", long, "零格二"), ("甲乙\n丙丁", "", "一格二"), ("二格零", "二格一", "二格二"))
    doc = Document(speeches=(Speech(blocks=(Paragraph.of("表前正文。"), Table(rows=rows))),))
    out = tmp_path / "cells.pdf"
    api.write(doc, out)
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    printed = content_chars(re.sub(r"\s", "", text))
    want = content_chars("表前正文。" + "".join(c for row in rows for c in row))
    assert printed.startswith(want) and printed[len(want) :] == "1"  # in drawing order; then the page number
    bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = [
        (float(x), float(y), w)
        for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    ]
    x0 = next(x for x, _, w in words if w.startswith("第一"))
    first_column = sorted((y, w) for x, y, w in words if abs(x - x0) < 0.5)
    assert "".join(w for _, w in first_column) == "第一行第三行甲乙丙丁二格零"
    gaps = {w: y - prev for (prev, _), (y, w) in zip(first_column, first_column[1:])}
    pitch = min(gaps.values())
    assert gaps[next(w for w in gaps if w.startswith("第三"))] == pytest.approx(2 * pitch, abs=0.1)
