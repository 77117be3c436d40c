"""The `briefing` command: small subcommands, one-line errors, exit codes that mean something.

Exit codes: 0 success; 1 the build failed or --strict found warnings; 2 bad settings or usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .build import BuildError, StrictError, build
from .config import ConfigError, describe_options
from .wording import counted

BUILD_EXAMPLE = """examples:
  briefing build                      build output/ from content/ with pelicanconf.py
  briefing build --strict             fail (exit 1) if any article gave a warning
  briefing build -c news/ -o site/    other content and output folders
"""


EVAL_EXAMPLE = """examples:
  briefing eval --sample 300                 the table in the README
  briefing eval --sample 50 --json out.json  a quick run, with JSON for scripts
  briefing eval my-data/ --summarisers briefing,lead
  briefing eval topics                       topic precision, recall and F1 on the development set
  briefing eval digest                       cross-source clustering and the front page, same set
  briefing eval template devset/trade-war    write labels.json for a story's sentences (keeps labels)
"""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of news articles into a static daily briefing site.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_cmd = commands.add_parser(
        "build", help="build the site from the articles", epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read, summarise and group every article, then publish the site in one swap.",
    )
    build_cmd.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file (default: %(default)s)")
    build_cmd.add_argument("-c", "--content", help="folder of articles (default: PATH in the settings)")
    build_cmd.add_argument("-o", "--output", help="folder for the site (default: OUTPUT_PATH in the settings)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors (exit code 1)")
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    build_cmd.set_defaults(run=_run_build)
    eval_cmd = commands.add_parser(
        "eval", help="score every summariser on articles with reference summaries", epilog=EVAL_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="ROUGE-1/2/Lsum (rouge-score, stemmed) at the reference's length and at a fixed ratio, "
                    "seconds per article, and readability faults, for every summariser; also the "
                    "readability of the summaries of the site's own articles.",
    )
    eval_cmd.add_argument("data", nargs="?", default=None,
                          help="folder with index.csv, articles/ and summaries/ (default: ../shared/eval/bbc); "
                               "or 'topics', 'digest' or 'template' for the labelled development set")
    eval_cmd.add_argument("target", nargs="?", default=None,
                          help="with topics, digest or template: the development set or one story (default: devset/)")
    eval_cmd.add_argument("--sample", type=int, help="score a random sample of N articles (seeded)")
    eval_cmd.add_argument("--limit", type=int, help="score only the first N articles (after sampling)")
    eval_cmd.add_argument("--seed", type=int, default=0, help="seed of the sample (default: %(default)s)")
    eval_cmd.add_argument("--ratio", type=float, default=None, help="summary length as a share of the article "
                          "for the fixed-ratio mode (default: 0.25)")
    eval_cmd.add_argument("--summarisers", help="comma-separated names (default: all)")
    eval_cmd.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    eval_cmd.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    eval_cmd.add_argument("-s", "--settings", default="pelicanconf.py",
                          help="settings whose content folder is checked for readability (default: %(default)s)")
    eval_cmd.set_defaults(run=_run_eval)
    settings_cmd = commands.add_parser("settings", help="list Briefing's settings with defaults",
                                       description="List every BRIEFING_* setting, its default and meaning.")
    settings_cmd.set_defaults(run=_run_settings)
    return parser


def _run_build(args: argparse.Namespace) -> int:
    _configure_logging()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from pelican.log import console as pelican_console

    pelican_console.quiet = True  # our own one-line report replaces Pelican's "Done" line
    console = Console(stderr=True)
    columns = (TextColumn("Summarising articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True, disable=args.quiet or not console.is_terminal) as bar:
        task = bar.add_task("summarise", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            report = build(args.settings, args.content, args.output, strict=args.strict, progress=progress)
        except ConfigError as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 2
        except StrictError as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 1
        except BuildError as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 1
    if not args.quiet:
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        copies = f" ({report.syndicated} syndicated copies shown with their story)" if report.syndicated else ""
        print(f"{report.read_line[:1].upper()}{report.read_line[1:]}{copies}.")
        print(f"Built {counted(report.articles, 'article')}{skipped} into {counted(report.briefings, 'briefing')}: "
              f"{report.summarised} summarised, {report.from_cache} from cache; "
              f"{counted(report.digested, 'briefing')} digested; {counted(report.pages_reused, 'unchanged page')} kept, "
              f"{report.pages_rendered} rendered -> {report.output}")
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    if args.data in DEVSET_COMMANDS:
        return _run_devset(args)
    from . import evaluate

    data = Path(args.data) if args.data else evaluate.DEFAULT_DATA
    names = args.summarisers.split(",") if args.summarisers else evaluate.all_summarisers()
    unknown = [n for n in names if n not in evaluate.ALGORITHMS]
    if unknown:
        print(f"briefing: unknown summariser(s) {', '.join(unknown)}; choose from {', '.join(evaluate.all_summarisers())}",
              file=sys.stderr)
        return 2
    ratio = args.ratio if args.ratio is not None else evaluate.DEFAULT_RATIO
    if not 0 < ratio <= 1:
        print(f"briefing: --ratio must be above 0 and at most 1, not {ratio}", file=sys.stderr)
        return 2
    try:
        articles, skipped = evaluate.load_dataset(data, args.sample, args.limit, args.seed)
    except evaluate.EvalError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    if not articles:
        print(f"briefing: {data}: no article could be read ({len(skipped)} skipped)", file=sys.stderr)
        return 1
    try:
        content, config = _eval_content(args.settings)
    except (BuildError, ConfigError) as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("Scoring summarisers"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("eval", total=len(articles))
        scores, dev = evaluate.evaluate(articles, names, ratio, jobs=args.jobs,
                                        progress=lambda done, total: bar.update(task, completed=done))
    readability = {"dev": dev}
    if content is not None:
        readability["content"] = evaluate.content_readability(
            {name: evaluate.summarise_folder(content, config, name) for name in names}, config.language)
    report = evaluate.Report(str(data), len(articles), ratio, evaluate.DEFAULT_ALGORITHM, scores, readability,
                             skipped)
    print(evaluate.format_table(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


DEVSET_COMMANDS = ("topics", "digest", "template")


def _run_devset(args: argparse.Namespace) -> int:
    """`briefing eval topics|digest|template [folder]`: the labelled development set."""
    from . import devset

    root = Path(args.target) if args.target else devset.DEFAULT_DEVSET
    try:
        folders = devset.story_folders(root)
        if args.data == "template":
            for folder in folders:
                total, todo = devset.write_template(folder)
                print(f"{folder / devset.LABELS}: {total} sentences, {todo} to label")
            return 0
        from . import devset_eval

        stories = [devset.load_story(folder) for folder in folders]
    except (devset.DevsetError, ConfigError) as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    for story in stories:
        for problem in story.problems:
            print(f"warning: {problem}", file=sys.stderr)
    report = devset_eval.topic_report(stories) if args.data == "topics" else devset_eval.digest_report(stories)
    print(report.table())
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _eval_content(settings_file: str):
    """The content folder and Briefing settings of the site, if a settings file is there."""
    if not Path(settings_file).is_file():
        return None, None
    from .build import load_settings
    from .config import load_config

    settings = load_settings(settings_file)
    return Path(settings["PATH"]), load_config(settings)


def _run_settings(args: argparse.Namespace) -> int:
    print(describe_options())
    return 0


def _configure_logging() -> None:
    """Warnings as one line each on stderr, no tracebacks."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
