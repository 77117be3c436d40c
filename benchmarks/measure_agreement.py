"""How much two labellers agree on the development set: the ceiling for `briefing eval`.

Each story has the first labeller's `labels.json` and a second labeller's `labels-second.json`,
made blind (the second never saw the first's labels or notes) from the same sentences and the
same guidelines (docs/labelling.md). The first is taken as the reference, exactly as
`briefing eval` takes it:
- topics: precision, recall and F1 per topic of the second against the first, and macro-F1;
- developments: over pairs of sentences of different articles within one briefing period
  (as the digest sees them), whether both labellers put them in one development;
- framing: precision, recall and F1.

    .venv/bin/python benchmarks/measure_agreement.py [devset/]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import devset  # noqa: E402
from builder.devset_eval import Tally  # noqa: E402


def sentences(path: Path) -> dict[tuple[str, str], dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(name, s["text"]): {**s, "date": entry["date"]} for name, entry in data["articles"].items()
            for s in entry["sentences"]}


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "devset"
    macro = []
    print("| story / topic | second labeller against the first: P / R / F1 |\n|---|---|")
    pair_rows, framing_rows = [], []
    for folder in devset.story_folders(root):
        first, second = sentences(folder / "labels.json"), sentences(folder / "labels-second.json")
        assert first.keys() == second.keys(), f"{folder}: the two label files list different sentences"
        config = devset.load_settings(folder)
        for topic in config.topics:
            tally = Tally()
            for key in first:
                tally.add(topic.slug in second[key]["topics"], topic.slug in first[key]["topics"])
            macro.append(tally.f1)
            print(f"| {folder.name}/{topic.slug} | {tally.precision:.2f} / {tally.recall:.2f} / {tally.f1:.2f} |")
        pairs, framing = Tally(), Tally()
        for key in first:
            framing.add(second[key]["framing"], first[key]["framing"])
        days = config.period_days
        for a, b in combinations(sorted(first), 2):
            if a[0] == b[0]:
                continue
            gap = abs((dt.date.fromisoformat(first[a]["date"]) - dt.date.fromisoformat(first[b]["date"])).days)
            if gap >= days:
                continue  # never in one briefing together
            same_first = first[a]["development"] is not None and first[a]["development"] == first[b]["development"]
            same_second = second[a]["development"] is not None and second[a]["development"] == second[b]["development"]
            pairs.add(same_second, same_first)
        pair_rows.append((folder.name, pairs))
        framing_rows.append((folder.name, framing))
    print(f"| **macro-F1** | **{sum(macro) / len(macro):.3f}** |\n")
    print("| story | same-development pairs: P / R / F1 | framing: P / R / F1 |\n|---|---|---|")
    for (name, pairs), (_, framing) in zip(pair_rows, framing_rows):
        print(f"| {name} | {pairs.precision:.2f} / {pairs.recall:.2f} / **{pairs.f1:.2f}** "
              f"| {framing.precision:.2f} / {framing.recall:.2f} / {framing.f1:.2f} |")


if __name__ == "__main__":
    main()
