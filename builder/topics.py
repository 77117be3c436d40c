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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sumy.utils import get_stop_words

import numpy

from . import meaning
from .config import Scope, Topic
from .meaning import cosine
from .sentences import MemoStemmer, NewsTokenizer

DIRECT, CONTEXT = 1.0, 0.5  # strengths of a literal match and of a match by context
MIN_LIFT = 2.0  # a learned word is at least this much more frequent in the topic than overall
MIN_TOPIC_DOCS = 2  # ... and seen in this many matching sentences of different articles
MAX_LEARNED = 40
OUT_OF_SCOPE = "\0out-of-scope"  # marks a sentence that names one of the scope's exclusions


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
    continues: bool = False  # cannot stand alone: an attribution, a quotation's second half


class StemAnalyser:
    """Turns text into lowercase word stems, with and without stop words."""

    def __init__(self, language: str):
        self._stemmer = MemoStemmer(language)
        self._tokenizer = NewsTokenizer(language)
        self.stop_words = frozenset(get_stop_words(language))
        # Each article is seen by several overlapping briefings: remember recent sentences.
        self.stems = functools.lru_cache(maxsize=100_000)(self._stems)
        self.content_stems = functools.lru_cache(maxsize=100_000)(self._content_stems)

    def forget_sentences(self) -> None:
        """Empty the sentence memos (the word stems stay: a language has only so many words)."""
        self.stems.cache_clear()
        self.content_stems.cache_clear()

    def stem(self, word: str) -> str:
        """The stem of one word (memoised: the same words recur across a corpus)."""
        return self._stemmer(word.lower())

    def _stems(self, text: str) -> tuple[str, ...]:
        """All word stems of a text, in order."""
        return tuple(self.stem(w) for w in self._tokenizer.to_words(text))

    def _content_stems(self, text: str) -> frozenset[str]:
        """Stems of the words that carry meaning (no stop words, no words of one or two letters),
        and every figure: "84%" and "84 percent" share "84", "a 90-day pause" and "paused for 90
        days" share "90" and "day"."""
        stems = set()
        for word in self._tokenizer.to_words(text):
            if _DIGIT.search(word):
                stems.update(self.stem(part) if part.isalpha() else part for part in _FIGURE_PARTS.findall(word))
            elif len(word) > 2 and word.lower() not in self.stop_words:
                stems.add(self.stem(word))
        return frozenset(stems)


_DIGIT = re.compile(r"\d")
_FIGURE_PARTS = re.compile(r"\d[\d.,]*\d|\d|[^\W\d_]{3,}")  # "90-day" -> "90", "day"; "1.5", "2,000"


class TopicMatcher:
    """Matches stemmed sentences against the configured topics' terms."""

    def __init__(self, topics: tuple[Topic, ...], analyser: StemAnalyser, scope: Scope = Scope(),
                 rule: "TopicRule | None" = None):
        self.topics = topics
        self.scope = scope
        self.analyser = analyser
        self.rule = rule or TopicRule()
        self._terms = TermIndex([((topic.slug, term), analyser.stems(term)) for topic in topics for term in topic.terms])
        everything = frozenset(t.slug for t in topics) | {OUT_OF_SCOPE}
        self._exclusions = TermIndex([(everything, analyser.stems(term)) for term in scope.exclude]
                                     + [(frozenset({t.slug}), analyser.stems(term)) for t in topics for term in t.exclude])

    def excluded(self, stems: tuple[str, ...]) -> frozenset[str]:
        """The topics a sentence's words rule out: all of them (and the scope) when it names
        another story the scope excludes, or one topic's own exclusions."""
        found: set[str] = set()
        for slugs in self._exclusions.found(stems):
            found |= slugs
        return frozenset(found)

    @functools.cached_property
    def _vectors(self) -> dict[str, numpy.ndarray]:
        texts = {t.slug: [f"{t.name}: {t.description}" if t.description else t.name, *t.examples] for t in self.topics}
        texts[OUT_OF_SCOPE] = [x for x in (self.scope.description, *self.scope.examples) if x]
        return {slug: meaning.embed(items) for slug, items in texts.items()}

    def topic_vectors(self, slug: str) -> numpy.ndarray:
        """Embeddings of a topic's name with its description, and of its examples."""
        return self._vectors[slug]

    def scope_vectors(self) -> numpy.ndarray:
        """Embeddings of what the briefing's story is: the scope's and every topic's texts."""
        return numpy.vstack([self._vectors[OUT_OF_SCOPE], *(self._vectors[t.slug] for t in self.topics)])

    def direct(self, stems: tuple[str, ...]) -> dict[str, int]:
        """For each topic, how many of its terms the stems contain."""
        return dict(Counter(slug for slug, _ in self._terms.found(stems)))

    def terms_in(self, stems: tuple[str, ...], slug: str) -> list[str]:
        """The topic's terms the stems contain, as the user wrote them."""
        return [term for found, term in self._terms.found(stems) if found == slug]

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
                if self._terms.names_word(word) or len(articles[(slug, word)]) < MIN_TOPIC_DOCS:
                    continue
                lift = (count / size) / (overall[word] / total)
                if lift >= MIN_LIFT:
                    scored.append((-count * math.log(lift), word))
            learned[slug] = frozenset(word for _, word in sorted(scored)[:MAX_LEARNED])
        return learned


# A term's word also matches longer words that begin with its stem when the stem has at least this
# many letters: Snowball leaves derivations apart ("retaliate" -> "retali", "retaliatory" ->
# "retaliatori"; "withdraw", "withdrawn"). Measured on 3,000 BBC articles with the topic terms of
# devset/ and pelicanconf.py, the words a 6-letter prefix adds are economy/economist (for
# "economic"), retaliatory, withdrawn, surveyor, marketplace, pressurised, projectors and
# promiscuous once; with 5 letters and fewer, "poll" would match "pollution" and "stock"
# "stockpile". On devset/ it lifts retaliation-and-talks F1 0.64 -> 0.70, nothing else moves.
MIN_PREFIX_STEM = 6


def _word_matches(stem: str, term_stem: str) -> bool:
    """Whether a sentence's word stem is the term's word: the same stem, or a derivation of a long one."""
    return stem == term_stem or (len(term_stem) >= MIN_PREFIX_STEM and stem.startswith(term_stem))


def _continues(stems: tuple[str, ...], start: int, term: tuple[str, ...]) -> bool:
    """Whether the term's later words follow its first, which matches at `start`."""
    return start + len(term) <= len(stems) and all(_word_matches(stems[start + j], term[j]) for j in range(1, len(term)))


FOUND_MEMO = 20_000  # sentences: a chunk of ten 3-day periods spans 12 days, about 4,000 at 20 articles a day


class TermIndex:
    """Terms (as stems) with what each stands for, found in a sentence's stems; what each word
    matches is memoised, as the same words recur across a corpus."""

    def __init__(self, entries: list[tuple[object, tuple[str, ...]]]):
        self._entries = [(payload, stems) for payload, stems in entries if stems]
        self._words = {word for _, stems in self._entries for word in stems}
        self._starting: dict[str, tuple[int, ...]] = {}  # word stem -> entries whose first word it matches
        self._named: dict[str, bool] = {}  # word stem -> whether it matches any term's word
        # A sentence is in as many periods as a briefing has days, and its terms were looked for
        # in each (206,000 calls, 2.9 s of a profiled 36 s of digests at 2,000 BBC articles, for
        # 34,000 sentences). The memo holds one chunk of periods' sentences (builder/periods.py).
        self.found = functools.lru_cache(maxsize=FOUND_MEMO)(self._found)

    def names_word(self, stem: str) -> bool:
        """Whether the word is one of the terms' words."""
        if stem not in self._named:
            self._named[stem] = any(_word_matches(stem, word) for word in self._words)
        return self._named[stem]

    def _found(self, stems: tuple[str, ...]) -> tuple:
        """What each term the stems contain stands for, in the order the terms were given."""
        starts: dict[int, list[int]] = defaultdict(list)  # entry -> where its first word matches
        for position, stem in enumerate(stems):
            if stem not in self._starting:
                self._starting[stem] = tuple(n for n, (_, term) in enumerate(self._entries)
                                             if _word_matches(stem, term[0]))
            for n in self._starting[stem]:
                starts[n].append(position)
        # Only where the first word matched can the rest follow: no scan of the whole sentence
        # per candidate term (4.0 s of a profiled 14 s of digests at 1,000 BBC articles).
        return tuple(self._entries[n][0] for n in sorted(starts)
                     if any(_continues(stems, position, self._entries[n][1]) for position in starts[n]))


@dataclass(frozen=True)
class TopicRule:
    """How the evidence for a topic adds up: a sentence joins a topic when its score reaches
    `assign_at`, in an article that is about the briefing's story."""

    # NOT YET MEASURED: placeholders until the development set is labelled.
    direct: float = 1.0  # names one of the topic's terms
    meaning: float = 0.0  # per unit of embedding similarity above meaning_base
    meaning_base: float = 0.0
    article: float = 0.0  # per unit of the article's share of sentences that name the topic
    headline: float = 0.0  # the article's headline or dek names the topic
    learned: float = 0.0  # shares the words this period's articles use for the topic (see learn_vocabulary)
    contrast: float = 0.0  # per unit of how much more like this topic the sentence is than like any other
    second: float = 0.0  # a topic other than the sentence's best needs this much more score
    assign_at: float = 0.5
    article_scope: float = 0.0  # an article less like the scope than this, on average, is another story
    # A second pass weighs where the first pass put the sentence's article and neighbours:
    article_topics: float = 0.0  # per unit of the share of its article's sentences the first pass puts in the topic
    neighbours: float = 0.0  # per unit of the share of its two neighbours in its article the first pass puts there


def assign_topics(sentences: list[TopicSentence], matcher: TopicMatcher,
                  evidence: dict[tuple[SentenceKey, str], str] | None = None,
                  vectors: numpy.ndarray | None = None,
                  headlines: dict[str, tuple[str, ...]] | None = None) -> dict[SentenceKey, dict[str, float]]:
    """Each sentence's topics with the strength of the evidence; when `evidence` is given, it is
    filled with what placed each sentence in each topic, in words. With `vectors` (the sentences'
    embeddings, one row each), meaning counts as evidence too, and so do the article's share of
    sentences on the topic and its headline (`headlines`: stems by article), and the briefing's
    scope is checked."""
    direct = {s.key: matcher.direct(s.stems) for s in sentences}
    if vectors is None:
        return _assign_by_words(sentences, matcher, direct, evidence)
    return _assign_by_meaning(sentences, matcher, direct, vectors, evidence, headlines)


def _assign_by_words(sentences, matcher, direct, evidence):
    """Terms, then words learned from the period's articles plus the paragraph's context."""
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
                evidence[(sentence.key, slug)] = _names(matcher, sentence, slug)
        assigned[sentence.key] = topics
    return assigned


@dataclass
class TopicFeatures:
    """The evidence a period's sentences give for each topic, before any threshold."""

    named: numpy.ndarray  # sentence x topic: names one of its terms
    excluded: numpy.ndarray  # sentence x topic: names an exclusion (of the topic or the scope)
    meaning: numpy.ndarray  # sentence x topic: embedding likeness to the topic
    beside: numpy.ndarray  # sentence x topic: a neighbour in its paragraph names the topic (said in the evidence)
    share: numpy.ndarray  # sentence x topic: the share of its article's sentences naming the topic
    headline: numpy.ndarray  # sentence x topic: its article's headline or dek names the topic
    learned: numpy.ndarray  # sentence x topic: shares the topic's learned words (three, or one beside a match)
    scope: numpy.ndarray  # sentence: its article's mean likeness to the briefing's story
    continues: numpy.ndarray  # sentence: completes the sentence before it in its article
    article: numpy.ndarray  # sentence: the number of its article


def topic_features(sentences: list[TopicSentence], matcher: TopicMatcher, direct: dict, vectors: numpy.ndarray,
                   headlines: dict[str, tuple[str, ...]] | None = None) -> TopicFeatures:
    """Everything the topic rule weighs, for every sentence and topic; `headlines` holds the stems
    of each article's headline and dek."""
    headlines = headlines or {}
    headline_topics = {article: matcher.direct(stems) for article, stems in headlines.items()}
    slugs = [t.slug for t in matcher.topics]
    excluded_sets = [matcher.excluded(s.stems) for s in sentences]
    shares = _article_shares(sentences, direct)
    likeness = _article_scope(sentences, vectors, matcher, excluded_sets)
    rows = len(sentences)
    named = numpy.zeros((rows, len(slugs)), dtype=bool)
    excluded = numpy.zeros_like(named)
    beside = numpy.zeros_like(named)
    share = numpy.zeros((rows, len(slugs)), dtype=numpy.float32)
    headline = numpy.zeros_like(named)
    learned = numpy.zeros_like(named)
    vocabulary = matcher.learn_vocabulary(sentences, direct)
    for row, sentence in enumerate(sentences):
        near = _beside(sentences, row, direct)
        for column, slug in enumerate(slugs):
            named[row, column] = slug in direct[sentence.key]
            excluded[row, column] = slug in excluded_sets[row]
            beside[row, column] = slug in near
            share[row, column] = shares[sentence.key.article_id].get(slug, 0.0)
            headline[row, column] = slug in headline_topics.get(sentence.key.article_id, {})
            shared = set(sentence.stems) & vocabulary[slug]
            learned[row, column] = len(shared) >= 3 or bool(shared and slug in near)
    return TopicFeatures(named, excluded, _topic_meaning(sentences, matcher, direct, vectors, excluded_sets),
                         beside, share, headline, learned, numpy.array([likeness[s.key.article_id] for s in sentences], dtype=numpy.float32),
                         numpy.array([s.continues for s in sentences], dtype=bool),
                         numpy.unique([s.key.article_id for s in sentences], return_inverse=True)[1])


@dataclass
class Decision:
    """Which sentences join which topics (sentence x topic), and why some did."""

    chosen: numpy.ndarray
    carried: numpy.ndarray  # only because they complete the sentence before
    by_context: numpy.ndarray  # only because the first pass put their article or neighbours there


def decide(features: TopicFeatures, rule: TopicRule) -> Decision:
    """Which sentences join which topics under the rule: their own evidence, then (second pass)
    where the first pass put their article and neighbours; a sentence that completes the one
    before goes where it goes."""
    score = _score(features, rule)
    first, carried = _carry(_threshold(score, features, rule), features, rule)
    if not (rule.article_topics or rule.neighbours):
        return Decision(first, carried, numpy.zeros_like(first))
    placed = first.astype(numpy.float32)
    context = (rule.article_topics * _article_mean(placed, features.article)
               + rule.neighbours * _neighbour_mean(placed, features.article))
    chosen, carried = _carry(_threshold(score + context, features, rule), features, rule)
    return Decision(chosen, carried, chosen & ~first & ~carried)


def _score(features: TopicFeatures, rule: TopicRule) -> numpy.ndarray:
    """Each sentence's own evidence for each topic, weighed by the rule."""
    score = (rule.direct * features.named + rule.meaning * numpy.maximum(0.0, features.meaning - rule.meaning_base)
             + rule.article * features.share + rule.headline * features.headline + rule.learned * features.learned)
    if rule.contrast and features.meaning.shape[1] > 1:
        ordered = numpy.sort(features.meaning, axis=1)
        runner_up = numpy.where(features.meaning >= ordered[:, -1:], ordered[:, -2:-1], ordered[:, -1:])
        score = score + rule.contrast * (features.meaning - runner_up)
    return score


def _carry(own: numpy.ndarray, features: TopicFeatures, rule: TopicRule) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The topics with those a sentence takes from the one before it, which it completes."""
    result = own.copy()
    carried = numpy.zeros_like(own)
    for row in range(1, len(result)):
        same_article = features.article[row] == features.article[row - 1]
        if features.continues[row] and same_article and features.scope[row] >= rule.article_scope:
            carried[row] = result[row - 1] & ~result[row] & ~features.excluded[row]
            result[row] |= carried[row]
    return result, carried


def _article_mean(placed: numpy.ndarray, article: numpy.ndarray) -> numpy.ndarray:
    """Per sentence and topic: the share of its article's sentences placed in the topic."""
    sums = numpy.zeros((int(article.max(initial=-1)) + 1, placed.shape[1]), dtype=numpy.float32)
    numpy.add.at(sums, article, placed)
    sizes = numpy.bincount(article, minlength=len(sums))[:, None]
    return (sums / numpy.maximum(sizes, 1))[article]


def _neighbour_mean(placed: numpy.ndarray, article: numpy.ndarray) -> numpy.ndarray:
    """Per sentence and topic: the share of the sentences just before and after it, in its
    article, placed in the topic (an article's first and last sentences have one neighbour, out of two)."""
    total = numpy.zeros_like(placed)
    if len(placed) > 1:
        same = (article[1:] == article[:-1])[:, None]
        total[1:] += placed[:-1] * same
        total[:-1] += placed[1:] * same
    return total / 2


def _threshold(score: numpy.ndarray, features: TopicFeatures, rule: TopicRule) -> numpy.ndarray:
    """The topics whose score reaches the rule's bar, outside exclusions and other stories."""
    score = numpy.where(features.excluded, -numpy.inf, score)
    best = score.max(axis=1, initial=-numpy.inf)[:, None]
    # Most sentences report on one topic: a second must be nearly as strong as the best.
    needed = numpy.where(score >= best, rule.assign_at, rule.assign_at + rule.second)
    return (score >= needed) & (features.scope >= rule.article_scope)[:, None]


def _assign_by_meaning(sentences, matcher, direct, vectors, evidence, headlines):
    """Terms, meaning (near the topic's description, examples, and this period's sentences that
    name it), the paragraph and the article, outside other stories; a sentence that cannot stand
    alone (an attribution, a quotation's second half) goes where the sentence before it goes."""
    features = topic_features(sentences, matcher, direct, vectors, headlines)
    decision = decide(features, matcher.rule)
    chosen, carried = decision.chosen, decision.carried
    assigned: dict[SentenceKey, dict[str, float]] = {}
    for row, sentence in enumerate(sentences):
        topics = {}
        for column in numpy.flatnonzero(chosen[row]):
            slug = matcher.topics[column].slug
            # Strength: a term is sure evidence; meaning or context alone, half as sure.
            topics[slug] = DIRECT if features.named[row, column] else CONTEXT
            if evidence is not None:
                if carried[row, column]:
                    evidence[(sentence.key, slug)] = "completes the sentence before it, which is on the topic"
                elif features.named[row, column]:
                    evidence[(sentence.key, slug)] = _names(matcher, sentence, slug)
                else:
                    evidence[(sentence.key, slug)] = _meaning_evidence(float(features.meaning[row, column]),
                                                                       bool(features.beside[row, column]),
                                                                       bool(decision.by_context[row, column]))
        assigned[sentence.key] = topics
    return assigned


def _article_scope(sentences, vectors, matcher, excluded) -> dict[str, float]:
    """How much each article is about the briefing's story: its sentences' mean likeness to the
    scope (its description and examples, and the topics'); a sentence naming an exclusion counts 0."""
    scope = matcher.scope_vectors()
    per_article: dict[str, list[float]] = defaultdict(list)
    likeness = cosine(vectors, scope).max(axis=1) if len(scope) else numpy.ones(len(sentences))
    for row, sentence in enumerate(sentences):
        per_article[sentence.key.article_id].append(0.0 if OUT_OF_SCOPE in excluded[row] else float(likeness[row]))
    return {article: sum(values) / len(values) for article, values in per_article.items()}


def _topic_meaning(sentences, matcher, direct, vectors, excluded) -> numpy.ndarray:
    """Per sentence and topic: how like the topic it is, the best of its description and examples
    and the centre of this period's in-scope sentences that name it."""
    result = numpy.zeros((len(sentences), len(matcher.topics)), dtype=numpy.float32)
    for column, topic in enumerate(matcher.topics):
        anchors = matcher.topic_vectors(topic.slug)
        rows = [r for r, s in enumerate(sentences) if topic.slug in direct[s.key] and not excluded[r]]
        if rows:
            centre = vectors[rows].mean(axis=0)
            centre /= max(float(numpy.linalg.norm(centre)), 1e-9)
            anchors = numpy.vstack([anchors, centre[None, :]]) if len(anchors) else centre[None, :]
        if len(anchors):
            result[:, column] = cosine(vectors, anchors).max(axis=1)
    return result


def _article_shares(sentences, direct) -> dict[str, dict[str, float]]:
    """Per article, the share of its sentences that name each topic."""
    counts: dict[str, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    for sentence in sentences:
        sizes[sentence.key.article_id] += 1
        counts[sentence.key.article_id].update(direct[sentence.key])
    return {article: {slug: n / sizes[article] for slug, n in topic_counts.items()}
            for article, topic_counts in counts.items()}


def _beside(sentences, row, direct) -> set[str]:
    """The topics named by the sentences just before and after this one in its paragraph."""
    sentence = sentences[row]
    found: set[str] = set()
    for other in (row - 1, row + 1):
        if 0 <= other < len(sentences):
            neighbour = sentences[other]
            if neighbour.key.article_id == sentence.key.article_id and neighbour.paragraph == sentence.paragraph:
                found.update(direct[neighbour.key])
    return found


def _names(matcher: TopicMatcher, sentence: TopicSentence, slug: str) -> str:
    return "names " + ", ".join(f"\u201c{t}\u201d" for t in matcher.terms_in(sentence.stems, slug))


def _meaning_evidence(likeness: float, beside: bool, by_context: bool = False) -> str:
    where = " and stands beside a sentence that names the topic" if beside else ""
    context = "; its article and the sentences around it are on the topic" if by_context else ""
    return f"is close in meaning to the topic's description, examples and sentences ({likeness:.2f}){where}{context}"


def _context_evidence(shared: set[str], beside: bool) -> str:
    words = ", ".join(sorted(shared)[:5])
    where = " and stands beside a sentence that names the topic" if beside else ""
    return f"shares words this briefing's articles use for the topic ({words}){where}"
