"""Briefing periods: which articles each briefing covers, and digesting those not cached.

A briefing per day covers that day and the days before it (`briefing_windows`). The articles of
each period are found from a per-day index, so the cost is the articles per period, not every
article for every day.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

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


# Below this many periods to digest, they are digested in this process (a daily rebuild digests
# one to three): the worker costs its start, about a second to import the libraries and WordLlama.
PARALLEL_PERIODS = 20
# A cold build's periods are digested in one worker process, this many consecutive periods (they
# share most of their articles) sent to it at a time. Digested here, a cold build of 20,000
# articles kept about 400 MiB more in this process to its end (word-stem and meaning memos, the
# allocator's fragments: 1,206 MiB at the end, 962 MiB after digesting against 565 MiB before).
# One worker, not one per core: digesting did not get faster in two (169 s against 146 s at
# 20,000; numpy's matrix products already use both cores) and each held its own memos.
PERIODS_PER_CHUNK = 50


def digest_periods(todo: list[Period], urls: dict[str, str], config: BriefingConfig,
                   analyser: StemAnalyser) -> list[Briefing]:
    """The digests of the given periods, in their order, each without its articles and URLs (the
    caller has them): in this process when they are few, else in a worker process."""
    ordered = sorted(todo, key=lambda p: p.day)
    if len(ordered) < PARALLEL_PERIODS:
        found = digest_chunk(ordered, urls, config, analyser)
    else:
        chunks = [ordered[i:i + PERIODS_PER_CHUNK] for i in range(0, len(ordered), PERIODS_PER_CHUNK)]
        found = [briefing for part in _in_worker(chunks, urls, config) for briefing in part]
    by_day = {b.date: b for b in found}
    return [by_day[p.day] for p in todo]


def _in_worker(chunks: list[list[Period]], urls: dict[str, str], config: BriefingConfig) -> list[list[Briefing]]:
    """Each chunk's digests, from one worker process (builder/digest_worker.py), chunk by chunk."""
    command = [sys.executable, "-m", "builder.digest_worker"]
    root = str(Path(__file__).resolve().parent.parent)  # the worker imports this very package
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as errors:
        worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=environment)
        try:
            found = []
            for chunk in chunks:
                wanted = {a.record.id: urls[a.record.id] for period in chunk for a in period.articles}
                pickle.dump((chunk, wanted, config), worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                worker.stdin.flush()
                found.append(pickle.load(worker.stdout))
            worker.stdin.close()
            worker.wait()
            return found
        except (EOFError, OSError, pickle.UnpicklingError):
            worker.kill()
            worker.wait()
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip()[-2000:]
            raise RuntimeError(f"the digest worker failed (exit code {worker.returncode}): {said}") from None
        finally:
            if worker.poll() is None:  # an interrupted build leaves no worker behind
                worker.kill()
                worker.wait()


def digest_chunk(chunk: list[Period], urls: dict[str, str], config: BriefingConfig,
                 analyser: StemAnalyser) -> list[Briefing]:
    """Consecutive periods digested oldest first: builder/meaning.py embeds each sentence once
    while it is in the memo, and the stem memos hold what the next period repeats."""
    found = []
    for period in chunk:
        briefing = build_briefing(period.day, period.start, list(period.articles),
                                  {a.record.id: urls[a.record.id] for a in period.articles}, config, analyser)
        found.append(replace(briefing, articles=[], urls={}))
    return found
