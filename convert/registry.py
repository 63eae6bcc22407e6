"""Readers and writers are found through entry points, so a package adds a format by
installing itself (``speechpress.readers`` / ``speechpress.writers``). The built-ins are
declared once, in ``pyproject.toml``: installed, they come from our own distribution's
metadata like any plug-in; in a source tree that was never installed, from that file.

Scanning every installed distribution's metadata (``importlib.metadata``) costs tens of
milliseconds a run, so what it found is kept in the cache folder (:mod:`convert.cache`)
under a key made of the metadata folders (``*.dist-info``, ``*.egg-info``) on
``sys.path`` with their mtimes, and our ``pyproject.toml``'s: installing, upgrading or
removing any package changes it, so a new plug-in is seen on the next run. A module is imported only when its reader or
writer is asked for.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple

READERS = "speechpress.readers"
WRITERS = "speechpress.writers"
GROUPS = (READERS, WRITERS)
DISTRIBUTION = "speechpress"
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


class PluginError(RuntimeError):
    """A registered reader or writer that cannot be loaded (a broken or half-installed plug-in)."""


class Plugin(NamedTuple):
    """One entry point of another distribution, as its metadata declares it. (The
    registry's records are named tuples, not dataclasses: every run makes these classes,
    and a dataclass costs several times as much to make.)"""

    name: str
    value: str  # module:attribute
    dist: str
    version: str


class _Found(NamedTuple):
    builtin: dict[str, dict[str, str]]  # group -> name -> module:attribute
    plugins: dict[str, list[Plugin]]  # group -> entry points of other distributions
    version: str | None  # of our distribution, None in a source tree never installed


def _scan() -> _Found:
    """Read every installed distribution's entry points in our groups (the slow part)."""
    from importlib.metadata import PackageNotFoundError, distribution, entry_points

    builtin: dict[str, dict[str, str]] = {g: {} for g in GROUPS}
    version: str | None = None
    try:
        ours = distribution(DISTRIBUTION)
        version = ours.version
        for ep in ours.entry_points:
            if ep.group in builtin:
                builtin[ep.group][ep.name] = ep.value
    except PackageNotFoundError:
        pass
    if not any(builtin.values()) and _PYPROJECT.is_file():
        import tomllib

        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        for group in GROUPS:
            builtin[group] = dict(project.get("entry-points", {}).get(group, {}))
    plugins: dict[str, list[Plugin]] = {g: [] for g in GROUPS}
    for group in GROUPS:
        for ep in entry_points(group=group):
            dist = getattr(ep, "dist", None)
            name, dist_version = (dist.name, dist.version) if dist is not None else ("", "")
            plugins[group].append(Plugin(ep.name, ep.value, name, dist_version))
    return _Found(builtin, plugins, version)


def _key() -> str:
    """Changes when a package is installed, upgraded or removed anywhere on ``sys.path``
    (its metadata folder appears, goes or is rewritten), or our own declaration changes."""
    from . import cache as disk

    return "\n".join(disk.distributions([p or "." for p in sys.path]) + disk.mtimes([str(_PYPROJECT)]))


@cache
def _found() -> _Found:
    from . import cache as disk

    key = _key()
    saved = disk.load_record("registry", key)
    if saved is not None:
        try:
            return _Found(
                {g: dict(saved["builtin"][g]) for g in GROUPS},
                {g: [Plugin(*row) for row in saved["plugins"][g]] for g in GROUPS},
                saved["version"],
            )
        except (KeyError, TypeError):
            pass
    found = _scan()
    disk.save_record(
        "registry",
        key,
        {
            "builtin": found.builtin,
            "plugins": {g: [[p.name, p.value, p.dist, p.version] for p in ps] for g, ps in found.plugins.items()},
            "version": found.version,
        },
    )
    return found


def builtin(group: str) -> dict[str, str]:
    """Our own readers or writers, ``name -> module:attribute``."""
    return dict(_found().builtin.get(group, {}))


def _load(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    obj = import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


@cache
def _specs(group: str) -> dict[str, str | Plugin]:
    found: dict[str, str | Plugin] = dict(builtin(group))
    for ep in _found().plugins.get(group, []):
        if found.get(ep.name) != ep.value:
            found[ep.name] = ep
    return found


def refresh() -> None:
    """Forget what was found, so a package installed since (or a new ``sys.path``) is seen."""
    _found.cache_clear()
    _specs.cache_clear()
    _loaded.cache_clear()


def names(group: str) -> list[str]:
    return sorted(_specs(group))


@cache
def _loaded(group: str, name: str) -> Any:
    spec = _specs(group).get(name)
    if spec is None:
        raise KeyError(name)
    target = spec if isinstance(spec, str) else spec.value
    try:
        obj = _load(target)
    except Exception as e:  # ImportError, AttributeError, or whatever the plug-in raises
        kind = "reader" if group == READERS else "writer"
        raise PluginError(f"{kind} {name!r} ({target}) cannot be loaded: {type(e).__name__}: {e}") from e
    return obj() if isinstance(obj, type) else obj


def get(group: str, name: str) -> Any:
    """The reader or writer object registered as ``name``; :class:`KeyError` if none is,
    :class:`PluginError` if it is registered but broken."""
    return _loaded(group, name)


class Entry(NamedTuple):
    """What ``speechpress formats`` shows about one registered reader or writer."""

    name: str
    target: str  # module:attribute
    origin: str  # the distribution that registered it
    builtin: bool


def _our_origin() -> str:
    version = _found().version
    return f"{DISTRIBUTION} {version}" if version is not None else f"{DISTRIBUTION} (source tree)"


def entries(group: str) -> list[Entry]:
    out = []
    for name, spec in sorted(_specs(group).items()):
        if isinstance(spec, str):
            out.append(Entry(name, spec, _our_origin(), True))
        else:
            origin = f"{spec.dist} {spec.version}" if spec.dist else "?"
            out.append(Entry(name, spec.value, origin, spec.value.startswith("convert.")))
    return out


def writer_names() -> list[str]:
    return names(WRITERS)


def reader_names() -> list[str]:
    return names(READERS)


def get_writer(name: str) -> Any:
    return get(WRITERS, name)


def get_reader(name: str) -> Any:
    return get(READERS, name)


def _claimed(name: str) -> tuple[str, ...]:
    """The extensions reader ``name`` claims: a built-in's from its table (the reader is
    not imported to ask it), a plug-in's from the reader itself."""
    from .readers import EXTENSIONS

    if name in EXTENSIONS and isinstance(_specs(READERS).get(name), str):
        return EXTENSIONS[name]
    return tuple(getattr(get_reader(name), "extensions", ()))


def reader_extensions() -> dict[str, str]:
    """Every extension a registered reader claims (``.md``, ``.docm``, a plug-in's ``.rst``),
    mapped to the reader's name; the built-ins win a clash. Broken plug-ins are skipped
    here: they fail loudly when actually asked for."""
    out: dict[str, str] = {}
    ours = builtin(READERS)
    for name in [*ours, *(n for n in reader_names() if n not in ours)]:
        try:
            claimed = _claimed(name)
        except PluginError:
            continue
        for ext in claimed:
            out.setdefault(ext.lower() if ext.startswith(".") else "." + ext.lower(), name)
    return out
