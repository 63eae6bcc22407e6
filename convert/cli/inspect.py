"""``speechpress inspect`` and ``lint``: what the reader found, before anything is written."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

import click

from .. import timing
from ..names import one_line, quoted
from .common import fail, from_option, pace_option

if TYPE_CHECKING:
    from ..model import Diagnostic, Document, Speech


def _read_or_exit(path: str, fmt: str | None = None, explain: bool = False) -> Document:
    from .. import api

    try:
        return api.read(path, fmt=fmt, explain=explain)
    except Exception as e:  # noqa: BLE001 - any failure is one line naming the file
        from .errors import cause

        raise fail(f"{quoted(path)}: {cause(e)}") from None


def outline_lines(doc: Document, pace: int = timing.DEFAULT_PACE) -> list[str]:
    """The outline as an indented tree, the way a typesetter checks a manuscript; each
    speech and top-level section with its speaking time at ``pace``, the whole at the end."""
    from ..model import Heading, Note, Paragraph, Table

    lines = []
    total = 0
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
        spoken = timing.speech_time(s)
        total += spoken.units
        sections = {x.index: x for x in spoken.sections}
        lines.append(
            f"{head}  [{counts['heading']} headings, {counts['paragraph']} paragraphs, {_duration(spoken.units, pace)}]"
        )
        for key in ("subtitle", "author", "date"):
            if getattr(s, key):
                lines.append(f"  {key}: {getattr(s, key)}")
        for n, b in enumerate(s.blocks):
            if isinstance(b, Heading):
                mark = " (run-in)" if b.run_in else ""
                when = f" [{_duration(sections[n].units, pace)}]" if n in sections else ""
                lines.append(f"{'  ' * b.level}H{b.level}{mark} {b.text}{when}")
            elif isinstance(b, Paragraph) and b.role != "body":
                lines.append(f"  [{b.role}] {b.text[:40]}")
            elif isinstance(b, Note):
                lines.append(f"  [{'cue' if b.kind == 'cue' else 'note'}] {b.text[:40]}")
            elif isinstance(b, Table):
                lines.append(f"  [table {len(b.rows)} rows]")
    lines.append(f"speaking time: about {_duration(total, pace)} at {pace} characters a minute")
    return lines


class _Lazy(list[Any]):
    """A JSON array whose items are made while it is written: the encoder with ``indent``
    (pure Python) only asks a list whether it is empty and then iterates it."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__()
        self._items = items

    def __bool__(self) -> bool:
        return True  # made only for arrays known not to be empty

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)


def lazy_json(doc: Document) -> dict[str, Any]:
    """:func:`~convert.model.to_json`'s object with the speeches and their blocks made one
    at a time as they are written: the dicts of 200,000 headings and their indented text
    held at once took 660 MB. The keys and values are to_json's own (same order, same
    code: each speech's keys from to_json of that speech without its blocks)."""
    from ..model import Document, block_to_json, to_json

    data = to_json(replace(doc, speeches=()))
    tail = {k: data.pop(k) for k in list(data)[list(data).index("speeches") :]}

    def speech(s: Speech) -> dict[str, Any]:
        sd: dict[str, Any] = to_json(Document(speeches=(replace(s, blocks=()),)))["speeches"][0]
        sd["blocks"] = _Lazy(block_to_json(b) for b in s.blocks) if s.blocks else []
        return sd

    data["speeches"] = _Lazy(speech(s) for s in doc.speeches) if doc.speeches else []
    del tail["speeches"]
    data.update(tail)
    return data


def write_json(doc: Document, pace: int, out: TextIO) -> None:
    """``inspect --json``: the model and the speaking time, written as they are encoded,
    in pieces of about 64 KB."""
    data = lazy_json(doc)
    data["speaking_time"] = timing.timing_json(doc, pace)  # a key of our own (docs/model-json.md)
    pending: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        pending.append(chunk)
        size += len(chunk)
        if size > 65536:
            out.write("".join(pending))
            pending.clear()
            size = 0
    pending.append("\n")
    out.write("".join(pending))
    out.flush()


def _duration(units: int, pace: int) -> str:
    return timing.format_duration(timing.seconds(units, pace))


def explain_lines(doc: Document) -> list[str]:
    """Why each line became what it is, by line: ``L12  heading level 2 [rule] “text”``."""
    from ..readers.context import EXPLAIN_CODE

    why = [d for d in doc.diagnostics if d.code == EXPLAIN_CODE]
    return [f"L{d.line if d.line is not None else '-':<5} {d.message}" for d in why]


def _without_explanations(doc: Document) -> tuple[Diagnostic, ...]:
    from ..readers.context import EXPLAIN_CODE

    return tuple(d for d in doc.diagnostics if d.code != EXPLAIN_CODE)


@click.command("inspect")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the model as JSON (the public contract).")
@from_option()
@click.option(
    "--explain",
    is_flag=True,
    help="Also say why each line became a heading, piece, lead, title or note, naming the rule.",
)
@pace_option
def inspect_cmd(
    file: str, as_json: bool, from_: str | None, explain: bool = False, pace: int = timing.DEFAULT_PACE
) -> None:
    """Show the outline the reader found: levels indented, run-in heads marked.

    \b
    Examples:
      speechpress inspect seeds/000_bab276808ddd4c79.txt
      speechpress inspect talk.txt --explain
      speechpress inspect talk.txt --json | jq .speeches[0].blocks
    """
    doc = _read_or_exit(file, from_, explain)
    if as_json:
        # with --explain, the explanations are diagnostics with the code "why"
        write_json(doc, pace, click.get_text_stream("stdout"))
        return
    for line in outline_lines(doc, pace):
        click.echo(line)
    if explain:
        click.echo("why:")
        for line in explain_lines(doc):
            click.echo("  " + line)
    diags = _without_explanations(doc)
    sev = {k: sum(1 for d in diags if d.severity == k) for k in ("error", "warning", "info")}
    click.echo(f"diagnostics: {sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos")


def _overlong(doc: Document, max_minutes: float | None, pace: int) -> list[Diagnostic]:
    """A warning for each speech that runs over ``max_minutes`` read aloud."""
    from ..model import Diagnostic

    if max_minutes is None:
        return []
    out = []
    for i, s in enumerate(doc.speeches, 1):
        secs = timing.speech_time(s).seconds(pace)
        if secs > max_minutes * 60:
            name = " ".join(x for x in (s.label, s.title) if x) or f"speech {i}"
            line = next((b.line for b in s.blocks if b.line is not None), None)
            out.append(
                Diagnostic(
                    "warning",
                    "speech-too-long",
                    f"{name} runs about {timing.format_duration(secs)} read aloud at {pace} characters a minute, "
                    f"over {max_minutes:g} minutes",
                    line,
                )
            )
    return out


@click.command("lint")
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Exit 1 when any warning is found.")
@from_option()
@click.option(
    "--max-minutes",
    type=click.FloatRange(0.5, 600),
    metavar="M",
    help="Warn when a speech runs longer than M minutes read aloud (at --pace).",
)
@pace_option
def lint_cmd(
    files: tuple[str, ...],
    strict: bool,
    from_: str | None,
    max_minutes: float | None = None,
    pace: int = timing.DEFAULT_PACE,
) -> None:
    """Print diagnostics as FILE:LINE: severity: message.

    \b
    Examples:
      speechpress lint talk.txt
      speechpress lint drafts/*.txt --strict && echo clean
      speechpress lint talk.txt --max-minutes 10 --pace 200
    """
    from .. import api
    from .errors import cause

    worst = 0
    for f in files:
        try:
            doc = api.read(f, fmt=from_)
        except Exception as e:  # noqa: BLE001 - any failure is one line naming the file
            click.echo(one_line(f"{quoted(f)}: error: {cause(e)}"), err=True)
            worst = 1
            continue
        for d in (*doc.diagnostics, *_overlong(doc, max_minutes, pace)):
            click.echo(one_line(d.format(quoted(f))))
            if d.severity == "error" or (strict and d.severity == "warning"):
                worst = 1
    if worst:
        raise click.exceptions.Exit(1)
