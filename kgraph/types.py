"""Small frozen records passed between the stages: ingest -> nlp -> extract -> link -> graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Modality(StrEnum):
    """How the article presents a claim. Only ASSERTED claims become plain triples."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    HEDGED = "hedged"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. Character spans of mentions and claims index into ``text``."""

    id: str
    title: str
    text: str
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    origin: str | None = None  # file path or "<stdin>", for error messages


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: an ontology individual or one minted from an unknown mention."""

    iri: str
    label: str
    cls: str  # local name of the ontology class, e.g. "Country"
    same_as: tuple[str, ...] = ()
    known: bool = True  # False when minted from text (not in the ontology): listed by `entities --unresolved`


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text linked to an entity."""

    text: str
    start: int
    end: int
    entity: str  # entity IRI
    how: str  # linking method: gazetteer, demonym, metonym, ner, surname, acronym, coref
    metonym: bool = False
    in_title: bool = False  # the span indexes into the article's title, not its text


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted subject-property-object statement with its provenance."""

    subject: str  # entity IRI
    property: str  # ontology property local name, e.g. "intrudesInto"
    object: str  # entity IRI
    article_id: str
    sentence: str
    sentence_start: int  # character span of the sentence in the article text
    sentence_end: int
    start: int  # character span of the evidence (subject .. object .. trigger) in the article text
    end: int
    rule: str  # the extraction rule that fired
    confidence: float  # in [0, 1]
    modality: Modality = Modality.ASSERTED
    cue: str | None = None  # the word that set the modality ("not", "may", "claimed")
    source: str | None = None  # for REPORTED claims: the entity IRI (or text) of who said it
    reason: str = ""  # how the confidence was reached: "rule=svo link=gazetteer modality=asserted"
    date: str | None = None  # explicit date of the event when the sentence gives one, else the article date
    metonymy: bool = False  # subject or object named by a metonym ("the Kremlin" for Russia)
    in_title: bool = False  # stated by the headline: the spans index into the article's title


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...] = field(default=())
