"""The title block of a marked-up manuscript ends at its first explicit heading.

:func:`.structure.build_document` reads title, subtitle, author and date lines from the
top by their form; a marked-up heading that happens to be short and name-like
(``第一部分　形势`` in a Heading style, ``## 总体要求``) would be taken as the author line.
Markup says otherwise, so both markup readers (Word, Markdown) build the model through
:func:`build`, which splits the paragraphs at the first explicit heading after the title
and builds the two parts separately.

Lead: the same effect inside structure is one condition in ``_split_title_block``'s loop
(stop at a paragraph whose ``level`` is set or whose ``kind`` is not subtitle); this
module can then go.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Diagnostic, Document
from .paragraphs import RawPara
from .structure import build_document


def build(paras: list[RawPara], diags: list[Diagnostic], source: str | None) -> Document:
    cut = next((j for j in range(1, min(len(paras), 5)) if paras[j].level is not None), None)
    if cut is None or paras[0].level is not None:
        return build_document(paras, diags, source)
    head = build_document(paras[:cut], [], source)
    body = build_document(paras[cut:], diags, source)
    lead_blocks = tuple(b for s in head.speeches for b in s.blocks)
    speeches = body.speeches
    if lead_blocks:
        speeches = (replace(speeches[0], blocks=lead_blocks + speeches[0].blocks),) + speeches[1:]
    return replace(body, speeches=speeches, title=head.title, subtitle=head.subtitle, author=head.author,
                   date=head.date, diagnostics=tuple(sorted(head.diagnostics + body.diagnostics,
                                                            key=lambda d: (d.line is None, d.line or 0))))
