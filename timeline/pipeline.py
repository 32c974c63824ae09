"""Compose the stages: corpus → timex → events → merge. Knows nothing of the CLI.

The runner checks what each stage returns and names the stage that broke its contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from timeline import corpus, events, merge, timex
from timeline.model import Article, Event, Timeline, Timex


@dataclass(frozen=True)
class Options:
    """What a run needs beyond its inputs."""

    published: dt.date | None = None  # the date for articles whose metadata has none
    title: str = "Timeline"


class StageError(RuntimeError):
    """A stage returned something other than what it promised: a bug, not bad input."""


def read(paths: Sequence[str], options: Options = Options(), stdin: BinaryIO | None = None) -> tuple[Article, ...]:
    """The articles under ``paths``."""
    return _check("corpus.read_articles", corpus.read_articles(paths, options.published, stdin), Article)


def tag(articles: Sequence[Article]) -> Iterator[tuple[Article, tuple[Timex, ...]]]:
    """Each article with its temporal expressions."""
    for article in articles:
        yield article, _check("timex.tag", timex.tag(article), Timex)


def extract(articles: Sequence[Article]) -> tuple[Event, ...]:
    """The dated events of every article, unmerged."""
    found: list[Event] = []
    for article, timexes in tag(articles):
        found.extend(_check("events.extract", events.extract(article, timexes), Event))
    return tuple(found)


def build(articles: Sequence[Article], options: Options = Options()) -> Timeline:
    """The merged timeline of ``articles``."""
    result = merge.merge(extract(articles), tuple(articles), options.title)
    if not isinstance(result, Timeline):
        raise StageError(f"stage merge.merge returned {type(result).__name__}, expected Timeline")
    return result


def _check(stage: str, result: object, kind: type) -> tuple:
    if not isinstance(result, tuple) or not all(isinstance(item, kind) for item in result):
        raise StageError(f"stage {stage} returned {type(result).__name__}, expected a tuple of {kind.__name__}")
    return result
