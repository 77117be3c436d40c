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
from .digest import Briefing, build_briefing, forget_sentence_memos
from .entities import forget_name_memos
from .records import PreparedArticle, SourceRef
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
# 20,000; numpy's matrix products already use both cores) and each held its own memos. Ten
# periods at a time, not 50: on 5,000 articles the worker's peak was 313 MiB against 355 MiB,
# the digests took 52.3 s against 52.7 s (the sentence memos are emptied after each chunk).
PERIODS_PER_CHUNK = 10


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
    """Each chunk's digests, from one worker process (builder/digest_worker.py), chunk by chunk.
    (The worker waits while this process sends a chunk and takes in an answer: 1.2 s of the
    60 s that 5,000 articles' 25 chunks took, too little to send ahead in a second thread.)"""
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
                found.append(share_strings(pickle.load(worker.stdout), chunk))
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


def share_strings(briefings: list[Briefing], found: list[Period]) -> list[Briefing]:
    """The briefings (of the given periods, in their order), in place, their texts, titles, ids
    and URLs made the very strings the periods' articles hold: a briefing read back from a pickle
    (the worker's answer, the digest cache) holds a copy of each. On 5,000 articles the strings
    were 70 KiB of each briefing's 123 KiB, 29 KiB of them distinct across 60 consecutive
    briefings; the building process ended a cold build at 338 MiB with this, 352-357 without.
    Key points, figures and timelines only: the rest is small (a walk of every field took
    0.54-0.98 s for 250 briefings, this 0.07 s)."""
    for start in range(0, len(found), PERIODS_PER_CHUNK):
        # Consecutive periods share most of their articles: one pool for a run of them.
        pool: dict[str, str] = {}
        share = pool.setdefault
        for article in {id(a): a for period in found[start:start + PERIODS_PER_CHUNK] for a in period.articles}.values():
            record = article.record
            for text in (record.id, record.title, record.url):
                if text:
                    share(text, text)
            for sentence in article.sentences:
                share(sentence.text, sentence.text)
        for briefing in briefings[start:start + PERIODS_PER_CHUNK]:
            _share_briefing(briefing, share)
    return briefings


def _share_briefing(briefing: Briefing, share) -> None:
    """One briefing's strings from the pool."""
    for section in briefing.sections:
        for point in section.points:
            point.text = share(point.text, point.text)
            _share_sources(point.sources, share)
        for group in section.figures:
            for mention in group.mentions:
                mention.article_id = share(mention.article_id, mention.article_id)
                mention.title = share(mention.title, mention.title)
                mention.url = share(mention.url, mention.url)
                mention.sentence = share(mention.sentence, mention.sentence)
        for entry in section.timeline:
            entry.text = share(entry.text, entry.text)
            _share_sources(entry.sources, share)


def _share_sources(sources: list[SourceRef], share) -> None:
    """Each source's strings from the pool."""
    for ref in sources:
        ref.article_id = share(ref.article_id, ref.article_id)
        ref.title = share(ref.title, ref.title)
        ref.url = share(ref.url, ref.url)
        ref.text = share(ref.text, ref.text)
        ref.source = share(ref.source, ref.source)


def forget_period_memos(analyser: StemAnalyser) -> None:
    """Empty the memos of the sentences and names of the periods just digested: the next chunk's
    periods share few of them (on 5,000 articles the worker's peak was 355 MiB with this, 387
    MiB without, in chunks of 50 periods)."""
    analyser.forget_sentences()
    forget_name_memos()
    forget_sentence_memos()


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
