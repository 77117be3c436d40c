"""Build-speed benchmark on real articles: cold build, unchanged rebuild, one changed article.

The articles are read from ../shared/eval/bbc (never copied into the project): each run writes
N of them into a temporary content folder, with a date line spreading them over days
(ARTICLES_PER_DAY a day), and builds with the project's settings.

    .venv/bin/python benchmarks/bench_build.py --articles 2000 [--json results.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from builder.build import build  # noqa: E402
from conftest import write_settings  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "bbc"
ARTICLES_PER_DAY = 20


def write_content(data: Path, content: Path, count: int) -> int:
    """Write `count` articles (cycling through the corpus if it has fewer) with date lines."""
    sources = sorted((data / "articles").rglob("*.txt"))
    start = dt.date(2005, 1, 1)
    for n in range(count):
        raw = sources[n % len(sources)].read_bytes()
        text = raw.decode("utf-8", errors="replace")
        if n >= len(sources):  # a repeated article must still be a different file
            text = text.replace("\n\n", f"\n\nCopy {n // len(sources)}.\n\n", 1)
        day = start + dt.timedelta(days=n // ARTICLES_PER_DAY)
        (content / f"{n:05d}.txt").write_text(f"Published: {day:%d %B %Y}\n{text}", encoding="utf-8")
    return count


def timed(settings: Path) -> tuple[float, object]:
    started = time.perf_counter()
    report = build(settings)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        content = root / "content"
        content.mkdir()
        write_content(args.data, content, args.articles)
        settings = write_settings(root)
        cold, report = timed(settings)
        warm, warm_report = timed(settings)
        first = sorted(content.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence was added here.\n", encoding="utf-8")
        changed, changed_report = timed(settings)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {
            "articles": args.articles,
            "built": report.articles,
            "skipped": len(report.skipped),
            "briefings": report.briefings,
            "cold_seconds": round(cold, 2),
            "cold_ms_per_article": round(1000 * cold / args.articles, 2),
            "unchanged_rebuild_seconds": round(warm, 2),
            "unchanged_summarised": warm_report.summarised,
            "one_changed_rebuild_seconds": round(changed, 2),
            "one_changed_summarised": changed_report.summarised,
            "peak_rss_mib": round(peak_mib, 1),
            "peak_worker_rss_mib": round(children_mib, 1),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
