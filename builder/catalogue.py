"""Which read articles are published, and under which page names.

Cross-article checks that come after reading and before the digest, each linear in the
number of articles:
- a file with the same text as another is published once (a warning names both);
- syndicated copies of one story (wire copy on two sites, a page saved twice, a feed entry
  that is also a saved page) become one article that names every outlet that carried it, and
  count as one source (builder/syndication.py decides what is a copy);
- two articles whose names give the same page name both get a page, at distinct URLs;
- an article dated in the future is not published (it would become the front page).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from .records import Carrier, PreparedArticle, Problem
from .syndication import Copy, syndicated_groups
from .versions import code_fingerprint
from .wording import counted

SYNDICATION_VERSION = code_fingerprint("syndication")
FUTURE_GRACE_DAYS = 1  # time zones: an article from "tomorrow" in another part of the world
NEAR_FULL = 0.9  # a copy with this share of the fullest copy's text is as good as full


@dataclass
class Catalogue:
    """The articles to publish and what was said about the rest."""

    articles: list[PreparedArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # not published: why
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file label, warning) for published ones
    syndicated: int = 0  # copies shown as part of another article
    formats: Counter = field(default_factory=Counter)  # files read per format
    feed_entries: int = 0


def catalogue(results: list[tuple[str, list[PreparedArticle | Problem]]], window_days: int,
              today: dt.date | None = None, store=None) -> Catalogue:
    """Decide what is published from every file's results (file format, results), in file order.
    `store` (get/put by key) keeps the syndicated groups: unchanged articles are not compared again."""
    found = Catalogue()
    articles: list[PreparedArticle] = []
    for fmt, items in results:
        found.formats[fmt] += 1
        if fmt == "feed":
            found.feed_entries += len(items)
        for item in items:
            (found.problems if isinstance(item, Problem) else articles).append(item)
    articles = _drop_future(articles, today or dt.date.today(), found)
    articles = _drop_identical(articles, found)
    articles = _merge_syndicated(articles, window_days, found, store)
    found.articles = _unique_slugs(sorted(articles, key=lambda a: a.record.id), found)
    return found


def _drop_future(articles, today: dt.date, found: Catalogue) -> list[PreparedArticle]:
    kept = []
    for article in articles:
        ahead = (article.record.date - today).days
        if ahead > FUTURE_GRACE_DAYS:
            found.problems.append(Problem(article.record.source_path, f"dated {article.record.date.isoformat()}, "
                                          f"{counted(ahead, 'day')} after today: check its date", article.record.entry))
        else:
            kept.append(article)
    return kept


def _text_key(article: PreparedArticle) -> str:
    record = article.record
    digest = hashlib.sha256("\n".join((record.title, record.date.isoformat(), *record.paragraphs)).encode())
    return digest.hexdigest()


def _drop_identical(articles, found: Catalogue) -> list[PreparedArticle]:
    """The same title, date and text twice (a file saved twice): published once, from the first."""
    first: dict[str, PreparedArticle] = {}
    for article in articles:
        key = _text_key(article)
        if key in first:
            found.problems.append(Problem(article.record.source_path, f"the same article as {first[key].label}; "
                                          f"published once, from {first[key].label}", article.record.entry))
        else:
            first[key] = article
    return list(first.values())


def _groups(articles, window_days: int, store) -> list[tuple[str, ...]]:
    """The syndicated groups; the store keeps each day's comparisons, so only changed windows are compared."""
    copies = [Copy(a.record.id, a.record.date, "\n\n".join(a.record.paragraphs)) for a in articles]
    return syndicated_groups(copies, window_days=window_days, store=store, version=SYNDICATION_VERSION)


def _merge_syndicated(articles, window_days: int, found: Catalogue, store=None) -> list[PreparedArticle]:
    """One article per syndicated story: the fullest copy, naming every outlet that carried it."""
    by_id = {a.record.id: a for a in articles}
    merged: dict[str, PreparedArticle] = {}
    dropped: set[str] = set()
    for group in _groups(articles, window_days, store):
        members = _by_preference([by_id[i] for i in group])
        primary, others = members[0], members[1:]
        carriers = tuple(Carrier(o.record.outlet, o.record.title, o.record.url, o.label) for o in others)
        merged[primary.record.id] = dataclasses.replace(
            primary, record=dataclasses.replace(primary.record, carried_by=primary.record.carried_by + carriers))
        dropped.update(o.record.id for o in others)
        found.syndicated += len(others)
    return [merged.get(a.record.id, a) for a in articles if a.record.id not in dropped]


def _by_preference(members: list[PreparedArticle]) -> list[PreparedArticle]:
    """The copy to publish first: the fullest; a saved page or file over a feed's copy of about
    the same length (a feed adds share lines and boilerplate; the page is the original)."""
    longest = max(_length(m) for m in members)

    def key(article: PreparedArticle) -> tuple:
        record = article.record
        near_full = _length(article) >= NEAR_FULL * longest
        return (not (near_full and record.format != "feed"), -_length(article), record.outlet is None,
                record.date, record.id)

    return sorted(members, key=key)


def _length(article: PreparedArticle) -> int:
    return sum(len(p) for p in article.record.paragraphs)


def _unique_slugs(articles, found: Catalogue) -> list[PreparedArticle]:
    """Distinct page names: a second article whose name gives a taken page name gets '-2'."""
    owner: dict[str, PreparedArticle] = {}
    unique = []
    for article in articles:
        slug, n = article.record.slug, 2
        while slug in owner:
            slug, n = f"{article.record.slug}-{n}", n + 1
        if slug != article.record.slug:
            first = owner[article.record.slug]
            found.notes.append((article.label, f"its page name '{article.record.slug}' is also {first.label}'s; "
                                               f"published as '{slug}'"))
            article = dataclasses.replace(article, record=dataclasses.replace(article.record, slug=slug))
        owner[slug] = article
        unique.append(article)
    return unique
