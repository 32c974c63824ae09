"""Merging hand-made events: no parser, no tagger."""

from __future__ import annotations

import datetime as dt
import random

from timeline import merge
from timeline.model import Article, Event, Mention, When
from timeline.timex import interval


def event(article: str, sentence: str, value: str, *, kind: str | None = "meeting", status: str = "occurred",
          actors: tuple[str, ...] = (), lemma: str | None = "meet", title: str | None = None, at: int = 0) -> Event:
    span = interval(value)
    assert span is not None
    mention = Mention(article=article, sentence=sentence, sentence_start=at, expression=value, start=at, end=at + 3,
                      value=value, lemma=lemma, trigger=lemma)
    return Event(when=When(value, span.start, span.end, span.granularity, span.label), title=title or sentence[:30],
                 mentions=(mention,), kind=kind, status=status, actors=actors)


ARTICLES = (
    Article("thu", "x", dt.date(2016, 7, 14)),
    Article("mon", "x", dt.date(2016, 7, 18)),
    Article("tue", "x", dt.date(2016, 7, 19)),
)
SCHEDULED = event("thu", "Kerry was due to meet Russian Foreign Minister Sergei Lavrov on Friday in Moscow.", "2016-07-15",
                  status="scheduled", actors=("John Kerry", "Sergei Lavrov"), title="Kerry to meet Lavrov")
HELD = event("mon", "Kerry discussed the plan with Russian Foreign Minister Sergei Lavrov Friday.", "2016-07-15",
             actors=("Kerry", "Sergei Lavrov"), lemma="discuss", title="Kerry discusses plan with Lavrov")


def test_scheduled_and_later_occurred_reports_are_one_event() -> None:
    (merged,) = merge.merge([SCHEDULED, HELD], ARTICLES).events
    assert len(merged.mentions) == 2
    assert merged.status == "occurred"  # the later report says it happened
    assert merged.actors[:2] == ("John Kerry", "Sergei Lavrov")  # "Kerry" is John Kerry
    assert merged.when.value == "2016-07-15" and merged.conflicts == ()


def test_different_events_on_the_same_day_stay_apart() -> None:
    strike = event("mon", "Russian jets bombed a hospital in Aleppo on Friday, activists said.", "2016-07-15",
                   kind="military action", lemma="bomb", actors=("Russia",))
    assert len(merge.merge([SCHEDULED, HELD, strike], ARTICLES).events) == 2


def test_same_kind_same_day_different_actors_stay_apart() -> None:
    other = event("tue", "Jordan's king met the French president in Amman on Friday.", "2016-07-15",
                  actors=("King Abdullah", "France"))
    assert len(merge.merge([HELD, other], ARTICLES).events) == 2


def test_coarse_mention_stays_apart_unless_the_text_makes_it_the_same() -> None:
    month = event("tue", "Violence in Syria rose sharply in July, monitors said.", "2016-07", kind="military action", lemma="rise")
    assert len(merge.merge([HELD, month], ARTICLES).events) == 2
    week = event("tue", "Kerry discussed the plan with Sergei Lavrov in Moscow last week.", "2016-W28",
                 actors=("John Kerry", "Sergei Lavrov"), lemma="discuss")
    (merged,) = merge.merge([HELD, week], ARTICLES).events
    assert merged.when.value == "2016-07-15"  # the most precise date the mentions agree on


def test_disagreeing_dates_are_flagged_not_silently_picked() -> None:
    wrong_day = event("tue", "Kerry discussed the plan with Russian Foreign Minister Sergei Lavrov Thursday.", "2016-07-14",
                      actors=("John Kerry", "Sergei Lavrov"), lemma="discuss")
    (merged,) = merge.merge([HELD, wrong_day], ARTICLES).events
    assert set(merged.conflicts) | {merged.when.value} == {"2016-07-14", "2016-07-15"}
    assert len(merged.mentions) == 2


def test_one_sentence_with_two_dates_is_two_events() -> None:
    sentence = "Kerry will meet Putin on Thursday and Lavrov on Friday."
    putin = event("thu", sentence, "2016-07-14", actors=("John Kerry", "Vladimir Putin"), status="scheduled")
    lavrov = event("thu", sentence, "2016-07-15", actors=("John Kerry", "Sergei Lavrov"), status="scheduled", at=0)
    assert len(merge.merge([putin, lavrov], ARTICLES).events) == 2


def test_ids_are_stable_and_independent_of_input_order() -> None:
    events = [SCHEDULED, HELD, event("tue", "Talks ended in Geneva on Tuesday.", "2016-07-19", lemma="end", kind=None)]
    first = merge.merge(events, ARTICLES)
    shuffled = events[:]
    random.Random(4).shuffle(shuffled)
    second = merge.merge(shuffled, ARTICLES[::-1])
    assert [(e.id, e.title, e.mentions) for e in first.events] == [(e.id, e.title, e.mentions) for e in second.events]
    assert len({e.id for e in first.events}) == len(first.events)


def test_events_are_sorted_by_date() -> None:
    later = event("tue", "Talks ended in Geneva on Tuesday.", "2016-07-19", lemma="end", kind=None)
    year = event("tue", "The war began in 2011.", "2011", lemma="begin", kind="military action")
    timeline = merge.merge([later, HELD, year], ARTICLES)
    assert [e.when.value for e in timeline.events] == ["2011", "2016-07-15", "2016-07-19"]


def test_merge_quality_on_annotated_sets() -> None:
    """Pairwise merge precision/recall on hand-annotated sets (regression floors, measured)."""
    import json
    from pathlib import Path

    from timeline import pipeline
    from timeline.scoring import pairwise

    root = Path(__file__).resolve().parents[1]
    sets = {
        "seeds": (root / "seeds", root / "benchmarks" / "seeds_merge_gold.json", 0.75, 0.6),
        "fixtures": (root / "tests" / "fixtures" / "merge", root / "tests" / "fixtures" / "merge_gold.json", 0.9, 0.0),
    }
    for name, (folder, gold, min_precision, min_recall) in sets.items():
        articles = pipeline.read([str(folder)])
        score = pairwise(pipeline.build(articles), articles, json.loads(gold.read_text(encoding="utf-8")))
        assert score.found_mentions >= 0.9 * score.gold_mentions, name
        assert score.precision >= min_precision, (name, score)
        assert score.recall >= min_recall, (name, score)


def test_an_actor_and_a_kind_in_common_are_not_enough() -> None:
    flu = event("mon", "China reported two new cases of bird flu in Anhui province in September.", "2005-09",
                kind="statement", lemma="report", actors=("China",))
    jobs = event("tue", "China reported a 4.2 percent urban unemployment rate by the end of September.", "2005-09",
                 kind="statement", lemma="report", actors=("China",))
    assert len(merge.merge([flu, jobs], ARTICLES).events) == 2


def test_one_person_dies_once_whatever_the_precision_of_the_date() -> None:
    day = Event(When("2009-06-25", dt.date(2009, 6, 25), dt.date(2009, 6, 25), "day", "25 Jun 2009"), "Jackson dies",
                (Mention("a1", "Michael Jackson died on Thursday at his home.", 0, "Thursday", 21, 29, "2009-06-25"),),
                kind="deaths", actors=("Michael Jackson",))
    month = Event(When("2009-06", dt.date(2009, 6, 1), dt.date(2009, 6, 30), "month", "June 2009"), "Jackson dies",
                  (Mention("a2", "The singer Michael Jackson died in June 2009, aged 50.", 0, "June 2009", 37, 46, "2009-06"),),
                  kind="deaths", actors=("Michael Jackson",))
    other = Event(When("2009-06", dt.date(2009, 6, 1), dt.date(2009, 6, 30), "month", "June 2009"), "Fawcett dies",
                  (Mention("a3", "Farrah Fawcett died in June 2009 after a long illness.", 0, "June 2009", 23, 32, "2009-06"),),
                  kind="deaths", actors=("Farrah Fawcett",))
    timeline = merge.merge([day, month, other])
    assert sorted(len(e.mentions) for e in timeline.events) == [1, 2]
    (both,) = [e for e in timeline.events if len(e.mentions) == 2]
    assert both.when.value == "2009-06-25" and "Fawcett" not in both.actors
