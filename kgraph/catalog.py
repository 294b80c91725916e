"""What a graph knows about its entities: labels, classes, how often claims use them, and which ones were
minted from text rather than found in the ontology (the review list for curators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Literal

from .sources import Source

ENTITIES = """
SELECT ?e ?label ?cls (SAMPLE(?u) AS ?unresolved) (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?a) AS ?articles)
WHERE {
  ?e a ?cls ; skos:prefLabel ?label .
  FILTER (STRSTARTS(STR(?cls), STR(kg:)) && ?cls NOT IN (kg:Claim, kg:Article))
  OPTIONAL { ?e kg:unresolved ?u }
  OPTIONAL { { ?c rdf:subject ?e } UNION { ?c rdf:object ?e } ?c prov:wasDerivedFrom ?a }
  FILTER (!?only_unresolved || BOUND(?u))
}
GROUP BY ?e ?label ?cls
ORDER BY DESC(?claims) ?label
"""


@dataclass(frozen=True, slots=True)
class EntityRow:
    iri: str
    label: str
    cls: str
    unresolved: bool
    claims: int
    articles: int


def list_entities(source: Source, *, unresolved_only: bool = False) -> list[EntityRow]:
    rows: Any = source.query(ENTITIES, {"only_unresolved": Literal(unresolved_only)})
    return [
        EntityRow(
            iri=str(row.e),
            label=str(row.label),
            cls=str(row.cls).rsplit("#", 1)[-1],
            unresolved=row.unresolved is not None,
            claims=int(row.claims),
            articles=int(row.articles),
        )
        for row in rows
    ]
