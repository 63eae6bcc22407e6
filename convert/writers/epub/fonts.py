"""Which font files serve the book's roles, and their subsets for ``--embed-fonts``.

A reader without Chinese serif fonts (many Android apps, older Kindles) falls back to one
黑体 for everything, and the look of a speech manuscript (仿宋 body, 黑体 and 楷体 heads)
is lost. Embedding whole CJK fonts would cost tens of megabytes; a subset to the
characters actually used costs a few hundred kilobytes.

Font lookup and subsetting are shared with the PDF writer (:mod:`convert.fonts`), so
both embed the same faces for the same style and ``--font`` choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...fonts import FontError, ResolvedFont, resolve_font, subset_font_bytes
from ...model import Document, Heading, Note, Paragraph, Table
from ...style import Style, heading_role_name

#: Roles whose text the book sets in its own face (page numbers and running heads have none).
TEXT_ROLES = ("title", "subtitle", "label", "heading1", "heading2", "heading3", "heading4", "body", "note")


@dataclass(frozen=True)
class Subset:
    """A face cut to the characters a book shows, with what the package and CSS must call it."""

    data: bytes
    format: str  # CSS format(): "opentype" or "truetype"
    media_type: str
    extension: str


def role_texts(doc: Document, nav_titles: Iterable[str] = (), extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The characters each role prints, so each face is cut to what it must show."""
    parts: dict[str, list[str]] = {role: [] for role in TEXT_ROLES}
    parts["title"].append(doc.display_title())
    if doc.subtitle:
        parts["subtitle"].append(doc.subtitle)
    for value in (doc.author, doc.date):
        if value:
            parts["body"].append(value)
    for speech in doc.speeches:
        if speech.label:
            parts["label"].append(speech.label)
        if speech.title:
            parts["title"].append(speech.title)
        if speech.subtitle:
            parts["subtitle"].append(speech.subtitle)
        for value in (speech.author, speech.date):
            if value:
                parts["body"].append(value)
        for block in speech.blocks:
            if isinstance(block, Heading):
                parts[heading_role_name(block.level)].append(block.text)
            elif isinstance(block, Paragraph):
                for run in block.runs:
                    parts["note" if run.note or block.role == "quote" else "body"].append(run.text)
            elif isinstance(block, Note):  # code and captions are set in the body face
                parts["body" if block.kind in ("code", "caption") else "note"].append(block.text)
            elif isinstance(block, Table):
                parts["body"].append(block.text)
                if block.header and block.rows:
                    parts["heading1"].append("".join(block.rows[0]))
    parts["body"].extend(nav_titles)
    for role, text in (extra or {}).items():
        parts.setdefault(role, []).append(text)
    return {role: "".join(sorted(set("".join(texts)))) for role, texts in parts.items() if texts}


def resolve_face(style: Style, role: str, font_files: Mapping[str, str] | None = None) -> ResolvedFont | None:
    """The font file a role prints in on this machine, or None when only reportlab's
    built-in (file-less) face is left, which cannot be embedded or drawn with Pillow."""
    found = resolve_font(style, role, dict(font_files or {}))
    return found if found.path is not None else None


def _kind(data: bytes) -> tuple[str, str, str]:
    """CSS format and EPUB 3.3 core media type of an sfnt font, from its first bytes."""
    if data[:4] == b"OTTO":
        return "opentype", "font/otf", ".otf"
    if data[:4] in (b"\x00\x01\x00\x00", b"true"):
        return "truetype", "font/ttf", ".ttf"
    raise FontError("the subsetter returned neither OpenType/CFF nor TrueType data")


def subset_face(face: ResolvedFont, text: str) -> Subset:
    """The face cut down to ``text``, outlines kept as they are (CFF stays CFF)."""
    data = subset_font_bytes(face, text)
    fmt, media_type, ext = _kind(data)
    return Subset(data=data, format=fmt, media_type=media_type, extension=ext)
