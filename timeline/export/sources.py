"""What every export says about an event's sources: outlet, publication date and link.

An article id is the tool's own handle; a reader of a calendar or a chronology needs the
outlet, the day and the link, so the exports cite articles with ``cite``. Each sentence is
quoted once per event, with every article that printed it (``quotes``): wire copy carried
by several outlets, or one sentence that dates an event twice, is not repeated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.model import Article, Event, Mention

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\\x00-\x1f\x7f]+$", re.IGNORECASE)
# Control characters, but tab and newline: no text format we write may carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Source:
    """One article, as a citation: who published it, when, and where to read it."""

    outlet: str  # the outlet, else "outlet not given"
    title: str | None
    published: str  # "14 Jul 2016"
    url: str | None  # only an http(s) URL with no white space or quotes
    article: str  # the id, for an article that has neither outlet nor title

    def text(self) -> str:
        """The citation as one line of plain text, link included."""
        return ", ".join(self.parts() + ([self.url] if self.url else []))

    def parts(self) -> list[str]:
        """Outlet, title (in quotes) and date: the citation without its link."""
        parts = [self.outlet]
        if self.title:
            parts.append(f"“{self.title}”")
        elif self.outlet == _NO_OUTLET:
            parts.append(f"article {self.article}")
        return [*parts, self.published]


_NO_OUTLET = "outlet not given"


def cite(article: Article | None, article_id: str) -> Source:
    """The citation of ``article`` (``None``: an id the timeline has no article for)."""
    if article is None:
        return Source(_NO_OUTLET, None, "date unknown", None, article_id)
    return Source(
        outlet=clean(article.source) if article.source and article.source.strip() else _NO_OUTLET,
        title=clean(article.title) if article.title and article.title.strip() else None,
        published=f"{article.published.day} {article.published:%b %Y}",
        url=safe_url(article.url),
        article=article.id,
    )


def quotes(event: Event, articles: dict[str, Article]) -> list[tuple[str, list[Source]]]:
    """Each distinct sentence of the event's mentions (first-seen order) with the articles
    that carry it, each article once."""
    grouped: dict[str, list[str]] = {}
    for mention in event.mentions:
        ids = grouped.setdefault(clean(mention.sentence), [])
        if mention.article not in ids:
            ids.append(mention.article)
    return [(sentence, [cite(articles.get(a), a) for a in ids]) for sentence, ids in grouped.items()]


def first_url(mentions: Iterable[Mention], articles: dict[str, Article]) -> str | None:
    """The link of the first mention whose article has a safe one."""
    for mention in mentions:
        article = articles.get(mention.article)
        if article and (url := safe_url(article.url)):
            return url
    return None


def unique_ids(events: Iterable[Event]) -> list[str]:
    """One id per event, as calendars and TimelineJS need: a missing or repeated id becomes
    the event's position, ``n7`` (as on the page)."""
    ids: list[str] = []
    seen: set[str] = set()
    for i, event in enumerate(events):
        ids.append(event.id if event.id and event.id not in seen else f"n{i}")
        seen.add(ids[-1])
    return ids


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s) with nothing that could break out of a link, else None."""
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


def clean(text: str) -> str:
    """``text`` on one line: runs of white space and control characters become one space."""
    return " ".join(_CONTROL.sub(" ", text).split())
