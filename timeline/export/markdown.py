"""A chronology document in Markdown, every event with its sources as footnotes."""

from __future__ import annotations

import re
from itertools import groupby

from timeline import __version__
from timeline.model import Article, Timeline

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def to_markdown(timeline: Timeline) -> str:
    """Events grouped by year; each line's sources are footnotes quoting the sentence."""
    articles = {a.id: a for a in timeline.articles}
    # The front matter marks the file as ours, so that reading its folder again skips it.
    lines = ["---", f"generator: timeline {__version__}", "---", f"# {_escape(timeline.title)}", "",
             f"{len(timeline.events)} events from {len(timeline.articles)} articles.", ""]
    notes: list[str] = []
    for year, events in groupby(timeline.events, key=lambda e: e.when.start.year):
        lines += [f"## {year}", ""]
        for event in events:
            marks = []
            for mention in event.mentions:
                notes.append(f"[^{len(notes) + 1}]: {_source(articles.get(mention.article), mention.article)}: “{_escape(mention.sentence)}”")
                marks.append(f"[^{len(notes)}]")
            extra = f" ({event.status})" if event.status and event.status != "occurred" else ""
            conflict = f" — *reports disagree on the date: {', '.join(event.conflicts)}*" if event.conflicts else ""
            lines.append(f"- **{event.when.label}** — {_escape(event.title)}{extra}{conflict} {''.join(marks)}")
        lines.append("")
    return "\n".join(lines + notes) + "\n"


def _source(article: Article | None, article_id: str) -> str:
    if article is None:
        return _escape(article_id)
    name = _escape(article.source or article.id)
    title = f", *{_escape(article.title)}*" if article.title else ""
    link = f" <{article.url}>" if article.url and re.match(r"^https?://[^\s<>]+$", article.url) else ""
    return f"{name}{title}, {article.published.isoformat()}{link}"


def _escape(text: str) -> str:
    """Markdown's special characters as literals, so article text cannot inject markup."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text)).strip()
