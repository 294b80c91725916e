"""Extraction on arbitrary text never crashes and never yields a claim that points outside its article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VOCABULARY = (
    "Russia Poland NATO Ukraine attacked invaded sent drones to the of and , . Putin said not may "
    "President Prime Minister Tusk Belarus ’s 's ( ) “ ” — Zapad 2025 into over by was"
)
WORDS = st.sampled_from(VOCABULARY.split())


def check(result):
    text = result.article.text
    for claim in result.claims:
        assert 0 <= claim.sentence_start <= claim.start < claim.end <= claim.sentence_end <= len(text)
        assert 0.0 <= claim.confidence <= 1.0
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_random_unicode_never_crashes(extract_text, text):
    check(extract_text(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=120).map(" ".join))
def test_domain_word_salad_never_crashes(extract_text, text):
    check(extract_text(text))


def test_very_long_sentence(extract_text):
    sentence = ", ".join(["Russia attacked Ukraine and Poland sent jets to Lithuania"] * 300) + "."
    check(extract_text(sentence))


def test_hostile_markup_is_kept_as_text(extract_text):
    result = extract_text('<script>alert(1)</script> Russia attacked Ukraine. <img src=x onerror="x()">')
    check(result)
    assert any(c.property == "attacks" for c in result.claims)
