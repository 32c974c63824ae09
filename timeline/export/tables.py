"""CSV: one row per event (``to_csv``) or one row per mention (``to_mentions_csv``).

Written for spreadsheets as much as for scripts (RFC 4180, as Excel reads it):

- UTF-8 with a byte-order mark, so Excel does not read "Russia’s" as "Russiaâ€™s";
  rows end in CRLF, and a field holding a quote, comma, CR or LF is quoted, so a line
  break inside a sentence never splits a row.
- A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR is prefixed with
  ``'`` (OWASP's advice on CSV injection), so a spreadsheet never runs it as a formula.
- A cell of an id or code column (``id``, ``event_id``, ``article``, ``articles``,
  ``cameo``, ``value``) that Excel would turn into a number, a date or a time (the id
  566971764e62, the CAMEO code 04, the value 2016-02) is written as the text formula
  ``="04"``, which spreadsheets show as the text 04. Scripts should strip that ``="…"``
  (``text_cell`` does), or read the JSON export.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from timeline.model import Timeline

EVENT_COLUMNS = (
    "id", "start", "end", "value", "granularity", "label", "title", "kind", "cameo", "status",
    "actors", "places", "mentions", "articles", "conflicts",
)
MENTION_COLUMNS = (
    "event_id", "article", "source", "published", "url", "expression", "start", "end", "value",
    "rule", "anchor", "trigger", "sentence",
)
TEXT_COLUMNS = frozenset({"id", "event_id", "article", "articles", "cameo", "value"})
_LIST_SEPARATOR = "; "
_BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What Excel reads as a number (04, 1e5, 566971764e62, 1,000, 5%), a date (2016-02, 1/2,
# 2016.02.03) or a time (10:30) when it opens a CSV file.
_EXCEL_CONVERTS = re.compile(
    r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?"
    r"|\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)
_TEXT_FORMULA = re.compile(r'="([^"]*)"')


def to_csv(timeline: Timeline) -> str:
    """One row per merged event; lists (actors, places, articles) joined with '; '."""
    rows = []
    for e in timeline.events:
        articles = sorted({m.article for m in e.mentions})
        rows.append(
            (
                e.id, e.when.start.isoformat(), e.when.end.isoformat(), e.when.value, e.when.granularity, e.when.label,
                e.title, e.kind or "", e.cameo or "", e.status or "", _LIST_SEPARATOR.join(e.actors),
                _LIST_SEPARATOR.join(e.places), len(e.mentions), _LIST_SEPARATOR.join(articles),
                _LIST_SEPARATOR.join(e.conflicts),
            )
        )
    return _write(EVENT_COLUMNS, rows)


def to_mentions_csv(timeline: Timeline) -> str:
    """One row per mention, with its event's id and its article's metadata."""
    articles = {a.id: a for a in timeline.articles}
    rows = []
    for e in timeline.events:
        for m in e.mentions:
            a = articles.get(m.article)
            rows.append(
                (
                    e.id, m.article, (a.source or "") if a else "", a.published.isoformat() if a else "",
                    (a.url or "") if a else "", m.expression, m.start, m.end, m.value, m.rule, m.anchor or "",
                    m.trigger or "", m.sentence,
                )
            )
    return _write(MENTION_COLUMNS, rows)


def text_cell(cell: str) -> str:
    """A cell as the exporter was given it: ``="04"`` → ``04``; ``'=x`` stays as it is
    (the apostrophe cannot be told from one the text had)."""
    match = _TEXT_FORMULA.fullmatch(cell)
    return match[1] if match else cell


def _write(columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # CR and LF are in the terminator, so fields holding either are quoted
    writer.writerow(columns)
    textual = [name in TEXT_COLUMNS for name in columns]
    writer.writerows([_cell(value, text) for value, text in zip(row, textual, strict=True)] for row in rows)
    return _BOM + buffer.getvalue()


def _cell(value: object, text_column: bool) -> object:
    if not isinstance(value, str):
        return value  # our own numbers: counts and offsets
    if value.startswith(_FORMULA_START):
        return "'" + value
    if text_column and _EXCEL_CONVERTS.fullmatch(value):
        return f'="{value}"'
    return value
