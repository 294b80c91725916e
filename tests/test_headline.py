"""Reading Title Case headlines sentence-cased (kgraph.extract.headline)."""

import pytest

from kgraph.extract import extract
from kgraph.extract.headline import name_forms, sentence_case
from kgraph.types import Article

CASES = [
    # common words lose their capital; names the ontology knows keep it
    ("Poland Shoots Down Russian Drones Over Its Land", "", "Poland shoots down Russian drones over its land"),
    # a name the article capitalises inside a sentence keeps it; the first word always does
    ("Allies Wrap Up Saber Strike 17", "Troops ended Saber Strike 17.", "Allies wrap up Saber Strike 17"),
    # acronyms and mixed-case words are left alone
    ("NATO Begins Largest Exercise Since Cold War", "", "NATO begins largest exercise since cold war"),
    # a sentence-case headline is read as written
    ("Russia launches drones at Ukraine's capital", "", "Russia launches drones at Ukraine's capital"),
    # too short to tell
    ("Statement", "", "Statement"),
]


@pytest.mark.parametrize(("title", "text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_sentence_case(ontology, title, text, expected):
    cased = sentence_case(title, text, name_forms(ontology))
    assert cased == expected
    assert len(cased) == len(title)  # offsets into the title stay valid


def test_headline_claims_quote_the_title_as_written(nlp, ontology):
    article = Article(id="t", title="Finland Joins NATO as 31st Member", text="The ceremony took place in Brussels.")
    (result,) = extract([article], nlp, ontology)
    (claim,) = [c for c in result.claims if c.in_title]
    assert claim.sentence == "Finland Joins NATO as 31st Member"
    assert {m.text for m in result.mentions if m.in_title} == {"Finland", "NATO"}
