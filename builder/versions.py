"""Fingerprints of the code behind each cached result, so a code change never reuses stale ones."""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(*modules: str) -> str:
    """A short hash of the source of the named modules of this package."""
    digest = hashlib.sha256()
    for module in sorted(modules):
        digest.update(module.encode())
        digest.update((_PACKAGE / f"{module}.py").read_bytes())
    return digest.hexdigest()[:16]
