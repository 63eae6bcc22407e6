"""The DOCX writer, checked on the files it makes: python-docx reopens them, LibreOffice
converts them to PDF, pdftotext reads the PDF back."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
import typeset_checks as tc
from conftest import ROOT, SEED, need
from docx.oxml.ns import qn
from docx.shared import Mm

from convert import timing
from convert.model import Document, Heading, Note, Paragraph, Speech, Table, content_chars, document_text
from convert.style import StyleError, load_style
from convert.writers.base import WriteOptions
from convert.writers.docx.writer import WRITER, DocxWriteError

OFFICIAL = load_style("official")

#: Unlabelled speeches: the second opens with a table, the third with a code note (the
#: only 楷体 text, so the PDF's fonts show which faces the code style gives it).
BREAKS = Document(
    speeches=(
        Speech(blocks=(Paragraph.of("第一篇讲话的正文。"),)),
        Speech(
            blocks=(Table(rows=(("指标", "增长"), ("产值", "5.2%")), header=True), Paragraph.of("第二篇讲话的正文。"))
        ),
        Speech(blocks=(Note("total = sum(xs)  # 合计\nprint(total)", kind="code"), Paragraph.of("第三篇讲话的正文。"))),
    )
)


def _write(doc: Document, path: Path, style: str = "official", toc: bool = False, **docx: object) -> Path:
    """Write with a built-in style, its [docx] keys overridden by ``docx`` (run_in=…, grid=…)."""
    WRITER.write(doc, path, load_style(style, {"docx": docx} if docx else None), WriteOptions(toc=toc))
    return path


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, sample_doc: Document, rich_doc: Document) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("docx")
    return {
        "sample": _write(sample_doc, d / "sample.docx"),
        "rich": _write(rich_doc, d / "rich.docx"),
        "rich_toc": _write(rich_doc, d / "rich_toc.docx", toc=True),
        "handout": _write(rich_doc, d / "handout.docx", "handout"),
        "inline": _write(rich_doc, d / "inline.docx", run_in="inline"),
        "breaks": _write(BREAKS, d / "breaks.docx"),
    }


def _open(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def _body_text(path: Path) -> str:
    """Paragraph and table-cell text in body order (headers/footers left out)."""
    d = _open(path)
    parts: list[str] = []
    for child in d.element.body:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            parts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
    return "\n".join(parts)


def _style_el(d: docx.document.Document, style_id: str):
    for s in d.styles:
        if s.style_id == style_id:
            return s.element
    raise AssertionError(f"no style {style_id}")


def _rfonts(style_el) -> dict[str, str]:
    rf = style_el.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in rf.attrib.items()}


def _outline(style_el) -> int | None:
    o = style_el.find(qn("w:pPr")).find(qn("w:outlineLvl"))
    return None if o is None else int(o.get(qn("w:val")))


def _headings(path: Path) -> list[tuple[int, str]]:
    """(Word heading number, text) of every paragraph in a Heading N style, in order; a
    speech label as level 0."""
    d = _open(path)
    out = []
    for p in d.paragraphs:
        sid = p.style.style_id if p.style is not None else ""
        if sid.startswith("Heading"):
            out.append((int(sid.removeprefix("Heading")), p.text))
        elif sid == "SpeechLabel":
            out.append((0, p.text))
    return out


# -- page set-up --------------------------------------------------------------------------


def test_page_setup_is_a4_with_official_margins(out: dict[str, Path]) -> None:
    s = _open(out["sample"]).sections[0]
    mm = lambda v: v / Mm(1)
    assert round(mm(s.page_width), 1) == 210.0 and round(mm(s.page_height), 1) == 297.0
    assert [round(mm(v), 1) for v in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37.0,
        35.0,
        28.0,
        26.0,
    ]


def test_document_grid_gives_22_lines_of_28_characters(out: dict[str, Path]) -> None:
    """Default: the line grid plus Normal condensed so 28 characters fit the type area."""
    sect = _open(out["sample"]).sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    type_h, type_w = (297 - 37 - 35) * 72 / 25.4, (210 - 28 - 26) * 72 / 25.4
    assert round(type_h / pitch_pt, 2) == pytest.approx(22, abs=0.05)
    rpr = _style_el(_open(out["sample"]), "Normal").find(qn("w:rPr"))
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    advance = 16 + int(rpr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert int(type_w // advance) == 28


def test_exact_char_grid_option(tmp_path: Path, rich_doc: Document) -> None:
    """The office templates' linesAndChars grid, exact in Word and WPS."""
    p = _write(rich_doc, tmp_path / "chars.docx", grid="chars")
    grid = _open(p).sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # relative to the 16 pt Normal font
    type_w = (210 - 28 - 26) * 72 / 25.4
    assert type_w / char_pt == pytest.approx(28, abs=0.01)
    assert _style_el(_open(p), "Normal").find(qn("w:rPr")).find(qn("w:spacing")) is None


# -- styles and fonts ---------------------------------------------------------------------


def test_styles_set_east_asian_faces_and_outline_levels(out: dict[str, Path]) -> None:
    d = _open(out["rich"])
    expect = {
        "Normal": ("仿宋_GB2312", None),
        "Title": ("方正小标宋简体", None),
        "SpeechLabel": ("黑体", 0),  # speech labels （一）: a style of their own
        "Heading1": ("黑体", 0),  # Heading N is model level N in every file
        "Heading2": ("楷体_GB2312", 1),
        "Heading3": ("仿宋_GB2312", 2),
        "Heading4": ("仿宋_GB2312", 3),
        "Note": ("楷体_GB2312", None),
    }
    for sid, (face, level) in expect.items():
        e = _style_el(d, sid)
        f = _rfonts(e)
        assert f["eastAsia"] == face and f["hint"] == "eastAsia", sid
        assert f["ascii"] == "Times New Roman", sid
        assert _outline(e) == (9 if level is None else level), sid
    h3 = _style_el(d, "Heading3").find(qn("w:rPr"))
    assert h3.find(qn("w:b")).get(qn("w:val")) == "1"  # level 3: bold 仿宋
    title = _style_el(d, "Title")
    assert title.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"
    assert title.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "44"
    normal = _style_el(d, "Normal").find(qn("w:pPr"))
    assert normal.find(qn("w:jc")).get(qn("w:val")) == "both"
    assert normal.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    for n in range(1, 5):
        assert _rfonts(_style_el(d, f"Lead{n}"))["eastAsia"] == OFFICIAL.heading_role(n).fonts[0]


def test_language_is_zh_cn(out: dict[str, Path]) -> None:
    d = _open(out["sample"])
    lang = d.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert d.core_properties.language == "zh-CN"


def test_font_table_names_substitutes(out: dict[str, Path]) -> None:
    with zipfile.ZipFile(out["sample"]) as z:
        xml = z.read("word/fontTable.xml").decode()
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', xml)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', xml)
    assert "ＭＳ 明朝" not in xml


def test_body_runs_carry_no_direct_fonts(out: dict[str, Path]) -> None:
    d = _open(out["rich"])
    for r in d.element.body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            assert rpr.find(qn("w:rFonts")) is None and rpr.find(qn("w:sz")) is None


# -- structure ----------------------------------------------------------------------------


def _expected_outline(doc: Document) -> list[tuple[int, str]]:
    out = []
    for s in doc.speeches:
        if s.label:
            out.append((0, s.label))
        out += [(b.level, b.text) for b in s.blocks if isinstance(b, Heading)]  # Heading N = level N
    return out


def test_headings_in_order_with_levels(out: dict[str, Path], rich_doc: Document, sample_doc: Document) -> None:
    assert _headings(out["rich"]) == _expected_outline(rich_doc)
    assert _headings(out["sample"]) == _expected_outline(sample_doc)


def test_run_in_leads_use_the_style_separator(out: dict[str, Path], rich_doc: Document) -> None:
    d = _open(out["rich"])
    paras = d.paragraphs
    leads = [
        (b, rich_doc.speeches[i].blocks[j + 1])
        for i, s in enumerate(rich_doc.speeches)
        for j, b in enumerate(s.blocks)
        if isinstance(b, Heading) and b.run_in
    ]
    assert len(leads) == 3
    for h, after in leads:
        k = next(n for n, p in enumerate(paras) if p.text == h.text)
        mark = paras[k]._p.pPr.find(qn("w:rPr"))
        assert mark is not None and mark.find(qn("w:specVanish")) is not None and mark.find(qn("w:vanish")) is not None
        assert paras[k + 1].text == after.text
        assert paras[k + 1].style.style_id == "Normal"
    # ordinary headings keep a visible paragraph mark
    k = next(n for n, p in enumerate(paras) if p.text == "一、充分肯定成绩")
    assert paras[k]._p.pPr.find(qn("w:rPr")) is None


def test_inline_run_in_option_uses_lead_character_styles(out: dict[str, Path]) -> None:
    d = _open(out["inline"])
    p = next(p for p in d.paragraphs if p.text.startswith("一是高质量推进产业发展。"))
    assert p.text == "一是高质量推进产业发展。一产要坚持稳住产量，二产要加快转型升级。"
    assert p.runs[0].style.style_id == "Lead2"  # model level 2: the 楷体 lead


def test_speeches_start_on_new_pages(out: dict[str, Path]) -> None:
    d = _open(out["rich"])
    label = _style_el(d, "SpeechLabel").find(qn("w:pPr"))
    assert label.find(qn("w:pageBreakBefore")) is not None
    assert _style_el(d, "Heading1").find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is None
    labels = [p for p in d.paragraphs if p.style.style_id == "SpeechLabel"]
    first = labels[0]._p.pPr.find(qn("w:pageBreakBefore"))
    assert first is not None and first.get(qn("w:val")) == "0"  # under the collection title
    assert labels[1]._p.pPr.find(qn("w:pageBreakBefore")) is None  # the style breaks the page
    assert d.paragraphs[0].style.style_id == "Title"


def test_roles_runs_tables_and_notes_have_styles(out: dict[str, Path]) -> None:
    d = _open(out["rich"])
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["同志们："].style.style_id == "Salutation"
    assert by_text["谢谢大家！"].style.style_id == "Closing"
    assert by_text["注：本文数据截至2023年底。"].style.style_id == "Note"
    runs = {r.text: r for p in d.paragraphs for r in p.runs}
    assert runs["全部开工"].style.style_id == "Strong"
    assert runs["85亿元"].style.style_id == "Emphasis"
    assert runs["【数据待核】"].style.style_id == "NoteChar"
    t = d.tables[0]
    assert t.style.name == "Table Grid"
    assert [c.text for c in t.rows[0].cells] == ["指标", "2023年", "增长"]
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def _top_border(d: docx.document.Document, style_id: str) -> str | None:
    """The top border of a paragraph style, as Word resolves it through ``w:basedOn``."""
    while style_id:
        e = _style_el(d, style_id)
        top = e.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
        if top is not None:
            return top.get(qn("w:val"))
        based = e.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else ""
    return None


SOURCE = Note("来源：某某日报", kind="editorial")
TEXT = Paragraph.of("今年各项工作取得新成效，经济运行稳中向好，民生保障有力有效。")


def test_a_run_of_notes_that_opens_a_speech_has_no_rule(tmp_path: Path) -> None:
    """As in the PDF and EPUB: a rule sets notes off from text above them, so a source line
    under the title has none; notes after text keep theirs. Named styles, no direct
    formatting: each opening note kind has a style of its own without the border."""
    foot = Note("①见某某文件。", kind="footnote")
    doc = Document(speeches=(Speech(blocks=(SOURCE, foot, TEXT, SOURCE, foot)),), title="测试")
    d = _open(_write(doc, tmp_path / "notes.docx"))
    styles = [p.style.style_id for p in d.paragraphs[1:]]
    assert styles == ["NoteSource", "NoteFootnoteSource", "Normal", "Note", "NoteFootnote"]
    assert [_top_border(d, sid) for sid in styles] == ["nil", "nil", None, "single", "single"]
    assert all(p._p.pPr.find(qn("w:pBdr")) is None for p in d.paragraphs)  # the styles say it
    plain = _open(_write(Document(speeches=(Speech(blocks=(TEXT, SOURCE)),)), tmp_path / "plain.docx"))
    assert not {"NoteSource", "NoteFootnoteSource"} & {s.style_id for s in plain.styles}  # made only when used


@pytest.mark.slow
def test_libreoffice_draws_no_rule_above_a_source_line_under_the_title(tmp_path: Path) -> None:
    from test_typesetting import _rules  # the PDF test's rule counter: one way to count

    soffice = need("soffice")
    need("pdftoppm")
    opening = _write(Document(speeches=(Speech(blocks=(SOURCE, TEXT)),), title="测试"), tmp_path / "opening.docx")
    after = _write(Document(speeches=(Speech(blocks=(TEXT, SOURCE)),), title="测试"), tmp_path / "after.docx")
    cmd = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf"]
    proc = subprocess.run(
        [*cmd, "--outdir", str(tmp_path), str(opening), str(after)], capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    assert _rules(tmp_path / "opening.pdf") == 0
    assert _rules(tmp_path / "after.pdf") == 1


def test_each_note_kind_has_its_own_style_from_its_role(tmp_path: Path) -> None:
    kinds = {
        "editorial": "Note",
        "footnote": "NoteFootnote",
        "code": "NoteCode",
        "caption": "Caption",
        "cue": "NoteCue",
    }
    notes = tuple(Note(f"{k}说明文字", kind=k) for k in kinds)  # type: ignore[arg-type]
    doc = Document(speeches=(Speech(blocks=(Paragraph.of("正文。"), *notes)),))
    d = _open(_write(doc, tmp_path / "notes.docx"))
    assert [p.style.style_id for p in d.paragraphs] == ["Normal", *kinds.values()]
    foot = _style_el(d, "NoteFootnote")
    assert foot.find(qn("w:basedOn")).get(qn("w:val")) == "Note" and foot.find(qn("w:pPr")) is None
    note = _style_el(d, "Note")  # smaller than the body, after a rule (one border above a run of notes)
    assert int(note.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val"))) < 32
    assert note.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
    assert _style_el(d, "Caption").find(qn("w:name")).get(qn("w:val")) == "caption"  # Word's own 题注
    code = _rfonts(_style_el(d, "NoteCode"))
    assert (code["ascii"], code["eastAsia"]) == ("Courier New", "楷体_GB2312")  # monospace Latin, the note's CJK face
    assert _rfonts(_style_el(d, "NoteCue"))["eastAsia"] == OFFICIAL.role("lead").fonts[0]  # the lead face
    cue = d.paragraphs[-1]
    assert cue.text == "［cue说明文字］"  # the brackets are runs of their own, in the Cue Mark style
    assert [r._r.rPr is not None and r.style.style_id == "CueMark" for r in cue.runs] == [True, False, True]
    for sid, jc in (("NoteCode", "left"), ("Caption", "center")):
        ppr = _style_el(d, sid).find(qn("w:pPr"))
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == jc
        ind = ppr.find(qn("w:ind"))
        assert (ind.get(qn("w:firstLineChars")), ind.get(qn("w:firstLine"))) == ("0", "0")
    with zipfile.ZipFile(tmp_path / "notes.docx") as z:
        assert (
            '<w:font w:name="Courier New"><w:altName w:val="Liberation Mono"/>' in z.read("word/fontTable.xml").decode()
        )


def test_code_note_keeps_its_lines(out: dict[str, Path]) -> None:
    p = next(p for p in _open(out["breaks"]).paragraphs if p.style.style_id == "NoteCode")
    assert len(p._p.findall(".//" + qn("w:br"))) == 1
    assert p.text == "total = sum(xs)  # 合计\nprint(total)"


def test_every_speech_starts_a_page_whatever_its_first_block(out: dict[str, Path]) -> None:
    """No labels: the first paragraph of a speech breaks the page, or, when the speech
    opens with a table, the paragraphs of the table's first row (a table has no page break
    of its own)."""
    d = _open(out["breaks"])
    rows = d.tables[0].rows
    for cell in rows[0].cells:
        assert cell.paragraphs[0]._p.pPr.find(qn("w:pageBreakBefore")) is not None
    for cell in rows[1].cells:
        assert cell.paragraphs[0]._p.pPr.find(qn("w:pageBreakBefore")) is None
    breaks = [p.text for p in d.paragraphs if p._p.pPr.find(qn("w:pageBreakBefore")) is not None]
    assert breaks == ["total = sum(xs)  # 合计\nprint(total)"]


def test_signature_is_right_aligned(tmp_path: Path) -> None:
    doc = Document(
        speeches=(Speech(blocks=(Paragraph.of("正文。"), Paragraph.of("某某市人民政府", role="signature"))),)
    )
    d = _open(_write(doc, tmp_path / "sig.docx"))
    p = d.paragraphs[-1]
    assert p.style.style_id == "Signature"
    assert _style_el(d, "Signature").find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "right"
    assert _headings(tmp_path / "sig.docx") == []


# -- footers, headers, fields -------------------------------------------------------------


def _instr(el) -> list[str]:
    return [t.text.strip() for t in el.iter(qn("w:instrText"))]


def test_outside_page_numbers_odd_right_even_left(out: dict[str, Path]) -> None:
    d = _open(out["sample"])
    assert d.settings.odd_and_even_pages_header_footer
    s = d.sections[0]
    for footer, side in ((s.footer, "right"), (s.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert _instr(p._p) == ["PAGE"]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        ppr = p._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == side
        assert ppr.find(qn("w:ind")).get(qn(f"w:{side}Chars")) == "100"
        assert p.style.style_id == "Footer"
    f = _rfonts(_style_el(d, "Footer"))
    assert f["eastAsia"] == "宋体"
    assert _style_el(d, "Footer").find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "28"


def test_handout_has_page_of_pages_and_running_head(out: dict[str, Path], rich_doc: Document) -> None:
    d = _open(out["handout"])
    s = d.sections[0]
    assert round(s.page_width / Mm(1)) == 148
    p = s.footer.paragraphs[0]
    assert _instr(p._p) == ["PAGE", "NUMPAGES"]
    assert re.fullmatch(r"第 \d+ 页 共 \d+ 页", p.text)
    assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "center"
    assert not d.settings.odd_and_even_pages_header_footer
    assert s.header.paragraphs[0].text == rich_doc.title
    assert s._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None  # the handout has no grid


#: Three speeches under a title (the running head), the first ending with a table.
PIECES = Document(
    title="测试讲话汇编",
    speeches=(
        Speech(blocks=(Paragraph.of("第一篇讲话的正文。"), Table(rows=(("指标", "增长"), ("产值", "5.2%"))))),
        Speech(title="第二篇", blocks=(Paragraph.of("第二篇讲话的正文。"),)),
        Speech(title="第三篇", blocks=(Paragraph.of("第三篇讲话的正文。"),)),
    ),
)


def _parts(path: Path, prefix: str) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(prefix)}


def test_each_piece_is_a_section_without_the_running_head_on_its_first_page(tmp_path: Path) -> None:
    """As the PDF: a piece's first page has its title, not the running head. One section
    per piece, each with a first page of its own; numbers run on; every distinct header
    and footer is in the file once, the sections sharing them."""
    path = _write(PIECES, tmp_path / "pieces.docx", "handout")
    d = _open(path)
    assert len(d.sections) == len(PIECES.speeches)
    for n, s in enumerate(d.sections):
        assert s.different_first_page_header_footer
        assert s.first_page_header.paragraphs[0].text == ""
        assert s.header.paragraphs[0].text == PIECES.title
        assert _instr(s.first_page_footer.paragraphs[0]._p) == ["PAGE", "NUMPAGES"]  # numbered all the same
        assert s._sectPr.find(qn("w:pgNumType")) is None  # no restart
        if n:
            assert s._sectPr.find(qn("w:type")).get(qn("w:val")) == "nextPage"
    one = _write(replace(PIECES, speeches=PIECES.speeches[:1]), tmp_path / "one.docx", "handout")
    assert _parts(path, "word/header").keys() == _parts(one, "word/header").keys()  # the pieces share them
    assert _parts(path, "word/footer").keys() == _parts(one, "word/footer").keys()
    # the first piece ends with a table: its section ends at an empty "Section End" paragraph
    body = d.element.body
    ends = [p for p in body.iter(qn("w:p")) if p.pPr is not None and p.pPr.find(qn("w:sectPr")) is not None]
    assert ends[0].getprevious().tag == qn("w:tbl")
    assert ends[0].pPr.find(qn("w:pStyle")).get(qn("w:val")) == "SectionEnd" and not ends[0].xpath("string(.)")
    assert _style_el(d, "SectionEnd").find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "2"  # a point high
    # without a running head nothing differs on a piece's first page: one section
    assert len(_open(_write(PIECES, tmp_path / "official.docx")).sections) == 1


@pytest.mark.slow
def test_libreoffice_prints_no_running_head_on_a_pieces_first_page(tmp_path: Path, sample_doc: Document) -> None:
    """The sample (two pieces) in the handout, and in the official style given a running
    head and a TOC (a section of its own before the first piece), through LibreOffice:
    the head is on every page but the document's first and each piece's first; the
    pages are numbered 1…N straight through the sections."""
    soffice = need("soffice")
    need("pdftotext")
    head = sample_doc.display_title()
    labels = {s.label or s.title for s in sample_doc.speeches}
    handout = _write(sample_doc, tmp_path / "handout.docx", "handout")
    official = tmp_path / "official.docx"
    WRITER.write(
        sample_doc, official, load_style("official", {"running_head": {"text": "{title}"}}), WriteOptions(toc=True)
    )
    cmd = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf"]
    proc = subprocess.run(
        [*cmd, "--outdir", str(tmp_path), str(handout), str(official)], capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("handout", "official"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages = [[ln.strip() for ln in pg.splitlines() if ln.strip()] for pg in text.split("\f") if pg.strip()]
        firsts = [n == 0 or lines[0] in labels for n, lines in enumerate(pages)]
        on_page_1 = sum(ln in labels for ln in pages[0])  # a piece under the title
        assert on_page_1 + sum(firsts[1:]) == len(sample_doc.speeches), name  # each piece found
        assert [lines[0] == head for lines in pages] == [not f for f in firsts], name
        assert [int(re.search(r"\d+", lines[-1])[0]) for lines in pages] == list(range(1, len(pages) + 1)), name


def test_toc_field_and_prefilled_entries(out: dict[str, Path], rich_doc: Document) -> None:
    d = _open(out["rich_toc"])
    instr = _instr(d.element.body)
    assert 'TOC \\o "1-3" \\h \\z \\u' in instr
    assert d.settings.element.find(qn("w:updateFields")) is not None
    entries = [
        (int(p.style.style_id.removeprefix("TOC")), p.text.split("\t")[0])
        for p in d.paragraphs
        if p.style.style_id.startswith("TOC") and p.style.style_id != "TOCHeading"
    ]
    # labels are at the outline's top (TOC 1), beside level-1 headings: Heading N stays level N
    assert entries == [(max(n, 1), t) for n, t in _expected_outline(rich_doc) if max(n, 1) <= 3]
    names = {b.get(qn("w:name")) for b in d.element.body.iter(qn("w:bookmarkStart"))}
    anchors = {h.get(qn("w:anchor")) for h in d.element.body.iter(qn("w:hyperlink"))}
    assert anchors and anchors <= names
    assert not any("TOC" in i for i in _instr(_open(out["rich"]).element.body))


def test_properties(out: dict[str, Path], sample_doc: Document) -> None:
    d = _open(out["sample"])
    cp = d.core_properties
    assert cp.title == sample_doc.display_title()
    assert cp.subject and cp.created is not None and cp.modified is not None
    with zipfile.ZipFile(out["sample"]) as z:
        app = z.read("docProps/app.xml").decode()
        assert "<Application>Speechpress</Application>" in app
        assert "docProps/thumbnail.jpeg" not in z.read("_rels/.rels").decode()


def test_package_holds_only_parts_it_uses(out: dict[str, Path]) -> None:
    """No template leftovers (Word 2010's stylesWithEffects copy, bibliography customXml),
    and the package is whole: every relationship target and content-type override is a
    part in the zip, every part but the content types is reached by a relationship."""
    with zipfile.ZipFile(out["sample"]) as z:
        names = set(z.namelist())
        assert not any("stylesWithEffects" in n or n.startswith("customXml/") for n in names)
        overrides = set(re.findall(r'PartName="/([^"]+)"', z.read("[Content_Types].xml").decode()))
        assert overrides <= names
        reached = set()
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels")
            folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
            for target, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?', z.read(rels).decode()):
                if mode != "External":
                    reached.add(os.path.normpath(folder + target))
        assert reached <= names
        assert names - reached - {"[Content_Types].xml"} == {n for n in names if n.endswith(".rels")}


#: What Word needs to open a package, by relationship type (ECMA-376 Part 1 §11 and
#: Part 2 §9-10, transitional URIs): the content type the part reached by it must have.
_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PART_TYPES = {
    f"{_OD}/officeDocument": f"{_WML}.document.main+xml",
    f"{_OD}/styles": f"{_WML}.styles+xml",
    f"{_OD}/settings": f"{_WML}.settings+xml",
    f"{_OD}/fontTable": f"{_WML}.fontTable+xml",
    f"{_OD}/header": f"{_WML}.header+xml",
    f"{_OD}/footer": f"{_WML}.footer+xml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties": (
        "application/vnd.openxmlformats-package.core-properties+xml"
    ),
    f"{_OD}/extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}


@pytest.mark.parametrize("which", ["sample", "rich_toc", "handout"])
def test_package_has_every_part_word_needs_with_its_content_type(out: dict[str, Path], which: str) -> None:
    """The main document, styles, settings, font table and properties are reached by their
    relationships, each part declares the content type its relationship calls for, every
    part parses as XML, and every header and footer the section names is a relationship
    of the document whose target is in the zip."""
    from lxml import etree

    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    pr = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    with zipfile.ZipFile(out[which]) as z:
        names = set(z.namelist())
        parsed = {n: etree.fromstring(z.read(n)) for n in names}
    types = parsed["[Content_Types].xml"]
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in types.iter(ct + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(ct + "Default")}
    assert defaults["rels"] == "application/vnd.openxmlformats-package.relationships+xml"

    def rels(part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part name) of ``part`` ('' for the package)."""
        folder, _, base = part.rpartition("/")
        source = parsed[f"{folder}/_rels/{base}.rels" if folder else "_rels/.rels"]
        return {
            r.get("Id"): (r.get("Type"), os.path.normpath(f"{folder}/{r.get('Target')}" if folder else r.get("Target")))
            for r in source.iter(pr + "Relationship")
        }

    package = rels("")
    document = next(t for kind, t in package.values() if kind.endswith("/officeDocument"))
    doc_rels = rels(document)
    every = list(package.values()) + list(doc_rels.values())
    reached = {kind for kind, _ in every}
    for kind in _PART_TYPES:
        if not kind.endswith(("/header", "/footer")):
            assert kind in reached, kind  # the parts every file has
    for kind, target in every:
        assert kind in _PART_TYPES, f"{target}: a part the writer has no use for"
        assert target in names, target
        assert overrides.get(target) == _PART_TYPES[kind], (target, overrides.get(target))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    sect = parsed[document].find(f"{w}body/{w}sectPr")
    refs = [c for c in sect if c.tag in (w + "headerReference", w + "footerReference")]
    assert refs  # every style numbers its pages
    for ref in refs:
        kind, target = doc_rels[ref.get(r_id)]
        assert kind.endswith("/header" if ref.tag.endswith("headerReference") else "/footer")
        root = parsed[target]
        assert root.tag == w + ("hdr" if kind.endswith("/header") else "ftr") and root.find(w + "p") is not None


def test_the_writer_imports_no_python_docx_and_python_docx_reads_its_file(tmp_path: Path, sample_doc: Document) -> None:
    """The writer builds every part itself (importing python-docx cost 35-50 ms a run);
    python-docx, an independent consumer, then opens the file and finds what was written."""
    target = tmp_path / "seed.docx"
    code = (
        "import sys\n"
        "import convert\n"
        f"convert.write(convert.read({str(SEED)!r}), {str(target)!r})\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    d = _open(target)
    assert d.paragraphs[0].style.name == "Title" and d.core_properties.title == sample_doc.display_title()
    assert content_chars(_body_text(target)) == content_chars(document_text(sample_doc))
    assert d.sections[0].footer.paragraphs[0].text.startswith("— ")


# -- nothing lost -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "rich", "handout"])
def test_docx_text_holds_every_han_char_and_digit(out: dict[str, Path], which: str, request) -> None:
    doc = request.getfixturevalue("rich_doc" if which != "sample" else "sample_doc")
    assert content_chars(_body_text(out[which])) == content_chars(document_text(doc))


def test_control_characters_do_not_break_the_file(tmp_path: Path) -> None:
    doc = Document(title="标题\x01", speeches=(Speech(blocks=(Paragraph.of("正文\x0b内容\x1f。"),)),))
    p = _write(doc, tmp_path / "ctl.docx")
    assert content_chars(_body_text(p)) == "标题正文内容"


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocxWriteError, match="Document"):
        WRITER.write("not a model", tmp_path / "x.docx", OFFICIAL, WriteOptions())  # type: ignore[arg-type]
    with pytest.raises(StyleError, match=r"docx\.run_in"):  # a bad value never reaches the writer
        load_style("official", {"docx": {"run_in": "x"}})


def test_empty_document_still_opens(tmp_path: Path) -> None:
    p = _write(Document(speeches=()), tmp_path / "empty.docx")
    assert len(_open(p).paragraphs) >= 1


# -- LibreOffice --------------------------------------------------------------------------


def _fontconfig(dirpath: Path) -> Path:
    """Let fontconfig stand each style face in with the next faces of its own list.

    The GB2312 faces named in the file are Windows fonts; on this machine LibreOffice
    would otherwise pick any CJK face. This mirrors what Word does with altName.
    """
    aliases = []
    for role in OFFICIAL.roles.values():
        if len(role.fonts) > 1:
            prefer = "".join(f"<family>{f}</family>" for f in role.fonts[1:])
            aliases.append(f'<alias binding="same"><family>{role.fonts[0]}</family><prefer>{prefer}</prefer></alias>')
    conf = dirpath / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        + "".join(dict.fromkeys(aliases))
        + "</fontconfig>",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def pdfs(out: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = need("soffice")
    need("pdftotext")
    d = tmp_path_factory.mktemp("lo")
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(d)))
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{d / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(d),
        str(out["sample"]),
        str(out["rich"]),
        str(out["breaks"]),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    result = {k: d / f"{k}.pdf" for k in ("sample", "rich", "breaks")}
    for k, p in result.items():
        assert p.exists() and p.stat().st_size > 0, (k, proc.stdout, proc.stderr)
    return result


_PAGE_NUMBER_LINE = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.M)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample", "rich"])
def test_libreoffice_pdf_holds_every_han_char_and_digit(pdfs: dict[str, Path], which: str, request) -> None:
    doc = request.getfixturevalue("rich_doc" if which == "rich" else "sample_doc")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs[which]), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.count("\f")
    assert pages > 0
    body = _PAGE_NUMBER_LINE.sub("", text)
    assert content_chars(body) == content_chars(document_text(doc))
    assert len(_PAGE_NUMBER_LINE.findall(text)) == pages  # every page numbered, none lost


@pytest.mark.slow
def test_libreoffice_puts_each_speech_on_its_own_page(pdfs: dict[str, Path]) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs["breaks"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [content_chars(_PAGE_NUMBER_LINE.sub("", pg)) for pg in text.split("\f") if pg.strip()]
    assert pages == [content_chars(document_text(Document(speeches=(s,)))) for s in BREAKS.speeches]
    assert pages[1].startswith("指标增长")  # the table heads its page, no empty line above it


@pytest.mark.slow
def test_libreoffice_sets_code_in_a_monospace_latin_and_the_note_cjk_face(pdfs: dict[str, Path]) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs["breaks"])], capture_output=True, text=True, check=True).stdout
    assert "LiberationMono" in fonts  # Courier New's metric twin
    kai = [f for f in OFFICIAL.role("note").fonts[1:] if f.replace(" ", "") in fonts.replace(" ", "")]
    assert kai, fonts  # 合计 in the note's 楷体 (the document has no other 楷体 text)


# -- CLI ----------------------------------------------------------------------------------


def test_cli_converts_the_seed_folder(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", "seeds/", "-t", "docx", "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    target = tmp_path / f"{SEED.stem}.docx"
    assert target.exists()
    assert _open(target).paragraphs[0].style.style_id == "Title"


def test_cover_page_has_no_page_number(tmp_path: Path, rich_doc: Document) -> None:
    style_file = tmp_path / "cover.toml"
    style_file.write_text('extends = "official"\n[page]\ncover = true\n', encoding="utf-8")
    p = tmp_path / "cover.docx"
    WRITER.write(rich_doc, p, load_style(style_file), WriteOptions())
    d = _open(p)
    s = d.sections[0]
    assert s.different_first_page_header_footer
    assert s.first_page_footer.paragraphs[0].text == ""
    assert _instr(s.footer.paragraphs[0]._p) == ["PAGE"]
    assert s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "0"  # the text starts at page 1
    first_label = next(p for p in d.paragraphs if p.style.style_id == "SpeechLabel")
    assert first_label._p.pPr.find(qn("w:pageBreakBefore")) is None  # the style breaks after the cover


def test_same_input_same_bytes_with_source_date_epoch(tmp_path: Path, rich_doc: Document, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = _write(rich_doc, tmp_path / "a.docx")
    b = _write(rich_doc, tmp_path / "b.docx")
    assert a.read_bytes() == b.read_bytes()
    assert _open(a).paragraphs  # still a valid Word file


# -- one meaning per Word style; the lectern copy -------------------------------------------


def test_heading_n_means_level_n_in_a_collection_and_in_a_single_speech(tmp_path: Path, rich_doc: Document) -> None:
    single = Document(speeches=(Speech(blocks=(Heading(1, "一、总体要求"), Paragraph.of("正文。"))),), title="讲话")
    faces = {}
    for name, doc in (("collection", rich_doc), ("single", single)):
        d = _open(_write(doc, tmp_path / f"{name}.docx"))
        faces[name] = _rfonts(_style_el(d, "Heading1"))["eastAsia"]
        assert [p.text for p in d.paragraphs if p.style.style_id == "Heading1"][:1] == [
            next(b.text for b in doc.blocks() if isinstance(b, Heading) and not b.run_in and b.level == 1)
        ]
    assert faces["collection"] == faces["single"] == OFFICIAL.heading_role(1).fonts[0]


def test_podium_docx_plans_its_pages_and_numbers_them_at_the_top(tmp_path: Path, sample_doc: Document) -> None:
    """The lectern copy is one section per planned page: no keep or widow rule of Word's
    may move a line off its page; every page numbered "3 / 12" at the top, and every
    page after the title page timed at its foot."""
    path = tmp_path / "podium.docx"
    result = WRITER.write(sample_doc, path, load_style("podium"), WriteOptions())
    d = _open(path)
    normal = _style_el(d, "Normal").find(qn("w:pPr"))
    assert normal.find(qn("w:keepLines")) is None
    assert normal.find(qn("w:widowControl")).get(qn("w:val")) == "0"
    assert len(d.sections) == result.pages > 20
    for n, s in enumerate(d.sections):
        assert _instr(s.header.paragraphs[0]._p) == ["PAGE", "NUMPAGES"]  # "3 / 12" at the top
        assert s.even_page_header.paragraphs[0].alignment is not None  # the outer corner of even pages
        foot = s.footer.paragraphs[0].text
        assert (foot == "") if n == 0 else re.fullmatch(r"约 \d+′\d0″", foot), (n, foot)
    total = timing.format_duration(timing.seconds(timing.document_units(sample_doc)))
    assert d.sections[-1].footer.paragraphs[0].text == f"约 {total}"
    # every character is still there, in order, however the paragraphs were cut
    assert content_chars("".join(p.text for p in d.paragraphs)) == content_chars(document_text(sample_doc))


@pytest.mark.slow
def test_libreoffice_sets_each_planned_page_as_one_page_with_its_time(tmp_path: Path, sample_doc: Document) -> None:
    """Through LibreOffice: as many pages as sections (no page overflows onto another),
    each page ends between sentences, headings never end a page, and the times at the
    page feet grow to the whole speech's on the last page."""
    soffice = need("soffice")
    need("pdftotext")
    path = _write(sample_doc, tmp_path / "podium.docx", "podium")
    sections = len(_open(path).sections)
    cmd = [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf"]
    proc = subprocess.run([*cmd, "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    pages = tc.pdf_pages(tmp_path / "podium.pdf")
    assert len(pages) == sections
    assert tc.pages_starting_inside_a_sentence(pages, sample_doc) == []
    assert tc.pages_ending_with_a_heading(pages, sample_doc) == []
    times = [re.findall(r"约 (\d+)′(\d0)″", page) for page in pages]
    assert times[0] == []  # the collection's title page: nothing said yet
    seconds = [int(m) * 60 + int(s) for found in times[1:] for m, s in found[:1]]
    assert len(seconds) == len(pages) - 1 and seconds == sorted(seconds) and seconds[0] < seconds[-1]
    total = timing.format_duration(timing.seconds(timing.document_units(sample_doc)))
    assert "约 {}′{}″".format(*times[-1][0]) == f"约 {total}"


def test_long_titles_break_between_words(tmp_path: Path) -> None:
    title = "理论中心组学习贯彻党的二十届二中全会精神集中研讨发言提纲"
    doc = Document(speeches=(Speech(blocks=(Paragraph.of("正文。"),)),), title=title)
    d = _open(_write(doc, tmp_path / "title.docx"))
    p = d.paragraphs[0]
    assert p.style.style_id == "Title"
    lines = p.text.split("\n")  # python-docx reads <w:br/> as a newline
    assert "".join(lines) == title and len(lines) == 2
    assert not lines[0].endswith("二中全") and abs(len(lines[0]) - len(lines[1])) <= 3


#: Texts a run may hold: markup characters, quotes, spaces at the ends, a tab and breaks
#: (several ``w:t``), a character XML cannot carry, Han and Latin.
RUN_TEXTS = ("讲话", "A & B <c> \"d\" 'e'", " 两端有空格 ", "甲\t乙\n丙\r丁", "控\x01制", "2023年5.2%")


@pytest.mark.parametrize("text", RUN_TEXTS)
@pytest.mark.parametrize(("rstyle", "marks"), [(None, ()), ("Strong", ()), ("NoteChar", ("b", "i"))])
def test_a_run_written_as_bytes_is_the_run_element_serialised(text: str, rstyle: str | None, marks: tuple) -> None:
    """A paragraph's runs and a table's cells go to the document as bytes (a paragraph of
    360,000 runs as elements took 350 MB): they are the bytes the elements would be."""
    from convert.writers.docx.xml import part_xml, run_xml, text_run

    assert run_xml(text, rstyle, marks) == part_xml(text_run(text, rstyle, marks))


def test_an_element_cut_where_its_content_ends_encloses_what_is_added_there() -> None:
    from convert.writers.docx.xml import el, enclosing, part_xml, text_run

    tc, p = el("tc"), el("p")
    tc.append(el("tcPr"))
    tc.append(p)
    p.append(el("pPr"))
    before, after = enclosing(tc, p)
    assert part_xml(tc).startswith(before)  # the element is left as it was
    p.append(text_run("单元格 & 文字"))
    assert before + part_xml(text_run("单元格 & 文字")) + after == part_xml(tc)
    assert enclosing(el("tr")) == (b"<w:tr>", b"</w:tr>")  # an element with no content yet


def test_a_paragraph_of_many_runs_and_a_big_table_read_back_whole(tmp_path: Path) -> None:
    """The runs of one paragraph in order, each in its character style, and every cell of
    a table whose first row starts a new page, as Word's object model (python-docx)
    reads them back."""
    from convert.model import Run

    looks = [{}, {"bold": True}, {"italic": True}, {"bold": True, "italic": True}, {"note": True}]
    runs = tuple(Run(f"第{k}段&<{k % 7}>", **looks[k % len(looks)]) for k in range(3000))
    rows = tuple(tuple(f"{r}行{c}" + ("\n次行" if (r + c) % 5 == 0 else "") for c in range(12)) for r in range(150))
    doc = Document(
        speeches=(
            Speech(blocks=(Paragraph(runs),)),
            Speech(blocks=(Table(rows=rows, header=True), Paragraph.of("表后正文。"))),
        )
    )
    d = _open(_write(doc, tmp_path / "many.docx"))
    got = d.paragraphs[0].runs
    assert [r.text for r in got] == [r.text for r in runs]
    styles = ["NoteChar" if r.note else "Strong" if r.bold else "Emphasis" if r.italic else None for r in runs]
    assert [r.style.style_id if r.style.style_id != "DefaultParagraphFont" else None for r in got] == styles
    assert [bool(g.italic) for g in got] == [r.bold and r.italic for r in runs]  # italic beside Strong: direct
    t = d.tables[0]
    assert [[c.text for c in row.cells] for row in t.rows] == [list(r) for r in rows]
    first = t.rows[0].cells
    assert all(c.paragraphs[0]._p.pPr.find(qn("w:pageBreakBefore")) is not None for c in first)
    assert all(c.paragraphs[0]._p.pPr.find(qn("w:pageBreakBefore")) is None for c in t.rows[1].cells)
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None and t.rows[1]._tr.trPr is None
