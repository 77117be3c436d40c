"""The briefing command: help, errors as one line, exit codes, atomic publishing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from builder.build import BuildError, build, publish
from builder.cli import main
from conftest import REPO, make_site, write_settings


def test_help_lists_commands_and_examples(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--strict" in out and "examples:" in out


def test_console_script_is_installed():
    result = subprocess.run([str(REPO / ".venv/bin/briefing"), "--help"], capture_output=True, text=True)
    if result.returncode != 0 and not (REPO / ".venv/bin/briefing").exists():
        pytest.skip("not installed in .venv (run make test)")
    assert "build" in result.stdout


def test_bad_settings_give_one_message_and_exit_2(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    settings = write_settings(tmp_path, "BRIEFING_ALGORITHM = 'magic'\nBRIEFING_PERIOD_DAYS = -1")
    assert main(["build", "-s", str(settings)]) == 2
    err = capsys.readouterr().err
    assert "BRIEFING_ALGORITHM" in err and "BRIEFING_PERIOD_DAYS" in err and "Traceback" not in err


def test_missing_settings_file_or_content_folder(tmp_path, capsys):
    assert main(["build", "-s", str(tmp_path / "nope.py")]) == 1
    assert "settings file not found" in capsys.readouterr().err
    settings = write_settings(tmp_path)
    assert main(["build", "-s", str(settings)]) == 1
    assert "content folder not found" in capsys.readouterr().err


def test_settings_command_lists_every_setting(capsys):
    assert main(["settings"]) == 0
    assert "BRIEFING_TOPICS" in capsys.readouterr().out


def test_failed_build_leaves_published_site_whole(tmp_path):
    site = make_site(tmp_path)
    before = site.files()
    broken_theme = tmp_path / "theme/templates"
    broken_theme.mkdir(parents=True)
    (broken_theme / "briefing.html").write_text("{{ page_briefing.no_such_thing() }}")
    settings = write_settings(tmp_path, f"THEME = {str(tmp_path / 'theme')!r}")
    with pytest.raises(BuildError):
        build(settings)
    assert site.files() == before
    assert not list(tmp_path.glob(".output-building-*"))


def test_publish_swaps_whole_folders(tmp_path):
    old, new = tmp_path / "output", tmp_path / "staging"
    old.mkdir(); new.mkdir()
    (old / "a.html").write_text("old")
    (new / "b.html").write_text("new")
    publish(new, old)
    assert sorted(p.name for p in old.iterdir()) == ["b.html"]
    assert not new.exists()


def test_build_killed_midway_leaves_published_site_whole(tmp_path):
    import os
    import signal
    import time

    site = make_site(tmp_path)
    before = site.files()
    content = tmp_path / "content"
    for n in range(300):  # enough new articles that the build is still running when killed
        (content / f"extra{n:03d}.txt").write_text(
            f"Market Report {n}\n\nOn {1 + n % 28} February 2025, shares in company {n} rose sharply. "
            f"Analysts said demand for its products grew in region {n}. The board met to discuss a dividend. "
            f"Employees welcomed the news.\n", encoding="utf-8")
    settings = write_settings(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "builder.cli", "build", "-s", str(settings), "-q"],
                               cwd=tmp_path, start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".output-building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert site.files() == before  # the published site is untouched
    # The next build clears the abandoned staging folder and publishes everything.
    report = build(settings)
    assert report.articles == 305
    assert not list(tmp_path.glob(".output-building-*"))
