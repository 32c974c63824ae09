"""What the page's template shows of each event and mention, and the choices of its filters.

Plain data only: the template escapes every string it writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

from timeline.model import Article, Event, Mention, Timeline
from timeline.render.figure import NO_VALUE, outlet
from timeline.significance import SAME_DATE_DECAY


@dataclass(frozen=True)
class Piece:
    """A run of a sentence; ``marked`` runs are the date expression."""

    text: str
    marked: bool


@dataclass(frozen=True)
class MentionView:
    mention: Mention
    pieces: tuple[Piece, ...]
    outlet: str
    published: str
    article_title: str | None
    url: str | None
    disagrees: bool  # its date is one of the event's conflicting dates


@dataclass(frozen=True)
class EventView:
    event: Event
    mentions: tuple[MentionView, ...]
    sources: int
    outlets: tuple[str, ...]
    actors: tuple[str, ...]  # with the role the text gives them: "John Kerry (Secretary of State)"
    key: bool  # one of the key events the page opens on
    rank: int  # 1 for the most significant event of the timeline
    why: str  # the evidence behind its significance, in words


@dataclass(frozen=True)
class Choice:
    """One option of a filter: the value the script compares, the label shown, how many events."""

    value: str
    label: str
    count: int


def event_view(event: Event, articles: dict[str, Article], key: bool = True, rank: int = 1) -> EventView:
    """What the list and the details panel show of one event."""
    mentions = tuple(_mention_view(m, articles.get(m.article), event.conflicts) for m in event.mentions)
    roles: dict[str, list[str]] = {}
    for actor, role in event.roles:
        roles.setdefault(actor, []).append(role)
    return EventView(
        event=event,
        mentions=mentions,
        sources=len({m.article for m in event.mentions}),
        outlets=tuple(sorted({v.outlet for v in mentions})),
        actors=tuple(f"{a} ({', '.join(roles[a])})" if a in roles else a for a in event.actors),
        key=key,
        rank=rank,
        why=why(event),
    )


def why(event: Event) -> str:
    """The evidence behind an event's significance, as a reader would say it."""
    e = event.evidence
    if e is None:
        return ""
    parts = [f"reported by {_count(e.sources, 'article')}" + (f" from {_count(e.outlets, 'outlet')}" if e.outlets != e.sources else "")]
    if e.referring:
        back = f", {e.later} of them from later days" if e.later else ""
        parts.append(f"its date is referred to by {_count(e.referring, 'article')}{back}")
    if e.days_in_news:
        parts.append(f"still in the news {_count(e.days_in_news, 'day')} later")
    if e.kind_weight != 1.0:
        parts.append(f"{event.kind or 'unclassified'} ×{e.kind_weight:g}")
    if e.status_weight != 1.0:
        parts.append(f"{event.status} ×{e.status_weight:g}")
    if e.rank_in_date > 1:
        parts.append(f"event {e.rank_in_date} of its date ×{SAME_DATE_DECAY ** (e.rank_in_date - 1):g}")
    return "; ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _mention_view(mention: Mention, article: Article | None, conflicts: tuple[str, ...]) -> MentionView:
    return MentionView(
        mention=mention,
        pieces=_pieces(mention),
        outlet=outlet(article, mention.article),
        published=article.published.isoformat() if article else "",
        article_title=article.title if article else None,
        url=safe_url(article.url if article else None),
        disagrees=mention.value in conflicts,
    )


def _pieces(mention: Mention) -> tuple[Piece, ...]:
    """The sentence cut around its date expression, found by offset, else by its text."""
    sentence = mention.sentence
    start = mention.start - mention.sentence_start
    end = mention.end - mention.sentence_start
    if not (0 <= start < end <= len(sentence)) or sentence[start:end] != mention.expression:
        start = sentence.find(mention.expression) if mention.expression else -1
        end = start + len(mention.expression)
    if start < 0:
        return (Piece(sentence, False),)
    parts = (Piece(sentence[:start], False), Piece(sentence[start:end], True), Piece(sentence[end:], False))
    return tuple(p for p in parts if p.text)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host; anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    url = url.strip()
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return None
    return url


def choices(timeline: Timeline, articles: dict[str, Article]) -> dict[str, tuple[Choice, ...]]:
    """The options of the actor, kind, status and source filters, busiest first."""
    counts: dict[str, Counter[str]] = {"actor": Counter(), "kind": Counter(), "status": Counter(), "source": Counter()}
    for event in timeline.events:
        counts["actor"].update(event.actors or [NO_VALUE])
        counts["kind"][event.kind or NO_VALUE] += 1
        counts["status"][event.status or NO_VALUE] += 1
        counts["source"].update({outlet(articles.get(m.article), m.article) for m in event.mentions})
    empty = {"actor": "no actor", "kind": "unclassified", "status": "status unknown", "source": "?"}
    return {
        name: tuple(
            Choice(value, empty[name] if value == NO_VALUE else value, n)
            for value, n in sorted(counter.items(), key=lambda item: (item[0] == NO_VALUE, -item[1], item[0]))
        )
        for name, counter in counts.items()
    }


def date_range(timeline: Timeline) -> str:
    """The days the timeline covers, for its header."""
    if not timeline.events:
        return "no dated events"
    first = min(e.when.start for e in timeline.events)
    last = max(e.when.end for e in timeline.events)
    if first == last:
        return f"{first.day} {first:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
