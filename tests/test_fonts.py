"""Font resolution, subsetting and CFF→TrueType conversion against the fonts really installed."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from convert import fonts
from convert.style import load_style


def have_family(family: str) -> bool:
    """Truly installed? (fc-list, the same source the resolver uses)."""
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True).stdout
    return any(family in line.split(",") for line in out.splitlines())


def need_family(family: str) -> None:
    if not have_family(family):
        pytest.skip(f"font {family} is not installed")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "fontcache"
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(d))
    return d


def test_role_kind() -> None:
    assert fonts.role_kind(["黑体", "SimHei"]) == "sans"
    assert fonts.role_kind(["楷体_GB2312", "KaiTi"]) == "kai"
    assert fonts.role_kind(["仿宋_GB2312"]) == "serif"
    assert fonts.role_kind(["方正小标宋简体"]) == "serif"


def test_fc_match_style_false_positive_is_rejected() -> None:
    # fc-match answers with *some* font for any name; the resolver must not accept that.
    assert fonts.find_installed("No Such Family 不存在的字体") is None


def test_official_roles_resolve_to_sc_faces() -> None:
    need_family("Noto Serif CJK SC")
    need_family("Noto Sans CJK SC")
    table = fonts.resolve_all(load_style("official"))
    body = table["body"]
    assert body.family == "Noto Serif CJK SC" and body.path is not None
    # Chinese glyph forms: the SC face of the collection, not the JP one at index 0.
    from fontTools.ttLib import TTFont

    face = TTFont(str(body.path), fontNumber=body.index, lazy=True)
    assert "SC" in face["name"].getDebugName(1)
    assert table["heading1"].family == "Noto Sans CJK SC"
    assert table["heading3"].bold  # 仿宋 bold -> a real bold face where one is installed
    rows = fonts.fonts_table(load_style("official"))
    assert {r[0] for r in rows} >= {"title", "body", "heading1", "page_number"}
    assert all(r[3] for r in rows)


def test_font_files_option_wins(tmp_path: Path) -> None:
    need_family("LXGW WenKai")
    e = fonts.find_installed("LXGW WenKai")
    assert e is not None
    f = fonts.resolve_font(load_style("official"), "body", {"body": str(e.path)})
    assert f.source == "option" and f.path == e.path.resolve()
    with pytest.raises(fonts.FontError, match="not found"):
        fonts.resolve_font(load_style("official"), "body", {"body": str(tmp_path / "missing.ttf")})


def test_builtin_fallback_when_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_fonts", lambda: ())
    f = fonts.resolve_font(load_style("official"), "body")
    assert f.path is None and f.source == "builtin" and f.family == "STSong-Light"
    diags = fonts.font_diagnostics({"body": f})
    assert diags[0].severity == "warning" and "apt-get install fonts-noto-cjk" in diags[0].message


def test_scan_reads_localized_family_names() -> None:
    need_family("LXGW WenKai")
    e = fonts.find_installed("LXGW WenKai")
    assert e is not None
    entries = fonts.scan_font_dirs([e.path.parent])
    hit = fonts.find_installed("霞鹜文楷", entries=entries)
    assert hit is not None and hit.path == e.path


def test_cff_subset_converts_to_truetype_and_loads_in_reportlab(cache: Path) -> None:
    need_family("Noto Serif CJK SC")
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase.ttfonts import TTFontFile

    font = fonts.resolve_font(load_style("official"), "body")
    assert font.family == "Noto Serif CJK SC"
    text = "理论中心组学习贯彻，“两个确立”。2024"
    t0 = time.perf_counter()
    data = fonts.subset_truetype(font, text)
    cold = time.perf_counter() - t0
    tt = TTFont(io.BytesIO(data))
    assert "glyf" in tt and "CFF " not in tt
    assert set(tt.getBestCmap()) == {ord(c) for c in text}
    rl = TTFontFile(io.BytesIO(data))  # raises on CFF outlines
    assert set(rl.charToGlyph) >= {ord(c) for c in text}
    # The face's glyph store exists, and the second call reuses it (same bytes, nothing converted).
    files = list((cache / f"stores-v{fonts.CACHE_VERSION}").glob("*.ttf"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    t0 = time.perf_counter()
    again = fonts.subset_truetype(font, text)
    warm = time.perf_counter() - t0
    assert again == data and files[0].stat().st_mtime_ns == mtime
    print(f"subset cold {cold:.3f}s warm {warm:.4f}s")


def test_subset_font_bytes_keeps_outline_format(cache: Path) -> None:
    need_family("Noto Sans CJK SC")
    from fontTools.ttLib import TTFont

    font = fonts.resolve_font(load_style("official"), "heading1")
    data = fonts.subset_font_bytes(font, "一要强化政治意识", flavor="woff")
    tt = TTFont(io.BytesIO(data))
    assert tt.flavor == "woff" and "CFF " in tt
    assert set(tt.getBestCmap()) == {ord(c) for c in "一要强化政治意识"}


def test_missing_char_is_reported_by_name() -> None:
    d = fonts.missing_char_diagnostic("\U0001f600", "body")
    assert "U+1F600" in d.message and "GRINNING FACE" in d.message


def test_subsetting_prints_nothing_outside_the_cli(tmp_path: Path) -> None:
    """Library use (no CLI logging set-up), a cold cache, a face with a table fontTools'
    subsetter does not know (FontForge's FFTM in Liberation Serif): nothing on stderr, for
    the PDF and the EPUB subsets alike; afterwards an error of that logger still shows."""
    import os
    import sys

    need_family("Liberation Serif")
    entry = fonts.find_installed("Liberation Serif")
    assert entry is not None
    from fontTools.ttLib import TTFont

    if "FFTM" not in TTFont(entry.path, fontNumber=entry.index, lazy=True):
        pytest.skip("this Liberation Serif has no table the subsetter does not know")
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from convert import fonts\n"
        "face = fonts.ResolvedFont('latin', 'Liberation Serif', Path(sys.argv[1]), int(sys.argv[2]), 'installed')\n"
        "assert fonts.subset_font_bytes(face, 'Speech 2025')\n"
        "assert fonts.subset_truetype(face, 'Speech 2025')\n"
        "print('subset', flush=True)\n"
        "logging.getLogger('fontTools.subset').error('a real error')\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SPEECHPRESS_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(entry.path), str(entry.index)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "subset\n"
    assert done.stderr == "a real error\n"
