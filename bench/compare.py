"""Speechpress beside pandoc, calibre and LibreOffice on the same input: paired runs,
medians, ratios, output sizes and peak memory.

Seconds depend on the machine and on what else it is doing; ratios of commands run side
by side, in turns, depend much less. Every round runs each command of a comparison once,
in a fresh process (:func:`scaling.measure`), alternating which side goes first; the
table gives each side's median and the median of the per-round ratios. Tools that are not
installed are left out (pandoc: ``apt-get install pandoc``; calibre's ``ebook-convert``;
LibreOffice's ``soffice``).

    python3 bench/compare.py [--rounds 7] [--only docx epub] [--tree DIR] [--markdown]

The comparisons, with the targets of issue 16:

- ``--help``: ``speechpress --help`` against a bare ``python3 -c pass`` (≤ 2×);
- ``docx``, ``epub``: the sample against pandoc reading the same text (≤ 2×);
- ``all``: all three formats of the sample in one call against calibre (EPUB and PDF)
  plus LibreOffice (DOCX) (≤ 0.15×);
- ``new-pdf``: the PDF of a manuscript never seen before (its characters drawn from
  GB2312 afresh each round) with the font stores prepared, against the same command
  run again (≤ 1.3×); ``first-pdf`` is the same with an empty font cache (no target:
  the first PDF ever converts the glyphs it needs).

Speechpress runs as an installed package does: bytecode caching on (this repository's
shell may set PYTHONDONTWRITEBYTECODE), a font cache of its own, prepared once with
``speechpress fonts --prepare`` (or given with ``--prepared-cache``). ``--tree`` runs
another checkout's code (e.g. the commit before a change) for before/after figures.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scaling import measure

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_bab276808ddd4c79.txt"
PY = sys.executable
TIMEOUT = 600.0


@dataclass
class Cmd:
    argv: list[str]
    env: dict[str, str] | None = None
    outputs: tuple[Path, ...] = ()  # the files whose sizes are reported
    before: Callable[[], None] | None = None  # untimed set-up before each run


@dataclass
class Comparison:
    key: str
    title: str
    ours: list[Cmd]  # timed together (summed)
    theirs: list[Cmd]
    other: str  # what "theirs" is
    target: float | None  # ours/theirs must be at most this
    ordered: bool = False  # ours must run before theirs (a cold run, then the warm one)
    rows: list[tuple[float, float, float, float]] = field(default_factory=list)  # s, s, MB, MB
    sizes: tuple[int, int] = (0, 0)
    failed: str = ""


#: The command, run from whichever tree PYTHONPATH names: ``-P`` keeps Python from putting
#: the current folder first on sys.path (``-m`` would, so the checkout one runs the
#: script from would win over ``--tree``).
SPEECHPRESS = (PY, "-P", "-m", "convert")


def speechpress_env(tree: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    env["SPEECHPRESS_CACHE"] = str(cache)
    return env


def new_manuscript(seed: int) -> str:
    """The sample with every Han character outside its ordinals and numbering words
    replaced by one drawn from GB2312 afresh: the same shape (pieces, headings,
    paragraph lengths) and a character set a font cache has never seen as a whole."""
    text = SAMPLE.read_text(encoding="utf-8")
    keep = set("一二三四五六七八九十百千零〇第篇是要首先其次再次最后")
    pool = []
    for hi in range(0xB0, 0xF8):  # GB2312 level 1 and 2 Han characters
        for lo in range(0xA1, 0xFF):
            try:
                pool.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    rng = random.Random(seed)
    pool = [c for c in pool if c not in keep]
    rng.shuffle(pool)
    used = sorted({c for c in text if "\u4e00" <= c <= "\u9fff" and c not in keep})
    table = dict(zip(used, pool))
    return "".join(table.get(c, c) for c in text)


def fresh_copy(src: Path | None, dst: Path) -> None:
    shutil.rmtree(dst, ignore_errors=True)
    if src is not None:
        shutil.copytree(src, dst)
    else:
        dst.mkdir(parents=True)


def prepare_cache(tree: Path, cache: Path) -> bool:
    """`speechpress fonts --prepare` into ``cache``; False when the tree has no such option."""
    cache.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [*SPEECHPRESS, "fonts", "--prepare"],
        env=speechpress_env(tree, cache),
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if proc.returncode == 2 and "--prepare" in proc.stderr:
        return False
    if proc.returncode != 0:
        raise SystemExit(f"fonts --prepare failed: {proc.stderr.strip()[-300:]}")
    return True


def comparisons(tree: Path, work: Path, prepared: Path | None) -> list[Comparison]:
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    warm = work / "warm-cache"
    fresh_copy(prepared, warm)
    env = speechpress_env(tree, warm)
    sp = list(SPEECHPRESS)
    stem = SAMPLE.stem
    found: list[Comparison] = []

    def ours(fmt: str) -> Cmd:
        return Cmd(
            [*sp, "convert", str(SAMPLE), "-t", fmt, "-o", str(out / "sp"), "-q"], env, (out / "sp" / f"{stem}.{fmt}",)
        )

    found.append(
        Comparison(
            "help",
            "`speechpress --help`",
            [Cmd([*sp, "--help"], env)],
            [Cmd([PY, "-c", "pass"], env)],
            "`python3 -c pass`",
            2.0,
        )
    )
    if shutil.which("pandoc"):
        for fmt in ("docx", "epub"):
            target = out / "pandoc" / f"{stem}.{fmt}"
            target.parent.mkdir(exist_ok=True)
            pandoc = ["pandoc", str(SAMPLE), "-f", "markdown", "-o", str(target)]
            if fmt == "epub":
                pandoc += ["-M", f"title={stem}"]
            found.append(
                Comparison(
                    fmt, f"{fmt.upper()} of the sample", [ours(fmt)], [Cmd(pandoc, None, (target,))], "pandoc", 2.0
                )
            )
    theirs: list[Cmd] = []
    names = []
    if shutil.which("ebook-convert"):
        names.append("calibre (EPUB, PDF)")
        cal_env = dict(
            os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1"
        )  # headless, and as root
        for fmt in ("epub", "pdf"):
            target = out / "calibre" / f"{stem}.{fmt}"
            target.parent.mkdir(exist_ok=True)
            theirs.append(Cmd(["ebook-convert", str(SAMPLE), str(target)], cal_env, (target,)))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        names.append("LibreOffice (DOCX)")
        profile = (work / "lo-profile").as_uri()
        target = out / "lo" / f"{stem}.docx"
        target.parent.mkdir(exist_ok=True)
        lo = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx"]
        theirs.append(Cmd([*lo, "--outdir", str(target.parent), str(SAMPLE)], None, (target,)))
    if theirs:
        three = tuple(out / "sp3" / f"{stem}.{fmt}" for fmt in ("docx", "pdf", "epub"))
        all_three = Cmd([*sp, "convert", str(SAMPLE), "-t", "docx,pdf,epub", "-o", str(out / "sp3"), "-q"], env, three)
        found.append(Comparison("all", "DOCX + PDF + EPUB of the sample", [all_three], theirs, " + ".join(names), 0.15))

    for key, base, title in (
        ("new-pdf", prepared, "PDF of a new manuscript, fonts prepared"),
        ("first-pdf", None, "PDF of a new manuscript, empty font cache"),
    ):
        new = work / key
        text, cache = new / "manuscript.txt", new / "cache"
        new.mkdir(exist_ok=True)
        counter = iter(range(1, 1_000_000))

        def setup(text: Path = text, cache: Path = cache, base: Path | None = base, counter=counter) -> None:
            text.write_text(new_manuscript(next(counter)), encoding="utf-8")
            fresh_copy(base, cache)

        cmd = [*sp, "convert", str(text), "-t", "pdf", "-o", str(new / "out"), "-q"]
        e = speechpress_env(tree, cache)
        found.append(
            Comparison(
                key,
                title,
                [Cmd(cmd, e, (new / "out" / "manuscript.pdf",), before=setup)],
                [Cmd(cmd, e, (new / "out" / "manuscript.pdf",))],
                "the same again (warm)",
                1.3 if key == "new-pdf" else None,
                ordered=True,
            )
        )
    return found


def run_side(cmds: list[Cmd]) -> tuple[float, float, str]:
    """Seconds (summed), peak MB (the largest), and an error message ("" when all exited 0)."""
    total, peak = 0.0, 0.0
    for c in cmds:
        if c.before:
            c.before()
        r = measure(c.argv, TIMEOUT, c.env)
        if r["rc"] != 0:
            return (
                float("nan"),
                float("nan"),
                f"{' '.join(c.argv[:4])}…: exit {r['rc']}: {str(r['err']).strip()[-200:]}",
            )
        total += float(r["s"])  # type: ignore[arg-type]
        peak = max(peak, float(r["mb"]))  # type: ignore[arg-type]
    return total, peak, ""


def run(comp: Comparison, rounds: int) -> None:
    for i in range(rounds + 1):  # round 0 warms up (bytecode, LibreOffice profile) and is not counted
        sides = [(comp.ours, 0), (comp.theirs, 1)]
        if not comp.ordered and i % 2:
            sides.reverse()
        result: dict[int, tuple[float, float]] = {}
        for cmds, which in sides:
            s, mb, err = run_side(cmds)
            if err:
                comp.failed = err
                return
            result[which] = (s, mb)
        if i:
            comp.rows.append((result[0][0], result[1][0], result[0][1], result[1][1]))
    comp.sizes = (_size(comp.ours), _size(comp.theirs))


def _size(cmds: list[Cmd]) -> int:
    return sum(p.stat().st_size for c in cmds for p in c.outputs if p.is_file())


def fmt_s(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_size(n: int) -> str:
    return "–" if not n else f"{n / 1024:.0f} KB" if n < 10 * 2**20 else f"{n / 2**20:.1f} MB"


def table(comps: list[Comparison]) -> list[str]:
    lines = [
        "| comparison | Speechpress | compared with | ratio | target | output size | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in comps:
        if c.failed:
            lines.append(f"| {c.title} | failed: {c.failed} | {c.other} | | | | |")
            continue
        ours = statistics.median(r[0] for r in c.rows)
        theirs = statistics.median(r[1] for r in c.rows)
        ratio = statistics.median(r[0] / r[1] for r in c.rows)
        target = "–" if c.target is None else f"≤ {c.target:g}× {'✓' if ratio <= c.target else '✗'}"
        mem = f"{statistics.median(r[2] for r in c.rows):.0f} / {statistics.median(r[3] for r in c.rows):.0f} MB"
        sizes = "–" if not any(c.sizes) else f"{fmt_size(c.sizes[0])} / {fmt_size(c.sizes[1])}"
        lines.append(
            f"| {c.title} | {fmt_s(ours)} | {c.other}: {fmt_s(theirs)} | {ratio:.2f}× | {target} | {sizes} | {mem} |"
        )
    return lines


def versions() -> str:
    parts = [f"Python {sys.version.split()[0]}", f"{os.cpu_count()} CPUs"]
    for exe, flag in (("pandoc", "--version"), ("ebook-convert", "--version"), ("soffice", "--version")):
        if shutil.which(exe):
            try:
                first = subprocess.run([exe, flag], capture_output=True, text=True, timeout=60).stdout.splitlines()
                parts.append(first[0].strip() if first else exe)
            except (OSError, subprocess.SubprocessError):
                parts.append(exe)
    if hasattr(os, "getloadavg"):
        parts.append(f"load average {os.getloadavg()[0]:.1f}")
    return "; ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7, help="counted rounds per comparison (default 7)")
    ap.add_argument("--only", nargs="*", help="comparisons to run: help docx epub all new-pdf first-pdf")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the Speechpress checkout to run (default: this one)")
    ap.add_argument("--prepared-cache", type=Path, help="a font cache already filled by `fonts --prepare`")
    ap.add_argument("--markdown", action="store_true", help="print only the table (for the README)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="speechpress-compare-") as tmp:
        work = Path(tmp)
        prepared = args.prepared_cache
        if prepared is None and (not args.only or {"all", "new-pdf", "docx", "epub"} & set(args.only)):
            prepared = work / "prepared"
            print("preparing fonts (once)…", file=sys.stderr)
            if not prepare_cache(args.tree.resolve(), prepared):
                print("this tree has no `fonts --prepare`: its caches start empty", file=sys.stderr)
        comps = [c for c in comparisons(args.tree.resolve(), work, prepared) if not args.only or c.key in args.only]
        for c in comps:
            print(f"{c.title}…", file=sys.stderr)
            run(c, args.rounds)
        lines = table(comps)
    if not args.markdown:
        print(f"{args.rounds} paired rounds; {versions()}")
        print(f"Speechpress tree: {args.tree.resolve()}\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
