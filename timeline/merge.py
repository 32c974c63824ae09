"""Merge the events of all articles into one timeline entry per real-world event.

Needs: Event (one mention each), Article. Adds: Timeline with merged events and stable ids.

Like GDELT, an event is kept apart from its mentions: every mention is kept. Two mentions
are the same event when their dates are compatible (one interval lies within the other),
they share an actor (or neither names one), and they say the same thing (kind, trigger and
TF-IDF similarity of their sentences). Candidates are blocked by date, so the cost grows
with the number of events that share days, never with all pairs of a corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import Stemmer  # PyStemmer: the Snowball stemmers in C

from timeline.events.lexicon import lexicon
from timeline.model import Article, Event, Mention, Timeline, When

# The evidence that two mentions report one happening (``_score``), and how much of it they
# need, by how their dates relate.
W_COSINE, W_KIND, W_TRIGGER, W_ACTORS, W_PLACE, W_STRANGERS = 0.8, 0.6, 0.15, 0.25, 0.15, 0.1
SAME_DATE_THRESHOLD = 0.3  # same day, or the same coarse period
NESTED_THRESHOLD = 0.7  # a coarser mention joins a finer event only when the text says so
CONFLICT_THRESHOLD = 1.0  # a nearby but different day: the same event with disputed dates
MIN_COSINE = 0.1  # the sentences must share some telling word, unless the trigger or place agree
GENERIC_MIN_COSINE = 0.2  # ... and more of it when the kinds agree only loosely (two statements)
COARSE_MIN_COSINE = 0.3  # ... and share much more when one mention is dated only to a month or more
CONFLICT_WINDOW = dt.timedelta(days=3)
SETTING_SHARE = 0.05  # a place named by more of a pile's mentions than this is its setting
SURE = 1.2  # evidence that no more of a cluster's mentions need be compared for
UNION_THRESHOLD = 0.5  # a mention this sure of two events makes them one
MAX_BUCKET = 24  # the clusters of one blocking key a mention looks at (the latest)
MAX_CANDIDATES = 6  # ... and of all its keys, those sharing most keys with it
MAX_COMPARED = 8  # the mentions of one cluster a newcomer is compared with
_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have had it its this that "
    "these those he she they we i you his her their our said says say will would could should may might not no "
    "also than then there here which who whom what when where while after before about into over under more most "
    "some any all other such only own same so too very can just do does did".split()
)
_GRANULARITY_ORDER = ("day", "week", "month", "quarter", "season", "year", "decade", "century")


def merge(events: Iterable[Event], articles: tuple[Article, ...] = (), title: str = "Timeline") -> Timeline:
    """One entry per real-world event; events sorted by start, end, then title; ids stable."""
    published = {a.id: a.published for a in articles}
    items = sorted(_canonical_actors(list(events)), key=lambda e: _mention_key(e.mentions[0], published))
    vectors = _tfidf([e.mentions[0] for e in items])
    sides = _sides(items)
    setting = _setting(items)
    clusters: list[_Cluster] = []
    blocks = _Blocks()
    ordered = sorted(zip(items, vectors, sides, strict=True), key=lambda p: _precision_first(p[0], published))
    for order, (event, vector, side) in enumerate(ordered):
        facts = _Facts.of(event, vector, side, setting, order)
        keys = blocks.keys(facts)
        scored = [(score, n, c) for n, c in enumerate(blocks.candidates(event, keys)) if (score := _score(facts, c)) > 0]
        if len(scored) > 1:
            scored.sort(key=lambda t: (-t[0], t[1]))
        if not scored:
            best = _Cluster()
            clusters.append(best)
        else:
            best = scored[0][2]
            for score, _, other in scored[1:]:
                if score < UNION_THRESHOLD:
                    break
                small, big = sorted((best, other), key=lambda c: len(c.members))  # so that a mention moves seldom
                if big.absorb(small):
                    small.into = big  # the mention is surely of both: they are one event, told two ways
                    best = big
        best.add(facts)
        blocks.add(best, event, keys)
    merged = [_combine(c.events, published) for c in clusters if c.into is None]
    merged.sort(key=lambda e: (e.when.start, e.when.end, e.title, e.id))
    return Timeline(articles=articles, events=tuple(merged), title=title)


class _Facts(NamedTuple):
    """What merging compares of one mention, worked out once."""

    event: Event
    text: _Text
    side: tuple[str, ...]  # actors, and the countries its people act for
    article: str
    start: int
    sentence_start: int
    trigger: str | None  # the trigger's stem ("announcement": "announc"), unless a verb of saying (which tells nothing)
    kinds: frozenset[str]  # its own kind and those the words around its date name
    places: frozenset[frozenset[str]]  # each place as the set of its words
    coarse: bool  # dated to a month or more
    order: int = 0  # when merging met it
    specific: str | None = None  # its kind, if one that names one sort of happening (deaths, a verdict)
    generic: bool = False  # its kind is one many reports of a day share (a statement)
    conditional: bool = False

    @classmethod
    def of(cls, event: Event, text: _Text, side: tuple[str, ...], setting: frozenset[frozenset[str]] = frozenset(),
           order: int = 0) -> _Facts:
        mention = event.mentions[0]
        lemma = _stem(mention.lemma.lower()) if mention.lemma and mention.lemma not in lexicon().reporting else None
        kinds = text.kinds | {event.kind} if event.kind else text.kinds
        places = frozenset(words for p in event.places if (words := _place_words(p)) not in setting)
        lex = lexicon()
        specific = event.kind if lex.specific(event.kind) else None
        generic = event.kind is not None and specific is None
        if generic and mention.lemma in _merge_rules()["announcing"]:
            named = sorted(k for k in text.kinds if lex.specific(k))
            if len(named) == 1:  # "the truce announcement": the truce, as its reports tell it
                specific, generic = named[0], False
        return cls(event, text, side, mention.article, mention.start, mention.sentence_start, lemma, kinds, places, _coarse(event),
                   order, specific, generic, event.status == "conditional")


def _setting(events: list[Event]) -> frozenset[frozenset[str]]:
    """The places a pile keeps naming (Mexico in a pile about swine flu), and countries
    (Syria): where its story is set, too wide to show that two reports tell one happening."""
    lex = lexicon()
    countries = {*lex.capitals.values(), *lex.demonyms.values(), *lex.aliases.values()}
    counts = Counter(words for e in events for words in {_place_words(p) for p in e.places})
    common = {words for words, n in counts.items() if n > max(5, SETTING_SHARE * len(events))}
    return frozenset(common | {_place_words(c) for c in countries})


@dataclass(eq=False)  # compared by identity: two events with the same mentions are still two
class _Cluster:
    """The mentions of one event so far, and what every newcomer must fit: the dates they
    give, and the sentences each article gives it."""

    members: list[_Facts] = field(default_factory=list)
    whens: dict[When, None] = field(default_factory=dict)  # distinct dates, in order
    sentences: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    days: dict[str, set[When]] = field(default_factory=lambda: defaultdict(set))

    into: _Cluster | None = None  # the cluster this one was merged into

    @property
    def events(self) -> list[Event]:
        return [m.event for m in self.members]

    def root(self) -> _Cluster:
        """The event this one now belongs to (paths shortened as they are walked)."""
        root = self
        while root.into is not None:
            root = root.into
        cluster = self
        while cluster.into is not None and cluster.into is not root:
            cluster.into, cluster = root, cluster.into
        return root

    def absorb(self, other: _Cluster) -> bool:
        """Take in ``other``'s mentions if every one of them fits this event; say whether it did."""
        if other is self or not all(_fits(m, self) for m in other.members):
            return False
        for member in other.members:
            self.add(member)
        return True

    def add(self, facts: _Facts) -> None:
        self.members.append(facts)
        self.whens.setdefault(facts.event.when)
        self.sentences[facts.article].add(facts.sentence_start)
        self.days[facts.article].add(facts.event.when)

    def compared(self) -> list[_Facts]:
        """The members a newcomer is compared with: all of a small event, the first and the
        latest of a big one (a long story's mentions are alike), so that cost stays bounded."""
        if len(self.members) <= MAX_COMPARED:
            return self.members
        return self.members[: MAX_COMPARED // 4] + self.members[-(MAX_COMPARED - MAX_COMPARED // 4) :]


def _sides(events: list[Event]) -> list[tuple[str, ...]]:
    """Each event's actors with the countries the corpus says its people act for, so that
    "Vucic and Kurti" can meet "Serbia and Kosovo" (from titles like "Serbian President")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        for person, nation in event.affiliations:
            votes[person][nation] += 1
    country = {p: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for p, c in votes.items()}
    by_surname = {p.split()[-1]: c for p, c in country.items()}
    sides = []
    for event in events:
        countries = [country.get(a) or by_surname.get(a.split()[-1]) for a in event.actors]
        sides.append(tuple(dict.fromkeys([*event.actors, *(c for c in countries if c)])))
    return sides


class _Blocks:
    """Where to look for an event's cluster, so that it meets only the few that might match.

    Two mentions can reach the merge threshold only by sharing something: one of the most
    telling words of their sentences, an actor or a place. So clusters are indexed by day (day- and
    week-level ones, with a window of a few days for reports that disagree on the date) or
    by period (coarser ones), each with those words and actors; an event looks up only its
    own. A coarser mention also meets finer clusters in its period that share one of its
    actors (by month): "in May" joins a May meeting only if the text makes it the same event.
    On a busy day a common key ("kind:deaths", "@Obama") holds many clusters: only its latest
    ``MAX_BUCKET`` are looked at, so the cost grows with the events, not with their pairs.
    """

    KEY_WORDS = 4

    def __init__(self) -> None:
        self.by_day: dict[tuple[dt.date, str], list[_Cluster]] = defaultdict(list)
        self.by_value: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
        self.by_actor_month: dict[tuple[str, int, int], list[_Cluster]] = defaultdict(list)

    def candidates(self, event: Event, keys: list[str]) -> list[_Cluster]:
        """The clusters that share most keys with the event (at most ``MAX_CANDIDATES``)."""
        when = event.when
        found: dict[int, _Cluster] = {}
        buckets: list[list[_Cluster]] = []
        trigger = [k for k in keys[-1:] if k.startswith("^")]
        if when.granularity in ("day", "week"):
            by_day = self.by_day
            for day in _days(when.start, when.end):
                buckets.extend(b for key in keys if (b := by_day.get((day, key))))
            if when.granularity == "day" and trigger:  # on another day only the same trigger can make one event (see _pair)
                for day in _NEAR_DAYS[(when.start, when.end)]:
                    if b := by_day.get((day, trigger[0])):
                        buckets.append(b)
        if when.granularity != "day":  # a day's clusters are all in by_day
            buckets.extend(b for key in keys if (b := self.by_value.get((when.value, key))))
        buckets.extend(b for actor_month in self._actor_months(event) if (b := self.by_actor_month.get(actor_month)))
        for bucket in buckets:
            for cluster in bucket[-MAX_BUCKET:] if len(bucket) > MAX_BUCKET else bucket:
                if cluster.into is not None:
                    cluster = cluster.root()
                found.setdefault(id(cluster), cluster)
        if len(found) <= MAX_CANDIDATES:
            return list(found.values())
        hits = Counter(id(c.root()) for bucket in buckets for c in bucket[-MAX_BUCKET:])  # a busy day: the likeliest only
        order = {key: n for n, key in enumerate(found)}
        best = sorted(found, key=lambda key: (-hits[key], order[key]))[:MAX_CANDIDATES]
        return [found[key] for key in best]

    def add(self, cluster: _Cluster, event: Event, keys: list[str]) -> None:
        when = event.when
        if when.granularity == "day":  # finer mentions come first: only a week's own mentions look for a week
            index, at = self.by_day, when.start
        else:
            index, at = self.by_value, when.value  # type: ignore[assignment]
        for key in keys:
            bucket = index[(at, key)]
            if not bucket or bucket[-1] is not cluster:
                bucket.append(cluster)
        for actor in event.actors:
            self._put(self.by_actor_month[(actor, when.start.year, when.start.month)], cluster)

    def keys(self, facts: _Facts) -> list[str]:
        """The event's most telling words (of its sentence and around its date), the kinds
        of event the words around its date name, its actors' surnames, its places' words
        and its trigger word (last)."""
        event, sentence, near = facts.event, facts.text.sentence, facts.text.near
        words = sorted(sentence, key=sentence.__getitem__, reverse=True)[: self.KEY_WORDS]
        lex = lexicon()
        named = {k for k in facts.text.kinds if lex.specific(k)}  # generic kinds would find every statement
        words += sorted("kind:" + k for k in named | {r for k in named for r in lex.by_key[k].related if lex.specific(r)})
        words += [w for w in sorted(near, key=near.__getitem__, reverse=True)[: self.KEY_WORDS // 2] if w not in words]
        actors = ["@" + surname for surname in sorted({a.split()[-1] for a in event.actors})]
        places = sorted({"#" + word for place in event.places for word in _place_words(place)}) if event.places else []
        return words + actors + places + (["^" + facts.trigger] if facts.trigger else [])

    def _actor_months(self, event: Event) -> list[tuple[str, int, int]]:
        when = event.when
        if when.granularity in ("day", "week") or not event.actors or (when.end - when.start).days > 400:
            return []  # a decade-long mention names no event precisely enough to join one
        months = []
        year, month = when.start.year, when.start.month
        while (year, month) <= (when.end.year, when.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return [(actor, y, m) for actor in event.actors for y, m in months]

    @staticmethod
    def _put(bucket: list[_Cluster], cluster: _Cluster) -> None:
        if not bucket or bucket[-1] is not cluster:
            bucket.append(cluster)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


class _NearDays(dict[tuple[dt.date, dt.date], tuple[dt.date, ...]]):
    """The other days within ``CONFLICT_WINDOW`` of an interval, worked out once for each."""

    def __missing__(self, span: tuple[dt.date, dt.date]) -> tuple[dt.date, ...]:
        first, last = span
        near = tuple(d for d in _days(first - CONFLICT_WINDOW, last + CONFLICT_WINDOW) if not first <= d <= last)
        self[span] = near
        return near


_NEAR_DAYS = _NearDays()


def _fits(facts: _Facts, cluster: _Cluster) -> bool:
    """Whether the mention can be one more report of the cluster's event: its date fits
    every date the cluster's mentions give, and its article neither gives the event another
    day nor reports two events in one sentence."""
    when = facts.event.when
    if any(_date_relation(when, other) is None for other in cluster.whens):
        return False  # every mention of an event must fit its date
    if facts.article in cluster.sentences:
        if facts.sentence_start in cluster.sentences[facts.article]:
            return False  # one sentence does not report one event twice
        if any(_date_relation(when, other) == "near" for other in cluster.days[facts.article]):
            return False  # one report does not give one event two dates
    return True


def _score(facts: _Facts, cluster: _Cluster) -> float:
    """How sure we are that the mention is the cluster's event; 0 when it cannot be: the
    best evidence it shares with one of the cluster's mentions (``_pair``), if it fits them all."""
    if not _fits(facts, cluster):
        return 0.0
    best = 0.0
    for other in cluster.compared():
        if other.start != facts.start or other.article != facts.article:
            best = max(best, _pair(facts, other))
            if best >= SURE:
                break  # no other mention could make it surer
    return best


def _pair(facts: _Facts, other: _Facts) -> float:
    """The evidence that two mentions report one happening, if it passes the threshold
    their dates ask for, else 0.

    Evidence, added up (weights ``W_*``): text similarity (TF-IDF cosine of the sentences,
    or of the words around the dates with the kinds they name), the kinds (a kind that
    names one happening, such as deaths or a verdict, counts more than one many reports
    share, such as a statement; related kinds count less; two different specific kinds
    block unless the trigger word is the same), the same trigger word, the share of actors
    in common, a place in common; minus a little when both name who or where and share
    neither."""
    if facts.conditional != other.conditional:
        return 0.0  # "if a pandemic struck today" is no report of what happened today
    event, other_event = facts.event, other.event
    relation = _date_relation(event.when, other_event.when)
    same_trigger = facts.trigger is not None and facts.trigger == other.trigger
    if relation == "near" and not same_trigger:
        return 0.0  # two days apart and told in other words: two happenings (alert phase 4, then phase 5)
    kinds = _kinds_agree(facts, other)
    if kinds == 0.0 and facts.specific and other.specific and not same_trigger:
        return 0.0  # a death is not a verdict
    lex = lexicon()
    if not same_trigger and relation != "near":  # one's event word said around the other's date: "raised" / "recommended raising"
        same_trigger = (facts.trigger is not None and facts.trigger in other.text.near) or (
            other.trigger is not None and other.trigger in facts.text.near)
    matched = _matched(facts.side, other.side)
    shared = matched / (len(facts.side) + len(other.side) - matched) if matched else 0.0
    if event.kind == other_event.kind and matched >= 2 and other.article != facts.article:
        kinds = 1.0  # the same parties meeting on the same day: one meeting (one party says many things a day)
    if facts.side and other.side and not shared and relation != "same":
        return 0.0
    cosine = max(_cosine(facts.text.sentence, other.text.sentence), _cosine(facts.text.near, other.text.near))
    same_place = any(a <= b or b <= a for a in facts.places for b in other.places)
    strangers = bool((facts.side or facts.places) and (other.side or other.places)) and not shared and not same_place
    coarse = facts.coarse or other.coarse
    if coarse and relation == "same" and not strangers and (facts.text.kinds & other.text.kinds & lex.rare):
        return NESTED_THRESHOLD  # one month rarely holds two ceasefires: "the truce of February"
    if relation != "near" and event.kind == other_event.kind and event.kind in lex.once and shared:
        return NESTED_THRESHOLD  # one person dies once: "died in June" is the death of 25 June
    if coarse:
        if cosine < COARSE_MIN_COSINE:
            return 0.0  # in a month or a year, one actor does many things of one kind: the text must say it
    elif cosine < MIN_COSINE and not same_trigger and not same_place and kinds < 1.0:
        return 0.0  # a generic kind and an actor in common are not enough
    elif (facts.generic or other.generic or kinds < 0.4) and cosine < GENERIC_MIN_COSINE and not same_place and not (same_trigger and shared):
        return 0.0  # one government says many things a day: its statements must share their words
    similarity = (
        W_COSINE * cosine + W_KIND * kinds + W_TRIGGER * same_trigger + W_ACTORS * shared + W_PLACE * same_place
        - W_STRANGERS * strangers
    )
    if relation == "same" and event.when.granularity not in ("day", "week"):
        relation = "nested"  # the same month or year says little: many events share one
    threshold = {"same": SAME_DATE_THRESHOLD, "nested": NESTED_THRESHOLD, "near": CONFLICT_THRESHOLD}[str(relation)]
    return similarity if similarity >= threshold else 0.0


def _kinds_agree(a: _Facts, b: _Facts) -> float:
    """How far the kinds of two mentions say one happening (``Lexicon.kinds_agree``); a
    specific kind that the words around the other's date name counts as shared ("the star
    died after suffering a cardiac arrest": deaths, whatever kind its trigger took), unless
    that other's own kind is generic ("refused to sign" is a refusal, not the signing)."""
    agree = _agree(a.event.kind, b.event.kind)
    if agree < 1.0 and ((a.specific in b.kinds and not b.generic) or (b.specific in a.kinds and not a.generic)):
        return 1.0
    if agree < 1.0 and a.specific and b.specific:
        return max(agree, _agree(a.specific, b.specific))  # an announced truce and the deal that made it
    return agree


@cache
def _merge_rules() -> dict[str, frozenset[str]]:
    """The [merge] table of rules/en/events.toml: words whose statement is the happening it names."""
    text = resources.files("timeline").joinpath("rules/en/events.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text).get("merge", {})
    return {"announcing": frozenset(table.get("announcing", ()))}


@cache
def _agree(a: str | None, b: str | None) -> float:
    return lexicon().kinds_agree(a, b)


@cache
def _place_words(place: str) -> frozenset[str]:
    """A place's words, so that "Cardiff", "Millennium Stadium" and "Cardiff's Millennium
    Stadium" name one place (one name's words within the other's)."""
    return frozenset(w.removesuffix("'s").removesuffix("’s") for w in place.split() if w not in ("the", "of", "in"))


def _coarse(event: Event) -> bool:
    return event.when.granularity not in ("day", "week")


def _matched(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The actors of ``a`` that ``b`` names too; "Sergey Lavrov" and "Sergei Lavrov" are one."""
    if not a or not b:
        return 0
    return sum(1 for x in a if any(_same_name(x, y) for y in b))


@lru_cache(maxsize=1 << 16)
def _same_name(a: str, b: str) -> bool:
    """One actor: "Sergey Lavrov" and "Sergei Lavrov"; "WHO" and "World Health Organisation";
    "World Health Organization" and "World Health Organisation"."""
    if a == b:
        return True
    x, y = a.split(), b.split()
    if len(x) > 1 and len(y) > 1 and x[-1] == y[-1] and x[0][0] == y[0][0]:
        return True
    return _initials(a) == b or _initials(b) == a or (len(x) > 1 and _spelling(a) == _spelling(b))


@cache
def _initials(name: str) -> str:
    """ "World Health Organization" → "WHO", "United Nations" → "UN"."""
    words = [w for w in name.split() if w not in ("of", "the", "and", "for")]
    return "".join(w[0] for w in words) if len(words) > 1 and all(w[0].isupper() for w in words) else ""


@cache
def _spelling(name: str) -> str:
    return name.lower().replace("isation", "ization").replace("ise", "ize")


def _date_relation(a: When, b: When) -> str | None:
    if (a.start, a.end) == (b.start, b.end):
        return "same"
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return "nested"
    if a.granularity == b.granularity == "day" and abs((a.start - b.start).days) <= CONFLICT_WINDOW.days:
        return "near"
    return None


def _combine(events: list[Event], published: dict[str, dt.date]) -> Event:
    if len(events) == 1:  # most events: what the general case below gives for one mention
        event = events[0]
        return replace(
            event,
            id=_event_id(event.mentions[0]),
            actors=_collapse_spellings(_by_frequency(event.actors)),
            roles=tuple(dict.fromkeys(event.roles)),
            affiliations=tuple(dict.fromkeys(event.affiliations)),
            places=_by_frequency(event.places),
            conflicts=(),
        )
    mentions = tuple(sorted((m for e in events for m in e.mentions), key=lambda m: _mention_key(m, published)))
    latest = max(events, key=lambda e: _mention_key(e.mentions[0], published))
    when, conflicts = _agreed_when(events)
    kinds = Counter(e.kind for e in events if e.kind)
    kind = kinds.most_common(1)[0][0] if kinds else None
    titled = [e for e in events if e.kind == kind] or events
    return Event(
        id=_event_id(mentions[0]),
        when=when,
        title=max(titled, key=lambda e: (_title_quality(e), _mention_key(e.mentions[0], published))).title,
        mentions=mentions,
        kind=kind,
        cameo=next((e.cameo for e in events if e.kind == kind), None),
        status=latest.status,  # a later report of a scheduled meeting says whether it happened
        actors=_collapse_spellings(_by_frequency(a for e in events for a in e.actors)),
        roles=tuple(dict.fromkeys(r for e in events for r in e.roles)),
        affiliations=tuple(dict.fromkeys(a for e in events for a in e.affiliations)),
        places=_by_frequency(p for e in events for p in e.places),
        conflicts=conflicts,
    )


def _agreed_when(events: list[Event]) -> tuple[When, tuple[str, ...]]:
    """The most precise date all mentions agree on, and the dates that disagree with it."""
    finest = min(_GRANULARITY_ORDER.index(e.when.granularity) for e in events)
    votes = Counter(e.when.value for e in events if _GRANULARITY_ORDER.index(e.when.granularity) == finest)
    value = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    when = next(e.when for e in events if e.when.value == value)
    disagree = sorted({e.when.value for e in events if _date_relation(e.when, when) not in ("same", "nested")})
    return when, tuple(disagree)


def _title_quality(event: Event) -> int:
    """Headlines built from the parse beat sentence openings, those that name who acts beat
    those that don't, and occurred beats scheduled."""
    names = {word for actor in event.actors for word in actor.split()}
    first = event.title.split(" ", 1)[0]
    return 4 * (not event.title.endswith("…")) + 2 * (first in names) + (event.status == "occurred")


def _canonical_actors(events: list[Event]) -> list[Event]:
    """A bare surname becomes the one full name the corpus gives it ("Kerry" → "John Kerry")."""
    full = defaultdict(set)
    for event in events:
        for actor in event.actors:
            if " " in actor:
                full[actor.split()[-1]].add(actor)
    mapping = {last: next(iter(names)) for last, names in full.items() if len(names) == 1}
    out = []
    for event in events:
        actors = tuple(dict.fromkeys(mapping.get(a, a) if " " not in a else a for a in event.actors))
        out.append(event if actors == event.actors else replace(event, actors=actors))
    return out


def _precision_first(event: Event, published: dict[str, dt.date]) -> tuple:
    """Finer dates first, so coarse mentions meet the events they might belong to."""
    return (_GRANULARITY_ORDER.index(event.when.granularity), _mention_key(event.mentions[0], published))


def _mention_key(mention: Mention, published: dict[str, dt.date]) -> tuple:
    return (published.get(mention.article, dt.date.min), mention.article, mention.start)


def _trigger(event: Event) -> str | None:
    return event.mentions[0].lemma


def _event_id(first: Mention) -> str:
    """A short hash of where the event is first reported: the same input gives the same id."""
    return hashlib.sha1(f"{first.article}\t{first.start}\t{first.end}".encode()).hexdigest()[:12]


def _by_frequency(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, tuple) and len(items) < 2:
        return items
    counts = Counter(items)
    return tuple(sorted(counts, key=lambda k: (-counts[k], k)))


def _collapse_spellings(names: tuple[str, ...]) -> tuple[str, ...]:
    """One spelling per person: the most frequent ("Sergei Lavrov" over "Sergey Lavrov").
    Names are compared through the keys ``_same_name`` matches on, so that an event with
    thousands of actors costs no more than thousands of look-ups."""
    if len(names) < 2:
        return names
    kept: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for name in names:
        probes, keys = _name_keys(name)
        if not probes & seen:
            kept.append(name)
            seen |= keys
    return tuple(kept)


def _name_keys(name: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """What a name looks for and what it leaves for later names: two names are one when a
    probe of one is a key of the other (as ``_same_name`` says)."""
    words = name.split()
    keys: set[tuple[str, ...]] = {("=", name)}
    if len(words) > 1:
        keys |= {("surname", words[-1], words[0][0]), ("spelling", _spelling(name))}
    probes = set(keys)
    if initials := _initials(name):
        keys.add(("long", initials))
        probes.add(("short", initials))
    keys.add(("short", name))
    probes.add(("long", name))
    return probes, keys


class _Text(NamedTuple):
    """A mention's words as unit-length TF-IDF vectors: its whole sentence, and the words
    around its date with the kinds of event they name ("truce" and "ceasefire" are both
    "kind:ceasefire"), so that synonyms near the date count as shared."""

    sentence: dict[str, float]
    near: dict[str, float]
    kinds: frozenset[str]  # the kinds of event the words around the date name


def _tfidf(mentions: list[Mention]) -> list[_Text]:
    sentences: list[Counter[str]] = []
    nears: list[Counter[str]] = []
    named: list[frozenset[str]] = []
    for mention in mentions:
        lower = mention.sentence.lower()
        start, end = mention.start - mention.sentence_start, mention.end - mention.sentence_start
        if 0 <= start <= end <= len(lower):  # the date itself is left out: every mention compared shares it
            before, after = _content(lower[:start]), _content(lower[end:])
            words = before + after
        else:
            words, before, after = _content(lower), [], []
        near = [_stem(w) for w in before[-_NEAR:] + after[:_NEAR]]
        kinds = frozenset(k for w in before[-_KIND_NEAR:] + after[:_KIND_NEAR] if (k := _kind_of(w)))
        sentences.append(Counter(map(_stem, words)))
        nears.append(Counter(near + ["kind:" + k for k in sorted(kinds)] if kinds else near))
        named.append(kinds)
    return [_Text(a, b, k) for a, b, k in zip(_weights(sentences), _weights(nears), named, strict=True)]


_WORD = re.compile(r"[a-z0-9]{2,}")  # one letter or digit tells nothing
_NEAR = 6  # words each side of the date expression
_KIND_NEAR = 9  # ... and for the kinds they name ("died after suffering a cardiac arrest at his home on Thursday")


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w not in _STOPWORDS]


@cache
def _stem(word: str) -> str:
    """A word's stem, so that its forms count as one ("raised", "raising" → "rais";
    "announced", "announcement" → "announc"): Snowball's English (Porter2) stemmer."""
    return _stemmer().stemWord(word)


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@cache
def _kind_of(word: str) -> str:
    """The kind of event a word names, "ceasefire" for "truce" and "ceasefires"; "" for none."""
    lex = lexicon()
    kind = next((k for w in (word, *_stems(word)) if (k := lex.kind_of(w)) is not None), None)
    return kind.key if kind is not None else ""


def _weights(docs: list[Counter[str]]) -> list[dict[str, float]]:
    df = Counter(itertools.chain.from_iterable(docs))
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + k)) + 1 for w, k in df.items()}  # smoothed
    tf = [0.0] + [1.0 + math.log(c) for c in range(1, 8)]
    vectors = []
    for doc in docs:
        vector = {w: (tf[c] if c < 8 else 1 + math.log(c)) * idf[w] for w, c in doc.items()}
        scale = 1.0 / (math.hypot(*vector.values()) or 1.0)
        vectors.append({w: v * scale for w, v in vector.items()})
    return vectors


def _stems(word: str) -> list[str]:
    """Crude lemmas, enough to find a word in the kinds' lists: "protests" → "protest",
    "killed" → "kill", "negotiated" → "negotiate", "cities" → "city", "died" → "die"."""
    found: list[str] = []
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            found.extend(word[: -len(suffix)] + r for r in replacements)
    return found


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum([a[w] * b[w] for w in a.keys() & b.keys()])
