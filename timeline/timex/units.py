"""Calendar arithmetic on (day, granularity) points and their TIMEX3 values.

A point is the first day of a period plus its granularity ("month", "quarter", ...);
``shift`` moves it by whole periods and ``to_value`` writes it the TIMEX3 way.
"""

from __future__ import annotations

import calendar
import datetime as dt

from timeline.timex.values import interval

# Coarseness order: a finer reference keeps its precision ("a year earlier" after a quarter).
_RANK = {g: i for i, g in enumerate(("day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"))}
_MONTHS = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

Point = tuple[dt.date, str]


def finer(a: str, b: str) -> str:
    """The finer of two granularities."""
    return a if _RANK.get(a, 0) <= _RANK.get(b, 0) else b


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's length (31 Jan + 1 = 28/29 Feb)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, granularity: str, n: int) -> dt.date:
    """``day`` moved by ``n`` periods of ``granularity``."""
    if granularity == "day":
        return day + dt.timedelta(days=n)
    if granularity in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    return add_months(day, n * _MONTHS[granularity])


def to_value(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that contains ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        season = _SEASON_OF_MONTH[day.month]
        year = day.year - 1 if day.month < 3 else day.year  # Jan/Feb belong to last year's winter
        return f"{year:04d}-{season}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def parse(value: str) -> Point | None:
    """The first day and granularity of a calendar value, or None (durations, PAST_REF...).

    What a value covers is read in one place, ``values.interval``, which also names the
    units arithmetic keeps apart where the contract has no word for them: a weekend is not
    a week, and a half-year is not a quarter."""
    span = interval(value)
    if span is None:
        return None
    return span.start, span.unit or span.granularity
