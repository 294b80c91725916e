"""The extractor seam: a second extractor gets the shared filters (domain/range, modality, confidence and
provenance) for free; rule names are declared, never guessed."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from types import MappingProxyType

import pytest
from spacy.tokens import Span

from kgraph.errors import ExtractorError
from kgraph.extract import claims_of, extract
from kgraph.extract.candidate import Candidate
from kgraph.extract.grammar import entity_ref
from kgraph.extract.registry import base_confidence, extractors, register, unregister
from kgraph.link import LinkedDoc, link_doc
from kgraph.types import Article


class NeighbourPairs:
    """A toy extractor: any two adjacent linked names are said to meet (rule ``toy-adjacent``)."""

    name = "toy"
    rules = MappingProxyType({"toy-adjacent": 0.5})

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        refs = [r for t in sent if (r := entity_ref(linked, t)) is not None]
        for first, second in itertools.pairwise(refs):
            yield Candidate(first, "meetsWith", second, first.token, "toy-adjacent", 1.0)


@pytest.fixture(autouse=True)
def _own_extractors_removed():
    yield
    for name in ("toy", "undeclared", "thief"):
        unregister(name)


class Undeclared(NeighbourPairs):
    name = "undeclared"
    rules = MappingProxyType({"toy-declared": 0.5})


def test_built_in_extractors_are_registered_with_their_rules():
    assert [e.name for e in extractors()][:4] == ["rules", "organs", "events", "members"]
    assert base_confidence("svo") == 0.85
    assert base_confidence("organ-name") == 0.9


def test_an_unknown_rule_is_an_error_not_a_default_confidence():
    with pytest.raises(ExtractorError, match="'no-such-rule' was not declared"):
        base_confidence("no-such-rule")


def test_a_rule_belongs_to_one_extractor():
    class Thief(NeighbourPairs):
        name = "thief"
        rules = MappingProxyType({"svo": 0.9})

    with pytest.raises(ExtractorError, match="already belongs to 'rules'"):
        register(Thief())
    with pytest.raises(ExtractorError, match="not an extractor"):
        register(object())  # type: ignore[arg-type]


def test_a_second_extractor_gets_domain_range_modality_and_confidence(nlp, ontology):
    register(NeighbourPairs())
    text = "Officials said Poland and Lithuania talked. The Baltic Sea and Poland."
    article = Article(id="t", title="", text=text)
    linked = link_doc(nlp(text), article, ontology)
    claims = list(claims_of(linked, using=extractors(("toy",))))
    got = {(linked.entities[c.subject].label, c.property, linked.entities[c.object].label, c.modality.value)
           for c in claims}  # fmt: skip
    # the Location-Country pair is filtered by meetsWith's domain; the report frame makes the first reported
    assert got == {("Poland", "meetsWith", "Lithuania", "reported")}
    (claim,) = claims
    assert claim.rule == "toy-adjacent" and claim.confidence == 0.5 and claim.article_id == "t"


def test_a_claim_under_an_undeclared_rule_fails_loudly(nlp, ontology):
    class Liar(Undeclared):
        def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
            for cand in super().candidates(linked, sent):
                yield Candidate(cand.subject, cand.prop, cand.object, cand.trigger, "toy-undeclared", 1.0)

    register(Liar())
    text = "Poland and Lithuania talked."
    linked = link_doc(nlp(text), Article(id="t", title="", text=text), ontology)
    with pytest.raises(ExtractorError, match="toy-undeclared"):
        list(claims_of(linked, using=extractors(("undeclared",))))


def test_the_default_run_uses_the_built_in_extractors(nlp, ontology):
    (result,) = extract([Article(id="t", title="", text="The Latvian Navy shadowed the tanker.")], nlp, ontology)
    assert {c.rule for c in result.claims} == {"organ-name"}
