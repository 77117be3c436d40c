"""The `briefing` command: small subcommands, one-line errors, exit codes that mean something.

Exit codes: 0 success; 1 the build failed or --strict found warnings; 2 bad settings or usage.
"""

from __future__ import annotations

import argparse
import logging
import sys

from .build import BuildError, StrictError, build
from .config import ConfigError, describe_options

BUILD_EXAMPLE = """examples:
  briefing build                      build output/ from content/ with pelicanconf.py
  briefing build --strict             fail (exit 1) if any article gave a warning
  briefing build -c news/ -o site/    other content and output folders
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
        print(f"Built {report.articles} articles{skipped} into {report.briefings} briefing(s): "
              f"{report.summarised} summarised, {report.from_cache} from cache -> {report.output}")
    return 0


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
