"""The five samples, with the site's own topics (pelicanconf.py): labelled to check the samples'
promises, never to choose a value."""

import runpy
from pathlib import Path

_SITE = runpy.run_path(str(Path(__file__).resolve().parents[3] / "pelicanconf.py"))
BRIEFING_TOPICS = _SITE["BRIEFING_TOPICS"]
BRIEFING_PERIOD_DAYS = 3
