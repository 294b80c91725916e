"""Relations written as a hyphenated participle on a noun: "Russian-backed separatists", "a Russian state-funded
private military company", "Iranian-supplied drones". The participle is a trigger of the ontology (kg:trigger
"back", "fund", "supply"); the word before the hyphen is the actor, the noun (or, after a copula, its subject)
what the act is done to."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from spacy.tokens import Span, Token

from ..link import COPULAS, LinkedDoc
from .candidate import Candidate, pairs
from .grammar import ACTOR_CLASSES, Ref, entity_ref, resolve

# the state's own apparatus between the demonym and the participle: "Russian state-funded", "Iranian regime-backed"
APPARATUS = frozenset({"state", "government", "regime", "kremlin"})


def hyphen_actor(linked: LinkedDoc, participle: Token) -> Ref | None:
    """The word joined to the participle by a hyphen ("Russian-backed"), or the demonym before the state's own
    apparatus ("Russian state-funded")."""
    doc = participle.doc
    i = participle.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    before = doc[i - 2]
    if before.lower_ in APPARATUS and i >= 3:
        before = doc[i - 3]
    ref = entity_ref(linked, before)
    return ref if ref is not None and linked.cls(ref.iri) in ACTOR_CLASSES else None


def _undergoers(linked: LinkedDoc, participle: Token) -> list[Ref]:
    noun = participle.head
    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
        # "The Wagner Group is a Russian state-funded company": the copula's subject
        return [r for c in noun.head.children if c.dep_ == "nsubj" for r in resolve(linked, c, actor=False)]
    ref = entity_ref(linked, noun)
    if ref is not None:
        return [ref]
    # "the UK-led Enhanced Forward Presence deployment": the name compounded onto a common noun
    found = [entity_ref(linked, c) for c in noun.children if c.dep_ == "compound" and c.i > participle.i]
    return list({r.iri: r for r in found if r is not None}.values())


def hyphen_actors(linked: LinkedDoc, noun: Token) -> list[Ref]:
    """The actors of a noun's hyphenated participles: "the UK-led deployment" -> the UK."""
    found = (hyphen_actor(linked, c) for c in noun.children if c.dep_ in ("amod", "compound") and c.tag_ == "VBN")
    return [r for r in found if r is not None]


class HyphenatedActs:
    """An actor joined by a hyphen to a trigger participle on a noun (rule ``hyphen-participle``)."""

    name = "hyphenated"
    rules = MappingProxyType({"hyphen-participle": 0.8})

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        for token in sent:
            if token.dep_ not in ("amod", "compound") or token.tag_ != "VBN" or token.head.i == token.i:
                continue
            props = [p for p, t in linked.ontology.triggers.get(token.lemma_.lower(), ()) if t.prep is None]
            if not props:
                continue
            actor = hyphen_actor(linked, token)
            if actor is None:
                continue
            undergoers = [r for r in _undergoers(linked, token) if r.iri != actor.iri]
            for prop in props:
                yield from pairs([actor], prop, undergoers, token, "hyphen-participle", 1.0)


HYPHENATED = HyphenatedActs()
