"""Nothing is lost: processes writing to a store (and to -o files) killed with SIGKILL at random moments leave
everything as it was before or fully updated, never half-written."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kgraph.extract import extract
from kgraph.ingest import iter_articles
from kgraph.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
KGRAPH = str(Path(sys.executable).parent / "kgraph")
RNG = random.Random()  # random moments; each assertion message carries the delay, to replay a failure
GRAPHS, TRIPLES = 40, 400

WRITER = textwrap.dedent(
    """
    import sys
    from rdflib import Dataset, Literal, URIRef
    from kgraph.store import Store

    store = Store(sys.argv[1])
    done = int(sys.argv[2])
    for rnd in range(done + 1, done + 1000):
        dataset = Dataset()
        # every round rewrites the same graphs and adds one new graph: one transaction
        for g in [*range({graphs}), 1000 + rnd]:
            graph = dataset.graph(URIRef(f"https://w3id.org/kgraph/graph/a{{g}}"))
            for i in range({triples}):
                entity = URIRef(f"https://w3id.org/kgraph/entity/e{{i}}")
                graph.add((entity, URIRef("https://w3id.org/kgraph/ontology#round"), Literal(rnd)))
        store.add_dataset(dataset)
        print(rnd, flush=True)
    """
).format(graphs=GRAPHS, triples=TRIPLES)


def _consistent_round(path: Path) -> int:
    """The store holds whole rounds only: every graph at one round r, with all its triples, plus r extra graphs."""
    with Store(path, create=False) as store:
        rounds: dict[str, set[int]] = {}
        sizes: dict[str, int] = {}
        for _, _, o, g in store.quads():
            rounds.setdefault(str(g), set()).add(int(o))  # type: ignore[call-overload]
            sizes[str(g)] = sizes.get(str(g), 0) + 1
    assert all(n == TRIPLES for n in sizes.values()), sizes
    assert all(len(r) == 1 for r in rounds.values()), rounds
    base = {next(iter(rounds[g])) for g in rounds if int(g.rsplit("a", 1)[-1]) < GRAPHS}
    assert len(base) == 1, base
    current = base.pop()
    extras = sorted(int(g.rsplit("a", 1)[-1]) - 1000 for g in rounds if int(g.rsplit("a", 1)[-1]) >= 1000)
    assert extras == list(range(1, current + 1))
    return current


def test_store_writes_survive_sigkill(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    store = tmp_path / "kb"
    done = 0
    for attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, str(script), str(store), str(done)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        first = process.stdout.readline()  # one round committed: the next ones are in flight
        assert first.strip(), "the writer died before its first commit"
        delay = RNG.uniform(0.0, 0.6)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        printed = [int(first)] + [int(line) for line in process.stdout.read().split()]
        process.wait()
        current = _consistent_round(store)
        # the last round may have committed without having printed yet
        assert current in (printed[-1], printed[-1] + 1), (attempt, delay, printed, current)
        done = current


def _write_articles(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def _quads(path: Path) -> set[tuple[str, ...]]:
    with Store(path, create=False) as store:
        return {tuple(map(str, q)) for q in store.quads()}


def test_cli_build_killed_leaves_store_and_output_whole(tmp_path, nlp, ontology):
    seed = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
    old = {
        "a1": "Old news\nRussia attacked Ukraine. Poland condemned Russia.",
        "a2": "Border\nBelarus threatened Lithuania.",
    }
    new = {
        "a1": "New news\nNATO deployed F-35 jets to Poland. Russia denied any incursion.",
        "a2": "Border\nBelarus threatened Lithuania. Lithuania accused Belarus of provocations.",
        "a3": "Aid\nFrance sent air-defence systems to Poland.",
        **{p.stem: p.read_text(encoding="utf-8") for p in seed},
    }
    _write_articles(tmp_path / "old", old)
    _write_articles(tmp_path / "new", new)
    template = tmp_path / "template"
    with Store(template) as store:
        store.add_results(extract(iter_articles([tmp_path / "old"]), nlp, ontology))
    before = _quads(template)
    old_output = b"previous output, kept unless replaced whole\n"

    def run(folder: Path, kill_after: float | None) -> tuple[Path, Path]:
        kb, out = folder / "kb", folder / "out.trig"
        shutil.copytree(template, kb)
        out.write_bytes(old_output)
        command = [KGRAPH, "build", str(tmp_path / "new"), "--store", str(kb), "-o", str(out), "-q"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if kill_after is None:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        else:
            time.sleep(kill_after)
            process.send_signal(signal.SIGKILL)
            process.communicate()
        return kb, out

    started = time.monotonic()
    kb, out = run(tmp_path / "full", None)
    full_time = time.monotonic() - started
    after, new_output = _quads(kb), out.read_bytes()
    assert after != before and new_output != old_output

    for attempt in range(3):
        delay = RNG.uniform(0.3, 1.05) * full_time
        kb, out = run(tmp_path / f"killed{attempt}", delay)
        state = _quads(kb)
        assert state in (before, after), (attempt, delay, full_time)
        assert out.read_bytes() in (old_output, new_output), (attempt, delay, full_time)
        assert os.listdir(kb)  # still a store
