"""Editions: each briefing read against the one before, each topic's story so far, and the
briefings in a feed reader. Built from the samples (12-14 March) plus dated articles of three
later days, and read as a reader sees the site."""

from __future__ import annotations

import feedparser
import pytest

from conftest import make_site

# 15 March: the prisoners development again (a new source), and a development nobody reported.
MARCH_15 = """Prisoners Taken Near Kursk

March 15, 2025

MOSCOW, March 15 - General Valery Gerasimov said on Saturday that the encirclement of the last Ukrainian units near Kursk was complete and repeated the claim that 430 Ukrainian soldiers had been captured.

Ukrainian officials did not confirm the figure.
"""
MARCH_15_FLEET = """Sanctions Widened to Tanker Fleet

March 15, 2025

BRUSSELS, March 15 - The European Union on Saturday adopted a new package of sanctions aimed at tankers of the so-called shadow fleet that carry Russian oil past the price cap.

Diplomats in Brussels said the measures would take effect next month.
"""
# 20 March: only sanctions; the Kursk front has no article in this briefing's period.
MARCH_20 = """Sanctions Bite on Tanker Fleet

March 20, 2025

Shipping data showed that tankers of the shadow fleet named in the latest sanctions package had stopped loading at Baltic ports.

Insurers said premiums for the remaining vessels had doubled since the sanctions were announced.
"""


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    return make_site(root, {"015_later.txt": MARCH_15.encode(), "015_fleet.txt": MARCH_15_FLEET.encode(),
                            "020_latest.txt": MARCH_20.encode()})


def points(page) -> dict[str, str]:
    """Each key point's text with its status as the reader sees it."""
    return {p.select_one(".point-text").get_text(): p.select_one(".status").get_text(" ", strip=True)
            for p in page.select("#briefing-points .key-point, .topic-page .key-point")}


def test_the_new_since_list_leaves_out_framing(editions_site, sample_site):
    from builder.readability import is_framing

    listed = [li.get_text(" ", strip=True).split(": ", 1)[-1]
              for site in (editions_site, sample_site) for page in sorted((site.output / "briefings").glob("*.html"))
              for li in site.page(f"briefings/{page.name}").select(".new-points li")]
    assert len(listed) >= 10
    assert not [text for text in listed if is_framing(text)]


def test_a_point_reported_again_with_a_new_source_is_developing(editions_site):
    page = editions_site.page("briefings/2025-03-15.html")
    [prisoners] = [(text, status) for text, status in points(page).items() if "430" in text]
    assert prisoners[1] == "Developing: 1 new source"


def test_a_development_nobody_reported_before_is_new(editions_site):
    page = editions_site.page("briefings/2025-03-15.html")
    [fleet] = [(text, status) for text, status in points(page).items() if "shadow fleet" in text]
    assert fleet[1] == "New"
    listed = page.select_one(".whats-new")
    assert "New since 14 March 2025" in listed.h2.get_text()
    assert any("shadow fleet" in li.get_text() for li in listed.select(".new-points li"))


def test_a_point_already_there_with_the_same_sources_is_continuing(editions_site):
    page = editions_site.page("briefings/2025-03-15.html")
    statuses = points(page)
    assert "Continuing" in statuses.values()
    # Continuing points are not listed as new.
    listed = " ".join(li.get_text() for li in page.select(".whats-new .new-points li"))
    for text, status in statuses.items():
        if status == "Continuing":
            assert text not in listed


def test_the_first_briefing_marks_every_point_new_and_has_no_previous(editions_site):
    page = editions_site.page("briefings/2025-03-12.html")
    assert set(points(page).values()) == {"New"}
    assert page.select_one(".whats-new") is None
    assert page.select_one('a[rel="prev"]') is None
    assert page.select_one('a[rel="next"]')["href"].endswith("2025-03-13.html")


def test_every_briefing_links_to_the_previous_and_next(editions_site):
    page = editions_site.page("briefings/2025-03-15.html")
    assert page.select_one('a[rel="prev"]')["href"].endswith("2025-03-14.html")
    assert page.select_one('a[rel="next"]')["href"].endswith("2025-03-20.html")
    front = editions_site.page("index.html")
    assert front.select_one('a[rel="prev"]')["href"].endswith("2025-03-15.html")
    assert front.select_one('a[rel="next"]') is None


def test_a_topic_with_nothing_in_the_latest_briefing_shows_its_latest_points_and_story(editions_site):
    page = editions_site.page("topics/kursk-front.html")
    assert "No briefing has reported" not in page.get_text()
    heading = page.select_one(".latest-heading")
    assert "15 March 2025" in heading.get_text()
    assert "has nothing on Kursk front" in page.select_one(".period").get_text()
    assert page.select(".key-point")
    story = page.select(".story .development")
    assert story
    last = [d.select(".development-dates time")[-1]["datetime"] for d in story]
    assert last == sorted(last, reverse=True)
    # Each development once: the prisoners story is one development across four briefings.
    assert sum("430" in d.select_one(".development-text").get_text() for d in story) == 1


def test_the_story_so_far_says_when_a_development_was_first_and_last_reported(editions_site):
    page = editions_site.page("topics/kursk-front.html")
    [prisoners] = [d for d in page.select(".story .development") if "430" in d.get_text()]
    first, last = [t["datetime"] for t in prisoners.select(".development-dates time")]
    assert first == "2025-03-12" and last == "2025-03-15"
    assert len(prisoners.select(".development-sources li")) >= 4


def test_the_coverage_chart_is_static_svg_with_a_text_alternative(editions_site):
    page = editions_site.page("topics/sanctions.html")
    chart = page.select_one("figure.coverage-chart svg")
    assert chart["role"] == "img" and chart.find("title") and chart.find("desc")
    caption = page.select_one("figure.coverage-chart figcaption").get_text()
    first = caption.split("From ")[1].split(" to ")[0]
    assert first.endswith(" March 2025") and 12 <= int(first.split()[0]) <= 20 and "to 20 March 2025" in caption
    days = 20 - int(first.split()[0]) + 1
    assert len(chart.select("rect.bar")) == days  # a bar per day, to 20 March (days with none are zero)
    assert "the most on" in caption
    assert not page.select("figure.coverage-chart script")


def test_why_this_point_explains_rank_sources_evidence_and_merges(editions_site):
    page = editions_site.page("briefings/2025-03-15.html")
    [prisoners] = [p for p in page.select("#briefing-points .key-point") if "430" in p.get_text()]
    why = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(prisoners.select(".why dt"), prisoners.select(".why dd"))}
    assert why["Rank"].startswith("1 of ")
    assert why["Topic evidence"].startswith("Its sentence names")
    assert "joined it as the same development" in why["Merged"]
    assert "new since: source" in why["Since 14 March 2025"]


def test_the_briefings_feed_has_one_entry_per_briefing_with_working_links(editions_site):
    feed = feedparser.parse(str(editions_site.output / "feeds" / "briefings.atom.xml"))
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [f"Briefing for {d} March 2025" for d in (20, 15, 14, 13, 12)]
    site = "http://127.0.0.1:8000/"  # FEED_DOMAIN of pelicanconf.py
    for entry in feed.entries:
        assert (editions_site.output / entry.link.removeprefix(site)).is_file()
        html = entry.content[0].value
        for href in __import__("re").findall(r'href="([^"]+)"', html):
            path, _, anchor = href.removeprefix(site).partition("#")
            target = editions_site.output / path
            assert target.is_file(), href
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    assert "New since 14 March 2025" in feed.entries[1].content[0].value


def test_each_topic_has_a_briefings_feed(editions_site):
    feed = feedparser.parse(str(editions_site.output / "feeds" / "briefings" / "kursk-front.atom.xml"))
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [f"Briefing for {d} March 2025" for d in (15, 14, 13, 12)]
    page = editions_site.page("topics/kursk-front.html")
    assert page.select_one('link[rel="alternate"][href$="feeds/briefings/kursk-front.atom.xml"]')


def test_the_archive_lists_briefings_by_month_with_their_top_lines(editions_site):
    archive = editions_site.page("archives.html")
    months = archive.select(".briefing-months h3")
    assert [m.get_text() for m in months] == ["March 2025"]
    items = archive.select(".briefing-months li")
    assert len(items) == 5 and all(i.select_one(".top-line-text") for i in items)


def test_editions_are_byte_identical_between_builds(editions_site, tmp_path):
    import shutil

    shutil.copytree(editions_site.root / "content", tmp_path / "content")
    again = make_site(tmp_path, samples=False)
    assert again.files() == editions_site.files()


def test_a_rebuild_compares_only_the_briefings_whose_digests_changed(tmp_path, monkeypatch):
    import builder.editions

    files = {"015_later.txt": MARCH_15.encode(), "015_fleet.txt": MARCH_15_FLEET.encode(),
             "020_latest.txt": MARCH_20.encode()}
    first = make_site(tmp_path, files)
    compared = []
    match_points = builder.editions.match_points
    monkeypatch.setattr(builder.editions, "match_points",
                        lambda previous, current, analyser: compared.append(current.date) or
                        match_points(previous, current, analyser))
    again = make_site(tmp_path)
    assert compared == [] and again.files() == first.files()
    later = MARCH_20.replace("March 20, 2025", "March 24, 2025").replace("Sanctions Bite", "Sanctions Still Bite")
    added = make_site(tmp_path, {"024_later.txt": later.encode()})
    assert [d.isoformat() for d in compared] == ["2025-03-24"]  # only the new briefing against the one before
    monkeypatch.setattr(builder.editions, "match_points", match_points)
    fresh = make_site(tmp_path / "fresh", {**files, "024_later.txt": later.encode()})
    assert fresh.files() == added.files()
