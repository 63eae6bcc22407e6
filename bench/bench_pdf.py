"""Benchmark the PDF writer from the command line: cold and warm CLI runs, size, font share.

Usage: python bench/bench_pdf.py [manuscript] [--style NAME]

Cold = an empty font cache (fontTools converts the glyphs each face needs into its glyph
store); warm = the same command again (subsets are cut from the stores, nothing is
converted). A new manuscript with prepared stores runs like the warm run: see
``bench/compare.py`` (``new-pdf``). The font share is the sum of the embedded
font programs' stream lengths (as stored, i.e. compressed) over the file size.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


if __name__ == "__main__":
    main()
