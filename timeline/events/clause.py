"""Read one parsed sentence around a temporal expression: the word it dates, that word's
arguments, and the status the clause gives it.

Works on a spaCy ``Doc`` of a single sentence; offsets are into that sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.events.lexicon import Kind, Lexicon
from timeline.events.status import CLAUSES, be_before, control_verb, finite_tag, own_clause, refusal
from timeline.events.status import status as status_of
from timeline.model import Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_VERBAL = ("VERB", "AUX")
_ARGUMENT_DEPS = ("dobj", "dative", "attr", "oprd")
_WITH_PREPS = ("with", "to", "against", "between")
_PLACE_PREPS = ("in", "at", "to", "from", "near", "inside", "outside", "across", "into")
_ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_DATE_LABELS = ("DATE", "TIME")
_EMBEDDING = ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp")  # clauses inside a phrase


@dataclass(frozen=True)
class Clause:
    """What the parse says about one dated mention."""

    trigger: Token
    subject: Token | None
    objects: tuple[Token, ...]
    kind: Kind | None
    status: Status
    actor_spans: tuple[Span, ...]  # entities taking part, in sentence order
    place_spans: tuple[Span, ...]
    control: Token | None = None  # "refused" in "refused to sign"


def read(
    doc: Doc, start: int, end: int, lex: Lexicon, relation: str, segment_start: int, dateline: bool = False
) -> Clause | None:
    """The clause that the expression at ``[start, end)`` dates, or None if it dates no event.

    relation: where the expression's date lies from the publication date: "past",
    "current" (it covers that day) or "future".
    segment_start: where this expression's own stretch of the sentence begins (after the
    previous expression governed by the same word), for coordinated objects.
    dateline: the expression opens the sentence as a chronology's entry does, and the parser
    was given the sentence without it (blanked): it dates the sentence's main clause.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    trigger = _main_clause(doc, span, lex) if dateline else _trigger(span, lex)
    if trigger is not None and relation != "future":
        trigger = _carrier(trigger)
    if trigger is None:
        return None
    if relation == "past" and trigger.pos_ in _VERBAL and finite_tag(trigger) in ("VBZ", "VBP") and not _spanning(span) \
            and (_perfect(trigger) or trigger.tag_ == "VBG" and _named_past(span)):
        # English does not date a present perfect or progressive by a past time: "has
        # pleaded not guilty to the manslaughter of Jackson at his mansion in June 2009",
        # "is facing a charge following the singer's death last June" date the death (a
        # simple present may be a caption's or a chronology's: "Putin meets Obama on 5
        # September 2016")
        trigger = _event_noun_before(trigger, span, lex) or trigger
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "from" and trigger.head.head.lemma_.lower() in lex.preventing:
        trigger = trigger.head.head  # "barred from giving evidence on Tuesday": the barring is dated
    noun = None
    reported = _reported_noun(trigger, lex)
    if reported is not None:  # "Switzerland confirmed its first case on Thursday": the confirming, of a case
        noun, trigger = trigger, reported
    subject = _subject(trigger)
    objects = _objects(trigger, span, segment_start)
    if segment_start > 0 and not any(segment_start <= t.idx < span.start_char for t in objects):
        # "meet Putin on Thursday and Lavrov on Friday": this date's partner stands just before it
        partners = [e.root for e in doc.ents if e.label_ in ("PERSON", "ORG") and segment_start <= e.start_char < span.start_char]
        objects = tuple(partners) or objects
    kind = _kind(trigger, subject, objects, lex)
    if noun is not None:
        kind = lex.kind_of(noun.lemma_) or kind
    if refusal(trigger) and relation != "future":
        kind = lex.by_key.get("rejection", kind)
    status = status_of(trigger, lex, relation)
    control = control_verb(trigger, lex)
    if control is not None:  # "refused to sign on Saturday": the refusal is what happened
        status = status_of(control, lex, relation)
        control_kind = lex.kind_of(control.lemma_)
        if control_kind is not None and control_kind.control:
            kind = control_kind
        urged = subject
        if urged is not None and urged.dep_ == "dobj" and urged.head.i == control.i:
            # "the UN urged Israel to halt": the UN urges, Israel is urged; both take part
            subject, objects = _subject(control), (urged, *objects)
    actors, places = _entities(doc, trigger, subject, objects, span, segment_start, lex)
    return Clause(trigger, subject, objects, kind, status, actors, places, control)


_SPANNING = frozenset({"since", "for", "over", "during", "throughout", "until", "till", "by", "from", "within"})


def _spanning(span: Span) -> bool:
    """ "has lived there [since] 2009", "has risen [over] the past year": a stretch up to now,
    which a present perfect takes."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in _SPANNING or any(t.lower_ in ("past", "recent", "last") and t.i + 1 < span.end and span.doc[t.i + 1].like_num for t in span)


def _perfect(verb: Token) -> bool:
    """ "has pleaded": a present perfect."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _named_past(span: Span) -> bool:
    """ "in June 2009", "last June", "two years ago": a past the expression names itself, not
    one a weekday's guessed direction made ("faces trial on Monday" may be the coming one)."""
    return any((t.like_num and len(t.text) == 4) or t.lower_ in ("last", "ago") for t in span)


def _event_noun_before(verb: Token, span: Span, lex: Lexicon) -> Token | None:
    """The last event noun between ``verb`` and the expression after it, under the verb and
    not its subject's ("the [manslaughter] of Jackson at his mansion in June 2009")."""
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    found = [t for t in verb.subtree if verb.i < t.i < span.start and t.i not in subject and t.pos_ == "NOUN"
             and t.dep_ != "compound" and lex.kind_of(t.lemma_) is not None]
    return found[-1] if found else None


def _reported_noun(trigger: Token, lex: Lexicon) -> Token | None:
    """The reporting verb whose object is the event noun a date hangs on ("confirmed its
    first case on Thursday", "reported the death on Monday"): the parser hangs the date on
    the noun, the sentence dates the report."""
    verb = trigger.head
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.reporting:
        return verb
    return None


def _carrier(trigger: Token) -> Token:
    """The verb that carries a noun whose infinitive the parser hung a past date on: "took
    a proposal to boost cooperation ... to Moscow on Thursday" dates the taking; a future
    date ("a plan to hold talks on Friday") stays with the infinitive."""
    noun = trigger.head
    if trigger.dep_ == "acl" and trigger.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and noun.head.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
            return noun.head
    return trigger


def _main_clause(doc: Doc, span: Span, lex: Lexicon) -> Token | None:
    """The root of the sentence after a dateline, if it names an event."""
    rest = next((t for t in doc[span.end :] if not t.is_space), None)
    if rest is None:
        return None
    root = rest
    while root.head.i != root.i:
        root = root.head
    return root if (root.pos_ in _VERBAL and not _age(root)) or lex.kind_of(root.lemma_) else None


def _trigger(span: Span, lex: Lexicon) -> Token | None:
    """The verb or event noun the expression modifies."""
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].lower_ in ("on", "late", "early", "earlier", "later"):
        before -= 1
    if before >= 0 and doc[before].pos_ == "VERB" and doc[before].lemma_ in lex.reporting:
        return doc[before]  # "said on Tuesday": the date dates the saying
    split = _split_progressive(span)
    if split is not None:
        return split
    head = _modified_noun(span)
    if head is not None and lex.kind_of(head.lemma_):
        return head  # "Wednesday's bombing" dates the bombing
    token = span.root
    for _ in range(12):
        if token.head.i == token.i:
            return token if (token.pos_ in _VERBAL and not _age(token)) or (lex.kind_of(token.lemma_) and token.ent_type_ not in _DATE_LABELS) else None
        token = token.head
        if token.i in range(span.start, span.end):
            continue
        if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass") and token.head.pos_ == "VERB":
            return token.head  # the date hangs on an auxiliary: it dates the verb
        if token.pos_ in _VERBAL and not _age(token):
            return _aspect_of(token, lex)
        if token.pos_ in ("NOUN", "PROPN") and lex.kind_of(token.lemma_) and token.dep_ != "compound" and token.ent_type_ not in _DATE_LABELS:
            return token
    return None


def _aspect_of(verb: Token, lex: Lexicon) -> Token:
    """The verb of ending whose gerund the date hangs on ("had [stopped] breathing shortly
    after 1100"), else the verb."""
    head = verb.head
    if verb.tag_ == "VBG" and verb.dep_ == "xcomp" and head.lemma_.lower() in lex.aspectual:
        return head
    return verb


def argument_of(token: Token, verb: Token) -> bool:
    """Whether ``token`` is part of what ``verb`` says, not of a clause inside it: "set a
    capacity for [Saturday's show]", but not "[Tragic though today's death is], I would like"."""
    while token.i != verb.i:
        if token.head.i == token.i or token.dep_ in CLAUSES or token.dep_ in ("advcl", "relcl", "conj", "parataxis"):
            return False
        token = token.head
    return True


def _age(token: Token) -> bool:
    """ "his death [aged] 50 in June": an age, not an event."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "aged" and following is not None and following.like_num


def dates_a_thing(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """True where the expression only names a thing: "the 2008 Olympic Games", "the 2005
    budget". It dates no event, unless the noun is one ("Wednesday's bombing")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and _caption(span, lex):
        return True
    head = _modified_noun(span) if span is not None and len(span) else None
    return head is not None and lex.kind_of(head.lemma_) is None


def _caption(span: Span, lex: Lexicon) -> bool:
    """ "Dr Murray, [shown here in February], ...": a photograph's date, not an event's."""
    verb = span.root
    while verb.dep_ in ("pobj", "prep", "npadvmod") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.lemma_.lower() not in lex.captions:
        return False
    aside = verb.i > 0 and verb.doc[verb.i - 1].text == ","  # ", shown in 2010,": set off as a caption is
    return verb.head.ent_type_ == "PERSON" or aside or any(c.lower_ == "here" for c in verb.children)


def _modified_noun(span: Span) -> Token | None:
    """The noun an expression modifies as a compound, number, adjective or possessive."""
    head = span.root.head
    if span.root.dep_ in ("compound", "nummod", "amod", "poss") and head.pos_ in ("NOUN", "PROPN"):
        if head.i not in range(span.start, span.end):
            return head
    return None


def _split_progressive(span: Span) -> Token | None:
    """'was on Monday drafting': a date between 'be' and its -ing verb dates that verb (the
    parser often makes 'was' the root there)."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].tag_ != "VBG" or span.start == 0:
        return None
    if doc[span.start - 1].lemma_ not in ("on", "be"):
        return None
    if any(t.lemma_ == "be" and t.pos_ == "AUX" for t in doc[max(0, span.start - 2) : span.start]):
        return doc[span.end]
    return None


def _subject(trigger: Token) -> Token | None:
    """The trigger's subject, found through 'was due to meet', 'and reported' and relative clauses."""
    token = trigger
    for _ in range(6):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.tag_ == "WDT" or child.lower_ in ("which", "that", "who"):
                    return _relative_antecedent(token, child) if token.dep_ == "relcl" else child
                return child
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if token.dep_ == "xcomp" and (controller := next((c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i), None)):
            return controller  # "asked [entrants] to attend", "urged [Israel] to halt": the object does it
        if token.dep_ in ("xcomp", "conj", "acomp", "pcomp") and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "prep" and token.head.pos_ in _VERBAL:  # "(was diagnosed) after arriving": the verb's subject
            aside = token.i > 0 and token.doc[token.i - 1].text == ","
            token = token.head
            if aside and token.dep_ == "ccomp" and token.head.i != token.i:
                token = token.head  # "he believed the effects had worn off, before moving": the believer moves
            continue
        if token.dep_ in ("acl", "relcl") and token.pos_ == "VERB":
            return None  # "a deal announced last week": the noun is what was acted on
        break
    be = be_before(trigger)
    if be is not None:
        return next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _relative_antecedent(clause: Token, pronoun: Token) -> Token:
    """What a relative clause's subject stands for: the noun it hangs on, but for "who" the
    person before a place the parser hung it on ("a woman from the Western Cape [who
    returned]": the woman)."""
    head = clause.head
    if pronoun.lower_ == "who" and head.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") and head.dep_ == "pobj":
        person = head.head.head  # pobj -> prep -> the noun the phrase modifies
        if person.pos_ in ("NOUN", "PROPN") and person.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "NORP"):
            return person
    return head


def _objects(trigger: Token, span: Span, segment_start: int) -> tuple[Token, ...]:
    """Direct objects and 'with'-partners; with coordination, those in this expression's stretch."""
    found = []
    for child in trigger.children:
        if child.i in range(span.start, span.end):
            continue
        if child.dep_ in _ARGUMENT_DEPS:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in _WITH_PREPS:
            found.extend(c for c in child.children if c.dep_ == "pobj" and c.i not in range(span.start, span.end))
        elif child.dep_ == "agent":
            found.extend(c for c in child.children if c.dep_ == "pobj")
    if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
        found.append(trigger.head)  # "a deal announced ...": the deal
    if (acted_on := relative_head(trigger)) is not None:
        found.append(acted_on)  # "the plan [the two men accepted]": the plan
    own = [t for t in found if segment_start <= t.idx < span.start_char]
    return tuple(own or found)


def _kind(trigger: Token, subject: Token | None, objects: tuple[Token, ...], lex: Lexicon) -> Kind | None:
    kind = _named_kind(trigger, subject, objects, lex)
    if kind is not None and kind.needs_agent and trigger.pos_ in _VERBAL and not _agentive(trigger, subject, lex, kind):
        # "the flu killed two million": deaths; "the police raided his home": the lemma's next kind, arrest
        return lex.other_kind(trigger.lemma_, kind) or lex.by_key[kind.needs_agent]
    return kind


def _named_kind(trigger: Token, subject: Token | None, objects: tuple[Token, ...], lex: Lexicon) -> Kind | None:
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and (head_kind := _on_topic(lex.kind_of(trigger.head.lemma_), trigger.head, [])):
        return head_kind  # "the agreement negotiated in February" is the agreement
    particle = next((c.lower_ for c in trigger.children if c.dep_ in ("prt", "prep")), None)
    complement = next((c.lower_ for c in trigger.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl") and c.pos_ == "ADJ"), None)  # "found [guilty]"
    lemma = trigger.lemma_.lower()
    nouns = [n for n in (*objects, subject) if n is not None and n.ent_type_ not in _DATE_LABELS]
    for word in (particle, complement):
        if word and (kind := _on_topic(lex.kind_of(f"{lemma} {word}"), trigger, nouns)):
            return kind
    own = None if trigger.ent_type_ in _DATE_LABELS else _on_topic(_word_kind(trigger, lex), trigger, nouns)  # not "died in [March]"
    if own is not None and trigger.pos_ in _VERBAL and any(c.dep_ == "ccomp" for c in trigger.children):
        # a verb of several kinds that governs a clause speaks: "concedes that Murray deviated", not a yield
        own = next((k for k in lex.all_kinds.get(lemma, ()) if k.key == "statement"), own)
    if lemma in lex.support or own is None:
        for noun in nouns:  # "held talks", "the truce took effect", "the death toll rose"
            if kind := _on_topic(_word_kind(noun, lex), noun, []):
                return kind
    if own is None and trigger.pos_ in _VERBAL:
        for noun in _clause_nouns(trigger):  # "arguments take place [in the trial]", "appeared [in court]"
            if kind := _on_topic(_word_kind(noun, lex), noun, []):
                return kind
    return own


def _clause_nouns(trigger: Token) -> list[Token]:
    """The nouns of the verb's own phrases, nearest first, without those of clauses inside."""
    found: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("prep", "agent", "dobj", "attr", "nsubj", "nsubjpass", "dative", "oprd"):
            heads = [child] if child.dep_ not in ("prep", "agent") else [c for c in child.children if c.dep_ == "pobj"]
            for head in heads:
                found.extend(t for t in head.subtree if t.pos_ == "NOUN" and t.ent_type_ not in _DATE_LABELS and not inside_clause(t, head))
    return sorted(found, key=lambda t: abs(t.i - trigger.i))


def inside_clause(token: Token, top: Token, deps: tuple[str, ...] = _EMBEDDING) -> bool:
    """Whether ``token`` stands in a clause (one of ``deps``) inside the phrase under ``top``."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in deps:
            return True
        token = token.head
    return False


def relative_head(trigger: Token) -> Token | None:
    """The noun a relative clause's verb acts on, where the clause has its own subject and
    no object: "the plan [the two men accepted]" → plan; not "the city where he died"."""
    head = trigger.head
    if trigger.dep_ != "relcl" or head.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "dobj" or c.tag_ == "WRB" for c in trigger.children):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in trigger.children):
        return None
    if any(t.tag_ == "WP$" for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.children):
        return None  # "the woman [whose illness began]": she is its possessor, not its object
    return head


def _word_kind(token: Token, lex: Lexicon) -> Kind | None:
    """The kind a word names, read with the modifier before it where the two name one
    ("a cardiac arrest" is no arrest, "a heart attack" no attack)."""
    modifiers = [m for m in token.lefts if m.dep_ in ("amod", "compound")]
    for modifier in modifiers:
        if kind := lex.kind_of(f"{modifier.lemma_.lower()} {token.lemma_.lower()}"):
            return kind
    if kind := lex.kind_of(token.lemma_):
        return kind
    if token.pos_ in ("NOUN", "PROPN"):  # "the pandemic alert level": what the level is of
        return lex.topic_of(token.lemma_) or next(
            (k for m in modifiers if (k := (lex.kind_of(m.lemma_) if m.pos_ == "NOUN" else None) or lex.topic_of(m.lemma_))), None)
    return None


def _on_topic(kind: Kind | None, trigger: Token, nouns: list[Token]) -> Kind | None:
    """The kind, unless it needs a topic ("shares fell") that neither the word nor its
    subject or objects name."""
    if kind is None or not kind.needs_topic:
        return kind
    words = {t.lemma_.lower() for n in (trigger, *nouns) for t in n.subtree} | {t.lower_ for n in nouns for t in n.subtree}
    return kind if words & kind.needs_topic else None


def _agentive(trigger: Token, subject: Token | None, lex: Lexicon, kind: Kind) -> bool:
    """Whether the one doing it can fight: a named person, group or country, a noun such
    as "troops" or "bomb", or an act of the same kind ("the shelling killed ..."); for a
    passive, its "by" agent."""
    doer = subject
    if subject is not None and subject.dep_ == "nsubjpass":
        doer = None
    if doer is None:
        for child in trigger.children:
            if child.dep_ in ("agent", "poss") or (child.dep_ == "prep" and child.lower_ == "by"):
                doer = child if child.dep_ == "poss" else next((c for c in child.children if c.dep_ == "pobj"), None)
                break
    if doer is None:
        return subject is None and trigger.dep_ != "ROOT"  # "killed in an attack": the agent is elsewhere
    named = lex.kind_of(doer.lemma_)
    return doer.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or doer.lemma_.lower() in lex.agents or named is kind


def _entities(
    doc: Doc, trigger: Token, subject: Token | None, objects: tuple[Token, ...], span: Span, segment_start: int, lex: Lexicon
) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Entities that take part (in the subject or objects) and places (after in/at/to ...)."""
    roles = [t for t in (subject, *objects) if t is not None]
    partners = {t.i for t in objects}
    inside = {i for t in roles for i in _noun_phrase(t, lex.bodies)}
    places_at: set[int] = set()
    direct: set[int] = set()  # places the trigger itself takes ("met in Vienna"), before those deeper down
    for prep in own_clause(trigger):
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS and prep.i not in range(span.start, span.end):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    places_at.update(range(obj.left_edge.i, obj.right_edge.i + 1))
                    if prep.head.i == trigger.i:
                        direct.update(range(obj.left_edge.i, obj.right_edge.i + 1))
    actors, places = [], []
    titles = role_tokens(doc)
    for ent in doc.ents:
        if ent.start in range(span.start, span.end) or ent.start in titles:
            continue
        if (ent.label_ in _PLACE_LABELS or ent.label_ == "ORG" and (doc[ent.start - 1].lower_ in ("in", "at") or ent[-1].lower_ in lex.facilities)) \
                and ent.start in places_at:
            places.append(ent)
        elif ent.label_ in _ACTOR_LABELS and (ent.start in inside or ent.root.i in partners) and not _describes(ent, lex):
            actors.append(ent)
    for i in sorted(places_at):  # "in Ohrid": a proper noun after in/at that NER left unlabelled
        token = doc[i]
        if token.dep_ == "pobj" and token.tag_ == "NNP" and not token.ent_type_ and token.i not in range(span.start, span.end):
            first = token.i
            while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].tag_ == "NNP":
                first -= 1
            places.append(doc[first : token.i + 1])
    places.sort(key=lambda p: p.start not in direct)
    return tuple(actors), tuple(places)


def _describes(ent: Span, lex: Lexicon) -> bool:
    """A nationality, place or person that only says what kind of person or thing its noun
    is ("a [French] tourist", "a [Texas] woman", "[Jackson] fans", "[Britain's] Ricky Hatton"),
    unlike one before a body that acts ("[Chinese] authorities", "[US] officials")."""
    root = ent.root
    if ent.label_ in ("NORP", "GPE") and root.dep_ == "poss" and root.head.ent_type_ == "PERSON":
        return True  # "[Britain's] Ricky Hatton": his country, not a party (an affiliation)
    if ent.label_ == "GPE" and root.dep_ == "poss" and root.head.pos_ == "NOUN":
        noun = root.head.lemma_.lower()
        kind = lex.kind_of(noun)
        befell = kind is not None and kind.cameo is None and noun not in lex.bodies
        return befell  # "[Mexico's] flu outbreak", "[Mexico's] death toll"; but "[Egypt's] order", "[Russia's] proposal"
    if ent.label_ not in ("NORP", "GPE", "PERSON") or root.dep_ not in ("amod", "compound", "nmod"):
        return False
    if ent.label_ == "PERSON" and lex.kind_of(root.head.lemma_) is not None:
        return False  # "the Murray trial": he takes part in it; "Jackson fans" do not make him act
    return root.head.lemma_.lower() not in lex.bodies and root.head.lower_ not in lex.bodies


def _noun_phrase(head: Token, bodies: frozenset[str] = frozenset()) -> list[int]:
    """The words of a noun phrase without what its prepositions and clauses add: in "a
    proposal to boost cooperation against Islamic State", only "a proposal"; names joined
    to it ("Kerry and Lavrov", "Lavrov, Russia's foreign minister") are kept, and so is
    whom a body belongs to ("officers [from the DEA]", "troops [of the Syrian army]")."""
    keep = [head.i]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "between"):  # "discussed the plan with Lavrov"
            keep.extend(i for c in child.children for i in _noun_phrase(c, bodies))
        elif child.dep_ == "prep" and child.lower_ in ("from", "of") and head.lemma_.lower() in bodies:
            keep.extend(i for c in child.children if c.dep_ == "pobj" for i in _noun_phrase(c, bodies))
        elif child.dep_ not in ("prep", "acl", "relcl", "advcl", "ccomp", "xcomp", "punct"):
            keep.extend(_noun_phrase(child, bodies))
    return keep


def _common_conjunct(token: Token) -> bool:
    """ "[Nutritionist] and holistic nurse": joined to a common noun, a title, not a person."""
    return any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in token.children)


def governor(token: Token) -> int:
    """The verb a date hangs on, through its preposition: "meet ... [on] Friday" → meet."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token.i


def role_tokens(doc: Doc) -> set[int]:
    """Indices of the words written before people's names as their title ('Secretary of State')."""
    found: set[int] = set()
    named = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    for ent in doc.ents:
        if ent.label_ == "PERSON":  # not the "and" of "[Vucic and] Prime Minister Kurti", nor Vucic; but "nutritionist and nurse"
            found.update(t.i for t in ent.root.subtree if t.i < ent.start and t.i not in named
                         and t.dep_ not in ("det", "poss", "case", "punct") and not (t.dep_ == "cc" and t.head.i in named and not _common_conjunct(t.head)))
    return found
