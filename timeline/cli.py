"""The command line: thin click commands over ``timeline.pipeline``.

Exit status: 0 success, 1 bad input (one ``Error: …`` line on stderr), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from timeline import __version__, export, pipeline, render
from timeline.corpus import parse_published
from timeline.errors import TimelineError
from timeline.files import write_atomic
from timeline.model import Article, Timex

EXIT_CODES = """\b
Exit status: 0 success, 1 bad input (the message names the file and
the fix), 2 usage error."""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TimelineError as err:  # bad input: one line on stderr, exit 1, no traceback
            raise click.ClickException(str(err)) from err


class _WarningHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"Warning: {record.getMessage()}", err=True)


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_published(value, "--published")
    except TimelineError as err:
        raise click.BadParameter(str(err).removeprefix("--published: ")) from None


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """INPUT... and --published, shared by every command that reads articles."""
    command = click.option(
        "--published",
        metavar="YYYY-MM-DD",
        callback=_published,
        expose_value=True,
        help="Publication date for articles whose metadata gives none.",
    )(command)
    return click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)(command)


def _read(inputs: tuple[str, ...], published: dt.date | None, title: str = "Timeline") -> tuple[pipeline.Options, tuple[Article, ...]]:
    options = pipeline.Options(published=published, title=title)
    return options, pipeline.read(inputs, options, stdin=sys.stdin.buffer)


@click.group(cls=_Group, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Build one sourced, merged timeline from news reports about a diplomatic process.

    INPUT is a .txt/.md article with front matter, a folder of them (with an
    optional manifest.csv or manifest.json), a .jsonl or .jsonl.gz corpus, or
    - for JSONL on standard input.
    """
    logger = logging.getLogger("timeline")
    if not any(isinstance(h, _WarningHandler) for h in logger.handlers):
        logger.addHandler(_WarningHandler())
    logger.setLevel(logging.WARNING)
    logger.propagate = False


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("-o", "--output", default="output/timeline.html", show_default=True, metavar="PATH", help="Where to write the page.")
@click.option("--json", "json_path", metavar="PATH", help="Also write the merged timeline as JSON (the contract's schema).")
@click.option("--title", default="Timeline", show_default=True, help="The page's title.")
@click.option("--cdn", is_flag=True, help="Load plotly.js from the network instead of embedding it (smaller page, needs a connection).")
def build(inputs: tuple[str, ...], published: dt.date | None, output: str, json_path: str | None, title: str, cdn: bool) -> None:
    """Build the interactive timeline page (and, with --json, its data).

    \b
    Example:
      timeline build seeds/ -o output/timeline.html --json output/timeline.json
    """
    options, articles = _read(inputs, published, title)
    timeline = pipeline.build(articles, options)
    page = render.to_html(timeline, cdn=cdn)
    data = export.to_json(timeline) if json_path else None
    write_atomic(output, page)
    if json_path and data is not None:
        write_atomic(json_path, data)
    click.echo(
        f"{len(timeline.events)} events from {len(articles)} articles → {output}" + (f", {json_path}" if json_path else ""),
        err=True,
    )


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True, help="Output format.")
def dates(inputs: tuple[str, ...], published: dt.date | None, fmt: str) -> None:
    """List every temporal expression with its resolved TIMEX3 value.

    \b
    Example:
      timeline dates seeds/ --format table
      timeline dates corpus.jsonl > dates.jsonl
    """
    _, articles = _read(inputs, published)
    for article, timexes in pipeline.tag(articles):
        for timex in timexes:
            click.echo(_timex_json(article, timex) if fmt == "jsonl" else _timex_row(article, timex))


@main.command(epilog=EXIT_CODES)
@input_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True, help="Output format.")
def events(inputs: tuple[str, ...], published: dt.date | None, fmt: str) -> None:
    """List the dated events of each article, before merging.

    \b
    Example:
      timeline events seeds/003_e032e8336cd8cf9b.txt --format table
    """
    _, articles = _read(inputs, published)
    for event in pipeline.extract(articles):
        if fmt == "jsonl":
            click.echo(json.dumps(export.to_record(event), ensure_ascii=False, sort_keys=True))
        else:
            mention = event.mentions[0]
            actors = ", ".join(event.actors) or "-"
            click.echo(
                f"{mention.article}\t{event.when.value}\t{event.status or '-'}\t{event.kind or '-'}\t{actors}\t{event.title}"
            )


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
    return f"{article.id}\t{timex.start}-{timex.end}\t{timex.text!r}\t{timex.type}\t{timex.value}\t{timex.rule}"
