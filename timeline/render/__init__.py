"""Render a finished timeline as one self-contained interactive HTML page.

Needs: Timeline. Adds: nothing; it only reads. The only package that imports plotly.

Every string that comes from an article or its metadata is escaped: Jinja2 autoescapes the
page, the chart's labels are escaped for plotly.js's HTML dialect (``figure.py``; the script
sets its hover as text), and the page's data is one JSON island, embedded with
``<``, ``>`` and ``&`` as ``\\u`` escapes so that no ``</script>`` or ``<!--`` in an article can
end it. The script sets article strings as text, never as HTML. The same timeline gives the same bytes: no random ids, no clock, sorted keys.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2

from timeline.model import Timeline
from timeline.query import key_ids
from timeline.render import views
from timeline.render.figure import NO_VALUE, colour, figure, status_order

__all__ = ["to_html"]


def to_html(timeline: Timeline, cdn: bool = False, key: int | None = None, selection: str | None = None) -> str:
    """The page as a string. ``cdn``: load plotly.js from the network instead of embedding it.
    ``key``: how many of the most significant events the page opens on (default: all).
    ``selection``: what the events were filtered by, said in the header."""
    timeline = _with_unique_ids(timeline)
    articles = {a.id: a for a in timeline.articles}
    keys = key_ids(timeline, key if key is not None else len(timeline.events))
    ranks = {e.id: place for place, e in enumerate(sorted(timeline.events, key=lambda e: -(e.significance or 0.0)), start=1)}
    statuses = status_order(timeline)
    views_ = [views.event_view(e, articles, e.id in keys, ranks[e.id]) for e in timeline.events]
    data = figure(timeline, articles, keys)
    listed = views.page_events(views_, articles)
    for record, detail in zip(data["events"], listed.pop("details"), strict=True):
        record.update(detail)
    data.update(listed)
    data["fields"], data["events"] = _columns(data["events"])
    page_js = _environment().get_template("page.js.j2").render()
    plotly_js = None if cdn else _plotly_js()
    return _environment().get_template("page.html.j2").render(
        timeline=timeline,
        selection=selection,
        count=len(timeline.events),
        events=[v for v in views_ if v.key],  # in the page as HTML too: they show before the script runs, and without it
        key_count=len(keys),
        choices=views.choices(timeline, articles),
        no_value=NO_VALUE,
        legend=[("status unknown" if s == NO_VALUE else s, colour(s, statuses)) for s in statuses],
        date_range=views.date_range(timeline),
        outlets=len({a.source or a.id for a in timeline.articles}),
        page_json=_script_json(data),
        plotly_js=plotly_js,
        plotly_url=_plotly_url() if cdn else None,
        page_js=page_js,
        csp=_policy([page_js] if cdn else [plotly_js, page_js], _plotly_url() if cdn else None),
    )


def _policy(scripts: list[Any], source: str | None) -> str:
    """A Content-Security-Policy that runs only the page's own scripts and fetches nothing.

    Scripts are allowed by their SHA-256, so a script or an ``onerror=`` that slipped into
    the page would not run; plotly.js needs inline styles. No ``'unsafe-eval'``: it was there
    for plotly's WebGL traces (regl builds its draw calls with ``Function``), and the page now
    paints its events on a 2D canvas (the browser tests fail on any policy violation).
    """
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    origin = f" {urlsplit(source).scheme}://{urlsplit(source).netloc}" if source else ""
    return (
        f"default-src 'none'; script-src {hashes}{origin}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _with_unique_ids(timeline: Timeline) -> Timeline:
    """Permalinks need one id per event: a missing or repeated id becomes its position, ``n7``."""
    seen: set[str] = set()
    events = []
    for i, event in enumerate(timeline.events):
        if not event.id or event.id in seen:
            event = dataclasses.replace(event, id=f"n{i}")
        seen.add(event.id)
        events.append(event)
    return dataclasses.replace(timeline, events=tuple(events))


def _columns(records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The events as rows of values under one list of field names, not as objects that repeat
    every name (a sixth of the page's data on 10,000 events); a field an event lacks is null,
    and trailing nulls are left out. The script makes the objects again."""
    fields = sorted({key for record in records for key in record})
    rows = []
    for record in records:
        row = [record.get(key) for key in fields]
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return fields, rows


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _plotly_url() -> str:
    from plotly.io._utils import plotly_cdn_url

    return plotly_cdn_url()


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
