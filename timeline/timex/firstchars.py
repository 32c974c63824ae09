"""How a regex match can start: its first characters and its first two words.

Both make the grammar fast without changing what it finds. ``guard`` prefixes a rule with
a look-ahead on the characters it can start with (``(?=[FMSTWfmstw])`` for weekdays), so
the engine rejects it with one test. ``first_pairs`` lists the (first word, second word)
pairs a rule can start with, so the tagger tries a rule only where such words stand
(index.py, candidates.py). Both read the parse tree of Python's own ``re`` parser; when a set
cannot be listed (a rule may start with anything) they return None and the rule is tried
the slow way, which is never wrong.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is a deprecated alias)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
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
    except Exception:  # noqa: BLE001 - unknown syntax or a parser from another Python: no shortcut, still correct
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


DIGIT = "#"  # stands for any token that starts with a digit (or an apostrophe and a digit: '90s)
ANY = "*"  # second word of a match that may be one word long: any word may follow
_MAX_PAIRS = 20000

_State = tuple[tuple[str, ...], str]  # words finished, word being read ("#": inside a number)


def first_pairs(pattern: str) -> frozenset[tuple[str, str]] | None:
    """The (first word, second word) pairs a match of ``pattern`` can start with, lower
    case, ``DIGIT`` for numbers and ``ANY`` when the match may end after one word; None
    if they cannot be listed (a match could start with anything)."""
    while m := _LEADING_LOOKBEHIND.match(pattern):
        pattern = pattern[m.end():]
    try:
        done, open_ = _words(P.parse(pattern, re.IGNORECASE), {((), "")})
    except Exception:  # noqa: BLE001 - unknown syntax or a parser from another Python: no shortcut, still correct
        return None
    for words, current in open_:  # the match may end here
        words = words + (current,) if current else words
        if not words:
            return None
        done.add(words[:2] if len(words) >= 2 else (words[0], ANY))
    return frozenset(done)  # type: ignore[arg-type]


def _words(items: Any, open_: set[_State]) -> tuple[set[tuple[str, ...]], set[_State]]:
    """Walk ``items`` from the states ``open_``; return (pairs finished, states still open)."""
    done: set[tuple[str, ...]] = set()
    for op, av in items:
        if not open_:
            break
        d, open_ = _word_item(op, av, open_)
        done |= d
        if len(open_) + len(done) > _MAX_PAIRS:
            raise _Unknown("too many first words")
    return done, open_


def _word_item(op: Any, av: Any, open_: set[_State]) -> tuple[set[tuple[str, ...]], set[_State]]:
    if op is C.LITERAL:
        return _step(open_, {chr(av)})
    if op is C.IN:
        return _step(open_, _charset(av))
    if op is C.CATEGORY:
        return _step(open_, _category(av))
    if op is C.SUBPATTERN:
        return _words(av[-1], open_)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _words(av, open_)
    if op is C.BRANCH:
        done: set[tuple[str, ...]] = set()
        out: set[_State] = set()
        for branch in av[1]:
            d, o = _words(branch, set(open_))
            done |= d
            out |= o
        return done, out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, sub = av
        done, out = _words(sub, set(open_))
        if hi != 1:
            # Repeat until no new state appears: spaces between words and digits inside a
            # number settle at once, "1,000,000" after two rounds; letters never do.
            frontier = out
            for _ in range(4):
                more, again = _words(sub, set(frontier))
                done |= more
                frontier = again - out
                out |= again
                if not frontier:
                    break
            else:
                raise _Unknown("repetition without bound")
        if lo == 0:
            out |= open_
        return done, out
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), open_
    raise _Unknown(op)


def _step(open_: set[_State], chars: set[str]) -> tuple[set[tuple[str, ...]], set[_State]]:
    """Read one character (any of ``chars``) in every state."""
    done: set[tuple[str, ...]] = set()
    out: set[_State] = set()
    for words, current in open_:
        for c in chars:
            if current == DIGIT:  # inside a number: word characters continue it
                if c.isalnum() or c == "_":
                    out.add((words, current))
                    continue
                words, current = words + (DIGIT,), ""
            if c.isalpha():
                out.add((words, current + c.lower()))
                continue
            if current:  # a letter word ends here
                if c.isdigit() or c == "_":
                    raise _Unknown("letters then digits in one word")
                finished = words + (current,)
            elif c.isdigit() or c == "'":
                out.add((words, DIGIT))
                continue
            elif not words:
                raise _Unknown("a match may start with punctuation")
            else:
                finished = words
            if len(finished) >= 2:
                done.add(finished[:2])
            else:
                out.add((finished, ""))
    return done, out
