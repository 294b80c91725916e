"""The effective SHACL shapes: ontologies/shapes.ttl plus the domain and range of every relation of the loaded
ontology, in SHACL core that any engine (pyshacl, Jena, TopBraid) checks on kgraph's data alone.

shapes.ttl speaks of classes (``sh:class kg:Entity``) whose subclasses a graph does not state, and of
``kgs:Relation``, which no graph types; a relation's claims are told apart only by their ``rdf:predicate``. So
the shapes are made self-contained: ``sh:class C`` becomes ``sh:or`` over C and its subclasses, ``sh:class
kgs:Relation`` the list of the ontology's relations (``sh:in``), and each relation's claim shape says "a claim
of another relation, or one whose subject (object) is of the relation's domain (range)". ``kgraph validate
--shapes-out FILE`` writes this graph; ``kgraph validate`` checks with it.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import OntologyError
from .fsutil import atomic_write_bytes
from .ontology import ONTOLOGY_DIR, Ontology, PropertyDef
from .vocab import KG, PREFIXES

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
KGS = Namespace("https://w3id.org/kgraph/shapes#")
KG_NS = str(KG._NS)
ROLES = (("subject", RDF.subject), ("object", RDF.object))


def _class_names(names: frozenset[str]) -> str:
    ordered = sorted(names)
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " or " + ordered[-1]


def allowed(prop: PropertyDef, role: str) -> frozenset[str]:
    """The classes a relation's subject (domain) or object (range) may have; none declared: any entity."""
    return (prop.domain if role == "subject" else prop.range) or frozenset({"Entity"})


def _list(shapes: Graph, items: list[Node]) -> Node:
    return Collection(shapes, BNode(), items).uri


def _class_constraint(shapes: Graph, node: Node, classes: frozenset[str]) -> None:
    """``node`` must be an instance of one of ``classes`` (sh:class, or sh:or of them)."""
    if len(classes) == 1:
        shapes.add((node, SH["class"], URIRef(KG_NS + next(iter(classes)))))
        return
    options: list[Node] = []
    for cls in sorted(classes):
        option = BNode()
        shapes.add((option, SH["class"], URIRef(KG_NS + cls)))
        options.append(option)
    shapes.add((node, SH["or"], _list(shapes, options)))


def claim_message(prop: PropertyDef, role: str) -> str:
    return f"the {role} of a kg:{prop.name} claim must be of class {_class_names(allowed(prop, role))}"


def ontology_facts(ontology: Ontology) -> Graph:
    """What the typed shapes read from the ontology, added to the data by ``kgraph validate``: the class
    hierarchy, reflexive and transitive (so sh:class needs one hop), and which properties are relations."""
    facts = Graph()
    for cls, supers in ontology.superclasses.items():
        for parent in supers | {cls}:
            facts.add((URIRef(KG_NS + cls), RDFS.subClassOf, URIRef(KG_NS + parent)))
    for prop in ontology.properties.values():
        facts.add((URIRef(prop.iri), RDF.type, KGS.Relation))
    return facts


def claim_types(data: Graph, ontology: Ontology) -> Graph:
    """Each claim typed by its relation (a claim of kg:attacks is a kgs:attacksClaim), added to the data by
    ``kgraph validate``: the target of the typed claim shapes, so each claim is checked against its own relation
    only (checking every claim against every relation, as the self-contained shapes do, is ten times slower)."""
    types = Graph()
    relations = {URIRef(p.iri): KGS[f"{p.name}Claim"] for p in ontology.properties.values()}
    for claim, prop in data.subject_objects(RDF.predicate):
        if prop in relations and (claim, RDF.type, KG.Claim) in data:
            types.add((claim, RDF.type, relations[prop]))  # type: ignore[index]
    return types


def _claim_shapes(shapes: Graph, prop: PropertyDef, *, typed: bool) -> None:
    """kgs:{name}Claim-{role}: the subject (object) of a claim of ``prop`` has a class its domain (range)
    allows. Typed: a property shape of kgs:{name}ClaimShape, whose targets are the claims ``claim_types``
    typed; self-contained: a node shape on every kg:Claim that passes a claim of another relation."""
    relation = URIRef(prop.iri)
    claims = KGS[f"{prop.name}ClaimShape"]
    if typed:
        shapes.add((claims, RDF.type, SH.NodeShape))
        shapes.add((claims, SH.targetClass, KGS[f"{prop.name}Claim"]))
    for role, path in ROLES:
        check = KGS[f"{prop.name}Claim-{role}"]
        shapes.add((check, SH.message, Literal(claim_message(prop, role), lang="en")))
        if typed:
            shapes.add((claims, SH.property, check))
            shapes.add((check, SH.path, path))
            _class_constraint(shapes, check, allowed(prop, role))
            continue
        shapes.add((check, RDF.type, SH.NodeShape))
        shapes.add((check, SH.targetClass, KG.Claim))
        other, of_relation, classed = BNode(), BNode(), BNode()
        shapes.add((other, SH["not"], of_relation))  # not a claim of this relation
        shapes.add((of_relation, SH.path, RDF.predicate))
        shapes.add((of_relation, SH.hasValue, relation))
        shapes.add((classed, SH.path, path))
        _class_constraint(shapes, classed, allowed(prop, role))
        shapes.add((check, SH["or"], _list(shapes, [other, classed])))


def relation_shapes(ontology: Ontology, *, typed: bool = False) -> Graph:
    """Domain and range of every relation, as SHACL core shapes: for its claims (``_claim_shapes``) and for
    plain triples (kgs:{name}Triple, targets: the subjects of the relation)."""
    shapes = Graph()
    for prop in ontology.properties.values():
        _claim_shapes(shapes, prop, typed=typed)
        relation = URIRef(prop.iri)
        triples = KGS[f"{prop.name}Triple"]
        shapes.add((triples, RDF.type, SH.NodeShape))
        shapes.add((triples, SH.targetSubjectsOf, relation))
        _class_constraint(shapes, triples, allowed(prop, "subject"))
        message = f"cannot be the subject of kg:{prop.name}: must be of class {_class_names(allowed(prop, 'subject'))}"
        shapes.add((triples, SH.message, Literal(message, lang="en")))
        objects = KGS[f"{prop.name}Triple-object"]
        shapes.add((triples, SH.property, objects))
        shapes.add((objects, SH.path, relation))
        _class_constraint(shapes, objects, allowed(prop, "object"))
        message = f"the object of kg:{prop.name} must be of class {_class_names(allowed(prop, 'object'))}"
        shapes.add((objects, SH.message, Literal(message, lang="en")))
    return shapes


def _self_contained(shapes: Graph, ontology: Ontology) -> None:
    """Rewrite, in place, what only holds with the ontology beside the data: ``sh:class`` of a class with
    subclasses becomes ``sh:or`` over the class and its subclasses (as sh:class would read an rdfs:subClassOf
    hierarchy in the data), ``sh:class kgs:Relation`` the ontology's relations."""
    relations = sorted(URIRef(p.iri) for p in ontology.properties.values())
    subclasses: dict[str, set[str]] = {}
    for cls, supers in ontology.superclasses.items():
        for parent in supers | {cls}:
            subclasses.setdefault(parent, set()).add(cls)
    for node, target in list(shapes.subject_objects(SH["class"])):
        if target == KGS.Relation:
            shapes.remove((node, SH["class"], target))
            shapes.add((node, SH["in"], _list(shapes, list(relations))))
            continue
        name = str(target)[len(KG_NS) :] if str(target).startswith(KG_NS) else None
        below = subclasses.get(name or "", set())
        if name is not None and below - {name}:
            shapes.remove((node, SH["class"], target))
            _class_constraint(shapes, node, frozenset(below))


def _read(path: str | Path) -> Graph:
    shapes = Graph()
    try:
        shapes.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise OntologyError(f"cannot read SHACL shapes {path}: {str(exc).strip().splitlines()[0]}") from exc
    return shapes


def load_shapes(ontology: Ontology, path: str | Path = SHAPES) -> Graph:
    """What ``kgraph validate`` runs: shapes.ttl (or ``path``) plus the typed relation shapes, for data with
    ``ontology_facts`` and ``claim_types`` added."""
    return _read(path) + relation_shapes(ontology, typed=True)


def effective_shapes(ontology: Ontology, path: str | Path = SHAPES) -> Graph:
    """The same shapes, self-contained (``_self_contained``, relation shapes on every claim): another SHACL
    engine gives ``kgraph validate``'s verdict with them on the data alone. ``--shapes-out`` writes them."""
    shapes = _read(path) + relation_shapes(ontology)
    _self_contained(shapes, ontology)
    for prefix, namespace in {**PREFIXES, "sh": SH, "kgs": KGS, "rdfs": RDFS}.items():
        shapes.bind(prefix, namespace, override=True)
    return shapes


def write_shapes(path: str | Path, ontology: Ontology, shapes: str | Path = SHAPES) -> int:
    """Write the effective shapes to ``path`` as Turtle (atomically); returns their triple count."""
    graph = effective_shapes(ontology, shapes)
    header = b"# kgraph's effective SHACL shapes (kgraph validate --shapes-out): SHACL core, for the data alone\n"
    atomic_write_bytes(path, header + graph.serialize(format="turtle").encode("utf-8"))
    return len(graph)
