"""Benchmark: the text reader on the plain-text shapes real exports produce (issue 19).

Each shape is built at 1×, 2×, 4× and 8× a base of 1 MiB (so 8 MiB at the top) and read by
``speechpress inspect FILE --json`` in a fresh child (:mod:`scaling`, the shared harness):
time, peak RSS and the growth per doubling. A linear reader doubles its time per doubling;
the bound is 2.3, and 30 s for 8 MiB.

Shapes (issue 19): hard-wrapped lines of one paragraph (PDF exports of reports); paragraphs
whose lead sentences are all parallel; a long run of half-width dots after a Han character
(OCR leaders); wrapped lines separated by blank lines; nothing but blank lines; nothing but
``1.``-numbered heading lines; and the sample manuscript repeated.

Run: python3 bench/bench_scaling.py [--only wrapped-paragraph ...] [--factors 1,2,4,8] [--base-kib 64]
"""

from __future__ import annotations

import sys
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaling import ROOT, Shape, main

MIB = 2**20
SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"
#: Running Chinese text to cut lines from (no punctuation: the shapes add their own).
HAN_TEXT = "我们要坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局着力推动高质量发展"


def _fill(unit: str, n: int) -> bytes:
    """``unit`` repeated to about ``n`` bytes of UTF-8."""
    size = len(unit.encode("utf-8"))
    return (unit * max(1, n // size)).encode("utf-8")


def _han(k: int, length: int) -> str:
    """``length`` Han characters of the running text, starting at offset ``k``."""
    return "".join(islice(cycle(HAN_TEXT), k % len(HAN_TEXT), k % len(HAN_TEXT) + length))


def wrapped_paragraph(n: int) -> bytes:
    """Hard-wrapped lines (22 Han + 2 digits each) that all belong to one paragraph."""
    lines = []
    size = 0
    k = 0
    while size < n:
        line = _han(k, 22) + f"{k % 100:02d}"
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        k += 1
    return ("\n".join(lines) + "。\n").encode("utf-8")


def parallel_leads(n: int) -> bytes:
    """Paragraphs opening with parallel lead sentences (我们…。) of three lengths."""
    paras = []
    size = 0
    k = 0
    while size < n:
        # three lengths, each within reach of the first but not of each other
        lead = "我们要" + _han(k, (9, 4, 14)[k % 3]) + "。"
        para = lead + _han(k + 7, 60) + "，" + _han(k + 3, 40) + "。"
        paras.append(para)
        size += len(para.encode("utf-8")) + 1
        k += 1
    return ("\n".join(paras) + "\n").encode("utf-8")


def dot_leaders(n: int) -> bytes:
    """One long line of half-width dots after a Han character (OCR and PDF leaders)."""
    return ("中" + "." * max(1, n - 3) + "\n").encode("utf-8")


def wrapped_with_blanks(n: int) -> bytes:
    """Wrapped lines of running text, a blank line after each."""
    return b"".join(
        (_han(k, 30) + ("，" if k % 4 else "。") + "\n\n").encode("utf-8") for k in range(max(1, n // (31 * 3 + 2)))
    )


def blank_lines(n: int) -> bytes:
    """Blank lines between a first and a last line of text."""
    return "开头一行。\n".encode() + b"\n" * n + "结尾一行。\n".encode()


def numbered_headings(n: int) -> bytes:
    """Nothing but short ``1.``-numbered heading lines, numbering 1–200 over and over."""
    lines = []
    size = 0
    k = 0
    while size < n:
        line = f"{k % 200 + 1}.{_han(k, 8)}"
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        k += 1
    return ("\n".join(lines) + "\n").encode("utf-8")


def sample(n: int) -> bytes:
    """The sample manuscript repeated (each copy a collection of its own pieces)."""
    return _fill(SEED.read_text("utf-8") + "\n", n)


SHAPES = [
    Shape("wrapped-paragraph", wrapped_paragraph, MIB),
    Shape("parallel-leads", parallel_leads, MIB),
    Shape("dot-leaders", dot_leaders, MIB),
    Shape("wrapped-with-blanks", wrapped_with_blanks, MIB),
    Shape("blank-lines", blank_lines, MIB),
    Shape("numbered-headings", numbered_headings, MIB),
    Shape("sample", sample, MIB),
]


def _with_base(argv: list[str]) -> tuple[list[Shape], list[str]]:
    """``--base-kib N`` (ours, not the harness's): a smaller 1× for a quick look at a slow
    reader; the rest of the arguments go to the harness."""
    if "--base-kib" not in argv:
        return SHAPES, argv
    k = argv.index("--base-kib")
    base = int(argv[k + 1]) * 1024
    rest = argv[:k] + argv[k + 2 :]
    return [Shape(s.name, s.make, base, s.suffix, s.command) for s in SHAPES], rest


if __name__ == "__main__":
    shapes, rest = _with_base(sys.argv[1:])
    sys.exit(main(shapes, rest))
