"""Reading: one reader per input format, each turning a file's bytes into ArticleRecords.

Every reader is a module with FORMAT (its name in reports), EXTENSIONS and
`read(raw, source_path, name, default_date) -> list[(ArticleRecord, warnings) | Problem]`:
a plain-text, Markdown or web-page file gives one article, a feed one per entry. A reader
raises ReadError for a file that cannot be read at all. Nothing after reading knows which
format an article came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from ..records import ArticleRecord, Problem
from . import feed, html, markdown, text
from .errors import ReadError

READERS = (text, markdown, html, feed)
BY_EXTENSION = {ext: reader for reader in READERS for ext in reader.EXTENSIONS}
EXTENSIONS = tuple(BY_EXTENSION)

__all__ = ["EXTENSIONS", "READERS", "ReadError", "read_bytes", "reader_for"]


def reader_for(path: str):
    """The reader of a file name's extension, or None."""
    return BY_EXTENSION.get(PurePath(path).suffix.lower().lstrip("."))


def read_bytes(raw: bytes, source_path: str, config=None,
               name: str | None = None) -> list[tuple[ArticleRecord, list[str]] | Problem]:
    """Read one file's bytes with the reader of its extension (config gives the default date)."""
    default_date: dt.date | None = getattr(config, "default_date", None)
    reader = reader_for(source_path)
    if reader is None:
        return [Problem(source_path, f"no reader for {PurePath(source_path).suffix or 'files without an extension'}")]
    try:
        return reader.read(raw, source_path, name or PurePath(source_path).name, default_date)
    except ReadError as error:
        return [Problem(source_path, str(error))]
    except Exception as error:  # a reader's bug or a library's surprise must not stop the build
        return [Problem(source_path, f"could not be read ({type(error).__name__}: {error})")]
