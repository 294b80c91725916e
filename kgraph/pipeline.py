"""The build stage end to end, for Python users and the CLI alike: paths -> articles -> extraction -> Dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset

from .errors import InputError
from .extract import extract
from .graph import article_graph, new_dataset
from .ingest import iter_articles
from .nlp import get_pipeline
from .ontology import Ontology, load_ontology
from .types import ArticleResult


@dataclass
class BuildReport:
    """What a build did: counts for the summary and the problems met on the way."""

    articles: int = 0
    words: int = 0
    problems: list[str] = field(default_factory=list)
    entities: dict[str, str] = field(default_factory=dict)  # IRI -> class
    claims: Counter[tuple[str, str]] = field(default_factory=Counter)  # (property, modality) -> count

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        self.words += len(result.article.text.split())
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
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Stream ArticleResults for the given inputs; bad articles are recorded in ``report.problems``."""
    ontology = ontology or load_ontology()
    report = report if report is not None else BuildReport()
    nlp = get_pipeline(ontology, model)
    problems = report.problems

    def on_error(error: InputError) -> None:
        problems.append(str(error))

    articles = iter_articles(paths, on_error=on_error, stdin=stdin)
    for result in extract(articles, nlp, ontology, batch_size=batch_size, n_process=n_process):
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
) -> tuple[Dataset, BuildReport]:
    """Build (or extend) a Dataset from articles. Rebuilding an article replaces its named graph."""
    report = BuildReport()
    dataset = dataset if dataset is not None else new_dataset()
    for result in run_extraction(
        paths, ontology=ontology, model=model, report=report, stdin=stdin, n_process=n_process
    ):
        article_graph(dataset, result)
        if progress is not None:
            progress(result)
    return dataset, report
