"""What a TIMEX3 value covers: its first and last day, its granularity and a label.

A value is the truth about precision ("2016-05" is a month, not the first of May); every
interval and label is derived from it here, in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

from timeline.model import Granularity


class Interval(NamedTuple):
    start: dt.date
    end: dt.date  # inclusive
    granularity: Granularity  # in the contract's words: a weekend is its week, a half-year its quarter
    label: str
    unit: str | None = None  # the tagger's own unit where the contract has no word for it ("weekend", "half")


_SEASONS = {  # (first month, months covered, name); winter runs into the next year
    "SP": (3, 3, "spring"),
    "SU": (6, 3, "summer"),
    "FA": (9, 3, "autumn"),
    "WI": (12, 3, "winter"),
}
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(.*))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


@functools.lru_cache(maxsize=8192)  # a corpus repeats its dates; Interval is immutable
def interval(value: str) -> Interval | None:
    """The days a TIMEX3 value covers, or None for values that place nothing on a calendar.

    Durations (P7D), sets, PRESENT_REF/PAST_REF/FUTURE_REF and values with unknown parts
    (XXXX-07-15) have no interval.
    """
    try:
        found = _interval(value)
    except ValueError:  # month 13, day 31 of a 30-day month, year 0: not a real date
        return None
    return found


def _interval(value: str) -> Interval | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        label = f"{day:%a} {day.day} {day:%b %Y}"
        if m[4]:
            label += " " + _PARTS_OF_DAY.get(m[4].removeprefix("T"), m[4])
        return Interval(day, day, Granularity.DAY, label)
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            saturday = monday + dt.timedelta(days=5)
            return Interval(saturday, saturday + dt.timedelta(days=1), Granularity.WEEK, f"weekend of {saturday.day} {saturday:%b %Y}", "weekend")
        return Interval(monday, monday + dt.timedelta(days=6), Granularity.WEEK, f"week of {monday.day} {monday:%b %Y}")
    if m := _MONTH.match(value):
        first = dt.date(int(m[1]), int(m[2]), 1)
        return Interval(first, _month_end(first.year, first.month), Granularity.MONTH, f"{first:%B %Y}")
    if m := _QUARTER.match(value):
        year, q = int(m[1]), int(m[2])
        return Interval(dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), Granularity.QUARTER, f"Q{q} {year}")
    if m := _HALF.match(value):
        year, h = int(m[1]), int(m[2])
        ordinal = "first" if h == 1 else "second"
        return Interval(dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), Granularity.QUARTER, f"{ordinal} half of {year}", "half")
    if m := _SEASON.match(value):
        year = int(m[1])
        first_month, months, name = _SEASONS[m[2]]
        last_year, last_month = divmod(first_month - 1 + months - 1, 12)
        return Interval(
            dt.date(year, first_month, 1), _month_end(year + last_year, last_month + 1), Granularity.SEASON, f"{name} {year}"
        )
    if m := _YEAR.match(value):
        year = int(m[1])
        return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR, str(year))
    if m := _DECADE.match(value):
        decade = int(m[1]) * 10
        return Interval(dt.date(max(decade, 1), 1, 1), dt.date(decade + 9, 12, 31), Granularity.DECADE, f"the {decade}s")
    if m := _CENTURY.match(value):
        century = int(m[1]) * 100
        return Interval(
            dt.date(max(century, 1), 1, 1), dt.date(century + 99, 12, 31), Granularity.CENTURY, f"{_ordinal(int(m[1]) + 1)} century"
        )
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
