"""Paragraphs to structure: title block, pieces, headings and their levels.

This is shared by every reader: the text reader feeds it bare paragraphs; the Markdown
and Word readers feed paragraphs with hints (an explicit heading level, a bold lead).

Principles, each chosen so the rules carry over to manuscripts never seen:

- A numbering scheme counts as headings only when the document uses it as a *series*
  (``一要 … 二要``), never for a lone ``首先`` or ``1.`` that opens a paragraph.
- A scheme's level is the order in which schemes nest in the document (a stack, reset
  for each piece), not a fixed table: ``一是`` is level 2 under ``一要`` and level 1 in a
  talk that has nothing above it.
- A numbered paragraph whose first sentence is followed by more text is a run-in heading:
  the lead sentence is the heading, the rest stays a paragraph.
- Every guess that a person should check is a diagnostic, never a silent change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chars import CLOSE_BRACKETS, HAN, OPEN_BRACKETS, SENTENCE_END, STOPS
from ..model import Block, Diagnostic, Document, Heading, Note, Paragraph, Run, Speech, Table, split_note_runs
from . import cues
from .cleanup import find_placeholders
from .ordinals import CN_NUM, SCHEME_NAMES, Ordinal, cn_to_int, display_number, match_label, match_ordinal
from .paragraphs import NOTE_KINDS, Kind, RawPara

#: Longest lead sentence taken as a run-in heading; longer ones are numbered paragraphs.
LEAD_MAX = 100
#: Longest own-line heading.
OWN_LINE_MAX = 80
#: Schemes that also open ordinary sentences: demand short leads before trusting them.
WEAK_SCHEMES = {"seq", "cn-fangmian"}
WEAK_LEAD_MAX = 40


def lead_sentence(text: str, start: int = 0) -> int | None:
    """End index (exclusive) of the first sentence, ignoring stops inside quotes/brackets."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in SENTENCE_END:
            j = i + 1
            while j < len(text) and text[j] in "”’）》」』":
                j += 1
            return j
        elif depth == 0 and ch in "：:" and i - start <= 40 and i + 1 < len(text):
            return i + 1
    return None


@dataclass
class _Candidate:
    index: int
    ordinal: Ordinal
    own_line: bool
    lead_end: int | None  # None for own-line headings
    accepted: bool = False


@dataclass
class _Builder:
    diags: list[Diagnostic] = field(default_factory=list)

    def add(self, severity: str, code: str, message: str, line: int | None) -> None:
        self.diags.append(Diagnostic(severity, code, message, line))  # type: ignore[arg-type]


def _classify(p: RawPara) -> _Candidate | None:
    """Is this paragraph a numbered heading candidate, own-line or run-in?"""
    if p.kind is not None:  # tables, notes, rules, titles, quotes, list items: never numbered headings
        return None
    o = match_ordinal(p.text)
    if o is None:
        return None
    text = p.text
    end = lead_sentence(text, len(o.text))
    weak = o.scheme in WEAK_SCHEMES
    if end is None or end >= len(text.rstrip()):
        # One sentence (or none): a heading standing on its own line if short.
        if len(text) <= (WEAK_LEAD_MAX if weak else OWN_LINE_MAX):
            return _Candidate(0, o, own_line=True, lead_end=None)
        return _Candidate(0, o, own_line=False, lead_end=None)  # numbered paragraph
    if end - 0 > (WEAK_LEAD_MAX if weak else LEAD_MAX):
        return _Candidate(0, o, own_line=False, lead_end=None)
    return _Candidate(0, o, own_line=False, lead_end=end)


def _accept_series(cands: list[_Candidate], paras: list[RawPara], b: _Builder) -> None:
    """Accept candidates that form numbered series; report skips."""
    by_scheme: dict[str, list[_Candidate]] = {}
    for c in cands:
        by_scheme.setdefault(c.ordinal.scheme, []).append(c)
    for scheme, items in by_scheme.items():
        series: list[list[_Candidate]] = []
        for c in items:
            if series and c.ordinal.number > series[-1][-1].ordinal.number:
                series[-1].append(c)
            else:
                series.append([c])
        for s in series:
            headed = [c for c in s if c.own_line or c.lead_end is not None]
            if len(s) < 2 or not headed:
                continue
            if scheme in WEAK_SCHEMES and len(headed) < 2:
                continue
            for c in s:
                c.accepted = c.own_line or c.lead_end is not None
            if scheme == "seq":
                continue
            if s[0].ordinal.number != 1:
                b.add(
                    "warning",
                    "numbering",
                    f"numbering “{SCHEME_NAMES[scheme]}” starts at {display_number(scheme, s[0].ordinal.number)}, not at {display_number(scheme, 1)}",
                    paras[s[0].index].line,
                )
            for prev, cur in zip(s, s[1:]):
                if cur.ordinal.number != prev.ordinal.number + 1:
                    missing = ", ".join(
                        display_number(scheme, n) for n in range(prev.ordinal.number + 1, cur.ordinal.number)
                    )
                    b.add(
                        "warning",
                        "numbering",
                        f"numbering skips from {prev.ordinal.text} to {cur.ordinal.text} (missing {missing})",
                        paras[cur.index].line,
                    )


def _runs_for(p: RawPara, start: int, end: int | None = None) -> tuple[Run, ...]:
    """Inline runs of a slice of the paragraph, keeping emphasis from the source."""
    text = p.text[start:end]
    if not p.runs:
        return split_note_runs(text)
    out: list[Run] = []
    pos = 0
    stop = len(p.text) if end is None else end
    for r in p.runs:
        r_start, r_end = pos, pos + len(r.text)
        pos = r_end
        a, z = max(r_start, start), min(r_end, stop)
        if a < z:
            piece = r.text[a - r_start : z - r_start]
            if r.plain:
                out.extend(split_note_runs(piece))
            else:
                out.append(Run(piece, bold=r.bold, italic=r.italic, note=r.note))
    merged: list[Run] = []
    for r in out:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].note) == (r.bold, r.italic, r.note):
            merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic, r.note)
        elif r.text:
            merged.append(r)
    return tuple(merged) or (Run(""),)


def _split_title_block(paras: list[RawPara], b: _Builder) -> tuple[dict[str, str | None], int, int | None]:
    """Title, subtitle, author and date at the top; returns (fields, next index, declared count)."""
    meta: dict[str, str | None] = {"title": None, "subtitle": None, "author": None, "date": None}
    declared: int | None = None
    i = 0
    n = len(paras)
    if n == 0:
        return meta, 0, None
    first = paras[0]
    explicit = first.kind == Kind.TITLE
    if not explicit and first.level is None:
        if n < 2 or not _title_like(first.text):
            return meta, 0, None
    elif first.level is not None and first.kind != Kind.TITLE:
        return meta, 0, None
    meta["title"] = first.text
    i = 1
    order = ["subtitle", "author", "date"]
    pos = 0
    while i < n and pos < len(order):
        if paras[i].level is not None or paras[i].kind not in (None, Kind.SUBTITLE):
            break  # a marked-up heading or block is never part of the title block
        t = paras[i].text
        if paras[i].kind == Kind.SUBTITLE or (cues.is_count_line(t) is not None) or cues.is_dash_subtitle(t):
            if pos > 0 or meta["subtitle"] is not None:
                break
            meta["subtitle"] = t
            c = cues.is_count_line(t)
            if c is not None:
                declared = c
            pos = 1
        elif cues.is_author_line(t) and i + 1 < n and pos <= 1:
            meta["author"] = t
            pos = 2
        elif cues.is_date_line(t):
            meta["date"] = t
            pos = 3
        else:
            break
        i += 1
    return meta, i, declared


def _title_like(text: str) -> bool:
    return (
        2 <= len(text) <= 60
        and not cues.ends_terminal(text)
        and not any(c in text for c in STOPS)
        and not cues.is_structural(text)
        and match_ordinal(text) is None
        and bool(re.search(f"[{HAN}]", text))
    )


def _speech_header(paras: list[RawPara], i: int, end: int) -> tuple[dict[str, str | None], int]:
    """A piece's own title/subtitle/author/date lines right after its label."""
    meta: dict[str, str | None] = {"title": None, "subtitle": None, "author": None, "date": None}
    if i < end and (
        paras[i].kind == Kind.TITLE or (_title_like(paras[i].text) and paras[i].level is None and i + 1 < end)
    ):
        if cues.is_author_line(paras[i].text) and not paras[i].kind:
            pass
        else:
            meta["title"] = paras[i].text
            i += 1
    pos = 0
    order_ok = True
    while i < end and order_ok:
        t = paras[i].text
        if pos == 0 and (cues.is_dash_subtitle(t) or paras[i].kind == Kind.SUBTITLE):
            meta["subtitle"] = t
            pos = 1
        elif pos <= 1 and cues.is_author_line(t) and meta["title"]:
            meta["author"] = t
            pos = 2
        elif pos <= 2 and cues.is_date_line(t):
            meta["date"] = t
            pos = 3
        else:
            order_ok = False
            continue
        i += 1
    return meta, i


def _blocks(paras: list[RawPara], start: int, end: int, b: _Builder) -> tuple[Block, ...]:
    """One piece's paragraphs to blocks: headings (with levels), roles, notes, tables."""
    cands: list[_Candidate] = []
    for k in range(start, end):
        if paras[k].level is not None:
            continue
        c = _classify(paras[k])
        if c is not None:
            c.index = k
            cands.append(c)
    _accept_series(cands, paras, b)
    accepted = {c.index: c for c in cands if c.accepted}

    blocks: list[Block] = []
    stack: list[str] = []
    explicit_base: int | None = None
    body_seen = False
    last_body = max((k for k in range(start, end) if paras[k].kind is None), default=end - 1)
    for k in range(start, end):
        p = paras[k]
        if p.kind == Kind.TABLE and p.rows is not None:
            blocks.append(Table(rows=p.rows, header=True, line=p.line))
            continue
        if p.kind in NOTE_KINDS:
            blocks.append(Note(text=p.text, kind=NOTE_KINDS[p.kind], line=p.line))  # type: ignore[arg-type]
            continue
        if p.kind == Kind.RULE:
            continue
        if p.level is not None:
            # A heading marked up as such (Markdown #, Word Heading n): its level is the
            # markup's, relative to the shallowest level used in this piece.
            if explicit_base is None:
                explicit_base = min(q.level for q in paras[start:end] if q.level is not None)
            level = p.level - explicit_base + 1
            o = match_ordinal(p.text)
            if o is not None:
                while stack and stack[-1] != o.scheme and len(stack) >= level:
                    stack.pop()
                if o.scheme not in stack:
                    stack[level - 1 :] = [o.scheme]
            blocks.append(Heading(level=level, text=p.text, ordinal=o.text if o else None, line=p.line))
            continue
        c = accepted.get(k)
        if c is not None:
            scheme = c.ordinal.scheme
            if scheme in stack:
                del stack[stack.index(scheme) + 1 :]
            else:
                stack.append(scheme)
            level = len(stack) + ((explicit_base and 0) or 0)
            if c.own_line:
                blocks.append(Heading(level=level, text=p.text, ordinal=c.ordinal.text, line=p.line))
            else:
                assert c.lead_end is not None
                lead = p.text[: c.lead_end]
                blocks.append(Heading(level=level, text=lead, run_in=True, ordinal=c.ordinal.text, line=p.line))
                blocks.append(Paragraph(runs=_runs_for(p, c.lead_end), line=p.line_at(c.lead_end)))
            body_seen = True
            continue
        if p.lead and p.text.startswith(p.lead) and len(p.lead) < len(p.text):
            # An explicitly bold lead sentence (Markdown/Word): a run-in heading one level
            # below the current scheme.
            level = len(stack) + 1
            blocks.append(Heading(level=level, text=p.lead, run_in=True, line=p.line))
            blocks.append(Paragraph(runs=_runs_for(p, len(p.lead)), line=p.line))
            continue
        text = p.text
        role = "body"
        if p.kind in (Kind.QUOTE, Kind.LIST_ITEM):
            role = p.kind.value  # what the markup says wins over what the text suggests
        elif cues.is_greeting(text):
            role = "greeting"
        elif k >= last_body - 1 and cues.is_closing(text):
            role = "closing"
        elif (
            k > last_body - 3
            and body_seen
            and (cues.is_date_line(text) or (cues.is_author_line(text) and k >= end - 2))
        ):
            role = "signature"
        if re.fullmatch(r"【[^【】]+】", text):
            blocks.append(Note(text=text, line=p.line))
            continue
        blocks.append(Paragraph(runs=_runs_for(p, 0), role=role, line=p.line))  # type: ignore[arg-type]
        if role == "body":
            body_seen = True
    _lift_parallel_leads(blocks)
    return tuple(blocks)


_PARALLEL_MIN = 3


def _lift_parallel_leads(blocks: list[Block]) -> None:
    """Parallel lead sentences (排比段首句): three or more consecutive paragraphs whose
    short first sentences share an opening word and a shape become run-in leads one level
    below the current heading. Precision over recall: all must agree."""
    i = 0
    while i < len(blocks):
        group = _parallel_group(blocks, i)
        if group:
            level = 1
            for back in range(i - 1, -1, -1):
                prev = blocks[back]
                if isinstance(prev, Heading) and not prev.run_in:
                    level = prev.level + 1
                    break
            new: list[Block] = []
            for g, e in group:
                para = blocks[g]
                assert isinstance(para, Paragraph)
                new.append(Heading(level=level, text=para.text[:e], run_in=True, line=para.line))
                new.append(Paragraph(runs=_slice_runs(para.runs, e), line=para.line))
            blocks[i : i + len(group)] = new
            i += len(new)
        else:
            i += 1


def _parallel_group(blocks: list[Block], i: int) -> list[tuple[int, int]]:
    """Consecutive body paragraphs from ``i`` whose lead sentences are parallel."""
    group: list[tuple[int, int]] = []
    j = i
    while j < len(blocks):
        para = blocks[j]
        if (
            not isinstance(para, Paragraph)
            or para.role != "body"
            or (j > 0 and isinstance(prev := blocks[j - 1], Heading) and prev.run_in)
        ):
            break
        text = para.text
        end = lead_sentence(text)
        if end is None or end > 40 or len(text) < end + 10:
            break
        if group and not _parallel([blocks[group[0][0]].text[: group[0][1]], text[:end]]):
            break
        group.append((j, end))
        j += 1
    leads = [blocks[g].text[:e] for g, e in group]
    # Dash leads (——坚持…。) are a series marker in themselves: two make a series.
    needed = 2 if leads and leads[0].startswith(("——", "—")) else _PARALLEL_MIN
    if len(group) >= needed and _parallel(leads):
        return group
    return []


def _slice_runs(runs: tuple[Run, ...], start: int) -> tuple[Run, ...]:
    out: list[Run] = []
    pos = 0
    for r in runs:
        a, z = pos, pos + len(r.text)
        pos = z
        if z <= start:
            continue
        out.append(Run(r.text[max(0, start - a) :], r.bold, r.italic, r.note))
    return tuple(out) or (Run(""),)


def _parallel(leads: list[str]) -> bool:
    """Leads are parallel when they open with the same two characters and end the same
    way, and their lengths are close (排比)."""
    if len({x[:2] for x in leads}) != 1:
        return False
    if len({x[-1] for x in leads}) != 1:
        return False
    lengths = [len(x) for x in leads]
    return max(lengths) - min(lengths) <= 6


@dataclass
class _PieceStart:
    index: int
    label: str | None = None
    title: str | None = None
    author: str | None = None
    inline: bool = False  # the piece's first paragraph is its own first line (speaker: text)


_PIECE_TITLE = re.compile(rf"^({CN_NUM}{{1,3}})[\s\u3000]+([^\s].{{1,40}})$")
_SPEAKER = re.compile(rf"^([{HAN}·]{{2,8}}|[{HAN}]{{1,6}}[（(][{HAN}]{{1,10}}[）)])[：:]$")


def _piece_starts(paras: list[RawPara], i: int, declared: int | None, b: _Builder) -> list[_PieceStart]:
    """Where the pieces of a collection start, by the first marking that forms a series:
    labels alone on a line (（一）, 一, 第一篇); numbered piece titles (一　一月十八日的讲话);
    speaker labels alone on a line in a transcript (张三：)."""
    plain = [k for k in range(i, len(paras)) if paras[k].kind is None and paras[k].level is None]
    labels = [k for k in plain if match_label(paras[k].text) is not None]
    if len(labels) >= 2 or (len(labels) == 1 and declared == 1):
        numbers = [match_label(paras[k].text) or 0 for k in labels]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            b.add(
                "warning",
                "numbering",
                "piece labels are not numbered in order: " + " ".join(paras[k].text for k in labels),
                paras[labels[0]].line,
            )
        return [_PieceStart(k, label=paras[k].text) for k in labels]
    titled = [
        (k, m) for k in plain if (m := _PIECE_TITLE.match(paras[k].text)) and not cues.ends_terminal(paras[k].text)
    ]
    if len(titled) >= 2:
        numbers = [cn_to_int(m.group(1)) or 0 for _, m in titled]
        if numbers == list(range(1, len(numbers) + 1)):
            return [_PieceStart(k, label=m.group(1), title=m.group(2).strip()) for k, m in titled]
    speakers = [k for k in plain if _SPEAKER.match(paras[k].text) and not cues.is_greeting(paras[k].text)]
    if len(speakers) >= 2:
        return [_PieceStart(k, label=paras[k].text) for k in speakers]
    return []


def build_document(paras: list[RawPara], diags: list[Diagnostic], source: str | None) -> Document:
    b = _Builder(diags)
    meta, i, declared = _split_title_block(paras, b)

    speeches: list[Speech] = []
    starts = _piece_starts(paras, i, declared, b)
    if starts:
        if starts[0].index > i:
            speeches.append(Speech(blocks=_blocks(paras, i, starts[0].index, b)))
        bounds = [st.index for st in starts] + [len(paras)]
        for st, nxt in zip(starts, bounds[1:]):
            first = st.index + (0 if st.inline else 1)
            head, body_start = _speech_header(paras, first, nxt) if not st.inline else ({}, first)
            speeches.append(
                Speech(
                    blocks=_blocks(paras, body_start, nxt, b),
                    label=st.label,
                    title=st.title or head.get("title"),
                    subtitle=head.get("subtitle"),
                    author=st.author or head.get("author"),
                    date=head.get("date"),
                )
            )
    else:
        speeches.append(Speech(blocks=_blocks(paras, i, len(paras), b)))

    if declared is not None:
        found = sum(1 for s in speeches if s.label)
        if not found:
            found = len(speeches)
        if found != declared:
            b.add(
                "warning",
                "count",
                f"the subtitle announces {declared} pieces but {found} were found",
                paras[1].line if len(paras) > 1 else None,
            )
        else:
            b.add("info", "count", f"found the {declared} pieces the subtitle announces", None)

    for p in paras:
        for pos, token in find_placeholders(p.text):
            shown = p.text[
                pos : pos + len(token) + (1 if token[-1:] in "xX×Ｘｘ" and pos + len(token) < len(p.text) else 0)
            ]
            b.add("warning", "placeholder", f"unfilled placeholder “{shown.rstrip('，。、；：')}”", p.line_at(pos))

    return Document(
        speeches=tuple(speeches),
        title=meta["title"],
        subtitle=meta["subtitle"],
        author=meta["author"],
        date=meta["date"],
        diagnostics=tuple(sorted(b.diags, key=lambda d: (d.line is None, d.line or 0))),
        source=source,
    )
