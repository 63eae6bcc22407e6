"""The Markdown reader folds runs of plain lines before markdown-it parses them
(:func:`convert.readers.mdguard.compact_lines`, issue 21: 10 MB of short lines in one
paragraph took 2.9 GB). Folding is a shortcut, never a change: the model — text, runs,
structure, diagnostics and their line numbers — is the same as when every line is parsed
on its own. Hypothesis writes documents line by line from plain lines of every kind
(indented, ending in a space, with ideographic indents, sentence ends, cues, dates) and
from lines that are markup or open a block, including markup that spans lines (code
spans, link labels and reference definitions, HTML comments, fences of every length and
info, tables whose rows need no bar), and reads each both ways.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from convert.model import to_json
from convert.readers import mdguard
from convert.readers.base import ReadError, ReadOptions
from convert.readers.markdown import READER

PLAIN = [
    "中文",
    "同志们：",
    "今天召开2024年工作会议。",
    "  缩进的一行",
    " 一个空格开头",
    "  \u3000空格后全角缩进",
    "\t制表符开头",
    "一行末尾有空格 ",
    "\u3000\u3000首行缩进",
    "Latin words here",
    "and more words",
    "（掌声）",
    "2024年3月5日",
    "一",
    "首页 → 新闻",
    "新华社记者张三摄",
    "谢谢大家！",
    "a\tb",
    "结尾\t",
    "(括号) 与 :冒号",
    "2024.5亿元",
]
MARKUP = [
    "",
    "   ",
    "# 标题",
    "## 二级标题",
    "===",
    "---",
    "- 列表项",
    "1. 第一项",
    "2) 第二项",
    "> 引用",
    "> ",
    ">",
    "> 引用里的一行",
    ">引用没有空格",
    "   > 缩进的引用",
    ">> 两层引用",
    "> > 两层引用续",
    ">     引用里的代码",
    "> - 引用里的列表",
    "> `引用里的代码开始",
    ">\t制表符",
    "> 两个空格结尾  ",
    "    缩进代码",
    "```",
    "```python",
    "````",
    "~~~",
    "- ```",
    "> ```",
    "`代码开始",
    "代码结束`",
    "[标签开始",
    "标签结束]",
    "[标签开始 标签结束]: http://example.com",
    "见[标签开始 标签结束]。",
    "[引用]: http://example.com",
    "见[引用]。",
    "<!--",
    "-->",
    "<div>",
    "- <div>",
    "> <!--",
    "1. <pre>",
    "</pre>",
    "- ~~~~",
    "  ~~~",
    "| 甲 | 乙 |",
    "| --- | --- |",
    "**加粗**开头",
    "行末两个空格  ",
    "反斜杠\\",
    "*强调*",
    "&amp;",
]

line = st.one_of(st.sampled_from(PLAIN), st.sampled_from(PLAIN), st.sampled_from(MARKUP))
document = st.lists(line, min_size=1, max_size=40).map("\n".join)


def _model(text: str) -> dict | str:
    """The model as JSON, or the reader's error (a blank document has none)."""
    try:
        return to_json(READER.read(text.encode("utf-8"), ReadOptions(source="t.md")))
    except ReadError as e:
        return str(e)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document)
@example("`代码开始\n中文\n  缩进的一行\n代码结束`")  # a code span keeps an indent at the top level
@example("- `代码开始\n  中文\n  缩进的一行\n  代码结束`")  # and loses it in a list item
@example("- ```\n- ```\n  缩进的一行\n中文")  # a fence ends with its list item
@example("- <div>\n  中文\n中文")  # so does an HTML block
@example("> <!--\n> 中文\n中文\n-->")
@example("- 列表项\n  ~~~\n中文\n  ~~~\n中文\n  缩进的一行")  # a line less indented ends the item's fence
@example("> ```\n中文\n> ```\n> 引用\n中文")  # a line without the quote's mark ends the quote's fence
def test_folding_plain_lines_changes_no_model(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    folded = _model(text)
    with monkeypatch.context() as m:
        m.setattr(mdguard, "plain_line", lambda line: False)
        assert _model(text) == folded


def test_a_paragraph_of_plain_lines_is_one_parsed_line() -> None:
    lines = ["标题", "", *(["中"] * 1000), "", "谢谢大家！"]
    out, first, last = mdguard.compact_lines(lines, keep=())
    assert out == ["标题", "", mdguard.SOFT.join(["中"] * 1000), "", "谢谢大家！"]
    assert first == [0, 1, 2, 1002, 1003] and last == [0, 1, 1001, 1002, 1003]


def test_code_fences_and_table_rows_are_not_folded() -> None:
    lines = ["```", "代码 ", "  代码", "```", "甲 | 乙", "--- | ---", "行", "行"]
    out, _, _ = mdguard.compact_lines(lines, keep=(), raw=mdguard.raw_lines(lines))
    assert out == lines
