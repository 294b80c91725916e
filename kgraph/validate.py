"""SHACL validation. Takes an rdflib Dataset (or a Store) and the ontology; yields a ValidationReport whose
violations carry the offending claim's sentence and article.

The shapes are ontologies/shapes.ttl (pyshacl). Domain and range come from the loaded ontology: its class
hierarchy and each relation's allowed subject and object classes are added to the data as a few plain facts
(the ``kgs:`` vocabulary), so the same shapes check a user's own ontology extensions. kgraph.shapes has them,
and their self-contained form for other SHACL engines (``effective_shapes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, SH, Dataset, Graph, URIRef
from rdflib.term import Node

from .errors import StoreError
from .ontology import Ontology, load_ontology
from .shapes import KG_NS, KGS, SHAPES, claim_types, load_shapes, ontology_facts
from .store import Store
from .vocab import KG, PREFIXES, curie

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
    results: Graph = field(default_factory=Graph, repr=False)  # the SHACL report: every result, none folded

    def turtle(self) -> str:
        """The sh:ValidationReport in Turtle: every result an engine gives with the effective shapes (the text
        leaves out a plain triple's problem that its claim shows)."""
        for prefix, namespace in {**PREFIXES, "sh": SH}.items():
            self.results.bind(prefix, namespace, override=True)
        return self.results.serialize(format="turtle")

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
    return ValidationReport(conforms=bool(conforms) or not errors, violations=violations, results=results, **counts)


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
