"""Find temporal expressions in an article and resolve them against its publication date.

Needs: Article. Adds: Timex, resolved against Article.published (TIMEX3 type and value).
Public entry: ``tag(article)``; ``interval(value)`` says what days a value covers.
"""

from __future__ import annotations

from timeline.model import Article, Timex
from timeline.timex.values import Interval, interval

__all__ = ["Interval", "interval", "tag"]


def tag(article: Article) -> tuple[Timex, ...]:
    """Every temporal expression of ``article``, in document order, with its TIMEX3 value."""
    from timeline.timex.tagger import tag_article  # rules load lazily, on first use

    return tag_article(article)
