"""RDF files: read with rdflib into a Dataset, written atomically (kgraph.fsutil), the format taken from the
file extension (kgraph.formats)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal
from rdflib.term import Node

from .. import formats
from ..errors import InputError, KgraphError, StoreError
from ..fsutil import atomic_write_bytes
from ..graph import new_dataset
from ..network import check_jsonld, current_policy, socket_timeout

GZIP_MAGIC = b"\x1f\x8b"


def _xml_literal(term: Node) -> Node:
    """A literal with the characters XML cannot hold replaced (kgraph.formats.xml_safe); other terms as they are."""
    if isinstance(term, Literal):
        text = formats.xml_safe(str(term))
        if text != str(term):
            return Literal(text, lang=term.language, datatype=None if term.language else term.datatype)
    return term


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """Serialise to bytes (``fmt``: an rdflib format name); formats without named graphs get the union of all
    graphs. RDF/XML gets literals XML can hold (control characters replaced: kgraph.formats.xml_safe)."""
    if not formats.by_name(fmt).quads:
        graph = Graph()
        for prefix, ns in dataset.namespaces():
            graph.bind(prefix, ns, override=True, replace=True)
        xml = fmt == formats.RDFXML.name
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, _xml_literal(o) if xml else o))
        return graph.serialize(format=fmt, encoding="utf-8")
    if fmt == formats.JSONLD.name:
        return dataset.serialize(format=fmt, encoding="utf-8", auto_compact=True)
    return dataset.serialize(format=fmt, encoding="utf-8")


def write_dataset(dataset: Dataset, path: str | Path) -> None:
    fmt = formats.by_extension(path).name
    try:
        data = serialize(dataset, fmt)
    except Exception as exc:  # serialisers raise many types; we add the file name and keep the cause
        raise StoreError(f"cannot serialise graph as {fmt}: {exc}") from exc
    atomic_write_bytes(path, data)


def read_gzipped(path: str | Path) -> bytes | None:
    """The decompressed content of a gzipped file (found by its first bytes, whatever its name), or None for a
    file that is not gzipped."""
    import gzip
    import zlib

    with open(path, "rb") as handle:
        if handle.read(2) != GZIP_MAGIC:
            return None
    try:
        return gzip.decompress(Path(path).read_bytes())
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or damaged file
        raise InputError(f"cannot read {path}: not a whole gzip file ({exc})") from exc


def read_dataset(paths: Iterable[str | Path], dataset: Dataset | None = None, *, fmt: str | None = None) -> Dataset:
    """Parse RDF files into one Dataset, in ``fmt`` (a format name or extension) or each file's own by its
    extension (``.ttl.gz``: gzipped Turtle; a gzipped file is also found by its first bytes). A JSON-LD file
    whose @context refers to another document is refused unless kgraph.network allows remote contexts; every
    socket opened meanwhile gets the policy's time-out."""
    dataset = dataset if dataset is not None else new_dataset()
    for path in paths:
        rdf = formats.input_format(path, fmt)
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        content = read_gzipped(path)
        jsonld = rdf.name == formats.JSONLD.name
        if jsonld:  # a remote @context is fetched only when allowed, and then with a time-out
            check_jsonld(str(path), Path(path).read_bytes() if content is None else content)
        elif rdf is formats.RDFXML:
            formats.refuse_dtd(path if content is None else content, str(path))
        # the file's own URI stays the base for relative IRIs, as when rdflib reads the file itself
        source: dict[str, Any] = (
            {"source": path} if content is None else {"data": content, "publicID": Path(path).resolve().as_uri()}
        )
        try:
            with socket_timeout(current_policy().timeout) if jsonld else nullcontext():
                if rdf.quads:
                    dataset.parse(**source, format=rdf.name)
                else:
                    dataset.default_graph.parse(**source, format=rdf.name)
        except KgraphError:
            raise
        except Exception as exc:  # parser errors come in many types
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"cannot parse {path} as {rdf.name}: {message}") from exc
    return dataset
