"""Give a day the year its text leaves out, by the pile's own calendar: ``redate``.

Needs: Reading (events of one mention each) and Article, for every article of a pile.
Adds: a new year for the mentions whose text names none (``Mention.year_inferred``), with
``Mention.correction`` saying why.

A report that says "on the night of June 25" leaves the year to its reader. The tagger takes
the one its clause's tense points to from the publication date: in a report of October 2011,
the 25 June just before. A reader of the whole pile knows better: in reports about Michael
Jackson's death, two dozen of them name 25 June 2009 with its year, and none names 25 June
2011. So a mention whose year was inferred moves to the same day of an earlier year when

- at least ``MIN_SUPPORT`` articles date that day by a year they name or by a relative
  expression ("yesterday", "on Thursday": anything but an inferred year), in sentences that
  share at least ``SHARED_WORDS`` telling words with the mention's (the same story: a corpus
  of many stories has no one calendar, and "Nov. 11" of one is not the 11 November another
  dates),
- more than ``RATIO`` times as many as date the day the tagger chose,
- the tagger's day is not after the report (a date ahead is the coming one: "the auction
  on June 25, the first anniversary" is this year's),
- and a weekday the expression names falls on it ("Thursday July 7" keeps a year in which
  7 July is a Thursday).

Of several such years, the one most articles date wins. The move is only ever back in time:
a report recalls earlier days of its story far more often than it leaves a past one's year out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from timeline.model import Article, Event, Mention, Reading, When
from timeline.timex import interval, weekday_named
from timeline.wording import telling_words

__all__ = ["redate"]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MIN_SUPPORT = 2  # articles that must date the earlier day themselves
SHARED_WORDS = 2  # ... each in a sentence that shares this many telling words with the mention's
RATIO = 3  # ... and how many times more of them than date the tagger's day


def redate(readings: Sequence[Reading], articles: Sequence[Article]) -> tuple[Reading, ...]:
    """``readings`` (one per article, in the same order) with every inferred year the pile
    knows better corrected, in its events and in the dates each article refers to."""
    published = {a.id: a.published for a in articles}
    support = _support(readings)
    years: dict[str, list[int]] = defaultdict(list)  # "06-25": the years some article dates that day of
    for day in sorted(support):
        years[day[5:]].append(int(day[:4]))
    result = []
    for reading in readings:
        moved: dict[str, str] = {}
        found = []
        for event in reading.events:
            better = _better(event, support, years, published)
            if better is not None:
                moved[event.when.value] = better.when.value
                event = better
            found.append(event)
        if moved:
            dates = tuple(dict.fromkeys(moved.get(value, value) for value in reading.dates))
            reading = replace(reading, events=tuple(found), dates=dates)
        result.append(reading)
    return tuple(result)


def _support(readings: Sequence[Reading]) -> dict[str, dict[str, list[Mention]]]:
    """For each day, the articles that date it by a year they name or a relative expression,
    each with its mentions that do."""
    found: dict[str, dict[str, list[Mention]]] = defaultdict(dict)
    for reading in readings:
        for event in reading.events:
            for mention in event.mentions:
                if not mention.year_inferred and _day(mention.value):
                    found[mention.value[:10]].setdefault(mention.article, []).append(mention)
    return found


def _shares(mentions: list[Mention], words: frozenset[str]) -> bool:
    """Whether an article's sentences that date a day tell of the same story as ``words``."""
    return len(frozenset().union(*map(_words, mentions)) & words) >= SHARED_WORDS


@lru_cache(maxsize=4096)
def _words(mention: Mention) -> frozenset[str]:
    """The telling words of a mention's sentence, its date expression left out."""
    at = mention.start - mention.sentence_start
    return telling_words(mention.sentence[:at] + " " + mention.sentence[at + len(mention.expression) :])


def _better(
    event: Event, support: dict[str, dict[str, list[Mention]]], years: dict[str, list[int]], published: dict[str, dt.date]
) -> Event | None:
    """The event moved to the year the pile dates its day in, or None to keep it."""
    mention = event.mentions[0]
    if len(event.mentions) != 1 or not mention.year_inferred or not _day(mention.value):
        return None
    chosen = dt.date.fromisoformat(mention.value[:10])
    here = len(support.get(chosen.isoformat(), ()))
    report = published.get(mention.article)
    if report is not None and chosen > report:
        return None
    weekday = weekday_named(mention.expression)
    if weekday is not None and chosen.isoweekday() == weekday:
        return None
    best: tuple[int, int] | None = None  # (articles, year)
    words: frozenset[str] | None = None
    for year in years.get(mention.value[5:10], ()):
        if year >= chosen.year:
            break
        if words is None:
            words = _words(mention)
        n = sum(1 for said in support[f"{year:04d}-{mention.value[5:10]}"].values() if _shares(said, words))
        if weekday is not None and dt.date(year, chosen.month, chosen.day).isoweekday() != weekday:
            continue
        if n >= MIN_SUPPORT and n > RATIO * here and (best is None or (n, year) > best):
            best = (n, year)
    if best is None:
        return None
    value = f"{best[1]:04d}{mention.value[4:]}"
    span = interval(value)
    if span is None:
        return None
    why = f"pile: {best[0]} reports with its words date {value[:10]}, {here} date {chosen.isoformat()}"
    correction = f"{mention.correction}; {why}" if mention.correction else why
    when = When(value=value, start=span.start, end=span.end, granularity=span.granularity, label=span.label)
    return replace(event, when=when, mentions=(replace(mention, value=value, correction=correction),))


def _day(value: str) -> bool:
    """Whether a value names a calendar day (or a time of one): "2009-06-25", "2009-06-25T20:00"."""
    return _DAY.match(value) is not None
