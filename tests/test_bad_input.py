"""Bad files: each gives one clear warning naming it; the others still build; --strict fails."""

from __future__ import annotations

import logging

import pytest

from builder.build import StrictError
from builder.cli import main
from conftest import make_site, write_settings

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "nosentences.txt": (b"World News\n\nMarch 13 2025\n\nUkraine Russia Kursk\n", "no "),
}
CP1252 = "Prices rise\n\nOn 2 March 2005, the pound (£) fell against the euro. Traders were surprised by the caf\xe9 figures.\n".encode("cp1252")


def test_each_bad_file_gets_one_warning_and_the_rest_build(tmp_path, caplog):
    files = {name: data for name, (data, _) in BAD_FILES.items()}
    files["cp1252.txt"] = CP1252
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, files)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    for name, (_, words) in BAD_FILES.items():
        mine = [w for w in warnings if name in w]
        assert len(mine) == 1, (name, warnings)
        assert words in mine[0] and "skipped" in mine[0]
    cp = [w for w in warnings if "cp1252.txt" in w]
    assert len(cp) == 1 and "Windows-1252" in cp[0]
    assert len(warnings) == 4, warnings
    # The five samples and the cp1252 article are on the site; the bad files are not.
    archive = site.page("archives.html")
    assert len(archive.select("dl.archive dd a")) == 6
    cp_page = site.page("articles/cp1252.html")
    assert "£" in cp_page.get_text() and "café" in cp_page.get_text()
    assert sorted(site.report.skipped) == sorted(f"content/{n}" for n in BAD_FILES)


def test_strict_build_fails_and_leaves_output_alone(tmp_path):
    make_site(tmp_path)
    index = (tmp_path / "output/index.html").read_bytes()
    with pytest.raises(StrictError):
        make_site(tmp_path, {"empty.txt": b""}, strict=True)
    assert (tmp_path / "output/index.html").read_bytes() == index
    assert not list(tmp_path.glob(".output-building-*"))


def test_strict_on_the_command_line_exits_1(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "empty.txt").write_bytes(b"")
    (content / "ok.txt").write_bytes(b"A headline here\n\nOn 3 March 2025, the council met in the town hall. It voted twice.\n")
    settings = write_settings(tmp_path)
    assert main(["build", "-s", str(settings), "--strict", "-q"]) == 1
    err = capsys.readouterr().err
    assert "content/empty.txt: the file is empty; skipped" in err
    assert "Traceback" not in err
    assert main(["build", "-s", str(settings), "-q"]) == 0
    assert (tmp_path / "output/articles/ok.html").exists()


def test_missing_date_without_default_is_skipped_with_reason(tmp_path, caplog):
    undated = b"A headline here\n\nThe council met in the town hall. It voted twice.\n"
    with caplog.at_level(logging.WARNING):
        make_site(tmp_path, {"undated.txt": undated}, samples=False)
    assert any("undated.txt" in r.getMessage() and "BRIEFING_DEFAULT_DATE" in r.getMessage() for r in caplog.records)


def test_default_date_is_used_with_a_warning(tmp_path, caplog):
    undated = b"A headline here\n\nThe council met in the town hall. It voted twice.\n"
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"undated.txt": undated}, samples=False, extra="BRIEFING_DEFAULT_DATE = '2025-01-02'")
    messages = [r.getMessage() for r in caplog.records if "undated.txt" in r.getMessage()]
    assert len(messages) == 1 and "2025-01-02" in messages[0]
    assert site.page("articles/undated.html").select_one(".meta time")["datetime"] == "2025-01-02"


HUGE_PARAGRAPH = "Officials counted {n} fishing boats in the harbour on Monday, and said more would come. "


@pytest.mark.parametrize("name, body, words", [
    ("long-document.txt", "\n\n".join(HUGE_PARAGRAPH.format(n=n) * 3 for n in range(40_000)), "characters of text"),
    ("one-paragraph.txt", "".join(HUGE_PARAGRAPH.format(n=n) for n in range(100_000)), "characters of text"),
    ("long-line.txt", "word " * 10_000 + "and then the end of it. Officials said so on Monday.", None),
])
def test_huge_articles_are_bounded_with_a_warning_and_the_rest_builds(tmp_path, caplog, name, body, words):
    """A 10 MB document, 100,000 sentences in one paragraph, a 50,000-character line: each is
    cut or read within bounds (benchmarks time it; a test only asserts what a reader gets)."""
    text = f"A Very Long Report\n\nMarch 3, 2025\n\n{body}\n"
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {name: text.encode()})
    mine = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and name in r.getMessage()]
    if words:
        assert len(mine) == 1 and words in mine[0] and "published" in mine[0]
    page = site.page(f"articles/{name.removesuffix('.txt')}.html")
    assert page.select(".summary li")  # it has a summary
    assert len(page.get_text()) < 300_000  # and a page a browser can open
    assert site.report.articles == 6
    for summary in page.select(".summary .summary-text"):
        assert len(summary.get_text().split()) <= 250  # no "sentence" of thousands of words


def test_a_damaged_cache_entry_is_prepared_again(tmp_path):
    first = make_site(tmp_path)
    entries = sorted((tmp_path / ".briefing-cache").glob("??/*.pickle"))
    assert len(entries) == 5
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:40])  # cut short, as by a full disk
    again = make_site(tmp_path)
    assert (again.report.summarised, again.report.from_cache) == (2, 3)
    assert again.files() == first.files()
