"""Finding the article files in content/: each file once, no link followed out of the tree.

Real content folders hold hidden files and editors' backups, links to folders (sometimes back
into the tree, which would loop), links to files elsewhere on the disk, and files of formats
no reader knows. Each is decided here, before anything is read, and every file left out for a
reason the user may not expect is named in a warning.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .records import Problem


@dataclass(frozen=True)
class ArticleFile:
    """One file to read: where it is, and its path inside content/ (it gives the article's id)."""

    path: str  # absolute
    name: str  # posix path relative to content/


@dataclass
class Discovery:
    """What the walk found."""

    files: list[ArticleFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: int = 0  # hidden files and folders, editors' backups
    folder_links: list[str] = field(default_factory=list)  # linked folders inside content/, not walked
    paths: frozenset[str] = frozenset()  # the absolute paths of the files, to look one up


def discover(content: Path, extensions: tuple[str, ...], excludes: tuple[str, ...] = (),
             ignore: tuple[str, ...] = (), shown: Path | None = None) -> Discovery:
    """Every article file under content/, sorted; links are never followed as folders."""
    content = Path(os.path.abspath(content))
    real_root = content.resolve()
    shown = shown or content.parent
    found = Discovery()
    excluded = {PurePosixPath(e.strip("/")) for e in excludes}
    for folder, dirs, files in os.walk(content, followlinks=False):
        relative = PurePosixPath(Path(folder).relative_to(content).as_posix())
        dirs[:] = sorted(d for d in dirs if _keep_folder(content, relative, d, excluded, ignore, found, shown))
        for name in sorted(files):
            _consider(content, real_root, relative / name, extensions, ignore, found, shown)
    found.paths = frozenset(f.path for f in found.files)
    return found


def _keep_folder(content, relative, name, excluded, ignore, found: Discovery, shown) -> bool:
    path = relative / name if str(relative) != "." else PurePosixPath(name)
    if _hidden(name, ignore):
        found.ignored += 1
        return False
    if path in excluded:
        return False
    full = content / path
    if full.is_symlink():
        # Walking a linked folder can loop (a link back up the tree) or read a file twice.
        target = full.resolve()
        if not _inside(target, content.resolve()):
            found.problems.append(Problem(_show(full, shown), f"a link to a folder outside content/ ({target}); not followed"))
        found.folder_links.append(str(path))
        return False
    return True


def _consider(content, real_root, path, extensions, ignore, found: Discovery, shown) -> None:
    path = PurePosixPath(str(path).removeprefix("./"))
    full = content / path
    if _hidden(path.name, ignore):
        found.ignored += 1
        return
    if full.is_symlink():
        target = full.resolve()
        if not target.exists():
            found.problems.append(Problem(_show(full, shown), "a broken link; not read"))
        elif not _inside(target, real_root):
            found.problems.append(Problem(_show(full, shown), f"a link to a file outside content/ ({target}); not read"))
        # A link to a file inside content/: that file is read from its own place, once.
        return
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in extensions:
        found.problems.append(Problem(_show(full, shown), f"no reader for {'.' + suffix if suffix else 'files without an extension'} "
                                      f"files (Briefing reads {', '.join('.' + e for e in extensions)}); not read"))
        return
    found.files.append(ArticleFile(str(full), str(path)))


def _hidden(name: str, ignore: tuple[str, ...]) -> bool:
    """Hidden files, editors' backups and lock files, and the user's IGNORE_FILES patterns."""
    return (name.startswith(".") or name.endswith("~") or name.startswith("#")
            or any(fnmatch.fnmatch(name, pattern.split("/")[-1]) for pattern in ignore))


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _show(path: Path, shown: Path) -> str:
    try:
        return os.path.relpath(path, shown)
    except ValueError:
        return str(path)
