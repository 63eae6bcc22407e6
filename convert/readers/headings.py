"""Headings: which numbered paragraphs are headings, which unnumbered lines are section
titles, and the level of each.

Numbered headings (rules :func:`candidates`, :func:`accept_series`):

- A numbering scheme counts as headings only when the document uses it as a *series*
  (``一要 … 二要``), never for a lone ``首先`` or ``1.`` that opens a paragraph.
- A numbered paragraph whose first sentence is followed by more text is a run-in heading;
  one short sentence (or a title) alone on its line is an own-line heading.
- Enumerated items that end in ``；``/``，`` or continue the sentence that introduced them
  with a colon are list items, not headings; an empty numbered paragraph is not a heading.

Levels (:class:`Levels`) form a tree. The usual precedence is the prior —
第一部分 > 一、 > （一） > 1. > （1） > ① — and the lead schemes (一是, 第一，, 首先, 第一点…)
sit one level under whatever contains them; a scheme the document already uses at some
depth keeps that depth (a sibling), so 1. under 一、 in one part and under （一） in the
next each get the depth their container gives them.

A speaker varies the counter of a 第N series (第一， 第二， 第三个问题 第四个方面): an item
whose number follows the one just before it continues that series, for acceptance and
for levels (:func:`counter_aliases`).

Unnumbered section titles (:func:`plain_titles`): short lines without final punctuation
between paragraphs of edited prose, found only when there are several; in a spoken
script, whose lines need not end with stops, short lines it sets apart with more blank
lines than it puts between paragraphs (:func:`spaced_titles`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import HAN_RE, STOPS, count
from . import cues
from .context import Context
from .leads import lead_sentence
from .ordinals import (
    LAST,
    SEQ_WORDS,
    Ordinal,
    bracketed_ordinal,
    display_number,
    match_ordinal,
    scheme_name,
    seq_numbers,
    unnumbered,
)
from .paragraphs import Kind, RawPara
from .toc import entry_key

#: Longest lead sentence taken as a run-in heading; longer ones are numbered paragraphs.
LEAD_MAX = 100
#: …in a paragraph of English (a bilingual manuscript), counted in letters.
LEAD_MAX_LATIN = 320
#: Longest own-line heading.
OWN_LINE_MAX = 80
#: Longest title after a bare numeral (一　目前形势…) or a spoken part line (首先是…).
BARE_TITLE_MAX = 40
#: Schemes that also open ordinary sentences: demand short leads before trusting them.
WEAK_SCHEMES = {"seq", "cn-fangmian"}
WEAK_LEAD_MAX = 40
#: Longest first clause that leads a numbered paragraph whose first sentence is too long to
#: (三、通过对以上数据的监控情况可以了解到，…) when its series' other items are headings.
CLAUSE_LEAD_MAX = 50
#: How often a scheme must restart under another to override the usual precedence.
NESTING_EVIDENCE = 2
#: Siblings led by their first clause or sentence that make a long, unpunctuated member
#: of their series (四、后面要做的事，做事件监控，以及…) lead with its first clause too.
RUN_IN_SIBLINGS = 2
#: Fewest items of a sequence-word series (首先 … 其次 … 最后): two are just discourse.
SEQ_SERIES_MIN = 3

#: The usual precedence of the ranked schemes (smaller is higher).
RANK = {
    "di-part": 0,
    "cn-dun": 1,
    "cn-paren": 2,
    "stem": 2.5,
    "ar-dot": 3,
    "ar-paren": 4,
    "ar-half": 4.5,
    "circled": 5,
    "paren-digit": 5,
}
#: Schemes whose items are listed after a colon rather than headed (1、2、 1） ① ⑴).
LIST_SCHEMES = {"ar-dot", "ar-paren", "ar-half", "circled", "paren-digit"}
#: Schemes that are one series for levels though printed apart (First, ≡ 第一，).
LEVEL_KEY = {"en-seq": "di-comma"}
#: Endings of an enumerated item that goes on in the next one (…；  …，).
_ITEM_ENDS = "；;，,、"

#: Longest unnumbered section title.
PLAIN_TITLE_MAX = 25
#: A section title is followed by a paragraph at least this long.
PLAIN_BODY_MIN = 30
#: …once the document has shown it marks its sections so (a short self-review item).
PLAIN_BODY_SERIES_MIN = 12
#: Share of the long paragraphs that must end a sentence for unpunctuated short lines to
#: count as titles (edited prose); and how many long paragraphs make the share mean much.
PLAIN_DISCIPLINE = 0.95
PLAIN_DISCIPLINE_MIN = 5
#: Fewest titles that make unnumbered titles a document's way of marking its sections.
PLAIN_MIN = 2


def rank(scheme: str) -> float | None:
    """The scheme's place in the usual precedence; None for lead schemes (一是, 第一，…)."""
    return RANK.get(scheme)


@dataclass(slots=True)
class Candidate:
    """A numbered paragraph that may be a heading; the series it belongs to decides (:func:`accept_series`)."""

    index: int
    ordinal: Ordinal
    own_line: bool
    lead_end: int | None  # None for own-line headings and numbered paragraphs
    item: bool = False  # ends in ；/，: with most of its series, an enumeration's item
    accepted: bool = False
    list_item: bool = False  # decided by the series: a list item, not a heading
    clause_end: int | None = None  # a numbered paragraph's first clause, if short

    @property
    def headed(self) -> bool:
        return self.own_line or self.lead_end is not None


def _latin(text: str) -> bool:
    return count(_LATIN_LETTER, text) > 3 * count(HAN_RE, text)


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def classify(p: RawPara, index: int) -> Candidate | None:
    """Is this paragraph a numbered heading candidate, own-line or run-in?"""
    if p.kind is not None or p.level is not None:
        return None  # tables, notes, rules, titles, quotes, list items; marked-up headings
    text = p.text
    o = match_ordinal(text)
    if o is None:
        return _bracketed_title(p, index)
    rest = text[len(o.text) :].strip(" \u3000")
    if o.own_line_only:
        # a bare numeral (一 / 二　标题) or a spoken part line (首先是…): only a short line of its own
        if len(p.lines) > 1 or len(text) > BARE_TITLE_MAX:
            return None
        body = _spoken_part_line(text) if o.scheme == "seq" else text
        if cues.ends_terminal(body) or body[-1:] in "，," or any(c in body for c in STOPS):
            return None
        return Candidate(index, o, own_line=True, lead_end=None)
    if not rest.strip("、，,.．：:"):
        return None  # an empty numbered paragraph (a number left by Word) is not a heading
    end = lead_sentence(text, len(o.text))
    # a single sentence that goes on in the next item (…；  …，): an enumeration's item
    item = text.rstrip()[-1:] in _ITEM_ENDS and (end is None or end >= len(text.rstrip()))
    weak = o.scheme in WEAK_SCHEMES
    latin = _latin(text)
    if o.run_in_only and (end is None or end > WEAK_LEAD_MAX or end >= len(text.rstrip()) or item):
        return None
    if end is None or end >= len(text.rstrip()):
        # One sentence (or none): a heading standing on its own line if short.
        if len(text) <= (WEAK_LEAD_MAX if weak else OWN_LINE_MAX):
            # …long and unpunctuated, it may yet be led by its first clause (see accept_series)
            clause = _clause(text, len(o.text)) if end is None and len(text) > BARE_TITLE_MAX else None
            return Candidate(index, o, own_line=True, lead_end=None, item=item, clause_end=clause)
        clause = _clause(text, len(o.text))
        return Candidate(index, o, own_line=False, lead_end=None, item=item, clause_end=clause)  # numbered paragraph
    if text[end - 1] in "：:" and len(text) <= BARE_TITLE_MAX and not cues.ends_terminal(text) and len(p.lines) <= 1:
        return Candidate(index, o, own_line=True, lead_end=None, item=item)  # 一、Why：我们为什么出发: one title
    limit = LEAD_MAX_LATIN if latin else (WEAK_LEAD_MAX if weak else LEAD_MAX)
    if end > limit:
        return Candidate(index, o, own_line=False, lead_end=None, item=item, clause_end=_clause(text, len(o.text)))
    return Candidate(index, o, own_line=False, lead_end=end, item=item)


def _bracketed_title(p: RawPara, index: int) -> Candidate | None:
    """【一、统一思想，充分认识…】 on a line of its own: the numbered title inside its brackets."""
    found = bracketed_ordinal(p.text)
    if found is None or len(p.lines) > 1 or len(p.text) > OWN_LINE_MAX or cues.ends_terminal(found[1]):
        return None
    return Candidate(index, found[0], own_line=True, lead_end=None)


def _spoken_part_line(text: str) -> str:
    """A spoken part line as said, less the full stop or comma a speaker's script puts
    after it (接下来就是第二部分。 / 最后就是我的体会，): one sentence still."""
    t = text.rstrip()
    return t[:-1] if t[-1:] in "。，," else t


def _clause(text: str, start: int) -> int | None:
    """End of the first clause (through its comma) when it is short enough to lead."""
    k = text.find("，", start)
    return k + 1 if 0 < k - start <= CLAUSE_LEAD_MAX else None


def candidates(ctx: Context, start: int, end: int) -> list[Candidate]:
    out = []
    for k in range(start, end):
        c = classify(ctx.paras[k], k)
        if c is not None:
            out.append(c)
    return out


def _series(items: list[Candidate]) -> list[list[Candidate]]:
    """Items of one scheme cut into series of increasing numbers; a decimal-looking item
    (5.1m) only ever continues a series as its next number."""
    if items and items[0].ordinal.scheme == "seq":
        words = [c.ordinal.text.rstrip("，,、：:") for c in items]
        numbers = seq_numbers([w if w in SEQ_WORDS else "其次" for w in words])
    else:
        numbers = [c.ordinal.number for c in items]
    series: list[list[Candidate]] = []
    last: list[int] = []
    for c, n in zip(items, numbers):
        if c.ordinal.decimal:
            if series and n == last[-1] + 1:
                series[-1].append(c)
                last[-1] = n
            continue
        if series and n > last[-1] and not (c.ordinal.scheme == "seq" and n == 1):
            series[-1].append(c)
            last[-1] = n
        else:
            series.append([c])
            last.append(n)
    return series


def _introduced_by_colon(ctx: Context, first: Candidate) -> bool:
    k = first.index - 1
    while k >= 0 and ctx.paras[k].kind in (Kind.RULE, Kind.CUE):
        k -= 1
    return k >= 0 and ctx.paras[k].text.rstrip()[-1:] in "：:"


def _one_sentence(c: Candidate) -> bool:
    return c.own_line or (c.lead_end is None and not c.headed)


def accept_series(ctx: Context, cands: list[Candidate]) -> None:
    """Accept candidates that form numbered series; report skipped numbers."""
    by_scheme: dict[str, list[Candidate]] = {}
    for c in cands:
        by_scheme.setdefault(c.ordinal.scheme, []).append(c)
    for scheme, items in by_scheme.items():
        for s in _series(items):
            headed = [c for c in s if c.headed]
            if len(s) < 2 or not headed:
                continue
            if scheme in WEAK_SCHEMES and len(headed) < 2:
                continue
            if scheme == "seq" and (len(s) < SEQ_SERIES_MIN or s[0].ordinal.number != 1):
                continue
            if sum(c.item for c in s) * 2 >= len(s):
                for c in s:  # an enumeration whose items go on with ；/，: a list
                    c.list_item = True
                    ctx.why(ctx.paras[c.index].line, "item-ending", "list item", ctx.paras[c.index].text)
                continue
            if (
                scheme in LIST_SCHEMES
                and _introduced_by_colon(ctx, s[0])
                and sum(_one_sentence(c) for c in s) * 2 > len(s)
            ):
                for c in s:
                    c.list_item = True
                    ctx.why(ctx.paras[c.index].line, "colon-list", "list item", ctx.paras[c.index].text)
                continue
            for c in s:
                if not c.headed and c.clause_end is not None and len(headed) >= 2:
                    c.lead_end = c.clause_end  # a sibling of headings: its first clause leads
            if sum(c.lead_end is not None for c in s) >= RUN_IN_SIBLINGS:
                for c in s:  # siblings lead their text: so does a long unpunctuated one
                    if c.own_line and c.clause_end is not None:
                        c.own_line, c.lead_end = False, c.clause_end
            for c in s:
                c.accepted = c.headed
            if scheme in ("seq", "en-seq"):
                continue
            _report_numbering(ctx, scheme, s)


def _spoken_di(scheme: str) -> bool:
    """第一， 第二点 第三个问题 第四条: the 第N family of lead schemes, whose counters a
    speaker varies from one item to the next."""
    return scheme.startswith("di-") and scheme != "di-part"


def counter_aliases(ctx: Context, cands: list[Candidate]) -> dict[str, str]:
    """A 第N item whose number follows the one just before it, under another counter
    (第一， 第二， 第三个问题 第四个方面), continues that series: the counters are one
    scheme, for acceptance and for levels. Returns {scheme: the scheme it continues}."""
    aliases: dict[str, str] = {}
    prev: Candidate | None = None
    for c in sorted((c for c in cands if _spoken_di(c.ordinal.scheme)), key=lambda c: c.index):
        if (
            prev is not None
            and prev.accepted
            and c.headed
            and not c.list_item
            and c.ordinal.scheme != prev.ordinal.scheme
            and c.ordinal.number == prev.ordinal.number + 1
        ):
            target = aliases.get(prev.ordinal.scheme, prev.ordinal.scheme)
            if target != c.ordinal.scheme:
                aliases.setdefault(c.ordinal.scheme, target)
            if not c.accepted:
                c.accepted = True
                p = ctx.paras[c.index]
                ctx.why(p.line, "counter-continues", f"continues the {scheme_name(target)} series", p.text)
        prev = c
    return aliases


def lost_ordinals(ctx: Context, cands: list[Candidate], start: int) -> dict[int, str]:
    """A ranked series that starts at 二 lost its first ordinal (a Word list exported as
    text): the first title line before its first item, after the heading above it, is the
    lost 一 — a heading of the same scheme. Returns {paragraph index: scheme}."""
    paras = ctx.paras
    accepted = sorted(c.index for c in cands if c.accepted)
    by_index = {c.index: c for c in cands}
    out: dict[int, str] = {}
    firsts: dict[str, Candidate] = {}
    for c in sorted(cands, key=lambda c: c.index):
        if c.accepted and c.ordinal.scheme not in firsts:
            firsts[c.ordinal.scheme] = c
    for scheme, c in firsts.items():
        if rank(scheme) is None or c.ordinal.number != 2:
            continue
        r = rank(scheme) or 0.0
        above = [k for k in accepted if k < c.index and _outranks(by_index[k].ordinal.scheme, r)]
        lo = max(above + [start - 1]) + 1
        for k in range(lo, c.index - 1):
            p = paras[k]
            if _lost_title_form(p) and any(paras[j].kind is None for j in range(k + 1, c.index)):
                out[k] = scheme
                ctx.why(p.line, "lost-ordinal", f"heading ({scheme} whose first number was lost)", p.text)
                break
    return out


def _outranks(scheme: str, r: float) -> bool:
    """A ranked scheme at rank ``r`` or above (lead schemes never are)."""
    own = rank(scheme)
    return own is not None and own <= r


def _title_line(p: RawPara) -> str | None:
    """The text of a paragraph shaped as a title may be: one unclassified line of a title's
    length, not ending a sentence, not numbered, not a structural line (None otherwise).
    What both kinds of unnumbered title (a lost ordinal's, a plain section title's) ask
    first."""
    t = p.text.strip()
    ok = (
        p.kind is None
        and p.level is None
        and len(p.lines) <= 1
        and 2 <= len(t) <= PLAIN_TITLE_MAX
        and not cues.ends_terminal(t)
        and unnumbered(t)
        and not cues.is_structural(t)
    )
    return t if ok else None


def _lost_title_form(p: RawPara) -> bool:
    t = _title_line(p)
    return t is not None and not any(c in t for c in STOPS + "，,") and not cues.opens_with_hello(t)


def nesting_ranks(cands: list[Candidate]) -> dict[str, float]:
    """The precedence, corrected by the document's own nesting: a ranked scheme that
    restarts at 1 right after another's headings, again and again and never the other way
    round, sits under it even where the usual precedence puts it above."""
    heads = sorted((c for c in cands if c.accepted and rank(c.ordinal.scheme) is not None), key=lambda c: c.index)
    under: dict[tuple[str, str], int] = {}
    for prev, cur in zip(heads, heads[1:]):
        a, b = prev.ordinal.scheme, cur.ordinal.scheme
        if a != b and cur.ordinal.number == 1:
            under[(a, b)] = under.get((a, b), 0) + 1
    ranks = {k: float(v) for k, v in RANK.items()}
    for (a, b), n in under.items():
        if n >= NESTING_EVIDENCE and not under.get((b, a)) and ranks[b] < ranks[a]:
            ranks[b] = ranks[a] + 0.5
    return ranks


def _report_numbering(ctx: Context, scheme: str, s: list[Candidate]) -> None:
    paras = ctx.paras
    first = s[0].ordinal.number
    if first != 1 and first != LAST:
        ctx.add(
            "warning",
            "numbering",
            f"numbering “{scheme_name(scheme)}” starts at {display_number(scheme, first)}, not at {display_number(scheme, 1)}",
            paras[s[0].index].line,
        )
    for prev, cur in zip(s, s[1:]):
        a, b = prev.ordinal.number, cur.ordinal.number
        if b != a + 1 and b != LAST:
            missing = ", ".join(display_number(scheme, n) for n in range(a + 1, min(b, a + 50)))
            ctx.add(
                "warning",
                "numbering",
                f"numbering skips from {prev.ordinal.text} to {cur.ordinal.text} (missing {missing})",
                paras[cur.index].line,
            )


# ---------------------------------------------------------------------------------------
# Unnumbered section titles


def _plain_title_form(p: RawPara) -> bool:
    t = _title_line(p)
    return (
        t is not None
        and t[-1] not in "，,、；;"
        and not any(c in t for c in STOPS)
        and bool(HAN_RE.search(t))
        and not (t[0] in "（(【[〔" and t[-1] in "）)】]〕")  # a bracketed aside is no title
        and not cues.is_closing(t)
        and not cues.is_form_field(t)
    )


def prose_discipline(paras: list[RawPara], start: int, end: int) -> float | None:
    """Share of long body paragraphs in ``start:end`` that end a sentence (None when too
    few to tell)."""
    long_ = [p for p in paras[start:end] if p.unmarked and len(p.text) >= PLAIN_BODY_MIN]
    if len(long_) < PLAIN_DISCIPLINE_MIN:
        return None
    return sum(cues.ends_terminal(p.text) for p in long_) / len(long_)


def _next_body(paras: list[RawPara], k: int, end: int) -> int | None:
    """The paragraph after ``k`` that is not a cue or a rule."""
    return next((j for j in range(k + 1, end) if paras[j].kind not in (Kind.CUE, Kind.RULE)), None)


def plain_titles(ctx: Context, start: int, end: int, taken: set[int]) -> dict[int, bool]:
    """Short unpunctuated lines, each between a finished paragraph and a long one, in a
    piece of edited prose that marks its sections this way at least twice: index → whether
    the title is a part title over the next one.

    Two such lines in a row before a paragraph are two levels (存在的主要问题 / 在理论学习
    方面 / text…): a Word outline whose automatic numbering the export lost. The upper
    title then ranks over every single one, which are the subsections of its part."""
    paras = ctx.paras
    if any(paras[k].level is not None for k in range(start, end)):
        return {}  # the markup marks the headings: an unmarked short line is not one
    disc = prose_discipline(paras, start, end)
    if disc is None or disc < PLAIN_DISCIPLINE:
        return {}

    def opens_section(j: int | None, body_min: int = PLAIN_BODY_MIN) -> bool:
        if j is None:
            return False
        q = paras[j]
        if j in taken or q.level is not None:
            return True
        if not (q.unmarked and cues.ends_terminal(q.text)):
            return False
        if len(q.text) >= body_min:
            return True
        # A shorter paragraph that introduces a series the rules took (要抓好三件事。/ 一要…)
        return len(q.text) >= PLAIN_BODY_SERIES_MIN and _next_body(paras, j, end) in taken

    def after_finished(k: int) -> bool:
        prev = next((j for j in range(k - 1, start - 1, -1) if paras[j].kind not in (Kind.CUE, Kind.RULE)), None)
        return not (
            prev is not None
            and prev not in taken
            and paras[prev].kind is None
            and paras[prev].level is None
            and not cues.ends_terminal(paras[prev].text)
        )

    def scan(body_min: int) -> dict[int, bool]:
        found: dict[int, bool] = {}
        for k in range(start, end):
            if k in taken or k in found or not _plain_title_form(paras[k]) or not after_finished(k):
                continue
            nxt = _next_body(paras, k, end)
            if opens_section(nxt, body_min):
                found[k] = False
            elif (
                nxt is not None
                and nxt not in taken
                and _plain_title_form(paras[nxt])
                and opens_section(_next_body(paras, nxt, end), body_min)
            ):
                found[k], found[nxt] = True, False  # a part title over its first section's
        return found

    found = scan(PLAIN_BODY_MIN)
    if len(found) < PLAIN_MIN:
        return {}
    # The document marks its sections this way: a title may open a short paragraph too.
    return _parts_by_their_sections(paras, scan(PLAIN_BODY_SERIES_MIN), taken, end)


def toc_titles(ctx: Context, start: int, end: int, taken: set[int]) -> dict[int, bool]:
    """Unnumbered lines that the dropped 目录 lists (and that are no pieces, see
    :func:`.pieces.toc_entries`): the speech's section titles, whatever the prose around
    them; index → False (a section, not a part over one)."""
    if not ctx.toc:
        return {}
    want = {entry_key(e) for e in ctx.toc}
    return {
        k: False
        for k in range(start, end)
        if k not in taken and _title_line(ctx.paras[k]) is not None and entry_key(ctx.paras[k].text) in want
    }


#: Schemes that number a part's sections (一、 （一）), as against items and leads (1. 一是).
SECTION_SCHEMES = frozenset(s for s, r in RANK.items() if 1 <= r <= 2)


def _sectioned(paras: list[RawPara], k: int, stop: int, taken: set[int]) -> bool:
    """Whether the text between title ``k`` and ``stop`` is divided by numbered sections."""
    for j in range(k + 1, stop):
        o = match_ordinal(paras[j].text) if j in taken else None
        if o is not None and LEVEL_KEY.get(o.scheme, o.scheme) in SECTION_SCHEMES:
            return True
    return False


def _parts_by_their_sections(
    paras: list[RawPara], found: dict[int, bool], taken: set[int], end: int
) -> dict[int, bool]:
    """A part's sections are of one kind: plain titles, or numbered ones. So once a part's
    sections have been plain titles, a plain title whose own text is divided by numbered
    sections (（一）…) is not one more of them but the next part (问题产生的原因 after
    在理论学习方面, 在工作作风方面, when the export lost 一、二、 but kept （一）); and a plain
    title after a part divided by numbered sections is the next part too."""
    if not any(found.values()):
        return found
    order = sorted(found)
    out = dict(found)
    holds: str | None = None  # the open part's sections so far: "plain", "numbered", None
    sections: list[str] = []  # the open part's plain section titles
    form: list[str] = []  # the first part's sections, when they share one form

    def in_form(n: int) -> bool:
        """The sections have a form, and the open part keeps to it so far: it has no
        sections, or only sections of that form. A title right under the part's title is
        its first section whatever its form (the part's sections may have one of their own)."""
        under_part = n > 0 and out[order[n - 1]] and _next_body(paras, order[n - 1], end) == order[n]
        return bool(form) and not under_part and all(any(cues.alike_titles(t, f) for f in form) for t in sections)

    for n, k in enumerate(order):
        stop = order[n + 1] if n + 1 < len(order) else end
        sectioned = _sectioned(paras, k, stop, taken)
        title = paras[k].text.strip()
        if not out[k] and (holds == "numbered" or (holds == "plain" and sectioned)):
            out[k] = True  # the next part
        elif not out[k] and in_form(n) and not any(cues.alike_titles(title, t) for t in form + sections):
            out[k] = True  # out of the sections' form: the next part
        if out[k]:
            holds = "numbered" if sectioned else None
            sections = []
        elif holds is not None or any(out[j] for j in order[:n]):
            holds = "plain"
            sections.append(title)
            if not form and len(sections) >= FORM_MIN and all(cues.alike_titles(sections[0], t) for t in sections[1:]):
                form = list(sections)
    return out


#: Sections that share a form (在理论学习方面, 在工作作风方面) before a title out of that
#: form is taken for the next part.
FORM_MIN = 2


#: A title set apart: at least this many more blank lines before it than the piece's
#: usual gap between paragraphs (a speaker's script spaces its parts out).
SPACED_EXTRA = 2
#: Longest title set apart by space alone (no punctuation at all).
SPACED_TITLE_MAX = 15


def _gap_before(paras: list[RawPara], k: int) -> int:
    """Source lines left blank between paragraph ``k`` and the one before it."""
    prev = paras[k - 1]
    return paras[k].line - max(prev.lines or [prev.line]) - 1


def spaced_titles(ctx: Context, start: int, end: int, taken: set[int]) -> set[int]:
    """Short lines without any punctuation that the script sets apart with more blank
    lines than it puts between its paragraphs, each opening a paragraph of text: the
    titles of a spoken script's parts (its paragraphs need not end with full stops).
    Found only when the piece marks its parts this way at least twice."""
    paras = ctx.paras
    if end - start < 3 or any(paras[k].level is not None for k in range(start, end)):
        return set()
    gaps = sorted(_gap_before(paras, k) for k in range(start + 1, end))
    usual = gaps[len(gaps) // 2]
    found = set()
    for k in range(start + 1, end - 1):
        p, q = paras[k], paras[k + 1]
        t = p.text.strip()
        if (
            k in taken
            or len(t) > SPACED_TITLE_MAX
            or not _plain_title_form(p)
            or any(c in t for c in "，,：:")
            or _gap_before(paras, k) < usual + SPACED_EXTRA
        ):
            continue
        if q.unmarked and k + 1 not in taken and not _plain_title_form(q):
            found.add(k)
    return found if len(found) >= PLAIN_MIN else set()


# ---------------------------------------------------------------------------------------
# Levels


#: The stack key of unnumbered section titles and of unnumbered leads.
PLAIN = "plain"
PLAIN_PART = "plain-part"
LEAD = "lead"
#: Rank given to headings the markup marks (always above text ordinals).
_EXPLICIT_RANK = -100.0


@dataclass
class _Entry:
    """An open heading: its series and the rank that orders it among the others."""

    key: str
    rank: float | None  # None: a lead scheme, inside its container
    title: bool = False  # a lead scheme's item set as a title on its own line (第一，正确看待成绩)


class Levels:
    """The open headings of a piece, outermost first: a tree walked in reading order."""

    def __init__(self, ranks: dict[str, float] | None = None, aliases: dict[str, str] | None = None) -> None:
        self.stack: list[_Entry] = []
        self.ranks = ranks if ranks is not None else {k: float(v) for k, v in RANK.items()}
        self.aliases = aliases or {}

    @property
    def depth(self) -> int:
        return len(self.stack)

    def _index(self, key: str) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].key == key:
                return i
        return None

    def explicit(self, level: int, scheme: str | None) -> int:
        """A heading the markup marks at ``level`` (relative to the piece's shallowest)."""
        del self.stack[level - 1 :]
        while len(self.stack) < level - 1:
            self.stack.append(_Entry("explicit-pad", _EXPLICIT_RANK + len(self.stack)))
        self.stack.append(_Entry(scheme or f"explicit-{level}", _EXPLICIT_RANK + level))
        return level

    def numbered(self, scheme: str, own_line: bool = False) -> int:
        key = LEVEL_KEY.get(scheme, scheme)
        key = self.aliases.get(key, key)
        i = self._index(key)
        if i is not None:
            del self.stack[i + 1 :]
            return i + 1
        r = self.ranks.get(key)
        if r is not None:
            while self.stack and not self._contains(self.stack[-1], r):
                self.stack.pop()
        self.stack.append(_Entry(key, r, title=own_line and r is None))
        return len(self.stack)

    def _contains(self, top: _Entry, r: float) -> bool:
        """Whether a scheme of rank ``r`` not open yet goes under ``top``. A lead scheme's
        item inside its container does not hold ranked headings; set as a title on its
        own line it does (第一，扎实做好重点工作 over 1.抓市场。 2.抓创新。), unless the
        scheme outranks a heading that contains the title."""
        if top.rank is not None:
            return top.rank < r
        return top.title and all(e.rank is None or e.rank < r for e in self.stack)

    def plain(self, part: bool = False) -> int:
        """An unnumbered section title: a sibling of the last one, else under the heading
        that contains it. A ``part`` title ranks over the sections: it closes them."""
        key = PLAIN_PART if part else PLAIN
        i = self._index(key)
        if i is not None:
            del self.stack[i + 1 :]
            return i + 1
        if part and (j := self._index(PLAIN)) is not None:
            del self.stack[j:]  # sections of no part so far: the part takes their place
        while self.stack and self.stack[-1].rank is None:
            self.stack.pop()
        parent = self.stack[-1].rank if self.stack else 0.0
        self.stack.append(_Entry(key, (parent or 0.0) + 0.5))
        return len(self.stack)

    def lead(self) -> int:
        """A marked lead (bold in the source): one level under the current heading, and the
        container of the numbered leads that follow it until its next sibling."""
        i = self._index(LEAD)
        if i is not None:
            del self.stack[i + 1 :]
            return i + 1
        self.stack.append(_Entry(LEAD, None))
        return len(self.stack)

    def vocative(self) -> None:
        """An address to the audience in mid-speech (各位代表！) opens a new major part:
        only the top-level heading stays open."""
        del self.stack[1:]

    def notes(self) -> int:
        """The heading over the notes: top level, closing every open heading."""
        self.stack = [_Entry("notes", _EXPLICIT_RANK)]
        return 1
