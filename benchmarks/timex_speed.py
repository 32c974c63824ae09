"""Words per second of timeline.timex against dateparser.search_dates, on the same texts.

usage: python benchmarks/timex_speed.py [--corpus PATH.jsonl.gz] [--limit N] [--rounds 3] [--skip-dateparser] [--years BEFORE]

Reads the corpus (default: shared/data/corpora/te3-silver.jsonl.gz, 2,452 articles), loads
the grammar once outside the timing (as a long-running process would), then times
``timeline.timex.tag`` over every article and ``dateparser.search.search_dates`` with
RELATIVE_BASE = the article's publication date, PREFER_DATES_FROM = 'past', languages
['en'], in rounds that alternate the two, and prints the best rate of each and their ratio,
by wall-clock and by CPU time, and each round's ratio. ``--years 1000`` (no timing) lists every date
or time the tagger puts before that year, with its text: a check that numbers which are no
years ("11.1052", "Resolution 1718", "2,000 years ago") are not read as years.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import time

from timeline.model import Article
from timeline.timex import interval, tag

DEFAULT_CORPUS = "/work/shared/data/corpora/te3-silver.jsonl.gz"


def read(path: str, limit: int | None) -> list[Article]:
    opener = gzip.open if path.endswith(".gz") else open
    articles = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            published = dt.date.fromisoformat((d.get("published") or d["time"])[:10])
            articles.append(Article(id=d["id"], text=d["text"], published=published))
            if limit and len(articles) >= limit:
                break
    return articles


def time_tagger(articles: list[Article]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of the tagger over the articles, and what it found."""
    tag(Article(id="warm-up", text="on Friday", published=dt.date(2000, 1, 1)))  # load rules
    started, cpu = time.perf_counter(), time.process_time()
    found = sum(len(tag(a)) for a in articles)
    return time.perf_counter() - started, time.process_time() - cpu, found


def time_dateparser(articles: list[Article]) -> tuple[float, float, int]:
    from dateparser.search import search_dates

    base = dt.datetime.combine(articles[0].published, dt.time())
    search_dates("on Friday", languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    started, cpu = time.perf_counter(), time.process_time()
    found = 0
    for a in articles:
        settings = {"RELATIVE_BASE": dt.datetime.combine(a.published, dt.time()), "PREFER_DATES_FROM": "past"}
        found += len(search_dates(a.text, languages=["en"], settings=settings) or ())
    return time.perf_counter() - started, time.process_time() - cpu, found


def early_years(articles: list[Article], before: int) -> None:
    """Print every DATE/TIME value that lies before the year ``before``, and their count."""
    n = early = 0
    for a in articles:
        for t in tag(a):
            n += 1
            span = interval(t.value) if t.type in ("DATE", "TIME") else None  # "195" is the 1950s
            if span is not None and span.start.year < before:
                early += 1
                context = a.text[max(0, t.start - 40):t.end + 30].replace("\n", " ")
                print(f"{a.id}\t{t.value}\t{t.rule}\t{context!r}")
    print(f"{n:,} expressions, {early} dated before the year {before}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--skip-dateparser", action="store_true", help="time the tagger only")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes of each, alternating (default 3); the best counts")
    ap.add_argument("--years", type=int, metavar="BEFORE", help="list the dates before this year instead of timing")
    args = ap.parse_args(argv)
    articles = read(args.corpus, args.limit)
    if args.years:
        early_years(articles, args.years)
        return
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words, {args.rounds} round(s)")
    # Rounds alternate the two, so that a busy spell of a shared machine slows both; the
    # best time of each (as timeit reports) is what the code costs, and each round's ratio
    # shows the spread.
    ours_runs, theirs_runs = [], []
    for _ in range(args.rounds):
        ours_runs.append(time_tagger(articles))
        if not args.skip_dateparser:
            theirs_runs.append(time_dateparser(articles))
    ours, ours_cpu, n_ours = min(ours_runs, key=lambda r: r[1])
    print(f"timeline.timex.tag        {ours:8.2f} s (CPU {ours_cpu:7.2f} s)  {words / ours:12,.0f} words/s  {n_ours:7,} expressions")
    if args.skip_dateparser:
        return
    theirs, theirs_cpu, n_theirs = min(theirs_runs, key=lambda r: r[1])
    print(f"dateparser.search_dates   {theirs:8.2f} s (CPU {theirs_cpu:7.2f} s)  {words / theirs:12,.0f} words/s  {n_theirs:7,} expressions")
    # CPU time is the fairer figure on a shared machine: another process's load adds wall time only
    print(f"ratio: timeline.timex is {theirs / ours:.1f}x faster (CPU time: {theirs_cpu / ours_cpu:.1f}x), best of each")
    if args.rounds > 1:
        each = ", ".join(f"{d[1] / t[1]:.1f}x" for t, d in zip(ours_runs, theirs_runs, strict=True))
        print(f"each round's CPU ratio: {each}")

if __name__ == "__main__":
    main()
