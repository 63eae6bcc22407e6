"""Generate the corpus of hostile Markdown (issues 17 and 21) into a folder.

Generated, not stored, like the text corpus beside it (make_corpus.py): each input is a
few lines of deterministic Python, so a reader sees exactly what it exercises. Each case
names what it attacks: the nesting limit of markdown-it (quotes and lists deeper than 20
levels, which it used to drop silently), the emphasis machinery (delimiter runs by the
million), brackets, backticks, HTML, tables, headings, fences, and sheer size. Every case
carries ordinary Han text and digits around the hostile part, and most end with a closing
line, so that "nothing lost" can be checked.

    python tests/hostile/make_md_corpus.py OUT_DIR [--scale 0.1]

``--scale`` shrinks every case (for a quick look); tests use 1.0, the sizes of the issues.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEAD = "# 在全市工作会议上的讲话\n\n同志们：\n\n今天召开2024年工作会议，部署12项重点任务。\n\n"
CLOSING = "\n\n谢谢大家！\n"


@dataclass(frozen=True)
class Case:
    name: str
    why: str
    make: Callable[[float], str]  # scale -> the document's text


def n(base: int, scale: float) -> int:
    return max(1, int(base * scale))


def _list_deep(levels: int) -> str:
    return "".join("  " * i + f"- 第{i}层要点{i * 7}\n" for i in range(levels))


def _ordered_deep(levels: int) -> str:
    return "".join("   " * i + f"1. 第{i}级第{i}条\n" for i in range(levels))


def _mixed_deep(levels: int) -> str:
    return "".join("> - " * i + f"第{i}层内容{i}\n\n" for i in range(1, levels))


def _refs(k: int) -> str:
    """``k`` reference definitions, then a use of each."""
    defs = "".join(f"[参考{i}]: http://example.com/{i}\n" for i in range(k))
    return HEAD + defs + "\n" + "".join(f"见[参考{i}]。" for i in range(k)) + CLOSING


def _table(cols: int, rows: int) -> str:
    head = "| " + " | ".join(f"列{c}" for c in range(cols)) + " |\n"
    rule = "|" + "---|" * cols + "\n"
    body = "".join("| " + " | ".join(f"{r}行{c}" for c in range(cols)) + " |\n" for r in range(rows))
    return head + rule + body


CASES: list[Case] = [
    # ---- nesting (issue 21: text deeper than 20 levels vanished without a word) ----
    Case("quote_25", "a block quote 25 levels deep", lambda s: HEAD + ">" * 25 + " 深处的文字123。" + CLOSING),
    Case("list_30", "a bullet list 30 levels deep, then the closing", lambda s: HEAD + _list_deep(30) + CLOSING),
    Case("ordered_30", "an ordered list 30 levels deep", lambda s: HEAD + _ordered_deep(30) + CLOSING),
    Case("mixed_40", "quotes and lists alternating, 40 levels", lambda s: HEAD + _mixed_deep(40) + CLOSING),
    Case(
        "quote_100k",
        "100,000 '>' on one line",
        lambda s: HEAD + ">" * n(100_000, s) + " 最深处的文字456。" + CLOSING,
    ),
    Case(
        "quote_deep_2000_lines",
        "2,000 lines of a quote 25 levels deep",
        lambda s: HEAD + "".join(">" * 25 + f" 第{i}行引文。\n" for i in range(n(2000, s))) + CLOSING,
    ),
    Case(
        "bullets_100k_one_line",
        "'- ' 100,000 times on one line: a list in a list in a list",
        lambda s: HEAD + "- " * n(100_000, s) + "列表深处789。" + CLOSING,
    ),
    Case(
        "deep_quote_fence",
        "a fenced code block inside a quote 30 levels deep",
        lambda s: HEAD + ">" * 30 + " ```\n" + ">" * 30 + " 代码行42\n" + ">" * 30 + " ```\n" + CLOSING,
    ),
    # ---- emphasis (issue 17: a million marks took minutes) ----
    Case("stars_1m", "a million '*' between Han characters", lambda s: HEAD + "中*" * n(1_000_000, s) + "完" + CLOSING),
    Case("star_run_1m", "one run of a million '*'", lambda s: HEAD + "前" + "*" * n(1_000_000, s) + "后" + CLOSING),
    Case(
        "emphasis_alternating_1m",
        "a million alternating opening and closing '*'",
        lambda s: HEAD + "*强调*" * n(500_000, s) + CLOSING,
    ),
    Case(
        "strong_200k", "200,000 bold runs in one paragraph", lambda s: HEAD + "**加粗**正文" * n(200_000, s) + CLOSING
    ),
    Case("underscores_500k", "'_' between Han characters", lambda s: HEAD + "文_" * n(500_000, s) + CLOSING),
    Case("tildes_200k", "strikethrough runs", lambda s: HEAD + "~~删除~~保留" * n(200_000, s) + CLOSING),
    Case(
        "stars_per_line_200k",
        "one '*' on each of 200,000 lines of one paragraph",
        lambda s: HEAD + "中*\n" * n(200_000, s) + CLOSING,
    ),
    Case(
        "nested_stars_100k",
        "100,000 '*' on each side of one word",
        lambda s: HEAD + "*" * n(100_000, s) + "核心" + "*" * n(100_000, s) + CLOSING,
    ),
    Case(
        "cjk_punct_emphasis",
        "bold quotations that need the CJK flanking repair, 100,000 times",
        lambda s: HEAD + "**“引语”**后文。" * n(100_000, s) + CLOSING,
    ),
    Case(
        "rule_of_three",
        "'*', '**' and '***' runs mixed (the rule of three)",
        lambda s: HEAD + "*甲**乙***丙" * n(200_000, s) + CLOSING,
    ),
    # ---- brackets, code spans, HTML ----
    Case("brackets_300k", "300,000 unclosed '['", lambda s: HEAD + "[中" * n(300_000, s) + CLOSING),
    Case("links_unclosed_200k", "200,000 '[x](' never closed", lambda s: HEAD + "[文](" * n(200_000, s) + CLOSING),
    Case(
        "link_dest_parens",
        "a link destination of 100,000 '('",
        lambda s: HEAD + "[链接](" + "(" * n(100_000, s) + "x)" + "正文1。" + CLOSING,
    ),
    Case(
        "links_200k",
        "200,000 complete links",
        lambda s: HEAD + "[第1条](http://example.com/a)" * n(200_000, s) + CLOSING,
    ),
    Case(
        "refs_1000",
        "1,000 reference definitions and uses (below the markup limit: resolved as links)",
        lambda s: _refs(n(1000, s)),
    ),
    Case(
        "refs_50k",
        "50,000 reference definitions and uses (over the markup limit: kept as text)",
        lambda s: _refs(n(50_000, s)),
    ),
    Case(
        "backticks_ladder",
        "backtick runs of growing length (code-span matching)",
        lambda s: HEAD + "".join("`" * k + "码" for k in range(1, n(2000, s))) + CLOSING,
    ),
    Case("backticks_300k", "300,000 single backticks", lambda s: HEAD + "中`" * n(300_000, s) + CLOSING),
    Case("angle_300k", "300,000 '<' (autolink and HTML attempts)", lambda s: HEAD + "<中" * n(300_000, s) + CLOSING),
    Case(
        "html_comment_unclosed",
        "an HTML comment that never closes, then 100,000 lines",
        lambda s: HEAD + "<!-- 注释\n" + "正文12。\n" * n(100_000, s) + CLOSING,
    ),
    Case("escapes_500k", "500,000 backslash escapes", lambda s: HEAD + "\\*中" * n(500_000, s) + CLOSING),
    # ---- blocks and size ----
    Case(
        "table_5000_cols", "a table 5,000 columns wide", lambda s: HEAD + _table(n(5000, s), 3) + "\n正文3。" + CLOSING
    ),
    Case("table_2000_rows", "a table of 2,000 rows", lambda s: HEAD + _table(10, n(2000, s)) + "\n正文4。" + CLOSING),
    Case(
        "headings_50k",
        "50,000 headings",
        lambda s: HEAD + "".join(f"## 第{i}部分\n\n内容{i}。\n\n" for i in range(n(50_000, s))) + CLOSING,
    ),
    Case(
        "setext_50k",
        "50,000 setext headings",
        lambda s: HEAD + "".join(f"标题{i}\n---\n\n" for i in range(n(50_000, s))) + CLOSING,
    ),
    Case(
        "rules_50k",
        "50,000 horizontal rules between paragraphs",
        lambda s: HEAD + "".join(f"段落{i}。\n\n***\n\n" for i in range(n(50_000, s))) + CLOSING,
    ),
    Case(
        "fence_unclosed", "a fence that never closes", lambda s: HEAD + "```\n" + "代码99\n" * n(200_000, s) + CLOSING
    ),
    Case(
        "front_matter_unclosed",
        "'---' at the top that never closes",
        lambda s: "---\ntitle: 讲话\n" + "正文5。\n" * n(100_000, s) + CLOSING,
    ),
    Case(
        "one_line_4mb", "4 MB on one line", lambda s: HEAD + "我们要坚持稳中求进，增长5.2%。" * n(90_000, s) + CLOSING
    ),
    Case(
        "paragraph_lines_200k",
        "one paragraph of 200,000 short lines",
        lambda s: HEAD + "中文6\n" * n(200_000, s) + CLOSING,
    ),
    Case("blank_lines_2m", "2 MB of blank lines", lambda s: HEAD + "\n" * n(2_000_000, s) + "正文7。" + CLOSING),
    Case(
        "items_100k",
        "a numbered list of 100,000 items",
        lambda s: HEAD + "".join(f"{i}. 第{i}项\n" for i in range(1, n(100_000, s))) + CLOSING,
    ),
]


def generate(root: Path, scale: float = 1.0) -> dict[str, Path]:
    """Write every case as ``root/NAME.md``; return name -> path."""
    root.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in CASES:
        p = root / f"{case.name}.md"
        p.write_text(case.make(scale), encoding="utf-8")
        out[case.name] = p
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every case's size (default 1)")
    args = ap.parse_args(argv)
    paths = generate(args.out, args.scale)
    why = {c.name: c.why for c in CASES}
    for name, path in paths.items():
        print(f"{name:26} {path.stat().st_size / 1e6:6.2f} MB  # {why[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
