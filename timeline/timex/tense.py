"""Guess whether an expression points before or after the DCT from its clause.

No parser: the cue lists in ``rules/<lang>/tense.toml`` (auxiliaries, "was due to",
reporting verbs, "-ed" forms) are joined into one regex, and the cue nearest to the
expression on its left within the sentence decides; failing that, the first on its right.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from timeline.rulefile import RULES_ROOT, Field, RuleError, check, read
from timeline.timex.index import lowered
from timeline.timex.regexcache import compile_many

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
_WINDOW = 120  # characters looked at on each side; a clause rarely reaches further
# A sentence ends at . ! ? before a capital, but not after an initial ("U.S. officials"),
# nor after a title or "vs." (``[sentence] abbreviations`` in tense.toml, see _sentence_ends).
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?;]['\"]*\s+(?=[A-Z\"'`])|\n")
_WORD = re.compile(r"(?<![\w'])[\w']")  # where a cue may start
# Cues after the expression are read only when its clause has none before it, up to the
# sentence end: a date that opens its sentence often meets its verb after a long phrase ("In
# January, a week after the 25th anniversary of the Roe vs. Wade decision, a clinic bombing in
# Birmingham killed ..."; 80 characters, as before, missed "killed").
_RIGHT_WINDOW = 240


_GROUPS = ("future", "past", "present")


@functools.cache
def _data(lang: str) -> dict[str, Any]:
    """The checked contents of ``rules/<lang>/tense.toml`` ([cues], and [sentence] if given)."""
    file = f"rules/{lang}/tense.toml"
    fields = {"cues": Field.TABLE, "sentence": Field.TABLE, "modifier": Field.TABLE}
    return check(read(RULES_ROOT / lang / "tense.toml"), fields, ("cues",), file, "")


class _Modifier(NamedTuple):
    after: re.Pattern[str]  # what makes an expression a noun's modifier: "'s"
    units: frozenset[str]  # the units it matters for
    future: re.Pattern[str]  # the future cues that still reach it, matched at the cue's start
    unforeseen: re.Pattern[str]  # the possessive's noun of what no one schedules, up to four words on
    attributive: re.Pattern[str]  # a determiner before an expression that modifies a noun ("a February bomb blast")
    modified: re.Pattern[str]  # ... and that noun after it, no more than two words on and none a preposition
    scheduled: re.Pattern[str]  # the possessive's noun of what is scheduled, whose own plain future places it
    subject_of: re.Pattern[str]  # a future verb right after a date, whose subject it is
    adjunct: re.Pattern[str]  # ... unless a preposition before the date makes it an adjunct


_LINKS = "after|before|of|on|in|at|for|to|from|following|since|until|and|or|but|when|as|with|by"  # no word of a noun phrase
# a noun of a list ({}), at most two words on, none of them a link: "February| bomb blast", not "Tuesday| after the attacks"
_NOUN_ON = r"(?:[ \t]+(?!(?:" + _LINKS + r")\b)[\w.-]+){{0,2}}?[ \t]+(?:{})\b"


@functools.cache
def _modifier(lang: str) -> _Modifier:
    """``[modifier]`` of tense.toml, compiled."""
    file = f"rules/{lang}/tense.toml"
    fields = {"after": Field.TEXTS, "units": Field.TEXTS, "future": Field.TEXTS, "unforeseen": Field.TEXTS, "attributive": Field.TEXTS,
              "scheduled": Field.TEXTS, "subject_of": Field.TEXTS, "adjunct": Field.TEXTS}
    table = check(_data(lang).get("modifier", {}), fields, (), file, "[modifier]")

    def alternatives(name: str, around: str) -> re.Pattern[str]:
        words = table.get(name, [])
        return re.compile(around.format("|".join(words)), re.IGNORECASE) if words else re.compile(r"(?!)")

    try:
        return _Modifier(
            alternatives("after", "(?:{})"),
            frozenset(table.get("units", [])),
            alternatives("future", r"(?:{})(?![\w'])"),
            alternatives("unforeseen", r"(?:[ \t]+[\w.-]+){{0,3}}?[ \t]+(?:{})\b"),
            alternatives("attributive", r"(?<![\w'])(?:{})[ \t]+\Z"),
            alternatives("unforeseen", _NOUN_ON),
            alternatives("scheduled", _NOUN_ON),
            alternatives("subject_of", r"[ \t]+(?:{})(?![\w'])"),
            alternatives("adjunct", r"\b(?:{})[ \t]+\Z"),
        )
    except re.error as err:
        raise RuleError(file, f"bad regex: {err}", "[modifier]") from err


@functools.cache
def _abbreviations(lang: str) -> re.Pattern[str]:
    """Words after whose full stop no sentence ends ("Dr. Slepian", "Roe vs. Wade")."""
    file = f"rules/{lang}/tense.toml"
    table = check(_data(lang).get("sentence", {}), {"abbreviations": Field.TEXTS}, (), file, "[sentence]")
    words = sorted(table.get("abbreviations", []), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, words)) + r")$") if words else re.compile(r"(?!)")


def _sentence_ends(text: str, lo: int, hi: int, lang: str) -> Iterator[re.Match[str]]:
    """The sentence ends in ``text[lo:hi]``, but for a full stop that closes an abbreviation."""
    abbr = _abbreviations(lang)
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if text[m.start()] == "." and abbr.search(text, max(lo, m.start() - 12), m.start()):
            continue
        yield m


@functools.cache
def _cues(lang: str) -> dict[tuple[bool, bool], re.Pattern[str]]:
    """The cue regexes by (past_first, folded): with ``past_first``, past verbs are tried
    before future cues; ``folded``, case-sensitive, for a lower-cased text (the cues are
    written in lower case). All four are compiled at once through the regex cache, which
    every process that tags would otherwise compile afresh."""
    file = f"rules/{lang}/tense.toml"
    cues = check(_data(lang)["cues"], dict.fromkeys(_GROUPS, Field.TEXTS), _GROUPS, file, "[cues]")
    sources = {}
    for past_first in (False, True):
        groups = []
        for name in ("past", "future", "present") if past_first else _GROUPS:
            alts = sorted(cues.get(name, []), key=len, reverse=True)
            if not alts:
                raise RuleError(file, "empty", f"[cues] {name}")
            groups.append(f"(?P<{name}>" + "|".join(a.replace(" ", r"\s+") for a in alts) + ")")
        source = r"(?<![\w'])(?:" + "|".join(groups) + r")(?![\w'])"
        for folded in (False, True):
            sources[past_first, folded] = (source, 0 if folded else re.IGNORECASE)
    try:
        return dict(zip(sources, compile_many(list(sources.values())), strict=True))
    except re.error as err:
        raise RuleError(file, f"bad regex: {err}", "[cues]") from err


def tense(text: str, start: int, end: int, lang: str = "en", unit: str | None = None) -> str | None:
    """PAST, PRESENT or FUTURE for the clause around ``text[start:end]``, or None.

    After the expression a past verb is read before the future cues that start with it
    ("on Thursday agreed to plead guilty", "on Monday said he would"): the date is the
    verb's, and the infinitive or the reported intention comes later. A ``unit`` that
    modifies a noun ("Wednesday's ruling") takes from the clause only a plain future ("will
    miss Wednesday's trip"), and a noun of what no one schedules is a past ("survivors of
    Tuesday's earthquake"), as is one that a determiner makes such a noun's modifier ("in a
    February bomb blast"); a noun of what is scheduled takes its own verb's plain future
    ("Sunday's elections will go ahead"): else it is read as a present one, the nearest day
    (see ``[modifier]`` in tense.toml)."""
    if unforeseen(text, start, end, lang, unit):
        return PAST
    modifier = _modifier(lang)
    if unit and modifier.subject_of.match(text, end) and not modifier.adjunct.search(text, max(0, start - 12), start):
        return FUTURE  # "She thought Friday would be her last day" (not "took over on July 31 will likely be made clearer")
    cue = _clause(text, start, end, lang)
    found = _kind(cue) if cue else None
    possessive = modifier.after.match(text, end) if unit in modifier.units else None
    if possessive is None:
        return found
    if found == FUTURE and cue and modifier.future.match(cue[0]):
        return FUTURE
    if (scheduled := modifier.scheduled.match(text, possessive.end())) and (verb := _cue_after(text, scheduled.end(), lang)):
        if _kind(verb) == FUTURE and modifier.future.match(verb[0]):
            return FUTURE  # the noun's own verb: "Sunday's elections will go ahead", written on Tuesday
    return PRESENT


def unforeseen(text: str, start: int, end: int, lang: str = "en", unit: str | None = None) -> bool:
    """Whether ``text[start:end]``, of ``unit``, dates a noun of what no one schedules, as its
    possessive ("survivors of Tuesday's earthquake") or as a modifier a determiner opens ("in
    a February bomb blast", "the January 13 incident"): a past, however far back it lies."""
    if not unit:
        return False
    modifier = _modifier(lang)
    if unit in modifier.units and (possessive := modifier.after.match(text, end)):
        return bool(modifier.unforeseen.match(text, possessive.end()))
    return bool(modifier.attributive.search(text, max(0, start - 8), start) and modifier.modified.match(text, end))


def _clause(text: str, start: int, end: int, lang: str) -> re.Match[str] | None:
    """The cue nearest to ``text[start:end]`` (see ``tense``)."""
    low = lowered(text)
    regexes = _cues(lang)
    cues = functools.partial(_cue_at, text, low, regexes[False, False], regexes[False, True])
    lo = max(0, start - _WINDOW)
    cut = None
    for cut in _sentence_ends(text, lo, start, lang):  # noqa: B007 - the last sentence end is wanted
        pass
    left_from = cut.end() if cut else lo
    # Try the cue regex only at word starts, nearest first: a handful of anchored matches
    # instead of a search through the whole window (this runs for every weekday and month).
    words = [w.start() for w in _WORD.finditer(text, left_from, start)]
    for i in range(len(words) - 1, -1, -1):
        m = cues(words[i], start)
        if m and not _quoted_apart(text, m.start(), start):
            # A cue of several words that starts earlier (up to _WIDER words back) and covers
            # this one wins, as it would reading left to right: "will be held" is future, not
            # "held". (Four words back, "is believed to have killed" would end as the present
            # of "is believed".)
            for j in range(i - 1, max(i - 1 - _WIDER, -1), -1):
                wider = cues(words[j], start)
                if wider and wider.end() > m.start():
                    m = wider
            return m
    return _cue_after(text, end, lang)


_WIDER = 3  # words back that a cue may start and still cover the one found


def _cue_after(text: str, end: int, lang: str) -> re.Match[str] | None:
    """The first cue after ``end`` in its sentence, a past verb read before a future cue that
    starts with it (see ``tense``)."""
    low = lowered(text)
    regexes = _cues(lang)
    right_end = min(len(text), end + _RIGHT_WINDOW)
    stop = next(_sentence_ends(text, end, right_end, lang), None)
    right_end = stop.start() if stop else right_end
    after = functools.partial(_cue_at, text, low, regexes[True, False], regexes[True, True])
    for word in _WORD.finditer(text, end, right_end):
        m = after(word.start(), right_end)
        if m and not _quoted_apart(text, end, m.start()):
            return m
    return None


_QUOTE_MARK = re.compile(r'["“”]|``|\'\'')
_QUOTE_LOOK_BACK = 300  # how far before a quoted cue its opening mark is looked for


def _quoted_apart(text: str, a: int, b: int) -> bool:
    """Whether one of ``a`` and ``b`` is inside a quotation and the other not (an odd number
    of quotation marks between them), the quotation's verbs then not being the date's:
    '"Mubarak must go" (CNN) -- Saturday saw protests', 'Sunday evening, McCain, saying "this
    may sound'. A quotation that opens in lower case is a fragment of the sentence around it
    ('could meet Kabila in Cape Town "in the first part of next week, probably on Monday"'):
    its marks part nothing."""
    marks = list(_QUOTE_MARK.finditer(text, a, b))
    if len(marks) % 2 == 0:
        return False
    if _opens(text, marks[0]):
        opening: re.Match[str] | None = marks[-1]  # b is in the quotation the last mark opens
    else:  # a is in a quotation that closes between them: its opening mark is before a
        opening = None
        for opening in _QUOTE_MARK.finditer(text, max(0, a - _QUOTE_LOOK_BACK), a):  # noqa: B007 - the last one is wanted
            pass
    return opening is None or not text[opening.end():opening.end() + 1].islower()


def _opens(text: str, mark: re.Match[str]) -> bool:
    """Whether a quotation mark opens a quotation: “ and `` do, ” and '' close; a straight
    one opens where a word follows it and none comes just before."""
    if mark[0] in ("“", "``"):
        return True
    if mark[0] in ("”", "''"):
        return False
    after = text[mark.end():mark.end() + 1]
    before = text[mark.start() - 1:mark.start()] if mark.start() else " "
    return bool(after) and not after.isspace() and (before.isspace() or before in "([{—-:")


# How far past a cue its regex looks ("-ed", but not "-ed to have"), and before it.
_CUE_LOOKS = 12


def _cue_at(text: str, low: str | None, cues: re.Pattern[str], folded: re.Pattern[str], at: int, stop: int) -> re.Match[str] | None:
    """The cue at ``at`` (not past ``stop``), as ``cues`` matches it in ``text``. It is tried
    first in the lower-cased text, twice as fast, where most words meet no cue; a cue met
    there is taken only where the text around it is lower-case already, since some cues
    mind case ("until", but not a sentence's "Until"; "-ed" forms, not "United"), and is
    otherwise matched in the text itself."""
    if low is None:
        return cues.match(text, at, stop)
    m = folded.match(low, at, stop)
    if m is None:
        return None
    lo, hi = max(0, at - 1), min(len(text), m.end() + _CUE_LOOKS)
    return m if text[lo:hi] == low[lo:hi] else cues.match(text, at, stop)


def _kind(m: re.Match[str]) -> str:
    if m.group("future") is not None:
        return FUTURE
    if m.group("past") is not None:
        return PAST
    return PRESENT
