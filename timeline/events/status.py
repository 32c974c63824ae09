"""The status a clause gives the event it tells: occurred, scheduled, proposed,
conditional, denied or ongoing, read from its verb, auxiliaries, governors and the words
of ``rules/en/events.toml`` ([status]).

Works on spaCy tokens of one sentence; used by ``timeline.events.clause``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.events.lexicon import Lexicon
from timeline.model import Status

if TYPE_CHECKING:
    from spacy.tokens import Token

_VERBAL = ("VERB", "AUX")


def status(trigger: Token, lex: Lexicon, relation: str) -> Status:
    """The first that holds: denied (a negation, "denied that"), conditional (if, unless),
    scheduled (will, was due to, is expected to, "said he would"), proposed (would, could,
    under a plan),
    scheduled or ongoing (-ing, by the date), scheduled (a future date, or the present tense
    of this week's event), else occurred. The words are lists in events.toml."""
    chain = _governors(trigger)
    own = [c for c in trigger.children]
    if trigger.dep_ == "xcomp":  # "was due to meet", "would like to visit": the head's auxiliaries count
        own += list(trigger.head.children)
    words = {c.lower_ for c in own if c.dep_ in ("aux", "auxpass", "neg", "mark")}
    if refusal(trigger) and relation != "future":
        return Status.OCCURRED  # "would not acknowledge": the refusal happened
    if any(c.dep_ == "neg" for c in trigger.children) or any(t.lemma_ in lex.denial for t in chain[1:3]):
        return Status.DENIED
    if _conditional(chain, lex):
        return Status.CONDITIONAL
    if _habitual(trigger, lex):
        return Status.ONGOING  # "fans line up at 07:30 every morning"
    carrier = trigger.head if trigger.dep_ == "xcomp" else trigger
    if relation != "future" and carrier.lemma_.lower() in lex.continuing and carrier.tag_ in ("VBZ", "VBP", "VBG") and (
        carrier is not trigger or any(c.dep_ == "xcomp" for c in trigger.children)
    ):
        return Status.ONGOING  # "fans continue to line up", "is still continuing to meet"
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in lex.plan_adjectives for c in trigger.children):
        return Status.SCHEDULED if relation == "future" else Status.PROPOSED  # "his planned July 2009 concerts"
    if trigger.pos_ in ("NOUN", "PROPN") and cancelled(trigger, lex):
        return Status.PROPOSED  # "Traditional May Day rallies have been canceled": a plan that changed
    if any(c.dep_ == "advmod" and c.lower_ in lex.first_plan_adverbs for t in (trigger, trigger.head) for c in t.children) and (
        {trigger.lemma_, trigger.lower_, trigger.head.lemma_, trigger.head.lower_} & lex.scheduled_heads
    ):
        return Status.PROPOSED  # "the burial, initially scheduled for Saturday": a plan that changed
    scheduled_head = trigger.dep_ == "xcomp" and trigger.head.lemma_ in lex.scheduled_heads
    if words & lex.future or scheduled_head or (trigger.head.dep_ == "xcomp" and trigger.head.head.lemma_ in lex.scheduled_heads):
        return Status.SCHEDULED
    if "would" in words and trigger.dep_ == "ccomp" and trigger.head.lemma_ in lex.reporting:
        return Status.SCHEDULED  # "said he would meet Lavrov on Friday": a plan, reported
    if words & lex.proposed_modals:
        return Status.PROPOSED
    if _under_proposal(trigger, lex) and trigger.tag_ in ("VB", "VBP", "VBZ"):
        return Status.PROPOSED
    if trigger.tag_ == "VBG":  # "is meeting", "going to Moscow, meeting Putin tonight"
        if relation != "past" and not (relation == "current" and trigger.dep_ in ("xcomp", "conj") and finite_tag(trigger) == "VBD"):  # not "started slaughtering"
            return Status.SCHEDULED if relation == "future" or not _has_be(trigger) else Status.ONGOING
    if relation == "future" and trigger.tag_ not in ("VBD", "VBN"):
        return Status.SCHEDULED
    present_passive = trigger.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in trigger.children)
    if present_passive and (relation == "future" or relation == "current" and trigger.lower_ in lex.scheduled_heads):
        return Status.SCHEDULED  # "results are announced on Friday" in a Wednesday report; "tests are expected by the end of the week"
    if relation == "current" and trigger.tag_ in ("VBZ", "VBP") and trigger.lemma_ == "be":
        return Status.ONGOING  # "today there are 3,000 cases": a state that holds as the report is written
    if relation == "current" and trigger.tag_ in ("VBZ", "VBP") and trigger.lemma_ not in lex.reporting:
        return Status.SCHEDULED  # "when Kerry meets Lavrov this week" in a Tuesday report
    return Status.OCCURRED


def _habitual(trigger: Token, lex: Lexicon) -> bool:
    """ "every morning", "each week", "daily": the clause tells a habit."""
    for token in own_clause(trigger):
        if token.lower_ in lex.habitual_adverbs and token.dep_ == "advmod":
            return True
        if token.lower_ in ("every", "each") and token.head.lemma_.lower() in lex.habitual_units:
            return True
    return False


def refusal(trigger: Token) -> bool:
    """ "would not acknowledge", "could not say": a past refusal, not a denial of the act."""
    children = list(trigger.children)
    return any(c.dep_ == "neg" for c in children) and any(c.dep_ == "aux" and c.lower_ in ("would", "could") for c in children)


def control_verb(trigger: Token, lex: Lexicon) -> Token | None:
    """The finite past verb whose complement the trigger is ("refused to sign"), if any."""
    head = trigger.head
    if trigger.dep_ == "xcomp" and head.pos_ == "VERB" and head.tag_ == "VBD" and head.lemma_ not in lex.scheduled_heads:
        return head
    return None


def cancelled(noun: Token, lex: Lexicon) -> Token | None:
    """The verb that calls off the event ``noun`` names ("the rallies have been [canceled]",
    "[called off] the summit"), if one does."""
    verb = noun.head
    if noun.dep_ not in ("nsubjpass", "dobj") or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.cancelling:
        return None
    if verb.lemma_.lower() == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        return None  # "called" alone calls no event off
    return verb


def finite_tag(trigger: Token) -> str:
    """The tense tag of the finite verb that carries the trigger's clause (VBD, VBZ, MD, ...)."""
    token = trigger
    for _ in range(4):
        modal = next((c for c in token.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        if modal is not None:
            return "MD"
        if token.tag_ in ("VBD", "VBZ", "VBP"):
            return token.tag_
        auxiliary = next((c for c in token.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP")), None)
        if auxiliary is not None:
            return auxiliary.tag_
        if token.dep_ not in ("xcomp", "conj") or token.head.i == token.i:
            break
        token = token.head
    return token.tag_


CLAUSES = ("ccomp", "advcl", "relcl", "parataxis", "csubj")


def own_clause(trigger: Token) -> list[Token]:
    """The trigger's subtree without the clauses it embeds ("says [the war in Syria ...]")."""
    cut: set[int] = set()
    for token in trigger.subtree:
        if token.i != trigger.i and (token.dep_ in CLAUSES or (token.dep_ == "conj" and token.pos_ in _VERBAL)):
            cut.update(t.i for t in token.subtree)
    return [t for t in trigger.subtree if t.i not in cut]


def _under_proposal(trigger: Token, lex: Lexicon) -> bool:
    """'proposed that X meet', 'a plan to set up': the trigger is the content of a proposal."""
    token = trigger
    for _ in range(3):
        if token.dep_ not in ("xcomp", "ccomp", "acl", "relcl") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_ in lex.proposal_words:
            return True
    return False


def _has_be(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children) or be_before(token) is not None


def be_before(token: Token) -> Token | None:
    """The 'was' of 'was on Monday drafting', when the parser did not attach it."""
    if token.tag_ != "VBG":
        return None
    return next((t for t in reversed(token.doc[max(0, token.i - 5) : token.i]) if t.lemma_ == "be" and t.pos_ == "AUX"), None)


def _governors(token: Token) -> list[Token]:
    """The token and the words that govern it, up to its clause's root (at most 5)."""
    chain = [token]
    while token.head.i != token.i and len(chain) < 5 and token.dep_ in ("xcomp", "conj", "acomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "aux", "auxpass", "dobj", "relcl"):
        token = token.head
        chain.append(token)
    return chain


def _conditional(chain: list[Token], lex: Lexicon) -> bool:
    for token in chain[:3]:
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in lex.conditional:
                return True  # "if the truce lasts ..."
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional for m in child.children):
                return True  # "... will begin, if it holds"
    return False
