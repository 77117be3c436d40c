"""Briefing: a Pelican plugin over plain functions that turns news articles into a daily briefing.

Reading, summarising, topic grouping and digesting never import Pelican; only
builder.pelican_plugin does, and it is loaded when Pelican calls register().
"""

import sys

__version__ = "0.1.0"


def _import_nltk_without_scipy_stats() -> None:
    """Import NLTK (sumy's tokenizer and stemmer) without the scipy.stats it tries for one
    function Briefing never calls (nltk.metrics.association's fisher_exact, which then raises
    NotImplementedError): scipy.stats took 0.53 s of the 1.1 s of imports that every build
    pays, measured with `python -X importtime`. scipy.stats imports normally afterwards."""
    if "nltk" in sys.modules or "scipy.stats" in sys.modules:
        return
    sys.modules["scipy.stats"] = None  # makes `from scipy.stats import ...` an ImportError
    try:
        import nltk  # noqa: F401
    finally:
        if "scipy.stats" in sys.modules and sys.modules["scipy.stats"] is None:
            del sys.modules["scipy.stats"]


_import_nltk_without_scipy_stats()


def register() -> None:
    """Pelican's entry point (PLUGINS = ["builder"])."""
    from .pelican_plugin import register as register_with_pelican

    register_with_pelican()
