"""Issue 21, silent loss: text that vanished with exit 0 and no diagnostic.

Each case goes through the real command in a subprocess, to DOCX, PDF and EPUB, and every
Han character and digit of the input is looked for in what a reader of each output sees
(python-docx, pdftotext, the EPUB's XHTML): Markdown nested deeper than markdown-it's 20
levels, literal escapes in a .txt, lines that only looked like page furniture. The
deliberate repairs that remain (invisible-space escapes, real page numbers) are reported
and checked to be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from extract import EXTRACT, lost

from convert.model import content_chars

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("docx", "pdf", "epub")
HEAD = "# 在全市工作会议上的讲话\n\n同志们：\n\n今天召开2024年工作会议。\n\n"
CLOSING = "\n\n谢谢大家！\n"

DEEP_MARKDOWN = {
    "quote_25": HEAD + ">" * 25 + " 深处的文字123。" + CLOSING,
    "list_30": HEAD + "".join("  " * i + f"- 第{i}层要点{i * 7}\n" for i in range(30)) + CLOSING,
    "quote_100k": HEAD + ">" * 100_000 + " 最深处的文字456。" + CLOSING,
    "quote_2000_lines": HEAD + "".join(">" * 25 + f" 第{i}行引文。\n" for i in range(2000)) + CLOSING,
}


def cli(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "-m", "convert", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def diagnostics(path: Path) -> list[dict]:
    proc = cli("inspect", path, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["diagnostics"]


@pytest.fixture(scope="module")
def deep_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    src = tmp_path_factory.mktemp("deep_md")
    for name, text in DEEP_MARKDOWN.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("deep_out")
    return src, out, cli("convert", src, "-t", ",".join(FORMATS), "-o", out, "-j", "2")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(DEEP_MARKDOWN))
def test_markdown_nested_too_deep_is_flattened_not_dropped(deep_run, name: str, fmt: str) -> None:
    _, out, proc = deep_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    expected = content_chars(DEEP_MARKDOWN[name])
    assert "谢谢大家" in expected
    problem = lost(expected, EXTRACT[fmt](out / f"{name}.{fmt}"))
    assert problem is None, problem


@pytest.mark.parametrize("name", sorted(DEEP_MARKDOWN))
def test_flattening_is_reported_with_its_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.md"
    path.write_text(DEEP_MARKDOWN[name], encoding="utf-8")
    warnings = [d for d in diagnostics(path) if d["code"] == "md-too-deep"]
    assert len(warnings) == 1 and warnings[0]["severity"] == "warning"
    # the first line inside the 8th level (16 of markdown-it's: a quote is one, a list item two)
    first_deep = next(i for i, x in enumerate(DEEP_MARKDOWN[name].splitlines(), 1) if x.startswith((">", "  " * 7)))
    assert warnings[0]["line"] == first_deep


def test_markdown_within_the_depth_keeps_its_structure_and_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text(HEAD + "> 引文一\n>\n> > 引文二\n\n- 要点一\n  - 要点二\n" + CLOSING, encoding="utf-8")
    assert not [d for d in diagnostics(path) if d["code"].startswith("md-too")]
    model = json.loads(cli("inspect", path, "--json").stdout)
    roles = [b.get("role") for s in model["speeches"] for b in s["blocks"]]
    assert roles.count("quote") == 2 and roles.count("list_item") == 2


# ---- literal escapes in a .txt --------------------------------------------------------------

ESCAPES = "讲话\n\n同志们：\n\n原文写作<U+4E2D>、\\u6587和&#x5B57;三种转义，意思是“中文字”。\n\n空<U+00A0>格<U+3000>与零<U+200B>宽&nbsp;符号要修复。\n"


@pytest.mark.slow
def test_literal_escapes_stay_as_written_and_invisible_spaces_are_repaired(tmp_path: Path) -> None:
    src = tmp_path / "escapes.txt"
    src.write_text(ESCAPES, encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("convert", src, "-t", ",".join(FORMATS), "-o", out, "-v")
    assert proc.returncode == 0, proc.stderr
    # the escapes of visible characters are content: every digit is still there
    expected = content_chars(ESCAPES.replace("<U+00A0>", " ").replace("<U+3000>", "").replace("<U+200B>", ""))
    for fmt in FORMATS:
        text = EXTRACT[fmt](out / f"escapes.{fmt}")
        assert lost(expected, text) is None, (fmt, lost(expected, text))
        flat = "".join(text.split())
        assert "<U+4E2D>" in flat and "\\u6587" in flat and "&#x5B57" in flat, fmt
        assert "<U+00A0>" not in flat and "<U+200B>" not in flat and "&nbsp;" not in flat, fmt
    assert "escape(s) of invisible spaces" in proc.stderr


# ---- page furniture needs evidence of pages ----------------------------------------------------

BODY = "这一段是正文内容，讲的是今年的工作安排和明年的工作打算"


@pytest.mark.parametrize(
    "text",
    [
        "讲话\n\n我们走过了三个年份：\n2021\n2022\n2023\n每一年都不平凡。\n",
        "讲话\n\n不忘初心\n我们要牢记使命，继续奋斗。\n不忘初心\n继续前进，再创佳绩。\n- 1 -\n不忘初心\n方得始终，牢记使命。\n",
        "讲话\n\n第一，关于进度\n1\n2\n3\n这三项要落实。\n",
        "讲话\n\n" + "".join(f"{y}\n{BODY}{y}年。\n{BODY}。\n" for y in (2019, 2020, 2021, 2022)),
    ],
    ids=["years", "refrain", "adjacent-numbers", "year-sections"],
)
def test_lines_that_only_look_like_furniture_are_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(text, encoding="utf-8")
    diags = diagnostics(path)
    dropped = [d["message"] for d in diags if d["code"] in ("page-number", "running-header")]
    model = json.loads(cli("inspect", path, "--json").stdout)
    got = "".join(
        b.get("text", "") + "".join("".join(r) for r in b.get("rows", []))
        for s in model["speeches"]
        for b in s["blocks"]
    ) + "".join(str(model.get(k) or "") for k in ("title", "subtitle", "author", "date"))
    got += "".join(str(s.get(k) or "") for s in model["speeches"] for k in ("label", "title", "subtitle"))
    kept = content_chars(text)
    for message in dropped:  # only a decorated page number may go, and it is reported
        assert "“- 1 -”" in message
        kept = kept.replace("1", "", 1) if "- 1 -" in text else kept
    assert sorted(content_chars(got)) == sorted(kept)
    assert not [d for d in diags if d["code"] == "running-header"]


def test_real_page_furniture_is_still_dropped_and_reported(tmp_path: Path) -> None:
    pages = "".join(
        f"市政府工作报告\n{BODY}，\n这是第{n}页的正文，内容还要继续，\n{BODY}，\n继续推进第{n}项任务。\n{n}\n"
        for n in range(1, 6)
    )
    path = tmp_path / "report.txt"
    path.write_text("政府工作报告\n\n" + pages, encoding="utf-8")
    diags = diagnostics(path)
    assert sum(d["code"] == "page-number" for d in diags) == 5
    assert sum(d["code"] == "running-header" for d in diags) == 5


# ---- a Markdown table row wider than its header ---------------------------------------------

WIDE_TABLE = (
    HEAD + "| 指标 | 数值 |\n|------|------|\n| 党组织 | 120个 | 多出一格31 | 再多**一格**47 |\n"
    "| 短行 |\n| 最后 | 9 |\n" + CLOSING
)


@pytest.mark.slow
def test_a_table_row_wider_than_its_header_keeps_every_cell(tmp_path: Path) -> None:
    """markdown-it drops the cells beyond the header's count without a word."""
    src = tmp_path / "wide.md"
    src.write_text(WIDE_TABLE, encoding="utf-8")
    model = json.loads(cli("inspect", src, "--json").stdout)
    (table,) = [b for s in model["speeches"] for b in s["blocks"] if b["type"] == "table"]
    assert table["rows"] == [
        ["指标", "数值"],
        ["党组织", "120个", "多出一格31", "再多一格47"],
        ["短行", ""],
        ["最后", "9"],
    ]
    wide = [d for d in model["diagnostics"] if d["code"] == "md-table-wide"]
    row_line = WIDE_TABLE.splitlines().index("| 党组织 | 120个 | 多出一格31 | 再多**一格**47 |") + 1
    assert len(wide) == 1 and wide[0]["severity"] == "info" and wide[0]["line"] == row_line
    out = tmp_path / "out"
    proc = cli("convert", src, "-t", ",".join(FORMATS), "-o", out)
    assert proc.returncode == 0, proc.stderr
    expected = content_chars(WIDE_TABLE)
    for fmt in FORMATS:
        text = EXTRACT[fmt](out / f"wide.{fmt}")
        assert lost(expected, text) is None, (fmt, lost(expected, text))
        flat = "".join(text.split())
        assert "多出一格31" in flat and "再多一格47" in flat, fmt
