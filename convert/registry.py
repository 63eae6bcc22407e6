"""Readers and writers are found through entry points, so a package adds a format by
installing itself (``speechpress.readers`` / ``speechpress.writers``); the built-ins
register the same way in ``pyproject.toml``. The built-in table below is only used when
the package runs from a source tree that was never installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import Any

READERS = "speechpress.readers"
WRITERS = "speechpress.writers"


class PluginError(RuntimeError):
    """A registered reader or writer that cannot be loaded (a broken or half-installed plug-in)."""

_BUILTIN_READERS = {
    "txt": "convert.readers.text:READER",
    "md": "convert.readers.markdown:READER",
    "docx": "convert.readers.docx:READER",
}
_BUILTIN_WRITERS = {
    "docx": "convert.writers.docx:WRITER",
    "pdf": "convert.writers.pdf:WRITER",
    "epub": "convert.writers.epub:WRITER",
}


def _load(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    obj = import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


@lru_cache(maxsize=None)
def _specs(group: str) -> dict[str, str | EntryPoint]:
    found: dict[str, str | EntryPoint] = {}
    builtin = _BUILTIN_READERS if group == READERS else _BUILTIN_WRITERS
    for name, spec in builtin.items():
        found[name] = spec
    for ep in entry_points(group=group):
        found[ep.name] = ep
    return found


def refresh() -> None:
    """Forget what was found, so a package installed since (or a new ``sys.path``) is seen."""
    _specs.cache_clear()
    _loaded.cache_clear()


def names(group: str) -> list[str]:
    return sorted(_specs(group))


@lru_cache(maxsize=None)
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
    target: str          # module:attribute
    origin: str          # the distribution that registered it
    builtin: bool


def entries(group: str) -> list[Entry]:
    out = []
    for name, spec in sorted(_specs(group).items()):
        if isinstance(spec, str):
            out.append(Entry(name, spec, "speechpress (source tree)", True))
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


def plugin_reader_extensions() -> dict[str, str]:
    """Extensions (``.rst``) claimed by readers that are not built in, mapped to the reader
    name. Broken plug-ins are skipped here: they fail loudly when actually asked for."""
    out: dict[str, str] = {}
    for name in reader_names():
        if name in _BUILTIN_READERS:
            continue
        try:
            reader = get_reader(name)
        except PluginError:
            continue
        for ext in getattr(reader, "extensions", ()):
            out.setdefault(ext.lower() if ext.startswith(".") else "." + ext.lower(), name)
    return out
