"""Shared fixtures: real builds of real content into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.build import build

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content"


class Site:
    """A built site in a temporary folder, read as a reader would."""

    def __init__(self, root: Path, report):
        self.root = root
        self.output = root / "output"
        self.report = report

    def page(self, relative: str) -> BeautifulSoup:
        """A built page, parsed."""
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")

    def files(self) -> dict[str, bytes]:
        """Every output file's bytes, by relative path."""
        return {str(p.relative_to(self.output)): p.read_bytes() for p in sorted(self.output.rglob("*")) if p.is_file()}


def write_settings(root: Path, extra: str = "") -> Path:
    """A settings file that takes the project's settings and overrides some."""
    settings = root / "settings.py"
    settings.write_text(
        f"exec(open({str(REPO / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PATH = 'content'\nOUTPUT_PATH = 'output'\n{extra}\n",
        encoding="utf-8",
    )
    return settings


def make_site(root: Path, files: dict[str, bytes] | None = None, samples: bool = True, extra: str = "",
              strict: bool = False) -> Site:
    """Build a site from the sample articles (optionally) plus the given files."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    if samples:
        for sample in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(sample, content / sample.name)
    for name, data in (files or {}).items():
        (content / name).write_bytes(data)
    settings = write_settings(root, extra)
    report = build(settings, strict=strict)
    return Site(root, report)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The five sample articles, built once for the whole session."""
    return make_site(tmp_path_factory.mktemp("samples"))
