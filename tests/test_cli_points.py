"""The command line says what it did: empty filters, contradictory options, misplaced global
options, table headers, ids in every JSON line, explain on a single article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from timeline.cli import main


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [("--kind", "bogus", "(kind bogus) among 4 events; the kinds found are: meeting, statement"), ("--actor", "Nobody At All", "(actor Nobody At All) among 4 events")],
)
def test_a_filter_that_matches_nothing_says_so_and_exits_0(fixtures: Path, option: str, value: str, said: str) -> None:
    result = run("show", str(fixtures / "folder"), option, value)
    assert result.exit_code == 0 and result.stdout == ""
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and "skipped 1 file(s)" in warnings[0]  # the folder's notes.rtf, then the filter
    assert warnings[1].startswith("Warning: no event matches the filters ") and said in warnings[1]


def test_a_filter_that_matches_something_prints_no_warning(fixtures: Path) -> None:
    result = run("show", str(fixtures / "corpus.jsonl"), "--since", "2019-03-01")
    assert result.exit_code == 0 and result.stdout and "no event matches" not in result.stderr


def test_build_with_a_filter_says_on_the_page_what_was_filtered(tmp_path: Path, fixtures: Path) -> None:
    page = tmp_path / "p.html"
    result = run("build", str(fixtures / "folder"), "-o", str(page), "--no-cache", "--kind", "bogus")
    assert result.exit_code == 0, result.stderr
    assert "no event matches the filters (kind bogus)" in result.stderr
    assert '<p class="summary selection">Filtered by kind bogus: 0 of 4 events</p>' in page.read_text(encoding="utf-8")
    unfiltered = run("build", str(fixtures / "folder"), "-o", str(page), "--no-cache")
    assert unfiltered.exit_code == 0 and "Filtered" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["show", "build"])
def test_since_after_until_is_a_usage_error_that_says_the_fix(tmp_path: Path, fixtures: Path, command: str) -> None:
    result = run(command, str(fixtures / "folder"), "--since", "2019-04-01", "--until", "2019-03-01", *(["-o", str(tmp_path / "p.html")] if command == "build" else []))
    assert result.exit_code == 2
    assert "Error: Invalid value for '--since': 2019-04-01 is after --until 2019-03-01" in result.stderr
    assert "swap them: --since 2019-03-01 --until 2019-04-01" in result.stderr
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize("option", ["-v", "--quiet"])
def test_a_global_option_after_the_command_says_it_goes_before(fixtures: Path, option: str) -> None:
    result = run("show", str(fixtures / "folder"), option)
    assert result.exit_code == 2
    assert f"it is a global option and goes before the command: timeline {option} show ..." in result.stderr


def test_another_unknown_option_keeps_clicks_message(fixtures: Path) -> None:
    result = run("show", str(fixtures / "folder"), "--colour")
    assert result.exit_code == 2 and "No such option '--colour'" in result.stderr and "global option" not in result.stderr


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["dates", "--format", "table"], "article\tspan\ttext\ttype\tvalue\trule"),
        (["events", "--format", "table"], "article\tid\tvalue\tstatus\tkind\tactors\ttitle"),
        (["show"], "date"),
    ],
)
def test_every_table_has_a_header_row(fixtures: Path, args: list[str], header: str) -> None:
    result = run(args[0], str(fixtures / "corpus.jsonl"), *args[1:])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(header) and len(lines) > 1
    if "\t" in header:
        assert all(len(line.split("\t")) == len(header.split("\t")) for line in lines)


def test_events_jsonl_every_line_has_its_ids(fixtures: Path) -> None:
    result = run("events", str(fixtures / "folder"), str(fixtures / "corpus.jsonl"), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["id"] and r["article"] == r["mentions"][0]["article"] for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert '"id": ""' not in result.stdout


def test_explain_needs_no_article_for_a_single_article_input(tmp_path: Path, fixtures: Path) -> None:
    result = run("explain", str(fixtures / "folder" / "alpha.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("alpha — published") and "→ DATE" in result.stdout


def test_explain_asks_which_article_when_there_are_several(fixtures: Path) -> None:
    result = run("explain", str(fixtures / "corpus.jsonl"))
    assert result.exit_code == 2
    assert "the input has 2 articles; say which with --article ID (ids: j1, j2)" in result.stderr


def test_control_characters_in_ids_do_not_reach_the_terminal() -> None:
    line = json.dumps({"id": "a\x1b[2Jb\tc", "published": "2016-07-14", "text": "Kerry met Lavrov in Geneva on 15 July 2016.\x1b]0;pwned\x07"})
    for args in (["dates", "-", "--format", "table"], ["events", "-"], ["show", "-"], ["explain", "-"]):
        result = run(*args, input=line + "\n")
        assert result.exit_code == 0, (args, result.stderr)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
    table = run("dates", "-", "--format", "table", input=line + "\n").stdout.splitlines()
    assert table[1].startswith("a\\x1b[2Jb\\tc\t")


def test_control_characters_in_an_error_message_do_not_reach_the_terminal() -> None:
    line = json.dumps({"id": "x\x1b[2J", "published": "2016-07-14", "text": "Talks."})
    result = run("dates", "-", input=f"{line}\n{line}\n")
    assert result.exit_code == 1
    assert result.stderr == 'Error: <stdin>:2: article id "x\\x1b[2J" is already used by <stdin>:1; give each article a unique id\n'
