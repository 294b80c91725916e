"""`--saved claims-by-source --bind source=...` understands metonyms and organs: the Kremlin is Russia, the
Pentagon an organ of the United States, and a state's claims include its organs' claims."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from kgraph.cli import main

ARTICLE = """Drone incursion
The Kremlin said Ukraine attacked Russia with drones. The Pentagon said Russia deployed troops to Belarus.
Downing Street said Russia threatened Estonia. The Élysée said Russia attacked Ukraine.
The Russian Defence Ministry said Ukraine attacked Crimea. The Quai d'Orsay said Russia threatened Moldova.
Number 10 said Belarus threatened Lithuania. Foggy Bottom said Iran supplied drones to Russia.
"""
ROWS = {  # evidence -> (source label, subject, relation, object)
    "kremlin": ("Russia", "Ukraine", "attacks", "Russia"),
    "pentagon": ("U.S. Department of Defense", "Russia", "deploys", "Belarus"),
    "downing": ("United Kingdom", "Russia", "threatens", "Estonia"),
    "elysee": ("France", "Russia", "attacks", "Ukraine"),
    "ministry": ("Russian Defence Ministry", "Ukraine", "attacks", "Crimea"),
    "quai": ("France", "Russia", "threatens", "Moldova"),
    "number10": ("United Kingdom", "Belarus", "threatens", "Lithuania"),
    "foggy": ("U.S. Department of State", "Iran", "suppliesTo", "Russia"),
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("by-source")
    (folder / "in").mkdir()
    (folder / "in" / "incursion.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder / "in"), "-o", str(folder / "g.trig"), "-q"])
    assert result.exit_code == 0, result.output
    return folder / "g.trig"


def rows(graph, *bind):
    args = ["query", "--data", str(graph), "--saved", "claims-by-source", "--format", "csv"]
    result = CliRunner().invoke(main, args + [a for b in bind for a in ("--bind", b)])
    assert result.exit_code == 0, result.output
    found = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["modality"] for r in found} <= {"https://w3id.org/kgraph/ontology#Reported"}
    return sorted((r["sourceLabel"], r["subjectLabel"], r["relation"], r["objectLabel"]) for r in found)


def expected(*keys):
    return sorted(ROWS[k] for k in keys)


def test_every_claim_once_under_its_own_reporter(graph):
    assert rows(graph) == expected(*ROWS)  # an organ's claim is not listed again under its state


@pytest.mark.parametrize(
    ("source", "keys"),
    [
        ("Russia", ("kremlin", "ministry")),  # the Defence Ministry is an organ of Russia
        ("Kremlin", ("kremlin", "ministry")),  # a metonym names its state
        ("the Kremlin", ("kremlin", "ministry")),
        ("United States", ("pentagon", "foggy")),  # the Pentagon and the State Department are its organs
        ("the Pentagon", ("pentagon",)),  # an organ's own claims only
        ("Pentagon", ("pentagon",)),
        ("Foggy Bottom", ("foggy",)),
        ("Downing Street", ("downing", "number10")),
        ("the Élysée", ("elysee", "quai")),
        ("Elysee", ("elysee", "quai")),
        ("Quai d'Orsay", ("elysee", "quai")),
        ("kge:France", ("elysee", "quai")),
        ("Russian Defence Ministry", ("ministry",)),
    ],
)
def test_source_names_a_state_by_metonym_and_takes_in_its_organs(graph, source, keys):
    assert rows(graph, f"source={source}") == expected(*keys)


def test_a_source_that_reported_nothing_gives_no_rows(graph):
    assert rows(graph, "source=Iran") == []
