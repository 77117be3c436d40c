"""Plain records passed between the steps: read -> summarise -> group -> digest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
    source: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PreparedArticle:
    """An article with its sentences and its extractive summary: the per-article result."""

    record: ArticleRecord
    sentences: tuple[SentenceRecord, ...]
    warnings: tuple[str, ...] = ()

    @property
    def summary(self) -> tuple[SentenceRecord, ...]:
        """The summary sentences, in article order."""
        return tuple(s for s in self.sentences if s.in_summary)


@dataclass(frozen=True)
class Problem:
    """Why a file could not become an article (it is skipped, with a warning)."""

    source_path: str
    message: str


@dataclass
class SourceRef:
    """Where a key point was reported: one sentence of one article."""

    article_id: str
    title: str
    date: dt.date
    url: str
    anchor: str
    text: str


@dataclass
class KeyPoint:
    """One development in a topic: its clearest sentence and every source that reports it."""

    text: str
    score: float
    sources: list[SourceRef] = field(default_factory=list)
    total: int = 0  # how many articles the briefing has: "reported by 3 of 5 sources"

    @property
    def source_count(self) -> int:
        """How many different articles report this point."""
        return len({s.article_id for s in self.sources})
