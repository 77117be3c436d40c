"""How often Python's cycle collector runs while a build holds its archive in memory."""

from __future__ import annotations

import gc

# Python collects its youngest objects every 700 allocations and the whole heap each time it has
# grown by a quarter; a build allocates millions of long-lived records (sentences, sources,
# Pelican's articles), which every collection walks again. Unpickling the people index of the
# 2,000-article benchmark took 0.70 s with Python's thresholds and 0.045 s with the collector
# off. On that benchmark, in five alternating runs from one cached state (medians, the whole
# process): a rebuild after one added article 6.64 s with these thresholds against 7.33 s
# (one changed: 6.48 against 7.06 s); 266 young-generation collections against 1,257 and 2
# full ones against 8. Cycles are still collected, only less often; peak memory was the same
# (the cold build's process tree 461-463 MiB against 462-466).
THRESHOLDS = (100_000, 50, 100)


def collect_less() -> tuple[int, int, int]:
    """Raise the collector's thresholds for a build; returns the ones to restore."""
    previous = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    return previous


def restore(thresholds: tuple[int, ...]) -> None:
    """Put back the thresholds a build started with."""
    gc.set_threshold(*thresholds)
