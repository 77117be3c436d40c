"""Briefing periods: which articles each briefing covers, and digesting those not cached.

A briefing per day covers that day and the days before it (`briefing_windows`). The articles of
each period are found from a per-day index, so the cost is the articles per period, not every
article for every day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from .config import BriefingConfig
from .digest import Briefing, build_briefing
from .records import PreparedArticle
from .topics import StemAnalyser


@dataclass(frozen=True)
class Period:
    """One briefing to digest: its day, first day and articles (in date, id order)."""

    day: dt.date
    start: dt.date
    articles: tuple[PreparedArticle, ...]


def periods(articles: list[PreparedArticle], windows: dict[dt.date, tuple[dt.date, dt.date]]) -> list[Period]:
    """Each window's articles, newest briefing first."""
    by_day: dict[dt.date, list[PreparedArticle]] = defaultdict(list)
    for article in articles:
        by_day[article.record.date].append(article)
    found = []
    for day, (start, _) in sorted(windows.items(), reverse=True):
        chosen = [a for offset in range((day - start).days + 1) for a in by_day.get(start + dt.timedelta(days=offset), [])]
        found.append(Period(day, start, tuple(sorted(chosen, key=lambda a: (a.record.date, a.record.id)))))
    return found


def digest_periods(todo: list[Period], urls: dict[str, str], config: BriefingConfig,
                   analyser: StemAnalyser) -> list[Briefing]:
    """The digests of the given periods, in their order, each without its articles and URLs (the
    caller has them). Oldest first, in this process: consecutive periods share most of their
    sentences, and builder/meaning.py embeds each sentence once while it is in the memo."""
    # Measured on the 2,000-article benchmark (100 three-day periods): 12.6 s in this process,
    # 11.6 s in two worker processes (each period's articles pickled to a worker, a fresh worker
    # loading the libraries and WordLlama, about 300 MiB each); fewer than 20 periods were slower
    # in workers (16: 2.2 s here, 3.0 s in workers). Not worth two processes' memory.
    found = {}
    for period in sorted(todo, key=lambda p: p.day):
        briefing = build_briefing(period.day, period.start, list(period.articles),
                                  {a.record.id: urls[a.record.id] for a in period.articles}, config, analyser)
        found[period.day] = replace(briefing, articles=[], urls={})
    return [found[p.day] for p in todo]
