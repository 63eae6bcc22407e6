"""The structure rules of issue 12, family by family, on small manuscripts written here
(never the corpus's wording): levels as a tree, pieces only on piece evidence, title
blocks, unnumbered lead series, unnumbered section titles, more ordinal forms, lines and
paragraphs — and the general rules shared with the Word reader (form fields, list items,
empty numbers, chapter titles that are not authors)."""

from __future__ import annotations

import pytest

from convert.chars import BULLETS, HAN_RE, SYMBOL_BULLETS, count
from convert.model import Heading, Note, Paragraph, Run, content_chars, document_text
from convert.readers.base import ReadOptions
from convert.readers.markdown import READER as MD
from convert.readers.ordinals import LAST, match_ordinal
from convert.readers.paragraphs import clean_runs, merge_runs
from convert.readers.text import READER as TXT


def txt(text: str, explain: bool = False):
    return TXT.read(text.encode("utf-8"), ReadOptions(source="t.txt", explain=explain))


def md(text: str, explain: bool = False):
    return MD.read(text.encode("utf-8"), ReadOptions(source="t.md", explain=explain))


def heads(doc) -> list[tuple[int, bool, str]]:
    return [(b.level, b.run_in, b.text) for s in doc.speeches for b in s.blocks if isinstance(b, Heading)]


def levels(doc) -> dict[str, int]:
    """Heading level by the heading's first four characters."""
    return {t[:4]: lv for lv, _, t in heads(doc)}


def paras(doc) -> list[Paragraph]:
    return [b for b in doc.blocks() if isinstance(b, Paragraph)]


def notes(doc, kind: str | None = None) -> list[Note]:
    return [b for b in doc.blocks() if isinstance(b, Note) and (kind is None or b.kind == kind)]


BODY = "这一段是正文，讲的是具体的工作安排和落实要求，内容比较充实，读起来有头有尾。"


# --- 1. levels: a tree with the usual precedence as prior -----------------------------


def test_markup_levels_a_piece_skips_leave_no_gap_in_the_outline():
    """## parts and #### sections (a blog skipping ###): the sections are level 2 under
    their part, not level 3 under nothing."""
    doc = md(f"# 讲话\n\n## 一、总体要求\n\n{BODY}\n\n#### （一）加强学习\n\n{BODY}\n\n## 二、工作安排\n\n{BODY}\n")
    assert heads(doc) == [(1, False, "一、总体要求"), (2, False, "（一）加强学习"), (1, False, "二、工作安排")]


def test_speakers_tagged_in_square_brackets_open_turns_not_leads():
    """【主持人】…, 【嘉宾一】…: a transcript's turns, however alike their first sentences
    (they open with the same tag form and end the same way); never lead sentences."""
    turns = [
        "【主持人】欢迎各位。今天我们围绕社区养老服务这个话题，请几位嘉宾谈谈各自的看法和做法。",
        "【嘉宾一】谢谢主持人。我们街道去年建成了三个日间照料中心，老人们反映很好，下一步还要扩大覆盖面。",
        "【嘉宾二】我补充两句。社区养老关键在人，护理员队伍不稳定是我们遇到的最大难题，需要政策支持。",
        "【嘉宾三】我来谈谈资金。单靠财政投入难以为继，我们正在探索引入社会力量参与运营的办法。",
    ]
    doc = txt("\n".join(turns) + "\n")
    assert heads(doc) == []
    assert [p.text for p in paras(doc)] == turns


def test_bold_speaker_names_are_turns_of_a_transcript_not_headings():
    """**主持人：** and **张华（街道书记）：** open the turns of a transcript: the names stay
    bold in the text and are not headings; bold lead sentences elsewhere still are."""
    turns = md(f"# 座谈会实录\n\n**主持人：**{BODY}\n\n**张华（街道书记）：**{BODY}\n\n**主持人：**{BODY}\n")
    assert heads(turns) == []
    first = paras(turns)[0].runs
    assert (first[0].text, first[0].bold) == ("主持人：", True)
    leads = md(f"# 讲话\n\n**抓好学习。**{BODY}\n\n**抓好落实。**{BODY}\n")
    assert [t for _, _, t in heads(leads)] == ["抓好学习。", "抓好落实。"]


def test_precedence_not_order_of_appearance():
    """The first top-level ordinal was lost: the sub-items that come first still sit
    under the level-1 scheme that appears later."""
    doc = txt(
        f"各位同志：\n{BODY}\n（一）甲项任务\n{BODY}\n（二）乙项任务\n{BODY}\n二、下一阶段\n{BODY}\n"
        f"（一）丙项任务\n{BODY}\n（二）丁项任务\n{BODY}\n三、再下一阶段\n{BODY}\n"
    )
    lv = levels(doc)
    assert lv["二、下一"] == 1 and lv["三、再下"] == 1
    assert lv["（一）丙"] == 2


def test_lost_first_ordinal_is_recovered():
    doc = txt(
        f"工作方案\n{BODY}\n总体安排\n{BODY}\n（一）甲项任务\n{BODY}\n（二）乙项任务\n{BODY}\n二、保障措施\n{BODY}\n三、工作要求\n{BODY}\n"
    )
    lv = levels(doc)
    assert lv["总体安排"] == 1 and lv["二、保障"] == 1
    assert lv["（一）甲"] == 2


def test_same_scheme_at_two_depths():
    doc = txt(
        f"一、第一部分\n1.甲\n{BODY}\n2.乙\n{BODY}\n二、第二部分\n（一）分项\n{BODY}\n1.丙\n{BODY}\n2.丁\n{BODY}\n"
        f"（二）又一分项\n{BODY}\n"
    )
    h = heads(doc)
    assert [(lv, t) for lv, _, t in h] == [
        (1, "一、第一部分"),
        (2, "1.甲"),
        (2, "2.乙"),
        (1, "二、第二部分"),
        (2, "（一）分项"),
        (3, "1.丙"),
        (3, "2.丁"),
        (2, "（二）又一分项"),
    ]


def test_shi_leads_sit_under_their_container():
    doc = txt(
        f"一、总的要求\n一是抓学习。{BODY}\n二是抓落实。{BODY}\n二、具体任务\n（一）第一项工作\n"
        f"一是建机制。{BODY}\n二是强保障。{BODY}\n（二）第二项工作\n{BODY}\n"
    )
    h = heads(doc)
    assert (2, True, "一是抓学习。") in h and (3, True, "一是建机制。") in h
    assert (1, False, "二、具体任务") in h


def test_a_numbered_list_under_a_first_second_title_sits_under_it():
    """第一，/第二， set as titles on their own lines are the speech's sections: the 1. 2.
    points under the third are its sub-headings, not siblings of it. Run in, 第一， is a
    lead inside its container and the ranked scheme closes it, as before."""
    doc = txt(
        f"同事们：\n第一，回顾过去的一年\n{BODY}\n第二，看清今年的形势\n{BODY}\n"
        f"第三，抓好今年的工作\n今年要做好三件事：\n1.抓销售。{BODY}\n2.抓研发。{BODY}\n"
        f"3.抓队伍。{BODY}\n"
    )
    assert [(lv, t) for lv, _, t in heads(doc)] == [
        (1, "第一，回顾过去的一年"),
        (1, "第二，看清今年的形势"),
        (1, "第三，抓好今年的工作"),
        (2, "1.抓销售。"),
        (2, "2.抓研发。"),
        (2, "3.抓队伍。"),
    ]
    doc = txt(
        f"各位同志：\n一、总体要求\n第一，要提高认识。{BODY}\n第二，要加强领导。{BODY}\n"
        f"（一）分项任务\n{BODY}\n（二）又一分项\n{BODY}\n二、保障措施\n{BODY}\n"
    )
    assert [(lv, t) for lv, _, t in heads(doc)][-3:] == [
        (2, "（一）分项任务"),
        (2, "（二）又一分项"),
        (1, "二、保障措施"),
    ]


def test_numbered_titles_set_in_square_brackets_head_sections():
    """A sharing site's section titles in brackets (【一、统一思想】 over its text): numbered
    section titles, never joined to the text under them (all three were joined, and then
    the brackets made them tags of nothing). A tag without a number stays a note."""
    doc = txt(
        f"讲话\n\n同志们：\n【一、统一思想，提高认识】\n{BODY}\n【二、突出重点，狠抓落实】\n{BODY}\n"
        f"〖三、强化保障〗\n{BODY}\n【案例】\n{BODY}\n"
    )
    assert heads(doc) == [
        (1, False, "【一、统一思想，提高认识】"),
        (1, False, "【二、突出重点，狠抓落实】"),
        (1, False, "〖三、强化保障〗"),
    ]
    assert [p.text for p in paras(doc)].count(BODY) == 4


def test_bare_numerals_head_sections():
    doc = txt(f"一\n{BODY}\n二\n{BODY}\n三\n{BODY}\n")
    assert heads(doc) == [(1, False, "一"), (1, False, "二"), (1, False, "三")]
    assert len(doc.speeches) == 1  # sections, not pieces


def test_nesting_evidence_overrides_the_prior():
    """This document puts 一、 under （一）, again and again: its own nesting wins."""
    doc = txt(
        f"（一）上篇\n一、甲\n{BODY}\n二、乙\n{BODY}\n（二）中篇\n一、丙\n{BODY}\n二、丁\n{BODY}\n"
        f"（三）下篇\n一、戊\n{BODY}\n二、己\n{BODY}\n"
    )
    lv = {t: lv for lv, _, t in heads(doc)}
    assert lv["（一）上篇"] == 1 and lv["（三）下篇"] == 1
    assert lv["一、丙"] == 2 and lv["二、己"] == 2


def test_vocative_closes_sub_sections():
    doc = txt(
        f"一、回顾\n（一）成绩\n{BODY}\n（二）不足\n{BODY}\n同志们！\n"
        f"抓好基层党建。{BODY}\n强化作风建设。{BODY}\n加强队伍管理。{BODY}\n"
    )
    h = heads(doc)
    assert [(lv, t) for lv, ri, t in h if ri] == [(2, "抓好基层党建。"), (2, "强化作风建设。"), (2, "加强队伍管理。")]


def test_an_address_before_a_comma_closes_sub_sections_too():
    """各位代表，我们将继续办好十件实事。 then 1. 2.: the address opens a new part of the
    report, as 各位代表！ does — its points sit under the top-level section, not under the
    last sub-section (they were one level too deep)."""
    doc = txt(
        f"各位代表：\n一、今年的任务\n（一）抓发展\n{BODY}\n（二）惠民生\n{BODY}\n"
        f"各位代表，今年我们将继续办好以下几件民生实事。\n1.教育方面。{BODY}\n2.医疗方面。{BODY}\n"
        f"二、政府自身建设\n{BODY}\n"
    )
    lv = levels(doc)
    assert lv["1.教育"] == 2 and lv["2.医疗"] == 2 and lv["（二）惠"] == 2


# --- 2. pieces need piece evidence ---------------------------------------------------------


def test_numbered_section_titles_are_not_pieces():
    doc = txt(f"年度工作报告\n一　过去一年的工作\n{BODY}\n二　今年的主要任务\n{BODY}\n")
    assert len(doc.speeches) == 1
    assert [t for _, _, t in heads(doc)] == ["一　过去一年的工作", "二　今年的主要任务"]


def test_numbered_sections_between_markdown_rules_are_not_pieces():
    """A post that sets a rule (---) before each numbered section (## 一、…) holds one
    speech with three sections; unnumbered titles after rules stay pieces."""
    sections = ["一、认清形势", "二、抓好落实", "三、加强领导"]
    text = "# 在全市工作会议上的讲话\n\n同志们：\n\n" + "".join(f"---\n\n## {h}\n\n{BODY}\n\n" for h in sections)
    doc = md(text)
    assert len(doc.speeches) == 1 and [h[2] for h in heads(doc)] == sections
    talks = "".join(f"---\n\n## 在{w}会议上的讲话\n\n{BODY}\n\n" for w in ("春季", "秋季"))
    assert len(md("# 讲话选编\n\n" + talks).speeches) == 2


def test_numbered_titles_with_dates_are_pieces():
    doc = txt(f"两次谈话\n一　三月五日的谈话\n{BODY}\n二　四月九日的谈话\n{BODY}\n")
    assert [(s.label, s.title) for s in doc.speeches] == [("一", "三月五日的谈话"), ("二", "四月九日的谈话")]


def test_title_and_date_pairs_are_pieces():
    doc = txt(f"座谈会上的讲话\n开场白\n（二〇二三年五月二日）\n{BODY}\n总结\n（二〇二三年五月九日）\n{BODY}\n")
    assert [(s.title, s.date) for s in doc.speeches] == [
        ("开场白", "（二〇二三年五月二日）"),
        ("总结", "（二〇二三年五月九日）"),
    ]


def test_titles_over_dash_subtitles_are_pieces_of_a_collection():
    """A compilation of several speakers' talks: each piece opens with its title over a
    dash subtitle naming the speaker; one such pair under the document title is a single
    speech's own title block."""
    piece = (
        "学用结合 推动发展\n——{}同志在学习会上的研讨发言\n" + f"{BODY}\n一、深化学习\n{BODY}\n二、推动落实\n{BODY}\n"
    )
    doc = txt("学习研讨发言汇编\n\n" + "".join(piece.format(n) for n in ("张三", "李四", "王五")))
    assert doc.title == "学习研讨发言汇编" and doc.author is None
    assert [(s.title, s.subtitle) for s in doc.speeches] == [
        ("学用结合 推动发展", f"——{n}同志在学习会上的研讨发言") for n in ("张三", "李四", "王五")
    ]
    assert [len(list(s.headings())) for s in doc.speeches] == [2, 2, 2]
    single = txt(piece.format("张三"))
    assert (single.title, single.subtitle, len(single.speeches)) == (
        "学用结合 推动发展",
        "——张三同志在学习会上的研讨发言",
        1,
    )


@pytest.mark.parametrize("bold", ["**", ""])
def test_talks_signed_with_unit_and_name_under_their_titles_are_pieces(bold):
    """A compilation of exchange talks: each under its title signed with the speaker's unit
    and name (县水利局　赵某). In Markdown the signature is often bold: a signature, not a
    section title (every such bold line was a level-2 heading and the talks one speech).
    A bold line of two phrases (奋斗　青春) is still a title."""
    talks = [
        ("守住初心　干在实处", "县水利局　赵某"),
        ("青春在一线闪光", "某某镇党委　钱某"),
        ("把论文写在田野上", "县农技推广中心　孙某"),
    ]
    text = "# 交流发言材料汇编\n\n" + "".join(
        f"## {t}\n\n{bold}{who}{bold}\n\n{BODY}\n\n{BODY}\n\n" for t, who in talks
    )
    for doc in (md(text), txt(text.replace("#", "").replace("*", ""))):
        assert doc.title == "交流发言材料汇编"
        assert [(s.title, s.author) for s in doc.speeches] == talks
        assert not list(doc.speeches[0].headings())
    sections = md(f"# 讲话\n\n**奋斗　青春**\n\n{BODY}\n\n**学习　成长**\n\n{BODY}\n")
    assert [t for _, _, t in heads(sections)] == ["奋斗　青春", "学习　成长"]


def test_labels_with_titles_are_pieces_and_labels_alone_with_body_are_not():
    collection = txt(f"文集\n（一）\n春季工作会上的讲话\n{BODY}\n（二）\n秋季工作会上的讲话\n{BODY}\n")
    assert [(s.label, s.title) for s in collection.speeches] == [
        ("（一）", "春季工作会上的讲话"),
        ("（二）", "秋季工作会上的讲话"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [("篇一：", "篇二："), ("【篇一】", "【篇二】"), ("范文一 ", "范文二 "), ("材料1：", "材料2：")],
)
def test_labels_naming_a_piece_before_its_title_split_a_collection(first, second):
    """A sharing site's collection labels each piece on its title's line (篇一：…,
    【篇一】…, 范文一 …): one piece each, the label and title apart; the collection's
    title keeps its count and is never joined to the first piece's line."""
    text = (
        f"组织生活会发言材料（2篇）\n{first}在支部组织生活会上的发言\n同志们：\n{BODY}\n一、存在的问题\n{BODY}\n"
        f"二、整改措施\n{BODY}\n{second}在专题民主生活会上的发言\n同志们：\n{BODY}\n一、存在的问题\n{BODY}\n"
        f"二、整改措施\n{BODY}\n"
    )
    doc = txt(text)
    assert doc.title == "组织生活会发言材料（2篇）"
    assert [(s.label, s.title) for s in doc.speeches] == [
        (first.strip(), "在支部组织生活会上的发言"),
        (second.strip(), "在专题民主生活会上的发言"),
    ]
    assert content_chars(document_text(doc)) == content_chars(text)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("范文1：", "范文2："),
        ("篇一：", "篇二："),
        ("【范文１】", "【范文２】"),
        ("讲话稿一：", "讲话稿二："),
        ("【精选篇1】", "【精选篇2】"),
    ],
)
def test_a_collection_without_a_name_opens_with_its_first_labelled_piece(first, second):
    """A reposted collection with no name of its own, its first line a labelled piece's
    title (范文1：在某某会上的讲话 … 范文2：…): no document title, one piece per label; a
    lone title with such a label and no second piece is the title still."""
    text = (
        f"{first}在全镇防汛工作会议上的讲话\n同志们：\n{BODY}\n一、思想上要高度重视\n{BODY}\n二、措施上要落实到位\n"
        f"{BODY}\n{second}在全镇秋收工作会议上的讲话\n同志们：\n{BODY}\n一、抓好组织\n{BODY}\n二、抓好服务\n{BODY}\n"
    )
    doc = txt(text)
    assert doc.title is None
    assert [(s.label, s.title) for s in doc.speeches] == [
        (first, "在全镇防汛工作会议上的讲话"),
        (second, "在全镇秋收工作会议上的讲话"),
    ]
    assert [[h.text for h in s.blocks if isinstance(h, Heading)] for s in doc.speeches] == [
        ["一、思想上要高度重视", "二、措施上要落实到位"],
        ["一、抓好组织", "二、抓好服务"],
    ]
    assert content_chars(document_text(doc)) == content_chars(text)
    alone = txt(f"{first}在全镇防汛工作会议上的讲话\n同志们：\n{BODY}\n")
    assert alone.title == f"{first}在全镇防汛工作会议上的讲话" and len(alone.speeches) == 1


@pytest.mark.parametrize("marker", ["1. ", "- "])
def test_a_markdown_list_of_points_each_led_by_a_bold_sentence(marker):
    """A Markdown list whose every item opens with a bold sentence over a paragraph of
    prose lists the speech's points: run-in headings (numbered or not), the prose their
    paragraphs. A list of short bold labels, or one with an item that has no lead, stays
    a list."""
    points = ["守住安全底线。", "提升服务质量。", "加强队伍建设。"]
    items = "\n".join((f"{k}. " if marker == "1. " else marker) + f"**{t}**{BODY}" for k, t in enumerate(points, 1))
    doc = md(f"# 在年度工作会议上的发言\n\n各位同事：\n\n{items}\n\n谢谢大家！\n")
    want = [f"{k}.{t}" if marker == "1. " else t for k, t in enumerate(points, 1)]
    assert heads(doc) == [(1, True, t) for t in want]
    assert [p.text for p in paras(doc) if p.role == "body"] == [BODY] * 3
    short = md("# 会议须知\n\n- **时间：**上午九点\n- **地点：**三楼会议室\n")
    assert heads(short) == [] and [p.role for p in paras(short)] == ["list_item", "list_item"]
    mixed = items.replace(f"**{points[1]}**", points[1])
    doc = md(f"# 在年度工作会议上的发言\n\n{mixed}\n")
    assert heads(doc) == [] and {p.role for p in paras(doc)} == {"list_item"}


@pytest.mark.parametrize("named", [True, False])
def test_parts_between_rule_lines_each_opening_with_a_title_are_pieces(named):
    """A site's collection separated by ****** lines, each part a title over its
    salutation: one piece each (with or without the collection's name over them); a rule
    inside one speech, or parts that do not all open with a title, divide nothing."""
    parts = [
        ("国旗下讲话：珍惜时间", "同学们："),
        ("国旗下讲话：学会感恩", "老师们，同学们："),
        ("国旗下讲话：文明礼仪", "亲爱的同学们："),
    ]
    body = "\n\n**********\n\n".join(f"{t}\n{g}\n{BODY}\n谢谢大家！" for t, g in parts)
    doc = txt(("国旗下讲话稿选编\n\n" if named else "") + body + "\n")
    assert doc.title == ("国旗下讲话稿选编" if named else None)
    assert [s.title for s in doc.speeches] == [t for t, _ in parts]
    bare = txt(("国旗下讲话稿选编\n\n" if named else "") + body.replace("**********\n\n", "") + "\n")
    assert [s.title for s in bare.speeches] == [t for t, _ in parts]  # no rules: the salutations tell
    hello = "\n\n**********\n----------\n\n".join(f"{t}\n同学们，大家好！\n{BODY}" for t, _ in parts)  # rules in a row
    assert [s.title for s in txt(hello + "\n").speeches] == [t for t, _ in parts]
    letter = txt(
        f"在全校安全教育大会上的讲话\n老师们、同学们：\n{BODY}\n一、认清形势\n{BODY}\n二、落实措施\n"
        f"学校给家长写了一封信，内容如下：\n致全校学生家长的一封信\n尊敬的家长朋友们：\n{BODY}\n三、压实责任\n{BODY}\n"
    )  # a letter quoted in a speech: no piece of a collection
    assert letter.title == "在全校安全教育大会上的讲话" and len(letter.speeches) == 1
    assert [h[2] for h in heads(letter)] == ["一、认清形势", "二、落实措施", "三、压实责任"]
    one = txt(f"在开学典礼上的讲话\n同学们：\n{BODY}\n**********\n{BODY}\n")
    assert len(one.speeches) == 1
    loose = body.replace("国旗下讲话：学会感恩\n", "").replace("国旗下讲话：文明礼仪\n", "")  # one title left
    assert len(txt(("国旗下讲话稿选编\n\n" if named else "") + loose + "\n").speeches) == 1


@pytest.mark.parametrize("mark", ["## {}", "**{}**"])
def test_piece_labels_in_markdown_headings_or_bold_lines(mark):
    """The same collection posted as Markdown: 篇一：… as a heading or a bold line still
    opens a piece, and the collection's title with its count is never a banner."""
    pieces = [("篇一：", "在支部组织生活会上的发言"), ("篇二：", "在专题民主生活会上的发言")]
    body = "\n\n".join(x for label, title in pieces for x in (mark.format(label + title), "同志们：", BODY, BODY))
    doc = md(f"组织生活会发言材料（2篇）\n\n{body}\n")
    assert doc.title == "组织生活会发言材料（2篇）"
    assert [(s.label, s.title) for s in doc.speeches] == pieces


def test_a_part_numbered_by_pian_with_a_plain_title_is_a_heading():
    """第一篇　总论 in a report without a count is a part heading, not a piece."""
    text = f"年度工作报告\n第一篇　总体情况\n{BODY}\n第二篇　分项情况\n{BODY}\n"
    assert len(txt(text).speeches) == 1


def test_table_of_contents_splits_collection_and_is_dropped():
    text = (
        "年度讲话汇编\n目　录\n在春季会议上的讲话……………………1\n在秋季会议上的讲话……………………5\n"
        f"在春季会议上的讲话\n{BODY}\n在秋季会议上的讲话\n{BODY}\n"
    )
    doc = txt(text)
    assert [s.title for s in doc.speeches] == ["在春季会议上的讲话", "在秋季会议上的讲话"]
    dropped = [d for d in doc.diagnostics if d.code == "toc"]
    assert len(dropped) == 3  # two entries and the 目录 line, each reported
    assert "……" not in document_text(doc) and doc.author is None


@pytest.mark.parametrize("reader", ["txt", "md"])
def test_a_table_of_contents_typed_as_a_list_splits_the_collection_and_is_kept_as_notes(reader):
    """目录 over a list without leaders or page numbers (1. 标题（讲者）): kept, as editorial
    notes, and the talks it lists start where their titles come again — the list was a
    numbered series of level-1 headings and every talk one speech under the last. A list
    under 目录 whose lines do not come again is left alone."""
    titles = ["守住初心干在实处", "青春在一线闪光", "把论文写在田野上"]
    toc = "".join(f"{n}. {t}（{who}）\n" for n, t, who in zip("123", titles, ("赵某", "钱某", "孙某"), strict=True))
    body = "".join(f"{t}\n{BODY}\n{BODY}\n" for t in titles)
    if reader == "md":
        doc = md(f"# 交流发言汇编\n\n## 目录\n\n{toc}\n" + body.replace(titles[0], "## " + titles[0], 1))
    else:
        doc = txt(f"交流发言汇编\n目　录\n{toc}{body}")
    assert [s.title for s in doc.speeches] == [None, *titles]
    front = doc.speeches[0].blocks
    assert all(isinstance(b, Note) for b in front) and len(front) == 4
    assert all(not list(s.headings()) for s in doc.speeches)
    alone = txt(f"学习材料\n目录\n学习原文\n交流体会\n{BODY}\n{BODY}\n")
    assert not any(isinstance(b, Note) for s in alone.speeches for b in s.blocks)


@pytest.mark.parametrize("numbered", [True, False])
def test_a_table_of_contents_of_one_speechs_sections_makes_no_pieces(numbered):
    """A long report's 目录 lists its own sections (一、过去五年的工作 …, or unnumbered
    after the salutation): one speech, the listed lines its section titles."""
    sections = ["过去五年的工作回顾", "今后五年的目标任务", "全面加强党的建设"]
    if numbered:
        sections = [f"{n}、{t}" for n, t in zip("一二三", sections, strict=True)]
    toc = "".join(f"{t}……………………{p}\n" for t, p in zip(sections, (1, 5, 9), strict=True))
    text = f"中共某某市委工作报告\n目录\n{toc}同志们：\n{BODY}\n" + "".join(f"{t}\n{BODY}\n" for t in sections)
    doc = txt(text)
    assert len(doc.speeches) == 1
    assert [h[2] for h in heads(doc)] == sections


def test_form_fields_are_never_pieces():
    doc = txt(f"活动方案\n联系人：\n张三\n日期：\n二〇二四年三月\n甲方：\n某某公司\n{BODY}\n")
    assert len(doc.speeches) == 1 and all(s.label is None for s in doc.speeches)


# --- 3. title blocks -------------------------------------------------------------------------


def test_breadcrumb_is_a_note_not_the_title():
    doc = txt(f"某某文库 -> 某某文集\n关于学习的几点体会\n（二〇二〇年一月）\n{BODY}\n")
    assert doc.title == "关于学习的几点体会" and doc.date == "（二〇二〇年一月）"
    assert [n.text for n in notes(doc, "editorial")] == ["某某文库 -> 某某文集"]
    assert content_chars(document_text(doc)).count("文库") == 1


def test_site_banner_above_the_title_is_a_note():
    doc = txt(f"某某范文网，海量材料免费下载！立即体验\n\n关于加强作风建设的几点思考\n\n{BODY}\n")
    assert doc.title == "关于加强作风建设的几点思考"
    assert [n.text for n in notes(doc, "editorial")] == ["某某范文网，海量材料免费下载！立即体验"]
    assert content_chars(document_text(doc)).count("范文网") == 1


def test_a_public_accounts_page_around_the_post_is_notes():
    """Text copied from a public account's page: its head (原创 作者 号名 date time 发表于…,
    收录于合集, #话题 N个) over the title and its foot (—END—, 分享 收藏 点赞 在看) under
    the talk are the page's, set apart as notes. The head was the title (joined with
    收录于合集), the real title a paragraph, and the action bar the talk's signature."""
    doc = txt(
        "原创 某某 某某市发布 2026-05-06 19:45 发表于湖北\n收录于合集\n#讲话全文 12个\n\n"
        f"在全市招商引资大会上的讲话\n\n同志们：\n{BODY}\n一、抓项目\n{BODY}\n二、优环境\n{BODY}\n"
        "- END -\n编辑：某某\n分享 收藏 点赞 在看\n"
    )
    assert doc.title == "在全市招商引资大会上的讲话"
    assert [t for _, _, t in heads(doc)] == ["一、抓项目", "二、优环境"]
    page = [n.text for n in notes(doc, "editorial")]
    assert page[:3] == ["原创某某某某市发布 2026-05-06 19:45 发表于湖北", "收录于合集", "#讲话全文 12个"]
    assert page[3:] == ["- END -", "编辑：某某", "分享收藏点赞在看"]  # spaces between Han characters go
    assert not [p for p in paras(doc) if p.role == "signature"]


def test_a_transcript_without_punctuation_keeps_its_spaces_and_its_lines():
    """A recording's transcript separates its phrases with spaces and its sentences with
    line breaks, no punctuation at all. Its spaces are kept (they were removed as a PDF's
    stray spaces, running the phrases together), each line stays a paragraph (all were
    one), the address is its greeting and 第一个 its points (the address was the author,
    a spaced line read as a name)."""
    phrase = "大家要珍惜这次机会 认真学习 把学到的东西用到工作中去"
    text = (
        "在培训班开班式上的讲话\n\n各位学员 同志们\n"
        + "".join(f"{phrase}\n" for _ in range(2))
        + "".join(
            f"第{n}个 要{t}\n{phrase} 不负组织的期望\n" for n, t in zip("一二三", ("端正态度", "严守纪律", "学用结合"))
        )
        + "最后 预祝培训班圆满成功 谢谢大家\n"
    )
    doc = txt(text)
    assert doc.author is None
    assert paras(doc)[0].role == "greeting"
    assert [t for _, _, t in heads(doc)] == ["第一个 要端正态度", "第二个 要严守纪律", "第三个 要学用结合"]
    assert [p.text for p in paras(doc)][1:3] == [phrase, phrase]
    assert any(d.code == "spaced-phrases" for d in doc.diagnostics)
    punctuated = txt("讲话\n\n同志们：\n今 天 我 们 召 开 会 议，研 究 部 署 工 作。\n")
    assert "今天我们召开会议" in document_text(punctuated)  # a PDF's stray spaces still go


def test_a_titleless_talk_keeps_its_opening_lines():
    # a greeting, or a sentence of the talk, over a short line is no banner over a title
    for first in ("各位领导，同志们", "今天的会议很重要，请大家认真记录。"):
        doc = txt(f"{first}\n\n关于作风建设\n\n{BODY}\n")
        assert notes(doc, "editorial") == [], first
        assert first.rstrip("。") in document_text(doc)


def test_provenance_line_is_a_note():
    doc = txt(f"关于学习的几点体会\n{BODY}\n文章来源：某某网站\n")
    assert [n.text for n in notes(doc, "editorial")] == ["文章来源：某某网站"]


def test_a_dated_dash_subtitle_is_the_subtitle_and_never_glued_to_the_speaker():
    """A work report's subtitle opens with its date (——2025年2月8日在…上): it is the
    subtitle, not text joined to the speaker's line under it. With a source line between
    the title and it, the lines stay in the manuscript's order, each a line of its own."""
    text = f"全县政府工作报告\n——2025年2月8日在县人民代表大会上\n县长 周明\n各位代表：\n{BODY}\n"
    doc = txt(text)
    assert (doc.title, doc.subtitle, doc.author) == (
        "全县政府工作报告",
        "——2025年2月8日在县人民代表大会上",
        "县长 周明",
    )
    noted = txt(text.replace("\n——", "\n来源：县融媒体中心\n——", 1))
    assert [b.text for b in noted.blocks()][:3] == [
        "来源：县融媒体中心",
        "——2025年2月8日在县人民代表大会上",
        "县长 周明",
    ]
    assert content_chars(document_text(noted)) == content_chars(text.replace("\n——", "\n来源：县融媒体中心\n——", 1))


def test_a_title_in_two_phrases_over_its_dash_subtitle():
    """A congress report's title set as two phrases on two lines, then its dash subtitle,
    date and speaker: one title, the phrases kept apart by a full-width space. Over a
    collection's pieces (the second line and a dash subtitle recur) it is not joined."""
    head = "团结一心　砥砺前行\n全力开创高质量发展新局面\n——在中国共产党某某区第九次代表大会上的报告\n（2026年6月3日）\n周　平\n"
    doc = txt(head + f"同志们：\n{BODY}\n")
    assert (doc.title, doc.subtitle, doc.author, doc.date) == (
        "团结一心　砥砺前行　全力开创高质量发展新局面",
        "——在中国共产党某某区第九次代表大会上的报告",
        "周　平",
        "（2026年6月3日）",
    )
    collection = (
        "年度讲话选编\n在春季会议上的讲话\n——三月一日\n" + BODY + "\n在秋季会议上的讲话\n——九月一日\n" + BODY + "\n"
    )
    assert txt(collection).title == "年度讲话选编"


def test_dash_subtitle_of_hyphens():
    """A subtitle typed with four hyphens (----2025年…) is a dash subtitle too."""
    doc = txt(f"全区政府工作报告\n----2026年1月9日在区人民代表大会上\n各位代表：\n{BODY}\n")
    assert doc.subtitle == "----2026年1月9日在区人民代表大会上"


def test_an_editors_remark_under_the_title_is_never_joined_to_it():
    """（根据录音整理） under a long title is a note of its own, not the title's end."""
    doc = txt(f"在集团公司二〇二六年度战略沟通会议上的讲话\n（根据录音整理）\n各位同事：\n{BODY}\n")
    assert doc.title == "在集团公司二〇二六年度战略沟通会议上的讲话"
    assert [n.text for n in notes(doc, "editorial")] == ["（根据录音整理）"]


def test_the_occasion_without_a_dash_is_the_subtitle():
    """An older report's occasion in brackets, or a date and 在…上 without the dash, is
    the subtitle, and the speaker under it the author."""
    for occasion in ("（2026年1月10日在县人民代表大会第六次会议上）", "2026年1月10日在县人民代表大会第六次会议上"):
        doc = txt(f"县人民政府工作报告\n{occasion}\n县长　钱进\n各位代表：\n{BODY}\n")
        assert (doc.title, doc.subtitle, doc.author) == ("县人民政府工作报告", occasion, "县长　钱进")


def test_a_date_in_numerals_under_the_title_is_the_date_not_a_unit():
    """（一九四二年五月） under a title, over a piece title set with spaces: the date, never
    a unit line taken for the speaker."""
    doc = txt(
        f"在座谈会上的讲话\n（一九四二年五月）\n引　　言\n（一九四二年五月二日）\n{BODY}\n结　　论\n（一九四二年五月二十三日）\n{BODY}\n"
    )
    assert (doc.author, doc.date) == (None, "（一九四二年五月）")


def test_the_body_that_reports_under_the_subtitle_is_the_author():
    doc = txt(f"关于全县财政预算执行情况的报告\n——在县人民代表大会第六次会议上\n县财政局领导班子\n各位代表：\n{BODY}\n")
    assert doc.author == "县财政局领导班子"
    outline = "一、工作进展\n（一）完善制度\n（二）强化督查\n二、下步打算\n（一）抓好宣传\n（二）抓好培训\n"
    for unit in (
        "县农业农村局",
        "省教育厅",
        "县委办公室",
        "（市场营销部）",
        "（第二党支部　张某）",
        "（发言人：张某）",
    ):
        doc = txt(f"在全县春耕生产工作会议上的发言提纲\n{unit}\n{outline}")
        assert doc.author == unit and heads(doc)[0] == (1, False, "一、工作进展")
    for phrase in ("服务发展大局", "打开工作新局", "优化营商格局", "（讨论稿）", "（全体干部）"):  # no bureau
        doc = txt(f"在全县春耕生产工作会议上的发言提纲\n{phrase}\n{outline}")
        assert doc.author is None, phrase


def test_a_speaker_line_is_never_joined_to_a_long_title():
    """A title long enough to look wrapped, ending as titles do, keeps its speaker line apart."""
    doc = txt(f"在二〇二六年全县经济工作会议上的讲话\n县委书记　孙强\n2026年1月5日\n同志们：\n{BODY}\n")
    assert (doc.title, doc.author, doc.date) == (
        "在二〇二六年全县经济工作会议上的讲话",
        "县委书记　孙强",
        "2026年1月5日",
    )


def test_a_byline_set_as_a_quote_under_the_title():
    """A blog sets the speaker and the date under the title as a quote: they are the byline;
    a quoted saying there is not (it stays in the text, as the note under the title)."""
    doc = md(f"# 在年度总结会上的讲话\n\n> 局长 郑华\n>\n> 2026年1月5日\n\n{BODY}\n")
    assert (doc.author, doc.date) == ("局长 郑华", "2026年1月5日")
    assert [p.text for p in paras(doc)] == [BODY]
    kept = md(f"# 在年度总结会上的讲话\n\n> 行百里者半九十。\n\n{BODY}\n")
    assert kept.author is None and kept.date is None
    assert "行百里者半九十。" in [b.text for b in kept.blocks() if isinstance(b, Note)]


def test_front_matter_title_and_date():
    doc = md(f"---\ntitle: 在开学典礼上的讲话\ndate: 2021-09-01\nlayout: post\n---\n\n{BODY}\n")
    assert doc.title == "在开学典礼上的讲话" and doc.date == "2021-09-01"
    assert [p.text for p in paras(doc)] == [BODY]


def test_a_posts_bold_title_block_under_the_sites_banner():
    """A reposted speech whose title, speaker and date are bold lines under a site's
    banner: the banner is a note above the title, the bold lines the title block (not
    headings), the editors' credits and the site's list of more posts at the foot notes."""
    text = "\n\n".join(
        [
            "欢迎关注本号",
            "![](https://example.org/banner.png)",
            "**在全区安全生产工作会议上的讲话**",
            "**区长　何建新**",
            "**（2026年2月3日）**",
            "同志们：",
            BODY,
            "**一、认清形势**",
            BODY,
            "**二、压实责任**",
            BODY,
            "责任编辑：赵一",
            "审核：钱二",
            "**推荐阅读**",
            "[全区召开春季防火工作会](https://example.org/1)",
            "[区委常委会专题研究安全生产](https://example.org/2)",
        ]
    )
    doc = md(text + "\n")
    assert (doc.title, doc.author, doc.date) == ("在全区安全生产工作会议上的讲话", "区长　何建新", "（2026年2月3日）")
    assert heads(doc) == [(1, False, "一、认清形势"), (1, False, "二、压实责任")]
    assert [n.text for n in notes(doc, "editorial")] == [
        "欢迎关注本号",
        "责任编辑：赵一",
        "审核：钱二",
        "推荐阅读",
        "全区召开春季防火工作会",
        "区委常委会专题研究安全生产",
    ]
    assert [p.text for p in paras(doc)] == ["同志们：", BODY, BODY, BODY]


def test_a_banner_line_over_a_plain_text_title_block():
    """In plain text, a short line over a speech's title, speaker and date is the site's
    banner (a note), not the title's first line; a long title broken in two still joins."""
    doc = txt(f"欢迎关注本号\n在全区安全生产工作会议上的讲话\n区长　何建新\n同志们：\n{BODY}\n")
    assert (doc.title, doc.author) == ("在全区安全生产工作会议上的讲话", "区长　何建新")
    assert [n.text for n in notes(doc, "editorial")] == ["欢迎关注本号"]
    broken = txt(f"在全区安全生产暨应急管理工作\n会议上的讲话\n区长　何建新\n同志们：\n{BODY}\n")
    assert broken.title == "在全区安全生产暨应急管理工作会议上的讲话"
    even = txt(f"关于进一步加强基层\n党组织建设工作的报告\n\n同志们：\n{BODY}\n")  # set in two even lines
    assert even.title == "关于进一步加强基层党组织建设工作的报告"


def test_a_marking_over_the_title_and_a_draft_note_under_it():
    """内部资料　注意保存 over a speech's title and its salutation is a note above the
    title; （讨论稿）, （第三稿）, （此件公开发布） under it are editor's notes."""
    doc = txt(f"内部资料　注意保存\n\n在全市工作会议上的讲话\n\n同志们：\n{BODY}\n")
    assert doc.title == "在全市工作会议上的讲话"
    assert [n.text for n in notes(doc, "editorial")] == ["内部资料　注意保存"]
    for note in ("（讨论稿）", "（第三稿）", "（此件公开发布）"):
        doc = txt(f"在全市工作会议上的讲话\n{note}\n同志们：\n{BODY}\n")
        assert (doc.title, [n.text for n in notes(doc, "editorial")]) == ("在全市工作会议上的讲话", [note])


def test_speech_titles_over_their_salutations_split_a_collection():
    """A collection's pieces that open with a title and 同志们： (no date, no speaker) are
    pieces; the collection's name stays its title."""
    text = f"年度讲话汇编\n在春季工作会议上的讲话\n同志们：\n{BODY}\n在秋季工作会议上的讲话\n同志们：\n{BODY}\n"
    doc = txt(text)
    assert doc.title == "年度讲话汇编"
    assert [s.title for s in doc.speeches] == ["在春季工作会议上的讲话", "在秋季工作会议上的讲话"]


def test_file_name_heading_above_the_real_title():
    doc = md(f"# 讲话稿_定稿.docx\n\n关于做好年度工作的讲话\n\n{BODY}\n")
    assert doc.title == "关于做好年度工作的讲话"
    assert "讲话稿_定稿.docx" in [n.text for n in notes(doc)]


def test_a_file_name_heading_and_a_source_line_over_the_marked_title():
    """# 讲话_定稿.docx, then 来源：…, then the real # title: the first two are notes above
    the title, the title is the document's (not a piece's), the speaker under it its
    author; with front matter and no body title, the front matter's title takes the place
    of the file's name, and the speaker line under it is still the author."""
    block = f"区长　何建新\n\n同志们：\n\n## 一、认清形势\n\n{BODY}\n\n## 二、压实责任\n\n{BODY}\n"
    for front in ("", "---\ntitle: 在全区安全生产工作会议上的讲话\n---\n\n"):
        doc = md(f"{front}# 讲话_定稿.docx\n\n来源：某某区人民政府网\n\n# 在全区安全生产工作会议上的讲话\n\n{block}")
        assert (doc.title, doc.author, len(doc.speeches)) == ("在全区安全生产工作会议上的讲话", "区长　何建新", 1)
        assert [n.text for n in notes(doc)] == ["讲话_定稿.docx", "来源：某某区人民政府网"]
        assert heads(doc) == [(1, False, "一、认清形势"), (1, False, "二、压实责任")]
    doc = md(f"---\ntitle: 在全区安全生产工作会议上的讲话\n---\n\n# 讲话_定稿.docx\n\n{block}")
    assert (doc.title, doc.author) == ("在全区安全生产工作会议上的讲话", "区长　何建新")
    assert [n.text for n in notes(doc)] == ["讲话_定稿.docx"]
    bare = md(f"# 讲话_定稿.docx\n\n{block}")  # nothing else to be the title: the file's name is
    assert (bare.title, bare.author) == ("讲话_定稿.docx", "区长　何建新")


def test_a_sites_name_as_the_heading_over_the_marked_title():
    """# 某某文库 over the only ## heading, which ends as a speech's title does: the site's
    name is a note above the title, the ## the title, the bold speaker line under it the
    author, the sections (###) level 1; the site's list of related posts at the foot is
    notes. A # over several ## sections (工作总结 among them) keeps its place as the title."""
    text = (
        f"# 讲话稿文库\n\n## 在全区安全生产工作会议上的讲话\n\n**区长　何建新**\n\n同志们：\n\n"
        f"### 一、认清形势\n\n{BODY}\n\n### 二、压实责任\n\n{BODY}\n\n相关推荐：\n\n"
        "- [在全区防汛工作会议上的讲话](https://example.org/1)\n- [在全区消防工作会议上的讲话](https://example.org/2)\n"
    )
    doc = md(text)
    assert (doc.title, doc.author) == ("在全区安全生产工作会议上的讲话", "区长　何建新")
    assert heads(doc) == [(1, False, "一、认清形势"), (1, False, "二、压实责任")]
    assert [n.text for n in notes(doc, "editorial")] == [
        "讲话稿文库",
        "相关推荐：",
        "在全区防汛工作会议上的讲话",
        "在全区消防工作会议上的讲话",
    ]
    report = md(f"# 入职三个月述职\n\n## 工作总结\n\n{BODY}\n\n## 体会反思\n\n{BODY}\n")
    assert report.title == "入职三个月述职"
    assert heads(report) == [(1, False, "工作总结"), (1, False, "体会反思")]


def test_a_post_that_starts_at_h2_with_its_metadata_in_a_quote():
    """A post whose title is its one ## heading over ### sections, with the author, the
    date and the source set as a quote of three lines (作者：…/发布时间：…/来源：…): the
    ## is the title, the sections level 1, each metadata line its own field — the author,
    the date, a note."""
    text = (
        "## 在全区科技工作会议上的讲话\n\n> 作者：区长 何建新\n> 发布时间：2026-03-15\n> 来源：某某区融媒体中心\n\n"
        f"同志们：\n\n### 一、认清形势\n\n{BODY}\n\n### 二、压实责任\n\n{BODY}\n"
    )
    doc = md(text)
    assert (doc.title, doc.author, doc.date) == (
        "在全区科技工作会议上的讲话",
        "作者：区长 何建新",
        "发布时间：2026-03-15",
    )
    assert heads(doc) == [(1, False, "一、认清形势"), (1, False, "二、压实责任")]
    assert [n.text for n in notes(doc)] == ["来源：某某区融媒体中心"]
    two = md(f"## 工作总结\n\n{BODY}\n\n## 下步打算\n\n{BODY}\n")  # two at the top level: sections
    assert two.title is None and heads(two) == [(1, False, "工作总结"), (1, False, "下步打算")]


def test_form_field_labels_spread_with_spaces():
    """A cover's labels spread to one width (姓　　名：, 职　　务：) are form fields like
    姓名：: never section titles; the first byline field under the title is the author."""
    text = (
        f"机关第二党支部组织生活会\n个人对照检查材料\n\n单　　位：某某中心办公室\n姓　　名：吴某某\n"
        f"职　　务：科员\n\n{BODY}\n\n一、存在的问题\n{BODY}\n二、努力方向\n{BODY}\n"
    )
    doc = txt(text)
    assert (doc.title, doc.author) == ("机关第二党支部组织生活会个人对照检查材料", "单　　位：某某中心办公室")
    assert heads(doc) == [(1, False, "一、存在的问题"), (1, False, "二、努力方向")]
    assert [p.text for p in paras(doc)][:2] == ["姓　　名：吴某某", "职　　务：科员"]


def test_two_plain_titles_one_over_an_introduced_series():
    """Two short unpunctuated lines that each open a part (过去一年 / 新的一年) are section
    titles even when the second opens with a short paragraph that introduces a numbered
    series (重点做好三件事。/ 一要… 二要… 三要…); the series ranks under its title. A
    short line over a short paragraph with no series after it stays text."""
    long_ = "这一年，大家克服重重困难，业务量稳步增长，客户满意度明显提高，各项指标全面完成。"
    text = (
        f"在公司年会上的致辞\n\n各位同事、各位家人：\n\n过去一年\n\n{long_}\n\n{BODY}\n\n新的一年\n\n"
        f"新的一年，重点做好三件事。\n\n一要稳住基本盘。{BODY}\n\n二要开拓新市场。{BODY}\n\n"
        f"三要练好基本功。{BODY}\n\n谢谢大家！\n"
    )
    doc = txt(text)
    assert next(b.role for b in doc.speeches[0].blocks if isinstance(b, Paragraph)) == "greeting"
    assert heads(doc) == [
        (1, False, "过去一年"),
        (1, False, "新的一年"),
        (2, True, "一要稳住基本盘。"),
        (2, True, "二要开拓新市场。"),
        (2, True, "三要练好基本功。"),
    ]
    plain = (
        text.replace("\n\n一要稳住基本盘。", "\n\n稳住基本盘。")
        .replace("二要开拓新市场。", "")
        .replace("三要练好基本功。", "")
    )
    assert "新的一年" not in [t for _, _, t in heads(txt(plain))]


def test_an_official_documents_head_over_its_title():
    """GB/T 9704's head — copy number, secrecy and urgency marks, the issuer's mark, the
    document's number (with its signer), the red rule — stands above the title: notes, the
    rule layout. The title set as its issuer over 关于… is one title; the issuer and date
    signing off over a closing note (（此件公开发布）) are the signature; the bodies it is
    addressed to (各乡镇人民政府，县直各单位：) its salutation, set as a greeting is."""
    head = ["000321", "秘密★5年", "特急", "某某县人民政府办公室文件", "某政办发〔2026〕3号　　签发人：郑某"]
    text = "\n".join(
        [
            *head,
            "——————————————————",
            "某某县人民政府办公室",
            "关于做好春季森林防火工作的通知",
            "各乡镇人民政府，县直各单位：",
            BODY,
            "一、提高思想认识",
            BODY,
            "二、落实防控措施",
            BODY,
            "某某县人民政府办公室",
            "2026年3月1日",
            "（此件公开发布）",
        ]
    )
    doc = txt(text + "\n")
    assert doc.title == "某某县人民政府办公室关于做好春季森林防火工作的通知"
    assert [n.text for n in notes(doc, "editorial")] == [*head, "（此件公开发布）"]
    assert heads(doc) == [(1, False, "一、提高思想认识"), (1, False, "二、落实防控措施")]
    assert [p.text for p in paras(doc) if p.role == "signature"] == ["某某县人民政府办公室", "2026年3月1日"]
    assert [p.text for p in paras(doc) if p.role == "greeting"] == ["各乡镇人民政府，县直各单位："]  # 主送机关
    assert sorted(content_chars(document_text(doc))) == sorted(content_chars(text))  # the title goes first
    cited = "根据某政办发〔2026〕3号文件精神，结合实际，现将有关事项通知如下。"
    doc = txt(f"关于做好春季森林防火工作的通知\n{cited}\n{BODY}\n")  # a number cited in the text
    assert doc.title == "关于做好春季森林防火工作的通知" and [p.text for p in paras(doc)] == [cited, BODY]


def test_an_attachment_label_over_the_title_and_the_body_signing_off():
    """附件2 over a title set on two lines is the attachment's label, a note; the body that
    signs the text off under its last paragraph (中共某某县委常委班子, then the date) is
    the signature, not text."""
    text = (
        f"附件2\n\n县委常委班子2025年度民主生活会\n对照检查材料\n\n{BODY}\n一、存在的问题\n{BODY}\n"
        f"二、整改措施\n{BODY}\n中共某某县委常委班子\n2026年1月20日\n"
    )
    doc = txt(text)
    assert doc.title == "县委常委班子2025年度民主生活会对照检查材料"
    assert [n.text for n in notes(doc, "editorial")] == ["附件2"]
    assert [p.text for p in paras(doc) if p.role == "signature"] == ["中共某某县委常委班子", "2026年1月20日"]
    assert sorted(content_chars(document_text(doc))) == sorted(content_chars(text))  # the note follows the title


def test_unit_and_name_lines_are_the_author():
    doc = txt(f"民主生活会发言提纲\n第三党支部　王五\n（二〇二四年一月）\n{BODY}\n")
    assert doc.author == "第三党支部　王五" and doc.date == "（二〇二四年一月）"


def test_chapter_title_is_never_an_author():
    doc = txt(f"管理办法\n第一章　总则\n{BODY}\n第二章　职责\n{BODY}\n")
    assert doc.author is None
    assert [t for _, _, t in heads(doc)] == ["第一章　总则", "第二章　职责"]


# --- 4. unnumbered lead sentences found as a series ------------------------------------------


def test_a_sections_preface_is_not_one_of_its_leads():
    """A section's first paragraph whose first sentence is far longer than the short
    leads of the paragraphs after it introduces them; it is no lead of their series."""
    preface = "新形势对机关工作提出新要求。" + PROSE
    leads = ["坚持依规办事。" + PROSE, "坚持高效服务。" + PROSE]
    text = "\n".join(["一、做好当前工作", PROSE, "二、加强机关自身建设", preface, *leads]) + "\n"
    assert heads(txt(text)) == [
        (1, False, "一、做好当前工作"),
        (1, False, "二、加强机关自身建设"),
        (2, True, "坚持依规办事。"),
        (2, True, "坚持高效服务。"),
    ]


def test_two_leads_under_a_preface_that_is_no_lead_make_the_section():
    """A section whose first paragraph introduces it (one long sentence, or a sentence of
    two clauses) and whose every other paragraph — two of them — opens with a short
    sentence: those two are its leads. Two such paragraphs among others are not."""
    intro = "深入分析上述问题，根源在于思想认识、工作作风和制度执行等方面还存在差距。"
    leads = ["学习有所放松。" + PROSE, "作风有所松懈。" + PROSE]
    text = "\n".join(["一、存在的问题", PROSE, "二、原因分析", intro, *leads, "三、整改措施", PROSE]) + "\n"
    assert [h for h in heads(txt(text)) if h[1]] == [(2, True, "学习有所放松。"), (2, True, "作风有所松懈。")]
    more = text.replace(leads[1], leads[1] + "\n" + PROSE)  # a paragraph of text after them
    assert [h for h in heads(txt(more)) if h[1]] == []


def test_short_leads_of_sibling_paragraphs_are_a_series():
    doc = txt(f"一、重点任务\n扩大有效投资。{BODY}\n稳定就业形势。{BODY}\n改善营商环境。{BODY}\n二、保障\n{BODY}\n")
    assert [(lv, ri, t) for lv, ri, t in heads(doc)][1:4] == [
        (2, True, "扩大有效投资。"),
        (2, True, "稳定就业形势。"),
        (2, True, "改善营商环境。"),
    ]


def test_a_longer_lead_is_a_member_of_a_series_two_shorter_ones_make():
    """A report's leads are not all short: one of one clause and up to 30 characters
    (推动“产学研用”一体化的创新链条加快形成。) belongs to the series its shorter siblings
    make, first, inside or last; two long ones with no short lead are no series, and a
    section's first paragraph twice as long as the leads under it is its preface."""
    long = "推动“产学研用”一体化的创新链条加快形成。"
    short = ["持续扩大有效投资规模。", "千方百计稳定就业形势。"]
    for order in ([long, *short], [short[0], long, short[1]], [*short, long]):
        text = "一、重点任务\n" + "".join(f"{t}{BODY}\n" for t in order) + f"二、保障\n{BODY}\n"
        assert [t for _, ri, t in heads(txt(text)) if ri] == order
    two = "一、重点任务\n" + f"{long}{BODY}\n" + f"{long.replace('创新', '人才')}{BODY}\n" + f"二、保障\n{BODY}\n"
    assert not [t for _, ri, t in heads(txt(two)) if ri]
    preface = "新的一年推动全县经济社会高质量发展的任务依然十分艰巨繁重。"
    text = "一、重点任务\n" + "".join(f"{t}{BODY}\n" for t in (preface, "抓项目。", "优环境。", "强保障。"))
    assert [t for _, ri, t in heads(txt(text + f"二、保障\n{BODY}\n")) if ri] == ["抓项目。", "优环境。", "强保障。"]


def test_parallel_one_sentence_paragraphs_title_their_sections():
    """Three parallel one-sentence paragraphs (排比), each explained by the paragraph
    under it, are the titles of the sections they open; two, or three unlike ones, are not."""
    titles = ["诚信是做人的根本。", "诚信是立业的基石。", "诚信是社会的纽带。"]
    text = "\n".join(["同学们：", PROSE, *[x for t in titles for x in (t, PROSE)], "谢谢大家！"]) + "\n"
    doc = txt(text)
    assert heads(doc) == [(1, False, t) for t in titles]
    assert content_chars(document_text(doc)) == content_chars(text)
    assert heads(txt(text.replace(titles[2] + "\n", "", 1))) == []
    unlike = ["诚信是做人的根本。", "勤奋能弥补不足。", "坚持才会有收获。"]
    assert heads(txt("\n".join(["同学们：", PROSE, *[x for t in unlike for x in (t, PROSE)]]) + "\n")) == []


def test_labels_before_a_colon_lead_their_paragraphs():
    """Sibling paragraphs that open with a short label and a colon (组织保障：…, 资金保障：…)
    are led by their labels; speakers' names (张华：…, 欧阳明远：…), a name said again,
    a quotation's speaker (总书记指出：…) and a form's fields are not."""
    labels = ["总体要求：", "资金保障：", "考核激励："]
    text = "\n".join(["一、保障措施", *[label + PROSE for label in labels], "二、工作要求", PROSE]) + "\n"
    assert heads(txt(text)) == [
        (1, False, "一、保障措施"),
        *[(2, True, label) for label in labels],
        (1, False, "二、工作要求"),
    ]
    for names in (
        ["张华：", "李明：", "王芳："],
        ["欧阳明远：", "司马文静：", "诸葛亮亮："],
        ["记者提问：", "专家回答：", "记者提问：", "专家回答："],
        ["习近平总书记指出：", "中央文件反复强调：", "古人曾经说过："],
    ):
        talk = "\n".join(["一、座谈发言", *[n + PROSE for n in names], "二、会议小结", PROSE]) + "\n"
        assert [h for h in heads(txt(talk)) if h[0] == 2] == []


def test_one_short_sentence_alone_is_not_a_lead():
    doc = txt(f"一、重点任务\n扩大有效投资。{BODY}\n我们认为，{BODY}\n二、保障\n{BODY}\n")
    assert heads(doc) == [(1, False, "一、重点任务"), (1, False, "二、保障")]


def test_leads_with_commas_or_pronouns_are_not_a_series():
    doc = txt(f"{BODY}\n我们看到了变化。{BODY}\n这是好的开始。{BODY}\n那也值得注意。{BODY}\n")
    assert heads(doc) == []


def test_a_two_clause_lead_inside_a_series_belongs_to_it_but_never_opens_or_closes_one():
    two = "继续推进重点改革，适当加快工作进度。"
    doc = txt(f"一、重点任务\n{BODY}\n扩大有效投资。{BODY}\n{two}{BODY}\n改善营商环境。{BODY}\n二、保障\n{BODY}\n")
    assert [t for _, ri, t in heads(doc) if ri] == ["扩大有效投资。", two, "改善营商环境。"]
    for order in ((two, "扩大有效投资。", "改善营商环境。"), ("扩大有效投资。", "改善营商环境。", two)):
        body = "".join(f"{lead}{BODY}\n" for lead in order)
        doc = txt(f"一、重点任务\n{BODY}\n{body}二、保障\n{BODY}\n")
        assert [t for _, ri, t in heads(doc) if ri] == []


def test_two_leads_that_make_up_a_section():
    doc = txt(f"（一）第一项\n{BODY}\n（二）第二项\n优化区域布局。{BODY}\n推进城乡融合。{BODY}\n")
    assert [t for _, ri, t in heads(doc) if ri] == ["优化区域布局。", "推进城乡融合。"]


def test_elided_member_continues_a_numbered_parallel_series():
    """The speaker drops the repeated opening for the last item (我们的第三项任务是： →
    第四项任务是：): it is still a member of the series."""
    ps = [f"我们的第{n}项任务是：{BODY}" for n in "一二三"] + [f"第四项任务是：{BODY}"]
    doc = txt("\n".join([BODY, *ps]) + "\n")
    assert [t for _, ri, t in heads(doc) if ri] == [
        "我们的第一项任务是：",
        "我们的第二项任务是：",
        "我们的第三项任务是：",
        "第四项任务是：",
    ]


def test_elided_lead_needs_a_different_number():
    doc = txt("\n".join([BODY] + [f"我们的第{n}项任务是：{BODY}" for n in "一二三"] + [f"第三项任务是：{BODY}"]) + "\n")
    assert [t for _, _, t in heads(doc)][-1] == "我们的第三项任务是："


def test_last_item_closes_a_lead_series():
    """最后一个问题是… after a series of leads among the same siblings is its last lead;
    without the series before it, it is an ordinary paragraph."""
    leads = ["组织问题。", "作风问题。"]
    last = f"最后一个问题是纪律，{BODY}"
    doc = txt("\n".join([BODY, *(x + BODY for x in leads), BODY, last]) + "\n")
    assert [t for _, _, t in heads(doc)] == [*leads, "最后一个问题是纪律，"]  # a long first sentence: its clause
    assert heads(txt("\n".join([BODY, BODY, last]) + "\n")) == []


def test_spoken_counters_continue_one_series():
    """第一， 第二， 第三个问题 第四个方面: a speaker varies the counter, the series goes on,
    all at one level under the part that holds them."""
    doc = md(
        f"## 一部分\n\n{BODY}\n\n第一，先说原因。{BODY}\n\n第二，再说办法。{BODY}\n\n"
        f"第三个问题，要看长远。{BODY}\n\n第四个方面，也要看眼前。{BODY}\n"
    )
    assert heads(doc) == [
        (1, False, "一部分"),
        (2, True, "第一，先说原因。"),
        (2, True, "第二，再说办法。"),
        (2, True, "第三个问题，要看长远。"),
        (2, True, "第四个方面，也要看眼前。"),
    ]


# --- 5. unnumbered section titles on their own line -----------------------------------------


PROSE = "这一段是正文，交代了背景、原因和做法，也讲到了下一步的打算和需要注意的问题。"


def test_short_unpunctuated_lines_between_paragraphs_are_titles():
    text = "\n".join([PROSE, "关于设计原则", PROSE, PROSE, "学会宽容", PROSE, PROSE, "结论", PROSE]) + "\n"
    doc = txt(text)
    assert heads(doc) == [(1, False, "关于设计原则"), (1, False, "学会宽容"), (1, False, "结论")]


def test_two_unnumbered_titles_in_a_row_are_a_part_over_its_sections():
    """A Word outline exported as text loses its automatic numbers: a part title right
    above a section title is one level over it, and every single title after it is a
    section of that part until the next part; once the document shows it marks sections
    so, a title may open a short paragraph, and a title may start with 下一步."""
    short = "按期完成了各项工作任务，没有拖延。"
    text = "\n".join(
        [PROSE, "发现的主要问题", "在学习方面", PROSE, "在工作方面", short, "形成问题的原因", "思想认识不到位", PROSE]
        + ["制度执行有偏差", PROSE, "下一步改进措施", "加强日常学习", PROSE, "严格执行制度", PROSE, PROSE]
    )
    doc = txt(text + "\n")
    assert heads(doc) == [
        (1, False, "发现的主要问题"),
        (2, False, "在学习方面"),
        (2, False, "在工作方面"),
        (1, False, "形成问题的原因"),
        (2, False, "思想认识不到位"),
        (2, False, "制度执行有偏差"),
        (1, False, "下一步改进措施"),
        (2, False, "加强日常学习"),
        (2, False, "严格执行制度"),
    ]
    assert content_chars(document_text(doc)) == content_chars(text)


def test_a_plain_title_out_of_the_sections_form_is_the_next_part():
    """When a part's sections share one form (在…方面), a later plain title of another
    form is the next part, even when its own text is led by unnumbered leads and not
    divided by sections; a title right under a part's title is that part's first section
    whatever its form, and its siblings follow it."""
    lead = ["责任意识不够牢固。" + PROSE, "工作作风不够扎实。" + PROSE, "制度执行不够严格。" + PROSE]
    text = "\n".join(
        [PROSE, "检查出的问题", "在思想认识方面", PROSE, "在工作落实方面", PROSE, "在廉洁自律方面", PROSE]
        + ["产生问题的根源", *lead, "今后的改进打算", "抓紧抓实学习", PROSE, "改进会风文风", PROSE]
    )
    doc = txt(text + "\n")
    assert heads(doc) == [
        (1, False, "检查出的问题"),
        (2, False, "在思想认识方面"),
        (2, False, "在工作落实方面"),
        (2, False, "在廉洁自律方面"),
        (1, False, "产生问题的根源"),
        (2, True, "责任意识不够牢固。"),
        (2, True, "工作作风不够扎实。"),
        (2, True, "制度执行不够严格。"),
        (1, False, "今后的改进打算"),
        (2, False, "抓紧抓实学习"),
        (2, False, "改进会风文风"),
    ]
    assert content_chars(document_text(doc)) == content_chars(text)


def test_a_plain_title_divided_by_numbered_sections_is_the_next_part():
    """A part's sections are of one kind. After a part whose sections were plain titles, a
    plain title whose text is divided by （一）（二） is the next part, not one more section;
    and a plain title after such a part is a part too (its 一是 leads are not sections)."""
    text = "\n".join(
        [PROSE, "查摆出的问题", "在学习方面", PROSE, "在工作方面", PROSE, "问题形成的根源"]
        + ["（一）思想上有所松懈。" + PROSE, "（二）制度上有所缺失。" + PROSE, "今后的努力方向"]
        + ["一是抓好学习。" + PROSE, "二是健全制度。" + PROSE, PROSE]
    )
    doc = txt(text + "\n")
    assert heads(doc) == [
        (1, False, "查摆出的问题"),
        (2, False, "在学习方面"),
        (2, False, "在工作方面"),
        (1, False, "问题形成的根源"),
        (2, True, "（一）思想上有所松懈。"),
        (2, True, "（二）制度上有所缺失。"),
        (1, False, "今后的努力方向"),
        (2, True, "一是抓好学习。"),
        (2, True, "二是健全制度。"),
    ]
    assert content_chars(document_text(doc)) == content_chars(text)


def test_titles_set_apart_by_blank_lines_in_a_spoken_script():
    """A script whose lines need not end with full stops spaces its parts out with more
    blank lines than it puts between paragraphs: those short lines are its titles; the
    same lines with the usual spacing are not."""
    line = "这一段是口头讲稿，没有标点结尾，一句接着一句往下说，想到哪里就说到哪里"
    spaced = f"开场的话\n\n{line}\n\n{line}\n\n\n\n下一个话题\n\n{line}\n\n{line}"
    doc = txt(f"大家好，今天讲两件事。\n\n\n\n{spaced}\n")
    assert heads(doc) == [(1, False, "开场的话"), (1, False, "下一个话题")]
    assert heads(txt(spaced.replace("\n\n\n\n", "\n\n") + "\n")) == []


def test_questions_on_their_own_lines_head_their_answers():
    """Three questions, each on a line of its own and answered by the paragraphs after it,
    are the titles of their answers; a short question opening a paragraph among them
    leads it; one question alone is just a question."""
    qa = [
        "接下来讲讲怎样检查输入",
        "检查要放在哪一层？",
        BODY,
        "出了错是改正还是报告？",
        BODY,
        BODY,
        f"报告给谁呢？{BODY}",
        "错误信息怎样写才清楚？",
        BODY,
    ]
    doc = txt("\n".join(qa) + "\n")
    assert [(lv, ri, t) for lv, ri, t in heads(doc)] == [
        (1, False, "检查要放在哪一层？"),
        (1, False, "出了错是改正还是报告？"),
        (1, True, "报告给谁呢？"),
        (1, False, "错误信息怎样写才清楚？"),
    ]
    assert heads(txt("\n".join([BODY, "检查要放在哪一层？", BODY, BODY]) + "\n")) == []


def test_spoken_part_lines_may_end_with_a_stop_or_comma():
    """首先是… / 接下来就是….  / 最后就是…， on lines of their own: the parts of a spoken
    script, whatever mark the speaker's script put after them."""
    doc = txt("\n".join(["首先是背景部分", BODY, "接下来就是方法部分。", BODY, "最后就是我的一点体会，", BODY]) + "\n")
    assert [t for _, _, t in heads(doc)] == ["首先是背景部分", "接下来就是方法部分。", "最后就是我的一点体会，"]


def test_no_titles_in_unpunctuated_scripts():
    line = "这一段是口头讲稿，没有标点结尾，一句接着一句往下说也没有停顿的地方"
    doc = txt("\n\n".join([line, "今天的话题", line, line, "下一个话题", line, line]) + "\n")
    assert heads(doc) == []


def test_no_guessed_titles_when_markdown_marks_headings():
    doc = md(f"## 第一部分\n\n{PROSE}\n\n短短一行\n\n{PROSE}\n\n又一短行\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n")
    assert [t for _, _, t in heads(doc)] == ["第一部分"]


# --- 6. more ordinal forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scheme", "number"),
    [
        ("第一点，要讲团结", "di-counter-点", 1),
        ("第二点：要讲纪律", "di-counter-点", 2),
        ("最后一点，要讲效率", "di-counter-点", LAST),
        ("第三条：不准迟到", "di-counter-条", 3),
        ("第一种：主观的态度", "di-counter-种", 1),
        ("第二个方面，是作风", "di-个方面", 2),
        ("⑦加强管理", "circled", 7),
        ("⑳收尾工作", "circled", 20),
        ("三.工作措施", "cn-dun", 3),
        ("2、分项内容", "ar-dot", 2),
        ("2.分项内容", "ar-dot", 2),
        ("First, we agree", "en-seq", 1),
        ("首先是开场部分", "seq", 1),
        ("3）落实整改", "ar-half", 3),
        ("12) 落实整改", "ar-half", 12),
        ("其二，作风不实", "cn-qi", 2),
        ("１．加强学习", "ar-dot", 1),
        ("１２、加强学习", "ar-dot", 12),
        ("３）加强学习", "ar-half", 3),
        ("⒉加强学习", "ar-dot", 2),
        ("第一句话：做好小事", "di-counter-句", 1),
        ("第二点体会：贵在坚持", "di-counter-点", 2),
        ("第三条建议是", "di-counter-条", 3),
        ("第二方面，是作风", "di-个方面", 2),
        ("乙、工商业问题", "stem", 2),
        ("（丙）文教工作", "stem", 3),
    ],
)
def test_ordinal_forms(text, scheme, number):
    o = match_ordinal(text)
    assert o is not None and (o.scheme, o.number) == (scheme, number)


def test_numbers_that_are_not_ordinals():
    """A year in brackets, 其中, a decimal read out (47.6，), the parties of an agreement
    (甲、乙双方, 乙方) and ordinal words that count no point (第一次, 第二天, 第一书记)
    open no item."""
    for text in (
        "2024)年的数据",
        "其中，有三项",
        "47.6，规模以上",
        "甲、乙双方约定",
        "乙方负责供货",
        "第一次参加会议",
        "第二天，我们",
        "第一书记驻村",
        "第一时间，赶到",
    ):
        assert match_ordinal(text) is None


def test_a_short_numbered_line_with_a_colon_inside_is_one_title():
    """一、Why：我们为什么出发 on a line of its own, no sentence end: one own-line title,
    not a run-in lead 一、Why： over a paragraph; with a sentence after the colon it leads."""
    text = "\n".join(["一、Why：我们为什么出发", PROSE, "二、How：我们怎么前进", PROSE]) + "\n"
    assert heads(txt(text)) == [(1, False, "一、Why：我们为什么出发"), (1, False, "二、How：我们怎么前进")]
    led = "\n".join(["一、指导思想：" + PROSE, "二、基本原则：" + PROSE]) + "\n"
    assert heads(txt(led)) == [(1, True, "一、指导思想："), (1, True, "二、基本原则：")]


def test_a_long_unpunctuated_item_leads_like_its_siblings():
    """In a series whose items lead their text with a first clause or sentence, an item
    that is one long unpunctuated line leads with its first clause too; a series of short
    or unpunctuated titles alone stays own-line."""
    long_a = "三、后面要做的事情，做好事件的监控，以及对几个业务系统的运行监控，需要用到几种常见的开源工具"
    text = "\n".join(
        ["一、活动的总体情况。" + PROSE, "二、存在的主要问题。" + PROSE, long_a, "四、下一步的打算。" + PROSE]
    )
    assert heads(txt(text + "\n"))[2] == (1, True, "三、后面要做的事情，")
    titles = "\n".join(["一、加强学习", PROSE, long_a, PROSE, "四、改进作风", PROSE])
    assert heads(txt(titles + "\n"))[1] == (1, False, long_a)


def test_half_bracket_items_rank_under_their_section():
    """1） items sit under 一、 sections, one level down, as （1） would."""
    text = "\n".join(["一、工作情况", "1）抓好学习。" + PROSE, "2）抓好落实。" + PROSE, "二、下步打算", PROSE]) + "\n"
    assert heads(txt(text)) == [
        (1, False, "一、工作情况"),
        (2, True, "1）抓好学习。"),
        (2, True, "2）抓好落实。"),
        (1, False, "二、下步打算"),
    ]


def test_decimal_item_only_continues_a_series():
    doc = txt(f"一、概况\n{BODY}\n二、指标\n1.温度数据\n2.湿度数据\n3.2m高处的风速\n")
    assert [t for lv, _, t in heads(doc) if lv == 2] == ["1.温度数据", "2.湿度数据", "3.2m高处的风速"]
    alone = txt(f"价格上涨了\n3.2倍以上，{BODY}\n")
    assert heads(alone) == []


def test_dian_series_with_last_item():
    doc = txt(f"讲三点意见。\n第一点，要讲团结。{BODY}\n第二点，要讲纪律。{BODY}\n最后一点，要讲效率。{BODY}\n")
    assert [t for _, ri, t in heads(doc) if ri] == ["第一点，要讲团结。", "第二点，要讲纪律。", "最后一点，要讲效率。"]


def test_mixed_arabic_punctuation_is_one_series():
    doc = txt(f"一、安排\n1、第一步\n2.第二步\n3、第三步\n二、要求\n{BODY}\n")
    assert [lv for lv, _, _ in heads(doc)] == [1, 2, 2, 2, 1]


# --- 7. lines and paragraphs -----------------------------------------------------------------


def test_never_join_after_a_half_width_sentence_end():
    doc = txt(f"{BODY}\n抽样的显著性水平取为0.05.\n下一行是新的句子，与上一行无关\n")
    assert len(paras(doc)) == 3


WRAPPED = [
    "会议的主要任务是总结去年的工作，分析当前面临的形势，部署今年的重点任务，动员大家鼓足干劲，扎实工作，确保全年目标顺利实现。",
    "过去一年，全市上下团结一心，攻坚克难，经济运行稳中有进，民生保障持续加强，社会大局保持稳定，各项事业取得了新的成绩。",
    "今年的任务十分繁重，各级各部门要进一步增强责任意识，细化工作措施，层层压实责任，确保各项任务落到实处、取得实效。",
    "各地要把安全生产摆在更加突出的位置，加强隐患排查治理，严格落实企业主体责任，坚决防范遏制重特大事故的发生。",
    "要深入推进作风建设，力戒形式主义、官僚主义，多到基层一线调查研究，帮助群众解决急难愁盼的实际问题和困难。",
    "同志们，任务已经明确，关键在于落实。让我们团结一心，真抓实干，为完成全年各项目标任务而努力奋斗，再创佳绩。",
]


def _rows(texts: list[str], width: int = 24) -> list[str]:
    return [t[i : i + width] for t in texts for i in range(0, len(t), width)]


def test_a_sentence_goes_on_across_a_page_break_of_a_wrapped_export():
    """A hard-wrapped export's page number between blank lines falls inside a sentence:
    dropped with the gap around it, the sentence is one paragraph again."""
    rows = _rows(WRAPPED)
    cut = len(rows) // 2 + 1
    text = "\n".join([*rows[:cut], "", "第 1 页 共 2 页", "", *rows[cut:]]) + "\n"
    doc = txt(text)
    assert [p.text for p in paras(doc)] == WRAPPED
    assert content_chars(document_text(doc)) == content_chars(text.replace("第 1 页 共 2 页", ""))


def test_a_hard_wrapped_export_with_doubled_line_breaks():
    """A PDF export hard-wrapped at one width that put a blank line after every line: a
    single blank line is then a line break, the paragraphs are the wrapped ones, and the
    joins are reported as ordinary line-break joins, not guesses across blank lines."""
    width = 24
    texts = [
        "会议的主要任务是总结去年的工作，分析当前面临的形势，部署今年的重点任务，动员大家鼓足干劲，扎实工作，确保全年目标顺利实现。",
        "一、肯定成绩，增强做好全年工作的信心和决心，推动各项工作不断取得新进展",
        "过去一年，全市上下团结一心，攻坚克难，经济运行稳中有进，民生保障持续加强，社会大局保持稳定，各项事业取得了新的成绩。",
        "二、突出重点，扎实推进各项工作",
        "今年的任务十分繁重，各级各部门要进一步增强责任意识，细化工作措施，层层压实责任，确保各项任务落到实处、取得实效。",
    ] * 2
    rows = [t[i : i + width] for t in texts for i in range(0, len(t), width)]
    text = "\n\n".join(rows) + "\n"
    doc = txt(text)
    assert [p.text for p in paras(doc)][:2] == [texts[0], texts[2]]
    assert content_chars(document_text(doc)) == content_chars(text)
    assert not [d for d in doc.diagnostics if "across a blank line" in d.message]


def test_a_hard_wrapped_export_of_short_paragraphs_with_doubled_line_breaks():
    """The same export when most of its paragraphs are shorter than a line (a report's
    short points): fewer than half its lines are full, but half its long lines are, each
    stopping mid-sentence — the width it was wrapped at, so a blank line is a line break
    and every wrapped paragraph is joined again (they were cut at every line). A text of
    one-line paragraphs a blank line apart, each ending its sentence, is no wrapped text."""
    width = 24
    long = "过去一年，全市上下团结一心，攻坚克难，经济运行稳中有进，民生保障持续加强，社会大局保持稳定，各项事业取得新成绩。"
    short = ["工作有成效。", "群众得实惠。", "发展有后劲。"]
    texts = [x for town in ("市", "县", "区", "镇") for x in (long.replace("市", town), *short)]
    rows = [t[i : i + width] for t in texts for i in range(0, len(t), width)]
    doc = txt("工作报告\n\n" + "\n\n".join(rows) + "\n")
    assert [b.text for b in doc.speeches[0].blocks] == texts
    same = "这一段是正文，讲的是具体的工作安排和落实要求，内容充实。"
    whole = [same, same + "我们要认真落实。", same, same[:-1] + "，各项工作扎实推进。"] * 2
    doc = txt("工作报告\n\n" + "\n\n".join(whole) + "\n")
    assert [p.text for p in paras(doc)] == whole


def test_wide_lines_of_an_unpunctuated_script_are_its_paragraphs():
    """A script whose lines are whole paragraphs without a final stop, each far wider than
    any page: every line stays a paragraph; a short tail a site cut off the end of a long
    line (…持之以 / 恒。) still joins it."""
    long_a = "接下来为大家介绍项目用到的主要技术，包括前端框架、数据库设计、接口规范以及我们自己编写的部分组件，这些技术共同支撑了整个系统的运行"
    long_b = "然后是系统的主要功能，包括用户注册登录、内容发布与审核、搜索与推荐等模块，每个模块我们都做了详细的测试并根据反馈进行了多轮改进"
    doc = txt(f"{long_a}\n{long_b}\n")
    assert [p.text for p in paras(doc)] == [long_a, long_b]
    cut = "我们要以新时代的思想为指导，坚持不懈抓学习、抓落实、抓发展，以钉钉子精神推动各项工作落到实处，在新的起点上保持定力、持之以"
    assert [p.text for p in paras(txt(f"{cut}\n恒。\n"))] == [cut + "恒。"]


def test_never_join_onto_an_indented_line():
    doc = txt(f"{BODY}\n\t第一段没有句号结尾的一行文字内容比较长\n\t第二段也没有句号结尾的一行文字内容\n")
    assert [p.text for p in paras(doc)][1:] == [
        "第一段没有句号结尾的一行文字内容比较长",
        "第二段也没有句号结尾的一行文字内容",
    ]


def test_stage_cues_and_captions_are_notes():
    text = f"{BODY}\n翻页\n{BODY}\n（出图）\n会议现场。 本报记者某某摄\n这是接下来讲的内容没有句号结尾但还很长很长\n"
    doc = txt(text)
    assert [n.text for n in notes(doc, "cue")] == ["翻页", "（出图）"]
    assert [n.text for n in notes(doc, "caption")] == ["会议现场。本报记者某某摄"]
    assert paras(doc)[-1].text == "这是接下来讲的内容没有句号结尾但还很长很长"


def test_a_sentence_with_the_audiences_reaction_after_it_ends_the_line():
    """…。（掌声） at a line's end closes the sentence: the next line is a new paragraph."""
    text = f"{BODY}\n向全体获奖同学表示热烈的祝贺！（掌声）\n四年前，你们带着梦想走进校园，今天你们带着收获出发了。\n"
    assert [p.text for p in paras(txt(text))][1:] == [
        "向全体获奖同学表示热烈的祝贺！（掌声）",
        "四年前，你们带着梦想走进校园，今天你们带着收获出发了。",
    ]


def test_a_number_wrapped_at_the_margin_is_joined():
    """A hard-wrapped line may start with the rest of a number (47.6，…): a number, not
    an item 47., so the wrap is joined."""
    line = "产业结构持续优化，三次产业结构调整为九点八比四十二点六比四十七点六，二产比重为9.8∶42.6∶"
    rows = [line[i : i + 28] for i in range(0, 56, 28)]
    body = "全区上下齐心协力，各项工作稳步推进，经济社会发展取得了新的成绩，人民群众获得感不断"
    text = "\n".join(
        [
            body[:28],
            body[28:] + "增强。",
            *rows,
            "47.6，规模以上工业企业达到三百一十二家，比上年增加二十家。",
            body[:28],
            body[28:] + "增强。",
        ]
        * 3
    )
    doc = txt(text + "\n")
    assert any("9.8∶42.6∶47.6，规模以上" in p.text for p in paras(doc))


def test_a_sharing_sites_words_about_its_page_are_notes():
    """点击下载完整版文档, 本文共计3200字…, （此处已添加…）, 免责声明：… are the site's,
    kept as notes and never taken for section titles; a sentence of the speech that
    opens with 关注 stays text."""
    site = ["（此处已添加圈子卡片，请到客户端查看）", "本文共计3200字，阅读约需8分钟", "点击下载完整版文档"]
    text = "\n".join(["一、坚定理想信念", PROSE, site[0], PROSE, site[1], "二、提升能力本领", PROSE, site[2], PROSE])
    said = "关注我们身边的每一个普通人。"
    doc = txt(text + "\n免责声明：本文来源于网络，如有侵权请联系删除。\n" + said + "\n")
    assert [n.text for n in notes(doc, "editorial")] == [*site, "免责声明：本文来源于网络，如有侵权请联系删除。"]
    assert [h[2] for h in heads(doc)] == ["一、坚定理想信念", "二、提升能力本领"]
    assert paras(doc)[-1].text == said


def test_a_posts_notice_at_its_foot_in_a_quote_is_a_note():
    """A post's foot, in a quote or not: 本文为原创…转载请注明出处, 未经授权禁止转载, 本文
    来源：… are the site's notes; a quotation in the speech stays a quote."""
    feet = ["本文为原创内容，转载请注明出处。", "未经授权，禁止转载。", "本文来源：某某日报"]
    quote = "> 不积跬步，无以至千里。"
    doc = md(
        f"# 在开学典礼上的讲话\n\n{PROSE}\n\n{quote}\n\n{PROSE}\n\n---\n\n" + "\n\n".join(f"> {f}" for f in feet) + "\n"
    )
    assert [n.text for n in notes(doc, "editorial")] == feet
    assert [p.text for p in paras(doc) if p.role == "quote"] == ["不积跬步，无以至千里。"]
    plain = txt(f"在开学典礼上的讲话\n{PROSE}\n{feet[1]}\n")
    assert [n.text for n in notes(plain, "editorial")] == [feet[1]]


def test_bulleted_lines_of_a_word_export():
    """A Word list exported to text: its bullets in a symbol font's private-use code points
    (U+F06C, U+F0B7) become the bullets they draw (reported), and so does Wingdings'
    arrowhead the export kept as Ø; bulleted lines of one sentence next to one another are list items, never
    joined; one alone between paragraphs is a title; a bullet before a lead sentence and
    its paragraph still leads a section; an item's
    number keeps no space before the text (1.\t抓学习 → 1.抓学习)."""
    text = "\n".join(
        [
            "一、主要问题",
            "\uf06c 理论学习不够系统",
            "\uf0b7 调查研究不够深入",
            "Ø 工作方法比较简单；",
            "二、主要做法",
            f"●坚持问题导向。{BODY}",
            f"●坚持改革创新。{BODY}",
            f"●坚持服务至上。{BODY}",
            "三、努力方向",
            f"1.\t加强学习。{BODY}",
            f"2.\t改进作风。{BODY}",
        ]
    )
    doc = txt(text + "\n")
    assert [p.text for p in paras(doc) if p.role == "list_item"] == [
        "● 理论学习不够系统",
        "• 调查研究不够深入",
        "▶ 工作方法比较简单；",
    ]
    assert [h[2] for h in heads(doc) if h[1]] == [
        "●坚持问题导向。",
        "●坚持改革创新。",
        "●坚持服务至上。",
        "1.加强学习。",
        "2.改进作风。",
    ]
    assert any(d.code == "symbol-font" for d in doc.diagnostics)
    assert set(SYMBOL_BULLETS.values()) <= set(BULLETS)  # whatever a symbol font's bullet becomes leads an item
    sections = ["■ 提高站位，认清形势", "■ 突出重点，压实责任", "■ 强化保障，狠抓落实"]
    titled = txt("在全区工作会议上的讲话\n同志们：\n" + "".join(f"{t}\n{BODY}\n{BODY}\n" for t in sections))
    assert [h[2] for h in heads(titled)] == sections  # alone between paragraphs: titles
    english = txt("Outline\n1. Introduction of the plan\n2. Review of the year\n")
    assert "1. Introduction of the plan" in [b.text for b in english.blocks()]


def test_a_recordings_time_marks_are_cues():
    """[00:03:12] or 00:10:02 on a line of its own in a transcript: a cue, never spoken."""
    text = "\n".join(["[00:00:05]", PROSE, "00:10:02", PROSE]) + "\n"
    doc = txt(text)
    assert [n.text for n in notes(doc, "cue")] == ["[00:00:05]", "00:10:02"]
    assert [p.text for p in paras(doc)] == [PROSE, PROSE]


def test_directions_in_brackets_of_any_kind_are_cues_and_the_series_goes_on_across_them():
    """A defence script's directions in brackets of any kind, naming the slide or what is
    played (【PPT第2页】, （切换至第3张幻灯片）, <翻页>, （播放演示视频）): cues, not paragraphs
    read aloud; the parts they stand between are one series of leads (首先… 接下来… 然后是…。
    最后…), 然后是实验结果。 a short lead of its own. A bracketed note of the editor's stays one."""
    cues_ = ["【PPT第2页】", "（切换至第3张幻灯片）", "<翻页>", "（播放演示视频）"]
    leads = ["首先介绍研究背景。", "接下来介绍系统设计。", "然后是实验结果。", "最后总结一下。"]
    text = "答辩陈述稿\n\n各位老师好，我是某某学院的学生，下面汇报我的毕业设计。\n" + "".join(
        f"{c}\n{lead}{PROSE}\n" for c, lead in zip(cues_, leads, strict=True)
    )
    doc = txt(text + "（根据现场录音整理）\n")
    assert [n.text for n in notes(doc, "cue")] == cues_
    assert [t for _, ri, t in heads(doc) if ri] == leads
    assert "（根据现场录音整理）" in [n.text for n in notes(doc)]


def test_audience_reactions_are_cues_and_asides_never_titles():
    text = "\n".join(
        [PROSE, "（掌声）", PROSE, PROSE, "（此处有删节）", PROSE, PROSE, "（笑声）", PROSE, "（停顿）", PROSE]
    )
    doc = txt(text + "\n")
    assert [n.text for n in notes(doc, "cue")] == ["（掌声）", "（笑声）", "（停顿）"]
    assert heads(doc) == []


def test_notes_section_becomes_footnotes_under_a_heading():
    text = f"讲话稿\n{BODY}\n{BODY}\n注　释\n〔1〕 见某书第一卷。\n〔2〕 见某书第二卷。\n"
    doc = txt(text)
    assert heads(doc)[-1] == (1, False, "注　释")
    assert [n.text for n in notes(doc, "footnote")] == ["〔1〕 见某书第一卷。", "〔2〕 见某书第二卷。"]


def test_notes_after_a_rule_without_header():
    doc = md(f"{BODY}\n\n---\n\n[1] 甲书。\n\n[2] 乙书。\n")
    assert [n.text for n in notes(doc, "footnote")] == ["[1] 甲书。", "[2] 乙书。"]


def test_markdown_hard_break_is_not_a_paragraph_break():
    doc = md("第一句话说完了。  \n第二句话接着说。\n\n新的段落。\n")
    assert [p.text for p in paras(doc)] == ["第一句话说完了。第二句话接着说。", "新的段落。"]
    soft = md("第一句话说完了。\n第二句话另起一段。\n")
    assert len(paras(soft)) == 2  # pasted one line per paragraph


# --- general rules shared with the Word reader -------------------------------------------


def test_items_ending_in_semicolons_are_list_items():
    doc = txt("主要问题有三个方面：\n1、学习不够深入；\n2、调研不够扎实；\n3、落实不够有力。\n")
    assert heads(doc) == []
    assert [p.role for p in paras(doc)][1:] == ["list_item"] * 3


def test_colon_introduced_items_are_list_items():
    doc = txt(
        f"（一）形势是这样的：\n1、甲方面的情况良好。\n2、乙方面有所改善。\n3、丙方面仍需努力。\n{BODY}\n（二）下一步\n{BODY}\n"
    )
    assert [t for _, _, t in heads(doc)] == ["（一）形势是这样的：", "（二）下一步"]


def test_empty_numbered_paragraph_is_not_a_heading():
    doc = txt(f"一、\n{BODY}\n二、\n{BODY}\n")
    assert heads(doc) == []


# --- explain ---------------------------------------------------------------------------------


def test_explain_names_the_rules_and_is_off_by_default():
    text = f"某某文库 -> 某某\n工作报告\n一、成绩\n扩大有效投资。{BODY}\n稳定就业形势。{BODY}\n改善营商环境。{BODY}\n翻页\n二、问题\n{BODY}\n"
    plain = txt(text)
    assert not [d for d in plain.diagnostics if d.code == "why"]
    why = {d.line: d.message for d in txt(text, explain=True).diagnostics if d.code == "why"}
    assert "[breadcrumb]" in why[1]
    assert "[title]" in why[2]
    assert "[numbered-series]" in why[3] and "heading level 1" in why[3]
    assert "[lead-series]" in why[4] and "level 2" in why[4]
    assert "[stage-cue]" in why[7]
    assert txt(text, explain=True).speeches == plain.speeches  # the model itself is the same


def test_inspect_explain_cli(tmp_path):
    from click.testing import CliRunner

    from convert.cli import main

    src = tmp_path / "talk.txt"
    src.write_text(f"工作报告\n一、成绩\n{BODY}\n二、问题\n{BODY}\n翻页\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["inspect", str(src)])
    r = CliRunner().invoke(main, ["inspect", str(src), "--explain"])
    assert r.exit_code == 0, r.output
    why = r.output.split("why:\n", 1)[1].splitlines()
    assert why[0].startswith("  L1 ") and "[title]" in why[0]
    assert any(x.startswith("  L2 ") and "heading level 1" in x and "[numbered-series]" in x for x in why)
    assert any(x.startswith("  L6 ") and "[stage-cue]" in x for x in why)
    # the outline and the diagnostics count are the same with and without --explain
    assert r.output.split("why:\n")[0] == plain.output.rsplit("diagnostics:", 1)[0]
    assert r.output.splitlines()[-1] == plain.output.splitlines()[-1]
    # without --explain the JSON contract is unchanged: no explanations in it
    j = CliRunner().invoke(main, ["inspect", str(src), "--json"])
    assert '"why"' not in j.output


def test_hard_wrapped_export_rejoins_paragraphs_across_sentence_ends():
    """A PDF export wraps every line at the same width: a full line that happens to end
    with a full stop still goes on in the next line; the short last line of a paragraph
    ends it; the lead sentences of the rejoined paragraphs are found as usual."""
    paras_ = [
        "推动产业升级。" + "各地要加快传统产业改造，支持企业技术创新，提升产品质量和品牌影响力。" * 3,
        "扩大有效投资。" + "要围绕重点领域谋划一批重大项目，加快项目前期工作，尽早形成实物工作量。" * 3,
        "保障改善民生。" + "坚持尽力而为、量力而行，办好群众急难愁盼的实事，兜住兜牢民生底线。" * 3,
    ]
    width = 20  # characters per line, as the export set them
    lines = ["一、今年的重点任务"]
    for p in paras_:
        lines += [p[i : i + width] for i in range(0, len(p), width)]
    lines += ["二、保障措施", BODY]
    assert any(x.endswith("。") and len(x) == width for x in lines)  # a sentence ends at the margin
    doc = txt("\n".join(lines) + "\n")
    assert [p.text for p in paras(doc)][:3] == [p[7:] for p in paras_]
    assert [t for _, ri, t in heads(doc) if ri] == ["推动产业升级。", "扩大有效投资。", "保障改善民生。"]


# --- Word reports: glossaries, vocatives, programme codes -------------------------------


def test_glossary_items_are_a_list_under_its_header():
    """名词解释 then numbered terms with their definitions: a list under a top-level
    heading, not a series of run-in headings (and no numbering check on it)."""
    doc = txt(
        f"一、工作回顾\n{BODY}\n二、工作安排\n{BODY}\n名词解释\n"
        "1.两个中心：是指研发中心和服务中心。\n2.三大工程：是指安居工程、畅通工程和惠民工程。\n"
        "3.5G基站：第五代移动通信的基站设施。\n"
    )
    assert heads(doc) == [(1, False, "一、工作回顾"), (1, False, "二、工作安排"), (1, False, "名词解释")]
    assert [p.role for p in paras(doc)][-3:] == ["list_item"] * 3
    assert not [d for d in doc.diagnostics if d.code == "numbering"]


def test_a_vocative_opening_paragraphs_is_never_a_lead():
    """各位代表！ opening paragraph after paragraph is an address, not a parallel lead; it
    starts the speech's closing part, so the two leads before it make up their section."""
    doc = txt(
        f"一、重点任务\n{BODY}\n二、安全发展\n提升治理效能。{BODY}\n加强应急体系。{BODY}\n"
        f"各位代表！{BODY}\n各位代表！{BODY}\n各位代表！{BODY}\n"
    )
    assert [t for _, ri, t in heads(doc) if ri] == ["提升治理效能。", "加强应急体系。"]


def test_a_quoted_programme_code_is_no_placeholder():
    doc = txt(f"{BODY}\n培育“415X”产业集群，完善“141X”规划体系。\n到20XX年完成X个项目。\n")
    flagged = [d.message for d in doc.diagnostics if d.code == "placeholder"]
    assert flagged == ["unfilled placeholder “XX年”", "unfilled placeholder “X个”"]


def test_markdown_nested_lists_keep_their_depth():
    doc = md(
        "要求如下：\n\n1. 第一项工作。\n   - 其中一个方面。\n      - 再细一层。\n2. 第二项工作。\n3. - 直接嵌套的一项。\n"
    )
    items = [(p.text, p.list_level) for p in paras(doc) if p.role == "list_item"]
    assert [lv for _, lv in items] == [None, 2, 3, None, None]  # "3. - …" is one item of the outer list
    assert items[1][0] == "其中一个方面。" and items[3][0].endswith("第二项工作。")


def test_the_speaker_under_the_date_is_the_author():
    doc = txt(f"在全区工作会议上的讲话\n（二〇二四年一月十日）\n李四\n\n{BODY}\n")
    assert doc.author == "李四" and doc.date == "（二〇二四年一月十日）"
    assert [p.text for p in paras(doc)] == [BODY]
    doc = txt(f"在全区工作会议上的讲话\n区委书记王五\n（二〇二四年一月十日）\n\n{BODY}\n")
    assert doc.author == "区委书记王五"
    # posts listed with 、 then the name after a space; a phrase with 、 is no speaker
    doc = txt(f"在全区工作会议上的讲话\n（二〇二四年一月十日）\n区委常委、宣传部部长　赵六\n{BODY}\n")
    assert doc.author == "区委常委、宣传部部长　赵六"
    doc = txt(f"在全区工作会议上的讲话\n（二〇二四年一月十日）\n稳中求进、以进促稳\n{BODY}\n")
    assert doc.author is None
    # a unit with its number before the name (a class, a grade); never a chapter or a date
    doc = txt(f"青春因奋斗而精彩\n——国旗下的讲话\n高二（3）班　王小明\n\n{BODY}\n")
    assert doc.author == "高二（3）班　王小明"
    for line in ("第3章　总则", "2024年3月1日　张三"):
        assert txt(f"青春因奋斗而精彩\n——国旗下的讲话\n{line}\n\n{BODY}\n").author is None


def test_a_short_section_title_under_the_title_names_no_one():
    for head in ("在全区工作会议上的讲话\n", "在全区工作会议上的讲话\n（二〇二四年一月十日）\n"):
        doc = txt(f"{head}\n工作回顾\n\n{BODY}\n\n下步打算\n\n{BODY}\n")
        assert doc.author is None, head
        assert "工作回顾" in document_text(doc)


def test_a_signature_ends_the_text_and_a_short_line_over_a_paragraph_is_none():
    doc = txt(f"关于做好春耕工作的通知\n\n{BODY}\n\n{BODY}\n\n某某县农业局\n二〇二四年三月一日\n")
    assert [p.role for p in paras(doc)][-2:] == ["signature", "signature"]
    doc = txt(f"关于做好春耕工作的讲话\n\n{BODY}\n\n下步打算\n\n{BODY}\n")
    assert "signature" not in [p.role for p in paras(doc)]


def test_a_labelled_name_over_the_date_signs_off():
    doc = txt(f"关于一年来工作的述职报告\n\n{BODY}\n\n{BODY}\n\n述职人：张三\n2024年1月10日\n")
    assert [(p.role, p.text) for p in paras(doc)][-2:] == [
        ("signature", "述职人：张三"),
        ("signature", "2024年1月10日"),
    ]


def test_a_long_title_on_two_lines_is_one_title():
    """A title set on two lines: the second ends as a manuscript's title ends (…的讲话)
    while the first does not; a unit or a name under a whole title stays the speaker."""
    doc = txt(f"在全市优化营商环境暨作风建设\n大会上的讲话\n（2024年2月20日）\n市委书记　李明\n\n{BODY}\n")
    assert (doc.title, doc.author, doc.date) == (
        "在全市优化营商环境暨作风建设大会上的讲话",
        "市委书记　李明",
        "（2024年2月20日）",
    )
    doc = txt(f"在全市作风建设大会上的讲话\n某某市人民政府\n（2024年2月20日）\n\n{BODY}\n")
    assert (doc.title, doc.author) == ("在全市作风建设大会上的讲话", "某某市人民政府")


def test_speaker_and_date_on_one_line_and_an_editors_bracket_under_the_title():
    doc = txt(f"在全市工作会议上的讲话\n李明（2024年3月1日）\n\n{BODY}\n")
    assert (doc.author, doc.date) == ("李明", "（2024年3月1日）")
    assert [p.text for p in paras(doc)] == [BODY]
    doc = txt(f"李明同志在全市工作会议上的讲话\n（根据录音整理，未经本人审阅）\n\n{BODY}\n")
    assert [n.text for n in notes(doc)] == ["（根据录音整理，未经本人审阅）"]
    assert [p.text for p in paras(doc)] == [BODY]


def test_runs_of_one_look_merge_and_every_character_stays() -> None:
    """A Word paragraph's runs (split by revision ids, every other one bold): runs of one
    look become one run, empty ones go, the text is the runs' text in order."""
    looks = [(f"第{k}段", k % 3 == 0, False) for k in range(3000)]
    pieces = [("", False, False), *looks, ("", True, False)]
    text, runs = clean_runs(1, pieces, True, [])
    assert text == "".join(t for t, _, _ in looks)
    assert runs is not None and "".join(r.text for r in runs) == text
    assert all((a.bold, a.italic) != (b.bold, b.italic) for a, b in zip(runs, runs[1:], strict=False))
    assert len(runs) == 2000  # bold, plain + plain, bold, …: 1,000 bold runs, 1,000 merged plain ones

    assert merge_runs([Run("甲", True), Run(""), Run("乙", True), Run("丙"), Run("丁")]) == (
        Run("甲乙", True),
        Run("丙丁"),
    )


def test_characters_of_a_class_are_counted_without_listing_them() -> None:
    text = "中文English，混排2024" * 50_000
    assert count(HAN_RE, text) == len(HAN_RE.findall(text)) == 4 * 50_000
