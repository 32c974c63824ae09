"""Linear time on hostile article shapes: a whole article on one line, and a run-on
"sentence" with no full stop, at 1k / 10k / 100k / 1M characters (issue 15).

For each size it prints the time to tag the dates (timex), to choose what to parse
(events' sentence windows), and how many characters go to the parser per character of
text (1.0: each word parsed once; before the fix a run-on sentence was parsed 24 times over,
once per 1,200-character window around each date). With --parse it also times the whole
event extraction (spaCy), which is slow at 1M characters.

Usage: python benchmarks/linear_scale.py [--parse] [--sizes 1000,10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from timeline import events, timex
from timeline.events import _dated_sentences  # the selection step, timed on its own
from timeline.events.lexicon import lexicon
from timeline.model import Article

SHAPES = {
    "one line, sentences": "Officials met in Geneva on Monday. Talks went on late into the night, a spokesman said on 3 May. ",
    "run-on, no full stops": "Officials met in Geneva on Monday and talks went on late into the night, a spokesman said on 3 May ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parse", action="store_true", help="also time the whole extraction (spaCy)")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    args = parser.parse_args()
    timex.tag(Article(id="warm", text="on 1 May 2016", published=dt.date(2016, 5, 5)))  # load the grammar first
    lex = lexicon()
    print(f"{'shape':24} {'chars':>10} {'tag s':>7} {'select s':>9} {'µs/char':>8} {'parsed/char':>12}" + ("  extract s" if args.parse else ""))
    for name, unit in SHAPES.items():
        for size in map(int, args.sizes.split(",")):
            text = (unit * (size // len(unit) + 1))[:size]
            article = Article(id="x", text=text, published=dt.date(2016, 5, 5))
            started = time.perf_counter()
            found = timex.tag(article)
            tagged = time.perf_counter()
            windows = _dated_sentences(article, found, lex)
            selected = time.perf_counter()
            line = (f"{name:24} {size:>10,} {tagged - started:7.2f} {selected - tagged:9.2f} "
                    f"{(selected - started) / size * 1e6:8.2f} {sum(e - s for s, e in windows) / size:12.2f}")
            if args.parse:
                started = time.perf_counter()
                events.extract(article, found)
                line += f"  {time.perf_counter() - started:9.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
