"""The command line: thin click commands over ``timeline.pipeline``.

Exit status: 0 success, 1 bad input (one ``Error: …`` line on stderr), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from timeline import __version__, export, pipeline, render
from timeline.cache import default_path as default_cache_path
from timeline.corpus import parse_published
from timeline.errors import TimelineError
from timeline.files import check_targets, write_all
from timeline.memory import without_cycle_collection
from timeline.model import Article, Timeline, Timex
from timeline.query import Query, default_top, hint, select
from timeline.query import top as top_events
from timeline.runner import ENGINES, RunOptions, compute_all, default_jobs

EXIT_CODES = """\b
Exit status: 0 success, 1 bad input (the message names the file and
the fix), 2 usage error."""

# build's optional outputs: option name → (exporter, what it writes)
EXPORTS: dict[str, tuple[Callable[..., str], str]] = {
    "json": (export.to_json, "the merged timeline as JSON (the contract's schema)"),
    "csv": (export.to_csv, "one CSV row per event"),
    "mentions_csv": (export.to_mentions_csv, "one CSV row per mention"),
    "timelinejs": (export.to_timelinejs, "TimelineJS3 JSON"),
    "ics": (export.to_ics, "an iCalendar file of all-day events"),
    "markdown": (export.to_markdown, "a Markdown chronology with footnoted sources"),
}
_PROGRESS_MIN_ARTICLES = 20
TOP_HELP = "Only the N most significant events (the key events), in date order."


_GLOBAL_OPTIONS = ("-q", "--quiet", "-v", "--verbose")
# Control characters (tab and newline too) in a table cell would break the table or drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
log = logging.getLogger("timeline")


class _Command(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as err:  # "show -v": say where a global option goes
            if err.option_name in _GLOBAL_OPTIONS:
                raise click.UsageError(
                    f"No such option: {err.option_name} for '{ctx.info_name}'; it is a global option and goes before "
                    f"the command: timeline {err.option_name} {ctx.info_name} ...",
                    ctx,
                ) from None
            raise


class _Group(click.Group):
    command_class = _Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TimelineError as err:  # bad input: one line on stderr, exit 1, no traceback
            raise click.ClickException(_cell(str(err))) from err  # an id may hold escape sequences


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        prefix = "Warning: " if record.levelno >= logging.WARNING else ""
        click.echo(f"{prefix}{_cell(record.getMessage())}", err=True)


def _exit_on_sigterm() -> None:
    """SIGTERM ends a run as Ctrl-C does: temporary files removed, workers stopped."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_published(value, "--published")
    except TimelineError as err:
        raise click.BadParameter(str(err).removeprefix("--published: ")) from None


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _query(since: dt.date | None, until: dt.date | None, actors: tuple[str, ...], kinds: tuple[str, ...]) -> Query:
    if since and until and since > until:
        raise click.BadParameter(
            f"{since.isoformat()} is after --until {until.isoformat()}, so no event could match; "
            f"swap them: --since {until.isoformat()} --until {since.isoformat()}",
            param_hint="'--since'",
        )
    return Query(since, until, actors, kinds)


def _select(timeline: Timeline, query: Query) -> tuple[Timeline, str | None]:
    """The events the filters keep, and what the filters were in words (None: no filter).
    A filter that keeps nothing of a timeline that had events is said on stderr."""
    kept = select(timeline, query)
    if not query:
        return kept, None
    if not kept.events and timeline.events:
        log.warning("no event matches the filters (%s) among %d events; %s", query.describe(), len(timeline.events), hint(timeline, query))
    return kept, f"by {query.describe()}: {len(kept.events)} of {len(timeline.events)} events"


def _cell(value: object) -> str:
    """A value for a terminal table: control characters shown as escapes, not sent raw."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], str(value))


def run_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --engine, --scheduler: how the per-article stages run."""
    for option in reversed(
        [
            click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Processes to use (default: all cores)."),
            click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True, help="Run on this machine, or on a Dask cluster."),
            click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786."),
        ]
    ):
        command = option(command)
    return command


def _run_options(jobs: int | None, engine: str, scheduler: str | None, cache: Path | None) -> RunOptions:
    return RunOptions(jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler, cache=cache)


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """INPUT... and --published, shared by every command that reads articles."""
    command = click.option(
        "--published", metavar="YYYY-MM-DD", callback=_published, help="Publication date for articles whose metadata gives none."
    )(command)
    return click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)(command)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--since, --until, --actor, --kind, shared by the commands that show merged events."""
    for option in reversed(
        [
            click.option("--since", metavar="YYYY-MM-DD", callback=_day, help="Only events that end on or after this day."),
            click.option("--until", metavar="YYYY-MM-DD", callback=_day, help="Only events that start on or before this day."),
            click.option("--actor", "actors", multiple=True, metavar="NAME", help="Only events with this actor (part of a name; repeatable)."),
            click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only events of this kind, e.g. meeting, agreement, ceasefire (repeatable)."),
            click.option("--top", type=click.IntRange(min=1), metavar="N", help=TOP_HELP),
        ]
    ):
        command = option(command)
    return command


def run() -> None:
    """The ``timeline`` command: ``main``, then out at once, with its exit status. By then every
    output is written, synced and renamed, the cache closed and the workers gone; what is
    left is tearing down the pile in memory, millions of objects: a quarter of a second
    after a build of the silver corpus. The standard streams are flushed first. A crash (a
    bug) ends the ordinary way, with its traceback."""
    status = 0
    try:
        main()
    except SystemExit as done:
        if isinstance(done.code, str):  # sys.exit("message"), as Python ends it
            print(done.code, file=sys.stderr)
            status = 1
        else:
            status = done.code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(status)


@click.group(cls=_Group, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="timeline")
@click.option("-q", "--quiet", is_flag=True, help="Print no warnings, progress or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Say what each stage did.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Build one sourced, merged timeline from news reports about a diplomatic process.

    INPUT is a .txt/.md article with front matter, a folder of them (with an
    optional manifest.csv or manifest.json), a .jsonl or .jsonl.gz corpus, or
    - for JSONL on standard input.

    \b
    Example:
      timeline build seeds/ -o output/timeline.html --json output/timeline.json
    """
    ctx.obj = {"quiet": quiet}
    _exit_on_sigterm()
    logger = logging.getLogger("timeline")
    logger.handlers = [h for h in logger.handlers if not isinstance(h, _StderrHandler)] + [_StderrHandler()]
    logger.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("-o", "--output", default="output/timeline.html", show_default=True, metavar="PATH", help="Where to write the page.")
@click.option("--json", "json", metavar="PATH", help=f"Also write {EXPORTS['json'][1]}.")
@click.option("--csv", "csv", metavar="PATH", help=f"Also write {EXPORTS['csv'][1]}.")
@click.option("--mentions-csv", "mentions_csv", metavar="PATH", help=f"Also write {EXPORTS['mentions_csv'][1]}.")
@click.option("--timelinejs", "timelinejs", metavar="PATH", help=f"Also write {EXPORTS['timelinejs'][1]}.")
@click.option("--ics", "ics", metavar="PATH", help=f"Also write {EXPORTS['ics'][1]}.")
@click.option("--markdown", "markdown", metavar="PATH", help=f"Also write {EXPORTS['markdown'][1]}.")
@click.option("--title", default="Timeline", show_default=True, help="The timeline's title.")
@click.option("--cdn", is_flag=True, help="Load plotly.js from the network instead of embedding it (smaller page, needs a connection).")
@click.option("--cache", "cache_path", metavar="PATH", help=f"Cache of per-article results [default: {default_cache_path()}].")
@click.option("--no-cache", is_flag=True, help="Use no cache: redo every article.")
@run_options
@filter_options
@click.pass_context
def build(ctx: click.Context, inputs: tuple[str, ...], published: dt.date | None, output: str, title: str, cdn: bool,
          cache_path: str | None, no_cache: bool, jobs: int | None, engine: str, scheduler: str | None,
          since: dt.date | None, until: dt.date | None, actors: tuple[str, ...], kinds: tuple[str, ...], top: int | None,
          **paths: str | None) -> None:
    """Build the interactive timeline page, and the exports asked for.

    The page opens on the key events (--top N, else one in ten, 15 to 100) with every
    other event one click away; with --top the exports but JSON hold only those N, and
    the JSON always keeps every event with its significance.

    \b
    Example:
      timeline build seeds/ -o output/timeline.html --json output/timeline.json
      timeline build pile.jsonl.gz --top 40 --markdown key-events.md
      timeline build corpus.jsonl.gz --csv events.csv --ics events.ics --since 2016-07-01
      timeline build big.jsonl.gz --jobs 8 --cache ~/.cache/timeline.sqlite
      timeline build big.jsonl.gz --engine dask --scheduler tcp://10.0.0.5:8786
    """
    query = _query(since, until, actors, kinds)
    cache = None if no_cache else Path(cache_path).expanduser() if cache_path else default_cache_path()
    options, articles = _read(inputs, published, title, _run_options(jobs, engine, scheduler, cache))
    check_targets([output, *(p for p in paths.values() if p)], articles, cache)
    with _progress(ctx, articles) as progress:
        timeline, selection = _select(pipeline.build(articles, options, progress), query)
    key = top_events(timeline, top) if top else timeline
    tasks: dict[str, Callable[[], str]] = {
        output: functools.partial(render.to_html, timeline, cdn=cdn, key=top or default_top(len(timeline.events)), selection=selection)
    }
    for name, path in paths.items():
        if path:
            tasks[path] = functools.partial(EXPORTS[name][0], timeline if name == "json" else key)
    with without_cycle_collection():  # the page and the exports: many objects, few cycles (see timeline.memory)
        outputs = compute_all(tasks, options.run.jobs)  # at the same time on spare cores
    write_all(outputs)  # everything rendered first, then all written or none
    if not ctx.obj["quiet"]:
        click.echo(f"{len(timeline.events)} events from {len(articles)} articles → {', '.join(outputs)}", err=True)


@main.command(epilog=EXIT_CODES)
@input_options
@run_options
@filter_options
@click.pass_context
def show(ctx: click.Context, inputs: tuple[str, ...], published: dt.date | None, jobs: int | None, engine: str,
         scheduler: str | None, since: dt.date | None, until: dt.date | None, actors: tuple[str, ...], kinds: tuple[str, ...],
         top: int | None) -> None:
    """Print the merged chronology: a line per event with its date, title and sources.

    \b
    Example:
      timeline show seeds/ --actor Kerry --since 2016-07-01
      timeline show pile.jsonl.gz --top 20
    """
    query = _query(since, until, actors, kinds)
    options, articles = _read(inputs, published, run=_run_options(jobs, engine, scheduler, None))
    with _progress(ctx, articles) as progress:
        timeline, _ = _select(pipeline.build(articles, options, progress), query)
    if top:
        timeline = top_events(timeline, top)
    if not timeline.events:
        return
    width = max(len("date"), *(len(e.when.label) for e in timeline.events))
    click.echo(f"{'date':<{width}}  event [status] (date disagreements)  (sources)")
    for event in timeline.events:
        sources = len({m.article for m in event.mentions})
        status = f" [{event.status}]" if event.status and event.status != "occurred" else ""
        conflict = f" (dates disagree: {', '.join(event.conflicts)})" if event.conflicts else ""
        click.echo(f"{event.when.label:<{width}}  {_cell(event.title)}{status}{conflict}  ({sources} source{'s' if sources != 1 else ''})")


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True, help="Output format.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Processes to use (default: all cores).")
def dates(inputs: tuple[str, ...], published: dt.date | None, fmt: str, jobs: int | None) -> None:
    """List every temporal expression with its resolved TIMEX3 value.

    \b
    Example:
      timeline dates seeds/ --format table
      timeline dates corpus.jsonl > dates.jsonl
    """
    _, articles = _read(inputs, published)
    line = _timex_json if fmt == "jsonl" else _timex_row
    if fmt == "table":
        click.echo("article\tspan\ttext\ttype\tvalue\trule")
    for article, timexes in pipeline.tag(articles, jobs=jobs or default_jobs()):
        if timexes:  # one write per article: per-line echo costs more than the tagging
            click.echo("\n".join(line(article, timex) for timex in timexes))


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True, help="Output format.")
@run_options
@click.pass_context
def events(ctx: click.Context, inputs: tuple[str, ...], published: dt.date | None, fmt: str, jobs: int | None,
           engine: str, scheduler: str | None) -> None:
    """List the dated events of each article, before merging.

    \b
    Example:
      timeline events seeds/003_e032e8336cd8cf9b.txt --format table
    """
    options, articles = _read(inputs, published, run=_run_options(jobs, engine, scheduler, None))
    with _progress(ctx, articles) as progress:
        found = pipeline.extract(articles, progress, options.run)
    if fmt == "table":
        click.echo("article\tid\tvalue\tstatus\tkind\tactors\ttitle")
    for event in found:
        if fmt == "jsonl":
            click.echo(json.dumps({"article": event.mentions[0].article, **export.to_record(event)}, ensure_ascii=False, sort_keys=True))
        else:
            cells = (event.mentions[0].article, event.id, event.when.value, event.status or "-", event.kind or "-",
                     ", ".join(event.actors) or "-", event.title)
            click.echo("\t".join(_cell(c) for c in cells))


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("--article", "article_id", metavar="ID", help="The id of the article to explain (not needed when the input has one article).")
def explain(inputs: tuple[str, ...], published: dt.date | None, article_id: str | None) -> None:
    """Show an article's text with every temporal expression marked and resolved.

    \b
    Example:
      timeline explain seeds/ --article 003_e032e8336cd8cf9b
      timeline explain notes.txt --published 2016-07-14
    """
    _, articles = _read(inputs, published)
    if article_id is None:
        if len(articles) > 1:
            known = ", ".join(_cell(a.id) for a in articles[:10]) + (" …" if len(articles) > 10 else "")
            raise click.UsageError(f"the input has {len(articles)} articles; say which with --article ID (ids: {known})")
        article_id = articles[0].id
    article = next((a for a in articles if a.id == article_id), None)
    if article is None:
        known = ", ".join(a.id for a in articles[:10]) + (" …" if len(articles) > 10 else "")
        raise TimelineError(f'no article with id "{article_id}" in the input; ids are: {known}')
    timexes = next(pipeline.tag([article]))[1]
    click.echo(_cell(f"{article.id} — published {article.published:%a %d %b %Y}" + (f" — {article.source}" if article.source else "")))
    click.echo()
    cursor, marked = 0, []
    for number, timex in enumerate(timexes, start=1):
        marked.append(_text(article.text[cursor : timex.start]))
        marked.append(click.style(f"[{_text(timex.text)}]", bold=True, underline=True) + click.style(f"{number}", fg="cyan"))
        cursor = timex.end
    marked.append(_text(article.text[cursor:]))
    click.echo("".join(marked))
    click.echo()
    for number, timex in enumerate(timexes, start=1):
        anchor = f", anchored at {timex.anchor}" if timex.anchor else ""
        click.echo(f"{number:>3}. {timex.text!r} {timex.start}-{timex.end} → {timex.type} {timex.value} (rule {timex.rule}{anchor})")


def _read(
    inputs: tuple[str, ...], published: dt.date | None, title: str = "Timeline", run: RunOptions = RunOptions()
) -> tuple[pipeline.Options, tuple[Article, ...]]:
    options = pipeline.Options(published=published, title=title, run=run)
    stdin = getattr(sys.stdin, "buffer", None)  # None when the command started with standard input closed
    return options, pipeline.read(inputs, options, stdin=stdin)


@contextmanager
def _progress(ctx: click.Context, articles: tuple[Article, ...]) -> Iterator[pipeline.Progress | None]:
    """A progress bar on stderr for long runs on a terminal; nothing otherwise."""
    quiet = ctx.find_root().obj.get("quiet", False) if ctx.find_root().obj else False
    if quiet or len(articles) < _PROGRESS_MIN_ARTICLES or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=len(articles), label="Reading articles", file=sys.stderr) as bar:
        yield lambda article: bar.update(1)


def _timex_json(article: Article, timex: Timex) -> str:
    record = {
        "article": article.id,
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": timex.type,
        "value": timex.value,
        "rule": timex.rule,
        "anchor": timex.anchor,
    }
    if timex.mod:
        record["mod"] = timex.mod
    return json.dumps(record, ensure_ascii=False)


def _timex_row(article: Article, timex: Timex) -> str:
    return "\t".join(_cell(c) for c in (article.id, f"{timex.start}-{timex.end}", repr(timex.text), timex.type, timex.value, timex.rule))


def _text(text: str) -> str:
    """Article text for the terminal: its lines kept, other control characters escaped."""
    return "\n".join(_cell(line) for line in text.split("\n"))
