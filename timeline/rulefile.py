"""The rule files of a language (``timeline/rules/<lang>/*.toml``): one reader, one error.

The temporal grammar, the tense cues and the events lexicon are TOML files read here. ``read``
parses one file; ``check`` says whether a table of it has the fields its reader expects, of
the kinds expected. Either raises ``RuleError``, one line naming the file, the place in it (a
rule, a section, a table) and what is wrong:
``rules/en/date.toml rule 'month_year': unknown pattern %month_lng``,
``rules/en/events.toml [kinds.meeting] weight: expected a number, got str``.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError

RULES_ROOT = Path(__file__).resolve().parent / "rules"


class RuleError(TimelineError, ValueError):
    """A rule file is malformed: ``file`` (``rules/en/date.toml``), ``place`` in it (``rule
    'month_year'``, ``[kinds.meeting] weight``; empty for the whole file) and ``problem``."""

    def __init__(self, file: str, problem: str, place: str = "") -> None:
        self.file, self.place, self.problem = file, place, problem
        super().__init__(f"{file} {place}: {problem}" if place else f"{file}: {problem}")


class Field(enum.Enum):
    """What a field of a rule file may hold."""

    TEXT = enum.auto()
    TEXTS = enum.auto()  # a list of strings
    LIST = enum.auto()  # a list of anything (examples: lists of lists)
    NUMBER = enum.auto()
    INTEGER = enum.auto()
    FLAG = enum.auto()
    TABLE = enum.auto()

    @property
    def said(self) -> str:
        """How a message names what the field should hold."""
        return _SAID[self]


def label(path: Path) -> str:
    """How messages name a rule file: ``rules/<lang>/<name>``."""
    return f"rules/{path.parent.name}/{path.name}"


def read(path: Path) -> dict[str, Any]:
    """The parsed TOML of a rule file; a RuleError if it is missing or not valid TOML (the
    parser's message gives the line and column)."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise RuleError(label(path), "file missing") from None
    except tomllib.TOMLDecodeError as err:
        raise RuleError(label(path), str(err)) from err


def check(entry: Any, fields: Mapping[str, Field], required: Iterable[str], file: str, place: str) -> dict[str, Any]:
    """``entry`` if it is a table whose fields are among ``fields``, of their kinds, with every
    ``required`` one present; else a RuleError naming ``file``, ``place`` and the field."""
    if not isinstance(entry, dict):
        raise RuleError(file, f"{place} is missing or not a table")
    for key in required:
        if key not in entry:
            raise RuleError(file, f"missing {key!r}", place)
    for key, value in entry.items():
        kind = fields.get(key)
        if kind is None:
            raise RuleError(file, f"unknown field {key!r} (known: {', '.join(sorted(fields))})", place)
        if not _is(value, kind):
            raise RuleError(file, f"expected {kind.said}, got {type(value).__name__}", f"{place} {key}")
        if kind is Field.TEXTS and not all(isinstance(item, str) for item in value):
            raise RuleError(file, "expected a list of strings", f"{place} {key}")
    return entry


_SAID = {
    Field.TEXT: "a string", Field.TEXTS: "a list", Field.LIST: "a list", Field.NUMBER: "a number",
    Field.INTEGER: "an integer", Field.FLAG: "true or false", Field.TABLE: "a table",
}
_TYPES: dict[Field, type | tuple[type, ...]] = {
    Field.TEXT: str, Field.TEXTS: list, Field.LIST: list, Field.NUMBER: (int, float), Field.INTEGER: int,
    Field.FLAG: bool, Field.TABLE: dict,
}


def _is(value: Any, kind: Field) -> bool:
    if isinstance(value, bool) and kind in (Field.NUMBER, Field.INTEGER):
        return False  # TOML's true is no number, though Python's bool is an int
    return isinstance(value, _TYPES[kind])
