"""Named character classes shared by readers and writers: written once, imported everywhere.

The readers' rules (where a sentence ends, what a line may not start with) and the
writers' line breaking (GB/T 15834 kinsoku) speak about the same characters; when a class
changes, it changes here.
"""

from __future__ import annotations

import re

#: Han characters, as the body of a regex character class: CJK Unified Ideographs with
#: extension A, the compatibility block, and the supplementary planes (extensions B–H).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")

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
