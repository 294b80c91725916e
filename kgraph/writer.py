"""Streaming output: ArticleResults in, RDF files out, one article at a time, so a build's memory stays flat
however many articles it reads.

Each article's named graph is made by ``graph.article_graph`` (the one place the graph's shape is decided) and
appended at once with Oxigraph's serialisers (fast, standard output). TriG and N-Quads keep the named graphs;
Turtle and N-Triples get the union, each triple once (an entity's type and label, repeated in every article
that names it, are written the first time only). JSON-LD and RDF/XML cannot be appended to, so those outputs
are collected in memory and written at the end.

Files are written atomically like every output: into a temp file beside the target, renamed on ``close()``;
``abort()`` (or an exception inside ``with``) leaves any existing file as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import Dataset

from . import formats
from .errors import StoreError
from .fsutil import AtomicFile, os_reason
from .graph import article_graph, new_dataset
from .store import write_dataset
from .store.terms import oxigraph_converter
from .types import ArticleResult
from .vocab import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class _Triples:
    """Stands in for the rdflib Dataset that ``graph.article_graph`` fills, and only collects the triples:
    rdflib's indexed in-memory store costs ~15 µs per triple, as much as all the rest of writing together."""

    def __init__(self) -> None:
        self.identifier: Any = None
        self.triples: set[tuple[Any, Any, Any]] = set()

    def remove_graph(self, name: Any) -> None:
        pass

    def graph(self, name: Any) -> _Triples:
        self.identifier = name
        return self

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.triples.add(triple)


def article_triples(result: ArticleResult) -> tuple[Any, set[tuple[Any, Any, Any]]]:
    """(graph name, triples) of one article, as ``graph.article_graph`` makes them."""
    sink = _Triples()
    article_graph(cast(Dataset, sink), result)
    return sink.identifier, sink.triples


def article_chunk(result: ArticleResult, fmt: str, fresh: Callable[[set[Any]], set[Any]] | None = None) -> bytes:
    """One article's graph in a streamed format, without prefix declarations (written once per file).
    ``fresh``: for formats without named graphs, keeps the triples not yet written by earlier articles."""
    name, unsorted = article_triples(result)
    term = oxigraph_converter()
    rdf = formats.by_name(fmt)
    if fresh is not None and not rdf.quads:
        unsorted = fresh(unsorted)
    # sorted, so each subject's statements sit together (compact Turtle) and output is reproducible
    triples = sorted(unsorted, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    if rdf.quads:
        graph = ox.NamedNode(str(name))
        items: list[Any] = [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]
    else:
        items = [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]
    prefixes = _PREFIXES if rdf.prefixes else None
    data = bytes(ox.serialize(items, format=rdf.oxigraph, prefixes=prefixes) or b"")
    if prefixes is None:
        return data
    # the serialiser opens every chunk with its @prefix lines: keep only the body
    body = [line for line in data.split(b"\n") if not line.startswith(b"@prefix ")]
    return b"\n".join(body)


def prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in _PREFIXES.items()).encode("utf-8") + b"\n"


class _StreamTarget:
    """One streamed output: an atomic file (or a given stream, e.g. stdout)."""

    def __init__(self, path: Path | None, fmt: str, stream: IO[bytes] | None = None) -> None:
        self.fmt = fmt
        self.file: AtomicFile | None = None
        if stream is None:
            assert path is not None
            self.file = AtomicFile(path)
            stream = self.file.handle
        self.handle: IO[bytes] = stream

    def commit(self) -> None:
        if self.file is None:
            self.handle.flush()
        else:
            self.file.commit()

    def discard(self) -> None:
        if self.file is not None:
            self.file.discard()


class GraphWriter:
    """Write ArticleResults to RDF files as they arrive. ``stdout`` (a binary stream) gets TriG.

    ``add()`` returns False for an article id seen before in this build: a streamed file cannot replace a
    named graph already written, so the repeat is skipped and the caller reports it.
    """

    def __init__(self, outputs: Sequence[str | Path] = (), *, stdout: IO[bytes] | None = None) -> None:
        self._streams: list[_StreamTarget] = []
        self._collected: list[Path] = []
        self._dataset: Dataset | None = None
        self._seen: set[str] = set()
        self._written: set[bytes] = set()  # digests of the triples Turtle and N-Triples outputs hold so far
        self._started = False
        plan = [(Path(out), formats.by_extension(out)) for out in outputs]  # unknown extensions fail before work
        try:
            for path, fmt in plan:
                if fmt.streamed:
                    self._streams.append(_StreamTarget(path, fmt.name))
                else:
                    self._collected.append(path)
            if stdout is not None:
                self._streams.append(_StreamTarget(None, "trig", stdout))
        except BaseException:
            self.abort()
            raise
        if self._collected:
            self._dataset = new_dataset()

    def add(self, result: ArticleResult) -> bool:
        if result.article.id in self._seen:
            return False
        self._seen.add(result.article.id)
        chunks: dict[str, bytes] = {}
        union: list[set[Any]] = []

        def fresh(triples: set[Any]) -> set[Any]:  # once per article, whichever union formats are written
            if not union:
                union.append({t for t in triples if self._first_time(t)})
            return union[0]

        try:
            for target in self._streams:
                if not self._started and formats.by_name(target.fmt).prefixes:
                    target.handle.write(prefix_header())
                if target.fmt not in chunks:
                    chunks[target.fmt] = article_chunk(result, target.fmt, fresh)
                target.handle.write(chunks[target.fmt])
        except OSError as exc:
            raise StoreError(f"cannot write output: {os_reason(exc)}") from exc
        self._started = True
        if self._dataset is not None:
            article_graph(self._dataset, result)
        return True

    def _first_time(self, triple: tuple[Any, Any, Any]) -> bool:
        """Whether a union output has not had this triple yet (a 16-byte digest kept per triple: an entity's
        type and label recur in every article that names it, and a file should state them once)."""
        key = hashlib.blake2b("\x00".join(t.n3() for t in triple).encode("utf-8"), digest_size=16).digest()
        if key in self._written:
            return False
        self._written.add(key)
        return True

    def add_all(self, results: Iterable[ArticleResult]) -> None:
        for result in results:
            self.add(result)

    def close(self) -> None:
        """Finish every output: collected formats are serialised, temp files renamed over their targets."""
        try:
            if self._dataset is not None:
                for path in self._collected:
                    write_dataset(self._dataset, path)
            for target in self._streams:
                target.commit()
        except OSError as exc:
            self.abort()
            raise StoreError(f"cannot write output: {os_reason(exc)}") from exc
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop every unfinished output; files that existed before stay untouched."""
        for target in self._streams:
            target.discard()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
