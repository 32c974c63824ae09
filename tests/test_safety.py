"""Nothing the user had is lost: the cache, the outputs and killed runs never destroy a file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from timeline import files
from timeline.cli import main
from timeline.errors import OutputError

ARTICLE = "---\npublished: 2016-07-14\nsource: Test Wire\n---\nThe ministers met in Vienna on 5 September 2016 and agreed a truce.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- the cache ----------------------------------------------------------------------------


def test_an_input_article_named_as_the_cache_is_refused_and_kept(tmp_path: Path, article: Path) -> None:
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(article))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {article}: is one of the input articles; give --cache another file\n"
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert not (tmp_path / "p.html").exists()


def test_a_file_that_is_not_sqlite_is_never_taken_for_a_damaged_cache(tmp_path: Path, article: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n", encoding="utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(notes))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {notes}: is not an SQLite database, not a timeline cache; give --cache a new file name, or --no-cache\n"
    )
    assert notes.read_text(encoding="utf-8") == "my notes, not a database\n"


def test_another_programs_database_is_left_alone(tmp_path: Path, article: Path) -> None:
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
        db.execute("INSERT INTO customers VALUES ('Ada')")
    before = other.read_bytes()
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(other))
    assert result.exit_code == 1
    assert "is an SQLite database with other tables (customers), not a timeline cache" in result.stderr
    assert other.read_bytes() == before


def test_a_folder_named_as_the_cache_is_an_error(tmp_path: Path, article: Path) -> None:
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: is a folder, not a timeline cache; give --cache a new file name, or --no-cache\n"


def test_a_damaged_cache_is_moved_aside_not_deleted(tmp_path: Path, article: Path) -> None:
    cache = tmp_path / "c.sqlite"
    assert run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache)).exit_code == 0
    damaged = cache.read_bytes()[:100] + b"\xff" * (len(cache.read_bytes()) - 100)  # the header kept, the pages broken
    cache.write_bytes(damaged)
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert "is damaged" in result.stderr and "c.sqlite.damaged" in result.stderr
    assert (tmp_path / "c.sqlite.damaged").read_bytes() == damaged
    assert sqlite3.connect(cache).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_a_locked_cache_is_not_touched_and_the_build_goes_on(tmp_path: Path, article: Path) -> None:
    cache = tmp_path / "c.sqlite"
    assert run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache)).exit_code == 0
    expected = (tmp_path / "p.html").read_bytes()
    (tmp_path / "p.html").unlink()
    holder = sqlite3.connect(cache, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another build in the middle of a write
    try:
        from timeline import cache as cache_module

        old = cache_module._LOCK_TIMEOUT
        cache_module._LOCK_TIMEOUT = 0.1
        try:
            result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache))
        finally:
            cache_module._LOCK_TIMEOUT = old
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 0, result.output
    assert "running without it" in result.stderr
    assert (tmp_path / "p.html").read_bytes() == expected
    assert sqlite3.connect(cache).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert not list(tmp_path.glob("c.sqlite.damaged*"))


def test_a_read_only_cache_is_used_for_reading_only(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline import cache as cache_module

    cache = tmp_path / "c.sqlite"
    assert run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache)).exit_code == 0
    before = cache.read_bytes()
    real = sqlite3.connect
    monkeypatch.setattr(cache_module.sqlite3, "connect", lambda path, **kw: real(f"file:{path}?mode=ro", uri=True, **kw))
    other = article.parent / "b.txt"
    other.write_text(ARTICLE.replace("Vienna", "Geneva"), encoding="utf-8")
    result = run("build", str(article.parent), "-o", str(tmp_path / "q.html"), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert "could not write the cache" in result.stderr
    assert cache.read_bytes() == before
    assert not list(tmp_path.glob("c.sqlite.damaged*"))


def test_a_cache_table_of_the_wrong_shape_is_rebuilt(tmp_path: Path, article: Path) -> None:
    cache = tmp_path / "c.sqlite"
    with sqlite3.connect(cache) as db:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE articles (id INTEGER, blob BLOB)")
    result = run("build", str(article), "-o", str(tmp_path / "p.html"), "--cache", str(cache))
    assert result.exit_code == 0, result.output
    assert [r[1] for r in sqlite3.connect(cache).execute("PRAGMA table_info(articles)")] == ["key", "events"]


@pytest.mark.parametrize(
    "tamper",
    [
        "json_set(events, '$[0].title', 5)",
        "json_set(events, '$[0].when', json('[1, 2, 3, 4, 5]'))",
        "json_set(events, '$[0].mentions[0][4]', 'x')",
        "json_set(events, '$[0].actors', json('[[1]]'))",
        "json_set(events, '$[0].roles', json('[[\"a\"]]'))",
        "'not json'",
        "json('{}')",
    ],
)
def test_tampered_entries_are_redone_on_every_run(tmp_path: Path, article: Path, tamper: str) -> None:
    cache = tmp_path / "c.sqlite"
    args = ["build", str(article), "-o", str(tmp_path / "p.html"), "--json", str(tmp_path / "p.json"), "--cache", str(cache)]
    assert run(*args).exit_code == 0
    expected = (tmp_path / "p.json").read_bytes()
    with sqlite3.connect(cache) as db:
        db.execute(f"UPDATE articles SET events = {tamper}")
    for _ in range(2):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert (tmp_path / "p.json").read_bytes() == expected


def test_the_default_cache_is_in_the_users_cache_folder(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(article), "-o", str(out / "p.html")).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["p.html"]
    assert (files.user_cache_dir() / "articles.sqlite").exists()


# --- outputs --------------------------------------------------------------------------------


def test_an_export_never_replaces_the_folders_manifest(tmp_path: Path, article: Path) -> None:
    manifest = article.parent / "manifest.csv"
    manifest.write_text("file,source\na.txt,Wire\n", encoding="utf-8")
    result = run("build", str(article.parent), "-o", str(tmp_path / "p.html"), "--csv", str(manifest), "--no-cache")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {manifest}: is the manifest of an input folder; write the output to another file\n"
    assert manifest.read_text(encoding="utf-8") == "file,source\na.txt,Wire\n"


def test_an_output_may_not_be_the_cache(tmp_path: Path, article: Path) -> None:
    cache = tmp_path / "c.sqlite"
    result = run("build", str(article), "-o", str(cache), "--cache", str(cache))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {cache}: is the cache (--cache); write the output to another file\n"


def test_outputs_are_all_written_or_none(tmp_path: Path, article: Path) -> None:
    page, data = tmp_path / "p.html", tmp_path / "p.json"
    page.write_text("old page", encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    result = run("build", str(article), "-o", str(page), "--json", str(blocked / "p.json"), "--no-cache")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {blocked / 'p.json'}: cannot write it")
    assert page.read_text(encoding="utf-8") == "old page"
    assert not data.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "in", "p.html"]  # no temporary file left


def test_write_all_leaves_no_temporary_file_when_a_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    calls = []
    real = os.fsync

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        files.write_all({str(tmp_path / "a.txt"): "new a", str(tmp_path / "b.txt"): "new b"})
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_output_that_already_holds_its_bytes_is_not_rewritten(tmp_path: Path) -> None:
    same, changed = tmp_path / "same.html", tmp_path / "changed.json"
    files.write_all({str(same): "page é", str(changed): "old"})
    before = same.stat()
    os.utime(same, ns=(before.st_atime_ns, before.st_mtime_ns - 10**9))
    files.write_all({str(same): "page é", str(changed): "new"})
    assert same.stat().st_ino == before.st_ino and same.stat().st_mtime_ns == before.st_mtime_ns - 10**9
    assert changed.read_text(encoding="utf-8") == "new"
    files.write_all({str(same): "page è"})  # as long, other bytes
    assert same.read_text(encoding="utf-8") == "page è"


def test_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".p.html.{dead}.abc123.tmp"
    stale.write_text("half a page", encoding="utf-8")
    mine = tmp_path / f".p.html.{os.getpid()}.live01.tmp"  # a run still writing: kept
    mine.write_text("still writing", encoding="utf-8")
    other = tmp_path / ".q.html.1.abc.tmp"  # another output's: not this write's business
    other.write_text("x", encoding="utf-8")
    files.write_atomic(tmp_path / "p.html", "page")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.html", mine.name, other.name])


# --- killed runs ------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_the_build_is_killed(tmp_path: Path, sig: signal.Signals) -> None:
    psutil = pytest.importorskip("psutil")
    corpus = tmp_path / "c.jsonl"
    line = '{{"id": "a{0}", "published": "2016-07-14", "text": "The ministers met in Vienna on {1} September 2016. {2}"}}\n'
    filler = "They talked about the truce on Monday and again on Tuesday. " * 40
    corpus.write_text("".join(line.format(i, 1 + i % 28, filler) for i in range(400)), encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "timeline", "build", str(corpus), "-o", str(tmp_path / "p.html"), "--jobs", "2", "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(build.pid)
    deadline = time.monotonic() + 60
    while not parent.children() and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = parent.children(recursive=True)
    assert workers, "the build started no workers"
    build.send_signal(sig)
    build.wait(timeout=30)
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"{len(alive)} workers outlived the build"
    assert not list(tmp_path.glob(".p.html.*.tmp"))
