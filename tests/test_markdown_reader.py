"""The Markdown reader on manuscripts written here the way WeChat and note apps export
them, the traps, the corpus (nothing lost) and the .txt sniffing helper."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from outline_corpus import CORPUS, nothing_lost

import convert
from convert.model import Document, Heading, Note, Paragraph, Run, Table, content_chars, document_text
from convert.readers.base import ReadOptions
from convert.readers.markdown import READER, _front_matter
from convert.readers.sniff import looks_like_markdown

MANUSCRIPT = """\
---
title: 内部草稿
tags: [讲话]
---

# 关于加强基层治理工作的报告

同志们：

今年以来，我们认真贯彻落实各项决策部署，基层治理取得[新的进展](https://example.com/a)。![徽标](logo.png)

## 一、总体情况

### （一）主要成效

**坚持党建引领。**全年新建党组织12个，覆盖率达到**98%**。

#### 1.组织建设

一、二季度经济运行平稳，为全年打下基础。

#### 2.队伍建设

投入资金3000万元，完成培训1200人次。<!-- 数字待核 -->

| 指标 | 2023年 | 增长 |
|------|--------|------|
| 党组织 | 120个 | 11% |

> 基层强则国家强，基层安则天下安。

1. 完善网格管理
2. 健全议事制度

- 抓学习
- 抓落实

```
附：数据口径 2023年
```

**这一点必须牢记！**

主要抓了三件事：一是抓学习，二是抓落实，三是抓督查。

## 二、下一步打算

谢谢大家！
"""


def read(text: str) -> Document:
    return READER.read(text.encode("utf-8"), ReadOptions(source="t.md"))


@pytest.fixture(scope="module")
def man() -> Document:
    return read(MANUSCRIPT)


def test_headings_levels_and_title(man: Document) -> None:
    assert man.title == "关于加强基层治理工作的报告"
    heads = [(b.level, b.text, b.run_in, b.ordinal) for b in man.blocks() if isinstance(b, Heading)]
    assert heads == [
        (1, "一、总体情况", False, "一、"),
        (2, "（一）主要成效", False, "（一）"),
        (3, "坚持党建引领。", True, None),
        (3, "1.组织建设", False, "1."),
        (3, "2.队伍建设", False, "2."),
        (1, "二、下一步打算", False, "二、"),
    ]


def test_bold_lead_runs_links_images_html(man: Document) -> None:
    blocks = list(man.blocks())
    k = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.run_in)
    assert blocks[k + 1].runs == (Run("全年新建党组织12个，覆盖率达到"), Run("98%", bold=True), Run("。"))
    texts = [b.text for b in blocks]
    assert "今年以来，我们认真贯彻落实各项决策部署，基层治理取得新的进展。" in texts
    assert "投入资金3000万元，完成培训1200人次。" in texts
    everything = document_text(man)
    for absent in ("example.com", "徽标", "logo", "数字待核", "内部草稿", "tags"):
        assert absent not in everything
    codes = {d.code for d in man.diagnostics}
    assert {"front-matter", "md-image", "md-html"} <= codes


def test_table_quote_lists_code(man: Document) -> None:
    blocks = list(man.blocks())
    assert [b.rows for b in blocks if isinstance(b, Table)] == [
        (("指标", "2023年", "增长"), ("党组织", "120个", "11%"))
    ]
    roles = {b.text: b.role for b in blocks if isinstance(b, Paragraph)}
    assert roles["基层强则国家强，基层安则天下安。"] == "quote"
    assert roles["1.完善网格管理"] == roles["2.健全议事制度"] == "list_item"  # numbers are content
    assert roles["抓学习"] == roles["抓落实"] == "list_item"
    notes = [b for b in blocks if isinstance(b, Note)]
    assert [(n.kind, n.text) for n in notes] == [("code", "附：数据口径 2023年")]


TABLES = """\
# 表格

| 左 | 中 | 右 |
|:---|:--:|---:|
| **粗体**甲1 | [链接](https://example.com)乙2 | `代码`丙3 |
| 转义\\|竖线 | 只有两格 |
| a | b | c |
> 引文打断表格

| 单列 |
|---|
| 一 |
- 列表打断表格

|x|y|
|-|-|
|1|2
| 3 | 4 |

谢谢大家！
"""


def test_tables_end_where_markdown_it_ends_them() -> None:
    """The table rule of our own (one token a table, every cell kept) ends a table at the
    same line, and reads the same cells, as markdown-it's where no row is wider."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    theirs: list[list[tuple[str, ...]]] = []
    for tok in md.parse(TABLES):
        if tok.type == "table_open":
            theirs.append([])
        elif tok.type == "tr_open":
            row: list[str] = []
        elif tok.type == "inline" and theirs and tok.level >= 3:
            row.append(md.renderer.render(tok.children or [], md.options, {}))
        elif tok.type == "tr_close":
            theirs[-1].append(tuple(row))
    ours = [b.rows for b in READER.read(TABLES.encode(), ReadOptions()).blocks() if isinstance(b, Table)]
    assert len(ours) == len(theirs) == 3
    plain = [[tuple(re.sub(r"<[^>]+>", "", c).replace("&amp;", "&") for c in r) for r in t] for t in theirs]
    assert ours == [tuple(t) for t in plain]
    assert ours[0][1] == ("粗体甲1", "链接乙2", "代码丙3")  # cells' inline markup is read
    assert ours[0][2] == ("转义|竖线", "只有两格", "")  # a short row is filled


def test_traps_stay_body_text(man: Document) -> None:
    paras = {b.text: b for b in man.blocks() if isinstance(b, Paragraph)}
    assert paras["这一点必须牢记！"].runs == (Run("这一点必须牢记！", bold=True),)
    assert "一、二季度经济运行平稳，为全年打下基础。" in paras
    assert "主要抓了三件事：一是抓学习，二是抓落实，三是抓督查。" in paras
    assert paras["同志们："].role == "greeting" and paras["谢谢大家！"].role == "closing"


def test_line_numbers_are_source_lines(man: Document) -> None:
    lines = MANUSCRIPT.splitlines()
    for b in man.blocks():
        if isinstance(b, Heading) and not b.run_in:
            assert b.text.split("、")[-1][:2] in lines[b.line - 1]


def test_same_structure_as_plain_text() -> None:
    """Markup aside, a Markdown manuscript reads like the same text."""
    md = "在全市工作会议上的讲话\n\n同志们：\n\n## 一、提高认识\n\n认识是行动的先导。\n\n## 二、狠抓落实\n\n落实是关键。\n"
    txt = md.replace("## ", "")
    a, b = read(md), convert.read_bytes(txt.encode(), fmt="txt", source="t.md")
    strip = lambda d: [(type(x).__name__, x.text, getattr(x, "level", None)) for x in d.blocks()]
    assert strip(a) == strip(b) and a.title == b.title


def test_bold_lines_are_headings_only_in_series() -> None:
    series = read("**加强组织领导**\n\n各级党委要把这项工作摆上重要议程。\n\n**强化督促检查**\n\n要定期开展督查。\n")
    assert [h.text for h in series.speeches[0].headings()] == ["加强组织领导", "强化督促检查"]
    single = read("开头一段话。\n\n**务必高度重视**\n\n要定期开展督查。\n")
    assert list(single.speeches[0].headings()) == []


def test_lines_pasted_one_per_paragraph_are_split() -> None:
    """Chinese text pasted with one paragraph per line (full-width indent, sentence ends)
    and a line wrapped mid-sentence joined back."""
    doc = read("　　第一段话结束了。  \n　　第二段开始，这一行\n没有结束就换行了。\n")
    assert [b.text for b in doc.blocks()] == ["第一段话结束了。", "第二段开始，这一行没有结束就换行了。"]
    assert [b.line for b in doc.blocks()] == [1, 2]
    latin = read("A sentence that wraps\nonto a second line.\n")
    assert [b.text for b in latin.blocks()] == ["A sentence that wraps onto a second line."]


SPEECH_LINES = [
    "同志们：",
    "今天的会议很重要，下面我讲两点意见，供大家参考。",
    "一、充分认识做好这项工作的重要意义",
    "这项工作关系全局，各级各部门要高度重视，切实把思想统一到部署上来。",
    "二、扎实推进各项任务落实",
    "要细化任务分工，明确时间节点，确保各项工作按期完成，取得实效。",
]


def test_a_heading_typed_on_its_own_line_without_a_blank_line_stays_a_heading() -> None:
    """Chinese typed one line per paragraph with no blank lines (as Obsidian shows it): a
    numbered heading or a short unpunctuated title ends at its line, as in a .txt; a short
    line with a comma is a clause the writer broke after and goes on."""
    doc = read("\n".join(SPEECH_LINES) + "\n")
    txt = convert.read_bytes(("\n".join(SPEECH_LINES) + "\n").encode(), fmt="txt", source="t.txt")
    assert [h.text for h in doc.speeches[0].headings()] == [SPEECH_LINES[2], SPEECH_LINES[4]]
    assert [(type(b).__name__, b.text) for b in doc.blocks()] == [(type(b).__name__, b.text) for b in txt.blocks()]
    sembr = read("我们要坚持问题导向，\n着力解决突出问题。\n")
    assert [b.text for b in sembr.blocks()] == ["我们要坚持问题导向，着力解决突出问题。"]


def test_a_speech_reposted_in_one_block_quote_is_read_as_the_speech() -> None:
    quoted = "\n".join(["# 转载：一篇讲话", "", "以下为讲话全文：", ""] + [f"> {line}" for line in SPEECH_LINES]) + "\n"
    doc = read(quoted)
    assert [h.text for h in doc.speeches[0].headings()] == [SPEECH_LINES[2], SPEECH_LINES[4]]
    assert not [b for b in doc.blocks() if isinstance(b, Paragraph) and b.role == "quote"]
    assert any(d.code == "quoted-speech" for d in doc.diagnostics)
    assert content_chars(document_text(doc)) == content_chars(quoted)
    # a wholly bold quoted line is no lead (Hypothesis found this crash)
    assert "".join(b.text for b in read("> **一**\n**一**\n**一**\n").blocks()) == "一一一"
    # a quotation inside a speech stays a quotation
    inside = read("\n\n".join(SPEECH_LINES) + "\n\n> 引用的一段原文，作为论据。\n\n" + "结束语到此为止，谢谢大家。\n")
    assert [b.text for b in doc.blocks()][-1] == SPEECH_LINES[-1]
    assert [b.role for b in inside.blocks() if isinstance(b, Paragraph) and b.text.startswith("引用")] == ["quote"]


def test_rules_separate_titled_parts_only() -> None:
    collection = read(
        "# 讲话汇编\n\n---\n\n## 在甲会议上的讲话\n\n第一篇正文。\n\n---\n\n## 在乙会议上的讲话\n\n第二篇正文。\n"
    )
    assert collection.title == "讲话汇编"
    assert [s.title for s in collection.speeches] == ["在甲会议上的讲话", "在乙会议上的讲话"]
    decoration = read("第一段。\n\n---\n\n第二段。\n")
    assert len(decoration.speeches) == 1 and [b.text for b in decoration.blocks()] == ["第一段。", "第二段。"]


def test_generated_toc_is_dropped() -> None:
    doc = read(
        "# 述职\n\n- [工作总结](#工作总结)\n- [后续规划](#后续规划)\n\n## 工作总结\n\n做了很多工作。\n\n## 后续规划\n\n继续努力。\n"
    )
    assert [b.text for b in doc.blocks()] == ["工作总结", "做了很多工作。", "后续规划", "继续努力。"]
    assert any(d.code == "md-toc" for d in doc.diagnostics)


def test_front_matter_needs_keys() -> None:
    assert _front_matter(["---", "title: x", "---", "正文"]) == 3
    assert _front_matter(["---", "不是元数据", "---"]) == 0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("# 标题\n\n正文\n\n## 一、总体\n\n正文", True),
        ("# 标题\n\n**加粗**的正文，见[链接](http://x)。", True),
        ("#两会# 话题标签不是标题\n#热点# 再来一个", False),
        ("一、总体要求\n\n正文。\n\n二、主要任务\n\n正文。", False),
        ("# 只有一个标题\n\n正文。", False),
    ],
)
def test_looks_like_markdown(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


def _blank(pattern: str, src: str, flags: int = 0, keep: str = "") -> str:
    """Remove what ``pattern`` matches but keep its line breaks, so line numbers hold."""
    return re.sub(pattern, lambda m: (keep or "") + "\n" * m.group(0).count("\n"), src, flags=flags)


def _visible_lines(path: Path, doc: Document) -> list[str]:
    """The lines a Markdown renderer shows, numbered as in the file: front matter out (but
    its title and date when the model took them), comments, HTML tags, images and link
    targets out, a generated table of contents out; Kangxi radicals as the reader repairs
    them."""
    lines = path.read_text(encoding="utf-8").split("\n")
    skip = _front_matter(lines)
    taken = {d.line for d in doc.diagnostics if d.code == "front-matter" and d.line is not None}
    for k in range(skip):
        m = re.match(r"^(title|date)\s*:\s*(.*)$", lines[k])
        lines[k] = m.group(2) if m and (k + 1 in taken or (m.group(1) == "date" and taken)) else ""
    src = "\n".join(lines)
    src = _blank(r"<!--.*?-->", src, re.S)
    src = _blank(r"!\[[^\]]*\]\([^)]*\)", src)
    src = _blank(r"^\s*[-*+]\s+\[[^\]]*\]\(#[^)]*\)\s*$", src, re.M)
    src = re.sub(r"\]\([^)]*\)", "]", src)
    src = re.sub(r"<[^>\n]+>", "", src)
    src = "".join(unicodedata.normalize("NFKC", c) if "\u2e80" <= c <= "\u2fdf" else c for c in src)
    return src.split("\n")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not on this machine")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_corpus_nothing_lost(path: Path) -> None:
    doc = convert.read(path)
    got, want = nothing_lost(doc, _visible_lines(path, doc))
    assert got == want


def test_the_text_of_a_web_pages_html_is_kept() -> None:
    """A post copied with its HTML (<p>…</p>, <h1>, <strong>, &nbsp;, a <script>): the
    text of every element is kept as paragraphs, h1–h6 give headings, a wholly bold
    paragraph is a bold line; only markup, comments and scripts are left out. A .txt of
    such lines is read the same way."""
    body = "这一段是正文，讲的是具体的工作安排和落实要求，内容比较充实，读起来有头有尾。"
    html = "\n".join(
        [
            "<h1>在全市工作会议上的讲话</h1>",
            "<p>同志们：</p>",
            f"<p>{body}</p>",
            "<p><strong>一、认清形势</strong></p>",
            f"<div>{body}<br>{body}&nbsp;</div>",
            "<script>var x = '不是正文';</script>",
            "<p><strong>二、抓好落实</strong></p>",
            f"<p>{body}</p>",
        ]
    )
    for fmt in ("md", "txt"):
        doc = convert.api.read_bytes(html.encode("utf-8"), fmt=fmt, source=f"t.{fmt}")
        assert doc.title == "在全市工作会议上的讲话"
        assert [b.text for b in doc.blocks() if isinstance(b, Heading)] == ["一、认清形势", "二、抓好落实"]
        assert [b.text for b in doc.blocks() if isinstance(b, Paragraph)] == ["同志们：", body, body, body, body]
        assert "不是正文" not in document_text(doc)


def test_a_speech_pasted_into_a_fence_is_read_as_text() -> None:
    """A speech pasted into a fence without a language (or ```text) to keep its line
    breaks: Chinese prose, read as a text file's lines are — its salutation, paragraphs,
    numbered sections and closing (it was one code note: nothing to speak, no outline).
    A fence of code, or of text that is no Chinese prose, stays a code note."""
    speech = (
        "同志们：\n今天召开会议，主要任务是总结工作、部署任务。\n一、总结工作\n"
        "过去一年，我们攻坚克难，各项工作取得了新的成绩。\n二、部署任务\n"
        "今年要突出重点，狠抓落实，确保全年目标顺利完成。\n谢谢大家！\n"
    )
    for info in ("", "text"):
        doc = read(f"# 在年度工作会议上的讲话\n\n```{info}\n{speech}```\n")
        assert [b.text for b in doc.blocks() if isinstance(b, Heading)] == ["一、总结工作", "二、部署任务"]
        roles = [b.role for b in doc.blocks() if isinstance(b, Paragraph)]
        assert roles[0] == "greeting" and roles[-1] == "closing"
        assert not [b for b in doc.blocks() if isinstance(b, Note)]
        assert any(d.code == "prose-fence" for d in doc.diagnostics)
    for fence in ("```python\nprint('你好。')\n```\n", "```\nfor x in range(3):\n    total += x\n```\n"):
        doc = read(f"# 附录\n\n{fence}")
        assert [b.kind for b in doc.blocks() if isinstance(b, Note)] == ["code"]
