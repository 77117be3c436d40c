"""How often Python's cycle collector runs while a build holds its archive in memory, and when
the memory it freed goes back to the system."""

from __future__ import annotations

import ctypes
import gc
import os

# Python collects its youngest objects every 700 allocations and the whole heap each time it has
# grown by a quarter; a build allocates millions of long-lived records (sentences, sources,
# Pelican's articles), which every collection walks again. In a profiled rebuild of the
# 2,000-article benchmark after one added article, the collector ran 1,257 times (8 over the
# whole heap) and reading back the kept quotation merges took 0.58 s; with these thresholds, 157
# times (1) and 0.06 s. In five alternating runs from one cached state (medians, the whole
# process, with records.quick_state): one added 6.64 s against 7.33 s, one changed 6.48 against
# 7.06 s. Cycles are still collected, only less often; the cold build's process tree peaked at
# 457-463 MiB in four runs against 462-466 before.
THRESHOLDS = (100_000, 50, 100)


def collect_less() -> tuple[int, int, int]:
    """Raise the collector's thresholds for a build; returns the ones to restore."""
    previous = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    return previous


def restore(thresholds: tuple[int, ...]) -> None:
    """Put back the thresholds a build started with."""
    gc.set_threshold(*thresholds)


# glibc's malloc_trim, looked up once among the symbols this process has loaded; None elsewhere,
# where the allocator keeps what it keeps.
_MALLOC_TRIM = getattr(ctypes.CDLL(None), "malloc_trim", None)
# Before the search index is written (Pagefind's runs add to the building process's memory), a
# process this large gives back what it freed. Measured in a cold build of the 20,000-article
# benchmark: 868 -> 827 MiB, in 2.1 s of 373 s; at 5,000, 332 -> 319 MiB in 0.8 s. Smaller
# processes (a 2,000-article site's rebuild: about 300 MiB) are far from any limit and skip it.
TRIM_ABOVE_MIB = 512


def give_back_memory() -> None:
    """Collect cycles, then return the allocator's free memory to the system."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def resident_mib() -> float:
    """This process's resident memory in MiB (0 where /proc is not there to say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0
