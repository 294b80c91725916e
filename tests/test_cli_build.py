"""`kgraph build` from the command line: outputs, formats, errors and what is kept when an article fails."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLE
from rdflib import Dataset, Graph, URIRef

from kgraph.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def test_build_writes_turtle_and_trig(runner, tmp_path):
    ttl, trig = tmp_path / "g.ttl", tmp_path / "g.trig"
    result = runner.invoke(main, ["build", str(SEED_ARTICLE), "-o", str(ttl), "-o", str(trig)])
    assert result.exit_code == 0, result.output
    assert "articles: 1" in result.stderr and "claims:" in result.stderr
    assert len(Graph().parse(ttl, format="turtle")) > 100
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    assert any(str(g.identifier).endswith("/graph/nato-russia-drone-incursions") for g in dataset.graphs())


@pytest.mark.parametrize("suffix", [".nq", ".nt", ".jsonld", ".rdf"])
def test_build_other_formats_parse_back(runner, tmp_path, suffix):
    out = tmp_path / f"g{suffix}"
    result = runner.invoke(main, ["build", str(SEED_ARTICLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    fmt = {".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}[suffix]
    assert len(Dataset().parse(out, format=fmt)) > 100


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) not installed")
@pytest.mark.parametrize(("name", "syntax"), [("ttl", "turtle"), ("trig", "trig")])
def test_outputs_parse_with_an_independent_parser(seed_files, name, syntax):
    proc = subprocess.run(
        ["rapper", "-i", syntax, "-c", str(seed_files[name])], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Parsing returned" in proc.stderr and " 0 triples" not in proc.stderr


def test_outputs_parse_with_oxigraph(seed_files, seed_dataset):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(seed_files["trig"]), format=pyoxigraph.RdfFormat.TRIG)
    assert len(store) == len(list(seed_dataset.quads((None, None, None, None))))


def test_stdin_and_trig_on_stdout(runner):
    result = runner.invoke(main, ["build", "-", "-q"], input="Drones over Poland\nRussia attacked Ukraine.\n")
    assert result.exit_code == 0, result.stderr
    assert "kg:attacks" in result.stdout


def test_unknown_output_extension_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["build", str(SEED_ARTICLE), "-o", str(tmp_path / "g.xyz")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "unknown RDF file extension" in result.stderr
    assert "Traceback" not in result.output


def test_missing_input_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
    assert not (tmp_path / "g.ttl").exists()


def test_failing_article_does_not_lose_the_others(runner, tmp_path):
    (tmp_path / "good.txt").write_text("Good\nRussia attacked Ukraine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert "attacks" in out.read_text(encoding="utf-8")


def test_existing_output_untouched_when_build_fails(runner, tmp_path):
    out = tmp_path / "g.ttl"
    out.write_text("# previous graph\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["build", str(tmp_path / "empty"), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "# previous graph\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".g.ttl")] == []


def test_bad_ontology_file_is_a_clear_error(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["build", str(SEED_ARTICLE), "--ontology", str(bad), "-q"])
    assert result.exit_code == 2
    assert "cannot parse ontology" in result.stderr


def test_user_ontology_adds_individuals_and_triggers(runner, tmp_path):
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        """@prefix kg: <https://w3id.org/kgraph/ontology#> .
@prefix kge: <https://w3id.org/kgraph/entity/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kge:Ruritania a kg:Country ; skos:prefLabel "Ruritania"@en ; kg:demonym "Ruritanian" .
kg:attacks kg:trigger "raid" .
""",
        encoding="utf-8",
    )
    result = runner.invoke(
        main, ["build", "-", "--ontology", str(extra), "-q"], input="T\nRuritanian drones raided Poland.\n"
    )
    assert result.exit_code == 0, result.stderr
    dataset = Dataset(default_union=True).parse(data=result.stdout, format="trig")
    ruritania = URIRef("https://w3id.org/kgraph/entity/Ruritania")
    poland = URIRef("https://w3id.org/kgraph/entity/Poland")
    assert (ruritania, URIRef("https://w3id.org/kgraph/ontology#attacks"), poland) in dataset


def test_python_dash_m_kgraph_works():
    proc = subprocess.run([sys.executable, "-m", "kgraph", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "build" in proc.stdout


def test_union_outputs_state_each_triple_once(runner, two_articles_results, tmp_path):
    """Turtle and N-Triples get the union: an entity's type and label, in both articles, are written once."""
    from kgraph.writer import GraphWriter

    nt, ttl, nq = tmp_path / "g.nt", tmp_path / "g.ttl", tmp_path / "g.nq"
    with GraphWriter([nt, ttl, nq]) as writer:
        writer.add_all(two_articles_results)
    lines = [line for line in nt.read_text(encoding="utf-8").splitlines() if line.strip()]
    quads = Dataset()
    quads.parse(nq, format="nquads")
    union = {(s, p, o) for s, p, o, _ in quads.quads((None, None, None, None))}
    assert len(union) < len(list(quads.quads((None, None, None, None))))  # shared triples: the test can fail
    assert len(lines) == len(set(lines)) == len(union)
    assert set(Graph().parse(ttl, format="turtle")) == union
    built = runner.invoke(main, ["build", str(SEED_ARTICLE), "-o", str(tmp_path / "b.ttl"), "-q"])
    assert built.exit_code == 0, built.output
    assert (
        built.stderr.startswith("Note: ")
        and "Turtle cannot hold named graphs: wrote the union of 1 graphs" in built.stderr
    )


def test_build_and_the_store_spell_decimals_alike(two_articles_results, tmp_path):
    """A confidence is written as the store gives it back ("0.85", not "0.850"): files and exports agree."""
    from kgraph.store import Store
    from kgraph.vocab import KG
    from kgraph.writer import GraphWriter

    nq = tmp_path / "g.nq"
    with GraphWriter([nq]) as writer:
        writer.add_all(two_articles_results)
    built = Dataset()
    built.parse(nq, format="nquads")
    with Store(None) as store:
        store.load(nq)
        stored = {(s, str(o)) for s, p, o, _ in store.quads() if p == KG.confidence}
    written = {(s, str(o)) for s, p, o, _ in built.quads((None, KG.confidence, None, None))}
    assert written == stored and len(written) > 10
