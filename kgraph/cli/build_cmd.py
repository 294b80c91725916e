"""`kgraph build`: articles -> graph files."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..choices import BATCH_SIZE, ENGINES
from ..progress import ProgressBar, estimate_total
from .group import main
from .options import model_option, ontology_option, quiet_option, wait_option

if TYPE_CHECKING:  # the stages are imported by the command, not to build it (kgraph --help stays fast)
    from ..store import Replaced
    from ..types import ArticleResult


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
    "graph. Committed at the end, all or nothing: an interrupted build leaves the store as it was. "
    "Says what is new in it: entities, facts and disputes the store did not hold before.",
)
@wait_option
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
@click.option(
    "--stdin-format",
    type=click.Choice(["text", "jsonl"]),
    default=None,
    help="What - reads: one text article (first line the title) or JSON Lines. Default: JSON Lines when the "
    "first line is a JSON object, else text.",
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
    wait: float | None,
    ontologies: tuple[str, ...],
    model: str | None,
    quiet: bool,
    stdin_format: str | None,
) -> None:
    """Extract entities and claims from articles into an RDF graph.

    PATHS are .txt/.md files (first line is the title), folders of them, JSONL files (id, title, text, date,
    url) or - for stdin. With no PATHS, reads seeds/. Articles stream through: each article's graph is written
    as soon as it is extracted (.jsonld and .rdf outputs are written at the end). On a terminal a progress bar
    shows articles/s and the ETA.
    """
    from ..changes import changes, store_snapshot
    from ..export import union_note
    from ..formats import by_extension
    from ..ontology import load_ontology
    from ..pipeline import write_build
    from ..store import accumulate

    for out in outputs:
        by_extension(out)  # unknown extension: fail before the slow part
    if processes > 1 and not scheduler:
        from ..distributed import worker_cap

        processes, note = worker_cap(processes)
        if note:
            click.echo(f"Note: {note}", err=True)
    ontology = load_ontology(ontologies)
    before = store_snapshot(store_dir, ontology) if store_dir is not None and not quiet else None
    bar = ProgressBar(estimate_total(paths), stream=sys.stderr, quiet=quiet)
    with bar, accumulate(store_dir, wait=wait or 0.0) as batch:

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
            stdin_format=stdin_format,
        )
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for problem in report.problems:
        click.echo(f"Warning: skipped {problem}", err=True)
    if batch is not None:
        _report_replaced(batch.replaced, store_dir, quiet)
    if report.articles == 0:
        raise click.ClickException("no article could be read; nothing written")
    if not quiet:
        click.echo(report.summary(), err=True)
        for out in outputs:
            click.echo(f"wrote {out}", err=True)
    if before is not None and batch is not None and batch.articles:
        new = changes(before, store_snapshot(str(store_dir), ontology))
        click.echo(f"new in {store_dir}: {new.summary()}", err=True)
    for out in outputs:  # as export says it, --quiet or not
        rdf = by_extension(out)
        if not rdf.quads and report.articles:
            click.echo(f"Note: {out}: {union_note(rdf.title, report.articles)}", err=True)
        if batch is not None:
            click.echo(f"stored {batch.articles} articles in {store_dir}", err=True)
    if report.problems:
        sys.exit(1)


def _report_replaced(replaced: list[Replaced], store_dir: str | None, quiet: bool) -> None:
    """Stored articles this build replaced: a different article under the same graph always warns (its ids
    were minted alike by an older kgraph); a rebuilt article is named unless --quiet."""
    for item in replaced:
        if not item.same_article:
            click.echo(
                f"Warning: article {item.id!r} replaced a different article, {item.previous!r}, stored in "
                f"{store_dir} under the same graph <{item.graph}>",
                err=True,
            )
    for item in replaced:
        if item.lost:  # always said: the store had it, and nothing now shows it
            click.echo(
                f"Warning: article {item.id!r} rebuilt without the {' and '.join(item.lost)} it had in {store_dir};"
                " give them again (JSONL date/url) to keep them",
                err=True,
            )
    rebuilt = [item.id for item in replaced if item.same_article]
    if rebuilt and not quiet:
        shown = ", ".join(repr(i) for i in rebuilt[:5]) + (f" and {len(rebuilt) - 5} more" if len(rebuilt) > 5 else "")
        click.echo(
            f"Warning: replaced {len(rebuilt)} article{'s' if len(rebuilt) != 1 else ''} already in {store_dir}: "
            f"{shown}",
            err=True,
        )
