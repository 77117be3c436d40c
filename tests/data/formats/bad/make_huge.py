"""Write a huge but syntactically valid news page, for tests of size limits.

The file is generated on demand rather than committed: tests call
``make_huge_page(tmp_path / "huge.html")`` to get a page of about 12 MB whose
article body is made of many *distinct* paragraphs (each one carries its own
numbers, so de-duplication cannot shrink it).

Run as a script to write one by hand:  python make_huge.py /tmp/huge.html 12
"""
from __future__ import annotations

import sys
from pathlib import Path

_SUBJECTS = [
    "Arvania's trade ministry", "Castelmar's economy ministry", "Redcliff Steel", "Siderúrgica Atlântica",
    "the Arvanian Farmers' Union", "Halden Motors", "the United Metalworkers of Arvania", "port officials in Sarel",
    "analysts at Westbrook Capital", "the Trade Remedies Authority",
]
_VERBS = ["said", "estimated", "reported", "told reporters", "warned", "calculated", "confirmed", "argued"]
_OBJECTS = [
    "that steel shipments through terminal {a} had fallen by {b}% in week {c}",
    "that contract {a} for {b},000 tonnes of plate would be renegotiated before day {c} of the dispute",
    "that {a} workers on shift {c} could be moved to short-time working, saving ${b}m",
    "that wheat cargo number {a} worth ${b}m had been diverted to a third port on day {c}",
    "that the tariff would add ${b} to the cost of product line {a} from quarter {c}",
    "that talks on annex {a} had covered {b} tariff lines in session {c}",
]

HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>The steel dispute, day by day: every shipment, every statement | Harbour Times</title>
<meta property="og:title" content="The steel dispute, day by day: every shipment, every statement">
<meta property="og:site_name" content="Harbour Times">
<meta property="og:url" content="https://www.harbourtimes.example/business/2025/feb/05/steel-dispute-day-by-day">
<meta property="article:published_time" content="2025-02-05T18:00:00Z">
</head>
<body>
<main>
<article>
<h1>The steel dispute, day by day: every shipment, every statement</h1>
<p class="byline">By Maria Okonjo</p>
<time datetime="2025-02-05T18:00:00Z">Wed 5 Feb 2025 18.00 GMT</time>
"""
TAIL = """</article>
</main>
<footer><p>© 2025 Harbour Times Media Group Ltd. All rights reserved.</p></footer>
</body>
</html>
"""


def paragraph(n: int) -> str:
    """The n-th paragraph: distinct for every n (it names n and numbers derived from it)."""
    subject = _SUBJECTS[n % len(_SUBJECTS)]
    verb = _VERBS[(n // len(_SUBJECTS)) % len(_VERBS)]
    obj = _OBJECTS[(n // 7) % len(_OBJECTS)].format(a=n, b=(n * 37) % 900 + 10, c=(n * 13) % 365 + 1)
    second = (f"Update {n}: the figure was revised from {(n * 7) % 100 + 1}% to {(n * 11) % 100 + 1}% "
              f"after officials rechecked records for lot {n * 3 + 1}.")
    return f"<p>On entry {n}, {subject} {verb} {obj}. {second}</p>\n"


def make_huge_page(path, megabytes: float = 12) -> Path:
    """Write a valid HTML news page of at least ``megabytes`` MB (UTF-8) to ``path``; return the path."""
    path = Path(path)
    target = int(megabytes * 1024 * 1024)
    size = len(HEAD.encode("utf-8")) + len(TAIL.encode("utf-8"))
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEAD)
        while size < target:
            p = paragraph(n)
            out.write(p)
            size += len(p.encode("utf-8"))
            n += 1
        out.write(TAIL)
    return path


if __name__ == "__main__":
    dest = sys.argv[1] if len(sys.argv) > 1 else "huge.html"
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 12
    print(make_huge_page(dest, mb))
