"""Map a per-article work function over many articles: in this process, on a pool of
processes, or on a Dask cluster; with a cache so unchanged articles are not redone.

The runner knows no stage: ``pipeline`` hands it the work (tag, then find events). The merge
needs every article's events, so it runs once, after; everything before it is a pure
function of one article, which is what makes it safe to cache and to spread out. Results
come back in input order whatever the engine, so the output is the same bytes.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from timeline.cache import Cache, article_key
from timeline.errors import TimelineError
from timeline.model import Article, Reading

log = logging.getLogger("timeline")

Progress = Callable[[Article], None]
Work = Callable[[Sequence[Article]], list[Reading]]  # one chunk of articles -> their readings, in order
ENGINES = ("local", "dask")
_CHUNK = 32  # articles per task: enough to batch the parser, small enough to balance cores
T = TypeVar("T")
K = TypeVar("K")


@dataclass(frozen=True)
class RunOptions:
    """How to run the per-article stages."""

    jobs: int = 1  # processes on this machine (engine "local")
    engine: str = "local"
    scheduler: str | None = None  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    cache: Path | None = None  # SQLite file; None: no cache


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def process(
    articles: Sequence[Article], work: Work, options: RunOptions = RunOptions(), progress: Progress | None = None
) -> list[Reading]:
    """``work`` over every article, in input order; from the cache where it can be."""
    cache = Cache.open(options.cache) if options.cache else None
    try:
        keys = [article_key(a) for a in articles]
        cached = cache.known(keys) if cache else set()
        todo = [a for a, k in zip(articles, keys, strict=True) if k not in cached]
        fresh: dict[str, Reading] = {}
        with _ahead(todo, work, options, bool(cached)) as started:  # the new articles' work (spaCy's load, the parse) runs meanwhile
            done = cache.get_many([k for k in keys if k in cached]) if cache else {}
            late = [a for a, k in zip(articles, keys, strict=True) if k in cached and k not in done]  # entries it could not read
            if cache:
                log.info("cache %s: %d of %d articles already done", cache.path, len(articles) - len(todo) - len(late), len(articles))
            results = itertools.chain(started, _run(late, work, options)) if started is not None else _run(todo + late, work, options)
            todo += late
            for article, found in zip(todo, results, strict=True):
                fresh[article.id] = found
                if progress is not None:
                    progress(article)
        if cache and todo:
            cache.put_many({k: fresh[a.id] for a, k in zip(articles, keys, strict=True) if a.id in fresh})
        return [done[k] if k in done else fresh[a.id] for a, k in zip(articles, keys, strict=True)]
    finally:
        if cache:
            cache.close()


def map_chunks(items: Sequence[Article], work: Callable[[Sequence[Article]], list[T]], jobs: int = 1, chunk: int = 128) -> Iterator[T]:
    """``work`` over ``items`` in chunks, on ``jobs`` processes, results in input order."""
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    if jobs <= 1 or len(chunks) < 2:
        return _flatten(work(c) for c in chunks)
    return _flatten(_pool(chunks, jobs, work))


def _run(articles: Sequence[Article], work: Work, options: RunOptions) -> Iterator[Reading]:
    if not articles:
        return iter(())
    if options.engine == "dask":
        chunks = [articles[i : i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
        return _flatten(_dask(chunks, work, options.scheduler))
    return map_chunks(articles, work, options.jobs, _CHUNK)


@dataclass(frozen=True)
class Staged:
    """A work in stages, so that a worker can load what it needs while this process does the
    first stage: ``ready()`` runs in the worker at once (spaCy's load), ``first(chunk)`` here,
    and ``then(chunk, first(chunk))`` in the worker. Called whole (any other engine), it runs
    the stages one after the other where it is called."""

    ready: Callable[[], object]
    first: Callable[[Sequence[Article]], list[Any]]
    then: Callable[[Sequence[Article], list[Any]], list[Reading]]

    def __call__(self, chunk: Sequence[Article]) -> list[Reading]:
        return self.then(chunk, self.first(chunk))


@contextmanager
def _ahead(todo: Sequence[Article], work: Work, options: RunOptions, meanwhile: bool) -> Iterator[Iterator[Reading] | None]:
    """The readings of ``todo`` from workers that start on them now, while this process does
    something else (``meanwhile``: it reads the cache), or None when that does not pay: no
    spare core, nothing to read meanwhile, or already spread over several workers. A
    ``Staged`` work's worker loads what it needs at once, and gets its chunk when this
    process, done with the cache, has run the first stage (the results are asked for)."""
    chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    if not meanwhile or not todo or options.engine != "local" or options.jobs <= 1 or len(chunks) >= 2:
        yield None
        return
    with _executor(min(options.jobs, len(chunks))) as pool:
        if isinstance(work, Staged):
            pool.submit(work.ready)  # its failure, if any, is the later stage's too
            yield _flatten(_staged(pool, chunks, work))
        else:
            yield _flatten(_results([pool.submit(work, chunk) for chunk in chunks]))


def _staged(pool: ProcessPoolExecutor, chunks: list[Sequence[Article]], work: Staged) -> Iterator[list[Reading]]:
    yield from _results([pool.submit(work.then, chunk, work.first(chunk)) for chunk in chunks])


def _pool(chunks: list[Sequence[Article]], jobs: int, work: Callable[[Sequence[Article]], list[T]]) -> Iterator[list[T]]:
    with _executor(min(jobs, len(chunks))) as pool:
        yield from _results([pool.submit(work, chunk) for chunk in chunks])


@contextmanager
def _executor(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes; leaving early (an error, Ctrl-C, SIGTERM, a consumer
    that stopped) stops them."""
    # fork shares the loaded code (and a compiled grammar) with the workers; elsewhere spawn starts them afresh
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    except BaseException:
        for worker in list((pool._processes or {}).values()):
            worker.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _results(futures: list[Future[T]]) -> Iterator[T]:
    for future in futures:  # results in input order
        while True:
            try:  # wake twice a second, so that a SIGTERM or Ctrl-C is handled at once
                result = future.result(timeout=0.5)
                break
            except FuturesTimeout:
                continue
        yield result


def compute_all(tasks: Mapping[K, Callable[[], str]], jobs: int = 1) -> dict[K, str]:
    """Each task's string, keyed as given: with ``jobs`` > 1 the first task (and those beyond
    ``jobs``) runs here while the next ``jobs - 1`` run in forked processes (the page and the
    JSON of a large pile take about a second each), so that the outputs take about as long
    as the longest one; without fork, or for a task whose process failed, here. The same
    strings either way: the tasks are pure."""
    items = list(tasks.items())
    if jobs <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {key: task() for key, task in items}
    context = multiprocessing.get_context("fork")
    spread, here = items[1:jobs], [items[0], *items[jobs:]]  # one process per spare core
    children = []
    try:
        for _, task in spread:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_compute, args=(task, send, os.getpid()), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        out = {key: task() for key, task in here}
        for (key, task), (_, receive) in zip(spread, children, strict=True):
            try:
                message = receive.recv_bytes()
            except EOFError:  # the process died before it said anything
                message = b""
            out[key] = message[1:].decode("utf-8", "surrogatepass") if message[:1] == b"1" else task()
        return {key: out[key] for key, _ in items}
    finally:
        for child, receive in children:
            receive.close()
            if child.is_alive():
                child.terminate()
            child.join()


def _compute(task: Callable[[], str], send: Connection, parent: int) -> None:
    """In a forked process: the task's string down the pipe ("1" + UTF-8), or "0" if it failed
    (the parent then runs it itself and meets the error there)."""
    _die_with_parent(parent)
    try:
        message = b"1" + task().encode("utf-8", "surrogatepass")
    except BaseException:  # noqa: BLE001 - reported by running the task again in the parent
        message = b"0"
    send.send_bytes(message)
    send.close()


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the build that started it ends, even by kill -9; SIGTERM ends
    it at once (not the build's handler, inherited by the fork), and Ctrl-C is the build's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel sends SIGTERM when the parent dies
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()  # elsewhere


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


_PR_SET_PDEATHSIG = 1


def _dask(chunks: list[Sequence[Article]], work: Work, scheduler: str | None) -> Iterator[list[Reading]]:
    if not scheduler:
        raise TimelineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://scheduler:8786)")
    try:
        from dask.distributed import Client
    except ImportError:
        raise TimelineError("--engine dask needs Dask; install it with: pip install 'timeline[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as err:
        raise TimelineError(f"cannot reach the Dask scheduler at {scheduler} ({err}); check the address") from None
    except ValueError as err:  # Dask's parse of the address: "missing port number in address 'x'"
        raise TimelineError(f"--scheduler {scheduler!r} is not a Dask scheduler address ({err}); write it as tcp://HOST:PORT") from None
    with client:
        futures = client.map(work, chunks, pure=False)
        for future in futures:  # in input order, as they finish
            yield future.result()


def _flatten(chunks: Iterable[list[T]]) -> Iterator[T]:
    for chunk in chunks:
        yield from chunk
