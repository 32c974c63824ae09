"""The English pipeline's attribute ruler, matched by table look-up instead of spaCy's Matcher.

The ruler maps each fine-grained tag to a part of speech and morphology, with ~120
exceptions by word ("'s" as a verb, "n't" as a particle). spaCy runs its 179 one- and
two-token patterns through the general ``Matcher``, which cost as much as the parser here
(18% of the parse, profiled over the silver corpus's dated sentences). Every pattern of
the shipped model tests only equality, ``IN``, ``NOT_IN`` or ``REGEX`` on ``TAG``,
``LOWER``, ``DEP`` and ``IS_SPACE``, so each can be found from an index keyed by the tag or
the word of its first token. The matches, and what they set, are the ruler's own: found on
the doc as the parser left it, applied in the ruler's order (a later pattern wins) by
spaCy's ``set_token_attrs``. A model with any other kind of pattern keeps spaCy's Matcher.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_ATTRS = ("LOWER", "DEP", "TAG", "IS_SPACE")  # a token as the table reads it (the most telling first): these, as string hashes (IS_SPACE 0 or 1)
_EQUAL, _IN, _NOT_IN, _REGEX = range(4)
Check = tuple[int, int, Any]  # (attribute's position in _ATTRS, one of _EQUAL..., the value, set or regex)
Listed = tuple[int, tuple[tuple[Check, ...], ...] | None]  # (attr_id, a token's checks for each token); None: matched by its key


def install(nlp: Language) -> bool:
    """Make the ``attribute_ruler`` of ``nlp`` find its matches by look-up; False (and
    nothing changed) when one of its patterns is of a kind this does not read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    try:
        table = _Table(ruler.patterns, [nlp.vocab.strings.add(str(i)) for i in range(len(ruler.attrs))], nlp.vocab.strings)
    except _Unsupported:
        return False
    ruler.match = table.matches  # the instance's own: the ruler's __call__ and set_annotations stay spaCy's
    return True


class _Unsupported(ValueError):
    """A pattern this module does not read: an operator, another attribute, a predicate."""


class _Table:
    def __init__(self, patterns: list[dict[str, Any]], match_ids: list[int], strings: Any) -> None:
        # the ruler's patterns in its order: attr_id is the position, as AttributeRuler.add numbers them
        self.keyed: tuple[dict[int, list[Listed]], ...] = tuple({} for _ in _ATTRS)  # by a first token's attribute
        self.anywhere: list[Listed] = []  # patterns whose first token has no value to look up (a REGEX)
        self.by_word: dict[int, list[Listed]] = {}  # of those, the ones a word's first token matches, found once per word
        self.match_ids = match_ids  # the hashes of "0", "1", ...: the Matcher's keys
        self.strings = strings
        self.searched: dict[tuple[int, int], bool] = {}  # (regex's id, text's hash) → found
        if len(patterns) != len(match_ids):
            raise _Unsupported("patterns and attributes differ in number")
        for attr_id, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if not pattern:
                    raise _Unsupported("an empty pattern")
                checks = tuple(tuple(_check(name, value, strings) for name, value in spec.items()) for spec in pattern)
                for position, kind, value in sorted(checks[0], key=lambda c: c[0]):
                    if kind in (_EQUAL, _IN):
                        certain = len(checks) == 1 and len(checks[0]) == 1  # the key is the whole pattern
                        for key in (value,) if kind == _EQUAL else sorted(value):
                            self.keyed[position].setdefault(key, []).append((attr_id, None if certain else checks))
                        break
                else:
                    if any(position != 0 for position, _, _ in checks[0]):
                        raise _Unsupported("a first token tested by a REGEX on more than its word")
                    self.anywhere.append((attr_id, checks))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (attr_id, match_id, start, end), sorted."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        tokens = doc.to_array([LOWER, DEP, TAG, IS_SPACE]).tolist() if len(doc) else []
        lowers, deps, tags, spaces = self.keyed
        found = set()
        for i, token in enumerate(tokens):
            words = self.by_word.get(token[0])
            if words is None:
                words = self.by_word[token[0]] = [p for p in self.anywhere if self._holds(token, p[1][0])]  # type: ignore[index]
            listed = (*lowers.get(token[0], ()), *deps.get(token[1], ()), *tags.get(token[2], ()), *spaces.get(token[3], ()), *words)
            for attr_id, checks in listed:
                if checks is None:
                    found.add((attr_id, i, i + 1))
                elif i + len(checks) <= len(tokens) and all(self._holds(tokens[i + k], c) for k, c in enumerate(checks)):
                    found.add((attr_id, i, i + len(checks)))
        return [(attr_id, self.match_ids[attr_id], start, end) for attr_id, start, end in sorted(found)]

    def _holds(self, token: list[int], checks: tuple[Check, ...]) -> bool:
        for position, kind, value in checks:
            have = token[position]
            if kind == _EQUAL:
                if have != value:
                    return False
            elif kind == _IN:
                if have not in value:
                    return False
            elif kind == _NOT_IN:
                if have in value:
                    return False
            elif not self._search(value, have):
                return False
        return True

    def _search(self, regex: re.Pattern[str], have: int) -> bool:
        """The Matcher's REGEX: ``re.search`` on the attribute's text; once per text."""
        found = self.searched.get((id(regex), have))
        if found is None:
            found = self.searched[(id(regex), have)] = regex.search(self.strings[have] if have else "") is not None
        return found


def _check(name: str, value: Any, strings: Any) -> Check:
    """One attribute's test of a token pattern, on string hashes."""
    if name not in _ATTRS:
        raise _Unsupported(f"attribute {name}")
    position = _ATTRS.index(name)
    if isinstance(value, bool) and name == "IS_SPACE":
        return position, _EQUAL, int(value)
    if isinstance(value, str) and name != "IS_SPACE":
        return position, _EQUAL, strings.add(value)
    if isinstance(value, dict) and len(value) == 1 and name != "IS_SPACE":
        ((predicate, argument),) = value.items()
        if predicate in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(v, str) for v in argument):
            return position, _IN if predicate == "IN" else _NOT_IN, frozenset(strings.add(v) for v in argument)
        if predicate == "REGEX" and isinstance(argument, str):
            return position, _REGEX, re.compile(argument)
    raise _Unsupported(f"{name}: {value!r}")
