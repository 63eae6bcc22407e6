"""The ``speechpress`` command line: one module per command, side by side, on the batch
engine (:mod:`.batch`) and the shared option helpers (:mod:`.common`)."""

from .main import main

__all__ = ["main"]
