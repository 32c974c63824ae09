"""How mentions are compared: their words as TF-IDF vectors of stems, and the names they give.

Needs: Mention. Used by ``timeline.merge``; no stage of its own.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
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
    sentences: list[Counter[str]] = []
    nears: list[Counter[str]] = []
    named: list[frozenset[str]] = []
    figures: list[frozenset[str]] = []
    stems = _stem_table()
    for mention in mentions:
        lower = mention.sentence.lower()
        start, end = mention.start - mention.sentence_start, mention.end - mention.sentence_start
        if 0 <= start <= end <= len(lower):  # the date itself is left out: every mention compared shares it
            before, after = _WORD.findall(lower, 0, start), _WORD.findall(lower, end)
        else:
            before, after = _WORD.findall(lower), []
        figures.append(_figures(before) | _figures(after) if _has_figure(before, after) else frozenset())
        before, after = _content(before), _content(after)
        near = [stems[w] for w in before[-_NEAR:] + after[:_NEAR]]
        kinds = frozenset(k for w in before[-_KIND_NEAR:] + after[:_KIND_NEAR] if (k := kind_of(w)))
        sentences.append(Counter([stems[w] for w in before + after]))
        nears.append(Counter(near + ["kind:" + k for k in sorted(kinds)] if kinds else near))
        named.append(kinds)
    return [Text(a, b, k, f) for a, b, k, f in zip(_weights(sentences), _weights(nears), named, figures, strict=True)]


_WORD = re.compile(r"\d+(?:[.,]\d+)+|[a-z0-9]{2,}|\d")  # one letter tells nothing; one digit may ("phase 5")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


_NEAR = 6  # words each side of the date expression


_KIND_NEAR = 9  # ... and for the kinds they name ("died after suffering a cardiac arrest at his home on Thursday")


_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
                    "september october november december".split())
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_DAY = frozenset(map(str, range(1, 32)))


def _has_figure(before: list[str], after: list[str]) -> bool:
    return any(w[0].isdigit() or w in _NUMBER_WORDS for w in before) or any(w[0].isdigit() or w in _NUMBER_WORDS for w in after)


def _figures(words: list[str]) -> frozenset[str]:
    """The numbers among a stretch's words, digits or words ("from three to four" and "from
    3 to 4" give {"3", "4"}), but not years, the days of dates ("April 29") or "one" (mostly a
    pronoun: "one of them")."""
    found = set()
    for n, word in enumerate(words):
        if word in _NUMBER_WORDS:
            if word != "one":
                found.add(_NUMBER_WORDS[word])
        elif word[0].isdigit() and _NUMBER.fullmatch(word) and not _YEAR.fullmatch(word):
            if word in _DAY and ((n and words[n - 1] in _MONTHS) or (n + 1 < len(words) and words[n + 1] in _MONTHS)):
                continue
            found.add(word.replace(",", ""))
    return frozenset(found)


def _content(words: list[str]) -> list[str]:
    """The telling words, numbers as digits ("five" and "5" are one word)."""
    return [_NUMBER_WORDS.get(w, w) for w in words if w not in _STOPWORDS]


@cache
def stem(word: str) -> str:
    """A word's stem, so that its forms count as one ("raised", "raising" → "rais";
    "announced", "announcement" → "announc"): Snowball's English (Porter2) stemmer."""
    return _stemmer().stemWord(word)


class _Stems(dict[str, str]):
    """Stems looked up by subscript, each worked out once (a dict is cheaper to ask than ``stem``)."""

    def __missing__(self, word: str) -> str:
        self[word] = found = stem(word)
        return found


@cache
def _stem_table() -> _Stems:
    return _Stems()


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@cache
def kind_of(word: str) -> str:
    """The kind of event a word names, "ceasefire" for "truce" and "ceasefires"; "" for none."""
    lex = lexicon()
    kind = next((k for w in (word, *_stems(word)) if (k := lex.kind_of(w)) is not None), None)
    return kind.key if kind is not None else ""


def _weights(docs: list[Counter[str]]) -> list[dict[str, float]]:
    df = Counter(itertools.chain.from_iterable(docs))
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + k)) + 1 for w, k in df.items()}  # smoothed
    tf = [0.0] + [1.0 + math.log(c) for c in range(1, 8)]
    vectors = []
    for doc in docs:
        vector = {w: (tf[c] if c < 8 else 1 + math.log(c)) * idf[w] for w, c in doc.items()}
        scale = 1.0 / (math.hypot(*vector.values()) or 1.0)
        vectors.append({w: v * scale for w, v in vector.items()})
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
