"""The PDF writer: print-ready pages with embedded, subset Chinese fonts.

reportlab's canvas is used for what it is good at (the file structure, compression,
outline, metadata); the typesetting is ours (:mod:`.layout`, :mod:`.linebreak`)
and so is the font embedding (:mod:`.faces`), so that lines obey the Chinese
line-breaking rules and each face is embedded once, as a subset.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ... import fonts as fontlib
from ... import timing
from ...fonts import ResolvedFont
from ...model import Diagnostic, Document
from ...style import Style, mm_to_pt
from ..base import WriteOptions, WriteResult
from .booklet import booklet_order, sheet_size
from .faces import BuiltinFace, EmbeddedFace, Face
from .layout import (
    Geometry,
    Item,
    Pages,
    Para,
    Seg,
    TableBlock,
    build_blocks,
    lay_out,
    paginate,
    paginate_by_sentence,
)
from .linebreak import inside_units
from .outline import Outline
from .stream import ContentStream


@lru_cache(maxsize=64)
def _hex_rgb(color: str | None) -> tuple[float, float, float] | None:
    if not color:
        return None
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return r, g, b


def _all_seg_lists(blocks) -> Iterable[list[Seg]]:
    for b in blocks:
        if isinstance(b, Para):
            yield b.segs
        elif isinstance(b, TableBlock):
            for row in b.rows:
                yield from row


@lru_cache(maxsize=8192)
def _drawable(ch: str) -> bool:
    """Characters that need a glyph: all but controls, format characters and spaces.
    Unassigned code points (a Han extension newer than this Python's Unicode tables) and
    private-use ones count: they are content, drawn or at least kept as ActualText."""
    cat = unicodedata.category(ch)
    return (cat not in ("Cc", "Cf", "Cs") and not cat.startswith("Z")) or ch == "\u3000"


def _chars_by_face(seg_lists: Iterable[list[Seg]]) -> dict[tuple[str, int], set[str]]:
    """The one pass over the text: the distinct drawable characters each face must show.

    Sets are built from whole strings (no Python loop per character); each distinct
    character is classified once.
    """
    by_font: dict[int, tuple[ResolvedFont, set[str]]] = {}  # by font object: ``key`` is not free
    for segs in seg_lists:
        for s in segs:
            entry = by_font.get(id(s.font))
            if entry is None:
                entry = by_font[id(s.font)] = (s.font, set())
            entry[1].update(s.text)
    chars: dict[tuple[str, int], set[str]] = {}
    for font, cs in by_font.values():
        chars.setdefault(font.key, set()).update(cs)
    return {key: {ch for ch in cs if _drawable(ch)} for key, cs in chars.items()}


class _WidthTable(dict[str, float]):
    """One face at one size: each character's width in pt, worked out on first use."""

    def __init__(self, face: Face, size: float) -> None:
        super().__init__()
        self.face, self.size = face, size

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self.face.advance(ch) * self.size
        return width


class _Widths:
    """The layout's ``Advance``: a segment's character widths from a table per face and
    size, so a character costs a dict look-up, not a call into the face."""

    def __init__(self, faces: Mapping[tuple[str, int], Face]) -> None:
        self.faces = faces
        self.tables: dict[tuple[int, float], tuple[ResolvedFont, _WidthTable]] = {}

    def __call__(self, seg: Seg) -> Iterator[float]:
        entry = self.tables.get((id(seg.font), seg.size))
        if entry is None:  # the font is kept in the entry, so its id is not reused
            entry = self.tables[(id(seg.font), seg.size)] = (seg.font, _WidthTable(self.faces[seg.font.key], seg.size))
        return map(entry[1].__getitem__, seg.text)


class _NoInitialFont:
    """A stand-in for reportlab's initial font, so no unused, unembedded Helvetica lands
    in every file (reportlab sets its initial font unless that font is "dynamic")."""

    fontName = "SpeechpressNoInitialFont"
    _dynamicFont = 1
    _multiByte = 0

    class face:
        name = b"SpeechpressNoInitialFont"

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        return 0.0


pdfmetrics.registerFont(_NoInitialFont())
# Streams Flate-compressed only, not also ASCII85-armoured: a quarter smaller, and no
# encoding pass (PDF has been a binary format since 1.0; every viewer reads it).
rl_config.useA85 = 0


class PdfWriter:
    name = "pdf"
    extension = ".pdf"
    description = "PDF for print: official layout, embedded subset fonts, bookmarks, booklets"

    def write(self, doc: Document, path: Path, style: Style, options: WriteOptions) -> WriteResult:
        if not isinstance(doc, Document):
            raise TypeError(f"the PDF writer needs a Document, not {type(doc).__name__}")
        diags: list[Diagnostic] = []
        fonts = fontlib.resolve_all(style, options.font_files)
        diags.extend(fontlib.font_diagnostics(fonts))
        geo = Geometry.of(style)
        latin = {role: fontlib.resolve_latin(style, role) for role in style.roles}
        blocks = build_blocks(doc, style, fonts, geo, latin)

        title = doc.display_title()
        pn_font, rh_font = fonts["page_number"], fonts["running_head"]
        pn_text = style.page_number_format.replace("{page}", "0123456789").replace("{pages}", "")
        times_text = str(style.speaking.get("running_time", "")).replace("{time}", "0123456789′″")
        head = style.running_head.replace("{title}", title) if style.running_head else ""
        extra = [Seg(pn_text + times_text, pn_font, 0), Seg(head, rh_font, 0)]

        faces, _ = self._faces(blocks, extra, diags)
        diags.extend(d for d in self._fallbacks(blocks, faces) if d)
        _full_width_quotes(blocks, faces, fonts["body"])
        faces, chars = self._faces(blocks, extra, [], faces)
        gaps = {key: {ch for ch in cs if not faces[key].has(ch)} for key, cs in chars.items()}

        advance = _Widths(faces)

        if style.speaking.get("keep_sentences"):
            pages = paginate_by_sentence(blocks, geo, advance)
        else:
            pages = paginate(lay_out(blocks, geo, advance), geo.height)
        total = len(pages)
        blocks.clear()  # laid out: the lines hold what is drawn

        booklet = bool(options.booklet or style.pdf.get("booklet", False))
        if booklet:
            size = sheet_size(geo.page_w, geo.page_h)
            sides = booklet_order(total)
        else:
            size = (geo.page_w, geo.page_h)
            sides = [(i, None) for i in range(total)]

        # SOURCE_DATE_EPOCH (reproducible builds): fixed dates and document ID, same bytes.
        c = Canvas(
            str(path),
            pagesize=size,
            pageCompression=1,
            lang="zh-CN",
            initialFontName=_NoInitialFont.fontName,
            invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else None,
        )
        c.setTitle(title)
        c.setSubject(doc.subtitle or (style.description or "讲话稿"))
        # The speaker, or nothing: reportlab's default would name the author "anonymous".
        c.setAuthor(doc.author or next((s.author for s in doc.speeches if s.author), None) or "")
        c.setCreator("Speechpress")
        c.setKeywords(["讲话稿", style.name])
        painter = _Painter(c, faces, geo, style, head, pn_font, rh_font, total, gaps, booklet)
        if style.speaking.get("running_time"):
            painter.times = _running_times(pages, timing.document_units(doc), options.pace)
        for left, right in sides:
            if booklet:
                half = size[0] / 2
                oy = (size[1] - geo.page_h) / 2
                for slot, idx in enumerate((left, right)):
                    if idx is not None:
                        painter.page(pages[idx], idx, slot * half + (half - geo.page_w) / 2, oy)
                        pages[idx] = []
            else:
                assert left is not None
                painter.page(pages[left], left, 0.0, 0.0)
                pages[left] = []  # drawn: its lines go, before reportlab builds the file
            c.showPage()
        painter.finish_outline()
        c.showOutline()
        c.save()
        return WriteResult(diagnostics=tuple(diags), pages=len(sides))

    # -- fonts ---------------------------------------------------------------------------

    def _faces(
        self, blocks, extra: list[Seg], diags: list[Diagnostic], old: dict | None = None
    ) -> tuple[dict, dict[tuple[str, int], set[str]]]:
        """The face of each font key cut to the characters it shows (kept from ``old`` where
        that still covers them), and those characters."""
        seg_lists = list(_all_seg_lists(blocks)) + [[s] for s in extra]
        chars = _chars_by_face(seg_lists)
        by_id: dict[int, ResolvedFont] = {}  # each font object once (``key`` is not free)
        for segs in seg_lists:
            for s in segs:
                by_id.setdefault(id(s.font), s.font)
        by_key: dict[tuple[str, int], ResolvedFont] = {}
        for f in by_id.values():
            by_key.setdefault(f.key, f)
        faces: dict[tuple[str, int], Face] = {}
        for key, f in by_key.items():
            text = "".join(sorted(chars[key] | {" "}))
            if (
                old
                and key in old
                and isinstance(old[key], EmbeddedFace)
                and all(old[key].has(ch) or not old[key].resolved.path for ch in chars[key])
                and {chr(cp) for cp in old[key].cmap} >= chars[key]
            ):
                faces[key] = old[key]
                continue
            faces[key] = EmbeddedFace(f, fontlib.subset_truetype(f, text)) if f.path else BuiltinFace(f)
        return faces, chars

    def _fallbacks(self, blocks, faces: dict) -> list[Diagnostic]:
        """Characters a face lacks go to another face that has them, or are reported."""
        lists = list(_all_seg_lists(blocks))
        lacking = {key: {ch for ch in cs if not faces[key].has(ch)} for key, cs in _chars_by_face(lists).items()}
        if not any(lacking.values()):
            return []
        touched = [
            (segs, k) for segs in lists for k, s in enumerate(segs) if not lacking[s.font.key].isdisjoint(s.text)
        ]
        missing: dict[str, ResolvedFont | None] = {}
        for segs, k in touched:  # in reading order, so the reports are too
            s = segs[k]
            for ch in s.text:
                if ch in lacking[s.font.key]:
                    missing.setdefault(ch, None)
        in_use = [faces[k].resolved for k in faces if faces[k].resolved.path]
        chain = in_use + fontlib.fallback_chain(in_use)
        diags = []
        for ch in missing:
            for f in chain:
                if ord(ch) in fontlib.coverage(f):
                    missing[ch] = f
                    break
            else:
                diags.append(fontlib.missing_char_diagnostic(ch, "no glyph; it prints as an empty box"))

        def split(s: Seg) -> list[Seg]:
            gaps = lacking[s.font.key]
            new: list[Seg] = []
            run, run_font = "", s.font
            for ch in s.text:
                f = (missing.get(ch) or s.font) if ch in gaps else s.font
                if f.key != run_font.key and run:
                    new.append(replace(s, text=run, font=run_font))
                    run = ""
                run_font = f
                run += ch
            if run:
                new.append(replace(s, text=run, font=run_font))
            return new

        _resplit(touched, split)
        used = {f.family for f in missing.values() if f}
        if used:
            diags.append(
                Diagnostic(
                    "info",
                    "font-fallback-chars",
                    f"{sum(1 for f in missing.values() if f)} characters printed in {', '.join(sorted(used))}",
                )
            )
        return diags


def _running_times(pages: Pages, total: int, pace: int) -> list[str]:
    """The speaking time at the end of each page; the last page shows the whole speech's.
    A page before anything is spoken (the collection's title page) shows none: "约 0′00″"
    tells the speaker nothing."""
    out: list[str] = []
    done = 0
    for page in pages:
        done += sum(it.units for _, it in page)
        out.append(timing.format_duration(timing.seconds(min(done, total), pace)) if done else "")
    if out:
        out[-1] = timing.format_duration(timing.seconds(total, pace))
    return out


#: Quotation marks a Chinese text sets full width.
_QUOTES = "“”‘’"


def _full_width_quotes(blocks, faces: dict, body: ResolvedFont) -> None:
    """Quotes from the body face where a face draws them narrow (LXGW WenKai's “” are
    proportional, so a 楷 lead's quotes looked pinched beside the body's full-width ones)."""
    body_face = faces.get(body.key)
    if body_face is None or not all(body_face.has(q) and body_face.advance(q) >= 0.9 for q in _QUOTES[:2]):
        return
    narrow = {key for key, f in faces.items() if any(f.has(q) and f.advance(q) < 0.9 for q in _QUOTES)}
    if not narrow:
        return

    def split(s: Seg) -> list[Seg]:
        parts: list[Seg] = []
        run = ""
        for ch in s.text:
            if ch in _QUOTES:
                if run:
                    parts.append(replace(s, text=run))
                    run = ""
                parts.append(replace(s, text=ch, font=body))
            else:
                run += ch
        if run:
            parts.append(replace(s, text=run))
        return parts

    _resplit(
        [
            (segs, k)
            for segs in _all_seg_lists(blocks)
            for k, s in enumerate(segs)
            if s.font.key in narrow and any(q in s.text for q in _QUOTES)
        ],
        split,
    )


def _resplit(touched: list[tuple[list[Seg], int]], split: Callable[[Seg], list[Seg]]) -> None:
    """Replace each touched segment (a list and an index, in order) by its ``split``,
    rebuilding each list once: splicing one segment at a time into a paragraph of
    40,000 segments copied the rest of the list each time."""
    by_list: dict[int, tuple[list[Seg], set[int]]] = {}
    for segs, k in touched:
        by_list.setdefault(id(segs), (segs, set()))[1].add(k)
    for segs, ks in by_list.values():
        out: list[Seg] = []
        for k, s in enumerate(segs):
            if k in ks:
                out.extend(split(s))
            else:
                out.append(s)
        segs[:] = out


def _coverage_runs(face, text: str) -> list[tuple[str, bool]]:
    """Split text into runs the face can draw and runs it cannot."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        ok = face.has(ch) or not _drawable(ch)
        if runs and runs[-1][1] == ok:
            runs[-1] = (runs[-1][0] + ch, ok)
        else:
            runs.append((ch, ok))
    return runs


class _Painter:
    """Draws laid-out logical pages, possibly offset (two-up booklet sheets)."""

    def __init__(
        self,
        c: Canvas,
        faces,
        geo: Geometry,
        style: Style,
        head: str,
        pn_font: ResolvedFont,
        rh_font: ResolvedFont,
        total: int,
        gaps: Mapping[tuple[str, int], set[str]],
        booklet: bool = False,
    ) -> None:
        self.c, self.faces, self.geo, self.style = c, faces, geo, style
        self.booklet = booklet
        self.gaps = gaps  # per face, the characters it has no glyph for
        self._faces_by_id: dict[int, tuple[ResolvedFont, Face, set[str] | None]] = {}
        self.times: list[str] = []  # per page, the speaking time at its end (the lectern copy)
        self.out = ContentStream()
        self.head, self.pn_font, self.rh_font, self.total = head, pn_font, rh_font, total
        #: The outline as the pages are drawn: the entries, and for a booklet (whose pages are
        #: drawn out of order) where each stands in reading order.
        self.outline = Outline()
        self.reading: list[tuple[int, float, int]] = []
        self.text_rgb = _hex_rgb(style.colors.get("text")) or (0, 0, 0)

    def text(self, x: float, y: float, segs: list[Seg], tc: float, check: bool = False, glue: float = 0.0) -> None:
        """One line of text; ``check``: the text was not seen when the faces were cut
        (a shortened running head), so its characters are checked here. ``glue``: the
        justification part of ``tc``, taken back between the characters of one unit
        (``2831`` keeps its digits together)."""
        out = self.out
        out.begin_text(tc, x, y)
        inside = set(inside_units("".join(s.text for s in segs))) if glue else set()
        pos = 0
        for s in segs:
            start, pos = pos, pos + len(s.text)
            face, gaps = self._face_and_gaps(s.font)
            out.colour(_hex_rgb(s.color) or self.text_rgb)
            out.font(face.resource(self.c), s.size)
            if s.bold:  # no bold face installed: fill and stroke the outline
                out.embolden(s.size)
            if check or (gaps and not gaps.isdisjoint(s.text)):
                for piece, covered in _coverage_runs(face, s.text):
                    if covered:
                        out.show(face.encode(piece))
                    else:
                        # No installed face has these characters (reported by name): the
                        # box is drawn, and ActualText keeps the real characters.
                        out.show_actual_text(face.encode(piece), piece)
            elif inside and any(p in inside for p in range(start, pos)):
                out.show_spaced(_glued(face, s.text, start, inside, glue * 1000 / s.size))
            else:
                out.show(face.encode(s.text))
            if s.bold:
                out.unembolden()
        out.end_text()

    def face(self, font: ResolvedFont) -> Face:
        """The face of a segment's font."""
        return self._face_and_gaps(font)[0]

    def _face_and_gaps(self, font: ResolvedFont) -> tuple[Face, set[str] | None]:
        """The face of a segment's font and the characters it has no glyph for, looked up
        once per font object (``font.key`` builds a string on every call)."""
        entry = self._faces_by_id.get(id(font))
        if entry is None:  # the font is kept in the entry, so its id is not reused
            face = self.faces[font.key]
            entry = self._faces_by_id[id(font)] = (font, face, self.gaps.get(face.resolved.key))
        return entry[1], entry[2]

    def finish_outline(self) -> None:
        """The outline, in reading order (booklet sheets are drawn out of order), as the
        document's (replacing reportlab's, which keeps 1.5 KB a heading)."""
        outline = self.outline
        if self.reading and self.reading != sorted(self.reading):
            order = sorted(range(len(self.reading)), key=self.reading.__getitem__)
            outline = Outline()
            for k in order:
                o = self.outline
                outline.add(o.titles[k], o.levels[k], o.pages[k], o.lefts[k], o.tops[k])
        doc = self.c._doc
        doc.outline = doc.Outlines = doc.Catalog.Outlines = outline

    def width(self, seg: Seg) -> float:
        face = self.faces[seg.font.key]
        return sum(face.advance(ch) for ch in seg.text) * seg.size

    def page(self, placed: list[tuple[float, Item]], index: int, ox: float, oy: float) -> None:
        geo = self.geo
        left, top = ox + geo.left, oy + geo.top
        for off, it in placed:
            y_top = top - off
            for title, level in it.bookmarks:
                self.outline.add(title, level, self.c._doc.pageCounter, ox, y_top + 4)
                if self.booklet:
                    self.reading.append((index, off, len(self.reading)))
            for ln in it.lines:
                self.text(left + ln.x, y_top - it.baseline, ln.segs, geo.tracking + ln.extra, glue=ln.extra)
            if it.cells:
                self._row(left, y_top, it)
            if it.rule:
                self._rule(left, y_top - it.height / 2, it.rule)
        self._page_number(index, ox, oy)
        if not any(it.piece_start for _, it in placed):  # a piece's first page has its title
            self._running_head(ox, oy)
        if self.times and self.times[index]:
            self._running_time(index, ox, oy)
        if self.out:
            self.c.addLiteral(self.out.text())
        self.out = ContentStream()

    def _rule(self, x: float, y: float, length: float) -> None:
        out = self.out
        out.save()
        out.stroke_rgb(self.text_rgb)
        out.line_width(0.5)
        out.line(x, y, x + length, y)
        out.restore()

    def _corner_x(self, index: int, ox: float, width: float, indent: float) -> float:
        """Where a page-corner text starts: outer corner (odd pages right), centre or right."""
        st, geo = self.style, self.geo
        left = ox + geo.left
        pos = st.page_number_position
        if pos == "center":
            return left + (geo.width - width) / 2
        if pos == "right" or (pos == "outside" and index % 2 == 0):
            return left + geo.width - indent - width
        return left + indent

    def _running_time(self, index: int, ox: float, oy: float) -> None:
        """The page foot of the lectern copy: the speaking time at the end of the page."""
        rs = self.style.roles["page_number"]
        template = str(self.style.speaking.get("running_time", ""))
        seg = Seg(template.replace("{time}", self.times[index]), self.pn_font, rs.size, color=rs.color)
        x = self._corner_x(index, ox, self.width(seg), self.style.page_number_indent * rs.size)
        y = oy + self.geo.top - self.geo.height - mm_to_pt(self.style.page_number_offset)
        self.text(x, y, [seg], 0.0, check=True)

    def _row(self, left: float, y_top: float, it: Item) -> None:
        out = self.out
        out.save()
        out.line_width(0.6)
        cells = list(it.cells)  # a table row lays its cells out when read: once
        x_end = left + sum(w for _, w, _ in cells[-1:]) + cells[-1][0]
        y_bot = y_top - it.height
        out.line(left, y_top, x_end, y_top)
        out.line(left, y_bot, x_end, y_bot)
        for x, _w, _ in cells:
            out.line(left + x, y_top, left + x, y_bot)
        out.line(x_end, y_top, x_end, y_bot)
        out.restore()
        for x, _, lines in cells:
            for k, ln in enumerate(lines):
                self.text(
                    left + x + ln.x,
                    y_top - it.baseline - k * it.line_pitch,
                    ln.segs,
                    self.geo.tracking + ln.extra,
                    glue=ln.extra,
                )

    def _page_number(self, index: int, ox: float, oy: float) -> None:
        st, geo = self.style, self.geo
        if st.page_number_position == "none" or (index == 0 and not st.page_number_first_page):
            return
        rs = st.roles["page_number"]
        text = st.page_number_format.replace("{page}", str(index + 1)).replace("{pages}", str(self.total))
        seg = Seg(text, self.pn_font, rs.size, color=rs.color)
        x = self._corner_x(index, ox, self.width(seg), st.page_number_indent * rs.size)
        if st.page_number_edge == "top":  # in the head margin, its baseline ``offset`` above the type
            y = oy + geo.top + mm_to_pt(st.page_number_offset)
        else:
            y = oy + geo.top - geo.height - mm_to_pt(st.page_number_offset)
        self.text(x, y, [seg], 0.0)

    def _running_head(self, ox: float, oy: float) -> None:
        if not self.head:
            return
        geo = self.geo
        rs = self.style.roles["running_head"]
        size = min(rs.size, 10.5)
        seg = Seg(self.head, self.rh_font, size, color=rs.color)
        while self.width(seg) > geo.width and len(seg.text) > 2:
            seg = replace(seg, text=seg.text[:-2] + "…")
        x = ox + geo.left + (geo.width - self.width(seg)) / 2
        y = oy + geo.top + mm_to_pt(5)
        self.text(x, y, [seg], 0.0, check=True)
        rule_y = oy + geo.top + mm_to_pt(3.5)
        self.out.save()
        self.out.line_width(0.4)
        self.out.line(ox + geo.left, rule_y, ox + geo.left + geo.width, rule_y)
        self.out.restore()


WRITER = PdfWriter()


def _glued(face: Face, text: str, start: int, inside: set[int], adjust: float) -> list[tuple[str, float]]:
    """``text`` (at ``start`` in its line) cut after each character that shares a unit with
    the next, each cut carrying ``adjust``: the justification space taken back there."""
    pieces: list[tuple[str, float]] = []
    last = 0
    for k in range(len(text)):
        if start + k in inside and k + 1 < len(text):
            pieces.append((face.encode(text[last : k + 1]), adjust))
            last = k + 1
    tail = start + len(text) - 1 in inside  # the unit goes on in the next segment
    pieces.append((face.encode(text[last:]), adjust if tail else 0.0))
    return pieces
