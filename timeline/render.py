"""Render a finished timeline as one self-contained interactive HTML page.

Needs: Timeline. Adds: nothing; it only reads. The only module that imports plotly.

Every string that comes from an article or its metadata is escaped: Jinja2 autoescapes the
page, plotly hover text gets ``html.escape`` (plotly.js renders a small HTML dialect), and
the figure's JSON is embedded with ``<``, ``>`` and ``&`` as ``\\u`` escapes.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlparse

import jinja2

from timeline.model import Article, Event, Mention, Timeline

_DEFAULT_LANE = "event"


@dataclass(frozen=True)
class _Piece:
    text: str
    marked: bool


def to_html(timeline: Timeline, cdn: bool = False) -> str:
    """The page as a string. ``cdn``: load plotly.js from the network instead of embedding it."""
    articles = {a.id: a for a in timeline.articles}
    template = _environment().get_template("page.html.j2")
    return template.render(
        timeline=timeline,
        events=[_event_view(e, articles) for e in timeline.events],
        date_range=_date_range(timeline),
        figure_json=_script_json(_figure(timeline)),
        plotly_script=_plotly_script(cdn),
    )


def _figure(timeline: Timeline) -> dict[str, Any]:
    """Plotly traces: points for day-precise events, bars over the interval for coarser ones."""
    lanes = sorted({e.kind or _DEFAULT_LANE for e in timeline.events})
    traces = []
    for lane in lanes:
        events = [e for e in timeline.events if (e.kind or _DEFAULT_LANE) == lane]
        days = [e for e in events if e.when.granularity == "day"]
        spans = [e for e in events if e.when.granularity != "day"]
        if days:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": lane,
                    "x": [e.when.start.isoformat() for e in days],
                    "y": [lane] * len(days),
                    "marker": {"size": [8 + 4 * min(len(e.mentions), 5) for e in days]},
                    "customdata": [e.id for e in days],
                    "hovertext": [_hover(e) for e in days],
                    "hoverinfo": "text",
                }
            )
        for event in spans:  # one short line per coarse event, over the days it covers
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": lane,
                    "showlegend": False,
                    "x": [event.when.start.isoformat(), event.when.end.isoformat()],
                    "y": [lane, lane],
                    "line": {"width": 10},
                    "opacity": 0.45,
                    "customdata": [event.id, event.id],
                    "hovertext": [_hover(event)] * 2,
                    "hoverinfo": "text",
                }
            )
    layout = {
        "margin": {"l": 110, "r": 20, "t": 10, "b": 40},
        "height": 180 + 40 * len(lanes),
        "hovermode": "closest",
        "xaxis": {"type": "date", "rangeslider": {"visible": True}},
        "yaxis": {"type": "category", "fixedrange": True},
        "showlegend": False,
    }
    return {"data": traces, "layout": layout, "config": {"responsive": True, "displaylogo": False}}


def _hover(event: Event) -> str:
    sources = len({m.article for m in event.mentions})
    return (
        f"<b>{html.escape(event.title)}</b><br>{html.escape(event.when.label)}"
        f"<br>{sources} source{'s' if sources != 1 else ''}"
    )


def _event_view(event: Event, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "event": event,
        "mentions": [_mention_view(m, articles.get(m.article)) for m in event.mentions],
    }


def _mention_view(mention: Mention, article: Article | None) -> dict[str, Any]:
    offset = mention.start - mention.sentence_start
    length = mention.end - mention.start
    pieces = [
        _Piece(mention.sentence[:offset], False),
        _Piece(mention.sentence[offset : offset + length], True),
        _Piece(mention.sentence[offset + length :], False),
    ]
    return {
        "mention": mention,
        "pieces": pieces,
        "outlet": (article.source if article and article.source else mention.article),
        "published": article.published.isoformat() if article else "",
        "url": _safe_url(article.url if article else None),
    }


def _safe_url(url: str | None) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _date_range(timeline: Timeline) -> str:
    if not timeline.events:
        return "no dated events"
    first = min(e.when.start for e in timeline.events)
    last = max(e.when.end for e in timeline.events)
    return f"{first:%d %b %Y} – {last:%d %b %Y}"


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
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
