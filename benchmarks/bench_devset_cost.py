"""What meaning costs: topic assignment and the digest timed on the development set's briefings.

    .venv/bin/python benchmarks/bench_devset_cost.py

Prints the best of three runs of each step over the 22 briefings of devset/ (78 article-briefings,
805 sentences), per article and briefing. Run it on an idle machine.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import devset, devset_eval, meaning  # noqa: E402
from builder.digest import build_briefing, headlines_of, topic_matcher, topic_sentences_of  # noqa: E402
from builder.topics import StemAnalyser, assign_topics  # noqa: E402


def main() -> None:
    stories = [devset.load_story(folder) for folder in devset.story_folders(ROOT / "devset")]
    briefings = [(story, day, articles) for story in stories for day, articles in devset_eval.windows(story)]
    count = sum(len(articles) for _, _, articles in briefings)
    analyser = StemAnalyser("english")
    started = time.perf_counter()
    meaning.embed(["warm up"])
    print(f"WordLlama loaded in {time.perf_counter() - started:.2f} s")

    def embed():
        meaning._memo.clear()  # what one briefing costs when nothing is memoised yet
        for _, _, articles in briefings:
            meaning.embed([s.text for a in articles for s in a.sentences])

    def by_words():
        for story, _, articles in briefings:
            assign_topics(topic_sentences_of(articles, analyser), topic_matcher(story.config, analyser))

    def by_meaning():
        for story, _, articles in briefings:
            assign_topics(topic_sentences_of(articles, analyser), topic_matcher(story.config, analyser),
                          vectors=meaning.embed([s.text for a in articles for s in a.sentences]),
                          headlines=headlines_of(articles, analyser))

    def digest():
        for story, day, articles in briefings:
            build_briefing(day, day - dt.timedelta(days=story.config.period_days - 1), articles,
                           {a.record.id: "x" for a in articles}, story.config, analyser)

    for label, step in [("embedding the sentences", embed), ("topics by words (before)", by_words),
                        ("topics by words and meaning (now)", by_meaning), ("the whole digest (now)", digest)]:
        best = min(_timed(step) for _ in range(3))
        print(f"{label}: {best * 1000:.0f} ms, {best * 1000 / count:.2f} ms per article per briefing")


def _timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
