"""The built site in a real browser: Debian's Chromium driven by Playwright, served on loopback.

Run by `make test`, which installs Chromium (apt), axe-core and the Nu HTML Checker (npm).
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import REPO, make_site

ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is for failures, not access logs
        pass


def _serve(folder: Path):
    """Serve a folder on 127.0.0.1 at a free port (Pagefind needs http, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(sample_site):
    """The sample site, served."""
    yield from _serve(sample_site.output)


APRIL = """Tanker Sanctions Take Effect

April 2, 2025

The European Union's widened sanctions on oil tankers took effect on Wednesday, diplomats in Brussels said.

Shipping agents said the Halvorsen fleet had already moved its vessels to other registries.
"""


@pytest.fixture(scope="module")
def two_months(tmp_path_factory):
    """The samples (March 2025) and one April article, served: two monthly search indexes."""
    site = make_site(tmp_path_factory.mktemp("two-months"), {"005_april.txt": APRIL.encode()})
    yield from _serve(site.output)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's Chromium; Playwright downloads nothing."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    home = tmp_path_factory.mktemp("chromium-home")
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, env=env)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def test_reader_goes_from_front_page_to_the_highlighted_source_sentence(page, server):
    page.goto(f"{server}/index.html")
    page.locator("h2#h-kursk-front a").click()  # the topic's heading links to its page
    page.wait_for_url("**/topics/kursk-front.html")
    point = page.locator(".key-point").first
    source = point.locator(".point-sources a").first
    anchor = source.get_attribute("href").split("#")[1]
    source.click()
    page.wait_for_url(f"**/articles/*.html#{anchor}")
    sentence = page.locator(f"#{anchor}")
    assert sentence.evaluate("e => e.matches(':target')")
    # The sentence is on screen, highlighted as a summary sentence or outlined as the target.
    box, viewport = sentence.bounding_box(), page.viewport_size
    assert 0 < box["y"] < viewport["height"]
    assert sentence.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.errors == []


def test_search_finds_an_article_and_the_topic_filter_narrows_results(page, server, sample_site):
    page.goto(f"{server}/search.html")
    page.locator("#search-form[data-ready]").wait_for(state="attached")  # the index is loaded
    page.get_by_label("Words to find").fill("ceasefire")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".search-result")
    results.first.wait_for()
    everything = results.count()
    assert everything >= 4
    page.get_by_label("Topic").select_option("Sanctions")
    page.wait_for_function(f"document.querySelectorAll('.search-result').length < {everything}")
    narrowed = results.count()
    assert 1 <= narrowed < everything
    # The person filter keeps the articles that name someone: Lavrov is named in two of five.
    page.get_by_label("Topic").select_option("")
    page.get_by_label("Person or place").select_option("Sergey Lavrov")
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('naming')")
    named = results.count()
    assert 1 <= named < everything
    hrefs = {results.nth(i).locator("a").get_attribute("href").split("#")[0].rsplit("/", 1)[-1] for i in range(named)}
    # Every article whose page lists him, however it writes his name ("Lavrov" in one of them).
    naming = {p.name for p in (sample_site.output / "articles").glob("*.html")
              if "people/sergey-lavrov.html" in p.read_text() and "ceasefire" in p.read_text().lower()}
    assert hrefs == naming and len(naming) == 2
    page.get_by_label("Person or place").select_option("")
    # A word of one article only finds that article, and the link lands on the sentence.
    page.get_by_label("Topic").select_option("")
    page.get_by_label("Words to find").fill("Alperovitch")
    page.get_by_role("button", name="Search").click()
    page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
    link = results.first.locator("a")
    href = link.get_attribute("href")
    assert "/articles/004-" in href and "#s" in href
    link.click()
    anchor = href.split("#")[1]
    assert "Alperovitch" in page.locator(f"#{anchor}").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("path", ["index.html", "topics/kursk-front.html", "articles/000-87b8b20bba68e5ea.html",
                                  "search.html?q=sanctions", "people/index.html", "people/volodymyr-zelenskyy.html",
                                  "briefings/2025-03-13.html", "archives.html", "index.html#only-new", "index.html#why"])
def test_no_accessibility_violations(page, server, path):
    page.goto(f"{server}/{path}")
    if "search" in path:
        page.locator(".search-result").first.wait_for()
    if path.endswith("#only-new"):  # the page as it is with only what is new shown
        page.locator(".only-new-toggle").click()
    if path.endswith("#why"):  # every "Why this point" open
        page.evaluate("document.querySelectorAll('details.why').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
                for v in result["violations"]]
    assert problems == [], f"{path}:\n" + "\n".join(problems)


def test_every_request_goes_to_the_local_server(page, server):
    host = urlparse(server).netloc
    for path in ["index.html", "topics/ceasefire-talks.html", "articles/001-e57e0786f18fcb4d.html",
                 "search.html?q=peace", "archives.html"]:
        page.goto(f"{server}/{path}")
        page.wait_for_load_state("networkidle")
    outside = [url for url in page.requests if urlparse(url).netloc != host]
    assert page.requests and outside == []


def test_keyboard_reaches_the_skip_link_with_visible_focus(page, server):
    page.goto(f"{server}/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, getComputedStyle(document.activeElement).left]")
    assert focused[0] == "skip-link" and focused[1] != "-999px"
    page.keyboard.press("Enter")
    page.wait_for_url("**/index.html#content", timeout=5000)  # the jump lands under load too
    assert page.url.endswith("#content")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_fit_the_screen(browser, server, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in [("front", "index.html"), ("topic", "topics/kursk-front.html"),
                       ("article", "articles/000-87b8b20bba68e5ea.html"), ("archive", "archives.html")]:
        tab.goto(f"{server}/{path}")
        # Nothing is wider than the screen: no sideways scrolling on a phone.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, f"{path} overflows at {width}px"
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(21, 23, 26)") == (scheme == "dark")
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    context.close()


def test_print_stylesheet_hides_navigation(browser, server):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{server}/index.html")
    tab.emulate_media(media="print")
    assert tab.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    tab.pdf(path=str(ARTIFACTS / "front-print.pdf")) if ARTIFACTS.exists() else None
    context.close()


def test_html_is_valid(sample_site):
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(sample_site.output)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == [], "\n".join(problems[:20])


def test_only_what_is_new_works_with_the_keyboard_and_is_announced(page, server):
    page.goto(f"{server}/index.html")
    toggle = page.locator(".only-new-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    all_points = page.locator("#briefing-points .key-point:visible").count()
    fresh = page.locator("#briefing-points .key-point.status-new, #briefing-points .key-point.status-developing").count()
    assert 0 < fresh < all_points
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator("#briefing-points .key-point:visible").count() == fresh
    status = page.locator(".only-new-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"Showing only the {fresh} new or developing points."
    page.keyboard.press("Space")  # a button: Space works as well as Enter
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("#briefing-points .key-point:visible").count() == all_points
    assert status.inner_text() == "Showing all points."
    assert page.errors == []


def test_why_this_point_opens_and_closes(page, server):
    page.goto(f"{server}/index.html")
    why = page.locator(".key-point details.why").first
    summary = why.locator("summary")
    body = why.locator("dl")
    assert not body.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert body.is_visible() and "Rank" in body.inner_text() and "Topic evidence" in body.inner_text()
    summary.click()
    assert not body.is_visible()


def test_the_coverage_chart_is_drawn_without_scripts(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/topics/kursk-front.html")
    chart = tab.locator("figure.coverage-chart svg")
    assert chart.is_visible() and chart.bounding_box()["height"] > 40
    assert tab.locator("figure.coverage-chart rect.bar").count() >= 1
    # Without scripts the only-new button stays hidden: the "New since" list says it all.
    tab.goto(f"{server}/index.html")
    assert tab.locator(".whats-new").is_visible() and not tab.locator(".only-new-toggle").is_visible()
    context.close()


def test_search_finds_articles_of_every_month(page, two_months):
    page.goto(f"{two_months}/search.html?q=sanctions")
    results = page.locator(".search-result")
    results.first.wait_for()
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('match')")
    hrefs = [results.nth(i).locator("a").get_attribute("href") for i in range(results.count())]
    assert any("/articles/005-april" in h for h in hrefs)  # April's index
    assert any("/articles/00" in h and "005-april" not in h for h in hrefs)  # merged with March's
    # Excerpts come from the article's text, not from its summary list and its "in context" links.
    excerpts = [results.nth(i).locator(".result-excerpt").inner_text() for i in range(results.count())]
    assert excerpts and not [e for e in excerpts if "in context" in e]
    page.get_by_label("Words to find").fill("Halvorsen")
    page.get_by_role("button", name="Search").click()
    page.wait_for_function("document.querySelector('#search-status').textContent.includes('Halvorsen')")
    assert results.count() == 1 and "/articles/005-april" in results.first.locator("a").get_attribute("href")
    assert page.errors == []
