"""Full builds of a real newswire corpus: wall time, words per second and peak memory.

Runs `timeline build` as a separate process (as a user would) over
../shared/data/corpora/te3-silver.jsonl.gz (2,452 articles, 631k words):
  1. cold, --jobs 1      2. cold, --jobs 2      3. warm rebuild after adding one article
Peak RSS is the largest total resident memory of the build and its worker processes,
sampled every 50 ms. The page and the JSON of the --jobs 2 build are compared with those of
--jobs 1, byte for byte. Each run prints the load average before it (the machine may be shared).

Usage: python benchmarks/build_scale.py [--corpus PATH] [--limit N] [--against REV [--turns 3]]

With --against REV, instead: a cold build and a warm rebuild of git revision REV and of the
working tree, in turns, each on its own cache, and the median of each.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "te3-silver.jsonl.gz"
EXTRA = {
    "id": "extra-0001",
    "published": "2006-12-31",
    "title": "One more report",
    "source": "Benchmark",
    "text": "Foreign ministers met in Geneva on Friday and agreed to meet again in January, officials said on Saturday.",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--against", metavar="REV", help="instead: this git revision and the working tree in turns")
    parser.add_argument("--turns", type=int, default=3, help="with --against: rounds of each (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = _corpus(args.corpus, args.limit, work / "corpus.jsonl")
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.read_text(encoding="utf-8").splitlines())
        bigger = work / "corpus-plus-one.jsonl"
        bigger.write_text(corpus.read_text(encoding="utf-8") + json.dumps(EXTRA) + "\n", encoding="utf-8")
        print(f"corpus: {corpus.read_text(encoding='utf-8').count(chr(10))} articles, {words:,} words")
        if args.against:
            _in_turns(work, corpus, bigger, args.against, args.turns)
            return
        _compiled(ROOT)
        print(f"{'run':34} {'wall s':>8} {'words/s':>10} {'peak RSS MB':>12} {'load':>6}")
        runs = [
            ("cold build, --jobs 1", corpus, "1", ["--jobs", "1", "--cache", str(work / "c1.sqlite")]),
            ("cold build, --jobs 2", corpus, "2", ["--jobs", "2", "--cache", str(work / "c2.sqlite")]),
            ("warm rebuild, one article added", bigger, "w", ["--jobs", "2", "--cache", str(work / "c2.sqlite")]),
        ]
        for name, source, tag, options in runs:
            load = os.getloadavg()[0]
            outputs = ["-o", str(work / f"t{tag}.html"), "--json", str(work / f"t{tag}.json")]
            wall, peak = _measure([sys.executable, "-m", "timeline", "-q", "build", str(source), *outputs, *options])
            print(f"{name:34} {wall:8.1f} {words / wall:10,.0f} {peak / 2**20:12.0f} {load:6.1f}")
        same = all((work / f"t1.{ext}").read_bytes() == (work / f"t2.{ext}").read_bytes() for ext in ("html", "json"))
        print(f"page: {(work / 'tw.html').stat().st_size / 2**20:.1f} MB; --jobs 2 outputs byte-identical to --jobs 1: {same}")


def _in_turns(work: Path, corpus: Path, bigger: Path, rev: str, turns: int) -> None:
    """A cold build and warm rebuilds of ``rev`` and of the working tree, in turns, each tree
    on its own cache: one run of each differs by more than most changes on a shared machine."""
    other = work / "tree"
    other.mkdir()
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
    trees = {rev: other, "working tree": ROOT}
    for tree in trees.values():
        _compiled(tree)
    times: dict[tuple[str, str], list[float]] = {}
    for turn in range(turns):
        for name, tree in trees.items():
            cache = work / f"cache-{'a' if tree == other else 'b'}-{turn}.sqlite"
            for run, source in (("cold", corpus), ("warm", bigger)):
                outputs = ["-o", str(work / "t.html"), "--json", str(work / "t.json"), "--cache", str(cache)]
                wall, _ = _measure([sys.executable, "-m", "timeline", "-q", "build", str(source), *outputs], cwd=tree)
                times.setdefault((name, run), []).append(wall)
                print(f"turn {turn + 1}: {name:14} {run} {wall:7.1f} s  (load {os.getloadavg()[0]:.1f})")
    for (name, run), walls in sorted(times.items()):
        print(f"{name:14} {run}: median {statistics.median(walls):.1f} s of {', '.join(f'{w:.1f}' for w in walls)}")


def _compiled(tree: Path) -> None:
    """The tree's modules compiled to bytecode beforehand, as an installed package has them
    (pip compiles on install). An editable install on a machine that sets
    PYTHONDONTWRITEBYTECODE, as this one does, would compile every module on every run."""
    compileall.compile_dir(str(tree / "timeline"), quiet=1)


def _corpus(path: Path, limit: int, out: Path) -> Path:
    with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8") as source:
        lines = [line for line in source if line.strip()]
    out.write_text("".join(lines[:limit] if limit else lines), encoding="utf-8")
    return out


def _measure(command: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd)  # "-m timeline" imports the tree it runs in
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit status {process.returncode}")
    return time.perf_counter() - started, peak


if __name__ == "__main__":
    main()
