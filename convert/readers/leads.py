"""Lead sentences: where a paragraph's first sentence ends, and which unnumbered
paragraphs open with a lead that a typesetter would set as a run-in heading.

Reports state their points as short sentences that open sibling paragraphs
(``实施更大规模的减税。`` then the detail); in the original they were bold, in the text
they are found as a *series*: several consecutive siblings, each opening with a short
complete sentence of the same form. One such paragraph alone is just a paragraph.
Precision first: every member of a series must pass, and the tests look only at form
(length, punctuation, how the sentence opens), never at wording.

Around a series: a member that drops the series' shared opening (某某的第六条是： →
第七条是：) still belongs to it (:func:`elided`); 最后一个问题是… after it closes it
(:func:`_closing_member`); an address (各位代表！) is never a lead. Questions that stand
alone on their lines, each answered by the paragraphs after it, head those answers
(:func:`_question_series`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import CLOSE_BRACKETS, COMPOUND_SURNAMES, HAN, OPEN_BRACKETS, SENTENCE_END
from . import cues
from .cues import is_greeting
from .ordinals import CN_NUM, LAST, match_ordinal

#: Closing marks that may follow a sentence end and belong to the sentence (。” 。）).
_AFTER_END = "”’）》」』"
#: Quotes that close a quoted sentence (“…。”).
_CLOSING_QUOTES = "”’」』"
#: A colon this close to the start ends a lead (一是：… 第一条罪状是：…).
COLON_LEAD_MAX = 40
#: The characters :func:`lead_sentence` stops at; it jumps over everything else.
_MARKS = re.compile("[" + re.escape(OPEN_BRACKETS + CLOSE_BRACKETS + SENTENCE_END + "：:.") + "]")

#: Shortest and longest lead of an unnumbered series (实施更大规模的减税。).
SERIES_LEAD_MIN = 4
SERIES_LEAD_MAX = 18
#: Longest one-clause lead that may still be a member of a series two shorter ones make
#: (坚持把解决好“三农”问题作为全部工作的重中之重。 before 切实加强和改善宏观调控。).
LONG_LEAD_MAX = 30
#: Fewest members of a series of its own leads' length, the long ones aside.
SHORT_MEMBERS_MIN = 2
#: Longest lead of two clauses (继续实施积极的财政政策，适当调整政策力度。), a member
#: only of a series that its one-clause siblings make.
TWO_CLAUSE_LEAD_MAX = 24
#: A quoted lead (“文艺的基本出发点是爱，是人类之爱。”) may be longer.
QUOTED_LEAD_MAX = 50
#: The paragraph must go on after its lead by at least this much.
SERIES_REST_MIN = 20
#: Fewest consecutive leads that make a series on their own.
SERIES_MIN = 3
#: Longest lead of a parallel series (排比: leads that share their opening and their end).
PARALLEL_LEAD_MAX = 40
#: How far the lengths of parallel leads may differ.
PARALLEL_SPREAD = 6
#: Words that open a spoken or argued sentence rather than a stated point: a lead never
#: starts with a pronoun, a connective or a hedge.
DISCOURSE_OPENERS = (
    "我",
    "你",
    "您",
    "他",
    "她",
    "它",
    "这",
    "那",
    "但是",
    "可是",
    "而且",
    "而是",
    "因为",
    "因此",
    "所以",
    "如果",
    "假如",
    "于是",
    "不过",
    "其实",
    "当然",
    "总之",
    "同时",
    "与此同时",
    "另外",
    "还有",
    "也就是",
    "就是",
    "对于",
    "关于",
    "至于",
    "比如",
    "例如",
    "什么",
    "怎么",
    "为什么",
    "是否",
    "有的",
    "有些",
    "有人",
)


def lead_sentence(text: str, start: int = 0) -> int | None:
    """End index (exclusive) of the first sentence, ignoring stops inside quotes/brackets;
    a quoted sentence that ends inside its quotes (“…。”) ends there; an English sentence
    ends at ``. `` before a capital; a colon close to the start ends a lead."""
    depth = 0
    n = len(text)
    m = _MARKS.search(text, start)
    while m is not None:
        i = m.start()
        ch = text[i]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
            if depth == 0 and ch in _CLOSING_QUOTES and i > start and text[i - 1] in SENTENCE_END:
                return i + 1
        elif depth == 0 and ch in SENTENCE_END:
            j = i + 1
            while j < n and text[j] in _AFTER_END:
                j += 1
            return j
        elif depth == 0 and ch == "." and i + 2 < n and text[i + 1] == " " and text[i + 2].isupper():
            if i > start and text[i - 1].isalnum() and text[i - 1].isascii():
                return i + 1
        elif depth == 0 and ch in "：:" and i - start <= COLON_LEAD_MAX and i + 1 < n:
            return i + 1
        m = _MARKS.search(text, i + 1)
    return None


@dataclass(frozen=True)
class Lead:
    """A lead sentence found at a paragraph's start, and what kind of lead it is."""

    end: int  # where the lead ends in the paragraph's text
    text: str
    quoted: bool = False
    own_line: bool = False  # the whole paragraph: a heading on its own line
    two_clause: bool = False  # 继续实施积极的财政政策，适当调整政策力度。: only inside a series
    long: bool = False  # one clause, longer than a series' own: only with two that are not
    rule: str = "lead-series"  # the rule that found it, for ``inspect --explain``


#: A tag in square brackets opening a paragraph (【主持人】, 【案例】): a transcript's
#: speaker or a label of the text's, never part of a lead sentence.
_TAG = re.compile(r"^[【\[〖][^】\]〗]{1,12}[】\]〗]")


def series_lead(text: str) -> Lead | None:
    """The lead a paragraph would give to an unnumbered series, if its form allows one."""
    end = lead_sentence(text)
    if end is None or len(text) - end < SERIES_REST_MIN or _TAG.match(text):
        return None
    lead = text[:end]
    quoted = lead[0] in "“「『"
    if quoted:
        ok = len(lead) <= QUOTED_LEAD_MAX and lead[-1] in "。！”」』" and ("。" in lead[-2:] or "！" in lead[-2:])
        return Lead(end, lead, quoted=True) if ok else None
    if lead[-1] not in "。！" or lead.startswith(DISCOURSE_OPENERS) or is_greeting(lead):
        return None
    if any(c in lead for c in "：:；;？?（）()"):
        return None
    clauses = lead[:-1].split("，")
    if len(clauses) == 1 and "," not in lead and SERIES_LEAD_MIN <= len(lead) <= SERIES_LEAD_MAX:
        return Lead(end, lead)
    if len(clauses) == 1 and "," not in lead and len(lead) <= LONG_LEAD_MAX:
        return Lead(end, lead, long=True)
    if len(clauses) == 2 and len(lead) <= TWO_CLAUSE_LEAD_MAX and min(map(len, clauses)) >= SERIES_LEAD_MIN:
        return Lead(end, lead, two_clause=True)
    return None


def parallel_lead(text: str) -> Lead | None:
    """The lead of a parallel series (排比段首句): a first sentence up to
    :data:`PARALLEL_LEAD_MAX`, with more text after it."""
    end = lead_sentence(text)
    if end is None or end > PARALLEL_LEAD_MAX or len(text) < end + 10 or is_greeting(text[:end]) or _TAG.match(text):
        return None  # 各位代表！ opening paragraph after paragraph is an address, not a point
    return Lead(end, text[:end])


def parallel(a: str, b: str) -> bool:
    """Two leads are parallel when they open with the same two characters, end the same
    way, and their lengths are close (排比)."""
    return a[:2] == b[:2] and a[-1:] == b[-1:] and abs(len(a) - len(b)) <= PARALLEL_SPREAD


#: A numeral inside a lead (党组的第一项任务是：): what changes from one member to the next.
_NUMERAL = re.compile(rf"{CN_NUM}+|\d+")
#: Shortest elided lead that still says what its series says (第七条罪状是：).
ELIDED_MIN = 4


def elided(a: str, b: str) -> bool:
    """``b`` continues the series of ``a`` with the shared opening left out: the same
    numbered lead, shortened (某某的第六项任务是： → 第七项任务是：). Both hold a
    numeral and differ in it; what is left of ``b`` ends ``a``."""
    nb = _NUMERAL.findall(b)
    if not nb or _NUMERAL.findall(a)[-len(nb) :] == nb:
        return False
    ra, rb = _NUMERAL.sub("#", a), _NUMERAL.sub("#", b)
    return len(rb) >= ELIDED_MIN and len(rb) < len(ra) and ra.endswith(rb) and rb.startswith(("第", "#"))


def _echo(a: str, b: str) -> bool:
    """Two short leads that end with the same two characters (立场问题。/态度问题。)."""
    return len(a) >= 3 and a[-3:-1] == b[-3:-1] and a[-1] == b[-1]


def find_series(texts: list[str], whole: bool) -> dict[int, Lead]:
    """Leads of the sibling paragraphs ``texts`` (indexes into it): the stretches of
    consecutive paragraphs that open alike. ``whole``: the texts are all the body of their
    section, so two leads that make up all of it are a series too. Linear in the texts."""
    found: dict[int, Lead] = {}
    _stretches(texts, series_lead, found, whole)
    _parallel_stretches(texts, found)
    _closing_member(texts, found)
    _question_series(texts, found)
    _sentence_titles(texts, found)
    _label_stretches(texts, found, whole)
    return found


#: Verbs that introduce what someone said (总书记指出：…, 文件强调：…): a quotation
#: follows them, not the point of a series. (要求 is not one: 总体要求：… is a label.)
SAYING = (
    "指出",
    "强调",
    "说",
    "说过",
    "讲",
    "讲过",
    "认为",
    "提出",
    "表示",
    "写道",
    "谈到",
    "告诫",
    "称",
)


#: A short label that opens a paragraph before a colon (规划引领：…, 组织保障：…): its
#: length in characters. Shorter is a name (张华：, a speaker's turn).
LABEL_LEAD_MIN = 4
LABEL_LEAD_MAX = 10
_LABEL_LEAD = re.compile(rf"^([{HAN}]{{{LABEL_LEAD_MIN},{LABEL_LEAD_MAX}}})[：:]")


def label_lead(text: str) -> Lead | None:
    """The label a paragraph opens with (项目带动：), when it is no form's field, no
    speaker's name and no spoken opening, and the paragraph goes on after it."""
    m = _LABEL_LEAD.match(text)
    if m is None or len(text) - m.end() < SERIES_REST_MIN:
        return None
    label = m.group(1)
    if (
        cues.is_form_field(text[: m.end()])
        or label.startswith(DISCOURSE_OPENERS)
        or label[:2] in COMPOUND_SURNAMES
        or label.endswith(SAYING)
    ):
        return None
    return Lead(m.end(), text[: m.end()], rule="label-series")


def _label_stretches(texts: list[str], found: dict[int, Lead], whole: bool) -> None:
    """Consecutive paragraphs that each open with a label and a colon, every label a
    different one (the same name again is a speaker's turn): leads, at least
    :data:`SERIES_MIN` of them, or two that make up the whole section."""
    run: list[tuple[int, Lead]] = []

    def close() -> None:
        labels = {lead.text for _, lead in run}
        if len(labels) == len(run) and (len(run) >= SERIES_MIN or (len(run) == 2 == len(texts) and whole)):
            for k, lead in run:
                found.setdefault(k, lead)
        run.clear()

    for k, t in enumerate(texts):
        lead = None if k in found else label_lead(t)
        if lead is None:
            close()
        else:
            run.append((k, lead))
    close()


#: Longest one-sentence paragraph that titles the paragraphs under it.
SENTENCE_TITLE_MAX = 25


def _title_sentence(text: str) -> bool:
    """A paragraph that is one short sentence and nothing more (担当是对自己负责。)."""
    t = text.rstrip()
    return SERIES_LEAD_MIN <= len(t) <= SENTENCE_TITLE_MAX and lead_sentence(t) == len(t) and t[-1] in "。！"


def _sentence_titles(texts: list[str], found: dict[int, Lead]) -> None:
    """Parallel one-sentence paragraphs (排比), each over paragraphs of its own (担当是对
    自己负责。 / 担当是对他人负责。 / 担当是对集体负责。, each then explained): the titles
    of the sections they open, set on their own lines. At least :data:`SERIES_MIN` of
    them, each parallel to the first, none a greeting or closing, no other such sentence
    between them."""
    own = [
        k
        for k, t in enumerate(texts)
        if k not in found
        and _title_sentence(t)
        and k + 1 < len(texts)
        and not _title_sentence(texts[k + 1])
        and len(texts[k + 1]) >= SERIES_REST_MIN
        and not is_greeting(t)
        and not t.startswith(DISCOURSE_OPENERS)
    ]
    run: list[int] = []
    for k in [*own, None]:
        if k is not None and (not run or parallel(texts[run[0]].rstrip(), texts[k].rstrip())):
            run.append(k)
            continue
        if len(run) >= SERIES_MIN:
            for j in run:
                t = texts[j].rstrip()
                found[j] = Lead(len(t), t, own_line=True, rule="sentence-titles")
        run = [k] if k is not None else []


#: Longest question that stands as a section's title (错误是纠正还是测试？).
QUESTION_MAX = 40
#: …and the longest question that leads a paragraph of the same series.
QUESTION_LEAD_MAX = 20
#: Fewest questions on lines of their own that make a series of them.
QUESTION_SERIES_MIN = 3


def _question(text: str) -> bool:
    """A question alone in its paragraph: one sentence that ends with a question mark."""
    t = text.rstrip()
    return len(t) <= QUESTION_MAX and t[-1:] in "？?" and not any(c in t[:-1] for c in SENTENCE_END)


def _question_series(texts: list[str], found: dict[int, Lead]) -> None:
    """Sibling paragraphs that are questions on their own line, each answered by the
    paragraphs after it: the questions are the titles of what answers them (a Q&A
    outline). A paragraph among them that opens with a short question leads with it."""
    own = [k for k, t in enumerate(texts) if _question(t) and k + 1 < len(texts) and not _question(texts[k + 1])]
    if len(own) < QUESTION_SERIES_MIN or any(k in found for k in own):
        return
    for k in own:
        t = texts[k].rstrip()
        found[k] = Lead(len(t), t, own_line=True, rule="question-series")
    for k in range(own[0] + 1, own[-1]):
        if k in found or k in own:
            continue
        end = lead_sentence(texts[k])
        if (
            end is not None
            and end <= QUESTION_LEAD_MAX
            and texts[k][end - 1] in "？?"
            and len(texts[k]) - end >= SERIES_REST_MIN
        ):
            found[k] = Lead(end, texts[k][:end])


#: Leads of a series that must come before its closing member (最后一个问题是…).
CLOSED_SERIES_MIN = 2


def _closing_member(texts: list[str], found: dict[int, Lead]) -> None:
    """最后一点 / 最后一个问题是… after a series of leads among the same siblings closes
    that series: its first sentence (or first clause) is the series' last lead."""
    if len(found) < CLOSED_SERIES_MIN:
        return
    last = max(found)
    for k in range(last + 1, len(texts)):
        t = texts[k]
        o = match_ordinal(t)
        if o is None or o.number != LAST:
            continue
        end = lead_sentence(t, len(o.text))
        if end is None or end > PARALLEL_LEAD_MAX:
            comma = t.find("，", len(o.text))
            end = comma + 1 if 0 < comma < PARALLEL_LEAD_MAX else None
        if end is not None and len(t) - end >= SERIES_REST_MIN:
            found[k] = Lead(end, t[:end])
        return


def _stretches(texts: list[str], lead_of, found: dict[int, Lead], whole: bool) -> None:
    run: list[tuple[int, Lead]] = []

    def close() -> None:
        if not run:
            return
        quoted = [r for r in run if r[1].quoted]
        plain = [r for r in run if not r[1].quoted]
        for group in (quoted, plain):
            for part in _with_two_clause_members(group):
                part = _without_preface(part)
                short = sum(1 for _, lead in part if not lead.long)
                if short >= SHORT_MEMBERS_MIN and _series_ok(part, whole and _all_but_a_preface(part, texts)):
                    found.update(part)
        run.clear()

    for k, t in enumerate(texts):
        lead = lead_of(t)
        if lead is None or (run and run[-1][1].quoted != lead.quoted):
            close()
        if lead is not None:
            run.append((k, lead))
    close()


def _all_but_a_preface(part: list[tuple[int, Lead]], texts: list[str]) -> bool:
    """The leads open every paragraph of the section, or every one after its first (the
    section's preface: 过去一年，…取得显著成绩。 over 工业稳步增长。… 农业再获丰收。…)."""
    return len(part) == len(texts) or (len(part) == len(texts) - 1 and part[0][0] == 1)


def _with_two_clause_members(group: list[tuple[int, Lead]]) -> list[list[tuple[int, Lead]]]:
    """A run whose two-clause members each stand between one-clause ones, so that the
    series goes on across them; else the runs of one-clause leads between them (a
    two-clause sentence that opens or closes a run is the section's opening or summing
    up: 过去一年，极不平凡。)."""
    inside = all(
        0 < i < len(group) - 1 and not group[i - 1][1].two_clause and not group[i + 1][1].two_clause
        for i, (_, lead) in enumerate(group)
        if lead.two_clause
    )
    if inside:
        return [group]
    parts: list[list[tuple[int, Lead]]] = [[]]
    for member in group:
        if member[1].two_clause:
            parts.append([])
        else:
            parts[-1].append(member)
    return [p for p in parts if p]


#: A section's first paragraph whose first sentence is this many times as long as every
#: lead after it opens the section (新征程对政府工作提出新的更高要求。 over 坚持依法
#: 行政。 坚持廉洁从政。): it is the section's preface, not one of its points.
PREFACE_RATIO = 2


def _without_preface(group: list[tuple[int, Lead]]) -> list[tuple[int, Lead]]:
    """The series without the section's preface, when its first member is one."""
    if len(group) < 3 or group[0][0] != 0:
        return group
    rest = max(len(lead.text) for _, lead in group[1:])
    return group[1:] if len(group[0][1].text) >= PREFACE_RATIO * rest else group


def _series_ok(group: list[tuple[int, Lead]], whole: bool) -> bool:
    if len(group) >= SERIES_MIN:
        return True
    if len(group) == 2:
        a, b = group[0][1].text, group[1][1].text
        return whole or parallel(a, b) or _echo(a, b)
    return False


def _continues(run: list[tuple[int, Lead]], lead: str) -> bool:
    """A lead goes on with a parallel run when it opens and ends like its first member,
    or repeats the last member's numbered lead without the shared opening."""
    return parallel(run[0][1].text, lead) or elided(run[-1][1].text, lead)


def _parallel_stretches(texts: list[str], found: dict[int, Lead]) -> None:
    """Three or more consecutive leads sharing their opening and end (两个字 and 。/：), or
    two dash leads (——坚持…。), a series marker in themselves."""
    run: list[tuple[int, Lead]] = []

    def close() -> None:
        leads = [r[1].text for r in run]
        needed = 2 if leads and leads[0].startswith("—") else SERIES_MIN
        if len(run) >= needed and max(map(len, leads)) - min(map(len, leads)) <= PARALLEL_SPREAD:
            for k, lead in run:
                found.setdefault(k, lead)
        run.clear()

    for k, t in enumerate(texts):
        lead = parallel_lead(t)
        if lead is None or (run and not _continues(run, lead.text)):
            close()
        if lead is not None:
            run.append((k, lead))
    close()
