"""The opening of an article, whatever its format: a dateline glued to the first paragraph,
and a headline derived from the first sentence when the source gives none."""

from __future__ import annotations

import re

from sumy.utils import get_stop_words

from ..dates import DATE_PATTERN

DEK_MAX_WORDS = 30
DERIVED_TITLE_WORDS = 16
MIN_TITLE_WORDS = 5

# A dateline: a date, or a capitalised place (with optional agency), then a dash, glued to
# the first sentence: "March 13, 2025 - Amid ...", "LIMA, March 13 (Reuters) - ...".
DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][\w.'’ -]{1,40},\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?|\d{4}-\d{2}-\d{2})"
    r"(?:\s*\([^)]{1,30}\))?"
    r"|[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?(?:\s*\([^)]{1,30}\))?)"
    r"\s*[-–—]{1,2}\s+(?=\S)"
)
# Openings that carry no title content: "On March 12, 2025," and connectives.
_LEADING_DATE_PHRASE = re.compile(rf"^(?:On|As of|By|Since)\s+(?:{DATE_PATTERN.pattern}),?\s*", re.IGNORECASE)


_STOP_WORDS = get_stop_words("english") | {"amid", "despite", "toward", "towards"}


def _words(text: str) -> int:
    return len(text.split())


def split_dateline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Take a dateline glued to the first paragraph off it: "LIMA, March 3 (Reuters) - ..."."""
    match = DATELINE.match(paragraphs[0])
    if not match or not paragraphs[0][match.end():].strip():
        return paragraphs, None
    return [paragraphs[0][match.end():]] + paragraphs[1:], match.group("dateline").strip()


def derive_title(paragraphs: list[str]) -> str:
    """A short headline from the opening sentence: its first full clause, without a leading date."""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", paragraphs[0], maxsplit=1)[0]
    first = _LEADING_DATE_PHRASE.sub("", first).strip().rstrip(".!?")
    title = ""
    for clause in re.split(r"(?<=[,;:])\s+|\s+[–—-]\s+", first):
        title = f"{title} {clause}".strip()
        if _words(title) >= MIN_TITLE_WORDS:
            break
    title = title.rstrip(",;:")
    words = title.split()
    if len(words) > DERIVED_TITLE_WORDS:
        kept = words[:DERIVED_TITLE_WORDS - 2]
        # A headline should not end on "of", "the" or "concerning".
        while len(kept) > MIN_TITLE_WORDS and kept[-1].lower().strip(",;:") in _STOP_WORDS:
            kept.pop()
        title = " ".join(kept).rstrip(",;:") + "…"
    return title[:1].upper() + title[1:]
