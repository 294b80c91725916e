"""Triple stores over HTTP. Takes a Store or an rdflib Dataset and an endpoint URL; pushes the graphs with the
SPARQL 1.1 Graph Store Protocol (yields a PushReport) and runs SPARQL with the SPARQL 1.1 Protocol (yields an
rdflib Result, like every other source).

Standard library only (urllib). Every failure is one StoreError or QueryError line naming the URL and what to
check; local data is only ever read, so a failed push leaves it untouched.
"""

from __future__ import annotations

import base64
import io
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Node

from . import formats
from .errors import InputError, QueryError, StoreError
from .graph import new_dataset
from .query import prepare, query_kind
from .store import Store, bind_values
from .vocab import PREFIXES

PRESETS = ("oxigraph", "fuseki", "graphdb")
Auth = tuple[str, str] | str | None  # (user, password): HTTP basic; a string: a bearer token
_NQUADS = formats.NQUADS.media_type
_NTRIPLES = formats.NTRIPLES.media_type
_RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The two URLs of one triple store: Graph Store Protocol (push) and SPARQL query."""

    store: str
    query: str
    union_param: bool = False  # Oxigraph: ask for the union of all graphs as default graph, per query


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not an http(s) URL: {url!r}")
    return url.rstrip("/")


def resolve_endpoint(url: str, preset: str | None = None) -> Endpoint:
    """URLs for a server. Without a preset, ``url`` is used for both. Presets take the server's base URL:
    oxigraph ``http://host:7878`` (-> /store, /query), fuseki ``http://host:3030/DATASET`` (-> /data, /query),
    graphdb ``http://host:7200/repositories/REPO`` (-> /rdf-graphs/service, the repository itself)."""
    base = _check_url(url)
    if preset is None:
        return Endpoint(store=base, query=base)
    if preset == "oxigraph":
        base = _strip(base, "/store", "/query")
        return Endpoint(store=base + "/store", query=base + "/query", union_param=True)
    if preset == "fuseki":
        base = _strip(base, "/data", "/query", "/sparql", "/get")
        return Endpoint(store=base + "/data", query=base + "/query")
    if preset == "graphdb":
        base = _strip(base, "/rdf-graphs/service", "/statements")
        return Endpoint(store=base + "/rdf-graphs/service", query=base)
    raise InputError(f"unknown preset {preset!r}; use one of {', '.join(PRESETS)}")


def _strip(url: str, *suffixes: str) -> str:
    for suffix in suffixes:
        if url.endswith(suffix):
            return url[: -len(suffix)]
    return url


# --- HTTP ---------------------------------------------------------------------------------------------------


def _headers(auth: Auth, **extra: str) -> dict[str, str]:
    headers = {"User-Agent": "kgraph", **extra}
    if isinstance(auth, tuple):
        user, password = auth
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    elif isinstance(auth, str):
        headers["Authorization"] = f"Bearer {auth}"
    return headers


def _detail(exc: urllib.error.HTTPError) -> str:
    """The first line of the server's error body: usually the actual reason (a parse error, a missing graph)."""
    try:
        text = exc.read(2000).decode("utf-8", "replace").strip()
    except Exception:  # the body is a courtesy; failing to read it must not hide the status
        text = ""
    line = text.splitlines()[0].strip() if text else ""
    return f": {line[:200]}" if line else ""


def _request(
    method: str, url: str, *, body: bytes | None, headers: dict[str, str], timeout: float
) -> tuple[str, bytes]:
    """One HTTP exchange -> (content type, body). Every failure becomes a one-line StoreError."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        status = f"HTTP {exc.code} {exc.reason}".strip()
        if exc.code in (401, 403):
            raise StoreError(
                f"{url} refused the request ({status}): check --user/--password-env or --token-env"
            ) from exc
        if exc.code == 404:
            raise StoreError(
                f"{url} answered {status}: is it the right endpoint? (see --preset){_detail(exc)}"
            ) from exc
        if exc.code < 500:
            raise StoreError(f"{url} rejected the request ({status}){_detail(exc)}") from exc
        raise StoreError(f"{url} failed on its side ({status}){_detail(exc)}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"cannot connect to {url}: connection refused (is the triple store running?)") from exc
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise StoreError(f"{url} did not answer within {timeout:g} s") from exc
        raise StoreError(f"cannot reach {url}: {reason}") from exc
    except TimeoutError as exc:  # the connection was made but the answer did not come in time
        raise StoreError(f"{url} did not answer within {timeout:g} s") from exc
    except (ConnectionError, OSError) as exc:  # reset, closed mid-answer, ...
        raise StoreError(f"connection to {url} failed: {exc.strerror or exc}") from exc


# --- push (Graph Store Protocol) ----------------------------------------------------------------------------


@dataclass
class PushReport:
    """What a push sent."""

    endpoint: str
    method: str  # POST (merge) or PUT (replace)
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    requests: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        graphs = f"{self.graphs} graph{'s' if self.graphs != 1 else ''}"
        requests = f"{self.requests} request{'s' if self.requests != 1 else ''}"
        return (
            f"pushed {self.triples} triples in {graphs} to {self.endpoint} "
            f"({self.method}, {requests}, {self.bytes / 1024:.0f} KiB, {self.seconds:.2f} s)"
        )


def _graph_url(store_url: str, graph: str | None) -> str:
    """GSP addressing: ``?graph=<url-encoded IRI>`` or ``?default``."""
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{store_url}{'&' if '?' in store_url else '?'}{query}"


def _as_store(source: Store | Dataset) -> tuple[Store, bool]:
    if isinstance(source, Store):
        return source, False
    if isinstance(source, Dataset):
        memory = Store(None)
        memory.add_dataset(source)
        return memory, True
    raise InputError(f"cannot push a {type(source).__name__}: give a kgraph Store or an rdflib Dataset")


def _check_graph_iri(graph: str) -> None:
    try:
        ox.NamedNode(graph)
    except ValueError as exc:
        raise InputError(f"not a valid graph IRI: {graph!r}") from exc
    if ":" not in graph:
        raise InputError(f"the graph IRI must be absolute: {graph!r}")


def push(
    dataset_or_store: Store | Dataset,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    auth: Auth = None,
    timeout: float = 30,
    preset: str | None = None,
) -> PushReport:
    """Send graphs to a triple store with the SPARQL 1.1 Graph Store Protocol.

    Default: one POST of N-Quads that merges every named graph into the server's graph of the same name
    (re-pushing the same data changes nothing: RDF graphs are sets). ``replace``: one PUT per named graph, so
    each server graph ends up exactly as here (use it after articles were rebuilt). ``graph``: everything (the
    union) goes into that one graph, by POST or, with ``replace``, PUT.
    """
    urls = resolve_endpoint(endpoint, preset)
    if graph is not None:
        _check_graph_iri(graph)
    store, temporary = _as_store(dataset_or_store)
    report = PushReport(endpoint=urls.store, method="PUT" if replace else "POST")
    started = time.perf_counter()
    try:
        for url, content_type, body in _payloads(store, urls.store, graph, replace, report):
            headers = _headers(auth, **{"Content-Type": content_type})
            try:
                _request(report.method, url, body=body, headers=headers, timeout=timeout)
            except StoreError as exc:
                if report.requests:
                    raise StoreError(f"{exc} (after {report.requests} graphs were sent)") from exc
                raise
            report.requests += 1
            report.bytes += len(body)
        report.seconds = time.perf_counter() - started
        if not replace and store.query(_HAS_BNODES).askAnswer:
            report.notes.append("the data has blank nodes: pushing it again adds copies of them; use --replace")
    finally:
        if temporary:
            store.close()
    return report


_HAS_BNODES = "ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"


def _payloads(store: Store, store_url: str, graph: str | None, replace: bool, report: PushReport) -> Any:
    """(url, content type, body) for each request; counts graphs and triples into ``report`` as it goes."""
    if graph is not None:
        body = store.dump("nt")
        report.graphs, report.triples = 1, body.count(b"\n")
        yield _graph_url(store_url, graph), _NTRIPLES, body
        return
    names = store.graphs()
    has_default = any(True for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if not replace:
        body = store.dump("nquads")
        report.graphs, report.triples = len(names) + has_default, body.count(b"\n")
        yield store_url, _NQUADS, body
        return
    targets: list[str | None] = [*names, *([None] if has_default else [])]
    for name in targets:
        source = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        body = bytes(store.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source) or b"")
        report.graphs += 1
        report.triples += body.count(b"\n")
        yield _graph_url(store_url, name), _NTRIPLES, body


# --- SPARQL queries -----------------------------------------------------------------------------------------

_PROLOGUE = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())


def remote_query(
    endpoint: str,
    sparql: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    timeout: float = 30,
    auth: Auth = None,
    preset: str | None = None,
) -> Result:
    """Run SPARQL on a remote endpoint; the answer is an rdflib Result.

    The query is checked here first (same messages as local queries), our prefixes are declared for the
    server, and bound values open the WHERE group as a VALUES block written by Oxigraph's serialiser. Queries
    see the server's default graph: run Oxigraph with ``--union-default-graph`` (or use ``preset="oxigraph"``)
    so that it is the union of the article graphs, as in a local store.
    """
    urls = resolve_endpoint(endpoint, preset)
    kind = query_kind(prepare(sparql))
    text = _PROLOGUE + bind_values(sparql, dict(bindings or {}))
    form: dict[str, str] = {"query": text}
    if urls.union_param:
        form["union-default-graph"] = ""
    accept = _RESULTS_JSON if kind in ("SELECT", "ASK") else f"{_NTRIPLES}, {formats.TURTLE.media_type};q=0.9"
    headers = _headers(auth, **{"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    body = urllib.parse.urlencode(form).encode("utf-8")
    try:
        content_type, answer = _request("POST", urls.query, body=body, headers=headers, timeout=timeout)
    except StoreError as exc:
        cause = exc.__cause__
        if isinstance(cause, urllib.error.HTTPError) and cause.code == 400:
            raise QueryError(f"the endpoint rejected the query: {exc}") from exc
        raise
    return _parse_answer(urls.query, content_type, answer)


def _parse_answer(url: str, content_type: str, answer: bytes) -> Result:
    mime = content_type.split(";")[0].strip().lower()
    try:
        if mime in (_RESULTS_JSON, "application/json"):
            return Result.parse(io.BytesIO(answer), format="json")
        if mime == "application/sparql-results+xml":
            return Result.parse(io.BytesIO(answer), format="xml")
        rdf = formats.by_media_type(mime)
        if rdf is not None and not rdf.quads:  # a CONSTRUCT or DESCRIBE answer is one graph
            graph = Graph().parse(data=answer, format=rdf.name)
            result = Result("CONSTRUCT")
            result.graph = graph
            return result
    except Exception as exc:  # the parsers raise many types for a malformed answer
        raise StoreError(f"{url} sent an answer kgraph cannot read ({mime}): {exc}") from exc
    raise StoreError(f"{url} answered with {mime or 'no content type'}, not SPARQL results")


class RemoteSource:
    """A SPARQL endpoint as a kgraph Source: ``query`` runs remotely; ``dataset`` fetches every named graph."""

    def __init__(self, endpoint: str, *, preset: str | None = None, auth: Auth = None, timeout: float = 30) -> None:
        self.endpoint = endpoint
        self._options: dict[str, Any] = {"preset": preset, "auth": auth, "timeout": timeout}
        resolve_endpoint(endpoint, preset)  # a malformed URL fails now, not at the first query

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        return remote_query(self.endpoint, sparql, bindings, **self._options)

    def dataset(self) -> Dataset:
        """Every named graph of the endpoint (or, when it has none, its default graph) in an rdflib Dataset."""
        dataset = new_dataset()
        rows = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        contexts: dict[Node, Graph] = {}
        quads = []
        for g, s, p, o in rows:  # type: ignore[misc]
            context = contexts.get(g)
            if context is None:
                context = contexts[g] = dataset.graph(g)
            quads.append((s, p, o, context))
        if quads:
            dataset.addN(quads)
        else:
            graph = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
            for triple in graph or ():
                dataset.default_graph.add(triple)
        return dataset

    def close(self) -> None:
        pass
