"""Where things are: "the Tbilisi-based Caucasus Policy Centre", "Ukraine's Donetsk region", "Kaliningrad, a
Russian exclave on the Baltic Sea", "Rzeszów in south-eastern Poland", "Russia's oil company Rosneft"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..link import LinkedDoc
from ..syntax import prep_objects
from .candidate import Candidate, pairs
from .grammar import Ref, coordinated, entity_ref, in_chain, modifier_refs, name_root, name_tokens

PLACE_CLASSES = frozenset({"Country", "Location"})


def _place_refs(linked: LinkedDoc, tokens: list[Any]) -> list[Ref]:
    return [r for t in tokens for r in [entity_ref(linked, t)] if r is not None and linked.cls(r.iri) in PLACE_CLASSES]


def location_relations(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Where things are: "the Tbilisi-based Caucasus Policy Centre", "Ukraine's Donetsk region", "Kaliningrad,
    a Russian exclave on the Baltic Sea", "Macon, Georgia". The relation is the ontology's kg:PlaceRelation."""
    for prop in linked.ontology.with_behaviour("PlaceRelation"):
        yield from _place_relations(linked, sent, prop)


def _place_relations(linked: LinkedDoc, sent: Any, prop: str) -> Iterator[Candidate]:
    for token in sent:
        # "X-based Y": Y is located in X
        if token.lemma_ == "base" and token.dep_ == "amod":
            places = _place_refs(linked, [c for c in token.children if c.dep_ in ("npadvmod", "compound")])
            thing = entity_ref(linked, token.head)
            if thing is not None:
                yield from pairs([thing], prop, places, token, "based", 1.0)
    for root in _names_of(linked, sent, ("Organization", "Event")):
        named = entity_ref(linked, root)
        if named is None:
            continue
        if linked.cls(named.iri) == "Organization":
            yield from _organisation_seat(linked, named, root, prop)
        if named.how == "frame":
            continue  # "Russia's war in Ukraine": the war's target, not a seat
        # "Allied Command Operations in Mons", "Operation CABRIT in Estonia": its seat, or where it happens
        named_span = _mention_span(linked, named.iri, root)
        # "the 2015 intervention in Syria": a place inside the event's own name is not said to be its seat
        seat = [r for r in _place_refs(linked, list(prep_objects(root, "in"))) if r.token.i not in named_span]
        yield from pairs([named], prop, seat, root, "place-possessive", 1.0)
    for ent in linked.ents_in(sent):
        place = entity_ref(linked, name_root(ent))
        if place is None or linked.cls(place.iri) != "Location":
            continue
        root = name_root(ent)
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "Ukraine's Donetsk, Luhansk and Kherson regions": what the first conjunct has
        # "Ukraine's Donetsk region": a possessor of the place name or of the noun it modifies
        # "Ukraine's Donetsk region", "the Donbas region" — but "Ukraine's European supporters" is no place
        nominal = first.dep_ in ("compound", "nmod") or (first.dep_ == "amod" and _place_noun(linked, first.head))
        head = first.head if nominal and linked.link_at(first.head) is None else root
        of_noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
        if of_noun is not None and of_noun.pos_ == "NOUN" and _place_noun(linked, of_noun):
            head = of_noun  # "Moldova's breakaway region of Transnistria", not "Russia's invasion of Crimea"
        owner_deps = ("poss",) if head is root else ("poss", "amod", "compound")
        owners = _place_refs(linked, [c for h in {root, first, head} for c in h.children if c.dep_ in owner_deps])
        if head is not root and _place_noun(linked, head):
            owners += _place_refs(linked, list(prep_objects(head, "of")))  # "the Donbas region of Ukraine"
        # "Rzeszów in south-eastern Poland", "Kharkiv, in north-eastern Ukraine"
        owners += _place_refs(linked, list(prep_objects(root, "in")))
        yield from pairs([place], prop, owners, root, "place-possessive", 1.0)
        # "Kaliningrad, a Russian exclave on the Baltic Sea" / "Macon, Georgia"
        name = name_tokens(linked, root)  # "the Palace of the Parliament, Bucharest": on "Parliament"
        chained = [c for t in name for c in t.children if (c.dep_ == "appos" and t.i == root.i) or in_chain(c, name)]
        for appos in (c for c in chained if not _renamed(c)):
            if linked.link_at(appos) is not None:
                yield from pairs([place], prop, _place_refs(linked, [appos]), appos, "place-appos", 1.0)
                continue
            described = [appos] + [o for o in prep_objects(appos, "of")]  # "a strip of Polish … land"
            tokens = [m for d in described for m in d.children if m.dep_ in ("amod", "compound", "poss", "nmod")]
            tokens += [o for d in described for prep in ("in", "on", "of") for o in prep_objects(d, prep)]
            refs = [r for t in tokens for item in coordinated(linked, t) for r in _place_refs(linked, [item])]
            yield from pairs([place], prop, refs, appos, "place-appos", 1.0)


def _names_of(linked: LinkedDoc, sent: Any, classes: tuple[str, ...]) -> list[Any]:
    """The root token of each entity of these classes named in the sentence, by the NER or by the linker's own
    names ("Allied Command Operations", read as an organ of NATO; "Operation CABRIT")."""
    roots: dict[int, Any] = {}
    for mention in linked.mentions:
        if sent.start_char <= mention.start < sent.end_char and linked.cls(mention.entity) in classes:
            span = sent.doc.char_span(mention.start, mention.end)
            if span is not None:
                roots.setdefault(name_root(span).i, name_root(span))
    return list(roots.values())


def _mention_span(linked: LinkedDoc, iri: str, token: Any) -> range:
    """The token indices of the mention of ``iri`` that holds ``token``."""
    for mention in linked.mentions:
        if mention.entity == iri and mention.start <= token.idx < mention.end:
            span = token.doc.char_span(mention.start, mention.end)
            if span is not None:
                return range(span.start, span.end)
    return range(0)


def _renamed(appos: Any) -> bool:
    """ "the Republic of Macedonia (now North Macedonia)": another name of the place, not where it is."""
    return any(c.lower_ in ("now", "formerly", "today", "later", "previously") for c in appos.children) or (
        appos.i > 1 and appos.doc[appos.i - 1].lower_ in ("now", "formerly", "today")
    )


def _place_noun(linked: LinkedDoc, noun: Any) -> bool:
    return linked.ontology.descriptors.get(noun.lemma_.lower()) == "Location"


def _organisation_seat(linked: LinkedDoc, org: Ref, root: Any, prop: str) -> Iterator[Candidate]:
    """ "Russia's two largest oil companies, Rosneft and Lukoil": a company described by its state."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    described = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "remain", "become"):
        described += [c for c in root.head.children if c.dep_ == "attr"]  # "X is a Russian mercenary company"
    for noun in described:
        if linked.link_at(noun) is None and noun.lemma_.lower() in linked.ontology.descriptors:
            states = [r for r in modifier_refs(linked, noun) if linked.cls(r.iri) == "Country"]
            yield from pairs([org], prop, states, noun, "place-appos", 1.0)
