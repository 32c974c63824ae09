"""Pairwise merge precision/recall on hand-annotated sets: the seeds, and tests/fixtures/merge.

Usage: python benchmarks/merge_eval.py
"""

from __future__ import annotations

import json
from pathlib import Path

from timeline import pipeline
from timeline.scoring import pairwise

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "seeds": (ROOT / "seeds", ROOT / "benchmarks" / "seeds_merge_gold.json"),
    "fixtures/merge": (ROOT / "tests" / "fixtures" / "merge", ROOT / "tests" / "fixtures" / "merge_gold.json"),
}


def main() -> None:
    print(f"{'set':16} {'P':>6} {'R':>6} {'F1':>6}  pairs sys/gold/correct  mentions found/gold")
    for name, (folder, gold_path) in SETS.items():
        articles = pipeline.read([str(folder)])
        timeline = pipeline.build(articles)
        score = pairwise(timeline, articles, json.loads(gold_path.read_text(encoding="utf-8")))
        print(
            f"{name:16} {score.precision:6.1%} {score.recall:6.1%} {score.f1:6.1%}  "
            f"{score.system_pairs:>4}/{score.gold_pairs}/{score.correct_pairs:<12} {score.found_mentions}/{score.gold_mentions}"
        )


if __name__ == "__main__":
    main()
