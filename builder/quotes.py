"""Direct quotations and who said them.

A quotation is the text between quotation marks, at least a few words long. Its speaker is the
person named next to a speech verb outside the quotation in the same sentence ("…," the minister
stated; Smith stated, "…"). A pronoun speaker ("…," he said) is the one person named in the
sentences just before it in the paragraph; when none or several could be meant, the speaker
stays unknown: a quotation is never attributed by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from rapidfuzz import fuzz, process

from .entities import SPEECH_VERBS, Mention

MIN_WORDS = 4
MAX_SPEAKER_DISTANCE = 60  # characters between a speaker's name and the speech verb
SAME_QUOTE = 70
SAME_SPEAKER_OVERLAP = 0.25  # stem overlap from which one speaker's two quotations are one statement  # rapidfuzz token-set ratio from which two quotations are one (translations differ)
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
    by_speaker: dict[str | None, list[MergedQuote]] = {}
    wordings: dict[str | None, list[str]] = {}  # each entry's wording, lowercased, for rapidfuzz
    for quote in quotes:
        speaker = canonical(quote.speaker) if quote.speaker else None
        entries = by_speaker.setdefault(speaker, [])
        texts = wordings.setdefault(speaker, [])
        index = _first_match(entries, texts, quote, speaker, stems)
        if index is None:
            entry = MergedQuote(quote.text, speaker, [quote])
            merged.append(entry)
            entries.append(entry)
            texts.append(quote.text.lower())
            continue
        entry = entries[index]
        entry.reports.append(quote)
        if len(quote.text) > len(entry.text):
            entry.text = quote.text  # the fullest wording
            texts[index] = quote.text.lower()
    return merged


def _first_match(entries: list[MergedQuote], texts: list[str], quote: Quote, speaker: str | None,
                 stems) -> int | None:
    """The first entry that reports the same statement: close wording (compared in rapidfuzz's
    C++ loop, since unattributed quotations pile up in one long list), or for a known speaker a
    share of the same content words; never an entry the quotation's own article reports."""
    if not entries:
        return None
    close = {match[2] for match in process.extract(quote.text.lower(), texts, scorer=fuzz.token_set_ratio,
                                                     score_cutoff=SAME_QUOTE, limit=None)}
    # Without a speaker only close wording counts: only those entries need a look.
    for index in (range(len(entries)) if speaker is not None else sorted(close)):
        entry = entries[index]
        if any(r.article_id == quote.article_id for r in entry.reports):
            continue  # one source does not report one statement twice
        if index in close or _shares_words(entry, quote, speaker, stems):
            return index
    return None


def _shares_words(entry: MergedQuote, quote: Quote, speaker: str | None, stems) -> bool:
    """For a known speaker, a share of the same content words."""
    if speaker is None:
        return False
    a, b = stems(entry.text), stems(quote.text)
    return bool(a and b) and len(a & b) / len(a | b) >= SAME_SPEAKER_OVERLAP


