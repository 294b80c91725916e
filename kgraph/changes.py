"""What a build added to a store: the entities, facts and disputes it holds now and did not hold before.

A snapshot is read from the store before the build and again after it commits; a fact is a (subject, property,
object) claimed in any modality, a dispute a (subject, denied property, object) as `kgraph disputes` groups
them (kgraph.disputes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .analytics import graph_from_source
from .disputes import disputed_facts
from .ontology import Ontology
from .selection import MODALITIES
from .store import Store, is_store


@dataclass(frozen=True)
class Snapshot:
    entities: frozenset[str] = frozenset()
    facts: frozenset[tuple[str, str, str]] = frozenset()
    disputes: frozenset[tuple[str, str, str]] = frozenset()


@dataclass(frozen=True)
class Changes:
    """What ``after`` holds that ``before`` did not."""

    entities: frozenset[str]
    facts: frozenset[tuple[str, str, str]]
    disputes: frozenset[tuple[str, str, str]]

    def summary(self) -> str:
        def count(n: int, word: str, plural: str) -> str:
            return f"{n} {word if n == 1 else plural}"

        return ", ".join(
            (
                count(len(self.entities), "entity", "entities"),
                count(len(self.facts), "fact", "facts"),
                count(len(self.disputes), "dispute", "disputes"),
            )
        )


def store_snapshot(path: str | Path, ontology: Ontology) -> Snapshot:
    """The entities, facts and disputes of the store at ``path``; an empty snapshot when there is no store yet."""
    if not is_store(path):
        return Snapshot()
    with Store(path, create=False, reader=True) as store:
        graph = graph_from_source(store, modality=MODALITIES)
    return Snapshot(
        entities=frozenset(graph.nodes),
        facts=frozenset((s, p, o) for s, o, p in graph.edges(keys=True)),
        disputes=frozenset(disputed_facts(graph, ontology)),
    )


def changes(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(after.entities - before.entities, after.facts - before.facts, after.disputes - before.disputes)


__all__ = ["Changes", "Snapshot", "changes", "store_snapshot"]
