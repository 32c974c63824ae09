"""How mentions are compared: their words as TF-IDF vectors of stems, and the names they give.

Needs: Mention. Used by ``timeline.merge``; no stage of its own.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import NamedTuple

import Stemmer  # PyStemmer: the Snowball stemmers in C

from timeline.events.lexicon import lexicon
from timeline.model import Mention

_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have had it its this that "
    "these those he she they we i you his her their our said says say will would could should may might not no "
    "also than then there here which who whom what when where while after before about into over under more most "
    "some any all other such only own same so too very can just do does did".split()
)


_LETTERS = re.compile(r"[a-z]{4,}")


def telling_words(text: str) -> frozenset[str]:
    """The stems of the words of ``text`` that say what it is about: four letters or more,
    no stop words ("Murray injected Jackson": murray, inject, jackson)."""
    return frozenset(stem(w) for w in _LETTERS.findall(text.lower()) if w not in _STOPWORDS)


def terms(text: str) -> tuple[tuple[str, int], ...]:
    """The stems of the telling words of ``text`` with their counts, most frequent first (ties
    alphabetical): what ``centrality`` compares ("Murray injected Jackson": murray, inject,
    jackson, once each)."""
    words: dict[str, int] = {}
    for word, n in Counter(_LETTERS.findall(text.lower())).items():
        if word not in _STOPWORDS:
            root = stem(word)
            words[root] = words.get(root, 0) + n
    return tuple(sorted(words.items(), key=lambda item: (-item[1], item[0])))


def centrality(articles: Mapping[str, tuple[tuple[str, int], ...]]) -> dict[str, float]:
    """How central each article is to the pile: the cosine between the TF-IDF vector of its
    ``terms`` and the sum of all of them (the pile's centroid, as in centroid summarisers). A
    report about the pile's story scores high; a radio schedule or a market round-up that
    happens to mention it scores low. Every article scores 0 in a pile of one."""
    frequency = Counter(itertools.chain.from_iterable(dict(words) for words in articles.values()))
    idf = {w: math.log(len(articles) / n) for w, n in frequency.items()}
    vectors = []
    centroid: dict[str, float] = dict.fromkeys(idf, 0.0)
    for words in articles.values():
        vector = {w: _damped(n) * idf[w] for w, n in words}
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        for w, x in vector.items():
            centroid[w] += x / norm
        vectors.append((vector, norm))
    size = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    return {key: sum(x * centroid[w] for w, x in vector.items()) / (norm * size)
            for key, (vector, norm) in zip(articles, vectors, strict=True)}


@cache
def _damped(count: int) -> float:
    """A word's weight for its count in one text: 1 + ln count."""
    return 1 + math.log(count)


@cache
def place_words(place: str) -> frozenset[str]:
    """A place's words, so that "Cardiff", "Millennium Stadium" and "Cardiff's Millennium
    Stadium" name one place (one name's words within the other's)."""
    return frozenset(w.removesuffix("'s").removesuffix("’s") for w in place.split() if w not in ("the", "of", "in"))


def matched(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The actors of ``a`` that ``b`` names too; "Sergey Lavrov" and "Sergei Lavrov" are one."""
    if not a or not b:
        return 0
    return sum(1 for x in a if any(same_name(x, y) for y in b))


@lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str) -> bool:
    """One actor: "Sergey Lavrov" and "Sergei Lavrov"; "WHO" and "World Health Organisation";
    "World Health Organization" and "World Health Organisation"."""
    if a == b:
        return True
    x, y = a.split(), b.split()
    if len(x) > 1 and len(y) > 1 and x[-1] == y[-1] and x[0][0] == y[0][0]:
        return True
    return _initials(a) == b or _initials(b) == a or (len(x) > 1 and _spelling(a) == _spelling(b))


@cache
def _initials(name: str) -> str:
    """ "World Health Organization" → "WHO", "United Nations" → "UN"."""
    words = [w for w in name.split() if w not in ("of", "the", "and", "for")]
    return "".join(w[0] for w in words) if len(words) > 1 and all(w[0].isupper() for w in words) else ""


@cache
def _spelling(name: str) -> str:
    return name.lower().replace("isation", "ization").replace("ise", "ize")


def collapse_spellings(names: tuple[str, ...]) -> tuple[str, ...]:
    """One spelling per person: the most frequent ("Sergei Lavrov" over "Sergey Lavrov").
    Names are compared through the keys ``same_name`` matches on, so that an event with
    thousands of actors costs no more than thousands of look-ups."""
    if len(names) < 2:
        return names
    kept: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for name in names:
        probes, keys = _name_keys(name)
        if not probes & seen:
            kept.append(name)
            seen |= keys
    return tuple(kept)


def _name_keys(name: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """What a name looks for and what it leaves for later names: two names are one when a
    probe of one is a key of the other (as ``same_name`` says)."""
    words = name.split()
    keys: set[tuple[str, ...]] = {("=", name)}
    if len(words) > 1:
        keys |= {("surname", words[-1], words[0][0]), ("spelling", _spelling(name))}
    probes = set(keys)
    if short := _initials(name):
        keys.add(("long", short))
        probes.add(("short", short))
    keys.add(("short", name))
    probes.add(("long", name))
    return probes, keys


class Text(NamedTuple):
    """A mention's words as unit-length TF-IDF vectors: its whole sentence, and the words
    around its date with the kinds of event they name ("truce" and "ceasefire" are both
    "kind:ceasefire"), so that synonyms near the date count as shared."""

    sentence: dict[str, float]
    near: dict[str, float]
    kinds: frozenset[str]  # the kinds of event the words around the date name
    figures: frozenset[str] = frozenset()  # the numbers the sentence gives, besides dates ("four" is "4")


def tfidf(mentions: list[Mention]) -> list[Text]:
    """Each mention's ``Text``; the weights are those of the given mentions (a pile)."""
    sentences: list[dict[str, int]] = []
    nears: list[dict[str, int]] = []
    named: list[frozenset[str]] = []
    figures: list[frozenset[str]] = []
    table, findall = _word_table(), _WORD.findall
    for mention in mentions:
        lower = mention.sentence.lower()
        start, end = mention.start - mention.sentence_start, mention.end - mention.sentence_start
        if 0 <= start <= end <= len(lower):  # the date itself is left out: every mention compared shares it
            before, after = findall(lower, 0, start), findall(lower, end)
            figures.append(_figures(lower, 0, start, before) | _figures(lower, end, len(lower), after))
            before, after = [w for t in before if (w := table[t])], [w for t in after if (w := table[t])]
            words = before + after
        else:  # no date to stand near
            every = findall(lower)
            words = [w for t in every if (w := table[t])]
            figures.append(_figures(lower, 0, len(lower), every))
            before = after = []
        around = before[-_KIND_NEAR:] + after[:_KIND_NEAR]
        kinds = frozenset(w.kind for w in around if w.kind) if around else _EMPTY
        near = [w.stem for w in before[-_NEAR:] + after[:_NEAR]]
        sentences.append(_counts([w.stem for w in words]))
        nears.append(_counts(near + ["kind:" + k for k in sorted(kinds)] if kinds else near))
        named.append(kinds)
    return [Text(a, b, k, f) for a, b, k, f in zip(_weights(sentences), _weights(nears), named, figures, strict=True)]


_WORD = re.compile(r"[a-z0-9]{2,}|\d")  # one letter tells nothing; one digit may ("phase 5")


_NEAR = 6  # words each side of the date expression


_KIND_NEAR = 9  # ... and for the kinds they name ("died after suffering a cardiac arrest at his home on Thursday")


_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
_COUNTING = frozenset(_NUMBER_WORDS) - {"one"}  # "one" is mostly a pronoun: "one of them"
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![a-z0-9.,])\d+(?:[.,]\d+)*(?![a-z0-9])")  # "1,378", "3.5"; not "h1n1", "11pm"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_MONTH_BEFORE = re.compile(_MONTH + r"\.?,?\s+$")  # "April 29"
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH)  # "29 April", "29th of April"
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_DAY = frozenset(map(str, range(1, 32)))
_EMPTY: frozenset[str] = frozenset()


def _figures(text: str, start: int, end: int, words: list[str]) -> frozenset[str]:
    """The numbers ``text[start:end]`` gives (``words`` are its words), in digits or words
    ("from three to four" and "from 3 to 4" give {"3", "4"}), but not years, the days of
    dates ("April 29") or "one"."""
    if _COUNTING.isdisjoint(words) and not _DIGIT.search(text, start, end):
        return _EMPTY  # most stretches: no number at all
    found = {_NUMBER_WORDS[w] for w in words if w in _COUNTING}
    for match in _NUMBER.finditer(text, start, end):
        number = match.group()
        if _YEAR.fullmatch(number):
            continue
        if number in _DAY and (_MONTH_BEFORE.search(text, max(start, match.start() - 12), match.start())
                               or _MONTH_AFTER.match(text, match.end(), min(end, match.end() + 14))):
            continue
        found.add(number.replace(",", ""))
    return frozenset(found)


@cache
def stem(word: str) -> str:
    """A word's stem, so that its forms count as one ("raised", "raising" → "rais";
    "announced", "announcement" → "announc"): Snowball's English (Porter2) stemmer."""
    return _stemmer().stemWord(word)


class _Word(NamedTuple):
    stem: str
    kind: str  # the kind of event it names, or ""


class _Words(dict[str, _Word | None]):
    """What a word of a sentence is to merging, worked out once per word (a dict is cheaper
    to ask than the functions): None for a stop word, else its stem and the kind it names;
    number words as digits ("five" and "5" are one word)."""

    def __missing__(self, token: str) -> _Word | None:
        if token in _STOPWORDS:
            found = None
        else:
            word = _NUMBER_WORDS.get(token, token)
            found = _Word(stem(word), kind_of(word))
        self[token] = found
        return found


@cache
def _word_table() -> _Words:
    return _Words()


@cache
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("english")
    stemmer.maxCacheSize = 0  # ``stem`` caches every word; PyStemmer's own cache of 10,000 made the 17k words of a pile cost six times as much
    return stemmer


@cache
def kind_of(word: str) -> str:
    """The kind of event a word names, "ceasefire" for "truce" and "ceasefires"; "" for none."""
    lex = lexicon()
    kind = next((k for w in (word, *_stems(word)) if (k := lex.kind_of(w)) is not None), None)
    return kind.key if kind is not None else ""


def _counts(words: list[str]) -> dict[str, int]:
    """How often each word occurs; most sentences say each word once, which a dict counts faster."""
    counts = dict.fromkeys(words, 1)
    return counts if len(counts) == len(words) else Counter(words)


def _weights(docs: list[dict[str, int]]) -> list[dict[str, float]]:
    """Unit-length vectors of sublinear tf times smoothed idf."""
    df = Counter(itertools.chain.from_iterable(docs))
    n = len(docs)
    log = math.log
    idf = {w: log((1 + n) / (1 + k)) + 1 for w, k in df.items()}
    tf = [0.0] + [1.0 + log(c) for c in range(1, 8)]
    vectors = []
    for doc in docs:
        if isinstance(doc, Counter):  # some word said twice
            values = [(tf[c] if c < 8 else 1 + log(c)) * idf[w] for w, c in doc.items()]
        else:
            values = [idf[w] for w in doc]
        scale = 1.0 / (math.hypot(*values) or 1.0)
        vectors.append(dict(zip(doc, [v * scale for v in values], strict=True)))
    return vectors


def _stems(word: str) -> list[str]:
    """Crude lemmas, enough to find a word in the kinds' lists: "protests" → "protest",
    "killed" → "kill", "negotiated" → "negotiate", "cities" → "city", "died" → "die"."""
    found: list[str] = []
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            found.extend(word[: -len(suffix)] + r for r in replacements)
    return found


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum([a[w] * b[w] for w in a.keys() & b.keys()])
