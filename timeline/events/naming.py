"""Names: canonical actor names, people's roles and affiliations."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from timeline.events.lexicon import Lexicon
from timeline.text import sentence_at

if TYPE_CHECKING:
    from spacy.tokens import Span, Token



ROLE_DOMINANCE = 3  # "the doctor" of several is the one named this many times as often as the rest
_NOT_NAMES = frozenset({"The", "A", "An", "He", "She", "His", "Her", "It", "However", "But", "And", "Meanwhile", "Also", "In", "On"})
_TITLE_WORDS = frozenset({"state", "foreign", "defense", "defence", "prime", "vice", "general"})
_CALENDAR_WORDS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
                             "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"})


_QUOTES = ('"', "“", "”")
_QUOTE_REACH = 600  # characters: how far back a quotation's speaker may be named
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
_ATTRIBUTION = re.compile(rf"[,!?][\"”]\s+(?:said|says|added|told \w+)\s+(?P<a>{_NAME})|[,!?][\"”]\s+(?P<b>{_NAME})\s+(?:said|says|added)\b")


class People:
    """The names an article uses: full names of its people, to expand a bare surname
    ("Kerry" → "John Kerry"), and the acronyms it spells out ("WHO" → "World Health
    Organization", from "the World Health Organization (WHO)")."""

    def __init__(self, names: list[str], acronyms: dict[str, str] | None = None, text: str = "",
                 things: frozenset[str] = frozenset(), kin: dict[str, str] | None = None) -> None:
        self._text = text
        self.things = things  # names written only before a noun, of no one named otherwise: "this [Michael Forever] concert"
        self._kin = kin or {}  # a relative's given name: "Jackson's father, Joseph" gives Joseph → Joseph Jackson
        self._surnames = sorted({surname(n) for n in names if n and surname(n)[:1].isupper()}, key=lambda n: (-len(n), n))
        self._mentions: re.Pattern[str] | None = None
        counts: dict[str, Counter[str]] = {}
        for name in names:
            if " " in name:
                counts.setdefault(surname(name), Counter())[name] += 1  # "Kerry" for John Kerry, "Ban" for Ban Ki-moon
        self._by_last: dict[str, str] = {}
        self._several = {last: sorted(full) for last, full in counts.items() if len(full) > 1}  # "Michael", "Jesse" Jackson
        self._where: dict[str, list[tuple[int, str]]] = {}
        for last, full in counts.items():
            ranked = sorted(full.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1] and ranked[0][0].split()[0] != ranked[1][0].split()[0]:
                continue  # "Jackson" with as many "Janet Jackson" as "Michael Jackson": say no more than the text
            self._by_last[last] = ranked[0][0]
        # a bare given name that only one person of the article has, and no one's surname:
        # "Katherine" beside Katherine Jackson, as a report of a family calls its members
        firsts: dict[str, set[str]] = {}
        for named in counts.values():
            for whole in named:
                firsts.setdefault(whole.split()[0], set()).add(whole)
        self._by_first = {first: next(iter(wholes)) for first, wholes in firsts.items()
                          if len(wholes) == 1 and first not in counts and first[:1].isupper() and len(first) > 2}
        self.acronyms = acronyms or {}
        self._roles: dict[str, dict[str, frozenset[str]]] | None = None
        self._bodies: dict[str, str | None] = {}

    def canonical(self, name: str, at: int | None = None) -> str:
        """The full name a name stands for. A bare surname that several people of the
        article share is the one named in full last before ``at`` (its place in the
        article), else the one named most often, else left bare."""
        name = clean_name(name)
        if not name or " " in name:
            return name  # a full name stays as written
        if at is not None and name in self._several and self._text:
            if name not in self._where:
                self._where[name] = sorted((m.start(), full) for full in self._several[name] for m in re.finditer(rf"\b{re.escape(full)}\b", self._text))
            before = [full for start, full in self._where[name] if start < at]
            if before:
                return before[-1]
        return self._by_last.get(name) or self._kin.get(name) or self._by_first.get(name, name)

    def called(self, name: str) -> str | None:
        """How a headline calls a person the article names in full: by the surname if the
        article writes it alone ("Dr Murray" beside "Dr Conrad Murray"), else by the full name
        ("Hu Jintao", not "Jintao"; "John Paul II"); a bare surname the article writes after an
        honorific as it is ("Murray" of "Dr Murray"); None for what is no person's name ("Iraq")."""
        words = name.split()
        if not self._text:
            return None
        if len(words) < 2:
            return name if re.search(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.? {re.escape(name)}\b", self._text) else None
        word = surname(name)
        alone = len(re.findall(rf"\b{re.escape(word)}\b", self._text)) - len(re.findall(rf"\b{re.escape(name)}\b", self._text))
        return word if alone > 0 and word[:1].isupper() and word.lower() not in _NUMERALS else name

    def given_name(self, name: str) -> str | None:
        """The one person of the article whose given name ``name`` is, if no one's surname is it."""
        name = clean_name(name)
        return self._kin.get(name) or self._by_first.get(name)

    def sole(self, name: str) -> str | None:
        """The full name a bare surname stands for when the article names only one person so
        ("Jackson" where it names Michael Jackson and no other Jackson), else None."""
        name = clean_name(name)
        if " " in name:
            return name
        return None if name in self._several else (full if " " in (full := self._by_last.get(name, "")) else None)

    def is_surname(self, name: str) -> bool:
        """Whether the article names a person whose surname is ``name`` (one or several)."""
        name = clean_name(name)
        return name in self._several or name in self._by_last

    def quote_speaker(self, at: int) -> str | None:
        """Who speaks the quotation an "I" at ``at`` stands in, when the quotation names no
        one: the person of the last quotation the text attributes before it, in the same or
        the paragraphs just before ("'..., I just don't have the words,' said Quincy Jones.
        / 'He was the consummate entertainer. / I've lost my little brother today.'"); None
        if the "I" is not quoted or no one spoke last."""
        if not self._text:
            return None
        line_start = self._text.rfind("\n", 0, at) + 1
        line_end = self._text.find("\n", at)
        line = self._text[line_start : line_end if line_end >= 0 else len(self._text)]
        if not any(q in line for q in _QUOTES):
            return None  # not a quotation
        window = self._text[max(0, at - _QUOTE_REACH) : at]
        said = [m.group("a") or m.group("b") for m in _ATTRIBUTION.finditer(window)]
        if not said:
            return None
        name = self.canonical(said[-1], max(0, at - _QUOTE_REACH))
        return name if " " in name else None

    def antecedent(self, start: int, end: int, excluding: frozenset[str] = frozenset()) -> str | None:
        """The one person a pronoun at ``[start, end)`` of the article can refer to: the
        only person named between the start of the sentence before and the pronoun, but
        those ``excluding`` (whom the pronoun's own clause names after it); None if there is
        no one or more than one."""
        if not self._surnames or not self._text:
            return None
        window = sentence_at(self._text, max(0, sentence_at(self._text, start)[0] - 2))[0]
        named = {self.canonical(m.group()) for m in self._named().finditer(self._text, window, start)} - excluding
        return named.pop() if len(named) == 1 else None

    def _named(self) -> re.Pattern[str]:
        """The article's surnames, as one pattern (made when first asked for)."""
        if self._mentions is None:
            self._mentions = re.compile(r"\b(?:" + "|".join(map(re.escape, self._surnames)) + r")\b")
        return self._mentions

    def in_role(self, role: str, roles: frozenset[str], modifiers: frozenset[str] = frozenset()) -> str | None:
        """The one person the article gives the role ("the doctor": the article's only "Dr
        Murray"; "his dermatologist": "dermatologist Arnold Klein", "Klein, Jackson's
        dermatologist"); of several, the one it names at least ``ROLE_DOMINANCE`` times as
        often as all the others together (the trial's Dr Murray beside two doctors who
        testified); None if no one or no such one. ``modifiers`` ("Lebanese" of "the Lebanese
        prime minister") must all be words of the title the article gives that person.
        roles: the nouns that name a person's role (events.toml actors.person_roles)."""
        if self._roles is None:
            self._roles = self._find_roles(roles)
        held = {name for name, title in self._roles.get(role, {}).items() if modifiers <= title}
        if len(held) <= 1:
            return next(iter(held), None)
        counts = sorted(((len(re.findall(rf"\b{re.escape(surname(name))}\b", self._text)), name) for name in held), reverse=True)
        first, rest = counts[0][0], sum(n for n, _ in counts[1:])
        return counts[0][1] if first >= ROLE_DOMINANCE * rest else None  # the trial's doctor, beside its witnesses

    def _find_roles(self, roles: frozenset[str]) -> dict[str, dict[str, frozenset[str]]]:
        words = "|".join(sorted((re.escape(r) for r in roles), key=lambda r: (-len(r), r)))
        before = re.compile(rf"\b(?i:({words})|(Dr)\.?)[ \t]+((?:of[ \t]+)?(?:[A-Z][\w'’.-]*[ \t]+){{0,3}}[A-Z][\w'’-]+)")
        after = re.compile(rf"\b([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){{0,2}}),[ \t]+((?:the|his|her|their|its|[A-Z][\w'’-]*['’]s)[ \t]+"
                           rf"(?:[a-z-]+[ \t]+){{0,2}})({words})\b")
        found: dict[str, dict[str, tuple[str, frozenset[str]]]] = {}  # role -> surname -> (the fullest name written, its title's words)
        title_words = roles | _TITLE_WORDS
        for match in before.finditer(self._text):
            role = match[1].lower() if match[1] else "doctor"  # "Dr Conrad Murray": a doctor
            words_of_name = [w for w in match[3].split() if w != "of"]
            title = set(re.findall(r"[\w'’-]+", self._text[max(0, match.start() - 40) : match.start()].split("\n")[-1].lower())[-3:])
            while words_of_name and words_of_name[0].lower() in title_words:
                title.add(words_of_name.pop(0).lower())  # "Secretary of State John Kerry": the name after the title
            while words_of_name and words_of_name[-1] in _CALENDAR_WORDS:
                words_of_name.pop()  # "Minister Chaowalit Yongchaiyudh Thursday": the date is no name
            self._held(found, role, " ".join(words_of_name), frozenset(title))
        for match in after.finditer(self._text):
            self._held(found, match[3].lower(), match[1], frozenset(match[2].lower().split()))  # not "However, the ..." (_NOT_NAMES)
        return {role: {name: title for name, title in names.values()} for role, names in found.items()}

    def _held(self, found: dict[str, dict[str, tuple[str, frozenset[str]]]], role: str, written: str, title: frozenset[str]) -> None:
        name = self.canonical(written)
        if not name or name.split()[0] in _NOT_NAMES:
            return
        names = found.setdefault(role, {})
        last = surname(name)
        known, words = names.get(last, ("", frozenset()))
        names[last] = (name if len(name) > len(known) else known, words | title)

    def described(self, at: int, female: bool, nouns: dict[str, str]) -> str | None:
        """The one kind of person a he or she at ``at`` can be when no one is named since the
        sentence before: the person noun of that gender those sentences use ("a 25-year-old
        Mexican man": "man"), None if they name someone, use none or several."""
        if not self._text:
            return None
        window = self._text[sentence_at(self._text, max(0, sentence_at(self._text, at)[0] - 2))[0] : at]
        if self._surnames and self._named().search(window):
            return None  # someone named: the antecedent rule's to tell
        found = {word.lower() for word in re.findall(r"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\b", window)
                 if nouns.get(word.lower()) == ("female" if female else "male")}
        return found.pop() if len(found) == 1 else None

    def common_word(self, word: str) -> bool:
        """Whether the article also writes the word in lower case ("court" beside "Court documents ...")."""
        lower = word.lower()
        return lower != word and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", self._text) is not None

    def named_body(self, word: str) -> str | None:
        """The one organisation the article names with a word ("the organization": its "World
        Health Organization"; "the agency": "Drug Enforcement Agency"), None if none or several."""
        if word not in self._bodies:
            noun = re.sub(r"(?<=i)[sz](?=ation)", "[sz]", re.escape(word.capitalize()))  # Organization, Organisation
            pattern = (rf"\b((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|on|the)\s+)*){{1,6}}{noun}"
                       rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:and\s+)?[A-Z][\w'’&-]*){{0,3}})?)\b")  # "... Ministry of Health"
            names = {" ".join(w for w in m[1].split() if w not in ("The", "A", "An")) for m in re.finditer(pattern, self._text)}
            names = {n for n in names if " " in n and not re.search(r"['’]s\b", n)}  # not "China's Ministry"
            self._bodies[word] = names.pop() if len(names) == 1 else None
        return self._bodies[word]

    def organisation(self, name: str) -> str:
        name = clean_name(name)
        return self.acronyms.get(name, name)


_NUMERALS = frozenset("ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi jr jr. sr sr.".split())
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Reverend)\.?\s+(?=[A-Z])")
_NOT_A_NAME = re.compile(r"[0-9=@#/\\|<>{}]")


def modifier(ent: Span) -> bool:
    """A name used to say what kind of thing its noun is ("Jackson albums", "a Michael
    Jackson tribute concert"), not a person taking part; "[Vucic and] Kurti" is no modifier,
    however the parser joined the two."""
    return ent.root.dep_ in ("compound", "amod", "nmod") and not any(c.dep_ == "cc" for c in ent.root.children)


def surname(name: str) -> str:
    """The name a headline calls a person by: the last word, but the first of a name whose
    given name comes last, hyphenated in lower case ("Ban Ki-moon" → Ban, "Kim Jong-un" → Kim)."""
    words = name.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
        return words[0]
    return words[-1] if words else name


def clean_name(name: str) -> str:
    """A name as a reader writes it: no possessive, article, bracketed aside or stray
    punctuation ("the World Health Organization (WHO" → "World Health Organization");
    empty for what is no name ("davidwhite44", "MXN = MEX01")."""
    name = re.sub(r"^[^()]*\)\s*", "", name.strip())  # "Xinhua) Vietnam": the end of an aside
    name = re.sub(r"\s*\([^()]*\)?", "", name)  # "(WHO)", "(WHO"
    name = re.sub(r"['’]s$", "", name.strip())
    name = re.sub(r"^(?:the|The|and|And|but|But)\s+", "", name).strip(" .,;:-–")
    name = _HONORIFIC.sub("", name)  # "Dr Murray" is Murray, "Sir Liam Donaldson" Liam Donaldson
    return "" if _NOT_A_NAME.search(name) else name


def country_meant(noun: Token, lex: Lexicon) -> str | None:
    """The country "the country" stands for: the one its sentence names beside it ("In
    Mexico, ... as the country got back on its feet": Mexico), not a capital or a city the
    lexicon knows; None if the sentence names none or several."""
    if noun.lower_ not in lex.country_words or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    named = {lex.aliases.get(text, text) for e in noun.doc.ents if e.label_ == "GPE" and (text := clean_name(e.text))}
    named = {name for name in named if name not in lex.capitals}
    return named.pop() if len(named) == 1 else None


def body_meant(noun: Token, people: People, lex: Lexicon) -> str | None:
    """The organisation "the organization" (or "the organization's committee") stands for:
    the one the article names with that word (``People.named_body``)."""
    for word in (noun, *(c for c in noun.children if c.dep_ == "poss")):
        if word.lower_ in lex.body_words and not word.ent_type_ and any(c.dep_ == "det" and c.lower_ == "the" for c in word.children):
            return people.named_body(word.lower_)
    return None


def person_in_role(noun: Token, people: People, lex: Lexicon) -> str | None:
    """The person a role noun stands for ("the doctor", "Jackson's dermatologist"): the one
    the article gives that role, when the noun names no one itself."""
    role = noun.lemma_.lower()
    owner = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}  # "[Jackson's] dermatologist"
    if role not in lex.person_roles or noun.ent_type_ or any(t.ent_type_ == "PERSON" and t.i not in owner for t in noun.subtree):
        return None  # "the doctor, Conrad Murray,": the name is there
    if not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None  # "a doctor" is anyone
    if any(c.dep_ == "appos" for c in noun.children):
        return None  # "the minister of development co-operation, Ulla Toenaes,": named there
    modifiers = frozenset(t.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod") or c.dep_ == "prep" and c.lower_ == "of"
                          for t in c.subtree if t.is_alpha and t.lower_ != "of" and not t.is_stop)
    return people.in_role(role, lex.person_roles, modifiers)  # "the Lebanese prime minister": the one titled so


def actor_name(ent: Span, people: People, lex: Lexicon, offset: int = 0) -> str | None:
    """The canonical name of an entity that acts: people in full, governments by country.
    offset: where the entity's sentence starts in the article."""
    text = clean_name(ent.text)
    if not text:
        return None
    if text in lex.wires or text in lex.time_zones or text.lower() in lex.role_words:
        return None  # the agency that filed the report; "18:00 BST"; "State" of a name the tagger split
    if ent.label_ == "PERSON":
        if _founder(ent, lex):
            return None  # "Alleyn's School", "Guy's Hospital": a building named after someone, not them
        return people.canonical(text, offset + ent.start_char)
    if ent.label_ == "NORP":
        return lex.demonyms.get(text)
    if not any(word[:1].isupper() for word in text.split()):
        return None  # "the health ministry" that NER took for a name: no name, no lane of its own
    if ent.label_ == "ORG" and len(ent) == 1 and _opens(ent) and people.common_word(text):
        return None  # "Court documents filed in Nevada show ...": a capital the sentence's start gave a common noun
    if ent.label_ == "ORG" and len(ent) == 1 and (person := people.given_name(text)):
        return person  # "Katherine says ...", taken for a body, beside Katherine Jackson
    full = ent.text.strip()
    return lex.aliases.get(full) or lex.aliases.get(text) or lex.capitals.get(text) or people.organisation(text)


def _founder(ent: Span, lex: Lexicon) -> bool:
    """A person's name that begins the name of a building: possessive, then a capitalised
    word for a building ("Alleyn's School", "St Thomas' Hospital")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].tag_ != "POS":
        return False
    after = doc[ent.end + 1]
    return after.text[:1].isupper() and after.lower_ in lex.facilities


def _opens(ent: Span) -> bool:
    """Whether the entity begins its sentence, or a chronology's entry after its date."""
    before = ent[0].i - 1
    while before >= 0 and ent.doc[before].is_space:
        before -= 1  # a chronology's date blanked out for the parser
    return before < 0 or ent.doc[before].is_sent_end or ent.doc[before].ent_type_ == "DATE"


def place_name(ent: Span, lex: Lexicon) -> str:
    text = clean_name(ent.text)
    return lex.aliases.get(ent.text.strip(), text) if ent.label_ != "GPE" else lex.aliases.get(text, text)


def role_of(ent: Span, lex: Lexicon) -> str | None:
    """The title written before a person's name: 'Secretary of State' John Kerry."""
    if ent.label_ != "PERSON":
        return None
    head = ent.root
    words = [t for t in head.subtree if t.i < ent.start and t.dep_ not in ("det", "poss", "case", "punct")]
    while words and words[0].lower_ in ("his", "her", "their", "its"):
        words.pop(0)
    if not words or not any(t.lower_ in lex.role_words for t in words):
        return None
    return " ".join(t.text for t in words)


def affiliation_of(ent: Span, lex: Lexicon) -> str | None:
    """The country a person's title names: 'Russian Foreign Minister' Sergei Lavrov → Russia."""
    if ent.label_ != "PERSON":
        return None
    before = {t.i for t in ent.root.subtree if t.i < ent.start}
    for other in sorted(ent.doc.ents, key=lambda e: -e.start):  # the nearest: "Serbian President Vucic and [Kosovo] Prime Minister Kurti"
        if other.start in before and other.label_ in ("NORP", "GPE"):
            text = other.text.strip()
            if other.label_ == "NORP":
                return lex.demonyms.get(text)
            return lex.aliases.get(text) or lex.aliases.get(clean_name(text)) or clean_name(text)
    return None
