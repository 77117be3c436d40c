"""`briefing eval`: score every summariser on articles with reference summaries.

The data is read where it lies (by default the BBC development set in ../shared/eval/bbc), laid
out as an index.csv (id, category, title, article, summary) with the article and summary paths
relative to it. References are silver and their sentences are glued together; methods are
compared at equal length: the reference's sentence count, and a fixed share of the article.
ROUGE comes from the `rouge-score` package (Porter stemming on); ROUGE-Lsum reads one sentence
per line.
"""

from __future__ import annotations

import csv
import functools
import os
import random
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .readers.decoding import decode
from .readability import Faults, summary_faults
from .records import SentenceRecord
from .sentences import NewsTokenizer
from .summarise import (ALGORITHMS, DEFAULT_ALGORITHM, make_document, make_summariser, run_summariser,
                        summary_count)

DEFAULT_DATA = Path("..") / "shared" / "eval" / "bbc"
DEFAULT_RATIO = 0.25
LENGTH_MODES = ("reference", "ratio")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
# A reference sentence ends at . ! ? (or a closing quote) glued to the next capital or quote.
_REFERENCE_BREAK = re.compile(r"(?<=[.!?])(?=[\"“]?[A-Z])|(?<=[.!?][\"”'’])(?=[\"“]?[A-Z])")
# "U.S.A" or "J.K." glued to a capital is an abbreviation, not a break.
_INITIALS = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Prof|No|Co|Inc|Ltd|Jr|Sr)\.$")


class EvalError(Exception):
    """The evaluation data cannot be used; the message says why."""


@dataclass(frozen=True)
class EvalArticle:
    """One article of the evaluation set: its body and the reference summary's sentences."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    reference: tuple[str, ...]


@dataclass
class Score:
    """Averages for one summariser at one length mode."""

    r1: float
    r2: float
    rlsum: float
    seconds_per_article: float


@dataclass
class Report:
    """Everything `briefing eval` measured."""

    data: str
    articles: int
    ratio: float
    default: str
    scores: dict[str, dict[str, Score]]
    readability: dict[str, dict[str, dict[str, float]]]  # corpus -> summariser -> rule -> share
    skipped: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The report as plain data: per summariser and length mode, r1, r2, rlsum, seconds."""
        return {
            "data": self.data, "articles": self.articles, "ratio": self.ratio, "default": self.default,
            "results": {name: {mode: vars(score) for mode, score in modes.items()}
                        for name, modes in self.scores.items()},
            "readability": self.readability, "skipped": self.skipped,
        }


def split_reference(summary: str, article: str = "") -> list[str]:
    """Split a reference whose sentences were joined with no space ("...bn.Quarterly ...").

    A break between a full stop and a quote is ambiguous (`growth."It` may close one quotation
    or open the next), so a piece is accepted where the article has it followed by a space.
    """
    text = re.sub(r"\s+", " ", summary).strip()
    body = " ".join(article.split()) + " "
    ends = sorted({m.start() for m in _REFERENCE_BREAK.finditer(text)})
    pieces, start = [], 0
    while start < len(text):
        # A piece needs a word: a lone quote mark is never a sentence.
        candidates = [e for e in ends if e > start and re.search(r"\w", text[start:e])]
        if not candidates:
            break
        plain = [e for e in candidates if not _INITIALS.search(text[start:e])]
        found = next((e for e in candidates if body != " " and text[start:e].strip() + " " in body), None)
        end = found if found is not None else (plain[0] if plain else None)
        if end is None:
            break
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def load_dataset(folder: Path, sample: int | None = None, limit: int | None = None,
                 seed: int = 0) -> tuple[list[EvalArticle], list[str]]:
    """Read the index and the articles it names; return the articles and what was skipped."""
    index = Path(folder) / "index.csv"
    if not index.is_file():
        raise EvalError(f"{index}: no index.csv (expected columns id, category, title, article, summary)")
    with open(index, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"id", "article", "summary"} - set(rows[0] if rows else {})
    if missing:
        raise EvalError(f"{index}: missing column(s) {', '.join(sorted(missing))}")
    if sample is not None and sample < len(rows):
        rows = sorted(random.Random(seed).sample(rows, sample), key=lambda r: r["id"])
    if limit is not None:
        rows = rows[:limit]
    articles, skipped = [], []
    for row in rows:
        try:
            articles.append(_load_article(Path(folder), row))
        except (OSError, ValueError) as error:
            skipped.append(f"{row['id']}: {error}")
    return articles, skipped


def _load_article(folder: Path, row: dict) -> EvalArticle:
    """One article: line 1 is the headline, then paragraphs separated by blank lines."""
    text = decode((folder / row["article"]).read_bytes())[0]
    summary = decode((folder / row["summary"]).read_bytes())[0]
    blocks = [re.sub(r"\s+", " ", b).strip() for b in re.split(r"\n\s*\n", text.strip())]
    title, paragraphs = blocks[0], tuple(b for b in blocks[1:] if b)
    reference = tuple(split_reference(summary, text))
    if not paragraphs or not reference:
        raise ValueError("empty article or reference")
    return EvalArticle(row["id"], row.get("title") or title, paragraphs, reference)


def article_sentences(paragraphs: Sequence[str], tokenizer: NewsTokenizer) -> list[SentenceRecord]:
    """The body sentences, paragraph by paragraph."""
    return [SentenceRecord(p, i, text) for p, paragraph in enumerate(paragraphs)
            for i, text in enumerate(tokenizer.to_sentences(paragraph))]


def _evaluate_one(job: tuple[EvalArticle, tuple[str, ...], float, str]) -> dict:
    """Score every summariser on one article (run in a worker process)."""
    from rouge_score import rouge_scorer

    article, names, ratio, language = job
    tokenizer = NewsTokenizer(language)
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    sentences = article_sentences(article.paragraphs, tokenizer)
    texts = [s.text for s in sentences]
    counts = {"reference": min(len(article.reference), len(sentences)),
              "ratio": summary_count(f"{ratio * 100}%", len(sentences))}
    target = "\n".join(article.reference)
    stems = _stemmer(language)
    # One document for every summariser: sumy's summarisers read it and change nothing.
    document = make_document(sentences, tokenizer, article.title)
    result: dict = {}
    for name in names:
        for mode, count in counts.items():
            summariser = make_summariser(name, language)
            started = time.perf_counter()
            _, chosen = run_summariser(summariser, document, count)
            seconds = time.perf_counter() - started
            prediction = "\n".join(texts[i] for i in sorted(chosen))
            scores = scorer.score(target, prediction)
            faults = summary_faults(texts, sorted(chosen), stems) if mode == "reference" else None
            result[(name, mode)] = ([scores[t].fmeasure for t in ROUGE_TYPES], seconds, faults)
    return result


@functools.lru_cache(maxsize=None)
def _stemmer(language: str) -> Callable[[str], frozenset[str]]:
    """Content-word stems of a sentence, for the near-duplicate rule (as the digest sees them)."""
    from .topics import StemAnalyser

    return StemAnalyser(language).content_stems


def evaluate(articles: list[EvalArticle], names: Sequence[str], ratio: float = DEFAULT_RATIO,
             language: str = "english", jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> tuple[dict, dict]:
    """Scores and readability of each summariser over the articles, in parallel."""
    work = [(a, tuple(names), ratio, language) for a in articles]
    results: list[dict] = []
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_evaluate_one, work, chunksize=8):
                results.append(result)
                if progress:
                    progress(len(results), len(work))
    else:
        for job in work:
            results.append(_evaluate_one(job))
            if progress:
                progress(len(results), len(work))
    scores = {name: {mode: _average([r[(name, mode)] for r in results]) for mode in LENGTH_MODES}
              for name in names}
    readability = {name: _shares([r[(name, "reference")][2] for r in results]) for name in names}
    return scores, readability


def _average(rows: list[tuple[list[float], float, Faults | None]]) -> Score:
    """Mean ROUGE F1 (x100) and seconds per article."""
    if not rows:
        return Score(0.0, 0.0, 0.0, 0.0)
    r1, r2, rl = (100 * statistics.fmean(row[0][k] for row in rows) for k in range(3))
    return Score(round(r1, 2), round(r2, 2), round(rl, 2), round(statistics.fmean(row[1] for row in rows), 5))


def _shares(faults: Iterable[Faults]) -> dict[str, float]:
    """Readability faults as shares (in %) of summary sentences or sentence pairs."""
    faults = list(faults)
    sentences = sum(f.sentences for f in faults) or 1
    pairs = sum(f.pairs for f in faults) or 1
    return {
        "dangling": round(100 * sum(f.dangling for f in faults) / sentences, 2),
        "quotation_fragments": round(100 * sum(f.quotation_fragments for f in faults) / sentences, 2),
        "debris": round(100 * sum(f.debris for f in faults) / sentences, 2),
        "duplicate_pairs": round(100 * sum(f.duplicate_pairs for f in faults) / pairs, 2),
    }


def content_readability(summaries: dict[str, list[tuple[list[str], list[int]]]],
                        language: str = "english") -> dict[str, dict[str, float]]:
    """Readability shares of summaries already made (per summariser: article sentences, chosen)."""
    stems = _stemmer(language)
    return {name: _shares(summary_faults(texts, chosen, stems) for texts, chosen in items)
            for name, items in summaries.items()}


def summarise_folder(folder: Path, config, name: str) -> list[tuple[list[str], list[int]]]:
    """Summaries of every article in a folder by the named summariser, at the site's length."""
    from dataclasses import replace

    from .prepare import prepare_bytes
    from .records import PreparedArticle

    config = replace(config, algorithm=name)
    made = []
    for path in sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")):
        for prepared in prepare_bytes(path.read_bytes(), str(path), config, path.name):
            if isinstance(prepared, PreparedArticle):
                made.append(([s.text for s in prepared.sentences],
                             [i for i, s in enumerate(prepared.sentences) if s.in_summary]))
    return made


def all_summarisers() -> list[str]:
    """Every summariser the project offers, the default first and the baseline second."""
    rest = sorted(n for n in ALGORITHMS if n not in {DEFAULT_ALGORITHM, "lead"})
    return [DEFAULT_ALGORITHM, "lead", *rest]


def format_table(report: Report) -> str:
    """The report as a plain-text table: ROUGE per length mode, speed and readability."""
    header = (f"{'summariser':<12} {'mode':<9} {'R1':>6} {'R2':>6} {'RLsum':>6} {'ms/art':>7}"
              f"  {'dangl%':>6} {'quote%':>6} {'debris%':>7} {'dup%':>5}")
    lines = [f"{report.articles} articles from {report.data}; length = reference's sentence count, "
             f"or ratio = {report.ratio:.0%} of the article; ROUGE F1 x100 (stemmed)", header, "-" * len(header)]
    for name, modes in report.scores.items():
        marker = "*" if name == report.default else " "
        for mode, score in modes.items():
            dev = report.readability.get("dev", {}).get(name, {}) if mode == "reference" else {}
            faults = (f"  {dev['dangling']:>6.1f} {dev['quotation_fragments']:>6.1f} {dev['debris']:>7.1f}"
                      f" {dev['duplicate_pairs']:>5.1f}") if dev else ""
            lines.append(f"{marker}{name:<11} {mode:<9} {score.r1:>6.1f} {score.r2:>6.1f} {score.rlsum:>6.1f}"
                         f" {score.seconds_per_article * 1000:>7.1f}{faults}")
    content = report.readability.get("content")
    if content:
        lines += ["", "Readability of the site's summaries (content/, site length setting), % of sentences / pairs:",
                  f"{'summariser':<12} {'dangl%':>6} {'quote%':>6} {'debris%':>7} {'dup%':>5}"]
        for name, shares in content.items():
            lines.append(f"{name:<12} {shares['dangling']:>6.1f} {shares['quotation_fragments']:>6.1f}"
                         f" {shares['debris']:>7.1f} {shares['duplicate_pairs']:>5.1f}")
    lines.append(f"* default summariser ({report.default})")
    if report.skipped:
        lines.append(f"skipped {len(report.skipped)}: " + "; ".join(report.skipped[:5]))
    return "\n".join(lines)
