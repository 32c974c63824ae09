"""Turn the dated statements of an article into events.

Needs: Article, its Timex. Adds: Event (one mention each), dated by a DATE or TIME timex.

This first version makes one event per calendar-placed expression, titled from its
sentence; actors, places, kind and status come with the parser-based stage (issue 4).
"""

from __future__ import annotations

import re

from timeline.model import Article, Event, Mention, Timex, When
from timeline.text import sentence_at
from timeline.timex import interval

_TITLE_WORDS = 14


def extract(article: Article, timexes: tuple[Timex, ...]) -> tuple[Event, ...]:
    """One event per DATE/TIME expression that places something on the calendar."""
    events = []
    for timex in timexes:
        when = _when(timex.value)
        if timex.type not in ("DATE", "TIME") or when is None:
            continue  # durations, sets and vague references date nothing
        start, end = sentence_at(article.text, timex.start)
        sentence = article.text[start:end]
        mention = Mention(
            article=article.id,
            sentence=sentence,
            sentence_start=start,
            expression=timex.text,
            start=timex.start,
            end=timex.end,
            value=timex.value,
            rule=timex.rule,
            anchor=timex.anchor,
        )
        events.append(Event(when=when, title=_title(sentence), mentions=(mention,)))
    return tuple(events)


def _when(value: str) -> When | None:
    span = interval(value)
    if span is None:
        return None
    return When(value=value, start=span.start, end=span.end, granularity=span.granularity, label=span.label)


def _title(sentence: str) -> str:
    words = re.sub(r"\s+", " ", sentence).strip().split(" ")
    if len(words) <= _TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + " …"
