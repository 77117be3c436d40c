"""The feed reader (.xml, .rss, .atom, and JSON Feed .json): each entry becomes an article.

RSS and Atom are parsed with feedparser (from the saved bytes; nothing is fetched), JSON Feed
with the json module (feedparser 6.0 does not read it). An entry's text is its full content
where the feed carries it (`content:encoded`, Atom `content`, `content_html`), else its
summary; its outlet is the feed's title and its URL the entry's link.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass

import feedparser
from slugify import slugify

from ..dates import parse_date
from ..records import Problem
from ..wording import counted
from .base import Draft, finish
from .blocks import blocks, clean_text, html_fragment
from .errors import ReadError

FORMAT = "feed"
EXTENSIONS = ("xml", "rss", "atom", "json")
MAX_FEED_BYTES = 16 * 1024 * 1024
ENTRY_KEY_LENGTH = 60  # characters of the entry's title kept in its id and page name


@dataclass
class Entry:
    """One feed entry, whatever the feed's dialect."""

    title: str | None
    html: str | None  # content or summary, as HTML
    is_summary: bool
    date: dt.date | None
    link: str | None
    author: str | None
    key: str  # stable: the entry's id, link or title


def read(raw: bytes, source_path: str, name: str, default_date: dt.date | None = None) -> list:
    """Every entry of the feed: an article, or a Problem naming the entry."""
    if len(raw) > MAX_FEED_BYTES:
        raise ReadError(f"the feed is {len(raw) / 2**20:.1f} MB; feeds over {MAX_FEED_BYTES // 2**20} MB are not read")
    if not raw.strip():
        raise ReadError("the file is empty")
    outlet, entries, warnings = _parse_json(raw) if raw.lstrip()[:1] in (b"{", b"[") else _parse_xml(raw)
    if not entries:
        raise ReadError("the feed has no entries")
    items: list = []
    keys: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        label = f"entry {number}" + (f' "{entry.title}"' if entry.title else "")
        key = _unique(slugify(entry.key, max_length=ENTRY_KEY_LENGTH, word_boundary=True) or f"entry-{number}", keys)
        try:
            items.append(_article(entry, source_path, label, name, key, outlet, default_date,
                                  warnings if number == 1 else []))
        except ReadError as error:
            items.append(Problem(source_path, str(error), entry=label))
    return items


def _article(entry: Entry, source_path: str, label: str, name: str, key: str, outlet: str | None, default_date,
             warnings):
    root = html_fragment(entry.html) if entry.html else None
    if root is None or not clean_text(root.text_content()):
        raise ReadError("has neither content nor summary")
    paragraphs, headings = blocks(root)
    draft = Draft(paragraphs=paragraphs, headings=headings, title=entry.title, date=entry.date, outlet=outlet,
                  byline=entry.author, url=entry.link, warnings=list(warnings))
    record, warnings = finish(draft, source_path, name, FORMAT, default_date, entry=key, entry_label=label)
    return dataclasses.replace(record, excerpt_only=entry.is_summary), warnings


def outlet_name(feed_title: str) -> str | None:
    """The outlet from a feed's title, which often adds a section: "BBC News - World" is BBC News."""
    title = clean_text(feed_title)
    outlet = re.split(r"\s+[-|–—:]\s+|:\s+", title, maxsplit=1)[0].strip()
    return (outlet if len(outlet) >= 2 else title) or None


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _parse_xml(raw: bytes) -> tuple[str | None, list[Entry], list[str]]:
    """RSS or Atom with feedparser; a feed that is not well-formed XML is read leniently, with a warning."""
    parsed = feedparser.parse(raw, resolve_relative_uris=False, sanitize_html=True)
    warnings = []
    if parsed.bozo:
        problem = str(getattr(parsed, "bozo_exception", "")).removeprefix("<unknown>:")
        if not parsed.entries:
            raise ReadError(f"not a well-formed feed (line:column {problem})")
        warnings.append(f"not well-formed XML (line:column {problem}); read its "
                        f"{counted(len(parsed.entries), 'entry', 'entries')} with a lenient parser, check them")
    entries = [_xml_entry(e) for e in parsed.entries]
    return outlet_name(parsed.feed.get("title", "")), entries, warnings


def _xml_entry(entry) -> Entry:
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    content = max(contents, key=lambda c: len(c["value"]), default=None)
    summary = entry.get("summary") or ""
    html = content["value"] if content else summary
    if content and content.get("type") == "text/plain":
        html = "".join(f"<p>{_escape(p)}</p>" for p in content["value"].split("\n\n"))
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    date = dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.timezone.utc).date() if parsed_time else None
    title = clean_text(entry.get("title") or "") or None
    return Entry(title=title, html=html or None, is_summary=content is None and bool(summary.strip()), date=date,
                 link=entry.get("link"), author=entry.get("author"),
                 key=title or entry.get("id") or entry.get("link") or "")


def _parse_json(raw: bytes) -> tuple[str | None, list[Entry], list[str]]:
    """A JSON Feed (version 1 or 1.1)."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReadError(f"not a well-formed JSON feed ({error})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise ReadError("a JSON file that is not a JSON Feed (it has no 'version': 'https://jsonfeed.org/version/1.1')")
    items = data.get("items") if isinstance(data.get("items"), list) else []
    return outlet_name(str(data.get("title", ""))), [_json_entry(i) for i in items if isinstance(i, dict)], []


def _json_entry(item: dict) -> Entry:
    html = item.get("content_html") or ""
    if not html and item.get("content_text"):
        html = "".join(f"<p>{_escape(p)}</p>" for p in str(item["content_text"]).split("\n\n"))
    summary = str(item.get("summary") or "")
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    author = ", ".join(str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")) or None
    stamp = str(item.get("date_published") or item.get("date_modified") or "")
    title = clean_text(str(item.get("title") or "")) or None
    return Entry(title=title, html=str(html) or (f"<p>{_escape(summary)}</p>" if summary else None),
                 is_summary=not html and bool(summary), date=parse_date(stamp[:10]) if stamp else None,
                 link=item.get("url"), author=author, key=title or str(item.get("id") or item.get("url") or ""))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
