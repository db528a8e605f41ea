"""The main job: corpus -> claims -> store -> outputs.

``build`` streams documents through spaCy in batches and writes each batch of claims into the
store as it comes, so memory stays flat however large the corpus is. Documents whose content
hash is already in the store are not extracted again.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from alliance_graph import __version__
from alliance_graph.config import DEFAULT_BASE_IRI, DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from alliance_graph.errors import InputError
from alliance_graph.extract.readers import check_inputs, content_hash, iter_documents
from alliance_graph.extract.records import Claim, Document
from alliance_graph.outputs import atomic_writer

# Oxigraph (RocksDB) holds recent writes in memtables that grow by ~100 MB per 100k triples
# up to ~650 MB before it flushes them itself; flushing every ~50k triples (about 20 per
# claim) keeps a long build's memory flat, and costs no measurable time (bench/run.py).
FLUSH_EVERY_CLAIMS = 2500

SkipHandler = Callable[[str, str], None]
ProgressHandler = Callable[[int, int], None]  # (documents done, claims of this batch)


@dataclass
class BuildSummary:
    """What a build did; printed by the CLI and returned to library callers."""

    documents_read: int = 0
    documents_extracted: int = 0
    documents_unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    actors: int = 0
    edges: int = 0
    triples: int = 0
    elapsed: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def documents_skipped(self) -> int:
        return len(self.skipped)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_documents(documents: Iterable[Document], *, model: str = DEFAULT_MODEL,
                      batch_size: int = DEFAULT_BATCH_SIZE, jobs: int = 1,
                      executor: str = "local", scheduler: str | None = None,
                      gazetteers: Iterable[str | os.PathLike[str]] = (),
                      ) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, streamed in input order; loads the spaCy pipeline on first
    need only (in this process, in ``jobs`` worker processes, or on Dask workers).
    ``gazetteers`` are extra gazetteer JSONL files merged into the shipped one."""
    from alliance_graph.executors import run_extraction

    yield from run_extraction(documents, model=model, batch_size=batch_size, jobs=jobs,
                              executor=executor, scheduler=scheduler,
                              gazetteers=[os.fspath(path) for path in gazetteers])


def expected_documents(inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many documents ``inputs`` hold, from a walk of the file names only (no reading);
    None when a JSON/JSON Lines file (any number of records) makes that unknowable."""
    from alliance_graph.extract.readers import iter_article_paths

    count = 0
    for path in iter_article_paths(inputs):
        if path.suffix.lower() in (".json", ".jsonl"):
            return None
        count += 1
    return count


def model_version(model: str) -> str:
    """The installed version of a spaCy pipeline package, without loading it."""
    from importlib import metadata

    for name in (model, model.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def build(inputs: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
          store_dir: str | os.PathLike[str] | None = None, model: str = DEFAULT_MODEL,
          base_iri: str = DEFAULT_BASE_IRI, batch_size: int = DEFAULT_BATCH_SIZE,
          jobs: int | None = 1, html: bool = True, on_skip: SkipHandler | None = None,
          on_progress: ProgressHandler | None = None, executor: str = "local",
          scheduler: str | None = None,
          on_warning: SkipHandler | None = None,
          gazetteers: Iterable[str | os.PathLike[str]] = ()) -> BuildSummary:
    """Read every article under ``inputs``, extract claims into the store, write the outputs.

    Writes ``claims.jsonl`` (the JSON Lines contract), ``graph.ttl`` (Turtle of the whole
    store) and ``graph.html`` (the interactive graph) into ``out_dir``; the store lives in
    ``store_dir`` (default ``out_dir/store``). ``jobs=None`` picks one process per core for a
    large corpus and one for a small one; ``executor="dask"`` runs extraction on Dask workers
    (a local cluster of ``jobs`` workers, or the one at ``scheduler``).
    """
    from alliance_graph.ontology.store import ClaimStore, RunInfo

    inputs = list(inputs)
    check_inputs(inputs)  # refuse a missing input before anything is written
    started = time.perf_counter()
    summary = BuildSummary()
    out = Path(out_dir)
    store_path = Path(store_dir) if store_dir is not None else out / "store"
    out.mkdir(parents=True, exist_ok=True)

    def skip(path: str, reason: str) -> None:
        summary.skipped.append((path, reason))
        if on_skip is not None:
            on_skip(path, reason)

    run = RunInfo(id=uuid.uuid4().hex, started=datetime.now(timezone.utc), ended=None,
                  tool_version=__version__, model_name=model, model_version=model_version(model))
    with ClaimStore(store_path, base_iri=base_iri) as store:
        hashes: dict[str, str] = {}

        def changed_documents() -> Iterator[Document]:
            for document in iter_documents(inputs, skip, on_warning or (lambda path, why: None)):
                summary.documents_read += 1
                digest = content_hash(document)
                if store.document_hash(document.source) == digest:
                    summary.documents_unchanged += 1
                    continue
                hashes[document.source] = digest
                yield document

        if jobs is None:
            from alliance_graph.executors import resolve_jobs

            jobs = resolve_jobs(None, expected_documents(inputs))
        extracted = extract_documents(changed_documents(), model=model, batch_size=batch_size,
                                      jobs=jobs, executor=executor, scheduler=scheduler,
                                      gazetteers=gazetteers)
        claims_since_flush = 0
        for batch in _batched(extracted, batch_size):
            store.replace_documents(
                [(document, claims, hashes.pop(document.source)) for document, claims in batch],
                run)
            summary.documents_extracted += len(batch)
            claims_since_flush += sum(len(claims) for _, claims in batch)
            if claims_since_flush >= FLUSH_EVERY_CLAIMS:
                store.flush()
                claims_since_flush = 0
            if on_progress is not None:
                # Unchanged documents count as done, so the bar reaches its known total.
                on_progress(summary.documents_extracted + summary.documents_unchanged,
                            sum(len(claims) for _, claims in batch))
        if summary.documents_read == 0:
            raise InputError(
                f"no article could be read ({summary.documents_skipped} skipped, see the "
                "warnings above); nothing written" if summary.skipped else
                "no articles found in the inputs (.txt, .md, .html, .json, .jsonl)")
        if summary.documents_extracted:
            run.ended = datetime.now(timezone.utc)
            store.record_run(run)
        summary.outputs = write_outputs(store, out, html=html, summary=summary)
        summary.triples = store.triple_count()
    summary.elapsed = time.perf_counter() - started
    return summary


def write_outputs(store, out: Path, *, html: bool = True,
                  summary: BuildSummary | None = None) -> dict[str, Path]:
    """Write claims.jsonl, graph.ttl and graph.html from the store, each atomically."""
    outputs: dict[str, Path] = {}
    claims_path = out / "claims.jsonl"
    count = 0
    with atomic_writer(claims_path) as handle:
        for claim in store.iter_claims():
            handle.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
            count += 1
    outputs["claims"] = claims_path
    ttl_path = out / "graph.ttl"
    with atomic_writer(ttl_path, "wb") as handle:
        store.export("turtle", handle)
    outputs["turtle"] = ttl_path
    from alliance_graph.graph.network import to_networkx
    from alliance_graph.graph.render import CLAIMS_SHOWN, render_html

    # The page shows a few claims per edge: reading only those keeps a large build's memory flat.
    graph = to_networkx(store, max_claims_per_edge=CLAIMS_SHOWN)
    if html:
        outputs["html"] = render_html(graph, out / "graph.html")
    if summary is not None:
        summary.claims = count
        summary.actors = graph.number_of_nodes()
        summary.edges = graph.number_of_edges()
    return outputs
