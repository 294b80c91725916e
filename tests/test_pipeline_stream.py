"""The streaming build (`write_build`): per-article output equal to the in-memory graph, the same graph from
worker processes, atomic outputs, and the CLI options that drive it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLE
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.graph import build_dataset
from kgraph.pipeline import run_extraction, write_build

ARTICLES = 5  # in seed_gold_jsonl


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def same_named_graphs(a: Dataset, b: Dataset) -> bool:
    ga, gb = named_graphs(a), named_graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def corpus(seed_gold_jsonl) -> Path:
    return seed_gold_jsonl


@pytest.fixture(scope="module")
def reference(corpus, ontology) -> Dataset:
    """The in-memory build of the corpus, one process."""
    return build_dataset(run_extraction([corpus], ontology=ontology))


@pytest.mark.parametrize(("suffix", "fmt"), [(".trig", "trig"), (".nq", "nquads")])
def test_streamed_quads_equal_the_in_memory_dataset(tmp_path, corpus, ontology, reference, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    report = write_build([corpus], [out], ontology=ontology)
    assert report.articles == ARTICLES and not report.problems
    assert same_named_graphs(Dataset().parse(out, format=fmt), reference)


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_streamed_triples_equal_the_union(tmp_path, corpus, ontology, reference, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    write_build([corpus], [out], ontology=ontology)
    parsed = Dataset().parse(out, format=fmt)
    assert isomorphic(union(parsed), union(reference))


def test_trig_on_a_binary_stream(tmp_path, ontology):
    stream = (tmp_path / "out.trig").open("wb")
    with stream:
        write_build([SEED_ARTICLE], stdout=stream, ontology=ontology)
    text = (tmp_path / "out.trig").read_text(encoding="utf-8")
    assert text.startswith("@prefix kg: <https://w3id.org/kgraph/ontology#> .")
    assert len(Dataset().parse(data=text, format="trig")) > 100


def test_two_processes_write_the_same_bytes_as_one(tmp_path, corpus, ontology):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    write_build([corpus], [one], ontology=ontology)
    # batch_size=1: every article is its own task, so ordering across in-flight batches is exercised
    report = write_build([corpus], [two], ontology=ontology, n_process=2, batch_size=1)
    assert report.articles == ARTICLES
    assert two.read_bytes() == one.read_bytes()


def test_failed_build_leaves_existing_output_untouched(tmp_path, ontology):
    out = tmp_path / "g.trig"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(InputError, match="no such file"):
        write_build([SEED_ARTICLE, tmp_path / "missing.txt"], [out], ontology=ontology)
    assert out.read_text(encoding="utf-8") == "previous"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    report = write_build([empty], [out], ontology=ontology)
    assert report.articles == 0 and report.problems
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "g.trig"]  # no temp file left


def test_repeated_article_id_is_reported_and_written_once(tmp_path, ontology):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    jsonl = tmp_path / "twice.jsonl"
    jsonl.write_text("".join(json.dumps({"id": "same", "text": text}) + "\n" for _ in range(2)), encoding="utf-8")
    out = tmp_path / "g.nq"
    report = write_build([jsonl], [out], ontology=ontology)
    assert any("'same' already used" in p for p in report.problems)
    assert list(named_graphs(Dataset().parse(out, format="nquads"))) == ["https://w3id.org/kgraph/graph/same"]


def test_cli_processes_option(tmp_path, corpus):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(corpus), "-o", str(one), "-q"])
    second = runner.invoke(main, ["build", str(corpus), "-o", str(two), "-q", "--processes", "2", "--batch-size", "2"])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert two.read_bytes() == one.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--processes", "0"], "Invalid value for '-j' / '--processes'"),
        (["--engine", "spark"], "Invalid value for '--engine'"),
        (["--batch-size", "0"], "Invalid value for '--batch-size'"),
        (["--scheduler", "localhost:8786"], "scheduler address must look like tcp://HOST:PORT"),
    ],
)
def test_cli_rejects_bad_engine_options(tmp_path, args, message):
    out = tmp_path / "g.nq"
    result = CliRunner().invoke(main, ["build", str(SEED_ARTICLE), "-o", str(out), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()
