from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kgraph.iri import article_iri, claim_iri, entity_iri, slug


def test_same_input_same_iri():
    assert entity_iri("Jamie Shea", "Person") == entity_iri("Jamie Shea", "Person")
    assert entity_iri("Jamie Shea", "Person") != entity_iri("Jamie Shea", "Organization")


def test_readable_slugs():
    assert slug("Jamie Shea") == "JamieShea"
    assert slug("Radosław Sikorski").startswith("RadoslawSikorski_")


@given(st.text(), st.sampled_from(["Person", "Organization", "Country"]))
def test_any_text_gives_a_valid_iri(text, cls):
    iri = entity_iri(text, cls)
    graph = Graph()
    graph.add((iri, URIRef("urn:p"), Literal(text)))
    data = graph.serialize(format="nt")
    assert Graph().parse(data=data, format="nt").isomorphic(graph)


@given(st.text(min_size=1), st.text(min_size=1))
def test_distinct_names_do_not_collide(a, b):
    if a != b and slug(a) == slug(b):
        # only ASCII spellings that differ in punctuation or spacing may share a slug
        assert a.isascii() and b.isascii()


@given(st.text())
def test_article_and_claim_iris_are_valid(text):
    for iri in (article_iri(text), claim_iri(text, "s", "p", "o", 0, 1)):
        assert Graph().parse(data=f"<{iri}> <urn:p> <urn:o> .", format="nt")
