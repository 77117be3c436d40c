"""The front page of a briefing: its developments chosen for news value and breadth.

Each development once (a point shown under two topics appears under the one that ranks it
higher), specific statements over framing, every topic's most important development before a
second point on any topic, then every development several sources report, then the best of
the rest, within a budget. The top line is the most widely reported, most specific development
across the configured topics; a briefing with nothing on them has no top line and says so,
rather than lead with what fits none of them (often another story).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .digest import Briefing, TopicSection
from .digest_cache import KeptTable
from .readability import is_framing
from .records import KeyPoint
from .versions import code_fingerprint

FRONT_PAGE_TOPIC_FIRST = 1  # rounds in which every topic gets its best point before any second
FRONT_VERSION = code_fingerprint("front_page", "readability", "timeline")
FRONT_PAGES_KEY = "front-pages"


@dataclass
class FrontPage:
    """What the front page shows: the top line, then each topic's chosen points in rank order."""

    top: KeyPoint | None
    sections: list[tuple[TopicSection, list[KeyPoint]]]

    @property
    def slugs(self) -> set[str]:
        """The topics the front page shows."""
        return {section.slug for section, _ in self.sections}

    @property
    def count(self) -> int:
        """How many points the front page shows."""
        return sum(len(points) for _, points in self.sections)

    @property
    def other_slug(self) -> str | None:
        """The anchor name of "Other developments" when the front page shows it."""
        return next((section.slug for section, _ in self.sections if section.is_other), None)

    @property
    def nothing_on_topics(self) -> bool:
        """Whether no configured topic has a point to show (only "Other developments", or nothing)."""
        return all(section.is_other for section, _ in self.sections)


def front_page(briefing: Briefing, limit: int) -> FrontPage:
    """The briefing's front page: at most `limit` points, chosen across topics."""
    home = _homes(briefing)
    ranked: list[tuple[int, int, KeyPoint]] = []  # (section, rank among its shown points, point)
    for number, section in enumerate(briefing.sections):
        kept = 0
        for point in section.points:
            if home.get(id(point)) != number or is_framing(point.text):
                continue  # shown under another topic, or says nothing a reader could check
            ranked.append((number, kept, point))
            kept += 1
    chosen = _choose(ranked, limit)
    sections = [(section, [p for n, _, p in chosen if n == number])
                for number, section in enumerate(briefing.sections)]
    # On the development set, 5 of 22 briefings had points only under "Other developments": no
    # article of their days was on the story (a coalition deal abroad, a regulator's price cap),
    # and each led with one of those sentences as the story's top line.
    top = max((p for n, _, p in chosen if not briefing.sections[n].is_other),
              key=lambda p: (p.source_count, p.score), default=None)
    return FrontPage(top, [(s, points) for s, points in sections if points])


def front_pages(briefings: list[Briefing], keys: dict[dt.date, str], limit: int,
                store=None) -> dict[dt.date, FrontPage]:
    """Every briefing's front page (the archive lists their top lines), kept in the store by the
    briefing's digest key (`keys`) and the limit: choosing them all again took 0.7 s of a
    2,000-article daily rebuild's 8.2 s (timed), most of it telling framing apart."""
    table = KeptTable(store, FRONT_PAGES_KEY)
    result = {}
    for briefing in briefings:
        if briefing.date not in keys:  # nothing says what it holds: chosen, never kept
            result[briefing.date] = front_page(briefing, limit)
            continue
        key = hashlib.sha256(f"{FRONT_VERSION}\n{keys[briefing.date]}\n{limit}".encode()).hexdigest()
        where = table.get(key)
        page = _placed_page(briefing, where) if where is not None else None
        if page is None:
            page = front_page(briefing, limit)
            where = _where(briefing, page)
        table.put(key, where)
        result[briefing.date] = page
    table.save()
    return result


def _where(briefing: Briefing, page: FrontPage) -> tuple:
    """Where a front page's points stand in its briefing: (section, point) numbers, the top line first."""
    numbers = {id(p): (s, i) for s, section in enumerate(briefing.sections) for i, p in enumerate(section.points)}
    top = numbers[id(page.top)] if page.top is not None else None
    return top, tuple(tuple(numbers[id(p)] for p in points) for _, points in page.sections)


def _placed_page(briefing: Briefing, where) -> FrontPage | None:
    """The front page kept as `_where` gave it, or None when it no longer fits the briefing."""
    try:
        top, sections = where
        point = lambda s, i: briefing.sections[s].points[i]  # noqa: E731
        return FrontPage(point(*top) if top is not None else None,
                         [(briefing.sections[group[0][0]], [point(s, i) for s, i in group]) for group in sections])
    except (TypeError, ValueError, IndexError):  # a damaged entry: chosen again
        return None


def _homes(briefing: Briefing) -> dict[int, int]:
    """For each point, the one section that shows it: points sharing a source sentence are one
    development; it goes where it ranks highest, and on a tie to the topic with fewer points."""
    placed: dict[tuple[str, str], tuple[int, int, int]] = {}  # source sentence -> (rank, size, section)
    for number, section in enumerate(briefing.sections):
        for rank, point in enumerate(section.points):
            here = (rank, len(section.points), number)
            for source in point.sources:
                key = (source.article_id, source.anchor)
                placed[key] = min(placed.get(key, here), here)
    home = {}
    for number, section in enumerate(briefing.sections):
        for point in section.points:
            best = min(placed[(s.article_id, s.anchor)] for s in point.sources)
            home[id(point)] = best[2] if best[2] == number else -1
    return home


def _choose(ranked: list[tuple[int, int, KeyPoint]], limit: int) -> list[tuple[int, int, KeyPoint]]:
    """Each topic's best first; then what two or more sources report, a topic at a time; then the rest."""
    def round_robin(items):
        return sorted(items, key=lambda item: (item[1], item[0]))

    first = [item for item in ranked if item[1] < FRONT_PAGE_TOPIC_FIRST]
    rest = [item for item in ranked if item[1] >= FRONT_PAGE_TOPIC_FIRST]
    shared = [item for item in rest if item[2].source_count >= 2]
    single = [item for item in rest if item[2].source_count < 2]
    order = round_robin(first) + round_robin(shared) + round_robin(single)
    picked = order[:limit]
    return sorted(picked, key=lambda item: (item[0], item[1]))
