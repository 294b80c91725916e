"""Every export format parses back to the same graph: RDF with rdflib and independent parsers (rapper,
pyoxigraph), GraphML and GEXF with networkx, CSV with the csv module."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgraph.analytics import to_networkx
from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.export import CSV_COLUMNS, RDF_EXPORTS, export, export_format
from kgraph.extract import extract
from kgraph.graph import build_dataset
from kgraph.store import Store, write_dataset
from kgraph.types import Article

EXTENSION = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "rdfxml": ".rdf",
}
QUADS = {"trig", "nquads", "jsonld"}
RAPPER = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "ntriples", "rdfxml": "rdfxml"}


@pytest.fixture(scope="module")
def two_articles(seed_results, nlp, ontology) -> Dataset:
    """The seed article plus a second one: two named graphs sharing entities."""
    second = Article(id="second", title="Second", text="Russia attacked Ukraine. Poland condemned Russia.")
    return build_dataset([*seed_results, *extract([second], nlp, ontology)])


@pytest.fixture(scope="module")
def sources(two_articles, tmp_path_factory):
    """The same graph from files (an rdflib Dataset) and from a store, with what each should read back as."""
    with Store(tmp_path_factory.mktemp("export") / "kb") as store:
        store.add_dataset(two_articles)
        yield {"data": (two_articles, two_articles), "store": (store, store.to_dataset())}


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    found: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        found.setdefault(str(g), Graph()).add((s, p, o))
    return found


@pytest.mark.parametrize("origin", ["data", "store"])
@pytest.mark.parametrize("fmt", list(RDF_EXPORTS))
def test_rdf_exports_parse_back_isomorphic(sources, tmp_path, origin, fmt):
    source, expected = sources[origin]
    path = tmp_path / f"graph{EXTENSION[fmt]}"
    report = export(source, path)
    assert report.format == fmt
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld",
                     "rdfxml": "xml"}[fmt]  # fmt: skip
    if fmt in QUADS:
        back = Dataset()
        back.parse(path, format=rdflib_format)
        ours, theirs = named_graphs(back), named_graphs(expected)
        assert ours.keys() == theirs.keys() and len(ours) == 2
        assert all(isomorphic(ours[g], theirs[g]) for g in ours)
        assert not report.notes
    else:
        back_graph = Graph().parse(path, format=rdflib_format)
        assert isomorphic(back_graph, union(expected))
        assert report.notes and "union of 2 graphs" in report.notes[0]


@pytest.mark.parametrize("origin", ["data", "store"])
@pytest.mark.parametrize("fmt", list(RDF_EXPORTS))
def test_independent_parsers_read_our_rdf(sources, tmp_path, origin, fmt):
    """pyoxigraph reads every format back to the same statements; rapper (raptor2) every format it knows."""
    source, expected = sources[origin]
    path = tmp_path / f"graph{EXTENSION[fmt]}"
    export(source, path)
    count = sum(len(g) for g in named_graphs(expected).values()) if fmt in QUADS else len(union(expected))
    parsed = list(ox.parse(path=str(path)))
    assert len(parsed) == count
    if fmt not in RAPPER:
        return
    if shutil.which("rapper") is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; `make test` installs it")
    done = subprocess.run(["rapper", "-i", RAPPER[fmt], "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"returned {count} triples" in done.stderr


def _graph_back(data: bytes, fmt: str) -> nx.MultiDiGraph:
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    return reader(io.BytesIO(data))


@pytest.mark.parametrize("origin", ["data", "store"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_with_networkx(sources, tmp_path, two_articles, origin, fmt):
    source, _ = sources[origin]
    path = tmp_path / f"graph.{fmt}"
    export(source, path, modality="all")
    back = _graph_back(path.read_bytes(), fmt)
    reference = to_networkx(two_articles, modality="all")
    assert set(back.nodes) == set(reference.nodes)
    assert back.number_of_edges() == reference.number_of_edges()
    for node, data in reference.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"] and back.nodes[node]["cls"] == data["cls"]
    relations = {(s, d["property"], o) for s, o, d in back.edges(data=True)}
    assert relations == {(s, k, o) for s, o, k in reference.edges(keys=True)}
    for _, _, data in back.edges(data=True):
        assert data["evidence"] and data["evidence_count"] >= 1 and data["support"] >= 1
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_csv_edge_list(sources, tmp_path, two_articles):
    source, _ = sources["store"]
    path = tmp_path / "edges.csv"
    export(source, path)
    with path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    reference = to_networkx(two_articles)
    assert tuple(records[0].keys()) == CSV_COLUMNS
    assert {(r["source"], r["property"], r["target"]) for r in records} == {
        (s, k, o) for s, o, k in reference.edges(keys=True)
    }
    for record in records:
        assert record["source_label"] == reference.nodes[record["source"]]["label"]
        assert record["evidence"] and record["modality"] == "asserted"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [("g.ttl", None, "turtle"), ("g.GEXF", None, "gexf"), ("g.out", "csv", "csv"), ("g.json", None, "jsonld")],
)
def test_format_from_extension(name, fmt, expected):
    assert export_format(name, fmt) == expected


def test_unknown_format():
    with pytest.raises(InputError, match="pass --format"):
        export_format("graph.txt")


def test_cli_export(two_articles, tmp_path):
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    runner = CliRunner()
    union_note = runner.invoke(main, ["export", "--data", str(data), "-o", str(tmp_path / "g.ttl")])
    assert union_note.exit_code == 0, union_note.output
    assert "Note: Turtle cannot hold named graphs: wrote the union of 2 graphs" in union_note.stderr
    quiet = runner.invoke(main, ["export", "--data", str(data), "-o", str(tmp_path / "g.nq"), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    as_csv = runner.invoke(main, ["export", "--data", str(data), "-o", str(tmp_path / "edges"), "--format", "csv"])
    assert as_csv.exit_code == 0 and (tmp_path / "edges").read_text(encoding="utf-8").startswith("source,")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "--data", "{data}", "-o", "{tmp}/g.txt"], 2, "cannot tell the format from .txt"),
        (["export", "-o", "{tmp}/g.ttl"], 2, "no graph given"),
        (["export", "--data", "{data}", "--store", "{tmp}/kb", "-o", "{tmp}/g.ttl"], 2, "not both"),
        (["export", "--data", "{data}", "-o", "{tmp}/missing/g.ttl"], 1, "does not exist"),
        (["export", "--store", "{tmp}/none", "-o", "{tmp}/g.ttl"], 2, "no store at"),
    ],
)
def test_cli_export_errors(two_articles, tmp_path, args, code, message):
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    result = CliRunner().invoke(main, [a.replace("{data}", str(data)).replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not Path(tmp_path / "g.ttl").exists()
