"""Assigning sentences to the configured topics.

A sentence belongs to a topic when it names one of the topic's terms (matched on word stems, so
"sanction" finds "sanctions" and phrases match as sequences). Beyond literal terms, each briefing
learns the words that go with a topic in the articles at hand: a sentence that shares such words
and stands beside a matching sentence of its paragraph is assigned too, so that a sentence about
a battle that never names the region still lands under that front.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from .config import Topic
from .sentences import NewsTokenizer

DIRECT, CONTEXT = 1.0, 0.5  # strengths of a literal match and of a match by context
MIN_LIFT = 2.0  # a learned word is at least this much more frequent in the topic than overall
MIN_TOPIC_DOCS = 2  # ... and seen in this many matching sentences of different articles
MAX_LEARNED = 40


@dataclass(frozen=True)
class SentenceKey:
    """Which sentence: its article and its anchor."""

    article_id: str
    anchor: str


@dataclass(frozen=True)
class TopicSentence:
    """A sentence as topic matching sees it: its place, neighbours and word stems."""

    key: SentenceKey
    paragraph: int
    index: int
    stems: tuple[str, ...]


class StemAnalyser:
    """Turns text into lowercase word stems, with and without stop words."""

    def __init__(self, language: str):
        self._stemmer = Stemmer(language)
        self._tokenizer = NewsTokenizer(language)
        self.stop_words = frozenset(get_stop_words(language))
        self._cache: dict[str, str] = {}
        # Each article is seen by several overlapping briefings: remember recent sentences.
        self.stems = functools.lru_cache(maxsize=100_000)(self._stems)
        self.content_stems = functools.lru_cache(maxsize=100_000)(self._content_stems)

    def stem(self, word: str) -> str:
        """The stem of one word, memoised (the same words recur across a corpus)."""
        lowered = word.lower()
        if lowered not in self._cache:
            self._cache[lowered] = self._stemmer(lowered)
        return self._cache[lowered]

    def _stems(self, text: str) -> tuple[str, ...]:
        """All word stems of a text, in order."""
        return tuple(self.stem(w) for w in self._tokenizer.to_words(text))

    def _content_stems(self, text: str) -> frozenset[str]:
        """Stems of the words that carry meaning (no stop words, no one-letter words)."""
        return frozenset(
            self.stem(w) for w in self._tokenizer.to_words(text)
            if len(w) > 2 and w.lower() not in self.stop_words
        )


class TopicMatcher:
    """Matches stemmed sentences against the configured topics' terms."""

    def __init__(self, topics: tuple[Topic, ...], analyser: StemAnalyser):
        self.topics = topics
        self.analyser = analyser
        self._terms = [(topic.slug, analyser.stems(term)) for topic in topics for term in topic.terms]
        self._term_stems = {stem for _, stems in self._terms for stem in stems}

    def direct(self, stems: tuple[str, ...]) -> dict[str, int]:
        """For each topic, how many of its terms the stems contain."""
        found: dict[str, int] = defaultdict(int)
        present = set(stems)
        for slug, term in self._terms:
            if term and term[0] in present and _contains(stems, term):
                found[slug] += 1
        return dict(found)

    def terms_in(self, stems: tuple[str, ...], slug: str) -> list[str]:
        """The topic's terms the stems contain, as the user wrote them."""
        present = set(stems)
        return [term for topic in self.topics if topic.slug == slug for term in topic.terms
                if (t := self.analyser.stems(term)) and t[0] in present and _contains(stems, t)]

    def learn_vocabulary(self, sentences: list[TopicSentence], direct: dict[SentenceKey, dict[str, int]]) -> dict[str, frozenset[str]]:
        """Words that go with each topic in these articles: frequent in its sentences, rare elsewhere."""
        total = len(sentences) or 1
        overall: Counter[str] = Counter()
        per_topic: dict[str, Counter[str]] = defaultdict(Counter)
        articles: dict[tuple[str, str], set[str]] = defaultdict(set)
        sizes: Counter[str] = Counter()
        for sentence in sentences:
            words = {s for s in sentence.stems if s not in self.analyser.stop_words and len(s) > 2}
            overall.update(words)
            for slug in direct.get(sentence.key, {}):
                sizes[slug] += 1
                per_topic[slug].update(words)
                for word in words:
                    articles[(slug, word)].add(sentence.key.article_id)
        learned = {}
        for topic in self.topics:
            slug, size = topic.slug, sizes[topic.slug]
            scored = []
            for word, count in per_topic[slug].items():
                if word in self._term_stems or len(articles[(slug, word)]) < MIN_TOPIC_DOCS:
                    continue
                lift = (count / size) / (overall[word] / total)
                if lift >= MIN_LIFT:
                    scored.append((-count * math.log(lift), word))
            learned[slug] = frozenset(word for _, word in sorted(scored)[:MAX_LEARNED])
        return learned


def _contains(stems: tuple[str, ...], term: tuple[str, ...]) -> bool:
    """Whether the term's stems occur as a contiguous run."""
    width = len(term)
    return any(stems[i:i + width] == term for i in range(len(stems) - width + 1))


def assign_topics(sentences: list[TopicSentence], matcher: TopicMatcher,
                  evidence: dict[tuple[SentenceKey, str], str] | None = None) -> dict[SentenceKey, dict[str, float]]:
    """Each sentence's topics with the strength of the evidence (direct or by context); when
    `evidence` is given, it is filled with what placed each sentence in each topic, in words."""
    direct = {s.key: matcher.direct(s.stems) for s in sentences}
    learned = matcher.learn_vocabulary(sentences, direct)
    by_paragraph: dict[tuple[str, int], list[TopicSentence]] = defaultdict(list)
    for sentence in sentences:
        by_paragraph[(sentence.key.article_id, sentence.paragraph)].append(sentence)
    assigned: dict[SentenceKey, dict[str, float]] = {}
    for sentence in sentences:
        topics = {slug: DIRECT + 0.1 * (count - 1) for slug, count in direct[sentence.key].items()}
        neighbours = [n for n in by_paragraph[(sentence.key.article_id, sentence.paragraph)]
                      if abs(n.index - sentence.index) == 1]
        words = set(sentence.stems)
        for topic in matcher.topics:
            if topic.slug in topics:
                continue
            shared = words & learned[topic.slug]
            beside = any(topic.slug in direct[n.key] for n in neighbours)
            if len(shared) >= 3 or (shared and beside):
                topics[topic.slug] = CONTEXT
                if evidence is not None:
                    evidence[(sentence.key, topic.slug)] = _context_evidence(shared, beside)
        if evidence is not None:
            for slug in direct[sentence.key]:
                evidence[(sentence.key, slug)] = "names " + ", ".join(f"\u201c{t}\u201d" for t in matcher.terms_in(sentence.stems, slug))
        assigned[sentence.key] = topics
    return assigned


def _context_evidence(shared: set[str], beside: bool) -> str:
    words = ", ".join(sorted(shared)[:5])
    where = " and stands beside a sentence that names the topic" if beside else ""
    return f"shares words this briefing's articles use for the topic ({words}){where}"
