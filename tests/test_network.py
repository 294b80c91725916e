"""No outbound request an analyst did not ask for: SERVICE, FROM <IRI> and remote JSON-LD contexts are refused
by default (the loopback server started here records that it was never contacted), and allowed with a flag and
a time-out."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import InputError, QueryError
from kgraph.network import allowing, remote_contexts
from kgraph.sources import FileSource
from kgraph.store import Store, read_dataset

EX = "http://example.org/"
CONTEXT = {"@context": {"name": "http://schema.org/name"}}
ROWS = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "from afar"}}]}}


@dataclass
class Loopback:
    """A server on 127.0.0.1 that records every request: /sparql answers one row, /context.jsonld a JSON-LD
    context, /g.ttl a triple, /hang waits 30 s before answering."""

    url: str
    seen: list[str] = field(default_factory=list)


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    record = Loopback(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            record.seen.append(self.path)
            path = urllib.parse.urlsplit(self.path).path
            try:
                if path == "/hang":
                    time.sleep(30)
                    return
                if path == "/context.jsonld":
                    body, mime = json.dumps(CONTEXT).encode(), "application/ld+json"
                elif path == "/g.ttl":
                    body, mime = f"<{EX}a> <{EX}p> <{EX}remote> .\n".encode(), "text/turtle"
                else:
                    body, mime = json.dumps(ROWS).encode(), "application/sparql-results+json"
                self.send_response(200)
                self.send_header("Content-Type", mime)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield record
    server.shutdown()
    server.server_close()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "g.trig"
    path.write_text(f"<{EX}g1> {{ <{EX}a> <{EX}p> <{EX}b> . }}\n", encoding="utf-8")
    return path


@pytest.fixture
def store_dir(tmp_path: Path, data_file: Path) -> Path:
    with Store(tmp_path / "kb") as store:
        store.add_dataset(read_dataset([data_file]))
    return tmp_path / "kb"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def service_query(url: str) -> str:
    return f"SELECT ?x WHERE {{ <{EX}a> <{EX}p> ?o . SERVICE <{url}> {{ ?s ?p ?x }} }}"


@pytest.mark.parametrize("source", ["--data", "--store"])
def test_service_is_refused_by_default(loopback, data_file, store_dir, source):
    where = str(data_file if source == "--data" else store_dir)
    result = run("query", source, where, service_query(loopback.url + "/sparql"))
    assert result.exit_code == 2, result.output
    assert "--allow-service" in result.stderr and "Traceback" not in result.output
    assert loopback.seen == []


def test_service_hidden_in_a_filter_or_after_silent_is_refused(loopback, data_file, store_dir):
    query = f"ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE SILENT <{loopback.url}/sparql> {{ ?s ?p ?x }} }} }}"
    for source, where in (("--data", data_file), ("--store", store_dir)):
        result = run("query", source, str(where), query)
        assert result.exit_code == 2 and "--allow-service" in result.stderr, result.output
    # the word in a string, an IRI or a comment is no SERVICE call
    quiet = 'SELECT ?o WHERE { ?s ?p ?o FILTER(?o != "SERVICE <http://x/>") } # SERVICE <http://y/>'
    assert run("query", "--store", str(store_dir), quiet).exit_code == 0
    assert loopback.seen == []


@pytest.mark.parametrize("source", ["--data", "--store"])
def test_service_when_allowed(loopback, data_file, store_dir, source):
    where = str(data_file if source == "--data" else store_dir)
    result = run("query", source, where, "--allow-service", "--format", "csv", service_query(loopback.url + "/sparql"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["x", "from afar"]
    assert len(loopback.seen) == 1


@pytest.mark.parametrize("source", ["--data", "--store"])
def test_allowed_service_has_a_time_out(loopback, data_file, store_dir, source):
    where = str(data_file if source == "--data" else store_dir)
    args = ["--allow-service", "--network-timeout", "1", service_query(loopback.url + "/hang")]
    result = run("query", source, where, *args)
    assert result.exit_code != 0
    assert "did not answer within 1 s" in result.stderr, result.output


def test_from_a_url_or_a_file_is_refused(loopback, data_file, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text(f"<{EX}a> <{EX}p> <{EX}secret> .\n", encoding="utf-8")
    for iri in (loopback.url + "/g.ttl", secret.as_uri()):
        for clause in ("FROM", "FROM NAMED"):
            result = run("query", "--data", str(data_file), f"SELECT * {clause} <{iri}> WHERE {{ ?s ?p ?o }}")
            assert result.exit_code == 2, result.output
            assert f"FROM <{iri}>" in result.stderr and "--allow-remote" in result.stderr
    assert loopback.seen == []
    # a graph of the data is no fetch
    local = run("query", "--data", str(data_file), "--format", "csv", f"SELECT ?o FROM <{EX}g1> WHERE {{ ?s ?p ?o }}")
    assert local.exit_code == 0 and local.stdout.splitlines() == ["o", f"{EX}b"], local.output


def test_from_when_allowed(loopback, data_file):
    query = f"SELECT ?o FROM <{loopback.url}/g.ttl> WHERE {{ ?s ?p ?o }}"
    result = run("query", "--data", str(data_file), "--allow-remote", "--format", "csv", query)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["o", f"{EX}remote"]
    assert loopback.seen


def test_library_policy_is_scoped(loopback, data_file):
    source = FileSource([data_file])
    with pytest.raises(QueryError, match="--allow-service"):
        source.query(service_query(loopback.url + "/sparql"))
    with allowing(service=True, timeout=5):
        assert [str(row[0]) for row in source.query(service_query(loopback.url + "/sparql"))] == ["from afar"]
    with pytest.raises(QueryError, match="--allow-service"):  # the block is over: refused again
        source.query(service_query(loopback.url + "/sparql"))


# --- JSON-LD contexts ---------------------------------------------------------------------------------------


def jsonld_file(tmp_path: Path, context: object) -> Path:
    path = tmp_path / "remote.jsonld"
    document = {"@context": context, "@id": f"{EX}a", "name": "Alpha"}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["query", "SELECT * WHERE { ?s ?p ?o }"],
        ["view", "-o", "{tmp}/v.html"],
        ["validate"],
        ["export", "-o", "{tmp}/out.ttl"],
        ["push", "--endpoint", "{url}/store"],
    ],
)
def test_remote_jsonld_context_is_not_fetched(loopback, tmp_path, command):
    path = jsonld_file(tmp_path, [loopback.url + "/context.jsonld", {"x": EX}])
    args = [a.replace("{tmp}", str(tmp_path)).replace("{url}", loopback.url) for a in command]
    result = run(*args, "--data", str(path))
    assert result.exit_code == 2, result.output
    assert "--allow-remote-context" in result.stderr and "Traceback" not in result.output
    assert loopback.seen == []


def test_remote_jsonld_context_when_allowed(loopback, tmp_path):
    path = jsonld_file(tmp_path, loopback.url + "/context.jsonld")
    query = "SELECT ?n WHERE { ?s <http://schema.org/name> ?n }"
    result = run("query", "--data", str(path), "--allow-remote-context", "--format", "csv", query)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "Alpha"]
    assert loopback.seen == ["/context.jsonld"]


def test_remote_jsonld_context_has_a_time_out(loopback, tmp_path):
    path = jsonld_file(tmp_path, loopback.url + "/hang")
    result = run("export", "--data", str(path), "-o", str(tmp_path / "o.ttl"), "--allow-remote-context",
                 "--network-timeout", "1")  # fmt: skip
    assert result.exit_code == 2 and "timed out" in result.stderr, result.output


def test_remote_contexts_are_found_at_any_depth():
    document = {
        "@context": {"@import": "http://a/ctx", "knows": {"@id": "http://b/k", "@context": "http://c/scoped"}},
        "@graph": [{"@context": ["http://d/ctx", {"x": "http://e/"}]}],
    }
    assert sorted(remote_contexts(document)) == ["http://a/ctx", "http://c/scoped", "http://d/ctx"]
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert remote_contexts(deep) == []


def test_inline_context_needs_no_flag(tmp_path):
    path = jsonld_file(tmp_path, CONTEXT["@context"])
    assert len(read_dataset([path])) == 1
    with pytest.raises(InputError, match="allow-remote-context"):
        read_dataset([jsonld_file(tmp_path, "http://127.0.0.1:9/ctx")])
