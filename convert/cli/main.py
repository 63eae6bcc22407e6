"""The ``speechpress`` command line.

Conventions follow click's own docs: data to stdout, messages to stderr, one line per
error naming the file and the cause, exit 0 when everything was written, 1 when some
input failed (the others are still written), 2 for a usage error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .common import DEBUG_KEY, say, set_debug
from .convert import convert_cmd
from .errors import cause, quiet_libraries
from .inspect import inspect_cmd, lint_cmd
from .styles import fonts_cmd, formats_cmd, styles_cmd

__all__ = ["main"]


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second error (as the
    Python documentation advises for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class Speechpress(click.Group):
    """The command group with the catch-all: whatever escapes a command (a bug, a
    MemoryError, a RecursionError) becomes one line on stderr naming the cause, exit 1;
    ``--debug`` adds the traceback. Click's own exits and usage errors pass through."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # `speechpress inspect … | head`: the reader left; so do we
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except Exception as e:  # noqa: BLE001 - the last line of defence
            if ctx.meta.get(DEBUG_KEY):
                import traceback  # `speechpress --help` and a clean run need none of it

                click.echo(traceback.format_exc().rstrip(), err=True)
            hint = "" if ctx.meta.get(DEBUG_KEY) else " (--debug shows the traceback)"
            say(f"unexpected error: {cause(e)}{hint}")
            raise click.exceptions.Exit(1) from None


@click.group(cls=Speechpress, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="speechpress")
@click.option("--debug", is_flag=True, help="Show the traceback of unexpected errors (any command).")
@click.pass_context
def main(ctx: click.Context, debug: bool = False) -> None:
    """Turn Chinese speech manuscripts into DOCX, PDF and EPUB.

    With no command, converts every manuscript in seeds/ into output/ in all formats
    (the same as `speechpress convert`).

    \b
    Examples:
      speechpress                               # seeds/ -> output/, all formats
      speechpress convert talk.txt -t pdf       # one file, PDF only
      speechpress convert talks/ -o out/ -j 4   # a folder, four at a time
      speechpress inspect talk.txt              # the outline the reader found
      speechpress lint drafts/*.txt --strict    # diagnostics, exit 1 on warnings
      speechpress styles                        # the styles to choose from
      speechpress fonts --style handout         # which font files each role gets

    \b
    Shell completion (bash; zsh and fish alike with zsh_source / fish_source):
      eval "$(_SPEECHPRESS_COMPLETE=bash_source speechpress)"
    """
    set_debug(debug)
    if not debug:
        quiet_libraries()
    if ctx.invoked_subcommand is None:
        ctx.invoke(convert_cmd, debug=debug)


main.add_command(convert_cmd)
main.add_command(styles_cmd)
main.add_command(fonts_cmd)
main.add_command(formats_cmd)
main.add_command(inspect_cmd)
main.add_command(lint_cmd)
