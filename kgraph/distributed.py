"""Extraction on several processes or machines: Articles in, ArticleResults out, in input order.

Two engines beside the in-process one (``extract.extract``):

- ``process_results``: a pool of local worker processes;
- ``dask_results``: a Dask cluster — a ``LocalCluster`` started here, or a running scheduler
  (``tcp://HOST:PORT``) whose workers have kgraph and the model installed.

Articles go out in batches; each worker builds the spaCy pipeline once (cached per process) and sends back the
small frozen ``ArticleResult`` records, never spaCy Docs. At most a few batches are in flight at a time, so a
corpus of any size streams through with flat memory; results come back in input order, so the graph written
is the same as a one-process build's.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError, KgraphError, ModelError, StoreError, WorkerError
from .extract import extract
from .nlp import build_pipeline, get_pipeline, resolve_model_name
from .ontology import Ontology
from .types import Article, ArticleResult

ARTICLES_PER_TASK = 16  # one nlp.pipe batch per task: enough to amortise the round trip, small for balance
IN_FLIGHT_PER_WORKER = 2  # one batch working, one queued: workers never wait, memory stays bounded

# a worker's resident memory once the small English pipeline is loaded and a batch is parsed (measured ~0.35 GB):
# more workers than memory holds swap or meet the OOM killer, so --processes is capped by this
WORKER_MEMORY = 512 * 1024 * 1024
RESTARTS = 1  # a pool that loses a worker is started again once; a second death fails the build

SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
# per-process worker state: the pipeline is built on a worker's first batch and kept for the next ones
_STATE: dict[str, Any] = {}
_PIPELINES: OrderedDict[str, Any] = OrderedDict()  # content token of (ontology, model) -> pipeline
_KEEP = 2  # pipelines kept per worker: a long-lived cluster serving builds with other ontologies stays bounded
_LOCK = threading.Lock()  # Dask workers may run several threads; a spaCy pipeline is not thread-safe


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def pipeline_token(ontology: Ontology, model: str | None) -> str:
    """Names an (ontology, model) pair by content: a worker that already built this pipeline reuses it, even
    when the ontology arrives as a new object (each build sends it again)."""
    return hashlib.sha1(pickle.dumps((ontology, model), protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def _worker_pipeline(ontology: Ontology, model: str | None, token: str | None) -> Any:
    if token is None:
        return get_pipeline(ontology, model)  # pool workers: forked with the parent's cache, keyed by object
    nlp = _PIPELINES.get(token)
    if nlp is None:
        nlp = _PIPELINES[token] = build_pipeline(ontology, model)
        while len(_PIPELINES) > _KEEP:
            _PIPELINES.popitem(last=False)
    return nlp


def pipelines_loaded() -> int:
    """How many pipelines this worker process holds (``client.run(pipelines_loaded)``)."""
    return len(_PIPELINES)


def extract_batch(
    articles: list[Article], ontology: Ontology, model: str | None, batch_size: int, token: str | None = None
) -> list[ArticleResult]:
    """Runs on a worker: the worker's pipeline (built on its first batch) over one batch."""
    with _LOCK:
        nlp = _worker_pipeline(ontology, model, token)
        return list(extract(articles, nlp, ontology, batch_size=batch_size))


def _pool_init(ontology: Ontology, model: str | None) -> None:
    _STATE["ontology"], _STATE["model"] = ontology, model


def _pool_batch(articles: list[Article], batch_size: int) -> list[ArticleResult]:
    return extract_batch(articles, _STATE["ontology"], _STATE["model"], batch_size)


def _in_order(pending: deque[Any], limit: int, wait: Any) -> Iterator[ArticleResult]:
    while len(pending) > limit:
        yield from wait(pending.popleft())


def _start_method() -> str:
    """fork on Linux: no re-import of the caller's __main__ (a script without a main guard would fail under
    spawn), workers start at once and share the parent's loaded pages. spawn where fork is unsafe (macOS)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes of memory available to new processes (MemAvailable in /proc/meminfo), None when unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_cap(requested: int) -> tuple[int, str | None]:
    """``requested`` worker processes, capped at the CPUs this process may use and the workers the available
    memory holds (``WORKER_MEMORY`` each); the note says why when capped (for the user), else None."""
    cpus = usable_cpus()
    memory = available_memory()
    by_memory = max(1, memory // WORKER_MEMORY) if memory is not None else requested
    allowed = max(1, min(requested, cpus, by_memory))
    if allowed >= requested:
        return requested, None
    why = f"{cpus} CPU{'s' if cpus != 1 else ''}"
    if memory is not None:
        why += f", {memory / 2**30:.1f} GB memory available (~{WORKER_MEMORY / 2**30:.1f} GB per worker)"
    return allowed, f"--processes {requested} capped at {allowed} ({why})"


def _dead_worker_error(first: int, count: int, restarted: int) -> WorkerError:
    again = " again after a restart" if restarted else ""
    return WorkerError(
        f"a worker process died{again} (killed, or out of memory) while extracting articles {first + 1}-"
        f"{first + count} of the input; rerun with fewer --processes, or with one to find the article"
    )


def process_results(
    articles: Iterable[Article],
    ontology: Ontology,
    model: str | None = None,
    *,
    n_process: int = 2,
    batch_size: int = ARTICLES_PER_TASK,
    restarts: int = RESTARTS,
) -> Iterator[ArticleResult]:
    """Extraction on ``n_process`` local worker processes (the calling process only feeds and collects),
    capped by ``worker_cap``.

    A worker that dies (killed, out of memory, a crash in native code) breaks the pool at once: the pool is
    started again and the batches not yet collected are sent again, up to ``restarts`` times; then the build
    fails with a KgraphError naming the articles. It never waits for a lost task.
    """
    resolve_model_name(model)  # no model installed: fail here, not in every worker
    n_process, _ = worker_cap(n_process)
    context = multiprocessing.get_context(_start_method())

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n_process, mp_context=context, initializer=_pool_init, initargs=(ontology, model))

    pool = start()
    pending: deque[tuple[int, list[Article], Future[list[ArticleResult]]]] = deque()
    state = {"restarted": 0, "sent": 0}

    def submit(first: int, batch: list[Article]) -> None:
        nonlocal pool
        while True:
            try:
                pending.append((first, batch, pool.submit(_pool_batch, batch, batch_size)))
                return
            except BrokenProcessPool:  # broken before this batch went out: collecting will restart it
                restart(first, len(batch))

    def restart(first: int, count: int) -> None:
        nonlocal pool
        if state["restarted"] >= restarts:
            raise _dead_worker_error(first, count, state["restarted"])
        state["restarted"] += 1
        pool.shutdown(wait=False, cancel_futures=True)
        pool = start()
        again = [(f, b) for f, b, _ in pending]
        pending.clear()
        for f, b in again:
            pending.append((f, b, pool.submit(_pool_batch, b, batch_size)))

    def collect(limit: int) -> Iterator[ArticleResult]:
        while len(pending) > limit:
            first, batch, job = pending[0]
            try:
                results = job.result()
            except BrokenProcessPool:
                restart(first, len(batch))
                continue
            pending.popleft()
            yield from results

    try:
        for batch in batches(articles, batch_size):
            submit(state["sent"], batch)
            state["sent"] += len(batch)
            yield from collect(n_process * IN_FLIGHT_PER_WORKER)
        yield from collect(0)
        pool.shutdown(wait=True)
    finally:
        _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, without waiting for the batches it is working on (an error or Ctrl-C in the caller)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way to end busy workers
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def check_scheduler(address: str) -> str:
    """A scheduler address must be SCHEME://HOST:PORT (tcp, tls, ws, wss, ucx)."""
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        port = None
        parts = urlsplit("")
    if parts.scheme not in SCHEMES or not parts.hostname or port is None:
        raise InputError(f"scheduler address must look like tcp://HOST:PORT, not {address!r}")
    return address


def _connect(scheduler: str | None, n_workers: int, timeout: float) -> tuple[Any, Any]:
    """A Dask client: on the given scheduler, or on a LocalCluster of ``n_workers`` single-thread processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise KgraphError("the Dask engine needs dask.distributed: pip install 'kgraph[dask]'") from exc
    if scheduler:
        check_scheduler(scheduler)
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise StoreError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from exc
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def dask_results(
    articles: Iterable[Article],
    ontology: Ontology,
    model: str | None = None,
    *,
    scheduler: str | None = None,
    client: Any = None,
    n_workers: int = 2,
    batch_size: int = ARTICLES_PER_TASK,
    timeout: float = 30.0,
) -> Iterator[ArticleResult]:
    """Extraction on a Dask cluster: ``client`` (an existing ``distributed.Client``), else ``scheduler``
    (``tcp://HOST:PORT``), else a LocalCluster of ``n_workers`` processes started and stopped here."""
    if scheduler and client is None:
        check_scheduler(scheduler)
    resolve_model_name(model)  # no model installed here: say so before starting a cluster
    token = pipeline_token(ontology, model)
    own_client = client is None
    cluster = None
    if own_client:
        client, cluster = _connect(scheduler, n_workers, timeout)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        # sent once to every worker; tasks then refer to it, and each worker builds its pipeline from it once
        [shared] = client.scatter([ontology], broadcast=True)
        pending: deque[Any] = deque()
        for batch in batches(articles, batch_size):
            pending.append(client.submit(extract_batch, batch, shared, model, batch_size, token, pure=False))
            yield from _in_order(pending, workers * IN_FLIGHT_PER_WORKER, _dask_result)
        yield from _in_order(pending, 0, _dask_result)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def _dask_result(future: Any) -> list[ArticleResult]:
    try:
        return list(future.result())
    except KgraphError:
        raise
    except OSError as exc:  # a lost worker or scheduler
        raise StoreError(f"Dask cluster failed: {exc}") from exc
    except ModuleNotFoundError as exc:
        raise ModelError(
            f"a Dask worker lacks a package: {exc} (install kgraph and the model on every worker)"
        ) from exc
