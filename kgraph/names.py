"""Entity names -> IRIs: the one resolver behind every command that takes an entity (neighbors, path, why,
timeline, view --focus, query --bind), so a name means the same entity, and fails with the same message,
everywhere.

A name is an IRI (as it is or in <...>), a prefixed name (kge:Russia), or a label, alias or surface form, matched
case-insensitively: the graph's labels, the skos:altLabel surface forms recorded at build ("Putin", "Russian"),
and the ontology's individuals and their aliases ("Zelenskyy"). Failing an exact match, a name that is a whole
word of one name ("Putin" in "Vladimir Putin") will do. Two candidates are an error that lists them; none is an
error that suggests close spellings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from .errors import InputError
from .query import Queryable, parse_term, prefix_map
from .vocab import curie

if TYPE_CHECKING:
    from .ontology import Ontology

NAME_ROWS = """
SELECT ?e ?name WHERE { ?e skos:prefLabel|skos:altLabel|rdfs:label ?name }
"""


def normalise_name(name: str) -> str:
    """A name as the index keys it: case-folded, white space folded."""
    return " ".join(name.casefold().split())


@dataclass
class EntityIndex:
    """Entity names (labels and aliases, case-insensitive) -> IRIs, from the graph and the ontology."""

    names: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> IRIs
    spelled: dict[str, str] = field(default_factory=dict)  # normalised name -> a spelling, for suggestions
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> display label
    classes: dict[str, str] = field(default_factory=dict)  # IRI -> class local name
    present: set[str] = field(default_factory=set)  # IRIs that are nodes of the graph
    prefixes: dict[str, str] = field(default_factory=prefix_map)

    def add(self, iri: str, name: str) -> None:
        if name.strip():
            self.names.setdefault(normalise_name(name), set()).add(iri)
            self.spelled.setdefault(normalise_name(name), " ".join(name.split()))

    @classmethod
    def build(cls, graph: Any, source: Queryable | None = None, ontology: Ontology | None = None) -> EntityIndex:
        """Names from the nodes of ``graph`` (a networkx graph from kgraph.analytics.to_networkx), their
        skos:altLabel/rdfs:label in ``source`` (the surface forms: give it, or only labels match) and the
        ontology's individuals (label and aliases)."""
        index = cls()
        for node, data in graph.nodes(data=True):
            index.present.add(node)
            index.labels[node] = data.get("label", node)
            index.classes[node] = data.get("cls", "Entity")
            index.add(node, data.get("label", ""))
        if source is not None:
            for row in source.query(NAME_ROWS):
                iri, name = str(row[0]), str(row[1])  # type: ignore[index]
                if iri in index.present:
                    index.add(iri, name)
        if ontology is not None:
            for ind in ontology.individuals.values():
                index.labels.setdefault(ind.iri, ind.label)
                index.classes.setdefault(ind.iri, ind.cls)
                for name in (ind.label, *ind.aliases, *ind.metonyms):  # "the Kremlin" names Russia too
                    index.add(ind.iri, name)
        return index

    def describe(self, iri: str) -> str:
        short = curie(iri, self.prefixes) or f"<{iri}>"
        return f"{self.labels.get(iri, iri)} ({short}, {self.classes.get(iri, 'Entity')})"

    def candidates(self, name: str, *, partial: bool = True) -> list[str]:
        """IRIs that ``name`` may mean: exact label/alias matches; failing those, names that contain it as
        whole words ("Putin" -> Vladimir Putin)."""
        key = normalise_name(name)
        # "the Élysée" and "Élysée", "Pentagon" and "the Pentagon": news writes names with and without the article
        exact = self.names.get(key) or self.names.get(key.removeprefix("the ")) or self.names.get(f"the {key}", set())
        if exact or not partial or not key:
            return sorted(exact)
        pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        return sorted({iri for n, iris in self.names.items() if pattern.search(n) for iri in iris})

    def _term(self, name: str) -> str | None:
        """An IRI as it is, written as <...>, or a prefixed name."""
        text = name.strip()
        if text in self.present:  # a node's IRI as it is
            return text
        if text.startswith("<") or (":" in text and text.split(":", 1)[0] in self.prefixes):
            term = parse_term(text, self.prefixes)
            return str(term) if isinstance(term, URIRef) else None
        return None

    def resolve(self, name: str, *, in_graph: bool = True, partial: bool = True) -> str:
        """The one entity ``name`` means, or InputError: unknown (with suggestions) or ambiguous (with the
        candidates). With ``in_graph``, an entity the ontology knows but the graph lacks is an error too."""
        iri = self._term(name)
        if iri is None:
            found = self.candidates(name, partial=partial)
            if len(found) > 1:  # prefer what the graph holds over ontology-only namesakes
                found = [i for i in found if i in self.present] or found
            if len(found) > 1:
                listing = "; ".join(self.describe(i) for i in found)
                raise InputError(f"{name!r} is ambiguous: {listing}. Use the full name or the IRI.")
            if not found:
                close = difflib.get_close_matches(normalise_name(name), list(self.names), n=3, cutoff=0.75)
                hint = f"; did you mean {' or '.join(repr(self.spelled[c]) for c in close)}?" if close else ""
                raise InputError(f"no entity named {name!r} in the graph or the ontology{hint}")
            iri = found[0]
        if in_graph and iri not in self.present:
            raise InputError(f"{self.describe(iri)} is not in this graph")
        return iri

    def resolver(self) -> Callable[[str], URIRef | None]:
        """For --bind: a bare value that names one entity (as ``resolve`` understands names) becomes its IRI;
        one that names several is an error; one that names none stays text."""

        def resolve(name: str) -> URIRef | None:
            if not self.candidates(name):
                return None
            return URIRef(self.resolve(name, in_graph=False))

        return resolve
