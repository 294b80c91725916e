"""rdflib -> networkx, and the analyses analysts ask for. Takes a graph (an rdflib Dataset or any source with
``.query``); yields a MultiDiGraph with entities as nodes (``cls``, ``label``) and one edge per
(subject, property, object) carrying its evidence, plus neighbours, paths, centrality, communities, statistics,
the claims behind a fact, and entity names resolved by label or alias.

Edges come from claim nodes, so every edge can show the sentences and articles behind it; by default only
asserted claims make edges (the same facts plain SPARQL sees).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from rdflib import DCTERMS, PROV, RDF, SKOS, Dataset, Literal, URIRef
from rdflib.query import Result

from .errors import InputError
from .ontology import Ontology
from .query import Queryable, parse_term, prefix_map, run_query
from .selection import MODALITIES, in_period, modality_set
from .vocab import KG, NOT_ENTITIES, curie

KG_NS = str(KG._NS)
CENTRALITY = ("degree", "pagerank", "betweenness")
EXACT_BETWEENNESS = 1000  # entities; above this, betweenness is estimated from BETWEENNESS_SAMPLES sources
BETWEENNESS_SAMPLES = 500

# The SPARQL path (stores, endpoints) and the triple-pattern path (in-memory Datasets) read the same columns.
# skos:prefLabel+ is one step (labels are literals) but yields each label once where Oxigraph 0.5 repeats a triple
# per article graph holding it (see kgraph/queries/*.rq).
ENTITY_ROWS = """
SELECT DISTINCT ?e ?cls ?label WHERE {
  ?e a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(kg:)))
  OPTIONAL { ?e skos:prefLabel+ ?label }
}
"""
CLAIM_ROWS = """
SELECT ?claim ?s ?p ?o ?evidence ?article ?modality ?conf ?date WHERE {
  ?claim a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?modality ;
         kg:evidence ?evidence ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?claim kg:confidence ?conf }
  OPTIONAL { ?claim kg:eventDate ?eventDate }
  OPTIONAL { ?article dcterms:date ?articleDate }
  BIND(COALESCE(?eventDate, ?articleDate) AS ?date)
}
"""
# the details `why` prints, for one subject and object (bound); never run over the whole graph
CLAIM_DETAILS = """
SELECT ?claim ?p ?modality ?evidence ?article ?title ?date ?eventDate ?cue ?source ?sourceLabel ?conf ?rule
       ?start ?end ?url WHERE {
  ?claim a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?modality ;
         kg:evidence ?evidence ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?claim kg:eventDate ?eventDate }
  OPTIONAL { ?claim kg:cue ?cue }
  OPTIONAL { ?claim kg:reportedBy ?source OPTIONAL { ?source skos:prefLabel+ ?sourceLabel } }
  OPTIONAL { ?claim kg:confidence ?conf }
  OPTIONAL { ?claim kg:rule ?rule }
  OPTIONAL { ?claim kg:charStart ?start }
  OPTIONAL { ?claim kg:charEnd ?end }
  OPTIONAL { ?article dcterms:source ?url }
}
"""
ARTICLE_ROWS = """
SELECT ?article ?title ?date ?url ?id WHERE {
  ?article a kg:Article .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:date ?date }
  OPTIONAL { ?article dcterms:source ?url }
  OPTIONAL { ?article dcterms:identifier ?id }
}
"""
NAME_ROWS = """
SELECT ?e ?name WHERE { ?e skos:prefLabel|skos:altLabel|rdfs:label ?name }
"""


class DatasetQueryable:
    """An rdflib Dataset as a Queryable."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result:
        return run_query(self.dataset, sparql, bindings)


def _text(term: Any) -> str | None:
    return None if term is None else str(term)


# --- building the graph -------------------------------------------------------------------------------------


def _assemble(
    entity_rows: Iterable[tuple[Any, Any, Any]],
    claim_rows: Iterable[tuple[Any, ...]],
    modality: str | Iterable[str],
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Rows -> graph. Rows are sorted first so that the graph (and every tie in an analysis) is the same in
    every run: rdflib hands back set-ordered rows, and set order changes with Python's hash seed."""
    chosen = modality_set(modality)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for entity, cls, label in sorted((str(e), str(c), _text(lb) or "") for e, c, lb in entity_rows):
        name = cls[len(KG_NS) :] if cls.startswith(KG_NS) else ""
        if not name or name in NOT_ENTITIES:
            continue
        if entity not in graph or (label and graph.nodes[entity]["label"] == entity):
            graph.add_node(entity, cls=name, label=label or entity)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    rows = sorted(
        (str(s), str(p), str(o), str(ev), str(a), str(m), _text(conf), str(c), _text(when) or "")
        for c, s, p, o, ev, a, m, conf, when in claim_rows
    )
    for s, p, o, evidence, article, mod, conf, claim, when in rows:
        mod_name = mod.rsplit("#", 1)[-1].lower()
        if mod_name not in chosen or not in_period(when, since, until):
            continue
        key = (s, p[len(KG_NS) :] if p.startswith(KG_NS) else p, o)
        edge = edges.setdefault(key, {"property": key[1], "evidence": [], "articles": set(), "modality": set()})
        edge["evidence"].append(
            {
                "sentence": evidence,
                "article": article,
                "modality": mod_name,
                "confidence": float(conf) if conf is not None else None,
                "claim": claim,
                "date": when or None,
            }
        )
        edge["articles"].add(article)
        edge["modality"].add(mod_name)
    for (s, prop, o), data in edges.items():
        for node in (s, o):
            if node not in graph:
                graph.add_node(node, cls="Entity", label=node.rsplit("/", 1)[-1])
        data["support"] = support(data["evidence"])
        graph.add_edge(s, o, key=prop, **data)
    return graph


def support(evidence: Iterable[Mapping[str, Any]]) -> int:
    """The distinct articles behind an edge. A denial is no support: where an edge has affirming evidence too,
    only the affirming articles count; an edge of denials alone counts its denying articles."""
    items = list(evidence)
    affirming = {ev["article"] for ev in items if ev["modality"] != "negated"}
    return len(affirming) if affirming else len({ev["article"] for ev in items})


def _dataset_claim_rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
    """CLAIM_ROWS by triple patterns: one pass per predicate is ~10x faster than the SPARQL join in rdflib."""
    columns = [
        dict(dataset.subject_objects(pred))
        for pred in (RDF.subject, RDF.predicate, RDF.object, KG.evidence, PROV.wasDerivedFrom, KG.modality)
    ]
    confidence = dict(dataset.subject_objects(KG.confidence))
    event_date = dict(dataset.subject_objects(KG.eventDate))
    article_date = dict(dataset.subject_objects(DCTERMS.date))
    for claim in set(dataset.subjects(RDF.type, KG.Claim)):
        values = [col.get(claim) for col in columns]
        if all(v is not None for v in values):
            article = values[4]
            when = event_date.get(claim) or (article_date.get(article) if article is not None else None)
            yield (claim, *values[:5], values[5], confidence.get(claim), when)


def to_networkx(
    dataset: Dataset, *, modality: str | Iterable[str] = "asserted", since: str | None = None, until: str | None = None
) -> nx.MultiDiGraph:
    """One node per entity (cls, label), one edge per (subject, property, object) with its claims: edge
    attributes property, evidence (sentence, article, modality, confidence, claim, date), articles, modality
    and support (distinct articles, denials not counted where others affirm). ``modality``: one name or several
    of asserted (default), hedged, negated, reported, or all. ``since``/``until`` keep claims dated (event date,
    else article date) in that period, as ``kgraph.selection.in_period`` reads it.
    """
    entity_rows = ((e, c, dataset.value(e, SKOS.prefLabel)) for e, c in dataset.subject_objects(RDF.type))
    return _assemble(entity_rows, _dataset_claim_rows(dataset), modality, since, until)


def graph_from_source(
    source: Queryable,
    *,
    modality: str | Iterable[str] = "asserted",
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """The same graph as ``to_networkx`` from any source: in memory by triple patterns, otherwise by SPARQL."""
    dataset = getattr(source, "dataset", None)
    from .sources import FileSource  # sources imports query; importing it here keeps the stages one-way

    if isinstance(source, DatasetQueryable):
        return to_networkx(source.dataset, modality=modality, since=since, until=until)
    if isinstance(source, FileSource) and callable(dataset):
        return to_networkx(dataset(), modality=modality, since=since, until=until)
    entity_rows = ((r[0], r[1], r[2]) for r in source.query(ENTITY_ROWS))  # type: ignore[index]
    claim_rows = (tuple(r) for r in source.query(CLAIM_ROWS))  # type: ignore[arg-type]
    return _assemble(entity_rows, claim_rows, modality, since, until)  # type: ignore[arg-type]


def as_queryable(graph: Dataset | Queryable) -> Queryable:
    return DatasetQueryable(graph) if isinstance(graph, Dataset) else graph


# --- naming entities ----------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class EntityIndex:
    """Entity names (labels and aliases, case-insensitive) -> IRIs, from the graph and the ontology."""

    names: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> IRIs
    spelled: dict[str, str] = field(default_factory=dict)  # normalised name -> a spelling, for suggestions
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> display label
    classes: dict[str, str] = field(default_factory=dict)  # IRI -> class local name
    present: set[str] = field(default_factory=set)  # IRIs that are nodes of the graph
    prefixes: dict[str, str] = field(default_factory=prefix_map)

    def add(self, iri: str, name: str) -> None:
        if name.strip():
            self.names.setdefault(_norm(name), set()).add(iri)
            self.spelled.setdefault(_norm(name), " ".join(name.split()))

    @classmethod
    def build(
        cls, graph: nx.MultiDiGraph, source: Queryable | None = None, ontology: Ontology | None = None
    ) -> EntityIndex:
        """Names from the graph's nodes, its skos:altLabel/rdfs:label (when ``source`` is given) and the
        ontology's individuals (label and aliases)."""
        index = cls()
        for node, data in graph.nodes(data=True):
            index.present.add(node)
            index.labels[node] = data.get("label", node)
            index.classes[node] = data.get("cls", "Entity")
            index.add(node, data.get("label", ""))
        if source is not None:
            for row in source.query(NAME_ROWS):
                iri, name = str(row[0]), str(row[1])  # type: ignore[index]
                if iri in index.present:
                    index.add(iri, name)
        if ontology is not None:
            for ind in ontology.individuals.values():
                index.labels.setdefault(ind.iri, ind.label)
                index.classes.setdefault(ind.iri, ind.cls)
                for name in (ind.label, *ind.aliases, *ind.metonyms):  # "the Kremlin" names Russia too
                    index.add(ind.iri, name)
        return index

    def describe(self, iri: str) -> str:
        short = curie(iri, self.prefixes) or f"<{iri}>"
        return f"{self.labels.get(iri, iri)} ({short}, {self.classes.get(iri, 'Entity')})"

    def candidates(self, name: str, *, partial: bool = True) -> list[str]:
        """IRIs that ``name`` may mean: exact label/alias matches; failing those, names that contain it as
        whole words ("Putin" -> Vladimir Putin)."""
        key = _norm(name)
        # "the Élysée" and "Élysée", "Pentagon" and "the Pentagon": news writes names with and without the article
        exact = self.names.get(key) or self.names.get(key.removeprefix("the ")) or self.names.get(f"the {key}", set())
        if exact or not partial or not key:
            return sorted(exact)
        pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        return sorted({iri for n, iris in self.names.items() if pattern.search(n) for iri in iris})

    def _term(self, name: str) -> str | None:
        """An IRI as it is, written as <...>, or a prefixed name."""
        text = name.strip()
        if text in self.present:  # a node's IRI as it is
            return text
        if text.startswith("<") or (":" in text and text.split(":", 1)[0] in self.prefixes):
            term = parse_term(text, self.prefixes)
            return str(term) if isinstance(term, URIRef) else None
        return None

    def resolve(self, name: str, *, in_graph: bool = True, partial: bool = True) -> str:
        """The one entity ``name`` means, or InputError: unknown (with suggestions) or ambiguous (with the
        candidates). With ``in_graph``, an entity the ontology knows but the graph lacks is an error too."""
        iri = self._term(name)
        if iri is None:
            found = self.candidates(name, partial=partial)
            if len(found) > 1:  # prefer what the graph holds over ontology-only namesakes
                found = [i for i in found if i in self.present] or found
            if len(found) > 1:
                listing = "; ".join(self.describe(i) for i in found)
                raise InputError(f"{name!r} is ambiguous: {listing}. Use the full name or the IRI.")
            if not found:
                close = difflib.get_close_matches(_norm(name), list(self.names), n=3, cutoff=0.75)
                hint = f"; did you mean {' or '.join(repr(self.spelled[c]) for c in close)}?" if close else ""
                raise InputError(f"no entity named {name!r} in the graph or the ontology{hint}")
            iri = found[0]
        if in_graph and iri not in self.present:
            raise InputError(f"{self.describe(iri)} is not in this graph")
        return iri

    def resolver(self) -> Callable[[str], URIRef | None]:
        """For --bind: a bare value that names one entity (as ``resolve`` understands names) becomes its IRI;
        one that names several is an error; one that names none stays text."""

        def resolve(name: str) -> URIRef | None:
            if not self.candidates(name):
                return None
            return URIRef(self.resolve(name, in_graph=False))

        return resolve


def resolve_property(name: str, ontology: Ontology) -> list[str]:
    """A property given by local name, prefixed name or label (case-insensitive) -> it and its sub-properties
    (``attacks`` also finds ``invades`` and ``occupies``), as local names. ``*`` or ``any``: every property."""
    key = _norm(name).removeprefix("kg:")
    if key in ("*", "any"):
        return []
    match = [p for p, d in ontology.properties.items() if key in (p.casefold(), _norm(d.label))]
    if not match:
        close = difflib.get_close_matches(name, list(ontology.properties), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        known = ", ".join(sorted(ontology.properties))
        raise InputError(f"unknown property {name!r}{hint} Properties: {known}")
    root = match[0]
    return [p for p in sorted(ontology.properties) if root in ontology.ancestors(p)]


# --- analyses -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """One edge: subject --property--> object, with its evidence (dicts as in the edge attributes)."""

    subject: str
    property: str
    object: str
    support: int
    modality: tuple[str, ...]
    evidence: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Neighbor:
    node: str
    label: str
    cls: str
    distance: int
    via: tuple[Relation, ...]  # the relations to entities one hop nearer


def _relation(s: str, o: str, prop: str, data: Mapping[str, Any]) -> Relation:
    return Relation(
        subject=s,
        property=prop,
        object=o,
        support=int(data.get("support", 0)),
        modality=tuple(m for m in MODALITIES if m in data.get("modality", ())),
        evidence=tuple(data.get("evidence", ())),
    )


def relations_between(graph: nx.MultiDiGraph, a: str, b: str) -> list[Relation]:
    """Every edge between a and b in either direction, strongest first."""
    found = [_relation(a, b, k, d) for k, d in (graph.get_edge_data(a, b) or {}).items()]
    if a != b:
        found += [_relation(b, a, k, d) for k, d in (graph.get_edge_data(b, a) or {}).items()]
    return sorted(found, key=lambda r: (-r.support, r.property, r.subject))


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities linked by any relation, weighted by the articles supporting them (summed over relations)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for s, o, data in graph.edges(data=True):
        if s == o:
            continue
        weight = simple[s][o]["weight"] if simple.has_edge(s, o) else 0
        simple.add_edge(s, o, weight=weight + data.get("support", 1))
    return simple


def neighbors(graph: nx.MultiDiGraph, node: str, hops: int = 1) -> list[Neighbor]:
    """Entities within ``hops`` relations of ``node`` (either direction), nearest first."""
    if hops < 1:
        raise InputError(f"--hops must be at least 1, not {hops}")
    simple = _undirected(graph)
    distance = nx.single_source_shortest_path_length(simple, node, cutoff=hops)
    out = []
    for other, d in distance.items():
        if other == node:
            continue
        nearer = [n for n in simple[other] if distance.get(n) == d - 1]
        via = tuple(r for n in sorted(nearer) for r in relations_between(graph, n, other))
        data = graph.nodes[other]
        out.append(Neighbor(other, data["label"], data["cls"], d, via))
    return sorted(out, key=lambda n: (n.distance, -sum(r.support for r in n.via), n.label.casefold()))


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[list[Relation]]:
    """The shortest chain of relations from a to b (edges taken in either direction). Among equally short
    chains, the best supported (then the first by labels); each step lists every relation between its two
    entities. [] if none.

    The chains are never listed: a graph of 62 entities can have millions of equally short ones (listing them
    took 4 GB). The best is found layer by layer over the entities on some shortest chain, keeping one best
    chain per entity — the best chain through an entity extends the best chain to it — so time and memory grow
    with the edges, not with the number of chains."""
    if a == b:
        raise InputError("the two entities are the same")
    simple = _undirected(graph)
    if a not in simple or b not in simple:
        return []
    from_a = nx.single_source_shortest_path_length(simple, a)
    if b not in from_a:
        return []
    length = from_a[b]
    to_b = nx.single_source_shortest_path_length(simple, b, cutoff=length)
    layers: list[list[str]] = [[] for _ in range(length + 1)]
    for node, d in from_a.items():
        if d <= length and to_b.get(node) == length - d:  # on a shortest chain from a to b
            layers[d].append(node)

    def label(node: str) -> str:
        return str(graph.nodes[node].get("label", node)).casefold()

    # per entity: (minus the support summed along the chain, the chain's labels, the chain)
    best: dict[str, tuple[int, list[str], list[str]]] = {a: (0, [label(a)], [a])}
    for d in range(1, length + 1):
        for node in layers[d]:
            best[node] = min(
                (best[p][0] - simple[p][node]["weight"], [*best[p][1], label(node)], [*best[p][2], node])
                for p in simple[node]
                if p in best and from_a[p] == d - 1
            )
    chain = best[b][2]
    return [relations_between(graph, x, y) for x, y in itertools.pairwise(chain)]


def centrality(graph: nx.MultiDiGraph, by: str = "degree", n: int | None = 10) -> list[tuple[str, float]]:
    """Entities ranked by ``degree`` (number of distinct relations), ``pagerank`` (direction and support count)
    or ``betweenness`` (how often an entity lies on shortest paths between others; estimated from 500 sampled
    sources, with a fixed seed, above 1,000 entities)."""
    if by == "degree":
        scores: Mapping[str, float] = {node: float(d) for node, d in graph.degree()}
    elif by == "pagerank":
        directed = nx.DiGraph()
        directed.add_nodes_from(graph.nodes)
        for s, o, data in graph.edges(data=True):
            weight = directed[s][o]["weight"] if directed.has_edge(s, o) else 0
            directed.add_edge(s, o, weight=weight + data.get("support", 1))
        scores = nx.pagerank(directed, weight="weight") if len(directed) else {}
    elif by == "betweenness":
        # exact costs O(nodes * edges): 5 s at 800 entities; above EXACT_BETWEENNESS, estimated from sampled sources
        simple = _undirected(graph)
        k = None if len(simple) <= EXACT_BETWEENNESS else BETWEENNESS_SAMPLES
        scores = nx.betweenness_centrality(simple, k=k, normalized=True, seed=0)
    else:
        raise InputError(f"unknown measure {by!r}; use one of {', '.join(CENTRALITY)}")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]]["label"].casefold()))
    return ranked if n is None else ranked[: max(n, 0)]


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of entities more tightly linked to each other than to the rest (greedy modularity, weighted by
    support; deterministic). Entities without any relation are left out. Largest first, members by degree."""
    simple = _undirected(graph)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(simple, weight="weight")
    degree = dict(graph.degree())

    def order(group: Iterable[str]) -> list[str]:
        return sorted(group, key=lambda x: (-degree[x], graph.nodes[x]["label"].casefold()))

    ranked = [order(g) for g in groups]
    return sorted(ranked, key=lambda g: (-len(g), graph.nodes[g[0]]["label"].casefold()))


@dataclass(frozen=True)
class GraphStats:
    articles: int
    entities: int
    entities_by_class: dict[str, int]
    facts: int  # distinct asserted (subject, property, object)
    facts_by_property: dict[str, int]
    claims_by_modality: dict[str, int]
    components: int
    largest_component: int
    isolated: int
    density: float


def graph_stats(graph_all: nx.MultiDiGraph, articles: int) -> GraphStats:
    """Counts over a graph built with ``modality="all"``: asserted edges are the facts, evidence items the
    claims; components and density are over asserted relations."""
    asserted = nx.MultiDiGraph()
    asserted.add_nodes_from(graph_all.nodes(data=True))
    claims: Counter[str] = Counter()
    by_property: Counter[str] = Counter()
    for s, o, prop, data in graph_all.edges(keys=True, data=True):
        claims.update(ev["modality"] for ev in data["evidence"])
        if "asserted" in data["modality"]:
            asserted.add_edge(s, o, key=prop, **data)
            by_property[prop] += 1
    simple = _undirected(asserted)
    parts = sorted((len(c) for c in nx.connected_components(simple)), reverse=True)
    return GraphStats(
        articles=articles,
        entities=asserted.number_of_nodes(),
        entities_by_class=dict(sorted(Counter(c for _, c in asserted.nodes(data="cls")).items())),
        facts=asserted.number_of_edges(),
        facts_by_property=dict(sorted(by_property.items(), key=lambda kv: (-kv[1], kv[0]))),
        claims_by_modality={m: claims[m] for m in MODALITIES},
        components=len(parts),
        largest_component=parts[0] if parts else 0,
        isolated=sum(1 for n in simple if simple.degree(n) == 0),
        density=nx.density(simple) if len(simple) > 1 else 0.0,
    )


def count_articles(source: Queryable) -> int:
    return sum(1 for _ in source.query(ARTICLE_ROWS))


def article_titles(source: Queryable) -> dict[str, dict[str, str | None]]:
    """Article IRI -> title, date and URL."""
    out: dict[str, dict[str, str | None]] = {}
    for row in source.query(ARTICLE_ROWS):
        article, title, when, url = (row[i] for i in range(4))  # type: ignore[index]
        out.setdefault(str(article), {"title": _text(title), "date": _text(when), "url": _text(url)})
    return out


@dataclass(frozen=True)
class Evidence:
    """One claim behind a fact: its sentence, article and how the article presents it."""

    claim: str
    property: str
    modality: str
    sentence: str
    article: str
    title: str | None
    date: str | None  # the event date the sentence gives, else the article's date
    cue: str | None
    source: str | None  # who reported it (label or text)
    confidence: float | None
    rule: str | None
    start: int | None
    end: int | None
    url: str | None = None  # the article's URL
    publisher: str | None = None  # the URL's host without "www."


def publisher(url: str | None) -> str | None:
    """Who published an article: the host of its URL without "www." (as the saved query most-corroborated)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def why(source: Queryable, subject: str, properties: Sequence[str], obj: str) -> list[Evidence]:
    """Every claim (any modality) that ``subject`` ``property`` ``object``, for each of ``properties`` (local
    names; empty means any property): asserted first, then by date and article."""
    bindings: list[dict[str, Any]] = [{"s": URIRef(subject), "o": URIRef(obj)}]
    if properties:
        bindings = [{**bindings[0], "p": URIRef(KG_NS + p)} for p in properties]
    found: dict[str, Evidence] = {}
    for binding in bindings:
        for row in source.query(CLAIM_DETAILS, binding):
            claim, p, mod, sentence, article, title, date, event, cue, src, src_label, conf, rule, start, end, url = (
                row[i]  # type: ignore[index]
                for i in range(16)
            )
            prop = str(p)
            found[str(claim)] = Evidence(
                claim=str(claim),
                property=prop[len(KG_NS) :] if prop.startswith(KG_NS) else prop,
                modality=str(mod).rsplit("#", 1)[-1].lower(),
                sentence=str(sentence),
                article=str(article),
                title=_text(title),
                date=_text(event) or _text(date),
                cue=_text(cue),
                source=_text(src_label) or _text(src),
                confidence=float(conf) if isinstance(conf, Literal) else None,
                rule=_text(rule),
                start=int(start) if isinstance(start, Literal) else None,
                end=int(end) if isinstance(end, Literal) else None,
                url=_text(url),
                publisher=publisher(_text(url)),
            )
    order = {m: i for i, m in enumerate(MODALITIES)}
    return sorted(found.values(), key=lambda e: (order.get(e.modality, 9), e.date or "", e.article, e.start or 0))


@dataclass(frozen=True)
class Event:
    """One claim on an entity's timeline."""

    date: str | None
    subject: str
    property: str
    object: str
    modality: str
    sentence: str
    article: str


def timeline(graph: nx.MultiDiGraph, node: str) -> list[Event]:
    """Every claim (in the graph's modalities and period) with ``node`` as subject or object, by date (the event
    date, else the article's; "2025-09" before "2025-09-10"), undated last."""
    found = {
        (ev["date"], s, prop, o, ev["modality"], ev["sentence"], ev["article"])
        for s, o, prop, data in itertools.chain(
            graph.out_edges(node, keys=True, data=True), graph.in_edges(node, keys=True, data=True)
        )
        for ev in data["evidence"]
    }
    events = [Event(*row) for row in found]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.subject, e.property, e.object, e.sentence))


__all__ = [
    "CENTRALITY",
    "MODALITIES",
    "DatasetQueryable",
    "EntityIndex",
    "Event",
    "Evidence",
    "GraphStats",
    "Neighbor",
    "Queryable",
    "Relation",
    "article_titles",
    "as_queryable",
    "centrality",
    "communities",
    "count_articles",
    "graph_from_source",
    "graph_stats",
    "neighbors",
    "publisher",
    "relations_between",
    "resolve_property",
    "shortest_path",
    "support",
    "timeline",
    "to_networkx",
    "why",
]
