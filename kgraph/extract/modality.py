"""Modality of a claim from the words that govern its trigger: negated, hedged, reported, or asserted.

English marks modality on the predicate chain above the event word: a negation or modal on the verb, a
hedging or reporting verb that takes the clause as its complement, a hedging adverb. We walk from the trigger
up to the sentence root and read those cues. Precedence: negated > hedged > reported > asserted; the reporter
is kept as the claim's source whatever the modality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..types import Modality

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# verbs whose complement did not happen: "denied attacking", "avoided conflict", "failed to intercept"
NEGATING_VERBS = frozenset({"deny", "reject", "refute", "dismiss", "avoid", "refrain", "fail", "rule"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must", "shall"})
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
    }
)  # fmt: skip
REPORTING_VERBS = frozenset(
    {
        "say", "claim", "tell", "state", "report", "add", "note", "warn", "insist", "allege", "announce",
        "assert", "argue", "confirm", "write", "post", "declare", "stress", "maintain", "accuse", "acknowledge",
        "explain", "describe", "tweet", "indicate", "contend", "reveal", "disclose",
    }
)  # fmt: skip
# "yet to materialize", "has not ruled out": the event is pending
PENDING = frozenset({"yet"})
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


def read_modality(trigger: Any, extra_tokens: tuple[Any, ...] = ()) -> ModalityReading:
    """Modality of the event expressed by ``trigger`` (a verb or an event noun).

    ``extra_tokens`` are further tokens whose own modifiers count (a light verb governing a noun trigger).
    """
    negation = hedge = None
    reporter = None
    report_cue = None
    for position, gov in enumerate(_governors(trigger)):
        for child in gov.children:
            lower = child.lower_
            if child.dep_ == "neg" or (lower in NEGATORS and child.dep_ in ("det", "advmod", "preconj")):
                # a negation two clauses up ("did not say that X attacked") does not negate X's attack
                if position == 0 or (gov.pos_ in ("VERB", "AUX") and gov.lemma_ not in REPORTING_VERBS):
                    negation = negation or child.text
            elif (child.dep_ == "aux" and lower in MODALS) or (
                lower in HEDGE_WORDS and child.dep_ in ("advmod", "amod", "mark", "acomp")
            ):
                hedge = hedge or child.text
            elif lower in PENDING and child.dep_ in ("advmod", "cc"):
                negation = negation or child.text
        lemma = gov.lemma_.lower()
        if position > 0:
            if lemma in NEGATING_VERBS:
                negation = negation or gov.text
            elif lemma in HEDGE_WORDS or lemma in HEDGE_VERBS:  # "NATO is unlikely to invoke"
                hedge = hedge or gov.text
            elif lemma in REPORTING_VERBS and reporter is None:
                subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    reporter, report_cue = subjects[0], gov.text
        if gov.dep_ in ("ccomp",) and gov.head.lemma_.lower() in REPORTING_VERBS and reporter is None:
            subjects = [c for c in gov.head.children if c.dep_ == "nsubj"]
            if subjects:
                reporter, report_cue = subjects[0], gov.head.text
    for token in extra_tokens:
        for child in token.children:
            if child.dep_ == "neg":
                negation = negation or child.text
            elif child.dep_ == "aux" and child.lower_ in MODALS:
                hedge = hedge or child.text
    if reporter is None:
        according = _according_to(trigger.sent)
        if according is not None:
            reporter, report_cue = according, "according to"
    if negation:
        return ModalityReading(Modality.NEGATED, negation, reporter)
    if hedge:
        return ModalityReading(Modality.HEDGED, hedge, reporter)
    if reporter is not None:
        return ModalityReading(Modality.REPORTED, report_cue, reporter)
    return ModalityReading(Modality.ASSERTED)
