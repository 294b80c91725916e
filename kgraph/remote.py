"""Triple stores over HTTP. Takes a Store or an rdflib Dataset and an endpoint URL; pushes the graphs with the
SPARQL 1.1 Graph Store Protocol (yields a PushReport) and runs SPARQL with the SPARQL 1.1 Protocol (yields an
rdflib Result, like every other source).

Standard library only (urllib). Every failure is one StoreError or QueryError line naming the URL and what to
check; local data is only ever read, so a failed push leaves it untouched.
"""

from __future__ import annotations

import base64
import http.client
import io
import re
import socket
import threading
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
        raise InputError(f"not an http(s) URL: {redact_url(url)!r}")
    return url.rstrip("/")


def redact_url(url: str) -> str:
    """The URL with the password of its user info hidden (``http://u:***@host``): it is safe to print."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<an unreadable URL>"
    if "@" not in parts.netloc:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}{':***' if colon else ''}@{host}"))


def _split_userinfo(url: str) -> tuple[str, tuple[str, str] | None]:
    """(the URL without user info, (user, password) from it or None): urllib would send neither."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=host))
    return bare, (urllib.parse.unquote(user), urllib.parse.unquote(password))


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


def _secret(value: str, what: str) -> str:
    """A password or token as read from the environment: the line end a shell or a file left is dropped; any
    other control character is refused, without printing the value."""
    value = value.strip()
    if not value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise InputError(f"the {what} is empty or holds a control character (kgraph does not print it): check it")
    return value


def _headers(auth: Auth, **extra: str) -> dict[str, str]:
    headers = {"User-Agent": "kgraph", **extra}
    if isinstance(auth, tuple):
        user, password = auth[0], _secret(auth[1], "password")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    elif isinstance(auth, str):
        headers["Authorization"] = f"Bearer {_secret(auth, 'token')}"
    return headers


def _secrets(headers: Mapping[str, str], url: str) -> list[str]:
    """Every form of the credentials a message must not show: the header value, the token, the password."""
    found: list[str] = []
    value = headers.get("Authorization", "")
    if value:
        found.append(value)
        scheme, _, credential = value.partition(" ")
        found.append(credential)
        if scheme == "Basic":
            decoded = base64.b64decode(credential).decode("utf-8", "replace")
            found += [decoded, decoded.partition(":")[2]]
    userinfo = _split_userinfo(url)[1]
    if userinfo is not None:
        found += [userinfo[1], urllib.parse.quote(userinfo[1], safe="")]
    return sorted((f for f in found if len(f) >= 3), key=len, reverse=True)


_CREDENTIAL_LINE = re.compile(r"(?i)\b(authorization|proxy-authorization|cookie|set-cookie)\b\s*[:=].*")
_CREDENTIAL_WORD = re.compile(r"(?i)\b(bearer|basic)\s+[\w.~+/=-]+")
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
_DETAIL_LENGTH = 160


def _redact(text: str, secrets: list[str]) -> str:
    """Text from a server (or an error) with credentials masked and control characters dropped."""
    for secret in secrets:
        text = text.replace(secret, "***")
    text = _CREDENTIAL_LINE.sub(lambda m: f"{m.group(1)}: ***", text)
    text = _CREDENTIAL_WORD.sub(lambda m: f"{m.group(1)} ***", text)
    text = _TERMINAL_ESCAPE.sub("", text)
    return "".join(c if c.isprintable() else " " for c in text)


def _detail(exc: urllib.error.HTTPError, secrets: list[str]) -> str:
    """The first line of the server's error body (usually the actual reason: a parse error, a missing graph),
    cut short and with anything like a credential masked: the body may echo the request's headers."""
    try:
        text = exc.read(2000).decode("utf-8", "replace").strip()
    except Exception:  # the body is a courtesy; failing to read it must not hide the status
        text = ""
    line = _redact(text.splitlines()[0].strip(), secrets) if text else ""
    return f": {line[:_DETAIL_LENGTH]}{'…' if len(line) > _DETAIL_LENGTH else ''}" if line else ""


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


class _Redirected(Exception):
    """A redirect kgraph does not follow (raised inside urllib's handler chain, turned into a StoreError)."""

    def __init__(self, code: int, target: str) -> None:
        super().__init__(target)
        self.code, self.target = code, target


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows only 307 and 308 to the same origin, keeping method, body and headers. Anything else would send
    the credentials to another host, or turn a POST into a GET without its body (and report success)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        newurl = urllib.parse.urljoin(req.full_url, newurl)
        if code not in (307, 308) or _origin(newurl) != _origin(req.full_url):
            raise _Redirected(code, newurl)
        return urllib.request.Request(newurl, data=req.data, method=req.get_method(), headers=dict(req.header_items()))


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


def _request(
    method: str, url: str, *, body: bytes | None, headers: dict[str, str], timeout: float
) -> tuple[str, bytes]:
    """One HTTP exchange -> (content type, body), within ``timeout`` seconds for the whole of it (a server that
    trickles its answer byte by byte does not extend it). Every failure is a one-line StoreError that shows
    neither the password of the URL nor the credentials."""
    shown = redact_url(url)
    target, userinfo = _split_userinfo(url)
    if userinfo is not None and "Authorization" not in headers:
        user, password = userinfo
        headers = {**headers, "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
    secrets = _secrets(headers, url)
    outcome: list[Any] = []

    def exchange() -> None:
        try:
            outcome.append(_exchange(method, target, shown, body, headers, timeout, secrets))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    # the socket time-out bounds each read, not the whole answer: the exchange runs in a daemon thread that is
    # abandoned at the deadline (it ends by itself at the next time-out or when the server closes)
    worker = threading.Thread(target=exchange, name="kgraph-http", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise StoreError(f"{shown} did not answer within {timeout:g} s (the deadline for the whole request)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    answer: tuple[str, bytes] = outcome[0]
    return answer


def _exchange(
    method: str, url: str, shown: str, body: bytes | None, headers: dict[str, str], timeout: float, secrets: list[str]
) -> tuple[str, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except _Redirected as exc:
        raise StoreError(
            f"{shown} redirected the request (HTTP {exc.code}) to {_redact(redact_url(exc.target), secrets)}; "
            "kgraph follows only 307/308 redirects to the same host (credentials and the request body stay with "
            "it): give the final URL as --endpoint"
        ) from None
    except urllib.error.HTTPError as exc:
        status = f"HTTP {exc.code} {exc.reason}".strip()
        if exc.code in (401, 403):
            raise StoreError(
                f"{shown} refused the request ({status}): check --user/--password-env or --token-env"
            ) from exc
        if exc.code == 404:
            raise StoreError(
                f"{shown} answered {status}: is it the right endpoint? (see --preset){_detail(exc, secrets)}"
            ) from exc
        if exc.code < 500:
            raise StoreError(f"{shown} rejected the request ({status}){_detail(exc, secrets)}") from exc
        raise StoreError(f"{shown} failed on its side ({status}){_detail(exc, secrets)}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"cannot connect to {shown}: connection refused (is the triple store running?)") from exc
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise StoreError(f"{shown} did not answer within {timeout:g} s") from exc
        raise StoreError(f"cannot reach {shown}: {_redact(str(reason), secrets)}") from exc
    except TimeoutError as exc:  # the connection was made but the answer did not come in time
        raise StoreError(f"{shown} did not answer within {timeout:g} s") from exc
    except (ConnectionError, OSError) as exc:  # reset, closed mid-answer, ...
        raise StoreError(f"connection to {shown} failed: {_redact(str(exc.strerror or exc), secrets)}") from exc
    except (ValueError, http.client.HTTPException) as exc:  # a malformed URL or answer
        raise StoreError(f"exchange with {shown} failed: {_redact(str(exc), secrets)[:200]}") from exc


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
    report = PushReport(endpoint=redact_url(urls.store), method="PUT" if replace else "POST")
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
    if mime in ("application/sparql-results+xml", formats.RDFXML.media_type):
        formats.refuse_dtd(answer, f"the answer of {redact_url(url)}")
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
        raise StoreError(f"{redact_url(url)} sent an answer kgraph cannot read ({mime}): {exc}") from exc
    raise StoreError(f"{redact_url(url)} answered with {mime or 'no content type'}, not SPARQL results")


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
