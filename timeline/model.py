"""The immutable records every stage reads and returns.

Records are frozen dataclasses holding tuples, never lists, so a stage cannot change what
an earlier stage produced; it returns new records (``dataclasses.replace``).
Offsets are Python ``str`` indices into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, TypeVar


@dataclass(frozen=True)
class Article:
    """One news report: its text and the metadata that anchors its dates."""

    id: str
    text: str
    published: dt.date
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None


class Status(StrEnum):
    """Whether an event happened, by the clause that reports it."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"  # "is meeting", a habit ("every morning")
    SCHEDULED = "scheduled"  # will, was due to, a future date
    PROPOSED = "proposed"  # would, under a proposal, a plan since changed
    CONDITIONAL = "conditional"  # if, unless
    DENIED = "denied"  # a negated verb, "denied that"


class Granularity(StrEnum):
    """How precise a date is, in the contract's words (a half-year is its quarter, a weekend
    its week: the contract knows no finer names)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"

    @property
    def coarseness(self) -> int:
        """0 for a day, up to 7 for a century: the order the members are listed in."""
        return _GRANULARITY_ORDER.index(self)


_GRANULARITY_ORDER = tuple(Granularity)


class TimexType(StrEnum):
    """TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in an article and resolved to a TIMEX3 value.

    ``text == article.text[start:end]`` always holds. ``rule`` names the grammar rule that
    found it and ``anchor`` the reference date (ISO) its value was computed from, so a
    person can see why a date was chosen.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str  # TIMEX3 value: 2016-07-15, 2016-W28, P7D, PRESENT_REF, ...
    rule: str = ""
    anchor: str | None = None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    # The underspecified value the tagger resolved by the clause's tense ("UNDEF-TENSE-
    # weekday-5" for "Friday"), so a later stage that reads the tense better can resolve it again.
    by_tense: str | None = None


@dataclass(frozen=True)
class When:
    """The time an event is placed at, at its true precision."""

    value: str
    start: dt.date
    end: dt.date  # inclusive
    granularity: Granularity
    label: str


@dataclass(frozen=True)
class Mention:
    """One sentence of one article that reports an event, with the expression dating it."""

    article: str
    sentence: str
    sentence_start: int
    expression: str
    start: int
    end: int
    value: str
    rule: str = ""
    anchor: str | None = None
    trigger: str | None = None  # the word the expression dates, as in the sentence
    lemma: str | None = None  # the trigger's lemma, for comparing mentions
    correction: str | None = None  # why the value differs from the tagger's: "parse: past verb 'agreed'"
    # The text names a day of a month but no year ("on June 25"): the tagger chose the year by
    # the clause's tense, and the pile's own calendar may know better (``timeline.calendar``).
    year_inferred: bool = False


@dataclass(frozen=True)
class Evidence:
    """Why an event ranks where it does: the figures its significance is computed from
    (``timeline.significance`` documents the formula)."""

    sources: int  # distinct articles that report the event
    outlets: int  # distinct outlets among them (an article without one counts as its own)
    referring: int  # distinct articles that refer to the event's date, wherever in their text
    later: int  # ... of them published on a later day: reports that look back at it
    days_in_news: int  # from the event's date to the last article that refers to it
    attention: float  # the date's share of the pile's attention (see significance)
    kind_weight: float
    status_weight: float
    rank_in_date: int  # 1 for the best-supported event of its date, 2 for the next, ...
    published_then: int = 0  # articles the pile published on its date or the day after (over a longer date: from its start)
    topicality: float = 1.0  # its articles' mean centrality to the pile, over the median article's


@dataclass(frozen=True)
class Event:
    """A dated event. Before merging it has one mention; after, one per supporting sentence."""

    when: When
    title: str
    mentions: tuple[Mention, ...]
    id: str = ""
    kind: str | None = None  # a small diplomatic vocabulary: meet, agreement, statement, ...
    cameo: str | None = None  # the kind's CAMEO root code: "04", "18-19", ...
    status: Status | None = None
    actors: tuple[str, ...] = ()  # canonical names
    roles: tuple[tuple[str, str], ...] = ()  # (actor, role the text gives): ("John Kerry", "Secretary of State")
    affiliations: tuple[tuple[str, str], ...] = ()  # (person, the country their role names): ("Sergei Lavrov", "Russia")
    places: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()  # other dates some mentions gave for this event
    significance: float | None = None  # how much it matters in its timeline, higher first
    evidence: Evidence | None = None  # what the significance was computed from


@dataclass(frozen=True)
class Reading:
    """What the per-article stages find in one article: its dated events, and every calendar
    date it refers to (each TIMEX3 value once, in text order), which significance counts."""

    events: tuple[Event, ...]
    dates: tuple[str, ...] = ()
    terms: tuple[tuple[str, int], ...] = ()  # its telling words' stems and counts (``wording.terms``), for centrality


@dataclass(frozen=True)
class Timeline:
    """The finished product: the articles read and the merged events, sorted by time."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    title: str = "Timeline"


_Record = TypeVar("_Record")


def evolve(record: _Record, **changes: Any) -> _Record:
    """``dataclasses.replace`` for these records, a fifth of its cost: merging and ranking a
    pile make a new Event for each of its ~10k events, and ``replace`` calls ``__init__``,
    which sets each of the fields of a frozen record one by one. The records have no
    ``__post_init__``, no ``InitVar`` and no ``field(init=False)``, so copying the fields
    and changing some gives what ``replace`` gives; an unknown field name is still an error."""
    kind = type(record)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = frozenset(f.name for f in fields(record))  # type: ignore[arg-type]
    if not changes.keys() <= names:
        raise TypeError(f"{kind.__name__} has no field {sorted(changes.keys() - names)[0]!r}")
    new = object.__new__(kind)
    state = new.__dict__
    state.update(record.__dict__)
    state.update(changes)
    return new


_FIELDS: dict[type, frozenset[str]] = {}  # each record type's field names
