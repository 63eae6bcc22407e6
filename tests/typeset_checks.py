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
from convert.model import Document, Heading, Note, Paragraph
from convert.writers.pdf.linebreak import violations
from convert.writers.walk import steps

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
    """Lines that break the line-breaking rules; a line opening with ``——`` is a
    paragraph's own start (a dash subtitle, an attribution), not a bad break."""
    return [ln for page in pages for ln in violations(body_lines(page)) if not ln.startswith("——")]


def runts(pages: Iterable[str]) -> list[str]:
    """Last lines of one Han character and its closing marks (``利。``); a heading of one
    character (``一``, a spaced-out ``引 言``) has no mark and is not one."""
    bad = []
    for page in pages:
        for ln in body_lines(page):
            rest = ln[1:]
            if _HAN.match(ln) and rest and all(c in TERMINAL + CLOSE_BRACKETS + "，、：" for c in rest):
                bad.append(ln)
    return bad


def _ends_sentence(line: str) -> bool:
    s = line.rstrip(CLOSE_BRACKETS + "”’\"'")
    return bool(s) and (s[-1] in TERMINAL or s[-1] == ".")  # "." ends a Latin sentence


def pages_ending_with_a_heading(pages: list[str], doc: Document) -> list[int]:
    """Pages (1-based) whose last line is an own-line heading, or holds the end of a run-in
    lead whose paragraph goes on overleaf (the lead left at the foot without its text)."""
    own = {b.text for b in doc.blocks() if isinstance(b, Heading) and not b.run_in}
    led = [
        (len(re.sub(r"\s", "", st.lead.text)), re.sub(r"\s", "", st.lead.text + st.block.text))
        for s in doc.speeches
        for st in steps(s)
        if st.lead is not None and isinstance(st.block, Paragraph)
    ]
    bad = []
    for n in range(1, len(pages)):
        before, after = body_lines(pages[n - 1]), body_lines(pages[n])
        if not before:
            continue
        if before[-1] in own:
            bad.append(n)
            continue
        if not after:
            continue
        last = re.sub(r"\s", "", before[-1])
        joint = last + re.sub(r"\s", "", after[0])
        for lead_len, text in led:
            at = text.find(joint)
            if at >= 0 and at < lead_len <= at + len(last):
                bad.append(n)
                break
    return bad


def _body_capacity(pages: list[str], doc: Document) -> int:
    """How many characters of body text a page holds: the fullest page that holds no
    note (notes are set smaller, so a page of notes holds more than a page of text)."""
    notes = [re.sub(r"\s", "", b.text) for b in doc.blocks() if isinstance(b, Note)]

    def has_note(page: str) -> bool:
        lines = [re.sub(r"\s", "", ln) for ln in body_lines(page)]
        return any(len(ln) >= 4 and any(ln in n for n in notes) for ln in lines)

    sizes = [len(re.sub(r"\s", "", "".join(body_lines(p)))) for p in pages]
    body = [n for n, p in zip(sizes, pages) if not has_note(p)]
    return max(body or sizes, default=0)


def _printed_paragraphs(doc: Document) -> list[str]:
    """The text of each printed paragraph (a run-in lead with its paragraph), no spaces."""
    out = []
    for speech in doc.speeches:
        for step in steps(speech):
            text = (step.lead.text if step.lead else "") + getattr(step.block, "text", "")
            out.append(re.sub(r"\s", "", text))
    return out


def pages_starting_inside_a_sentence(pages: list[str], doc: Document) -> list[int]:
    """Pages (1-based) that go on with a sentence of the page before: the page's first line
    continues the paragraph of the last line before it, which did not end a sentence. A
    sentence about as long as a page (see below) cannot help crossing and does not count."""
    printed = _printed_paragraphs(doc)
    capacity = _body_capacity(pages, doc)
    bad = []
    for n in range(1, len(pages)):
        before, after = body_lines(pages[n - 1]), body_lines(pages[n])
        if not before or not after or _ends_sentence(before[-1]):
            continue
        joint = re.sub(r"\s", "", before[-1] + after[0])
        for text in printed:
            at = text.find(joint)
            if at < 0:
                continue
            cut = at + len(re.sub(r"\s", "", before[-1]))
            start = max((text.rfind(c, 0, cut) for c in TERMINAL), default=-1) + 1
            ends = [i for i in (text.find(c, cut) for c in TERMINAL) if i >= 0]
            end = min(ends) if ends else len(text)
            # A page holds fewer characters than its fullest one when its lines end early
            # (kinsoku, numbers) or a heading opens it: a sentence within 15 % of the
            # fullest page may not fit either, and is not counted.
            if end - start <= 0.85 * capacity:
                bad.append(n + 1)
            break
    return bad
