"""Render a finished timeline as one self-contained interactive HTML page.

Needs: Timeline. Adds: nothing; it only reads. The only package that imports plotly.

Every string that comes from an article or its metadata is escaped: Jinja2 autoescapes the
page, the chart's hover text and labels are escaped for plotly.js's HTML dialect
(``figure.py``), and the chart's JSON is embedded with ``<``, ``>`` and ``&`` as ``\\u``
escapes. The same timeline gives the same bytes: no random ids, no clock, sorted keys.
"""

from __future__ import annotations

import dataclasses
import html
import json
from functools import cache
from typing import Any

import jinja2

from timeline.model import Timeline
from timeline.render import views
from timeline.render.figure import NO_VALUE, colour, figure, status_order

__all__ = ["to_html"]


def to_html(timeline: Timeline, cdn: bool = False) -> str:
    """The page as a string. ``cdn``: load plotly.js from the network instead of embedding it."""
    timeline = _with_unique_ids(timeline)
    articles = {a.id: a for a in timeline.articles}
    statuses = status_order(timeline)
    template = _environment().get_template("page.html.j2")
    return template.render(
        timeline=timeline,
        events=[views.event_view(e, articles) for e in timeline.events],
        choices=views.choices(timeline, articles),
        no_value=NO_VALUE,
        legend=[("status unknown" if s == NO_VALUE else s, colour(s, statuses)) for s in statuses],
        date_range=views.date_range(timeline),
        outlets=len({a.source or a.id for a in timeline.articles}),
        figure_json=_script_json(figure(timeline, articles)),
        plotly_script=_plotly_script(cdn),
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


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plotly_script(cdn: bool) -> str:
    from plotly.io._utils import plotly_cdn_url
    from plotly.offline import get_plotlyjs

    if cdn:
        return f'<script src="{html.escape(plotly_cdn_url())}" charset="utf-8"></script>'
    return f'<script type="text/javascript">{get_plotlyjs()}</script>'


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
