"""The event lexicon (rules/en/events.toml), loaded once into one frozen record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.rulefile import RULES_ROOT, Field, RuleError, check, read


@dataclass(frozen=True)
class Kind:
    key: str  # the kind's key; its "name" in events.toml is for the reader of the file
    cameo: str | None
    weight: float = 1.0  # how much an event of this kind weighs in its significance
    needs_agent: str | None = None  # without an agent that can act so, an event of this other kind
    needs_topic: frozenset[str] = frozenset()  # if given, the kind only about one of these (subject, object)
    generic: bool = False  # many reports of one day share it (a statement): weak evidence of one happening
    related: frozenset[str] = frozenset()  # kinds one real event often gets from other reports
    control: bool = False  # "refused to sign": a verb of this kind is what happened, not what it governs


@dataclass(frozen=True)
class Lexicon:
    kinds: dict[str, Kind]  # lemma (or "lemma particle") -> kind; first kind listed wins
    all_kinds: dict[str, list[Kind]]  # lemma -> every kind that lists it, in order
    topics: dict[str, Kind]  # noun -> the kind it points to, though it names no event
    by_key: dict[str, Kind]
    rare: frozenset[str]  # kinds a period rarely holds two of (a ceasefire): merged by period
    once: frozenset[str]  # kinds that happen once to an actor (a death): merged by actor
    agents: frozenset[str]  # nouns that can act as a military verb's agent
    support: frozenset[str]
    pointing: frozenset[str]  # "[That] was two years ago": a copula's subject that points elsewhere
    demonstratives: frozenset[str]  # "[This] involved ...": a subject that points elsewhere, whatever the verb
    comparing: frozenset[str]  # "[compared] with 50% last week": a participle whose date is a measure's
    clock_verbs: frozenset[str]  # "It had just [gone] 11am": the clock told, no event
    aspectual: frozenset[str]  # "had [stopped] breathing shortly after 1100": the date's gerund is the ending's
    reporting: frozenset[str]
    denial: frozenset[str]
    future: frozenset[str]
    scheduled_heads: frozenset[str]
    proposed_modals: frozenset[str]
    proposal_words: frozenset[str]
    conditional: frozenset[str]
    habitual_units: frozenset[str]  # "every [morning]": a habit, ongoing
    habitual_adverbs: frozenset[str]
    preventing: frozenset[str]  # "[barred] from giving evidence": what happened is the barring
    continuing: frozenset[str]  # "continue to line up": what is still going on
    plan_adjectives: frozenset[str]  # "the [planned] concerts": a plan
    first_plan_adverbs: frozenset[str]  # "[initially] scheduled": a plan since changed
    dating_prepositions: frozenset[str]  # "died [on] 25 June": a day of a month that dates a past verb
    cancelling: frozenset[str]  # "the rallies have been [canceled]": a noun's event that did not take place
    aliases: dict[str, str]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    role_words: frozenset[str]
    country_words: frozenset[str]  # "the [country]": the one country its sentence names
    bodies: frozenset[str]  # "officials", "forces": through these a country acts
    body_words: frozenset[str]  # "the [organization]": the one organisation the article names with it
    person_nouns: dict[str, str]  # "man": "male": whom an unnamed he or she can be
    kin: frozenset[str]  # "Jackson's [father], Joseph": a relative named by a given name has the surname
    person_roles: frozenset[str]  # "the [doctor]": the one person the article gives that role
    facilities: frozenset[str]  # "went to Ruttonjee [Hospital]": a named building is where, not who
    announcing: frozenset[str]  # "the truce announcement" is the truce (merge)
    furniture: re.Pattern[str]
    captions: frozenset[str]  # "Dr Murray, shown here in February": a photograph's date
    heading_not_after: frozenset[str]  # words after which a dated year is no chronology's entry
    stamp: re.Pattern[str]  # matches right after a date that the page stamps (see events.toml)
    stamp_before: re.Pattern[str]  # matches the words before such a date, at the end of its line
    listing_age: re.Pattern[str]  # " - 23 hrs ago": a listed link's age, with the dash before it
    time_zones: frozenset[str]  # "BST" of "18:00 BST": no actor
    wires: frozenset[str]  # news agencies: the source of a report, not an actor in it
    dateline: re.Pattern[str]  # a wire's dateline that opens a sentence: "GENEVA (Reuters) - "
    kind_weights: dict[str, float]  # kind key -> weight; "" for an event of no kind
    status_weights: dict[str, float]

    def kind_of(self, lemma: str) -> Kind | None:
        return self.kinds.get(lemma.lower())

    def topic_of(self, noun: str) -> Kind | None:
        """The kind a noun that names no event points to ("court": legal action)."""
        return self.topics.get(noun.lower())

    def other_kind(self, lemma: str, kind: Kind) -> Kind | None:
        """The next kind whose list also holds the lemma ("raid": military action, then arrest)."""
        return next((k for k in self.all_kinds.get(lemma.lower(), ()) if k is not kind), None)

    def kinds_agree(self, a: str | None, b: str | None) -> float:
        """As evidence that two mentions report one happening: 1 for the same kind that names
        one happening (deaths, a verdict), 0.4 for the same generic kind (a statement) or
        related kinds (talks that reach a deal), 0 for different or unknown kinds."""
        if a is None or b is None or a not in self.by_key or b not in self.by_key:
            return 0.0
        if a == b:
            return 0.4 if self.by_key[a].generic else 1.0
        return 0.4 if b in self.by_key[a].related or a in self.by_key[b].related else 0.0

    def specific(self, kind: str | None) -> bool:
        """A known kind that names one sort of happening (deaths, a verdict), not a generic one."""
        return kind is not None and kind in self.by_key and not self.by_key[kind].generic

    def kind_weight(self, kind: str | None) -> float:
        return self.kind_weights.get(kind or "", self.kind_weights[""])

    def status_weight(self, status: str | None) -> float:
        return self.status_weights.get(status or "occurred", 1.0)


@cache
def lexicon() -> Lexicon:
    """The English event lexicon shipped with the package."""
    return _build(read(RULES_ROOT / "en" / "events.toml"))


def _stamp_after(furniture: dict[str, Any]) -> re.Pattern[str]:
    """What follows a date the page stamps: a clock time in a time zone ("7:50 pm EDT"), a
    stamp ("Last updated at 06:28"), a comment's time ("- 17:42"), a wire's dateline
    ("April 27 (Reuters) -"; a caption's closing "(AFP)" is no stamp)."""
    words = "|".join(furniture["stamp_words"])
    wires = "|".join(re.escape(w) for w in furniture["wires"])
    zones = "|".join(furniture["time_zones"])
    return re.compile(
        rf"[,\s]*(?:(?:at\s+)?[0-9]{{1,2}}[:.][0-9]{{2}}(?:\s*[ap]\.?m\.?)?\s*(?:{zones})\b"
        rf"|(?:{words})\s+(?:at\s+)?[0-9]{{1,2}}[:.][0-9]{{2}}"
        rf"|-\s*[0-9]{{1,2}}:[0-9]{{2}}\b"
        rf"|\((?:{wires})\)\s*[-–—])",
        re.IGNORECASE,
    )


def _stamp_before(furniture: dict[str, Any]) -> re.Pattern[str]:
    """What precedes a date the page stamps: "Page last updated at 11:24 GMT, ", "Posted on "."""
    words = "|".join(furniture["stamp_words"])
    zones = "|".join(furniture["time_zones"])
    return re.compile(
        rf"\b(?:{words})(?:\s+(?:at|on))?(?:\s+[0-9]{{1,2}}[:.][0-9]{{2}}(?:\s*(?:{zones}))?)?[\s:,]*$", re.IGNORECASE
    )


_FILE = "rules/en/events.toml"
_LIST, _TEXT, _NUMBER, _FLAG, _TABLE = Field.TEXTS, Field.TEXT, Field.NUMBER, Field.FLAG, Field.TABLE
_KIND_FIELDS: dict[str, Field] = {
    "name": _TEXT, "lemmas": _LIST, "cameo": _TEXT, "weight": _NUMBER, "needs_agent": _TEXT, "needs_topic": _LIST,
    "topics": _LIST, "control": _FLAG, "generic": _FLAG, "rare": _FLAG, "once": _FLAG, "related": _LIST,
}
_SECTIONS: dict[str, dict[str, Field]] = {
    "merge": {"announcing": _LIST},
    "significance": {"no_kind": _NUMBER, "status": _TABLE},
    "agents": {"nouns": _LIST},
    "support": {"verbs": _LIST, "pointing": _LIST, "demonstratives": _LIST, "comparing": _LIST, "clock_verbs": _LIST, "aspectual": _LIST},
    "status": {key: _LIST for key in (
        "reporting", "denial", "future", "scheduled_heads", "proposed_modals", "proposal_words", "conditional",
        "habitual_units", "habitual_adverbs", "continuing", "preventing", "plan_adjectives", "first_plan_adverbs",
        "dating_prepositions", "cancelling")},
    "actors": {"aliases": _TABLE, "capitals": _TABLE, "demonyms": _TABLE, "role_words": _LIST, "bodies": _LIST, "country_words": _LIST,
               "facilities": _LIST, "person_roles": _LIST, "person_nouns": _TABLE,
               "body_words": _LIST, "kin": _LIST},
    "furniture": {"patterns": _LIST, "time_zones": _LIST, "stamp_words": _LIST, "wires": _LIST, "captions": _LIST,
                  "heading_not_after": _LIST, "age_units": _LIST},
}


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` if it has the shape ``_build`` reads; else a RuleError that names section and
    field and says what is wrong (a typo in events.toml must not become a KeyError traceback)."""
    unknown = set(data) - {"kinds", *_SECTIONS}
    if unknown:
        raise RuleError(_FILE, f"unknown section(s) [{'], ['.join(sorted(unknown))}]")
    for key, entry in data.get("kinds", {}).items():
        check(entry, _KIND_FIELDS, ("name", "lemmas"), _FILE, f"[kinds.{key}]")
    for name, fields in _SECTIONS.items():
        check(data.get(name), fields, tuple(fields), _FILE, f"[{name}]" if name in data else f"section [{name}]")
    return data


def _build(data: dict[str, Any]) -> Lexicon:
    data = _checked(data)
    kinds: dict[str, Kind] = {}
    weights = {"": float(data["significance"]["no_kind"])}
    keyed: dict[str, Kind] = {}
    all_kinds: dict[str, list[Kind]] = {}
    topics: dict[str, Kind] = {}
    for key, entry in data["kinds"].items():
        kind = Kind(
            key=key, cameo=entry.get("cameo"), weight=float(entry.get("weight", 1.0)),
            needs_agent=entry.get("needs_agent"), needs_topic=frozenset(entry.get("needs_topic", ())),
            generic=bool(entry.get("generic", False)), related=frozenset(entry.get("related", ())),
            control=bool(entry.get("control", False)),
        )
        weights[key] = kind.weight
        keyed[key] = kind
        for lemma in entry["lemmas"]:
            kinds.setdefault(lemma, kind)
            all_kinds.setdefault(lemma, []).append(kind)
        for noun in entry.get("topics", ()):
            topics.setdefault(noun, kind)
    status, actors, furniture = data["status"], data["actors"], data["furniture"]
    by_key = keyed
    for entry_key, entry in data["kinds"].items():
        target = entry.get("needs_agent")
        if target is not None and target not in data["kinds"]:
            raise RuleError(_FILE, f"names no kind: {target!r}", f"[kinds.{entry_key}] needs_agent")
    return Lexicon(
        kinds=kinds,
        all_kinds={lemma: list(ks) for lemma, ks in all_kinds.items()},
        topics=topics,
        by_key=by_key,
        rare=frozenset(key for key, entry in data["kinds"].items() if entry.get("rare")),
        once=frozenset(key for key, entry in data["kinds"].items() if entry.get("once")),
        agents=frozenset(data["agents"]["nouns"]),
        support=frozenset(data["support"]["verbs"]),
        pointing=frozenset(data["support"]["pointing"]),
        demonstratives=frozenset(data["support"]["demonstratives"]),
        comparing=frozenset(data["support"]["comparing"]),
        clock_verbs=frozenset(data["support"]["clock_verbs"]),
        aspectual=frozenset(data["support"]["aspectual"]),
        reporting=frozenset(status["reporting"]),
        denial=frozenset(status["denial"]),
        future=frozenset(status["future"]),
        scheduled_heads=frozenset(status["scheduled_heads"]),
        proposed_modals=frozenset(status["proposed_modals"]),
        proposal_words=frozenset(status["proposal_words"]),
        conditional=frozenset(status["conditional"]),
        habitual_units=frozenset(status["habitual_units"]),
        habitual_adverbs=frozenset(status["habitual_adverbs"]),
        continuing=frozenset(status["continuing"]),
        preventing=frozenset(status["preventing"]),
        plan_adjectives=frozenset(status["plan_adjectives"]),
        first_plan_adverbs=frozenset(status["first_plan_adverbs"]),
        dating_prepositions=frozenset(status["dating_prepositions"]),
        cancelling=frozenset(status["cancelling"]),
        aliases=dict(actors["aliases"]),
        capitals=dict(actors["capitals"]),
        demonyms=dict(actors["demonyms"]),
        role_words=frozenset(actors["role_words"]),
        bodies=frozenset(actors["bodies"]),
        country_words=frozenset(actors["country_words"]),
        facilities=frozenset(actors["facilities"]),
        person_roles=frozenset(actors["person_roles"]),
        person_nouns=dict(actors["person_nouns"]),
        kin=frozenset(actors["kin"]),
        body_words=frozenset(actors["body_words"]),
        announcing=frozenset(data["merge"]["announcing"]),
        furniture=re.compile(r"^\s*(?:" + "|".join(furniture["patterns"]) + ")", re.IGNORECASE),
        stamp=_stamp_after(furniture),
        stamp_before=_stamp_before(furniture),
        listing_age=re.compile(r"\s[-–—]\s+(?:\d+|an?|a few)\s+(?:" + "|".join(furniture["age_units"]) + r")\.?\s+ago$", re.IGNORECASE),
        wires=frozenset(furniture["wires"]),
        time_zones=frozenset(furniture["time_zones"]),
        captions=frozenset(furniture["captions"]),
        heading_not_after=frozenset(furniture["heading_not_after"]),
        dateline=re.compile(r"\((?:" + "|".join(re.escape(w) for w in furniture["wires"]) + r")\)\s*[-–—]+\s*"),
        kind_weights=weights,
        status_weights={k: float(v) for k, v in data["significance"]["status"].items()},
    )
