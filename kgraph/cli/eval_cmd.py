"""`kgraph eval`: score the extractor against a gold set."""

from __future__ import annotations

import sys

import click

from .group import main
from .options import model_option, ontology_option

# the targets recorded in the README; `--check` fails the run below them. "gold": the wire-style gold set
# written with the rules; "real": real texts nobody on the project wrote (issue 11's bar)
TARGETS = {
    "gold": {
        ("entities", "f1"): 0.90,
        ("strict", "f1"): 0.70,
        ("strict", "precision"): 0.85,
        ("family", "f1"): 0.75,
        ("pair", "f1"): 0.80,
    },
    "real": {
        ("entities", "recall"): 0.90,
        ("strict", "precision"): 0.85,
        ("family", "recall"): 0.50,
        ("family", "f1"): 0.62,
    },
}


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True))
@ontology_option
@model_option
@click.option("--json", "as_json", is_flag=True, help="The full report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each document's false positives and negatives.")
@click.option("--check", is_flag=True, help="Exit 1 when a score is below its target.")
@click.option(
    "--targets",
    type=click.Choice(sorted(TARGETS)),
    default="gold",
    show_default=True,
    help="Which targets --check holds the scores to: the wire-style gold set's, or those for real texts.",
)
def eval_command(
    gold_dir: str,
    ontologies: tuple[str, ...],
    model: str | None,
    as_json: bool,
    verbose: bool,
    check: bool,
    targets: str,
) -> None:
    """Extract every gold document and print entity and claim precision, recall and F1 (strict, family and
    pair modes, per property and micro-averaged)."""
    from ..evaluate import load_gold, ontology_names, score
    from ..extract import extract
    from ..nlp import get_pipeline
    from ..ontology import load_ontology

    ontology = load_ontology(ontologies)
    gold = load_gold(gold_dir)
    results = list(extract((doc.to_article() for doc in gold), get_pipeline(ontology, model), ontology))
    report = score(gold, results, ontology.family, symmetric=ontology.is_symmetric, aliases=ontology_names(ontology))
    click.echo(report.to_json() if as_json else report.format_table(verbose=verbose))
    misses = []
    for (mode, metric), target in TARGETS[targets].items():
        prf = report.entities if mode == "entities" else report.claims[mode]
        value = getattr(prf, metric)
        if value < target:
            misses.append(f"{mode} {metric} {value:.3f} < {target:.2f}")
    if misses and not as_json:
        click.echo("below target: " + "; ".join(misses), err=True)
    if check and misses:
        sys.exit(1)
