"""Reading raw articles: literal inputs, one behaviour each."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.readers.decoding import decode
from builder.readers.errors import ReadError
from builder.readers.lede import derive_title
from builder.readers.text import read_article


def read(text: str, **kwargs):
    record, warnings = read_article(text.encode("utf-8"), "content/x.txt", **kwargs)
    return record, warnings


def test_header_block_before_headline_and_dek():
    record, warnings = read(
        "Today : Jan 5, 2024\nBusiness\n5 January 2024\n\nFactory Output Falls For Third Month\n\n"
        "Manufacturers cut jobs as orders dry up; economists expect more pain.\n\n"
        "Output fell again in December. Orders were weak.\n"
    )
    assert record.title == "Factory Output Falls For Third Month"
    assert record.date == dt.date(2024, 1, 5) and record.date_origin == "header"
    assert record.section == "Business"
    assert record.dek == "Manufacturers cut jobs as orders dry up; economists expect more pain."
    assert record.paragraphs == ("Output fell again in December. Orders were weak.",)
    assert warnings == []


def test_dateline_glued_to_first_paragraph():
    record, _ = read("Council Approves Budget\nJune 2, 2023 - The council approved the budget. It was late.\nMore followed.\n")
    assert record.title == "Council Approves Budget"
    assert record.dateline == "June 2, 2023"
    assert record.date == dt.date(2023, 6, 2)
    assert record.paragraphs[0] == "The council approved the budget. It was late."
    assert record.dek is None


def test_place_and_agency_dateline():
    record, _ = read("Port Reopens\n\nKYIV, March 3 (Reuters) - The port reopened on 3 March 2022. Ships left.\n")
    assert record.dateline == "KYIV, March 3 (Reuters)"
    assert record.paragraphs[0].startswith("The port reopened")


def test_no_headline_title_is_derived_from_text_and_date_from_first_sentence():
    record, _ = read("On April 9, 2024, the city council voted to close the old bridge, citing safety reports. It reopens in May.\n")
    assert record.title_derived
    assert record.title == "The city council voted to close the old bridge"
    assert record.date == dt.date(2024, 4, 9) and record.date_origin == "text"


def test_derived_title_never_ends_on_a_function_word():
    title = derive_title(["Developments surrounding the long awaited reform of the pension system between the "
                          "two coalition parties concerning the retirement age escalated sharply today."])
    assert title.endswith("…")
    assert title.split()[-1].rstrip("…") not in {"the", "of", "between", "concerning"}
    assert len(title.split()) <= 16


def test_hard_wrapped_lines_join_into_one_paragraph():
    record, _ = read("Rail Strike Ends\n\nOn 1 May 2024, drivers agreed a deal after\nweeks of talks with the operator.\n\nTrains run again.\n")
    assert record.paragraphs == ("On 1 May 2024, drivers agreed a deal after weeks of talks with the operator.", "Trains run again.")


def test_byline_and_source_labels_are_metadata_not_text():
    record, _ = read("Source: Daily Planet\nBy Lois Lane\nHeat Wave Hits City\n\nOn 1 July 2024, temperatures rose. Parks filled.\n")
    assert record.outlet == "Daily Planet" and record.byline == "By Lois Lane"
    assert record.title == "Heat Wave Hits City"
    assert all("Lois" not in p for p in record.paragraphs)


def test_default_date_warns_and_missing_date_fails():
    text = "Quiet Day\n\nNothing happened in the town. People slept.\n"
    record, warnings = read(text, default_date=dt.date(2020, 1, 1))
    assert record.date == dt.date(2020, 1, 1) and len(warnings) == 1
    with pytest.raises(ReadError, match="no publication date"):
        read(text)


def test_decode_rejects_empty_and_binary_and_reads_cp1252():
    with pytest.raises(ReadError, match="empty"):
        decode(b"  \n")
    with pytest.raises(ReadError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    text, encoding, warning = decode("The caf\xe9 sold tea for £5 on Monday, and coffee for more.".encode("cp1252"))
    assert (text, encoding) == ("The café sold tea for £5 on Monday, and coffee for more.", "cp1252")
    assert "Windows-1252" in warning


def test_file_name_gives_id_and_slug():
    record, _ = read_article(b"Title Words Here\n\nOn 1 May 2024, it rained. Then it stopped.\n", "content/My Story_01.txt")
    assert record.id == "My Story_01" and record.slug == "my-story-01"


def test_subheadings_are_set_apart_not_glued_to_the_next_sentence():
    record, _ = read(
        "Talks Resume In The Capital\nMarch 3, 2025\n\n"
        "Delegations met for the first time in a month and agreed to keep talking next week.\n\n"
        "Front line\nTroops advanced near the border on Tuesday, officials said.\n\n"
        "Sanctions\n\n"
        "The union agreed new\nsanctions on oil exports. Ministers signed them.\n"
    )
    assert record.paragraphs == (
        "Delegations met for the first time in a month and agreed to keep talking next week.",
        "Troops advanced near the border on Tuesday, officials said.",
        "The union agreed new sanctions on oil exports. Ministers signed them.",
    )
    assert record.headings == ((1, "Front line"), (2, "Sanctions"))


def test_wrapped_first_line_of_a_paragraph_is_not_a_subheading():
    record, _ = read(
        "Talks Resume In The Capital\nMarch 3, 2025\n\n"
        "Delegations met for the first time in a month and agreed to keep talking.\n\n"
        "Officials from both governments said the\nPresident would attend the next round.\n"
    )
    assert record.headings == ()
    assert record.paragraphs[-1] == "Officials from both governments said the President would attend the next round."


def test_a_date_line_in_another_language_is_read():
    record, _ = read("Уряд схвалив мита\n\n4 лютого 2025\n\nУряд у вівторок схвалив нові мита. Міністр заявила про це.\n")
    assert record.date.isoformat() == "2025-02-04"
    assert record.title == "Уряд схвалив мита"


def test_a_page_declaring_a_legacy_charset_but_saved_as_utf8_is_read_as_utf8():
    text, encoding, warning = decode('<meta charset="iso-8859-1"><p>Caf\u00e9 Central</p>'.encode("utf-8"), markup=True)
    assert "Café Central" in text and encoding == "utf-8" and "declares iso8859-1 but is UTF-8" in warning


def test_a_page_in_a_declared_legacy_charset_is_read_by_it_with_a_note():
    text, encoding, warning = decode('<meta charset="windows-1251"><p>Мита на сталь</p>'.encode("cp1251"), markup=True)
    assert "Мита на сталь" in text and encoding == "cp1251" and "as the page declares" in warning
