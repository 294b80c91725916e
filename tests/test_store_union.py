"""The store's default graph is the materialised union of its article graphs: each triple once (as rdflib's
union gives it), kept in step when articles are added, replaced and removed, and filled in old stores."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from rdflib import Dataset, Literal, URIRef

from kgraph.extract import extract
from kgraph.graph import build_dataset
from kgraph.query import run_query
from kgraph.store import UNION_GRAPH, Store, write_dataset
from kgraph.types import Article
from kgraph.vocab import KG

EX = "https://example.org/"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def norm(term) -> object:
    """Oxigraph stores typed numbers by value ("0.750"^^xsd:decimal comes back as "0.75"): compare values."""
    value = term.toPython() if isinstance(term, Literal) and term.datatype is not None else None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return str(term)


def counted(result) -> Counter:
    """Rows with their multiplicity."""
    return Counter(tuple(norm(v) for v in row) for row in result)


def triples(store: Store) -> Counter:
    return counted(store.query(ALL))


def dataset(graphs: dict[str, list[str]]) -> Dataset:
    """Named graphs of triples ``ex:s ex:p ex:<o>``."""
    data = Dataset()
    for name, objects in graphs.items():
        graph = data.graph(URIRef(EX + name))
        for o in objects:
            graph.add((URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + o)))
    return data


def objects(store: Store) -> list[str]:
    return sorted(str(o).removeprefix(EX) for _, _, o in triples(store))


def test_union_rows_are_not_repeated(seed_results, nlp, ontology, tmp_path):
    others = [
        Article(id=f"other-{i}", title="Other", text="Russia attacked Ukraine. Poland condemned Russia.")
        for i in range(3)
    ]
    data = build_dataset([*seed_results, *extract(others, nlp, ontology)])
    trig = tmp_path / "g.trig"
    write_dataset(data, trig)
    countries = "SELECT ?s WHERE { ?s a kg:Country }"
    expected = counted(run_query(data, countries))
    holders = Counter(s for s, _, _, _ in data.quads((None, None, KG.Country, None)))
    assert max(holders.values()) > 1  # the same country is typed in several article graphs
    assert set(expected.values()) == {1}
    with Store(tmp_path / "kb") as store:
        store.load(trig)
        assert counted(store.query(countries)) == expected
        assert triples(store) == counted(run_query(data, ALL))
        # named-graph queries still see each graph, and not the default graph
        sizes = {str(g): int(n) for g, n in store.query(PER_GRAPH)}  # type: ignore[misc]
        assert sizes == {str(g.identifier): len(g) for g in data.graphs() if len(g)}
        assert sorted(a.graph for a in store.articles()) == sorted(sizes) == store.graphs()


def test_replacing_and_removing_graphs_updates_the_union(tmp_path):
    with Store(tmp_path / "kb") as store:
        store.add_dataset(dataset({"g1": ["shared", "only1"], "g2": ["shared", "only2"]}))
        assert objects(store) == ["only1", "only2", "shared"]
        store.add_dataset(dataset({"g1": ["new"]}))  # replaces g1: only1 goes, shared stays (g2 has it)
        assert objects(store) == ["new", "only2", "shared"]
        store.add_dataset(dataset({"g1": ["new", "shared"]}))
        assert store.remove(EX + "g2") is True  # shared stays: g1 has it again
        assert objects(store) == ["new", "shared"]
        assert store.remove(EX + "g1") is True
        assert objects(store) == [] and len(store) == 0 and len(store.db) == 0
        assert store.graphs() == [] and store.articles() == []


def test_replacing_several_graphs_in_one_batch(tmp_path):
    with Store(tmp_path / "kb") as store:
        store.add_dataset(dataset({"g1": ["shared", "a"], "g2": ["shared", "b"], "g3": ["c"]}))
        store.add_dataset(dataset({"g1": ["a"], "g2": ["b"]}))  # both holders of "shared" replaced together
        assert objects(store) == ["a", "b", "c"]
        store.add_dataset(dataset({"g1": ["c"], "g3": ["d"]}))
        assert objects(store) == ["b", "c", "d"]


def test_default_graph_triples_of_the_user_are_kept_apart(tmp_path):
    with Store(tmp_path / "kb") as store:
        data = dataset({"g1": ["a"]})
        data.default_graph.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal("own")))
        store.add_dataset(data)
        assert len(store) == 2
        assert {(str(o), str(g)) for _, _, o, g in store.to_dataset().quads((None, None, None, None))} == {
            (EX + "a", EX + "g1"),
            ("own", "urn:x-rdflib:default"),
        }
        assert store.dump("nquads").count(b"\n") == 2 and store.dump("nt").count(b"\n") == 2
        assert sorted(str(o) for _, _, o in triples(store)) == [EX + "a", "own"]
        # a triple both in the default graph and in an article stays in the union when the article goes
        store.add_dataset(dataset({"g2": ["a", "b"]}))
        also = Dataset()
        also.default_graph.add((URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "b")))
        store.add_dataset(also)
        store.add_dataset(dataset({"g2": ["c"]}))
        assert sorted(str(o) for _, _, o in triples(store)) == [EX + "a", EX + "b", EX + "c", "own"]


def test_an_old_store_gets_its_union_on_open(tmp_path):
    path = tmp_path / "kb"
    with Store(path) as store:
        store.add_dataset(dataset({"g1": ["shared", "a"], "g2": ["shared"]}))
        store.db.update(f"DROP GRAPH <{UNION_GRAPH}>")  # as written before the union was materialised
        assert objects(store) == []
    with Store(path) as store:
        assert objects(store) == ["a", "shared"]
        assert len(store) == 3
