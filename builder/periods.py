"""Briefing periods: which articles each briefing covers, and digesting many periods at once.

A briefing per day covers that day and the days before it (`briefing_windows`). The articles of
each period are found from a per-day index, so the cost is the articles per period, not every
article for every day. Periods whose digest is not cached are digested in worker processes when
there are enough of them: each digest depends only on its own articles and the settings, so the
result is the same in any process (tests/test_site.py compares a serial and a parallel build).
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from .config import BriefingConfig
from .digest import Briefing, build_briefing
from .records import PreparedArticle
from .topics import StemAnalyser

# Below this many periods to digest, starting worker processes costs more than it saves: a
# period's digest takes about 0.1-0.2 s on the 2,000-article benchmark (20 articles a day,
# 3-day periods), a worker about 0.1 s to start by fork.
PARALLEL_PERIODS = 4
# Consecutive periods share most of their sentences: a worker that digests a run of them embeds
# each sentence once (builder/meaning.py memoises per process).
PERIODS_PER_TASK = 8


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
                   workers: int = 0) -> list[Briefing]:
    """The digests of the given periods, in their order; in worker processes when there are many.
    Each comes back without its articles and URLs (the caller has them)."""
    workers = workers or os.cpu_count() or 1
    jobs = [(p, {a.record.id: urls[a.record.id] for a in p.articles}, config) for p in todo]
    if len(jobs) < PARALLEL_PERIODS or workers < 2:
        return [_digest(job) for job in jobs]
    chunk = max(1, min(PERIODS_PER_TASK, len(jobs) // workers))
    # Workers start from a fresh interpreter (forkserver), not a fork of this process: by now it
    # holds the whole archive, and a forked worker's garbage collector touches every object it
    # inherited, copying the parent's pages (at 20,000 articles the build's processes peaked at
    # 2,942 MiB with forked digest workers).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["builder.periods"])
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(_digest, jobs, chunksize=chunk))


def _digest(job: tuple[Period, dict[str, str], BriefingConfig]) -> Briefing:
    period, urls, config = job
    briefing = build_briefing(period.day, period.start, list(period.articles), urls, config, _analyser(config.language))
    return replace(briefing, articles=[], urls={})


@functools.lru_cache(maxsize=4)
def _analyser(language: str) -> StemAnalyser:
    return StemAnalyser(language)
