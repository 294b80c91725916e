"""Organs of states: "the Latvian Navy", "the Armed Forces of Belarus", "U.S. Army" are Organizations of their
own, linked to their state by the ontology's kg:OrganRelation (affiliatedWith, as annotators state it), so
queries can roll an organ's claims up to the state. Linking found the organ and its state in the name; this
extractor states the link."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from spacy.tokens import Span

from ..link import LINK_CERTAINTY, LinkedDoc, entity_of
from .candidate import Candidate
from .grammar import Ref


class OrganExtractor:
    """The organ-of-state link given by an organ's name (rule ``organ-name``)."""

    name = "organs"
    rules = MappingProxyType({"organ-name": 0.9})

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        relations = linked.ontology.with_behaviour("OrganRelation")
        yield from self._known(linked, sent, relations)
        for organ, states in linked.organ_states.items():
            for state, token_i in states:
                if not sent.start <= token_i < sent.end:
                    continue
                token = linked.doc[token_i]
                organ_ref = Ref(organ, token, LINK_CERTAINTY.get("ner", 0.85), "organ")
                state_ref = Ref(state, token, 1.0, "organ-name")
                for prop in relations:
                    yield Candidate(organ_ref, prop, state_ref, token, "organ-name", 1.0)

    def _known(self, linked: LinkedDoc, sent: Span, relations: tuple[str, ...]) -> Iterator[Candidate]:
        """A gazetteer organ ("the Pentagon") is the organ of the state the ontology records."""
        facts = linked.ontology.facts
        for token in sent:
            link = linked.link_at(token)
            if link is None or link.how == "coref" or (token.i > sent.start and linked.link_at(token.nbor(-1)) == link):
                continue
            for subject, fact, state in facts:
                # the ontology records organs by a narrower property (organOf) than articles state; a person's
                # affiliatedWith fact is no organ fact
                for prop in (r for r in relations if subject == link.iri and r in linked.ontology.ancestors(fact)[1:]):
                    linked.entities.setdefault(state, entity_of(linked.ontology.individuals[state]))
                    organ = Ref(link.iri, token, 1.0, link.how)
                    yield Candidate(organ, prop, Ref(state, token, 1.0, "kb"), token, "organ-name", 1.0)


ORGANS = OrganExtractor()
