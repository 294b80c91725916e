"""networkx -> a self-contained HTML view. (Spine version: a static, escaped table; issue 6 makes it a
full interactive view.)"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import Dataset

from .analytics import to_networkx
from .store import atomic_write_bytes


def render_html(dataset: Dataset) -> str:
    graph = to_networkx(dataset)
    rows = []
    for s, o, prop, data in graph.edges(keys=True, data=True):
        rows.append(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                html.escape(graph.nodes[s]["label"]),
                html.escape(prop),
                html.escape(graph.nodes[o]["label"]),
                html.escape(data["evidence"][0]["sentence"]),
            )
        )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<title>kgraph</title></head><body><table>" + "".join(rows) + "</table></body></html>"
    )


def write_view(dataset: Dataset, path: str | Path) -> None:
    atomic_write_bytes(path, render_html(dataset).encode("utf-8"))
