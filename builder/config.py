"""Briefing's settings: declared once with defaults and documentation, validated in one pass.

They live in the Pelican settings file (pelicanconf.py) as BRIEFING_* keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from slugify import slugify

from .sentences import LANGUAGE_CODES
from .summarise import ALGORITHMS, DEFAULT_ALGORITHM, parse_length


class ConfigError(Exception):
    """The settings are invalid; the message lists every problem."""


@dataclass(frozen=True)
class Topic:
    """A topic of the briefing: what it is called and the words that signal it."""

    name: str
    slug: str
    description: str
    terms: tuple[str, ...]
    examples: tuple[str, ...] = ()  # sentences that belong to the topic, compared by meaning
    exclude: tuple[str, ...] = ()  # words that put a sentence in another story, not this topic


@dataclass(frozen=True)
class Scope:
    """The story the whole briefing follows: what it is about and what marks another story."""

    description: str = ""
    examples: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """One declared setting."""

    key: str
    default: Any
    doc: str
    check: Callable[[Any], str | None] = lambda value: None  # returns a problem or None


def _check_algorithm(value: Any) -> str | None:
    if not isinstance(value, str) or value.lower().replace("_", "-") not in ALGORITHMS:
        return f"must be one of {', '.join(sorted(ALGORITHMS))}, not {value!r}"
    return None


def _check_length(value: Any) -> str | None:
    try:
        parse_length(value)
    except ValueError as error:
        return str(error)
    return None


def _check_language(value: Any) -> str | None:
    if value not in LANGUAGE_CODES:
        return f"must be one of {', '.join(sorted(LANGUAGE_CODES))}, not {value!r}"
    return None


def _check_date(value: Any) -> str | None:
    if value is None or isinstance(value, dt.date):
        return None
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return f"must be a date like 2025-03-13, not {value!r}"
    return None


def _check_positive_int(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return f"must be a whole number of at least 1, not {value!r}"
    return None


def _check_workers(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"must be 0 (one per core) or a positive whole number, not {value!r}"
    return None


def _check_aliases(value: Any) -> str | None:
    if value is None:
        return None
    from .entities import parse_aliases

    try:
        text = open(value, encoding="utf-8").read()
    except (OSError, TypeError) as error:
        return f"must name a readable aliases file: {error}"
    problems = parse_aliases(text, str(value))[1]
    return "; ".join(problems) or None


def _check_optional_str(value: Any) -> str | None:
    return None if value is None or isinstance(value, str) else f"must be a path or None, not {value!r}"


def _check_scheduler(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and re.match(r"^[a-z]+://\S+$", value)):
        return None
    return f"must be a Dask scheduler address such as 'tcp://10.0.0.5:8786', or None, not {value!r}"


def _check_topics(value: Any) -> str | None:
    if not isinstance(value, (list, tuple)):
        return "must be a list of topics, each a dict with name, description and terms"
    problems = []
    slugs = set()
    for number, topic in enumerate(value, 1):
        if not isinstance(topic, dict):
            problems.append(f"topic {number} is not a dict")
            continue
        unknown = set(topic) - {"name", "slug", "description", "terms", "examples", "exclude"}
        if unknown:
            problems.append(f"topic {number} has unknown keys {sorted(unknown)}")
        name = topic.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"topic {number} has no name")
            continue
        terms = topic.get("terms")
        if not isinstance(terms, (list, tuple)) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            problems.append(f"topic {name!r} needs 'terms': a non-empty list of words and phrases")
        for key in ("examples", "exclude"):
            if _bad_strings(topic.get(key, ())):
                problems.append(f"topic {name!r} needs '{key}' to be a list of non-empty strings")
        slug = topic.get("slug") or slugify(name)
        if slug in slugs:
            problems.append(f"topic {name!r} has the same slug as another topic: {slug!r}")
        slugs.add(slug)
    return "; ".join(problems) or None


def _bad_strings(value: Any) -> bool:
    return not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value)


def _check_scope(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        return "must be a dict with description, examples and exclude, or None"
    problems = []
    unknown = set(value) - {"description", "examples", "exclude"}
    if unknown:
        problems.append(f"has unknown keys {sorted(unknown)}")
    if not isinstance(value.get("description", ""), str):
        problems.append("needs 'description' to be a string")
    for key in ("examples", "exclude"):
        if _bad_strings(value.get(key, ())):
            problems.append(f"needs '{key}' to be a list of non-empty strings")
    return "; ".join(problems) or None


OPTIONS: tuple[Option, ...] = (
    Option("BRIEFING_ALGORITHM", DEFAULT_ALGORITHM,
           "The summariser, by name: 'briefing' (TextRank picked for readability, chosen by `briefing eval`), "
           "'lead' (the first sentences), or a sumy algorithm: "
           + ", ".join(sorted(set(ALGORITHMS) - {"briefing", "lead"})) + ".", _check_algorithm),
    Option("BRIEFING_SUMMARY_LENGTH", "auto",
           "Summary length: 'auto' (1.25 x the square root of the sentence count, 2 to 10, at most half), "
           "a number of sentences, "
           "or a share of the article such as '20%'.", _check_length),
    Option("BRIEFING_LANGUAGE", "english", "Language of the articles (sentence splitting, stemming, stop words).",
           _check_language),
    Option("BRIEFING_DEFAULT_DATE", None,
           "Date (YYYY-MM-DD) for an article whose header and text give none; a warning names the file.",
           _check_date),
    Option("BRIEFING_TOPICS", [],
           "The topics: a list of dicts with name, optional slug, description, and terms (words and "
           "phrases that signal the topic; matched on word stems), optional examples (sentences that "
           "belong to the topic, compared by meaning) and exclude (words that mark another story).",
           _check_topics),
    Option("BRIEFING_SCOPE", None,
           "The story the whole briefing follows, or None: a dict with description (a sentence or two), "
           "examples (sentences of the story) and exclude (words and names that mark another story, such "
           "as another country's election); a sentence outside the scope joins no topic.", _check_scope),
    Option("BRIEFING_OTHER_TOPIC", "Other developments",
           "Heading for summary sentences that fit no topic.", lambda v: None if isinstance(v, str) and v.strip() else "must be a non-empty string"),
    Option("BRIEFING_FRONT_PAGE_POINTS", 20, "Key points on the front page, across topics: every topic's best "
           "first, then what several sources report, then the rest; each development once, no framing "
           "(topic pages show all).",
           _check_positive_int),
    Option("BRIEFING_TOPIC_POINTS", 10, "The length budget of a topic's digest: at most this many key points "
           "that one source alone reports, chosen across all sources; a development that several outlets "
           "report is always a point (the topic page shows them all).", _check_positive_int),
    Option("BRIEFING_PERIOD_DAYS", 3,
           "A briefing covers the articles of its day and this many days in all; sources are "
           "compared only within one briefing.", _check_positive_int),
    Option("BRIEFING_WORKERS", 0, "Processes for summarising new articles; 0 means one per core.", _check_workers),
    Option("BRIEFING_ALIASES", None,
           "A text file of name corrections for people and places: 'Canonical = Variant, Variant' "
           "forces a merge, 'Name != Name' forbids one; '#' starts a comment.", _check_aliases),
    Option("BRIEFING_DASK_SCHEDULER", None,
           "The address of a Dask distributed scheduler ('tcp://host:8786') to analyse new articles on its "
           "workers instead of local processes; the workers need Briefing installed. Results go to "
           "the same cache.", _check_scheduler),
    Option("BRIEFING_CACHE_DIR", None,
           "Where per-article results are cached (by content hash and settings); default: "
           ".briefing-cache beside the content folder.", _check_optional_str),
)


@dataclass(frozen=True)
class BriefingConfig:
    """The validated settings, as plain values."""

    algorithm: str = DEFAULT_ALGORITHM
    summary_length: Any = "auto"
    language: str = "english"
    default_date: dt.date | None = None
    topics: tuple[Topic, ...] = ()
    scope: Scope = Scope()
    other_topic: str = "Other developments"
    front_page_points: int = 20
    topic_points: int = 10
    period_days: int = 3
    workers: int = 0
    cache_dir: str | None = None
    aliases: str | None = None
    dask_scheduler: str | None = None

    def digest_fingerprint(self) -> str:
        """The settings a briefing's digest depends on (not where or how articles were analysed)."""
        return repr(dataclasses.replace(self, workers=0, cache_dir=None, dask_scheduler=None))

    def per_article_fingerprint(self) -> str:
        """A hash of the settings that change per-article results (the cache key's part)."""
        relevant = {
            "algorithm": self.algorithm,
            "length": str(self.summary_length),
            "language": self.language,
            "default_date": self.default_date.isoformat() if self.default_date else None,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def describe_options() -> str:
    """Every setting with its default and documentation, for --help and the README."""
    return "\n".join(f"{o.key} (default {o.default!r}): {o.doc}" for o in OPTIONS)


def load_config(settings: dict) -> BriefingConfig:
    """Validate the BRIEFING_* settings, reporting every problem at once."""
    declared = {o.key for o in OPTIONS}
    problems = [
        f"{key} is not a Briefing setting (known: {', '.join(sorted(declared))})"
        for key in sorted(settings)
        if key.startswith("BRIEFING_") and key not in declared and not key.startswith("BRIEFING__")
    ]
    values = {}
    for option in OPTIONS:
        value = settings.get(option.key, option.default)
        problem = option.check(value)
        if problem:
            problems.append(f"{option.key} {problem}")
        values[option.key] = value
    if problems:
        raise ConfigError("invalid settings:\n  - " + "\n  - ".join(problems))
    default_date = values["BRIEFING_DEFAULT_DATE"]
    if default_date is not None and not isinstance(default_date, dt.date):
        default_date = dt.date.fromisoformat(str(default_date))
    return BriefingConfig(
        algorithm=values["BRIEFING_ALGORITHM"].lower().replace("_", "-"),
        summary_length=values["BRIEFING_SUMMARY_LENGTH"],
        language=values["BRIEFING_LANGUAGE"],
        default_date=default_date,
        topics=tuple(_topic(t) for t in values["BRIEFING_TOPICS"]),
        scope=_scope(values["BRIEFING_SCOPE"] or {}),
        other_topic=values["BRIEFING_OTHER_TOPIC"],
        front_page_points=values["BRIEFING_FRONT_PAGE_POINTS"],
        topic_points=values["BRIEFING_TOPIC_POINTS"],
        period_days=values["BRIEFING_PERIOD_DAYS"],
        workers=values["BRIEFING_WORKERS"],
        cache_dir=values["BRIEFING_CACHE_DIR"],
        aliases=values["BRIEFING_ALIASES"],
        dask_scheduler=values["BRIEFING_DASK_SCHEDULER"],
    )


def _topic(spec: dict) -> Topic:
    return Topic(
        name=spec["name"].strip(),
        slug=spec.get("slug") or slugify(spec["name"]),
        description=(spec.get("description") or "").strip(),
        terms=tuple(re.sub(r"\s+", " ", t.strip()) for t in spec["terms"]),
        examples=tuple(e.strip() for e in spec.get("examples", ())),
        exclude=tuple(re.sub(r"\s+", " ", t.strip()) for t in spec.get("exclude", ())),
    )


def _scope(spec: dict) -> Scope:
    return Scope(
        description=(spec.get("description") or "").strip(),
        examples=tuple(e.strip() for e in spec.get("examples", ())),
        exclude=tuple(re.sub(r"\s+", " ", t.strip()) for t in spec.get("exclude", ())),
    )
