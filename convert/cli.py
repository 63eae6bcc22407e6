"""The ``speechpress`` command line.

Conventions follow click's own docs: data to stdout, messages to stderr, one line per
error naming the file and the cause, exit 0 when everything was written, 1 when some
input failed (the others are still written), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import api, registry
from .model import Document, Heading, Note, Paragraph, Table
from .readers.base import ReadError
from .style import StyleError, load_style
from .writers.base import WriteOptions

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTPUT = Path("output")


def _fail(message: str, code: int = 1) -> "click.exceptions.Exit":
    click.echo(f"speechpress: {message}", err=True)
    return click.exceptions.Exit(code)


@dataclass
class FileReport:
    source: str
    formats: list[str] = field(default_factory=list)
    pages: int | None = None
    warnings: int = 0
    seconds: float = 0.0
    error: str | None = None


def find_inputs(items: tuple[str, ...]) -> list[Path]:
    """Expand folders (recursively, by manuscript extension) and globs into files."""
    found: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in api.MANUSCRIPT_EXTENSIONS and not f.name.startswith(".")
            )
            if not files:
                raise _fail(f"{item}: no manuscripts found (looked for {', '.join(api.MANUSCRIPT_EXTENSIONS)})")
            found.extend(files)
        elif any(ch in item for ch in "*?["):
            matches = sorted(Path().glob(item)) if not p.is_absolute() else sorted(Path("/").glob(item.lstrip("/")))
            if not matches:
                raise _fail(f"{item}: no file matches")
            found.extend(m for m in matches if m.is_file())
        else:
            found.append(p)
    return found


def convert_one(
    src: Path,
    out_dir: Path,
    formats: list[str],
    style_ref: str | None,
    options: WriteOptions,
    fmt: str | None,
    repair: bool,
    debug: bool,
) -> FileReport:
    report = FileReport(source=str(src))
    start = time.perf_counter()
    try:
        doc = api.read(src, fmt=fmt, repair=repair)
        report.warnings = sum(1 for d in doc.diagnostics if d.severity != "info")
        style = load_style(style_ref)
        for name in formats:
            writer = registry.get_writer(name)
            target = out_dir / f"{src.stem}{writer.extension}"
            if target.resolve() == src.resolve():
                raise ReadError(f"output {target} would overwrite the input")
            result = api.write(doc, target, fmt=name, style=style, options=options)
            report.formats.append(name)
            if result.pages is not None and report.pages is None:
                report.pages = result.pages
            report.warnings += sum(1 for d in result.diagnostics if d.severity != "info")
    except (ReadError, StyleError) as e:
        report.error = str(e)
    except OSError as e:
        report.error = f"{e.strerror or e}" + (f": {e.filename}" if getattr(e, "filename", None) else "")
    except Exception as e:  # a writer bug must not take the batch down
        report.error = f"{type(e).__name__}: {e}"
        if debug:
            traceback.print_exc()
    report.seconds = time.perf_counter() - start
    return report


def _formats(value: str | None) -> list[str]:
    known = registry.writer_names()
    if not value:
        return [n for n in ("docx", "pdf", "epub") if n in known]
    out = []
    for part in value.split(","):
        part = part.strip().lower()
        if part not in known:
            raise click.BadParameter(f"unknown format {part!r}; known: {', '.join(known)}", param_hint="'-t'")
        out.append(part)
    return out


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="speechpress")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn Chinese speech manuscripts into DOCX, PDF and EPUB.

    With no command, converts every manuscript in seeds/ into output/ in all formats.

    \b
    Examples:
      speechpress                               # seeds/ -> output/, all formats
      speechpress convert talk.txt -t pdf       # one file, PDF only
      speechpress inspect talk.txt              # the outline the reader found
      speechpress lint drafts/*.txt --strict    # diagnostics, exit 1 on warnings
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(convert_cmd)


@main.command("convert")
@click.argument("inputs", nargs=-1)
@click.option("-t", "--to", "to", metavar="FORMATS", help="Comma-separated output formats (default: docx,pdf,epub).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="Output folder (default: output/).")
@click.option("-s", "--style", "style", metavar="NAME|FILE", help="Built-in style name or a style .toml file.")
@click.option("-f", "--from", "from_", type=click.Choice(["txt", "md", "docx"]), help="Input format (default: by extension).")
@click.option("--toc", is_flag=True, help="Add a table of contents (DOCX).")
@click.option("--embed-fonts", is_flag=True, help="Embed subset fonts (EPUB).")
@click.option("--booklet", is_flag=True, help="Impose the PDF as a saddle-stitch booklet.")
@click.option("--no-repair", is_flag=True, help="Report artifacts but change nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
def convert_cmd(
    inputs: tuple[str, ...] = (),
    to: str | None = None,
    output: Path | None = None,
    style: str | None = None,
    from_: str | None = None,
    toc: bool = False,
    embed_fonts: bool = False,
    booklet: bool = False,
    no_repair: bool = False,
    quiet: bool = False,
    debug: bool = False,
) -> None:
    """Convert manuscripts (files, folders, globs) into publications.

    \b
    Examples:
      speechpress convert                        # seeds/ -> output/
      speechpress convert seeds/ -t docx -o output/
      speechpress convert a.txt b.md -t pdf,epub --style handout
    """
    formats = _formats(to)
    out_dir = output or DEFAULT_OUTPUT
    try:
        load_style(style)
    except StyleError as e:
        raise _fail(str(e), 2)
    files = find_inputs(inputs or (str(DEFAULT_INPUT),))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _fail(f"{out_dir}: cannot create output folder: {e.strerror}")
    options = WriteOptions(toc=toc, embed_fonts=embed_fonts, booklet=booklet)
    failed = 0
    reports = []
    for src in files:
        r = convert_one(src, out_dir, formats, style, options, from_, not no_repair, debug)
        reports.append(r)
        if r.error:
            failed += 1
            click.echo(f"speechpress: {src}: {r.error}", err=True)
    if not quiet:
        for r in reports:
            if not r.error:
                pages = "-" if r.pages is None else str(r.pages)
                click.echo(f"{r.source}\t{','.join(r.formats)}\tpages {pages}\twarnings {r.warnings}\t{r.seconds:.2f}s")
    if failed:
        raise click.exceptions.Exit(1)


def _read_or_exit(path: str, fmt: str | None = None) -> Document:
    try:
        return api.read(path, fmt=fmt)
    except ReadError as e:
        raise _fail(f"{path}: {e}")


def outline_lines(doc: Document) -> list[str]:
    """The outline as an indented tree, the way a typesetter checks a manuscript."""
    lines = []
    if doc.title:
        lines.append(f"title: {doc.title}")
    if doc.subtitle:
        lines.append(f"subtitle: {doc.subtitle}")
    for key in ("author", "date"):
        if getattr(doc, key):
            lines.append(f"{key}: {getattr(doc, key)}")
    for i, s in enumerate(doc.speeches, 1):
        head = " ".join(x for x in (s.label, s.title) if x) or f"speech {i}"
        counts = {"heading": 0, "paragraph": 0, "note": 0, "table": 0}
        for b in s.blocks:
            counts[b.type] += 1
        lines.append(f"{head}  [{counts['heading']} headings, {counts['paragraph']} paragraphs]")
        for key in ("subtitle", "author", "date"):
            if getattr(s, key):
                lines.append(f"  {key}: {getattr(s, key)}")
        for b in s.blocks:
            if isinstance(b, Heading):
                mark = " (run-in)" if b.run_in else ""
                lines.append(f"{'  ' * b.level}H{b.level}{mark} {b.text}")
            elif isinstance(b, Paragraph) and b.role != "body":
                lines.append(f"  [{b.role}] {b.text[:40]}")
            elif isinstance(b, Note):
                lines.append(f"  [note] {b.text[:40]}")
            elif isinstance(b, Table):
                lines.append(f"  [table {len(b.rows)} rows]")
    return lines


@main.command("inspect")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (the public contract).")
@click.option("-f", "--from", "from_", type=click.Choice(["txt", "md", "docx"]), help="Input format.")
def inspect_cmd(file: str, as_json: bool, from_: str | None) -> None:
    """Show the outline the reader found: levels indented, run-in heads marked.

    \b
    Examples:
      speechpress inspect seeds/000_bab276808ddd4c79.txt
      speechpress inspect talk.txt --json | jq .speeches[0].blocks
    """
    from .model import to_json

    doc = _read_or_exit(file, from_)
    if as_json:
        click.echo(json.dumps(to_json(doc), ensure_ascii=False, indent=2))
        return
    for line in outline_lines(doc):
        click.echo(line)
    sev = {k: sum(1 for d in doc.diagnostics if d.severity == k) for k in ("error", "warning", "info")}
    click.echo(f"diagnostics: {sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos")


@main.command("lint")
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Exit 1 when any warning is found.")
@click.option("-f", "--from", "from_", type=click.Choice(["txt", "md", "docx"]), help="Input format.")
def lint_cmd(files: tuple[str, ...], strict: bool, from_: str | None) -> None:
    """Print diagnostics as FILE:LINE: severity: message.

    \b
    Examples:
      speechpress lint talk.txt
      speechpress lint drafts/*.txt --strict && echo clean
    """
    worst = 0
    for f in files:
        try:
            doc = api.read(f, fmt=from_)
        except ReadError as e:
            click.echo(f"{f}: error: {e}", err=True)
            worst = 1
            continue
        for d in doc.diagnostics:
            click.echo(d.format(f))
            if d.severity == "error" or (strict and d.severity == "warning"):
                worst = 1
    if worst:
        raise click.exceptions.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
