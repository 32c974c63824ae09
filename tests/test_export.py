"""Each export read back by a parser of its format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import jsonschema
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import export
from timeline.cli import main
from timeline.model import Article, Event, Mention, Timeline, When

D = dt.date


def sample() -> Timeline:
    sentence = 'Kerry met Lavrov in Geneva on Friday, "a step forward"; <b>talks</b> went well, officials said.'
    start = sentence.index("Friday")
    met = Event(
        id="e1",
        when=When("2016-07-15", D(2016, 7, 15), D(2016, 7, 15), "day", "Fri 15 Jul 2016"),
        title="Kerry meets Lavrov in Geneva",
        mentions=(
            Mention("a1", sentence, 0, "Friday", start, start + 6, "2016-07-15", "weekday", "2016-07-18", "met", "meet"),
            Mention("a2", sentence, 10, "Friday", start + 10, start + 16, "2016-07-15", "weekday", "2016-07-19", "met", "meet"),
        ),
        kind="meeting", cameo="04", status="occurred", actors=("John Kerry", "Sergei Lavrov"), places=("Geneva",),
        conflicts=("2016-07-14",),
    )
    month = Event(
        id="e2",
        when=When("2016-05", D(2016, 5, 1), D(2016, 5, 31), "month", "May 2016"),
        title="Russia proposes joint strikes",
        mentions=(Mention("a2", "Russia proposed joint strikes in May.", 200, "May", 232, 235, "2016-05"),),
        kind="proposal", status="proposed", actors=("Russia",),
    )
    articles = (
        Article("a1", "x", D(2016, 7, 18), title="Kerry, Lavrov meet", source="Wire; One", url="https://example.org/a1"),
        Article("a2", "x", D(2016, 7, 19), source="Herald", url="javascript:alert(1)"),
    )
    return Timeline(articles=articles, events=(month, met), title="Syria, 2016")


def test_csv_one_row_per_event() -> None:
    rows = list(csv.DictReader(io.StringIO(export.to_csv(sample()).removeprefix("\ufeff"))))
    assert [r["id"] for r in rows] == ["e2", "e1"]
    assert rows[1]["actors"] == "John Kerry; Sergei Lavrov"
    assert rows[1]["mentions"] == "2" and rows[1]["articles"] == "a1; a2"
    assert rows[0]["start"] == "2016-05-01" and rows[0]["end"] == "2016-05-31" and rows[0]["granularity"] == "month"
    assert rows[1]["conflicts"] == "2016-07-14"


def test_mentions_csv_one_row_per_mention() -> None:
    rows = list(csv.DictReader(io.StringIO(export.to_mentions_csv(sample()).removeprefix("\ufeff"))))
    assert len(rows) == 3
    assert rows[1]["event_id"] == "e1" and rows[1]["source"] == "Wire; One" and rows[1]["published"] == "2016-07-18"
    assert '"a step forward"' in rows[1]["sentence"]  # quotes survive the round trip


def test_ics_parses_and_spans_the_interval() -> None:
    calendar = icalendar.Calendar.from_ical(export.to_ics(sample()))
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["[May 2016] Russia proposes joint strikes", "Kerry meets Lavrov in Geneva"]
    may, friday = events
    assert may.decoded("DTSTART") == D(2016, 5, 1) and may.decoded("DTEND") == D(2016, 5, 2)  # one day: the month's first
    assert friday.decoded("DTSTART") == D(2016, 7, 15) and friday.decoded("DTEND") == D(2016, 7, 16)  # DTEND is exclusive
    assert str(events[1]["LOCATION"]) == "Geneva"
    assert "a step forward" in str(events[1]["DESCRIPTION"])
    assert all(len(line.encode()) <= 75 for line in export.to_ics(sample()).split("\r\n"))


def test_timelinejs_has_only_the_known_date_parts() -> None:
    document = json.loads(export.to_timelinejs(sample()))
    may, friday = document["events"]
    assert may["start_date"] == {"year": "2016", "month": "5"} and may["end_date"] == {"year": "2016", "month": "5"}
    assert friday["start_date"] == {"year": "2016", "month": "7", "day": "15"} and "end_date" not in friday
    assert friday["display_date"] == "Fri 15 Jul 2016" and friday["group"] == "meeting" and friday["unique_id"] == "event-e1"
    assert "<b>talks</b>" not in friday["text"]["text"] and "&lt;b&gt;talks" in friday["text"]["text"]
    assert {"headline", "text"} <= friday["text"].keys()


def test_markdown_footnotes_every_source() -> None:
    text = export.to_markdown(sample())
    assert text.startswith("<!-- generator: timeline ") and "\n# Syria, 2016\n" in text
    assert "- **Fri 15 Jul 2016** — Kerry meets Lavrov in Geneva — *reports disagree on the date: 2016-07-14* [^2]" in text
    assert "[^2]: Wire; One, “Kerry, Lavrov meet”, 18 Jul 2016 <https://example.org/a1>; Herald, 19 Jul 2016: “Kerry met" in text
    assert "javascript:" not in text  # only http(s) links
    assert "<b>" not in text and "\\<b\\>talks" in text


def test_a_markdown_chronology_in_an_input_folder_is_not_read_as_an_article(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "a.txt").write_text((fixtures / "folder" / "alpha.txt").read_text(encoding="utf-8"), encoding="utf-8")
    first = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "t.html"), "--markdown", str(tmp_path / "t.md"), "--no-cache"])
    assert first.exit_code == 0, first.stderr
    again = CliRunner().invoke(main, ["show", str(tmp_path)])
    assert again.exit_code == 0, again.stderr
    assert "a chronology this tool wrote" in again.stderr


def test_json_follows_the_contract(fixtures: Path) -> None:
    schema = json.loads((fixtures / "timeline.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(export.to_json(sample())), schema)


def test_build_writes_every_export(tmp_path: Path, fixtures: Path) -> None:
    names = {"--json": "t.json", "--csv": "t.csv", "--mentions-csv": "m.csv", "--timelinejs": "tj.json", "--ics": "t.ics", "--markdown": "t.md"}
    args = ["build", str(fixtures / "corpus.jsonl"), "-o", str(tmp_path / "t.html"), "--no-cache"]
    for option, name in names.items():
        args += [option, str(tmp_path / name)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names.values(), "t.html"])
    icalendar.Calendar.from_ical((tmp_path / "t.ics").read_text(encoding="utf-8"))
    assert list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8-sig"), newline="")))


def test_show_filters(fixtures: Path) -> None:
    runner = CliRunner()
    everything = runner.invoke(main, ["show", str(fixtures / "folder")], catch_exceptions=False).stdout.splitlines()
    assert len(everything) >= 2
    later = runner.invoke(main, ["show", str(fixtures / "folder"), "--since", "2019-03-05"], catch_exceptions=False).stdout.splitlines()
    assert 0 < len(later) < len(everything)
    nobody = runner.invoke(main, ["show", str(fixtures / "folder"), "--actor", "Nobody At All"], catch_exceptions=False)
    assert nobody.stdout == ""
    bad = runner.invoke(main, ["show", str(fixtures / "folder"), "--since", "March"])
    assert bad.exit_code == 2 and "'March' is not a date" in bad.stderr


def test_explain_marks_every_expression(fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(fixtures / "corpus.jsonl"), "--article", "j1"], catch_exceptions=False)
    assert "[8 March 2019]1" in result.stdout
    assert "→ DATE 2019-03-08" in result.stdout


def test_explain_unknown_article(fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(fixtures / "corpus.jsonl"), "--article", "nope"])
    assert result.exit_code == 1
    assert result.stderr == 'Error: no article with id "nope" in the input; ids are: j1, j2\n'


def test_quiet_prints_nothing_on_stderr(tmp_path: Path, fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["-q", "build", str(fixtures / "folder"), "-o", str(tmp_path / "t.html")], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""


def test_verbose_says_what_each_stage_did(tmp_path: Path, fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["-v", "build", str(fixtures / "corpus.jsonl"), "-o", str(tmp_path / "t.html")], catch_exceptions=False)
    assert "read 2 articles" in result.stderr and "merged them into" in result.stderr


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_contract_dumps_is_json_dumps_with_an_indent(value):
    assert export.contract.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_contract_json_is_json_dumps_with_an_indent():
    document = json.loads(export.to_json(sample()))
    assert export.to_json(sample()) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
