"""GEXF for Gephi: edge weights are the supporting articles, nodes carry viz colours by class and the positions
the HTML view draws them at. Read back with networkx and, for the viz namespace, with xml.etree."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib import PROV, RDF, Dataset

from kgraph.export import export
from kgraph.graph import build_dataset
from kgraph.render import build_view
from kgraph.store import Store
from kgraph.types import ArticleResult, Entity
from kgraph.vocab import KG, KGE, curie

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
DATA_BLOCK = re.compile(r'<script type="application/json" id="kgraph-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def corpus_with_loner(corpus_results) -> Dataset:
    """The hand-written corpus (affirmed and denied claims across articles) plus an entity no claim uses."""
    first = corpus_results[0]
    loner = Entity(iri=str(KGE.Moldova), label="Moldova", cls="Country")
    widened = ArticleResult(first.article, (*first.entities, loner), first.mentions, first.claims)
    return build_dataset([widened, *corpus_results[1:]])


def affirming_articles(dataset: Dataset) -> dict[tuple[str, str, str], int]:
    """(subject, property, object) -> articles with a claim of it that is not a denial; denials alone: theirs."""
    affirm: dict[tuple[str, str, str], set[str]] = {}
    deny: dict[tuple[str, str, str], set[str]] = {}
    for claim in set(dataset.subjects(RDF.type, KG.Claim)):
        key = tuple(str(dataset.value(claim, p)) for p in (RDF.subject, RDF.predicate, RDF.object))
        key = (key[0], key[1].rsplit("#", 1)[-1], key[2])
        denied = dataset.value(claim, KG.modality) == KG.Negated
        (deny if denied else affirm).setdefault(key, set()).add(str(dataset.value(claim, PROV.wasDerivedFrom)))
    return {k: len(affirm.get(k) or deny[k]) for k in affirm.keys() | deny.keys()}


@pytest.mark.parametrize("origin", ["data", "store"])
def test_gexf_weights_are_supporting_articles(corpus_with_loner, tmp_path, origin):
    path = tmp_path / "graph.gexf"
    if origin == "store":
        with Store(tmp_path / "kb") as store:
            store.add_dataset(corpus_with_loner)
            export(store, path, modality="all")
    else:
        export(corpus_with_loner, path, modality="all")
    back = nx.read_gexf(path)
    expected = affirming_articles(corpus_with_loner)
    weights = {(s, d["label"], o): d["weight"] for s, o, d in back.edges(data=True)}
    assert weights == {k: float(v) for k, v in expected.items()}
    assert weights[(str(KGE.Russia), "intrudesInto", str(KGE.Poland))] == 2.0  # two denials not counted
    assert str(KGE.Moldova) in back.nodes


def view_data(dataset: Dataset) -> dict:
    page, _ = build_view(dataset)
    return json.loads(DATA_BLOCK.search(page).group(1))


def test_gexf_viz_colours_and_positions_are_the_views(corpus_with_loner, tmp_path):
    path = tmp_path / "graph.gexf"
    export(corpus_with_loner, path)
    root = ET.parse(path).getroot()
    nodes = root.findall(f"./{GEXF}graph/{GEXF}nodes/{GEXF}node")
    assert nodes
    view = view_data(corpus_with_loner)
    drawn = {n["iri"]: (n["x"], n["y"]) for n in view["nodes"]}
    colours = {cls: style["color"] for cls, style in view["classes"].items()}
    classes = {str(e): str(c).rsplit("#", 1)[-1] for e, c in corpus_with_loner.subject_objects(RDF.type)}
    placed = {}
    for node in nodes:
        assert rgb_of(node) == colours[classes[node.get("id")]]  # every class the loner has is in the view too
        position = node.find(f"{VIZ}position")
        placed[node.get("id")] = (float(position.get("x")), -float(position.get("y")))  # Gephi's y points up
    assert colours["Country"] == "#1f77b4"
    shown = {n: xy for n, xy in placed.items() if (curie(n) or n) in drawn}
    assert len(shown) == len(drawn) and all(drawn[curie(n) or n] == xy for n, xy in shown.items())
    # the view leaves out what has no (asserted) relation: Moldova, and Belarus (only hedged); Gephi gets them
    # below the drawing
    unconnected = set(placed) - set(shown)
    assert unconnected == {str(KGE.Moldova), str(KGE.Belarus)}
    assert min(placed[n][1] for n in unconnected) > max(y for _, y in drawn.values())
    back = nx.read_gexf(path)
    assert back.nodes[str(KGE.Poland)]["viz"]["position"]["x"] == pytest.approx(placed[str(KGE.Poland)][0])
    assert back.nodes[str(KGE.NATO)]["viz"]["color"] == {"r": 106, "g": 61, "b": 154, "a": 1.0}


def rgb_of(node: ET.Element) -> str:
    colour = node.find(f"{VIZ}color")
    return "#" + "".join(f"{int(colour.get(c)):02x}" for c in "rgb")
