"""``speechpress styles``, ``fonts`` and ``formats``: what a user can choose from, and what
a choice resolves to, before converting anything."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

import click

from .. import registry
from .common import UsageFailure, complete_style, load_style_or_fail, parse_fonts, style_option

if TYPE_CHECKING:
    from ..style import Style


@click.group("styles", invoke_without_command=True)
@click.pass_context
def styles_cmd(ctx: click.Context) -> None:
    """List the built-in styles, one line each; `styles show` prints one in full.

    \b
    Examples:
      speechpress styles
      speechpress styles show handout
      speechpress styles show official > house.toml   # a complete style to edit
      speechpress styles show house.toml               # what `extends` resolved to
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..style import builtin_styles

    names = builtin_styles()
    width = max(len(n) for n in names)
    for name in names:
        st = load_style_or_fail(name)
        default = " (default)" if name == "official" else ""
        click.echo(f"{name:<{width}}  {st.description}{default}")


@styles_cmd.command("show")
@click.argument("style", metavar="NAME|FILE", shell_complete=complete_style)
def styles_show_cmd(style: str) -> None:
    """Print a style resolved (`extends` followed, defaults filled in) as TOML.

    The output is itself a complete style file: save it, change a few keys, and use it
    with --style FILE.

    \b
    Examples:
      speechpress styles show official
      speechpress styles show my-house.toml
    """
    from ..style import dump_toml, resolved_data

    st = load_style_or_fail(style)
    click.echo(f"# style {st.name!r} resolved from {st.source}")
    click.echo(dump_toml(resolved_data(st)), nl=False)


def _cell(row: Any, key: str, index: int) -> str:
    if isinstance(row, dict):
        value = row.get(key)
    elif hasattr(row, key):
        value = getattr(row, key)
    else:
        value = row[index] if index < len(row) else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value in (None, "") else str(value)


@click.command("fonts")
@style_option("Style whose fonts to resolve (default: official).")
@click.option("--font", "fonts", multiple=True, metavar="ROLE=FILE", help="As for convert: a font file for a role.")
@click.option(
    "--prepare",
    is_flag=True,
    help="Convert the common characters (GB2312, punctuation, Latin) of every face the style "
    "(default: every built-in style) uses, once, so that new manuscripts' PDFs need no conversion.",
)
def fonts_cmd(style: str | None, fonts: tuple[str, ...], prepare: bool = False) -> None:
    """Show which font each role gets on this machine: role, family, file, embedded?

    Fonts are tried in the style's order; the first one found wins. A role whose font is
    not embeddable in PDF (e.g. an OpenType CFF face) falls back as shown.

    With --prepare, convert each face's common glyphs into the font cache now (5-10 s
    and about 3 MB a face) instead of a few at a time as manuscripts need them.

    \b
    Examples:
      speechpress fonts
      speechpress fonts --style handout
      speechpress fonts --font body=~/fonts/FangSong_GB2312.ttf
      speechpress fonts --prepare
    """
    from ..style import builtin_styles

    files = parse_fonts(fonts)
    if prepare:
        _prepare([load_style_or_fail(style)] if style else [load_style_or_fail(n) for n in builtin_styles()], files)
        return
    st = load_style_or_fail(style)
    try:
        from ..fonts import fonts_table  # written alongside the PDF writer
    except ImportError as e:
        raise click.ClickException(f"font resolution is not available: {e}") from None
    rows = list(fonts_table(st, files))
    keys = ("role", "family", "file", "embedded")
    table = [("role", "family", "file", "embedded")] + [tuple(_cell(r, k, i) for i, k in enumerate(keys)) for r in rows]
    widths = [max(len(t[i]) for t in table) for i in range(3)]
    for t in table:
        click.echo("  ".join(c.ljust(widths[i]) if i < 3 else c for i, c in enumerate(t)).rstrip())


def _prepare(styles: list[Style], files: dict[str, str]) -> None:
    """Fill the glyph store of every embeddable face ``styles`` resolve to."""
    from .. import fontstore
    from ..fonts import FontError, ResolvedFont, cache_dir, resolve_all, resolve_latin

    faces: dict[tuple[str, int], ResolvedFont] = {}
    for st in styles:
        try:
            resolved = list(resolve_all(st, files).values())
        except FontError as e:
            raise UsageFailure(str(e)) from None
        # and the faces the PDF writer sets the roles' Latin letters and digits in
        resolved += [f for f in (resolve_latin(st, role) for role in st.roles) if f is not None]
        for f in resolved:
            if f.path is not None:
                faces.setdefault(f.key, f)
    if not faces:
        click.echo("speechpress: no embeddable font is installed: nothing to prepare", err=True)
        return
    removed = fontstore.prune_cache()
    cps = fontstore.common_codepoints()
    with click.progressbar(
        length=len(cps) * len(faces), label="Converting glyphs", file=sys.stderr, show_eta=True
    ) as bar:
        stores = []
        for f in faces.values():
            bar.label = f"Converting {f.path.name if f.path else f.family}"
            stores.append((f, fontstore.prepare(f, cps, bar.update)))
    total = 0
    for f, store in stores:
        size = store.path.stat().st_size if store.path.is_file() else 0
        total += size
        click.echo(f"{f.family} ({f.path}#{f.index}): {len(store.font.cmap)} characters, {size / 1e6:.1f} MB")
    note = f"; {removed} stale cache files removed" if removed else ""
    click.echo(f"{len(stores)} faces prepared in {cache_dir()}: {total / 1e6:.1f} MB{note}")
    _prepare_the_rest()


def _prepare_the_rest() -> None:
    """What a first conversion would otherwise make once, in the same cache folder: the
    title dictionary's index (a second) and the compiled patterns of the built-in readers
    and writers (imported here, kept when this process ends: :mod:`convert.regexcache`)."""
    from ..writers.lexicon import prepare_index

    prepare_index()
    for group in registry.GROUPS:
        for name in registry.builtin(group):
            with contextlib.suppress(Exception):  # a broken one fails where it is used, loudly
                registry.get(group, name)


@click.command("formats")
def formats_cmd() -> None:
    """List the readers and writers found through entry points (built-in and plug-ins).

    A package adds a format by declaring an entry point in the group `speechpress.writers`
    (or `speechpress.readers`) that names an object with `name`, `extension`,
    `description` and `write(doc, path, style, options)`.

    \b
    Examples:
      speechpress formats
      pip install speechpress-html && speechpress convert talk.txt -t html
    """
    for title, group in (("writers (-t)", registry.WRITERS), ("readers (-f)", registry.READERS)):
        click.echo(f"{title}:")
        for entry in registry.entries(group):
            try:
                obj = registry.get(group, entry.name)
                exts = getattr(obj, "extension", None) or " ".join(getattr(obj, "extensions", ()))
                what = f"{exts:<14} {getattr(obj, 'description', '')}"
            except registry.PluginError as e:
                what = f"BROKEN: {e.__cause__ or e}"
            except Exception as e:  # noqa: BLE001 - a plug-in whose attributes raise is broken too
                what = f"BROKEN: {type(e).__name__}: {e}"
            origin = "" if entry.builtin else f"  [{entry.origin}]"
            click.echo(f"  {entry.name:<8} {what}{origin}".rstrip())
