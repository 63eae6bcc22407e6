"""The title block: what stands above the text — title, subtitle, speaker, date — and the
lines that look like a title but are not one.

Rules, in order (each names itself in ``inspect --explain``):

- ``preamble``: a site's breadcrumb (``文库 -> 作者``) or banner (a short line with a
  sentence's stops that does not end as a sentence), an attachment's label (附件2), a
  provenance line (文章来自…), a
  file-name-like heading (``# 讲话稿_定稿.docx``) or a collection's index number
  (``80. 某某致辞``) above the real title is an editor's note, not the title.
- ``title``: the first title-like paragraph (short, no sentence end, not a greeting,
  date or numbered heading), or the one the markup marks; an English line right under a
  Chinese title is its translation and belongs to it.
- ``subtitle``: a dash line (——在某某会议上的讲话) or a count (（2篇）).
- ``byline``: the speaker — a name, a position and a name, a unit line, or a form field
  such as 支部名称：… / 发言人：….
- ``date``: a date line, bracketed or not.
- ``editor-note``: a lone quote or list item right under the title block (``* 这是…``)
  is an editor's note about the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from ..chars import COMPOUND_SURNAMES, HAN, HAN_RE, STOPS, SURNAMES
from . import cues
from .context import Context
from .ordinals import match_ordinal, piece_label
from .paragraphs import Kind, RawPara

#: Longest title line.
TITLE_MAX = 60
#: Longest unit/position line taken as the speaker when a date or name follows it.
UNIT_MAX = 20
#: Shortest title line that a title set on two lines breaks after.
TITLE_BROKEN_MIN = 8
#: How much longer than the first line a broken title's second line may be (lines set
#: even: 关于进一步加强基层 / 党组织建设工作的报告); a short line over a much longer
#: title is no part of it (欢迎关注本号 / 在某某会议上的讲话).
TITLE_LINE_SLACK = 3
#: A file name: an extension, or the underscores and version marks of saved drafts.
_FILE_NAME = re.compile(r"\.(?:docx?|txt|md|pdf|wps)$|_|(?:定稿|终稿|修改稿|初稿|v\d)$", re.I)
#: A half-width full stop ending a sentence (…取为0.05.): not a title.
_HALF_STOP_END = re.compile(rf"[{HAN}A-Za-z0-9”’）)][.．]$")
#: Most notes (breadcrumbs, provenance, file names) above the title; lines the source
#: marks as body text (a cover's form fields) do not count.
PREAMBLE_MAX = 4
#: Longest banner line of a sharing site above the title.
SITE_LINE_MAX = 40
#: Longest editor's note under the title.
EDITOR_NOTE_MAX = 600


@dataclass
class TitleBlock:
    """What stands above the text, found before the body is read (the body starts at ``end``)."""

    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    declared: int | None = None  # the count a subtitle announces: （2篇）
    preamble: list[int] = field(default_factory=list)  # notes above the title
    end: int = 0  # first paragraph after the block


def title_like(text: str) -> bool:
    return (
        2 <= len(text) <= TITLE_MAX
        and not cues.ends_terminal(text)
        and not _HALF_STOP_END.search(text)
        and not any(c in text for c in STOPS)
        and match_ordinal(text) is None
        and bool(HAN_RE.search(text))
        and not cues.is_structural(text)
        and not cues.is_form_field(text)
        and not cues.opens_with_hello(text)
    )


def _latin_line(text: str) -> bool:
    """A line in Latin letters (a translation): no Han character, four letters or more.
    Searched, not listed: a list of a paragraph's characters is 80 bytes a character."""
    return HAN_RE.search(text) is None and sum(1 for _ in islice(_LATIN_LETTER.finditer(text), 4)) == 4


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _joined(a: str, b: str) -> str:
    return a + " " + b


#: Titles a name may follow on a speaker line without a space (市委书记张三).
_POSITION = re.compile(rf"(?:{'|'.join(cues.POSITIONS)})\s*[{SURNAMES}][{HAN}]{{1,2}}$")


def named(text: str) -> bool:
    """A speaker line names a person: a position and a name (with or without a space
    between), 张三同志, or a bare name — two or three characters opening with a common
    surname, or three or four with a compound one. A short line of another kind (工作回顾,
    下步打算: a section title under the title) names no one."""
    t = text.strip()
    if cues.spaced_name(t) or t.endswith("同志") or _POSITION.search(t):
        return True
    if 2 <= len(t) <= 3 and t[0] in SURNAMES:
        return True
    return 3 <= len(t) <= 4 and t[:2] in COMPOUND_SURNAMES


def is_byline(text: str) -> bool:
    """A speaker line: a name, a position and a name, or a byline form field; never a line
    that ends as a speech's title or opens with a piece's label (范文一 在某某会上的发言)."""
    if cues.ends_like_a_title(text) or piece_label(text.strip()) is not None:
        return False
    return (cues.is_author_line(text) and named(text)) or cues.byline_field(text)


def _preamble_line(ctx: Context, k: int, source: str | None) -> str | None:
    """The rule that makes paragraph ``k`` a note above the title, if one does."""
    paras = ctx.paras
    p = paras[k]
    nxt = paras[k + 1] if k + 1 < len(paras) else None
    if nxt is None:
        return None
    if p.kind == Kind.NOTE:
        return "provenance"  # already an editorial note (provenance line)
    if p.kind == Kind.BODY:
        return "body-above-title"  # a cover's form field (项目编号：…) above the title
    if p.unmarked and cues.is_breadcrumb(p.text):
        return "breadcrumb"
    if p.unmarked and cues.is_attachment_label(p.text):
        return "attachment"  # 附件2 over the title: the label of an attached document
    if p.kind == Kind.RULE and k > 0 and cues.is_doc_number(paras[k - 1].text):
        return "document-head"  # the rule under the number
    if p.unmarked and (cues.is_doc_number(p.text) or cues.is_doc_mark(p.text)):
        return "document-head"  # 某政发〔2026〕12号, 机密★1年: an official document's head
    if p.unmarked and _over_doc_number(paras, k):
        return "document-head"  # 某某市人民政府文件: the issuer's mark over the number
    follows_title = nxt.kind in (None, Kind.TITLE) and title_like(nxt.text)
    if p.kind in (None, Kind.TITLE) and file_name_like(p.text, source) and _title_below(paras, k):
        return "file-name"
    if p.kind is None and follows_title and _site_line(p.text) and _over_text(paras, k + 2):
        return "site-line"  # a sharing site's banner (某某网，一键下载！) over the title
    if p.unmarked and nxt.kind == Kind.TITLE and _banner(p.text):
        return "site-line"  # a short line over the title the markup marks (点击蓝字 关注我们)
    if p.kind is None and follows_title and _banner(p.text) and _over_titled_speech(ctx, k):
        return "site-line"  # a short line over a speech's title, speaker and date
    o = match_ordinal(p.text)
    if p.unmarked and o is not None and o.scheme == "ar-dot" and o.number > 1 and follows_title:
        rest = p.text[len(o.text) :].strip()
        if rest and not cues.ends_terminal(rest):
            return "index-number"  # 80. 某某致辞: a collection's number, not a heading
    return None


#: Paragraphs at the top searched for a title block set in bold lines.
BOLD_TITLE_SCAN = 6


def bold_title_block(paras: list[RawPara]) -> None:
    """A post that sets its title block in bold lines (**在某某会上的讲话** / **职务　姓名**
    / **（日期）**), under nothing but short lines of the site's (点击蓝字 关注我们): the
    first bold line is the title, and the bold speaker, date and subtitle lines under it
    are its byline, not headings of the text. Only when the markup marks no title and the
    bold line says it is one: it ends as a manuscript's title does, or a byline or date
    follows it."""
    if any(p.kind == Kind.TITLE or p.level == 1 for p in paras[:BOLD_TITLE_SCAN]):
        return
    k = next((j for j, p in enumerate(paras[:BOLD_TITLE_SCAN]) if p.kind == Kind.BOLD_LINE), None)
    if k is None or not title_like(paras[k].text) or piece_label(paras[k].text.strip()) is not None:
        return  # (篇一：… in bold opens a collection's first piece)
    if any(not (p.unmarked and len(p.text) <= SITE_LINE_MAX and not cues.ends_terminal(p.text)) for p in paras[:k]):
        return  # text above it: the bold line is a heading of that text
    under = []
    for p in paras[k + 1 : k + 4]:
        t = p.text.strip()
        if p.kind not in (None, Kind.BOLD_LINE) or p.level is not None:
            break
        if not _field_line(t):
            break
        under.append(p)
    if not under and not cues.ends_like_a_title(paras[k].text):
        return
    paras[k].kind = Kind.TITLE
    for p in under:
        p.kind = None


def _site_line(text: str) -> bool:
    """A short line that is neither a title (it has a sentence's stops inside: 某某网，
    一键下载！立即体验) nor a sentence of the speech (it does not end as one), nor a
    greeting, date or speaker: the banner a sharing site puts over what it shares."""
    t = text.strip()
    return (
        len(t) <= SITE_LINE_MAX
        and not title_like(t)
        and any(c in t for c in STOPS + "，,")
        and not cues.ends_terminal(t)
        and t[-1] not in "：:，,、；;"
        and not cues.opens_with_hello(t)
        and not cues.is_date_line(t)
        and not is_byline(t)
        and match_ordinal(t) is None
    )


def _over_titled_speech(ctx: Context, k: int) -> bool:
    """Paragraph ``k`` stands over a whole title block: a line ending as a speech's title
    does (在某某会上的讲话) with a speaker, date, subtitle, editor's note or the salutation
    (同志们：) under it, and ``k`` itself is no such title. Not when such titles follow
    (a collection's name over its pieces), a table of contents lists it, or it is the
    first line of a title broken in two."""
    paras = ctx.paras
    if k + 2 >= len(paras):
        return False
    p = paras[k]
    return (
        p.unmarked
        and not cues.ends_like_a_title(p.text)
        and _speech_title(paras, k + 1)
        and not any(_speech_title(paras, j) for j in range(k + 3, len(paras)))  # a collection's pieces
        and not any(p.text.strip() in entry or entry in p.text for entry in ctx.toc)
        and not _title_goes_on(p.text.strip(), paras[k + 1], ctx.toc)  # the title's first line
    )


def _speech_title(paras: list[RawPara], k: int) -> bool:
    """Paragraph ``k`` is a speech's title over its block: it ends as titles do, and a
    speaker, date, subtitle, editor's note or the salutation stands under it."""
    if k + 1 >= len(paras):
        return False
    title, under = paras[k], paras[k + 1].text.strip()
    return (
        title.unmarked
        and cues.ends_like_a_title(title.text)
        and title_like(title.text)
        and (_field_line(under) or cues.is_greeting(under) or cues.is_provenance(under))
    )


def _field_line(text: str) -> bool:
    """A line of a title block under the title: the speaker, a date, a subtitle (dash or
    occasion)."""
    return is_byline(text) or cues.is_date_line(text) or cues.is_dash_subtitle(text) or cues.is_occasion_line(text)


def _banner(text: str) -> bool:
    """A short line that is not a sentence: above a title the markup marks, it is the
    site's, not the speech's (a speaker or date line stands under a title, not over it)."""
    t = text.strip()
    return (
        len(t) <= SITE_LINE_MAX
        and not cues.ends_terminal(t)
        and not cues.is_greeting(t)
        and cues.count_at_end(t) is None  # …材料（2篇）: a collection's title
    )


def _over_text(paras: list[RawPara], k: int) -> bool:
    """Paragraph ``k`` is running text (a title stands over it): not one more short line."""
    if k >= len(paras):
        return False
    p = paras[k]
    return p.unmarked and (cues.ends_terminal(p.text) or len(p.text) > TITLE_MAX)


def _over_doc_number(paras: list[RawPara], k: int) -> bool:
    """Paragraph ``k`` is a short line right over a document's number: the issuer's mark."""
    t = paras[k].text.strip()
    return (
        k + 1 < len(paras)
        and len(t) <= SITE_LINE_MAX
        and not cues.ends_terminal(t)
        and paras[k + 1].unmarked
        and cues.is_doc_number(paras[k + 1].text)
    )


def _title_below(paras: list[RawPara], k: int) -> bool:
    """A title follows paragraph ``k``, past the notes above it (来源：… under a file name)."""
    j = next((j for j in range(k + 1, min(len(paras), k + 1 + PREAMBLE_MAX)) if paras[j].kind != Kind.NOTE), None)
    return (
        j is not None
        and paras[j].kind in (None, Kind.TITLE)
        and title_like(paras[j].text)
        and (paras[j].kind == Kind.TITLE or not is_byline(paras[j].text))
    )


def file_name_like(text: str, source: str | None) -> bool:
    """A line naming the file (讲话稿_定稿.docx, or the source's own stem): the saved
    draft's name over the text, not its title."""
    t = text.strip()
    if source:
        stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem and t == stem:
            return True
    return bool(_FILE_NAME.search(t)) and len(t) <= TITLE_MAX


def split_title_block(ctx: Context, source: str | None = None) -> TitleBlock:
    """Title, subtitle, author and date at the top (and the notes above them)."""
    paras = ctx.paras
    tb = TitleBlock()
    n = len(paras)
    i = 0
    notes = 0
    while i < n and notes < PREAMBLE_MAX:
        rule = _preamble_line(ctx, i, source)
        if rule is None:
            break
        if paras[i].kind == Kind.BODY:
            ctx.why(paras[i].line, rule, "text above the title", paras[i].text)
        elif paras[i].kind == Kind.RULE:
            ctx.why(paras[i].line, rule, "rule above the title", paras[i].text)
        else:
            paras[i].kind, paras[i].level = Kind.NOTE, None
            notes += rule != "document-head"  # a document's head has its own few lines
            ctx.why(paras[i].line, rule, "editorial note above the title", paras[i].text)
        tb.preamble.append(i)
        i += 1
    if i >= n:
        start = tb.preamble[0] if tb.preamble else i
        tb.preamble.clear()
        return _done(tb, start)
    first = paras[i]
    if first.kind != Kind.TITLE and (
        first.kind is not None or first.level is not None or n - i < 2 or not title_like(first.text)
    ):
        start = tb.preamble[0] if tb.preamble else i
        tb.preamble.clear()  # no title to stand above: the notes are the body's, in place
        return _done(tb, start)
    if _opens_first_piece(paras, i):
        start = tb.preamble[0] if tb.preamble else i
        tb.preamble.clear()  # a collection without a name: the notes are the first piece's
        return _done(tb, start)
    tb.title = first.text
    ctx.place(i)
    ctx.why(first.line, "title", "document title", first.text)
    i += 1
    if i < n and _issuer_over_subject(tb.title, paras[i]):
        tb.title += paras[i].text.strip()
        ctx.place(i)
        ctx.why(paras[i].line, "title-issuer", "the title's subject under its issuer", paras[i].text)
        i += 1
    elif i < n and _title_goes_on(tb.title, paras[i], ctx.toc):
        tb.title += paras[i].text.strip()
        ctx.place(i)
        ctx.why(paras[i].line, "title-continued", "second line of the title", paras[i].text)
        i += 1
    elif i < n and _second_phrase(tb.title, ctx.paras, i, ctx.toc):
        tb.title += TITLE_PHRASE_SEPARATOR + paras[i].text.strip()
        ctx.place(i)
        ctx.why(paras[i].line, "title-two-lines", "second line of a two-line title", paras[i].text)
        i += 1
    if i < n and paras[i].unmarked and _latin_line(paras[i].text) and not _latin_line(tb.title):
        tb.title = _joined(tb.title, paras[i].text)
        ctx.place(i)
        ctx.why(paras[i].line, "title-translation", "part of the title", paras[i].text)
        i += 1
    i = read_byline(ctx, i, n, tb, ("subtitle", "author", "date"))
    if tb.subtitle is not None:
        tb.declared = cues.is_count_line(tb.subtitle)
    if tb.declared is None:
        tb.declared = cues.count_at_end(tb.title)
    return _done(tb, i)


def _opens_first_piece(paras: list[RawPara], i: int) -> bool:
    """范文1：在某某会上的讲话 at the top, with 范文2 further on, a title over its salutation
    that recurs, or the first of the titled parts between rule lines: the first piece of a
    collection that has no name of its own, not the document's title."""
    first = piece_label(paras[i].text.strip())
    if first is None or first[1] != 1:
        return (_saluted(paras, i) and saluted_starts(paras, i)[:1] == [i]) or bool(ruled_part_starts(paras, i))
    return any((lab := piece_label(p.text.strip())) is not None and lab[1] == 2 for p in paras[i + 1 :])


def _saluted(paras: list[RawPara], k: int) -> bool:
    """Line ``k`` is a title over a salutation that ends with its colon (国旗下讲话：珍惜
    时间 / 老师们，同学们：), and no speaker's name."""
    if k + 1 >= len(paras):
        return False
    p, q = paras[k], paras[k + 1]
    under = q.text.strip()
    return (
        p.kind in (None, Kind.TITLE)
        and q.unmarked
        and under.endswith(("：", ":"))
        and cues.is_greeting(under)
        and title_like(p.text)
        and not is_byline(p.text)
    )


def saluted_starts(paras: list[RawPara], i: int) -> list[int]:
    """Titles over their salutations from ``i`` on that open a collection's pieces: two or
    more, whose titles share a form (国旗下讲话：珍惜时间 / 国旗下讲话：学会感恩) or each of
    which, after the first, follows the end of a piece (a closing, 谢谢大家！, or a rule).
    A letter quoted in a speech (致家长的一封信 / 尊敬的家长朋友们：) is neither."""
    found = [k for k in range(i, len(paras) - 1) if _saluted(paras, k)]
    if len(found) < 2:
        return []
    titles = [paras[k].text.strip() for k in found]
    alike = all(cues.alike_titles(titles[0], t) for t in titles[1:])
    ended = all(paras[k - 1].kind == Kind.RULE or cues.is_closing(paras[k - 1].text) for k in found[1:])
    return found if alike or ended else []


def ruled_part_starts(paras: list[RawPara], i: int) -> list[int]:
    """Parts between rule lines (``******``, ``——————``) from ``i`` on, each opening with a
    title over its salutation, speaker or date: a collection's pieces, where they start.
    Every part must open so, the first one too (a rule inside one speech divides nothing);
    none without a rule. The first part is looked at before the rules are sought: most
    documents stop there."""
    first = _past_rules(paras, i)
    if first + 1 < len(paras) and not _opens_part(paras, first):
        return []
    opens = [i] + [k + 1 for k in range(i, len(paras)) if paras[k].kind == Kind.RULE]
    if len(opens) < 2:
        return []
    found: list[int] = []
    for k in (_past_rules(paras, j) for j in opens):  # (rules in a row open one part)
        if k + 1 >= len(paras) or (found and found[-1] == k):
            continue  # a rule at the end opens nothing
        if not _opens_part(paras, k):
            return []
        found.append(k)
    return found if len(found) >= 2 else []


def _past_rules(paras: list[RawPara], k: int) -> int:
    while k < len(paras) and paras[k].kind == Kind.RULE:
        k += 1
    return k


def _opens_part(paras: list[RawPara], k: int) -> bool:
    """Line ``k`` is a title over its salutation, speaker or date."""
    p, under = paras[k], paras[k + 1]
    return (
        p.kind in (None, Kind.TITLE)
        and title_like(p.text)
        and under.unmarked
        and (cues.is_greeting(under.text) or is_byline(under.text) or cues.is_date_line(under.text))
    )


def _issuer_over_subject(title: str, p: RawPara) -> bool:
    """An official document's title set as its issuer on one line and 关于… on the next
    (某某市人民政府 / 关于加快推进某某工作的实施意见): one title, as GB/T 9704 writes it."""
    t = p.text.strip()
    return (
        p.unmarked
        and cues.is_org_line(title)
        and t.startswith("关于")
        and title_like(t)
        and len(title) + len(t) <= TITLE_MAX
    )


def _title_goes_on(title: str, p: RawPara, toc: tuple[str, ...]) -> bool:
    """A long title set on two lines (在全市优化营商环境暨作风建设 / 大会上的讲话): the
    first is long enough to have been broken and about as long as the second, which ends as
    a manuscript's title ends while the first does not, and is neither a date, a speaker,
    a piece's label nor a piece the table of contents lists (年度讲话汇编 / 在春季会议上的
    讲话: a collection's first piece); a title that ends with its count (…（2篇）) is whole."""
    t = p.text.strip()
    return (
        p.unmarked
        and len(title) >= TITLE_BROKEN_MIN
        and len(title) + TITLE_LINE_SLACK >= len(t)  # the first line ran (about) full before the break
        and not re.search(r"[\s\u3000]", title)  # 内部资料　注意保存: phrases of their own, not half a title
        and cues.count_at_end(title) is None  # …材料（2篇）: the count ends the title
        and piece_label(t) is None  # 篇一：… opens the first piece
        and not any(t in entry or entry in t for entry in toc)
        and len(t) <= UNIT_MAX
        and len(title) + len(t) <= TITLE_MAX
        and title_like(t)
        and cues.ends_like_a_title(t)
        and not cues.ends_like_a_title(title)
        and not cues.is_date_line(t)
        and not is_byline(t)
    )


#: Between the two phrases of a title set on two lines (坚定信心　接续奋斗 / 奋力谱写新篇章):
#: a full-width space, as a one-line setting of such a title has.
TITLE_PHRASE_SEPARATOR = "\u3000"


def _second_phrase(title: str, paras: list[RawPara], i: int, toc: tuple[str, ...]) -> bool:
    """A report's title in two phrases, one a line (坚定信心　接续奋斗 / 奋力谱写现代化
    建设新篇章), over its dash subtitle (——在某某代表大会上的报告): the line under the
    first is a title's phrase too, and the subtitle under both says the block goes on. Not
    when the first ends as a manuscript's title does (a collection's name over its first
    piece) or the pair opens a piece again further on."""
    if i + 1 >= len(paras):
        return False
    p, under = paras[i], paras[i + 1]
    t = p.text.strip()
    return (
        p.unmarked
        and under.unmarked
        and cues.is_dash_subtitle(under.text.strip())
        and title_like(t)
        and len(title) + len(t) < TITLE_MAX
        and not cues.ends_like_a_title(title)
        and not cues.ends_like_a_title(t)
        and not is_byline(t)
        and not any(t in entry or entry in t for entry in toc)
        and not _titled_piece_recurs(paras, i, len(paras))
    )


def _done(tb: TitleBlock, i: int) -> TitleBlock:
    tb.end = i
    return tb


_SLOT_ORDER = {"subtitle": 1, "author": 2, "date": 3}


def _bracketed_speaker(text: str) -> bool:
    """（市场营销部）, （第二党支部　张某）, （发言人：张某）: who speaks, in brackets under
    the title — a unit, a unit and a name, or a byline field."""
    t = text.strip()
    if not (t[:1] in "（(" and t[-1:] in "）)") or len(t) > 32:
        return False
    inner = t[1:-1].strip()
    return (
        cues.is_org_line(inner)
        or cues.is_unit_and_name(inner)
        or cues.byline_field(inner)
        or (
            re.fullmatch(f"[{HAN}]{{4,20}}", inner) is not None
            and inner.endswith(cues.WORKPLACE_ENDS)
            and not inner.endswith("干部")
        )
    )


def read_byline(ctx: Context, i: int, end: int, meta: TitleBlock, order: tuple[str, ...]) -> int:
    """Subtitle, author and date lines from ``i``, in that order, each at most once;
    English translation lines join the line they translate. Returns the next index.

    A note between them (来源：某某日报 under the title) ends the block: the model keeps
    the manuscript's order, and the title block has no place for a note."""
    paras = ctx.paras
    pos = 0
    last: str | None = None
    while i < end:
        p = paras[i]
        t = p.text
        if p.level is not None or p.kind not in (None, Kind.SUBTITLE, Kind.QUOTE):
            break
        quoted = p.kind == Kind.QUOTE  # a blog's byline set as a quote (> 张三 / > 2024年…)
        if last in ("subtitle", "author") and _latin_line(t) and not quoted:
            setattr(meta, last, _joined(getattr(meta, last), t))
            ctx.place(i)
            ctx.why(p.line, f"{last}-translation", f"part of the {last}", t)
            i += 1
            continue
        both = _speaker_and_date(t) if pos < 2 and "author" in order and "date" in order else None
        if both is not None:
            meta.author, meta.date = both
            ctx.place(i)
            ctx.why(p.line, "byline-dated", "author and date", t)
            pos, last = _SLOT_ORDER["date"], "date"
            i += 1
            continue
        slot = None
        if quoted and not (is_byline(t) or cues.is_date_line(t) or _dated_field(t)):
            break
        if pos < 1 and (
            p.kind == Kind.SUBTITLE
            or cues.is_count_line(t) is not None
            or cues.is_dash_subtitle(t)
            or cues.is_occasion_line(t)
        ):
            slot = "subtitle"
        elif pos < 2 and _titled_piece_recurs(paras, i, end):
            break  # a piece's title and date, not the speaker's: the collection starts here
        elif pos < 2 and ((is_byline(t) and i + 1 < end) or _unit_line(paras, i, end)):
            slot = "author"
        elif pos < 2 and (cues.is_org_line(t) or _bracketed_speaker(t)) and i + 1 < end:
            slot = "author"  # the body that reports, under the title or subtitle (市发展和改革委员会, （市场营销部）)
        elif pos < 3 and (cues.is_date_line(t) or _dated_field(t)):
            slot = "date"
        elif (
            last == "date"
            and meta.author is None
            and is_byline(t)
            and i + 1 < end
            and not _titled_piece_recurs(paras, i, end)
        ):
            slot = "author"  # the speaker under the date: （2024年1月10日） / 张三
        if slot is None or slot not in order:
            break
        setattr(meta, slot, t)
        ctx.place(i)
        ctx.why(p.line, "byline" if slot == "author" else slot, slot, t)
        pos = max(pos, _SLOT_ORDER[slot])
        last = slot
        i += 1
    return i


_DATE_FIELD = re.compile(rf"^[{HAN}]{{0,4}}(?:日期|时间)[：:]\s*(.+)$")


def _dated_field(text: str) -> bool:
    """发布时间：2026-03-15 / 日期：2026年1月5日: a date under its label."""
    m = _DATE_FIELD.match(text.strip())
    return m is not None and cues.is_date_line(m.group(1))


_NAME_THEN_BRACKET = re.compile(r"(.+?)\s*([（(][^（）()]+[）)])")


def _speaker_and_date(text: str) -> tuple[str, str] | None:
    """李明（2024年3月1日）: the speaker and the date on one line, as two fields."""
    m = _NAME_THEN_BRACKET.fullmatch(text.strip())
    if m is None or not cues.is_date_line(m.group(2)) or not is_byline(m.group(1)):
        return None
    return m.group(1), m.group(2)


def titled_piece(paras: list[RawPara], k: int) -> bool:
    """A short line over a bracketed date (（五月二日）), a dash subtitle (——张三同志在
    某某会上的发言) or its speaker (张三, 市委办公室　张三), or a speech's title over its
    salutation (在某某会上的讲话 / 同志们：): how a piece of a collection opens when it
    recurs. (Other titles over a salutation: :func:`saluted_starts`.)"""
    if k + 1 >= len(paras):
        return False
    p, q = paras[k], paras[k + 1]
    under = q.text.strip()
    return (
        q.unmarked
        and (
            (under[:1] in "（(" and cues.is_date_line(under))
            or cues.is_dash_subtitle(under)
            or is_byline(under)
            or (cues.is_greeting(under) and cues.ends_like_a_title(p.text))
        )
        and p.kind in (None, Kind.TITLE)
        and title_like(p.text.replace("\u3000", ""))
    )


def _titled_piece_recurs(paras: list[RawPara], i: int, end: int) -> bool:
    """Line ``i`` and the line under it open a piece when another such pair follows."""
    return titled_piece(paras, i) and any(titled_piece(paras, k) for k in range(i + 2, end))


def _unit_line(paras: list[RawPara], i: int, end: int) -> bool:
    """A unit or position line (中华人民共和国主席) directly followed by a date or name."""
    t = paras[i].text
    if not (2 <= len(t) <= UNIT_MAX and re.fullmatch(f"[{HAN}·（）()\\s]+", t)) or match_ordinal(t):
        return False
    if cues.is_date_line(t):
        return False  # （一九四二年五月）: a date written in numerals, no unit
    j = i + 1
    while j < end and _latin_line(paras[j].text):
        j += 1
    return j < end and (cues.is_date_line(paras[j].text) or cues.is_author_line(paras[j].text))


def editor_note(ctx: Context, i: int, end: int) -> int:
    """A lone quote or list item right under the title block: an editor's note."""
    paras = ctx.paras
    if i >= end:
        return i
    p = paras[i]
    nxt = paras[i + 1] if i + 1 < end else None
    lone = nxt is None or nxt.kind not in (Kind.QUOTE, Kind.LIST_ITEM)
    if p.kind in (Kind.QUOTE, Kind.LIST_ITEM) and len(p.text) <= EDITOR_NOTE_MAX and lone:
        p.kind = Kind.NOTE
        ctx.why(p.line, "editor-note", "editorial note", p.text)
    return i
