"""Shared fixtures: the real ontology, the real spaCy pipeline (loaded once per session), the seed graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.extract import extract
from kgraph.graph import build_dataset
from kgraph.ingest import iter_articles
from kgraph.nlp import get_pipeline
from kgraph.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "nato-russia-drone-incursions.txt"


@pytest.fixture(scope="session")
def ontology():
    return load_ontology()


@pytest.fixture(scope="session")
def nlp(ontology):
    return get_pipeline(ontology)


@pytest.fixture(scope="session")
def seed_results(nlp, ontology):
    return list(extract(iter_articles([SEEDS]), nlp, ontology))


@pytest.fixture(scope="session")
def seed_dataset(seed_results):
    return build_dataset(seed_results)


@pytest.fixture(scope="session")
def seed_files(seed_dataset, tmp_path_factory):
    """The seed graph written as Turtle and TriG, as `kgraph build` writes them."""
    from kgraph.store import write_dataset

    folder = tmp_path_factory.mktemp("seed-graph")
    paths = {"ttl": folder / "graph.ttl", "trig": folder / "graph.trig"}
    for path in paths.values():
        write_dataset(seed_dataset, path)
    return paths


@pytest.fixture(scope="session")
def extract_text(nlp, ontology):
    """Extract one article from a string: returns its ArticleResult."""
    from kgraph.types import Article

    def run(text: str, date: str | None = None):
        return next(iter(extract([Article(id="t", title="", text=text, date=date)], nlp, ontology)))

    return run
