"""The event lexicon (rules/en/events.toml), loaded once into one frozen record."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    cameo: str | None
    weight: float = 1.0  # how much an event of this kind weighs in its significance


@dataclass(frozen=True)
class Lexicon:
    kinds: dict[str, Kind]  # lemma (or "lemma particle") -> kind; first kind listed wins
    support: frozenset[str]
    reporting: frozenset[str]
    denial: frozenset[str]
    future: frozenset[str]
    scheduled_heads: frozenset[str]
    proposed_modals: frozenset[str]
    proposal_words: frozenset[str]
    conditional: frozenset[str]
    aliases: dict[str, str]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    role_words: frozenset[str]
    furniture: re.Pattern[str]
    kind_weights: dict[str, float]  # kind key -> weight; "" for an event of no kind
    status_weights: dict[str, float]

    def kind_of(self, lemma: str) -> Kind | None:
        return self.kinds.get(lemma.lower())

    def kind_weight(self, kind: str | None) -> float:
        return self.kind_weights.get(kind or "", self.kind_weights[""])

    def status_weight(self, status: str | None) -> float:
        return self.status_weights.get(status or "occurred", 1.0)


@cache
def lexicon() -> Lexicon:
    """The English event lexicon shipped with the package."""
    text = resources.files("timeline").joinpath("rules/en/events.toml").read_text(encoding="utf-8")
    return _build(tomllib.loads(text))


def _build(data: dict[str, Any]) -> Lexicon:
    kinds: dict[str, Kind] = {}
    weights = {"": float(data["significance"]["no_kind"])}
    for key, entry in data["kinds"].items():
        kind = Kind(key=key, name=entry["name"], cameo=entry.get("cameo"), weight=float(entry.get("weight", 1.0)))
        weights[key] = kind.weight
        for lemma in entry["lemmas"]:
            kinds.setdefault(lemma, kind)
    status, actors, furniture = data["status"], data["actors"], data["furniture"]
    return Lexicon(
        kinds=kinds,
        support=frozenset(data["support"]["verbs"]),
        reporting=frozenset(status["reporting"]),
        denial=frozenset(status["denial"]),
        future=frozenset(status["future"]),
        scheduled_heads=frozenset(status["scheduled_heads"]),
        proposed_modals=frozenset(status["proposed_modals"]),
        proposal_words=frozenset(status["proposal_words"]),
        conditional=frozenset(status["conditional"]),
        aliases=dict(actors["aliases"]),
        capitals=dict(actors["capitals"]),
        demonyms=dict(actors["demonyms"]),
        role_words=frozenset(actors["role_words"]),
        furniture=re.compile(r"^\s*(?:" + "|".join(furniture["patterns"]) + ")", re.IGNORECASE),
        kind_weights=weights,
        status_weights={k: float(v) for k, v in data["significance"]["status"].items()},
    )
