"""Dated events in news sentences: explicit dates, and relative ones resolved against the
article's own date ("on Wednesday" in an article of Friday 14 March is Wednesday 12 March).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .dates import DATE_PATTERN, parse_date

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A day and month without a year ("on March 12", "12 March"): the year is the article's.
DAY_MONTH = re.compile(rf"\b(?:on\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})\b(?!,?\s*\d{{4}})")


@functools.lru_cache(maxsize=100_000)
def without_dates(text: str) -> str:
    """The text without its dates: articles of one period share them, so they are no evidence
    that two sentences report the same development, nor do they make a sentence specific."""
    return DAY_MONTH.sub(" ", DATE_PATTERN.sub(" ", text))


_RELATIVE = re.compile(
    r"\b(?:(?P<on>on|last|this|since|by|until)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<word>yesterday|today|tonight)\b",
    re.IGNORECASE,
)

_FUTURE = re.compile(r"\b(?:will|next|expected to|scheduled|set to|is due|are due|plans? to)\b", re.IGNORECASE)


def event_date(sentence: str, published: dt.date) -> dt.date | None:
    """The date a sentence reports something happening on, if it names one."""
    if (match := DATE_PATTERN.search(sentence)) and (date := parse_date(match.group(0))):
        return date
    if match := DAY_MONTH.search(sentence):
        date = parse_date(f"{match.group(0).removeprefix('on ')} {published.year}")
        if date is not None:
            # "December 30" in a January article is last year's.
            return date.replace(year=date.year - 1) if date > published + dt.timedelta(days=7) else date
    if match := _RELATIVE.search(sentence):
        return _resolve(match, published, ahead=bool(_FUTURE.search(sentence)))
    return None


def _resolve(match: re.Match, published: dt.date, ahead: bool) -> dt.date | None:
    """A weekday or yesterday/today, as the date it means in an article of that date."""
    word = (match.group("word") or "").lower()
    if word == "yesterday":
        return published - dt.timedelta(days=1)
    if word in {"today", "tonight"}:
        return published
    if (match.group("on") or "").lower() in {"since", "by", "until"}:
        return None  # a deadline or a start, not the day of an event
    weekday = _WEEKDAYS.index(match.group("weekday").lower())
    if ahead:  # "talks will resume on Monday": the next Monday
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    # News reports what happened: "on Wednesday" is the latest Wednesday up to the article's day.
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)
