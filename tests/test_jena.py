"""Apache Jena (Debian's libapache-jena-java) as an independent reader: `riot --validate` on every RDF format
kgraph writes, `arq` on every saved query (over the union, as Turtle: Jena's default graph of a TriG file is
its empty default graph). Skipped, saying why, where Jena is not installed or does not start."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from test_query_engines import CASES, rdflib_term

from kgraph.export import RDF_EXPORTS, export
from kgraph.query import parse_binding, prefix_map, run_query, saved_queries
from kgraph.store import bind_values


@functools.cache
def jena_classpath() -> str:
    """Jena's jars and those of the packages it depends on (all of /usr/share/java clashes: two SLF4J bindings)."""
    if shutil.which("java") is None or shutil.which("dpkg") is None:
        return ""
    packages = ["libapache-jena-java"]
    depends = subprocess.run(["apt-cache", "depends", "libapache-jena-java"], capture_output=True, text=True)
    packages += [line.split()[-1] for line in depends.stdout.splitlines() if line.strip().startswith("Depends:")]
    listed = subprocess.run(["dpkg", "-L", *packages], capture_output=True, text=True).stdout.splitlines()
    jars = sorted({p for p in listed if p.startswith("/usr/share/java/") and p.endswith(".jar") and "/" not in p[16:]})
    return ":".join(j for j in jars if not any(x in j for x in ("slf4j-log4j12", "log4j-over-slf4j", "slf4j-jcl")))


def jena(command: str, *args: str) -> subprocess.CompletedProcess[str]:
    main = {"riot": "riotcmd.riot", "arq": "arq.arq"}[command]
    return subprocess.run(
        ["java", "-cp", jena_classpath(), main, *args], capture_output=True, text=True, timeout=300, check=False
    )


@functools.cache
def jena_missing() -> str | None:
    if not jena_classpath():
        return "Apache Jena is not installed (Debian: apt-get install libapache-jena-java; make system-deps)"
    probe = Path("/tmp") / "kgraph-jena-probe.nt"
    probe.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    done = jena("riot", "--validate", str(probe))
    if done.returncode != 0:
        cause = [line for line in done.stderr.splitlines() if "Exception" in line or "Caused by" in line]
        return f"Jena's riot does not start here: {' / '.join(cause[:2]) or done.stderr.strip()[:200]}"
    return None


@pytest.fixture(scope="module")
def jena_ready() -> None:
    missing = jena_missing()
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="module")
def exported(seed_dataset, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("jena")
    paths = {}
    for name, fmt in RDF_EXPORTS.items():
        paths[name] = folder / f"graph{fmt.extensions[0]}"
        export(seed_dataset, paths[name])
    return paths


def test_riot_validates_every_rdf_format_kgraph_writes(jena_ready, exported):
    done = jena("riot", "--validate", "--strict", *map(str, exported.values()))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ERROR" not in done.stderr and "WARN" not in done.stderr, done.stderr[-2000:]


def test_riot_rejects_a_broken_file(jena_ready, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/s> <http://example.org/p> .\n", encoding="utf-8")
    assert jena("riot", "--validate", str(broken)).returncode != 0


def jena_rows(answer: dict) -> Counter:
    if "boolean" in answer:
        return Counter([answer["boolean"]])
    names = answer["head"]["vars"]

    def term(cell: dict | None):
        if cell is None:
            return None
        if cell["type"] == "uri":
            return f"<{cell['value']}>"
        if cell["type"] == "bnode":
            return "_:"
        lang, datatype = cell.get("xml:lang"), cell.get("datatype")
        keep = None if lang or datatype in (None, "http://www.w3.org/2001/XMLSchema#string") else datatype
        return (cell["value"], lang or None, keep)

    return Counter(tuple(term(row.get(n)) for n in names) for row in answer["results"]["bindings"])


@pytest.mark.parametrize(("name", "binds"), CASES, ids=[f"{n}{'+' + ','.join(b) if b else ''}" for n, b in CASES])
def test_arq_gives_the_rows_of_every_saved_query(jena_ready, exported, seed_dataset, tmp_path, name, binds):
    prefixes = prefix_map({})
    bindings = dict(parse_binding(b, prefixes) for b in binds)
    text = saved_queries()[name].text
    local = run_query(seed_dataset, text, bindings)
    query = tmp_path / "q.rq"
    query.write_text(bind_values(text, bindings), encoding="utf-8")
    done = jena("arq", "--data", str(exported["turtle"]), "--query", str(query), "--results", "json")
    assert done.returncode == 0, done.stderr[-2000:]
    expected = Counter([local.askAnswer]) if local.type == "ASK" else Counter(tuple(map(rdflib_term, r)) for r in local)
    assert jena_rows(json.loads(done.stdout)) == expected
