"""Rebuilds render only what changed: a page whose inputs are the same as in the published site
is taken from it (the same file), and the site stays byte-identical to a full build."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import make_site

ADDED = """Sanctions on Shipping Widened

March 14, 2025

The European Union on Friday widened its sanctions on tankers that carry Russian oil past the price cap, diplomats said.

The measures take effect next month.
"""


MARCH_ENTRY = "pagefind/2025-03/pagefind-entry.json"  # the samples' month's search index

LATER = ADDED.replace("March 14, 2025", "April 2, 2025").replace("Sanctions on Shipping Widened",
                                                                  "Tanker Sanctions Take Effect")


def inodes(site, folder: str) -> dict[str, int]:
    return {p.name: os.stat(p).st_ino for p in sorted((site.output / folder).glob("*.html"))}


def test_a_rebuild_with_nothing_changed_renders_no_article_briefing_or_entity_page(tmp_path):
    first = make_site(tmp_path)
    before, articles, people = first.files(), inodes(first, "articles"), inodes(first, "people")
    briefings = inodes(first, "briefings")
    os.link(first.output / MARCH_ENTRY, tmp_path / "first-entry")  # keep the inode alive
    second = make_site(tmp_path)
    assert second.report.pages_rendered == 0
    # Kept: every article, entity and briefing page, and the front page; people/index.html is rendered.
    assert second.report.pages_reused == len(articles) + len(people) - 1 + len(briefings) + 1
    assert inodes(second, "articles") == articles  # the very same files: not rendered, not written
    assert inodes(second, "briefings") == briefings
    assert {n: i for n, i in inodes(second, "people").items() if n != "index.html"} == \
        {n: i for n, i in people.items() if n != "index.html"}
    assert second.files() == before
    # The search index is built from the article pages only: none changed, so it is not rebuilt.
    assert os.stat(second.output / MARCH_ENTRY).st_ino == os.stat(tmp_path / "first-entry").st_ino


def test_one_added_article_changes_only_the_pages_it_should(tmp_path):
    first = make_site(tmp_path)
    before, articles, briefings = first.files(), inodes(first, "articles"), inodes(first, "briefings")
    added = make_site(tmp_path, {"005_added.txt": ADDED.encode()})
    after = added.files()
    changed = sorted(name for name in after if before.get(name) != after[name])
    pages = [n for n in changed if n.endswith(".html") and not n.startswith("pagefind/")]
    # The new article's page; the briefing of its day (and the front page, which is that
    # briefing); the topic pages, the archive and people index that list it; the entity pages of
    # the names it shares with the others. No other article page.
    assert "articles/005-added.html" in pages
    assert {"index.html", "briefings/2025-03-14.html", "archives.html", "topics/sanctions.html"} <= set(pages)
    assert not [p for p in pages if p.startswith("articles/") and p != "articles/005-added.html"]
    assert "briefings/2025-03-12.html" not in pages and "briefings/2025-03-13.html" not in pages
    assert MARCH_ENTRY in changed  # the month's index is built again, with the new page
    kept = {n: i for n, i in inodes(added, "articles").items() if n != "005-added.html"}
    assert kept == articles  # every other article page is the published file, untouched
    # The earlier briefings do not cover the new day and their neighbours are the same: kept.
    assert {n: inodes(added, "briefings")[n] for n in ("2025-03-12.html", "2025-03-13.html")} == \
        {n: briefings[n] for n in ("2025-03-12.html", "2025-03-13.html")}
    # And the result is the site a build from scratch gives.
    fresh = make_site(tmp_path / "fresh", {"005_added.txt": ADDED.encode()})
    assert fresh.files() == after


def test_a_changed_setting_renders_every_page_again(tmp_path):
    first = make_site(tmp_path)
    articles = inodes(first, "articles")
    again = make_site(tmp_path, extra="SITESUBTITLE = 'Another subtitle'")
    assert again.report.pages_reused == 0
    assert all(inodes(again, "articles")[n] != i for n, i in articles.items())
    assert "Another subtitle" in again.page("articles/000-87b8b20bba68e5ea.html").get_text()


def test_an_article_of_another_month_indexes_only_that_month(tmp_path):
    first = make_site(tmp_path)
    os.link(first.output / MARCH_ENTRY, tmp_path / "march-entry")  # keep the inode alive
    later = make_site(tmp_path, {"005_later.txt": LATER.encode()})
    assert json.loads((later.output / "pagefind/shards.json").read_text()) == {"shards": ["2025-04", "2025-03"]}
    assert os.stat(later.output / MARCH_ENTRY).st_ino == os.stat(tmp_path / "march-entry").st_ino  # kept
    assert (later.output / "pagefind/2025-04/pagefind-entry.json").is_file()
    fresh = make_site(tmp_path / "fresh", {"005_later.txt": LATER.encode()})
    assert fresh.files() == later.files()
    # Gone again: the April index goes with it, and March's is still the one first built.
    os.remove(tmp_path / "content" / "005_later.txt")
    again = make_site(tmp_path)
    assert not (again.output / "pagefind/2025-04").exists()
    assert json.loads((again.output / "pagefind/shards.json").read_text()) == {"shards": ["2025-03"]}
    assert os.stat(again.output / MARCH_ENTRY).st_ino == os.stat(tmp_path / "march-entry").st_ino


def _day(n: int, text: str) -> bytes:
    day = f"May {1 + n}, 2024"
    return f"Harbour Story {n}\n\n{day}\n\n{text}\n\nThe port authority said talks would resume on Friday.\n".encode()


def _fourteen_days(root: Path) -> tuple[dict[str, bytes], Path]:
    """A site of fourteen days naming one minister in several ways, built; its names snapshot."""
    files = {f"d{n:02d}.txt": _day(n, f"Transport minister Helena Marsh said on day {n} that dock workers "
                                      f"in port {n} would get a {n}% rise. Marsh met the union later.")
             for n in range(14)}
    make_site(root, files, samples=False)
    return files, root / ".briefing-cache" / "digests" / "entity-index.pickle"


def test_a_new_day_resumes_the_names_from_last_weeks_index_and_gives_the_same_site(tmp_path):
    # Fourteen days of articles naming one minister in several ways: the names index is kept as
    # it stood a week before the newest briefing, and the rebuild replays only the last week.
    files, snapshot = _fourteen_days(tmp_path)
    assert snapshot.is_file()
    kept = snapshot.stat().st_mtime_ns
    added = {"d14.txt": _day(14, "Minister Helena Marsh told reporters the strike at port 14 had ended.")}
    again = make_site(tmp_path, added, samples=False)
    assert snapshot.stat().st_mtime_ns != kept  # moved on a day
    fresh = make_site(tmp_path / "fresh", {**files, **added}, samples=False)
    assert fresh.files() == again.files()
    marsh = " ".join(again.page("people/helena-marsh.html").get_text().split())
    assert "Also written as: Marsh" in marsh and "in port 13" in marsh  # one person, to the newest day


def test_an_old_article_edited_replays_the_names_only_when_its_names_changed(tmp_path):
    # The names index depends on each article's names alone: a sentence added to the oldest
    # article without a name keeps last week's snapshot; one that adds a name replays from the
    # first day. Either way the site is the one a cold build gives.
    files, snapshot = _fourteen_days(tmp_path)
    kept = snapshot.stat().st_mtime_ns
    typo = {"d00.txt": files["d00.txt"] + b"\nThe dock workers welcomed the rise on the same day.\n"}
    again = make_site(tmp_path, typo, samples=False)
    assert snapshot.stat().st_mtime_ns == kept  # resumed: nothing replayed from the first day
    assert again.files() == make_site(tmp_path / "fresh", {**files, **typo}, samples=False).files()
    assert any("welcomed the rise" in p.read_text(encoding="utf-8") for p in (again.output / "articles").glob("*.html"))
    named = {"d00.txt": files["d00.txt"] + b"\nUnion leader Tomas Brandt welcomed the rise on the same day.\n"}
    third = make_site(tmp_path, named, samples=False)
    assert snapshot.stat().st_mtime_ns != kept  # the first day's names changed: replayed
    assert third.files() == make_site(tmp_path / "fresh2", {**files, **named}, samples=False).files()
    assert "Tomas Brandt" in third.page("people/tomas-brandt.html").get_text()


def test_front_pages_kept_from_the_last_build_follow_the_points_budget(tmp_path):
    # Front pages are kept by each briefing's digest key (settings included) and the budget: a smaller budget on the
    # next build must show on every briefing page and in the archive, as a cold build shows it.
    first = make_site(tmp_path)
    pages = sorted(p.relative_to(first.output).as_posix() for p in (first.output / "briefings").glob("*.html"))
    assert len(pages) == 3 and all(len(first.page(p).select("section.topic li")) > 3 for p in pages)
    smaller = make_site(tmp_path, extra="BRIEFING_FRONT_PAGE_POINTS = 3")
    for page in pages:
        shown = smaller.page(page).select("section.topic .point-text")
        assert 1 <= len(shown) <= 3, page
    assert smaller.files() == make_site(tmp_path / "fresh", extra="BRIEFING_FRONT_PAGE_POINTS = 3").files()


def _story(title: str, day: str, text: str) -> bytes:
    return (f"{title}\n\n{day}\n\nThe harbour board met for the third time this year. {text}\n\n"
            "The board will meet again next week to review the plans.\n").encode()


def test_a_name_whose_kind_tips_renders_its_pages_but_keeps_their_months_index(tmp_path):
    # "Velmoor" is once a place and once a speaker in March: a tie. An April article makes it a
    # person, which moves it before the place Ardmore in the March pages' names lists: those pages
    # are rendered again, but search takes the names as each article writes them, so March's
    # index is kept.
    march = {"m1.txt": _story("Harbour Talks Open", "March 3, 2025",
                              "Ministers from Ardmore met in Velmoor on Monday to discuss the new harbour tariffs."),
             "m2.txt": _story("Harbour Tariffs Questioned", "March 4, 2025",
                              "Velmoor said on Tuesday that the harbour tariffs would hurt the fishing fleet in Ardmore.")}
    first = make_site(tmp_path, march, samples=False)
    entry = "pagefind/2025-03/pagefind-entry.json"
    os.link(first.output / entry, tmp_path / "march-entry")
    names = lambda site, page: [a.get_text() for a in site.page(page).select(".article-entities a")]  # noqa: E731
    march_pages = sorted(p.name for p in (first.output / "articles").glob("m*.html"))
    before = {p: names(first, f"articles/{p}") for p in march_pages}
    april = {"a1.txt": _story("Harbour Tariffs Delayed", "April 8, 2025",
                              "Velmoor said on Tuesday that the harbour tariffs would be delayed until June, "
                              "after talks with Harbour Board officials.")}
    later = make_site(tmp_path, april, samples=False)
    assert [p for p in march_pages if names(later, f"articles/{p}") != before[p]]  # a page did change
    assert os.stat(later.output / entry).st_ino == os.stat(tmp_path / "march-entry").st_ino  # March kept
    assert (later.output / "pagefind/2025-04/pagefind-entry.json").is_file()
    fresh = make_site(tmp_path / "fresh", {**march, **april}, samples=False)
    assert fresh.files() == later.files()


def test_a_rebuild_in_another_process_renders_no_page(tmp_path):
    # Page keys must not depend on the process (string hashing is salted per process): a daily
    # `briefing build` is a new process, and must find every unchanged page.
    import subprocess
    import sys

    from conftest import write_settings

    make_site(tmp_path)
    settings = write_settings(tmp_path)
    lines = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "builder.cli", "build", "-s", str(settings)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        lines.append(done.stdout + done.stderr)
    assert all(" 0 rendered" in line for line in lines), lines
