"""What a careful reader of the printed pages notices (issue 15), checked on the PDFs with
poppler: kinsoku, runts, headings and leads at a page foot, the lectern copy's pages that
break only between sentences, its page numbers and running times; and the looks the style
roles give notes, cues, list items, Latin letters and titles."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import typeset_checks as tc
from conftest import SEED, need
from outline_corpus import CORPUS

from convert import api, timing
from convert.model import Document, Note, Paragraph, Speech, document_text
from convert.writers.base import WriteOptions
from convert.writers.pdf.linebreak import balanced_lines, break_lines
from convert.writers.segment import title_lines, word_boundaries

STYLES = ("official", "handout", "podium")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, sample_doc: Document) -> dict[str, Path]:
    need("pdftotext")
    d = tmp_path_factory.mktemp("typeset")
    out = {}
    for style in STYLES:
        out[style] = d / f"{style}.pdf"
        api.write(sample_doc, out[style], style=style)
    return out


# ---- the checks on the sample -------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_sample_has_no_kinsoku_runt_or_stranded_heading(pdfs: dict[str, Path], sample_doc: Document, style: str):
    pages = tc.pdf_pages(pdfs[style])
    assert tc.kinsoku(pages) == []
    assert tc.runts(pages) == []
    assert tc.pages_ending_with_a_heading(pages, sample_doc) == []


def test_podium_pages_never_start_inside_a_sentence(pdfs: dict[str, Path], sample_doc: Document) -> None:
    pages = tc.pdf_pages(pdfs["podium"])
    assert len(pages) > 20  # large type: many pages, many chances to break badly
    assert tc.pages_starting_inside_a_sentence(pages, sample_doc) == []
    # the official copy of the same text does break inside sentences: the check has teeth
    assert tc.pages_starting_inside_a_sentence(tc.pdf_pages(pdfs["official"]), sample_doc) != []


def test_podium_page_numbers_and_running_times(pdfs: dict[str, Path], sample_doc: Document) -> None:
    pages = tc.pdf_pages(pdfs["podium"])
    n = len(pages)
    times = []
    for k, page in enumerate(pages, 1):
        lines = [x.strip() for x in page.splitlines() if x.strip()]
        assert f"{k} / {n}" in lines  # page and total
        stamp = [x for x in lines if re.fullmatch(r"约 \d+′\d0″", x)]
        if k == 1:
            # the sample is a collection: page 1 is its title page, nothing spoken yet, no "约 0′00″"
            assert "（一）" not in page and stamp == [], page[:80]
            continue
        assert len(stamp) == 1, page[:80]
        m, s = re.fullmatch(r"约 (\d+)′(\d0)″", stamp[0]).groups()  # type: ignore[union-attr]
        times.append(int(m) * 60 + int(s))
    assert times == sorted(times) and times[0] < times[-1]
    total = timing.seconds(timing.document_units(sample_doc))
    assert abs(times[-1] - total) <= 5  # the last page: the whole speech, to ten seconds


def test_podium_number_sits_at_the_top_outer_corner(pdfs: dict[str, Path]) -> None:
    words = _bbox_words(pdfs["podium"], page=2) + _bbox_words(pdfs["podium"], page=3)
    # "2 / N" on the left (even page), "3 / N" on the right, both above the text
    two = next(w for w in words if w["page"] == 2 and w["text"] == "2")
    three = next(w for w in words if w["page"] == 3 and w["text"] == "3")
    assert two["x"] < 150 and three["x"] > 350
    first_text = min(w["y"] for w in words if w["page"] == 2 and re.search("[\u4e00-\u9fff]", w["text"]))
    assert two["y"] < first_text
    sizes = {round(w["h"]) for w in words if w["text"] in ("2", "3") and w["y"] < 100}
    assert max(sizes) >= 20  # large: found at a glance


def test_no_running_head_on_a_pieces_first_page(pdfs: dict[str, Path], sample_doc: Document) -> None:
    pages = tc.pdf_pages(pdfs["handout"])
    head = sample_doc.display_title()
    first_of_second_piece = next(k for k, p in enumerate(pages) if "（二）" in p)
    assert head not in pages[0].replace(head, "", 1)  # the title itself, not a head above it
    assert head not in pages[first_of_second_piece]
    assert sum(head in p for p in pages) >= len(pages) - 3


def test_author_is_empty_not_anonymous(pdfs: dict[str, Path]) -> None:
    out = subprocess.run(["pdfinfo", str(pdfs["official"])], capture_output=True, text=True, check=True).stdout
    assert "anonymous" not in out
    assert re.search(r"^Author:\s*$", out, re.M) or "Author:" not in out


# ---- looks from the style roles ------------------------------------------------------------


def test_notes_cues_lists_and_latin(tmp_path: Path) -> None:
    need("pdffonts")
    doc = Document(
        speeches=(
            Speech(
                blocks=(
                    Paragraph.of("今年GDP增长5.2%，完成投资2024亿元。"),
                    Note("翻页", kind="cue"),
                    Paragraph.of(
                        "1. 第一项工作要抓好落实，确保各项任务按期完成，各部门要密切配合、形成合力，坚决完成全年目标任务。",
                        role="list_item",
                    ),
                    Note("〔1〕参见有关文件。", kind="footnote"),
                    Note("〔2〕同上。", kind="footnote"),
                ),
            ),
        ),
        title="测试",
    )
    path = tmp_path / "looks.pdf"
    api.write(doc, path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "［翻页］" in text  # in brackets
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts  # Latin letters and digits in the style's latin face
    assert "NotoSansCJK" in fonts  # the cue in the lead face (黑体)
    words = _bbox_words(path, page=1)
    item = [w for w in words if w["text"].startswith(("1.", "第一项")) or "确保" in w["text"]]
    body_line = next(w for w in words if w["text"].startswith("今年"))
    note = next(w for w in words if "参见" in w["text"])
    assert note["h"] < body_line["h"]  # notes are smaller
    # the list item hangs: its second line starts right of the number, where the text does
    lines = sorted({round(w["y"]) for w in words if w["y"] > body_line["y"]})
    xs = {round(w["y"]): w["x"] for w in sorted(words, key=lambda w: -w["x"])}
    first_item_line = next(y for y in lines if any(w["text"].startswith("1.") and round(w["y"]) == y for w in words))
    second = lines[lines.index(first_item_line) + 1]
    assert item and xs[second] > xs[first_item_line] + 10


def _rules(path: Path, page: int = 1) -> int:
    """How many horizontal rules poppler draws on a page: pixel rows (72 dpi, grey) with a
    dark run of at least 60 px, far longer than any stroke of a character."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    parts = pgm.split(b"\n", 3)  # P5, width height, maxval, pixels
    width, height = map(int, parts[1].split())
    pixels = parts[3]
    count, previous = 0, False
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        longest = run = 0
        for v in row:
            run = run + 1 if v < 128 else 0
            longest = max(longest, run)
        rule = longest >= 60
        count += rule and not previous
        previous = rule
    return count


def test_a_rule_sets_notes_off_from_text_but_not_a_source_line_under_the_title(tmp_path: Path) -> None:
    need("pdftoppm")
    body = Paragraph.of("今年各项工作取得新成效，经济运行稳中向好，民生保障有力有效。")
    source = Note("来源：某某日报", kind="editorial")
    opening, after_text = tmp_path / "opening.pdf", tmp_path / "after.pdf"
    api.write(Document(speeches=(Speech(blocks=(source, body)),), title="测试"), opening)
    api.write(Document(speeches=(Speech(blocks=(body, source)),), title="测试"), after_text)
    assert _rules(opening) == 0
    assert _rules(after_text) == 1


def _bbox_words(path: Path, page: int) -> list[dict]:
    """Words with their boxes, from pdftotext -bbox (poppler)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        x0, y0, _x1, y1, text = m.groups()
        words.append({"page": page, "x": float(x0), "y": float(y0), "h": float(y1) - float(y0), "text": text})
    return words


# ---- line breaking --------------------------------------------------------------------------


def test_the_line_before_gives_up_a_character_to_a_runt() -> None:
    text = "一" * 10 + "利。"  # 10 characters fill a line; 利。 would be alone on the next
    widths = [10.0] * len(text)
    lines = break_lines(text, widths, 100.0)
    assert [text[ln.start : ln.end] for ln in lines] == ["一" * 9, "一利。"]
    assert lines[0].extra > 0  # the first line is spaced out to the measure
    text = "一" * 26 + "“渊博”。"  # an opening quote goes down with the character it opens
    lines = break_lines(text, [10.0] * len(text), 280.0)
    assert [text[ln.start : ln.end] for ln in lines] == ["一" * 26, "“渊博”。"]


def test_titles_break_between_words_and_evenly() -> None:
    title = "理论中心组学习贯彻党的二十届二中全会精神集中研讨发言提纲"
    widths = [22.0] * len(title)
    lines = balanced_lines(title, widths, 22.0 * 16, word_boundaries(title))
    assert lines is not None and len(lines) == 2
    first, second = (title[ln.start : ln.end] for ln in lines)
    assert "二中全会" in first + "|" + second and not first.endswith("二中全")
    assert abs(len(first) - len(second)) <= 3


def test_a_title_in_two_phrases_breaks_at_its_space_and_centres_on_its_letters() -> None:
    """坚定信心　接续奋斗　奋力谱写现代化建设新篇章 breaks where the phrases meet; the space
    it breaks at hangs (the PDF line's width leaves it out, the DOCX line drops it), so
    both lines centre on what is printed."""
    title = "坚定信心　接续奋斗　奋力谱写现代化建设新篇章"
    lines = balanced_lines(title, [22.0] * len(title), 22.0 * 16, word_boundaries(title))
    assert lines is not None and [title[ln.start : ln.end] for ln in lines] == [
        "坚定信心　接续奋斗　",
        "奋力谱写现代化建设新篇章",
    ]
    assert lines[0].width == 22.0 * 9
    assert title_lines(title, 22.0, 22.0 * 16) == ["坚定信心　接续奋斗", "奋力谱写现代化建设新篇章"]


def test_an_official_documents_title_breaks_before_its_subject() -> None:
    """某某市人民政府关于加快推进数字政府建设的实施意见 on a 20-character line breaks after
    the issuer, before 关于 (a trapezoid, no phrase cut: not …关于加快 / 推进…); where
    the subject would not fit a line, the lines are even and between words, as before."""
    title = "某某市人民政府关于加快推进数字政府建设的实施意见"
    assert title_lines(title, 22.0, 22.0 * 20) == ["某某市人民政府", "关于加快推进数字政府建设的实施意见"]
    lines = title_lines(title, 22.0, 22.0 * 16)
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 3
    assert title_lines("关于加快推进数字政府建设的实施意见", 22.0, 22.0 * 20) == ["关于加快推进数字政府建设的实施意见"]


def test_a_title_breaks_before_the_note_in_brackets_that_ends_it() -> None:
    """在青年干部培训班开班式上的讲话（录音整理） on a 20-character line: the title, then its
    note — not …开班式 / 上的讲话（录音整理）; a title that fits stays one line."""
    assert title_lines("在青年干部培训班开班式上的讲话（录音整理）", 22.0, 22.0 * 20) == [
        "在青年干部培训班开班式上的讲话",
        "（录音整理）",
    ]
    assert title_lines("在全市工作会议上的讲话（摘要）", 22.0, 22.0 * 20) == ["在全市工作会议上的讲话（摘要）"]


# ---- the corpus ----------------------------------------------------------------------------


def _corpus() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    # The manuscripts are numbered (01_…); SOURCES.md and ANNOTATING.md are about them.
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx") and p.name[:1].isdigit())


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is absent")
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name[:3])
def test_corpus_checks(tmp_path: Path, path: Path) -> None:
    need("pdftotext")
    doc = api.read(path)
    for style in ("official", "podium"):
        out = tmp_path / f"{style}.pdf"
        api.write(doc, out, style=style, options=WriteOptions())
        pages = tc.pdf_pages(out)
        assert tc.kinsoku(pages) == [], style
        assert tc.runts(pages) == [], style
        assert tc.pages_ending_with_a_heading(pages, doc) == [], style
        if style == "podium":
            assert tc.pages_starting_inside_a_sentence(pages, doc) == []
    assert document_text(doc)


def test_seed_is_there() -> None:
    assert SEED.is_file()


@pytest.mark.parametrize("style", ["official", "podium"])
def test_justification_never_spreads_the_digits_of_a_number(tmp_path: Path, style: str) -> None:
    """A justified line takes its slack between units, never inside ``2831``: a number too
    long for what is left of a line goes down and leaves a very loose line behind, and
    poppler still reads ``2831`` as one word (letter-spaced, it reads 2 8 3 1)."""
    need("pdftotext")
    text = ("数2831字" + "9" * 26 + "。") * 3
    out = tmp_path / f"{style}.pdf"
    api.write(Document(speeches=(Speech(blocks=(Paragraph.of(text),)),)), out, style=style)
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    assert not [w for w in words if w in ("2", "8", "3", "1", "28", "83", "31", "283", "831")], words
    assert "".join(words).count("2831") == 3


def test_a_cue_never_ends_a_page(tmp_path: Path) -> None:
    """A cue (翻页, 出图) is said of the text after it: like a heading, it goes over with it."""
    need("pdftotext")
    blocks = []
    for k in range(40):
        blocks.append(Note(text=f"PPT {k + 1}", kind="cue"))
        blocks.append(Paragraph.of("这一页讲的是我们的工作方法和具体做法，请大家看图。" * (1 + k % 3)))
    doc = Document(speeches=(Speech(blocks=tuple(blocks)),))
    out = tmp_path / "cues.pdf"
    api.write(doc, out, style="podium")
    pages = tc.pdf_pages(out)
    assert len(pages) > 5
    enders = [tc.body_lines(p)[-1] for p in pages[:-1] if tc.body_lines(p)]
    assert not [e for e in enders if e.startswith("［PPT")], enders


# ---- nested lists -----------------------------------------------------------------------------

NESTED = Document(
    speeches=(
        Speech(
            blocks=(
                Paragraph.of("会议要求做好以下工作：", line=1),
                Paragraph.of("1. 抓好春季生产。", role="list_item"),
                Paragraph(runs=Paragraph.of("（1）备足种子化肥。").runs, role="list_item", list_level=2),
                Paragraph(runs=Paragraph.of("（2）修好水利设施。").runs, role="list_item", list_level=2),
                Paragraph.of("2. 抓好安全检查。", role="list_item"),
            ),
        ),
    ),
    title="通知",
)


def _number_x(words: list[dict], number: str) -> float:
    return next(w["x"] for w in words if w["text"].startswith(number))


def test_a_nested_list_steps_in_pdf(tmp_path: Path) -> None:
    """An item of a list inside another list's item starts two characters further in than
    the outer items (PDF through poppler: where the printed numbers stand)."""
    need("pdftotext")
    path = tmp_path / "nested.pdf"
    api.write(NESTED, path)
    words = _bbox_words(path, page=1)
    outer, inner, again = _number_x(words, "1."), _number_x(words, "（1）"), _number_x(words, "2.")
    char = next(w["h"] for w in words if w["text"].startswith("1."))  # about one character
    assert abs(outer - again) < 1
    assert 1.5 * char < inner - outer < 2.5 * char


@pytest.mark.slow
def test_a_nested_list_steps_in_docx_as_libreoffice_sets_it(tmp_path: Path) -> None:
    soffice = need("soffice")
    need("pdftotext")
    docx = tmp_path / "nested.docx"
    api.write(NESTED, docx)
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    words = _bbox_words(tmp_path / "nested.pdf", page=1)
    outer, inner, again = _number_x(words, "1."), _number_x(words, "（1）"), _number_x(words, "2.")
    char = next(w["h"] for w in words if w["text"].startswith("1."))
    assert abs(outer - again) < 1
    assert 1.5 * char < inner - outer < 2.5 * char


def test_a_nested_list_steps_in_epub(tmp_path: Path) -> None:
    """In the EPUB the inner items' numbers stand two em further in (the left padding less
    the hanging indent, read back from the XHTML with lxml)."""
    import zipfile

    from lxml import etree

    path = tmp_path / "nested.epub"
    api.write(NESTED, path)
    with zipfile.ZipFile(path) as z:
        (root,) = [
            etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml") and "（1）".encode() in z.read(n)
        ]

    def number_at(start: str) -> float:
        p = next(e for e in root.iter("{*}p") if "".join(e.itertext()).startswith(start))
        css = {
            k.strip(): float(re.sub(r"em$", "", v.strip()))
            for k, v in (d.split(":") for d in (p.get("style") or "").split(";") if d.strip())
        }
        return css.get("padding-left", 0.0) + css.get("text-indent", 0.0) + css.get("margin-left", 0.0)

    assert number_at("（1）") - number_at("1.") == pytest.approx(2.0)
    assert number_at("2.") == pytest.approx(number_at("1."))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "epub"])
def test_a_pieces_label_is_set_without_the_colon_that_joined_it_to_its_title(fmt: str, tmp_path: Path) -> None:
    """范文1：在某某会上的讲话 on the manuscript's line: the label is set 范文1 above the
    title (it was 范文1： alone on its line), in the body and in the outline; the model keeps
    the manuscript's text."""
    from extract import EXTRACT

    from convert.readers.base import ReadOptions
    from convert.readers.text import READER

    body = "这一段是正文，讲的是具体的工作安排和落实要求，内容比较充实，读起来有头有尾。"
    text = f"范文1：在春季运动会开幕式上的讲话\n{body}\n范文2：在秋季运动会开幕式上的讲话\n{body}\n"
    doc = READER.read(text.encode(), ReadOptions(source="t.txt"))
    assert [s.label for s in doc.speeches] == ["范文1：", "范文2："]
    out = tmp_path / f"t.{fmt}"
    api.write(doc, out)
    got = EXTRACT[fmt](out)
    assert "范文1" in got and "范文2" in got
    assert "范文1：" not in got and "范文2：" not in got


@pytest.mark.parametrize("fmt", ["pdf", "docx", "epub"])
def test_a_cue_in_its_own_brackets_is_set_without_more(fmt: str, tmp_path: Path) -> None:
    """A direction the script set in angle or corner brackets (<翻页>, 〈出图〉) keeps them and
    gains none of the cue role's (it printed ［<翻页>］); a bare one gains them (［翻页］)."""
    from extract import EXTRACT

    doc = Document(
        speeches=(
            Speech(
                blocks=(
                    Paragraph.of("同志们，今天讲三个问题。"),
                    Note(text="<翻页>", kind="cue"),
                    Paragraph.of("第一个问题是学习。"),
                    Note(text="〈出图〉", kind="cue"),
                    Paragraph.of("第二个问题是落实。"),
                    Note(text="翻页", kind="cue"),
                ),
            ),
        ),
        title="讲话",
    )
    out = tmp_path / f"t.{fmt}"
    api.write(doc, out)
    got = EXTRACT[fmt](out)
    assert "<翻页>" in got and "〈出图〉" in got and "［翻页］" in got
    assert "［<" not in got and "［〈" not in got
