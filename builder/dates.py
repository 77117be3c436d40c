"""Finding and parsing calendar dates written in news text."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Only full dates (day, month and year): "March 2025" or "since August" name no day.
DATE_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def parse_date(text: str) -> dt.date | None:
    """Parse one date string with dateutil; None when it is not a valid date."""
    try:
        return dateutil_parser.parse(text, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first full date written in the text, with its match."""
    for match in DATE_PATTERN.finditer(text):
        date = parse_date(match.group(0))
        if date is not None:
            return date, match
    return None


def is_date_only(text: str) -> bool:
    """Whether the text is a date and nothing else (a header's date line)."""
    found = find_date(text)
    if found is None:
        return False
    _, match = found
    rest = (text[: match.start()] + text[match.end():]).strip(" ,.-–—:|")
    # Weekday names may stand beside the date ("Thursday, 13 March 2025").
    return rest == "" or re.fullmatch(r"(?i)(mon|tues|wednes|thurs|fri|satur|sun)day", rest) is not None


# A line shaped like a date in another language: "4 лютого 2025", "5. März 2025", "le 3 mars 2025".
_FOREIGN_DATE_LINE = re.compile(r"^(?:[^\W\d_]{1,12},?\s+)?\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}(?:\s+[^\W\d_]{1,5}\.?)?$"
                                r"|^[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4}$")


def foreign_date(line: str) -> dt.date | None:
    """A date line written in another language, parsed with dateparser (only lines shaped like a
    date are tried: dateparser guesses the language, which costs tens of milliseconds a line)."""
    if not _FOREIGN_DATE_LINE.match(line.strip()):
        return None
    import dateparser  # loaded only when a text has such a line

    found = dateparser.parse(line, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return found.date() if found else None
