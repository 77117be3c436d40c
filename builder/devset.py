"""The labelled development set: real stories, their settings, and every sentence's labels.

A story is a folder (see docs/labelling.md): `settings.py` with its BRIEFING_* settings,
`content/` with its articles, `labels.json` with one entry per sentence as Briefing splits it.
Labels are matched to sentences by file and text, so a change in sentence splitting shows up as
unmatched labels instead of silently shifted ones.
"""

from __future__ import annotations

import json
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from .config import BriefingConfig, load_config
from .prepare import prepare_bytes
from .records import PreparedArticle, Problem

DEFAULT_DEVSET = Path("devset")
LABELS = "labels.json"


class DevsetError(Exception):
    """A story folder cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class SentenceLabel:
    """What a labeller said about one sentence."""

    topics: tuple[str, ...]
    development: str | None
    framing: bool


@dataclass
class Story:
    """One story of the development set: settings, articles and the labels of their sentences."""

    name: str
    folder: Path
    config: BriefingConfig
    articles: list[PreparedArticle]
    labels: dict[tuple[str, str], SentenceLabel]  # (file name, sentence text) -> label
    developments: dict[str, str]
    problems: list[str] = field(default_factory=list)

    def label(self, article: PreparedArticle, text: str) -> SentenceLabel | None:
        """The label of one sentence of an article, if it was labelled."""
        return self.labels.get((Path(article.record.source_path).name, text))


def story_folders(root: Path) -> list[Path]:
    """The story folders under a development-set folder (or the folder itself if it is one)."""
    if (root / "settings.py").exists():
        return [root]
    folders = sorted(p for p in root.iterdir() if (p / "settings.py").exists()) if root.is_dir() else []
    if not folders:
        raise DevsetError(f"{root}: no story folder (a folder with settings.py and content/) found")
    return folders


def load_settings(folder: Path) -> BriefingConfig:
    """The story's validated Briefing settings."""
    values = runpy.run_path(str(folder / "settings.py"))
    return load_config({k: v for k, v in values.items() if k.startswith("BRIEFING_")})


def read_articles(folder: Path, config: BriefingConfig) -> tuple[list[PreparedArticle], list[str]]:
    """Every article of the story, read and summarised as a build would; problems as messages."""
    articles, problems = [], []
    for path in sorted((folder / "content").iterdir()):
        if path.name.startswith("."):
            continue
        for result in prepare_bytes(path.read_bytes(), str(path), config, path.name):
            if isinstance(result, Problem):
                problems.append(f"{result.label}: {result.message}")
            else:
                articles.append(result)
    return articles, problems


def load_story(folder: Path) -> Story:
    """A story with its labels; a sentence with no label is reported, not guessed."""
    config = load_settings(folder)
    articles, problems = read_articles(folder, config)
    data = _read_labels(folder)
    labels = {}
    for file_name, entry in data.get("articles", {}).items():
        for sentence in entry.get("sentences", []):
            if sentence.get("topics") is None:
                continue  # not labelled yet
            labels[(file_name, sentence["text"])] = SentenceLabel(
                tuple(sentence["topics"]), sentence.get("development"), bool(sentence.get("framing")))
    story = Story(folder.name, folder, config, articles, labels, data.get("developments", {}), problems)
    missing = sum(1 for a in articles for s in a.sentences if story.label(a, s.text) is None)
    if missing:
        story.problems.append(f"{folder / LABELS}: {missing} sentences have no label "
                              f"(run `briefing eval template {folder}`)")
    return story


def _read_labels(folder: Path) -> dict:
    path = folder / LABELS
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DevsetError(f"{path}: not valid JSON ({error})") from error


def write_template(folder: Path) -> tuple[int, int]:
    """Write labels.json with every sentence as Briefing splits it, keeping existing labels;
    returns how many sentences there are and how many still need a label."""
    config = load_settings(folder)
    articles, problems = read_articles(folder, config)
    if problems:
        raise DevsetError("; ".join(problems))
    old = _read_labels(folder)
    known = {(name, s["text"]): s for name, entry in old.get("articles", {}).items()
             for s in entry.get("sentences", [])}
    out: dict = {"story": old.get("story", folder.name), "developments": old.get("developments", {}),
                 "articles": {}}
    todo = 0
    for article in articles:
        name = Path(article.record.source_path).name
        rows = []
        for sentence in article.sentences:
            before = known.get((name, sentence.text), {})
            topics = before.get("topics")
            todo += topics is None
            rows.append({"anchor": sentence.anchor, "text": sentence.text, "topics": topics,
                         "development": before.get("development"), "framing": before.get("framing", False)})
        out["articles"][name] = {"outlet": article.record.outlet, "date": article.record.date.isoformat(),
                                 "title": article.record.title, "sentences": rows}
    (folder / LABELS).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(len(a.sentences) for a in articles), todo
