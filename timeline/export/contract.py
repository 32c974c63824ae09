"""The contract's JSON (shared/contract/timeline.schema.json): what outside scripts read.

Needs: Timeline. Adds: nothing; it only reads.
"""

from __future__ import annotations

import dataclasses
from json.encoder import encode_basestring
from typing import Any

from timeline import __version__
from timeline.model import Article, Event, Evidence, Timeline


def to_json(timeline: Timeline) -> str:
    """The timeline as the contract's JSON document, byte-identical for the same timeline."""
    document = {
        "generator": {"name": "timeline", "version": __version__},
        "title": timeline.title,
        "articles": [_article(a) for a in timeline.articles],
        "events": [to_record(e) for e in timeline.events],
    }
    return dumps(document) + "\n"


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same bytes in a third of the
    time: with an indent, ``json`` leaves its C encoder for a generator per nesting level
    (1.5 s of a 13 MB timeline). Takes what JSON holds: dicts with str keys, lists, tuples,
    str, int, float, bool, None."""
    parts: list[str] = []
    _encode(value, "\n", parts.append)
    return "".join(parts)


def _encode(value: Any, indent: str, append: Any) -> None:
    if isinstance(value, str):
        append(encode_basestring(value))
    elif value is None:
        append("null")
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif isinstance(value, int):
        append(int.__repr__(value))
    elif isinstance(value, float):
        append(_float(value))
    elif isinstance(value, dict):
        if not value:
            append("{}")
            return
        inner, opening = indent + "  ", "{"
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            append(opening + inner + encode_basestring(key) + ": ")
            opening = ","
            _encode(item, inner, append)
        append(indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            append("[]")
            return
        inner, opening = indent + "  ", "["
        for item in value:
            append(opening + inner)
            opening = ","
            _encode(item, inner, append)
        append(indent + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


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
        **({"evidence": _fields(event.evidence)} if event.evidence is not None else {}),
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


def _fields(evidence: Evidence) -> dict[str, Any]:
    """``dataclasses.asdict`` for a record of numbers, without its deep copy of each."""
    return {f.name: getattr(evidence, f.name) for f in dataclasses.fields(evidence)}


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat(),
    }
