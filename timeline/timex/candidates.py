"""Find temporal expressions: one pass of the compiled grammar over the text.

Needs: text. Adds: ``Candidate`` records whose values may still be underspecified
(``UNDEF-TENSE-weekday-5``); ``resolve.py`` makes them concrete. Nothing here knows the
publication date, so tagging and resolving can be tested apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.timex.firstchars import ANY, DIGIT
from timeline.timex.grammar import Grammar, Rule, Template, grammar
from timeline.timex.index import Index, Scanner, lowered
from timeline.timex.normalize import FUNCTIONS, table_key

# P5TH -> PT5H: time units carry a T in the unit table; TIMEX3 puts it after the P.
_TIME_UNIT = re.compile(r"^P([0-9.X]+)T([HMS])$")
# Units TIMEX3 has no designator for, rewritten to ones it has.
_DURATION_FIX = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "WE": (2, "D")}


@dataclass(frozen=True)
class Candidate:
    """A found expression; ``value`` may be an UNDEF-... template for the resolver."""

    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    mod: str | None = None


_NUMBER_START = frozenset("0123456789'")


def find(text: str, lang: str = "en", g: Grammar | None = None) -> list[Candidate]:
    """Every expression the grammar matches in ``text``, in order, non-overlapping (the
    grammar of ``lang``, or ``g``)."""
    g = g or grammar(lang)
    prefix, approx, counted = _prefixes(lang)
    found: list[Candidate] = []
    for m, index, offset in _matches(text, g.index):
        cand = _candidate(m, g.rules[index], offset, g)
        if cand is None:
            continue
        floor = found[-1].end if found else 0
        if cand.type in ("DATE", "TIME"):
            cand = _extend(text, cand, prefix, g, floor)
        if counted.match(cand.text):  # "over the past year": "over" is a preposition there
            cand = _extend(text, cand, approx, g, floor)  # "about two years ago", "nearly a week"
        if cand.type == "DURATION":
            low = _range_start(text, cand, lang, floor)
            if low is not None:
                found.append(low)
        found.append(cand)
    return _shared_years(text, _first_days(text, _short_years(text, _conjoined(text, _suffixed(text, found, g), lang)), lang), lang)


def _suffixed(text: str, found: list[Candidate], g: Grammar) -> list[Candidate]:
    """Take a mod phrase just after a date or duration into its extent, as TimeML does:
    "the next year or so" (APPROX), "1994 or later" (ON_OR_AFTER), "five years or more"."""
    suffix = _suffix(g.patterns["mod_suffix"])
    out = list(found)
    for i, cand in enumerate(out):
        m = suffix.match(text, cand.end) if cand.type in ("DATE", "DURATION") else None
        if m is None or (i + 1 < len(out) and out[i + 1].start < m.end()):
            continue
        mod = cand.mod or g.tables["mod"].get(table_key(m[1])) or None
        out[i] = Candidate(cand.start, m.end(), text[cand.start:m.end()], cand.type, cand.value, cand.rule, mod)
    return out


@functools.cache
def _suffix(words: str) -> re.Pattern[str]:
    return re.compile(rf"\s+({words})(?![\w-])", re.IGNORECASE)


_AMOUNT = re.compile(r"^(P|PT)([0-9]+(?:\.[0-9]+)?)([A-Z]+)$")


def _range_start(text: str, cand: Candidate, lang: str, floor: int) -> Candidate | None:
    """The first amount of a range, "(two) to three weeks": a duration in the same unit."""
    unit = _AMOUNT.match(cand.value)
    if not unit or not cand.text[:1].isalnum():
        return None
    m = _range_before(lang).search(text, max(floor, cand.start - 40), cand.start)
    if not m:
        return None
    n = FUNCTIONS["number"](m[1])
    if n == "X":
        return None
    return Candidate(m.start(1), m.end(1), m[1], "DURATION", f"{unit[1]}{n}{unit[3]}", cand.rule)  # the rule of the amount it shares a unit with


@functools.cache
def _range_before(lang: str) -> re.Pattern[str]:
    g = grammar(lang)
    return re.compile(rf"(?<![\w$£€.,])({g.patterns['number']})\s*(?:{g.patterns['range_link']})\s*$", re.IGNORECASE)


_MONTHDAY = re.compile(r"^(UNDEF-[A-Z]+-monthday-[0-9]{2}-|[0-9]{4}-[0-9]{2}-)([0-9]{2})$")


def _conjoined(text: str, found: list[Candidate], lang: str) -> list[Candidate]:
    """Add the bare day of "April 24 and 25", "Nov. 8-10": a date of the same month; with
    the year that may follow it ("April 24 and 25, 2004"), which is then no date of its own."""
    link = _day_link(lang)
    out: list[Candidate] = []
    skip = -1
    for i, cand in enumerate(found):
        if i == skip:
            continue
        out.append(cand)
        m = _MONTHDAY.match(cand.value) if cand.type == "DATE" else None
        if not m:
            continue
        after = link.match(text, cand.end)
        if not after:
            continue
        end = after.end(1)
        following = found[i + 1] if i + 1 < len(found) else None
        if after[2] and following is not None and (following.start, following.end) == after.span(2):
            end, skip = after.end(2), i + 1  # "25, 2004": the year is the day's
        elif following is not None and following.start < after.end(1):
            continue
        day = int(re.sub(r"[^0-9]", "", after[1]))
        if not int(m[2]) < day <= 31:  # days in a range or list ascend
            if skip == i + 1:
                skip = -1
            continue
        value = f"{m[1]}{day:02d}"
        if end != after.end(1):
            value = f"{after[2]}-{value.split('-')[-2]}-{day:02d}"
        start = after.start(1)
        out.append(Candidate(start, end, text[start:end], "DATE", value, cand.rule))  # the date it shares a month with
    return out


_YEAR = re.compile(r"^([0-9]{2})([0-9]{2})$")
_SHORT_YEAR = re.compile(r"[-\u2013/]([0-9]{2})(?![0-9]|[.,:][0-9]|%| ?per ?cent)")


def _short_years(text: str, found: list[Candidate]) -> list[Candidate]:
    """Add the later year of "the 1975-90 civil war", "the 2009-10 season", "fiscal 2009/10":
    two digits after a year, and larger than its own last two (so "2009-06" is no range),
    are a year of its century; what else was read there ("11 school year") gives way."""
    out: list[Candidate] = []
    for i, cand in enumerate(found):
        if out and out[-1].start <= cand.start < out[-1].end:
            continue  # a later year added just before
        out.append(cand)
        year = _YEAR.match(cand.value) if cand.type == "DATE" else None
        after = _SHORT_YEAR.match(text, cand.end) if year else None
        if year is None or after is None or not int(year[2]) < int(after[1]):
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if following is not None and following.start < after.start(1):
            continue
        out.append(Candidate(after.start(1), after.end(1), after[1], "DATE", year[1] + after[1], cand.rule))  # the year it shares a century with
    return out


_BARE_MONTHDAY = re.compile(r"^UNDEF-TENSE-(monthday-([0-9]{2})-([0-9]{2})|month-([0-9]{2}))$")
_EXPLICIT = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")


def _shared_years(text: str, found: list[Candidate], lang: str) -> list[Candidate]:
    """One year for the dates of a range or a list: "between April 16 and May 28 2004",
    "April 24 and 25, 2004", "12 April 2004 and 3 May". A date without a year that is linked
    ("and", "to", "-", ...) to one with a year takes that year (the year before, if the range
    crosses New Year: "December 20 to January 5 2004")."""
    link = _date_link(lang)
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.type != "DATE" or b.type != "DATE" or not link.fullmatch(text, a.end, b.start):
            continue
        if (bare := _BARE_MONTHDAY.match(a.value)) and (year := _EXPLICIT.match(b.value)):
            out[i] = _in_year(a, bare, int(year[1]) - (_month_day(bare) > _month_day_of(year)))
        elif (bare := _BARE_MONTHDAY.match(b.value)) and (year := _EXPLICIT.match(a.value)):
            out[i + 1] = _in_year(b, bare, int(year[1]) + (_month_day(bare) < _month_day_of(year)))
    return out


def _month_day(bare: re.Match[str]) -> tuple[int, int]:
    return (int(bare[2]), int(bare[3])) if bare[2] else (int(bare[4]), 0)


def _month_day_of(explicit: re.Match[str]) -> tuple[int, int]:
    return int(explicit[2]), int(explicit[3] or 0)


def _in_year(cand: Candidate, bare: re.Match[str], year: int) -> Candidate:
    value = f"{year:04d}-{bare[2]}-{bare[3]}" if bare[2] else f"{year:04d}-{bare[4]}"
    return Candidate(cand.start, cand.end, cand.text, cand.type, value, cand.rule, cand.mod)


def _first_days(text: str, found: list[Candidate], lang: str) -> list[Candidate]:
    """Add the bare first day of "16 to 18 April 2004", "3 and 4 May": a date of the same month."""
    before = _day_before(lang)
    out: list[Candidate] = []
    for cand in found:
        m = _MONTHDAY.match(cand.value) if cand.type == "DATE" and cand.text[:1].isdigit() else None
        floor = out[-1].end if out else 0
        first = before.search(text, max(floor, cand.start - 12), cand.start) if m else None
        if m and first:
            day = int(first[1])
            if 1 <= day < int(m[2]):
                out.append(Candidate(first.start(1), first.end(1), first[1], "DATE", f"{m[1]}{day:02d}", cand.rule))
        out.append(cand)
    return out


@functools.cache
def _date_link(lang: str) -> re.Pattern[str]:
    """What joins the dates of a range or a list: ", and", " to ", "-", " until "."""
    g = grammar(lang)
    return re.compile(rf"\s*,?\s*(?:{g.patterns['day_link']}|{g.patterns['date_link']})\s*", re.IGNORECASE)


@functools.cache
def _day_before(lang: str) -> re.Pattern[str]:
    """A bare day before a day-first date: "(16) to 18 April", "(3) and 4 May"."""
    g = grammar(lang)
    return re.compile(rf"(?<![\w$£€.,:/])([0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:{g.patterns['day_link']})\s*$", re.IGNORECASE)


@functools.cache
def _day_link(lang: str) -> re.Pattern[str]:
    """A second day of the month after a date: "(April 24) and 25", "(Nov. 8)-10"."""
    g = grammar(lang)
    return re.compile(
        rf"\s*(?:{g.patterns['day_link']})\s*([0-9]{{1,2}}(?:st|nd|rd|th)?)"
        rf"(?![\w%-]|[.,:/][0-9]|\s*(?:%|{g.patterns['count_noun']})(?!\w))(?:,?\s*([12][0-9]{{3}})(?![\w.,][0-9]))?",
        re.IGNORECASE,
    )


def _matches(text: str, g: Index) -> Iterator[tuple[re.Match[str], int, int]]:
    """Leftmost-longest, non-overlapping matches as (match, rule index, group offset),
    trying at each word only the rules that can start with it and the word after it (the
    same matches as ``g.scanner`` over the whole text, only faster)."""
    if g.starts is None:
        yield from _search(text, g.scanner, g)
        return
    if g.elsewhere is None:
        yield from _by_first_words(text, g)
        return
    # Merge the two streams: leftmost first, then longest; drop what overlaps a kept match.
    both = sorted([*_by_first_words(text, g), *_search(text, g.elsewhere, g)], key=lambda b: (b[0].start(), -b[0].end()))
    done = 0
    for best in both:
        if best[0].start() >= done:
            done = best[0].end()
            yield best


def _search(text: str, scanner: Scanner, g: Index) -> Iterator[tuple[re.Match[str], int, int]]:
    """Leftmost-longest matches of ``scanner`` tried at every position."""
    pos = 0
    while m := scanner.regex.search(text, pos):
        best = _longest(text, m, scanner, g)
        pos = max(best[0].end(), m.start() + 1)
        yield best


def _by_first_words(text: str, g: Index) -> Iterator[tuple[re.Match[str], int, int]]:
    """Leftmost-longest matches tried only where a word that starts some rule stands."""
    starts = g.starts
    assert starts is not None
    done = 0
    # The words are found in the lower-cased text by a case-sensitive regex, twice as fast as
    # ignoring case; where lower-casing changes the length ("İ"), in the text itself.
    low = lowered(text)
    words = g.first_word.finditer(text) if low is None else g.first_word_lower.finditer(low)
    for first in words:
        start = first.start()
        if start < done:  # inside the last match
            continue
        word, second = first.groups()
        by_second = starts.get(DIGIT if word[0] in _NUMBER_START else word.lower())
        if by_second is None:  # matched only by Unicode case folding ("ſunday"): not a word of ours
            continue
        if second:
            rules = by_second.get(DIGIT if second[0] in _NUMBER_START else second.lower()) or by_second[ANY]
        else:
            rules = by_second[ANY]
        if not rules:
            continue
        scanner = g.scanner_for(rules)
        m = scanner.regex.match(text, start)
        if m:
            best = _longest(text, m, scanner, g)
            done = best[0].end()
            yield best


def _longest(text: str, m: re.Match[str], scanner: Scanner, g: Index) -> tuple[re.Match[str], int, int]:
    """The longest match at ``m``'s start among the rule that matched and those after it.

    An alternation takes the first rule that matches; "this year's third quarter" should
    not stop at "this year" because that rule comes first. Rules before the winner did not
    match here, so only the later ones are tried, one by one (once per match, not per word).
    Returns (match, rule index, the group offset of the rule in that match).
    """
    index = scanner.by_group[m.lastindex or 0]  # the outer group of a rule closes last
    position = scanner.rules.index(index)
    best, best_index, offset = m, index, scanner.offsets[position]
    for other in scanner.rules[position + 1:]:
        single = g.scanner_for((other,))
        alt = single.regex.match(text, m.start())
        if alt and alt.end() > best.end():
            best, best_index, offset = alt, other, single.offsets[0]
    return best, best_index, offset


@functools.cache
def _prefixes(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes for a mod word just before an expression ("early", "more than"), and for
    expressions that start with an amount (only those take "about": "about two years ago")."""
    g = grammar(lang)
    mod, approx = (
        re.compile(rf"(?<![\w-])({g.patterns[name]})(?:\s+|(?<=-))$", re.IGNORECASE)
        for name in ("mod_prefix", "approx_prefix")
    )
    counted = re.compile(rf"(?:{g.patterns['number']}|{g.patterns['number_vague']}|an?)\b", re.IGNORECASE)
    return mod, approx, counted


# How far a rule's context regexes look before and after a match.
_CONTEXT = 40


def _candidate(m: re.Match[str], rule: Rule, offset: int, g: Grammar) -> Candidate | None:
    start, end = m.span(offset)
    text = m.string
    if rule.not_preceded_by is not None and rule.not_preceded_by.search(text, max(0, start - _CONTEXT), start):
        return None
    if rule.not_followed_by is not None and rule.not_followed_by.match(text, end, end + _CONTEXT):
        return None
    value = _fill(rule.fill, m, offset, g)
    mod = _fill(rule.fill_mod, m, offset, g) if rule.fill_mod else None
    if value is None:
        return None
    if rule.type == "DURATION":
        value = _duration(value)
    return Candidate(start, end, m.string[start:end], rule.type, value, rule.name, mod or None)


def _fill(template: Template, m: re.Match[str], offset: int, g: Grammar) -> str | None:
    """Fill a template's fields from the match; None if a word is missing from a table."""
    out = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        name, group = part
        text = m.group(offset + group)
        if name is None:
            out.append(text or "")
        elif name in FUNCTIONS:
            try:
                out.append(FUNCTIONS[name](text))
            except ValueError:  # e.g. "ninety-ſix": re.IGNORECASE folded a letter we cannot read
                return None
        else:
            result = g.tables[name].get(table_key(text))
            if result is None:
                return None
            out.append(result)
    return "".join(out)


# A fraction of a unit is written in the next smaller one: P2.5Y is P2Y6M.
_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "TM": (60, "S")}


def _duration(value: str) -> str:
    """Canonical TIMEX3 duration: time units after a T, no decades or quarters, no fractions."""
    if m := _TIME_UNIT.match(value):
        return _fraction("PT", m[1], m[2], time=True)
    if m := re.match(r"^P([0-9.]+|X)(DE|CE|Q|WE)$", value):
        factor, unit = _DURATION_FIX[m[2]]
        if m[1] == "X":  # a vague number of decades stays in decades: PXDE
            return f"PX{m[2] if m[2] in ('DE', 'CE') else unit}"
        value = f"P{float(m[1]) * factor:g}{unit}"
    if m := re.match(r"^P([0-9]+\.[0-9]+)([YMWD])$", value):
        return _fraction("P", m[1], m[2], time=False)
    return value


def _fraction(prefix: str, amount: str, unit: str, time: bool) -> str:
    """'P' + 2.5 Y -> 'P2Y6M'; 'PT' + 1.5 M -> 'PT1M30S'; whole amounts stay as they are."""
    if amount == "X":  # "hours": a vague amount
        return f"{prefix}X{unit}"
    n = float(amount)
    if n == int(n):
        return f"{prefix}{int(n)}{unit}"
    key = "TM" if time and unit == "M" else unit
    if key not in _SMALLER or (time and unit == "D"):  # seconds: no smaller unit; keep the fraction
        return f"{prefix}{n:g}{unit}"
    factor, smaller = _SMALLER[key]
    whole, rest = int(n), round((n - int(n)) * factor)
    if unit == "D":  # days -> hours crosses into the time part
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{unit}" if whole else ""
    return f"{prefix}{head}{rest}{smaller}"


def _extend(text: str, cand: Candidate, prefix: re.Pattern[str], g: Grammar, floor: int) -> Candidate:
    """Take a mod word just before the expression into its extent ("early next year")."""
    lo = max(floor, cand.start - 30)
    m = prefix.search(text, lo, cand.start)
    if not m:
        return cand
    mod = g.tables["mod"].get(table_key(m[1]), "") or cand.mod
    start = m.start()
    return Candidate(start, cand.end, text[start:cand.end], cand.type, cand.value, cand.rule, mod or None)
