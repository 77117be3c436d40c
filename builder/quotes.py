"""Direct quotations and who said them.

A quotation is the text between quotation marks, at least a few words long. Its speaker is the
person named next to a speech verb outside the quotation in the same sentence ("…," the minister
stated; Smith stated, "…"). A pronoun speaker ("…," he said) is the one person named in the
sentences just before it in the paragraph; when none or several could be meant, the speaker
stays unknown: a quotation is never attributed by guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .entities import SPEECH_VERBS, Mention

MIN_WORDS = 4
MAX_SPEAKER_DISTANCE = 60  # characters between a speaker's name and the speech verb
SAME_QUOTE = 70  # rapidfuzz token-set ratio from which two quotations are one (translations differ)
# Threads pay from about this many quotations (timed here: 20 take 0.41 ms in one thread and 0.81
# ms in two, 100 take 12.6 and 6.9 ms); most of a briefing's speakers have a handful.
THREADED_QUOTES = 50
MAX_QUOTE_MATRIX = 4_000  # one speaker's quotations in a briefing: a matrix of 16 MB
SAME_SPEAKER_OVERLAP = 0.25  # stem overlap from which one speaker's two quotations are one statement
_QUOTE = re.compile(r"[\"“«„]([^\"“”«»„]{10,}?)[\"”»“]")
_PRONOUN_SPEAKER = re.compile(rf"^\W*(he|she)\s+(?:\w+ly\s+)?{SPEECH_VERBS}\b|\b{SPEECH_VERBS}\s+(he|she)\b", re.IGNORECASE)
_VERB = re.compile(rf"\b{SPEECH_VERBS}\b", re.IGNORECASE)


@dataclass
class Quote:
    """One quotation as one source reported it."""

    text: str
    speaker: str | None  # the speaker's name as written, None when unclear
    article_id: str
    anchor: str
    sentence: str


@dataclass
class MergedQuote:
    """A quotation reported by one or more sources, with its speaker (an entity's name) or none."""

    text: str
    speaker: str | None
    reports: list[Quote] = field(default_factory=list)

    @property
    def source_count(self) -> int:
        """How many different articles report it."""
        return len({r.article_id for r in self.reports})


def find_quotes(sentences: Sequence[str], paragraphs: Sequence[int], mentions: Sequence[list[Mention]],
                is_person: Callable[[str], bool]) -> list[tuple[int, str, str | None]]:
    """Quotations of one article: (sentence index, quoted text, speaker name or None)."""
    found = []
    for index, sentence in enumerate(sentences):
        for match in _QUOTE.finditer(sentence):
            text = match.group(1).strip(" ,.")
            if len(text.split()) < MIN_WORDS:
                continue  # a quoted phrase ("a positive step"), not a statement
            outside = _unquoted(sentence)
            speaker = _named_speaker(outside, mentions[index], is_person)
            if speaker is None and _PRONOUN_SPEAKER.search(outside):
                speaker = _antecedent(index, paragraphs, sentences, mentions, is_person)
            found.append((index, text, speaker))
    return found


def _named_speaker(outside: str, mentions: list[Mention], is_person: Callable[[str], bool]) -> str | None:
    """The person named nearest to a speech verb outside the quotation."""
    verbs = [m.start() for m in _VERB.finditer(outside)]
    people = [m for m in mentions if is_person(m.name) and outside[m.start:m.end] == m.name]
    if not verbs or not people:
        return None
    # Nearest to any speech verb, in characters; a name inside another quotation is blanked out.
    best = min(people, key=lambda m: (min(min(abs(v - m.end), abs(v - m.start)) for v in verbs), m.start))
    distance = min(min(abs(v - best.end), abs(v - best.start)) for v in verbs)
    return best.name if distance <= MAX_SPEAKER_DISTANCE else None


def _antecedent(index: int, paragraphs: Sequence[int], sentences: Sequence[str],
                mentions: Sequence[list[Mention]], is_person: Callable[[str], bool]) -> str | None:
    """Who "he" or "she" is: the speaker of the sentence before ("X indicated …"), or the one
    person named in the two sentences before, in the same paragraph; otherwise unknown."""
    for back in (1, 2):
        before = index - back
        if before < 0 or paragraphs[before] != paragraphs[index]:
            return None
        speaker = _named_speaker(_unquoted(sentences[before]), mentions[before], is_person)
        if speaker:
            return speaker
        people = {m.name for m in mentions[before] if is_person(m.name)}
        if len(people) == 1:
            return people.pop()
        if len(people) > 1:
            return None  # ambiguous: never guess
    return None


def _unquoted(sentence: str) -> str:
    """The sentence with its quotations blanked out (names inside them speak no words)."""
    return _QUOTE.sub(lambda m: " " * len(m.group(0)), sentence)


def merge_quotes(quotes: Sequence[Quote], canonical: Callable[[str], str],
                 stems: Callable[[str], frozenset[str]]) -> list[MergedQuote]:
    """One entry per quotation: the same statement by the same speaker, reported by several
    sources in slightly different words (close wording, or the same speaker and shared words).
    Each quotation joins the first earlier entry of its speaker that it matches."""
    merged: list[MergedQuote] = []
    spoken = [canonical(quote.speaker) if quote.speaker else None for quote in quotes]
    said: dict[str | None, list[Quote]] = defaultdict(list)  # one pass: a briefing may name thousands
    for quote, speaker in zip(quotes, spoken):
        said[speaker].append(quote)
    speakers = {speaker: _SpeakerEntries(theirs) for speaker, theirs in said.items()}
    for quote, speaker in zip(quotes, spoken):
        group = speakers[speaker]
        # A share of words counts for a known speaker only: without one, no stems are kept.
        own = stems(quote.text) if speaker is not None else frozenset()
        index = _first_match(group, quote, own, stems)
        if index is None:
            entry = MergedQuote(quote.text, speaker, [quote])
            merged.append(entry)
            group.add(entry, own)
        else:
            entry = group.entries[index]
            entry.reports.append(quote)
            group.articles[index].add(quote.article_id)
            if len(quote.text) > len(entry.text):
                entry.text = quote.text  # the fullest wording
                group.reword(index, own)
        group.seen += 1
    return merged


class _SpeakerEntries:
    """One speaker's entries so far, with what finding a match looks up: each entry's wording
    (lowercased, for rapidfuzz), its articles, and which entries hold each content stem."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.entries: list[MergedQuote] = []
        self.wording: list[int] = []  # each entry's wording, as the position of its quotation
        self.articles: list[set[str]] = []
        self.holding: dict[str, set[int]] = defaultdict(set)
        self.seen = 0  # how many of the speaker's quotations have been placed
        # Every wording is one of the speaker's quotations, so their closeness is computed at
        # once, in rapidfuzz's threads: one quotation against each earlier entry took 4.7 of a
        # 2,000-article cold build's 12.5 s of people (profiled). Past MAX_QUOTE_MATRIX
        # quotations the matrix would outgrow its use, and each is compared as it comes.
        self.lowered = lowered = [q.text.lower() for q in quotes]
        self.close = (process.cdist(lowered, lowered, scorer=fuzz.token_set_ratio, score_cutoff=SAME_QUOTE,
                                    dtype=np.uint8, workers=-1 if len(quotes) >= THREADED_QUOTES else 1)
                      if 1 < len(quotes) <= MAX_QUOTE_MATRIX else None)

    def add(self, entry: MergedQuote, entry_stems: frozenset[str]) -> None:
        """A new entry, of one quotation."""
        self.entries.append(entry)
        self.wording.append(self.seen)
        self.articles.append({r.article_id for r in entry.reports})
        self._hold(len(self.entries) - 1, entry_stems)

    def reword(self, index: int, entry_stems: frozenset[str]) -> None:
        """An entry now shown in a fuller wording: its stems are looked up too (an old stem's
        entry stays listed, which only adds a candidate that the overlap then turns down)."""
        self.wording[index] = self.seen
        self._hold(index, entry_stems)

    def _hold(self, index: int, entry_stems: frozenset[str]) -> None:
        for stem in entry_stems:
            self.holding[stem].add(index)

    def closest(self) -> set[int]:
        """The entries whose wording is close to the next quotation's."""
        if self.close is not None:
            row = self.close[self.seen][self.wording]
            return set(np.flatnonzero(row).tolist())
        texts = [self.lowered[w] for w in self.wording]
        return {match[2] for match in process.extract(self.lowered[self.seen], texts, scorer=fuzz.token_set_ratio,
                                                      score_cutoff=SAME_QUOTE, limit=None)}

    def sharing(self, quote_stems: frozenset[str]) -> set[int]:
        """The entries that share a content stem with a quotation: no other reaches the overlap."""
        found: set[int] = set()
        for stem in quote_stems:
            found |= self.holding.get(stem, set())
        return found


def _first_match(group: _SpeakerEntries, quote: Quote, own: frozenset[str], stems) -> int | None:
    """The first entry that reports the same statement: close wording (compared in rapidfuzz's
    C++ code, since unattributed quotations pile up in one long list), or for a known speaker a
    share of the same content words (`own`, its stems; empty without a speaker); never an entry
    the quotation's own article reports. Only entries that could match are looked at: with one
    rapidfuzz scan and a Python loop over all of a speaker's entries per quotation, 4,000
    quotations of three speakers took 6.7–8.0 s to merge; with the matrix and these, 2.9 s, the same entries."""
    if not group.entries:
        return None
    close = group.closest()
    for index in sorted(close | group.sharing(own)):
        if quote.article_id in group.articles[index]:
            continue  # one source does not report one statement twice
        if index in close or _shares_words(group.entries[index], own, stems):
            return index
    return None


def _shares_words(entry: MergedQuote, own: frozenset[str], stems) -> bool:
    """For a known speaker (whose quotations have stems), a share of the same content words."""
    a = stems(entry.text)
    return bool(a and own) and len(a & own) / len(a | own) >= SAME_SPEAKER_OVERLAP
