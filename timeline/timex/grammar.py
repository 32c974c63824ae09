"""Load the temporal grammar (timeline/rules/<lang>/*.toml): rules parsed, checked, indexed.

Three kinds of data, as in HeidelTime: pattern lists (``patterns.toml``), normalization
tables (``norm.toml``) and rules combining them by name (every other ``*.toml``). A rule's
pattern names its groups: ``%month`` inserts the list ``month`` as the group ``month``
(``%month@end`` as the group ``end``, for a list used twice), and ``(?P<day>...)`` names a
group of the rule's own; its templates refer to groups by name (``{year4}-{month:month}``,
as ctparse's rules do), so that editing a pattern never shifts what a template reads.
Loading parses each rule into a frozen ``Rule``, checks it (unknown ``%pattern``, bad
regex, empty match, an unnamed group, a template naming no group or no table) and raises
``RuleError`` naming the file and the rule; then ``index.build`` makes the fast path.
Nothing happens at import time: ``grammar()`` is cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.rulefile import RULES_ROOT, Field, RuleError, check, read
from timeline.timex.index import Index, build
from timeline.timex.normalize import FUNCTIONS, table_key
from timeline.timex.regexcache import compile_many, remember

# Rule files in the order their rules are tried at one position (then by priority):
# sets and times before dates ("every day", "10 p.m. Wednesday"), dates before
# durations ("three days ago" before "three days").
RULE_FILES = ("set.toml", "time.toml", "date.toml", "duration.toml")
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

_REF = re.compile(r"%([a-z][a-z0-9_]*)")
_NAMED_REF = re.compile(r"%([a-z][a-z0-9_]*)(?:@([a-z][a-z0-9_]*))?")
_FIELD = re.compile(r"\{(?:([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?):)?([a-z][a-z0-9_]*)\}")
_PLAIN_GROUP = re.compile(r"(?<!\\)\((?!\?)")
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P<[a-z][a-z0-9_]*>")

# A template, parsed: literal text, or (table or function or None, group number) to fill in.
Template = tuple[str | tuple[str | None, int], ...]


@dataclass(frozen=True)
class Rule:
    """One grammar rule, parsed and checked."""

    name: str
    pattern: str  # as written in the file
    regex: str  # %names expanded, spaces generalized, group names dropped (rules are joined)
    groups: int
    type: str
    value: str  # template as written, see date.toml
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
    fill: Template = ()  # ``value`` with group names turned into numbers
    fill_mod: Template = ()


@dataclass(frozen=True)
class Grammar:
    """All rules of a language, its tables and lists, and the index that finds the rules."""

    rules: tuple[Rule, ...]
    tables: dict[str, dict[str, str]]
    patterns: dict[str, str]  # name -> non-capturing alternation
    index: Index


@functools.cache
def grammar(lang: str = "en") -> Grammar:
    """The compiled grammar of ``lang``, loaded once on first use."""
    return load(RULES_ROOT / lang)


@functools.cache
def norm_tables(lang: str = "en") -> dict[str, dict[str, str]]:
    """The normalization tables of ``lang`` (``norm.toml``) alone, without compiling its rules
    (which takes seconds): for a stage that only needs a word list, such as the weekdays."""
    tables, _ = _load_tables(RULES_ROOT / lang / "norm.toml", f"rules/{lang}/norm.toml")
    return tables


class _Compiler:
    """``re.compile`` for the rule files, handing out the patterns compiled beforehand (from
    the regex cache) and noting every one asked for."""

    def __init__(self, known: dict[tuple[str, int], re.Pattern[str]]) -> None:
        self.known = known
        self.asked: list[tuple[str, int]] = []

    def __call__(self, source: str, flags: int = 0) -> re.Pattern[str]:
        self.asked.append((source, flags))
        return self.known.get((source, flags)) or re.compile(source, flags)


def load(folder: Path) -> Grammar:
    """Read, check and index the rule files in ``folder``.

    Compiling the rules' few hundred regexes is most of the load; which ones a folder's files
    need is kept between runs (``regexcache.remember``, keyed by the files and this code), so that
    the next load compiles them all at once through the regex cache (a missing file is
    reported by the load itself)."""
    files = [folder / name for name in ("norm.toml", "patterns.toml", *RULE_FILES)]
    contents = [f"{path.name}\0{path.read_text(encoding='utf-8') if path.exists() else ''}" for path in files]
    key = "\0".join([Path(__file__).read_text(encoding="utf-8"), *contents])  # this code says which regexes
    first: list[Grammar] = []

    def noted() -> list[list[Any]]:
        compiler = _Compiler({})
        first.append(_load(folder, compiler))
        return [[source, flags] for source, flags in dict.fromkeys(compiler.asked)]

    asked = [(source, flags) for source, flags in remember("grammar", key, noted)]
    if first:
        return first[0]
    return _load(folder, _Compiler(dict(zip(asked, compile_many(asked), strict=True))))


def _load(folder: Path, compile: _Compiler) -> Grammar:
    label = f"rules/{folder.name}"
    tables, lists = _load_tables(folder / "norm.toml", f"{label}/norm.toml")
    patterns = _load_patterns(folder / "patterns.toml", f"{label}/patterns.toml", lists, compile)
    rules: list[Rule] = []
    for name in RULE_FILES:
        path = folder / name
        if path.exists():
            rules.extend(_load_rules(path, f"{label}/{name}", patterns, tables, compile))
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RuleError(rule.source, "duplicate rule name", f"rule {rule.name!r}")
        seen.add(rule.name)
    order = sorted(range(len(rules)), key=lambda i: -rules[i].priority)  # stable: file order
    ordered = tuple(rules[i] for i in order)
    return Grammar(ordered, tables, patterns, build(ordered))


def _load_patterns(path: Path, label: str, lists: dict[str, list[str]], compile: _Compiler) -> dict[str, str]:
    """The pattern lists of ``path`` and those the tables' rows make, each expanded into one
    non-capturing alternation."""
    raw = read(path).get("patterns", {})
    if twice := sorted(raw.keys() & lists.keys()):
        raise RuleError(label, "also made by the rows of norm.toml that list it: keep one", f"pattern {twice[0]!r}")
    raw = {**raw, **lists}
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
            compile(result)
        except re.error as err:
            raise RuleError(label, f"bad regex: {err}", f"pattern {name!r}") from err
        expanded[name] = result
        return result

    for name in raw:
        expand(name, ())
    return expanded


def _load_tables(path: Path, label: str) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """The normalization tables, and the pattern lists their rows join.

    A row is a string, or a table of strings for a word with several parts, read as the
    tables ``name.field`` (``relative.offset``); its ``lists`` names pattern lists the
    word joins, so that a word is added in one place."""
    tables: dict[str, dict[str, str]] = {}
    lists: dict[str, list[str]] = {}
    for name, table in read(path).items():
        place = f"table {name!r}"
        if not isinstance(table, dict):
            raise RuleError(label, "must be a table", place)
        if name in FUNCTIONS:
            raise RuleError(label, "name taken by a normalization function", place)
        if all(isinstance(v, str) for v in table.values()):
            tables[name] = {table_key(k): v for k, v in table.items()}
            continue
        fields: set[str] | None = None
        for key, row in table.items():
            if not isinstance(row, dict) or not all(isinstance(v, str) for f, v in row.items() if f != "lists"):
                raise RuleError(label, "rows must all be strings, or all tables of strings", f"{place} {key!r}")
            parts = set(row) - {"lists"}
            if fields is not None and parts != fields:
                raise RuleError(label, f"has fields {', '.join(sorted(parts))}; the rows before it {', '.join(sorted(fields))}", f"{place} {key!r}")
            fields = parts
            for field in parts:
                tables.setdefault(f"{name}.{field}", {})[table_key(key)] = row[field]
            joins = row.get("lists", [])
            if not isinstance(joins, list) or not all(isinstance(j, str) for j in joins) or (joins and not key):
                raise RuleError(label, "lists must be a list of pattern names (and the key a word)", f"{place} {key!r}")
            for join in joins:
                lists.setdefault(join, []).append(key)
    return tables, lists


def _spaces(fragment: str) -> str:
    """A space in a rule matches any whitespace; an optional space (" ?") any or none."""
    return fragment.replace(" ?", r"\s*").replace(" ", r"\s+")


_RULE_FIELDS = {
    "name": Field.TEXT, "pattern": Field.TEXT, "type": Field.TEXT, "value": Field.TEXT, "mod": Field.TEXT,
    "priority": Field.INTEGER, "examples": Field.LIST, "counterexamples": Field.LIST,
    "not_preceded_by": Field.TEXT, "not_followed_by": Field.TEXT,
}


def _load_rules(path: Path, label: str, patterns: dict[str, str], tables: dict[str, dict[str, str]], compile: _Compiler) -> list[Rule]:
    rules = []
    for i, raw in enumerate(read(path).get("rule", [])):
        named = isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"]
        where = f"rule {raw['name'] if named else f'#{i + 1}'!r}"
        check(raw, _RULE_FIELDS, ("name", "pattern", "type", "value"), label, where)
        for key in ("name", "pattern", "type", "value"):
            if not raw[key]:
                raise RuleError(label, f"empty {key}", where)
        if raw["type"] not in TYPES:
            raise RuleError(label, f"type must be one of {', '.join(sorted(TYPES))}, not {raw['type']!r}", where)
        named_rx, compiled = _pattern(raw["pattern"], patterns, label, where, compile)
        fill = _template(raw["value"], compiled.groupindex, tables, label, where)
        fill_mod = _template(raw.get("mod", ""), compiled.groupindex, tables, label, where)
        examples = raw.get("examples", [])
        if not examples or not all(isinstance(e, list) and len(e) == 3 and all(isinstance(x, str) for x in e) for e in examples):
            raise RuleError(label, "needs examples = [[text, anchor date, value], ...]", where)
        counter = raw.get("counterexamples", [])
        if not all(isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e) for e in counter):
            raise RuleError(label, "counterexamples must be [[text, anchor date], ...]", where)
        rules.append(Rule(
            name=raw["name"], pattern=raw["pattern"], regex=_GROUP_NAME.sub("(", named_rx), groups=compiled.groups,
            type=raw["type"], value=raw["value"], mod=raw.get("mod", ""), priority=int(raw.get("priority", 0)),
            examples=tuple(tuple(e) for e in examples), source=label,  # type: ignore[misc]
            counterexamples=tuple(tuple(e) for e in counter),  # type: ignore[misc]
            not_preceded_by=_context(raw, "not_preceded_by", patterns, label, where, r"(?:{})$", compile),
            not_followed_by=_context(raw, "not_followed_by", patterns, label, where, r"(?:{})", compile),
            fill=fill, fill_mod=fill_mod,
        ))
    return rules


def _pattern(pattern: str, patterns: dict[str, str], label: str, where: str, compile: _Compiler) -> tuple[str, re.Pattern[str]]:
    """A rule's pattern with its lists inserted as named groups, and that regex compiled."""

    def ref(m: re.Match[str]) -> str:
        if m[1] not in patterns:
            raise RuleError(label, f"unknown pattern %{m[1]}", where)
        return f"(?P<{m[2] or m[1]}>{patterns[m[1]]})"

    rx = _spaces(_NAMED_REF.sub(ref, pattern))
    try:
        compiled = compile(rx, re.IGNORECASE)
    except re.error as err:
        hint = " (a list used twice needs a name of its own: %weekday@second)" if "redefinition" in str(err) else ""
        raise RuleError(label, f"bad regex: {err}{hint}", where) from err
    if compiled.match(""):
        raise RuleError(label, "pattern matches the empty string", where)
    if compiled.groups != len(compiled.groupindex) or "(?P=" in rx:
        raise RuleError(label, "a group without a name: write (?:...), or (?P<name>...) for a template to read", where)
    return rx, compiled


def _template(template: str, groups: Any, tables: dict[str, dict[str, str]], label: str, where: str) -> Template:
    """``template`` parsed, its group names turned into numbers; a RuleError if it names a
    group the pattern lacks or a table that does not exist."""
    parts: list[str | tuple[str | None, int]] = []
    at = 0
    for m in _FIELD.finditer(template):
        table, group = m[1], m[2]
        if group not in groups:
            raise RuleError(label, f"template {m[0]} names no group of the pattern (it has: {', '.join(groups)})", where)
        if table and table not in tables and table not in FUNCTIONS:
            raise RuleError(label, f"unknown normalization {table!r} in {m[0]}", where)
        if m.start() > at:
            parts.append(template[at:m.start()])
        parts.append((table, groups[group]))
        at = m.end()
    if at < len(template):
        parts.append(template[at:])
    return tuple(parts)


def _context(raw: dict[str, Any], key: str, patterns: dict[str, str], label: str, where: str, shape: str, compile: _Compiler) -> re.Pattern[str] | None:
    """The compiled context regex of a rule (``not_preceded_by``: anchored at the end of the
    text before the match; ``not_followed_by``: matched at its end), or None."""
    source = raw.get(key)
    if source is None:
        return None
    if not source:
        raise RuleError(label, f"{key} must be a non-empty regex", where)

    def ref(m: re.Match[str]) -> str:
        if m[1] not in patterns:
            raise RuleError(label, f"unknown pattern %{m[1]} in {key}", where)
        return patterns[m[1]]

    try:
        return compile(shape.format(_spaces(_REF.sub(ref, source))), re.IGNORECASE)
    except re.error as err:
        raise RuleError(label, f"bad regex in {key}: {err}", where) from err
