"""Relation rules: a LinkedDoc sentence -> Iterator[Candidate]. Pure generators; one comment per rule.

The lexicon comes from the ontology (``kg:trigger``, ``kg:titleTrigger``); this module knows only English
grammar. Domain/range filtering, modality and confidence are applied by ``extract.claims``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..link import LINK_CERTAINTY, LinkedDoc, entity_of
from ..ontology import Trigger
from .grammar import (
    LIGHT_VERBS,
    Ref,
    acting_for,
    clause_subjects,
    coordinated,
    direct_objects,
    entity_ref,
    modifier_refs,
    prep_objects,
    resolve,
)
from .modality import REPORTING_VERBS

BASE_CONFIDENCE = {
    "svo": 0.85,
    "passive": 0.85,
    "verb-prep": 0.8,
    "purpose-recipient": 0.6,
    "noun-prep": 0.75,
    "light-verb": 0.75,
    "title": 0.9,
    "title-kb": 0.75,
    "title-context": 0.6,
    "appos": 0.85,
    "copula": 0.85,
    "event-participant": 0.75,
    "adjunct-noun": 0.65,
    "reciprocal": 0.8,
    "misparsed-svo": 0.6,
    "based": 0.85,
    "place-possessive": 0.8,
    "place-appos": 0.75,
}
ROLE_PREPS = ("of", "at", "for", "with", "from", "in")
LEADER_PROPS = frozenset({"leaderOf"})
# acts a head of state performs through the state (force, sanctions, supplies); talks and words stay personal
STATE_ACTS = frozenset({"attacks", "intrudesInto", "sanctions", "suppliesTo", "deploys", "intercepts"})
# "X did Y during a summit with Z": an event noun in a time/occasion adjunct of X's clause
ADJUNCT_PREPS = frozenset({"during", "at", "after", "before", "amid", "following", "in"})


@dataclass(frozen=True, slots=True)
class Candidate:
    subject: Ref
    prop: str
    object: Ref
    trigger: Any  # the token whose governors decide modality
    rule: str
    certainty: float  # structural certainty of the rule application (inherited subjects etc.)
    note: str = ""  # e.g. "former"
    light_verb: Any = None


def _pairs(
    subjects: list[Ref], prop: str, objects: list[Ref], trigger: Any, rule: str, certainty: float, **kw: Any
) -> Iterator[Candidate]:
    for subj in subjects:
        for obj in objects:
            if subj.iri != obj.iri:
                yield Candidate(subj, prop, obj, trigger, rule, certainty, **kw)


def _particles_match(token: Any, trig: Trigger) -> bool:
    """ "shoot down" needs its particle; "send troop … to" needs "troops" as the direct object."""
    if not trig.particles:
        return True
    children = [c for c in token.children if c.dep_ in ("prt", "dobj", "compound", "advmod")]
    words = {c.lemma_.lower() for c in children} | {c.lower_ for c in children}
    return all(p in words for p in trig.particles)


def _matching_triggers(linked: LinkedDoc, token: Any) -> list[tuple[str, Trigger]]:
    """Triggers of the token's lemma that fit it; a more specific trigger ("send troop … to" -> deploys)
    silences a general one with the same preposition ("send … to" -> suppliesTo)."""
    candidates = linked.ontology.triggers.get(token.lemma_.lower(), ())
    matches = [(p, t) for p, t in candidates if _particles_match(token, t)]
    specific = {t.prep for _, t in matches if t.particles}
    return [(p, t) for p, t in matches if t.particles or t.prep not in specific]


def actors(linked: LinkedDoc, tokens: list[Any], prop: str = "") -> list[Ref]:
    """Subject tokens resolved to entities, plus the state a titled leader acts for when the act is one of
    force, sanctions or supplies ("Zelensky met Harris" is not Ukraine meeting Harris)."""
    refs = [r for t in tokens for r in resolve(linked, t, actor=True)]
    if not STATE_ACTS & set(linked.ontology.ancestors(prop)):
        return refs
    for ref in list(refs):
        if linked.cls(ref.iri) == "Person":
            refs.extend(r for r in acting_for(linked, ref, LEADER_PROPS) if r.iri not in {x.iri for x in refs})
    return refs


def _accusation(linked: LinkedDoc, prop: str) -> bool:
    # an accusation's object is the accused actor, also when the text names the act ("condemned a Russian
    # missile strike" -> Russia)
    return "accuses" in linked.ontology.ancestors(prop)


def _oriented(
    subjects: list[Ref],
    prop: str,
    objects: list[Ref],
    trig: Trigger,
    trigger: Any,
    rule: str,
    certainty: float,
    **kw: Any,
) -> Iterator[Candidate]:
    """Pairs in the trigger's direction; an inverse trigger ("buy … from") names the actor in its phrase."""
    if trig.inverse:
        return _pairs(objects, prop, subjects, trigger, rule, certainty, **kw)
    return _pairs(subjects, prop, objects, trigger, rule, certainty, **kw)


def verb_relations(linked: LinkedDoc, verb: Any) -> Iterator[Candidate]:
    """Trigger verbs: subject-verb-object, verb + preposition object, passive with agent, and reciprocal
    verbs with coordinated subjects ("Putin and Trump met")."""
    for prop, trig in _matching_triggers(linked, verb):
        subj_tokens, certainty = clause_subjects(verb)
        if trig.stative:
            # "the think tank is based in Copenhagen": the passive subject holds the state
            subj_tokens, certainty = [c for c in verb.children if c.dep_ == "nsubjpass"], 1.0
        subjects = (
            [r for t in subj_tokens for r in resolve(linked, t, actor=False)]
            if trig.inverse
            else actors(linked, subj_tokens, prop)
        )
        if not subjects:
            continue
        passive = any(c.dep_ == "agent" for c in verb.children)
        as_actor = trig.inverse or _accusation(linked, prop)
        if trig.prep:
            # "sent equipment to Poland": the preposition hangs on the verb or on its direct object
            # ("shares a border with Russia": also on the trigger's own object word)
            heads = [verb] + ([c for c in verb.children if c.dep_ == "dobj"] if trig.gap or trig.particles else [])
            targets = [o for h in heads for o in prep_objects(h, trig.prep)]
            objects = [r for t in targets for r in resolve(linked, t, actor=as_actor)]
            if objects:
                yield from _oriented(subjects, prop, objects, trig, verb, "verb-prep", certainty)
            elif trig.gap and not trig.inverse and linked.ontology.family(prop) == "cooperatesWith":
                yield from _purpose_recipient(linked, verb, subjects, prop, certainty)
            continue
        # "Russia attacked Ukraine" / "Ukraine was attacked by Russia"
        objects = [r for t in direct_objects(verb) for r in resolve(linked, t, actor=as_actor)]
        if objects:
            yield from _oriented(subjects, prop, objects, trig, verb, "passive" if passive else "svo", certainty)
        elif linked.ontology.is_symmetric(prop) and len(subjects) > 1:
            # "Vladimir Putin and Donald Trump met": each pair of a reciprocal verb's coordinated subjects
            for i, first in enumerate(subjects):
                yield from _pairs([first], prop, subjects[i + 1 :], verb, "reciprocal", certainty)


def _purpose_recipient(
    linked: LinkedDoc, verb: Any, subjects: list[Ref], prop: str, certainty: float
) -> Iterator[Candidate]:
    """ "sending equipment to strengthen Poland's borders": with no recipient, the beneficiary named in a purpose
    clause is the recipient."""
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children):
            objects = [r for t in direct_objects(clause) for r in resolve(linked, t, actor=False)]
            yield from _pairs(subjects, prop, objects, verb, "purpose-recipient", certainty * 0.9)


COPULAS = frozenset({"be", "remain", "become", "stay"})


def _reciprocal_noun(linked: LinkedDoc, noun: Any, head: Any, prop: str) -> Iterator[Candidate]:
    """ "Lithuania and Poland held joint exercises", "talks between Russia and Ukraine": a reciprocal event noun
    with coordinated parties."""
    if not linked.ontology.is_symmetric(prop):
        return
    certainty = 1.0
    parties = [r for t in prep_objects(head, "between") for r in resolve(linked, t, actor=True)]
    if not parties and head.dep_ == "dobj" and head.head.lemma_.lower() in LIGHT_VERBS:
        subj_tokens, certainty = clause_subjects(head.head)
        parties = actors(linked, subj_tokens, prop)
    for i, first in enumerate(parties):
        yield from _pairs([first], prop, parties[i + 1 :], noun, "reciprocal", certainty, light_verb=head.head)


def noun_relations(linked: LinkedDoc, noun: Any) -> Iterator[Candidate]:
    """Event nouns: "Russia's invasion of Ukraine", "Russian drone incursions into Poland", "sanctions against
    Russia by the EU", "the EU's sanctions package against Russia"; the actor may also be the subject of a
    light verb ("Putin launched the invasion of"), of a copula ("Armenia remains a member of the CSTO") or of
    the clause an event noun is an adjunct of ("… during a summit with Putin")."""
    for prop, trig in _matching_triggers(linked, noun):
        if trig.prep is None:
            continue
        # a trigger noun modifying a head noun shares that head's phrase: "sanctions package against Russia"
        head = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
        as_actor = trig.inverse or _accusation(linked, prop)
        targets = list(prep_objects(noun, trig.prep)) or (
            list(prep_objects(head, trig.prep)) if head is not noun else []
        )
        objects = [r for t in targets for r in resolve(linked, t, actor=as_actor)]
        if not objects:
            yield from _reciprocal_noun(linked, noun, head, prop)
            continue
        # the actor: a possessor or modifier ("Russia's", "Russian"), or a "by" phrase; "Russia's war of
        # aggression against Ukraine" puts the possessor on the noun the trigger completes
        taken = {t.i for t in targets}
        holders = {noun, head}
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
            holders.add(head.head.head)
        subjects = [r for h in holders for r in modifier_refs(linked, h) if r.token.i not in taken]
        subjects += [r for t in prep_objects(head, "by") for r in resolve(linked, t, actor=True)]
        if subjects:
            yield from _oriented(subjects, prop, objects, trig, noun, "noun-prep", 1.0)
            continue
        verb = head.head
        rule = None
        if head.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in LIGHT_VERBS:
            rule, governor = "light-verb", verb
        elif head.dep_ in ("attr", "acomp", "oprd") and verb.lemma_.lower() in COPULAS:
            rule, governor = "copula", verb
        elif head.dep_ == "pobj" and verb.lower_ in ADJUNCT_PREPS and verb.head.pos_ == "VERB":
            rule, governor = "adjunct-noun", verb.head
        if rule is None:
            continue
        subj_tokens, certainty = clause_subjects(governor)
        if trig.inverse:
            # "the country faces a direct threat from Russia": the light verb's subject is the target
            subjects = [r for t in subj_tokens for r in resolve(linked, t, actor=False)]
        else:
            subjects = actors(linked, subj_tokens, prop)
        yield from _oriented(subjects, prop, objects, trig, noun, rule, certainty, light_verb=governor)


def _title_at(tokens: list[Any], titles: dict[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]] | None:
    """The longest role title ("prime minister") among the words; returns (title, properties)."""
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            for seq in (words[i : i + size], lemmas[i : i + size]):  # "officials" -> "official"
                key = " ".join(seq)
                if key in titles:
                    return key, titles[key]
    return None


def _role_orgs(linked: LinkedDoc, role: Any) -> list[Ref]:
    """The organisation a role noun names: "NATO spokesperson", "spokesperson for NATO", "expert at RUSI"."""
    orgs = modifier_refs(linked, role)
    for prep in ROLE_PREPS:
        for obj in prep_objects(role, prep):
            # "at Chatham House", "at the RUSI think tank": the organisation itself or the one naming the place
            for item in coordinated(linked, obj):
                ref = entity_ref(linked, item)
                orgs.extend([ref] if ref is not None else modifier_refs(linked, item))
    return orgs


def _named_mentions(linked: LinkedDoc, sent: Any) -> Iterator[tuple[Any, Ref]]:
    for ent in sent.ents:
        ref = entity_ref(linked, ent.root)
        if ref is not None and linked.cls(ref.iri) in ("Person", "Country", "Organization"):
            yield ent, ref


def _former(tokens: Any) -> str:
    return "former" if any(t.lower_ in ("former", "ex") for t in tokens) else ""


def title_relations(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """People (and states) and their roles: "Polish Prime Minister Donald Tusk", "Jamie Shea, a former NATO
    official", "Tusk is the prime minister of Poland", "Poland's prime minister, Donald Tusk", "Romania, a NATO
    member". A title with no organisation is confirmed from the ontology's background facts, or read from the
    state the person speaks for ("Canada will …, Defence Minister David Moreau said")."""
    titles = linked.ontology.titles
    if not titles:
        return
    for ent, holder in _named_mentions(linked, sent):
        root = ent.root
        # title before the name: the name's own left modifiers outside the entity span
        premods = [t for t in root.subtree if t.i < ent.start and t.dep_ not in ("det", "punct", "cc")]
        found = _title_at([t for t in premods if linked.link_at(t) is None], titles)  # "Secretary of State"
        if found:
            orgs = [r for t in premods for r in [entity_ref(linked, t)] if r and r.iri != holder.iri]
            yield from _titled(linked, holder, found[1], orgs, root, "title", _former(premods))
        # apposition after the name, and its conjuncts ("a former NATO official and expert at Chatham House")
        roles = [c for c in root.children if c.dep_ == "appos" and linked.link_at(c) is None]
        # copula: "Tusk is the prime minister of Poland"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            roles += [c for c in root.head.children if c.dep_ == "attr"]
        # the name in apposition to its role: "Poland's prime minister, Donald Tusk"
        if root.dep_ == "appos" and linked.link_at(root.head) is None:
            roles.append(root.head)
        for role in list(roles):
            roles.extend(c for c in role.children if c.dep_ == "conj" and c not in roles)
        for role in roles:
            words = [c for c in role.children if c.dep_ == "compound" and linked.link_at(c) is None] + [role]
            found = _title_at(words, titles)
            if not found:
                continue
            orgs = _role_orgs(linked, role)
            if not orgs and role.dep_ == "conj":
                orgs = _role_orgs(linked, role.head)  # shared modifier: "NATO official and spokesperson"
            rule = "copula" if role.dep_ == "attr" else "appos"
            yield from _titled(linked, holder, found[1], orgs, role, rule, _former(role.children))


def _titled(
    linked: LinkedDoc, holder: Ref, props: tuple[str, ...], orgs: list[Ref], trigger: Any, rule: str, note: str
) -> Iterator[Candidate]:
    holder_cls = linked.cls(holder.iri)
    fitting = [p for p in props if any(linked.ontology.admits(p, holder_cls, linked.cls(o.iri)) for o in orgs)]
    if orgs and fitting:
        for prop in fitting:
            yield from _pairs([holder], prop, orgs, trigger, rule, 1.0, note=note)
        return
    if holder_cls != "Person" or note:
        return
    for prop in props:
        known = list(_title_from_kb(linked, holder, prop, trigger))
        yield from known or _title_from_context(linked, holder, prop, trigger)


# the state a titled official speaks for: "Armenia has frozen …, Prime Minister Nikol Pashinyan said"
def _title_from_context(linked: LinkedDoc, person: Ref, prop: str, trigger: Any) -> Iterator[Candidate]:
    """An official named with a bare title who reports what a state does speaks for that state."""
    token = person.token
    while token.dep_ in ("compound", "appos") and token.head.i != token.i:
        token = token.head
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS:
        return
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            for ref in resolve(linked, subject, actor=True):
                if linked.cls(ref.iri) == "Country" and ref.iri != person.iri:
                    yield Candidate(person, prop, ref, trigger, "title-context", 0.8)


def _title_from_kb(linked: LinkedDoc, person: Ref, prop: str, trigger: Any) -> Iterator[Candidate]:
    """ "President Donald Trump": a title with no organisation confirms the office the ontology records."""
    for subj, fact_prop, obj in linked.ontology.facts:
        if subj == person.iri and fact_prop == prop:
            linked.entities.setdefault(obj, entity_of(linked.ontology.individuals[obj]))
            yield Candidate(person, prop, Ref(obj, trigger, 0.9, "kb"), trigger, "title-kb", 1.0)


def event_relations(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Named events and their parties: "Russia's Zapad 2025 exercises with Belarus"."""
    for ent in sent.ents:
        link = linked.link_at(ent.root)
        if link is None or linked.cls(link.iri) != "Event":
            continue
        event = entity_ref(linked, ent.root)
        assert event is not None
        head = ent.root
        # "Zapad 2025 military exercises": the event name modifies the head noun
        if head.dep_ in ("compound", "nmod", "amod") and linked.link_at(head.head) is None:
            head = head.head
        inside = range(ent.start, ent.end)  # "the Russian invasion of Ukraine": its own words are not parties
        parties = [r for r in modifier_refs(linked, head) if r.iri != event.iri and r.token.i not in inside]
        for prep in ("with", "between", "by"):
            parties += [r for t in prep_objects(head, prep) for r in resolve(linked, t, actor=True)]
        yield from _pairs(parties, "participatesIn", [event], head, "event-participant", 1.0)


PLACE_CLASSES = frozenset({"Country", "Location"})


def _place_refs(linked: LinkedDoc, tokens: list[Any]) -> list[Ref]:
    return [r for t in tokens for r in [entity_ref(linked, t)] if r is not None and linked.cls(r.iri) in PLACE_CLASSES]


def location_relations(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Where things are: "the Tbilisi-based Caucasus Policy Centre", "Ukraine's Donetsk region", "Kaliningrad,
    a Russian exclave on the Baltic Sea", "Macon, Georgia"."""
    for token in sent:
        # "X-based Y": Y is located in X
        if token.lemma_ == "base" and token.dep_ == "amod":
            places = _place_refs(linked, [c for c in token.children if c.dep_ in ("npadvmod", "compound")])
            thing = entity_ref(linked, token.head)
            if thing is not None:
                yield from _pairs([thing], "locatedIn", places, token, "based", 1.0)
    for ent in sent.ents:
        place = entity_ref(linked, ent.root)
        if place is not None and linked.cls(place.iri) == "Organization":
            yield from _organisation_seat(linked, place, ent.root)
        if place is None or linked.cls(place.iri) != "Location":
            continue
        root = ent.root
        # "Ukraine's Donetsk region": a possessor of the place name or of the noun it modifies
        head = root.head if root.dep_ == "compound" and linked.link_at(root.head) is None else root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            head = root.head.head  # "Moldova's breakaway region of Transnistria", "the Ukrainian city of Lviv"
        owner_deps = ("poss",) if head is root else ("poss", "amod", "compound")
        owners = _place_refs(linked, [c for h in {root, head} for c in h.children if c.dep_ in owner_deps])
        # "Rzeszów in south-eastern Poland", "Kharkiv, in north-eastern Ukraine"
        owners += _place_refs(linked, list(prep_objects(root, "in")))
        yield from _pairs([place], "locatedIn", owners, root, "place-possessive", 1.0)
        # "Kaliningrad, a Russian exclave on the Baltic Sea" / "Macon, Georgia"
        for appos in (c for c in root.children if c.dep_ == "appos"):
            if linked.link_at(appos) is not None:
                yield from _pairs([place], "locatedIn", _place_refs(linked, [appos]), appos, "place-appos", 1.0)
                continue
            described = [appos] + [o for o in prep_objects(appos, "of")]  # "a strip of Polish … land"
            tokens = [m for d in described for m in d.children if m.dep_ in ("amod", "compound", "poss", "nmod")]
            tokens += [o for d in described for prep in ("in", "on", "of") for o in prep_objects(d, prep)]
            refs = [r for t in tokens for item in coordinated(linked, t) for r in _place_refs(linked, [item])]
            yield from _pairs([place], "locatedIn", refs, appos, "place-appos", 1.0)


def misparsed_verb(linked: LinkedDoc, verb: Any) -> Iterator[Candidate]:
    """ "after Russia annexed Crimea" is sometimes parsed as a noun phrase with "annexed" as an adjective: a
    finite trigger verb between two names still reads subject-verb-object."""
    if verb.tag_ not in ("VBD", "VBZ") or verb.dep_ not in ("amod", "compound") or verb.i == 0:
        return
    before, after = (
        linked.link_at(verb.doc[verb.i - 1]),
        (linked.link_at(verb.doc[verb.i + 1]) if verb.i + 1 < len(verb.doc) else None),
    )
    if before is None or after is None or before.iri == after.iri:
        return
    for prop, trig in _matching_triggers(linked, verb):
        if trig.prep is None and not trig.inverse:
            subject = Ref(before.iri, verb.doc[verb.i - 1], LINK_CERTAINTY.get(before.how, 0.85), before.how)
            obj = Ref(after.iri, verb.doc[verb.i + 1], LINK_CERTAINTY.get(after.how, 0.85), after.how)
            yield Candidate(subject, prop, obj, verb, "misparsed-svo", 0.8)


def _organisation_seat(linked: LinkedDoc, org: Ref, root: Any) -> Iterator[Candidate]:
    """ "Russia's two largest oil companies, Rosneft and Lukoil": a company described by its state."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    described = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]
    for noun in described:
        if linked.link_at(noun) is None and noun.lemma_.lower() in linked.ontology.descriptors:
            states = [r for r in modifier_refs(linked, noun) if linked.cls(r.iri) == "Country"]
            yield from _pairs([org], "locatedIn", states, noun, "place-appos", 1.0)


def sentence_candidates(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Every rule over one sentence."""
    for token in sent:
        if token.pos_ in ("VERB", "AUX"):
            yield from verb_relations(linked, token)
        if token.tag_ in ("VBD", "VBZ") and token.pos_ != "VERB":
            yield from misparsed_verb(linked, token)
        elif token.pos_ in ("NOUN", "PROPN"):
            yield from noun_relations(linked, token)
    yield from title_relations(linked, sent)
    yield from event_relations(linked, sent)
    yield from location_relations(linked, sent)


__all__ = ["Candidate", "coordinated", "sentence_candidates"]
