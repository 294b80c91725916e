"""`kgraph entities`: the entities of a graph, and the unresolved ones to review."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from .group import main
from .options import data_option, endpoint_options, endpoint_settings


@main.command("entities")
@data_option
@click.option("--store", type=click.Path(file_okay=False), help="On-disk store folder.")
@click.option("--endpoint", metavar="URL", help="Remote SPARQL endpoint.")
@endpoint_options
@click.option("--unresolved", is_flag=True, help="Only entities minted from text, not found in the ontology.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
def entities_command(
    data: tuple[str, ...], store: str | None, endpoint: str | None, unresolved: bool, as_json: bool
) -> None:
    """List entities with their class and how many claims and articles use them.

    With --unresolved, list the names kgraph could not link to the ontology: add them as individuals or
    aliases in your own --ontology file.
    """
    from ..catalog import list_entities
    from ..sources import open_source

    source = open_source(data, store, endpoint, **endpoint_settings())
    try:
        rows = list_entities(source, unresolved_only=unresolved)
    finally:
        source.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    width = max([len(r.label) for r in rows] + [6])
    click.echo(f"{'entity':<{width}}  {'class':<26} {'claims':>6} {'articles':>8}  iri")
    for r in rows:
        click.echo(f"{r.label:<{width}}  {r.cls:<26} {r.claims:>6} {r.articles:>8}  {r.iri}")
    click.echo(f"({len(rows)} entit{'y' if len(rows) == 1 else 'ies'})")
