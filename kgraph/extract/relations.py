"""Relation rules: a LinkedDoc sentence -> Iterator[Candidate]. Pure generators; one comment per rule.

The lexicon comes from the ontology (``kg:trigger``, ``kg:titleTrigger``); this module knows only English
grammar. Domain/range filtering, modality and confidence are applied by ``extract.claims``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Span

from ..link import LINK_CERTAINTY, LOOKBACK, LinkedDoc
from ..ontology import Trigger
from ..syntax import clause_subjects, direct_objects, prep_objects
from .backing import hyphen_actors
from .candidate import RULE_CONFIDENCE, Candidate, pairs
from .grammar import (
    ACTOR_CLASSES,
    LIGHT_VERBS,
    Ref,
    acting_for,
    coordinated,
    entity_ref,
    in_chain,
    modifier_refs,
    name_root,
    name_tokens,
    resolve,
)
from .places import location_relations
from .titles import title_relations

# "X did Y during a summit with Z": an event noun in a time/occasion adjunct of X's clause
ADJUNCT_PREPS = frozenset({"during", "at", "after", "before", "amid", "following", "in"})


def _particles_match(token: Any, trig: Trigger) -> bool:
    """ "shoot down" needs its particle; "send troop … to" needs "troops" as the direct object."""
    if not trig.particles:
        return True
    children = [c for c in token.children if c.dep_ in ("prt", "dobj", "compound", "advmod", "oprd")]
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
    return with_states(linked, [r for t in tokens for r in resolve(linked, t, actor=True)], prop)


def with_states(linked: LinkedDoc, refs: list[Ref], prop: str) -> list[Ref]:
    """The actors plus the state each titled leader among them acts for, when the act is one of state."""
    # acts of state (kg:StateAct: force, sanctions, supplies) are the state's too; talks and words stay personal
    if not linked.ontology.behaves(prop, "StateAct"):
        return refs
    leader_props = frozenset(linked.ontology.with_behaviour("LeadershipRelation"))
    for ref in list(refs):
        if linked.cls(ref.iri) == "Person":
            refs.extend(r for r in acting_for(linked, ref, leader_props) if r.iri not in {x.iri for x in refs})
    return refs


def _accusation(linked: LinkedDoc, prop: str) -> bool:
    # an accusation's object is the accused actor, also when the text names the act ("condemned a Russian
    # missile strike" -> Russia)
    return "accuses" in linked.ontology.ancestors(prop)


PRESUPPOSED_NOTE = "presupposed"  # the claim holds whatever the act's own modality (kg:presupposingTrigger)


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
    if trig.presupposed:
        kw["note"] = PRESUPPOSED_NOTE
    if trig.inverse:
        return pairs(objects, prop, subjects, trigger, rule, certainty, **kw)
    return pairs(subjects, prop, objects, trigger, rule, certainty, **kw)


def verb_relations(linked: LinkedDoc, verb: Any) -> Iterator[Candidate]:
    """Trigger verbs: subject-verb-object, verb + preposition object, passive with agent, and reciprocal
    verbs with coordinated subjects ("Putin and Trump met")."""
    for prop, trig in _matching_triggers(linked, verb):
        prop = _generic(linked, prop, verb)
        subj_tokens, certainty = clause_subjects(verb)
        if trig.stative:
            # "the think tank is based in Copenhagen": the passive subject holds the state; "a summit organized
            # in Bucharest": so does the noun a participle modifies
            subj_tokens, certainty = [c for c in verb.children if c.dep_ == "nsubjpass"], 1.0
            event_noun = linked.ontology.descriptors.get(verb.head.lemma_.lower()) == "Event"
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and (event_noun or linked.link_at(verb.head)):
                subj_tokens = [verb.head]
        subjects = (
            [r for t in subj_tokens for r in resolve(linked, t, actor=False)]
            if trig.inverse
            else actors(linked, subj_tokens, prop)
        )
        if not subjects and linked.ontology.behaves(prop, "PassiveOwnerActs") and trig.prep:
            # "Canadian troops are deployed in Latvia": the troops' owner deploys them
            deployed = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acomp" and verb.tag_ == "VBN" and verb.head.lemma_ == "be":  # "are forward-deployed"
                deployed += [c for c in verb.head.children if c.dep_ == "nsubj"]
            if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "US troops stationed in Poland"
                deployed.append(verb.head)
            subjects, certainty = [r for t in deployed for r in resolve(linked, t, actor=True)], 0.85
        if not subjects and linked.ontology.behaves(prop, "IssuerActs") and _agentless(verb):
            subjects, certainty = _earlier_actor(linked, verb, prop)  # "X was also listed": by the Council
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
            if linked.ontology.behaves(prop, "PlaceRelation"):
                objects += _appositive_places(linked, objects)  # "held in Madrid, Spain": in both
            if objects:
                yield from _oriented(subjects, prop, objects, trig, verb, "verb-prep", certainty)
            elif trig.gap and not trig.inverse and linked.ontology.family(prop) == "cooperatesWith":
                yield from _purpose_recipient(linked, verb, subjects, prop, certainty)
            continue
        # "Russia attacked Ukraine" / "Ukraine was attacked by Russia"
        objects = [r for t in direct_objects(verb) for r in resolve(linked, t, actor=as_actor)]
        if objects:
            yield from _oriented(subjects, prop, objects, trig, verb, "passive" if passive else "svo", certainty)
        if linked.ontology.is_symmetric(prop) and len(subjects) > 1 and not _any_admitted(linked, prop, objects):
            # "Vladimir Putin and Donald Trump met", "Rutte and Stubb discussed the war": each pair of a
            # reciprocal verb's coordinated subjects, when its object is no party
            for i, first in enumerate(subjects):
                yield from pairs([first], prop, subjects[i + 1 :], verb, "reciprocal", certainty)


def _agentless(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _earlier_actor(linked: LinkedDoc, verb: Any, prop: str) -> tuple[list[Ref], float]:
    """Who the text last said performs this act (a trigger verb of the property with a subject), within the
    look-back window: "The Council today decided to impose restrictive measures … X was also listed"."""
    doc = verb.doc
    for i in range(verb.sent.start - 1, max(-1, verb.sent.start - LOOKBACK), -1):  # bounded: linear in the article
        token = doc[i]
        if token.pos_ != "VERB" or _agentless(token):
            continue
        if not any(p == prop for p, _ in _matching_triggers(linked, token)):
            continue
        subjects = actors(linked, clause_subjects(token)[0], prop)
        if subjects:
            return [Ref(r.iri, r.token, r.certainty * 0.8, "earlier-actor") for r in subjects], 0.8
    return [], 0.0


def _any_admitted(linked: LinkedDoc, prop: str, objects: list[Ref]) -> bool:
    """Is any of the objects one the property's range admits (a party, not a topic)?"""
    return any(linked.ontology.admits_object(prop, linked.cls(o.iri)) for o in objects)


def _appositive_places(linked: LinkedDoc, places: list[Ref]) -> list[Ref]:
    """The places a place is given by, the whole comma chain: "Madrid, Spain", "the Palace of the Parliament,
    Bucharest, Romania", "Mons (Belgium)"."""
    out: list[Ref] = []
    todo = list(places)
    while todo:
        place = todo.pop()
        name = name_tokens(linked, place.token)  # "the Palace of the Parliament, Bucharest": on "Parliament"
        for appos in (c for t in name for c in t.children if in_chain(c, name)):
            ref = entity_ref(linked, appos)
            known = {r.iri for r in out} | {p.iri for p in places}
            if ref is not None and linked.cls(ref.iri) in ("Country", "Location") and ref.iri not in known:
                found = Ref(ref.iri, appos, ref.certainty * 0.9, "appos-place")
                out.append(found)
                todo.append(found)
    return out


def _has_object(verb: Any) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _amount(token: Any) -> bool:
    """A sum or a number that is a verb's object: "$6.8 billion", "20,000"."""
    return token.dep_ == "dobj" and (token.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or token.like_num)


def _generic(linked: LinkedDoc, prop: str, verb: Any) -> str:
    """ "committed $6.8 billion in security assistance to Ukraine": what is given is money or assistance, not
    equipment, so the relation is the property's parent (kg:genericObject: suppliesTo -> supports)."""
    definition = linked.ontology.properties[prop]
    if not definition.generic_objects or definition.parent is None:
        return prop
    given = [t for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
    if any(t.ent_type_ == "MONEY" or t.lemma_.lower() in definition.generic_objects for t in given):
        return definition.parent
    return prop


def _purpose_recipient(
    linked: LinkedDoc, verb: Any, subjects: list[Ref], prop: str, certainty: float
) -> Iterator[Candidate]:
    """ "sending equipment to strengthen Poland's borders": with no recipient, the beneficiary named in a purpose
    clause is the recipient."""
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children):
            objects = [r for t in direct_objects(clause) for r in resolve(linked, t, actor=False)]
            yield from pairs(subjects, prop, objects, verb, "purpose-recipient", certainty * 0.9)


COPULAS = frozenset({"be", "remain", "become", "stay"})


def _reciprocal_noun(linked: LinkedDoc, noun: Any, head: Any, prop: str) -> Iterator[Candidate]:
    """ "Lithuania and Poland held joint exercises", "talks between Russia and Ukraine": a reciprocal event noun
    with coordinated parties."""
    if not linked.ontology.is_symmetric(prop) or linked.link_at(noun) is not None:
        return  # "join the Alliance": a name (NATO) is no reciprocal event
    certainty = 1.0
    parties = [r for t in prep_objects(head, "between") for r in resolve(linked, t, actor=True)]
    if not parties and head.dep_ == "dobj" and head.head.lemma_.lower() in LIGHT_VERBS:
        subj_tokens, certainty = clause_subjects(head.head)
        parties = actors(linked, subj_tokens, prop)
    # "our cooperation" is no claim about the signatories; "the G7's members" do not cooperate with the G7
    parties = [p for p in parties if p.iri not in linked.collectives and p.how != "we"]
    for i, first in enumerate(parties):
        yield from pairs([first], prop, parties[i + 1 :], noun, "reciprocal", certainty, light_verb=head.head)


# verbs whose subject undergoes the event noun they carry: "Allies have experienced airspace violations by Russia"
EXPERIENCER_VERBS = frozenset({"experience", "suffer", "face", "endure", "witness", "see", "record", "report"})


def _experienced(linked: LinkedDoc, noun: Any, head: Any, prop: str, trig: Trigger) -> Iterator[Candidate]:
    """ "Several Allies – including Finland and Latvia – have experienced airspace violations by Russia": the
    target of an event noun whose target phrase is missing is the subject of the verb that undergoes it."""
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in EXPERIENCER_VERBS:
        return
    actors_ = [r for t in prep_objects(head, "by") for r in resolve(linked, t, actor=True)]
    actors_ += [r for r in modifier_refs(linked, noun) if linked.cls(r.iri) != "MilitaryAsset"]
    subj_tokens, certainty = clause_subjects(verb)
    targets = [r for t in subj_tokens for r in resolve(linked, t, actor=False)]
    yield from _oriented(actors_, prop, targets, trig, noun, "noun-prep", certainty * 0.9, light_verb=verb)


# nouns that count out event nouns: the verb governs them, the event noun keeps its own phrase
SERIES_NOUNS = frozenset({"series", "package", "round", "set", "wave", "raft", "batch", "number", "range"})


# nouns whose "of" phrase is their agent, not their theme: "the participation of Poland in Zapad 2025"
AGENT_OF_NOUNS = frozenset({"participation", "involvement", "attendance", "presence", "contribution"})


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
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in SERIES_NOUNS:
            head = noun.head.head  # "impose a series of sanctions on Russia": the series is the verb's object
        as_actor = trig.inverse or _accusation(linked, prop)
        targets = list(prep_objects(noun, trig.prep)) or (
            list(prep_objects(head, trig.prep)) if head is not noun else []
        )
        if not targets and head.dep_ == "dobj" and head.head.lemma_.lower() in LIGHT_VERBS:
            # the parser hangs the noun's phrase on its light verb: "Germany expanded its presence in Lithuania"
            targets = list(prep_objects(head.head, trig.prep))
        objects = [r for t in targets for r in resolve(linked, t, actor=as_actor)]
        if not objects and not trig.inverse:
            yield from _experienced(linked, noun, head, prop, trig)
        if not objects:
            yield from _reciprocal_noun(linked, noun, head, prop)
            continue
        # the actor: a possessor or modifier ("Russia's", "Russian"), or a "by" phrase; "Russia's war of
        # aggression against Ukraine" puts the possessor on the noun the trigger completes
        taken = {t.i for t in targets}
        holders = {noun, head}
        completed = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        if completed is not None and linked.ontology.descriptors.get(completed.lemma_.lower()) == "Event":
            holders.add(completed)  # "Russia's war of aggression", not "our condemnation of Putin's war"
        subjects = [r for h in holders for r in modifier_refs(linked, h) if r.token.i not in taken]
        subjects += [r for t in prep_objects(head, "by") for r in resolve(linked, t, actor=True)]
        subjects += [r for h in holders for r in hyphen_actors(linked, h)]  # "the UK-led deployment in Estonia"
        if trig.prep != "of" and noun.lemma_.lower() in AGENT_OF_NOUNS:  # "the participation of Poland in …"
            subjects += [r for t in prep_objects(noun, "of") for r in resolve(linked, t, actor=True)]
        subjects = with_states(linked, subjects, prop)  # "President Putin's war against Ukraine": Russia's too
        if subjects:
            yield from _oriented(subjects, prop, objects, trig, noun, "noun-prep", 1.0)
            continue
        verb = head.head
        rule = None
        if head.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in LIGHT_VERBS:
            rule, governor = "light-verb", verb
        elif head.dep_ == "conj" and head.pos_ == "NOUN" and verb.pos_ == "VERB" and _has_object(verb):
            # "NATO stepped up patrols and increased presence in the Baltic": the parser hangs a second object
            # on the verb as its conjunct
            rule, governor = "light-verb", verb
        elif head.dep_ in ("attr", "acomp", "oprd") and verb.lemma_.lower() in COPULAS:
            rule, governor = "copula", verb
        elif head.dep_ == "pobj" and verb.lower_ in ADJUNCT_PREPS and verb.head.pos_ == "VERB" and trig.prep != "in":
            # "during a summit with Putin": the clause's subject takes part; "during the war in Donbas" names
            # where a war is, not who wages it
            rule, governor = "adjunct-noun", verb.head
        elif head.dep_ == "pobj" and verb.lower_ in ("in", "of") and _amount(verb.head):
            # "committed $6.8 billion in security assistance to Ukraine": the amount's verb carries the noun
            rule, governor = "light-verb", verb.head.head
        if rule is None:
            continue
        subj_tokens, certainty = clause_subjects(governor)
        if trig.inverse:
            # "the country faces a direct threat from Russia": the light verb's subject is the target
            subjects = [r for t in subj_tokens for r in resolve(linked, t, actor=False)]
        else:
            subjects = actors(linked, subj_tokens, prop)
        yield from _oriented(subjects, prop, objects, trig, noun, rule, certainty, light_verb=governor)


# verbs by which issued measures name whom they hit: "the new sanctions include …", "the listings target …"
MEASURE_VERBS = frozenset({"include", "target", "cover", "hit", "affect"})


def measure_relations(linked: LinkedDoc, noun: Any) -> Iterator[Candidate]:
    """ "Today's listings include Viktor Medvedchuk", "The new sanctions include a travel ban on A and B": the
    measures of an issuer's act (kg:IssuerActs) name whom they hit; the issuer is the measures' possessor or
    whoever the text last said issued them."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in MEASURE_VERBS:
        return
    for prop, trig in _matching_triggers(linked, noun):
        if trig.prep is not None or not linked.ontology.behaves(prop, "IssuerActs"):
            continue
        given = [t for o in direct_objects(verb) for t in coordinated(linked, o)]
        # "a travel ban and asset freeze on eight individuals, including …": the measure's own "on" phrase
        given += [o for t in given for o in prep_objects(t, "on")]
        objects = [r for t in given for r in resolve(linked, t, actor=False)]
        issuers, certainty = modifier_refs(linked, noun, ACTOR_CLASSES), 1.0
        if not issuers:
            issuers, certainty = _earlier_actor(linked, verb, prop)
        yield from pairs(issuers, prop, objects, noun, "measure-object", certainty)
        return


def event_relations(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Named events and their parties: "Russia's Zapad 2025 exercises with Belarus"."""
    for ent in linked.ents_in(sent):
        link = linked.link_at(name_root(ent))
        if link is None or linked.cls(link.iri) != "Event":
            continue
        event = entity_ref(linked, name_root(ent))
        assert event is not None
        head = name_root(ent)
        # "Zapad 2025 military exercises": the event name modifies the head noun
        if head.dep_ in ("compound", "nmod", "amod") and linked.link_at(head.head) is None:
            head = head.head
        # "the Russian invasion of Ukraine", "the Polish–Soviet War": the name's own words are not parties
        inside = set(range(ent.start, ent.end)) | _named_span(linked, name_root(ent))
        individual = linked.ontology.individuals.get(event.iri)
        own = {individual.event_agent, individual.event_target} if individual is not None else set()
        parties = [r for r in modifier_refs(linked, head) if r.iri != event.iri and r.token.i not in inside]
        parties = [r for r in parties if r.iri not in own]  # the invader does not "take part in" its invasion
        for prep in ("with", "between", "by"):
            parties += [r for t in prep_objects(head, prep) for r in resolve(linked, t, actor=True)]
        for prop in linked.ontology.with_behaviour("ParticipationRelation"):
            yield from pairs(parties, prop, [event], head, "event-participant", 1.0)


def _named_span(linked: LinkedDoc, token: Any) -> set[int]:
    """The tokens of the event-name mention a token is in ("Polish–Soviet War" minted from the words)."""
    link = linked.link_at(token)
    for mention in linked.mentions:
        if link is not None and mention.entity == link.iri and mention.start <= token.idx < mention.end:
            span = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            return set(range(span.start, span.end)) if span is not None else set()
    return set()


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


def sentence_candidates(linked: LinkedDoc, sent: Any) -> Iterator[Candidate]:
    """Every rule over one sentence."""
    for token in sent:
        if token.pos_ in ("VERB", "AUX"):
            yield from verb_relations(linked, token)
        if token.tag_ in ("VBD", "VBZ") and token.pos_ != "VERB":
            yield from misparsed_verb(linked, token)
        elif token.pos_ in ("NOUN", "PROPN"):
            yield from noun_relations(linked, token)
            yield from measure_relations(linked, token)
    yield from title_relations(linked, sent)
    yield from event_relations(linked, sent)
    yield from location_relations(linked, sent)


class RuleEngine:
    """The dependency-rule extractor: every rule of this module, under the rule names of RULE_CONFIDENCE."""

    name = "rules"
    rules = RULE_CONFIDENCE

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        return sentence_candidates(linked, sent)


RULES = RuleEngine()

__all__ = ["RULES", "RuleEngine", "sentence_candidates"]
