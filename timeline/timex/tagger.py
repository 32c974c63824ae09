"""Tag an article: find expressions (candidates.py), then resolve them in document order (resolve.py).

Needs: Article. Adds: Timex, resolved against Article.published. Resolution walks the
expressions in order so that a dated mention becomes the reference time for anaphoric
ones that follow ("the next day", "a year earlier", "the quarter").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left

from timeline.model import Article, Timex, TimexType
from timeline.timex import units
from timeline.timex.candidates import Candidate, find
from timeline.timex.grammar import grammar
from timeline.timex.resolve import Context, resolve, tense_unit
from timeline.timex.tense import tense


def tag_article(article: Article) -> tuple[Timex, ...]:
    """Every temporal expression of ``article``, in document order, with its TIMEX3 value."""
    return tag_text(article.text, article.published)


def tag_text(text: str, published: dt.date, lang: str = "en") -> tuple[Timex, ...]:
    """Tag ``text`` whose publication date (DCT) is ``published``."""
    out: list[Timex] = []
    ref: units.Point = (published, "day")
    ref_day = published
    ref_quarter: dt.date | None = None
    by_quarter = True
    ref_quarter_weak = False  # the reference quarter may give way to the story's reported quarter
    turns = _turns(text, lang)
    last_end = 0
    for cand in find(text, lang):
        if turns and bisect_left(turns, cand.start) > bisect_left(turns, last_end):
            ref_quarter, ref_quarter_weak = None, False  # a roundup turned to another story
        last_end = cand.end
        clause = functools.partial(tense, text, cand.start, cand.end, lang)
        timex = _resolve(cand, Context(published, ref, ref_day, ref_quarter, clause, by_quarter))
        if timex is None:
            continue
        out.append(timex)
        if _in_caption(text, timex.end, lang):
            continue  # a caption dates its photo, not the story: the reference time stays
        if timex.type == "DURATION" and _period(lang).fullmatch(timex.text):
            by_quarter = False  # "the first nine months", "the year ended June 30"
        # Anaphoric values ("a year earlier", "the quarter") point back at the reference
        # time; letting them move it would chain ("a year earlier" twice = two years). So do
        # comparisons with a year named ("the 1988 period"): the story stays in its quarter.
        if timex.type in ("DATE", "TIME") and not cand.value.startswith("UNDEF-REF") and "-refquarter-" not in cand.value:
            point = units.parse(timex.value)
            if point is not None:
                ref = point
                if point[1] == "day":
                    ref_day = point[0]
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


@functools.cache
def _period(lang: str) -> re.Pattern[str]:
    """A reported period longer than a quarter ("the first nine months"), from patterns.toml."""
    return re.compile(grammar(lang).patterns["report_period"], re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _turns(text: str, lang: str) -> list[int]:
    """Where each paragraph that turns to another story starts ("Separately, ..."), in order."""
    rx = re.compile(r"(?:^|\n)[ \t]*(?:" + grammar(lang).patterns["story_turn"] + r"),", re.MULTILINE)
    return [m.start() for m in rx.finditer(text)]


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
