"""The book's stylesheet, computed from the style so the EPUB agrees with the DOCX and PDF.

An e-reader owns the page and the reader owns the text size, so only proportions travel:
every size is in ``em`` relative to the body size of the style (a 三号 heading over a 三号
body is ``1em``; a 二号 title is ``1.375em``), never in px or pt. Faces travel as font
stacks: the style's own family list first (what an office machine or a reader with
Chinese fonts has), then the common free and platform CJK families of the same kind,
then the generic family, so a reader without 仿宋 still shows a serif and not a 黑体.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...style import RoleStyle, Style

#: Free and platform families per kind of face, tried after the style's own list.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "serif": ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "serif"),
    "sans": ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Heiti SC", "Microsoft YaHei", "sans-serif"),
    "kai": ("Kaiti SC", "STKaiti", "KaiTi", "LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC", "serif"),
}
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
_SANS_MARKS = ("黑", "hei", "sans", "gothic", "yahei")
_KAI_MARKS = ("楷", "kai")


@dataclass(frozen=True)
class EmbeddedFace:
    """A subset font shipped in the book, and the family name the CSS gives it."""

    family: str
    href: str  # relative to the stylesheet
    format: str  # "opentype" or "truetype"
    bold: bool = False  # the file is a bold face: declared so, so it is not emboldened again


def face_kind(fonts: Iterable[str]) -> str:
    """Whether a role's family list names a 黑体 (sans), a 楷体 or a 宋/仿宋 (serif) face."""
    for name in fonts:
        low = name.lower()
        if any(m in low for m in _SANS_MARKS):
            return "sans"
        if any(m in low for m in _KAI_MARKS):
            return "kai"
        if "宋" in name or "song" in low or "serif" in low or "ming" in low:
            return "serif"
    return "serif"


def _quote(name: str) -> str:
    if name in _GENERIC:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def font_stack(role: RoleStyle, embedded: EmbeddedFace | None = None) -> str:
    names: list[str] = [embedded.family] if embedded else []
    for name in (*role.fonts, *FALLBACKS[face_kind(role.fonts)]):
        if name not in names:
            names.append(name)
    return ", ".join(_quote(n) for n in names)


def _em(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{text}em" if text not in ("0", "-0") else "0"


def _rel(role: RoleStyle, style: Style) -> str:
    return _em(role.size / style.body_size)


def _weight(role: RoleStyle) -> str:
    return "bold" if role.bold else "normal"


def _color(role: RoleStyle, style: Style, key: str) -> str:
    """A colour only when the style asks for one that is not black: forcing black would
    defeat the night modes of readers."""
    value = role.color or style.colors.get(key)
    if value and value.lower() not in ("#000000", "#000"):
        return f"  color: {value};\n"
    return ""


def _role_body(style: Style, name: str, stack: str) -> str:
    """The declarations of a paragraph role: face and size relative to the body, alignment,
    first-line and left indents (in em of the role's size)."""
    role, body = style.role(name), style.role("body")
    lines = [f"  font-family: {stack};\n"]
    if role.size != body.size:
        lines.append(f"  font-size: {_rel(role, style)};\n")
    if role.bold != body.bold:
        lines.append(f"  font-weight: {_weight(role)};\n")
    lines.append(f"  text-indent: {_em(style.first_indent(role))};\n")
    if role.align:
        lines.append(f"  text-align: {role.align};\n")
    if role.left_indent:
        lines.append(f"  margin-left: {_em(role.left_indent)};\n")
    if role.space_before or role.space_after:
        lines.append(f"  margin-top: {_em(role.space_before / role.size)};\n")
        lines.append(f"  margin-bottom: {_em(role.space_after / role.size)};\n")
    return "".join(lines) + _color(role, style, "text")


def _latin_stack(role: RoleStyle) -> str:
    """The role's Latin faces, first in a stack (a browser takes each glyph from the first
    face that has it: Latin letters from these, Chinese from the faces after)."""
    return "".join(f"{_quote(n)}, " for n in role.latin)


def _rule(selector: str, body: str) -> str:
    return f"{selector} {{\n{body}}}\n"


def build_css(style: Style, faces: Mapping[str, EmbeddedFace] | None = None) -> str:
    """The stylesheet; ``faces`` maps role names to the embedded subset serving them."""
    faces = faces or {}
    body = style.role("body")
    line_height = float(style.epub.get("line_height", 1.8))
    indent = _em(style.first_indent(body))
    para_gap = _em(style.space_after / style.body_size) if style.space_after else "0"
    out: list[str] = ['@charset "utf-8";\n', '@namespace epub "http://www.idpf.org/2007/ops";\n']
    seen: set[str] = set()
    for face in faces.values():
        if face.family in seen:
            continue
        seen.add(face.family)
        out.append(
            _rule(
                "@font-face",
                f"  font-family: {_quote(face.family)};\n  font-style: normal;\n"
                f'  font-weight: {"bold" if face.bold else "normal"};\n  src: url("{face.href}") format("{face.format}");\n',
            )
        )

    def stack(role_name: str) -> str:
        return font_stack(style.role(role_name), faces.get(role_name))

    out.append(
        _rule(
            "body",
            f"  font-family: {stack('body')};\n  line-height: {line_height:g};\n"
            f"  line-break: strict;\n  -epub-line-break: strict;\n  word-break: normal;\n"
            f"  orphans: 2;\n  widows: 2;\n{_color(body, style, 'text')}",
        )
    )
    out.append(_rule("p", f"  margin: 0 0 {para_gap} 0;\n  text-align: {style.align};\n  text-indent: {indent};\n"))
    # Paragraph roles, each from its style role: face, size, alignment, indents.
    for selector, role_name in (
        ("p.greeting", "greeting"),
        ("p.closing", "closing"),
        ("p.signature", "signature"),
        ("p.quote", "quote"),
        ("p.item", "list_item"),
        ("p.cue", "cue"),
    ):
        out.append(_rule(selector, _role_body(style, role_name, stack(role_name))))
    out.append(_rule("p.date", "  text-indent: 0;\n  text-align: right;\n"))
    out.append(_rule("p.cue", "  page-break-after: avoid;\n  break-after: avoid;\n"))  # said of what follows

    # Title page and chapter openings.
    title = style.role("title")
    out.append(_rule("section.titlepage", "  margin-top: 20%;\n  text-align: center;\n"))
    out.append(
        _rule(
            "h1.title",
            f"  font-family: {stack('title')};\n  font-size: {_rel(title, style)};\n"
            f"  font-weight: {_weight(title)};\n  line-height: 1.5;\n"
            f"  text-align: {title.align or 'center'};\n  margin: 0 0 1em 0;\n"
            f"  text-wrap: balance;\n  word-break: keep-all;\n{_color(title, style, 'title')}",
        )
    )
    sub = style.role("subtitle")
    out.append(
        _rule(
            ".subtitle",
            f"  font-family: {stack('subtitle')};\n  font-size: {_rel(sub, style)};\n"
            f"  text-indent: 0;\n  text-align: {sub.align or 'center'};\n  margin: 0 0 1em 0;\n",
        )
    )
    out.append(_rule("p.byline", "  text-indent: 0;\n  text-align: center;\n"))
    out.append(_rule(".titlepage p.date, header p.date", "  text-align: center;\n"))
    label = style.role("label")
    out.append(
        _rule(
            "h1.speech",
            f"  font-size: {_rel(label, style)};\n  font-weight: normal;\n"
            f"  text-align: {label.align or 'center'};\n  margin: 1em 0 1em 0;\n"
            f"  line-height: 1.5;\n",
        )
    )
    out.append(
        _rule(
            "h1.speech .label",
            f"  display: block;\n  font-family: {stack('label')};\n"
            f"  font-weight: {_weight(label)};\n{_color(label, style, 'heading')}",
        )
    )
    out.append(
        _rule(
            "h1.speech .speech-title",
            f"  display: block;\n  font-family: {stack('title')};\n"
            f"  font-size: {_em(title.size / label.size)};\n"
            f"  font-weight: {_weight(title)};\n  word-break: keep-all;\n  text-wrap: balance;\n"
            f"{_color(title, style, 'title')}",
        )
    )

    # Headings by level; levels past 4 share level 4's look.
    for n in range(1, 5):
        role = style.role(f"heading{n}")
        h_indent = _em(style.first_indent(role))  # em of the heading's own size
        tags = ", ".join(f"h{t}.h{n}" for t in ([n + 1] if n < 4 else [5, 6]))
        out.append(
            _rule(
                tags,
                f"  font-family: {stack(f'heading{n}')};\n  font-size: {_rel(role, style)};\n"
                f"  font-weight: {_weight(role)};\n  font-style: {'italic' if role.italic else 'normal'};\n"
                f"  text-align: {role.align or style.align};\n  text-indent: {h_indent};\n"
                f"  line-height: {line_height:g};\n  margin: 0.5em 0 0.25em 0;\n"
                f"  page-break-after: avoid;\n  break-after: avoid;\n{_color(role, style, 'heading')}",
            )
        )
        # A run-in lead is the heading of its level printed inside the paragraph.
        out.append(
            _rule(
                f"span.lead.l{n}",
                f"  font-family: {stack(f'heading{n}')};\n"
                f"  font-size: {_rel(role, style)};\n  font-weight: {_weight(role)};\n"
                f"{_color(role, style, 'heading')}",
            )
        )

    note = style.role("note")
    out.append(
        _rule(
            "span.note",
            f"  font-family: {stack('note')};\n  font-size: 1em;\n{_color(note, style, 'note')}",
        )
    )
    out.append(
        _rule(
            "aside.note",
            f"  font-family: {stack('note')};\n  font-size: {_rel(note, style)};\n"
            f"  margin: 0.25em 0;\n{_color(note, style, 'note')}",
        )
    )
    if note.rule_above:  # a short rule above the first of a run of notes
        out.append(
            _rule(
                "aside.note.first::before",
                '  content: "";\n  display: block;\n  width: 25%;\n'
                "  border-top: 1px solid currentColor;\n  margin: 0.75em 0 0.5em 0;\n",
            )
        )
    out.append(
        _rule(
            "pre.note",
            f"  white-space: pre-wrap;\n  font-family: {_latin_stack(style.role('code'))}{stack('code')};\n"
            f"  font-size: {_rel(style.role('code'), style)};\n  margin: 0.5em 0;\n",
        )
    )
    out.append(_rule("p.caption", _role_body(style, "caption", stack("caption"))))
    out.append(_rule("table", "  border-collapse: collapse;\n  margin: 0.5em auto;\n  line-height: 1.5;\n"))
    out.append(_rule("th, td", "  border: 1px solid currentColor;\n  padding: 0.2em 0.5em;\n  text-align: center;\n"))
    out.append(_rule("th", f"  font-family: {stack('heading1')};\n  font-weight: normal;\n"))

    # The table of contents page and the cover page.
    out.append(_rule("nav ol", "  list-style-type: none;\n  margin: 0;\n  padding-left: 1.5em;\n"))
    out.append(_rule("nav > ol", "  padding-left: 0;\n"))
    # Landmarks are for the reading system's menus, not a page the reader should see.
    out.append(_rule('nav[epub|type~="landmarks"]', "  display: none;\n"))
    out.append(_rule("nav a", "  text-decoration: none;\n  color: inherit;\n"))
    out.append(_rule("nav h2", f"  font-family: {stack('heading1')};\n  font-weight: normal;\n  text-align: center;\n"))
    out.append(_rule("div.cover", "  margin: 0;\n  padding: 0;\n  text-align: center;\n"))
    out.append(_rule("img.cover", "  max-width: 100%;\n  max-height: 100%;\n"))
    return "".join(out)
