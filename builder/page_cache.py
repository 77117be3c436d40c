"""Pages whose inputs did not change are not rendered again.

Each page that declares its inputs (an article page: its prepared article, URL, topics and
names; an entity page: everything it lists) gets a key: a hash of those inputs, the code and
theme, and the settings. The keys of the last *published* build are kept beside the cache. A page
whose key is the same as then is taken from the published site (a hard link into the staging
folder, or left where it is when Pelican writes in place) instead of being rendered and written.
The manifest is saved only after the new site is published, so it always describes the site on
disk; an interrupted build leaves the previous manifest and the previous site, which agree.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from .records import json_ready

VOLATILE_SETTINGS = {"OUTPUT_PATH", "PATH", "CACHE_PATH", "THEME"}  # where, not what: never shown on a page


def canonical(value) -> str:
    """A stable text of any page input: dataclasses as dicts, sets sorted, dates as ISO."""
    return json.dumps(json_ready(value), sort_keys=True, ensure_ascii=False)


def settings_fingerprint(settings: dict) -> str:
    """A hash of the settings a template could print (paths and Briefing's internals left out)."""
    shown = {k: v for k, v in settings.items() if k.isupper() and not k.startswith("BRIEFING__")
             and k not in VOLATILE_SETTINGS}
    return hashlib.sha256(canonical(shown).encode()).hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """A hash of every file of a folder (the theme): a changed template renders every page."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(fingerprint: str, name: str, template: str, inputs) -> str:
    """The key of one page: what it is built from."""
    digest = hashlib.sha256(f"{fingerprint}\n{name}\n{template}\n".encode())
    digest.update(_value_bytes(inputs))
    return digest.hexdigest()


def _value_bytes(value) -> bytes:
    """The inputs as bytes that depend only on their values: a pickle without its memo (which
    would make shared and equal-but-separate objects differ). Four times faster than JSON on
    the 6,233 entity pages of the 2,000-article benchmark (0.13 s against 0.51 s). A value that
    pickles differently in another process (a set's order) only renders its page again."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: values, not object identities
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError):  # a function, a cycle
        return canonical(value).encode()
    return buffer.getvalue()


class PageManifest:
    """The page keys of the last published site, and of the build under way."""

    def __init__(self, path: Path, published: Path):
        self.path = Path(path)
        self.published = Path(published)
        self.previous: dict[str, str] = {}
        self.current: dict[str, str] = {}
        self.previous_indexed: dict[str, list[str]] = {}
        # Pages the search index is built from -> [their shard, the key of what they index]
        self.indexed: dict[str, list[str]] = {}
        self.reused = 0
        self.rendered = 0
        self._places: dict[str | Path, bool] = {}
        self._published = str(self.published)
        self._folders: set[str] = set()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("published") == str(self.published):
                self.previous = dict(data["pages"])
                indexed = data.get("indexed", {})
                self.previous_indexed = dict(indexed) if isinstance(indexed, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no manifest, or a damaged one: every page is rendered

    def reuse(self, name: str, key: str, output: str | Path, search: tuple[str, str] | None = None) -> bool:
        """Whether the page can be taken from the published site; if so, it is put in `output`.
        `search` is the search index shard the page goes in and the key of what it indexes."""
        self.current[name] = key
        if search is not None:
            self.indexed[name] = list(search)
        # Plain strings, and each folder made once: 8,300 pages a rebuild at 2,000 articles.
        source = os.path.join(self._published, name)
        if self.previous.get(name) != key or not os.path.isfile(source):
            self.rendered += 1
            return False
        if not self._in_place(output):
            target = os.path.join(output, name)
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            try:
                os.link(source, target)  # the same bytes, no copy: nothing writes to it again
            except OSError:
                shutil.copy2(source, target)
        self.reused += 1
        return True

    def _in_place(self, output: str | Path) -> bool:
        """Whether the build writes into the published folder itself (`pelican content`)."""
        if output not in self._places:  # resolved once per folder, not once per page
            self._places[output] = Path(output).resolve() == self.published.resolve()
        return self._places[output]

    def shards(self) -> dict[str, list[str]]:
        """Each search index shard of this build and its pages."""
        return _by_shard(self.indexed)

    def unchanged_shards(self) -> set[str]:
        """The shards that would come out as the published ones: the same pages, each indexing
        the same as then (a page rendered anew for what search does not take, such as the kind
        of a name it lists, leaves its shard as it was)."""
        now, before = _keyed_by_shard(self.indexed), _keyed_by_shard(self.previous_indexed)
        return {shard for shard, pages in now.items() if before.get(shard) == pages}

    def reuse_folder(self, name: str, output: Path) -> bool:
        """Take a whole folder (the search index) from the published site, file by file."""
        source, target = self.published / name, Path(output) / name
        if not source.is_dir() or target.resolve() == source.resolve():
            return source.is_dir()
        for path in sorted(source.rglob("*")):
            destination = target / path.relative_to(source)
            if path.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, destination)
            except OSError:
                shutil.copy2(path, destination)
        return True

    def save(self) -> None:
        """Keep the keys of the site just published (atomically)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"published": str(self.published), "pages": self.current, "indexed": self.indexed},
                      out, sort_keys=True)
        os.replace(temporary, self.path)


def _by_shard(indexed: dict[str, list[str]]) -> dict[str, list[str]]:
    """Page names grouped by shard, sorted."""
    shards: dict[str, list[str]] = {}
    for name, (shard, _) in sorted(indexed.items()):
        shards.setdefault(shard, []).append(name)
    return shards


def _keyed_by_shard(indexed: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """(page name, search key) pairs grouped by shard, sorted."""
    shards: dict[str, list[tuple[str, str]]] = {}
    for name, entry in sorted(indexed.items()):
        if isinstance(entry, list) and len(entry) == 2:  # an older manifest's entry counts as changed
            shards.setdefault(entry[0], []).append((name, entry[1]))
    return shards
