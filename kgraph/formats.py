"""The RDF formats kgraph reads and writes, registered once: file extensions, rdflib's format name, the media
type, Oxigraph's format, whether it holds named graphs. The store, the streaming writer, ``kgraph export``,
query output and the remote endpoint client all look formats up here, so a format is added with one
``register()`` call, as in rdflib's plugin registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class RdfFormat:
    name: str  # rdflib's format name (turtle, trig, nquads, nt, json-ld, xml)
    export: str  # the name `kgraph export --format` takes
    title: str  # for messages: "N-Triples"
    extensions: tuple[str, ...]  # the first is the usual one
    media_type: str
    oxigraph_name: str  # the name of Oxigraph's format (pyoxigraph.RdfFormat.TURTLE): imported when first used
    quads: bool  # holds named graphs (otherwise a graph is written as the union of its graphs)
    prefixes: bool = False  # the serialisers write prefix declarations
    streamed: bool = False  # can be appended article by article (kgraph.writer)

    @property
    def oxigraph(self) -> ox.RdfFormat:
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, self.oxigraph_name)


FORMATS: dict[str, RdfFormat] = {}  # rdflib name -> format
_BY_EXTENSION: dict[str, RdfFormat] = {}
_BY_MEDIA_TYPE: dict[str, RdfFormat] = {}


def register(fmt: RdfFormat) -> RdfFormat:
    FORMATS[fmt.name] = fmt
    for extension in fmt.extensions:
        _BY_EXTENSION[extension] = fmt
    _BY_MEDIA_TYPE[fmt.media_type] = fmt
    return fmt


TURTLE = register(RdfFormat("turtle", "turtle", "Turtle", (".ttl",), "text/turtle", "TURTLE", False, True, True))
TRIG = register(RdfFormat("trig", "trig", "TriG", (".trig",), "application/trig", "TRIG", True, True, True))
NQUADS = register(
    RdfFormat("nquads", "nquads", "N-Quads", (".nq",), "application/n-quads", "N_QUADS", True, False, True)
)
NTRIPLES = register(
    RdfFormat("nt", "ntriples", "N-Triples", (".nt",), "application/n-triples", "N_TRIPLES", False, False, True)
)
JSONLD = register(
    RdfFormat("json-ld", "jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json", "JSON_LD", True)
)
RDFXML = register(
    RdfFormat("xml", "rdfxml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml", "RDF_XML", False)
)
_BY_MEDIA_TYPE["text/plain"] = NTRIPLES  # what some endpoints send N-Triples as


def by_name(name: str) -> RdfFormat:
    """A format by rdflib name (``nt``) or export name (``ntriples``)."""
    for fmt in FORMATS.values():
        if name in (fmt.name, fmt.export):
            return fmt
    known = ", ".join(FORMATS)
    raise InputError(f"unknown RDF format {name!r}; use one of {known}")


def by_extension(path: str | Path) -> RdfFormat:
    suffix = Path(path).suffix.lower()
    if suffix not in _BY_EXTENSION:
        known = ", ".join(sorted(_BY_EXTENSION))
        raise InputError(f"{path}: unknown RDF file extension {suffix or '(none)'!r}; use one of {known}")
    return _BY_EXTENSION[suffix]


COMPRESSED = ".gz"  # input files may be gzipped: graph.ttl.gz is Turtle
_DATA_FORMAT: ContextVar[RdfFormat | None] = ContextVar("kgraph_data_format", default=None)


def by_name_or_extension(name: str) -> RdfFormat:
    """A format by rdflib name (``nt``), export name (``ntriples``) or extension (``ttl``, ``.ttl``)."""
    extension = "." + name.lower().lstrip(".")
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    return by_name(name)


def input_names() -> list[str]:
    """What ``--data-format`` takes: every format's names and extensions."""
    names = {n for fmt in FORMATS.values() for n in (fmt.name, fmt.export)} | {e[1:] for e in _BY_EXTENSION}
    return sorted(names)


@contextmanager
def reading_as(name: str | None) -> Iterator[None]:
    """Within the block, input files are read as ``name`` (``--data-format``) whatever their extension."""
    token = _DATA_FORMAT.set(by_name_or_extension(name) if name else None)
    try:
        yield
    finally:
        _DATA_FORMAT.reset(token)


def input_format(path: str | Path, name: str | None = None) -> RdfFormat:
    """The format to read ``path`` in: ``name`` if given, else the one ``reading_as`` set, else the extension's
    (``.ttl.gz``: Turtle, gzipped)."""
    if name:
        return by_name_or_extension(name)
    chosen = _DATA_FORMAT.get()
    if chosen is not None:
        return chosen
    inner = Path(path)
    if inner.suffix.lower() == COMPRESSED:
        inner = inner.with_suffix("")
    if inner.suffix.lower() not in _BY_EXTENSION:
        known = " ".join(sorted(_BY_EXTENSION))
        raise InputError(
            f"{path}: unknown RDF file extension {inner.suffix or '(none)'!r}; use one of {known} (gzipped: add "
            ".gz) or pass --data-format"
        )
    return _BY_EXTENSION[inner.suffix.lower()]


def by_media_type(content_type: str) -> RdfFormat | None:
    """The format of an HTTP Content-Type (parameters ignored), or None."""
    return _BY_MEDIA_TYPE.get(content_type.split(";")[0].strip().lower())


def extensions() -> dict[str, RdfFormat]:
    return dict(_BY_EXTENSION)


# characters XML 1.0 cannot hold, even escaped: C0 controls but tab, newline and carriage return (form feeds from
# PDF text, bells, ...), lone surrogates, U+FFFE and U+FFFF. RDF/XML, GraphML and GEXF writers must replace them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}  # vertical tab and form feed break lines: a space keeps words apart


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced: vertical tab and form feed by a space, the others by
    U+FFFD (the replacement character), so the file parses and the reader sees where something was."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: _AS_SPACE.get(m.group(), "\ufffd"), text)


class _Doctype(Exception):
    pass


class _Root(Exception):
    pass


def refuse_dtd(source: str | Path | bytes, name: str) -> None:
    """Refuse XML (RDF/XML, SPARQL XML results) with a document type declaration, before any parser that
    would expand its entities reads it: an internal DTD's entities can expand without bound (a 1.3 KB "billion
    laughs" file kept rdflib busy for minutes). Expat reads only up to the root element's start tag.
    ``source`` is a file path or the document's bytes; raises InputError naming ``name``."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_args: object) -> None:
        raise _Doctype

    def root(*_args: object) -> None:
        raise _Root

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        if isinstance(source, bytes):
            parser.Parse(source, True)
        else:
            with open(source, "rb") as handle:
                while chunk := handle.read(1 << 16):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
    except _Doctype:
        raise InputError(
            f"{name}: XML with a DTD (<!DOCTYPE> or <!ENTITY>) is refused, as its entities can expand without "
            "bound; remove the DTD (write the IRIs out) or convert the file to Turtle"
        ) from None
    except (_Root, xml.parsers.expat.ExpatError):
        return  # the root element came first; a malformed document is the RDF parser's to report
