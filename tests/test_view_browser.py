"""The HTML view in a real browser (Debian's chromium, headless, driven by playwright) from a file:// URL with
the network off: counts, no console errors, tooltips, search, filters, hostile text, 5,000 nodes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from kgraph.analytics import to_networkx
from kgraph.graph import build_dataset
from kgraph.ontology import load_ontology
from kgraph.pipeline import build
from kgraph.render import render_html, write_view

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium (make test)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from disk with the network off, recording console messages, errors and requests."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 860}, offline=True)
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgraphView && window.kgraphView.ready", timeout=60_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror", "warning")]

    def hover_node(self, index: int) -> str:
        point = self.js("i => kgraphView.nodePoint(i)", index)
        self.page.mouse.move(point["x"] + 30, point["y"] + 30)
        self.page.mouse.move(point["x"], point["y"], steps=2)
        self.page.wait_for_selector("#kg-tip:not([hidden])")
        return self.page.inner_text("#kg-tip")

    def hover_edge(self, index: int) -> str:
        self.page.mouse.move(1, 1)
        point = self.js("i => kgraphView.edgePoint(i)", index)
        self.page.mouse.move(point["x"], point["y"], steps=2)
        self.page.wait_for_selector("#kg-tip:not([hidden])")
        return self.page.inner_text("#kg-tip")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_page(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()


def test_seed_view(seed_dataset, opened, tmp_path):
    path = tmp_path / "graph.html"
    write_view(seed_dataset, path)
    graph = to_networkx(seed_dataset)
    entities = sum(1 for n, cls in graph.nodes(data="cls") if cls not in ("Claim", "Article") and graph.degree(n))
    view = opened(path)
    counts = view.js("[kgraphView.nodes, kgraphView.edges, kgraphView.network.body.data.nodes.length,"
                     " kgraphView.network.body.data.edges.length]")  # fmt: skip
    assert counts == [entities, graph.number_of_edges()] * 2
    root = view.page.locator("#kgraph")
    assert root.get_attribute("data-nodes") == str(entities)
    assert root.get_attribute("data-visible-edges") == str(graph.number_of_edges())
    assert view.errors() == []
    assert view.requests == [view.url], "nothing but the file itself is loaded"
    # the canvas really has a drawing on it
    painted = view.js("""() => { const c = document.querySelector('#kg-canvas canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
    assert painted > 2000

    data = view.js("kgraphView.data")
    poland = next(i for i, n in enumerate(data["nodes"]) if n["label"] == "Poland")
    tip = view.hover_node(poland)
    assert tip.startswith("Poland\n") and "Country" in tip
    edge = max(range(len(data["edges"])), key=lambda i: len(data["edges"][i]["evidence"]))
    tip = view.hover_edge(edge)
    first = data["edges"][edge]["evidence"][0]
    assert first["sentence"][:40] in tip and data["articles"][first["article"]]["title"] in tip
    assert first["modality"] in tip
    shot = tmp_path / "screenshot.png"  # with the tooltip open; KGRAPH_UPDATE_SCREENSHOT=1 refreshes the README's
    view.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("KGRAPH_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, SCREENSHOT)

    # search, pick the match, see it in the details panel
    view.page.fill("#kg-search", "pola")
    assert view.page.inner_text("#kg-search-status") == "1 match"
    view.page.click("#kg-matches button")
    assert view.page.inner_text("#kg-details h3") == "Poland"
    assert view.js("kgraphView.network.getSelectedNodes()") == [poland]

    # filters: a property, a class
    prop = data["edges"][edge]["property"]
    with_prop = sum(e["property"] == prop for e in data["edges"])
    view.page.uncheck(f'input[data-filter="property"][data-value="{prop}"]')
    assert view.js("kgraphView.visibleEdges()") == len(data["edges"]) - with_prop
    view.page.check(f'input[data-filter="property"][data-value="{prop}"]')
    view.page.uncheck('input[data-filter="class"][data-value="Country"]')
    countries = sum(n["cls"] == "Country" for n in data["nodes"])
    assert view.js("kgraphView.visibleNodes()") == len(data["nodes"]) - countries
    assert view.js("i => kgraphView.network.body.data.nodes.get(i).hidden", poland) is True
    assert view.errors() == []


def test_max_nodes_note_is_visible(seed_dataset, opened, tmp_path):
    path = tmp_path / "cut.html"
    stats = write_view(seed_dataset, path, max_nodes=5)
    view = opened(path)
    note = view.page.locator("#kg-note")
    assert note.is_visible()
    assert f"{stats.omitted} of {stats.nodes + stats.omitted} connected entities are left out" in note.inner_text()
    assert view.js("kgraphView.nodes") == stats.nodes <= 5
    assert view.errors() == []


HOSTILE_ONTOLOGY = """\
@prefix kg: <https://w3id.org/kgraph/ontology#> .
@prefix kge: <https://w3id.org/kgraph/entity/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
kge:Evilstan a kg:Country ; skos:altLabel "Evilstan"@en ;
    skos:prefLabel "<script>console.log('PWNED-label-script');window.__pwned='label-script'</script>Evilstan"@en .
kge:Badland a kg:Country ; skos:altLabel "Badland"@en ;
    skos:prefLabel "<img src=x onerror=\\"console.log('PWNED-label-img');window.__pwned='label-img'\\">Badland"@en .
kge:Jaxia a kg:Country ; skos:altLabel "Jaxia"@en ;
    skos:prefLabel "javascript:console.log('PWNED-label-js');window.__pwned='label-js'"@en .
"""
HOSTILE_ARTICLE = {
    "id": "hostile<script>1</script>",
    "title": "<script>console.log('PWNED-title');window.__pwned='title'</script>Border clash",
    "date": "2025-09-12",
    "url": "javascript:console.log('PWNED-url')",
    # several sentence shapes per payload, so that one extraction change cannot drop them all
    "text": "Evilstan attacked Badland <img src=x onerror=\"console.log('PWNED-sentence-img');"
    "window.__pwned='sentence-img'\"> on Monday. Evilstan invaded Badland on Friday "
    "<script>console.log('PWNED-sentence-script');window.__pwned='sentence-script'</script>. "
    "Jaxia threatened Badland, javascript:console.log('PWNED-sentence-js') officials said. "
    "Evilstan invaded Jaxia <script>console.log('PWNED-sentence-script2')</script> on Saturday. "
    "Jaxia attacked Evilstan <img src=x onerror=console.log('PWNED-sentence-img2')> on Sunday. "
    "Badland may sanction Jaxia.",
}


@pytest.fixture(scope="module")
def hostile_dataset(tmp_path_factory):
    """Built by the real pipeline: payloads in entity names (a user ontology), sentences and the article title."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.ttl").write_text(HOSTILE_ONTOLOGY, encoding="utf-8")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    ontology = load_ontology([folder / "hostile.ttl"])
    dataset, report = build([folder / "hostile.jsonl"], ontology=ontology)
    assert report.problems == []
    return dataset, ontology


def test_hostile_text_is_shown_never_run(hostile_dataset, opened, tmp_path):
    dataset, ontology = hostile_dataset
    page = render_html(dataset, modality="all", ontology=ontology)
    data = json.loads(re.search(r'id="kgraph-data">(.*?)</script>', page, re.S).group(1))
    # the payloads really reached the page's data, or this test would prove nothing
    labels = " ".join(n["label"] for n in data["nodes"])
    sentences = " ".join(ev["sentence"] for e in data["edges"] for ev in e["evidence"])
    for marker in ("PWNED-label-script", "PWNED-label-img", "PWNED-label-js"):
        assert marker in labels
    assert "<img src=x onerror=" in sentences and "<script>" in sentences and "javascript:" in sentences
    assert "PWNED-title" in data["articles"][0]["title"]

    # once with the CSP, once without it: escaping and textContent must hold on their own
    with_csp = tmp_path / "hostile.html"
    with_csp.write_text(page, encoding="utf-8")
    without_csp = tmp_path / "hostile-no-csp.html"
    without_csp.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page), encoding="utf-8")
    assert "Content-Security-Policy" not in without_csp.read_text(encoding="utf-8")
    for path in (with_csp, without_csp):
        view = opened(path)
        for i in range(len(data["nodes"])):
            view.hover_node(i)
        for i in range(len(data["edges"])):
            tip = view.hover_edge(i)
            assert data["edges"][i]["evidence"][0]["sentence"][:30] in tip  # shown as text, not parsed
            view.page.mouse.click(*view.js("i => [kgraphView.edgePoint(i).x, kgraphView.edgePoint(i).y]", i))
            assert not view.page.locator("#kg-details").is_hidden()
        for query in ("<script", "<img", "javascript:", "onerror"):
            view.page.fill("#kg-search", query)
            for button in view.page.locator("#kg-matches button").all():
                button.click()
        details = view.page.inner_text("#kg-details")
        assert "<" in details or "javascript:" in details
        assert view.js("typeof window.__pwned") == "undefined"
        assert not [text for _, text in view.console if "PWNED" in text]
        assert view.js("document.scripts.length") == 3
        loaders = (
            "document.images.length + document.links.length + document.querySelectorAll('iframe,object,embed').length"
        )
        assert view.js(loaders) == 0
        handlers = view.js("""() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => a.name.startsWith('on') || /javascript:/i.test(a.value)).map(a => a.name))""")
        assert handlers == []
        if path == with_csp:
            assert view.errors() == [], "no CSP violation: nothing even tried to run"
        assert view.requests == [view.url]


def test_five_thousand_nodes_open_and_stay_interactive(make_synthetic_results, opened, tmp_path):
    results = make_synthetic_results(5000, 10000)
    dataset = build_dataset(results)
    asserted = {(c.subject, c.property, c.object) for r in results for c in r.claims if c.modality.value == "asserted"}
    entities = {x for s, _, o in asserted for x in (s, o)}
    path = tmp_path / "big.html"
    stats = write_view(dataset, path, max_nodes=5000)
    assert (stats.nodes, stats.edges, stats.omitted) == (len(entities), len(asserted), 0) == (5000, len(asserted), 0)
    view = opened(path)
    assert view.js("[kgraphView.nodes, kgraphView.edges]") == [5000, len(asserted)]
    assert view.js("kgraphView.network.physics.physicsEnabled") is False
    # zoom and pan with the mouse, then hover, search, filter: each answers
    view.page.mouse.move(800, 400)
    view.page.mouse.wheel(0, -600)
    view.page.mouse.down()
    view.page.mouse.move(700, 350, steps=5)
    view.page.mouse.up()
    view.js("i => kgraphView.network.focus(i, {scale: 1.5, animation: false})", 1234)
    tip = view.hover_node(1234)
    label = view.js("i => kgraphView.data.nodes[i].label", 1234)
    assert tip.startswith(label + "\n")
    view.page.fill("#kg-search", "person 12")
    assert view.js("() => document.querySelectorAll('#kg-matches button').length") > 0
    view.page.uncheck('input[data-filter="class"][data-value="Person"]')
    persons = view.js("kgraphView.data.nodes.filter(n => n.cls === 'Person').length")
    assert view.js("kgraphView.visibleNodes()") == 5000 - persons
    assert view.errors() == []
    assert view.requests == [view.url]


def test_modality_filter_in_the_page(make_synthetic_results, opened, tmp_path):
    path = tmp_path / "modality.html"
    write_view(build_dataset(make_synthetic_results(60, 240, per_article=10)), path, modality="all")
    view = opened(path)
    edges = view.js("kgraphView.data.edges")
    hedged = sum("hedged" in e["modality"] for e in edges)
    only_asserted = sum(e["modality"] == ["asserted"] for e in edges)
    assert 0 < hedged < len(edges) and only_asserted
    view.page.uncheck('input[data-filter="modality"][data-value="asserted"]')
    assert view.js("kgraphView.visibleEdges()") == len(edges) - only_asserted
    dashed = view.js("kgraphView.network.body.data.edges.get().filter(e => e.dashes).length")
    assert dashed == sum("asserted" not in e["modality"] for e in edges)
    assert view.errors() == []
