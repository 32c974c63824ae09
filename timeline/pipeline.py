"""Compose the stages: corpus → timex → events → calendar → merge → significance. Knows nothing of the CLI.

The per-article stages (timex, events) are composed here into one work function that the
runner maps over the articles; every stage's result is checked, and a stage that breaks
its contract is named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from timeline import calendar, corpus, events, merge, runner, significance, timex, wording
from timeline.memory import without_cycle_collection
from timeline.model import Article, Event, Reading, Timeline, Timex
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
_TAG_CHUNK = 128  # the tagger is fast: big tasks, little to send between processes


def tag(articles: Sequence[Article], progress: Progress | None = None, jobs: int = 1) -> Iterator[tuple[Article, tuple[Timex, ...]]]:
    """Each article with its temporal expressions, in input order, on ``jobs`` processes.
    ``progress`` is called after each article."""
    if jobs > 1 and len(articles) >= 2 * _TAG_CHUNK:
        timex.tag(Article(id="", text="warm up on 1 May 2016", published=articles[0].published))  # compile once, before the fork
    else:
        jobs = 1
    for article, timexes in zip(articles, runner.map_chunks(articles, tag_chunk, jobs, _TAG_CHUNK), strict=True):
        yield article, _check("timex.tag", timexes, Timex)
        if progress is not None:
            progress(article)


def tag_chunk(articles: Sequence[Article]) -> list[tuple[Timex, ...]]:
    """The tagger over one chunk (what each worker runs for ``timeline dates``)."""
    return [timex.tag(a) for a in articles]


def read_tagged(articles: Sequence[Article], tagged: list[tuple[Timex, ...]]) -> list[Reading]:
    """The per-article stages after the tagger over one chunk, ``tagged[i]`` of ``articles[i]``."""
    found = events.extract_all(zip(articles, tagged, strict=True))
    return [Reading(_check("events.extract", evs, Event), _dates(timexes, evs), wording.terms(article.text))
            for article, timexes, evs in zip(articles, tagged, found, strict=True)]


# The per-article stages over one chunk, in one process: what each worker runs. For the few
# new articles of a warm rebuild, the worker loads spaCy while this process tags them.
read_chunk = runner.Staged(ready=events.prepare, first=tag_chunk, then=read_tagged)


def _dates(timexes: tuple[Timex, ...], found: tuple[Event, ...]) -> tuple[str, ...]:
    """The calendar dates an article refers to, each once, as the events read them (a
    weekday whose tense the parse corrected counts at its corrected date)."""
    corrected = {m.start: m.value for e in found for m in e.mentions}
    values = (corrected.get(t.start, t.value) for t in timexes if t.type in ("DATE", "TIME"))
    return tuple(dict.fromkeys(v for v in values if timex.interval(v) is not None))


def readings(articles: Sequence[Article], progress: Progress | None = None, run: RunOptions = RunOptions()) -> list[Reading]:
    """What the per-article stages find in each article, in input order."""
    started = time.perf_counter()
    result = runner.process(articles, read_chunk, run, progress)
    log.info("found %d dated events (%.2f s)", sum(len(r.events) for r in result), time.perf_counter() - started)
    return result


def extract(articles: Sequence[Article], progress: Progress | None = None, run: RunOptions = RunOptions()) -> tuple[Event, ...]:
    """The dated events of every article, unmerged, in input order, each with an id: the
    one merging gives an event first reported by that mention."""
    return tuple(e if e.id else replace(e, id=unmerged_id(e)) for r in readings(articles, progress, run) for e in r.events)


def unmerged_id(event: Event) -> str:
    """A short hash of where ``event`` is reported (its first mention), as merge names events."""
    first = event.mentions[0]
    return hashlib.sha1(f"{first.article}\t{first.start}\t{first.end}".encode()).hexdigest()[:12]


def build(articles: Sequence[Article], options: Options = Options(), progress: Progress | None = None) -> Timeline:
    """The merged timeline of ``articles``, every event with its significance."""
    return assemble(readings(articles, progress, options.run), articles, options.title)


@without_cycle_collection()  # the pile-wide stages make no cycles (see timeline.memory)
def assemble(found: Sequence[Reading], articles: Sequence[Article], title: str = "Timeline") -> Timeline:
    """The pile-wide stages over what the per-article stages found (``found[i]`` of
    ``articles[i]``): the pile's calendar, merging, significance."""
    started = time.perf_counter()
    found = _check("calendar.redate", calendar.redate(found, articles), Reading)
    merged = merge.merge((e for r in found for e in r.events), tuple(articles), title)
    if not isinstance(merged, Timeline):
        raise StageError(f"stage merge.merge returned {type(merged).__name__}, expected Timeline")
    log.info("merged them into %d events (%.2f s)", len(merged.events), time.perf_counter() - started)
    started = time.perf_counter()
    ranked = significance.rank(merged, {a.id: r.dates for a, r in zip(articles, found, strict=True)},
                               {a.id: r.terms for a, r in zip(articles, found, strict=True)})
    if not isinstance(ranked, Timeline):
        raise StageError(f"stage significance.rank returned {type(ranked).__name__}, expected Timeline")
    log.info("ranked them by significance (%.2f s)", time.perf_counter() - started)
    return ranked


def _check(stage: str, result: object, kind: type) -> tuple:
    if not isinstance(result, tuple) or not all(isinstance(item, kind) for item in result):
        raise StageError(f"stage {stage} returned {type(result).__name__}, expected a tuple of {kind.__name__}")
    return result
