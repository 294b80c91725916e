"""The on-disk Oxigraph store: writes replace article graphs, reads give what rdflib gives, errors are clear."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, BNode, Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kgraph.cli import main
from kgraph.errors import InputError, QueryError, StoreError
from kgraph.graph import article_graph, build_dataset, new_dataset
from kgraph.iri import graph_iri
from kgraph.query import format_result, run_query
from kgraph.sources import open_source
from kgraph.store import Store, bind_values, write_dataset
from kgraph.types import Article, ArticleResult
from kgraph.vocab import KG, KGE, PREFIXES

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def canonical(term):
    """Oxigraph stores typed numbers by value ("0.750"^^xsd:decimal comes back as "0.75"): compare values."""
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return ("number", str(term.datatype), Decimal(str(value)))
    return term


def quads(source) -> set[tuple]:
    found = source.quads() if isinstance(source, Store) else source.quads((None, None, None, None))
    return {(s, p, canonical(o), g) for s, p, o, g in found}


def rows(result) -> list[tuple]:
    return sorted((tuple(canonical(v) for v in row) for row in result), key=repr)


def with_text(result: ArticleResult, text: str, title: str = "Changed") -> ArticleResult:
    article = result.article
    changed = Article(id=article.id, title=title, text=text, date="2025-09-20", url=article.url)
    return ArticleResult(article=changed, entities=(), mentions=(), claims=())


@pytest.fixture
def seed_store(seed_dataset):
    with Store(None) as store:
        store.add_dataset(seed_dataset)
        yield store


# --- writing and reading back -------------------------------------------------------------------------------


def test_seed_graph_survives_the_store(seed_dataset, tmp_path):
    with Store(tmp_path / "kb") as store:
        store.add_dataset(seed_dataset)
        assert len(store) == len(quads(seed_dataset))
    with Store(tmp_path / "kb", create=False) as store:  # reopened from disk
        assert quads(store) == quads(seed_dataset)
        assert quads(store.to_dataset()) == quads(seed_dataset)
        assert store.graphs() == sorted({str(g) for *_, g in seed_dataset.quads((None, None, None, None))})


def test_rebuilt_article_replaces_its_graph(seed_results, extract_text, tmp_path):
    first = extract_text("Russia attacked Ukraine. Poland condemned Russia.")
    second = extract_text("NATO deployed F-35 jets to Poland.")
    assert first.article.id == second.article.id and first.claims and second.claims
    with Store(tmp_path / "kb") as store:
        assert store.add_results([*seed_results, first]) == len(seed_results) + 1
        store.add_results([second])
        stored = {(s, p, o) for s, p, o, g in store.quads() if g == graph_iri(second.article.id)}
        expected = {(s, p, canonical(o)) for s, p, o in article_graph(new_dataset(), second)}
        assert {(s, p, canonical(o)) for s, p, o in stored} == expected
        # the other articles are untouched and nothing is duplicated by storing them again
        before = quads(store)
        store.add_results(seed_results)
        assert quads(store) == before


def test_articles_lists_and_remove_drops(seed_dataset, seed_results, tmp_path):
    article = seed_results[0].article
    with Store(tmp_path / "kb") as store:
        store.add_dataset(seed_dataset)
        [info] = store.articles()
        assert (info.id, info.title, info.date) == (article.id, article.title, article.date)
        assert info.graph == str(graph_iri(article.id))
        assert info.triples == len(seed_dataset.graph(graph_iri(article.id)))
        assert store.remove(article.id) is True
        assert store.remove(article.id) is False
        assert store.articles() == [] and len(store) == 0
        store.add_dataset(seed_dataset)
        assert store.remove(info.graph) is True  # by graph IRI too


def test_batch_is_all_or_nothing(seed_results, tmp_path):
    with Store(tmp_path / "kb") as store:
        batch = store.batch()
        batch.add(seed_results[0])
        batch.abort()
        assert len(store) == 0
        with pytest.raises(RuntimeError), store.batch() as batch:
            batch.add(seed_results[0])
            raise RuntimeError("crash inside the batch")
        assert len(store) == 0
        with store.batch() as batch:
            assert batch.add(seed_results[0]) is True
            assert batch.add(with_text(seed_results[0], "Other text.")) is False  # a repeated id: first wins
        assert [a.title for a in store.articles()] == [seed_results[0].article.title]


def test_load_replaces_graphs_of_the_file(seed_dataset, tmp_path):
    trig, ttl = tmp_path / "g.trig", tmp_path / "g.ttl"
    write_dataset(seed_dataset, trig)
    write_dataset(seed_dataset, ttl)
    with Store(tmp_path / "kb") as store:
        assert store.load(trig) == len(quads(seed_dataset))
        assert store.load(trig) == len(quads(seed_dataset))
        assert quads(store) == quads(seed_dataset)
        store.load(ttl)  # no named graphs in Turtle: it goes to the default graph
        assert len(store.graphs()) == 1 and len(store) == 2 * len(quads(seed_dataset))
        bad = tmp_path / "bad.ttl"
        bad.write_text("<a> <b> .", encoding="utf-8")
        before = quads(store)
        with pytest.raises(InputError, match=r"cannot parse .*bad\.ttl"):
            store.load(bad)
        assert quads(store) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), lang=st.sampled_from([None, "en", "pl", "en-GB"]))
def test_any_text_round_trips_and_binds(text, lang):
    """Literals from article text (quotes, backslashes, newlines, control and astral characters) survive
    storage and can be bound in a query."""
    dataset = Dataset()
    graph = dataset.graph(URIRef("https://w3id.org/kgraph/graph/t"))
    literal = Literal(text, lang=lang)
    graph.add((KGE.X, KG.evidence, literal))
    with Store(None) as store:
        store.add_dataset(dataset)
        assert {o for _, _, o, _ in store.quads()} == {literal}
        found = store.query("SELECT ?s WHERE { ?s kg:evidence ?text }", {"text": literal})
        assert [row[0] for row in found] == [KGE.X]  # type: ignore[index]


# --- queries give what rdflib gives ---------------------------------------------------------------------------

QUERIES = [
    ("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {}),
    ("SELECT ?c WHERE { ?c a kg:Claim ; rdf:subject ?s }", {"s": KGE.Russia}),  # not projected
    ("SELECT ?s ?c WHERE { ?c a kg:Claim ; rdf:subject ?s }", {"s": KGE.Russia}),  # projected
    ("SELECT (COUNT(*) AS ?n) WHERE { ?c rdf:subject ?s }", {"s": KGE.Russia}),  # aggregate over a bound var
    ("SELECT ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?label", {"e": KGE.Poland}),
    ("SELECT ?c ?m WHERE { ?c kg:modality ?m FILTER(?m != kg:Asserted) }", {}),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", {}),
    ("ASK { ?s kg:intrudesInto ?o }", {"o": KGE.Poland}),
    ("ASK { ?s kg:intrudesInto ?o }", {"o": KGE.Narnia}),
]


@pytest.mark.parametrize(("sparql", "bindings"), QUERIES, ids=range(len(QUERIES)))
def test_store_answers_like_rdflib(seed_store, seed_dataset, sparql, bindings):
    ours, reference = seed_store.query(sparql, bindings), run_query(seed_dataset, sparql, bindings)
    assert ours.type == reference.type
    if ours.type == "ASK":
        assert ours.askAnswer == reference.askAnswer
    else:
        assert [str(v) for v in ours.vars or []] == [str(v) for v in reference.vars or []]
        assert rows(ours) == rows(reference)


def test_construct_and_formatting(seed_store, seed_dataset):
    sparql = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }"
    graph = seed_store.query(sparql).graph
    assert graph is not None and set(graph) == set(run_query(seed_dataset, sparql).graph)  # type: ignore[arg-type]
    result = seed_store.query("SELECT ?e WHERE { ?e a kg:Country }")
    decoded = json.loads(format_result(result, "json"))
    assert {b["e"]["value"] for b in decoded["results"]["bindings"]} == {
        str(e) for e in seed_dataset.subjects(RDF.type, KG.Country)
    }


@pytest.mark.parametrize(
    ("sparql", "bindings", "message"),
    [
        ("SELECT * WHERE { ?s ?p }", {}, "invalid SPARQL"),
        ("SELECT * WHERE { ?s nope:p ?o }", {}, "invalid SPARQL"),
        ("SELECT ?s WHERE { ?s ?p ?o }", {"o": BNode()}, "blank node"),
        ("SELECT ?s WHERE { ?s ?p ?o }", {"not a name": KGE.X}, "variable name"),
    ],
)
def test_query_errors(seed_store, sparql, bindings, message):
    with pytest.raises(QueryError, match=message):
        seed_store.query(sparql, bindings)


# --- binding values into query text -----------------------------------------------------------------------

BIND_CASES = [
    "SELECT ?x WHERE { ?x ?p ?o }",
    "select ?x where { ?x ?p ?o }",
    "PREFIX ex: <http://ex.org/a#b> SELECT (EXISTS { ?a ?b ?c } AS ?e) ?x WHERE { ?x ?p ?o }",
    'CONSTRUCT { ?x ?p "}{" } WHERE { ?x ?p ?o }',
    "# a comment with { braces }\nSELECT ?x { ?x ?p ?o }",
    'SELECT ?x WHERE { ?x ?p """{ not a group""" }',
    "ASK { ?x ?p ?o }",
    "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }",
]


@pytest.mark.parametrize("sparql", BIND_CASES)
def test_bind_values_opens_the_where_group(sparql):
    bound = bind_values(sparql, {"x": Literal('tricky "}" \\ value\n')})
    prepareQuery(bound, initNs={k: str(v) for k, v in PREFIXES.items()})  # still valid SPARQL
    before, _, after = bound.partition(" VALUES (?x) ")
    assert sparql.startswith(before) and after.endswith(sparql[len(before) :])
    assert before.rstrip().endswith("{")


def test_bind_values_needs_a_where_clause():
    with pytest.raises(QueryError, match="no WHERE"):
        bind_values("DESCRIBE <http://ex.org/x>", {"x": KGE.X})


# --- opening ------------------------------------------------------------------------------------------------


def test_open_errors(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        Store(tmp_path / "file")
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not a kgraph store"):
        Store(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]  # nothing written into someone's folder
    with pytest.raises(InputError, match="no store at"):
        Store(tmp_path / "missing", create=False)
    assert not (tmp_path / "missing").exists()
    with Store(tmp_path / "kb"), pytest.raises(StoreError, match="is locked"):
        Store(tmp_path / "kb")
    store = Store(tmp_path / "kb")  # the lock went with the first one
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)


def test_open_source_store(seed_dataset, tmp_path):
    with Store(tmp_path / "kb") as store:
        store.add_dataset(seed_dataset)
    source = open_source(store=tmp_path / "kb")
    try:
        assert isinstance(source, Store)
        assert quads(source.dataset()) == quads(seed_dataset)
        assert source.query("ASK { ?s a kg:Article }").askAnswer is True
    finally:
        source.close()
    with pytest.raises(InputError, match="no store at"):
        open_source(store=tmp_path / "none")


# --- the command line ---------------------------------------------------------------------------------------


def test_cli_build_accumulates_and_rebuilds_without_duplicates(tmp_path):
    runner = CliRunner()
    kb, out = tmp_path / "kb", tmp_path / "out.trig"
    first = runner.invoke(main, ["build", SEEDS, "--store", str(kb), "-o", str(out), "-q"])
    assert first.exit_code == 0, first.output
    with Store(kb, create=False) as store:
        stored = quads(store)
    from kgraph.store import read_dataset

    assert stored == quads(read_dataset([out]))
    again = runner.invoke(main, ["build", SEEDS, "--store", str(kb), "-q"])
    assert again.exit_code == 0 and again.stdout == ""  # with a store and no -o, nothing on stdout
    with Store(kb, create=False) as store:
        assert quads(store) == stored

    listing = runner.invoke(main, ["articles", "--store", str(kb)])
    assert listing.exit_code == 0 and "nato-russia-drone-incursions" in listing.stdout
    [record] = [
        json.loads(line) for line in runner.invoke(main, ["articles", "--store", str(kb), "--json"]).stdout.splitlines()
    ]
    assert record["triples"] == len(stored)

    removed = runner.invoke(main, ["remove", "nato-russia-drone-incursions", "--store", str(kb)])
    assert removed.exit_code == 0 and "removed nato-russia-drone-incursions" in removed.stderr
    missing = runner.invoke(main, ["remove", "nato-russia-drone-incursions", "--store", str(kb)])
    assert missing.exit_code == 1
    assert "Error: no article 'nato-russia-drone-incursions' in" in missing.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["articles", "--store", "{tmp}/none"], 2, "Error: no store at"),
        (["articles"], 2, "Error: no store given: pass --store DIR"),
        (["build", SEEDS, "--store", "{tmp}/file"], 2, "is a file"),
        (["remove", "x", "--store", "{tmp}/none"], 2, "Error: no store at"),
    ],
)
def test_cli_store_errors(tmp_path, args, code, message):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_cli_build_on_a_locked_store_fails_before_extracting(tmp_path):
    with Store(tmp_path / "kb"):
        result = CliRunner().invoke(
            main, ["build", SEEDS, "--store", str(tmp_path / "kb"), "-o", str(tmp_path / "g.trig")]
        )
    assert result.exit_code == 1
    assert f"Error: store {tmp_path / 'kb'} is locked" in result.stderr
    assert not (tmp_path / "g.trig").exists()


def test_build_dataset_equals_store_of_results(seed_results):
    """add_results and build_dataset give the same graphs (one code path builds the article graph)."""
    with Store(None) as store:
        store.add_results(seed_results)
        assert quads(store) == quads(build_dataset(seed_results))
