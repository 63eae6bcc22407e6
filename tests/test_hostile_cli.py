"""Issues 20 and 21: what is not a manuscript is input too — style files, file names, the
place an output goes — and none of it may cost a traceback, unbounded time or memory, or
a file the user did not ask to replace.

Every case runs the real command in a subprocess, as a user (or an attacker) would, and
checks what the shell sees: the exit status, stderr as lines, the files left behind.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from extract import EXTRACT, lost
from hostile.measure import measure

from convert.model import content_chars

#: Every case starts the command in a subprocess (about a third of a second each, sixty of
#: them): the full suite runs them, the fast tier leaves them out to stay under a minute.
pytestmark = pytest.mark.slow

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
TALK = "同志们：\n\n今天召开2024年工作会议，主要任务是部署123项工作。\n\n谢谢大家！\n"


def run(
    *args: str | Path,
    stdin: bytes | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    **kw,
) -> subprocess.CompletedProcess:
    """The real command; stdout/stderr as text (undecodable bytes shown, not fatal)."""
    env = dict(env or os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(ROOT), env.get("PYTHONPATH", "")) if x)
    proc = subprocess.run(
        [PY, "-m", "convert", *(a if isinstance(a, bytes) else str(a) for a in args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        **kw,
    )
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def one_line(proc: subprocess.CompletedProcess, *fragments: str, code: int | None = None) -> str:
    """stderr is exactly one ``speechpress:`` line with every fragment; no traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr[-3000:]
    assert lines[0].startswith("speechpress: "), lines[0]
    assert "\x1b" not in lines[0]
    for f in fragments:
        assert f in lines[0], (f, lines[0])
    assert proc.returncode == code if code is not None else proc.returncode != 0
    return lines[0]


@pytest.fixture()
def talk(tmp_path: Path) -> Path:
    p = tmp_path / "talk.txt"
    p.write_text(TALK, encoding="utf-8")
    return p


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---- issue 20: style files --------------------------------------------------------------------


def measured(*args: str | Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """The command with its wall time and its own peak RSS in MB."""
    m = measure([PY, "-m", "convert", *map(str, args)], timeout=60)
    proc = subprocess.CompletedProcess(args, m.returncode, m.stdout, m.stderr)
    return proc, m.seconds, m.peak_mb


@pytest.fixture(scope="module")
def style_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """name -> (--style value, fragment of the one-line cause): the issue's rows, written
    once for the module (the chain alone is 1,500 files)."""
    tmp_path = tmp_path_factory.mktemp("styles")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00\x01" + bytes(range(256)) * 4)
    (tmp_path / "to_zero.toml").write_text('extends = "/dev/zero"\n', encoding="utf-8")
    chain = tmp_path / "chain"
    chain.mkdir()
    for i in range(1500):
        nxt = f'extends = "s{i + 1}.toml"\n' if i < 1499 else 'extends = "official"\n'
        (chain / f"s{i}.toml").write_text(nxt, encoding="utf-8")
    (tmp_path / "head_1mb.toml").write_text(
        'extends = "official"\n[running_head]\ntext = "' + "页眉" * 200_000 + '"\n', encoding="utf-8"
    )
    (tmp_path / "head_100k.toml").write_text(
        'extends = "official"\n[running_head]\ntext = "' + "页眉" * 50_000 + '"\n', encoding="utf-8"
    )
    (tmp_path / "pages_100k.toml").write_text(
        'extends = "official"\n[page_number]\nformat = "' + "第" * 100_000 + '{page}页"\n', encoding="utf-8"
    )
    (tmp_path / "nested.toml").write_text('extends = "official"\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n")
    (tmp_path / "digits.toml").write_text('extends = "official"\n[page]\nmargin_top = ' + "9" * 50_000 + "\n")
    return {
        "dev_zero": ("/dev/zero", "not a regular file"),
        "extends_dev_zero": (str(tmp_path / "to_zero.toml"), "not a regular file"),
        "binary": (str(tmp_path / "binary.toml"), "not UTF-8"),
        "chain_1500": (str(chain / "s0.toml"), "more than 32 style files"),
        "running_head_1mb": (str(tmp_path / "head_1mb.toml"), "too large for a style file"),
        "running_head_100k": (str(tmp_path / "head_100k.toml"), "'running_head.text' is 100,000 characters long"),
        "page_number_100k": (str(tmp_path / "pages_100k.toml"), "'page_number.format' is 100,"),
        "nested_arrays": (str(tmp_path / "nested.toml"), "nested too deeply"),
        "huge_integer": (str(tmp_path / "digits.toml"), "not valid TOML"),
        "folder": (str(tmp_path), "is a folder"),
    }


STYLE_ROWS = [
    "dev_zero",
    "extends_dev_zero",
    "binary",
    "chain_1500",
    "running_head_1mb",
    "running_head_100k",
    "page_number_100k",
    "nested_arrays",
    "huge_integer",
    "folder",
]


@pytest.mark.parametrize("row", STYLE_ROWS)
def test_a_hostile_style_is_one_line_exit_2_in_bounded_time_and_memory(
    tmp_path: Path, talk: Path, row: str, style_rows: dict[str, tuple[str, str]]
) -> None:
    style, cause = style_rows[row]
    out = tmp_path / "out"
    proc, seconds, peak_mb = measured("convert", talk, "--style", style, "-o", out)
    line = one_line(proc, cause, code=2)
    assert Path(style).name in line or style in line
    assert seconds < 30 and peak_mb < 500, (seconds, peak_mb)
    assert not out.exists()  # checked before any work


def test_styles_show_and_fonts_refuse_a_hostile_style_the_same_way(tmp_path: Path) -> None:
    for cmd in (["styles", "show", "/dev/zero"], ["fonts", "--style", "/dev/zero"]):
        one_line(run(*cmd), "/dev/zero", "not a regular file", code=2)


def test_a_fifo_style_is_refused_without_waiting_for_a_writer(tmp_path: Path, talk: Path) -> None:
    fifo = tmp_path / "house.toml"
    os.mkfifo(fifo)
    one_line(run("convert", talk, "--style", fifo, "-o", tmp_path / "out", timeout=20), "not a regular file", code=2)


def test_a_long_but_allowed_running_head_still_converts(tmp_path: Path, talk: Path) -> None:
    style = tmp_path / "house.toml"
    style.write_text('extends = "official"\n[running_head]\ntext = "' + "页" * 100 + '"\n', encoding="utf-8")
    proc = run("convert", talk, "--style", style, "-t", "docx", "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr


# ---- issue 20: the catch-all --------------------------------------------------------------------


def test_out_of_memory_is_one_line_naming_the_file(tmp_path: Path) -> None:
    """A real MemoryError: the reader under an address-space limit far below what a 40 MB
    manuscript needs. --debug adds the traceback."""
    big = tmp_path / "big.txt"
    big.write_bytes(("同志们，今天开会。" * 8 + "\n\n").encode("utf-8") * 200_000)
    assert big.stat().st_size > 40_000_000

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (160 << 20, 160 << 20))

    proc = run("convert", big, "-t", "docx", "-o", tmp_path / "out", "-q", preexec_fn=limit)
    one_line(proc, str(big), "out of memory", code=1)
    assert files_in(tmp_path / "out") == []
    debug = run("convert", big, "-t", "docx", "-o", tmp_path / "out", "-q", "--debug", preexec_fn=limit)
    assert debug.returncode == 1 and "MemoryError" in debug.stderr and "Traceback" in debug.stderr


def test_a_recursion_error_in_a_reader_is_one_line_naming_the_file(plugin_env: dict[str, str], tmp_path: Path) -> None:
    """The test plug-in's bracket reader recurses per level, as a hand-written parser
    does: 100,000 levels raise RecursionError inside the reader."""
    deep = tmp_path / "deep.nest"
    deep.write_text("(" * 100_000 + "文" + ")" * 100_000, encoding="utf-8")
    proc = run("convert", deep, "-t", "txt", "-o", tmp_path / "out", "-q", env=plugin_env)
    one_line(proc, str(deep), "nested too deeply", code=1)
    ok = tmp_path / "ok.nest"
    ok.write_text("((文))", encoding="utf-8")
    assert run("convert", ok, "-t", "txt", "-o", tmp_path / "out", "-q", env=plugin_env).returncode == 0


def test_an_unexpected_error_outside_any_file_is_one_line(plugin_env: dict[str, str], tmp_path: Path) -> None:
    """A reader plug-in whose ``extensions`` raises breaks the search for manuscripts, not
    one file: the command's catch-all says it in one line; --debug (given to the group or
    the command) adds the traceback."""
    site = tmp_path / "site"
    info = site / "speechpress_quirk-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: speechpress-quirk\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[speechpress.readers]\nquirk = speechpress_testplugin:QuirkReader\n")
    env = dict(plugin_env, PYTHONPATH=os.pathsep.join((str(site), plugin_env["PYTHONPATH"])))
    src = tmp_path / "talk.txt"
    src.write_text(TALK, encoding="utf-8")
    proc = run("convert", src, "-t", "docx", "-o", tmp_path / "out", env=env)
    one_line(proc, "unexpected error", "KeyError", "--debug", code=1)
    for debug in (["--debug", "convert"], ["convert", "--debug"]):
        proc = run(*debug, src, "-t", "docx", "-o", tmp_path / "out", env=env)
        last = proc.stderr.rstrip().splitlines()[-1]
        assert proc.returncode == 1 and "Traceback" in proc.stderr and last.startswith("speechpress: unexpected error")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from test_cli import PLUGIN_SRC, make_dist_info

    site = tmp_path_factory.mktemp("site")
    make_dist_info(site)
    return dict(os.environ, PYTHONPATH=os.pathsep.join((str(site), str(PLUGIN_SRC), str(ROOT))))


# ---- issue 20: file names ---------------------------------------------------------------------

GBK_NAME = "讲话稿".encode("gbk") + b".txt"  # what a disk written by Chinese Windows holds


@pytest.mark.slow
def test_a_gbk_file_name_converts_to_all_formats_and_outputs_keep_its_bytes(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    src = folder + b"/" + GBK_NAME
    with open(src, "wb") as f:
        f.write(TALK.encode("utf-8"))
    out = tmp_path / "out"
    proc = run("convert", os.fsdecode(src), "-o", out)
    assert proc.returncode == 0, proc.stderr
    names = sorted(os.listdir(os.fsencode(out)))
    assert names == [b"\xbd\xb2\xbb\xb0\xb8\xe5." + ext for ext in (b"docx", b"epub", b"pdf")]
    # the summary names the file with its bytes escaped, not as replacement characters
    assert '/\\275\\262\\273\\260\\270\\345.txt"' in proc.stdout
    expected = content_chars(TALK)
    for name in names:
        path = Path(os.fsdecode(os.fsencode(out) + b"/" + name))
        fmt = path.suffix[1:]
        assert lost(expected, EXTRACT[fmt](path)) is None
    with zipfile.ZipFile(Path(os.fsdecode(os.fsencode(out) + b"/" + names[1]))) as z:
        opf = next(n for n in z.namelist() if n.endswith(".opf"))
        assert "讲话稿" in z.read(opf).decode("utf-8")  # the name, decoded as GBK, as valid text
    from test_reliability import epubcheck_many

    report = epubcheck_many([Path(os.fsdecode(os.fsencode(out) + b"/" + names[1]))], tmp_path)
    (r,) = report.values()
    assert [m for m in r["messages"] if m["severity"] in ("FATAL", "ERROR")] == []


@pytest.mark.parametrize(
    "raw, shown",
    [
        (b"a\nb.txt", "a\\nb.txt"),
        (b"\x1b[31mred.txt", "\\033[31mred.txt"),
        (b"tab\there.txt", "tab\\there.txt"),
        (b"\xff\xfe.txt", "\\377\\376.txt"),
        ("报告.txt".encode(), "报告.txt"),
    ],
    ids=["newline", "escape", "tab", "not-utf8", "chinese"],
)
def test_names_in_messages_are_quoted_so_the_line_stays_one_line(tmp_path: Path, raw: bytes, shown: str) -> None:
    src = os.fsencode(tmp_path) + b"/" + raw
    with open(src, "wb") as f:
        f.write(b"")  # empty: fails with a message naming the file
    # quoted as a whole, as git quotes a path, when anything in it needs escaping
    shown = f"{tmp_path}/{shown}" if shown.isprintable() and "\\" not in shown else f'"{tmp_path}/{shown}"'
    proc = run("convert", os.fsdecode(src), "-t", "docx", "-o", tmp_path / "out")
    line = one_line(proc, f"speechpress: {shown}: empty file", code=1)
    assert "\x1b" not in proc.stdout and shown in proc.stdout  # the summary table too
    lint = run("lint", os.fsdecode(src))
    assert lint.returncode == 1 and shown in lint.stderr and len(lint.stderr.splitlines()) == 1, line


# ---- issue 21: destructive writes ------------------------------------------------------------


def test_output_to_a_character_device_writes_into_it(talk: Path) -> None:
    before = os.stat("/dev/null")
    proc = run("convert", "-", "-t", "docx", "-o", "/dev/null", "-q", stdin=talk.read_bytes())
    assert proc.returncode == 0, proc.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [n for n in os.listdir("/dev") if n.endswith(".part")]


def test_output_to_dev_stdout_goes_down_the_pipe_and_leaves_the_link(talk: Path, tmp_path: Path) -> None:
    link = os.readlink("/dev/stdout")
    proc = subprocess.run(
        [PY, "-m", "convert", "convert", "-", "-t", "docx", "-o", "/dev/stdout"],
        input=talk.read_bytes(),
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout[:2] == b"PK"  # the DOCX alone: no summary mixed in
    target = tmp_path / "redirected.docx"
    with open(target, "wb") as f:
        proc = subprocess.run(
            [PY, "-m", "convert", "convert", "-", "-t", "docx", "-o", "/dev/stdout"],
            input=talk.read_bytes(),
            stdout=f,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            timeout=60,
        )
    assert proc.returncode == 0 and zipfile.is_zipfile(target)
    assert os.path.islink("/dev/stdout") and os.readlink("/dev/stdout") == link


def test_output_to_a_fifo_writes_into_it_or_says_no_one_reads(talk: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "talk.docx"
    os.mkfifo(fifo)
    proc = run("convert", "-", "-o", fifo, "-q", stdin=talk.read_bytes(), timeout=30)
    one_line(proc, str(fifo), "no program reads", code=1)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    time.sleep(0.3)
    proc = run("convert", "-", "-o", fifo, "-q", stdin=talk.read_bytes(), timeout=30)
    data = reader.communicate(timeout=30)[0]
    assert proc.returncode == 0, proc.stderr
    assert data[:2] == b"PK" and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert files_in(tmp_path) == ["talk.docx", "talk.txt"]  # no .part anywhere


def test_a_link_to_a_setuid_file_gives_an_output_without_setuid(talk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "tool"
    shutil.copy("/bin/true", victim)
    victim.chmod(0o6755)
    (out / "talk.docx").symlink_to(victim)
    proc = run("convert", talk, "-t", "docx", "-o", out, "-q")
    assert proc.returncode == 0, proc.stderr
    mode = (out / "talk.docx").lstat().st_mode
    assert stat.S_ISREG(mode) and mode & 0o7777 == 0o755  # the permission bits, not 06755
    assert victim.stat().st_mode & 0o7777 == 0o6755 and victim.read_bytes() == Path("/bin/true").read_bytes()


def test_stdin_that_is_the_output_file_is_refused(talk: Path, tmp_path: Path) -> None:
    docx = tmp_path / "talk.docx"
    assert run("convert", talk, "-t", "docx", "-o", tmp_path, "-q").returncode == 0
    before = docx.read_bytes()
    link = tmp_path / "same.docx"
    link.symlink_to(docx)
    for target in (docx, link):
        with open(docx, "rb") as f:
            proc = subprocess.run(
                [PY, "-m", "convert", "convert", "-", "-f", "docx", "-o", str(target)],
                stdin=f,
                capture_output=True,
                text=True,
                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                timeout=60,
            )
        one_line(proc, str(target), "stdin reads", code=2)
        assert docx.read_bytes() == before


def test_a_hard_link_of_the_input_is_not_an_output(talk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.link(talk, out / "talk.pdf")  # read as text: unknown extensions are
    proc = run("convert", out / "talk.pdf", "-t", "pdf", "-o", out)
    one_line(proc, "would overwrite the input", code=1)
    assert (out / "talk.pdf").read_text(encoding="utf-8") == TALK


def test_a_read_only_output_is_refused_unless_forced(talk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "talk.docx"
    old.write_bytes(b"OLD")
    old.chmod(0o444)
    proc = run("convert", talk, "-t", "docx", "-o", out, "-q")
    one_line(proc, str(talk), "read-only", "--force", code=1)
    assert old.read_bytes() == b"OLD" and files_in(out) == ["talk.docx"]
    proc = run("convert", talk, "-t", "docx", "-o", out, "-q", "--force")
    assert proc.returncode == 0, proc.stderr
    assert zipfile.is_zipfile(old) and old.stat().st_mode & 0o777 == 0o444


def _without_root_powers() -> None:
    """As an ordinary user: drop the capabilities that let root write anywhere (from the
    bounding set, so the exec'd Python never has them)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP


def _can_drop_root_powers(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        p = subprocess.run(
            [PY, "-c", f"open({str(probe / 'x')!r}, 'w')"], preexec_fn=_without_root_powers, capture_output=True
        )
        return p.returncode != 0
    finally:
        probe.chmod(0o755)


def test_a_read_only_output_folder_is_one_line_naming_the_folder(talk: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0 and not _can_drop_root_powers(tmp_path):
        pytest.skip("running as root without the means to act as an ordinary user")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        kw = {"preexec_fn": _without_root_powers} if os.geteuid() == 0 else {}
        proc = run("convert", talk, "-t", "docx,epub", "-o", out, **kw)
        line = one_line(proc, str(out), "cannot write in this folder", code=2)
        assert ".part" not in line
        # stdin to a file in that folder: the one job's line names the folder too
        proc = run("convert", "-", "-o", out / "talk.docx", "-q", stdin=talk.read_bytes(), **kw)
        line = one_line(proc, f"cannot write in the folder {out}", code=1)
        assert ".part" not in line
    finally:
        out.chmod(0o755)
    assert files_in(out) == []


def test_quiet_prints_nothing_when_fonts_are_subset(talk: Path, tmp_path: Path) -> None:
    """WenQuanYi Zen Hei carries bitmap tables fontTools cannot subset; it logs a warning
    per table unless the CLI silences it. A fresh font cache makes the subsetting happen."""
    font = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not font.exists():
        pytest.skip("WenQuanYi Zen Hei is not installed")
    env = dict(os.environ, SPEECHPRESS_CACHE=str(tmp_path / "cache"))
    args = ("convert", talk, "-t", "pdf,epub", "--embed-fonts", "--font", f"body={font}", "-o", tmp_path / "out")
    proc = run(*args, "-q", env=env, timeout=600)
    assert proc.returncode == 0 and proc.stderr == "" and proc.stdout == "", proc.stderr


def test_an_error_line_is_one_line_whatever_the_input_holds(tmp_path: Path) -> None:
    """A style key spelled with a newline and an escape sequence: the line is still one line."""
    style = tmp_path / "house.toml"
    style.write_text('extends = "official"\n[roles."body\\n\\u001b[31m"]\nsize = 12\n', encoding="utf-8")
    line = one_line(run("styles", "show", style), "unknown role", code=2)
    assert re.search(r"\\n\\033\[31m", line), line


def test_a_folder_nested_too_deeply_to_search_is_one_line_naming_it(talk: Path, tmp_path: Path) -> None:
    """Path.rglob recurses once per level: 1,500 levels are a RecursionError, reported for
    that folder while the other inputs are converted."""
    deep = tmp_path / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    for _ in range(1500):  # by descriptor: the full path would pass PATH_MAX
        os.mkdir("a", dir_fd=fd)
        inner = os.open("a", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)
    out = tmp_path / "out"
    try:
        proc = run("convert", deep, talk, "-t", "docx", "-o", out, "-q")
        one_line(proc, str(deep), "cannot search this folder", "nested too deeply", code=1)
        assert files_in(out) == ["talk.docx"]
    finally:
        _remove_chain(deep, 1500)


def _remove_chain(top: Path, depth: int) -> None:
    """Remove ``top/a/a/…/a`` from the bottom up (shutil.rmtree recurses once per level,
    and pytest's clean-up of old temporary folders would hit the recursion limit)."""
    fds = [os.open(top, os.O_RDONLY)]
    for _ in range(depth - 1):
        fds.append(os.open("a", os.O_RDONLY, dir_fd=fds[-1]))
    while fds:
        fd = fds.pop()
        os.rmdir("a", dir_fd=fd)
        os.close(fd)
    top.rmdir()


def _headings_docx(n: int) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_heading("讲话稿", 0)
    for k in range(n):
        d.add_heading(f"第{k + 1}项任务", 1 + k % 2)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


HEADINGS = {
    ".txt": lambda n: "讲话稿\n\n" + "".join(f"{k % 9 + 1}.第{k + 1}项任务\n" for k in range(n)),
    ".md": lambda n: "# 讲话稿\n\n" + "".join(f"## 第{k + 1}项任务\n\n" for k in range(n)),
    ".docx": _headings_docx,
}


@pytest.mark.parametrize("suffix", list(HEADINGS))
def test_more_headings_than_the_limit_is_one_line_and_no_output(suffix: str, tmp_path: Path) -> None:
    """A document of more headings than max_headings fails before any writer starts: one
    line naming the limit and how to raise it, exit 1, nothing written; raised, it converts."""
    made = HEADINGS[suffix](60)
    src = tmp_path / f"talk{suffix}"
    src.write_bytes(made if isinstance(made, bytes) else made.encode("utf-8"))
    out = tmp_path / "out"
    env = dict(os.environ, SPEECHPRESS_LIMIT_MAX_HEADINGS="50")
    proc = run("convert", src, "-o", out, "-q", env=env)
    one_line(proc, "talk", "more than 50 headings", "max_headings", "SPEECHPRESS_LIMIT_MAX_HEADINGS", code=1)
    assert not out.exists() or not any(out.iterdir())
    env["SPEECHPRESS_LIMIT_MAX_HEADINGS"] = "60"
    proc = run("convert", src, "-o", out, "-q", "-t", "epub", env=env)
    assert proc.returncode == 0, proc.stderr
    assert (out / "talk.epub").exists()
