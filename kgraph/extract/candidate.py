"""What every relation rule yields: a Candidate (subject, property, object, trigger, rule), before the
ontology's domain/range check, modality and confidence turn it into a Claim."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .grammar import Ref

# the rule engine's rules and their base confidence (registered with the extractor registry)
RULE_CONFIDENCE = {
    "svo": 0.85,
    "passive": 0.85,
    "verb-prep": 0.8,
    "purpose-recipient": 0.6,
    "noun-prep": 0.75,
    "light-verb": 0.75,
    "title": 0.9,
    "title-kb": 0.75,
    "title-context": 0.6,
    "appos": 0.85,
    "copula": 0.85,
    "event-participant": 0.75,
    "adjunct-noun": 0.65,
    "reciprocal": 0.8,
    "misparsed-svo": 0.6,
    "based": 0.85,
    "place-possessive": 0.8,
    "place-appos": 0.75,
    "measure-object": 0.7,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    subject: Ref
    prop: str
    object: Ref
    trigger: Any  # the token whose governors decide modality
    rule: str
    certainty: float  # structural certainty of the rule application (inherited subjects etc.)
    note: str = ""  # e.g. "former"
    light_verb: Any = None


def pairs(
    subjects: list[Ref], prop: str, objects: list[Ref], trigger: Any, rule: str, certainty: float, **kw: Any
) -> Iterator[Candidate]:
    for subj in subjects:
        for obj in objects:
            # "we strengthen our defence": the signatories of a statement do not act on one another — but
            # "We, the leaders of A, B and C, met in London" is their meeting (a reciprocal verb)
            if subj.iri != obj.iri and not (subj.how == obj.how == "we" and rule != "reciprocal"):
                yield Candidate(subj, prop, obj, trigger, rule, certainty, **kw)
