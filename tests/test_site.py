"""End to end: the five sample articles built into a site, checked as a reader sees it."""

from __future__ import annotations

import re
import subprocess
import sys


import feedparser
import pytest

from conftest import REPO, Site, broken_links, make_site

EXPECTED_DATES = {
    "000-87b8b20bba68e5ea": "2025-03-13",  # header block
    "001-e57e0786f18fcb4d": "2025-03-13",  # dateline glued to the first paragraph
    "002-4bea9b6b3f760c8e": "2025-03-12",  # only inside the first sentence
    "003-3983fbd7b4731d0e": "2025-03-12",
    "004-caa53871fcb268f2": "2025-03-14",  # inside the second paragraph
}
# Header, dateline and section fragments of the samples that must never reach a summary.
DEBRIS = ["Today :", "World News", "13 March 2025", "March 13, 2025 -", "Mar 13, 2025"]


def summary_texts(site) -> list[str]:
    """Every summary sentence a reader can see: article summaries, key points, their wordings."""
    texts = []
    for slug in EXPECTED_DATES:
        page = site.page(f"articles/{slug}.html")
        texts += [li.get_text(" ", strip=True) for li in page.select(".summary .summary-text")]
    front = site.page("index.html")
    texts += [p.get_text(" ", strip=True) for p in front.select(".point-text, .wordings q, .top-line")]
    return texts


def test_front_page_has_every_topic_from_two_or_more_articles(sample_site):
    front = sample_site.page("index.html")
    sections = {s["id"]: s for s in front.select("section.topic")}
    for slug in ("topic-ceasefire-talks", "topic-kursk-front", "topic-sanctions"):
        assert slug in sections, f"front page lacks {slug}"
        hrefs = [a["href"] for a in sections[slug].select(".point-sources a")]
        articles = {re.sub(r"#.*", "", h) for h in hrefs}
        assert len(articles) >= 2, f"{slug} draws on {articles}"


def test_front_page_shows_date_and_top_line(sample_site):
    front = sample_site.page("index.html")
    assert "14 March 2025" in front.h1.get_text()
    top = front.select_one(".top-line").get_text(" ", strip=True)
    assert len(top) > 40


def test_no_summary_sentence_carries_header_or_dateline(sample_site):
    texts = summary_texts(sample_site)
    assert len(texts) > 20
    for text in texts:
        for fragment in DEBRIS:
            assert fragment not in text, f"{fragment!r} in summary sentence {text!r}"


def test_every_summary_sentence_is_a_sentence_of_its_article(sample_site):
    for slug in EXPECTED_DATES:
        page = sample_site.page(f"articles/{slug}.html")
        body = page.select_one(".full-text").get_text(" ", strip=True)
        for li in page.select(".summary .summary-text"):
            assert li.get_text(" ", strip=True) in body


@pytest.mark.parametrize("slug,date", EXPECTED_DATES.items())
def test_article_page_has_real_title_and_right_date(sample_site, slug, date):
    page = sample_site.page(f"articles/{slug}.html")
    title = page.h1.get_text(strip=True)
    assert title and slug[:3] not in title and "txt" not in title
    assert 3 <= len(title.split()) <= 20
    assert not title.startswith("On March")
    assert page.select_one(".meta time")["datetime"] == date
    assert page.select(".full-text mark.summary-sentence"), "summary sentences are highlighted"


def test_dek_is_shown_apart_from_the_body(sample_site):
    page = sample_site.page("articles/000-87b8b20bba68e5ea.html")
    dek = page.select_one(".dek").get_text(strip=True)
    assert dek.startswith("U.S. seeks peace talks")
    assert dek not in page.select_one(".full-text").get_text()


def test_key_point_links_reach_sentences_that_exist(sample_site):
    for page_name in ["index.html"] + [f"topics/{s}.html" for s in ("ceasefire-talks", "kursk-front", "sanctions")]:
        page = sample_site.page(page_name)
        for link in page.select(".point-sources a"):
            target, anchor = link["href"].split("#")
            resolved = (sample_site.output / page_name).parent / target
            article = sample_site.page(str(resolved.resolve().relative_to(sample_site.output)))
            sentence = article.find(id=anchor)
            assert sentence is not None, f"{link['href']} from {page_name} has no target"
            assert sentence.name in ("mark", "span")


POINTING_BACK = re.compile(r"\W*(He|She|They|It|This|These|Those)\b")


def test_a_point_that_opens_by_pointing_back_shows_the_sentence_before_it(sample_site):
    """ "He stated on social media, …" alone does not say who: the article's sentence before it
    is shown first, and it is that sentence, traceable on the article page."""
    shown = 0
    for page_name in [f"topics/{s}.html" for s in ("ceasefire-talks", "kursk-front", "sanctions")]:
        page = sample_site.page(page_name)
        for point in page.select(".key-point"):
            text = point.select_one(".point-text")
            lead_in = text.select_one(".lead-in")
            own = text.get_text(" ", strip=True)[len(lead_in.get_text(" ", strip=True)) if lead_in else 0:].strip()
            if not POINTING_BACK.match(own):
                assert lead_in is None, own
                continue
            assert lead_in is not None, f"{page_name}: {own[:60]}"
            befores = []
            for link in point.select(".point-sources a.source-chip"):
                article = sample_site.page(link["href"].split("#")[0].replace("../", ""))
                sentences = [s.get_text(" ", strip=True) for s in article.select(".full-text .sentence")]
                befores += [sentences[i - 1] for i, t in enumerate(sentences) if t == own and i > 0]
            assert lead_in.get_text(" ", strip=True) in befores
            shown += 1
    assert shown, "the samples have such a point (Kursk front: 'He stated on social media, …')"


def test_feeds_parse_cleanly(sample_site):
    feeds = sorted((sample_site.output / "feeds").rglob("*.xml"))
    assert {f.name for f in feeds} >= {"all.atom.xml", "ceasefire-talks.atom.xml", "kursk-front.atom.xml",
                                       "sanctions.atom.xml"}
    for feed in feeds:
        parsed = feedparser.parse(str(feed))
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed
    everything = feedparser.parse(str(sample_site.output / "feeds/all.atom.xml"))
    assert len(everything.entries) == 5


def test_topic_pages_and_archive(sample_site):
    topic = sample_site.page("topics/kursk-front.html")
    assert topic.h1.get_text(strip=True) == "Kursk front"
    assert len(topic.select(".key-point")) >= 2
    archive = sample_site.page("archives.html")
    assert len(archive.select("dl.archive dd a")) == 5
    assert len(archive.select(".briefing-list a")) == 3


def test_pages_make_no_external_requests(sample_site):
    for path in sample_site.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r'(?:src|href)="([^"]+)"', html):
            url = match.group(1)
            is_feed_link = url.endswith(".atom.xml")
            assert not re.match(r"(https?:)?//", url) or is_feed_link, f"{path.name} loads {url}"


def test_article_text_cannot_inject_markup(tmp_path):
    evil = b"A harmless headline\n\nThe <script>alert(1)</script> minister met <b>envoys</b> on 3 March 2025 in the capital. Talks went on for hours.\n"
    site = make_site(tmp_path, {"evil.txt": evil}, samples=False)
    html = (site.output / "articles/evil.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_rebuild_without_changes_summarises_nothing_and_is_identical(tmp_path):
    first = make_site(tmp_path)
    before = first.files()
    assert first.report.summarised == 5 and first.report.digested == first.report.briefings == 3
    second = make_site(tmp_path)
    assert second.report.summarised == 0 and second.report.from_cache == 5
    assert second.report.digested == 0  # every period's digest came from the cache
    assert second.files() == before


def test_a_changed_article_redigests_only_the_briefings_it_is_in(tmp_path):
    make_site(tmp_path)
    newest = sorted((tmp_path / "content").glob("004_*.txt"))[0]  # 14 March: in the last briefing only
    again = make_site(tmp_path, {newest.name: newest.read_bytes() + b"\nOfficials said more talks would follow.\n"})
    assert again.report.summarised == 1 and again.report.digested == 1


def test_pelican_content_builds_the_same_site(sample_site, tmp_path):
    from conftest import write_settings

    content = tmp_path / "content"
    content.mkdir()
    for sample in (REPO / "content").glob("*.txt"):
        (content / sample.name).write_bytes(sample.read_bytes())
    settings = write_settings(tmp_path)
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", str(settings), "-o", str(tmp_path / "out")],
                   cwd=tmp_path, check=True, capture_output=True)
    ours = sample_site.files()
    theirs = {str(p.relative_to(tmp_path / "out")): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    assert ours == theirs


def test_parallel_preparation_gives_the_same_site(tmp_path):
    from builder.prepare import PARALLEL_THRESHOLD

    files = {
        f"n{n:02d}.txt": (f"Harbour Story Number {n}\n\nOn {1 + n % 3} May 2024, dock workers in port {n} walked out over pay. "
                          f"The operator offered {n} percent more. Talks on the ceasefire of the dispute resumed later. "
                          f"Sanctions on the operator were discussed by the council.\n").encode()
        for n in range(PARALLEL_THRESHOLD + 4)
    }
    serial = make_site(tmp_path / "serial", files, samples=False, extra="BRIEFING_WORKERS = 1")
    parallel = make_site(tmp_path / "parallel", files, samples=False, extra="BRIEFING_WORKERS = 2")
    assert parallel.report.summarised == serial.report.summarised == len(files)
    assert parallel.files() == serial.files()


def test_digests_in_the_worker_process_give_the_same_site(tmp_path, monkeypatch):
    import builder.periods as periods

    files = {
        f"d{n:02d}.txt": (f"Harbour Story Number {n}\n\nOn {1 + n} May 2024, dock workers in port {n} walked out over pay, "
                          f"Maria Lopez of the union said. The operator offered {n} percent more. Talks on the "
                          f"ceasefire of the dispute resumed later.\n").encode()
        for n in range(periods.PARALLEL_PERIODS + 4)
    }
    chunks = []
    in_worker = periods._in_worker
    monkeypatch.setattr(periods, "_in_worker", lambda c, *rest: chunks.append(len(c)) or in_worker(c, *rest))
    monkeypatch.setattr(periods, "PERIODS_PER_CHUNK", 5)
    with monkeypatch.context() as patched:
        patched.setattr(periods, "PARALLEL_PERIODS", len(files) + 1)
        here = make_site(tmp_path / "here", files, samples=False)
    assert chunks == []
    worker = make_site(tmp_path / "worker", files, samples=False)
    assert chunks == [5]  # 24 briefings, five periods at a time
    assert worker.report.briefings == here.report.briefings == len(files)
    assert worker.files() == here.files()


def test_a_digest_worker_that_dies_is_a_clear_error_and_publishes_nothing(tmp_path, monkeypatch):
    import sys

    import builder.periods as periods
    from builder.build import BuildError

    files = {f"d{n:02d}.txt": f"Story {n}\n\nOn {1 + n} May 2024, workers in port {n} walked out over pay.\n".encode()
             for n in range(periods.PARALLEL_PERIODS)}
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the worker exits at once
    with pytest.raises(BuildError, match=r"the digest worker failed \(exit code 1\)"):
        make_site(tmp_path, files, samples=False)
    assert not (tmp_path / "output").exists()


def test_a_build_that_fails_while_indexing_stops_the_indexer_and_keeps_the_last_site(tmp_path, monkeypatch):
    import os
    import sys
    import threading

    import builder.pelican_plugin as plugin
    import builder.search_index as search_index
    from builder.build import BuildError

    files = {"a.md": b"Title: A\nDate: 2024-05-01\n\nDockers at the port walked out.\n"}
    before = make_site(tmp_path, files, samples=False).files()
    # The search index is written beside the last pages; make it last, then fail those pages.
    marker = "briefing-test-slow-indexer"
    monkeypatch.setattr(search_index, "_pagefind_command",
                        lambda: (sys.executable, "-c", f"import time; time.sleep(60)  # {marker}"))

    def fail(self, writer):
        assert any(t.name == "search-index" for t in threading.enumerate())  # it is running
        raise RuntimeError("disk full")

    monkeypatch.setattr(plugin.BriefingGenerator, "generate_output", fail)
    files["b.md"] = b"Title: B\nDate: 2024-06-03\n\nDockers at the port walked out again.\n"
    with pytest.raises(BuildError, match="disk full"):
        make_site(tmp_path, files, samples=False)
    assert not any(t.name == "search-index" for t in threading.enumerate())
    assert [p for p in os.listdir("/proc") if p.isdigit() and marker.encode() in _cmdline(p)] == []
    assert Site(tmp_path, None).files() == before


def _cmdline(pid: str) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read()
    except OSError:  # gone meanwhile
        return b""


def test_a_build_puts_back_the_cycle_collectors_thresholds(tmp_path):
    import gc

    before = gc.get_threshold()
    make_site(tmp_path, {"a.md": b"Title: A\nDate: 2024-05-01\n\nDockers at the port walked out.\n"}, samples=False)
    assert gc.get_threshold() == before


def test_a_large_building_process_gives_back_memory_before_indexing_and_builds_the_same_site(tmp_path, monkeypatch):
    import builder.pelican_plugin as plugin

    files = {"a.md": b"Title: A\nDate: 2024-05-01\n\nDockers at the port walked out.\n"}
    plain = make_site(tmp_path / "plain", files, samples=False).files()
    calls = []
    monkeypatch.setattr(plugin, "TRIM_ABOVE_MIB", 0)  # every process is "large"
    monkeypatch.setattr(plugin, "give_back_memory", lambda: calls.append(plugin.resident_mib()))
    trimmed = make_site(tmp_path / "trimmed", files, samples=False).files()
    assert len(calls) == 1 and calls[0] > 0
    assert trimmed == plain


def test_empty_content_folder_builds_a_site_that_says_so(tmp_path):
    site = make_site(tmp_path, samples=False)
    assert site.report.articles == 0
    assert "No articles yet" in site.page("index.html").get_text()
    assert not (site.output / "feeds/topics").exists()


def test_topic_page_links_to_the_topic_in_every_briefing(sample_site):
    page = sample_site.page("topics/kursk-front.html")
    links = [a["href"] for a in page.select(".history a")]
    assert links and all(link.endswith("#topic-kursk-front") for link in links)
    for link in links:
        briefing = sample_site.page("briefings/" + link.split("/")[-1].split("#")[0])
        assert briefing.find(id="topic-kursk-front") is not None


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - {"the", "a", "of", "to", "and", "in", "on", "for", "as", "with"}


def test_no_topic_shows_two_near_duplicate_key_points(sample_site):
    for slug in ("ceasefire-talks", "kursk-front", "sanctions"):
        texts = [p.get_text(" ", strip=True) for p in sample_site.page(f"topics/{slug}.html").select(".key-point .point-text")]
        assert texts, slug
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                overlap = len(_words(a) & _words(b)) / len(_words(a) | _words(b))
                assert overlap < 0.5, f"{slug}: near-duplicate points\n{a}\n{b}"


def test_each_point_says_how_many_sources_report_it(sample_site):
    points = sample_site.page("topics/kursk-front.html").select(".key-point")
    for point in points:
        badge = point.select_one(".badge:not(.status)").get_text(strip=True)
        count = len({a["href"].split("#")[0] for a in point.select(".point-sources a")})
        assert badge == f"Reported by {count} of 5 sources"
    assert any(len(p.select(".point-sources a")) >= 3 for p in points)


PORT_SETTINGS = """BRIEFING_TOPICS = [{"name": "Port strike", "terms": ["port", "dockers"]}]"""


def test_a_point_told_in_two_sentences_of_one_article_cites_the_article_once(tmp_path):
    files = {
        "a.md": b"Title: Dockers walk out\nDate: 2024-05-01\nOutlet: Harbour News\n\n"
                b"Dockers at the port walked out on Monday, halting 1,200 container ships. "
                b"The walkout is the first strike at the port in 20 years, the dockers' union said.\n\n"
                b"The port authority fined two shipping lines 40,000 euros.\n",
        "b.md": b"Title: Port at a standstill\nDate: 2024-05-01\nOutlet: Coast Daily\n\n"
                b"About 1,200 container ships were halted when port dockers walked out, the first strike in 20 years.\n",
    }
    site = make_site(tmp_path, files, samples=False, extra=PORT_SETTINGS)
    point = next(p for p in site.page("topics/port-strike.html").select(".key-point")
                 if "1,200" in p.select_one(".point-text").get_text())
    assert point.select_one(".badge:not(.status)").get_text(strip=True) == "Reported by 2 of 2 sources"
    assert [a.get_text(strip=True) for a in point.select(".point-sources a.source-chip")] == ["1", "2"]
    wordings = [q.get_text(strip=True) for q in point.select(".wordings q")]
    assert len(wordings) == 3 and any("first strike at the port" in w for w in wordings)


def test_a_briefing_with_nothing_on_its_topics_says_so_instead_of_a_top_line(tmp_path):
    files = {
        "on.md": b"Title: Dockers walk out\nDate: 2024-05-01\nOutlet: Harbour News\n\n"
                 b"Dockers at the port walked out on Monday, halting 1,200 container ships.\n",
        "off.md": b"Title: Rotterdam strike\nDate: 2024-05-09\nOutlet: Coast Daily\n\n"
                  b"Dock workers in Rotterdam began a strike of their own on Thursday.\n",
    }
    extra = PORT_SETTINGS + '\nBRIEFING_SCOPE = {"description": "The dock strike in our port.", "exclude": ["Rotterdam"]}'
    site = make_site(tmp_path, files, samples=False, extra=extra)
    off = site.page("briefings/2024-05-09.html")
    assert off.select_one(".top-line").get_text(" ", strip=True).startswith("Top line: nothing on this briefing's topics.")
    assert "Rotterdam" in off.select_one("#briefing-points").get_text()  # still shown, under Other developments
    on = site.page("briefings/2024-05-01.html")
    assert "1,200 container ships" in on.select_one(".top-line").get_text()
    archive = [li.get_text(" ", strip=True) for li in site.page("archives.html").select(".briefing-list li")]
    assert any("9 May 2024" in li and li.endswith("nothing on this briefing's topics") for li in archive)
    feed = feedparser.parse(str(site.output / "feeds" / "briefings.atom.xml"))
    assert "nothing on this briefing's topics" in feed.entries[0].content[0].value
    # Its new point is not listed as news on the story: it is counted, under Other developments.
    new = off.select_one(".whats-new")
    assert new.select(".new-points li") == []
    assert new.select(".only-new-toggle") == []  # nothing on the topics to show alone
    assert new.select_one(".nothing-new-on-topics").get_text(strip=True) == "Nothing new on this briefing's topics."
    assert new.select_one(".new-elsewhere").get_text(" ", strip=True) == \
        "Also new: 1 point on none of the topics, under Other developments ."
    assert new.select_one(".new-elsewhere a")["href"] == "#" + off.select_one("#briefing-points section.topic")["id"]
    assert "Also new: 1 point on none of the topics" in feed.entries[0].content[0].value


def test_counts_read_as_a_reader_writes_them(tmp_path):
    files = {"on.md": b"Title: Dockers walk out\nDate: 2024-05-01\nOutlet: Harbour News\n\n"
                      b"Dockers at the port walked out on Monday, halting 1,200 container ships.\n"}
    site = make_site(tmp_path, files, samples=False, extra=PORT_SETTINGS)
    page = site.page("briefings/2024-05-01.html")
    assert page.select_one(".period").get_text(" ", strip=True) == "1 article from 29 April 2024 to 1 May 2024"
    assert page.select_one(".top-line .point-sources").get_text(strip=True) == "(1 of 1 source)"
    assert page.select_one(".key-point .badge:not(.status)").get_text(strip=True) == "Reported by 1 of 1 source"
    why = page.select_one(".key-point .why").get_text(" ", strip=True)
    assert "1 of 1 source, 1 sentence:" in why
    archive = [li.get_text(" ", strip=True) for li in site.page("archives.html").select(".briefing-list li")]
    assert archive[0].startswith("1 May 2024 (1 article)")
    chart = site.page("topics/port-strike.html").select_one("figure.coverage-chart figcaption").get_text(" ", strip=True)
    assert "1 article on 1 of 1 day;" in chart and "1 article from 1 source." in chart


def test_prisoners_figure_appears_once_with_three_or_more_sources(sample_site):
    page = sample_site.page("topics/kursk-front.html")
    points = [p for p in page.select(".key-point") if "430" in p.select_one(".point-text").get_text()]
    assert len(points) == 1
    assert len({a["href"].split("#")[0] for a in points[0].select(".point-sources a")}) >= 3
    groups = [g for g in page.select(".key-figures .figure-group") if "430" in g.select_one(".figure-values").get_text()]
    assert len(groups) == 1
    mentions = groups[0].select(".figure-mentions li")
    assert len({li.a["href"].split("#")[0] for li in mentions}) >= 3
    assert not groups[0].select(".badge-differ")  # every source says 430


def test_territory_figures_are_shown_together_with_their_wordings(sample_site):
    page = sample_site.page("topics/kursk-front.html")
    group = next(g for g in page.select(".key-figures .figure-group")
                 if "1,300" in g.select_one(".figure-values").get_text())
    assert "1,100" in group.select_one(".figure-values").get_text()
    mentions = group.select(".figure-mentions li")
    articles = {li.a["href"].split("#")[0] for li in mentions}
    assert len(articles) >= 3
    wordings = [li.q.get_text() for li in mentions]
    assert any("recaptured over 1,100" in w for w in wordings) and any("1,300 square kilometers" in w for w in wordings)
    # Territory once held and territory retaken are different measures, not a contradiction.
    assert not group.select(".badge-differ") and group.select(".badge-measures")


def test_figure_and_timeline_links_reach_sentences_that_exist(sample_site):
    page = sample_site.page("topics/kursk-front.html")
    links = page.select(".figure-mentions a") + page.select(".timeline a")
    assert links
    for link in links:
        target, anchor = link["href"].split("#")
        article = sample_site.page(str(((sample_site.output / "topics") / target).resolve().relative_to(sample_site.output)))
        assert article.find(id=anchor) is not None, link["href"]


def test_topic_timeline_is_dated_and_in_order(sample_site):
    entries = sample_site.page("topics/ceasefire-talks.html").select(".timeline .timeline-entry time")
    dates = [e["datetime"] for e in entries]
    assert dates and dates == sorted(dates)
    assert set(dates) <= {"2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"}


def test_no_broken_internal_links(sample_site):
    """Every link and resource of every page reaches a file of the site, and its #anchor exists."""
    assert broken_links(sample_site) == []
