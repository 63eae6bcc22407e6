"""Pieces of a collection: where each speech of a compilation starts.

Numbered section titles are not pieces: a piece needs *piece evidence*. The rules, in
order; the first that finds two or more starts wins:

- ``counted-labels``: labels alone on a line (（一）, 一, 第一篇, 篇一, 范文一) when the
  subtitle announces a count (（2篇）), when the label names a piece, or when every label
  is followed by its piece's title; or labels naming a piece before its title on one line
  (篇一：在某某会上的发言, 【篇二】…), numbered from one.
- ``dated-titles``: numbered piece titles (一　一月十八日的讲话) that carry their date or
  are followed by a date or speaker line.
- ``title-date``: title lines each followed by its own date line (引言 / （五月二日）) or
  dash subtitle (——张三同志在某某会上的发言).
- ``saluted-titles``: titles over a salutation that ends with its colon (国旗下讲话：珍惜时间 /
  同学们：), of one form or each after a piece's end (a closing, a rule).
- ``ruled-parts``: parts between rule lines (``******``), every one opening with a title
  over its salutation, speaker or date.
- ``toc-entries``: the titles a 目录 lists, found again in the text — unless they are
  numbered sections or the speech has begun before the first of them (a 目录 of one
  speech's sections).
- ``speakers``: speaker labels alone on a line in a transcript (张三：), each speaking once
  (a speaker who speaks again makes it a dialogue, one piece), never a form's field label
  (联系人：).

Each piece then reads its own header: title, subtitle, speaker, date
(:func:`piece_header`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .context import Context
from .ordinals import CN_NUM, cn_to_int, match_label, match_ordinal, piece_label
from .paragraphs import Kind, RawPara
from .titleblock import TitleBlock, read_byline, ruled_part_starts, saluted_starts, title_like, titled_piece
from .toc import entry_key

_PIECE_TITLE = re.compile(rf"^({CN_NUM}{{1,3}})[\s\u3000]+([^\s].{{1,40}})$")
#: A date inside a title: 一月十八日, 11月4日.
_DATE_IN = re.compile(rf"(?:{CN_NUM}{{1,3}}|\d{{1,2}})月(?:{CN_NUM}{{1,3}}|\d{{1,2}})[日号]")


@dataclass
class PieceStart:
    """Where a piece of a collection starts, its label and title, and the rule that found it (for ``--explain``)."""

    index: int
    label: str | None = None
    title: str | None = None
    rule: str = ""


def _followed_by_title(paras: list[RawPara], k: int) -> bool:
    if k + 1 >= len(paras):
        return False
    q = paras[k + 1]
    return (q.kind == Kind.TITLE or (q.unmarked)) and title_like(q.text)


def _titled_label(p: RawPara, declared: int | None) -> tuple[str, int, str] | None:
    """篇一：在某某会上的发言: a label naming a piece, then the piece's title on its line. A
    label that is also a part's number (第一篇　总论, 材料一) needs its title to end as a
    speech's does, or the collection's count."""
    if p.kind not in (None, Kind.TITLE, Kind.BOLD_LINE):
        return None  # (a heading the markup marks may be a piece's title: ## 篇一：…)
    got = piece_label(p.text.strip())
    if got is None or not got[2] or not title_like(got[2]):
        return None
    own = got[0].lstrip("【").startswith("篇")
    return got if own or declared is not None or cues.ends_like_a_title(got[2]) else None


def counted_labels(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    paras = ctx.paras
    titled_labels = {k: got for k in range(i, len(paras)) if (got := _titled_label(paras[k], declared)) is not None}
    if len(titled_labels) >= 2:
        numbers = [got[1] for got in titled_labels.values()]
        if numbers == list(range(1, len(numbers) + 1)):
            return [
                PieceStart(k, label=got[0], title=got[2], rule="counted-labels") for k, got in titled_labels.items()
            ]
    labels = [k for k in range(i, len(paras)) if paras[k].unmarked and match_label(paras[k].text) is not None]
    if not labels or (len(labels) < 2 and declared != 1):
        return []
    pian = all(piece_label(paras[k].text.strip()) is not None for k in labels)
    # a bracketed label (（一）) with its piece's title under it; a bare numeral with a
    # title under it is a section's number, not a piece's
    titled = all(paras[k].text.strip()[:1] in "（(" and _followed_by_title(paras, k) for k in labels)
    if declared is None and not pian and not titled:
        return []
    numbers = [match_label(paras[k].text) or 0 for k in labels]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        ctx.add(
            "warning",
            "numbering",
            "piece labels are not numbered in order: " + " ".join(paras[k].text for k in labels),
            paras[labels[0]].line,
        )
    return [PieceStart(k, label=paras[k].text, rule="counted-labels") for k in labels]


def dated_titles(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    paras = ctx.paras
    found = []
    for k in range(i, len(paras)):
        p = paras[k]
        m = _PIECE_TITLE.match(p.text) if p.unmarked else None
        if not m or cues.ends_terminal(p.text):
            continue
        nxt = paras[k + 1].text if k + 1 < len(paras) else ""
        if _DATE_IN.search(m.group(2)) or cues.is_date_line(nxt) or cues.is_author_line(nxt):
            found.append((k, m))
    if len(found) < 2:
        return []
    numbers = [cn_to_int(m.group(1)) or 0 for _, m in found]
    if numbers != list(range(1, len(numbers) + 1)):
        return []
    return [PieceStart(k, label=m.group(1), title=m.group(2).strip(), rule="dated-titles") for k, m in found]


def title_date(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    paras = ctx.paras
    found = []
    for k in range(i, len(paras) - 1):
        if titled_piece(paras, k):
            found.append(PieceStart(k, title=paras[k].text, rule="title-date"))
    return found if len(found) >= 2 else []


def saluted_titles(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    """Titles over their salutations that open pieces (:func:`.titleblock.saluted_starts`)."""
    return [PieceStart(k, title=ctx.paras[k].text, rule="saluted-titles") for k in saluted_starts(ctx.paras, i)]


def ruled_parts(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    """Parts between rule lines, each opening with a title over its salutation, speaker or
    date (:func:`.titleblock.ruled_part_starts`)."""
    return [PieceStart(k, title=ctx.paras[k].text, rule="ruled-parts") for k in ruled_part_starts(ctx.paras, i)]


def toc_entries(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    if len(ctx.toc) < 2:
        return []
    paras = ctx.paras
    want = [entry_key(e) for e in ctx.toc]
    found = []
    j = 0
    for k in range(i, len(paras)):
        if j >= len(want):
            break
        p = paras[k]
        if p.kind in (None, Kind.TITLE, Kind.BOLD_LINE) and want[j] and entry_key(p.text) == want[j]:
            found.append(PieceStart(k, title=p.text, rule="toc-entries"))
            j += 1
    if len(found) < 2 or _lists_sections(ctx, i, found):
        return []
    return found


def _lists_sections(ctx: Context, i: int, found: list[PieceStart]) -> bool:
    """A 目录 of one speech's sections, not of a collection's pieces: its entries are
    numbered sections (一、过去五年的工作), or the speech has begun before the first of
    them (同志们： and text stand between the contents and the first entry)."""
    paras = ctx.paras
    titles = [paras[st.index].text.strip() for st in found]
    if all(match_ordinal(t) is not None and piece_label(t) is None for t in titles):
        return True
    return any(
        paras[k].unmarked and (cues.is_greeting(paras[k].text) or cues.ends_terminal(paras[k].text))
        for k in range(i, found[0].index)
    )


def speakers(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    paras = ctx.paras
    found = [
        k
        for k in range(i, len(paras))
        if paras[k].unmarked
        and cues.SPEAKER_RE.match(paras[k].text)
        and not cues.is_greeting(paras[k].text)
        and not cues.is_form_field(paras[k].text)
    ]
    if len(found) < 2 or len({paras[k].text.strip() for k in found}) < len(found):
        return []  # a speaker who speaks again: the turns of one dialogue, not pieces
    return [PieceStart(k, label=paras[k].text, rule="speakers") for k in found]


PIECE_RULES = [counted_labels, dated_titles, title_date, saluted_titles, ruled_parts, toc_entries, speakers]


def piece_starts(ctx: Context, i: int, declared: int | None) -> list[PieceStart]:
    """Where the pieces start, by the first rule that finds them."""
    for rule in PIECE_RULES:
        starts = rule(ctx, i, declared)
        if starts:
            for st in starts:
                ctx.why(ctx.paras[st.index].line, st.rule, "piece start", ctx.paras[st.index].text)
            return starts
    return []


def piece_header(ctx: Context, st: PieceStart, end: int) -> tuple[TitleBlock, int]:
    """A piece's own title, subtitle, speaker and date after its start; returns them and
    the index of its first body paragraph."""
    paras = ctx.paras
    meta = TitleBlock(title=st.title)
    ctx.place(st.index)
    i = st.index + 1
    if st.title is None and st.label is not None and i < end:
        p = paras[i]
        if p.kind == Kind.TITLE or (p.unmarked and title_like(p.text) and i + 1 < end):
            meta.title = p.text
            ctx.place(i)
            ctx.why(p.line, "piece-title", "piece title", p.text)
            i += 1
    if meta.title is not None or st.label is not None:
        i = read_byline(ctx, i, end, meta, ("subtitle", "author", "date"))
    return meta, i
