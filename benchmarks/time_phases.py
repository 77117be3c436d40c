"""Time the phases of one rebuild (wall clock, no profiler), for the notes of issue 13.

A cold build is made once in --root (kept between runs); each run then changes the oldest article
(or adds one, or builds cold again) and times Pelican's reading, each of Briefing's cross-article steps, the page writing
and the search index.

    .venv/bin/python benchmarks/time_phases.py --root /tmp/phases --articles 2000 --step changed
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import DEFAULT_DATA, write_content  # noqa: E402
from conftest import write_settings  # noqa: E402
from pelican import signals  # noqa: E402

from builder import pelican_plugin, search_index  # noqa: E402
from builder.build import build  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
MARKS: dict[str, float] = {}
STEPS = ["periods", "_briefings", "build_people", "mark_editions", "front_pages", "topic_stories"]


def _timed(name, function):
    """The function, adding its wall time to SPENT[name]."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start
    return wrapper


RECEIVERS = []  # blinker holds its receivers weakly


def _mark(name):
    """A signal receiver that notes when the signal came."""
    def receiver(*args, **kwargs):
        MARKS[name] = time.perf_counter()
    RECEIVERS.append(receiver)
    return receiver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--step", choices=["cold", "unchanged", "changed", "added"], default="changed")
    args = parser.parse_args()
    content = args.root / "content"
    if not content.exists():
        content.mkdir(parents=True)
        write_content(DEFAULT_DATA, content, args.articles)
    settings = write_settings(args.root)
    if args.step == "cold":
        for made in (".briefing-cache", "output"):
            shutil.rmtree(args.root / made, ignore_errors=True)
    elif not (args.root / "output").exists():
        build(settings)
    if args.step == "changed":
        first = sorted(content.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + f"\nOne more sentence, at {time.time()}.\n",
                         encoding="utf-8")
    if args.step == "added":
        write_content(DEFAULT_DATA, content, len(list(content.glob("*.txt"))) + 1,
                      first=len(list(content.glob("*.txt"))))
    for name in STEPS:
        setattr(pelican_plugin, name, _timed(name, getattr(pelican_plugin, name)))
    pelican_plugin.index_shards = _timed("search index, at the end", pelican_plugin.index_shards)
    search_index.Indexing.wait = _timed("waiting for the search index", search_index.Indexing.wait)
    signals.initialized.connect(_mark("initialized"))
    signals.article_generator_pretaxonomy.connect(_mark("articles read"))
    signals.all_generators_finalized.connect(_mark("context"))
    signals.article_writer_finalized.connect(_mark("article pages"))
    start = time.perf_counter()
    build(settings)
    end = time.perf_counter()
    print(f"{args.step}: {end - start:.2f} s")
    print(f"  until Pelican initialised: {MARKS['initialized'] - start:.2f} s")
    print(f"  until the articles were read: {MARKS['articles read'] - start:.2f} s")
    print(f"  until all contexts made: {MARKS['context'] - start:.2f} s")
    for name in STEPS:
        print(f"    {name}: {SPENT[name]:.2f} s")
    print(f"  until article pages written: {MARKS['article pages'] - start:.2f} s")
    print(f"  after that: {end - MARKS['article pages']:.2f} s")
    for name, spent in SPENT.items():
        if name not in STEPS:
            print(f"    {name}: {spent:.2f} s")


if __name__ == "__main__":
    main()
