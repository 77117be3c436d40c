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


def test_aliases_file_is_checked_with_the_settings(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_config({"BRIEFING_ALIASES": str(tmp_path / "missing.txt")})
    assert "BRIEFING_ALIASES" in str(error.value) and "missing.txt" in str(error.value)
    bad = tmp_path / "aliases.txt"
    bad.write_text("Gdansk = Danzig\nonly one name\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config({"BRIEFING_ALIASES": str(bad)})
    assert "aliases.txt, line 2" in str(error.value)
    good = tmp_path / "good.txt"
    good.write_text("# corrections\nGdansk = Danzig\nAnna Kowalska != Anna Kowalski\n", encoding="utf-8")
    assert load_config({"BRIEFING_ALIASES": str(good)}).aliases == str(good)


def test_aliases_file_changes_the_people_pages(tmp_path):
    from conftest import make_site

    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Kremlin != Kreml\n", encoding="utf-8")
    site = make_site(tmp_path, extra=f"BRIEFING_ALIASES = {str(aliases)!r}")
    names = [li.a.get_text() for li in site.page("people/index.html").select(".entity-list li")]
    assert "Kremlin" in names
    assert not any("Kreml" in li.get_text() and "also written as" in li.get_text()
                   for li in site.page("people/index.html").select(".entity-list li") if li.a.get_text() == "Kremlin")
