"""One benchmark measurement per process: ``python -m bench.phases NAME '{json args}'`` prints one JSON line.

A fresh process per measurement, so peak memory (VmHWM) belongs to that measurement alone and no cache (the
spaCy model, rdflib's parsed graph) carries over. Library imports happen before the clock starts in every
phase; model and ontology loading happen after it (a build pays for them, and so does raw spaCy).
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import spacy  # imported before any clock starts, in every phase

QUERY_DIR = Path(__file__).resolve().parent.parent / "kgraph" / "queries"
SAVED_QUERIES = ("who-attacked-whom", "most-corroborated", "incursions")


def proc_status(field: str) -> int:
    """A memory figure of this process in bytes: VmHWM (peak) or VmRSS (now), from /proc/self/status."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _texts(corpus: str) -> Iterator[str]:
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["text"]


def raw(corpus: str, n_process: int, batch_size: int) -> dict[str, Any]:
    """Plain spaCy: the same model and components as kgraph's pipeline (without kgraph's gazetteer)."""
    from kgraph import nlp as knlp

    cpu, start = time.process_time(), time.perf_counter()
    model = spacy.load(knlp.resolve_model_name(None), disable=list(getattr(knlp, "DISABLED", ())))
    loaded = time.perf_counter()
    articles = words = 0
    for doc in model.pipe(_texts(corpus), batch_size=batch_size, n_process=n_process):
        articles += 1
        words += len(doc.text.split())
    end, cpu_end = time.perf_counter(), time.process_time()
    return {
        "articles": articles,
        "words": words,
        "seconds": end - start,
        "cpu_seconds": cpu_end - cpu,
        "cpu_words_per_s": words / (cpu_end - cpu),
        "load_seconds": loaded - start,
        "words_per_s": words / (end - start),
        "components": model.pipe_names,
        "peak_rss": proc_status("VmHWM"),
        "children_peak_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }


def build(corpus: str, n_process: int, batch_size: int, output: str) -> dict[str, Any]:
    """kgraph end to end: ingest, parse, link, extract, write every article's named graph to ``output``."""
    from kgraph.ontology import load_ontology
    from kgraph.pipeline import write_build

    marks: dict[str, dict[str, int]] = {}
    done = 0

    def progress(_result: Any) -> None:
        nonlocal done
        done += 1
        if done in (100, 1000):
            marks[str(done)] = {"peak_rss": proc_status("VmHWM"), "rss": proc_status("VmRSS")}

    cpu, start = time.process_time(), time.perf_counter()
    report = write_build(
        [corpus],
        [output],
        ontology=load_ontology(),
        progress=progress,
        n_process=n_process,
        batch_size=batch_size,
    )
    end, cpu_end = time.perf_counter(), time.process_time()
    return {
        "articles": report.articles,
        "words": report.words,
        "claims": sum(report.claims.values()),
        "entities": len(report.entities),
        "seconds": end - start,
        "cpu_seconds": cpu_end - cpu,
        "cpu_words_per_s": report.words / (cpu_end - cpu),
        "words_per_s": report.words / (end - start),
        "output_bytes": Path(output).stat().st_size,
        "memory": marks,
        "peak_rss": proc_status("VmHWM"),
        "children_peak_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }


def graphs(folder: str, sizes: list[int]) -> dict[str, Any]:
    """N-Quads files of the requested sizes, from the seed and gold claims (see replicate.py)."""
    from .replicate import base_results, write_nquads

    start = time.perf_counter()
    results = base_results()
    out = {}
    for size in sizes:
        path = Path(folder) / f"graph-{size}.nq"
        out[str(size)] = {"path": str(path), "quads": write_nquads(results, size, path)}
    out["seconds"] = time.perf_counter() - start
    return out


def _queries(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        path = QUERY_DIR / f"{name}.rq"
        if path.is_file():
            found[name] = path.read_text(encoding="utf-8")
    return found


def _timed(run: Callable[[], int], repeat: int) -> dict[str, Any]:
    times, rows = [], 0
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            rows = run()
            times.append(time.perf_counter() - start)
    except Exception as exc:  # a query the engine cannot run is a result too, not the end of the benchmark
        return {"seconds": None, "runs": len(times), "rows": None, "error": str(exc).splitlines()[0][:200]}
    return {"seconds": statistics.median(times), "runs": repeat, "rows": rows}


def _store_child(conn: Any, folder: str, text: str, repeat: int, kind: str) -> None:
    """In a child process: open the store, run one query (warm-up) and then ``repeat`` timed runs; a query
    slower than 2 s is timed once (its number says enough, and the run must end)."""
    if kind == "kgraph":
        from kgraph.store import Store

        db = Store(folder)

        def run() -> int:
            return len(list(db.query(text)))
    else:
        import pyoxigraph

        raw = pyoxigraph.Store(folder)

        def run() -> int:
            return len(list(raw.query(text)))  # type: ignore[arg-type]

    first = _timed(run, 1)
    conn.send(first if first["seconds"] is None or first["seconds"] > 2.0 else _timed(run, repeat))


def _in_child(target: Callable[..., None], args: tuple[Any, ...], timeout: float, method: str) -> dict[str, Any]:
    """Run ``target(conn, *args)`` in a child process; its answer, or a timeout record when it takes longer."""
    context = multiprocessing.get_context(method)
    parent_end, child_end = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(child_end, *args))
    process.start()
    if parent_end.poll(timeout):
        answer = dict(parent_end.recv())
    else:
        answer = {"seconds": None, "runs": 1, "rows": None, "timeout": timeout}
    process.kill()
    process.join()
    return answer


def store(nquads: str, names: list[str], repeat: int, timeout: float) -> dict[str, Any]:
    """The on-disk store (kgraph.store.Store over Oxigraph): bulk load, then each saved query (in a child
    process, stopped at ``timeout``). For reference, the same quads in plain Oxigraph with the union of the
    named graphs also materialised in the default graph (set semantics), queried without the union option."""
    import pyoxigraph

    from kgraph.store import Store

    queries = _queries(names)
    out: dict[str, Any] = {"queries": {}, "materialised": {"queries": {}}}
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-store-") as folder:
        path = str(Path(folder) / "store")
        start = time.perf_counter()
        db = Store(path)
        out["quads"] = db.load(nquads)
        out["load_seconds"] = time.perf_counter() - start
        db.close()
        del db
        out["peak_rss"] = proc_status("VmHWM")
        for name, text in queries.items():
            out["queries"][name] = _in_child(_store_child, (path, text, repeat, "kgraph"), timeout, "spawn")

        other = str(Path(folder) / "materialised")
        start = time.perf_counter()
        raw = pyoxigraph.Store(other)

        def with_default() -> Iterator[Any]:
            for quad in pyoxigraph.parse(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS):
                yield quad
                yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, pyoxigraph.DefaultGraph())

        raw.bulk_extend(with_default())
        raw.flush()
        out["materialised"]["load_seconds"] = time.perf_counter() - start
        del raw
        for name, text in queries.items():
            prefixed = text  # saved queries declare their prefixes
            out["materialised"]["queries"][name] = _in_child(
                _store_child, (other, prefixed, repeat, "oxigraph"), timeout, "spawn"
            )
    return out


def store_build(articles: int, target: str) -> dict[str, Any]:
    """A large build without spaCy's time (variants of the extracted seed and gold articles, see replicate.py)
    written as ``kgraph build`` writes it: into an on-disk store (``target`` "store": staged, then committed
    all or nothing) or to an N-Quads file ("file", as -o). Seconds and peak memory of the writing alone."""
    import itertools

    from kgraph.store import accumulate
    from kgraph.writer import GraphWriter

    from .replicate import base_results, copies

    results = base_results()
    before = proc_status("VmHWM")
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-build-") as folder:
        stream = itertools.islice(copies(results), articles)
        start = time.perf_counter()
        if target == "store":
            with accumulate(Path(folder) / "store") as batch:
                assert batch is not None
                for result in stream:
                    batch.add(result)
            quads = batch.quads
        else:
            output = Path(folder) / "graph.nq"
            with GraphWriter([output]) as writer:
                writer.add_all(stream)
            quads = sum(1 for _ in output.open("rb"))
        seconds = time.perf_counter() - start
    return {"articles": articles, "quads": quads, "seconds": seconds, "peak_rss": proc_status("VmHWM"),
            "peak_rss_before": before}  # fmt: skip


def _rdflib_child(conn: Any, dataset: Any, text: str) -> None:
    from kgraph.query import run_query

    conn.send(_timed(lambda: len(list(run_query(dataset, text))), 1))


def rdflib_memory(nquads: str, names: list[str], repeat: int, timeout: float) -> dict[str, Any]:
    """rdflib's in-memory Dataset (what `kgraph query --data FILE` uses): parse, then each saved query."""
    from kgraph.graph import new_dataset
    from kgraph.query import run_query

    start = time.perf_counter()
    dataset = new_dataset()
    dataset.parse(nquads, format="nquads")
    load = time.perf_counter() - start
    out: dict[str, Any] = {"load_seconds": load, "quads": len(dataset), "queries": {}}
    for name, text in _queries(names).items():
        if repeat > 1:
            out["queries"][name] = _timed(lambda text=text: len(list(run_query(dataset, text))), repeat)
        else:
            # forked: the parsed graph is shared copy-on-write, and a query taking minutes is stopped
            out["queries"][name] = _in_child(_rdflib_child, (dataset, text), timeout, "fork")
    out["peak_rss"] = proc_status("VmHWM")
    return out


def view(nodes: int) -> dict[str, Any]:
    """The HTML view of a graph of about ``nodes`` entities (every one shown: max_nodes = nodes)."""
    from kgraph.graph import build_dataset
    from kgraph.render import build_view
    from kgraph.types import Modality

    from .replicate import base_results, copies

    results = base_results()
    chosen: list[Any] = []
    related: set[str] = set()  # entities with an asserted relation: the ones the view draws
    for result in copies(results, groups=1_000_000, vary_known=True):
        if len(related) >= nodes:
            break
        chosen.append(result)
        for claim in result.claims:
            if claim.modality is Modality.ASSERTED:
                related.update((claim.subject, claim.object))
    dataset = build_dataset(chosen)
    start = time.perf_counter()
    page, stats = build_view(dataset, max_nodes=nodes)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "entities": stats.entities,
        "nodes": stats.nodes,
        "edges": stats.edges,
        "html_bytes": len(page.encode("utf-8")),
        "articles": len(chosen),
    }


def help_time(repeat: int) -> dict[str, Any]:
    """Wall time of ``python -m kgraph --help`` in a fresh process, ``repeat`` times: what a user waits for
    before any command runs (lazy imports keep networkx, the SPARQL engine, spaCy, pyvis and pyoxigraph out)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kgraph", "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return {"seconds": sorted(runs)[len(runs) // 2], "runs": runs}


ENDLESS_NAMES = ("Poland", "Germany", "Vladimir Putin", "NATO", "Kyiv", "Estonia", "drones", "troops")


def endless(words: list[int]) -> dict[str, Any]:
    """A "sentence" with no end (a scraped table, a list of names) of each size: raw spaCy's parse of it as one
    text, and kgraph's extraction of it as one article (cut into bounded sentences: kgraph.nlp.bounded_pieces).
    The time per word should not grow with the length."""
    from kgraph import nlp as knlp
    from kgraph.extract import extract
    from kgraph.nlp import get_pipeline
    from kgraph.ontology import load_ontology
    from kgraph.types import Article

    ontology = load_ontology()
    pipeline = get_pipeline(ontology)
    model = spacy.load(knlp.resolve_model_name(None), disable=list(getattr(knlp, "DISABLED", ())))
    sizes: dict[str, Any] = {}
    for n in words:
        text = " ".join(ENDLESS_NAMES[i % len(ENDLESS_NAMES)] + ("," if i % 3 else "") for i in range(n))
        start = time.perf_counter()
        doc = model(text)
        raw_s = time.perf_counter() - start
        start = time.perf_counter()
        result = next(iter(extract([Article(id="endless", title="", text=text)], pipeline, ontology)))
        build_s = time.perf_counter() - start
        sizes[str(n)] = {
            "tokens": len(doc),
            "raw_seconds": raw_s,
            "kgraph_seconds": build_s,
            "entities": len(result.entities),
            "warnings": len(result.warnings),
        }
    return {"sizes": sizes}


PHASES: dict[str, Callable[..., dict[str, Any]]] = {
    "raw": raw,
    "build": build,
    "graphs": graphs,
    "store": store,
    "store_build": store_build,
    "rdflib": rdflib_memory,
    "view": view,
    "endless": endless,
    "help": help_time,
}

if __name__ == "__main__":
    name, args = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(PHASES[name](**args)))
