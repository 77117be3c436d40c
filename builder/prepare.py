"""Per-article work (read, split, summarise), cached by content hash and settings, run in parallel.

This is the only per-article cost of a build; everything after it compares articles within one
briefing period. A rebuild with no changed article summarises nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from .config import BriefingConfig
from .read import ReadError, read_article
from .records import ArticleRecord, PreparedArticle, Problem, SentenceRecord
from .sentences import NewsTokenizer
from .summarise import split_sentences, summarise
from .versions import code_fingerprint

# Changes with the code that reads and summarises, so old cache entries are never reused.
CACHE_VERSION = code_fingerprint("read", "dates", "sentences", "summarise", "summarisers", "readability",
                                 "records", "prepare")
MIN_WORDS_PER_SENTENCE = 3
PARALLEL_THRESHOLD = 16  # below this many uncached files, a process pool costs more than it saves


def prepare_bytes(raw: bytes, source_path: str, config: BriefingConfig) -> PreparedArticle | Problem:
    """Read and summarise one article's bytes; a Problem says why it cannot be used."""
    try:
        record, warnings = read_article(raw, source_path, config.default_date)
    except ReadError as error:
        return Problem(source_path, str(error))
    tokenizer = NewsTokenizer(config.language)
    sentences = split_sentences(record, tokenizer)
    if not any(len(tokenizer.to_words(s.text)) >= MIN_WORDS_PER_SENTENCE for s in sentences):
        return Problem(source_path, "no sentences to summarise (the text has no sentence of three words or more)")
    bonus = tuple(term for topic in config.topics for term in topic.terms)
    rated = summarise(sentences, tokenizer, config.algorithm, config.summary_length, config.language,
                      title=record.title, bonus_words=bonus)
    return PreparedArticle(record=record, sentences=rated, warnings=tuple(warnings))


def cache_key(raw: bytes, source_path: str, config: BriefingConfig) -> str:
    """The cache key: content hash, file name (it gives id and slug), settings and code version."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION.encode(), config.per_article_fingerprint().encode(),
                 os.path.basename(source_path).encode(), raw):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class ArticleCache:
    """Prepared articles stored as JSON files named by their cache key."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, source_path: str) -> PreparedArticle | Problem | None:
        """The cached result, or None (a damaged entry counts as missing)."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return _from_json(data, source_path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: PreparedArticle | Problem) -> None:
        """Store a result atomically, so an interrupted build never leaves half a file."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(_to_json(result), out, ensure_ascii=False, sort_keys=True)
        os.replace(temporary, path)


def _to_json(result: PreparedArticle | Problem) -> dict:
    if isinstance(result, Problem):
        return {"problem": result.message}
    data = dataclasses.asdict(result)
    data["record"]["date"] = result.record.date.isoformat()
    return data


def _from_json(data: dict, source_path: str) -> PreparedArticle | Problem:
    if "problem" in data:
        return Problem(source_path, data["problem"])
    record = dict(data["record"], date=dt.date.fromisoformat(data["record"]["date"]),
                  paragraphs=tuple(data["record"]["paragraphs"]), source_path=source_path,
                  headings=tuple((int(i), h) for i, h in data["record"].get("headings", ())))
    return PreparedArticle(
        record=ArticleRecord(**record),
        sentences=tuple(SentenceRecord(**s) for s in data["sentences"]),
        warnings=tuple(data["warnings"]),
    )


@dataclasses.dataclass
class PrepareStats:
    """What one preparation pass did: how many articles were summarised and how many reused."""

    summarised: int = 0
    from_cache: int = 0


def _prepare_file(args: tuple[str, bytes, str, BriefingConfig]) -> tuple[str, PreparedArticle | Problem]:
    path, raw, source_path, config = args
    return path, prepare_bytes(raw, source_path, config)


def prepare_files(paths: list[tuple[str, str]], config: BriefingConfig, cache: ArticleCache,
                  progress: Callable[[int, int], None] | None = None,
                  stats: PrepareStats | None = None) -> dict[str, PreparedArticle | Problem]:
    """Prepare many files (absolute path, shown path): cached ones are loaded, new ones computed."""
    stats = stats if stats is not None else PrepareStats()
    results: dict[str, PreparedArticle | Problem] = {}
    todo: list[tuple[str, bytes, str, BriefingConfig]] = []
    keys: dict[str, str] = {}
    for path, shown in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            results[path] = Problem(shown, f"cannot be opened: {error.strerror}")
            continue
        keys[path] = key = cache_key(raw, shown, config)
        cached = cache.get(key, shown)
        if cached is not None:
            results[path] = cached
            stats.from_cache += 1
        else:
            todo.append((path, raw, shown, config))
    done = len(results)
    if progress:
        progress(done, len(paths))
    workers = config.workers or os.cpu_count() or 1
    if len(todo) >= PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            computed = pool.map(_prepare_file, todo, chunksize=8)
            done = _collect(computed, results, keys, cache, stats, progress, done, len(paths))
    else:
        _collect(map(_prepare_file, todo), results, keys, cache, stats, progress, done, len(paths))
    return results


def _collect(computed, results, keys, cache, stats, progress, done, total) -> int:
    for path, result in computed:
        results[path] = result
        cache.put(keys[path], result)
        stats.summarised += 1
        done += 1
        if progress:
            progress(done, total)
    return done
