"""What the page's template shows of each event and mention, and the choices of its filters.

Plain data only: the template escapes every string it writes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from timeline.model import Article, Event, Mention, Timeline
from timeline.render.figure import NO_VALUE, fit, outlet
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
    if e.published_then:
        parts.append(f"{_count(e.published_then, 'article')} of the pile published from then to the day after")
    if e.topicality != 1.0:
        parts.append(f"its reports {'closer to' if e.topicality > 1 else 'further from'} the pile's story than most ×{e.topicality:g}")
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
    """The days the timeline covers, for its header: where its events are (``figure.fit``),
    and how many stray dates lie far outside that, and where."""
    if not timeline.events:
        return "no dated events"
    first, last = fit(timeline.events)
    text = _day(first) if first == last else f"{_day(first)} – {_day(last)}"
    outside = [e for e in timeline.events if e.when.start > last or (e.when.end < first)]
    if outside:
        low = min(e.when.start for e in outside)
        high = max(e.when.end for e in outside)
        years = str(low.year) if low.year == high.year else f"{low.year}–{high.year}"
        text += f" (and {_count(len(outside), 'event')} outside it, {years})"
    return text


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def page_events(views: list[EventView], articles: dict[str, Article]) -> dict[str, Any]:
    """What the script needs to list events and show their details, as compact JSON: the
    articles and sentences once each, every event's facts and mentions pointing into them.
    Strings are plain text: the script sets them as text, never as HTML."""
    table = [[a.id, outlet(a, a.id), a.published.isoformat(), a.title or "", safe_url(a.url) or ""] for a in articles.values()]
    article_at = {a: i for i, a in enumerate(articles)}
    sentences: dict[str, int] = {}
    details = []
    for view in views:
        event = view.event
        when = event.when
        record: dict[str, Any] = {"title": event.title, "date": when.label, "gran": when.granularity, "value": when.value}
        if when.start != when.end:
            record["span"] = [when.start.isoformat(), when.end.isoformat()]
        optional = {
            "cameo": event.cameo, "who": list(view.actors) if view.actors != event.actors else None,  # with roles; else the actors
            "places": list(event.places), "conflicts": list(event.conflicts),
            "ev": _evidence(event), "sig": None if event.significance is None else f"{event.significance:.3g}",
        }  # fmt: skip
        record.update({k: v for k, v in optional.items() if v})
        record["rank"] = view.rank
        for m in view.mentions:
            if m.mention.article not in article_at:  # a mention of an article the timeline does not hold
                article_at[m.mention.article] = len(table)
                table.append([m.mention.article, m.mention.article, "", "", ""])
        record["m"] = [_mention(m, article_at, sentences) for m in view.mentions]
        details.append(record)
    return {"details": details, "articles": table, "sentences": list(sentences)}


def _evidence(event: Event) -> list[float] | None:
    """The evidence as numbers, which the script puts in words as ``why`` does (a tenth of the
    bytes of the words, on 10,000 events): ``[sources, outlets, referring, later, days_in_news,
    kind_weight, status_weight, rank_in_date, the weight of that rank, published_then, topicality]``."""
    e = event.evidence
    if e is None:
        return None
    decay = SAME_DATE_DECAY ** (e.rank_in_date - 1)
    return [e.sources, e.outlets, e.referring, e.later, e.days_in_news, e.kind_weight, e.status_weight, e.rank_in_date, decay, e.published_then, e.topicality]


def _mention(view: MentionView, article_at: dict[str, int], sentences: dict[str, int]) -> list[Any]:
    """``[article, sentence, mark start, mark end, expression, value, rule, anchor, trigger, disagrees, correction]``;
    the article and sentence by their place in the page's tables, the mark by offsets into the
    sentence (equal when the expression was not found in it)."""
    m = view.mention
    text = "".join(p.text for p in view.pieces)
    at = sentences.setdefault(text, len(sentences))
    start = end = 0
    for piece in view.pieces:
        if piece.marked:
            end = start + len(piece.text)
            break
        start += len(piece.text)
    else:
        start = end = 0
    return [article_at[m.article], at, start, end, m.expression, m.value, m.rule, m.anchor or "", m.trigger or "", 1 if view.disagrees else 0,
            m.correction or ""]
