"""Headers and footers as package parts, and one section per piece of a collection.

The PDF prints no running head on a piece's first page (it has the piece's title). Word
decides a first page per section (``w:titlePg``), so a collection whose style has a
running head gets one section per piece: each starts on a new page (a "Next Page"
section break, where the label already breaks the page), has an empty first-page header
and footers that number every page, page numbers running on across sections. The pieces'
sections share their headers and footers with the first section by relationship id, so
the file holds each distinct header or footer once. A section ends at its last
paragraph's mark; after a table, or after the TOC (whose field's last paragraph would
leave LibreOffice's page fields empty), at an empty "Section End" paragraph a point high,
which the Word reader skips as furniture. The reader still splits speeches at the labels
and page breaks, which stay.

Without a running head a piece's first page differs from its other pages in nothing
(only the document's first page may go unnumbered), so such files keep one section.
"""

from __future__ import annotations

from lxml.etree import _Element

from ...style import Style
from .package import PART, Package
from .page import HeadersFooters, page_numbers, running_head, section_properties
from .xml import text_run

#: (kind, type, relationship id) of a section's header and footer references.
Refs = list[tuple[str, str, str]]


class Furniture:
    """Adds header and footer parts to the package, numbered in the order added."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._numbered = {"header": 0, "footer": 0}
        self._rids: dict[bytes, str] = {}

    def refs(self, hf: HeadersFooters, share: bool = False) -> Refs:
        """Add ``hf``'s parts; ``share``: reuse a part added before with the same XML
        (a later section's), instead of adding it again."""
        out: Refs = []
        for kind, hf_type, xml in hf.parts():
            rid = self._rids.get(xml) if share else None
            if rid is None:
                self._numbered[kind] += 1
                part = PART.HEADER if kind == "header" else PART.FOOTER
                rid = self.package.add(f"word/{kind}{self._numbered[kind]}.xml", part, xml)
                self._rids.setdefault(xml, rid)
            out.append((kind, hf_type, rid))
        return out


class PieceSections:
    """The ``w:sectPr`` of a piece's section: a new page whose header is empty and whose
    footer still numbers it.

    Word has one first-page footer per section, whatever the page's parity, so with page
    numbers at the outside corner (odd right, even left) a piece's first page has its
    number where an odd page has it; on an even page it stands at the right. The writer
    cannot know the parity (Word paginates; the grid estimate was a page off on the
    sample), and no built-in style has both a running head and outside numbers.
    """

    def __init__(self, style: Style, furniture: Furniture, head: str, even_odd: bool, grid: str) -> None:
        self.style = style
        self.grid = grid
        hf = HeadersFooters(first_page=True)
        page_numbers(hf, style, even_odd, number_first=True)
        running_head(hf, head, even_odd)
        self._hf = hf
        self._furniture = furniture
        self._refs: Refs | None = None

    def section(self) -> _Element:
        if self._refs is None:  # the parts a first section lacks, added once a piece needs them
            self._refs = self._furniture.refs(self._hf, share=True)
        return section_properties(self.style, self._refs, True, None, self.grid, new_page=True)


class PageSections:
    """The lectern copy's sections (:mod:`.podium`): one per planned page, each with the
    page number in its header and the running time at the end of that page in its footer,
    at the outer corner as in the PDF. A piece's first page has no running head; the
    document's first page keeps the style's first-page rule. Pages with the same header
    or footer share its part."""

    def __init__(
        self, style: Style, furniture: Furniture, head: str, even_odd: bool, grid: str, title_page: bool, cover: bool
    ) -> None:
        self.style = style
        self.furniture = furniture
        self.head = head
        self.even_odd = even_odd
        self.grid = grid
        self.title_page = title_page
        self.cover = cover
        self.template = str(style.speaking.get("running_time", ""))
        self.count = 0  # sections made

    def section(self, time: str, piece_first: bool) -> _Element:
        first = self.count == 0
        self.count += 1
        title_page = first and self.title_page
        hf = HeadersFooters(first_page=title_page)
        page_numbers(hf, self.style, self.even_odd, number_first=first and self.style.page_number_first_page)
        if not piece_first and not first:
            running_head(hf, self.head, self.even_odd)
        if time:
            rs = self.style.role("page_number")
            shown = self.template.replace("{time}", time)
            ind = self.style.page_number_indent
            for hf_type, side in (("default", "right"), ("even", "left"), ("first", "right")):
                if (hf_type == "even" and not self.even_odd) or (hf_type == "first" and not title_page):
                    continue
                hf.fill("footer", hf_type, side, [text_run(shown)], side if ind else None, ind, rs.size)
        else:  # nothing said yet (a collection's title page): an empty foot, not the last page's
            for hf_type in ("default", "even", "first"):
                if (hf_type == "even" and not self.even_odd) or (hf_type == "first" and not title_page):
                    continue
                hf.blank("footer", hf_type)
        refs = self.furniture.refs(hf, share=True)
        start = 0 if first and self.cover else None
        return section_properties(self.style, refs, title_page, start, self.grid, new_page=not first)
