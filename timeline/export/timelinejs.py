"""TimelineJS3 JSON: each event with only the date parts that are known.

TimelineJS renders ``text``, ``headline`` and ``display_date`` as HTML, so every string
placed there is escaped here, and a link is written only for an http(s) URL. Each quoted
sentence is cited by outlet, publication date and link.
"""

from __future__ import annotations

import html
import json
from typing import Any

from timeline.export.sources import Source, clean, quotes, unique_ids
from timeline.model import Article, Event, Timeline

_PARTS = {"day": ("year", "month", "day"), "week": ("year", "month", "day"), "month": ("year", "month")}


def to_timelinejs(timeline: Timeline) -> str:
    """The timeline as a TimelineJS3 document (``{"title": ..., "events": [...]}``)."""
    articles = {a.id: a for a in timeline.articles}
    document = {
        "title": {"text": {"headline": _html(timeline.title), "text": f"{len(timeline.events)} events"}},
        "events": [_slide(e, uid, articles) for e, uid in zip(timeline.events, unique_ids(timeline.events), strict=True)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _slide(event: Event, uid: str, articles: dict[str, Article]) -> dict[str, Any]:
    parts = _PARTS.get(event.when.granularity, ("year",))
    slide: dict[str, Any] = {
        "unique_id": f"event-{uid}",  # the page's permalink id too: TimelineJS needs it unique
        "start_date": _date(event.when.start, parts),
        "display_date": _html(event.when.label),
        "text": {"headline": _html(event.title), "text": _body(event, articles)},
        "group": _html(event.kind or "unclassified"),
    }
    if event.when.end != event.when.start:
        slide["end_date"] = _date(event.when.end, parts)
    return slide


def _date(day: Any, parts: tuple[str, ...]) -> dict[str, str]:
    return {part: str(getattr(day, part)) for part in parts}


def _body(event: Event, articles: dict[str, Article]) -> str:
    facts = [f"Status: {event.status or 'unknown'}"]
    if event.actors:
        facts.append("Actors: " + ", ".join(event.actors))
    if event.conflicts:
        facts.append("Reports disagree on the date: " + ", ".join(event.conflicts))
    quoted = "".join(
        f"<blockquote>{_html(sentence)} <cite>{'; '.join(_cite(s) for s in sources)}</cite></blockquote>"
        for sentence, sources in quotes(event, articles)
    )
    return "<p>" + _html(". ".join(facts)) + "</p>" + quoted


def _cite(source: Source) -> str:
    text = _html(", ".join(source.parts()))
    if source.url:
        return f'{text}, <a href="{html.escape(source.url, quote=True)}">{html.escape(source.url)}</a>'
    return text


def _html(text: str) -> str:
    return html.escape(clean(text), quote=True)
