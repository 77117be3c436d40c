"""Shared fixtures: real builds of real content into temporary folders."""

from __future__ import annotations

import re
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


def broken_links(sample_site, external: str = "") -> list[str]:
    """Links and resources of the site's pages that reach no file or no #anchor; an external link
    counts as broken unless its element matches the CSS selector `external`."""
    site_url = "http://127.0.0.1:8000"  # SITEURL and FEED_DOMAIN of pelicanconf.py
    pages = {p: None for p in sample_site.output.rglob("*.html")}
    broken = []
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            if url.startswith(site_url):
                target, anchor = (sample_site.output / url[len(site_url):].lstrip("/")), ""
                target, _, anchor = str(target).partition("#")
                target = Path(target)
            elif re.match(r"^[a-z]+:", url):
                if not (external and tag.name == "a" and tag in soup.select(external)):
                    broken.append(f"{path.name}: external link {url}")
                continue
            else:
                file_part, _, anchor = url.partition("#")
                target = (path.parent / file_part).resolve() if file_part else path
            if not target.is_file():
                broken.append(f"{path.relative_to(sample_site.output)}: {url} (no file)")
            elif anchor and target.suffix == ".html":
                ids = pages.get(target)
                if ids is None:
                    ids = pages[target] = {t["id"] for t in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select("[id]")}
                if anchor not in ids:
                    broken.append(f"{path.relative_to(sample_site.output)}: {url} (no #{anchor})")
    return broken
