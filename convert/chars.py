"""Named character classes shared by readers and writers: written once, imported everywhere.

The readers' rules (where a sentence ends, what a line may not start with) and the
writers' line breaking (GB/T 15834 kinsoku) speak about the same characters; when a class
changes, it changes here.
"""

from __future__ import annotations

import functools
import re

#: Han characters, as the body of a regex character class: CJK Unified Ideographs with
#: extension A, the compatibility block, and the supplementary planes (extensions B–H).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")


def count(char_class: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` a one-character class (``[…]``) matches: the length
    of the text less the runs of other characters, found by the class's complement. The
    runs are few where the class is common (Han in Chinese text), so this is several times
    faster than listing every match, which also cost 80 bytes a character (a slice at a
    time bounds the runs' list on a long paragraph)."""
    other = _complement(char_class)
    if len(text) <= _SLICE:
        return len(text) - sum(map(len, other.findall(text)))
    return len(text) - sum(sum(map(len, other.findall(text, k, k + _SLICE))) for k in range(0, len(text), _SLICE))


@functools.lru_cache(maxsize=32)
def _complement(char_class: re.Pattern[str]) -> re.Pattern[str]:
    """``[^…]+`` for a class ``[…]``: runs of the characters it does not match."""
    body = char_class.pattern
    if not (body.startswith("[") and body.endswith("]") and not body.startswith("[^")):
        raise ValueError(f"count() needs a one-character class [...], not {body!r}")
    return re.compile(f"[^{body[1:-1]}]+", char_class.flags)


_SLICE = 1 << 16


#: Wide characters (Unicode East Asian Width W or F: CJK, kana, hangul, fullwidth forms):
#: two columns in a fixed-pitch export, as the body of a regex character class.
WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)

#: Marks that end a sentence (a lead sentence ends at the first of these).
SENTENCE_END = "。！？；!?;"
#: A line ending in one of these ends its paragraph (an ellipsis ends a sentence too).
TERMINAL = SENTENCE_END + "…"
#: Full stops proper: a sentence, not a clause, ends here.
FULL_STOPS = "。！？"
#: Full stops and the semicolon: text holding one inside is running text, not a title.
STOPS = "。！？；"
#: A bold lead may also end at a colon (``一是：`` introduces its paragraph).
LEAD_END = SENTENCE_END + "：:"

#: Brackets and quotes that open and close an inserted stretch; a sentence end inside
#: them does not end the sentence around them.
OPEN_BRACKETS = "“‘（《「『【(["
CLOSE_BRACKETS = "”’）》」』】)]"
#: The brackets a script sets its directions in (【PPT第2页】, （翻页）, <翻页>, 〈出图〉, ［停顿］).
CUE_OPEN = "（(【[<〈［"
CUE_CLOSE = "）)】]>〉］"
#: Closing marks that may follow a sentence end (``。”``) and still end the line.
TRAILING_CLOSERS = "”’」』）)】》"

#: Chinese punctuation that closes: never the first character of a line.
CJK_CLOSE = "，。、；：？！”’）》」』】〕…—"
CJK_OPEN = "“‘（《「『【〔"
CJK_PUNCT = CJK_CLOSE + CJK_OPEN + "·"

#: Line breaking (kinsoku, GB/T 15834 practice): may not start a line…
NO_LINE_START = frozenset("，。、；：？！…—”’）》】」』〕〉〗〙〛｝·‧,.;:?!)]}%％～")
#: …and may not end one.
NO_LINE_END = frozenset("“‘（《【「『〔〈〖〘〚｛([{")

#: Common Chinese surnames (about 400, covering nearly everyone): a short line under a
#: title that opens with one of them and is two or three characters long reads as a
#: person's name (李四), where 工作回顾 or 下步打算 does not.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝"
    "区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍"
    "辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信"
    "展阴昝智幸奉植衡富尧闭由"
)
#: Two-character surnames (欧阳修, 司马光).
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "公孙",
    "轩辕",
    "西门",
    "南宫",
    "端木",
    "独孤",
    "呼延",
    "澹台",
    "万俟",
    "闻人",
    "申屠",
    "赫连",
    "钟离",
)


#: Bullets of Word's symbol fonts (Wingdings, Symbol) as text exports and ``w:sym`` keep
#: them: private-use code points that no text font prints (a box), with the Unicode
#: character each draws. Wingdings' arrowhead (Ø, U+F0D8) becomes ▶, the nearest arrowhead
#: the fonts speeches are set in carry.
#: Characters that lead a list item as a bullet (● 加强学习, ▪ …).
BULLETS = "●•▪■◆◇❖▶►➢✓☆◎"
SYMBOL_BULLETS = {
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0a7": "▪",
    "\uf0b7": "•",
    "\uf0d8": "▶",
    "\uf0fc": "✓",
}
#: The same bullets when a text export lost the symbol font and kept its code as a Latin-1
#: character (Ø, §, ·, ü, or the letters l, n, u, v): U+F0xx less U+F000.
LOST_SYMBOL_BULLETS = {chr(ord(k) - 0xF000): v for k, v in SYMBOL_BULLETS.items()}


def em_width(ch: str) -> float:
    """A character's width in ems where no font says otherwise (Word, an e-reader, a
    title measured before it is set): half for Latin letters, digits and their marks,
    whole from the CJK radicals (U+2E80) on."""
    return 0.5 if ord(ch) < 0x2E80 else 1.0
