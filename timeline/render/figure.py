"""The chart's data: one record per event, its lanes in each view, and the plotly layout.

The page's script places these records (points for day-precise events, bars over the
interval for coarser ones) and paints them on a canvas over plotly's axes, so that it can
switch lanes and filter without a round trip. The strings plotly draws as its HTML dialect
are escaped here (lane labels, the key events' labels); the script sets its hover as text.
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
            # toImage: plotly's PNG would have the axes and labels but not the events, which the
            # page paints on a canvas of its own
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
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
        "size": _number(round(min(16.0, 8 + 3 * math.sqrt(sources - 1)), 1)) if sources else 8,

        "lanes": lanes,
        "kind": event.kind or NO_VALUE,
        "status": event.status or NO_VALUE,
        "actors": list(event.actors) or [NO_VALUE],
    }  # the number of sources and their outlets the script counts from the mentions
    if key:  # drawn on the chart as a label: the date and the headline
        record["key"] = True
        record["label"] = _plotly_text(f"{_short_date(event)} · {event.title}", 44)
    if when.granularity != "day" or when.end != when.start:
        # a span: drawn from its first day to the day after its last
        record["end"] = (when.end + dt.timedelta(days=1)).isoformat()
        record["opacity"] = _SPAN_OPACITY.get(when.granularity, 0.3)  # the vaguer, the fainter
    return record


def _number(x: float) -> float | int:
    """``8`` for ``8.0``: two bytes less, ten thousand times."""
    return int(x) if x == int(x) else x


def outlet(article: Article | None, article_id: str) -> str:
    """The name a reader knows an article's source by: its outlet, else its id."""
    if article is None:
        return article_id
    return article.source or article.id


def _plotly_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, then escaped for plotly.js's HTML dialect."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return html.escape(text, quote=False)  # no tag can open; quotes are harmless outside tags


def _short_date(event: Event) -> str:
    """The date of a chart label: "14 Jul 2016", "Jul 2016", "2016", the week's Monday."""
    when = event.when
    if when.granularity in ("day", "week"):
        return f"{when.start.day} {when.start:%b} {when.start.year}"
    if when.granularity == "month":
        return f"{when.start:%b} {when.start.year}"
    return when.label


def _layout(timeline: Timeline) -> dict[str, Any]:
    """The layout the script starts from; it sets the lanes' ticks, the range, the labels and
    the height. The page has its own range buttons (they count back from the last event)."""
    layout: dict[str, Any] = {
        "margin": {"l": 10, "r": 16, "t": 8, "b": 34},  # the script sets the left margin from the lanes' labels
        "hovermode": False,  # the page paints the events and shows their hover itself
        "barmode": "overlay",
        "dragmode": "zoom",
        "showlegend": False,  # the page has its own legend of statuses, above the chart
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        # ticklabeloverflow "allow": else plotly measures every tick label again for each one it
        # places (a square of getBBox calls, ~20 ms of each redraw with 30 lanes)
        "xaxis": {"type": "date", "gridcolor": "#eef0f4", "automargin": False, "ticklabeloverflow": "allow"},
        "yaxis": {"zeroline": False, "showgrid": False, "automargin": False, "fixedrange": True, "ticklabeloverflow": "allow"},
    }
    if timeline.events:
        first, last = fit(timeline.events)
        layout["xaxis"]["range"] = _padded(first, last)
    return layout


_FAR = 0.25  # past the middle of the dates, a date is "far off" beyond a quarter of its width
_TRIM = 200  # from this many events the middle 90% of the dates is the core, below it the middle 96%
_STRAY = dt.timedelta(days=366)  # a date at either end is stray only if more than a year from the next


def fit(events: Iterable[Event]) -> tuple[dt.date, dt.date]:
    """The days that cover where the events are, less a few stray dates far off ("2,000 years
    ago", a plan for 2039): the middle 90% of the dates (96% below 200 events), less any date
    at either end whose gap to the next is wider than all the rest and than a year (so one
    stray date among forty goes too, but not a search's one event two months on), widened to every date within a quarter of that width. An event known only to the month, year or decade
    counts by its first day, so that one "2016" does not stretch the view to 31 December.
    The page's script computes the same for what a search or filter leaves (``fitted``)."""
    events = list(events)
    starts = sorted(e.when.start for e in events)
    ends = sorted(_last(e) for e in events)
    n = len(starts)
    cut = n // 20 if n >= _TRIM else n // 50
    low, high = cut, n - 1 - cut
    for _ in range(max(1, n // 10)):  # a stray date at either end, however few the events
        if low < high and starts[low + 1] - starts[low] > max(_STRAY, ends[high] - starts[low + 1]):
            low += 1
        elif low < high and ends[high] - ends[high - 1] > max(_STRAY, ends[high - 1] - starts[low]):
            high -= 1
        else:
            break
    first_core, last_core = starts[low], ends[high]
    slack = dt.timedelta(days=max(30.0, (last_core - first_core).days * _FAR))
    first = min(s for s in starts if s >= _minus(first_core, slack))
    last = max(e for e in ends if e <= _plus(last_core, slack))
    return first, last


def _last(event: Event) -> dt.date:
    """The last day an event counts for when fitting the view."""
    return event.when.end if event.when.granularity in ("day", "week") else event.when.start


def _minus(day: dt.date, delta: dt.timedelta) -> dt.date:
    return day - delta if day - dt.date.min > delta else dt.date.min


def _plus(day: dt.date, delta: dt.timedelta) -> dt.date:
    return day + delta if dt.date.max - day > delta else dt.date.max


def _padded(first: dt.date, last: dt.date) -> list[str]:
    """``[first, last]`` widened by a thirtieth (at least 3 days), within the calendar."""
    last = last + dt.timedelta(days=1) if last < dt.date.max else last
    pad = dt.timedelta(days=max(3, (last - first).days // 30))
    return [_minus(first, pad).isoformat(), _plus(last, pad).isoformat()]
