"""The corpus scorer (``../shared/tools/outline_score.py``) run in-process.

The scorer runs ``python3 -m convert inspect FILE --json`` once per file; here its own
``expected``/``score`` functions are imported and fed the model of the reader called in
this process, so a test (and a developer iterating on rules) gets the same figures in a
fraction of the time. Run ``python3 tests/outline_corpus.py [-v] [--only 03_]`` for the
table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from extract import preamble_lines

from convert.model import Document, Note, content_chars, document_text

ROOT = Path(__file__).resolve().parent.parent
_SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared")
CORPUS = _SHARED / "corpus"
SCORER = _SHARED / "tools" / "outline_score.py"


def nothing_lost(doc: Document, lines: list[str], dropped: set[int] = frozenset()) -> tuple[str, str]:  # type: ignore[assignment]
    """The content characters of the model and of the source lines (less the ``dropped``
    line numbers, reported furniture), for an equality assert: in order, except the notes
    above the title, which the model puts after it — they are compared apart."""
    kept = ["" if n in dropped else x for n, x in enumerate(lines, 1)]
    pre = preamble_lines(doc)
    model_pre = (
        "".join(content_chars(b.text) for b in doc.speeches[0].blocks if isinstance(b, Note) and b.line in pre)
        if pre
        else ""
    )
    got = content_chars(document_text(doc))
    if model_pre:
        got = got.replace(model_pre, "", 1) + "|" + model_pre
    want = content_chars("\n".join(x for n, x in enumerate(kept, 1) if n not in pre))
    want += ("|" + content_chars("\n".join(kept[n - 1] for n in sorted(pre)))) if pre else ""
    return got, want


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("outline_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Totals:
    files: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    run_in_ok: int = 0
    numbered_found: int = 0
    numbered: int = 0
    unnumbered_found: int = 0
    unnumbered: int = 0
    other: int = 0
    #: Files whose count of Paragraph blocks (the annotators' "paragraphs": notes, cues and
    #: captions are not paragraphs) differs from the annotation; the scorer counts every
    #: non-heading block.
    paragraph_misses: list[str] = field(default_factory=list)
    lost: int = 0
    crashed: int = 0
    rows: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def numbered_recall(self) -> float:
        return self.numbered_found / self.numbered if self.numbered else 1.0

    @property
    def unnumbered_recall(self) -> float:
        return self.unnumbered_found / self.unnumbered if self.unnumbered else 1.0

    def summary(self) -> str:
        return (
            f"{self.files} files, {self.tp + self.fn} headings: precision {self.precision:.2f} "
            f"({self.tp}/{self.tp + self.fp}), numbered {self.numbered_found}/{self.numbered} = "
            f"{self.numbered_recall:.2f}, unnumbered {self.unnumbered_found}/{self.unnumbered} = "
            f"{self.unnumbered_recall:.2f}, run-in flag right {self.run_in_ok}/{self.tp}, other structure "
            f"misses {self.other}, files losing characters {self.lost}, crashed {self.crashed}; "
            f"Paragraph-block counts off in {len(self.paragraph_misses)} files"
        )


def score_corpus(corpus: Path = CORPUS, only: list[str] | None = None, verbose: bool = False) -> Totals:
    import convert
    from convert.model import to_json

    sc = load_scorer()
    t = Totals()
    for ann_path in sorted((corpus / "expected").glob("*.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        if only and not any(ann["file"].startswith(p) for p in only):
            continue
        src = corpus / ann["file"]
        text = sc.decode(src.read_bytes(), ann["encoding"])
        exp = sc.expected(ann, text)
        t.files += 1
        try:
            got = to_json(convert.read(src))
        except Exception as e:  # noqa: BLE001 - a crash is a figure of the score, not an error here
            t.crashed += 1
            t.fn += len(exp["headings"])
            t.rows.append(f"{ann['file']}: CRASHED {type(e).__name__}: {e}")
            continue
        s = sc.score(exp, got, text, src.suffix.lower() in (".md", ".markdown"))
        if "paragraphs" in exp:
            n = sum(1 for sp in got["speeches"] for b in sp["blocks"] if b["type"] == "paragraph")
            if n != exp["paragraphs"]:
                t.paragraph_misses.append(f"{ann['file'][:3]} {n}/{exp['paragraphs']}")
        for k in ("tp", "fp", "fn", "run_in_ok", "numbered_found", "numbered", "unnumbered_found", "unnumbered"):
            setattr(t, k, getattr(t, k) + s[k])
        t.lost += s["lost"]
        t.other += len(s["notes"])
        row = f"{ann['file']}: {s['tp']}/{len(exp['headings'])} headings, {s['fp']} spurious"
        row += ", CHARACTERS LOST" if s["lost"] else ""
        row += ("; " + "; ".join(s["notes"])) if s["notes"] else ""
        t.rows.append(row)
        if verbose:
            t.rows.extend(f"    missed   {m}" for m in s["missed"])
            t.rows.extend(f"    spurious {m}" for m in s["spurious"])
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-q", "--quiet", action="store_true", help="totals only")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    t = score_corpus(only=args.only, verbose=args.verbose)
    if not args.quiet:
        print("\n".join(t.rows))
    print(t.summary())
    if t.paragraph_misses:
        print("Paragraph blocks (got/want): " + ", ".join(t.paragraph_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
