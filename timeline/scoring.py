"""Score a merged timeline against hand-annotated clusters of mentions (pairwise P/R/F1).

Gold format (JSON): ``{"clusters": {"name": [mention, ...], ...}}`` where a mention is
``[article, start, expression]`` (the expression at that character offset) or
``[article, expression, n]`` (its n-th occurrence, from 0, in the article).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from timeline.model import Article, Timeline


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    system_pairs: int
    gold_pairs: int
    correct_pairs: int
    gold_mentions: int
    found_mentions: int  # gold mentions the pipeline turned into events


def pairwise(timeline: Timeline, articles: tuple[Article, ...], gold: dict[str, Any]) -> PairScore:
    """Pairwise merge precision and recall over the gold mentions that the pipeline found (a
    gold mention is found by the mention whose expression holds its start, so a tagger that
    reads "around midday" where the gold says "midday" still finds it)."""
    texts = {a.id: a.text for a in articles}
    cluster_of: dict[tuple[str, int], str] = {}
    for name, mentions in gold["clusters"].items():
        for article, where, what in mentions:
            start = where if isinstance(where, int) else _nth(texts[article], where, what)
            cluster_of[(article, start)] = name
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for e in timeline.events:
        for m in e.mentions:
            spans.setdefault(m.article, []).append((m.start, m.end, e.id))
    event_of: dict[tuple[str, int], str] = {}
    for article, start in cluster_of:  # the mention whose expression holds the gold's start ("[around] midday")
        held = [eid for s, end, eid in spans.get(article, ()) if s <= start < end]
        if held:
            event_of[(article, start)] = held[0]
    found = sorted(k for k in cluster_of if k in event_of)
    gold_pairs = {p for p in itertools.combinations(found, 2) if cluster_of[p[0]] == cluster_of[p[1]]}
    system_pairs = {p for p in itertools.combinations(found, 2) if event_of[p[0]] == event_of[p[1]]}
    correct = len(gold_pairs & system_pairs)
    precision = correct / len(system_pairs) if system_pairs else 1.0
    recall = correct / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, len(system_pairs), len(gold_pairs), correct, len(cluster_of), len(found))


def _nth(text: str, expression: str, n: int) -> int:
    start = -1
    for _ in range(n + 1):
        start = text.find(expression, start + 1)
        if start < 0:
            raise ValueError(f"gold mention {expression!r} #{n} is not in the article")
    return start
