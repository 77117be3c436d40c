"""Readability rules and the default summariser that obeys them: literal inputs."""

from __future__ import annotations

import pytest
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from builder import readability as r
from builder.summarisers import BriefingSummarizer


@pytest.mark.parametrize("sentence,expected", [
    ("He said the talks would resume.", "he"),
    ("Their leader disagreed.", "their"),
    ("This visit was the first since August.", "this"),
    ("These talks failed.", "these"),
    ("However, the army kept advancing.", "however"),
    ("But officials denied it.", "but"),
    ("Meanwhile, prices rose.", "meanwhile"),
    ("In addition, the bank cut rates.", "in addition"),
    ("It said profits would fall.", "it"),
    ('"It was late," he said.', "it"),
    # Not references back: a time, a dummy subject, a named subject, a non-connective "so".
    ("This week the talks resume.", None),
    ("It is unclear whether the deal will hold.", None),
    ("It was not clear how many soldiers were captured.", None),
    ("The president said the talks would resume.", None),
    ("So far no date has been set.", None),
    ("Still more troops arrived.", None),
    ("Although talks resumed, fighting went on.", None),
])
def test_opening_reference(sentence, expected):
    assert r.opening_reference(sentence) == expected


SENTENCES = [
    "The minister arrived in the capital on Monday.",        # 0
    "He said the talks would resume next week.",             # 1 dangling without 0
    "Prices rose by 5% in March.",                           # 2
    "However, wages fell.",                                  # 3 dangling without 2
    '"We will not give up," the minister said.',            # 4 quotation with speaker
    '"We will fight on.',                                    # 5 opens a quotation ...
    'We will win," she added.',                              # 6 ... closed here
    '"The plan is dead."',                                   # 7 bare: speaker is in 6 or 8
    "Page one. Image caption: soldiers in the field.",       # 8 debris
]


def test_dangling_needs_the_sentence_before_or_the_person_it_names():
    assert r.dangling_in(SENTENCES, {1}, 1)
    assert not r.dangling_in(SENTENCES, {0, 1}, 1)
    assert r.dangling_in(SENTENCES, {1, 3}, 3)
    assert not r.dangling_in(SENTENCES, {2, 3}, 3)
    # "However" needs the sentence just before it.
    assert r.dangling_in(["A rose.", "B fell.", "However, C held."], {0, 2}, 2)
    # "She" is fine when the person named in the sentence before is named earlier in the summary.
    assert not r.dangling_in(["The board met Ann Lee.", "Then Ann Lee spoke to reporters.", "She said sales would rise."], {0, 2}, 2)
    assert r.dangling_in(["Prices rose sharply.", "Then Ann Lee spoke to reporters.", "She said sales would rise."], {0, 2}, 2)
    assert r.proper_names("On Monday President Ann Lee met Acme Corp in Paris.") == {"Ann", "Lee", "Acme", "Corp", "Paris"}


def test_quotation_fragments():
    assert r.quotation_balance(SENTENCES[5]) == 1 and r.quotation_balance(SENTENCES[6]) == -1
    assert r.quotation_balance(SENTENCES[4]) == 0
    assert r.quotation_balance("“We will fight on.") == 1 and r.quotation_balance("Russia’s army advanced.") == 0
    assert r.quotation_fragment_in(SENTENCES, {5}, 5) and r.quotation_fragment_in(SENTENCES, {6}, 6)
    assert not r.quotation_fragment_in(SENTENCES, {5, 6}, 5)
    assert not r.quotation_fragment_in(SENTENCES, {4}, 4)
    assert r.is_bare_quotation(SENTENCES[7]) and r.quotation_fragment_in(SENTENCES, {7}, 7)
    assert not r.quotation_fragment_in(SENTENCES, {6, 7}, 7)


@pytest.mark.parametrize("sentence", [
    "Today : Mar 13, 2025 World News The talks resumed.",
    "KYIV, March 3 (Reuters) - Troops advanced.",
    "Troops advanced (Reuters) - officials said.",
    "Read more: how the talks began.",
    "Photos © Agency 2025.",
    "See https://example.org/story for more.",
    "Ceasefire Talks And Kursk Front The delegation arrived on Tuesday.",
])
def test_debris(sentence):
    assert r.has_debris(sentence)


@pytest.mark.parametrize("sentence", [
    "On March 12, 2025, U.S. representatives were reported en route to the talks.",
    "President Donald Trump said the talks would resume.",
    "The European Union and the United States agreed new sanctions.",
])
def test_no_debris_in_ordinary_sentences(sentence):
    assert not r.has_debris(sentence)


def test_summary_faults_count_each_rule():
    stems = lambda text: frozenset(w.strip('.,"').lower() for w in text.split())
    faults = r.summary_faults(SENTENCES + ["Prices rose by 5% in March again."], [1, 2, 3, 5, 8, 9], stems)
    assert (faults.sentences, faults.dangling, faults.quotation_fragments, faults.debris) == (6, 1, 1, 1)
    assert faults.pairs == 15 and faults.duplicate_pairs == 1


def summariser() -> BriefingSummarizer:
    return BriefingSummarizer(Stemmer("english"), get_stop_words("english"))


def test_default_summariser_brings_the_antecedent_or_leaves_the_sentence_out():
    texts = [
        "The central bank raised interest rates to a record high on Tuesday.",
        "It said inflation was far above the bank's target and rising.",
        "Shoppers cut spending on food.",
        "The bank raised rates because inflation stayed far above the target.",
    ]
    ratings = [0.5, 1.0, 0.1, 0.9]
    chosen = summariser().pick(texts, ratings, 2)
    # Sentence 1 is the best but opens with "It": it comes with sentence 0 or not at all.
    assert chosen == {0, 1}
    assert all(not r.dangling_in(texts, chosen, i) for i in chosen)


def test_default_summariser_skips_near_duplicates_and_debris():
    texts = [
        "Russian troops advanced near the border town on Tuesday.",
        "Russian troops advanced near the border town on Tuesday, officials said.",
        "Read more: what the sanctions mean.",
        "Ministers in Brussels agreed new sanctions on oil exports.",
    ]
    assert summariser().pick(texts, [1.0, 0.95, 0.9, 0.2], 2) == {0, 3}
