"""The plain-text reader (.txt): a raw news article into an ArticleRecord.

The files come from many sources and machine translation: a header block of date lines,
section names and labels may stand before the headline; a dateline may be glued to the first
paragraph; the headline may be missing. Nothing here knows any particular source.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

from sumy.utils import get_stop_words

from ..dates import find_date, foreign_date, is_date_only
from ..records import ArticleRecord
from .base import Draft, finish
from .decoding import decode
from .errors import ReadError
from .lede import DATELINE, DEK_MAX_WORDS

FORMAT = "text"
EXTENSIONS = ("txt",)

TITLE_MAX_WORDS = 25  # a longer line without a full stop is body text, not a headline
SUBHEADING_MAX_WORDS = 10
SUBHEADING_WIDTH_SHARE = 0.6
SUBHEADING_LOOKAHEAD = 50  # lines looked at for the text under a heading (blank lines between)

# A full stop after a lowercase word, then a capital: a second sentence (not "U.S. seeks").
_MULTI_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+[\"“]?[A-Z]")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_LABEL_LINE = re.compile(r"^(?P<label>[A-Za-z][\w .'-]{0,30}?)\s*:\s*(?P<value>\S.*)$")
_BYLINE = re.compile(r"^(?:By|Von|Par|Por)\s+[A-Z][\w.'’-]+(?:\s+[\w.'’-]+){0,5}$")
_SOURCE_LABELS = {"source", "publisher", "publication", "outlet", "quelle", "source name"}
_AUTHOR_LABELS = {"by", "author", "byline", "written by"}
_SECTION_LABELS = {"section", "category", "desk", "rubric", "ressort"}
_STOP_WORDS = get_stop_words("english") | {"amid", "despite", "toward", "towards"}


@dataclass
class _Header:
    """What the lines before the body told us."""

    title: str | None = None
    date: dt.date | None = None
    sections: list[str] = field(default_factory=list)
    byline: str | None = None
    source: str | None = None
    consumed: int = 0  # how many lines the header took


def read(raw: bytes, source_path: str, name: str, default_date: dt.date | None = None) -> list:
    """The reader's entry point: one plain-text file is one article."""
    return [read_article(raw, source_path, default_date, name)]


def read_article(raw: bytes, source_path: str, default_date: dt.date | None = None,
                 name: str | None = None) -> tuple[ArticleRecord, list[str]]:
    """Read one raw article file's bytes into a record, with warnings about what was guessed."""
    warnings: list[str] = []
    text, encoding, warning = decode(raw)
    if warning:
        warnings.append(warning)
    lines = [_clean_line(line) for line in text.splitlines()]
    header = _read_header(lines)
    body_lines = lines[header.consumed:]
    paragraphs, headings = _paragraphs(body_lines)
    if not paragraphs:
        raise ReadError("no article text after the header lines")

    dek = None
    if header.title and len(paragraphs) > 1 and _looks_like_dek(paragraphs[0]) and 1 not in headings:
        dek, paragraphs = paragraphs[0], paragraphs[1:]
        headings = {i - 1: h for i, h in headings.items()}
    draft = Draft(paragraphs=paragraphs, headings=headings, title=header.title, dek=dek, date=header.date,
                  outlet=header.source, byline=header.byline, section=", ".join(header.sections) or None,
                  warnings=warnings)
    return finish(draft, source_path, name or PurePath(source_path).name, FORMAT, default_date,
                  encoding=encoding, date_origin="header")


def _clean_line(line: str) -> str:
    """Normalise white space and Unicode form of one line."""
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\s+", " ", line).strip()


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _read_header(lines: list[str]) -> _Header:
    """Consume the leading short lines: dates, labels, bylines, section names and the headline."""
    header = _Header()
    candidates: list[tuple[int, str]] = []  # short unlabelled lines: headline or section
    index = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if _ends_sentence(line) or _words(line) > TITLE_MAX_WORDS or DATELINE.match(line):
            break
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following[:1].islower():  # a hard-wrapped sentence, not a header line
            break
        label = _LABEL_LINE.match(line)
        found = find_date(line)
        if is_date_only(line) or (label and is_date_only(label.group("value"))):
            if header.date is None and found:
                header.date = found[0]
        elif not found and (foreign := foreign_date(label.group("value") if label else line)):
            header.date = header.date or foreign
        elif label and label.group("label").lower() in _SOURCE_LABELS:
            header.source = label.group("value")
        elif label and label.group("label").lower() in _AUTHOR_LABELS:
            header.byline = label.group("value")
        elif label and label.group("label").lower() in _SECTION_LABELS:
            header.sections.append(label.group("value"))
        elif _BYLINE.match(line):
            header.byline = line
        else:
            candidates.append((index, line))
    else:
        index = len(lines)
    header.consumed = index
    if candidates:
        # The headline is the last substantial short line; earlier ones are section names.
        titled = [c for c in candidates if _words(c[1]) >= 3]
        chosen = titled[-1] if titled else None
        header.title = chosen[1] if chosen else None
        header.sections = [line for i, line in candidates if chosen is None or i != chosen[0]] + header.sections
    return header


def _paragraphs(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Join body lines into paragraphs (a blank line or a finished sentence ends one), and set
    apart subheadings, keyed by the paragraph they stand before."""
    wrap = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    headings: dict[int, str] = {}
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        # A hard-wrapped line continues the paragraph when the previous line stopped mid-sentence.
        if current and (_ends_sentence(current[-1]) or line[0].isupper() and current[-1].endswith(":")):
            paragraphs.append(" ".join(current))
            current = []
        if not current and paragraphs and _is_subheading(line, lines, index + 1, wrap):
            # Without this the heading would be glued to the next sentence: "Front line Troops advanced ...".
            key = len(paragraphs)
            headings[key] = f"{headings[key]} {line}" if key in headings else line
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs, {i: h for i, h in headings.items() if i < len(paragraphs)}


def _is_subheading(line: str, lines: list[str], start: int, wrap: int) -> bool:
    """A short capitalised line with no closing punctuation that starts a block of text."""
    if _ends_sentence(line) or line[-1] in ",;:-–—" or _words(line) > SUBHEADING_MAX_WORDS or not line[0].isupper():
        return False
    if line.split()[-1].lower() in _STOP_WORDS:  # "... said the" is a wrapped line, not a heading
        return False
    after = next((lines[i] for i in range(start, min(len(lines), start + SUBHEADING_LOOKAHEAD)) if lines[i]), "")
    if not after or not (after[0].isupper() or after[0] in "\"“‘'0123456789"):
        return False
    # In a hard-wrapped text a wrapped line nearly fills the width; a heading is much shorter.
    stands_alone = not lines[start] if start < len(lines) else True
    return stands_alone or len(line) < SUBHEADING_WIDTH_SHARE * wrap


def _looks_like_dek(paragraph: str) -> bool:
    """A standfirst: one short sentence or phrase under the headline, not a dateline lede."""
    return (_words(paragraph) <= DEK_MAX_WORDS and not DATELINE.match(paragraph)
            and not _MULTI_SENTENCE.search(paragraph) and find_date(paragraph) is None)
