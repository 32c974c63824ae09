"""Score timeline.timex on the TempEval-3 dev data (TimeBank + AQUAINT) with the shared scorer.

usage: python benchmarks/timex_eval.py [--shared /work/shared] [--out PRED.jsonl] [--classes] [scorer options...]

Converts the gold .tml files with shared/eval/timeml.py, tags every document with
``timeline.timex.tag`` (DCT = publication date), writes PRED.jsonl and runs
shared/eval/timex_score.py on timebank, aquaint and both. Extra options (``--errors 30
--spurious``, ``--json``) are passed to the scorer's run on both subsets. ``--classes`` then
sorts every mistake on both subsets into a class (a spurious REF word, a week the gold leaves
unspecified, a part of day kept or dropped, ...) and prints the count of each, with
``--examples N`` the first N of each. ``--consistency`` counts the mistakes the gold itself
contradicts: the same phrase (whole words, any case) annotated elsewhere in the dev data the
way the tagger did (the same type and value shape, digits as 9, or no expression at all).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from timeline.model import Article
from timeline.timex import tag


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="/work/shared", help="the shared folder (eval/ and data/timeml/)")
    ap.add_argument("--out", default="/tmp/timex_pred.jsonl", help="where to write PRED.jsonl")
    ap.add_argument("--subset", choices=("timebank", "aquaint", "both", "all"), default="all")
    ap.add_argument("--classes", action="store_true", help="count the mistakes (both subsets) by class")
    ap.add_argument("--examples", type=int, default=0, help="with --classes: show the first N of each class")
    ap.add_argument("--consistency", action="store_true", help="count the mistakes the gold contradicts elsewhere")
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
    if args.classes:
        print_classes(docs, args.out, args.examples)
    if args.consistency:
        print_consistency(docs, args.out, args.examples)


_REF = re.compile(r"^(PRESENT|PAST|FUTURE)_REF$")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_PERIOD_RULES = frozenset({"year_ago", "the_unit_ago_period", "the_quarter", "latest_quarter", "year_quarter_period",
                           "quarter_ended", "period_last_year", "fiscal_year", "the_year"})


def _day(value: str) -> dt.date | None:
    m = _DAY.match(value)
    return dt.date.fromisoformat(m[1]) if m else None


def _wrong_class(gold: dict[str, Any], pred: dict[str, Any]) -> str:
    """Why a matched expression has the wrong value, as a class of mistakes."""
    gv, pv = gold["value"], pred["value"]
    no_part = re.compile(r"T(MO|AF|EV|NI)$")
    gd, pd = _day(gv), _day(pv)
    if re.search(r"W(XX|\d)$", gv) and re.search(r"W\d\d", pv) and not re.search(r"W\d\d$", gv):
        return "week left unspecified (WXX) or unpadded (W7) in the gold"
    if no_part.sub("", gv) == no_part.sub("", pv):
        return "part of day kept or dropped, or TEV for TNI"
    if gd and pd and abs((gd - pd).days) == 7:
        return "weekday a week off"
    if "Q" in gv + pv or pred["rule"] in _PERIOD_RULES:
        return "financial report: which quarter/year 'the quarter', 'a year earlier' mean"
    if gold["type"] != pred["type"]:
        return f"type: gold {gold['type']}, ours {pred['type']}"
    if _REF.match(gv) or _REF.match(pv):
        return "a REF value against a calendar value"
    if "X" in gv and pv.startswith(gv.split("X")[0].rstrip("-")):
        return "gold leaves digits unspecified (1949-XX, 199X, PXY) where we give them"
    if pv.startswith(gv) or gv.startswith(pv):
        return "precision: a day for a month or the reverse"
    if gd and pd:
        return "another day (anchor or tense)"
    if gv[:4].isdigit() and pv[:4].isdigit() and gv[:4] != pv[:4]:
        return "another year (direction of a month or season)"
    return "another value"


def _read_preds(pred_path: str) -> dict[str, list[dict[str, Any]]]:
    preds: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            preds[o["id"]].append(o)
    return preds


def print_classes(docs: dict[str, Any], pred_path: str, examples: int) -> None:
    """Every mistake on the dev data (both subsets) by class, most frequent first."""
    import timex_score  # type: ignore[import-not-found]  # the shared scorer, on sys.path

    preds = _read_preds(pred_path)
    found: dict[str, list[str]] = collections.defaultdict(list)
    for did, d in sorted(docs.items()):
        gold = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value.strip()} for t in d.timexes if t.end > t.start]
        pred = preds.get(did, [])
        pairs = timex_score.match_doc(gold, pred)
        for gi, pi in pairs:
            if gold[gi]["value"] != pred[pi]["value"]:
                g, p = gold[gi], pred[pi]
                found["wrong value: " + _wrong_class(g, p)].append(
                    f"{did} {d.text[g['start']:g['end']]!r}: gold {g['value']}, ours {p['value']} ({p['rule']})")
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                kind = "a REF word" if _REF.match(g["value"]) else g["type"]
                found[f"missed: {kind}"].append(f"{did} {d.text[g['start']:g['end']]!r}: gold {g['value']}")
        for pi, p in enumerate(pred):
            if pi not in matched_pred:
                kind = "a REF word" if _REF.match(p["value"]) else p["type"]
                found[f"spurious: {kind}"].append(f"{did} {p['text']!r}: ours {p['value']} ({p['rule']})")
    print("== mistakes by class (both)")
    for name, items in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"{len(items):5d}  {name}")
        for item in items[:examples]:
            print(f"         {item}")


def _shape(kind: str, value: str) -> str:
    return f"{kind}:{re.sub(r'[0-9]', '9', value)}"


def print_consistency(docs: dict[str, Any], pred_path: str, examples: int) -> None:
    """How many mistakes (wrong value, missed, spurious) are phrases the gold annotates, in
    another place, as the tagger did here: a choice the gold makes both ways."""
    import timex_score  # type: ignore[import-not-found]  # the shared scorer, on sys.path

    preds = _read_preds(pred_path)
    golds = {did: [t for t in d.timexes if t.end > t.start] for did, d in docs.items()}
    uses: dict[str, collections.Counter[str]] = {}

    def gold_uses(phrase: str) -> collections.Counter[str]:
        """The gold's annotation (shape) of every occurrence of ``phrase`` in the dev data."""
        if phrase not in uses:
            pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
            count: collections.Counter[str] = collections.Counter()
            for did, d in docs.items():
                for m in pattern.finditer(d.text):
                    over = [t for t in golds[did] if t.start < m.end() and t.end > m.start()]
                    count[_shape(over[0].type, over[0].value.strip()) if over else "-"] += 1
            uses[phrase] = count
        return uses[phrase]

    total: collections.Counter[str] = collections.Counter()
    both_ways: dict[str, list[str]] = collections.defaultdict(list)
    for did, d in sorted(docs.items()):
        gold = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value.strip()} for t in golds[did]]
        pred = preds.get(did, [])
        pairs = timex_score.match_doc(gold, pred)
        mistakes = [("wrong value", d.text[gold[gi]["start"]:gold[gi]["end"]], _shape(gold[gi]["type"], gold[gi]["value"]),
                     _shape(pred[pi]["type"], pred[pi]["value"])) for gi, pi in pairs if gold[gi]["value"] != pred[pi]["value"]]
        matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        mistakes += [("missed", d.text[g["start"]:g["end"]], _shape(g["type"], g["value"]), "-")
                     for gi, g in enumerate(gold) if gi not in matched_gold]
        mistakes += [("spurious", p["text"], "-", _shape(p["type"], p["value"])) for pi, p in enumerate(pred) if pi not in matched_pred]
        for kind, phrase, here, ours in mistakes:
            total[kind] += 1
            elsewhere = gold_uses(phrase.strip(" .,"))
            if here != ours and elsewhere.get(ours, 0):
                both_ways[kind].append(f"{did} {phrase!r}: gold {here}, ours {ours}; the gold on all its uses: {dict(elsewhere)}")
    print("== mistakes the gold contradicts (both): the same phrase annotated elsewhere as we did")
    for kind in ("wrong value", "missed", "spurious"):
        print(f"{len(both_ways[kind]):5d} of {total[kind]:4d}  {kind}")
        for item in both_ways[kind][:examples]:
            print(f"         {item}")
    print(f"{sum(map(len, both_ways.values())):5d} of {sum(total.values()):4d}  all")


if __name__ == "__main__":
    main()
