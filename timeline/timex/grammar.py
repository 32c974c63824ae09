"""Load the temporal grammar (timeline/rules/<lang>/*.toml) into one compiled scanner.

Three kinds of data, as in HeidelTime: pattern lists (``patterns.toml``), normalization
tables (``norm.toml``) and rules combining them by name (every other ``*.toml``). Loading
parses each rule into a frozen ``Rule``, validates it (unknown ``%pattern``, bad regex,
empty match, unknown table, group out of range) and raises ``RuleError`` naming the file
and the rule. Nothing happens at import time: ``grammar()`` is cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from timeline.rulefile import RULES_ROOT, Field, RuleError, check, read
from timeline.timex.firstchars import ANY, DIGIT, first_chars, first_pairs, guard
from timeline.timex.normalize import FUNCTIONS, table_key
from timeline.timex.regexcache import compile_many

# Rule files in the order their rules are tried at one position (then by priority):
# sets and times before dates ("every day", "10 p.m. Wednesday"), dates before
# durations ("three days ago" before "three days").
RULE_FILES = ("set.toml", "time.toml", "date.toml", "duration.toml")
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

_REF = re.compile(r"%([a-z][a-z0-9_]*)")
_FIELD = re.compile(r"\{(?:([a-z][a-z0-9_]*):)?([0-9]+)\}")
_PLAIN_GROUP = re.compile(r"(?<!\\)\((?!\?)")


@dataclass(frozen=True)
class Rule:
    """One grammar rule, parsed and validated."""

    name: str
    pattern: str  # as written in the file
    regex: str  # %names expanded, spaces generalized
    groups: int
    type: str
    value: str  # template, see date.toml
    mod: str
    priority: int
    examples: tuple[tuple[str, str, str], ...]
    source: str  # "rules/en/date.toml"
    # Texts that must give no expression at all: what the rule's guards keep out.
    counterexamples: tuple[tuple[str, str], ...] = ()
    # Context a match may not have: a regex the text before it may not end with, and one
    # the text after it may not start with (the number of "11.1052", "Resolution 1718").
    not_preceded_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Scanner:
    """One regex joining some rules (in priority order); group ``offsets[i]`` is rule i's."""

    regex: Any  # compiled regex
    rules: tuple[int, ...]  # indices into Grammar.rules
    offsets: tuple[int, ...]
    by_group: dict[int, int]  # outer group index -> index into Grammar.rules


@dataclass(frozen=True)
class Grammar:
    """All rules of a language and the regexes that find them.

    ``scanner`` joins every rule. ``starts`` maps a lower-cased first word (``DIGIT`` for a
    number) and the word after it (``ANY``: any other word) to the rules that can start
    with those two words, so that at a word the engine tries a handful of rules instead
    of all of them (15-40x faster). Rules whose first words cannot be listed ("Q3": letters
    and digits in one word) go to ``elsewhere``, searched over the whole text; with
    ``starts`` None, ``scanner`` alone runs over the whole text (the reference behaviour).
    """

    rules: tuple[Rule, ...]
    tables: dict[str, dict[str, str]]
    patterns: dict[str, str]  # name -> non-capturing alternation
    starts: dict[str, dict[str, tuple[int, ...]]] | None
    first_word: Any = None  # compiled regex finding the words in ``starts`` (a trie)
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


@functools.cache
def grammar(lang: str = "en") -> Grammar:
    """The compiled grammar of ``lang``, loaded once on first use."""
    return load(RULES_ROOT / lang)


def load(folder: Path) -> Grammar:
    """Read, validate and compile the rule files in ``folder``."""
    label = f"rules/{folder.name}"
    patterns = _load_patterns(folder / "patterns.toml", f"{label}/patterns.toml")
    tables = _load_tables(folder / "norm.toml", f"{label}/norm.toml")
    rules: list[Rule] = []
    for name in RULE_FILES:
        path = folder / name
        if path.exists():
            rules.extend(_load_rules(path, f"{label}/{name}", patterns, tables))
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RuleError(rule.source, "duplicate rule name", f"rule {rule.name!r}")
        seen.add(rule.name)
    order = sorted(range(len(rules)), key=lambda i: -rules[i].priority)  # stable: file order
    rules = [rules[i] for i in order]
    return _compile(tuple(rules), tables, patterns)


def _load_patterns(path: Path, label: str) -> dict[str, str]:
    raw = read(path).get("patterns", {})
    expanded: dict[str, str] = {}

    def expand(name: str, stack: tuple[str, ...]) -> str:
        if name in expanded:
            return expanded[name]
        if name in stack:
            raise RuleError(label, f"pattern refers to itself via %{name}", f"pattern {stack[0]!r}")
        alts = raw.get(name)
        if not isinstance(alts, list) or not alts or not all(isinstance(a, str) and a for a in alts):
            raise RuleError(label, "must be a non-empty list of strings", f"pattern {name!r}")

        def inner(m: re.Match[str]) -> str:
            if m[1] not in raw:
                raise RuleError(label, f"unknown pattern %{m[1]}", f"pattern {name!r}")
            return expand(m[1], (*stack, name))

        parts = [_PLAIN_GROUP.sub("(?:", _spaces(_REF.sub(inner, a))) for a in alts]
        # Longest alternative first, so "Sept." is tried before "Sep" (leftmost-first engine).
        parts.sort(key=len, reverse=True)
        result = "(?:" + "|".join(f"(?:{p})" for p in parts) + ")"
        try:
            re.compile(result)
        except re.error as err:
            raise RuleError(label, f"bad regex: {err}", f"pattern {name!r}") from err
        expanded[name] = result
        return result

    for name in raw:
        expand(name, ())
    return expanded


def _load_tables(path: Path, label: str) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for name, table in read(path).items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise RuleError(label, "must map strings to strings", f"table {name!r}")
        if name in FUNCTIONS:
            raise RuleError(label, "name taken by a normalization function", f"table {name!r}")
        tables[name] = {table_key(k): v for k, v in table.items()}
    return tables


def _spaces(fragment: str) -> str:
    """A space in a rule matches any whitespace; an optional space (" ?") any or none."""
    return fragment.replace(" ?", r"\s*").replace(" ", r"\s+")


_RULE_FIELDS = {
    "name": Field.TEXT, "pattern": Field.TEXT, "type": Field.TEXT, "value": Field.TEXT, "mod": Field.TEXT,
    "priority": Field.INTEGER, "examples": Field.LIST, "counterexamples": Field.LIST,
    "not_preceded_by": Field.TEXT, "not_followed_by": Field.TEXT,
}


def _load_rules(path: Path, label: str, patterns: dict[str, str], tables: dict[str, dict[str, str]]) -> list[Rule]:
    data = read(path)
    rules = []
    for i, raw in enumerate(data.get("rule", [])):
        name = raw.get("name") if isinstance(raw, dict) and isinstance(raw.get("name"), str) else f"#{i + 1}"
        where = f"rule {name!r}"
        check(raw, _RULE_FIELDS, ("name", "pattern", "type", "value"), label, where)
        for key in ("name", "pattern", "type", "value"):
            if not raw[key]:
                raise RuleError(label, f"empty {key}", where)
        if raw["type"] not in TYPES:
            raise RuleError(label, f"type must be one of {', '.join(sorted(TYPES))}, not {raw['type']!r}", where)

        def ref(m: re.Match[str], where: str = where) -> str:
            if m[1] not in patterns:
                raise RuleError(label, f"unknown pattern %{m[1]}", where)
            return "(" + patterns[m[1]] + ")"

        rx = _spaces(_REF.sub(ref, raw["pattern"]))
        try:
            compiled = re.compile(rx, re.IGNORECASE)
        except re.error as err:
            raise RuleError(label, f"bad regex: {err}", where) from err
        if compiled.match(""):
            raise RuleError(label, "pattern matches the empty string", where)
        for template in (raw["value"], raw.get("mod", "")):
            _check_template(template, compiled.groups, tables, label, where)
        examples = raw.get("examples", [])
        if not examples or not all(isinstance(e, list) and len(e) == 3 and all(isinstance(x, str) for x in e) for e in examples):
            raise RuleError(label, "needs examples = [[text, anchor date, value], ...]", where)
        counter = raw.get("counterexamples", [])
        if not isinstance(counter, list) or not all(
            isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e) for e in counter
        ):
            raise RuleError(label, "counterexamples must be [[text, anchor date], ...]", where)
        rules.append(Rule(
            name=name, pattern=raw["pattern"], regex=rx, groups=compiled.groups, type=raw["type"],
            value=raw["value"], mod=raw.get("mod", ""), priority=int(raw.get("priority", 0)),
            examples=tuple(tuple(e) for e in examples), source=label,  # type: ignore[misc]
            counterexamples=tuple(tuple(e) for e in counter),  # type: ignore[misc]
            not_preceded_by=_context(raw, "not_preceded_by", patterns, label, where, r"(?:{})$"),
            not_followed_by=_context(raw, "not_followed_by", patterns, label, where, r"(?:{})"),
        ))
    return rules


def _context(raw: dict[str, Any], key: str, patterns: dict[str, str], label: str, where: str, shape: str) -> re.Pattern[str] | None:
    """The compiled context regex of a rule (``not_preceded_by``: anchored at the end of the
    text before the match; ``not_followed_by``: matched at its end), or None."""
    source = raw.get(key)
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise RuleError(label, f"{key} must be a non-empty regex", where)

    def ref(m: re.Match[str]) -> str:
        if m[1] not in patterns:
            raise RuleError(label, f"unknown pattern %{m[1]} in {key}", where)
        return patterns[m[1]]

    try:
        return re.compile(shape.format(_spaces(_REF.sub(ref, source))), re.IGNORECASE)
    except re.error as err:
        raise RuleError(label, f"bad regex in {key}: {err}", where) from err


def _check_template(template: str, groups: int, tables: dict[str, dict[str, str]], label: str, where: str) -> None:
    for m in _FIELD.finditer(template):
        table, group = m[1], int(m[2])
        if group < 1 or group > groups:
            raise RuleError(label, f"template {m[0]} refers to group {group}, the pattern has {groups}", where)
        if table and table not in tables and table not in FUNCTIONS:
            raise RuleError(label, f"unknown normalization {table!r} in {m[0]}", where)


def _compile(rules: tuple[Rule, ...], tables: dict[str, dict[str, str]], patterns: dict[str, str]) -> Grammar:
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
    # Every scanner a text can need is compiled now, through the regex cache: from its file
    # this takes a few milliseconds, and a process pool forked afterwards shares them. The
    # one over all rules is needed only where no first word can be listed: it compiles on use.
    wanted = sorted({ix for seconds_of in starts.values() for ix in seconds_of.values() if ix} | {(i,) for i in range(len(rules))})
    if rest:
        wanted.append(tuple(rest))
    sources = [_scanner_source(rules, ix) for ix in wanted]
    compiled = compile_many([(first_word_source, re.IGNORECASE), *((src, re.IGNORECASE) for src, _ in sources)])
    g = Grammar(rules, tables, patterns, starts, compiled[0])
    for ix, (_, offsets), regex in zip(wanted, sources, compiled[1:], strict=True):
        g._scanners[ix] = Scanner(regex, ix, offsets, dict(zip(offsets, ix, strict=True)))
    return replace(g, elsewhere=g._scanners[tuple(rest)]) if rest else g


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
