"""`briefing eval topics` and `briefing eval digest`: Briefing against the labelled development set.

Every story is built as a site would build it: one briefing per day with articles, covering the
period before it. A sentence's topics are those of the briefing of its article's day; key
points, their sources and the front page are those of every briefing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .digest import (DIGEST_RULE, Briefing, DigestRule, briefing_windows, build_briefing, period_topics, topic_matcher,
                     topic_sentences_of)
from .devset import Story
from .front_page import front_page
from .readability import is_framing
from .records import PreparedArticle
from .topics import SentenceKey, StemAnalyser, TopicRule, assign_topics

METHODS = ("briefing", "words", "keywords", "article topic")


@dataclass
class Tally:
    """Counts of one yes/no decision over many cases."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        """Count one case."""
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def windows(story: Story) -> list[tuple[dt.date, list[PreparedArticle]]]:
    """Each briefing of the story: its day and its period's articles."""
    spans = briefing_windows([a.record.date for a in story.articles], story.config.period_days)
    ordered = sorted(story.articles, key=lambda a: (a.record.date, a.record.id))  # as a briefing orders them
    return [(day, [a for a in ordered if start <= a.record.date <= end]) for day, (start, end) in spans.items()]


def predicted_topics(story: Story, method: str, analyser: StemAnalyser) -> dict[tuple[str, str], set[str]]:
    """Per labelled sentence (file, text): the topics a method gives it, in its article's own briefing."""
    result: dict[tuple[str, str], set[str]] = {}
    matcher = topic_matcher(story.config, analyser)
    for day, articles in windows(story):
        sentences = topic_sentences_of(articles, analyser)
        if method == "keywords":
            assigned = {s.key: matcher.direct(s.stems) for s in sentences}
        elif method == "words":
            assigned = assign_topics(sentences, matcher)
        elif method == "briefing":
            assigned = period_topics(articles, story.config, analyser)
        else:
            assigned = _article_topic(story, articles)
        for article in articles:
            if article.record.date != day:
                continue
            for sentence in article.sentences:
                key = (Path(article.record.source_path).name, sentence.text)
                result[key] = set(assigned.get(SentenceKey(article.record.id, sentence.anchor), {}))
    return result


def _article_topic(story: Story, articles: list[PreparedArticle]) -> dict[SentenceKey, dict[str, float]]:
    """The baseline that labels every sentence with its article's main topic (the topic most of
    its sentences carry in the labels: an upper bound for any per-article classifier)."""
    assigned = {}
    for article in articles:
        counts = Counter(t for s in article.sentences if (label := story.label(article, s.text)) for t in label.topics)
        main = {counts.most_common(1)[0][0]: 1.0} if counts else {}
        for sentence in article.sentences:
            assigned[SentenceKey(article.record.id, sentence.anchor)] = main
    return assigned


@dataclass
class TopicReport:
    """Topic precision, recall and F1 per topic and method, and macro averages."""

    rows: dict[str, dict[str, Tally]] = field(default_factory=dict)  # method -> "story/topic" -> tally
    sentences: int = 0

    def macro(self, method: str, story: str | None = None) -> float:
        """The mean F1 over topics (of one story, or of all)."""
        values = [t.f1 for name, t in self.rows[method].items() if story is None or name.startswith(story + "/")]
        return sum(values) / len(values) if values else 0.0

    def table(self) -> str:
        """The report as Markdown tables."""
        lines = [f"Topics, sentence by sentence ({self.sentences} labelled sentences)", "",
                 "| topic | " + " | ".join(f"{m} P / R / F1" for m in self.rows) + " |",
                 "|---|" + "---|" * len(self.rows)]
        for name in next(iter(self.rows.values())):
            cells = [f"{t.precision:.2f} / {t.recall:.2f} / {t.f1:.2f}" for t in (self.rows[m][name] for m in self.rows)]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        stories = sorted({name.split("/")[0] for name in next(iter(self.rows.values()))})
        for story in stories:
            lines.append(f"| **macro-F1, {story}** | " + " | ".join(f"{self.macro(m, story):.3f}" for m in self.rows) + " |")
        lines.append("| **macro-F1, all topics** | " + " | ".join(f"**{self.macro(m):.3f}**" for m in self.rows) + " |")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"sentences": self.sentences,
                "methods": {m: {"macro_f1": round(self.macro(m), 4), "topics": {n: t.row() for n, t in rows.items()}}
                            for m, rows in self.rows.items()}}


def topic_report(stories: list[Story], methods=METHODS) -> TopicReport:
    """Score every method's topics against the labels, topic by topic."""
    report = TopicReport()
    for method in methods:
        report.rows[method] = {}
        for story in stories:
            analyser = StemAnalyser(story.config.language)
            predicted = predicted_topics(story, method, analyser)
            for topic in story.config.topics:
                tally = Tally()
                for key, label in story.labels.items():
                    if key in predicted:
                        tally.add(topic.slug in predicted[key], topic.slug in label.topics)
                report.rows[method][f"{story.name}/{topic.slug}"] = tally
    report.sentences = sum(len(s.labels) for s in stories)
    return report


@dataclass
class DigestReport:
    """Cross-source clustering, multi-outlet developments, merged developments and the front page."""

    pairs: Tally = field(default_factory=Tally)
    coverage: list[float] = field(default_factory=list)  # per (briefing, development of 3+ outlets)
    whole: int = 0  # of those, shown as one point with all their outlets
    points: int = 0
    mixed: list[str] = field(default_factory=list)  # points that merge two labelled developments
    front_points: int = 0
    front_framing_labelled: int = 0
    framing: Tally = field(default_factory=Tally)  # the framing rule against the labels, every sentence
    front_developments: int = 0  # developments of 2+ outlets in a briefing ...
    front_reached: int = 0  # ... that reach its front page
    top_line_labelled: int = 0
    top_line_none: int = 0  # briefings with no sentence labelled on a topic that show no top line
    briefings: int = 0

    def table(self) -> str:
        """The report as a Markdown table."""
        mean = sum(self.coverage) / len(self.coverage) if self.coverage else 0.0
        share = lambda a, b: f"{a} of {b} ({a / b:.0%})" if b else "none"  # noqa: E731
        rows = [
            ("briefings", str(self.briefings)),
            ("cross-source pairs of shown sentences: precision / recall / F1",
             f"{self.pairs.precision:.3f} / {self.pairs.recall:.3f} / **{self.pairs.f1:.3f}**"),
            ("developments of 3+ outlets: mean share of their outlets on their best point", f"**{mean:.2f}**"),
            ("... shown as one point with all their outlets", share(self.whole, len(self.coverage))),
            ("key points that merge two labelled developments", share(len(self.mixed), self.points)),
            ("front page: developments of 2+ outlets that reach it", share(self.front_reached, self.front_developments)),
            ("front page: points whose lead is labelled framing", share(self.front_framing_labelled, self.front_points)),
            ("framing rule against the labels, every sentence: precision / recall",
             f"{self.framing.precision:.2f} / {self.framing.recall:.2f} ({self.framing.tp + self.framing.fn} labelled framing)"),
            ("top line is a labelled development (not framing), or none where no sentence is on a topic",
             share(self.top_line_labelled + self.top_line_none, self.briefings)),
        ]
        return "\n".join(["| measure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)])

    def to_json(self) -> dict:
        mean = sum(self.coverage) / len(self.coverage) if self.coverage else 0.0
        return {"pairs": self.pairs.row(), "coverage_mean": round(mean, 4), "coverage_whole": self.whole,
                "coverage_count": len(self.coverage), "points": self.points, "mixed": self.mixed,
                "front_points": self.front_points, "front_framing_labelled": self.front_framing_labelled,
                "framing_rule": self.framing.row(), "front_developments": self.front_developments,
                "front_reached": self.front_reached, "briefings": self.briefings,
                "top_line_labelled": self.top_line_labelled, "top_line_none": self.top_line_none}


def digest_report(stories: list[Story], rule: DigestRule = DIGEST_RULE, topic_rule: TopicRule | None = None) -> DigestReport:
    """Build every briefing of every story (with the shipped rules, or the ones given) and score
    its points against the labelled developments."""
    report = DigestReport()
    for story in stories:
        analyser = StemAnalyser(story.config.language)
        for (_, text), label in sorted(story.labels.items()):
            report.framing.add(is_framing(text), label.framing)
        for day, articles in windows(story):
            urls = {a.record.id: f"articles/{a.record.id}.html" for a in articles}
            briefing = build_briefing(day, day - dt.timedelta(days=story.config.period_days - 1), articles, urls,
                                      story.config, analyser, rule, topic_rule)
            _score_briefing(story, articles, briefing, report)
    return report


def _score_briefing(story: Story, articles: list[PreparedArticle], briefing: Briefing, report: DigestReport) -> None:
    report.briefings += 1
    by_id = {a.record.id: a for a in articles}
    gold: dict[tuple[str, str], str | None] = {}
    outlet: dict[str, str] = {}
    on_topics = False  # whether any sentence of the briefing is labelled on a topic
    for article in articles:
        outlet[article.record.id] = article.record.outlet or article.record.id
        for sentence in article.sentences:
            label = story.label(article, sentence.text)
            gold[(article.record.id, sentence.anchor)] = label.development if label else None
            on_topics = on_topics or bool(label and label.topics)
    membership: dict[tuple[str, str], set[int]] = defaultdict(set)
    points = [p for section in briefing.sections for p in section.points]
    for number, point in enumerate(points):
        for source in point.sources:
            membership[(source.article_id, source.anchor)].add(number)
        devs = {gold.get((s.article_id, s.anchor)) for s in point.sources} - {None}
        if len(devs) > 1:
            report.mixed.append(f"{briefing.slug}: {point.text[:80]} ({', '.join(sorted(devs))})")
    report.points += len(points)
    # Pairs of the sentences the briefing shows as point sources: whether they are shown together
    # is the clustering's decision; whether a development's sentences are shown at all is what
    # the coverage below measures.
    for a, b in combinations(sorted(membership), 2):
        if a[0] == b[0]:
            continue
        same = gold[a] is not None and gold[a] == gold[b]
        report.pairs.add(bool(membership[a] & membership[b]), same)
    developments: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, dev in gold.items():
        if dev:
            developments[dev].add(key)
    for dev, keys in developments.items():
        outlets = {outlet[k[0]] for k in keys}
        if len(outlets) < 3:
            continue
        best = max((len({outlet[k[0]] for k in keys if number in membership[k]}) for number in range(len(points))),
                   default=0)
        report.coverage.append(best / len(outlets))
        report.whole += best == len(outlets)
    front = front_page(briefing, story.config.front_page_points)
    shown = [p for _, section_points in front.sections for p in section_points]
    report.front_points += len(shown)
    front_keys = {(s.article_id, s.anchor) for p in shown for s in p.sources}
    for point in shown:
        lead = next((s for s in point.sources if s.text == point.text), point.sources[0])
        label = story.label(by_id[lead.article_id], lead.text)
        report.front_framing_labelled += bool(label and label.framing)
    for dev, keys in developments.items():
        if len({outlet[k[0]] for k in keys}) >= 2:
            report.front_developments += 1
            report.front_reached += bool(keys & front_keys)
    report.top_line_none += front.top is None and not on_topics
    if front.top is not None:
        lead = next((s for s in front.top.sources if s.text == front.top.text), front.top.sources[0])
        label = story.label(by_id[lead.article_id], lead.text)
        report.top_line_labelled += bool(label and label.development and not label.framing)
