"""Parallel runs, the cache and the Dask engine give the same events as one process."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from timeline import cache as cache_module
from timeline import runner
from timeline.model import Article
from timeline.pipeline import read_chunk
from timeline.runner import RunOptions

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November"]


def corpus(n: int) -> list[Article]:
    return [
        Article(
            id=f"a{i:03}",
            text=f"The envoys met in Geneva on {1 + i % 27} {MONTHS[i % 11]} 2015. Talks resumed on Monday, officials said.",
            published=dt.date(2016, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(n)
    ]


def test_two_processes_give_what_one_gives() -> None:
    articles = corpus(70)  # three chunks
    one = runner.process(articles, read_chunk, RunOptions(jobs=1))
    two = runner.process(articles, read_chunk, RunOptions(jobs=2))
    assert one == two
    assert all(found.events and found.dates for found in one)


def test_cache_redoes_only_new_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.sqlite"
    articles = corpus(5)
    first = runner.process(articles, read_chunk, RunOptions(cache=path))
    done: list[str] = []

    def counting(chunk):  # type: ignore[no-untyped-def]
        done.extend(a.id for a in chunk)
        return read_chunk(chunk)

    assert runner.process(articles, counting, RunOptions(cache=path)) == first
    assert done == []  # all from the cache
    more = corpus(6)
    runner.process(more, counting, RunOptions(cache=path))
    assert done == ["a005"]  # only the new one


def test_new_articles_start_on_a_worker_while_the_cache_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.sqlite"
    runner.process(corpus(5), read_chunk, RunOptions(cache=path))
    order: list[str] = []
    get_many = cache_module.Cache.get_many

    def reading(self, keys):  # type: ignore[no-untyped-def]
        order.append("cache read")
        return get_many(self, keys)

    started = runner._executor

    def starting(*args):  # type: ignore[no-untyped-def]
        order.append("worker started")
        return started(*args)

    monkeypatch.setattr(cache_module.Cache, "get_many", reading)
    monkeypatch.setattr(runner, "_executor", starting)
    more = corpus(7)
    assert runner.process(more, read_chunk, RunOptions(jobs=2, cache=path)) == runner.process(more, read_chunk, RunOptions())
    assert order == ["worker started", "cache read"]
    assert runner.process(more, read_chunk, RunOptions(jobs=2, cache=path)) == runner.process(more, read_chunk, RunOptions())
    assert order == ["worker started", "cache read", "cache read"]  # nothing new: no worker


def _ready_here(folder: Path) -> None:
    (folder / f"ready-{os.getpid()}").touch()


def test_a_staged_worker_loads_while_this_process_runs_the_first_stage(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    runner.process(corpus(5), read_chunk, RunOptions(cache=path))
    firsts: list[int] = []

    def first(chunk):  # type: ignore[no-untyped-def]
        firsts.append(os.getpid())
        return read_chunk.first(chunk)

    staged = runner.Staged(ready=functools.partial(_ready_here, tmp_path), first=first, then=read_chunk.then)
    more = corpus(6)
    assert runner.process(more, staged, RunOptions(jobs=2, cache=path)) == runner.process(more, read_chunk, RunOptions())
    assert firsts == [os.getpid()]  # the tagger ran here ...
    (ready,) = tmp_path.glob("ready-*")
    assert ready.name != f"ready-{os.getpid()}"  # ... and the worker loaded meanwhile


def _failing(chunk):  # type: ignore[no-untyped-def]
    raise RuntimeError(f"no reading of {chunk[0].id}")


def test_a_failure_on_the_worker_that_started_early_is_raised(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    first = runner.process(corpus(3), read_chunk, RunOptions(cache=path))
    with pytest.raises(RuntimeError, match="no reading of a003"):
        runner.process(corpus(4), _failing, RunOptions(jobs=2, cache=path))
    assert runner.process(corpus(3), _failing, RunOptions(jobs=2, cache=path)) == first  # the cache kept what it had


def test_unreadable_entries_are_redone_beside_new_articles(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    expected = runner.process(corpus(4), read_chunk, RunOptions())
    runner.process(corpus(3), read_chunk, RunOptions(cache=path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE articles SET events = 'not json' WHERE rowid = 2")
    assert runner.process(corpus(4), read_chunk, RunOptions(jobs=2, cache=path)) == expected
    assert runner.process(corpus(4), read_chunk, RunOptions(jobs=2, cache=path)) == expected  # and now all from the cache


def test_changed_article_is_redone(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    article = corpus(1)[0]
    runner.process([article], read_chunk, RunOptions(cache=path))
    changed = Article(article.id, article.text.replace("Geneva", "Vienna"), article.published)
    assert cache_module.article_key(changed) != cache_module.article_key(article)
    (reading,) = runner.process([changed], read_chunk, RunOptions(cache=path))
    assert "Vienna" in reading.events[0].mentions[0].sentence


def test_damaged_cache_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"this is not a database" * 100)
    articles = corpus(2)
    with caplog.at_level(logging.WARNING, logger="timeline"):
        result = runner.process(articles, read_chunk, RunOptions(cache=path))
    assert result == runner.process(articles, read_chunk, RunOptions())
    assert "damaged" in caplog.text
    assert (tmp_path / "cache.sqlite.damaged").exists()
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_cache_of_another_version_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cache.sqlite"
    articles = corpus(2)
    runner.process(articles, read_chunk, RunOptions(cache=path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE name = 'format'")
    with caplog.at_level(logging.WARNING, logger="timeline"):
        runner.process(articles, read_chunk, RunOptions(cache=path))
    assert "another version" in caplog.text


def test_tampered_entries_are_not_trusted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cache.sqlite"
    articles = corpus(2)
    expected = runner.process(articles, read_chunk, RunOptions(cache=path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE articles SET events = '[{\"nonsense\": 1}]'")
    with caplog.at_level(logging.WARNING, logger="timeline"):
        assert runner.process(articles, read_chunk, RunOptions(cache=path)) == expected
    assert "unreadable" in caplog.text


def test_dask_engine_on_a_local_cluster() -> None:
    distributed = pytest.importorskip("dask.distributed")
    articles = corpus(40)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = runner.process(articles, read_chunk, RunOptions(engine="dask", scheduler=cluster.scheduler_address))
    assert result == runner.process(articles, read_chunk, RunOptions())


def test_dask_engine_needs_a_scheduler() -> None:
    from timeline.errors import TimelineError

    with pytest.raises(TimelineError, match="--scheduler"):
        runner.process(corpus(1), read_chunk, RunOptions(engine="dask"))


def test_a_missing_scheduler_is_named_before_a_missing_dask(monkeypatch) -> None:
    from timeline.errors import TimelineError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if Dask were not installed
    with pytest.raises(TimelineError, match="--scheduler"):
        runner.process(corpus(1), read_chunk, RunOptions(engine="dask"))
    with pytest.raises(TimelineError, match="needs Dask"):
        runner.process(corpus(1), read_chunk, RunOptions(engine="dask", scheduler="tcp://127.0.0.1:1"))


def test_the_cache_key_follows_the_reading_code_not_the_page(monkeypatch, tmp_path: Path) -> None:
    import shutil
    from importlib import resources

    from timeline import cache

    package = tmp_path / "timeline"
    shutil.copytree(Path(str(resources.files("timeline"))), package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache.resources, "files", lambda name: package)
    try:
        key = _fresh(cache)
        (package / "templates" / "page.css.j2").write_text("/* another look */", encoding="utf-8")
        assert _fresh(cache) == key  # the page changed: the articles read so far still hold
        rules = package / "rules" / "en" / "events.toml"
        rules.write_text(rules.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
        assert _fresh(cache) != key  # a rule changed: every article is read again
    finally:
        cache._fingerprint.cache_clear()  # the next test's key is the real package's


def _fresh(cache_module) -> str:
    cache_module._fingerprint.cache_clear()
    return cache_module._fingerprint()


def _pid_text() -> str:
    return f"made in {os.getpid()} \udcff é"  # a lone surrogate survives the pipe


def _failing_output() -> str:
    raise ValueError("this export is broken")


def test_outputs_made_at_once_on_spare_cores_are_the_ones_made_in_turn() -> None:
    tasks = {"page": _pid_text, "json": _pid_text, "csv": _pid_text, "ics": lambda: "small"}
    in_turn = runner.compute_all(tasks, jobs=1)
    at_once = runner.compute_all(tasks, jobs=3)
    assert list(at_once) == list(tasks)
    assert in_turn["page"] == at_once["page"] == _pid_text()  # the first is made here
    assert at_once["json"] != at_once["page"] and at_once["csv"] != at_once["page"]  # in two other processes
    assert at_once["json"].split()[3:] == at_once["page"].split()[3:] and at_once["ics"] == "small"


def test_an_output_that_fails_in_its_process_fails_here_as_itself() -> None:
    with pytest.raises(ValueError, match="this export is broken"):
        runner.compute_all({"page": lambda: "fine", "json": _failing_output}, jobs=2)
