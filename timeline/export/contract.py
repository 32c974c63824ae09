"""The contract's JSON (shared/contract/timeline.schema.json): what outside scripts read.

Needs: Timeline. Adds: nothing; it only reads.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from timeline import __version__
from timeline.model import Article, Event, Timeline


def to_json(timeline: Timeline) -> str:
    """The timeline as the contract's JSON document, byte-identical for the same timeline."""
    document = {
        "generator": {"name": "timeline", "version": __version__},
        "title": timeline.title,
        "articles": [_article(a) for a in timeline.articles],
        "events": [to_record(e) for e in timeline.events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_record(event: Event) -> dict[str, Any]:
    """One event as a JSON-ready dict (the contract's event object)."""
    when = event.when
    return {
        "id": event.id,
        "when": {
            "value": when.value,
            "start": when.start.isoformat(),
            "end": when.end.isoformat(),
            "granularity": when.granularity,
            "label": when.label,
        },
        "title": event.title,
        "kind": event.kind,
        "cameo": event.cameo,
        "status": event.status,
        "actors": list(event.actors),
        "roles": {actor: role for actor, role in event.roles},
        "affiliations": {person: country for person, country in event.affiliations},
        "places": list(event.places),
        "conflicts": list(event.conflicts),
        **({"significance": event.significance} if event.significance is not None else {}),
        **({"evidence": dataclasses.asdict(event.evidence)} if event.evidence is not None else {}),
        "mentions": [
            {
                "article": m.article,
                "sentence": m.sentence,
                "expression": m.expression,
                "start": m.start,
                "end": m.end,
                "value": m.value,
                "rule": m.rule,
                **({"correction": m.correction} if m.correction else {}),
                "anchor": m.anchor,
                "trigger": m.trigger,
                "sentence_start": m.sentence_start,
            }
            for m in event.mentions
        ],
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat(),
    }
