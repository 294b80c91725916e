"""Roles: people (and states) and the organisations they lead, serve or belong to — "Polish Prime Minister
Donald Tusk", "Jamie Shea, a former NATO official", "Romania, a NATO member". Titles come from the ontology's
kg:titleTrigger; the domain check picks among the properties a title can express."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..link import LinkedDoc, entity_of
from ..syntax import prep_objects
from .candidate import Candidate, pairs
from .grammar import Ref, coordinated, entity_ref, modifier_refs, name_root, resolve
from .modality import REPORTING_VERBS

ROLE_PREPS = ("of", "at", "for", "with", "from", "in")
# words that make a title no office of the state beside it: "opposition leader", "rebel commander"
NOT_OFFICE = frozenset({"opposition", "rebel", "separatist", "exiled", "dissident", "militia", "insurgent"})


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
    for ent in linked.ents_in(sent):
        ref = entity_ref(linked, name_root(ent))
        if ref is not None and linked.cls(ref.iri) in ("Person", "Country", "Organization"):
            yield ent, ref
    for mention in linked.mentions:  # names found after their title ("President of Estonia Kersti Kaljulaid")
        if mention.how == "titled" and sent.start_char <= mention.start < sent.end_char:
            span = sent.doc.char_span(mention.start, mention.end)
            ref = entity_ref(linked, span.root) if span is not None else None
            if span is not None and ref is not None:
                yield span, ref
    for token in sent:  # "He served as prime minister": a pronoun linked to a person
        link = linked.link_at(token)
        if link is not None and link.how == "coref" and token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass"):
            ref = entity_ref(linked, token)
            if ref is not None and linked.cls(ref.iri) == "Person":
                yield sent.doc[token.i : token.i + 1], ref


# "serves as the 14th secretary general of NATO", "was appointed Minister for European Affairs"
SERVING_VERBS = frozenset({"serve", "act", "work", "elect", "appoint", "name", "become", "remain", "sit"})


def _serving_roles(holder: Any) -> tuple[list[Any], bool]:
    """Roles a person is said to hold by a verb ("X serves as …", "X, who served as …"), and whether the
    verb is past (a former office)."""
    verbs = [holder.head] if holder.dep_ in ("nsubj", "nsubjpass") else []
    if holder.dep_ == "nsubj" and holder.head.lemma_ == "be":  # "X is a politician who serves as …"
        verbs += [v for a in holder.head.children if a.dep_ == "attr" for v in a.children if v.dep_ == "relcl"]
    roles: list[Any] = []
    past = False
    for verb in verbs:
        if verb.lemma_.lower() not in SERVING_VERBS:
            continue
        found = [o for o in prep_objects(verb, "as")] + [c for c in verb.children if c.dep_ == "oprd"]
        # "served as prime minister … and leader of the party": the parser hangs the second role on the verb
        found += [c for c in verb.children if found and c.dep_ == "conj" and c.pos_ == "NOUN"]
        roles += found
        past = past or (bool(found) and verb.tag_ == "VBD" and verb.lemma_.lower() != "become")
    return roles, past


def _role_before_comma(linked: LinkedDoc, start: int, titles: dict[str, tuple[str, ...]]) -> list[Any]:
    """ "met with the Chair of the NATO Military Committee, Admiral Rob Bauer": the role phrase just before the
    name's comma, when the parser lost the apposition."""
    doc = linked.doc
    if start < 2 or doc[start - 1].text != ",":
        return []
    token = doc[start - 2]
    while _title_at([token], titles) is None and token.dep_ in ("pobj", "prep", "compound") and token.head.i < token.i:
        token = token.head
    if linked.link_at(token) is not None or _title_at([token], titles) is None or token.i < doc[start].sent.start:
        return []
    return [token]


def _first_conjunct(token: Any) -> Any:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _shared_title(root: Any) -> list[Any]:
    first = _first_conjunct(root)
    if first is root:
        return []
    before = [t for t in first.subtree if t.i < first.i and t.dep_ not in ("det", "punct", "cc")]
    return before if any(t.tag_ in ("NNS", "NNPS") for t in before) else []


def _unlinked_role(linked: LinkedDoc, role: Any) -> bool:
    """A role noun that names no entity itself; a place ending a title counts as part of it ("NATO's
    Supreme Allied Commander Europe")."""
    link = linked.link_at(role)
    if link is None:
        return True
    return linked.cls(link.iri) == "Location" and any(
        c.dep_ == "compound" and linked.link_at(c) is None for c in role.children
    )


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
        root = name_root(ent)
        # title before the name: the name's own left modifiers outside the entity span
        premods = [t for t in root.subtree if t.i < ent.start and t.dep_ not in ("det", "punct", "cc")]
        if not premods:  # "NATO partners Georgia and Ukraine": a plural title before the first name is theirs
            premods = _shared_title(root)
        found = _title_at([t for t in premods if linked.link_at(t) is None], titles)  # "Secretary of State"
        if found and any(t.lower_ in NOT_OFFICE for t in premods):
            found = None  # "Russian opposition leader Alexei Navalny" does not lead Russia
        if found:
            orgs = [r for t in premods for r in [entity_ref(linked, t)] if r and r.iri != holder.iri]
            yield from _titled(linked, holder, found[1], orgs, root, "title", _former(premods))
        # apposition after the name, and its conjuncts ("a former NATO official and expert at Chatham House")
        roles = [c for c in root.children if c.dep_ == "appos" and _unlinked_role(linked, c)]
        # copula: "Tusk is the prime minister of Poland"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            roles += [c for c in root.head.children if c.dep_ == "attr"]
        # "X serves as the secretary general of NATO"; "X served as prime minister of Norway" (a former office)
        serving, past = _serving_roles(root)
        roles += serving
        # "President of Estonia Kersti Kaljulaid": the parser makes the name the object of "of"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and linked.link_at(root.head.head) is None:
            title = _title_at([root.head.head], titles)
            states = [r for t in premods for r in [entity_ref(linked, t)] if r and r.iri != holder.iri]
            if title and states:
                yield from _titled(linked, holder, title[1], states, root.head.head, "title", "")
        # the name in apposition to its role: "Poland's prime minister, Donald Tusk"
        if root.dep_ == "appos" and linked.link_at(root.head) is None:
            roles.append(root.head)
        elif root.dep_ not in ("appos", "conj"):
            roles += _role_before_comma(linked, min([ent.start, *(t.i for t in premods)]), titles)
        first = _first_conjunct(root)  # "NATO partners Georgia and Ukraine": a plural role names them all
        plural_role = first.dep_ == "appos" and first.head.tag_ in ("NNS", "NNPS")
        if first is not root and plural_role and linked.link_at(first.head) is None:
            roles.append(first.head)
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
            rule = "copula" if role.dep_ in ("attr", "pobj", "oprd") else "appos"
            former = _former(role.children) or ("former" if past and role in serving else "")
            yield from _titled(linked, holder, found[1], orgs, role, rule, former)


def _titled(
    linked: LinkedDoc, holder: Ref, props: tuple[str, ...], orgs: list[Ref], trigger: Any, rule: str, note: str
) -> Iterator[Candidate]:
    holder_cls = linked.cls(holder.iri)
    # "Russian Foreign Ministry spokeswoman Maria Zakharova": who serves an organ serves its state too
    if not any(linked.ontology.behaves(p, "LeadershipRelation") for p in props):  # the head of a ministry
        orgs = orgs + [  # does not head the state
            Ref(state, o.token, o.certainty * 0.9, "organ")
            for o in orgs
            for state, _ in linked.organ_states.get(o.iri, [])
        ]
    if note == "former":  # a former head of state is affiliated with it (kg:formerly)
        props = tuple(dict.fromkeys(linked.ontology.properties[p].formerly or p for p in props))
    fitting = [p for p in props if any(linked.ontology.admits(p, holder_cls, linked.cls(o.iri)) for o in orgs)]
    if orgs and fitting:
        for prop in fitting:
            yield from pairs([holder], prop, orgs, trigger, rule, 1.0, note=note)
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
