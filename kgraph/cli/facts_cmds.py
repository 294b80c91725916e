"""`kgraph disputes | timeline`: what is contested, and what happened to an entity when."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..selection import MODALITIES, Selection
from .analytics_cmds import Loaded, _echo_json, _plural, json_option, loaded
from .group import main
from .options import ontology_option, period_options, selection_options
from .query_cmd import source_options

if TYPE_CHECKING:
    from ..analytics import Evidence

STANCES = (("affirmed", "asserted"), ("reported", "reported"), ("denied", "negated"))


def _stance_line(ev: Evidence) -> str:
    who = [ev.date or "undated", ev.publisher or "no publisher"]
    if ev.source:
        who.append(f"by {ev.source}")
    if ev.cue:
        who.append(f'cue "{ev.cue}"')
    title = ev.title or "(untitled)"
    return f'    {", ".join(who)}: "{" ".join(ev.sentence.split())}" — {title}'


@main.command("disputes")
@source_options
@ontology_option
@json_option
@period_options
def disputes_command(
    data: tuple[str, ...], store: str | None, endpoint: str | None, ontologies: tuple[str, ...], as_json: bool,
    since: str | None, until: str | None,
) -> None:  # fmt: skip
    """Disputed facts: a relation one side asserts or reports and another denies, one entry per fact.

    A denial of a relation disputes it and its narrower relations between the same parties ("did not attack"
    against "invaded"). Each entry lists who affirms, who reports and who denies, with dates, publishers and
    sentences. Exits 1 when nothing is disputed.
    """
    from ..disputes import disputes

    selection = Selection(frozenset(MODALITIES), since, until)
    with loaded(data, store, endpoint, ontologies, selection) as g:
        found = disputes(g.source, g.ontology, selection)
    if as_json:
        _echo_json(found)
    for d in found if not as_json else ():
        click.echo(f"{g.name(d.subject)} {d.property} {g.name(d.object)}: disputed in {_plural(d.articles, 'article')}")
        for name, _modality in STANCES:
            claims = getattr(d, name)
            if claims:
                click.echo(f"  {name} ({len(claims)}):")
                for ev in claims:
                    click.echo(_stance_line(ev))
    if not found:
        click.echo("No disputed fact.", err=True)
        raise SystemExit(1)


@main.command("timeline")
@click.argument("entity")
@source_options
@ontology_option
@json_option
@selection_options(MODALITIES)
def timeline_command(
    entity: str, data: tuple[str, ...], store: str | None, endpoint: str | None, ontologies: tuple[str, ...],
    as_json: bool, selection: Selection,
) -> None:  # fmt: skip
    """Every claim about ENTITY by date (the event date the sentence gives, else the article's), in every
    modality unless --modality says otherwise; undated claims last. Exits 1 when there is none."""
    from ..analytics import timeline

    with loaded(data, store, endpoint, ontologies, selection) as g:
        node = g.index.resolve(entity)
        events = timeline(g.graph, node)
    if as_json:
        _echo_json({"entity": node, "events": events})
    elif events:
        click.echo(f"{g.name(node)}: {_plural(len(events), 'claim')}")
        for ev in events:
            click.echo(_event_line(g, ev.date, ev.subject, ev.property, ev.object, ev.modality, ev.sentence))
    if not events:
        click.echo(f"No claim about {g.name(node)} ({selection.describe()}).", err=True)
        raise SystemExit(1)


def _event_line(g: Loaded, when: str | None, s: str, prop: str, o: str, modality: str, sentence: str) -> str:
    return f'{when or "undated":<10}  {g.name(s)} {prop} {g.name(o)} [{modality}]  "{" ".join(sentence.split())}"'
