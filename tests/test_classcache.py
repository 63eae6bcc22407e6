"""The methods ``@dataclass`` writes, kept between runs (convert/classcache.py), in fresh
processes as the CLI runs: a second run compiles none of them, the classes are the ones
``dataclasses`` makes without the cache, and a damaged file only costs compiling."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_json

SAMPLE = ROOT / "seeds" / "000_bab276808ddd4c79.txt"

#: Imports the reader and writer of a text-to-EPUB run (with the command's caches when
#: argv[2] is "cli"), reads the sample, and describes every dataclass of ours: the
#: signature and the compiled code of each method dataclasses wrote.
SCRIPT = """
import dataclasses, hashlib, inspect, json, sys
if sys.argv[2] == "cli":
    import convert.cli
import convert, convert.readers.text, convert.writers.epub
from convert import classcache

def code_digest(code):
    parts = [code.co_code, code.co_names, code.co_varnames, code.co_flags, code.co_filename, code.co_qualname]
    parts += [c if not hasattr(c, "co_code") else code_digest(c) for c in code.co_consts]
    return hashlib.sha256(repr(parts).encode()).hexdigest()

classes = {}
for name, module in sorted(sys.modules.items()):
    if not name.startswith("convert"):
        continue
    for cls in vars(module).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
            methods = {m: getattr(cls, m) for m in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__")}
            classes[f"{name}.{cls.__qualname__}"] = {
                "init": str(inspect.signature(cls.__init__)),
                "code": {m: code_digest(f.__code__) for m, f in methods.items() if hasattr(f, "__code__")},
            }
doc = convert.read(sys.argv[1])
print(json.dumps({
    "compiled": len(classcache._compiled),
    "installed": "exec" in vars(dataclasses),
    "classes": classes,
    "doc": repr(doc),
}))
"""


def _run(cache: Path, mode: str = "cli") -> dict:
    return run_json(SCRIPT, str(SAMPLE), mode, cache=cache)


def test_second_run_compiles_nothing_and_makes_the_same_classes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first["installed"] and first["compiled"] > 50  # three to six methods a class
    assert len(list(cache.glob("classcode-*.marshal"))) == 1
    second = _run(cache)
    assert second["compiled"] == 0
    plain = _run(tmp_path / "other", "library")  # dataclasses as Python ships it
    assert not plain["installed"]
    assert len(plain["classes"]) > 20
    assert first["classes"] == second["classes"] == plain["classes"]
    assert first["doc"] == second["doc"] == plain["doc"]


def test_damaged_file_is_compiled_anew_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = _run(cache)
    (kept,) = cache.glob("classcode-*.marshal")
    kept.write_bytes(b"\x00damaged")
    again = _run(cache)
    assert again["compiled"] == good["compiled"] and again["classes"] == good["classes"]
    assert kept.read_bytes() != b"\x00damaged"
    assert _run(cache)["compiled"] == 0


def test_a_library_user_gets_no_side_effects(tmp_path: Path) -> None:
    """``import convert`` as a library: its dataclasses untouched, nothing written at exit."""
    cache = tmp_path / "cache"
    assert not _run(cache, "library")["installed"]
    assert list(cache.glob("classcode-*")) == []


#: Caches kept between runs, tried in fresh processes and fresh cache folders (seconds in
#: all): the full suite runs them, the fast tier leaves them out to stay under a minute.
pytestmark = pytest.mark.slow
