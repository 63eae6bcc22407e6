"""Compiled patterns kept between runs (convert/regexcache.py), in fresh processes as the
CLI runs: a second run compiles none of the readers' patterns, what it gets is what
``re`` itself compiles, and a damaged file only costs compiling."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_json

#: Counts the patterns Python compiles from source while ``counting`` is installed.
COUNT_COMPILES = """compiled = []
real = _compiler.compile
def counting(p, flags=0):
    compiled.append(p)
    return real(p, flags)
"""

#: Counts the patterns Python really compiles while the text reader is imported, then
#: checks every pattern it holds against a compilation from scratch and reads a sample.
SCRIPT = """
import json, re, sys
from re import _compiler
{COUNT_COMPILES}_compiler.compile = counting
import convert.readers.text
_compiler.compile = real
ours = [k for k in re._cache if k[0] in (str, bytes)]
same = all(re._cache[k] == real(k[1], k[2]) and re._cache[k].groupindex == real(k[1], k[2]).groupindex for k in ours)
doc = convert.read(sys.argv[1])
print(json.dumps({"compiled": len(compiled), "held": len(ours), "same": same, "title": doc.display_title()}))
""".replace("{COUNT_COMPILES}", COUNT_COMPILES)


def _run(cache: Path) -> dict:
    return run_json("import convert, convert.cli\n" + SCRIPT, str(SEED), cache=cache)


def test_second_run_compiles_nothing_and_gets_the_same_patterns(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first["compiled"] > 50  # the readers' patterns, compiled once
    files = list(cache.glob("regex-*.marshal"))
    assert len(files) == 1
    second = _run(cache)
    assert second["compiled"] == 0
    assert second["held"] >= first["compiled"]
    assert first["same"] and second["same"]  # equal engine code to re's own compilation
    assert second["title"] == first["title"]


def test_damaged_file_is_compiled_anew_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(cache)
    (kept,) = cache.glob("regex-*.marshal")
    kept.write_bytes(b"\x00damaged")
    again = _run(cache)
    assert again["compiled"] > 50 and again["same"]
    assert kept.read_bytes() != b"\x00damaged"
    assert _run(cache)["compiled"] == 0


def test_a_library_user_gets_no_side_effects(tmp_path: Path) -> None:
    """``import convert`` as a library: nothing kept, nothing written at exit (only the
    command installs the kept patterns)."""
    cache = tmp_path / "cache"
    env = {**os.environ, "SPEECHPRESS_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    sample = ROOT / "seeds" / "000_bab276808ddd4c79.txt"
    done = subprocess.run(
        [sys.executable, "-c", "import sys, convert; convert.read(sys.argv[1])", str(sample)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert list(cache.glob("regex-*")) == []


#: With a file of at most argv[1] patterns: compiles argv[2] throwaway patterns (a file
#: filled by other commands), imports argv[3:]; prints how many patterns Python really
#: compiled for the imports, and for three patterns no module of ours has.
FULL_SCRIPT = """
import json, re, sys
from importlib import import_module
from re import _compiler
import convert.regexcache
convert.regexcache.KEEP = int(sys.argv[1])
import convert.cli
for i in range(int(sys.argv[2])):
    re.compile(f"填充{i}")
{COUNT_COMPILES}_compiler.compile = counting
for name in sys.argv[3:]:
    import_module(name)
imports = len(compiled)
for p in ("新的一", "新的二", "新的三"):
    re.compile(p)
print(json.dumps({"imports": imports, "fresh": len(compiled) - imports}))
""".replace("{COUNT_COMPILES}", COUNT_COMPILES)


def test_a_full_file_still_learns_a_new_commands_patterns(tmp_path: Path) -> None:
    """A file filled by other commands' patterns keeps learning: a run's new patterns go
    in, ahead of those no run used lately, so the next run compiles none of them."""

    def run(filler: int, *modules: str) -> dict:
        return run_json(FULL_SCRIPT, "300", str(filler), *modules, cache=tmp_path / "cache", quiet=False)

    run(400)  # over the limit: the file is full
    (kept,) = (tmp_path / "cache").glob("regex-*.marshal")
    assert len(marshal.loads(kept.read_bytes())) == 300
    first = run(0, "convert.readers.text")
    assert first["imports"] > 50 and first["fresh"] == 3
    assert run(0, "convert.readers.text") == {"imports": 0, "fresh": 0}


#: Caches kept between runs, tried in fresh processes and fresh cache folders (seconds in
#: all): the full suite runs them, the fast tier leaves them out to stay under a minute.
pytestmark = pytest.mark.slow
