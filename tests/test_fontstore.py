"""The glyph store (convert/fontstore.py) and the fontTools-free TrueType subsetter
(convert/sfnt.py), against the fonts really installed; fontTools and poppler judge the
results."""

from __future__ import annotations

import io
import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_fonts import need_family

from convert import fonts, fontstore
from convert.style import load_style

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_bab276808ddd4c79.txt"

#: Our own wording, with full-width punctuation, digits, Latin and a quotation.
TEXT_A = "我们要坚持问题导向，把调查研究作为基本功，做到“身入”更要“心至”。2025年，第1季度。"
TEXT_B = "坚持问题导向，做到“心至”。2025"  # only characters of TEXT_A
#: 镕 and 堃 are outside GB2312 but in Noto CJK; U+1F600 is in no CJK face.
TEXT_RARE = "朱镕基，王堃。\U0001f600"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "fontcache"
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(d))
    fonts.coverage.cache_clear()
    yield d
    fonts.coverage.cache_clear()


def body_face() -> fonts.ResolvedFont:
    need_family("Noto Serif CJK SC")
    face = fonts.resolve_font(load_style("official"), "body")
    assert face.family == "Noto Serif CJK SC" and face.path is not None
    return face


def wenkai_face() -> fonts.ResolvedFont:
    need_family("LXGW WenKai")
    e = fonts.find_installed("LXGW WenKai")
    assert e is not None
    return fonts.ResolvedFont("note", "LXGW WenKai", e.path, e.index, "installed")


def outlines(data: bytes) -> dict[int, tuple]:
    """Code point -> (drawing, with components resolved; advance; left side bearing)."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(data))
    glyphs = tt.getGlyphSet()
    out = {}
    for cp, name in tt.getBestCmap().items():
        pen = DecomposingRecordingPen(glyphs)
        glyphs[name].draw(pen)
        out[cp] = (tuple(pen.value), tt["hmtx"][name])
    return out


def face_cmap(face: fonts.ResolvedFont) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(str(face.path), fontNumber=face.index, lazy=True).getBestCmap())


def test_new_text_is_cut_from_the_prepared_store_without_conversion(cache: Path) -> None:
    face = body_face()
    store = fontstore.prepare(face, fontstore.wanted(TEXT_A))
    before = store.path.read_bytes()
    data = fonts.subset_truetype(face, TEXT_B)
    assert store.path.read_bytes() == before  # nothing converted, nothing added
    direct = fonts.pdf_subset_recipe(face, sorted(fontstore.wanted(TEXT_B)))
    got = outlines(data)
    assert set(got) == fontstore.wanted(TEXT_B)
    assert got == outlines(direct)  # the same glyphs as converting this text directly


def test_converted_outlines_stay_within_tolerance_with_the_same_widths() -> None:
    """CFF outlines become quadratic ones on an even grid (a smaller PDF): every point on
    the grid, every glyph's drawn bounds within the stated tolerance of the CFF glyph's,
    the advance widths untouched (layout does not move)."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    face = body_face()
    cps = sorted(fontstore.wanted(TEXT_A))
    tt = TTFont(io.BytesIO(fonts.pdf_subset_recipe(face, cps)))
    src = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    assert "CFF " in src and "glyf" in tt
    tolerance = fonts.CU2QU_MAX_ERR + fonts.OUTLINE_GRID / 2
    src_glyphs, src_cmap, cmap = src.getGlyphSet(), src.getBestCmap(), tt.getBestCmap()
    checked = 0
    for cp in cps:
        if cp not in src_cmap:
            continue
        glyph = tt["glyf"][cmap[cp]]
        if glyph.numberOfContours > 0:
            assert all(v % fonts.OUTLINE_GRID == 0 for xy in glyph.coordinates for v in xy), chr(cp)
        ours, theirs = BoundsPen(tt.getGlyphSet()), BoundsPen(src_glyphs)
        tt.getGlyphSet()[cmap[cp]].draw(ours)
        src_glyphs[src_cmap[cp]].draw(theirs)
        if theirs.bounds is None:
            assert ours.bounds is None
            continue
        assert ours.bounds is not None
        assert max(abs(a - b) for a, b in zip(ours.bounds, theirs.bounds)) <= tolerance, chr(cp)
        assert tt["hmtx"][cmap[cp]][0] == src["hmtx"][src_cmap[cp]][0]
        checked += 1
    assert checked >= len(set(TEXT_A)) - 2  # the space and what the face lacks aside


def test_stores_are_keyed_by_the_outline_recipe(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store made with other conversion settings is not reused (nor a PDF made from it)."""
    face = body_face()
    before = fontstore.store_path(face)
    monkeypatch.setattr(fontstore, "PDF_GLYPH_RECIPE", "another")
    assert fontstore.store_path(face) != before


def test_characters_outside_the_store_are_converted_and_kept(cache: Path) -> None:
    face = body_face()
    fontstore.prepare(face, fontstore.wanted(TEXT_A))
    data = fonts.subset_truetype(face, TEXT_A + TEXT_RARE)
    expected = fontstore.wanted(TEXT_A + TEXT_RARE) & face_cmap(face)
    assert {ord("镕"), ord("堃")} <= expected and 0x1F600 not in expected
    assert set(outlines(data)) == expected  # nothing the face has is lost
    store = fontstore.open_store(face)
    assert store is not None and set(store.font.cmap) == expected
    assert fonts.coverage(face) == face_cmap(face)  # from the store, as fontTools reads the face


def test_truetype_face_keeps_composite_glyphs(cache: Path) -> None:
    face = wenkai_face()
    text = "¨´−∕é理论abc"  # the first four are composites in LXGW WenKai
    data = fonts.subset_truetype(face, text)
    direct = fonts.pdf_subset_recipe(face, sorted(fontstore.wanted(text)))
    assert outlines(data) == outlines(direct)
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(data))
    assert any(tt["glyf"][tt.getBestCmap()[ord(c)]].isComposite() for c in "¨−")


def test_subset_metrics_agree_with_fonttools(cache: Path) -> None:
    from fontTools.ttLib import TTFont

    face = body_face()
    data = fonts.subset_truetype(face, TEXT_A)
    m = fonts.subset_metrics(data)
    tt = TTFont(io.BytesIO(data))
    order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
    assert m.upm == tt["head"].unitsPerEm
    assert m.cmap == {cp: order[name] for cp, name in tt.getBestCmap().items()}
    assert m.widths == [tt["hmtx"][name][0] for name in tt.getGlyphOrder()]
    assert m.bbox == (tt["head"].xMin, tt["head"].yMin, tt["head"].xMax, tt["head"].yMax)
    assert (m.ascent, m.descent) == (tt["OS/2"].sTypoAscender, tt["OS/2"].sTypoDescender)
    assert m.cap_height == tt["OS/2"].sCapHeight
    assert m.italic_angle == tt["post"].italicAngle
    assert m.ps_name == tt["name"].getDebugName(6)
    # Checksums: each table's (fontTools checks them), and the whole font's adjustment.
    TTFont(io.BytesIO(data), checkChecksums=2).ensureDecompiled()
    words = data + b"\0" * (-len(data) % 4)
    assert sum(int.from_bytes(words[i : i + 4], "big") for i in range(0, len(words), 4)) % 2**32 == 0xB1B0AFBA
    # What fontTools recomputes on saving must already be right.
    tt["maxp"].recalc(tt)
    tt["hhea"].recalc(tt)
    again = TTFont(io.BytesIO(data))
    for table, fields in (
        ("maxp", ("numGlyphs", "maxPoints", "maxContours")),
        ("hhea", ("advanceWidthMax", "minLeftSideBearing", "minRightSideBearing", "xMaxExtent")),
    ):
        for f in fields:
            assert getattr(again[table], f) == getattr(tt[table], f), (table, f)


def test_changed_font_file_gets_a_new_store(cache: Path, tmp_path: Path) -> None:
    original = wenkai_face()
    assert original.path is not None
    copy = tmp_path / "MyKai[wght].ttf"  # brackets, as variable fonts are named
    shutil.copyfile(original.path, copy)
    face = fonts.resolve_font(load_style("official"), "body", {"body": str(copy)})
    fonts.subset_truetype(face, "理论")
    first = fontstore.store_path(face)
    assert first.is_file()
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    fonts.subset_truetype(face, "理论")
    second = fontstore.store_path(face)
    assert second != first and second.is_file() and not first.exists()


def test_prune_removes_only_what_old_versions_left(cache: Path) -> None:
    cache.mkdir(parents=True)
    v1 = cache / f"NotoSerifCJK-Regular-2-ttf-{'a' * 24}.ttf"
    v1.write_bytes(b"old")
    (cache / "stores-v1").mkdir()
    (cache / "stores-v1" / "x.ttf").write_bytes(b"old")
    mine = cache / "MyFont.ttf"  # not ours: a user may point the cache at any folder
    mine.write_bytes(b"keep")
    assert fontstore.prune_cache() == 2
    assert not v1.exists() and not (cache / "stores-v1").exists() and mine.exists()


def test_installed_fonts_are_remembered_until_a_font_folder_changes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not shutil.which("fc-list"):
        pytest.skip("fc-list is not installed")
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "font_dirs", lambda: [folder])
    fonts.installed_fonts.cache_clear()
    try:
        found = fonts.installed_fonts()
        saved_file = cache / f"installed-v{fonts.CACHE_VERSION}.json"
        saved = json.loads(saved_file.read_text(encoding="utf-8"))
        assert len(saved["value"]) == len(found)
        # Plant an entry: it is served from the file while nothing changed…
        saved["value"].append([["Planted Family"], "Regular", str(folder / "planted.ttf"), 0, 400])
        saved_file.write_text(json.dumps(saved), encoding="utf-8")
        fonts.installed_fonts.cache_clear()
        assert fonts.find_installed("Planted Family") is not None
        # …and gone once a font folder changes (fc-list is asked again).
        (folder / "sub").mkdir()
        fonts.installed_fonts.cache_clear()
        assert fonts.find_installed("Planted Family") is None
        assert len(fonts.installed_fonts()) == len(found)
    finally:
        fonts.installed_fonts.cache_clear()


@pytest.mark.slow
def test_parallel_runs_add_to_one_store_without_losing_glyphs(cache: Path) -> None:
    face = body_face()
    code = (
        "import sys; from convert import fonts; from convert.style import load_style; "
        "f = fonts.resolve_font(load_style('official'), 'body'); fonts.subset_truetype(f, sys.argv[1])"
    )
    env = dict(os.environ, SPEECHPRESS_CACHE=str(cache), PYTHONPATH=str(ROOT))
    texts = [TEXT_A, "领导干部要带头深入基层，倾听群众呼声。"]
    procs = [subprocess.Popen([sys.executable, "-c", code, t], cwd=ROOT, env=env) for t in texts]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = fontstore.open_store(face)
    assert store is not None
    assert set(store.font.cmap) == fontstore.wanted("".join(texts)) & face_cmap(face)


@pytest.mark.slow
def test_pdf_from_the_store_renders_like_direct_conversion(cache: Path, tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("pdffonts")):
        pytest.skip("poppler-utils are not installed")
    body_face()
    from PIL import Image, ImageChops

    import convert

    doc = convert.read(SAMPLE)
    from_store = tmp_path / "store.pdf"
    convert.write(doc, from_store)
    fonts_out = subprocess.run(["pdffonts", str(from_store)], capture_output=True, text=True, check=True).stdout
    rows = fonts_out.splitlines()[2:]
    assert rows and all(" yes yes yes " in r for r in rows)  # embedded, subset, ToUnicode

    direct = tmp_path / "direct.pdf"
    real = fonts.subset_truetype
    try:
        fonts.subset_truetype = lambda f, text: fonts.pdf_subset_recipe(f, sorted(fontstore.wanted(text)))
        convert.write(doc, direct)
    finally:
        fonts.subset_truetype = real
    for name, pdf in (("store", from_store), ("direct", direct)):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / name)], check=True)
    pages = sorted(tmp_path.glob("store-*.png"))
    assert pages and len(pages) == len(list(tmp_path.glob("direct-*.png")))
    for page in pages:
        a = Image.open(page).convert("L")
        b = Image.open(str(page).replace("store-", "direct-")).convert("L")
        assert a.size == b.size and ImageChops.difference(a, b).getbbox() is None, page.name


def test_cmap_reading_agrees_with_fonttools(cache: Path) -> None:
    """Both cmap layouts the store meets: fontTools' (a converted piece, format 4 with
    glyph arrays) and ours (runs with a delta; format 12 for characters beyond the BMP)."""
    from fontTools.ttLib import TTFont

    from convert import sfnt

    face = body_face()
    beyond = sorted(cp for cp in face_cmap(face) if cp > 0xFFFF)[:2]  # e.g. Extension B
    text = TEXT_A + TEXT_RARE + "".join(map(chr, beyond))
    piece = fonts.pdf_subset_recipe(face, sorted(fontstore.wanted(text)))
    ours = fonts.subset_truetype(face, text)
    for data in (piece, ours):
        tt = TTFont(io.BytesIO(data))
        order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
        expected = {cp: order[n] for cp, n in tt.getBestCmap().items()}
        parsed = sfnt.Font.read(data)
        assert parsed.cmap == expected
        probe = set(expected) | set(range(0x20, 0x3000)) | {0xFFFF, 0x10FFFF}
        assert parsed.lookup(probe) == expected  # the binary search finds the same
    assert set(beyond) <= set(sfnt.Font.read(ours).cmap)


def test_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    face = body_face()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SPEECHPRESS_CACHE", str(blocker / "cache"))
    fonts.coverage.cache_clear()
    data = fonts.subset_truetype(face, TEXT_A)
    assert set(outlines(data)) == fontstore.wanted(TEXT_A)


@pytest.mark.slow
def test_prepare_command_then_a_new_text_converts_nothing(cache: Path, tmp_path: Path) -> None:
    """`speechpress fonts --prepare` with one face for every role (LXGW WenKai, TrueType:
    the quickest to prepare), then a PDF of a text it has never seen: no store changes,
    the Latin faces' included."""
    from convert.style import ROLES

    face = wenkai_face()
    env = dict(os.environ, SPEECHPRESS_CACHE=str(cache), PYTHONPATH=str(ROOT))
    every_role = [arg for role in ROLES for arg in ("--font", f"{role}={face.path}")]
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "fonts", "--prepare", "--style", "official", *every_role],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    style = load_style("official")
    latin = {f.key for f in (fonts.resolve_latin(style, role) for role in style.roles) if f is not None and f.path}
    assert f"{1 + len(latin)} faces prepared" in proc.stdout  # and the faces of Latin letters
    store = fontstore.open_store(face)
    assert store is not None
    assert set(store.font.cmap) == fontstore.wanted("".join(map(chr, fontstore.common_codepoints()))) & face_cmap(face)
    before = store.path.stat().st_mtime_ns
    stores = {p: p.stat().st_mtime_ns for p in fontstore.store_files()}
    assert len(stores) == 1 + len(latin)
    # and what else a first conversion would make: the title dictionary's index, the
    # compiled patterns of the readers and writers (those compiled when imported)
    (index,) = cache.glob("lexicon-*.sqlite")
    index_made = index.stat().st_mtime_ns
    (patterns,) = cache.glob("regex-*.marshal")
    assert len(marshal.loads(patterns.read_bytes())) > 100

    talk = tmp_path / "talk.txt"
    talk.write_text(
        "关于加强基层调研工作的几点体会\n\n同志们：\n今天我们召开座谈会，听取各方面意见，部署2025年GDP统计工作。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", str(talk), "-t", "pdf", "-o", str(out), "-q", *every_role],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert store.path.stat().st_mtime_ns == before  # every glyph came from the store
    assert {p: p.stat().st_mtime_ns for p in fontstore.store_files()} == stores  # Latin ones too
    assert index.stat().st_mtime_ns == index_made  # not built again
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(out / "talk.pdf")], capture_output=True, text=True).stdout
        assert "LXGWWenKai" in rows and " yes yes yes " in rows


#: Caches kept between runs, tried in fresh processes and fresh cache folders (seconds in
#: all): the full suite runs them, the fast tier leaves them out to stay under a minute.
pytestmark = pytest.mark.slow
