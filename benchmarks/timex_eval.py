"""Score timeline.timex on the TempEval-3 dev data (TimeBank + AQUAINT) with the shared scorer.

usage: python benchmarks/timex_eval.py [--shared /work/shared] [--out PRED.jsonl] [scorer options...]

Converts the gold .tml files with shared/eval/timeml.py, tags every document with
``timeline.timex.tag`` (DCT = publication date), writes PRED.jsonl and runs
shared/eval/timex_score.py on timebank, aquaint and both. Extra options (``--errors 30
--spurious``, ``--json``) are passed to the scorer's run on both subsets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

from timeline.model import Article
from timeline.timex import tag


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="/work/shared", help="the shared folder (eval/ and data/timeml/)")
    ap.add_argument("--out", default="/tmp/timex_pred.jsonl", help="where to write PRED.jsonl")
    ap.add_argument("--subset", choices=("timebank", "aquaint", "both", "all"), default="all")
    args, scorer_args = ap.parse_known_args(argv)
    shared = Path(args.shared)
    sys.path.insert(0, str(shared / "eval"))
    import timeml  # type: ignore[import-not-found]  # the shared reader, stdlib only

    data = shared / "data" / "timeml"
    docs = timeml.read_dir(str(data))
    started = time.perf_counter()
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for did in sorted(docs):
            d = docs[did]
            article = Article(id=did, text=d.text, published=dt.date.fromisoformat(d.dct))
            for t in tag(article):
                n += 1
                out.write(json.dumps({"id": did, "start": t.start, "end": t.end, "type": t.type,
                                      "value": t.value, "text": t.text, "rule": t.rule}) + "\n")
    took = time.perf_counter() - started
    print(f"{len(docs)} documents, {n} timexes tagged in {took:.2f} s -> {args.out}", file=sys.stderr)
    subsets = {"timebank": [data / "timebank"], "aquaint": [data / "aquaint"], "both": [data]}
    chosen = list(subsets) if args.subset == "all" else [args.subset]
    for name in chosen:
        extra = scorer_args if name == "both" or args.subset != "all" else []
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, str(shared / "eval" / "timex_score.py"), str(subsets[name][0]), args.out, *extra], check=True)


if __name__ == "__main__":
    main()
