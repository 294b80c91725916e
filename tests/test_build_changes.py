"""`kgraph build --store` says what is new in the store: entities, facts and disputes it did not hold before,
over successive builds (the first counts all, a rebuild of the same article nothing)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SEED_ARTICLE

from kgraph.cli import main
from kgraph.vocab import KGE

MOLDOVA = (
    "Drones over Moldova\n"
    "Russian drones entered Moldovan airspace on Monday, Moldovan officials said. "
    "Russia did not violate Moldovan airspace, the Kremlin said.\n"
)
FACTS = "SELECT DISTINCT ?s ?p ?o WHERE { ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"


def _cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _new_line(result) -> str:
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("new in ")]
    return line


def test_each_build_says_what_is_new_in_the_store(tmp_path):
    kb = str(tmp_path / "kb")
    first = _cli("build", str(SEED_ARTICLE), "--store", kb)
    # the first build counts everything the store now holds, read back by other commands
    entities = _cli("entities", "--store", kb, "--json").stdout.splitlines()
    facts = json.loads(_cli("query", FACTS, "--store", kb, "--format", "json").stdout)["results"]["bindings"]
    assert len(entities) > 10 and len(facts) > 10
    assert _new_line(first) == f"new in {kb}: {len(entities)} entities, {len(facts)} facts, 0 disputes"

    moldova = tmp_path / "moldova.txt"
    moldova.write_text(MOLDOVA, encoding="utf-8")
    second = _cli("build", str(moldova), "--store", kb)
    # Moldova is new; so is the one fact (reported by Moldova, denied by the Kremlin), disputed
    assert _new_line(second) == f"new in {kb}: 1 entity, 1 fact, 1 dispute"
    (dispute,) = json.loads(_cli("disputes", "--store", kb, "--json").stdout)
    assert (dispute["subject"], dispute["property"], dispute["object"]) == (
        str(KGE.Russia),
        "intrudesInto",
        str(KGE.Moldova),
    )

    again = _cli("build", str(moldova), "--store", kb)
    assert _new_line(again) == f"new in {kb}: 0 entities, 0 facts, 0 disputes"


def test_quiet_build_says_nothing_of_it(tmp_path):
    result = _cli("build", str(SEED_ARTICLE), "--store", str(tmp_path / "kb"), "-q")
    assert not [line for line in result.stderr.splitlines() if line.startswith("new in ")]
