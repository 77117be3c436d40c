"""The Markdown reader (.md, .markdown): Pelican's metadata header, then the body.

The header is Pelican's (`Title:`, `Date:`, `Summary:`, `Author:`, plus `Source:`/`Outlet:`
and `URL:`). The body is converted with Python-Markdown and read back as text blocks, so no
Markdown syntax (emphasis marks, link targets, image references) leaks into sentences: body
headings become subheadings, list items and quotations paragraphs.
"""

from __future__ import annotations

import datetime as dt

import markdown as markdown_lib

from .base import Draft, finish, parse_metadata_date
from .blocks import blocks, html_fragment
from .decoding import decode
from .errors import ReadError

FORMAT = "markdown"
EXTENSIONS = ("md", "markdown", "mkd")
OUTLET_KEYS = ("outlet", "source", "publisher", "site")
AUTHOR_KEYS = ("author", "authors", "byline")


def read(raw: bytes, source_path: str, name: str, default_date: dt.date | None = None) -> list:
    """One Markdown file is one article."""
    text, encoding, warning = decode(raw)
    converter = markdown_lib.Markdown(extensions=["markdown.extensions.meta", "markdown.extensions.extra"])
    html = converter.convert(text)
    meta = {key.lower(): " ".join(values).strip() for key, values in converter.Meta.items()}
    paragraphs, headings = blocks(html_fragment(html))
    title = meta.get("title")
    if not title and 0 in headings:  # "# Headline" as the first line stands for Title:
        title = headings.pop(0)
    draft = Draft(
        paragraphs=paragraphs,
        headings=headings,
        title=title,
        dek=meta.get("summary") or meta.get("subtitle"),
        date=parse_metadata_date(meta["date"]) if "date" in meta else None,
        outlet=_first(meta, OUTLET_KEYS),
        byline=_first(meta, AUTHOR_KEYS),
        url=meta.get("url") or meta.get("link"),
        section=meta.get("category"),
        warnings=[warning] if warning else [],
    )
    if not paragraphs:
        raise ReadError("no article text after the metadata header")
    return [finish(draft, source_path, name, FORMAT, default_date, encoding=encoding)]


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)
