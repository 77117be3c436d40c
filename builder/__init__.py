"""Briefing: a Pelican plugin over plain functions that turns news articles into a daily briefing.

Reading, summarising, topic grouping and digesting never import Pelican; only
builder.pelican_plugin does, and it is loaded when Pelican calls register().
"""

__version__ = "0.1.0"


def register() -> None:
    """Pelican's entry point (PLUGINS = ["builder"])."""
    from .pelican_plugin import register as register_with_pelican

    register_with_pelican()
