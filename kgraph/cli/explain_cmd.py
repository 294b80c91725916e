"""`kgraph explain`: why one sentence gave the claims it gave."""

from __future__ import annotations

import json
import sys

import click

from ..errors import InputError
from .group import main
from .options import model_option, ontology_option


@main.command("explain")
@click.argument("args", nargs=-1, metavar="SENTENCE | PATH...")
@click.option("--article", "article_id", metavar="ID", help="Explain a sentence of this article, read from PATHs.")
@click.option(
    "--sentence",
    "number",
    type=int,
    metavar="N",
    default=1,
    show_default=True,
    help="Which sentence, from 1. With --article the title, when there is one, is sentence 1.",
)
@ontology_option
@model_option
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def explain_command(
    args: tuple[str, ...], article_id: str | None, number: int, ontologies: tuple[str, ...], model: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """Show how one sentence was read: the parse (token, lemma, POS, dep, head), the entity links and how each
    was made, the ontology triggers its words match, each rule that fired with the claim it gave or the filter
    that dropped it, and each kept claim's modality, cue, source and confidence reason.

    Give the SENTENCE in quotes, or --article ID --sentence N with the PATHs to read it from, as `kgraph build`
    takes them (.txt/.md files, folders, JSONL, - for stdin; no PATH means seeds/). An article's sentences are
    those of the parsed text, numbered from 1: the title, when the article has one, is sentence 1.
    """
    if article_id is None and len(args) != 1:
        raise InputError("give one SENTENCE in quotes, or --article ID and the PATHs to read it from")
    from ..explain import explain, explain_text, find_article
    from ..ingest import iter_articles
    from ..nlp import get_pipeline
    from ..ontology import load_ontology

    ontology = load_ontology(ontologies)
    if article_id is not None:
        article = find_article(iter_articles(args, stdin=sys.stdin), article_id)
        report = explain(article, get_pipeline(ontology, model), ontology, number)
    else:
        report = explain_text(args[0], get_pipeline(ontology, model), ontology, number)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json else report.format())
