"""Load ontologies/*.ttl into the lexicon the extractor runs on: classes, properties, triggers, individuals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from .errors import OntologyError
from .vocab import KG

# package data, so an installed wheel, a Dask worker or a notebook elsewhere finds it (top-level ontologies/ links here)
ONTOLOGY_DIR = Path(str(resources.files("kgraph") / "ontologies"))
DEFAULT_ONTOLOGY = ONTOLOGY_DIR / "kgraph.ttl"  # the domain: classes, properties, triggers, core individuals
WORLD_GAZETTEER = ONTOLOGY_DIR / "world.ttl"  # every other state, capitals and cities, look-alike names
ENTITY_CLASSES = (
    "Country",
    "InternationalOrganization",
    "Organization",
    "Person",
    "MilitaryAsset",
    "Event",
    "Location",
)
# words that end a trigger phrase and name the preposition whose object is the target
PREPOSITIONS = frozenset(
    [
        "to",
        "into",
        "on",
        "onto",
        "against",
        "of",
        "with",
        "in",
        "over",
        "at",
        "for",
        "from",
        "by",
        "upon",
        "toward",
        "towards",
        "across",
        "through",
        "near",
    ]
)
GAP = "…"


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase: 'send … to' -> head 'send', gap allowed, prep 'to'; 'shoot down' -> particle 'down'."""

    head: str
    prep: str | None = None
    particles: tuple[str, ...] = ()
    gap: bool = False
    inverse: bool = False  # "buy … from": the preposition's object is the actor, the subject the target
    stative: bool = False  # "be base in": a passive state whose grammatical subject is the subject
    presupposed: bool = False  # "withdraw troop … from": the relation holds whatever is said of the act

    @classmethod
    def parse(cls, phrase: str, *, inverse: bool = False, presupposed: bool = False) -> Trigger:
        words = phrase.replace("...", GAP).lower().split()
        if not words:
            raise OntologyError(f"empty trigger phrase {phrase!r}")
        gap = GAP in words
        words = [w for w in words if w != GAP]
        stative = len(words) > 1 and words[0] == "be"
        words = words[1:] if stative else words
        prep = words.pop() if len(words) > 1 and words[-1] in PREPOSITIONS else None
        return cls(
            head=words[0],
            prep=prep,
            particles=tuple(words[1:]),
            gap=gap,
            inverse=inverse,
            stative=stative,
            presupposed=presupposed,
        )


@dataclass(frozen=True, slots=True)
class PropertyDef:
    name: str
    iri: str
    parent: str | None
    label: str
    comment: str
    domain: frozenset[str]  # class local names; empty means any entity
    range: frozenset[str]
    symmetric: bool
    triggers: tuple[Trigger, ...]
    titles: tuple[str, ...]  # role nouns for title/apposition patterns
    codes: tuple[str, ...]  # CAMEO / PLOVER codes, for display
    static: bool = False  # holds over time (membership, office, place): presupposed inside noun phrases
    behaviours: frozenset[str] = frozenset()  # kg: classes the property is typed with (StateAct, AgentiveObject …)
    formerly: str | None = None  # what a former holder keeps: leaderOf -> affiliatedWith
    for_persons: str | None = None  # what a person holding it has: memberOf -> affiliatedWith
    generic_objects: frozenset[str] = frozenset()  # "assistance", money: the claim is the parent property


@dataclass(frozen=True, slots=True)
class Individual:
    iri: str
    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    metonym_for: str | None = None  # a capital or seat that news also uses for the state ("Moscow denied")
    # a named event's frame: "Russia's war against Ukraine" names the Russian invasion of Ukraine
    event_agent: str | None = None
    event_target: str | None = None
    event_nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ontology:
    classes: dict[str, frozenset[str]]  # class local name -> spaCy NER labels that map to it
    superclasses: dict[str, frozenset[str]]  # class local name -> itself and its ancestors
    properties: dict[str, PropertyDef]
    individuals: dict[str, Individual]  # by IRI
    facts: frozenset[tuple[str, str, str]]  # background (subject IRI, property name, object IRI)
    agent_nouns: frozenset[str] = frozenset()  # "forces" in "Russian forces" stands for Russia as an actor
    territory_nouns: frozenset[str] = frozenset()  # "airspace" in "Polish airspace" stands for Poland as a target
    descriptors: dict[str, str] = field(default_factory=dict)  # "think tank" -> Organization ("the think tank")
    organ_nouns: frozenset[str] = frozenset()  # "navy", "air force", "ministry": heads of state organs' names
    name_prefixes: dict[str, str] = field(default_factory=dict)  # "USS" -> MilitaryAsset (a named ship)
    members_called: dict[str, str] = field(default_factory=dict)  # "Allies" -> NATO's IRI
    name_patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class -> token regexes ("Tu-95")
    view_families: dict[str, tuple[str, str]] = field(default_factory=dict)  # root property -> (family, colour)
    sources: tuple[str, ...] = field(default=())

    @cached_property
    def class_of_ner_label(self) -> dict[str, str]:
        return {label: cls for cls, labels in self.classes.items() for label in labels}

    def ancestors(self, prop: str) -> list[str]:
        """The property and its super-properties, nearest first."""
        chain: list[str] = []
        current: str | None = prop
        while current is not None and current not in chain and current in self.properties:
            chain.append(current)
            current = self.properties[current].parent
        return chain

    def family(self, prop: str) -> str:
        """The root of a property's hierarchy: attacks -> hostileTowards; memberOf -> memberOf."""
        chain = self.ancestors(prop)
        return chain[-1] if chain else prop

    def behaves(self, prop: str, behaviour: str) -> bool:
        """Does the property, or one of its super-properties, have this behaviour (``kg:StateAct`` …)?"""
        return any(behaviour in self.properties[p].behaviours for p in self.ancestors(prop))

    def with_behaviour(self, behaviour: str) -> tuple[str, ...]:
        """The properties typed with a behaviour themselves (not inherited), by name: the place rules' relation."""
        return tuple(sorted(p.name for p in self.properties.values() if behaviour in p.behaviours))

    def view_family(self, prop: str) -> tuple[str, str] | None:
        """(family name, colour) of the nearest super-property with kg:viewFamily, for the view; or None."""
        return next((self.view_families[p] for p in self.ancestors(prop) if p in self.view_families), None)

    def is_symmetric(self, prop: str) -> bool:
        return prop in self.properties and self.properties[prop].symmetric

    def admits(self, prop: str, subject_cls: str, object_cls: str) -> bool:
        """Domain and range check, with the class hierarchy (a subclass satisfies its superclass)."""
        definition = self.properties.get(prop)
        if definition is None:
            return False

        def fits(cls: str, allowed: frozenset[str]) -> bool:
            return not allowed or bool(self.superclasses.get(cls, frozenset({cls})) & allowed)

        return fits(subject_cls, definition.domain) and fits(object_cls, definition.range)

    def admits_object(self, prop: str, object_cls: str) -> bool:
        """Range check alone: can this property's object be of this class?"""
        definition = self.properties.get(prop)
        if definition is None:
            return False
        return not definition.range or bool(
            self.superclasses.get(object_cls, frozenset({object_cls})) & definition.range
        )

    @cached_property
    def triggers(self) -> dict[str, list[tuple[str, Trigger]]]:
        """Head lemma -> [(property, trigger)]."""
        index: dict[str, list[tuple[str, Trigger]]] = {}
        for prop in self.properties.values():
            for trig in prop.triggers:
                index.setdefault(trig.head, []).append((prop.name, trig))
        return index

    @cached_property
    def titles(self) -> dict[str, tuple[str, ...]]:
        """Role noun (lower case, possibly multiword) -> the properties it can express ("member": a person's
        affiliation, a state's membership; the domain check picks)."""
        index: dict[str, tuple[str, ...]] = {}
        for prop in sorted(self.properties.values(), key=lambda p: p.name):
            for title in prop.titles:
                index[title] = (*index.get(title, ()), prop.name)
        return index


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _local_or_none(node: Node | None) -> str | None:
    return _local(node) if node is not None else None


def _optional(node: Node | None) -> str | None:
    return str(node) if node is not None else None


def _strings(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted({str(o) for o in graph.objects(subject, predicate)}))


def _class_set(graph: Graph, node: Node | None, known: set[str]) -> frozenset[str]:
    """A domain/range node: a named class, or an owl:unionOf list of them."""
    if node is None:
        return frozenset()
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return frozenset(_local(c) for c in graph.items(union) if _local(c) in known)
    name = _local(node)
    return frozenset() if name == "Entity" or name not in known else frozenset({name})


def parse_graph(graph: Graph, sources: Sequence[str] = ()) -> Ontology:
    ns = str(KG._NS)
    class_nodes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(ns)}
    class_names = {_local(c) for c in class_nodes} | set(ENTITY_CLASSES)
    classes = {_local(c): frozenset(_strings(graph, c, KG.nerLabel)) for c in class_nodes}
    for name in ENTITY_CLASSES:
        classes.setdefault(name, frozenset())

    def supers(name: str) -> frozenset[str]:
        seen, todo = {name}, [URIRef(ns + name)]
        while todo:
            for parent in graph.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and str(parent).startswith(ns) and _local(parent) not in seen:
                    seen.add(_local(parent))
                    todo.append(parent)
        return frozenset(seen)

    properties: dict[str, PropertyDef] = {}
    for prop in set(graph.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(ns):
            continue
        name = _local(prop)
        parents = [p for p in graph.objects(prop, RDFS.subPropertyOf) if str(p).startswith(ns)]
        try:
            triggers = (
                tuple(Trigger.parse(t) for t in _strings(graph, prop, KG.trigger))
                + tuple(Trigger.parse(t, inverse=True) for t in _strings(graph, prop, KG.inverseTrigger))
                + tuple(Trigger.parse(t, presupposed=True) for t in _strings(graph, prop, KG.presupposingTrigger))
            )
        except OntologyError as exc:
            raise OntologyError(f"property {name}: {exc}") from exc
        properties[name] = PropertyDef(
            name=name,
            iri=str(prop),
            parent=_local(parents[0]) if parents else None,
            label=str(graph.value(prop, RDFS.label) or name),
            comment=str(graph.value(prop, RDFS.comment) or ""),
            domain=_class_set(graph, graph.value(prop, RDFS.domain), class_names),
            range=_class_set(graph, graph.value(prop, RDFS.range), class_names),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            triggers=triggers,
            titles=tuple(t.lower() for t in _strings(graph, prop, KG.titleTrigger)),
            codes=_strings(graph, prop, KG.cameo) + _strings(graph, prop, KG.plover),
            static=(prop, RDF.type, KG.StaticRelation) in graph,
            behaviours=frozenset(
                _local(t) for t in graph.objects(prop, RDF.type) if isinstance(t, URIRef) and str(t).startswith(ns)
            ),
            formerly=_local_or_none(graph.value(prop, KG.formerly)),
            for_persons=_local_or_none(graph.value(prop, KG.forPersons)),
            generic_objects=frozenset(o.lower() for o in _strings(graph, prop, KG.genericObject)),
        )
    # drop provenance properties (modality, reportedBy) from the relation vocabulary
    for name in ("modality", "reportedBy", "denotedBy"):
        properties.pop(name, None)

    individuals: dict[str, Individual] = {}
    for cls in class_nodes:
        cls_name = _local(cls)
        if cls_name not in ENTITY_CLASSES and "Entity" not in supers(cls_name):
            continue
        for ind in graph.subjects(RDF.type, cls):
            if not isinstance(ind, URIRef):
                continue
            label = graph.value(ind, SKOS.prefLabel)
            if label is None:
                raise OntologyError(f"individual {ind} has no skos:prefLabel")
            if str(ind) in individuals and individuals[str(ind)].cls != cls_name:
                raise OntologyError(f"individual {ind} has two classes: {individuals[str(ind)].cls}, {cls_name}")
            individuals[str(ind)] = Individual(
                iri=str(ind),
                label=str(label),
                cls=cls_name,
                aliases=_strings(graph, ind, SKOS.altLabel),
                demonyms=_strings(graph, ind, KG.demonym),
                metonyms=_strings(graph, ind, KG.metonym),
                same_as=_strings(graph, ind, OWL.sameAs),
                metonym_for=str(graph.value(ind, KG.metonymFor)) if graph.value(ind, KG.metonymFor) else None,
                event_agent=_optional(graph.value(ind, KG.eventAgent)),
                event_target=_optional(graph.value(ind, KG.eventTarget)),
                event_nouns=tuple(n.lower() for n in _strings(graph, ind, KG.eventNoun)),
            )

    facts = frozenset(
        (str(s), _local(p), str(o))
        for s, p, o in graph
        if _local(p) in properties and str(p).startswith(ns) and str(s) in individuals and str(o) in individuals
    )
    return Ontology(
        classes=classes,
        superclasses={name: supers(name) for name in class_names},
        properties=properties,
        individuals=individuals,
        facts=facts,
        agent_nouns=frozenset(str(o).lower() for o in graph.objects(None, KG.agentNoun)),
        territory_nouns=frozenset(str(o).lower() for o in graph.objects(None, KG.territoryNoun)),
        descriptors={str(o).lower(): _local(c) for c, o in graph.subject_objects(KG.descriptor)},
        organ_nouns=frozenset(str(o).lower() for o in graph.objects(None, KG.organNoun)),
        name_prefixes={str(o): _local(c) for c, o in graph.subject_objects(KG.namePrefix)},
        members_called={str(o): str(org) for org, o in graph.subject_objects(KG.membersCalled)},
        name_patterns={
            _local(c): _strings(graph, c, KG.namePattern) for c in set(graph.subjects(KG.namePattern, None))
        },
        view_families={
            _local(p): (str(family), str(graph.value(p, KG.viewColour) or ""))
            for p, family in graph.subject_objects(KG.viewFamily)
        },
        sources=tuple(sources),
    )


def load_ontology(extra: Iterable[str | Path] = (), *, base: str | Path | None = DEFAULT_ONTOLOGY) -> Ontology:
    """The base ontology and the world gazetteer, plus any user files (``--ontology FILE``), merged into one
    lexicon."""
    paths = [Path(base)] if base is not None else []
    if base is not None and Path(base) == DEFAULT_ONTOLOGY and WORLD_GAZETTEER.is_file():
        paths.append(WORLD_GAZETTEER)
    paths += [Path(p) for p in extra]
    graph = Graph()
    for path in paths:
        if not path.is_file():
            raise OntologyError(f"ontology file not found: {path}")
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for bad syntax
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise OntologyError(f"cannot parse ontology {path}: {first_line}") from exc
    return parse_graph(graph, [str(p) for p in paths])
