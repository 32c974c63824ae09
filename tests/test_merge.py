"""Merging hand-made events: no parser, no tagger."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from timeline import merge, wording
from timeline.events.lexicon import lexicon
from timeline.model import Article, Event, Mention, When
from timeline.timex import interval


def event(article: str, sentence: str, value: str, *, kind: str | None = "meeting", status: str = "occurred",
          actors: tuple[str, ...] = (), lemma: str | None = "meet", title: str | None = None, at: int = 0,
          date: str | None = None, places: tuple[str, ...] = ()) -> Event:
    """One mention; ``date``, if given, is the expression in the sentence that dates it."""
    span = interval(value)
    assert span is not None
    start = at + sentence.index(date) if date else at
    end = start + len(date) if date else at + 3
    mention = Mention(article=article, sentence=sentence, sentence_start=at, expression=date or value, start=start, end=end,
                      value=value, lemma=lemma, trigger=lemma)
    return Event(when=When(value, span.start, span.end, span.granularity, span.label), title=title or sentence[:30],
                 mentions=(mention,), kind=kind, status=status, actors=actors, places=places)


ARTICLES = (
    Article("wed", "x", dt.date(2016, 7, 13)),
    Article("thu", "x", dt.date(2016, 7, 14)),
    Article("mon", "x", dt.date(2016, 7, 18)),
    Article("tue", "x", dt.date(2016, 7, 19)),
    Article("later", "x", dt.date(2016, 7, 20)),
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
        "seeds": (root / "seeds", root / "benchmarks" / "seeds_merge_gold.json", 0.95, 0.8),
        "fixtures": (root / "tests" / "fixtures" / "merge", root / "tests" / "fixtures" / "merge_gold.json", 0.95, 0.6),
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


def test_a_funeral_is_not_the_death() -> None:
    month = Event(When("2009-08", dt.date(2009, 8, 1), dt.date(2009, 8, 31), "month", "August 2009"), "Jackson's death ruled a homicide",
                  (Mention("a1", "Jackson's death was ruled a homicide in August 2009.", 0, "August 2009", 39, 50, "2009-08", lemma="death"),),
                  kind="deaths", actors=("Michael Jackson",))
    burial = Event(When("2009-08-29", dt.date(2009, 8, 29), dt.date(2009, 8, 29), "day", "29 Aug 2009"), "Jackson buried",
                   (Mention("a2", "Michael Jackson's burial was set for Saturday.", 0, "Saturday", 37, 45, "2009-08-29", lemma="burial"),),
                   kind="funeral", actors=("Michael Jackson",))
    assert len(merge.merge([month, burial]).events) == 2
    kinds = lexicon()
    assert kinds.specific("funeral") and kinds.kind_of("burial").key == "funeral" != kinds.kind_of("die").key  # type: ignore[union-attr]


def sizes(events: list[Event]) -> list[int]:
    return sorted(len(e.mentions) for e in merge.merge(events, ARTICLES).events)


def test_a_report_joins_the_event_one_of_whose_reports_it_matches() -> None:
    """Single link: a mention need not match every report of the event, one is enough."""
    died = event("thu", "Michael Jackson died at his Los Angeles home on Thursday, aged 50.", "2016-07-14", kind="deaths",
                 lemma="die", actors=("Michael Jackson",), date="Thursday", places=("Los Angeles",))
    sales = event("mon", "Album sales surged after Michael Jackson's death on Thursday, retailers said.", "2016-07-14",
                  kind="deaths", lemma="death", actors=("Michael Jackson",), date="Thursday")
    home = event("tue", "The singer died at his Los Angeles home on Thursday.", "2016-07-14", kind="deaths", lemma="die",
                 date="Thursday", places=("Los Angeles",))
    assert sizes([died, sales, home]) == [3]


def test_other_days_need_the_same_trigger() -> None:
    """Days apart, told in other words: two happenings (alert phase 4 on Tuesday, phase 5 on Wednesday)."""
    four = event("mon", "The World Health Organization raised its pandemic alert level on Tuesday to phase four.", "2016-07-12",
                 kind=None, lemma="raise", actors=("World Health Organization",), date="Tuesday")
    five = event("tue", "The World Health Organization, which increased its pandemic alert level on Wednesday, said more.",
                 "2016-07-13", kind=None, lemma="increase", actors=("World Health Organization",), date="Wednesday")
    assert sizes([four, five]) == [1, 1]


def test_one_party_on_one_day_says_several_things() -> None:
    """The same actor and a generic kind make one event only if the words agree; two parties meeting do."""
    cases = event("mon", "U.S. officials said on Thursday the national total of confirmed flu cases had risen to 109.",
                  "2016-07-14", kind="statement", lemma="say", actors=("United States",), date="Thursday")
    virus = event("tue", "The new virus is a mongrel of swine, bird and human bits, U.S. researchers reported on Thursday.",
                  "2016-07-14", kind="statement", lemma="report", actors=("United States",), date="Thursday")
    assert sizes([cases, virus]) == [1, 1]
    met = event("mon", "Kerry and Lavrov held talks in Geneva on Thursday.", "2016-07-14", lemma="hold",
                actors=("John Kerry", "Sergei Lavrov"), date="Thursday")
    talked = event("tue", "Lavrov and Kerry spent the day together on Thursday.", "2016-07-14", lemma="spend",
                   actors=("Sergei Lavrov", "John Kerry"), date="Thursday")
    assert sizes([met, talked]) == [2]


def test_places_match_by_their_words_but_a_country_is_no_evidence() -> None:
    gig = event("mon", "The tribute concert takes place at Cardiff's Millennium Stadium on 8 October.", "2016-10-08", kind=None,
                lemma="take", date="8 October", places=("Cardiff's Millennium Stadium",))

    def tickets(town: str) -> Event:
        return event("tue", f"Tickets for the tribute concert in {town} on 8 October went on sale on Monday.", "2016-10-08",
                     kind=None, lemma="go", date="8 October", places=(town,))

    assert sizes([gig, tickets("Cardiff")]) == [2]
    assert sizes([gig, tickets("Newport")]) == [1, 1]
    proposal = event("thu", "Kerry took a proposal on intelligence in Syria to Moscow on Thursday.", "2016-07-14",
                     kind="proposal", lemma="take", actors=("John Kerry",), date="Thursday", places=("Syria",))
    concern = event("thu", "On Thursday, General MacFarland voiced concern about Russian intentions in Syria.", "2016-07-14",
                    kind="statement", lemma="voice", actors=("Sean MacFarland",), date="Thursday", places=("Syria",), at=200)
    assert sizes([proposal, concern]) == [1, 1]


def test_a_hypothetical_is_no_report_of_what_happened() -> None:
    died = event("mon", "A child died of the flu in Texas today, officials said.", "2016-07-18", kind="deaths", lemma="die",
                 date="today")
    if_ = event("tue", "If the pandemic struck today, millions could die of the flu.", "2016-07-18", kind="deaths",
                lemma="strike", status="conditional", date="today")
    assert sizes([died, if_]) == [1, 1]


def test_a_specific_kind_named_by_the_words_around_the_date_is_shared() -> None:
    """"died after suffering a cardiac arrest" is the death, whatever kind its trigger took;
    but "refused to sign" is a refusal, not the signing."""
    died = event("mon", "Michael Jackson died at his Los Angeles home on Thursday.", "2016-07-14", kind="deaths", lemma="die",
                 date="Thursday", places=("Los Angeles",))
    arrest = event("tue", "The star died after suffering a cardiac arrest at his home on Thursday.", "2016-07-14",
                   kind="arrest", lemma="suffer", date="Thursday")
    assert sizes([died, arrest]) == [2]
    deal = event("mon", "Kosovo and Serbia signed the annex on Saturday after twelve hours of talks.", "2016-07-16",
                 kind="agreement", lemma="sign", actors=("Kosovo", "Serbia"), date="Saturday")
    refused = event("tue", "Vucic refused to sign the annex on Saturday.", "2016-07-16", kind="rejection", lemma="refuse",
                    actors=("Vucic",), date="Saturday")
    assert sizes([deal, refused]) == [1, 1]


def test_the_date_words_are_no_evidence() -> None:
    weather = event("mon", "It was a hot midsummer day in Los Angeles on 25 June 2009.", "2009-06-25", kind=None, lemma="be",
                    date="25 June 2009")
    died = event("tue", "The singer died at his Los Angeles home on 25 June 2009.", "2009-06-25", kind="deaths", lemma="die",
                 date="25 June 2009")
    assert sizes([weather, died]) == [1, 1]


def test_acronyms_and_spellings_name_one_actor() -> None:
    assert wording.same_name("WHO", "World Health Organization")
    assert wording.same_name("World Health Organisation", "World Health Organization")
    assert wording.same_name("UN", "United Nations")
    assert not wording.same_name("WHO", "World Bank")


def test_word_forms_count_as_shared() -> None:
    raised, raising = wording.tfidf([
        event("mon", "The committee raised the pandemic threat level on Monday.", "2016-07-18", date="Monday").mentions[0],
        event("tue", "On Monday the committee recommended raising the pandemic threat level.", "2016-07-18",
              date="Monday").mentions[0],
    ])
    assert "rais" in raised.sentence and "rais" in raising.sentence
    assert "monday" not in raised.sentence  # the date itself is left out


def test_a_report_sure_of_two_events_makes_them_one() -> None:
    """Two reports that share too little are joined by a third that matches both."""
    agreed = event("mon", "Vucic and Kurti agreed on Monday to the EU plan for normal relations.", "2016-07-18",
                   kind="agreement", lemma="agree", actors=("Vucic", "Kurti"), date="Monday")
    met = event("tue", "Borrell met the two leaders in Brussels on Monday for nine hours of talks.", "2016-07-18",
                lemma="meet", actors=("Borrell",), date="Monday", places=("Brussels",))
    assert sizes([agreed, met]) == [1, 1]
    both = event("tue", "In Brussels on Monday, Vucic and Kurti agreed to the EU plan after nine hours of talks with Borrell.",
                 "2016-07-18", kind="agreement", lemma="agree", actors=("Vucic", "Kurti", "Borrell"), date="Monday",
                 places=("Brussels",), at=300)
    assert sizes([agreed, met, both]) == [3]


def test_a_vague_report_joins_the_precise_event_whoever_else_its_reports_name() -> None:
    """"Jackson, who died last June" is the death of 25 June, even when one report of that day
    names another actor (one report's actors do not veto the others')."""
    died = event("mon", "Michael Jackson died at his Los Angeles home on 25 June.", "2009-06-25", kind="deaths", lemma="die",
                 actors=("Michael Jackson",), date="25 June")
    collapsed = event("mon", "Jackson collapsed at his home at about midday on Thursday, Jesse Jackson said.", "2009-06-25",
                      kind="deaths", lemma="collapse", actors=("Jesse Jackson",), date="Thursday", at=300)
    month = event("tue", "Dr Murray denies the involuntary manslaughter of Michael Jackson, who died last June.", "2009-06",
                  kind="deaths", lemma="die", actors=("Michael Jackson", "Dr Murray"), date="last June")
    timeline = merge.merge([died, collapsed, month], ARTICLES)
    assert [e.when.value for e in timeline.events if len(e.mentions) > 1] == ["2009-06-25"]
    assert sum(len(e.mentions) for e in timeline.events if e.when.value == "2009-06-25") >= 2


def test_a_busy_day_costs_the_same_per_event(monkeypatch) -> None:
    """On one day with many alike events each meets a bounded number of others (the clusters
    sharing most keys with it, a few mentions of each), so the work grows with the events,
    not with their pairs (benchmarks/merge_scale.py shows the times)."""
    calls = []
    pair = merge._pair
    monkeypatch.setattr(merge, "_pair", lambda a, b: calls.append(1) or pair(a, b))
    words = "alert virus vaccine school flight border case death test mask".split()
    n = 1500
    merge.merge([event(f"a{i}", f"Officials in town {i} said the {words[i % 10]} plan of {words[(i * 7) % 10]} was ready on Monday.",
                       "2016-07-18", kind="statement", lemma="say", actors=(f"Town {i}",), date="Monday") for i in range(n)])
    assert n < len(calls) <= n * merge.MAX_CANDIDATES * merge.MAX_COMPARED


def test_an_announcement_is_the_happening_it_names() -> None:
    """"Kerry and Lavrov announce a deal" and "the truce announcement", in the same week, are
    one event (an announced truce and the deal that made it); a remark about the truce is not."""
    deal = event("mon", "Under a deal announced last week by Kerry and Lavrov, the powers would target militants jointly.",
                 "2016-W28", kind="agreement", lemma="announce", actors=("John Kerry", "Sergei Lavrov"), date="last week")
    truce = event("tue", "Ahead of the truce announcement last week, he said Russia wanted to erode the order.", "2016-W28",
                  kind="statement", lemma="announcement", date="last week")
    assert sizes([deal, truce]) == [2]
    remark = event("tue", "Experts said last week that casualties were the new truce's most significant issue.", "2016-W28",
                   kind="statement", lemma="say", actors=("Ilan Goldenberg",), date="last week", at=300)
    assert sizes([deal, remark]) == [1, 1]


def test_the_event_word_of_one_said_around_the_others_date_counts() -> None:
    """"the committee raised its alert" and "the experts recommended raising the alert": the
    one's event word is named around the other's date, as good as the same trigger."""
    raised = event("mon", "The emergency committee raised its alert level on Monday after new cases in Mexico.", "2016-07-18",
                   kind=None, lemma="raise", date="Monday")

    def pair(verb: str) -> float:
        advice = event("tue", f"On Monday the experts recommended {verb} the alert for all hospitals and schools.", "2016-07-18",
                       kind="proposal", lemma="recommend", date="Monday")
        texts = wording.tfidf([raised.mentions[0], advice.mentions[0]])
        return merge._pair(*(merge._Facts.of(e, t, ()) for e, t in zip((raised, advice), texts, strict=True)))

    assert pair("raising") > 0
    assert pair("reviewing") == 0


def test_a_stray_name_of_one_report_is_no_actor_of_a_widely_reported_event() -> None:
    from timeline.merge import _agreed

    names = [("Michael Jackson",), ("Michael Jackson", "Propofol"), ("Michael Jackson",), ("Conrad Murray",)]
    reports = [event(f"a{i}", "Jackson died on Thursday.", "2009-06-25", kind="deaths", actors=a) for i, a in enumerate(names)]
    # four articles: a name one of them gives stays only if the headline's mention gives it
    assert set(_agreed(reports, reports[3], "actors")) == {"Michael Jackson", "Conrad Murray"}
    # three: every name
    assert set(_agreed(reports[:3], reports[0], "actors")) == {"Michael Jackson", "Propofol"}


def test_a_headline_that_opens_on_a_pronoun_gives_way() -> None:  # even to an earlier report
    they = event("tue", "They met Lavrov in Moscow on Friday, officials said.", "2016-07-15", actors=("Sergei Lavrov",),
                 title="They meet Lavrov in Moscow")
    named = event("mon", "The two envoys met Lavrov in Moscow on Friday.", "2016-07-15", actors=("Sergei Lavrov",),
                  title="Two envoys meet Lavrov in Moscow")
    for order in ([they, named], [named, they]):
        (merged,) = merge.merge(order, ARTICLES).events
        assert merged.title == "Two envoys meet Lavrov in Moscow"


def test_a_headline_that_points_elsewhere_gives_way() -> None:
    this = event("tue", "Kerry had this to say about Lavrov in Moscow on Friday.", "2016-07-15", actors=("John Kerry", "Sergei Lavrov"),
                 title="Kerry has this to say about Lavrov")
    said = event("mon", "Kerry praised Lavrov in Moscow on Friday.", "2016-07-15", actors=("John Kerry", "Sergei Lavrov"),
                 title="Kerry praises Lavrov in Moscow")
    for order in ([this, said], [said, this]):
        (merged,) = merge.merge(order, ARTICLES).events
        assert merged.title == "Kerry praises Lavrov in Moscow"


def test_the_headline_most_reports_agree_with_heads_the_event() -> None:
    reports = [
        event("thu", "Kerry met Lavrov in Moscow on Friday.", "2016-07-15", actors=("Sergei Lavrov",), title="Kerry meets Lavrov in Moscow"),
        event("mon", "On Friday Kerry met Lavrov in Moscow.", "2016-07-15", actors=("Sergei Lavrov",), title="Kerry meets Lavrov in Moscow"),
        event("tue", "Kerry, who met Lavrov in Moscow on Friday, flew on.", "2016-07-15", actors=("Sergei Lavrov",),
              title="Kerry is one of the envoys Lavrov met"),  # the latest report, garbled
    ]
    (merged,) = merge.merge(reports, ARTICLES).events
    assert merged.title == "Kerry meets Lavrov in Moscow"


@pytest.mark.parametrize(("text", "expected"), [
    ("raised its alert level late on Tuesday from three to four, two steps short", {"2", "3", "4"}),
    ("raised the alert from 4 to 5 and said", {"4", "5"}),
    ("a 23-month-old child and 1,378 calls, up 3.5 percent", {"23", "1378", "3.5"}),
    ("since April 29 and 29 April, 41 countries in 2009", {"41"}),  # days of dates and years are dates
    ("one of them at 11pm, like the h1n1 virus", set()),  # "one" is a pronoun; a time and a name are no counts
])
def test_figures_are_the_counts_a_sentence_gives(text: str, expected: set[str]) -> None:
    (found,) = wording.tfidf([Mention("a", text + " on Friday.", 0, "Friday", len(text) + 4, len(text) + 10, "2016-07-15")])
    assert found.figures == expected


def test_numbers_that_differ_tell_happenings_apart() -> None:
    """"raised the alert to phase four" and "to phase five" are two raisings, a 45-year-old's
    death and a 33-year-old's two deaths; "five" and "5" are one number."""
    four = event("mon", "The World Health Organization raised its pandemic alert to phase four on Tuesday.", "2016-07-12",
                 kind="health", lemma="raise", actors=("World Health Organization",), date="Tuesday")
    five = event("tue", "The WHO raised its pandemic alert to 5 on a six-level scale on Wednesday.", "2016-07-13",
                 kind="health", lemma="raise", actors=("WHO",), date="Wednesday")
    five_again = event("thu", "On Wednesday the World Health Organization raised its pandemic alert to phase five.", "2016-07-13",
                       kind="health", lemma="raise", actors=("World Health Organization",), date="Wednesday")
    assert sizes([four, five]) == [1, 1]
    assert sizes([five, five_again]) == [2]
    older = event("mon", "A 45-year-old man died of swine flu on Monday, the coroner said.", "2016-07-18", kind="deaths",
                  lemma="die", date="Monday")
    younger = event("tue", "A 33-year-old woman died of swine flu on Monday, the hospital said.", "2016-07-18", kind="deaths",
                    lemma="die", date="Monday")
    assert sizes([older, younger]) == [1, 1]


def test_a_report_sure_of_two_events_does_not_join_two_counts() -> None:
    """A later report that matches both "raised the alert to 4" and "... to 5" (it gives no
    number) joins one of them; the two stay apart. (A report with no number read before
    either can still bridge them: numbers are compared pair by pair, because the reports of
    one death give many other numbers, "aged 50", "31 million albums".)"""
    four = event("mon", "The WHO raised its pandemic alert to phase 4 on Wednesday, officials in Geneva said.", "2016-07-13",
                 kind="health", lemma="raise", actors=("WHO",), date="Wednesday", places=("Geneva",))
    five = event("tue", "The WHO raised its pandemic alert to phase 5 on Wednesday, officials in Geneva said.", "2016-07-13",
                 kind="health", lemma="raise", actors=("WHO",), date="Wednesday", places=("Geneva",))
    vague = event("later", "The WHO raised its pandemic alert on Wednesday, officials in Geneva said.", "2016-07-13",
                  kind="health", lemma="raise", actors=("WHO",), date="Wednesday", places=("Geneva",))
    assert sizes([four, five, vague]) == [1, 2]


def test_two_dates_of_one_sentence_on_one_day_are_one_event() -> None:
    """"In a statement on Wednesday, the minister said: ... starting from today": one event;
    two days in one sentence are two ("meets Putin on Thursday and Lavrov on Friday")."""
    sentence = "In a statement on Wednesday, the health minister said all pig herds would be culled, starting from today."
    statement = event("wed", sentence, "2016-07-13", kind="statement", lemma="statement", date="Wednesday")
    starting = event("wed", sentence, "2016-07-13", kind=None, lemma="start", date="today")
    assert sizes([statement, starting]) == [2]


def test_a_lone_word_does_not_head_an_event() -> None:
    lone = event("tue", "Kerry met Lavrov in Moscow on Friday, officials said.", "2016-07-15", actors=("Sergei Lavrov",), title="Meeting")
    told = event("mon", "Kerry met Lavrov in Moscow on Friday.", "2016-07-15", actors=("Sergei Lavrov",), title="Kerry meets Lavrov in Moscow")
    for order in ([lone, told], [told, lone]):
        (merged,) = merge.merge(order, ARTICLES).events
        assert merged.title == "Kerry meets Lavrov in Moscow"



@pytest.mark.parametrize(("others", "meant"), [(("Katherine Jackson",), "Michael Jackson"), (("Katherine Jackson", "Janet Jackson"), "Jackson")])
def test_a_bare_surname_is_the_full_name_that_dominates_the_pile(others: tuple[str, ...], meant: str) -> None:
    # Michael Jackson acts in three events; a bare "Jackson" is he unless the others act in more than a third as many
    named = [event("wed", f"Michael Jackson sang song {n}.", f"2016-07-0{n}", actors=("Michael Jackson",), lemma=f"sing{n}", kind=None)
             for n in (1, 2, 3)]
    rest = [event("thu", f"{name} spoke {n}.", f"2016-06-1{n}", actors=(name,), lemma=f"speak{n}", kind=None) for n, name in enumerate(others)]
    bare = event("mon", "Fans mourned Jackson's death.", "2016-05-02", actors=("Jackson",), lemma="death", kind="deaths")
    timeline = merge.merge([*named, *rest, bare], ARTICLES)
    (death,) = [e for e in timeline.events if e.kind == "deaths"]
    assert death.actors == (meant,)


def test_a_bare_given_name_is_the_one_full_name_of_the_pile_with_it() -> None:
    named = event("wed", "Katherine Jackson spoke.", "2016-07-01", actors=("Katherine Jackson",), lemma="speak", kind=None)
    kerry = event("thu", "John Kerry spoke.", "2016-07-02", actors=("John Kerry",), lemma="talk", kind=None)
    bare = event("mon", "Katherine announced a concert.", "2016-05-02", actors=("Katherine",), lemma="announce", kind="culture")
    kin = event("tue", "Kerry Smith sang.", "2016-05-03", actors=("Kerry",), lemma="sing", kind="culture")  # a surname first
    timeline = merge.merge([named, kerry, bare, kin], ARTICLES)
    actors = {e.title: e.actors for e in timeline.events}
    assert actors["Katherine announced a concert."] == ("Katherine Jackson",)
    assert actors["Kerry Smith sang."] == ("John Kerry",)


def test_a_one_word_actor_the_pile_writes_in_lower_case_is_no_name() -> None:
    texts = ["Propofol killed him.", "He was given propofol, and the propofol was stored at home.", "Apple sold it; Apple grew."]
    articles = tuple(Article(f"a{n}", text, dt.date(2016, 7, 1)) for n, text in enumerate(texts))
    drug = event("a0", "Propofol killed him.", "2016-06-25", actors=("Propofol", "Michael Jackson"), lemma="kill", kind="deaths")
    firm = event("a2", "Apple sold it.", "2016-06-26", actors=("Apple",), lemma="sell", kind="economy")
    actors = {e.title: e.actors for e in merge.merge([drug, firm], articles).events}
    assert actors == {"Propofol killed him.": ("Michael Jackson",), "Apple sold it.": ("Apple",)}


def test_a_country_is_no_surname_of_a_full_name() -> None:
    # a country is no one's surname: "France" is not "Air France"; "Kerry" is still John Kerry
    texts = ["France confirmed a case.", "Air France cut flights.", "John Kerry spoke."]
    articles = tuple(Article(f"a{n}", text, dt.date(2016, 7, 1)) for n, text in enumerate(texts))
    country = event("a0", "France confirmed a case.", "2016-06-25", actors=("France",), lemma="confirm", kind="health")
    firm = event("a1", "Air France cut flights.", "2016-06-26", actors=("Air France",), lemma="cut", kind="economy")
    named = event("a2", "John Kerry spoke.", "2016-06-27", actors=("John Kerry",), lemma="speak", kind=None)
    bare = event("a2", "Kerry met Lavrov.", "2016-06-28", actors=("Kerry",), lemma="meet", kind="meeting")
    group = event("a1", "The Iraq Survey Group reported.", "2016-06-29", actors=("Iraq Survey Group",), lemma="report", kind=None)
    iraq = event("a0", "Iraq voted.", "2016-06-30", actors=("Iraq",), lemma="vote", kind="election")
    actors = {e.title: e.actors for e in merge.merge([country, firm, named, bare, group, iraq], articles).events}
    assert actors["France confirmed a case."] == ("France",)
    assert actors["Iraq voted."] == ("Iraq",)  # nor the given name of a body's name
    assert actors["Kerry met Lavrov."] == ("John Kerry",)
