"""A table of contents in plain text: entries with dotted leaders and page numbers.

Text exported from a Word or PDF collection keeps its 目录: ``一、关于… ……… 3``. Its
lines are furniture (they repeat the headings with page numbers that no longer mean
anything), so they are dropped and reported, never joined into a paragraph or taken for
an author; the 目录 line that opens them goes with them. The entries' titles are kept as
evidence for the structure stage: a collection opened by a 目录 splits at its entries.

A 目录 typed as a list, without leaders or page numbers (1. 扎根基层（张某）), is kept —
its lines are not furniture a reader may drop — but as editorial notes, never headings,
and its entries are the same evidence when the text has each of them as a line of its
own further on (:func:`listed_contents`).
"""

from __future__ import annotations

import re

from ..chars import HAN
from ..model import Diagnostic
from . import cues
from .context import Context
from .linestore import LineStore
from .ordinals import match_ordinal
from .paragraphs import Kind

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


#: Most entries of a 目录 typed as a list (it bounds the look at each 目录 line).
LISTED_MAX = 300
#: A listed entry's trailing speaker or page in brackets (（张某）, (第3页)).
_ENTRY_TAIL = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def _entry_keys(text: str) -> tuple[str, ...]:
    """What a listed entry may match: itself, without its number, without its trailing
    bracket, without both."""
    t = text.strip()
    o = match_ordinal(t)
    bare = t[len(o.text) :] if o else t
    return tuple(dict.fromkeys(entry_key(x) for x in (t, bare, _ENTRY_TAIL.sub("", t), _ENTRY_TAIL.sub("", bare))))


def listed_contents(ctx: Context) -> None:
    """A 目录 line over short lines, each found again further on as a line of its own, in
    order: a table of contents typed as a list. Its lines become editorial notes (never
    headings, never a numbered series) and the titles they list join ``ctx.toc``. Only the
    first 目录 over a list is looked at: the scan stays linear whatever the text."""
    paras = ctx.paras
    for k, p in enumerate(paras):
        if p.kind is not None or not TOC_HEADER.match(re.sub(r"\s", "", p.text)):
            continue
        first = _entry_keys(paras[k + 1].text) if k + 1 < len(paras) else ()
        j = k + 1
        while (
            j < len(paras)
            and j - k <= LISTED_MAX
            and paras[j].kind in (None, Kind.LIST_ITEM)
            and paras[j].level is None
            and len(paras[j].lines) <= 1
            and len(paras[j].text) <= TOC_LINE_MAX // 2
            and not cues.ends_terminal(paras[j].text)
            # the text starts where the first entry's title comes again (a short line too)
            and (j == k + 1 or entry_key(paras[j].text) not in first)
        ):
            j += 1
        if j - k - 1 < TOC_MIN:
            continue
        titles: list[str] = []
        at = j
        for q in paras[k + 1 : j]:
            keys = _entry_keys(q.text)
            at = next((m for m in range(at, len(paras)) if entry_key(paras[m].text) in keys), len(paras))
            if at == len(paras):
                break
            titles.append(paras[at].text.strip())
            at += 1
        if len(titles) < j - k - 1:
            return  # one 目录 a document: the first list under one decides
        for q in paras[k:j]:
            q.kind, q.level = Kind.NOTE, None
            ctx.why(q.line, "listed-contents", "editorial note", q.text)
        ctx.toc = ctx.toc + tuple(titles)
        return
