from __future__ import annotations

import datetime as dt

import pytest

from timeline.timex import interval

D = dt.date


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity", "label"),
    [
        ("2016-07-15", D(2016, 7, 15), D(2016, 7, 15), "day", "Fri 15 Jul 2016"),
        ("2016-07-14TEV", D(2016, 7, 14), D(2016, 7, 14), "day", "Thu 14 Jul 2016 evening"),
        ("2016-W36", D(2016, 9, 5), D(2016, 9, 11), "week", "week of 5 Sep 2016"),
        ("2016-W36-WE", D(2016, 9, 10), D(2016, 9, 11), "week", "weekend of 10 Sep 2016"),
        ("2016-05", D(2016, 5, 1), D(2016, 5, 31), "month", "May 2016"),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29), "month", "February 2016"),
        ("2016-Q3", D(2016, 7, 1), D(2016, 9, 30), "quarter", "Q3 2016"),
        ("2016-H2", D(2016, 7, 1), D(2016, 12, 31), "quarter", "second half of 2016"),
        ("2016-SU", D(2016, 6, 1), D(2016, 8, 31), "season", "summer 2016"),
        ("2016-WI", D(2016, 12, 1), D(2017, 2, 28), "season", "winter 2016"),
        ("2015", D(2015, 1, 1), D(2015, 12, 31), "year", "2015"),
        ("199", D(1990, 1, 1), D(1999, 12, 31), "decade", "the 1990s"),
        ("20", D(2000, 1, 1), D(2099, 12, 31), "century", "21st century"),
    ],
)
def test_interval(value: str, start: dt.date, end: dt.date, granularity: str, label: str) -> None:
    assert tuple(interval(value))[:4] == (start, end, granularity, label)


@pytest.mark.parametrize("value", ["P7D", "PRESENT_REF", "PAST_REF", "XXXX-07-15", "2016-13", "2016-02-30", "", "P1W"])
def test_no_interval(value: str) -> None:
    assert interval(value) is None


@pytest.mark.parametrize(("value", "unit"), [("2016-W36-WE", "weekend"), ("2016-H2", "half"), ("2016-W36", None), ("2016-Q3", None)])
def test_an_interval_names_the_units_the_contract_has_no_word_for(value: str, unit: str | None) -> None:
    assert interval(value).unit == unit  # type: ignore[union-attr]
