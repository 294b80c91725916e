"""`kgraph build`: articles -> graph files."""

from __future__ import annotations

import sys

import click

from ..formats import by_extension
from ..ontology import load_ontology
from ..pipeline import BATCH_SIZE, ENGINES, write_build
from ..progress import ProgressBar, estimate_total
from ..store import accumulate
from ..types import ArticleResult
from .group import main
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
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Also accumulate into this on-disk store (created when missing): a rebuilt article replaces its "
    "graph. Committed in one transaction at the end: an interrupted build leaves the store as it was.",
)
@click.option(
    "-j",
    "--processes",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for extraction (with --engine dask: workers of the local Dask cluster).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this machine; dask: a Dask cluster (a LocalCluster unless --scheduler is given).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Run extraction on this Dask scheduler's workers (implies --engine dask).",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True, help="Articles per spaCy batch."
)
@ontology_option
@model_option
@quiet_option
def build_command(
    paths: tuple[str, ...],
    outputs: tuple[str, ...],
    processes: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    store_dir: str | None,
    ontologies: tuple[str, ...],
    model: str | None,
    quiet: bool,
) -> None:
    """Extract entities and claims from articles into an RDF graph.

    PATHS are .txt/.md files (first line is the title), folders of them, JSONL files (id, title, text, date,
    url) or - for stdin. With no PATHS, reads seeds/. Articles stream through: each article's graph is written
    as soon as it is extracted (.jsonld and .rdf outputs are written at the end). On a terminal a progress bar
    shows articles/s and the ETA.
    """
    for out in outputs:
        by_extension(out)  # unknown extension: fail before the slow part
    ontology = load_ontology(ontologies)
    bar = ProgressBar(estimate_total(paths), stream=sys.stderr, quiet=quiet)
    with bar, accumulate(store_dir) as batch:

        def progress(result: ArticleResult) -> None:
            if batch is not None:
                batch.add(result)
            bar.update(words=len(result.article.text.split()))

        report = write_build(
            paths,
            outputs,
            stdout=None if outputs or store_dir else sys.stdout.buffer,
            ontology=ontology,
            model=model,
            stdin=sys.stdin,
            progress=progress,
            batch_size=batch_size,
            n_process=processes,
            engine=engine,
            scheduler=scheduler,
        )
    for problem in report.problems:
        click.echo(f"Warning: skipped {problem}", err=True)
    if report.articles == 0:
        raise click.ClickException("no article could be read; nothing written")
    if not quiet:
        click.echo(report.summary(), err=True)
        for out in outputs:
            click.echo(f"wrote {out}", err=True)
        if batch is not None:
            click.echo(f"stored {batch.articles} articles in {store_dir}", err=True)
    if report.problems:
        sys.exit(1)
