"""``speechpress convert``: the command people live in.

Data (the summary table) goes to stdout, everything else to stderr: one line per error
naming the file and the cause, a progress bar only when stderr is a terminal. Exit 0 when
everything was written, 1 when some input failed (the rest is still written), 2 for a
usage error (unknown format, bad style, stdin without ``-o FILE``).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import registry, timing
from ..names import one_line, quoted
from .common import (
    UsageFailure,
    from_option,
    load_style_or_fail,
    pace_option,
    parse_fonts,
    parse_options,
    say,
    set_debug,
    style_option,
)

if TYPE_CHECKING:
    from .batch import Report

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTPUT = Path("output")
DEFAULT_FORMATS = ("docx", "pdf", "epub")


# ---- completion -----------------------------------------------------------------------


def complete_formats(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    taken = set(done.split(","))
    return [prefix + n for n in registry.writer_names() if n.startswith(last) and n not in taken]


# ---- option parsing -------------------------------------------------------------------


def parse_formats(value: str | None) -> list[str]:
    known = registry.writer_names()
    if not value:
        return [n for n in DEFAULT_FORMATS if n in known]
    out: list[str] = []
    for part in value.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part not in known:
            raise UsageFailure(f"-t: unknown format {part!r}; known formats: {', '.join(known)}")
        if part not in out:
            out.append(part)
    if not out:
        raise UsageFailure(f"-t: no format given; known formats: {', '.join(known)}")
    return out


def check_style(ref: str | None, overrides: dict[str, Any] | None = None) -> str | None:
    """Validate the style (and its -O overrides) before any work, and pin a file to an
    absolute path (workers)."""
    from ..style import builtin_styles

    load_style_or_fail(ref, overrides)
    if ref and ref not in builtin_styles():
        return str(Path(ref).resolve())
    return ref


def check_output_folder(folder: Path) -> None:
    """Can outputs be created in ``folder``? Asked once with a real temporary file (a
    permission check says yes to root on a read-only disk), so that a read-only folder is
    one line naming it, not one line per output naming hidden temporary files."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise UsageFailure(f"-o {quoted(folder)}: cannot write in this folder: {e.strerror or e}") from None


def _is_stdout(output: Path) -> bool:
    from ..output import same_file

    try:
        return same_file(sys.stdout.fileno(), output, regular=False)
    except (OSError, ValueError, AttributeError):
        return False


def check_stdin_output(output: Path) -> None:
    """``convert - -o talk.docx < talk.docx`` would replace its own input."""
    from ..output import same_file

    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError, AttributeError):
        return  # no real stdin (an API caller, a test runner): nothing to compare
    if same_file(fd, output):
        raise UsageFailure(f"-o {quoted(output)}: is the file stdin reads; the output would replace the input")


def load_writers(formats: list[str], readers: Iterable[str] = ()) -> tuple[dict[str, str], list[str]]:
    """format -> extension for the writers that load; one error line for each that does not.

    The ``readers`` the inputs need are imported here too, so that the start-up's imports
    are settled together (:func:`.startup.settled`); one that cannot be loaded is said
    later, for each file it was to read, as before."""
    from .errors import cause
    from .startup import settled

    ok: dict[str, str] = {}
    errors: list[str] = []
    with settled():
        for name in formats:
            try:
                ok[name] = str(registry.get_writer(name).extension)
            except registry.PluginError as e:
                errors.append(str(e))
            except Exception as e:  # noqa: BLE001 - a plug-in's bug, said in one line
                errors.append(f"{name}: the writer plug-in failed: {cause(e)}")
        for name in readers:
            with contextlib.suppress(Exception):  # fails again, and is said, for each file it reads
                registry.get_reader(name)
    return ok, errors


def _writer_for_output(path: Path, formats: list[str] | None) -> str:
    if formats:
        if len(formats) > 1:
            raise UsageFailure("reading from stdin writes one file: give one format with -t or none")
        return formats[0]
    suffix = path.suffix.lower()
    names = registry.writer_names()
    if suffix.lstrip(".") in names:
        return suffix.lstrip(".")
    for name in names:
        try:
            if registry.get_writer(name).extension.lower() == suffix:
                return name
        except Exception:  # noqa: BLE001 - a broken plug-in is not this file's format
            continue
    raise UsageFailure(
        f"-o {quoted(path)}: cannot tell the format from {suffix or 'no extension'!r}; add -t FORMAT ({', '.join(names)})"
    )


# ---- output ---------------------------------------------------------------------------


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def summary_lines(reports: list[Report], out_dir: Path | None, seconds: float) -> list[str]:
    """The table a person reads after a batch: what was written, how long, how many pages."""
    rows = [("file", "formats", "pages", "speaking", "warnings", "time")]
    for r in reports:
        formats = ",".join(r.written) or "-"
        if r.failed:
            formats = f"{formats} FAILED" if r.written else "FAILED"
        spoken = "-" if r.speaking_seconds is None else timing.format_duration(r.speaking_seconds)
        pages = "-" if r.pages is None else str(r.pages)
        rows.append((r.source, formats, pages, spoken, str(r.warnings), f"{r.seconds:.2f}s"))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, widths[i], right=i >= 2) for i, cell in enumerate(row)).rstrip() for row in rows]
    failed = sum(1 for r in reports if r.failed)
    outputs = sum(len(r.written) for r in reports)
    where = f" in {quoted(out_dir)}/" if out_dir is not None else ""
    lines.append(
        f"{len(reports)} file{'s' if len(reports) != 1 else ''}: {len(reports) - failed} converted, "
        f"{failed} failed; {outputs} output{'s' if outputs != 1 else ''} written{where} ({seconds:.1f} s)"
    )
    lines.extend(_first_warning(reports))
    return lines


def _first_warning(reports: list[Report]) -> list[str]:
    """Where the warnings are: the first one in full, and the command that lists them all."""
    warned = [r for r in reports if r.warnings and r.first_warning]
    if not warned:
        return []
    import shlex

    total = sum(r.warnings for r in reports)
    named = [shlex.quote(r.source) for r in warned if r.source != "<stdin>"]
    sources = " ".join(named[:3]) + (" …" if len(named) > 3 else "") if named else "FILE"
    return [
        f"first warning: {warned[0].first_warning}",
        f"{total} warning{'s' if total != 1 else ''} in all: `speechpress lint {sources}` lists them"
        " (or convert with -v)",
    ]


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    return click.progressbar(length=total, label="Converting", file=sys.stderr, show_pos=True, show_eta=True)


# ---- the command ----------------------------------------------------------------------


@click.command("convert")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-t",
    "--to",
    "to",
    metavar="FORMATS",
    shell_complete=complete_formats,
    help="Comma-separated output formats: docx,pdf,epub (the default) or any installed plug-in's "
    "(`speechpress formats` lists them).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    help="Output folder (default: output/); with `-` as input, the output FILE.",
)
@style_option("A built-in style (`speechpress styles` lists them) or a style .toml file. Default: official.")
@from_option("Input format (txt, md, docx or a plug-in's); default: by extension, stdin is txt.")
@click.option(
    "--font",
    "fonts",
    multiple=True,
    metavar="ROLE=FILE",
    help="Use this font file for a role (body, title, heading1, ...) or a family name. Repeatable.",
)
@click.option(
    "-O",
    "--option",
    "extra",
    multiple=True,
    metavar="TABLE.KEY=VALUE",
    help="Override a key of the style, as its file would set it: -O docx.run_in=inline, -O roles.body.size=16, "
    "-O page_number.first_page=true (checked like a style file). Repeatable.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help="Convert N files at once in worker processes (0: one per CPU).",
)
@pace_option
@click.option("--toc", is_flag=True, help="Add a table of contents (DOCX).")
@click.option("--embed-fonts", is_flag=True, help="Embed subset fonts (EPUB).")
@click.option("--booklet", is_flag=True, help="Impose the PDF as a saddle-stitch booklet.")
@click.option("--no-repair", is_flag=True, help="Report artifacts but change nothing.")
@click.option("--force", is_flag=True, help="Replace outputs that are read-only (as cp -f would).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors: no progress bar, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print every diagnostic and every file written.")
@click.option("--debug", is_flag=True, help="Show the traceback of unexpected errors.")
def convert_cmd(
    inputs: tuple[str, ...] = (),
    to: str | None = None,
    output: Path | None = None,
    style: str | None = None,
    from_: str | None = None,
    fonts: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
    jobs: int = 1,
    pace: int = timing.DEFAULT_PACE,
    toc: bool = False,
    embed_fonts: bool = False,
    booklet: bool = False,
    no_repair: bool = False,
    force: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    debug: bool = False,
) -> None:
    """Convert manuscripts (files, folders, globs, or - for stdin) into publications.

    Folders are searched recursively for .txt/.md/.docx (and plug-in extensions); the
    outputs are named after each input, mirror the folder's sub-folders, and replace an
    older output only once complete. An input is never overwritten.

    \b
    Examples:
      speechpress convert                          # seeds/ -> output/, docx+pdf+epub
      speechpress convert talks/ -t pdf -o print/  # a folder, PDF only
      speechpress convert 'drafts/*.txt' --style handout -j 4
      speechpress convert a.txt --style my.toml --font body=~/fonts/FangSong_GB2312.ttf
      cat talk.txt | speechpress convert - -o talk.pdf

    Exit status: 0 all written, 1 some inputs failed (the others are written), 2 usage error.
    """
    # Imported here, not at the top: `speechpress --help` needs none of it.
    from .. import api
    from ..writers.base import WriteOptions
    from .batch import STDIN, Job, default_jobs, exit_on_sigterm, find_inputs, plan, run_all

    set_debug(debug)
    if quiet and verbose:
        raise UsageFailure("--quiet and --verbose contradict each other; choose one")
    formats = parse_formats(to) if to else None
    overrides, writer_extra = parse_options(extra)
    style_ref = check_style(style, overrides)
    options = WriteOptions(
        toc=toc,
        embed_fonts=embed_fonts,
        booklet=booklet,
        font_files=parse_fonts(fonts),
        extra=writer_extra,
        pace=pace,
    )
    workers = jobs or default_jobs()
    start = time.perf_counter()
    exit_on_sigterm()

    if STDIN in inputs:
        if len(inputs) > 1:
            raise UsageFailure("`-` (stdin) cannot be mixed with other inputs")
        if output is None or output.is_dir():
            raise UsageFailure("reading from stdin needs -o FILE (the format comes from its extension)")
        fmt = _writer_for_output(output, formats)
        check_stdin_output(output)
        quiet = quiet or _is_stdout(output)  # the summary would go into the output
        writers, errors = load_writers([fmt], [from_ or "txt"])
        if errors:
            raise click.exceptions.Exit(_report_errors([], errors, debug))
        data = sys.stdin.buffer.read()
        job = Job(
            STDIN,
            ((fmt, str(output)),),
            style_ref,
            options,
            from_,
            not no_repair,
            data=data,
            force=force,
            overrides=overrides,
            speaking=not quiet,
        )
        reports = run_all([job], 1)
        out_dir = None
    else:
        if not inputs:
            if not DEFAULT_INPUT.is_dir():
                raise UsageFailure(
                    f"no inputs given and no {DEFAULT_INPUT}/ folder here; try `speechpress convert FILE...`"
                )
            inputs = (str(DEFAULT_INPUT),)
        out_dir = output or DEFAULT_OUTPUT
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageFailure(f"-o {quoted(out_dir)}: is a file; give a folder (a single file needs `-` as input)")
        found, missing = find_inputs(inputs, api.manuscript_extensions(), skip=out_dir)
        writers, errors = load_writers(formats or parse_formats(None), {api.reader_for(f.path, from_) for f in found})
        errors += [f"{quoted(item)}: {why}" for item, why in missing]
        if not found:
            raise click.exceptions.Exit(_report_errors([], errors, debug))
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageFailure(f"-o {quoted(out_dir)}: cannot create the output folder: {e.strerror}") from None
        check_output_folder(out_dir)
        job_list = plan(found, out_dir, writers, style_ref, options, from_, not no_repair, force, overrides)
        if quiet:  # no summary: no speaking time to count
            job_list = [replace(j, speaking=False) for j in job_list]
        bar = _progress(len(job_list), not quiet and len(job_list) > 1 and sys.stderr.isatty())
        if bar is not None:
            with bar:
                reports = run_all(job_list, workers, on_done=lambda r: bar.update(1))
        else:
            reports = run_all(job_list, workers)

    code = _report_errors(reports, errors, debug)
    if verbose:
        for r in reports:
            for line in r.diagnostics:
                click.echo(one_line(line), err=True)
            for path in r.outputs:
                click.echo(f"wrote {one_line(path)}", err=True)
    if not quiet and reports:
        for line in summary_lines(reports, out_dir, time.perf_counter() - start):
            click.echo(line)
    if code:
        raise click.exceptions.Exit(code)


def _merge_causes(errors: list[str]) -> list[str]:
    """``docx: disk full`` and ``pdf: disk full`` become ``docx, pdf: disk full``: one
    cause, one line."""
    known = set(registry.writer_names())
    by_cause: dict[str, list[str]] = {}
    for e in errors:
        fmt, sep, cause = e.partition(": ")
        if sep and fmt in known:
            by_cause.setdefault(cause, []).append(fmt)
        else:
            by_cause.setdefault(e, [])
    return [f"{', '.join(fmts)}: {cause}" if fmts else cause for cause, fmts in by_cause.items()]


def _report_errors(reports: list[Report], errors: list[str], debug: bool) -> int:
    """One line per problem on stderr; tracebacks only with --debug. Returns the exit code."""
    for e in errors:
        say(e)
    for r in reports:
        for e in _merge_causes(r.errors):
            say(f"{r.source}: {e}")
        if debug:
            for tb in r.tracebacks:
                click.echo(tb.rstrip(), err=True)
    return 1 if errors or any(r.failed for r in reports) else 0
