"""A third-party Speechpress plug-in, as small as one can be.

``TextWriter`` writes the document as plain text (deterministic, so batch runs can be
compared byte for byte); ``HalfWriter`` writes half a file and then fails, the way a
writer that hits a bug or a full disk does; ``SlowWriter`` writes half and waits (to be
interrupted); ``LINES_READER`` reads ``.lines`` files
(first line the title, every other non-empty line a paragraph). ``NEST_READER`` parses
bracketed ``.nest`` text by recursive descent, one call per level, as hand-written parsers
do (deep input: a real RecursionError); ``QuirkReader`` has ``extensions`` that raise
(a plug-in bug outside any file; installed only by the test that wants it). Registered entry points are classes or instances: the
registry accepts both.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from convert.model import Diagnostic, Document, Heading, Note, Paragraph, Speech, Table
from convert.readers.base import ReadError, ReadOptions
from convert.style import Style
from convert.writers.base import WriteOptions, WriteResult


def document_lines(doc: Document) -> list[str]:
    lines = [doc.title or "", *(x for x in (doc.subtitle, doc.author, doc.date) if x)]
    for sp in doc.speeches:
        lines.append(" ".join(x for x in (sp.label, sp.title, sp.subtitle, sp.author, sp.date) if x))
        for b in sp.blocks:
            if isinstance(b, (Heading, Paragraph, Note, Table)):
                lines.append(b.text)
    return lines


class TextWriter:
    name = "txt"
    extension = ".txt"
    description = "plain text (test plug-in)"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        lines = document_lines(doc)
        header = (
            f"[style {style.name} body {style.role('body').size:g}pt grid {style.docx.get('grid')}; "
            f"fonts {sorted(options.font_files.items())}; extra {sorted(options.extra.items())}]"
        )
        Path(path).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        warn = tuple(
            Diagnostic("warning", "long-line", f"line {i} is long") for i, x in enumerate(lines, 1) if len(x) > 300
        )
        return WriteResult(diagnostics=warn, pages=max(1, -(-len(lines) // 10)))


class HalfWriter:
    name = "half"
    extension = ".half"
    description = "writes half a file, then fails (test plug-in)"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        text = "\n".join(document_lines(doc)).encode("utf-8")
        with open(path, "wb") as f:
            f.write(text[: len(text) // 2])
            f.flush()
            os.fsync(f.fileno())
        raise RuntimeError("disk on fire half-way")


class SlowWriter(HalfWriter):
    """Writes half a file, then waits: a run to interrupt with a signal."""

    name = "slow"
    extension = ".slow"
    description = "writes half a file, then sleeps a minute (test plug-in)"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        with open(path, "wb") as f:
            f.write(b"half of it")
            f.flush()
            time.sleep(60)
            f.write(b" and the rest")
        return WriteResult()


class LinesReader:
    name = "lines"
    extensions = (".lines",)
    description = "one paragraph per line (test plug-in)"

    def read(self, data: bytes, options: ReadOptions) -> Document:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ReadError(f"not UTF-8 (byte {e.start})") from None
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        if not lines:
            raise ReadError("empty manuscript")
        diags = tuple(
            Diagnostic("warning", "todo", "TODO left in text", i) for i, x in enumerate(lines, 1) if "TODO" in x
        )
        blocks = tuple(Paragraph.of(x) for x in lines[1:])
        return Document(title=lines[0], speeches=(Speech(blocks=blocks),), diagnostics=diags, source=options.source)


LINES_READER = LinesReader()


class NestReader:
    name = "nest"
    extensions = (".nest",)
    description = "bracketed text, parsed by recursion (test plug-in)"

    def _group(self, text: str, pos: int) -> tuple[str, int]:
        out = []
        while pos < len(text):
            ch = text[pos]
            if ch == "(":
                inner, pos = self._group(text, pos + 1)
                out.append(inner)
            elif ch == ")":
                return "".join(out), pos + 1
            else:
                out.append(ch)
                pos += 1
        return "".join(out), pos

    def read(self, data: bytes, options: ReadOptions) -> Document:
        text, _ = self._group(data.decode("utf-8"), 0)
        return Document(speeches=(Speech(blocks=(Paragraph.of(text),)),), source=options.source)


NEST_READER = NestReader()


class QuirkReader(LinesReader):
    """Not registered in pyproject.toml: a test installs it alone, to break things."""

    name = "quirk"
    description = "extensions looked up in a table that lacks them (test plug-in)"

    @property
    def extensions(self) -> tuple[str, ...]:  # type: ignore[override]
        return {"lines": (".lines",)}[self.name]
