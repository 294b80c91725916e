"""Dependency-tree helpers shared by the relation rules: who is the subject, what are the coordinated items,
which entity a common noun stands for."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from ..link import LINK_CERTAINTY, LOOKBACK, LinkedDoc, entity_of
from ..syntax import RELATIVE_PRONOUNS, prep_objects

ACTOR_CLASSES = frozenset({"Country", "InternationalOrganization", "Organization", "Person"})
WEAPON_CLASSES = frozenset({"MilitaryAsset"})
# verbs that carry an event noun as their object without adding meaning: "launched the invasion of Ukraine"
LIGHT_VERBS = frozenset(
    {
        "launch", "carry", "conduct", "begin", "start", "continue", "wage", "make", "order", "stage", "mount",
        "escalate", "intensify", "step", "undertake", "perform", "commit", "resume", "announce", "impose",
        "unleash", "hold", "lead", "approve", "authorize", "plan", "execute", "strike", "sign", "reach",
        "conclude", "face", "pose", "represent", "have", "seal", "negotiate", "cancel", "postpone", "attend",
        "host", "call", "scrap", "share", "join", "use", "increase", "boost", "expand", "maintain", "establish",
        "reinforce", "enhance", "adopt", "agree", "extend", "renew", "introduce", "prolong",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ref:
    """An argument resolved to an entity, with how much we trust that resolution."""

    iri: str
    token: Any
    certainty: float
    how: str


def name_root(span: Any) -> Any:
    """The head word of a name: spaCy gives "the Donbas" the determiner as root when both words hang on the
    noun after the name ("the Donbas region")."""
    root = span.root
    if root.dep_ == "det" and len(span) > 1:
        return next((t for t in reversed(span) if t.head.i < span.start or t.head.i >= span.end), span[-1])
    return root


def name_tokens(linked: LinkedDoc, token: Any) -> list[Any]:
    """The tokens of the name a linked token is in: "Palace of the Parliament" around "Palace"."""
    link = linked.link_at(token)
    if link is None:
        return [token]
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and (other := linked.link_at(doc[start - 1])) is not None and other.iri == link.iri:
        start -= 1
    while end < len(doc) and (other := linked.link_at(doc[end])) is not None and other.iri == link.iri:
        end += 1
    return list(doc[start:end])


def in_chain(token: Any, name: list[Any]) -> bool:
    """Is the token the next place of a comma chain after the name? The parser may hang it anywhere in the name,
    also as the object of the name's own "of" ("the Palace of the Parliament, Bucharest")."""
    after_comma = token.i > 0 and token.doc[token.i - 1].text == ","
    return token.i > name[-1].i and (token.dep_ in ("appos", "npadvmod") or (token.dep_ == "pobj" and after_comma))


def entity_ref(linked: LinkedDoc, token: Any) -> Ref | None:
    link = linked.link_at(token)
    if link is None:
        return None
    return Ref(link.iri, token, LINK_CERTAINTY.get(link.how, 0.85), link.how)


def modifier_refs(linked: LinkedDoc, noun: Any, classes: frozenset[str] | None = ACTOR_CLASSES) -> list[Ref]:
    """Entities that modify a common noun: "Russian drones", "Poland's borders", "NATO airspace", "F-35 jets".

    ``classes`` limits which entities count (actors are states, organisations and people; None = any). A
    modifier that is itself an entity of another class is looked through: "Russian drone incursions" -> Russia.
    """
    refs = []
    for child in noun.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod", "nummod"):
            continue
        if _hyphen_participle(child):
            continue  # "Russian-backed separatists" are not Russia: the compound names a relation to it
        if child.i in linked.group_of:  # "our condemnation of": the signatories
            refs += [Ref(iri, child, 0.8, "we") for iri in linked.group_of[child.i]]
            continue
        ref = entity_ref(linked, child)
        if ref is not None and (classes is None or linked.cls(ref.iri) in classes):
            refs.append(Ref(ref.iri, child, ref.certainty * 0.85, "modifier"))
        elif child.dep_ in ("compound", "nmod", "amod"):
            refs.extend(modifier_refs(linked, child, classes))
    return refs


def _hyphen_participle(token: Any) -> bool:
    """ "Russian-backed", "NATO-led", "Tbilisi-based": a name joined to a participle by a hyphen."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 2 < len(doc) else None
    return nxt is not None and nxt.text == "-" and doc[token.i + 2].tag_ == "VBN"


def _noun_key(token: Any) -> set[str]:
    """Lemma and two-word compound lemma of a noun: "air force", "force"."""
    keys = {token.lemma_.lower()}
    keys.update(f"{c.lemma_.lower()} {token.lemma_.lower()}" for c in token.children if c.dep_ == "compound")
    return keys


QUANTITY_WORDS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "some", "most", "all", "many", "several",
     "part", "number", "majority", "half", "rest", "each", "one", "two", "three", "four", "five", "%", "percent",
     "swarm", "wave", "barrage", "salvo", "fleet", "squadron", "group", "batch", "pair"}
)  # fmt: skip
PLACE_PREPS = ("in", "near", "at", "outside")
# modifiers that make a group no agent of the state its demonym names: "Russian separatist forces"
NOT_THE_STATE = frozenset(
    {"separatist", "separatists", "rebel", "rebels", "opposition", "dissident", "exiled", "insurgent", "volunteer"}
)
# nouns for a part of a place, which stand for the place as a target: "held in the eastern parts of Norway"
PART_NOUNS = frozenset({"part", "area", "county", "region", "province", "district", "zone", "corner", "base"})
# the land itself, named by its "of" phrase: "the territory of Ukraine", "the airspace of Poland"
LAND_NOUNS = frozenset({"territory", "airspace", "soil", "land", "water", "waters", "coast", "sky", "border"})


def _place_named(linked: LinkedDoc, token: Any) -> Ref | None:
    """A place token, or the place a descriptive noun names: "the Ukrainian city of Dnipro" -> Dnipro."""
    ref = entity_ref(linked, token)
    if ref is None and linked.ontology.descriptors.get(token.lemma_.lower()) == "Location":
        for named in prep_objects(token, "of"):
            ref = entity_ref(linked, named)
            if ref is not None:
                break
    return ref


def _through_quantity(token: Any) -> Any:
    """ "41 of 52 missiles", "dozens of drones": the counted noun."""
    if token.like_num or token.lower_ in QUANTITY_WORDS:
        for obj in prep_objects(token, "of"):
            return obj
    return token


def _weapon_owner(linked: LinkedDoc, weapon: Any) -> list[Ref]:
    """Who fields a weapon named without an owner: the owner of a coordinated weapon ("Russian missiles and
    drones"), else the last owner the article gave the same weapon ("Russian drones … the drones")."""
    head = weapon
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        owners = modifier_refs(linked, head, ACTOR_CLASSES)
        if owners:
            return owners
    link = linked.link_at(weapon)
    for token in reversed(linked.doc[max(0, weapon.i - LOOKBACK) : weapon.i]):  # bounded look-back
        other = linked.link_at(token)
        same = other is not None and link is not None and other.iri == link.iri
        if same or (link is None and token.lemma_ == weapon.lemma_ and token.pos_ == "NOUN"):
            owners = modifier_refs(linked, token, ACTOR_CLASSES)
            if owners:
                return [Ref(o.iri, weapon, o.certainty * 0.8, "owner") for o in owners]
    return []


def _titled_person(linked: LinkedDoc, title: Any) -> Any:
    """ "Chief of the General Staff Valery Gerasimov": the parser makes the name the object of the title's "of";
    "the NATO Secretary General, Jens Stoltenberg": or a loose modifier after the comma."""
    named = [
        *prep_objects(title, "of"),
        *(c for c in title.children if c.dep_ in ("appos", "npadvmod") and c.i > title.i),
    ]
    for obj in named:
        link = linked.link_at(obj)
        if link is not None and linked.cls(link.iri) == "Person":
            return obj
    return None


def resolve(linked: LinkedDoc, token: Any, *, actor: bool) -> list[Ref]:
    """The entities a subject/object token stands for, coordination expanded.

    A named entity stands for itself, except that a weapon as actor stands for whoever fields it ("Russian
    drones attacked" -> Russia; with no owner in sight, no actor). A common noun stands for the state or
    organisation modifying it only when the ontology lists it as an agent noun (actors: "Russian forces") or a
    territory noun (targets: "Polish airspace"); "Ukraine's European supporters" stands for neither. A target
    named by a weapon modifier is the weapon ("F-35 jets" -> F-35); a target placed somewhere is that place ("a
    strike on a hospital in Zaporizhzhia" -> Zaporizhzhia).
    """
    ontology = linked.ontology
    proxies = ontology.agent_nouns if actor else ontology.territory_nouns
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = token.head.head  # "China, which the United States accuses" -> China
    if token.dep_ == "appos" and linked.link_at(token) is None and linked.link_at(token.head) is not None:
        token = token.head  # "Romania, a European Union member that borders Moldova" -> Romania
    named_after = [c for c in token.children if c.dep_ == "appos" and linked.link_at(c) is not None]
    role = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)  # "the Chair", "Admiral"
    if linked.link_at(token) is None and named_after and role:
        token = named_after[0]  # "met with the Chair of the NATO Military Committee, Admiral Rob Bauer"
    named = _predicate_nominal(linked, token)
    if named is not None:
        return [named]  # "Zapad 2025 was an exercise that took place in Belarus": the exercise is Zapad 2025
    refs: list[Ref] = []
    for item in coordinated(linked, _through_quantity(token)):
        item = _through_quantity(item)
        if linked.link_at(item) is None and item.is_title and item.pos_ in ("NOUN", "PROPN"):
            item = _titled_person(linked, item) or item  # "welcomed President of Estonia Kersti Kaljulaid"
        if item.i in linked.group_of:  # "We call on Russia": the signatories
            refs += [Ref(iri, item, 0.8, "we") for iri in linked.group_of[item.i]]
            continue
        ref = entity_ref(linked, item)
        if ref is not None and ref.how == "demonym" and item.dep_ in ("amod", "compound") and item.head.i != item.i:
            ref = None  # an adjective here is a modifier of this token's head, resolved below
        called = linked.ontology.members_called.get(item.text)
        if ref is None and actor and called in linked.entities:  # "Allies agreed": NATO, in NATO's own texts
            refs.append(Ref(called, item, 0.8, "members-called"))
            continue
        agent = _event_agent(linked, ref) if actor and ref is not None else None
        if agent is not None:  # "condemned Russia's war against Ukraine": the war's agent is the actor
            refs.append(agent)
            continue
        if ref is not None and not (actor and linked.cls(ref.iri) == "MilitaryAsset"):
            refs.append(ref)
            continue
        if ref is None and linked.ontology.descriptors.get(item.lemma_.lower()) == "Event":
            events = modifier_refs(linked, item, frozenset({"Event"}))  # "the Zapad 2025 military exercises"
            # "co-chaired a meeting of the Bilateral Defense Consultations"
            events += [r for o in prep_objects(item, "of") for r in [entity_ref(linked, o)]
                       if r is not None and linked.cls(r.iri) == "Event"]  # fmt: skip
            if events:
                refs.extend(Ref(r.iri, item, r.certainty, "event-name") for r in events)
                continue
        modifiers: list[Ref] = [] if actor or ref is not None else modifier_refs(linked, item, WEAPON_CLASSES)
        if any(c.lower_ in NOT_THE_STATE for c in item.children):
            continue  # "Russian separatist forces", "Belarusian opposition leaders" do not stand for the state
        if not modifiers and (ref is not None or _noun_key(item) & proxies):
            modifiers = modifier_refs(linked, item, ACTOR_CLASSES)
            if not modifiers and actor and ref is None:
                # "soldiers from Germany, the United States and Lithuania"
                modifiers = [r for t in prep_objects(item, "from") for r in resolve(linked, t, actor=True)]
        if not modifiers and actor and (ref is not None or _noun_key(item) & proxies):
            modifiers = _weapon_owner(linked, item)  # "the drones", "the bombers": the owner given before
        if not modifiers and actor and ref is None and _officials(linked, item):
            # "the defence ministers of Poland, Lithuania and Latvia met": the officials act for their states
            modifiers = _officials(linked, item)
        if not modifiers and actor and ref is None and item.pos_ == "NOUN":
            # the possessor of an act is its agent: "condemn Russia's military build-up" -> Russia
            modifiers = [r for c in item.children if c.dep_ == "poss"
                         for r in modifier_refs(linked, item, ACTOR_CLASSES) if r.token.i == c.i]  # fmt: skip
        if not modifiers and not actor and ref is None and _place_descriptor(linked, item):
            # "hit Odesa port", "struck the Kharkiv power plant": the place the place noun belongs to
            modifiers = [Ref(r.iri, r.token, r.certainty, "place") for r in modifier_refs(linked, item, None)
                         if linked.cls(r.iri) in ("Location", "Country")]  # fmt: skip
        if not modifiers and not actor and ref is None and item.pos_ == "NOUN":
            # "a hospital in Zaporizhzhia"; "parts of Norway", "the counties of Trøndelag, Hedmark and Oppland"
            preps = (
                (*PLACE_PREPS, "of")
                if item.lemma_.lower() in PART_NOUNS | LAND_NOUNS or _place_descriptor(linked, item)
                else PLACE_PREPS
            )
            places = [
                r for prep in preps for o in prep_objects(item, prep) for t in coordinated(linked, o)
                for r in [_place_named(linked, t)] if r
            ]  # fmt: skip
            modifiers = [Ref(r.iri, r.token, r.certainty * 0.8, "place") for r in places
                         if linked.cls(r.iri) in ("Location", "Country")]  # fmt: skip
        if modifiers:
            refs.extend(modifiers)
        elif ref is not None and not actor:
            refs.append(ref)
        # lists distribute: "eight members of the regime, including Alexander Lukashenko and his son"
        refs += [r for t in prep_objects(item, "including") for r in resolve(linked, t, actor=actor)]
    return refs


def _place_descriptor(linked: LinkedDoc, token: Any) -> bool:
    return token.pos_ == "NOUN" and linked.ontology.descriptors.get(token.lemma_.lower()) == "Location"


def _event_agent(linked: LinkedDoc, ref: Ref) -> Ref | None:
    individual = linked.ontology.individuals.get(ref.iri)
    if individual is None or individual.event_agent is None or linked.cls(ref.iri) != "Event":
        return None
    linked.entities.setdefault(individual.event_agent, entity_of(linked.ontology.individuals[individual.event_agent]))
    return Ref(individual.event_agent, ref.token, ref.certainty * 0.9, "event-agent")


def _officials(linked: LinkedDoc, noun: Any) -> list[Ref]:
    """The states a plural role noun names: "the foreign ministers of A, B and C", "the leaders of A and B"."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in linked.ontology.titles:
        return []
    named = [entity_ref(linked, t) for o in prep_objects(noun, "of") for t in coordinated(linked, o)]
    return [
        Ref(r.iri, r.token, r.certainty * 0.9, "officials")
        for r in named
        if r is not None and linked.cls(r.iri) in ("Country", "InternationalOrganization")
    ]


def _predicate_nominal(linked: LinkedDoc, token: Any) -> Ref | None:
    """A common noun that is the predicate of a copula stands for the copula's named subject ("X was a NATO
    exercise that …")."""
    if token.dep_ != "attr" or linked.link_at(token) is not None or token.head.lemma_ not in ("be", "become"):
        return None
    subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    ref = entity_ref(linked, subject) if subject is not None else None
    return Ref(ref.iri, token, ref.certainty * 0.9, "predicate") if ref is not None else None


def _listable(first: str, second: str) -> bool:
    """Classes the parser's apposition can list together: the same class, or states and their organisations
    ("The United States, the EU, and the United Kingdom") — not a place and its country ("Kaliningrad, Russia")."""
    return first == second or {first, second} <= {"Country", "InternationalOrganization"}


def _shared_head_list(linked: LinkedDoc, token: Any) -> list[Any]:
    """The other places of "the Baltic and North Seas" (one head word, linked by the linker's shared-head
    rule), read leftwards from the head."""
    link = linked.link_at(token)
    if link is None or link.how != "shared-head":
        return []
    doc, found, seen = token.doc, [], {link.iri}
    j = token.i - 1
    while j >= 0:
        other = linked.link_at(doc[j])
        if other is not None and other.how == "shared-head":
            if other.iri not in seen:
                found.append(doc[j])
                seen.add(other.iri)
        elif doc[j].text not in (",", "and", "or"):
            break
        j -= 1
    return found


def _described_item(linked: LinkedDoc, current: Any, child: Any) -> list[Any]:
    """ "Alexander Lukashenko, his son Victor Lukashenko and …": a list item given with how it relates, whose
    name the parser hangs on the relation noun."""
    link = linked.link_at(current)
    if link is None or child.dep_ != "appos" or child.pos_ != "NOUN" or linked.link_at(child) is not None:
        return []
    cls = linked.cls(link.iri)
    named = [(g, linked.link_at(g)) for g in child.children if g.dep_ == "appos"]
    return [g for g, other in named if other is not None and linked.cls(other.iri) == cls]


def coordinated(linked: LinkedDoc, token: Any) -> list[Any]:
    """A token and its conjuncts: "France, the Netherlands, and the United Kingdom" (spaCy often attaches the
    middle items as appositions, so an apposition that is itself a linked entity counts as a conjunct)."""
    items = [token, *_shared_head_list(linked, token)]
    todo = [token]
    while todo:
        current = todo.pop()
        for child in current.children:
            is_conj = child.dep_ == "conj"
            is_list_appos = (
                child.dep_ == "appos"
                and linked.link_at(child) is not None
                and linked.link_at(current) is not None
                and _listable(linked.cls(linked.link_at(child).iri), linked.cls(linked.link_at(current).iri))  # type: ignore[union-attr]
            )
            if (is_conj or is_list_appos) and child not in items:
                items.append(child)
                todo.append(child)
            for named in _described_item(linked, current, child):  # "A, his son B and C"
                if named not in items:
                    items.append(named)
                    todo.append(named)
    return items


def acting_for(linked: LinkedDoc, person: Ref, leader_props: frozenset[str]) -> list[Ref]:
    """A head of state or government named with a title acts for the state: "Russian President Vladimir Putin
    launched the invasion" -> Russia (event coders' actor convention)."""
    token = person.token
    root = token if token.dep_ != "compound" else token.head
    premods = [t for t in root.subtree if t.i < token.i and t.dep_ in ("compound", "amod", "nmod", "poss")]
    words = {t.lemma_.lower() for t in premods} | {t.lower_ for t in premods}
    titles = linked.ontology.titles
    keys = words | {f"{a.lower_} {b.lower_}" for a, b in itertools.pairwise(premods)}
    if not any(set(titles.get(k, ())) & leader_props for k in keys):
        return []
    states = []
    for t in premods:
        ref = entity_ref(linked, t)
        if (
            ref is not None
            and ref.iri != person.iri
            and linked.cls(ref.iri) in ("Country", "InternationalOrganization")
        ):
            states.append(Ref(ref.iri, person.token, person.certainty * 0.9, "role"))
    if not states:  # "President Putin": the state the ontology records the titled person as leading
        ontology = linked.ontology
        for holder, prop, state in ontology.facts:
            if holder == person.iri and prop in leader_props and ontology.individuals[state].cls == "Country":
                linked.entities.setdefault(state, entity_of(ontology.individuals[state]))
                states.append(Ref(state, person.token, person.certainty * 0.85, "role"))
    return states
