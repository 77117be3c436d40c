"""The cross-source digest: clustering, figures, the different-thing guard and the timeline."""

from __future__ import annotations

import datetime as dt

import numpy
import pytest

from builder.config import BriefingConfig, Topic
from builder.digest import SAME_POINT, build_briefing, cluster_sentences, sentence_similarity
from builder.figures import Mention, extract_figures, group_figures, parse_number
from builder.records import ArticleRecord, PreparedArticle, SentenceRecord
from builder.timeline import event_date
from builder.topics import StemAnalyser

ANALYSER = StemAnalyser("english")
PORT = Topic("Port strike", "port-strike", "", ("port", "dockers"))


def prepared(article_id: str, day: int, texts: list[str], summary: int = 1) -> PreparedArticle:
    record = ArticleRecord(id=article_id, slug=article_id, source_path=f"{article_id}.txt", title=f"Title {article_id}",
                           title_derived=False, date=dt.date(2024, 5, day), date_origin="header", paragraphs=tuple(texts))
    return PreparedArticle(record, tuple(SentenceRecord(p, 0, t, score=1.0 - p / 10, in_summary=p < summary)
                                         for p, t in enumerate(texts)))


def briefing(*articles):
    urls = {a.record.id: f"{a.record.id}.html" for a in articles}
    return build_briefing(dt.date(2024, 5, 3), dt.date(2024, 5, 1), list(articles), urls,
                          BriefingConfig(topics=(PORT,)), ANALYSER)


def test_paraphrases_from_different_sources_become_one_point():
    a = prepared("a", 1, ["Dockers at the port walked out on Monday, halting 1,200 container ships.",
                          "The mayor urged calm at the port."])
    b = prepared("b", 2, ["About 1,200 container ships were halted when port dockers walked out.",
                          "Port officials expect losses."])
    c = prepared("c", 3, ["Port dockers' walkout has halted some 1,200 container ships.",
                          "Fishermen at the port were not affected."], summary=0)
    points = {s.slug: s for s in briefing(a, b, c).sections}["port-strike"].points
    walkout = [p for p in points if "1,200" in p.text]
    assert len(walkout) == 1
    assert walkout[0].source_count == 3 and walkout[0].total == 3
    assert [s.article_id for s in walkout[0].sources] == ["a", "b", "c"]
    assert points[0] is walkout[0]  # reported by most sources: first
    # The text is one source's sentence, verbatim.
    assert walkout[0].text in {s.text for s in walkout[0].sources}
    # Sentences no summary chose and no other source reports stay out.
    assert not any("Fishermen" in p.text for p in points)


def test_a_figure_of_one_or_two_digits_counts_as_the_words_do():
    """ "84%" and "84 percent", "a 90-day pause" and "paused for 90 days": the same figure, however
    written, makes two outlets' sentences one development; another figure keeps them apart."""
    china = ["China has slapped back with an 84 percent retaliatory tariff on American goods.",
             "Beijing said its retaliatory tariff on American goods would rise to 84%."]
    canada = "Canada said its retaliatory tariff on American goods would rise to 25%."
    similar = sentence_similarity(china + [canada], ANALYSER)
    assert similar[0, 1] >= SAME_POINT and similar[0, 1] > similar[1, 2] and similar[0, 1] > similar[0, 2]
    pause = sentence_similarity(["The president paused the tariffs for 90 days.",
                                 "The president announced a 90-day pause of the tariffs."], ANALYSER)
    assert pause[0, 1] >= SAME_POINT
    points = [p for section in briefing(prepared("a", 1, ["Port dockers struck for 48 hours on Monday.", "Ships waited."]),
                                        prepared("b", 2, ["The port's 48-hour strike by dockers began on Monday.", "Trade slowed."])).sections
              for p in section.points]
    assert [len(p.cited) for p in points if "48" in p.text] == [2]


def test_one_development_told_in_two_sentences_of_an_article_is_one_point_with_both():
    a = prepared("a", 1, ["Dockers at the port walked out on Monday, halting 1,200 container ships.",
                          "The walkout is the first strike at the port in 20 years, the dockers' union said.",
                          "The port authority fined two shipping lines 40,000 euros."], summary=3)
    b = prepared("b", 2, ["About 1,200 container ships were halted when port dockers walked out, the first "
                          "strike in 20 years."])
    points = {s.slug: s for s in briefing(a, b).sections}["port-strike"].points
    walkout = next(p for p in points if "1,200" in p.text)
    assert [(s.article_id, s.anchor) for s in walkout.sources] == [("a", "s1-1"), ("a", "s2-1"), ("b", "s1-1")]
    assert walkout.source_count == 2 and [s.article_id for s in walkout.cited] == ["a", "b"]
    # The fine is another development of the same article: a point of its own.
    assert any("40,000" in p.text and [s.article_id for s in p.sources] == ["a"] for p in points)


def test_the_budget_bounds_single_source_points_never_what_several_outlets_report():
    a = prepared("a", 1, ["Dockers at the port walked out on Monday, halting 1,200 container ships.",
                          "The port authority fined two shipping lines 40,000 euros.",
                          "The mayor urged calm at the port."], summary=3)
    b = prepared("b", 2, ["About 1,200 container ships were halted when port dockers walked out.",
                          "Two shipping lines were fined 40,000 euros by the port authority.",
                          "Port officials expect losses of 9 million."], summary=3)
    urls = {x.record.id: f"{x.record.id}.html" for x in (a, b)}
    config = BriefingConfig(topics=(PORT,), topic_points=1)
    result = build_briefing(dt.date(2024, 5, 3), dt.date(2024, 5, 1), [a, b], urls, config, ANALYSER)
    points = {s.slug: s for s in result.sections}["port-strike"].points
    # Both developments the two sources report are points; of what one source alone says, none
    # fits in a budget of one the corroborated points already fill.
    assert sorted(p.source_count for p in points) == [2, 2]
    assert {"1,200", "40,000"} == {figure for p in points for figure in ("1,200", "40,000") if figure in p.text}


def test_cluster_sentences_joins_by_average_similarity_one_sentence_per_source():
    similar = numpy.array([
        [1.0, 0.6, 0.5, 0.1, 0.7],
        [0.6, 1.0, 0.4, 0.1, 0.2],
        [0.5, 0.4, 1.0, 0.1, 0.2],
        [0.1, 0.1, 0.1, 1.0, 0.1],
        [0.7, 0.2, 0.2, 0.1, 1.0],
    ])
    clusters = cluster_sentences([0, 1, 2, 3, 4], ["a", "b", "c", "d", "a"], similar, threshold=0.35)
    # 4 is like 0 but from the same article: a separate cluster, never the same source twice.
    assert clusters == [[0, 1, 2], [3], [4]]


def test_cluster_sentences_takes_a_second_sentence_of_an_article_only_from_beside_the_first():
    # Rows 0-2 are one article's sentences in order, 3 another's; 2 is as like the cluster as 1.
    similar = numpy.array([
        [1.0, 0.3, 0.0, 0.6],
        [0.3, 1.0, 0.1, 0.3],
        [0.0, 0.1, 1.0, 0.1],
        [0.6, 0.3, 0.1, 1.0],
    ])
    order, owners = [0, 3, 1, 2], ["a", "b", "a", "a"]  # owners of the rows in that order
    assert cluster_sentences(order, owners, similar, 0.3, span=0) == [[0, 3], [1], [2]]
    # Row 1 is beside row 0 and like the cluster (mean 0.3): one development told in two sentences.
    assert cluster_sentences(order, owners, similar, 0.3, span=1, neighbour_threshold=0.25) == [[0, 3, 1], [2]]
    # Two rows from row 0 but unlike the cluster: a point of its own.
    assert cluster_sentences(order, owners, similar, 0.3, span=2, neighbour_threshold=0.25) == [[0, 3, 1], [2]]
    # Now as like the cluster as row 1, two rows from row 0: beyond a span of one, within two.
    similar[2, :] = similar[:, 2] = [0.3, 0.3, 1.0, 0.3]
    assert cluster_sentences([0, 3, 2], ["a", "b", "a"], similar, 0.3, span=1, neighbour_threshold=0.25) == [[0, 3], [2]]
    assert cluster_sentences([0, 3, 2], ["a", "b", "a"], similar, 0.3, span=2, neighbour_threshold=0.25) == [[0, 3, 2]]
    # A neighbour on another topic than the cluster's stays apart.
    topics = [frozenset({"strike"}), frozenset({"strike"}), frozenset({"other"})]
    assert cluster_sentences([0, 3, 2], ["a", "b", "a"], similar, 0.3, span=2, neighbour_threshold=0.25,
                             topics=topics) == [[0, 3], [2]]


@pytest.mark.parametrize("text,value,unit,counts", [
    ("Ukraine once held 1,300 square kilometres of territory.", 1300, "km²", "territory"),
    ("Die Armee meldet 1.300 Quadratkilometer.", 1300, "km²", ""),
    ("Both sides backed a 30-day ceasefire.", 30, "day", "ceasefire"),
    ("Russia controls approximately 20% of Ukrainian territory.", 20, "%", "territory"),
    ("After three years of armed conflict, talks began.", 3, "year", "conflict"),
    ("About 430 Ukrainian soldiers were captured.", 430, "", "soldiers"),
    ("The deal is worth $4.5bn to the company.", 4.5e9, "$", ""),
])
def test_figure_extraction(text, value, unit, counts):
    figures = extract_figures(text)
    assert [(f.value, f.unit, f.counts) for f in figures] == [(value, unit, counts)]


@pytest.mark.parametrize("text", [
    "On March 12, 2025, talks began.", "They met in 2024.", "It starts at 10:30 GMT.", "This is three-quarters done.",
    "One of the envoys left.", "The 1997 borders were discussed.",
])
def test_dates_years_times_and_idioms_are_not_figures(text):
    assert extract_figures(text) == []


def test_parse_number_reads_separators_of_several_languages():
    assert [parse_number(t) for t in ("1,300", "1.300", "1,300.5", "1.300,5", "3.5", "three", "twenty")] == [
        1300, 1300, 1300.5, 1300.5, 3.5, 3, 20]


def mention(text: str, article: str):
    return [Mention(f, article, article, f"{article}.html", "s1-1", text) for f in extract_figures(text)]


def test_different_values_for_the_same_measure_are_a_disagreement():
    groups = group_figures(mention("Troops captured 430 soldiers.", "a") + mention("Troops captured 400 soldiers.", "b"),
                           ANALYSER.stem)
    assert len(groups) == 1 and groups[0].values == [400, 430]
    assert groups[0].differ and not groups[0].different_measures


def test_figures_that_measure_different_things_are_not_a_contradiction():
    held = mention("Ukraine had occupied about 1,300 square kilometres of territory.", "a")
    retaken = mention("Russia says it recaptured 1,100 square kilometres of territory.", "b")
    groups = group_figures(held + retaken, ANALYSER.stem)
    assert len(groups) == 1 and groups[0].values == [1100, 1300]
    assert not groups[0].differ and groups[0].different_measures
    assert groups[0].value_labels == ["1,100", "1,300"] and groups[0].label == "square kilometres of territory"


def test_the_same_value_from_two_sources_agrees():
    groups = group_figures(mention("A 30-day ceasefire was proposed.", "a") + mention("They offered a 30-day ceasefire.", "b"),
                           ANALYSER.stem)
    assert len(groups) == 1 and groups[0].source_count == 2 and not groups[0].differ


@pytest.mark.parametrize("text,expected", [
    ("On March 12, 2025, officials met.", dt.date(2025, 3, 12)),
    ("Talks began on March 11.", dt.date(2025, 3, 11)),
    ("On Wednesday the army advanced.", dt.date(2025, 3, 12)),  # the article is of Friday 14 March
    ("On Friday the army advanced.", dt.date(2025, 3, 14)),
    ("Talks will resume on Monday.", dt.date(2025, 3, 17)),
    ("Yesterday a drone hit a depot.", dt.date(2025, 3, 13)),
    ("In a speech on 30 December he spoke.", dt.date(2024, 12, 30)),
    ("Since Monday, prices have risen.", None),
    ("Nothing here is dated.", None),
])
def test_event_dates_resolve_against_the_article_date(text, expected):
    assert event_date(text, dt.date(2025, 3, 14)) == expected


def test_topic_gets_a_timeline_and_figures_panel():
    a = prepared("a", 1, ["On Monday dockers at the port walked out over pay, halting 1,200 ships."])
    b = prepared("b", 2, ["Port dockers walked out on Monday and halted 1,200 ships."])
    section = {s.slug: s for s in briefing(a, b).sections}["port-strike"]
    assert [(e.date, e.source_count) for e in section.timeline] == [(dt.date(2024, 4, 29), 2)]
    assert [(g.values, g.source_count) for g in section.figures] == [([1200], 2)]


def test_figure_group_summaries_read_as_a_phrase():
    ceasefire = group_figures(mention("A 30-day ceasefire was proposed.", "a"), ANALYSER.stem)[0]
    soldiers = group_figures(mention("About 430 soldiers were captured.", "a"), ANALYSER.stem)[0]
    share = group_figures(mention("Russia holds 20% of the territory.", "a"), ANALYSER.stem)[0]
    assert [ceasefire.summary, soldiers.summary, share.summary] == ["30-day ceasefire", "430 soldiers", "20% of territory"]
