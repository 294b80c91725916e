"""Modality of a claim from the words that govern its trigger: negated, hedged, reported, or asserted.

English marks modality on the predicate chain above the event word: a negation or modal on the verb, a
hedging or reporting verb that takes the clause as its complement, a hedging adverb. We walk from the trigger
up to the sentence root and read those cues. Precedence: hedged > negated > reported > asserted ("may not" is
uncertain, not denied); the reporter is kept as the claim's source whatever the modality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..types import Modality

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# verbs whose complement did not happen: "denied attacking", "avoided conflict", "failed to intercept"
NEGATING_VERBS = frozenset(
    {"deny", "reject", "refute", "dismiss", "avoid", "refrain", "fail", "rule", "refuse", "decline", "cancel",
     "halt", "suspend", "stop", "block", "veto"}
)  # fmt: skip
# "will" included: news uses it for plans and forecasts, which are not yet facts
LEFT_OPEN = frozenset({"rule", "deny", "exclude", "dismiss"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must", "shall", "will", "'ll"})
HEDGE_WORDS = frozenset(
    {
        "likely", "unlikely", "possible", "possibly", "potentially", "potential", "allegedly", "alleged",
        "reportedly", "apparently", "perhaps", "probably", "maybe", "presumably", "suspected", "purported",
        "purportedly", "seemingly", "if", "whether", "unless",
    }
)  # fmt: skip
# verbs whose complement is uncertain, wished for or not yet real
HEDGE_VERBS = frozenset(
    {
        "suggest", "appear", "seem", "believe", "suspect", "think", "consider", "plan", "intend", "aim", "seek",
        "want", "wish", "hope", "propose", "expect", "threaten", "speculate", "fear", "estimate", "assume",
        "could", "weigh", "mull", "prepare", "try", "attempt", "offer", "urge", "call", "ask", "demand",
        "invite",
    }
)  # fmt: skip
REPORTING_VERBS = frozenset(
    {
        "say", "claim", "tell", "state", "report", "add", "note", "warn", "insist", "allege", "announce",
        "assert", "argue", "confirm", "write", "post", "declare", "stress", "maintain", "accuse", "acknowledge",
        "explain", "describe", "tweet", "indicate", "contend", "reveal", "disclose", "underline", "emphasise",
        "emphasize", "highlight", "reiterate", "point", "recall",
    }
)  # fmt: skip
# "will continue to condemn", "will remain committed": ongoing, so "will" does not make it a plan
ONGOING = frozenset({"continue", "remain"})
# "yet to materialize", "has not ruled out": the event is pending
PENDING = frozenset({"yet"})
# predicates about whether the subject event exists: "sanctions have yet to materialize", "the talks never
# took place" — their modality is the event's
EXISTENCE_VERBS = frozenset(
    {"materialize", "materialise", "happen", "occur", "take", "proceed", "go", "come", "begin", "start", "end",
     "continue", "resume", "fail", "collapse"}
)  # fmt: skip
# "since Finland joined NATO", "after Russia annexed Crimea": background the writer takes as given
TEMPORAL_MARKS = frozenset({"since", "after", "before", "when", "until", "once", "while", "as"})
# how a reported event hangs on its reporting verb: a clause, not an object or an adjunct
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "conj", "advcl", "dep", "pcomp", "", "ROOT"})
NP_BOUNDARIES = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "acl", "appos"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "pcomp", "relcl", "acl", "prep", "pobj", "dobj"})


@dataclass(frozen=True, slots=True)
class ModalityReading:
    modality: Modality
    cue: str | None = None
    source_token: Any = None  # the head token of who reported it, if anyone


def _governors(token: Any) -> Iterator[Any]:
    """The trigger and each head above it up to the root."""
    current = token
    seen = set()
    while current.i not in seen:
        seen.add(current.i)
        yield current
        if current.head.i == current.i:
            return
        current = current.head


def _according_to(sentence: Any) -> Any:
    for token in sentence:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            for prep in token.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _cues(
    gov: Any, position: int, lemma: str, in_scope: bool, negation: str | None, hedge: str | None
) -> tuple[str | None, str | None]:
    """Negation and hedging cues on one governor of the trigger."""
    negated_here = any(c.dep_ == "neg" for c in gov.children)
    for child in gov.children:
        lower = child.lower_
        if child.dep_ == "neg" or (lower in NEGATORS and child.dep_ in ("det", "advmod", "preconj")):
            # a negation on a clause above ("did not say that X attacked", "did not veto the sanctions") is
            # about that clause; only the event's own chain ("did not try to attack") negates it
            if in_scope and lemma not in REPORTING_VERBS | NEGATING_VERBS:
                negation = negation or child.text
        elif child.dep_ == "aux" and lower in ("will", "'ll") and gov.lemma_ in ONGOING:
            pass  # "we will continue to condemn": what goes on already, not a plan
        elif (child.dep_ == "aux" and lower in MODALS) or (
            lower in HEDGE_WORDS and child.dep_ in ("advmod", "amod", "mark", "acomp")
        ):
            hedge = hedge or child.text
        elif lower in PENDING and child.dep_ in ("advmod", "cc"):
            negation = negation or child.text
    if position > 0:
        if lemma in NEGATING_VERBS and negated_here:
            if lemma in LEFT_OPEN:
                hedge = hedge or gov.text  # "has not ruled out", "did not deny": left open
            # "did not veto the sanctions": a double negative leaves the event as it was
        elif lemma in NEGATING_VERBS:
            negation = negation or gov.text
        elif lemma in HEDGE_WORDS or lemma in HEDGE_VERBS:  # "NATO is unlikely to invoke"
            hedge = hedge or gov.text
    return negation, hedge


def _apart(clause: Any, verb: Any) -> bool:
    """Does a semicolon stand between a clause and the verb the parser hangs it on? "It was the first exercise
    since the invasion; authorities described …" is no report of the first clause."""
    low, high = sorted((clause.i, verb.i))
    return any(t.text == ";" for t in clause.doc[low + 1 : high])


def read_modality(trigger: Any, extra_tokens: tuple[Any, ...] = (), *, presupposed: bool = False) -> ModalityReading:
    """Modality of the event expressed by ``trigger`` (a verb or an event noun).

    ``extra_tokens`` are further tokens whose own modifiers count (a light verb governing a noun trigger).
    Walking up from the trigger, negations, modals and hedging words count until a presupposition boundary: a
    subject noun phrase, a relative clause, an apposition, or a temporal clause ("since Finland joined NATO")
    states background, whatever the clause above it does. A report frame counts all the way up: what a
    presupposed phrase says inside reported speech is still reported. ``presupposed`` starts above the
    boundary (relations inside noun phrases: titles, "its border with Russia").
    """
    negation = hedge = None
    reporter = None
    report_cue = None
    in_scope = True  # still in the event's own verb chain (the trigger and verbs it is the complement of)
    came_from = ""  # the dependency by which we reached this governor
    previous = trigger  # the governor we came from
    own_clause = False  # above a conjunct clause with its own subject or auxiliary
    for position, gov in enumerate(_governors(trigger)):
        # "announced sanctions": a reporting verb's direct object is the act itself, not a report of it
        # ("asserting it in the wars against the Red Army" reports nothing: only a clause it frames is reported,
        # or what an accusation is "of" or "for")
        reportable = came_from in REPORTED_DEPS or (came_from == "prep" and previous.lower_ in ("of", "for"))
        lemma = gov.lemma_.lower()
        if not presupposed and not own_clause:
            negation, hedge = _cues(gov, position, lemma, in_scope, negation, hedge)
        reportable = reportable and not _apart(previous, gov)
        if position > 0 and lemma in REPORTING_VERBS and reporter is None and reportable:
            subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                reporter, report_cue = subjects[0], gov.text
        if (
            gov.dep_ == "ccomp"
            and gov.head.lemma_.lower() in REPORTING_VERBS
            and reporter is None
            and reportable
            and not _apart(gov, gov.head)
        ):
            subjects = [c for c in gov.head.children if c.dep_ == "nsubj"]
            if subjects:
                reporter, report_cue = subjects[0], gov.head.text
        in_scope = in_scope and gov.dep_ in ("xcomp", "aux", "auxpass", "conj") and gov.pos_ in ("VERB", "AUX")
        # "we will never accept X and we will continue to condemn Y": a conjunct with its own subject or
        # auxiliary is a clause of its own; the first conjunct's "never" and "will" are not about it
        own_clause = own_clause or (gov.dep_ == "conj" and any(c.dep_ in ("nsubj", "aux") for c in gov.children))
        came_from = gov.dep_
        previous = gov
        predicate = {gov.head.lemma_.lower()} | {c.lemma_.lower() for c in gov.head.children if c.dep_ == "xcomp"}
        existence = gov.dep_ in ("nsubj", "nsubjpass") and bool(predicate & EXISTENCE_VERBS)
        temporal = gov.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in gov.children)
        if (gov.dep_ in NP_BOUNDARIES and not existence) or temporal:
            presupposed = True
    if not presupposed:
        for token in extra_tokens:
            if token.lower_ in MODALS and token.pos_ in ("AUX", "VERB"):
                hedge = hedge or token.text  # a list header "The United States will:"
            for child in token.children:
                if child.dep_ == "neg":
                    negation = negation or child.text
                elif child.dep_ == "aux" and child.lower_ in MODALS:
                    hedge = hedge or child.text
    if reporter is None:
        according = _according_to(trigger.sent)
        if according is not None:
            reporter, report_cue = according, "according to"
    if hedge:
        return ModalityReading(Modality.HEDGED, hedge, reporter)
    if negation:
        return ModalityReading(Modality.NEGATED, negation, reporter)
    if reporter is not None:
        return ModalityReading(Modality.REPORTED, report_cue, reporter)
    return ModalityReading(Modality.ASSERTED)
