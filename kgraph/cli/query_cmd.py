"""`kgraph query`: SPARQL over graph files, a store or an endpoint; saved queries by name."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..choices import DEFAULT_WIDTH, QUERY_FORMATS
from ..deadline import within
from ..errors import DeadlineError, InputError
from ..selection import MODALITY_CHOICES
from .group import main
from .options import Seconds, allow_option, data_option, endpoint_options, endpoint_settings, ontology_option

if TYPE_CHECKING:  # the SPARQL engine and the stores are imported by the command, not to build it
    from rdflib import URIRef
    from rdflib.term import Node

    from ..sources import Source

F = Callable[..., Any]


def source_options(f: F) -> F:
    """--data FILE (repeatable), --store DIR, --endpoint URL (with --preset and credentials): the graph a
    command reads."""
    f = endpoint_options(f)
    f = click.option("--endpoint", metavar="URL", default=None, help="SPARQL endpoint to query.")(f)
    f = click.option(
        "--store", metavar="DIR", default=None, type=click.Path(file_okay=False), help="On-disk store to read."
    )(f)
    return data_option(f)


def open_graph(data: tuple[str, ...], store: str | None, endpoint: str | None) -> Source:
    from ..sources import open_source

    return open_source(data=data, store=store, endpoint=endpoint, **endpoint_settings())


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()  # CliRunner swaps sys.stdin too
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name}: no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read query file {name}: {exc}") from exc


def _query_text(
    sparql: str | None, query_file: str | None, saved: str | None, modalities: tuple[str, ...], bound: bool
) -> str:
    """The query to run; ``modalities`` (--modality) restrict ?modality, else a saved query's default does
    (unless ?modality is bound with --bind: ``bound``)."""
    from ..query import saved_query, with_modalities

    given = [x for x in (sparql, query_file, saved) if x is not None]
    if not given:
        raise InputError("no query: give it as an argument, with -f FILE.rq, - for stdin, or --saved NAME")
    if len(given) > 1:
        raise InputError("give the query one way only: an argument, -f FILE or --saved NAME")
    if modalities and bound:
        raise InputError("give --modality or --bind modality=..., not both")
    if saved is not None:
        query = saved_query(saved)
        return query.text if bound else query.text_for(modalities or None)
    text = _read_text(query_file) if query_file is not None else _read_text("-") if sparql == "-" else sparql
    if not text or not text.strip():
        raise InputError("the query is empty")
    return with_modalities(text, modalities) if modalities else text


def _empty(kind: str, result: Any) -> bool:
    if kind == "ASK":
        return not result.askAnswer
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return result.graph is None or len(result.graph) == 0
    return len(result) == 0


def saved_listing() -> str:
    from ..query import saved_queries

    queries = saved_queries()
    width = max(len(n) for n in queries) + 2
    lines = []
    for name, query in queries.items():
        lines.append(f"{name:<{width}}{query.description}")
        if query.parameters:
            lines.append(f"{'':<{width}}bind: {query.parameters}")
        if query.modality:
            lines.append(f"{'':<{width}}modality: {query.modality} (default; --modality to change)")
    return "\n".join(lines)


def lazy_resolver(source: Source, ontologies: tuple[str, ...]) -> Callable[[str], URIRef | None]:
    """Entity names for --bind, indexed only when a bare name is actually given."""
    from ..analytics import graph_from_source
    from ..names import EntityIndex
    from ..ontology import load_ontology

    index: list[Callable[[str], URIRef | None]] = []

    def resolve(name: str) -> URIRef | None:
        if not index:
            graph = graph_from_source(source, modality="all")
            index.append(EntityIndex.build(graph, source, load_ontology(ontologies)).resolver())
        return index[0](name)

    return resolve


@main.command("query")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", metavar="FILE.rq", help="Read the query from a file (- for stdin).")
@click.option("--saved", metavar="NAME", help="Run a saved query by name (see --list-saved).")
@click.option("--list-saved", is_flag=True, help="List the saved queries with what each one answers, and exit.")
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help='Bind ?NAME before evaluation: <iri>, prefix:name, "text"@en, 42, or an entity name. Repeatable.',
)
@click.option(
    "--modality",
    "modalities",
    multiple=True,
    type=click.Choice(MODALITY_CHOICES, case_sensitive=False),
    help="Claims a query reading ?modality sees: asserted, reported, hedged, negated or all; repeatable "
    "(saved queries: their default, see --list-saved).",
)
@source_options
@allow_option(
    "--allow-service", "service", "Let SERVICE clauses send the query to the hosts they name (refused by default)."
)
@allow_option(
    "--allow-remote",
    "remote",
    "Let FROM <IRI> fetch a URL or read a file that is not in the data (refused by default).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default=None,
    help="SELECT/ASK: table (default), csv, tsv, json, xml. CONSTRUCT/DESCRIBE: turtle (default), nt, "
    "xml (RDF/XML), json or jsonld (JSON-LD).",
)
@click.option(
    "--width",
    type=click.IntRange(min=0),
    default=DEFAULT_WIDTH,
    show_default=True,
    help="Cut table cells at this many characters (0: never).",
)
@click.option(
    "--timeout",
    type=Seconds(),
    default=None,
    metavar="SECONDS",
    help="Stop the query after this many seconds (exit 1). Default: no time-out; Ctrl-C stops it at once.",
)
@ontology_option
@click.pass_context
def query_command(
    ctx: click.Context,
    sparql: str | None,
    query_file: str | None,
    saved: str | None,
    list_saved: bool,
    binds: tuple[str, ...],
    modalities: tuple[str, ...],
    data: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    fmt: str | None,
    width: int,
    timeout: float | None,
    ontologies: tuple[str, ...],
) -> None:
    """Run a SPARQL query over the graph.

    The query is SPARQL (- reads stdin), -f FILE.rq, or --saved NAME. Prefixes kg: kge: rdf: rdfs: owl: xsd:
    skos: prov: dcterms: schema: wd: and those of the --data files are predeclared. Plain triples are the
    asserted facts; hedged, negated and reported claims are kg:Claim nodes (see --saved claims).

    SELECT prints a table (also into a pipe; --format csv, tsv, json or xml for programs); CONSTRUCT and
    DESCRIBE print Turtle; ASK prints true or false and exits 0 or 1. A bad query, prefix, --bind or --format
    exits 2.
    """
    if list_saved:
        click.echo(saved_listing())
        return
    from ..query import (
        empty_hints,
        execute,
        format_result,
        output_format,
        parse_binding,
        prefix_map,
        prepare,
        query_kind,
    )
    from ..remote import RemoteSource
    from ..sources import source_prefixes

    bound = any(spec.partition("=")[0].strip().lstrip("?$") == "modality" for spec in binds)
    text = _query_text(sparql, query_file, saved, modalities, bound)
    source = open_graph(data, store, endpoint)
    try:
        prefixes = prefix_map(source_prefixes(source))
        resolve = lazy_resolver(source, ontologies)
        bindings: dict[str, Node] = dict(parse_binding(spec, prefixes, resolve) for spec in binds)
        chosen = output_format(query_kind(prepare(text, prefixes)), fmt)  # before the (maybe slow) run

        def run() -> tuple[str, Any, str]:
            kind, result = execute(source, text, bindings, prefixes)
            return kind, result, format_result(result, chosen, prefixes=prefixes, width=width)

        kind, result, output = within(
            timeout, run, lambda: DeadlineError(f"the query did not finish within {timeout:g} s (--timeout)")
        )
        hint = isinstance(source, RemoteSource) and _empty(kind, result)  # Jena: the default graph of a TriG
        note = source.empty_default_graph_note() if isinstance(source, RemoteSource) and hint else None
    finally:
        source.close()
    click.echo(output, nl=not output.endswith("\n"))
    if note:
        click.echo(f"Note: {note}", err=True)
    if kind == "SELECT" and not len(result):
        from ..ontology import load_ontology

        ontology = load_ontology(ontologies)
        for tip in empty_hints(text, bindings, prefixes, [*ontology.classes, *ontology.properties]):
            click.echo(f"Hint: {tip}", err=True)
    if kind == "ASK" and not result.askAnswer:
        ctx.exit(1)
