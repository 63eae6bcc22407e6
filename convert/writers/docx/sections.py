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
