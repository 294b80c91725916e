"""Namespaces: our ontology as a closed vocabulary (a misspelled term fails at once), the prefix map, and CURIEs
(prefixed names) made from it."""

import re
from collections.abc import Mapping

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kgraph/"
KGE = Namespace(BASE + "entity/")
KGA = Namespace(BASE + "article/")
KGG = Namespace(BASE + "graph/")
KGC = Namespace(BASE + "claim/")
KGM = Namespace(BASE + "mention/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """Terms of ontologies/kgraph.ttl that the code uses by name."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Country: URIRef
    InternationalOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    MilitaryAsset: URIRef
    Event: URIRef
    Location: URIRef
    Article: URIRef
    Claim: URIRef
    Modality: URIRef
    # modality individuals
    Asserted: URIRef
    Negated: URIRef
    Hedged: URIRef
    Reported: URIRef
    # annotations read by the view
    viewFamily: URIRef
    viewColour: URIRef
    # annotations read by the extractor
    trigger: URIRef
    inverseTrigger: URIRef
    presupposingTrigger: URIRef
    titleTrigger: URIRef
    agentNoun: URIRef
    descriptor: URIRef
    organNoun: URIRef
    membersCalled: URIRef
    formerly: URIRef
    forPersons: URIRef
    genericObject: URIRef
    eventAgent: URIRef
    eventTarget: URIRef
    eventNoun: URIRef
    namePattern: URIRef
    namePrefix: URIRef
    StaticRelation: URIRef
    territoryNoun: URIRef
    demonym: URIRef
    metonym: URIRef
    metonymFor: URIRef
    nerLabel: URIRef
    cameo: URIRef
    plover: URIRef
    wikidataProperty: URIRef
    # provenance written on claims
    modality: URIRef
    evidence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    charStart: URIRef
    charEnd: URIRef
    rule: URIRef
    confidence: URIRef
    reason: URIRef
    cue: URIRef
    reportedBy: URIRef
    eventDate: URIRef
    unresolved: URIRef
    Mention: URIRef
    denotedBy: URIRef
    anchorOf: URIRef
    inTitle: URIRef
    linkedBy: URIRef
    metonymy: URIRef
    # root properties the code reasons about
    hostileTowards: URIRef
    cooperatesWith: URIRef


# our rdf:types that are not entities of the graph: provenance nodes
NOT_ENTITIES = frozenset({"Claim", "Article", "Modality", "Mention"})

PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG._NS)),
    "kge": KGE,
    "kga": KGA,
    "kgg": KGG,
    "kgc": KGC,
    "kgm": KGM,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "schema": SCHEMA,
    "wd": WD,
}


def bind_prefixes(graph) -> None:  # type: ignore[no-untyped-def]
    """Bind the project's prefixes on an rdflib Graph or Dataset (override=True beats rdflib's defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


# SPARQL/Turtle's PN_LOCAL without escapes: no "/", "?", "#", and no "." at either end
_PN_LOCAL = re.compile(r"(?:[\w:]|[^\x00-\x7f])(?:(?:[\w:.-]|[^\x00-\x7f])*(?:[\w:-]|[^\x00-\x7f]))?")


def curie(iri: str, prefixes: Mapping[str, str] | None = None, *, strict: bool = False) -> str | None:
    """``kge:Russia`` for an IRI under a namespace of ``prefixes`` (default: ours; the longest namespace wins),
    or None. Callers say what an unknown IRI becomes: ``<iri>`` in a table, the bare IRI in a message.
    ``strict``: only a prefixed name SPARQL and Turtle can read back (``kge:Organization/X`` is not one)."""
    known = prefixes if prefixes is not None else PREFIXES
    best = max(
        ((str(ns), p) for p, ns in known.items() if iri.startswith(str(ns))), key=lambda m: len(m[0]), default=None
    )
    if best is None:
        return None
    local = iri[len(best[0]) :]
    if strict and local and not _PN_LOCAL.fullmatch(local):
        return None
    return f"{best[1]}:{local}"
