"""Article ids: stable across builds, unique within content/."""

from __future__ import annotations

from pathlib import PurePosixPath


def article_id(name: str, entry: str | None = None) -> str:
    """The path inside content/ without its extension, and the feed entry's key after '#'."""
    path = PurePosixPath(name)
    base = str(path.with_suffix("")) if path.suffix else str(path)
    return f"{base}#{entry}" if entry else base
