"""The gold-set scorer on hand-built records, and the consistency of the gold files themselves."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import InputError
from kgraph.evaluate import (
    ENTITY_CLASSES,
    GoldClaim,
    GoldDoc,
    GoldEntity,
    default_family,
    gold_properties,
    load_gold,
    normalize_name,
    score,
)
from kgraph.types import Article, ArticleResult, Claim, Entity, Modality

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "nato-russia-drone-incursions.txt"
KGE = "https://w3id.org/kgraph/entity/"

A, N, H, R = Modality.ASSERTED, Modality.NEGATED, Modality.HEDGED, Modality.REPORTED


# ----------------------------------------------------------------------------------------------------------------
# builders


def iri(label: str) -> str:
    return KGE + label.replace(" ", "_")


def ent(label: str, cls: str = "Country") -> Entity:
    return Entity(iri=iri(label), label=label, cls=cls)


def pclaim(
    subj: str, prop: str, obj: str, modality: Modality = A, *, doc: str = "d1", source: str | None = None
) -> Claim:
    sentence = f"{subj} {prop} {obj}."
    return Claim(
        subject=iri(subj),
        property=prop,
        object=iri(obj),
        article_id=doc,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        start=0,
        end=len(sentence),
        rule="test",
        confidence=1.0,
        modality=modality,
        source=source,
    )


def gclaim(subj: str, prop: str, obj: str, modality: Modality = A, source: str | None = None) -> GoldClaim:
    return GoldClaim(subj, prop, obj, modality, source, f"{subj} {prop} {obj}.")


def gdoc(claims: list[GoldClaim], entities: list[GoldEntity] | None = None, doc_id: str = "d1") -> GoldDoc:
    if entities is None:
        names = dict.fromkeys(n for c in claims for n in (c.subject, c.object))
        entities = [GoldEntity(n, "Country", (n,)) for n in names]
    return GoldDoc(id=doc_id, title="t", text="text", entities=tuple(entities), claims=tuple(claims))


def result(claims: list[Claim], entities: list[Entity] | None = None, doc_id: str = "d1") -> ArticleResult:
    if entities is None:
        labels = dict.fromkeys(
            lbl.replace("_", " ") for c in claims for lbl in (c.subject.removeprefix(KGE), c.object.removeprefix(KGE))
        )
        entities = [ent(lbl) for lbl in labels]
    return ArticleResult(Article(id=doc_id, title="t", text="text"), tuple(entities), (), tuple(claims))


# ----------------------------------------------------------------------------------------------------------------
# scorer


def test_perfect_prediction_scores_one() -> None:
    gold = [gdoc([gclaim("Russia", "attacks", "Ukraine"), gclaim("Poland", "memberOf", "NATO")])]
    pred = [result([pclaim("Russia", "attacks", "Ukraine"), pclaim("Poland", "memberOf", "NATO")])]
    report = score(gold, pred, default_family)
    for mode in ("strict", "family", "pair"):
        prf = report.claims[mode]
        assert (prf.tp, prf.fp, prf.fn) == (2, 0, 0)
        assert prf.precision == prf.recall == prf.f1 == 1.0
    assert report.entities.f1 == 1.0
    assert report.modality_accuracy.value == 1.0
    assert all(d.empty for d in report.docs)


def test_exact_precision_recall_f1() -> None:
    gold = [
        gdoc(
            [
                gclaim("Russia", "attacks", "Ukraine"),
                gclaim("Russia", "intrudesInto", "Poland"),
                gclaim("France", "suppliesTo", "Ukraine"),
                gclaim("Poland", "borders", "Belarus"),
            ]
        )
    ]
    pred = [
        result(
            [
                pclaim("Russia", "attacks", "Ukraine"),
                pclaim("Russia", "intrudesInto", "Poland"),
                pclaim("Belarus", "attacks", "Poland"),
            ]
        )
    ]
    prf = score(gold, pred, default_family).claims["strict"]
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 2)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(1 / 2)
    assert prf.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_empty_denominators_give_zero_not_an_error() -> None:
    report = score([gdoc([])], [result([])], default_family)
    prf = report.claims["strict"]
    assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)
    assert report.modality_accuracy.value is None


def test_entities_match_name_or_mention_with_same_class() -> None:
    gold_entities = [
        GoldEntity("Russia", "Country", ("Russian", "Moscow", "the Kremlin")),
        GoldEntity("NATO", "InternationalOrganization", ("NATO", "the alliance")),
        GoldEntity("Washington", "Location", ("Washington",)),
        GoldEntity("Donald Tusk", "Person", ("Donald Tusk", "Tusk")),
    ]
    predicted = [
        Entity(iri(x), x, cls)
        for x, cls in [
            ("the Kremlin", "Country"),  # a mention of Russia: match
            ("RUSSIA", "Country"),  # a second entity for Russia: Russia is already matched, so a false positive
            ("NATO", "InternationalOrganization"),  # match
            ("Washington", "Country"),  # right name, wrong class
            ("Tusk", "Person"),  # surname mention: match
        ]
    ]
    report = score([gdoc([], gold_entities)], [result([], predicted)], default_family)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (3, 2, 1)
    errors = report.docs[0]
    assert set(errors.entity_fp) == {"RUSSIA (Country)", "Washington (Country)"} or set(errors.entity_fp) == {
        "the Kremlin (Country)",
        "Washington (Country)",
    }
    assert errors.entity_fn == ("Washington (Location)",)


def test_entities_are_deduplicated_by_iri() -> None:
    gold_entities = [GoldEntity("Russia", "Country", ("Russia",))]
    predicted = [ent("Russia"), ent("Russia")]
    report = score([gdoc([], gold_entities)], [result([], predicted)], default_family)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (1, 0, 0)


def test_family_mode_matches_within_a_property_family_only() -> None:
    gold = [gdoc([gclaim("Russia", "invades", "Ukraine"), gclaim("France", "suppliesTo", "Ukraine")])]
    pred = [result([pclaim("Russia", "attacks", "Ukraine"), pclaim("France", "attacks", "Ukraine")])]
    report = score(gold, pred, default_family)
    strict, family, pair = (report.claims[m] for m in ("strict", "family", "pair"))
    assert (strict.tp, strict.fp, strict.fn) == (0, 2, 2)
    assert (family.tp, family.fp, family.fn) == (1, 1, 1)  # suppliesTo is cooperatesWith, attacks hostileTowards
    assert (pair.tp, pair.fp, pair.fn) == (2, 0, 0)


def test_family_mode_requires_the_same_modality() -> None:
    gold = [gdoc([gclaim("Russia", "invades", "Ukraine", N)])]
    pred = [result([pclaim("Russia", "attacks", "Ukraine", A)])]
    report = score(gold, pred, default_family)
    assert report.claims["family"].tp == 0
    assert report.claims["pair"].tp == 1
    assert report.modality_accuracy.correct == 0 and report.modality_accuracy.total == 1
    assert report.modality_confusion == {"negated": {"asserted": 1}}


def test_family_function_comes_from_the_caller() -> None:
    gold = [gdoc([gclaim("Russia", "invades", "Ukraine")])]
    pred = [result([pclaim("Russia", "attacks", "Ukraine")])]
    assert score(gold, pred, lambda p: p).claims["family"].tp == 0
    assert score(gold, pred, lambda p: "same").claims["family"].tp == 1


def test_symmetric_properties_match_reversed() -> None:
    gold = [
        gdoc(
            [
                gclaim("Vladimir Putin", "meetsWith", "Donald Trump"),
                gclaim("Poland", "borders", "Belarus"),
                gclaim("Russia", "attacks", "Ukraine"),
            ]
        )
    ]
    pred = [
        result(
            [
                pclaim("Donald Trump", "meetsWith", "Vladimir Putin"),
                pclaim("Belarus", "borders", "Poland"),
                pclaim("Ukraine", "attacks", "Russia"),  # direction matters for an asymmetric property
            ]
        )
    ]
    report = score(gold, pred, default_family)
    assert (report.claims["strict"].tp, report.claims["strict"].fp) == (2, 1)
    assert report.claims["pair"].tp == 2  # pair mode is ordered too, except for symmetric gold properties


def test_symmetric_reversal_needs_both_properties_symmetric_outside_pair_mode() -> None:
    gold = [gdoc([gclaim("Poland", "cooperatesWith", "Lithuania")])]
    pred = [result([pclaim("Lithuania", "supports", "Poland")])]
    report = score(gold, pred, default_family)
    assert report.claims["family"].tp == 0  # supports is directed
    assert report.claims["pair"].tp == 1


def test_symmetric_predicate_passed_by_caller() -> None:
    gold = [gdoc([gclaim("A", "attacks", "B")])]
    pred = [result([pclaim("B", "attacks", "A")])]
    assert score(gold, pred, default_family).claims["strict"].tp == 0
    assert score(gold, pred, default_family, symmetric=lambda p: True).claims["strict"].tp == 1


def test_duplicate_predictions_are_counted_once() -> None:
    gold = [gdoc([gclaim("Russia", "attacks", "Ukraine"), gclaim("Poland", "meetsWith", "France")])]
    pred = [
        result(
            [
                pclaim("Russia", "attacks", "Ukraine"),
                pclaim("Russia", "attacks", "Ukraine"),  # same sentence found twice
                pclaim("Poland", "meetsWith", "France"),
                pclaim("France", "meetsWith", "Poland"),  # the same symmetric fact
            ]
        )
    ]
    prf = score(gold, pred, default_family).claims["strict"]
    assert (prf.tp, prf.fp, prf.fn) == (2, 0, 0)


def test_each_gold_claim_is_matched_at_most_once() -> None:
    gold = [gdoc([gclaim("Russia", "invades", "Ukraine")])]
    pred = [result([pclaim("Russia", "invades", "Ukraine"), pclaim("Russia", "attacks", "Ukraine")])]
    report = score(gold, pred, default_family)
    assert (report.claims["strict"].tp, report.claims["strict"].fp) == (1, 1)
    assert (report.claims["family"].tp, report.claims["family"].fp) == (1, 1)
    assert (report.claims["pair"].tp, report.claims["pair"].fp) == (1, 1)
    # the pair-mode matching prefers the prediction that also agrees on the property
    assert report.modality_accuracy.total == 1


def test_matching_is_maximal_not_greedy() -> None:
    # In pair mode the first prediction fits both gold claims and prefers the first; the reversed meetsWith fits
    # only the first gold claim. A greedy matcher would leave it unmatched.
    gold = [gdoc([gclaim("A", "meetsWith", "B"), gclaim("A", "attacks", "B")])]
    pred = [result([pclaim("A", "cooperatesWith", "B", H), pclaim("B", "meetsWith", "A")])]
    report = score(gold, pred, default_family)
    assert report.claims["pair"].tp == 2
    assert report.claims["strict"].tp == 1


def test_same_triple_with_two_modalities_are_two_claims() -> None:
    gold = [gdoc([gclaim("Russia", "attacks", "Poland", R, "Donald Tusk"), gclaim("Russia", "attacks", "Poland", N)])]
    pred = [result([pclaim("Russia", "attacks", "Poland", N)])]
    report = score(gold, pred, default_family)
    assert (report.claims["strict"].tp, report.claims["strict"].fn) == (1, 1)
    assert report.modality_accuracy.value == 1.0  # the pair match picked the gold claim with the same modality


def test_per_property_and_per_modality_rows() -> None:
    gold = [
        gdoc(
            [
                gclaim("Russia", "attacks", "Ukraine"),
                gclaim("Russia", "attacks", "Kyiv", R),
                gclaim("Donald Tusk", "leaderOf", "Poland"),
            ]
        )
    ]
    pred = [
        result(
            [
                pclaim("Russia", "attacks", "Ukraine"),
                pclaim("Donald Tusk", "leaderOf", "Poland"),
                pclaim("Poland", "intercepts", "drone"),
            ]
        )
    ]
    report = score(gold, pred, default_family)
    attacks = report.per_property["attacks"]
    assert (attacks.tp, attacks.fp, attacks.fn, attacks.support) == (1, 0, 1, 2)
    assert report.per_property["leaderOf"].f1 == 1.0
    intercepts = report.per_property["intercepts"]
    assert (intercepts.tp, intercepts.fp, intercepts.support) == (0, 1, 0)
    assert report.per_modality["reported"].fn == 1
    assert report.per_modality["asserted"].tp == 2


def test_names_compare_casefolded_and_without_leading_the() -> None:
    assert normalize_name("The  Associated Press") == normalize_name("associated press")
    assert normalize_name("Russia\u2019s") == normalize_name("russia's")
    gold_entities = [GoldEntity("Jamie Shea", "Person", ("Jamie Shea",)), GoldEntity("Chatham House", "Organization")]
    gold = [gdoc([gclaim("Jamie Shea", "affiliatedWith", "Chatham House")], gold_entities)]
    predicted_entities = [ent("JAMIE SHEA", "Person"), ent("the Chatham House", "Organization")]
    claim = Claim(iri("JAMIE SHEA"), "affiliatedWith", iri("the Chatham House"), "d1", "s", 0, 1, 0, 1, "r", 1.0)
    report = score(gold, [result([claim], predicted_entities)], default_family)
    assert report.claims["strict"].tp == 1


def test_claim_iris_resolve_through_result_entities_with_local_name_fallback() -> None:
    gold = [gdoc([gclaim("United States", "sanctions", "Russia")])]
    entities = [Entity(KGE + "Q30", "United States", "Country")]  # the object's entity is missing
    claim = Claim(KGE + "Q30", "sanctions", KGE + "Russia", "d1", "s", 0, 1, 0, 1, "r", 1.0)
    report = score(gold, [result([claim], entities)], default_family)
    assert report.claims["strict"].tp == 1


def test_source_accuracy_on_reported_claims() -> None:
    gold = [
        gdoc(
            [gclaim("Russia", "attacks", "Kyiv", R, "Ukraine"), gclaim("Russia", "threatens", "NATO", R, "Mark Rutte")],
            [GoldEntity(n, "Country", (n,)) for n in ("Russia", "Kyiv", "Ukraine", "NATO", "Mark Rutte")],
        )
    ]
    entities = [ent("Russia"), ent("Kyiv"), ent("Ukraine"), ent("NATO")]
    claims = [
        pclaim("Russia", "attacks", "Kyiv", R, source=iri("Ukraine")),  # an IRI, resolved to its label
        pclaim("Russia", "threatens", "NATO", R, source="a spokesman"),  # free text, wrong
    ]
    report = score(gold, [result(claims, entities)], default_family)
    assert (report.source_accuracy.correct, report.source_accuracy.total) == (1, 2)


def test_missing_and_unknown_predictions() -> None:
    gold = [gdoc([gclaim("A", "attacks", "B")], doc_id="d1"), gdoc([gclaim("C", "attacks", "D")], doc_id="d2")]
    pred = [result([pclaim("A", "attacks", "B")], doc_id="d1"), result([pclaim("X", "attacks", "Y")], doc_id="zz")]
    report = score(gold, pred, default_family)
    prf = report.claims["strict"]
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 1)
    assert report.n_docs == 2 and report.n_predicted == 1
    assert any("'d2'" in w for w in report.warnings)
    assert any("'zz'" in w for w in report.warnings)


def test_errors_list_false_positives_and_negatives_with_near_misses() -> None:
    gold = [gdoc([gclaim("Russia", "invades", "Ukraine", A), gclaim("Poland", "memberOf", "NATO")])]
    pred = [result([pclaim("Russia", "invades", "Ukraine", H), pclaim("Iran", "suppliesTo", "Russia")])]
    report = score(gold, pred, default_family)
    errors = report.docs[0]
    fp = {str(c) for c in errors.claim_fp}
    fn = {str(c) for c in errors.claim_fn}
    assert "Russia invades Ukraine [hedged]  (pair-matched: Russia invades Ukraine [asserted])" in fp
    assert "Iran suppliesTo Russia [asserted]" in fp
    assert "Poland memberOf NATO [asserted]" in fn
    assert "== d1" in report.format_errors()


def test_report_serialises_to_json_and_a_table() -> None:
    gold = [gdoc([gclaim("Russia", "attacks", "Ukraine"), gclaim("Russia", "invades", "Ukraine", H)])]
    pred = [result([pclaim("Russia", "attacks", "Ukraine"), pclaim("Russia", "invades", "Ukraine")])]
    report = score(gold, pred, default_family)
    data = json.loads(report.to_json())
    assert data["claims"]["strict"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "support": 2,
    }
    assert set(data) >= {"entities", "claims", "per_property", "modality_accuracy", "errors"}
    table = report.format_table()
    for needle in ("entities", "claims strict", "claims family", "claims pair", "invades", "support", "modality"):
        assert needle in table
    assert "claim FN" not in table
    assert "claim FN" in report.format_table(verbose=True)


def test_default_family_climbs_to_the_root() -> None:
    assert default_family("invades") == "hostileTowards"
    assert default_family("condemns") == "hostileTowards"
    assert default_family("suppliesTo") == "cooperatesWith"
    assert default_family("memberOf") == "memberOf"
    assert default_family("somethingNew") == "somethingNew"


def test_gold_doc_to_article() -> None:
    doc = GoldDoc(id="x", title="T", text="Body.", date="2025-01-02", url="https://example.org/a", origin="x.json")
    assert doc.to_article() == Article(
        id="x", title="T", text="Body.", date="2025-01-02", url="https://example.org/a", origin="x.json"
    )


# ----------------------------------------------------------------------------------------------------------------
# loading errors


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


VALID = {
    "id": "t1",
    "title": "T",
    "date": "2025-01-01",
    "url": None,
    "text": "Russia attacked Ukraine.",
    "entities": [
        {"name": "Russia", "class": "Country", "mentions": ["Russia"]},
        {"name": "Ukraine", "class": "Country", "mentions": ["Ukraine"]},
    ],
    "claims": [
        {
            "subject": "Russia",
            "property": "attacks",
            "object": "Ukraine",
            "modality": "asserted",
            "source": None,
            "evidence": "Russia attacked Ukraine.",
        }
    ],
}


def test_load_valid_gold(tmp_path: Path) -> None:
    _write(tmp_path, "t1.json", json.dumps(VALID))
    (doc,) = load_gold(tmp_path)
    assert doc.claims[0] == GoldClaim("Russia", "attacks", "Ukraine", A, None, "Russia attacked Ukraine.")
    assert doc.entities[0] == GoldEntity("Russia", "Country", ("Russia",))
    assert doc.origin is not None and doc.origin.endswith("t1.json")


def test_bad_json_raises_input_error_naming_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "good.json", json.dumps(VALID))
    _write(tmp_path, "broken.json", '{"id": "x", "title": ')
    with pytest.raises(InputError, match=r"broken\.json.*invalid JSON"):
        load_gold(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["claims"][0].update(modality="reportd"), r"claims\[0\]\.modality.*not one of"),
        (lambda d: d.update(claims=[*d["claims"], d["claims"][0]]), r"claims\[1\].*already annotated"),
        (lambda d: d["entities"][0].update(cls="Country"), r"entities\[0\].*unknown key"),
        (lambda d: d.pop("text"), r"document\.text"),
        (lambda d: d.update(date="12/09/2025"), r"date: .*not an ISO date"),
        (lambda d: d["entities"][1].update(mentions="Ukraine"), r"entities\[1\]\.mentions"),
    ],
)
def test_malformed_gold_raises_input_error(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = json.loads(json.dumps(VALID))
    change(data)
    _write(tmp_path, "bad.json", json.dumps(data))
    with pytest.raises(InputError, match=r"bad\.json: " + message):
        load_gold(tmp_path)


def test_symmetric_claim_annotated_in_both_directions_is_a_duplicate(tmp_path: Path) -> None:
    data = json.loads(json.dumps(VALID))
    claim = dict(data["claims"][0], property="borders")
    data["claims"] = [claim, dict(claim, subject="Ukraine", object="Russia")]
    _write(tmp_path, "dup.json", json.dumps(data))
    with pytest.raises(InputError, match="already annotated"):
        load_gold(tmp_path)


def test_duplicate_ids_and_missing_directory(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", json.dumps(VALID))
    _write(tmp_path, "b.json", json.dumps(VALID))
    with pytest.raises(InputError, match="already used"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="no such gold"):
        load_gold(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no gold"):
        load_gold(tmp_path / "empty")


# ----------------------------------------------------------------------------------------------------------------
# the gold set itself

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
REAL_FILES = sorted((GOLD_DIR.parent / "gold-real").glob("*/*.json"))


def test_gold_set_loads_and_is_large_enough() -> None:
    docs = load_gold(GOLD_DIR)
    assert len(docs) >= 33
    assert len({d.id for d in docs}) == len(docs)


@pytest.mark.parametrize("path", GOLD_FILES + REAL_FILES, ids=lambda p: p.stem)
def test_gold_file_is_consistent(path: Path) -> None:
    (doc,) = load_gold(path)
    assert doc.id == path.stem
    names = [e.name for e in doc.entities]
    assert len(names) == len(set(names)), "entity listed twice"
    for entity in doc.entities:
        assert entity.cls in ENTITY_CLASSES, entity
        assert entity.mentions, f"{entity.name}: no mentions"
        for mention in entity.mentions:
            assert mention in doc.text or mention in doc.title, f"{entity.name}: mention {mention!r} not in the text"
    for claim in doc.claims:
        assert claim.property in gold_properties(), claim
        assert claim.evidence in doc.text or claim.evidence == doc.title, f"{claim}: evidence not in the text"
        assert claim.subject in names, f"{claim}: subject is not an entity of the document"
        assert claim.object in names, f"{claim}: object is not an entity of the document"
        if claim.modality is Modality.ASSERTED:
            assert claim.source is None, f"{claim}: an asserted claim has no source"
        else:  # reported, or a hedged or denied report ("likely, US officials said")
            assert claim.source is None or claim.source in names, f"{claim}: source is not an entity"


def test_seed_annotation_copies_the_seed_article_exactly() -> None:
    (doc,) = load_gold(GOLD_DIR / "nato-russia-drone-incursions.json")
    raw = SEED.read_text(encoding="utf-8")
    title, text = raw.split("\n", 1)
    assert (doc.title, doc.text) == (title, text)


def test_gold_set_covers_every_property_modality_and_a_claimless_text() -> None:
    docs = load_gold(GOLD_DIR)
    properties = Counter(c.property for d in docs for c in d.claims)
    modalities = Counter(c.modality for d in docs for c in d.claims)
    # organOf came with the real-text conventions (organs are entities); a nominal invasion is now an attack
    assert gold_properties() - {"organOf", "invades"} <= set(properties), gold_properties() - set(properties)
    assert set(modalities) == set(Modality)
    assert any(all(c.optional for c in d.claims) for d in docs)
    assert len({d.date for d in docs if d.date and d.date[:4] in {"2024", "2025", "2026"}}) > 20


# ----------------------------------------------------------------------------------------------------------------
# real-text conventions: optional annotations, classes and names through the ontology


def test_optional_claims_are_neither_needed_nor_false_positives() -> None:
    optional = GoldClaim("Latvian Navy", "affiliatedWith", "Latvia", A, None, "s", optional=True)
    gold_entities = [GoldEntity("Latvian Navy", "Organization", ("Latvian Navy",)), GoldEntity("Latvia", "Country")]
    gold = [gdoc([optional, gclaim("Latvia", "memberOf", "NATO")], [*gold_entities, GoldEntity("NATO", "Country")])]
    entities = [ent("Latvian Navy", "Organization"), ent("Latvia"), ent("NATO")]
    # organOf is a sub-property of affiliatedWith: it agrees with the optional claim at family level
    found = score(gold, [result([pclaim("Latvian Navy", "organOf", "Latvia")], entities)], default_family)
    assert (found.claims["strict"].tp, found.claims["strict"].fp, found.claims["strict"].fn) == (0, 0, 1)
    silent = score(gold, [result([], entities)], default_family)
    assert (silent.claims["strict"].tp, silent.claims["strict"].fn) == (0, 1)


def test_optional_entities_are_neither_needed_nor_false_positives() -> None:
    gold_entities = [GoldEntity("Estonia", "Country", ("Estonian",), optional=True), GoldEntity("NATO", "Country")]
    report = score([gdoc([], gold_entities)], [result([], [ent("NATO")])], default_family)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (1, 0, 0)
    report = score([gdoc([], gold_entities)], [result([], [ent("NATO"), ent("Estonia")])], default_family)
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (1, 0, 0)


def test_a_claim_on_an_entity_of_another_class_does_not_match() -> None:
    gold_entities = [GoldEntity("Russia", "Country"), GoldEntity("Georgia", "Country")]
    gold = [gdoc([gclaim("Russia", "attacks", "Georgia")], gold_entities)]
    wrong = [ent("Russia"), ent("Georgia", "Location")]
    report = score(gold, [result([pclaim("Russia", "attacks", "Georgia")], wrong)], default_family)
    assert (report.claims["strict"].tp, report.claims["strict"].fp) == (0, 1)
    assert report.entities.fn == 1


def test_entities_match_through_the_ontology_names_of_their_iri() -> None:
    gold_entities = [GoldEntity("Zelenskyy", "Person", ("Zelenskyy",)), GoldEntity("Ukraine", "Country")]
    gold = [gdoc([gclaim("Zelenskyy", "leaderOf", "Ukraine")], gold_entities)]
    predicted = [ent("Volodymyr Zelensky", "Person"), ent("Ukraine")]
    claims = [pclaim("Volodymyr Zelensky", "leaderOf", "Ukraine")]
    without = score(gold, [result(claims, predicted)], default_family)
    assert without.claims["strict"].tp == 0
    names = {iri("Volodymyr Zelensky"): ("Volodymyr Zelensky", "Zelenskyy")}
    report = score(gold, [result(claims, predicted)], default_family, aliases=names)
    assert (report.entities.tp, report.claims["strict"].tp, report.claims["strict"].fp) == (2, 1, 0)


def test_real_text_gold_keys_load(tmp_path: Path) -> None:
    doc = {
        "id": "r1", "title": "t", "date": None, "url": "https://en.wikipedia.org/wiki/NATO",
        "retrieved": "2026-12-02", "licence": "CC BY-SA 4.0", "text": "NATO met.",
        "entities": [{"name": "NATO", "class": "InternationalOrganization", "mentions": ["NATO"], "optional": True}],
        "claims": [],
    }  # fmt: skip
    (tmp_path / "r1.json").write_text(json.dumps(doc), encoding="utf-8")
    (loaded,) = load_gold(tmp_path)
    assert (loaded.licence, loaded.retrieved, loaded.entities[0].optional) == ("CC BY-SA 4.0", "2026-12-02", True)
    doc["entities"][0]["optional"] = "yes"  # type: ignore[index]
    (tmp_path / "r1.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="optional"):
        load_gold(tmp_path)
