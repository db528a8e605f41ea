"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Every executor takes a stream of ``Document`` and yields ``(document, claims)`` in input order,
keeping only a bounded window of batches in flight so memory stays flat however long the stream
is. Worker processes (pool or Dask) load the spaCy pipeline once each and send claims back as
plain dicts, which are small and pickle across Python and library versions.

Examples
--------
>>> from alliance_graph.extract.records import Document
>>> docs = [Document(id="a.txt", text="Russia and China signed a gas contract.")]
>>> [(d.id, type(c)) for d, c in run_extraction(docs, jobs=1)]  # doctest: +SKIP
[('a.txt', <class 'list'>)]
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from alliance_graph.config import DEFAULT_BATCH_SIZE, DEFAULT_MODEL, available_cores
from alliance_graph.errors import AllianceGraphError
from alliance_graph.extract.records import Claim, Document

EXECUTORS: tuple[str, ...] = ("local", "dask")
# Below this many documents, starting worker processes (each loads the model, ~2 s) costs more
# than it saves, so the automatic choice stays in one process.
AUTO_PARALLEL_MIN_DOCUMENTS = 400
# Batches submitted ahead of the one being consumed, per worker: enough to keep every worker
# busy while the main process writes the store, small enough that memory does not grow.
_WINDOW_PER_WORKER = 2



class ExecutorError(AllianceGraphError):
    """A problem with the chosen executor: Dask missing, scheduler unreachable, bad option."""


def resolve_jobs(jobs: int | None, expected_documents: int | None = None) -> int:
    """The number of extraction processes: ``jobs`` if given, else one per core for a large
    corpus and one for a small (or unknown-size) one.

    Examples
    --------
    >>> resolve_jobs(3)
    3
    >>> resolve_jobs(None, expected_documents=10)
    1
    """
    if jobs is not None and jobs > 0:
        return jobs
    if expected_documents is None or expected_documents < AUTO_PARALLEL_MIN_DOCUMENTS:
        return 1
    return available_cores()


# --- what a worker runs -------------------------------------------------------------------

_load_lock = threading.Lock()
_use_lock = threading.Lock()


@lru_cache(maxsize=2)
def _pipeline_for(model: str, gazetteers: tuple[str, ...] = ()):
    from pathlib import Path

    from alliance_graph.extract import load_pipeline

    return load_pipeline(model, gazetteer_paths=[Path(path) for path in gazetteers] or None)


def cached_pipeline(model: str = DEFAULT_MODEL, gazetteers: tuple[str, ...] = ()):
    """The spaCy pipeline of ``model`` with extra ``gazetteers`` (JSONL files), loaded once
    per process (thread-safe)."""
    with _load_lock:
        return _pipeline_for(model, tuple(gazetteers))


def claim_from_dict(data: dict[str, Any]) -> Claim:
    return Claim.from_json(data)


def extract_records(model: str, records: list[dict[str, Any]],
                    batch_size: int = DEFAULT_BATCH_SIZE,
                    gazetteers: tuple[str, ...] = ()) -> list[list[dict[str, Any]]]:
    """Worker task: documents as dicts in, one list of claim dicts per document out."""
    from alliance_graph.extract import extract_claims
    from alliance_graph.extract.claims import claim_to_dict

    nlp = cached_pipeline(model, gazetteers)
    documents = [Document(**record) for record in records]
    # One extraction at a time per process: a spaCy pipeline is not meant to be shared by
    # threads (a Dask worker started with several threads would otherwise do so).
    with _use_lock:
        return [[claim_to_dict(claim) for claim in claims]
                for _, claims in extract_claims(nlp, documents, batch_size=batch_size, n_process=1)]


def _preload(model: str, gazetteers: tuple[str, ...] = ()) -> str:
    cached_pipeline(model, gazetteers)
    return model


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the main process alone handles it (it cancels
    # the pool), so workers do not each print a KeyboardInterrupt traceback.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- executors ----------------------------------------------------------------------------


def _in_order(submit, documents: Iterable[Document], batch_size: int,
              window: int) -> Iterator[tuple[Document, list[Claim]]]:
    """Submit batches through ``submit(records) -> future`` and yield results in input order,
    with at most ``window`` batches in flight."""
    from alliance_graph.pipeline import _batched

    pending: deque[tuple[list[Document], Any]] = deque()

    def drain_one() -> Iterator[tuple[Document, list[Claim]]]:
        batch, future = pending.popleft()
        for document, claims in zip(batch, future.result()):
            yield document, [claim_from_dict(claim) for claim in claims]

    for batch in _batched(documents, batch_size):
        pending.append((batch, submit([asdict(document) for document in batch])))
        if len(pending) >= window:
            yield from drain_one()
    while pending:
        yield from drain_one()


def _local_pool(documents: Iterable[Document], *, model: str, batch_size: int, jobs: int,
                gazetteers: tuple[str, ...] = ()) -> Iterator[tuple[Document, list[Claim]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # "spawn": a fork would copy the parent's threads (progress bar, store) in a broken state.
    # Each worker loads the model in its first task (a failure there, like an unknown
    # --model, comes back as that task's exception rather than as a broken pool).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts) as pool:
        try:
            yield from _in_order(lambda records: pool.submit(extract_records, model, records, batch_size,
                                                                     gazetteers),
                                 documents, batch_size, jobs * _WINDOW_PER_WORKER)
        except BrokenProcessPool:
            raise ExecutorError("an extraction worker process died (out of memory, or killed); "
                                "try fewer --jobs or a smaller --batch-size") from None
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _in_process(documents: Iterable[Document], *, model: str, batch_size: int,
                n_process: int = 1, gazetteers: tuple[str, ...] = ()) -> Iterator[tuple[Document, list[Claim]]]:
    from alliance_graph.extract import extract_claims

    iterator = iter(documents)
    try:
        first = next(iterator)
    except StopIteration:  # nothing to do: do not load the model
        return
    nlp = cached_pipeline(model, gazetteers)

    def chained() -> Iterator[Document]:
        yield first
        yield from iterator

    yield from extract_claims(nlp, chained(), batch_size=batch_size, n_process=n_process)


def _dask(documents: Iterable[Document], *, model: str, batch_size: int, jobs: int,
          scheduler: str | None, connect_timeout: str,
          gazetteers: tuple[str, ...] = ()) -> Iterator[tuple[Document, list[Claim]]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("--executor dask needs dask.distributed: "
                            "pip install 'alliance-graph[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=connect_timeout)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ExecutorError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # Load the model on every worker now, once, rather than inside the first tasks.
        # Extra gazetteers travel by path: a remote worker needs the same file at that path.
        client.run(_preload, model, gazetteers)
        yield from _in_order(
            lambda records: client.submit(extract_records, model, records, batch_size, gazetteers,
                                          pure=False),
            documents, batch_size, workers * _WINDOW_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_extraction(documents: Iterable[Document], *, model: str = DEFAULT_MODEL,
                   batch_size: int = DEFAULT_BATCH_SIZE, jobs: int = 1, executor: str = "local",
                   scheduler: str | None = None, strategy: str = "pool",
                   connect_timeout: str = "10s",
                   gazetteers: Iterable[str] = ()) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in input order, from the chosen executor.

    Parameters
    ----------
    documents
        The documents, consumed lazily.
    jobs
        Processes (local) or local Dask workers; ignored with a ``scheduler`` address.
    executor
        ``"local"`` (this machine) or ``"dask"`` (a ``LocalCluster`` of ``jobs`` workers, or
        the cluster at ``scheduler``).
    strategy
        How ``local`` uses several processes: ``"pool"`` (each process runs the whole
        extraction on a batch; measured faster, see bench/) or ``"spacy"`` (spaCy's
        ``n_process``, with the rules in this process).
    connect_timeout
        How long to try reaching the ``scheduler`` (a Dask duration: ``"10s"``).
    gazetteers
        Extra gazetteer JSONL files merged into the shipped one (same format as
        ``extract/data/gazetteer.jsonl``); checked here, before any worker starts.

    Notes
    -----
    Worker processes are started with ``spawn``: a script that calls this with ``jobs > 1``
    needs the usual ``if __name__ == "__main__":`` guard.
    """
    if executor not in EXECUTORS:
        raise ExecutorError(f"unknown executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise ExecutorError("--scheduler needs --executor dask")
    extra = _checked_gazetteers(gazetteers)
    if executor == "dask":
        return _dask(documents, model=model, batch_size=batch_size, jobs=jobs, scheduler=scheduler,
                     connect_timeout=connect_timeout, gazetteers=extra)
    if jobs <= 1:
        return _in_process(documents, model=model, batch_size=batch_size, gazetteers=extra)
    if strategy == "spacy":
        return _in_process(documents, model=model, batch_size=batch_size, n_process=jobs,
                           gazetteers=extra)
    return _local_pool(documents, model=model, batch_size=batch_size, jobs=jobs, gazetteers=extra)


def _checked_gazetteers(paths: Iterable[str]) -> tuple[str, ...]:
    """Absolute paths of readable, well-formed gazetteer files (a bad one fails here, with
    its name, rather than in every worker)."""
    from pathlib import Path

    from alliance_graph.extract.gazetteer import load_gazetteer

    checked = tuple(str(Path(path).expanduser().resolve()) for path in paths)
    if checked:
        load_gazetteer(extra=checked)  # GazetteerError names the file and the line
    return checked
