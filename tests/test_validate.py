"""SHACL validation: the seed graph conforms; each kind of damage is reported with the claim's sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, SH, SKOS, Dataset, Graph, Literal, URIRef

from kgraph.cli import main
from kgraph.graph import build_dataset
from kgraph.ontology import load_ontology
from kgraph.store import Store, write_dataset
from kgraph.validate import validate
from kgraph.vocab import KG, KGE

KG_NS = str(KG._NS)


def copy(dataset: Dataset) -> Dataset:
    clone = Dataset(default_union=True)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        clone.graph(g).add((s, p, o))
    return clone


def claims(dataset: Dataset) -> list[URIRef]:
    return sorted(set(dataset.subjects(RDF.type, KG.Claim)))


def test_seed_graph_conforms(seed_dataset, seed_results, ontology):
    report = validate(seed_dataset, ontology)
    assert report.conforms, report.text()
    assert report.errors == []
    assert report.claims == sum(len(r.claims) for r in seed_results) > 0
    assert report.articles == len(seed_results)
    assert report.text().endswith(": valid")


@pytest.fixture(scope="module")
def damaged(seed_dataset, ontology):
    """The seed graph with one problem of each kind, chosen from the data (not from known extraction output)."""
    data = copy(seed_dataset)
    graph = data.graph(next(g for *_, g in seed_dataset.quads((None, None, None, None))))
    all_claims = claims(data)
    # 1. a claim whose object becomes an entity its relation's range does not allow
    classes = {e: str(c)[len(KG_NS) :] for e, c in data.subject_objects(RDF.type) if str(c).startswith(KG_NS)}
    out_of_range = None
    for claim in all_claims:
        prop = str(data.value(claim, RDF.predicate))[len(KG_NS) :]
        subject_cls = classes[data.value(claim, RDF.subject)]
        wrong = [e for e, c in sorted(classes.items()) if c not in ("Claim", "Article", "Modality")
                 and not ontology.admits(prop, subject_cls, c)]  # fmt: skip
        if wrong:
            graph.set((claim, RDF.object, wrong[0]))
            out_of_range = claim
            break
    assert out_of_range is not None
    rest = [c for c in all_claims if c != out_of_range]
    # 2. a claim without its sentence, 3. one without modality, 4. one whose span ends after its sentence
    graph.remove((rest[0], KG.evidence, None))
    graph.remove((rest[1], KG.modality, None))
    graph.set((rest[2], KG.charEnd, Literal(10**6)))
    # 5. an entity without label
    unlabelled = data.value(rest[3], RDF.subject)
    graph.remove((unlabelled, SKOS.prefLabel, None))
    # 6. a hand-added plain triple whose subject has no class at all
    graph.add((KGE.Nobody, URIRef(KG_NS + "attacks"), KGE.Poland))
    return data, {"range": out_of_range, "evidence": rest[0], "modality": rest[1], "span": rest[2]}, unlabelled


def test_each_damage_is_reported_with_its_sentence(damaged, ontology):
    data, broken, unlabelled = damaged
    report = validate(data, ontology)
    assert not report.conforms
    by_claim = {}
    for v in report.errors:
        by_claim.setdefault(v.focus, []).append(v)
    range_problem = by_claim[str(broken["range"])][0]
    assert "claim must be of class" in range_problem.message and range_problem.sentence
    assert range_problem.sentence == str(data.value(broken["range"], KG.evidence))
    assert range_problem.article == "nato-russia-drone-incursions"
    assert any("evidence" in v.message for v in by_claim[str(broken["evidence"])])
    assert any("modality" in v.message for v in by_claim[str(broken["modality"])])
    assert any("charEnd ≤ sentenceEnd" in v.message for v in by_claim[str(broken["span"])])
    [label] = by_claim[str(unlabelled)]
    assert "skos:prefLabel" in label.message and label.claim and label.sentence
    assert any("cannot be the subject of kg:attacks" in v.message for v in by_claim[str(KGE.Nobody)])
    text = report.text()
    assert f'"{range_problem.sentence}"' in text
    assert len(report.errors) == 6


def test_cli_validate(damaged, seed_dataset, tmp_path):
    data, broken, _ = damaged
    good, bad = tmp_path / "good.trig", tmp_path / "bad.trig"
    write_dataset(seed_dataset, good)
    write_dataset(data, bad)
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--data", str(good)])
    assert ok.exit_code == 0 and ok.stdout.strip().endswith("valid"), ok.output
    failed = runner.invoke(main, ["validate", "--data", str(bad)])
    assert failed.exit_code == 1
    assert "6 violations" in failed.stdout
    assert str(data.value(broken["range"], KG.evidence)) in failed.stdout
    with Store(tmp_path / "kb") as store:
        store.add_dataset(data)
    from_store = runner.invoke(main, ["validate", "--store", str(tmp_path / "kb")])
    assert from_store.exit_code == 1 and "6 violations" in from_store.stdout


def test_cli_validate_syntax_error(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://a> <https://b> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(broken)])
    assert result.exit_code == 2 and "Error: cannot parse" in result.stderr


EXTENSION = """
@prefix kg: <https://w3id.org/kgraph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:patrols a owl:ObjectProperty ; rdfs:label "patrols" ; rdfs:domain kg:MilitaryAsset ; rdfs:range kg:Location .
"""


def test_domain_and_range_come_from_the_ontology(seed_results, tmp_path, make_synthetic_results):
    """A user's own property is checked with its own domain: the shapes are not a fixed list."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTENSION, encoding="utf-8")
    extended = load_ontology([extra])
    [result] = make_synthetic_results(n_entities=4, n_claims=1, per_article=1)
    claim = result.claims[0]
    # a Country (entity 0 of the synthetic set) that "patrols" a Person (entity 3)
    patrol = type(claim)(**{**{f: getattr(claim, f) for f in claim.__slots__}, "property": "patrols",
                            "object": result.entities[-1].iri})  # fmt: skip
    data = build_dataset([type(result)(result.article, result.entities, (), (patrol,))])
    with_extension = validate(data, extended)
    messages = [v.message for v in with_extension.errors]
    assert any("subject of a kg:patrols claim must be of class MilitaryAsset" in m for m in messages), messages
    without = validate(data, load_ontology())
    assert any("a relation of the ontology" in v.message for v in without.errors)
    assert Path(extra).exists()


def engine_results(data_file: Path, shapes_file: Path) -> tuple[bool, list[tuple[str, str, str]]]:
    """pyshacl on its own: the data file and the shapes file, nothing of kgraph's in between. Returns conforms and
    the (focus, severity, message) of every result."""
    import pyshacl

    data, shapes = Graph(), Graph()
    data.parse(data_file, format="turtle")
    shapes.parse(shapes_file, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return bool(conforms), sorted(result_rows(report))


def result_rows(report: Graph) -> list[tuple[str, str, str]]:
    return [
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultSeverity)),
         str(report.value(r, SH.resultMessage)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]  # fmt: skip


@pytest.mark.parametrize("which", ["built", "broken"])
def test_effective_shapes_give_the_same_verdict_elsewhere(damaged, seed_dataset, tmp_path, which):
    """The shapes --shapes-out writes, loaded by pyshacl alone on the data alone (a Turtle union, as another
    tool reads it), give what `kgraph validate` says: the verdict, the count and each result."""
    dataset = seed_dataset if which == "built" else damaged[0]
    data_file, shapes_file = tmp_path / "graph.ttl", tmp_path / "shapes.ttl"
    write_dataset(dataset, data_file)
    runner = CliRunner()
    wrote = runner.invoke(main, ["validate", "--shapes-out", str(shapes_file)])
    assert wrote.exit_code == 0 and wrote.stdout == "" and "wrote" in wrote.stderr, wrote.output
    conforms, results = engine_results(data_file, shapes_file)
    text = runner.invoke(main, ["validate", "--data", str(data_file)])
    ttl = runner.invoke(main, ["validate", "--data", str(data_file), "--format", "ttl"])
    assert text.exit_code == ttl.exit_code == (0 if conforms else 1), text.output
    report = Graph().parse(data=ttl.stdout, format="turtle")
    [summary] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(summary, SH.conforms).toPython() is conforms
    assert sorted(result_rows(report)) == results
    violations = [r for r in results if r[1] == str(SH.Violation)]
    if which == "built":
        assert conforms and text.stdout.strip().endswith("valid") and not violations
    else:
        assert not conforms and len(violations) == 6 and "6 violations" in text.stdout
        messages = {m for _, _, m in violations}
        assert any("claim must be of class" in m for m in messages)
        assert any("cannot be the subject of kg:attacks" in m for m in messages)


def test_shipped_shapes_alone_are_not_enough(seed_dataset, tmp_path):
    """Why --shapes-out exists: shapes.ttl alone reads classes and kgs:Relation that no graph states."""
    from kgraph.shapes import SHAPES

    data_file = tmp_path / "graph.ttl"
    write_dataset(seed_dataset, data_file)
    conforms, results = engine_results(data_file, SHAPES)
    assert not conforms and results


def test_shapes_out_with_an_extension_checks_its_relations(tmp_path, make_synthetic_results):
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTENSION, encoding="utf-8")
    [result] = make_synthetic_results(n_entities=4, n_claims=1, per_article=1)
    claim = result.claims[0]
    patrol = type(claim)(**{**{f: getattr(claim, f) for f in claim.__slots__}, "property": "patrols",
                            "object": result.entities[-1].iri})  # fmt: skip
    data_file, shapes_file = tmp_path / "graph.ttl", tmp_path / "shapes.ttl"
    write_dataset(build_dataset([type(result)(result.article, result.entities, (), (patrol,))]), data_file)
    out = CliRunner().invoke(main, ["validate", "--ontology", str(extra), "--shapes-out", str(shapes_file), "-q"])
    assert out.exit_code == 0 and out.output == ""
    conforms, results = engine_results(data_file, shapes_file)
    assert not conforms
    assert any("subject of a kg:patrols claim must be of class MilitaryAsset" in m for _, _, m in results)


def test_shapes_out_errors(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--shapes-out", str(tmp_path / "missing" / "shapes.ttl")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "does not exist" in result.stderr
