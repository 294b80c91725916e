"""SPARQL over a Dataset: our prefixes predeclared, values bound with initBindings (never pasted), results
formatted as a table or one of the W3C result formats."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from .errors import QueryError
from .vocab import PREFIXES


def prepare(text: str, extra_prefixes: dict[str, str] | None = None) -> Any:
    namespaces = {k: str(v) for k, v in PREFIXES.items()} | (extra_prefixes or {})
    try:
        return prepareQuery(text, initNs=namespaces)
    except Exception as exc:  # pyparsing and rdflib raise several types for bad queries
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"invalid SPARQL: {message}") from exc


def query_kind(prepared: Any) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE, from the parsed query (never from the text)."""
    name = prepared.algebra.name  # "SelectQuery", "ConstructQuery", ...
    return name.removesuffix("Query").upper()


def run_query(dataset: Dataset, text: str, bindings: dict[str, Any] | None = None) -> Result:
    prepared = prepare(text, {p: str(n) for p, n in dataset.namespaces()})
    try:
        return dataset.query(prepared, initBindings=bindings or {})
    except Exception as exc:  # evaluation errors
        raise QueryError(f"query failed: {exc}") from exc


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        return str(value)
    return str(value)


def format_table(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(n.ljust(w) for n, w in zip(names, widths)), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_result(result: Result, fmt: str = "table") -> str:
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        assert graph is not None
        return graph.serialize(format="turtle" if fmt == "table" else fmt)
    if fmt == "table":
        return format_table(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        names = [str(v) for v in result.vars or []]
        writer.writerow(names)
        for row in result:
            writer.writerow([_cell(v) for v in row])  # type: ignore[union-attr]
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(json.loads(result.serialize(format="json")), indent=2)
    return result.serialize(format=fmt).decode("utf-8")  # type: ignore[union-attr]
