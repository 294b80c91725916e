"""Extraction on a Dask cluster (two worker processes on 127.0.0.1) gives the same graph as the local build."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from rdflib.compare import isomorphic

from kgraph.cli import main
from kgraph.distributed import dask_results, pipelines_loaded
from kgraph.errors import StoreError
from kgraph.graph import build_dataset
from kgraph.pipeline import run_extraction, write_build

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    import logging

    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster, client


@pytest.fixture(scope="module")
def local_dataset(seed_gold_jsonl, ontology):
    return build_dataset(run_extraction([seed_gold_jsonl], ontology=ontology))


def same_graph(a: Dataset, b: Dataset) -> bool:
    ga = {str(g.identifier): g for g in a.graphs() if len(g)}
    gb = {str(g.identifier): g for g in b.graphs() if len(g)}
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


def test_cluster_builds_the_same_graph_as_one_process(cluster, seed_gold_jsonl, ontology, local_dataset):
    _, client = cluster
    from kgraph.ingest import iter_articles

    articles = list(iter_articles([seed_gold_jsonl]))
    results = list(dask_results(articles, ontology, client=client, batch_size=2))
    assert [r.article.id for r in results] == [a.id for a in articles]  # input order kept
    assert same_graph(build_dataset(results), local_dataset)
    # both workers took part, and a second build reuses each worker's pipeline instead of loading another
    list(dask_results(articles, ontology, client=client, batch_size=1))
    loaded = client.run(pipelines_loaded)
    assert len(loaded) == 2 and set(loaded.values()) == {1}


def test_cli_scheduler_option(cluster, seed_gold_jsonl, tmp_path, ontology):
    scheduler, _ = cluster
    local, remote = tmp_path / "local.trig", tmp_path / "dask.trig"
    write_build([seed_gold_jsonl], [local], ontology=ontology)
    result = CliRunner().invoke(
        main, ["build", str(seed_gold_jsonl), "-o", str(remote), "--scheduler", scheduler.scheduler_address]
    )
    assert result.exit_code == 0, result.output
    assert "articles: 5" in result.stderr
    assert remote.read_bytes() == local.read_bytes()
    assert same_graph(Dataset().parse(remote, format="trig"), Dataset().parse(local, format="trig"))


def test_unreachable_scheduler_is_a_clear_error(seed_gold_jsonl, ontology):
    from kgraph.ingest import iter_articles

    with pytest.raises(StoreError, match=r"cannot connect to the Dask scheduler at tcp://127\.0\.0\.1:9"):
        list(dask_results(iter_articles([seed_gold_jsonl]), ontology, scheduler="tcp://127.0.0.1:9", timeout=1))
