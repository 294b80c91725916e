"""Where a graph is read from: RDF files (--data), an on-disk store (--store) or a remote SPARQL endpoint
(--endpoint). Every command that reads a graph goes through ``open_source`` so they all accept the same three.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from rdflib import Dataset
from rdflib.query import Result

from .errors import InputError
from .query import run_query
from .store import Store, read_dataset


class Source(Protocol):
    """A readable graph. ``query`` evaluates SPARQL with the union of all named graphs as default graph."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result: ...

    def dataset(self) -> Dataset: ...

    def close(self) -> None: ...


class FileSource:
    """RDF files parsed into an in-memory rdflib Dataset."""

    def __init__(self, paths: Sequence[str | Path]) -> None:
        self._dataset = read_dataset(paths)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Result:
        return run_query(self._dataset, sparql, bindings)

    def dataset(self) -> Dataset:
        return self._dataset

    def close(self) -> None:
        pass


def source_prefixes(source: object) -> dict[str, str]:
    """The prefixes a source's files declared (in-memory sources only; others have none to offer)."""
    dataset = source.dataset() if isinstance(source, FileSource) else getattr(source, "dataset", None)
    if isinstance(dataset, Dataset):
        return {p: str(n) for p, n in dataset.namespaces()}
    return {}


def open_source(
    data: Sequence[str | Path] = (),
    store: str | Path | None = None,
    endpoint: str | None = None,
    *,
    preset: str | None = None,
    auth: Any = None,
) -> Source:
    """The one graph a command reads: exactly one of files, a store or an endpoint (``preset`` and ``auth``, as
    for kgraph.remote, go with the endpoint only)."""
    given = sum(1 for x in (bool(data), store is not None, endpoint is not None) if x)
    if given == 0:
        raise InputError("no graph given: pass --data FILE, --store DIR or --endpoint URL")
    if given > 1:
        raise InputError("pass only one of --data, --store, --endpoint")
    if endpoint is None and (preset is not None or auth is not None):
        raise InputError("--preset, --user, --password-env and --token-env go with --endpoint URL")
    if data:
        return FileSource(data)
    if store is not None:
        return Store(store, create=False, reader=True)
    from .remote import RemoteSource  # urllib and friends: loaded only for endpoints

    assert endpoint is not None
    return RemoteSource(endpoint, preset=preset, auth=auth)
