from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from clitools import ARTICLE, assert_bad_input, run

from timeline import files
from timeline.cli import main


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


# --- bad input: one line naming the file and the fix, exit 1 ----------------------------------


def test_missing_published_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Talks on Friday.")
    assert_bad_input(
        run("dates", path),
        f'{path}: no publication date; add "published: YYYY-MM-DD" to its front matter or to the folder\'s manifest, or pass --published YYYY-MM-DD',
    )


def test_missing_published_date_is_fixed_by_the_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Talks on 5 September 2016.")
    assert run("dates", path, "--published", "2016-09-01").exit_code == 0


def test_invalid_published_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: 14/07/2016\n---\nTalks.")
    assert_bad_input(run("dates", path), f"{path}: publication date '14/07/2016' is not a date; write it as YYYY-MM-DD")


def test_absurd_published_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: 9016-07-14\n---\nTalks.")
    assert_bad_input(
        run("dates", path), f"{path}: publication date '9016-07-14' is out of range (1800-2199); write it as YYYY-MM-DD"
    )


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Talks.")
    result = run("dates", path, "--published", "July 14")
    assert result.exit_code == 2
    assert "publication date 'July 14' is not a date" in result.stderr


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)

    real_open = os.open

    def refuse(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(file) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # root may read anything, so simulate it
    assert_bad_input(run("dates", path), f"{path}: cannot read it (Permission denied); check that it exists and that you may read it")


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_bad_input(run("dates", path), f"{path}: is a binary file, not text; give a UTF-8 .txt/.md article or a .jsonl corpus")


def test_bad_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: 2016-07-14\n---\nTalks in Gen\u00e8ve.".encode("latin-1"))
    assert_bad_input(run("dates", path), f"{path}: is not valid UTF-8 (bad byte at offset 42); re-save it as UTF-8")


@pytest.mark.parametrize("content", ["", "   \n\n", "---\npublished: 2016-07-14\n---\n\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "a.txt", content)
    assert_bad_input(run("dates", path, "--published", "2016-07-14"), f"{path}: the article text is empty; add its text or leave the file out")


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: 2016-07-14\nTalks.")
    assert_bad_input(run("dates", path), f"{path}: front matter opened with --- is never closed; end it with a line ---")


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.jsonl",
        '{"id": "x", "published": "2016-07-14", "text": "One."}\n{"id": "x", "published": "2016-07-14", "text": "Two."}\n',
    )
    assert_bad_input(run("dates", path), f'{path}:2: article id "x" is already used by {path}:1; give each article a unique id')


def test_an_error_about_an_input_is_one_line_whatever_the_input_holds() -> None:
    from timeline.errors import DuplicateId

    assert str(DuplicateId("<stdin>", "a\nb\r", "<stdin>:1", 2)) == \
        '<stdin>:2: article id "a\\nb\\r" is already used by <stdin>:1; give each article a unique id'


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path / "one" / "a.txt", ARTICLE)
    second = write(tmp_path / "two" / "a.txt", ARTICLE)
    assert_bad_input(run("dates", str(tmp_path)), f'{second}: article id "a" is already used by {first}; give each article a unique id')


def test_malformed_jsonl_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"id": "x", "published": "2016-07-14", "text": "One."}\n{"id": "y", "text": \n')
    assert_bad_input(
        run("dates", path), f"{path}:2: not a valid JSON object (Expecting value at column 21); write one JSON object per line"
    )


def test_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '["x", "2016-07-14"]\n')
    assert_bad_input(run("dates", path), f"{path}:1: not a valid JSON object (found a JSON list); write one JSON object per line")


@pytest.mark.parametrize("field", ["id", "text"])
def test_jsonl_missing_field(tmp_path: Path, field: str) -> None:
    record = {"id": "x", "published": "2016-07-14", "text": "One."}
    del record[field]
    path = write(tmp_path / "c.jsonl", json.dumps(record) + "\n")
    assert_bad_input(
        run("dates", path), f'{path}:1: missing "{field}"; each line needs "id", "published" (or "time") and "text"'
    )


def test_jsonl_missing_date(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"id": "x", "text": "One."}\n')
    assert_bad_input(
        run("dates", path), f'{path}:1: no publication date; add "published": "YYYY-MM-DD" to the line, or pass --published YYYY-MM-DD'
    )


def test_jsonl_bad_field_type(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", '{"id": "x", "published": "2016-07-14", "text": "One.", "url": 5}\n')
    assert_bad_input(run("dates", path), f'{path}:1: "url" must be a string or null; fix that field')


def test_jsonl_bad_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", b'{"id": "x", "published": "2016-07-14", "text": "Gen\xe8ve"}\n')
    assert_bad_input(run("dates", path), f"{path}:1: is not valid UTF-8 (bad byte at offset 51); re-save it as UTF-8")


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl.gz", b"this is not gzip")
    assert_bad_input(run("dates", path), f"{path}: is not a valid gzip file; give a .jsonl file or a complete .jsonl.gz")


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    assert_bad_input(run("dates", path), f"{path}: no such file or folder; check the path")


def test_unsupported_file_given_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "a.pdf", "%PDF-1.4")
    assert_bad_input(run("dates", path), f"{path}: unsupported file type; give .txt or .md articles, or a .jsonl / .jsonl.gz corpus")


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.pdf", "%PDF-1.4")
    result = run("dates", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Error: {tmp_path}: no articles found (.txt, .md, .jsonl, .jsonl.gz); check the path"


def test_unsupported_files_in_a_folder_are_skipped_with_one_warning(fixtures: Path) -> None:
    result = run("dates", str(fixtures / "folder"))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "notes.rtf" in warnings[0]


def test_no_input_is_a_usage_error() -> None:
    assert run("dates").exit_code == 2


def test_bad_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Talks.")
    manifest = write(tmp_path / "manifest.json", "{not json")
    result = run("dates", str(tmp_path))
    assert_bad_input(
        result, f"{manifest}: bad manifest (invalid JSON: Expecting property name enclosed in double quotes at line 1); see README, 'Input formats'"
    )


# --- happy paths -------------------------------------------------------------------------------


def test_every_input_form_reads(fixtures: Path) -> None:
    for path in ("folder", "folder/alpha.txt", "folder/sub", "corpus.jsonl", "corpus.jsonl.gz"):
        result = CliRunner().invoke(main, ["dates", str(fixtures / path)], catch_exceptions=False)
        assert result.exit_code == 0, (path, result.stderr)


def test_dates_jsonl_follows_the_contract(fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["dates", str(fixtures / "corpus.jsonl")], catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    texts = {r["article"]: (r["text"], r["value"]) for r in records if r["type"] == "DATE"}
    assert texts["j1"] == ("8 March 2019", "2019-03-08")
    for record in records:
        assert {"article", "start", "end", "text", "type", "value"} <= record.keys()


def test_dates_from_stdin(fixtures: Path) -> None:
    data = (fixtures / "corpus.jsonl").read_bytes()
    result = CliRunner().invoke(main, ["dates", "-", "--format", "table"], input=data, catch_exceptions=False)
    assert result.exit_code == 0
    assert "2019-03-08" in result.stdout


def test_build_writes_page_and_valid_json(tmp_path: Path, fixtures: Path) -> None:
    page, data = tmp_path / "out" / "t.html", tmp_path / "out" / "t.json"
    result = CliRunner().invoke(main, ["build", str(fixtures / "folder"), "-o", str(page), "--json", str(data)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    document = json.loads(data.read_text(encoding="utf-8"))
    schema = json.loads((fixtures / "timeline.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["events"], "the fixture articles have dated events"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_build_twice_is_byte_identical(tmp_path: Path, fixtures: Path) -> None:
    outputs = []
    for n in (1, 2):
        page, data = tmp_path / f"{n}.html", tmp_path / f"{n}.json"
        CliRunner().invoke(main, ["build", str(fixtures / "folder"), str(fixtures / "corpus.jsonl"), "-o", str(page), "--json", str(data)], catch_exceptions=False)
        outputs.append((page.read_bytes(), data.read_bytes()))
    assert outputs[0] == outputs[1]


def test_json_does_not_depend_on_input_order(tmp_path: Path, fixtures: Path) -> None:
    a, b = str(fixtures / "folder"), str(fixtures / "corpus.jsonl")
    ab, ba = tmp_path / "ab.json", tmp_path / "ba.json"
    CliRunner().invoke(main, ["build", a, b, "-o", str(tmp_path / "ab.html"), "--json", str(ab)], catch_exceptions=False)
    CliRunner().invoke(main, ["build", b, a, "-o", str(tmp_path / "ba.html"), "--json", str(ba)], catch_exceptions=False)
    events = [json.loads(p.read_text(encoding="utf-8"))["events"] for p in (ab, ba)]
    assert events[0] == events[1]


def test_failed_write_keeps_the_old_file(tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "t.html"
    page.write_text("the user's old page", encoding="utf-8")

    def fail(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("build", str(fixtures / "corpus.jsonl"), "-o", str(page), "--no-cache")
    assert_bad_input(result, f"{page}: cannot write it (No space left on device); free some disk space, or write it elsewhere")
    assert page.read_text(encoding="utf-8") == "the user's old page"
    assert [p.name for p in tmp_path.iterdir()] == ["t.html"]  # no temporary file left behind


def test_write_atomic_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.txt"
    files.write_atomic(target, "hé")
    assert target.read_bytes() == "hé".encode()


@pytest.mark.parametrize("command", ["build", "dates", "events", "show", "explain"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"timeline {command}" in result.stdout
    assert "Exit status" in result.stdout


def test_events_lists_events(fixtures: Path) -> None:
    result = CliRunner().invoke(main, ["events", str(fixtures / "corpus.jsonl"), "--format", "jsonl"], catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["when"]["value"] for r in records} == {"2019-03-08"}


def test_gzip_fixture_matches_plain(fixtures: Path) -> None:
    assert gzip.decompress((fixtures / "corpus.jsonl.gz").read_bytes()) == (fixtures / "corpus.jsonl").read_bytes()


def test_schema_copy_matches_the_contract(fixtures: Path) -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "contract" / "timeline.schema.json"
    if not shared.exists():
        pytest.skip("no ../shared/contract beside the clone; the copy in tests/fixtures is used as it is")
    assert (fixtures / "timeline.schema.json").read_bytes() == shared.read_bytes()


def test_jobs_do_not_change_the_output(tmp_path: Path, fixtures: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        data = tmp_path / f"{jobs}.json"
        CliRunner().invoke(
            main,
            ["build", str(fixtures / "folder"), str(fixtures / "merge"), "-o", str(tmp_path / f"{jobs}.html"), "--json", str(data), "--jobs", jobs, "--no-cache"],
            catch_exceptions=False,
        )
        outputs.append(data.read_bytes())
    assert outputs[0] == outputs[1]


def test_build_uses_the_cache_and_gives_the_same_page(tmp_path: Path, fixtures: Path) -> None:
    page = tmp_path / "out" / "t.html"
    first = CliRunner().invoke(main, ["build", str(fixtures / "folder"), "-o", str(page)], catch_exceptions=False)
    assert first.exit_code == 0
    again = page.read_bytes()
    CliRunner().invoke(main, ["build", str(fixtures / "folder"), "-o", str(page)], catch_exceptions=False)
    assert page.read_bytes() == again


def test_build_never_writes_over_an_input(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ARTICLE)
    result = run("build", article, "-o", article, "--no-cache")
    assert_bad_input(result, f"{article}: is one of the input articles; write the output to another file")
    assert Path(article).read_text(encoding="utf-8") == ARTICLE


def test_build_refuses_one_file_for_two_outputs(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ARTICLE)
    same = str(tmp_path / "out.json")
    result = run("build", article, "-o", str(tmp_path / "t.html"), "--json", same, "--csv", same, "--no-cache")
    assert_bad_input(result, f"{same}: is given for two outputs; give each output its own file")


def test_an_empty_corpus_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", "\n\n")
    assert_bad_input(run("dates", path), f"{path}: holds no articles (it is empty or blank); add one JSON object per line, or leave it out")


def test_show_top_prints_the_key_events_in_date_order(fixtures: Path) -> None:
    everything = CliRunner().invoke(main, ["show", str(fixtures / "merge")], catch_exceptions=False)
    top = CliRunner().invoke(main, ["show", str(fixtures / "merge"), "--top", "3"], catch_exceptions=False)
    lines = [" ".join(line.split()) for line in top.stdout.splitlines()[1:]]  # after the header row
    order = [" ".join(line.split()) for line in everything.stdout.splitlines()[1:]]
    assert len(lines) == 3 and len(order) > 3
    assert all(line in order for line in lines)  # the same lines, a subset, in the same order
    assert [order.index(line) for line in lines] == sorted(order.index(line) for line in lines)


def test_build_top_limits_the_exports_but_the_json_keeps_every_event(tmp_path: Path, fixtures: Path) -> None:
    data, table = tmp_path / "t.json", tmp_path / "t.csv"
    args = ["build", str(fixtures / "merge"), "-o", str(tmp_path / "t.html"), "--json", str(data), "--csv", str(table), "--no-cache"]
    CliRunner().invoke(main, [*args, "--top", "2"], catch_exceptions=False)
    document = json.loads(data.read_text(encoding="utf-8"))
    assert len(document["events"]) > 2
    assert all(isinstance(e["significance"], float) and e["evidence"]["sources"] >= 1 for e in document["events"])
    best = sorted(document["events"], key=lambda e: -e["significance"])[:2]
    rows = table.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == 2 and all(any(e["id"] in row for row in rows) for e in best)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.count('<li class="event key"') == 2 and f"all {len(document['events'])} events" in page


# --- the command as a process: out at once after its outputs, with its status --------------


def _process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, timeout=120, check=False)


def test_the_command_exits_with_its_status_and_all_it_wrote(tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "fixtures" / "corpus.jsonl"
    done = _process("dates", str(corpus))
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == run("dates", str(corpus)).output  # every line, flushed before the exit
    page, data = tmp_path / "t.html", tmp_path / "t.json"
    built = _process("-q", "build", str(corpus), "-o", str(page), "--json", str(data))
    assert built.returncode == 0 and page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert json.loads(data.read_text(encoding="utf-8"))["events"]
    bad = _process("dates", write(tmp_path / "a.txt", "Talks on Friday."))
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and bad.stderr.startswith("Error: ")
    assert _process("no-such-command").returncode == 2
