"""The text of an HTML block inside Markdown, as paragraphs.

A post copied from a web page often carries its HTML: ``<p>同志们：</p>``,
``<p><strong>一、认清形势</strong></p>``, ``<h1>标题</h1>``. CommonMark makes such lines
HTML blocks, which a Markdown renderer passes through and a reader of text would drop
whole, text and all. Here their text is kept: block elements (p, div, li, h1–h6, br …)
end a paragraph, h1–h6 give a heading level, strong and b make bold runs, and only the
markup itself, comments, scripts and styles are left out. The standard library's
:class:`html.parser.HTMLParser` reads it: lenient, linear, and in every Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose start or end ends the paragraph being read.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "blockquote",
        "header",
        "footer",
        "hr",
        "pre",
    ]
)
#: Elements whose text is no text of the page.
_HIDDEN = frozenset(("script", "style", "template", "noscript"))
_BOLD = frozenset(("strong", "b"))
_ITALIC = frozenset(("em", "i"))


@dataclass
class HtmlPara:
    """One paragraph of an HTML block: the line (within the block, from 1) it starts on,
    its heading level (None: text), and its pieces (text, bold, italic)."""

    line: int
    level: int | None = None
    pieces: list[tuple[str, bool, bool]] = field(default_factory=list)


#: A line break inside an element's text, with the spaces around it: HTML's whitespace.
_LINE_BREAK = re.compile(r"([A-Za-z0-9]?)[ \t]*\n\s*([A-Za-z0-9]?)")


def _joined(m: re.Match[str]) -> str:
    """A line break inside a paragraph: a space between two words of Latin letters, else
    nothing (Chinese runs on across it)."""
    a, b = m.group(1), m.group(2)
    return a + (" " if a and b else "") + b


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[HtmlPara] = []
        self.cur: HtmlPara | None = None
        self.bold = self.italic = self.hidden = 0
        self.level: int | None = None

    def _end(self) -> None:
        if self.cur is not None and "".join(t for t, _, _ in self.cur.pieces).strip():
            self.out.append(self.cur)
        self.cur = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._end()
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                self.level = int(tag[1])
        elif tag in _BOLD:
            self.bold += 1
        elif tag in _ITALIC:
            self.italic += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._end()
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                self.level = None
        elif tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _ITALIC:
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.cur is None:
            if not data.strip():
                return
            self.cur = HtmlPara(line=self.getpos()[0], level=self.level)
        text = _LINE_BREAK.sub(_joined, data if self.cur.pieces else data.lstrip())
        self.cur.pieces.append((text.replace("\xa0", " "), self.bold > 0, self.italic > 0))


def html_paragraphs(source: str) -> list[HtmlPara]:
    """The paragraphs of an HTML block's source, in order."""
    parser = _Paragraphs()
    parser.feed(source)
    parser.close()
    parser._end()
    return parser.out
