"""The plain-text reader: the manuscript as people receive it.

bytes → text (:mod:`.decode`) → cleaned lines (:mod:`.cleanup`, kept in a
:class:`.linestore.LineStore`) → paragraphs with the machine wrapping undone
(:mod:`.unwrap`, counted against ``max_blocks`` as they start) → structure
(:mod:`.structure`). Each stage reports what it changed; nothing is printed.
"""

from __future__ import annotations

from contextlib import nullcontext

from .. import registry
from ..limits import BlockCount, LimitExceeded, current
from ..model import Diagnostic, Document
from . import EXTENSIONS, cues
from .base import ReadOptions
from .cleanup import clean_line, is_site_marker, iter_lines, normalize_breaks, spaced_phrases
from .decode import decode
from .furniture import drop_page_furniture
from .linestore import LineStore
from .sniff import looks_like_markdown
from .structure import build_document
from .tabtable import tab_cells, table_runs
from .toc import drop_toc
from .unwrap import Tables, assemble, display_width

#: Characters that indent a line (an indent starts a paragraph).
_INDENT = " \t\u3000"


def read_text(text: str, options: ReadOptions, diags: list[Diagnostic]) -> Document:
    """Structure from already-decoded text (also used by readers that sniff plain text)."""
    text, d = normalize_breaks(text)
    diags.extend(d)
    spaced = options.repair and spaced_phrases(text)
    if spaced:
        diags.append(
            Diagnostic(
                "info",
                "spaced-phrases",
                "the text has no punctuation: its spaces and line breaks, its only separators, are kept",
                None,
            )
        )
    lines = LineStore()
    cells: dict[int, tuple[str, ...]] = {}  # line number -> the cells of a tab-separated row
    cell_count, max_cells = 0, current().max_table_cells
    last_blank = True  # nothing kept yet, or the last line kept is blank
    for n, raw in enumerate(iter_lines(text), 1):
        if not raw.strip(_INDENT):
            # a blank line (or a run of them: one break is all the later stages look at)
            if not last_blank:
                lines.append(n, "")
                last_blank = True
            continue
        if is_site_marker(raw):
            if options.repair:
                diags.append(Diagnostic("warning", "site-marker", f"dropped site marker line “{raw.strip()}”", n))
                continue
            diags.append(
                Diagnostic("warning", "site-marker", f"site marker line “{raw.strip()}” (kept: repairs are off)", n)
            )
        if options.repair and "\t" in raw and (row := tab_cells(raw)) is not None:
            cells[n] = tuple(clean_line(c, n, True, diags, spaced) for c in row)
            cell_count += len(row)
            if cell_count > max_cells:
                raise LimitExceeded(f"the tables have more than {max_cells:,} cells", "max_table_cells", max_cells)
        cleaned = clean_line(raw, n, options.repair, diags, spaced)
        indent = 0
        if cleaned and raw[:1] in _INDENT:
            indent = display_width(raw[: len(raw) - len(raw.lstrip(_INDENT))].replace("\t", "    "))
        lines.append(n, cleaned, indent)
        last_blank = not cleaned
    del text  # the lines are in ``lines`` now; a long text need not be held twice
    toc: list[str] = []
    if options.repair:
        lines = drop_page_furniture(lines, diags)
        lines, toc = drop_toc(lines, diags)
    tables = _tables(lines, cells) if cells else {}  # (most texts have no tab rows: no list of every line)
    paras = assemble(lines, options.repair and not spaced, diags, BlockCount(), tables=tables)  # a line is a sentence
    del lines
    with cues.spaced_text() if spaced else nullcontext():
        return build_document(paras, diags, options.source, explain=options.explain, toc=toc)


def _tables(lines: LineStore, cells: dict[int, tuple[str, ...]]) -> Tables:
    """The runs of tab-separated rows among the kept lines, with their cells (:mod:`.tabtable`)."""
    numbers = [n for n, _ in lines]
    return {k: (end, tuple(cells[numbers[j]] for j in range(k, end))) for k, end in table_runs(numbers, cells).items()}


class TextReader:
    name = "txt"
    extensions = EXTENSIONS["txt"]
    description = "plain text (UTF-8/16, GB18030), repairing wrapped lines and site artifacts"

    def read(self, data: bytes, options: ReadOptions) -> Document:
        decoded = decode(data)
        diags = list(decoded.diagnostics)
        # A .txt that is really Markdown (headings marked with #) reads better as such; the
        # Markdown reader is asked for through the registry, as any reader is.
        if looks_like_markdown(decoded.text):
            diags.append(
                Diagnostic("info", "sniffed-markdown", "read as Markdown: the text is full of Markdown headings", None)
            )
            return registry.get_reader("md").read_text(decoded.text, options, diags)
        return read_text(decoded.text, options, diags)


READER = TextReader()
