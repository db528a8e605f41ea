"""The claim store: an on-disk Oxigraph store, one named graph per document.

``ClaimStore`` wraps a ``pyoxigraph.Store`` and exposes it to rdflib through the oxrdflib
plugin (``ClaimStore.dataset`` is an ``rdflib.Dataset`` whose default graph is the union of
the named graphs). Writes go straight to pyoxigraph because oxrdflib removes quads one by
one and has no transactions: replacing a document is a single SPARQL Update
(``DROP SILENT GRAPH <doc> ; INSERT DATA { GRAPH <doc> { ... } }``), which Oxigraph runs as
one transaction, so a reader never sees a half-written document and a crash leaves either
the old graph or the new one. Documents not yet in the store are added with
``Store.extend``, also one transaction and faster (no SPARQL text to build and parse).

RocksDB allows one writer per directory; a second process opening the same store for
writing gets ``StoreError("store X is in use by another process")``. Read-only opens
(``read_only=True``: export, sparql, validate, push) work while a build is writing and see
the store as it was when they opened it.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator, Mapping

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from alliance_graph.config import DEFAULT_BASE_IRI, ONTOLOGY_IRI, available_cores
from alliance_graph.errors import StoreError
from alliance_graph.extract.records import ACTOR_TYPES, Claim, Document
from alliance_graph.ontology.iris import check_base_iri, document_iri, run_iri, runs_graph_iri
from alliance_graph.ontology.mapping import RunInfo, document_triples, run_triples
from alliance_graph.ontology.terms import AG, WD

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.query import Result

__all__ = ["ClaimStore", "RunInfo", "StoreError", "prefixes", "vocabulary_prefixes"]

# A RocksDB directory always holds this file; used to refuse turning an unrelated,
# non-empty directory into a store.
_ROCKSDB_MARKER = "CURRENT"


def vocabulary_prefixes() -> dict[str, str]:
    """The vocabulary prefixes exports write (instance IRIs stay in full: Turtle would
    have to escape their percent signs as ``actor:North\\%20Korea``)."""
    return {
        "ag": ONTOLOGY_IRI,
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "owl": str(OWL),
        "xsd": str(XSD),
        "prov": str(PROV),
        "dcterms": str(DCTERMS),
        "wd": str(WD),
    }


def prefixes(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """The prefixes every query may use without declaring them (vocabulary and instances)."""
    return {
        **vocabulary_prefixes(),
        "actor": f"{base_iri}actor/",
        "doc": f"{base_iri}doc/",
        "claim": f"{base_iri}claim/",
        "run": f"{base_iri}run/",
    }


def to_oxigraph(term: Node) -> "pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal":
    """Convert an rdflib term to its pyoxigraph equivalent."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"Cannot store {term!r} in Oxigraph.")


# Claim qualifiers: (property, Claim field). Read by one index scan per property.
_CLAIM_FIELDS: tuple[tuple[URIRef, str], ...] = (
    (RDF.subject, "subject"), (RDF.predicate, "relation"), (RDF.object, "object"),
    (AG.evidence, "evidence"), (AG.charStart, "char_start"), (AG.charEnd, "char_end"),
    (AG.confidence, "confidence"), (AG.modality, "modality"), (AG.quantity, "quantity"),
    (AG.resource, "resource"), (AG.eventDate, "date"), (AG.attributedTo, "attributed_to"),
    (AG.subjectRole, "subject_role"), (AG.objectRole, "object_role"),
)
_NUMBER_FIELDS = {"char_start": int, "char_end": int, "confidence": float}


def _first_type(types: set[str]) -> str | None:
    known = [t for t in ACTOR_TYPES if t in types]
    return known[0] if known else None


def _qid(iri: str | None) -> str | None:
    return iri[len(str(WD)):] if iri and iri.startswith(str(WD)) else None


def _plain(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _binding_term(value: object) -> Node:
    """A query binding as an rdflib term: terms pass through, Python values become literals."""
    if isinstance(value, Node):
        return value
    return Literal(value)


@dataclass(frozen=True)
class _PreparedDocument:
    graph: "pyoxigraph.NamedNode"
    quads: list["pyoxigraph.Quad"]


class ClaimStore:
    """Claims in RDF, one named graph per document, persisted with Oxigraph.

    Parameters
    ----------
    path
        Directory of the on-disk store (created if missing); ``None`` for an in-memory store.
    base_iri
        Namespace of minted IRIs (actors, documents, claims, runs).
    read_only
        Open an existing store without taking the writer lock. A reader uses the base IRI
        the store was built with; a writer with another base IRI gets a StoreError.

    Examples
    --------
    >>> from alliance_graph.extract.records import ACTOR_TYPES, Claim, Document
    >>> store = ClaimStore(None)
    >>> doc = Document(id="a.txt", text="North Korea sends workers to Alabuga.")
    >>> claim = Claim("North Korea", "supplies_labor_to", "Alabuga", "a.txt")
    >>> store.replace_document(doc, [claim], "hash-1", RunInfo.start("0.1.0"))
    >>> store.document_hash("a.txt")
    'hash-1'
    """

    def __init__(
        self,
        path: str | Path | None,
        *,
        base_iri: str = DEFAULT_BASE_IRI,
        read_only: bool = False,
    ) -> None:
        from oxrdflib import OxigraphStore

        self.base_iri = check_base_iri(base_iri)
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._ox = self._open_oxigraph()
        stored = self.stored_base_iri()
        if stored is not None and stored != self.base_iri:
            if not read_only:
                self._ox = None  # release the lock before refusing
                raise StoreError(
                    f"Store {self.path} was built with base IRI {stored!r}, not "
                    f"{self.base_iri!r}; pass --base-iri {stored} or use a new --store."
                )
            self.base_iri = stored  # a reader follows the store it reads
        self.dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        for prefix, namespace in prefixes(self.base_iri).items():
            self.dataset.bind(prefix, namespace, override=True, replace=True)

    # ------------------------------------------------------------------ opening

    def _open_oxigraph(self) -> "pyoxigraph.Store":
        import pyoxigraph as ox

        if self.path is None:
            if self.read_only:
                raise StoreError("An in-memory store cannot be opened read-only.")
            return ox.Store()
        path = self.path
        if path.exists() and not path.is_dir():
            raise StoreError(f"Store path {path} is a file, not a store directory.")
        is_store = (path / _ROCKSDB_MARKER).exists()
        if self.read_only and not is_store:
            raise StoreError(f"No store at {path}; run `alliance-graph build` first.")
        if path.is_dir() and not is_store and any(path.iterdir()):
            raise StoreError(
                f"{path} is a non-empty directory that is not an alliance-graph store; "
                "choose a new or empty directory for --store."
            )
        try:
            if self.read_only:
                return ox.Store.read_only(str(path))
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(
                    f"Store {path} is in use by another process (it is locked for writing); "
                    "wait for that process to finish, or use a different --store."
                ) from None
            raise StoreError(f"Cannot open store {path}: {error}") from None
        except RuntimeError as error:  # e.g. read-only open while the first build creates it
            raise StoreError(f"Cannot open store {path} yet ({error}); if a build is "
                             "creating it, try again when it has written its first batch.") from None

    @property
    def oxigraph(self) -> "pyoxigraph.Store":
        """The underlying ``pyoxigraph.Store`` (for bulk reads and dumps)."""
        return self._ox

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"Store {self.path} was opened read-only.")

    def stored_base_iri(self) -> str | None:
        """The base IRI the store's runs were written under, or None for an empty store."""
        import pyoxigraph as ox

        rdf_type, run_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AG.ExtractionRun))
        for quad in self._ox.quads_for_pattern(None, rdf_type, run_class, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value.endswith("graph/runs"):
                return graph.value[: -len("graph/runs")]
        return None

    # ------------------------------------------------------------------ reading

    def document_hash(self, source: str) -> str | None:
        """The content hash stored for document ``source``, or None if it is not in the store."""
        import pyoxigraph as ox

        doc = ox.NamedNode(document_iri(source, self.base_iri))
        for quad in self._ox.quads_for_pattern(doc, ox.NamedNode(str(AG.contentHash)), None, doc):
            return quad.object.value
        return None

    def document_sources(self) -> list[str]:
        """The ``source`` of every document in the store, sorted."""
        import pyoxigraph as ox

        identifier = ox.NamedNode(str(DCTERMS.identifier))
        sources = {
            quad.object.value
            for quad in self._ox.quads_for_pattern(None, identifier, None, None)
            if quad.subject == quad.graph_name
        }
        return sorted(sources)

    def named_graphs(self) -> list[str]:
        """IRIs of all named graphs (documents and runs), sorted."""
        return sorted(graph.value for graph in self._ox.named_graphs())

    def iter_claims(self) -> Iterator[Claim]:
        """Every stored claim as a ``Claim`` record, ordered by source and position.

        Labels come back normalized and symmetric pairs in stored (label) order; an actor
        with several types in one document gets the first in ``records.ACTOR_TYPES`` order.
        """
        import pyoxigraph as ox

        from alliance_graph.ontology.mapping import relation_name

        # One document graph at a time (a prefix scan of the graph index each), so memory
        # stays flat however large the store is; sources are sorted, so sorting each
        # document's claims gives the same global order as sorting them all.
        identifier = ox.NamedNode(str(DCTERMS.identifier))
        documents = sorted((quad.object.value, quad.graph_name) for quad in
                           self._ox.quads_for_pattern(None, identifier, None, None)
                           if quad.subject == quad.graph_name)
        fields = {str(predicate): name for predicate, name in _CLAIM_FIELDS}
        rdf_type, rdfs_label, same_as = str(RDF.type), str(RDFS.label), str(OWL.sameAs)
        for source, graph in documents:
            types: dict[str, set[str]] = {}
            labels: dict[str, str] = {}
            qids: dict[str, str | None] = {}
            rows: dict[str, dict[str, object]] = {}
            for quad in self._ox.quads_for_pattern(None, None, None, graph):
                predicate, node, value = quad.predicate.value, quad.subject.value, quad.object.value
                if predicate == rdf_type:
                    types.setdefault(node, set()).add(value.rsplit("#", 1)[-1])
                elif predicate == rdfs_label:
                    labels[node] = value
                elif predicate == same_as:
                    qids[node] = _qid(value)
                elif predicate in fields:
                    name = fields[predicate]
                    rows.setdefault(node, {})[name] = _NUMBER_FIELDS.get(name, str)(value)
            claims = []
            for node, row in rows.items():
                if "Claim" not in types.get(node, ()):
                    continue
                subject, obj = row.pop("subject"), row.pop("object")
                row.setdefault("modality", None)  # absent in the store: not the default "asserted"
                claims.append(Claim(
                    subject=labels.get(subject, subject),
                    relation=relation_name(row.pop("relation")),
                    object=labels.get(obj, obj),
                    source=source,
                    subject_type=_first_type(types.get(subject, set())),
                    object_type=_first_type(types.get(obj, set())),
                    subject_qid=qids.get(subject), object_qid=qids.get(obj),
                    **row,
                ))
            claims.sort(key=lambda c: (c.char_start if c.char_start is not None else -1,
                                       c.subject, c.relation, c.object))
            yield from claims

    def triple_count(self) -> int:
        """Number of statements in the store, counted per named graph (quads)."""
        return len(self._ox)

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> "Result":
        """Run a SPARQL query over the union of all graphs; ``bindings`` pre-bind variables.

        Values are bound as RDF terms (``?name`` -> value), never pasted into the query
        text (SPARQL-dev SEP-0007 substitution: a bound variable must appear in the SELECT
        clause). Python values become literals; pass ``rdflib.URIRef`` for IRIs. The prefixes
        of :func:`prefixes` are predeclared. ``GRAPH ?g { ... }`` reaches each document.
        """
        init_bindings = {name.lstrip("?$"): _binding_term(v) for name, v in (bindings or {}).items()}
        try:
            result = self.dataset.query(
                sparql, initNs=prefixes(self.base_iri), initBindings=init_bindings
            )
            if result.type == "SELECT":
                # oxrdflib types simple literals as xsd:string; rdflib's parsers (and
                # Literal("x")) leave them untyped, and the two do not compare equal.
                # Read the pending generator directly: .bindings would materialize every row.
                rows = result._genbindings if result._genbindings is not None else result._bindings
                result.bindings = ({var: _plain(value) for var, value in row.items()} for row in rows)
            return result
        except SyntaxError as error:
            raise StoreError(f"SPARQL syntax error: {error}") from None
        except RuntimeError as error:
            if "projection" in str(error):
                # Oxigraph follows SPARQL-dev SEP-0007: a substituted variable must be visible.
                raise StoreError(
                    f"{error}: a bound variable must appear in the SELECT clause (or use SELECT *)."
                ) from None
            raise StoreError(f"SPARQL query failed: {error}") from None
        except (OSError, ValueError) as error:
            raise StoreError(f"SPARQL query failed: {error}") from None

    # ------------------------------------------------------------------ writing

    def _prepare(self, document: Document, claims: Iterable[Claim], content_hash: str, run: RunInfo) -> _PreparedDocument:
        import pyoxigraph as ox

        graph = ox.NamedNode(document_iri(document.source, self.base_iri))
        # IRIs repeat a lot (predicates, classes, actors): convert each once.
        iris: dict[Node, "pyoxigraph.NamedNode"] = {}

        def convert(term: Node) -> "pyoxigraph.NamedNode | pyoxigraph.Literal":
            if isinstance(term, URIRef):
                found = iris.get(term)
                if found is None:
                    found = iris[term] = ox.NamedNode(str(term))
                return found
            return to_oxigraph(term)

        quads = [
            ox.Quad(convert(s), convert(p), convert(o), graph)
            for s, p, o in document_triples(document, claims, content_hash, run, self.base_iri)
        ]
        return _PreparedDocument(graph, quads)

    def _run_quads(self, run: RunInfo, used: Iterable[str]) -> list["pyoxigraph.Quad"]:
        import pyoxigraph as ox

        graph = ox.NamedNode(runs_graph_iri(self.base_iri))
        return [
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
            for s, p, o in run_triples(run, self.base_iri, used)
        ]

    def replace_document(self, document: Document, claims: list[Claim], content_hash: str, run: RunInfo) -> None:
        """Replace the named graph of ``document`` with ``claims``, in one transaction."""
        self.replace_documents([(document, claims, content_hash)], run)

    def replace_documents(self, batch: list[tuple[Document, list[Claim], str]], run: RunInfo) -> None:
        """Replace the named graphs of a batch of documents, all in one transaction.

        ``run`` is recorded in the runs graph in the same transaction, with ``prov:used``
        for each document it wrote. A later document with the same source wins.
        """
        self._writable()
        if not batch:
            return
        prepared: dict[str, _PreparedDocument] = {}
        for document, claims, content_hash in batch:
            prepared[document.source] = self._prepare(document, claims, content_hash, run)
        run_quads = self._run_quads(run, prepared)
        existing = [doc.graph for doc in prepared.values() if self._ox.contains_named_graph(doc.graph)]
        try:
            if not existing:
                self._ox.extend([q for doc in prepared.values() for q in doc.quads] + run_quads)
                return
            self._ox.update(_replace_update(existing, prepared.values(), run_quads))
        except (OSError, ValueError, SyntaxError) as error:
            raise StoreError(f"Writing to store {self.path or '(memory)'} failed: {error}") from None

    def record_run(self, run: RunInfo) -> bool:
        """Write the run's final metadata (end time) if it wrote at least one document.

        Returns whether the run is recorded; a run that skipped every document leaves the
        store untouched, so re-building an unchanged corpus changes nothing.
        """
        import pyoxigraph as ox

        self._writable()
        node = ox.NamedNode(run_iri(run.id, self.base_iri))
        graph = ox.NamedNode(runs_graph_iri(self.base_iri))
        rdf_type = ox.NamedNode(str(RDF.type))
        if not any(True for _ in self._ox.quads_for_pattern(node, rdf_type, None, graph)):
            return False
        scalars = [q for q in self._run_quads(run, ()) if q.predicate != rdf_type]
        stale = {q.predicate for q in scalars} | {ox.NamedNode(str(PROV.endedAtTime))}
        deletes = " ;\n".join(
            f"DELETE WHERE {{ GRAPH {graph} {{ {node} {predicate} ?value }} }}" for predicate in stale
        )
        inserts = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in scalars)
        try:
            self._ox.update(f"{deletes} ;\nINSERT DATA {{ GRAPH {graph} {{ {inserts} }} }}")
        except (OSError, SyntaxError) as error:
            raise StoreError(f"Recording run {run.id} failed: {error}") from None
        return True

    def remove_document(self, source: str) -> bool:
        """Drop the named graph of document ``source``; returns whether it was there."""
        import pyoxigraph as ox

        self._writable()
        graph = ox.NamedNode(document_iri(source, self.base_iri))
        if not self._ox.contains_named_graph(graph):
            return False
        self._ox.remove_graph(graph)
        return True

    def flush(self) -> None:
        """Write Oxigraph's in-memory write buffers to disk and free them.

        RocksDB keeps recent writes in per-index memtables that grow to several hundred MB
        before it flushes them itself; a long build calls this every few thousand claims so
        its memory stays flat (bench/run.py measures it).
        """
        self._writable()
        try:
            self._ox.flush()
        except OSError as error:
            raise StoreError(f"Flushing store {self.path or '(memory)'} failed: {error}") from None

    def bulk_load(self, source: str | Path | IO[bytes], fmt: str | None = None, *,
                  jobs: int | None = None, lenient: bool = False) -> None:
        """Load an RDF file or binary stream (N-Quads, TriG, N-Triples, Turtle...) with
        Oxigraph's bulk loader: several times faster than transactional writes on millions of
        triples, but not atomic, so meant for restoring a dump into a new or idle store.

        Parameters
        ----------
        source
            A file path or a binary stream.
        fmt
            A file extension or media type (``"nq"``, ``"application/n-quads"``); by default
            guessed from the file name.
        jobs
            Threads to load with (default: the cores this process may use). Oxigraph's bulk
            loader keeps one core busy; an N-Quads or N-Triples *file* is line-based, so it is
            cut at line boundaries into ``jobs`` ranges loaded side by side (twice the speed on
            two cores). Files with blank nodes are loaded in one piece, since each load gives
            blank nodes fresh identities.
        lenient
            Skip Oxigraph's IRI validation (faster; only for dumps known to be valid).
        """
        import pyoxigraph as ox

        self._writable()
        rdf_format = None
        if fmt is not None:
            rdf_format = ox.RdfFormat.from_extension(fmt) or ox.RdfFormat.from_media_type(fmt)
            if rdf_format is None:
                raise StoreError(f"Unknown RDF format {fmt!r} (use nq, trig, nt, ttl...).")
        try:
            if not isinstance(source, (str, Path)):
                self._ox.bulk_load(source, format=rdf_format, lenient=lenient)
                return
            path = Path(source)
            if rdf_format is None:
                rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
            ranges = (_line_ranges(path, available_cores() if jobs is None else jobs)
                      if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else None)
            if not ranges or len(ranges) == 1:
                self._ox.bulk_load(path=str(path), format=rdf_format, lenient=lenient)
                return
            self._parallel_bulk_load(path, ranges, rdf_format, lenient)
        except (OSError, ValueError, SyntaxError) as error:
            raise StoreError(f"Bulk loading into store {self.path or '(memory)'} failed: {error}") from None

    def _parallel_bulk_load(self, path: Path, ranges: list[tuple[int, int]],
                            rdf_format: "pyoxigraph.RdfFormat", lenient: bool) -> None:
        import threading

        failures: list[BaseException] = []

        def load(start: int, end: int) -> None:
            try:
                with path.open("rb") as handle:
                    piece = io.BufferedReader(_ByteRange(handle, start, end), 1 << 20)
                    self._ox.bulk_load(piece, format=rdf_format, lenient=lenient)
            except BaseException as error:  # re-raised in the caller's thread below
                failures.append(error)

        threads = [threading.Thread(target=load, args=span, name=f"bulk-load-{n}")
                   for n, span in enumerate(ranges)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]

    # ------------------------------------------------------------------ output

    def export(self, fmt: str, destination: str | Path | IO) -> None:
        """Write the store as ``fmt`` (turtle ntriples nquads trig jsonld xml) to a path or stream.

        Triple formats get the union of all named graphs; quad formats keep the graphs.
        """
        from alliance_graph.ontology.exports import export_store

        export_store(self, fmt, destination)

    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        ox_store = getattr(self, "_ox", None)
        if ox_store is None:
            return
        if not self.read_only and self.path is not None:
            try:
                ox_store.flush()
            except OSError:
                pass  # nothing left to save; closing must not mask the caller's error
        self.dataset.store._store = None  # oxrdflib holds the second reference
        self._ox = None

    def __enter__(self) -> "ClaimStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _replace_update(
    existing: list["pyoxigraph.NamedNode"],
    documents: Iterable[_PreparedDocument],
    run_quads: list["pyoxigraph.Quad"],
) -> str:
    """One SPARQL Update that drops ``existing`` graphs and inserts the new ones.

    Terms are written in N-Triples syntax by pyoxigraph itself (IRIs are validated on
    creation, literals fully escaped), which SPARQL's ``INSERT DATA`` accepts verbatim.
    """
    parts = [f"DROP SILENT GRAPH {graph}" for graph in existing]
    blocks = []
    for doc in documents:
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in doc.quads)
        blocks.append(f"GRAPH {doc.graph} {{\n{body}\n}}")
    if run_quads:
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in run_quads)
        blocks.append(f"GRAPH {run_quads[0].graph_name} {{\n{body}\n}}")
    parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(parts)


# Below this size one thread loads as fast as several (thread start-up, and RocksDB's
# ingestion of several small files, cost more than they save).
_PARALLEL_LOAD_MIN_BYTES = 4 << 20


def _line_ranges(path: Path, jobs: int) -> list[tuple[int, int]] | None:
    """``jobs`` byte ranges of a line-based RDF file, each ending at a line end.

    ``None`` when the file should be loaded in one piece: one job, a small file, or blank
    nodes (``_:``) anywhere, because separate loads would split one blank node into several.
    """
    import mmap

    size = path.stat().st_size
    if jobs <= 1 or size < _PARALLEL_LOAD_MIN_BYTES:
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(b"_:") != -1:
            return None
        bounds = [0]
        for part in range(1, jobs):
            line_end = data.find(b"\n", size * part // jobs)
            if line_end == -1:
                break
            if line_end + 1 > bounds[-1]:
                bounds.append(line_end + 1)
    bounds.append(size)
    return [(start, end) for start, end in zip(bounds, bounds[1:]) if end > start]


class _ByteRange(io.RawIOBase):
    """A read-only window ``[start, end)`` on an open binary file."""

    def __init__(self, handle: IO[bytes], start: int, end: int) -> None:
        super().__init__()
        self._handle, self._position, self._end = handle, start, end
        handle.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "bytearray | memoryview") -> int:
        wanted = min(len(buffer), self._end - self._position)
        if wanted <= 0:
            return 0
        data = self._handle.read(wanted)
        buffer[:len(data)] = data
        self._position += len(data)
        return len(data)
