"""The characters a regex match can start with, used to skip hopeless rules quickly.

One alternation of ~90 rules is tried at every word start; a regex engine tries each rule
in turn. Prefixing a rule with a look-ahead on the characters it can start with, e.g.
``(?=[FMSTWfmstw])`` for weekday rules, lets the engine reject it with one test. The set is
computed from the parse tree of Python's own ``re`` parser (stdlib); when it cannot be
computed (a rule may start with any character) the rule gets no guard, which is only
slower, never wrong.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is a deprecated alias)
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_LEADING_LOOKBEHIND = re.compile(r"^\(\?<[=!](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\n\r\f\v")
_MAX_RANGE = 200


class _Unknown(Exception):
    """The first characters cannot be bounded."""


def first_chars(pattern: str) -> frozenset[str] | None:
    """Characters (both cases) a match of ``pattern`` can start with; None if any."""
    while m := _LEADING_LOOKBEHIND.match(pattern):  # look-behinds consume nothing
        pattern = pattern[m.end():]
    try:
        chars, nullable = _seq(P.parse(pattern, re.IGNORECASE))
    except (_Unknown, re.error, RecursionError):
        return None
    if nullable:
        return None
    return frozenset(c for ch in chars for c in (ch, ch.lower(), ch.upper()) if len(c) == 1)


def guard(pattern: str) -> str:
    """``pattern`` prefixed with a look-ahead on its first characters, when they are known."""
    chars = first_chars(pattern)
    if not chars:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" + pattern


def _seq(items: Any) -> tuple[set[str], bool]:
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _item(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        return _charset(av), False
    if op is C.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _seq(branch)
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _, sub = av
        chars, nullable = _seq(sub)
        return chars, nullable or lo == 0
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _seq(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero-width: look further
    if op is C.CATEGORY:
        return _category(av), False
    raise _Unknown(op)


def _charset(items: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > _MAX_RANGE:
                raise _Unknown(op)
            out.update(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY:
            out |= _category(av)
        else:  # NEGATE and anything exotic
            raise _Unknown(op)
    return out


def _category(cat: Any) -> set[str]:
    if cat is C.CATEGORY_DIGIT:
        return set(_DIGITS)
    if cat is C.CATEGORY_SPACE:
        return set(_SPACE)
    raise _Unknown(cat)
