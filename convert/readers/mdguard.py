"""markdown-it made safe for hostile Markdown: nothing dropped, time linear in the input.

Two guards around the parser, each reported as a diagnostic when it acts:

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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

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


def collapse_blank_lines(lines: list[str], keep: Iterable[int]) -> tuple[list[str], list[int] | None]:
    """Runs of blank lines as one blank line (code lines in ``keep`` stay as they are).

    Markdown gives no meaning to the second blank line, and markdown-it keeps five numbers
    per source line: a file of nothing but line ends would cost gigabytes. Returns the
    lines and, when any were removed, the source index of each remaining line (for the
    line numbers of tokens and diagnostics); None when nothing changed.
    """
    kept = set(keep)
    out: list[str] = []
    where: list[int] = []
    blank = False
    for k, line in enumerate(lines):
        is_blank = not line.strip() and k not in kept
        if is_blank and blank:
            continue
        blank = is_blank
        out.append(line)
        where.append(k)
    return (out, where) if len(out) < len(lines) else (lines, None)


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
    """The marks back in every token's text (placeholders exist only in neutralized blocks)."""
    stack = list(tokens)
    while stack:
        tok = stack.pop()
        if tok.content:
            tok.content = tok.content.translate(_RESTORE)
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
