"""Neo4j exports: neo4j-admin's nodes.csv and relationships.csv read back with the csv module, and the Cypher
script's string literals decoded back to the graph's text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset

from kgraph.cli import main
from kgraph.export import export
from kgraph.graph import build_dataset
from kgraph.store import Store, write_dataset
from kgraph.types import Article, ArticleResult, Claim, Entity, Modality
from kgraph.vocab import KG, KGE, NOT_ENTITIES

KG_NS = str(KG._NS)
TRICKY = 'Officials said "it\'s over", then: C:\\drones\\log,\nsee page 2.'
NODE_HEADER = ["iri:ID", "name", "aliases:string[]", "class", ":LABEL"]
RELATIONSHIP_HEADER = [
    ":START_ID", ":END_ID", ":TYPE", "relation", "articles:int", "claims:int", "modality:string[]",
    "confidence:float", "sentence", "article_ids:string[]",
]  # fmt: skip


@pytest.fixture(scope="module")
def tricky_dataset(corpus_results) -> Dataset:
    """The hand-written corpus plus an article whose sentence holds quotes, a backslash, commas and a newline,
    and an entity (Moldova) that no claim uses."""
    russia = Entity(iri=str(KGE.Russia), label="Russia", cls="Country")
    lithuania = Entity(iri=str(KGE.Lithuania), label="Lithuania", cls="Country")
    moldova = Entity(iri=str(KGE.Moldova), label="Moldova", cls="Country")
    claim = Claim(
        subject=russia.iri, property="threatens", object=lithuania.iri, article_id="tricky", sentence=TRICKY,
        sentence_start=0, sentence_end=len(TRICKY), start=0, end=len(TRICKY), rule="handwritten",
        confidence=0.7, modality=Modality.ASSERTED,
    )  # fmt: skip
    article = Article("tricky", "Quotes, backslashes", TRICKY, "2025-09-12")
    extra = ArticleResult(article, (lithuania, moldova, russia), (), (claim,))
    return build_dataset([*corpus_results, extra])


def entities(dataset: Dataset) -> set[str]:
    """Every entity: whatever a claim is about, and everything typed with a class that is not bookkeeping."""
    about = {str(o) for p in (RDF.subject, RDF.object) for o in dataset.objects(None, p)}
    typed = {
        str(s)
        for s, c in dataset.subject_objects(RDF.type)
        if str(c).startswith(KG_NS) and str(c)[len(KG_NS) :] not in NOT_ENTITIES
    }
    return about | typed


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module", params=["data", "store"])
def source(request, tricky_dataset, tmp_path_factory):
    if request.param == "data":
        yield tricky_dataset
        return
    with Store(tmp_path_factory.mktemp("neo4j") / "kb") as store:
        store.add_dataset(tricky_dataset)
        yield store


def test_neo4j_csv_files(source, tricky_dataset, tmp_path):
    report = export(source, tmp_path / "neo4j", "neo4j")
    node_header, nodes = read_csv(tmp_path / "neo4j" / "nodes.csv")
    rel_header, relationships = read_csv(tmp_path / "neo4j" / "relationships.csv")
    assert node_header == NODE_HEADER and rel_header == RELATIONSHIP_HEADER
    ids = {n["iri:ID"] for n in nodes}
    assert ids == entities(tricky_dataset) and len(ids) == len(nodes)
    assert str(KGE.Moldova) in ids  # no relation, still a node
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in relationships)
    by_iri = {n["iri:ID"]: n for n in nodes}
    assert by_iri[str(KGE.NATO)][":LABEL"] == "InternationalOrganization;Organization;Entity"
    assert by_iri[str(KGE.Poland)]["name"] == "Poland" and by_iri[str(KGE.Poland)]["class"] == "Country"
    by_relation = {(r[":START_ID"], r[":TYPE"], r[":END_ID"]): r for r in relationships}
    incursion = by_relation[(str(KGE.Russia), "INTRUDES_INTO", str(KGE.Poland))]
    # asserted in c1 and c3, denied in c2 and c3: only the asserted claims are edges by default
    assert incursion["articles:int"] == "2" and incursion["claims:int"] == "2"
    assert incursion["article_ids:string[]"] == "c1-drones;c3-second" and incursion["modality:string[]"] == "asserted"
    assert incursion["sentence"] == "On 19 September drones again crossed into Poland."  # the latest of equals
    tricky = by_relation[(str(KGE.Russia), "THREATENS", str(KGE.Lithuania))]
    assert tricky["sentence"] == TRICKY and float(tricky["confidence:float"]) == 0.7
    assert "import with: neo4j-admin database import full" in report.notes[-1]


def test_neo4j_all_modalities(tricky_dataset, tmp_path):
    export(tricky_dataset, tmp_path / "all", "neo4j", modality="all")
    _, relationships = read_csv(tmp_path / "all" / "relationships.csv")
    incursion = next(r for r in relationships if r[":TYPE"] == "INTRUDES_INTO" and r[":END_ID"] == str(KGE.Poland))
    assert incursion["modality:string[]"] == "asserted;negated" and incursion["claims:int"] == "4"
    assert incursion["articles:int"] == "2"  # denials are no support where others affirm
    assert incursion["article_ids:string[]"] == "c1-drones;c2-denial;c3-second"


# a Cypher single-quoted string: backslash escapes, no raw newline
CYPHER_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'")
CYPHER_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def decode(literal: str) -> str:
    def one(match: re.Match[str]) -> str:
        escape = match.group(1)
        return chr(int(escape[1:], 16)) if escape[0] == "u" else CYPHER_ESCAPES[escape]

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", one, literal)


def test_cypher_script(tricky_dataset, tmp_path):
    path = tmp_path / "graph.cypher"
    export(tricky_dataset, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = [line for line in lines if not line.startswith("//")]
    assert all(s.endswith(";") for s in statements)  # one statement per line: no newline left unescaped
    nodes = [s for s in statements if s.startswith("MERGE (n:Entity")]
    assert {decode(CYPHER_STRING.search(s).group(1)) for s in nodes} == entities(tricky_dataset)
    [threat] = [s for s in statements if ":THREATENS" in s]
    strings = [decode(m.group(1)) for m in CYPHER_STRING.finditer(threat)]
    assert TRICKY in strings
    assert "\\'" in threat and "\\\\drones" in threat and "\\n" in threat
    assert "'" not in CYPHER_STRING.sub("", threat)  # every quote opens or closes a literal: none leaks out
    [nato] = [s for s in nodes if str(KGE.NATO) in s]
    assert "SET n:InternationalOrganization:Organization," in nato


def test_cypher_escapes_what_cypher_cannot_hold_raw():
    from kgraph.property_graph import cypher_name, cypher_string

    assert cypher_string("it's C:\\x\n\t\x01") == "'it\\'s C:\\\\x\\n\\t\\u0001'"
    assert decode(cypher_string("it's C:\\x\n\t\x01")[1:-1]) == "it's C:\\x\n\t\x01"
    assert cypher_name("Country") == "Country" and cypher_name("My Class`") == "`My Class```"


def test_cli_export_neo4j(tricky_dataset, tmp_path):
    data = tmp_path / "g.trig"
    write_dataset(tricky_dataset, data)
    runner = CliRunner()

    def run(output: str, fmt: str):
        return runner.invoke(main, ["export", "--data", str(data), "-o", str(tmp_path / output), "--format", fmt])

    result = run("out", "neo4j")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["nodes.csv", "relationships.csv"]
    assert "--multiline-fields=true" in result.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = run("file", "neo4j")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1 and "is a file" in refused.stderr
    into_folder = run("out", "csv")
    assert into_folder.exit_code == 2 and "is a folder" in into_folder.stderr
