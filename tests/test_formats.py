"""Articles as they really arrive: Markdown, saved web pages and feeds next to plain text, each
credited to its outlet. Built end to end and read as a reader sees the site."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, Site, broken_links, make_site, write_settings

DATA = REPO / "tests" / "data" / "formats"
GOOD = DATA / "good"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
# The feed entry that is also a saved page: published as part of its twin.
TWINS = {(name, index) for pair in EXPECTED["syndicated"] for name, index in pair["articles"][1:]}


def build_with(root: Path, folder: Path, names: list[str] | None = None, samples: bool = True, **kwargs) -> Site:
    """A site of the samples plus files copied from a test-data folder."""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())
             if p.is_file() and (names is None or p.name in names) and p.suffix not in {".py"} and p.name != "README.md"}
    return make_site(root, files, samples=samples, **kwargs)


@pytest.fixture(scope="module")
def formats_site(tmp_path_factory) -> Site:
    """The five samples, a Markdown article, three saved pages, an RSS, an Atom and a JSON feed."""
    return build_with(tmp_path_factory.mktemp("formats"), GOOD)


def article_pages(site: Site) -> dict[str, object]:
    """Every article page by its title, as a reader finds it."""
    pages = {}
    for path in sorted((site.output / "articles").glob("*.html")):
        page = site.page(f"articles/{path.name}")
        pages[page.h1.get_text(" ", strip=True)] = page
    return pages


def expected_articles() -> list[dict]:
    """What a person expects of each article of the good files (feeds: each entry)."""
    return [dict(article, file=name, syndicated_with=(name, index) in TWINS)
            for name, articles in EXPECTED["files"].items() for index, article in enumerate(articles)]


def test_the_build_reports_what_it_read_per_format(formats_site):
    assert formats_site.report.read_line == "read 5 text, 1 Markdown, 3 web pages, 3 feeds with 6 entries"
    assert formats_site.report.syndicated == 1


@pytest.mark.parametrize("expected", [a for a in expected_articles() if not a["syndicated_with"]],
                         ids=lambda e: f"{e['file']}:{e['title'][:30]}")
def test_every_article_is_published_with_its_outlet_and_metadata(formats_site, expected):
    """Every article but the feed entry that is a saved page's twin (checked below)."""
    pages = article_pages(formats_site)
    assert expected["title"] in pages, sorted(pages)
    page = pages[expected["title"]]
    meta = page.select_one("article header .meta")
    assert meta.select_one(".outlet").get_text(strip=True) == expected["outlet"]
    assert meta.select_one("time")["datetime"] == expected["date"]
    if expected.get("author"):
        assert expected["author"] in meta.select_one(".byline").get_text()
    if expected.get("url"):
        link = meta.select_one("a.original")
        assert link["href"] == expected["url"] and "external" in link["rel"]
    if expected.get("dek"):
        assert page.select_one(".dek").get_text(strip=True) == expected["dek"]
    text = " ".join(s.get_text() for s in page.select(".full-text .sentence"))
    assert expected["first_sentence"] in text
    for fragment in expected.get("absent", []):
        assert fragment not in text, f"page furniture {fragment!r} reached the article text"


def test_markdown_syntax_never_leaks_into_sentences(formats_site):
    page = article_pages(formats_site)[next(a["title"] for a in expected_articles() if a["file"].endswith(".md"))]
    sentences = [s.get_text() for s in page.select(".full-text .sentence")]
    assert sentences
    for sentence in sentences:
        assert not re.search(r"\*\*|__|^#|\]\(|!\[|^> |^[-*] ", sentence), sentence
    assert page.select(".full-text h3.subheading"), "Markdown subheadings become subheadings"


def test_source_chips_and_source_lists_name_the_outlet(formats_site):
    briefing = formats_site.page("briefings/2025-02-05.html")
    chips = [a["aria-label"] for a in briefing.select(".key-point .source-chip")]
    outlets = {a["outlet"] for a in expected_articles()}
    assert chips and all(any(f"{o}: " in chip for o in outlets) for chip in chips), chips
    listed = [li.select_one(".outlet") for li in briefing.select(".source-list li")]
    assert all(o is not None and o.get_text() in outlets for o in listed)


def test_the_samples_pages_and_briefing_are_unchanged(formats_site, sample_site):
    for path in sorted((sample_site.output / "articles").glob("*.html")):
        assert (formats_site.output / "articles" / path.name).read_bytes() == path.read_bytes(), path.name
    for day in ("2025-03-12", "2025-03-13", "2025-03-14"):
        mine, theirs = (_points(site.page(f"briefings/{day}.html")) for site in (formats_site, sample_site))
        assert mine == theirs, day


def _points(page) -> list[tuple]:
    """A briefing's points as a reader reads them: topic, text, sources, chips (its edition
    marks depend on the briefing before, which the Markdown, pages and feeds add)."""
    return [(section["id"], point.select_one(".point-text").get_text(),
             point.select_one(".badge:not(.status)").get_text(), [a["href"] for a in point.select(".source-chip")])
            for section in page.select("section.topic") for point in section.select(".key-point")]


def test_a_feed_entry_that_is_also_a_saved_page_is_published_once(formats_site):
    titles = list(article_pages(formats_site))
    twin = next((a for a in expected_articles() if a.get("syndicated_with")), None)
    assert twin is not None
    assert twin["title"] not in titles
    assert len(titles) == len(expected_articles()) - 1 + 5


def test_a_syndicated_copy_counts_once_in_reported_by(tmp_path):
    """The same wire story on a second site: one article naming both outlets, one source."""
    page = (GOOD / "page-northern-wire.html").read_text(encoding="utf-8")
    copy = page.replace("Northern Wire", "Coastal Courier").replace("northernwire", "coastalcourier")
    copy = re.sub(r"<title>[^<]*</title>", "<title>Neighbour strikes back with farm tariffs | Coastal Courier</title>", copy)
    alone = build_with(tmp_path / "alone", GOOD, ["page-northern-wire.html", "page-harbour-times.html"], samples=False)
    both = make_site(tmp_path / "both", {"page-northern-wire.html": page.encode(),
                                         "page-harbour-times.html": (GOOD / "page-harbour-times.html").read_bytes(),
                                         "coastal.html": copy.encode()}, samples=False)
    assert both.report.syndicated == 1
    assert _badges(both) == _badges(alone)
    pages = article_pages(both)
    assert len(pages) == 2
    [story] = [p for p in pages.values() if p.select_one(".carried-by")]
    outlets = {story.select_one(".meta .outlet").get_text(), story.select_one(".carried-by a").get_text()}
    assert outlets == {"Northern Wire", "Coastal Courier"}
    sources = both.page("index.html").select_one(".source-list").get_text(" ", strip=True)
    assert "also carried by" in sources


def _badges(site: Site) -> list[str]:
    return [b.get_text(strip=True) for b in site.page("index.html").select(".key-point .badge")]


def test_links_resolve_and_only_originals_point_outside(formats_site):
    assert broken_links(formats_site, external="a.original, .carried-by a") == []
    for path in formats_site.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'src="(?:https?:)?//', html), f"{path.name} loads something from outside"


def test_pelican_content_builds_the_same_site(formats_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(formats_site.root / "content", content)
    settings = write_settings(tmp_path)
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", str(settings), "-o", str(tmp_path / "out")],
                   cwd=tmp_path, check=True, capture_output=True)
    theirs = {str(p.relative_to(tmp_path / "out")): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert formats_site.files() == theirs


def test_rebuild_is_byte_identical_and_reads_nothing_again(formats_site, tmp_path):
    shutil.copytree(formats_site.root / "content", tmp_path / "content")
    first = make_site(tmp_path, samples=False)
    second = make_site(tmp_path, samples=False)
    assert second.report.summarised == 0 and first.files() == second.files() == formats_site.files()


@pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None, reason="make test installs the HTML checker")
def test_html_is_valid(formats_site):
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(formats_site.output / "articles"), str(formats_site.output / "briefings")],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '').rsplit('/', 1)[-1]}: {m['message']}" for m in messages] == []


READABILITY = REPO / "tests" / "data" / "readability-pages"  # Mozilla Readability's test pages (its README)
REAL_PAGES = ("bbc-1", "guardian-1", "nytimes-1")
# Readability keeps the Guardian's "| Eleanor Ainge Roy" in the title; the byline shows it already.
HEADLINES = {"guardian-1": "'What is the sea telling us?': Māori tribes fearful over whale strandings"}


@pytest.mark.parametrize("title, outlet, byline, shown", [
    ("How to Build a Terrarium | eHow", "Ehow", "Lucy Akins", "How to Build a Terrarium"),
    ("Friday Facts #282 - 0.17 in sight | Factorio", "Factorio.com", None, "Friday Facts #282 - 0.17 in sight"),
    ("Whale strandings | Eleanor Ainge Roy", "The Guardian", "Eleanor Ainge Roy", "Whale strandings"),
    ("How we designed Dropbox’s ATF - an async task framework", "dropbox.tech", "Arun Sai Krishnan",
     "How we designed Dropbox’s ATF - an async task framework"),
    ("ONE HUNDRED TWO: What kind of wordchain? - Super Supportive", "Royal Road", None,
     "ONE HUNDRED TWO: What kind of wordchain? - Super Supportive"),
    ("BBC News", "BBC News", None, "BBC News"),
])
def test_a_title_loses_a_last_part_that_credits_its_outlet_or_author(tmp_path, title, outlet, byline, shown):
    """Real titles of Readability's test pages: a tail naming the outlet or author goes, a title's own stays."""
    page = (f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
            f"<meta property='og:site_name' content='{outlet}'>"
            + (f"<meta name='author' content='{byline}'>" if byline else "")
            + "<meta property='article:published_time' content='2025-03-01'></head><body><article>"
            + "".join(f"<p>Paragraph {i} of the article says something new about the day's events, at length.</p>"
                      for i in range(8)) + "</article></body></html>")
    site = make_site(tmp_path, {"page.html": page.encode()})
    assert site.page("articles/page.html").h1.get_text(strip=True) == shown


def test_real_saved_news_pages_are_published_with_their_outlet(tmp_path):
    """Real pages of real news sites, as the sites served them (Readability's test suite)."""
    files = {f"{name}.html": gzip.decompress((READABILITY / name / "source.html.gz").read_bytes())
             for name in REAL_PAGES}
    site = make_site(tmp_path, files, extra="BRIEFING_DEFAULT_DATE = '2015-01-01'")
    for name in REAL_PAGES:
        expected = json.loads((READABILITY / name / "expected-metadata.json").read_text(encoding="utf-8"))
        page = site.page(f"articles/{name}.html")
        assert page.h1.get_text(strip=True) == HEADLINES.get(name, expected["title"])
        outlet = page.select_one(".meta .outlet").get_text(strip=True).casefold()
        site_name = (expected["siteName"] or "").casefold()  # nytimes-1 names none: any outlet will do
        assert outlet and (not site_name or outlet in site_name or site_name in outlet), (name, outlet)
        assert len(page.select(".full-text .sentence")) >= 10
