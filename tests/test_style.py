"""Styles as data: the built-ins say what the spec says, user styles extend them, and every
mistake in a style file is reported with the file, the key and what is allowed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from convert.style import (
    ROLES,
    SIZE_NAMES,
    StyleError,
    builtin_styles,
    dump_toml,
    load_style,
    mm_to_pt,
    resolved_data,
    size_to_pt,
)


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_builtins_are_the_four_documented_styles() -> None:
    assert set(builtin_styles()) == {"official", "handout", "ereader", "podium"}
    for name in builtin_styles():
        st = load_style(name)
        assert st.name == name and st.description
        assert set(st.roles) == set(ROLES)


def test_official_is_gb_t_9704() -> None:
    st = load_style()  # the default
    assert st.name == "official"
    p = st.page
    assert (p.width_mm, p.height_mm) == (210, 297)
    assert (p.margin_top, p.margin_bottom, p.margin_left, p.margin_right) == (37, 35, 28, 26)
    assert (p.type_width_mm, p.type_height_mm) == (156, 225)
    assert (p.lines_per_page, p.chars_per_line) == (22, 28)
    assert st.line_pitch_pt == pytest.approx(mm_to_pt(225) / 22)
    assert st.body_size == 16 and st.role("title").size == 22 and st.role("page_number").size == 14
    assert st.roles["body"].fonts[0] == "仿宋_GB2312"
    assert st.heading_role(1).fonts[0] == "黑体"
    assert st.heading_role(2).fonts[0] == "楷体_GB2312"
    assert st.heading_role(3).bold and st.heading_role(3).fonts[0] == "仿宋_GB2312"
    assert st.heading_role(7) == st.heading_role(4) and not st.heading_role(4).bold
    assert st.page_number_format == "— {page} —" and st.page_number_position == "outside"
    assert st.first_line_indent == 2 and st.align == "justify"


def test_handout_is_an_a5_reading_copy() -> None:
    st = load_style("handout")
    assert (st.page.width_mm, st.page.height_mm) == (148, 210)
    assert 12 <= st.body_size <= 14 and "宋体" in st.roles["body"].fonts
    assert st.running_head == "{title}"
    assert st.page_number_format == "第 {page} 页 共 {pages} 页"
    assert st.roles["heading1"].fonts == load_style("official").roles["heading1"].fonts  # inherited


def test_size_names_are_the_word_table() -> None:
    assert size_to_pt("三号") == 16 and size_to_pt("小四") == 12 and size_to_pt("五号") == 10.5
    assert size_to_pt(13.5) == 13.5
    assert list(SIZE_NAMES.values()) == sorted(SIZE_NAMES.values(), reverse=True)


@pytest.mark.parametrize("name", ["official", "handout", "ereader"])
def test_resolved_style_round_trips_through_toml(tmp_path: Path, name: str) -> None:
    """`styles show` prints a complete standalone style: loading it gives the same style."""
    st = load_style(name)
    text = dump_toml(resolved_data(st))
    assert "extends" not in text
    again = load_style(write(tmp_path, text, f"{name}.toml"))
    assert dataclasses.replace(again, source=st.source) == st


def test_user_style_extends_a_builtin_and_changes_a_few_keys(tmp_path: Path) -> None:
    p = write(
        tmp_path, 'extends = "official"\n[roles.body]\nsize = "小三"\n[page_number]\nformat = "{page}"\n', "house.toml"
    )
    st = load_style(p)
    official = load_style("official")
    assert st.name == "house" and "official" in st.description  # not called "official"
    assert st.body_size == 15 and st.page_number_format == "{page}"
    assert st.roles["body"].fonts == official.roles["body"].fonts  # tables merge key by key
    assert st.page == official.page and st.roles["title"] == official.roles["title"]


def test_user_style_extends_a_file_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", 'extends = "handout"\n[paragraph]\nline_pitch = 20\n', "mid.toml")
    p = write(tmp_path, 'extends = "base/mid.toml"\n[running_head]\ntext = "{subtitle}"\n')
    st = load_style(p)
    assert st.page.width_mm == 148  # from handout, two levels up
    assert st.line_pitch_pt == 20  # an explicit pitch wins over size × spacing
    assert st.running_head == "{subtitle}"


def test_role_without_fonts_takes_body_fonts_and_own_indent(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        'extends = "official"\n[roles.note]\nfonts = ["LXGW WenKai"]\nfirst_line_indent = 0\nline_spacing = 1.2\n',
    )
    st = load_style(p)
    assert st.roles["note"].fonts == ("LXGW WenKai",)
    assert st.roles["note"].first_line_indent == 0 and st.roles["note"].line_spacing == 1.2
    assert st.roles["body"].first_line_indent is None


# Each mistake: (file text, fragments the one-line message must contain).
BAD = {
    "unknown top key": (
        'extends = "official"\ncolours = 1\n',
        ["'colours'", "did you mean 'colors'", "allowed:", "page"],
    ),
    "unknown table key": (
        'extends = "official"\n[page]\nsise = "A4"\n',
        ["'page.sise'", "did you mean 'size'", "margin_top"],
    ),
    "unknown role": (
        'extends = "official"\n[roles.heading5]\nsize = 12\n',
        ["[roles.heading5]", "heading4", "running_head"],
    ),
    "unknown role key": (
        'extends = "official"\n[roles.body]\nfont = ["宋体"]\n',
        ["'roles.body.font'", "did you mean 'fonts'"],
    ),
    "bad size name": (
        'extends = "official"\n[roles.body]\nsize = "三點五號"\n',
        ["'roles.body.size'", "三點五號", "小四", "三号"],
    ),
    "bad size number": ('extends = "official"\n[roles.title]\nsize = 500\n', ["'roles.title.size'", "3 to 200"]),
    "missing font list": ("[roles.body]\nsize = 12\n", ["roles.body.fonts", "missing font list"]),
    "empty font list": ('extends = "official"\n[roles.body]\nfonts = []\n', ["'roles.body.fonts'", "non-empty list"]),
    "bad paper": (
        'extends = "official"\n[page]\nsize = "A7"\n',
        ["'page.size'", "A7", "A4", "A5", "[width_mm, height_mm]"],
    ),
    "bad choice": (
        'extends = "official"\n[paragraph]\nalign = "middle"\n',
        ["'paragraph.align'", "justify, left, center, right", "middle"],
    ),
    "bad colour": ('extends = "official"\n[colors]\ntext = "red"\n', ["'colors.text'", "#1a1a1a"]),
    "bad number": ('extends = "official"\n[paragraph]\nline_spacing = 9\n', ["'paragraph.line_spacing'", "0.8 to 4"]),
    "bad bool": ('extends = "official"\n[pdf]\nbooklet = "yes"\n', ["'pdf.booklet'", "true or false"]),
    "epub-only key in pdf": (
        'extends = "official"\n[pdf]\nline_height = 1.5\n',
        ["'pdf.line_height'", "allowed: booklet"],
    ),
    "bad placeholder": (
        'extends = "official"\n[page_number]\nformat = "第{n}页"\n',
        ["'page_number.format'", "{n}", "{page}, {pages}"],
    ),
    "format without page": (
        'extends = "official"\n[page_number]\nformat = "共{pages}页"\n',
        ["'page_number.format'", "must contain {page}"],
    ),
    "running head placeholder": (
        'extends = "official"\n[running_head]\ntext = "{speech}"\n',
        ["'running_head.text'", "{title}, {subtitle}"],
    ),
    "unknown extends": ('extends = "oficial"\n', ["key 'extends'", "oficial", "did you mean 'official'", "handout"]),
    "not a table": ('extends = "official"\npage = "A4"\n', ["[page] must be a table", "margin_top"]),
    "no room": ('extends = "official"\n[page]\nsize = [60, 297]\n', ["margins leave no room", "60 × 297"]),
    "bad toml": ('extends = "official"\n[page\n', ["not valid TOML", "line 2"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_mistake_names_file_key_and_allowed_values(tmp_path: Path, case: str) -> None:
    text, fragments = BAD[case]
    p = write(tmp_path, text)
    with pytest.raises(StyleError) as info:
        load_style(p)
    msg = str(info.value)
    assert msg.startswith(str(p)), msg
    assert "\n" not in msg
    for f in fragments:
        assert f in msg, f"{f!r} not in {msg!r}"


def test_extends_loop_and_missing_files(tmp_path: Path) -> None:
    write(tmp_path, 'extends = "b.toml"\n', "a.toml")
    write(tmp_path, 'extends = "a.toml"\n', "b.toml")
    with pytest.raises(StyleError, match="loops back"):
        load_style(tmp_path / "a.toml")
    with pytest.raises(StyleError, match="style file not found"):
        load_style(tmp_path / "nope.toml")
    with pytest.raises(StyleError, match="unknown style 'nope'; built-in styles: ereader, handout, official"):
        load_style("nope")
    p = write(tmp_path, 'extends = "gone.toml"\n', "c.toml")
    with pytest.raises(StyleError, match=r"c\.toml: key 'extends': .*gone\.toml: style file not found"):
        load_style(p)


def test_roles_of_greetings_notes_cues_and_lists_are_data() -> None:
    """Every look a writer gives a paragraph role or a note kind is a style role."""
    st = load_style("official")
    assert st.roles["greeting"].align == "left" and st.roles["greeting"].first_line_indent == 0
    assert st.roles["signature"].align == "right"
    assert st.roles["quote"].left_indent == 2 and st.roles["list_item"].hanging
    assert st.roles["note"].rule_above and st.roles["note"].size < st.body_size  # smaller, after a rule
    assert st.roles["cue"].brackets == "［］" and st.roles["cue"].fonts == st.roles["lead"].fonts
    handout = load_style("handout")  # body-like roles follow a style's body face
    assert handout.roles["greeting"].fonts == handout.roles["body"].fonts != st.roles["body"].fonts


def test_bad_brackets_are_refused(tmp_path: Path) -> None:
    p = write(tmp_path, 'extends = "official"\n[roles.cue]\nbrackets = "["\n', "x.toml")
    with pytest.raises(StyleError, match=r"roles\.cue\.brackets"):
        load_style(p)


#: Loads the style named in argv[1] in a fresh process: whether TOML was parsed, and the
#: body size and the page's top margin it gave.
LOAD = """
import json, sys
from convert.style import load_style
st = load_style(sys.argv[1])
print(json.dumps({"parsed": "tomllib" in sys.modules, "size": st.role("body").size, "top": st.page.margin_top}))
"""


def test_a_style_is_read_from_its_files_once_until_one_of_them_changes(tmp_path: Path) -> None:
    """The merged data of a style chain is kept in the cache folder: the next process does
    not parse TOML, and gets the same style; editing the file it extends is seen at once."""
    from conftest import run_json

    cache = tmp_path / "cache"
    base = write(tmp_path, 'extends = "official"\n[roles.body]\nsize = 18\n', "base.toml")
    mine = write(tmp_path, 'extends = "base.toml"\n[page]\nmargin_top = 40\n')
    first = run_json(LOAD, str(mine), cache=cache)
    again = run_json(LOAD, str(mine), cache=cache)
    assert first == {"parsed": True, "size": 18.0, "top": 40.0}
    assert again == {"parsed": False, "size": 18.0, "top": 40.0}
    base.write_text('extends = "official"\n[roles.body]\nsize = 20\n', encoding="utf-8")  # a new size
    assert run_json(LOAD, str(mine), cache=cache) == {"parsed": True, "size": 20.0, "top": 40.0}
    # a built-in the same way, and equal to what its files give
    assert run_json(LOAD, "podium", cache=cache)["parsed"] is True
    cached = run_json(LOAD, "podium", cache=cache)
    assert cached["parsed"] is False and cached["size"] == load_style("podium").role("body").size
