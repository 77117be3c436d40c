"""How well any one similarity threshold could tell same-development pairs on the development set.

For every pair of labelled sentences of different articles in one briefing (at least one of them
labelled with a development), the best F1 any threshold reaches on: the digest's TF-IDF
similarity, WordLlama's cosine, and blends of the two. It bounds what tuning a threshold can do
for the digest's cross-source pair F1, whatever the clustering.

    .venv/bin/python benchmarks/measure_pair_ceiling.py [devset/]
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import devset, devset_eval, meaning  # noqa: E402
from builder.digest import sentence_similarity  # noqa: E402
from builder.topics import StemAnalyser  # noqa: E402


def pairs(folder: Path) -> numpy.ndarray:
    """Rows of (TF-IDF similarity, embedding cosine, same development) over every story."""
    rows = []
    for story_folder in devset.story_folders(folder):
        story = devset.load_story(story_folder)
        analyser = StemAnalyser(story.config.language)
        for _, articles in devset_eval.windows(story):
            items = [(a.record.id, s.text, label.development) for a in articles for s in a.sentences
                     if (label := story.label(a, s.text)) is not None]
            if len(items) < 2:
                continue
            texts = [text for _, text, _ in items]
            words = sentence_similarity(texts, analyser)
            vectors = meaning.embed(texts)
            likeness = meaning.cosine(vectors, vectors)
            for i, j in itertools.combinations(range(len(items)), 2):
                if items[i][0] == items[j][0] or (items[i][2] is None and items[j][2] is None):
                    continue
                rows.append((words[i, j], likeness[i, j], items[i][2] is not None and items[i][2] == items[j][2]))
    return numpy.array(rows, dtype=float)


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


if __name__ == "__main__":
    main()
