"""Word documents with the features real office files have, built here (python-docx for the
body, raw WordprocessingML through lxml for what it has no API for): ruby, TOC styles and a
real TOC field, text boxes stored twice (``mc:AlternateContent``), VML text boxes, shapes
grouped with a picture, numbered table cells, numbered lists, code, covers, bold leads
with the stop outside the bold run, ideographic indents, fields that never end.

Each builder returns a python-docx document; :data:`DOCUMENTS` names them for the tests
that run every one through LibreOffice (tests/test_docx_word.py). No corpus text: the
wording is made up here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from hostile.make_corpus import png_bytes
from test_docx_reader import lvl, number, numbering_xml, r, raw, set_numbering, to_bytes

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def box_paras(*texts: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return "".join(f"<w:p>{ppr}{r(t)}</w:p>" for t in texts)


def wps_shape(content: str, sid: int) -> str:
    return (
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="500000"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    )


def anchor(graphic_data: str, uri: str, sid: int) -> str:
    return (
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251659264 + sid}" '
        f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{sid * 100000}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="1800000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        f'<wp:docPr id="{100 + sid}" name="Shape {sid}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{uri}">{graphic_data}</a:graphicData></a:graphic></wp:anchor>'
    )


def vml_box(content: str, sid: int) -> str:
    return (
        f'<w:pict><v:shape id="tb{sid}" o:spid="_x0000_s{1000 + sid}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:{sid * 8}pt;width:140pt;height:40pt;z-index:{sid}">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )


def text_box_run(content: str, sid: int, fallback: bool = True) -> str:
    """A text box as Word 2010+ saves it: a DrawingML shape, and the same text again in a
    VML fallback for older readers."""
    drawing = f"<w:drawing>{anchor(wps_shape(content, sid), NS['wps'], sid)}</w:drawing>"
    if not fallback:
        return f"<w:r {XMLNS}>{drawing}</w:r>"
    return (
        f'<w:r {XMLNS}><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml_box(content, sid)}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def grouped_picture_run(rid: str, caption: str, sid: int) -> str:
    """A picture and its caption text box grouped into one shape (wpg:wgp)."""
    pic = (
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{200 + sid}" name="图片"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="1200000"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    )
    group = (
        f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="1800000"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="1800000" cy="1800000"/></a:xfrm></wpg:grpSpPr>{pic}'
        f"{wps_shape(box_paras(caption), sid)}</wpg:wgp>"
    )
    return (
        f'<w:r {XMLNS}><mc:AlternateContent><mc:Choice Requires="wpg">'
        f"<w:drawing>{anchor(group, NS['wpg'], sid)}</w:drawing></mc:Choice>"
        f"<mc:Fallback>{vml_box(box_paras(caption), sid)}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def append(p, xml: str) -> None:
    p._p.append(parse_xml(xml))


def style(d: docx.document.Document, name: str, based_on: str | None = None):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return d.styles[name]
    except KeyError:
        st = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if based_on:
            st.base_style = d.styles[based_on]
        return st


# ---- the documents -------------------------------------------------------------------------


def ruby_doc() -> docx.document.Document:
    d = docx.Document()
    p = d.add_paragraph()
    guide = (
        '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="10"/><w:hpsRaise w:val="18"/>'
        '<w:hpsBaseText w:val="21"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:t>shù</w:t></w:r></w:rt>'
        "<w:rubyBase><w:r><w:t>恕</w:t></w:r></w:rubyBase></w:ruby></w:r>"
    )
    raw(p, r("忠") + guide + r("任事，是我们一贯的要求。"))
    d.add_paragraph("第二段正文保持不变。")
    return d


TOC_ENTRIES = ("一、总体要求\t2", "二、评分办法\t3")


def toc_doc() -> docx.document.Document:
    """A real TOC field (with its 目录 title) and, later, TOC-styled paragraphs that are
    content (a heading someone styled "TOC 1")."""
    d = docx.Document()
    style(d, "TOC 1")
    style(d, "TOC 2")
    d.add_paragraph("招标文件", style="Title")
    d.add_paragraph("目录", style="TOC Heading")
    first = d.add_paragraph(style="TOC 1")
    raw(
        first,
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(TOC_ENTRIES[0]),
    )
    last = d.add_paragraph(style="TOC 1")
    raw(last, r(TOC_ENTRIES[1]) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    d.add_paragraph("一、总体要求", style="Heading 1")
    d.add_paragraph("投标人应当具备承担本项目的能力，按时提交投标文件。")
    d.add_paragraph("二、评分办法", style="Heading 1")
    d.add_paragraph("评标委员会按照综合评分法打分。")
    d.add_paragraph("三、评分细则", style="TOC 1")  # a real heading, styled as a TOC entry
    d.add_paragraph("技术部分满分60分，商务部分满分40分。", style="TOC 2")
    return d


def text_box_doc() -> docx.document.Document:
    """Text boxes stored twice (DrawingML + VML fallback), a VML-only box, a box in a
    table cell, a picture grouped with its caption box, a box with a numbered list."""
    d = docx.Document()
    set_numbering(d, numbering_xml({1: [lvl(0, "decimal", "%1.", suff="nothing")]}, {1: (1, {})}))
    d.add_paragraph("关于加强安全生产的通知")
    p = d.add_paragraph("各单位：")
    append(p, text_box_run(box_paras("其中重点单位名单另行通知。"), 1))
    p = d.add_paragraph("请认真落实以下要求。")
    append(p, f"<w:r {XMLNS}>{vml_box(box_paras('旧版文本框里的说明文字。'), 2)}</w:r>")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "单位"
    cell_p = t.cell(0, 1).paragraphs[0]
    cell_p.add_run("负责人")
    append(cell_p, text_box_run(box_paras("单元格内文本框"), 3, fallback=False))
    rid, _ = d.part.get_or_add_image(io.BytesIO(png_bytes()))
    p = d.add_paragraph()
    append(p, grouped_picture_run(rid, "图1　现场检查照片", 4))
    items = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{r(t)}</w:p>'
        for t in ("检查消防通道；", "检查应急照明；", "检查值班记录。")
    )
    p = d.add_paragraph("检查内容如下：")
    append(p, text_box_run(items, 5))
    d.add_paragraph("以上要求请于月底前落实到位。")
    return d


def table_numbering_doc() -> docx.document.Document:
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {1: [lvl(0, "decimal", "%1.", suff="nothing")], 2: [lvl(0, "decimal", "%1", suff="nothing")]},
            {1: (1, {}), 2: (2, {})},
        ),
    )
    d.add_paragraph("投标须知")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "序号"
    t.cell(0, 1).text = "要求"
    for row in (1, 2):
        number(t.cell(row, 0).paragraphs[0], 2, 0)  # an automatic 序号 column: number only
    c = t.cell(1, 1)
    number(c.paragraphs[0], 1, 0)
    c.paragraphs[0].add_run("投标文件封装并加盖公章；")
    number(c.add_paragraph("投标截止时间为开标当日上午九时。"), 1, 0)
    t.cell(2, 1).text = "第一行说明"
    t.cell(2, 1).add_paragraph("第二行说明")
    d.add_paragraph("未尽事宜另行通知。")
    return d


def lists_doc() -> docx.document.Document:
    """Numbered lists that are lists, and numbered headings that are headings."""
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {
                1: [lvl(0, "chineseCounting", "（%1）", suff="nothing")],
                2: [lvl(0, "decimal", "%1.", suff="nothing")],
                3: [lvl(0, "chineseCounting", "%1、", suff="nothing")],
                4: [lvl(0, "decimal", "%1.", suff="nothing")],
            },
            {1: (1, {}), 2: (2, {}), 3: (3, {}), 4: (4, {})},
        ),
    )
    d.add_paragraph("关于成立分会的规定", style="Title")
    d.add_paragraph("成立分会应当具备下列条件：")
    for text in ("有2名以上会员倡导发起；", "有规范的名称和相应的组织机构；", "有固定的活动场所。"):
        number(d.add_paragraph(text), 1, 0)
    for head, body in (("总体要求", "分会要在总会领导下开展工作。"), ("工作安排", "分会每年至少召开一次全体会议。")):
        p = d.add_paragraph()
        raw(p, r(head, bold=True))
        number(p, 3, 0)
        d.add_paragraph(body)
    d.add_paragraph("会员享有以下权利")
    for text in ("选举权", "被选举权", "表决权"):
        number(d.add_paragraph(text), 2, 0)
    number(d.add_paragraph(""), 4, 0)  # an empty numbered paragraph
    d.add_paragraph("本规定自发布之日起施行。")
    return d


def code_doc() -> docx.document.Document:
    d = docx.Document()
    style(d, "Source Code")
    d.add_paragraph("服务器网络配置说明")
    d.add_paragraph("运行命令后输出如下：")
    for line in ("eth0      Link encap:Ethernet", "          inet addr:192.168.1.10", "          Mask:255.255.255.0"):
        d.add_paragraph(line, style="Source Code")
    d.add_paragraph("其中地址需按实际情况修改。")
    for line in ("server {", "    listen 80;", "}"):
        p = d.add_paragraph()
        p.add_run(line).font.name = "Courier New"
    d.add_paragraph("修改后重启服务即可。")
    return d


def cover_doc() -> docx.document.Document:
    d = docx.Document()
    for text, size in (
        ("群众文化节", 36),
        ("策 划 书", 36),
        ("项目编号：2024-017", 14),
        ("编制单位：市文化中心", 14),
        ("2024年3月", 14),
    ):
        p = d.add_paragraph()
        p.alignment = 1
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    p.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    d.add_paragraph("一、项目背景")
    d.add_paragraph("本项目旨在丰富群众文化生活，提升公共文化服务水平。")
    d.add_paragraph("二、实施方案")
    d.add_paragraph("项目分三个阶段实施，每个阶段均设置考核节点。")
    return d


def outline_title_doc() -> docx.document.Document:
    d = docx.Document()
    p = d.add_paragraph("在全县经济工作会议上的讲话")
    p.alignment = 1
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    for head, body in (("一、明确目标", "今年的目标是稳中求进。"), ("二、抓好落实", "各部门要把任务落到实处。")):
        h = d.add_paragraph(head)
        h._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
        d.add_paragraph(body)
    return d


def leads_doc() -> docx.document.Document:
    """A work report's body: bold 一、 parts with indents typed as ideographic spaces, bold
    leads whose full stop sits outside the bold run, 一是…五是 inside the first part."""
    d = docx.Document()
    d.add_paragraph("政府工作报告", style="Title")
    d.add_paragraph("各位代表：")
    raw(d.add_paragraph(), r("\u3000\u3000一、过去一年的工作", bold=True))
    d.add_paragraph("\u3000\u3000过去一年，全市经济运行稳中有进，各项事业取得新成绩。")
    for k, (lead, body) in enumerate(
        (
            ("一是经济运行回升向好", "全市生产总值增长5%，财政收入稳步增长。"),
            ("二是产业结构持续优化", "先进制造业增加值增长8%。"),
            ("三是改革开放不断深化", "完成改革任务120项。"),
            ("四是民生保障更加有力", "新增就业岗位6万个。"),
            ("五是社会大局和谐稳定", "安全生产形势持续好转。"),
        )
    ):
        p = d.add_paragraph()
        if k == 4:  # the indent inside the bold run
            raw(p, r("\u3000\u3000" + lead, bold=True) + r("。" + body))
        else:
            raw(p, r("\u3000\u3000") + r(lead, bold=True) + r("。" + body))
    raw(d.add_paragraph(), r("\u3000\u3000二、今年的主要任务", bold=True))
    for lead, body in (("大力提振消费", "开展消费促进活动。"), ("着力扩大投资", "推进重大项目建设。")):
        raw(d.add_paragraph(), r("\u3000") + r("\u3000" + lead, bold=True) + r("。" + body))
    d.add_paragraph("\u3000\u3000各位代表！让我们团结一心，再创佳绩。")
    return d


def ordinals_doc() -> docx.document.Document:
    """Numbers as Word prints them: a half-width (1) from the level text; a level-1 count
    continued after 13 level-2 items numbered through another instance whose override
    restarts level 1 (which those items never use)."""
    d = docx.Document()
    set_numbering(
        d,
        numbering_xml(
            {1: [lvl(0, "chineseCounting", "%1、", suff="nothing"), lvl(1, "decimal", "(%2)", suff="nothing")]},
            {1: (1, {}), 2: (1, {0: 1})},
        ),
    )
    number(d.add_paragraph("第一部分工作"), 1, 0)
    for k in range(13):
        number(d.add_paragraph(f"第{k + 1}项具体任务已经完成。"), 2, 1)
    number(d.add_paragraph("第二部分工作"), 1, 0)
    d.add_paragraph("以上各项任务均按期完成。")
    return d


def open_field_doc() -> docx.document.Document:
    """A field that begins and never ends, then ordinary paragraphs."""
    d = docx.Document()
    d.add_paragraph("会议纪要")
    p = d.add_paragraph()
    raw(
        p,
        r("会议时间：")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("2024年5月8日"),
    )
    d.add_paragraph("会议听取了各部门工作汇报。")
    d.add_paragraph("会议要求各部门于6月底前报送总结。")
    return d


#: name -> builder; every one goes through LibreOffice in the nothing-lost proof.
DOCUMENTS: dict[str, Callable[[], docx.document.Document]] = {
    "ruby": ruby_doc,
    "toc": toc_doc,
    "text_box": text_box_doc,
    "table_numbering": table_numbering_doc,
    "lists": lists_doc,
    "code": code_doc,
    "cover": cover_doc,
    "outline_title": outline_title_doc,
    "leads": leads_doc,
    "ordinals": ordinals_doc,
    "open_field": open_field_doc,
}


def build(name: str) -> bytes:
    return to_bytes(DOCUMENTS[name]())


__all__ = ["DOCUMENTS", "build", "qn"]
