"""What the command does to start fast (convert/cli/startup.py), in fresh processes: the
objects its imports made are out of the collector's way, the collector still runs for
what comes after, and a library user's process is left as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: argv[1] "cli" imports the command first; then a cycle of garbage is made and collected.
SCRIPT = """
import gc, json, sys, weakref
if sys.argv[1] == "cli":
    import convert.cli
import convert.api
frozen = gc.get_freeze_count()

class Node:
    pass

a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
gc.collect()
print(json.dumps({"frozen": frozen, "enabled": gc.isenabled(), "collected": gone() is None}))
"""


def _run(mode: str, tmp_path: Path) -> dict:
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_commands_imports_are_frozen_and_the_collector_still_collects(tmp_path: Path) -> None:
    cli = _run("cli", tmp_path)
    assert cli["frozen"] > 10_000  # click's and our modules' objects
    assert cli["enabled"] and cli["collected"]


def test_a_library_users_collector_is_left_alone(tmp_path: Path) -> None:
    library = _run("library", tmp_path)
    assert library == {"frozen": 0, "enabled": True, "collected": True}


#: A DOCX or EPUB run never imports fontTools, so it need not import logging to quiet it;
#: once fontTools is imported (a PDF), its log goes nowhere.
QUIET = """
import json, sys
from convert.cli.errors import quiet_libraries
quiet_libraries()
quiet_libraries()
before = "logging" in sys.modules
import fontTools.ttLib
import logging
log = logging.getLogger("fontTools")
print(json.dumps({
    "logging_before": before,
    "null_handlers": sum(isinstance(h, logging.NullHandler) for h in log.handlers),
    "propagate": log.propagate,
    "hooks_left": sum(type(f).__name__ == "_AfterImport" for f in sys.meta_path),
}))
"""


def test_fonttools_is_quieted_when_imported_and_logging_waits_for_it(tmp_path: Path) -> None:
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-P", "-c", QUIET], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got == {"logging_before": False, "null_handlers": 1, "propagate": False, "hooks_left": 0}
