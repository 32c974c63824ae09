"""Turn the dated statements of an article into events.

Needs: Article, its Timex. Adds: Event (one mention each) with a trigger word, a headline,
a kind (CAMEO root), a status, actors with canonical names and roles, and places.

Only the sentences that hold a calendar date are parsed (spaCy, loaded once, lazily), so the
cost follows what is used. One event per (clause, date): durations, sets and vague references
("now", "recently") date nothing, and neither do page furniture nor century-wide dates.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from timeline.events import clause as clauses
from timeline.events import headline, naming, nlp
from timeline.events.lexicon import Lexicon, lexicon
from timeline.events.status import finite_tag
from timeline.model import Article, Event, Mention, Status, Timex, When
from timeline.text import sentence_at
from timeline.timex import FUTURE, PAST, interval, tense_unit, with_tense

__all__ = ["extract", "extract_all", "prepare"]

_UNDATED_GRANULARITIES = ("century",)
_MAX_SENTENCE = 1200  # characters: a longer "sentence" (a page without punctuation) is cut around its date
_FALLBACK_TITLE_WORDS = 14


def extract(article: Article, timexes: tuple[Timex, ...]) -> tuple[Event, ...]:
    """One event per date that places a clause of ``article`` on the calendar."""
    return next(extract_all([(article, timexes)]))


def prepare() -> None:
    """Load what extracting needs (spaCy's pipeline), as a worker does before its articles come."""
    nlp.pipeline()


def extract_all(items: Iterable[tuple[Article, tuple[Timex, ...]]], batch: int = 64) -> Iterator[tuple[Event, ...]]:
    """``extract`` for many articles, in order; their sentences are parsed together, which is faster."""
    lex = lexicon()
    pending: list[tuple[Article, dict[tuple[int, int], list[Timex]]]] = []
    for article, timexes in items:
        pending.append((article, _dated_sentences(article, timexes, lex)))
        if len(pending) >= batch:
            yield from _events(pending, lex)
            pending = []
    yield from _events(pending, lex)


def _dated_sentences(article: Article, timexes: tuple[Timex, ...], lex: Lexicon) -> dict[tuple[int, int], list[Timex]]:
    """The sentences worth parsing: those with a calendar date, page furniture left out."""
    by_sentence: dict[tuple[int, int], list[Timex]] = defaultdict(list)
    headings = [t.start for t in timexes if _heading(article.text, t, lex)]
    stamp_end = -10
    for timex in timexes:
        span = interval(timex.value)
        if timex.start - stamp_end <= 3 or _stamped(article.text, timex, lex):
            stamp_end = timex.end  # "Wed Apr 29, 2009 7:31 pm EDT": the clock time is the stamp's too
            continue
        if timex.type in ("DATE", "TIME") and span is not None and span.granularity not in _UNDATED_GRANULARITIES:
            whole = sentence_at(article.text, timex.start)
            sentence = _after_dateline(article.text, _window(article.text, _entry(article.text, whole, timex, headings), timex), timex, lex)
            if sentence[0] <= stamp_end < timex.start:  # "Page last updated at 08:03 GMT, ... 09:03 UK Katherine Jackson has ..."
                sentence = (_after_stamp(article.text, stamp_end, lex), sentence[1])
            if not lex.furniture.match(article.text[whole[0] : whole[1]]) and not lex.furniture.match(article.text[sentence[0] : sentence[1]]):
                by_sentence[sentence].append(timex)
    return by_sentence


# what may stand between two dates of one stretch: "on Wednesday [to] Friday [] last week", "April 24 [and] 25"
_JOINED = re.compile(r"(?:[\s,–—-]|\b(?:to|and|or|through|until|till|from|between|of|on|in|at)\b)*$", re.IGNORECASE)


def _one_verb(doc, a: Timex, b: Timex, offset: int) -> bool:
    """Two dates that hang on one verb ("met Putin on Thursday and Lavrov on Friday"), not
    a date of an aside before ("told police, in an interview heard last week, that ...")."""
    x = doc.char_span(a.start - offset, a.end - offset, alignment_mode="expand")
    y = doc.char_span(b.start - offset, b.end - offset, alignment_mode="expand")
    return x is not None and y is not None and len(x) > 0 and len(y) > 0 and clauses.governor(x.root) == clauses.governor(y.root)


_YEAR = re.compile(r"\b[0-9]{4}\b")
_LAST_WORD = re.compile(r"([\w'’-]+)\s+$")  # the word right before a date, with nothing but spaces between


def _heading(text: str, timex: Timex, lex: Lexicon) -> bool:
    """A date that opens a chronology's entry glued to the text before it ("... on Dr
    Murray's clinic 21 November 2009 Court documents reveal ..."): it names its year, a
    capitalised word follows it, and the word before it on its line is not one that leads
    into a date ("died on 25 June 2009 Jackson ...")."""
    if timex.type != "DATE" or not _YEAR.search(timex.text) or not _DATELINE_END.match(text, timex.end):
        return False
    line_start = text.rfind("\n", 0, timex.start) + 1
    word = _LAST_WORD.search(text[max(line_start, timex.start - 40) : timex.start])
    return word is not None and word[1].lower() not in lex.heading_not_after


def _entry(text: str, sentence: tuple[int, int], timex: Timex, headings: list[int]) -> tuple[int, int]:
    """The sentence, or the chronology's entry of it that holds the date (see ``_heading``)."""
    start, end = sentence
    for at in headings:
        if start < at <= timex.start:
            start = at
        elif timex.start < at < end:
            end = len(text[:at].rstrip())
            break
    return start, end


def _after_dateline(text: str, sentence: tuple[int, int], timex: Timex, lex: Lexicon) -> tuple[int, int]:
    """The sentence without a wire's dateline before the date: "GENEVA | Wed Apr 29, 2009
    7:31 pm EDT GENEVA (Reuters) - The World Health Organization said on Wednesday ..."."""
    start, end = sentence
    cut = None
    for cut in lex.dateline.finditer(text, start, timex.start):  # noqa: B007 - the last one is wanted
        pass
    return (cut.end(), end) if cut else sentence


_ASIDE = re.compile(r"\s*(?:\([^()\n]{0,80}\))?\s*")


def _after_stamp(text: str, stamp_end: int, lex: Lexicon) -> int:
    """Where the report starts after a page's stamp that ends at ``stamp_end``: past a time
    zone and a bracketed aside ("09:03 UK (an error occurred while processing this directive)")."""
    zone = _zone(lex.time_zones).match(text, stamp_end)
    return _ASIDE.match(text, zone.end() if zone else stamp_end).end()  # type: ignore[union-attr]


@cache
def _zone(zones: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, sorted(zones))) + r")\b")


def _stamped(text: str, timex: Timex, lex: Lexicon) -> bool:
    """A date the page stamps on itself ("Fri Apr 24, 2009 7:50 pm EDT", "Last updated at
    04:16 GMT"), which dates the page, not an event."""
    if lex.stamp.match(text, timex.end) or lex.listing_age.search(text, max(0, timex.start - 4), timex.end):
        return True  # "... 7:50 pm EDT", "Officials probe Jackson's doctors - 23 hrs ago"
    year = _YEAR.search(text, timex.start, timex.end) if timex.type == "TIME" else None
    if year is not None and lex.stamp.match(text, year.end(), timex.end):
        return True  # the stamp's clock time read with its day, one expression: "Fri Apr 24, 2009 7:50 pm EDT"
    look_from = max(0, timex.start - 40)
    line_start = text.rfind("\n", look_from, timex.start) + 1  # only the last 40 characters: a line can be a whole book
    return lex.stamp_before.search(text, max(line_start, look_from), timex.start) is not None


def _events(pending: list[tuple[Article, dict[tuple[int, int], list[Timex]]]], lex: Lexicon) -> Iterator[tuple[Event, ...]]:
    openings = [{span: _dateline(article.text, span[0], timexes) for span, timexes in by_sentence.items()} for article, by_sentence in pending]
    texts = [
        _as_parsed(article.text, s, e, opening[(s, e)])
        for (article, by_sentence), opening in zip(pending, openings, strict=True)
        for s, e in sorted(by_sentence)
    ]
    docs = iter(nlp.parse(texts)) if texts else iter(())
    for (article, by_sentence), opening_of in zip(pending, openings, strict=True):
        sentences = sorted(by_sentence)
        parsed = [next(docs) for _ in sentences]
        if not sentences:
            yield ()
            continue
        names = _person_names(article.text, parsed, lex)
        people = naming.People(names, _acronyms(article.text), article.text, _things(parsed, names, lex), _kin_names(article.text, names, lex))
        found: list[Event] = []
        for (start, end), doc in zip(sentences, parsed, strict=True):
            previous_end, last = 0, None
            opening = opening_of[(start, end)]
            for timex in by_sentence[(start, end)]:
                if last is not None and not _JOINED.match(article.text, last.end, timex.start) and _one_verb(doc, last, timex, start):
                    previous_end = last.end - start  # "meet Putin on Thursday [and Lavrov on Friday]": a stretch of its own
                event = _event(article, timex, doc, start, previous_end, people, lex, timex is opening)
                last = timex
                if event is not None:
                    found.append(event)
        yield tuple(found)


def _event(
    article: Article, timex: Timex, doc, sentence_start: int, previous_end: int, people: naming.People, lex: Lexicon,
    dateline: bool = False,
) -> Event | None:
    start, end = timex.start - sentence_start, timex.end - sentence_start
    if not dateline and clauses.dates_a_thing(doc, start, end, lex):
        return None
    relation = _relation(timex.value, article.published)
    clause = clauses.read(doc, start, end, lex, relation, previous_end, dateline)
    if clause is not None and clause.kind is None and clause.trigger.lemma_ == "be" and clause.subject is not None \
            and clause.subject.lower_ in lex.pointing:
        return None  # "That was two years ago": the date of an event told before, no event of its own
    if clause is not None and clause.subject is not None and clause.subject.lower_ in lex.demonstratives \
            and clause.subject.pos_ in ("PRON", "DET") and all(c.dep_ in ("punct", "relcl", "acl") for c in clause.subject.children):
        return None  # "This involved completing a questionnaire": a bare demonstrative points to what was told before
    if clause is not None and clause.trigger.tag_ == "VBN" and clause.trigger.lemma_.lower() in lex.comparing \
            and clause.trigger.dep_ not in ("ROOT", "relcl"):
        return None  # "40% worried, compared with 50% last week": the date is the measure's
    expression = doc.char_span(start, end, alignment_mode="expand")
    if clause is not None and clause.subject is not None and clause.subject.lower_ == "it" \
            and clause.trigger.lemma_.lower() in lex.clock_verbs and _told_by(clause.trigger, expression):
        return None  # "It had just gone 11am on the ninth floor": the clock told, a scene set
    value, correction = _corrected(timex, clause, article.published, expression, lex)
    if correction is not None and _relation(value, article.published) != relation:  # the status follows the day
        relation = _relation(value, article.published)
        clause = clauses.read(doc, start, end, lex, relation, previous_end, dateline)
    span = interval(value)
    if span is None:
        return None
    sentence = article.text[sentence_start : sentence_start + len(doc.text)]  # as written, credit included
    mention = Mention(
        article=article.id,
        sentence=sentence,
        sentence_start=sentence_start,
        expression=timex.text,
        start=timex.start,
        end=timex.end,
        value=value,
        rule=timex.rule,
        correction=correction,
        year_inferred=timex.by_tense is not None and tense_unit(timex.by_tense) == "monthday",
        anchor=timex.anchor,
        trigger=clause.trigger.text if clause else None,
        lemma=clause.trigger.lemma_.lower() if clause else None,
    )
    when = When(value=value, start=span.start, end=span.end, granularity=span.granularity, label=span.label)
    tokens = range(expression.start, expression.end) if expression is not None else range(0)
    if clause is None:
        status = Status.SCHEDULED if relation == "future" else Status.OCCURRED
        return Event(when=when, title=_title(None, doc, timex, tokens, previous_end, people, lex, sentence_start, sentence), mentions=(mention,), status=status)
    it = headline.it_meant(clause, lex) or headline.expletive_speaker(clause, lex)  # "Moscow said it did not attack", "... said there was"
    named = (n for e in (*clause.actor_spans, *_owners(clause.trigger, lex, people, sentence_start), *([it] if it is not None else []))
             if (n := naming.actor_name(e, people, lex, sentence_start)) and not (e.label_ == "PERSON" and naming.clean_name(e.text) in people.things))
    title = _title(clause, doc, timex, tokens, previous_end, people, lex, sentence_start, sentence)
    country = naming.country_meant(clause.subject, lex) if clause.subject is not None else None  # "the country shut ..."
    in_role = naming.person_in_role(clause.subject, people, lex) if clause.subject is not None else None  # "the doctor told ..."
    # "he returned": the one person he can be; not the "his" of "his doctor called", whom the doctor acts for
    meant = headline.subject_person(clause, people, lex, sentence_start) if in_role is None else None
    owner_role = next((n for c in clause.trigger.children if clause.trigger.pos_ == "NOUN" and c.dep_ == "poss" and c.pos_ == "NOUN"
                       and (n := naming.person_in_role(c, people, lex))), None)  # "the singer's death"
    body = naming.body_meant(clause.subject, people, lex) if clause.subject is not None else None  # "the organization's committee"
    body = lex.aliases.get(body, people.organisation(body)) if body else None
    # "called to [Jackson]'s California home": a person's home, whatever NER took his name for
    owned = [e for e in clause.place_spans if e.root.dep_ == "poss" and people.is_surname(e.text)]
    actors = _unique([*(a for a in (meant, country, in_role, owner_role, body) if a), *named,
                      *(n for e in owned if (n := people.sole(e.text))), *_shared_surnames(clause.trigger, people)])
    actors = _unique([*actors, *_people_in(title, doc, people, sentence_start, actors)])
    roles = _unique(
        (people.canonical(e.text, sentence_start + e.start_char), r) for e in clause.actor_spans if (r := naming.role_of(e, lex))
    )
    return Event(
        when=when,
        title=title,
        mentions=(mention,),
        kind=clause.kind.key if clause.kind else None,
        cameo=clause.kind.cameo if clause.kind else None,
        status=clause.status,
        actors=actors,
        roles=roles,
        affiliations=_unique(
            (people.canonical(e.text, sentence_start + e.start_char), c) for e in clause.actor_spans if (c := naming.affiliation_of(e, lex))
        ),
        places=_unique(naming.place_name(e, lex) for e in clause.place_spans if e not in owned),
    )


def _owners(trigger, lex: Lexicon, people: naming.People, offset: int) -> list:
    """The entities whose event a noun names ("[Egypt's] order", "[Michael Jackson's] death"):
    they take part; a bare surname the article cannot tell apart is left out, and so is a
    country whose noun names what befell it, not what it did ("[Mexico's] outbreak")."""
    kind = lex.kind_of(trigger.lemma_)
    acts = kind is None or kind.cameo is not None  # an order, a proposal; not an outbreak, a death toll
    return [e for e in _owning(trigger) if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
            and (e.label_ != "PERSON" or people.sole(e.text) is not None)
            and (e.label_ not in ("GPE", "NORP") or acts)]


def _owning(trigger) -> list:
    """The entities in the possessive before the event noun ``trigger`` ("[Egypt]'s order")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    owners = {c.i for c in trigger.children if c.dep_ == "poss"}
    return [e for e in trigger.doc.ents if e.root.i in owners]


def _shared_surnames(trigger, people: naming.People) -> list[str]:
    """The people who own the event a noun names where ``_owners`` cannot name them: a bare
    surname that several people of the article share ("Jackson's death" beside Michael and
    Janet Jackson), kept bare for the pile, which may know whom its reports mean by it
    (``merge``); and a surname the tagger took for a place ("[Jackson]'s June 2009 death",
    GPE), the article's person so named."""
    found = []
    for e in _owning(trigger):
        name = naming.clean_name(e.text)
        if " " in name or not people.is_surname(name):
            continue
        if e.label_ == "PERSON" and people.sole(name) is None:
            found.append(name)
        elif e.label_ in ("GPE", "LOC"):
            found.append(people.sole(name) or name)
    return found


def _people_in(title: str, doc, people: naming.People, offset: int, actors: Iterable[str]) -> list[str]:
    """The people a headline names ("Case against Murray goes to the jury"): actors of its
    event, wherever the parse hung them; not a name used as a modifier ("Jackson albums", "a
    Michael Jackson tribute concert"), nor a surname an actor already has (Katherine
    Jackson's "Jackson" is not Michael)."""
    words = set(re.findall(r"[\w'’-]+", title))
    taken = {naming.surname(actor) for actor in actors}
    found = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not naming.modifier(ent):
            name = people.canonical(ent.text, offset + ent.start_char)
            if name and (naming.surname(name) in words or naming.clean_name(ent.text) in words) and naming.surname(name) not in taken:
                found.append(name)  # by surname, or as written ("war on Saddam")
    return found


# The units whose direction a parse can correct: a weekday whatever it hangs on; a day of a
# month only where it dates the verb itself (see _dates_the_verb).
_WEEKDAY_UNITS = frozenset({"weekday"})
_DAY_UNITS = frozenset({"monthday", "dayofmonth", "holiday"})
_NAMING_UNITS = _DAY_UNITS | {"month"}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _corrected(timex: Timex, clause: clauses.Clause | None, published: dt.date, expression, lex: Lexicon) -> tuple[str, str | None]:
    """A weekday or a day of a month resolved again where the parse shows the tagger's tense
    guess was wrong ("will meet on Friday" taken for last Friday, "died on 25 June" written on
    14 June taken for the coming one), and why; else the tagger's value."""
    unit = tense_unit(timex.by_tense) if clause is not None and timex.by_tense is not None else None
    thing = _thing_dated(clause.trigger, expression, lex) if clause is not None and unit in _NAMING_UNITS else None
    if thing is not None and timex.by_tense is not None:
        # "The 8 October gig ... was announced", "has announced a concert on 8 October": the
        # verb's tense does not reach the concert's day, which is the nearest one
        near = with_tense(timex.by_tense, None, published)
        return (near, f"parse: the day of '{thing.text}'") if near and near != timex.value else (timex.value, None)
    if clause is None or timex.by_tense is None or unit is None or not (
            unit in _WEEKDAY_UNITS or (unit in _DAY_UNITS and _dates_the_verb(clause.trigger, expression, lex))):
        return timex.value, None
    if not _DAY.match(timex.value):
        return timex.value, None
    day = dt.date.fromisoformat(timex.value[:10])
    if clause.status == Status.SCHEDULED and day < published and unit in _WEEKDAY_UNITS:
        # (a day of a month a few days gone under a future verb is more often a slip than next year's)
        tense, why = FUTURE, "future verb"
    elif clause.status in (Status.OCCURRED, Status.DENIED) and finite_tag(clause.trigger) == "VBD" and day > published:
        tense, why = PAST, "past verb"
    elif unit in _WEEKDAY_UNITS and day < published and clause.trigger.tag_ == "VBG" and finite_tag(clause.trigger) in ("VBZ", "VBP"):
        tense, why = FUTURE, "present progressive"  # "We are shutting schools on Friday", said on Wednesday: an arrangement
    else:
        return timex.value, None
    value = with_tense(timex.by_tense, tense, published)
    return (value, f"parse: {why} '{clause.trigger.text}'") if value else (timex.value, None)


def _told_by(verb, span) -> bool:
    """Whether the expression's tokens ``span`` are the bare object of ``verb`` ("gone 11am")."""
    return span is not None and span.root.head.i == verb.i and span.root.dep_ in ("dobj", "npadvmod", "attr", "oprd")


def _thing_dated(trigger, span, lex: Lexicon):
    """The event noun whose day the expression's tokens ``span`` may name rather than
    the verb's: the trigger it stands before ("the 8 October gig", "the June 25 death"), or
    the verb's object it follows ("has announced a tribute concert for Cardiff on 8 October");
    None if there is none."""
    if span is None:
        return None
    if trigger.pos_ in ("NOUN", "PROPN") and span.end <= trigger.i and span.root.head.i == trigger.i:
        return trigger
    return next((c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < span.start
                 and c.lemma_.lower() in lex.kinds), None)


def _dates_the_verb(trigger, span, lex: Lexicon) -> bool:
    """Whether the expression's tokens ``span`` hang on ``trigger`` itself, bare or
    after a dating preposition, and the verb has no object it could date instead: "died on 25
    June", "was announced on 8 October", not "announced the gig on 8 October" nor "extended the
    offer to 6 November"."""
    if span is None or any(c.dep_ in ("dobj", "dative", "attr", "oprd") for c in trigger.children):
        return False
    head = span.root.head
    if head.i == trigger.i:
        return span.root.dep_ in ("npadvmod", "nmod", "obl", "tmod")
    return head.dep_ == "prep" and head.head.i == trigger.i and head.lower_ in lex.dating_prepositions


_CREDIT = re.compile(r"\([^()\n]{1,40}\)\s*$")
_DATELINE_END = re.compile(r"\s*[:–—-]?\s+(?=[A-Z0-9\"“'‘])")


def _as_parsed(text: str, start: int, end: int, dateline: Timex | None) -> str:
    """The sentence ``text[start:end]`` as the parser gets it, offsets kept: a closing "(AFP)"
    blanked out (the parser reads a photo credit after a date as the noun the date belongs
    to), and so is an opening dateline with its colon or dash (the parser reads "28 June 2009
    Los Angeles police interview ..." as one noun phrase)."""
    sentence = _CREDIT.sub(lambda m: " " * len(m.group()), text[start:end])
    if dateline is not None:
        separator = _DATELINE_END.match(text, dateline.end)
        cut = (separator.end() if separator else dateline.end) - start
        sentence = " " * cut + sentence[cut:]
    return sentence


def _dateline(text: str, sentence_start: int, timexes: list[Timex]) -> Timex | None:
    """The expression that opens the sentence as a chronology's entry does ("28 June 2009 Los
    Angeles police interview ...", "2006: Dr Murray meets ..."): nothing before it, and the
    entry's first word, capitalised, right after it."""
    first = timexes[0]
    if text[sentence_start : first.start].strip() or first.type not in ("DATE", "TIME"):
        return None
    return first if _DATELINE_END.match(text, first.end) else None


def _window(text: str, sentence: tuple[int, int], timex: Timex) -> tuple[int, int]:
    """The sentence, or for a run-on one the stretch of it that holds the date: the parser's
    cost and memory grow with the length of what it is given. A run-on sentence is cut into
    consecutive stretches of at most _MAX_SENTENCE characters, at spaces, so that each of its
    words is parsed once however many dates it holds."""
    start, end = sentence
    if end - start <= _MAX_SENTENCE:
        return sentence
    stretches = _stretches(text, start, end)
    low, high = stretches[max(0, bisect_right(stretches, (timex.start, end + 1)) - 1)]
    return low, max(high, min(end, timex.end))


@lru_cache(maxsize=64)
def _stretches(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    found = []
    low = start
    while low < end:
        high = min(end, low + _MAX_SENTENCE)
        if high < end:
            space = text.rfind(" ", low + _MAX_SENTENCE // 2, high)
            high = space if space > low else high
        found.append((low, high))
        low = high + 1 if high < end and text[high] == " " else high
    return tuple(found)


def _relation(value: str, published: dt.date) -> str:
    span = interval(value)
    if span is None or span.end < published:
        return "past"
    return "future" if span.start > published else "current"


def _things(docs: list, names: list[str], lex: Lexicon) -> frozenset[str]:
    """The names of people that the article writes only as a modifier of a noun, and whose
    surname no one else it names has: the name of a thing ("this [Michael Forever] concert",
    "the [Ali Baba] operation"), not of a person taking part; unlike "the [Murray] trial"
    beside "Dr Murray", or a body through which a person acts ("the [Blair] government")."""
    modifiers: set[str] = set()
    heads: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and (name := naming.clean_name(ent.text)):
                body = ent.root.head.lemma_.lower() in lex.bodies
                (modifiers if naming.modifier(ent) and not body else heads).add(name)
    heads |= {name for name in names if " " in name} - modifiers  # named in full elsewhere in the article
    surnames = {naming.surname(name) for name in heads}
    return frozenset(name for name in modifiers - heads if naming.surname(name) not in surnames)


def _person_names(text: str, docs: list, lex: Lexicon) -> list[str]:
    """Full names of people, from the parsed sentences and, for bare surnames, the whole article."""
    names = [naming.clean_name(e.text) for d in docs for e in d.ents if e.label_ == "PERSON"]
    # a place's name that owns something may be a surname the tagger misread ("[Jackson]'s California home")
    owners = {naming.clean_name(e.text) for d in docs for e in d.ents if e.label_ in ("GPE", "LOC") and e.root.dep_ == "poss" and len(e) == 1}
    for surname in sorted({n for n in names if " " not in n} | owners):
        # not the middle name of a longer one: "Michael Joseph Jackson" names no Michael Joseph
        for match in re.finditer(rf"\b((?:(?:[A-Z][a-z]+|[A-Z]\.) ){{1,2}}){re.escape(surname)}\b(?! [A-Z][a-z])", text):
            first = [w for w in match.group(1).split() if w.lower().rstrip(".") not in lex.role_words]
            if first and first[-1] not in ("The", "A", "An") and " " in (full := naming.clean_name(f"{first[-1]} {surname}")):
                names.append(full)  # not "Dr Murray": a title is no first name
    return names


def _kin_names(text: str, names: list[str], lex: Lexicon) -> dict[str, str]:
    """The given names of relatives, after a possessive of a person the article names in
    full, with that person's surname: "Michael Jackson's father, Joseph" gives Joseph →
    Joseph Jackson. Who a bare surname is stays as the names say (a son named once does not
    make "Sheehan" ambiguous beside Cindy Sheehan)."""
    surnames = {naming.surname(n) for n in names if " " in n}
    found: dict[str, str] = {}
    for match in _kin(lex.kin).finditer(text):
        if match["owner"] in surnames and match["given"] not in _NO_GIVEN_NAMES:
            found.setdefault(match["given"], f"{match['given']} {match['owner']}")
    return found


_NO_GIVEN_NAMES = frozenset("The A An He She It They We In On At But And Or As If When".split())


@cache
def _kin(words: frozenset[str]) -> re.Pattern[str]:
    """ "[Jackson]'s father, [Joseph]": a relative's given name after a person's possessive."""
    nouns = "|".join(sorted(map(re.escape, words)))
    return re.compile(rf"\b(?P<owner>[A-Z][\w'’-]+)['’]s[ \t]+(?:(?:late|eldest|elder|youngest|younger|older|only)[ \t]+)?"
                      rf"(?:{nouns}),?[ \t]+(?P<given>[A-Z][a-z]+)\b(?![ \t]+[A-Z]|['’])")


_ACRONYM = re.compile(r"\b((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|on|the|de|du|des)\s+)*){1,7})\(([A-Z][A-Za-z]{1,7})\)")


def _acronyms(text: str) -> dict[str, str]:
    """The acronyms an article spells out: "the World Health Organization (WHO)" gives
    WHO → World Health Organization, when the capitals of the name spell it."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        words = match[1].split()
        acronym = match[2]
        capitals = [w[0] for w in words if w[0].isupper()]
        for k in range(len(capitals)):  # the shortest tail of the name whose capitals spell it
            if "".join(capitals[k:]).upper() == acronym.upper():
                tail = words[[i for i, w in enumerate(words) if w[0].isupper()][k]:]
                found.setdefault(acronym, " ".join(tail))
                break
    return found


def _title(
    clause: clauses.Clause | None, doc, timex: Timex, tokens: range, previous_end: int, people: naming.People, lex: Lexicon,
    sentence_start: int, sentence: str,
) -> str:
    """The headline of the dated clause; failing that, of the sentence's main clause; failing
    that, the sentence's first words."""
    found = headline.title(clause, tokens, previous_end, people, lex, sentence_start) if clause is not None else None
    if found and (" " in found or clause is None or clause.trigger.pos_ in ("VERB", "AUX")):
        return found
    start, end = timex.start - sentence_start, timex.end - sentence_start
    main = clauses.read(doc, start, end, lex, "past", previous_end, dateline=True)
    if main is not None and (clause is None or main.trigger.i != clause.trigger.i):
        if found and not clauses.argument_of(clause.trigger, main.trigger):  # type: ignore[union-attr]
            return found  # a one-word headline ("Show") gives way only to the clause it is part of
        if other := headline.title(main, tokens, previous_end, people, lex, sentence_start):
            return other
    return found or _fallback_title(sentence)


def _fallback_title(sentence: str) -> str:
    words = re.sub(r"\s+", " ", sentence).strip().split(" ")
    if len(words) <= _FALLBACK_TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:_FALLBACK_TITLE_WORDS]).rstrip(",;:") + " …"


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))
