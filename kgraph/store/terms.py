"""RDF terms between rdflib and Oxigraph, and Oxigraph query answers as rdflib Results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from ..errors import StoreError
from ..vocab import bind_prefixes

_XSD_STRING = str(XSD.string)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def to_oxigraph(node: Node, bnodes: dict[BNode, ox.BlankNode] | None = None) -> Any:
    """rdflib term -> Oxigraph term. Blank nodes map through ``bnodes`` so one rdflib BNode stays one node."""
    if isinstance(node, URIRef):
        try:
            return ox.NamedNode(str(node))
        except ValueError as exc:
            raise StoreError(f"not a valid IRI: <{node}> ({first_line(exc)})") from exc
    if isinstance(node, Literal):
        try:
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        except ValueError as exc:  # a malformed language tag or datatype IRI
            raise StoreError(f"not a valid RDF literal: {node.n3()} ({first_line(exc)})") from exc
    if isinstance(node, BNode):
        if bnodes is None:
            return ox.BlankNode(str(node))
        if node not in bnodes:
            bnodes[node] = ox.BlankNode()
        return bnodes[node]
    raise StoreError(f"cannot store RDF term {node!r}")


def from_oxigraph(term: Any) -> Node:
    """Oxigraph term -> rdflib term (plain xsd:string literals become rdflib's plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise StoreError(f"RDF term not supported by kgraph: {term!r}")  # RDF 1.2 triple terms


def oxigraph_converter(bnodes: dict[BNode, ox.BlankNode] | None = None) -> Callable[[Node], Any]:
    """``to_oxigraph`` converting each distinct term once (predicates and classes repeat hundreds of times)."""
    cache: dict[Node, Any] = {}

    def term(node: Node) -> Any:
        found = cache.get(node)
        if found is None:
            found = cache[node] = to_oxigraph(node, bnodes)
        return found

    return term


def rdflib_converter() -> Callable[[Any], Node]:
    """Oxigraph term -> rdflib term, converting each distinct term once (entities repeat across quads)."""
    cache: dict[Any, Node] = {}

    def term(value: Any) -> Node:
        found = cache.get(value)
        if found is None:
            found = cache[value] = from_oxigraph(value)
        return found

    return term


def to_result(answer: Any) -> Result:
    """An Oxigraph answer -> an rdflib Result (so kgraph.query.format_result works for every source)."""
    term = rdflib_converter()

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        graph = Graph()
        bind_prefixes(graph)
        for t in answer:
            graph.add((term(t.subject), term(t.predicate), term(t.object)))
        result = Result("CONSTRUCT")
        result.graph = graph
        return result
    variables = [Variable(v.value) for v in answer.variables]
    rows = []
    for solution in answer:
        row = {}
        for i, var in enumerate(variables):
            value = solution[i]
            if value is not None:
                row[var] = term(value)
        rows.append(row)
    result = Result("SELECT")
    result.vars = variables
    result.bindings = rows  # type: ignore[assignment]
    return result
