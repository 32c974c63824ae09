"""Small text helpers shared by stages: sentence boundaries without a parser."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# A sentence ends at . ! or ? (with any closing quotes or brackets) before white space and
# a capital, a digit or an opening quote; or at a blank line. Abbreviations that usually
# precede a name or number ("Mr.", "Gen.", "Jan.", "U.S.") do not end one. A scraped page
# also runs lines together without a stop ("... you may need Adobe Reader She said eight
# ..."): a capitalised He, She, They or We after a lower-case word, and before one, starts a
# sentence, and so does a capitalised The, It, This, These, In, But, When or After between
# two lower-case words ("insists he has done nothing wrong The last time ...": a headline
# glued to its report; not "his This Is It tour", nor "influenza A virus"), and a capitalised
# It before its verb after any word ("reporter in Los Angeles It had just gone 11am"), and a
# capitalised A or An after a date ("a concert on 8 October A judge ruled"), and a The
# after the last item of a fact box's list when the words after it run on as a sentence
# ("Biggest hits: ..., Earth Song The Los Angeles County Coroner's office said"); and a
# photograph's caption and its credit ("Photograph: Michael Nagle/Getty Images") stand
# alone, whatever the page glued to them.
_END = re.compile(
    r"""[.!?]['"’”)\]]*(?=\s+['"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z“"'])"""
    r"""|(?<=\w)(?P<glued>[ \t]+)(?=(?P<next>He|She|They|We|The|It|This|These|In|But|When|After|An?)[ \t]+(?P<after>[a-z]+))"""
    r"""|(?<=[A-Za-z])(?P<listed>[ \t]+)(?=The(?:[ \t]+[A-Z][\w'’.-]*)+[ \t]+[a-z]+[ \t]+[a-z])"""
    r"""|(?<=\S)(?=[ \t]+(?:Photograph|Photo|Picture|Image)s?:[ \t])"""
    r"""|\b(?:Photograph|Photo|Picture|Image)s?:[ \t]+[^/\n]{1,60}?\\?/[ \t]?[A-Z][\w.&-]*(?:[ \t](?:Images|Photos|Pictures|Features))?(?=[ \t]+\S)"""
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen sen rep gov lt col maj capt sgt adm st jr sr prof rev pres "
    "jan feb mar apr jun jul aug sep sept oct nov dec no vs inc corp co ltd u.s u.n u.k e.u".split()
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_BRACKETED_TIME = re.compile(r"[ \t]*\([0-9]")
_DATE_END = re.compile(r"\b(?:on|in|at|by|from|until|since)[ \t]+(?:[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+)?"
                       r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                       r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:[ \t]+[0-9]{1,4})?,?$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*$")


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence in ``text``, surrounding white space excluded."""
    return _sentences(text)


# Each stage asks for the sentences of one article at a time, once per date in it: a small
# cache serves them all without keeping every article of a big corpus alive.
@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for match in _END.finditer(text):
        if match.group("glued") is not None and not _glued(text, match):
            continue
        if match.group("listed") is not None and not _factbox(text, match.start()):
            continue
        if match.group().startswith("."):
            word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())  # not from 0: that is quadratic
            if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            if word and word.group(1).lower() in ("a.m", "p.m") and _BRACKETED_TIME.match(text, match.end()):
                continue  # "at 1:24 p.m. (0424 GMT)": the time in another zone, no new sentence
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return tuple(_trim(text, s, e) for s, e in spans if text[s:e].strip())


_PRONOUNS = frozenset({"He", "She", "They", "We"})
_IT_VERBS = frozenset({"is", "was", "has", "had", "will", "would", "could", "can", "may", "might", "seems", "seemed"})


def _glued(text: str, match: re.Match[str]) -> bool:
    """Whether the capitalised word after ``match`` starts a sentence run on to the one before."""
    if match.group("next") == "It" and match.group("after") in _IT_VERBS:
        return True  # after any word: "reporter in Los Angeles It had just gone 11am"
    if match.group("next") in ("A", "An"):  # "a tribute concert on 8 October A judge in Los Angeles": after a date only
        # not "influenza A virus", nor a chronology's "6 October 2011 A recording ... is played", whose date opens its entry
        return _DATE_END.search(text, max(0, match.start() - 40), match.start()) is not None
    if match.group("next") in _PRONOUNS:
        return text[match.start() - 1].islower()  # "you may need Adobe Reader She said"
    # "nothing wrong The last time": only after a lower-case word ("his This Is It tour" runs on)
    return _LOWER_WORD.search(text, max(0, match.start() - 40), match.start()) is not None


_LABEL = re.compile(r"(?:^|(?<=[ \t]))[A-Z][a-z]+(?:[ \t][a-z]+){0,3}:[ \t]")
_FACTBOX_REACH = 400


def _factbox(text: str, at: int) -> bool:
    """Whether ``at`` ends the last item of a fact box's list run on to the report ("Born:
    August 29, 1958 ... Biggest hits: ..., Black or White, Earth Song [The Los Angeles County
    Coroner's office said ...]"): its line holds two labels or more, and no stop since."""
    line = max(text.rfind("\n", 0, at) + 1, at - _FACTBOX_REACH)
    labels = list(_LABEL.finditer(text, line, at))
    return len(labels) >= 2 and not re.search(r"[.!?]", text[labels[-1].end() : at])


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence span that contains ``offset``."""
    spans = _sentences(text)
    if not spans:
        return (0, len(text))
    index = max(bisect_right(_starts(text), offset) - 1, 0)
    return spans[index]


@lru_cache(maxsize=256)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _ in _sentences(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
