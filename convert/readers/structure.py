"""Paragraphs to structure: title block, pieces, headings and their levels, leads, notes.

This is shared by every reader: the text reader feeds it bare paragraphs; the Markdown
and Word readers feed paragraphs with hints (an explicit heading level, a bold lead, a
kind such as quote or footnote). The rules live in small modules, each a list of named
rules run in order, the way markdown-it orders its rules:

1. :mod:`.linekinds` — what a line is by its form alone (cue, caption, rule, notes
   section, provenance);
2. :mod:`.titleblock` — the title block and the notes above it;
3. :mod:`.pieces` — where the pieces of a collection start (piece evidence only);
4. :mod:`.headings` — numbered headings as series, unnumbered section titles, levels as a
   tree with the usual precedence as prior;
5. :mod:`.leads` — lead sentences of unnumbered paragraph series;
6. roles here — greetings, closings, signatures, list items.

Principles, each chosen so the rules carry over to manuscripts never seen: a scheme counts
as headings only when used as a series; levels follow the document's nesting with the
usual precedence as prior; every guess a person should check is a diagnostic; and no
paragraph leaves the model — every one is placed exactly once (checked at the end).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..limits import LimitExceeded, current
from ..model import (
    Block,
    Diagnostic,
    Document,
    Heading,
    Note,
    Paragraph,
    ParagraphRole,
    Run,
    Speech,
    Table,
    split_note_runs,
)
from . import cues, headings, leads
from .cleanup import find_placeholders
from .context import Context
from .headings import Candidate, Levels
from .leads import Lead, lead_sentence
from .linekinds import classify_lines
from .ordinals import match_ordinal
from .paragraphs import NOTE_KINDS, Kind, RawPara, merge_runs
from .pieces import PieceStart, piece_header, piece_starts
from .titleblock import TitleBlock, editor_note, split_title_block

__all__ = ["build_document", "check_headings", "lead_sentence"]

#: How close to a piece's end a date or name line is its signature.
SIGNATURE_REACH = 3


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
            whole = a == r_start and z == r_end  # kept as it is: a paragraph may have 360,000 runs
            piece = r.text if whole else r.text[a - r_start : z - r_start]
            if r.plain and "【" in piece:
                out.extend(split_note_runs(piece))
            else:
                out.append(r if whole else Run(piece, bold=r.bold, italic=r.italic, note=r.note))
    return merge_runs(out) or (Run(""),)


#: Longest address that opens a paragraph in mid-speech (各位代表！…).
VOCATIVE_MAX = 20


def _opens_with_vocative(text: str) -> bool:
    """各位代表！今年… : an address to the audience opening a paragraph starts a new part
    of the speech, as a greeting line of its own does."""
    end = lead_sentence(text)
    if end is not None and end <= VOCATIVE_MAX and end < len(text) and cues.is_greeting(text[:end]):
        return True
    comma = text.find("，", 0, VOCATIVE_MAX)  # 各位代表，我们… : the address before a comma
    return comma > 0 and cues.is_greeting(text[: comma + 1])


class _Piece:
    """One piece's paragraphs to blocks: headings with levels, leads, roles, notes, tables."""

    def __init__(self, ctx: Context, start: int, end: int) -> None:
        self.ctx = ctx
        self.start, self.end = start, end
        self.blocks: list[Block] = []
        self.run: list[tuple[int, ParagraphRole]] = []  # body paragraphs since the last heading: (index, role)
        self.body_seen = False
        paras = ctx.paras
        self.last_body = max((k for k in range(start, end) if paras[k].kind in (None, Kind.BODY)), default=end - 1)
        #: The last paragraph that is not a note or a rule: a signature ends the text there.
        self.last_text = max(
            (k for k in range(start, end) if paras[k].kind not in NOTE_KINDS and paras[k].kind != Kind.RULE),
            default=end - 1,
        )
        levels = [lv for k in range(start, end) if (lv := paras[k].level) is not None]
        # The markup's levels as the outline's: the shallowest used is 1, and a level the
        # piece skips (## then ####, Heading 1 then Heading 3) leaves no gap in the tree.
        self.explicit_rank = {lv: n for n, lv in enumerate(sorted(set(levels)), 1)}

    def build(self) -> tuple[Block, ...]:
        ctx, paras = self.ctx, self.ctx.paras
        cands = headings.candidates(ctx, self.start, self.end)
        headings.accept_series(ctx, cands)
        aliases = headings.counter_aliases(ctx, cands)
        accepted = {c.index: c for c in cands if c.accepted}
        listed = {c.index for c in cands if c.list_item}
        self.levels = Levels(headings.nesting_ranks(cands), aliases)
        lost = headings.lost_ordinals(ctx, cands, self.start)
        taken = set(accepted) | listed | set(lost)
        listed_in_toc = headings.toc_titles(ctx, self.start, self.end, taken)
        plain = listed_in_toc | headings.plain_titles(ctx, self.start, self.end, taken | set(listed_in_toc))
        turns = _speaker_turns(paras, self.start, self.end)
        spaced = headings.spaced_titles(ctx, self.start, self.end, taken | set(plain))
        for k in range(self.start, self.end):
            p = paras[k]
            ctx.place(k)
            if p.kind == Kind.RULE:
                continue
            if p.kind == Kind.TABLE and p.rows is not None:
                self._flush()
                self.blocks.append(Table(rows=p.rows, header=True, line=p.line))
            elif p.kind == Kind.NOTES:
                self._flush()
                level = self.levels.notes()
                self.blocks.append(Heading(level=level, text=p.text, line=p.line))
            elif p.kind in NOTE_KINDS:
                self._flush()
                self.blocks.append(Note(text=p.text, kind=NOTE_KINDS[p.kind], line=p.line))
            elif p.level is not None:
                self._flush()
                self._explicit(p)
            elif k in accepted:
                self._flush()
                self._numbered(p, accepted[k])
            elif k in lost:
                self._flush()
                level = self.levels.numbered(lost[k])
                self.blocks.append(Heading(level=level, text=p.text, line=p.line))
                self.body_seen = True
            elif k in plain or k in spaced:
                self._flush()
                level = self.levels.plain(part=plain.get(k, False))
                rule = "toc-title" if k in listed_in_toc else "plain-title" if k in plain else "spaced-title"
                ctx.why(p.line, rule, f"heading level {level}", p.text)
                self.blocks.append(Heading(level=level, text=p.text, line=p.line))
                self.body_seen = True
            elif p.lead and p.text.startswith(p.lead) and len(p.lead) < len(p.text) and k not in turns:
                # An explicitly bold lead sentence (Markdown/Word): a run-in heading one
                # level below the current heading.
                self._flush()
                level = self.levels.lead()
                ctx.why(p.line, "bold-lead", f"run-in lead level {level}", p.lead)
                self.blocks.append(Heading(level=level, text=p.lead, run_in=True, line=p.line))
                self.blocks.append(Paragraph(runs=_runs_for(p, len(p.lead)), line=p.line))
            else:
                role: ParagraphRole = "list_item" if k in listed else self._role(k)
                if (role == "greeting" or (role == "body" and _opens_with_vocative(p.text))) and self.blocks:
                    self._flush()
                    self.levels.vocative()
                self.run.append((k, role))
        self._flush()
        return tuple(self.blocks)

    def _explicit(self, p: RawPara) -> None:
        """A heading marked up as such (Markdown #, Word Heading n): its level is the
        markup's rank among the levels this piece uses (the shallowest is 1, none skipped)."""
        assert p.level is not None
        level = self.explicit_rank[p.level]
        o = match_ordinal(p.text)
        self.levels.explicit(level, o.scheme if o else None)
        self.ctx.why(p.line, "markup", f"heading level {level}", p.text)
        self.blocks.append(Heading(level=level, text=p.text, ordinal=o.text if o else None, line=p.line))

    def _numbered(self, p: RawPara, c: Candidate) -> None:
        level = self.levels.numbered(c.ordinal.scheme, c.own_line)
        self.body_seen = True
        if c.own_line:
            self.ctx.why(p.line, "numbered-series", f"heading level {level} ({c.ordinal.scheme})", p.text)
            self.blocks.append(Heading(level=level, text=p.text, ordinal=c.ordinal.text, line=p.line))
            return
        assert c.lead_end is not None
        lead = p.text[: c.lead_end]
        self.ctx.why(p.line, "numbered-series", f"run-in heading level {level} ({c.ordinal.scheme})", lead)
        self.blocks.append(Heading(level=level, text=lead, run_in=True, ordinal=c.ordinal.text, line=p.line))
        self.blocks.append(Paragraph(runs=_runs_for(p, c.lead_end), line=p.line_at(c.lead_end)))

    def _role(self, k: int) -> ParagraphRole:
        p = self.ctx.paras[k]
        text = p.text
        if p.kind == Kind.QUOTE:  # what the markup says wins over what the text suggests
            return "quote"
        if p.kind == Kind.LIST_ITEM:
            return "list_item"
        if p.kind == Kind.BODY:
            self.body_seen = True
            return "body"  # the source vouches for it: running text, whatever it looks like
        if cues.is_greeting(text):
            return "greeting"
        if k >= self.last_body - 1 and cues.is_closing(text):
            return "closing"
        if (
            k > self.last_body - SIGNATURE_REACH
            and self.body_seen
            and (
                cues.is_date_line(text)
                or (
                    (cues.is_author_line(text) or cues.byline_field(text) or cues.is_org_line(text))
                    and self._signs_off(k)
                )
            )
        ):
            return "signature"
        self.body_seen = True
        return "body"

    def _signs_off(self, k: int) -> bool:
        """A name or unit line that ends the text, alone or over the date: a signature. Over
        a paragraph of text it is not (下步打算 heading its last paragraph)."""
        last = self.last_text  # notes after it (（此件公开发布）, a site's credits) sign nothing
        return k == last or (k == last - 1 and cues.is_date_line(self.ctx.paras[k + 1].text))

    def _flush(self) -> None:
        """Place the body paragraphs gathered since the last heading, finding the leads of
        an unnumbered series among them (one level under the current heading)."""
        if not self.run:
            return
        paras = self.ctx.paras
        body = [(k, r) for k, r in self.run if r == "body" and paras[k].kind is None]
        found: dict[int, Lead] = {}
        if len(body) >= 2:
            texts = [paras[k].text for k, _ in body]
            # the section's whole body: all of it, or all but an opening paragraph
            whole = len(body) == len(self.run)
            got = leads.find_series(texts, whole)
            found = {body[j][0]: lead for j, lead in got.items()}
        level = self.levels.depth + 1
        for k, role in self.run:
            p = paras[k]
            lead = found.get(k)
            if lead is not None and lead.own_line:
                self.ctx.why(p.line, lead.rule, f"heading level {level}", lead.text)
                self.blocks.append(Heading(level=level, text=p.text, line=p.line))
                continue
            if lead is not None:
                self.ctx.why(p.line, lead.rule, f"run-in lead level {level}", lead.text)
                self.blocks.append(Heading(level=level, text=lead.text, run_in=True, line=p.line))
                self.blocks.append(Paragraph(runs=_runs_for(p, lead.end), line=p.line_at(lead.end)))
                continue
            if re.fullmatch(r"【[^【】]+】", p.text):
                self.blocks.append(Note(text=p.text, line=p.line))
                continue
            nested = p.list_level if role == "list_item" else None
            self.blocks.append(Paragraph(runs=_runs_for(p, 0), role=role, line=p.line, list_level=nested))
        self.run = []


def _speaker_turns(paras: list[RawPara], start: int, end: int) -> set[int]:
    """Paragraphs opened by a bold speaker's name (**主持人：**…, **张华（书记）：**…), the
    turns of a transcript: the name is the speaker, not a heading of the outline. A turn
    is told by the speaker's role in brackets, or by a speaker who speaks again."""
    opened: dict[str, list[int]] = {}
    for k in range(start, end):
        lead = paras[k].lead
        if lead and paras[k].text.startswith(lead) and cues.SPEAKER_RE.match(lead.strip()):
            opened.setdefault(lead.strip(), []).append(k)
    return {k for name, ks in opened.items() if len(ks) > 1 or name.rstrip("：:").endswith(("）", ")")) for k in ks}


def _blocks(ctx: Context, start: int, end: int) -> tuple[Block, ...]:
    return _Piece(ctx, start, end).build()


def _preamble_blocks(ctx: Context, tb: TitleBlock) -> list[Block]:
    out: list[Block] = []
    for k in tb.preamble:
        p = ctx.paras[k]
        ctx.place(k)
        if p.kind == Kind.RULE:
            continue  # the rule under an official document's head: layout
        if p.kind == Kind.BODY:  # a cover's form field above the title: text, not a note
            out.append(Paragraph(runs=_runs_for(p, 0), line=p.line))
        else:
            out.append(Note(text=p.text, kind="editorial", line=p.line))
    return out


def _speeches(ctx: Context, tb: TitleBlock) -> list[Speech]:
    paras = ctx.paras
    i = editor_note(ctx, tb.end, len(paras))
    pre = _preamble_blocks(ctx, tb)
    starts: Sequence[PieceStart] = piece_starts(ctx, i, tb.declared)
    if not starts:
        return [Speech(blocks=tuple(pre) + _blocks(ctx, i, len(paras)))]
    speeches: list[Speech] = []
    if starts[0].index > i or pre:
        speeches.append(Speech(blocks=tuple(pre) + _blocks(ctx, i, starts[0].index)))
    bounds = [st.index for st in starts] + [len(paras)]
    for st, nxt in zip(starts, bounds[1:]):
        head, body = piece_header(ctx, st, nxt)
        body = editor_note(ctx, body, nxt)
        speeches.append(
            Speech(
                blocks=_blocks(ctx, body, nxt),
                label=st.label,
                title=head.title,
                subtitle=head.subtitle,
                author=head.author,
                date=head.date,
            )
        )
    return speeches


def _check_count(ctx: Context, tb: TitleBlock, speeches: list[Speech]) -> None:
    declared = tb.declared
    if declared is None:
        return
    found = sum(1 for s in speeches if s.label) or len(speeches)
    paras = ctx.paras
    if found != declared:
        ctx.add(
            "warning",
            "count",
            f"the subtitle announces {declared} pieces but {found} were found",
            paras[1].line if len(paras) > 1 else None,
        )
    else:
        ctx.add("info", "count", f"found the {declared} pieces the subtitle announces", None)


def _account(ctx: Context, speeches: list[Speech]) -> list[Speech]:
    """Every paragraph must be in the model; one that no rule placed (a bug) is placed at
    the end of the last piece and reported, never dropped."""
    missing = [k for k in range(len(ctx.paras)) if not ctx.placed[k] and ctx.paras[k].text.strip()]
    if not missing:
        return speeches
    extra = tuple(Paragraph.of(ctx.paras[k].text, line=ctx.paras[k].line) for k in missing)
    for k in missing:
        ctx.add("error", "unplaced", "a line no structure rule placed was kept at the end", ctx.paras[k].line)
    last = speeches[-1]
    return speeches[:-1] + [Speech(last.blocks + extra, last.label, last.title, last.subtitle, last.author, last.date)]


#: A name in quotes made of digits and Latin letters (“415X”, “A3X”): a programme's code,
#: whose X is a letter, not a blank to fill in.
_QUOTED_CODE = re.compile(r"[“‘「『\"'][0-9A-Za-z+\-]*[xX][0-9A-Za-z+\-]*[”’」』\"']")


def _quoted_code(text: str, pos: int) -> bool:
    """The X at ``pos`` belongs to a quoted code name (“415X”集群), not a placeholder."""
    start = max(text.rfind(q, 0, pos + 1) for q in "“‘「『\"'")
    if start < 0:
        return False
    m = _QUOTED_CODE.match(text, start)
    return m is not None and m.end() > pos and re.search("[0-9A-WYZa-wyz]", m.group(0)) is not None


def _placeholders(ctx: Context) -> None:
    for p in ctx.paras:
        for pos, token in find_placeholders(p.text):
            if _quoted_code(p.text, pos):
                continue
            shown = p.text[
                pos : pos + len(token) + (1 if token[-1:] in "xX×Ｘｘ" and pos + len(token) < len(p.text) else 0)
            ]
            ctx.add("warning", "placeholder", f"unfilled placeholder “{shown.rstrip('，。、；：')}”", p.line_at(pos))


def check_headings(speeches: Sequence[Speech]) -> None:
    """Fail, before any writer starts, when the document has more headings than
    :attr:`.limits.Limits.max_headings`."""
    limit = current().max_headings
    if sum(1 for s in speeches for b in s.blocks if isinstance(b, Heading)) > limit:
        raise LimitExceeded(f"the document has more than {limit:,} headings", "max_headings", limit)


def build_document(
    paras: list[RawPara],
    diags: list[Diagnostic],
    source: str | None,
    *,
    explain: bool = False,
    toc: Sequence[str] = (),
) -> Document:
    """The model of a manuscript from its paragraphs. ``explain`` records why each line
    became what it is (info diagnostics with code ``why``); ``toc`` holds the titles of a
    table of contents the reader dropped."""
    ctx = Context(paras=paras, diags=diags, explain=explain, toc=tuple(toc))
    classify_lines(ctx)
    tb = split_title_block(ctx, source)
    speeches = _speeches(ctx, tb)
    check_headings(speeches)
    _check_count(ctx, tb, speeches)
    speeches = _account(ctx, speeches)
    _placeholders(ctx)
    return Document(
        speeches=tuple(speeches),
        title=tb.title,
        subtitle=tb.subtitle,
        author=tb.author,
        date=tb.date,
        diagnostics=tuple(sorted(ctx.diags, key=lambda d: (d.line is None, d.line or 0))),
        source=source,
    )
