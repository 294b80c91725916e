"""Faults that lost work or hung (issue 15): a dead worker, article ids that collide, stdin that starts with '{',
control characters in XML outputs, reserved graph names, a read-only store. Each is skipped, reported or
refused with a one-line error; none hangs."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kgraph import distributed
from kgraph.cli import main
from kgraph.errors import InputError, StoreError, WorkerError
from kgraph.formats import xml_safe
from kgraph.graph import build_dataset
from kgraph.ingest import article_id_for, iter_articles
from kgraph.iri import article_iri, graph_iri
from kgraph.store import UNION_GRAPH, Store
from kgraph.types import Article, ArticleResult

KGRAPH = str(Path(sys.executable).parent / "kgraph")
CONTROL = "Ann\x01 ran\x07 away.\x0cNATO met."


def children(pid: int) -> list[int]:
    """Child process ids of ``pid``, read from /proc (no psutil)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- a dead worker -------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc").is_dir() or distributed.usable_cpus() < 2, reason="needs /proc and 2 CPUs")
def test_a_killed_worker_does_not_hang_the_build(tmp_path):
    articles = [
        {"id": f"a{i}", "title": "NATO", "text": "Russia attacked Ukraine. NATO condemned it. " * 5} for i in range(96)
    ]
    source = write_jsonl(tmp_path / "big.jsonl", articles)
    out = tmp_path / "g.nq"
    proc = subprocess.Popen(
        [KGRAPH, "build", str(source), "-o", str(out), "--processes", "2", "--batch-size", "4"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        workers: list[int] = []
        for _ in range(300):  # the workers start once the parent has read its options (a few seconds at most)
            workers = children(proc.pid)
            if len(workers) >= 2 or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert workers, "the build started no worker process"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = proc.communicate(timeout=60)  # bounded: a hang fails here, not in CI's time-out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode == 0:  # the pool was started again: every article is kept, in order
        assert "articles: 96" in stderr, stderr
        graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text().splitlines() if line}
        assert len(graphs) == 96
    else:
        assert "worker process died" in stderr and "Traceback" not in stderr, stderr
        assert not out.exists()


def _dying_batch(*args: object, **kwargs: object) -> list[ArticleResult]:
    os.kill(os.getpid(), signal.SIGKILL)  # a worker killed by the OOM killer, every time
    return []


def test_a_worker_that_keeps_dying_fails_the_build_with_a_clear_error(monkeypatch, ontology):
    monkeypatch.setattr(distributed, "extract_batch", _dying_batch)  # forked workers inherit it
    monkeypatch.setattr(distributed, "_start_method", lambda: "fork")
    articles = [Article(id=f"a{i}", title="T", text="Ann ran.") for i in range(6)]
    with pytest.raises(WorkerError, match=r"worker process died again after a restart .* articles 1-2 of the input"):
        list(distributed.process_results(articles, ontology, n_process=2, batch_size=2))


def test_processes_are_capped_at_cpus_and_memory(monkeypatch):
    monkeypatch.setattr(distributed, "usable_cpus", lambda: 2)
    monkeypatch.setattr(distributed, "available_memory", lambda: 3 * distributed.WORKER_MEMORY)
    assert distributed.worker_cap(2) == (2, None)
    n, note = distributed.worker_cap(64)
    assert n == 2 and note is not None and note.startswith("--processes 64 capped at 2 (2 CPUs, ")
    monkeypatch.setattr(distributed, "usable_cpus", lambda: 8)
    assert distributed.worker_cap(64)[0] == 3  # memory for three workers


# --- article ids that collide --------------------------------------------------------------------------------


LONG = "https://example.org/news/" + "x" * 100


@pytest.mark.parametrize(
    ("a", "b"),
    [("report/1", "report 1"), ("report/1", "report-1"), (LONG + "/1", LONG + "/2"), ("Zürich", "Zurich")],
)
def test_article_ids_and_iris_never_collide(a, b):
    assert article_id_for(a) != article_id_for(b)
    assert article_iri(a) != article_iri(b) and graph_iri(a) != graph_iri(b)
    assert len(article_id_for(a)) <= 100


def test_safe_ids_keep_their_iris():
    assert article_id_for("g01-baltic") == "g01-baltic"
    assert str(article_iri("g01-baltic")).endswith("/g01-baltic")
    assert str(article_iri("c2-denial")).endswith("/c2-denial")


def test_colliding_ids_both_stay_in_the_store_and_a_replacement_is_reported(tmp_path):
    store = tmp_path / "kb"
    runner = CliRunner()
    for article_id in ("report/1", "report 1"):
        source = write_jsonl(tmp_path / "a.jsonl", [{"id": article_id, "title": "T", "text": "NATO met in Riga."}])
        result = runner.invoke(main, ["build", str(source), "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert "Warning: replaced" not in result.stderr
    result = runner.invoke(main, ["build", str(source), "--store", str(store)])  # "report 1" again
    assert result.exit_code == 0, result.output
    assert f"Warning: replaced 1 article already in {store}: 'report-1-" in result.stderr
    with Store(store, create=False) as kb:
        assert len(kb.articles()) == 2


def test_a_different_article_under_the_same_graph_is_warned_about(tmp_path, extract_text):
    old = extract_text("NATO met in Riga.")
    new = ArticleResult(article=Article(id="other", title="T", text="NATO met."), entities=(), claims=(), mentions=())
    store_dir = tmp_path / "kb"
    with Store(store_dir) as store:
        store.add_results([old])
        graph = str(graph_iri(old.article.id))
        with store.batch() as batch:
            batch.add(new)
            batch._graph_ids[graph] = "other"  # as an older kgraph minted one IRI for two ids
            batch._named[graph] = batch._named.pop(str(graph_iri("other")))
        assert [(r.id, r.previous, r.same_article) for r in batch.replaced] == [("other", old.article.id, False)]


# --- stdin that starts with '{' ------------------------------------------------------------------------------


def test_stdin_text_starting_with_a_brace_is_kept_as_text():
    warnings: list[str] = []
    text = "{Breaking} NATO meets\nNATO met in Riga on Monday.\n"
    (article,) = iter_articles(["-"], stdin=io.StringIO(text), on_warning=warnings.append)
    assert article.title == "{Breaking} NATO meets" and "Riga" in article.text
    assert len(warnings) == 1 and "read as one text article" in warnings[0]


def test_stdin_format_option_decides(tmp_path):
    jsonl = '{"id": "s1", "title": "Hello", "text": "NATO met in Riga."}\n'
    (article,) = iter_articles(["-"], stdin=io.StringIO(jsonl), stdin_format="text")
    assert article.title == jsonl.strip()  # the user said text: one article, the line is its title
    (article,) = iter_articles(["-"], stdin=io.StringIO(jsonl), stdin_format="jsonl")
    assert article.id == "s1"
    (article,) = iter_articles(["-"], stdin=io.StringIO(jsonl))  # by content
    assert article.id == "s1"
    with pytest.raises(InputError, match="unknown stdin format"):
        list(iter_articles(["-"], stdin=io.StringIO(jsonl), stdin_format="xml"))


def test_cli_stdin_format(tmp_path):
    out = tmp_path / "g.nt"
    runner = CliRunner()
    text = '{"not": "an article"}\nNATO met in Riga on Monday.\n'
    result = runner.invoke(main, ["build", "-", "-o", str(out), "--stdin-format", "text"], input=text)
    assert result.exit_code == 0, result.output
    assert "Riga" in out.read_text()
    result = runner.invoke(main, ["build", "-", "-o", str(out)], input="{Breaking}\nNATO met in Riga.\n")
    assert result.exit_code == 0, result.output
    assert "Warning: <stdin> starts with '{' but is not JSON Lines" in result.stderr
    result = runner.invoke(main, ["build", "-", "-o", str(out)], input=text)  # by content: JSONL, a bad line
    assert result.exit_code == 1
    assert "pass --stdin-format text" in result.stderr
    result = runner.invoke(main, ["build", "-", "--stdin-format", "xml"], input=text)
    assert result.exit_code == 2


# --- control characters in XML outputs -----------------------------------------------------------------------


def test_xml_safe():
    assert xml_safe("a\x01b\x07c\x0cd\te\nf") == "a\ufffdb\ufffdc d\te\nf"
    assert xml_safe("plain") == "plain"


@pytest.fixture(scope="module")
def control_graph(tmp_path_factory):
    """A built graph whose title and text carry \\x01, \\x07 and \\x0c, as a TriG file and a store."""
    folder = tmp_path_factory.mktemp("control")
    source = write_jsonl(folder / "c.jsonl", [{"id": "c1", "title": "Bell\x07 title\x01", "text": CONTROL}])
    result = CliRunner().invoke(
        main, ["build", str(source), "-o", str(folder / "g.trig"), "--store", str(folder / "kb")]
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("source", ["data", "store"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "rdf"])
def test_control_characters_make_no_invalid_xml(control_graph, tmp_path, source, fmt):
    out = tmp_path / f"g.{fmt}"
    where = ["--data", str(control_graph / "g.trig")] if source == "data" else ["--store", str(control_graph / "kb")]
    result = CliRunner().invoke(main, ["export", *where, "-o", str(out), "--modality", "all"])
    assert result.exit_code == 0, result.output
    ET.parse(out)  # an independent XML parser: raises on a character XML cannot hold
    text = out.read_text(encoding="utf-8")
    assert "\x01" not in text and "\x07" not in text and "\x0c" not in text
    if fmt == "rdf":
        titles = {str(o) for o in Graph().parse(out, format="xml").objects() if "Bell" in str(o)}
        assert titles == {"Bell\ufffd title\ufffd"}


def test_build_writes_valid_rdfxml_with_control_characters(tmp_path):
    source = write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "title": "T\x0c", "text": CONTROL}])
    out = tmp_path / "g.rdf"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(out, format="xml")) > 0


# --- reserved graph names -------------------------------------------------------------------------------------


def test_removing_the_union_graph_is_refused(tmp_path, extract_text):
    store_dir = tmp_path / "kb"
    with Store(store_dir) as store:
        store.add_results([extract_text("NATO met in Riga.")])
        before = len(store)
        with pytest.raises(InputError, match="reserves"):
            store.remove(UNION_GRAPH)
    result = CliRunner().invoke(main, ["remove", UNION_GRAPH, "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {UNION_GRAPH} is a graph name kgraph reserves") and result.stderr.endswith(
        "\n"
    )
    with Store(store_dir, create=False) as store:
        assert len(store) == before and len(store.articles()) == 1
        with pytest.raises(InputError, match="cannot be written"):
            store.batch().add_graph(URIRef(UNION_GRAPH), [])


# --- a read-only store ---------------------------------------------------------------------------------------


def _store_with_an_article(folder: Path, results: list[ArticleResult]) -> Path:
    store_dir = folder / "kb"
    with Store(store_dir) as store:
        store.add_results(results)
    return store_dir


def test_a_store_opened_read_only_answers_queries_and_refuses_writes(tmp_path, extract_text, monkeypatch):
    from kgraph.store import database

    store_dir = _store_with_an_article(tmp_path, [extract_text("NATO met in Riga.")])
    monkeypatch.setattr(database, "_writable", lambda path: False)  # what chmod a-w gives a non-root user
    with Store(store_dir, create=False, reader=True) as store:
        assert store.read_only and len(store.articles()) == 1
        assert len(list(store.query("SELECT * { ?s ?p ?o }"))) > 0
        with pytest.raises(StoreError, match="read-only"):
            store.batch()
        with pytest.raises(StoreError, match="read-only"):
            store.remove(store.articles()[0].id)
    with Store(store_dir, create=False) as store:  # a writer still opens it for writing
        assert not store.read_only


def _as_nobody() -> list[str] | None:
    """A command prefix that runs as user nobody, when we are root and setpriv exists."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_read_only_store_folder_can_be_queried(extract_text):
    folder = Path(tempfile.mkdtemp(prefix="kgraph-ro-"))  # not under pytest's 0700 tmp: nobody must reach it
    try:
        store_dir = _store_with_an_article(folder, [extract_text("NATO met in Riga.")])
        folder.chmod(0o755)
        for path in [store_dir, *store_dir.rglob("*")]:
            path.chmod(
                path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) | stat.S_IROTH | stat.S_IXOTH
            )
        prefix: list[str] = []
        if os.access(store_dir, os.W_OK):  # root ignores the mode bits: drop to nobody if we can
            nobody = _as_nobody()
            if nobody is None:
                pytest.skip("running as root: chmod a-w does not stop this process writing, and setpriv is missing")
            prefix = nobody
        query = [KGRAPH, "query", "--store", str(store_dir), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"]
        done = subprocess.run([*prefix, *query], capture_output=True, text=True, timeout=60, cwd=folder)
        if prefix and "Permission denied" in done.stderr and "python" in done.stderr.lower():
            pytest.skip(f"user nobody cannot run this venv: {done.stderr.strip()[:200]}")
        assert done.returncode == 0, done.stderr
        assert "(1 row)" in done.stdout
        removed = subprocess.run(
            [*prefix, KGRAPH, "remove", "x", "--store", str(store_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=folder,
        )
        assert removed.returncode == 1 and "permission denied (read-only files or mount)" in removed.stderr
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_built_graph_of_colliding_ids_keeps_both(tmp_path):
    records = [{"id": i, "title": "T", "text": "NATO met in Riga."} for i in ("report/1", "report 1")]
    articles = list(iter_articles([write_jsonl(tmp_path / "a.jsonl", records)]))
    assert len({a.id for a in articles}) == 2
    results = [ArticleResult(article=a, entities=(), claims=(), mentions=()) for a in articles]
    dataset = build_dataset(results)
    assert len({g.identifier for g in dataset.graphs() if len(g)}) == 2
