"""Which claims an answer reads: modalities (asserted, reported, hedged, negated) and a period (--since/--until).

Pure values and checks, no graph: the analyses, the view, the exports and the saved queries take the same
selection, so ``--modality reported`` and ``--since 2025-09`` mean one thing in every command.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError

MODALITIES = ("asserted", "hedged", "negated", "reported")
MODALITY_CHOICES = (*MODALITIES, "all")
# What a reader takes as the source's own word, or a word it passes on: the default of the saved fact queries.
AFFIRMING = frozenset({"asserted", "reported"})
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def modality_set(chosen: str | Iterable[str] | None, default: Iterable[str] = ("asserted",)) -> frozenset[str]:
    """``asserted``, ``["asserted", "reported"]``, ``"all"`` or None (the default) -> the set of modality names.
    Case does not matter; an unknown name is an InputError naming the known ones."""
    names = [chosen] if isinstance(chosen, str) else list(chosen or ())
    if not names:
        names = list(default)
    found: set[str] = set()
    for name in names:
        key = name.strip().lower().rsplit("#", 1)[-1].removeprefix("kg:")
        if key == "all":
            return frozenset(MODALITIES)
        if key not in MODALITIES:
            raise InputError(f"unknown modality {name!r}; use one of {', '.join(MODALITY_CHOICES)}")
        found.add(key)
    return frozenset(found)


def modality_iris(modalities: Iterable[str]) -> list[str]:
    """Modality names -> the IRIs the graph holds (kg:Asserted ...), in a fixed order."""
    from .vocab import KG

    return [str(KG[m.capitalize()]) for m in MODALITIES if m in set(modalities)]


def describe(modalities: frozenset[str]) -> str:
    return "all" if modalities == frozenset(MODALITIES) else "+".join(m for m in MODALITIES if m in modalities)


def check_date(text: str, option: str = "--since") -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), or InputError."""
    parts = text.split("-")
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise InputError(f"{option} {text!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD") from None
    return text


def in_period(when: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Does a date (of any precision) fall in [since, until]? A coarser date (2025) is kept when its period can
    reach the bound; with a bound given, an undated item is left out, since nothing places it in the period."""
    if since is None and until is None:
        return True
    if not when:
        return False
    day = when[:10]
    if since is not None and day < since[: len(day)]:
        return False
    return until is None or day[: len(until)] <= until


@dataclass(frozen=True)
class Selection:
    """The claims an answer reads: these modalities, dated in [since, until] (no bound: any date, undated too)."""

    modalities: frozenset[str] = field(default_factory=lambda: frozenset({"asserted"}))
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        if self.since is not None:
            check_date(self.since, "--since")
        if self.until is not None:
            check_date(self.until, "--until")
        if self.since and self.until and self.until < self.since[: len(self.until)]:
            raise InputError(f"--until {self.until} is before --since {self.since}")

    def keeps(self, modality: str, when: str | None) -> bool:
        return modality in self.modalities and in_period(when, self.since, self.until)

    def describe(self) -> str:
        period = "".join((f" since {self.since}" if self.since else "", f" until {self.until}" if self.until else ""))
        return describe(self.modalities) + period


__all__ = [
    "AFFIRMING",
    "MODALITIES",
    "MODALITY_CHOICES",
    "Selection",
    "check_date",
    "describe",
    "in_period",
    "modality_iris",
    "modality_set",
]
