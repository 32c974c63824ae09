"""The chart's data: one record per event, its lanes in each view, and the plotly layout.

The page's script turns these records into plotly traces (points for day-precise events,
bars over the interval for coarser ones) so that it can switch lanes and filter without a
round trip; everything it draws is computed and escaped here.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from timeline.model import Article, Event, Timeline

NO_VALUE = "__none__"  # the filter key of an event with no kind, status or actor
MAX_LANES = 30  # past this, the least busy lanes of a view share one "other" lane
_DAY_MS = 86_400_000
_LABEL = 28  # characters of a lane label on a wide screen
_SHORT_LABEL = 12  # ... and on a phone

# Colours by status; statuses not listed here take the palette in sorted order.
_STATUS_COLOURS = {
    "occurred": "#2f5fb3",
    "ongoing": "#1f9bbf",
    "scheduled": "#1b9e77",
    "proposed": "#d95f02",
    "conditional": "#7570b3",
    "denied": "#c0392b",
    "reported": "#a6761d",
    NO_VALUE: "#6b7280",
}
_PALETTE = ("#e7298a", "#66a61e", "#8c564b", "#bcbd22", "#17becf", "#9467bd")
_SPAN_OPACITY = {"day": 0.6, "week": 0.6, "month": 0.5, "quarter": 0.4, "season": 0.4}  # coarser: fainter


def figure(timeline: Timeline, articles: dict[str, Article], keys: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The JSON-ready data of the chart: events, lanes per view, statuses, layout, config.
    ``keys``: the ids of the key events, which the page opens on."""
    events = timeline.events
    views: dict[str, Callable[[Event], Iterable[str]]] = {
        "kind": lambda e: [e.kind or NO_VALUE],
        "actor": lambda e: e.actors or [NO_VALUE],
        "source": lambda e: sorted({m.article for m in e.mentions}),
    }
    empty = {"kind": "unclassified", "actor": "no actor", "source": "unknown article"}
    lanes: dict[str, dict[str, Any]] = {}
    placed: dict[str, dict[str, list[int]]] = {}
    for view, keys_of in views.items():
        order = _lane_order(view, events, keys_of, articles)
        names = [_lane_name(view, key, articles, empty[view]) for key in order]
        lanes[view] = {
            "labels": [_plotly_text(name, _LABEL) for name in names],
            "short": [_plotly_text(name, _SHORT_LABEL) for name in names],
        }
        position = {key: i for i, key in enumerate(order)}
        placed[view] = {e.id: _positions(keys_of(e), position) for e in events}
    statuses = status_order(timeline)
    return {
        "events": [_record(e, articles, {v: placed[v][e.id] for v in views}, e.id in keys) for e in events],
        "lanes": lanes,
        "statuses": [
            {"key": s, "label": _plotly_text("status unknown" if s == NO_VALUE else s, 40), "colour": colour(s, statuses)}
            for s in statuses
        ],
        "layout": _layout(timeline),
        "config": {
            "responsive": True,
            "displaylogo": False,
            "scrollZoom": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        },
    }


def status_order(timeline: Timeline) -> list[str]:
    """The statuses of the timeline's events, "unknown" last."""
    return sorted({e.status or NO_VALUE for e in timeline.events}, key=lambda s: (s == NO_VALUE, s))


def colour(status: str, statuses: list[str]) -> str:
    """The colour of a status's markers and bars."""
    if status in _STATUS_COLOURS:
        return _STATUS_COLOURS[status]
    others = [s for s in statuses if s not in _STATUS_COLOURS]
    return _PALETTE[others.index(status) % len(_PALETTE)]


_OTHER = "\x00other"  # the lane key of the least busy keys once a view has too many


def _lane_order(
    view: str, events: tuple[Event, ...], keys_of: Callable[[Event], Iterable[str]], articles: dict[str, Article]
) -> list[str]:
    """Lane keys, top to bottom: articles by date, kinds by name, actors busiest first."""
    counts = Counter(key for e in events for key in keys_of(e))

    def place(key: str) -> tuple:
        if view == "source":
            return (articles[key].published if key in articles else dt.date.max, key)
        return (key == NO_VALUE, 0 if view == "kind" else -counts[key], key)

    order = sorted(counts, key=place)
    if len(order) > MAX_LANES:  # keep the busiest lanes, in the view's order, and pool the rest
        busiest = set(sorted(counts, key=lambda k: (-counts[k], k))[: MAX_LANES - 1])
        order = [k for k in order if k in busiest] + [_OTHER]
    return order


def _positions(keys: Iterable[str], position: dict[str, int]) -> list[int]:
    """The lanes an event is drawn in; a key without a lane of its own goes to "other"."""
    return sorted({position.get(key, position.get(_OTHER, 0)) for key in keys})


def _lane_name(view: str, key: str, articles: dict[str, Article], empty: str) -> str:
    if key == _OTHER:
        return {"kind": "other kinds", "actor": "other actors", "source": "other articles"}[view]
    if key == NO_VALUE:
        return empty
    if view == "source":
        article = articles.get(key)
        if article is None:
            return key
        outlet = article.source or article.id
        return f"{article.published.isoformat()} {outlet}"  # the date first: it survives a cut
    return key


def _record(event: Event, articles: dict[str, Article], lanes: dict[str, list[int]], key: bool) -> dict[str, Any]:
    """What the page needs of one event to draw and filter it."""
    when = event.when
    sources = len({m.article for m in event.mentions})
    record: dict[str, Any] = {
        "id": event.id,
        "start": when.start.isoformat(),
        "size": round(min(34.0, 9 + 6 * math.sqrt(sources - 1)), 1) if sources else 9,
        "hover": _hover(event, sources),
        "lanes": lanes,
        "kind": event.kind or NO_VALUE,
        "status": event.status or NO_VALUE,
        "actors": list(event.actors) or [NO_VALUE],
        "outlets": sorted({outlet(articles.get(m.article), m.article) for m in event.mentions}),
        "key": key,
    }
    if when.granularity != "day" or when.end != when.start:
        # a span: plotly bars take a base and a length in milliseconds; end is inclusive
        record["end"] = (when.end + dt.timedelta(days=1)).isoformat()
        record["ms"] = ((when.end - when.start).days + 1) * _DAY_MS
        record["opacity"] = _SPAN_OPACITY.get(when.granularity, 0.3)  # the vaguer, the fainter
    return record


def outlet(article: Article | None, article_id: str) -> str:
    """The name a reader knows an article's source by: its outlet, else its id."""
    if article is None:
        return article_id
    return article.source or article.id


def _hover(event: Event, sources: int) -> str:
    """Hover text in plotly's HTML dialect: every article string escaped."""
    lines = [f"<b>{_plotly_text(event.title, 90)}</b>", _plotly_text(event.when.label, 60)]
    if event.actors:
        lines.append(_plotly_text(", ".join(event.actors), 90))
    facts = [f"{sources} source{'' if sources == 1 else 's'}"]
    if event.status:
        facts.insert(0, _plotly_text(event.status, 30))
    if event.conflicts:
        facts.append("dates disagree")
    lines.append(" · ".join(facts))
    return "<br>".join(lines)


def _plotly_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, then escaped for plotly.js's HTML dialect."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return html.escape(text, quote=False)  # no tag can open; quotes are harmless outside tags


def _layout(timeline: Timeline) -> dict[str, Any]:
    """The layout the script starts from; it sets the lanes' ticks, range and height."""
    layout: dict[str, Any] = {
        "margin": {"l": 10, "r": 16, "t": 34, "b": 8},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "barmode": "overlay",
        "dragmode": "zoom",
        "uirevision": "timeline",
        "showlegend": False,  # the page has its own legend of statuses, above the chart
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        "xaxis": {
            "type": "date",
            "gridcolor": "#eef0f4",
            "rangeslider": {"visible": True, "thickness": 0.07},
            "rangeselector": {
                "buttons": [
                    {"count": 7, "label": "1w", "step": "day", "stepmode": "backward"},
                    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                    {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                    {"label": "all", "step": "all"},
                ],
                "x": 0,
                "xanchor": "left",
                "y": 1.01,
                "yanchor": "bottom",
            },
        },
        "yaxis": {"zeroline": False, "gridcolor": "#eef0f4", "automargin": True, "fixedrange": True},
    }
    if timeline.events:
        layout["xaxis"]["rangeslider"]["range"] = _padded(
            min(e.when.start for e in timeline.events), max(e.when.end for e in timeline.events)
        )
        layout["xaxis"]["range"] = _opening_range(timeline)
    return layout


_WIDE = dt.timedelta(days=3 * 365)


def _opening_range(timeline: Timeline) -> list[str]:
    """Where the chart opens: everything, unless a few far-off dates ("2,000 years ago",
    "the 1960s") would squeeze the rest into a sliver; then the middle 90% of the events
    dated to the day or week. The slider and the "all" button still reach every event."""
    first = min(e.when.start for e in timeline.events)
    last = max(e.when.end for e in timeline.events)
    if last - first <= _WIDE:
        return _padded(first, last)
    fine = [e for e in timeline.events if e.when.granularity in ("day", "week")] or list(timeline.events)
    starts = sorted(e.when.start for e in fine)
    ends = sorted(e.when.end for e in fine)
    cut = len(starts) // 20
    return _padded(starts[cut], ends[len(ends) - 1 - cut])


def _padded(first: dt.date, last: dt.date) -> list[str]:
    """``[first, last]`` widened by a thirtieth (at least 3 days), within the calendar."""
    last = last + dt.timedelta(days=1) if last < dt.date.max else last
    pad = dt.timedelta(days=max(3, (last - first).days // 30))
    low = first - pad if first - dt.date.min > pad else dt.date.min
    high = last + pad if dt.date.max - last > pad else dt.date.max
    return [low.isoformat(), high.isoformat()]
