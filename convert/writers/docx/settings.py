"""Document-wide parts: ``word/settings.xml`` and ``word/fontTable.xml``.

The settings are Word 2010's defaults for a Chinese document (compatibility mode 14, so
Word does not open it in compatibility mode; East-Asian layout; no compression of CJK
punctuation; theme fonts' languages en-US and zh-CN), plus the two a style decides:
different odd and even headers, and refreshing fields (the TOC) on opening.

The font table names each face the styles use, with the next face of its list as
altName, so Word on a machine without 仿宋_GB2312 substitutes 仿宋 rather than guessing.
"""

from __future__ import annotations

from ...style import ROLES, Style
from .xml import DECLARATION, W_NS, attr_value

_SETTINGS_HEAD = (
    '<w:settings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
    f'xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" mc:Ignorable="w14">'
    '<w:zoom w:val="bestFit"/><w:proofState w:spelling="clean" w:grammar="clean"/>'
    '<w:defaultTabStop w:val="720"/>'
)
_SETTINGS_COMPAT = (
    '<w:characterSpacingControl w:val="doNotCompress"/>',
    "<w:compat><w:useFELayout/>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    "</w:compat>"
    '<m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/><m:brkBinSub m:val="--"/>'
    '<m:smallFrac m:val="0"/><m:dispDef/><m:lMargin m:val="0"/><m:rMargin m:val="0"/>'
    '<m:defJc m:val="centerGroup"/><m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/>'
    '<m:naryLim m:val="undOvr"/></m:mathPr>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" '
    'w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" '
    'w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>'
    "<w:doNotAutoCompressPictures/>"
    '<w:shapeDefaults><o:shapedefaults v:ext="edit" spidmax="1027"/>'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></w:shapeDefaults>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    '<w14:defaultImageDpi w14:val="300"/></w:settings>',
)


def settings_xml(even_odd: bool, update_fields: bool) -> bytes:
    """``even_odd``: odd and even pages have headers and footers of their own (page
    numbers on the outside); ``update_fields``: Word refreshes the TOC (and the page
    numbers in it) when the file is opened."""
    return (
        DECLARATION
        + _SETTINGS_HEAD
        + ("<w:evenAndOddHeaders/>" if even_odd else "")
        + _SETTINGS_COMPAT[0]
        + ('<w:updateFields w:val="true"/>' if update_fields else "")
        + _SETTINGS_COMPAT[1]
    ).encode("utf-8")


def font_table_xml(style: Style, mono: tuple[str, ...] = ()) -> bytes:
    """One ``w:font`` per face the styles name, with the next face of its list as altName.

    Word substitutes the altName when a machine lacks the face (仿宋_GB2312 → 仿宋), and
    the GB2312 charset (86) tells it the face is Chinese rather than guessing from the name.
    ``mono`` is the code notes' Latin face list, when the document has code.
    """
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
    return (DECLARATION + f'<w:fonts xmlns:w="{W_NS}">' + "".join(entries.values()) + "</w:fonts>").encode("utf-8")
