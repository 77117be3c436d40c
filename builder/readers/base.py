"""What every reader shares: the draft a format fills in, and turning it into an ArticleRecord.

A reader knows its format (where the title, date, outlet and text are); everything after
this module sees only ArticleRecords and never knows which format an article came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from slugify import slugify

from ..dates import find_date, parse_date
from ..records import ArticleRecord, Problem
from .blocks import clean_text
from .errors import ReadError
from .ids import article_id
from .lede import DEK_MAX_WORDS, derive_title, split_dateline

Item = tuple[ArticleRecord, list[str]] | Problem  # what a reader yields: an article, or why not
# A description whose first words stand in the opening paragraphs repeats them (Readability's
# news pages: tmz-1 and webmd-1 repeat their opening in the meta description, cut off or longer).
DEK_PROBE_WORDS = 8


@dataclass
class Draft:
    """An article as a structured format gives it, before dates and titles are settled."""

    paragraphs: list[str]
    headings: dict[int, str] = field(default_factory=dict)
    title: str | None = None
    dek: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    section: str | None = None
    warnings: list[str] = field(default_factory=list)


def web_url(value: str | None) -> str | None:
    """The value when it is an absolute http(s) address, else None (javascript:, data:, relative)."""
    if not value:
        return None
    value = value.strip()
    parts = urlsplit(value)
    return value if parts.scheme in {"http", "https"} and parts.netloc and " " not in value else None


def parse_metadata_date(value: str, label: str = "Date") -> dt.date:
    """A date given as metadata (ISO or written out); a ReadError says when it is not one."""
    date = parse_date(value) if value.strip() else None
    if date is None or date.year < 1900:
        raise ReadError(f"{label}: {value.strip()!r} is not a date (write it like 2025-03-13)")
    return date


def _repeats_opening(dek: str, paragraphs: list[str]) -> bool:
    """Whether a page's description is its opening again, whole or cut off ("… Continued")."""
    words = re.sub(r"(?:\.\.\.|…)\s*(?:continued|more)?\s*$", "", dek, flags=re.I).casefold().split()
    opening = " ".join(" ".join(paragraphs[:3]).casefold().split())
    return " ".join(words[:DEK_PROBE_WORDS]) in opening


def _authors(byline: str | None) -> str | None:
    """One name once: pages often give the author twice ("Ann Lee; ANN LEE")."""
    unique: dict[str, str] = {}
    for name in (clean_text(n) for n in (byline or "").split(";")):
        if name:
            unique.setdefault(name.casefold(), name)
    return "; ".join(unique.values()) or None


# A page's <title> often ends with who published it: "… | eHow", "… - Spiceworks", "… |
# Eleanor Ainge Roy". Of Mozilla Readability's 130 test pages, 13 titles end in such a part; 8
# of them name the outlet or the author (dropped), 5 are the title's own (kept: "… - an async task
# framework", a serial's name, "… - Latest News & Headlines").
_TITLE_TAIL = re.compile(r"\s+[|–—-]\s+([^|–—-]+)$")


def _bare(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def without_credit(title: str, credits: list[str | None]) -> str:
    """The title without a last part that names its outlet or author ("… | The Guardian")."""
    tail = _TITLE_TAIL.search(title)
    if tail is None or tail.start() == 0:
        return title
    part = _bare(tail.group(1))
    for credit in filter(None, credits):
        whole = _bare(credit)
        if len(part) >= 3 and len(whole) >= 3 and (whole.startswith(part) or part.startswith(whole)):
            return title[:tail.start()].rstrip()
    return title


def finish(draft: Draft, source_path: str, name: str, fmt: str, default_date: dt.date | None,
           entry: str | None = None, entry_label: str | None = None, encoding: str = "utf-8",
           date_origin: str = "metadata") -> tuple[ArticleRecord, list[str]]:
    """Settle dateline, date and title, and build the record; ReadError when it cannot be one."""
    warnings = list(draft.warnings)
    paragraphs = [p for p in (clean_text(p) for p in draft.paragraphs) if p]
    headings = {i: clean_text(h) for i, h in draft.headings.items() if i < len(paragraphs)}
    title = without_credit(clean_text(draft.title or ""), [draft.outlet, draft.byline]) or None
    if title and headings.get(0, "").casefold() == title.casefold():
        del headings[0]  # the page repeats its headline above the text
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
        headings = {i - 1: h for i, h in headings.items() if i > 0}
    if not paragraphs:
        raise ReadError("no article text")
    paragraphs, dateline = split_dateline(paragraphs)
    date, origin = draft.date, date_origin
    if date is None and dateline and (found := find_date(dateline)):
        date, origin = found[0], "dateline"
    if date is None:
        found = next((f for p in paragraphs[:3] if (f := find_date(p))), None)
        date, origin = (found[0], "text") if found else (None, "none")
    if date is None:
        if default_date is None:
            raise ReadError("no publication date in its metadata or text, and BRIEFING_DEFAULT_DATE is not set")
        date, origin = default_date, "default"
        warnings.append(f"no publication date found; using BRIEFING_DEFAULT_DATE {default_date.isoformat()}")
    dek = clean_text(draft.dek or "") or None
    if dek and (len(dek.split()) > 2 * DEK_MAX_WORDS or _repeats_opening(dek, paragraphs)):
        dek = None  # a description that is only the opening again is not a standfirst
    url = web_url(draft.url)
    if draft.url and url is None:
        warnings.append(f"its URL {draft.url.strip()[:80]!r} is not a web address (http or https); not linked")
    identifier = article_id(name, entry)
    record = ArticleRecord(
        id=identifier,
        slug=slugify(identifier.replace("#", "-")) or "article",
        source_path=source_path,
        title=title or derive_title(paragraphs),
        title_derived=title is None,
        date=date,
        date_origin=origin,
        paragraphs=tuple(paragraphs),
        dek=dek,
        headings=tuple(sorted(headings.items())),
        dateline=dateline,
        section=clean_text(draft.section or "") or None,
        byline=_authors(draft.byline),
        outlet=clean_text(draft.outlet or "") or None,
        url=url,
        format=fmt,
        entry=entry_label,
        encoding=encoding,
    )
    return record, warnings
