"""Reading and writing graphs as files. Writes are atomic: a temp file in the same folder, fsync, rename —
an existing output is either left as it was or fully replaced, never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError, StoreError
from .graph import new_dataset

# extension -> (rdflib format, holds named graphs)
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    ".ttl": ("turtle", False),
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".nt": ("nt", False),
    ".jsonld": ("json-ld", True),
    ".json": ("json-ld", True),
    ".rdf": ("xml", False),
    ".owl": ("xml", False),
    ".xml": ("xml", False),
}


def rdf_format(path: str | Path) -> tuple[str, bool]:
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {suffix or '(none)'!r}; use one of {known}")
    return RDF_FORMATS[suffix]


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """Serialise to bytes; formats without named graphs get the union of all graphs."""
    if fmt in ("turtle", "nt", "xml"):
        graph = Graph()
        for prefix, ns in dataset.namespaces():
            graph.bind(prefix, ns, override=True, replace=True)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph.serialize(format=fmt, encoding="utf-8")
    if fmt == "json-ld":
        return dataset.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    return dataset.serialize(format=fmt, encoding="utf-8")


def write_dataset(dataset: Dataset, path: str | Path) -> None:
    fmt, _ = rdf_format(path)
    try:
        data = serialize(dataset, fmt)
    except Exception as exc:  # serialisers raise many types; we add the file name and keep the cause
        raise StoreError(f"cannot serialise graph as {fmt}: {exc}") from exc
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc


def read_dataset(paths: Iterable[str | Path], dataset: Dataset | None = None) -> Dataset:
    dataset = dataset if dataset is not None else new_dataset()
    for path in paths:
        fmt, quads = rdf_format(path)
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        try:
            if quads:
                dataset.parse(path, format=fmt)
            else:
                dataset.default_graph.parse(path, format=fmt)
        except Exception as exc:  # parser errors come in many types
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"cannot parse {path} as {fmt}: {message}") from exc
    return dataset
