"""`kgraph view`: one self-contained, offline, interactive HTML view of a graph."""

from __future__ import annotations

import click

from ..selection import MODALITY_CHOICES
from ..view_options import ViewOptions
from .group import main
from .options import data_option, endpoint_options, endpoint_settings, ontology_option, quiet_option

DEFAULTS = ViewOptions()


@main.command("view")
@data_option
@click.option("--store", type=click.Path(file_okay=False), help="On-disk Oxigraph store to read.")
@click.option("--endpoint", metavar="URL", help="Remote SPARQL endpoint to read.")
@endpoint_options
@click.option("-o", "--output", default="graph.html", type=click.Path(dir_okay=False), show_default=True)
@click.option("--focus", metavar="ENTITY", help="Show only this entity's neighbourhood (label, IRI or CURIE).")
@click.option("--hops", default=DEFAULTS.hops, show_default=True, type=click.IntRange(min=0),
              help="Radius of the --focus neighbourhood.")  # fmt: skip
@click.option("--property", "properties", multiple=True, metavar="P",
              help="Keep only relations of property P and its sub-properties; repeatable.")  # fmt: skip
@click.option("--class", "classes", multiple=True, metavar="C",
              help="Keep only entities of class C (and its subclasses); repeatable.")  # fmt: skip
@click.option("--modality", multiple=True, type=click.Choice(MODALITY_CHOICES, case_sensitive=False),
              help="Claims drawn: asserted (default), reported, hedged, negated or all; repeatable. Non-asserted "
                   "ones are dashed or dotted and filterable in the page.")  # fmt: skip
@click.option("--min-support", default=DEFAULTS.min_support, show_default=True, type=click.IntRange(min=1),
              help="Keep relations backed by at least N articles.")  # fmt: skip
@click.option("--since", metavar="DATE", help="Keep evidence dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Keep evidence dated on or before DATE.")
@click.option("--max-nodes", default=DEFAULTS.max_nodes, show_default=True, type=click.IntRange(min=1),
              help="Beyond N entities the least central are left out; the page says how many.")  # fmt: skip
@click.option("--title", default=DEFAULTS.title, show_default=True, help="Page title.")
@ontology_option
@quiet_option
def view_command(
    data: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    output: str,
    ontologies: tuple[str, ...],
    quiet: bool,
    **options: object,
) -> None:
    """Write a self-contained interactive HTML view of the graph: no network needed to open it.

    Nodes are entities (colour and shape by class), edges are relations (colour by family, width by the number
    of articles); hovering shows the evidence sentences, article titles, dates and modality.
    """
    from ..ontology import load_ontology
    from ..render import write_view
    from ..sources import open_source

    options["modality"] = options["modality"] or DEFAULTS.modality
    ontology = load_ontology(ontologies)
    source = open_source(data=data, store=store, endpoint=endpoint, **endpoint_settings())
    try:
        stats = write_view(source.dataset(), output, ontology=ontology, **options)
    finally:
        source.close()
    if not quiet:
        around = f" around {stats.focus}" if stats.focus else ""
        click.echo(f"wrote {output}: {stats.nodes} entities, {stats.edges} relations{around}", err=True)
        for note in stats.notes:
            click.echo(f"Note: {note}", err=True)
