"""Scaling benchmark for the writers (issues 17 and 21): does each writer stay linear in
the shapes of text that broke it, and within 500 MB on a 10 MB input?

Each shape is made at 1×, 2×, 4×, 8× a base size and run through the real CLI
(``convert IN -t FORMAT``) in a fresh child per run (:mod:`bench.scaling`); the table
shows the growth per doubling, which must stay ≤ 2.3. A ``read`` row runs the reader
alone (``inspect --json``) on the same inputs: when it grows as fast as a writer row, the
reader is the superlinear part, not the writer.

Shapes: many paragraphs; consecutive headings (Word ``Heading 1``/``2``); inline runs in
one paragraph (alternating bold, from a .docx); one table with many rows (a .docx);
many pieces （一）（二）…; blank lines; one long line.

    python3 bench/bench_scaling_writers.py                  # every shape, every writer
    python3 bench/bench_scaling_writers.py --only runs-pdf headings-epub
    python3 bench/bench_scaling_writers.py --ten-mb         # each shape once at ~10 MB: peak RSS
    python3 bench/bench_scaling_writers.py --formats pdf    # one writer (and the reader rows)

Before measuring, each PDF and EPUB shape is run once at its base size so that the font
cache holds its subsets (``--no-warm`` skips it).

The inputs are generated (tests/hostile/make_corpus.py's prose), never read from a corpus.
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hostile.make_corpus import body  # noqa: E402

from bench.scaling import Shape, main  # noqa: E402
from convert.numerals import counting as int_to_cn  # noqa: E402

FORMATS = ("docx", "pdf", "epub")
#: The promise: any input up to 10 MB within this many MB of peak memory.
TEN_MB = 10 * 1024 * 1024


def _prose(n: int, seed: int = 17) -> Callable[[int], str]:
    """A source of ``n``-character paragraphs, deterministic per run."""
    rng = random.Random(seed)
    return lambda k=n: body(k, rng)


# -- plain-text shapes --------------------------------------------------------------------


def paragraphs(n: int) -> bytes:
    para = _prose(80)
    return ("讲话稿\n\n" + "\n\n".join(para() for _ in range(n)) + "\n").encode()


def pieces(n: int) -> bytes:
    """A collection: ``n`` pieces, each a label （N）, a title and one paragraph (labels
    count to 999 and start again: the reader's numerals stop there, and it still splits)."""
    para = _prose(120)
    out = ["讲话稿汇编", f"（{n}篇）", ""]
    for i in range(1, n + 1):
        out += [f"（{int_to_cn((i - 1) % 999 + 1)}）", f"第{i}篇发言", "", para(), ""]
    return "\n".join(out).encode()


def blank_lines(n: int) -> bytes:
    """A little text, then ``n`` empty lines, then a closing line."""
    return ("讲话稿\n\n同志们：\n" + "\n" * n + "谢谢大家！\n").encode()


def long_line(n: int) -> bytes:
    """One paragraph of ``n`` characters on one line (sentences, no line end)."""
    return _prose(n)().encode()


# -- Word shapes -----------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body_xml: str) -> bytes:
    """A .docx made by python-docx (its template's styles: Heading 1, …), whose body is
    replaced by ``body_xml``: python-docx itself is too slow to build the big inputs."""
    import docx

    d = docx.Document()
    d.add_heading("x", 1)
    d.add_heading("x", 2)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}">'
                    f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
                ).encode()
            z.writestr(info.filename, data)
    return out.getvalue()


def _p(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def headings(n: int) -> bytes:
    """``n`` consecutive headings, levels 1 and 2 alternating, no text between them."""
    words = _prose(14)
    return _docx(
        _p("讲话稿", "Title")
        + "".join(_p(words().rstrip("。"), "Heading1" if i % 2 == 0 else "Heading2") for i in range(n))
    )


def runs(n: int) -> bytes:
    """One paragraph of ``n`` runs, every other one bold."""
    words = _prose(6)
    parts = []
    for i in range(n):
        rpr = "<w:rPr><w:b/></w:rPr>" if i % 2 else ""
        parts.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(words())}</w:t></w:r>')
    return _docx(_p("讲话稿", "Title") + "<w:p>" + "".join(parts) + "</w:p>")


TABLE_COLS = 20


def table(n: int) -> bytes:
    """One table of ``n`` rows × 20 columns of short cells."""
    words = _prose(4)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    rows = "".join(
        "<w:tr>" + "".join(cell.format(escape(words())) for _ in range(TABLE_COLS)) + "</w:tr>" for _ in range(n)
    )
    return _docx(_p("讲话稿", "Title") + f"<w:tbl>{rows}</w:tbl>" + _p("谢谢大家！"))


# -- shapes ----------------------------------------------------------------------------------

#: name -> (make, suffix, base units for the doubling series, units for ~10 MB)
MAKERS: dict[str, tuple[Callable[[int], bytes], str, int, int]] = {
    "paragraphs": (paragraphs, ".txt", 2_000, 41_000),
    "headings": (headings, ".docx", 1_000, 216_000),
    "runs": (runs, ".docx", 5_000, 360_000),
    "table": (table, ".docx", 125, 20_000),
    "pieces": (pieces, ".txt", 400, 26_000),
    "blank_lines": (blank_lines, ".txt", 1_000_000, TEN_MB),
    "long_line": (long_line, ".txt", 100_000, 3_400_000),
}


def command(fmt: str) -> tuple[str, ...]:
    if fmt == "read":
        return (sys.executable, "-m", "convert", "inspect", "{in}", "--json")
    return (sys.executable, "-m", "convert", "convert", "{in}", "-t", fmt, "-o", "{out}", "-q")


def shapes(formats: Sequence[str], ten_mb: bool) -> list[Shape]:
    out = []
    for name, (make, suffix, base, big) in MAKERS.items():
        for fmt in ("read", *formats):
            out.append(Shape(f"{name}-{fmt}", make, big if ten_mb else base, suffix, command(fmt)))
    return out


def warm_font_cache(chosen: Sequence[Shape]) -> None:
    """Run each PDF and EPUB shape once at its base size first: the first run of a new
    text subsets its fonts (seconds, a cache miss), which would inflate the 1× row."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for shape in chosen:
            if not shape.name.endswith(("-pdf", "-epub")):
                continue
            src = Path(tmp) / f"warm{shape.suffix}"
            name = shape.name.rsplit("-", 1)[0]
            src.write_bytes(shape.make(min(shape.base, MAKERS[name][2])))  # the series' base: same text
            cmd = [c.replace("{in}", str(src)).replace("{out}", tmp) for c in shape.command]
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            subprocess.run(cmd, capture_output=True, check=False, timeout=600, env=env)


if __name__ == "__main__":
    argv = sys.argv[1:]
    warm = "--no-warm" not in argv
    if not warm:
        argv.remove("--no-warm")
    ten_mb = "--ten-mb" in argv
    formats: Sequence[str] = FORMATS
    if "--formats" in argv:
        k = argv.index("--formats")
        formats = argv[k + 1].split(",")
        del argv[k : k + 2]
    if ten_mb:
        argv.remove("--ten-mb")
        if "--factors" not in argv:
            argv += ["--factors", "1"]
    chosen = shapes(formats, ten_mb)
    if warm:
        only = argv[argv.index("--only") + 1 :] if "--only" in argv else []
        only = only[: next((k for k, a in enumerate(only) if a.startswith("--")), len(only))]
        warm_font_cache([s for s in chosen if not only or s.name in only])
    sys.exit(main(chosen, argv))
