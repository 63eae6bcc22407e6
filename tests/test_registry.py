"""The entry-point scan is kept in the cache folder: reused while no package changed,
redone as soon as one is installed (the test plug-in's .dist-info, as in test_cli)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from test_cli import make_dist_info

from convert import cache, registry


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "site"
    folder.mkdir()
    sys.path.insert(0, str(folder))
    registry.refresh()
    yield folder
    sys.path.remove(str(folder))
    registry.refresh()


def record(tmp_path: Path) -> Path:
    return tmp_path / "cache" / f"registry-v{cache.CACHE_VERSION}.json"


def test_scan_is_reused_until_a_package_is_installed(site: Path, tmp_path: Path) -> None:
    builtin = {"docx", "pdf", "epub"}
    assert set(registry.writer_names()) == builtin
    saved = json.loads(record(tmp_path).read_text(encoding="utf-8"))
    # Plant a writer in the saved scan: while nothing changed, the record is what counts…
    saved["value"]["plugins"][registry.WRITERS].append(["planted", "nowhere:W", "planted-dist", "1.0"])
    record(tmp_path).write_text(json.dumps(saved), encoding="utf-8")
    registry.refresh()
    assert "planted" in registry.writer_names()
    # …and a package installed on sys.path since is seen at once (the record is redone).
    make_dist_info(site)
    registry.refresh()
    names = set(registry.writer_names())
    assert "planted" not in names and {"txt", "half", "slow", "broken"} <= names
    assert [e.origin for e in registry.entries(registry.WRITERS) if e.name == "txt"] == ["speechpress-testplugin 0.1.0"]


def test_unrelated_files_do_not_invalidate_the_scan(site: Path, tmp_path: Path) -> None:
    registry.writer_names()
    saved = json.loads(record(tmp_path).read_text(encoding="utf-8"))
    saved["value"]["plugins"][registry.WRITERS].append(["planted", "nowhere:W", "planted-dist", "1.0"])
    record(tmp_path).write_text(json.dumps(saved), encoding="utf-8")
    (site / "notes.txt").write_text("a file that is not a package", encoding="utf-8")
    registry.refresh()
    assert "planted" in registry.writer_names()  # still the saved scan
