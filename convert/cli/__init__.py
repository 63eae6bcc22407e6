"""The ``speechpress`` command line: one module per command, side by side, on the batch
engine (:mod:`.batch`) and the shared option helpers (:mod:`.common`)."""

from .. import regexcache

# The command's own process: patterns and dataclass methods kept between runs (a library
# user's process is left alone: nothing put into its `re` cache or its `dataclasses`,
# nothing written at its exit, its collector untouched). Before any module compiles its
# patterns (dataclasses too has one) or makes its classes.
regexcache.install()

from .. import classcache  # noqa: E402

classcache.install()

from .startup import settled  # noqa: E402

with settled():
    from .main import main  # after the kept patterns and classes are in place

__all__ = ["main"]
