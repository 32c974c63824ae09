"""Significance: what the pile keeps coming back to ranks first, then the event's own evidence."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from timeline import significance
from timeline.model import Article, Event, Mention, Timeline, When
from timeline.query import default_top, top
from timeline.timex import interval

DAY = dt.date(2016, 7, 14)


def article(n: int, published: dt.date = DAY, source: str | None = None) -> Article:
    return Article(id=f"a{n}", text="x", published=published, source=source)


def event(value: str, *articles: str, kind: str | None = "meeting", status: str = "occurred", name: str = "") -> Event:
    span = interval(value)
    assert span is not None
    mentions = tuple(Mention(a, "s", 0, value, i, i + 1, value) for i, a in enumerate(articles))
    return Event(When(value, span.start, span.end, span.granularity, span.label), name or value, mentions, id=name or value,
                 kind=kind, status=status)


def ranked(events: list[Event], articles: list[Article], dates: dict[str, tuple[str, ...]]) -> dict[str, Event]:
    timeline = significance.rank(Timeline(tuple(articles), tuple(events)), dates)
    assert [e.id for e in timeline.events] == [e.id for e in events]  # order kept
    return {e.id: e for e in timeline.events}


def test_a_date_the_pile_keeps_referring_to_outranks_one_reported_once() -> None:
    articles = [article(i, DAY + dt.timedelta(days=i)) for i in range(5)]
    events = [event("2016-07-14", "a0", name="big"), event("2016-07-15", "a1", name="small")]
    dates = {"a0": ("2016-07-14",), "a1": ("2016-07-15", "2016-07-14"), "a2": ("2016-07-14",), "a3": ("2016-07-14",), "a4": ()}
    found = ranked(events, articles, dates)
    assert found["big"].significance > found["small"].significance
    assert found["big"].evidence.referring == 4 and found["big"].evidence.later == 3
    assert found["big"].evidence.days_in_news == 3


def test_attention_grows_with_how_long_after_a_report_still_refers_back() -> None:
    articles = [article(0, DAY), article(1, DAY + dt.timedelta(days=30)), article(2, DAY - dt.timedelta(days=2))]
    found = ranked([event("2016-07-14", "a0", name="e")], articles, {"a0": ("2016-07-14",), "a1": ("2016-07-14",), "a2": ("2016-07-14",)})
    assert found["e"].evidence.attention == pytest.approx(1.0 + (1.0 + math.log(31)) + significance.FORECAST_WEIGHT, abs=1e-3)


def test_a_time_of_day_counts_for_its_day() -> None:
    articles = [article(0), article(1)]
    found = ranked([event("2016-07-14TEV", "a0", name="e")], articles, {"a0": ("2016-07-14TEV",), "a1": ("2016-07-14",)})
    assert found["e"].evidence.referring == 2


def test_more_outlets_rank_higher_and_one_outlet_counts_once() -> None:
    articles = [article(0, source="Reuters"), article(1, source="Reuters"), article(2, source="AP"), article(3)]
    dates = {a.id: ("2016-07-14", "2016-07-13") for a in articles}
    events = [event("2016-07-14", "a0", "a1", name="one outlet"), event("2016-07-13", "a0", "a2", name="two outlets")]
    found = ranked(events, articles, dates)
    assert found["one outlet"].evidence.outlets == 1 and found["one outlet"].evidence.sources == 2
    per_attention = {k: e.significance / e.evidence.attention for k, e in found.items()}
    assert per_attention["two outlets"] == pytest.approx(per_attention["one outlet"] * (1 + math.log(2)), rel=1e-3)


def test_kind_and_status_weigh_in() -> None:
    articles = [article(0)]
    dates = {"a0": ("2016-07-14", "2016-07-15", "2016-07-16")}
    events = [
        event("2016-07-14", "a0", kind="ceasefire", name="truce"),
        event("2016-07-15", "a0", kind="statement", name="remark"),
        event("2016-07-16", "a0", kind="ceasefire", status="scheduled", name="planned truce"),
    ]
    found = ranked(events, articles, dates)
    assert found["truce"].significance > found["planned truce"].significance > found["remark"].significance
    assert found["remark"].evidence.kind_weight < 1 and found["planned truce"].evidence.status_weight < 1


def test_each_further_event_of_one_date_counts_half() -> None:
    articles = [article(i) for i in range(3)]
    dates = {a.id: ("2016-07-14",) for a in articles}
    events = [event("2016-07-14", "a0", name="minor"), event("2016-07-14", "a0", "a1", "a2", name="major")]
    found = ranked(events, articles, dates)
    assert found["major"].evidence.rank_in_date == 1 and found["minor"].evidence.rank_in_date == 2
    alone = ranked([event("2016-07-14", "a0", name="minor")], articles, dates)["minor"]
    assert found["minor"].significance == pytest.approx(alone.significance * significance.SAME_DATE_DECAY, rel=1e-3)


def test_a_vague_date_counts_less_than_a_day_with_the_same_references() -> None:
    articles = [article(i) for i in range(3)]
    found = ranked(
        [event("2016-07-14", "a0", name="day"), event("2016-07", "a0", name="month"), event("2016", "a0", name="year")],
        articles,
        {a.id: ("2016-07-14", "2016-07", "2016") for a in articles},
    )
    assert found["day"].significance > found["month"].significance > found["year"].significance


def test_top_keeps_the_most_significant_in_date_order() -> None:
    articles = [article(i) for i in range(4)]
    dates = {"a0": ("2016-07-01", "2016-07-03"), "a1": ("2016-07-03",), "a2": ("2016-07-03", "2016-07-02"), "a3": ("2016-07-02",)}
    events = [event(f"2016-07-0{d}", "a0", name=f"d{d}") for d in (1, 2, 3)]
    timeline = significance.rank(Timeline(tuple(articles), tuple(events)), dates)
    assert [e.id for e in top(timeline, 2).events] == ["d2", "d3"]
    assert [e.id for e in top(timeline, 10).events] == ["d1", "d2", "d3"]


@pytest.mark.parametrize(("count", "expected"), [(3, 3), (40, 15), (490, 49), (10_000, 100)])
def test_default_number_of_key_events(count: int, expected: int) -> None:
    assert default_top(count) == expected


def test_the_same_input_gives_the_same_figures() -> None:
    articles = [article(i, DAY + dt.timedelta(days=i)) for i in range(4)]
    dates = {a.id: ("2016-07-14", "2016-07-15") for a in articles}
    events = [event("2016-07-14", "a0", "a1", name="x"), event("2016-07-15", "a2", name="y")]
    first = significance.rank(Timeline(tuple(articles), tuple(events)), dates)
    again = significance.rank(Timeline(tuple(reversed(articles)), tuple(events)), dict(reversed(list(dates.items()))))
    assert [e.significance for e in first.events] == [e.significance for e in again.events]


def test_a_date_long_before_the_pile_is_background() -> None:
    articles = [article(i, DAY + dt.timedelta(days=i)) for i in range(3)]
    dates = {a.id: ("1918", "2016") for a in articles}
    found = ranked([event("1918", "a0", name="history"), event("2016", "a0", name="story")], articles, dates)
    assert found["history"].significance < found["story"].significance


def test_the_days_a_report_looks_back_count_only_up_to_the_time_the_pile_covers() -> None:
    articles = [article(0, DAY), article(1, DAY + dt.timedelta(days=400))]  # the pile covers 400 days
    earlier = (DAY - dt.timedelta(days=100)).isoformat()
    old = ranked([event(earlier, "a0", name="old")], articles, {"a1": (earlier,)})["old"]
    assert old.evidence.attention == pytest.approx(1.0 + math.log1p(400), abs=1e-3)  # not the 500 days it looks back


def test_a_day_when_the_pile_published_a_burst_of_reports_outranks_a_quiet_one() -> None:
    quiet, busy = DAY, DAY + dt.timedelta(days=10)
    articles = [article(0, quiet), *(article(i, busy + dt.timedelta(days=i % 2)) for i in range(1, 7)), article(7, busy + dt.timedelta(days=2))]
    dates = {"a0": (quiet.isoformat(),), "a1": (busy.isoformat(),)}  # each day referred to by one article
    found = ranked([event(quiet.isoformat(), "a0", name="quiet"), event(busy.isoformat(), "a1", name="busy")], articles, dates)
    assert found["busy"].evidence.published_then == 6 and found["quiet"].evidence.published_then == 1  # that day and the next
    assert found["busy"].significance > found["quiet"].significance
    month = ranked([event("2016-07", "a0", name="m")], articles, dates)["m"]
    assert month.evidence.published_then == 8  # over a month, from its first day to the day after its last


STORY = "Kerry and Lavrov met in Geneva to discuss the Syria ceasefire and the truce monitoring plan"


def test_an_event_reported_only_by_an_article_off_the_piles_story_ranks_below_one_on_it() -> None:
    texts = [STORY, STORY + " again", "Lavrov and Kerry agreed the Syria ceasefire", "Geneva talks on the Syria truce",
             "Radio schedule: music, comedy and football highlights tonight"]
    articles = [Article(id=f"a{i}", text=t, published=DAY) for i, t in enumerate(texts)]
    events = [event("2016-07-13", "a0", name="on"), event("2016-07-12", "a4", name="off")]
    found = ranked(events, articles, {a.id: () for a in articles})
    on, off = found["on"].evidence, found["off"].evidence
    assert on is not None and off is not None
    assert on.topicality > 1 > off.topicality
    assert found["on"].significance > found["off"].significance


def test_topicality_from_the_readings_terms_is_the_one_from_the_texts() -> None:
    from timeline.wording import terms

    texts = [STORY, "Lavrov and Kerry agreed the Syria ceasefire", "Radio schedule: music and football tonight"]
    articles = [Article(id=f"a{i}", text=t, published=DAY) for i, t in enumerate(texts)]
    timeline = Timeline(tuple(articles), (event("2016-07-13", "a0", name="on"),))
    given = significance.rank(timeline, {}, {a.id: terms(a.text) for a in articles})
    made = significance.rank(timeline, {})
    assert given == made


def test_a_pile_too_small_to_have_a_centre_leaves_topicality_at_one() -> None:
    articles = [Article(id="a0", text=STORY, published=DAY), Article(id="a1", text="Radio tonight", published=DAY)]
    found = ranked([event("2016-07-13", "a1", name="e")], articles, {})
    assert found["e"].evidence is not None and found["e"].evidence.topicality == 1.0
