"""`kgraph view`: an interactive HTML view of a graph."""

from __future__ import annotations

import click

from ..render import write_view
from ..store import read_dataset
from . import main


@main.command("view")
@click.argument("data", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", default="graph.html", type=click.Path(dir_okay=False), show_default=True)
def view_command(data: str, output: str) -> None:
    """Write a self-contained interactive HTML view of the graph in DATA."""
    write_view(read_dataset([data]), output)
    click.echo(f"wrote {output}", err=True)
