"""SHACL validation. Takes an rdflib Dataset (or a Store) and the ontology; yields a ValidationReport whose
violations carry the offending claim's sentence and article.

The shapes are ontologies/shapes.ttl (pyshacl). Domain and range come from the loaded ontology: its class
hierarchy and each relation's allowed subject and object classes are added to the data as a few plain facts
(the ``kgs:`` vocabulary), so the same shapes check a user's own ontology extensions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SH, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import OntologyError, StoreError
from .ontology import ONTOLOGY_DIR, Ontology, PropertyDef, load_ontology
from .store import Store
from .vocab import KG, PREFIXES, curie

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
KGS = Namespace("https://w3id.org/kgraph/shapes#")
KG_NS = str(KG._NS)
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
DCTERMS_ID = URIRef("http://purl.org/dc/terms/identifier")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, tied to the claim it concerns when there is one."""

    message: str
    severity: str  # "Violation" or "Warning"
    focus: str
    path: str | None = None
    value: str | None = None
    claim: str | None = None
    article: str | None = None
    sentence: str | None = None
    claims_affected: int = 0  # for an entity: how many claims use it
    shape: str | None = None  # the SHACL shape that found it


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    claims: int = 0
    entities: int = 0
    articles: int = 0

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]

    def text(self) -> str:
        checked = f"checked {self.articles} articles, {self.claims} claims, {self.entities} entities"
        if not self.violations:
            return f"{checked}: valid"
        lines = [f"{checked}: {len(self.errors)} violations, {len(self.warnings)} warnings"]
        for v in self.violations:
            offending = f" ({curie(v.value) or v.value} is not)" if v.value and v.value != v.focus and v.path else ""
            lines.append(f"{v.severity.lower()}: {curie(v.focus) or v.focus}: {v.message}{offending}")
            if v.claim is not None and v.claim != v.focus:
                used = f", one of {v.claims_affected} claims using it" if v.claims_affected > 1 else ""
                lines.append(f"    in claim {curie(v.claim) or v.claim}{used}")
            if v.claim is not None:
                sentence = f'"{v.sentence}"' if v.sentence is not None else "(no sentence)"
                lines.append(f"    in article {v.article or '?'}: {sentence}")
        return "\n".join(lines)


def _class_names(names: frozenset[str]) -> str:
    ordered = sorted(names)
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " or " + ordered[-1]


def _allowed(prop: PropertyDef, role: str) -> frozenset[str]:
    return (prop.domain if role == "subject" else prop.range) or frozenset({"Entity"})  # none: any entity


def ontology_facts(ontology: Ontology) -> Graph:
    """What the shapes read from the ontology: the class hierarchy, reflexive and transitive (so sh:class
    needs one hop), and which properties are relations."""
    facts = Graph()
    for cls, supers in ontology.superclasses.items():
        for parent in supers | {cls}:
            facts.add((URIRef(KG_NS + cls), RDFS.subClassOf, URIRef(KG_NS + parent)))
    for prop in ontology.properties.values():
        facts.add((URIRef(prop.iri), RDF.type, KGS.Relation))
    return facts


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
    shapes.add((node, SH["or"], Collection(shapes, BNode(), options).uri))


def relation_shapes(ontology: Ontology) -> Graph:
    """Domain and range of every relation, as SHACL core shapes: one for its claims (targets: the claims typed
    ``kgs:{name}Claim`` by ``claim_types``), one for plain triples (targets: the subjects of the relation)."""
    shapes = Graph()
    for prop in ontology.properties.values():
        relation = URIRef(prop.iri)
        claims = KGS[f"{prop.name}ClaimShape"]
        shapes.add((claims, RDF.type, SH.NodeShape))
        shapes.add((claims, SH.targetClass, KGS[f"{prop.name}Claim"]))
        for role, path in (("subject", RDF.subject), ("object", RDF.object)):
            allowed = _allowed(prop, role)
            check = KGS[f"{prop.name}Claim-{role}"]
            shapes.add((claims, SH.property, check))
            shapes.add((check, SH.path, path))
            _class_constraint(shapes, check, allowed)
            message = f"the {role} of a kg:{prop.name} claim must be of class {_class_names(allowed)}"
            shapes.add((check, SH.message, Literal(message, lang="en")))
        triples = KGS[f"{prop.name}Triple"]
        shapes.add((triples, RDF.type, SH.NodeShape))
        shapes.add((triples, SH.targetSubjectsOf, relation))
        _class_constraint(shapes, triples, _allowed(prop, "subject"))
        message = f"cannot be the subject of kg:{prop.name}: must be of class {_class_names(_allowed(prop, 'subject'))}"
        shapes.add((triples, SH.message, Literal(message, lang="en")))
        objects = KGS[f"{prop.name}Triple-object"]
        shapes.add((triples, SH.property, objects))
        shapes.add((objects, SH.path, relation))
        _class_constraint(shapes, objects, _allowed(prop, "object"))
        message = f"the object of kg:{prop.name} must be of class {_class_names(_allowed(prop, 'object'))}"
        shapes.add((objects, SH.message, Literal(message, lang="en")))
    return shapes


def claim_types(data: Graph, ontology: Ontology) -> Graph:
    """Each claim typed by its relation (a claim of kg:attacks is a kgs:attacksClaim): the target of the
    generated domain and range shapes, so each claim is checked against its own relation only."""
    types = Graph()
    relations = {URIRef(p.iri): KGS[f"{p.name}Claim"] for p in ontology.properties.values()}
    for claim, prop in data.subject_objects(RDF.predicate):
        if prop in relations and (claim, RDF.type, KG.Claim) in data:
            types.add((claim, RDF.type, relations[prop]))  # type: ignore[index]
    return types


def load_shapes(ontology: Ontology, path: str | Path = SHAPES) -> Graph:
    """shapes.ttl plus the domain and range shapes generated from the ontology."""
    shapes = Graph()
    try:
        shapes.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise OntologyError(f"cannot read SHACL shapes {path}: {str(exc).strip().splitlines()[0]}") from exc
    return shapes + relation_shapes(ontology)


def _union(source: Dataset | Store) -> Graph:
    union = Graph()
    quads = source.quads() if isinstance(source, Store) else source.quads((None, None, None, None))
    for s, p, o, _ in quads:
        union.add((s, p, o))
    return union


def validate(
    source: Dataset | Store, ontology: Ontology | None = None, *, shapes: str | Path = SHAPES
) -> ValidationReport:
    """Check the graph against the shapes; every violation names its claim, article and sentence."""
    import pyshacl  # imported on use: only validation needs it

    ontology = ontology or load_ontology()
    data = _union(source)
    counts = {
        "claims": len(set(data.subjects(RDF.type, KG.Claim))),
        "articles": len(set(data.subjects(RDF.type, KG.Article))),
        "entities": len(set(data.objects(None, RDF.subject)) | set(data.objects(None, RDF.object))),
    }
    data += ontology_facts(ontology)
    data += claim_types(data, ontology)
    try:
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=load_shapes(ontology, shapes), inference="none", allow_warnings=True
        )
    except Exception as exc:  # pyshacl reports broken shapes with its own exception types
        raise StoreError(f"SHACL validation failed to run: {exc}") from exc
    found = [_violation(data, results, r) for r in results.subjects(RDF.type, SH.ValidationResult)]
    violations = sorted(
        (v for v in found if not _covered_by_claim(data, v)),
        key=lambda v: (v.severity != "Violation", v.article or "", v.claim or v.focus, v.message),
    )
    errors = any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=bool(conforms) or not errors, violations=violations, **counts)


def _is_triple_shape(shape: object) -> bool:
    """Generated by relation_shapes for plain triples: kgs:{name}Triple, kgs:{name}Triple-object."""
    return isinstance(shape, str) and shape.startswith(str(KGS)) and "Triple" in shape


def _covered_by_claim(data: Graph, violation: Violation) -> bool:
    """A plain triple's problem that one of its claims already shows (with the sentence) is not repeated."""
    shape = violation.shape or ""
    if not _is_triple_shape(shape):
        return False
    relation = URIRef(KG_NS + shape[len(str(KGS)) :].split("Triple", 1)[0])
    for claim in data.subjects(RDF.subject, URIRef(violation.focus)):
        if data.value(claim, RDF.predicate) != relation:
            continue
        if violation.path is None or str(data.value(claim, RDF.object)) == violation.value:
            return True
    return False


def _text(graph: Graph, node: Node, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def _violation(data: Graph, results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    severity = str(results.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
    shape = results.value(result, SH.sourceShape)
    message = str(results.value(result, SH.resultMessage) or "does not conform")
    message = _compact_message(message)
    claim: Any = None
    affected = 0
    if (focus, RDF.type, KG.Claim) in data:
        claim = focus
    elif focus is not None and not _is_triple_shape(shape):
        # an entity's own problem (type, label): show the first claim that uses it
        using = sorted(set(data.subjects(RDF.subject, focus)) | set(data.subjects(RDF.object, focus)), key=str)
        affected = len(using)
        claim = using[0] if using else None
    article = None
    if claim is not None:
        source = data.value(claim, PROV_DERIVED)
        article = _text(data, source, DCTERMS_ID) if source is not None else None
        article = article or (curie(str(source)) or str(source) if source is not None else None)
    return Violation(
        message=message,
        severity=severity,
        focus=str(focus),
        path=str(path) if path is not None else None,
        value=str(value) if value is not None else None,
        claim=str(claim) if claim is not None else None,
        article=article,
        sentence=_text(data, claim, KG.evidence) if claim is not None else None,
        claims_affected=affected,
        shape=str(shape) if isinstance(shape, URIRef) else None,
    )


def _compact_message(message: str) -> str:
    """pyshacl writes IRIs in messages as <...> or as full IRIs: shorten them with our prefixes."""
    for prefix, ns in PREFIXES.items():
        message = message.replace(f"<{ns}", f"{prefix}:").replace(str(ns), f"{prefix}:")
    return message.replace(">", "") if "<" not in message else message
