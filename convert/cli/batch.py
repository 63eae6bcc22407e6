"""A batch conversion as plain data: find the inputs, plan every output path, run one job.

Kept free of click and of printing so that a job can run in a worker process
(``--jobs N``) and come back as a picklable :class:`Report`; the command in
:mod:`convert.cli.convert` only decides what to show. Planning every target before
anything runs is what lets us refuse to overwrite an input or to write two inputs to the
same output name, instead of discovering it half-way through a batch.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import api, timing
from ..names import quoted
from ..output import OutputError, sweep_orphans
from ..readers.base import ReadError
from ..style import StyleError
from ..writers.base import WriteOptions
from .common import command_style
from .errors import cause, quiet_libraries

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """A manuscript found, and the sub-folder of the output folder its outputs go in."""

    path: Path
    rel_dir: Path = Path()  # sub-folder under the output folder (mirrors a folder input)


@dataclass(frozen=True)
class Job:
    """One input's conversion, planned to the last output path before anything runs;
    plain data, so that it can be sent to a worker process."""

    source: str  # a path, or "-" for stdin
    targets: tuple[tuple[str, str], ...]  # (format, output path)
    style: str | None
    options: WriteOptions
    from_fmt: str | None = None
    repair: bool = True
    data: bytes | None = None  # stdin's bytes
    problems: tuple[str, ...] = ()  # found while planning: reported, not run
    force: bool = False  # replace read-only outputs
    overrides: Mapping[str, Any] = field(default_factory=dict)  # -O TABLE.KEY=VALUE over the style
    speaking: bool = True  # count the speaking time (for the summary: not with -q)

    @property
    def display(self) -> str:
        """The input as messages name it (quoted when the name holds controls or bytes
        that are not UTF-8)."""
        return "<stdin>" if self.source == STDIN else quoted(self.source)


@dataclass
class Report:
    """What one job did, as the summary table and the error lines need it (it comes back
    from a worker process)."""

    source: str
    written: list[str] = field(default_factory=list)  # formats written
    outputs: list[str] = field(default_factory=list)  # their paths
    pages: int | None = None
    warnings: int = 0
    first_warning: str | None = None  # FILE:LINE: severity: message of the first warning
    speaking_seconds: float | None = None  # read aloud at the job's pace
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # one line each, without the file name
    diagnostics: list[str] = field(default_factory=list)  # FILE:LINE: severity: message
    tracebacks: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def find_inputs(
    items: Iterable[str], extensions: tuple[str, ...], skip: Path | None = None
) -> tuple[list[Input], list[tuple[str, str]]]:
    """Expand folders (recursively, by extension) and globs into files.

    Returns the inputs (each file once, in the order given, folders sorted) and the items
    that gave nothing, with the reason: they fail like unreadable files do, so that the
    rest of the batch is still converted. Files under ``skip`` (the output folder) are not
    inputs, or a second run would convert the first run's outputs.
    """
    found: list[Input] = []
    missing: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(p: Path, rel: Path = Path()) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(Input(p, rel))

    def add_folder(folder: Path, label: str) -> None:
        try:
            files = sorted(
                f
                for f in folder.rglob("*")
                if f.is_file() and f.suffix.lower() in extensions and not _is_hidden(f, folder) and not _inside(f, skip)
            )
        except (OSError, RecursionError) as e:  # rglob recurses per level: a hostile tree
            missing.append((label, f"cannot search this folder: {cause(e)}"))
            return
        if not files:
            missing.append((label, f"no manuscripts in this folder (looked for {', '.join(extensions)})"))
        for f in files:
            add(f, f.parent.relative_to(folder))

    for item in items:
        p = Path(item)
        if any(ch in item for ch in "*?[") and not p.exists():  # "report[1].txt" may be a file
            root, pattern = (Path(p.anchor), str(p.relative_to(p.anchor))) if p.is_absolute() else (Path(), item)
            matches = sorted(root.glob(pattern))
            if not matches:
                missing.append((item, "no file matches this pattern"))
            for m in matches:
                if m.is_dir():
                    add_folder(m, str(m))
                elif m.is_file():
                    add(m)
        elif p.is_dir():
            add_folder(p, item)
        else:
            add(p)  # a missing file fails when it is read, with the reader's message
    return found, missing


def plan(
    inputs: list[Input],
    out_dir: Path,
    writers: dict[str, str],
    style: str | None,
    options: WriteOptions,
    from_fmt: str | None,
    repair: bool,
    force: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> list[Job]:
    """One job per input with its output paths; ``writers`` maps format -> extension."""
    jobs: list[Job] = []
    claimed: dict[Path, str] = {}
    for inp in inputs:
        targets: list[tuple[str, str]] = []
        problems: list[str] = []
        for fmt, ext in writers.items():
            target = out_dir / inp.rel_dir / f"{inp.path.stem}{ext}"
            key = target.resolve()
            if key == inp.path.resolve() or _same_file(target, inp.path):
                problems.append(f"{fmt}: output {quoted(target)} would overwrite the input; choose another -o folder")
            elif key in claimed:
                problems.append(
                    f"{fmt}: output {quoted(target)} is already the output of {quoted(claimed[key])}; "
                    "convert them separately"
                )
            else:
                claimed[key] = str(inp.path)
                targets.append((fmt, str(target)))
        jobs.append(
            Job(
                str(inp.path),
                tuple(targets),
                style,
                options,
                from_fmt,
                repair,
                problems=tuple(problems),
                force=force,
                overrides=overrides or {},
            )
        )
    return jobs


def _same_file(a: Path, b: Path) -> bool:
    """Two names of one file (a hard link): writing one would replace the other's text."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


#: Failures of the input or the machine, said in words: no traceback even with --debug.
#: (A MemoryError or RecursionError is said in words too, but keeps its traceback.)
EXPECTED = (ReadError, StyleError, OSError)


def _traceback() -> str:
    try:
        import traceback  # a clean run needs none of it

        return traceback.format_exc()
    except MemoryError:
        return "(no traceback: out of memory)"


def run_job(job: Job) -> Report:
    """Read one manuscript and write every target; a failing format does not stop the others."""
    report = Report(source=job.display, errors=list(job.problems))
    start = time.perf_counter()
    try:
        if job.data is not None:
            doc = api.read_bytes(job.data, fmt=job.from_fmt or "txt", source="stdin", repair=job.repair)
        else:
            doc = api.read(job.source, fmt=job.from_fmt, repair=job.repair)
        style = command_style(job.style, job.overrides)  # checked by the caller; once per worker process
    except Exception as e:  # noqa: BLE001 - reported per file; the batch goes on
        report.errors.append(cause(e))
        if not isinstance(e, EXPECTED):
            report.tracebacks.append(_traceback())
        report.seconds = time.perf_counter() - start
        return report
    report.diagnostics.extend(d.format(job.display) for d in doc.diagnostics)
    report.warnings = sum(1 for d in doc.diagnostics if d.severity != "info")
    report.first_warning = next((d.format(job.display) for d in doc.diagnostics if d.severity != "info"), None)
    if job.speaking:  # a pass over every character: only when the summary shows it
        report.speaking_seconds = timing.seconds(timing.document_units(doc), job.options.pace)
    for fmt, target in job.targets:
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            result = api.write(doc, target, fmt=fmt, style=style, options=job.options, force=job.force)
        except Exception as e:  # noqa: BLE001 - a writer bug must not take the batch down
            report.errors.append(f"{fmt}: {cause(e)}")
            if not isinstance(e, OutputError):
                report.tracebacks.append(_traceback())
            continue
        report.written.append(fmt)
        report.outputs.append(quoted(target))
        if result.pages is not None and (report.pages is None or fmt == "pdf"):
            report.pages = result.pages
        report.diagnostics.extend(d.format(f"{job.display} ({fmt})") for d in result.diagnostics)
        report.warnings += sum(1 for d in result.diagnostics if d.severity != "info")
        if report.first_warning is None:
            report.first_warning = next(
                (d.format(f"{job.display} ({fmt})") for d in result.diagnostics if d.severity != "info"), None
            )
    report.seconds = time.perf_counter() - start
    return report


def _exit(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: a second one must not cut the cleanup short
    sys.exit(128 + signum)


def exit_on_sigterm() -> None:
    """Turn SIGTERM (``kill``, a CI timeout) into SystemExit, so that the ``finally`` of
    :func:`convert.output.atomic_path` removes the half-written temporary file; Ctrl-C
    (KeyboardInterrupt) already does. Later SIGTERMs are ignored while the first unwinds."""
    signal.signal(signal.SIGTERM, _exit)


def _init_worker() -> None:
    exit_on_sigterm()
    quiet_libraries()


def _run_in_worker(job: Job) -> Report:
    """A job in a pool worker: when the worker is told to stop (SIGTERM), the temporary file
    has been removed on the way out; leave at once instead of taking the next job."""
    try:
        return run_job(job)
    except SystemExit as e:
        os._exit(e.code if isinstance(e.code, int) else 1)


def _workers(pool: ProcessPoolExecutor) -> dict[int, Any]:
    """The pool's worker processes by pid (the executor keeps them in ``_processes``)."""
    return dict(getattr(pool, "_processes", None) or {})


def _stop_workers(workers: dict[int, Any], timeout: float = 10.0) -> None:
    """Tell every worker to stop (they unwind and remove their temporary files), and wait
    for them a while: the parent may have been signalled alone."""
    for proc in workers.values():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            proc.terminate()
    deadline = time.monotonic() + timeout
    for proc in workers.values():
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            proc.join(max(0.0, deadline - time.monotonic()))


def run_all(jobs: list[Job], workers: int, on_done: Callable[[Report], None] = lambda r: None) -> list[Report]:
    """Run the jobs, in a process pool when ``workers > 1``; reports come back in job order,
    so the summary (and every output file) is the same as a sequential run's.

    A worker that dies outright (killed, out of memory) cannot remove its temporary file;
    the temporary files carry their writer's process id, so the parent removes those of
    its own dead workers when the pool ends, however it ends.
    """
    if workers <= 1 or len(jobs) <= 1:
        reports = []
        for job in jobs:
            reports.append(run_job(job))
            on_done(reports[-1])
        return reports
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only a parallel run needs a pool

    results: list[Report | None] = [None] * len(jobs)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_init_worker)
    seen: dict[int, Any] = {}
    failed = False  # a worker died or the run was interrupted: there may be orphans
    try:
        futures = {pool.submit(_run_in_worker, job): i for i, job in enumerate(jobs)}
        seen |= _workers(pool)
        for fut in as_completed(futures):
            seen |= _workers(pool)
            i = futures[fut]
            try:
                report = fut.result()
            except Exception as e:  # noqa: BLE001 - a worker that died (killed, out of memory)
                failed = True
                report = Report(source=jobs[i].display, errors=[f"worker process failed: {cause(e)}"])
            results[i] = report
            on_done(report)
    except BaseException:  # Ctrl-C or SIGTERM: start nothing new, stop what runs
        failed = True
        seen |= _workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_workers(seen)
        raise
    finally:
        seen |= _workers(pool)
        pool.shutdown()
        if failed:
            sweep_orphans((Path(t) for job in jobs for _, t in job.targets), seen)
    return [r for r in results if r is not None]


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
