"""Topic assignment and the digest: literal inputs."""

from __future__ import annotations

import datetime as dt

from builder.config import Topic
from builder.digest import build_briefing
from builder.front_page import front_page
from builder.readability import is_framing
from builder.config import BriefingConfig
from builder.records import ArticleRecord, PreparedArticle, SentenceRecord
from builder.topics import SentenceKey, StemAnalyser, TopicMatcher, TopicSentence, assign_topics

HARBOUR = Topic("Harbour strike", "harbour-strike", "", ("harbour", "dock strike"))
BUDGET = Topic("Budget", "budget", "", ("budget", "tax"))
ANALYSER = StemAnalyser("english")


def sentences(article_id: str, paragraphs: list[list[str]]) -> list[TopicSentence]:
    return [
        TopicSentence(SentenceKey(article_id, f"s{p + 1}-{i + 1}"), p, i, ANALYSER.stems(text))
        for p, paragraph in enumerate(paragraphs) for i, text in enumerate(paragraph)
    ]


def test_terms_match_on_stems_and_phrases():
    matcher = TopicMatcher((HARBOUR, BUDGET), ANALYSER)
    assert matcher.direct(ANALYSER.stems("Taxes rise again.")) == {"budget": 1}
    assert matcher.direct(ANALYSER.stems("The dock strikes spread to the harbours.")) == {"harbour-strike": 2}
    assert matcher.direct(ANALYSER.stems("A strike at the dock.")) == {}  # a phrase is a sequence


def test_sentence_beside_a_match_joins_by_learned_context():
    corpus = (
        sentences("a", [["Workers at the harbour walked out over pay.", "Pickets blocked the cranes and the workers stayed out."],
                        ["The budget was approved."]])
        + sentences("b", [["The harbour closed as workers walked out.", "Cranes stood idle while pickets gathered."]])
        + sentences("c", [["Tax revenue fell.", "The minister blamed pickets."]])
    )
    assigned = assign_topics(corpus, TopicMatcher((HARBOUR, BUDGET), ANALYSER))
    # Never names the harbour, but shares its words and stands beside a harbour sentence.
    assert "harbour-strike" in assigned[SentenceKey("a", "s1-2")]
    assert assigned[SentenceKey("a", "s1-2")]["harbour-strike"] < assigned[SentenceKey("a", "s1-1")]["harbour-strike"]
    # Shares a word, but stands beside a budget sentence only: not assigned.
    assert "harbour-strike" not in assigned[SentenceKey("c", "s1-2")]
    assert assigned[SentenceKey("a", "s2-1")] == {"budget": 1.0}


def prepared(article_id: str, day: int, texts: list[str]) -> PreparedArticle:
    record = ArticleRecord(id=article_id, slug=article_id, source_path=f"{article_id}.txt", title=f"Title {article_id}",
                           title_derived=False, date=dt.date(2024, 5, day), date_origin="header",
                           paragraphs=tuple(texts))
    return PreparedArticle(record, tuple(SentenceRecord(p, 0, t, score=1.0 - p / 10, in_summary=True)
                                         for p, t in enumerate(texts)))


def test_digest_merges_near_duplicates_ranks_and_files_the_rest_under_other():
    a = prepared("a", 1, ["Dock workers began a harbour strike over pay on Monday.", "The weather was mild."])
    b = prepared("b", 2, ["Dock workers began a harbour strike over pay on Monday morning.", "The budget passed."])
    config = BriefingConfig(topics=(HARBOUR, BUDGET))
    briefing = build_briefing(dt.date(2024, 5, 2), dt.date(2024, 4, 30), [a, b], {"a": "a.html", "b": "b.html"},
                              config, ANALYSER)
    sections = {s.slug: s for s in briefing.sections}
    harbour = sections["harbour-strike"].points
    assert len(harbour) == 1 and harbour[0].source_count == 2
    assert [s.url for s in harbour[0].sources] == ["a.html", "b.html"]
    assert [p.text for p in sections["budget"].points] == ["The budget passed."]
    assert [p.text for p in sections["other-developments"].points] == ["The weather was mild."]
    assert front_page(briefing, 20).top is harbour[0]


def test_a_sentence_naming_another_story_joins_no_topic_and_an_attribution_follows_its_statement():
    from builder.config import Scope

    scope = Scope(description="The harbour strike in the port city.", exclude=("Rotterdam",))
    a = prepared("a", 1, ["Dock workers began a harbour strike over pay on Monday.",
                          "Dock workers in Rotterdam began a harbour strike of their own.",
                          "Union leaders said the stoppage would last a week.", "He told reporters."])
    config = BriefingConfig(topics=(HARBOUR, BUDGET), scope=scope)
    briefing = build_briefing(dt.date(2024, 5, 2), dt.date(2024, 4, 30), [a], {"a": "a.html"}, config, ANALYSER)
    harbour = [p.text for s in briefing.sections if s.slug == "harbour-strike" for p in s.points]
    other = [p.text for s in briefing.sections if s.is_other for p in s.points]
    assert "Dock workers in Rotterdam began a harbour strike of their own." not in harbour
    assert "Dock workers in Rotterdam began a harbour strike of their own." in other


def test_a_briefing_with_nothing_on_its_topics_has_no_top_line():
    from builder.config import Scope

    scope = Scope(description="The harbour strike in the port city.", exclude=("Rotterdam",))
    a = prepared("a", 1, ["Dock workers in Rotterdam began a harbour strike of their own.",
                          "Rotterdam's mayor urged both sides to talk."])
    config = BriefingConfig(topics=(HARBOUR, BUDGET), scope=scope)
    briefing = build_briefing(dt.date(2024, 5, 2), dt.date(2024, 4, 30), [a], {"a": "a.html"}, config, ANALYSER)
    front = front_page(briefing, 20)
    assert front.top is None and front.nothing_on_topics
    # What the article reports is still shown, under "Other developments".
    assert [s.is_other for s, _ in front.sections] == [True] and front.count >= 1


def test_the_front_page_shows_each_development_once_and_no_framing():
    a = prepared("a", 1, ["Dock workers began a harbour strike over pay on Monday.",
                          "Amid growing tensions, significant efforts are underway as observers watch closely."])
    b = prepared("b", 2, ["Dock workers began a harbour strike over pay on Monday morning.", "The budget passed."])
    config = BriefingConfig(topics=(HARBOUR, BUDGET))
    briefing = build_briefing(dt.date(2024, 5, 2), dt.date(2024, 4, 30), [a, b], {"a": "a.html", "b": "b.html"},
                              config, ANALYSER)
    front = front_page(briefing, 20)
    shown = [p.text for _, points in front.sections for p in points]
    assert len(shown) == len(set(shown))
    assert not any(is_framing(text) for text in shown)
    assert "Amid growing tensions, significant efforts are underway as observers watch closely." not in shown
    assert front.top.source_count == 2
    assert is_framing("Amid growing tensions, significant efforts are underway as observers watch closely.")
    assert not is_framing("The platform does not include a timeline for a balanced budget.")
