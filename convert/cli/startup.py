"""What the command does so that it starts fast, in one place.

The modules a run imports (click, the model, the style, the reader and the writers,
lxml…) make a few hundred thousand objects that live until the process ends:
no collection frees any of them, yet every full collection walks them all, and Python
runs one every few thousand allocations while importing. So the command's imports run
with the collector paused, and what exists after them goes into the permanent generation
(``gc.freeze``): later collections walk only what the conversion makes, which they still
collect as usual (so memory stays bounded by the work, as without this). 5–7 % of a
small conversion.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


@contextmanager
def settled() -> Iterator[None]:
    """Imports (and the module-level work they do) with the collector paused; what they
    made is frozen after, out of every later collection's way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _AfterImport:
    """A finder that finds nothing itself: asked for its module, it steps aside, lets the
    other finders find it, and has ``then`` run once the module has been executed."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec

        spec = find_spec(fullname)
        loader = spec.loader if spec is not None else None
        if loader is not None:
            execute = loader.exec_module
            then = self.then

            def exec_then(module: ModuleType) -> None:
                execute(module)
                then()

            setattr(loader, "exec_module", exec_then)  # noqa: B010 - this loader instance only
        return spec


def after_import(name: str, then: Callable[[], None]) -> None:
    """Run ``then`` as soon as the module ``name`` has been imported (now, if it has), without
    importing it: the command quiets fontTools' log this way, so a run that never uses
    fontTools (a DOCX, an EPUB) never imports ``logging`` for it (2–3 ms of such a run)."""
    if name in sys.modules:
        then()
    elif not any(isinstance(f, _AfterImport) and (f.name, f.then) == (name, then) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(name, then))
