"""The HTML view without a browser: self-contained, no URL, strict CSP, safe JSON, filters, the max-nodes cut."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.analytics import EntityIndex, as_queryable, graph_from_source, to_networkx
from kgraph.errors import InputError
from kgraph.graph import build_dataset
from kgraph.render import (
    build_view,
    layout,
    notebook_view,
    render_html,
    script_json,
    vis_network_js,
    write_view,
)

URL = re.compile(r"(?i)\b(?:https?|ftp|wss?):/{2}|//[a-z0-9.-]+\.[a-z]{2,}/")
DATA_BLOCK = re.compile(r'<script type="application/json" id="kgraph-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    return json.loads(DATA_BLOCK.search(page).group(1))


def connected(graph) -> tuple[int, int]:
    """Expected counts, from to_networkx directly: entities with at least one relation, and relations."""
    entities = [n for n, cls in graph.nodes(data="cls") if cls not in ("Claim", "Article") and graph.degree(n)]
    return len(entities), graph.number_of_edges()


@pytest.fixture(scope="module")
def seed_page(seed_dataset) -> str:
    return render_html(seed_dataset)


def test_one_file_with_no_url_and_nothing_that_loads(seed_page):
    assert URL.search(seed_page) is None
    assert not re.search(r"(?i)<(?:link|iframe|img|object|embed|base)\b", seed_page)
    assert not re.search(r"(?i)\s(?:src|href)\s*=", seed_page)
    assert "sourceMappingURL" not in seed_page
    assert seed_page.count("<script") == 3  # data block, vis-network, the view


def test_csp_allows_exactly_the_inline_script_and_style(seed_page):
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', seed_page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts = re.findall(r"<script>(.*?)</script>", seed_page, re.S)
    assert sorted(directives["script-src"].split()) == sorted(digest(s) for s in scripts)
    styles = re.findall(r"<style>(.*?)</style>", seed_page, re.S)
    assert directives["style-src"].split() == [digest(styles[0])]
    # the CSP comes before anything it governs
    assert seed_page.index("Content-Security-Policy") < seed_page.index("<style>")


def test_vis_network_keeps_working_strings_without_urls():
    js = vis_network_js()
    assert URL.search(js) is None
    # the SVG namespace vis-network passes to createElementNS: same string to JavaScript, no URL in the file
    assert '"http:\\/\\/www.w3.org/2000/svg"' in js
    assert "</script" not in js.lower() and "<script" not in js.lower() and "<!--" not in js


def test_page_counts_match_the_graph(seed_dataset, seed_page):
    nodes, edges = connected(to_networkx(seed_dataset))
    data = page_data(seed_page)
    assert (len(data["nodes"]), len(data["edges"])) == (nodes, edges)
    assert f'data-nodes="{nodes}" data-edges="{edges}"' in seed_page
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    for edge in data["edges"]:
        assert edge["evidence"], "every edge shows its evidence"
        assert edge["support"] == len({data["articles"][ev["article"]]["id"] for ev in edge["evidence"]})
        for ev in edge["evidence"]:
            assert ev["modality"] in edge["modality"]
    families = {e["property"]: e["family"] for e in data["edges"]}
    assert {families.get("invades"), families.get("supports")} <= {"conflict", "cooperation", None}
    if "invades" in families:
        assert families["invades"] == "conflict"
    if "supports" in families:
        assert families["supports"] == "cooperation"


def test_evidence_carries_article_title_and_date(seed_page):
    data = page_data(seed_page)
    assert data["articles"] and all(a["title"] for a in data["articles"])
    dated = [ev for e in data["edges"] for ev in e["evidence"] if ev["date"]]
    assert dated and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", ev["date"]) for ev in dated)


def test_same_graph_same_page(seed_dataset, seed_page):
    assert render_html(seed_dataset) == seed_page


@given(st.text())
def test_script_json_is_inert_and_round_trips(text):
    encoded = script_json({"k": text, "l": [text]})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert "://" not in encoded
    assert json.loads(encoded) == {"k": text, "l": [text]}


def test_hostile_strings_stay_inside_the_data_block():
    payload = "</script><script>alert(1)</script><!-- \u2028 https://evil.example/x & <img src=x onerror=alert(1)>"
    encoded = script_json(payload)
    assert "</script" not in encoded and "<!--" not in encoded and "https://" not in encoded
    assert json.loads(encoded) == payload


def test_write_view_writes_only_the_file(seed_dataset, tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    work.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(work)
    stats = write_view(seed_dataset, out / "graph.html")
    assert os.listdir(work) == [] and os.listdir(out) == ["graph.html"]
    assert stats.nodes == len(page_data((out / "graph.html").read_text())["nodes"])


def test_property_filter_includes_sub_properties(seed_dataset, ontology):
    data = page_data(render_html(seed_dataset, properties=["hostileTowards"]))
    assert data["edges"], "the seed article has conflict relations"
    assert all("hostileTowards" in ontology.ancestors(e["property"]) for e in data["edges"])
    full = page_data(render_html(seed_dataset))
    assert len(data["edges"]) == sum(e["family"] == "conflict" for e in full["edges"])


def test_class_filter(seed_dataset, ontology):
    data = page_data(render_html(seed_dataset, classes=["Country"]))
    assert data["nodes"] and {n["cls"] for n in data["nodes"]} == {"Country"}


def test_focus_and_hops(seed_dataset):
    full = page_data(render_html(seed_dataset))
    near = page_data(render_html(seed_dataset, focus="poland", hops=1))
    labels = {n["label"] for n in near["nodes"]}
    poland = next(i for i, n in enumerate(full["nodes"]) if n["label"] == "Poland")
    neighbours = {full["nodes"][e["to"] if e["from"] == poland else e["from"]]["label"] for e in full["edges"]
                  if poland in (e["from"], e["to"])}  # fmt: skip
    assert labels == neighbours | {"Poland"}
    assert near["meta"]["focus"] == "Poland"
    by_curie = page_data(render_html(seed_dataset, focus="kge:Poland", hops=1))
    assert len(by_curie["nodes"]) == len(near["nodes"])


def test_unknown_focus_suggests_close_labels(seed_dataset):
    with pytest.raises(InputError, match=r"^no entity named 'Polnd'.*did you mean 'Poland'"):
        render_html(seed_dataset, focus="Polnd")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"properties": ["bombs"]}, "unknown property 'bombs'"),
        ({"classes": ["Planet"]}, "unknown class 'Planet'"),
        ({"modality": "hedge"}, "unknown modality 'hedge'; use one of asserted, hedged, negated, reported, all"),
        ({"since": "2025-13-01"}, "--since '2025-13-01': expected a date"),
        ({"max_nodes": 0}, "--max-nodes must be a whole number >= 1"),
        ({"colour": "red"}, "unknown view option"),
    ],
)
def test_bad_options(seed_dataset, options, message):
    with pytest.raises(InputError, match=re.escape(message)):
        render_html(seed_dataset, **options)


def test_since_and_min_support(make_synthetic_results):
    results = make_synthetic_results(60, 240, per_article=10)
    dataset = build_dataset(results)
    recent = page_data(render_html(dataset, since="2025-07"))
    dates = [ev["date"] for e in recent["edges"] for ev in e["evidence"]]
    assert dates and min(dates) >= "2025-07"
    everything = page_data(render_html(dataset))
    assert len(recent["edges"]) < len(everything["edges"])
    supported = page_data(render_html(dataset, min_support=2))
    assert all(e["support"] >= 2 for e in supported["edges"])
    assert len(supported["edges"]) == sum(e["support"] >= 2 for e in everything["edges"])


def test_modality_all_adds_hedged_edges(make_synthetic_results):
    dataset = build_dataset(make_synthetic_results(40, 200, per_article=10))
    asserted = page_data(render_html(dataset))
    both = page_data(render_html(dataset, modality="all"))
    assert {m for e in asserted["edges"] for m in e["modality"]} == {"asserted"}
    assert "hedged" in {m for e in both["edges"] for m in e["modality"]}
    assert len(both["edges"]) > len(asserted["edges"])


def test_max_nodes_leaves_out_the_least_central_and_says_so(make_synthetic_results):
    dataset = build_dataset(make_synthetic_results(300, 900))
    page, stats = build_view(dataset, max_nodes=100)
    data = page_data(page)
    assert len(data["nodes"]) <= 100 and stats.omitted == 300 - len(data["nodes"])
    note = re.search(r'<p class="kg-note" id="kg-note">([^<]*)</p>', page).group(1)
    assert f"{stats.omitted} of 300 connected entities are left out" in note
    graph = to_networkx(dataset)
    degree = {n: len(set(graph.successors(n)) | set(graph.predecessors(n))) for n in graph}
    shown = {graph.nodes[n]["label"] for n in graph if graph.nodes[n]["label"] in {x["label"] for x in data["nodes"]}}
    kept = [degree[n] for n in graph if graph.nodes[n]["label"] in shown]
    left = [degree[n] for n in graph if graph.nodes[n]["label"] not in shown and graph.nodes[n]["cls"] != "Claim"]
    assert min(kept) >= sorted(left)[len(left) // 2], "shown entities are the more central ones"


@pytest.mark.parametrize(
    "name", ["Poland", "poland", "kge:Poland", "<https://w3id.org/kgraph/entity/Poland>", "Republic of Poland", "NATO"]
)
def test_focus_names_an_entity_as_path_does(seed_dataset, ontology, name):
    """`view --focus X` and `path X ...` read names with the same resolver: labels, aliases, IRIs, CURIEs."""
    graph = graph_from_source(as_queryable(seed_dataset))
    iri = EntityIndex.build(graph, as_queryable(seed_dataset), ontology).resolve(name)
    data = page_data(render_html(seed_dataset, focus=name, ontology=ontology))
    assert data["meta"]["focus"] == graph.nodes[iri]["label"]


def test_focus_survives_the_cut(make_synthetic_results):
    dataset = build_dataset(make_synthetic_results(200, 400))
    data = page_data(render_html(dataset, focus="Person 3", hops=3, max_nodes=5))
    assert "Person 3" in {n["label"] for n in data["nodes"]}


def test_layout_places_neighbours_closer_than_strangers(make_synthetic_results):
    # a graph big enough for the particle-mesh layout (over 500 nodes)
    graph = to_networkx(build_dataset(make_synthetic_results(800, 1600)))
    graph.remove_nodes_from([n for n, c in graph.nodes(data="cls") if c in ("Claim", "Article")])
    pos = layout(graph, seed=1)
    assert layout(graph, seed=1) == pos

    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    nodes = sorted(graph)
    edge_mean = sum(dist(s, o) for s, o in graph.edges()) / graph.number_of_edges()
    pairs = [(nodes[i], nodes[(i * 7919 + 13) % len(nodes)]) for i in range(len(nodes))]
    random_mean = sum(dist(a, b) for a, b in pairs if a != b) / len(pairs)
    assert edge_mean < random_mean / 2
    assert len({pos[n] for n in nodes}) == len(nodes), "no two nodes on the same spot"


def test_notebook_view_is_a_sandboxed_iframe(seed_dataset):
    shown = notebook_view(seed_dataset)._repr_html_()
    assert shown.startswith('<iframe sandbox="allow-scripts"')
    assert "<script" not in shown  # the page is in the escaped srcdoc attribute only


def test_title_is_escaped(seed_dataset):
    page = render_html(seed_dataset, title="<script>alert(1)</script> & co")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in page
    assert page.count("<script") == 3


def test_one_property_as_a_plain_string(seed_dataset):
    assert page_data(render_html(seed_dataset, properties="hostileTowards")) == page_data(
        render_html(seed_dataset, properties=["hostileTowards"])
    )


def test_view_families_come_from_the_ontology(seed_dataset, ontology):
    """kg:viewFamily and kg:viewColour on a root property colour it and its sub-properties: Turtle only."""
    data = page_data(render_html(seed_dataset, ontology=ontology))
    assert data["families"] == {"conflict": "#d62728", "cooperation": "#1a9850", "other": "#7b8794"}
    recoloured = dataclasses.replace(ontology, view_families={"hostileTowards": ("hostility", "#000000")})
    data = page_data(render_html(seed_dataset, ontology=recoloured))
    assert data["families"] == {"hostility": "#000000", "other": "#7b8794"}
    families = {e["property"]: e["family"] for e in data["edges"]}
    assert families.get("invades", "hostility") == "hostility"
    assert {f for p, f in families.items() if recoloured.family(p) != "hostileTowards"} <= {"other"}


def test_disputed_edges_are_marked_and_denials_do_not_count(corpus_dataset):
    data = page_data(render_html(corpus_dataset, modality=["asserted", "negated"]))
    names = [n["label"] for n in data["nodes"]]
    edges = {(names[e["from"]], e["property"], names[e["to"]]): e for e in data["edges"]}
    incursion = edges[("Russia", "intrudesInto", "Poland")]
    assert (incursion["disputed"], incursion["modality"], incursion["support"]) == (True, ["asserted", "negated"], 2)
    denial = edges[("Russia", "attacks", "Poland")]  # denied, and nobody affirms it
    assert (denial["disputed"], denial["modality"], denial["support"]) == (False, ["negated"], 1)
    assert data["meta"]["modality"] == "asserted+negated"
    assert {(a["title"], a["url"], a["publisher"]) for a in data["articles"]} == {
        ("Drones cross into Poland", "https://www.reuters.com/world/c1", "reuters.com"),
        ("Moscow denies incursion", "https://apnews.com/article/c2", "apnews.com"),
        ("A second incursion", "https://www.reuters.com/world/c3", "reuters.com"),
        ("Notes on the eastern flank", None, None),
    }
    # asserted only: the incursion is still marked disputed (the denial exists, though not drawn)
    asserted = page_data(render_html(corpus_dataset))
    assert [e["property"] for e in asserted["edges"] if e["disputed"]] == ["intrudesInto"]


def test_until_keeps_what_is_dated_before(corpus_dataset):
    data = page_data(render_html(corpus_dataset, modality="all", until="2025-09-10"))
    names = [n["label"] for n in data["nodes"]]
    assert sorted((names[e["from"]], e["property"], names[e["to"]]) for e in data["edges"]) == [
        ("Lithuania", "memberOf", "NATO"),
        ("Poland", "memberOf", "NATO"),
        ("Russia", "attacks", "Ukraine"),
        ("Russia", "intrudesInto", "Estonia"),  # reported, dated 2025-09: may fall before the bound
        ("Russia", "intrudesInto", "Poland"),
    ]
    # dated 2025 only, "The attacks on Ukraine continued" may fall before the bound, so it stays
    assert sorted(ev["sentence"] for e in data["edges"] for ev in e["evidence"] if e["property"] == "attacks") == [
        "Russia attacked Ukraine overnight.",
        "The attacks on Ukraine continued.",
    ]
