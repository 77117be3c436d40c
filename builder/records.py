"""Plain records passed between the steps: read -> summarise -> group -> digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class ArticleRecord:
    """One article as read from its file: clean text and the metadata found around it."""

    id: str
    slug: str
    source_path: str
    title: str
    title_derived: bool
    date: dt.date
    date_origin: str  # where the date came from: header, dateline, text or default
    paragraphs: tuple[str, ...]
    dek: str | None = None
    headings: tuple[tuple[int, str], ...] = ()  # subheadings: (paragraph they stand before, text)
    dateline: str | None = None
    section: str | None = None
    byline: str | None = None
    outlet: str | None = None  # who published it: "Reuters", a site's name, a feed's title
    url: str | None = None  # the original's web address (http or https only)
    format: str = "text"  # which reader read it: text, markdown, web page, feed
    entry: str | None = None  # the feed entry it was ('entry 3 "Title"'), for messages
    excerpt_only: bool = False  # the source gave only a summary of the article (a feed's teaser)
    encoding: str = "utf-8"
    carried_by: tuple["Carrier", ...] = ()  # other outlets that carried the same story (syndication)


@dataclass(frozen=True)
class Carrier:
    """Another outlet's copy of a syndicated story: shown with the one copy that is published."""

    outlet: str | None
    title: str
    url: str | None
    source_path: str


def quick_state(cls):
    """Unpickle a frozen dataclass with slots by its field names, found once for the class."""
    # dataclasses' own __setstate__ for these looks up the fields for every object: on a
    # 2,000-article daily rebuild, reading the cached articles and digests spent 0.6 s of a
    # 9.4 s build (profiled) in it. The state is the same list of values, so caches still load.
    names = tuple(f.name for f in dataclasses.fields(cls))

    def __setstate__(self, state) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    cls.__setstate__ = __setstate__
    return cls


# Slots (no dict per instance) on the records made by the hundred thousand: sentences, key
# points and their sources, figures. At 20,000 articles the building process ended a cold
# build at 815 MiB with them, 907 MiB without (the same code otherwise).
@quick_state
@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """One sentence of an article body, with its place in the article."""

    paragraph: int
    index: int  # position of the sentence within its paragraph
    text: str
    score: float = 0.0  # the summariser's rating, scaled to 0..1 within the article
    in_summary: bool = False

    @property
    def anchor(self) -> str:
        """The HTML id of this sentence on its article page."""
        return f"s{self.paragraph + 1}-{self.index + 1}"


class Mention(NamedTuple):
    """A name as written in one sentence, with the evidence of what it names. A named tuple:
    an archive holds hundreds of thousands, and as a slotted dataclass its Python-level
    unpickling took 0.23 s of the 0.42 s that reading 2,000 cached articles took (profiled)."""

    name: str  # without titles or possessive: "Jane Smith"
    start: int
    end: int
    title: str  # the title before it, lowercased ("president"), "" when none
    kind: str  # the kind this mention suggests, "" when it says nothing
    initial: bool = False  # opens its sentence (so its capital may just be the sentence's)


# The record's fields that are set after an article is prepared (and cached): its path when the
# file moved, its page name and the copies it carries (builder/catalogue.py).
ORIGIN_LATER = ("id", "slug", "source_path", "carried_by")


@dataclass(frozen=True)
class PreparedArticle:
    """An article with its sentences and its extractive summary: the per-article result."""

    record: ArticleRecord
    sentences: tuple[SentenceRecord, ...]
    warnings: tuple[str, ...] = ()
    # The names in each sentence (builder/entities.py finds them), found once with the article
    # and cached with it; None when not found yet (the people step then finds them).
    mentions: tuple[tuple[Mention, ...], ...] | None = None
    # A hash of what the names index reads of those mentions (builder/entities.py, mentions_key):
    # a change that leaves an article's names as they were does not make the index replay the archive.
    names_key: str = ""
    # Which cache entry it came from ("<cache key>/<n>"): everything above but the record's
    # ORIGIN_LATER fields follows from it, so its hash needs not walk the sentences
    # (builder/digest_cache.py). "" for an article made some other way.
    origin: str = field(default="", compare=False, metadata={"json": False})

    @property
    def label(self) -> str:
        """The file, and the feed entry, as a message names them."""
        record = self.record
        return f"{record.source_path}, {record.entry}" if record.entry else record.source_path

    @property
    def summary(self) -> tuple[SentenceRecord, ...]:
        """The summary sentences, in article order."""
        return tuple(s for s in self.sentences if s.in_summary)


@dataclass(frozen=True)
class Problem:
    """Why a file (or one entry of a feed) could not become an article: skipped, with a warning."""

    source_path: str
    message: str
    entry: str | None = None  # the feed entry, when only that entry is bad

    @property
    def label(self) -> str:
        """The file, and the entry, as a message names them."""
        return f"{self.source_path}, {self.entry}" if self.entry else self.source_path


def source_key(record: ArticleRecord) -> str:
    """Who reported an article, for counting sources: its outlet, else the article itself."""
    return f"outlet:{record.outlet.casefold()}" if record.outlet else f"article:{record.id}"


def credit(title: str, outlet: str | None) -> str:
    """An article as a citation names it: "Outlet: Title"."""
    return f"{outlet}: {title}" if outlet else title


@dataclass(slots=True)
class SourceRef:
    """Where a key point was reported: one sentence of one article."""

    article_id: str
    title: str
    date: dt.date
    url: str
    anchor: str
    text: str
    outlet: str | None = None
    source: str = ""  # who reported it (source_key): one outlet's articles are one source
    carried_by: tuple[str, ...] = ()  # other outlets that carried the same story

    @property
    def credit(self) -> str:
        """"Outlet: Title", or the title when the outlet is not known."""
        return credit(self.title, self.outlet)

    @staticmethod
    def of(record: ArticleRecord, url: str, anchor: str, text: str) -> "SourceRef":
        """The reference to one sentence (or, with no anchor, the whole) of an article."""
        carriers = tuple(dict.fromkeys(c.outlet for c in record.carried_by if c.outlet and c.outlet != record.outlet))
        return SourceRef(record.id, record.title, record.date, url, anchor, text, record.outlet, source_key(record),
                         carriers)


@quick_state
@dataclass(frozen=True, slots=True)
class Why:
    """Why a key point is in its topic, and where: what a reader sees under "Why this point"."""

    rank: int  # its place in the topic, 1 first
    of: int  # how many points the topic has
    value: float  # the ranking value: share of sources reporting it, then centrality
    centrality: float  # the best summariser rating among its sentences, 0 to 1
    evidence: str  # what placed its lead sentence in the topic
    merged: int  # other sentences joined to its lead (of other articles, or near one it holds in the same article)
    twins: int  # near-duplicate points folded into it


@dataclass(slots=True)
class KeyPoint:
    """One development in a topic: its clearest sentence and every source that reports it."""

    text: str
    score: float
    sources: list[SourceRef] = field(default_factory=list)
    total: int = 0  # how many articles the briefing has: "reported by 3 of 5 sources"
    why: Why | None = None
    # The sentence before the lead in its article, when the lead opens by pointing back to it
    # ("He stated on social media, …"): shown before it, so the point reads alone.
    lead_in: str = ""
    # Against the briefing before (builder/editions.py): new, developing or continuing.
    status: str = ""
    new_sources: tuple[str, ...] = ()  # article ids not among the earlier point's sources

    @property
    def source_count(self) -> int:
        """How many independent sources report this point (one outlet's articles count once)."""
        return len({s.source or s.article_id for s in self.sources})

    @property
    def cited(self) -> list[SourceRef]:
        """One source per article (its first sentence here): a point may hold several sentences
        of one article, and a reader follows each article once."""
        first: dict[str, SourceRef] = {}
        for source in self.sources:
            first.setdefault(source.article_id, source)
        return list(first.values())


def json_ready(item):
    """The value as JSON types: dataclasses as dicts, sets sorted, dates as ISO; walked once
    (dataclasses.asdict deep-copies every leaf: on the 2,000-article benchmark, page keys took
    1.9 s of a 12 s rebuild with it, and the article cache's writes 2.1 s of a cold build)."""
    if isinstance(item, (str, int, float, bool)) or item is None:
        return item
    if isinstance(item, (list, tuple)):
        return [json_ready(v) for v in item]
    if isinstance(item, dict):
        return {str(k): json_ready(v) for k, v in item.items()}
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {name: json_ready(getattr(item, name)) for name in _field_names(type(item))}
    if isinstance(item, (set, frozenset)):
        return [json_ready(v) for v in sorted(item, key=repr)]
    if isinstance(item, (dt.date, dt.datetime)):
        return item.isoformat()
    return type(item).__name__  # functions, classes: their kind is all a page could show


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("json", True))
