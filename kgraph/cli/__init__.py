"""The `kgraph` command line. Thin: parse options, call one library function, print, map errors to exit codes.

Each command group lives in its own module and registers itself on ``main`` (kgraph.cli.group) when imported
below.
"""

from __future__ import annotations

from .group import KgraphGroup, main

# isort: split
# after `main`: a command module written with `from . import main` finds it
from . import (  # noqa: F401
    analytics_cmds,
    build_cmd,
    entities_cmd,
    eval_cmd,
    explain_cmd,
    facts_cmds,
    query_cmd,
    store_cmds,
    view_cmd,
)

__all__ = ["KgraphGroup", "main"]
