"""The on-disk Oxigraph store: one named graph per article, and their union as the default graph of queries.

``Store(DIR)`` is an Oxigraph database holding one named graph per article; SPARQL sees the union of all graphs
as its default graph. That union is materialised in a reserved named graph (``UNION_GRAPH``: one copy of every
triple of every graph, kept in step by each write, hidden from every reader), because Oxigraph's own union
option repeats a triple once per graph that holds it (oxigraph issue 1919), which multiplies rows and makes joins
quadratic. It is a named graph, not the store's default graph, so the default graph still holds only what was
written to it and code reading ``Store.db`` directly (kgraph.remote's push) sees the store as before.

A Store takes ArticleResults, rdflib Datasets and RDF files, and yields rdflib Results and Datasets, so the rest
of kgraph works the same on files and stores. Every write is all or nothing: one Oxigraph transaction, or for a
large one pieces behind a snapshot (kgraph.store.undo); a process killed at any moment leaves the store as it
was before the write, or fully updated.
"""

from __future__ import annotations

import errno
import gc
import io
import itertools
import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from .. import formats
from ..deadline import within
from ..errors import InputError, KgraphError, QueryError, StoreError, StoreLockedError
from ..graph import article_graph, new_dataset
from ..iri import graph_iri
from ..network import current_policy, refuse_service
from ..types import ArticleResult
from ..vocab import PREFIXES
from . import undo
from .files import read_gzipped
from .terms import first_line, oxigraph_converter, rdflib_converter, to_oxigraph, to_result
from .values import bind_values, service_iris, uses_graph, variable_name

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
# staged graphs stay in memory up to this size, then spill to a temp file: a long build keeps flat memory
_SPOOL_IN_MEMORY = 32 * 1024 * 1024
_FLUSH_AFTER = 50_000  # quads in one commit
ONE_TRANSACTION = 200_000  # staged quads committed in one transaction; more go in pieces behind a snapshot
_PIECE_BYTES = 32 * 1024 * 1024  # N-Quads bulk-loaded at a time by a write in pieces
_DROP_GROUP = 100  # replaced graphs dropped per transaction by a write in pieces
_READ_RETRY_SECONDS = 15.0  # a reader opens fresh views this long while a writer's compaction takes files away
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One named graph of a store: the article it holds and its size."""

    id: str  # the article id (dcterms:identifier), or the graph IRI for graphs that hold no article
    title: str | None
    date: str | None
    graph: str  # named graph IRI
    triples: int


_ARTICLES = """
SELECT ?g ?id ?title ?date WHERE {
  GRAPH ?g {
    ?a a kg:Article ; dcterms:identifier ?id .
    OPTIONAL { ?a dcterms:title ?title }
    OPTIONAL { ?a dcterms:date ?date }
  }
}"""
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
# The materialised union of the default graph and all named graphs: the default graph of every Store.query.
# Not minted with kgraph.iri: it names no article, and a urn: cannot collide with an article graph IRI.
UNION_GRAPH = "urn:x-kgraph:union"
_UNION = ox.NamedNode(UNION_GRAPH)
_U = str(_UNION)  # in SPARQL syntax
RESERVED_PREFIX = "urn:x-kgraph:"  # graph names kgraph keeps for itself: never an article, never removed
_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
_NO_QUAD = ox.Quad(_IDENTIFIER, _IDENTIFIER, _IDENTIFIER)  # stands in for "no identifier stored"
_DATE = ox.NamedNode("http://purl.org/dc/terms/date")
_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")  # the article URL
_COUNT_UNION = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_U} {{ ?s ?p ?o }} }}"
_FILL_UNION = f"INSERT {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} }}"


def _unlink_union(iri: str) -> str:
    """SPARQL update: delete from the union the triples of graph ``iri`` (an IRI in SPARQL syntax) that no other
    graph (named or default) holds; run before dropping or replacing that graph, in the same update request."""
    return (
        f"DELETE {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != {iri} && ?h != {_U}) }} "
        "FILTER NOT EXISTS { ?s ?p ?o } }"
    )


@dataclass(frozen=True, slots=True)
class Replaced:
    """A stored graph that a commit replaced: the id of the article written, that of the one it replaced."""

    graph: str
    id: str
    previous: str | None  # None: the replaced graph held no article
    lost: tuple[str, ...] = ()  # metadata the replaced article had and the new one lacks ("date 2025-09-10")

    @property
    def same_article(self) -> bool:
        return self.previous is None or self.previous == self.id


class StoreBatch:
    """Graphs staged for one all-or-nothing commit: each named graph replaces the store's graph of that name
    (a graph staged twice: the later one wins); default-graph triples are added. ``commit`` writes everything,
    all or nothing. Staged graphs wait serialised as N-Triples, spilling to a temp file when large.
    """

    def __init__(self, store: Store, *, one_transaction: int = ONE_TRANSACTION) -> None:
        self._store = store
        self._one_transaction = one_transaction
        self._spool: Any = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115 (closed by commit/abort)
        self._named: dict[str, tuple[int, int]] = {}  # graph IRI -> (offset, length) of its latest version
        self._default: list[tuple[int, int]] = []
        self._bnodes: dict[BNode, ox.BlankNode] = {}
        self._term = oxigraph_converter(self._bnodes)
        self._article_ids: set[str] = set()
        self._graph_ids: dict[str, str] = {}  # graph IRI -> the id of the article staged in it
        self._graph_meta: dict[str, dict[str, bool]] = {}  # graph IRI -> which metadata the staged article has
        self.articles = 0
        self.quads = 0
        self.replaced: list[Replaced] = []  # filled by commit: stored articles the new graphs replaced

    def _lost(self, graph: ox.NamedNode, staged: dict[str, bool] | None) -> tuple[str, ...]:
        """The stored article's date and URL that the article replacing it does not give again."""
        if staged is None:
            return ()
        lost = []
        for field, predicate in (("date", _DATE), ("url", _SOURCE)):
            old = next(iter(self._store.db.quads_for_pattern(None, predicate, None, graph)), None)
            if old is not None and not staged[field] and isinstance(old.object, ox.Literal | ox.NamedNode):
                lost.append(f"{field} {old.object.value}")
        return tuple(lost)

    def add(self, result: ArticleResult) -> bool:
        """Stage one article's named graph (built by kgraph.graph.article_graph). An article id already staged
        in this batch is skipped and False returned, as kgraph.writer.GraphWriter does for files."""
        if result.article.id in self._article_ids:
            return False
        self._article_ids.add(result.article.id)
        graph = article_graph(Dataset(), result)
        self.add_graph(graph.identifier, graph)
        self._graph_ids[str(graph.identifier)] = result.article.id
        article = result.article
        self._graph_meta[str(graph.identifier)] = {"date": bool(article.date), "url": bool(article.url)}
        self.articles += 1
        return True

    def add_graph(self, name: Node | None, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Stage rdflib triples as the new content of graph ``name`` (None: add them to the default graph)."""
        term = self._term
        self._stage(None if name is None else str(name), [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples])

    def _stage(self, name: str | None, triples: list[Any]) -> None:
        if name is not None:
            _graph_name(name)  # an invalid graph IRI fails here, not at commit
            check_not_reserved(name, "written")
        data = bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        offset = self._spool.seek(0, io.SEEK_END)
        self._spool.write(data)
        if name is None:
            self._default.append((offset, len(data)))
        else:
            self._named[name] = (offset, len(data))
        self.quads += len(triples)

    def _read(self, offset: int, length: int) -> str:
        return self._read_bytes(offset, length).decode("utf-8")

    def _read_bytes(self, offset: int, length: int) -> bytes:
        self._spool.seek(offset)
        return bytes(self._spool.read(length))

    def commit(self) -> int:
        """Write every staged graph, all or nothing; returns the number of articles staged with ``add``. Up to
        ``one_transaction`` quads go in one Oxigraph transaction; more go in bounded pieces behind a snapshot
        (``Store.undoable``): a transaction's memory grows with what it writes."""
        if self._spool.closed:
            raise StoreError("this batch was already committed or aborted")
        try:
            if self.quads > self._one_transaction and self._store.path is not None:
                with self._store.undoable():
                    self._commit_in_pieces()
            else:
                self._commit_in_one_transaction()
        finally:
            self._spool.close()
        return self.articles

    def _replacing(self) -> list[str]:
        """The staged graphs the store already holds (in SPARQL syntax), each noted in ``replaced``."""
        db = self._store.db
        stored = []
        for name in self._named:
            # only graphs being replaced need unlinking (the Store holds the folder's lock: no other writer)
            node = ox.NamedNode(name)
            if db.contains_named_graph(node):
                stored.append(str(node))
                previous = next(iter(db.quads_for_pattern(None, _IDENTIFIER, None, node)), _NO_QUAD)
                self.replaced.append(
                    Replaced(
                        graph=name,
                        id=self._graph_ids.get(name, name),
                        previous=previous.object.value if isinstance(previous.object, ox.Literal) else None,
                        lost=self._lost(node, self._graph_meta.get(name)),
                    )
                )
        return stored

    def _written(self) -> list[str]:
        return [name for name, span in self._named.items() if span[1]]

    def _commit_in_one_transaction(self) -> None:
        # one SPARQL update is one Oxigraph transaction: old graphs dropped and new ones written together, and
        # the materialised union updated with them (operations run in order, each seeing the ones before). The
        # data is N-Triples from Oxigraph's own serialiser, which is valid SPARQL term syntax.
        operations = [op for iri in self._replacing() for op in (_unlink_union(iri), f"DROP GRAPH {iri}")]
        written = self._written()
        blocks = [f"GRAPH {ox.NamedNode(name)} {{\n{self._read(*self._named[name])}}}\n" for name in written]
        default = "".join(self._read(*span) for span in self._default if span[1])
        if default:  # default-graph triples go to the union as well (a triple already there stays one)
            blocks += [default, f"GRAPH {_U} {{\n{default}}}\n"]
        if written:
            # the new graphs' triples go into the union as data too: writing them twice in one INSERT DATA is
            # much faster than copying them with a query afterwards (a store is a set: repeats are free)
            union = "".join(self._read(*self._named[name]) for name in written)
            blocks.append(f"GRAPH {_U} {{\n{union}}}\n")
        if blocks:
            operations.append("INSERT DATA {\n" + "".join(blocks) + "}")
        if operations:
            self._store._update(" ;\n".join(operations))
            if self.quads >= _FLUSH_AFTER:  # else the next open replays the whole transaction's log (~1 min/1M)
                self._store.db.flush()

    def _commit_in_pieces(self) -> None:
        """Replaced graphs dropped a few at a time, then the new quads bulk-loaded as N-Quads in pieces of at most
        ``_PIECE_BYTES``: memory stays flat however large the write. Not atomic: run under ``undoable``."""
        replacing = self._replacing()
        for start in range(0, len(replacing), _DROP_GROUP):
            group = replacing[start : start + _DROP_GROUP]
            self._store._update(" ;\n".join(op for iri in group for op in (_unlink_union(iri), f"DROP GRAPH {iri}")))
        piece = bytearray()
        union = f" {_U} .\n".encode()
        spans = [(span, None) for span in self._default] + [(self._named[n], n) for n in self._written()]
        for span, name in spans:
            triples = self._read_bytes(*span)
            if name is not None:  # N-Triples lines end " .\n" (a literal's newlines are escaped): add the graph
                piece += triples.replace(b" .\n", f" {ox.NamedNode(name)} .\n".encode())
            else:
                piece += triples
            piece += triples.replace(b" .\n", union)
            if len(piece) >= _PIECE_BYTES:
                self._bulk_load(bytes(piece))
                piece.clear()
        if piece:
            self._bulk_load(bytes(piece))

    def _bulk_load(self, nquads: bytes) -> None:
        try:
            self._store.db.bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:  # our own serialisation went wrong: say so rather than blame the user
            raise StoreError(f"internal error writing to the store: {first_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write to store {self._store.path}: {first_line(exc)}") from exc

    def abort(self) -> None:
        """Drop everything staged; the store is left as it was."""
        self._spool.close()

    def __enter__(self) -> StoreBatch:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None and not self._spool.closed:
            self.commit()
        else:
            self.abort()


def is_reserved(name: str) -> bool:
    """A graph name kgraph keeps for itself (the materialised union): no article lives there."""
    return name.strip().lower().startswith(RESERVED_PREFIX)


def check_not_reserved(name: str, action: str = "removed") -> None:
    if is_reserved(name):
        raise InputError(
            f"{name.strip()} is a graph name kgraph reserves for its own use (the union of all graphs), not an "
            f"article; it cannot be {action}"
        )


def _graph_name(name: str) -> Any:
    try:
        return ox.NamedNode(name)
    except ValueError as exc:
        raise StoreError(f"not a valid graph IRI: <{name}>") from exc


class Store:
    """On-disk Oxigraph store (``pyoxigraph.Store(path)``): named graphs = articles, and the union of all graphs
    (materialised in ``UNION_GRAPH``, which ``db`` users see) as the default graph for queries. ``Store(None)``
    is an in-memory store. A context manager; satisfies kgraph.sources.Source (query, dataset, close).

    A Store opened for writing locks the folder: a second writer (or ``oxigraph serve`` on the same folder) gets
    a StoreError until the first closes it, or waits (``wait``). Readers (``reader=True``) take no lock.
    """

    def __init__(
        self, path: str | Path | None, *, create: bool = True, reader: bool = False, wait: float = 0.0
    ) -> None:
        """``reader``: the caller only reads, so an existing store is opened read-only, which takes no lock: any
        number of readers and one writer can have the store open at once, and a reader sees the store as it was
        when it opened it. ``wait``: seconds a writer keeps trying while another writer holds the lock."""
        if path is not None and not str(path).strip():
            raise InputError("the store folder name is empty (--store ''): name a folder")
        self.path = Path(path) if path is not None else None
        self.read_only = False
        self._lock: undo.WriterLock | None = None
        self._db: ox.Store | None
        if self.path is None:
            self._db = ox.Store()
            return
        _check_store_folder(self.path, create)
        if reader and ((self.path / "CURRENT").is_file() or undo.pending(self.path)):
            self._open_read_only()
            if self._needs_upgrade() and _writable(self.path):  # an older kgraph's store: upgraded once, below
                self.close()
                self._open_for_writing(wait)
        else:
            self._open_for_writing(wait)
        self._upgrade()

    def _open_for_writing(self, wait: float) -> None:
        """Take kgraph's writer lock and open (and lock) the database, each tried until ``wait`` is up; a large
        write that was killed is undone first (its snapshot put back)."""
        assert self.path is not None
        deadline = time.monotonic() + wait
        try:
            self._lock = undo.WriterLock(self.path, deadline, wait)
        except OSError as exc:
            if _denied(exc):  # a read-only folder: not even kgraph's lock file can be made
                raise _read_only_store(self.path) from exc
            raise StoreError(f"cannot open store {self.path}: {first_line(exc)}") from exc
        try:
            if undo.pending(self.path):
                try:  # proves that no other process has the database open
                    self._db = self._writable_db(deadline, wait)
                except StoreLockedError:
                    raise
                except StoreError:  # a store left damaged by the kill: the snapshot replaces it
                    pass
                self._db = None
                undo.restore(self.path)
            self._db = self._writable_db(deadline, wait)
            undo.clear_leftovers(self.path)
        except BaseException:
            self.close()
            raise

    def _writable_db(self, deadline: float, wait: float) -> ox.Store:
        while True:
            try:
                return ox.Store(str(self.path))
            except RuntimeError as exc:
                raise damaged(self.path, exc) from exc
            except OSError as exc:
                if _missing_part(exc):
                    raise damaged(self.path, exc) from exc
                if _denied(exc):
                    raise _read_only_store(Path(str(self.path))) from exc
                if "lock" not in str(exc).lower():
                    raise StoreError(f"cannot open store {self.path}: {first_line(exc)}") from exc
                if not undo.pause(deadline):  # an Oxigraph server, or an older kgraph
                    raise StoreLockedError(undo.locked_message(self.path, wait)) from exc

    def _open_read_only(self) -> None:
        self._db = None
        self._db = self._reading(lambda: self._read_only_db())
        self.read_only = True

    def _read_only_db(self) -> ox.Store:
        """The store itself, or while a large write is under way its snapshot: what it was before the write."""
        assert self.path is not None
        try:
            return ox.Store.read_only(str(undo.snapshot_path(self.path) if undo.pending(self.path) else self.path))
        except RuntimeError as exc:
            raise damaged(self.path, exc) from exc
        except OSError as exc:
            if _missing_part(exc):
                raise damaged(self.path, exc) from exc
            raise StoreError(f"cannot open store {self.path} (read-only): {first_line(exc)}") from exc

    def _reading(self, work: Callable[[], T]) -> T:
        """``work()``, tried again on a fresh read-only view when a file it needed is gone: Oxigraph's read-only
        mode does not keep the files of its view, and a writer's compaction deletes the ones it merged."""
        deadline = time.monotonic() + _READ_RETRY_SECONDS
        for attempt in itertools.count():
            try:
                if attempt:
                    self._db = self._read_only_db()
                return work()
            except KgraphError as exc:
                cause = exc.__cause__
                retry = self._db is None or self.read_only
                if not (retry and isinstance(cause, OSError | RuntimeError) and _missing_part(cause)):
                    raise
                if time.monotonic() > deadline:
                    raise
                time.sleep(min(0.05 * 2**attempt, 0.5))  # the compaction is finishing
        raise AssertionError("unreachable")

    # -- lifecycle --

    @property
    def db(self) -> ox.Store:
        """The underlying pyoxigraph Store (for what kgraph does not wrap)."""
        if self._db is None:
            raise StoreError(f"store {self.path} is closed")
        return self._db

    def close(self) -> None:
        """Release the store (and its lock). Dropping the last reference closes the database."""
        self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @contextmanager
    def undoable(self) -> Iterator[None]:
        """A write in several transactions, all or nothing: a snapshot first (see kgraph.store.undo), dropped when
        the block ends with everything flushed to disk, put back when it fails. An in-memory store writes in
        place."""
        if self.path is None:
            yield
            return
        undo.clear_leftovers(self.path)
        try:
            self.db.backup(str(undo.snapshot_path(self.path)))
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {first_line(exc)}") from exc
        try:
            yield
            self.db.flush()
        except BaseException as exc:
            self._put_back(exc)
            raise
        undo.drop(self.path)

    def _put_back(self, exc: BaseException) -> None:
        """Undo a failed write from its snapshot, once this process's database is closed (it would write on
        closing). If it cannot be closed here, the snapshot stays: readers read it and the next writer restores."""
        assert self.path is not None
        traceback.clear_frames(exc.__traceback__)  # frames of the failed write hold the database
        self._db = None
        gc.collect()
        try:
            probe = ox.Store(str(self.path))  # opens only once the database is closed in this process too
        except OSError:
            return
        del probe
        undo.restore(self.path)
        with suppress(OSError, RuntimeError):
            self._db = ox.Store(str(self.path))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Quads stored (the union copies not counted)."""
        return len(self.db) - int(next(iter(self._raw(_COUNT_UNION)))[0].value)

    def __repr__(self) -> str:
        return f"Store({str(self.path) if self.path else None!r})"

    def _needs_upgrade(self) -> bool:
        """A store written before the union was materialised: quads and no union graph."""
        db = self.db
        return not db.contains_named_graph(_UNION) and any(True for _ in db.quads_for_pattern(None, None, None, None))

    def _upgrade(self) -> None:
        """Fill the union of an older kgraph's store once (one transaction)."""
        if self._needs_upgrade():
            if self.read_only:
                raise StoreError(
                    f"store {self.path} was written by an older kgraph and must be upgraded once, which needs "
                    "write access: open it once where it is writable (any kgraph command does it)"
                )
            self._update(_FILL_UNION)

    # -- writing --

    def batch(self, *, one_transaction: int = ONE_TRANSACTION) -> StoreBatch:
        """Stage graphs and commit them all at once: ``with store.batch() as b: b.add(result) ...``. A commit
        of more than ``one_transaction`` quads goes in pieces behind a snapshot (all or nothing all the same)."""
        self._check_writable()
        return StoreBatch(self, one_transaction=one_transaction)

    def _check_writable(self) -> None:
        self.db  # noqa: B018 (fail now on a closed store)
        if self.read_only:
            raise StoreError(f"store {self.path} is read-only here (its files or mount): it can be queried only")

    def add_results(self, results: Iterable[ArticleResult]) -> int:
        """Store articles: each article's named graph replaces the one stored under its id. All of them are
        committed all or nothing (a crash before the end leaves the store as it was). Returns the count."""
        with self.batch() as batch:
            for result in results:
                batch.add(result)
        return batch.articles

    def add_dataset(self, dataset: Dataset) -> None:
        """Replace the store's named graphs that ``dataset`` has (with triples); its default graph is added."""
        graphs: dict[Node, list[tuple[Node, Node, Node]]] = {}
        for s, p, o, g in dataset.quads((None, None, None, None)):
            graphs.setdefault(g if g is not None else DATASET_DEFAULT_GRAPH_ID, []).append((s, p, o))
        with self.batch() as batch:
            for name, triples in graphs.items():
                batch.add_graph(None if name == DATASET_DEFAULT_GRAPH_ID else name, triples)

    def load(self, path: str | Path, fmt: str | None = None) -> int:
        """Load an RDF file (in ``fmt``, default from the extension; gzipped or not) with Oxigraph's parsers, all
        or nothing. Its named graphs replace those of the same name; triples outside named graphs go to the
        default graph. Returns the number of quads loaded."""
        rdf = formats.input_format(path, fmt)
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        content = read_gzipped(path)
        if rdf is formats.RDFXML:
            formats.refuse_dtd(path if content is None else content, str(path))
        grouped: dict[str | None, list[Any]] = {}
        source: dict[str, Any] = {"path": str(path)} if content is None else {"input": content}
        try:
            for quad in ox.parse(**source, format=rdf.oxigraph):
                graph = quad.graph_name
                key = None if isinstance(graph, ox.DefaultGraph) else graph.value
                grouped.setdefault(key, []).append(quad.triple)
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"cannot parse {path} as {rdf.name}: {first_line(exc)}") from exc
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        with self.batch() as batch:
            for name, triples in grouped.items():
                batch._stage(name, triples)
        return batch.quads

    def remove(self, article_id: str) -> bool:
        """Drop an article's named graph (by article id, or by graph IRI); False when there is none. A reserved
        graph name (``UNION_GRAPH``) is an InputError."""
        check_not_reserved(article_id)
        names = [str(graph_iri(article_id))]
        if ":" in article_id:
            names.insert(0, article_id)
        for name in names:
            try:
                node = ox.NamedNode(name)
            except ValueError:
                continue
            if self.db.contains_named_graph(node):
                self._update(f"{_unlink_union(str(node))} ;\nDROP GRAPH {node}")
                return True
        return False

    def _update(self, text: str) -> None:
        self._check_writable()
        try:
            self.db.update(text)
        except SyntaxError as exc:  # our own serialisation went wrong: say so rather than blame the user
            raise StoreError(f"internal error writing to the store: {first_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {first_line(exc)}") from exc

    # -- reading --

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs() if isinstance(g, ox.NamedNode) and g != _UNION)

    def graph_sizes(self) -> dict[str | None, int]:
        """Triples per stored graph, named graphs sorted by name, then the default graph (None) if it holds any;
        the union left out."""
        sizes: dict[str | None, int] = {}
        for q in self._stored_quads():
            name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            sizes[name] = sizes.get(name, 0) + 1
        return dict(sorted(sizes.items(), key=lambda item: (item[0] is None, item[0] or "")))

    def articles(self) -> list[ArticleInfo]:
        """Every named graph with its article's id, title and date, and its triple count; by date, then id."""
        sizes = {row[0].value: int(row[1].value) for row in self._raw(_GRAPH_SIZES) if row[0] != _UNION}
        meta: dict[str, tuple[str, str | None, str | None]] = {}
        for row in self._raw(_ARTICLES):
            graph = row[0].value
            title, date = (row[i].value if row[i] is not None else None for i in (2, 3))
            meta.setdefault(graph, (row[1].value, title, date))
        infos = []
        for graph, size in sizes.items():
            article_id, title, date = meta.get(graph, (graph, None, None))
            infos.append(ArticleInfo(id=article_id, title=title, date=date, graph=graph, triples=size))
        return sorted(infos, key=lambda a: (a.date or "", a.id))

    def _raw(self, sparql: str) -> list[Any]:
        """The solutions of one of kgraph's own SELECT queries."""
        return self._reading(lambda: self._raw_once(sparql))

    def _raw_once(self, sparql: str) -> list[Any]:
        try:
            return list(self.db.query(sparql, prefixes=_PREFIXES))  # type: ignore[arg-type]
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read store {self.path}: {first_line(exc)}") from exc

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """SPARQL evaluated by Oxigraph over the union of all graphs (``UNION_GRAPH``: each triple once, however
        many graphs hold it; ``GRAPH ?g`` sees the stored graphs), kgraph's prefixes predeclared, values
        bound with Oxigraph's substitutions (or an inline VALUES block, for variables not in a SELECT's
        projection, which substitutions refuse). The answer is an rdflib Result."""
        services = service_iris(sparql)
        for service in services:  # Oxigraph would send the query (and the bound values) to that host
            refuse_service(f"SERVICE {service}")
        if services:
            return _within(current_policy().timeout, lambda: self._query(sparql, bindings))
        return self._reading(lambda: self._query(sparql, bindings))

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None) -> Result:
        bound = {variable_name(k): v for k, v in (bindings or {}).items()}
        options: dict[str, Any] = {"prefixes": _PREFIXES, "default_graph": _UNION}
        if uses_graph(sparql):  # GRAPH ?g ranges over the stored graphs, not the union (listing them costs time)
            options["named_graphs"] = [g for g in self.db.named_graphs() if g != _UNION]
        try:
            try:
                subs = {ox.Variable(k): to_oxigraph(v) for k, v in bound.items() if not isinstance(v, BNode)}
                if len(subs) != len(bound):
                    raise QueryError("cannot bind a variable to a blank node")
                answer = self.db.query(sparql, substitutions=subs or None, **options)
            except RuntimeError as exc:
                if "projection" not in str(exc):
                    raise
                answer = self.db.query(bind_values(sparql, bound), **options)
            return to_result(answer)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {first_line(exc)}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            if "corruption" in str(exc).lower():
                raise damaged(self.path, exc) from exc
            raise QueryError(f"query failed: {first_line(exc)}") from exc

    def _stored_quads(self) -> Iterator[Any]:
        """Every Oxigraph quad but the union copies."""
        return (q for q in self.db.quads_for_pattern(None, None, None, None) if q.graph_name != _UNION)

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad as rdflib terms (the default graph as rdflib's DATASET_DEFAULT_GRAPH_ID), the union
        copies left out."""
        term = rdflib_converter()
        for q in self._stored_quads():
            yield term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)

    def to_dataset(self) -> Dataset:
        """The whole store as an in-memory rdflib Dataset (named graphs kept)."""
        dataset = new_dataset()
        contexts: dict[Node, Graph] = {}
        batch: list[tuple[Node, Node, Node, Graph]] = []
        for s, p, o, g in self.quads():
            context = contexts.get(g)
            if context is None:
                context = contexts[g] = dataset.default_graph if g == DATASET_DEFAULT_GRAPH_ID else dataset.graph(g)  # type: ignore[arg-type]
            batch.append((s, p, o, context))
        dataset.addN(batch)
        return dataset

    def dataset(self) -> Dataset:
        """Alias of ``to_dataset`` (the Source protocol)."""
        return self.to_dataset()

    def dump(self, fmt: str) -> bytes:
        """Serialise with Oxigraph's writers (rdflib format names: turtle, trig, nquads, nt, xml, json-ld).
        Formats without named graphs get the union of all graphs."""
        rdf = formats.by_name(fmt)
        prefixes = _PREFIXES if rdf.prefixes else None
        try:
            if fmt == "nquads":
                return bytes(ox.serialize(self._stored_quads(), format=rdf.oxigraph) or b"")
            # formats without named graphs get the union, where each triple is once
            union = self.db.quads_for_pattern(None, None, None, _UNION)
            items = list(self._stored_quads()) if rdf.quads else [q.triple for q in union]
            if fmt != "nt":  # store order is by internal ids: sorted, each subject's statements sit together
                items.sort(key=_statement_key)
            if rdf is formats.RDFXML:  # characters XML cannot hold, even escaped: replaced
                items = [_xml_safe_triple(t) for t in items]
            return bytes(ox.serialize(items, format=rdf.oxigraph, prefixes=prefixes) or b"")
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot serialise store {self.path} as {fmt}: {first_line(exc)}") from exc


def _missing_part(exc: BaseException) -> bool:
    """RocksDB's IO error for a file of the database that is gone (a MANIFEST, an SST)."""
    return "while opening a file" in str(exc).lower() or "no such file" in str(exc).lower()


def damaged(path: Path | None, exc: BaseException) -> StoreError:
    """The one message for a store whose files are corrupt or missing: what it is, and how to recover."""
    return StoreError(
        f"store {path} is damaged ({first_line(exc)[:160]}); rebuild it (kgraph build ... --store NEW-FOLDER) "
        "or restore the folder from a backup"
    )


def _within(seconds: float, evaluate: Callable[[], Result]) -> Result:
    """Run ``evaluate`` with a deadline: Oxigraph's SERVICE client has no time-out of its own."""
    return within(
        seconds,
        evaluate,
        lambda: QueryError(f"query failed: the remote SPARQL service did not answer within {seconds:g} s"),
    )


def _xml_safe_triple(triple: Any) -> Any:
    obj = triple.object
    if isinstance(obj, ox.Literal):
        text = formats.xml_safe(obj.value)
        if text != obj.value:
            literal = (
                ox.Literal(text, language=obj.language) if obj.language else ox.Literal(text, datatype=obj.datatype)
            )
            return ox.Triple(triple.subject, triple.predicate, literal)
    return triple


def _statement_key(item: Any) -> tuple[str, ...]:
    key = (str(item.subject), str(item.predicate), str(item.object))
    return (str(item.graph_name), *key) if isinstance(item, ox.Quad) else key


@contextmanager
def accumulate(path: str | Path | None, *, wait: float = 0.0) -> Iterator[StoreBatch | None]:
    """For ``kgraph build --store``: open (and lock) the store at once, so a bad folder fails before the slow
    part; yield a batch to stage articles in; commit it (all or nothing) when the block ends normally with
    articles staged, else leave the store as it was. ``path`` None yields None; ``wait`` as for Store."""
    if path is None:
        yield None
        return
    with Store(path, wait=wait) as store, store.batch() as batch:
        try:
            yield batch
        except BaseException:
            batch.abort()
            raise
        if not batch.articles:
            batch.abort()


def _writable(path: Path) -> bool:
    """Can this process write the store's folder and its lock file (Oxigraph opens both for writing)?"""
    lock = path / "LOCK"
    return os.access(path, os.W_OK) and (not lock.exists() or os.access(lock, os.W_OK))


def _denied(exc: OSError) -> bool:
    """The store could not be opened for writing: permissions or a read-only file system."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return True
    text = str(exc).lower()
    return "permission denied" in text or "read-only file system" in text


def _read_only_store(path: Path) -> StoreError:
    return StoreError(
        f"cannot write to store {path}: permission denied (read-only files or mount); "
        "commands that only read it (query, articles, export) still work"
    )


def is_store(path: str | Path) -> bool:
    """Whether ``path`` holds an Oxigraph store (RocksDB's CURRENT file), without opening it."""
    return (Path(path) / "CURRENT").is_file()


def _check_store_folder(path: Path, create: bool) -> None:
    """Refuse to turn a folder of other files into a database, and say what to do instead."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file, not a store folder")
    if is_store(path) or undo.pending(path):  # RocksDB's marker: an Oxigraph store (or its snapshot)
        return
    if path.is_dir() and any(entry.name != undo.WRITER_LOCK for entry in path.iterdir()):
        raise InputError(f"{path} is not a kgraph store (the folder holds other files); give a new or empty folder")
    if not create:
        raise InputError(f"no store at {path}; create one with: kgraph build ... --store {path}")
