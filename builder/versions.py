"""Fingerprints of the code behind each cached result, so a code change never reuses stale ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(*modules: str) -> str:
    """A short hash of the source of the named modules (or subpackages) of this package."""
    digest = hashlib.sha256()
    for module in sorted(modules):
        folder = _PACKAGE / module
        files = sorted(folder.glob("*.py")) if folder.is_dir() else [_PACKAGE / f"{module}.py"]
        for path in files:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
