"""A table of contents in plain text: entries with dotted leaders and page numbers.

Text exported from a Word or PDF collection keeps its 目录: ``一、关于… ……… 3``. Its
lines are furniture (they repeat the headings with page numbers that no longer mean
anything), so they are dropped and reported, never joined into a paragraph or taken for
an author; the 目录 line that opens them goes with them. The entries' titles are kept as
evidence for the structure stage: a collection opened by a 目录 splits at its entries.
"""

from __future__ import annotations

import re

from ..chars import HAN
from ..model import Diagnostic
from .linestore import LineStore

#: An entry: a title, a leader of dots (or middle dots, ellipses, dashes, underscores),
#: and a page number at the end of the line.
TOC_LINE = re.compile(
    r"^(?P<title>\S.{0,79}?)\s*(?:…{2,}|\.{4,}|·{4,}|-{4,}|_{4,}|．{4,}|—{4,})\s*(?P<page>\d{1,4})\s*$"
)
#: The line that announces a table of contents.
TOC_HEADER = re.compile(r"^目\s*录[：:]?$")
#: Fewest entries that make a table of contents (one dotted line may be a form to fill).
TOC_MIN = 2
#: Longest table-of-contents line (a title, its leader and a page number).
TOC_LINE_MAX = 160


#: What an entry and the title it lists are compared on: letters, digits and Han
#: characters (an entry may drop a title's spaces or punctuation).
_NOT_WORD = re.compile(rf"[^{HAN}A-Za-z0-9]")


def entry_key(text: str) -> str:
    """The letters, digits and Han characters of a title or an entry, for matching them."""
    return _NOT_WORD.sub("", text)


def is_toc_line(text: str) -> bool:
    """A title, a dotted leader and a page number (checked cheaply first: short, ends in a digit)."""
    t = text.rstrip()
    return 0 < len(t) <= TOC_LINE_MAX and t[-1].isdigit() and TOC_LINE.match(t) is not None


def drop_toc(lines: LineStore, diags: list[Diagnostic]) -> tuple[LineStore, list[str]]:
    """Remove table-of-contents lines (and their 目录 line); return the kept lines and the
    entries' titles in order."""
    hits = [k for k, t in enumerate(lines.texts()) if t and is_toc_line(t)]
    if len(hits) < TOC_MIN:
        return lines, []
    drop = set(hits)
    for k in hits:
        # the 目录 line above the first entry, across blank lines
        j = k - 1
        while j >= 0 and not lines.text(j):
            j -= 1
        if j >= 0 and TOC_HEADER.match(lines.text(j).replace("\u3000", "")):
            drop.add(j)
    entries: list[str] = []
    for k in sorted(drop):
        n, t = lines[k]
        m = TOC_LINE.match(t.rstrip()) if is_toc_line(t) else None
        if m:
            entries.append(m.group("title").strip())
            diags.append(Diagnostic("info", "toc", f"dropped table-of-contents line “{t[:30]}”", n))
        else:
            diags.append(Diagnostic("info", "toc", f"dropped the table of contents' title “{t}”", n))
    return lines.keep(drop), entries
