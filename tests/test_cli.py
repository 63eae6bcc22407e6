"""The command line: batches, stdin, exit codes, the summary, atomic outputs, styles, plug-ins.

Most tests drive the CLI in-process with click's runner; a few run the real command in a
subprocess, where it matters (a real stdin pipe, a real terminal for the progress bar,
exit codes as the shell sees them, the installed `speechpress` script).

The test plug-in (tests/plugin_pkg) is "installed" the way pip installs a wheel: a
``*.dist-info`` folder with ``entry_points.txt`` on ``sys.path`` (and on PYTHONPATH for
subprocesses). It adds writers ``txt`` (plain text, deterministic), ``half`` (writes half
a file, then raises) and ``broken`` (cannot be imported), and a reader for ``.lines``
files, so most CLI behaviour is tested independently of the real readers and writers.
"""

from __future__ import annotations

import contextlib
import os
import pty
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import convert
from convert import registry
from convert.cli import main
from convert.model import content_chars, document_text
from convert.style import load_style

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SRC = Path(__file__).resolve().parent / "plugin_pkg"
SEED = ROOT / "seeds" / "000_bab276808ddd4c79.txt"


def make_dist_info(site: Path) -> None:
    """What `pip install tests/plugin_pkg` leaves in site-packages, built from its pyproject."""
    project = tomllib.loads((PLUGIN_SRC / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n", encoding="utf-8"
    )
    lines = []
    for group, eps in project["entry-points"].items():
        lines.append(f"[{group}]")
        lines += [f"{name} = {target}" for name, target in eps.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Install the test plug-in for this module; returns the PYTHONPATH for subprocesses."""
    site = tmp_path_factory.mktemp("site")
    make_dist_info(site)
    paths = [str(site), str(PLUGIN_SRC)]
    sys.path[:0] = paths
    registry.refresh()
    yield os.pathsep.join(paths)
    for p in paths:
        sys.path.remove(p)
    sys.modules.pop("speechpress_testplugin", None)
    registry.refresh()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run_cli(runner: CliRunner, *args: str, **kw) -> object:
    return runner.invoke(main, list(args), catch_exceptions=False, **kw)


def env_with(pythonpath: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (pythonpath, env.get("PYTHONPATH", "")) if x)
    return env


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    """A folder of manuscripts in sub-folders, hidden files, and one that cannot be read."""
    src = tmp_path / "talks"
    (src / "2024" / "spring").mkdir(parents=True)
    (src / ".drafts").mkdir()
    (src / "a.lines").write_text("第一篇\n同志们：\n今天开会。TODO\n", encoding="utf-8")
    (src / "2024" / "b.lines").write_text("第二篇\n正文一段。\n", encoding="utf-8")
    (src / "2024" / "spring" / "c.lines").write_text("第三篇\n正文。\n", encoding="utf-8")
    (src / ".drafts" / "d.lines").write_text("草稿\n", encoding="utf-8")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4 not a manuscript")
    (src / "bad.lines").write_bytes(b"\xff\xfe\x00garbage")
    return src


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- styles, fonts, formats -----------------------------------------------------------


def test_styles_lists_each_builtin_with_a_description(runner: CliRunner) -> None:
    res = run_cli(runner, "styles")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert [x.split()[0] for x in lines] == ["ereader", "handout", "official", "podium"]
    assert all(len(x.split(None, 1)[1]) > 10 for x in lines)
    assert "(default)" in lines[2]


def test_styles_show_prints_a_complete_loadable_style(runner: CliRunner, tmp_path: Path) -> None:
    user = tmp_path / "house.toml"
    user.write_text('extends = "handout"\n[roles.body]\nsize = "四号"\n', encoding="utf-8")
    res = run_cli(runner, "styles", "show", str(user))
    assert res.exit_code == 0
    data = tomllib.loads(res.stdout)
    assert data["name"] == "house" and data["page"]["size"] == "A5" and data["roles"]["body"]["size"] == "四号"
    copy = tmp_path / "copy.toml"
    copy.write_text(res.stdout, encoding="utf-8")
    again, orig = load_style(copy), load_style(user)
    assert again.roles == orig.roles and again.page == orig.page and again.running_head == "{title}"


def test_styles_show_bad_style_is_one_line_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "official"\n[roles.body]\nsize = "大号"\n', encoding="utf-8")
    res = run_cli(runner, "styles", "show", str(bad))
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert str(bad) in res.stderr and "roles.body.size" in res.stderr and "小四" in res.stderr


def test_fonts_prints_role_family_file_embedded(runner: CliRunner) -> None:
    pytest.importorskip("convert.fonts")
    font = next(Path("/usr/share/fonts/truetype/lxgw-wenkai").glob("*.ttf"), None)
    if font is None:
        pytest.skip("LXGW WenKai is not installed")
    res = run_cli(runner, "fonts", "--style", "handout", "--font", f"body={font}")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["role", "family", "file", "embedded"]
    roles = {x.split()[0]: x for x in lines[1:]}
    assert set(roles) >= {"title", "body", "heading1", "heading4", "page_number"}
    assert str(font) in roles["body"] and roles["body"].rstrip().endswith(("yes", "no"))


def test_formats_lists_builtins_and_the_plugin(runner: CliRunner, plugin: str) -> None:
    res = run_cli(runner, "formats")
    out = res.stdout
    assert res.exit_code == 0
    for name in ("docx", "pdf", "epub", "txt", "half", "lines"):
        assert f"  {name} " in out
    assert "speechpress-testplugin 0.1.0" in out
    assert "BROKEN" in next(x for x in out.splitlines() if x.strip().startswith("broken"))


# ---- usage errors (exit 2) ------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["-t", "pdf,nope"], ["-t: unknown format 'nope'", "docx", "epub", "pdf", "txt", "half"]),
        (["--style", "oficial"], ["unknown style 'oficial'", "did you mean 'official'"]),
        (["--font", "body"], ["--font 'body'", "ROLE=FILE"]),
        (["--font", "body=/nonexistent.ttf"], ["/nonexistent.ttf: no such font file"]),
        (["-", "-t", "txt"], ["stdin needs -o FILE"]),
        (["-", "x.lines"], ["cannot be mixed"]),
        (["-q", "-v", "x.lines"], ["--quiet and --verbose"]),
        (["-O", "novalue", "x.lines"], ["-O 'novalue'", "TABLE.KEY=VALUE"]),
        (["-O", "docx_runin=inline", "x.lines"], ["-O 'docx_runin=inline'", "did you mean 'docx.run_in'"]),
        (["-O", "docx.runin=inline", "x.lines"], ["unknown key 'docx.runin'", "did you mean 'run_in'"]),
        (["-O", "docx.run_in=sideways", "x.lines"], ["must be one of separator, inline"]),
        (["-O", "roles.bdy.size=12", "x.lines"], ["unknown role", "did you mean 'body'"]),
        (["-f", "zz", "x.lines"], ["-f: unknown input format 'zz'", "lines", "txt"]),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    runner: CliRunner, plugin: str, args: list[str], fragments: list[str]
) -> None:
    res = run_cli(runner, "convert", *args)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("speechpress: ")
    for f in fragments:
        assert f in res.stderr, res.stderr
    assert res.stdout == ""


def test_bad_user_style_stops_before_any_output(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    style = tmp_path / "house.toml"
    style.write_text('extends = "official"\n[page]\nsize = "A7"\n', encoding="utf-8")
    res = run_cli(runner, "convert", str(batch), "-t", "txt", "-o", str(tmp_path / "out"), "--style", str(style))
    assert res.exit_code == 2
    assert f"speechpress: {style}: key 'page.size'" in res.stderr and "A4, A5" in res.stderr
    assert not (tmp_path / "out").exists()


def test_no_arguments_without_seeds_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    with runner.isolated_filesystem(temp_dir=tmp_path):
        res = run_cli(runner)
    assert res.exit_code == 2 and "no seeds/ folder" in res.stderr


# ---- batches --------------------------------------------------------------------------


def test_batch_of_a_folder(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run_cli(runner, "convert", str(batch), "-t", "txt", "-o", str(out))
    assert res.exit_code == 1  # bad.lines failed, the others are written
    # outputs mirror the folder's sub-folders; hidden folders and other extensions are skipped
    assert sorted(outputs(out)) == ["2024/b.txt", "2024/spring/c.txt", "a.txt"]
    assert "同志们：" in (out / "a.txt").read_text(encoding="utf-8")
    # one error line, naming the file and the cause
    errors = res.stderr.splitlines()
    assert errors == [f"speechpress: {batch / 'bad.lines'}: not UTF-8 (byte 0)"]
    # the summary: header, one row per input (in input order), a total line
    rows = res.stdout.splitlines()
    assert rows[0].split() == ["file", "formats", "pages", "speaking", "warnings", "time"]
    by_file = {r.split()[0]: r.split() for r in rows[1:5]}
    assert list(by_file) == [str(batch / n) for n in ("2024/b.lines", "2024/spring/c.lines", "a.lines", "bad.lines")]
    # formats, pages, speaking time (a few words: under ten seconds), warnings (the TODO)
    assert by_file[str(batch / "a.lines")][1:5] == ["txt", "1", "0′00″", "1"]
    assert by_file[str(batch / "bad.lines")][1] == "FAILED"
    assert rows[5].startswith("4 files: 3 converted, 1 failed; 3 outputs written in ")
    # the first warning is named, and `lint` is pointed to for the rest
    assert rows[6].startswith(f"first warning: {batch / 'a.lines'}:") and "TODO" in rows[6]
    assert rows[7].startswith("1 warning in all: `speechpress lint ") and str(batch / "a.lines") in rows[7]


def test_second_run_does_not_read_its_own_outputs(runner: CliRunner, plugin: str, batch: Path) -> None:
    (batch / "bad.lines").unlink()
    for _ in range(2):  # output folder inside the input folder
        res = run_cli(runner, "convert", str(batch), "-t", "txt", "-o", str(batch / "out"), "-q")
        assert res.exit_code == 0 and res.stdout == "" and res.stderr == ""
    assert sorted(outputs(batch / "out")) == ["2024/b.txt", "2024/spring/c.txt", "a.txt"]


def test_globs_files_and_missing_inputs(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run_cli(
        runner,
        "convert",
        str(batch / "2024" / "*.lines"),
        str(batch / "a.lines"),
        str(batch / "a.lines"),
        str(batch / "nope.lines"),
        str(batch / "*.zip"),
        "-t",
        "txt",
        "-o",
        str(out),
    )
    assert res.exit_code == 1
    assert sorted(outputs(out)) == ["a.txt", "b.txt"]  # globs and files are written flat, each once
    assert f"speechpress: {batch / '*.zip'}: no file matches this pattern" in res.stderr
    assert f"speechpress: {batch / 'nope.lines'}: no such file" in res.stderr


def test_same_output_name_twice_is_refused(runner: CliRunner, plugin: str, tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "talk.lines").write_text(f"{d}\n正文。\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(
        runner,
        "convert",
        str(tmp_path / "x" / "talk.lines"),
        str(tmp_path / "y" / "talk.lines"),
        "-t",
        "txt",
        "-o",
        str(out),
    )
    assert res.exit_code == 1
    assert "already the output of" in res.stderr and str(tmp_path / "y" / "talk.lines") in res.stderr
    assert (out / "talk.txt").read_text(encoding="utf-8").splitlines()[1] == "x"


def test_never_overwrites_the_input(runner: CliRunner, plugin: str, tmp_path: Path) -> None:
    src = tmp_path / "talk.txt"
    src.write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    before = src.read_bytes()
    res = run_cli(runner, "convert", str(src), "-t", "txt", "-o", str(tmp_path))
    assert res.exit_code == 1
    assert "would overwrite the input" in res.stderr
    assert src.read_bytes() == before


def test_a_writer_failing_half_way_leaves_no_partial_file(
    runner: CliRunner, plugin: str, batch: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.half").write_bytes(b"OLD complete output")
    res = run_cli(
        runner, "convert", str(batch / "a.lines"), str(batch / "2024" / "b.lines"), "-t", "half,txt", "-o", str(out)
    )
    assert res.exit_code == 1
    assert sorted(outputs(out)) == ["a.half", "a.txt", "b.txt"]  # no b.half, no .part leftovers
    assert (out / "a.half").read_bytes() == b"OLD complete output"  # the old output is intact
    assert f"speechpress: {batch / 'a.lines'}: half: RuntimeError: disk on fire half-way" in res.stderr
    assert "Traceback" not in res.stderr
    assert "txt FAILED" in res.stdout  # the summary shows what got written and that it failed

    res = run_cli(runner, "convert", str(batch / "a.lines"), "-t", "half", "-o", str(out), "--debug")
    assert "Traceback (most recent call last)" in res.stderr and "raise RuntimeError(" in res.stderr


def test_a_broken_plugin_fails_its_format_only(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    res = run_cli(runner, "convert", str(batch / "a.lines"), "-t", "broken,txt", "-o", str(tmp_path))
    assert res.exit_code == 1
    assert "writer 'broken' (speechpress_testplugin.missing:WRITER) cannot be loaded" in res.stderr
    assert (tmp_path / "a.txt").exists()


def test_jobs_2_writes_the_same_as_jobs_1(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    (batch / "bad.lines").unlink()
    for i in range(4):
        (batch / f"extra{i}.lines").write_text(f"第{i}篇\n" + "正文。\n" * (i + 1), encoding="utf-8")
    shutil.copy(SEED, batch / "seed.txt")
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        res = run_cli(runner, "convert", str(batch), "-t", "txt", "-o", str(out), "-j", jobs)
        assert res.exit_code == 0, res.stderr
        rows = [r.split()[:4] for r in res.stdout.splitlines()[:-1]]  # all but time
        results[jobs] = (outputs(out), rows)
    assert len(results["1"][0]) == 8
    assert results["1"] == results["2"]


def test_quiet_and_verbose(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    args = ["convert", str(batch / "a.lines"), "-t", "txt", "-o", str(tmp_path)]
    quiet = run_cli(runner, *args, "-q")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli(runner, *args, "-v")
    assert f"{batch / 'a.lines'}:3: warning: TODO left in text [todo]" in verbose.stderr
    assert f"wrote {tmp_path / 'a.txt'}" in verbose.stderr
    assert verbose.stdout.splitlines()[0].startswith("file")


def test_style_fonts_and_options_reach_the_writer(runner: CliRunner, plugin: str, batch: Path, tmp_path: Path) -> None:
    style = tmp_path / "house.toml"
    style.write_text('extends = "official"\n[roles.body]\nsize = "小三"\n', encoding="utf-8")
    font = tmp_path / "My Font.ttf"
    font.write_bytes(b"\0\1\0\0 not really a font: the test writer only records the path")
    res = run_cli(
        runner,
        "convert",
        str(batch / "a.lines"),
        "-t",
        "txt",
        "-o",
        str(tmp_path / "o"),
        "--style",
        str(style),
        "--font",
        f"body={font}",
        "-O",
        "docx.grid=chars",
        "-O",
        "roles.body.size = 13",
        "-O",
        "txt.x = 1",
    )
    assert res.exit_code == 0, res.stderr
    header = (tmp_path / "o" / "a.txt").read_text(encoding="utf-8").splitlines()[0]
    # -O overrides keys of the style (the file said 小三 = 15 pt); a table named after a
    # plug-in writer goes to that writer as an option
    assert header == f"[style house body 13pt grid chars; fonts [('body', '{font}')]; extra [('x', 1)]]"


def test_stdin_with_output_file(runner: CliRunner, plugin: str, tmp_path: Path) -> None:
    target = tmp_path / "talk.txt"
    res = run_cli(runner, "convert", "-", "-o", str(target), "-f", "lines", input="标题\n第一段。\n".encode())
    assert res.exit_code == 0, res.stderr
    assert target.read_text(encoding="utf-8").splitlines()[1:] == ["标题", "", "第一段。"]
    assert res.stdout.splitlines()[1].split()[:2] == ["<stdin>", "txt"]
    res = run_cli(runner, "convert", "-", "-o", str(tmp_path / "talk.zzz"), input=b"x")
    assert res.exit_code == 2 and "cannot tell the format from '.zzz'" in res.stderr


def test_shell_completion_offers_formats_and_styles(runner: CliRunner, plugin: str) -> None:
    def complete(words: str) -> list[str]:
        env = {"_SPEECHPRESS_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        res = runner.invoke(main, [], env=env, prog_name="speechpress")
        return [x.split(",", 1)[1] for x in res.output.splitlines()]

    assert complete("speechpress convert -t pdf,e") == ["pdf,epub"]
    assert "txt" in complete("speechpress convert -t t")
    assert "handout" in complete("speechpress convert --style h")


# ---- real subprocesses ----------------------------------------------------------------


def test_subprocess_batch_exit_codes_and_summary(plugin: str, batch: Path, tmp_path: Path) -> None:
    exe = shutil.which("speechpress")
    cmd = [exe] if exe else [sys.executable, "-m", "convert"]
    out = tmp_path / "out"
    proc = subprocess.run(
        [*cmd, "convert", str(batch), "-t", "txt", "-o", str(out), "-j", "2"],
        capture_output=True,
        text=True,
        env=env_with(plugin),
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr == f"speechpress: {batch / 'bad.lines'}: not UTF-8 (byte 0)\n"
    assert "3 converted, 1 failed" in proc.stdout
    (batch / "bad.lines").unlink()
    proc = subprocess.run(
        [*cmd, "convert", str(batch), "-t", "txt", "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        env=env_with(plugin),
        cwd=tmp_path,
        timeout=60,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    proc = subprocess.run(
        [*cmd, "convert", str(batch), "-t", "nope"],
        capture_output=True,
        text=True,
        env=env_with(plugin),
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 2 and "unknown format 'nope'" in proc.stderr


def test_subprocess_stdin_pipe(plugin: str, tmp_path: Path) -> None:
    target = tmp_path / "from-stdin.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", "-", "-o", str(target), "-q"],
        input=SEED.read_bytes(),
        capture_output=True,
        env=env_with(plugin),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    doc = convert.read(SEED)
    assert content_chars(document_text(doc)) == content_chars("".join(text.splitlines()[1:]))


def test_progress_bar_only_on_a_terminal(plugin: str, batch: Path, tmp_path: Path) -> None:
    (batch / "bad.lines").unlink()
    cmd = [sys.executable, "-m", "convert", "convert", str(batch), "-t", "txt", "-o", str(tmp_path / "o")]
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env_with(plugin))
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    stdout, _ = proc.communicate(timeout=60)
    os.close(master)
    tty_err = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "Converting" in tty_err and "3/3" in tty_err
    assert b"Converting" not in stdout and stdout.splitlines()[0].split()[0] == b"file"
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env_with(plugin), timeout=60)
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_run_leaves_no_partial_file(plugin: str, batch: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.slow").write_bytes(b"OLD complete output")
    cmd = [
        sys.executable,
        "-m",
        "convert",
        "convert",
        str(batch / "a.lines"),
        str(batch / "2024" / "b.lines"),
        str(batch / "2024" / "spring" / "c.lines"),
        "-t",
        "slow",
        "-o",
        str(out),
        "-j",
        jobs,
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with(plugin), start_new_session=True
    )
    try:
        deadline = time.monotonic() + 20
        while not list(out.glob(".*.part")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(out.glob(".*.part")), "the writer never started"
        os.killpg(proc.pid, signal.SIGTERM)  # like `kill` or a CI timeout: the whole process group
        proc.communicate(timeout=20)
        assert proc.returncode != 0
        time.sleep(0.3)  # a worker that went on to the next file would have started it by now
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # leave no sleeping worker behind if this failed
    assert outputs(out) == {"a.slow": b"OLD complete output"}  # no .part, no half file, old one intact


# ---- the real readers and writers -----------------------------------------------------


def test_no_arguments_converts_seeds_into_output_in_all_formats(runner: CliRunner, tmp_path: Path) -> None:
    with runner.isolated_filesystem(temp_dir=tmp_path) as cwd:
        Path("seeds").mkdir()
        shutil.copy(SEED, "seeds/talk.txt")
        res = run_cli(runner)
        assert res.exit_code == 0, res.stderr
        assert sorted(p.name for p in Path("output").iterdir()) == ["talk.docx", "talk.epub", "talk.pdf"]
        row = res.stdout.splitlines()[1].split()
        assert row[:2] == ["seeds/talk.txt", "docx,pdf,epub"] and int(row[2]) >= 2  # PDF pages
        assert not list(Path(cwd).rglob("*.part"))


def test_python_api_read_and_write(plugin: str, tmp_path: Path) -> None:
    doc = convert.read(SEED)
    assert doc.speeches and doc.title
    target = tmp_path / "talk.txt"
    result = convert.write(doc, target, style="handout")
    assert target.read_text(encoding="utf-8").startswith("[style handout ")
    assert result.pages and result.pages >= 1
    target.write_bytes(b"OLD")
    with pytest.raises(RuntimeError, match="half-way"):
        convert.write(doc, tmp_path / "talk.half")
    with pytest.raises(KeyError, match="unknown output format 'zzz'"):
        convert.write(doc, tmp_path / "talk.zzz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.txt"]


def test_atomic_output_keeps_permissions_and_cleans_up(tmp_path: Path) -> None:
    from convert.output import atomic_path, write_bytes_atomic

    target = tmp_path / "talk.pdf"
    write_bytes_atomic(target, b"one")
    assert target.read_bytes() == b"one" and target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two" and target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as tmp:
        tmp.write_bytes(b"thr")
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.pdf"] and target.read_bytes() == b"two"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_every_command_has_help_with_examples(runner: CliRunner) -> None:
    commands = [[]] + [[name] for name in main.commands] + [["styles", "show"]]
    assert {"convert", "inspect", "lint", "styles", "fonts", "formats"} <= set(main.commands)
    for cmd in commands:
        res = run_cli(runner, *cmd, "--help")
        assert res.exit_code == 0 and "Examples:" in res.stdout, cmd
        assert "speechpress " + " ".join(cmd) in res.stdout.split("Examples:", 1)[1], cmd


def test_stale_part_files_of_killed_runs_are_swept(tmp_path: Path) -> None:
    """A SIGKILLed run leaves its .part file; the next write of that target removes it
    once it is old enough that no live run can own it (a fresh one is left alone)."""
    import os
    import time

    from convert.output import STALE_SECONDS, write_bytes_atomic

    target = tmp_path / "talk.pdf"
    stale = tmp_path / ".talk.pdf.abc123.part"
    fresh = tmp_path / ".talk.pdf.def456.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    write_bytes_atomic(target, b"%PDF-complete")
    assert target.read_bytes() == b"%PDF-complete"
    assert not stale.exists() and fresh.exists()


def test_a_worker_killed_outright_leaves_no_partial_file(plugin: str, batch: Path, tmp_path: Path) -> None:
    """SIGKILL (the OOM killer) gives a worker no chance to clean up: the parent knows its
    workers' temporary files by their process id and removes them when the pool breaks."""
    out = tmp_path / "out"
    out.mkdir()
    cmd = [sys.executable, "-m", "convert", "convert", str(batch / "a.lines"), str(batch / "2024" / "b.lines")]
    cmd += ["-t", "slow", "-o", str(out), "-j", "2"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with(plugin), start_new_session=True
    )
    try:
        deadline = time.monotonic() + 20
        while len(list(out.glob(".*.part"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        parts = list(out.glob(".*.part"))
        assert len(parts) == 2, "the writers never started"
        victim = int(parts[0].name.rsplit(".", 2)[-2].split("-")[0])  # .a.slow.<pid>-xxxx.part
        assert victim != proc.pid
        os.kill(victim, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 1
    assert "worker process failed" in stderr.decode() and "Traceback" not in stderr.decode()
    assert outputs(out) == {}  # neither the killed worker's file nor the stopped one's
