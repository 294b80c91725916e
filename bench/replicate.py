"""Large graphs with the real shape: the claims extracted from the seed and gold texts, copied with varied IRIs.

Copy k of an article gets its own article, graph and claim IRIs; entities minted from text (unknown names) are
varied over a number of groups (the same unknown names recur across a real corpus); known individuals (Russia,
NATO) stay shared, so they become the hubs they are in real news. For the view, every entity is varied, so the
node count grows with the copies. Variants are ordinary ArticleResults, written by kgraph's own writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kgraph.iri import entity_iri
from kgraph.types import Article, ArticleResult

from .corpus import ROOT


def source_articles(root: Path = ROOT) -> list[Article]:
    from kgraph.ingest import iter_articles

    articles = list(iter_articles([root / "seeds"]))
    for path in sorted((root / "tests" / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        articles.append(
            Article(
                id=record["id"],
                title=record.get("title") or "",
                text=record["text"],
                date=record.get("date"),
                url=record.get("url"),
            )
        )
    return articles


def base_results(root: Path = ROOT) -> list[ArticleResult]:
    """Extract the seed and gold articles once (real extraction output)."""
    from kgraph.extract import extract
    from kgraph.nlp import get_pipeline
    from kgraph.ontology import load_ontology

    ontology = load_ontology()
    return list(extract(source_articles(root), get_pipeline(ontology), ontology))


def variant(result: ArticleResult, copy: int, *, groups: int, vary_known: bool) -> ArticleResult:
    group = copy % groups
    remap: dict[str, str] = {}
    entities = []
    for entity in result.entities:
        if group and (vary_known or not entity.known):
            label = f"{entity.label} {group}"
            iri = str(entity_iri(label, entity.cls))
            remap[entity.iri] = iri
            entity = replace(entity, iri=iri, label=label, same_as=())
        entities.append(entity)
    article_id = f"{result.article.id}-c{copy}"
    claims = tuple(
        replace(
            claim,
            article_id=article_id,
            subject=remap.get(claim.subject, claim.subject),
            object=remap.get(claim.object, claim.object),
            source=remap.get(claim.source, claim.source) if claim.source else claim.source,
        )
        for claim in result.claims
    )
    mentions = tuple(replace(m, entity=remap.get(m.entity, m.entity)) for m in result.mentions)
    return ArticleResult(
        article=replace(result.article, id=article_id),
        entities=tuple(entities),
        mentions=mentions,
        claims=claims,
    )


def copies(results: list[ArticleResult], *, groups: int = 50, vary_known: bool = False) -> Iterator[ArticleResult]:
    """An endless stream of variants, cycling through the base articles."""
    copy = 0
    while True:
        for result in results:
            yield variant(result, copy, groups=groups, vary_known=vary_known)
        copy += 1


def write_nquads(results: list[ArticleResult], target_quads: int, path: Path) -> int:
    """Variants as N-Quads until at least ``target_quads`` are written; returns the count written."""
    from kgraph.writer import article_chunk

    written = 0
    tmp = path.with_suffix(".nq.tmp")
    with tmp.open("wb") as handle:
        for result in copies(results):
            chunk = article_chunk(result, "nquads")
            handle.write(chunk)
            written += chunk.count(b"\n")
            if written >= target_quads:
                break
    tmp.replace(path)
    return written
