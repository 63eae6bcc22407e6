"""Speaking time: spoken characters at a pace, on manuscripts whose length is counted by
hand here (the counts are in the comments), and what is not spoken."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from convert import api, timing
from convert.cli import main
from convert.model import Document, Heading, Note, Paragraph, Run, Speech

# A manuscript written for this test. Title, speaker and date lines are not spoken.
MANUSCRIPT = """在全市秋季工作会议上的讲话
张三
2024年9月1日
同志们：
一、抓好安全生产
各级各部门要把安全放在首位。
全年完成投资170亿元，增长5.2%。
二、做好民生保障
我们要办好每一件实事。
谢谢大家！
"""
# 同志们 3 | 一 抓好安全生产 7 | 各级各部门要把安全放在首位 13 |
# 全年完成投资 6 + 170 (一百七十) 4 + 亿元 2 + 增长 2 + 5.2% (百分之五点二) 6 = 20 |
# 二 做好民生保障 7 | 我们要办好每一件实事 10 | 谢谢大家 4
SPOKEN = 3 + 7 + 13 + 20 + 7 + 10 + 4  # 64
FIRST_SECTION = 7 + 13 + 20  # 一、… up to 二、
SECOND_SECTION = 7 + 10 + 4


def _read(tmp_path: Path) -> Document:
    p = tmp_path / "talk.txt"
    p.write_text(MANUSCRIPT, encoding="utf-8")
    return api.read(p)


def test_numbers_are_said_as_words() -> None:
    assert timing.spoken_units("170") == 4  # 一百七十
    assert timing.spoken_units("10") == 1  # 十
    assert timing.spoken_units("30005") == 4  # 三万零五
    assert timing.spoken_units("2024年") == 5  # 二〇二四年
    assert timing.spoken_units("5.2%") == 6  # 百分之五点二
    assert timing.spoken_units("GDP") == 3  # letter by letter
    assert timing.spoken_units("，。“”") == 0


def test_a_written_manuscript_of_known_length(tmp_path: Path) -> None:
    doc = _read(tmp_path)
    assert doc.title == "在全市秋季工作会议上的讲话"
    t = timing.speech_time(doc.speeches[0])
    assert t.units == SPOKEN == timing.document_units(doc)
    assert [s.units for s in t.sections] == [FIRST_SECTION, SECOND_SECTION]
    # 64 characters at 220 a minute: 17.45 s, shown to ten seconds
    assert round(t.seconds(220), 2) == 17.45 and timing.format_duration(t.seconds(220)) == "0′20″"
    # at 32 a minute (below the CLI's range, but the arithmetic is the same): exactly 2 minutes
    assert t.seconds(32) == 120.0 and timing.format_duration(t.seconds(32)) == "2′00″"


def test_notes_cues_and_the_title_block_are_not_spoken() -> None:
    speech = Speech(
        blocks=(
            Heading(1, "一、总体要求"),  # 一 总体要求: 5
            Paragraph((Run("今天开会"), Run("【新增产值170亿以上】", note=True), Run("。"))),  # 4
            Note("翻页", kind="cue"),
            Note("〔1〕参见有关文件。", kind="footnote"),
            Note("以下为会议记录", kind="editorial"),
        ),
        label="（一）",
        title="在会议上的讲话",
        author="李四",
    )
    doc = Document(speeches=(speech,), title="讲话汇编", subtitle="（1篇）")
    assert timing.speech_time(speech).units == 9
    assert timing.document_units(doc) == 9


def test_inspect_and_lint_show_it(tmp_path: Path) -> None:
    p = tmp_path / "talk.txt"
    p.write_text(MANUSCRIPT * 1, encoding="utf-8")
    r = CliRunner().invoke(main, ["inspect", str(p), "--json", "--pace", "64"])
    data = json.loads(r.output)["speaking_time"]
    assert data["pace"] == 64 and data["spoken_chars"] == SPOKEN and data["seconds"] == 60
    assert [s["spoken_chars"] for s in data["speeches"][0]["sections"]] == [FIRST_SECTION, SECOND_SECTION]
    r = CliRunner().invoke(main, ["inspect", str(p), "--pace", "64"])
    assert "  H1 一、抓好安全生产 [0′40″]" in r.output.splitlines()  # 40 characters at 64 a minute: 37.5 s
    r = CliRunner().invoke(main, ["lint", str(p), "--pace", "64", "--max-minutes", "0.5", "--strict"])
    assert r.exit_code == 1 and "runs about 1′00″ read aloud at 64 characters a minute, over 0.5 minutes" in r.output
    r = CliRunner().invoke(main, ["lint", str(p), "--pace", "64", "--max-minutes", "2"])
    assert "speech-too-long" not in r.output
