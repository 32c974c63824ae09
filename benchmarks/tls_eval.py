"""Key events against journalists' timelines: date F1 on the Timeline17 piles in ../shared/data/tls.

Builds each topic's pile with the library (as `timeline build` does), writes the JSON and the
`timeline dates` output beside each other in --out, and scores them with the shared scorer
(../shared/eval/tls_score.py), which also prints its baselines; then averages the topics as the
scorer's --combine does.

Usage:
  python benchmarks/tls_eval.py                        # the dev topics: h1n1, iraq, mj
  python benchmarks/tls_eval.py egypt finan haiti      # others (chance is high there)
  python benchmarks/tls_eval.py --reuse                # reuse the per-article results of the last run
                                                       # (for work on merge and significance only)
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

from timeline import export, pipeline
from timeline.runner import RunOptions, default_jobs

ROOT = Path(__file__).resolve().parents[1]
DEV = ("h1n1", "iraq", "mj")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topics", nargs="*", default=list(DEV))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=Path("/tmp/tls"))
    parser.add_argument("--reuse", action="store_true", help="reuse the readings pickled by an earlier run")
    parser.add_argument("--quiet", action="store_true", help="only the combined table")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for topic in args.topics:
        folder = args.shared / "data" / "tls" / topic
        results.append(_topic(topic, folder, args.out, args.reuse, args.quiet, args.shared))
    if len(results) > 1:
        subprocess.run([sys.executable, str(args.shared / "eval" / "tls_score.py"), "--combine", *map(str, results)], check=True)


def _topic(topic: str, folder: Path, out: Path, reuse: bool, quiet: bool, shared: Path) -> Path:
    corpus = folder / "articles.jsonl.gz"
    articles = pipeline.read([str(corpus)])
    pickled = out / f"{topic}.readings.pickle"
    started = time.perf_counter()
    if reuse and pickled.exists():
        readings = pickle.loads(pickled.read_bytes())
    else:
        readings = pipeline.readings(articles, run=RunOptions(jobs=default_jobs()))
        pickled.write_bytes(pickle.dumps(readings))
    read = time.perf_counter() - started
    started = time.perf_counter()
    timeline = pipeline.assemble(readings, articles, topic)  # the pile's calendar, merging, significance
    merged = time.perf_counter() - started
    tool = out / f"{topic}.json"
    tool.write_text(export.to_json(timeline), encoding="utf-8")
    dates = out / f"{topic}_dates.jsonl"
    with dates.open("w", encoding="utf-8") as handle:
        for article, timexes in pipeline.tag(articles, jobs=default_jobs()):
            for t in timexes:
                handle.write(json.dumps({"article": article.id, "start": t.start, "end": t.end, "type": t.type, "value": t.value}) + "\n")
    singles = sum(1 for e in timeline.events if len({m.article for m in e.mentions}) == 1)
    print(
        f"{topic}: {len(articles)} articles, {sum(len(r.events) for r in readings)} mentions -> {len(timeline.events)} events "
        f"({singles / max(1, len(timeline.events)):.0%} with one source); per-article {read:.1f} s, calendar, merge and significance {merged:.2f} s",
        flush=True,
    )
    result = out / f"{topic}_score.json"
    command = [sys.executable, str(shared / "eval" / "tls_score.py"), str(tool), str(folder / "reference.json"),
               "--articles", str(corpus), "--dates", str(dates), "--name", topic]
    scored = subprocess.run([*command, "--json"], check=True, capture_output=True, text=True).stdout
    result.write_text(scored, encoding="utf-8")
    if not quiet:
        subprocess.run(command, check=True)
    return result


if __name__ == "__main__":
    main()
