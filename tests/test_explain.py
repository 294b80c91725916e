"""`kgraph explain`: one sentence's parse, links, triggers, rule firings and claims, on the real model."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.explain import LinkRow, RuleRow, TokenRow, explain, explain_text, find_article
from kgraph.types import Article
from kgraph.vocab import KGE

RUSSIA, UKRAINE, NATO, LITHUANIA = (str(KGE[n]) for n in ("Russia", "Ukraine", "NATO", "Lithuania"))
DOMAIN_RANGE = "filtered: participatesIn does not admit Country -> InternationalOrganization (domain/range)"


def name(iri):
    return iri.rsplit("/", 1)[-1]


def outcomes(report):
    return [(r.rule, name(r.subject), r.property, name(r.object), r.outcome) for r in report.rules]


def test_svo_sentence_everything(nlp, ontology):
    report = explain_text("Russia attacked Ukraine.", nlp, ontology)
    assert (report.article_id, report.number, report.of, report.sentence) == (
        "explain",
        1,
        1,
        "Russia attacked Ukraine.",
    )
    assert report.tokens == (
        TokenRow(0, "Russia", "Russia", "PROPN", "nsubj", 1),
        TokenRow(1, "attacked", "attack", "VERB", "ROOT", 1),
        TokenRow(2, "Ukraine", "Ukraine", "PROPN", "dobj", 1),
        TokenRow(3, ".", ".", "PUNCT", "punct", 1),
    )
    assert report.links == (
        LinkRow("Russia", RUSSIA, "Country", "alias"),
        LinkRow("Ukraine", UKRAINE, "Country", "alias"),
    )
    assert [(t.token, t.property, t.phrase) for t in report.triggers] == [
        ("attacked", "attacks", "attack"),
        ("attacked", "attacks", "attack against"),
        ("attacked", "attacks", "attack on"),
    ]
    assert report.rules == (
        RuleRow(
            "svo", RUSSIA, "alias", "attacks", UKRAINE, "alias", "attacked", "kept",
            modality="asserted", cue=None, source=None, confidence=0.85,
            reason="rule=svo subject=alias object=alias modality=asserted",
        ),
    )  # fmt: skip
    assert report.kept == report.rules
    text = report.format()
    assert text.splitlines()[0] == "sentence 1 of 1 (article explain): Russia attacked Ukraine."
    assert "  svo   kge:Russia (alias)  attacks   kge:Ukraine (alias)  attacked  kept" in text.splitlines()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "join" triggers both participatesIn and memberOf; a country joins an organisation as a member
        (
            "Lithuania joined NATO in 2004.",
            [
                ("svo", "Lithuania", "participatesIn", "NATO", DOMAIN_RANGE),
                ("svo", "Lithuania", "memberOf", "NATO", "kept"),
            ],
        ),
        # the sub-property claim (suppliesTo) says more than the super-property one (supports) for the same pair
        (
            "Germany sent equipment to strengthen Poland's borders.",
            [
                ("purpose-recipient", "Germany", "suppliesTo", "Poland", "kept"),
                ("svo", "Germany", "supports", "Poland", "filtered: a sub-property claim says more"),
            ],
        ),
        (
            "Russia attacked Ukraine and attacked Ukraine again.",
            [
                ("svo", "Russia", "attacks", "Ukraine", "filtered: duplicate of a claim already given"),
                ("svo", "Russia", "attacks", "Ukraine", "kept"),
            ],
        ),
    ],
)
def test_rule_fates(nlp, ontology, sentence, expected):
    assert outcomes(explain_text(sentence, nlp, ontology)) == expected


def test_metonym_coref_and_hedged_claim(nlp, ontology):
    report = explain_text("Moscow said it would strike Kyiv.", nlp, ontology)
    assert [(lk.text, name(lk.entity), lk.how) for lk in report.links] == [
        ("Moscow", "Russia", "metonym"),
        ("it", "Russia", "coref"),
        ("Kyiv", "Kyiv", "alias"),
    ]
    (claim,) = report.kept
    assert (claim.rule, claim.subject_how, claim.modality, claim.cue, claim.source, claim.confidence) == (
        "svo", "coref", "hedged", "would", RUSSIA, 0.637,
    )  # fmt: skip


def test_article_sentences_title_first(nlp, ontology):
    text = "Russian drones crossed into Poland. Lithuania joined NATO in 2004."
    article = Article(id="a1", title="Drones over Poland", text=text)
    assert [explain(article, nlp, ontology, n).sentence for n in (1, 2, 3)] == [
        "Drones over Poland",
        "Russian drones crossed into Poland.",
        "Lithuania joined NATO in 2004.",
    ]
    assert outcomes(explain(article, nlp, ontology, 3)) == [
        ("svo", "Lithuania", "participatesIn", "NATO", DOMAIN_RANGE),
        ("svo", "Lithuania", "memberOf", "NATO", "kept"),
    ]
    with pytest.raises(InputError, match=r"^sentence 4 is out of range: article 'a1' has 3 sentences$"):
        explain(article, nlp, ontology, 4)
    with pytest.raises(InputError, match=r"^no article with id 'a2' in the input \(its ids: a1\)$"):
        find_article([article], "a2")


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "drones.txt"
    text = "Drones over Poland\nRussian drones crossed into Poland. Lithuania joined NATO in 2004.\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_json(article_file):
    result = CliRunner().invoke(
        main, ["explain", "--article", "drones", "--sentence", "2", str(article_file), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["article_id"], report["number"], report["of"]) == ("drones", 2, 3)
    assert [(r["rule"], r["property"], r["outcome"], r["modality"]) for r in report["rules"]] == [
        ("verb-prep", "intrudesInto", "kept", "asserted")
    ]


USAGE = "Error: give one SENTENCE in quotes, or --article ID and the PATHs to read it from"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], USAGE),
        (["Russia attacked", "Ukraine"], USAGE),
        (
            ["--article", "nope", "{file}"],
            "Error: no article with id 'nope' in the input (its ids: drones)",
        ),
        (
            ["--article", "drones", "--sentence", "4", "{file}"],
            "Error: sentence 4 is out of range: article 'drones' has 3 sentences",
        ),
        (
            ["Russia attacked Ukraine.", "--sentence", "0"],
            "Error: sentence 0 is out of range: article 'explain' has 1 sentence",
        ),
    ],
)
def test_cli_bad_input(article_file, args, message):
    result = CliRunner().invoke(main, ["explain", *(a.format(file=article_file) for a in args)])
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")
