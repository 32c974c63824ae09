"""Headlines: the dated clause cut down to what happened, in the words of the sentence.

A headline is the clause's own words with the asides taken out (relative clauses, adverbial
clauses, appositions, brackets, sentence adverbs, the date itself), the verb in headline
form ("met" → "meets", "was due to meet" → "to meet") and people by surname. What is left
is never cut inside a phrase: if it is too long, whole modifiers go, from the right, until
it fits, so a headline stays grammatical and says nothing the sentence does not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from timeline.events.clause import Clause, governor, inside_clause, relative_head, role_tokens
from timeline.events.lexicon import Lexicon
from timeline.events.naming import People, clean_name, country_meant, modifier, person_in_role, surname
from timeline.events.status import cancelled, refusal
from timeline.model import Status

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_WORDS = 16  # a headline longer than this loses modifiers, from the right
_SUBJECT_WORDS = 8
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes", "say": "says"}
_PLURAL = {"be": "are", "have": "have", "do": "do"}
# what a clause says beside its event: never in a headline
_ASIDES = ("punct", "cc", "conj", "advcl", "parataxis", "mark", "dep", "intj", "meta", "appos", "relcl", "nsubj",
           "nsubjpass", "csubj", "csubjpass", "aux", "auxpass", "neg", "expl", "preconj", "predet")
_INNER_ASIDES = ("advcl", "parataxis", "relcl", "appos", "mark", "intj", "meta", "dep", "preconj")
_ARTICLES = ("the", "a", "an")
_ADVERBIALS = ("prep", "advmod", "advcl", "npadvmod", "punct", "mark")
_DASHES = ("-", "–", "—", "--")
_NAME_CLAUSES = ("relcl", "acl", "advcl", "ccomp")  # a name inside these is not the subject's
# adverbs a verb keeps: they change what happened ("flew back", "did not meet")
# "rose [a bit]", "left [a day] early": how much or how long, not what
_MEASURE_NOUNS = ("bit", "lot", "little", "tad", "touch", "notch", "fraction", "second", "minute", "hour", "day", "night", "week",
                  "month", "year", "decade", "century", "time", "while", "moment")
_VERB_ADVERBS = ("not", "never", "back", "forward", "home", "abroad", "away", "out", "down", "up", "off", "together", "jointly", "again")
# what may go, right to left, when a headline is too long
_OPTIONAL = ("prep", "acl", "conj", "npadvmod", "advmod", "agent", "appos")
_DATE_ENTS = ("DATE", "TIME")
_ATTRIBUTION = ("according",)
_UNITS = ("minute", "hour", "day", "week", "month", "year", "decade")  # "according to Nielsen": who says so, not what happened
_PERSONAL = ("he", "she", "his", "her")
_FIRST_PERSON = ("i", "my", "me", "our")  # only the speaker of a quote can be meant ("our": the speaker's side)
_NAMED_PRONOUNS = _PERSONAL + _FIRST_PERSON
_REPORTED = ("ccomp", "parataxis", "xcomp")  # how a reported clause hangs on the verb that reports it


def title(clause: Clause, expression: range, segment: int, people: People, lex: Lexicon, offset: int = 0) -> str | None:
    """A headline such as 'Kerry meets Putin in Moscow', or None if the parse gives too little.

    expression: the date's tokens; segment: the character where this date's stretch of the
    sentence starts (after an earlier date the same verb governs: "meet Putin on Thursday and
    Lavrov on Friday"); what lies before it belongs to the other date. offset: where the
    sentence starts in its article, to find whom a pronoun refers to.
    """
    trigger = clause.trigger
    skip = _skipped(trigger.doc, expression, clause.subject)
    if trigger.lemma_ == "be" and not any(c.dep_ in ("attr", "acomp") or c.dep_ == "prep" and c.i not in skip for c in trigger.children):
        return None  # a copula with nothing after it but its date says too little ("was in court" says where)
    other = {t.i for t in trigger.doc if trigger.i < t.i and t.idx < segment}  # the earlier date's stretch
    other |= _next_stretch(trigger.doc, expression, skip)
    other |= {  # "between April 23 and 28 [and fewer people ...]": what the parser joined to the date
        t.i for c in trigger.doc if c.dep_ == "conj" and c.head.i in skip and c.i >= expression.stop for t in c.subtree
    }
    if trigger.pos_ not in ("VERB", "AUX"):
        words = _words([t for t in _kept(trigger, skip) if not _article_of(t, trigger)], people, lex)
        if words and (off := cancelled(trigger, lex)) is not None and trigger.dep_ == "nsubjpass":  # "Rallies canceled"
            words += " " + " ".join(t.text for t in (off, *(c for c in off.children if c.dep_ == "prt")))
        return _finish(words) if words else None
    subject = _subject_words(clause, skip, people, lex, offset)
    by_agent = clause.subject is not None and clause.subject.head.dep_ == "agent"
    if trigger.dep_ == "acl" and trigger.tag_ in ("VBN", "VBG", "VBD") and (clause.subject is None or by_agent):  # VBD: a participle the tagger took for a past
        # "a deal struck in Ohrid": "Deal struck in Ohrid"; "passengers arriving from Mexico": "Passengers arrive from Mexico"
        head = trigger.head
        noun = _shortened([t for t in _kept(head, skip | {t.i for t in trigger.subtree}) if not _article_of(t, head)], _SUBJECT_WORDS, {head.i})
        verb = trigger.text if trigger.tag_ in ("VBN", "VBD") else _verb(trigger, clause.status, head.tag_ in ("NNS", "NNPS"))
        after = _shortened(_rest(trigger, skip, lex.reporting), _WORDS - len(noun), _core(trigger, skip), trigger.i)
        return _finish(" ".join(filter(None, (_words(noun, people, lex), verb, _words(after, people, lex)))))
    named_speaker = clause.subject is not None and (  # "Tsang starts", not "Tsang start"; "NHS Direct starts"
        clause.subject.lower_ == "i" and subject != "I" or clause.subject.lower_ == "we" and it_meant(clause, lex) is not None)
    verb = _verb(trigger, clause.status, _plural(clause.subject or _expletive(trigger)) and not named_speaker)
    if verb.startswith("to be ") and trigger.lower_ in lex.scheduled_heads:
        verb = trigger.text  # "New tests expected", not "to be expected"
    if clause.subject is None and trigger.tag_ == "VBG" and trigger.dep_ in _NOMINAL_DEPS and clause.control is None:
        verb = trigger.lower_  # a gerund used as a noun ("Delaying the invasion would have ...", "to prosecuting Puff Daddy"): as written
    if clause.subject is not None and clause.subject.lower_ == "i" and not named_speaker and verb in ("is", "are"):
        verb = "am"
    if (subject == "there" or clause.subject is not None and clause.subject.tag_ == "PRP") and verb.startswith("to "):
        verb = "will " + verb[3:]  # "They will meet", not "They to meet"
    if clause.control is not None:  # "Vucic refuses to sign annex"
        particle = "".join(f" {c.lower_}" for c in trigger.children if c.dep_ == "prt")  # "continue to line [up]"
        urged = next((o for o in clause.objects if o.dep_ == "dobj" and o.head.i == clause.control.i), None)
        whom = f" {_words([t for t in _kept(urged, skip) if not _article_of(t, urged)], people, lex)}" if urged is not None else ""
        gerund = trigger.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)  # not "appeared to be stabilizing"
        complement = trigger.lower_ if gerund else f"to {trigger.lemma_.lower()}"  # "involves completing", "refuses to sign"
        verb = f"{_verb(clause.control, clause.status, _plural(clause.subject) and not named_speaker)}{whom} {complement}{particle}"
    kept = [t for t in _relative_object(trigger, skip) + _rest(trigger, skip, lex.reporting) if t.i not in other and not _article_of(t, trigger)]
    if named_speaker:  # "I've lost my little brother": "Jones loses little brother", not "... my little brother"
        kept = [t for t in kept if not (t.dep_ == "poss" and t.lower_ in ("my", "our"))]
    if not any(not t.is_punct for t in kept):
        kept = _purpose(trigger, skip | other)  # "Ofqual meets to discuss contingency plans"
    budget = max(3, _WORDS - len(subject.split()) - len(verb.split()))
    rest = _words(_shortened(_tidy(kept), budget, _core(trigger, skip | other), trigger.i), people, lex, _quoted(kept, trigger))
    if not subject and not rest:
        return None
    return _finish(" ".join(part for part in (subject, verb, rest) if part))


def _purpose(trigger: Token, skip: set[int]) -> list[Token]:
    """What a verb with nothing after it is for: "meeting [to discuss plans]" (an
    infinitive with its object; not "to agree on how ...")."""
    purpose = next((c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and c.i > trigger.i and c.tag_ == "VB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and any(o.dep_ == "dobj" for o in c.children)), None)
    return _kept(purpose, skip) if purpose is not None else []


def _relative_object(trigger: Token, skip: set[int]) -> list[Token]:
    """The noun a relative clause's verb acts on, as its object: "the plan [the two men accepted]" → "plan"."""
    head = relative_head(trigger)
    if head is None:
        return []
    return [t for t in _kept(head, skip | {t.i for t in trigger.subtree}) if not _article_of(t, head)]


def _next_stretch(doc, expression: range, skip: set[int]) -> set[int]:
    """ "meet Putin on Thursday [and Lavrov on Friday]": after a date, a conjunction and
    what follows it up to the next date belong to that date."""
    after = expression.stop
    while after < len(doc) and after in skip and doc[after].ent_type_ in _DATE_ENTS:
        after += 1
    if after < len(doc) and doc[after].pos_ == "CCONJ" and expression:
        following = next((e for e in doc.ents if e.label_ in _DATE_ENTS and e.start > after), None)
        if following is not None and governor(following.root) == governor(doc[expression.start]):
            return set(range(after, following.end))
    return set()


def _expletive(trigger: Token) -> Token | None:
    """What "there is" introduces, which the verb agrees with: "there [are] 53m hogs"."""
    if not any(c.dep_ == "expl" for c in trigger.children):
        return None
    return next((c for c in trigger.children if c.dep_ in ("attr", "nsubj")), None)


_UNTIL = ("until", "till", "untill")
_NOMINAL_DEPS = ("csubj", "csubjpass", "nsubj", "nsubjpass", "pcomp", "pobj", "dobj")  # where a gerund is a noun


def _skipped(doc, expression: range, subject: Token | None = None) -> set[int]:
    """Words no headline of this date has: the date and any other date or time (the
    headline is dated already), the prepositions left without them, quotation marks and
    brackets. A date after "until" stays: it says when the clause's state ends ("Schools
    closed until 6 May", dated 6 May, is no closing on 6 May)."""
    until = expression.start > 0 and doc[expression.start - 1].lower_ in _UNTIL  # "closed [until Thursday]": the date ends it
    skip = set() if until else set(expression)
    for ent in doc.ents:
        if ent.label_ in _DATE_ENTS and not any(t.lower_ in ("old", "aged", "age") for t in ent) and not _term(ent) \
                and not (until and ent.start <= expression.start < ent.end):  # not "a 25-year-old man", "aged 50"
            skip.update(range(ent.start, ent.end))
    for token in doc:
        if token.lower_ in ('"', "“", "”", "‘", "’", "'") and token.tag_ in ("``", "''", "-LRB-", "-RRB-"):
            skip.add(token.i)
    dashes = [t.i for t in doc if t.text in _DASHES and t.i > 0 and doc[t.i - 1].whitespace_]
    first = min(expression, default=0)
    for k, opening in enumerate(dashes):  # "- two steps short of ... -": an aside, to the next dash or the end
        closing = dashes[k + 1] if k + 1 < len(dashes) else len(doc) - 1
        closed_before = k + 1 < len(dashes) and k % 2 == 0 and closing < first  # a pair of dashes before the date
        if opening > first or closed_before and not (subject is not None and opening < subject.i < closing):
            skip.update(range(opening, closing + 1))  # before the date too, if closed there and not the subject: "a team - made up of 71 people - flew"
    for token in doc:  # "for [Saturday]['s] show": the possessive goes with its date
        if token.dep_ == "case" and token.head.i in skip:
            skip.add(token.i)
    for token in doc:  # "his death [aged] 50 in June": the age went with the date
        if token.lower_ == "aged" and token.i + 1 < len(doc) and token.i + 1 in skip:
            skip.add(token.i)
    for token in doc:  # "(WHO)", "(pictured)": a bracketed aside
        if token.text == "(":
            close = next((t.i for t in doc[token.i :] if t.text == ")"), token.i)
            skip.update(range(token.i, close + 1))
    for token in doc:  # "on Monday", "between April 23 and 28": prepositions with nothing left (not the "au" of "Port-au-Prince")
        if token.dep_ == "prep" and (token.n_lefts or token.n_rights) \
                and all(t.i in skip or t.i == token.i or t.is_punct or t.pos_ == "CCONJ" or t.dep_ == "advmod" for t in token.subtree):
            skip.update(t.i for t in token.subtree)
        elif (objects := [c for c in token.children if c.dep_ == "pobj"]) and all(c.i in skip for c in objects) and token.dep_ == "prep":
            if any(t.i not in skip for c in objects for t in c.lefts) or any(r.lower_ == "of" for c in objects for r in c.rights):
                skip.update(t.i for t in token.subtree)  # "in [the northern hemisphere] winter", "for nine hours [of talks]": the date's own words
            else:
                skip.add(token.i)  # "since [1 May] in an effort to ...": the preposition goes with its date
    return skip


def _term(ent) -> bool:
    """A length of time a verb is about, not a date: "sentenced [to four years]", "jailed
    [for 10 years]", "interviewed [for three hours]"."""
    root = ent.root
    return (root.lemma_.lower() in _UNITS and root.dep_ == "pobj" and root.head.lower_ in ("to", "for")
            and root.head.head.pos_ == "VERB" and any(t.like_num or t.lower_ in ("a", "an") for t in ent)
            and not any(t.lower_ in ("last", "next", "past", "this", "coming", "ago", "the") for t in ent)
            and not any(c.lower_ == "of" for c in root.rights))  # "for nine hours [of talks]" is the talks' time


def _subject_words(clause: Clause, skip: set[int], people: People, lex: Lexicon, offset: int) -> str:
    if any(c.dep_ == "expl" for c in clause.trigger.children):
        return "there"  # "There is a strain"
    if clause.subject is None:
        return ""
    head = _named(clause.subject)
    speaker = _speaker(clause.trigger, lex) if head.lower_ in ("they", "we") else None
    if speaker is not None and speaker.tag_ in ("NNS", "NNPS"):  # "officials announced they are shutting schools"
        return _words(_shortened([t for t in _kept(speaker, skip) if not _article_of(t, speaker)], _SUBJECT_WORDS, {speaker.i}), people, lex)
    if (country := country_meant(head, lex)) is not None:
        return country  # "the country got back on its feet after shutting public places": Mexico
    if head.tag_ == "NN" and (holder := person_in_role(head, people, lex)) is not None and (called := people.called(holder)):
        return called  # "the doctor returned", "his doctor called for help": "Murray returns"; one person, not "Murray's lawyers"
    pronoun = _pronoun(head)
    if pronoun is not None and (name := _person_meant(pronoun, clause, people, lex, offset)):
        called = surname(name)
        if pronoun.i == head.i:
            return called  # "He returns to hotel": "Chevallereau returns to hotel"
        return " ".join(f"{called}'s" if t.i == pronoun.i else t.text for t in _kept(head, skip) if not _article_of(t, head))
    if head.lower_ in ("it", "we") and (body := it_meant(clause, lex)) is not None:
        return _words([t for t in body if t.dep_ != "det"], people, lex)  # "Moscow said it did not attack": "Moscow does not attack"
    if pronoun is not None and pronoun.i == head.i and pronoun.lower_ in ("he", "she") and _speaker(clause.trigger, lex) is None \
            and (noun := people.described(offset + pronoun.idx, pronoun.lower_ == "she", lex.person_nouns)):
        return noun  # "a 25-year-old Mexican man ... He took a taxi": "Man takes taxi"
    kept = [t for t in _kept(head, skip | {t.i for t in clause.trigger.subtree if t.i > clause.trigger.i and t.i not in set(head.subtree)}) if not _article_of(t, head)]
    words = _words(_shortened(kept, _SUBJECT_WORDS, {head.i}), people, lex)
    whose = next((t for t in head.children if t.tag_ == "WP$"), None)
    if whose is not None and clause.trigger.dep_ == "relcl":  # "the woman, whose illness began": "Woman's illness begins"
        owner = clause.trigger.head
        words = re.sub(r"^[Ww]hose\b", _words([owner], people, lex) + "'s", words)
    return words


def it_meant(clause: Clause, lex: Lexicon) -> Span | None:
    """The organisation or country an "it" subject stands for: the one that says it ("Moscow
    said it did not attack"; a "we" too: "NHS Direct said: 'We started ...'"), else the one
    organisation its sentence names before it ("Roche shares rose after it reported"; a place
    named before it is seldom it: "the euro fell in New York when it charted"); None if none
    or several can be meant."""
    it = clause.subject
    if it is None or it.lower_ not in ("it", "we") or it.dep_ not in ("nsubj", "nsubjpass"):
        return None
    says = _speaker(clause.trigger, lex)
    if it.lower_ == "we" and (says is None or says.ent_type_ != "ORG"):
        return None  # "NHS Direct said: 'We started receiving calls'": only the body that speaks is a we
    if says is not None:
        if says.i > it.i or says.ent_type_ not in ("ORG", "GPE"):
            return None  # "It will go ahead, the ministry said": no telling
        return next((e for e in it.doc.ents if e.start <= says.i < e.end), None)
    named = [e for e in it.doc.ents if e.label_ == "ORG" and e.end <= it.i and any(t.text[:1].isupper() for t in e)]  # a place is where, seldom "it"
    return named[0] if len({e.text for e in named}) == 1 else None


def expletive_speaker(clause: Clause, lex: Lexicon) -> Span | None:
    """Who reports a "there is" clause, which names no one else: its one person or body
    ("The Los Angeles County Coroner's office said there was no evidence of foul play")."""
    if not any(c.dep_ == "expl" for c in clause.trigger.children) or (says := _speaker(clause.trigger, lex)) is None:
        return None
    # the speaker's own name or its owner's ("the [coroner]'s office"), not a name elsewhere in its phrase
    named = [e for e in says.doc.ents if e.label_ in ("PERSON", "ORG") and (
        e.start <= says.i < e.end or e.root.head.i == says.i and e.root.dep_ in ("poss", "compound") and says.i - e.end <= 1)]
    return named[0] if len(named) == 1 else None


def _pronoun(head: Token) -> Token | None:
    """ "He" of "he returned", "his" of "his trial ended", "I" of "'I started to feel better,' Tsang said"."""
    if head.lower_ in _NAMED_PRONOUNS:
        return head
    return next((t for t in head.children if t.dep_ == "poss" and t.lower_ in _NAMED_PRONOUNS), None)


def subject_person(clause: Clause, people: People, lex: Lexicon, offset: int) -> str | None:
    """The person a he/she/I (or his/her/my) subject stands for, where only one can be meant."""
    if clause.subject is None or (pronoun := _pronoun(_named(clause.subject))) is None:
        return None
    return _person_meant(pronoun, clause, people, lex, offset)


def _person_meant(pronoun: Token, clause: Clause, people: People, lex: Lexicon, offset: int) -> str | None:
    """Whom a pronoun subject names: in reported speech the one person who speaks ("Kerry
    said he would go", "'I feel better,' Tsang said"); else, for he or she, the one person
    named since the sentence before. Never a person its own clause names beside it: in
    "he described Jackson as ...", he is not Jackson."""
    name = _person_named(pronoun, clause, people, lex, offset)
    if name is None:
        return None
    trigger = clause.trigger
    subject = set(t.i for t in clause.subject.subtree) if clause.subject is not None else set()
    beside = {people.canonical(e.text, offset + e.start_char) for e in trigger.doc.ents
              if e.label_ == "PERSON" and e.root.i not in subject and trigger.left_edge.i <= e.root.i <= trigger.right_edge.i}
    return None if name in beside else name


def _person_named(pronoun: Token, clause: Clause, people: People, lex: Lexicon, offset: int) -> str | None:
    """The speaker of the clause, if one person speaks it; else the antecedent of a he or she."""
    speaker = _speaker(clause.trigger, lex)
    not_meant: set[str] = set()
    if speaker is not None and pronoun.lower_ in _PERSONAL and speaker.i > pronoun.i:
        # "He went to hospital, Tsang said": he is whom the story spoke of before, not Tsang
        not_meant = {people.canonical(e.text, offset + e.start_char) for e in speaker.doc.ents
                     if e.label_ == "PERSON" and speaker.left_edge.i <= e.start and e.end - 1 <= speaker.right_edge.i}
        speaker = None
    if speaker is not None:
        names = [e for e in speaker.doc.ents if e.label_ == "PERSON" and speaker.left_edge.i <= e.start and e.end - 1 <= speaker.right_edge.i]
        if speaker.lower_ in _PERSONAL:
            return people.antecedent(offset + speaker.idx, offset + speaker.idx + len(speaker), _commanded(speaker, people, offset))
        if len(names) == 1 and not inside_clause(names[0].root, speaker, _NAME_CLAUSES):
            return people.canonical(names[0].text, offset + names[0].start_char)
        return person_in_role(speaker, people, lex)  # "he had left, the doctor told police": Dr Murray
    if pronoun.lower_ in _FIRST_PERSON:
        return people.quote_speaker(offset + pronoun.idx) if speaker is None and pronoun.lower_ in ("i", "my", "me") else None
    bound = _governing_subject(clause.trigger, people, offset)
    if bound is not None and bound not in not_meant:
        return bound
    first = _first_of_chain(pronoun)
    meant = people.antecedent(offset + first.idx, offset + first.idx + len(first), _commanded(first, people, offset))
    return None if meant in not_meant else meant


def _first_of_chain(pronoun: Token) -> Token:
    """The subject pronoun that a subject he or she of a subordinate clause repeats: in "He
    said he had sat with Jackson until he believed ...", each he is the first one, as a reader
    takes them."""
    if pronoun.dep_ not in _SUBJECTS:
        return pronoun
    token, verb = pronoun, pronoun.head
    for _ in range(6):
        if verb.dep_ not in ("advcl", "ccomp", "conj", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head  # through a clause with no subject of its own: "sat ..., [checking] ... until he believed"
        above = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if above is None:
            continue
        if above.lower_ != pronoun.lower_ or above.i > token.i:
            break
        token = above
    return token


def _commanded(pronoun: Token, people: People, offset: int) -> frozenset[str]:
    """The people a subject pronoun's own clause names after it, whom it cannot be: in "He
    said he had sat with Jackson", he is not Jackson (a reader takes him for the other man
    the sentence before named)."""
    if pronoun.dep_ not in _SUBJECTS:
        return frozenset()
    clause = pronoun.head
    return frozenset(people.canonical(e.text, offset + e.start_char) for e in pronoun.doc.ents
                     if e.label_ == "PERSON" and e.start > pronoun.i and clause.left_edge.i <= e.root.i <= clause.right_edge.i)


_SUBORDINATE = ("advcl",)  # "Jackson was withdrawing from it [when he died]"
_SUBJECTS = ("nsubj", "nsubjpass")


def _governing_subject(trigger: Token, people: People, offset: int) -> str | None:
    """The person named as the subject of the clause that the trigger's adverbial clause
    hangs on: a he or she there is that person, as a reader binds it ("Jackson was addicted
    and was withdrawing from it when he died": Jackson). Through "and" and infinitives to
    the subject they share; None if that subject is no named person."""
    if trigger.dep_ not in _SUBORDINATE or trigger.head.i == trigger.i:
        return None
    token = trigger.head
    for _ in range(4):
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            names = [e for e in trigger.doc.ents if e.label_ == "PERSON" and e.start <= subject.i < e.end]
            return people.canonical(names[0].text, offset + names[0].start_char) if names else None
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _speaker(trigger: Token, lex: Lexicon) -> Token | None:
    """The subject of the verb that reports the trigger's clause, if one does."""
    token = trigger
    if token.dep_ == "conj" and token.head.i != token.i:  # "He had a fever and [went] to hospital, Tsang said"
        token = token.head
        if token.lemma_.lower() in lex.reporting:
            return None  # "Tsang said so and [left]": Tsang's own doing, not a report
    for _ in range(3):
        if token.dep_ not in _REPORTED or token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() in lex.reporting:
            return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


def _article_of(token: Token, top: Token) -> bool:
    """ "The treaty", "the envoy": the article a headline drops, of its subject and of the
    verb's direct object."""
    return token.dep_ == "det" and token.lower_ in _ARTICLES and (token.head.i == top.i or token.head.dep_ == "dobj" and token.head.head.i == top.i)


def _named(subject: Token) -> Token:
    """The person an appositive names for a subject that is a role: "the head of the WHO,
    Margaret Chan, suggested" -> Chan."""
    if subject.ent_type_ == "PERSON":
        return subject
    return next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and not inside_clause(t, subject, _NAME_CLAUSES)), subject)


def _rest(trigger: Token, skip: set[int], reporting: frozenset[str] = frozenset()) -> list[Token]:
    """What follows the verb in its clause: objects, complements, particles, prepositional
    phrases, each without its asides. reporting: verbs of saying (lexicon), whose quotation
    before them is kept whatever it holds."""
    kept: list[Token] = []
    for child in trigger.children:
        if child.i > trigger.i and child.i in skip and child.ent_type_ in _DATE_ENTS:
            for object_ in (g for g in child.children if g.dep_ == "appos" and g.i not in skip):
                kept.extend(_kept(object_, skip))  # "revised Monday [its scale]": the parser's object of the date
            continue
        if child.i > trigger.i and child.i in skip and child.dep_ == "prep":
            # "confirmed on Friday [a Mexican] from Shanghai": an indefinite object the parser hung on the date, no comma between
            for date in (g for g in child.children if g.dep_ == "pobj" and g.i in skip and g.ent_type_ in _DATE_ENTS):
                for object_ in (g for g in date.children if g.dep_ == "appos" and g.i not in skip and g.left_edge.i == date.i + 1
                                and (g.left_edge.lower_ in ("a", "an") or g.left_edge.like_num)):  # not "in September [his home town]"
                    kept.extend(_kept(object_, skip))
        if (child.i < trigger.i and (child.dep_ != "ccomp" or trigger.lemma_.lower() not in reporting and _reporting_clause(child))) \
                or child.dep_ in _ASIDES \
                or _parenthetical(child) or child.lower_ in _ATTRIBUTION:
            continue  # what stands before the verb is its subject's, but for what it reports
        if child.dep_ in ("advmod", "npadvmod") and (child.lower_ not in _VERB_ADVERBS or _dates(child, skip)) and not _complement(child, trigger) \
                and not _predicate(child):
            continue  # "also", "later", "reportedly": the sentence's, not the event's
        kept.extend(_kept(child, skip | _fronted(child)))
    return sorted(kept, key=lambda t: (t.i < trigger.i, t.i))  # "'Not now,' Carter told NPR": the quote last


def _reporting_clause(clause: Token) -> bool:
    """A clause before a verb of no saying that reports a "that" clause of its own: no
    quotation, but the sentence's reporting clause the parser hung on the verb ("[Jackson's
    bodyguard testifies that on the night Jackson died], Dr Murray ordered him ...")."""
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in clause.children)


def _predicate(adverb: Token) -> bool:
    """ "the talks were [over]": an adverb that is what a copula says, its last word."""
    verb = adverb.head
    return (verb.lemma_ == "be" and adverb.i > verb.i and adverb.dep_ == "advmod"
            and not any(c.dep_ in ("acomp", "attr", "xcomp") for c in verb.children)
            and all(c.i <= adverb.i or c.is_punct for c in verb.children))


def _complement(noun: Token, trigger: Token) -> bool:
    """ "ruled [a homicide]": a noun the parser hangs on the verb as an adverbial that says
    what the verb makes of its object; not a measure of time or degree ("a year later",
    "a bit")."""
    return (noun.dep_ == "npadvmod" and noun.pos_ == "NOUN" and noun.i > trigger.i and not noun.ent_type_
            and not (noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].text == ",")  # ", an increase of 29 percent": an aside
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
            and noun.lemma_.lower() not in _MEASURE_NOUNS and not any(c.dep_ == "advmod" for c in noun.children))


def _dates(adverb: Token, skip: set[int]) -> bool:
    """ "went into effect [back] in February": an adverb that goes with the date after it;
    "hospitalised, [up from one yesterday]": a comparison with the date's figure."""
    after = adverb.right_edge.i + 1
    below = [t.i for t in adverb.subtree if t.i != adverb.i]
    if adverb.lower_ in ("up", "down") and any(c.lower_ == "from" for c in adverb.children) and any(i in skip for i in below):
        return True
    return adverb.lower_ in ("back", "again", "up") and (all(i in skip for i in below) if below else after in skip)


def _parenthetical(token: Token) -> bool:
    """A phrase between commas that is not an item of a list ("Fleming, [38], from Glasgow";
    "the outbreak, [officially known as H1N1], was"): an aside."""
    doc = token.doc
    before, after = token.left_edge.i - 1, token.right_edge.i + 1
    return (token.dep_ not in ("conj", "cc", "punct") and before >= 0 and after < len(doc)
            and doc[before].text == "," and doc[after].text == "," and token.head.i not in range(before, after))


def _fronted(clause: Token) -> set[int]:
    """What a reported clause says before its subject ("[Despite doubts,] the minister
    backs the plan"): an aside."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return set()
    return {t.i for c in clause.children if c.i < subject.left_edge.i and c.dep_ in _ADVERBIALS for t in c.subtree}


def _kept(head: Token, skip: set[int]) -> list[Token]:
    """The words of the phrase under ``head`` without its asides, in order."""
    out: set[int] = set()
    for token in head.subtree:
        out.add(token.i)
    for token in head.subtree:
        if token.i == head.i:
            continue
        aside = (token.dep_ in _INNER_ASIDES or _parenthetical(token) or token.lower_ in _ATTRIBUTION
                 or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.pos_ in ("VERB", "AUX")))
        if aside:
            out.difference_update(t.i for t in token.subtree)
        elif token.i in skip:
            out.discard(token.i)
        elif token.dep_ == "advmod" and token.head.pos_ in ("VERB", "AUX") and (token.lower_ not in _VERB_ADVERBS or _dates(token, skip)) \
                and not _predicate(token):
            out.difference_update(t.i for t in token.subtree)
        elif token.dep_ == "mark" or (token.is_punct and token.text not in (",", "-", "–", "&", "/", "%")):
            out.discard(token.i)
    if head.i in skip:
        out.discard(head.i)
    doc = head.doc
    out |= _hyphenated(doc, out, skip)
    return _tidy([doc[i] for i in sorted(out)])


def _hyphenated(doc, kept: set[int], skip: set[int]) -> set[int]:
    """The rest of each hyphenated word a kept token is part of: never "-humored" for
    "good-humored", "-Ki-moon" for "Ki-moon"."""
    extra: set[int] = set()
    for i in sorted(kept):
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(doc):
                a, b = (doc[j + step], doc[j]) if step < 0 else (doc[j], doc[j + step])
                if a.whitespace_ or "-" not in (a.text, b.text) or (j + step) in skip:
                    break
                j += step
                extra.add(j)
    return extra - kept


def _tidy(tokens: list[Token]) -> list[Token]:
    """No comma or conjunction at an edge, none doubled: what removing asides leaves."""
    out: list[Token] = []
    for token in tokens:
        joins = token.text == "," or token.pos_ == "CCONJ"
        if joins and (not out or out[-1].text == "," or out[-1].pos_ == "CCONJ"):
            if out and out[-1].text == "," and token.pos_ == "CCONJ":
                out[-1] = token  # ", and" → "and"
            continue
        out.append(token)
    doc_next = {a.i: b.i for a, b in zip(out, out[1:], strict=False)}
    doc_prev = {b.i: a.i for a, b in zip(out, out[1:], strict=False)}
    out = [t for t in out if t.text != "," or (doc_next.get(t.i) == t.i + 1 and doc_prev.get(t.i) == t.i - 1)]  # where an aside was
    while out and out[0].dep_ == "case":  # "[Jackson]'s show" without Jackson
        out.pop(0)
    while out and (out[-1].text == "," or out[-1].pos_ in ("CCONJ", "ADP", "DET", "SCONJ") or out[-1].dep_ in ("poss", "case")):
        out.pop()
    return out


def _core(trigger: Token, skip: set[int]) -> set[int]:
    """The words a headline may not lose: the first object or complement's head, its
    preposition, and a particle."""
    for child in trigger.children:
        if child.i < trigger.i or child.i in skip or child.dep_ in _ASIDES:
            continue
        if child.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp", "oprd", "dative", "prt", "agent"):
            core = {child.i}
            if child.dep_ in ("xcomp", "ccomp"):
                core |= _core(child, skip) | {c.i for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "neg")}
            if child.dep_ == "agent":
                core |= {c.i for c in child.children if c.dep_ == "pobj"}
            return core
    for child in trigger.children:  # no object: its first prepositional phrase ("went into effect")
        if child.i > trigger.i and child.dep_ == "prep" and child.i not in skip:
            return {child.i} | {c.i for c in child.children if c.dep_ == "pobj"}
    return set()


def _shortened(tokens: list[Token], budget: int, core: set[int], root: int = -1) -> list[Token]:
    """``tokens`` with whole modifiers taken off, the rightmost first, until at most
    ``budget`` words are left; the ``core`` words and what they stand on stay. ``root``: the
    verb the tokens depend on, if it is not among them."""
    kept = list(tokens)
    roles = role_tokens(kept[0].doc) if kept else set()  # once: the loop below counts again and again
    while _count(kept, roles) > budget:
        indices = {t.i for t in kept}
        protected = set(core)
        for i in core:  # the path from each core word up to the phrase's top stays
            token = kept[0].doc[i]
            while token.head.i in indices and token.head.i != token.i and token.head.i not in protected:
                protected.add(token.head.i)
                token = token.head
        candidates = [
            t for t in kept if t.dep_ in _OPTIONAL and t.i not in protected and t.head.i in indices | protected | {root}
            and not (t.dep_ == "advmod" and t.head.pos_ not in ("VERB", "AUX"))  # "the [most] significant issue" stays
        ]
        if not candidates:
            break
        cut = max(candidates, key=lambda t: (max(j.i for j in t.subtree if j.i in indices), t.i))  # the rightmost, then the smallest
        drop = {t.i for t in cut.subtree}
        climbable = {t.i for t in kept if t.dep_ in _OPTIONAL and t.i not in protected}  # "ahead [of his concerts]" too
        while (outer := _enclosing(cut, climbable, indices - drop)) is not None and _bare(outer, indices - drop):
            cut, drop = outer, {t.i for t in outer.subtree}  # "in connection [with his death]": the whole phrase goes
        if cut.dep_ == "conj":  # "schools and [universities]": the whole list goes, with its "and" and commas
            head = cut.head
            while head.dep_ == "conj":
                head = head.head
            members = [t for t in head.subtree if t.dep_ == "conj" and t.i in indices]
            drop |= {t.i for m in members for t in m.subtree}
            drop |= {t.i for m in [head, *members] for t in m.children if t.dep_ in ("cc", "punct") and t.i > head.i}
        kept = _tidy([t for t in kept if t.i not in drop])
    return kept


def _enclosing(token: Token, candidates: set[int], left: set[int]) -> Token | None:
    """The nearest phrase above ``token`` that may go too: "in" of "in connection with";
    not a verb's last complement ("is [on the verge]")."""
    head = token.head
    while head.i not in candidates and head.dep_ in ("pobj", "pcomp", "dobj", "npadvmod") and head.head.i != head.i:
        head = head.head
    if head.i not in candidates:
        return None
    verb = head.head
    alone = verb.pos_ in ("VERB", "AUX") and not any(c.i in left and c.i > verb.i and c.i != head.i and not c.is_punct for c in verb.children)
    return None if alone else head


def _bare(phrase: Token, left: set[int]) -> bool:
    """A phrase with at most one word of content left ("ahead", "as part", "in an attempt"):
    what its cut modifier completed."""
    return sum(1 for t in phrase.subtree if t.i in left and t.pos_ not in ("DET", "ADP", "PART", "PUNCT", "CCONJ", "SCONJ")) <= 1


def _count(tokens: list[Token], roles: set[int]) -> int:
    """Words as the headline writes them: a person's name is one word, a title before it
    (``roles``) none."""
    return sum(1 for t in tokens if not t.is_punct and t.i not in roles and not (t.ent_type_ == "PERSON" and t.ent_iob_ == "I" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I"))


def _quoted(kept: list[Token], verb: Token) -> set[int]:
    """The first word of what a verb reports, if a capital there would stand mid-headline:
    "says [There] is no risk", "Carter tells NPR [That]'s not in the cards"."""
    first = [t for t in kept if t.dep_ not in ("punct",)]
    starts = {t.left_edge.i for t in verb.children if t.dep_ == "ccomp"}
    return {t.i for t in first if t.i in starts and t.text[:1].isupper() and t.pos_ != "PROPN" and not t.ent_type_ and t.text != "I"}


def _words(tokens: list[Token], people: People, lex: Lexicon, lower: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """The tokens as a headline writes them: people by surname, organisations and countries
    by their canonical names, titles before names left out."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    roles = role_tokens(doc)
    ents = {e.start: e for e in doc.ents}
    # "Dr Murray's lawyer Edward Chernoff": with the title goes a person who owns it, not "Murray's Chernoff"
    owners = {j for r in roles if r < len(doc) for c in doc[r].children if c.dep_ in ("poss", "compound") and c.ent_type_ == "PERSON"
              for j in range(c.left_edge.i, c.right_edge.i + 1)}  # "Jackson manager Frank Dileo": Dileo
    order = [t.i for t in tokens if t.i not in owners]
    present = set(order)
    pieces: list[str] = []
    k = 0
    while k < len(order):
        i = order[k]
        ent = ents.get(i)
        if ent is not None and all(j in present for j in range(ent.start, ent.end)) and i not in roles:
            if ent.label_ == "PERSON" and not modifier(ent):
                text = surname(full := people.canonical(ent.text) or ent.text)  # a name used as a modifier stays whole: "Michael Forever concert"
                if " " not in (written := clean_name(ent.text)) and written == full.split()[0] and people.canonical(text) != full:
                    text = written  # "Jackson's father, Joseph, files ...": "Joseph files", where a bare "Jackson" is Michael
                if doc[ent.end - 1].dep_ == "case":
                    text += doc[ent.end - 1].text  # "Peter Novak's death": "Novak's death"
            elif ent.label_ in ("GPE", "ORG"):
                text = lex.aliases.get(ent.text.strip()) or clean_name(ent.text) or ent.text
            else:
                text = ent.text
            last = ent.end - 1
            while k < len(order) and order[k] <= last:
                k += 1
        else:
            k += 1
            if i in roles and doc[i].ent_type_ != "PERSON" or doc[i].text == "-" and {i - 1, i + 1} & roles:
                continue  # "Secretary-General Ban": the title goes, its hyphen with it
            text, last = (doc[i].text.lower() if i in lower else doc[i].text), i
        following = order[k] if k < len(order) else None
        pieces.append(text + (doc[last].whitespace_ if following == last + 1 else " "))
    return "".join(pieces).strip()


def _verb(trigger: Token, status: Status, plural: bool) -> str:
    """The verb as a headline says it: "meets", "to meet", "would meet", "does not meet";
    a passive keeps its participle: "arrested", "to be arrested"."""
    lemma = trigger.lemma_.lower()
    particle = " ".join(c.lower_ for c in trigger.children if c.dep_ == "prt")
    if refusal(trigger):  # "Kirby would not acknowledge ...", as written
        modal = next(c.lower_ for c in trigger.children if c.dep_ == "aux" and c.lower_ in ("would", "could"))
        return f"{modal} not {lemma} {particle}".strip()
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        participle = trigger.lower_
        form = {Status.SCHEDULED: f"to be {participle}", Status.PROPOSED: f"would be {participle}",
                Status.CONDITIONAL: f"would be {participle}", Status.DENIED: f"not {participle}"}.get(status, participle)
        return f"{form} {particle}".strip()
    if status == Status.SCHEDULED:
        form = f"to {lemma}"
    elif status in (Status.PROPOSED, Status.CONDITIONAL):
        form = f"would {lemma}"
    elif status == Status.DENIED:
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
    if subject.lower_ in ("they", "we", "you", "i", "those", "these", "both", "several", "many", "few", "others"):
        return True
    if subject.tag_ == "CD":  # "21 die", "9 million of his albums sell"
        return subject.lower_ not in ("1", "one")
    return subject.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" or c.dep_ in ("nmod", "compound") and c.tag_ in ("NNP", "NNPS") and any(g.dep_ == "cc" for g in c.children)
        for c in subject.children
    )  # "Vucic and Kurti", however the parser joined them; not a "search and rescue team"


def _finish(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?’”)%]|['’]s\b|n['’]t\b)", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;:-")
    text = re.sub(r"\b(\w+) \1\b", r"\1", text)  # "in in Japan"
    text = re.sub(r"^(?:and|or|but)\s+|\s+(?:and|or|but)$", "", text)
    text = re.sub(r"\b([Aa])n (?=Euro|Unit|Univers|One\b)", r"\1 ", text)  # "an EU plan" written out: "a European Union plan"
    return text[:1].upper() + text[1:] if text else text
