"""Disputed facts: a fact one side affirms (asserts or reports) and another denies, grouped by fact.

Takes a source and the ontology; yields one Dispute per (subject, denied property, object). A denial of a
property disputes every affirming claim of it or of its sub-properties between the same parties ("Russia did not
attack Poland" disputes "Russia invaded Poland"); denials of narrower properties join the broadest denied one.
Each side lists its claims with date, publisher, who said it and the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .analytics import Evidence, graph_from_source, why
from .ontology import Ontology
from .query import Queryable
from .selection import MODALITIES, Selection, in_period


@dataclass(frozen=True)
class Dispute:
    subject: str
    property: str  # the broadest denied property
    object: str
    affirmed: tuple[Evidence, ...]  # asserted claims
    reported: tuple[Evidence, ...]  # claims passed on ("officials said")
    denied: tuple[Evidence, ...]  # negated claims
    articles: int  # distinct articles on any side


def _rows(graph: nx.MultiDiGraph, ontology: Ontology) -> Iterable[tuple[str, str, str, list[str]]]:
    """(subject, denied property, object, the properties of its claims) for each pair with a denial that meets
    an affirmation of the same property or a narrower one."""
    pairs: dict[tuple[str, str], dict[str, set[str]]] = {}
    for s, o, prop, data in graph.edges(keys=True, data=True):
        pairs.setdefault((s, o), {})[prop] = set(data["modality"])
    for (s, o), props in sorted(pairs.items()):
        denied = [p for p, mods in props.items() if "negated" in mods]
        broadest = [p for p in denied if not any(q != p and q in ontology.ancestors(p) for q in denied)]
        for root in sorted(broadest):
            covered = sorted(p for p in props if root in ontology.ancestors(p) or p == root)
            if any(props[p] & {"asserted", "reported"} for p in covered):
                yield s, root, o, covered


def disputes(source: Queryable, ontology: Ontology, selection: Selection | None = None) -> list[Dispute]:
    """Every disputed fact, most articles first. ``selection`` restricts the period (its modalities are not
    used: a dispute is made of affirming and denying claims)."""
    chosen = selection or Selection(frozenset(MODALITIES))
    graph = graph_from_source(source, modality=MODALITIES, since=chosen.since, until=chosen.until)
    found = []
    for s, root, o, props in _rows(graph, ontology):
        claims = [ev for ev in why(source, s, props, o) if in_period(ev.date, chosen.since, chosen.until)]
        side = {m: tuple(ev for ev in claims if ev.modality == m) for m in ("asserted", "reported", "negated")}
        if side["negated"] and (side["asserted"] or side["reported"]):
            articles = len({ev.article for ev in claims if ev.modality in side})
            found.append(Dispute(s, root, o, side["asserted"], side["reported"], side["negated"], articles))
    return sorted(found, key=lambda d: (-d.articles, d.subject, d.property, d.object))


def disputed_facts(graph: nx.MultiDiGraph, ontology: Ontology) -> set[tuple[str, str, str]]:
    """(subject, denied property, object) of each dispute in ``graph`` (built with every modality): the facts
    ``disputes`` reports, without reading their claims."""
    return {(s, root, o) for s, root, o, _props in _rows(graph, ontology)}


def disputed_edges(graph: nx.MultiDiGraph, ontology: Ontology) -> set[tuple[str, str, str]]:
    """The (subject, object, property) edges of ``graph`` (built with negated claims) that take part in a
    dispute: for the view, which marks them."""
    return {(s, o, p) for s, _root, o, props in _rows(graph, ontology) for p in props}


__all__ = ["Dispute", "disputed_edges", "disputed_facts", "disputes"]
