"""Pushing to and querying a real Virtuoso 7 (Debian's virtuoso-opensource, started by the session fixture on
127.0.0.1): every triple lands and is counted, a reply that is no Graph Store Protocol success is an error,
`--sync` removes what the store no longer has, Digest auth works, and saved queries give the rows rdflib
gives locally."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner
from oxigraph_server import OxigraphServer
from test_query_engines import CASES, rdflib_term
from virtuoso_server import PASSWORD

from kgraph.cli import main
from kgraph.errors import StoreError
from kgraph.query import parse_binding, prefix_map, run_query, saved_queries
from kgraph.remote import DigestAuth, _check_reply, _graph_url, _request, push, remote_query
from kgraph.store import Store, write_dataset
from kgraph.vocab import KGG

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
OTHER_GRAPH = "http://example.org/not-kgraph"


@pytest.fixture
def virtuoso(virtuoso_server):
    """The session's server with no kgraph graphs (and no test graph) left by an earlier test."""
    for graph in server_graphs(virtuoso_server.url):
        if graph.startswith(str(KGG)) or graph == OTHER_GRAPH:
            url = _graph_url(virtuoso_server.url + "/sparql-graph-crud", graph)
            _check_reply(url, *_request("DELETE", url, body=None, headers={}, timeout=30))
    return virtuoso_server


def server_graphs(url: str, auth=None) -> dict[str, int]:
    rows = remote_query(url, COUNT_PER_GRAPH, preset="virtuoso", auth=auth)
    return {str(g): int(n) for g, n in rows}  # type: ignore[misc]


def kgraph_graphs(url: str) -> dict[str, int]:
    return {g: n for g, n in server_graphs(url).items() if g.startswith(str(KGG))}


def test_push_lands_every_triple_and_is_verified(virtuoso, two_articles):
    with Store(None) as local:
        local.add_dataset(two_articles)
        sizes = local.graph_sizes()
        for replace in (False, True, False):  # merge, replace, merge again: the same graphs every time
            report = push(local, virtuoso.url, preset="virtuoso", replace=replace)
            assert report.verified and report.requests == len(sizes) == 2
            assert report.endpoint == virtuoso.url + "/sparql-graph-crud"
            assert kgraph_graphs(virtuoso.url) == sizes


def test_a_web_page_for_an_answer_is_an_error(virtuoso):
    """Virtuoso answers N-Quads POSTed without ?graph= (what kgraph sent before) with 200 and its HTML form,
    and stores nothing: kgraph's check of the reply says so."""
    body = b"<http://a/s> <http://a/p> <http://a/o> <https://w3id.org/kgraph/graph/z> .\n"
    url = virtuoso.url + "/sparql-graph-crud"
    status, content_type, page = _request(
        "POST", url, body=body, headers={"Content-Type": "application/n-quads"}, timeout=30
    )
    assert status == 200 and content_type.startswith("text/html") and page
    with pytest.raises(StoreError, match="answered with a web page, not a Graph Store Protocol reply"):
        _check_reply(url, status, content_type, page)
    assert kgraph_graphs(virtuoso.url) == {}


def test_a_count_that_does_not_match_fails_the_push(virtuoso, two_articles, tmp_path):
    """Counted where the data did not go (a query endpoint of another, empty server): exit 1, not success."""
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    with OxigraphServer(tmp_path / "empty") as empty:
        args = ["push", "--endpoint", virtuoso.url + "/sparql-graph-crud", "--data", str(data)]
        result = CliRunner().invoke(main, [*args, "--query-endpoint", empty.url + "/query"])
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: the push did not land: {empty.url}/query counts 0 triples in <{KGG}")
    assert "(and 1 other graphs)" in line
    unverified = CliRunner().invoke(main, args)  # no query URL known: pushed, and said to be unverified
    assert unverified.exit_code == 0 and "Note: not verified: give --preset or --query-endpoint" in unverified.stderr
    assert len(kgraph_graphs(virtuoso.url)) == 2


def test_sync_removes_graphs_the_store_no_longer_has(virtuoso, two_articles, tmp_path):
    virtuoso.sql(f"SPARQL INSERT DATA {{ GRAPH <{OTHER_GRAPH}> {{ <http://a/s> <http://a/p> <http://a/o> }} }}")
    kb = tmp_path / "kb"
    with Store(kb) as store:
        store.add_dataset(two_articles)
    push_args = ["push", "--endpoint", virtuoso.url, "--preset", "virtuoso", "--store", str(kb)]
    assert CliRunner().invoke(main, push_args).exit_code == 0
    assert len(kgraph_graphs(virtuoso.url)) == 2
    removed = CliRunner().invoke(main, ["remove", "second", "--store", str(kb)])
    assert removed.exit_code == 0, removed.output
    kept = CliRunner().invoke(main, [*push_args, "--replace"])  # without --sync the server keeps it
    assert kept.exit_code == 0 and len(kgraph_graphs(virtuoso.url)) == 2
    synced = CliRunner().invoke(main, [*push_args, "--replace", "--sync"])
    assert synced.exit_code == 0, synced.output
    assert "removed 1 graph no longer here; verified" in synced.stderr
    with Store(kb, create=False, reader=True) as store:
        assert kgraph_graphs(virtuoso.url) == store.graph_sizes()
    assert server_graphs(virtuoso.url)[OTHER_GRAPH] == 1  # not a kgraph article graph: left alone
    refused = CliRunner().invoke(main, [*push_args, "--sync", "--graph", "http://example.org/all"])
    assert refused.exit_code == 2 and "does not go with --graph" in refused.stderr


def test_digest_auth_on_push_and_query(virtuoso, two_articles, tmp_path):
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    env = {"VIRTUOSO_PASSWORD": PASSWORD, "WRONG": "not-the-password"}
    runner = CliRunner(env=env)
    base = ["--endpoint", virtuoso.url, "--preset", "virtuoso", "--user", "dba"]
    pushed = runner.invoke(
        main, ["push", *base, "--password-env", "VIRTUOSO_PASSWORD", "--digest", "--data", str(data)]
    )
    assert pushed.exit_code == 0, pushed.output
    assert f"to {virtuoso.url}/sparql-graph-crud-auth (POST" in pushed.stderr and "verified" in pushed.stderr
    asked = runner.invoke(main, ["query", *base, "--password-env", "VIRTUOSO_PASSWORD", "--digest",
                                 "ASK { ?s kg:intrudesInto kge:Poland }"])  # fmt: skip
    assert (asked.exit_code, asked.stdout.strip()) == (0, "true"), asked.output
    wrong = ["--password-env", "WRONG"]
    for command in (["push", *base, *wrong, "--data", str(data)], ["stats", *base, *wrong, "--digest"]):
        failed = runner.invoke(main, command)  # the preset sends a digest, --digest or not
        assert failed.exit_code == 1, failed.output
        [line] = failed.stderr.splitlines()
        assert "refused the request (HTTP 401 Unauthorized): check --user" in line and "not-the-password" not in line
    bare = runner.invoke(main, ["push", "--endpoint", virtuoso.url + "/sparql-graph-crud-auth", "--data", str(data)])
    assert bare.exit_code == 1 and "the server asks for HTTP Digest: add --digest" in bare.stderr, bare.output
    with pytest.raises(StoreError, match="HTTP 401"):
        remote_query(virtuoso.url, "ASK {}", preset="virtuoso", auth=DigestAuth("dba", "wrong"))


def rows(result) -> Counter:
    if result.type == "ASK":
        return Counter([result.askAnswer])
    return Counter(tuple(rdflib_term(v) for v in row) for row in result)


@pytest.fixture(scope="module")
def pushed_seeds(virtuoso_server, seed_dataset):
    with Store(None) as local:
        local.add_dataset(seed_dataset)
        push(local, virtuoso_server.url, preset="virtuoso", replace=True, sync=True)
    return seed_dataset


@pytest.mark.parametrize(("name", "binds"), CASES, ids=[f"{n}{'+' + ','.join(b) if b else ''}" for n, b in CASES])
def test_saved_queries_give_the_local_rows(pushed_seeds, virtuoso_server, name, binds):
    prefixes = prefix_map({})
    bindings = {k: v for k, v in (parse_binding(b, prefixes) for b in binds)}
    text = saved_queries()[name].text
    local = run_query(pushed_seeds, text, bindings)
    remote = remote_query(virtuoso_server.url, text, bindings, preset="virtuoso")
    assert rows(remote) == rows(local)
