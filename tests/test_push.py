"""Pushing to a real Oxigraph server and querying it back over HTTP; every failure is one clear line, a
non-zero exit, and leaves local data untouched."""

from __future__ import annotations

import base64
import hashlib
import shlex
import threading
import time
import urllib.parse
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from oxigraph_server import free_port
from rdflib import Dataset, Literal, URIRef

from kgraph.cli import main
from kgraph.errors import InputError, QueryError, StoreError
from kgraph.extract import extract
from kgraph.graph import build_dataset
from kgraph.remote import push, remote_query, resolve_endpoint
from kgraph.sources import open_source
from kgraph.store import Store, write_dataset
from kgraph.types import Article
from kgraph.vocab import KGE

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
QUERIES = [
    # DISTINCT: Oxigraph 0.5's --union-default-graph repeats a triple once per graph holding it (issue 1919);
    # the local store answers from a deduplicated union
    ("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {}),
    (COUNT_PER_GRAPH, {}),
    ("SELECT ?c ?e WHERE { ?c a kg:Claim ; rdf:subject ?s ; kg:evidence ?e }", {"s": KGE.Russia}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?c rdf:subject ?s }", {"s": KGE.Russia}),
    ("SELECT ?c WHERE { ?c kg:evidence ?e FILTER(CONTAINS(?e, ?word)) }", {"word": Literal("Poland")}),
    ("ASK { ?s kg:intrudesInto kge:Poland }", {}),
]


def canonical(term):
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return ("number", Decimal(str(value)))
    return term


def answer(result) -> object:
    if result.type == "ASK":
        return result.askAnswer
    return sorted((tuple(canonical(v) for v in row) for row in result), key=repr)


@pytest.fixture
def local(two_articles):
    with Store(None) as store:
        store.add_dataset(two_articles)
        yield store


def count(result) -> int:
    [(n,)] = list(result)
    return int(n)


def server_count(url: str) -> int:
    return count(remote_query(url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))


def test_push_then_query_back_gives_the_local_answers(oxigraph_server, two_articles, local):
    url = oxigraph_server.url
    started = time.perf_counter()
    report = push(two_articles, url, preset="oxigraph")
    elapsed = time.perf_counter() - started
    assert (report.graphs, report.triples, report.method, report.requests) == (2, len(local), "POST", 1)
    assert report.endpoint == url + "/store" and 0 < report.seconds <= elapsed
    for sparql, bindings in QUERIES:
        remote = remote_query(url + "/query", sparql, bindings)
        assert answer(remote) == answer(local.query(sparql, bindings)), sparql
    # named graphs kept, one per article
    graphs = {str(row[0]) for row in remote_query(url + "/query", COUNT_PER_GRAPH)}  # type: ignore[index]
    assert graphs == set(local.graphs()) and len(graphs) == 2


def test_repush_is_idempotent_and_replace_drops_stale_triples(oxigraph_server, two_articles, local, nlp, ontology):
    url = oxigraph_server.url
    for _ in range(2):
        push(local, url, preset="oxigraph")
        assert server_count(url) == len(local)
    for _ in range(2):
        assert push(local, url, preset="oxigraph", replace=True).requests == 2
        assert server_count(url) == len(local)
    # the second article is rebuilt with other text: POST would merge old and new, PUT replaces
    rebuilt = build_dataset(extract([Article(id="second", title="Second", text="NATO met Poland.")], nlp, ontology))
    report = push(rebuilt, url, preset="oxigraph", replace=True)
    assert (report.method, report.graphs) == ("PUT", 1)
    remote = open_source(endpoint=url + "/query").dataset()
    second = "https://w3id.org/kgraph/graph/second"

    def graph_of(dataset: Dataset) -> set[tuple]:
        return {(s, p, canonical(o)) for s, p, o, g in dataset.quads((None, None, None, None)) if str(g) == second}

    assert graph_of(remote) == graph_of(rebuilt) and graph_of(rebuilt)


def test_push_everything_into_one_graph(oxigraph_server, local):
    target = "http://example.org/graphs/kg?version=1&x=y z"
    with pytest.raises(Exception, match="not a valid graph IRI"):
        push(local, oxigraph_server.url, preset="oxigraph", graph=target)
    target = "http://example.org/graphs/kg?version=1&x=y"
    report = push(local, oxigraph_server.url, preset="oxigraph", graph=target)
    union = len({(s, p, o) for s, p, o, _ in local.quads()})
    assert (report.graphs, report.triples) == (1, union)
    rows = list(remote_query(oxigraph_server.url, COUNT_PER_GRAPH, preset="oxigraph"))
    assert [(str(g), int(n)) for g, n in rows] == [(target, union)]  # type: ignore[misc]


def test_remote_source_dataset_and_union_param(oxigraph_server, two_articles, local, tmp_path):
    push(two_articles, oxigraph_server.url, preset="oxigraph")
    source = open_source(endpoint=oxigraph_server.url + "/query")
    fetched = {(s, p, canonical(o), g) for s, p, o, g in source.dataset().quads((None, None, None, None))}
    assert fetched == {(s, p, canonical(o), g) for s, p, o, g in local.quads()}
    # a server without --union-default-graph: the oxigraph preset asks for the union per query
    from oxigraph_server import OxigraphServer

    with OxigraphServer(tmp_path / "plain", union_default_graph=False) as plain:
        push(local, plain.url, preset="oxigraph")
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert count(remote_query(plain.url + "/query", query)) == 0
        assert count(remote_query(plain.url, query, preset="oxigraph")) == len(local)


def test_cli_push_from_store_and_files(oxigraph_server, two_articles, local, tmp_path):
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    with Store(tmp_path / "kb") as store:
        store.add_dataset(two_articles)
    runner = CliRunner()
    args = ["push", "--endpoint", oxigraph_server.url, "--preset", "oxigraph", "--store", str(tmp_path / "kb")]
    pushed = runner.invoke(main, args)
    assert pushed.exit_code == 0, pushed.output
    assert pushed.stderr.startswith(f"pushed {len(local)} triples in 2 graphs to {oxigraph_server.url}/store (POST")
    args = ["push", "--endpoint", oxigraph_server.url + "/store", "--data", str(data), "--replace"]
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "(PUT, 2 requests," in again.stderr
    assert server_count(oxigraph_server.url) == len(local)


def test_resolve_endpoint_presets():
    def urls(url: str, preset: str | None = None) -> tuple[str, str]:
        endpoint = resolve_endpoint(url, preset)
        return endpoint.store, endpoint.query

    assert urls("http://h:7878/", "oxigraph") == ("http://h:7878/store", "http://h:7878/query")
    assert urls("http://h:7878/store", "oxigraph") == ("http://h:7878/store", "http://h:7878/query")
    assert urls("http://h:3030/ds", "fuseki") == ("http://h:3030/ds/data", "http://h:3030/ds/query")
    assert urls("http://h:7200/repositories/kg", "graphdb") == (
        "http://h:7200/repositories/kg/rdf-graphs/service",
        "http://h:7200/repositories/kg",
    )
    assert urls("https://h/sparql") == ("https://h/sparql", "https://h/sparql")


# --- failures -----------------------------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers by path: /status/NNN -> that status, /slow -> answers after 3 s; records every request."""

    seen: ClassVar[list[tuple[str, str, dict[str, str]]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        Recorder.seen.append((self.command, self.path, dict(self.headers)))
        path = urllib.parse.urlsplit(self.path).path
        try:
            if path == "/slow":
                time.sleep(3)
                self.send_response(204)
                self.end_headers()
                return
            status = int(path.rsplit("/", 1)[-1]) if path.startswith("/status/") else 204
            body = b"Parse error at line 3: unexpected '}'\nstack trace follows" if status >= 400 else b""
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the time-out test)
            pass

    do_POST = do_PUT = do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_server():
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def local_files(two_articles, tmp_path_factory):
    """A data file and a store, with a fingerprint of each to prove a failed push left them alone."""
    tmp_path = tmp_path_factory.mktemp("local")
    data = tmp_path / "g.trig"
    write_dataset(two_articles, data)
    with Store(tmp_path / "kb") as store:
        store.add_dataset(two_articles)

    def fingerprint() -> tuple[str, frozenset]:
        with Store(tmp_path / "kb", create=False) as store:
            return hashlib.sha256(data.read_bytes()).hexdigest(), frozenset(store.quads())

    return data, tmp_path / "kb", fingerprint


@pytest.mark.parametrize(
    ("where", "extra", "message"),
    [
        ("down", [], "cannot connect to {url}/store?graph="),
        ("/status/400", [], "rejected the request (HTTP 400 Bad Request): Parse error at line 3: unexpected '}'"),
        (
            "/status/401",
            [],
            "refused the request (HTTP 401 Unauthorized): check --user/--password-env (--digest for HTTP Digest)",
        ),
        ("/status/404", [], "answered HTTP 404 Not Found: is it the right endpoint? (see --preset)"),
        ("/status/500", [], "failed on its side (HTTP 500 Internal Server Error): Parse error at line 3"),
        ("/status/503", ["--replace"], "failed on its side (HTTP 503 Service Unavailable)"),
        ("/slow", ["--timeout", "0.5"], "did not answer within 0.5 s"),
    ],
)
@pytest.mark.parametrize("source", ["--data", "--store"])
def test_push_failures(fake_server, local_files, where, extra, message, source):
    data, kb, fingerprint = local_files
    before = fingerprint()
    url = f"http://127.0.0.1:{free_port()}" if where == "down" else fake_server + where
    endpoint = url + "/store" if where == "down" else url
    args = ["push", "--endpoint", endpoint, source, str(data if source == "--data" else kb), *extra]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output
    assert message.replace("{url}", url) in lines[0]
    assert fingerprint() == before


@pytest.fixture
def tiny_file(tmp_path) -> str:
    path = tmp_path / "tiny.nq"
    kg = "https://w3id.org/kgraph/"
    path.write_text(f"<{kg}entity/A> <{kg}ontology#memberOf> <{kg}entity/B> <{kg}graph/t> .\n", encoding="utf-8")
    return str(path)


def test_auth_headers_and_graph_iri_encoding(fake_server, local, tiny_file, monkeypatch):
    push(local, fake_server, auth=("analyst", "s3cret:!"), graph="http://example.org/g?x=1&y=#z")
    method, path, headers = Recorder.seen[-1]
    assert method == "POST" and headers["Content-Type"] == "application/n-triples"
    assert path == "/?graph=" + urllib.parse.quote("http://example.org/g?x=1&y=#z", safe="")
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"analyst:s3cret:!").decode()
    monkeypatch.setenv("KG_TOKEN", "tok-123")
    monkeypatch.setenv("KG_PASSWORD", "pw")
    runner = CliRunner()
    for args, expected in [
        (["--token-env", "KG_TOKEN"], "Bearer tok-123"),
        (["--user", "me", "--password-env", "KG_PASSWORD"], "Basic " + base64.b64encode(b"me:pw").decode()),
    ]:
        done = runner.invoke(main, ["push", "--endpoint", fake_server, "--data", tiny_file, *args])
        assert done.exit_code == 0, done.output
        method, path, headers = Recorder.seen[-1]
        graph = urllib.parse.quote("https://w3id.org/kgraph/graph/t", safe="")
        assert (method, path, headers["Content-Type"]) == ("POST", f"/?graph={graph}", "application/n-triples")
        assert headers["Authorization"] == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--token-env", "KG_UNSET_VARIABLE"], "environment variable KG_UNSET_VARIABLE is not set"),
        (["--user", "me"], "http auth needs both --user and --password-env"),
        (["--user", "me", "--password-env", "X", "--token-env", "Y"], "not both"),
    ],
)
def test_push_auth_option_errors(fake_server, tiny_file, args, message):
    result = CliRunner().invoke(main, ["push", "--endpoint", fake_server, "--data", tiny_file, *args])
    assert result.exit_code == 2 and message in result.stderr
    assert Recorder.seen == []


def test_remote_query_failures(fake_server):
    with pytest.raises(QueryError, match=r"rejected the query: .*HTTP 400"):
        remote_query(fake_server + "/status/400", "ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match="HTTP 500"):
        remote_query(fake_server + "/status/500", "ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match="connection refused"):
        remote_query(f"http://127.0.0.1:{free_port()}/query", "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError):  # checked here before anything is sent
        remote_query(fake_server, "ASK { ?s ?p }")
    assert [m for m, *_ in Recorder.seen] == ["POST", "POST"]
    with pytest.raises(InputError, match="not an http"):
        open_source(endpoint="ftp://example.org/sparql")


def test_bound_values_reach_the_server(oxigraph_server, local):
    push(local, oxigraph_server.url, preset="oxigraph")
    query = "SELECT DISTINCT ?label WHERE { ?e skos:prefLabel ?label }"  # see QUERIES on DISTINCT
    for entity in (KGE.Poland, URIRef("https://w3id.org/kgraph/entity/Nowhere")):
        remote = remote_query(oxigraph_server.url + "/query", query, {"e": entity})
        assert answer(remote) == answer(local.query(query, {"e": entity}))


def test_readme_session(oxigraph_server, tmp_path, monkeypatch):
    """The README's store-export-push session, run as written (against this test's server)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Store, export and push", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("  #", 1)[0] for line in block.splitlines() if line.startswith("kgraph ")]
    assert len(commands) >= 8
    (tmp_path / "seeds").symlink_to(Path(__file__).resolve().parent.parent / "seeds")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command in commands:
        args = shlex.split(command.replace("http://127.0.0.1:7878", oxigraph_server.url))[1:]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (command, result.output)
        if args[0] == "query":
            assert "intrudesInto" in result.stdout
    assert (tmp_path / "graph.gexf").is_file() and (tmp_path / "graph.trig").is_file()


def test_every_command_with_endpoint_takes_preset_and_credentials(oxigraph_server, local, fake_server, monkeypatch):
    push(local, oxigraph_server.url, preset="oxigraph")
    runner = CliRunner()
    base = ["--endpoint", oxigraph_server.url, "--preset", "oxigraph"]  # the base URL: /query from the preset
    for command in (["query", "ASK { ?s kg:intrudesInto kge:Poland }"], ["stats"], ["entities"]):
        done = runner.invoke(main, [*command, *base])
        assert done.exit_code == 0, (command, done.output)
    monkeypatch.setenv("KG_TOKEN", "tok-123")
    monkeypatch.setenv("KG_PASSWORD", "pw")
    for command in (["query", "ASK {}"], ["stats"], ["why", "Russia", "*", "Poland"], ["view", "-o", "/dev/null"]):
        for auth, expected in [
            (["--token-env", "KG_TOKEN"], "Bearer tok-123"),
            (["--user", "me", "--password-env", "KG_PASSWORD"], "Basic " + base64.b64encode(b"me:pw").decode()),
        ]:
            Recorder.seen = []
            done = runner.invoke(main, [*command, "--endpoint", fake_server, *auth])
            assert done.exit_code == 1 and "not SPARQL results" in done.stderr, (command, done.output)
            assert Recorder.seen and Recorder.seen[0][2]["Authorization"] == expected
    misplaced = runner.invoke(main, ["query", "ASK {}", "--data", "x.ttl", "--preset", "oxigraph"])
    assert misplaced.exit_code == 2 and "go with --endpoint URL" in misplaced.stderr


def test_a_query_that_finds_nothing_in_an_empty_default_graph_says_why(local, tmp_path):
    from oxigraph_server import OxigraphServer

    with OxigraphServer(tmp_path / "plain", union_default_graph=False) as plain:  # as Jena keeps a TriG file
        query = ["query", "--endpoint", plain.url + "/query", "SELECT ?s WHERE { ?s kg:intrudesInto ?o }"]
        empty = CliRunner().invoke(main, query)
        assert empty.exit_code == 0 and "(0 rows)" in empty.stdout and "Note:" not in empty.stderr  # nothing at all
        push(local, plain.url, preset="oxigraph")
        hinted = CliRunner().invoke(main, query)
        assert hinted.exit_code == 0, hinted.output
        assert hinted.stderr.startswith("Note: the endpoint's default graph is empty, but its named graphs are not")
        union = CliRunner().invoke(main, [*query[:2], plain.url, "--preset", "oxigraph", query[-1]])
        assert union.exit_code == 0 and "intrudesInto" not in union.stderr and "Note:" not in union.stderr
        assert "kge:" in union.stdout
