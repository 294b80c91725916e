"""One name resolver for every command (kgraph.names): on a graph built from the seed article and one more, a
label, an alias, a surface form, a CURIE or an IRI names the same entity for view --focus, path, neighbors,
timeline and why, and an unknown, misspelt, ambiguous or absent name fails with the same one-line message and
exit 2 everywhere."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from kgraph.cli import main
from kgraph.vocab import KGE

EXTRA = (
    "Zelenskyy in Warsaw\n"
    "Ukrainian President Volodymyr Zelenskyy met Polish Prime Minister Donald Tusk in Warsaw on Monday. "
    "Zelenskyy accused Russia of attacking Ukraine.\n"
)
pytestmark = pytest.mark.slow  # 45 commands, each reading the ontology and the graph

PARTNER = "Belarus"  # the other end for path and why: none of the names below means it


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    (folder / "zelenskyy-warsaw.txt").write_text(EXTRA, encoding="utf-8")
    out = folder / "graph.trig"
    result = CliRunner().invoke(main, ["build", str(SEEDS), str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _resolved(graph, tmp_path, command: str, name: str) -> str:
    """The entity ``command`` took ``name`` for: its IRI from the JSON output, the label from view's summary."""
    data = ["--data", str(graph)]
    args = {
        "neighbors": ["neighbors", name, "--json"],
        "timeline": ["timeline", name, "--json"],
        "path": ["path", name, PARTNER, "--json"],
        "why": ["why", name, "*", PARTNER, "--json"],
        "view": ["view", "--focus", name, "-o", str(tmp_path / "v.html")],
    }[command]
    result = CliRunner().invoke(main, [*args, *data])
    assert result.exit_code in (0, 1), result.output  # 1: no path, no claim or no event; never a usage error
    if command == "view":
        return result.stderr.splitlines()[0].rsplit(" around ", 1)[1]
    key = {"path": "from", "why": "subject"}.get(command, "entity")
    return str(json.loads(result.stdout)[key])


COMMANDS = ("view", "path", "neighbors", "timeline", "why")
# (name, the entity's IRI, its label): how it is known
NAMES = [
    ("putin", KGE.VladimirPutin, "Vladimir Putin"),  # a surface form the seed article uses, any case
    ("Zelensky", KGE.VolodymyrZelensky, "Volodymyr Zelensky"),  # an ontology alias
    ("Zelenskyy", KGE.VolodymyrZelensky, "Volodymyr Zelensky"),  # the spelling the article uses
    ("Russian", KGE.Russia, "Russia"),  # a demonym, recorded as a surface form
    ("alliance", KGE.NATO, "NATO"),  # a surface form only the graph knows (the ontology does not)
    ("kge:Poland", KGE.Poland, "Poland"),  # a CURIE
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("name", "iri", "label"), NAMES, ids=[n[0] for n in NAMES])
def test_a_name_means_the_same_entity_for_every_command(graph, tmp_path, command, name, iri, label):
    assert _resolved(graph, tmp_path, command, name) == (label if command == "view" else str(iri))


# (name, the one line every command prints)
FAILING = [
    ("Vladmir Putin", "no entity named 'Vladmir Putin' in the graph or the ontology; did you mean 'Vladimir Putin'?"),
    (
        "Donald",
        "'Donald' is ambiguous: Donald Trump (kge:DonaldTrump, Person); Donald Tusk (kge:DonaldTusk, Person). "
        "Use the full name or the IRI.",
    ),
    ("Germany", "Germany (kge:Germany, Country) is not in this graph"),  # the ontology knows it, the graph not
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("name", "message"), FAILING, ids=[f[0] for f in FAILING])
def test_a_bad_name_fails_alike_for_every_command(graph, tmp_path, command, name, message):
    args = {
        "neighbors": ["neighbors", name],
        "timeline": ["timeline", name],
        "path": ["path", name, PARTNER],
        "why": ["why", name, "*", PARTNER],
        "view": ["view", "--focus", name, "-o", str(tmp_path / "v.html")],
    }[command]
    result = CliRunner().invoke(main, [*args, "--data", str(graph)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not (tmp_path / "v.html").exists()
