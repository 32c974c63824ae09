"""Names: canonical actor names, people's roles, and short headlines for events."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from timeline.events.clause import Clause, refusal, role_tokens
from timeline.events.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_TITLE_WORDS = 12
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes", "say": "says"}
_PLURAL = {"be": "are", "have": "have", "do": "do"}
_DROP_DEPS = ("det", "punct", "advmod", "mark", "aux", "auxpass", "neg", "relcl", "advcl", "appos", "acl", "ccomp")
_WITH_PREPS = ("with", "to", "against", "between", "by")


class People:
    """The names an article uses: full names of its people, to expand a bare surname
    ("Kerry" → "John Kerry"), and the acronyms it spells out ("WHO" → "World Health
    Organization", from "the World Health Organization (WHO)")."""

    def __init__(self, names: list[str], acronyms: dict[str, str] | None = None) -> None:
        counts: dict[str, Counter[str]] = {}
        for name in names:
            if " " in name:
                counts.setdefault(name.split()[-1], Counter())[name] += 1
        self._by_last: dict[str, str] = {}
        for last, full in counts.items():
            ranked = sorted(full.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1] and ranked[0][0].split()[0] != ranked[1][0].split()[0]:
                continue  # "Jackson" with as many "Janet Jackson" as "Michael Jackson": say no more than the text
            self._by_last[last] = ranked[0][0]
        self.acronyms = acronyms or {}

    def canonical(self, name: str) -> str:
        name = clean_name(name)
        return self._by_last.get(name.split()[-1], name) if name else name

    def organisation(self, name: str) -> str:
        name = clean_name(name)
        return self.acronyms.get(name, name)


_NOT_A_NAME = re.compile(r"[0-9=@#/\\|<>{}]")


def clean_name(name: str) -> str:
    """A name as a reader writes it: no possessive, article, bracketed aside or stray
    punctuation ("the World Health Organization (WHO" → "World Health Organization");
    empty for what is no name ("davidwhite44", "MXN = MEX01")."""
    name = re.sub(r"^[^()]*\)\s*", "", name.strip())  # "Xinhua) Vietnam": the end of an aside
    name = re.sub(r"\s*\([^()]*\)?", "", name)  # "(WHO)", "(WHO"
    name = re.sub(r"['’]s$", "", name.strip())
    name = re.sub(r"^(?:the|The|and|And|but|But)\s+", "", name).strip(" .,;:-–")
    return "" if _NOT_A_NAME.search(name) else name


def actor_name(ent: Span, people: People, lex: Lexicon) -> str | None:
    """The canonical name of an entity that acts: people in full, governments by country."""
    text = clean_name(ent.text)
    if not text:
        return None
    if text in lex.wires or text.lower() in lex.role_words:
        return None  # the agency that filed the report; "State" of a name the tagger split
    if ent.label_ == "PERSON":
        return people.canonical(text)
    if ent.label_ == "NORP":
        return lex.demonyms.get(text)
    full = ent.text.strip()
    return lex.aliases.get(full) or lex.aliases.get(text) or lex.capitals.get(text) or people.organisation(text)


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
    for other in ent.doc.ents:
        if other.start in before and other.label_ in ("NORP", "GPE"):
            text = other.text.strip()
            if other.label_ == "NORP":
                return lex.demonyms.get(text)
            return lex.aliases.get(text) or lex.aliases.get(clean_name(text)) or clean_name(text)
    return None


def title(clause: Clause, expression: range, people: People, lex: Lexicon) -> str | None:
    """A headline such as 'Kerry meets Putin in Moscow', or None if the parse gives too little."""
    trigger = clause.trigger
    if trigger.lemma_ == "be":
        return None  # a copula says too little for a headline
    subject = _phrase(_named(clause.subject), expression, people, lex, limit=5, preps=False) if clause.subject is not None else ""
    if trigger.pos_ not in ("VERB", "AUX"):
        words = _phrase(trigger, expression, people, lex, limit=_TITLE_WORDS)
        return _finish(words) if words else None
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and clause.subject is None:
        noun = _phrase(trigger.head, expression, people, lex, limit=4, preps=False)  # "deal struck in Ohrid"
        place = f" in {place_name(clause.place_spans[0], lex)}" if clause.place_spans else ""
        return _finish(f"{noun} {trigger.text}{place}")
    verb = _verb(trigger, clause.status, _plural(clause.subject))
    if clause.subject is not None and clause.subject.tag_ == "PRP" and verb.startswith("to "):
        verb = "will " + verb[3:]  # "They will meet", not "They to meet"
    if clause.control is not None:  # "Vucic refuses to sign annex"
        verb = f"{_verb(clause.control, clause.status, _plural(clause.subject))} to {trigger.lemma_.lower()}"
    rest = []
    for obj in clause.objects:
        if clause.subject is not None and obj.i == clause.subject.i:
            continue
        if obj.i != trigger.i:
            phrase = _phrase(obj, expression, people, lex, limit=6, preps=True)
            prep = obj.head.lower_ if obj.dep_ == "pobj" and obj.head.lower_ in _WITH_PREPS else ""
            rest.append(f"{prep} {phrase}".strip())
    said = _reported(trigger, expression) if not rest else ""
    if said:
        rest.append(said)  # "Moscow says it did not attack the convoy"
    else:
        if not rest and (complement := _complement(trigger, expression, clause, people, lex)):
            rest.append(complement)  # "goes into effect", "speaks about his concerns"
        if clause.place_spans:
            place = place_name(clause.place_spans[0], lex)
            if not any(place in part for part in rest):
                rest.append("in " + place)
    if not subject and not rest:
        return None
    return _finish(" ".join(part for part in (subject, verb, *rest) if part))


_REPORTED_WORDS = 10
_PLACE_WORDS = ("in", "at", "near", "inside", "outside", "across")


def _complement(trigger: Token, expression: range, clause: Clause, people: People, lex: Lexicon) -> str:
    """For a verb with no object, its first prepositional phrase that is neither the date
    nor the place: "went [into effect]", "spoke [about his concerns]"."""
    places = {t.i for span in clause.place_spans for t in span}
    for child in trigger.children:
        if child.dep_ != "prep" or child.i < trigger.i or child.lower_ in _PLACE_WORDS:
            continue
        inside = {t.i for t in child.subtree}
        if inside & set(expression) or inside & places:
            continue
        return _phrase(child, expression, people, lex, limit=5, preps=False)
    return ""


def _named(subject: Token) -> Token:
    """The person an appositive names for a subject that is a role: "the head of the WHO,
    Margaret Chan, suggested" -> Chan."""
    if subject.ent_type_ == "PERSON":
        return subject
    return next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), subject)


def _reported(trigger: Token, expression: range) -> str:
    """What a verb reports or finds, as written (negation kept), cut at a comma:
    "says [it did not attack the convoy]", "documents show [Murray is heavily in debt]"."""
    clause = next((c for c in trigger.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return ""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    first = subject.left_edge.i if subject is not None else clause.i  # not "Despite ...," before it
    asides = {t.i for c in clause.subtree if c.dep_ in ("relcl", "acl", "appos", "advcl") for t in c.subtree}
    kept: list[Token] = []
    for token in clause.subtree:
        if token.i in asides or token.i < first or token.i in expression or (token.dep_ == "mark" and token.head.i == clause.i):
            continue  # the date is the headline's already; "that" is not needed
        if token.is_punct and kept:
            break
        if token.i > clause.i and token.dep_ in ("advcl", "conj", "cc") and token.head.i == clause.i:
            break
        kept.append(token)
        if len(kept) >= _REPORTED_WORDS:
            break
    while kept and (kept[-1].pos_ in ("ADP", "DET", "NUM", "CCONJ", "SCONJ", "PART", "AUX") or kept[-1].dep_ in ("poss", "amod", "compound")):
        kept.pop()  # "... in Brussels on 2", "... move to its": end on a word that ends something
    return " ".join(t.text for t in kept)


def _verb(trigger: Token, status: str, plural: bool) -> str:
    """The verb as a headline says it: "meets", "to meet", "would meet", "does not meet";
    a passive keeps its participle: "arrested", "to be arrested"."""
    lemma = trigger.lemma_.lower()
    particle = " ".join(c.lower_ for c in trigger.children if c.dep_ == "prt")
    if refusal(trigger):  # "Kirby would not acknowledge ...", as written
        modal = next(c.lower_ for c in trigger.children if c.dep_ == "aux" and c.lower_ in ("would", "could"))
        return f"{modal} not {lemma} {particle}".strip()
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        participle = trigger.lower_
        form = {"scheduled": f"to be {participle}", "proposed": f"would be {participle}", "conditional": f"would be {participle}",
                "denied": f"not {participle}"}.get(status, participle)
        return f"{form} {particle}".strip()
    if status == "scheduled":
        form = f"to {lemma}"
    elif status in ("proposed", "conditional"):
        form = f"would {lemma}"
    elif status == "denied":
        form = f"{'do' if plural else 'does'} not {lemma}"
    elif plural:
        form = _PLURAL.get(lemma, lemma)
    else:
        form = _third_person(lemma)
    return f"{form} {particle}".strip()


def _third_person(lemma: str) -> str:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _plural(subject: Token | None) -> bool:
    if subject is None:
        return False
    if subject.lower_ in ("they", "we", "you", "i"):
        return True
    return subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)


def _phrase(head: Token, expression: range, people: People, lex: Lexicon, limit: int, preps: bool = True) -> str:
    """The words of a noun phrase, people by surname, without the date and without clauses."""
    ents = {e.start: e for e in head.doc.ents if head.left_edge.i <= e.start <= head.right_edge.i}
    skip: set[int] = set(expression)
    for i in expression:  # "talks in Ohrid on 18 March": no dangling "on"
        if head.doc[i].head.i not in expression and head.doc[i].head.dep_ == "prep":
            skip.add(head.doc[i].head.i)
    roles = role_tokens(head.doc)
    for token in head.subtree:
        if token.i != head.i and (token.dep_ in _DROP_DEPS or (not preps and token.dep_ == "prep") or _clause(token)):
            skip.update(range(token.left_edge.i, token.right_edge.i + 1))
    words: list[str] = []
    i = head.left_edge.i
    while i <= head.right_edge.i and len(words) < limit:
        ent = ents.get(i)
        if ent is not None and ent.label_ == "PERSON" and i not in skip:
            words.append((people.canonical(ent.text) or ent.text).split()[-1])
            i = ent.end
            continue
        if ent is not None and ent.label_ in ("GPE", "ORG") and i not in skip and i not in roles:
            words.append(lex.aliases.get(ent.text.strip(), clean_name(ent.text)))
            i = ent.end
            continue
        token = head.doc[i]
        if i not in skip and i not in roles:
            words.append(token.text)
        i += 1
    return " ".join(words)


def _clause(token: Token) -> bool:
    """A clause inside a noun phrase ("clues to [how we should deal with it]"): a headline
    keeps the noun and leaves the clause out, since cutting inside it breaks the grammar."""
    return token.dep_ in ("pcomp", "pobj") and token.pos_ in ("VERB", "AUX") or (token.dep_ == "prep" and any(
        c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in token.children))


def _finish(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?’”)]|['’]s\b)", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;:-")
    text = re.sub(r"^(?:and|or|but)\s+|\s+(?:and|or|but)$", "", text)
    return text[:1].upper() + text[1:] if text else text
