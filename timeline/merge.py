"""Merge the events of all articles into one timeline entry per real-world event.

Needs: Event (one mention each), Article. Adds: Timeline with merged events and stable ids.

Like GDELT, an event is kept apart from its mentions: every mention is kept. A mention joins
the event one of whose mentions it matches best (``_pair``: dates that fit and numbers that do
not differ, then kinds, trigger, actors, place and the TF-IDF similarity of their stemmed
words), and a mention that surely matches two events makes them one, unless their numbers
differ. Candidates are found by what a mention shares with them (its day, a telling word, a
kind, an actor, a place, a number, its trigger), and on a busy day a mention meets only a few
of them, so the cost grows with the events, never with their pairs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

import pytz

from timeline import wording
from timeline.events.lexicon import lexicon
from timeline.memory import without_cycle_collection
from timeline.model import Article, Event, Granularity, Mention, Timeline, When, evolve
from timeline.wording import Text, collapse_spellings, place_words, stem, tfidf

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
MAX_CANDIDATES = 4  # ... and of all its keys, those sharing most keys with it
MAX_COMPARED = 6  # the mentions of one cluster a newcomer is compared with

_COARSENESS = {g.value: g.coarseness for g in Granularity}  # "day": 0 ... "century": 7


def merge(events: Iterable[Event], articles: tuple[Article, ...] = (), title: str = "Timeline") -> Timeline:
    """One entry per real-world event; events sorted by start, end, then title; ids stable."""
    with without_cycle_collection():  # merging makes no cycles (see timeline.memory)
        return _merge(list(events), articles, title)


def _merge(events: list[Event], articles: tuple[Article, ...], title: str) -> Timeline:
    published = {a.id: a.published for a in articles}
    items = sorted(_canonical_actors(_without_common_words(events, articles)), key=lambda e: _mention_key(e.mentions[0], published))
    vectors = tfidf([e.mentions[0] for e in items])
    sides = _sides(items)
    setting = _setting(items)
    clusters: list[_Cluster] = []
    blocks = _Blocks()
    # finer dates first, so coarse mentions meet the events they might belong to (a stable
    # sort: within one precision, the order of the reports)
    ordered = sorted(zip(items, vectors, sides, strict=True), key=lambda p: _COARSENESS[p[0].when.granularity])
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
    text: Text
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
    def of(cls, event: Event, text: Text, side: tuple[str, ...], setting: frozenset[frozenset[str]] = frozenset(),
           order: int = 0) -> _Facts:
        mention = event.mentions[0]
        lemma = _trigger(mention.lemma) if mention.lemma else None
        kinds = text.kinds | {event.kind} if event.kind else text.kinds
        places = frozenset(words for p in event.places if (words := place_words(p)) not in setting) if event.places else _NO_PLACES
        specific = event.kind if _specific(event.kind) else None
        generic = event.kind is not None and specific is None
        if generic and mention.lemma in lexicon().announcing:
            named = sorted(k for k in text.kinds if _specific(k))
            if len(named) == 1:  # "the truce announcement": the truce, as its reports tell it
                specific, generic = named[0], False
        return cls(event, text, side, mention.article, mention.start, mention.sentence_start, lemma, kinds, places, _coarse(event),
                   order, specific, generic, event.status == "conditional")


_NO_PLACES: frozenset[frozenset[str]] = frozenset()


@cache
def _trigger(lemma: str) -> str | None:
    """A trigger's stem, or None for a verb of saying, which tells nothing of what is said."""
    return None if lemma in lexicon().reporting else stem(lemma.lower())


@cache
def _specific(kind: str | None) -> bool:
    return lexicon().specific(kind)


@cache
def _kind_keys(kinds: frozenset[str]) -> tuple[str, ...]:
    """The blocking keys of the specific kinds the words around a date name, and their related
    specific kinds (generic kinds would find every statement)."""
    lex = lexicon()
    named = {k for k in kinds if lex.specific(k)}
    return tuple(sorted("kind:" + k for k in named | {r for k in named for r in lex.by_key[k].related if lex.specific(r)}))


@cache
def _actor_keys(actors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("@" + surname for surname in sorted({a.split()[-1] for a in actors}))


@cache
def _place_keys(places: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({"#" + word for place in places for word in place_words(place)}))


def _setting(events: list[Event]) -> frozenset[frozenset[str]]:
    """The places a pile keeps naming (Mexico in a pile about swine flu), and countries
    (Syria): where its story is set, too wide to show that two reports tell one happening."""
    lex = lexicon()
    countries = {*lex.capitals.values(), *lex.demonyms.values(), *lex.aliases.values()}
    counts = Counter(words for e in events for words in {place_words(p) for p in e.places})
    common = {words for words, n in counts.items() if n > max(5, SETTING_SHARE * len(events))}
    return frozenset(common | {place_words(c) for c in countries})


@dataclass(eq=False)  # compared by identity: two events with the same mentions are still two
class _Cluster:
    """The mentions of one event so far, and what every newcomer must fit: the dates they
    give, and the sentences each article gives it."""

    members: list[_Facts] = field(default_factory=list)
    whens: dict[When, None] = field(default_factory=dict)  # distinct dates, in order
    sentences: dict[str, dict[int, set[dt.date]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))  # days by sentence
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
        if any(_figures_differ(m, n) for m in other.members for n in self.members):
            return False  # "raised the alert to phase 4" and "... to 5": a mention sure of both cannot make them one
        for member in other.members:
            self.add(member)
        return True

    def add(self, facts: _Facts) -> None:
        self.members.append(facts)
        self.whens.setdefault(facts.event.when)
        self.sentences[facts.article][facts.sentence_start].add(facts.event.when.start)
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

    KEY_WORDS = 5  # of its sentence
    NEAR_WORDS = 2  # ... and of the words around its date

    def __init__(self) -> None:
        # day (or period) -> key -> clusters: nested, so that a look-up hashes a word, not a tuple
        self.by_day: dict[dt.date, dict[str, list[_Cluster]]] = defaultdict(dict)
        self.by_value: dict[str, dict[str, list[_Cluster]]] = defaultdict(dict)
        self.by_actor_month: dict[tuple[str, int, int], list[_Cluster]] = defaultdict(list)

    def candidates(self, event: Event, keys: list[str]) -> list[_Cluster]:
        """The clusters that share most keys with the event (at most ``MAX_CANDIDATES``)."""
        when = event.when
        found: dict[int, _Cluster] = {}
        buckets: list[list[_Cluster]] = []
        trigger = [k for k in keys[-1:] if k.startswith("^")]
        if when.granularity in ("day", "week"):
            by_day = self.by_day
            for day in _DAYS[(when.start, when.end)]:
                if index := by_day.get(day):
                    buckets.extend(b for key in keys if (b := index.get(key)))
            if when.granularity == "day" and trigger:  # on another day only the same trigger can make one event (see _pair)
                for day in _NEAR_DAYS[(when.start, when.end)]:
                    if (index := by_day.get(day)) and (b := index.get(trigger[0])):
                        buckets.append(b)
        if when.granularity != "day" and (index := self.by_value.get(when.value)):  # a day's clusters are all in by_day
            buckets.extend(b for key in keys if (b := index.get(key)))
        buckets.extend(b for actor_month in self._actor_months(event) if (b := self.by_actor_month.get(actor_month)))
        hits: dict[int, int] = {}  # keys shared, by cluster
        for bucket in buckets:
            for cluster in bucket[-MAX_BUCKET:] if len(bucket) > MAX_BUCKET else bucket:
                if cluster.into is not None:
                    cluster = cluster.root()
                if (key := id(cluster)) in hits:
                    hits[key] += 1
                else:
                    hits[key] = 1
                    found[key] = cluster
        if len(found) <= MAX_CANDIDATES:
            return list(found.values())
        order = {key: n for n, key in enumerate(found)}  # a busy day: the likeliest only
        best = sorted(found, key=lambda key: (-hits[key], order[key]))[:MAX_CANDIDATES]
        return [found[key] for key in best]

    def add(self, cluster: _Cluster, event: Event, keys: list[str]) -> None:
        when = event.when
        if when.granularity == "day":  # finer mentions come first: only a week's own mentions look for a week
            index = self.by_day[when.start]
        else:
            index = self.by_value[when.value]
        for key in keys:
            if (bucket := index.get(key)) is None:
                index[key] = [cluster]
            elif bucket[-1] is not cluster:
                bucket.append(cluster)
        for actor in event.actors:
            self._put(self.by_actor_month[(actor, when.start.year, when.start.month)], cluster)

    def keys(self, facts: _Facts) -> list[str]:
        """The event's most telling words (of its sentence and around its date), the kinds
        of event the words around its date name, its actors' surnames, its places' words
        and its trigger word (last)."""
        event, text = facts.event, facts.text
        sentence, near = text.sentence, text.near
        words = sorted(sentence, key=sentence.__getitem__, reverse=True)[: self.KEY_WORDS]
        if text.kinds:
            words += _kind_keys(text.kinds)
        words += [w for w in sorted(near, key=near.__getitem__, reverse=True)[: self.NEAR_WORDS] if w not in words]
        if event.actors:
            words += _actor_keys(event.actors)
        if event.places:
            words += _place_keys(event.places)
        if text.figures:
            words += sorted("=" + f for f in text.figures)
        if facts.trigger:
            words.append("^" + facts.trigger)
        return words

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


class _Days(dict[tuple[dt.date, dt.date], tuple[dt.date, ...]]):
    """The days of an interval, worked out once for each."""

    def __missing__(self, span: tuple[dt.date, dt.date]) -> tuple[dt.date, ...]:
        self[span] = days = tuple(_days(*span))
        return days


_DAYS = _Days()


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
    every date the cluster's mentions give, and its article gives the event no other day,
    neither in another sentence nor in the same one (two dates of one sentence on one day,
    "in a statement on Wednesday ... starting from today", may be one event)."""
    when = facts.event.when
    for other in cluster.whens:
        if other is not when and _date_relation(when, other) is None:
            return False  # every mention of an event must fit its date
    if facts.article in cluster.sentences:
        days = cluster.sentences[facts.article].get(facts.sentence_start)
        if days and days != {when.start}:
            return False  # one sentence does not give one event two dates ("meets Putin on Thursday and Lavrov on Friday")
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

    Two mentions that both give numbers and share none are two happenings (``_figures_differ``).
    Evidence, added up (weights ``W_*``): text similarity (TF-IDF cosine of the sentences,
    or of the words around the dates with the kinds they name), the kinds (a kind that
    names one happening, such as deaths or a verdict, counts more than one many reports
    share, such as a statement; related kinds count less; two different specific kinds
    block unless the trigger word is the same), the same trigger word, the share of actors
    in common, a place in common; minus a little when both name who or where and share
    neither."""
    if facts.conditional != other.conditional:
        return 0.0  # "if a pandemic struck today" is no report of what happened today
    if _figures_differ(facts, other):
        return 0.0  # "raised the alert from 3 to 4" is not "raised it to 5"; "45-year-old man" is not "33-year-old"
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
    matched = wording.matched(facts.side, other.side)
    shared = matched / (len(facts.side) + len(other.side) - matched) if matched else 0.0
    if event.kind == other_event.kind and matched >= 2 and other.article != facts.article:
        kinds = 1.0  # the same parties meeting on the same day: one meeting (one party says many things a day)
    if facts.side and other.side and not shared and relation != "same":
        return 0.0
    cosine = wording.cosine(facts.text.sentence, other.text.sentence)
    if facts.text.near and other.text.near:
        cosine = max(cosine, wording.cosine(facts.text.near, other.text.near))
    same_place = bool(facts.places and other.places) and any(a <= b or b <= a for a in facts.places for b in other.places)
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
    elif (_state(event) or _state(other_event)) and not same_trigger and cosine < COARSE_MIN_COSINE:
        return 0.0  # "it was a hot day in Los Angeles" tells how things were, no happening: only its words can join it
    similarity = (
        W_COSINE * cosine + W_KIND * kinds + W_TRIGGER * same_trigger + W_ACTORS * shared + W_PLACE * same_place
        - W_STRANGERS * strangers
    )
    if relation == "same" and event.when.granularity not in ("day", "week"):
        relation = "nested"  # the same month or year says little: many events share one
    return similarity if similarity >= _THRESHOLDS[str(relation)] else 0.0


_THRESHOLDS = {"same": SAME_DATE_THRESHOLD, "nested": NESTED_THRESHOLD, "near": CONFLICT_THRESHOLD}


def _state(event: Event) -> bool:
    """A mention that tells a state with a copula and names no kind: "it was a hot day"."""
    return event.kind is None and event.mentions[0].lemma == "be"


def _figures_differ(a: _Facts, b: _Facts) -> bool:
    """Whether two mentions give numbers and none of them is the same: two counts, two
    phases, two ages are two happenings, whatever else the sentences share."""
    x, y = a.text.figures, b.text.figures
    return bool(x) and bool(y) and x.isdisjoint(y)


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
def _agree(a: str | None, b: str | None) -> float:
    return lexicon().kinds_agree(a, b)


def _coarse(event: Event) -> bool:
    return event.when.granularity not in ("day", "week")


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
        return evolve(
            event,
            id=_event_id(event.mentions[0]),
            actors=collapse_spellings(_by_frequency(event.actors)),
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
    quality = [_title_quality(e) for e in titled]
    best = max(quality)
    finalists = [e for e, q in zip(titled, quality, strict=True) if q == best]
    agreement = _agreement([e.title for e in finalists])
    headline = max(zip(finalists, agreement, strict=True), key=lambda ea: (ea[1], _mention_key(ea[0].mentions[0], published)))[0]
    return Event(
        id=_event_id(mentions[0]),
        when=when,
        title=headline.title,
        mentions=mentions,
        kind=kind,
        cameo=next((e.cameo for e in events if e.kind == kind), None),
        status=latest.status,  # a later report of a scheduled meeting says whether it happened
        actors=collapse_spellings(_by_frequency(_agreed(events, headline, "actors"))),
        roles=tuple(dict.fromkeys(r for e in events for r in e.roles)),
        affiliations=tuple(dict.fromkeys(a for e in events for a in e.affiliations)),
        places=_by_frequency(_agreed(events, headline, "places")),
        conflicts=conflicts,
    )


def _agreed(events: list[Event], headline: Event, field_name: str) -> list[str]:
    """The names an event keeps. Reported by a few articles, every name any of them gives;
    by more, those of the mention its headline comes from and those at least two articles
    give, so one report's stray name (a byline, a drug taken for a person) does not become
    an actor of everything merged with it."""
    articles: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for name in getattr(event, field_name):
            articles[name].update(m.article for m in event.mentions)
    everyone = [n for e in events for n in getattr(e, field_name) if n]
    if len({m.article for e in events for m in e.mentions}) < _MANY_REPORTS:
        return everyone
    own = set(getattr(headline, field_name))
    return [n for n in everyone if n in own or len(articles[n]) >= 2]


_MANY_REPORTS = 4  # articles: from here on a name must come from the headline or two of them


def _agreed_when(events: list[Event]) -> tuple[When, tuple[str, ...]]:
    """The most precise date all mentions agree on, and the dates that disagree with it."""
    finest = min(_COARSENESS[e.when.granularity] for e in events)
    votes = Counter(e.when.value for e in events if _COARSENESS[e.when.granularity] == finest)
    value = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    when = next(e.when for e in events if e.when.value == value)
    disagree = sorted({e.when.value for e in events if _date_relation(e.when, when) not in ("same", "nested")})
    return when, tuple(disagree)


def _title_quality(event: Event) -> int:
    """Headlines built from the parse beat sentence openings, those that do not open on a
    pronoun ("They fly back") beat those that do, those that say what they speak of beat
    those that point elsewhere ("Chan has this to say"), a headline of two words or more
    beats a lone word ("Show"), those that name who acts beat those that don't, and
    occurred beats scheduled."""
    names = {word for actor in event.actors for word in actor.split()}
    first, *rest = event.title.split(" ")
    pointing = any(word.lower().strip(",.") in _POINTING for word in rest)
    return (32 * (not event.title.endswith("…")) + 16 * (first.lower() not in _PRONOUNS) + 8 * (not pointing) + 4 * bool(rest)
            + 2 * (first in names) + (event.status == "occurred"))


def _agreement(titles: list[str]) -> list[float]:
    """How much each headline shares with the others (word overlap, summed): the one most
    reports agree with heads the event, not the latest report's aside."""
    if len(titles) < 3:
        return [0.0] * len(titles)
    words = [frozenset(w.lower() for w in t.split() if len(w) > 3) for t in titles[:_MOST_COMPARED]]
    scores = [sum(len(a & b) / (len(a | b) or 1) for j, b in enumerate(words) if j != i) for i, a in enumerate(words)]
    return scores + [0.0] * (len(titles) - len(scores))


_MOST_COMPARED = 200  # headlines: a cluster larger than this is judged on its first ones


_PRONOUNS = frozenset("he she it they i we you his her its their our my this that these those".split())
_POINTING = frozenset("this these those it".split())  # a word of a headline that points to what it does not say


def _without_common_words(events: list[Event], articles: tuple[Article, ...]) -> list[Event]:
    """No one-word actor that the pile writes in lower case more often than capitalised: a
    drug or a thing some reports capitalise ("Propofol" 53 times, "propofol" 116 in the Jackson
    pile), not a name. Countries, bodies and surnames are written capitalised."""
    single = {a for e in events for a in e.actors if " " not in a and a[1:].islower()}
    if not single or not articles:
        return events
    lower = {a.lower(): a for a in single}
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(w for w in _WORD.findall(article.text) if w.lower() in lower)
    common = {a for low, a in lower.items() if counts[low] > counts[a]}
    if not common:
        return events
    return [e if not common & set(e.actors) else replace(e, actors=tuple(a for a in e.actors if a not in common)) for e in events]


_WORD = re.compile(r"[A-Za-z][a-z]+")


def _canonical_actors(events: list[Event]) -> list[Event]:
    """A bare surname becomes the one full name the corpus gives it ("Kerry" → "John Kerry"),
    or of several, the one that acts in ``DOMINANCE`` times as many events as all the others
    together (a pile about Michael Jackson names his mother and brothers too); so does a bare
    given name that is no one's surname ("Katherine" → "Katherine Jackson"). A country's name
    is neither: "France" is not "Air France", nor "Iraq" the "Iraq Survey Group"."""
    full: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        for actor in event.actors:
            if " " in actor:
                full[actor.split()[-1]][actor] += 1
    by_first: dict[str, Counter[str]] = defaultdict(Counter)
    for names in full.values():
        for name, n in names.items():
            by_first[name.split()[0]][name] += n
    mapping = {}
    # a bare surname first; then a bare given name that is no one's surname ("Katherine")
    for table in (full, {first: names for first, names in by_first.items() if first not in full}):
        for bare, names in table.items():
            (top, count), *others = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))
            if bare not in mapping and bare not in _COUNTRIES and count >= DOMINANCE * sum(n for _, n in others):
                mapping[bare] = top
    out = []
    for event in events:
        actors = tuple(dict.fromkeys(mapping.get(a, a) if " " not in a else a for a in event.actors))
        out.append(event if actors == event.actors else replace(event, actors=actors))
    return out


DOMINANCE = 3  # a bare surname is the full name that acts in this many times as many events as the rest
_COUNTRIES = frozenset(name for name in pytz.country_names.values() if "(" not in name)  # "France", "Switzerland"


def _mention_key(mention: Mention, published: dict[str, dt.date]) -> tuple:
    return (published.get(mention.article, dt.date.min), mention.article, mention.start)


def _event_id(first: Mention) -> str:
    """A short hash of where the event is first reported: the same input gives the same id."""
    return hashlib.sha1(f"{first.article}\t{first.start}\t{first.end}".encode()).hexdigest()[:12]


def _by_frequency(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, tuple) and len(items) < 2:
        return items
    counts = Counter(items)
    return tuple(sorted(counts, key=lambda k: (-counts[k], k)))

