"""The pile's calendar: a day whose year the text leaves out takes the year the pile dates it in."""

from __future__ import annotations

import datetime as dt

from timeline import calendar, pipeline
from timeline.model import Article, Event, Mention, Reading, When
from timeline.timex import interval


def event(article: str, value: str, expression: str, *, inferred: bool = False, story: str = "Jackson died at home") -> Event:
    span = interval(value)
    assert span is not None
    mention = Mention(article=article, sentence=f"{story} {expression}.", sentence_start=0, expression=expression,
                      start=len(story) + 1, end=len(story) + 1 + len(expression), value=value, year_inferred=inferred)
    return Event(when=When(value, span.start, span.end, span.granularity, span.label), title="It happens", mentions=(mention,))


def pile(*rows: tuple[str, dt.date, tuple[Event, ...]]) -> tuple[list[Article], list[Reading]]:
    articles = [Article(id=name, text="x", published=published) for name, published, _ in rows]
    readings = [Reading(events, tuple(dict.fromkeys(e.when.value for e in events))) for _, _, events in rows]
    return articles, readings


def stated(name: str, year: int = 2009) -> tuple[str, dt.date, tuple[Event, ...]]:
    return name, dt.date(year, 6, 27), (event(name, f"{year}-06-25", f"on 25 June {year}"),)


def test_a_day_the_pile_dates_takes_its_year():
    later = event("trial", "2011-06-25", "on the night of 25 June", inferred=True)
    articles, readings = pile(stated("a"), stated("b"), stated("c"), ("trial", dt.date(2011, 10, 8), (later,)))
    moved = calendar.redate(readings, articles)[3]
    (mention,) = moved.events[0].mentions
    assert moved.events[0].when.start == dt.date(2009, 6, 25) and mention.value == "2009-06-25"
    assert mention.correction == "pile: 3 reports with its words date 2009-06-25, 0 date 2011-06-25"
    assert moved.dates == ("2009-06-25",)  # significance counts the article for the day it means
    assert calendar.redate(readings, articles)[:3] == tuple(readings[:3])


def test_a_time_of_that_day_moves_with_it():
    later = event("trial", "2011-06-25TNI", "on the night of 25 June", inferred=True)
    articles, readings = pile(stated("a"), stated("b"), ("trial", dt.date(2011, 10, 8), (later,)))
    assert calendar.redate(readings, articles)[2].events[0].when.value == "2009-06-25TNI"


def test_the_year_is_kept_without_enough_evidence():
    later = event("trial", "2011-06-25", "on 25 June", inferred=True)
    one = pile(stated("a"), ("trial", dt.date(2011, 10, 8), (later,)))  # one report is not a pile's calendar
    assert calendar.redate(one[1], one[0])[1] == one[1][1]
    named = event("trial", "2011-06-25", "25 June 2011")  # a year the text names is never moved
    two = pile(stated("a"), stated("b"), ("trial", dt.date(2011, 10, 8), (named,)))
    assert calendar.redate(two[1], two[0])[2] == two[1][2]


def test_only_reports_of_the_same_story_date_the_day():
    """A corpus of many stories has no one calendar: another story's 11 November is not this one's."""
    later = event("z", "2006-11-11", "on Nov. 11", inferred=True, story="Five Shiite ministers resigned from the cabinet")
    rows = [(n, dt.date(2005, 11, 12), (event(n, "2005-11-11", "on 11 November 2005", story="Jackson died at home"),)) for n in "abc"]
    articles, readings = pile(*rows, ("z", dt.date(2006, 12, 1), (later,)))
    assert calendar.redate(readings, articles)[3] == readings[3]


def test_the_tagger_day_keeps_its_year_when_the_pile_dates_it_too():
    later = event("trial", "2011-06-25", "on 25 June", inferred=True)
    articles, readings = pile(stated("a"), stated("b"), stated("c"), stated("d", 2011), ("trial", dt.date(2011, 10, 8), (later,)))
    assert calendar.redate(readings, articles)[4] == readings[4]  # 3 against 1 is not more than three times


def test_a_day_ahead_of_the_report_is_the_coming_one():
    auction = event("sale", "2010-06-25", "on June 25", inferred=True)
    articles, readings = pile(stated("a"), stated("b"), stated("c"), ("sale", dt.date(2010, 6, 20), (auction,)))
    assert calendar.redate(readings, articles)[3] == readings[3]


def test_a_named_weekday_must_fall_on_the_new_day():
    # 7 July 2005 was a Thursday, 7 July 2011 too; 7 July 2009 a Tuesday
    confirmed = event("z", "2005-07-07", "Thursday July 7", inferred=True)
    rows = [(n, dt.date(2009, 7, 9), (event(n, "2009-07-07", "on 7 July 2009"),)) for n in "abc"]
    articles, readings = pile(*rows, ("z", dt.date(2005, 8, 4), (confirmed,)))
    assert calendar.redate(readings, articles)[3] == readings[3]
    guessed = event("z", "2012-07-07", "on Thursday, July 7", inferred=True)  # a Saturday: the weekday says another year
    rows = [(n, dt.date(2005, 7, 9), (event(n, "2005-07-07", "on 7 July 2005"),)) for n in "abc"]
    rows += [(n, dt.date(2009, 7, 9), (event(n, "2009-07-07", "on 7 July 2009"),)) for n in "defg"]
    articles, readings = pile(*rows, ("z", dt.date(2012, 8, 4), (guessed,)))
    assert calendar.redate(readings, articles)[7].events[0].when.value == "2005-07-07"  # not 2009, the better dated


def test_the_tagger_marks_an_inferred_year():
    """End to end: the tagger and the event extractor say which years the text left out."""
    articles = [
        Article("a", "Jackson died on 25 June 2009 after Murray gave him propofol.", dt.date(2009, 6, 27)),
        Article("b", "Murray injected Jackson on June 25, 2009, police said.", dt.date(2009, 6, 30)),
        Article("c", "Murray said Jackson died on 25 June 2009 after an injection.", dt.date(2010, 2, 8)),
        Article("d", "Murray told police that on June 25 he injected Jackson with propofol.", dt.date(2011, 10, 8)),
    ]
    timeline = pipeline.build(articles)
    by_article = {m.article: (e, m) for e in timeline.events for m in e.mentions}
    event_d, mention_d = by_article["d"]
    assert mention_d.year_inferred and event_d.when.value == "2009-06-25"
    assert mention_d.correction is not None and mention_d.correction.startswith("pile: 3 reports with its words date 2009-06-25,")
    assert not by_article["a"][1].year_inferred
