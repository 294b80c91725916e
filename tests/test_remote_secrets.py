"""Pushing and querying over HTTP never hands credentials to another host, never turns a POST into a silent
GET, never prints a secret, and keeps --timeout as a deadline for the whole request. Hostile servers run on
127.0.0.1, started here, and record what reached them."""

from __future__ import annotations

import base64
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
from kgraph.errors import InputError, QueryError, StoreError
from kgraph.remote import push, redact_url, remote_query

TOKEN = "tok-s3cret-9f8e7d"
PASSWORD = "pa55-w0rd-xyz"


@dataclass
class Hostile:
    """One loopback server: ``seen`` holds (method, path, headers, body) of every request it got."""

    url: str
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)


def _serve(record: Hostile, routes: dict[str, str]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            record.seen.append((self.command, self.path, dict(self.headers), body))
            path = urllib.parse.urlsplit(self.path).path
            try:
                if path.startswith("/redirect/"):  # /redirect/CODE/same or /redirect/CODE/other
                    _, _, code, where = path.split("/")
                    self.send_response(int(code))
                    self.send_header("Location", (routes["other"] if where == "other" else "") + "/landed")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path == "/echo":  # an error page that echoes the request's headers
                    text = f"Bad request. Authorization: {self.headers.get('Authorization')} " + "x" * 5000
                    self._send(400, ("\x1b[31m" + text + "\nsecond line").encode())
                elif path == "/trickle":  # one byte a second for 30 s
                    for byte in b"HTTP/1.1 204 No Content\r\n" + b"X-Slow: " + b"a" * 40:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(1)
                elif path == "/status/401":
                    self._send(401, b"")
                else:
                    self._send(204, b"")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server


@pytest.fixture
def servers() -> Iterator[tuple[Hostile, Hostile]]:
    """(the endpoint, another origin it may redirect to)."""
    other, endpoint = Hostile(""), Hostile("")
    second = _serve(other, {})
    first = _serve(endpoint, {"other": other.url})
    yield endpoint, other
    for server in (first, second):
        server.shutdown()
        server.server_close()


@pytest.fixture
def tiny(tmp_path: Path) -> str:
    path = tmp_path / "tiny.nq"
    kg = "https://w3id.org/kgraph/"
    path.write_text(f"<{kg}entity/A> <{kg}ontology#memberOf> <{kg}entity/B> <{kg}graph/t> .\n", encoding="utf-8")
    return str(path)


def push_cli(endpoint: str, tiny: str, *extra: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, ["push", "--endpoint", endpoint, "--data", tiny, *extra])


def assert_no_secret(text: str) -> None:
    for secret in (TOKEN, PASSWORD, base64.b64encode(f"me:{PASSWORD}".encode()).decode()):
        assert secret not in text


# --- redirects ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_credentials_never_follow_a_redirect_to_another_origin(servers, tiny, code):
    endpoint, other = servers
    done = push_cli(f"{endpoint.url}/redirect/{code}/other", tiny, "--token-env", "T", env={"T": TOKEN})
    assert done.exit_code == 1, done.output
    assert f"redirected the request (HTTP {code})" in done.stderr and "--endpoint" in done.stderr
    assert other.seen == []
    assert_no_secret(done.output)


@pytest.mark.parametrize("code", [301, 302, 303])
def test_a_post_never_becomes_a_get(servers, tiny, code):
    endpoint, _ = servers
    done = push_cli(f"{endpoint.url}/redirect/{code}/same", tiny)
    assert done.exit_code == 1 and "redirected the request" in done.stderr, done.output
    graph = urllib.parse.quote("https://w3id.org/kgraph/graph/t", safe="")
    assert [(method, path) for method, path, *_ in endpoint.seen] == [("POST", f"/redirect/{code}/same?graph={graph}")]


@pytest.mark.parametrize("code", [307, 308])
def test_same_origin_307_and_308_keep_method_body_and_credentials(servers, tiny, code):
    endpoint, _ = servers
    done = push_cli(f"{endpoint.url}/redirect/{code}/same", tiny, "--token-env", "T", env={"T": TOKEN})
    assert done.exit_code == 0, done.output
    (m1, _, _, body1), (m2, path2, headers2, body2) = endpoint.seen
    assert (m1, m2, path2) == ("POST", "POST", "/landed")
    assert body2 == body1 and b"memberOf" in body2
    assert headers2["Authorization"] == f"Bearer {TOKEN}"


# --- secrets in messages ------------------------------------------------------------------------------------


def test_password_in_the_url_is_never_printed(servers, tiny):
    endpoint, _ = servers
    url = endpoint.url.replace("http://", f"http://me:{PASSWORD}@") + "/status/401"
    done = push_cli(url, tiny)
    assert done.exit_code == 1, done.output
    assert redact_url(url) in done.stderr and "me:***@127.0.0.1" in done.stderr
    assert_no_secret(done.output)
    # the user info is sent as basic auth, not left in the URL
    assert endpoint.seen[-1][2]["Authorization"] == "Basic " + base64.b64encode(f"me:{PASSWORD}".encode()).decode()
    refused = push_cli(f"http://me:{PASSWORD}@127.0.0.1:9/store", tiny)
    assert refused.exit_code == 1 and "me:***@127.0.0.1:9" in refused.stderr
    assert_no_secret(refused.output)


def test_redact_url():
    assert redact_url("http://u:p@host:8/x?y") == "http://u:***@host:8/x?y"
    assert redact_url("http://u@host/") == "http://u@host/"
    assert redact_url("https://host/") == "https://host/"


def test_a_token_ending_in_a_newline_is_stripped(servers, tiny):
    endpoint, _ = servers
    done = push_cli(endpoint.url, tiny, "--token-env", "T", env={"T": TOKEN + "\n"})
    assert done.exit_code == 0, done.output
    assert endpoint.seen[-1][2]["Authorization"] == f"Bearer {TOKEN}"


def test_a_token_with_a_control_character_is_refused_unprinted(servers, tiny):
    endpoint, _ = servers
    done = push_cli(endpoint.url, tiny, "--token-env", "T", env={"T": TOKEN + "\nX-Injected: 1"})
    assert done.exit_code == 2 and "control character" in done.stderr, done.output
    assert_no_secret(done.output)
    assert endpoint.seen == []


@pytest.mark.parametrize(
    "auth", [["--token-env", "T"], ["--user", "me", "--password-env", "P"]], ids=["token", "basic"]
)
def test_the_servers_error_body_is_cut_and_masked(servers, tiny, auth):
    endpoint, _ = servers
    done = push_cli(endpoint.url + "/echo", tiny, *auth, env={"T": TOKEN, "P": PASSWORD})
    assert done.exit_code == 1, done.output
    (line,) = done.stderr.splitlines()
    assert "rejected the request (HTTP 400" in line and "Authorization: ***" in line
    assert len(line) < 400 and "\x1b" not in line and "[31m" not in line and "second line" not in line
    assert_no_secret(done.output)


def test_library_messages_hide_secrets_too(servers):
    endpoint, _ = servers
    with pytest.raises(QueryError) as caught:  # a 400 from a query endpoint is the query's fault
        remote_query(endpoint.url + "/echo", "ASK { ?s ?p ?o }", auth=TOKEN)
    assert TOKEN not in str(caught.value) and "***" in str(caught.value)
    with pytest.raises(InputError) as bad:
        remote_query(f"ftp://u:{PASSWORD}@h/", "ASK { ?s ?p ?o }")
    assert PASSWORD not in str(bad.value)


# --- the deadline -------------------------------------------------------------------------------------------


def test_timeout_is_a_deadline_for_the_whole_request(servers, tiny):
    """The server sends a byte a second for 30 s: each read is quick, the whole is not."""
    endpoint, _ = servers
    done = push_cli(endpoint.url + "/trickle", tiny, "--timeout", "1")
    assert done.exit_code == 1, done.output
    assert "did not answer within 1 s (the deadline for the whole request)" in done.stderr


def test_query_deadline(servers):
    endpoint, _ = servers
    with pytest.raises(StoreError, match="the deadline for the whole request"):
        remote_query(endpoint.url + "/trickle", "ASK { ?s ?p ?o }", timeout=1)


def test_push_deadline_library(servers, tiny):
    from kgraph.store import read_dataset

    endpoint, _ = servers
    with pytest.raises(StoreError, match="deadline"):
        push(read_dataset([tiny]), endpoint.url + "/trickle", timeout=1)
