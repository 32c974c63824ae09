"""Speed of merging and ranking a whole pile: the silver newswire corpus (~11k mentions)
and the largest Timeline17 pile, from cached per-article results.

Usage: python benchmarks/rank_speed.py [--corpus PATH ...] [--reuse DIR]
The per-article stages run first (or come from the user's cache; with --reuse DIR, from
DIR/<corpus>.readings.pickle, written there the first time); only merge.merge and
significance.rank are timed, best of three runs.
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

from timeline import merge, pipeline, significance
from timeline.cache import default_path
from timeline.model import Article, Reading
from timeline.runner import RunOptions, default_jobs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT = [SHARED / "corpora" / "te3-silver.jsonl.gz", SHARED / "tls" / "iraq" / "articles.jsonl.gz"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--reuse", type=Path, default=None, metavar="DIR", help="pickled readings, as tls_eval.py writes them")
    args = parser.parse_args()
    for corpus in args.corpus:
        articles = pipeline.read([str(corpus)])
        readings = _readings(articles, corpus, args.reuse)
        found = [e for r in readings for e in r.events]
        dates = {a.id: r.dates for a, r in zip(articles, readings, strict=True)}
        merged_s, ranked_s = [], []
        for _ in range(3):
            started = time.perf_counter()
            timeline = merge.merge(found, articles)
            merged_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            significance.rank(timeline, dates)
            ranked_s.append(time.perf_counter() - started)
        print(
            f"{corpus.name}: {len(articles)} articles, {len(found)} mentions -> {len(timeline.events)} events; "
            f"merge {min(merged_s):.2f} s, significance {min(ranked_s):.2f} s, together {min(merged_s) + min(ranked_s):.2f} s"
        )


def _readings(articles: tuple[Article, ...], corpus: Path, reuse: Path | None) -> list[Reading]:
    run = RunOptions(jobs=default_jobs(), cache=default_path())
    if reuse is None:
        return pipeline.readings(articles, run=run)
    stem = corpus.parent.name if corpus.name == "articles.jsonl.gz" else corpus.name.split(".")[0]
    path = reuse / f"{stem}.readings.pickle"
    if path.exists():
        readings: list[Reading] = pickle.loads(path.read_bytes())
        if len(readings) == len(articles):
            return readings
    readings = pipeline.readings(articles, run=run)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(readings))
    return readings


if __name__ == "__main__":
    main()
