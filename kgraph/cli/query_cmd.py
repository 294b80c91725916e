"""`kgraph query`: SPARQL over graph files."""

from __future__ import annotations

import click

from ..errors import InputError
from ..query import format_result, run_query
from ..store import read_dataset
from . import main
from .options import data_option


@main.command("query")
@click.argument("sparql")
@data_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xml", "tsv"]), default="table")
def query_command(sparql: str, data: tuple[str, ...], fmt: str) -> None:
    """Run a SPARQL query over the graph in --data files."""
    if not data:
        raise InputError("no data: pass --data FILE")
    dataset = read_dataset(data)
    click.echo(format_result(run_query(dataset, sparql), fmt))
