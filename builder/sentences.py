"""Sentence and word splitting that works offline, shaped as a sumy tokenizer, and word stems.

sumy's own Tokenizer needs NLTK's punkt data, which cannot be downloaded here; sumy accepts
any object with to_sentences() and to_words(). Sentences come from sentencex (rule-based, no
data files, the fastest of the offline candidates measured in shared/NOTES.md).
"""

from __future__ import annotations

import re

from sentencex import segment
from sumy.nlp.stemmers import Stemmer

# sentencex names languages by ISO code; sumy and the Snowball stemmer by English name.
LANGUAGE_CODES = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "russian": "ru", "ukrainian": "uk", "polish": "pl",
    "czech": "cs", "slovak": "sk", "greek": "el", "hungarian": "hu", "finnish": "fi",
    "swedish": "sv", "danish": "da", "norwegian": "no",
}
# Words keep inner hyphens, apostrophes and digit groups: "45-day", "country's", "2,400".
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*", re.UNICODE)


class NewsTokenizer:
    """A sumy tokenizer: sentences from sentencex, words from a Unicode pattern."""

    def __init__(self, language: str = "english"):
        if language not in LANGUAGE_CODES:
            raise ValueError(f"no sentence splitter for language {language!r}; choose one of {sorted(LANGUAGE_CODES)}")
        self.language = language
        self._code = LANGUAGE_CODES[language]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split a paragraph into sentences, dropping empty pieces."""
        pieces = (s.strip() for s in segment(self._code, paragraph))
        return tuple(_merge_fragments([p for p in pieces if p]))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split a sentence into words (numbers included, punctuation dropped)."""
        return tuple(_WORD.findall(sentence))


def _merge_fragments(pieces: list[str]) -> list[str]:
    """Glue back a piece that starts in lowercase: the splitter cut inside a sentence."""
    merged: list[str] = []
    for piece in pieces:
        if merged and piece[0].islower():
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


class MemoStemmer:
    """sumy's stemmer for a language, remembering the words it has stemmed.

    sumy stems every word of every sentence each time it compares two sentences: profiled on
    300 of the BBC articles, Snowball ran 96,237 times, 2.1 s of the 4.4 s the articles took to
    read and summarise. A language has only so many words; the bound keeps any input's memo
    small all the same (a new word past it is stemmed again, never wrongly).
    """

    def __init__(self, language: str):
        self._stem = Stemmer(language)
        self._memo: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            stem = self._stem(word)
            if len(self._memo) < MEMO_WORDS:
                self._memo[word] = stem
        return stem


MEMO_WORDS = 200_000  # distinct words kept: past them a new word is stemmed each time, never wrongly
