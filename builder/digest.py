"""Turning the summaries of one briefing period into a digest per topic.

Only articles of one period are compared with each other, so the cost of a build grows with the
number of articles, not with the square of the archive.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy
from slugify import slugify

from .config import BriefingConfig
from .records import KeyPoint, PreparedArticle, SourceRef
from .topics import SentenceKey, StemAnalyser, TopicMatcher, TopicSentence, assign_topics

SAME_POINT = 0.4  # word-stem overlap (Jaccard) at which two sentences report the same thing
CORROBORATES = 0.2  # overlap at which a sentence of another article supports a point
REDUNDANCY_PENALTY = 0.35
SAME_SOURCE_PENALTY = 0.15


@dataclass
class TopicSection:
    """One topic of a briefing: its key points, most important first."""

    name: str
    slug: str
    description: str
    points: list[KeyPoint] = field(default_factory=list)
    is_other: bool = False

    @property
    def article_ids(self) -> list[str]:
        """The articles this section draws on, in order of first appearance."""
        return list(dict.fromkeys(s.article_id for p in self.points for s in p.sources))


@dataclass
class Briefing:
    """The digest of one briefing period, ending on its date."""

    date: dt.date
    start: dt.date
    articles: list[PreparedArticle]
    sections: list[TopicSection]
    topics_by_article: dict[str, list[str]]
    urls: dict[str, str]

    @property
    def slug(self) -> str:
        """The briefing's page name."""
        return self.date.isoformat()

    @property
    def article_refs(self) -> list[SourceRef]:
        """Every article of the period, newest first, as a link target."""
        return [
            SourceRef(a.record.id, a.record.title, a.record.date, self.urls[a.record.id], "", a.record.dek or "")
            for a in sorted(self.articles, key=lambda a: (a.record.date, a.record.id), reverse=True)
        ]

    @property
    def top_point(self) -> KeyPoint | None:
        """The most widely reported, most central point of the whole briefing."""
        points = [p for s in self.sections if not s.is_other for p in s.points]
        return max(points, key=lambda p: (p.source_count, p.score), default=None)


@dataclass(frozen=True)
class _Candidate:
    """A summary sentence competing to become a key point."""

    row: int  # its row in the topic's similarity matrix
    article: PreparedArticle
    anchor: str
    text: str
    importance: float


def briefing_windows(dates: list[dt.date], period_days: int) -> dict[dt.date, tuple[dt.date, dt.date]]:
    """One briefing per day that has articles, covering that day and the days before it."""
    return {day: (day - dt.timedelta(days=period_days - 1), day) for day in sorted(set(dates))}


def build_briefing(day: dt.date, start: dt.date, articles: list[PreparedArticle], urls: dict[str, str],
                   config: BriefingConfig, analyser: StemAnalyser) -> Briefing:
    """The digest of the given period's articles, one section per configured topic plus 'other'."""
    articles = sorted(articles, key=lambda a: (a.record.date, a.record.id))
    matcher = TopicMatcher(config.topics, analyser)
    topic_sentences = [
        TopicSentence(SentenceKey(a.record.id, s.anchor), s.paragraph, s.index, analyser.stems(s.text))
        for a in articles for s in a.sentences
    ]
    assigned = assign_topics(topic_sentences, matcher)
    per_topic: dict[str, list[tuple[PreparedArticle, object, float]]] = defaultdict(list)
    topics_by_article: dict[str, list[str]] = defaultdict(list)
    other = slugify(config.other_topic)
    # Every sentence competes, not only summary ones: what several sources report is news even
    # when one article's summariser passed it over. Uncorroborated non-summary sentences drop out below.
    for article in articles:
        for sentence in article.sentences:
            topics = assigned.get(SentenceKey(article.record.id, sentence.anchor)) or {other: 0.5}
            for slug, strength in sorted(topics.items()):
                per_topic[slug].append((article, sentence, strength))
                if sentence.in_summary and slug not in topics_by_article[article.record.id]:
                    topics_by_article[article.record.id].append(slug)
    sections = [
        TopicSection(t.name, t.slug, t.description, _key_points(per_topic[t.slug], urls, analyser, len(articles)))
        for t in config.topics
    ]
    sections.append(TopicSection(config.other_topic, other, "What fits none of the topics.",
                                 _key_points(per_topic[other], urls, analyser, len(articles)), is_other=True))
    return Briefing(day, start, articles, sections, dict(topics_by_article), urls)


def similarity_matrix(stem_sets: list[frozenset[str]]) -> numpy.ndarray:
    """Jaccard overlap of every pair of stem sets, computed as one sparse-free matrix product."""
    vocabulary = {stem: i for i, stem in enumerate(sorted(set().union(*stem_sets)))} if stem_sets else {}
    presence = numpy.zeros((len(stem_sets), max(1, len(vocabulary))), dtype=numpy.float32)
    for row, stems in enumerate(stem_sets):
        presence[row, [vocabulary[s] for s in stems]] = 1.0
    shared = presence @ presence.T
    sizes = presence.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    with numpy.errstate(divide="ignore", invalid="ignore"):
        return numpy.where(union > 0, shared / union, 0.0)


def _key_points(entries, urls: dict[str, str], analyser: StemAnalyser, article_count: int) -> list[KeyPoint]:
    """Rank a topic's sentences and merge those that report the same thing."""
    stems = [analyser.content_stems(sentence.text) for _, sentence, _ in entries]
    similar = similarity_matrix(stems)
    owners = [article.record.id for article, _, _ in entries]
    candidates = []
    for i, (article, sentence, strength) in enumerate(entries):
        same = {owners[j] for j in numpy.flatnonzero(similar[i] >= SAME_POINT) if owners[j] != owners[i]}
        if not sentence.in_summary and not same:
            continue
        supporters = {owners[j] for j in numpy.flatnonzero(similar[i] >= CORROBORATES) if owners[j] != owners[i]}
        corroboration = len(supporters) / max(1, article_count - 1)
        importance = 0.5 * sentence.score + 0.3 * corroboration + 0.2 * min(strength, 1.0)
        candidates.append(_Candidate(i, article, sentence.anchor, sentence.text, importance))
    clusters = _cluster(candidates, similar)
    return _rank(clusters, similar, urls)


def _cluster(candidates: list[_Candidate], similar: numpy.ndarray) -> list[list[_Candidate]]:
    """Greedy clustering: most important first, each joins the first cluster it nearly repeats."""
    order = sorted(candidates, key=lambda c: (-c.importance, c.article.record.id, c.anchor))
    clusters: list[list[_Candidate]] = []
    for candidate in order:
        for cluster in clusters:
            if similar[candidate.row, cluster[0].row] >= SAME_POINT:
                cluster.append(candidate)
                break
        else:
            clusters.append([candidate])
    return clusters


def _rank(clusters: list[list[_Candidate]], similar: numpy.ndarray, urls: dict[str, str]) -> list[KeyPoint]:
    """Order points by importance, penalising redundancy and repeats of one source (MMR)."""
    if not clusters:
        return []
    leads = [cluster[0] for cluster in clusters]
    value = numpy.array([lead.importance + 0.1 * (len({c.article.record.id for c in cluster}) - 1)
                         for lead, cluster in zip(leads, clusters)])
    lead_similarity = similar[numpy.ix_([lead.row for lead in leads], [lead.row for lead in leads])]
    sources, source_of = numpy.unique([lead.article.record.id for lead in leads], return_inverse=True)
    redundancy = numpy.zeros(len(clusters))
    used = numpy.zeros(len(sources))
    open_ = numpy.ones(len(clusters), dtype=bool)
    points = []
    for _ in range(len(clusters)):
        score = value - REDUNDANCY_PENALTY * redundancy - SAME_SOURCE_PENALTY * used[source_of]
        best = int(numpy.argmax(numpy.where(open_, score, -numpy.inf)))  # ties: the earlier cluster
        open_[best] = False
        used[source_of[best]] += 1
        redundancy = numpy.maximum(redundancy, lead_similarity[best])
        chosen = clusters[best]
        points.append(KeyPoint(text=chosen[0].text, score=round(chosen[0].importance, 6), sources=[
            SourceRef(c.article.record.id, c.article.record.title, c.article.record.date,
                      urls[c.article.record.id], c.anchor, c.text)
            for c in sorted(chosen, key=lambda c: (c.article.record.date, c.article.record.id))
        ]))
    return points
