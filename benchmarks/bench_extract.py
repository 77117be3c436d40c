"""Web-page extraction benchmark: bare trafilatura (several settings) against Briefing's HTML reader.

The pages are Mozilla Readability's test pages (test/test-pages in github.com/mozilla/readability,
Apache-2.0): each folder holds a saved web page (source.html), the article Readability extracts
from it (expected.html) and its metadata (expected-metadata.json). They are read in place from
--pages and never copied into the project.

What is measured, per page and then averaged over the pages of a set:

- text: precision, recall and F1 of the extracted article text against the text of
  expected.html, over lowercased \\w+ word tokens counted with multiplicity (bag of words), and
  the share of pages with F1 >= 0.9;
- title: exact match and "contained either way" match, after normalising whitespace and case;
- author: the expected byline contains the extracted author or the other way round (pages with
  an expected byline only);
- date: the same calendar day as publishedTime, as the page wrote it (pages with a
  publishedTime only);
- site: the site name contained either way (pages with an expected siteName only);
- ms per page: wall time of one extraction. One untimed pass of the reference settings over all
  pages first warms the process (lazy imports, compiled patterns); then every extractor starts
  from empty lru caches (they are keyed partly by page text, so a second run over the same pages
  would hit them) and one untimed warm-up page.

Two sets: "all" pages, and "news": the pages of news outlets and magazines (NEWS_PAGES).

    .venv/bin/python benchmarks/bench_extract.py --pages DIR [--json FILE] [--set news|all]
        [--default-date YYYY-MM-DD]

Briefing reads with load_config({}) unless --default-date is given: a page without a
publication date is then refused (and scores zero), as it would be in a build. After the tables
come the news pages (all pages with --set all) where Briefing scores notably lower than bare
trafilatura with the reference settings, with what differs, and why Briefing refused the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import lxml.html
import trafilatura

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_PAGES = REPO.parent / "shared" / "eval" / "readability"

# Article pages of news outlets and magazines. Left out: the synthetic test cases (001,
# basic-tags-cleaning, rtl-1, ...), nytimes-5 (a section front page, not an article), lwn-1 (a
# whole weekly edition), blogs, wikis, product and documentation pages, and trade or niche
# sites (iab-1, spiceworks, wordpress, wikia).
NEWS_PAGES = (
    "aktualne",  # Aktuálně.cz
    "ars-1",  # Ars Technica
    "article-author-tag",  # Atlas Obscura
    "bbc-1",  # BBC News
    "breitbart",  # Breitbart
    "bug-1255978",  # The Independent
    "buzzfeed-1",  # BuzzFeed News
    "citylab-1",  # CityLab
    "cnet",  # CNET
    "cnet-svg-classes",  # CNET en Español
    "cnn",  # CNNMoney
    "engadget",  # Engadget
    "folha",  # Folha de S.Paulo
    "gmw",  # Guangming Online
    "guardian-1",  # The Guardian
    "heise",  # heise online (Mac & i)
    "herald-sun-1",  # Herald Sun
    "keep-images",  # Backchannel (on Medium)
    "la-nacion",  # La Nación
    "lazy-image-2",  # Kotaku
    "lemonde-1",  # Le Monde
    "liberation-1",  # Libération
    "medicalnewstoday",  # Medical News Today
    "msn",  # Business Insider on MSN
    "nytimes-1",  # The New York Times
    "nytimes-2",
    "nytimes-3",
    "nytimes-4",
    "qq",  # Tencent News
    "quanta-1",  # Quanta Magazine
    "salon-1",  # Salon
    "schema-org-context-object",  # NBC News
    "seattletimes-1",  # The Seattle Times
    "telegraph",  # The Telegraph
    "theverge",  # The Verge
    "tmz-1",  # TMZ
    "videos-1",  # Vox
    "videos-2",  # Libération
    "wapo-1",  # The Washington Post
    "wapo-2",
    "webmd-1",  # WebMD News
    "yahoo-1",  # Yahoo Finance
    "yahoo-2",  # Yahoo News (AP)
    "yahoo-3",  # Yahoo (Good Morning America)
    "yahoo-4",  # Yahoo! News Japan (CNET Japan)
    "youth",  # China Youth Network
)

# Bare trafilatura settings to compare; "trafilatura" is the reference configuration.
BASE_OPTIONS = {"with_metadata": True, "include_comments": False, "include_tables": False, "output_format": "python"}
VARIANTS = {
    "trafilatura": {},
    "traf precision": {"favor_precision": True},
    "traf recall": {"favor_recall": True},
    "traf tables": {"include_tables": True},
    "traf recall+tables": {"favor_recall": True, "include_tables": True},
}
BASELINE = "trafilatura"

# Packages whose functools caches are emptied before each extractor runs.
CACHED_PACKAGES = {"builder", "trafilatura", "htmldate", "justext", "courlan", "charset_normalizer"}

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "td", "th", "caption", "blockquote", "pre", "section", "article", "header",
    "footer", "figure", "figcaption", "aside", "hr", "nav", "main", "details", "summary",
}  # fmt: skip


@dataclass(frozen=True)
class Page:
    """One test page: its raw source, the expected article text and the expected metadata."""

    name: str
    path: Path
    raw: bytes
    expected_text: str
    meta: dict


@dataclass(frozen=True)
class Extraction:
    """What one extractor found on one page (empty strings where it found nothing)."""

    text: str = ""
    title: str = ""
    author: str = ""
    date: str = ""  # ISO calendar day, or ""
    site: str = ""
    problem: str = ""


@dataclass
class PageScore:
    """The scores of one extractor on one page; None where the page has no expected value."""

    page: str
    precision: float
    recall: float
    f1: float
    title_exact: bool
    title_contained: bool
    author: bool | None
    date: bool | None
    site: bool | None
    ms: float
    problem: str = ""
    found: dict = field(default_factory=dict)


def html_text(markup: str) -> str:
    """The visible text of an HTML fragment, with a line break around every block element."""
    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for element in root.iter("script", "style", "noscript"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def tokens(text: str) -> Counter:
    """Lowercased \\w+ word tokens, counted."""
    return Counter(re.findall(r"\w+", text.lower()))


def text_scores(found: str, expected: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of `found` against `expected`."""
    got, want = tokens(found), tokens(expected)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def norm(value: object) -> str:
    """Whitespace collapsed and case folded."""
    return " ".join(str(value or "").split()).casefold()


def contained(found: object, expected: object) -> bool:
    """Either normalised string contains the other (both non-empty)."""
    a, b = norm(found), norm(expected)
    return bool(a and b) and (a in b or b in a)


def same_day(found: str, expected: str) -> bool:
    """The found ISO day equals the calendar day publishedTime was written with."""
    return bool(found) and found[:10] == expected.strip()[:10]


def load_page(folder: Path) -> Page:
    """Read one test-page folder."""
    expected = (folder / "expected.html").read_text(encoding="utf-8")
    meta_file = folder / "expected-metadata.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    raw = (folder / "source.html").read_bytes()
    return Page(folder.name, folder / "source.html", raw, html_text(expected), meta)


def load_pages(root: Path) -> list[Page]:
    """Every folder of `root` that has a source.html and an expected.html, by name."""
    folders = sorted(p.parent for p in root.glob("*/source.html") if (p.parent / "expected.html").exists())
    return [load_page(folder) for folder in folders]


def trafilatura_extractor(options: dict) -> Callable[[Page], Extraction]:
    """An extractor running trafilatura.bare_extraction with BASE_OPTIONS updated by `options`."""
    settings = {**BASE_OPTIONS, **options}

    def extract(page: Page) -> Extraction:
        document = trafilatura.bare_extraction(page.raw.decode("utf-8"), **settings)
        if document is None:
            return Extraction(problem="no extraction")
        return Extraction(
            text=document.text or "",
            title=document.title or "",
            author=document.author or "",
            date=document.date or "",
            site=document.sitename or "",
        )

    return extract


def briefing_extractor(default_date: dt.date | None = None) -> Callable[[Page], Extraction] | None:
    """An extractor running Briefing's reader, or None when builder.readers does not import."""
    try:
        from builder.config import load_config
        from builder.readers import read_bytes
    except ImportError as error:
        print(f"briefing: n/a ({error})", file=sys.stderr)
        return None
    config = load_config({"BRIEFING_DEFAULT_DATE": default_date} if default_date else {})

    def extract(page: Page) -> Extraction:
        items = read_bytes(page.raw, str(page.path), config)
        records = [record for record in map(item_record, items) if record is not None]
        if not records:
            problems = [getattr(item, "message", None) or getattr(item, "problem", None) for item in items]
            return Extraction(problem="; ".join(str(p) for p in problems if p) or "no record")
        return record_extraction(records[0])

    return extract


def item_record(item):
    """The ArticleRecord of one read item ((record, warnings) or an object with .record), or None."""
    if isinstance(item, tuple):
        return item[0]
    return getattr(item, "record", None)


def record_extraction(record) -> Extraction:
    """An ArticleRecord as an Extraction: dek, headings and paragraphs make the text."""
    parts = [record.dek or ""] + [text for _, text in record.headings] + list(record.paragraphs)
    day = record.date.isoformat() if isinstance(record.date, dt.date) else str(record.date or "")
    return Extraction(
        text="\n".join(p for p in parts if p),
        title=record.title or "",
        author=getattr(record, "byline", None) or "",
        date=day,
        site=getattr(record, "outlet", None) or "",
    )


def score_page(page: Page, found: Extraction, ms: float) -> PageScore:
    """Score one extraction against the page's expected text and metadata."""
    meta = page.meta
    precision, recall, f1 = text_scores(found.text, page.expected_text)
    return PageScore(
        page=page.name,
        precision=precision,
        recall=recall,
        f1=f1,
        title_exact=bool(norm(found.title)) and norm(found.title) == norm(meta.get("title")),
        title_contained=contained(found.title, meta.get("title")),
        author=contained(found.author, meta["byline"]) if meta.get("byline") else None,
        date=same_day(found.date, meta["publishedTime"]) if meta.get("publishedTime") else None,
        site=contained(found.site, meta["siteName"]) if meta.get("siteName") else None,
        ms=ms,
        problem=found.problem,
        found={"title": found.title, "author": found.author, "date": found.date, "site": found.site},
    )


def clear_caches() -> None:
    """Empty the lru caches of the extraction libraries and of Briefing."""
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in CACHED_PACKAGES:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()


def run(extract: Callable[[Page], Extraction], pages: list[Page]) -> list[PageScore]:
    """Score `extract` on every page, timed from cold caches after one untimed warm-up page."""
    clear_caches()
    safe_extract(extract, pages[0])
    scores = []
    for page in pages:
        started = time.perf_counter()
        found = safe_extract(extract, page)
        scores.append(score_page(page, found, 1000 * (time.perf_counter() - started)))
    return scores


def safe_extract(extract: Callable[[Page], Extraction], page: Page) -> Extraction:
    """Run one extraction; an exception becomes an empty extraction naming it."""
    try:
        return extract(page)
    except Exception as error:  # noqa: BLE001 — a crash on one page is a result, not a stop
        return Extraction(problem=f"{type(error).__name__}: {error}")


def ratio(flags: list[bool | None]) -> dict:
    """Correct / pages with an expected value."""
    known = [f for f in flags if f is not None]
    return {"correct": sum(known), "pages": len(known)}


def summarise(scores: list[PageScore]) -> dict:
    """Means and counts over the pages of one set."""
    n = len(scores)
    return {
        "pages": n,
        "precision": sum(s.precision for s in scores) / n,
        "recall": sum(s.recall for s in scores) / n,
        "f1": sum(s.f1 for s in scores) / n,
        "f1_at_least_0.9": sum(s.f1 >= 0.9 for s in scores) / n,
        "title_exact": ratio([s.title_exact for s in scores]),
        "title_contained": ratio([s.title_contained for s in scores]),
        "author": ratio([s.author for s in scores]),
        "date": ratio([s.date for s in scores]),
        "site": ratio([s.site for s in scores]),
        "ms_per_page": sum(s.ms for s in scores) / n,
    }


COLUMNS = ("pages", "P", "R", "F1", "F1>=.9", "title=", "title~", "author", "date", "site", "ms/page")


def table_row(name: str, summary: dict | None) -> list[str]:
    """One row of the text table; n/a cells when the extractor is unavailable."""
    if summary is None:
        return [name] + ["n/a"] * len(COLUMNS)

    def count(key: str) -> str:
        return f"{summary[key]['correct']}/{summary[key]['pages']}"

    return [
        name,
        str(summary["pages"]),
        f"{summary['precision']:.3f}",
        f"{summary['recall']:.3f}",
        f"{summary['f1']:.3f}",
        f"{summary['f1_at_least_0.9']:.0%}",
        count("title_exact"),
        count("title_contained"),
        count("author"),
        count("date"),
        count("site"),
        f"{summary['ms_per_page']:.0f}",
    ]


def print_table(title: str, rows: list[list[str]]) -> None:
    """Print rows under a header, columns aligned."""
    header = ["extractor", *COLUMNS]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(title)
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    print()


def regressions(briefing: list[PageScore], baseline: list[PageScore], margin: float = 0.05) -> list[str]:
    """Pages where Briefing scores notably lower than the baseline, each with what differs."""
    lines = []
    for ours, theirs in zip(briefing, baseline):
        lost = []
        if ours.f1 < theirs.f1 - margin:
            lost.append(f"F1 {ours.f1:.2f} < {theirs.f1:.2f} (P {ours.precision:.2f}/{theirs.precision:.2f}, "
                        f"R {ours.recall:.2f}/{theirs.recall:.2f})")  # fmt: skip
        for key in ("title_exact", "title_contained", "author", "date", "site"):
            field_name = key.split("_")[0]
            if getattr(theirs, key) and not getattr(ours, key) and not (key == "title_contained" and theirs.title_exact):
                lost.append(f"{field_name} {ours.found[field_name]!r} vs {theirs.found[field_name]!r}")
        if lost:
            problem = f" [{ours.problem}]" if ours.problem else ""
            lines.append(f"  {ours.page}{problem}: " + "; ".join(lost))
    return lines


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of <name>/source.html etc.")
    parser.add_argument("--json", type=Path, help="write summaries and per-page scores here")
    parser.add_argument("--set", choices=("news", "all"), help="only this page set (default: both)")
    parser.add_argument("--default-date", metavar="YYYY-MM-DD", type=dt.date.fromisoformat,
                        help="BRIEFING_DEFAULT_DATE for Briefing's reader (default: none, so undated pages are refused)")
    return parser.parse_args()


def load_sets(root: Path, only: str | None) -> dict[str, list[Page]]:
    """The page sets to report, read from `root`; exits with one line when there are none."""
    if not root.is_dir():
        sys.exit(f"bench_extract: no test pages at {root} (pass --pages DIR: Readability's test/test-pages)")
    pages = load_pages(root)
    if not pages:
        sys.exit(f"bench_extract: no <name>/source.html with expected.html under {root}")
    missing = sorted(set(NEWS_PAGES) - {p.name for p in pages})
    if missing:
        print(f"note: news pages not found under {root}: {', '.join(missing)}", file=sys.stderr)
    sets = {"all": pages, "news": [p for p in pages if p.name in NEWS_PAGES]}
    return {name: sets[name] for name in ([only] if only else ["all", "news"])}


def run_all(pages: list[Page], default_date: dt.date | None = None) -> dict[str, list[PageScore] | None]:
    """Every trafilatura variant and Briefing on `pages`; None for an unavailable extractor."""
    extractors = {name: trafilatura_extractor(options) for name, options in VARIANTS.items()}
    for page in pages:  # warm the process once, untimed
        safe_extract(extractors[BASELINE], page)
    results: dict[str, list[PageScore] | None] = {name: run(e, pages) for name, e in extractors.items()}
    briefing = briefing_extractor(default_date)
    results["briefing"] = run(briefing, pages) if briefing else None
    return results


def report_sets(sets: dict[str, list[Page]], results: dict[str, list[PageScore] | None]) -> dict:
    """Print one table per set and return the summaries."""
    summaries = {}
    for set_name, members in sets.items():
        names = {p.name for p in members}
        summaries[set_name] = {
            name: summarise([s for s in scores if s.page in names]) if scores else None
            for name, scores in results.items()
        }
        print_table(f"{set_name} pages ({len(names)})", [table_row(n, s) for n, s in summaries[set_name].items()])
    return summaries


def report_regressions(results: dict[str, list[PageScore] | None], sets: dict[str, list[Page]]) -> None:
    """Print where Briefing does notably worse than the reference settings: news pages one by one."""
    if results["briefing"] is None:
        print("briefing: n/a (builder.readers does not import yet)")
        return
    listed = {p.name for p in sets.get("news") or sets["all"]}
    pairs = list(zip(results["briefing"], results[BASELINE]))
    lines = regressions([b for b, _ in pairs if b.page in listed], [t for b, t in pairs if b.page in listed])
    label = "news pages" if "news" in sets else "pages"
    print(f"briefing lower than {BASELINE} on {len(lines)} {label}" + (":" if lines else ""))
    for line in lines:
        print(line)
    refused = Counter(re.sub(r"\d+", "N", s.problem) for s in results["briefing"] if s.problem and s.page not in listed)
    if refused:
        print(f"briefing refused {sum(refused.values())} other page(s):")
        for reason, count in refused.most_common():
            print(f"  {count:3d} × {reason}")


def main() -> None:
    """Run every extractor on the pages, print the tables and write the JSON if asked."""
    args = parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    sets = load_sets(args.pages, args.set)
    pages = sets.get("all") or sets["news"]
    results = run_all(pages, args.default_date)
    summaries = report_sets(sets, results)
    report_regressions(results, sets)
    if args.json:
        report = {
            "pages_dir": str(args.pages),
            "briefing_default_date": args.default_date and args.default_date.isoformat(),
            "variants": {name: {**BASE_OPTIONS, **options} for name, options in VARIANTS.items()},
            "news_pages": [p.name for p in pages if p.name in NEWS_PAGES],
            "sets": summaries,
            "per_page": {n: [asdict(s) for s in scores] if scores else None for n, scores in results.items()},
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
