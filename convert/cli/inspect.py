"""``speechpress inspect`` and ``lint``: what the reader found, before anything is written."""

from __future__ import annotations

import json

import click

from .. import api
from ..model import Document, Heading, Note, Paragraph, Table
from ..names import one_line, quoted
from .batch import cause
from .common import check_reader, complete_readers, fail


def _read_or_exit(path: str, fmt: str | None = None) -> Document:
    try:
        return api.read(path, fmt=fmt)
    except Exception as e:  # noqa: BLE001 - any failure is one line naming the file
        raise fail(f"{quoted(path)}: {cause(e)}") from None


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


@click.command("inspect")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (the public contract).")
@click.option(
    "-f",
    "--from",
    "from_",
    metavar="FORMAT",
    callback=check_reader,
    shell_complete=complete_readers,
    help="Input format (txt, md, docx or a plug-in's); default: by extension.",
)
def inspect_cmd(file: str, as_json: bool, from_: str | None) -> None:
    """Show the outline the reader found: levels indented, run-in heads marked.

    \b
    Examples:
      speechpress inspect seeds/000_bab276808ddd4c79.txt
      speechpress inspect talk.txt --json | jq .speeches[0].blocks
    """
    from ..model import to_json

    doc = _read_or_exit(file, from_)
    if as_json:
        click.echo(json.dumps(to_json(doc), ensure_ascii=False, indent=2))
        return
    for line in outline_lines(doc):
        click.echo(line)
    sev = {k: sum(1 for d in doc.diagnostics if d.severity == k) for k in ("error", "warning", "info")}
    click.echo(f"diagnostics: {sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos")


@click.command("lint")
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Exit 1 when any warning is found.")
@click.option(
    "-f",
    "--from",
    "from_",
    metavar="FORMAT",
    callback=check_reader,
    shell_complete=complete_readers,
    help="Input format (txt, md, docx or a plug-in's); default: by extension.",
)
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
        except Exception as e:  # noqa: BLE001 - any failure is one line naming the file
            click.echo(one_line(f"{quoted(f)}: error: {cause(e)}"), err=True)
            worst = 1
            continue
        for d in doc.diagnostics:
            click.echo(one_line(d.format(quoted(f))))
            if d.severity == "error" or (strict and d.severity == "warning"):
                worst = 1
    if worst:
        raise click.exceptions.Exit(1)
