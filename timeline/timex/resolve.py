"""Resolve underspecified values (``UNDEF-...``) against the DCT or the reference time.

The tagger writes ``UNDEF-<anchor>-<unit>-<arg>[<time>]``:

* calendar units shifted by whole periods: ``UNDEF-DCT-month-MINUS-1`` ("last month"),
  ``UNDEF-REF-day-PLUS-1`` ("the next day"), ``UNDEF-REFQ-quarter-PLUS-0`` ("the quarter":
  the quarter last mentioned), ``UNDEF-REFY-year-MINUS-1`` ("a year earlier": that quarter
  a year before in a quarterly report), ``UNDEF-Y1988-refquarter-0`` ("the 1988 period");
* named units found by a direction: ``UNDEF-TENSE-weekday-5`` ("Friday", direction from
  the clause's tense), ``UNDEF-LAST-month-06`` ("last June"), ``UNDEF-Y1998-quarter-3``,
  ``UNDEF-YLAST-month-06`` ("June last year"), ``UNDEF-REFNEXT-season-SU`` ("the
  following summer"), ``UNDEF-ATREF-season-SU`` ("that summer"),
  ``UNDEF-TENSE-monthquarter-09`` ("the quarter ended Sept. 30"), ``UNDEF-TENSE-namedday-2001-09-11``
  ("since 9/11": that day, in a report written after it; ``namedbare``, "after September 11",
  in one written well after that day of its own year);
* an optional time suffix: ``UNDEF-TENSE-weekday-4TEV`` ("Thursday evening").

Resolution is the table ``RESOLVERS`` of (unit, direction) -> function, each small.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.rulefile import RuleError
from timeline.timex import units
from timeline.timex.tense import FUTURE, PAST, PRESENT

_UNDEF = re.compile(
    r"^UNDEF-(?P<anchor>[A-Z]+|Y[0-9]{4})-(?P<unit>[a-z]+)-(?P<arg>[A-Za-z0-9-]*?)"
    r"(?P<time>T(?:MO|AF|EV|NI|DT|[0-9]{2}:[0-9]{2}(?::[0-9]{2})?))?$"
)


@dataclass(frozen=True)
class Context:
    """What a value is resolved against."""

    dct: dt.date
    ref: units.Point  # the last calendar expression resolved (starts as the DCT)
    ref_day: dt.date  # the last day-precise one (for "the next day")
    ref_quarter: dt.date | None  # the last quarter mentioned, if any (financial reports)
    tense: Callable[[], str | None]  # the clause's tense, computed only when asked
    # False after a report turned from the quarter to a longer period ("in the first nine
    # months, net rose from $3 million a year earlier"): "a year earlier" is then a year
    by_quarter: bool = True
    # True when the tense was read from a parse, not guessed from cue words: it is then
    # taken whatever the distance (see _WEAK_TENSE)
    firm: bool = False
    # True when ``ref_day`` is a weekday placed by its clause's tense ("talks on Saturday")
    ref_weekday: bool = False


Resolved = tuple[str, dt.date]  # value, and the date it was computed from
Resolver = Callable[[str, Context], Resolved | None]


def resolve(value: str, ctx: Context) -> Resolved | None:
    """The concrete value of an UNDEF-... ``value`` and the date it was computed from; None
    if it is not one, names a unit or direction the table lacks, or falls off the calendar."""
    m = _UNDEF.match(value)
    if not m:
        return None
    anchor, unit, arg, time = m["anchor"], m["unit"], m["arg"], m["time"] or ""
    direction = "YEAR" if anchor.startswith("Y") and anchor != "YEAR" else anchor
    fn = RESOLVERS.get((unit, direction))
    if fn is None:
        return None
    if direction == "YEAR":
        arg = f"{anchor}:{arg}"
    try:
        out = fn(arg, ctx)
    except RuleError:  # a broken rule file (the tense cues, read on first use) is no date off the calendar
        raise
    except (ValueError, OverflowError):  # a date outside the calendar (year 10000, 30 February)
        return None
    if out is None:
        return None
    result, base = out
    if time and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", result):
        result += time
    return result, base


def tense_unit(value: str) -> str | None:
    """The unit of an underspecified value whose direction the clause's tense chose
    ("UNDEF-TENSE-weekday-5": weekday); None for any other value."""
    m = _UNDEF.match(value)
    return m["unit"] if m and m["anchor"] == "TENSE" else None


def with_tense(value: str, tense: str | None, dct: dt.date) -> str | None:
    """An underspecified value resolved against ``dct`` as a clause of ``tense`` (PAST or
    FUTURE; None: the nearest) reads it: what a stage that reads the tense from a parse asks for."""
    point = units.parse(dct.isoformat())
    assert point is not None
    resolved = resolve(value, Context(dct, point, dct, None, lambda: tense, firm=True))
    return resolved[0] if resolved else None


# --- calendar units shifted by whole periods --------------------------------------------

def _offset(arg: str) -> int | None:
    m = re.fullmatch(r"(PLUS|MINUS)-([0-9]+|X)", arg)
    if not m or m[2] == "X":
        return None
    return int(m[2]) * (1 if m[1] == "PLUS" else -1)


def _shift_dct(unit: str) -> Resolver:
    def fn(arg: str, ctx: Context) -> Resolved | None:
        n = _offset(arg)
        if n is None:  # "several years ago"
            return _vague(arg), ctx.dct
        return _shifted(ctx.dct, unit, n, unit, arg), ctx.dct
    return fn


# A shift that lands before this year names no calendar year a TIMEX3 value can write
# with confidence ("2,000 years ago" is not the year 6): it is the vague past (or future).
_FIRST_YEAR = 1000


def _vague(arg: str) -> str:
    return "PAST_REF" if arg.startswith("MINUS") else "FUTURE_REF"


def _shifted(base: dt.date, unit: str, n: int, gran: str, arg: str) -> str:
    """The value of ``base`` moved by ``n`` units, at granularity ``gran``; the vague past
    or future if that leaves the years a calendar value can name."""
    try:
        day = units.shift(base, unit, n)
    except (ValueError, OverflowError):
        return _vague(arg)
    return units.to_value(day, gran) if day.year >= _FIRST_YEAR else _vague(arg)


# Units shorter than a day, in minutes. The DCT is a day with no clock, so "two hours ago"
# can only be dated to its day: the DCT's own for less than a day ("a few hours ago"
# too), and a day back for each whole 24 hours ("36 hours ago" is the day before).
_CLOCK_MINUTES = {"hour": 60, "minute": 1}


def _shift_clock(unit: str, anchor: str) -> Resolver:
    def fn(arg: str, ctx: Context) -> Resolved | None:
        base = ctx.dct if anchor == "DCT" else ctx.ref_day
        n = _offset(arg)
        if n is None:  # "hours ago", "a few minutes earlier": within the day
            return base.isoformat(), base
        days = abs(n) * _CLOCK_MINUTES[unit] // (24 * 60)
        return _shifted(base, "day", days if n > 0 else -days, "day", arg), base
    return fn


def _shift_ref(unit: str) -> Resolver:
    def fn(arg: str, ctx: Context) -> Resolved | None:
        n = _offset(arg)
        if n is None:
            return _vague(arg), ctx.dct
        if unit == "day":
            base = ctx.ref_day
            if n == 0 and ctx.ref_weekday and base > ctx.dct and ctx.tense() == PAST:
                # "left at 5:30 p.m." after "her talks on Saturday" written on Friday: what was
                # done was not done on a weekday still ahead; the report's own day is meant
                base = ctx.dct
            return _shifted(base, "day", n, "day", arg), base
        base, _ = ctx.ref
        return _shifted(base, unit, n, unit, arg), base
    return fn


def _same_ref(arg: str, ctx: Context) -> Resolved | None:
    """'until then', 'since then': the reference time itself, at its own precision."""
    base, gran = ctx.ref
    return units.to_value(base, gran), base


def _ref_quarter(arg: str, ctx: Context) -> Resolved | None:
    """'the quarter': the quarter last mentioned, else the last full quarter before the DCT;
    'the year-ago quarter' is that quarter shifted (MINUS-4)."""
    n = _offset(arg) or 0
    base = ctx.ref_quarter or units.shift(ctx.dct, "quarter", -1)
    return units.to_value(units.shift(base, "quarter", n), "quarter"), base


def _year_ago(arg: str, ctx: Context) -> Resolved | None:
    """'a year earlier', 'year-ago': in a report about a quarter, that quarter a year
    before; otherwise the reference time a year before, at its own precision."""
    if ctx.ref_quarter is not None:
        gran = "quarter" if ctx.by_quarter else "year"
        return units.to_value(units.shift(ctx.ref_quarter, "year", -1), gran), ctx.ref_quarter
    base, gran = ctx.ref
    return units.to_value(units.shift(base, "year", -1), units.finer(gran, "year")), base


def _year_of_ref_quarter(arg: str, ctx: Context) -> Resolved | None:
    """'the 1988 quarter', 'the 1988 period': in a report about a quarter, that quarter of
    the year named; otherwise the year."""
    year = int(arg.partition(":")[0][1:])
    if ctx.ref_quarter is None:
        return f"{year:04d}", ctx.dct
    day = ctx.ref_quarter.replace(year=year)
    return units.to_value(day, "quarter"), ctx.ref_quarter


# --- named units found by direction -----------------------------------------------------

def _holiday(year: int, spec: str) -> dt.date:
    """The day of a holiday in ``year``. ``spec`` (norm.toml table ``holiday``) is a month-day
    ("12-25"), the n-th weekday of a month ("nth-11-4-4": 4th Thursday of November; n = 0:
    the last), Easter ("easter"), any of them moved by days ("nth-11-1-1-plus-1": the Tuesday
    after the first Monday of November; "easter-minus-2": Good Friday)."""
    parts = spec.split("-")
    shift = 0
    while len(parts) >= 2 and parts[-2] in ("plus", "minus"):  # "easter-plus-1-plus-1": the day after Easter Monday
        shift += int(parts[-1]) * (1 if parts[-2] == "plus" else -1)
        parts = parts[:-2]
    if parts == ["thanksgiving"]:
        parts = ["nth", "11", "4", "4"]
    if parts == ["easter"]:
        day = _easter(year)
    elif parts[0] == "nth":
        month, weekday, n = int(parts[1]), int(parts[2]), int(parts[3])
        if n == 0:  # the last one: count back from the first of the next month
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            day = nxt - dt.timedelta(days=(nxt.isoweekday() - weekday - 1) % 7 + 1)
        else:
            first = dt.date(year, month, 1)
            day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    else:
        day = dt.date(year, int(parts[0]), int(parts[1]))
    return day + dt.timedelta(days=shift)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _candidates(unit: str, arg: str, base: dt.date, years: range) -> list[dt.date]:
    """Days on which the named unit starts, in the years around ``base``."""
    out: list[dt.date] = []
    if unit == "monthquarter":  # the quarter that holds a month
        unit = "month"
    if unit in ("holidayweek", "monthdayweek"):  # "Easter week", "the week of March 6"
        unit = unit.removesuffix("week")
    if unit in ("weekday", "weekend"):  # a weekend is found by its Saturday; within a week either side
        ahead = (int(arg) - base.isoweekday()) % 7
        return [base + dt.timedelta(days=k) for k in (ahead - 7, ahead, ahead + 7) if -7 <= k <= 7]
    if unit == "dayofmonth":  # "on the 6th": that day of the months around ``base``
        for k in range(-2, 3):
            y, m = divmod(base.month - 1 + k, 12)
            try:
                out.append(dt.date(base.year + y, m + 1, int(arg)))
            except ValueError:  # the 31st of a short month
                continue
        return out
    for y in years:
        try:
            if unit == "month":
                out.append(dt.date(y, int(arg), 1))
            elif unit == "monthday":
                mm, dd = arg.split("-")
                out.append(dt.date(y, int(mm), int(dd)))
            elif unit == "season":
                out.append(dt.date(y, units.SEASON_START[arg], 1))
            elif unit == "quarter":
                out.append(dt.date(y, 3 * int(arg) - 2, 1))
            elif unit == "half":
                out.append(dt.date(y, 6 * int(arg) - 5, 1))
            elif unit == "holiday":
                out.append(_holiday(y, arg))
        except (ValueError, KeyError, IndexError):  # 29 February in a common year; a bad spec
            continue
    return out


_GRAN = {"weekday": "day", "weekend": "weekend", "monthday": "day", "monthdayweek": "week", "holiday": "day", "holidayweek": "week",
         "dayofmonth": "day",
         "month": "month", "season": "season",
         "quarter": "quarter", "half": "half", "monthquarter": "quarter"}


def _period_start(day: dt.date, gran: str) -> dt.date:
    point = units.parse(units.to_value(day, gran))
    return point[0] if point else day


# News reports what happened: without a tense to go by, an occurrence after the DCT is taken
# only if it lies less than two thirds as far as the one before it ("set a record on Aug. 6"
# written in February is last August, "the summit in April" written in December is next April).
_FUTURE_COST = 1.5


def _pick(unit: str, arg: str, base: dt.date, how: str) -> dt.date | None:
    """The occurrence of a named unit: on/before, on/after, before, after or nearest ``base``
    (a later one counting half as far again)."""
    gran = _GRAN[unit]
    key = base if unit in ("weekday", "weekend") else _period_start(base, gran)
    # A winter starts in December: in January "last winter" is the one before the current
    # one, which began two calendar years back.
    first = base.year - (2 if unit == "season" else 1)
    cands = _candidates(unit, arg, base, range(first, base.year + 2))
    # "this winter" in January or February is the winter under way, labelled by the year it began
    year = base.year - 1 if unit == "season" and arg == "WI" and base.month <= 2 else base.year
    choose: dict[str, Callable[[dt.date], bool]] = {
        "on_or_before": lambda c: c <= key, "on_or_after": lambda c: c >= key,
        "before": lambda c: c < key, "after": lambda c: c > key,
        "same_year": lambda c: c.year == year, "nearest": lambda c: True,
    }
    ok = [c for c in cands if choose[how](c)]
    if not ok:
        return None
    if how in ("on_or_before", "before"):
        return max(ok)
    if how in ("on_or_after", "after", "same_year"):
        return min(ok)
    return min(ok, key=lambda c: _cost(c, key))


# What the clause's tense means for each named unit: news reports past events by default.
# A weekday in a present-tense clause is the nearer one, a later day counting half as far
# again: news tells the coming days in the present ("is facing a decisive game on Saturday",
# "the vote is Thursday") and the last day or two as well ("Jordan has a new cabinet on
# Sunday" written on Monday); on the silver corpus this moved 23 weekdays, 21 to the right day.
_BY_TENSE = {
    "weekday": {PAST: "on_or_before", FUTURE: "on_or_after", PRESENT: "nearest", None: "on_or_before"},
    "weekend": {PAST: "on_or_before", FUTURE: "on_or_after", PRESENT: "nearest", None: "on_or_before"},
    "monthday": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "dayofmonth": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "holiday": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "holidayweek": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "monthdayweek": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "month": {PAST: "on_or_before", FUTURE: "on_or_after", None: "nearest"},
    "season": {PAST: "on_or_before", FUTURE: "on_or_after", None: "same_year"},
    "quarter": {PAST: "on_or_before", FUTURE: "same_year", None: "same_year"},
    "half": {PAST: "on_or_before", FUTURE: "same_year", None: "same_year"},
    "monthquarter": {PAST: "on_or_before", FUTURE: "on_or_after", None: "on_or_before"},
}
# Tense guessed from a few cue words is weak evidence for units that span a year: a date
# the tense points to is taken unless it lies much further from the DCT than the nearest
# occurrence ("payable Dec. 14" in October is this December whatever verb came before).
_WEAK_TENSE = frozenset({"monthday", "monthdayweek", "holiday", "holidayweek", "month"})


def _by_tense(unit: str, arg: str, base: dt.date, t: str | None, firm: bool = False) -> dt.date | None:
    by_tense = _BY_TENSE[unit]
    how = by_tense.get(t, by_tense[None])  # PRESENT has a row of its own for weekdays only
    chosen = _pick(unit, arg, base, how)
    # A bare month in a past clause is the one before: "sold its stake in October" written in
    # September is last October, whatever the distance (a day of a month is another matter:
    # "extended the offer to Nov. 6" is read from an -ed form that dates the extending).
    if firm or unit not in _WEAK_TENSE or how == "nearest" or chosen is None or t not in (PAST, FUTURE) or (unit == "month" and t == PAST):
        return chosen
    nearest = _pick(unit, arg, base, "nearest")
    if nearest is None:
        return chosen
    # The nearest occurrence weighs a later date as _pick does; the tense's own choice does not.
    far, near = abs((chosen - base).days), _cost(nearest, base)
    return chosen if far <= 3 * near + 31 else nearest


def _cost(day: dt.date, base: dt.date) -> float:
    """How far ``day`` lies from ``base``, a later day counting half as far again."""
    return (day - base).days * _FUTURE_COST if day > base else (base - day).days
_BY_WORD = {"LAST": "before", "NEXT": "after", "THIS": "same_year"}


def _named(unit: str, direction: str) -> Resolver:
    gran = _GRAN[unit]

    def fn(arg: str, ctx: Context) -> Resolved | None:
        base = ctx.ref_day if direction in ("ATREF", "REFNEXT", "REFLAST") else ctx.dct
        if direction == "TENSE":
            day = _by_tense(unit, arg, base, ctx.tense(), ctx.firm)
            return (units.to_value(day, gran), base) if day else None
        if direction == "THIS" and unit == "weekday":
            how = "on_or_after"
        elif direction == "REFLAST":  # "the previous Friday": before the day last mentioned
            how = "before"
        elif direction in ("ATREF", "REFNEXT"):
            how = "after" if direction == "REFNEXT" else ("on_or_after" if unit in ("weekday", "weekend") else "same_year")
        else:
            how = _BY_WORD[direction]
        day = _pick(unit, arg, base, how)
        if day and direction == "LAST" and unit == "month" and units.add_months(day, 1) == _period_start(base, "month"):
            # "last February" said in March is a year back: last month would be "last month"
            day = units.add_months(day, -12)
        if day and direction == "LAST" and unit == "weekday" and (base - day).days == 1:
            # "last Tuesday" said on Wednesday is a week back: the day before would be "yesterday"
            # ("200,000 people died in last Tuesday's quake", "rose on last Monday and Tuesday,
            # or on Nov. 6 and Nov. 7" written on 14 November)
            day -= dt.timedelta(days=7)
        return (units.to_value(day, gran), base) if day else None
    return fn


def _in_year(unit: str) -> Resolver:
    """'June last year', "this year's third quarter", '1998 third quarter', '25 June that year'."""
    gran = _GRAN[unit]

    def fn(arg: str, ctx: Context) -> Resolved | None:
        anchor, _, rest = arg.partition(":")
        rel = {"YTHIS": 0, "YLAST": -1, "YNEXT": 1}
        if anchor == "YREF":  # "on 25 June that year": the year last named, not the report's
            year = ctx.ref[0].year
        else:
            year = ctx.dct.year + rel[anchor] if anchor in rel else int(anchor[1:])
        days = _candidates(unit, rest, ctx.dct, range(year, year + 1))
        return (units.to_value(days[0], gran), ctx.dct) if days else None
    return fn


def _named_day(bare: bool) -> Resolver:
    """A day that became the name of what happened on it ("since 9/11", "the September 11
    attacks"): that day in a report written after it, else the day of the month as the
    clause's tense places it. Written ``bare`` ("after September 11"), only where no day of the
    report's own year is as likely: not ahead, nor in the ``NAMED_DAY_RECENT`` days after that
    day of its own year, when a September 11 just gone is as often one of this year's news."""

    def fn(arg: str, ctx: Context) -> Resolved | None:
        day = dt.date.fromisoformat(arg)
        recent = 0 <= (ctx.dct - day.replace(year=ctx.dct.year)).days <= NAMED_DAY_RECENT
        if ctx.dct > day and not (bare and (recent or ctx.tense() == FUTURE)):
            return arg, ctx.dct
        return RESOLVERS["monthday", "TENSE"](f"{day.month:02d}-{day.day:02d}", ctx)
    return fn


NAMED_DAY_RECENT = 60  # days

# Named units that no year qualifies ("Friday last year" is no expression we read).
_NO_YEAR = ("weekday", "weekend", "monthquarter", "dayofmonth")
_SHIFTABLE = ("day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century")

RESOLVERS: dict[tuple[str, str], Resolver] = {
    **{(u, "DCT"): _shift_dct(u) for u in _SHIFTABLE},
    **{(u, "REF"): _shift_ref(u) for u in _SHIFTABLE},
    **{(u, a): _shift_clock(u, a) for u in _CLOCK_MINUTES for a in ("DCT", "REF")},
    ("quarter", "REFQ"): _ref_quarter,
    ("same", "REF"): _same_ref,
    ("year", "REFY"): _year_ago,
    ("refquarter", "YEAR"): _year_of_ref_quarter,
    ("namedday", "TENSE"): _named_day(bare=False),
    ("namedbare", "TENSE"): _named_day(bare=True),
    **{(u, d): _named(u, d) for u in _GRAN for d in ("TENSE", "THIS", "LAST", "NEXT", "ATREF", "REFNEXT", "REFLAST")},
    **{(u, "YEAR"): _in_year(u) for u in _GRAN if u not in _NO_YEAR},
}
assert len(RESOLVERS) == 2 * len(_SHIFTABLE) + 2 * len(_CLOCK_MINUTES) + 6 + 8 * len(_GRAN) - len(_NO_YEAR), "two entries share a key"
