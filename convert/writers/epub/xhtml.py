"""The model as XHTML content documents: a title page and one chapter per speech.

Markup is built as an element tree, never by string pasting, so ``<``, ``&`` and quotes in
a manuscript are always escaped; characters XML forbids (stray control codes from a pasted
PDF) are dropped first, since no reader could display them. The tree is the standard
library's (``xml.etree.ElementTree``, its elements in C): lxml, which the DOCX writer and
the Word reader need, took a tenth of an EPUB run's instructions to import, for documents
that only need building and writing out. Names are written as XHTML spells them
(``epub:type``, with the namespaces declared on ``html``), so the serialiser invents no
prefixes.

Structure, chosen so that screen readers and e-reader outlines agree with the print:
the collection title is the title page's ``h1``; a speech's label and title share the
chapter's ``h1``; a heading of level N is ``h(N+1)`` (capped at ``h6``) opening a
``section``; a run-in lead is a ``span role="heading" aria-level="N+1"`` at the start of
its paragraph, carrying the id the navigation points to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, tostring

from ...model import Document, Heading, Note, Paragraph, Run, Speech, Table
from ...style import role_level
from ..segment import word_boundaries
from ..walk import bracketed, display_title, list_nesting_indent, list_number_width, printed_label, steps

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
LANG = "zh-CN"
STYLESHEET = "style.css"

#: XML 1.0 forbids C0 controls except tab/LF/CR, lone surrogates and U+FFFE/U+FFFF;
#: C1 controls are allowed but "discouraged" and invisible, so they go too.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: Deepest heading level listed in the navigation (the issue: "down to level 2").
NAV_DEPTH = 2


def clean(text: str) -> str:
    """Text safe for an XML text node."""
    return _FORBIDDEN.sub("", text)


@dataclass
class NavEntry:
    """One line of the table of contents: where it points and what nests under it."""

    title: str
    href: str
    uid: str
    children: list[NavEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ContentDoc:
    """A finished XHTML file for the package."""

    file_name: str
    uid: str
    title: str
    content: bytes


def _sub(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    el = SubElement(parent, tag)
    for key, value in attrs.items():
        el.set(_attr_name(key), value)
    if text is not None:
        el.text = clean(text)
    return el


def _meta_lines(parent, holder) -> None:
    """Subtitle, byline and date of a collection or a speech, each a classed ``p``."""
    for value, cls in ((holder.subtitle, "subtitle"), (holder.author, "byline"), (holder.date, "date")):
        if value:
            _sub(parent, "p", value, class_=cls)


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def escaped_text(value: str) -> bytes:
    """``value`` escaped for element text, for documents written as bytes (NCX, nav)."""
    return value.translate(_TEXT_ESCAPES).encode("utf-8")


def escaped_attr(value: str) -> bytes:
    """``value`` escaped for a double-quoted attribute value."""
    return value.translate(_ATTR_ESCAPES).encode("utf-8")


def _attr_name(key: str) -> str:
    if key == "class_":
        return "class"
    if key == "epub_type":
        return "epub:type"
    return key.replace("_", "-")


def new_document(title: str, *, body_type: str | None = None, stylesheet: str = STYLESHEET) -> tuple[Element, Element]:
    """An empty XHTML5 document with the language set both ways readers look for it."""
    root = Element("html", {"xmlns": XHTML_NS, "xmlns:epub": EPUB_NS, "lang": LANG, "xml:lang": LANG})
    head = _sub(root, "head")
    meta = _sub(head, "meta")
    meta.set("charset", "utf-8")
    _sub(head, "title", title)
    _sub(head, "link", rel="stylesheet", type="text/css", href=stylesheet)
    body = _sub(root, "body")
    if body_type:
        body.set("epub:type", body_type)
    return root, body


#: Elements after which a line break changes nothing on the page. A pretty printer is not
#: used: it would indent inside ``pre`` and inside inline-only paragraphs.
_BLOCKS = frozenset(
    (
        "head",
        "meta",
        "title",
        "link",
        "body",
        "section",
        "header",
        "aside",
        "div",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
        "ol",
        "li",
    )
)
_CONTAINERS = frozenset(("html", "head", "body", "section", "header", "aside", "div", "table", "thead", "tbody", "tr"))
_PROLOG = "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n"


def serialize(root: Element) -> bytes:
    """XHTML bytes with one block per line, so the files stay readable and diffable."""
    for el in root.iter():
        if el.tag in _CONTAINERS:
            if not (el.text or "").strip() and len(el):
                el.text = "\n"
            for child in el:
                if child.tag in _BLOCKS:
                    child.tail = "\n"
    return (_PROLOG + tostring(root, encoding="unicode", short_empty_elements=True) + "\n").encode("utf-8")


def _append_text(parent: Element, text: str) -> None:
    """Append text after the parent's last child (the tree keeps it in ``tail``)."""
    text = clean(text)
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def add_runs(parent: Element, runs: tuple[Run, ...]) -> None:
    """Inline runs: notes as ``span.note``, bold as ``strong``, italic as ``em``."""
    plain: list[str] = []  # consecutive plain runs, joined once (not a growing tail)
    for run in runs:
        if run.plain:
            plain.append(run.text)
            continue
        if plain:
            _append_text(parent, "".join(plain))
            plain = []
        target = parent
        if run.note:
            target = _sub(target, "span", class_="note")
        if run.bold:
            target = _sub(target, "strong")
        if run.italic:
            target = _sub(target, "em")
        target.text = clean(run.text)
    if plain:
        _append_text(parent, "".join(plain))


def heading_tag(level: int) -> str:
    return f"h{min(level + 1, 6)}"


def heading_class(level: int) -> str:
    """The style role's number: levels past 4 look like level 4 (``Style.heading_role``)."""
    return f"h{role_level(level)}"


_PARA_CLASS = {
    "greeting": "greeting",
    "closing": "closing",
    "signature": "signature",
    "quote": "quote",
    "list_item": "item",
}


def _paragraph(
    parent: Element, para: Paragraph, lead: Heading | None, lead_id: str | None, item_indent: float = 2.0
) -> None:
    p = _sub(parent, "p")
    cls = _PARA_CLASS.get(para.role)
    if cls:
        p.set("class", cls)
    if lead is not None:
        _lead_span(p, lead, lead_id)
    add_runs(p, para.runs)
    if para.role == "list_item":
        _hang(p, (lead.text if lead is not None else "") + para.text, item_indent, list_nesting_indent(para))


def _hang(p: Element, text: str, indent: float, nesting: float) -> None:
    """A list item's hanging indent, as wide as its printed number (``1.``, ``（12）``), so
    the number stands out: the number at the paragraph's first-line ``indent`` (em), the
    lines after it under the text; an item of a nested list ``nesting`` em further in.
    A negative ``indent``: the style sets no hanging indent, only the nesting."""
    hang = list_number_width(text) if indent >= 0 else 0.0
    if hang:
        p.set("style", f"padding-left: {indent + nesting + hang:g}em; text-indent: -{hang:g}em;")
    elif nesting:
        p.set("style", f"margin-left: {nesting:g}em;")


def _lead_span(p: Element, lead: Heading, lead_id: str | None) -> Element:
    span = _sub(
        p,
        "span",
        lead.text,
        class_=f"lead l{heading_class(lead.level)[1:]}",
        role="heading",
        aria_level=str(min(lead.level + 1, 6)),
    )
    if lead_id:
        span.set("id", lead_id)
    return span


def _note(parent: Element, note: Note, first_of_notes: bool, brackets: str) -> None:
    if note.kind == "code":
        _sub(parent, "pre", note.text, class_="note code")
        return
    if note.kind == "caption":
        _sub(parent, "p", note.text, class_="caption")
        return
    if note.kind == "cue":  # a stage direction: in brackets, in the lead face, not a note to read
        _sub(parent, "p", bracketed(note.text, brackets), class_="cue")
        return
    aside = _sub(parent, "aside", class_=f"note {note.kind}" + (" first" if first_of_notes else ""), role="note")
    lines = list(note.text.split("\n")) or [""]
    for line in lines:
        _sub(aside, "p", line)


def _table(parent: Element, table: Table) -> None:
    el = _sub(parent, "table")
    rows = list(table.rows)
    if table.header and rows:
        thead = _sub(el, "thead")
        tr = _sub(thead, "tr")
        for cell in rows[0]:
            _cell(_sub(tr, "th", scope="col"), cell)
        rows = rows[1:]
    if rows:
        tbody = _sub(el, "tbody")
        for row in rows:
            tr = _sub(tbody, "tr")
            for cell in row:
                _cell(_sub(tr, "td"), cell)


def _cell(td: Element, text: str) -> None:
    """A cell's text; each "\\n" (paragraphs of a Word cell) is a line break."""
    for k, line in enumerate(text.split("\n")):
        if k:
            _sub(td, "br")
        _append_text(td, line)


def title_with_breaks(parent: Element, text: str) -> None:
    """A title whose lines may break only between words: ``<wbr/>`` at each word boundary,
    and the stylesheet's ``word-break: keep-all`` forbids breaks anywhere else."""
    text = clean(text)
    pos = 0
    for cut in sorted(word_boundaries(text)):
        _append_text(parent, text[pos:cut])
        _sub(parent, "wbr")
        pos = cut
    _append_text(parent, text[pos:])


#: A speech's content document is closed, and the speech goes on in a new one, before the
#: first heading after it holds this much (characters, and :data:`BLOCK_WEIGHT` a block):
#: about half a megabyte of XHTML. E-readers page through a long file slowly (calibre splits
#: at 260 KB), and a speech of 216,000 headings as one tree took 400 MB. A speech with no
#: heading to split before is split before any block at twice this.
SPLIT_WEIGHT = 150_000
BLOCK_WEIGHT = 50


class _Parts:
    """The content documents of one speech: the one being built and those done. A part
    after the first opens its chapter and the sections still open again, each labelled
    with its heading's text (the heading itself is in an earlier part)."""

    def __init__(self, speech: Speech, index: int, file_name: str) -> None:
        self.index, self.base = index, file_name
        self.title = display_title(speech, index)
        self.docs: list[ContentDoc] = []
        self.weight = 0
        self.root, body = new_document(self.title, body_type="bodymatter")
        uid = self.uid
        self.chapter = _sub(body, "section", epub_type="chapter", role="doc-chapter", id=uid)
        header = _sub(self.chapter, "header")
        if speech.label or speech.title:
            h1 = _sub(header, "h1", class_="speech")
            if label := printed_label(speech):
                _sub(h1, "span", label, class_="label")
            if speech.title:
                title_with_breaks(_sub(h1, "span", class_="speech-title"), speech.title)
            self.chapter.set("aria-labelledby", f"{uid}-title")
            h1.set("id", f"{uid}-title")
        else:
            self.chapter.set("aria-label", self.title)
        _meta_lines(header, speech)
        if len(header) == 0:
            self.chapter.remove(header)

    @property
    def uid(self) -> str:
        n = len(self.docs) + 1
        return f"s{self.index}" if n == 1 else f"s{self.index}-{n}"

    @property
    def file_name(self) -> str:
        n = len(self.docs) + 1
        return self.base if n == 1 else self.base.replace(".xhtml", f"-{n}.xhtml")

    def close(self) -> None:
        self.docs.append(
            ContentDoc(file_name=self.file_name, uid=self.uid, title=self.title, content=serialize(self.root))
        )

    def next_part(self, stack: list[tuple[int, Element, str]]) -> list[tuple[int, Element, str]]:
        """Close this part and begin the next; the open sections (``stack``) again."""
        self.close()
        self.weight = 0
        self.root, body = new_document(self.title, body_type="bodymatter")
        self.chapter = _sub(body, "section", epub_type="chapter", role="doc-chapter", aria_label=self.title)
        out = [(0, self.chapter, self.title)]
        for level, _, label in stack[1:]:
            out.append((level, _sub(out[-1][1], "section", aria_label=label), label))
        return out


def _weight(block: Heading | Paragraph | Note | Table) -> int:
    if isinstance(block, Table):
        return BLOCK_WEIGHT + sum(len(c) for row in block.rows for c in row)
    return BLOCK_WEIGHT + len(block.text)


def speech_document(
    speech: Speech, index: int, file_name: str, cue_brackets: str = "［］", item_indent: float = -1.0
) -> tuple[list[ContentDoc], NavEntry]:
    """One chapter, in one content document or more (:data:`SPLIT_WEIGHT`), and its entry
    in the table of contents with headings nested by level; ``cue_brackets``: the cue
    role's brackets; ``item_indent``: the first-line indent (em) list items hang from
    (negative: no hanging indent)."""
    parts = _Parts(speech, index, file_name)
    uid = parts.uid
    entry = NavEntry(title=parts.title, href=file_name, uid=f"nav-{uid}")
    # (level, container element, its heading's text) from the outermost section inwards.
    stack: list[tuple[int, Element, str]] = [(0, parts.chapter, parts.title)]
    nav_stack: list[tuple[int, NavEntry]] = [(0, entry)]
    count = 0
    for step in steps(speech):
        block = step.block
        h = step.lead or (block if isinstance(block, Heading) else None)
        if parts.weight >= (SPLIT_WEIGHT if h is not None else 2 * SPLIT_WEIGHT):
            stack = parts.next_part(stack)
        parts.weight += _weight(block) + (_weight(step.lead) if step.lead is not None else 0)
        if h is not None:
            count += 1
            hid = f"{uid}-h{count}"
            while stack[-1][0] >= h.level:
                stack.pop()
            section = _sub(stack[-1][1], "section", aria_labelledby=hid)
            stack.append((h.level, section, h.text))
            if step.lead is not None:
                assert isinstance(block, Paragraph)
                _paragraph(section, block, h, hid, item_indent)
            elif h.run_in:
                p = _sub(section, "p", class_="lead-alone")
                _lead_span(p, h, hid)
            else:
                _sub(section, heading_tag(h.level), h.text, class_=heading_class(h.level), id=hid)
            if h.level <= NAV_DEPTH:
                while nav_stack[-1][0] >= h.level:
                    nav_stack.pop()
                child = NavEntry(title=clean(h.text), href=f"{parts.file_name}#{hid}", uid=f"nav-{hid}")
                nav_stack[-1][1].children.append(child)
                nav_stack.append((h.level, child))
        elif isinstance(block, Paragraph):
            _paragraph(stack[-1][1], block, None, None, item_indent)
        elif isinstance(block, Note):
            _note(stack[-1][1], block, step.first_of_notes, cue_brackets)
        elif isinstance(block, Table):
            _table(stack[-1][1], block)
        else:  # pragma: no cover - exhaustive over Block
            raise TypeError(f"not a block: {block!r}")
    parts.close()
    return parts.docs, entry


def title_document(doc: Document, file_name: str) -> tuple[ContentDoc, NavEntry]:
    """The title page: the collection title as the book's only ``h1`` outside chapters."""
    title = doc.display_title()
    root, body = new_document(title, body_type="frontmatter")
    section = _sub(body, "section", epub_type="titlepage", class_="titlepage", aria_labelledby="book-title")
    title_with_breaks(_sub(section, "h1", class_="title", id="book-title"), title)
    _meta_lines(section, doc)
    content = ContentDoc(file_name=file_name, uid="titlepage", title=title, content=serialize(root))
    return content, NavEntry(title=clean(title), href=file_name, uid="nav-titlepage")


def cover_document(title: str, image: str, file_name: str) -> ContentDoc:
    """A page with the cover image, for readers that open the book at its first page."""
    root, body = new_document(title, body_type="cover")
    div = _sub(body, "div", class_="cover")
    _sub(div, "img", src=image, alt=clean(title), class_="cover", role="doc-cover")
    return ContentDoc(file_name=file_name, uid="cover", title=title, content=serialize(root))


def chapter_file_name(index: int, total: int) -> str:
    width = max(2, len(str(total)))
    return f"speech-{index:0{width}d}.xhtml"
