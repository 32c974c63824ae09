"""Pairwise merge precision/recall on hand-annotated sets: the seeds, tests/fixtures/merge,
and the Timeline17 piles h1n1 and mj (../shared/data/tls; benchmarks/tls_merge_gold.json).

Usage:
  python benchmarks/merge_eval.py [--no-tls]
  python benchmarks/merge_eval.py --reuse [--readings DIR]   # merge and rank from pickled readings

With --reuse, each set's per-article results (``pipeline.readings``) are read from
DIR/<set>.readings.pickle (the files ``tls_eval.py`` writes for h1n1 and mj; default
/tmp/tls), or computed once and written there, so work on merging does not parse the piles
again. The pickles must come from the same articles: every gold article must have a reading.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from timeline import pipeline
from timeline.cache import default_path
from timeline.model import Article, Timeline
from timeline.runner import RunOptions, default_jobs
from timeline.scoring import PairScore, pairwise

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
    parser.add_argument("--reuse", action="store_true", help="merge and rank from pickled readings (see above)")
    parser.add_argument("--readings", type=Path, default=Path("/tmp/tls"), help="where the pickles are (default /tmp/tls)")
    args = parser.parse_args()
    run = RunOptions(jobs=default_jobs(), cache=default_path())  # the piles are parsed once, then read from the cache
    print(f"{'set':16} {'P':>6} {'R':>6} {'F1':>6}  pairs sys/gold/correct  mentions found/gold")
    tls: list[PairScore] = []
    every: list[PairScore] = []
    for name, (source, gold_path, story) in SETS.items():
        if story is not None and (args.no_tls or not source.exists()):
            continue
        articles = pipeline.read([str(source)])
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold = gold["stories"][story] if story else gold
        if args.reuse:
            timeline = _from_pickle(articles, args.readings / f"{story or name.replace('/', '_')}.readings.pickle", run, gold)
        else:
            timeline = pipeline.build(articles, pipeline.Options(run=run))
        score = pairwise(timeline, articles, gold)
        _row(name, score)
        every.append(score)
        if story is not None:
            tls.append(score)
    if len(tls) > 1:  # the two piles' pairs together: the figure the merge gold is judged by
        _row("tls (both)", _pooled(tls))
    if len(every) > len(tls) > 1:
        _row("all sets", _pooled(every))


def _pooled(scores: list[PairScore]) -> PairScore:
    """The sets' pairs counted together."""
    system, gold_pairs, correct = (sum(getattr(s, f) for s in scores) for f in ("system_pairs", "gold_pairs", "correct_pairs"))
    p, r = correct / max(1, system), correct / max(1, gold_pairs)
    found, mentions = sum(s.found_mentions for s in scores), sum(s.gold_mentions for s in scores)
    return PairScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, system, gold_pairs, correct, mentions, found)


def _row(name: str, score: PairScore) -> None:
    print(
        f"{name:16} {score.precision:6.1%} {score.recall:6.1%} {score.f1:6.1%}  "
        f"{score.system_pairs:>4}/{score.gold_pairs}/{score.correct_pairs:<12} {score.found_mentions}/{score.gold_mentions}"
    )


def _from_pickle(articles: tuple[Article, ...], path: Path, run: RunOptions, gold: dict) -> Timeline:
    """Merge and rank the readings pickled at ``path`` (written there first if missing)."""
    if path.exists():
        readings = pickle.loads(path.read_bytes())
    else:
        readings = pipeline.readings(articles, run=run)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(readings))
    if len(readings) != len(articles) or any(e.mentions[0].article != a.id for a, r in zip(articles, readings, strict=False) for e in r.events):
        raise SystemExit(f"{path}: its readings are not of these articles; delete it to make it again")
    ids = {a.id for a in articles}
    missing = {m[0] for c in gold["clusters"].values() for m in c} - ids
    if missing:
        raise SystemExit(f"{path}: gold articles without a reading: {sorted(missing)[:5]}")
    return pipeline.assemble(readings, articles)


if __name__ == "__main__":
    main()
