"""`kgraph neighbors | path | top | communities | stats | why` from the command line: text and JSON output,
exit codes, entity names, and the same answers from --data files and a --store."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from kgraph.analytics import DatasetQueryable, EntityIndex, centrality, communities, neighbors, to_networkx
from kgraph.cli import main
from kgraph.types import Modality
from kgraph.vocab import KGE

COMMANDS = [
    ("neighbors", "Russia"),
    ("neighbors", "Russia", "--hops", "2"),
    ("path", "Vladimir Putin", "Poland"),
    ("top",),
    ("top", "--by", "pagerank", "-n", "5"),
    ("top", "--by", "betweenness", "-n", "5"),
    ("communities",),
    ("stats",),
    ("why", "Russia", "attacks", "Ukraine"),
]


@pytest.fixture
def run(seed_files):
    def invoke(*args: str, data: bool = True):
        extra = ["--data", str(seed_files["trig"])] if data else []
        return CliRunner().invoke(main, [*args, *extra])

    return invoke


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_neighbors(run, seed_dataset):
    expected = neighbors(to_networkx(seed_dataset), str(KGE.Russia), 1)
    out = ok(run("neighbors", "russia")).splitlines()
    assert out[0] == f"Russia (kge:Russia): {len(expected)} entities within 1 hop"
    for n in expected:
        assert f"1  {n.label} ({n.cls})" in out
        for rel in n.via:
            assert any(f"--{rel.property}-->" in line and n.label in line for line in out)
    data = json.loads(ok(run("neighbors", "Russia", "--hops", "2", "--json")))
    assert data["entity"] == str(KGE.Russia) and data["hops"] == 2
    assert {n["node"] for n in data["neighbors"]} >= {n.node for n in expected}
    assert {n["distance"] for n in data["neighbors"]} == {1, 2}
    assert all(r["evidence"] for n in data["neighbors"] for r in n["via"])


def test_path_prints_each_step_with_its_sentence_and_article(run, seed_results):
    sentences = {c.sentence.strip() for r in seed_results for c in r.claims if c.modality is Modality.ASSERTED}
    out = ok(run("path", "Vladimir Putin", "Poland")).splitlines()
    steps = int(out[0].split(": ")[1].split()[0])
    assert out[0].startswith("Vladimir Putin to Poland: ") and steps >= 2
    numbered = [line for line in out if line[:1].isdigit()]
    assert [line.split(".")[0] for line in numbered] == [str(i) for i in range(1, steps + 1)]
    quoted = [line.strip()[1:-1] for line in out if line.startswith('      "')]
    assert quoted and all(q in {" ".join(s.split()) for s in sentences} for q in quoted)
    title = seed_results[0].article.title
    assert sum(1 for line in out if line.strip().startswith(f"— {title} (kga:")) == len(quoted)
    data = json.loads(ok(run("path", "Putin", "Poland", "--json")))
    assert len(data["steps"]) == steps and all(rel["evidence"] for step in data["steps"] for rel in step)


def test_no_path_exits_1(run, seed_dataset):
    graph = to_networkx(seed_dataset)
    alone = next(data["label"] for n, data in graph.nodes(data=True) if graph.degree(n) == 0)
    result = run("path", "Russia", alone)
    assert result.exit_code == 1 and result.stderr == f"No path between Russia and {alone}.\n"


@pytest.mark.parametrize("by", ["degree", "pagerank", "betweenness"])
def test_top(run, seed_dataset, by):
    graph = to_networkx(seed_dataset)
    ranked = centrality(graph, by, 4)
    lines = ok(run("top", "--by", by, "-n", "4")).splitlines()
    assert lines[0].split() == ["rank", "entity", "class", by] and len(lines) == 5
    for line, (node, score) in zip(lines[1:], ranked, strict=True):
        assert graph.nodes[node]["label"] in line
        assert line.split()[-1] == (str(int(score)) if by == "degree" else f"{score:.4f}")
    data = json.loads(ok(run("top", "--by", by, "-n", "4", "--json")))
    assert [d["entity"] for d in data] == [n for n, _ in ranked]


def test_communities(run, seed_dataset):
    graph = to_networkx(seed_dataset)
    groups = communities(graph)
    lines = ok(run("communities")).splitlines()
    assert len(lines) == len(groups) + 1
    for i, (line, group) in enumerate(zip(lines, groups, strict=False), 1):
        assert line.startswith(f"{i}. {len(group)} entities: {graph.nodes[group[0]]['label']}")
    alone = sum(1 for n in graph if graph.degree(n) == 0)
    assert lines[-1] == f"({alone} entities without relations left out)"
    assert json.loads(ok(run("communities", "--json")))["communities"] == groups


def test_stats(run, seed_results):
    claims = Counter(c.modality.value for r in seed_results for c in r.claims)
    out = ok(run("stats"))
    assert "articles            1" in out.splitlines()
    assert f"claims              {sum(claims.values())}" in out.splitlines()
    data = json.loads(ok(run("stats", "--json")))
    assert data["claims_by_modality"] == {m: claims[m] for m in ("asserted", "hedged", "negated", "reported")}
    assert data["articles"] == 1 and data["facts"] == sum(data["facts_by_property"].values())


def test_why_shows_sentences_and_articles_in_every_modality(run, seed_results):
    russia, ukraine = str(KGE.Russia), str(KGE.Ukraine)
    claims = [c for r in seed_results for c in r.claims if (c.subject, c.object) == (russia, ukraine)]
    out = ok(run("why", "Russia", "*", "Ukraine"))
    assert out.startswith(f"Russia * Ukraine: {len(claims)} claim")
    for claim in claims:
        assert f'    "{" ".join(claim.sentence.split())}"' in out
        assert f"[{claim.modality.value}" in out
    data = json.loads(ok(run("why", "Russia", "*", "Ukraine", "--json")))
    assert len(data["claims"]) == len(claims) and data["properties"] == []


def test_why_shows_cue_and_source(corpus_files):
    result = CliRunner().invoke(main, ["why", "Russia", "intrudes into", "Poland", "--data", str(corpus_files["trig"])])
    out = ok(result)
    assert '[negated, cue "denied", reported by Russia] intrudesInto; 2025-09-11;' in out
    assert "— Moscow denies incursion (kga:c2-denial)" in out


def test_why_without_claims_exits_1(run):
    result = run("why", "Poland", "attacks", "Russia")
    assert result.exit_code == 1 and result.stderr == "No claim that Poland attacks Russia.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("neighbors", "Donald"), "'Donald' is ambiguous: Donald Trump (kge:DonaldTrump, Person); Donald Tusk"),
        (("neighbors", "Rusia"), "no entity named 'Rusia' in the graph or the ontology; did you mean 'Russia'"),
        (("neighbors", "Germany"), "Germany (kge:Germany, Country) is not in this graph"),
        (("neighbors", "Russia", "--hops", "0"), "--hops must be at least 1"),
        (("path", "Russia", "russia"), "the two entities are the same"),
        (("why", "Russia", "atacks", "Poland"), "unknown property 'atacks'; did you mean attacks?"),
        (("why", "Russia", "attacks", "Atlantis"), "no entity named 'Atlantis'"),
    ],
)
def test_errors_exit_2_with_one_message(run, args, message):
    err = fails(run(*args))
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1


def test_top_rejects_a_bad_measure(run):
    result = run("top", "--by", "closeness")
    assert result.exit_code == 2 and "'closeness' is not one of" in result.stderr


@pytest.mark.parametrize("command", sorted({c[0] for c in COMMANDS}))
def test_every_command_needs_a_graph(run, command):
    args = {"neighbors": ("Russia",), "path": ("Russia", "Poland"), "why": ("Russia", "*", "Poland")}.get(command, ())
    assert "no graph given" in fails(run(command, *args, data=False))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_store_answers_like_the_files(run, seed_files, tmp_path_factory, args):
    from kgraph.store import Store

    folder = tmp_path_factory.mktemp("analytics-store") / "store"
    with Store(folder) as store:
        store.load(seed_files["trig"])
    assert ok(CliRunner().invoke(main, [*args, "--store", str(folder)])) == ok(run(*args))


def test_every_command_has_help():
    for command in ("neighbors", "path", "top", "communities", "stats", "why", "query"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--data" in result.stdout and "--store" in result.stdout
        assert "--endpoint" in result.stdout


def test_names_come_from_the_graph_and_the_ontology(seed_dataset, ontology):
    graph = to_networkx(seed_dataset)
    index = EntityIndex.build(graph, DatasetQueryable(seed_dataset), ontology)
    assert index.resolve("North Atlantic Treaty Organization") == str(KGE.NATO)


@pytest.mark.parametrize("command", [("query", "ASK {}"), ("stats",), ("neighbors", "Russia")], ids=lambda c: c[0])
def test_source_errors(seed_files, tmp_path, command):
    from oxigraph_server import free_port

    def invoke(*source: str):
        return CliRunner().invoke(main, [*command, *source])

    assert "no store at" in fails(invoke("--store", str(tmp_path / "none")))
    assert "pass only one of --data, --store, --endpoint" in fails(
        invoke("--data", str(seed_files["trig"]), "--store", str(tmp_path))
    )
    refused = fails(invoke("--endpoint", f"http://127.0.0.1:{free_port()}/query"), code=1)
    assert refused.startswith("Error: cannot connect to http://127.0.0.1:")
