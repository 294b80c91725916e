"""A write too large for one transaction goes in pieces behind a snapshot: the same store as one transaction
would give, and all or nothing when the writing process is killed (SIGKILL) or interrupted (SIGINT) half-way."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.store import Store
from kgraph.store.undo import SNAPSHOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
GRAPHS = 60  # the graphs the writer below stages; each replaces one of the store's

# Stages GRAPHS graphs of many triples (each replacing a stored graph of the same name) and commits them.
WRITER = textwrap.dedent(
    """
    import sys
    from rdflib import Literal, URIRef
    from kgraph.store import Store

    with Store(sys.argv[1]) as store, store.batch() as batch:
        for g in range({graphs}):
            name = URIRef(f"https://w3id.org/kgraph/graph/big{{g}}")
            triples = [
                (URIRef(f"https://w3id.org/kgraph/entity/e{{g}}-{{i}}"), URIRef("https://w3id.org/kgraph/ontology#n"),
                 Literal(f"new value {{i}} of graph {{g}}"))
                for i in range(6000)
            ]
            batch.add_graph(name, triples)
        print("staged", batch.quads, flush=True)
    """
).format(graphs=GRAPHS)


def _stored(path: Path) -> set[tuple[str, ...]]:
    with Store(path, create=False, reader=True) as store:
        return {tuple(map(str, q)) for q in store.quads()}


def _union_size(path: Path) -> int:
    with Store(path, create=False, reader=True) as store:
        return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0])


@pytest.fixture
def before(tmp_path, seed_dataset):
    """A store with the seed article and the GRAPHS graphs the writer replaces (small ones)."""
    with Store(tmp_path / "kb") as store:
        store.add_dataset(seed_dataset)
        with store.batch() as batch:
            for g in range(GRAPHS):
                batch.add_graph(
                    f"https://w3id.org/kgraph/graph/big{g}",
                    [(_iri(f"entity/old{g}"), _iri("ontology#n"), _iri(f"entity/was{g}"))],
                )
    return tmp_path / "kb", _stored(tmp_path / "kb"), _union_size(tmp_path / "kb")


def _iri(path: str):
    from rdflib import URIRef

    return URIRef(f"https://w3id.org/kgraph/{path}")


def _write_until_half_way(kb: Path, sig: int) -> subprocess.Popen[str]:
    """Start the writer and send ``sig`` once it has written part of the pieces into the store: the snapshot
    is there, and the folder holds a table file that the snapshot does not."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(kb)], stdout=subprocess.PIPE, text=True)
    snapshot = kb / SNAPSHOT
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if snapshot.is_dir():
            try:
                taken = {p.name for p in snapshot.iterdir()}
            except FileNotFoundError:
                continue
            if any(p.suffix == ".sst" and p.name not in taken for p in kb.iterdir()):
                process.send_signal(sig)
                break
        time.sleep(0.005)
    process.communicate(timeout=120)
    return process


def test_a_killed_write_in_pieces_is_undone(before):
    kb, stored, union = before
    process = _write_until_half_way(kb, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL  # killed half-way, not finished
    assert (kb / SNAPSHOT).is_dir()
    # readers see the store as it was before the write (they read the snapshot)
    assert _stored(kb) == stored
    result = CliRunner().invoke(main, ["query", "--store", str(kb), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == str(union)
    # the next writer puts the snapshot back before it opens the store
    with Store(kb, create=False) as store:
        assert len(store) == len(stored)
    assert not (kb / SNAPSHOT).exists()
    assert _stored(kb) == stored and _union_size(kb) == union


def test_an_interrupted_write_in_pieces_is_put_back_at_once(before):
    kb, stored, union = before
    process = _write_until_half_way(kb, signal.SIGINT)
    assert process.returncode != 0
    assert not (kb / SNAPSHOT).exists()  # the failing process put it back itself
    assert _stored(kb) == stored and _union_size(kb) == union


def test_a_finished_write_in_pieces_drops_its_snapshot(before):
    kb, stored, _ = before
    result = subprocess.run([sys.executable, "-c", WRITER, str(kb)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["staged", str(GRAPHS * 6000)]
    assert not (kb / SNAPSHOT).exists()
    after = _stored(kb)
    assert len(after) == len(stored) - GRAPHS + GRAPHS * 6000
    assert _union_size(kb) == len({q[:3] for q in after})


def test_pieces_and_one_transaction_give_the_same_store(tmp_path, seed_results):
    """The same writes (a first build, then a rebuild replacing it and adding to the default graph), committed
    in one transaction and in pieces: the same quads, union included."""
    stores = {}
    for name, limit in (("one", 10**9), ("pieces", 0)):
        with Store(tmp_path / name) as store:
            for _ in range(2):
                with store.batch(one_transaction=limit) as batch:
                    for result in seed_results:
                        batch.add(result)
                    batch.add_graph(None, [(_iri("entity/x"), _iri("ontology#n"), _iri("entity/y"))])
            stores[name] = {tuple(map(str, q)) for q in store.db.quads_for_pattern(None, None, None, None)}
            assert [r.same_article for r in batch.replaced] == [True] * len(seed_results)
        assert not (tmp_path / name / SNAPSHOT).exists()
    assert stores["one"] == stores["pieces"]
