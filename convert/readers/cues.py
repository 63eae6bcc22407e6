"""Recognisers for the lines of a manuscript that are not running text.

Titles, dates, speaker lines, greetings, closings, piece labels and counts all have a
typical *form* (length, punctuation, position) that holds across manuscripts; these
predicates look only at that form, never at a particular document's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..chars import BULLETS, COMPOUND_SURNAMES, CUE_CLOSE, CUE_OPEN, FULL_STOPS, HAN, STOPS, SURNAMES, TERMINAL
from ..chars import TRAILING_CLOSERS as CLOSING_BRACKETS
from .ordinals import CN_NUM, cn_to_int, match_label, match_ordinal

_CN_YEAR = "[一二三四五六七八九〇零○Ｏ]{4}"
_CN_MD = "[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(
    rf"^[（(]?\s*(?:(?:\d{{4}}|{_CN_YEAR})\s*年\s*(?:\d{{1,2}}|{_CN_MD})\s*月(?:\s*(?:\d{{1,2}}|{_CN_MD})\s*[日号])?"
    rf"|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})"
    rf"(?:\s*[，,、 ]\s*[^\n，。]{{0,24}})?\s*[）)]?$"
)
#: A date as an occasion line opens (2026年1月15日 / 一九九八年三月五日).
_DATE_AT = rf"(?:\d{{4}}|{_CN_YEAR})\s*年\s*(?:\d{{1,2}}|{_CN_MD})\s*月\s*(?:\d{{1,2}}|{_CN_MD})\s*日"
_COUNT = r"[（(]\s*(?:共\s*)?(\d+|" + CN_NUM + r"+)\s*篇\s*[）)]$"
COUNT_RE = re.compile("^" + _COUNT)
COUNT_END_RE = re.compile(_COUNT)
#: ——在某某会议上的讲话, ——2024年1月22日在…会议上 (a work report's subtitle opens with its date).
DASH_SUBTITLE_RE = re.compile(rf"^(?:—{{1,2}}|-{{2,4}}|－{{2}}|─{{1,2}})\s*[{HAN}“《0-9０-９]")
#: A speaker's turn: a name (张华：) or a name and role (张华（街道书记）：) and a colon.
SPEAKER_RE = re.compile(rf"^([{HAN}·]{{2,8}}|[{HAN}]{{1,6}}[（(][{HAN}]{{1,10}}[）)])[：:]$")
_CLOSING = re.compile(
    r"^(谢谢|感谢|多谢|致谢|祝|预祝|最后，?祝|再次感谢|我的(发言|汇报|报告|讲话|演讲|述职)(完毕|就到这里|到此结束|结束|完了)|汇报完毕|发言完毕|以上|完毕)"
)


_DIGIT = re.compile(r"\d")
#: The audience's reaction a transcript notes in brackets: （掌声）, （热烈鼓掌）, （笑声）.
REACTION = r"[（(](?:热烈|长时间)?(?:掌声|鼓掌|笑声|大笑|笑|全场鼓掌|全场起立)[^（）()]{0,4}[）)]"
_REACTION_END = re.compile(REACTION + "$")


def ends_terminal(text: str) -> bool:
    """Whether a line ends a sentence (so the next line starts a new paragraph); the
    audience's reaction a transcript notes after the sentence (…。（掌声）) ends with it."""
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in TERMINAL:
        return True
    if t[-1] in CLOSING_BRACKETS and len(t) > 1 and t[-2] in TERMINAL:
        return True
    if t[-1] in "）)" and (m := _REACTION_END.search(t)) is not None and m.start() > 0 and t[m.start() - 1] in TERMINAL:
        return True
    return t[-1] in "：:"


def is_date_line(text: str) -> bool:
    """（2024年3月5日） / 二〇二四年三月 / 2024-03-05 (a date is written with 年 or digits)."""
    return len(text) <= 40 and ("年" in text or _DIGIT.search(text) is not None) and bool(DATE_RE.match(text.strip()))


def is_count_line(text: str) -> int | None:
    """（2篇）on a line of its own: how many pieces the collection holds."""
    if "篇" not in text:
        return None
    m = COUNT_RE.match(text.strip())
    return _count(m.group(1)) if m else None


def count_at_end(text: str) -> int | None:
    """…发言材料（2篇）: the count a title carries at its end."""
    if "篇" not in text:
        return None
    m = COUNT_END_RE.search(text.strip())
    return _count(m.group(1)) if m else None


def _count(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else cn_to_int(raw)


#: The occasion under a report's title without a dash: （1998年3月5日在第九届全国人民代表
#: 大会第一次会议上） or 2026年1月15日在某某会议上 — a date, or brackets, then 在…上.
OCCASION_RE = re.compile(
    rf"^[（(]\s*(?:{_DATE_AT}\s*)?在[^，。；！？（）()]{{2,50}}上(?:的(?:讲话|报告|发言|致辞|工作报告))?\s*[）)]$"
    rf"|^{_DATE_AT}\s*在[^，。；！？（）()]{{2,50}}上(?:的(?:讲话|报告|发言|致辞|工作报告))?$"
)


def is_occasion_line(text: str) -> bool:
    """（2026年1月10日在县人民代表大会上）: the occasion, a subtitle without its dash."""
    return len(text) <= 80 and "在" in text and bool(OCCASION_RE.match(text.strip()))


def is_dash_subtitle(text: str) -> bool:
    """——在某某会议上的讲话: a subtitle line (never one that stops mid-sentence)."""
    return (
        len(text) <= 80
        and bool(DASH_SUBTITLE_RE.match(text))
        and not any(c in text[:-1] for c in FULL_STOPS)
        and text.rstrip()[-1:] not in "，,、：:；;"
    )


#: Whether the text being read separates its phrases with spaces (a recording's
#: transcript, :func:`.cleanup.spaced_phrases`): then a space on a line names no one.
_SPACED_TEXT: ContextVar[bool] = ContextVar("spaced_text", default=False)


@contextmanager
def spaced_text() -> Iterator[None]:
    """Read the text within as one whose spaces stand for its punctuation."""
    token = _SPACED_TEXT.set(True)
    try:
        yield
    finally:
        _SPACED_TEXT.reset(token)


def spaced_name(text: str) -> bool:
    """A space inside a short line sets a name apart (市委书记　张三, 张  三) — except in a
    text whose spaces separate every phrase."""
    return not _SPACED_TEXT.get() and re.search(r"[\s\u3000]", text) is not None


_ADDRESS_TERM = re.compile(
    r"^(尊敬的|亲爱的|各位|诸位|在座的|全体)?.{0,10}?"
    r"(们|同志|代表|委员|领导|来宾|嘉宾|朋友|老师|同学|女士|先生|家长|评委|同事|同仁|专家|校友|战友|乡亲|青年|职工|党员|干部|首脑|元首|负责人|家人|亲人|伙伴|股东|员工|客户|师生|村民|居民|网友|听众|观众|读者|会员|家属|学员|学生|学子|队员|团员|官兵|企业家|志愿者|大家)$"
)
#: The bodies a document is addressed to, as its 主送机关 names them (各乡镇人民政府, 县直各
#: 单位, 市政府各部门, 各党支部).
_ADDRESSEE_END = re.compile(r"(?:各|直属|所属|有关|下属)(?:部门|单位|机关|机构|企业|学校|党支部|党组织|处室|科室)$")


#: The bodies a report or a request is sent up to (中共某某县委：, 县人民政府：) — not a
#: bureau, which a meeting's record may name as the speaker of its turn (县财政局：).
SUPERIOR_ENDS = ("人民政府", "委员会", "党委", "党组", "省委", "市委", "县委", "区委", "党工委")


def _addressee(term: str) -> bool:
    """各区县人民政府, 市政府各部门, 中共某某县委: a body a document is addressed to."""
    return len(term) <= 20 and (
        _ADDRESSEE_END.search(term) is not None
        or (term.startswith("各") and is_org_line(term[1:]))
        or (is_org_line(term) and term.endswith(SUPERIOR_ENDS))
    )


_HELLO_TAIL = re.compile(r"(大家|你们|各位)?(好|上午好|下午好|晚上好)$")


def is_greeting(text: str) -> bool:
    """同志们： / 各位委员，同志们： / 尊敬的各位来宾，大家好！ — an address to the audience.

    Every comma-separated term must itself be an address (同志们, 各位代表, 尊敬的…), so a
    sentence such as 我们要抓好以下工作： is never taken for one."""
    t = text.strip()
    spaced = _SPACED_TEXT.get()  # a transcript's 各位学员 同志们, no mark at its end
    if not t or len(t) > 60 or (t[-1] not in "：:，,！!。" and not spaced):
        return False
    if any(c in t[:-1] for c in "。；？“”《》") or _CLOSING.match(t):
        return False
    terms = [x for x in re.split(r"[，,、：:！!。\s]|和|及" if spaced else r"[，,、：:！!。]|和|及", t) if x.strip()]
    if not terms or len(terms) > 8:
        return False
    if t[-1] in "：:" and all(_addressee(x.strip()) for x in terms):
        return True  # 各区县人民政府，市政府各部门：— the bodies a document is addressed to
    hello = bool(_HELLO_TAIL.search(terms[-1]))
    if hello:
        terms = terms[:-1]
        if _HELLO_TAIL.sub("", t.rstrip("：:，,！!。")).strip() == "":
            return len(t) <= 10
    return (
        bool(terms)
        and all(len(x) <= 14 and _ADDRESS_TERM.match(x.strip()) for x in terms)
        and (t[-1] in "：:" or hello or t[-1] in "，,！!" or spaced)
    )


_HELLO_OPEN = re.compile(r"^(?:[^，,。！!]{0,12}?(?:们|各位|大家))?(?:好|上午好|下午好|晚上好)[，,！!。]")


def opens_with_hello(text: str) -> bool:
    """大家好，我是… / 老师们好！…: a speech that starts by greeting, never a title."""
    return bool(_HELLO_OPEN.match(text.strip()))


def is_closing(text: str) -> bool:
    t = text.strip()
    return len(t) <= 40 and bool(_CLOSING.match(t)) and (t[-1:] in "！!。." or len(t) <= 8)


def is_label_line(text: str) -> int | None:
    return match_label(text)


def is_short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not any(c in text[:-1] for c in STOPS)


_CHAPTER = re.compile(rf"^第{CN_NUM}+[部分章节篇讲编条]")


#: The words a speech manuscript's title ends with (在…大会上的讲话, …对照检查材料,
#: …述职报告): what tells a title's second line from a unit or a name under it.
TITLE_ENDS = (
    "讲话",
    "发言",
    "致辞",
    "致词",
    "贺词",
    "报告",
    "汇报",
    "提纲",
    "材料",
    "演讲",
    "讲稿",
    "总结",
    "体会",
    "主持词",
    "党课",
)


#: How the name of a body that reports ends (市发展和改革委员会, 某某县人民政府, 市委办公室).
ORG_ENDS = (
    "委员会",
    "人民政府",
    "党委",
    "党组",
    "办公室",
    "办公厅",
    "管理局",
    "工作组",
    "领导小组",
    "班子",
    "省委",
    "市委",
    "县委",
    "区委",
    "党工委",
    "办事处",
    "党支部",
    "党总支",
    "有限公司",
    "集团",
)


#: A bureau or department (市市场监管局, 省教育厅), not a word ending the same way (大局,
#: 格局, 新局, 大厅).
_BUREAU = re.compile(r"[^大格布结当全时开新变棋残饭赌牌骗]局$|[^客餐大舞门展]厅$")


def is_org_line(text: str) -> bool:
    """市发展和改革委员会: the name of the body that reports, in Han characters only."""
    t = text.strip()
    return (
        4 <= len(t) <= 30
        and (t.endswith(ORG_ENDS) or _BUREAU.search(t) is not None)
        and re.fullmatch(f"[{HAN}（）()·]+", t) is not None
    )


#: Posts a name follows on a speaker line (市委书记张三, 校长　郑某某).
POSITIONS = (
    "书记",
    "市长",
    "县长",
    "区长",
    "省长",
    "镇长",
    "乡长",
    "主任",
    "部长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "主席",
    "院长",
    "校长",
    "董事长",
    "总经理",
    "经理",
    "委员",
    "代表",
    "教授",
    "会长",
    "秘书长",
    "组长",
    "队长",
    "所长",
    "行长",
)
#: How the name of a workplace ends (县人民医院, 某某中学, 市委组织部): with :data:`ORG_ENDS`,
#: the unit a speaker of a collection of talks signs with.
WORKPLACE_ENDS = (
    ORG_ENDS
    + POSITIONS
    + ("部", "院", "校", "所", "站", "班", "中心", "公司", "银行", "社区", "街道", "村", "乡", "镇")
)
#: A person's name: two or three characters opening with a common surname, or three or
#: four with a compound one.
_NAME = re.compile(rf"(?:[{SURNAMES}][{HAN}]{{1,2}}|(?:{'|'.join(COMPOUND_SURNAMES)})[{HAN}]{{1,2}})")


def is_unit_and_name(text: str) -> bool:
    """某某乡党委　张某, 县人民医院　王某, 县委副书记　孙某: a speaker's unit or post and
    name with a space between —
    how each talk of a compilation is signed under its title, never a section's title
    (扎根基层　在实践中成长 has no unit and no name)."""
    parts = text.split()
    if len(parts) < 2 or len(text) > 30:
        return False
    unit = "".join(parts[:-1])
    return (
        _NAME.fullmatch(parts[-1]) is not None
        and (unit.endswith(WORKPLACE_ENDS) or _BUREAU.search(unit) is not None)
        and re.fullmatch(f"[{HAN}0-9（）()·]+", unit) is not None
    )


def alike_titles(a: str, b: str) -> bool:
    """Two titles of one form: the same opening two characters, the same ending three,
    or the same first character and ending two (在理论学习方面 / 在联系群众方面)."""
    return a[:2] == b[:2] or a[-3:] == b[-3:] or (a[:1] == b[:1] and a[-2:] == b[-2:])


def ends_like_a_title(text: str) -> bool:
    """Whether ``text`` ends as a speech manuscript's title does (…的讲话)."""
    return text.rstrip().endswith(TITLE_ENDS)


#: Posts then a name after a space: the one form of speaker line that may hold a 、, and
#: a unit with its number (高二（3）班　王小明, 2021级1班　张三).
_TITLED_NAME = re.compile(rf"[{HAN}][\s\u3000]+[{HAN}·]{{2,4}}$")
_TITLED_UNIT = re.compile(rf"[{HAN}·•\s、（）()0-9A-Za-z]+")


def is_author_line(text: str) -> bool:
    """A speaker line under a title: 张三 / 中共某某市委书记 张三 / 张三同志.

    Never a chapter title (第一章　总则), never a numbered piece title (一　一月十八日的讲话)."""
    t = text.strip()
    if not (2 <= len(t) <= 30) or any(c in t for c in "，。：；！？“”《》"):
        return False
    titled = _TITLED_NAME.search(t) is not None
    if "、" in t and not titled:
        return False  # 、 lists posts (市委常委、组织部部长　某某), never a phrase's words
    if (re.search(r"\d", t) and not titled) or re.match(rf"{CN_NUM}{{1,3}}[\s\u3000]", t) or _CHAPTER.match(t):
        return False  # 一　一月十八日的讲话 is a numbered piece title, not a name
    if titled and re.search(r"\d", t):
        unit = re.split(r"[\s\u3000]+", t)[0]
        return bool(_TITLED_UNIT.fullmatch(t)) and not unit.startswith("第") and not is_date_line(unit)
    return bool(re.fullmatch(rf"[{HAN}·•\s、]+", t)) and (len(t) <= 8 or spaced_name(t) or t.endswith("同志"))


#: Stage directions in a script read aloud: turn the slide, show the figure or the table,
#: play the video, pause (（停顿）); ``PPT 3`` and ``幻灯片5`` name the slide to show; the audience's
#: reactions a transcript notes on a line of their own (（掌声）, （笑声）); and a
#: recording's time marks ([00:03:12]). Never spoken.
CUE_RE = re.compile(
    r"^[（(【\[]?\s*(?:翻页|下一页|换页|翻到下一页|出图|出表|出片|出示|放图|放映|播放(?:视频|音乐|短片|录像)?|切换(?:页面|画面)?"
    r"|停顿(?:片刻|一下)?|稍停|稍作停顿"
    r"|(?:PPT|ppt|Ppt|幻灯片|slide|Slide|SLIDE)\s*\d{0,3})\s*[）)】\]]?$"
    rf"|^{REACTION}$"
    r"|^[\[（(【]?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:[.,]\d{1,3})?\s*[\]）)】]?$"
)
#: A photo caption ends with its photographer's credit: 新华社记者某某摄, （某某　摄）.
CAPTION_RE = re.compile(rf"(?:记者|摄影|图[/:：]?)\s*[{HAN}·]{{1,10}}\s*摄[）)]?$|[。\s（(][{HAN}·]{{2,4}}\s*摄[）)]?$")
#: Longest line taken as a caption.
CAPTION_MAX = 400


#: …and, in brackets of any kind (（）【】[]<>〈〉［］), a short direction naming the slide,
#: the page turned or what is played or shown: 【PPT第2页】, （切换至第3张幻灯片）, <翻页>,
#: （播放演示视频）.
_NOT_BRACKET = f"[^{re.escape(CUE_OPEN + CUE_CLOSE)}。！？，]"
CUE_BRACKETED_RE = re.compile(
    f"^[{re.escape(CUE_OPEN)}]\\s*{_NOT_BRACKET}{{0,16}}?"
    r"(?:翻页|换页|下一页|幻灯片|PPT|ppt|Ppt|[Ss]lide|播放|放映|切换|出图|出表|出示|停顿)"
    f"{_NOT_BRACKET}{{0,16}}\\s*[{re.escape(CUE_CLOSE)}]$"
)
#: Longest cue in brackets.
CUE_BRACKETED_MAX = 24


def is_cue(text: str) -> bool:
    """翻页 / 出图 / （出表） / PPT 3 / 【PPT第2页】: a cue to whoever runs the talk."""
    t = text.strip()
    return (len(t) <= 16 and bool(CUE_RE.match(t))) or (
        len(t) <= CUE_BRACKETED_MAX and CUE_BRACKETED_RE.match(t) is not None
    )


def is_caption(text: str) -> bool:
    """A photo caption: a line that ends with the photographer's credit (…记者某某摄)."""
    t = text.strip()
    return "摄" in t and len(t) <= CAPTION_MAX and bool(CAPTION_RE.search(t))


#: The line that opens a notes section: 注释, 注　释, 注, 尾注, 附注, 参考文献.
NOTES_HEADER_RE = re.compile(r"^(?:注\s*释|注|尾\s*注|附\s*注|脚\s*注|参考文献)\s*[：:]?$")
#: A note of a notes section: 〔1〕, [1], ［1］, 【1】, ⑴, ①, or the asterisk of a title's note.
NOTE_ITEM_RE = re.compile(r"^(?:〔\d{1,3}〕|\[\d{1,3}\]|［\d{1,3}］|【\d{1,3}】|[⑴-⒇①-⑳]|\*\s?(?=\S))")


#: The line that opens a glossary after the text (名词解释, 附：名词注释, 术语说明).
GLOSSARY_HEADER_RE = re.compile(r"^(?:附[：:]?\s*)?(?:名词|术语|词语|名词术语)\s*(?:解释|注释|说明|释义)\s*[：:]?$")
#: Longest term a glossary item defines before its colon.
GLOSSARY_TERM_MAX = 40


def is_glossary_header(text: str) -> bool:
    return bool(GLOSSARY_HEADER_RE.match(text.strip().replace("\u3000", "")))


def is_glossary_item(text: str) -> bool:
    """1.某某行动：是指…: a numbered term and its definition after a colon."""

    o = match_ordinal(text)
    if o is None:
        return False
    k = min((i for i in (text.find("：", len(o.text)), text.find(":", len(o.text))) if i >= 0), default=-1)
    return 0 < k - len(o.text) <= GLOSSARY_TERM_MAX and k + 1 < len(text.rstrip())


def is_notes_header(text: str) -> bool:
    return bool(NOTES_HEADER_RE.match(text.strip().replace("\u3000", "")))


def is_note_item(text: str) -> bool:
    return bool(NOTE_ITEM_RE.match(text.strip()))


#: A site's breadcrumb trail (文库 -> 作者 -> 篇名): navigation, not the title.
BREADCRUMB_RE = re.compile(r"\S\s*(?:->|→|＞|>>|»)\s*\S")
#: Where the text comes from: 文章来自…, 来源：…, 转自…, 本文选自….
PROVENANCE_RE = re.compile(
    r"^(?:文章|本文|原文|内容|信息)(?:来自|来源|转自|转载自|选自|摘自|出处|原载)|^(?:来源|出处|转自|转载自|选自|摘自|原载)[：:\s]"
)
#: What an editor says of the text, in brackets under its title: （根据录音整理）,
#: （未经本人审阅）, （有删节）, （节选）, （标题为编者所加）; and which draft it is, or
#: whether it is published: （讨论稿）, （第三稿）, （此件公开发布）.
EDITION_NOTE_RE = re.compile(
    r"^[（(][^（）()]{0,30}(?:录音整理|未经本人审阅|有删节|略有删节|有删改|节选|摘要|摘编|编者所加|编者加"
    r"|讨论稿|征求意见稿|送审稿|审议稿|修改稿|初稿|定稿|草稿|代拟稿|第[一二三四五六七八九十\d]+稿|公开发布|不公开)[^（）()]{0,30}[）)]$"
)
#: A bibliographic citation in brackets after the text: （《选集》第五卷，…第116-124页）.
CITATION_RE = re.compile(r"^[（(]\s*《[^》]+》[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$")


#: Who edited a post, at its foot: 编辑：某某, 责任编辑：某某, 审核：某某.
CREDIT_RE = re.compile(
    r"^(?:责任编辑|执行编辑|编辑|责编|审核|审校|审签|初审|复审|终审|校对|排版|美编|监制|统筹|出品)\s*[：:|｜]\s*\S"
)
#: The longest credit line.
CREDIT_MAX = 40
#: A sharing site's list of more posts under the text: 往期推荐, 推荐阅读….
RELATED_RE = re.compile(
    r"^(?:往期推荐|往期回顾|往期精彩|推荐阅读|相关阅读|延伸阅读|相关链接|热门推荐|精彩推荐|相关推荐|更多推荐|猜你喜欢"
    r"|相关文章|热门文章|相关范文|更多范文)[：:]?$"
)


#: 附件2 / 附件： over a document attached to another: the attachment's label.
ATTACHMENT_RE = re.compile(rf"^附件\s*(?:\d{{1,2}}|{CN_NUM}{{1,3}})?\s*[：:]?$")


#: A line led by a bullet, as a Word list exported to text leaves it (● 加强学习, ▪ …, and
#: Wingdings' arrowhead left as Ø before a space): a list item, never part of a sentence.
_BULLET_ITEM = re.compile(rf"^(?:[{BULLETS}]|Ø(?=[\s\u3000]))[\s\u3000]*\S")


def opens_with_bullet(text: str) -> bool:
    """● …, ▪ …, Ø … at the line's start: a line that starts an item, never goes on one."""
    return bool(_BULLET_ITEM.match(text.strip()))


def is_bullet_item(text: str) -> bool:
    """A bulleted line of one sentence at most: a list item. (A bullet before a lead
    sentence and its paragraph, ●坚持问题导向。围绕…, marks a section's lead instead.)"""
    t = text.strip()
    return opens_with_bullet(t) and not any(c in t[:-1] for c in STOPS)


#: A line of nothing but a repeated mark: a horizontal rule typed as text.
_RULE_LINE = re.compile(r"^[-—─_=*·~＿－]{3,}$")


def is_rule_line(text: str) -> bool:
    """``------`` on a line of its own is a rule, not text: never joined to a line."""
    return bool(_RULE_LINE.match(text.strip()))


def is_attachment_label(text: str) -> bool:
    return bool(ATTACHMENT_RE.match(text.strip()))


#: An official document's number (发文字号, GB/T 9704): 某政发〔2026〕12号, 电邮讲话【2026】018号,
#: with the signer after it on the line (签发人：某某), or the signer's line alone.
DOC_NUMBER_RE = re.compile(
    r"^(?:[^\s，。：:]{0,16}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
    r"(?:[\s\u3000]+签发人[：:]\s*\S.{0,20})?|签发人[：:]\s*\S.{0,20})$"
)
#: The marks an official document's head may carry above its number: its copy number, its
#: secrecy and urgency (机密★1年, 特急).
DOC_MARK_RE = re.compile(r"^(?:\d{6}|(?:绝密|机密|秘密)(?:[★☆*]\s*\S{0,6})?|特急|加急|特提|平急)$")


def is_doc_number(text: str) -> bool:
    """某政发〔2026〕12号 (签发人：某某): an official document's number line, above its title."""
    t = text.strip()
    return len(t) <= 60 and bool(DOC_NUMBER_RE.match(t))


def is_doc_mark(text: str) -> bool:
    """000123 / 机密★1年 / 特急: a copy number, secrecy or urgency mark at a document's head."""
    return bool(DOC_MARK_RE.match(text.strip()))


#: What a sharing site says of the post or the page, not of the speech: 点击下载完整版,
#: 本文共计3200字，阅读约需8分钟, 免责声明：…, （此处已添加圈子卡片…）, 关注公众号…, and
#: the furniture a public account's page puts around a post.
SITE_NOTICE_RE = re.compile(
    r"^(?:免责声明|版权声明|本文(?:共计?|全文)?\s*[\d,]+\s*字)"
    r"|如有侵权|版权归原作者|转载请注明|(?:禁止|谢绝|严禁)(?:任何)?(?:转载|转发)|阅读(?:约需|大约|时间约?)\s*\d+\s*分钟|^[（(【]此处已?(?:添加|插入|省略)[^（）()]*[）)】]$"
    # a public account's post head and foot: 原创 作者 号名 2026-03-02 08:30 发表于河南,
    # 收录于合集 #领导讲话 36个, —END—, 分享 收藏 点赞 在看
    r"|^原创[\s\u3000]|\d{1,2}:\d{2}[\s\u3000]*发表于[\u4e00-\u9fff]{2,4}$|^收录于(?:合集|话题)|^(?:#[^#\s]+[\s\u3000]*)+(?:\d+个)?$"
    r"|^[-—–_=\s]*END[-—–_=\s]*$|^(?:(?:分享|收藏|点赞|在看|转发|留言|赞)[\s\u3000|/·]*){3,}$"
)
#: …and what it asks the reader to do, on a short line: 点击下载完整版文档, 关注公众号.
SITE_PROMPT_RE = re.compile(
    r"^(?:点击|长按|扫码|扫描二维码|关注(?:我们|公众号|本号)|阅读原文|阅读全文|展开全文|查看全文|下载(?:完整|全文|原文|文档)"
    r"|更多(?:精彩|范文|内容|资料|文章))"
)
#: The longest site notice, and the longest prompt.
SITE_NOTICE_MAX = 80
SITE_PROMPT_MAX = 30


def is_site_notice(text: str) -> bool:
    """点击下载完整版文档 / 本文共计3200字 / 免责声明：…: the site's words about its page."""
    t = text.strip()
    if len(t) <= SITE_PROMPT_MAX and SITE_PROMPT_RE.match(t) and not t.endswith(("。", "？", "?")):
        return True  # (关注我们身边的每一个人。 is a sentence of the speech)
    return len(t) <= SITE_NOTICE_MAX and SITE_NOTICE_RE.search(t) is not None


def is_credit(text: str) -> bool:
    """编辑：某某 / 审核：某某: a post's editors named at its foot, not the speech."""
    t = text.strip()
    return len(t) <= CREDIT_MAX and bool(CREDIT_RE.match(t))


def is_related_header(text: str) -> bool:
    """往期推荐 / 推荐阅读: the header of a site's list of more posts."""
    return bool(RELATED_RE.match(text.strip()))


def is_breadcrumb(text: str) -> bool:
    return len(text) <= 120 and bool(BREADCRUMB_RE.search(text)) and not ends_terminal(text)


def is_provenance(text: str) -> bool:
    """A line saying where the text was found (a sharing site, a collection) or how it
    was edited (根据录音整理)."""
    t = text.strip()
    return len(t) <= 120 and bool(PROVENANCE_RE.match(t) or CITATION_RE.match(t) or EDITION_NOTE_RE.match(t))


#: Words that label the fields of a form or a cover page (联系人：, 日期：, 甲方：):
#: a line made of one of them and a colon is a field, never a speaker or a piece.
FORM_LABELS = (
    "联系人",
    "联系方式",
    "联系电话",
    "电话",
    "手机",
    "邮箱",
    "地址",
    "日期",
    "时间",
    "地点",
    "甲方",
    "乙方",
    "丙方",
    "单位",
    "部门",
    "姓名",
    "职务",
    "职称",
    "主题",
    "题目",
    "备注",
    "签字",
    "签名",
    "盖章",
    "编号",
    "项目",
    "简介",
    "附件",
    "主送",
    "抄送",
    "记录人",
    "参会人员",
    "出席",
    "列席",
    "支部名称",
)
#: A label may be spread with spaces to the width of the longest one (姓　　名：).
_FORM_FIELD = re.compile(rf"^[{HAN}（）()][{HAN}（）()\s\u3000]{{0,15}}[：:]")
#: What a form asks for in brackets after a label: 投标单位名称（盖公章）：.
FORM_NOTES = ("盖章", "公章", "签字", "签名", "填写", "手写", "打印", "必填")


def is_form_field(text: str) -> bool:
    """A label line of a form or cover page: 联系人：, 日期：2024年3月, 投标单位名称（盖公章）：."""
    t = text.strip()
    m = _FORM_FIELD.match(t)
    if not m:
        return False
    label = re.sub(r"[（(][^）)]*[）)]|[\s\u3000]", "", m.group(0)[:-1])
    return any(label.endswith(w) for w in FORM_LABELS) or any(w in m.group(0) for w in FORM_NOTES)


#: Form-field labels that name the speaker or the speaker's unit.
BYLINE_LABELS = (
    "支部名称",
    "单位",
    "姓名",
    "职务",
    "发言人",
    "汇报人",
    "报告人",
    "主讲人",
    "讲话人",
    "述职人",
    "演讲人",
    "宣讲人",
    "部门",
    "作者",
)


def byline_field(text: str) -> bool:
    """发言人：张三, 述职人：某某, 单位：…: a form field that names who speaks (联系人
    does not: a contact is not the speaker)."""
    m = re.match(rf"^([{HAN}][{HAN}\s\u3000]{{1,9}})[：:]\s*\S", text)
    return m is not None and re.sub(r"[\s\u3000]", "", m.group(1)) in BYLINE_LABELS and len(text) <= 40


def is_structural(text: str) -> bool:
    """Lines that never continue a sentence and are never continued (a note on where the
    text comes from or how it was edited, （根据录音整理）, a site's notice or an editor's
    credit is one)."""
    return bool(
        is_label_line(text) is not None
        or is_count_line(text) is not None
        or is_date_line(text)
        or is_dash_subtitle(text)
        or is_occasion_line(text)
        or is_greeting(text)
        or is_provenance(text)
        or is_site_notice(text)
        or is_credit(text)
        or byline_field(text)
    )
