"""Rules that tell, from a paragraph's form alone, what it is when it is not running text:
a stage direction, a photo caption, a rule, a notes section, a glossary (名词解释), where
the text came from.

They run first, in order (:data:`LINE_RULES`), on every reader's paragraphs; each sets the
paragraph's :class:`~.paragraphs.Kind` and never touches one that already has a kind
(markup wins over guessing). What they set is later placed as a Note block, a heading
over the notes, or nothing at all (a rule line holds no text).
"""

from __future__ import annotations

from collections.abc import Callable

from . import cues
from .context import Context
from .paragraphs import Kind
from .toc import listed_contents

#: Fewest note items that make a notes section after a rule (without a 注释 line).
NOTES_AFTER_RULE_MIN = 2
#: Kinds a notes section may turn into notes (Markdown lists and quotes of note items).
_NOTE_SOURCES = (None, Kind.LIST_ITEM, Kind.QUOTE)


def _per_line(
    rule: str, test: Callable[[str], bool], kind: Kind, what: str, quoted: bool = False
) -> Callable[[Context], None]:
    """A rule that looks at each unmarked paragraph alone (and each quoted one, when
    ``quoted``: a site sets its notices in a quote) and gives it ``kind`` when ``test``
    holds for its text."""

    def apply(ctx: Context) -> None:
        for p in ctx.paras:
            if (p.unmarked or (quoted and p.kind == Kind.QUOTE and p.level is None)) and test(p.text):
                p.kind = kind
                ctx.why(p.line, rule, what, p.text)

    apply.__name__ = rule.replace("-", "_")
    return apply


def bullet_items(ctx: Context) -> None:
    """Bulleted lines of one sentence next to one another (● 加强学习 / ● 改进作风): the
    items of a list. A bulleted line alone between paragraphs (■ 提高站位，… over its
    text) is a title the rules may take, not an item."""
    paras = ctx.paras
    bulleted = [p.unmarked and cues.opens_with_bullet(p.text) for p in paras]
    for k, p in enumerate(paras):
        if not (bulleted[k] and cues.is_bullet_item(p.text)):
            continue
        if (k > 0 and bulleted[k - 1]) or (k + 1 < len(paras) and bulleted[k + 1]):
            p.kind = Kind.LIST_ITEM
            ctx.why(p.line, "bullet-item", "list item", p.text)


def notes_section(ctx: Context) -> None:
    """注释 (or a rule) followed by numbered notes: the notes become footnote blocks and
    the 注释 line a heading over them. Everything after the header is the section."""
    paras = ctx.paras
    start: int | None = None
    for k, p in enumerate(paras):
        if p.kind in (None, Kind.BOLD_LINE) and cues.is_notes_header(p.text):
            follow = [q for q in paras[k + 1 : k + 4] if q.kind != Kind.RULE]
            if follow and any(cues.is_note_item(q.text) for q in follow):
                start = k
                p.kind, p.level = Kind.NOTES, None
                ctx.why(p.line, "notes-header", "heading over the notes", p.text)
                break
    if start is None:
        start = _notes_after_rule(ctx)
        if start is None:
            return
    for q in paras[start + 1 :]:
        if q.kind in _NOTE_SOURCES and q.level is None:
            q.kind = Kind.FOOTNOTE
            ctx.why(q.line, "notes-section", "footnote", q.text)


def glossary(ctx: Context) -> None:
    """名词解释 followed by numbered terms and their definitions (1.某某工程：…): a
    glossary — its items are a list, never headings, and its header heads them from the
    top level, as a notes section's does."""
    paras = ctx.paras
    for k, p in enumerate(paras):
        if p.kind not in (None, Kind.BOLD_LINE) or not cues.is_glossary_header(p.text):
            continue
        items = []
        for q in paras[k + 1 :]:
            if q.level is not None or q.kind not in (None, Kind.LIST_ITEM) or not cues.is_glossary_item(q.text):
                break
            items.append(q)
        if len(items) < NOTES_AFTER_RULE_MIN:
            continue
        p.kind, p.level = Kind.NOTES, None
        ctx.why(p.line, "glossary", "heading over the glossary", p.text)
        for q in items:
            q.kind = Kind.LIST_ITEM
            ctx.why(q.line, "glossary", "glossary item", q.text)


#: Longest entry of a site's list of more posts (a post's title).
RELATED_ENTRY_MAX = 60


def related_posts(ctx: Context) -> None:
    """往期推荐 and the titles under it to the end: the site's list of more posts, kept as
    editorial notes, apart from the speech. Only when every line after the header is a
    short line that is no sentence (a post's title) or a credit."""
    paras = ctx.paras
    for k, p in enumerate(paras):
        if p.kind is not None or not cues.is_related_header(p.text):
            continue
        after = paras[k + 1 :]
        if all(
            q.kind in (None, Kind.NOTE, Kind.LIST_ITEM)
            and len(q.text) <= RELATED_ENTRY_MAX
            and (not cues.ends_terminal(q.text) or cues.is_credit(q.text))
            for q in after
        ):
            for q in paras[k:]:
                q.kind, q.level = Kind.NOTE, None
                ctx.why(q.line, "related-posts", "editorial note", q.text)
        return


def _notes_after_rule(ctx: Context) -> int | None:
    """The last rule of the document when every paragraph after it is a note item."""
    paras = ctx.paras
    last_rule = max((k for k, p in enumerate(paras) if p.kind == Kind.RULE), default=None)
    if last_rule is None:
        return None
    after = paras[last_rule + 1 :]
    if len(after) >= NOTES_AFTER_RULE_MIN and all(cues.is_note_item(q.text) for q in after):
        return last_rule
    return None


#: The rules, in the order they run.
#: 翻页, 出图, PPT 3 are cues to whoever runs the talk, never read aloud; …新华社记者某某摄
#: is a picture's caption left in the text; 文章来自…, 来源：…, （《选集》第五卷，…第N页）
#: say where the text comes from, 编辑：某某 who edited the post, 往期推荐 what else
#: the site offers and 点击下载 / 本文共计…字 / 免责声明 what the site says of its page:
#: editors' notes rather than the speech.
LINE_RULES: list[tuple[str, Callable[[Context], None]]] = [
    ("rule-line", _per_line("rule-line", cues.is_rule_line, Kind.RULE, "rule")),
    ("stage-cue", _per_line("stage-cue", cues.is_cue, Kind.CUE, "cue note")),
    ("bullet-item", bullet_items),
    ("photo-caption", _per_line("photo-caption", cues.is_caption, Kind.CAPTION, "caption note")),
    ("notes-section", notes_section),
    ("glossary", glossary),
    ("provenance", _per_line("provenance", cues.is_provenance, Kind.NOTE, "editorial note", quoted=True)),
    ("credit", _per_line("credit", cues.is_credit, Kind.NOTE, "editorial note")),
    ("site-notice", _per_line("site-notice", cues.is_site_notice, Kind.NOTE, "editorial note", quoted=True)),
    ("related-posts", related_posts),
    ("listed-contents", listed_contents),
]


def classify_lines(ctx: Context) -> None:
    for _, rule in LINE_RULES:
        rule(ctx)
