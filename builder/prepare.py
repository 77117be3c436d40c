"""Per-article work (read, split, summarise), cached by content hash and settings, run in parallel.

This is the only per-article cost of a build; everything after it compares articles within one
briefing period. A rebuild with no changed article summarises nothing. One file gives one
article, or one per entry of a feed: results are lists.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from .config import BriefingConfig
from .entities import find_mentions, mentions_key
from .readers import read_bytes
from .records import ArticleRecord, PreparedArticle, Problem
from .sentences import NewsTokenizer
from .summarise import split_sentences, summarise
from .versions import code_fingerprint

# Changes with the code that reads and summarises, so old cache entries are never reused.
CACHE_VERSION = code_fingerprint("readers", "dates", "sentences", "summarise", "summarisers", "readability",
                                 "records", "prepare", "entities")
MIN_WORDS_PER_SENTENCE = 3
# Eight times the longest of the 1,810 BBC articles (25,485 characters); a long feature has
# 30,000-60,000. Past this, a "article" is a document dump, and is cut (with a warning).
MAX_ARTICLE_CHARS = 200_000
DASK_CONNECT_SECONDS = 10
PARALLEL_THRESHOLD = 16  # below this many uncached files, a process pool costs more than it saves


Result = PreparedArticle | Problem


def prepare_bytes(raw: bytes, source_path: str, config: BriefingConfig, name: str | None = None) -> list[Result]:
    """Read and summarise one file's articles; a Problem says why one cannot be used."""
    return [item if isinstance(item, Problem) else prepare_record(*item, config)
            for item in read_bytes(raw, source_path, config, name)]


def prepare_record(record: ArticleRecord, warnings: list[str], config: BriefingConfig) -> Result:
    """Split and summarise one read article."""
    record, warnings = _bounded(record, warnings)
    tokenizer = NewsTokenizer(config.language)
    sentences = split_sentences(record, tokenizer)
    if not any(len(tokenizer.to_words(s.text)) >= MIN_WORDS_PER_SENTENCE for s in sentences):
        return Problem(record.source_path, "no sentences to summarise (the text has no sentence of three words or more)",
                       entry=record.entry)
    bonus = tuple(term for topic in config.topics for term in topic.terms)
    rated = summarise(sentences, tokenizer, config.algorithm, config.summary_length, config.language,
                      title=record.title, bonus_words=bonus)
    mentions = tuple(tuple(find_mentions(s.text)) for s in rated)
    return PreparedArticle(record=record, sentences=rated, warnings=tuple(warnings), mentions=mentions,
                           names_key=mentions_key(mentions))


def _bounded(record: ArticleRecord, warnings: list[str]) -> tuple[ArticleRecord, list[str]]:
    """An article of more than MAX_ARTICLE_CHARS is cut at a paragraph end, with a warning: no
    one article may make a build slow (every later step grows with the text)."""
    total = sum(len(p) for p in record.paragraphs)
    if total <= MAX_ARTICLE_CHARS:
        return record, warnings
    kept, size = [], 0
    for paragraph in record.paragraphs:
        if size + len(paragraph) > MAX_ARTICLE_CHARS:
            if not kept:  # one huge paragraph: cut it at a word
                kept.append(paragraph[:MAX_ARTICLE_CHARS].rsplit(" ", 1)[0] + " …")
            break
        kept.append(paragraph)
        size += len(paragraph)
    note = (f"has {total:,} characters of text; only its first {sum(len(p) for p in kept):,} "
            f"({len(kept)} of {len(record.paragraphs)} paragraphs) are published")
    headings = tuple((i, h) for i, h in record.headings if i < len(kept))
    return dataclasses.replace(record, paragraphs=tuple(kept), headings=headings), [*warnings, note]


def cache_key(raw: bytes, name: str, config: BriefingConfig) -> str:
    """The cache key: content hash, path inside content/ (it gives id and slug), settings, code."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION.encode(), config.per_article_fingerprint().encode(), name.encode(), raw):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class ArticleCache:
    """Prepared articles stored as pickles named by their cache key.

    Pickle, not JSON: reading 2,000 cached articles took 0.26 s against 0.48 s (the BBC
    benchmark), and a daily rebuild reads every article of the archive. Pickle is safe here:
    the files are written by this program into the project's own cache folder, and a file
    that cannot be read back counts as missing.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str, source_path: str) -> list[Result] | None:
        """The cached results, or None (a damaged entry counts as missing)."""
        try:
            with open(self._path(key), "rb") as handle:
                results = pickle.load(handle)
        except Exception:  # a damaged or outdated entry is a miss, never a failed build
            return None
        if not isinstance(results, list) or not all(isinstance(r, (PreparedArticle, Problem)) for r in results):
            return None
        return with_origin([_moved(r, source_path) for r in results], key)

    def put(self, key: str, results: list[Result]) -> None:
        """Store a result atomically, so an interrupted build never leaves half a file."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # One writer per process: the process id makes the temporary name unique (mkstemp's
        # random names cost 1.2 s per 2,000 articles on the benchmark).
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)


def with_origin(results: list[Result], key: str) -> list[Result]:
    """The results, each article marked with the cache entry it is (its hash follows from it)."""
    return [dataclasses.replace(r, origin=f"{key}/{n}") if isinstance(r, PreparedArticle) else r
            for n, r in enumerate(results)]


def _moved(result: Result, source_path: str) -> Result:
    """The file may have moved since it was cached: its path is the one it has now."""
    if isinstance(result, Problem):
        return result if result.source_path == source_path else dataclasses.replace(result, source_path=source_path)
    if result.record.source_path == source_path:
        return result
    return dataclasses.replace(result, record=dataclasses.replace(result.record, source_path=source_path))


@dataclasses.dataclass
class PrepareStats:
    """What one preparation pass did: how many articles were summarised and how many reused."""

    summarised: int = 0
    from_cache: int = 0


def _prepare_file(args: tuple[str, bytes, str, str, BriefingConfig]) -> tuple[str, list[Result]]:
    path, raw, source_path, name, config = args
    return path, prepare_bytes(raw, source_path, config, name)


def prepare_files(paths: list[tuple[str, str, str]], config: BriefingConfig, cache: ArticleCache,
                  progress: Callable[[int, int], None] | None = None,
                  stats: PrepareStats | None = None) -> dict[str, list[Result]]:
    """Prepare many files (absolute path, shown path, path inside content/): cached ones are
    loaded, new ones computed."""
    stats = stats if stats is not None else PrepareStats()
    results: dict[str, list[Result]] = {}
    todo: list[tuple[str, bytes, str, str, BriefingConfig]] = []
    keys: dict[str, str] = {}
    for path, shown, name in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            results[path] = [Problem(shown, f"cannot be opened: {error.strerror}")]
            continue
        keys[path] = key = cache_key(raw, name, config)
        cached = cache.get(key, shown)
        if cached is not None:
            results[path] = cached
            stats.from_cache += 1
        else:
            todo.append((path, raw, shown, name, config))
    done = len(results)
    if progress:
        progress(done, len(paths))
    workers = config.workers or os.cpu_count() or 1
    if todo and config.dask_scheduler:
        _collect(_on_dask(todo, [keys[t[0]] for t in todo], config.dask_scheduler), results, keys, cache, stats,
                 progress, done, len(paths))
    elif len(todo) >= PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            computed = pool.map(_prepare_file, todo, chunksize=8)
            done = _collect(computed, results, keys, cache, stats, progress, done, len(paths))
    else:
        _collect(map(_prepare_file, todo), results, keys, cache, stats, progress, done, len(paths))
    return results


def _on_dask(todo: list, keys: list[str], address: str):
    """Prepare the files on a Dask cluster's workers, yielding results as they come back. Each
    task's key is its cache key, so a file already being analysed is never analysed twice."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RuntimeError("BRIEFING_DASK_SCHEDULER is set but Dask is not installed: "
                           "pip install 'dask[distributed]'") from None
    try:
        client = Client(address, timeout=DASK_CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    with client:
        futures = client.map(_prepare_file, todo, key=[f"briefing-prepare-{k}" for k in keys])
        for future in as_completed(futures, loop=client.loop):  # this client's loop: no default client
            yield future.result()


def _collect(computed, results, keys, cache, stats, progress, done, total) -> int:
    for path, result in computed:
        results[path] = with_origin(result, keys[path])
        cache.put(keys[path], result)
        stats.summarised += 1
        done += 1
        if progress:
            progress(done, total)
    return done
