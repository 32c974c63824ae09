"""Merge the events of all articles into one timeline entry per real-world event.

Needs: Event (one mention each), Article. Adds: Timeline with merged events, stable ids.

This first version merges only mentions that state the same thing on the same date (the
same sentence repeated by several outlets); the similarity-based merge is issue 5.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from timeline.model import Article, Event, Timeline


def merge(events: Iterable[Event], articles: tuple[Article, ...] = (), title: str = "Timeline") -> Timeline:
    """One entry per (date, statement); events sorted by start, end, then title; ids stable."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        key = (event.when.value, _normalize(event.mentions[0].sentence))
        groups.setdefault(key, []).append(event)
    merged = [_combine(group) for group in groups.values()]
    merged.sort(key=lambda e: (e.when.start, e.when.end, e.title, e.id))
    return Timeline(articles=articles, events=tuple(merged), title=title)


def _combine(group: list[Event]) -> Event:
    mentions = tuple(sorted((m for e in group for m in e.mentions), key=lambda m: (m.article, m.start)))
    first = min(group, key=lambda e: (e.mentions[0].article, e.mentions[0].start))
    return Event(
        id=_event_id(mentions),
        when=first.when,
        title=first.title,
        mentions=mentions,
        kind=first.kind,
        status=first.status,
        actors=tuple(sorted({a for e in group for a in e.actors})),
        places=tuple(sorted({p for e in group for p in e.places})),
    )


def _event_id(mentions: tuple) -> str:
    """A short hash of where the event is reported: the same input gives the same id."""
    key = "\n".join(f"{m.article}\t{m.start}\t{m.end}" for m in mentions)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _normalize(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()
