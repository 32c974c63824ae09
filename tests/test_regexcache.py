"""The compiled-regex cache gives the same patterns as re.compile, and never trusts a bad file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.timex import regexcache

SOURCES = [
    (r"(?P<month>January|February)\s+([0-9]{1,2})(?:st|nd|th)?", re.IGNORECASE),
    (r"(?<!\w)(last|next)\s+(week|month|year)(?!\w)", re.IGNORECASE),
    (r"\bQ([1-4])\b", 0),
]
TEXT = "On february 3rd and then last Week, in Q3, next YEAR."


def behaviour(patterns: list[re.Pattern[str]]) -> list[object]:
    return [(p.pattern, p.flags, p.groups, p.groupindex, [m.groups() for m in p.finditer(TEXT)]) for p in patterns]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TIMELINE_REGEX_CACHE", raising=False)
    return tmp_path / "timeline"


def test_first_run_writes_the_file_and_the_second_reads_it(cache_home: Path) -> None:
    expected = behaviour([re.compile(p, f) for p, f in SOURCES])
    assert behaviour(regexcache.compile_many(SOURCES)) == expected
    (path,) = cache_home.glob("regex-*.json")
    assert behaviour(regexcache.compile_many(SOURCES)) == expected  # now from the file
    assert path.stat().st_size > 0


def test_a_damaged_file_is_not_trusted(cache_home: Path) -> None:
    regexcache.compile_many(SOURCES)
    (path,) = cache_home.glob("regex-*.json")
    path.write_text(path.read_text(encoding="utf-8").replace("A", "B", 5), encoding="utf-8")
    assert behaviour(regexcache.compile_many(SOURCES)) == behaviour([re.compile(p, f) for p, f in SOURCES])


def test_other_patterns_use_another_file(cache_home: Path) -> None:
    regexcache.compile_many(SOURCES)
    regexcache.compile_many(SOURCES[:2])
    assert len(list(cache_home.glob("regex-*.json"))) == 2


def test_it_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_REGEX_CACHE", "0")
    assert behaviour(regexcache.compile_many(SOURCES)) == behaviour([re.compile(p, f) for p, f in SOURCES])
    assert not cache_home.exists()


def test_an_unwritable_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert behaviour(regexcache.compile_many(SOURCES)) == behaviour([re.compile(p, f) for p, f in SOURCES])


def test_a_remembered_value_is_computed_once_then_read(cache_home: Path) -> None:
    calls: list[int] = []

    def compute() -> dict[str, object]:
        calls.append(1)
        return {"starts": {"last": {"*": [1, 2]}}, "rest": []}

    first = regexcache.remember("plan", "key one", compute)
    assert regexcache.remember("plan", "key one", compute) == first
    assert len(calls) == 1
    regexcache.remember("plan", "key two", compute)  # another key: another file
    assert len(calls) == 2 and len(list(cache_home.glob("plan-*.json"))) == 2


def test_a_damaged_remembered_value_is_computed_again(cache_home: Path) -> None:
    regexcache.remember("plan", "k", lambda: {"a": [1, 2, 3]})
    (path,) = cache_home.glob("plan-*.json")
    path.write_text(path.read_text(encoding="utf-8").replace("3", "4"), encoding="utf-8")
    assert regexcache.remember("plan", "k", lambda: {"a": [1, 2, 3]}) == {"a": [1, 2, 3]}
    path.write_text("{not json", encoding="utf-8")
    assert regexcache.remember("plan", "k", lambda: {"a": [1, 2, 3]}) == {"a": [1, 2, 3]}


def test_the_grammar_index_from_its_file_is_the_one_worked_out(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.rulefile import RULES_ROOT
    from timeline.timex import grammar, index

    rules = grammar.load(RULES_ROOT / "en").rules
    monkeypatch.setenv("TIMELINE_REGEX_CACHE", "0")
    fresh = index.build(rules)
    monkeypatch.delenv("TIMELINE_REGEX_CACHE")
    index.build(rules)  # writes the plan
    assert list(cache_home.glob("index-*.json"))
    kept = index.build(rules)  # reads it
    assert kept.starts == fresh.starts and kept.first_word.pattern == fresh.first_word.pattern
    assert {ix: s.regex.pattern for ix, s in kept._scanners.items()} == {ix: s.regex.pattern for ix, s in fresh._scanners.items()}
    assert kept.elsewhere is not None and fresh.elsewhere is not None and kept.elsewhere.rules == fresh.elsewhere.rules


def test_the_grammar_loaded_with_its_kept_regexes_is_the_one_compiled_afresh(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.rulefile import RULES_ROOT
    from timeline.timex import grammar

    def shape(g: grammar.Grammar) -> list[object]:
        return [(r.name, r.regex, r.groups, r.fill, r.not_preceded_by and r.not_preceded_by.pattern,
                 r.not_followed_by and r.not_followed_by.pattern) for r in g.rules]

    monkeypatch.setenv("TIMELINE_REGEX_CACHE", "0")
    fresh = grammar.load(RULES_ROOT / "en")
    monkeypatch.delenv("TIMELINE_REGEX_CACHE")
    grammar.load(RULES_ROOT / "en")  # notes the regexes the files need
    assert list(cache_home.glob("grammar-*.json"))
    kept = grammar.load(RULES_ROOT / "en")  # compiles them at once from the regex cache
    assert shape(kept) == shape(fresh) and kept.patterns == fresh.patterns and kept.tables == fresh.tables
