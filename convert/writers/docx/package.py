"""Package-level parts: settings, font table, core and app properties.

python-docx starts from a template made by "Microsoft Macintosh Word" with a Japanese
theme language, a thumbnail of an empty page and a font table listing ＭＳ 明朝; each of
those would leak into a Speechpress file, so they are replaced here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import IO

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...model import Document
from ...style import ROLES, Style
from .xml import attr_value, el, xml_safe

APPLICATION = "Speechpress"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def settings(doc: DocxDocument, even_odd: bool, update_fields: bool) -> None:
    doc.settings.odd_and_even_pages_header_footer = even_odd
    s = doc.settings.element
    for tag in ("w:savePreviewPicture", "w:updateFields", "w:rsids"):
        for c in s.findall(qn(tag)):
            s.remove(c)
    if update_fields:
        # Word then refreshes the TOC (and page numbers in it) when the file is opened.
        s.find(qn("w:compat")).addprevious(el("updateFields", val="true"))
    lang = s.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")


def font_table(doc: DocxDocument, style: Style, mono: tuple[str, ...] = ()) -> None:
    """One ``w:font`` per face the styles name, with the next face of its list as altName.

    Word substitutes the altName when a machine lacks the face (仿宋_GB2312 → 仿宋), and
    the GB2312 charset (86) tells it the face is Chinese rather than guessing from the name.
    ``mono`` is the code notes' Latin face list, when the document has code.
    """
    part = None
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
    if part is None:
        return
    entries: dict[str, str] = {}
    for role_name in ROLES:
        role = style.role(role_name)
        for fonts, cjk in ((role.fonts, True), (role.latin, False)):
            if not fonts or fonts[0] in entries:
                continue
            alt = f'<w:altName w:val="{attr_value(fonts[1])}"/>' if len(fonts) > 1 else ""
            if cjk:
                body = '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>'
            else:
                body = '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
            name = attr_value(fonts[0])
            entries[fonts[0]] = f'<w:font w:name="{name}">{alt}{body}</w:font>'
    if mono and mono[0] not in entries:
        alt = f'<w:altName w:val="{attr_value(mono[1])}"/>' if len(mono) > 1 else ""
        entries[mono[0]] = (
            f'<w:font w:name="{attr_value(mono[0])}">{alt}'
            '<w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{_W}">' + "".join(entries.values()) + "</w:fonts>"
    )
    part._blob = xml.encode("utf-8")


def _timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH (reproducible builds) when set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def write_package(saved: bytes, path: Path, mark: bytes, body: IO[bytes] | None) -> None:
    """Write the package python-docx ``saved`` (in memory: the body is not in it) to
    ``path``: the spooled body streamed into ``word/document.xml`` in place of ``mark``,
    and, with SOURCE_DATE_EPOCH set, every entry given that time, so the same input gives
    the same bytes (python-docx stamps entries with the current time).

    The file is ours to open and close: python-docx leaves its zip open when a write
    fails (a full disk), and the zip's finaliser then printed a traceback at exit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.UTC).timetuple()[:6]
        if epoch and epoch.isdigit()
        else None
    )
    with zipfile.ZipFile(io.BytesIO(saved)) as src, open(path, "wb") as raw:
        dst = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
        try:  # not ``with``: a failed close must not be retried by the finaliser
            for old in src.infolist():
                info = zipfile.ZipInfo(old.filename, date_time=when or old.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16 if when else old.external_attr
                data = src.read(old.filename)
                if old.filename == "word/document.xml" and body is not None:
                    head, sep, tail = data.partition(mark)
                    if not sep:
                        raise ValueError("the body's place in word/document.xml is lost")
                    with dst.open(info, "w") as out:
                        out.write(head)
                        shutil.copyfileobj(body, out, 1 << 20)
                        out.write(tail)
                else:
                    dst.writestr(info, data)
            dst.close()
        except BaseException:
            with contextlib.suppress(OSError, ValueError):  # the write's own error is the one to report
                dst.close()
            dst.fp = None  # never finalised again at exit
            raise


def properties(doc: DocxDocument, model: Document, pages: int | None) -> None:
    cp = doc.core_properties
    cp.title = xml_safe(model.display_title())[:255]
    cp.subject = xml_safe(model.subtitle or "讲话稿")[:255]
    cp.language = "zh-CN"
    authors = [model.author] if model.author else [s.author for s in model.speeches if s.author]
    cp.author = xml_safe("、".join(dict.fromkeys(a for a in authors if a)))[:255]
    cp.last_modified_by = APPLICATION
    cp.comments = xml_safe(f"Made by {APPLICATION}" + (f" from {model.source}" if model.source else ""))
    cp.keywords = "讲话稿"
    cp.category = ""
    cp.revision = 1
    now = _timestamp()
    cp.created = now
    cp.modified = now
    _app(doc, pages)
    _drop_template_parts(doc)


def _app(doc: DocxDocument, pages: int | None) -> None:
    for rel in doc.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            xml = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                "<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
                + (f"<Pages>{pages}</Pages>" if pages else "")
                + f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
                "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
                "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
                "</Properties>"
            )
            rel.target_part._blob = xml.encode("utf-8")


#: Parts of python-docx's template a Speechpress file has no use for, by relationship:
#: ``stylesWithEffects.xml`` (Word 2010's copy of every built-in style, 438 KB unpacked,
#: 37 % of the sample's DOCX; Word, WPS and LibreOffice read ``styles.xml``) and the
#: template's bibliography sources under ``customXml/``. A part no relationship names is
#: not written.
_UNUSED_PARTS = frozenset(
    {
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        RT.CUSTOM_XML,
    }
)


def _drop_template_parts(doc: DocxDocument) -> None:
    """The template's thumbnail (it shows an empty page: worse than none in a file
    browser) and the parts in ``_UNUSED_PARTS``."""
    for rels, unused in ((doc.part.package.rels, {RT.THUMBNAIL}), (doc.part.rels, _UNUSED_PARTS)):
        for rid, rel in list(rels.items()):
            if rel.reltype in unused:
                del rels[rid]
