"""CSV: one row per event (``to_csv``) or one row per mention (``to_mentions_csv``)."""

from __future__ import annotations

import csv
import io

from timeline.model import Timeline

EVENT_COLUMNS = (
    "id", "start", "end", "value", "granularity", "label", "title", "kind", "cameo", "status",
    "actors", "places", "mentions", "articles", "conflicts",
)
MENTION_COLUMNS = (
    "event_id", "article", "source", "published", "url", "expression", "start", "end", "value",
    "rule", "anchor", "trigger", "sentence",
)
_LIST_SEPARATOR = "; "


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


def _write(columns: tuple[str, ...], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()
