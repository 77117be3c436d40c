"""Profile one step of a build on real articles: the cold build, an unchanged rebuild or a rebuild
after one changed article or one added article (cProfile, top lines by cumulative time), for the notes of issue 13.

    .venv/bin/python benchmarks/profile_build.py --articles 2000 --step changed [--top 40]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import DEFAULT_DATA, write_content  # noqa: E402
from builder.build import build  # noqa: E402
from conftest import write_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--step", choices=["cold", "unchanged", "changed", "added"], default="changed")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--out", type=Path, help="also save the raw profile here (pstats)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="briefing-profile-"))
    try:
        content = root / "content"
        content.mkdir()
        write_content(DEFAULT_DATA, content, args.articles)
        settings = write_settings(root)
        if args.step != "cold":
            build(settings)
        if args.step == "changed":
            first = sorted(content.glob("*.txt"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence was added here.\n",
                             encoding="utf-8")
        if args.step == "added":  # the next day's first article, as the daily rebuild adds it
            write_content(DEFAULT_DATA, content, args.articles + 1, first=args.articles)
        profiler = cProfile.Profile()
        profiler.enable()
        build(settings)
        profiler.disable()
        if args.out:
            profiler.dump_stats(args.out)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
