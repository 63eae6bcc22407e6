"""A text's numbered lines, held as compactly as the text itself.

The text reader looks at every line several times before it knows the paragraphs (page
furniture, a table of contents, the wrap width, the joins), so it keeps them all. As a
list of ``(number, text)`` pairs a line costs about 170 bytes whatever its length: 10 MB
of one-character lines was 2.6 million pairs and 700 MB before the first paragraph.
Here the texts are one string and the numbers, ends and indents arrays: 16 bytes a line
beside its characters. A line is a ``(number, text)`` pair again when it is read.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import overload


class LineStore(Sequence[tuple[int, str]]):
    """``(line number, text)`` pairs in order, each with the columns of its indent (0: not
    indented). Appended to while a reader cleans the lines, then read."""

    __slots__ = ("_buf", "_ends", "_indents", "_numbers", "_size", "_text")

    def __init__(self) -> None:
        self._numbers = array("q")
        self._ends = array("q")  # where each line's text ends in the joined texts
        self._indents = array("q")
        self._buf: io.StringIO | None = io.StringIO()
        self._text = ""
        self._size = 0

    def append(self, number: int, text: str, indent: int = 0) -> None:
        buf = self._buf
        if buf is None:  # appending after a read: take the joined text up again
            buf = self._buf = io.StringIO(self._text)
            buf.seek(0, io.SEEK_END)
        buf.write(text)
        self._size += len(text)
        self._numbers.append(number)
        self._ends.append(self._size)
        self._indents.append(indent)

    def _joined(self) -> str:
        if self._buf is not None:
            self._text = self._buf.getvalue()
            self._buf = None
        return self._text

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, k: int) -> tuple[int, str]: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[tuple[int, str]]: ...
    def __getitem__(self, k: int | slice) -> tuple[int, str] | Sequence[tuple[int, str]]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        return self._numbers[k], self.text(k)

    def text(self, k: int) -> str:
        """The text of line ``k`` (an index, not a line number)."""
        k = k + len(self) if k < 0 else k
        text = self._joined()
        return text[self._ends[k - 1] if k else 0 : self._ends[k]]

    def indent(self, k: int) -> int:
        """The columns of line ``k``'s indent (0: not indented)."""
        return self._indents[k]

    def texts(self) -> Iterator[str]:
        """Every line's text in order (cheaper than the pairs when the numbers are not needed)."""
        text = self._joined()
        return map(text.__getitem__, map(slice, chain((0,), self._ends), self._ends))

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self._numbers, self.texts())

    def keep(self, drop: set[int] | frozenset[int]) -> LineStore:
        """The lines but those at the indexes in ``drop`` (this store itself when none)."""
        if not drop:
            return self
        out = LineStore()
        for k, (n, t) in enumerate(self):
            if k not in drop:
                out.append(n, t, self._indents[k])
        return out
