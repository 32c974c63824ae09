"""Placeholder tagger: finds nothing. Replaced by the rule grammar (issue 3)."""

from __future__ import annotations

from timeline.model import Article, Timex


def tag_article(article: Article) -> tuple[Timex, ...]:
    return ()
