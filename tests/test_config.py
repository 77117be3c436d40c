"""Settings: declared once, validated in one pass that reports every problem."""

from __future__ import annotations

import pytest

from builder.config import OPTIONS, ConfigError, describe_options, load_config
from conftest import REPO


def test_defaults_are_valid():
    config = load_config({})
    assert config.algorithm == "briefing" and config.topics == ()


def test_every_problem_is_reported_at_once():
    with pytest.raises(ConfigError) as error:
        load_config({
            "BRIEFING_ALGORITHM": "magic",
            "BRIEFING_SUMMARY_LENGTH": "lots",
            "BRIEFING_TOPICS": [{"name": "A", "terms": []}, {"name": "A", "terms": ["x"]}],
            "BRIEFING_PERIOD_DAYS": 0,
            "BRIEFING_TYPO": 1,
        })
    message = str(error.value)
    for expected in ("BRIEFING_ALGORITHM", "BRIEFING_SUMMARY_LENGTH", "needs 'terms'", "same slug",
                     "BRIEFING_PERIOD_DAYS", "BRIEFING_TYPO is not a Briefing setting"):
        assert expected in message


def test_topics_come_from_settings():
    config = load_config({"BRIEFING_TOPICS": [{"name": "Rail strike", "description": "d", "terms": ["rail", "strike"]}]})
    assert config.topics[0].slug == "rail-strike" and config.topics[0].terms == ("rail", "strike")


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for option in OPTIONS:
        assert option.key in readme, f"{option.key} is missing from README.md"
    assert all(option.doc for option in OPTIONS)
    assert "BRIEFING_ALGORITHM" in describe_options()
