"""How counts and dates read in the site's text: "1 article", "3 sources", "13 March 2025"."""

from __future__ import annotations

import datetime as dt


def long_date(value: dt.date) -> str:
    """A date as readers write it: 13 March 2025."""
    return f"{value.day} {value:%B %Y}"


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """The noun as it goes with the count: "source" for 1, "sources" otherwise."""
    return noun if count == 1 else (plural_form or noun + "s")


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """A count with its noun: "1 article", "2 articles", "0 articles"."""
    return f"{count} {plural(count, noun, plural_form)}"
