"""The options `kgraph view` and ``render_html``/``write_view`` take, with their defaults: apart from
kgraph.render so that the command line can show the defaults without importing the renderer."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .selection import MODALITIES, Selection, modality_set

if TYPE_CHECKING:
    from .ontology import Ontology


@dataclass(frozen=True)
class ViewOptions:
    """What ``render_html``/``write_view`` accept as keyword options (the `kgraph view` options)."""

    focus: str | None = None  # entity label, IRI or CURIE: show only its neighbourhood
    hops: int = 1  # neighbourhood radius around ``focus``
    properties: tuple[str, ...] = ()  # keep these properties and their sub-properties
    classes: tuple[str, ...] = ()  # keep entities of these classes (and subclasses)
    modality: str | tuple[str, ...] = "asserted"  # modality names (asserted, reported, hedged, negated) or "all"
    min_support: int = 1  # keep relations backed by at least this many articles
    since: str | None = None  # keep evidence dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None  # keep evidence dated on or before this
    max_nodes: int = 2000  # beyond this, the least central entities are left out
    physics_max: int = 300  # physics (live layout) only up to this many nodes
    title: str = "kgraph view"
    seed: int = 42  # layout seed: the same graph gives the same page
    ontology: Ontology | None = None

    @classmethod
    def from_kwargs(cls, options: dict[str, Any]) -> ViewOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise InputError(f"unknown view option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values: dict[str, Any] = dict(options)
        for name in ("properties", "classes"):  # one name or many
            if name in values:
                values[name] = (values[name],) if isinstance(values[name], str) else tuple(values[name])
        chosen = modality_set(values.get("modality", "asserted"))
        values["modality"] = tuple(m for m in MODALITIES if m in chosen)
        opts = cls(**values)
        for name in ("hops", "min_support", "max_nodes"):
            value = getattr(opts, name)
            if not isinstance(value, int) or value < (0 if name == "hops" else 1):
                raise InputError(f"--{name.replace('_', '-')} must be a whole number >= {0 if name == 'hops' else 1}")
        Selection(chosen, opts.since, opts.until)  # checks the dates
        return opts
