"""Measure the syndication thresholds on real BBC articles: hard negatives against realistic copies.

Negatives: every pair of distinct articles in the same BBC category (different stories, many on
the same subject, some quoting the same people), less the pairs found by reading to be one
article carried twice (SAME_ARTICLE: real positives) or a later version of a story (UPDATES:
reported apart); and each article against itself with every figure changed (a templated report).
Positives: each article against copies of itself made the way syndication makes them (a new
headline, a trimmed ending, paragraphs re-broken, a boilerplate line, typographic quotes,
wire-desk edits, all of these at once). Teasers: the lead paragraph alone or with a "Read more"
line against its article; the lead against the other stories' articles; a short piece quoting
two sentences of an article. Then `syndicated_groups` runs end to end on each category's
originals, copies, teasers and two-story round-ups inside one window.

The articles are read in place from ../shared/eval/bbc (never copied into the project).

    .venv/bin/python benchmarks/measure_syndication.py [--data ../shared/eval/bbc] [--shingle-words 5]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder import syndication  # noqa: E402
from builder.syndication import (Copy, figure_conflicts, fingerprint, part_score, part_size,  # noqa: E402
                                  score, syndicated_groups)

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "bbc"
SEED = 20050101
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Article:
    """One BBC article: its id, category, headline and body paragraphs."""

    id: str
    category: str
    headline: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        """The body as `Copy.text` carries it: paragraphs joined by blank lines, no headline."""
        return "\n\n".join(self.paragraphs)


def load(data: Path) -> list[Article]:
    """Every article listed in index.csv, read in place."""
    articles = []
    with open(data / "index.csv", newline="", encoding="utf-8") as index:
        for row in csv.DictReader(index):
            raw = (data / row["article"]).read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:  # sport/199 is Windows-1252
                text = raw.decode("cp1252")
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
            articles.append(Article(row["id"], row["category"], blocks[0], tuple(blocks[1:])))
    return articles


# Pairs of BBC articles that are one article carried twice: the corpus's de-duplication missed
# them. Found among the pairs scoring 0.5 or more and confirmed by reading both texts: the same
# news, the text identical but for a few sentences edited, cut or added (a typo fixed, a longer
# ending, a new headline). They are real positives, not negatives.
SAME_ARTICLE = {
    ("tech/048", "tech/342"), ("sport/444", "sport/458"), ("politics/043", "politics/313"),
    ("tech/095", "tech/311"), ("tech/155", "tech/294"), ("tech/234", "tech/389"), ("tech/212", "tech/225"),
    ("politics/226", "politics/265"), ("tech/064", "tech/338"), ("tech/219", "tech/224"),
    ("tech/022", "tech/380"), ("tech/032", "tech/335"), ("sport/425", "sport/433"),
    ("entertainment/102", "entertainment/341"), ("tech/009", "tech/379"), ("tech/019", "tech/329"),
    ("politics/111", "politics/293"), ("entertainment/142", "entertainment/229"), ("tech/043", "tech/326"),
    ("sport/424", "sport/511"), ("politics/077", "politics/354"), ("business/209", "business/229"),
}
# A later version of one story: the news moved on ("will be unveiled" -> "has been unveiled",
# "talks to be held" -> "talks ended") or the top was rewritten, the background reused. Not a
# copy of the same text, not a different story either: reported apart, either answer defensible.
UPDATES = {
    ("politics/069", "politics/312"), ("politics/088", "politics/337"), ("politics/327", "politics/328"),
    ("sport/226", "sport/232"), ("tech/101", "tech/123"), ("politics/175", "politics/349"),
    ("tech/141", "tech/173"), ("tech/018", "tech/190"),
}
WORDS_PER_EDIT = 50  # "a few words": 8 edits in a 400-word story, 1 in a 40-word teaser
AGENCIES = ("Associated Press", "Reuters", "AFP", "the Press Association", "BBC News")


# Syndication transformations: each takes an article, a seeded random source and another
# article of the same category (for an unrelated headline), and returns the copy's text.

def new_headline(a: Article, rng: random.Random, other: Article) -> str:
    """A different headline kept at the top of the body, as a saved page often has it."""
    return f"UPDATE 1-{other.headline}\n\n{a.body}"


def trimmed(k: int) -> Callable[[Article, random.Random, Article], str]:
    """The last k paragraphs cut (the lead always stays), as wire copy is cut to fit."""
    def trim(a: Article, rng: random.Random, other: Article) -> str:
        return "\n\n".join(a.paragraphs[:max(1, len(a.paragraphs) - k)])
    return trim


def rebroken(a: Article, rng: random.Random, other: Article) -> str:
    """Two paragraphs merged and another split at a sentence end."""
    paragraphs = list(a.paragraphs)
    if len(paragraphs) > 1:
        j = rng.randrange(len(paragraphs) - 1)
        paragraphs[j:j + 2] = [paragraphs[j] + " " + paragraphs[j + 1]]
    j = rng.randrange(len(paragraphs))
    paragraphs[j:j + 1] = re.sub(r"([.!?]) (?=[A-Z])", r"\1\n\n", paragraphs[j], count=1).split("\n\n")
    return "\n\n".join(paragraphs)


def boilerplate(a: Article, rng: random.Random, other: Article) -> str:
    """One line a republishing site adds, at the end or (a credit) at the top."""
    agency = rng.choice(AGENCIES)
    line = rng.choice((f"Read more: {other.headline}", f"This story was originally published by {agency}.",
                       f"Copyright 2005 {agency}. All rights reserved.", f"Reporting by {agency}; editing by staff."))
    return f"{line}\n\n{a.body}" if line.startswith("Reporting") else f"{a.body}\n\n{line}"


def typographic(a: Article, rng: random.Random, other: Article) -> str:
    """Curly quotes and apostrophes, en and em dashes."""
    text = re.sub(r'"(?=\w)', "\u201c", a.body).replace('"', "\u201d").replace("'", "\u2019")
    return text.replace(" - ", " \u2013 ").replace("--", "\u2014")


# Wire-desk edits: (pattern, replacement) pairs, applied to a few places in the text.
EDITS = (
    (r"\bsaid\b", "told reporters"), (r"\bsays\b", "tells reporters"), (r"(\d) per cent\b", r"\1%"),
    (r"\b(\d{1,2}) (%s)\b" % "|".join(MONTHS), lambda m: f"{m[2][:3]}. {m[1]}"),
    (r"\b(%s)\b" % "|".join(DAYS), lambda m: m[1][:3]), (r"\b(Mr|Mrs|Ms) ", ""),
    (r"\bUK\b", "Britain"), (r"\bUS\b", "U.S."), (r"\bwould\b", "will"), (r"\bhas been\b", "was"),
)


def _edit(text: str, rng: random.Random, count: int | None) -> str:
    """Apply `count` wire-desk edits at random places (every place when count is None)."""
    places = [(m.start(), m.end(), repl, pattern) for pattern, repl in EDITS for m in re.finditer(pattern, text)]
    chosen = places if count is None else rng.sample(places, min(count, len(places)))
    for start, end, repl, pattern in sorted(chosen, reverse=True):
        text = text[:start] + re.sub(pattern, repl, text[start:end]) + text[end:]
    return text


def few_edits(a: Article, rng: random.Random, other: Article) -> str:
    """A few words edited: one place in 50 words (at least one) where a wire desk would restyle."""
    return _edit(a.body, rng, max(1, round(len(a.body.split()) / WORDS_PER_EDIT)))


def heavy_edits(a: Article, rng: random.Random, other: Article) -> str:
    """A stress case beyond "a few words": every said, says, Mr, date, UK, would... restyled."""
    return _edit(a.body, rng, None)


def _rewrap(a: Article, text: str) -> Article:
    """The article with another body."""
    return Article(a.id, a.category, a.headline, tuple(text.split("\n\n")))


def combined(a: Article, rng: random.Random, other: Article) -> str:
    """All at once: 1-3 paragraphs cut, re-broken, a few edits, curly quotes, a boilerplate line, a headline."""
    copy = _rewrap(a, trimmed(rng.randint(1, 3))(a, rng, other))
    for step in (rebroken, few_edits, typographic, boilerplate, new_headline):
        copy = _rewrap(a, step(copy, rng, other))
    return copy.body


TRANSFORMS: dict[str, Callable[[Article, random.Random, Article], str]] = {
    "new headline": new_headline, "trim 1 paragraph": trimmed(1), "trim 2 paragraphs": trimmed(2),
    "trim 3 paragraphs": trimmed(3), "paragraphs re-broken": rebroken, "boilerplate line": boilerplate,
    "curly quotes, dashes": typographic, "a few words edited": few_edits, "all combined": combined,
    "heavy edits (stress)": heavy_edits,
}


def figures(values: list[float], low: bool) -> str:
    """Min and 1st percentile (positives) or max, 99.9th and 99th percentile (negatives)."""
    x = numpy.asarray(values)
    if low:
        return f"min {x.min():.3f}  p1 {numpy.percentile(x, 1):.3f}  median {numpy.median(x):.3f}"
    return (f"max {x.max():.3f}  p99.9 {numpy.percentile(x, 99.9):.3f}  p99 {numpy.percentile(x, 99):.3f}  "
            f"median {numpy.median(x):.3f}")


def by_category(articles: list[Article]) -> dict[str, list[int]]:
    """Positions of the articles of each category."""
    groups: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        groups.setdefault(a.category, []).append(i)
    return groups


def pair(a: str, b: str) -> tuple[str, str]:
    """A pair of ids in a fixed order, to look it up in the labels."""
    return (a, b) if a < b else (b, a)


def different_stories(a: str, b: str) -> bool:
    """Whether two BBC articles are different stories (neither one article twice nor an update)."""
    return pair(a, b) not in SAME_ARTICLE and pair(a, b) not in UPDATES


def route(a, b) -> tuple[str, float, float, float, int]:
    """How syndicated_groups would judge two texts: (route, deciding score, containment, ratio, figure conflicts)."""
    shared = len(a.hashes & b.hashes)
    containment, ratio = score(shared, a, b)
    short, long = (a, b) if a.size <= b.size else (b, a)
    whole = ratio >= syndication.SIZE_RATIO
    if not whole and short.lines and part_size(short, long) < syndication.MIN_SHINGLES:
        return "part", 0.0, containment, 0.0, 0  # a lead of 12 words once its "Read more" line is set aside
    if not shared:  # most pairs: nothing more to learn
        return ("whole" if whole else "part"), 0.0, 0.0, ratio, 0
    # Figures only matter to a pair that could be linked.
    conflicts = figure_conflicts(short, long) if containment >= syndication.RELATED else 0
    if whole:
        return "whole", containment, containment, ratio, conflicts
    return "part", part_score(shared, short, long), containment, ratio, conflicts


def measure_pairs(articles: list[Article], prints: list) -> list[tuple[tuple, str, str]]:
    """(route, id, id) of every pair of distinct articles in one category."""
    pairs = []
    for members in by_category(articles).values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                pairs.append((route(prints[i], prints[j]), *pair(articles[i].id, articles[j].id)))
    return pairs


def other_in_category(articles: list[Article], groups: dict[str, list[int]], i: int) -> Article:
    """The next article of the same category: a source of unrelated headlines."""
    members = groups[articles[i].category]
    return articles[members[(members.index(i) + 1) % len(members)]]


def measure_positives(articles: list[Article], prints: list, rng: random.Random) -> dict[str, list[tuple]]:
    """The route of each article against each kind of copy of itself."""
    groups = by_category(articles)
    scores: dict[str, list[tuple]] = {name: [] for name in TRANSFORMS}
    for i, a in enumerate(articles):
        other = other_in_category(articles, groups, i)
        for name, transform in TRANSFORMS.items():
            scores[name].append(route(prints[i], fingerprint(transform(a, rng, other))))
    return scores


def feed_entry(a: Article) -> str:
    """A feed entry's text: the lead paragraph and a link line."""
    return f"{a.paragraphs[0]}\n\nRead more: {a.headline}"


def _sentences(article: Article) -> list[str]:
    """The article's sentences, split at a full stop (or quote) before a capital."""
    return [s for p in article.paragraphs for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", p)]


def quoting_piece(a: Article, b: Article) -> str | None:
    """A short story of its own (b's first two paragraphs) quoting a two-sentence paragraph from the middle of a."""
    sentences = _sentences(a)
    if len(sentences) < 8 or len(b.paragraphs) < 2:
        return None
    middle = len(sentences) // 2
    return "\n\n".join((b.paragraphs[0], " ".join(sentences[middle:middle + 2]), b.paragraphs[1]))


def measure_teasers(articles: list[Article], prints: list) -> dict[str, list[tuple]]:
    """Lead paragraph (alone, or with a "Read more" line) against its article and against other stories."""
    groups = by_category(articles)
    leads = [fingerprint(a.paragraphs[0]) for a in articles]
    scores = {"lead alone vs its article": [route(leads[i], prints[i]) for i in range(len(articles))],
              "lead + Read more vs its article": [route(fingerprint(feed_entry(a)), prints[i])
                                                  for i, a in enumerate(articles)],
              "lead vs other stories": [], "piece quoting a paragraph": []}
    for members in groups.values():
        for n, i in enumerate(members):
            scores["lead vs other stories"].extend(
                route(leads[i], prints[j]) for j in members
                if j != i and different_stories(articles[i].id, articles[j].id))
            b = articles[members[(n + 1) % len(members)]]
            piece = quoting_piece(articles[i], b)
            if piece and different_stories(articles[i].id, b.id):
                scores["piece quoting a paragraph"].append(route(fingerprint(piece), prints[i]))
    return scores


def refigured(a: Article) -> str:
    """The same report with other figures, as a template fills them in (every number + 1)."""
    return re.sub(r"\d+", lambda m: str(int(m[0]) + 1), a.body)


def measure_templates(articles: list[Article], prints: list) -> tuple[list[tuple], int]:
    """Each article with two or more figures against itself with every figure changed; how many have fewer."""
    scores = [route(prints[i], fingerprint(refigured(a))) for i, a in enumerate(articles)
              if len(re.findall(r"\d+", a.body)) >= 2]
    return scores, len(articles) - len(scores)


def story_of(articles: list[Article]) -> dict[str, str]:
    """Each article's story: the first id of the articles that are one article carried twice."""
    story = {a.id: a.id for a in articles}
    for a, b in sorted(SAME_ARTICLE):
        story[b] = story[a]
    return story


def end_to_end(articles: list[Article], rng: random.Random) -> list[str]:
    """Run syndicated_groups on originals, combined copies and teasers, each category in one window."""
    texts, story = [], story_of(articles)
    groups = by_category(articles)
    start = dt.date(2005, 1, 1)
    for day, (category, members) in enumerate(sorted(groups.items())):
        date = start + dt.timedelta(days=4 * day)  # categories never share a window
        for n, i in enumerate(members):
            a, other = articles[i], other_in_category(articles, groups, i)
            texts.append(Copy(a.id, date, a.body))
            texts.append(Copy(a.id + "#copy", date + dt.timedelta(days=1), combined(a, rng, other)))
            if n % 4 == 0:
                texts.append(Copy(a.id + "#lead", date, a.paragraphs[0]))
            if n % 4 == 2:
                texts.append(Copy(a.id + "#feed", date, feed_entry(a)))
            if n % 10 == 5 and different_stories(a.id, other.id):  # a round-up carrying two stories
                texts.append(Copy(f"{a.id}+{other.id}#roundup", date, f"{a.body}\n\n{other.body}"))
    started = time.perf_counter()
    found = syndicated_groups(texts)
    seconds = time.perf_counter() - started
    stories = [{story[m.split("#")[0]] for m in g if not m.endswith("#roundup")} for g in found]
    mixed = [g for g, s in zip(found, stories)
             if any(different_stories(x, y) for x in s for y in s if x < y)]
    updates = [g for g, s in zip(found, stories) if len(s) > 1 and g not in mixed]
    with_original = {m for g in found for m in g if m.split("#")[0] in g}
    kinds = ", ".join(f"{sum(1 for t in texts if t.id.endswith(s))} {s[1:]}"
                      for s in ("#copy", "#lead", "#feed", "#roundup"))
    lines = [f"{len(texts)} texts ({kinds}), {seconds:.1f} s: {len(found)} groups, "
             f"{len(mixed)} mixing different stories, {len(updates)} joining an update to its earlier version"]
    for suffix, what in (("#copy", "combined copies"), ("#lead", "lead-only teasers"), ("#feed", "feed entries")):
        kind = [t.id for t in texts if t.id.endswith(suffix)]
        lines.append(f"  {what} grouped with their article: {sum(1 for k in kind if k in with_original)}/{len(kind)}")
    grouped = {frozenset(g) for g in found}
    real = sum(1 for a, b in SAME_ARTICLE if any(a in g and b in g for g in grouped))
    lines.append(f"  real copies in the corpus (one article carried twice) grouped: {real}/{len(SAME_ARTICLE)}")
    lines += [f"  mixed: {g}" for g in mixed[:5]]
    return lines


def _judged(scores: list[tuple]) -> list[tuple]:
    """The pairs long enough to judge (route() gives ratio 0 when the shorter has under MIN_SHINGLES)."""
    return [s for s in scores if s[3] > 0]


def _decided(scores: list[tuple]) -> str:
    """How many of these pairs syndicated_groups links, by route, and how many are too short to judge."""
    judged = _judged(scores)
    whole = [s for s in judged if s[0] == "whole"]
    part = [s for s in judged if s[0] == "part"]
    linked = sum(1 for s in judged if s[1] >= syndication.CONTAINMENT and s[4] < syndication.FIGURE_CONFLICTS)
    short = len(scores) - len(judged)
    return (f"linked {linked}/{len(scores)} ({len(whole)} whole, {len(part)} part"
            + (f", {short} too short to judge)" if short else ")"))


def _by_route(scores: list[tuple], low: bool) -> str:
    """The deciding score's figures on each route (pairs too short to judge left out)."""
    out = []
    for name in ("whole", "part"):
        values = [s[1] for s in _judged(scores) if s[0] == name]
        if values:
            out.append(f"{name}: {figures(values, low)}")
    return "; ".join(out)


def report_pairs(pairs: list[tuple[tuple, str, str]]) -> None:
    """The BBC pairs: different stories (the negatives), one article twice, updates."""
    different = [r for r, a, b in pairs if different_stories(a, b)]
    print(f"\nNegatives: {len(different)} pairs of different stories in one category "
          f"({len(pairs)} pairs less {len(SAME_ARTICLE)} one-article-twice and {len(UPDATES)} updates)")
    print(f"  containment  {figures([r[2] for r in different], low=False)}")
    print(f"  deciding score by route  {_by_route(different, low=False)}; {_decided(different)}")
    top = sorted(((r[1], r, a, b) for r, a, b in pairs if different_stories(a, b)), reverse=True)[:5]
    print("  highest: " + ", ".join(f"{r[1]:.3f} ({r[0]}, ratio {r[3]:.2f}) {a}~{b}" for _, r, a, b in top))
    same = sorted((r[1], r, a, b) for r, a, b in pairs if pair(a, b) in SAME_ARTICLE)
    print(f"Real copies: {len(same)} BBC pairs that are one article carried twice: "
          f"{_by_route([s[1] for s in same], low=True)}; {_decided([s[1] for s in same])}")
    print("  lowest: " + ", ".join(f"{r[1]:.3f} ({r[0]}, ratio {r[3]:.2f}) {a}~{b}" for _, r, a, b in same[:4]))
    updates = sorted(((r[1], r, a, b) for r, a, b in pairs if pair(a, b) in UPDATES), reverse=True)
    print(f"Updates (later versions): {_decided([u[1] for u in updates])}: "
          + ", ".join(f"{r[1]:.3f} ({r[0]}) {a}~{b}" for _, r, a, b in updates))


def report_positives(positives: dict[str, list[tuple]]) -> None:
    """Each kind of synthetic copy: the deciding score on each route."""
    print("\nPositives: each article against a copy of itself (deciding score: containment for a whole "
          "copy, part score for one under the size ratio)")
    kinds = [s for name, scores in positives.items() if "stress" not in name for s in scores]
    print(f"  {'all kinds but stress':22} {_by_route(kinds, low=True)}; {_decided(kinds)}")
    print(f"  {'':22} containment alone (for RELATED): {figures([s[2] for s in _judged(kinds)], low=True)}")
    for name, scores in positives.items():
        print(f"  {name:22} {_by_route(scores, low=True)}; {_decided(scores)}")
    conflicts = Counter(s[4] for s in kinds)
    print(f"  shorter text's figures contradicted by the longer (number: copies): {dict(sorted(conflicts.items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--shingle-words", type=int, default=syndication.SHINGLE_WORDS,
                        help="override the module's shingle length, to compare lengths")
    args = parser.parse_args()
    syndication.SHINGLE_WORDS = args.shingle_words
    started = time.perf_counter()
    articles = load(args.data)
    prints = [fingerprint(a.body) for a in articles]
    print(f"{len(articles)} BBC articles, {args.shingle_words}-word shingles; thresholds: containment "
          f"{syndication.CONTAINMENT}, size ratio {syndication.SIZE_RATIO}, related "
          f"{syndication.RELATED}, figure conflicts under {syndication.FIGURE_CONFLICTS}, "
          f"at least {syndication.MIN_SHINGLES} shingles")
    report_pairs(measure_pairs(articles, prints))
    templates, few = measure_templates(articles, prints)
    print(f"Templated reports: {len(templates)} articles with 2+ figures against themselves with every figure "
          f"changed ({few} have fewer): containment {figures([t[2] for t in templates], low=False)}; "
          f"contradicted figures min {min(t[4] for t in templates)}; {_decided(templates)}")
    report_positives(measure_positives(articles, prints, random.Random(SEED)))
    print("\nTeasers and quotations")
    for name, scores in measure_teasers(articles, prints).items():
        low = "vs its article" in name
        print(f"  {name:32} containment {figures([s[2] for s in _judged(scores)], low=low)}")
        print(f"  {'':32} {_by_route(scores, low=low)}; {_decided(scores)}")
    print("\nEnd to end: syndicated_groups on each category's originals, copies and teasers in one window")
    print("\n".join(end_to_end(articles, random.Random(SEED))))
    print(f"\n{time.perf_counter() - started:.1f} s in all")


if __name__ == "__main__":
    main()
