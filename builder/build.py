"""One build, as a checklist: load and validate settings, build the site into a staging folder
beside the output with Pelican, check it, then swap it in whole.

An interrupted build never touches the published output/: the swap is one atomic exchange.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .collector import collect_less, restore
from .config import ConfigError, load_config
from .wording import counted


class BuildError(Exception):
    """The build failed for a reason the user can act on; the message says which."""


class StrictError(BuildError):
    """--strict and the build logged warnings."""


@dataclass
class BuildReport:
    """What a build did, for the command line and tests."""

    output: Path
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    summarised: int = 0
    from_cache: int = 0
    warnings: list[str] = field(default_factory=list)
    briefings: int = 0
    digested: int = 0  # briefings digested anew (the rest came from the cache)
    formats: dict[str, int] = field(default_factory=dict)  # files read per format
    pages_reused: int = 0  # pages taken from the published site: their inputs did not change
    pages_rendered: int = 0  # pages with declared inputs that were rendered
    feed_entries: int = 0
    syndicated: int = 0  # copies shown as part of another article

    @property
    def read_line(self) -> str:
        """What was read, per format: "read 5 text, 12 web pages, 1 feed with 40 entries"."""
        parts = []
        for fmt, count in sorted(self.formats.items(), key=lambda kv: FORMAT_ORDER.index(kv[0])):
            noun = FORMAT_NOUNS[fmt][count != 1]
            parts.append(f"{count} {noun}" + (f" with {counted(self.feed_entries, 'entry', 'entries')}" if fmt == "feed" else ""))
        return "read " + (", ".join(parts) if parts else "no article files")


FORMAT_ORDER = ["text", "markdown", "web page", "feed"]
FORMAT_NOUNS = {"text": ("text", "text"), "markdown": ("Markdown", "Markdown"),
                "web page": ("web page", "web pages"), "feed": ("feed", "feeds")}


class _WarningCollector(logging.Handler):
    """Collects every warning and error logged during the build (for --strict and the report)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(settings_file: str | os.PathLike, content: str | None = None, output: str | None = None) -> dict:
    """Pelican's settings from the file, with command-line overrides, Briefing's part validated."""
    from pelican.settings import read_settings  # Pelican is imported only when building

    if not Path(settings_file).is_file():
        raise BuildError(f"settings file not found: {settings_file}")
    override = {}
    if content:
        override["PATH"] = os.path.abspath(content)
    _check_content_folder(settings_file, override.get("PATH"))
    if output:
        override["OUTPUT_PATH"] = os.path.abspath(output)
    try:
        settings = read_settings(str(settings_file), override=override)
    except Exception as error:  # Pelican raises many kinds for a broken settings file
        raise BuildError(f"cannot read settings {settings_file}: {error}") from None
    load_config(settings)  # raises ConfigError listing every problem at once
    return settings


def _check_content_folder(settings_file: str | os.PathLike, content: str | None) -> None:
    """Name the missing content folder (Pelican's own message does not say which)."""
    from pelican.settings import get_settings_from_file

    if content is None:
        try:
            declared = get_settings_from_file(str(settings_file)).get("PATH", ".")
        except Exception as error:  # a settings file with a syntax error, say
            raise BuildError(f"cannot read settings {settings_file}: {error}") from None
        content = os.path.join(os.path.dirname(os.path.abspath(settings_file)), declared)
    if not Path(content).is_dir():
        raise BuildError(f"content folder not found: {os.path.normpath(content)}")


def build(settings_file: str | os.PathLike = "pelicanconf.py", content: str | None = None,
          output: str | None = None, strict: bool = False,
          progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the whole site and publish it to the output folder in one swap."""
    thresholds = collect_less()
    try:
        return _build(settings_file, content, output, strict, progress)
    finally:
        restore(thresholds)


def _build(settings_file, content, output, strict, progress) -> BuildReport:
    """Build into a staging folder with Pelican, then publish it (the arguments of `build`)."""
    from pelican import Pelican

    from .pelican_plugin import PROGRESS_KEY, PUBLISHED_KEY, STATE_KEY, stop_search_index

    settings = load_settings(settings_file, content, output)
    target = Path(settings["OUTPUT_PATH"])
    staging = _staging_folder(target)
    settings.update({"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False, PROGRESS_KEY: progress,
                     PUBLISHED_KEY: str(target)})

    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        Pelican(settings).run()
    except BaseException as error:  # Ctrl-C included: never leave a staging folder behind
        stop_search_index(settings)  # nor an indexer writing into it
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, (ConfigError, KeyboardInterrupt, SystemExit)):
            raise
        raise BuildError(f"the site could not be built: {error}") from error
    finally:
        logging.getLogger().removeHandler(collector)

    state = settings[STATE_KEY]
    report = BuildReport(
        output=target,
        articles=len(state.catalogue.articles),
        skipped=[p.label for p in state.problems],
        summarised=state.stats.summarised,
        from_cache=state.stats.from_cache,
        warnings=collector.messages,
        briefings=len(state.briefings),
        digested=state.digested,
        formats=dict(state.catalogue.formats),
        feed_entries=state.catalogue.feed_entries,
        syndicated=state.catalogue.syndicated,
        pages_reused=state.pages.reused,
        pages_rendered=state.pages.rendered,
    )
    if strict and report.warnings:
        shutil.rmtree(staging, ignore_errors=True)
        raise StrictError(f"--strict: {len(report.warnings)} warning(s); {target} was left as it was")
    publish(staging, target)
    state.pages.save()  # only now does the published site match these page keys
    return report


def _staging_folder(target: Path) -> Path:
    """A fresh folder beside the output (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}-building-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted build
    staging = target.parent / f".{target.name}-building-{os.getpid()}"
    staging.mkdir()
    return staging


def publish(staging: Path, target: Path) -> None:
    """Replace the output folder by the staging folder; readers never see a half-built site."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # it now holds the previous site
        return
    # No atomic exchange on this system: two renames, the old site kept until the new one is in.
    previous = target.parent / f".{target.name}-previous-{os.getpid()}"
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
