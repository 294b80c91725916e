"""Where graphs live: RDF files and the on-disk Oxigraph store. One room per module:

- ``files``: RDF files read with rdflib and written atomically;
- ``terms``: rdflib <-> Oxigraph terms, Oxigraph answers as rdflib Results;
- ``database``: ``Store``, the Oxigraph database with one named graph per article and their union;
- ``undo``: the writers' lock, and the snapshot a large write goes back to when it fails;
- ``values``: values bound into SPARQL text as a ``VALUES`` block.
"""

from __future__ import annotations

from .database import (
    UNION_GRAPH,
    ArticleInfo,
    Replaced,
    Store,
    StoreBatch,
    accumulate,
    check_not_reserved,
    is_reserved,
    is_store,
)
from .files import read_dataset, serialize, write_dataset
from .terms import from_oxigraph, to_oxigraph
from .values import bind_value_set, bind_values

__all__ = [
    "UNION_GRAPH",
    "ArticleInfo",
    "Replaced",
    "Store",
    "StoreBatch",
    "accumulate",
    "bind_value_set",
    "bind_values",
    "check_not_reserved",
    "from_oxigraph",
    "is_reserved",
    "is_store",
    "read_dataset",
    "serialize",
    "to_oxigraph",
    "write_dataset",
]
