"""Readers: bytes of a manuscript in some format -> the model.

The extensions each built-in reader claims are written here, and the readers take theirs
from this table: searching a folder for manuscripts, or choosing the reader of a
``.txt``, must not import every reader (the Markdown reader alone is ~10 ms) only to ask
it which files it reads. Plug-in readers are still asked (:mod:`convert.registry`).
"""

#: Built-in reader name -> the extensions it claims (lower case, with the dot).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"),
    "md": (".md", ".markdown", ".mdown", ".mkd"),
    "docx": (".docx", ".docm", ".dotx"),
}
