"""markdown-it made safe for hostile Markdown: nothing dropped, time linear in the input.

Three guards around the parser; the first two are reported as a diagnostic when they act:

* **Depth.** markdown-it stops at ``maxNesting`` (20 token levels) and silently skips
  everything after that point, to the end of the document: ``>`` × 25 loses the deep text,
  a list 30 levels deep loses the rest of the file. A block rule that runs before all others
  takes over at :data:`MAX_DEPTH` levels and reads what is deeper as plain paragraphs, with
  the quote and bullet marks of the deeper levels stripped: flattened, never dropped. It also
  bounds the parser's recursion (one call per level), so 100,000 ``>`` cost linear time.
* **Inline marks.** Every emphasis mark (``*``, ``_``, ``~``) costs markdown-it a token
  and a place in the pairing list, every ``[`` a link-label scan nested up to 20 levels,
  every escape or entity a token of its own (about 1 KB each), and the reader a run to
  clean: a paragraph of a million ``*`` took minutes and gigabytes. In a block (lines
  between blank lines) with more than :data:`MAX_INLINE_MARKS` such characters, they are
  swapped for placeholders the parser reads as plain text and swapped back in the tokens:
  the text stays as written, the markup of that one block is not applied.
* **Lines.** markdown-it keeps five numbers per source line and two tokens per line break
  inside a paragraph: 10 MB of short lines in one paragraph took 2.9 GB. Runs of blank
  lines are parsed as one, and a run of plain lines (no markup, nothing that opens a
  block) as one line whose breaks come back in the tokens (:func:`compact_lines`): the
  same tokens, their line numbers mapped back to the source's.

And one limit, before the parser makes a token: the blocks it would make are counted
(:func:`count_blocks`) against ``max_blocks`` (convert/limits.py), a clean error beyond.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..limits import BlockCount
from ..model import Diagnostic

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

#: Token levels kept as structure (a quote is one level, a list item two, as markdown-it
#: counts them); what is deeper is read as plain paragraphs. Below markdown-it's own 20.
MAX_DEPTH = 16
#: Inline markup characters one block may hold before they are read as text. A real
#: paragraph has a few dozen; a list of a thousand links has four thousand.
MAX_INLINE_MARKS = 5000

ENV_FLATTENED = "speechpress_flattened"
ENV_NEUTRALIZED = "speechpress_neutralized"

#: The characters that start inline markup (emphasis, strikethrough, links and images,
#: code spans, autolinks and HTML, escapes, entities).
INLINE_MARKS = "*_~[]!`<\\&"
#: Stands for the line break between the lines of a folded run (:func:`compact_lines`): a
#: form feed, which the reader has turned into a line break in its source before, and
#: which markdown-it takes for white space where a line break is (a reference label, a
#: link destination's end, a paragraph's ends). Back to what markdown-it makes of a line
#: break in every token (:func:`restore`).
SOFT = "\f"
#: A line break in text as markdown-it leaves it: the one space before it and the indent
#: after it dropped (two spaces before it are a hard break: such lines are not folded).
_SOFT_IN_TEXT = re.compile(" ?\f[ \t]*")
# Noncharacters (never in interchange text) stand in for them while parsing.
_PLACEHOLDER = {ch: chr(0xFDD0 + k) for k, ch in enumerate(INLINE_MARKS)}
_RESTORE = str.maketrans({v: k for k, v in _PLACEHOLDER.items()})
_NEUTRAL = str.maketrans(_PLACEHOLDER)


def strip_container_marks(line: str) -> str:
    """The line without the quote marks and bullets that open it (an ordered list's number
    is content and stays). A plain scan: a regular expression repeating a group keeps state
    per repetition, 170 MB for a million ``>``."""
    pos, n = 0, len(line)
    while pos < n:
        ch = line[pos]
        if ch in " \t>" or (ch in "-*+" and (pos + 1 == n or line[pos + 1] in " \t")):
            pos += 1
        else:
            break
    return line[pos:]


def _flatten_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """At :data:`MAX_DEPTH`, take the rest of this container as plain paragraphs."""
    if state.level < MAX_DEPTH or silent:
        return False
    line = start
    paragraph: list[str] = []
    first = start

    def flush(upto: int) -> None:
        if not paragraph:
            return
        token = state.push("paragraph_open", "p", 1)
        token.map = [first, upto]
        token = state.push("inline", "", 0)
        token.content = "\n".join(paragraph)
        token.map = [first, upto]
        token.children = []
        state.push("paragraph_close", "p", -1)
        paragraph.clear()

    while line < end:
        if state.isEmpty(line):
            flush(line)
        elif state.sCount[line] < state.blkIndent:
            break  # this container ends here; the levels above take the line
        else:
            raw = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
            text = strip_container_marks(raw)
            if text != raw and paragraph:  # a new quote line or item starts a paragraph
                flush(line)
            if not paragraph:
                first = line
            if text.strip():
                paragraph.append(text)
        line += 1
    flush(line)
    state.env.setdefault(ENV_FLATTENED, []).append(start)
    state.line = line
    return True


def guarded(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the depth guard as its first block rule."""
    first = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(first, "speechpress_depth", _flatten_deep)
    return md


#: What gives a line more than plain text anywhere in it: inline markup, a quote's or an
#: HTML block's end, a table cell's bar, a hard break (two spaces at its end).
_MARKUP = re.compile(r"[*_~\[\]!`<>\\&|\f]| {2}$")
#: A line that may open a block: a heading, a rule, a list item, a setext underline.
_OPENS_BLOCK = re.compile(r"[ \t]*(?:[#=+\-]|\d{1,9}[.)])")


def plain_line(line: str) -> bool:
    """A line markdown-it can only read as text: after a line of the same kind it goes on
    that line's paragraph (or HTML block), and it holds no markup that could span lines."""
    return bool(line.strip()) and not _MARKUP.search(line) and not _OPENS_BLOCK.match(line)


def _containers(line: str) -> tuple[str, int, bool]:
    """The line after the quote marks, bullets and list numbers that may open it; how many
    quote marks; whether a list marker was among them."""
    pos, n = 0, len(line)
    quotes, listed = 0, False
    while pos < n:
        ch = line[pos]
        if ch in " \t>":
            quotes += ch == ">"
            pos += 1
            continue
        if ch in "-*+":
            end = pos + 1
        elif ch in _DIGITS:
            end = pos
            while end < n and end - pos < 9 and line[end] in _DIGITS:
                end += 1
            if end == n or line[end] not in ".)":
                break
            end += 1
        else:
            break
        if end == n or line[end] not in " \t":
            break
        pos, listed = end, True
    return line[pos:], quotes, listed


_DIGITS = "0123456789"
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
#: How each kind of HTML block ends (CommonMark's kinds 1-5; the others end at a blank line).
_HTML_ENDS = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
)


def raw_lines(lines: list[str]) -> set[int]:
    """The lines that may be in a fenced code block or an HTML block, wherever it is:
    never fewer than markdown-it's (quote marks and list markers before a fence or a tag
    are looked through; a block is taken to run to its end, where markdown-it may also end
    it with its container). Such a block takes no lazy lines, so a plain line after one
    of its lines may be outside it."""
    out: set[int] = set()
    fence: tuple[str, int, int] | None = None  # the open fence's character, length, quotes
    html: re.Pattern[str] | None = None  # the open HTML block's end (None: a blank line)
    in_html = False
    for k, line in enumerate(lines):
        if fence is None and not in_html and "```" not in line and "~~~" not in line and "<" not in line:
            continue
        rest, quotes, listed = _containers(line)
        m = _FENCE.match(rest)
        opens = m is not None and not (m.group(1)[0] == "`" and "`" in m.group(2))
        if fence is not None:
            out.add(k)
            if (
                m
                and not listed
                and quotes == fence[2]
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= fence[1]
                and not m.group(2).strip(" \t")
            ):
                fence = None
            elif m and opens:  # a fence of another container (the open one ended with it)
                fence = (m.group(1)[0], len(m.group(1)), quotes)
            continue
        if in_html:
            out.add(k)
            if html.search(line) if html is not None else not line.strip():
                in_html = False
            continue
        if m and opens:
            fence = (m.group(1)[0], len(m.group(1)), quotes)
            out.add(k)
        elif rest.startswith("<"):
            html = next((end for start, end in _HTML_ENDS if start.match(rest)), None)
            in_html = html is None or html.search(rest, 1) is None
            out.add(k)
    return out


def quoted(line: str) -> tuple[int, str]:
    """How many quote marks open a line, and the text after them (each mark takes up to
    three spaces before it and one after it, as CommonMark reads them); 0 and the line
    itself when it is not a quote's line, or when a tab is among the marks (its width
    depends on the column)."""
    pos, depth, n = 0, 0, len(line)
    while True:
        j = pos
        while j < n and j - pos < 3 and line[j] == " ":
            j += 1
        if j == n or line[j] != ">":
            break
        depth += 1
        pos = j + 1
        if pos < n and line[pos] == " ":
            pos += 1
    if not depth or "\t" in line[: pos + 4]:
        return 0, line
    return depth, line[pos:]


def compact_lines(
    lines: list[str], keep: Iterable[int], raw: Iterable[int] = ()
) -> tuple[list[str], list[int] | None, list[int] | None]:
    """Fewer lines for the parser, the same tokens.

    * Runs of blank lines as one blank line: Markdown gives no meaning to the second.
    * A run of plain lines (:func:`plain_line`) as one line, joined by :data:`SOFT`. A
      paragraph of two million short lines was five numbers per line in the parser, two
      tokens per line break and a piece per line in the reader: gigabytes for 10 MB. Not
      in ``raw`` blocks (:func:`raw_lines`), nor after a line with a ``|`` in the same
      block (a table's rows may be plain lines); an indented line not after a backtick in
      the same block (a code span open across it would keep the indent a list item's
      lines lose).
    * The same in a quote: lines whose text after the same number of quote marks
      (:func:`quoted`) is plain, and plain lines after them (a quote's paragraph takes
      them lazily), as the first line's marks and the others' text joined.

    Lines in ``keep`` (code) stay as they are. Returns the lines and, when any changed,
    for each remaining line the source index of its first and of its last line (for the
    line numbers of tokens and diagnostics); None, None when nothing changed.
    """
    kept = set(keep)
    unfoldable = kept.union(raw)
    out: list[str] = []
    first: list[int] = []
    last: list[int] = []
    run: list[str] = []  # plain lines folded into out[-1]
    depth = 0  # the quote marks of the run's first line
    blank = False  # out[-1] is a blank line
    table = False  # a line with a "|" since the last blank line
    tick = False  # a line with a "`" since the last blank line
    changed = False

    def fold() -> None:
        if len(run) > 1:
            out[-1] = SOFT.join(run)
        run.clear()

    for k, line in enumerate(lines):
        is_blank = not line.strip() and k not in kept
        if is_blank and blank:
            changed = True
            continue
        marks, text = quoted(line) if line[:4].lstrip(" ")[:1] == ">" else (0, line)
        plain = (
            not is_blank
            and not table
            and k not in unfoldable
            and plain_line(text)
            and not (marks and text.startswith("    "))  # code in a quote
        )
        if plain and run and marks in (0, depth) and not (tick and text[:1] in " \t"):
            run.append(text)
            last[-1] = k
            changed = True
            continue
        fold()
        if plain:
            run.append(line)
            depth = marks
        blank = is_blank
        table = not is_blank and (table or "|" in line)
        tick = not is_blank and (tick or "`" in line)
        out.append(line)
        first.append(k)
        last.append(k)
    fold()
    return (out, first, last) if changed else (lines, None, None)


#: A line that opens a list item with text in it (``- 要点``, ``2. 要点``), a heading, a
#: link reference definition (which makes no block).
_ITEM = re.compile(r"( {0,3})(?:([-*+])|(\d{1,9})([.)]))[ \t]+\S")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_REFERENCE = re.compile(r" {0,3}\[[^\]]*\]:")


def count_blocks(lines: list[str], code: Iterable[int], raw: Iterable[int], blocks: BlockCount) -> None:
    """Count into ``blocks`` (which stops at ``max_blocks``) the blocks markdown-it will
    make of ``lines``, before it makes them: its tokens cost about a kilobyte a block, and
    1.7 million one-line list items took gigabytes before the first one reached the reader.

    No more than it makes (tests/test_block_limit.py checks it against the parser): each
    run of lines between blank lines (a quote's lines read after their marks, so ``>``
    alone separates too) but a run of reference definitions; inside a run, each line that
    opens a heading, a bullet item, a numbered list at 1 or the next item of a list (no
    deeper, the same mark), and the line after a heading. Of ``raw`` lines (fenced code,
    HTML blocks: :func:`raw_lines`) only a fence or a tag that opens a run counts; ``code``
    lines (indented) open a run like any other and are not looked into.
    """
    is_code, is_raw = set(code), set(raw)
    blank = True  # the line before was blank (or there was none)
    item: tuple[int, str] | None = None  # the line before opened a list item: its indent and mark
    heading = False  # the line before was a heading (which is one line)
    for k, line in enumerate(lines):
        text = quoted(line)[1] if line[:4].lstrip(" ")[:1] == ">" else line
        if not text.strip():
            blank, item, heading = True, None, False
            continue
        opens, is_item, is_heading = blank, None, False
        if k in is_raw:
            rest = _containers(text)[0]
            opens = blank and (_FENCE.match(rest) is not None or rest.startswith("<"))
        elif k not in is_code:
            m = _ITEM.match(text)
            if m is not None:
                mark = (len(m.group(1)), m.group(2) or m.group(4))
                sibling = item is not None and mark[0] <= item[0] and mark[1] == item[1]
                opens = blank or m.group(2) is not None or sibling or int(m.group(3)) == 1
                is_item = mark if opens else None
            else:
                is_heading = _ATX.match(text) is not None
                opens = is_heading or heading or (blank and not _REFERENCE.match(text))
        if opens:
            blocks.add()
        blank, item, heading = False, is_item, is_heading


def _marks(line: str) -> int:
    return sum(line.count(ch) for ch in INLINE_MARKS)


def neutralize(lines: list[str], skip: Iterable[int], env: dict[str, Any]) -> list[str]:
    """``lines`` with the inline marks of over-full blocks swapped for placeholders.

    A block is a run of lines between blank lines; ``skip`` are the indexes of lines that
    must stay as they are (code). Records the first line of each changed block in ``env``.
    """
    keep = set(skip)
    out = list(lines)
    block: list[int] = []
    runs = 0

    def close() -> None:
        nonlocal runs
        if runs > MAX_INLINE_MARKS:
            for k in block:
                out[k] = out[k].translate(_NEUTRAL)
            env.setdefault(ENV_NEUTRALIZED, []).append((block[0], runs))
        block.clear()
        runs = 0

    for k, line in enumerate(lines):
        if not line.strip():
            close()
            continue
        if k in keep:
            continue
        block.append(k)
        runs += _marks(line)
    close()
    return out


def restore(tokens: list[Token]) -> list[Token]:
    """The marks back in every token's text (placeholders exist only in neutralized
    blocks), and the line breaks of folded lines (:func:`compact_lines`)."""
    stack = list(tokens)
    while stack:
        tok = stack.pop()
        if tok.content:
            text = tok.content.translate(_RESTORE)
            if SOFT in text:
                if tok.type == "text":
                    text = _SOFT_IN_TEXT.sub("\n", text)
                else:  # a code span's line break is a space; raw HTML keeps its lines
                    text = text.replace(SOFT, " " if tok.type == "code_inline" else "\n")
            tok.content = text
        if tok.children:
            stack.extend(tok.children)
    return tokens


def restored(text: str) -> str:
    """``text`` with the marks back (see :func:`restore`)."""
    return text.translate(_RESTORE)


def diagnostics(env: dict[str, Any], source_line: Callable[[int], int]) -> list[Diagnostic]:
    """What the guards did, as warnings; ``source_line`` maps a parsed line index to the
    source file's line number."""
    out = []
    flattened = [source_line(n) for n in env.get(ENV_FLATTENED, [])]
    if flattened:
        where = ", ".join(str(n) for n in flattened[:5]) + (" …" if len(flattened) > 5 else "")
        out.append(
            Diagnostic(
                "warning",
                "md-too-deep",
                f"quotes or lists nested deeper than {MAX_DEPTH} levels read as plain paragraphs (lines {where})",
                flattened[0],
            )
        )
    for first, runs in env.get(ENV_NEUTRALIZED, []):
        out.append(
            Diagnostic(
                "warning",
                "md-too-many-marks",
                f"{runs:,} markup characters in one paragraph (more than {MAX_INLINE_MARKS:,}): "
                "kept as text, not read as emphasis, links or code",
                source_line(first),
            )
        )
    return out
