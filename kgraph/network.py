"""What kgraph may reach over the network (or the file system) on its own while it reads and queries a graph.

By default nothing: a SPARQL ``SERVICE`` clause is refused (rdflib and Oxigraph would send the query, with the
local values bound into it, to any host the query names), so is a ``FROM``/``FROM NAMED`` IRI that names no
graph of the data (rdflib would fetch ``http://`` IRIs and read ``file://`` ones), and so is a JSON-LD file whose
``@context`` refers to another document (rdflib would fetch it, and wait for ever on a host that never answers).
The one who runs kgraph opts in per kind, and every opt-in has a time-out:

    with allowing(service=True, timeout=10):
        source.query("SELECT * { SERVICE <http://host/sparql> { ?s ?p ?o } }")

The CLI sets the policy from ``--allow-service``, ``--allow-remote``, ``--allow-remote-context`` and
``--network-timeout`` for the duration of one command.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from .errors import InputError, QueryError


@dataclass(frozen=True, slots=True)
class NetworkPolicy:
    """What may be fetched: SERVICE calls, FROM IRIs, remote JSON-LD contexts; ``timeout`` in seconds."""

    service: bool = False
    remote: bool = False
    remote_context: bool = False
    timeout: float = 30.0


_POLICY: ContextVar[NetworkPolicy] = ContextVar("kgraph_network_policy", default=NetworkPolicy())  # noqa: B039 (frozen)


def current_policy() -> NetworkPolicy:
    return _POLICY.get()


@contextmanager
def allowing(**changes: Any) -> Iterator[NetworkPolicy]:
    """The current policy with ``changes`` (service, remote, remote_context, timeout) while the block runs."""
    policy = replace(_POLICY.get(), **changes)
    token = _POLICY.set(policy)
    try:
        yield policy
    finally:
        _POLICY.reset(token)


@contextmanager
def socket_timeout(seconds: float) -> Iterator[None]:
    """rdflib opens URLs with urllib and no time-out of its own: give every socket opened meanwhile one."""
    before = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(before)


# --- SPARQL -------------------------------------------------------------------------------------------------


def refuse_service(where: str) -> None:
    """A SERVICE clause, unless allowed: the error names the flag."""
    if not current_policy().service:
        raise QueryError(
            f"the query calls a remote SPARQL service ({where}); kgraph does not send queries elsewhere unless "
            "asked: pass --allow-service (with --network-timeout SECONDS) to let it"
        )


def refuse_remote(iri: str) -> None:
    """A FROM / FROM NAMED IRI that names no graph of the data, unless allowed."""
    if not current_policy().remote:
        raise QueryError(
            f"FROM <{iri}> names no graph of the data, and reading it would fetch a URL or read a file; pass "
            "--allow-remote (with --network-timeout SECONDS) to let kgraph load it"
        )


# --- JSON-LD ------------------------------------------------------------------------------------------------


def remote_contexts(document: Any) -> list[str]:
    """Every document a JSON-LD document's contexts refer to (``"@context": "URL"``, in a list, ``@import``),
    at any depth (scoped contexts too). Walked with a stack: a deeply nested document cannot overflow it."""
    found: list[str] = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str):
                            found.append(item)
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def check_jsonld(path: str, data: bytes) -> None:
    """Refuse a JSON-LD file whose contexts refer to other documents, unless remote contexts are allowed."""
    if current_policy().remote_context:
        return
    try:
        document = json.loads(data)
    except RecursionError as exc:
        raise InputError(f"cannot parse {path} as json-ld: nested too deeply") from exc
    except ValueError:
        return  # not JSON: the parser says so, in its own words
    refs = remote_contexts(document)
    if refs:
        raise InputError(
            f"{path}: its @context refers to {refs[0]!r}, which kgraph does not fetch unless asked; inline the "
            "context, or pass --allow-remote-context (with --network-timeout SECONDS)"
        )
