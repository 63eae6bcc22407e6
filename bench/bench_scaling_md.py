"""How the Markdown reader (and the sniffing of .txt files that look like Markdown) grows
with its input: each shape at 1×, 2×, 4×, 8×, in fresh processes, through
``speechpress inspect --json`` (read, structure, the model as JSON; no writer).

Issue 17's bound is at most 2.3× time per doubling. The shapes are the ones that were
superlinear or lost text: emphasis marks by the hundred thousand, a paragraph of many
short lines, brackets, quotes nested past markdown-it's limit, and the ordinary ones
(paragraphs, headings, list items, table rows) to show the baseline.

    python3 bench/bench_scaling_md.py [--only stars_between_han ...] [--factors 1,2,4,8]
"""

from __future__ import annotations

import sys

from scaling import Shape, main  # bench/ is on sys.path when this script runs

HEAD = "# 在全市工作会议上的讲话\n\n同志们：\n\n"
PROSE = "我们要坚持稳中求进工作总基调，全市地区生产总值增长5.2%，新增市场主体12000户。"


def md(body: str) -> bytes:
    return (HEAD + body + "\n\n谢谢大家！\n").encode("utf-8")


SHAPES = [
    Shape("paragraphs", lambda n: md("".join(f"{PROSE}第{i}段。\n\n" for i in range(n))), 4000, ".md"),
    Shape("headings", lambda n: md("".join(f"## 第{i}部分\n\n{PROSE}\n\n" for i in range(n))), 2000, ".md"),
    Shape("list_items", lambda n: md("".join(f"{i}. 第{i}项工作要落实。\n" for i in range(1, n + 1))), 5000, ".md"),
    Shape(
        "table_rows",
        lambda n: md("| 指标 | 数值 |\n|---|---|\n" + "".join(f"| 第{i}项 | {i}% |\n" for i in range(n))),
        5000,
        ".md",
    ),
    Shape("lines_of_one_paragraph", lambda n: md("中文短行\n" * n), 25_000, ".md"),
    Shape("stars_between_han", lambda n: md("中*" * n), 125_000, ".md"),
    Shape("stars_one_per_line", lambda n: md("中*\n" * n), 25_000, ".md"),
    Shape("emphasis_alternating", lambda n: md("*强调*" * n), 60_000, ".md"),
    Shape("bold_runs", lambda n: md("**加粗**正文" * n), 30_000, ".md"),
    Shape("brackets", lambda n: md("[中" * n), 60_000, ".md"),
    Shape("quote_25_deep_lines", lambda n: md("".join(">" * 25 + f" 第{i}行。\n" for i in range(n))), 4000, ".md"),
    Shape("quote_markers_one_line", lambda n: md(">" * n + " 深处的文字。"), 250_000, ".md"),
    Shape("txt_looks_like_markdown", lambda n: ("# 标题\n\n# 第二\n\n" + "[中" * n).encode("utf-8"), 60_000, ".txt"),
]

if __name__ == "__main__":
    sys.exit(main(SHAPES))
