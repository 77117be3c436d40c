"""Files as they really are on a disk: encodings, duplicates, clashing names, links, hidden
files, dates in the future. Each does what a careful user expects, with one warning naming it."""

from __future__ import annotations

import logging
import os


from conftest import make_site

ARTICLE = ("Harbour Board Approves New Quay\n\nFebruary 4, 2025\n\n"
           "The harbour board on Tuesday approved a new deep-water quay at the eastern breakwater. "
           "Construction is due to start in the spring and will take two years.\n\n"
           "The board's chair said the quay would let larger container ships call at the port. "
           "Local fishermen said they had not been consulted.\n")
UKRAINIAN = ("Уряд схвалив нові мита на сталь\n\nFebruary 4, 2025\n\n"
             "Уряд у вівторок схвалив нові мита на імпорт сталі. Міністр торгівлі заявила, що рішення "
             "захистить вітчизняних виробників.\n\n"
             "Експерти попереджають, що ціни на будівельні матеріали можуть зрости. Наступного тижня "
             "відбудуться консультації з партнерами.\n")


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_utf16_with_bom_is_read(tmp_path):
    site = make_site(tmp_path, {"quay.txt": b"\xff\xfe" + ARTICLE.encode("utf-16-le")}, samples=False)
    page = site.page("articles/quay.html")
    assert page.h1.get_text() == "Harbour Board Approves New Quay"
    assert "deep-water quay" in page.get_text()


def test_windows_1251_is_detected_never_mojibake(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"uk.txt": UKRAINIAN.encode("cp1251")}, samples=False)
    page = site.page("articles/uk.html")
    assert page.h1.get_text() == "Уряд схвалив нові мита на сталь"
    assert "Міністр торгівлі" in page.get_text()
    assert "Ð" not in page.get_text() and "Ñ" not in page.get_text()
    [warning] = [w for w in warnings_of(caplog) if "uk.txt" in w]
    assert "Windows-1251" in warning


def test_identical_files_are_published_once_with_a_warning_naming_both(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"quay.txt": ARTICLE.encode(), "quay copy.txt": ARTICLE.encode()}, samples=False)
    assert len(list((site.output / "articles").glob("*.html"))) == 1
    [warning] = [w for w in warnings_of(caplog) if "published once" in w]
    assert "content/quay.txt" in warning and "content/quay copy.txt" in warning


def test_names_that_slug_alike_get_distinct_pages(tmp_path, caplog):
    other = ("Fishermen Protest Quay Plan\n\nFebruary 4, 2025\n\nAbout two hundred fishermen marched through "
             "the old town on Tuesday against plans for a container terminal. They said dredging would ruin the "
             "shellfish beds their families have worked for generations.\n")
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"r20 Same Name.txt": ARTICLE.encode(), "r20-same-name.txt": other.encode()},
                         samples=False)
    titles = {p.name: site.page(f"articles/{p.name}").h1.get_text() for p in (site.output / "articles").glob("*.html")}
    assert sorted(titles.values()) == ["Fishermen Protest Quay Plan", "Harbour Board Approves New Quay"]
    assert len(titles) == 2 and "r20-same-name.html" in titles
    [warning] = [w for w in warnings_of(caplog) if "page name" in w]
    assert "r20-same-name" in warning


def test_a_folder_link_back_into_content_is_never_walked(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "desk").mkdir(parents=True)
    (content / "desk" / "quay.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("..", content / "desk" / "loop")
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, samples=False)
    assert site.report.articles == 1
    assert sorted(p.name for p in (site.output / "articles").glob("*.html")) == ["desk-quay.html"]


def test_a_link_to_a_file_outside_content_is_not_followed(tmp_path, caplog):
    outside = tmp_path / "private.txt"
    outside.write_text(ARTICLE.replace("Harbour Board", "Secret Board"), encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    os.symlink(outside, content / "linked.txt")
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"quay.txt": ARTICLE.encode()}, samples=False)
    assert not (site.output / "articles" / "linked.html").exists()
    assert "Secret Board" not in (site.output / "index.html").read_text(encoding="utf-8")
    [warning] = [w for w in warnings_of(caplog) if "linked.txt" in w]
    assert "outside content/" in warning


def test_hidden_files_and_folders_are_ignored(tmp_path, caplog):
    content = tmp_path / "content"
    (content / ".drafts").mkdir(parents=True)
    (content / ".drafts" / "draft.txt").write_text(ARTICLE.replace("Harbour", "Draft"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"quay.txt": ARTICLE.encode(), ".draft.txt": ARTICLE.replace("Harbour", "Hidden").encode()},
                         samples=False)
    assert sorted(p.name for p in (site.output / "articles").glob("*.html")) == ["quay.html"]
    assert warnings_of(caplog) == []


def test_an_article_dated_in_the_future_is_named_and_not_published(tmp_path, caplog):
    future = ARTICLE.replace("February 4, 2025", "March 3, 2031").replace("Harbour Board", "Future Board")
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"quay.txt": ARTICLE.encode(), "future.txt": future.encode()}, samples=False)
    assert not (site.output / "articles" / "future.html").exists()
    assert "14 March 2025" not in site.page("index.html").h1.get_text()
    [warning] = [w for w in warnings_of(caplog) if "future.txt" in w]
    assert "2031-03-03" in warning and "days after today" in warning and "skipped" in warning


def test_a_file_of_no_known_format_is_named(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"quay.txt": ARTICLE.encode(), "notes.docx": b"PK\x03\x04"}, samples=False)
    assert site.report.articles == 1
    [warning] = [w for w in warnings_of(caplog) if "notes.docx" in w]
    assert "no reader for .docx" in warning
