"""Property tests (issue 17): generated .docx packages — random numbering definitions
(every format, wild starts and overrides, level texts), styles (heading, title, TOC,
code, caption names; basedOn chains with cycles; outline levels; numbering on styles),
tables, runs (bold, italic, tabs, line breaks, fields, ruby, text boxes) and bad values —
read without a crash and without losing a Han character or digit of the document's text;
then written to DOCX and EPUB, which keep every one of the model's.

The packages are assembled with the hostile corpus's helpers
(tests/hostile/make_docx_corpus.py); what the reader deliberately drops (a TOC field, page
numbers, deletions, hidden text) is not generated, so "the document's text" is simply
every ``w:t`` in reading order, text boxes placed at the ends of their paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extract import EXTRACT, lost, preamble_lines
from hostile.make_docx_corpus import NUM_FORMATS, docx, level, num_ppr, numbering, styles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert
from convert.model import Document, Note, content_chars, document_text
from convert.readers.base import ReadError, ReadOptions
from convert.readers.docx import READER

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
_text = st.text(alphabet=HAN + "0123456789，。；：、（）() abcXYZ\u3000", min_size=0, max_size=14)
_values = st.one_of(
    st.integers(-3, 12).map(str),
    st.sampled_from(["1000000000000", "32767", "x", "", "1e3", "-99999999999"]),
)
_fmts = st.sampled_from(NUM_FORMATS)
_lvl_texts = st.one_of(
    st.sampled_from(["%1、", "（%1）", "%1.", "%1.%2", "第%1章", "(%1)", "%2.%3.", "%9", "", "%1%1%1%1"]),
    _text.map(lambda t: t.replace('"', "")),
)
_STYLE_NAMES = ["heading 1", "heading 2", "标题 3", "Title", "Subtitle", "toc 1", "TOC Heading", "Source Code"]
_STYLE_NAMES += ["caption", "Quote", "List Paragraph", "正文", "macro", "自定义样式"]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def numbering_part(draw: st.DrawFn) -> str:
    abstracts = []
    for a in range(draw(st.integers(1, 3))):
        levels = "".join(
            level(
                draw(st.sampled_from(["0", "1", "2", "8", "9", "x"])) if draw(st.booleans()) else str(k),
                draw(_fmts),
                _esc(draw(_lvl_texts)),
                draw(_values),
                extra=draw(st.sampled_from(["", "<w:isLgl/>", '<w:lvlRestart w:val="0"/>', '<w:suff w:val="space"/>'])),
            )
            for k in range(draw(st.integers(1, 4)))
        )
        abstracts.append(f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>')
    nums = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        override = ""
        if draw(st.booleans()):
            override = (
                f'<w:lvlOverride w:ilvl="{draw(st.sampled_from(["0", "1", "x"]))}">'
                f'<w:startOverride w:val="{draw(_values)}"/></w:lvlOverride>'
            )
        nums.append(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{draw(st.integers(0, 3))}"/>{override}</w:num>')
    return numbering(abstracts, nums)


@st.composite
def styles_part(draw: st.DrawFn) -> str:
    out = []
    for k in range(draw(st.integers(0, 6))):
        ppr = ""
        if draw(st.booleans()):
            ppr += f'<w:outlineLvl w:val="{draw(_values)}"/>'
        if draw(st.booleans()):
            ppr += num_ppr(str(draw(st.integers(0, 4))), draw(st.sampled_from(["0", "1", "x"])))
        rpr = "<w:b/>" if draw(st.booleans()) else ""
        based = f'<w:basedOn w:val="S{draw(st.integers(0, 6))}"/>' if draw(st.booleans()) else ""
        out.append(
            f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="{draw(st.sampled_from(_STYLE_NAMES))}"/>'
            f"{based}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    return styles("".join(out))


@st.composite
def run(draw: st.DrawFn) -> tuple[str, str]:
    """(run XML, the text it holds)."""
    text = draw(_text)
    kind = draw(st.sampled_from(["plain", "plain", "bold", "italic", "tab", "br", "field", "ruby"]))
    t = f'<w:t xml:space="preserve">{_esc(text)}</w:t>'
    if kind == "bold":
        return f"<w:r><w:rPr><w:b/></w:rPr>{t}</w:r>", text
    if kind == "italic":
        return f"<w:r><w:rPr><w:i/></w:rPr>{t}</w:r>", text
    if kind == "tab":
        return f"<w:r><w:tab/>{t}</w:r>", text
    if kind == "br":
        return f"<w:r><w:br/>{t}</w:r>", text
    if kind == "field":
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r>{t}</w:r>'
            + ('<w:r><w:fldChar w:fldCharType="end"/></w:r>' if draw(st.booleans()) else ""),
            text,
        )
    if kind == "ruby":
        return (
            f"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>pin</w:t></w:r></w:rt><w:rubyBase><w:r>{t}</w:r></w:rubyBase>"
            "</w:ruby></w:r>",
            text,
        )
    return f"<w:r>{t}</w:r>", text


@st.composite
def paragraph(draw: st.DrawFn, in_box: bool = False) -> tuple[str, str]:
    ppr = ""
    if draw(st.booleans()):
        ppr += f'<w:pStyle w:val="S{draw(st.integers(0, 6))}"/>'
    if draw(st.booleans()):
        ppr += num_ppr(str(draw(st.integers(0, 4))), draw(st.sampled_from(["0", "1", "2", "x", "-1"])))
    if draw(st.integers(0, 9)) == 0:
        ppr += f'<w:outlineLvl w:val="{draw(_values)}"/>'
    runs = draw(st.lists(run(), max_size=5))
    xml = "".join(x for x, _ in runs)
    text = "".join(t for _, t in runs)
    if not in_box and draw(st.integers(0, 5)) == 0:
        inner = draw(st.lists(paragraph(in_box=True), min_size=1, max_size=3))
        box = "".join(x for x, _ in inner)
        xml += (
            '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" type="#_x0000_t202">'
            f"<v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
        text += "".join(t for _, t in inner)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{xml}</w:p>", text


@st.composite
def table(draw: st.DrawFn) -> tuple[str, str]:
    rows = draw(st.integers(1, 3))
    cols = draw(st.integers(1, 3))
    xml, text = "", ""
    for _ in range(rows):
        xml += "<w:tr>"
        for _ in range(cols):
            cell = draw(st.lists(paragraph(in_box=True), min_size=1, max_size=2))
            xml += "<w:tc>" + "".join(x for x, _ in cell) + "</w:tc>"
            text += "".join(t for _, t in cell)
        xml += "</w:tr>"
    return f"<w:tbl>{xml}</w:tbl>", text


@st.composite
def packages(draw: st.DrawFn) -> tuple[bytes, str]:
    blocks = draw(st.lists(st.one_of(paragraph(), paragraph(), table()), min_size=1, max_size=12))
    body = "".join(x for x, _ in blocks)
    parts = {}
    if draw(st.booleans()):
        parts["numbering"] = draw(numbering_part())
    if draw(st.booleans()):
        parts["styles"] = draw(styles_part())
    return docx(body, **parts), "".join(t for _, t in blocks)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(pkg=packages())
def test_generated_packages_are_read_and_lose_nothing(pkg: tuple[bytes, str]) -> None:
    data, text = pkg
    try:
        doc = READER.read(data, ReadOptions(source="gen.docx", explain=True))
    except ReadError as e:
        assert "no text" in str(e) and not content_chars(text).strip(), e
        return
    assert lost(content_chars(text), in_source_order(doc)) is None


def in_source_order(doc: Document) -> str:
    """The model's text with the notes the reader moved from above the title (a
    breadcrumb, an index number: ``inspect --explain`` names the rule) put back in front,
    where the source has them; everything else in the model's own order."""
    pre = preamble_lines(doc)
    head = "".join(content_chars(b.text) for b in doc.speeches[0].blocks if isinstance(b, Note) and b.line in pre)
    got = document_text(doc)
    return head + content_chars(got).replace(head, "", 1) if head else got


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(pkg=packages())
def test_generated_packages_survive_the_docx_and_epub_writers(pkg: tuple[bytes, str], tmp_path: Path) -> None:
    data, _ = pkg
    try:
        doc = READER.read(data, ReadOptions(source="gen.docx"))
    except ReadError:
        return
    expected = content_chars(document_text(doc))
    for fmt in ("docx", "epub"):
        out = tmp_path / f"gen.{fmt}"
        convert.write(doc, out)
        assert lost(expected, EXTRACT[fmt](out)) is None, fmt
