"""Who and where: the people, places and organisations of the site, and who said what.

Names are found per sentence and merged into entities one briefing period at a time (articles
are compared only within a period). Each entity gathers the summary sentences, key points and
quotations that mention it; each briefing's topics get their quotations, merged across sources.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .digest import Briefing
from .digest_cache import KeptTable, article_hash
from .entities import (ORGANISATION, PERSON, PLACE, Aliases, Entity, EntityIndex, Mention, find_mentions,
                       forget_name_memos, mentions_key)
from .quotes import MergedQuote, Quote, find_quotes, merge_quotes
from .records import KeyPoint, PreparedArticle
from .topics import StemAnalyser
from .versions import code_fingerprint

QUOTES_VERSION = code_fingerprint("quotes", "people")
FOUND_QUOTES_KEY = "found-quotes"
ENTITY_VERSION = code_fingerprint("entities", "people", "records")
SNAPSHOT_KEY = "entity-index"
# The names index is kept as it stood this many days before the newest briefing: a daily rebuild
# (today's articles, a correction to this week's) replays a week of periods instead of the archive.
RESUME_DAYS = 7


@dataclass
class Appearance:
    """A summary sentence that names an entity."""

    date: dt.date
    topic: str  # a topic's name, or "" when the sentence fits none
    article_id: str
    title: str
    url: str
    anchor: str
    text: str


@dataclass
class EntityPage:
    """Everything the site says about one entity."""

    entity: Entity
    sentences: list[Appearance] = field(default_factory=list)
    points: list[tuple[dt.date, str, KeyPoint]] = field(default_factory=list)  # briefing date, topic, point
    quotes: list[tuple[dt.date, MergedQuote]] = field(default_factory=list)

    @property
    def by_topic(self) -> list[tuple[str, list[Appearance]]]:
        """The summary sentences grouped by topic (named topics first), newest first within each."""
        groups: dict[str, list[Appearance]] = defaultdict(list)
        for appearance in self.sentences:
            groups[appearance.topic].append(appearance)
        order = sorted(groups, key=lambda t: (t == "", t))
        return [(t, sorted(groups[t], key=lambda a: (a.date, a.article_id, a.anchor), reverse=True)) for t in order]


@dataclass
class People:
    """The entity pages, and each briefing's quotations by topic."""

    pages: list[EntityPage]
    quotes: dict[tuple[dt.date, str], list[MergedQuote]]  # (briefing date, topic slug) -> quotations
    by_article: dict[str, list[Entity]] = field(default_factory=dict)  # who and where each article names

    def of_kind(self, kind: str) -> list[EntityPage]:
        """The pages of one kind ("" for names of unknown kind), by name."""
        return sorted((p for p in self.pages if p.entity.kind == kind), key=lambda p: p.entity.name.lower())


_KIND_ORDER = {PERSON: 0, PLACE: 1, ORGANISATION: 2}


@functools.lru_cache(maxsize=20_000)  # key points' texts: overlapping briefings repeat them
def _mentions(sentence: str) -> tuple[Mention, ...]:
    return tuple(find_mentions(sentence))


def _lead_names(briefings: list[Briefing], articles: list[PreparedArticle]) -> dict[tuple[str, str], tuple[Mention, ...]]:
    """The names of the sentences that key points show (by article and anchor), as found with
    their articles: finding them again took 0.33 s of a profiled 7.4 s rebuild of 2,000 articles.
    Only those: at 20,000 articles of 17 sentences on average, every sentence is 340,000."""
    wanted = {(s.article_id, s.anchor) for b in briefings for section in b.sections for p in section.points
              for s in p.sources if s.text == p.text}
    return {key: names for a in articles for s, names in zip(a.sentences, article_mentions(a))
            if (key := (a.record.id, s.anchor)) in wanted}


def _point_mentions(point, found: dict[tuple[str, str], tuple[Mention, ...]]) -> tuple[Mention, ...]:
    """The names in a key point's text, which is one of its sources' sentences."""
    for source in point.sources:
        if source.text == point.text and (source.article_id, source.anchor) in found:
            return found[(source.article_id, source.anchor)]
    return _mentions(point.text)


def article_mentions(article: PreparedArticle) -> tuple[tuple[Mention, ...], ...]:
    """The names of each sentence, as found with the article (found now if they were not)."""
    if article.mentions is not None:
        return article.mentions
    return tuple(_mentions(s.text) for s in article.sentences)


def build_people(briefings: list[Briefing], articles: list[PreparedArticle], urls: dict[str, str],
                 topic_names: dict[str, str], analyser: StemAnalyser, aliases: Aliases | None = None,
                 store=None) -> People:
    """Find and merge the names, attribute the quotations, and gather each entity's page.
    `store` (get/put by key) keeps each briefing's merged quotations by what went into them."""
    entities = _entity_index(sorted(briefings, key=lambda b: b.date), aliases or Aliases(), store).entities()
    is_person = lambda name: name in entities and entities[name].kind == PERSON  # noqa: E731
    pages = {e.slug: EntityPage(e) for e in entities.values()}
    own = {b.date: b for b in briefings}
    quotes_by_article: dict[str, list[tuple[str, Quote]]] = {}
    found_by_article = _found_quotes(articles, is_person, store)
    for article in sorted(articles, key=lambda a: a.record.id):
        record, sentences, mentions = article.record, article.sentences, article_mentions(article)
        topics = own[record.date].sentence_topics if record.date in own else {}
        for sentence, names in zip(sentences, mentions):
            if not sentence.in_summary:
                continue
            for entity in _entities_in(names, entities):
                slugs = topics.get((record.id, sentence.anchor)) or [""]
                for slug in slugs:
                    pages[entity.slug].sentences.append(Appearance(
                        record.date, topic_names.get(slug, ""), record.id, record.title, urls[record.id],
                        sentence.anchor, sentence.text))
        found = found_by_article[record.id]
        quotes_by_article[record.id] = [
            (sentences[i].anchor, Quote(text, speaker, record.id, sentences[i].anchor, sentences[i].text))
            for i, text, speaker in found
        ]
    canonical = lambda name: entities[name].name  # noqa: E731
    by_topic: dict[tuple[dt.date, str], list[MergedQuote]] = {}
    found_names = _lead_names(briefings, articles)
    for briefing in briefings:
        for section in briefing.sections:
            for point in section.points:
                for entity in _entities_in(_point_mentions(point, found_names), entities):
                    pages[entity.slug].points.append((briefing.date, section.name, point))
        # Quotations are merged across the whole briefing first, so a topic lists each with all
        # its sources even when only some of them put it in that topic's sentences.
        everything = [q for a in briefing.articles for _, q in quotes_by_article.get(a.record.id, [])]
        merged_all = _merged(everything, canonical, analyser, store)
        for slug in topic_names:
            # Most widely reported first; otherwise in the order the articles give them.
            by_topic[(briefing.date, slug)] = sorted(
                (m for m in merged_all
                 if any(slug in briefing.sentence_topics.get((r.article_id, r.anchor), []) for r in m.reports)),
                key=lambda m: -m.source_count)
        today = _new_ids(briefing)
        for merged in merged_all:
            if merged.speaker and any(r.article_id in today for r in merged.reports):
                pages[entities[merged.speaker].slug].quotes.append((briefing.date, merged))
    for page in pages.values():
        page.quotes = _without_repeats(page.quotes)
        page.points = _latest_points(page.points)
    shown = [p for p in pages.values() if p.sentences or p.points or p.quotes]
    with_page = {p.entity.slug for p in shown}
    by_article = {
        a.record.id: sorted({e.slug: e for names in article_mentions(a) for e in _entities_in(names, entities)
                             if e.slug in with_page}.values(), key=lambda e: (_KIND_ORDER.get(e.kind, 3), e.name))
        for a in articles
    }
    # The name memos serve this step alone: freed now, their memory serves the pages' rendering
    # (after a cold build of the 20,000-article benchmark they held 192,000 entries, 31 MiB).
    forget_name_memos()
    _mentions.cache_clear()
    return People(sorted(shown, key=lambda p: p.entity.slug), by_topic, by_article)


def _entity_index(briefings: list[Briefing], aliases: Aliases, store) -> EntityIndex:
    """Every period's names merged, oldest period first; resumed from the store's snapshot when
    the periods it absorbed are the same, so a daily rebuild replays only the newest periods."""
    # The index after period k depends only on periods 1..k (their articles' ids and names) and
    # the aliases: each prefix gets a chained hash, and the snapshot is taken RESUME_DAYS before
    # the newest briefing, where a day's new articles do not reach. Only names go into the hash:
    # an old article edited without touching its names (a typo, a paragraph added) does not
    # replay the archive's periods (3.2 s of a 2,000-article rebuild's 14.4 s, profiled).
    chain = hashlib.sha256(f"{ENTITY_VERSION}\n{aliases!r}".encode()).hexdigest()
    chains = []
    for briefing in briefings:
        digest = hashlib.sha256(f"{chain}\n{briefing.date}\n".encode())
        for article in briefing.articles:
            digest.update(f"{article.record.id}\0{_names_key(article)}\n".encode())
        chain = digest.hexdigest()
        chains.append(chain)
    kept = store.get(SNAPSHOT_KEY) if store is not None else None
    kept_chain = kept[0] if isinstance(kept, tuple) and len(kept) == 2 else None
    start, index = 0, EntityIndex(aliases)
    if kept_chain in chains:
        try:
            index, start = pickle.loads(kept[1]), chains.index(kept_chain) + 1
        except Exception:  # a damaged snapshot: the names are merged from the start
            index = None
        if not isinstance(index, EntityIndex):
            start, index = 0, EntityIndex(aliases)
    last = briefings[-1].date if briefings else None
    for k in range(start, len(briefings)):
        briefing = briefings[k]
        index.add_period((a.record.id, m) for a in briefing.articles for names in article_mentions(a) for m in names)
        following = briefings[k + 1].date if k + 1 < len(briefings) else None
        if (store is not None and following is not None and chains[k] != kept_chain
                and (last - following).days < RESUME_DAYS <= (last - briefing.date).days):
            store.put(SNAPSHOT_KEY, (chains[k], pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)))
    return index


def _names_key(article: PreparedArticle) -> str:
    """The hash of the article's names, as prepared with it (found now for one made otherwise)."""
    return article.names_key or mentions_key(article_mentions(article))


def _found_quotes(articles: list[PreparedArticle], is_person, store) -> dict[str, list[tuple[int, str, str | None]]]:
    """Each article's quotations with their speakers, kept in the store by the article and which of
    its names are people: nothing else changes them, and finding them took 0.88 s of a
    2,000-article daily rebuild's 16.7 s (profiled)."""
    table = KeptTable(store, FOUND_QUOTES_KEY)
    result = {}
    for article in articles:
        mentions = article_mentions(article)
        people = sorted({m.name for names in mentions for m in names if is_person(m.name)})
        key = hashlib.sha256(QUOTES_VERSION.encode() + article_hash(article) + "\0".join(people).encode()).hexdigest()
        found = table.get(key)
        if not isinstance(found, list):
            sentences = article.sentences
            found = find_quotes([s.text for s in sentences], [s.paragraph for s in sentences],
                                [list(names) for names in mentions], is_person)
        table.put(key, found)
        result[article.record.id] = found
    table.save()
    return result


def _merged(quotes: list[Quote], canonical, analyser: StemAnalyser, store) -> list[MergedQuote]:
    """A briefing's quotations merged, from the store when the same quotations by the same
    (canonical) speakers were merged before: merging compares quotations pairwise."""
    digest = hashlib.sha256(QUOTES_VERSION.encode())
    for quote in quotes:
        speaker = canonical(quote.speaker) if quote.speaker else ""
        digest.update(f"{quote.text}\0{speaker}\0{quote.article_id}\0{quote.anchor}\0{quote.sentence}\n".encode())
    key = f"quotes-{digest.hexdigest()}"
    cached = store.get(key) if store is not None else None
    if isinstance(cached, list):
        return cached
    merged = merge_quotes(quotes, canonical, analyser.content_stems)
    if store is not None:
        store.put(key, merged)
    return merged


def _without_repeats(quotes: list[tuple[dt.date, MergedQuote]]) -> list[tuple[dt.date, MergedQuote]]:
    """Each quotation once: overlapping briefings report it again, with the same or more sources."""
    reports = [frozenset((r.article_id, r.anchor) for r in q.reports) for _, q in quotes]
    # A quotation that reports i's sentences holds i's rarest one: only those are compared, so
    # a speaker quoted thousands of times across the archive costs linear time, not quadratic.
    holding: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, theirs in enumerate(reports):
        for report in theirs:
            holding[report].append(j)
    kept = []
    for i, mine in enumerate(reports):
        rivals = holding[min(mine, key=lambda r: (len(holding[r]), r))] if mine else range(len(quotes))
        if not any(i != j and mine <= reports[j] and (mine != reports[j] or j < i) for j in rivals):
            kept.append(quotes[i])
    return sorted(kept, key=lambda item: (item[0], item[1].text), reverse=True)


def _latest_points(points: list[tuple[dt.date, str, KeyPoint]]) -> list[tuple[dt.date, str, KeyPoint]]:
    """Each key point once, as its newest briefing shows it (overlapping briefings repeat it)."""
    newest: dict[tuple[str, str], tuple[dt.date, str, KeyPoint]] = {}
    for date, topic, point in points:
        key = (topic, point.text)
        if key not in newest or date > newest[key][0]:
            newest[key] = (date, topic, point)
    return sorted(newest.values(), key=lambda item: (item[0], item[1], item[2].text), reverse=True)


def _new_ids(briefing: Briefing) -> set[str]:
    """The articles of the briefing's own day: a quotation is listed once, in its day's briefing."""
    return {a.record.id for a in briefing.articles if a.record.date == briefing.date}


def _entities_in(mentions: Iterable[Mention], entities: dict[str, Entity]) -> list[Entity]:
    """The entities of a text's mentions, each once, in order of first mention."""
    found: dict[str, Entity] = {}
    for mention in mentions:
        entity = entities.get(mention.name)
        if entity is not None:
            found.setdefault(entity.slug, entity)
    return list(found.values())
