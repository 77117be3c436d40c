"""A topic's coverage day by day as a small static SVG bar chart, with its text alternative.

The geometry is computed here so that the template only draws what it is given: one bar per
day for articles, a mark for outlets, a few date labels, and a sentence that says what the
chart shows for readers who cannot see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .wording import counted, long_date


CHART_DAYS = 60  # the latest days shown: two months read at a glance; the story so far has the rest
WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 600, 150, 34, 30, 10


@dataclass(frozen=True)
class DayCount:
    """How much one topic was reported on one day."""

    date: dt.date
    articles: int
    outlets: int


def daily_counts(articles_by_day: dict[dt.date, list[tuple[str, str]]]) -> list[DayCount]:
    """Articles and sources per day, from each day's (article id, source key) pairs, every day
    from the first to the last (a day with none counts zero)."""
    if not articles_by_day:
        return []
    first, last = min(articles_by_day), max(articles_by_day)
    days = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        reports = articles_by_day.get(day, [])
        days.append(DayCount(day, len({a for a, _ in reports}), len({s for _, s in reports})))
    return days


@dataclass(frozen=True)
class Bar:
    """One day: its articles bar and outlets mark, in SVG user units."""

    date: dt.date
    articles: int
    outlets: int
    x: float
    width: float
    y: float
    height: float
    outlet_y: float


@dataclass(frozen=True)
class Chart:
    """What the template draws."""

    bars: list[Bar]
    labels: list[tuple[float, str]]  # x and text of the date labels
    peak: int
    peak_y: float
    peak_label_y: float
    width: int
    height: int
    left: float  # where the plot starts
    baseline: float
    label_y: float
    summary: str  # the text alternative


def daily_chart(days: list[DayCount]) -> Chart | None:
    """The chart of the latest CHART_DAYS days, or None when there is nothing to show."""
    days = days[-CHART_DAYS:]
    if not days or not any(d.articles for d in days):
        return None
    peak = max(d.articles for d in days)
    plot_width, plot_height = WIDTH - PAD_LEFT, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_width / len(days)
    baseline = HEIGHT - PAD_BOTTOM

    def y(value: int) -> float:
        return round(baseline - plot_height * value / peak, 1)

    bars = [Bar(d.date, d.articles, d.outlets, round(PAD_LEFT + i * step + step * 0.15, 1), round(step * 0.7, 1),
                y(d.articles), round(baseline - y(d.articles), 1), y(d.outlets)) for i, d in enumerate(days)]
    every = max(1, -(-len(days) // 5))  # at most five date labels
    labels = [(round(b.x + b.width / 2, 1), f"{b.date.day} {b.date:%b}") for b in bars[::every]]
    return Chart(bars, labels, peak, y(peak), y(peak) + 12, WIDTH, HEIGHT, PAD_LEFT - 4, baseline, HEIGHT - 6,
                 _summary(days))


def _summary(days: list[DayCount]) -> str:
    """The chart in one sentence: the span, the total and the busiest day."""
    total = sum(d.articles for d in days)
    busiest = max(days, key=lambda d: (d.articles, d.outlets, d.date))
    reported = sum(1 for d in days if d.articles)
    return (f"From {long_date(days[0].date)} to {long_date(days[-1].date)}: {counted(total, 'article')} on "
            f"{reported} of {counted(len(days), 'day')}; the most on {long_date(busiest.date)}, "
            f"{counted(busiest.articles, 'article')} from {counted(busiest.outlets, 'source')}.")
