"""Font resolution and subsetting, shared by the PDF and EPUB writers.

A style names faces the way a Chinese Windows user knows them (仿宋_GB2312, 黑体, …);
the machine that converts may have none of them. Each role is therefore resolved in a
fixed order — font files named on the command line or in the style, installed fonts
found by family name, free fallbacks of the same kind (Song/Fangsong, Kai, Hei), and
last reportlab's built-in, non-embedded ``STSong-Light`` — so the result is predictable
and `speechpress fonts` can show it. What is installed comes from ``fc-list`` (or a scan
of the font folders where fontconfig is absent), remembered in the cache folder until a
font folder or fontconfig's own cache changes.

The common free CJK fonts (Noto CJK) have CFF outlines, which the PDF writer cannot
embed: :func:`subset_truetype` cuts a PDF's subset out of the face's glyph store
(:mod:`convert.fontstore`), where every glyph is converted to TrueType once. EPUB
subsets (:func:`subset_font_bytes`) keep the face's own outlines and layout features and
are cached per character set.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import CACHE_VERSION, cache_dir, load_record, read_bytes, save_record, sha256, tree_mtimes, write_bytes
from .model import Diagnostic
from .style import ROLES, Style

if TYPE_CHECKING:
    from . import sfnt


BUILTIN_FAMILY = "STSong-Light"
FONT_EXTENSIONS = (".ttf", ".otf", ".ttc", ".otc")

#: Free faces per kind of role, in order of preference (what Linux distributions ship).
FALLBACKS: dict[str, tuple[str, ...]] = {
    "serif": ("Noto Serif CJK SC", "AR PL UMing CN", "Source Han Serif SC", "Source Han Serif CN"),
    "kai": ("LXGW WenKai", "AR PL UKai CN"),
    "sans": (
        "Noto Sans CJK SC",
        "WenQuanYi Zen Hei",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "Droid Sans Fallback",
    ),
}
_KIND_ORDER: dict[str, tuple[str, ...]] = {
    "serif": ("serif", "kai", "sans"),
    "kai": ("kai", "serif", "sans"),
    "sans": ("sans", "serif", "kai"),
}
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kai", ("楷", "kai")),
    ("sans", ("黑", "hei", "sans", "gothic", "圆", "yuan")),
    ("serif", ("宋", "song", "仿", "fang", "ming", "明", "serif", "标宋")),
)

INSTALL_HINT = (
    "install a free Chinese font (Debian/Ubuntu: `apt-get install fonts-noto-cjk`; "
    "Fedora: `dnf install google-noto-serif-cjk-fonts`; macOS and Windows ship one) "
    "or name a font file for the role"
)


class FontError(ValueError):
    """A font file named by the user that cannot be used."""


@dataclass(frozen=True)
class ResolvedFont:
    """The face a role prints in on this machine, and where it came from, so messages and ``fonts`` can say why."""

    role: str  # "body", "heading1", ...
    family: str  # family name actually found, e.g. "Noto Serif CJK SC"
    path: Path | None  # font file; None = reportlab built-in CID font (not embedded)
    index: int = 0  # face index inside a collection (.ttc)
    source: str = ""  # "option" | "style" | "installed" | "fallback" | "builtin"
    requested: str = ""  # the first family the style asked for
    bold: bool = False  # the face itself is bold (so writers need not embolden it)

    @property
    def embedded(self) -> bool:
        return self.path is not None

    @property
    def key(self) -> tuple[str, int]:
        """Identity of the face: two roles with the same key share one embedded subset."""
        return (str(self.path) if self.path else self.family, self.index)


@dataclass(frozen=True)
class FontEntry:
    """One installed face as fontconfig (or our own scan) describes it."""

    families: tuple[str, ...]
    style: str
    path: Path
    index: int
    weight: int  # CSS scale: 400 regular, 700 bold


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()


def role_kind(families: Iterable[str]) -> str:
    """Song/Fangsong ("serif"), Kai or Hei ("sans"), judged from the names a style asks for."""
    for fam in families:
        low = fam.casefold()
        for kind, words in _KIND_WORDS:
            if any(w in low for w in words):
                return kind
    return "serif"


# ---------------------------------------------------------------------------------------
# What is installed.

_FC_WEIGHTS = (
    (0, 100),
    (40, 200),
    (50, 300),
    (55, 350),
    (75, 400),
    (80, 400),
    (100, 500),
    (180, 600),
    (200, 700),
    (205, 800),
    (210, 900),
)


def _fc_weight_to_css(w: int) -> int:
    best = min(_FC_WEIGHTS, key=lambda p: abs(p[0] - w))
    return best[1]


def _fc_list() -> list[FontEntry] | None:
    import subprocess  # only when the cached list is stale: not imported by every run

    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "--format", "%{family}\t%{style}\t%{file}\t%{index}\t%{weight}\n"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    entries = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[2].lower().endswith(FONT_EXTENSIONS):
            continue
        fams = tuple(f.strip() for f in parts[0].split(",") if f.strip())
        try:
            index = int(parts[3] or 0)
            weight = _fc_weight_to_css(int(float(parts[4].split()[0]))) if parts[4] else 400
        except ValueError:
            continue
        entries.append(FontEntry(fams, parts[1].split(",")[0], Path(parts[2]), index, weight))
    return entries


def font_dirs() -> list[Path]:
    """The standard font folders of Windows, macOS and Linux (where fontconfig is absent)."""
    home = Path.home()
    dirs = [
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        home / "AppData/Local/Microsoft/Windows/Fonts",
        Path("/System/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        Path("/Library/Fonts"),
        home / "Library/Fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]
    return [d for d in dirs if d.is_dir()]


def _face_names(font) -> tuple[tuple[str, ...], str, int]:
    """All family names of a face, localized ones included (仿宋 as well as FangSong)."""
    name = font["name"]
    fams: list[str] = []
    style = "Regular"
    for rec in name.names:
        if rec.nameID in (1, 16):
            try:
                s = rec.toUnicode().strip()
            except UnicodeDecodeError:
                continue
            if s and s not in fams:
                fams.append(s)
        elif rec.nameID == 2 and rec.platformID == 3 and rec.langID == 0x409:
            style = rec.toUnicode()
    weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
    return tuple(fams), style, weight


def scan_font_dirs(dirs: Iterable[Path] | None = None) -> list[FontEntry]:
    """Read family names with fontTools from every font file under ``dirs``."""
    from fontTools.ttLib import TTCollection, TTFont

    entries: list[FontEntry] = []
    for d in dirs if dirs is not None else font_dirs():
        for path in sorted(d.rglob("*")):
            if path.suffix.lower() not in FONT_EXTENSIONS or not path.is_file():
                continue
            try:
                if path.suffix.lower() in (".ttc", ".otc"):
                    fonts = list(TTCollection(str(path), lazy=True).fonts)
                else:
                    fonts = [TTFont(str(path), lazy=True)]
                for i, f in enumerate(fonts):
                    fams, style, weight = _face_names(f)
                    if fams:
                        entries.append(FontEntry(fams, style, path, i, weight))
            except Exception:  # noqa: BLE001 -- a broken font file, whatever fontTools raises, must not stop the search
                continue
    return entries


#: Where fontconfig reads its configuration and keeps its caches (Linux, BSD, Homebrew).
_FONTCONFIG_PLACES = (
    "/etc/fonts",
    "/etc/fonts/conf.d",
    "/usr/local/etc/fonts",
    "/opt/homebrew/etc/fonts",
    "/var/cache/fontconfig",
    "/usr/local/var/cache/fontconfig",
    "~/.config/fontconfig",
    "~/.cache/fontconfig",
)


def _installed_key(source: str) -> str:
    """Changes whenever what fc-list (or our scan) reports may have changed: the font
    folders, fontconfig's configuration and caches (``fc-cache`` rewrites them when a
    package adds fonts anywhere), and the environment that points fontconfig elsewhere."""
    places = [Path(p).expanduser() for p in _FONTCONFIG_PLACES]
    env = [f"{k}={os.environ.get(k, '')}" for k in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")]
    h = sha256(f"{source}|{'|'.join(env)}".encode())
    for part in tree_mtimes(font_dirs()) + tree_mtimes([p for p in places if p.is_dir()]):
        h.update(part.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _load_installed(key: str) -> list[FontEntry] | None:
    rows = load_record("installed", key)
    try:
        return [FontEntry(tuple(f), s, Path(p), int(i), int(w)) for f, s, p, i, w in rows]
    except (TypeError, ValueError):
        return None


def _save_installed(key: str, entries: list[FontEntry]) -> None:
    save_record("installed", key, [[list(e.families), e.style, str(e.path), e.index, e.weight] for e in entries])


@lru_cache(maxsize=1)
def installed_fonts() -> tuple[FontEntry, ...]:
    """Every installed face: fc-list's answer, or a scan of the font folders without
    fontconfig; remembered in the cache folder while nothing that changes it changed."""
    exe = shutil.which("fc-list")
    key = _installed_key(exe or "scan")
    found = _load_installed(key)
    if found is None:
        found = _fc_list() if exe else None
        if found is None:
            found = scan_font_dirs()
        _save_installed(key, found)
    return tuple(found)


@lru_cache(maxsize=4)
def _by_family(entries: tuple[FontEntry, ...]) -> dict[str, list[FontEntry]]:
    """Installed faces by normalised family name, and by family and style together (a
    style may name "Noto Serif CJK SC Bold"): a style asks for dozens of names."""
    index: dict[str, list[FontEntry]] = {}
    for e in entries:
        for key in {_norm(f) for f in e.families} | {_norm(f + e.style) for f in e.families}:
            index.setdefault(key, []).append(e)
    return index


def find_installed(family: str, bold: bool = False, entries: Iterable[FontEntry] | None = None) -> FontEntry | None:
    """The installed face whose family really is ``family`` (fc-match would always answer)."""
    pool = installed_fonts() if entries is None else tuple(entries)
    cands = _by_family(pool).get(_norm(family), [])
    if not cands:
        return None
    target = 700 if bold else 400

    def score(e: FontEntry) -> tuple[int, int, str]:
        italic = 1 if re.search(r"italic|oblique", e.style, re.I) else 0
        return (italic, abs(e.weight - target), str(e.path))

    return min(cands, key=score)


# ---------------------------------------------------------------------------------------
# Resolution.


def _looks_like_file(name: str) -> bool:
    return name.lower().endswith(FONT_EXTENSIONS) or "/" in name or "\\" in name


@lru_cache(maxsize=64)
def _file_faces(path: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        fonts = list(TTCollection(path, lazy=True).fonts)
    else:
        fonts = [TTFont(path, lazy=True)]
    out = []
    for f in fonts:
        fams, _, weight = _face_names(f)
        out.append((fams, weight))
    return tuple(out)


def _from_file(role: str, file: str, source: str, requested: str, base: Path | None) -> ResolvedFont:
    p = Path(file).expanduser()
    if not p.is_absolute() and base is not None and (base / p).exists():
        p = base / p
    if not p.is_file():
        raise FontError(f"font file for role {role!r} not found: {file}")
    try:
        faces = _file_faces(str(p.resolve()))
    except Exception as e:  # noqa: BLE001 -- fontTools raises many kinds for a file that is not a font
        raise FontError(f"{file}: not a usable font file ({e})") from None
    # In a CJK collection pick the Simplified Chinese face: Chinese glyph forms, not Japanese.
    index = 0
    for i, (fams, _) in enumerate(faces):
        if any(re.search(r"(\bSC\b|\bCN\b|GB|简)", f) for f in fams):
            index = i
            break
    fams, weight = faces[index]
    return ResolvedFont(role, fams[0] if fams else p.stem, p.resolve(), index, source, requested, weight >= 600)


def _style_base(style: Style) -> Path | None:
    return Path(style.source).parent if style.source else None


def resolve_font(style: Style, role: str, font_files: Mapping[str, str] = {}) -> ResolvedFont:
    """The face a role prints in on this machine; see the module docstring for the order."""
    rs = style.roles[role]
    requested = rs.fonts[0] if rs.fonts else ""
    base = _style_base(style)
    if role in font_files:
        return _from_file(role, font_files[role], "option", requested, None)
    for fam in rs.fonts:
        if fam in font_files:
            return _from_file(role, font_files[fam], "option", requested, None)
    for fam in rs.fonts:
        if _looks_like_file(fam):
            return _from_file(role, fam, "style", requested, base)
    for fam in rs.fonts:
        e = find_installed(fam, rs.bold)
        if e is not None:
            return ResolvedFont(role, fam, e.path, e.index, "installed", requested, e.weight >= 600)
    for kind in _KIND_ORDER[role_kind(rs.fonts)]:
        for fam in FALLBACKS[kind]:
            e = find_installed(fam, rs.bold)
            if e is not None:
                return ResolvedFont(role, fam, e.path, e.index, "fallback", requested, e.weight >= 600)
    return ResolvedFont(role, BUILTIN_FAMILY, None, 0, "builtin", requested)


def resolve_latin(style: Style, role: str) -> ResolvedFont | None:
    """The installed face for a role's Latin letters and digits (its ``latin`` list), or
    None: the role's CJK face then draws them."""
    rs = style.roles[role]
    for fam in rs.latin:
        e = find_installed(fam, rs.bold)
        if e is not None:
            return ResolvedFont(role, fam, e.path, e.index, "installed", rs.latin[0], e.weight >= 600)
    return None


def resolve_all(style: Style, font_files: Mapping[str, str] = {}) -> dict[str, ResolvedFont]:
    return {role: resolve_font(style, role, font_files) for role in ROLES if role in style.roles}


def fallback_chain(exclude: Iterable[ResolvedFont] = ()) -> list[ResolvedFont]:
    """Installed free faces to try for characters a chosen face lacks."""
    seen = {f.key for f in exclude}
    out = []
    for kind in ("serif", "sans", "kai"):
        for fam in FALLBACKS[kind]:
            e = find_installed(fam)
            if e is not None and (str(e.path), e.index) not in seen:
                seen.add((str(e.path), e.index))
                out.append(ResolvedFont("fallback", fam, e.path, e.index, "fallback", fam))
    return out


def fonts_table(style: Style, font_files: Mapping[str, str] = {}) -> list[tuple[str, str, str, bool]]:
    """Rows of `speechpress fonts`: role, family, file (with face index), embedded?"""
    rows = []
    for role, f in resolve_all(style, font_files).items():
        where = "(built-in, not embedded)" if f.path is None else (f"{f.path}#{f.index}" if f.index else str(f.path))
        rows.append((role, f.family, where, f.embedded))
    return rows


def font_diagnostics(fonts: Mapping[str, ResolvedFont]) -> list[Diagnostic]:
    """Warnings a writer should pass on: a role that fell back to the non-embedded font."""
    out = []
    for role, f in fonts.items():
        if f.path is None:
            out.append(
                Diagnostic(
                    "warning",
                    "font-not-embedded",
                    f"no font found for role {role} (asked for {f.requested or '?'}); using the built-in "
                    f"{BUILTIN_FAMILY}, which is not embedded and looks different on every viewer: {INSTALL_HINT}",
                )
            )
        elif f.source == "fallback":
            out.append(
                Diagnostic(
                    "info",
                    "font-fallback",
                    f"role {role}: {f.requested or '?'} is not installed; using {f.family}",
                )
            )
    return out


def missing_char_diagnostic(ch: str, where: str) -> Diagnostic:
    name = unicodedata.name(ch, "unnamed character")
    return Diagnostic("warning", "missing-glyph", f"no installed font has U+{ord(ch):04X} {name} ({where})")


# ---------------------------------------------------------------------------------------
# Coverage, subsetting, conversion, cache.


@lru_cache(maxsize=16)
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    f = TTFont(path, fontNumber=index, lazy=True)
    return frozenset(f.getBestCmap() or {})


@lru_cache(maxsize=32)
def coverage(font: ResolvedFont) -> frozenset[int]:
    """Code points the face has: from its glyph store when it has one (no fontTools),
    else from the font file's full cmap."""
    if font.path is None:
        return frozenset()
    from . import fontstore

    known = fontstore.coverage(font)
    return known if known is not None else _cmap(str(font.path), font.index)


def subset_dir() -> Path:
    """Where EPUB subsets are kept, one per face and character set."""
    return cache_dir() / f"subsets-v{CACHE_VERSION}"


def cache_path(font: ResolvedFont, text: str, kind: str) -> Path:
    """Where the subset of ``font`` for ``text`` lives: keyed by file identity and chars."""
    assert font.path is not None
    st = font.path.stat()
    chars = "".join(sorted(set(text)))
    h = sha256()
    h.update(f"{CACHE_VERSION}|{kind}|{font.path.resolve()}|{st.st_mtime_ns}|{st.st_size}|{font.index}|".encode())
    h.update(chars.encode("utf-8", "surrogatepass"))
    return subset_dir() / f"{font.path.stem}-{font.index}-{kind}-{h.hexdigest()[:24]}.{kind}"


def _subset(font: ResolvedFont, text: str, for_pdf: bool):
    from fontTools import subset

    opts = subset.Options()
    opts.font_number = font.index
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.glyph_names = False
    if for_pdf:
        # A PDF viewer uses only outlines, metrics and cmap: shaping and hinting tables are bytes for nothing.
        opts.layout_features = []
        opts.hinting = False
        opts.desubroutinize = True
        opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]
        opts.name_languages = [0x409]
        opts.drop_tables += [
            "GSUB",
            "GPOS",
            "GDEF",
            "BASE",
            "JSTF",
            "VORG",
            "vhea",
            "vmtx",
            "DSIG",
            "EBDT",
            "EBLC",
            "EBSC",
            "bdat",
            "bloc",
            "meta",
            "kern",
            "hdmx",
            "LTSH",
            "VDMX",
            "gasp",
        ]
    else:
        opts.name_languages = ["*"]
        # Keep vertical forms (an e-reader may set vertical text) and kerning; the full
        # feature set of a CJK face pulls in Japanese, Korean and traditional alternates
        # (for Noto Serif CJK: 1,436 glyphs for 844 characters instead of ~860).
        opts.layout_features = ["vert", "vrt2", "kern", "palt", "halt"]
    f = subset.load_font(str(font.path), opts, lazy=True)
    sub = subset.Subsetter(opts)
    codes = sorted({ord(c) for c in text if not unicodedata.category(c).startswith("C")})
    sub.populate(unicodes=codes)
    with _subsetter_notes_muted():
        sub.subset(f)
    return f


@contextlib.contextmanager
def _subsetter_notes_muted() -> Iterator[None]:
    """fontTools' subsetter warns "FFTM NOT subset; don't know how to subset; dropped" for
    each table it does not know (FontForge's timestamp, bitmap tables: nothing a subset
    needs). The CLI sends fontTools' records nowhere (:func:`convert.cli.errors.quiet_libraries`),
    but a program or test using the library would get these lines on stderr from Python's
    last-resort handler. So that one logger is raised to ERROR while we subset, and put back
    after: its errors, and every other logger, still speak."""
    import logging

    log = logging.getLogger("fontTools.subset")
    before = log.level
    log.setLevel(max(logging.ERROR, before))
    try:
        yield
    finally:
        log.setLevel(before)


#: How far cu2qu's quadratic curves may stray from the CFF ones, in font units (1/1000
#: em for every CFF face we know), and the grid their points are rounded to. Together
#: at most 3 units: 0.05 pt at a 16 pt body, 0.017 mm, below a 600 dpi printer's dot
#: (0.042 mm) and a fraction of a pixel at any screen zoom; and a quarter less font
#: data in the PDF (the sample: 170 -> 144 KB for the body face; even coordinates leave
#: deltas deflate codes in fewer bits). Widths are not touched: layout is the same.
CU2QU_MAX_ERR = 2.0
OUTLINE_GRID = 2
#: Changes whenever the outlines made for PDFs do: the glyph stores are keyed by it
#: (:mod:`convert.fontstore`), so stores made the old way are converted again.
PDF_GLYPH_RECIPE = f"cu2qu{CU2QU_MAX_ERR:g}-grid{OUTLINE_GRID}"


def _on_grid(v: float) -> int:
    return OUTLINE_GRID * round(v / OUTLINE_GRID)


def cff_to_truetype(font) -> None:
    """Replace a (subset) font's CFF outlines by quadratic ``glyf`` ones, in place.

    The recipe of fontTools' ``otf2ttf`` snippet: cu2qu per glyph, contour direction
    reversed (CFF is counter-clockwise, TrueType clockwise); with the tolerance and
    grid of :data:`CU2QU_MAX_ERR` and :data:`OUTLINE_GRID`.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        gset[name].draw(Cu2QuPen(pen, max_err=CU2QU_MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph(round=_on_grid)
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        g.recalcBounds(glyf)
        aw, _ = hmtx[name]
        hmtx[name] = (aw, getattr(g, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in (
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def pdf_subset_recipe(font: ResolvedFont, codepoints: Iterable[int]) -> bytes:
    """fontTools' TrueType subset of the original face for ``codepoints``, CFF converted:
    how the glyph store (:mod:`convert.fontstore`) gets each glyph, once."""
    f = _subset(font, "".join(map(chr, codepoints)), for_pdf=True)
    if "glyf" not in f:
        cff_to_truetype(f)
    if "post" in f:
        f["post"].formatType = 3.0
    buf = io.BytesIO()
    f.save(buf)
    return buf.getvalue()


def subset_truetype(font: ResolvedFont, text: str) -> bytes:
    """A TrueType (glyf) subset of ``font`` for the characters of ``text``: what a PDF
    embeds. Cut from the face's glyph store; only glyphs the store lacks are converted."""
    if font.path is None:
        raise FontError(f"{font.family} is a built-in font: nothing to subset")
    from . import fontstore

    return fontstore.subset(font, text)


def subset_metrics(data: bytes) -> sfnt.Metrics:
    """Units per em, cmap, advance widths, bounding box, ascent, descent, cap height,
    italic angle and PostScript name of a subset made by :func:`subset_truetype`, read
    without fontTools (what a PDF font dictionary needs)."""
    from . import sfnt

    return sfnt.Font.read(data).metrics()


def subset_font_bytes(font: ResolvedFont, text: str, flavor: str | None = None) -> bytes:
    """A subset keeping the original outline format (for EPUB); ``flavor`` "woff"/"woff2"."""
    if font.path is None:
        raise FontError(f"{font.family} is a built-in font: nothing to subset")
    if flavor not in (None, "woff", "woff2"):
        raise FontError(f"unknown font flavor {flavor!r}; use woff, woff2 or none")
    if flavor == "woff2":
        try:
            import brotli  # noqa: F401 -- only asked whether it is installed (fontTools needs it for WOFF2)
        except ImportError:
            raise FontError("woff2 needs the 'brotli' package; use flavor 'woff' or none") from None
    path = cache_path(font, text, flavor or "sfnt")
    cached = read_bytes(path)
    if cached is not None:
        return cached
    f = _subset(font, text, for_pdf=False)
    f.flavor = flavor
    buf = io.BytesIO()
    f.save(buf)
    data = buf.getvalue()
    write_bytes(path, data)
    return data


if __name__ == "__main__":  # pragma: no cover - a quick look at the table
    from .style import load_style

    for row in fonts_table(load_style(sys.argv[1] if len(sys.argv) > 1 else None)):
        print("\t".join(map(str, row)))
