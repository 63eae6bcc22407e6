"""Styles as data: one TOML file per style, read by every writer.

A style says how a document looks (page, grid, faces per role, sizes, page numbers),
never what it says. Keeping it as data in ``styles/`` lets an office change its house
style without touching code, and makes the DOCX, PDF and EPUB agree with each other.

A style may ``extends = "official"`` (a built-in name or a path) and change a few keys;
tables merge key by key. Every key is checked against :data:`SCHEMA` so that a typo is a
clear error naming the file and the key, not a silently ignored setting.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import one_line, quoted

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
if not STYLES_DIR.is_dir():  # installed as a wheel: the styles ship inside the package
    STYLES_DIR = Path(__file__).resolve().parent / "styles"

DEFAULT_STYLE = "official"

#: Chinese type sizes (字号) in points, as Word and WPS define them.
SIZE_NAMES: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}

#: Paper sizes in mm (portrait).
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
    "B5": (176, 250),
    "16K": (184, 260),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
}

ROLES: tuple[str, ...] = (
    "title",
    "subtitle",
    "label",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "body",
    "lead",
    "greeting",
    "closing",
    "signature",
    "quote",
    "list_item",
    "note",
    "cue",
    "code",
    "caption",
    "page_number",
    "running_head",
)
#: Where a role without its own fonts or size takes them (then that role's fallback, and
#: so on, down to body): a cue is set in the lead face, code and captions like notes.
ROLE_FALLBACK: dict[str, str] = {"lead": "heading1", "cue": "lead", "code": "note", "caption": "note"}
ALIGNMENTS = ("justify", "left", "center", "right")
#: Heading levels with a look of their own; deeper levels look like the last one (as
#: Word templates do).
HEADING_ROLE_LEVELS = 4


def role_level(level: int) -> int:
    """The heading role's number for a model level: 1 to :data:`HEADING_ROLE_LEVELS`."""
    return min(max(level, 1), HEADING_ROLE_LEVELS)


def heading_role_name(level: int) -> str:
    """The style role of a heading of model level ``level`` (``heading1``…``heading4``)."""
    return f"heading{role_level(level)}"


# Schema: table -> key -> (type description, validator). A validator returns an error
# message or None.


def _num(lo: float, hi: float):
    def check(v: Any) -> str | None:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return f"must be a number from {lo:g} to {hi:g}"
        return None if lo <= v <= hi else f"must be from {lo:g} to {hi:g}, not {v:g}"

    return check


def _bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


#: A style file is a few KB; anything larger is not a style (and ``/dev/zero`` never ends).
MAX_STYLE_BYTES = 1024 * 1024
#: How many files an ``extends`` chain may pass through (the built-ins use one).
MAX_EXTENDS_DEPTH = 32
#: Longest text a style may set: a running head or a page-number format is set on every
#: page, a font family name is looked up in every installed font; none is ever long.
MAX_TEXT = 100
#: Most font family names one role may list.
MAX_FONTS = 32
#: Longest ``extends`` path (Linux's PATH_MAX).
MAX_PATH = 4096


def _shown(v: Any, limit: int = 40) -> str:
    """A value as a message quotes it: repr, cut short (the value may be a megabyte)."""
    r = repr(v)
    return r if len(r) <= limit else r[: limit - 1] + "…"


def _str(v: Any, limit: int = MAX_TEXT) -> str | None:
    if not isinstance(v, str):
        return "must be a string"
    return None if len(v) <= limit else f"is {len(v):,} characters long; at most {limit:,} are allowed"


def _path(v: Any) -> str | None:
    return _str(v, MAX_PATH)


def _choice(*allowed: str):
    def check(v: Any) -> str | None:
        return None if v in allowed else f"must be one of {', '.join(allowed)}; not {_shown(v)}"

    return check


def _fonts(v: Any) -> str | None:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        return 'must be a non-empty list of font family names, e.g. ["仿宋_GB2312", "FangSong"]'
    if len(v) > MAX_FONTS:
        return f"lists {len(v):,} fonts; at most {MAX_FONTS} are allowed"
    return next((f"has a font name {msg}" for x in v if (msg := _str(x))), None)


def _size(v: Any) -> str | None:
    if isinstance(v, str):
        if v in SIZE_NAMES:
            return None
        return f"unknown size name {_shown(v)}; use points or one of {' '.join(SIZE_NAMES)}"
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 3 <= v <= 200:
        return 'must be a size in points (3 to 200) or a Chinese size name such as "三号"'
    return None


def _paper(v: Any) -> str | None:
    if isinstance(v, str):
        return (
            None
            if v in PAPER_SIZES
            else f"unknown paper {_shown(v)}; use one of {', '.join(PAPER_SIZES)} or [width_mm, height_mm]"
        )
    if isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) and 50 <= x <= 2000 for x in v):
        return None
    return "must be a paper name or [width_mm, height_mm]"


def _color(v: Any) -> str | None:
    if isinstance(v, str) and len(v) == 7 and v[0] == "#":
        try:
            int(v[1:], 16)
            return None
        except ValueError:
            pass
    return 'must be a colour like "#1a1a1a"'


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _template(*allowed: str, required: str | None = None):
    """A text with ``{name}`` placeholders; an unknown one would crash a writer mid-file."""
    names = ", ".join("{" + a + "}" for a in allowed)

    def check(v: Any) -> str | None:
        too_long = _str(v)
        if too_long:
            return too_long
        found = _PLACEHOLDER.findall(v)
        bad = [f for f in found if f not in allowed]
        if bad:
            return f"has unknown placeholder {{{bad[0]}}}; allowed: {names}"
        if v.count("{") != v.count("}"):
            return f"has an unbalanced brace; placeholders are {names}"
        if required and required not in found and v:
            return f'must contain {{{required}}}, e.g. "— {{{required}}} —"; allowed: {names}'
        return None

    return check


def _brackets(v: Any) -> str | None:
    if isinstance(v, str) and len(v) in (0, 2):
        return None
    return 'must be an opening and a closing mark, e.g. "［］" (or "" for none)'


def _suggest(word: str, allowed: Any) -> str:
    import difflib  # only a style with a mistake needs it

    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


_ROLE_KEYS = {
    "fonts": _fonts,
    "latin": _fonts,
    "size": _size,
    "bold": _bool,
    "italic": _bool,
    "align": _choice(*ALIGNMENTS),
    "color": _color,
    "space_before": _num(0, 200),
    "space_after": _num(0, 200),
    "first_line_indent": _num(0, 10),
    "line_spacing": _num(0.8, 4),
    "left_indent": _num(0, 20),
    "hanging": _bool,
    "rule_above": _bool,
    "brackets": _brackets,
}

SCHEMA: dict[str, dict[str, Any]] = {
    "page": {
        "size": _paper,
        "orientation": _choice("portrait", "landscape"),
        "margin_top": _num(0, 200),
        "margin_bottom": _num(0, 200),
        "margin_left": _num(0, 200),
        "margin_right": _num(0, 200),
        "lines_per_page": _num(0, 200),
        "chars_per_line": _num(0, 200),
        "cover": _bool,
    },
    "paragraph": {
        "align": _choice(*ALIGNMENTS),
        "first_line_indent": _num(0, 10),
        "space_before": _num(0, 100),
        "space_after": _num(0, 100),
        "line_spacing": _num(0.8, 4),
        "line_pitch": _num(0, 100),
    },
    "page_number": {
        "format": _template("page", "pages", required="page"),
        "position": _choice("outside", "center", "right", "none"),
        "indent": _num(0, 10),
        "offset": _num(0, 50),
        "first_page": _bool,
        "edge": _choice("bottom", "top"),
    },
    "running_head": {"text": _template("title", "subtitle")},
    "speaking": {"keep_sentences": _bool, "running_time": _template("time", required="time")},
    "colors": {"text": _color, "title": _color, "heading": _color, "note": _color},
    "docx": {"toc": _bool, "grid": _choice("lines", "chars"), "run_in": _choice("separator", "inline")},
    "pdf": {"booklet": _bool},
    "epub": {"line_height": _num(1, 3), "embed_fonts": _bool},
}
_TOP_KEYS = {"name": _str, "description": _str, "extends": _path}


class StyleError(ValueError):
    """A style file that cannot be used; the message names the file and the key, on one
    line whatever the file holds."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def _k(key: str) -> str:
    """A key as a message names it: the file may spell one a megabyte long."""
    return key if len(key) <= 40 else key[:39] + "…"


@dataclass(frozen=True)
class RoleStyle:
    """How one role of the text is set (fonts, size, spacing…), the unit every writer reads."""

    fonts: tuple[str, ...]
    size: float
    latin: tuple[str, ...] = ()
    bold: bool = False
    italic: bool = False
    align: str | None = None
    color: str | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    #: First-line indent in characters and line spacing (× size) of this role's own
    #: paragraphs; None: the ``[paragraph]`` value.
    first_line_indent: float | None = None
    line_spacing: float | None = None
    #: Indent of every line from the left, in characters of the role's size (quotes).
    left_indent: float = 0.0
    #: Lines after the first start under the text after the item's number (lists).
    hanging: bool = False
    #: A short rule above the first of a run of blocks in this role (notes).
    rule_above: bool = False
    #: Opening and closing marks printed around the text (cues: ``［翻页］``).
    brackets: str = ""


@dataclass(frozen=True)
class PageSpec:
    """The page and its grid in millimetres, as GB/T 9704 states them; writers convert to their own units."""

    width_mm: float
    height_mm: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    lines_per_page: int = 0
    chars_per_line: int = 0
    cover: bool = False

    @property
    def type_width_mm(self) -> float:
        return self.width_mm - self.margin_left - self.margin_right

    @property
    def type_height_mm(self) -> float:
        return self.height_mm - self.margin_top - self.margin_bottom

    @property
    def type_width_pt(self) -> float:
        """The type area's width in points, as the writers lay out."""
        return mm_to_pt(self.type_width_mm)

    @property
    def type_height_pt(self) -> float:
        return mm_to_pt(self.type_height_mm)

    @property
    def has_grid(self) -> bool:
        return self.lines_per_page > 0 and self.chars_per_line > 0

    @property
    def line_pitch_pt(self) -> float | None:
        """Baseline-to-baseline distance of the document grid (GB/T 9704: 28.95 pt)."""
        if not self.lines_per_page:
            return None
        return self.type_height_pt / self.lines_per_page

    @property
    def char_pitch_pt(self) -> float | None:
        if not self.chars_per_line:
            return None
        return self.type_width_pt / self.chars_per_line


@dataclass(frozen=True)
class Style:
    """A style file, checked and resolved (its ``extends`` chain merged): plain data shared by all writers."""

    name: str
    description: str
    page: PageSpec
    roles: Mapping[str, RoleStyle]
    align: str = "justify"
    first_line_indent: float = 2.0
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: float = 1.5
    line_pitch: float = 0.0  # pt; 0: the grid's, else body size × line_spacing
    page_number_format: str = "— {page} —"
    page_number_position: str = "outside"
    page_number_indent: float = 1.0
    page_number_offset: float = 7.0
    page_number_first_page: bool = True
    page_number_edge: str = "bottom"  # top: in the head margin, at the corner ``position`` says
    running_head: str = ""
    #: The copy read at the lectern: ``keep_sentences`` (no sentence crosses a page break),
    #: ``running_time`` (the page foot's ``约 {time}``: speaking time at the page's end).
    speaking: Mapping[str, Any] = field(default_factory=dict)
    colors: Mapping[str, str] = field(default_factory=dict)
    docx: Mapping[str, Any] = field(default_factory=dict)
    pdf: Mapping[str, Any] = field(default_factory=dict)
    epub: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def role(self, name: str) -> RoleStyle:
        return self.roles[name]

    def first_indent(self, role: RoleStyle) -> float:
        """A role's first-line indent in characters of its own size: its own, else the
        style's."""
        return role.first_line_indent if role.first_line_indent is not None else self.first_line_indent

    def heading_role(self, level: int) -> RoleStyle:
        """Levels deeper than 4 share level 4's look (as Word templates do)."""
        return self.roles[heading_role_name(level)]

    @property
    def body_size(self) -> float:
        return self.roles["body"].size

    @property
    def line_pitch_pt(self) -> float:
        """The body line pitch: an explicit ``paragraph.line_pitch``, else the grid's, else
        body size × line_spacing."""
        return self.line_pitch or self.page.line_pitch_pt or self.body_size * self.line_spacing


def mm_to_pt(mm: float) -> float:
    return mm * 72.0 / 25.4


def size_to_pt(value: Any) -> float:
    if isinstance(value, str):
        return float(SIZE_NAMES[value])
    return float(value)


def builtin_styles() -> dict[str, Path]:
    return {p.stem: p for p in sorted(STYLES_DIR.glob("*.toml"))}


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most :data:`MAX_STYLE_BYTES`.

    Opened without blocking (a FIFO would wait for a writer forever) and checked on the
    open descriptor, then read with a bound: ``/dev/zero`` is refused, not read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise StyleError(f"{quoted(path)}: style file not found") from None
    except IsADirectoryError:
        raise StyleError(f"{quoted(path)}: is a folder, not a style file") from None
    except ValueError:  # a NUL in the name
        raise StyleError(f"{quoted(path)}: not a usable file name") from None
    except OSError as e:
        raise StyleError(f"{quoted(path)}: cannot read: {e.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise StyleError(f"{quoted(path)}: is a folder, not a style file")
        raise StyleError(f"{quoted(path)}: not a regular file (a device, pipe or socket); a style is a .toml file")
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_STYLE_BYTES + 1)
        except OSError as e:
            raise StyleError(f"{quoted(path)}: cannot read: {e.strerror}") from None
    if len(data) > MAX_STYLE_BYTES:
        raise StyleError(
            f"{quoted(path)}: too large for a style file (over {MAX_STYLE_BYTES // 1024 // 1024} MB; a style is a few KB)"
        )
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when no cached copy of the style serves (see load_raw)

    data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise StyleError(
            f"{quoted(path)}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "a style file is TOML saved as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise StyleError(f"{quoted(path)}: not valid TOML: {e}") from None
    except RecursionError:
        raise StyleError(f"{quoted(path)}: not a usable style: arrays or tables nested too deeply") from None
    except ValueError as e:  # an integer of more digits than Python converts
        raise StyleError(f"{quoted(path)}: not valid TOML: {str(e).split(';')[0]}") from None


def _validate(path: Path, data: Mapping[str, Any]) -> None:
    """Check every key against :data:`SCHEMA`; the first problem is raised, naming file and key."""
    for key, value in data.items():
        if key in _TOP_KEYS:
            msg = _TOP_KEYS[key](value)
            if msg:
                raise StyleError(f"{quoted(path)}: key '{key}' {msg}")
        elif key == "roles":
            if not isinstance(value, dict):
                raise StyleError(f"{quoted(path)}: [roles] must be a table of roles: {', '.join(ROLES)}")
            for role, settings in value.items():
                if role not in ROLES:
                    raise StyleError(
                        f"{quoted(path)}: unknown role [roles.{_k(role)}]; {_suggest(role, ROLES)}allowed: {', '.join(ROLES)}"
                    )
                if not isinstance(settings, dict):
                    raise StyleError(f"{quoted(path)}: [roles.{_k(role)}] must be a table")
                for k, v in settings.items():
                    if k not in _ROLE_KEYS:
                        raise StyleError(
                            f"{quoted(path)}: unknown key 'roles.{role}.{_k(k)}'; {_suggest(k, _ROLE_KEYS)}"
                            f"allowed: {', '.join(_ROLE_KEYS)}"
                        )
                    msg = _ROLE_KEYS[k](v)
                    if msg:
                        raise StyleError(f"{quoted(path)}: key 'roles.{role}.{k}' {msg}")
        elif key in SCHEMA:
            if not isinstance(value, dict):
                raise StyleError(f"{quoted(path)}: [{key}] must be a table with keys: {', '.join(SCHEMA[key])}")
            for k, v in value.items():
                if k not in SCHEMA[key]:
                    raise StyleError(
                        f"{quoted(path)}: unknown key '{key}.{_k(k)}'; {_suggest(k, SCHEMA[key])}allowed: {', '.join(SCHEMA[key])}"
                    )
                msg = SCHEMA[key][k](v)
                if msg:
                    raise StyleError(f"{quoted(path)}: key '{key}.{k}' {msg}")
        else:
            allowed = [*_TOP_KEYS, "roles", *SCHEMA]
            raise StyleError(
                f"{quoted(path)}: unknown key '{_k(key)}'; {_suggest(key, allowed)}allowed: {', '.join(allowed)}"
            )


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _exists(path: Path) -> bool:
    """``Path.exists`` that says no to a name the system cannot even look up (too long,
    a NUL byte) instead of raising: opening it then gives the clear error."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _locate(ref: str | Path, relative_to: Path | None = None) -> Path:
    ref_s = str(ref)
    builtins = builtin_styles()
    if ref_s in builtins:
        return builtins[ref_s]
    path = Path(ref_s)
    if relative_to is not None and not path.is_absolute():
        candidate = relative_to / path
        if _exists(candidate):
            return candidate
    if path.suffix == ".toml" or _exists(path) or "/" in ref_s:
        return path
    raise StyleError(
        f"unknown style {ref_s!r}; {_suggest(ref_s, builtins)}built-in styles: {', '.join(builtins)} (or give a .toml file)"
    )


def _chain(ref: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """The style and every style it ``extends``, nearest first, each read and checked.

    Followed in a loop with a depth limit, not by recursion: a chain of a thousand files
    is a clear error, not a RecursionError.
    """
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[Path] = set()
    child: Path | None = None
    while True:
        try:
            path = _locate(ref, child.resolve().parent if child else None)
        except StyleError as e:
            raise StyleError(f"{quoted(child)}: key 'extends': {e}") if child is not None else e from None
        resolved = path.resolve()
        if child is not None and resolved in seen:
            raise StyleError(f"{quoted(child.resolve())}: key 'extends' loops back to {quoted(path)}")
        if len(chain) >= MAX_EXTENDS_DEPTH:
            raise StyleError(
                f"{quoted(chain[0][0])}: key 'extends' goes through more than {MAX_EXTENDS_DEPTH} style files "
                f"(stopped at {quoted(path)}); a style extends a few at most"
            )
        try:
            data = _read_toml(path)
        except StyleError as e:  # the file that names it is where to look
            raise StyleError(f"{quoted(child)}: key 'extends': {e}") if child is not None else e from None
        _validate(path, data)
        seen.add(resolved)
        chain.append((path, data))
        parent = data.get("extends")
        if not parent:
            return chain
        ref, child = parent, path


def _files_key(files: Iterable[Path]) -> list[list[Any]]:
    """Each file with its mtime and size; empty when one cannot be statted (nothing kept)."""
    out: list[list[Any]] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            return []
        out.append([str(f), st.st_mtime_ns, st.st_size])
    return out


def _record_name(path: Path) -> str:
    from .cache import sha256

    return "style-" + sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _cached_raw(path: Path) -> tuple[dict[str, Any], Path] | None:
    """The merged data of the style at ``path`` as last read, while none of the files of
    its ``extends`` chain changed (their mtimes and sizes are in the record)."""
    from .cache import load_record

    try:
        saved = load_record(_record_name(path), str(path))
        files = saved["files"]
        if not files or _files_key(Path(f) for f, _, _ in files) != files:
            return None
        return dict(saved["data"]), path
    except (TypeError, KeyError, ValueError):
        return None


def load_raw(ref: str | Path) -> tuple[dict[str, Any], Path]:
    """The merged table data of a style, following ``extends``.

    ``name`` and ``description`` are the file's own: a style that extends ``official``
    is not itself called ``official``.

    What a chain of style files gives is kept in the cache folder (as JSON, under the
    files' mtimes and sizes): reading and checking the TOML of a style and the styles it
    extends was 3–4 ms of every run, parsing it again to the same tables each time.
    """
    located = _locate(ref, None)
    cached = _cached_raw(located)
    if cached is not None:
        return cached
    data, path, chain = _load_raw(ref)
    files = _files_key(chain)
    if files:
        from .cache import save_record

        # a value JSON cannot hold (a TOML date): the style is read from its files each time
        with contextlib.suppress(TypeError, ValueError, OSError):
            save_record(_record_name(located), str(located), {"files": files, "data": data})
    return data, path


def _load_raw(ref: str | Path) -> tuple[dict[str, Any], Path, list[Path]]:
    """:func:`load_raw` from the files, and the files it read."""
    chain = _chain(ref)
    own = {"name", "description", "extends"}
    data: dict[str, Any] = {}
    for _, layer in reversed(chain):
        data = _merge(data, {k: v for k, v in layer.items() if k not in own})
    path, top = chain[0]
    data["name"] = top.get("name", path.stem)
    if "description" in top:
        data["description"] = top["description"]
    elif "extends" in top:
        data["description"] = f"based on {top['extends']}"
    return data, path, [p for p, _ in chain]


def _inherited(roles_data: Mapping[str, Any], role: str, key: str) -> Any:
    """A role's own ``key``, else its fallback role's (:data:`ROLE_FALLBACK`), else body's."""
    seen: set[str] = set()
    while role not in seen:
        seen.add(role)
        value = roles_data.get(role, {}).get(key)
        if value:
            return value
        role = ROLE_FALLBACK.get(role, "body")
    return None


def build(data: Mapping[str, Any], path: Path) -> Style:
    page = data.get("page", {})
    paper = page.get("size", "A4")
    w, h = PAPER_SIZES[paper] if isinstance(paper, str) else tuple(paper)
    if page.get("orientation", "portrait") == "landscape":
        w, h = max(w, h), min(w, h)
    spec = PageSpec(
        width_mm=float(w),
        height_mm=float(h),
        margin_top=float(page.get("margin_top", 25)),
        margin_bottom=float(page.get("margin_bottom", 25)),
        margin_left=float(page.get("margin_left", 25)),
        margin_right=float(page.get("margin_right", 25)),
        lines_per_page=int(page.get("lines_per_page", 0)),
        chars_per_line=int(page.get("chars_per_line", 0)),
        cover=bool(page.get("cover", False)),
    )
    if spec.type_width_mm < 30 or spec.type_height_mm < 30:
        raise StyleError(f"{quoted(path)}: the margins leave no room on a {w:g} × {h:g} mm page")
    roles_data = data.get("roles", {})
    body = roles_data.get("body")
    if not body or "fonts" not in body:
        raise StyleError(f"{quoted(path)}: missing font list 'roles.body.fonts'")
    roles: dict[str, RoleStyle] = {}
    for role in ROLES:
        r = roles_data.get(role, {})
        roles[role] = RoleStyle(
            fonts=tuple(_inherited(roles_data, role, "fonts")),
            size=size_to_pt(_inherited(roles_data, role, "size") or 16),
            latin=tuple(r.get("latin") or roles_data.get("body", {}).get("latin") or ()),
            bold=bool(r.get("bold", False)),
            italic=bool(r.get("italic", False)),
            align=r.get("align"),
            color=r.get("color"),
            space_before=float(r.get("space_before", 0.0)),
            space_after=float(r.get("space_after", 0.0)),
            first_line_indent=None if "first_line_indent" not in r else float(r["first_line_indent"]),
            line_spacing=None if "line_spacing" not in r else float(r["line_spacing"]),
            left_indent=float(r.get("left_indent", 0.0)),
            hanging=bool(r.get("hanging", False)),
            rule_above=bool(r.get("rule_above", False)),
            brackets=str(r.get("brackets", "")),
        )
    para = data.get("paragraph", {})
    pn = data.get("page_number", {})
    return Style(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        page=spec,
        roles=roles,
        align=para.get("align", "justify"),
        first_line_indent=float(para.get("first_line_indent", 2.0)),
        space_before=float(para.get("space_before", 0.0)),
        space_after=float(para.get("space_after", 0.0)),
        line_spacing=float(para.get("line_spacing", 1.5)),
        line_pitch=float(para.get("line_pitch", 0.0)),
        page_number_format=pn.get("format", "— {page} —"),
        page_number_position=pn.get("position", "outside"),
        page_number_indent=float(pn.get("indent", 1.0)),
        page_number_offset=float(pn.get("offset", 7.0)),
        page_number_first_page=bool(pn.get("first_page", True)),
        page_number_edge=str(pn.get("edge", "bottom")),
        running_head=data.get("running_head", {}).get("text", ""),
        speaking=dict(data.get("speaking", {})),
        colors=dict(data.get("colors", {})),
        docx=dict(data.get("docx", {})),
        pdf=dict(data.get("pdf", {})),
        epub=dict(data.get("epub", {})),
        source=str(path),
        data=data,
    )


def load_style(ref: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Style:
    """Load a built-in style by name, or a style file by path (default: ``official``);
    ``overrides`` (tables as in a style file, e.g. from :func:`parse_overrides`) are
    checked against the same schema and laid over it."""
    data, path = load_raw(ref or DEFAULT_STYLE)
    if overrides:
        _validate(Path("-O"), overrides)
        data = _merge(data, overrides)
    return build(data, path)


def parse_override(text: str) -> dict[str, Any]:
    """``TABLE.KEY=VALUE`` (``docx.run_in=inline``, ``roles.body.size=16``,
    ``page_number.first_page=false``) as the nested tables of a style file, checked as a
    style file's keys are, with the same did-you-mean. The value is read as TOML when it
    is one (numbers, booleans, lists, quoted strings), else as the text given."""
    key, sep, raw = text.partition("=")
    path = [k.strip() for k in key.strip().split(".")]
    if not sep or not all(path):
        raise StyleError(f"-O {text!r}: expected TABLE.KEY=VALUE, e.g. -O docx.run_in=inline")
    if len(path) == 1 and path[0] not in _TOP_KEYS:
        dotted = [f"{t}.{k}" for t, keys in SCHEMA.items() for k in keys]
        hint = _suggest(path[0].replace("_", ".", 1), dotted)
        raise StyleError(f"-O {text!r}: a key names its table, as in a style file: {hint}e.g. -O docx.run_in=inline")
    out: dict[str, Any] = {path[-1]: parse_value(raw)}
    for k in reversed(path[:-1]):
        out = {k: out}
    try:
        _validate(Path("-O"), out)
    except StyleError as e:
        raise StyleError(f"-O {text!r}: {str(e).split(': ', 1)[1]}") from None
    return out


def parse_value(raw: str) -> Any:
    """A ``-O`` value: TOML when it is one (``16``, ``false``, ``["A", "B"]``, ``"x"``),
    else the text as given (``inline``)."""
    import tomllib

    try:
        return tomllib.loads(f"v = {raw.strip()}")["v"]
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return raw.strip()


def parse_overrides(texts: Iterable[str]) -> dict[str, Any]:
    """Several ``-O`` options as one table; a later one wins over an earlier one."""
    data: dict[str, Any] = {}
    for t in texts:
        data = _merge(data, parse_override(t))
    return data


def _size_value(pt: float) -> float | str:
    """Give a size back as its 字号 name where it is one: that is how the user wrote it."""
    for name, value in SIZE_NAMES.items():
        if math.isclose(value, pt):
            return name
    return int(pt) if float(pt).is_integer() else pt


def _paper_value(page: PageSpec) -> tuple[str | list[float], str]:
    w, h = page.width_mm, page.height_mm
    for name, (pw, ph) in PAPER_SIZES.items():
        if math.isclose(w, pw) and math.isclose(h, ph):
            return name, "portrait"
        if math.isclose(w, ph) and math.isclose(h, pw):
            return name, "landscape"
    return [w, h], "portrait"


def resolved_data(style: Style) -> dict[str, Any]:
    """Every setting of a style, defaults filled in, as the tables of a style file.

    Loading this data back gives an equal :class:`Style`, so ``styles show`` output is a
    complete, standalone style a user can copy and edit.
    """
    size, orientation = _paper_value(style.page)
    p = style.page
    roles: dict[str, dict[str, Any]] = {}
    for name in ROLES:
        r = style.roles[name]
        t: dict[str, Any] = {"fonts": list(r.fonts), "size": _size_value(r.size)}
        if r.latin:
            t["latin"] = list(r.latin)
        t["bold"] = r.bold
        t["italic"] = r.italic
        for key in ("align", "color", "first_line_indent", "line_spacing"):
            if getattr(r, key) is not None:
                t[key] = getattr(r, key)
        t["space_before"] = r.space_before
        t["space_after"] = r.space_after
        if r.left_indent:
            t["left_indent"] = r.left_indent
        for key in ("hanging", "rule_above"):
            if getattr(r, key):
                t[key] = True
        if r.brackets:
            t["brackets"] = r.brackets
        roles[name] = t
    return {
        "name": style.name,
        "description": style.description,
        "page": {
            "size": size,
            "orientation": orientation,
            "margin_top": p.margin_top,
            "margin_bottom": p.margin_bottom,
            "margin_left": p.margin_left,
            "margin_right": p.margin_right,
            "lines_per_page": p.lines_per_page,
            "chars_per_line": p.chars_per_line,
            "cover": p.cover,
        },
        "paragraph": {
            "align": style.align,
            "first_line_indent": style.first_line_indent,
            "space_before": style.space_before,
            "space_after": style.space_after,
            "line_spacing": style.line_spacing,
            "line_pitch": style.line_pitch,
        },
        "roles": roles,
        "page_number": {
            "format": style.page_number_format,
            "position": style.page_number_position,
            "indent": style.page_number_indent,
            "offset": style.page_number_offset,
            "first_page": style.page_number_first_page,
            "edge": style.page_number_edge,
        },
        "running_head": {"text": style.running_head},
        "speaking": dict(style.speaking),
        "colors": dict(style.colors),
        "docx": dict(style.docx),
        "pdf": dict(style.pdf),
        "epub": dict(style.epub),
    }


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"cannot write {v!r} in TOML")
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} in TOML")


def dump_toml(data: Mapping[str, Any]) -> str:
    """Style data as TOML (tomllib only reads; a style is shallow enough to write by hand)."""
    lines: list[str] = []

    def table(prefix: str, t: Mapping[str, Any]) -> None:
        scalars = {k: v for k, v in t.items() if not isinstance(v, Mapping)}
        if prefix and (scalars or not t):
            lines.append("")
            lines.append(f"[{prefix}]")
        for k, v in scalars.items():
            line = f"{k} = {_toml_value(v)}"
            if k == "size" and isinstance(v, str) and v in SIZE_NAMES:
                line += f"  # {SIZE_NAMES[v]:g} pt"
            lines.append(line)
        for k, v in t.items():
            if isinstance(v, Mapping):
                table(f"{prefix}.{k}" if prefix else k, v)

    table("", data)
    return "\n".join(lines).lstrip("\n") + "\n"
