"""People, places and quotations: literal inputs, then the sample site as a reader sees it."""

from __future__ import annotations

import pytest

from builder.entities import PERSON, PLACE, EntityIndex, find_mentions, normalise, parse_aliases, same_name
from builder.quotes import Quote, find_quotes, merge_quotes
from builder.topics import StemAnalyser


@pytest.mark.parametrize("a,b", [
    ("Volodymyr Zelenskyy", "Volodymyr Selenskyj"), ("Zelenskyy", "Zelenski"), ("Dmitry Peskov", "Dmitri Peskow"),
    ("Gerasimov", "Gerassimov"), ("Sudscha", "Sudzha"), ("Kreml", "Kremlin"), ("Sergei Lavrov", "Sergey Lavrov"),
])
def test_spelling_variants_are_one_name(a, b):
    assert same_name(a, b), (normalise(a), normalise(b))


@pytest.mark.parametrize("a,b", [
    ("Boris Johnson", "Andrew Johnson"),  # same surname, different people
    ("Kim Jong-un", "Kim Jong-il"),
    ("Trump", "Truss"), ("Putin", "Puton"[:3] + "sch"), ("Paris", "Peru"), ("Austria", "Australia"),
])
def test_different_names_stay_apart(a, b):
    assert not same_name(a, b)


def mentions(*sentences: str):
    return [("article", m) for s in sentences for m in find_mentions(s)]


def test_titles_and_possessives_are_not_part_of_names():
    found = find_mentions("Meanwhile, Russian President Vladimir Putin met Ukraine's Army Chief Ivan Petrenko in Kharkiv.")
    assert [(m.name, m.title, m.kind) for m in found] == [
        ("Vladimir Putin", "president", PERSON), ("Ukraine", "", ""), ("Ivan Petrenko", "army chief", PERSON),
        ("Kharkiv", "", PLACE)]
    assert [m.name for m in find_mentions("Although Smith agreed, Ukrainian forces and Polish troops moved.")] == ["Smith"]


def test_index_merges_variants_and_keeps_two_people_with_one_surname_apart():
    index = EntityIndex()
    index.add_period(mentions(
        "President Anna Kovalenko said the talks would go on.", "Spokesman Piotr Novak said nothing.",
        "Kowalenko stated the plan was good.", "General Jan Novak said troops moved.",
        "Officials met in Gdansk on Monday.", "Crowds gathered in Danzig.",
    ))
    entities = index.entities()
    assert entities["Kowalenko"] is entities["Anna Kovalenko"]
    # Two Novaks with different given names and roles: two people, and a bare "Novak" would be ambiguous.
    assert entities["Piotr Novak"] is not entities["Jan Novak"]
    assert entities["Gdansk"] is not entities["Danzig"]  # different spellings that are not transliterations


def test_a_bare_surname_never_chains_two_full_names_across_periods():
    index = EntityIndex()
    # Each period has one full name that a bare "Novak" fits: it joins the first, and the second
    # (another given name) stays a person of its own.
    index.add_period(mentions("Spokesman Piotr Novak said the talks would go on.", "Novak said it again."))
    index.add_period(mentions("General Jan Novak said troops moved.", "Novak said nothing more."))
    index.add_period(mentions("Researchers at London School of Economics said it.", "Economics said so."))
    index.add_period(mentions("Analysts at ClearView Economics said growth slowed.", "Economics agreed."))
    # A fuller spelling of the same person still joins through the surname.
    index.add_period(mentions("President Vladimir Putin said nothing.", "Putin spoke."))
    index.add_period(mentions("On Monday Vladimir Vladimirovich Putin signed it.", "Putin spoke again."))
    entities = index.entities()
    assert entities["Novak"] is entities["Piotr Novak"]
    assert entities["Jan Novak"] is not entities["Piotr Novak"]
    assert entities["ClearView Economics"] is not entities["London School of Economics"]
    assert entities["Vladimir Vladimirovich Putin"] is entities["Vladimir Putin"] is entities["Putin"]


def test_a_word_opening_a_list_item_is_not_a_name_on_that_evidence():
    index = EntityIndex()
    index.add_period(mentions("The budget: - Increased spending on health - Announced a package for the sugar industry.",
                              "The list: - Keith Vaz - Clare Higgins"))
    entities = index.entities()
    assert "Announced" not in entities and "Increased" not in entities
    assert {"Keith Vaz", "Clare Higgins"} <= set(entities)  # full names in a list are still names


def test_aliases_file_forces_and_forbids_merges():
    aliases, problems = parse_aliases("Gdansk = Danzig  # old name\nAnna Kowalska != Anna Kowalski\nnonsense\n")
    assert problems == ["aliases file, line 3: expected 'Name = Variant, Variant' or 'Name != Name', got 'nonsense'"]
    index = EntityIndex(aliases)
    index.add_period(mentions("Officials met in Gdansk.", "Crowds gathered in Danzig.",
                              "President Anna Kowalska spoke.", "President Anna Kowalski spoke."))
    entities = index.entities()
    assert entities["Danzig"] is entities["Gdansk"] and entities["Danzig"].name == "Gdansk"
    assert entities["Anna Kowalska"] is not entities["Anna Kowalski"]


PARAGRAPH = [
    "Foreign Minister Anna Kowalska spoke in Warsaw on Monday.",
    "“We will not give up on the talks,” she said.",
    "Kowalska and General Jan Novak met later.",
    "“The front line is holding for now,” he said.",
    "“Nobody will sign this plan at all,” said Piotr Novak, the spokesman.",
    "Piotr Novak stated: “Sanctions will be part of any deal.”",
]


def attribute(sentences, paragraphs=None):
    found = [find_mentions(s) for s in sentences]
    people = {m.name for ms in found for m in ms if m.kind == PERSON} | {"Kowalska"}
    return [(i, speaker) for i, _, speaker in
            find_quotes(sentences, paragraphs or [0] * len(sentences), found, lambda n: n in people)]


def test_quotation_attribution_names_the_speaker_and_resolves_pronouns_only_when_clear():
    assert attribute(PARAGRAPH) == [
        (1, "Anna Kowalska"),  # "she" after a sentence naming one person
        (3, None),  # "he" after a sentence naming two people: unclear, never guessed
        (4, "Piotr Novak"),
        (5, "Piotr Novak"),
    ]
    # The speaker is the person next to the speech verb, not another person in the sentence.
    assert attribute(["President Anna Kovalenko revealed during her talks with General Jan Novak, “Our envoys are on their way.”"]) == [
        (0, "Anna Kovalenko")]
    # A pronoun never reaches into another paragraph.
    assert attribute(PARAGRAPH[:2], [0, 1]) == [(1, None)]


def test_the_same_quotation_from_several_sources_is_merged():
    analyser = StemAnalyser("english")
    quotes = [Quote("We will not give up on the talks", "Anna Kowalska", "a", "s1-1", ""),
              Quote("We will never give up on these talks", "Kowalska", "b", "s2-1", ""),
              Quote("We will not give up on the talks", "Piotr Novak", "c", "s3-1", "")]
    canonical = {"Anna Kowalska": "Anna Kowalska", "Kowalska": "Anna Kowalska", "Piotr Novak": "Piotr Novak"}.get
    merged = merge_quotes(quotes, canonical, analyser.content_stems)
    assert [(m.speaker, m.source_count) for m in merged] == [("Anna Kowalska", 2), ("Piotr Novak", 1)]


def test_a_long_list_of_quotations_merges_as_a_short_one_does(monkeypatch):
    """The closeness matrix (a speaker's few quotations) and one comparison per quotation (past
    MAX_QUOTE_MATRIX) give the same entries: fuller wordings, one article's repeats, no speaker."""
    from builder import quotes as quotes_module
    analyser = StemAnalyser("english")
    quotes = [Quote("We will not give up on the talks", "Kowalska", "a", "s1-1", ""),
              Quote("We will not give up on the talks", "Kowalska", "a", "s1-2", ""),  # one article twice
              Quote("We will never give up on these talks with our neighbours", "Kowalska", "b", "s2-1", ""),
              Quote("Talks with our neighbours are what we want", "Kowalska", "c", "s3-1", ""),
              Quote("The border stays closed until further notice", None, "a", "s1-3", ""),
              Quote("the border stays closed until further notice", None, "d", "s4-1", ""),
              Quote("Nothing about the harvest was said today", None, "e", "s5-1", "")]

    def merged():
        return [(m.speaker, m.text, [r.anchor for r in m.reports])
                for m in merge_quotes(quotes, lambda name: name, analyser.content_stems)]

    short = merged()
    monkeypatch.setattr(quotes_module, "MAX_QUOTE_MATRIX", 1)
    assert merged() == short
    assert short == [
        ("Kowalska", "We will never give up on these talks with our neighbours", ["s1-1", "s2-1", "s3-1"]),
        ("Kowalska", "We will not give up on the talks", ["s1-2"]),
        (None, "The border stays closed until further notice", ["s1-3", "s4-1"]),
        (None, "Nothing about the harvest was said today", ["s5-1"])]


# The sample site: spelling variants, entity pages and who said what, as a reader sees them.

def entity_index(site) -> dict[str, str]:
    page = site.page("people/index.html")
    return {li.a.get_text(): li.get_text(" ", strip=True) for li in page.select(".entity-list li")}


@pytest.mark.parametrize("canonical_part,variants", [
    ("Zelensk", ["Selenskyj", "Zelenski"]), ("Pesk", ["Peskow", "Peskov"]), ("Gerasimov", ["Gerassimov"]),
    ("Kreml", ["Kreml"]),
])
def test_sample_spelling_variants_resolve_to_one_entity(sample_site, canonical_part, variants):
    entries = [text for name, text in entity_index(sample_site).items() if canonical_part in name]
    assert len(entries) == 1, entries
    assert all(v in entries[0] for v in variants)
    assert sum(1 for text in entity_index(sample_site).values() if canonical_part in text) == 1


def test_trump_and_putin_are_merged_with_nobody_else(sample_site):
    index = entity_index(sample_site)
    trump = [t for n, t in index.items() if "Trump" in t]
    putin = [t for n, t in index.items() if "Putin" in t]
    assert trump == ["Donald Trump also written as Trump"] and putin == ["Vladimir Putin also written as Putin"]


@pytest.mark.parametrize("slug,words", [
    ("volodymyr-zelenskyy", "We must move toward peace"),
    ("dmitri-peskov", "First, we need more information"),
    ("marco-rubio", "European sanctions will be part of the negotiations"),
])
def test_each_speaker_has_a_quotation_once_with_all_its_sources(sample_site, slug, words):
    page = sample_site.page(f"people/{slug}.html")
    matching = [q for q in page.select(".quotation") if words in q.blockquote.get_text()]
    assert len(matching) == 1
    for link in matching[0].select(".quote-meta a"):
        target, anchor = link["href"].split("#")
        article = sample_site.page("people/" + target if not target.startswith("..") else target[3:])
        sentence = article.find(id=anchor).get_text()
        assert words.split()[-1] in sentence or "peace" in sentence


def test_zelenskyy_quotation_lists_every_source_that_reports_it(sample_site):
    page = sample_site.page("people/volodymyr-zelenskyy.html")
    quote = next(q for q in page.select(".quotation") if "We must move toward peace" in q.blockquote.get_text())
    assert len({a["href"].split("#")[0] for a in quote.select(".quote-meta a")}) == 4


KNOWN_SPEAKERS = {
    "We must move toward peace": "Volodymyr Zelenskyy",
    "The presence of NATO troops": "Sergey Lavrov",
    "European sanctions will be part": "Marco Rubio",
    "Now it is up to Russia": "Annalena Baerbock",
    "Saving the lives of Ukrainian soldiers": "Oleksandr Syrskyj",
    "We are for it, but there are nuances": "Vladimir Putin",
    "First, we need more information": "Dmitri Peskov",
}


def test_no_quotation_is_attributed_to_the_wrong_speaker(sample_site):
    seen = 0
    for slug in ("ceasefire-talks", "kursk-front", "sanctions"):
        for quote in sample_site.page(f"topics/{slug}.html").select(".who-said-what .quotation"):
            text, speaker = quote.blockquote.get_text(), quote.select_one(".speaker").get_text()
            for words, expected in KNOWN_SPEAKERS.items():
                if text.startswith(words):
                    assert speaker == expected, text
                    seen += 1
    assert seen >= 4


def test_entity_page_lists_each_key_point_once(sample_site):
    page = sample_site.page("people/volodymyr-zelenskyy.html")
    texts = [li.get_text(" ", strip=True).split(":", 1)[1] for li in page.select("#h-points + ul > li")]
    assert texts and len(texts) == len(set(texts))
    # Each point cites each of its articles once, however many of its sentences the point holds.
    for item in page.select("#h-points + ul > li"):
        cited = [a["href"].split("#")[0] for a in item.select(".point-sources a")]
        assert cited and len(cited) == len(set(cited)), item.get_text(" ", strip=True)


def test_each_quotation_is_listed_once_with_its_most_sources():
    # Overlapping briefings report a quotation again, with the same or more sources: the entity
    # page keeps the one with the most, the first of equals; compared with every pair, on 300
    # random quotations.
    import datetime as dt
    import random

    from builder.people import _without_repeats
    from builder.quotes import MergedQuote

    rng = random.Random(7)
    quotes = []
    for n in range(300):
        sentences = rng.sample(range(12), rng.randint(1, 3))
        reports = [Quote("text", "Anna Brill", f"a{s}", f"s{s}-1", "sentence") for s in sentences]
        quotes.append((dt.date(2025, 3, 1 + n % 20), MergedQuote(f"quote {n}", "Anna Brill", reports)))
    sets = [{(r.article_id, r.anchor) for r in q.reports} for _, q in quotes]
    expected = sorted((quotes[i] for i in range(len(quotes))
                       if not any(i != j and sets[i] <= sets[j] and (sets[i] != sets[j] or j < i)
                                  for j in range(len(quotes)))),
                      key=lambda item: (item[0], item[1].text), reverse=True)
    kept = _without_repeats(quotes)
    assert kept == expected and 0 < len(kept) < len(quotes)
