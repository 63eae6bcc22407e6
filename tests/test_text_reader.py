"""The text reader on the user's sample (shared/spec/seed-outline.md), on small written
cases for every heading scheme and repair, and on the traps a naive reader falls into."""

from __future__ import annotations

import codecs
import json

import pytest
from conftest import SEED

import convert
from convert.model import Heading, Note, Paragraph, Table, content_chars, document_text, from_json, to_json
from convert.readers.base import ReadError, ReadOptions
from convert.readers.text import READER


def read(text: str | bytes, repair: bool = True):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return READER.read(data, ReadOptions(repair=repair, source="t.txt"))


def outline(doc):
    return [(b.level, b.run_in, b.text) for s in doc.speeches for b in s.blocks if isinstance(b, Heading)]


def codes(doc, code):
    return [d for d in doc.diagnostics if d.code == code]


# --- the sample -----------------------------------------------------------------------


def test_seed_title_and_pieces(sample_doc):
    assert sample_doc.title == "理论中心组学习贯彻党的二十届二中全会精神集中研讨发言提纲"
    assert sample_doc.subtitle == "（2篇）"
    assert [s.label for s in sample_doc.speeches] == ["（一）", "（二）"]
    assert [s.title for s in sample_doc.speeches] == [None, None]


def test_seed_speech_one(sample_doc):
    blocks = sample_doc.speeches[0].blocks
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text.startswith("中国共产党第二十届中央委员会第二次全体会议胜利召开，")
    assert blocks[0].text.endswith("作简要交流发言。")
    heads = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.level, h.run_in) for h in heads] == [(1, True)] * 4
    assert (
        heads[0].text
        == "第一，充分认识党和国家机构改革的重要性和紧迫性，自觉把思想和行动统一到党中央决策部署上来，不折不扣把机构改革任务落到实处。"
    )
    assert (
        heads[1].text
        == "第二，按要求开展好学习贯彻习近平新时代中国特色社会主义思想主题教育，科学谋划、精心组织，强化理论学习和运用，取得实实在在的成效。"
    )
    assert (
        heads[2].text
        == "第三，坚定不移深化改革开放，落实好各项改革举措，持续加强保障和改善民生，牢牢守住不发生系统性风险的底线，奋力实现全年各项目标任务。"
    )
    assert (
        heads[3].text
        == "第四，加强领导班子思想政治建设，严格执行民主集中制，营造风清气正的政治生态，形成团结协作、敢于担当、善作善成的生动局面。"
    )
    # each run-in lead is followed by the rest of its paragraph
    for k, b in enumerate(blocks):
        if isinstance(b, Heading):
            assert isinstance(blocks[k + 1], Paragraph)
    # the closing paragraph is not part of section 4's lead
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text.startswith("新征程上，")
    assert blocks[-1].text.endswith("而共同奋斗。")
    # the paragraph broken at 8/9 is one paragraph
    assert any(b.text.endswith("定力、恒心、韧劲。") for b in blocks if isinstance(b, Paragraph))


def test_seed_speech_two(sample_doc):
    s = sample_doc.speeches[1]
    assert s.blocks[0].text.startswith("党的二十届二中全会，是党的二十大之后")
    assert s.blocks[0].text.endswith("统一到习近平总书记重要讲话和全会精神上来。")
    assert outline(sample_doc)[4:] == [
        (1, False, "一要强化政治意识，忠诚捍卫“两个确立”。"),
        (1, False, "二要深化思想认识，全面优化资源配置。"),
        (1, False, "三要主动担当作为，推动高质量发展。"),
        (2, True, "一是高质量推进产业发展。"),
        (2, True, "二是高效率深化项目攻坚。"),
        (2, True, "三是高标准推动乡村振兴。"),
        (2, True, "四是高要求保障改善民生。"),
        (1, False, "四要强化党的建设，推动全面从严治党。"),
        # parallel lead sentences (排比段首句): the optional plus of the spec
        (2, True, "在全面学习上下“实功”，让党的二十大精神落地见效、深根固柢。"),
        (2, True, "在全面宣传上下“深功”，让党的二十大精神生根发芽，苗壮成长。"),
        (2, True, "在全面研讨上下“苦功”，让党的二十大精神遍地开花、芬芳馥郁。"),
        (2, True, "在全面落实上下“硬功”，让党的二十大精神枝繁叶茂、盈车嘉穗。"),
    ]
    texts = [b.text for b in s.blocks]
    # 34–36: joined across the blank line
    assert any("要抓好项目落地前期各项准备工作，明年要做的项目" in t for t in texts)
    assert any("积极向上争取用地用海" in t for t in texts)
    assert any("让党的二十大精神实在基层、热在心上。" in t for t in texts)


def test_seed_repairs_reported(sample_doc):
    joined = {d.line for d in codes(sample_doc, "joined-lines")}
    assert {1, 8, 23, 31, 34, 36, 51} <= joined
    blank_join = [d for d in codes(sample_doc, "joined-lines") if d.line == 34]
    assert blank_join and blank_join[0].severity == "warning" and "blank line" in blank_join[0].message
    assert sorted(d.line for d in codes(sample_doc, "site-marker")) == [10, 56]
    punct = {d.line for d in codes(sample_doc, "punctuation")}
    assert {3, 6, 18} <= punct  # (2篇) (一) (二)
    ph = codes(sample_doc, "placeholder")
    assert [d.line for d in ph] == [31, 31, 31]
    assert {d.message for d in ph} == {"unfilled placeholder “x%”", "unfilled placeholder “x个”"}
    assert not codes(sample_doc, "count") or codes(sample_doc, "count")[0].severity == "info"
    text = document_text(sample_doc)
    assert "##" not in text and "(" not in text and '",' not in text
    assert "”，" in text and "（市区）" in text
    assert "【新增产值170亿以上】" in text  # the editorial note is kept


def test_seed_nothing_lost(sample_doc):
    src = SEED.read_text("utf-8").replace("##paidbegin##", "").replace("##paidend##", "")
    assert content_chars(document_text(sample_doc)) == content_chars(src)


def test_seed_json_contract(sample_doc):
    data = json.loads(json.dumps(to_json(sample_doc), ensure_ascii=False))
    assert set(data) >= {"title", "subtitle", "speeches", "diagnostics"}
    sp = data["speeches"][0]
    assert sp["label"] == "（一）" and sp["title"] is None
    h = sp["blocks"][1]
    assert h["type"] == "heading" and h["level"] == 1 and h["run_in"] is True and h["text"].startswith("第一，")
    assert sp["blocks"][0]["type"] == "paragraph"
    d = data["diagnostics"][0]
    assert set(d) >= {"severity", "code", "line", "message"}
    assert from_json(data) == sample_doc


# --- encodings and line endings --------------------------------------------------------

SMALL = "在全市会议上的讲话\n同志们：\n今天我们召开会议，部署2024年工作。\n谢谢大家！\n"


@pytest.mark.parametrize(
    "data",
    [
        SMALL.encode("utf-8"),
        codecs.BOM_UTF8 + SMALL.encode("utf-8"),
        codecs.BOM_UTF16_LE + SMALL.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SMALL.encode("utf-16-be"),
        SMALL.encode("gb18030"),
        SMALL.encode("gbk"),
        SMALL.replace("\n", "\r\n").encode("utf-8"),
        SMALL.replace("\n", "\r").encode("gb18030"),
        SMALL.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "gb18030", "gbk", "crlf", "cr-gb18030", "utf16le-nobom"],
)
def test_encodings(data):
    doc = read(data)
    assert doc.title == "在全市会议上的讲话"
    paras = list(doc.speeches[0].blocks)
    assert [p.role for p in paras] == ["greeting", "body", "closing"]
    assert content_chars(document_text(doc)) == content_chars(SMALL)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\t\n\xe3\x80\x80\n", "white space"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"PK\x03\x04" + bytes(200), "ZIP"),
        (bytes(range(256)) * 40, "binary"),
    ],
    ids=["empty", "whitespace", "png", "zip", "random-bytes"],
)
def test_bad_input_raises_clear_error(data, message):
    with pytest.raises(ReadError) as e:
        read(data)
    assert message.lower() in str(e.value).lower()
    assert "\n" not in str(e.value)


# --- heading schemes, levels from document order --------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("一、", "二、"),
        ("（一）", "（二）"),
        ("1.", "2."),
        ("（1）", "（2）"),
        ("第一，", "第二，"),
        ("第一、", "第二、"),
        ("第一部分 ", "第二部分 "),
        ("一要", "二要"),
        ("一是", "二是"),
        ("1、", "2、"),
        ("第一个，", "第二个，"),
        ("第一件事，", "第二件事，"),
        ("第一招：", "第二招："),
        ("〔一〕", "〔二〕"),
        ("㈠", "㈡"),
        ("第1部分 ", "第2部分 "),
    ],
)
def test_each_scheme_own_line(first, second):
    text = f"{first}加强组织领导\n各级要高度重视这项工作。\n{second}强化工作保障\n要把经费落实到位。\n"
    doc = read(text)
    assert outline(doc) == [(1, False, f"{first}加强组织领导".strip()), (1, False, f"{second}强化工作保障".strip())]


def test_first_second_last_scheme():
    text = (
        "首先，要提高认识。这是做好工作的前提，各单位要把思想统一起来。\n"
        "其次，要压实责任。层层传导压力，确保任务落实到位、责任落实到人。\n"
        "最后，要严格考核。考核结果与评先评优挂钩，形成鲜明的导向。\n"
    )
    doc = read(text)
    assert outline(doc) == [
        (1, True, "首先，要提高认识。"),
        (1, True, "其次，要压实责任。"),
        (1, True, "最后，要严格考核。"),
    ]


def test_levels_follow_document_order():
    text = "\n".join(
        [
            "（一）总体要求",
            "要坚持稳中求进。",
            "1.保持定力",
            "继续推进。",
            "2.突出重点",
            "抓住关键。",
            "（二）主要任务",
            "要抓好落实。",
            "1.稳增长",
            "扩大内需。",
            "2.促改革",
            "深化改革。",
        ]
    )
    assert [(lvl, t) for lvl, _, t in outline(read(text))] == [
        (1, "（一）总体要求"),
        (2, "1.保持定力"),
        (2, "2.突出重点"),
        (1, "（二）主要任务"),
        (2, "1.稳增长"),
        (2, "2.促改革"),
    ]


def test_run_in_versus_own_line():
    text = "一是加强学习。要把学习作为首要任务，做到学深悟透。\n二是狠抓落实。要把各项任务分解到人，确保按期完成。\n"
    doc = read(text)
    blocks = doc.speeches[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Heading", "Paragraph", "Heading", "Paragraph"]
    assert blocks[0].run_in and blocks[0].text == "一是加强学习。"
    assert blocks[1].text == "要把学习作为首要任务，做到学深悟透。"


def test_skipped_numbering_reported():
    doc = read("一、加强领导\n要重视。\n三、强化保障\n要落实。\n")
    assert [t for _, _, t in outline(doc)] == ["一、加强领导", "三、强化保障"]
    skip = codes(doc, "numbering")
    assert skip and "二" in skip[0].message and skip[0].line == 3


# --- traps -----------------------------------------------------------------------------


def test_short_title_not_joined_with_greeting():
    doc = read("在全市经济工作会议上的讲话\n同志们：\n今天召开会议，主要任务是部署工作。\n")
    assert doc.title == "在全市经济工作会议上的讲话"
    assert doc.speeches[0].blocks[0].text == "同志们：" and doc.speeches[0].blocks[0].role == "greeting"


def test_numbers_inside_sentences_are_not_headings():
    text = (
        "今年全市经济增长3.5%，比上年提高1.2个百分点。\n"
        "1.5万人参加了培训，其中2.3%来自农村。\n"
        "我们要做到以下几点：1.提高认识，2.落实责任。\n"
    )
    doc = read(text)
    assert outline(doc) == []
    assert content_chars(document_text(doc)) == content_chars(text)


def test_lone_first_is_not_a_heading():
    text = (
        "今年的工作很重要。首先，要提高认识，这一点大家都明白。\n"
        "首先，我代表市委向大家表示感谢，这一年大家辛苦了，取得了很好的成绩。\n"
        "我们要继续努力，争取更大的成绩。\n"
    )
    assert outline(read(text)) == []


def test_enumeration_inside_sentence_not_heading():
    doc = read(
        "一是加强学习，二是狠抓落实，三是严格考核，这三项工作都要抓好抓实，不能有丝毫放松。\n明年我们继续努力。\n"
    )
    assert outline(doc) == []


def test_wrapped_line_starting_with_ordinal_is_continued():
    text = "我们要坚持统筹推进，促进一二三产业融合发展，推动\n一、二、三产业协同发展，努力实现经济社会发展目标。\n"
    doc = read(text)
    assert outline(doc) == []
    assert len(doc.speeches[0].blocks) == 1


def test_own_line_heading_without_punctuation_not_joined():
    doc = read(
        "一、2018年工作回顾\n过去一年，我们主要做了以下工作。\n二、2019年主要任务\n今年是关键之年，要做好以下工作。\n"
    )
    assert [t for _, _, t in outline(doc)] == ["一、2018年工作回顾", "二、2019年主要任务"]


def test_punctuation_not_touched_in_latin_urls_numbers():
    text = "详见 http://example.com:8080/a,b 和 see (above), ok。增长3.5%，收入1,000元，时间10:30。\n"
    doc = read(text)
    out = document_text(doc)
    assert "http://example.com:8080/a,b" in out and "see (above), ok" in out
    assert "3.5%" in out and "1,000" in out and "10:30" in out


def test_repairs_can_be_switched_off():
    text = "标题很长很长很长很长很长很长很长很长很长很长的研\n讨发言提纲\n同志们：\n##paidbegin##\n他说(一)很好,我们要干。\n"
    on = read(text)
    off = read(text, repair=False)
    assert on.title == "标题很长很长很长很长很长很长很长很长很长很长的研讨发言提纲"
    assert "##paidbegin##" not in document_text(on)
    off_text = document_text(off)
    assert "##paidbegin##" in off_text and "(一)" in off_text and "很好,我们" in off_text
    assert codes(off, "site-marker")  # still reported


def test_control_and_invisible_characters():
    text = "会议\x00讨论了\u200b工作\x07安排。\n要求\u00a0落实<U+00A0>到位。\n"
    doc = read(text)
    out = document_text(doc)
    assert not any(ord(c) < 32 and c != "\n" for c in out)
    assert "\u200b" not in out and "<U+00A0>" not in out
    assert codes(doc, "control-char") and codes(doc, "zero-width") and codes(doc, "escape")


def test_count_mismatch_warned():
    doc = read("研讨发言材料\n（3篇）\n（一）\n第一篇的内容。\n（二）\n第二篇的内容。\n")
    assert len(doc.speeches) == 2
    warn = codes(doc, "count")
    assert warn and warn[0].severity == "warning" and "3" in warn[0].message and "2" in warn[0].message


def test_placeholders():
    doc = read("今年增长XX%，新建××个项目，投资□□亿元，二〇二四年完成，Windows XP 系统升级。\n")
    found = [d.message for d in codes(doc, "placeholder")]
    assert len(found) == 3, found


def test_editorial_note_kept_as_note_run():
    doc = read("全年新增产值【新增产值170亿以上】要确保完成。\n")
    para = doc.speeches[0].blocks[0]
    assert any(r.note and r.text == "【新增产值170亿以上】" for r in para.runs)


def test_note_paragraph_becomes_note_block():
    doc = read("正文第一段。\n【此处插入图表】\n正文第二段。\n")
    assert isinstance(doc.speeches[0].blocks[1], Note)


def test_title_block_with_dash_subtitle_author_date():
    text = "坚定信心 真抓实干\n——在全市经济工作会议上的讲话\n张  三\n（2024年3月5日）\n同志们：\n今天召开会议。\n"
    doc = read(text)
    assert doc.title == "坚定信心 真抓实干"
    assert doc.subtitle == "——在全市经济工作会议上的讲话"
    assert doc.date == "（2024年3月5日）"
    assert content_chars(document_text(doc)) == content_chars(text)


@pytest.mark.parametrize("label", ["主讲人", "发言人", "报告人", "单　位"])
def test_a_byline_field_under_the_title_is_never_joined_to_it(label):
    """A title ends without punctuation; the line under it that names the speaker in a
    field (主讲人：某某局党组书记　何某) is the byline — it was joined to the title as the
    rest of a broken sentence."""
    doc = read(
        f"党课讲稿：弘扬优良传统　勇担时代使命\n{label}：某某局党组书记　何某某\n\n同志们：\n今天，我以弘扬优良传统为题，和大家一起学习交流。主要讲三个方面。\n"
    )
    assert doc.title == "党课讲稿：弘扬优良传统　勇担时代使命"
    assert doc.author == f"{label}：某某局党组书记　何某某"


def test_symbol_font_bullets_a_text_export_kept_as_latin_letters():
    """Word's Wingdings bullets saved as plain text keep the font's code as a Latin-1
    character (Ø for ▶, l for ●, § for ▪; an export to GBK writes ?): the bullets they draw, reported, so the items
    are a list and the lines are never joined (they were one paragraph l 加强学习l 改进…).
    A letter needs a space after it: n个样本 is no bullet."""
    doc = read(
        "整改措施\n\n今年要重点抓好以下几个方面的整改工作：\n"
        "l  加强理论武装\nl  密切联系群众\nl  强化担当作为\nØ 抓好作风建设\n§ 严守纪律规矩\n?  提升工作效能\n"
        "n个样本中有三个不合格，需要重新检测。\n"
    )
    texts = [b.text for b in doc.blocks() if isinstance(b, Paragraph)]
    assert texts[1:7] == [
        "●  加强理论武装",
        "●  密切联系群众",
        "●  强化担当作为",
        "▶ 抓好作风建设",
        "▪ 严守纪律规矩",
        "•  提升工作效能",  # an export to GBK wrote the bullet it could not encode as ?
    ]
    assert [b.role for b in doc.blocks() if isinstance(b, Paragraph)][1:4] == ["list_item"] * 3
    assert texts[-1] == "n个样本中有三个不合格，需要重新检测。"
    assert len(codes(doc, "symbol-font")) == 6


def test_a_table_a_text_export_set_with_tabs_is_a_table():
    """Word's plain-text export writes a table one row a line, its cells between tabs:
    a table, its header the first row — the tabs were made spaces and removed between Han
    characters (指标目标完成完成率) and the rows joined into one paragraph with the
    sentence after them. An item's number before a tab, or a speaker's label, is no table."""
    rows = [["指标", "目标", "完成"], ["营业收入（亿元）", "30", "32.5"], ["新签合同（亿元）", "40", "38"]]
    text = (
        "年度工作总结\n\n一、主要指标\n主要指标完成情况如下：\n"
        + "".join("\t".join(r) + "\n" for r in rows)
        + "从上表可以看出，各项指标基本完成。\n二、下步打算\n1.\t抓市场开拓\n2.\t抓成本控制\n"
        + "主持人：\t请大家发言。\n张三：\t我先说两句。\n"
    )
    doc = read(text)
    tables = [b for b in doc.blocks() if isinstance(b, Table)]
    assert [[list(r) for r in t.rows] for t in tables] == [rows]
    texts = [b.text for b in doc.blocks() if isinstance(b, Paragraph)]
    assert "从上表可以看出，各项指标基本完成。" in texts
    assert [h[2] for h in outline(doc)][-2:] == ["1.抓市场开拓", "2.抓成本控制"]
    assert content_chars(document_text(doc)) == content_chars(text)


def test_python_api_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SMALL, encoding="gb18030")
    doc = convert.read(p)
    assert doc.source == "a.txt" and doc.title == "在全市会议上的讲话"
    with pytest.raises(ReadError):
        convert.read(tmp_path / "missing.txt")


# --- structures beyond the sample (issue 9) ---------------------------------------------


def test_numbered_piece_titles_split_pieces():
    doc = read(
        "讲话选编\n一　一月十八日的讲话\n今天讲三个问题。\n大家要好好学习。\n二　一月二十七日的讲话\n我再讲几点意见。\n"
    )
    assert doc.title == "讲话选编"
    assert [(s.label, s.title) for s in doc.speeches] == [("一", "一月十八日的讲话"), ("二", "一月二十七日的讲话")]


def test_speaker_labels_split_a_transcript():
    doc = read(
        "座谈会发言记录\n张三：\n我先说几句。今年的任务很重。\n李四：\n我同意，补充两点。\n同志们：\n大家辛苦了。\n"
    )
    assert [s.label for s in doc.speeches] == ["张三：", "李四："]
    assert doc.speeches[1].blocks[1].role == "greeting"


def test_a_dialogue_where_a_speaker_speaks_again_is_one_piece():
    turn = "这个问题很重要，我们要认真研究，拿出切实可行的办法。"
    doc = read(f"座谈会实录\n主持人：\n{turn}\n张三：\n{turn}\n主持人：\n{turn}\n")
    assert len(doc.speeches) == 1
    assert [b.text for b in doc.blocks()][:3] == ["主持人：", turn, "张三："]


def test_dash_leads_in_a_series_are_run_in():
    text = (
        "过去一年，主要做了以下工作：\n"
        "——坚持政治引领，思想共识不断凝聚。我们深入学习，举办专题读书活动12期。\n"
        "——坚持服务大局，建言资政成效明显。围绕中心工作开展调研42项，形成报告。\n"
        "——坚持为民履职，民生关切有效回应。组织委员深入基层，解决实际问题156件。\n"
    )
    heads = outline(read(text))
    assert [t for _, run_in, t in heads if run_in] == [
        "——坚持政治引领，思想共识不断凝聚。",
        "——坚持服务大局，建言资政成效明显。",
        "——坚持为民履职，民生关切有效回应。",
    ]


def test_bilingual_lines_not_joined():
    """An English line under a Chinese title is its translation: part of the title block,
    kept as its own words (a space between), never glued into the Chinese."""
    text = "构建创新、活力、联动、包容的世界经济\nTowards an Innovative, Invigorated, Interconnected and Inclusive World Economy\n——在峰会开幕式上的讲话\n"
    doc = read(text)
    assert (
        doc.title
        == "构建创新、活力、联动、包容的世界经济 Towards an Innovative, Invigorated, Interconnected and Inclusive World Economy"
    )
    assert doc.subtitle == "——在峰会开幕式上的讲话"


def test_pdf_page_numbers_and_running_headers_dropped():
    body = "这是一段很长的正文内容，讲的是今年的工作安排和明年的打算，要认真"
    text = (
        f"市政府工作报告\n{body}\n- 1 -\n学习贯彻落实。\n市政府工作报告\n第二段正文，内容很多很多，需要继续阅读下去才能够看完。\n- 2 -\n"
        "市政府工作报告\n第三段正文。\n- 3 -\n"
    )
    doc = read(text)
    assert {d.code for d in doc.diagnostics} >= {"page-number", "running-header"}
    texts = [b.text for b in doc.blocks()]
    assert body + "学习贯彻落实。" in texts  # joined across the dropped page number
    assert not any(t.startswith("- ") for t in texts)


def test_the_title_repeated_where_pages_meet_is_a_running_head_however_few_the_pages():
    body = "这是一段很长的正文内容，讲的是今年的工作安排和明年的打算，要认真"
    text = f"市政府工作报告\n{body}\n— 1 —\n市政府工作报告\n学习贯彻落实。\n"
    doc = read(text)
    assert doc.title == "市政府工作报告"
    assert [b.text for b in doc.blocks()] == [body + "学习贯彻落实。"]
    assert [d.code for d in doc.diagnostics if d.code in ("page-number", "running-header")] == [
        "page-number",
        "running-header",
    ]
    # the title said again in the text, away from any page break, stays
    kept = read(
        f"市政府工作报告\n{body}\n— 1 —\n学习贯彻落实。\n{body}。\n{body}。\n{body}。\n市政府工作报告\n{body}。\n"
    )
    assert "市政府工作报告" in [b.text for b in kept.blocks()]


def test_a_line_that_opens_every_page_after_the_first_is_a_running_head():
    """Three pages show a running head twice (the first page has none): dropped and
    reported where it is the first line after every page number and nowhere else, so the
    word it cut in two is whole again; said once more in the text, it stays."""
    body = "这是一段很长的正文内容，讲的是今年的工作安排和明年的打算，要认真"
    head = "全区经济工作会议文件"
    text = f"区长讲话\n\n{body}\n学习贯\n- 1 -\n{head}\n彻落实。\n{body}\n- 2 -\n{head}\n抓好落实。\n- 3 -\n"
    doc = read(text)
    assert [b.text for b in doc.blocks()] == [body + "学习贯彻落实。", body + "抓好落实。"]
    assert [d.code for d in doc.diagnostics if d.code == "running-header"] == ["running-header"] * 2
    kept = read(text.replace("抓好落实。", f"抓好落实。\n{head}\n"))
    assert head in [b.text for b in kept.blocks()]
    assert not [d for d in kept.diagnostics if d.code == "running-header"]


def test_space_after_fullwidth_punctuation_removed():
    doc = read("我们要坚持， 不断推进改革。 这是 一 个 重要 任务。\n")
    assert doc.speeches[0].blocks[0].text == "我们要坚持，不断推进改革。这是一个重要任务。"


def test_numbering_restarts_as_a_new_series():
    text = "一、去年工作回顾\n做了很多工作。\n二、存在的问题\n还有不足。\n一、今年工作安排\n要继续努力。\n二、保障措施\n要加强领导。\n"
    heads = outline(read(text))
    assert [(lvl, t) for lvl, _, t in heads] == [
        (1, "一、去年工作回顾"),
        (1, "二、存在的问题"),
        (1, "一、今年工作安排"),
        (1, "二、保障措施"),
    ]
    assert not codes(read(text), "numbering")


def test_date_line_in_chinese_numerals():
    doc = read("在延安文艺座谈会上的讲话\n（一九四二年五月）\n同志们！今天邀集大家来开座谈会。\n")
    assert doc.date == "（一九四二年五月）"


def test_greeting_requires_address_terms():
    """An address to the audience, or the body a report is sent up to — never a bureau a
    meeting's record names as the speaker of a turn (县财政局：)."""
    doc = read("各位代表：\n新的一年，我们要重点抓好以下工作：\n加强领导。\n")
    assert [b.role for b in doc.speeches[0].blocks] == ["greeting", "body", "body"]
    for greeting in (
        "各位同事、各位家人，朋友们：",
        "各位股东、各位员工：",
        "全体师生：",
        "各位听众，各位网友：",
        "各位学员：",
        "中共某某县委：",  # the body a report is sent up to (主送机关)
        "某某县人民政府：",
    ):
        doc = read(f"{greeting}\n新的一年，我们要重点抓好以下工作：\n加强领导。\n")
        assert [b.role for b in doc.speeches[0].blocks] == ["greeting", "body", "body"], greeting
    doc = read("县财政局：\n新的一年，我们要重点抓好以下工作：\n加强领导。\n")
    assert "greeting" not in [b.role for b in doc.speeches[0].blocks if isinstance(b, Paragraph)]


def test_txt_full_of_markdown_is_sniffed():
    text = "# 年度工作总结\n\n## 一、主要成绩\n\n今年我们完成了**全部任务**。\n\n## 二、明年打算\n\n继续努力。\n"
    doc = read(text)
    assert codes(doc, "sniffed-markdown")
    assert doc.title == "年度工作总结"
    assert [t for _, _, t in outline(doc)] == ["一、主要成绩", "二、明年打算"]
    assert "#" not in document_text(doc) and "*" not in document_text(doc)


def test_arabic_numeral_piece_labels():
    text = "汇编\n（3篇）\n" + "".join(f"（{i}）\n第{i}篇的正文内容。\n" for i in range(1, 4))
    doc = read(text)
    assert [s.label for s in doc.speeches] == ["（1）", "（2）", "（3）"]
    assert codes(doc, "count")[0].severity == "info"


def test_a_text_exports_tables_are_bounded_by_max_table_cells(monkeypatch):
    """The cells of tab-separated tables count against ``max_table_cells``, as a Word
    document's do: one over fails with the limit named; exactly at it reads."""
    rows = "".join(f"第{k}项\t目标\t完成\n" for k in range(1, 5))  # 12 cells
    monkeypatch.setenv("SPEECHPRESS_LIMIT_MAX_TABLE_CELLS", "11")
    with pytest.raises(convert.limits.LimitExceeded, match="max_table_cells"):
        read(f"表格\n{rows}")
    monkeypatch.setenv("SPEECHPRESS_LIMIT_MAX_TABLE_CELLS", "12")
    assert [b for b in read(f"表格\n{rows}").blocks() if isinstance(b, Table)]
