"""Benchmark: the Word reader on a ~60-page manuscript, against the text reader.

The manuscript is the seed's content ×12, laid out as an office would: the numbered
headings in Heading styles with Word's automatic Chinese numbering (the ordinals are
*not* in the text), bold run-in leads, a table per copy. The text reader reads the same
content as plain text (ordinals written out).

Targets (issue 9): under 0.5 s, and no more than 2× the text reader.
Run: python3 bench/bench_docx_reader.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import docx  # noqa: E402
from conftest import SEED  # noqa: E402
from test_docx_reader import official_numbering, r, raw, to_bytes  # noqa: E402

from convert.model import Heading, Paragraph, Table, content_chars, document_text  # noqa: E402
from convert.readers.base import ReadOptions  # noqa: E402
from convert.readers.docx import READER as DOCX  # noqa: E402
from convert.readers.text import READER as TEXT  # noqa: E402

COPIES = 12


def build() -> tuple[bytes, bytes, int]:
    sample = TEXT.read(SEED.read_bytes(), ReadOptions(source=SEED.name))
    d = docx.Document()
    official_numbering(d, 4)
    lines: list[str] = []
    chars = 0
    for _ in range(COPIES):
        for s in sample.speeches:
            blocks = list(s.blocks)
            i = 0
            while i < len(blocks):
                b = blocks[i]
                if isinstance(b, Heading) and b.run_in and i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph):
                    raw(d.add_paragraph(), r(b.text, bold=True) + r(blocks[i + 1].text))
                    lines.append(b.text + blocks[i + 1].text)
                    i += 2
                    continue
                if isinstance(b, Heading):
                    body = (
                        b.text[len(b.ordinal) :] if b.ordinal and b.level <= 4 and b.ordinal[-1:] in "、）." else b.text
                    )
                    d.add_paragraph(body, style=f"Heading {min(b.level, 4)}" if body != b.text else None)
                elif isinstance(b, Table):
                    t = d.add_table(rows=len(b.rows), cols=max(len(x) for x in b.rows))
                    for ri, row in enumerate(b.rows):
                        for ci, v in enumerate(row):
                            t.cell(ri, ci).text = v
                else:
                    d.add_paragraph(b.text)
                lines.append(b.text)
                chars += len(b.text)
                i += 1
        t = d.add_table(rows=3, cols=3)
        for ri in range(3):
            for ci in range(3):
                t.cell(ri, ci).text = f"指标{ri}{ci}"
        lines.append("指标00 指标01 指标02")
    text = "\n\n".join(lines).encode("utf-8")
    return to_bytes(d), text, sum(len(x) for x in lines)


def timed(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    data, text, chars = build()
    pages = chars / (22 * 28)
    opts = ReadOptions(source="bench.docx")
    doc = DOCX.read(data, opts)
    t_docx = timed(lambda: DOCX.read(data, opts))
    t_text = timed(lambda: TEXT.read(text, ReadOptions(source="bench.txt")))
    heads = sum(1 for b in doc.blocks() if isinstance(b, Heading))
    print(
        f"manuscript: {len(data) / 1024:.0f} KiB DOCX, {chars} characters ≈ {pages:.0f} pages (22×28), "
        f"{heads} headings, {len(content_chars(document_text(doc)))} Han chars + digits"
    )
    print(f"docx reader: {t_docx * 1000:.0f} ms (median of 7)   goal < 500 ms: {'ok' if t_docx < 0.5 else 'MISSED'}")
    print(
        f"text reader, same content: {t_text * 1000:.0f} ms   ratio {t_docx / t_text:.2f}×   goal ≤ 2×: "
        f"{'ok' if t_docx <= 2 * t_text else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
