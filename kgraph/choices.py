"""The names and defaults the command line offers (--by, --engine, --batch-size, --preset, --format, --width),
kept apart from the stages that use them: the stages import them from here, so that building the commands for
`kgraph --help` imports no networkx, SPARQL engine, spaCy, pyvis or pyoxigraph."""

from __future__ import annotations

CENTRALITY = ("degree", "pagerank", "betweenness")  # kgraph.analytics.centrality
ENGINES = ("local", "dask")  # kgraph.pipeline: where extraction runs
BATCH_SIZE = 16  # articles per nlp.pipe batch (≈ 13k words): larger batches only cost memory on 2 cores
PRESETS = ("oxigraph", "fuseki", "graphdb", "virtuoso")  # kgraph.remote: server types

# kgraph.query: --format for SELECT/ASK results, and all that `kgraph query --format` takes
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
QUERY_FORMATS = (*RESULT_FORMATS, "turtle", "nt", "jsonld")
DEFAULT_WIDTH = 80  # table cells are cut here (evidence sentences run to 300 characters)

GRAPH_EXPORTS = ("graphml", "gexf", "csv", "cypher")  # kgraph.export: the formats that are no RDF
FOLDER_EXPORTS = ("neo4j",)  # several files in a folder: neo4j-admin's nodes.csv and relationships.csv


def export_formats() -> tuple[str, ...]:
    """What `kgraph export --format` takes: every registered RDF format's export name, then GRAPH_EXPORTS and
    FOLDER_EXPORTS."""
    from .formats import FORMATS

    return (*(fmt.export for fmt in FORMATS.values()), *GRAPH_EXPORTS, *FOLDER_EXPORTS)
