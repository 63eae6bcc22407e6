"""The NCX: the table of contents EPUB 2 readers (older Kindles, Adobe RMSDK) navigate by.

ebooklib builds one from ``book.toc``, but it looks for a ``content`` child among all the
children of the parent point before adding each entry, so a speech with 30,000 headings
took minutes, and it writes ``dtb:depth`` 0. The same document is made here in one pass
from the writer's own outline, with the real depth; the book carries it as a plain item
with ebooklib's id and file name, so the package lists it exactly as before.
"""

from __future__ import annotations

from lxml import etree

from .xhtml import NavEntry

NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
FILE_NAME = "toc.ncx"
UID = "ncx"
MEDIA_TYPE = "application/x-dtbncx+xml"


def _q(tag: str) -> str:
    return f"{{{NCX_NS}}}{tag}"


def _depth(entries: list[NavEntry]) -> int:
    """How deep the points nest (1 for a flat list); iterative, as headings may be many."""
    deepest = 0
    todo = [(e, 1) for e in entries]
    while todo:
        e, d = todo.pop()
        deepest = max(deepest, d)
        todo.extend((c, d + 1) for c in e.children)
    return max(1, deepest)


def ncx_document(book_uid: str, title: str, entries: list[NavEntry]) -> bytes:
    """The NCX for ``entries`` (ids and play order as ebooklib numbers them: an entry with
    children is a section, ``sep_N``; one without keeps its own uid)."""
    root = etree.Element(_q("ncx"), nsmap={None: NCX_NS})
    root.set("version", "2005-1")
    head = etree.SubElement(root, _q("head"))
    for name, value in (
        ("dtb:uid", book_uid),
        ("dtb:depth", str(_depth(entries))),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ):
        etree.SubElement(head, _q("meta"), {"content": value, "name": name})
    etree.SubElement(etree.SubElement(root, _q("docTitle")), _q("text")).text = title
    nav_map = etree.SubElement(root, _q("navMap"))

    order = 0
    sections = 0
    # (parent element, entries left to add), depth first, as a stack: no recursion limit.
    stack: list[tuple[etree._Element, list[NavEntry]]] = [(nav_map, list(reversed(entries)))]
    while stack:
        parent, todo = stack[-1]
        if not todo:
            stack.pop()
            continue
        e = todo.pop()
        order += 1
        if e.children:
            point_id = f"sep_{sections}"
            sections += 1
        else:
            point_id = e.uid
        point = etree.SubElement(parent, _q("navPoint"), {"id": point_id, "playOrder": str(order)})
        etree.SubElement(etree.SubElement(point, _q("navLabel")), _q("text")).text = e.title
        etree.SubElement(point, _q("content"), {"src": e.href})
        if e.children:
            stack.append((point, list(reversed(e.children))))
    return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)
