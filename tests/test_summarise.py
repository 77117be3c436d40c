"""Summarising with sumy through the offline tokenizer: literal inputs."""

from __future__ import annotations

import pytest

from builder.records import ArticleRecord
from builder.sentences import NewsTokenizer
from builder.summarise import ALGORITHMS, parse_length, split_sentences, summarise, summary_count

PARAGRAPHS = (
    "The central bank raised interest rates by half a point on Tuesday. Markets had expected a smaller rise.",
    "The bank said inflation remained far above its target. Food and energy prices rose fastest.",
    "Economists warned that higher rates could slow growth. Some expect a recession next year.",
    "The governor said the bank would act again if needed. Mortgage rates are likely to rise.",
    "Shares fell after the announcement. The currency rose against the dollar.",
)


def record() -> ArticleRecord:
    import datetime as dt

    return ArticleRecord(id="a", slug="a", source_path="a.txt", title="Bank raises rates", title_derived=False,
                         date=dt.date(2024, 1, 1), date_origin="header", paragraphs=PARAGRAPHS)


def test_tokenizer_keeps_abbreviations_quotes_and_figures():
    tokenizer = NewsTokenizer()
    assert tokenizer.to_sentences('U.S. officials met Gen. Smith. "We will go. Now," he said. It was late.') == (
        "U.S. officials met Gen. Smith.", '"We will go. Now," he said.', "It was late.")
    assert tokenizer.to_words("A 30-day truce over 1,300 km² of land.") == ("A", "30-day", "truce", "over", "1,300", "km²", "of", "land")


@pytest.mark.parametrize("paragraph,expected", [
    # Abbreviations with full stops do not end a sentence.
    ("U.S. officials met Gen. Smith on Monday. Talks went well.",
     ("U.S. officials met Gen. Smith on Monday.", "Talks went well.")),
    ("Russia says it holds 1,300 sq. km. of the region. Kyiv disputes it.",
     ("Russia says it holds 1,300 sq. km. of the region.", "Kyiv disputes it.")),
    ("Mr. Brown met Dr. Green at 10 a.m. on Jan. 5. They talked.",
     ("Mr. Brown met Dr. Green at 10 a.m. on Jan. 5.", "They talked.")),
    # A sentence may end on an abbreviation.
    ("The envoy flew to the U.S. The talks resume Monday.", ("The envoy flew to the U.S.", "The talks resume Monday.")),
    # A quotation of several sentences stays with its attribution.
    ('"We must move. We need guarantees," the president said. Others agreed.',
     ('"We must move. We need guarantees," the president said.', "Others agreed.")),
    ("“We will go. Now,” he said. It was late.", ("“We will go. Now,” he said.", "It was late.")),
    ('"Will it hold?" he asked. Nobody knew.', ('"Will it hold?" he asked.', "Nobody knew.")),
    # Figures with separators and decimals are not boundaries.
    ("A 30-day truce covers 1,300 km² and 3.5% of the land. It starts now.",
     ("A 30-day truce covers 1,300 km² and 3.5% of the land.", "It starts now.")),
    ("Die Armee meldet 1.300 Quadratkilometer. Kiew widerspricht.",
     ("Die Armee meldet 1.300 Quadratkilometer.", "Kiew widerspricht.")),
])
def test_sentence_splitting_of_news_text(paragraph, expected):
    assert NewsTokenizer().to_sentences(paragraph) == expected


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
def test_every_algorithm_returns_sentences_of_the_article(name):
    tokenizer = NewsTokenizer()
    sentences = split_sentences(record(), tokenizer)
    rated = summarise(sentences, tokenizer, name, 3, "english", title="Bank raises rates", bonus_words=("rates",))
    chosen = [s.text for s in rated if s.in_summary]
    assert len(chosen) == 3
    text = " ".join(PARAGRAPHS)
    assert all(sentence in text for sentence in chosen)
    assert all(0.0 <= s.score <= 1.0 for s in rated)
    # Deterministic: the same input gives the same summary.
    again = summarise(sentences, tokenizer, name, 3, "english", title="Bank raises rates", bonus_words=("rates",))
    assert [s.text for s in again if s.in_summary] == chosen


def test_summary_keeps_article_order_and_anchors():
    tokenizer = NewsTokenizer()
    rated = summarise(split_sentences(record(), tokenizer), tokenizer, "lex-rank", 4, "english")
    summary = [s for s in rated if s.in_summary]
    assert [(s.paragraph, s.index) for s in summary] == sorted((s.paragraph, s.index) for s in summary)
    assert rated[0].anchor == "s1-1" and rated[3].anchor == "s2-2"


@pytest.mark.parametrize("setting,sentences,expected", [
    ("auto", 6, 3), ("auto", 20, 6), ("auto", 60, 10), ("auto", 250, 10), ("auto", 3, 1), ("auto", 1, 1),
    (3, 10, 3), (3, 2, 2), ("20%", 30, 6), ("50 %", 3, 2),
])
def test_summary_length_setting(setting, sentences, expected):
    assert summary_count(setting, sentences) == expected


@pytest.mark.parametrize("bad", [0, -1, "often", "0%", "150%", True, 2.5])
def test_bad_length_setting_is_refused(bad):
    with pytest.raises(ValueError):
        parse_length(bad)


def test_importing_builder_leaves_out_scipy_stats_and_it_still_imports():
    # NLTK tries scipy.stats (half a second of every build's start) for a function we never
    # call; builder/__init__.py imports NLTK without it, and scipy.stats still imports after.
    import subprocess
    import sys

    code = ("import sys, builder, nltk; from builder.summarise import summarise; "
            "assert 'scipy.stats' not in sys.modules, 'scipy.stats was imported'; "
            "import scipy.stats; print(scipy.stats.fisher_exact([[1, 2], [3, 4]]).pvalue > 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
