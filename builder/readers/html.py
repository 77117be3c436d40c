"""The saved-web-page reader (.html, .htm): the article's own text and its metadata.

Extraction is trafilatura's (main text without navigation, banners, share buttons, comments,
related links or captions; title, date, site name, author and URL from meta tags, JSON-LD and
the visible byline). `benchmarks/bench_extract.py` measures it on real news pages. The page
is decoded here (byte-order mark, declared charset, UTF-8, detection) so that a page in an
unexpected encoding is read right or refused, never published as mojibake.
"""

from __future__ import annotations

import datetime as dt
import re

import trafilatura

from ..dates import parse_date
from .base import Draft, finish
from .blocks import SENTENCE_END, blocks, word_count
from .decoding import decode
from .errors import ReadError

FORMAT = "web page"
EXTENSIONS = ("html", "htm")
# The largest of Mozilla Readability's 130 test pages is 1.6 MB (yahoo-2). Extraction time grows
# with the page (measured here: 2 MB 1.1 s, 7 MB 5.0 s), so a page over 4 MB is refused.
MAX_PAGE_BYTES = 4 * 1024 * 1024
# Below this many words the extracted text is a teaser, a sign-in wall or a section front, not
# an article: the shortest of the 1,810 BBC articles in shared/eval/bbc has 89 words, and a
# paywall prompt with its teaser paragraph (tests/data/formats/bad/login.html) has 45.
MIN_ARTICLE_WORDS = 60
# A line above the text this short, with no full stop, is page furniture. Measured on the 1,810
# BBC articles of shared/eval/bbc: 8 open with such a line, and 7 of them are furniture too (a
# venue, "Saturday 20 November"); the eighth is a one-line result under the headline.
FURNITURE_WORDS = 8
_CLOSED = re.compile(rb"</(?:html|body)\s*>\s*(?:<!--.*?-->\s*)*\Z", re.I | re.S)


def read(raw: bytes, source_path: str, name: str, default_date: dt.date | None = None) -> list:
    """One saved page is one article."""
    if len(raw) > MAX_PAGE_BYTES:
        raise ReadError(f"the page is {len(raw) / 2**20:.1f} MB; pages over {MAX_PAGE_BYTES // 2**20} MB are not read")
    text, encoding, warning = decode(raw, markup=True)
    warnings = [warning] if warning else []
    if not _CLOSED.search(raw[-4096:].rstrip()):
        warnings.append("the HTML is cut off or malformed (it does not end with </html>): check that its text is complete")
    document = _extract(text)
    if document is None or not (document.text or "").strip():
        raise ReadError("no article text found on the page (a section front, an index or a sign-in page?)")
    paragraphs, headings = _drop_furniture(*blocks(document.body))
    words = sum(word_count(p) for p in paragraphs)
    if words < MIN_ARTICLE_WORDS:
        raise ReadError(f"only {words} words of article text on the page (a teaser, a sign-in wall or a section front?)")
    draft = Draft(
        paragraphs=paragraphs,
        headings=headings,
        title=document.title,
        dek=document.description,
        date=parse_date(document.date) if document.date else None,
        outlet=document.sitename,
        byline=document.author,
        url=document.url,
        warnings=warnings,
    )
    return [finish(draft, source_path, name, FORMAT, default_date, encoding=encoding)]


def _drop_furniture(paragraphs: list[str], headings: dict[int, str]) -> tuple[list[str], dict[int, str]]:
    """Drop the short lines above the text that pages put there: a date, a section, "941 comments"."""
    drop = 0
    while drop < len(paragraphs) - 1 and (drop == 0 or drop not in headings) and _furniture(paragraphs[drop]):
        drop += 1
    if not drop:
        return paragraphs, headings
    return paragraphs[drop:], {i - drop: h for i, h in headings.items() if i >= drop}


def _furniture(line: str) -> bool:
    return word_count(line) < FURNITURE_WORDS and not SENTENCE_END.search(line)


def _extract(text: str):
    """trafilatura's main text and metadata, or None; its parser errors become a ReadError."""
    try:
        return trafilatura.bare_extraction(
            # favor_recall measured best on Readability's news pages (benchmarks/bench_extract.py):
            # F1 0.954 against 0.938 by default and 0.935 with favor_precision, and faster.
            text, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            favor_recall=True,
            include_links=True, output_format="python",  # links are kept only to tell link lists from text
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise ReadError(f"the HTML could not be parsed ({type(error).__name__}: {error})") from None
