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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Node

from . import formats
from .choices import PRESETS
from .errors import InputError, QueryError, StoreError
from .graph import new_dataset
from .query import prepare, query_kind
from .store import Store, bind_values
from .vocab import KGG, PREFIXES


@dataclass(frozen=True, slots=True)
class DigestAuth:
    """HTTP Digest credentials (Virtuoso's authenticated endpoints): sent only in answer to the server's
    challenge, and only to the URL that challenged."""

    user: str
    password: str


Auth = tuple[str, str] | DigestAuth | str | None  # (user, password): HTTP basic; a string: a bearer token
_NQUADS = formats.NQUADS.media_type
_NTRIPLES = formats.NTRIPLES.media_type
_RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The two URLs of one triple store: Graph Store Protocol (push) and SPARQL query."""

    store: str
    query: str
    union_param: bool = False  # Oxigraph: ask for the union of all graphs as default graph, per query
    bulk: bool = False  # the store URL takes N-Quads without ?graph= and fills the named graphs (Oxigraph)
    verifiable: bool = True  # the query URL is known: a push can count what landed


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


def resolve_endpoint(
    url: str, preset: str | None = None, *, authenticated: bool = False, query_url: str | None = None
) -> Endpoint:
    """URLs for a server. Without a preset, ``url`` is used for both (or ``query_url`` for queries). Presets take
    the server's base URL: oxigraph ``http://host:7878`` (-> /store, /query), fuseki ``http://host:3030/DATASET``
    (-> /data, /query), graphdb ``http://host:7200/repositories/REPO`` (-> /rdf-graphs/service, the repository
    itself), virtuoso ``http://host:8890`` (-> /sparql-graph-crud, /sparql; with credentials their -auth twins)."""
    base = _check_url(url)
    if preset is None:
        query = _check_url(query_url) if query_url else base
        return Endpoint(store=base, query=query, verifiable=query_url is not None)
    if preset == "oxigraph":
        base = _strip(base, "/store", "/query")
        return Endpoint(store=base + "/store", query=base + "/query", union_param=True, bulk=True)
    if preset == "virtuoso":
        base = _strip(base, "/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql")
        auth = "-auth" if authenticated else ""
        return Endpoint(store=f"{base}/sparql-graph-crud{auth}", query=f"{base}/sparql{auth}")
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
    elif isinstance(auth, DigestAuth):
        _secret(auth.password, "password")  # checked now; sent only as a digest, in answer to a challenge
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
    method: str,
    url: str,
    *,
    body: bytes | None,
    headers: dict[str, str],
    timeout: float,
    digest: DigestAuth | None = None,
) -> tuple[int, str, bytes]:
    """One HTTP exchange -> (status, content type, body), within ``timeout`` seconds for the whole of it (a
    server that trickles its answer byte by byte does not extend it; a Digest challenge and its answer count as
    one exchange). Every failure is a one-line StoreError that shows neither the password of the URL nor the
    credentials."""
    shown = redact_url(url)
    target, userinfo = _split_userinfo(url)
    if userinfo is not None and "Authorization" not in headers and digest is None:
        user, password = userinfo
        headers = {**headers, "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
    secrets = _secrets(headers, url) + ([digest.password] if digest is not None else [])
    outcome: list[Any] = []

    def exchange() -> None:
        try:
            # each read may wait past the deadline: the deadline, not a read's time-out, ends a slow answer
            outcome.append(_exchange(method, target, shown, body, headers, timeout + 1.0, secrets, digest))
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
    answer: tuple[int, str, bytes] = outcome[0]
    return answer


def _digest_header(request: urllib.request.Request, challenges: list[str], digest: DigestAuth) -> str | None:
    """The Authorization header answering the server's Digest challenge (urllib's own digest code), or None
    when the server asks for something else."""
    for challenge in challenges:
        scheme, _, params = challenge.strip().partition(" ")
        if scheme.lower() != "digest":
            continue
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, digest.user, _secret(digest.password, "password"))
        answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(
            request, urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
        )
        return f"Digest {answer}" if answer else None
    return None


def _exchange(
    method: str,
    url: str,
    shown: str,
    body: bytes | None,
    headers: dict[str, str],
    timeout: float,
    secrets: list[str],
    digest: DigestAuth | None = None,
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except _Redirected as exc:
        raise StoreError(
            f"{shown} redirected the request (HTTP {exc.code}) to {_redact(redact_url(exc.target), secrets)}; "
            "kgraph follows only 307/308 redirects to the same host (credentials and the request body stay with "
            "it): give the final URL as --endpoint"
        ) from None
    except urllib.error.HTTPError as exc:
        status = f"HTTP {exc.code} {exc.reason}".strip()
        challenges = exc.headers.get_all("WWW-Authenticate") or [] if exc.headers else []
        if exc.code == 401 and digest is not None and "Authorization" not in headers:
            answer = _digest_header(request, challenges, digest)
            if answer is not None:  # the same URL again, with the answer: credentials never leave this origin
                exc.close()
                return _exchange(method, url, shown, body, {**headers, "Authorization": answer}, timeout, secrets)
        if exc.code in (401, 403):
            asked = {c.strip().partition(" ")[0].lower() for c in challenges}
            hint = (
                "the server asks for HTTP Digest: add --digest (with --user and --password-env)"
                if "digest" in asked and digest is None and not headers.get("Authorization", "").startswith("Digest")
                else "check --user/--password-env (--digest for HTTP Digest) or --token-env"
            )
            raise StoreError(f"{shown} refused the request ({status}): {hint}") from exc
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
    """What a push sent, what it removed (``sync``) and whether the server's counts were checked."""

    endpoint: str
    method: str  # POST (merge) or PUT (replace)
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    requests: int = 0
    seconds: float = 0.0
    verified: bool = False
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        graphs = f"{self.graphs} graph{'s' if self.graphs != 1 else ''}"
        requests = f"{self.requests} request{'s' if self.requests != 1 else ''}"
        text = (
            f"pushed {self.triples} triples in {graphs} to {self.endpoint} "
            f"({self.method}, {requests}, {self.bytes / 1024:.0f} KiB, {self.seconds:.2f} s)"
        )
        if self.removed:
            text += f"; removed {len(self.removed)} graph{'s' if len(self.removed) != 1 else ''} no longer here"
        return text + ("; verified: the server holds every triple" if self.verified else "")


@dataclass(frozen=True, slots=True)
class _Payload:
    method: str
    url: str
    content_type: str
    body: bytes
    triples: dict[str | None, int]  # what the server should hold afterwards, per graph (None: the default graph)


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


_GSP_SUCCESS = (200, 201, 204)
_HTML = ("text/html", "application/xhtml+xml")


def _check_reply(shown: str, status: int, content_type: str, body: bytes) -> None:
    """A Graph Store Protocol success: 200, 201 or 204, and no web page. Virtuoso answers a request it does not
    take as GSP (N-Quads without ?graph=) with 200 and its HTML form, having stored nothing."""
    if status not in _GSP_SUCCESS:
        raise StoreError(f"{shown} answered HTTP {status}, not a Graph Store Protocol success (200, 201 or 204)")
    if body.strip() and content_type.split(";")[0].strip().lower() in _HTML:
        raise StoreError(
            f"{shown} answered with a web page, not a Graph Store Protocol reply, and may have stored nothing: "
            "is it the server's graph store URL? (see --preset)"
        )


class _Client:
    """Credentials and deadline shared by the requests of one push or query."""

    def __init__(self, auth: Auth, timeout: float) -> None:
        self.auth, self.timeout = auth, timeout
        self.digest = auth if isinstance(auth, DigestAuth) else None

    def send(self, method: str, url: str, body: bytes | None = None, **headers: str) -> tuple[int, str, bytes]:
        return _request(
            method, url, body=body, headers=_headers(self.auth, **headers), timeout=self.timeout, digest=self.digest
        )


def push(
    dataset_or_store: Store | Dataset,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    sync: bool = False,
    verify: bool = True,
    auth: Auth = None,
    timeout: float = 30,
    preset: str | None = None,
    query_endpoint: str | None = None,
) -> PushReport:
    """Send graphs to a triple store with the SPARQL 1.1 Graph Store Protocol, then check that they landed.

    Default: one POST per named graph (``?graph=IRI``), which merges it into the server's graph of that name
    (re-pushing the same data changes nothing: RDF graphs are sets); with the oxigraph preset one POST of
    N-Quads does the same. ``replace``: one PUT per graph, so each server graph ends up exactly as here.
    ``graph``: everything (the union) goes into that one graph. ``sync``: the server's kgraph article graphs
    that are not here are deleted. ``verify``: the server's triples are counted per graph afterwards (SPARQL at
    the preset's query URL or ``query_endpoint``); fewer than were sent (or, with ``replace``, any other number)
    is a StoreError.
    """
    urls = resolve_endpoint(endpoint, preset, authenticated=auth is not None, query_url=query_endpoint)
    auth = _preset_auth(preset, auth)
    if graph is not None:
        _check_graph_iri(graph)
        if sync:
            raise InputError("--sync removes article graphs the store no longer has; it does not go with --graph")
    if sync and not urls.verifiable:
        raise InputError("--sync lists the server's graphs by SPARQL: give --preset or --query-endpoint URL")
    store, temporary = _as_store(dataset_or_store)
    report = PushReport(endpoint=redact_url(urls.store), method="PUT" if replace else "POST")
    client = _Client(auth, timeout)
    started = time.perf_counter()
    try:
        expected: dict[str | None, int] = {}
        for payload in _payloads(store, urls, graph, replace):
            shown = redact_url(payload.url)
            try:
                _check_reply(shown, *client.send(payload.method, payload.url, payload.body, **_content(payload)))
            except StoreError as exc:
                if report.requests:
                    raise StoreError(f"{exc} (after {report.requests} graphs were sent)") from exc
                raise
            report.requests += 1
            report.bytes += len(payload.body)
            expected.update(payload.triples)
        report.graphs, report.triples = len(expected), sum(expected.values())
        if sync or (verify and urls.verifiable):
            counts = _server_counts(urls, client)
            if sync:
                report.removed = _remove_stale(urls, client, counts, set(store.graphs()))
            if verify:
                _verify(expected, counts, exact=replace, where=redact_url(urls.query))
                report.verified = True
                if None in expected:
                    report.notes.append("the default graph's triples are not counted (servers differ in what it is)")
        elif verify:
            report.notes.append("not verified: give --preset or --query-endpoint URL to count what the server holds")
        report.seconds = time.perf_counter() - started
        if not replace and store.query(_HAS_BNODES).askAnswer:
            report.notes.append("the data has blank nodes: pushing it again adds copies of them; use --replace")
    finally:
        if temporary:
            store.close()
    return report


_HAS_BNODES = "ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"
_COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _content(payload: _Payload) -> dict[str, str]:
    return {"Content-Type": payload.content_type}


def _payloads(store: Store, urls: Endpoint, graph: str | None, replace: bool) -> Iterator[_Payload]:
    method = "PUT" if replace else "POST"
    if graph is not None:
        body = store.dump("nt")
        yield _Payload(method, _graph_url(urls.store, graph), _NTRIPLES, body, {graph: body.count(b"\n")})
        return
    sizes = store.graph_sizes()
    if urls.bulk and not replace:
        yield _Payload("POST", urls.store, _NQUADS, store.dump("nquads"), sizes)
        return
    for name, size in sizes.items():
        source = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        body = bytes(store.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source) or b"")
        yield _Payload(method, _graph_url(urls.store, name), _NTRIPLES, body, {name: size})


def _server_counts(urls: Endpoint, client: _Client) -> dict[str, int]:
    rows = _query(urls, _COUNT_PER_GRAPH, None, client)
    return {str(g): int(n) for g, n in rows}  # type: ignore[misc]


def _verify(expected: dict[str | None, int], counts: dict[str, int], *, exact: bool, where: str) -> None:
    """Every pushed graph holds at least (``exact``: exactly) the triples sent, by the server's own count."""
    wrong = [(g, counts.get(g, 0), n) for g, n in expected.items() if g is not None]
    wrong = [(g, got, n) for g, got, n in wrong if got < n or (exact and got != n)]
    if wrong:
        name, got, sent = wrong[0]
        more = f" (and {len(wrong) - 1} other graphs)" if len(wrong) > 1 else ""
        raise StoreError(
            f"the push did not land: {where} counts {got} triples in <{name}>, {sent} were sent{more}; the server "
            "accepted the requests but does not hold the data (check --preset, its log and its limits)"
        )


def _remove_stale(urls: Endpoint, client: _Client, counts: dict[str, int], here: set[str]) -> list[str]:
    """Delete the server's kgraph article graphs (under KGG) that are not here; other graphs are left alone."""
    stale = sorted(g for g in counts if g.startswith(str(KGG)) and g not in here)
    for name in stale:
        url = _graph_url(urls.store, name)
        try:
            _check_reply(redact_url(url), *client.send("DELETE", url))
        except StoreError as exc:
            if not isinstance(exc.__cause__, urllib.error.HTTPError) or exc.__cause__.code != 404:  # gone already
                raise
    return stale


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
    urls = resolve_endpoint(endpoint, preset, authenticated=auth is not None)
    return _query(urls, sparql, bindings, _Client(_preset_auth(preset, auth), timeout))


def _preset_auth(preset: str | None, auth: Auth) -> Auth:
    """Virtuoso's -auth endpoints take HTTP Digest only (and answer Basic with a bare 401, no challenge): a user
    and password for the virtuoso preset are sent as a digest."""
    if preset == "virtuoso" and isinstance(auth, tuple):
        return DigestAuth(*auth)
    return auth


def _query(urls: Endpoint, sparql: str, bindings: Mapping[str, Node] | None, client: _Client) -> Result:
    kind = query_kind(prepare(sparql))
    text = _PROLOGUE + bind_values(sparql, dict(bindings or {}), nested=True)
    form: dict[str, str] = {"query": text}
    if urls.union_param:
        form["union-default-graph"] = ""
    accept = _RESULTS_JSON if kind in ("SELECT", "ASK") else f"{_NTRIPLES}, {formats.TURTLE.media_type};q=0.9"
    body = urllib.parse.urlencode(form).encode("utf-8")
    try:
        _, content_type, answer = client.send(
            "POST", urls.query, body, **{"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        )
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

    def empty_default_graph_note(self) -> str | None:
        """Why a query may have found nothing: the server's default graph is empty while named graphs are not
        (Jena/Fuseki and Oxigraph keep them apart unless told), or None."""
        if self.query("ASK { ?s ?p ?o }").askAnswer or not self.query(_ANY_NAMED).askAnswer:
            return None
        return (
            "the endpoint's default graph is empty, but its named graphs are not: queries see only the default "
            "graph. Make it their union (Fuseki/TDB2: tdb2:unionDefaultGraph true; oxigraph serve "
            "--union-default-graph, or --preset oxigraph), or query with GRAPH ?g { ... }"
        )

    def close(self) -> None:
        pass


_ANY_NAMED = "ASK { GRAPH ?g { ?s ?p ?o } }"
