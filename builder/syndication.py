"""Syndicated copies of one story: the same text carried twice, however lightly re-edited.

Wire copy republished under a new headline, a page saved twice, a feed entry that is also a
saved page: the words are (nearly) the same, the layout is not. Each text is reduced to its
words (NFKC, lower case, `\\w+` only: paragraph breaks, punctuation and quotes and dashes,
curly or straight, all vanish), then to the set of its overlapping 4-word runs ("shingles"),
each hashed with CRC-32 (the same in every process, unlike Python's salted `hash()`).

Two texts are compared by *containment*: the share of the shorter text's shingles that the
longer one also has. A trimmed ending, an added "Read more" line or a new headline adds or
removes shingles on one side only, and an edited word costs only the four shingles through
it, while two different stories sharing a quotation or a background paragraph share a small
part of either. How a pair is judged depends on its size ratio (shorter / longer):

- a whole copy (ratio >= SIZE_RATIO) needs containment >= CONTAINMENT;
- a part (a feed's teaser, a copy cut to its first paragraphs) must also reproduce the
  longer text's *opening*, at the same level; its own short first or last line ("Read more:
  ...", a credit) does not count against it. A paragraph quoted from the middle of a long
  article, or an old lead recalled lower down a follow-up story, is contained in it but is
  not its opening: not a copy. So a lead-only teaser is the same story (measured below).

Near-identical texts that contradict each other's figures are two reports, not one: a
templated results or prices story ("shares in company 17 rose...") is the same words with
other figures. A link needs fewer than FIGURE_CONFLICTS figures of the shorter text missing
from the longer where the longer has another figure after the same word.

Linked pairs are joined transitively (union-find), strongest first, but two groups merge only
if every pair across them that was compared shares at least RELATED of the shorter text:
otherwise a round-up page carrying two stories would chain them into one group.

Cost: copies are sorted by date and only those within `window_days` of each other are
compared; within the window an inverted index from shingle to copies finds the copies that
share shingles, so the work is the number of shared shingles, never every pair. Each text
keeps at most SKETCH_CAP shingles (the smallest hashes: a consistent sample, exact below the
cap) and each index lookup reads at most POSTINGS_CAP copies, so neither a huge text nor a
boilerplate line on every page makes it superlinear. (The merge check is quadratic in the size
of one story's group only; past POSTINGS_CAP copies of one story in a window, some pairs go
uncompared and the story may come out as two groups.) The pairs whose later copy is on one
day depend only on that day's window, so each day's pairs are kept under a hash of its window:
a rebuild after one changed article compares the copies of window_days + 1 days, not the archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import re
import unicodedata
import zlib
from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import Iterator, Sequence

# Measured by benchmarks/measure_syndication.py on ../shared/eval/bbc: 1,810 BBC articles.
# Negatives: the 336,107 pairs of different stories within one category (the 22 pairs that are
# one article carried twice, and 8 later versions of a story, read and set apart). Positives:
# each article against 9 kinds of copy made from it (16,290 pairs: new headline, last 1, 2 or
# 3 paragraphs cut, paragraphs re-broken, a boilerplate line, curly quotes, an edit every 50
# words, all at once) and its lead paragraph alone or with a "Read more" line (3,620 pairs).
#
# Shingle length, swept 3-6: the whole-copy gap (negatives' max to positives' min) was
# 0.629-0.747 at 3, 0.590-0.728 at 4, 0.565-0.707 at 5, 0.552-0.681 at 6; at 3 one lead
# matched another story's opening (0.667), at 4 none did (0.583 max), and 4 linked the most
# copies: 99.2% of positives against 98.8% at 5; end to end 1,744 of 1,810 combined copies
# grouped with their article against 1,699 at 5.
SHINGLE_WORDS = 4
# Containment for a link. Negatives' containment: max 0.590 (a follow-up sharing background
# paragraphs), 99.9th percentile 0.032, 99th 0.009. Whole copies: min 0.728, 1st percentile
# 0.853; parts (a teaser, a copy cut to its lead): part score 1st percentile 0.594 (one-sentence
# copies under a headline and a credit line, min 0.429), against negatives' max 0.583 (a short
# lead worded like another story's). The 22 real copies in the corpus: min 0.850, all linked;
# the 8 updates score 0.587-0.809, 4 linked. 0.65 sits in the gap [0.590, 0.728].
CONTAINMENT = 0.65
# Whole copy or part: not a threshold in the data (0.3, 0.5 and 0.7 gave the same end-to-end
# result within 0.5%): under half the size, a text must also reproduce the other's opening.
SIZE_RATIO = 0.5
# Smallest containment of every compared pair in a group. Different stories: 99.9th percentile
# 0.032; copies of one story: 1st percentile 0.469. End to end with 180 two-story round-ups:
# groups mixing two stories at 0.0 / 0.1 / 0.2 / 0.3: 10 / 1 / 0 / 0; above 0.3 copies are lost
# (combined copies grouped 1,744 at 0.3, 1,709 at 0.4, 1,574 at 0.5 of 1,810).
RELATED = 0.3
# Contradicted figures that make two near-identical texts two reports (see figure_conflicts).
# Copies: of the 16,290 synthetic ones 16 have one (a figure in the new headline, borrowed from
# another article), none has two; the 22 real copies at most one (a typo put right: "£9.4
# million" -> "£94 million"). Templated reports, each of the 1,614 BBC articles with two or
# more figures against itself with every number changed: containment median 0.925, 1,604 of
# them enough to link; this rule keeps 1,543 of those (96%) apart.
FIGURE_CONFLICTS = 2
EDGE_WORDS = 20  # a line, not a paragraph: a headline, a credit, "Read more: ..."
# A part must reproduce the first 43 words (a lead paragraph, with room for a dateline). The
# teaser decision, measured: the lead alone is linked to its article 1,764 times of 1,810 (the
# other 46 leads are under 13 words), the lead with a "Read more" line 1,764; a lead against
# the other stories' articles: containment up to 1.000 (an old lead recalled in a follow-up)
# but part score at most 0.583, none linked of 672,214; a short piece quoting two sentences
# from the middle of an article: containment up to 0.898, none linked of 1,761.
OPENING_SHINGLES = 40
MIN_SHINGLES = 10  # a 13-word sentence: anything shorter (a caption, a link line) is no story
# Shingles kept per text: every one of a 4,000-word article (the longest BBC one has 4,491
# words), the 4,096 smallest hashes beyond: a 200,000-word text costs one pass over its words.
SKETCH_CAP = 4096
POSTINGS_CAP = 256  # copies read per shingle: a story carried more often is found through these
STORE_KEY = "syndication-days"  # each day's pairs, by the hash of that day's window

_ALL_HASHES = (1 << 32) - 1
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_DIGIT = re.compile(r"\d")
# Apostrophes typed as modifier letters (common in transliteration and machine translation):
# NFKC keeps them and `\w` counts them as letters, so "Marsh\u02bcs" would be one word
# where "Marsh's" is two. Typographic quotes and dashes need no mapping: they are not `\w`.
_PLAIN = str.maketrans({"\u02bc": "'", "\u02b9": "'", "\u02bb": "'", "\u02bd": "'", "\ua78c": "'"})


@dataclass(frozen=True)
class Copy:
    """One article as carried by one source: its id, date and body text."""

    id: str
    date: dt.date
    text: str  # the article body (paragraphs joined with "\n\n")


@dataclass(frozen=True)
class Fingerprint:
    """A text's shingle sketch: all its shingle hashes, or the SKETCH_CAP smallest of them."""

    hashes: frozenset[int]
    ordered: tuple[int, ...]  # the same hashes, ascending, to count those below a limit
    size: int  # distinct shingles in the whole text, sketched or not
    limit: int  # the largest hash the sketch covers: every shingle hashing at or below it is kept
    opening: frozenset[int]  # the hashes of its first OPENING_SHINGLES shingles, never sampled
    lines: tuple[frozenset[int], ...]  # shingles touching a short first or last line (unsampled texts only)
    figures: dict[str, frozenset[str]]  # word before a figure -> the figures after it ("company" -> {"17"})
    all_figures: frozenset[str]


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC (ligatures, full-width forms), plain apostrophes, lower case."""
    # Words only: quotes and dashes, curly or straight, fall between words, so "anyone’s"
    # and "anyone's" are both `anyone s`.
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_PLAIN).casefold())


def _stable_hash(shingle: str) -> int:
    """A 32-bit hash that is the same in every process (Python's hash() is salted per run)."""
    # CRC-32 is twice as fast as blake2b here, and 32 bits are enough: two 4,096-shingle
    # sketches share 4096 * 4096 / 2**32 = 0.004 hashes by chance.
    return zlib.crc32(shingle.encode("utf-8"))


def shingles(tokens: Sequence[str]) -> list[int]:
    """Hashes of every run of SHINGLE_WORDS consecutive words, in text order (a shorter text is one run)."""
    size = SHINGLE_WORDS
    if 0 < len(tokens) < size:
        return [_stable_hash(" ".join(tokens))]
    return [_stable_hash(" ".join(tokens[i:i + size])) for i in range(len(tokens) - size + 1)]


def _edge_lines(paragraphs: list[list[str]], sequence: list[int]) -> tuple[frozenset[int], ...]:
    """The shingles touching the text's first and its last paragraph, for each that is a short line."""
    if len(paragraphs) < 2:
        return ()
    lines = []
    if len(paragraphs[0]) <= EDGE_WORDS:
        lines.append(frozenset(sequence[:len(paragraphs[0])]))
    if len(paragraphs[-1]) <= EDGE_WORDS:
        start = sum(len(p) for p in paragraphs[:-1])
        lines.append(frozenset(sequence[max(0, start - SHINGLE_WORDS + 1):]))
    return tuple(lines)


def _figures(tokens: Sequence[str]) -> dict[str, frozenset[str]]:
    """The text's figures (words with a digit), by the word before each."""
    found: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        if not token.isalpha() and _DIGIT.search(token):  # isalpha first: far quicker on words
            found.setdefault(tokens[i - 1] if i else "", set()).add(token)
    return {before: frozenset(figures) for before, figures in found.items()}


def fingerprint(text: str) -> Fingerprint:
    """The sketch of one text: its shingle hashes, capped at SKETCH_CAP, its opening, edge lines and figures."""
    paragraphs = [p for p in (words(block) for block in _PARAGRAPH_BREAK.split(text)) if p]
    tokens = [w for p in paragraphs for w in p]
    sequence = shingles(tokens)
    hashes = set(sequence)
    if len(hashes) <= SKETCH_CAP:
        kept, limit, lines = hashes, _ALL_HASHES, _edge_lines(paragraphs, sequence)
    else:
        # Bottom-k: the smallest hashes are a uniform sample, and the same shingle is kept by
        # every text whose limit covers it, so two sketches stay comparable below both limits.
        kept = set(heapq.nsmallest(SKETCH_CAP, hashes))
        limit, lines = max(kept), ()
    figures = _figures(tokens)
    return Fingerprint(frozenset(kept), tuple(sorted(kept)), len(hashes), limit,
                       frozenset(sequence[:OPENING_SHINGLES]), lines, figures, frozenset().union(*figures.values()))


def _covered(a: Fingerprint, limit: int) -> int:
    """How many of a sketch's hashes are at or below a limit."""
    return len(a.ordered) if limit >= a.limit else bisect_right(a.ordered, limit)


def score(shared: int, a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(containment, size ratio) of two sketches that share `shared` hashes."""
    # Only the hash range both sketches cover is compared: there, both hold every shingle.
    limit = min(a.limit, b.limit)
    smaller = min(_covered(a, limit), _covered(b, limit))
    if smaller < MIN_SHINGLES:
        return 0.0, 0.0
    return shared / smaller, min(a.size, b.size) / max(a.size, b.size)


def part_size(short: Fingerprint, long: Fingerprint) -> int:
    """The shorter text's shingles that count against the longer: below both limits, less its own lines."""
    # A short first or last line mostly absent from the longer text ("Read more: ...", a credit,
    # a headline) is the republisher's: in a 30-word teaser it would weigh a third. Mostly, not
    # wholly: a feed's footer often repeats a few words of the headline, which the body has too.
    limit = min(short.limit, long.limit)
    own: set[int] = set()  # a set: a two-line text's lines share the shingles across the break
    for line in short.lines:
        seen = [h for h in line if h <= limit]
        unshared = [h for h in seen if h not in long.hashes]
        if 2 * len(unshared) > len(seen):
            own.update(unshared)
    return _covered(short, limit) - len(own)


def part_score(shared: int, short: Fingerprint, long: Fingerprint) -> float:
    """A much shorter text as a part of a longer one: contained in it AND reproducing its opening."""
    # A teaser or a trimmed copy starts where the article starts; a paragraph quoted from the
    # middle, or an old lead recalled lower down a follow-up story, does not.
    size = part_size(short, long)
    opening = [h for h in long.opening if h <= short.limit]
    # The opening is matched over the shorter text's size when that is smaller: a lead-only
    # teaser is wholly the opening even though the opening runs on past the lead.
    room = min(len(opening), size)
    if size < MIN_SHINGLES or not room:
        return 0.0
    return min(shared / size, sum(1 for h in opening if h in short.hashes) / room)


def figure_conflicts(short: Fingerprint, long: Fingerprint) -> int:
    """How many of the shorter text's figures the longer contradicts: another after that word, this one nowhere."""
    # A templated report (results, prices) is the same words with other figures: "shares in
    # company 17 rose" and "company 18" are two stories. A copy keeps its figures, even when a
    # date is restyled ("31 December" -> "Dec. 31": the 31 is still there).
    return sum(1 for before, figures in short.figures.items() if before in long.figures
               for figure in figures if figure not in long.all_figures)


class _Sketches(dict):
    """The fingerprints of the copies in the window, made on first use and dropped when the copy
    leaves it: memory holds one window's sketches, not the archive's (sketching all 2,000
    benchmark articles at once added 110 MiB to the build's peak)."""

    def __init__(self, texts: Sequence[str]):
        super().__init__()
        self.texts = texts

    def __missing__(self, i: int) -> Fingerprint:
        self[i] = sketch = fingerprint(self.texts[i])
        return sketch


def _forget(postings: dict[int, deque[int]], gone: int, prints: _Sketches) -> None:
    """Drop a copy that left the window from the index (and its sketch)."""
    # Copies leave in the order they entered, so this one is at the front of each of its postings.
    for h in prints[gone].hashes:
        posting = postings[h]
        posting.popleft()
        if not posting:
            del postings[h]
    del prints[gone]


def _shared_counts(prints: _Sketches, dates: Sequence[dt.date], window_days: int,
                   counted: Sequence[bool]) -> Iterator[tuple[int, int, int]]:
    """(earlier, later, shared hashes) for every pair within the window that shares a shingle,
    for each later copy marked `counted` (the others are only indexed, as earlier copies)."""
    postings: dict[int, deque[int]] = {}
    window: deque[int] = deque()
    span = dt.timedelta(days=window_days)
    for later in range(len(dates)):
        while window and dates[later] - dates[window[0]] > span:
            _forget(postings, window.popleft(), prints)
        sketch = prints[later]
        shared: dict[int, int] = {}
        for h in sketch.hashes:
            posting = postings.setdefault(h, deque())
            # A shingle on every page of a site (boilerplate) would make this quadratic: read
            # only its earliest POSTINGS_CAP copies. A story carried more often is still found
            # through those earliest copies.
            if counted[later]:
                for earlier in islice(posting, POSTINGS_CAP):
                    shared[earlier] = shared.get(earlier, 0) + 1
            posting.append(later)
        window.append(later)
        for earlier in sorted(shared):
            yield earlier, later, shared[earlier]


def _links(prints: _Sketches, dates: Sequence[dt.date], window_days: int,
           counted: Sequence[bool]) -> tuple[list, set]:
    """The pairs that are one story, (kind, -score, earlier, later), and the related pairs."""
    links, related = [], set()
    for earlier, later, shared in _shared_counts(prints, dates, window_days, counted):
        a, b = prints[earlier], prints[later]
        containment, ratio = score(shared, a, b)
        if containment < RELATED:
            continue
        related.add((earlier, later))
        short, long = sorted((a, b), key=lambda p: p.size)
        if ratio >= SIZE_RATIO:
            kind, strength = 0, containment
        else:
            kind, strength = 1, part_score(shared, short, long)
        if strength >= CONTAINMENT and figure_conflicts(short, long) < FIGURE_CONFLICTS:
            links.append((kind, -strength, earlier, later))
    return links, related


def _day_keys(ordered: Sequence[Copy], window_days: int, version: str) -> dict[dt.date, str]:
    """For each day, a hash of every copy its pairs can involve: those of that day and the window before."""
    # A later copy is compared only with copies at most window_days before it, so the pairs
    # whose later copy is on day D depend on the copies of D - window_days .. D alone.
    texts = [hashlib.sha256(c.text.encode()).hexdigest() for c in ordered]
    span = dt.timedelta(days=window_days)
    keys, start = {}, 0
    for day in sorted({c.date for c in ordered}):
        while ordered[start].date < day - span:
            start += 1
        digest = hashlib.sha256(f"{version}\n{window_days}\n{day}\n".encode())
        for i in range(start, len(ordered)):
            if ordered[i].date > day:
                break
            digest.update(f"{ordered[i].id}\0{ordered[i].date}\0{texts[i]}\n".encode())
        keys[day] = digest.hexdigest()
    return keys


def _day_links(ordered: Sequence[Copy], window_days: int, days: set[dt.date]) -> dict[dt.date, tuple]:
    """The links and related pairs (by id) whose later copy is on one of `days`, for each of them."""
    span = dt.timedelta(days=window_days)
    # Only copies some pair of these days can involve are sketched and indexed.
    sorted_days = sorted(days)
    near = [c for c in ordered if (i := bisect_left(sorted_days, c.date)) < len(sorted_days)
            and sorted_days[i] <= c.date + span]
    prints = _Sketches([c.text for c in near])
    dates = [c.date for c in near]
    links, related = _links(prints, dates, window_days, [c.date in days for c in near])
    found: dict[dt.date, tuple[list, list]] = {day: ([], []) for day in days}
    for kind, strength, a, b in links:
        found[near[b].date][0].append((kind, strength, near[a].id, near[b].id))
    for a, b in sorted(related):
        found[near[b].date][1].append((near[a].id, near[b].id))
    return {day: (tuple(day_links), tuple(day_related)) for day, (day_links, day_related) in found.items()}


class _Groups:
    """Union-find over copy positions that also keeps each group's members."""

    def __init__(self, count: int):
        self.parent = list(range(count))
        self.members = {i: [i] for i in range(count)}

    def find(self, i: int) -> int:
        """The group's representative, halving paths on the way."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Join two groups (given by their representatives; the smaller one moves)."""
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


def _consistent(one: list[int], other: list[int], related: set[tuple[int, int]],
                dates: Sequence[dt.date], span: dt.timedelta) -> bool:
    """Whether every pair across two groups that was compared (within the window) is related."""
    # Plain union-find chains: a round-up carrying stories X and Y links to both, and would put
    # X with Y. Requiring every pair to be a link as well (complete link) splits real groups
    # whenever one copy is cut short, so a pair only has to be related.
    return all((min(x, y), max(x, y)) in related
               for x in one for y in other if abs(dates[x] - dates[y]) <= span)


def syndicated_groups(copies: Sequence[Copy], window_days: int = 3, store=None,
                      version: str = "") -> list[tuple[str, ...]]:
    """Groups (ids sorted, groups sorted) of two or more copies of one story; copies more than
    window_days apart are never compared. `store` (get/put) keeps each day's pairs, so a rebuild
    compares only the days whose window changed (`version`, the code's, is part of each key)."""
    ordered = sorted(copies, key=lambda c: (c.date, c.id, c.text))  # any input order gives one result
    position = {c.id: i for i, c in enumerate(ordered)}
    if len(position) < len(ordered):
        raise ValueError("syndicated_groups: copy ids must be unique")
    keys = _day_keys(ordered, window_days, version)
    kept = store.get(STORE_KEY) if store is not None else None
    kept = kept if isinstance(kept, dict) else {}
    by_day = {day: kept[key] for day, key in keys.items() if key in kept}
    if missing := set(keys) - set(by_day):
        by_day.update(_day_links(ordered, window_days, missing))
        if store is not None:  # only today's keys are kept: the store never grows with old windows
            store.put(STORE_KEY, {keys[day]: by_day[day] for day in keys})
    links = sorted((kind, strength, position[a], position[b])
                   for day_links, _ in by_day.values() for kind, strength, a, b in day_links)
    related = {(position[a], position[b]) for _, day_related in by_day.values() for a, b in day_related}
    # Whole copies first, strongest first: a text joins the story it matches best.
    dates = [c.date for c in ordered]
    groups = _Groups(len(ordered))
    span = dt.timedelta(days=window_days)
    for _, _, a, b in links:
        a, b = groups.find(a), groups.find(b)
        if a != b and _consistent(groups.members[a], groups.members[b], related, dates, span):
            groups.union(a, b)
    return sorted(tuple(sorted(ordered[m].id for m in members))
                  for members in groups.members.values() if len(members) > 1)
