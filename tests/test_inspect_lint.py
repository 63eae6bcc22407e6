"""`speechpress inspect` and `speechpress lint`: the outline as a tree, the model as JSON,
diagnostics in the FILE:LINE form editors jump to."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import SEED

from convert.cli import main
from convert.model import from_json


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_inspect_tree_marks_levels_and_run_in():
    r = run("inspect", str(SEED))
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "title: 理论中心组学习贯彻党的二十届二中全会精神集中研讨发言提纲"
    assert lines[1] == "subtitle: （2篇）"
    assert any(x.startswith("（一）") and "4 headings" in x for x in lines)
    assert "  H1 (run-in) 第一，充分认识" in "\n".join(lines)
    assert "    H2 (run-in) 一是高质量推进产业发展。" in lines
    # a top-level section shows its speaking time; deeper headings do not
    assert any(re.fullmatch(r"  H1 一要强化政治意识，忠诚捍卫“两个确立”。 \[\d+′\d0″\]", x) for x in lines)
    assert "    H2 (run-in) 一是高质量推进产业发展。" in lines
    assert re.fullmatch(r"speaking time: about \d+′\d0″ at 220 characters a minute", lines[-2])
    assert re.search(r"diagnostics: 0 errors, \d+ warnings, \d+ infos", lines[-1])


def test_inspect_json_is_the_contract():
    r = run("inspect", "--json", str(SEED))
    data = json.loads(r.output)
    assert data["title"].endswith("发言提纲") and data["subtitle"] == "（2篇）"
    assert [s["label"] for s in data["speeches"]] == ["（一）", "（二）"]
    doc = from_json(data)
    assert len(doc.speeches) == 2


def test_inspect_json_is_written_as_json_dumps_would_write_it():
    """The streamed ``--json`` is text for text what ``json.dumps`` of the model's
    ``to_json`` and the speaking time gives, in a real process (its own stdout)."""
    import os
    import subprocess
    import sys

    import convert
    from convert import timing
    from convert.model import to_json

    proc = subprocess.run(
        [sys.executable, "-m", "convert", "inspect", "--json", str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(SEED.parent.parent)),
    )
    assert proc.returncode == 0, proc.stderr
    doc = convert.read(SEED)
    want = to_json(doc)
    want["speaking_time"] = timing.timing_json(doc, timing.DEFAULT_PACE)
    assert json.loads(proc.stdout) == want
    assert proc.stdout == json.dumps(want, ensure_ascii=False, indent=2) + "\n"


def test_streamed_json_of_every_block_kind_and_of_empty_parts(rich_doc):
    import io
    from dataclasses import replace

    from convert import timing
    from convert.cli.inspect import write_json
    from convert.model import Document, to_json

    empty_speech = replace(rich_doc, speeches=(replace(rich_doc.speeches[0], blocks=()), *rich_doc.speeches[1:]))
    for doc in (rich_doc, empty_speech, Document(speeches=())):
        out = io.StringIO()
        write_json(doc, 220, out)
        want = to_json(doc)
        want["speaking_time"] = timing.timing_json(doc, 220)
        assert out.getvalue() == json.dumps(want, ensure_ascii=False, indent=2) + "\n"


def test_lint_format_and_strict_exit():
    r = run("lint", str(SEED))
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert all(re.match(rf"{re.escape(str(SEED))}(:\d+)?: (error|warning|info): ", x) for x in lines)
    assert f"{SEED}:31: warning: unfilled placeholder “x%” [placeholder]" in lines
    assert run("lint", "--strict", str(SEED)).exit_code == 1


def test_lint_clean_file_strict_passes(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text("在会议上的讲话\n同志们：\n今天召开会议。\n", encoding="utf-8")
    assert run("lint", "--strict", str(p)).exit_code == 0


def test_inspect_bad_file_one_line_error(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    r = CliRunner().invoke(main, ["inspect", str(p)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output and "empty" in r.output
