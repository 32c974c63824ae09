"""The tagger against TIMEX3 annotated by hand on news it was not written for (benchmarks/timex_handgold.json; the annotators' guide: benchmarks/timex_handgold_guide.md).

478 excerpts (the first ~1,500 characters of each article) in sixteen sets, each annotated and
first scored before any rule was written for it: a, 30 from the six Timeline17 piles; b to p,
18 from the piles and 10-12 from the TE3 silver corpus each. a, b, c (session 13), e, f, h,
i, j, k, l, m, n, o and p (session 14) were then studied: their classes of error, not their sentences, became rules; d
and g are held out (scored, not studied). The gold gives each expression by its article id
and character offsets, with TIMEX3 type and value, annotated by reading (TimeML 1.2.1
conventions, the annotators' guide beside this file) without any tagger; the texts are read
in place from ../shared/data. Scored as timex_eval.py scores TempEval-3: an expression is
found when it overlaps one of the gold (relaxed), its value right when equal.

Value F1 when each set was first scored blind, and after study (benchmarks/README.md):
a 83.5 -> 87.4 (88.2 after session 14); b 83.3 -> 85.1 blind -> 87.1 (87.5); c 76.5 -> 79.3 blind
-> 83.2; d 90.4 -> 92.1 blind, 92.5; e 86.6 blind -> 89.4; f 78.3 blind -> 80.6; g 89.8
blind, held out (the same before and after session 14's rules); h 87.4 blind -> 90.2; i 87.1
blind -> 88.7; j 87.6 blind -> 88.8; k 82.8 at session 14's start, 83.6 blind -> 85.6; l 87.5 blind -> 88.7;
m 88.8 at session 14's start, 89.6 blind -> 90.0; n 89.0 blind -> 90.8; o 91.6 blind -> 92.5; p 83.6 at
session 14's start, 84.8 blind -> 86.9.

Usage: python benchmarks/timex_handgold.py [--set a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p] [--show]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
from pathlib import Path

from timeline.model import Article
from timeline.timex import tag

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _source(name: str) -> Path:
    return DATA / "corpora" / "te3-silver.jsonl.gz" if name == "silver" else DATA / "tls" / name / "articles.jsonl.gz"


def _articles(wanted: set[tuple[str, str]]) -> dict[str, dict]:
    found = {}
    for source in sorted({s for s, _ in wanted}):
        ids = {i for s, i in wanted if s == source}
        with gzip.open(_source(source), "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] in ids:
                    found[record["id"]] = record
    return found


def _f1(hits: int, predicted: int, gold: int) -> float:
    p, r = hits / (predicted or 1), hits / (gold or 1)
    return 200 * p * r / ((p + r) or 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"), help="one half only")
    parser.add_argument("--show", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    gold = [g for g in json.loads((ROOT / "benchmarks" / "timex_handgold.json").read_text(encoding="utf-8")) if args.set in (None, g["set"])]
    texts = _articles({(g["source"], g["id"]) for g in gold})
    for name in sorted({g["set"] for g in gold}):
        counts = {"gold": 0, "predicted": 0, "found": 0, "value": 0}
        for entry in (g for g in gold if g["set"] == name):
            record = texts[entry["id"]]
            text = record["text"]
            article = Article(id=entry["id"], text=text, published=dt.date.fromisoformat(record["published"][:10]))
            predicted = [t for t in tag(article) if t.end <= entry["chars"]]
            counts["gold"] += len(entry["timexes"])
            counts["predicted"] += len(predicted)
            used: set[int] = set()
            for start, end, kind, value in entry["timexes"]:
                hit = next((t for t in predicted if t.start < end and start < t.end and id(t) not in used), None)
                if hit is None:
                    if args.show:
                        print(f"  missed    {entry['id']} {text[start:end]!r} {kind} {value}")
                    continue
                used.add(id(hit))
                counts["found"] += 1
                counts["value"] += hit.value == value
                if args.show and hit.value != value:
                    print(f"  value     {entry['id']} {text[start:end]!r} {value}: {text[hit.start:hit.end]!r} {hit.value}")
            for t in predicted:
                if args.show and id(t) not in used:
                    print(f"  spurious  {entry['id']} {text[t.start:t.end]!r} {t.type} {t.value}")
        found = _f1(counts["found"], counts["predicted"], counts["gold"])
        value = _f1(counts["value"], counts["predicted"], counts["gold"])
        print(f"{name:8} {counts['gold']:4d} gold {counts['predicted']:4d} predicted   relaxed F1 {found:5.1f}   value F1 {value:5.1f}")


if __name__ == "__main__":
    main()
