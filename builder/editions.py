"""Editions: each briefing read against the one before it, and each topic's story so far.

A point of a briefing is *new* when no point of the previous briefing reports the same
development, *developing* when one does but this one has sources (articles) the earlier one did
not, and *continuing* otherwise. "The same development" is the digest's own notion: two points
share a source sentence, or their sentences are as alike, on average, as the sentences the
digest clusters into one point (its blend of words and meaning, at its same-point threshold).

Chaining those matches from briefing to briefing gives each topic's developments over time: the
story so far, each development once, with the dates it was first and last reported and every
source. Only consecutive briefings are compared, so the cost grows with the number of briefings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy

from .chart import Chart, daily_chart, daily_counts
from .digest import DIGEST_RULE, Briefing, TopicSection, sentence_similarity
from .readability import is_framing
from .records import KeyPoint, SourceRef
from .topics import StemAnalyser
from .versions import code_fingerprint

NEW, DEVELOPING, CONTINUING = "new", "developing", "continuing"
EDITIONS_VERSION = code_fingerprint("editions", "digest", "similarity", "topics", "meaning")
MATCHES_KEY = "edition-matches"  # the store's entry: each pair of consecutive briefings' matches


@dataclass
class Development:
    """One development of a topic across briefings: its latest wording and every source."""

    topic: str
    text: str
    first: dt.date  # the earliest date of a source that reports it
    last: dt.date  # the latest
    briefings: list[dt.date] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)  # oldest first, one per sentence
    lead_in: str = ""  # as the latest point's (records.KeyPoint)

    @property
    def source_count(self) -> int:
        """How many independent sources have reported it."""
        return len({s.source or s.article_id for s in self.sources})


@dataclass
class Month:
    """A topic's developments last reported in one month, newest first."""

    year: int
    month: int
    developments: list[Development]

    @property
    def slug(self) -> str:
        """The month as a page name: 2025-03."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def name(self) -> str:
        """The month as readers write it: March 2025."""
        return dt.date(self.year, self.month, 1).strftime("%B %Y")


@dataclass
class Fresh:
    """A new or developing point, once, with every topic that shows it."""

    point: KeyPoint
    sections: list[TopicSection]


@dataclass
class Edition:
    """A briefing with its neighbours and what is new in it."""

    briefing: Briefing
    previous: Briefing | None = None
    next: Briefing | None = None
    fresh: list[Fresh] = field(default_factory=list)  # new points first, then developing ones
    matches: dict[int, KeyPoint] = field(default_factory=dict)  # id(point) -> the previous briefing's point

    def fresh_in(self, sections: list[TopicSection]) -> list[Fresh]:
        """What is new in the given sections only (a topic's feed)."""
        return [f for f in self.fresh if any(s in sections for s in f.sections)]

    @property
    def fresh_on_topics(self) -> list[Fresh]:
        """The "New since" list: what is new on the configured topics."""
        return on_topics(self.fresh)

    @property
    def fresh_elsewhere(self) -> int:
        """How many new points fit none of the topics: counted beside the list, not listed in it,
        so that a day with nothing on the story does not read as news on it."""
        return len(self.fresh) - len(self.fresh_on_topics)


def on_topics(fresh: list[Fresh]) -> list[Fresh]:
    """The new points shown under a configured topic (not only under "other")."""
    return [f for f in fresh if not all(s.is_other for s in f.sections)]


def mark_editions(briefings: list[Briefing], analyser: StemAnalyser, store=None,
                  keys: dict[dt.date, str] | None = None) -> dict[dt.date, Edition]:
    """Mark every point of every briefing against the briefing before it (oldest first).
    With `store` (get/put by key) and each briefing's digest key, the matches of two briefings
    whose digests did not change are read back instead of compared again."""
    ordered = sorted(briefings, key=lambda b: b.date)
    kept = store.get(MATCHES_KEY) if store is not None and keys else None
    kept = kept if isinstance(kept, dict) else {}
    used: dict[str, list[tuple[int, int]]] = {}
    editions: dict[dt.date, Edition] = {}
    for index, briefing in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        edition = Edition(briefing, previous, ordered[index + 1] if index + 1 < len(ordered) else None)
        pair = _pair_key(keys, previous, briefing) if previous and keys else None
        if pair is not None and pair in kept:
            edition.matches = _matches_from_rows(previous, briefing, kept[pair])
        else:
            edition.matches = match_points(previous, briefing, analyser) if previous else {}
        if pair is not None:
            used[pair] = _rows_of_matches(previous, briefing, edition.matches)
        matches = edition.matches
        fresh: dict[str, Fresh] = {}  # one point can stand in two topics: listed once
        for section, point in _points(briefing):
            earlier = matches.get(id(point))
            before = {s.article_id for s in earlier.sources} if earlier else set()
            point.new_sources = tuple(dict.fromkeys(s.article_id for s in point.sources if s.article_id not in before)) \
                if earlier else ()
            point.status = NEW if earlier is None else DEVELOPING if point.new_sources else CONTINUING
            # Framing is new words, not news: the front page leaves it out, and so does this list
            # (on the samples, "The political stakes are high, too." was listed as new).
            if previous is not None and point.status != CONTINUING and not is_framing(point.text):
                fresh.setdefault(point.text, Fresh(point, [])).sections.append(section)
        # New before developing (stable: digest order within).
        edition.fresh = sorted(fresh.values(), key=lambda f: f.point.status != NEW)
        editions[briefing.date] = edition
    if store is not None and keys and used != kept:
        store.put(MATCHES_KEY, used)  # only this build's pairs: the entry never outgrows the site
    return editions


def _pair_key(keys: dict[dt.date, str], previous: Briefing, current: Briefing) -> str | None:
    """What two briefings' matches depend on: both digests and the code that matches."""
    if previous.date not in keys or current.date not in keys:
        return None
    return f"{EDITIONS_VERSION}:{keys[previous.date]}:{keys[current.date]}"


def _rows_of_matches(previous: Briefing, current: Briefing, matches: dict[int, KeyPoint]) -> list[tuple[int, int]]:
    """The matches as (current point, previous point) positions: what can be stored."""
    row = {id(p): i for i, (_, p) in enumerate(_points(previous))}
    return [(column, row[id(matches[id(p)])]) for column, (_, p) in enumerate(_points(current)) if id(p) in matches]


def _matches_from_rows(previous: Briefing, current: Briefing, rows: list[tuple[int, int]]) -> dict[int, KeyPoint]:
    """Stored positions back as matches of these briefings' points."""
    before, now = [p for _, p in _points(previous)], [p for _, p in _points(current)]
    return {id(now[column]): before[row] for column, row in rows}


def _points(briefing: Briefing) -> list[tuple[TopicSection, KeyPoint]]:
    return [(section, point) for section in briefing.sections for point in section.points]


def match_points(previous: Briefing, current: Briefing, analyser: StemAnalyser) -> dict[int, KeyPoint]:
    """For each point of `current` (by id), the point of `previous` that reports the same
    development, if any: a shared source sentence first, else the most alike at the digest's
    same-point threshold or more."""
    before, now = [p for _, p in _points(previous)], [p for _, p in _points(current)]
    if not before or not now:
        return {}
    similarity = _point_similarity(before, now, analyser)
    sentences = [{(s.article_id, s.anchor) for s in p.sources} for p in before]
    matches = {}
    for column, point in enumerate(now):
        mine = {(s.article_id, s.anchor) for s in point.sources}
        shared = [row for row, theirs in enumerate(sentences) if mine & theirs]
        if shared:  # the most shared sentences, then the most alike
            best = max(shared, key=lambda row: (len(mine & sentences[row]), similarity[row, column], -row))
        else:
            best = int(numpy.argmax(similarity[:, column]))
            if similarity[best, column] < DIGEST_RULE.same_point:
                continue
        matches[id(point)] = before[best]
    return matches


def _point_similarity(before: list[KeyPoint], now: list[KeyPoint], analyser: StemAnalyser) -> numpy.ndarray:
    """Average-link similarity of every earlier point to every current point, over their sentences."""
    texts = [s.text for p in before + now for s in p.sources]
    owner = numpy.array([i for i, p in enumerate(before + now) for _ in p.sources])
    similar = sentence_similarity(texts, analyser)
    count = len(before) + len(now)
    # Sum sentence similarities into point-by-point blocks, then divide by the pair counts.
    membership = numpy.zeros((count, len(texts)), dtype=numpy.float32)
    membership[owner, numpy.arange(len(texts))] = 1.0
    sums = membership @ similar @ membership.T
    sizes = membership.sum(axis=1)
    mean = sums / numpy.maximum(1.0, numpy.outer(sizes, sizes))
    return mean[: len(before), len(before):]


def story_so_far(editions: dict[dt.date, Edition], topic_slugs: list[str]) -> dict[str, list[Development]]:
    """Each topic's developments across all briefings, newest first, each once: the points that
    mark_editions matched from briefing to briefing, chained."""
    ordered = [editions[day].briefing for day in sorted(editions)]
    parent: dict[int, int] = {}
    points: dict[int, tuple[Briefing, TopicSection, KeyPoint]] = {}

    def find(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for briefing in ordered:
        for section, point in _points(briefing):
            parent[id(point)] = id(point)
            points[id(point)] = (briefing, section, point)
        for current, earlier in editions[briefing.date].matches.items():
            parent[find(current)] = find(id(earlier))
    chains: dict[int, list[tuple[Briefing, TopicSection, KeyPoint]]] = defaultdict(list)
    for key, member in points.items():
        chains[find(key)].append(member)
    wanted = set(topic_slugs)
    story: dict[str, list[Development]] = {slug: [] for slug in topic_slugs}
    for chain in chains.values():
        chain.sort(key=lambda m: (m[0].date, m[1].slug))
        latest_briefing, latest_section, latest_point = chain[-1]
        topic = _topic_of(chain)
        if topic not in wanted:
            continue
        seen: dict[tuple[str, str], SourceRef] = {}
        for _, _, point in chain:
            for source in point.sources:
                seen.setdefault((source.article_id, source.anchor), source)
        sources = sorted(seen.values(), key=lambda s: (s.date, s.article_id, s.anchor))
        story[topic].append(Development(topic, latest_point.text, sources[0].date, sources[-1].date,
                                        sorted({m[0].date for m in chain}), sources, latest_point.lead_in))
    for developments in story.values():
        developments.sort(key=lambda d: (d.last, d.first, d.source_count, d.text), reverse=True)
    return story


def _topic_of(chain: list[tuple[Briefing, TopicSection, KeyPoint]]) -> str:
    """The topic a development was most often placed in (the latest on a tie)."""
    counts = Counter(section.slug for _, section, _ in chain)
    latest = {section.slug: i for i, (_, section, _) in enumerate(chain)}
    return max(counts, key=lambda slug: (counts[slug], latest[slug]))


def by_month(developments: list[Development]) -> list[Month]:
    """Developments grouped by the month they were last reported in, newest month first."""
    months: dict[tuple[int, int], list[Development]] = defaultdict(list)
    for development in developments:
        months[(development.last.year, development.last.month)].append(development)
    return [Month(year, month, months[(year, month)]) for year, month in sorted(months, reverse=True)]


@dataclass
class TopicStory:
    """What a topic page shows beyond one briefing."""

    slug: str
    latest: Briefing | None  # the latest briefing with points on the topic
    section: TopicSection | None  # that briefing's section on it
    months: list[Month]
    chart: Chart | None
    history: dict[str, list[tuple[Briefing, int]]] = field(default_factory=dict)  # month slug -> (briefing, points)

    def history_of(self, month: Month | None) -> list[tuple[Briefing, int]]:
        """The briefings of a month with points on the topic (the latest month's for None)."""
        if month is None:
            return next(iter(self.history.values()), [])
        return self.history.get(month.slug, [])


def topic_stories(editions: dict[dt.date, Edition], topic_slugs: list[str],
                  coverage: dict[str, dict[dt.date, list[tuple[str, str]]]]) -> dict[str, TopicStory]:
    """Each topic's latest points, story so far by month, and coverage chart; `coverage` gives
    per topic and day the (article id, source) pairs of the articles placed in it."""
    story = story_so_far(editions, topic_slugs)
    newest_first = [editions[day].briefing for day in sorted(editions, reverse=True)]
    stories = {}
    for slug in topic_slugs:
        found = next(((b, s) for b in newest_first for s in b.sections if s.slug == slug and s.points), (None, None))
        history: dict[str, list[tuple[Briefing, int]]] = {}
        for briefing in newest_first:
            for section in briefing.sections:
                if section.slug == slug and section.points:
                    history.setdefault(f"{briefing.date:%Y-%m}", []).append((briefing, len(section.points)))
        stories[slug] = TopicStory(slug, found[0], found[1], by_month(story[slug]),
                                   daily_chart(daily_counts(coverage.get(slug, {}))), history)
    return stories


def briefing_months(briefings: list[Briefing]) -> list[tuple[str, list[Briefing]]]:
    """The briefings grouped by month, newest first, for the archive."""
    months: dict[tuple[int, int], list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        months[(briefing.date.year, briefing.date.month)].append(briefing)
    return [(dt.date(year, month, 1).strftime("%B %Y"), sorted(months[(year, month)], key=lambda b: b.date, reverse=True))
            for year, month in sorted(months, reverse=True)]
