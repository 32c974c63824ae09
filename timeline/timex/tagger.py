"""Tag an article: find expressions (candidates.py), then resolve them in document order (resolve.py).

Needs: Article. Adds: Timex, resolved against Article.published. Resolution walks the
expressions in order so that a dated mention becomes the reference time for anaphoric
ones that follow ("the next day", "a year earlier", "the quarter").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from bisect import bisect_left

from timeline.model import Article, Timex, TimexType
from timeline.timex import units
from timeline.timex.candidates import Candidate, find
from timeline.timex.grammar import grammar
from timeline.timex.resolve import Context, resolve, tense_unit
from timeline.timex.tense import tense, unforeseen


def tag_article(article: Article) -> tuple[Timex, ...]:
    """Every temporal expression of ``article``, in document order, with its TIMEX3 value."""
    return tag_text(article.text, article.published)


def tag_text(text: str, published: dt.date, lang: str = "en") -> tuple[Timex, ...]:
    """Tag ``text`` whose publication date (DCT) is ``published``."""
    out: list[Timex] = []
    ref: units.Point = (published, "day")
    ref_day = published
    ref_weekday = False  # whether ref_day is a weekday its clause's tense placed
    ref_quarter: dt.date | None = None
    by_quarter = True
    ref_quarter_weak = False  # the reference quarter may give way to the story's reported quarter
    turns = _turns(text, lang)
    last_end = 0
    for cand in _with_entry_stamps(list(find(text, lang)), text, lang):
        if _clock_like(cand, published) and _military(text, published.year, lang):  # the article's style, read when first needed
            clock_end = out[-1].end if out and out[-1].type is TimexType.TIME else None
            cand = _as_clock(cand, text, clock_end, lang) or cand
        if _early_year(cand) and not _early_year_said(text, cand, lang):
            continue  # "over 1000 in the UK", "All 1441 required": a number, no year of the 11th century
        if turns and bisect_left(turns, cand.start) > bisect_left(turns, last_end):
            ref_quarter, ref_quarter_weak = None, False  # a roundup turned to another story
        last_end = cand.end
        unit = tense_unit(cand.value)
        clause = functools.partial(tense, text, cand.start, cand.end, lang, unit)
        # "the January 13 incident" written in December: that January, however far (only a day of a year is weighed so)
        firm = unit in _FIRMED and unforeseen(text, cand.start, cand.end, lang, unit)
        timex = _resolve(cand, Context(published, ref, ref_day, ref_quarter, clause, by_quarter, firm, ref_weekday))
        if timex is None:
            continue
        out.append(timex)
        if _in_caption(text, timex.end, lang):
            continue  # a caption dates its photo, not the story: the reference time stays
        if timex.type == "DURATION" and _period(lang).fullmatch(timex.text):
            by_quarter = False  # "the first nine months", "the year ended June 30"
        # Anaphoric values ("a year earlier", "the quarter") point back at the reference
        # time; letting them move it would chain ("a year earlier" twice = two years). So do
        # comparisons with a year named ("the 1988 period"): the story stays in its quarter;
        # and so does a day that names what happened on it ("since 9/11"): the story stays in its time.
        if timex.type in ("DATE", "TIME") and not cand.value.startswith("UNDEF-REF") and not _NO_REFERENCE.search(cand.value):
            point = units.parse(timex.value)
            if point is not None:
                ref = point
                if point[1] == "day":
                    ref_day = point[0]
                    ref_weekday = unit in ("weekday", "weekend")
                elif point[1] == "quarter":
                    # The story's reported quarter is the first one it names without a year
                    # that has ended by the DCT ("third-quarter net rose ..."); a quarter named
                    # later ("After a flat second quarter") is an aside, and "a year ago" still
                    # means the first. A quarter with its year written ("the third quarter of
                    # 1984") or still to end ("expects fourth-quarter net to ...") is a
                    # reference only until such a one comes.
                    if ref_quarter is None or ref_quarter_weak:
                        ref_quarter = point[0]
                        ref_quarter_weak = not cand.value.startswith("UNDEF-") or units.shift(point[0], "quarter", 1) > published
                    by_quarter = True
    return tuple(out)


_FIRMED = frozenset({"monthday", "monthdayweek", "holiday", "holidayweek"})  # units whose past a noun of what no one schedules makes firm
_NO_REFERENCE = re.compile(r"-(?:refquarter|namedday|namedbare)-")  # values that do not move the reference time


@functools.cache
def _period(lang: str) -> re.Pattern[str]:
    """A reported period longer than a quarter ("the first nine months"), from patterns.toml."""
    return re.compile(grammar(lang).patterns["report_period"], re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _turns(text: str, lang: str) -> list[int]:
    """Where each paragraph that turns to another story starts ("Separately, ..."), in order:
    the text's start or the line break before it."""
    first, after_break = _turn(lang)
    at_start = [0] if first.match(text) else []
    return at_start + [m.start() for m in after_break.finditer(text)]


@functools.cache
def _turn(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line that turns to another story, at the text's start and after a line break (a
    regex that starts with a line break is searched for fast, as a literal)."""
    line = r"[ \t]*(?:" + grammar(lang).patterns["story_turn"] + r"),"
    return re.compile(line), re.compile("\n" + line)


# A bare four-digit number read as a year this much before the report, in an article that
# writes 24-hour clock times without a colon, is a clock time when a word that takes a time
# comes before it ("at about 1100", "until 1221"); "since 1918" there stays a year.
MILITARY_YEARS = 200
MILITARY_EVIDENCE = 3  # bare ones that tell the article's style without a "0930 GMT"
_BARE_YEAR = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]")


@functools.lru_cache(maxsize=8)
def _military(text: str, year: int, lang: str) -> bool:
    """Whether ``text``, published in ``year``, writes 24-hour clock times without a colon:
    one with a zone, "hours" or its day ("0930 GMT", "1040 on 25 June", patterns.toml
    ``military_style``), or ``MILITARY_EVIDENCE`` bare ones after a word that takes a time,
    each a year centuries before the report ("between 1040", "until 1221", ``military_bare``)."""
    if _compiled(lang, "military_style").search(text):
        return True
    bare = [m for m in _compiled(lang, "military_bare").finditer(text) if int(m.group()[-4:]) <= year - MILITARY_YEARS]
    return len(bare) >= MILITARY_EVIDENCE


@functools.cache
def _compiled(lang: str, name: str) -> re.Pattern[str]:
    """The pattern list ``name`` of patterns.toml, compiled once."""
    return re.compile(grammar(lang).patterns[name], re.IGNORECASE)


def _bare_year(cand: Candidate) -> bool:
    """Whether a candidate is a bare year that could be a clock time ("1040")."""
    return cand.type == "DATE" and cand.value == cand.text and _BARE_YEAR.fullmatch(cand.text) is not None


def _clock_like(cand: Candidate, published: dt.date) -> bool:
    """Whether a candidate is a bare year that could be a clock time, centuries before the report."""
    return _bare_year(cand) and int(cand.text) <= published.year - MILITARY_YEARS


EARLY_YEAR = 1600  # a bare year before this one needs a word that says it is one (patterns.toml year_early_before)


def _early_year(cand: Candidate) -> bool:
    return cand.type == "DATE" and cand.value == cand.text and len(cand.text) == 4 and cand.text.isdigit() and int(cand.text) < EARLY_YEAR


def _early_year_said(text: str, cand: Candidate, lang: str) -> bool:
    """Whether a word before a bare early year leads to a year ("in 1523", "(1503)"), or an era or a year range follows it ("1200 AD", "1371-1435")."""
    return bool(_compiled(lang, "year_early_before").search(text, max(0, cand.start - 12), cand.start)
                or _compiled(lang, "year_early_after").match(text, cand.end))


ENTRY_EVIDENCE = 3  # entries opening with their time that make a page a live blog's


@functools.lru_cache(maxsize=8)
def _entry_stamps(text: str, lang: str) -> frozenset[int]:
    """Where a live blog's entries open with their 24-hour time (patterns.toml
    ``entry_stamp_in_page``: "1040 Hundreds of people are feared ..."), in a page with
    ``ENTRY_EVIDENCE`` or more at a paragraph's or a sentence's start (``entry_stamp``); none in
    any other page, where "2008 was a hard year" opens a sentence with a year."""
    opening = _compiled(lang, "entry_stamp").finditer(text)
    if sum(1 for _ in itertools.islice(opening, ENTRY_EVIDENCE)) < ENTRY_EVIDENCE:
        return frozenset()
    return frozenset(m.start() for m in _compiled(lang, "entry_stamp_in_page").finditer(text))


def _at_entry(cand: Candidate, text: str, lang: str) -> bool:
    """Whether a candidate stands where a live blog's entry opens with its time."""
    return _compiled(lang, "entry_stamp_in_page").match(text, cand.start) is not None


def _entry_value(hhmm: str) -> str:
    return f"UNDEF-DCT-day-PLUS-0T{hhmm[:2]}:{hhmm[2:]}"


def _with_entry_stamps(cands: list[Candidate], text: str, lang: str) -> list[Candidate]:
    """The candidates, a live blog's entry times made times of the page's day ("1040 Hundreds of
    people are feared ...") and those that are no year added ("0935", "2346"), where the page is
    one: only a page with a year-like entry time is looked at, so that the page-wide search runs
    on few pages."""
    if not any(_bare_year(c) and _at_entry(c, text, lang) for c in cands):
        return cands
    stamps = _entry_stamps(text, lang)
    covered = {at for c in cands for at in range(c.start, c.end)}
    extra = [Candidate(at, at + 4, text[at:at + 4], "TIME", _entry_value(text[at:at + 4]), "entry_stamp")
             for at in sorted(stamps) if at not in covered]
    cands = [dataclasses.replace(c, type="TIME", value=_entry_value(c.text)) if _bare_year(c) and c.start in stamps else c for c in cands]
    return sorted(cands + extra, key=lambda c: c.start)


def _as_clock(cand: Candidate, text: str, clock_end: int | None, lang: str) -> Candidate | None:
    """A ``_clock_like`` year that is a clock time of the day last mentioned ("at about
    1100", "between 1040 [and 1050]"), in an article written so (``_military``); None if it
    is no such one. clock_end: where the clock time just before it ends, if the last
    expression is one."""
    cued = _compiled(lang, "military_cue").search(text, max(0, cand.start - 30), cand.start)
    if not cued and not (clock_end is not None and _compiled(lang, "military_join").match(text, clock_end, cand.start)):
        return None
    return dataclasses.replace(cand, type="TIME", value=f"UNDEF-REF-day-PLUS-0T{cand.text[:2]}:{cand.text[2:]}")


@functools.cache
def _caption(lang: str) -> re.Pattern[str]:
    """A photo credit closing a line: "(AFP)", "(Photo: ...)", from patterns.toml."""
    return re.compile(r"\((?:" + grammar(lang).patterns["caption_credit"] + r")\)[ \t]*$", re.MULTILINE)


def _in_caption(text: str, position: int, lang: str) -> bool:
    """Whether ``position`` is on a line that a photo credit closes, before the credit. The
    credits of a text are found once (a one-line text of 16 MB was scanned to its end for
    every expression: quadratic)."""
    credits = _credits(text, lang)
    at = bisect_left(credits, (position, -1))
    return at < len(credits) and credits[at][1] <= position  # the first credit after it is on its line


@functools.lru_cache(maxsize=8)
def _credits(text: str, lang: str) -> list[tuple[int, int]]:
    """(where each photo credit starts, where its line starts), in order."""
    return [(m.start(), text.rfind("\n", 0, m.start()) + 1) for m in _caption(lang).finditer(text)]


def _resolve(cand: Candidate, ctx: Context) -> Timex | None:
    """The Timex of a candidate; explicit values need no anchor."""
    if not cand.value.startswith("UNDEF-"):
        return Timex(cand.start, cand.end, cand.text, TimexType(cand.type), cand.value, cand.rule, None, cand.mod)
    resolved = resolve(cand.value, ctx)
    if resolved is None:
        return None
    value, anchor = resolved
    by_tense = cand.value if tense_unit(cand.value) else None
    kind = TimexType(cand.type)
    if kind is TimexType.DATE and _TIME_OF_DAY.search(value):
        kind = TimexType.TIME  # TIMEX3 types a day with a part of it or a clock time as TIME ("yesterday afternoon")
    return Timex(cand.start, cand.end, cand.text, kind, value, cand.rule, anchor.isoformat(), cand.mod, by_tense)


_TIME_OF_DAY = re.compile(r"\d{2}T(?:MO|AF|EV|NI|DT|\d)")
