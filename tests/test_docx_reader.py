"""The Word reader on manuscripts built here the way office users make them: automatic
Chinese numbering on Heading styles, a bold lead, a table, a tracked change, a footnote,
a comment, fields, header and footer; the traps; Word's numbering formats checked against
LibreOffice's own rendering; and the round trip through our DOCX writer.

The builders use python-docx for the body and raw WordprocessingML for what it has no API
for (numbering definitions, tracked changes, footnotes, comments, fields); the bench
(bench/bench_docx_reader.py) reuses them.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import convert
from convert.model import Document, Heading, Note, Paragraph, Run, Speech, Table, content_chars, document_text
from convert.readers.base import ReadError, ReadOptions
from convert.readers.docx import READER
from convert.readers.docx.numbering import format_number, join_label

sys.path.insert(0, str(Path(__file__).parent))
from conftest import make_rich_doc, need


# ---------------------------------------------------------------------------------------
# Builders.
def lvl(
    ilvl: int,
    fmt: str,
    text: str,
    start: int = 1,
    style: str | None = None,
    suff: str | None = None,
    legal: bool = False,
    restart: int | None = None,
) -> str:
    extra = f'<w:pStyle w:val="{style}"/>' if style else ""
    extra += "<w:isLgl/>" if legal else ""
    extra += f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}{suffix}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def numbering_xml(abstracts: dict[int, Iterable[str]], nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    """abstractNumId -> levels; numId -> (abstractNumId, {ilvl: startOverride})."""
    out = [f"<w:numbering {nsdecls('w')}>"]
    for aid, levels in abstracts.items():
        out.append(
            f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        )
    for nid, (aid, overrides) in nums.items():
        o = "".join(
            f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for k, v in overrides.items()
        )
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{o}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def set_numbering(d: docx.document.Document, xml: str) -> None:
    part = d.part.numbering_part
    part._element = parse_xml(xml)


def link_style(d: docx.document.Document, style_name: str, num_id: int, ilvl: int) -> None:
    """Put numbering on a paragraph style, as Word's multilevel list "linked to Heading N" does."""
    st = d.styles[style_name].element
    ppr = st.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def number(p, num_id: int, ilvl: int) -> None:
    p._p.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def raw(p, xml: str) -> None:
    """Append raw run-level XML (w:ins, w:del, fields…) to a paragraph."""
    frag = parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>")
    for c in list(frag):
        p._p.append(c)


def r(text: str, bold: bool = False) -> str:
    b = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{b}<w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(text: str) -> str:
    return f'<w:ins w:id="91" w:author="审稿人" w:date="2024-03-01T00:00:00Z">{r(text)}</w:ins>'


def dele(text: str) -> str:
    return (
        f'<w:del w:id="92" w:author="审稿人" w:date="2024-03-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )


def field(instr: str, result: str) -> str:
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def footnote_ref(n: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def add_part(d: docx.document.Document, name: str, content_type: str, reltype: str, xml: str) -> None:
    part = Part(PackURI(f"/word/{name}"), content_type, xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, reltype)


def add_footnotes(d: docx.document.Document, notes: dict[int, str]) -> None:
    body = "".join(
        f'<w:footnote w:id="{k}"><w:p><w:r><w:footnoteRef/></w:r>{r(" " + v)}</w:p></w:footnote>'
        for k, v in notes.items()
    )
    xml = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>'
    )
    add_part(d, "footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES, xml)


def add_comments(d: docx.document.Document, comments: dict[int, str]) -> None:
    body = "".join(f'<w:comment w:id="{k}" w:author="甲"><w:p>{r(v)}</w:p></w:comment>' for k, v in comments.items())
    add_part(d, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, f"<w:comments {nsdecls('w')}>{body}</w:comments>")


def to_bytes(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


#: The official multilevel heading list: 一、 （一） 1. （1）, linked to Heading 1–4.
OFFICIAL_LEVELS = [
    lvl(0, "chineseCounting", "%1、", style="Heading1", suff="nothing"),
    lvl(1, "chineseCounting", "（%2）", style="Heading2", suff="nothing"),
    lvl(2, "decimal", "%3.", style="Heading3", suff="nothing"),
    lvl(3, "decimal", "（%4）", style="Heading4", suff="nothing"),
]


def official_numbering(d: docx.document.Document, levels: int = 4) -> None:
    set_numbering(d, numbering_xml({1: OFFICIAL_LEVELS[:levels]}, {1: (1, {})}))
    for k in range(levels):
        link_style(d, f"Heading {k + 1}", 1, k)


def manuscript() -> docx.document.Document:
    """A work report as offices write it: numbering from the Heading styles, not the text."""
    d = docx.Document()
    official_numbering(d, 3)
    d.add_paragraph("关于加强基层治理工作的报告", style="Title")
    d.add_paragraph("同志们：")
    d.add_paragraph("今年以来，我们认真贯彻落实各项决策部署，基层治理取得新的进展。")
    d.add_paragraph("总体情况", style="Heading 1")
    d.add_paragraph("主要成效", style="Heading 2")
    p = d.add_paragraph()
    raw(p, r("坚持党建引领。", bold=True) + r("全年新建党组织12个，覆盖率达到") + r("98%", bold=True) + r("。"))
    d.add_paragraph("组织建设", style="Heading 3")
    d.add_paragraph("一、二季度经济运行平稳，为全年打下基础。")  # trap: 一、 inside a sentence
    d.add_paragraph("队伍建设", style="Heading 3")
    p = d.add_paragraph()
    raw(p, r("投入资金") + ins("3000万元") + dele("2000万元") + r("，完成培训") + field("PAGE", "7") + r("1200人次。"))
    d.add_paragraph("存在问题", style="Heading 2")
    d.add_paragraph("基础薄弱", style="Heading 3")
    t = d.add_table(rows=2, cols=3)
    for i, row in enumerate((("指标", "2023年", "增长"), ("党组织", "120个", "11%"))):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    p = d.add_paragraph()
    raw(p, r("数据来源于市统计局") + footnote_ref(1) + r("，详见") + field(r"REF _Ref1 \h", "附件1") + r("。"))
    p = d.add_paragraph()
    raw(p, r("这一点必须牢记！", bold=True))  # trap: a short bold emphasis line
    p = d.add_paragraph()
    raw(
        p,
        '<w:commentRangeStart w:id="5"/>'
        + r("主要抓了三件事：一是抓学习，二是抓落实，三是抓督查。")
        + '<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>',
    )
    d.add_paragraph("下一步打算", style="Heading 1")
    d.add_paragraph("谢谢大家！")
    d.sections[0].header.paragraphs[0].text = "内部资料"
    d.sections[0].footer.paragraphs[0].text = "第1页"
    add_footnotes(d, {1: "2023年统计公报。"})
    add_comments(d, {5: "请核实"})
    return d


def read(d: docx.document.Document | bytes, repair: bool = True) -> Document:
    data = d if isinstance(d, bytes) else to_bytes(d)
    return READER.read(data, ReadOptions(source="t.docx", repair=repair))


@pytest.fixture(scope="module")
def man_bytes() -> bytes:
    return to_bytes(manuscript())


@pytest.fixture(scope="module")
def man(man_bytes: bytes) -> Document:
    return read(man_bytes)


def _heads(doc: Document) -> list[tuple[int, str, bool]]:
    return [(b.level, b.text, b.run_in) for b in doc.blocks() if isinstance(b, Heading)]


def test_automatic_numbering_is_rebuilt_into_the_headings(man: Document) -> None:
    assert man.title == "关于加强基层治理工作的报告"
    assert _heads(man) == [
        (1, "一、总体情况", False),
        (2, "（一）主要成效", False),
        (3, "坚持党建引领。", True),
        (3, "1.组织建设", False),
        (3, "2.队伍建设", False),
        (2, "（二）存在问题", False),
        (3, "1.基础薄弱", False),
        (1, "二、下一步打算", False),
    ]
    ordinals = [b.ordinal for b in man.blocks() if isinstance(b, Heading) and not b.run_in]
    assert ordinals == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、"]


def test_bold_lead_is_run_in_and_inline_bold_survives(man: Document) -> None:
    blocks = list(man.blocks())
    k = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.run_in)
    para = blocks[k + 1]
    assert isinstance(para, Paragraph)
    assert para.runs == (Run("全年新建党组织12个，覆盖率达到"), Run("98%", bold=True), Run("。"))


def test_traps_stay_body_text(man: Document) -> None:
    paras = {b.text: b for b in man.blocks() if isinstance(b, Paragraph)}
    assert "一、二季度经济运行平稳，为全年打下基础。" in paras
    emphasis = paras["这一点必须牢记！"]
    assert emphasis.runs == (Run("这一点必须牢记！", bold=True),)
    assert "主要抓了三件事：一是抓学习，二是抓落实，三是抓督查。" in paras
    assert paras["同志们："].role == "greeting"
    assert paras["谢谢大家！"].role == "closing"


def test_table_tracked_change_fields_and_footnote(man: Document) -> None:
    blocks = list(man.blocks())
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [(("指标", "2023年", "增长"), ("党组织", "120个", "11%"))]
    texts = [b.text for b in blocks]
    # insertion kept, deletion dropped, PAGE field result dropped, REF result kept
    assert "投入资金3000万元，完成培训1200人次。" in texts
    k = texts.index("数据来源于市统计局①，详见附件1。")
    note = blocks[k + 1]
    assert isinstance(note, Note) and note.kind == "footnote" and note.text == "①2023年统计公报。"
    everything = document_text(man)
    for absent in ("2000万元", "内部资料", "第1页", "请核实", "PAGE", "REF"):
        assert absent not in everything
    codes = {(d.severity, d.code) for d in man.diagnostics}
    assert ("warning", "tracked-changes") in codes and ("info", "comments") in codes


def test_line_numbers_are_paragraph_indexes(man: Document) -> None:
    lines = {b.text: b.line for b in man.blocks()}
    assert lines["同志们："] == 2 and lines["一、总体情况"] == 4
    # the table's six cell paragraphs count: the next paragraph is the 19th
    assert lines["数据来源于市统计局①，详见附件1。"] == 19


@pytest.fixture(scope="module")
def lo_text(tmp_path_factory: pytest.TempPathFactory, man_bytes: bytes) -> dict[str, str]:
    """The test documents as LibreOffice renders them to text (one soffice run)."""
    soffice = need("soffice")
    d = tmp_path_factory.mktemp("lo")
    (d / "man.docx").write_bytes(man_bytes)
    (d / "fmt.docx").write_bytes(to_bytes(formats_doc()))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{d / 'profile'}",  # its own: another soffice may be running
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(d),
            str(d / "man.docx"),
            str(d / "fmt.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {k: (d / f"{k}.txt").read_text(encoding="utf-8-sig") for k in ("man", "fmt")}


def test_headings_read_as_libreoffice_prints_them(man: Document, lo_text: dict[str, str]) -> None:
    lines = {re.sub(r"[\t ]+", "", line) for line in lo_text["man"].splitlines()}
    for _level, text, run_in in _heads(man):
        if not run_in:
            assert text in lines
    # Nothing LibreOffice shows is lost, and nothing is added beyond the footnote: LO shows
    # the deletion (struck through) and the PAGE field's value, leaves footnotes out of its
    # text export and marks the citation with a plain 1 where we put ①.
    shown = content_chars(lo_text["man"].replace("2000万元", "").replace("培训0", "培训"))
    ours = content_chars(document_text(man).replace("①2023年统计公报。", "").replace("①", "1"))
    assert ours == shown


FORMATS = [
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "decimalEnclosedCircleChinese",
    "upperLetter",
    "lowerRoman",
    "decimalZero",
]


def formats_doc(n: int = 12) -> docx.document.Document:
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {i: [lvl(0, f, "%1、", suff="nothing")] for i, f in enumerate(FORMATS, 1)},
            {i: (i, {}) for i in range(1, len(FORMATS) + 1)},
        ),
    )
    for i, f in enumerate(FORMATS, 1):
        for _ in range(n):
            number(d.add_paragraph(f"条目{f}"), i, 0)
    return d


def test_number_formats_match_libreoffice(lo_text: dict[str, str]) -> None:
    shown = [re.sub(r"[\t ]+", "", line) for line in lo_text["fmt"].splitlines() if line.strip()]
    doc = read(formats_doc())
    ours = [b.text for b in doc.blocks()]
    assert len(shown) == len(ours) == 12 * len(FORMATS)
    assert ours == shown
    assert ours[10] == "十一、条目chineseCounting" and ours[12 * 2 + 9] == "壹拾、条目chineseLegalSimplified"


@pytest.mark.parametrize(
    "n,fmt,expected",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCountingThousand", "一百零五"),
        (110, "chineseCountingThousand", "一百一十"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircleChinese", "③"),
        (21, "decimalEnclosedCircle", "㉑"),
        (50, "decimalEnclosedCircle", "㊿"),
        (51, "decimalEnclosedCircle", "51"),
        # LibreOffice 7's rendering (tests/test_docx_word.py checks it live): counting with 万,
        # 零 before a short remainder, and ideographDigital counted too.
        (10005, "chineseCountingThousand", "一万零五"),
        (20010, "chineseCounting", "二万零一十"),
        (12345, "chineseLegalSimplified", "壹万贰仟叁佰肆拾伍"),
        (110, "ideographDigital", "一百一十"),
        (0, "chineseCounting", "0"),
        (28, "upperLetter", "BB"),
        (4, "lowerLetter", "d"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (7, "decimal", "7"),
        (7, "decimalZero", "07"),
        (3, "decimalEnclosedParen", "⑶"),
        (2, "bullet", ""),
    ],
)
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_label_suffix_rule() -> None:
    assert join_label("一、", "总体情况", "tab") == "一、总体情况"
    assert join_label("1", "Introduction", "space") == "1 Introduction"
    assert join_label("1", "Intro", "nothing") == "1Intro"
    assert join_label("第一章", "总则", "space") == "第一章总则"


def test_numbering_restarts_overrides_and_legal() -> None:
    """Two list instances of one abstract numbering continue each other; a startOverride
    restarts; isLgl shows the parent level in decimal; deeper levels restart under a new
    parent unless lvlRestart says otherwise; a bullet is no ordinal."""
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {
                1: [
                    lvl(0, "chineseCounting", "第%1章", suff="space"),
                    lvl(1, "decimal", "%1.%2", legal=True, suff="nothing"),
                    lvl(2, "decimal", "（%3）", restart=0, suff="nothing"),
                ],
                2: [lvl(0, "bullet", "•")],
            },
            {1: (1, {}), 2: (1, {}), 3: (1, {0: 5}), 4: (2, {})},
        ),
    )
    plan = [
        ("总则", 1, 0),
        ("目的", 1, 1),
        ("范围", 1, 2),
        ("定义", 2, 0),
        ("术语", 2, 1),
        ("其他", 1, 2),
        ("附则", 3, 0),
        ("加强理论学习，提高思想认识。", 4, 0),
        ("要点说明。", None, 0),
    ]
    for text, num, ilvl in plan:
        p = d.add_paragraph(text)
        if num is not None:
            number(p, num, ilvl)
    doc = read(d)
    got = [b.text for b in doc.blocks()]
    assert got == [
        "第一章总则",
        "1.1目的",
        "（1）范围",
        "第二章定义",
        "2.1术语",
        "（2）其他",
        "第五章附则",
        "加强理论学习，提高思想认识。",
        "要点说明。",
    ]
    roles = [b.role for b in doc.blocks() if isinstance(b, Paragraph)]
    assert roles[-2] == "list_item"


def test_chinese_style_names_inheritance_and_outline_levels() -> None:
    """WPS saves 标题 1; custom styles inherit from a heading; outline levels work directly
    on a paragraph and on a style."""
    d = docx.Document()
    styles = d.styles
    custom = styles.add_style("我的二级标题", 1)
    custom.base_style = styles["Heading 2"]
    lvl_style = styles.add_style("部分标题", 1)
    lvl_style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    d.add_paragraph("讲话题目", style="Title")
    d.add_paragraph("第一部分　形势", style="部分标题")
    d.add_paragraph("一、总体判断", style="Heading 1")
    d.add_paragraph("（一）国际形势", style="我的二级标题")
    p = d.add_paragraph("（二）国内形势")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    d.add_paragraph("当前经济运行总体平稳。")
    styles["Heading 1"].element.get_or_add_name().set(qn("w:val"), "标题 1")
    assert "heading 1" not in {s.name.lower() for s in styles}
    doc = read(d)
    assert doc.title == "讲话题目"
    assert [(h.level, h.text) for h in doc.speeches[0].headings()] == [
        (1, "第一部分　形势"),
        (1, "一、总体判断"),
        (2, "（一）国际形势"),
        (2, "（二）国内形势"),
    ]


def test_unstyled_document_uses_the_text_heuristics() -> None:
    """No styles at all: the same structure as the text reader finds in the same lines."""
    lines = [
        "在全市工作会议上的讲话",
        "同志们：",
        "今天的会议很重要。",
        "一、提高认识",
        "认识是行动的先导，大家要把思想统一起来。",
        "二、狠抓落实",
        "落实是关键，要以钉钉子精神抓好各项工作。",
    ]
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    from_docx = read(d)
    from_text = convert.read_bytes("\n".join(lines).encode(), fmt="txt", source="t.docx")
    strip = lambda doc: replace(doc, diagnostics=())
    assert strip(from_docx) == strip(from_text)
    assert [h.text for h in from_docx.speeches[0].headings()] == ["一、提高认识", "二、狠抓落实"]


def test_several_bold_lines_are_headings() -> None:
    d = docx.Document()
    for head, body in (
        ("加强组织领导", "各级党委要把这项工作摆上重要议程。"),
        ("强化督促检查", "要定期开展督查，确保任务落地。"),
    ):
        raw(d.add_paragraph(), r(head, bold=True))
        d.add_paragraph(body)
    doc = read(d)
    assert [h.text for h in doc.speeches[0].headings()] == ["加强组织领导", "强化督促检查"]


def test_two_bold_lines_in_a_row_are_a_part_over_its_sections() -> None:
    """A self-review outline typed in bold without numbers: a bold line right above another
    is a part title; the single ones under it are its sections (a title may start with
    下一步)."""
    d = docx.Document()
    body = "各级党委要把这项工作摆上重要议程，定期研究。"
    for line in ("存在的问题", "学习方面", body, "工作方面", body, "下一步措施", "加强学习", body, "改进作风", body):
        if line == body:
            d.add_paragraph(body)
        else:
            raw(d.add_paragraph(), r(line, bold=True))
    doc = read(d)
    assert [(h.level, h.text) for h in doc.speeches[0].headings()] == [
        (1, "存在的问题"),
        (2, "学习方面"),
        (2, "工作方面"),
        (1, "下一步措施"),
        (2, "加强学习"),
        (2, "改进作风"),
    ]


def test_repairs_apply_per_run_and_keep_runs_consistent() -> None:
    d = docx.Document()
    raw(d.add_paragraph(), r("要点:", bold=True) + r("坚持 稳中求进,扎实 推进 各项 工作。"))
    doc = read(d)
    (heading, para) = doc.speeches[0].blocks
    assert heading.text == "要点：" and heading.run_in
    assert para.text == "坚持稳中求进，扎实推进各项工作。"
    raw_doc = read(d, repair=False)
    assert "".join(b.text for b in raw_doc.blocks()) == "要点:坚持 稳中求进,扎实 推进 各项 工作。"


@pytest.mark.parametrize(
    "data,msg", [(b"", "empty"), (b"hello world", "not a .docx"), (b"PK\x03\x04broken", "damaged")]
)
def test_unreadable_input_is_a_read_error(data: bytes, msg: str) -> None:
    with pytest.raises(ReadError, match=msg):
        READER.read(data, ReadOptions())


# ---------------------------------------------------------------------------------------
# Round trip through our DOCX writer.


def _norm(doc: Document) -> Document:
    """Compare models as content: line numbers, diagnostics and source name are the
    reader's, not the document's."""
    return replace(
        doc,
        diagnostics=(),
        source=None,
        speeches=tuple(replace(s, blocks=tuple(replace(b, line=None) for b in s.blocks)) for s in doc.speeches),
    )


def _write_read(doc: Document, path: Path, toc: bool = False, style_name: str = "official", **docx: object) -> Document:
    """Write with a built-in style (official), its [docx] keys overridden by ``docx`` (run_in=…)."""
    from convert.style import load_style
    from convert.writers.base import WriteOptions

    style = load_style(style_name, {"docx": docx} if docx else None)
    convert.write(doc, path, style=style, options=WriteOptions(toc=toc))
    return READER.read(path.read_bytes(), ReadOptions(source=path.name))


@pytest.mark.parametrize("opts", [{}, {"toc": True}, {"run_in": "inline"}], ids=["separator", "toc", "inline"])
def test_round_trip_rich_doc(tmp_path: Path, opts: dict) -> None:
    doc = make_rich_doc()
    assert _norm(_write_read(doc, tmp_path / "rich.docx", **opts)) == _norm(doc)


@pytest.mark.parametrize("style_name", ["official", "handout"])
def test_round_trip_sample(tmp_path: Path, sample_doc: Document, style_name: str) -> None:
    """In the handout (a running head) each speech is a section of its own."""
    back = _write_read(sample_doc, tmp_path / "sample.docx", style_name=style_name)
    assert _norm(back) == _norm(sample_doc)
    assert content_chars(document_text(back)) == content_chars(document_text(sample_doc))


def test_round_trip_note_kinds(tmp_path: Path) -> None:
    """Every note kind comes back as itself; a code note keeps its lines and indentation."""
    notes = (
        Note("注：数据截至年底。"),
        Note("①见《规划纲要》第三章。", kind="footnote"),
        Note("def total(xs):\n    return sum(xs)  # 合计\n\n\tprint(1)", kind="code"),
        Note("表1　主要经济指标", kind="caption"),
    )
    # the second speech opens with notes: "Note Source" / "Note Footnote Source", no rule
    doc = Document(speeches=(Speech(blocks=(Paragraph.of("正文。"),) + notes), Speech(blocks=notes[:2] + notes)))
    back = _write_read(doc, tmp_path / "notes.docx")
    assert _norm(back) == _norm(doc)


def test_soft_line_breaks_in_other_documents_are_still_joined() -> None:
    """Reading ``w:br`` as a line break is for our own files only."""
    d = docx.Document()
    p = d.add_paragraph("第一行文字")
    p.add_run().add_break()
    p.add_run("第二行文字。")
    buf = io.BytesIO()
    d.save(buf)
    doc = READER.read(buf.getvalue(), ReadOptions())
    assert [b.text for b in doc.blocks()] == ["第一行文字第二行文字。"]


@pytest.mark.parametrize("first", ["table", "note", "code", "run_in"])
def test_round_trip_unlabelled_speech_opening_with_any_block(tmp_path: Path, first: str) -> None:
    """No label, no title: the page break on the speech's first block is the boundary."""
    opening: tuple = {
        "table": (Table(rows=(("指标", "增长"), ("产值", "5.2%")), header=True),),
        "note": (Note("注：第二篇。"),),
        "code": (Note("x = 1", kind="code"),),
        "run_in": (Heading(level=1, text="一是抓落实。", run_in=True, ordinal="一是"), Paragraph.of("要真抓实干。")),
    }[first]
    doc = Document(
        speeches=(
            Speech(blocks=(Paragraph.of("第一篇讲话。"), Table(rows=(("甲", "乙"),)))),
            Speech(blocks=opening + (Paragraph.of("第二篇讲话。"),)),
            Speech(blocks=(Table(rows=(("丙", "丁"),)),)),
        )
    )
    # the handout has a running head: one section per speech, the first ending at a table
    for extra in (
        {},
        {"run_in": "inline"},
        {"toc": True},
        {"style_name": "handout"},
        {"style_name": "handout", "toc": True},
    ):
        back = _write_read(doc, tmp_path / f"open_{first}.docx", **dict(extra))
        assert _norm(back) == _norm(doc), extra


# ---------------------------------------------------------------------------------------
# Property: for generated models, write DOCX then read back: equal.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convert.readers.ordinals import match_ordinal  # noqa: E402

_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
_words = st.text(alphabet=_HAN + "0123456789", min_size=2, max_size=12).filter(lambda s: s[0] in _HAN)
_sentence = st.builds(lambda a, b: f"{a}，{b}。", _words, _words)
_ORDINALS = ["一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "一是", "第一，", ""]


@st.composite
def _heading(draw: st.DrawFn, run_in: bool) -> Heading:
    text = draw(st.sampled_from(_ORDINALS)) + draw(_words) + ("。" if run_in else "")
    o = match_ordinal(text)
    return Heading(level=draw(st.integers(1, 4)), text=text, run_in=run_in, ordinal=o.text if o else None)


@st.composite
def _paragraph(draw: st.DrawFn) -> Paragraph:
    n = draw(st.integers(1, 3))
    runs: list[Run] = []
    for _ in range(n):
        kind = draw(st.sampled_from(["plain", "bold", "italic", "note", "bold-italic"]))
        text = draw(_sentence) if kind != "note" else f"【{draw(_words)}】"
        r = Run(text, bold="bold" in kind, italic="italic" in kind, note=kind == "note")
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].note) == (r.bold, r.italic, r.note):
            continue
        runs.append(r)
    role = draw(st.sampled_from(["body", "body", "greeting", "closing", "signature", "quote", "list_item"]))
    return Paragraph(runs=tuple(runs), role=role)  # type: ignore[arg-type]


_code_line = st.text(alphabet="abcxyz_0123456789 =()+:#\t" + _HAN[:8], max_size=16)
_code = st.lists(_code_line, min_size=1, max_size=4).map("\n".join).filter(lambda t: t.strip() != "")


@st.composite
def _note(draw: st.DrawFn) -> Note:
    kind = draw(st.sampled_from(["editorial", "footnote", "code", "caption", "cue"]))
    if kind == "code":
        return Note(text=draw(_code), kind="code")
    prefix = {"editorial": "注：", "footnote": "①", "caption": "表1　", "cue": ""}[kind]
    return Note(text=prefix + draw(_sentence), kind=kind)  # type: ignore[arg-type]


_KINDS = ["heading", "run_in", "para", "note", "table"]


@st.composite
def _blocks(draw: st.DrawFn, first: list[str] | None = None) -> tuple:
    """Blocks of a speech; ``first`` limits what its first block may be."""
    out: list = []
    for n in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(first if n == 0 and first else _KINDS))
        if kind == "heading":
            out.append(draw(_heading(False)))
        elif kind == "run_in":
            out += [draw(_heading(True)), draw(_paragraph())]
        elif kind == "para":
            out.append(draw(_paragraph()))
        elif kind == "note":
            out.append(draw(_note()))
        else:
            rows = draw(
                st.lists(st.lists(_words, min_size=2, max_size=2).map(tuple), min_size=1, max_size=3).map(tuple)
            )
            out.append(Table(rows=rows, header=draw(st.booleans())))
    return tuple(out)


@st.composite
def _documents(draw: st.DrawFn) -> Document:
    n = draw(st.integers(1, 3))
    labelled = draw(st.booleans())
    speeches = []
    for k in range(n):
        label = f"（{'一二三'[k]}）" if labelled else None
        titled = labelled or n == 1
        title = draw(st.one_of(st.none(), _words.map(lambda w: "在" + w + "会议上的讲话"))) if titled else None
        meta = title is not None or label is not None
        speeches.append(
            Speech(
                blocks=draw(_blocks()),
                label=label,
                title=title,
                subtitle=draw(st.one_of(st.none(), _words.map(lambda w: "——" + w))) if meta else None,
                author=draw(st.one_of(st.none(), st.just("张三"))) if meta else None,
                date=draw(st.one_of(st.none(), st.just("2024年3月5日"))) if meta else None,
            )
        )
    return Document(
        speeches=tuple(speeches),
        title=draw(st.one_of(st.none(), _words.map(lambda w: w + "汇编"))),
        subtitle=draw(st.one_of(st.none(), st.just("（内部资料）"))),
        author=draw(st.one_of(st.none(), st.just("市政府办公室"))),
        date=draw(st.one_of(st.none(), st.just("2024年3月"))),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(doc=_documents(), inline=st.booleans())
def test_round_trip_property(tmp_path: Path, doc: Document, inline: bool) -> None:
    extra = {"run_in": "inline"} if inline else {}
    back = _write_read(doc, tmp_path / "gen.docx", **extra)
    assert _norm(back) == _norm(doc)


@st.composite
def _unlabelled(draw: st.DrawFn) -> Document:
    """Several speeches with no label or title, each after the first opening with a table."""
    n = draw(st.integers(2, 3))
    speeches = [Speech(blocks=draw(_blocks()))] + [Speech(blocks=draw(_blocks(first=["table"]))) for _ in range(n - 1)]
    return Document(speeches=tuple(speeches), title=draw(st.one_of(st.none(), _words.map(lambda w: w + "汇编"))))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(doc=_unlabelled(), toc=st.booleans())
def test_round_trip_property_unlabelled_speeches_opening_with_tables(tmp_path: Path, doc: Document, toc: bool) -> None:
    back = _write_read(doc, tmp_path / "gen_tables.docx", toc=toc)
    assert _norm(back) == _norm(doc)


# ---------------------------------------------------------------------------------------
# Hints the Word reader gives the shared structure stage: form fields, list levels.


def _cover_with_fields_above() -> docx.document.Document:
    """A cover whose form fields stand above the title as well as under it."""
    from docx.shared import Pt

    d = docx.Document()
    for text, size in (
        ("项目编号：2025-031", 12),
        ("社区养老服务提升方案", 32),
        ("联系人：王某", 12),
        ("申报单位：某区民政局", 12),
    ):
        p = d.add_paragraph()
        p.alignment = 1
        p.add_run(text).font.size = Pt(size)
    d.paragraphs[-1].add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    d.add_paragraph("一、现状分析")
    d.add_paragraph("全区老年人口持续增长，服务需求日益多样，现有设施难以满足。")
    d.add_paragraph("二、主要措施")
    d.add_paragraph("新建一批日间照料中心，完善助餐助浴等上门服务。")
    return d


def test_form_fields_above_the_cover_title_stay_text() -> None:
    """项目编号：… above the title: the title is still the cover's largest line, and the
    field stays where it was, as text — never the title, a heading or a byline."""
    doc = read(_cover_with_fields_above())
    assert doc.title == "社区养老服务提升方案"
    assert doc.author is None
    blocks = list(doc.blocks())
    assert [(type(b).__name__, b.text) for b in blocks[:3]] == [
        ("Paragraph", "项目编号：2025-031"),
        ("Paragraph", "联系人：王某"),
        ("Paragraph", "申报单位：某区民政局"),
    ]
    assert _heads(doc) == [(1, "一、现状分析", False), (1, "二、主要措施", False)]
    assert all(content_chars(t) in content_chars(document_text(doc)) for t in ("项目编号：2025-031", "联系人：王某"))


def test_body_hint_is_never_a_heading_piece_or_title() -> None:
    """Kind.BODY, honoured by every rule: lines that alone would be a title, numbered
    headings, pieces (speaker labels) or a byline stay body paragraphs."""
    from convert.readers.paragraphs import Kind, RawPara
    from convert.readers.structure import build_document

    texts = [
        "年度总结",
        "一、总体情况",
        "今年各项工作稳步推进，完成了年初确定的目标任务。",
        "二、存在问题",
        "个别项目进度滞后，资金使用效率有待提高。",
        "张三：",
        "李四：",
        "联系人：王五",
    ]
    paras = [RawPara(text=t, line=k + 1, lines=[k + 1], offsets=[0], kind=Kind.BODY) for k, t in enumerate(texts)]
    doc = build_document(paras, [], "t.docx")
    assert doc.title is None and doc.author is None and len(doc.speeches) == 1
    assert [(type(b).__name__, b.text) for b in doc.blocks()] == [("Paragraph", t) for t in texts]


def _nested_list() -> docx.document.Document:
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {1: [lvl(0, "decimal", "%1.", suff="nothing"), lvl(1, "lowerLetter", "%2)", suff="nothing")]},
            {1: (1, {})},
        ),
    )
    d.add_paragraph("活动须知", style="Title")
    d.add_paragraph("参加活动请注意以下事项：")
    for text, level in (("按时签到；", 0), ("携带证件：", 0), ("身份证；", 1), ("工作证；", 1), ("遵守秩序。", 0)):
        number(d.add_paragraph(text), 1, level)
    d.add_paragraph("以上事项请相互转告。")
    return d


def test_list_levels_come_from_the_numbering_level() -> None:
    """Items at Word's second list level carry list_level 2 in the model and its JSON;
    top-level items carry none."""
    doc = read(_nested_list())
    items = [b for b in doc.blocks() if isinstance(b, Paragraph) and b.role == "list_item"]
    assert [(b.text, b.list_level) for b in items] == [
        ("1.按时签到；", None),
        ("2.携带证件：", None),
        ("a)身份证；", 2),
        ("b)工作证；", 2),
        ("3.遵守秩序。", None),
    ]
    data = convert.model.to_json(doc)
    nested = [b for s in data["speeches"] for b in s["blocks"] if b.get("list_level")]
    assert [(b["text"], b["list_level"]) for b in nested] == [("a)身份证；", 2), ("b)工作证；", 2)]
    assert convert.model.from_json(data) == doc


def test_a_pdf_turned_into_word_has_its_lines_joined() -> None:
    """A PDF converted to Word keeps every printed line a paragraph of its own, wrapped at
    one width: the lines of a paragraph are joined (and the joins reported); the heading
    Word styles is never joined to them, nor is a line that ends its sentence short."""
    texts = [
        "会议的主要任务是总结去年的工作，分析当前面临的形势，部署今年的重点任务，动员大家鼓足干劲，扎实工作，确保全年目标顺利实现。",
        "过去一年，全市上下团结一心，攻坚克难，经济运行稳中有进，民生保障持续加强，社会大局保持稳定，各项事业取得了新的成绩。",
        "今年的任务十分繁重，各级各部门要进一步增强责任意识，细化工作措施，层层压实责任，确保各项任务落到实处、取得实效。",
        "要深入推进作风建设，力戒形式主义、官僚主义，多到基层一线调查研究，帮助群众解决急难愁盼的实际问题和困难。",
    ]
    d = docx.Document()
    d.add_paragraph("在全市工作会议上的讲话", style="Title")
    for k, t in enumerate(texts):
        if k == 2:
            d.add_paragraph("一、明确任务", style="Heading 1")
        for i in range(0, len(t), 24):
            d.add_paragraph(t[i : i + 24])
    doc = read(d)
    assert [b.text for b in doc.blocks() if isinstance(b, Paragraph)] == texts
    assert [b.text for b in doc.blocks() if isinstance(b, Heading)] == ["一、明确任务"]
    assert any(x.code == "joined-lines" for x in doc.diagnostics)
    kept = docx.Document()
    for t in texts:
        kept.add_paragraph(t)
    assert [b.text for b in read(kept).blocks() if isinstance(b, Paragraph)] == texts  # written line by line: as it is


def test_a_speech_typed_as_one_paragraph_of_line_breaks() -> None:
    """Text pasted from a web page into Word arrives as one paragraph whose lines are the
    paragraphs (Shift+Enter, often with a blank line between): read as the text reader
    reads those lines — title block, salutation, headings (a bold one too), paragraphs,
    a wrapped sentence joined — and reported; a styled paragraph's breaks and a single
    wrap inside a sentence stay as they were."""
    body = [
        "今天的会议，主要是回顾上半年的工作，分析存在的问题，安排下半年的任务。",
        "上半年，各项指标完成情况总体较好，重点项目推进顺利，安全生产形势保持平稳。",
        "下半年，要紧盯年度目标，倒排工期，挂图作战，确保各项任务按时完成。",
    ]
    d = docx.Document()
    p = d.add_paragraph()
    lines: list[tuple[str, bool]] = [
        ("在上半年工作总结会上的讲话", False),
        ("局长　邓某某", False),
        ("同志们：", False),
        (body[0], False),
        ("", False),
        ("一、上半年工作回顾", True),
        (body[1][:20], False),  # a sentence wrapped by hand
        (body[1][20:], False),
        ("", False),
        ("二、下半年工作安排", True),
        (body[2], False),
    ]
    for k, (text, bold) in enumerate(lines):
        run = p.add_run(text)
        run.bold = bold
        if k < len(lines) - 1:
            run.add_break()
    doc = read(d)
    assert (doc.title, doc.author) == ("在上半年工作总结会上的讲话", "局长　邓某某")
    assert [(b.level, b.text) for b in doc.blocks() if isinstance(b, Heading)] == [
        (1, "一、上半年工作回顾"),
        (1, "二、下半年工作安排"),
    ]
    assert [b.text for b in doc.blocks() if isinstance(b, Paragraph)] == ["同志们：", *body]
    assert [x.code for x in doc.diagnostics if x.code == "line-breaks"] == ["line-breaks"]
    assert content_chars(document_text(doc)) == content_chars("".join(t for t, _ in lines))
    wrap = docx.Document()
    q = wrap.add_paragraph()
    q.add_run(body[1][:20]).add_break()
    q.add_run(body[1][20:])
    wrap.add_paragraph("会议材料一份。\n请会后交回。", style="Quote")  # styled: its breaks are layout
    got = read(wrap)
    texts = [b.text for b in got.blocks() if isinstance(b, Paragraph)]
    assert texts == [body[1], "会议材料一份。请会后交回。"]
    assert not [x for x in got.diagnostics if x.code == "line-breaks"]


def test_symbol_font_characters_become_the_bullets_they_draw() -> None:
    """w:sym (Insert Symbol, Wingdings F06C / 6C) and a pasted private-use bullet: the
    bullet each draws (● and •), reported, never a box no font prints."""
    d = docx.Document()
    p = d.add_paragraph()
    raw(p, f'<w:r><w:sym w:font="Wingdings" w:char="F06C"/></w:r>{r("加强学习。")}')
    q = d.add_paragraph()
    raw(q, f'<w:r><w:sym w:font="Wingdings" w:char="6C"/></w:r>{r("改进作风。")}<w:r><w:sym w:char="zz"/></w:r>')
    d.add_paragraph("\uf0b7提升能力。")
    doc = read(d)
    assert [b.text for b in doc.blocks() if isinstance(b, Paragraph)] == ["●加强学习。", "●改进作风。", "•提升能力。"]
    assert any(x.code == "symbol-font" for x in doc.diagnostics)


def test_a_signature_set_right_with_a_line_break_is_two_lines() -> None:
    """The issuer and the date typed into one right-aligned paragraph (Shift+Enter): the
    signature's two lines; a left paragraph wrapped by hand before a date stays one."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    body = "今年以来，我局认真贯彻落实各项决策部署，各项工作取得了明显成效，现将有关情况报告如下。"
    d = docx.Document()
    d.add_paragraph("关于年度工作的报告")
    for _ in range(3):
        d.add_paragraph(body)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("某某县农业农村局").add_break()
    p.add_run("2026年1月5日")
    got = [b for b in read(d).blocks() if isinstance(b, Paragraph)]
    assert [(b.text, b.role) for b in got[-2:]] == [("某某县农业农村局", "signature"), ("2026年1月5日", "signature")]
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    got = [b for b in read(d).blocks() if isinstance(b, Paragraph)]
    assert got[-1].text == "某某县农业农村局2026年1月5日"
