"""The package's import graph: no cycles (each stage imports only the stages before it) and nothing imports the
command line. Read from the source with ast, counting module-level and function-level imports alike."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

import kgraph

PACKAGE = Path(kgraph.__file__).parent
# known cycles, each to be removed by the change named in its comment
ALLOWED: set[frozenset[str]] = {}


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def is_module(name: str) -> bool:
    base = PACKAGE.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """The kgraph modules ``path`` imports; ``from pkg import name`` counts as pkg.name when that is a module."""
    name, is_package = module_name(path)
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kgraph"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "kgraph":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if is_module(sub) else target)
    found.discard(name)
    return found


@cache
def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        name, _ = module_name(path)
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in imports_of(path))
    return graph


def test_the_graph_is_read():
    graph = import_graph()
    assert ("kgraph.cli.build_cmd", "kgraph.cli.group") in graph.edges  # a relative import
    assert ("kgraph.writer", "kgraph.store.terms") in graph.edges  # a dotted relative import
    assert ("kgraph.sources", "kgraph.remote") in graph.edges  # an import inside a function


def test_no_import_cycles():
    cycles = [c for c in nx.simple_cycles(import_graph()) if frozenset(c) not in ALLOWED]
    assert not cycles, "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles)


# kgraph.__main__ (python -m kgraph) is the other door to the command line
@pytest.mark.parametrize(
    "module", sorted(n for n in import_graph() if not n.startswith(("kgraph.cli", "kgraph.__main__")))
)
def test_nothing_imports_the_cli(module):
    graph = import_graph()
    assert not [t for t in graph.successors(module) if t == "kgraph.cli" or t.startswith("kgraph.cli.")]


# what `kgraph --help` must not load: each costs a noticeable part of a second (the time is measured by make bench)
HEAVY = ("networkx", "rdflib.plugins.sparql", "spacy", "pyvis", "pyoxigraph", "feedparser")
HELP_PROBE = """
import contextlib, io, sys
from kgraph.cli import main
for args in [["--help"], *([name, "--help"] for name in sorted(main.commands))]:
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main.main(args, prog_name="kgraph", standalone_mode=False)
        except SystemExit:
            pass
heavy = {HEAVY!r}
print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy)))
print(len(main.commands))
"""


def test_help_of_every_command_imports_no_heavy_module():
    """`kgraph --help` and `kgraph COMMAND --help` in a fresh interpreter: the commands import the stages when
    they run, not when they are built."""
    import subprocess
    import sys

    probe = HELP_PROBE.replace("{HEAVY!r}", repr(HEAVY))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded, commands = done.stdout.splitlines()
    assert loaded == "[]"
    assert int(commands) >= 19  # every command was built and asked for its help
