"""Build-speed benchmark on real articles: cold build, unchanged rebuild, one changed article
(the oldest), one added article (the next day's first: the daily rebuild), side by side with
plain Pelican on the same articles.

The articles are read from ../shared/eval/bbc (never copied into the project): each run writes
N of them into a temporary content folder, with a date line spreading them over days
(ARTICLES_PER_DAY a day), and builds with the project's settings. Plain Pelican builds the same
articles as Markdown with its default theme, no plugins and its content cache on, in a
separate process (its own peak memory), for the same three builds.

    .venv/bin/python benchmarks/bench_build.py --articles 2000 [--json results.json] [--no-pelican]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import write_settings  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "bbc"
ARTICLES_PER_DAY = 20


def write_content(data: Path, content: Path, count: int, first: int = 0) -> int:
    """Write articles first .. count - 1 (cycling through the corpus if it has fewer) with date lines."""
    sources = sorted((data / "articles").rglob("*.txt"))
    start = dt.date(2005, 1, 1)
    for n in range(first, count):
        raw = sources[n % len(sources)].read_bytes()
        text = raw.decode("utf-8", errors="replace")
        if n >= len(sources):  # a repeated article must still be a different file
            text = text.replace("\n\n", f"\n\nCopy {n // len(sources)}.\n\n", 1)
        day = start + dt.timedelta(days=n // ARTICLES_PER_DAY)
        (content / f"{n:05d}.txt").write_text(f"Published: {day:%d %B %Y}\n{text}", encoding="utf-8")
    return count


PELICAN_SETTINGS = """
PATH = {content!r}
OUTPUT_PATH = {output!r}
PLUGINS = []
SITEURL = ""
RELATIVE_URLS = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
"""


def write_markdown(content: Path, markdown: Path) -> None:
    """The same articles as Markdown with Pelican metadata, for plain Pelican."""
    for path in sorted(content.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        day = dt.datetime.strptime(lines[0].removeprefix("Published: "), "%d %B %Y").date()
        title, body = lines[1], "\n".join(lines[2:])
        (markdown / f"{path.stem}.md").write_text(f"Title: {title}\nDate: {day}\nSlug: {path.stem}\n\n{body}\n", encoding="utf-8")


def pelican_run(root: Path) -> dict:
    """Plain Pelican on the Markdown articles: the same four builds; wall time and peak memory."""
    markdown = root / "markdown"
    settings = root / "pelican_plain.py"
    settings.write_text(PELICAN_SETTINGS.format(content=str(markdown), output=str(root / "pelican-out"),
                                                cache=str(root / "pelican-cache")), encoding="utf-8")
    command = [sys.executable, "-c", "import resource, sys, time; from pelican import main; t = time.perf_counter();"
               " sys.argv = ['pelican', '-s', sys.argv[1], '-q']; main();"
               " print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)",
               str(settings)]
    runs = []
    for step in ("cold", "unchanged", "one changed", "one added"):
        if step == "one changed":
            first = sorted(markdown.glob("*.md"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence was added here.\n", encoding="utf-8")
        if step == "one added":
            write_markdown(root / "added", markdown)
        finished = subprocess.run(command, capture_output=True, text=True)
        if finished.returncode != 0:
            raise SystemExit(f"plain Pelican failed: {finished.stderr[-2000:]}")
        out = finished.stdout.split()
        runs.append((float(out[-2]), float(out[-1])))
    return {"cold_seconds": round(runs[0][0], 2), "unchanged_rebuild_seconds": round(runs[1][0], 2),
            "one_changed_rebuild_seconds": round(runs[2][0], 2), "one_added_rebuild_seconds": round(runs[3][0], 2),
            "peak_rss_mib": round(max(r[1] for r in runs), 1)}


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass  # it ended meanwhile
    return found


def _pss_mib(pid: int) -> float:
    """Proportional set size: shared pages (forked workers) are split between their sharers."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeMemory:
    """Samples the memory of this process's descendants (PSS, summed) every 0.1 s; keeps the peak."""

    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, sum(_pss_mib(p) for p in _tree(os.getpid())[1:]))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# One build in a fresh process, as `briefing build` runs each day: nothing a previous build
# left in memory (caches, the last build's articles) counts for this one.
BUILD = """
import json, sys, time
from builder.build import build
started = time.perf_counter()
report = build(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - started, "articles": report.articles,
                  "skipped": len(report.skipped), "briefings": report.briefings, "summarised": report.summarised}))
"""


def timed(settings: Path) -> tuple[float, dict, float]:
    """Wall time, report and the build process tree's peak memory (MiB) of one build."""
    with TreeMemory() as memory:
        finished = subprocess.run([sys.executable, "-c", BUILD, str(settings)], capture_output=True, text=True,
                                  cwd=REPO)
    if finished.returncode != 0:
        raise SystemExit(f"the build failed: {finished.stderr[-2000:]}")
    report = json.loads(finished.stdout.strip().splitlines()[-1])
    return report["seconds"], report, round(memory.peak, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-pelican", action="store_true", help="skip the plain-Pelican comparison")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        content = root / "content"
        content.mkdir()
        write_content(args.data, content, args.articles)
        # Tomorrow's first article: a new day, a new briefing (the daily rebuild).
        (root / "added").mkdir()
        write_content(args.data, root / "added", args.articles + 1, first=args.articles)
        plain = None
        if not args.no_pelican:
            (root / "markdown").mkdir()
            write_markdown(content, root / "markdown")
            plain = pelican_run(root)
        settings = write_settings(root)
        cold, report, cold_tree = timed(settings)
        warm, warm_report, warm_tree = timed(settings)
        first = sorted(content.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence was added here.\n", encoding="utf-8")
        changed, changed_report, changed_tree = timed(settings)
        for path in (root / "added").glob("*.txt"):
            shutil.copy(path, content / path.name)
        added, added_report, added_tree = timed(settings)
        largest_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {
            "articles": args.articles,
            "built": report["articles"],
            "skipped": report["skipped"],
            "briefings": report["briefings"],
            "cold_seconds": round(cold, 2),
            "cold_ms_per_article": round(1000 * cold / args.articles, 2),
            "unchanged_rebuild_seconds": round(warm, 2),
            "unchanged_summarised": warm_report["summarised"],
            "one_changed_rebuild_seconds": round(changed, 2),
            "one_changed_summarised": changed_report["summarised"],
            "one_added_rebuild_seconds": round(added, 2),
            "one_added_summarised": added_report["summarised"],
            "largest_process_rss_mib": round(largest_mib, 1),  # of any build, Pelican's included
            "tree_pss_mib": {"cold": cold_tree, "unchanged": warm_tree, "one_changed": changed_tree,
                             "one_added": added_tree},
        }
        if plain:
            result["plain_pelican"] = plain
            result["ratios"] = {
                "cold_vs_pelican": round(cold / plain["cold_seconds"], 2),
                "unchanged_vs_own_cold": round(warm / cold, 3),
                "one_changed_vs_own_cold": round(changed / cold, 3),
                "one_added_vs_own_cold": round(added / cold, 3),
            }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
