"""The graph for Neo4j: ``neo4j-admin database import`` CSV files and a Cypher script. Takes the networkx graph
of ``analytics.to_networkx`` (one node per entity, one edge per relation with its evidence) and the entities'
aliases and article ids; yields ``nodes.csv`` and ``relationships.csv`` (bytes) or one ``.cypher`` script.

Every entity is a node, with or without relations. A node's labels are its class, the class's ancestors in the
ontology and ``Entity`` (so ``MATCH (o:Organization)`` finds international organisations too); a relationship's
type is the relation's local name in upper snake case (intrudesInto: INTRUDES_INTO), and its properties carry the
evidence: supporting articles, claims, modalities, the highest confidence, the best evidence's sentence and the
articles' ids.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .ontology import Ontology
from .selection import MODALITIES

NODE_FILE = "nodes.csv"
RELATIONSHIP_FILE = "relationships.csv"
ARRAY_DELIMITER = ";"  # neo4j-admin's default for arrays and for :LABEL
NODE_HEADER = ("iri:ID", "name", "aliases:string[]", "class", ":LABEL")
RELATIONSHIP_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "articles:int",
    "claims:int",
    "modality:string[]",
    "confidence:float",
    "sentence",
    "article_ids:string[]",
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Node:
    iri: str
    name: str
    aliases: tuple[str, ...]
    cls: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relationship:
    start: str
    end: str
    type: str
    relation: str
    articles: int
    claims: int
    modality: tuple[str, ...]
    confidence: float | None
    sentence: str
    article_ids: tuple[str, ...]


def relationship_type(relation: str) -> str:
    """A relation's local name as a Neo4j relationship type: intrudesInto -> INTRUDES_INTO."""
    local = re.split(r"[#/]", relation)[-1]
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", local)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper() or "RELATED_TO"


def node_labels(cls: str, ontology: Ontology) -> tuple[str, ...]:
    """The class first, then its ancestors (sorted), then Entity: every node has the label Entity."""
    ancestors = sorted(ontology.superclasses.get(cls, frozenset()) - {cls, "Entity"})
    return (cls, *ancestors, *(("Entity",) if cls != "Entity" else ()))


def _best(evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """The evidence a reader sees first: an affirming one before a denial, then the highest confidence, then
    the latest date (the evidence list comes sorted, so ties fall the same way every run)."""
    return max(evidence, key=lambda e: (e["modality"] != "negated", e["confidence"] or 0.0, e["date"] or ""))


def property_graph(
    graph: nx.MultiDiGraph, ontology: Ontology, aliases: Mapping[str, Iterable[str]], article_ids: Mapping[str, str]
) -> tuple[list[Node], list[Relationship]]:
    """Nodes and relationships, sorted. ``aliases``: entity IRI -> other names; ``article_ids``: article IRI ->
    its identifier (an article without one is named by its IRI's last segment)."""
    nodes = []
    for iri in sorted(graph):
        data = graph.nodes[iri]
        others = sorted(set(aliases.get(iri, ())) - {data["label"]})
        nodes.append(Node(iri, data["label"], tuple(others), data["cls"], node_labels(data["cls"], ontology)))
    relationships = []
    for s, o, prop, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        evidence = data["evidence"]
        confidences = [e["confidence"] for e in evidence if e["confidence"] is not None]
        articles = sorted({article_ids.get(a) or a.rsplit("/", 1)[-1] for a in data["articles"]})
        relationships.append(
            Relationship(
                start=s, end=o, type=relationship_type(prop), relation=prop, articles=data["support"],
                claims=len(evidence), modality=tuple(m for m in MODALITIES if m in data["modality"]),
                confidence=max(confidences) if confidences else None, sentence=_best(evidence)["sentence"],
                article_ids=tuple(articles),
            )
        )  # fmt: skip
    return nodes, relationships


# --- neo4j-admin CSV ----------------------------------------------------------------------------------------


def _array(values: Iterable[str]) -> str:
    # neo4j-admin has no escape for the array delimiter inside an item: it becomes a comma
    return ARRAY_DELIMITER.join(v.replace(ARRAY_DELIMITER, ",") for v in values)


def _csv(header: tuple[str, ...], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # quotes doubled, fields with , " or newlines quoted
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def neo4j_csv(nodes: list[Node], relationships: list[Relationship]) -> dict[str, bytes]:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full`` (sentences may hold
    newlines: import with ``--multiline-fields=true``)."""
    node_rows = ([n.iri, n.name, _array(n.aliases), n.cls, _array(n.labels)] for n in nodes)
    relationship_rows = (
        [r.start, r.end, r.type, r.relation, r.articles, r.claims, _array(r.modality),
         "" if r.confidence is None else r.confidence, r.sentence, _array(r.article_ids)]
        for r in relationships
    )  # fmt: skip
    return {NODE_FILE: _csv(NODE_HEADER, node_rows), RELATIONSHIP_FILE: _csv(RELATIONSHIP_HEADER, relationship_rows)}


def import_command(folder: str) -> str:
    return (
        f"neo4j-admin database import full --nodes={folder}/{NODE_FILE} "
        f"--relationships={folder}/{RELATIONSHIP_FILE} --multiline-fields=true neo4j"
    )


# --- Cypher -------------------------------------------------------------------------------------------------

_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal: backslash escapes for quotes, backslashes and control characters."""
    out = []
    for char in text:
        if char in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A label or relationship type, in backticks where it is not a plain identifier."""
    return name if _IDENTIFIER.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return repr(value)


def _properties(values: Mapping[str, Any], var: str) -> str:
    # no property for a missing value or an empty list, as neo4j-admin reads an empty field
    return ", ".join(f"{var}.{key} = {_value(v)}" for key, v in values.items() if v is not None and v != [])


def cypher_script(nodes: list[Node], relationships: list[Relationship]) -> bytes:
    """One statement per line, for ``cypher-shell -f``: a uniqueness constraint on Entity.iri, a MERGE per node
    and per relationship (running the script twice changes nothing)."""
    lines = [
        "// kgraph graph for Neo4j: cypher-shell -f graph.cypher",
        "CREATE CONSTRAINT kgraph_entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE;",
    ]
    values: dict[str, Any]
    for n in nodes:
        labels = "".join(f":{cypher_name(label)}" for label in n.labels if label != "Entity")
        values = {"name": n.name, "aliases": list(n.aliases), "class": n.cls}
        set_labels = f"n{labels}, " if labels else ""
        lines.append(f"MERGE (n:Entity {{iri: {cypher_string(n.iri)}}}) SET {set_labels}{_properties(values, 'n')};")
    for r in relationships:
        values = {
            "articles": r.articles, "claims": r.claims, "modality": list(r.modality), "confidence": r.confidence,
            "sentence": r.sentence, "article_ids": list(r.article_ids),
        }  # fmt: skip
        lines.append(
            f"MATCH (a:Entity {{iri: {cypher_string(r.start)}}}), (b:Entity {{iri: {cypher_string(r.end)}}}) "
            f"MERGE (a)-[r:{cypher_name(r.type)} {{relation: {cypher_string(r.relation)}}}]->(b) "
            f"SET {_properties(values, 'r')};"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
