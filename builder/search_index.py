"""The search index: Pagefind, one index per month of articles, merged in the reader's browser.

Pagefind holds every page it indexes in memory and indexes the whole site at each run. Measured
on the 2,000-article benchmark site (8,333 pages): 3.95 s and 454 MiB peak for one index; at
20,000 articles the indexer was the build's largest process, 3,996 MiB. One index per calendar
month of the articles' dates bounds both by one month's articles, whatever the archive's size,
and a rebuild indexes again only the months whose article pages changed (a daily rebuild: this
month). The search page merges the months with Pagefind's `mergeIndex`, which ranks the results
of every month together by score; `SHARDS_FILE` lists them, newest first.

Only article pages are indexed (their `data-pagefind-body`): briefings, topic and people pages
repeat the articles' sentences, and a search result should land on the article and sentence.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

INDEX_FOLDER = "pagefind"
SHARDS_FILE = f"{INDEX_FOLDER}/shards.json"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries what it said."""


def shard_of(date: dt.date) -> str:
    """The index an article of this date goes in: its month."""
    return f"{date:%Y-%m}"


def shard_folder(shard: str) -> str:
    """Where one month's index is written, relative to the site."""
    return f"{INDEX_FOLDER}/{shard}"


# Pagefind runs one at a time: it uses every core itself. Timed on six shards of 600 article pages
# of the 20,000-article benchmark site, four alternating runs: one at a time 4.0-4.7 s and
# 138 MiB, two at once 3.4-5.5 s and 261-266 MiB; at the end of a cold build the indexer's memory
# adds to the main process's largest (the 1 GiB goal of issue 13).
INDEX_JOBS = 1


def index_shards(site: Path, pages: dict[str, list[str]], jobs: int = INDEX_JOBS,
                 stop: threading.Event | None = None) -> None:
    """Index each shard's pages (site-relative names) into its folder, `jobs` Pagefind runs at once;
    `stop` set ends the runs (killed) and raises SearchIndexError."""
    jobs = max(1, jobs)
    pending = sorted(pages)
    running: list[tuple[str, subprocess.Popen, tempfile.TemporaryDirectory]] = []
    failures: list[str] = []
    try:
        while pending or running:
            while pending and len(running) < jobs:
                shard = pending.pop(0)
                staged = _staged_pages(site, pages[shard])
                running.append((shard, _pagefind(Path(staged.name), site / shard_folder(shard)), staged))
            shard, process, staged = running[0]
            out, err = _finished(process, stop)
            running.pop(0)
            staged.cleanup()
            if process.returncode != 0:
                failures.append(f"{shard}: {(err or out).strip()[-500:]}")
    finally:
        for _, process, staged in running:  # an interrupted build leaves no indexer behind
            process.kill()
            process.wait()
            staged.cleanup()
    if failures:
        raise SearchIndexError("the search index could not be built: " + "; ".join(failures))


def _finished(process: subprocess.Popen, stop: threading.Event | None) -> tuple[str, str]:
    """What a Pagefind run printed once it ends; SearchIndexError if `stop` is set first."""
    while True:
        try:
            return process.communicate(timeout=None if stop is None else STOP_CHECK_SECONDS)
        except subprocess.TimeoutExpired:
            if stop.is_set():
                raise SearchIndexError("the search index was stopped: the build did not finish") from None


STOP_CHECK_SECONDS = 0.1


class Indexing:
    """The search index written in a thread while the build writes its other pages: Pagefind
    runs in its own process, and the building process has Python left to do (measured on the
    2,000-article benchmark site: the oldest article changed, 0.96 s of Pagefind began 0.5 s
    before the last page was written). `wait` gives its result; `stop` ends it."""

    def __init__(self, site: Path, pages: dict[str, list[str]], jobs: int = INDEX_JOBS):
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(site, pages, jobs), name="search-index", daemon=True)
        atexit.register(self.stop)  # a build that dies leaves no indexer behind
        self._thread.start()

    def _run(self, site: Path, pages: dict[str, list[str]], jobs: int) -> None:
        try:
            index_shards(site, pages, jobs, self._stop)
        except BaseException as error:  # handed to whoever waits
            self._error = error

    def wait(self) -> None:
        """Until every shard is indexed; raises what the indexing raised."""
        self._thread.join()
        atexit.unregister(self.stop)
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        """End the runs (the build failed or was interrupted) and wait for them to be gone."""
        self._stop.set()
        self._thread.join()
        atexit.unregister(self.stop)


def clear_index(site: Path, keep: set[str]) -> None:
    """Remove every index file but the kept shards' (a site written in place holds last build's)."""
    folder = site / INDEX_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.is_symlink() and path.name in keep:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def write_shard_list(site: Path, shards: list[str]) -> None:
    """The months the search page merges, newest first (the newest is the primary index)."""
    path = site / SHARDS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"shards": sorted(shards, reverse=True)}, indent=1) + "\n", encoding="utf-8")


def _staged_pages(site: Path, names: list[str]) -> tempfile.TemporaryDirectory:
    """A folder holding only these pages at their site paths (hard links), for Pagefind's --site."""
    staged = tempfile.TemporaryDirectory(prefix=".index-", dir=site.parent)
    root = Path(staged.name)
    for name in names:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / name, target)
        except OSError:  # another file system: a copy does as well
            shutil.copy2(site / name, target)
    return staged


def _pagefind(site: Path, output: Path) -> subprocess.Popen:
    """Start Pagefind (its binary ships with the package) on one staged site."""
    command = [*_pagefind_command(), "--site", str(site), "--output-path", str(output), "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@functools.cache
def _pagefind_command() -> tuple[str, ...]:
    """The Pagefind binary of the `pagefind_bin` wheel, run directly: `python -m pagefind` starts
    a Python that only finds and runs it, 0.06-0.07 s per index here (`--version`, three runs)."""
    try:
        from pagefind_bin import get_executable

        return (str(get_executable().resolve()),)
    except (ImportError, OSError):
        return (sys.executable, "-m", "pagefind")
