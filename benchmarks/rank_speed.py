"""Speed of merging and ranking a whole pile: the silver newswire corpus (~11k mentions)
and the largest Timeline17 pile, from cached per-article results.

Usage: python benchmarks/rank_speed.py [--corpus PATH ...] [--reuse DIR] [--against REV [--turns N]]
The per-article stages run first (or come from the user's cache; with --reuse DIR, from
DIR/<corpus>.readings.pickle, written there the first time); only merge.merge and
significance.rank are timed, best of three runs, in wall-clock and in process CPU time
(on a machine shared with other work the CPU time is the steadier figure), with the load
average before and after. With --against REV, the merge of git revision REV (its
timeline/merge.py and timeline/wording.py, the rest of the package as it is here) and this
one are timed in the same process, in turns (best of N each), which is fairer than two runs
on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import timeline
from timeline import calendar, merge, pipeline, significance
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
    parser.add_argument("--against", metavar="REV", help="also time the merge of this git revision, in turns")
    parser.add_argument("--turns", type=int, default=4)
    args = parser.parse_args()
    for corpus in args.corpus:
        articles = pipeline.read([str(corpus)])
        readings = _readings(articles, corpus, args.reuse)
        readings = calendar.redate(readings, articles)  # as pipeline.assemble does first (timed apart below)
        found = [e for r in readings for e in r.events]
        terms = {a.id: r.terms for a, r in zip(articles, readings, strict=True)}  # counted per article, cached, as in a build
        dates = {a.id: r.dates for a, r in zip(articles, readings, strict=True)}
        if args.against:
            _in_turns(corpus.name, found, articles, dates, terms, _merge_of(args.against), args.against, args.turns)
            continue
        load = os.getloadavg()[0]
        merged_s, ranked_s, merged_cpu, ranked_cpu = [], [], [], []
        for _ in range(3):
            started, cpu = time.perf_counter(), time.process_time()
            timeline = merge.merge(found, articles)
            merged_s.append(time.perf_counter() - started)
            merged_cpu.append(time.process_time() - cpu)
            started, cpu = time.perf_counter(), time.process_time()
            significance.rank(timeline, dates, terms)
            ranked_s.append(time.perf_counter() - started)
            ranked_cpu.append(time.process_time() - cpu)
        print(
            f"{corpus.name}: {len(articles)} articles, {len(found)} mentions -> {len(timeline.events)} events; "
            f"merge {min(merged_s):.2f} s, significance {min(ranked_s):.2f} s, together {min(merged_s) + min(ranked_s):.2f} s "
            f"(CPU {min(merged_cpu):.2f} + {min(ranked_cpu):.2f} = {min(merged_cpu) + min(ranked_cpu):.2f} s; "
            f"load average {load:.1f} -> {os.getloadavg()[0]:.1f})"
        )


def _merge_of(rev: str) -> ModuleType:
    """Revision ``rev``'s merge module, importing its own wording module."""
    folder = Path(tempfile.mkdtemp(prefix="rank_speed-"))
    modules = {}
    for name in ("wording", "merge"):
        source = subprocess.run(["git", "show", f"{rev}:timeline/{name}.py"], cwd=ROOT, check=True, capture_output=True, text=True)
        (folder / f"{name}.py").write_text(source.stdout, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"old_{name}", folder / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        here = sys.modules["timeline.wording"]
        if name == "merge":  # its "from timeline import wording" must find the old one
            sys.modules["timeline.wording"] = timeline.wording = modules["wording"]
        try:
            spec.loader.exec_module(module)
        finally:
            sys.modules["timeline.wording"] = timeline.wording = here
        modules[name] = module
    return modules["merge"]


def _in_turns(name: str, found: list, articles: tuple[Article, ...], dates: dict, terms: dict, old: ModuleType, rev: str, turns: int) -> None:
    times: dict[str, list[tuple[float, float, float, float, int]]] = {rev: [], "this": []}
    load = os.getloadavg()[0]
    for turn in range(turns):
        order = [(rev, old), ("this", merge)]
        for label, module in order if turn % 2 == 0 else order[::-1]:
            started, cpu = time.perf_counter(), time.process_time()
            timeline = module.merge(found, articles)
            merged, merged_cpu = time.perf_counter() - started, time.process_time() - cpu
            started, cpu = time.perf_counter(), time.process_time()
            significance.rank(timeline, dates, terms)
            times[label].append((merged, time.perf_counter() - started, merged_cpu, time.process_time() - cpu, len(timeline.events)))
    for label, rows in times.items():
        wall = min(rows, key=lambda r: r[0] + r[1])
        cpu_best = min(rows, key=lambda r: r[2] + r[3])
        print(f"{name} [{label}]: {len(found)} mentions -> {wall[4]} events; merge {wall[0]:.2f} + significance {wall[1]:.2f} = "
              f"{wall[0] + wall[1]:.2f} s (CPU {cpu_best[2]:.2f} + {cpu_best[3]:.2f} = {cpu_best[2] + cpu_best[3]:.2f} s)")
    print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}")


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
