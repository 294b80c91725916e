"""The build stage end to end, for Python users and the CLI alike: paths -> articles -> extraction -> Dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset

from .choices import BATCH_SIZE, ENGINES
from .errors import InputError
from .extract import extract
from .graph import article_graph, new_dataset
from .ingest import iter_articles
from .nlp import get_pipeline
from .ontology import Ontology, load_ontology
from .types import ArticleResult
from .writer import GraphWriter


@dataclass
class BuildReport:
    """What a build did: counts for the summary and the problems met on the way."""

    articles: int = 0
    words: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # worth telling the user; nothing was skipped for them
    entities: dict[str, str] = field(default_factory=dict)  # IRI -> class
    claims: Counter[tuple[str, str]] = field(default_factory=Counter)  # (property, modality) -> count

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        self.words += len(result.article.text.split())
        self.warnings.extend(result.warnings)
        for entity in result.entities:
            self.entities[entity.iri] = entity.cls
        for claim in result.claims:
            self.claims[(claim.property, claim.modality.value)] += 1

    def summary(self) -> str:
        lines = [f"articles: {self.articles}" + (f" ({len(self.problems)} skipped)" if self.problems else "")]
        by_class = Counter(self.entities.values())
        lines.append(f"entities: {len(self.entities)}")
        lines += [f"  {cls:<28}{n:>6}" for cls, n in sorted(by_class.items())]
        lines.append(f"claims: {sum(self.claims.values())}")
        props = sorted({p for p, _ in self.claims})
        modalities = ("asserted", "hedged", "negated", "reported")
        lines.append("  " + f"{'property':<22}" + "".join(f"{m:>10}" for m in modalities))
        for prop in props:
            lines.append("  " + f"{prop:<22}" + "".join(f"{self.claims[(prop, m)]:>10}" for m in modalities))
        return "\n".join(lines)


def run_extraction(
    paths: Iterable[str | Path] = (),
    *,
    ontology: Ontology | None = None,
    model: str | None = None,
    report: BuildReport | None = None,
    stdin: IO[str] | None = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stdin_format: str | None = None,
) -> Iterator[ArticleResult]:
    """Stream ArticleResults for the given inputs, in input order; bad articles are recorded in
    ``report.problems``.

    ``engine="local"`` runs in this process (``n_process`` = 1) or on a pool of worker processes;
    ``engine="dask"`` (implied by ``scheduler="tcp://HOST:PORT"``) on a Dask cluster, a LocalCluster of
    ``n_process`` workers when no scheduler is given. Every engine yields the same results. ``stdin_format``
    ("text" or "jsonl") says what ``-`` reads; None tells by the content.
    """
    ontology = ontology or load_ontology()
    report = report if report is not None else BuildReport()
    problems = report.problems

    def on_error(error: InputError) -> None:
        problems.append(str(error))

    articles = iter_articles(
        paths, on_error=on_error, stdin=stdin, stdin_format=stdin_format, on_warning=report.warnings.append
    )
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if n_process < 1:
        raise InputError(f"the number of processes must be at least 1, not {n_process}")
    results: Iterable[ArticleResult]
    if engine == "dask" or scheduler:
        from .distributed import dask_results

        results = dask_results(
            articles, ontology, model, scheduler=scheduler, n_workers=n_process, batch_size=batch_size
        )
    elif n_process > 1:
        from .distributed import process_results

        # our own pool, not nlp.pipe(n_process=...): workers extract and send back small results, not Docs
        results = process_results(articles, ontology, model, n_process=n_process, batch_size=batch_size)
    else:
        results = extract(articles, get_pipeline(ontology, model), ontology, batch_size=batch_size)
    for result in results:
        report.add(result)
        yield result


def build(
    paths: Iterable[str | Path] = (),
    *,
    ontology: Ontology | None = None,
    model: str | None = None,
    stdin: IO[str] | None = None,
    dataset: Dataset | None = None,
    progress: Callable[[ArticleResult], Any] | None = None,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stdin_format: str | None = None,
) -> tuple[Dataset, BuildReport]:
    """Build (or extend) an in-memory Dataset from articles. Rebuilding an article replaces its named graph.
    For large inputs use ``write_build``, which streams to files with flat memory."""
    report = BuildReport()
    dataset = dataset if dataset is not None else new_dataset()
    for result in run_extraction(
        paths,
        ontology=ontology,
        model=model,
        report=report,
        stdin=stdin,
        n_process=n_process,
        engine=engine,
        scheduler=scheduler,
        stdin_format=stdin_format,
    ):
        article_graph(dataset, result)
        if progress is not None:
            progress(result)
    return dataset, report


def write_build(
    paths: Iterable[str | Path] = (),
    outputs: Iterable[str | Path] = (),
    *,
    stdout: IO[bytes] | None = None,
    ontology: Ontology | None = None,
    model: str | None = None,
    stdin: IO[str] | None = None,
    progress: Callable[[ArticleResult], Any] | None = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    stdin_format: str | None = None,
) -> BuildReport:
    """Extract and write each article's graph to the outputs as soon as it is done (and TriG to ``stdout``
    if given): memory stays flat however long the input. Outputs are replaced atomically at the end, and left
    untouched when no article could be read or the build fails. A repeated article id is skipped and reported
    (a written named graph cannot be replaced)."""
    report = BuildReport()
    writer = GraphWriter(list(outputs), stdout=stdout)
    try:
        for result in run_extraction(
            paths,
            ontology=ontology,
            model=model,
            report=report,
            stdin=stdin,
            batch_size=batch_size,
            n_process=n_process,
            engine=engine,
            scheduler=scheduler,
            stdin_format=stdin_format,
        ):
            if not writer.add(result):
                article = result.article
                report.problems.append(
                    f"{article.origin or article.id}: article id {article.id!r} already used in this build"
                )
            if progress is not None:
                progress(result)
    except BaseException:
        writer.abort()
        raise
    if report.articles == 0:
        writer.abort()
    else:
        writer.close()
    return report
