"""Readers and writers are found through entry points, so a package adds a format by
installing itself (``speechpress.readers`` / ``speechpress.writers``). The built-ins are
declared once, in ``pyproject.toml``: installed, they come from our own distribution's
metadata like any plug-in; in a source tree that was never installed, from that file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points
from pathlib import Path
from typing import Any

READERS = "speechpress.readers"
WRITERS = "speechpress.writers"
DISTRIBUTION = "speechpress"
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


class PluginError(RuntimeError):
    """A registered reader or writer that cannot be loaded (a broken or half-installed plug-in)."""


@cache
def builtin(group: str) -> dict[str, str]:
    """Our own readers or writers, ``name -> module:attribute``."""
    try:
        found = {ep.name: ep.value for ep in distribution(DISTRIBUTION).entry_points if ep.group == group}
    except PackageNotFoundError:
        found = {}
    if not found and _PYPROJECT.is_file():
        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        found = dict(project.get("entry-points", {}).get(group, {}))
    return found


def _load(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    obj = import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


@cache
def _specs(group: str) -> dict[str, str | EntryPoint]:
    found: dict[str, str | EntryPoint] = dict(builtin(group))
    for ep in entry_points(group=group):
        if found.get(ep.name) != ep.value:
            found[ep.name] = ep
    return found


def refresh() -> None:
    """Forget what was found, so a package installed since (or a new ``sys.path``) is seen."""
    builtin.cache_clear()
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
        obj = _load(spec) if isinstance(spec, str) else spec.load()
    except Exception as e:  # ImportError, AttributeError, or whatever the plug-in raises
        kind = "reader" if group == READERS else "writer"
        raise PluginError(f"{kind} {name!r} ({target}) cannot be loaded: {type(e).__name__}: {e}") from e
    return obj() if isinstance(obj, type) else obj


def get(group: str, name: str) -> Any:
    """The reader or writer object registered as ``name``; :class:`KeyError` if none is,
    :class:`PluginError` if it is registered but broken."""
    return _loaded(group, name)


@dataclass(frozen=True)
class Entry:
    """What ``speechpress formats`` shows about one registered reader or writer."""

    name: str
    target: str  # module:attribute
    origin: str  # the distribution that registered it
    builtin: bool


def _our_origin() -> str:
    try:
        return f"{DISTRIBUTION} {distribution(DISTRIBUTION).version}"
    except PackageNotFoundError:
        return f"{DISTRIBUTION} (source tree)"


def entries(group: str) -> list[Entry]:
    out = []
    for name, spec in sorted(_specs(group).items()):
        if isinstance(spec, str):
            out.append(Entry(name, spec, _our_origin(), True))
        else:
            dist = getattr(spec, "dist", None)
            origin = f"{dist.name} {dist.version}" if dist is not None else "?"
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


def reader_extensions() -> dict[str, str]:
    """Every extension a registered reader claims (``.md``, ``.docm``, a plug-in's ``.rst``),
    mapped to the reader's name; the built-ins win a clash. Broken plug-ins are skipped
    here: they fail loudly when actually asked for."""
    out: dict[str, str] = {}
    ours = builtin(READERS)
    for name in [*ours, *(n for n in reader_names() if n not in ours)]:
        try:
            reader = get_reader(name)
        except PluginError:
            continue
        for ext in getattr(reader, "extensions", ()):
            out.setdefault(ext.lower() if ext.startswith(".") else "." + ext.lower(), name)
    return out
