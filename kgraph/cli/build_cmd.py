"""`kgraph build`: articles -> graph files."""

from __future__ import annotations

import sys

import click

from ..ontology import load_ontology
from ..pipeline import build
from ..store import rdf_format, serialize, write_dataset
from . import main
from .options import model_option, ontology_option, quiet_option


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Output file; format from the extension (.ttl .trig .nq .nt .jsonld .rdf). Repeatable. "
    "Default: TriG on stdout.",
)
@ontology_option
@model_option
@quiet_option
def build_command(
    paths: tuple[str, ...], outputs: tuple[str, ...], ontologies: tuple[str, ...], model: str | None, quiet: bool
) -> None:
    """Extract entities and claims from articles into an RDF graph.

    PATHS are .txt/.md files (first line is the title), folders of them, JSONL files (id, title, text, date,
    url) or - for stdin. With no PATHS, reads seeds/.
    """
    for out in outputs:
        rdf_format(out)  # unknown extension: fail before the slow part
    ontology = load_ontology(ontologies)
    dataset, report = build(paths, ontology=ontology, model=model, stdin=sys.stdin)
    for problem in report.problems:
        click.echo(f"Warning: skipped {problem}", err=True)
    if report.articles == 0:
        raise click.ClickException("no article could be read; nothing written")
    for out in outputs:
        write_dataset(dataset, out)
    if not outputs:
        click.echo(serialize(dataset, "trig").decode("utf-8"), nl=False)
    if not quiet:
        click.echo(report.summary(), err=True)
        for out in outputs:
            click.echo(f"wrote {out}", err=True)
    if report.problems:
        sys.exit(1)
