"""`briefing eval` on a tiny data set whose ROUGE is known by hand."""

from __future__ import annotations

import json

import pytest

from builder.cli import main
from builder.evaluate import all_summarisers, split_reference

SENTENCES = ["Alpha beta gamma delta.", "Epsilon zeta eta theta.", "Iota kappa lambda mu.", "Nu xi omicron pi."]


def make_data(folder):
    (folder / "articles" / "news").mkdir(parents=True)
    (folder / "summaries" / "news").mkdir(parents=True)
    (folder / "articles" / "news" / "001.txt").write_text(
        "Greek letters in order\n\n" + " ".join(SENTENCES[:2]) + "\n\n" + " ".join(SENTENCES[2:]) + "\n")
    # Reference sentences are glued with no space, as in the BBC set.
    (folder / "summaries" / "news" / "001.txt").write_text(SENTENCES[0] + SENTENCES[1])
    (folder / "index.csv").write_text(
        "id,category,title,article,summary\n"
        "news/001,news,Greek letters in order,articles/news/001.txt,summaries/news/001.txt\n")
    return folder


def test_eval_scores_a_fixture_with_known_rouge(tmp_path, capsys):
    data = make_data(tmp_path / "data")
    out = tmp_path / "eval.json"
    code = main(["eval", str(data), "--summarisers", "lead,briefing", "--json", str(out), "--jobs", "1",
                 "-s", str(tmp_path / "no-settings.py")])
    assert code == 0
    table = capsys.readouterr().out
    assert "lead" in table and "R2" in table and "* default summariser (briefing)" in table
    results = json.loads(out.read_text())
    assert results["default"] == "briefing" and results["articles"] == 1
    lead = results["results"]["lead"]
    # At the reference's length Lead-2 is the reference itself.
    assert lead["reference"]["r1"] == lead["reference"]["r2"] == lead["reference"]["rlsum"] == 100.0
    # At 25% Lead-1 is "alpha beta gamma delta": R1 P=4/4 R=4/8 -> 66.67; R2 P=3/3 R=3/7 -> 60.0;
    # ROUGE-Lsum matches all of the first reference sentence -> 66.67.
    assert lead["ratio"]["r1"] == pytest.approx(66.67, abs=0.01)
    assert lead["ratio"]["r2"] == pytest.approx(60.0, abs=0.01)
    assert lead["ratio"]["rlsum"] == pytest.approx(66.67, abs=0.01)
    assert set(lead["reference"]) == {"r1", "r2", "rlsum", "seconds_per_article"}
    assert set(results["readability"]["dev"]["lead"]) == {"dangling", "quotation_fragments", "debris", "duplicate_pairs"}


def test_eval_offers_every_summariser_and_refuses_unknown_ones(tmp_path, capsys):
    assert all_summarisers()[:2] == ["briefing", "lead"] and {"text-rank", "lex-rank", "reduction"} <= set(all_summarisers())
    assert "random" not in all_summarisers()
    assert main(["eval", str(make_data(tmp_path / "d")), "--summarisers", "magic"]) == 2
    assert "unknown summariser" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "missing")]) == 2
    assert "index.csv" in capsys.readouterr().err


def test_reference_split_minds_quotes_and_abbreviations():
    article = ('Profits rose to $42.09bn. "We are pleased," he said. "Sales were strong." '
               "Officials in the U.S. Treasury agreed. Shares rose.")
    glued = 'Profits rose to $42.09bn."We are pleased," he said."Sales were strong."Officials in the U.S. Treasury agreed.'
    assert split_reference(glued, article) == [
        "Profits rose to $42.09bn.", '"We are pleased," he said.', '"Sales were strong."',
        "Officials in the U.S. Treasury agreed."]
