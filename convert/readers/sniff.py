"""Is a ``.txt`` file really Markdown? Decided from the text alone, without importing the
Markdown parser, so plain text pays nothing for the question."""

from __future__ import annotations

import re

_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")
# Every repeated part excludes the character that opens another attempt (``[`` inside a
# link text, ``(`` inside its target, ``*`` inside bold, ``|`` inside a table row): a scan
# from one opener stops at the next, so a line of ten thousand ``[`` costs linear time,
# not one scan to the line end per bracket.
_MARKERS = re.compile(
    r"\*\*[^*\n]+\*\*|\[[^\[\]\n]+\]\([^()\n]+\)|^```|^ {0,3}>\s|^ {0,3}[-*+] \S|^\|[^\n]*\|[ \t]*$", re.M
)


#: A line that opens an HTML block element: a web page's markup copied with its text.
_HTML_LINE = re.compile(r"^\s*<(?:p|div|h[1-6]|section|article|table|ul|ol|li|blockquote)[\s>]", re.I)
#: Lines of HTML that make a ``.txt`` file a copied web page.
HTML_LINES_MIN = 3


def looks_like_markdown(text: str) -> bool:
    """Whether a ``.txt`` file is really Markdown: two ATX headings (``# 标题`` with the space
    CommonMark requires; WeChat hashtags ``#话题#`` have none), or one heading and two other
    Markdown marks (bold, links, fences, quotes, bullets, table rows); or a web page's HTML
    (``<p>…</p>`` lines), which the Markdown reader reads for its text."""
    head = text[:200_000]
    lines = head.splitlines()
    headings = sum(1 for line in lines if _HEADING_LINE.match(line))
    if headings >= 2:
        return True
    if sum(1 for line in lines if _HTML_LINE.match(line)) >= HTML_LINES_MIN:
        return True
    return headings == 1 and len(_MARKERS.findall(head)) >= 2
