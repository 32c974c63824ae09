"""The fast path of the grammar: which rules can start at a word, and their joined regexes.

``build`` takes the loaded rules (``grammar.py``) and makes an ``Index``. ``starts`` maps a
lower-cased first word (``DIGIT`` for a number) and the word after it (``ANY``: any other
word) to the rules that can start with those two words, so that at a word the tagger tries
a handful of rules instead of all of them (15-40x faster). Rules whose first words cannot
be listed ("Q3": letters and digits in one word) go to ``elsewhere``, searched over the
whole text; with ``starts`` None, ``scanner`` alone runs over the whole text (the reference
behaviour, which the fast path must equal). Nothing here changes what the rules find.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.timex import firstchars
from timeline.timex.firstchars import ANY, DIGIT, first_chars, first_pairs, guard
from timeline.timex.regexcache import compile_many, remember

if TYPE_CHECKING:
    from timeline.timex.grammar import Rule


@dataclass(frozen=True)
class Scanner:
    """One regex joining some rules (in priority order); group ``offsets[i]`` is rule i's."""

    regex: Any  # compiled regex
    rules: tuple[int, ...]  # indices into Grammar.rules
    offsets: tuple[int, ...]
    by_group: dict[int, int]  # outer group index -> index into Grammar.rules


@dataclass(frozen=True)
class Index:
    """The rules of a grammar by their first two words, and the regexes that find them."""

    rules: tuple[Rule, ...]
    starts: dict[str, dict[str, tuple[int, ...]]] | None
    first_word: Any = None  # compiled regex finding the words in ``starts`` (a trie)
    first_word_lower: Any = None  # the same, case-sensitive, for a lower-cased text (2x faster)
    elsewhere: Scanner | None = None  # rules whose first words cannot be listed
    _scanners: dict[tuple[int, ...], Scanner] = field(default_factory=dict, compare=False, repr=False)

    @property
    def scanner(self) -> Scanner:
        """All rules as one regex: the plain way to tag, which the fast path must equal."""
        return self.scanner_for(tuple(range(len(self.rules))))

    def scanner_for(self, indices: tuple[int, ...]) -> Scanner:
        """The regex of these rules, compiled on first use (most subsets never occur)."""
        found = self._scanners.get(indices)
        if found is None:
            found = self._scanners[indices] = _scanner(self.rules, indices)
        return found

    def plain(self) -> Index:
        """The same rules without the fast path: one scanner over the whole text."""
        return Index(self.rules, None)


def build(rules: tuple[Rule, ...]) -> Index:
    """The index of these rules, with every scanner a text can need compiled."""
    plan = _cached_plan(rules)
    starts = {w1: {w2: tuple(ix) for w2, ix in by_second.items()} for w1, by_second in plan["starts"].items()}
    wanted = [(tuple(ix), source, tuple(offsets)) for ix, source, offsets in plan["scanners"]]
    rest = tuple(plan["rest"])
    # Every scanner a text can need is compiled now, through the regex cache: from its file
    # this takes a few milliseconds, and a process pool forked afterwards shares them. The
    # one over all rules is needed only where no first word can be listed: it compiles on use.
    heads = [(plan["first_word"], re.IGNORECASE), (plan["first_word"], 0)]
    compiled = compile_many([*heads, *((source, re.IGNORECASE) for _, source, _ in wanted)])
    index = Index(rules, starts, compiled[0], compiled[1])
    for (ix, _, offsets), regex in zip(wanted, compiled[len(heads):], strict=True):
        index._scanners[ix] = Scanner(regex, ix, offsets, dict(zip(offsets, ix, strict=True)))
    return replace(index, elsewhere=index._scanners[rest]) if rest else index


def _cached_plan(rules: tuple[Rule, ...]) -> dict[str, Any]:
    """``_plan`` of these rules, kept between runs (``regexcache.remember``): working it out
    parses every rule's regex in Python, most of the grammar's load time. It depends on the
    rules' regexes, on the code that reads them and on the Python whose regex parser it uses:
    all three make the key."""
    code = "".join(Path(module.__file__ or "").read_text(encoding="utf-8") for module in (sys.modules[__name__], firstchars))
    key = "\0".join([sys.version, code, *(rule.regex for rule in rules)])
    return remember("index", key, lambda: _plan(rules))  # type: ignore[no-any-return]


def _plan(rules: tuple[Rule, ...]) -> dict[str, Any]:
    """Which rules can start with which two words, the regex of those words, and the source
    and group offsets of every scanner: plain data (JSON), compiled by ``build``."""
    pairs: dict[str, dict[str, list[int]]] = {}
    rest: list[int] = []
    for i, rule in enumerate(rules):
        first = first_pairs(rule.regex)
        if first is None:  # "Q3", "FY2016": searched over the whole text instead
            rest.append(i)
            continue
        for w1, w2 in first:
            rule_list = pairs.setdefault(w1, {}).setdefault(w2, [])
            if i not in rule_list:
                rule_list.append(i)
    starts: dict[str, dict[str, tuple[int, ...]]] = {}
    for w1, by_second in pairs.items():
        anyway = by_second.get(ANY, [])  # rules that may be one word long apply before any word
        starts[w1] = {w2: tuple(sorted(set(idx) | set(anyway))) for w2, idx in by_second.items()}
        starts[w1].setdefault(ANY, tuple(sorted(anyway)))
    # Group 1: a word some rule starts with; group 2: the word after it, if any. A word
    # that starts rules only before certain words ("the": "the third quarter", "the past")
    # must be followed by one of them, so the search skips most "the"s in C.
    ends = {}
    for w1, seconds_of in starts.items():
        if w1 == DIGIT:
            continue
        ends[w1] = r"(?!\w)"
        if not seconds_of[ANY]:
            seconds = sorted(w for w in seconds_of if w not in (ANY, DIGIT))
            number = ["'?[0-9]"] if DIGIT in seconds_of else []
            words = [_trie({w: r"(?!\w)" for w in seconds})] if seconds else []
            ends[w1] += r"(?=\W*(?:" + "|".join([*number, *words]) + "))"
    first_word_source = r"(?<!\w)('?[0-9]|" + _trie(ends) + r")(?=\w*\W*?('?[0-9]|[A-Za-z]+))?"
    wanted = sorted({ix for seconds_of in starts.values() for ix in seconds_of.values() if ix} | {(i,) for i in range(len(rules))})
    if rest:
        wanted.append(tuple(rest))
    scanners = [[list(ix), *_scanner_source(rules, ix)] for ix in wanted]
    return {
        "starts": {w1: {w2: list(ix) for w2, ix in by_second.items()} for w1, by_second in starts.items()},
        "first_word": first_word_source,
        "scanners": [[ix, source, list(offsets)] for ix, source, offsets in scanners],
        "rest": rest,
    }


@functools.lru_cache(maxsize=2)
def lowered(text: str) -> str | None:
    """``text`` lower-cased for case-sensitive regexes (twice as fast as ignoring case), or
    None where that would move offsets ("İ" lower-cases to two characters)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _trie(words: dict[str, str]) -> str:
    """A regex matching each word followed by its own ``words[word]`` (a regex), prefixes
    shared, so a failing position costs a character test or two, not one per word."""
    tree: dict[str, Any] = {}
    for word, end in words.items():
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = end

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append(node[""])
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(f"(?:{b})" for b in branches) + ")"

    return emit(tree)


@functools.cache
def _guarded(pattern: str) -> str:
    return guard(pattern)


@functools.cache
def _first_chars(pattern: str) -> frozenset[str] | None:
    return first_chars(pattern)


def _scanner(rules: tuple[Rule, ...], indices: tuple[int, ...]) -> Scanner:
    """Join the rules into one alternation; each rule's groups keep their numbers + offset."""
    source, offsets = _scanner_source(rules, indices)
    compiled = re.compile(source, re.IGNORECASE)
    return Scanner(compiled, indices, offsets, dict(zip(offsets, indices, strict=True)))


def _scanner_source(rules: tuple[Rule, ...], indices: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """The alternation of these rules as a regex source, and each rule's group offset."""
    parts, offsets = [], []
    index = 1
    for i in indices:
        rule = rules[i]
        offsets.append(index)
        parts.append(f"({_guarded(rule.regex)})")  # the guard makes a hopeless rule fail fast
        index += 1 + rule.groups
    # A match may not start or end inside a word. A look-ahead on the first characters of
    # all these rules lets a search skip most positions fast (2-3x for whole-text searches).
    starts = [_first_chars(rules[i].regex) for i in indices]
    ahead = ""
    if all(starts):
        chars = sorted(set().union(*starts))  # type: ignore[arg-type]
        ahead = "(?=[" + "".join(re.escape(c) for c in chars) + "])"
    return ahead + r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", tuple(offsets)
