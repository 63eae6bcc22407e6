"""docs/model-json.md is the public contract of the model's JSON: it and the code agree,
key by key, in both directions (a key the code writes is documented; a documented key is
written by the code for some document)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from convert.model import (
    Diagnostic,
    Document,
    Heading,
    Note,
    Paragraph,
    Run,
    Speech,
    Table,
    from_json,
    to_json,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "model-json.md"
ROW = re.compile(r"^\|\s*(\w+)\s*\|\s*`(\w+)`\s*\|\s*(always|optional)\s*\|")


def documented() -> dict[tuple[str, str], str]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            rows[(m.group(1), m.group(2))] = m.group(3)
    return rows


def full_document() -> Document:
    """A model in which every optional field has a value somewhere."""
    blocks = (
        Heading(level=1, text="一、总体要求", ordinal="一、", line=3),
        Heading(level=2, text="（一）坚持稳中求进。", run_in=True, ordinal="（一）", line=4),
        Paragraph(
            runs=(Run("要把"), Run("稳", bold=True), Run("字"), Run("摆在", italic=True), Run("【注】", note=True)),
            line=4,
        ),
        Paragraph.of("同志们：", role="greeting", line=2),
        Paragraph(runs=(Run("子项"),), role="list_item", line=5, list_level=2),
        Note(text="翻页", kind="cue", line=5),
        Table(rows=(("项目", "数量"), ("甲\n乙", "2")), header=True, line=6),
    )
    return Document(
        speeches=(
            Speech(
                blocks=blocks,
                label="（一）",
                title="在会上的讲话",
                subtitle="——副题",
                author="张三",
                date="2024年1月1日",
            ),
        ),
        title="讲话汇编",
        subtitle="（1篇）",
        author="某某单位",
        date="2024年1月",
        diagnostics=(
            Diagnostic("warning", "numbering", "numbering skips", 4),
            Diagnostic("info", "encoding", "decoded", None),
        ),
        source="talk.txt",
    )


def keys_written(data: dict[str, Any]) -> set[tuple[str, str]]:
    found = {("document", k) for k in data}
    for s in data["speeches"]:
        found |= {("speech", k) for k in s}
        for b in s["blocks"]:
            for k in b:
                found.add(("block", k) if k in ("type", "line") else (b["type"], k))
    for d in data["diagnostics"]:
        found |= {("diagnostic", k) for k in d}
    return found


def test_every_key_written_is_documented_and_every_documented_key_is_written() -> None:
    doc = full_document()
    data = to_json(doc)
    written = keys_written(data)
    table = documented()
    assert written - set(table) == set(), "keys the code writes but docs/model-json.md does not describe"
    assert set(table) - written == set(), "keys docs/model-json.md describes but the code never writes"
    assert from_json(data) == doc


def test_keys_documented_as_always_are_always_there() -> None:
    """A bare model (no optional value anywhere) still carries every key marked *always*."""
    bare = Document(
        speeches=(
            Speech(
                blocks=(
                    Heading(level=1, text="一、总体要求"),
                    Paragraph.of("讲话"),
                    Note(text="注"),
                    Table(rows=(("甲",),)),
                )
            ),
        ),
        diagnostics=(Diagnostic("info", "encoding", "decoded"),),
    )
    written = keys_written(to_json(bare))
    always = {k for k, presence in documented().items() if presence == "always"}
    assert always - written == set()


def test_the_model_points_at_the_contract_in_the_repository() -> None:
    import convert.model

    assert "docs/model-json.md" in (convert.model.__doc__ or "")
