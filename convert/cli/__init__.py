"""The ``speechpress`` command line: one module per command, side by side, on the batch
engine (:mod:`.batch`) and the shared option helpers (:mod:`.common`)."""

from .. import regexcache

# The command's own process: patterns kept between runs (a library user's process is left
# alone: nothing put into its `re` cache, nothing written at its exit). Before any module
# of ours compiles its patterns.
regexcache.install()

from .main import main  # noqa: E402 - after the patterns are in place

__all__ = ["main"]
