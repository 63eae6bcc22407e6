"""Readers and writers are found through entry points, so a package adds a format by
installing itself (``speechpress.readers`` / ``speechpress.writers``); the built-ins
register the same way in ``pyproject.toml``. The built-in table below is only used when
the package runs from a source tree that was never installed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

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
def _specs(group: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    builtin = _BUILTIN_READERS if group == "speechpress.readers" else _BUILTIN_WRITERS
    for name, spec in builtin.items():
        found[name] = spec
    for ep in entry_points(group=group):
        found[ep.name] = ep
    return found


def names(group: str) -> list[str]:
    return sorted(_specs(group))


def get(group: str, name: str) -> Any:
    spec = _specs(group).get(name)
    if spec is None:
        raise KeyError(name)
    obj = _load(spec) if isinstance(spec, str) else spec.load()
    return obj() if isinstance(obj, type) else obj


def writer_names() -> list[str]:
    return names("speechpress.writers")


def reader_names() -> list[str]:
    return names("speechpress.readers")


def get_writer(name: str) -> Any:
    return get("speechpress.writers", name)


def get_reader(name: str) -> Any:
    return get("speechpress.readers", name)
