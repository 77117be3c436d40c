"""Bytes to text: byte-order marks, a declared charset, UTF-8, then detection.

Text files on a real disk come in many encodings: Windows "Unicode" (UTF-16 with a BOM),
legacy code pages (Windows-1252 for Western European text, Windows-1251 for Cyrillic), and
pages that declare their charset in a meta tag. A wrong guess publishes mojibake, so a file
whose encoding cannot be told with confidence is refused rather than guessed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from .errors import ReadError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# Western European single-byte encodings agree on letters; read them all as Windows-1252,
# which also has the curly quotes and the euro sign that ISO-8859-1 lacks.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp850", "mac_roman"}
NAMES = {"cp1252": "Windows-1252", "cp1251": "Windows-1251", "utf_16": "UTF-16", "utf_32": "UTF-32",
         "koi8_r": "KOI8-R", "koi8_u": "KOI8-U", "iso8859_5": "ISO-8859-5", "cp1250": "Windows-1250",
         "iso8859_2": "ISO-8859-2", "mac_cyrillic": "Mac Cyrillic"}
# Measured with charset-normalizer 3 on text a few paragraphs long: a correct guess has a
# chaos (mess) ratio of 0-0.05; mojibake decodings score 0.2 and more.
MAX_CHAOS = 0.1
TIE = 0.02  # chaos ratios this close are a tie between encodings
SNIFF_BYTES = 4096  # a meta charset or XML declaration must come early in the file


def decode(raw: bytes, markup: bool = False) -> tuple[str, str, str | None]:
    """Text, the encoding used, and a warning when it had to be detected rather than known."""
    if not raw.strip():
        raise ReadError("the file is empty")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding), encoding.replace("-sig", ""), None
    if b"\x00" in raw[:8192]:
        raise ReadError("the file is binary, not text")
    declared = _declared(raw) if markup else None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        # Valid UTF-8 with accented letters is almost never a legacy code page: trust the bytes.
        mismatch = declared not in (None, "utf-8", "ascii") and not text.isascii()
        return text, "utf-8", f"declares {declared} but is UTF-8; read as UTF-8" if mismatch else None
    if declared and declared != "utf-8":
        try:
            return raw.decode(declared), declared, f"read as {NAMES.get(declared.replace('-', '_'), declared)}, as the page declares"
        except (LookupError, UnicodeDecodeError):
            pass  # a false declaration: detect, and say so below
    return _detect(raw)


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
                        f"(byte {error.start})") from None


def _declared(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:SNIFF_BYTES])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(raw: bytes) -> tuple[str, str, str]:
    """Detect a legacy encoding with charset-normalizer; refuse to guess when it is unsure."""
    results = list(from_bytes(raw))
    best = min(results, key=lambda r: r.chaos, default=None)
    if best is None or best.chaos > MAX_CHAOS:
        raise ReadError("not UTF-8, and its encoding cannot be told with confidence; save it as UTF-8")
    encoding = best.encoding
    # On a short text several code pages decode without a fault ("£" is "Ł" in Windows-1250);
    # Windows-1252 is by far the most common of them, so it wins a tie.
    if encoding in _WESTERN or any(r.encoding in _WESTERN and r.chaos <= best.chaos + TIE for r in results):
        encoding = "cp1252"
    text = raw.decode(encoding, errors="strict" if encoding != "cp1252" else "replace")
    if _control_share(text) > 0.01:
        raise ReadError("the file is binary, not text")
    name = NAMES.get(encoding, encoding)
    hint = ", check its accented letters" if encoding == "cp1252" else ""
    return text, encoding, f"not valid UTF-8; read as {name} ({encoding}){hint}"


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls / max(1, len(text)) if controls > 2 else 0.0
