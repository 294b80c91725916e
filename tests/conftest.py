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


@pytest.fixture(scope="session")
def corpus_results():
    """Four hand-written articles for the saved queries (written here, not extracted), with what the single seed
    article cannot show: the same fact in several articles from two publishers (reuters.com twice, apnews.com),
    a fact asserted in two articles and negated in a third and in one of the two (a contradiction only across
    articles), event dates of three precisions, reported claims with an entity and a text source, memberships.
    Returns ArticleResults; the tests compute what each query must answer from these records."""
    from kgraph.types import Article, ArticleResult, Claim, Entity, Modality
    from kgraph.vocab import KGE

    def entity(name: str, label: str, cls: str) -> Entity:
        return Entity(iri=str(KGE[name]), label=label, cls=cls)

    known = {e.label: e for e in (
        entity("Russia", "Russia", "Country"), entity("Poland", "Poland", "Country"),
        entity("Ukraine", "Ukraine", "Country"), entity("Estonia", "Estonia", "Country"),
        entity("Lithuania", "Lithuania", "Country"), entity("Belarus", "Belarus", "Country"),
        entity("NATO", "NATO", "InternationalOrganization"),
    )}  # fmt: skip
    A, N, H, R = Modality.ASSERTED, Modality.NEGATED, Modality.HEDGED, Modality.REPORTED
    articles = [
        (Article("c1-drones", "Drones cross into Poland", "", "2025-09-10", "https://www.reuters.com/world/c1"), [
            ("Russia", "intrudesInto", "Poland", A, "Russian drones entered Polish airspace.", None, None,
             "2025-09-10"),
            ("Poland", "memberOf", "NATO", A, "Poland is a member of NATO.", None, None, None),
            ("Lithuania", "memberOf", "NATO", A, "Lithuania, also in NATO, raised its alert.", None, None, None),
            ("Russia", "attacks", "Ukraine", A, "Russia attacked Ukraine overnight.", None, None, None),
        ]),
        (Article("c2-denial", "Moscow denies incursion", "", "2025-09-11", "https://apnews.com/article/c2"), [
            ("Russia", "intrudesInto", "Poland", N, "Russia denied that its drones entered Poland.", "denied",
             "Russia", None),
            ("Russia", "attacks", "Ukraine", A, "Russian missiles struck Ukraine again.", None, None, None),
            ("Belarus", "supports", "Russia", H, "Belarus may have helped Russia.", "may", None, None),
        ]),
        (Article("c3-second", "A second incursion", "", "2025-09-20", "https://www.reuters.com/world/c3"), [
            ("Russia", "intrudesInto", "Poland", A, "On 19 September drones again crossed into Poland.", None, None,
             "2025-09-19"),
            ("Russia", "intrudesInto", "Poland", N, "Russia did not intrude into Poland, officials said.", "not",
             "officials", None),
            ("Russia", "attacks", "Ukraine", A, "The attacks on Ukraine continued.", None, None, "2025"),
            ("Russia", "intrudesInto", "Estonia", R, "NATO said Russian jets entered Estonian airspace.", "said",
             "NATO", "2025-09"),
        ]),
        (Article("c4-blog", "Notes on the eastern flank", "", None, None), [
            ("Estonia", "memberOf", "NATO", A, "Estonia is a NATO member.", None, None, None),
            ("Russia", "attacks", "Poland", N, "Russia has not attacked Poland.", "not", None, None),
        ]),
    ]  # fmt: skip
    results = []
    for article, rows in articles:
        claims, offset = [], 0
        for s, prop, o, modality, sentence, cue, source, when in rows:
            end = offset + len(sentence)
            claims.append(Claim(
                subject=known[s].iri, property=prop, object=known[o].iri, article_id=article.id,
                sentence=sentence, sentence_start=offset, sentence_end=end, start=offset, end=end,
                rule="handwritten", confidence=0.9, modality=modality, cue=cue,
                source=known[source].iri if source in known else source, reason="handwritten", date=when,
            ))  # fmt: skip
            offset = end + 1
        text = " ".join(c.sentence for c in claims)
        used = {known[n] for row in rows for n in (row[0], row[2])} | {known[r[6]] for r in rows if r[6] in known}
        full = Article(article.id, article.title, text, article.date, article.url)
        results.append(ArticleResult(full, tuple(sorted(used, key=lambda e: e.iri)), (), tuple(claims)))
    return results


@pytest.fixture(scope="session")
def corpus_dataset(corpus_results):
    return build_dataset(corpus_results)


@pytest.fixture(scope="session")
def corpus_files(corpus_dataset, tmp_path_factory):
    """The hand-written corpus as TriG and Turtle files."""
    from kgraph.store import write_dataset

    folder = tmp_path_factory.mktemp("corpus-graph")
    paths = {"ttl": folder / "graph.ttl", "trig": folder / "graph.trig"}
    for path in paths.values():
        write_dataset(corpus_dataset, path)
    return paths


@pytest.fixture(scope="session")
def seed_gold_jsonl(tmp_path_factory):
    """The seed article and the first four gold texts as one JSONL file: several articles, several batches."""
    import json

    path = tmp_path_factory.mktemp("seed-gold") / "articles.jsonl"
    title, _, body = SEED_ARTICLE.read_text(encoding="utf-8").partition("\n")
    records = [{"id": "seed", "title": title, "text": body}]
    for gold in sorted((ROOT / "tests" / "gold").glob("g0*.json"))[:4]:
        doc = json.loads(gold.read_text(encoding="utf-8"))
        records.append({k: doc[k] for k in ("id", "title", "text", "date") if doc.get(k)})
    assert len(records) == 5, "tests/gold/ should hold at least four g0*.json texts"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso 7 server on 127.0.0.1 for the whole session (it takes seconds to start); tests clear the
    graphs they use. Skipped, saying why, where Debian's virtuoso-opensource is not installed."""
    from virtuoso_server import VirtuosoServer, virtuoso_missing

    missing = virtuoso_missing()
    if missing:
        pytest.skip(missing)
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session")
def two_articles(two_articles_results):
    """The seed articles and a second, short one: two article graphs for push tests."""
    from kgraph.graph import build_dataset

    return build_dataset(two_articles_results)


@pytest.fixture(scope="session")
def two_articles_results(seed_results, nlp, ontology):
    from kgraph.extract import extract
    from kgraph.types import Article

    second = Article(id="second", title="Second", text="Russia attacked Ukraine. Poland condemned Russia.")
    return [*seed_results, *extract([second], nlp, ontology)]
