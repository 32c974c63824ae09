"""Select the events of a timeline: by date, actor and kind, or its key events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from timeline.model import Event, Timeline


@dataclass(frozen=True)
class Query:
    """Which events to keep. Empty fields keep everything."""

    since: dt.date | None = None  # keep events that end on or after this day
    until: dt.date | None = None  # keep events that start on or before this day
    actors: tuple[str, ...] = ()  # keep events with one of these actors (case-insensitive, part of a name)
    kinds: tuple[str, ...] = ()  # keep events of one of these kinds

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.actors or self.kinds)

    def describe(self) -> str:
        """The filters in words, as the options give them: "kind bogus, actor Kerry, since 2016-07-01"."""
        parts = [f"kind {' or '.join(self.kinds)}"] if self.kinds else []
        parts += [f"actor {' or '.join(self.actors)}"] if self.actors else []
        parts += [f"since {self.since.isoformat()}"] if self.since else []
        parts += [f"until {self.until.isoformat()}"] if self.until else []
        return ", ".join(parts)


def select(timeline: Timeline, query: Query) -> Timeline:
    """The timeline with only the events ``query`` keeps."""
    if not query:
        return timeline
    return replace(timeline, events=tuple(e for e in timeline.events if _keeps(query, e)))


def _keeps(query: Query, event: Event) -> bool:
    if query.since and event.when.end < query.since:
        return False
    if query.until and event.when.start > query.until:
        return False
    if query.kinds and (event.kind or "") not in {k.lower() for k in query.kinds}:
        return False
    if query.actors:
        names = [a.lower() for a in event.actors]
        return any(wanted.lower() in name for wanted in query.actors for name in names)
    return True


def hint(timeline: Timeline, query: Query) -> str:
    """What a filter that kept nothing could have been: the kinds the timeline has, for --kind."""
    if query.kinds:
        kinds = sorted({e.kind for e in timeline.events if e.kind})
        return f"the kinds found are: {', '.join(kinds)}" if kinds else "no event has a kind"
    if query.actors:
        return "--actor matches part of a name, case-insensitive, e.g. --actor kerry"
    return "widen --since/--until"


def top(timeline: Timeline, n: int) -> Timeline:
    """The ``n`` most significant events, in date order (ties: more sources, then earlier)."""
    return replace(timeline, events=tuple(e for e in timeline.events if e.id in key_ids(timeline, n)))


def key_ids(timeline: Timeline, n: int) -> frozenset[str]:
    """The ids of the ``n`` most significant events."""
    order = sorted(
        range(len(timeline.events)),
        key=lambda i: (-(timeline.events[i].significance or 0.0), -len({m.article for m in timeline.events[i].mentions}), i),
    )
    return frozenset(timeline.events[i].id for i in order[:n])


def default_top(count: int) -> int:
    """How many key events a page opens on: one in ten, at least 15, at most 100."""
    return min(count, max(15, count // 10), 100)
