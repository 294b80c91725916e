"""What each saved query answers on the hand-written corpus (tests/conftest.py: corpus_results), checked against
the same answer computed in Python from the corpus records."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from kgraph.iri import article_iri
from kgraph.query import run_query, saved_queries
from kgraph.types import Modality
from kgraph.vocab import KG, KGE

ATTACKS = {"attacks", "invades", "occupies", "intrudesInto"}


@pytest.fixture(scope="module")
def corpus(corpus_results):
    """Claims with their article, and entity labels, from the records the corpus graph was built from."""
    labels = {e.iri: e.label for r in corpus_results for e in r.entities}
    claims = [(c, r.article) for r in corpus_results for c in r.claims]
    return labels, claims


def answer(dataset, name: str, bindings: dict | None = None, modality=None) -> list[dict[str, str | None]]:
    """The saved query's rows (its default modalities unless ``modality`` names others)."""
    query = saved_queries()[name]
    result = run_query(
        dataset, query.text if bindings and "modality" in bindings else query.text_for(modality), bindings
    )
    names = [str(v) for v in result.vars or []]
    return [{n: (str(row[i]) if row[i] is not None else None) for i, n in enumerate(names)} for row in result]  # type: ignore[index]


def test_who_attacked_whom_in_every_modality_labelled(corpus_dataset, corpus):
    labels, claims = corpus
    articles = defaultdict(set)
    for c, a in claims:
        if c.property in ATTACKS:
            articles[(labels[c.subject], c.property, labels[c.object], c.modality.value)].add(a.id)
    rows = answer(corpus_dataset, "who-attacked-whom")
    got = {
        (r["attackerLabel"], r["relation"], r["targetLabel"], r["modality"].rsplit("#")[-1].lower()): int(r["articles"])
        for r in rows
    }
    assert got == {k: len(v) for k, v in articles.items()}
    assert {k[3] for k in got} == {"asserted", "negated", "reported"}
    assert [int(r["articles"]) for r in rows] == sorted((int(r["articles"]) for r in rows), reverse=True)
    bound = answer(corpus_dataset, "who-attacked-whom", {"target": KGE.Poland})
    assert bound and {r["targetLabel"] for r in bound} == {"Poland"}
    reported = answer(corpus_dataset, "who-attacked-whom", modality=["reported"])
    assert [(r["attackerLabel"], r["relation"], r["targetLabel"], r["articles"]) for r in reported] == [
        ("Russia", "intrudesInto", "Estonia", "1")
    ]
    affirmed = answer(corpus_dataset, "who-attacked-whom", modality=["asserted", "reported"])
    assert {r["modality"] for r in affirmed} == {str(KG.Asserted), str(KG.Reported)}


def test_incursions_is_a_dated_timeline_of_every_modality(corpus_dataset, corpus):
    labels, claims = corpus
    expected = {
        (c.date or a.date, labels[c.subject], labels[c.object], c.modality.value, a.title, c.sentence)
        for c, a in claims
        if c.property == "intrudesInto"
    }
    rows = answer(corpus_dataset, "incursions")
    got = {
        (r["date"], r["actorLabel"], r["targetLabel"], r["modality"].rsplit("#")[-1].lower(), r["title"], r["evidence"])
        for r in rows
    }
    assert got == expected
    assert len({x[3] for x in expected}) > 1  # several modalities shown
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)  # as text: "2025-09" before "2025-09-10"
    negated = answer(corpus_dataset, "incursions", {"modality": KG.Negated})
    assert negated and all(r["modality"] == str(KG.Negated) for r in negated)


def test_membership_and_alliances(corpus_dataset, corpus):
    labels, claims = corpus
    members = defaultdict(lambda: defaultdict(set))  # org -> member -> articles
    ties = defaultdict(set)
    for c, a in claims:
        if c.modality is not Modality.ASSERTED:
            continue
        if c.property == "memberOf":
            members[c.object][c.subject].add(a.id)
        if c.property in ("memberOf", "cooperatesWith", "supports", "suppliesTo", "meetsWith"):
            ties[(labels[c.subject], c.property, labels[c.object], None)].add(a.id)
    for org, by_member in members.items():
        for m in by_member:
            for p in by_member:
                if m < p:
                    ties[(labels[m], "fellowMember", labels[p], labels[org])] |= by_member[m] | by_member[p]
    rows = answer(corpus_dataset, "membership")
    got = {(r["memberLabel"], r["relation"], r["partnerLabel"], r["viaLabel"]): int(r["articles"]) for r in rows}
    assert got == {k: len(v) for k, v in ties.items()}
    assert any(k[1] == "fellowMember" and n == 2 for k, n in got.items())  # two articles, one per membership


def test_claims_by_source(corpus_dataset, corpus):
    labels, claims = corpus
    expected = {(labels.get(c.source, c.source), c.modality.value, c.property, c.cue, c.sentence)
                for c, _ in claims if c.source}  # fmt: skip
    rows = answer(corpus_dataset, "claims-by-source")
    got = {
        (r["sourceLabel"], r["modality"].rsplit("#")[-1].lower(), r["relation"], r["cue"], r["evidence"]) for r in rows
    }
    assert got == expected and any(s == "NATO" for s, *_ in got) and any(s == "officials" for s, *_ in got)
    by_nato = answer(corpus_dataset, "claims-by-source", {"source": KGE.NATO})
    assert {r["sourceLabel"] for r in by_nato} == {"NATO"}


def test_contradictions_are_across_articles_only(corpus_dataset, corpus):
    labels, claims = corpus
    expected = {
        (labels[y.subject], y.property, labels[y.object], ya.title, na.title, y.sentence, n.sentence)
        for y, ya in claims
        for n, na in claims
        if y.modality is Modality.ASSERTED
        and n.modality is Modality.NEGATED
        and (y.subject, y.property, y.object) == (n.subject, n.property, n.object)
        and ya.id != na.id
    }
    rows = answer(corpus_dataset, "contradictions")
    got = {(r["subjectLabel"], r["relation"], r["objectLabel"], r["assertedIn"], r["negatedIn"],
            r["assertedEvidence"], r["negatedEvidence"]) for r in rows}  # fmt: skip
    assert got == expected and len(got) >= 2
    # the corpus also asserts and negates the same fact within one article: not a contradiction between reports
    assert all(r["assertedIn"] != r["negatedIn"] for r in rows)


@pytest.mark.parametrize("modality", [None, ["asserted"], ["all"]])
def test_most_corroborated_counts_articles_publishers_and_reporters(corpus_dataset, corpus, modality):
    labels, claims = corpus
    chosen = (
        {"asserted", "reported"}
        if modality is None
        else {m.value for m in Modality}
        if modality == ["all"]
        else set(modality)
    )
    support = defaultdict(lambda: (set(), set(), set(), 0))
    for c, a in claims:
        if c.modality.value in chosen:
            key = (labels[c.subject], c.property, labels[c.object])
            articles, sources, reporters, n = support[key]
            host = urlsplit(a.url).hostname.removeprefix("www.") if a.url else str(article_iri(a.id))
            said = {c.source} if c.source else set()
            support[key] = (articles | {a.id}, sources | {host}, reporters | said, n + 1)
    rows = answer(corpus_dataset, "most-corroborated", modality=modality)
    counts = ("articles", "sources", "reporters", "claims")
    got = {(r["subjectLabel"], r["relation"], r["objectLabel"]): tuple(int(r[k]) for k in counts) for r in rows}
    assert got == {k: (len(a), len(s), len(r), n) for k, (a, s, r, n) in support.items()}
    top = rows[0]
    assert (int(top["articles"]), int(top["sources"])) == max((len(a), len(s)) for a, s, _, _ in support.values())
    assert any(a > s for a, s, _, _ in got.values())  # two articles from one publisher count as one source
    if modality is None:  # the reported incursion into Estonia is corroborated by its reporter, NATO
        assert got[("Russia", "intrudesInto", "Estonia")] == (1, 1, 1, 1)


def test_claims_lists_every_claim_that_is_not_asserted(corpus_dataset, corpus):
    labels, claims = corpus
    expected = {(c.modality.value, labels[c.subject], c.property, labels[c.object], c.cue, c.sentence)
                for c, _ in claims if c.modality is not Modality.ASSERTED}  # fmt: skip
    rows = answer(corpus_dataset, "claims")
    got = {(r["modality"].rsplit("#")[-1].lower(), r["subjectLabel"], r["relation"], r["objectLabel"], r["cue"],
            r["evidence"]) for r in rows}  # fmt: skip
    assert got == expected
    assert {m for m, *_ in got} == {"negated", "hedged", "reported"}


def test_entities_counts_claims_and_articles(corpus_dataset, corpus):
    labels, claims = corpus
    expected = defaultdict(lambda: (set(), set()))
    for c, a in claims:
        for iri in (c.subject, c.object):
            expected[labels[iri]][0].add((a.id, c.start))
            expected[labels[iri]][1].add(a.id)
    rows = answer(corpus_dataset, "entities")
    assert {r["label"]: (int(r["claims"]), int(r["articles"])) for r in rows} == {
        k: (len(c), len(a)) for k, (c, a) in expected.items()
    }
    countries = answer(corpus_dataset, "entities", {"class": KG.Country})
    assert countries and {r["type"] for r in countries} == {"Country"}
