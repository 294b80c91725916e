"""Link spaCy entity spans to canonical entities: gazetteer ids, metonyms, acronyms defined in the text,
surnames, pronouns, and new entities minted from unknown names. Never merges across classes.

Passes, in order: gazetteer spans (the EntityRuler's pattern ids); statistical NER spans, cleaned and looked up;
acronyms and surnames, which need the whole article; third-person pronouns.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Span

from .iri import entity_iri
from .nlp import ID_SEP
from .ontology import Individual, Ontology
from .syntax import OBJECT_CONTROL, clause_subjects, prep_objects
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
    "titled": 0.85,
    "group-name": 0.85,
    "chained-place": 0.8,
    "shared-head": 0.9,
}
_EDGE_JUNK = re.compile(r"^(?:the\s+)|(?:['’]s?)$", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"
_MAX_NAME_TOKENS = 8
_MODEL_PLURAL = re.compile(r"^(.*\d)s$")  # "MiG-31s", "F-16s": a plural of a model name
# site furniture that is not part of the story: links to other articles, captions, calls to action
BOILERPLATE = re.compile(r"^\s*(also read|read more|read also|related|see also|advertisement|subscribe)\b", re.I)
# words that make up generic institution names ("Defence Ministry", "State Security Department"): not names of
# their own; the state they belong to is named beside them and linked on its own
INSTITUTION_WORDS = frozenset(
    {
        "defence", "defense", "foreign", "state", "party", "treasury", "department", "ministry", "interior",
        "security", "intelligence", "council", "office", "committee", "parliament", "general", "staff", "command",
        "navy", "army", "air", "force", "armed", "forces", "military", "government", "administration", "agency",
        "service", "services", "border", "guard", "national", "special", "operations", "member", "members",
        "states", "allies", "partners", "nations",
    }
)  # fmt: skip


# properties whose object is someone who acts or is acted upon as an agent, never a place


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
    # organs of states named with their state ("the Latvian Navy"): organ IRI -> [(state IRI, token index)]
    organ_states: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # first-person plural of a statement's signatories ("We, the G7 foreign ministers of …"): token -> IRIs
    group_of: dict[int, tuple[str, ...]] = field(default_factory=dict)
    collectives: set[str] = field(default_factory=set)  # the bodies such a group meets as ("the G7")
    _ents_by_sent: dict[int, list[Any]] | None = None

    def link_at(self, token: Any) -> Link | None:
        return self.token_links.get(token.i)

    def ents_in(self, sent: Any) -> list[Any]:
        """``sent.ents`` without its cost: spaCy rebuilds every entity of the document on each ``sent.ents``,
        which made extraction quadratic in article length; entities are indexed by sentence once per doc."""
        if self._ents_by_sent is None:
            self._ents_by_sent = {}
            for ent in self.doc.ents:
                self._ents_by_sent.setdefault(ent.sent.start, []).append(ent)
        return [e for e in self._ents_by_sent.get(sent.start, []) if e.end <= sent.end]

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


# names of texts and instruments, which are of no entity class: "the North Atlantic Treaty", "the UN Charter"
DOCUMENT_HEADS = frozenset(
    {"treaty", "agreement", "agreements", "convention", "charter", "accord", "accords", "act", "resolution",
     "protocol", "memorandum", "declaration", "statement", "law"}
)  # fmt: skip


_DANGLING = frozenset({"of", "the", "and", "for", "in", "on", "to"})


def _plausible_name(name: str, ent: Any) -> bool:
    # statistical NER sometimes tags lower-case phrases or whole clauses; names start upper-case or with a digit
    if name.rsplit(" ", 1)[-1].lower() in DOCUMENT_HEADS | _DANGLING:
        return False  # a text's name, or a fragment the gazetteer cut ("the Chair of the" before "NATO …")
    if not name or name[-1] in "-–(/" or not any(c.isalpha() for c in name):
        return False  # "Defender-" of "Defender-Europe 21", "Mons (", a bare date
    words = [t for t in ent if clean_name(t.text)]
    if len(words) == 1 and words[0].is_alpha and (words[0].pos_ == "ADJ" or words[0].text in COMPASS):
        return False  # "Northern", "Supreme": an adjective the NER took for a name
    if len(words) == 1 and words[0].lower_ in ROLE_WORDS:
        return False  # "its deputy Chair": a role, not a name
    return len(ent) <= _MAX_NAME_TOKENS and (name[0].isupper() or name[0].isdigit())


# military ranks, which the NER takes for names of organisations or people ("Rear Admiral", "Lieutenant Colonel")
HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "mr", "mrs", "ms", "miss", "dr", "prof", "saint", "st"})
RANK_WORDS = frozenset(
    {"admiral", "rear", "vice", "general", "lieutenant", "colonel", "major", "brigadier", "captain", "commander",
     "commodore", "sergeant", "corporal", "marshal", "field", "air", "chief", "gen.", "adm.", "lt.", "col.", "maj."}
)  # fmt: skip


# heads that keep a name a body's though a role noun stands beside it ("the Central Election Commission, its
# deputy Chair"); narrower than _body_heads, as measured on the real-text development split
ROLE_PROOF_HEADS = frozenset({"squadron", "brigade", "division", "regiment", "battalion", "fleet", "forces",
                              "commission", "committee", "council", "ministry", "agency", "office", "service",
                              "party", "institute", "centre", "center", "group", "company", "bank", "directorate",
                              "administration"})  # fmt: skip
ROLE_WORDS = frozenset({"chair", "chairman", "chairwoman", "president", "minister", "secretary", "director"})


def _generic_institution(name: str) -> bool:
    """ "the Defence Ministry", "Armed Forces", "General Staff": any state's; a longer name of such words
    ("the Border Guard Service", "the State Border Committee") names one body."""
    words = name.lower().replace("-", " ").split()
    return bool(words) and (
        (len(words) <= 2 and all(w in INSTITUTION_WORDS for w in words)) or all(w in RANK_WORDS for w in words)
    )


def _has_role(ontology: Ontology, root: Any) -> bool:
    """A name in apposition with a role noun ("X, a spokesperson for Y"; "spokesperson X")."""
    titles = ontology.titles
    roles = [c for c in root.children if c.dep_ == "appos"]
    roles += [c for c in root.children if c.dep_ == "compound" and c.i < root.i - 1]
    if root.dep_ == "appos":
        roles.append(root.head)
    return any(r.lemma_.lower() in titles or r.lower_ in titles for r in roles)


def _acronym_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _acts(linked: LinkedDoc, span: Any) -> bool:
    """Does a place name stand for the state here? Yes when it acts — subject, possessor, passive agent,
    speaker ("according to Kyiv") — or when the governing trigger admits no place as its object ("sanctioned
    Moscow", "met with Washington"); no when it is where something happens ("reporters in Moscow", "struck
    Kyiv")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ in ("nsubj", "poss"):
        return True
    if root.dep_ == "pobj" and (head.dep_ == "agent" or (head.lower_ == "to" and head.head.lower_ == "according")):
        return True
    governor = head.head if root.dep_ == "pobj" else head if root.dep_ in ("dobj", "dative") else None
    if governor is None:
        return False
    ontology = linked.ontology
    if root.dep_ == "dobj" and governor.lemma_.lower() in OBJECT_CONTROL:
        return True  # "urged Kyiv to …"
    # only the triggers this preposition fits: "a summit with Moscow" acts, "the summit in Madrid" is a place
    prep = head.lower_ if root.dep_ == "pobj" else None
    # ("send … to" for a direct object; "hold … responsible" is no trigger of "held in The Hague")
    properties = [
        p for p, t in ontology.triggers.get(governor.lemma_.lower(), ()) if t.prep == prep or (t.gap and prep is None)
    ]
    if not properties:
        return False
    # the object of an accusation, a sanction, a threat or talks is an actor ("accused Minsk of …"); the object
    # of a strike or a deployment is a place
    if any(ontology.behaves(p, "AgentiveObject") for p in properties):
        return True
    return not any(ontology.admits_object(p, "Location") for p in properties)


_KNOWN_NAMES: dict[int, tuple[Ontology, dict[tuple[str, str], str]]] = {}


def _known_names(ontology: Ontology) -> dict[tuple[str, str], str]:
    """(class, casefolded alias) -> IRI, built once per ontology rather than once per article."""
    cached = _KNOWN_NAMES.get(id(ontology))
    if cached is None or cached[0] is not ontology:
        table: dict[tuple[str, str], str] = {}
        for ind in ontology.individuals.values():
            for surface in (ind.label, *ind.aliases):
                table.setdefault((ind.cls, clean_name(surface).casefold()), ind.iri)
        cached = _KNOWN_NAMES[id(ontology)] = (ontology, table)
    return cached[1]


def link_doc(doc: Any, article: Article, ontology: Ontology) -> LinkedDoc:
    linked = LinkedDoc(article=article, doc=doc, ontology=ontology)
    known_by_name = _known_names(ontology)  # read-only here

    pending: list[tuple[Any, str, str]] = []  # (span, class, clean name) of unknown names
    organs: list[tuple[Any, str, int]] = []  # (organ name span, state IRI, state token index)
    taken: set[int] = set()  # tokens inside the names in ``pending``
    foreign = _foreign_asides(doc)
    for ent in doc.ents:
        if is_boilerplate(ent.sent.text) or ent.start in foreign:
            continue
        if ent.ent_id_:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue  # "Africa" in "U.S. Africa Command", taken into the name the state opened
            person = _first_name_before(ent, ontology)
            named = _state_in_name(linked, ent)
            place = _place_in_name(linked, ent)
            if place is not None:  # "Warsaw Chopin Airport", "Eastern Europe": a place named after a place
                # the NER's guess at part of it ("Central and Eastern") gives way to the whole name
                pending[:] = [p for p in pending if p[0].end <= place.start or p[0].start >= place.end]
                pending.append((place, "Location", clean_name(place.text)))
                taken.update(range(place.start, place.end))
            elif person is not None:
                pending.append((person, "Person", clean_name(person.text)))
                taken.update(range(person.start, person.end))
            elif named is not None:
                pending.append((named, "Organization", clean_name(named.text)))
                taken.update(range(named.start, named.end))
                state = ent.ent_id_.partition(ID_SEP)[0]
                # an organ of the state ("the Latvian Navy"), not any body its demonym opens ("the Belarusian
                # Association of Journalists")
                if _has_head(ontology, doc[ent.end : named.end], ontology.organ_nouns):
                    organs.append((named, state, ent.root.i))
            elif _other_edition(linked, ent) is not None:  # "Zapad 2021" is not Zapad 2025 ("Zapad" + a year)
                edition = _other_edition(linked, ent)
                pending.append((edition, "Event", clean_name(edition.text)))
                taken.update(range(edition.start, edition.end))
            else:
                _link_gazetteer(linked, ent)
            continue
        if any(i in taken for i in range(ent.start, ent.end)):
            continue  # already taken into a longer name above
        ent = _trimmed_body_name(ontology, doc, ent)
        cls = _class_by_description(ontology, ent) or ontology.class_of_ner_label.get(ent.label_)
        if ent.start > 0 and doc[ent.start - 1].text in ontology.name_prefixes and ent.start - 1 not in taken:
            ent = doc[ent.start - 1 : ent.end]  # "USS Harry E. Yarnell": the NER left the prefix out
        if ent[0].text in ontology.name_prefixes:  # "USS Iowa", "HMS Prince of Wales": the prefix says ship
            cls = ontology.name_prefixes[ent[0].text]
        if cls == "Person" and _where_something_is(ontology, ent):
            cls = "Location"  # "an Estonian military base in Tapa": the NER's person is the place
        if cls == "Person" and _first_name_before(ent, ontology) is not None:
            ent = _first_name_before(ent, ontology)  # "his son Victor Lukashenko"
        organ = _organ_of_state(linked, ent) if cls == "Organization" else None
        if organ is not None:  # "the Armed Forces of Belarus": the state closes the organ's name
            ent, state_ent = organ
            organs.append((ent, state_ent.ent_id_.partition(ID_SEP)[0], state_ent.root.i))
        name = clean_name(ent.text)
        if cls is None or not _plausible_name(name, ent) or _generic_institution(name):
            continue
        if cls == "MilitaryAsset":
            name = _MODEL_PLURAL.sub(r"\1", name)
        known = known_by_name.get((cls, name.casefold()))
        if known is not None:
            linked.entities[known] = entity_of(ontology.individuals[known])
            _add(linked, ent, Link(known, "alias"))
            continue
        pending.append((ent, cls, name))
    _link_unknown(linked, pending, known_by_name)
    _link_chained_places(linked, doc)
    _link_shared_heads(linked, doc, known_by_name)
    for span, state, token_i in organs:
        organ_link = linked.token_links.get(span.root.i)
        if organ_link is not None and linked.entities[organ_link.iri].cls == "Organization":
            linked.entities.setdefault(state, entity_of(ontology.individuals[state]))
            linked.organ_states.setdefault(organ_link.iri, []).append((state, token_i))
    _drop_generic_weapons(linked)
    _link_titled_names(linked, doc)
    _link_event_names(linked, doc)
    _link_numbered_groups(linked, doc)
    _link_repeated_names(linked, doc)
    _link_pronouns(linked, doc)
    _link_framed_events(linked, doc)  # after the pronouns: "its continued war against Ukraine"
    _link_descriptions(linked, doc)
    _link_we(linked, doc)
    _one_entity_per_name(linked)
    return linked


# verbs whose "in" phrase is a place: "based in Tapa", "stationed in …"
SEATED_VERBS = frozenset({"base", "station", "locate", "headquarter", "hold", "deploy", "position", "situate"})


def _where_something_is(ontology: Ontology, ent: Any) -> bool:
    """ "a base in Tapa", "troops based in Bulford": a name a place noun or a placing verb governs by "in" is
    a place, whatever the NER guessed."""
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "in" or any(t.tag_ == "POS" for t in ent):
        return False
    governor = root.head.head
    return governor.lemma_.lower() in SEATED_VERBS or ontology.descriptors.get(governor.lemma_.lower()) == "Location"


def _first_name_before(ent: Any, ontology: Ontology) -> Any:
    """ "Daniel Jordan", "Rachel Chad": a one-word place name right after a first name is a surname; "his son
    Victor Lukashenko": a given name the NER left out of a surname is another person's. Returns the person's
    span, or None."""
    if len(ent) != 1 or ent.label_ not in ("GPE", "LOC", "PERSON") or ent.start == 0:
        return None
    first = ent.doc[ent.start - 1]
    if first.ent_type_ or not first.is_title or first.pos_ != "PROPN" or first.dep_ != "compound":
        return None
    if first.lower_ in ontology.titles or first.lower_ in RANK_WORDS or first.text in ontology.name_prefixes:
        return None  # "President Lukashenko", "General Gerasimov": a title, not a given name
    if first.lower_.rstrip(".") in HONORIFICS:
        return None
    if first.head.i != ent.root.i or (ent.start > 1 and ent.doc[ent.start - 2].is_title):
        return None  # "New South Georgia", "United Arab …": longer names are the gazetteer's business
    return ent.doc[ent.start - 1 : ent.end]


NAME_LINKS = frozenset({"of", "for", "and", "on"})
# head words of organisation names: "Institute", "Academy", "Centre", …
# heads of newspapers' and broadcasters' names: "Asia Times", "the Baltic Times", "Africa News"
PRESS_HEADS = frozenset({"times", "news", "post", "herald", "tribune", "journal", "today", "radio", "television"})
ORGANISATION_HEADS = {
    w: "Organization" for w in (
        "institute", "academy", "centre", "center", "foundation", "university", "agency", "company", "party",
        "group", "forum", "council", "society", "association", "union", "corporation", "bank", "fund", "office",
    )
}  # fmt: skip


_LANGUAGE_ASIDE = re.compile(r"^\(\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|romani[sz]ed|lit\.)\s*:")
COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                     "Northeastern", "Northwestern", "Southeastern", "Southwestern", "Upper", "Lower"})  # fmt: skip


def _foreign_asides(doc: Any) -> set[int]:
    """Token indices inside a name's foreign forms, "(Russian: Группа Вагнера, romanized: Gruppa Vagnera)":
    transliterations are not entities, and "Russian:" there names a language, not the state."""
    inside: set[int] = set()
    text = doc.text
    for token in doc:
        if token.text == "(" and _LANGUAGE_ASIDE.match(text[token.idx : token.idx + 40]):
            depth, j = 0, token.i
            while j < len(doc):
                depth += doc[j].text == "("
                depth -= doc[j].text == ")"
                inside.add(j)
                if depth == 0:
                    break
                j += 1
    return inside


def _place_in_name(linked: LinkedDoc, ent: Any) -> Any:
    """A place named after a place: "Warsaw Chopin Airport", "Adazi Military Base" (a known place, then a
    capitalised run ending in a place noun) and "Eastern Europe", "North America" (a compass word before a
    known region). Returns the whole name's span, or None."""
    doc, ontology = ent.doc, linked.ontology
    ind = ontology.individuals.get(ent.ent_id_.partition(ID_SEP)[0])
    if ind is None or ind.cls not in ("Location", "Country", "InternationalOrganization"):
        return None
    compass = ent.start > 0 and doc[ent.start - 1].text in COMPASS and not doc[ent.start - 1].ent_id_
    if compass and ind.cls == "Location":
        start = ent.start - 1
        if start >= 2 and doc[start - 1].lower_ in ("and", "or") and doc[start - 2].text in COMPASS:
            start -= 2  # "Central and Eastern Europe": coordinated compass words share one region
        return doc[start : ent.end]
    if ind.cls != "Location" and ent.end < len(doc) and doc[ent.end].lower_ in ("headquarters", "hq"):
        return doc[ent.start : ent.end + 1]  # "NATO headquarters", "EU HQ": a place, in any case
    end = ent.end
    while end < len(doc) and end - ent.end < 4 and doc[end].is_title and not doc[end].ent_id_:
        end += 1
    if end > ent.end and ontology.descriptors.get(doc[end - 1].lemma_.lower()) == "Location":
        return doc[ent.start : end]
    return None


def _body_heads(ontology: Ontology) -> frozenset[str]:
    """Head words that make a name a body's: organs ("Joint Chiefs of Staff") and organisations ("the Central
    Election Commission"), whatever describes the name."""
    return ontology.organ_nouns | frozenset(ORGANISATION_HEADS) | {"chiefs"}


def _has_head(ontology: Ontology, words: Any, heads: frozenset[str]) -> bool:
    """Does a run of name words hold one of the head nouns, one word or two ("air force")?"""
    lowered = [t.lower_ for t in words]
    keys = set(lowered) | {t.lemma_.lower() for t in words} | {f"{a} {b}" for a, b in itertools.pairwise(lowered)}
    return bool(keys & heads)


def _other_edition(linked: LinkedDoc, ent: Any) -> Any:
    """A known event's name followed by another year names another edition: "Zapad 2021" when the gazetteer
    knows "Zapad 2025" (and "Zapad" as its short name). Returns the edition's span, or None."""
    ind = linked.ontology.individuals.get(ent.ent_id_.partition(ID_SEP)[0])
    doc = ent.doc
    if ind is None or ind.cls != "Event" or ent.end >= len(doc) or not _YEAR.match(doc[ent.end].text):
        return None
    if doc[ent.end].text in ind.label:
        return None
    return doc[ent.start : ent.end + 1]


def _state_in_name(linked: LinkedDoc, ent: Any) -> Any:
    """ "the Norwegian Institute for Defence Studies", "the Latvian Navy", "United States Army", "the Polish
    Ministry of National Defence": a state's demonym or name that opens an organisation's or organ's capitalised
    name belongs to the name. Returns the whole name's span, or None."""
    doc, ontology = ent.doc, linked.ontology
    ind = ontology.individuals.get(ent.ent_id_.partition(ID_SEP)[0])
    if ind is None or ind.cls not in ("Country", "InternationalOrganization", "Location") or ent.end >= len(doc):
        return None  # "Allied Command Operations": NATO's commands are its organs
    possessive = _possessive_organ(ontology, doc, ent.end)
    if possessive is not None:
        return doc[ent.start : possessive]  # "Ukraine's air force", "Russia's defence ministry"
    # the capitalised run after the demonym, with lower-case linking words inside it
    end = ent.end
    while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in NAME_LINKS and end + 1 < len(doc)
                                                    and doc[end + 1].is_title)
                              or (doc[end].lower_ == "of" and end + 2 < len(doc) and doc[end + 1].lower_ == "the"
                                  and doc[end + 2].is_title)):  # fmt: skip
        end += 1 if doc[end].lower_ != "of" or doc[end + 1].is_title else 2  # "Department of the Treasury"
    other = next((t.i for t in doc[ent.end : end] if _names_other(ontology, t)), None)
    if other is not None:  # "United States Air Force and United States Navy": the name ends before the next one
        links = [i for i in range(ent.end, other) if doc[i].lower_ in NAME_LINKS]
        end = links[-1] if links else ent.end
    words = doc[ent.end : end]
    if not len(words) or doc[end - 1].lower_ in NAME_LINKS:
        return None
    organ = _has_head(ontology, words, ontology.organ_nouns)
    if ind.cls == "Location":  # "the Middle East Institute", "U.S. Africa Command", "Asia Times": a body named so
        body = organ or _has_head(ontology, words, frozenset(ORGANISATION_HEADS) | PRESS_HEADS)
        return doc[ent.start : end] if body and ent.label_ != "NORP" else None
    if not organ and ind.cls != "Country":
        return None
    if not organ and (ent.label_ != "NORP" or _generic_institution(clean_name(words.text))):
        return None
    if not organ and not _has_head(ontology, words, frozenset(ORGANISATION_HEADS)):
        return None
    return doc[ent.start : end]


def _names_other(ontology: Ontology, token: Any) -> bool:
    """Is the token part of another gazetteer name than a place ("Africa" may sit inside "U.S. Africa Command")?"""
    if not token.ent_id_:
        return False
    ind = ontology.individuals.get(token.ent_id_.partition(ID_SEP)[0])
    return ind is None or ind.cls != "Location"


def _possessive_organ(ontology: Ontology, doc: Any, start: int) -> int | None:
    """The end of an organ named by the state's possessive and a compound organ noun, lower case included:
    "Ukraine's air force", "Russia's defence ministry", "Poland's armed forces" (a bare "Russia's forces" is
    the state's, an agent noun)."""
    if start >= len(doc) or doc[start].lower_ not in ("'s", "’s", "'", "’"):
        return None
    end = start + 1
    while end < len(doc) and end - start <= 3 and doc[end].pos_ in ("NOUN", "ADJ", "PROPN") and not doc[end].ent_id_:
        end += 1
    words = doc[start + 1 : end]
    if len(words) < 2:
        return None
    pair = f"{words[-2].lower_} {words[-1].lower_}"
    # "air force", "armed forces": an organ noun of two words; "defence ministry": a noun compound on one
    if pair in ontology.organ_nouns:
        return end
    # "defence ministry"; but "Russia's main assault force" is a role the state's troops play, not an organ
    if words[-1].lower_ in ontology.organ_nouns and words[-2].pos_ == "NOUN" and words[-1].lower_ not in AGENT_HEADS:
        return end
    return None


AGENT_HEADS = frozenset({"force", "forces"})  # organ nouns that, lower case after a possessive, are the state's


def _organ_of_state(linked: LinkedDoc, ent: Any) -> tuple[Any, Any] | None:
    """ "the Armed Forces of Belarus", "the Ministry of Foreign Affairs of Ukraine": an organ's name that the
    NER cut before the state's name (the gazetteer took the state). Returns (the whole name, the state's
    entity), or None."""
    doc, ontology = ent.doc, linked.ontology
    end = ent.end
    if doc[end - 1].lower_ == "the":
        end -= 1
    if doc[end - 1].lower_ != "of" or not _has_head(ontology, doc[ent.start : end], ontology.organ_nouns):
        return None
    start = ent.end + (ent.end < len(doc) and doc[ent.end].lower_ == "the")
    if start >= len(doc) or doc[start].ent_iob_ != "B" or not doc[start].ent_id_:
        return None
    stop = start + 1
    while stop < len(doc) and doc[stop].ent_iob_ == "I":
        stop += 1
    state = doc[start:stop]
    ind = ontology.individuals.get(doc[start].ent_id_.partition(ID_SEP)[0])
    if ind is None or ind.cls != "Country":
        return None
    return doc[ent.start : state.end], state


def _trimmed_body_name(ontology: Ontology, doc: Any, ent: Any) -> Any:
    """The NER's organisation name, mended: "the 7th Light Mechanised Brigade" keeps its ordinal; "National
    Security Council Coordinator for Strategic Communications" ends before the title that follows the body."""
    if ent.label_ not in ("ORG", "PERSON"):
        return ent
    start, end = ent.start, ent.end
    numbered = end < len(doc) and doc[end].like_num and doc[end].head.i in range(start, end)
    if numbered and _has_head(ontology, [ent.root], ontology.organ_nouns):
        return Span(doc, start, end + 1, label=ent.label_)  # "Destroyer Squadron 14": the unit's number
    if ent.label_ != "ORG":
        return ent
    if start > 0 and doc[start - 1].ent_type_ == "ORDINAL" and doc[start - 1].text[:1].isdigit():
        start -= 1
    while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        word = doc[end].lower_
        if doc[end - 1].head.i < end or word in ontology.titles or word in ROLE_WORDS or word in RANK_WORDS:
            break  # "Defense Minister", "Army Gen.": a title after the body, not more of its name
        end += 1  # "the 7th Light Mechanised Brigade Combat Team": the compound's head the NER left out
    heads = _body_heads(ontology)
    for k in range(ent.start + 1, end):
        role = doc[k].lower_ in ontology.titles or doc[k].lower_ in ROLE_WORDS
        if role and doc[k].is_title and _has_head(ontology, doc[start:k], heads):
            end = k
            break
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _class_by_description(ontology: Ontology, ent: Any) -> str | None:
    """A new name takes the class of the noun that describes it, which the statistical NER often gets wrong:
    "the Oreshnik missile system", "Bayraktar TB2 drones", "the town of Unecha", "the Druzhba pipeline"."""
    root = ent.root
    last = ent[-1]
    if ent.label_ in ("ORG", "FAC", "EVENT") and last.is_title and ontology.descriptors.get(last.lower_) == "Event":
        return "Event"  # the name's own head: "the Bucharest 9 Meeting", "the Bilateral Defense Consultations"
    place_head = last.is_title and ontology.descriptors.get(last.lower_) == "Location"
    if ent.label_ in ("ORG", "PERSON") and place_head and not _has_head(ontology, ent, ontology.organ_nouns):
        return "Location"  # "Voronezh Oblast", "Rzeszów Airport"; not "the Southern Military District"
    head_words = [t for t in ent if t.i == root.i or (t.i == root.i - 1 and t.head.i == root.i)]
    if ent.label_ in ("FAC", "PERSON", "EVENT", "PRODUCT") and _has_head(ontology, head_words, _body_heads(ontology)):
        return "Organization"  # "the Cyber Centre of Excellence", "Destroyer Squadron": a body's name
    candidates = []
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "Terrier, Titan and Trojan armoured vehicles": what the list is of
    if first.dep_ in ("compound", "nmod", "appos") and first.head.i >= ent.end:
        candidates.append(first.head)
    if first.dep_ == "appos" and first.head.i < ent.start and first.head.pos_ == "NOUN":
        candidates.append(first.head)  # "the oil tanker Eagle S", "his associates Artem Marchevskyi and …"
    candidates += [c for c in root.children if c.dep_ == "compound" and c.i < ent.start and c.pos_ == "NOUN"]
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        candidates.append(root.head.head)  # "the town of Unecha"
    if ent.label_ != "PERSON":  # "Thomas D. Paulson, Commander Cruiser-Destroyer Group Two": his command
        candidates += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "nsubj" and root.head.lemma_ in COPULAS:
        candidates += [c for c in root.head.children if c.dep_ == "attr"]  # "Zapad 2021 was a military exercise"
    body = _has_head(ontology, ent, _body_heads(ontology))
    for noun in candidates:
        cls = ontology.descriptors.get(noun.lemma_.lower())
        if cls is not None and body and cls != "Organization":
            return None  # "a Joint Chiefs of Staff-directed exercise": a body running the exercise, not its name
        if cls is not None and cls not in ("Country", "InternationalOrganization"):
            return cls
    return None


COPULAS = frozenset({"be", "remain", "become"})
_YEAR = re.compile(r"^(?:19|20)\d\d$|^\d\d$")


# an edition number closing an event's name: a year, or its last two digits ("Saber Strike 17", "BALTOPS '90")
_EDITION = re.compile(r"^(?:19[4-9]\d|20\d\d|'?\d\d)$")
# capitalised words before a year that date something rather than name it
_CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "spring",
     "summer", "autumn", "fall", "winter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "fy", "q1", "q2", "q3", "q4", "mid", "early", "late", "since", "in", "by", "until"}
)  # fmt: skip
_NAME_WORD_NER = ("", "DATE", "EVENT", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "CARDINAL", "PERSON", "GPE")


def _edition_name(linked: LinkedDoc, token: Any) -> Any:
    """A name closed by its edition: capitalised proper nouns the gazetteer does not know, then a year or its two
    digits — "Steadfast Defender 2024", "Cold Response 2022", "Zapad 2021", "Saber Strike 17", "BALTOPS '90".
    Exercises, summits and programmes are named so; a two-digit edition needs two words ("Saber Strike 17")."""
    doc = token.doc
    edition = token
    if token.text.isdigit() and token.i > 0 and doc[token.i - 1].text == "'" and not doc[token.i - 1].whitespace_:
        edition = doc[token.i - 1]  # "BALTOPS '90": the apostrophe is its own token
    elif not _EDITION.match(token.text) or (token.i + 1 < len(doc) and doc[token.i + 1].text == "'"):
        return None
    short = len(token.text) < 4
    start = edition.i
    while start > token.sent.start:
        word = doc[start - 1]
        hyphened = start - 2 >= token.sent.start and doc[start - 2].text == "-" and not doc[start - 2].whitespace_
        if word.text == "-" and not word.whitespace_ and start - 2 >= token.sent.start:
            if doc[start - 2].pos_ != "PROPN" or doc[start - 2].whitespace_:
                break
            start -= 1  # "Defender-Europe 21"
            continue
        if word.pos_ != "PROPN" or not (word.is_title or (word.is_upper and len(word) > 2)) or not word.is_alpha:
            break
        link = linked.token_links.get(word.i)
        known = link is not None and link.how != "ner" and not hyphened  # "Europe" in "Defender-Europe" is a part
        ner_ok = word.ent_type_ in _NAME_WORD_NER or hyphened
        if word.ent_type_ == "PERSON" and not short:
            ner_ok = False  # "Joe Smith 2020" dates a person; "Saber Strike 17" the NER took for one
        if word.lower_ in _CALENDAR_WORDS or not ner_ok or known:
            break
        start -= 1
    words = [t for t in doc[start : edition.i] if t.is_alpha]
    if not words or (short and len(words) < 2 and edition is token) or doc[start].text == "-":
        return None
    if _has_head(linked.ontology, words, linked.ontology.organ_nouns):
        return None  # "Destroyer Squadron 14", "Brigade 2024": a unit's number, not an edition
    return doc[start : token.i + 1]


def _event_key(words: Any, noun: Any | None) -> tuple[str, ...]:
    """What identifies a named event across its mentions: its year and kind ("2025 The Hague NATO summit" and
    "the 2025 The Hague summit"), else its words."""
    years = [t.text for t in words if _YEAR.match(t.text)]
    if years and noun is not None:
        return (years[0], noun.lemma_.lower())
    kept = [t.lower_ for t in words if t.lower_ not in ("the", "'")]
    if kept and kept[0] in ("exercise", "operation"):
        kept = kept[1:]  # "Exercise Trident Juncture 2018" is "Trident Juncture 18"
    if len(kept) > 1 and _EDITION.match(kept[-1]) and len(kept[-1].lstrip("'")) == 2:
        short = int(kept[-1].lstrip("'"))
        kept[-1] = str(2000 + short if short < 50 else 1900 + short)  # "BALTOPS '90" is BALTOPS 1990
    return tuple(kept)


def _link_event_names(linked: LinkedDoc, doc: Any) -> None:
    """Named events the NER misses or misclasses: "the 2023 Vilnius summit", "the Washington NATO summit"
    (a year or a place before an event noun), "Zapad 2025 exercises" (a name before it: the name alone),
    "Operation Eastern Sentry". Mentions with the same year and kind, or the same words, are one event."""
    ontology = linked.ontology
    nouns = {d for d, cls in ontology.descriptors.items() if cls == "Event"}
    by_key: dict[tuple[str, ...], str] = {}
    for iri, entity in linked.entities.items():
        if entity.cls == "Event":
            by_key.setdefault(tuple(entity.label.lower().split()), iri)
    for token in doc:
        lemma = token.lemma_.lower()
        defined = _defined_event_name(ontology, token, nouns)
        if defined is not None:
            _add_event(linked, defined, by_key, None)  # "Defender-Europe 21 was a multinational exercise"
            continue
        if token.text.istitle() and lemma in ("operation", "exercise") and token.i + 1 < len(doc):
            # "Operation Eastern Sentry", "Exercise Baltic Sentry": the capitalised run after it
            end = token.i + 1
            while end < len(doc) and _name_word(doc[end]) and doc[end].ent_type_ != "DATE":
                end += 1  # "Operation CABRIT": code names are often in capitals
            if end > token.i + 1 and end < len(doc) and _EDITION.match(doc[end].text):
                end += 1  # "Exercise Trident Juncture 2018": the edition closes the name
            if end > token.i + 1:
                _add_event(linked, doc[token.i : end], by_key, None)
            continue
        edition = _edition_name(linked, token)
        if edition is not None:
            _add_event(linked, edition, by_key, None)  # "Steadfast Defender 2024", "Saber Strike 17"
            continue
        named = _name_after_event_noun(linked, token, nouns)
        if named is not None:
            _add_event(linked, named, by_key, None)  # "the exercise Baltic Shield 2024"
            continue
        if lemma not in nouns or token.pos_ not in ("NOUN", "PROPN") or linked.token_links.get(token.i):
            continue
        convened = _meeting_of_body(linked, token)
        if convened is not None:  # "a meeting of the North Atlantic Council"
            _add_event(linked, convened, by_key, token, linked_end=token.i + 1)
            continue
        owned = _owned_event(linked, token)
        if owned is not None:
            _add_event(linked, owned, by_key, token)  # "NATO's mission in Afghanistan", "the NATO Summit in Madrid"
            continue
        if token.dep_ == "attr" and token.head.lemma_ in COPULAS:
            continue  # "Zapad 2021 was a Russian military exercise": the noun describes the subject's name
        if token.text.istitle() and token.i > token.sent.start and _capitalised_name(linked, token) is not None:
            _add_event(linked, _capitalised_name(linked, token), by_key, token)  # "the Polish–Soviet War"
            continue
        start = token.i
        while start > 0 and (
            doc[start - 1].pos_ == "PROPN"
            or _YEAR.match(doc[start - 1].text)
            or (doc[start - 1].text == "The" and start - 1 > 0 and _YEAR.match(doc[start - 2].text))
            or (doc[start - 1].like_num and start > 1 and doc[start - 2].pos_ == "PROPN")  # "Bucharest 9 Meeting"
        ):  # "the 2025 The Hague summit"
            start -= 1
        words = doc[start : token.i]
        if not len(words):
            continue
        links = [linked.token_links.get(t.i) for t in words]
        names = [t for t, link in zip(words, links, strict=True) if t.pos_ == "PROPN" and link is None]
        places = [link for link in links if link is not None and linked.entities[link.iri].cls == "Location"]
        years = [t for t in words if _YEAR.match(t.text)]
        if (names and names[-1].i == token.i - 1) or (names and years and years[-1].i == token.i - 1):
            first = min(t.i for t in names)
            _add_event(linked, doc[first : token.i], by_key, None)  # "Zapad 2025 exercises" -> "Zapad 2025"
        elif years or places:
            end = _event_object_end(linked, token) if years and not places else token.i + 1
            # "the 2023 Vilnius summit", "the 2008 invasion of Georgia"
            _add_event(linked, doc[start:end], by_key, token, linked_end=token.i + 1)


EVENT_OBJECT_PREPS = frozenset({"of", "in", "into", "on", "against"})


def _event_object_end(linked: LinkedDoc, noun: Any) -> int:
    """Where a dated event's name ends: "the 2008 invasion of Georgia", "the 2015 intervention in Syria", "the
    2014 Revolution of Dignity" take the place or the capitalised words after the noun's preposition."""
    doc = noun.doc
    end = noun.i + 1
    if end + 1 >= len(doc) or doc[end].lower_ not in EVENT_OBJECT_PREPS or doc[end].head.i != noun.i:
        return end
    first = end + 1 + (doc[end + 1].lower_ == "the")
    stop = first
    while (
        stop < len(doc) and doc[stop].is_title and (linked.link_at(doc[stop]) is None or _place_link(linked, doc[stop]))
    ):
        stop += 1
    return stop if stop > first else end


def _place_link(linked: LinkedDoc, token: Any) -> bool:
    link = linked.link_at(token)
    return link is not None and linked.cls(link.iri) in PLACE_CLASSES


def _meeting_of_body(linked: LinkedDoc, noun: Any) -> Any:
    """ "participated in a meeting of the Foreign Affairs Council of the European Union": a body's meeting is an
    event named by the body ("meeting of the …"), the body keeping its own link."""
    if noun.lemma_.lower() not in ("meeting", "session") or noun.pos_ != "NOUN" or noun.is_title:
        return None
    for body in prep_objects(noun, "of"):
        link = linked.link_at(body)
        if link is not None and linked.cls(link.iri) in ("InternationalOrganization", "Organization"):
            end = body.i + 1  # the body's name, with the names that close it ("… Council of the European Union")
            while end <= body.right_edge.i and (linked.link_at(noun.doc[end]) or noun.doc[end].lower_ in ("of", "the")):
                end += 1
            while noun.doc[end - 1].lower_ in ("of", "the"):
                end -= 1
            return noun.doc[noun.i : end]
    return None


def _name_after_event_noun(linked: LinkedDoc, token: Any, nouns: set[str]) -> Any:
    """ "took part in the exercise Baltic Shield 2024": a name in apposition to an event noun is the event's,
    whatever the NER took it for (a known individual keeps its own class)."""
    if token.dep_ != "appos" or token.pos_ != "PROPN" or token.head.lemma_.lower() not in nouns:
        return None
    if token.left_edge.i <= token.head.i or any(t.pos_ == "DET" for t in token.subtree):
        return None  # the name follows the noun and is a bare name
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    if span.start > 0 and token.doc[span.start - 1].text == "(":
        return None  # "the Ukraine Security Assistance Initiative (USAI)": the name's acronym
    known = [link for t in span for link in [linked.link_at(t)] if link is not None and linked.entities[link.iri].known]
    return span if all(_name_word(t) for t in span) and not known else None


def _name_word(token: Any) -> bool:
    return token.is_title or token.like_num or (token.is_upper and token.is_alpha and len(token) > 1)


def _link_framed_events(linked: LinkedDoc, doc: Any) -> None:
    """A named event named by its frame (kg:eventAgent, kg:eventTarget, kg:eventNoun): "Russia's war of
    aggression against Ukraine", "Russia's full-scale invasion of Ukraine" are the Russian invasion of Ukraine.
    The event noun is linked to the event; the agent and the target keep their own links."""
    framed = [ind for ind in linked.ontology.individuals.values() if ind.event_nouns and ind.event_target]
    if not framed:
        return
    for token in doc:
        if token.pos_ != "NOUN" or linked.token_links.get(token.i) is not None:
            continue
        for event in framed:
            if token.lemma_.lower() not in event.event_nouns:
                continue
            # the phrase the noun heads: "Russia's war of aggression against Ukraine"
            names = {linked.token_links[t.i].iri for t in token.subtree if t.i in linked.token_links}
            if any(c.like_num for c in token.children):
                continue  # "the 2014 invasion of Ukraine" is another event than the one the frame names
            # agent and target, or one of them with no other party in the phrase ("Russia's unprovoked
            # invasion", "the war against Ukraine"); "Russia's war in Syria" is another war
            others = {n for n in names if linked.entities[n].cls in ("Country", "Location")} - {
                event.event_agent,
                event.event_target,
            }
            if not others and (event.event_target in names or event.event_agent in names):
                linked.entities.setdefault(event.iri, entity_of(event))
                linked.token_links[token.i] = Link(event.iri, "frame")
                linked.mentions.append(Mention(token.text, token.idx, token.idx + len(token.text), event.iri, "frame"))
                break


# when the NER gives one name two classes in an article, the more specific reading wins
CLASS_PREFERENCE = ("Event", "MilitaryAsset", "Location", "Organization", "Person")


def _one_entity_per_name(linked: LinkedDoc) -> None:
    """One name, one entity per article: "Steadfast Defender" tagged as an organisation in one sentence and
    named an exercise in another is the exercise. Only minted (unknown) entities are merged."""
    by_name: dict[str, list[Entity]] = {}
    for entity in linked.entities.values():
        if not entity.known:
            by_name.setdefault(entity.label.casefold(), []).append(entity)
    for same in (group for group in by_name.values() if len(group) > 1):
        ranked = sorted(same, key=lambda e: CLASS_PREFERENCE.index(e.cls) if e.cls in CLASS_PREFERENCE else 99)
        keep, drop = ranked[0], {e.iri for e in ranked[1:]}
        for i, link in list(linked.token_links.items()):
            if link.iri in drop:
                linked.token_links[i] = Link(keep.iri, link.how, link.metonym)
        linked.mentions[:] = [replace(m, entity=keep.iri) if m.entity in drop else m for m in linked.mentions]
        for organ in drop & set(linked.organ_states):
            linked.organ_states.setdefault(keep.iri, []).extend(linked.organ_states.pop(organ))
        for iri in drop:
            linked.entities.pop(iri, None)


def _link_titled_names(linked: LinkedDoc, doc: Any) -> None:
    """People the NER misses after their title: "President of Estonia Kersti Kaljulaid", "Statement by Finnish
    President Alexander Stubb" — a title, optionally "of" a state, then a run of two to four capitalised words
    that nothing else took."""
    titles = linked.ontology.titles
    for token in doc:
        if token.lower_ not in titles and token.lemma_.lower() not in titles:
            continue
        if not token.text[:1].isupper():
            continue
        i = token.i + 1
        if i < len(doc) and doc[i].lower_ == "of":  # "President of Estonia", "Prime Minister of the Netherlands"
            i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
            start = i
            while i < len(doc) and linked.token_links.get(i) is not None:
                i += 1
            if i == start:
                continue
        end = i
        while end < len(doc) and end - i < 4 and doc[end].is_title and doc[end].pos_ == "PROPN":
            if linked.token_links.get(end) is not None or doc[end].ent_type_ not in ("", "PERSON"):
                break
            end += 1
        if end - i >= 2:
            name = doc[i:end]
            iri = str(entity_iri(clean_name(name.text), "Person"))
            linked.entities.setdefault(iri, Entity(iri=iri, label=clean_name(name.text), cls="Person", known=False))
            _add(linked, name, Link(iri, "titled"))
            _merge_surname(linked, clean_name(name.text).split()[-1], iri)


def _merge_surname(linked: LinkedDoc, surname: str, iri: str) -> None:
    """ "Kaljulaid" alone, read before the full name was found after its title, is that person."""
    for other, entity in list(linked.entities.items()):
        if other == iri or entity.cls != "Person" or entity.known or entity.label != surname:
            continue
        del linked.entities[other]
        for i, link in list(linked.token_links.items()):
            if link.iri == other:
                linked.token_links[i] = Link(iri, "surname")
        linked.mentions[:] = [
            replace(m, entity=iri, how="surname") if m.entity == other else m for m in linked.mentions
        ]


# what a group of states named by its number is called: "the Bucharest 9 format", "the Weimar Triangle platform"
GROUP_NOUNS = frozenset({"format", "platform", "group", "grouping"})
_GROUP_NUMBER = re.compile(r"^(?:[2-9]|[1-3]\d|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)$")


def _link_numbered_groups(linked: LinkedDoc, doc: Any) -> None:
    """Groups of states named by their number, which the NER misses: "the Nordic-Baltic 8 - Denmark, Estonia,
    … -", "the Bucharest 9 platform". Capitalised words and a number are a group's name when a list of states
    follows it between dashes or brackets, or a noun for a format of states does."""
    for token in doc:
        if not _GROUP_NUMBER.match(token.text) or token.i == 0 or token.i in linked.token_links:
            continue
        start = token.i
        while start > token.sent.start and (
            (doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "ADJ"))
            or (doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_)
        ):
            start -= 1
        words = doc[start : token.i]
        other = [link for t in words if (link := linked.token_links.get(t.i)) and linked.cls(link.iri) != "Location"]
        if start == token.i or doc[start].text in ("-", "–") or other:
            continue  # a name inside may be a place ("Bucharest 9"), not a state or a body
        after = doc[token.i + 1 : token.i + 12]
        states = [t.i for t in after if (link := linked.token_links.get(t.i)) and linked.cls(link.iri) == "Country"]
        # the list of its states right after a dash or bracket: "the Nordic-Baltic 8 - Denmark, Estonia, …"
        listed = len(after) > 1 and after[0].text in ("-", "–", "—", "(", ":") and len(states) >= 2
        listed = listed and states[0] <= token.i + 3
        named = len(after) > 0 and after[0].lemma_.lower() in GROUP_NOUNS
        if not (listed or named):
            continue
        span = doc[start : token.i + 1]
        name = clean_name(span.text)
        # "Bucharest" in "the Bucharest 9" names the group, not a place the text speaks of
        linked.mentions[:] = [m for m in linked.mentions if not span.start_char <= m.start < span.end_char]
        iri = str(entity_iri(name, "InternationalOrganization"))
        linked.entities.setdefault(iri, Entity(iri=iri, label=name, cls="InternationalOrganization", known=False))
        _add(linked, span, Link(iri, "group-name"))


def _link_repeated_names(linked: LinkedDoc, doc: Any) -> None:
    """A name the article gave an event stands for it wherever it recurs, the headline included (one sense per
    discourse): the NER tags "Saber Strike 17" one way in the title and another in the text."""
    names: dict[tuple[str, ...], str] = {}
    for mention in linked.mentions:
        if mention.how == "event-name":
            span = doc.char_span(mention.start, mention.end)
            if span is not None:
                names.setdefault(tuple(t.text for t in span if t.lower_ != "the"), mention.entity)
    if not names:
        return
    longest = max(len(n) for n in names)
    i = 0
    while i < len(doc):
        for size in range(min(longest, len(doc) - i), 0, -1):
            iri = names.get(tuple(t.text for t in doc[i : i + size]))
            span = doc[i : i + size]
            if iri is None or any(linked.token_links.get(t.i, Link("", "")).iri == iri for t in span):
                continue
            for token in span:
                linked.token_links[token.i] = Link(iri, "event-name")
            linked.mentions.append(Mention(span.text, span.start_char, span.end_char, iri, "event-name"))
            i += size - 1
            break
        i += 1


def _capitalised_name(linked: LinkedDoc, noun: Any) -> Any:
    """ "the Polish–Soviet War", "the Cold War", "the Battle of Bakhmut": an event noun capitalised inside a
    sentence is part of a name — the capitalised words and dashes before it, or its "of" place after it."""
    doc = noun.doc
    start = noun.i
    while start > noun.sent.start and (
        doc[start - 1].is_title or doc[start - 1].text in ("–", "-", "—") or _YEAR.match(doc[start - 1].text)
    ):
        start -= 1  # "the 2008 Bucharest Summit", "the Polish–Soviet War"
    while start < noun.i and (not (doc[start].is_title or _YEAR.match(doc[start].text)) or doc[start].lower_ == "the"):
        start += 1
    end = noun.i + 1
    unlinked = end + 1 < len(doc) and linked.link_at(doc[end + 1]) is None  # "the Revolution of Dignity"
    if (start == noun.i or unlinked) and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title:
        end += 2  # "the Battle of Bakhmut"
        while end < len(doc) and doc[end].is_title:
            end += 1
    return doc[start:end] if end - start > 1 else None


def _owned_event(linked: LinkedDoc, noun: Any) -> Any:
    """An organisation's event at a place: "NATO's mission in Afghanistan", "the NATO Summit in Madrid" — the
    owner's possessive or name before the event noun, the place after it."""

    def cls(t: Any) -> str | None:
        link = linked.token_links.get(t.i)
        return linked.entities[link.iri].cls if link is not None else None

    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
        return None  # "X is a NATO exercise in Europe": the noun describes X, it names nothing new
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and cls(c) in ("InternationalOrganization",
                                                                                         "Organization")]  # fmt: skip
    places = [o for o in prep_objects(noun, "in") if cls(o) in ("Location", "Country")]
    if not owners or not places:
        return None
    start = min(t.i for o in owners for t in o.subtree)
    end = max(t.i for p in places for t in p.subtree) + 1
    return noun.doc[start:end]


def _defined_event_name(ontology: Ontology, token: Any, nouns: set[str]) -> Any:
    """The subject of a copula whose predicate is an event noun, when it is a name (proper nouns, numbers and
    hyphens only): "Defender-Europe 21 was a large-scale exercise", "BALTOPS is an annual military exercise"."""
    if token.dep_ != "nsubj" or token.head.lemma_ not in COPULAS:
        # "Saber Strike 17, a month-long exercise", not "the invasion of Georgia, 2014 invasion of Ukraine": a
        # dated event noun is the next item of a list
        appositive = [
            c for c in token.children
            if c.dep_ == "appos" and c.lemma_.lower() in nouns and not any(_YEAR.match(m.text) for m in c.lefts)
        ]  # fmt: skip
        if not appositive or token.pos_ != "PROPN":
            return None  # "Saber Strike 17, a month-long exercise including …" names it by apposition
        attrs = appositive
    else:
        attrs = [c for c in token.head.children if c.dep_ == "attr"]
    attrs += [o for c in attrs for o in prep_objects(c, "of")]  # "is this year's iteration of an exercise"
    attrs += [a for c in attrs for a in c.children if a.dep_ == "appos"]  # "a large-scale, …, joint exercise"
    if not any(c.lemma_.lower() in nouns for c in attrs):
        return None
    doc = token.doc

    def part(t: Any) -> bool:  # "Enhanced Forward Presence": a capitalised adjective opens the name too
        return (
            t.pos_ == "PROPN" or t.like_num or t.text in ("-", "'", "’") or (t.is_title and t.pos_ in ("ADJ", "VERB"))
        )

    # the run of name words around the subject's head, not its alternatives ("X or Y") and asides ("(…)")
    start, end = token.i, token.i + 1
    while start > token.left_edge.i and part(doc[start - 1]):
        start -= 1
    while end <= token.right_edge.i and part(doc[end]):
        end += 1
    if not doc[start].text[:1].isupper() or not part(token):
        return None
    return doc[start:end]


def _add_event(
    linked: LinkedDoc, span: Any, by_key: dict[tuple[str, ...], str], noun: Any | None, linked_end: int | None = None
) -> None:
    """Link a name to its event (one per key); ``linked_end`` stops the token links where the name's place
    begins ("the 2008 invasion of Georgia": Georgia stays the country)."""
    key = _event_key(span, noun)
    name = clean_name(span.text)
    links = [linked.token_links.get(t.i) for t in span if linked_end is None or t.i < linked_end]

    def settled(link: Link | None) -> bool:  # an event the gazetteer or an earlier name gave (not the NER's guess)
        return link is not None and linked.cls(link.iri) == "Event" and link.how != "ner"

    if not name or any(settled(link) for link in links):
        return
    for link in links:  # a name the NER took for something else ("Operation Eastern Sentry" as an ORG)
        if (
            link is not None
            and link.iri in linked.entities
            and not linked.entities[link.iri].known
            and link.how == "ner"
        ):
            linked.entities.pop(link.iri, None)
            linked.mentions[:] = [m for m in linked.mentions if m.entity != link.iri]
            for i, other in list(linked.token_links.items()):
                if other.iri == link.iri:
                    del linked.token_links[i]
    iri = by_key.get(key) or str(entity_iri(name, "Event"))
    by_key.setdefault(key, iri)
    linked.entities.setdefault(iri, Entity(iri=iri, label=name, cls="Event", known=False))
    for token in span:
        inner = linked.token_links.get(token.i)
        if (inner is not None and token.i != span.root.i) or (linked_end is not None and token.i >= linked_end):
            continue  # "Vilnius" inside "the 2023 Vilnius summit" keeps its own link for the event's place
        linked.token_links[token.i] = Link(iri, "event-name")
    linked.mentions.append(Mention(span.text, span.start_char, span.end_char, iri, "event-name"))


def _link_gazetteer(linked: LinkedDoc, ent: Any) -> None:
    ontology = linked.ontology
    iri, _, how = ent.ent_id_.partition(ID_SEP)
    ind = ontology.individuals.get(iri)
    if ind is None:
        return
    if ind.metonym_for in ontology.individuals and _acts(linked, ent):
        # "Moscow denied": the capital stands for the state
        state = ontology.individuals[ind.metonym_for]  # type: ignore[index]
        linked.entities[state.iri] = entity_of(state)
        _add(linked, ent, Link(state.iri, "metonym", metonym=True))
        return
    linked.entities[iri] = entity_of(ind)
    _add(linked, ent, Link(iri, how or "alias", metonym=how == "metonym"))
    if ind.cls == "Event" and len(ent) > 2:
        _link_inside(linked, ent)


def _link_inside(linked: LinkedDoc, ent: Any) -> None:
    """Names inside a named event keep their own links for the relation rules: in "the Russian invasion of
    Ukraine" the invasion is an event, and Russia and Ukraine are still its parties."""
    nlp_tokens = {t.text: t for t in ent}
    for ind in linked.ontology.individuals.values():
        if ind.cls == "Event":
            continue
        for surface, how in [(s, "alias") for s in (ind.label, *ind.aliases)] + [(d, "demonym") for d in ind.demonyms]:
            token = nlp_tokens.get(surface)
            if token is not None and token.i != ent.root.i:
                linked.entities.setdefault(ind.iri, entity_of(ind))
                linked.token_links[token.i] = Link(ind.iri, how)


def _drop_generic_weapons(linked: LinkedDoc) -> None:
    """ "Iskander missile systems": the named system is the weapon; the generic "missile" is not a mention."""
    for index, link in list(linked.token_links.items()):
        token = linked.doc[index]
        if linked.cls(link.iri) != "MilitaryAsset" or not token.is_lower:
            continue
        # named weapons among the generic noun's modifiers, or beside it on the same head ("the Oreshnik
        # missile system")
        nearby = list(token.children) + (
            [c for c in token.head.children if c.i < token.i] if token.dep_ == "compound" else []
        )
        named = [
            c for c in nearby
            if c.dep_ in ("compound", "nmod") and (other := linked.token_links.get(c.i)) is not None
            and other.iri != link.iri and linked.cls(other.iri) == "MilitaryAsset"
        ]  # fmt: skip
        if named or (token.dep_ == "compound" and (up := linked.token_links.get(token.head.i)) is not None
                     and up.iri != link.iri and linked.cls(up.iri) == "MilitaryAsset"):  # fmt: skip
            del linked.token_links[index]
            linked.mentions = [m for m in linked.mentions if not (m.start == token.idx and m.entity == link.iri)]
    used = {link.iri for link in linked.token_links.values()}
    for iri in [i for i, e in linked.entities.items() if e.cls == "MilitaryAsset" and i not in used]:
        del linked.entities[iri]


def _after_honorific(ent: Any) -> bool:
    return ent.start > 0 and ent.doc[ent.start - 1].text in ("Sir", "Dame", "Lord", "Lady")


PLACE_CLASSES = ("Country", "Location")
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "around", "between"})


def _link_chained_places(linked: LinkedDoc, doc: Any) -> None:
    """ "at Allied Command Operations in Mons (Belgium)", "troops based in Bulford, England": a capitalised name
    the NER missed, at a place preposition and placed by the country or region in apposition, is a place."""
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPS or token.i in linked.token_links:
            continue
        if token.pos_ != "PROPN" or not token.is_title or token.lower_ in _CALENDAR_WORDS:
            continue
        placing = [c for c in token.children if c.dep_ == "appos" and c.i == token.i + 2]
        link = linked.token_links.get(placing[0].i) if placing else None
        if link is None or doc[token.i + 1].text not in (",", "(") or linked.cls(link.iri) not in PLACE_CLASSES:
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
            if start - 1 in linked.token_links:
                break
            start -= 1
        span = doc[start : token.i + 1]
        iri = str(entity_iri(clean_name(span.text), "Location"))
        linked.entities.setdefault(iri, Entity(iri=iri, label=clean_name(span.text), cls="Location", known=False))
        _add(linked, span, Link(iri, "chained-place"))


def _shared_head_names(doc: Any, start: int) -> tuple[list[Any], Any] | None:
    """ "Northern, Central and Eastern Europe", "the Baltic and North Seas": single capitalised words listed
    before one head word. Returns (the listed words, the head) or None."""
    words = [doc[start]]
    i = start + 1
    while i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].is_title:
        words.append(doc[i + 1])
        i += 2
    if i + 2 >= len(doc) or doc[i].lower_ not in ("and", "or") or not doc[i + 1].is_title:
        return None
    words.append(doc[i + 1])
    head = doc[i + 2]
    if not head.is_title or head.pos_ != "PROPN" or any(w.pos_ not in ("PROPN", "ADJ") for w in words):
        return None
    return words, head


def _link_shared_heads(linked: LinkedDoc, doc: Any, known_by_name: dict[tuple[str, str], str]) -> None:
    """Listed words sharing one place name's head are each a place ("the Baltic and North Seas" -> Baltic Sea,
    North Sea) when the last one's name is a known place, or a compass word before one."""
    i = 0
    while i < len(doc):
        found = _shared_head_names(doc, i) if doc[i].is_title and (i == 0 or doc[i - 1].text != ",") else None
        if found is None:
            i += 1
            continue
        words, head = found
        whole = doc[words[0].i : head.i + 1]
        plural = head.tag_ == "NNPS" and head.text.endswith("s")
        singular = head.text[:-1] if plural else head.text
        # "the Baltic and North Seas": the last name is known; "Northern, Central and Eastern Europe": compass
        # words before a known place; "Central and Eastern Europe" is itself a region's name
        last_known = ("Location", f"{words[-1].text} {singular}".casefold()) in known_by_name
        compass = all(w.text in COMPASS for w in words) and ("Location", singular.casefold()) in known_by_name
        region = ("Location", clean_name(whole.text).casefold()) in known_by_name
        if not ((plural and last_known) or compass) or region:
            i = head.i + 1
            continue
        linked.mentions[:] = [m for m in linked.mentions if m.end <= whole.start_char or m.start >= whole.end_char]
        for token in whole:
            linked.token_links.pop(token.i, None)
        for word in words:
            name = f"{word.text} {singular}"
            iri = known_by_name.get(("Location", name.casefold()))
            if iri is not None:
                linked.entities.setdefault(iri, entity_of(linked.ontology.individuals[iri]))
            else:
                iri = str(entity_iri(name, "Location"))
                linked.entities.setdefault(iri, Entity(iri=iri, label=name, cls="Location", known=False))
            span = doc[word.i : head.i + 1] if word is words[-1] else doc[word.i : word.i + 1]
            _add(linked, span, Link(iri, "shared-head"))
        i = head.i + 1
    named = {m.entity for m in linked.mentions}
    for iri in [iri for iri, e in linked.entities.items() if not e.known and iri not in named]:
        del linked.entities[iri]  # a partial name the NER guessed ("Central and Eastern Europe")


def _link_unknown(
    linked: LinkedDoc, pending: list[tuple[Any, str, str]], known_by_name: dict[tuple[str, str], str]
) -> None:
    """Names not in the gazetteer: acronyms defined in the text, surnames of people named in full, else new
    entities (class from the NER label, IRI minted from the name)."""
    doc, ontology = linked.doc, linked.ontology
    # acronyms defined in the text: "Institute for Defence Analysis (IDA)"
    acronyms: dict[str, str] = {}
    for ent in doc.ents:
        after = doc[ent.end : ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
            words = [t.text for t in ent if t.text.lower() not in ("the", "of", "for", "and")]
            if _acronym_of(words).upper().startswith(after[1].text[:2]) or after[1].text in _acronym_of(words):
                acronyms[after[1].text] = ent.text

    # full person names first, so that a bare surname anywhere in the article finds them
    surnames: dict[str, str] = {}
    given: dict[str, str] = {}  # "Sir Michael" is Sir Michael Fallon: British honorifics go with the given name
    for iri, entity in linked.entities.items():
        if entity.cls == "Person" and " " in entity.label:
            surnames.setdefault(entity.label.split()[-1], iri)
            given.setdefault(entity.label.split()[0], iri)
    for _span, cls, name in pending:
        if cls == "Person" and " " in name:
            surnames.setdefault(name.split()[-1], str(entity_iri(name, cls)))
            given.setdefault(name.split()[0], str(entity_iri(name, cls)))

    for ent, cls, name in pending:
        how = "ner"
        if cls != "Person" and " " not in name and name in surnames and name not in acronyms:
            cls = "Person"  # the NER often mislabels a bare surname; the article named the person in full
        elif cls != "Person" and _has_role(ontology, ent.root) and not _has_head(ontology, ent, ROLE_PROOF_HEADS):
            cls = "Person"  # "Nino Lomidze, an analyst at …": only people have roles
        if name in acronyms:
            long_form = clean_name(acronyms[name])
            iri = known_by_name.get((cls, long_form.casefold())) or str(entity_iri(long_form, cls))
            label, how = long_form, "acronym"
        elif cls == "Person" and " " not in name and name in surnames:
            iri, how = surnames[name], "surname"
            label = linked.entities[iri].label if iri in linked.entities else name
        elif cls == "Person" and " " not in name and name in given and _after_honorific(ent):
            iri, how = given[name], "surname"
            label = linked.entities[iri].label if iri in linked.entities else name
        else:
            iri, label = str(entity_iri(name, cls)), name
        if iri in ontology.individuals:
            linked.entities.setdefault(iri, entity_of(ontology.individuals[iri]))
        existing = linked.entities.get(iri)
        if existing is None or (not existing.known and len(label) > len(existing.label)):
            linked.entities[iri] = Entity(iri=iri, label=label, cls=cls, known=False)
        _add(linked, ent, Link(iri, how))


FIRST_PLURAL = frozenset({"we", "our", "us", "ours", "ourselves"})
LOOKBACK = 1500  # tokens a backward search for an antecedent looks through (keeps linking linear in length)
GROUP_CLASSES = frozenset({"Country", "InternationalOrganization", "Organization"})
# nouns that name a text by its issuers: "Statement by the North Atlantic Council", "G7 leaders' communiqué"
ISSUED_NOUNS = frozenset({"statement", "declaration", "communiqué", "communique", "readout", "conclusion"})


def _group_in(linked: LinkedDoc, tokens: Any, skip_preps: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The signatories named in a phrase, in order, without what a topic phrase ("on Ukraine") names."""
    found: list[str] = []
    for token in tokens:
        if any(a.dep_ == "prep" and a.lower_ in skip_preps for a in token.ancestors):
            continue
        link = linked.token_links.get(token.i)
        if link is not None and link.iri not in found and linked.entities[link.iri].cls in GROUP_CLASSES:
            found.append(link.iri)
    return tuple(found)


def _issuers(linked: LinkedDoc, doc: Any) -> tuple[str, ...]:
    """Who "we" is in a text that does not say: the issuers its headline names ("Statement by X and Y")."""
    first = next(iter(doc.sents), None)
    if first is None or linked.article.title.strip() == "" or not first.text.strip():
        return ()
    for token in first:
        if token.lemma_.lower() in ISSUED_NOUNS and token.pos_ in ("NOUN", "PROPN"):
            subtree = [t for t in token.subtree if t.i != token.i]
            people = [t for t in subtree if (link := linked.token_links.get(t.i)) and linked.cls(link.iri) == "Person"]
            if people:
                return ()  # "Statements by X and Y": two speakers, each "we" their own
            return _group_in(linked, subtree, frozenset({"on", "about", "regarding", "concerning", "to"}))
    return ()


def _speaking_body(linked: LinkedDoc, token: Any) -> tuple[str, ...]:
    """ "The United States is taking action …. In doing so, we reiterate …": in the writer's own voice (not in a
    quote), "we" is the state or organisation the text has just spoken of as its subject."""
    sent = token.sent
    if sum(t.text in ('"', "“", "”") for t in sent.doc[sent.start : token.i]) % 2:
        return ()  # inside a quotation "we" is the speaker's side
    if sent.start == 0:
        return ()
    previous = sent.doc[sent.start - 1].sent
    subjects = [t for t in previous if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
    found = []
    for subject in subjects:
        link = linked.token_links.get(subject.i)
        if link is not None and linked.entities[link.iri].cls in ("Country", "InternationalOrganization"):
            found.append(link.iri)
    return tuple(found)


def _link_we(linked: LinkedDoc, doc: Any) -> None:
    """First-person plural to the signatories: "We, the leaders of A, B and C" defines them for the rest of the
    text; before any definition (or without one) the issuers the headline names."""
    group = _issuers(linked, doc)
    for token in doc:
        if token.lower_ not in FIRST_PLURAL:
            continue
        for named in (c for c in token.children if c.dep_ == "appos"):
            # states and their organisations sign ("… and the high representative of the EU"), not titles
            defined = tuple(
                iri for iri in _group_in(linked, named.subtree)
                if linked.cls(iri) in ("Country", "InternationalOrganization")
            )  # fmt: skip
            if defined:
                group = defined  # "We, the G7 foreign ministers of Canada, …, and the high representative of the EU"
                # the body they meet as ("the G7" in "the G7 foreign ministers") acts, but does not cooperate with them
                linked.collectives.update(
                    _group_in(linked, [c for c in named.children if c.dep_ in ("nmod", "compound")])
                )
        found = group or _speaking_body(linked, token)
        if found:
            linked.group_of[token.i] = found


# pronoun -> classes it may refer to; plural "they/their" is left alone (groups of states are too ambiguous)
PRONOUN_CLASSES = {
    "he": ("Person",), "him": ("Person",), "his": ("Person",), "she": ("Person",), "her": ("Person",),
    "it": ("Country", "InternationalOrganization", "Organization", "Event"),
    "its": ("Country", "InternationalOrganization", "Organization"),
}  # fmt: skip


def _link_pronouns(linked: LinkedDoc, doc: Any) -> None:
    """Third-person pronouns to an entity of a compatible class in the same or the previous sentence.

    Preference, as centering theory has it: the subject of the pronoun's own clause when the pronoun is not
    inside that subject, else the most recent subject, else the nearest mention; a pronoun inside an adjunct
    ("imposed sanctions on Iran over its supply of drones") takes the nearest mention.
    With nothing compatible that close, the pronoun stays unlinked (precision first).
    """
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        window_start = sentences[index - 1].start if index > 0 else sent.start
        for token in sent:
            classes = PRONOUN_CLASSES.get(token.lower_)
            if classes is None or token.tag_ not in ("PRP", "PRP$") or token.i in linked.token_links:
                continue
            if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ == "be":
                continue  # "it is likely that...": expletive it
            antecedent = _antecedent(linked, token, window_start, classes)
            if antecedent is not None:
                linked.token_links[token.i] = Link(antecedent.iri, "coref")
                linked.mentions.append(
                    Mention(token.text, token.idx, token.idx + len(token.text), antecedent.iri, "coref")
                )


def _link_descriptions(linked: LinkedDoc, doc: Any) -> None:
    """Definite descriptions: "the think tank", "the country", "the bloc" to the latest entity of their class in
    this or the two sentences before; "the Russian leader" to the person the ontology records as leading
    Russia, when the article named them."""
    ontology = linked.ontology
    sentences = list(doc.sents)
    headline_event = next((link for _, link in headline_events(linked)), None)
    for index, sent in enumerate(sentences):
        window_start = sentences[max(0, index - 2)].start
        for token in sent:
            if token.i in linked.token_links or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.tag_ not in ("NN", "NNP") and ontology.descriptors.get(token.lemma_.lower()) != "Event":
                continue  # a plural is one thing only for events: "the exercises", "the talks"
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
                continue
            named = _named_by_head(linked, doc, token)
            if named is not None:  # "the Council" after "the North Atlantic Council"; "the Commission"
                linked.token_links[token.i] = Link(named, "coref")
                linked.mentions.append(Mention(token.text, token.idx, token.idx + len(token.text), named, "coref"))
                continue
            titled = _titled_before(linked, doc, token) if not token.ent_type_ or token.ent_type_ == "ORG" else None
            if titled is not None:  # "The Secretary General welcomed …" after "NATO Secretary General Jens …"
                linked.token_links[token.i] = titled
                linked.mentions.append(Mention(token.text, token.idx, token.idx + len(token.text), titled.iri, "coref"))
                continue
            if token.pos_ == "PROPN":
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
                continue  # "the state of emergency", "the country of origin"
            compounds = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
            key = f"{compounds[0].lemma_.lower()} {token.lemma_.lower()}" if compounds else token.lemma_.lower()
            cls = ontology.descriptors.get(key) or ontology.descriptors.get(token.lemma_.lower())
            link = None
            if cls is not None:
                classes = tuple(c for c, supers in ontology.superclasses.items() if cls in supers)
                for j in range(token.i - 1, window_start - 1, -1):
                    link = _compatible(linked, doc[j], classes)
                    if link is not None and (_other_kind(linked, link, token) or _other_body(linked, link, token)):
                        link = None  # "the exercise" is not the Cold War, "the party" not the Council
                    if link is not None:
                        break
                # "the exercise" is the one the headline names, unless the text just made another its subject
                # ("… than the 200,000 claimed for Zapad 2021. The exercises are …" are still Zapad 2025)
                if _headline_rules(linked, headline_event, link, doc[j] if link is not None else None, token):
                    link = headline_event
            elif any(ontology.behaves(p, "LeadershipRelation") for p in ontology.titles.get(token.lemma_.lower(), ())):
                link = _leader_described(linked, token)
            if link is not None:
                linked.token_links[token.i] = Link(link.iri, "coref")
                linked.mentions.append(Mention(token.text, token.idx, token.idx + len(token.text), link.iri, "coref"))


def _other_kind(linked: LinkedDoc, link: Link, noun: Any) -> bool:
    """Is the entity named as another kind of thing than the description says? "the exercise" and "the Cold
    War", "the summit" and "the 2014 invasion": an event's name that holds another event noun."""
    kinds = {d for d, c in linked.ontology.descriptors.items() if c == "Event"}
    words = set(linked.entities[link.iri].label.lower().split())
    return bool(words & kinds) and noun.lemma_.lower() not in words


def _other_body(linked: LinkedDoc, link: Link, noun: Any) -> bool:
    """Is a body's name of another kind than the description? "the party" is a party, "the institute" an
    institute: a description by an organisation's head word needs that word in the name."""
    head = noun.lemma_.lower()
    generic = head in ("group", "forum")  # "the group" is any grouping: the G7, the Bucharest 9
    return head in ORGANISATION_HEADS and not generic and head not in linked.entities[link.iri].label.lower().split()


def headline_events(linked: LinkedDoc) -> list[tuple[Any, Link]]:
    """The events the headline names, with the token naming each, in order (none without a headline): what the
    article's "the exercise" and "we met" are about."""
    headline = next(iter(linked.doc.sents), None) if linked.article.title.strip() else None
    found = [(t, linked.token_links.get(t.i)) for t in headline or ()]
    return [(t, link) for t, link in found if link is not None and linked.cls(link.iri) == "Event"]


def _headline_rules(linked: LinkedDoc, headline: Link | None, found: Link | None, at: Any, noun: Any) -> bool:
    """Does the headline's event, rather than the one found nearby, answer this event description?"""
    if headline is None or linked.cls(headline.iri) != "Event" or _other_kind(linked, headline, noun):
        return False
    if linked.ontology.descriptors.get(noun.lemma_.lower()) != "Event":
        return False
    return found is None or (found.iri != headline.iri and at.dep_ not in ("nsubj", "nsubjpass"))


def _named_by_head(linked: LinkedDoc, doc: Any, token: Any) -> str | None:
    """ "the Council", "the Commission", "the Ministry": a definite description by the head word of a name the
    article gave earlier (the latest such organisation), not by its class."""
    head = token.lemma_.lower()
    if not token.text[:1].isupper() or any(c.dep_ in ("compound", "amod", "poss") for c in token.children):
        return None
    for j in range(token.i - 1, max(-1, token.i - LOOKBACK), -1):  # bounded: linear in the article
        link = linked.token_links.get(j)
        if link is None or link.how == "coref":
            continue
        entity = linked.entities[link.iri]
        if entity.cls in ("InternationalOrganization", "Organization") and entity.label.lower().split()[-1] == head:
            return link.iri
    return _organ_by_head(linked, head)


def _organ_by_head(linked: LinkedDoc, head: str) -> str | None:
    """ "The Council today decided …" in a text about the EU: the one organ the ontology records for an
    organisation the article names (kg:organOf) whose name opens with the head word ("Council of the European
    Union"), else ends with it."""
    ontology = linked.ontology
    organs = [(o, parent) for o, prop, parent in ontology.facts if prop == "organOf" and parent in linked.entities]
    for position in (0, -1):
        found = {o for o, _ in organs if ontology.individuals[o].label.lower().split()[position] == head}
        if len(found) == 1:
            (organ,) = found
            linked.entities.setdefault(organ, entity_of(ontology.individuals[organ]))
            return organ
    return None


def _titled_before(linked: LinkedDoc, doc: Any, token: Any) -> Link | None:
    """ "the Secretary General", "the President" with no name: the last person the article named with that
    title right before their name ("NATO Secretary General Jens Stoltenberg", "President Stubb")."""
    words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token]
    title = " ".join(t.lower_ for t in words)
    if title not in linked.ontology.titles or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
        return None
    size = len(words)
    for mention in reversed(linked.mentions):
        span = doc.char_span(mention.start, mention.end)
        if span is None or span.start >= words[0].i or span.start < token.i - LOOKBACK:
            continue
        if linked.cls(mention.entity) != "Person" or mention.how == "coref":
            continue
        before = " ".join(t.lower_ for t in doc[max(0, span.start - size) : span.start])
        if before == title:
            return Link(mention.entity, "coref")
    return None


def _leader_described(linked: LinkedDoc, token: Any) -> Link | None:
    """ "the Russian leader": the person named in this article whom the ontology records as leading Russia."""
    states = {
        link.iri for c in token.children if c.dep_ in ("amod", "compound", "poss")
        if (link := linked.token_links.get(c.i)) is not None
    }  # fmt: skip
    mentioned = {link.iri for j, link in linked.token_links.items() if j < token.i and link.how != "coref"}
    for person, prop, state in linked.ontology.facts:
        if state in states and person in mentioned and linked.ontology.behaves(prop, "LeadershipRelation"):
            return Link(person, "coref")
    return None


def _compatible(linked: LinkedDoc, token: Any, classes: tuple[str, ...]) -> Link | None:
    link = linked.token_links.get(token.i)
    if link is None or link.how == "coref" or linked.entities[link.iri].cls not in classes:
        return None
    return link


def _antecedent(linked: LinkedDoc, pronoun: Any, window_start: int, classes: tuple[str, ...]) -> Link | None:
    # "Finland's contributions to NATO and its support for Ukraine": the owner of the parallel conjunct
    if pronoun.dep_ == "poss" and pronoun.head.dep_ == "conj":
        for owner in (c for c in pronoun.head.head.children if c.dep_ == "poss" and c.i < pronoun.i):
            link = _compatible(linked, owner, classes)
            if link is not None:
                return link
    verb = pronoun.head
    through_adjunct = False  # "imposed sanctions on Iran over its supply": an adjunct's pronoun looks nearby
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        through_adjunct = through_adjunct or verb.dep_ == "prep"
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX") and not through_adjunct:
        subjects, _ = clause_subjects(verb)
        for subject in subjects:
            if pronoun.i in {t.i for t in subject.subtree} or subject.i > pronoun.i:
                continue
            for item in subject.subtree:
                link = _compatible(linked, item, classes)
                if link is not None:
                    return link
    preceding = [linked.doc[j] for j in range(pronoun.i - 1, window_start - 1, -1)]
    for token in [] if through_adjunct else preceding:
        if token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in ("nsubj", "nsubjpass"):
            link = _compatible(linked, token, classes)
            if link is not None:
                return link
    for token in preceding:
        link = _compatible(linked, token, classes)
        if link is not None:
            return link
    return None


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
