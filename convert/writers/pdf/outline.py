"""The PDF outline (bookmarks), kept compact until the file is written.

reportlab's way to a bookmark is a named destination per heading (``bookmarkPage``: a
Destination and its position object), an outline entry per name, and at save time a
tree of dictionaries, tuples and entry objects built from them: about 1.5 KB a heading,
340 MB and 25 s for a document of 216,000 headings. Here an entry is a title, a level, a
page and a position in parallel arrays until the document is written; each entry object
is then as small as reportlab allows (it must be registered: an outline item is an
indirect object) and is formatted through reportlab's own dictionary, string and array
formatting, so the bytes are those reportlab's outline writes: same objects, same
numbers, same order (depth first, as the entries come), and the same ``/Count`` at the
root (reportlab adds the number of entries that have children to it).
"""

from __future__ import annotations

from array import array

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject, PDFObjectReference, PDFOutlines, PDFString


class Outline(PDFOutlines):
    """The document's outline: entries added in reading order, each at most one level
    deeper than the one before (the first at level 0)."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.levels = array("i")
        self.pages = array("i")  # the page's number among the file's pages (reportlab's Page<n>)
        self.lefts = array("d")
        self.tops = array("d")
        self.parents = array("i")  # -1: the outline's root
        self.nexts = array("i")  # -1: none
        self.prevs = array("i")
        self.firsts = array("i")
        self.lasts = array("i")
        self.counts = array("i")  # descendants (0: a leaf, no /Count)

    def add(self, title: str, level: int, page: int, left: float, top: float) -> None:
        self.titles.append(title)
        self.levels.append(level)
        self.pages.append(page)
        self.lefts.append(left)
        self.tops.append(top)

    def prepare(self, document, canvas) -> None:  # reportlab calls it so
        n = len(self.titles)
        if not n:
            self.first = self.last = None
            self.count = 0
            self.ready = -1
            return
        minus = [-1] * n
        self.parents, self.nexts, self.prevs = array("i", minus), array("i", minus), array("i", minus)
        self.firsts, self.lasts, self.counts = array("i", minus), array("i", minus), array("i", [0] * n)
        document.Reference(self)  # the root first, then the entries, depth first
        stack: list[int] = []  # the entry's ancestors
        last_child: list[int] = []  # per depth, the last entry there under the current ancestors
        top_first = top_last = -1
        for k in range(n):
            level = self.levels[k]
            if level > len(stack):
                raise ValueError(f"outline level {level} after level {len(stack) - 1}: intermediates needed")
            del stack[level:]
            del last_child[level + 1 :]
            parent = stack[-1] if stack else -1
            prev = last_child[level] if level < len(last_child) else -1
            self.parents[k] = parent
            if prev >= 0:
                self.prevs[k] = prev
                self.nexts[prev] = k
            elif parent >= 0:
                self.firsts[parent] = k
            else:
                top_first = k
            if parent >= 0:
                self.lasts[parent] = k
            else:
                top_last = k
            for a in stack:
                self.counts[a] += 1
            if level < len(last_child):
                last_child[level] = k
            else:
                last_child.append(k)
            stack.append(k)
            document.Reference(_Entry(self, k), _name(k))
        self.first, self.last = _ref(top_first), _ref(top_last)
        # reportlab's root /Count: every entry, and once more each entry with children
        self.count = n + sum(1 for c in self.counts if c)
        self.ready = 1

    def entry(self, k: int, document) -> bytes:
        """Entry ``k`` as reportlab's ``OutlineEntryObject`` formats it (a dictionary of
        sorted keys, one space between entries and a line break after the sixth), written
        directly: reportlab's generic formatting took 60 µs an entry."""
        number = document.idToObjectNumberAndVersion

        def ref(j: int) -> bytes:
            return b"%d %d R" % number[_name(j)]

        parent = ref(self.parents[k]) if self.parents[k] >= 0 else document.Reference(self).format(document)
        page = b"%d %d R" % number[f"Page{self.pages[k]}"]
        items = []
        if self.counts[k]:
            items.append(b"/Count %d" % self.counts[k])
        items.append(b"/Dest [ %s /XYZ %s %s null ]" % (page, _num(self.lefts[k]), _num(self.tops[k])))
        for key, links in ((b"/First ", self.firsts), (b"/Last ", self.lasts), (b"/Next ", self.nexts)):
            if links[k] >= 0:
                items.append(key + ref(links[k]))
        items.append(b"/Parent " + parent)
        if self.prevs[k] >= 0:
            items.append(b"/Prev " + ref(self.prevs[k]))
        items.append(b"/Title " + PDFString(self.titles[k]).format(document))
        if len(items) > 6:
            items.insert(6, b"\n ")
        return b"<<\n" + b" ".join(items) + b"\n>>"


def _num(x: float) -> bytes:
    return fp_str(x).encode("ascii")


def _name(k: int) -> str:
    return f"Outline.{k}"


def _ref(k: int) -> PDFObjectReference:
    return PDFObjectReference(_name(k))


class _Entry(PDFObject):
    """One outline item: where its data is (registered with the document, formatted when
    the file is written)."""

    def __init__(self, outline: Outline, k: int) -> None:
        self.outline, self.k = outline, k

    def format(self, document) -> bytes:
        return self.outline.entry(self.k, document)
