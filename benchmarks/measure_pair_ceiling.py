"""How well any one similarity threshold could tell same-development pairs on the development set.

For every pair of labelled sentences of different articles in one briefing (at least one of them
labelled with a development), the best F1 any threshold reaches on: the digest's TF-IDF
similarity, WordLlama's cosine, and blends of the two. It bounds what tuning a threshold can do
for the digest's cross-source pair F1, whatever the clustering. Then the bound the points' shape
sets: the share of same-development pairs that could share a point if a point held at most one
sentence of each article (as before a point could take a neighbouring sentence of its article).
Last, whether evidence beyond one sentence's words helps when learned: a logistic regression over
six signals (TF-IDF, WordLlama cosine, the best likeness of the two sentences' neighbours, the
likeness of the two headlines, shared names, a shared figure), fitted on one story and scored on
the other, against TF-IDF alone on that story.

    .venv/bin/python benchmarks/measure_pair_ceiling.py [devset/]
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import devset, devset_eval, meaning  # noqa: E402
from builder.digest import sentence_similarity  # noqa: E402
from builder.entities import find_mentions  # noqa: E402
from builder.figures import extract_figures  # noqa: E402
from builder.topics import StemAnalyser  # noqa: E402


SIGNALS = ["TF-IDF", "WordLlama cosine", "neighbours' TF-IDF", "headlines' cosine", "shared names", "shared figure"]


def pairs(folder: Path) -> numpy.ndarray:
    """Rows of (TF-IDF similarity, embedding cosine, same development, story number, the other
    signals of SIGNALS) over every story."""
    rows = []
    for number, story_folder in enumerate(devset.story_folders(folder)):
        story = devset.load_story(story_folder)
        analyser = StemAnalyser(story.config.language)
        for _, articles in devset_eval.windows(story):
            ids = sorted({a.record.id for a in articles})
            heads = {a.record.id: f"{a.record.title}. {a.record.dek or ''}" for a in articles}
            head_vectors = meaning.embed([heads[i] for i in ids])
            heads_alike = dict(zip(ids, (dict(zip(ids, row)) for row in meaning.cosine(head_vectors, head_vectors))))
            items = [(a.record.id, s.text, label.development) for a in articles for s in a.sentences
                     if (label := story.label(a, s.text)) is not None]
            if len(items) < 2:
                continue
            texts = [text for _, text, _ in items]
            words = sentence_similarity(texts, analyser)
            vectors = meaning.embed(texts)
            likeness = meaning.cosine(vectors, vectors)
            names = [{m.name for m in find_mentions(text)} for text in texts]
            figures = [{f.value for f in extract_figures(text)} for text in texts]

            def beside(k: int) -> list[int]:
                return [m for m in (k - 1, k + 1) if 0 <= m < len(items) and items[m][0] == items[k][0]]

            for i, j in itertools.combinations(range(len(items)), 2):
                if items[i][0] == items[j][0] or (items[i][2] is None and items[j][2] is None):
                    continue
                context = max([words[a, b] for a in beside(i) + [i] for b in beside(j) + [j] if (a, b) != (i, j)],
                              default=0.0)
                shared = len(names[i] & names[j]) / max(1, len(names[i] | names[j]))
                rows.append((words[i, j], likeness[i, j], items[i][2] is not None and items[i][2] == items[j][2],
                             number, context, float(heads_alike[items[i][0]][items[j][0]]), shared, bool(figures[i] & figures[j])))
    return numpy.array(rows, dtype=float)


def one_per_article_bound(folder: Path) -> tuple[int, int]:
    """Same-development pairs of labelled sentences of different articles, over every briefing,
    and how many of them points of at most one sentence per article could hold at best."""
    pairs_total = reachable = 0
    for story_folder in devset.story_folders(folder):
        story = devset.load_story(story_folder)
        for _, articles in devset_eval.windows(story):
            per_development: dict[str, Counter] = defaultdict(Counter)
            for article in articles:
                for sentence in article.sentences:
                    label = story.label(article, sentence.text)
                    if label is not None and label.development:
                        per_development[label.development][article.record.id] += 1
            for counts in per_development.values():
                sizes = list(counts.values())
                pairs_total += sum(a * b for a, b in itertools.combinations(sizes, 2))
                # The best points take the j-th sentence of every article that has one.
                for j in range(max(sizes)):
                    members = sum(1 for n in sizes if n > j)
                    reachable += members * (members - 1) // 2
    return pairs_total, reachable


def logistic(features: numpy.ndarray, target: numpy.ndarray, steps: int = 25) -> numpy.ndarray:
    """A logistic regression's weights (intercept last), fitted by Newton's method, a little ridge."""
    x = numpy.hstack([features, numpy.ones((len(features), 1))])
    weights = numpy.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + numpy.exp(-x @ weights))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + 1e-3 * numpy.eye(x.shape[1])
        weights -= numpy.linalg.solve(hessian, x.T @ (p - target) + 1e-3 * weights)
    return weights


def learned_blend(table: numpy.ndarray) -> list[tuple[int, float, float]]:
    """Per story: the best F1 of a blend of every signal fitted on the other stories, and of TF-IDF."""
    features = numpy.hstack([table[:, :2], table[:, 4:]])
    features = (features - features.mean(axis=0)) / (features.std(axis=0) + 1e-9)
    same, story = table[:, 2] > 0, table[:, 3]
    results = []
    for held_out in numpy.unique(story):
        train, test = story != held_out, story == held_out
        weights = logistic(features[train], same[train].astype(float))
        blend = features[test] @ weights[:-1]
        results.append((int(held_out), best_f1(blend, same[test])[0], best_f1(table[test, 0], same[test])[0]))
    return results


def best_f1(score: numpy.ndarray, same: numpy.ndarray) -> tuple[float, float]:
    """The best F1 of `score >= t` over thresholds t, and that t."""
    best = (0.0, 0.0)
    for threshold in numpy.quantile(score, numpy.linspace(0.5, 0.999, 300)):
        chosen = score >= threshold
        f1 = 2 * (chosen & same).sum() / max(1, chosen.sum() + same.sum())
        best = max(best, (float(f1), float(threshold)))
    return best


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "devset"
    table = pairs(folder)
    same = table[:, 2] > 0
    print(f"{len(table)} pairs of sentences of different articles, {int(same.sum())} of one development")
    print("| similarity | best F1 | at |\n|---|---|---|")
    for name, score in [("TF-IDF (the digest's)", table[:, 0]), ("WordLlama cosine", table[:, 1])] + [
            (f"TF-IDF + {w} x (cosine - {b})", table[:, 0] + w * numpy.maximum(0, table[:, 1] - b))
            for w in (0.5, 1.0) for b in (0.3, 0.5)]:
        f1, threshold = best_f1(score, same)
        print(f"| {name} | {f1:.3f} | {threshold:.2f} |")
    stories = [f.name for f in devset.story_folders(folder)]
    if len(stories) > 1:
        print(f"\nlearned from the other stories ({', '.join(SIGNALS)}):")
        print("| story | blend's best F1 | TF-IDF's best F1 |\n|---|---|---|")
        for number, blend, words in learned_blend(table):
            print(f"| {stories[number]} | {blend:.3f} | {words:.3f} |")
    total, reachable = one_per_article_bound(folder)
    print(f"\npoints of one sentence per article could hold at most {reachable} of the {total} "
          f"same-development pairs (recall {reachable / total:.2f})")


if __name__ == "__main__":
    main()
