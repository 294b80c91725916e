"""Disputed facts and timelines on the hand-written corpus (tests/conftest.py: corpus_results): `kgraph disputes`,
the saved query `disputes`, `kgraph timeline`, and --modality / --since / --until on the analyses."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from kgraph.analytics import DatasetQueryable
from kgraph.cli import main
from kgraph.disputes import disputes
from kgraph.query import run_query, saved_queries
from kgraph.selection import Selection
from kgraph.vocab import KG, KGE


@pytest.fixture
def run(corpus_files):
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--data", str(corpus_files["trig"])])

    return invoke


def test_one_dispute_per_fact_with_each_side(corpus_dataset, ontology):
    found = disputes(DatasetQueryable(corpus_dataset), ontology)
    assert [(d.subject, d.property, d.object, d.articles) for d in found] == [
        (str(KGE.Russia), "intrudesInto", str(KGE.Poland), 3)
    ]
    (d,) = found
    assert [(e.date, e.publisher, e.sentence) for e in d.affirmed] == [
        ("2025-09-10", "reuters.com", "Russian drones entered Polish airspace."),
        ("2025-09-19", "reuters.com", "On 19 September drones again crossed into Poland."),
    ]
    assert d.reported == ()
    assert [(e.date, e.publisher, e.source, e.cue) for e in d.denied] == [
        ("2025-09-11", "apnews.com", "Russia", "denied"),
        ("2025-09-20", "reuters.com", "officials", "not"),
    ]
    # a denial with nothing affirming it (Russia has not attacked Poland) is no dispute; after the 19th only one
    # side is left
    assert disputes(DatasetQueryable(corpus_dataset), ontology, Selection(since="2025-09-20")) == []


def test_disputes_command(run):
    result = run("disputes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Russia intrudesInto Poland: disputed in 3 articles",
        "  affirmed (2):",
        '    2025-09-10, reuters.com: "Russian drones entered Polish airspace." — Drones cross into Poland',
        '    2025-09-19, reuters.com: "On 19 September drones again crossed into Poland." — A second incursion',
        "  denied (2):",
        '    2025-09-11, apnews.com, by Russia, cue "denied": "Russia denied that its drones entered Poland." —'
        " Moscow denies incursion",
        '    2025-09-20, reuters.com, by officials, cue "not": "Russia did not intrude into Poland, officials said."'
        " — A second incursion",
    ]
    data = json.loads(run("disputes", "--json").stdout)
    assert [(d["property"], len(d["affirmed"]), len(d["denied"])) for d in data] == [("intrudesInto", 2, 2)]
    late = run("disputes", "--since", "2025-09-20")
    assert late.exit_code == 1 and late.stderr == "No disputed fact.\n"
    bad = run("disputes", "--since", "2025-13")
    assert bad.exit_code == 2 and "Traceback" not in bad.output and "expected a date" in bad.stderr


def test_timeline(run):
    result = run("timeline", "Estonia")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Estonia: 2 claims",
        '2025-09     Russia intrudesInto Estonia [reported]  "NATO said Russian jets entered Estonian airspace."',
        'undated     Estonia memberOf NATO [asserted]  "Estonia is a NATO member."',
    ]
    only = run("timeline", "Poland", "--modality", "negated", "--until", "2025-09-15")
    assert only.stdout.splitlines() == [
        "Poland: 1 claim",
        '2025-09-11  Russia intrudesInto Poland [negated]  "Russia denied that its drones entered Poland."',
    ]
    none = run("timeline", "Estonia", "--since", "2026")
    assert none.exit_code == 1 and none.stderr == "No claim about Estonia (all since 2026).\n"


def test_path_through_reported_facts(run):
    asserted = run("path", "Estonia", "Poland")
    assert asserted.stdout.splitlines()[0] == "Estonia to Poland: 2 steps"
    assert "NATO" in asserted.stdout and "intrudesInto" not in asserted.stdout
    reported = run("neighbors", "Estonia", "--modality", "reported")
    assert reported.stdout.splitlines() == [
        "Estonia (kge:Estonia): 1 entity within 1 hop",
        "1  Russia (Country)",
        "     Russia --intrudesInto--> Estonia (reported)  [1 article]",
    ]
    both = run("neighbors", "Estonia", "--modality", "asserted", "--modality", "reported", "--json")
    assert sorted(n["label"] for n in json.loads(both.stdout)["neighbors"]) == ["NATO", "Russia"]
    dated = run("top", "--since", "2025-09-11", "--until", "2025-09-30", "-n", "2")
    assert dated.stdout.splitlines()[1:] == [
        "1     Russia  Country                    2",
        "2     Poland  Country                    1",
    ]


def test_query_modality(run):
    reported = run("query", "--saved", "who-attacked-whom", "--modality", "reported", "--format", "csv")
    assert reported.exit_code == 0, reported.output
    assert reported.stdout == (
        "attackerLabel,relation,targetLabel,modality,articles,evidence\n"
        "Russia,intrudesInto,Estonia,https://w3id.org/kgraph/ontology#Reported,1,"
        "NATO said Russian jets entered Estonian airspace.\n"
    )
    negated = run("query", "--saved", "incursions", "--modality", "NEGATED", "--format", "csv")
    assert [line.split(",")[3] for line in negated.stdout.splitlines()[1:]] == [str(KG.Negated)] * 2
    both = run("query", "--saved", "incursions", "--modality", "negated", "--bind", "modality=kg:Negated")
    assert both.exit_code == 2 and both.stderr == "Error: give --modality or --bind modality=..., not both\n"
    plain = run("query", "SELECT * WHERE { ?s ?p ?o }", "--modality", "reported")
    assert plain.exit_code == 2
    assert plain.stderr == "Error: --modality needs a query that reads ?modality (kg:modality ?modality)\n"
    listing = CliRunner().invoke(main, ["query", "--list-saved"]).stdout
    assert "modality: asserted reported (default; --modality to change)" in listing


def test_export_takes_several_modalities(run, tmp_path):
    out = tmp_path / "edges.csv"
    result = run("export", "-o", str(out), "--modality", "reported", "--modality", "negated")
    assert result.exit_code == 0, result.output
    assert "3 relations (negated+reported claims)" in result.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))[1:]
    assert sorted((r[1], r[3], r[5], r[8]) for r in rows) == [
        ("Russia", "attacks", "Poland", "negated"),
        ("Russia", "intrudesInto", "Estonia", "reported"),
        ("Russia", "intrudesInto", "Poland", "negated"),
    ]


def test_saved_query_disputes(corpus_dataset, ontology):
    query = saved_queries()["disputes"]
    rows = [[str(v) if v is not None else None for v in row] for row in run_query(corpus_dataset, query.text)]
    assert [[*r[:7], r[7].split(" | ")] for r in rows] == [
        [
            "Russia",
            "intrudesInto",
            "Poland",
            "3",
            "2",
            "0",
            "2",
            [
                "affirmed 2025-09-10 reuters.com: Russian drones entered Polish airspace.",
                "affirmed 2025-09-19 reuters.com: On 19 September drones again crossed into Poland.",
                "denied 2025-09-11 apnews.com by Russia: Russia denied that its drones entered Poland.",
                "denied 2025-09-20 reuters.com by officials: Russia did not intrude into Poland, officials said.",
            ],
        ]
    ]
    # the families spelled out in the query are the ontology's (property, narrower property) pairs
    pairs = {(a, p) for p in ontology.properties for a in ontology.ancestors(p) if a != p}
    blocks = re.findall(r"VALUES \(\?p \?q\) \{(.*?)\}", query.text, re.S)
    assert len(blocks) == 2
    for block in blocks:
        assert set(re.findall(r"\(kg:(\w+) kg:(\w+)\)", block)) == pairs


def test_an_empty_answer_names_the_likely_cause(run):
    typo = run("query", "SELECT ?s WHERE { ?s kg:atacks ?o }")
    assert typo.exit_code == 0
    assert typo.stderr == "Hint: kg:atacks is not a term of the kgraph vocabulary; did you mean kg:attacks?\n"
    text = run("query", "--saved", "incursions", "--bind", "modality=Reported")
    assert text.exit_code == 0 and text.stdout.endswith("(0 rows)\n")
    assert text.stderr == (
        'Hint: ?modality is bound to "Reported", which is no modality: use kg:Asserted, kg:Reported, kg:Hedged '
        "or kg:Negated (or --modality reported)\n"
    )
    fine = run("query", "--saved", "incursions", "--bind", "modality=kg:Reported")
    assert fine.exit_code == 0 and fine.stderr == "" and fine.stdout.endswith("(1 row)\n")
