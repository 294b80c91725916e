"""The spine's acceptance list: claims the seed article must yield, and one it must not."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kgraph.query import run_query
from kgraph.vocab import KG, KGE

CANON = """
SELECT ?c WHERE {
  ?s skos:prefLabel ?sl . ?o skos:prefLabel ?ol .
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality kg:Asserted .
}
"""

REQUIRED = [
    ("Vladimir Putin", ("leaderOf",), "Russia"),
    ("Donald Tusk", ("leaderOf",), "Poland"),
    ("Donald Trump", ("leaderOf",), "United States"),
    ("Russia", ("intrudesInto",), "Poland"),
    ("Russia", ("attacks", "invades"), "Ukraine"),
    ("NATO", ("deploys",), "F-35"),
    ("NATO", ("intercepts",), "drone"),
    ("France", ("suppliesTo",), "Poland"),
    ("Netherlands", ("suppliesTo",), "Poland"),
    ("United Kingdom", ("suppliesTo",), "Poland"),
    ("Oana Lungescu", ("affiliatedWith",), "RUSI"),
    ("Jamie Shea", ("affiliatedWith",), "Chatham House"),
    ("Russia", ("participatesIn",), "Zapad 2025"),
    ("Belarus", ("participatesIn",), "Zapad 2025"),
]


@pytest.mark.parametrize(("subject", "props", "obj"), REQUIRED, ids=lambda v: str(v))
def test_seed_asserted_claim(seed_dataset, subject, props, obj):
    found = []
    for prop in props:
        rows = run_query(
            seed_dataset,
            CANON,
            {"sl": Literal(subject, lang="en"), "ol": Literal(obj, lang="en"), "p": URIRef(str(KG._NS) + prop)},
        )
        found += list(rows)
    assert found, f"no asserted claim {subject} {props} {obj}"


@pytest.mark.parametrize(("subject", "props", "obj"), REQUIRED, ids=lambda v: str(v))
def test_asserted_claims_are_plain_triples(seed_dataset, subject, props, obj):
    """Asserted claims also appear as plain triples that a plain SPARQL query sees."""
    query = "ASK { ?s skos:prefLabel ?sl ; ?p ?o . ?o skos:prefLabel ?ol }"
    assert any(
        run_query(
            seed_dataset,
            query,
            {"sl": Literal(subject, lang="en"), "ol": Literal(obj, lang="en"), "p": URIRef(str(KG._NS) + p)},
        ).askAnswer
        for p in props
    )


def test_no_asserted_article_5_invocation(seed_results):
    """ "NATO is unlikely to invoke Article 5" must not become an asserted fact."""
    for result in seed_results:
        for claim in result.claims:
            if "Article 5" in claim.sentence and claim.subject == str(KGE.NATO):
                assert claim.modality.value != "asserted", claim


def test_every_claim_points_into_its_article(seed_results):
    for result in seed_results:
        text = result.article.text
        for claim in result.claims:
            assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert 0.0 <= claim.confidence <= 1.0
            assert claim.rule and claim.reason


def test_claim_nodes_carry_provenance(seed_dataset):
    rows = list(
        run_query(
            seed_dataset,
            """SELECT ?c ?article ?title WHERE {
                 ?c a kg:Claim ; prov:wasDerivedFrom ?article ; kg:evidence ?e ; kg:charStart ?s ; kg:charEnd ?end ;
                    kg:rule ?r ; kg:confidence ?conf ; kg:modality ?m .
                 ?article a kg:Article ; dcterms:title ?title }""",
        )
    )
    assert rows
    assert {str(r.title) for r in rows} == {"NATO Faces Security Challenges as Russian Drone Incursions Escalate"}


def test_one_named_graph_per_article(seed_dataset):
    names = {str(g.identifier) for g in seed_dataset.graphs() if len(g)}
    assert "https://w3id.org/kgraph/graph/nato-russia-drone-incursions" in names


def test_known_entities_carry_wikidata_same_as(seed_dataset):
    from rdflib import OWL

    assert (KGE.Russia, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q159")) in seed_dataset
