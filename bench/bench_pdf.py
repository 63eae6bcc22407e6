"""Benchmark the PDF writer from the command line: cold and warm CLI runs, size, font share;
and the writer alone on the 100× collection (issue 16: at most 2 s).

Usage: python bench/bench_pdf.py [manuscript] [--style NAME] [--copies N]

Cold = an empty font cache (fontTools converts the glyphs each face needs into its glyph
store); warm = the same command again (subsets are cut from the stores, nothing is
converted). A new manuscript with prepared stores runs like the warm run: see
``bench/compare.py`` (``new-pdf``). The font share is the sum of the embedded
font programs' stream lengths (as stored, i.e. compressed) over the file size.
The collection (bench_reader's: the sample's pieces ``--copies`` times) is read once; the
writer's wall and CPU time are the median of three in-process writes after a first one
that fills the font cache; the font share is also shown face by face.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def font_files(pdf: bytes) -> dict[str, int]:
    """Each embedded face's font program, stored length by its base font name."""
    out: dict[str, int] = {}
    for d in re.finditer(rb"<<[^<>]*?/Type /FontDescriptor[^<>]*?>>", pdf, re.S):
        name = re.search(rb"/FontName /(\S+)", d.group(0))
        ref = re.search(rb"/FontFile[23]? (\d+) 0 R", d.group(0))
        if not (name and ref):
            continue
        obj = re.search(rb"\n%d 0 obj\s*<<(.*?)>>\s*stream" % int(ref.group(1)), pdf, re.S)
        length = re.search(rb"/Length (\d+)", obj.group(1)) if obj else None
        if length:
            out[name.group(1).decode()] = int(length.group(1))
    return out


def writer_alone(copies: int, style: str) -> tuple[float, float, float]:
    """(median wall s, median CPU s, MB) of the PDF writer on the ``copies``× collection."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_reader import synthetic

    import convert

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "collection.txt"
        src.write_bytes(synthetic(copies))
        doc = convert.read(src)
        out = Path(tmp) / "collection.pdf"
        convert.write(doc, out, style=style or "official")  # fills the font cache
        walls, cpus = [], []
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            convert.write(doc, out, style=style or "official")
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        return statistics.median(walls), statistics.median(cpus), out.stat().st_size / 1e6


def font_bytes(pdf: bytes) -> int:
    """Stored length of every stream referenced as /FontFile2 (or FontFile/FontFile3)."""
    refs = {int(m.group(1)) for m in re.finditer(rb"/FontFile[23]? (\d+) 0 R", pdf)}
    total = 0
    for num in refs:
        m = re.search(rb"\n%d 0 obj\s*<<(.*?)>>\s*stream" % num, pdf, re.S)
        if m:
            length = re.search(rb"/Length (\d+)", m.group(1))
            if length:
                total += int(length.group(1))
    return total


def run_cli(src: Path, out: Path, style: str, cache: Path) -> float:
    env = dict(os.environ, SPEECHPRESS_CACHE=str(cache))
    cmd = [sys.executable, "-m", "convert", "convert", str(src), "-t", "pdf", "-o", str(out), "-q"]
    if style:
        cmd += ["--style", style]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("manuscript", nargs="?", default=str(ROOT / "seeds" / "000_bab276808ddd4c79.txt"))
    ap.add_argument("--style", default="")
    ap.add_argument("--copies", type=int, default=100, help="collection size for the writer alone (0: skip)")
    args = ap.parse_args()
    src = Path(args.manuscript).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "out"
        cold = run_cli(src, out, args.style, cache)
        warm = run_cli(src, out, args.style, cache)
        pdf = (out / (src.stem + ".pdf")).read_bytes()
        fonts = font_bytes(pdf)
        print(f"manuscript   {src.name}  style {args.style or 'official'}")
        print(f"cold run     {cold:.2f} s (empty font cache)")
        print(f"warm run     {warm:.2f} s")
        print(f"pdf size     {len(pdf) / 1024:.1f} KB")
        print(f"font data    {fonts / 1024:.1f} KB ({100 * fonts / len(pdf):.1f} %)")
        for name, size in font_files(pdf).items():
            print(f"  {name:40s} {size / 1024:7.1f} KB")
    if args.copies:
        wall, cpu, mb = writer_alone(args.copies, args.style)
        print(f"writer, {args.copies}x collection: {wall:.2f} s wall, {cpu:.2f} s CPU, {mb:.1f} MB PDF (target <= 2 s)")


if __name__ == "__main__":
    main()
