"""The labelled development set and `briefing eval topics` / `briefing eval digest` on it."""

from __future__ import annotations

import re
from pathlib import Path

from builder import devset
from builder.cli import main

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "devset"


def test_the_development_set_is_real_news_from_many_outlets_every_sentence_labelled():
    stories = [devset.load_story(folder) for folder in devset.story_folders(DEVSET)]
    assert len(stories) >= 2 and all(len(s.config.topics) == 3 for s in stories)
    articles = [a for s in stories for a in s.articles]
    assert len(articles) >= 40
    assert len({a.record.outlet for a in articles}) >= 15
    assert all(a.record.url and a.record.url.startswith("http") for a in articles)
    for story in stories:
        assert not story.problems, story.problems  # every sentence has a label
        slugs = {t.slug for t in story.config.topics}
        assert all(set(label.topics) <= slugs for label in story.labels.values())
        assert all(label.development in story.developments for label in story.labels.values() if label.development)


def test_eval_topics_prints_each_topic_and_the_baselines(capsys):
    assert main(["eval", "topics", str(DEVSET)]) == 0
    out = capsys.readouterr().out
    for method in ("briefing", "keywords", "article topic"):
        assert method in out
    for story in devset.story_folders(DEVSET):
        for topic in devset.load_settings(story).topics:
            assert f"| {story.name}/{topic.slug} |" in out
    macro = re.search(r"macro-F1, all topics\*\* \| \*\*([0-9.]+)\*\* \| \*\*([0-9.]+)\*\* \| \*\*([0-9.]+)\*\*", out)
    briefing, words, keywords = map(float, macro.groups())
    assert briefing > keywords  # meaning and context beat the bare keyword matcher


def test_eval_digest_prints_clustering_coverage_and_front_page(capsys, tmp_path):
    out_json = tmp_path / "digest.json"
    assert main(["eval", "digest", str(DEVSET), "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "cross-source pairs of shown sentences" in out and "front page" in out
    import json

    data = json.loads(out_json.read_text())
    assert 0 < data["pairs"]["precision"] <= 1 and 0 < data["coverage_mean"] <= 1
    assert data["front_reached"] <= data["front_developments"]


def test_template_keeps_labels_and_lists_new_sentences(tmp_path):
    story = tmp_path / "story"
    (story / "content").mkdir(parents=True)
    (story / "settings.py").write_text('BRIEFING_TOPICS = [{"name": "Harbour", "terms": ["harbour"]}]\n')
    (story / "content" / "a.md").write_text("Title: A\nDate: 2024-05-01\nOutlet: Port News\nURL: https://example.org/a\n\n"
                                           "Dock workers began a harbour strike over pay on Monday. The union said it would last a week.\n")
    assert devset.write_template(story) == (2, 2)
    import json

    data = json.loads((story / "labels.json").read_text())
    data["articles"]["a.md"]["sentences"][0]["topics"] = ["harbour"]
    (story / "labels.json").write_text(json.dumps(data))
    assert devset.write_template(story) == (2, 1)
    assert devset.load_story(story).problems == [f"{story / 'labels.json'}: 1 sentences have no label "
                                                 f"(run `briefing eval template {story}`)"]
