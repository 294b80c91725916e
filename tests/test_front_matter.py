""".txt/.md articles with YAML front matter: the JSONL fields but text (id, title, date, url) reach the graph,
the block is not part of the text (spans index into the body), and a bad block skips that article alone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import DCTERMS, XSD, Dataset, Literal, URIRef

from kgraph.cli import main
from kgraph.iri import article_iri
from kgraph.vocab import KG

BODY = "Russian drones entered Polish airspace on Wednesday, and Poland condemned Russia.\n"
FRONT = "---\ntitle: Drones over Poland\ndate: 2025-09-10\nurl: https://apnews.com/article/drones\nid: ap-drones\n---\n"


def _build(tmp_path, *paths):
    out = tmp_path / "g.trig"
    result = CliRunner().invoke(main, ["build", *map(str, paths), "-o", str(out), "-q"])
    return result, out


def _graph(out):
    dataset = Dataset(default_union=True)
    dataset.parse(out, format="trig")
    return dataset


def test_front_matter_gives_id_title_date_and_url(tmp_path):
    path = tmp_path / "drones.md"
    path.write_text(FRONT + BODY, encoding="utf-8")
    result, out = _build(tmp_path, path)
    assert result.exit_code == 0, result.output
    dataset = _graph(out)
    article = article_iri("ap-drones")
    assert set(dataset.objects(article, DCTERMS.title)) == {Literal("Drones over Poland")}
    assert set(dataset.objects(article, DCTERMS.date)) == {Literal("2025-09-10", datatype=XSD.date)}
    assert set(dataset.objects(article, DCTERMS.source)) == {URIRef("https://apnews.com/article/drones")}
    # every mention's span indexes into the body as stored (the headline's into the title): the front matter
    # is not part of the text
    spans = [
        (
            str(dataset.value(m, KG.anchorOf)),
            "Drones over Poland" if dataset.value(m, KG.inTitle) else BODY,
            int(dataset.value(m, KG.charStart)),
            int(dataset.value(m, KG.charEnd)),
        )
        for m in dataset.subjects(KG.linkedBy, None)
    ]
    assert all(text[start:end] == anchor for anchor, text, start, end in spans)
    in_body = {anchor for anchor, text, _, _ in spans if text == BODY}
    assert in_body == {"Russian", "drones", "Polish", "Poland", "Russia"}


def test_without_a_title_the_first_line_is_the_title_and_the_id_the_file_stem(tmp_path):
    path = tmp_path / "strike.txt"
    path.write_text("---\ndate: 2025-09-12T08:30:00Z\n---\n# Strike on Kyiv\nRussia attacked Ukraine.\n")
    result, out = _build(tmp_path, path)
    assert result.exit_code == 0, result.output
    article, dataset = article_iri("strike"), _graph(out)
    assert set(dataset.objects(article, DCTERMS.title)) == {Literal("Strike on Kyiv")}
    assert set(dataset.objects(article, DCTERMS.date)) == {Literal("2025-09-12", datatype=XSD.date)}
    assert set(dataset.objects(article, DCTERMS.source)) == set()


# (front matter, what the one-line warning says)
BAD = [
    ("---\ntitle: [Drones\n---\n", "bad YAML front matter at line 3 (expected ',' or ']', but got '<stream end>')"),
    ("---\ndate: last week\n---\n", "date 'last week' is not an ISO date (YYYY-MM-DD)"),
    ("---\ndate: 2025-13-45\n---\n", "bad YAML front matter (month must be in 1..12)"),
    ("---\n- a list\n---\n", "front matter holds 'key: value' lines (id, title, date, url)"),
    ("---\ntitle: Drones\n", "the front matter opened by '---' on line 1 is never closed by a '---' line"),
    ("---\nurl: https://exa mple.org/a\n---\n", "url 'https://exa mple.org/a' holds a space, a control character"),
]


@pytest.mark.parametrize(("front", "message"), BAD, ids=[m[:24] for _, m in BAD])
def test_a_bad_front_matter_skips_that_article_with_one_line(tmp_path, front, message):
    bad, good = tmp_path / "bad.md", tmp_path / "good.txt"
    bad.write_text(front + BODY, encoding="utf-8")
    good.write_text(FRONT.replace("ap-drones", "good") + BODY, encoding="utf-8")
    result, out = _build(tmp_path, bad, good)
    assert result.exit_code == 1, result.output  # some articles were skipped, the others written
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Warning: skipped {bad}: {message}")
    dataset = _graph(out)
    assert set(dataset.subjects(DCTERMS.identifier, None)) == {article_iri("good")}
