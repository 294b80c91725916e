"""Pure dependency syntax over spaCy tokens, below linking: who is a verb's subject, a preposition's objects,
a verb's direct objects. Knows English grammar only, no entities and no ontology."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})

# verbs whose object, not subject, performs the complement: "urged Poland to intercept", "forced NATO to respond"
OBJECT_CONTROL = frozenset(
    {
        "urge", "ask", "force", "order", "allow", "persuade", "encourage", "compel", "push", "press", "invite",
        "tell", "want", "authorize", "authorise", "permit", "enable", "call", "request", "instruct", "pressure", "warn",
    }
)  # fmt: skip
# "accused Russia of ordering", "blamed Moscow for launching": the object did the complement
ACCUSATION_PREPS = frozenset({"of", "for"})


def _headline_list(verb: Token, subject: Token) -> list[Token]:
    """ "U.S., NATO Wrap up Saber Strike 17", "Poland, Lithuania sign pact": names listed by a comma alone before
    the subject, opening the sentence (headline style), are subjects too."""
    doc = subject.doc
    start = subject.left_edge.i
    return [
        c
        for c in verb.children
        if c.dep_ in ("npadvmod", "appos", "nmod", "dep", "nsubj")
        and c.pos_ == "PROPN"
        and c.ent_type_ not in ("DATE", "TIME")
        and c.left_edge.i == subject.sent.start
        and c.right_edge.i + 2 == start
        and doc[c.right_edge.i + 1].text == ","
    ]


def clause_subjects(verb: Token, depth: int = 0) -> tuple[list[Token], float]:
    """Subject tokens of a verb, with a certainty factor for inherited subjects.

    Rules, in order:
    - an explicit nsubj/csubj (a relative pronoun is replaced by the noun the clause modifies);
    - passive: the "by" agent;
    - a conjoined verb shares its head's subject ("attacked and occupied");
    - a non-finite complement or purpose clause takes its controller's subject ("NATO countered by
      deploying", "committed to sending", "used Belarus to threaten"), or the object after an object-control
      verb ("urged Poland to intercept") or an accusation ("accused Russia of ordering");
    - a participle modifying a noun has that noun as subject ("warplanes breaching NATO airspace").
    """
    if depth > 6:
        return [], 0.0
    explicit = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if explicit:
        explicit += _headline_list(verb, explicit[0])
        return [_antecedent(s, verb) if s.lower_ in RELATIVE_PRONOUNS else s for s in explicit], 1.0
    agents = [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
    if agents:
        return agents, 1.0
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return [], 0.0  # agentless passive: the actor is unknown
    dep = verb.dep_
    head = verb.head
    if head.dep_ == "ROOT" and head.text in LIST_MARKERS and head.i < verb.i and depth == 0:
        dep, head = "ROOT", verb  # "• Establishing …": the parser made the marker the item's root
    patients = [c for c in head.children if c.dep_ == "nsubjpass"]
    if dep == "conj" and patients and verb.tag_ != "VBN":
        return patients, 0.95  # "Stoltenberg was elected in 1993 and is a member of …": a finite conjunct, active
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        subjects, certainty = clause_subjects(head, depth + 1)
        return subjects, certainty * 0.95
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    # "NATO stepped up patrols, deploying frigates": a participle clause after its verb shares its subject,
    # unless a colon or dash makes it an elaboration of something else
    participle = (
        dep == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > head.i
        and not any(t.text in (":", "—", "–", ";") for t in verb.doc[head.i : verb.i])
    )
    complement = dep == "xcomp" or (dep == "advcl" and (purpose or participle))
    if complement and verb.tag_ in ("VB", "VBG") and head.pos_ in ("VERB", "AUX", "ADJ"):
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised and not any(c.dep_ == "agent" for c in head.children):
            return raised, 0.9  # "Zelensky is expected to meet", "Poland was urged to intercept"
        # "urged Poland to intercept"; "called on Russia to withdraw": the one called on
        objects = [c for c in head.children if c.dep_ == "dobj"] or [
            o for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "upon") for o in p.children
            if o.dep_ == "pobj"
        ]  # fmt: skip
        if (dep == "xcomp" or purpose) and objects and head.lemma_.lower() in OBJECT_CONTROL:
            return objects, 0.85
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "Russia is unlikely to attack": the subject sits on the copula
        subjects, certainty = clause_subjects(head, depth + 1)
        return subjects, certainty * 0.9
    if dep == "pcomp" and head.dep_ == "prep":
        # "stepped back from demanding": climb over adverbs and particles to the verb
        governor = head.head
        while governor.pos_ in ("ADV", "ADP", "PART") and governor.head.i != governor.i:
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if head.lower_ in ACCUSATION_PREPS and objects:
                return objects, 0.85
            subjects, certainty = clause_subjects(governor, depth + 1)
            return subjects, certainty * 0.9
    if dep in ("acl", "relcl") and verb.tag_ == "VBG":
        return [head], 0.85
    if dep == "ROOT" and depth == 0:
        header = list_header(verb)
        if header is not None:  # "The Council decided to:\n- list the Ministry of Defence": the header's subject
            subjects, certainty = clause_subjects(header, depth + 1)
            return subjects, certainty * 0.8
    if dep == "acl" and purpose and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
        # "have coordinated efforts to impose sanctions on Russia": the effort's verb has the subject
        subjects, certainty = clause_subjects(head.head, depth + 1)
        return subjects, certainty * 0.85
    return [], 0.0


LIST_MARKERS = frozenset({"-", "•", "*", "–", "▪", "·"})


def list_header(verb: Token) -> Token | None:
    """The verb of the line a bullet item hangs from: a sentence ending in a colon before a run of items
    that start with a list marker ("The United States will:\n- deliver …\n- station …")."""
    doc, sent = verb.doc, verb.sent
    if sent[0].text not in LIST_MARKERS and not (sent[0].is_space and len(sent) > 1 and sent[1].text in LIST_MARKERS):
        return None
    start = sent.start
    while start > 0:
        previous = doc[start - 1].sent
        words = [t for t in previous if not t.is_space]
        if not words:
            return None
        if words[-1].text == ":":
            header = previous.root
            # "decided to:", "will:": the verb whose clause the items complete
            return next((c for c in header.children if c.dep_ == "xcomp"), header)
        if words[0].text not in LIST_MARKERS:
            return None
        start = previous.start
    return None


def _antecedent(pronoun: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its relative clause, or — when the parser attached
    the clause elsewhere (", that took place in Belarus") — the nearest noun before it."""
    if verb.dep_ == "relcl":
        return verb.head
    for token in reversed(pronoun.doc[max(0, pronoun.i - 4) : pronoun.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return token
        if not (token.is_punct or token.pos_ in ("ADJ", "DET")):
            break
    return pronoun


def prep_objects(token: Token, prep: str) -> Iterator[Token]:
    """Objects of a given preposition attached to a token: "to" in "sent jets to Poland"; a repeated
    preposition counts too ("spoke with Rutte and with Trump")."""
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
            for p in [child, *(c for c in child.children if c.dep_ == "conj" and c.lower_ == prep)]:
                for obj in p.children:
                    if obj.dep_ == "pobj":
                        yield obj


def direct_objects(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objects and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in verb.children):
        objects = [verb.head]  # "a country Russia first invaded in 2014": the noun the clause modifies
    # "shoots down Russian drones": the parser sometimes hangs the object on the particle
    objects += [o for c in verb.children if c.dep_ == "prt" for o in c.children if o.dep_ == "pobj"]
    objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    return objects


def evidence_span(tokens: list[Token]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end
