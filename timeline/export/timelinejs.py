"""TimelineJS3 JSON: each event with only the date parts that are known.

TimelineJS renders ``text`` as HTML, so every article string is escaped here.
"""

from __future__ import annotations

import html
import json
from typing import Any

from timeline.model import Event, Timeline

_PARTS = {"day": ("year", "month", "day"), "week": ("year", "month", "day"), "month": ("year", "month")}


def to_timelinejs(timeline: Timeline) -> str:
    """The timeline as a TimelineJS3 document (``{"title": ..., "events": [...]}``)."""
    document = {
        "title": {"text": {"headline": html.escape(timeline.title), "text": f"{len(timeline.events)} events"}},
        "events": [_slide(e) for e in timeline.events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _slide(event: Event) -> dict[str, Any]:
    parts = _PARTS.get(event.when.granularity, ("year",))
    slide: dict[str, Any] = {
        "unique_id": f"event-{event.id}",
        "start_date": _date(event.when.start, parts),
        "display_date": event.when.label,
        "text": {"headline": html.escape(event.title), "text": _body(event)},
        "group": event.kind or "unclassified",
    }
    if event.when.end != event.when.start:
        slide["end_date"] = _date(event.when.end, parts)
    return slide


def _date(day: Any, parts: tuple[str, ...]) -> dict[str, str]:
    return {part: str(getattr(day, part)) for part in parts}


def _body(event: Event) -> str:
    facts = [f"Status: {event.status or 'unknown'}"]
    if event.actors:
        facts.append("Actors: " + ", ".join(event.actors))
    if event.conflicts:
        facts.append("Reports disagree on the date: " + ", ".join(event.conflicts))
    quotes = "".join(f"<blockquote>{html.escape(m.sentence)} <cite>({html.escape(m.article)})</cite></blockquote>" for m in event.mentions)
    return "<p>" + html.escape(". ".join(facts)) + "</p>" + quotes
