"""Rank the events of a timeline by how much they matter: significance.

Needs: Timeline (merged events), the dates each article refers to (``Reading.dates``).
Adds: ``Event.significance`` and the ``Event.evidence`` it was computed from.

A pile of reports says what matters by what it keeps coming back to. So an event's
significance is mostly the attention its date gets across the whole pile (the signal behind
news-tls DATEWISE): every article that refers to the date counts, a report published on a
later day counts more the longer after it still refers back, and a report written before the
day (a forecast) counts half:

    attention(date) = sum over articles a that refer to the date of
                      1 + ln(1 + days from the date to a's publication)   (a published on or after it)
                      0.5                                                  (a published before it)

where the days are counted at most up to the time the pile covers (its first to its last
article, at least a year), so that "1918" recalled in 2009 counts as a report of its year,
not as ninety years of attention.

A date vaguer than a day ("in May", "in 2015") names a period many events share; its
attention comes from the articles that refer to that same period (the days after it count
from its end), divided by 1 + ln(days it covers). Then the event's own evidence:

    significance = attention × vagueness × history × (1 + ln outlets) × (1 + ln(1 + burst))
                   × topicality × kind weight × status weight
                   × 0.5 ** (rank among the events of the same date − 1)

``history`` is 0.2 for a date that ends more than that time before the pile's first article
(the 1918 pandemic in a pile about 2009): background a report recalls, not the story; its
referring articles count once each, however long after they recall it.

``burst`` is how much the pile published while it happened: the articles published on its
date or the day after, per day the date covers (a day when the news broke draws a burst of
reports, whatever their words refer to). ``topicality`` is how central the event's articles
are to the pile: the mean, over its source articles, of each article's cosine to the pile's
centroid (TF-IDF of the stems of its telling words, ``wording.centrality``), over the median
article's. A pile gathered by a query holds reports that only touch the story (a radio
schedule, a boxing preview that mentions the flu); their events sink. ``outlets`` are the distinct outlets that report the event (an article without an outlet
counts as one of its own). The kind and status weights are data in ``rules/en/events.toml``
("a truce taking effect outranks a spokesman's remark"; a scheduled meeting counts less than
one that happened). The last factor keeps one busy day from filling a key-events view: the
best-supported event of a date keeps its full score, the next one half, and so on.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from timeline.events.lexicon import lexicon
from timeline.model import Event, Evidence, Timeline, When, evolve
from timeline.timex import interval
from timeline.wording import centrality
from timeline.wording import terms as words_of

__all__ = ["rank"]

FORECAST_WEIGHT = 0.5  # a report published before the date it refers to
BACKGROUND_WEIGHT = 0.2  # a date long before the pile begins: history the reports recall
_MIN_SPAN = 365  # days: the shortest time a pile is taken to cover
SAME_DATE_DECAY = 0.5  # each further event of one date counts this much of the one before
_MIN_TOPICAL = 3  # articles: fewer have no centre to be near


def rank(timeline: Timeline, dates: Mapping[str, tuple[str, ...]],
         terms: Mapping[str, tuple[tuple[str, int], ...]] | None = None) -> Timeline:
    """The timeline with every event's significance and evidence; order unchanged.

    dates: for each article id, the TIMEX3 values of the dates it refers to (each once).
    terms: for each article id, its ``wording.terms`` (``Reading.terms``); made from the
    articles' texts where not given.
    """
    published = {a.id: a.published for a in timeline.articles}
    first = min(published.values(), default=None)
    span = max(_MIN_SPAN, (max(published.values()) - first).days) if first else _MIN_SPAN
    outlet = {a.id: a.source or f"#{a.id}" for a in timeline.articles}
    publication_days = sorted(published.values())
    referring = _referring(dates)
    central = _topicality(timeline, terms or {})
    lex = lexicon()
    scored: list[tuple[Event, float, tuple, tuple[int, float], str]] = []  # the event, its score, its Evidence but the rank, (published then, topicality), its date
    looked_at: dict[tuple[str, When], tuple[float, int, int, int]] = {}  # events of one date share its attention
    for event in timeline.events:
        key = (_key(event.when.value), event.when)
        background = first is not None and (first - event.when.end).days > span
        if key not in looked_at:
            looked_at[key] = _attention(referring.get(key[0], ()), published, event.when, 0 if background else span)
        attention, count, later, days = looked_at[key]
        vagueness = 1.0 / (1.0 + math.log((event.when.end - event.when.start).days + 1))
        outlets = len({outlet.get(m.article, m.article) for m in event.mentions})
        kind_weight = lex.kind_weight(event.kind)
        status_weight = lex.status_weight(event.status)
        history = BACKGROUND_WEIGHT if background else 1.0
        then = _published_then(publication_days, event.when)
        burst = then / ((event.when.end - event.when.start).days + 1)
        sources = {m.article: None for m in event.mentions}
        topicality = round(math.fsum(central.get(a, 1.0) for a in sources) / len(sources), 3) if sources else 1.0
        base = (max(attention, 1.0) * vagueness * history * (1 + math.log(outlets)) * (1 + math.log1p(burst))
                * topicality * kind_weight * status_weight)
        evidence = (len(sources), outlets, count, later, days, round(attention, 3), kind_weight, status_weight)
        scored.append((event, base, evidence, (then, topicality), key[0]))
    by_date: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, _, _, date) in enumerate(scored):
        by_date[date].append(i)
    result = list(timeline.events)
    for indices in by_date.values():
        indices.sort(key=lambda i: (-scored[i][1], -scored[i][2][0], scored[i][0].id))
        for place, i in enumerate(indices, start=1):
            event, base, evidence, (then, topicality), _ = scored[i]
            value = round(base * SAME_DATE_DECAY ** (place - 1), 4)
            result[i] = evolve(event, significance=value, evidence=Evidence(
                *evidence, rank_in_date=place, published_then=then, topicality=topicality))
    return replace(timeline, events=tuple(result))


def _topicality(timeline: Timeline, terms: Mapping[str, tuple[tuple[str, int], ...]]) -> dict[str, float]:
    """Each article's centrality to the pile (``wording.centrality``) over the median
    article's: 1 for a typical report of the pile, above it for one about the pile's story,
    below for one that only touches it. All 1 when the pile is too small to say."""
    central = centrality({a.id: terms.get(a.id) or words_of(a.text) for a in timeline.articles})
    middle = statistics.median(central.values()) if len(central) >= _MIN_TOPICAL else 0.0
    if middle <= 0:
        return {}
    return {a: c / middle for a, c in central.items()}


def _attention(articles: tuple[str, ...], published: Mapping[str, dt.date], when: When, span: int) -> tuple[float, int, int, int]:
    """A date's attention, the number of articles referring to it, of those published later,
    and the days from it to the last of them."""
    days = [published[a] for a in articles if a in published]
    attention = sum(_weight(day, when, span) for day in days)
    last = max(days, default=when.start)
    return attention, len(articles), sum(1 for day in days if day > when.end), max(0, (last - when.start).days)


def _published_then(days: list[dt.date], when: When) -> int:
    """The articles published from the date's first day to the day after its last (``days``:
    every article's publication day, sorted)."""
    return bisect_right(days, when.end + dt.timedelta(days=1)) - bisect_left(days, when.start)


def _referring(dates: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """For each TIMEX3 value, the articles that refer to it; a time of day counts for its day."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for article, values in sorted(dates.items()):
        for value in values:
            found[_key(value)][article] = None
    return {key: tuple(articles) for key, articles in found.items()}


@cache  # a pile's ~20k values are ~1,400 distinct ones, and ``interval`` formats a label each time
def _key(value: str) -> str:
    """What a value is counted under: its day for a day or a time of day, else itself."""
    span = interval(value)
    return span.start.isoformat() if span is not None and span.granularity == "day" else value


def _weight(published: dt.date, when: When, span: int) -> float:
    """What one referring article adds to the attention of a date (see the module's formula)."""
    if published < when.start:
        return FORECAST_WEIGHT
    return 1.0 + math.log1p(min(span, max(0, (published - when.end).days)))  # span 0: background
