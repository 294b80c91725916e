"""`kgraph articles`, `remove`, `export`, `push`, `validate`: the store, other formats, triple stores, SHACL."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..choices import export_formats
from ..errors import InputError
from ..selection import MODALITY_CHOICES
from .group import main
from .options import (
    Seconds,
    data_option,
    endpoint_options,
    endpoint_settings,
    ontology_option,
    quiet_option,
    wait_option,
)

if TYPE_CHECKING:  # the stages are imported by each command, not to build it (kgraph --help stays fast)
    from rdflib import Dataset

    from ..store import Store

F = Callable[..., Any]


def store_option(f: F) -> F:
    return click.option(
        "--store", "store_dir", metavar="DIR", type=click.Path(file_okay=False), help="On-disk kgraph store."
    )(f)


def _required_store(store_dir: str | None, *, reader: bool = False, wait: float | None = None) -> Store:
    from ..store import Store

    if store_dir is None:
        raise InputError("no store given: pass --store DIR")
    return Store(store_dir, create=False, reader=reader, wait=wait or 0.0)


def _open(data: tuple[str, ...], store_dir: str | None) -> Dataset | Store:
    """The graph a command reads: --data files (parsed with rdflib) or a store (left on disk)."""
    from ..store import Store, read_dataset

    if data and store_dir:
        raise InputError("pass either --data FILE or --store DIR, not both")
    if data:
        return read_dataset(data)
    if store_dir:
        return Store(store_dir, create=False, reader=True)  # export, push, validate only read
    raise InputError("no graph given: pass --data FILE or --store DIR")


def _close(source: Dataset | Store) -> None:
    from ..store import Store

    if isinstance(source, Store):
        source.close()


@main.command("articles")
@store_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article instead of a table.")
def articles_command(store_dir: str | None, as_json: bool) -> None:
    """List the articles in a store: id, date, triples and title."""
    with _required_store(store_dir, reader=True) as store:
        infos = store.articles()
    if as_json:
        for info in infos:
            click.echo(json.dumps({k: getattr(info, k) for k in ("id", "title", "date", "graph", "triples")}))
        return
    if not infos:
        click.echo(f"no articles in {store_dir}", err=True)
        return
    width = max(len(i.id) for i in infos)
    click.echo(f"{'id':<{width}}  {'date':<10}  {'triples':>7}  title")
    for info in infos:
        click.echo(f"{info.id:<{width}}  {info.date or '':<10}  {info.triples:>7}  {info.title or ''}")
    click.echo(f"({len(infos)} article{'s' if len(infos) != 1 else ''}, {sum(i.triples for i in infos)} triples)")


@main.command("remove")
@click.argument("article_ids", nargs=-1, required=True, metavar="ARTICLE_ID...")
@store_option
@wait_option
@quiet_option
def remove_command(article_ids: tuple[str, ...], store_dir: str | None, wait: float | None, quiet: bool) -> None:
    """Drop articles (their named graphs) from a store. Exit 1 if one of them is not there."""
    missing = []
    from ..store import check_not_reserved

    for article_id in article_ids:  # before removing any: a refused name removes nothing
        check_not_reserved(article_id)
    with _required_store(store_dir, wait=wait) as store:
        for article_id in article_ids:
            if store.remove(article_id):
                if not quiet:
                    click.echo(f"removed {article_id}", err=True)
            else:
                missing.append(article_id)
    for article_id in missing:
        click.echo(f"Error: no article {article_id!r} in {store_dir} (kgraph articles --store lists them)", err=True)
    if missing:
        sys.exit(1)


@main.command("export")
@data_option
@store_option
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="File to write (atomically); a folder for neo4j."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(export_formats()),
    default=None,
    help="Default: from the extension (.ttl .trig .nq .nt .jsonld .rdf .graphml .gexf .csv .cypher); neo4j "
    "writes nodes.csv and relationships.csv into the -o folder.",
)
@click.option(
    "--modality",
    multiple=True,
    type=click.Choice(MODALITY_CHOICES, case_sensitive=False),
    help="GraphML, GEXF, CSV, Neo4j, Cypher: which claims become edges (default asserted; repeatable). RDF formats "
    "always hold every claim.",
)
@ontology_option
@quiet_option
def export_command(
    data: tuple[str, ...],
    store_dir: str | None,
    output: str,
    fmt: str | None,
    modality: tuple[str, ...],
    ontologies: tuple[str, ...],
    quiet: bool,
) -> None:
    """Write the graph in another format: Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML, GraphML, GEXF
    (for Gephi), a CSV edge list, Neo4j bulk-import CSV files or a Cypher script. Turtle, N-Triples and RDF/XML
    cannot hold named graphs: they get the union of all graphs, and a note says so."""
    from ..export import export
    from ..ontology import load_ontology

    ontology = load_ontology(ontologies) if ontologies else None
    source = _open(data, store_dir)
    try:
        report = export(source, output, fmt, modality=modality or ("asserted",), ontology=ontology)
    finally:
        _close(source)
    for note in report.notes:
        if not quiet or "named graphs" in note:
            click.echo(f"Note: {note}", err=True)
    if not quiet:
        click.echo(report.summary(), err=True)


@main.command("push")
@click.option(
    "--endpoint", required=True, metavar="URL", help="Graph Store Protocol URL, or the server's base URL with --preset."
)
@click.option("--graph", metavar="IRI", help="Put everything (the union) into this one named graph.")
@click.option("--replace", is_flag=True, help="PUT: each graph on the server becomes exactly the one pushed.")
@click.option("--sync", is_flag=True, help="Also delete the server's kgraph article graphs that are not pushed.")
@click.option(
    "--query-endpoint", metavar="URL", help="SPARQL URL to count what landed (without --preset; default: none)."
)
@click.option("--no-verify", "no_verify", is_flag=True, help="Do not count the server's triples afterwards.")
@data_option
@store_option
@endpoint_options
@click.option("--timeout", type=Seconds(0.1), default=30.0, show_default=True, help="Seconds per request.")
@quiet_option
def push_command(
    endpoint: str,
    graph: str | None,
    replace: bool,
    sync: bool,
    query_endpoint: str | None,
    no_verify: bool,
    data: tuple[str, ...],
    store_dir: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Send the graph to a triple store (SPARQL 1.1 Graph Store Protocol, one request per graph), named graphs
    kept, then count per graph on the server that every triple landed (exit 1 if not).

    Presets: oxigraph (URL http://host:7878; one N-Quads request), fuseki (http://host:3030/DATASET), graphdb
    (http://host:7200/repositories/REPO), virtuoso (http://host:8890). Without --replace the graphs are merged
    by POST: pushing the same graph again changes nothing. Local files and stores are only read.
    """
    from ..remote import push

    settings = endpoint_settings()
    source = _open(data, store_dir)
    try:
        report = push(
            source, endpoint, graph=graph, replace=replace, sync=sync, verify=not no_verify,
            timeout=timeout, query_endpoint=query_endpoint, **settings,
        )  # fmt: skip
    finally:
        _close(source)
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    if not quiet:
        click.echo(report.summary(), err=True)


@main.command("validate")
@data_option
@store_option
@ontology_option
@click.option(
    "--shapes", type=click.Path(dir_okay=False, exists=True), help="SHACL shapes (default: ontologies/shapes.ttl)."
)
@click.option(
    "--shapes-out",
    type=click.Path(dir_okay=False),
    help="Write the effective shapes (with the ontology's domains and ranges, self-contained) as Turtle, for "
    "another SHACL engine; without --data or --store, only that.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "ttl")),
    default="text",
    show_default=True,
    help="ttl: the SHACL sh:ValidationReport in Turtle.",
)
@quiet_option
def validate_command(
    data: tuple[str, ...],
    store_dir: str | None,
    ontologies: tuple[str, ...],
    shapes: str | None,
    shapes_out: str | None,
    fmt: str,
    quiet: bool,
) -> None:
    """Check the graph: syntax, then SHACL shapes (every entity typed and labelled; every claim with its
    evidence, modality and provenance; domain and range of every relation). Violations are listed with the
    claim's sentence; exit 1 when there is one."""
    from ..ontology import load_ontology
    from ..shapes import SHAPES, write_shapes
    from ..validate import validate

    ontology = load_ontology(ontologies)
    if shapes_out is not None:
        count = write_shapes(shapes_out, ontology, shapes or SHAPES)
        if not quiet:
            click.echo(f"wrote {shapes_out} ({count} triples of SHACL shapes)", err=True)
        if not data and not store_dir:
            return
    source = _open(data, store_dir)
    try:
        report = validate(source, ontology, shapes=shapes or SHAPES)
    finally:
        _close(source)
    click.echo(report.turtle() if fmt == "ttl" else report.text(), nl=fmt != "ttl")
    if not report.conforms:
        sys.exit(1)
