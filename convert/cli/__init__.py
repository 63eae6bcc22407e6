"""The ``speechpress`` command line: one module per command, side by side, on the batch
engine (:mod:`.batch`) and the shared option helpers (:mod:`.common`)."""

from .. import classcache, regexcache
from .startup import settled

# The command's own process: patterns and dataclass methods kept between runs (a library
# user's process is left alone: nothing put into its `re` cache or its `dataclasses`,
# nothing written at its exit, its collector untouched). Before any module of ours
# compiles its patterns or makes its classes.
regexcache.install()
classcache.install()

with settled():
    from .main import main  # after the kept patterns and classes are in place

__all__ = ["main"]
