"""What several commands share: the one-line usage failure, option checks and completion."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import registry, timing
from ..names import one_line, quoted

if TYPE_CHECKING:
    from ..style import Style

#: Where a command records ``--debug`` for the catch-all (:mod:`.main`): click's
#: ``ctx.meta`` is shared by a command and the group that runs it.
DEBUG_KEY = "speechpress.debug"


def say(message: str) -> None:
    """One line on stderr, whatever ``message`` holds (controls escaped)."""
    click.echo(f"speechpress: {one_line(message)}", err=True)


class UsageFailure(click.exceptions.Exit):
    """Exit 2 after one line on stderr (click's own UsageError prints three)."""

    def __init__(self, message: str) -> None:
        say(message)
        super().__init__(2)


def fail(message: str, code: int = 1) -> click.exceptions.Exit:
    """One line on stderr, then exit with ``code``."""
    say(message)
    return click.exceptions.Exit(code)


def set_debug(debug: bool) -> None:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and debug:
        ctx.meta[DEBUG_KEY] = True


_LOADED: dict[tuple[str | None, str], Style] = {}


def command_style(ref: str | None, overrides: Mapping[str, Any] | None = None) -> Style:
    """:func:`~convert.style.load_style`, once per process for one ``ref`` and ``-O``: a
    command checks the style before any work and each job then uses it (a load is about
    2 ms, a tenth of an EPUB's own work). Styles are immutable to their users."""
    from ..style import load_style

    key = (ref, repr(overrides))
    if key not in _LOADED:
        _LOADED[key] = load_style(ref, overrides)
    return _LOADED[key]


def load_style_or_fail(ref: str | None, overrides: Mapping[str, Any] | None = None) -> Style:
    """The style (with ``-O`` overrides laid over it), or one line naming the style file
    and exit 2 — for any failure, a MemoryError included: a style is input."""
    from ..style import StyleError
    from .errors import cause

    try:
        return command_style(ref, overrides)
    except StyleError as e:
        raise UsageFailure(str(e)) from None
    except Exception as e:  # noqa: BLE001 - the catch-all for a user's file: one line, exit 2
        raise UsageFailure(f"{quoted(ref or '')}: cannot use this style: {cause(e)}") from None


def complete_style(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem  # only when a shell asks: 4 ms

    from ..style import builtin_styles, load_style

    items: list[Any] = [
        CompletionItem(n, help=load_style(n).description) for n in builtin_styles() if n.startswith(incomplete)
    ]
    return items + [CompletionItem(incomplete, type="file")]


def check_reader(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """``-f/--from``: any registered reader, plug-ins included (so not a fixed click.Choice)."""
    if value is None:
        return None
    known = registry.reader_names()
    if value not in known:
        raise UsageFailure(f"-f: unknown input format {value!r}; known: {', '.join(known)}")
    return value


def complete_readers(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return [n for n in registry.reader_names() if n.startswith(incomplete)]


def parse_fonts(values: tuple[str, ...]) -> dict[str, str]:
    fonts: dict[str, str] = {}
    for v in values:
        key, sep, file = v.partition("=")
        if not sep or not key.strip() or not file.strip():
            raise UsageFailure(f"--font {v!r}: expected ROLE=FILE, e.g. --font body=/usr/share/fonts/FangSong.ttf")
        path = Path(file.strip()).expanduser()
        if not path.is_file():
            raise UsageFailure(f"--font {v!r}: {quoted(path)}: no such font file")
        fonts[key.strip()] = str(path.resolve())
    return fonts


def parse_options(values: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``-O TABLE.KEY=VALUE`` options: style overrides, checked by the style schema with
    its did-you-mean (``-O docx.run_in=inline``, ``-O roles.body.size=16``); a table named
    after an installed plug-in writer that the schema does not know (``-O txt.wrap=72``)
    goes to that writer as ``WriteOptions.extra``. Returns (overrides, extra)."""
    from ..style import SCHEMA, StyleError, parse_overrides, parse_value

    styled: list[str] = []
    extra: dict[str, Any] = {}
    for v in values:
        table, dot, _ = v.partition("=")[0].strip().partition(".")
        if dot and table not in SCHEMA and table != "roles" and table in registry.writer_names():
            key, _, value = v.partition("=")
            extra[key.strip().partition(".")[2]] = parse_value(value)
        else:
            styled.append(v)
    try:
        return parse_overrides(styled), extra
    except StyleError as e:
        raise UsageFailure(str(e)) from None


def pace_option(func: Any) -> Any:
    """``--pace N``: the speaking pace the times are estimated at (characters a minute)."""
    return click.option(
        "--pace",
        type=click.IntRange(timing.MIN_PACE, timing.MAX_PACE),
        default=timing.DEFAULT_PACE,
        show_default=True,
        metavar="N",
        help="Speaking pace in characters (字) a minute, for speaking times.",
    )(func)


def from_option(help: str = "Input format (txt, md, docx or a plug-in's); default: by extension.") -> Any:
    """``-f/--from FORMAT``: any registered reader, completed from the registry."""
    return click.option(
        "-f",
        "--from",
        "from_",
        metavar="FORMAT",
        callback=check_reader,
        shell_complete=complete_readers,
        help=help,
    )


def style_option(help: str) -> Any:
    """``-s/--style NAME|FILE``: a built-in style or a style file, completed with the built-ins."""
    return click.option("-s", "--style", "style", metavar="NAME|FILE", shell_complete=complete_style, help=help)
