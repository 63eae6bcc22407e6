"""The document's properties: ``docProps/core.xml`` (title, author, language, dates) and
``docProps/app.xml`` (the application, the estimated page count).

Written as string templates, every value escaped (:func:`.xml.attr_value`) after the
characters XML cannot hold are dropped (:func:`.xml.xml_safe`). Word shows the core
properties under File › Info and file managers index them, so they describe the speech,
never a template.
"""

from __future__ import annotations

import datetime as dt
import os

from ...model import Document
from .xml import DECLARATION, attr_value, xml_safe

APPLICATION = "Speechpress"
#: Office's limit for a core property shown in its dialogs.
_MAX_LENGTH = 255


def timestamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH (reproducible builds) when set, else now (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _value(text: str) -> str:
    return attr_value(xml_safe(text)[:_MAX_LENGTH])


def core_xml(model: Document, when: dt.datetime) -> bytes:
    """Dublin Core properties: title, subject, the authors, where it was made from."""
    authors = [model.author] if model.author else [s.author for s in model.speeches if s.author]
    comments = f"Made by {APPLICATION}" + (f" from {model.source}" if model.source else "")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = (
        ("dc:title", _value(model.display_title())),
        ("dc:subject", _value(model.subtitle or "讲话稿")),
        ("dc:creator", _value("、".join(dict.fromkeys(a for a in authors if a)))),
        ("cp:keywords", "讲话稿"),
        ("dc:description", _value(comments)),
        ("cp:lastModifiedBy", APPLICATION),
        ("cp:revision", "1"),
    )
    return (
        DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(f"<{tag}>{value}</{tag}>" for tag, value in fields)
        + f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<cp:category></cp:category><dc:language>zh-CN</dc:language></cp:coreProperties>"
    ).encode("utf-8")


def app_xml(pages: int | None) -> bytes:
    """Extended properties: made by Speechpress; the page count Word shows until it has
    laid the document out itself."""
    return (
        DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
        + (f"<Pages>{pages}</Pages>" if pages else "")
        + f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode("utf-8")
