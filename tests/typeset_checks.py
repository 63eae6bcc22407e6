"""The faults a careful reader of our printed pages looks for, checked on the PDF's text as
poppler extracts it (``pdftotext``, page by page): a line that starts with a closing mark
or ends with an opening one (kinsoku), a one-character last line (a runt), a page that
ends with a heading or a lead sentence alone, a page that starts inside a sentence (the
lectern copy). Shared by the tests and by the corpus run in the report."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from convert.chars import CLOSE_BRACKETS, HAN, TERMINAL
from convert.model import Document, Heading
from convert.writers.pdf.linebreak import violations

#: Page furniture: page numbers of every built-in style, the lectern copy's running time.
_FURNITURE = re.compile(r"^(?:— ?\d+ ?—|第 \d+ 页 共 \d+ 页|\d+ / \d+|\d+|约 \d+′\d\d″)$")
_HAN = re.compile(f"[{HAN}]")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def body_lines(page: str, running_head: str = "") -> list[str]:
    """A page's text lines without its furniture (page number, running time, running head)."""
    out = []
    for line in page.splitlines():
        s = line.strip()
        if not s or _FURNITURE.match(s) or (running_head and s == running_head):
            continue
        out.append(s)
    return out


def kinsoku(pages: Iterable[str]) -> list[str]:
    return [ln for page in pages for ln in violations(body_lines(page))]


def runts(pages: Iterable[str]) -> list[str]:
    """Lines of one Han character and its closing marks (``利。``)."""
    bad = []
    for page in pages:
        for ln in body_lines(page):
            if (
                len(_HAN.findall(ln)) == 1
                and _HAN.match(ln)
                and all(c in TERMINAL + CLOSE_BRACKETS + "，、：" for c in ln[1:])
            ):
                bad.append(ln)
    return bad


def _ends_sentence(line: str) -> bool:
    s = line.rstrip(CLOSE_BRACKETS + "”’")
    return bool(s) and s[-1] in TERMINAL


def heading_texts(doc: Document) -> tuple[set[str], set[str]]:
    """Own-line headings and run-in leads of a model."""
    own, leads = set(), set()
    for b in doc.blocks():
        if isinstance(b, Heading):
            (leads if b.run_in else own).add(b.text)
    return own, leads


def pages_ending_with_a_heading(pages: list[str], doc: Document) -> list[int]:
    """Pages (1-based) whose last line is an own-line heading, or the line on which a
    run-in lead ends (the lead would be left at the foot without its text)."""
    own, leads = heading_texts(doc)
    lead_ends = {t[-8:] for t in leads if len(t) >= 8}
    bad = []
    for n, page in enumerate(pages[:-1], 1):
        lines = body_lines(page)
        if not lines:
            continue
        last = lines[-1]
        if last in own or any(last.endswith(e) for e in lead_ends):
            bad.append(n)
    return bad


def pages_starting_inside_a_sentence(pages: list[str]) -> list[int]:
    """Pages (1-based) that continue a sentence from the page before: that page's last
    line did not end a sentence (a title block, which has no sentence, does not count)."""
    bad = []
    for n in range(1, len(pages)):
        lines = body_lines(pages[n - 1])
        if lines and any(_ends_sentence(x) for x in lines) and not _ends_sentence(lines[-1]):
            bad.append(n + 1)
    return bad
