"""Each export read back by the reader its users import it with, on hostile strings.

icalendar for the calendar, Python's csv module with Excel's conventions for the tables,
markdown-it-py (with the footnote plugin) for the chronology, json for TimelineJS.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import logging
import re

import icalendar
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from timeline import export
from timeline.export.tables import text_cell
from timeline.model import Article, Event, Mention, Timeline, When

D = dt.date
HOSTILE = 'Evil, Inc.; a\\b\n<script>alert(1)</script> [click](http://evil.example) *bold* `code` &amp; <http://x.example>'


def day(value: str, label: str | None = None) -> When:
    d = D.fromisoformat(value[:10])
    return When(value, d, d, "day", label or f"{d:%a} {d.day} {d:%b %Y}")


def mention(article: str, sentence: str, value: str = "2016-07-14") -> Mention:
    return Mention(article, sentence, 0, "Thursday", 0, 8, value)


def timeline() -> Timeline:
    articles = (
        Article("a1", "x", D(2016, 7, 14), title="Kerry in Moscow", source="Reuters", url="https://example.org/kerry?a=1&b=2"),
        Article("a2", "x", D(2016, 7, 15), source="Wire, Two", url="javascript:alert(1)"),
        Article("566971764e62", "x", D(2016, 7, 16), source="=HYPERLINK(\"http://evil.example\")", url=None),
    )
    wire = "Kerry was due to meet Putin on Thursday evening, officials said."
    events = (
        Event(id="e-year6", when=When("0006", D(6, 1, 1), D(6, 12, 31), "year", "6"), title="An ancient treaty",
              mentions=(mention("a1", "In the year 6 a treaty was signed.", "0006"),)),
        Event(id="e-month", when=When("2016-07", D(2016, 7, 1), D(2016, 7, 31), "month", "July 2016"), title="Kerry's trip",
              mentions=(mention("a1", "Kerry's trip this month."),), kind="meeting", cameo="04", status="occurred"),
        Event(id="e-evening", when=day("2016-07-14TEV", "Thu 14 Jul 2016 evening"), title="Kerry to meet Putin",
              mentions=(mention("a1", wire), mention("a2", wire), mention("a1", wire)), kind="meeting", status="scheduled"),
        Event(id="566971764e62", when=day("2016-07-14"), title=HOSTILE,
              mentions=(mention("566971764e62", "-2+3 said one; =SUM(A1)\rcame next.\r\nAnd then\x1b[31m red."),
                        mention("a2", "@here the talks began.")),
              kind="statement", cameo="01", status="proposed", actors=("+Ivan", "John Kerry"), places=("Geneva, CH",)),
        Event(id="e-morning", when=day("2016-07-15TMO", "Fri 15 Jul 2016 morning"), title="Lavrov meets Kerry",
              mentions=(mention("a1", wire),), status="occurred"),
        Event(id="e-9999", when=day("9999-12-31"), title="The end of time", mentions=(mention("a1", "Far away."),)),
    )
    return Timeline(articles=articles, events=events, title="Talks; 2016, <draft>")


# --- iCalendar -----------------------------------------------------------------------------


def calendar_events() -> dict[str, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(export.to_ics(timeline()))
    return {str(e["UID"]).removesuffix("@timeline"): e for e in calendar.walk("VEVENT")}


def test_ics_days_are_rfc5545_all_day_events() -> None:
    events = calendar_events()
    evening = events["e-evening"]
    assert evening["DTSTART"].params["VALUE"] == "DATE"
    assert evening.decoded("DTSTART") == D(2016, 7, 14) and evening.decoded("DTEND") == D(2016, 7, 15)  # DTEND exclusive
    for event in events.values():
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event.keys())
        assert type(event.decoded("DTSTART")) is dt.date


def test_ics_a_vague_event_is_one_day_on_its_first_day_with_the_period_in_its_summary() -> None:
    trip = calendar_events()["e-month"]
    assert trip.decoded("DTSTART") == D(2016, 7, 1) and trip.decoded("DTEND") == D(2016, 7, 2)
    assert str(trip["SUMMARY"]) == "[July 2016] Kerry's trip"
    assert "Dated only to the month" in str(trip["DESCRIPTION"])


def test_ics_scheduled_and_proposed_events_are_tentative() -> None:
    events = calendar_events()
    assert str(events["e-evening"]["STATUS"]) == "TENTATIVE"  # scheduled
    assert str(events["566971764e62"]["STATUS"]) == "TENTATIVE"  # proposed
    assert str(events["e-month"]["STATUS"]) == "CONFIRMED"


def test_ics_description_cites_outlet_date_and_link_each_sentence_once() -> None:
    events = calendar_events()
    description = str(events["e-evening"]["DESCRIPTION"])
    assert "— Reuters, “Kerry in Moscow”, 14 Jul 2016, https://example.org/kerry?a=1&b=2" in description
    assert "— Wire, Two, 15 Jul 2016" in description  # the javascript: URL is no link
    assert description.count("Kerry was due to meet Putin") == 1  # three mentions, one sentence
    assert "javascript" not in export.to_ics(timeline()) and "[a1]" not in description
    assert str(events["e-evening"]["URL"]) == "https://example.org/kerry?a=1&b=2"
    assert "URL" not in events["566971764e62"]  # neither of its articles has a safe link


def test_ics_text_is_escaped_and_read_back_exactly() -> None:
    event = calendar_events()["566971764e62"]
    assert str(event["SUMMARY"]) == 'Evil, Inc.; a\\b <script>alert(1)</script> [click](http://evil.example) *bold* `code` &amp; <http://x.example>'
    assert str(event["LOCATION"]) == "Geneva, CH"
    description = str(event["DESCRIPTION"])
    assert "“-2+3 said one; =SUM(A1) came next. And then [31m red.”" in description  # CR, CRLF, ESC: no control characters
    assert "\r\nX-WR-CALNAME:Talks\\; 2016\\, <draft>\r\n" in export.to_ics(timeline())  # TEXT escaping, as RFC 5545 says


def test_ics_leaves_out_dates_with_no_four_digit_year_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="timeline"):
        text = export.to_ics(timeline())
    assert export.ical.skipped(timeline()) == ("e-year6", "e-9999")
    assert "e-year6" not in calendar_events() and "e-9999" not in calendar_events()
    assert re.findall(r"DTSTART;VALUE=DATE:(\d+)", text) and all(len(v) == 8 for v in re.findall(r"DTSTART;VALUE=DATE:(\d+)", text))
    assert "leaves out 2 event(s)" in caplog.text


def test_ics_lines_are_folded_crlf_and_the_output_is_stable() -> None:
    text = export.to_ics(timeline())
    assert text == export.to_ics(timeline())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


# --- CSV -----------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    data = text.encode("utf-8")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("to_csv", [export.to_csv, export.to_mentions_csv])
def test_csv_cells_never_start_a_formula(to_csv: object) -> None:
    rows = read_csv(to_csv(timeline()))  # type: ignore[operator]
    cells = [cell for row in rows for cell in row.values()]
    for cell in cells:
        if re.fullmatch(r'="[^"]*"', cell):  # the text formula of an id or code: its content is digits and separators
            assert re.fullmatch(r'="[\w.:/+-]*"', cell)
            continue
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(cell.startswith("'=HYPERLINK") for cell in cells) or any(cell.startswith("'+Ivan") for cell in cells)


def test_csv_a_carriage_return_in_a_field_does_not_split_the_row() -> None:
    text = export.to_mentions_csv(timeline())
    rows = read_csv(text)
    assert len(rows) == sum(len(e.mentions) for e in timeline().events)
    sentence = next(r["sentence"] for r in rows if "came next" in r["sentence"])
    assert sentence == "'-2+3 said one; =SUM(A1)\rcame next.\r\nAnd then\x1b[31m red."
    assert all(line.endswith("\r") or line == "" for line in text.split("\n")[:1])  # CRLF rows


def test_csv_ids_and_codes_that_excel_would_convert_are_text() -> None:
    rows = {text_cell(r["id"]): r for r in read_csv(export.to_csv(timeline()))}
    assert rows["566971764e62"]["id"] == '="566971764e62"'  # else Excel reads 5.67E+66
    assert rows["e-month"]["cameo"] == '="04"' and rows["e-month"]["value"] == '="2016-07"'
    assert rows["e-month"]["id"] == "e-month" and rows["e-evening"]["value"] == "2016-07-14TEV"  # no number or date: as it is
    assert rows["566971764e62"]["actors"] == "'+Ivan; John Kerry"
    assert rows["566971764e62"]["title"].startswith("Evil, Inc.; a\\b\n<script>")
    mentions = read_csv(export.to_mentions_csv(timeline()))
    assert {text_cell(r["article"]) for r in mentions} == {"a1", "a2", "566971764e62"}
    assert next(r for r in mentions if text_cell(r["article"]) == "566971764e62")["source"].startswith("'=HYPERLINK")


def test_csv_keeps_unicode_and_is_stable() -> None:
    tl = timeline()
    assert export.to_csv(tl) == export.to_csv(tl)
    rows = read_csv(export.to_csv(tl))
    assert [text_cell(r["id"]) for r in rows] == [e.id for e in tl.events]
    assert rows[0].keys() == set(export.tables.EVENT_COLUMNS)


# --- Markdown ------------------------------------------------------------------------------


def render(text: str) -> str:
    return MarkdownIt("commonmark").use(footnote_plugin).render(text)


def test_markdown_has_no_front_matter_to_paste_as_text() -> None:
    text = export.to_markdown(timeline())
    assert not text.startswith("---")
    page = render(text)
    assert page.startswith("<!-- generator: timeline ")  # an HTML comment: not shown
    chronology = page.split('<hr class="footnotes-sep" />')[0]
    assert "<hr" not in chronology and "generator" not in re.sub(r"<!--.*?-->", "", page)
    assert "<h1>Talks; 2016, &lt;draft&gt;</h1>" in page


def test_markdown_each_sentence_is_one_footnote() -> None:
    text = export.to_markdown(timeline())
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", text, re.MULTILINE)
    assert len(definitions) == len({d for _, d in definitions})
    wire = [d for _, d in definitions if "Kerry was due to meet Putin" in d and "Wire, Two" in d]  # three mentions, one note
    assert len(wire) == 1 and wire[0].startswith("Reuters, “Kerry in Moscow”, 14 Jul 2016 <https://example.org/kerry?a=1&b=2>; Wire, Two, 15 Jul 2016:")
    page = render(text)
    assert page.count('class="footnote-item"') == len(definitions)
    assert "javascript" not in text and "a1" not in re.sub(r"\[\^\d+\]", "", text)


def test_markdown_parts_of_day_come_after_the_whole_day() -> None:
    lines = [line for line in export.to_markdown(timeline()).splitlines() if line.startswith("- **")]
    labels = [re.match(r"- \*\*(.*?)\*\*", line)[1] for line in lines]  # type: ignore[index]
    assert labels.index("Thu 14 Jul 2016") < labels.index("Thu 14 Jul 2016 evening") < labels.index("Fri 15 Jul 2016 morning")


def test_markdown_article_text_never_becomes_markup() -> None:
    page = render(export.to_markdown(timeline()))
    body = re.sub(r"<!--.*?-->", "", page)
    assert "<script>" not in body and "<em>" not in body and "<code>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](http://evil.example) *bold* `code` &amp;amp; &lt;http://x.example&gt;" in body
    links = re.findall(r'<a href="([^"]*)"', body)
    assert links and all(link.startswith(("#fn", "https://example.org/")) for link in links)


def test_markdown_is_stable() -> None:
    assert export.to_markdown(timeline()) == export.to_markdown(timeline())


# --- TimelineJS ----------------------------------------------------------------------------


def test_timelinejs_cites_outlet_date_and_link() -> None:
    document = json.loads(export.to_timelinejs(timeline()))
    slides = {s["unique_id"]: s for s in document["events"]}
    body = slides["event-e-evening"]["text"]["text"]
    assert body.count("<blockquote>") == 1
    assert ('<cite>Reuters, “Kerry in Moscow”, 14 Jul 2016, <a href="https://example.org/kerry?a=1&amp;b=2">'
            "https://example.org/kerry?a=1&amp;b=2</a>; Wire, Two, 15 Jul 2016</cite>") in body
    assert "(a1)" not in body and "javascript" not in export.to_timelinejs(timeline())


def test_timelinejs_escapes_every_article_string() -> None:
    document = json.loads(export.to_timelinejs(timeline()))
    slide = next(s for s in document["events"] if s["unique_id"] == "event-566971764e62")
    assert "<script>" not in slide["text"]["headline"] and "&lt;script&gt;" in slide["text"]["headline"]
    assert "<script>" not in slide["text"]["text"] and "\x1b" not in slide["text"]["text"]
    assert document["title"]["text"]["headline"] == "Talks; 2016, &lt;draft&gt;"
    assert export.to_timelinejs(timeline()) == export.to_timelinejs(timeline())


def test_calendar_uids_and_timelinejs_ids_are_unique_even_when_event_ids_are_not() -> None:
    tl = timeline()
    repeated = tl.events[1:3] + tuple(dataclasses.replace(e, id="") for e in tl.events[3:5])
    twice = dataclasses.replace(tl, events=(*repeated, dataclasses.replace(tl.events[1], title="Again")))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(export.to_ics(twice)).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(twice.events)
    slides = [s["unique_id"] for s in json.loads(export.to_timelinejs(twice))["events"]]
    assert len(slides) == len(set(slides)) == len(twice.events) and slides[0] == "event-e-month"
