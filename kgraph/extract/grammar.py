"""Dependency-tree helpers shared by the relation rules: who is the subject, what are the coordinated items,
which entity a common noun stands for."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..link import LINK_CERTAINTY, LinkedDoc

SUBJECT_DEPS = ("nsubj", "csubj")
ACTOR_CLASSES = frozenset({"Country", "InternationalOrganization", "Organization", "Person"})
WEAPON_CLASSES = frozenset({"MilitaryAsset"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
# verbs that carry an event noun as their object without adding meaning: "launched the invasion of Ukraine"
LIGHT_VERBS = frozenset(
    {
        "launch", "carry", "conduct", "begin", "start", "continue", "wage", "make", "order", "stage", "mount",
        "escalate", "intensify", "step", "undertake", "perform", "commit", "resume", "announce", "impose",
        "unleash", "hold", "lead", "approve", "authorize", "plan", "execute",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ref:
    """An argument resolved to an entity, with how much we trust that resolution."""

    iri: str
    token: Any
    certainty: float
    how: str


def entity_ref(linked: LinkedDoc, token: Any) -> Ref | None:
    link = linked.link_at(token)
    if link is None:
        return None
    return Ref(link.iri, token, LINK_CERTAINTY.get(link.how, 0.85), link.how)


def modifier_refs(linked: LinkedDoc, noun: Any, classes: frozenset[str] | None = ACTOR_CLASSES) -> list[Ref]:
    """Entities that modify a common noun: "Russian drones", "Poland's borders", "NATO airspace", "F-35 jets".

    ``classes`` limits which entities count (actors are states, organisations and people; None = any). A
    modifier that is itself an entity of another class is looked through: "Russian drone incursions" -> Russia.
    """
    refs = []
    for child in noun.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod", "nummod"):
            continue
        ref = entity_ref(linked, child)
        if ref is not None and (classes is None or linked.cls(ref.iri) in classes):
            refs.append(Ref(ref.iri, child, ref.certainty * 0.85, "modifier"))
        elif child.dep_ in ("compound", "nmod", "amod"):
            refs.extend(modifier_refs(linked, child, classes))
    return refs


def _noun_key(token: Any) -> set[str]:
    """Lemma and two-word compound lemma of a noun: "air force", "force"."""
    keys = {token.lemma_.lower()}
    keys.update(f"{c.lemma_.lower()} {token.lemma_.lower()}" for c in token.children if c.dep_ == "compound")
    return keys


def resolve(linked: LinkedDoc, token: Any, *, actor: bool) -> list[Ref]:
    """The entities a subject/object token stands for, coordination expanded.

    A named entity stands for itself, except that a weapon as actor stands for whoever fields it ("Russian
    drones attacked" -> Russia). A common noun stands for the state or organisation modifying it only when the
    ontology lists it as an agent noun (actors: "Russian forces") or a territory noun (targets: "Polish
    airspace"); "Ukraine's European supporters" stands for neither. A weapon named as a modifier is the target
    ("F-35 jets" -> F-35).
    """
    ontology = linked.ontology
    proxies = ontology.agent_nouns if actor else ontology.territory_nouns
    refs: list[Ref] = []
    for item in coordinated(linked, token):
        ref = entity_ref(linked, item)
        if ref is not None and ref.how == "demonym" and item.dep_ in ("amod", "compound") and item.head.i != item.i:
            ref = None  # an adjective here is a modifier of this token's head, resolved below
        if ref is not None and not (actor and linked.cls(ref.iri) == "MilitaryAsset"):
            refs.append(ref)
            continue
        modifiers: list[Ref] = [] if actor or ref is not None else modifier_refs(linked, item, WEAPON_CLASSES)
        if not modifiers and (ref is not None or _noun_key(item) & proxies):
            modifiers = modifier_refs(linked, item, ACTOR_CLASSES)
        if modifiers:
            refs.extend(modifiers)
        elif ref is not None:
            refs.append(ref)
    return refs


def coordinated(linked: LinkedDoc, token: Any) -> list[Any]:
    """A token and its conjuncts: "France, the Netherlands, and the United Kingdom" (spaCy often attaches the
    middle items as appositions, so an apposition that is itself a linked entity counts as a conjunct)."""
    items = [token]
    todo = [token]
    while todo:
        current = todo.pop()
        for child in current.children:
            is_conj = child.dep_ == "conj"
            is_list_appos = (
                child.dep_ == "appos"
                and linked.link_at(child) is not None
                and linked.link_at(current) is not None
                and linked.cls(linked.link_at(child).iri) == linked.cls(linked.link_at(current).iri)  # type: ignore[union-attr]
            )
            if (is_conj or is_list_appos) and child not in items:
                items.append(child)
                todo.append(child)
    return items


def clause_subjects(verb: Any, depth: int = 0) -> tuple[list[Any], float]:
    """Subject tokens of a verb, with a certainty factor for inherited subjects.

    Rules, in order:
    - an explicit nsubj/csubj (a relative pronoun is replaced by the noun the clause modifies);
    - passive: the "by" agent;
    - a conjoined verb shares its head's subject ("attacked and occupied");
    - a non-finite complement or purpose clause takes its controller's subject ("NATO countered by
      deploying", "committed to sending"), or the object for object control ("urged Poland to intercept");
    - a participle modifying a noun has that noun as subject ("warplanes breaching NATO airspace").
    """
    if depth > 6:
        return [], 0.0
    explicit = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if explicit:
        return [verb.head if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else s for s in explicit], 1.0
    agents = [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
    if agents:
        return agents, 1.0
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return [], 0.0  # agentless passive: the actor is unknown
    dep = verb.dep_
    head = verb.head
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        subjects, certainty = clause_subjects(head, depth + 1)
        return subjects, certainty * 0.95
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if (
        (dep == "xcomp" or (dep == "advcl" and purpose))
        and verb.tag_ in ("VB", "VBG")
        and head.pos_
        in (
            "VERB",
            "AUX",
            "ADJ",
        )
    ):
        if dep == "xcomp":
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return objects, 0.85
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "Russia is unlikely to attack": the subject sits on the copula
        subjects, certainty = clause_subjects(head, depth + 1)
        return subjects, certainty * 0.9
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        subjects, certainty = clause_subjects(head.head, depth + 1)
        return subjects, certainty * 0.9
    if dep in ("acl", "relcl") and verb.tag_ == "VBG":
        return [head], 0.85
    return [], 0.0


def prep_objects(token: Any, prep: str) -> Iterator[Any]:
    """Objects of a given preposition attached to a token: "to" in "sent jets to Poland"."""
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj


def direct_objects(verb: Any) -> list[Any]:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    return objects


def evidence_span(tokens: list[Any]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def acting_for(linked: LinkedDoc, person: Ref, leader_props: frozenset[str]) -> list[Ref]:
    """A head of state or government named with a title acts for the state: "Russian President Vladimir Putin
    launched the invasion" -> Russia (event coders' actor convention)."""
    token = person.token
    root = token if token.dep_ != "compound" else token.head
    premods = [t for t in root.subtree if t.i < token.i and t.dep_ in ("compound", "amod", "nmod", "poss")]
    words = {t.lemma_.lower() for t in premods} | {t.lower_ for t in premods}
    titles = linked.ontology.titles
    if not any(titles.get(w) in leader_props for w in words) and not any(
        titles.get(f"{a.lower_} {b.lower_}") in leader_props for a, b in itertools.pairwise(premods)
    ):
        return []
    states = []
    for t in premods:
        ref = entity_ref(linked, t)
        if (
            ref is not None
            and ref.iri != person.iri
            and linked.cls(ref.iri) in ("Country", "InternationalOrganization")
        ):
            states.append(Ref(ref.iri, person.token, person.certainty * 0.9, "role"))
    return states
