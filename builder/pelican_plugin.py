"""The thin adapter between Briefing's plain functions and Pelican's signals, readers and generators.

- initialized: validate BRIEFING_* settings, enforce what the site needs (autoescaping, our
  index), and find the article files (no link followed out of content/, no loop walked);
- readers_init: Briefing's formats are Briefing's: Pelican's own readers do not take them;
- article_generator_init: read and summarise every article up front (cached, in parallel), then
  decide what is published (duplicates, syndicated copies, page names);
- article_generator_pretaxonomy: the published articles become Pelican Articles (a feed gives
  several, which Pelican's one-file-one-article readers cannot);
- get_generators: a Generator that builds the briefings and writes the front page, briefing,
  topic pages and topic feeds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.readers import BaseReader, HTMLReader, MarkdownReader, default_metadata, parse_path_metadata
from pelican.utils import order_content
from pelican.writers import Writer

from .catalogue import Catalogue, catalogue
from .collector import TRIM_ABOVE_MIB, collect_less, give_back_memory, resident_mib, restore
from .config import load_config
from .discover import Discovery, discover
from .digest import Briefing, briefing_windows
from .editions import briefing_months, mark_editions, on_topics, topic_stories
from .front_page import front_pages
from .digest_cache import DigestCache, article_hash, digest_key, forget_hashes
from .entities import Aliases, parse_aliases
from .page_cache import PageManifest, folder_fingerprint, page_key, settings_fingerprint
from .people import article_mentions, build_people
from .periods import Period, digest_periods, periods, share_strings
from .search_index import Indexing, clear_index, index_shards, shard_folder, shard_of, write_shard_list
from .versions import code_fingerprint
from .wording import counted, long_date
from .prepare import ArticleCache, PrepareStats, prepare_files
from .readers import EXTENSIONS, reader_for
from .records import PreparedArticle, Problem, credit, source_key
from .topics import StemAnalyser

logger = logging.getLogger("builder")
STATE_KEY = "BRIEFING__STATE"  # double underscore: internal, not a user setting
PROGRESS_KEY = "BRIEFING__PROGRESS"
PUBLISHED_KEY = "BRIEFING__PUBLISHED"  # where the published site is, when the build writes elsewhere


class BriefingState:
    """What one build shares between Pelican's stages: config, cache and prepared articles."""

    def __init__(self, settings: dict):
        self.config = load_config(settings)
        content = Path(settings["PATH"])
        cache_dir = self.config.cache_dir or content.parent / ".briefing-cache"
        self.cache = ArticleCache(Path(cache_dir))
        self.digests = DigestCache(Path(cache_dir))
        self.digested = 0  # briefings digested in this build (the rest came from the cache)
        self.digest_keys: dict[dt.date, str] = {}  # each briefing's digest key: what its page shows
        self.content = content
        self.discovery = Discovery()
        self.catalogue = Catalogue()
        self.stats = PrepareStats()
        self.problems: list[Problem] = []
        self.briefings: list[Briefing] = []
        self.progress = settings.get(PROGRESS_KEY)
        self.thresholds = collect_less()  # the cycle collector's before the build: put back in on_finalized
        self.indexing: Indexing | None = None  # the search index, when written beside the last pages
        self.pages = PageManifest(Path(cache_dir) / "pages.json", Path(settings.get(PUBLISHED_KEY) or settings["OUTPUT_PATH"]))
        self.render_fingerprint = "\n".join((
            code_fingerprint(*sorted(p.stem for p in Path(__file__).parent.glob("*.py"))),
            folder_fingerprint(Path(settings["THEME"])), settings_fingerprint(settings)))

    def shown_path(self, path: str) -> str:
        """The path as a user knows it: relative to the folder above content/."""
        try:
            return os.path.relpath(path, self.content.parent)
        except ValueError:
            return path


def _state(settings: dict) -> BriefingState:
    return settings[STATE_KEY]


def on_initialized(pelican) -> None:
    """Validate the settings and set what the site relies on."""
    settings = pelican.settings
    settings[STATE_KEY] = state = BriefingState(settings)  # raises ConfigError listing every problem
    _forget_logged_warnings()
    forget_hashes()  # its keys are the last build's articles: a new build holds its own
    # Article text must never inject markup: escape everything a template prints.
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    # Compiled templates are kept beside the cache (Jinja checks each template's source): every
    # generator compiled the theme anew, 0.28 s of a 6 s profiled rebuild of 2,000 articles.
    templates_cache = state.cache.directory / "templates"
    templates_cache.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"].setdefault("bytecode_cache", FileSystemBytecodeCache(str(templates_cache)))
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "longdate": long_date, "counted": counted}
    # The briefing is the front page; Pelican's article index would overwrite it. The search
    # page belongs to the theme: it is always there.
    templates = [t for t in settings.get("DIRECT_TEMPLATES", []) if t not in {"index", "search"}]
    settings["DIRECT_TEMPLATES"] = templates + ["search"]
    excludes = tuple(settings.get("ARTICLE_EXCLUDES", ())) + tuple(p for p in settings.get("STATIC_PATHS", ()) if p.strip("./"))
    state.discovery = discover(state.content, EXTENSIONS, excludes, tuple(settings.get("IGNORE_FILES", ())))
    # Pelican walks content/ itself, following links: it must not walk the linked folders.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        settings[key] = list(settings.get(key, [])) + state.discovery.folder_links


def _forget_logged_warnings() -> None:
    """Pelican drops a warning it logged before in this process; each build must warn anew."""
    from pelican.log import LimitFilter

    for name in ("_raised_messages", "_ignore", "_group_count"):
        store = getattr(LimitFilter, name, None)
        if hasattr(store, "clear"):
            store.clear()


def on_readers_init(readers) -> None:
    """Briefing reads its formats itself; elsewhere (pages/) Pelican's readers still do."""
    for extension in EXTENSIONS:
        readers.reader_classes[extension] = BriefingFileReader


def on_article_generator_init(generator) -> None:
    """Prepare every article before Pelican gathers them (cached and parallel), then decide
    what is published; every problem is logged once, in file order."""
    state = _state(generator.settings)
    files = state.discovery.files
    paths = [(f.path, state.shown_path(f.path), f.name) for f in files]
    prepared = prepare_files(paths, state.config, state.cache, state.progress, state.stats)
    state.catalogue = found = catalogue([(reader_for(f.name).FORMAT, prepared[f.path]) for f in files],
                                        state.config.period_days, store=state.digests)
    for problem in state.discovery.problems:
        logger.warning("%s: %s", problem.label, problem.message)
    for f in files:
        for item in prepared[f.path]:
            for warning in getattr(item, "warnings", ()):
                logger.warning("%s: %s", item.label, warning)
    for label, message in found.notes:  # about published articles: their page names
        logger.warning("%s: %s", label, message)
    for problem in found.problems:
        logger.warning("%s: %s; skipped", problem.label, problem.message)
    state.problems = state.discovery.problems + found.problems


def on_article_generator_pretaxonomy(generator) -> None:
    """The published articles become Pelican Articles, ordered as Pelican orders its own."""
    state = _state(generator.settings)
    process = BaseReader(generator.settings).process_metadata
    made = [_pelican_article(generator, state.content.parent, article, process) for article in state.catalogue.articles]
    generator.articles = order_content(generator.articles + made, generator.settings["ARTICLE_ORDER_BY"])


def _pelican_article(generator, root: Path, article: PreparedArticle, process) -> Article:
    """An Article with Pelican's defaults (category, path metadata), as its own readers make them."""
    settings = generator.settings
    full = os.path.join(str(root), article.record.source_path)
    relative = os.path.relpath(full, generator.path)
    metadata = default_metadata(settings=settings, process=process)
    metadata.update(parse_path_metadata(source_path=relative, settings=settings))
    metadata["reader"] = "briefing"
    metadata.update(article_metadata(article))
    source = full if not article.record.entry else f"{full}#{article.record.slug}"
    made = BriefingArticle("", metadata=metadata, settings=settings, source_path=source, context=generator.context)
    generator.add_source_path(made)
    return made


class BriefingArticle(Article):
    """A Pelican Article whose full text is made from its prepared article only when a page or
    a feed prints it (Pelican's `_get_content` hook): an unchanged rebuild prints none, and the
    archive's texts are not held twice."""

    def _get_content(self) -> str:
        return article_html(self.briefing)


class BriefingFileReader(BaseReader):
    """Briefing's formats: its files are published by the plugin (a feed gives many articles);
    a file outside the articles (in pages/) is read by Pelican's own reader for its format."""

    enabled = True
    file_extensions = list(EXTENSIONS)
    _STOCK = {"md": MarkdownReader, "markdown": MarkdownReader, "mkd": MarkdownReader, "html": HTMLReader,
              "htm": HTMLReader}

    def read(self, source_path):
        """Skip Briefing's own article files; hand any other file to Pelican's reader."""
        if source_path in _state(self.settings).discovery.paths:
            return "", {"status": "skip"}
        stock = self._STOCK.get(os.path.splitext(source_path)[1].lower().lstrip("."))
        if stock is None or not stock.enabled:
            return "", {"status": "skip"}
        return stock(self.settings).read(source_path)


def article_html(article: PreparedArticle) -> str:
    """The full text, every sentence anchored and the summary's sentences highlighted."""
    paragraphs: dict[int, list[str]] = {}
    for s in article.sentences:
        tag = "mark" if s.in_summary else "span"
        css = "sentence summary-sentence" if s.in_summary else "sentence"
        paragraphs.setdefault(s.paragraph, []).append(f'<{tag} class="{css}" id="{s.anchor}">{escape(s.text)}</{tag}>')
    headings = dict(article.record.headings)
    return "\n".join(
        (f'<h3 class="subheading">{escape(headings[p])}</h3>\n' if p in headings else "")
        + f"<p>{' '.join(paragraphs[p])}</p>"
        for p in sorted(paragraphs)
    )


def article_metadata(article: PreparedArticle) -> dict:
    """Pelican metadata: title, date, slug, summary, and the prepared article for templates."""
    record = article.record
    summary = Markup("".join(f"<p>{escape(s.text)}</p>" for s in article.summary))
    metadata = {
        "title": record.title,
        "date": dt.datetime.combine(record.date, dt.time()),
        "slug": record.slug,
        "summary": summary,
        "briefing": article,
    }
    for key in ("dek", "dateline", "section", "byline", "outlet", "url"):
        value = getattr(record, key)
        if value:
            metadata[key] = value
    if record.byline and not record.byline.lower().startswith("by "):
        metadata["byline"] = f"By {record.byline}"
    # Pelican calls the original's address "url" its own page's: ours is "original_url".
    metadata["original_url"] = metadata.pop("url", None)
    metadata["excerpt_only"] = record.excerpt_only
    # For search, the names as the article writes them: they depend on the article alone, so a
    # name's entity, kind or canonical spelling tipped by a later article leaves the index of
    # this article's month as it was (the search page maps an entity to its spellings).
    metadata["search_names"] = "|".join(sorted({m.name for names in article_mentions(article) for m in names}))
    # Another outlet's copy is worth naming; the same outlet's (its feed entry) is not.
    metadata["carriers"] = [c for c in record.carried_by
                            if (c.outlet or "").casefold() != (record.outlet or "").casefold()]
    return metadata


class BriefingGenerator(Generator):
    """Builds the briefings from the articles and writes the front page, topic, people and
    entity pages, and the topic feeds."""

    def generate_context(self):
        """Group the articles into briefing periods, digest each one, and gather who said what."""
        state = _state(self.settings)
        articles = [a for a in self.context.get("articles", []) if hasattr(a, "briefing")]
        by_id = {a.briefing.record.id: a for a in articles}
        urls = {article_id: a.url for article_id, a in by_id.items()}
        analyser = StemAnalyser(state.config.language)
        prepared = [a.briefing for a in articles]
        windows = briefing_windows([p.record.date for p in prepared], state.config.period_days)
        state.briefings = _briefings(state, periods(prepared, windows), urls, analyser)
        topic_names = {t.slug: t.name for t in state.config.topics}
        people = build_people(state.briefings, prepared, urls, topic_names, analyser, _aliases(state.config),
                              store=state.digests)
        # Each article's topics come from the briefing of its own day.
        own = {b.date: b for b in state.briefings}
        for article_id, article in by_id.items():
            slugs = own[article.briefing.record.date].topics_by_article.get(article_id, [])
            article.briefing_topics = [(topic_names[s], s) for s in slugs if s in topic_names]
            article.briefing_entities = people.by_article.get(article_id, [])
        latest = state.briefings[0] if state.briefings else None
        self.context["people"] = people
        self.context["who_said_what"] = {slug: people.quotes.get((latest.date, slug), []) for slug in topic_names} if latest else {}
        self.context["report_urls"] = urls
        self.context["report_titles"] = {p.record.id: credit(p.record.title, p.record.outlet) for p in prepared}
        self.context["briefings"] = state.briefings
        self.context["briefing"] = latest
        self.context["briefing_topics"] = state.config.topics
        # A feed with no entries would carry the build time as its date: write none instead.
        self._topic_articles = {
            t.slug: sorted((a for a in by_id.values() if any(s == t.slug for _, s in a.briefing_topics)),
                           key=lambda a: (a.date, a.slug), reverse=True)
            for t in state.config.topics
        }
        self.context["topic_feeds"] = {
            slug: f"feeds/topics/{slug}.atom.xml"
            for slug, articles in self._topic_articles.items() if articles and self.settings.get("FEED_DOMAIN")
        }
        # Editions: each briefing against the one before, each topic's story so far.
        editions = mark_editions(state.briefings, analyser, store=state.digests, keys=state.digest_keys)
        coverage: dict[str, dict] = {t.slug: {} for t in state.config.topics}
        for article in by_id.values():
            for _, slug in article.briefing_topics:
                coverage[slug].setdefault(article.briefing.record.date, []).append(
                    (article.briefing.record.id, source_key(article.briefing.record)))
        # The chart counts what the topic's pages show too: an article whose sentence is a source
        # of the topic's points in its own day's briefing (a development is placed in one topic).
        for briefing in state.briefings:
            dates = {a.record.id: a.record.date for a in briefing.articles}
            for section in briefing.sections:
                for source in (s for p in section.points for s in p.sources if section.slug in coverage):
                    if dates[source.article_id] == briefing.date:
                        coverage[section.slug].setdefault(briefing.date, []).append(
                            (source.article_id, source.source or source.article_id))
        self.context["editions"] = editions
        self.context["front_pages"] = front_pages(state.briefings, state.digest_keys, state.config.front_page_points,
                                                  store=state.digests)
        self.context["topic_stories"] = topic_stories(editions, [t.slug for t in state.config.topics], coverage)
        self.context["briefing_months"] = briefing_months(state.briefings)
        feeds = bool(self.settings.get("FEED_DOMAIN"))
        self.context["briefing_feed"] = "feeds/briefings.atom.xml" if feeds and state.briefings else None
        self.context["topic_briefing_feeds"] = {
            slug: f"feeds/briefings/{slug}.atom.xml" for slug, story in self.context["topic_stories"].items()
            if feeds and story.latest}

    def generate_output(self, writer):
        """Write the front page, one page per briefing and per topic, and the topic feeds."""
        state = _state(self.settings)
        latest = self.context.get("briefing")
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file("index.html", self.get_template("briefing"), self.context, relative_urls=relative,
                          page_briefing=latest, is_front_page=True)
        for briefing in state.briefings:
            writer.write_file(f"briefings/{briefing.slug}.html", self.get_template("briefing"), self.context,
                              relative_urls=relative, page_briefing=briefing, is_front_page=False)
        writer.write_file("topics/index.html", self.get_template("topics"), self.context, relative_urls=relative,
                          page_briefing=latest)
        for topic in state.config.topics:
            story = self.context["topic_stories"][topic.slug]
            writer.write_file(f"topics/{topic.slug}.html", self.get_template("topic"), self.context,
                              relative_urls=relative, page_briefing=story.latest or latest, topic=topic,
                              section=story.section, story=story, month=story.months[0] if story.months else None)
            for month in story.months[1:]:
                writer.write_file(f"topics/{topic.slug}-{month.slug}.html", self.get_template("story_month"),
                                  self.context, relative_urls=relative, topic=topic, story=story, month=month)
            self._write_topic_feed(writer, topic)
        self._write_briefing_feeds()
        people = self.context["people"]
        writer.write_file("people/index.html", self.get_template("people"), self.context, relative_urls=relative,
                          page_briefing=latest)
        for entity_page in people.pages:
            writer.write_file(f"people/{entity_page.entity.slug}.html", self.get_template("entity"), self.context,
                              relative_urls=relative, page_briefing=latest, entity_page=entity_page)

    def _write_briefing_feeds(self) -> None:
        """Atom feeds of briefings, one entry per briefing: all topics, and one feed per topic."""
        if self.context["briefing_feed"]:
            self._write_briefing_feed(self.context["briefing_feed"], self.settings["SITENAME"] + ": briefings", None)
        for topic in _state(self.settings).config.topics:
            path = self.context["topic_briefing_feeds"].get(topic.slug)
            if path:
                self._write_briefing_feed(path, f"{self.settings['SITENAME']}: {topic.name} briefings", topic.slug)

    def _write_briefing_feed(self, path: str, title: str, topic: str | None) -> None:
        """One feed: its entries' HTML comes from the theme's feed_entry template."""
        from feedgenerator import Atom1Feed, get_tag_uri

        domain = self.settings["FEED_DOMAIN"].rstrip("/")
        feed = Atom1Feed(title=title, link=f"{domain}/", feed_url=f"{domain}/{path}", description="")
        template = self.get_template("feed_entry")
        editions = self.context["editions"]
        for briefing in sorted(self.context["briefings"], key=lambda b: b.date, reverse=True):
            if topic is None:
                sections = self.context["front_pages"][briefing.date].sections
            else:
                sections = [(s, s.points) for s in briefing.sections if s.points and s.slug == topic]
            if not sections:
                continue
            link = f"{domain}/briefings/{briefing.slug}.html"
            stamp = dt.datetime.combine(briefing.date, dt.time(), dt.timezone.utc)
            edition = editions[briefing.date]
            fresh = edition.fresh_in([section for section, _ in sections])
            listed = on_topics(fresh)
            content = template.render({**self.context, "SITEURL": domain, "page_briefing": briefing,
                                       "edition": edition, "sections": sections, "topic": topic, "fresh": listed,
                                       "fresh_elsewhere": len(fresh) - len(listed)})
            feed.add_item(title=f"Briefing for {long_date(briefing.date)}", link=link, description=content,
                          content=content, unique_id=get_tag_uri(link + (f"#{topic}" if topic else ""), stamp),
                          pubdate=stamp, updateddate=stamp)
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            feed.write(out, "utf-8")

    def _write_topic_feed(self, writer, topic) -> None:
        """An Atom feed of the articles that report on one topic, newest first."""
        path = self.context["topic_feeds"].get(topic.slug)
        if path:
            writer.write_feed(self._topic_articles[topic.slug], self.context, path, feed_type="atom",
                              feed_title=f"{self.settings['SITENAME']}: {topic.name}")


def _aliases(config) -> Aliases | None:
    """The user's aliases file, read (it was validated with the settings)."""
    if not config.aliases:
        return None
    return parse_aliases(Path(config.aliases).read_text(encoding="utf-8"), config.aliases)[0]


def _briefings(state: BriefingState, found: list[Period], urls: dict[str, str],
               analyser: StemAnalyser) -> list[Briefing]:
    """Every period's digest: from the cache when nothing it depends on changed, the rest digested
    and cached."""
    keys = [digest_key(list(p.articles), urls, state.config) for p in found]
    cached = [state.digests.get(key) for key in keys]
    todo = [i for i, c in enumerate(cached) if not isinstance(c, Briefing)]
    kept = [i for i, c in enumerate(cached) if isinstance(c, Briefing)]
    share_strings([cached[i] for i in kept], [found[i] for i in kept])  # each read from its own pickle
    for i, briefing in zip(todo, digest_periods([found[i] for i in todo], urls, state.config, analyser)):
        state.digests.put(keys[i], briefing)
        cached[i] = briefing
    state.digested += len(todo)
    state.digest_keys = {p.day: key for p, key in zip(found, keys)}
    return [dataclasses.replace(c, articles=list(p.articles), urls=urls) for c, p in zip(cached, found)]


def get_generators(pelican):
    """Add the briefing generator."""
    return BriefingGenerator


class BriefingWriter(Writer):
    """Pelican's writer, which takes a page from the published site instead of rendering it
    again when the page declares its inputs and they did not change (builder/page_cache.py)."""

    def write_file(self, name, template, context, *args, **kwargs):
        """Render and write the page, unless the published one is still right."""
        state = _state(self.settings)
        inputs = page_inputs(template.name, kwargs, context, state.digest_keys)
        if name and inputs is not None:
            key = page_key(state.render_fingerprint, name, template.name, inputs)
            search = None
            if template.name == "article.html":
                search = (shard_of(inputs["date"]),
                          page_key(state.render_fingerprint, name, "search", search_inputs(inputs)))
            if state.pages.reuse(name, key, self.output_path, search=search):
                return None
        return super().write_file(name, template, context, *args, **kwargs)


def page_inputs(template: str, kwargs: dict, context: dict, digest_keys: dict[dt.date, str]):
    """What an article, briefing or entity page shows, or None for the pages that draw on the
    whole site (topics, archive, people index: they are always rendered)."""
    briefing = kwargs.get("page_briefing")
    if template == "briefing.html" and briefing is not None and briefing.date in digest_keys:
        # A briefing page shows its digest, its front page (the digest and the settings) and its
        # edition: what is new against the previous briefing (that one's digest) and the links
        # to its neighbours. The digest keys hash the articles, their URLs and the settings.
        edition = context["editions"][briefing.date]
        return {"briefing": digest_keys[briefing.date], "front_page": bool(kwargs.get("is_front_page")),
                "previous": digest_keys.get(edition.previous.date) if edition.previous else None,
                "next": edition.next.slug if edition.next else None, "feed": context.get("briefing_feed")}
    article = kwargs.get("article")
    if template == "article.html" and article is not None and hasattr(article, "briefing"):
        return {"article": article_hash(article.briefing).hex(), "url": article.url, "save_as": article.save_as,
                "title": article.title, "date": article.date, "topics": article.briefing_topics,
                "names": [(e.name, e.slug, e.kind) for e in getattr(article, "briefing_entities", [])],
                "outlet": getattr(article, "outlet", None), "carriers": getattr(article, "carriers", [])}
    page = kwargs.get("entity_page")
    if template == "entity.html" and page is not None:
        # Its quotations cite articles by the site-wide URL and title tables.
        cited = sorted({r.article_id for _, quote in page.quotes for r in quote.reports})
        return {"page": page, "cited": [(context["report_urls"].get(a), context["report_titles"].get(a)) for a in cited]}
    return None


def search_inputs(inputs: dict) -> dict:
    """What the search index takes from an article page: all it shows but the names it lists,
    whose search metadata is the article's own spellings (its hash covers them)."""
    return {k: v for k, v in inputs.items() if k != "names"}


def get_writer(pelican):
    """Briefing's writer: unchanged pages are not rendered again."""
    return BriefingWriter


def on_article_writer_finalized(generator, writer) -> None:
    """The article pages, all that the search index reads, are written: a small build starts
    indexing now, beside its other pages. A large one (over TRIM_ABOVE_MIB) waits for the end,
    to give back memory first: at 20,000 articles the building process alone is near 900 MiB,
    and Pagefind's 120-140 MiB beside it would pass the 1 GiB of the whole process tree."""
    state = _state(generator.settings)
    if resident_mib() <= TRIM_ABOVE_MIB:
        state.indexing = Indexing(Path(generator.output_path), _stale_shards(state, Path(generator.output_path)))


def on_finalized(pelican) -> None:
    """Index the written site for search, month by month: a month whose article pages did not
    change keeps its published index (builder/search_index.py). When Pelican wrote the site in
    place (`pelican content`), the site is published now: keep its page keys."""
    state = _state(pelican.settings)
    pages, output = state.pages, Path(pelican.output_path)
    if state.indexing is None:
        stale = _stale_shards(state, output)
        if stale and resident_mib() > TRIM_ABOVE_MIB:
            give_back_memory()  # before Pagefind's runs add theirs
        index_shards(output, stale)
    else:
        state.indexing.wait()
    write_shard_list(output, list(pages.shards()))
    if not pelican.settings.get(PUBLISHED_KEY):
        pages.save()
    restore(state.thresholds)


def _stale_shards(state: "BriefingState", output: Path) -> dict[str, list[str]]:
    """The months whose index must be written again (their pages); the others' published index
    is kept, and the output holds no index of last build's beyond them."""
    pages = state.pages
    shards = pages.shards()
    unchanged = pages.unchanged_shards()
    stale = {shard: names for shard, names in shards.items()
             if not (shard in unchanged and pages.reuse_folder(shard_folder(shard), output))}
    clear_index(output, keep=set(shards) - set(stale))
    return stale


def stop_search_index(settings: dict) -> None:
    """End a search index still being written: the build it belongs to failed."""
    state = settings.get(STATE_KEY)
    if isinstance(state, BriefingState) and state.indexing is not None:
        state.indexing.stop()


def register() -> None:
    """Connect Briefing to Pelican's signals."""
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
    signals.article_writer_finalized.connect(on_article_writer_finalized)
    signals.readers_init.connect(on_readers_init)
    signals.article_generator_init.connect(on_article_generator_init)
    signals.article_generator_pretaxonomy.connect(on_article_generator_pretaxonomy)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
