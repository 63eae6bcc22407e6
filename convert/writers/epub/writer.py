"""EPUB 3 writer: a book that passes EPUBCheck and navigates like a real one.

The content documents are our own XHTML (:mod:`.xhtml`), so the markup is exactly what we
mean, and so is the NCX for EPUB 2 readers such as older Kindles and Adobe RMSDK
(:mod:`.ncx`); the package around them (OPF, navigation document, zip) is
:mod:`.package`. Every entry carries the manuscript's time, not the wall clock: the same
manuscript gives the same bytes, and the book keeps one identity across rebuilds
(:mod:`.meta`).
"""

from __future__ import annotations

from pathlib import Path

from ...fonts import FontError, ResolvedFont
from ...model import Diagnostic, Document
from ...style import Style
from ..base import WriteOptions, WriteResult
from . import ncx
from .cover import cover_png
from .css import EmbeddedFace, build_css
from .fonts import TEXT_ROLES, resolve_face, role_texts, subset_face
from .meta import book_identifier, manuscript_date, modified_time, parse_date
from .package import NAV_FILE, NAV_ID, XHTML, Item, Landmark, Metadata, nav_document, package_document, zipped
from .xhtml import (
    STYLESHEET,
    ContentDoc,
    NavEntry,
    chapter_file_name,
    clean,
    cover_document,
    speech_document,
    title_document,
)

NAV_TITLE = "目录"
COVER_IMAGE = "cover.png"
COVER_IMAGE_ID = "cover-img"
#: schema.org accessibility metadata, as EPUB Accessibility 1.1 asks of a conforming book.
ACCESSIBILITY: tuple[tuple[str, str], ...] = (
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "本书为讲话稿文本，按阅读顺序排列，带目录和结构化标题导航（含段首标题），"
        "字号以相对单位设定，可由阅读器调整；封面图片附有替代文本；无已知危害。",
    ),
)


class EpubWriteError(ValueError):
    """The model or style cannot be made into an EPUB."""


def _item_indent(style: Style) -> float:
    """The first-line indent (em) a list item hangs from, or -1 when the style's list
    items do not hang."""
    role = style.role("list_item")
    if not role.hanging:
        return -1.0
    return style.first_indent(role)


def _xhtml_item(doc: ContentDoc) -> Item:
    return Item(doc.uid, doc.file_name, XHTML, doc.content)


def _creators(doc: Document) -> list[str]:
    if doc.author:
        return [clean(doc.author)]
    seen: list[str] = []
    for s in doc.speeches:
        if s.author and clean(s.author) not in seen:
            seen.append(clean(s.author))
    return seen


def _metadata(doc: Document, cover_image_id: str | None) -> Metadata:
    day = manuscript_date(doc)
    return Metadata(
        identifier=book_identifier(doc),
        title=clean(doc.display_title()),
        modified=modified_time(doc),
        creators=tuple(_creators(doc)),
        date=day.isoformat() if day is not None else None,
        description=clean(doc.subtitle) if doc.subtitle else None,
        properties=ACCESSIBILITY,
        cover_image_id=cover_image_id,
    )


def _embed_fonts(
    doc: Document,
    style: Style,
    options: WriteOptions,
    nav_titles: list[str],
    items: list[Item],
    diagnostics: list[Diagnostic],
) -> dict[str, EmbeddedFace]:
    """Subset one font file per distinct face and map every role it serves to it."""
    texts = role_texts(doc, nav_titles, extra={"heading1": NAV_TITLE})
    by_face: dict[tuple[str, int], list[str]] = {}
    faces: dict[tuple[str, int], ResolvedFont] = {}
    for role in TEXT_ROLES:
        if role not in texts:
            continue
        face = resolve_face(style, role, options.font_files)
        if face is None:
            diagnostics.append(
                Diagnostic("warning", "epub-font-missing", f"no font file found for role '{role}'; it is not embedded")
            )
            continue
        key = face.key
        faces.setdefault(key, face)
        by_face.setdefault(key, []).append(role)
    embedded: dict[str, EmbeddedFace] = {}
    for n, (key, roles) in enumerate(by_face.items(), 1):
        chars = "".join(sorted(set("".join(texts[r] for r in roles))))
        try:
            sub = subset_face(faces[key], chars)
        except FontError:
            raise
        except Exception as e:  # fontTools raises many kinds on a broken file
            raise FontError(f"cannot subset {key[0]}: {type(e).__name__}: {e}") from e
        href = f"fonts/face{n}{sub.extension}"
        items.append(Item(f"font{n}", href, sub.media_type, sub.data))
        face_css = EmbeddedFace(family=f"Speechpress Face {n}", href=href, format=sub.format, bold=faces[key].bold)
        for role in roles:
            embedded[role] = face_css
    return embedded


def _cover(doc: Document, style: Style, options: WriteOptions, diagnostics: list[Diagnostic]) -> bytes | None:
    face = resolve_face(style, "title", options.font_files) or resolve_face(style, "body", options.font_files)
    if face is None or face.path is None:
        diagnostics.append(
            Diagnostic("warning", "epub-no-cover", "no CJK font found to draw the cover; the EPUB has none")
        )
        return None
    return cover_png(clean(doc.display_title()), clean(doc.subtitle) if doc.subtitle else None, face.path, face.index)


def build_epub(doc: Document, style: Style, options: WriteOptions) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The EPUB as bytes, and what the writer has to report."""
    if not isinstance(doc, Document):
        raise EpubWriteError(f"expected a Document, got {type(doc).__name__}")
    diagnostics: list[Diagnostic] = []
    for value in (doc.date, *(s.date for s in doc.speeches)):
        if value and parse_date(value) is None:
            diagnostics.append(
                Diagnostic("info", "epub-date-unparsed", f"date {value!r} is not a calendar date; left out of dc:date")
            )
    title_doc, title_entry = title_document(doc, "title.xhtml")
    chapters: list[tuple[list[ContentDoc], NavEntry]] = [
        speech_document(s, i, chapter_file_name(i, len(doc.speeches)), style.role("cue").brackets, _item_indent(style))
        for i, s in enumerate(doc.speeches, 1)
    ]
    entries = [title_entry, *(e for _, e in chapters)]

    def titles(es: list[NavEntry]) -> list[str]:
        return [t for e in es for t in (e.title, *titles(e.children))]

    items: list[Item] = []
    embed = bool(options.embed_fonts or style.epub.get("embed_fonts", False))
    faces = _embed_fonts(doc, style, options, titles(entries), items, diagnostics) if embed else {}
    items.append(Item("css", STYLESHEET, "text/css", build_css(style, faces).encode("utf-8")))

    spine: list[str] = []
    guide: list[Landmark] = []
    cover_image = _cover(doc, style, options, diagnostics)
    if cover_image is not None:
        items.append(Item(COVER_IMAGE_ID, COVER_IMAGE, "image/png", cover_image, "cover-image"))
        cover_page = cover_document(clean(doc.display_title()), COVER_IMAGE, "cover.xhtml")
        items.append(_xhtml_item(cover_page))
        spine.append(cover_page.uid)
        guide.append(Landmark("cover", "封面", cover_page.file_name))

    items.append(_xhtml_item(title_doc))
    spine.append(title_doc.uid)
    guide.append(Landmark("toc", NAV_TITLE, NAV_FILE))
    body_start = chapters[0][0][0].file_name if chapters else title_doc.file_name
    guide.append(Landmark("text", "正文", body_start))
    items.append(Item(NAV_ID, NAV_FILE, XHTML, nav_document(NAV_TITLE, entries, "导航", guide, STYLESHEET), "nav"))
    meta = _metadata(doc, COVER_IMAGE_ID if cover_image is not None else None)
    items.append(Item(ncx.UID, ncx.FILE_NAME, ncx.MEDIA_TYPE, ncx.ncx_document(meta.identifier, meta.title, entries)))
    spine.append(NAV_ID)
    for parts, _ in chapters:
        for content in parts:
            items.append(_xhtml_item(content))
            spine.append(content.uid)

    opf = package_document(meta, items, spine, guide, ncx.UID)
    return zipped(opf, items, meta.modified), tuple(diagnostics)


class EpubWriter:
    name = "epub"
    extension = ".epub"
    description = "EPUB 3 e-book (nav + NCX, CJK font stacks, optional embedded subset fonts)"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        data, diagnostics = build_epub(doc, style, options)
        Path(path).write_bytes(data)
        return WriteResult(diagnostics=diagnostics, pages=None)


WRITER = EpubWriter()
