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


@pytest.fixture(scope="session")
def make_synthetic_results():
    """Factory for synthetic extractions of any size (scale tests of the HTML view): ``n_entities`` entities over
    the seven classes, a ring of asserted claims touching every entity plus random ones (a fifth of them hedged),
    ``per_article`` claims per article. Returns ArticleResults for kgraph.graph.article_graph / build_dataset."""
    import random

    from kgraph.iri import entity_iri
    from kgraph.types import Article, ArticleResult, Claim, Entity, Modality

    classes = ("Country", "InternationalOrganization", "Organization", "Person", "MilitaryAsset", "Event", "Location")
    props = ("attacks", "intrudesInto", "threatens", "supports", "suppliesTo", "meetsWith", "memberOf", "deploys")

    def make(n_entities: int, n_claims: int, per_article: int = 20, seed: int = 7) -> list[ArticleResult]:
        rng = random.Random(seed)
        entities = []
        for i in range(n_entities):
            cls = classes[i % len(classes)]
            label = f"{cls} {i}"
            entities.append(Entity(iri=str(entity_iri(label, cls)), label=label, cls=cls))
        triples = []
        for i in range(n_claims):
            if i < n_entities:
                s, o, modality = i, (i + 1) % n_entities, Modality.ASSERTED
            else:
                s, o = rng.randrange(n_entities), rng.randrange(n_entities - 1)
                o += o >= s
                modality = Modality.HEDGED if rng.random() < 0.2 else Modality.ASSERTED
            triples.append((s, o, props[i % len(props)], modality))
        results = []
        for start in range(0, n_claims, per_article):
            number = start // per_article
            article = Article(
                id=f"synthetic-{number:05d}", title=f"Synthetic report {number}", text="",
                date=f"2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
            )  # fmt: skip
            claims, used, offset = [], {}, 0
            for s, o, prop, modality in triples[start : start + per_article]:
                sentence = f"{entities[s].label} {prop} {entities[o].label}."
                end = offset + len(sentence)
                claims.append(Claim(
                    subject=entities[s].iri, property=prop, object=entities[o].iri, article_id=article.id,
                    sentence=sentence, sentence_start=offset, sentence_end=end, start=offset, end=end,
                    rule="synthetic", confidence=0.8, modality=modality, date=article.date,
                ))  # fmt: skip
                used[s], used[o] = entities[s], entities[o]
                offset = end + 1
            text = " ".join(c.sentence for c in claims)
            article = Article(id=article.id, title=article.title, text=text, date=article.date)
            entities_used = tuple(used.values())
            results.append(ArticleResult(article=article, entities=entities_used, mentions=(), claims=tuple(claims)))
        return results

    return make


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real, empty Oxigraph server (`oxigraph serve --union-default-graph`) on 127.0.0.1 and a free port, for
    one test: ``oxigraph_server.url`` is its base URL (Graph Store Protocol at /store, SPARQL at /query)."""
    from oxigraph_server import OxigraphServer

    with OxigraphServer(tmp_path / "oxigraph-server") as server:
        yield server
