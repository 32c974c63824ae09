"""Find temporal expressions in an article and resolve them against its publication date.

Needs: Article. Adds: Timex, resolved against Article.published (TIMEX3 type and value).
Public entry: ``tag(article)``; ``interval(value)`` says what days a value covers;
``with_tense(timex.by_tense, PAST, published)`` resolves a value again for a stage that
reads the clause's tense better than the tagger's cue words.
"""

from __future__ import annotations

from timeline.model import Article, Timex
from timeline.timex.resolve import tense_unit, with_tense
from timeline.timex.tense import FUTURE, PAST
from timeline.timex.values import Interval, interval

__all__ = ["FUTURE", "PAST", "Interval", "interval", "tag", "tense_unit", "weekday_named", "with_tense"]


def tag(article: Article) -> tuple[Timex, ...]:
    """Every temporal expression of ``article``, in document order, with its TIMEX3 value."""
    from timeline.timex.tagger import tag_article  # rules load lazily, on first use

    return tag_article(article)


def weekday_named(text: str) -> int | None:
    """The ISO weekday a phrase names ("Thursday July 7": 4), or None."""
    from timeline.timex.grammar import norm_tables
    from timeline.timex.normalize import table_key

    days = norm_tables()["weekday"]
    for word in text.split():
        if day := days.get(table_key(word.strip(",.;:()"))):
            return int(day)
    return None
