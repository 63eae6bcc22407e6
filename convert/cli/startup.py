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
from collections.abc import Iterator
from contextlib import contextmanager


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
