"""The intermediate model: what every reader produces and every writer consumes.

Like pandoc's AST, it knows nothing of any file format; like mammoth's document model it
is plain immutable data, so a reader can never be half-way through mutating what a writer
is reading, and two models can be compared with ``==`` (the round-trip tests rely on it).

Shape: ``Document`` (a collection) → ``Speech`` → blocks (``Heading``, ``Paragraph``,
``Note``, ``Table``). Blocks are flat and in reading order. A heading with
``run_in=True`` is the lead sentence of the paragraph that follows it: writers print the
two as one paragraph, the lead in the heading's face.

The JSON form (``to_json``/``from_json``) is a public contract, see
``docs/model-json.md`` (kept in step by ``tests/test_model_json.py``): the keys named there never
change meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: Paragraph roles a writer may style differently (a greeting is not indented the same
#: way in every house style, a closing line may be set apart).
ParagraphRole = Literal["body", "greeting", "closing", "signature", "quote", "list_item"]
PARAGRAPH_ROLES: tuple[ParagraphRole, ...] = get_args(ParagraphRole)

#: What a note is: an editor's note, a footnote or endnote, code, a caption, a cue.
NoteKind = Literal["editorial", "footnote", "code", "caption", "cue"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a reader repaired or suspects; travels with the document it concerns."""

    severity: Severity
    code: str
    message: str
    line: int | None = None

    def format(self, filename: str = "-") -> str:
        """The ``FILE:LINE: severity: message`` form editors can jump to."""
        where = f"{filename}:{self.line}" if self.line is not None else filename
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with uniform emphasis.

    ``note`` marks an editorial note inside a sentence (``【新增产值170亿以上】``): kept as
    content, but a writer may set it in a smaller or different face.
    """

    text: str
    bold: bool = False
    italic: bool = False
    note: bool = False

    @property
    def plain(self) -> bool:
        return not (self.bold or self.italic or self.note)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, either on a line of its own or run in as a paragraph's lead sentence.

    ``text`` is the heading exactly as printed, ordinal and final punctuation included;
    ``ordinal`` repeats the ordinal part (``第一，``, ``一是``, ``（二）``) so writers and
    tools need not re-parse it. ``level`` starts at 1 under the speech.
    """

    level: int
    text: str
    run_in: bool = False
    ordinal: str | None = None
    line: int | None = None
    type: Literal["heading"] = field(default="heading", init=False, repr=False)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph as inline runs; ``text`` is their concatenation."""

    runs: tuple[Run, ...]
    role: ParagraphRole = "body"
    line: int | None = None
    #: A list item's nesting when the source marks it and it is not the outermost
    #: (2 = an item of a list inside another list's item); None at the top level.
    list_level: int | None = None
    type: Literal["paragraph"] = field(default="paragraph", init=False, repr=False)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @classmethod
    def of(cls, text: str, role: ParagraphRole = "body", line: int | None = None) -> Paragraph:
        return cls(runs=split_note_runs(text), role=role, line=line)


@dataclass(frozen=True, slots=True)
class Note:
    """A block that is content but not speech: an editor's note, a footnote (or an endnote
    of a notes section), code, a picture's caption, or a cue to whoever runs the talk
    (翻页, 出图: a stage direction, never read aloud)."""

    text: str
    kind: NoteKind = "editorial"
    line: int | None = None
    type: Literal["note"] = field(default="note", init=False, repr=False)


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cell texts; the first row is a header row when ``header`` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False
    line: int | None = None
    type: Literal["table"] = field(default="table", init=False, repr=False)

    @property
    def text(self) -> str:
        return "".join("".join(r) for r in self.rows)


Block = Heading | Paragraph | Note | Table


@dataclass(frozen=True, slots=True)
class Speech:
    """One piece of a collection: a speech, a talk, one person's remarks.

    ``label`` is the piece's number as printed (``（一）``); ``title``/``subtitle`` are the
    piece's own, when it has them; ``author``/``date`` are its speaker and date lines.
    """

    blocks: tuple[Block, ...]
    label: str | None = None
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None

    def headings(self) -> Iterator[Heading]:
        return (b for b in self.blocks if isinstance(b, Heading))


@dataclass(frozen=True, slots=True)
class Document:
    """A collection of speeches, with what the reader had to say about its source."""

    speeches: tuple[Speech, ...]
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str | None = None

    def with_diagnostics(self, extra: Iterable[Diagnostic]) -> Document:
        return replace(self, diagnostics=self.diagnostics + tuple(extra))

    def blocks(self) -> Iterator[Block]:
        for s in self.speeches:
            yield from s.blocks

    def display_title(self) -> str:
        """A title for metadata and covers, even when the manuscript has none."""
        if self.title:
            return self.title
        for s in self.speeches:
            if s.title:
                return s.title
        return self.source or "未命名讲话稿"


# ---------------------------------------------------------------------------------------
# Text helpers shared by readers and tests.

_NOTE = re.compile(r"【[^【】\n]{1,200}】")


def split_note_runs(text: str) -> tuple[Run, ...]:
    """Split ``【…】`` editorial notes out of a sentence so writers can style them."""
    runs: list[Run] = []
    pos = 0
    for m in _NOTE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        runs.append(Run(m.group(0), note=True))
        pos = m.end()
    if pos < len(text) or not runs:
        runs.append(Run(text[pos:]))
    return tuple(runs)


_CONTENT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f0-9]")


def content_chars(text: str) -> str:
    """The Han characters and ASCII digits of ``text``, in order.

    This is the "nothing lost" fingerprint: every reader and writer must preserve it.
    """
    return "".join(_CONTENT.findall(text))


def block_text(block: Block) -> str:
    return block.text


def document_text(doc: Document) -> str:
    """All text of the model in reading order, the way a reader of any output sees it."""
    parts: list[str] = []
    for value in (doc.title, doc.subtitle, doc.author, doc.date):
        if value:
            parts.append(value)
    for s in doc.speeches:
        for value in (s.label, s.title, s.subtitle, s.author, s.date):
            if value:
                parts.append(value)
        parts.extend(block_text(b) for b in s.blocks)
    return "\n".join(parts)


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _safe(value):
    return _UNSAFE.sub("", value) if isinstance(value, str) else value


def printable(doc: Document) -> Document:
    """The document without characters no output format can carry (C0/C1 controls, lone
    surrogates, U+FFFE/U+FFFF). Readers never produce them, but a model built in Python
    or loaded from JSON may hold them; writers then get text they can always encode."""
    if not _UNSAFE.search(
        document_text(doc) + "".join(r.text for b in doc.blocks() if isinstance(b, Paragraph) for r in b.runs)
    ):
        return doc

    def block(b: Block) -> Block:
        if isinstance(b, Paragraph):
            return replace(b, runs=tuple(replace(r, text=_safe(r.text)) for r in b.runs))
        if isinstance(b, Table):
            return replace(b, rows=tuple(tuple(_safe(c) for c in row) for row in b.rows))
        if isinstance(b, Heading):
            return replace(b, text=_safe(b.text), ordinal=_safe(b.ordinal))
        return replace(b, text=_safe(b.text))

    speeches = tuple(
        replace(
            s,
            blocks=tuple(block(b) for b in s.blocks),
            label=_safe(s.label),
            title=_safe(s.title),
            subtitle=_safe(s.subtitle),
            author=_safe(s.author),
            date=_safe(s.date),
        )
        for s in doc.speeches
    )
    return replace(
        doc,
        speeches=speeches,
        title=_safe(doc.title),
        subtitle=_safe(doc.subtitle),
        author=_safe(doc.author),
        date=_safe(doc.date),
        source=_safe(doc.source),
    )


# ---------------------------------------------------------------------------------------
# JSON: the public contract.


def _runs_to_json(runs: tuple[Run, ...]) -> list[dict[str, Any]]:
    out = []
    for r in runs:
        d: dict[str, Any] = {"text": r.text}
        if r.bold:
            d["bold"] = True
        if r.italic:
            d["italic"] = True
        if r.note:
            d["note"] = True
        out.append(d)
    return out


def block_to_json(b: Block) -> dict[str, Any]:
    if isinstance(b, Heading):
        d: dict[str, Any] = {"type": "heading", "level": b.level, "run_in": b.run_in, "text": b.text}
        if b.ordinal is not None:
            d["ordinal"] = b.ordinal
    elif isinstance(b, Paragraph):
        d = {"type": "paragraph", "text": b.text}
        if b.role != "body":
            d["role"] = b.role
        if b.list_level is not None:
            d["list_level"] = b.list_level
        if not (len(b.runs) == 1 and b.runs[0].plain):
            d["runs"] = _runs_to_json(b.runs)
    elif isinstance(b, Note):
        d = {"type": "note", "kind": b.kind, "text": b.text}
    elif isinstance(b, Table):
        d = {"type": "table", "header": b.header, "rows": [list(r) for r in b.rows]}
    else:  # pragma: no cover - exhaustive over Block
        raise TypeError(f"not a block: {b!r}")
    if b.line is not None:
        d["line"] = b.line
    return d


def to_json(doc: Document) -> dict[str, Any]:
    """The model as the JSON object of the public contract (plus optional extra keys)."""
    out: dict[str, Any] = {"title": doc.title, "subtitle": doc.subtitle}
    if doc.author is not None:
        out["author"] = doc.author
    if doc.date is not None:
        out["date"] = doc.date
    if doc.source is not None:
        out["source"] = doc.source
    out["speeches"] = []
    for s in doc.speeches:
        sd: dict[str, Any] = {"label": s.label, "title": s.title}
        for key in ("subtitle", "author", "date"):
            if getattr(s, key) is not None:
                sd[key] = getattr(s, key)
        sd["blocks"] = [block_to_json(b) for b in s.blocks]
        out["speeches"].append(sd)
    out["diagnostics"] = [
        {"severity": d.severity, "code": d.code, "line": d.line, "message": d.message} for d in doc.diagnostics
    ]
    return out


class ModelError(ValueError):
    """The JSON does not describe a model (bad type, missing key)."""


def _runs_from_json(items: Any, text: str) -> tuple[Run, ...]:
    if items is None:
        return (Run(text),)
    runs = tuple(
        Run(
            text=str(i["text"]),
            bold=bool(i.get("bold", False)),
            italic=bool(i.get("italic", False)),
            note=bool(i.get("note", False)),
        )
        for i in items
    )
    if "".join(r.text for r in runs) != text:
        raise ModelError("paragraph 'runs' do not add up to its 'text'")
    return runs


def block_from_json(d: Mapping[str, Any]) -> Block:
    try:
        kind = d["type"]
        line = d.get("line")
        if kind == "heading":
            return Heading(
                level=int(d["level"]),
                text=str(d["text"]),
                run_in=bool(d.get("run_in", False)),
                ordinal=d.get("ordinal"),
                line=line,
            )
        if kind == "paragraph":
            text = str(d["text"])
            nested = d.get("list_level")
            return Paragraph(
                runs=_runs_from_json(d.get("runs"), text),
                role=d.get("role", "body"),
                line=line,
                list_level=int(nested) if nested is not None else None,
            )
        if kind == "note":
            return Note(text=str(d["text"]), kind=d.get("kind", "editorial"), line=line)
        if kind == "table":
            return Table(
                rows=tuple(tuple(str(c) for c in r) for r in d["rows"]), header=bool(d.get("header")), line=line
            )
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"bad block {dict(d)!r}: {e}") from None
    raise ModelError(f"unknown block type {kind!r}")


def from_json(data: Mapping[str, Any]) -> Document:
    """Rebuild a model from its JSON form; inverse of :func:`to_json`."""
    try:
        speeches = tuple(
            Speech(
                blocks=tuple(block_from_json(b) for b in s["blocks"]),
                label=s.get("label"),
                title=s.get("title"),
                subtitle=s.get("subtitle"),
                author=s.get("author"),
                date=s.get("date"),
            )
            for s in data["speeches"]
        )
        diagnostics = tuple(
            Diagnostic(severity=d["severity"], code=d["code"], message=d["message"], line=d.get("line"))
            for d in data.get("diagnostics", ())
        )
    except (KeyError, TypeError) as e:
        raise ModelError(f"not a Speechpress model: missing or bad {e}") from None
    return Document(
        speeches=speeches,
        title=data.get("title"),
        subtitle=data.get("subtitle"),
        author=data.get("author"),
        date=data.get("date"),
        diagnostics=diagnostics,
        source=data.get("source"),
    )
