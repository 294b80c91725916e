"""Link spaCy entity spans to canonical entities: gazetteer ids, acronyms defined in the text, surnames, and
new entities minted from unknown names. Never merges across classes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .iri import entity_iri
from .nlp import ID_SEP
from .ontology import Individual, Ontology
from .types import Article, Entity, Mention

# Linking certainty by method, used in claim confidence.
LINK_CERTAINTY = {
    "alias": 1.0,
    "demonym": 0.95,
    "metonym": 0.9,
    "acronym": 0.95,
    "surname": 0.9,
    "ner": 0.85,
    "coref": 0.75,
}
_EDGE_JUNK = re.compile(r"^(?:the\s+)|(?:['’]s?)$", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"
_MAX_NAME_TOKENS = 8
# site furniture that is not part of the story: links to other articles, captions, calls to action
BOILERPLATE = re.compile(r"^\s*(also read|read more|read also|related|see also|advertisement|subscribe)\b", re.I)


def is_boilerplate(sentence: str) -> bool:
    return bool(BOILERPLATE.match(sentence))


@dataclass(frozen=True, slots=True)
class Link:
    iri: str
    how: str
    metonym: bool = False


@dataclass
class LinkedDoc:
    """A parsed article with every entity token linked: the input of relation extraction."""

    article: Article
    doc: Any
    ontology: Ontology
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_links: dict[int, Link] = field(default_factory=dict)

    def link_at(self, token: Any) -> Link | None:
        return self.token_links.get(token.i)

    def cls(self, iri: str) -> str:
        return self.entities[iri].cls


def entity_of(ind: Individual) -> Entity:
    return Entity(iri=ind.iri, label=ind.label, cls=ind.cls, same_as=ind.same_as)


def clean_name(text: str) -> str:
    """'the Associated Press’s' -> 'Associated Press'."""
    name = text.strip().strip(_QUOTES).strip()
    previous = None
    while previous != name:
        previous = name
        name = _EDGE_JUNK.sub("", name).strip().strip(_QUOTES + ",.;:").strip()
    return " ".join(name.split())


def _plausible_name(name: str, n_tokens: int) -> bool:
    # statistical NER sometimes tags lower-case phrases or whole clauses; names start upper-case or with a digit
    return bool(name) and n_tokens <= _MAX_NAME_TOKENS and (name[0].isupper() or name[0].isdigit())


def _acronym_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def link_doc(doc: Any, article: Article, ontology: Ontology) -> LinkedDoc:
    linked = LinkedDoc(article=article, doc=doc, ontology=ontology)
    known_by_name: dict[tuple[str, str], str] = {}  # (class, casefolded alias) -> IRI, article-local
    for ind in ontology.individuals.values():
        for surface in (ind.label, *ind.aliases):
            known_by_name.setdefault((ind.cls, clean_name(surface).casefold()), ind.iri)

    pending: list[tuple[Any, str, str]] = []  # (span, class, clean name) of unknown names
    for ent in doc.ents:
        if is_boilerplate(ent.sent.text):
            continue
        if ent.ent_id_:
            iri, _, how = ent.ent_id_.partition(ID_SEP)
            if iri in ontology.individuals:
                linked.entities[iri] = entity_of(ontology.individuals[iri])
                _add(linked, ent, Link(iri, how or "alias", metonym=how == "metonym"))
            continue
        cls = ontology.class_of_ner_label.get(ent.label_)
        name = clean_name(ent.text)
        if cls is None or not _plausible_name(name, len(ent)):
            continue
        known = known_by_name.get((cls, name.casefold()))
        if known is not None:
            linked.entities[known] = entity_of(ontology.individuals[known])
            _add(linked, ent, Link(known, "alias"))
            continue
        pending.append((ent, cls, name))

    # acronyms defined in the text: "Institute for Defence Analysis (IDA)"
    acronyms: dict[str, str] = {}
    for ent in doc.ents:
        after = doc[ent.end : ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
            words = [t.text for t in ent if t.text.lower() not in ("the", "of", "for", "and")]
            if _acronym_of(words).upper().startswith(after[1].text[:2]) or after[1].text in _acronym_of(words):
                acronyms[after[1].text] = ent.text

    # full person names first, so that a later bare surname finds them
    surnames: dict[str, str] = {}
    for iri, entity in linked.entities.items():
        if entity.cls == "Person" and " " in entity.label:
            surnames.setdefault(entity.label.split()[-1], iri)
    for _span, cls, name in pending:
        if cls == "Person" and " " in name:
            surnames.setdefault(name.split()[-1], str(entity_iri(name, cls)))

    for ent, cls, name in pending:
        how = "ner"
        if cls != "Person" and " " not in name and name in surnames and name not in acronyms:
            cls = "Person"  # the NER often mislabels a bare surname; the article named the person in full
        if name in acronyms:
            long_form = clean_name(acronyms[name])
            existing = known_by_name.get((cls, long_form.casefold()))
            iri = existing or str(entity_iri(long_form, cls))
            label = long_form
            how = "acronym"
        elif cls == "Person" and " " not in name and name in surnames:
            iri, how = surnames[name], "surname"
            label = linked.entities[iri].label if iri in linked.entities else name
        else:
            iri, label = str(entity_iri(name, cls)), name
        if iri in linked.entities:
            label = linked.entities[iri].label
        elif iri in ontology.individuals:
            linked.entities[iri] = entity_of(ontology.individuals[iri])
        if iri not in linked.entities or (
            not linked.entities[iri].known and len(label) > len(linked.entities[iri].label)
        ):
            linked.entities[iri] = Entity(iri=iri, label=label, cls=cls, known=False)
        _add(linked, ent, Link(iri, how))
    _link_pronouns(linked, doc)
    return linked


# pronoun -> classes it may refer to; plural "they/their" is left alone (groups of states are too ambiguous)
PRONOUN_CLASSES = {
    "he": ("Person",), "him": ("Person",), "his": ("Person",), "she": ("Person",), "her": ("Person",),
    "it": ("Country", "InternationalOrganization", "Organization"),
    "its": ("Country", "InternationalOrganization", "Organization"),
}  # fmt: skip


def _link_pronouns(linked: LinkedDoc, doc: Any) -> None:
    """Third-person pronouns to the nearest preceding entity of a compatible class in the same or previous
    sentence; when nothing compatible is that close, the pronoun stays unlinked (precision first)."""
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        window_start = sentences[index - 1].start if index > 0 else sent.start
        for token in sent:
            classes = PRONOUN_CLASSES.get(token.lower_)
            if classes is None or token.tag_ not in ("PRP", "PRP$") or token.i in linked.token_links:
                continue
            if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ == "be":
                continue  # "it is likely that...": expletive it
            antecedent = None
            for j in range(token.i - 1, window_start - 1, -1):
                link = linked.token_links.get(j)
                if link is not None and link.how != "coref" and linked.entities[link.iri].cls in classes:
                    antecedent = link
                    break
            if antecedent is not None:
                link = Link(antecedent.iri, "coref")
                linked.token_links[token.i] = link
                linked.mentions.append(
                    Mention(token.text, token.idx, token.idx + len(token.text), antecedent.iri, "coref")
                )


def _add(linked: LinkedDoc, span: Any, link: Link) -> None:
    linked.mentions.append(
        Mention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            entity=link.iri,
            how=link.how,
            metonym=link.metonym,
        )
    )
    for token in span:
        linked.token_links[token.i] = link
