"""rdflib -> networkx: entities as nodes, asserted relations as edges carrying their evidence."""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import RDF, SKOS, Dataset, URIRef

from .vocab import KG

KG_NS = str(KG._NS)
CLAIM_EDGES = """
SELECT ?s ?p ?o ?evidence ?article ?modality ?conf WHERE {
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?modality ;
     kg:evidence ?evidence ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?c kg:confidence ?conf }
}
"""


def to_networkx(dataset: Dataset, *, modality: str = "asserted") -> nx.MultiDiGraph:
    """One node per entity (class, label), one edge per (subject, property, object) with its claims."""
    from .query import run_query

    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for entity, cls in dataset.subject_objects(RDF.type):
        if isinstance(cls, URIRef) and str(cls).startswith(KG_NS) and str(cls) not in (KG.Claim, KG.Article):
            label = dataset.value(entity, SKOS.prefLabel)
            graph.add_node(str(entity), cls=str(cls)[len(KG_NS) :], label=str(label or entity))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in run_query(dataset, CLAIM_EDGES):
        s, p, o, evidence, article, mod, conf = (row[i] for i in range(7))  # type: ignore[index]
        mod_name = str(mod).rsplit("#", 1)[-1].lower()
        if modality != "all" and mod_name != modality:
            continue
        key = (str(s), str(p)[len(KG_NS) :], str(o))
        edge = edges.setdefault(key, {"property": key[1], "evidence": [], "articles": set(), "modality": set()})
        edge["evidence"].append(
            {
                "sentence": str(evidence),
                "article": str(article),
                "modality": mod_name,
                "confidence": float(conf) if conf is not None else None,
            }
        )
        edge["articles"].add(str(article))
        edge["modality"].add(mod_name)
    for (s, prop, o), data in edges.items():
        for node in (s, o):
            if node not in graph:
                graph.add_node(node, cls="Entity", label=node.rsplit("/", 1)[-1])
        data["support"] = len(data["articles"])
        graph.add_edge(s, o, key=prop, **data)
    return graph
