"""kgraph.analytics as a library: the networkx graph and its contract, entity names, neighbours, paths, centrality,
communities, statistics and the claims behind a fact, each checked against what the extraction records say."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import pytest

from kgraph.analytics import (
    DatasetQueryable,
    EntityIndex,
    centrality,
    communities,
    graph_from_source,
    graph_stats,
    neighbors,
    resolve_property,
    shortest_path,
    to_networkx,
    why,
)
from kgraph.errors import InputError
from kgraph.iri import article_iri
from kgraph.store import Store
from kgraph.types import Modality
from kgraph.vocab import KGE


def asserted_facts(results) -> dict[tuple[str, str, str], set[str]]:
    """(subject, property, object) -> articles, for asserted claims: what the graph's edges must be."""
    facts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in results:
        for c in r.claims:
            if c.modality is Modality.ASSERTED:
                facts[(c.subject, c.property, c.object)].add(str(article_iri(r.article.id)))
    return facts


def undirected(results) -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from((s, o) for s, _, o in asserted_facts(results) if s != o)
    return graph


@pytest.fixture(scope="module")
def seed_graph(seed_dataset):
    return to_networkx(seed_dataset)


@pytest.fixture(scope="module")
def index(seed_graph, seed_dataset, ontology):
    return EntityIndex.build(seed_graph, DatasetQueryable(seed_dataset), ontology)


# --- the graph -----------------------------------------------------------------------------------------------------


def test_edges_are_the_asserted_facts_with_their_evidence(seed_graph, seed_results):
    facts = asserted_facts(seed_results)
    assert {(s, k, o) for s, o, k in seed_graph.edges(keys=True)} == set(facts)
    sentences = defaultdict(set)
    for r in seed_results:
        for c in r.claims:
            if c.modality is Modality.ASSERTED:
                sentences[(c.subject, c.property, c.object)].add(c.sentence)
    for s, o, prop, data in seed_graph.edges(keys=True, data=True):
        assert data["property"] == prop
        assert data["articles"] == facts[(s, prop, o)] and data["support"] == len(facts[(s, prop, o)])
        assert data["modality"] == {"asserted"}
        assert {ev["sentence"] for ev in data["evidence"]} == sentences[(s, prop, o)]
        for ev in data["evidence"]:
            assert set(ev) >= {"sentence", "article", "modality", "confidence"}
            assert 0 <= ev["confidence"] <= 1 and ev["article"] in data["articles"]


def test_nodes_carry_class_and_label(seed_graph, seed_results):
    entities = {e.iri: e for r in seed_results for e in r.entities}
    for node, data in seed_graph.nodes(data=True):
        assert (data["cls"], data["label"]) == (entities[node].cls, entities[node].label)
    assert set(entities) == set(seed_graph.nodes)


def test_other_modalities_on_request(seed_dataset, seed_results):
    every = to_networkx(seed_dataset, modality="all")
    claims = Counter(c.modality.value for r in seed_results for c in r.claims)
    assert Counter(ev["modality"] for *_, d in every.edges(data=True) for ev in d["evidence"]) == claims
    negated = to_networkx(seed_dataset, modality="negated")
    assert negated.number_of_edges() == len({(c.subject, c.property, c.object) for r in seed_results
                                             for c in r.claims if c.modality is Modality.NEGATED})  # fmt: skip
    with pytest.raises(InputError, match="unknown modality 'maybe'"):
        to_networkx(seed_dataset, modality="maybe")


@pytest.mark.parametrize("name", ["seed", "corpus"])
def test_sparql_path_builds_the_same_graph(name, seed_dataset, corpus_dataset):
    """Stores and endpoints build the graph by SPARQL (here Oxigraph); files by triple patterns: same graph."""
    dataset = seed_dataset if name == "seed" else corpus_dataset
    store = Store(None)
    store.add_dataset(dataset)
    for modality in ("asserted", "all"):
        expected = to_networkx(dataset, modality=modality)
        built = graph_from_source(store, modality=modality)
        assert dict(built.nodes(data=True)) == dict(expected.nodes(data=True))
        assert list(built.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))


def test_the_graph_is_the_same_in_every_run(seed_dataset):
    first, second = to_networkx(seed_dataset), to_networkx(seed_dataset)
    assert list(first.edges(keys=True)) == list(second.edges(keys=True)) and list(first) == list(second)


# --- entity names --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Russia", KGE.Russia),
        ("rUSSIA", KGE.Russia),
        ("Russian Federation", KGE.Russia),  # ontology alias
        ("the alliance", KGE.NATO),  # ontology alias, lower case
        ("Putin", KGE.VladimirPutin),  # whole words of one name
        ("kge:Poland", KGE.Poland),
        ("<https://w3id.org/kgraph/entity/Poland>", KGE.Poland),
    ],
)
def test_entities_by_label_alias_or_iri(index, name, iri):
    assert index.resolve(name) == str(iri)


def test_graph_alt_labels_name_entities(seed_graph, seed_dataset, ontology):
    from rdflib import SKOS, Literal

    dataset = seed_dataset.__class__(default_union=True)
    for quad in seed_dataset.quads((None, None, None, None)):
        dataset.add(quad)
    dataset.add((KGE.Poland, SKOS.altLabel, Literal("Rzeczpospolita", lang="pl")))
    index = EntityIndex.build(seed_graph, DatasetQueryable(dataset), ontology)
    assert index.resolve("rzeczpospolita") == str(KGE.Poland)


def test_ambiguous_unknown_and_absent_names(index):
    with pytest.raises(
        InputError, match=r"'Donald' is ambiguous: Donald Trump \(kge:DonaldTrump, Person\); Donald Tusk"
    ):
        index.resolve("Donald")
    with pytest.raises(
        InputError, match=r"no entity named 'Rusia' in the graph or the ontology; did you mean 'Russia'"
    ):
        index.resolve("Rusia")
    with pytest.raises(InputError, match=r"Germany \(kge:Germany, Country\) is not in this graph"):
        index.resolve("Germany")
    assert index.resolve("Germany", in_graph=False) == str(KGE.Germany)


def test_properties_by_name_label_or_family(ontology):
    assert {"attacks", "invades", "occupies"} <= set(resolve_property("attacks", ontology))
    assert "intrudesInto" not in resolve_property("attacks", ontology)
    assert resolve_property("intrudes into", ontology) == ["intrudesInto"]
    assert resolve_property("kg:IntrudesInto", ontology) == ["intrudesInto"]
    assert resolve_property("*", ontology) == []
    with pytest.raises(InputError, match="unknown property 'atacks'; did you mean attacks"):
        resolve_property("atacks", ontology)


# --- analyses ------------------------------------------------------------------------------------------------------


def test_neighbours_within_hops(seed_graph, seed_results):
    expected = undirected(seed_results)
    russia = str(KGE.Russia)
    for hops in (1, 2):
        found = neighbors(seed_graph, russia, hops)
        want = nx.single_source_shortest_path_length(expected, russia, cutoff=hops)
        assert {n.node: n.distance for n in found} == {k: v for k, v in want.items() if k != russia}
        for n in found:
            assert n.via and all(n.node in (r.subject, r.object) for r in n.via)
            assert [m.distance for m in found] == sorted(m.distance for m in found)
    with pytest.raises(InputError, match="at least 1"):
        neighbors(seed_graph, russia, 0)


def test_shortest_path_follows_relations_with_evidence(seed_graph, seed_results):
    expected = undirected(seed_results)
    component = max(nx.connected_components(expected), key=len)
    lengths = dict(nx.all_pairs_shortest_path_length(expected.subgraph(component)))
    a, b = max(((x, y) for x in lengths for y in lengths[x]), key=lambda p: (lengths[p[0]][p[1]], p))
    steps = shortest_path(seed_graph, a, b)
    assert len(steps) == lengths[a][b] >= 2
    at = a
    for relations in steps:
        assert relations
        ends = {relations[0].subject, relations[0].object}
        assert at in ends and all({r.subject, r.object} == ends for r in relations)
        assert all(r.evidence and r.evidence[0]["sentence"] for r in relations)
        at = (ends - {at}).pop()
    assert at == b
    isolated = next(n for n in seed_graph if seed_graph.degree(n) == 0)
    assert shortest_path(seed_graph, a, isolated) == []


def test_centrality(seed_graph, seed_results):
    degree = Counter()
    for s, _, o in asserted_facts(seed_results):
        degree[s] += 1
        degree[o] += 1
    ranked = centrality(seed_graph, "degree", None)
    assert {n: int(v) for n, v in ranked if v} == dict(degree)
    assert [v for _, v in ranked] == sorted((v for _, v in ranked), reverse=True)
    assert len(centrality(seed_graph, "degree", 3)) == 3
    pagerank = centrality(seed_graph, "pagerank", None)
    assert sum(v for _, v in pagerank) == pytest.approx(1.0)
    between = dict(centrality(seed_graph, "betweenness", None))
    assert all(0 <= v <= 1 for v in between.values()) and max(between.values()) > 0
    with pytest.raises(InputError, match="unknown measure"):
        centrality(seed_graph, "closeness")


def test_communities_partition_the_connected_entities(seed_graph):
    groups = communities(seed_graph)
    members = [n for g in groups for n in g]
    assert len(members) == len(set(members))
    assert set(members) == {n for n in seed_graph if seed_graph.degree(n) > 0}
    assert len(groups) > 1 and groups == communities(seed_graph)


def test_stats_count_what_the_extraction_produced(seed_dataset, seed_results):
    stats = graph_stats(to_networkx(seed_dataset, modality="all"), articles=len(seed_results))
    claims = Counter(c.modality.value for r in seed_results for c in r.claims)
    assert stats.claims_by_modality == {m: claims[m] for m in ("asserted", "hedged", "negated", "reported")}
    assert stats.facts == len(asserted_facts(seed_results))
    assert stats.entities == len({e.iri for r in seed_results for e in r.entities})
    assert sum(stats.entities_by_class.values()) == stats.entities
    assert stats.components >= 1 and 0 < stats.density < 1


def test_why_shows_every_modality(seed_dataset, seed_results, ontology):
    props = resolve_property("attacks", ontology)
    expected = {(c.modality.value, c.property, c.sentence) for r in seed_results for c in r.claims
                if c.subject == str(KGE.Russia) and c.object == str(KGE.Ukraine) and c.property in props}  # fmt: skip
    assert expected, "the seed article says Russia attacked or invaded Ukraine"
    found = why(DatasetQueryable(seed_dataset), str(KGE.Russia), props, str(KGE.Ukraine))
    assert {(e.modality, e.property, e.sentence) for e in found} == expected
    assert all(e.title and e.article.startswith("https://w3id.org/kgraph/article/") for e in found)
    order = ["asserted", "hedged", "negated", "reported"]
    assert [order.index(e.modality) for e in found] == sorted(order.index(e.modality) for e in found)
    anything = why(DatasetQueryable(seed_dataset), str(KGE.Russia), [], str(KGE.Ukraine))
    assert {e.claim for e in found} <= {e.claim for e in anything}


def test_why_on_the_corpus_reports_cue_source_and_date(corpus_dataset):
    found = why(DatasetQueryable(corpus_dataset), str(KGE.Russia), ["intrudesInto"], str(KGE.Poland))
    assert {e.modality for e in found} == {"asserted", "negated"}
    denial = next(e for e in found if e.cue == "denied")
    assert (denial.source, denial.date, denial.title) == ("Russia", "2025-09-11", "Moscow denies incursion")
