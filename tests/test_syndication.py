"""Syndicated copies: literal stories and the copies a republishing site makes of them."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

from builder import syndication
from builder.syndication import Copy, fingerprint, syndicated_groups, words

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2025, 2, 3)

STRIKE = """Dock workers at the port of Velmora walked off the job on Monday, halting the loading of grain ships for the first time in a decade as a dispute over night-shift pay came to a head.

The Harbour Workers Union said about 2,400 of its members had joined the stoppage, which is due to last 48 hours. Queues of lorries stretched several kilometres along the coast road by mid-morning, and two container vessels were diverted to the smaller port of Sarel.

"We have been patient for eighteen months, and patience has not put food on anyone's table," said union leader Marta Ilves, speaking to reporters outside the main gate.

The port authority said it had offered a 4% rise spread over two years and accused the union of refusing to negotiate. A spokesman said the strike would cost exporters about $15m a day and urged both sides to return to talks under the national mediator.

Grain traders warned that a long dispute could delay shipments promised to buyers in North Africa before the end of the month, when the new harvest begins to arrive at the terminals.

The transport minister, Helena Marsh, said she was following the situation closely but would not intervene while talks were still possible. The union has threatened a week-long strike in March if no agreement is reached."""

# The same subject a day later, a different story: it repeats the union leader's words.
FOLLOW_UP = """Talks to end the strike at Velmora's port collapsed on Tuesday evening after the national mediator failed to bring the two sides into the same room.

Port managers said they would bring in temporary staff from inland depots to clear the backlog of grain, a move the union described as provocative and possibly unlawful.

Marta Ilves repeated the words she used at the start of the walkout: "We have been patient for eighteen months, and patience has not put food on anyone's table."

Shipping agents said at least eleven vessels were now waiting at anchor outside the breakwater. Several insurers have begun asking owners whether cargoes can be rerouted through Sarel or further north.

Farmers' groups, whose members depend on the port for most of their exports, called on the government to appoint an independent arbitrator before the dispute spreads to the rail freight yards."""

BUDGET = """The finance ministry has cut its growth forecast for this year to 1.2%, blaming weaker demand from the country's main trading partners and a slowdown in construction.

Officials said the revised figure, down from 1.9% in the autumn budget, would leave a gap of about $400m in public finances unless spending was trimmed or taxes raised.

The finance minister told parliament that pensions and health spending would be protected, but that several road and rail projects could be delayed by up to two years.

Opposition parties accused the government of hiding the scale of the problem until after the regional elections. Business groups said the forecast was realistic and called for lower payroll taxes to encourage hiring.

The central bank, which meets next week, is expected to keep interest rates unchanged at 3.5%."""

BOILERPLATE = ("Subscribe to the Harbour Times for unlimited access to our journalism, the morning "
               "newsletter and the daily puzzles. Already a subscriber? Sign in to keep reading, or "
               "manage your account and newsletter preferences on the settings page.")


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def copy(id_: str, text: str, days: int = 0) -> Copy:
    return Copy(id_, DAY + dt.timedelta(days=days), text)


def test_identical_texts_are_one_group():
    assert syndicated_groups([copy("a", STRIKE), copy("b", STRIKE, 1)]) == [("a", "b")]


def test_wire_copy_with_a_new_headline_and_a_trimmed_ending_is_grouped():
    wire = "\n\n".join(["Velmora dockers strike over night pay", *paragraphs(STRIKE)[:4],
                        "This story was originally published by Northern Wire."])
    assert syndicated_groups([copy("wire", STRIKE), copy("courier", wire, 1)]) == [("courier", "wire")]


def test_words_are_normalised_before_shingling():
    typeset = "Zelensky\u02bcs \u201cPeace\u201d plan \u2014 the \ufb01nal draft, \uff12\uff10\uff12\uff15"
    assert words(typeset) == words("zelensky's \"peace\" plan - the final draft, 2025") \
        == ["zelensky", "s", "peace", "plan", "the", "final", "draft", "2025"]


def test_typography_case_and_paragraph_breaks_do_not_matter():
    typeset = (STRIKE.replace('"We', "\u201cWe").replace('table,"', "table,\u201d").replace("'", "\u2019")
               .replace("fi", "\ufb01").replace("\n\n", " ", 2).replace(". ", ".\n\n", 3))
    restyled = typeset.upper()[:len(typeset) // 2] + typeset[len(typeset) // 2:]
    assert syndicated_groups([copy("a", STRIKE), copy("b", restyled)]) == [("a", "b")]


def test_a_copy_with_a_few_words_edited_is_grouped():
    edited = (STRIKE.replace("said about", "told reporters about").replace("on Monday", "on Mon., Feb. 3")
              .replace("$15m", "15 million dollars").replace("would not intervene", "will not intervene"))
    assert syndicated_groups([copy("a", STRIKE), copy("b", edited, 2)]) == [("a", "b")]


def test_different_stories_sharing_a_quoted_sentence_are_not_grouped():
    assert syndicated_groups([copy("strike", STRIKE), copy("talks", FOLLOW_UP, 1)]) == []


def test_a_follow_up_reusing_background_paragraphs_is_not_a_copy():
    follow_up = "\n\n".join([*paragraphs(FOLLOW_UP)[:2], paragraphs(STRIKE)[1], paragraphs(STRIKE)[4]])
    assert syndicated_groups([copy("strike", STRIKE), copy("talks", follow_up, 1)]) == []


def test_templated_reports_with_other_figures_are_not_grouped():
    report = ("Shares in company {n} rose sharply on Monday after it reported record sales. Analysts said "
              "demand for its products grew strongly in region {n}. The board will meet next week to discuss "
              "a dividend, and employees welcomed the news.")
    assert syndicated_groups([copy("17", report.format(n=17)), copy("18", report.format(n=18))]) == []


def test_a_boilerplate_paragraph_on_every_page_does_not_group_the_pages():
    pages = [copy(name, f"{text}\n\n{BOILERPLATE}") for name, text in
             (("strike", STRIKE), ("talks", FOLLOW_UP), ("budget", BUDGET))]
    assert syndicated_groups(pages) == []


def test_a_teaser_of_the_lead_paragraph_is_the_same_story():
    assert syndicated_groups([copy("feed", paragraphs(STRIKE)[0]), copy("page", STRIKE)]) == [("feed", "page")]


def test_a_feed_footer_does_not_count_against_a_teaser():
    footer = "The post Port talks collapse in Velmora as the strike goes on appeared first on Harbour Times."
    teaser = f"{paragraphs(FOLLOW_UP)[0]}\n\n{footer}"
    assert syndicated_groups([copy("feed", teaser), copy("page", FOLLOW_UP)]) == [("feed", "page")]


def test_a_short_piece_quoting_one_paragraph_of_a_long_one_is_not_a_copy():
    piece = f"Exporters have their own view of the dispute.\n\n{paragraphs(STRIKE)[3]}"
    assert syndicated_groups([copy("piece", piece), copy("strike", STRIKE)]) == []


def test_a_round_up_of_two_stories_does_not_chain_them():
    round_up = f"{FOLLOW_UP}\n\n{STRIKE}"  # contains both; the two share only a quotation
    groups = syndicated_groups([copy("talks", FOLLOW_UP), copy("strike", STRIKE), copy("round-up", round_up)])
    assert len(groups) == 1 and not {"talks", "strike"} <= set(groups[0])


def test_copies_further_apart_than_the_window_are_not_grouped():
    assert syndicated_groups([copy("a", STRIKE), copy("b", STRIKE, 4)], window_days=3) == []


def test_copies_exactly_the_window_apart_are_grouped():
    assert syndicated_groups([copy("a", STRIKE), copy("b", STRIKE, 3)], window_days=3) == [("a", "b")]


def test_the_result_does_not_depend_on_input_order():
    wire = "\n\n".join(paragraphs(STRIKE)[:4])
    copies = [copy("strike", STRIKE), copy("wire", wire, 1), copy("talks", FOLLOW_UP, 1),
              copy("budget", BUDGET, 2), copy("budget-again", BUDGET, 3), copy("teaser", paragraphs(STRIKE)[0]),
              copy("budget-later", BUDGET, 9), copy("budget-last", BUDGET, 10)]
    expected = syndicated_groups(copies)
    assert expected == [("budget", "budget-again"), ("budget-last", "budget-later"), ("strike", "teaser", "wire")]
    for seed in range(5):
        shuffled = copies[:]
        random.Random(seed).shuffle(shuffled)
        assert syndicated_groups(shuffled) == expected


def test_fingerprints_are_the_same_in_every_process():
    script = ("from builder.syndication import fingerprint; import sys; "
              "sys.stdout.write(repr(fingerprint(sys.stdin.read()).ordered))")
    runs = {subprocess.run([sys.executable, "-c", script], input=STRIKE, capture_output=True, text=True, check=True,
                           cwd=REPO, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert runs == {repr(fingerprint(STRIKE).ordered)}


def test_a_huge_text_keeps_a_capped_sample_and_is_still_matched():
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(500)]
    huge = " ".join(rng.choice(vocabulary) for _ in range(200_000))
    assert len(fingerprint(huge).hashes) == syndication.SKETCH_CAP
    trimmed = huge[:int(len(huge) * 0.95)]
    groups = syndicated_groups([copy("huge", huge), copy("trimmed", trimmed, 1), copy("strike", STRIKE)])
    assert groups == [("huge", "trimmed")]


def test_texts_too_short_to_be_a_story_are_never_grouped():
    caption = "Photograph: Luis Andrade/Reuters. Dock workers outside the main gate."
    assert syndicated_groups([copy("a", caption), copy("b", caption)]) == []


def test_empty_texts_are_never_grouped():
    copies = [copy("empty", ""), copy("blank", " \n\n \n"), copy("a", STRIKE), copy("b", STRIKE)]
    assert syndicated_groups(copies) == [("a", "b")]
    assert syndicated_groups([]) == []



class DictStore(dict):
    """The get/put store the catalogue passes, kept in memory."""

    def put(self, key, value):
        self[key] = value


def test_a_store_keeps_each_days_pairs_and_only_a_changed_window_is_compared_again(monkeypatch):
    wire = "\n\n".join(paragraphs(STRIKE)[:4])
    copies = [copy("strike", STRIKE), copy("wire", wire, 1), copy("talks", FOLLOW_UP, 1),
              copy("budget", BUDGET, 2), copy("budget-again", BUDGET, 3), copy("teaser", paragraphs(STRIKE)[0]),
              copy("budget-later", BUDGET, 9), copy("budget-last", BUDGET, 10)]
    store = DictStore()
    expected = [("budget", "budget-again"), ("budget-last", "budget-later"), ("strike", "teaser", "wire")]
    assert syndicated_groups(copies, store=store) == expected
    sketched = []
    monkeypatch.setattr(syndication, "fingerprint", lambda text: sketched.append(text) or fingerprint(text))
    assert syndicated_groups(copies, store=store) == expected
    assert sketched == []  # nothing changed: no text is compared again
    changed = [c if c.id != "budget-last" else copy("budget-last", FOLLOW_UP, 10) for c in copies]
    assert syndicated_groups(changed, store=store) == [("budget", "budget-again"), ("strike", "teaser", "wire")]
    assert sorted(sketched) == sorted([BUDGET, FOLLOW_UP])  # the changed day's window only
    assert syndicated_groups(changed) == syndicated_groups(changed, store=store)


def test_what_the_catalogue_sets_on_an_article_is_in_its_hash(tmp_path):
    # An article's hash is its cache entry plus the fields set after it was prepared
    # (records.ORIGIN_LATER): a syndicated copy and a taken page name change only those, and each
    # change gives another hash.
    import dataclasses

    from builder.catalogue import catalogue
    from builder.config import load_config
    from builder.digest_cache import article_hash
    from builder.prepare import ArticleCache, prepare_files
    from builder.records import ORIGIN_LATER

    content = tmp_path / "content"
    (content / "more").mkdir(parents=True)
    files = {"strike.txt": f"Outlet: Harbour Times\nDock Strike Halts Grain\n\n3 February 2025\n\n{STRIKE}\n",
             "wire.txt": f"Outlet: Coast Wire\nDock Strike Halts Grain Ships\n\n3 February 2025\n\n{STRIKE}\n",
             "budget.txt": f"Growth Forecast Cut\n\n3 February 2025\n\n{BUDGET}\n",
             "more/budget.txt": f"Growth Forecast Cut Again\n\n4 February 2025\n\n{BUDGET.replace('1.2%', '1.1%')}\n"}
    paths = []
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
        paths.append((str(content / name), name, name))
    config = load_config({})
    prepared = prepare_files(paths, config, ArticleCache(tmp_path / "cache"))
    found = catalogue([("text", prepared[p]) for p, _, _ in paths], 3)
    before = {a.record.id: a for results in prepared.values() for a in results}
    changed = 0
    for article in found.articles:
        original = before[article.record.id]
        differ = {f.name for f in dataclasses.fields(article.record)
                  if getattr(article.record, f.name) != getattr(original.record, f.name)}
        assert differ <= set(ORIGIN_LATER), differ
        assert article.sentences == original.sentences and article.origin == original.origin != ""
        if differ:
            changed += 1
            assert article_hash(article) != article_hash(original)
    assert changed == 2  # the copy carried by another outlet, and the second "budget" page name
