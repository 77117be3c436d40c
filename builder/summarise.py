"""Extractive summaries with sumy: every summary sentence is a sentence of the article."""

from __future__ import annotations

import math
import re
import threading
from typing import Any

import numpy

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from .records import ArticleRecord, SentenceRecord
from .sentences import MemoStemmer, NewsTokenizer
from .summarisers import BriefingSummarizer, LeadSummarizer

DEFAULT_ALGORITHM = "briefing"
# sumy's random summariser is left out on purpose: builds must be deterministic.
ALGORITHMS = {
    "briefing": BriefingSummarizer,
    "lead": LeadSummarizer,
    "lex-rank": LexRankSummarizer,
    "text-rank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "edmundson": EdmundsonSummarizer,
    "sum-basic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}
SUMY_ALGORITHMS = {cls for name, cls in ALGORITHMS.items() if name not in {"briefing", "lead"}}
# "auto" grows with the square root of the article: a quarter of a typical 25-sentence story,
# but a 6-sentence note keeps 3 and a 60-sentence feature 10, not 15. Never over half.
AUTO_FACTOR, AUTO_MIN, AUTO_MAX = 1.25, 2, 10


# The longest of the 1,810 BBC articles (shared/eval/bbc) has 244 sentences and its longest
# sentence 235 words (99.9% have 65 or fewer). Rating is quadratic in sentences: measured here,
# 100 sentences 0.14 s, 200 0.37 s, 300 0.81 s, 400 1.42 s, a whole 1,438-sentence document 14 s.
# So past these bounds an article's text is published whole, but only its first 250 sentences
# (every BBC article whole) compete for its summary.
MAX_RATED_SENTENCES = 250
MAX_SENTENCE_WORDS = 250


def parse_length(value: Any):
    """Check a summary-length setting: 'auto', a positive count, or a share like '20%'."""
    if value == "auto":
        return "auto"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, str) and (match := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", value)):
        share = float(match.group(1)) / 100
        if 0 < share <= 1:
            return share
    raise ValueError(f"must be 'auto', a number of sentences (1 or more) or a share like '20%', not {value!r}")


def summary_count(length: Any, sentence_count: int) -> int:
    """How many sentences a summary of an article of this many sentences gets."""
    parsed = parse_length(length)
    if parsed == "auto":
        count = min(AUTO_MAX, max(AUTO_MIN, round(AUTO_FACTOR * math.sqrt(sentence_count))))
        count = min(count, max(1, sentence_count // 2))
    elif isinstance(parsed, float):
        count = max(1, round(sentence_count * parsed))
    else:
        count = parsed
    return min(count, sentence_count)


class _RatingRecorder:
    """Mixin that keeps the ratings a sumy summariser computed, so ranks can be compared."""

    ratings: dict

    def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
        rate = rating.__getitem__ if isinstance(rating, dict) else rating
        self.ratings = {s: float(rate(s, *args, **kwargs)) for s in sentences}
        return super()._get_best_sentences(sentences, count, self.ratings)


# A summariser is made once per process and thread (a Dask worker runs tasks in threads) and
# kept: sumy reads its stop words from a file and normalises them each time one is made, 0.3 s
# of those 300 articles. Each call sets its ratings afresh, so one summariser serves them all.
_made = threading.local()


def make_summariser(name: str, language: str, bonus_words: tuple[str, ...] = ()):
    """A sumy summariser chosen by name, with stemmer, stop words and rating capture."""
    made = _made.__dict__.setdefault("summarisers", {})
    key = (name, language, bonus_words)
    if key not in made:
        made[key] = _new_summariser(name, language, bonus_words)
    return made[key]


def _new_summariser(name: str, language: str, bonus_words: tuple[str, ...]):
    base = ALGORITHMS[name]
    # Our own summarisers keep their ratings themselves; sumy's get a recorder mixed in.
    recorder = type(f"Recorded{base.__name__}", (_RatingRecorder, base), {})
    summariser = recorder(MemoStemmer(language)) if base in SUMY_ALGORITHMS else base(MemoStemmer(language))
    stop_words = get_stop_words(language)
    if isinstance(summariser, EdmundsonSummarizer):
        # Edmundson's cue method needs cue words: topic terms are bonus words, stop words null.
        summariser.bonus_words = bonus_words or ("said",)
        summariser.stigma_words = ("reportedly",)
        summariser.null_words = stop_words
    elif hasattr(summariser, "stop_words"):
        summariser.stop_words = stop_words
    return summariser


def split_sentences(record: ArticleRecord, tokenizer: NewsTokenizer) -> list[SentenceRecord]:
    """Every body sentence with its paragraph and position."""
    return [
        SentenceRecord(paragraph=p, index=i, text=text)
        for p, paragraph in enumerate(record.paragraphs)
        for i, text in enumerate(tokenizer.to_sentences(paragraph))
    ]


def make_document(sentences: list[SentenceRecord], tokenizer: NewsTokenizer, title: str = "") -> ObjectDocumentModel:
    """A sumy document of the sentences, paragraph by paragraph, with the title as heading."""
    paragraphs: dict[int, list[Sentence]] = {}
    for s in sentences:
        paragraphs.setdefault(s.paragraph, []).append(Sentence(s.text, tokenizer))
    body = [Paragraph(paragraphs[p]) for p in sorted(paragraphs)]
    if title:
        # Edmundson's title method reads headings; the others ignore them.
        body.insert(0, Paragraph([Sentence(title, tokenizer, is_heading=True)]))
    return ObjectDocumentModel(tuple(body))


def run_summariser(summariser, document: ObjectDocumentModel, count: int) -> tuple[list[float], set[int]]:
    """Run a summariser: its rating of every body sentence and the positions it chose."""
    sentences = document.sentences
    # Graph methods divide by zero on tiny articles; such ratings are treated as zero below.
    with numpy.errstate(divide="ignore", invalid="ignore"):
        picked = {id(s) for s in summariser(document, count)}
    ratings = getattr(summariser, "ratings", {})
    values = [float(ratings.get(s, 0.0)) for s in sentences]
    values = [v if math.isfinite(v) else 0.0 for v in values]
    return values, {i for i, s in enumerate(sentences) if id(s) in picked}


def summarise(sentences: list[SentenceRecord], tokenizer: NewsTokenizer, algorithm: str, length: Any,
              language: str, title: str = "", bonus_words: tuple[str, ...] = ()) -> tuple[SentenceRecord, ...]:
    """Rate the sentences with the chosen algorithm and mark the best ones as the summary."""
    if not sentences:
        return ()
    # The algorithms compare every pair of sentences: a long document is rated on its opening
    # sentences only, and a "sentence" of thousands of words (a line with no full stop) never.
    rated = [i for i, s in enumerate(sentences[:MAX_RATED_SENTENCES]) if len(s.text.split()) <= MAX_SENTENCE_WORDS]
    if not rated:
        return tuple(sentences)
    document = make_document([sentences[i] for i in rated], tokenizer, title)
    summariser = make_summariser(algorithm, language, bonus_words)
    ratings, chosen = run_summariser(summariser, document, summary_count(length, len(rated)))
    scores = dict(zip(rated, _scale(ratings)))
    chosen_rows = {rated[i] for i in chosen}
    return tuple(
        SentenceRecord(s.paragraph, s.index, s.text, score=round(scores.get(i, 0.0), 6), in_summary=i in chosen_rows)
        for i, s in enumerate(sentences)
    )


def _scale(values: list[float]) -> list[float]:
    """Scale ratings to 0..1 within one article (algorithms rate on different scales)."""
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return [1.0 for _ in values]
    return [(v - low) / (high - low) for v in values]
