"""Events as frames: who takes part in a summit, an exercise or an operation, and where it is held.

    "The 2025 The Hague summit was a meeting of the heads of state of NATO and the EU" -> both participate
    "Zapad 2021 was a joint Russian-Belarusian exercise"                             -> Russia, Belarus
    "the 2024 Washington NATO summit"                                                -> NATO; in Washington
    "15,000 Polish soldiers also participated" (after the exercise was named)       -> Poland

The relations are the ontology's kg:ParticipationRelation and kg:PlaceRelation; the event's place by a verb
("was held in", "took place in") is a trigger of the place relation in the Turtle, read by the rule engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from spacy.tokens import Span, Token

from ..link import COPULAS, LOOKBACK, LinkedDoc, headline_events
from ..syntax import clause_subjects, prep_objects
from .candidate import Candidate, pairs
from .grammar import ACTOR_CLASSES, Ref, entity_ref, resolve

# verbs of taking part whose event may be left to the context: "10,000 German soldiers also participated"
PARTICIPATION_VERBS = frozenset({"participate", "take", "attend", "join"})
# an event that includes its parties: "Defender-Europe 21 also included significant involvement of the U.S. Navy"
INCLUDING_VERBS = frozenset({"include", "involve", "feature", "comprise", "incorporate", "bring", "gather", "unite"})
# who runs an event: "a United States Army-led exercise", "sponsored by the Commander, U.S. Naval Forces Europe"
LEADING_VERBS = frozenset(
    {"lead", "direct", "sponsor", "host", "organize", "organise", "schedule", "conduct", "run", "ally"}
)
# what is done at a meeting by those who take part in it: "NATO's member states agreed at the 2016 Warsaw summit"
DELIBERATING_VERBS = frozenset(
    {"agree", "decide", "adopt", "sign", "discuss", "announce", "endorse", "pledge", "commit", "approve", "declare",
     "launch", "speak", "meet", "reaffirm", "welcome", "unveil", "present"}
)  # fmt: skip
# nouns for the parties of an event: "Participating nations included Belgium, Canada, …"
PARTY_NOUNS = frozenset({"participant", "nation", "country", "state", "ally", "partner", "force", "member"})
PARTY_CLASSES = frozenset({"Country", "InternationalOrganization", "Organization"})


def _is_event(linked: LinkedDoc, token: Token) -> Ref | None:
    ref = entity_ref(linked, token)
    return ref if ref is not None and linked.cls(ref.iri) == "Event" else None


def _parties_in(linked: LinkedDoc, noun: Token) -> list[Ref]:
    """The actors a describing noun names: its modifiers ("a NATO exercise", "Russian-Belarusian drills") and
    everything in its "of" phrase ("a meeting of the heads of state of NATO, its partners and the EU")."""
    refs = []
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss"):  # "Russian-Belarusian": the modifier's subtree
            refs += [r for t in child.subtree for r in [entity_ref(linked, t)] if r is not None]
    for obj in prep_objects(noun, "of"):  # not a place the phrase names: "the largest of its kind in Norway"
        refs += [r for t in obj.subtree if not _placed(t, obj) for r in [entity_ref(linked, t)] if r is not None]
    unique = {r.iri: r for r in reversed(refs) if linked.cls(r.iri) in PARTY_CLASSES}
    return list(reversed(unique.values()))


def _placed(token: Token, top: Token) -> bool:
    """Is the token inside a place phrase ("in Norway") below ``top``?"""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "across", "throughout"):
            return True
        token = token.head
    return False


def _participating(noun: Token) -> bool:
    return noun.lemma_.lower() == "participant" or any(c.lower_ == "participating" for c in noun.children)


def _latest_event(linked: LinkedDoc, token: Token) -> Ref | None:
    """The event the text is about at this point: the latest one the gazetteer or a name gave, or the NER found
    as a subject (a war named in passing — "since the end of the Cold War" — is not what "also participated"
    refers to)."""
    for i in range(token.i - 1, max(-1, token.i - LOOKBACK), -1):  # bounded: linear in the article
        candidate = linked.doc[i]
        ref = _is_event(linked, candidate)
        if ref is not None and (candidate.dep_ in ("nsubj", "nsubjpass", "ROOT") or ref.how != "ner"):
            return ref
    return None


# event nouns for a meeting, which "we met" in the text refers to
MEETING_NOUNS = frozenset({"meeting", "summit", "talks", "consultations", "conference"})


def _headline_meeting(linked: LinkedDoc) -> Ref | None:
    """The meeting the headline names ("Joint declaration of the heads of state Bucharest 9 Meeting")."""
    for token, link in headline_events(linked):
        if set(linked.entities[link.iri].label.lower().split()) & MEETING_NOUNS:
            return entity_ref(linked, token)
    return None


class EventFrames:
    """Participants and places of events (rules ``event-definition``, ``event-name``, ``event-elided``)."""

    name = "events"
    rules = MappingProxyType({"event-definition": 0.8, "event-name": 0.85, "event-elided": 0.7, "event-included": 0.75})

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]:
        ontology = linked.ontology
        takes_part = ontology.with_behaviour("ParticipationRelation")
        place_of = ontology.with_behaviour("PlaceRelation")
        for token in sent:
            event = _is_event(linked, token)
            # "Zapad 2021 was a joint Russian-Belarusian exercise": the definition names the parties
            if event is not None and token.dep_ == "nsubj" and token.head.lemma_ in COPULAS:
                for attr in (c for c in token.head.children if c.dep_ == "attr"):
                    for prop in takes_part:
                        yield from pairs(_parties_in(linked, attr), prop, [event], attr, "event-definition", 1.0)
                    # "Enhanced Forward Presence is a … force in Northern, Central and Eastern Europe"
                    places = [r for o in prep_objects(attr, "in") for t in [o, *o.conjuncts]
                              for r in [entity_ref(linked, t)] if r is not None
                              and linked.cls(r.iri) in ("Location", "Country")]  # fmt: skip
                    for prop in place_of:
                        yield from pairs([event], prop, places, attr, "event-definition", 1.0)
            # "15,000 Polish soldiers also participated": no event named, the article's latest one
            if token.lemma_ in PARTICIPATION_VERBS and token.pos_ == "VERB":
                yield from self._elided(linked, token, takes_part)
            if token.lemma_ == "meet" and token.pos_ == "VERB":
                yield from self._met(linked, token, takes_part)
            if token.lemma_ in ("participation", "attendance") and token.pos_ == "NOUN":
                yield from self._participation(linked, token, takes_part)
            if token.lemma_ in INCLUDING_VERBS and token.pos_ == "VERB":
                yield from self._included(linked, token, takes_part)
            if token.lemma_ in LEADING_VERBS and token.dep_ in ("amod", "acl", "conj"):
                yield from self._led(linked, token, takes_part)
            if event is not None and token.dep_ == "pobj" and token.head.lower_ in ("at", "during"):
                yield from self._at(linked, token.head.head, event, takes_part)
        yield from self._names(linked, sent, takes_part, place_of)

    def _elided(self, linked: LinkedDoc, verb: Token, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        if verb.lemma_ == "take" and not any(c.lower_ == "part" for c in verb.children):
            return
        if any(
            c.dep_ in ("dobj", "prep", "ccomp", "xcomp") and c.lower_ not in ("part", "also") for c in verb.children
        ):
            return  # the event, or something else, is named
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        parties = [r for s in subjects for r in resolve(linked, s, actor=True) if linked.cls(r.iri) in ACTOR_CLASSES]
        event = _latest_event(linked, verb)
        if event is not None and parties:
            for prop in takes_part:
                yield from pairs(parties, prop, [event], verb, "event-elided", 0.85)

    def _met(self, linked: LinkedDoc, verb: Token, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        """ "Joint declaration of the Bucharest 9 Meeting" … "We, the Presidents of A and B, met today": who meets
        in a text whose headline names a meeting takes part in it, unless the sentence names another event."""
        event = _headline_meeting(linked)
        if event is None or any(linked.cls(r.iri) == "Event" for t in verb.sent for r in [entity_ref(linked, t)] if r):
            return
        subjects, certainty = clause_subjects(verb)
        parties = [r for s in subjects for r in resolve(linked, s, actor=True) if linked.cls(r.iri) in ACTOR_CLASSES]
        for prop in takes_part:
            yield from pairs(parties, prop, [event], verb, "event-elided", certainty * 0.85)

    def _participation(self, linked: LinkedDoc, noun: Token, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        """ "We welcome the participation today of the President of the United States, Joseph Biden": with no
        event named ("participation in …"), the headline's meeting or the article's latest event."""
        if any(True for _ in prep_objects(noun, "in")):
            return
        holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]  # the parser may hang "of" on the verb
        parties = [r for h in holders for o in prep_objects(h, "of") if o.i > noun.i
                   for r in resolve(linked, o, actor=True)]  # fmt: skip
        parties = [r for r in parties if linked.cls(r.iri) in ACTOR_CLASSES]
        event = _headline_meeting(linked) or _latest_event(linked, noun)
        if event is not None:
            for prop in takes_part:
                yield from pairs(parties, prop, [event], noun, "event-elided", 0.85)

    def _included(self, linked: LinkedDoc, verb: Token, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        """ "X included A and B" with X an event; "Participating nations included A, B" after an event."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        events = [r for s in subjects for r in resolve(linked, s, actor=False) if linked.cls(r.iri) == "Event"]
        rule_certainty = 1.0
        if not events and any(s.lemma_.lower() in PARTY_NOUNS and _participating(s) for s in subjects):
            latest = _latest_event(linked, verb)
            events, rule_certainty = ([latest], 0.85) if latest is not None else ([], 0.0)
        parties = [r for o in objects for t in o.subtree for r in [entity_ref(linked, t)] if r is not None]
        parties = [r for r in parties if linked.cls(r.iri) in PARTY_CLASSES]
        for prop in takes_part:
            yield from pairs(parties, prop, events, verb, "event-included", rule_certainty)

    def _at(self, linked: LinkedDoc, verb: Token, event: Ref, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        """ "NATO's member states agreed at the 2016 Warsaw summit": who decides at a meeting takes part."""
        if verb.lemma_.lower() not in DELIBERATING_VERBS:
            return
        subjects, certainty = clause_subjects(verb)
        parties = [r for t in subjects for r in resolve(linked, t, actor=True) if linked.cls(r.iri) in ACTOR_CLASSES]
        for prop in takes_part:
            yield from pairs(parties, prop, [event], verb, "event-included", certainty * 0.9)

    def _led(self, linked: LinkedDoc, verb: Token, takes_part: tuple[str, ...]) -> Iterator[Candidate]:
        """ "a NATO-led exercise", "an exercise held and sponsored by the U.S. Navy": who runs it takes part."""
        noun = verb.head
        while noun.dep_ == "conj" and noun.pos_ == "VERB" and noun.head.i != noun.i:
            noun = noun.head  # "held and sponsored by": the noun the first participle modifies
        if noun.pos_ == "VERB":
            noun = noun.head
        events = [r for r in resolve(linked, noun, actor=False) if linked.cls(r.iri) == "Event"]
        if not events:
            return
        runners = [c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")]
        runners += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        parties = [r for t in runners for r in resolve(linked, t, actor=True) if linked.cls(r.iri) in PARTY_CLASSES]
        for prop in takes_part:
            yield from pairs(parties, prop, events, verb, "event-definition", 1.0)

    def _names(
        self, linked: LinkedDoc, sent: Span, takes_part: tuple[str, ...], place_of: tuple[str, ...]
    ) -> Iterator[Candidate]:
        """ "the 2024 Washington NATO summit": the organisation in the name takes part, the city is its place."""
        for mention in linked.mentions:
            if mention.how != "event-name" or not sent.start_char <= mention.start < sent.end_char:
                continue
            span = linked.doc.char_span(mention.start, mention.end)
            if span is None:
                continue
            event = Ref(mention.entity, span.root, 0.9, "event-name")
            inside = [r for t in span for r in [entity_ref(linked, t)] if r is not None and r.iri != mention.entity]
            for prop in takes_part:
                # "the 2024 Washington NATO summit": the organisation holding it; countries in a name ("the
                # Polish–Soviet War") are its sides, which a name alone does not make parties
                parties = [r for r in inside if linked.cls(r.iri) in ("InternationalOrganization", "Organization")]
                yield from pairs(parties, prop, [event], span.root, "event-name", 1.0)
            for prop in place_of:
                # "NATO's mission in Afghanistan": a place the name says the event is in; the city a name is
                # called after ("the Vilnius Summit") is not a statement of where it was held
                places = [
                    r
                    for r in inside
                    if linked.cls(r.iri) in ("Location", "Country")
                    and r.token.i > 0
                    and r.token.doc[r.token.i - 1].lower_ == "in"
                ]
                yield from pairs([event], prop, places, span.root, "event-name", 1.0)


EVENTS = EventFrames()
