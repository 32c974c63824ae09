"""Hostile inputs: each is one line on stderr that names the file and the fix, exit 1, no
traceback; and the reader, fed random bytes and random JSON, raises a typed error or reads."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from clitools import ARTICLE, assert_bad_input, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import corpus, inputs
from timeline.errors import TimelineError, TooLarge

LINE = '{"id": "a", "published": "2016-07-14", "text": "The ministers met in Vienna on 5 September 2016."'




def jsonl(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


# --- invalid Unicode, deep and long JSON ----------------------------------------------------------


@pytest.mark.parametrize("field", ["id", "text", "title", "source", "url"])
def test_a_lone_surrogate_in_a_jsonl_field(tmp_path: Path, field: str) -> None:
    record = {"id": "a", "published": "2016-07-14", "text": "Talks on 5 September 2016.", "title": "T", "source": "S", "url": "https://x.org"}
    line = json.dumps(record).replace(json.dumps(record[field]), json.dumps(record[field])[:-1] + '\\ud800"', 1)
    path = jsonl(tmp_path, line)
    for command in (["dates", path], ["build", path, "-o", str(tmp_path / "p.html"), "--no-cache", "--json", str(tmp_path / "t.json"),
                                      "--ics", str(tmp_path / "t.ics"), "--markdown", str(tmp_path / "t.md")]):
        assert_bad_input(
            run(*command),
            f'{path}:1: "{field}" holds a lone surrogate (a \\ud800-\\udfff escape that is half of a pair, not a character); fix or remove it',
        )
    assert not (tmp_path / "p.html").exists()


def test_a_surrogate_pair_is_a_character_not_an_error(tmp_path: Path) -> None:
    path = jsonl(tmp_path, LINE[:-1] + ' \\ud83d\\ude00"}')
    assert run("dates", path).exit_code == 0


def test_a_lone_surrogate_in_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The ministers met on 5 September 2016.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"a.txt": {"published": "2016-07-14", "source": "x\\udc00"}}', encoding="utf-8")
    result = run("dates", str(tmp_path))
    assert_bad_input(result, f"{tmp_path / 'manifest.json'}: bad manifest (it holds a lone surrogate, a \\ud800-\\udfff escape that is half of a pair); see README, 'Input formats'")


def test_json_nested_100000_deep(tmp_path: Path) -> None:
    path = jsonl(tmp_path, LINE + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert_bad_input(run("dates", path), f"{path}:1: not a valid JSON object (nested too deeply; flatten it); write one JSON object per line")


def test_a_manifest_nested_100000_deep(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The ministers met on 5 September 2016.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_bad_input(run("dates", str(tmp_path)), f"{tmp_path / 'manifest.json'}: bad manifest (invalid JSON: nested too deeply; flatten it); see README, 'Input formats'")


def test_a_5000_digit_integer_id(tmp_path: Path) -> None:
    path = jsonl(tmp_path, '{"id": ' + "7" * 5000 + ', "published": "2016-07-14", "text": "Talks."}')
    assert_bad_input(
        run("dates", path),
        f"{path}:1: not a valid JSON object (an integer of 5000 digits, longer than any id; write ids as strings); write one JSON object per line",
    )


def test_an_integer_id_of_ordinary_length_is_read(tmp_path: Path) -> None:
    path = jsonl(tmp_path, '{"id": 566971764, "published": "2016-07-14", "text": "Talks on 5 September 2016."}')
    result = run("dates", path)
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[0])["article"] == "566971764"


# --- files that are not regular files, and size ---------------------------------------------------


def test_a_txt_symlink_to_dev_zero(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    message = f"{link}: is a character device, not a regular file; give a .txt/.md article or a .jsonl corpus saved as a file"
    assert_bad_input(run("dates", str(link)), message)
    assert_bad_input(run("dates", str(tmp_path)), message)  # in a folder too


def test_a_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        # A subprocess, so that a regression fails the test instead of hanging the suite.
        done = subprocess.run([sys.executable, "-m", "timeline", "dates", str(target)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        assert done.stderr == f"Error: {fifo}: is a FIFO (named pipe), not a regular file; give a .txt/.md article or a .jsonl corpus saved as a file\n"


def test_a_file_over_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE + "Talks. " * 200, encoding="utf-8")
    assert_bad_input(run("dates", str(big)), f"{big}: is larger than 1,000 bytes, the most one article may take; split it into smaller articles")


def test_the_default_size_cap_is_in_mib() -> None:
    assert str(TooLarge("a.txt", inputs.MAX_BYTES)) == "a.txt: is larger than 64 MiB, the most one article may take; split it into smaller articles"


def test_a_jsonl_line_over_the_size_cap_even_compressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "MAX_BYTES", 1000)
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(LINE.encode() + b"}\n" + b" " * 10_000_000))  # 10 MB of one line, 10 KB on disk
    assert_bad_input(run("dates", str(bomb)), f"{bomb}:2: the line is longer than 1,000 bytes, the most one article may take; split it into smaller articles")


# --- encodings and binary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("utf-32", "UTF-32"), ("utf-32-le", "UTF-32 (without a byte-order mark)"), ("utf-32-be", "UTF-32 (without a byte-order mark)"),
     ("utf-16-le", "UTF-16 without a byte-order mark")],
)
def test_utf32_and_utf16_without_a_mark_are_named(tmp_path: Path, encoding: str, said: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    assert_bad_input(run("dates", str(path)), f"{path}: is {said}, not UTF-8; re-save it as UTF-8")


def test_a_utf32_corpus_is_named(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes((LINE + "}\n").encode("utf-32"))
    assert_bad_input(run("dates", str(path)), f"{path}: is UTF-32, not UTF-8; re-save it as UTF-8")


def test_odd_length_utf16(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    data = codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le") + b"\x00"
    path.write_bytes(data)
    assert_bad_input(
        run("dates", str(path)),
        f"{path}: starts with a UTF-16 byte-order mark but is not valid UTF-16 (an odd number of bytes, {len(data)}); re-save it as UTF-8",
    )


def test_utf16_with_a_mark_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    result = run("dates", str(path))
    assert result.exit_code == 0 and "2016-09-05" in result.stdout


def test_a_nul_byte_anywhere_means_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode() + b"x" * 20_000 + b"\x00" + b"more text")
    assert_bad_input(run("dates", str(path)), f"{path}: is a binary file, not text; give a UTF-8 .txt/.md article or a .jsonl corpus")


# --- standard input -----------------------------------------------------------------------------------


def test_empty_stdin_says_stdin_is_empty() -> None:
    assert_bad_input(
        run("dates", "-", input=b""),
        "<stdin>: standard input is empty (or only blank lines); pipe a JSONL corpus into it (one article per line), or name a file instead of -",
    )


def test_a_closed_stdin(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def closed(*args: str) -> subprocess.CompletedProcess[str]:  # as `timeline dates ... <&-` in a shell
        command = [sys.executable, "-m", "timeline", "dates", *args]
        return subprocess.run(command, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0), capture_output=True, text=True, timeout=120)

    file_read = closed(str(article))
    assert file_read.returncode == 0 and "2016-09-05" in file_read.stdout and file_read.stderr == ""
    from_stdin = closed("-")
    assert from_stdin.returncode == 1
    assert from_stdin.stderr == "Error: <stdin>: standard input is closed; pipe a JSONL corpus into it (one article per line), or name a file instead of -\n"


# --- folders ------------------------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)  # root may read anything, so simulate it
    assert_bad_input(run("dates", str(tmp_path)), f"{locked}: cannot read it (Permission denied); check that it exists and that you may read it")


def test_a_folder_nested_1100_deep(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(1100):  # deeper than Python's recursion limit
        folder = folder / "d"
        folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    try:
        result = run("dates", str(tmp_path))
    finally:  # from the bottom up: shutil.rmtree, which pytest cleans up with, recurses
        (folder / "a.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent
    assert result.exit_code == 0 and "2016-09-05" in result.stdout


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    result = run("dates", str(tmp_path))
    assert result.exit_code == 0 and result.stdout.count("2016-09-05") == 1


# --- anything at all: a typed error or articles, never another exception --------------------------------


def read(path: str | None = None, stdin: bytes | None = None) -> None:
    import datetime as dt
    import io

    try:
        articles = corpus.read_articles([path or "-"], dt.date(2016, 7, 14), stdin=io.BytesIO(stdin) if stdin is not None else None)
    except TimelineError as err:
        assert "\n" not in str(err) and str(err).startswith((path or "<stdin>", "-"))
        return
    assert articles and all(a.text.strip() for a in articles)
    for article in articles:  # every string can be written out as UTF-8
        "".join(f or "" for f in (article.id, article.text, article.title, article.source, article.url)).encode("utf-8")


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(), st.integers(), _json_values),
        "text": st.one_of(st.text(), _json_values),
        "published": st.one_of(st.sampled_from(["2016-07-14", "July 14, 2016", "2016-13-01", "0001-01-01"]), st.text(), _json_values),
        "title": st.one_of(st.none(), st.text(), _json_values),
        "source": st.one_of(st.none(), st.text()),
        "url": st.one_of(st.none(), st.text()),
    },
)
_articles = st.fixed_dictionaries(  # lines that are nearly articles, so the checks after parsing are reached
    {"id": st.one_of(st.text(min_size=1), st.integers()), "text": st.text(min_size=1)},
    optional={"published": st.sampled_from(["2016-07-14", "14 July 2016", "2016-07-14T25:00:00"]), "title": st.text(), "url": st.text()},
)
_fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fuzz
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md", "c.jsonl", "c.jsonl.gz", "-"]))
def test_random_bytes_give_articles_or_a_typed_error(data: bytes, name: str) -> None:
    if name == "-":
        read(stdin=data)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        read(str(path))


@_fuzz
@given(st.lists(st.one_of(_articles, _records, _json_values), min_size=1, max_size=4), st.booleans())
def test_random_json_lines_give_articles_or_a_typed_error(records: list[object], surrogates: bool) -> None:
    lines = [json.dumps(r, ensure_ascii=True) for r in records]
    if surrogates:  # a lone half of a pair, as a \u escape, at the start of every string value
        lines = [line.replace(': "', ': "\\udbff') for line in lines]
    read(stdin="\n".join(lines).encode("utf-8"))


def test_a_scheduler_address_that_is_no_address(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--no-cache", "--engine", "dask", "--scheduler", "not a url")
    assert_bad_input(
        result,
        "--scheduler 'not a url' is not a Dask scheduler address (missing port number in address 'not a url'); write it as tcp://HOST:PORT",
    )


@pytest.mark.parametrize(
    ("code", "fix"),
    [(28, "free some disk space, or write it elsewhere"), (30, "the disk is read-only; write it elsewhere"),
     (13, "you may not write there; write it to a folder of yours"), (5, "check the folder exists and is writable")],
)
def test_a_failed_write_suggests_the_fix_for_its_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, fix: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "p.html"

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)  # the write of the temporary file fails
    result = run("build", str(article), "-o", str(page), "--no-cache")
    assert_bad_input(result, f"{page}: cannot write it ({os.strerror(code)}); {fix}")
    assert not page.exists()
