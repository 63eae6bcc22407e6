"""The Markdown reader: manuscripts pasted from WeChat, note apps and blogs.

A real CommonMark parser (markdown-it-py, with GFM tables and strikethrough) finds the
blocks; the paragraphs, with their hints, go to the same structure builder as the text
reader, so ``## 一、总体要求`` and a plain ``一、总体要求`` line end up the same.

Decisions:

* ``#`` levels are explicit heading levels (relative to the shallowest used). A single
  ``#`` heading that opens the document is its title.
* A paragraph wholly in bold, short and without a sentence end, is a heading when two or
  more such lines appear (or it carries an ordinal the series rules accept); a lone one is
  emphasis. A bold sentence opening a paragraph is a run-in lead.
* Link text is kept, targets dropped; images (and so badges), raw HTML and comments are
  dropped and reported. YAML front matter is metadata: its ``title`` and ``date`` are the
  document's when the body has no title of its own; the rest is dropped and reported.
* Code blocks are kept as notes of kind ``code``. Block quotes become quote paragraphs.
  List items become ``list_item`` paragraphs; an ordered list's numbers are content and
  stay in the text (``1.``), bullets are not.
* Horizontal rules separate pieces only where every rule-separated part opens with its
  own heading (a collection); otherwise they are decoration and ignored.
* Line breaks inside a paragraph join directly between Chinese characters and with a
  space between Latin words. Chinese pasted one line per paragraph splits where a soft
  break follows a sentence end, a line too short to have been wrapped or a numbered
  heading, or the next line is indented; a hard break (two trailing spaces) is a break
  inside the paragraph, never the end of one.
* Line numbers are the source file's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..chars import HAN, HAN_RE, LEAD_END
from ..limits import BlockCount
from ..model import Diagnostic, Document, Speech, content_chars
from . import EXTENSIONS, cues, mdguard, mdtable
from .base import ReadOptions
from .cleanup import clean_line, split_lines
from .decode import decode
from .leads import SERIES_REST_MIN
from .linestore import LineStore
from .mdhtml import html_paragraphs
from .ordinals import match_ordinal, piece_label
from .paragraphs import Kind, RawPara, bold_lead, bold_lines, clean_runs
from .structure import build_document, check_headings
from .titleblock import PREAMBLE_MAX, bold_title_block, file_name_like
from .unwrap import WRAP_MIN, assemble, is_heading_line

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
_CJK = re.compile(f"[{HAN}，。、；：？！“”（）《》]")
_HAN_END = re.compile(f"[{HAN}]$")
#: Any mark that ends a sentence or a clause: a line holding one is no title.
_PUNCT = re.compile("[" + re.escape(LEAD_END + "，、,.") + "]")


#: Placed next to an emphasis mark that touches CJK punctuation, so CommonMark's flanking
#: rules (written for spaced languages) let ``**加粗。**后文`` close; removed from all text.
_MARK = "\u2063"
#: Ends a line that a hard break (two trailing spaces) ended; removed from all text.
_HARD = "\u2028"
_DELIM = re.compile(r"\*+")
#: A piece of inline text: its text, bold, italic.
Piece = tuple[str, bool, bool]


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _cjk_punct(ch: str) -> bool:
    return bool(ch) and not ch.isascii() and unicodedata.category(ch)[0] in "PS"


def _flank(line: str) -> str:
    """CommonMark does not close ``**重点。**`` or open ``**“引语”**`` (a delimiter run
    between punctuation and a letter is not flanking on that side); Chinese text writes
    exactly that. An invisible separator between the mark and the CJK punctuation makes
    the run flanking, as the CJK-friendly amendment of the spec proposes."""
    if "*" not in line:
        return line
    out: list[str] = []
    pos = 0
    for m in _DELIM.finditer(line):
        a, z = m.start(), m.end()
        before = line[a - 1] if a else ""
        after = line[z] if z < len(line) else ""
        out.append(line[pos:a])
        if _cjk_punct(before) and after and not after.isspace() and not _punct(after):
            out.append(_MARK)
        out.append(m.group(0))
        if _cjk_punct(after) and before and not before.isspace() and not _punct(before):
            out.append(_MARK)
        pos = z
    out.append(line[pos:])
    return "".join(out)


_QUOTE_MARKS = re.compile(r"^(?: {0,3}> ?)+")


def code_lines(lines: list[str]) -> list[int]:
    """The indexes of the lines of fenced and indented code, which the preparing leaves
    as they are. A fence inside a list item or a quote ends with its container: a line
    less indented, or with fewer quote marks, ends it (and is kept as code itself: a line
    kept so is only not folded, which is always safe)."""
    code: set[int] = set()
    fence: str | None = None
    indent = depth = 0  # the fence's indent and quote depth
    for k, line in enumerate(lines):
        marks = _QUOTE_MARKS.match(line)
        level = marks.group(0).count(">") if marks else 0
        rest = line[marks.end() :] if marks else line
        stripped = rest.lstrip(" ")
        if fence is not None and (level < depth or (stripped and len(rest) - len(stripped) < indent)):
            fence = None  # the item or the quote ended, and its fence with it
            code.add(k)
        if fence is None and stripped[:3] in ("```", "~~~"):
            fence, indent, depth = stripped[:3], len(rest) - len(stripped), level
            code.add(k)
        elif fence is not None:
            if stripped.startswith(fence):
                fence = None
            code.add(k)
        elif line.startswith(("    ", "\t")):
            code.add(k)
    return sorted(code)


def _prepare(lines: list[str], env: dict[str, Any] | None = None) -> str:
    """The source with emphasis marks made CJK-friendly, code blocks untouched; runs of
    blank lines as one and runs of plain lines as one (:func:`.mdguard.compact_lines`; the
    source lines of each parsed line in ``env[LINE_MAP]`` and ``env[LINE_LAST]``); a block
    with more markup than any manuscript has gets it read as text
    (:func:`.mdguard.neutralize`)."""
    env = {} if env is None else env
    code = code_lines(lines)
    raw = mdguard.raw_lines(lines)
    mdguard.count_blocks(lines, code, raw, BlockCount())
    lines, where, last = mdguard.compact_lines(lines, code, raw)
    if where is not None:
        env[LINE_MAP], env[LINE_LAST] = where, last
        index = {k: i for i, k in enumerate(where)}
        code = [index[k] for k in code]
    lines = mdguard.neutralize(lines, code, env)
    untouched = set(code)
    return "\n".join(line if k in untouched else _flank(line) for k, line in enumerate(lines))


#: Where :func:`_prepare` leaves the source index of each parsed line's first and last
#: line (when it removed or joined any).
LINE_MAP = "speechpress_line_map"
LINE_LAST = "speechpress_line_last"


def _front_matter(lines: list[str]) -> int:
    """Number of lines of YAML front matter at the top (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, min(len(lines), 200)):
        if lines[k].strip() in ("---", "..."):
            body = [x for x in lines[1:k] if x.strip()]
            if body and _FRONT_KEY.match(body[0]):
                return k + 1
            return 0
    return 0


_FRONT_VALUE = re.compile(r"^(title|date)\s*:\s*(.*?)\s*$")


def _front_values(lines: list[str], first: int) -> dict[str, tuple[int, str]]:
    """The front matter's title and date (plain or quoted scalars), with their line numbers
    (``first`` is the line number of ``lines[0]``)."""
    out: dict[str, tuple[int, str]] = {}
    for k, line in enumerate(lines, first):
        m = _FRONT_VALUE.match(line)
        if m and m.group(2) and m.group(1) not in out:
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            if value.strip():
                out[m.group(1)] = (k, value.strip())
    return out


def _front_title(paras: list[RawPara], front: dict[str, tuple[int, str]], diags: list[Diagnostic], at: int) -> None:
    """Front matter is metadata: its ``title`` (and ``date``) are the document's when the
    body has no title of its own (a body title wins); they stand at ``at``, under the
    file's name when a heading gives it."""
    if "title" not in front:
        return
    line, title = front["title"]
    head = [RawPara(text=title, line=line, lines=[line], offsets=[0], kind=Kind.TITLE)]
    if "date" in front:
        dline, date = front["date"]
        head.append(RawPara(text=date, line=dline, lines=[dline], offsets=[0]))
    paras[at:at] = head
    diags.append(Diagnostic("info", "front-matter", "the front matter's title is the document's title", line))


def _heading_title(paras: list[RawPara], top: int, diags: list[Diagnostic]) -> int:
    """The heading at ``top`` is the title when no other is as high: the one #, or in a
    post that starts at ##, the one ## over ### sections when it ends as a manuscript's
    title does (## 在某某会议上的讲话; ## 第一部分 over its text is a section). A site's
    name as that # over the real title gives way to it. Returns where the title is."""
    first = min((p.level for p in paras[top:] if p.level is not None), default=None)
    if first is None or top >= len(paras) or paras[top].level != first:
        return top
    if sum(1 for p in paras[top:] if p.level == first) != 1:
        return top
    if first > 1 and not (cues.ends_like_a_title(paras[top].text) and match_ordinal(paras[top].text) is None):
        return top
    if _site_name_over_title(paras, top):
        paras[top].level = None
        diags.append(
            Diagnostic("info", "site-name", "the # heading over the title is the site's name", paras[top].line)
        )
        top += 1
    paras[top].level = None
    paras[top].kind = Kind.TITLE
    return top


def _site_name_over_title(paras: list[RawPara], k: int) -> bool:
    """``# 某某范文网`` then ``## 在春节团拜会上的致辞``: the only # heading is the site's
    name, and the only ## heading, right under it and ending as a manuscript's title does,
    the title (other ## headings would make it one section of the text under the #, or
    one piece of a collection)."""
    if k + 1 >= len(paras) or paras[k + 1].level != 2:
        return False
    return (
        cues.ends_like_a_title(paras[k + 1].text)
        and not cues.ends_like_a_title(paras[k].text)
        and not any(p.level is not None and p.level <= 2 for p in paras[k + 2 :])
    )


def _below_file_name(paras: list[RawPara], source: str | None, titled: bool) -> int:
    """Where the title stands under a heading that names the file (``# 讲话稿_定稿.docx``)
    and the provenance lines with it (the structure stage makes those lines notes above
    the title): the first heading below them, or the front matter's title (``titled``) put
    there. 0 when there is no such heading, or nothing to take its place as the title."""
    if not paras or paras[0].level is None or not file_name_like(paras[0].text, source):
        return 0
    k = 1
    while k < min(len(paras), PREAMBLE_MAX) and paras[k].level is None and cues.is_provenance(paras[k].text):
        k += 1
    return k if titled or (k < len(paras) and paras[k].level is not None) else 0


#: Fences that hold no language, only text (``` or ```text): a speech may be pasted into
#: one to keep its line breaks.
PROSE_FENCES = frozenset({"", "text", "txt", "plain", "plaintext"})
#: Share of a fence's characters that are Han for it to hold Chinese prose, not code.
PROSE_HAN_SHARE = 0.5


def _prose(content: str) -> bool:
    """Chinese prose: mostly Han characters, with sentences that end (code has neither)."""
    chars = [c for c in content if not c.isspace()]
    if not chars or not any(c in "。！？" for c in chars):
        return False
    return sum(1 for c in chars if HAN_RE.match(c)) >= PROSE_HAN_SHARE * len(chars)


#: Blocks an ordered item's number cannot open (it is set before them, in its place).
_NO_MARKER_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr", mdtable.TOKEN})


class _Reader:
    def __init__(
        self,
        options: ReadOptions,
        diags: list[Diagnostic],
        offset: int,
        line_map: tuple[list[int], list[int]] | None,
        parse_inline: Callable[[str], Token],
    ) -> None:
        self.parse_inline = parse_inline  # a table cell's inline token (cells are parsed lazily)
        self.options = options
        self.diags = diags
        self.offset = offset
        #: parsed line -> its first and its last source line (when lines were compacted)
        self.line_map = line_map
        #: The paragraphs made so far (a paragraph of the source may make many: Chinese
        #: pasted one line per paragraph), stopped at ``max_blocks``.
        self.made = BlockCount()
        self.dropped: dict[str, list[int]] = {"image": [], "html": []}
        self.anchor_links = 0
        self.toc_items = 0

    def line(self, tok: Token) -> int:
        return self.source_line(tok.map[0] if tok.map else 0)

    def source_line(self, parsed: int, last: bool = False) -> int:
        """The source file's line number of a parsed line index (``last``: of the last
        source line it holds)."""
        if self.line_map is not None and parsed < len(self.line_map[0]):
            parsed = self.line_map[1 if last else 0][parsed]
        return parsed + 1 + self.offset

    def source_lines(self, first: int, end: int) -> int:
        """How many lines the parsed lines ``first`` to ``end`` (exclusive) hold."""
        if self.line_map is None:
            return end - first
        starts, lasts = self.line_map
        return end - first + sum(lasts[k] - starts[k] for k in range(first, min(end, len(starts))))

    def prose_fence(self, tok: Token) -> list[RawPara]:
        """A speech pasted into a fence to keep its line breaks (```, ```text): its lines
        read as a text file's are, by the text reader's joins."""
        first = self.source_line(tok.map[0] if tok.map else 0) + 1  # the line after the fence
        store = LineStore()
        for j, raw in enumerate(tok.content.rstrip("\n").split("\n")):
            indent = len(raw) - len(raw.lstrip(" \u3000\t"))
            store.append(first + j, clean_line(raw, first + j, self.options.repair, self.diags), indent)
        self.diags.append(
            Diagnostic(
                "info",
                "prose-fence",
                f"read the fenced block of lines {first}–{first + len(store) - 1} as text: it holds prose, not code",
                first - 1,
            )
        )
        return assemble(store, self.options.repair, self.diags, self.made)

    def inline(self, tok: Token) -> list[Piece]:
        """Inline children as (text, bold, italic) pieces; link targets, images, HTML dropped.

        Each piece's text is gathered as a list of fragments and joined once at the end: a
        paragraph of 100,000 lines would otherwise be copied once per line."""
        out: list[tuple[list[str], bool, bool]] = []
        bold = italic = 0
        line = self.line(tok)

        def add(text: str) -> None:
            if not text:
                return
            if out and (out[-1][1], out[-1][2]) == (bold > 0, italic > 0):
                out[-1][0].append(text)
            else:
                out.append(([text], bold > 0, italic > 0))

        def rstrip_last() -> None:
            """The last piece without trailing spaces (before a line break)."""
            if not out:
                return
            frags = out[-1][0]
            while frags and not frags[-1].rstrip(" "):
                frags.pop()
            if frags:
                frags[-1] = frags[-1].rstrip(" ")

        for c in tok.children or []:
            t = c.type
            if t in ("text", "code_inline"):
                add(c.content.replace(_MARK, ""))
            elif t in ("softbreak", "hardbreak"):
                rstrip_last()
                add("\n" if t == "softbreak" else _HARD + "\n")
            elif t == "strong_open":
                bold += 1
            elif t == "strong_close":
                bold -= 1
            elif t == "em_open":
                italic += 1
            elif t == "em_close":
                italic -= 1
            elif t == "link_open":
                href = c.attrGet("href") or ""
                self.anchor_links += 1 if str(href).startswith("#") else 0
            elif t == "image":
                self.dropped["image"].append(line)
            elif t == "html_inline":
                self.dropped["html"].append(line)
        return [("".join(frags), b, i) for frags, b, i in out]

    def para(
        self,
        pieces: list[Piece],
        line: int,
        kind: Kind | None = None,
        level: int | None = None,
        prefix: str = "",
    ) -> list[RawPara]:
        """One Markdown paragraph; split where a line break ends a sentence or the next line
        opens with a full-width indent (Chinese text pasted line per paragraph)."""
        if prefix:
            pieces = [(prefix, False, False)] + pieces
        out: list[RawPara] = []
        for k, segment in enumerate(_segments(pieces) if level is None else [_join_breaks(pieces)]):
            rp = self._one(segment, line + k if level is None else line, kind, level)
            if rp is not None:
                self.made.add()
                out.append(rp)
        return out

    def _one(self, pieces: list[Piece], line: int, kind: Kind | None, level: int | None) -> RawPara | None:
        text, runs = clean_runs(line, pieces, self.options.repair, self.diags)
        if not text.strip():
            return None
        rp = RawPara(text=text, line=line, lines=[line], offsets=[0], kind=kind, level=level)
        if level is None and kind in (None, "quote", "list_item") and runs:
            if kind is None and all(r.bold for r in runs if r.text.strip()):
                rp.kind = Kind.BOLD_LINE
            else:
                rp.runs = runs
                rp.lead = bold_lead(runs, text) if kind is None else None
        return rp

    def blocks(self, tokens: list[Token]) -> list[RawPara]:
        paras: list[RawPara] = []
        context: list[Kind] = []  # enclosing blockquote / list item kinds
        ordered: list[bool] = []
        # An ordered item's number is content: it opens the item's first paragraph or heading.
        # Items nested directly in items ("1. - text", "1. 2. text") carry their numbers
        # inward; an item with no paragraph or heading keeps its number as one of its own.
        pending_marker: str = ""
        marker_line = 0
        opened = 0  # list items opened since the last paragraph or heading (carried inward)
        i = 0

        def flush_marker() -> None:
            """An item's number that no paragraph or heading opens keeps its place as one of
            its own: before its code, table or rule, or at the item's end."""
            nonlocal pending_marker
            if pending_marker:
                rp = RawPara(
                    text=pending_marker, line=marker_line, lines=[marker_line], offsets=[0], kind=Kind.LIST_ITEM
                )
                self.made.add()
                paras.append(rp)
                pending_marker = ""

        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            if t in _NO_MARKER_BLOCKS:
                flush_marker()  # (its number went after the code: the order changed)
            if t == "blockquote_open":
                context.append(Kind.QUOTE)
            elif t == "blockquote_close":
                context.pop()
            elif t == "list_item_close":
                flush_marker()
                context.pop()
            elif t in ("bullet_list_open", "ordered_list_open"):
                ordered.append(t == "ordered_list_open")
            elif t in ("bullet_list_close", "ordered_list_close"):
                ordered.pop()
            elif t == "list_item_open":
                context.append(Kind.LIST_ITEM)
                opened += 1
                pending_marker += f"{tok.info}{tok.markup}" if ordered and ordered[-1] else ""
                marker_line = self.line(tok)
            elif t == "heading_open":
                level = int(tok.tag[1])
                paras.extend(self.para(self.inline(tokens[i + 1]), self.line(tok), level=level, prefix=pending_marker))
                pending_marker = ""
                opened = 0
                i += 3
                continue
            elif t == "paragraph_open":
                kind = context[-1] if context else None
                before = self.anchor_links
                pieces = self.inline(tokens[i + 1])
                if (
                    kind == Kind.LIST_ITEM
                    and self.anchor_links > before
                    and all(c.type in ("link_open", "link_close", "text") for c in tokens[i + 1].children or [])
                ):
                    self.toc_items += 1  # an entry of a generated table of contents
                else:
                    new = self.para(pieces, self.line(tok), kind=kind, prefix=pending_marker)
                    depth = context.count(Kind.LIST_ITEM) - max(opened - 1, 0)  # "1. - text" is one item
                    if kind == Kind.LIST_ITEM and depth >= 2:
                        for rp in new:
                            rp.list_level = depth
                    paras.extend(new)
                pending_marker = ""
                opened = 0
                i += 3
                continue
            elif t == "fence" and tok.info.strip().lower() in PROSE_FENCES and _prose(tok.content):
                paras.extend(self.prose_fence(tok))
            elif t in ("fence", "code_block"):
                text = tok.content.rstrip("\n")
                if t == "fence" and content_chars(tok.info):  # ```2024年要点: the info line is text
                    text = f"{tok.info.strip()}\n{text}" if text else tok.info.strip()
                if text.strip():
                    line = self.line(tok)
                    self.made.add()
                    paras.append(RawPara(text=text, line=line, lines=[line], offsets=[0], kind=Kind.CODE))
            elif t == "html_block":
                self.dropped["html"].append(self.line(tok))
                if not tok.content.lstrip().startswith("<!--"):
                    for hp in html_paragraphs(tok.content):  # the text a web page's markup holds
                        kept = self._one(hp.pieces, self.line(tok) + hp.line - 1, None, hp.level)
                        if kept is not None:
                            self.made.add()
                            paras.append(kept)
                elif content_chars(tok.content):  # a comment holding text, maybe all of it (left open)
                    first, end = tok.map or (0, 1)
                    self.diags.append(
                        Diagnostic(
                            "warning",
                            "md-html-text",
                            f"dropped HTML holding text: lines {self.source_line(first)}–"
                            f"{self.source_line(end - 1, last=True)} ({self.source_lines(first, end)} lines;"
                            " an HTML comment or tag left open?)",
                            self.source_line(first),
                        )
                    )
            elif t == "hr":
                self.made.add()
                paras.append(RawPara(text="", line=self.line(tok), lines=[self.line(tok)], offsets=[0], kind=Kind.RULE))
            elif t == mdtable.TOKEN:
                self.table(tok, paras)
            i += 1
        return paras

    def cell(self, source: str, line: int, parsed: int) -> str:
        """A cell's text: its inline markup parsed when it has any (a cell without a mark
        is its own text), cleaned like a paragraph's; ``line``: the table's line number,
        ``parsed``: its parsed line index."""
        if any(ch in source for ch in mdguard.INLINE_MARKS):
            tok = self.parse_inline(source)
            tok.map = [parsed, parsed + 1]  # for the line of what it drops
            text = _text(_join_breaks(self.inline(tok)))
        else:
            text = mdguard.restored(source)
        cleaned, _ = clean_runs(line, [(text, False, False)], self.options.repair, self.diags)
        return cleaned

    def table(self, tok: Token, paras: list[RawPara]) -> None:
        line = self.line(tok)
        parsed = tok.map[0] if tok.map else 0
        rows = [tuple(self.cell(c, line, parsed) for c in row) for row in tok.meta["rows"]]
        wide = tok.meta["wide"]
        if wide:
            self.diags.append(
                Diagnostic(
                    "info",
                    "md-table-wide",
                    f"{len(wide)} table row(s) with more cells than the header (first at line "
                    f"{self.source_line(wide[0])}): every cell kept, the table as wide as its widest row",
                    self.source_line(wide[0]),
                )
            )
        if rows:
            self.made.add()
            paras.append(
                RawPara(
                    text="".join("".join(r) for r in rows),
                    line=line,
                    lines=[line],
                    offsets=[0],
                    kind=Kind.TABLE,
                    rows=tuple(rows),
                )
            )

    def report(self) -> None:
        if self.toc_items:
            self.diags.append(
                Diagnostic(
                    "info", "md-toc", f"dropped a table of contents of {self.toc_items} link(s) to headings", None
                )
            )
        for key, what in (("image", "image(s) (and badges)"), ("html", "HTML tag(s) or comment(s)")):
            lines = self.dropped[key]
            if lines:
                where = ", ".join(str(n) for n in lines[:5]) + (" …" if len(lines) > 5 else "")
                self.diags.append(
                    Diagnostic("info", f"md-{key}", f"dropped {len(lines)} {what} (lines {where})", lines[0])
                )


def _lines(pieces: list[Piece]) -> Iterator[tuple[list[Piece], bool]]:
    """Pieces cut into source lines at the line breaks ("\n"), hard-break marks removed,
    each with whether a hard break ended it; one line at a time (a paragraph may hold
    millions)."""
    line: list[Piece] = []
    hard = False
    for text, b, i in pieces:
        start = 0
        while True:
            end = text.find("\n", start)
            part = text[start:] if end < 0 else text[start:end]
            if _HARD in part:
                hard = hard or part.endswith(_HARD)
                part = part.replace(_HARD, "")
            if part:
                line.append((part, b, i))
            if end < 0:
                break
            yield line, hard
            line, hard = [], False
            start = end + 1
    yield line, hard


def _text(line: list[Piece]) -> str:
    return line[0][0] if len(line) == 1 else "".join(p[0] for p in line)


def _plain(pieces: list[Piece]) -> bool:
    """No emphasis: the pieces are only ever read as one text (:func:`.clean_runs`)."""
    return not any(b or i for _, b, i in pieces)


#: Pieces a plain :class:`_Joined` holds before it joins their texts into a chunk.
_CHUNK = 1024


class _Joined:
    """Source lines glued into one: a space between Latin words, nothing between Chinese
    characters, the spaces at the joint dropped. ``plain`` (:func:`_plain`): the texts are
    joined into chunks as they come, so two million glued lines cost their characters,
    not a piece each."""

    __slots__ = ("chunks", "pieces", "plain")

    def __init__(self, line: list[Piece], plain: bool) -> None:
        self.plain = plain
        self.pieces: list[Piece] = []  # the pieces (plain: those after the chunks)
        self.chunks: list[str] = []  # plain: the texts of the pieces before, joined
        self._add(line)

    def _add(self, line: list[Piece]) -> None:
        self.pieces.extend(line)
        if self.plain and len(self.pieces) > _CHUNK:  # the last piece stays: a joint trims it
            self.chunks.append(_text(self.pieces[:-1]))
            del self.pieces[:-1]

    def tail(self) -> str:
        """The end of the text: its last pieces, enough to hold two characters that are
        not white space (or all of it). Decisions about how a line ends need no more, and
        joining the whole of a growing paragraph once per source line is quadratic."""
        tail = ""
        pieces = self.pieces
        for k in range(len(pieces) - 1, -1, -1):
            tail = pieces[k][0] + tail
            if len(tail.rstrip()) >= 2:
                return tail
        for text in reversed(self.chunks):
            tail = text + tail
            if len(tail.rstrip()) >= 2:
                break
        return tail

    def text(self) -> str:
        return "".join(self.chunks) + _text(self.pieces)

    def glue(self, line: list[Piece], tail: str | None = None, text: str | None = None) -> None:
        """``line`` joined on (``tail``: :meth:`tail` without its end spaces, ``text``:
        the line's text, when the caller has them)."""
        ta = self.tail().rstrip(" ") if tail is None else tail
        tb = (_text(line) if text is None else text).lstrip(" \u3000")
        sep = "" if not ta or not tb or _CJK.match(ta[-1]) or _CJK.match(tb[0]) else " "
        a = self.pieces
        if a:
            a[-1] = (a[-1][0].rstrip(" ") + sep, a[-1][1], a[-1][2])
        if line:
            line = [(line[0][0].lstrip(" \u3000"), line[0][1], line[0][2]), *line[1:]]
        self._add(line)

    def result(self) -> list[Piece]:
        return [(self.text(), False, False)] if self.chunks else self.pieces


def _join_breaks(pieces: list[Piece]) -> list[Piece]:
    """All lines of a heading or cell joined into one."""
    lines = _lines(pieces)
    joined = _Joined(next(lines)[0], _plain(pieces))
    for line, _ in lines:
        joined.glue(line)
    return joined.result()


#: Longest line of a post's metadata (作者：…, 发布时间：…) kept on a line of its own.
FIELD_LINE_MAX = 40


def _stands_alone(line: str) -> bool:
    """A line never glued to its neighbour: a breadcrumb, a date, a label, a cue, a field
    of a post's metadata (作者：某某 / 发布时间：2026-03-15)."""
    return bool(line) and (
        cues.is_breadcrumb(line)
        or cues.is_structural(line)
        or cues.is_cue(line)
        or cues.is_caption(line)
        or (len(line) <= FIELD_LINE_MAX and (cues.is_form_field(line) or cues.byline_field(line)))
    )


def _ends_short(line: str) -> bool:
    """A Chinese line that ends where no machine and no writer's clause break would: a
    numbered heading (一、充分肯定成绩) or a line shorter than a wrapped one with no
    punctuation at all (a title) — the text reader's tests (:mod:`.unwrap`), for Chinese
    typed one line per paragraph without blank lines. A short line with a comma in it is a
    clause the writer broke after (semantic line breaks): it goes on."""
    line = line.strip()
    if not _HAN_END.search(line):
        return False
    return is_heading_line(line) or (len(line) < WRAP_MIN and not _PUNCT.search(line))


def _segments(pieces: list[Piece]) -> Iterator[list[Piece]]:
    """A paragraph's lines regrouped: Chinese pasted one line per paragraph splits where a
    soft line break ends a sentence, a line too short to have been wrapped or a numbered
    heading, or the next line is indented; a hard break (two trailing spaces) is a break
    inside the paragraph, not the end of one. One at a time: two million short lines are
    two million paragraphs, which the reader stops counting at ``max_blocks``."""
    plain = _plain(pieces)
    lines = _lines(pieces)
    line, hard = next(lines)  # hard: a hard break ended the line before the next
    cur = _Joined(line, plain)
    single = True  # cur is one source line: only such a line can stand alone
    for line, ends_hard in lines:
        prev = cur.tail().rstrip(" ")
        nxt = _text(line)
        ended = cues.ends_terminal(prev) and _CJK.match(prev[-1:] or " ") and not hard
        alone = single and (_stands_alone(cur.text().rstrip(" ")) or (not hard and _ends_short(prev)))
        if nxt.startswith("\u3000") or ended or alone or _stands_alone(nxt.strip()):
            yield cur.result()
            cur = _Joined(line, plain)
            single = True
        else:
            cur.glue(line, prev, nxt)
            single = False
        hard = ends_hard
    yield cur.result()


#: Share of the running text inside block quotes that makes the quote the speech itself,
#: and the fewest quoted paragraphs that can.
QUOTED_SPEECH_SHARE = 0.8
QUOTED_SPEECH_MIN = 3


#: A list item's number as Markdown prints it in front of the item's text (1. / 1)).
_ITEM_NUMBER = re.compile(r"\d{1,3}[.)]")
#: Items a list needs, each opening with a bold lead over its prose, to be sections.
LEAD_ITEMS_MIN = 2


def _lead_items(paras: list[RawPara], diags: list[Diagnostic]) -> None:
    """A list whose every item opens with a bold sentence over a paragraph of prose
    (``1. **感恩公司的培养。**三年前…``) lists the speech's points, not short items: its
    items are paragraphs led by those sentences, for the structure rules to rank like
    ``1.感恩公司的培养。…`` typed as text. Top-level items only, the whole list or none."""
    k = 0
    while k < len(paras):
        if paras[k].kind != Kind.LIST_ITEM or paras[k].list_level is not None:
            k += 1
            continue
        j = k
        while j < len(paras) and paras[j].kind == Kind.LIST_ITEM and paras[j].list_level is None:
            j += 1
        leads = [_item_lead(p) for p in paras[k:j]]
        if j - k >= LEAD_ITEMS_MIN and all(leads):
            for p, lead in zip(paras[k:j], leads):
                p.kind, p.lead = None, lead
            diags.append(
                Diagnostic(
                    "info",
                    "lead-items",
                    f"read the list of lines {paras[k].line}–{paras[j - 1].line} as paragraphs: every item opens"
                    " with a bold sentence over its prose",
                    paras[k].line,
                )
            )
        k = j


def _item_lead(p: RawPara) -> str | None:
    """The bold lead of a list item (after its number, if it has one) over enough prose."""
    runs = p.runs
    if not runs:
        return None
    number = runs[0].text if not runs[0].bold and _ITEM_NUMBER.fullmatch(runs[0].text.strip()) else ""
    lead = bold_lead(runs[1:] if number else runs, p.text[len(number) :])
    if lead is None or len(p.text) - len(number) - len(lead) < SERIES_REST_MIN:
        return None
    return p.text[: len(number) + len(lead)]


def _quoted_speech(paras: list[RawPara], diags: list[Diagnostic]) -> None:
    """A post that reposts a whole speech often sets it in one block quote (> 同志们：…):
    the quote is then the speech, read for its structure like any text, not set as a
    quotation inside it."""
    body = [p for p in paras if p.level is None and p.kind in (None, Kind.QUOTE)]
    quoted = [p for p in body if p.kind == Kind.QUOTE]
    if len(quoted) < QUOTED_SPEECH_MIN or sum(len(p.text) for p in quoted) < QUOTED_SPEECH_SHARE * sum(
        len(p.text) for p in body
    ):
        return
    for p in quoted:
        p.kind = None
        p.lead = bold_lead(p.runs, p.text) if p.runs else None
    last = max(quoted[-1].lines or [quoted[-1].line])
    diags.append(
        Diagnostic(
            "info",
            "quoted-speech",
            f"the text is a block quote (lines {quoted[0].line}–{last}): read as the speech, not set as a quotation",
            quoted[0].line,
        )
    )


def _pieces_by_rules(paras: list[RawPara]) -> list[list[RawPara]] | None:
    """Parts between horizontal rules, when every part opens with its own heading."""
    if not any(p.kind == Kind.RULE for p in paras):
        return None
    parts: list[list[RawPara]] = [[]]
    for p in paras:
        if p.kind == Kind.RULE:
            parts.append([])
        else:
            parts[-1].append(p)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    first_is_title = parts[0][0].kind == Kind.TITLE and len(parts[0]) <= 3
    body = parts[1:] if first_is_title else parts
    if len(body) < 2 or not all(p[0].level is not None for p in body):
        return None
    if any(match_ordinal(p[0].text) is not None and piece_label(p[0].text) is None for p in body):
        return None  # 一、… after each rule: a speech's sections set apart, not pieces
    return parts


def read_markdown(text: str, options: ReadOptions, diags: list[Diagnostic]) -> Document:
    """Structure from already-decoded Markdown (also used for sniffed ``.txt`` files)."""
    lines, d = split_lines(text)
    diags.extend(d)
    skip = _front_matter(lines)
    if skip:
        diags.append(Diagnostic("info", "front-matter", f"dropped the YAML front matter (lines 1–{skip})", 1))
    from markdown_it import MarkdownIt  # here, not at the top: the CLI starts without it

    md = mdtable.use(mdguard.guarded(MarkdownIt("commonmark").enable(["table", "strikethrough"])))
    env: dict[str, Any] = {}
    front = _front_values(lines[1 : skip - 1], 2) if skip else {}
    source = _prepare(lines[skip:] if skip else lines, env)
    del lines  # a line each: millions of objects for a file of short lines
    tokens = mdguard.restore(md.parse(source, env))

    def parse_inline(source: str) -> Token:
        """One table cell's inline markup, as the inline token markdown-it would have made."""
        (tok,) = mdguard.restore(md.parseInline(source, env))
        return tok

    line_map = (env[LINE_MAP], env[LINE_LAST]) if LINE_MAP in env else None
    r = _Reader(options, diags, skip, line_map, parse_inline)
    paras = r.blocks(tokens)
    r.report()
    _quoted_speech(paras, diags)
    _lead_items(paras, diags)
    diags.extend(mdguard.diagnostics(env, r.source_line))
    bold_title_block(paras)
    bold_lines(paras)
    top = _heading_title(paras, _below_file_name(paras, options.source, "title" in front), diags)
    if skip and not any(p.kind == Kind.TITLE for p in paras[: top + 1]):
        _front_title(paras, front, diags, top)
    parts = _pieces_by_rules(paras)
    if parts is None:
        doc = build_document(paras, diags, options.source, explain=options.explain)
    else:
        doc = _collection(parts, diags, options.source, options.explain)
    return doc


def _collection(parts: list[list[RawPara]], diags: list[Diagnostic], source: str | None, explain: bool) -> Document:
    """One speech per rule-separated part; each part's opening heading is its title."""
    title: dict[str, str | None] = {"title": None, "subtitle": None, "author": None, "date": None}
    speeches: list[Speech] = []
    start = 0
    if parts[0][0].kind == Kind.TITLE:
        head = build_document(parts[0], [], source, explain=explain)
        title = {"title": head.title, "subtitle": head.subtitle, "author": head.author, "date": head.date}
        lead = [b for s in head.speeches for b in s.blocks]
        if lead:
            speeches.append(Speech(blocks=tuple(lead)))
        start = 1
    for part in parts[start:]:
        first = replace(part[0], level=None, kind=Kind.TITLE)
        got = build_document([first] + part[1:], diags, source, explain=explain)
        for k, s in enumerate(got.speeches):
            if k == 0:
                s = replace(s, title=got.title, subtitle=got.subtitle, author=got.author, date=got.date)
            speeches.append(s)
    check_headings(speeches)
    diags.append(
        Diagnostic(
            "info", "md-pieces", f"{len(speeches)} pieces separated by horizontal rules, each with its own title", None
        )
    )
    return Document(
        speeches=tuple(speeches),
        diagnostics=tuple(sorted(diags, key=lambda d: (d.line is None, d.line or 0))),
        source=source,
        **title,
    )


class MarkdownReader:
    name = "md"
    extensions = EXTENSIONS["md"]
    description = "Markdown (CommonMark + tables): headings, bold leads, lists, quotes, code kept as notes"

    def read(self, data: bytes, options: ReadOptions) -> Document:
        decoded = decode(data)
        diags = list(decoded.diagnostics)
        return read_markdown(decoded.text, options, diags)

    def read_text(self, text: str, options: ReadOptions, diags: list[Diagnostic]) -> Document:
        """Already-decoded text (a ``.txt`` file the text reader found to be Markdown)."""
        return read_markdown(text, options, diags)


READER = MarkdownReader()
