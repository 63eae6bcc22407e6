"""What a Word paragraph's formatting says about its role, as rules on the walked body.

The shared structure stage (:mod:`convert.readers.structure`) decides titles, pieces,
headings and levels from text; the Word reader gives it what only the document's
formatting knows, as hints on each :class:`~convert.readers.paragraphs.RawPara`
(``kind``, ``level``, ``lead``, ``runs``). The rules here are small and named:

* :func:`is_list_item` — a paragraph Word numbers through ``numPr`` or a list style, not
  a heading style, not bold, that reads as an item (ends in ；/，, continues the sentence
  that introduced the list, or stands in a run of short siblings), or an empty numbered
  paragraph: a list item with its printed number, never a heading.
* :func:`find_cover` — the lines before the first page break when they are few, short
  and sentence-free: a cover. Its largest line opens the document as its title when it
  is the first line; no cover line is ever a heading.
* :func:`is_form_line` — a cover's form field (项目编号：…, 联系人：…): body text, never
  a heading, a piece or a title-block line (:attr:`~convert.readers.paragraphs.Kind.BODY`);
  above the title it stays above it, and the title is the cover's largest line after it.
* :func:`list_level` — a list item's nesting from its ``numPr`` level (``ilvl``).
* :func:`title_by_outline` — the first paragraph at outline level 0 (or in Heading 1)
  that is unnumbered and alone at its level (or alone centred) is the document title.
* :func:`word_lead` — a bold lead sentence, also when its full stop sits outside the
  bold run (``**大力提振消费**。``).
* :func:`is_code` — a paragraph in a code style or set wholly in a monospace face.
* :func:`toc_titles` — the 目录 line just before a real TOC field goes with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...chars import HAN_RE, LEAD_END, STOPS, count
from ...model import Run
from ..cues import is_form_field
from ..ordinals import match_ordinal
from ..paragraphs import bold_prefix
from ..titleblock import is_byline
from .stylemap import StyleMap, is_monospace
from .walk import WPara, WTable

#: Longest text (without its number) of a list item that stands in a run of siblings.
LIST_ITEM_MAX = 60
#: Ends that make a numbered paragraph an item of an enumeration in any case.
ITEM_ENDS = "；;，,、"
#: Ends of the sentence that introduces a list.
INTRO_ENDS = "：:"
#: A cover has at most this many lines and characters before its page break…
COVER_MAX_LINES = 12
COVER_MAX_CHARS = 300
#: …and no line longer than this.
COVER_LINE_MAX = 60
#: Longest bold lead sentence.
LEAD_MAX = 100
#: Longest paragraph of a text box beside a picture read as the picture's caption.
CAPTION_MAX = 60
#: Share of Han characters above which a monospace paragraph is prose, not code.
CODE_HAN_MAX = 0.3
#: Indentation typed into the text: spaces, ideographic spaces, tabs, no-break spaces.
INDENT = " \t\u3000\u00a0"
#: A caption's opening: a figure or table label with its number.
_CAPTION_START = re.compile(
    r"^(?:图|表|附图|附表|照片|插图|Figure|Fig\.?|Table|Photo)\s*[0-9一二三四五六七八九十]", re.I
)
_TOC_TITLE = re.compile(r"^\s*(?:目\s*录|目\s*次|contents|table of contents)\s*$", re.I)
_SPACED = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff]){1,8}$")

Item = WPara | WTable


def strip_indent(text_runs: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Leading indentation typed into the runs (``　　一、…``) is layout, not text."""
    out = list(text_runs)
    while out:
        t, b, i = out[0]
        rest = t.lstrip(INDENT)
        if rest:
            out[0] = (rest, b, i)
            break
        out.pop(0)
    return out


def word_lead(runs: tuple[Run, ...] | None, text: str) -> str | None:
    """The bold lead sentence opening a paragraph, with the stop that ends it whether or
    not that stop was made bold too; None when there is nothing after it."""
    lead = bold_prefix(runs)
    if lead is None:
        return None
    stripped = lead.rstrip()
    if not stripped:
        return None
    if stripped[-1] not in LEAD_END:
        stop = text[len(lead) : len(lead) + 1]
        if lead != stripped or not stop or stop not in LEAD_END:
            return None
        stripped = lead + stop
    if len(stripped) >= len(text.rstrip()) or len(stripped) > LEAD_MAX or not text.startswith(stripped):
        return None
    return stripped


def is_caption(p: WPara, text: str, styles: StyleMap) -> bool:
    """A caption style; or a short text box paragraph grouped with a picture; or one
    anchored beside a picture that opens like a caption (图1、表2、Figure 3)."""
    if styles.role(p.style)[0] == "caption":
        return True
    if not p.box_picture or len(text) > CAPTION_MAX:
        return False
    return p.box_picture == "group" or bool(_CAPTION_START.match(text))


def is_code(p: WPara, styles: StyleMap) -> bool:
    """A code style, or every visible run in a monospace Latin face with little Chinese."""
    if styles.role(p.style)[0] == "code":
        return True
    visible = [r for r in p.runs if r.text.strip()]
    if not visible or not all(is_monospace(r.font) for r in visible):
        return False
    text = "".join(r.text for r in visible)
    han = count(HAN_RE, text)
    return han <= CODE_HAN_MAX * len(text.replace(" ", ""))


def _body(text: str) -> str:
    return text.strip(INDENT + "\n")


def reads_as_item(text: str) -> bool:
    """Short, at most one sentence, or ending like a member of an enumeration."""
    t = _body(text)
    if t[-1:] in ITEM_ENDS:
        return True
    inner = t[:-1]
    return len(t) <= LIST_ITEM_MAX and not any(c in STOPS for c in inner)


def _numbered(p: WPara) -> bool:
    return bool(p.label) or p.bullet


def _wholly_bold(p: WPara) -> bool:
    visible = [r for r in p.runs if r.text.strip()]
    return bool(visible) and all(r.bold for r in visible)


def list_items(paras: Sequence[WPara], styles: StyleMap) -> set[int]:
    """Indexes (into ``paras``, the body's paragraphs in order) of the list items."""
    out: set[int] = set()
    shown = [k for k, p in enumerate(paras) if _body(p.text) or _numbered(p)]
    run_levels: set[tuple[str, int]] = set()  # (list, level) of the run of items just before
    for n, k in enumerate(shown):
        if n == 0 or shown[n - 1] not in out:
            run_levels = set()
        if _list_item(paras, shown, n, out, run_levels, styles):
            out.add(k)
            key = paras[k].list_key
            if key is not None:
                run_levels.add(key)
    return out


def _list_item(
    paras: Sequence[WPara], shown: list[int], n: int, out: set[int], run_levels: set[tuple[str, int]], styles: StyleMap
) -> bool:
    p = paras[shown[n]]
    if not _numbered(p) or p.outline is not None or styles.role(p.style)[0] in ("heading", "title", "subtitle"):
        return False
    if p.bullet:
        return True
    text = _body(p.text)
    if not text:
        return True  # an empty numbered paragraph: Word prints the number alone
    if p.list_key is not None and p.list_key in run_levels:
        return True  # back at a level of the same list after its nested items
    if _wholly_bold(p) or (p.runs and p.runs[0].bold):
        return False
    prev = paras[shown[n - 1]] if n > 0 else None
    nxt = paras[shown[n + 1]] if n + 1 < len(shown) else None
    return is_list_item(p, prev, nxt, prev is not None and shown[n - 1] in out)


def is_list_item(p: WPara, prev: WPara | None, nxt: WPara | None, prev_is_item: bool) -> bool:
    """A numbered paragraph that reads as a member of an enumeration (see the module doc)."""
    text = _body(p.text)
    if text[-1:] in ITEM_ENDS:
        return True
    if prev is not None and prev_is_item and prev.list_key == p.list_key:
        return True
    if not reads_as_item(text):
        return False
    if prev is not None and not _numbered(prev) and _body(prev.text)[-1:] in INTRO_ENDS:
        return True
    siblings = [q for q in (prev, nxt) if q is not None and q.list_key == p.list_key and _numbered(q)]
    return any(reads_as_item(q.text) and not _wholly_bold(q) for q in siblings)


def find_cover(items: Sequence[Item]) -> int | None:
    """How many items open the document as its cover (before the first page break), or
    None when it has no cover."""
    lines = 0
    chars = 0
    for k, it in enumerate(items):
        if isinstance(it, WTable):
            return None
        text = _body(it.text)
        if it.break_before or (it.page_break and k > 0):
            end = k
            break
        if text:
            lines += 1
            chars += len(text)
            if (
                lines > COVER_MAX_LINES
                or chars > COVER_MAX_CHARS
                or len(text) > COVER_LINE_MAX
                or text[-1:] in STOPS
                or match_ordinal(text) is not None
            ):
                return None
        if it.break_after:
            end = k + 1
            break
    else:
        return None
    if lines == 0 or not any(isinstance(it, WTable) or _body(it.text) for it in items[end:]):
        return None
    return end


def is_form_line(text: str) -> bool:
    """A form field of a cover or a letterhead (项目编号：…, 联系人：…), not a speaker line
    (发言人：… is the byline's)."""
    t = _body(text)
    return is_form_field(t) and not is_byline(t)


def list_level(p: WPara) -> int | None:
    """A list item's nesting as Word numbers it: its ``ilvl`` + 1 when below the top."""
    if p.list_key is None or p.list_key[1] <= 0:
        return None
    return p.list_key[1] + 1


def title_lines(cover: Sequence[Item]) -> list[int]:
    """Indexes of the cover's title: its first lines after any form fields above it
    (项目编号：…), when they are its largest."""
    paras = [(k, it) for k, it in enumerate(cover) if isinstance(it, WPara) and _body(it.text)]
    while paras and is_form_line(paras[0][1].text):
        paras.pop(0)
    if not paras:
        return []
    sizes = [max((r.size or 0 for r in it.runs if r.text.strip()), default=0) for _, it in paras]
    top = max(sizes)
    if top == 0:  # no sizes given: a letter-spaced line (策 划 书) is the title
        return [paras[0][0]] if _SPACED.match(_body(paras[0][1].text)) else []
    out = []
    for (k, _), size in zip(paras, sizes):
        if size != top:
            break
        out.append(k)
    if len(out) == len(paras) and len(paras) > 1:
        return []  # every line the same size: no title stands out
    return out


def unspace(text: str) -> str:
    """``策 划 书`` → ``策划书``: letter spacing typed as spaces on a cover."""
    return re.sub(r"[ \u3000]+", "", text) if _SPACED.match(text) else text


def title_by_outline(paras: Sequence[WPara], styles: StyleMap) -> int | None:
    """Index (into ``paras``) of a first paragraph at outline level 1 that is the title."""
    shown = [k for k, p in enumerate(paras) if _body(p.text)]
    if not shown:
        return None

    def level(p: WPara) -> int | None:
        role, lvl = styles.role(p.style)
        if p.outline is not None:
            return p.outline + 1 if p.outline < 9 else None
        return lvl if role == "heading" else None

    first = paras[shown[0]]
    text = _body(first.text)
    if level(first) != 1 or first.label or match_ordinal(text) is not None or any(c in STOPS for c in text):
        return None
    others = [paras[k] for k in shown[1:] if level(paras[k]) == 1]
    if not others or (first.align == "center" and not any(q.align == "center" for q in others)):
        return shown[0]
    return None


def _blank(it: Item) -> bool:
    return isinstance(it, WPara) and not _body(it.text)


def toc_titles(items: Sequence[Item], styles: StyleMap) -> set[int]:
    """Indexes of the 目录 titles of real TOC fields (the line before, or the field's own
    paragraph when its visible text is only that title)."""
    out: set[int] = set()
    for k, it in enumerate(items):
        if not isinstance(it, WPara) or not it.toc:
            continue
        if _TOC_TITLE.match(it.text) or (it.text.strip() and styles.role(it.style)[0] == "toc-heading"):
            out.add(k)
            continue
        j = k - 1
        while j >= 0 and _blank(items[j]):
            j -= 1
        prev = items[j] if j >= 0 else None
        if isinstance(prev, WPara) and (_TOC_TITLE.match(prev.text) or styles.role(prev.style)[0] == "toc-heading"):
            out.add(j)
    return out
