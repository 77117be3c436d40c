"""Syndicated copies of one story: the same text carried twice, however lightly re-edited.

Wire copy republished under a new headline, a page saved twice, a feed entry that is also a
saved page: the words are (nearly) the same, the layout is not. So each text is reduced to its
words (NFKC, lower case, curly quotes and dashes made plain, `\\w+` only; paragraph breaks and
punctuation vanish) and then to the set of its overlapping word 5-grams ("shingles"), each
hashed with a stable 64-bit hash (blake2b, never Python's per-process `hash()`).

Two texts are compared by *containment*: the share of the smaller text's shingles that the
larger one also has. A trimmed ending, an added "Read more" line or a new headline only adds
or removes shingles of one side, so containment stays high, while an edited word costs just
the five shingles through it. Two different stories that share a quoted sentence share only
that sentence's shingles: a small share of either.

Containment alone would let a short text bridge two stories (a two-story round-up contains
both), so a pair is a *copy* when containment is high AND the smaller text is a substantial
share of the larger (`SIZE_RATIO`); such pairs are joined transitively (union-find). A much
shorter text that is wholly contained (a feed's teaser: the lead paragraph only) is the same
story too, but it only *attaches*: to exactly one group, and only if it is contained in every
member of that group it could be compared with, so it never chains two stories together.

Cost: copies are sorted by date and only those within `window_days` of each other are
compared; within the window an inverted index from shingle to copies finds the copies that
share shingles, so the cost is the number of shared shingles, not the number of pairs. Each
text keeps at most `SKETCH_CAP` shingles (the ones with the smallest hashes: a consistent
sample, exact below the cap) and each index lookup reads at most `POSTINGS_CAP` copies, so
neither a huge text nor a boilerplate line carried by every page makes the cost superlinear.
Thresholds were measured on real BBC articles: benchmarks/measure_syndication.py.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
import zlib
from bisect import bisect_right
from collections import deque
from itertools import islice
from dataclasses import dataclass
from typing import Iterator, Sequence

SHINGLE_WORDS = 5  # an edited word costs 5 shingles; shorter n-grams are shared by chance
CONTAINMENT = 0.5  # PLACEHOLDER
SIZE_RATIO = 0.5  # PLACEHOLDER
TEASER_CONTAINMENT = 0.8  # PLACEHOLDER
MIN_SHINGLES = 10  # PLACEHOLDER
SKETCH_CAP = 4096
POSTINGS_CAP = 256

_ALL_HASHES = (1 << 32) - 1
_WORD = re.compile(r"\w+")
# NFKC leaves typographic quotes and dashes alone; map them so both spellings are one text.
_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


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


def words(text: str) -> list[str]:
    """The text's words, normalised: NFKC, lower case, plain quotes and dashes."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_PLAIN).casefold())


def _stable_hash(shingle: str) -> int:
    """A 32-bit hash that is the same in every process (Python's hash() is salted per run)."""
    # CRC-32 is twice as fast as blake2b here, and 32 bits are enough: two 4,096-shingle
    # sketches share a hash by chance with probability 4096 * 4096 / 2**32 = 0.4%, one shingle.
    return zlib.crc32(shingle.encode("utf-8"))


def shingle_hashes(tokens: Sequence[str]) -> set[int]:
    """Hashes of every run of SHINGLE_WORDS consecutive words (one run for a shorter, non-empty text)."""
    size = SHINGLE_WORDS
    if 0 < len(tokens) < size:
        return {_stable_hash(" ".join(tokens))}
    return {_stable_hash(" ".join(tokens[i:i + size])) for i in range(len(tokens) - size + 1)}


def fingerprint(text: str) -> Fingerprint:
    """The sketch of one text: its shingle hashes, capped at SKETCH_CAP."""
    hashes = shingle_hashes(words(text))
    if len(hashes) <= SKETCH_CAP:
        kept, limit = hashes, _ALL_HASHES
    else:
        # Bottom-k: the smallest hashes are a uniform sample, and the same shingle is kept by
        # every text whose limit covers it, so two sketches stay comparable below both limits.
        kept = set(heapq.nsmallest(SKETCH_CAP, hashes))
        limit = max(kept)
    return Fingerprint(frozenset(kept), tuple(sorted(kept)), len(hashes), limit)


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


def compare(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(containment, size ratio) of two sketches: share of the smaller in the larger, and sizes."""
    return score(len(a.hashes & b.hashes), a, b)


def _forget(postings: dict[int, deque[int]], gone: int, prints: Sequence[Fingerprint]) -> None:
    """Drop a copy that left the window from the index."""
    # Copies leave in the order they entered, so this one is at the front of each of its postings.
    for h in prints[gone].hashes:
        posting = postings[h]
        posting.popleft()
        if not posting:
            del postings[h]


def _shared_counts(prints: Sequence[Fingerprint], dates: Sequence[dt.date],
                   window_days: int) -> Iterator[tuple[int, int, int]]:
    """(earlier, later, shared hashes) for every pair within the window that shares a shingle."""
    postings: dict[int, deque[int]] = {}
    window: deque[int] = deque()
    span = dt.timedelta(days=window_days)
    for later, sketch in enumerate(prints):
        while window and dates[later] - dates[window[0]] > span:
            _forget(postings, window.popleft(), prints)
        shared: dict[int, int] = {}
        for h in sketch.hashes:
            posting = postings.setdefault(h, deque())
            # A shingle on every page of a site (boilerplate) would make this quadratic: read
            # only its earliest POSTINGS_CAP copies. A story carried more often is still found
            # through those earliest copies, which all the later ones join.
            for earlier in islice(posting, POSTINGS_CAP):
                shared[earlier] = shared.get(earlier, 0) + 1
            posting.append(later)
        window.append(later)
        for earlier in sorted(shared):
            yield earlier, later, shared[earlier]


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
        """Join the groups of two copies (the smaller group moves)."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


@dataclass
class _Pairs:
    """The pairs of copies found within the window, by kind."""

    copies: list[tuple[int, int]]  # near-whole copies of each other
    teasers: dict[int, list[int]]  # shorter copy -> the longer texts that contain it
    linked: set[tuple[int, int]]  # (earlier, later) for every pair of either kind


def _pairs(prints: Sequence[Fingerprint], dates: Sequence[dt.date], window_days: int) -> _Pairs:
    """Classify every pair that shares shingles: copy, teaser in a longer text, or neither."""
    found = _Pairs([], {}, set())
    for earlier, later, shared in _shared_counts(prints, dates, window_days):
        containment, ratio = score(shared, prints[earlier], prints[later])
        if ratio >= SIZE_RATIO and containment >= CONTAINMENT:
            found.copies.append((earlier, later))
        elif ratio < SIZE_RATIO and containment >= TEASER_CONTAINMENT:
            short, long = sorted((earlier, later), key=lambda i: (prints[i].size, i))
            found.teasers.setdefault(short, []).append(long)
        else:
            continue
        found.linked.add((earlier, later))
    return found


def _consistent(groups: _Groups, a: int, b: int, found: _Pairs, dates: Sequence[dt.date], window_days: int) -> bool:
    """Whether every pair across two groups that could be compared was found to be linked."""
    span = dt.timedelta(days=window_days)
    return all(
        (min(x, y), max(x, y)) in found.linked
        for x in groups.members[a] for y in groups.members[b] if abs(dates[x] - dates[y]) <= span
    )


def _attach_teasers(groups: _Groups, found: _Pairs, prints: Sequence[Fingerprint],
                    dates: Sequence[dt.date], window_days: int) -> None:
    """Join each group of short texts to the one group of longer texts that contains them."""
    # Largest first: a trimmed copy joins its full text before the lead paragraph alone looks
    # for its target, and then finds one group (full and trimmed) rather than two.
    roots = {groups.find(short) for short in found.teasers}
    order = sorted(roots, key=lambda r: (-max(prints[m].size for m in groups.members[r]), min(groups.members[r])))
    for root in order:
        root = groups.find(root)
        targets = {groups.find(long) for short in groups.members[root] for long in found.teasers.get(short, ())}
        targets.discard(root)
        # Contained in two groups (a round-up, a boilerplate-only page): it could bridge two
        # stories, so it joins neither.
        if len(targets) == 1:
            target = targets.pop()
            if _consistent(groups, root, target, found, dates, window_days):
                groups.union(root, target)


def syndicated_groups(copies: Sequence[Copy], window_days: int = 3) -> list[tuple[str, ...]]:
    """Groups (ids sorted, groups sorted) of two or more copies of one story; copies more than window_days apart are never compared."""
    ordered = sorted(copies, key=lambda c: (c.date, c.id, c.text))  # any input order gives one result
    prints = [fingerprint(c.text) for c in ordered]
    dates = [c.date for c in ordered]
    found = _pairs(prints, dates, window_days)
    groups = _Groups(len(ordered))
    for a, b in found.copies:
        groups.union(a, b)
    _attach_teasers(groups, found, prints, dates, window_days)
    return sorted(tuple(sorted(ordered[m].id for m in members))
                  for members in groups.members.values() if len(members) > 1)
