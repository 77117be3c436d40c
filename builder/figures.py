"""Figures in news sentences: the number, its unit, what it counts and how it was measured.

sumy ignores tokens with digits, so figures are our own step. A figure is found as a number
("250", "2,400", "2.400", "3.5", "three", "a dozen") with an optional unit ("%", "square
kilometres", "-day") and the noun it counts ("soldiers", "of territory"). Figures from
different sources that count the same thing are grouped; when their values differ the group is
a disagreement, unless their wording shows they measure different things ("held" against
"retaken"): the verb nearest the figure falls into a different class of change.

quantulum3 does this too, but measured 20 ms per sentence here (a whole article costs 13 ms to
read and summarise), so a small pattern set does the job instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .dates import DATE_PATTERN
from .records import quick_state

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "a dozen": 12,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
# Units, normalised: the key under which figures are compared.
_UNITS = [
    (r"%|per ?cent\b|percent\b", "%"),
    (r"(?:square|sq\.?)\s+(?:kilomet(?:re|er)s?|km\.?)|km²|km2|sq\.?\s?km\.?|quadratkilomet(?:er|re)n?", "km²"),
    (r"(?:square|sq\.?)\s+miles?", "sq mi"),
    (r"hectares?", "ha"),
    (r"kilomet(?:re|er)s?|km\b", "km"),
    (r"miles?", "mi"),
    (r"(?:metric\s+)?tonnes?|tons?", "t"),
    (r"barrels?", "barrels"),
    (r"years?", "year"),
    (r"months?", "month"),
    (r"weeks?", "week"),
    (r"days?", "day"),
    (r"hours?", "hour"),
]
_UNIT = "|".join(f"(?:{pattern})" for pattern, _ in _UNITS)
_CURRENCY = r"[$€£¥]|US\$|USD\s|EUR\s"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+(?:\.\d+)?)"
_SPELLED = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<currency>{_CURRENCY})?\s?"
    rf"(?P<number>(?<![\w.,:]){_DIGITS}|\b(?:{_SPELLED})\b)"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|tn|m)\b)?"
    rf"(?:(?:\s?-\s?|\s)?(?P<unit>{_UNIT})(?!\w))?"
    rf"(?P<hyphen>-[A-Za-z])?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_COUNT_STOP = {
    "of", "in", "on", "at", "to", "from", "by", "for", "with", "and", "or", "but", "as", "since", "after",
    "before", "during", "the", "a", "an", "have", "has", "had", "were", "was", "are", "is", "be", "been",
    "said", "that", "which", "who", "than", "more", "less", "per", "ago", "earlier", "later",
}
_VERBS = {"hurt", "remain", "remained", "say", "says", "fled", "went", "came", "left", "lost", "won",
          "took", "made", "died", "will", "would", "could", "may", "must", "can"}
# Classes of what a figure measures, by the verb nearest to it. Two figures of one group whose
# verbs fall into different classes measure different things and do not contradict each other.
MEASURES = {
    "retaken": ("recaptur", "retak", "retook", "regain", "reclaim", "recover", "liberat", "won back", "took back"),
    "taken": ("captur", "seiz", "took", "taken", "conquer", "gain", "advanc", "claimed"),
    "held": ("held", "hold", "occup", "control", "amount"),
    "lost": ("lost", "lose", "ceded", "withdr", "retreat", "abandon"),
    "killed": ("kill", "dead", "died", "death", "fatalit"),
    "wounded": ("wound", "injur"),
    "proposed": ("propos", "offer", "plan", "suggest"),
    "agreed": ("agreed", "accept", "signed"),
}
_APPROXIMATE = re.compile(r"\b(?:about|around|approximately|roughly|some|nearly|almost|over|more than|"
                          r"at least|up to|less than|fewer than|under)\s*$", re.IGNORECASE)
DIFFERENT_VALUE = 0.02  # values further apart than this share disagree


@quick_state
@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in one sentence: value, unit, what it counts, and how it was measured."""

    value: float
    surface: str  # the figure as written: "2,400 square kilometers"
    unit: str  # normalised unit, "" for a plain count
    counts: str  # the noun it counts, lowercased ("soldiers"), "" when none is near
    measure: str  # class of the nearest verb ("retaken", "held"...), "" when none is known
    approximate: bool = False


@dataclass(slots=True)
class Mention:
    """A figure as one source reported it."""

    figure: Figure
    article_id: str
    title: str
    url: str
    anchor: str
    sentence: str
    outlet: str | None = None
    source: str = ""  # who reported it: one outlet's articles are one source

    @property
    def credit(self) -> str:
        """"Outlet: Title", or the title when the outlet is not known."""
        return f"{self.outlet}: {self.title}" if self.outlet else self.title


@dataclass
class FigureGroup:
    """Figures from one or more sources that count the same thing."""

    unit: str
    counts: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def source_count(self) -> int:
        """How many independent sources give a figure of this group."""
        return len({m.source or m.article_id for m in self.mentions})

    @property
    def values(self) -> list[float]:
        """The distinct values given, in ascending order."""
        return sorted({m.figure.value for m in self.mentions})

    @property
    def differ(self) -> bool:
        """Sources give different values for the same measure: a 'sources differ' badge."""
        return any(_disagree(a.figure, b.figure) for a in self.mentions for b in self.mentions
                   if a.article_id != b.article_id)

    @property
    def different_measures(self) -> bool:
        """Values differ, but the wording shows they measure different things."""
        return len(self.values) > 1 and not self.differ

    @property
    def value_labels(self) -> list[str]:
        """The distinct values as a reader writes them: "1,900", "15%", "$4.5bn"."""
        return [_format_value(v, self.unit) for v in self.values]

    @property
    def summary(self) -> str:
        """The group in a few words: "250 soldiers", "45-day truce", "1,900 vs 2,400 square
        kilometres of territory", "15% of territory"."""
        values = " vs ".join(self.value_labels)
        if self.unit in _TIME_UNITS and self.counts:
            return f"{values}-{self.unit} {self.counts}"
        return f"{values} {self.label}".strip()

    @property
    def label(self) -> str:
        """What the group counts, for a heading: "km² (territory)", "soldiers"."""
        thing = self.counts or ""
        unit = "" if self.unit in _CURRENCIES or self.unit == "%" else _unit_words(self.unit)
        if self.unit == "%":
            return f"of {thing}" if thing else ""
        if unit and thing:
            return f"{unit} of {thing}" if self.unit in _SPATIAL else f"{unit}: {thing}"
        return unit or thing


def _format_value(value: float, unit: str) -> str:
    """A value with thousands separators, and the unit when it is a symbol."""
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if unit in _CURRENCIES and abs(value) >= scale:
            return f"{unit}{value / scale:,.10g}{suffix}"
    number = f"{value:,.10g}"
    return f"{unit}{number}" if unit in _CURRENCIES else f"{number}%" if unit == "%" else number


_CURRENCIES = {"$", "€", "£", "¥", "USD", "EUR"}
_TIME_UNITS = {"year", "month", "week", "day", "hour"}


def _unit_words(unit: str) -> str:
    return {"km²": "square kilometres", "sq mi": "square miles", "ha": "hectares", "km": "kilometres",
            "mi": "miles", "t": "tonnes", "%": "per cent"}.get(unit, unit + "s" if unit in {"year", "month", "week", "day", "hour"} else unit)


def parse_number(text: str) -> float | None:
    """The value of a number as written: "2,400", "2.400" (thousands), "3.5", "three"."""
    lowered = text.lower().strip()
    if lowered in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lowered])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", lowered):
        return float(lowered.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", lowered):
        # Groups of exactly three digits after a full stop are thousands ("2.400" in German).
        return float(lowered.replace(".", "").replace(",", "."))
    try:
        return float(lowered)
    except ValueError:
        return None


def extract_figures(sentence: str) -> list[Figure]:
    """Every figure in a sentence, except dates, years and clock times."""
    masked = DATE_PATTERN.sub(lambda m: " " * len(m.group(0)), sentence)
    figures = []
    for match in _FIGURE.finditer(masked):
        number = match.group("number")
        value = parse_number(number)
        if value is None or _is_calendar(masked, match, value) or match.group("hyphen"):
            continue  # "three-quarters", "20-year-old": not a figure of the story
        scale = (match.group("scale") or "").lower()
        unit = _normalise_unit(match.group("unit") or "")
        if number.lower() in {"one", "a dozen"} and not unit:
            continue  # "one of the", "one blogger": not a figure
        if scale:
            value *= _SCALES[scale]
        if match.group("currency"):
            unit = match.group("currency").strip().upper().replace("US$", "$")
        tail = masked[match.end():]
        figures.append(Figure(
            value=value,
            surface=sentence[match.start():match.end()].strip(),
            unit=unit,
            counts=_counted_noun(tail),
            measure=_measure(masked[:match.start()], tail),
            approximate=bool(_APPROXIMATE.search(masked[:match.start()])),
        ))
    return figures


def _is_calendar(text: str, match: re.Match, value: float) -> bool:
    """Years ("in 2024", "1997 borders"), days of months and clock times are not figures."""
    number = match.group("number")
    if re.fullmatch(r"(?:19|20)\d{2}", number) and not match.group("unit"):
        return True
    before = text[max(0, match.start() - 12):match.start()]
    after = text[match.end():match.end() + 12]
    month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    if re.search(rf"{month}\s*$", before) or re.match(rf"\s*(?:st|nd|rd|th)?\s+{month}", after):
        return True
    return bool(re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC)|:\d\d", after)) or number.lower() in {"may"}


def _normalise_unit(text: str) -> str:
    for pattern, unit in _UNITS:
        if re.fullmatch(pattern, text.strip(), re.IGNORECASE):
            return unit
    return ""


def _counted_noun(tail: str) -> str:
    """The noun a figure counts: the head of the phrase after it ("250 Danish soldiers",
    "two years of armed conflict", "12 people hurt")."""
    words: list[str] = []
    for token in re.findall(r"[A-Za-z][\w'’-]*|[^\w\s]", tail[:80]):
        lowered = token.lower()
        if not token[0].isalpha():
            break
        if not words and lowered in {"of", "the", "a", "an", "its", "their", "his", "her"}:
            continue  # "2,400 square kilometres of territory", "15% of the territory"
        if lowered in _COUNT_STOP:
            break
        # Nationalities and participles describe the noun: "Danish soldiers", "armed conflict".
        if not words and (token[0].isupper() or lowered.endswith(("ed", "ing"))):
            continue
        words.append(lowered)
        if len(words) == 2:
            break
    if len(words) == 2 and (words[1] in _VERBS or words[1].endswith(("ed", "ing"))):
        return words[0]  # "12 people hurt"
    return words[-1] if words else ""


def _measure(before: str, after: str) -> str:
    """The class of the verb nearest to the figure, within its clause."""
    window_before = re.split(r"[;:.!?]|\bbut\b|\bwhile\b", before)[-1].lower().split()[-6:]
    window_after = re.split(r"[;:,.!?]", after)[0].lower().split()[:5]
    # Nearest first: the words just before the figure, then just after it.
    for word in list(reversed(window_before)) + window_after:
        for name, stems in MEASURES.items():
            if any(word.startswith(stem) for stem in stems):
                return name
    return ""


def _disagree(a: Figure, b: Figure) -> bool:
    """Two figures of one group contradict: different values for the same measure."""
    if a.measure and b.measure and a.measure != b.measure:
        return False
    low, high = sorted((a.value, b.value))
    return high - low > DIFFERENT_VALUE * max(abs(high), 1e-9)


def group_figures(mentions: Sequence[Mention], stem: Callable[[str], str]) -> list[FigureGroup]:
    """Group mentions that count the same thing: same unit, and the same counted noun (by stem)
    unless the unit is an area or length, which always measures land or distance."""
    groups: dict[tuple[str, str], FigureGroup] = {}
    for mention in mentions:
        figure = mention.figure
        key = (figure.unit, "" if figure.unit in _SPATIAL else stem(figure.counts) if figure.counts else "")
        if key == ("", ""):
            continue  # a bare number with nothing counted says nothing comparable
        group = groups.setdefault(key, FigureGroup(figure.unit, figure.counts))
        if not group.counts and figure.counts:
            group.counts = figure.counts
        group.mentions.append(mention)
    return list(groups.values())


_SPATIAL = {"km²", "sq mi", "ha"}
