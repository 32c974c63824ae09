"""Compose the stages: corpus → timex → events → merge. Knows nothing of the CLI.

The runner checks what each stage returns and names the stage that broke its contract.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from timeline import corpus, merge, runner
from timeline.model import Article, Event, Timeline, Timex
from timeline.runner import RunOptions


@dataclass(frozen=True)
class Options:
    """What a run needs beyond its inputs."""

    published: dt.date | None = None  # the date for articles whose metadata has none
    title: str = "Timeline"
    run: RunOptions = RunOptions()  # jobs, engine, cache


log = logging.getLogger("timeline")


class StageError(RuntimeError):
    """A stage returned something other than what it promised: a bug, not bad input."""


def read(paths: Sequence[str], options: Options = Options(), stdin: BinaryIO | None = None) -> tuple[Article, ...]:
    """The articles under ``paths``."""
    started = time.perf_counter()
    articles = _check("corpus.read_articles", corpus.read_articles(paths, options.published, stdin), Article)
    log.info("read %d articles (%.2f s)", len(articles), time.perf_counter() - started)
    return articles


Progress = runner.Progress


def tag(articles: Sequence[Article], progress: Progress | None = None, jobs: int = 1) -> Iterator[tuple[Article, tuple[Timex, ...]]]:
    """Each article with its temporal expressions, in input order, on ``jobs`` processes.
    ``progress`` is called after each article."""
    for article, timexes in zip(articles, runner.tag(articles, jobs), strict=True):
        yield article, _check("timex.tag", timexes, Timex)
        if progress is not None:
            progress(article)


def extract(articles: Sequence[Article], progress: Progress | None = None, run: RunOptions = RunOptions()) -> tuple[Event, ...]:
    """The dated events of every article, unmerged, in input order."""
    started = time.perf_counter()
    found: list[Event] = []
    for result in runner.process(articles, run, progress):
        found.extend(_check("events.extract", result, Event))
    log.info("found %d dated events (%.2f s)", len(found), time.perf_counter() - started)
    return tuple(found)


def build(articles: Sequence[Article], options: Options = Options(), progress: Progress | None = None) -> Timeline:
    """The merged timeline of ``articles``."""
    found = extract(articles, progress, options.run)
    started = time.perf_counter()
    result = merge.merge(found, tuple(articles), options.title)
    if not isinstance(result, Timeline):
        raise StageError(f"stage merge.merge returned {type(result).__name__}, expected Timeline")
    log.info("merged them into %d events (%.2f s)", len(result.events), time.perf_counter() - started)
    return result


def _check(stage: str, result: object, kind: type) -> tuple:
    if not isinstance(result, tuple) or not all(isinstance(item, kind) for item in result):
        raise StageError(f"stage {stage} returned {type(result).__name__}, expected a tuple of {kind.__name__}")
    return result
