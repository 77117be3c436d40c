"""Measure SAME_POINT on real headlines: how alike are two outlets' wordings of one development?

Data: benchmarks/data/same-development.json, headlines gathered from stored public web pages
(news-aggregator lists of one story's coverage, and different outlets' pages on one event; see
its "source" field). Each cluster holds the headlines of different outlets that report ONE
development; "distractors" are single headlines of other developments of the same subjects.

Similarity is computed exactly as the digest computes it: content stems of each headline with
its dates removed, TF-IDF cosine with the IDF taken over all headlines of the file (the digest
takes it over the period's sentences).

Reported:
- positives: pairs within a cluster (different outlets, same development);
- negatives: pairs of different developments (across clusters, distractors included), split into
  same-subject (hard) and other-subject;
- pairwise precision and recall of "sim >= t means same development" for a few thresholds;
- the average-link view the clustering uses: each clustered headline's mean similarity to the rest
  of its cluster against its best mean similarity to another development of the same subject.

    .venv/bin/python benchmarks/measure_same_point.py [--data benchmarks/data/same-development.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.digest import SAME_POINT  # noqa: E402
from builder.timeline import without_dates  # noqa: E402
from builder.similarity import tfidf_cosine  # noqa: E402
from builder.topics import StemAnalyser  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4)


@dataclass(frozen=True)
class Headline:
    text: str
    outlet: str
    development: int  # index of its development (a cluster, or a distractor of its own)
    subject: str
    clustered: bool


def load(path: Path) -> list[Headline]:
    """Clustered headlines first, then each distractor as a development of its own."""
    data = json.loads(path.read_text(encoding="utf-8"))
    headlines = [Headline(h["text"], h["outlet"], i, c["subject"], True)
                 for i, c in enumerate(data["clusters"]) for h in c["headlines"]]
    first = len(data["clusters"])
    headlines += [Headline(d["text"], d["outlet"], first + i, d["subject"], False)
                  for i, d in enumerate(data.get("distractors", []))]
    return headlines


def similarities(headlines: list[Headline]) -> numpy.ndarray:
    """TF-IDF cosine of every pair, as the digest does it."""
    analyser = StemAnalyser("english")
    return tfidf_cosine([analyser.content_stems(without_dates(h.text)) for h in headlines])


def pair_groups(headlines: list[Headline], sim: numpy.ndarray) -> dict[str, numpy.ndarray]:
    """Similarities of positive pairs, hard (same-subject) and other-subject negative pairs."""
    groups: dict[str, list[float]] = {"positive": [], "hard": [], "other": []}
    for i, j in itertools.combinations(range(len(headlines)), 2):
        a, b = headlines[i], headlines[j]
        if a.development == b.development:
            groups["positive"].append(sim[i, j])
        elif a.subject == b.subject:
            groups["hard"].append(sim[i, j])
        else:
            groups["other"].append(sim[i, j])
    return {k: numpy.array(v, dtype=float) for k, v in groups.items()}


def describe(values: numpy.ndarray, stats: tuple[str, ...]) -> str:
    """count plus the named statistics (min, max, median, pNN)."""
    parts = [f"n={len(values)}"]
    for stat in stats:
        if stat in ("min", "max", "median"):
            figure = {"min": numpy.min, "max": numpy.max, "median": numpy.median}[stat](values)
        else:
            figure = numpy.percentile(values, float(stat[1:]))
        parts.append(f"{stat}={figure:.3f}")
    return "  ".join(parts)


def precision_recall(groups: dict[str, numpy.ndarray], threshold: float) -> tuple[int, int, float, float]:
    """Pairwise: sim >= threshold predicts the same development."""
    negatives = numpy.concatenate([groups["hard"], groups["other"]])
    true_pos = int(numpy.sum(groups["positive"] >= threshold))
    false_pos = int(numpy.sum(negatives >= threshold))
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else float("nan")
    return true_pos, false_pos, precision, true_pos / len(groups["positive"])


def average_link(headlines: list[Headline], sim: numpy.ndarray) -> list[tuple[Headline, float, float, str]]:
    """For each clustered headline: mean similarity to the rest of its cluster, and the highest
    mean similarity to another development of the same subject (with that development's first
    headline)."""
    members: dict[int, list[int]] = {}
    for row, h in enumerate(headlines):
        members.setdefault(h.development, []).append(row)
    rows = []
    for row, h in enumerate(headlines):
        if not h.clustered:
            continue
        own = [r for r in members[h.development] if r != row]
        best, best_label = 0.0, "-"
        for development, others in members.items():
            if development != h.development and headlines[others[0]].subject == h.subject:
                mean = float(numpy.mean(sim[row, others]))
                if mean > best:
                    best, best_label = mean, headlines[others[0]].text
        rows.append((h, float(numpy.mean(sim[row, own])), best, best_label))
    return rows


def report(headlines: list[Headline], sim: numpy.ndarray) -> None:
    groups = pair_groups(headlines, sim)
    clusters = {h.development for h in headlines if h.clustered}
    print(f"{len(clusters)} clusters, {sum(h.clustered for h in headlines)} clustered headlines, "
          f"{sum(not h.clustered for h in headlines)} distractors, "
          f"{len({h.subject for h in headlines})} subjects; digest SAME_POINT = {SAME_POINT}")
    print()
    print("positives (same development)      ", describe(groups["positive"], ("min", "p10", "median")))
    print("hard negatives (same subject)     ", describe(groups["hard"], ("max", "p90", "p99", "median")))
    all_negatives = numpy.concatenate([groups["hard"], groups["other"]])
    print("all negatives                     ", describe(all_negatives, ("max", "p90", "p99", "median")))
    print()
    print("threshold  TP  FP  precision  recall   (pairwise, sim >= t means same development)")
    for t in THRESHOLDS:
        tp, fp, precision, recall = precision_recall(groups, t)
        print(f"  {t:<7.2f} {tp:3d} {fp:3d}  {precision:9.3f}  {recall:6.3f}")
    print()
    print("average link: mean sim to own cluster | best mean sim to another same-subject development")
    rows = average_link(headlines, sim)
    for h, own, rival, rival_text in rows:
        flag = "" if own > rival else "  <-- closer to another development"
        print(f"  {own:5.3f} | {rival:5.3f}  [{h.outlet}] {h.text[:70]}{flag}")
        if own <= rival:
            print(f"{'':18}rival: {rival_text[:70]}")
    for t in THRESHOLDS:
        joins = sum(own >= t for _, own, _, _ in rows)
        wrong = sum(rival >= t for _, _, rival, _ in rows)
        print(f"  t={t:.2f}: {joins}/{len(rows)} headlines reach their own cluster; "
              f"{wrong}/{len(rows)} reach another same-subject development")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "same-development.json")
    args = parser.parse_args()
    headlines = load(args.data)
    report(headlines, similarities(headlines))


if __name__ == "__main__":
    main()
