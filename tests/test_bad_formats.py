"""Bad input, per format: one clear warning naming the file (and the feed entry), the rest
builds, --strict fails, and no markup of a page or feed ever reaches the site."""

from __future__ import annotations

import logging
import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from builder.build import StrictError
from conftest import REPO, make_site

BAD = REPO / "tests" / "data" / "formats" / "bad"
# file -> (words the warning must contain, whether the file is skipped whole)
CASES = {
    "malformed.html": ("cut off or malformed", False),
    "section-front.html": ("words of article text", True),
    "login.html": ("words of article text", True),
    "not-well-formed.xml": ("not well-formed XML", False),
    "no-entries.rss": ("the feed has no entries", True),
    "entry-without-content.atom": ('entry 2 "Live: Arvania-Castelmar trade dispute - latest updates": '
                                   "has neither content nor summary", False),
    "bad-date.md": ("Date: 'next Tuesday-ish' is not a date", True),
    "undeclared-1252.html": ("read as Windows-1252", False),
    "cp1251.txt": ("read as Windows-1251", False),
    "declared-1251.html": ("read as Windows-1251, as the page declares", False),
    "future.txt": ("days after today", True),
}


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_gets_a_clear_warning_and_the_rest_builds(tmp_path, caplog, name):
    words, skipped = CASES[name]
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {name: (BAD / name).read_bytes()})
    mine = [w for w in warnings_of(caplog) if f"content/{name}" in w]
    assert mine and any(words in w for w in mine), mine
    assert all(w.startswith(f"content/{name}") for w in mine)
    assert site.report.articles >= 5  # the samples still build
    assert site.page("index.html").select(".key-point")
    if skipped:
        assert any(s.startswith(f"content/{name}") for s in site.report.skipped)


def test_a_page_in_a_declared_legacy_encoding_is_read_right(tmp_path):
    site = make_site(tmp_path, {"declared-1251.html": (BAD / "declared-1251.html").read_bytes()}, samples=False)
    [page] = [site.page(f"articles/{p.name}") for p in (site.output / "articles").glob("*.html")]
    text = page.get_text()
    assert re.search("[а-яіїє]{4}", text) and "Ð" not in text and "Ñ" not in text


def test_a_page_in_an_undeclared_legacy_encoding_is_not_mojibake(tmp_path):
    site = make_site(tmp_path, {"undeclared-1252.html": (BAD / "undeclared-1252.html").read_bytes()}, samples=False)
    [page] = [site.page(f"articles/{p.name}") for p in (site.output / "articles").glob("*.html")]
    assert "Café" in page.get_text() and "Muñoz" in page.get_text() and "Ã" not in page.get_text()


def test_windows_unicode_and_cyrillic_text_files_are_published(tmp_path):
    site = make_site(tmp_path, {n: (BAD / n).read_bytes() for n in ("utf16-bom.txt", "cp1251.txt")}, samples=False)
    utf16, cp1251 = site.page("articles/utf16-bom.html"), site.page("articles/cp1251.html")
    assert utf16.h1.get_text().startswith("Castelmar steelworkers call weekend rally")
    assert cp1251.h1.get_text().startswith("Аграрії Арванії")
    assert cp1251.select_one(".meta time")["datetime"] == "2025-02-04"  # from "4 лютого 2025"


def test_a_huge_page_is_refused_quickly_with_a_warning(tmp_path, caplog):
    paragraph = "<p>The ministry published paragraph {n} of its report on steel imports, prices and jobs.</p>\n"
    body = "".join(paragraph.format(n=n) for n in range(160_000))
    huge = f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>"
    assert len(huge) > 12 * 2**20
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"huge.html": huge.encode()})
    [warning] = [w for w in warnings_of(caplog) if "huge.html" in w]
    assert "MB" in warning and "skipped" in warning
    assert site.report.articles == 5


def test_strict_fails_on_a_bad_feed_entry(tmp_path):
    with pytest.raises(StrictError):
        make_site(tmp_path, {"e.atom": (BAD / "entry-without-content.atom").read_bytes()}, strict=True)


@pytest.mark.parametrize("name", ["xss.html", "xss-feed.rss"])
def test_no_markup_from_a_page_or_feed_reaches_the_site(tmp_path, name):
    site = make_site(tmp_path, {name: (BAD / name).read_bytes()})
    mine = [p for p in (site.output / "articles").glob("*.html") if not p.name[:3].isdigit()]
    assert mine, "the article itself is still published"
    documents = [(p, p.read_text(encoding="utf-8")) for p in site.output.rglob("*.html")]
    for feed in site.output.rglob("*.xml"):  # a feed's entries carry HTML as escaped text
        documents += [(feed, e.text) for e in ElementTree.parse(feed).iter() if e.text and "<" in e.text]
    assert any(p.suffix == ".xml" for p, _ in documents), "the feeds carry the article"
    for path, html in documents:
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.find_all(True):
            assert not any(attr.lower().startswith("on") for attr in element.attrs), (path, element)
            for attr in ("href", "src", "action"):
                assert not str(element.get(attr, "")).strip().lower().startswith("javascript:"), (path, element)
        assert not soup.find_all(["iframe", "object", "embed"]), path
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], path
    text = " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text(" ") for p in mine)
    assert "{{ 7*7 }}" in text and "49 million" not in text  # template syntax is shown, never run
