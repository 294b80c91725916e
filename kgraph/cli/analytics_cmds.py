"""`kgraph neighbors | path | top | communities | stats | why`: networkx analyses that show their evidence."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from typing import TYPE_CHECKING, Any

import click

from ..choices import CENTRALITY
from ..selection import MODALITIES, Selection
from .group import main
from .options import ontology_option, selection_options
from .query_cmd import open_graph, source_options

if TYPE_CHECKING:  # networkx and the analyses are imported by each command, not to build it (kgraph --help)
    import networkx as nx

    from ..analytics import Evidence, Relation
    from ..names import EntityIndex
    from ..ontology import Ontology
    from ..sources import Source

F = Callable[..., Any]
SHOWN_EVIDENCE = 2  # sentences printed per relation by `path`; `why` prints them all


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


@dataclass
class Loaded:
    source: Source
    graph: nx.MultiDiGraph
    index: EntityIndex
    ontology: Ontology

    def name(self, iri: str) -> str:
        return self.index.labels.get(iri) or self.short(iri)

    def short(self, iri: str) -> str:
        from ..vocab import curie

        return curie(iri, self.index.prefixes) or f"<{iri}>"


@contextmanager
def loaded(
    data: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    ontologies: tuple[str, ...],
    selection: Selection | None = None,
) -> Iterator[Loaded]:
    from ..analytics import graph_from_source
    from ..names import EntityIndex
    from ..ontology import load_ontology

    ontology = load_ontology(ontologies)
    source = open_graph(data, store, endpoint)
    chosen = selection or Selection()
    try:
        graph = graph_from_source(source, modality=chosen.modalities, since=chosen.since, until=chosen.until)
        yield Loaded(source, graph, EntityIndex.build(graph, source, ontology), ontology)
    finally:
        source.close()


def _echo_json(value: Any) -> None:
    def plain(obj: Any) -> Any:
        if is_dataclass(obj) and not isinstance(obj, type):
            return asdict(obj)
        if isinstance(obj, set | frozenset):
            return sorted(obj)
        raise TypeError(f"cannot write {type(obj).__name__} as JSON")

    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=plain))


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def _arrow(g: Loaded, rel: Relation) -> str:
    modality = "" if rel.modality == ("asserted",) else f" ({', '.join(rel.modality)})"
    return (
        f"{g.name(rel.subject)} --{rel.property}--> {g.name(rel.object)}{modality}  [{_plural(rel.support, 'article')}]"
    )


def _article_line(titles: dict[str, dict[str, str | None]], article: str, g: Loaded) -> str:
    meta = titles.get(article, {})
    title = meta.get("title") or "(untitled)"
    date = f", {meta['date']}" if meta.get("date") else ""
    return f"— {title} ({g.short(article)}{date})"


# --- commands -----------------------------------------------------------------------------------------------


@main.command("neighbors")
@click.argument("entity")
@click.option("--hops", default=1, show_default=True, type=int, help="How many relations away to look.")
@source_options
@ontology_option
@json_option
@selection_options()
def neighbors_command(
    entity: str, hops: int, data: tuple[str, ...], store: str | None, endpoint: str | None,
    ontologies: tuple[str, ...], as_json: bool, selection: Selection,
) -> None:  # fmt: skip
    """Entities linked to ENTITY (by name, alias or IRI) by relations in the chosen modalities (asserted by
    default), nearest first."""
    from ..analytics import neighbors

    with loaded(data, store, endpoint, ontologies, selection) as g:
        node = g.index.resolve(entity)
        found = neighbors(g.graph, node, hops)
    if as_json:
        _echo_json({"entity": node, "hops": hops, "neighbors": found})
        return
    click.echo(f"{g.name(node)} ({g.short(node)}): {_plural(len(found), 'entity')} within {_plural(hops, 'hop')}")
    for n in found:
        click.echo(f"{n.distance}  {n.label} ({n.cls})")
        for rel in n.via:
            click.echo(f"     {_arrow(g, rel)}")


@main.command("path")
@click.argument("start")
@click.argument("end")
@source_options
@ontology_option
@json_option
@selection_options()
def path_command(
    start: str, end: str, data: tuple[str, ...], store: str | None, endpoint: str | None,
    ontologies: tuple[str, ...], as_json: bool, selection: Selection,
) -> None:  # fmt: skip
    """The shortest chain of relations (asserted by default; --modality reported adds reported ones) between
    START and END, each with its sentence and article.

    Relations are followed in either direction. Exits 1 when the two are not connected.
    """
    from ..analytics import article_titles, shortest_path

    with loaded(data, store, endpoint, ontologies, selection) as g:
        a, b = g.index.resolve(start), g.index.resolve(end)
        steps = shortest_path(g.graph, a, b)
        titles = article_titles(g.source) if steps and not as_json else {}
    if as_json:
        _echo_json({"from": a, "to": b, "steps": steps})
    elif steps:
        click.echo(f"{g.name(a)} to {g.name(b)}: {_plural(len(steps), 'step')}")
        for i, relations in enumerate(steps, 1):
            for j, rel in enumerate(relations):
                click.echo(f"{f'{i}.' if j == 0 else '':<4}{_arrow(g, rel)}")
                for ev in rel.evidence[:SHOWN_EVIDENCE]:
                    click.echo(f'      "{" ".join(ev["sentence"].split())}"')
                    click.echo(f"      {_article_line(titles, ev['article'], g)}")
                if len(rel.evidence) > SHOWN_EVIDENCE:
                    click.echo(f"      (+{len(rel.evidence) - SHOWN_EVIDENCE} more: kgraph why)")
    if not steps:
        click.echo(f"No path between {g.name(a)} and {g.name(b)}.", err=True)
        raise SystemExit(1)


@main.command("top")
@click.option("--by", "by", type=click.Choice(CENTRALITY), default="degree", show_default=True, help="Measure.")
@click.option("-n", "count", default=10, show_default=True, type=click.IntRange(min=1), help="How many to list.")
@source_options
@ontology_option
@json_option
@selection_options()
def top_command(
    by: str, count: int, data: tuple[str, ...], store: str | None, endpoint: str | None,
    ontologies: tuple[str, ...], as_json: bool, selection: Selection,
) -> None:  # fmt: skip
    """The most central entities: degree (distinct relations), pagerank or betweenness."""
    from ..analytics import centrality

    with loaded(data, store, endpoint, ontologies, selection) as g:
        ranked = centrality(g.graph, by, count)
    if as_json:
        _echo_json([{"entity": n, "label": g.name(n), "score": s} for n, s in ranked])
        return
    width = max([len(g.name(n)) for n, _ in ranked] + [6])
    click.echo(f"{'rank':<6}{'entity':<{width + 2}}{'class':<27}{by}")
    for i, (node, score) in enumerate(ranked, 1):
        shown = f"{int(score)}" if by == "degree" else f"{score:.4f}"
        click.echo(f"{i:<6}{g.name(node):<{width + 2}}{g.graph.nodes[node]['cls']:<27}{shown}")


@main.command("communities")
@source_options
@ontology_option
@json_option
@selection_options()
def communities_command(
    data: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    ontologies: tuple[str, ...],
    as_json: bool,
    selection: Selection,
) -> None:
    """Groups of entities linked more to each other than to the rest (greedy modularity over asserted
    relations by default, weighted by the articles behind them)."""
    from ..analytics import communities

    with loaded(data, store, endpoint, ontologies, selection) as g:
        groups = communities(g.graph)
        alone = g.graph.number_of_nodes() - sum(len(x) for x in groups)
    if as_json:
        _echo_json({"communities": groups, "unconnected": alone})
        return
    for i, group in enumerate(groups, 1):
        click.echo(f"{i}. {_plural(len(group), 'entity')}: {', '.join(g.name(n) for n in group)}")
    click.echo(f"({_plural(alone, 'entity')} without relations left out)")


@main.command("stats")
@source_options
@ontology_option
@json_option
@selection_options(MODALITIES)
def stats_command(
    data: tuple[str, ...],
    store: str | None,
    endpoint: str | None,
    ontologies: tuple[str, ...],
    as_json: bool,
    selection: Selection,
) -> None:
    """Counts: articles, entities by class, facts by property, claims by modality, connectivity."""
    from ..analytics import count_articles, graph_stats

    with loaded(data, store, endpoint, ontologies, selection) as g:
        stats = graph_stats(g.graph, count_articles(g.source))
    if as_json:
        _echo_json(stats)
        return
    click.echo(f"articles            {stats.articles}")
    click.echo(f"entities            {stats.entities}")
    for cls, n in stats.entities_by_class.items():
        click.echo(f"  {cls:<26}{n:>6}")
    click.echo(f"facts (asserted)    {stats.facts}")
    for prop, n in stats.facts_by_property.items():
        click.echo(f"  {prop:<26}{n:>6}")
    click.echo(f"claims              {sum(stats.claims_by_modality.values())}")
    for mod, n in stats.claims_by_modality.items():
        click.echo(f"  {mod:<26}{n:>6}")
    click.echo(f"components          {stats.components} (largest {stats.largest_component}, {stats.isolated} isolated)")
    click.echo(f"density             {stats.density:.4f}")


@main.command("why")
@click.argument("subject")
@click.argument("property")
@click.argument("object")
@source_options
@ontology_option
@json_option
def why_command(
    subject: str, property: str, object: str, data: tuple[str, ...], store: str | None, endpoint: str | None,
    ontologies: tuple[str, ...], as_json: bool,
) -> None:  # fmt: skip
    """The sentences and articles behind SUBJECT PROPERTY OBJECT, in every modality (asserted, negated, hedged,
    reported). PROPERTY takes its sub-properties along (attacks finds invades); * means any property.

    Exits 1 when no claim is found.
    """
    from ..analytics import resolve_property, why

    with loaded(data, store, endpoint, ontologies) as g:
        s, o = g.index.resolve(subject), g.index.resolve(object)
        props = resolve_property(property, g.ontology)
        found = why(g.source, s, props, o)
    if as_json:
        _echo_json({"subject": s, "properties": props, "object": o, "claims": found})
    elif found:
        click.echo(_why_header(g, s, property, o, found))
        for ev in found:
            click.echo(_why_entry(g, ev))
    if not found:
        click.echo(f"No claim that {g.name(s)} {property} {g.name(o)}.", err=True)
        raise SystemExit(1)


def _why_header(g: Loaded, s: str, prop: str, o: str, found: list[Evidence]) -> str:
    by_mod: dict[str, int] = {}
    for ev in found:
        by_mod[ev.modality] = by_mod.get(ev.modality, 0) + 1
    articles = len({ev.article for ev in found})
    parts = ", ".join(f"{n} {m}" for m, n in by_mod.items())
    return f"{g.name(s)} {prop} {g.name(o)}: {_plural(len(found), 'claim')} in {_plural(articles, 'article')} ({parts})"


def _why_entry(g: Loaded, ev: Evidence) -> str:
    tags = [ev.modality]
    if ev.cue:
        tags.append(f'cue "{ev.cue}"')
    if ev.source:
        tags.append(f"reported by {ev.source}")
    facts = [ev.property]
    if ev.date:
        facts.append(ev.date)
    if ev.confidence is not None:
        facts.append(f"confidence {ev.confidence:.2f}")
    if ev.rule:
        facts.append(f"rule {ev.rule}")
    if ev.start is not None and ev.end is not None:
        facts.append(f"chars {ev.start}-{ev.end}")
    title = ev.title or "(untitled)"
    return (
        f"\n[{', '.join(tags)}] {'; '.join(facts)}\n"
        f'    "{" ".join(ev.sentence.split())}"\n'
        f"    — {title} ({g.short(ev.article)})"
    )
