"""How often Python's cycle collector runs while a build holds its archive in memory."""

from __future__ import annotations

import gc

# Python collects its youngest objects every 700 allocations and the whole heap each time it has
# grown by a quarter; a build allocates millions of long-lived records (sentences, sources,
# Pelican's articles), which every collection walks again. On the 2,000-article benchmark, in
# alternating runs from one cached state, a rebuild after one added article took 4.7-5.8 s with
# these thresholds against 6.8-7.6 s with Python's (changed: 6.0-6.2 against 7.3-8.4 s); with the
# collector off, 5.1-5.4 s. Cycles are still collected, only less often.
THRESHOLDS = (100_000, 50, 100)


def collect_less() -> tuple[int, int, int]:
    """Raise the collector's thresholds for a build; returns the ones to restore."""
    previous = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    return previous


def restore(thresholds: tuple[int, ...]) -> None:
    """Put back the thresholds a build started with."""
    gc.set_threshold(*thresholds)
