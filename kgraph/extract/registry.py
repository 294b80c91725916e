"""The extractor seam: every extractor turns a linked sentence into Candidates under rule names it declares,
with a base confidence per rule; the shared stage (``extract.claims_of``) then applies the ontology's domain and
range, modality, dates, confidence and provenance to all of them alike.

Built-in extractors register themselves here; others are found through the ``kgraph.extractors`` entry point
group (like rdflib's plugins), each naming an object that satisfies ``Extractor``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from spacy.tokens import Span

from ..errors import ExtractorError
from ..link import LinkedDoc
from .candidate import Candidate

ENTRY_POINT_GROUP = "kgraph.extractors"


@runtime_checkable
class Extractor(Protocol):
    """A source of candidate claims. ``rules`` maps each rule name it yields to its base confidence."""

    @property
    def name(self) -> str: ...

    @property
    def rules(self) -> Mapping[str, float]: ...

    def candidates(self, linked: LinkedDoc, sent: Span) -> Iterator[Candidate]: ...


_EXTRACTORS: dict[str, Extractor] = {}
_RULES: dict[str, tuple[str, float]] = {}  # rule -> (extractor name, base confidence)
_LOADED_ENTRY_POINTS = False


def register(extractor: Extractor) -> Extractor:
    """Add an extractor; its rule names must be new (a rule belongs to one extractor)."""
    if not isinstance(extractor, Extractor):
        raise ExtractorError(f"{extractor!r} is not an extractor (needs name, rules and candidates())")
    if extractor.name in _EXTRACTORS and _EXTRACTORS[extractor.name] is not extractor:
        raise ExtractorError(f"an extractor named {extractor.name!r} is already registered")
    for rule, confidence in extractor.rules.items():
        owner = _RULES.get(rule)
        if owner is not None and owner[0] != extractor.name:
            raise ExtractorError(f"rule {rule!r} of extractor {extractor.name!r} already belongs to {owner[0]!r}")
        if not 0.0 < confidence <= 1.0:
            raise ExtractorError(f"rule {rule!r}: base confidence {confidence} is not in (0, 1]")
    _EXTRACTORS[extractor.name] = extractor
    for rule, confidence in extractor.rules.items():
        _RULES[rule] = (extractor.name, confidence)
    return extractor


def unregister(name: str) -> None:
    """Remove an extractor and its rules (a plug-in switched off, a test's own extractor)."""
    _EXTRACTORS.pop(name, None)
    for rule in [r for r, (owner, _) in _RULES.items() if owner == name]:
        del _RULES[rule]


def _load_entry_points() -> None:
    global _LOADED_ENTRY_POINTS
    if _LOADED_ENTRY_POINTS:
        return
    _LOADED_ENTRY_POINTS = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            register(point.load())
        except ExtractorError:
            raise
        except Exception as exc:  # a broken plug-in names itself rather than crashing the build
            raise ExtractorError(f"extractor entry point {point.name!r} failed to load: {exc}") from exc


def extractors(names: tuple[str, ...] | None = None) -> tuple[Extractor, ...]:
    """The registered extractors (all, in registration order, or those named)."""
    _load_entry_points()
    if names is None:
        return tuple(_EXTRACTORS.values())
    unknown = [n for n in names if n not in _EXTRACTORS]
    if unknown:
        raise ExtractorError(f"unknown extractor(s): {', '.join(unknown)} (known: {', '.join(_EXTRACTORS)})")
    return tuple(_EXTRACTORS[n] for n in names)


def base_confidence(rule: str) -> float:
    """The base confidence its extractor declared for a rule; an undeclared rule is an extractor bug."""
    try:
        return _RULES[rule][1]
    except KeyError:
        raise ExtractorError(f"rule {rule!r} was not declared by any registered extractor") from None
