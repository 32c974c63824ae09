"""How many of the expected events the pipeline gets right (benchmarks/events_gold.json).

For each expected dated mention: is there an event, is its date (TIMEX3 value) right, its
kind, its status, and are the expected actors named (by surname)?

Usage: python benchmarks/events_eval.py [--show]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline import pipeline
from timeline.scoring import _nth

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args()
    gold = json.loads((ROOT / "benchmarks" / "events_gold.json").read_text(encoding="utf-8"))
    articles = pipeline.read([str(ROOT / f) for f in gold["folders"]])
    texts = {a.id: a.text for a in articles}
    found = {(e.mentions[0].article, e.mentions[0].start): e for e in pipeline.extract(articles)}
    counts = {"found": 0, "date": 0, "kind": 0, "status": 0, "actors": 0, "all": 0}
    for (article, expression, n), value, kind, status, actors in gold["events"]:
        event = found.get((article, _nth(texts[article], expression, n)))
        if event is None:
            if args.show:
                print(f"MISSING {article} {expression!r}")
            continue
        counts["found"] += 1
        got_actors = {a.split()[-1].lower() for a in event.actors}
        checks = {
            "date": event.when.value == value,
            "kind": kind is None or event.kind == kind,
            "status": event.status == status,
            "actors": all(a.split()[-1].lower() in got_actors for a in actors),
        }
        for name, ok in checks.items():
            counts[name] += ok
        counts["all"] += all(checks.values())
        if args.show and not all(checks.values()):
            wrong = ", ".join(f"{k}: got {got!r} want {want!r}" for k, got, want in [
                ("date", event.when.value, value), ("kind", event.kind, kind), ("status", event.status, status),
                ("actors", list(event.actors), actors)] if not checks[k])
            print(f"WRONG {article} {expression!r} #{n}: {wrong}")
    total = len(gold["events"])
    print(f"expected events: {total}")
    for name, count in counts.items():
        print(f"  {name:7} {count:3} / {total}  ({count / total:.0%})")


if __name__ == "__main__":
    main()
