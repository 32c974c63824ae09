"""Pairwise merge precision/recall on hand-annotated sets: the seeds, tests/fixtures/merge,
and the Timeline17 piles h1n1 and mj (../shared/data/tls; benchmarks/tls_merge_gold.json).

Usage: python benchmarks/merge_eval.py [--no-tls]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline import pipeline
from timeline.cache import default_path
from timeline.runner import RunOptions, default_jobs
from timeline.scoring import pairwise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (ROOT / "seeds", ROOT / "benchmarks" / "seeds_merge_gold.json", None),
    "fixtures/merge": (ROOT / "tests" / "fixtures" / "merge", ROOT / "tests" / "fixtures" / "merge_gold.json", None),
    "tls/h1n1": (SHARED / "data" / "tls" / "h1n1" / "articles.jsonl.gz", ROOT / "benchmarks" / "tls_merge_gold.json", "h1n1"),
    "tls/mj": (SHARED / "data" / "tls" / "mj" / "articles.jsonl.gz", ROOT / "benchmarks" / "tls_merge_gold.json", "mj"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-tls", action="store_true", help="only the seeds and the fixtures")
    args = parser.parse_args()
    run = RunOptions(jobs=default_jobs(), cache=default_path())  # the piles are parsed once, then read from the cache
    print(f"{'set':16} {'P':>6} {'R':>6} {'F1':>6}  pairs sys/gold/correct  mentions found/gold")
    for name, (source, gold_path, story) in SETS.items():
        if story is not None and (args.no_tls or not source.exists()):
            continue
        articles = pipeline.read([str(source)])
        timeline = pipeline.build(articles, pipeline.Options(run=run))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score = pairwise(timeline, articles, gold["stories"][story] if story else gold)
        print(
            f"{name:16} {score.precision:6.1%} {score.recall:6.1%} {score.f1:6.1%}  "
            f"{score.system_pairs:>4}/{score.gold_pairs}/{score.correct_pairs:<12} {score.found_mentions}/{score.gold_mentions}"
        )


if __name__ == "__main__":
    main()
