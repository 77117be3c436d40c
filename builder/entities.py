"""People, places and organisations named in the articles, with spelling variants merged.

No NLP model is installed (spaCy's English models are not on a reachable registry), so names
are found the way an editor scans a page: runs of capitalised words, with the words around
them as evidence of kind: a title before a person ("President", "spokesman", "General"), a
speech verb after one, a preposition or "region"/"town" beside a place, an acronym or
"Ministry" for an organisation.

Machine translation spells one name several ways. Two names are merged when their
transliterated, phonetically normalised forms are close (rapidfuzz), their given names and
titles do not conflict, and, for a bare surname, exactly one full name of the period fits.
A user's aliases file can force or forbid a merge.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from anyascii import anyascii
from rapidfuzz import fuzz
from slugify import slugify
from sumy.utils import get_stop_words

from .records import Mention

PERSON, PLACE, ORGANISATION = "person", "place", "organisation"
SAME_NAME = 90  # rapidfuzz ratio of normalised names from which two spellings are one name
SAME_GIVEN_NAME = 70  # below this, two given names belong to different people

# Titles and roles that stand before a person's name. Generic news vocabulary, no names.
_TITLES = (
    "president", "vice president", "prime minister", "minister", "foreign minister", "defence minister",
    "defense minister", "secretary", "secretary of state", "secretary-general", "press secretary",
    "spokesman", "spokeswoman", "spokesperson", "general", "army chief", "chief", "commander",
    "chancellor", "advisor", "adviser", "national security advisor", "envoy", "special envoy",
    "ambassador", "senator", "governor", "mayor", "king", "queen", "pope", "chairman", "chairwoman",
    "ceo", "leader", "expert", "analyst", "emissary", "representative", "special representative",
    "taoiseach", "mr", "mrs", "ms", "dr", "lt", "col", "gen", "sgt", "prof",
)
_TITLE_WORDS = {w for t in _TITLES for w in t.split()} | {"of", "state", "national", "security", "foreign",
                                                          "defence", "defense", "special", "press", "vice"}
# Verbs that report speech, in the forms news uses around a quotation or a speaker's name.
SPEECH_VERBS = (r"(?:said|says|stated|states|added|told|asserted|stressed|warned|emphasi[sz]ed|insisted|"
                r"explained|noted|announced|declared|cautioned|mentioned|conveyed|affirmed|confirmed|urged|"
                r"argued|claimed|wrote|replied|reiterated|remarked|expressed|described|countered|elaborated|"
                r"indicated|indicating|stating|saying|asserting|adding|warning|revealed|labell?ing|describing|termed|"
                r"was quoted saying|quoted as saying)")
_SPEECH = re.compile(rf"^\s*,?\s*(?:has\s+|had\s+|have\s+)?{SPEECH_VERBS}\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|to|from|across|around|into|outside|towards?|via|through|of the town of|"
                           r"of the city of|of the region of)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"^\s+(?:region|regions|oblast|province|city|town|village|border|front|frontline|"
                          r"district|area|capital)\b", re.IGNORECASE)
_ORG_WORDS = {"ministry", "council", "union", "agency", "office", "department", "parliament", "government",
              "army", "forces", "staff", "committee", "party", "bank", "company", "organisation",
              "organization", "house", "commission", "court", "media", "news", "service"}
# Capitalised words that open sentences or name times, never entities on their own.
_NOT_NAMES = {
    "the", "a", "an", "on", "in", "at", "as", "by", "for", "from", "with", "and", "but", "or", "if", "while",
    "after", "before", "during", "despite", "meanwhile", "however", "this", "that", "these", "those", "it",
    "he", "she", "they", "we", "i", "his", "her", "their", "our", "its", "some", "many", "both", "all",
    "each", "other", "others", "also", "still", "yet", "so", "then", "there", "here", "what", "when",
    "where", "who", "why", "how", "not", "no", "yes", "reports", "report", "according", "amid", "since",
    "until", "under", "over", "given", "with", "without", "recent", "latest", "former", "further",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday", "tomorrow", "analysts", "observers", "experts", "officials", "critics",
    "importantly", "similarly", "consequently", "nevertheless", "notably", "internationally", "looking",
    "reflecting", "scheduling", "entering", "talks", "regardless", "global", "western", "eastern",
}
# Function words never start a name ("Although Smith claims ..."): sumy's stop-word list.
_NOT_NAMES |= set(get_stop_words("english"))
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.-]*[\w]|[A-Z])(?:\s+(?:(?:de|van|von|bin|al|of|la|le)\s+)?(?:[A-Z][\w'’.-]*[\w]|[A-Z]))*")
# Demonyms and adjectives of nationality describe, they do not name ("Danish forces").
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|can|ern)$")
_PLURAL_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians|eans|ans)$")


@dataclass
class Entity:
    """One person, place or organisation, under all the spellings the sources used."""

    name: str  # canonical: the most used full form
    kind: str
    slug: str
    variants: list[str] = field(default_factory=list)  # every spelling, canonical first
    titles: list[str] = field(default_factory=list)

    @property
    def also_written_as(self) -> list[str]:
        """The other spellings."""
        return [v for v in self.variants if v != self.name]


# Every title at once, longest first: the earliest match that ends the text is the longest title.
_TITLE_AT_END = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + r")\.?,?$")


def mentions_key(mentions: Iterable[Iterable[Mention]]) -> str:
    """A hash of an article's mentions as EntityIndex.add_period reads them: names, in order,
    with their titles, kinds and whether they open a sentence (not where they stand in it)."""
    fields = [(m.name, m.initial, m.kind, m.title) for names in mentions for m in names]
    return hashlib.sha256(repr(fields).encode()).hexdigest()


def find_mentions(sentence: str) -> list[Mention]:
    """The names in a sentence: runs of capitalised words, split at titles and possessives
    ("Norway's Army Chief X" names Norway and X), without sentence openers or demonyms."""
    mentions = []
    for match in _NAME_RUN.finditer(sentence):
        segment: list[tuple[str, int]] = []  # (word, position) of the name being collected
        title_words: list[str] = []
        position = match.start()
        for word in match.group(0).split():
            position = sentence.index(word, position)
            bare = word.lower().strip(".")
            if bare in _TITLE_WORDS and not (segment and bare == "of"):
                mentions += _emit(sentence, segment, " ".join(title_words), title_after=True)
                segment, title_words = [], [] if not title_words or segment else title_words
                title_words.append(bare)
            elif re.search(r"['’]s$", word):
                segment.append((re.sub(r"['’]s$", "", word), position))
                mentions += _emit(sentence, segment, " ".join(title_words))
                segment, title_words = [], []
            else:
                segment.append((word, position))
            position += len(word)
        mentions += _emit(sentence, segment, " ".join(title_words))
    return mentions


_LIST_MARK = re.compile(r"(?:^|\s)[-–—•*]$")


def _emit(sentence: str, segment: list[tuple[str, int]], title: str, title_after: bool = False) -> list[Mention]:
    """A mention for a collected run of words, unless it is an opener, a demonym or too short."""
    while segment and (segment[0][0].lower().strip(".") in _NOT_NAMES or _is_demonym(segment[0][0], segment)):
        segment = segment[1:]
    while segment and segment[-1][0].lower() in {"of", "de", "van", "von", "la", "le"}:
        segment = segment[:-1]
    if not segment:
        return []
    name = " ".join(word for word, _ in segment)
    start = segment[0][1]
    end = segment[-1][1] + len(segment[-1][0])
    single = len(segment) == 1
    if len(name) < 2 or name.lower() in _NOT_NAMES or _PLURAL_DEMONYM.match(name):
        return []
    if single and ("-" in name or _DEMONYM.match(name)) and (_followed_by_lowercase(sentence, end) or title_after):
        return []  # "Danish forces", "Peru-Chile dispute", "Polish Foreign Minister": they describe
    title = _title_before(sentence[:start]) or title
    before = sentence[:start].rstrip()
    # Opens the sentence, a quotation or (one word) a list item ("- Announced that ..."): its
    # capital may be the position's, not a name's.
    initial = (not before.strip(" \"“‘'(") or before[-1] in "\"“‘«„("
               or (single and bool(_LIST_MARK.search(before))))
    return [Mention(name, start, end, title, _kind(sentence, start, end, name, title), initial)]


def _is_demonym(word: str, segment: list) -> bool:
    """'French' in 'French President X': an adjective before a title or another name."""
    return bool(_DEMONYM.match(word)) and len(segment) > 1


def _followed_by_lowercase(sentence: str, end: int) -> bool:
    after = sentence[end:end + 2].strip()
    return bool(after) and after[0].islower()


def _title_before(text: str) -> str:
    """A title written just before the name, lowercase ("secretary of state")."""
    match = _TITLE_AT_END.search(text.lower().rstrip()[-40:])
    return match.group(1) if match else ""


def _kind(sentence: str, start: int, end: int, name: str, title: str) -> str:
    """What this mention suggests the name is."""
    after = sentence[end:]
    words = name.split()
    if re.fullmatch(r"[A-Z]{3,}", name) or words[-1].lower() in _ORG_WORDS:
        return ORGANISATION
    if title or _SPEECH.match(after):
        return PERSON
    if _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(sentence[:start]):
        return PLACE
    return ""


def _role(title: str) -> str:
    """The role a title names, so "spokesman" and "spokesperson", "minister" and "foreign
    minister" agree."""
    head = title.split()[-1]
    return {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "adviser": "advisor",
            "chairwoman": "chairman", "gen": "general"}.get(head, head)


@functools.lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """A spelling-neutral form of a name: ASCII, lowercase, common transliteration variants
    folded (German sch/w/j, doubled letters, -yy/-ij endings, z/s)."""
    text = anyascii(name).lower()
    text = re.sub(r"[^a-z ]", "", text)
    for pattern, replacement in (("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("dzh", "j"), ("w", "v"),
                                 ("ij\\b", "iy"), ("yj\\b", "y"), ("yy\\b", "y"), ("j", "y"), ("z", "s"),
                                 ("ck", "k"), ("ph", "f"), ("kh", "h"), ("ie", "i"), ("ei", "ey")):
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters: "Gerassimov"
    return re.sub(r"(?<=[a-z])(?:i|y)\b", "y", text)  # "-i" and "-y" endings: "-ski" and "-sky"


@functools.lru_cache(maxsize=500_000)  # overlapping periods compare the same pairs again
def same_name(a: str, b: str) -> bool:
    """Whether two spellings may name the same thing: close normalised surnames, and given names
    (when both have them) that do not conflict."""
    na, nb = normalise(a).split(), normalise(b).split()
    if not na or not nb:
        return False
    if not _close(na[-1], nb[-1]):
        return False
    if len(na) > 1 and len(nb) > 1 and fuzz.ratio(" ".join(na[:-1]), " ".join(nb[:-1])) < SAME_GIVEN_NAME:
        return False
    return True


@functools.lru_cache(maxsize=500_000)
def _same_full(a: str, b: str) -> bool:
    """Two full names may be one: the same name by `same_name`, or one's given names a part of
    the other's ("Vladimir Putin", "Vladimir Vladimirovich Putin")."""
    if a == b or same_name(a, b):
        return True
    na, nb = normalise(a).split(), normalise(b).split()
    if not na or not nb or not _close(na[-1], nb[-1]):
        return False
    short, long = sorted((na[:-1], nb[:-1]), key=len)
    return set(short) <= set(long)


def forget_name_memos() -> None:
    """Empty the memos of name comparisons (kept while a build merges its names)."""
    for memo in (normalise, same_name, _same_full, _close):
        memo.cache_clear()


def _block(name: str) -> str:
    """The comparison block of a name: the first letters of its normalised surname."""
    words = normalise(name).split()
    return words[-1][:2] if words else ""


@functools.lru_cache(maxsize=500_000)
def _close(a: str, b: str) -> bool:
    """Two normalised words are one name: near-identical, or one a short extension of the other."""
    if a == b or fuzz.ratio(a, b) >= SAME_NAME:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.startswith(short) and len(long) - len(short) <= 2


@dataclass
class Aliases:
    """A user's corrections: names that must be one entity, and names that must never merge."""

    force: list[tuple[str, ...]] = field(default_factory=list)
    forbid: list[tuple[str, str]] = field(default_factory=list)

    def forbids(self, a: str, b: str) -> bool:
        """Whether the user forbade merging these two names."""
        return any({a, b} == {x, y} for x, y in self.forbid)


def parse_aliases(text: str, source: str = "aliases file") -> tuple[Aliases, list[str]]:
    """Read an aliases file: 'Canonical = Variant, Variant' forces, 'Name != Name' forbids.
    Returns the aliases and one problem per bad line."""
    aliases, problems = Aliases(), []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "!=" in line:
            left, right = (p.strip() for p in line.split("!=", 1))
            if left and right:
                aliases.forbid.append((left, right))
                continue
        elif "=" in line:
            left, right = line.split("=", 1)
            names = [left.strip()] + [n.strip() for n in right.split(",") if n.strip()]
            if names[0] and len(names) > 1:
                aliases.force.append(tuple(names))
                continue
        problems.append(f"{source}, line {number}: expected 'Name = Variant, Variant' or 'Name != Name', got {line!r}")
    return aliases, problems


class EntityIndex:
    """Every name of the site, merged into entities; grown one briefing period at a time."""

    def __init__(self, aliases: Aliases | None = None):
        self.aliases = aliases or Aliases()
        self._parent: dict[str, str] = {}
        self._kinds: dict[str, Counter] = defaultdict(Counter)
        self._titles: dict[str, Counter] = defaultdict(Counter)
        self._count: Counter = Counter()
        self._inside: set[str] = set()  # names seen inside a sentence, not only at its start
        self._seen: set[tuple[str, str]] = set()  # (article, spelling) already counted
        # Each spelling's slug, made once and kept with the index (and its snapshot): slugifying
        # every entity's name took 0.54 s of a 2,000-article daily rebuild's 16.7 s (profiled).
        self._slugs: dict[str, str] = {}
        # Each group's full (multi-word) names: a bare surname seen beside one full name in one
        # period and beside another in the next must not chain the two into one entity. On the
        # 2,000-article BBC benchmark "Economics" glued London School of Economics, ClearView
        # Economics and Institute of Economic into one "person".
        self._fulls: dict[str, tuple[str, ...]] = {}
        for names in self.aliases.force:
            for name in names[1:]:
                self._union(names[0], name)

    def add_period(self, mentions: Iterable[tuple[str, Mention]]) -> None:
        """Record a period's mentions (with the article each is in) and merge the spellings that
        name the same thing. Names are compared only within the period: the cost grows with the
        archive, not its square. Periods may overlap; an article counts once per spelling.
        """
        names: dict[str, None] = {}
        for article_id, mention in mentions:
            names.setdefault(mention.name)
            self._find(mention.name)
            if (article_id, mention.name) in self._seen:
                continue
            self._seen.add((article_id, mention.name))
            self._count[mention.name] += 1
            self._slug(mention.name)
            if not mention.initial:
                self._inside.add(mention.name)
            if mention.kind:
                self._kinds[mention.name][mention.kind] += 1
            if mention.title:
                self._titles[mention.name][mention.title] += 1
        ordered = sorted(names, key=lambda n: (-len(n.split()), n))
        # Only names whose normalised surnames start alike are compared: variants share their
        # opening letters once transliteration is folded, and the pairs stay few.
        blocks: dict[str, list[str]] = defaultdict(list)
        for name in ordered:
            blocks[_block(name)].append(name)
        for block in blocks.values():
            full = [n for n in block if len(n.split()) > 1]
            singles = [n for n in block if len(n.split()) == 1]
            for i, a in enumerate(full):
                for b in full[i + 1:]:
                    if self._mergeable(a, b):
                        self._union(a, b)
            # A bare surname joins the one full name of the period it fits; if several fit, none.
            for name in singles:
                fits = {self._find(f) for f in full if self._fits_surname(name, f)}
                if len(fits) == 1 and self._joinable(name, target := fits.pop()):
                    self._union(name, target)
            for i, a in enumerate(singles):
                for b in singles[i + 1:]:
                    if self._mergeable(a, b):
                        self._union(a, b)

    @property
    def forced_names(self) -> set[str]:
        """Every name the aliases file mentions."""
        return {n for names in self.aliases.force for n in names}

    def _mergeable(self, a: str, b: str) -> bool:
        if (self._find(a) == self._find(b) or self.aliases.forbids(a, b) or not same_name(a, b)
                or not self._joinable(a, b)):
            return False
        kinds_a, kinds_b = self._kind_of(a), self._kind_of(b)
        if kinds_a and kinds_b and kinds_a != kinds_b:
            return False
        titles_a, titles_b = {_role(t) for t in self._titles[a]}, {_role(t) for t in self._titles[b]}
        # Two people with titles that never overlap ("spokesman", "general") are two people.
        return not (titles_a and titles_b and not titles_a & titles_b and kinds_a == PERSON)

    def _fits_surname(self, single: str, full: str) -> bool:
        if self.aliases.forbids(single, full):
            return False
        surname = full.split()[-1]
        return _close(normalise(single), normalise(surname))

    def _kind_of(self, name: str) -> str:
        counts = self._kinds.get(name)
        return counts.most_common(1)[0][0] if counts else ""

    def _slug(self, name: str) -> str:
        """The name's slug, memoised."""
        if name not in self._slugs:
            self._slugs[name] = slugify(name)
        return self._slugs[name]

    def _joinable(self, a: str, b: str) -> bool:
        """Whether the full names of two groups could all be one name."""
        fulls_a, fulls_b = self._fulls.get(self._find(a), ()), self._fulls.get(self._find(b), ())
        return all(_same_full(x, y) for x in fulls_a for y in fulls_b)

    def _find(self, name: str) -> str:
        if name not in self._parent:
            self._parent[name] = name
            if len(name.split()) > 1:
                self._fulls[name] = (name,)
        while self._parent[name] != name:
            self._parent[name] = self._parent[self._parent[name]]
            name = self._parent[name]
        return name

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            root, child = min(ra, rb), max(ra, rb)
            self._parent[child] = root
            merged = self._fulls.get(root, ()) + self._fulls.pop(child, ())
            if merged:
                self._fulls[root] = merged

    def entities(self) -> dict[str, Entity]:
        """Every entity by each of its spellings."""
        groups: dict[str, list[str]] = defaultdict(list)
        for name in self._parent:
            groups[self._find(name)].append(name)
        # A capitalised word only ever seen opening a sentence, with nothing saying it is a name
        # ("Representatives", "Saving"), is an ordinary word: a group needs some evidence.
        groups = {root: members for root, members in groups.items()
                  if any(m in self._inside or self._kinds.get(m) or m in self.forced_names for m in members)}
        forced = {names[0] for names in self.aliases.force}
        by_name: dict[str, Entity] = {}
        slugs: Counter = Counter()
        for members in sorted(groups.values(), key=lambda m: sorted(m)):
            kinds = Counter()
            titles = Counter()
            for member in members:
                kinds.update(self._kinds.get(member, {}))
                titles.update(self._titles.get(member, {}))
            # The canonical name: the user's, else the most used full spelling.
            canonical = next((m for m in members if m in forced), None) or max(
                members, key=lambda m: (len(m.split()) > 1, self._count[m], -len(m), m))
            kind = kinds.most_common(1)[0][0] if kinds else ""
            slug = self._slug(canonical) or "entity"
            slugs[slug] += 1
            if slugs[slug] > 1:
                slug = f"{slug}-{slugs[slug]}"
            entity = Entity(canonical, kind, slug,
                            variants=[canonical] + sorted(m for m in members if m != canonical and self._count[m]),
                            titles=[t for t, _ in titles.most_common(3)])
            for member in members:
                by_name[member] = entity
        return by_name
