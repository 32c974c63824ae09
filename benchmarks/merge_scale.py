"""How merging grows with the events of one busy day: real mentions, all moved to one day.

Usage: python benchmarks/merge_scale.py [--sizes 1000 2000 4000 8000 12000] [--readings DIR]

Takes the dated mentions of the Timeline17 piles (their readings pickled by tls_eval.py in
DIR, default /tmp/tls), puts every one on the same day, and times ``merge.merge`` on the
first N of them, for each N (best of two). A merge that compares every pair of a day's events
grows with N²: twice the events, four times the time; one that finds candidates by what
they share grows with N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import time
from dataclasses import replace
from pathlib import Path

from timeline import merge
from timeline.model import Event, When

TOPICS = ("te3-silver", "h1n1", "iraq", "egypt", "finan", "haiti", "mj", "syria", "libya", "bpoil")
DAY = When("2016-07-15", dt.date(2016, 7, 15), dt.date(2016, 7, 15), "day", "Fri 15 Jul 2016")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 4000, 8000, 12000])
    parser.add_argument("--readings", type=Path, default=Path("/tmp/tls"))
    args = parser.parse_args()
    events = _one_day(args.readings)
    print(f"{len(events)} mentions from {args.readings}, all on {DAY.value}")
    previous = None
    for size in args.sizes:
        if size > len(events):
            break
        chosen = events[:size]
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            timeline = merge.merge(chosen)
            best = min(best, time.perf_counter() - started)
        growth = f", x{best / previous[1]:.2f} for x{size / previous[0]:.1f} the events" if previous else ""
        print(f"{size:>6} events on one day -> {len(timeline.events):>6} merged: {best:6.2f} s{growth}", flush=True)
        previous = (size, best)


def _one_day(folder: Path) -> list[Event]:
    piles: list[list[Event]] = []
    for topic in TOPICS:
        path = folder / f"{topic}.readings.pickle"
        if path.exists():
            piles.append([replace(e, when=DAY, mentions=tuple(replace(m, value=DAY.value) for m in e.mentions))
                          for reading in pickle.loads(path.read_bytes()) for e in reading.events if e.when.granularity == "day"])
    # the piles taken in turn, so that every size holds some of each
    return [pile[i] for i in range(max(map(len, piles), default=0)) for pile in piles if i < len(pile)]


if __name__ == "__main__":
    main()
