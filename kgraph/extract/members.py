"""Memberships that lists state: "Several other Allies – including Finland, Latvia and Romania – have …",
"EU member states such as Poland and Hungary", "NATO members, among them Slovakia". The organisation is the
noun's modifier, its "of" phrase, or the one the ontology says calls its members so (kg:membersCalled)."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from spacy.tokens import Span, Token

from ..link import GROUP_NOUNS, LinkedDoc
from ..syntax import clause_subjects, prep_objects
from .candidate import Candidate, pairs
from .grammar import Ref, coordinated, entity_ref, modifier_refs, resolve

MEMBER_NOUNS = frozenset({"ally", "allies", "member", "state", "country", "nation"})
LIST_PREPS = ("including", "like", "among")
IO_ONLY = frozenset({"InternationalOrganization"})


def _listed(linked: LinkedDoc, noun: Token) -> list[Ref]:
    """The states a plural noun lists: "including A, B and C", "such as A", "A, B and C" in apposition."""
    items = [o for prep in LIST_PREPS for o in prep_objects(noun, prep)]
    items += [o for c in noun.children if c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]  # such as
    items += [c for c in noun.children if c.dep_ == "appos"]
    refs = [r for t in items for item in coordinated(linked, t) for r in [entity_ref(linked, item)] if r is not None]
    return [r for r in refs if linked.cls(r.iri) == "Country"]


def _described(linked: LinkedDoc, noun: Token) -> list[Ref]:
    """States a membership noun describes: "Finland became a NATO Ally", "Turkey and Hungary, also NATO
    members, sent observers"."""
    states: list[Token] = []
    if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become", "remain"):
        states += [c for c in noun.head.children if c.dep_ == "nsubj"]
    if noun.dep_ == "appos":
        states.append(noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in ("VERB", "AUX"):
        states += [c for c in noun.head.head.children if c.dep_ == "nsubj"]  # "We, as NATO Allies, will …"
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.i in linked.group_of:
        states.append(noun.head.head)  # the parser may hang "as NATO Allies" on "We" itself
    groups = [Ref(iri, t, 0.8, "we") for t in states if t.i in linked.group_of for iri in linked.group_of[t.i]]
    refs = [r for t in states for item in coordinated(linked, t) for r in [entity_ref(linked, item)] if r]
    return [r for r in refs + groups if linked.cls(r.iri) == "Country"]


def _met_as_group(linked: LinkedDoc, noun: Token, relations: tuple[str, ...]) -> Iterator[Candidate]:
    """ "We, the Presidents of A, B and C, met in the Bucharest 9 platform": states that meet in a group's format
    are its members."""
    groups = [r for r in modifier_refs(linked, noun, IO_ONLY)]
    if not groups or noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "within"):
        return
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return
    subjects, certainty = clause_subjects(verb)
    states = [r for t in subjects for r in resolve(linked, t, actor=True) if linked.cls(r.iri) == "Country"]
    for prop in relations:
        yield from pairs(states, prop, groups, noun, "member-list", certainty * 0.9)


class MemberLists:
    """Members named in a list under a membership noun (rule ``member-list``)."""

    name = "members"
    rules = MappingProxyType({"member-list": 0.85})

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        ontology = linked.ontology
        relations = ontology.with_behaviour("MembershipRelation")
        for noun in sent:
            if noun.pos_ not in ("NOUN", "PROPN"):
                continue
            role = noun.lemma_.lower() if noun.lemma_.lower() in ontology.titles else noun.lower_.removesuffix("s")
            if role in ontology.titles and role not in MEMBER_NOUNS:  # "the Foreign Ministers of": a PROPN plural
                # "the G7 foreign ministers of Canada, France, …": the states whose officials meet as the body
                bodies = modifier_refs(linked, noun, frozenset({"InternationalOrganization"}))
                named = [entity_ref(linked, t) for o in prep_objects(noun, "of") for t in coordinated(linked, o)]
                states = [r for r in named if r is not None and linked.cls(r.iri) == "Country"]
                # "the Foreign Ministers of the Nordic-Baltic 8 - Denmark, Estonia, … -": the body, then its states
                bodies += [r for r in named if r is not None and linked.cls(r.iri) == "InternationalOrganization"]
                # the parser may hang the body on the first state: "the Nordic-Baltic 8 - Denmark, …"
                bodies += [r for o in prep_objects(noun, "of") for r in modifier_refs(linked, o, IO_ONLY)]
                for prop in relations:
                    yield from pairs(states, prop, bodies, noun, "member-list", 0.9)
                continue
            if noun.lemma_.lower() in GROUP_NOUNS:
                yield from _met_as_group(linked, noun, relations)
                continue
            if noun.lemma_.lower() not in MEMBER_NOUNS:
                continue
            members = _listed(linked, noun) + _described(linked, noun)
            # "EU member states", "NATO's members", "members of the alliance"
            org = modifier_refs(linked, noun, frozenset({"InternationalOrganization"}))
            org += [r for o in prep_objects(noun, "of") for r in [entity_ref(linked, o)] if r is not None]
            org = [r for r in org if linked.cls(r.iri) == "InternationalOrganization"]
            called = ontology.members_called.get(noun.text)
            if not org and called in linked.entities:  # only an organisation the article names
                org = [Ref(called, noun, 0.9, "members-called")]
            if not org:
                continue
            for prop in relations:
                yield from pairs(members, prop, org, noun, "member-list", 1.0)


MEMBERS = MemberLists()
