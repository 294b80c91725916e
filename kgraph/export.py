"""Graphs out to other tools. Takes an rdflib Dataset or a Store; yields RDF (Turtle, TriG, N-Quads, N-Triples,
JSON-LD, RDF/XML), GraphML and GEXF (Gephi, yEd, Cytoscape: through networkx), a CSV edge list, Neo4j's bulk-import
CSV files (a folder) or a Cypher script, written atomically. Formats that cannot hold named graphs get the union
of all graphs, and the report says so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset

from . import formats
from .analytics import ARTICLE_ROWS, as_queryable, graph_from_source, to_networkx
from .choices import FOLDER_EXPORTS, GRAPH_EXPORTS, export_formats
from .errors import InputError, StoreError
from .fsutil import atomic_write_bytes, os_reason
from .layout import class_styles, drawing, rgb
from .ontology import Ontology, load_ontology
from .property_graph import Node, Relationship, cypher_script, import_command, neo4j_csv, property_graph
from .selection import describe, modality_set
from .store import Store, serialize

# export format -> RDF format (by the name `kgraph export --format` takes)
RDF_EXPORTS = {fmt.export: fmt for fmt in formats.FORMATS.values()}
FORMATS = export_formats()
EXTENSIONS = {ext: fmt.export for ext, fmt in formats.extensions().items()} | {f".{f}": f for f in GRAPH_EXPORTS}
ALIAS_ROWS = "SELECT ?entity ?alias WHERE { ?entity skos:altLabel ?alias }"
CSV_COLUMNS = (
    "source",
    "source_label",
    "source_class",
    "property",
    "target",
    "target_label",
    "target_class",
    "support",
    "modality",
    "confidence",
    "articles",
    "evidence",
)


@dataclass
class ExportReport:
    path: str
    format: str
    bytes: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"wrote {self.path} ({self.format}, {self.bytes / 1024:.0f} KiB)"


def export_format(path: str | Path, fmt: str | None = None) -> str:
    """The export format: given, or from the file extension."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(
            f"{path}: cannot tell the format from {suffix or 'a name without extension'}; "
            f"pass --format ({', '.join(FORMATS)}) or use one of {' '.join(EXTENSIONS)}"
        )
    return EXTENSIONS[suffix]


def union_note(title: str, graphs: int) -> str:
    """What a format without named graphs got instead (export and build say it alike)."""
    return (
        f"{title} cannot hold named graphs: wrote the union of {graphs} graphs "
        "(each claim keeps its article in prov:wasDerivedFrom); use .trig or .nq to keep them"
    )


def export_bytes(
    source: Dataset | Store,
    fmt: str,
    *,
    modality: str | Iterable[str] = "asserted",
    ontology: Ontology | None = None,
) -> tuple[bytes, list[str]]:
    """The file content and notes for the user. ``modality`` picks the claims that become edges in GraphML,
    GEXF, CSV and Cypher (asserted, hedged, negated, reported or all); RDF formats always hold everything.
    ``ontology`` (default: kgraph's) gives Cypher's labels their superclasses."""
    notes: list[str] = []
    if fmt in RDF_EXPORTS:
        rdf = RDF_EXPORTS[fmt]
        graphs = _named_graph_count(source)
        if not rdf.quads and graphs:
            notes.append(union_note(rdf.title, graphs))
        try:
            if isinstance(source, Store):
                return source.dump(rdf.name), notes
            return serialize(source, rdf.name), notes
        except StoreError:
            raise
        except Exception as exc:  # serialisers raise many types
            raise StoreError(f"cannot serialise graph as {fmt}: {exc}") from exc
    if fmt in FOLDER_EXPORTS:
        raise InputError(f"{fmt} writes a folder of files, not one: use export() (kgraph export -o FOLDER)")
    if fmt not in GRAPH_EXPORTS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    graph = _entity_graph(source, modality, notes)
    if fmt == "cypher":
        return cypher_script(*_property_graph(source, graph, ontology)), notes
    writers: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {"graphml": _graphml, "gexf": _gexf, "csv": _csv}
    return writers[fmt](graph), notes


def export(
    source: Dataset | Store,
    path: str | Path,
    fmt: str | None = None,
    *,
    modality: str | Iterable[str] = "asserted",
    ontology: Ontology | None = None,
) -> ExportReport:
    """Write ``source`` to ``path`` (atomically) in ``fmt`` (default: from the extension). The neo4j format
    writes ``nodes.csv`` and ``relationships.csv`` into the folder ``path`` (made if missing)."""
    fmt = export_format(path, fmt)
    if fmt in FOLDER_EXPORTS:
        return _export_neo4j(source, Path(path), modality, ontology)
    if Path(path).is_dir():
        raise InputError(f"{path} is a folder: name a file to write (only --format neo4j writes into a folder)")
    data, notes = export_bytes(source, fmt, modality=modality, ontology=ontology)
    atomic_write_bytes(path, data)
    return ExportReport(path=str(path), format=fmt, bytes=len(data), notes=notes)


def _export_neo4j(
    source: Dataset | Store, folder: Path, modality: str | Iterable[str], ontology: Ontology | None
) -> ExportReport:
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file: --format neo4j writes nodes.csv and relationships.csv into a folder")
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise StoreError(f"cannot write {folder}: {folder.parent} does not exist") from None
    except OSError as exc:
        raise StoreError(f"cannot write {folder}: {os_reason(exc)}") from exc
    notes: list[str] = []
    graph = _entity_graph(source, modality, notes)
    files = neo4j_csv(*_property_graph(source, graph, ontology))
    for name, data in files.items():
        atomic_write_bytes(folder / name, data)
    notes.append(f"import with: {import_command(str(folder))}")
    return ExportReport(path=str(folder), format="neo4j", bytes=sum(map(len, files.values())), notes=notes)


def _entity_graph(source: Dataset | Store, modality: str | Iterable[str], notes: list[str]) -> nx.MultiDiGraph:
    """The entity graph (``analytics.to_networkx``) of ``source``; says its size in ``notes``."""
    graph = graph_from_source(source, modality=modality) if isinstance(source, Store) else None
    graph = graph if graph is not None else to_networkx(source, modality=modality)  # type: ignore[arg-type]
    shown = describe(modality_set(modality))
    notes.append(f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations ({shown} claims)")
    return graph


def _property_graph(
    source: Dataset | Store, graph: nx.MultiDiGraph, ontology: Ontology | None
) -> tuple[list[Node], list[Relationship]]:
    """Neo4j's nodes and relationships, with the entities' aliases and the articles' ids read from ``source``."""
    queryable = as_queryable(source)
    aliases: dict[str, set[str]] = {}
    for row in queryable.query(ALIAS_ROWS):
        aliases.setdefault(str(row[0]), set()).add(str(row[1]))  # type: ignore[index]
    articles = (tuple(row) for row in queryable.query(ARTICLE_ROWS))  # type: ignore[arg-type]
    article_ids = {str(row[0]): str(row[4]) for row in articles if row[4] is not None}
    return property_graph(graph, ontology or load_ontology(), aliases, article_ids)


def _named_graph_count(source: Dataset | Store) -> int:
    if isinstance(source, Store):
        return len(source.graphs())
    return len({g for _, _, _, g in source.quads((None, None, None, None)) if g != source.default_graph.identifier})


# --- networkx formats ---------------------------------------------------------------------------------------


def _joined(values: Iterable[Any]) -> str:
    return " ".join(sorted(str(v) for v in values))


def _scalar(value: Any) -> str | int | float | bool | None:
    """GraphML and GEXF take strings, numbers and booleans only; strings only of characters XML can hold."""
    if isinstance(value, str):
        return formats.xml_safe(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (set, frozenset, list, tuple)) and all(not isinstance(v, dict) for v in value):
        return formats.xml_safe(_joined(value))
    return formats.xml_safe(str(value))


def _flat_edge(data: dict[str, Any]) -> dict[str, Any]:
    """One edge's attributes as scalars: the evidence list becomes its sentences (one per line), its size and
    the highest confidence; sets become space-separated sorted lists."""
    evidence = list(data.get("evidence") or [])
    sentences = list(dict.fromkeys(str(e.get("sentence", "")) for e in evidence))
    confidences = [e["confidence"] for e in evidence if e.get("confidence") is not None]
    flat: dict[str, Any] = {"label": data.get("property", "")}
    for key, value in data.items():
        if key != "evidence":
            flat[key] = _scalar(value)
    flat["evidence"] = formats.xml_safe("\n".join(sentences))
    flat["evidence_count"] = len(evidence)
    if "support" in data:  # Gephi's and yEd's edge weight: the supporting articles (a denial is no support)
        flat["weight"] = float(data["support"])
    if confidences:
        flat["confidence"] = float(max(confidences))
    return {k: v for k, v in flat.items() if v is not None}


def _flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes and unique edge ids (GraphML ids must not repeat; the property is an
    attribute and the edge label)."""
    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attributes = {k: v for k, v in ((k, _scalar(v)) for k, v in data.items()) if v is not None}
        flat.add_node(_scalar(node), **attributes)
    for i, (s, o, data) in enumerate(graph.edges(data=True)):
        flat.add_edge(_scalar(s), _scalar(o), key=f"e{i}", **_flat_edge(data))
    return flat


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_flat_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    """With Gephi's viz attributes: each node coloured by its class and placed where `kgraph view` draws it (y
    turned up: the view's y axis points down the screen, Gephi's up the page)."""
    flat = _flat_graph(graph)
    colours = {cls: rgb(style[0]) for cls, style in class_styles(c for _, c in graph.nodes(data="cls")).items()}
    for node, (x, y) in drawing(graph).items():
        r, g, b = colours[graph.nodes[node]["cls"]]
        flat.nodes[_scalar(node)]["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "position": {"x": x, "y": -y, "z": 0.0},
        }
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8")
    return buffer.getvalue()


def _csv(graph: nx.MultiDiGraph) -> bytes:
    """One row per relation (subject, property, object), with labels, classes and evidence."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    nodes = graph.nodes
    for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2].get("property", ""), e[1])):
        flat = _flat_edge(data)
        writer.writerow(
            [
                s,
                nodes[s].get("label", ""),
                nodes[s].get("cls", ""),
                flat.get("property", ""),
                o,
                nodes[o].get("label", ""),
                nodes[o].get("cls", ""),
                flat.get("support", ""),
                flat.get("modality", ""),
                flat.get("confidence", ""),
                flat.get("articles", ""),
                flat.get("evidence", ""),
            ]
        )
    return buffer.getvalue().encode("utf-8")
