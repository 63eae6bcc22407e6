"""Benchmark: the promise of issues 17, 19 and 21, case by case.

    Any input up to 10 MB finishes or fails cleanly within 60 s and 500 MB on this
    machine, whatever it contains.

Every hostile input the project generates, at its largest size, goes through the real
command in a fresh process, all three formats at once (``convert FILE -t docx,pdf,epub``,
one run, as a user would), and the table says its size, wall seconds, peak RSS and
whether it kept the bound. The groups:

* ``text``: the hostile text corpus (tests/hostile/make_corpus.py: encodings, controls,
  markup, the 10 MB manuscript, 200 pieces, the inputs that must fail), the text reader's
  scaling shapes at 8 MiB (bench/bench_scaling.py) and the writers' shapes at ~10 MB
  (bench/bench_scaling_writers.py --ten-mb);
* ``md``: the hostile Markdown corpus (tests/hostile/make_md_corpus.py) and the shapes
  that cost the Markdown parser most per byte (a 2000 × 200 table, 10 MB of short lines);
* ``docx``: the hostile Word corpus (tests/hostile/make_docx_corpus.py) and the Word
  shapes of the writers' benchmark at ~10 MB (216,000 headings, 360,000 runs, a table of
  400,000 cells).

Each group also has the shapes of very many tiny blocks (:func:`tiny_blocks`): ~10 MB of
one-character paragraphs, list items or lines, which must fail cleanly on ``max_blocks``
(convert/limits.py), and a document of exactly ``max_blocks`` tiny paragraphs, which must
convert: the measurement the default rests on.

A clean failure (exit 1, one line on stderr, no traceback) keeps the promise as well as a
conversion does. ``--read`` measures ``inspect --json`` instead (the reader and the model
as JSON, no writer). Peak RSS is ``RUSAGE_CHILDREN`` of a fresh grandchild
(:func:`bench.scaling.measure`).

Run: python3 bench/bench_bounds.py [--group md] [--only table_2000_rows ...] [--read]
     [--timeout 180] [--json rows.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench.scaling import measure  # noqa: E402

#: The bounds of the promise.
MAX_SECONDS = 60
MAX_MB = 500
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    make: Callable[[], bytes | None]  # None: the file is not there (a missing input)
    suffix: str


def tiny_blocks() -> list[Case]:
    """Inputs made of very many tiny blocks, ~10 MB each, and the largest such document the
    limit lets through (``max_blocks`` blocks). A block costs the reader and every writer
    a fixed overhead, whatever its length, so these are the cheapest way to ask for work."""
    from hostile.make_docx_corpus import HAN, docx, p
    from hostile.make_md_corpus import CLOSING, HEAD

    from convert.limits import Limits

    limit = Limits.from_env().max_blocks  # (set SPEECHPRESS_LIMIT_MAX_BLOCKS to try another)

    def docx_paragraphs(n: int) -> bytes:
        """``n`` paragraphs of two random characters: random so that document.xml inflates
        about 14× (a bomb would be refused on its ratio first), ~3.7 MB per million."""
        rng = random.Random(f"tiny-{n}")
        return docx("".join(p(rng.choice(HAN) + rng.choice(HAN)) for _ in range(n)))

    return [
        Case("text", "tiny_lines_txt_10mb", lambda: "中\n".encode() * (10 * MIB // 4), ".txt"),
        Case("text", "max_blocks_txt", lambda: "讲话稿\n\n".encode() + "中。\n\n".encode() * (limit - 1), ".txt"),
        Case("md", "tiny_paragraphs_md_10mb", lambda: (HEAD + "中。\n\n" * (10 * MIB // 8) + CLOSING).encode(), ".md"),
        Case("md", "tiny_items_md_10mb", lambda: (HEAD + "- 中\n" * (10 * MIB // 6) + CLOSING).encode(), ".md"),
        Case(
            "md",
            "bold_word_lines_10mb",
            lambda: (HEAD + "**重点**" + "中\n" * (10 * MIB // 4) + CLOSING).encode(),
            ".md",
        ),
        Case("md", "max_blocks_md", lambda: ("# 讲话稿\n\n" + "中。\n\n" * (limit - 1)).encode(), ".md"),
        Case("md", "max_blocks_md_items", lambda: ("# 讲话稿\n\n" + "- 中\n" * (limit - 1)).encode(), ".md"),
        # 2.2 million is about what fits in document.xml under max_part_bytes (126 of 128 MB)
        Case("docx", "tiny_paragraphs_docx_8mb", lambda: docx_paragraphs(2_200_000), ".docx"),
        Case("docx", "max_blocks_docx", lambda: docx_paragraphs(limit), ".docx"),
    ]


def text_cases() -> list[Case]:
    from bench_scaling import SHAPES as TEXT_SHAPES
    from bench_scaling_writers import MAKERS
    from hostile.make_corpus import big_texts, fail_items, work_texts

    cases = []
    for name, (_, data) in work_texts(random.Random(7)).items():
        cases.append(Case("text", name, lambda d=data: d, ".txt"))
    for name, (_, data) in big_texts(random.Random(8)).items():
        cases.append(Case("text", name, lambda d=data: d, ".txt"))
    for name, (_, blob) in fail_items().items():
        cases.append(Case("text", f"fail_{name}", lambda d=blob: d, ".txt"))
    for shape in TEXT_SHAPES:
        cases.append(Case("text", f"{shape.name}_8mib", lambda s=shape: s.make(8 * MIB), ".txt"))
    for name, (make, suffix, _, ten_mb) in MAKERS.items():
        group = "docx" if suffix == ".docx" else "text"
        cases.append(Case(group, f"writers_{name}_10mb", lambda m=make, k=ten_mb: m(k), suffix))
    return cases


def md_cases() -> list[Case]:
    from hostile.make_md_corpus import CASES, CLOSING, HEAD, _table

    cases = [Case("md", c.name, lambda c=c: c.make(1.0).encode("utf-8"), ".md") for c in CASES]
    cases.append(
        Case("md", "table_2000x200", lambda: (HEAD + _table(200, 2000) + CLOSING).encode("utf-8"), ".md"),
    )
    cases.append(Case("md", "short_lines_10mb", lambda: (HEAD + "中\n" * (10 * MIB // 4) + CLOSING).encode(), ".md"))
    return cases


def docx_cases() -> list[Case]:
    from hostile.make_docx_corpus import CASES

    return [Case("docx", c.name, lambda c=c: c.make(random.Random(f"17-{c.name}")), ".docx") for c in CASES]


def all_cases() -> list[Case]:
    found = text_cases() + md_cases() + docx_cases() + tiny_blocks()
    order = {"text": 0, "md": 1, "docx": 2}
    return sorted(found, key=lambda c: order[c.group])  # stable: each group in its corpus's order


def verdict(r: dict[str, object]) -> str:
    """The verdict: "ok", "failed cleanly", or what broke the promise."""
    rc, err = r["rc"], str(r.get("err", ""))
    if rc == "timeout":
        return "KILLED"
    broken = []
    if "Traceback" in err:
        broken.append("traceback")
    if rc not in (0, 1):
        broken.append(f"exit {rc}")
    if rc == 1 and len(err.strip().splitlines()) != 1:
        broken.append("not one line")
    if float(r["s"]) > MAX_SECONDS:  # type: ignore[arg-type]
        broken.append(f"> {MAX_SECONDS} s")
    if float(r["mb"]) > MAX_MB:  # type: ignore[arg-type]
        broken.append(f"> {MAX_MB} MB")
    if broken:
        return "OVER: " + ", ".join(broken)
    return "ok" if rc == 0 else "failed cleanly"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--group", choices=("text", "md", "docx"), action="append", help="only these groups")
    ap.add_argument("--only", nargs="*", help="only these cases")
    ap.add_argument("--read", action="store_true", help="inspect --json instead of converting")
    ap.add_argument("--formats", default="docx,pdf,epub")
    ap.add_argument("--timeout", type=float, default=180, help="seconds before a run is killed (default 180)")
    ap.add_argument("--json", dest="as_json", type=Path, help="also write the rows to this file")
    args = ap.parse_args()
    chosen = [
        c for c in all_cases() if (not args.group or c.group in args.group) and (not args.only or c.name in args.only)
    ]
    what = "inspect --json" if args.read else f"convert -t {args.formats}"
    print(f"{what}; bound {MAX_SECONDS} s, {MAX_MB} MB; one fresh process per case")
    print(f"{'group':5} {'case':32} {'size':>9} {'seconds':>8} {'peak MB':>8}  verdict")
    rows = []
    kept = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in chosen:
            src = Path(tmp) / f"{case.name}{case.suffix}"
            data = case.make()
            if data is not None:
                src.write_bytes(data)
            out = Path(tmp) / "out"
            if args.read:
                cmd = [sys.executable, "-m", "convert", "inspect", str(src), "--json"]
            else:
                cmd = [sys.executable, "-m", "convert", "convert", str(src), "-t", args.formats, "-o", str(out), "-q"]
            r = measure(cmd, timeout=args.timeout)
            v = verdict(r)
            kept += not v.startswith(("OVER", "KILLED"))
            size = f"{len(data) / MIB:.2f} MB" if data is not None else "-"
            secs = "killed" if r["rc"] == "timeout" else f"{float(r['s']):.1f}"  # type: ignore[arg-type]
            print(f"{case.group:5} {case.name:32} {size:>9} {secs:>8} {float(r['mb']):>8.0f}  {v}", flush=True)  # type: ignore[arg-type]
            rows.append({"group": case.group, "case": case.name, "bytes": len(data or b""), **r, "verdict": v})
            src.unlink(missing_ok=True)
            if out.exists():
                for f in out.iterdir():
                    f.unlink()
    print(f"\n{kept} of {len(rows)} within {MAX_SECONDS} s and {MAX_MB} MB")
    if args.as_json:
        args.as_json.write_text(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
    return 0 if kept == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
