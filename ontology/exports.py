"""Getting RDF out of the store: file exports, SPARQL result formatting, pushing to a triple store.

Exports are written by pyoxigraph's serializers (fast, streaming). Triple formats (Turtle,
N-Triples, RDF/XML) cannot hold named graphs, so they get the union of all graphs, each
triple once; quad formats (N-Quads, TriG, JSON-LD) keep every document's graph.

``push_store`` speaks the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT
{endpoint}?graph=<iri>`` per named graph (replacing that graph on the server, so pushing
twice is idempotent). Endpoint URLs:

- Oxigraph (``oxigraph serve``): ``http://HOST:7878/store``
- Apache Jena Fuseki: ``http://HOST:3030/DATASET/data`` (or ``/DATASET``)
- GraphDB / RDF4J: ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
- Virtuoso: ``http://HOST:8890/sparql-graph-crud-auth`` with ``graph_param="graph-uri"``
"""
from __future__ import annotations

import base64
import io
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

from rdflib import BNode, URIRef
from rdflib.term import Node

from alliance_graph.config import ONTOLOGY_IRI
from alliance_graph.errors import InputError, StoreError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.query import Result

    from alliance_graph.ontology.store import ClaimStore


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its pyoxigraph name, whether it keeps named graphs, file suffix."""

    name: str
    oxigraph_name: str
    keeps_graphs: bool
    suffix: str
    media_type: str
    rdflib_name: str


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "TURTLE", False, ".ttl", "text/turtle", "turtle"),
        ExportFormat("ntriples", "N_TRIPLES", False, ".nt", "application/n-triples", "nt"),
        ExportFormat("nquads", "N_QUADS", True, ".nq", "application/n-quads", "nquads"),
        ExportFormat("trig", "TRIG", True, ".trig", "application/trig", "trig"),
        ExportFormat("jsonld", "JSON_LD", True, ".jsonld", "application/ld+json", "json-ld"),
        ExportFormat("xml", "RDF_XML", False, ".rdf", "application/rdf+xml", "xml"),
    )
}
_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld",
            "rdfxml": "xml", "rdf/xml": "xml", "rdf": "xml"}


def export_format(name: str) -> ExportFormat:
    """The export format called ``name`` (or a common alias such as ``ttl``), else InputError."""
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in EXPORT_FORMATS:
        raise InputError(
            f"Unknown export format {name!r}; choose one of: {', '.join(EXPORT_FORMATS)}."
        )
    return EXPORT_FORMATS[key]


def union_triples(store: "ClaimStore") -> Iterator["pyoxigraph.Triple"]:
    """Every distinct triple of every graph of the store, streamed one graph at a time.

    A claim, a document's description and a run's record each live in one graph only, so
    just the triples that can repeat across document graphs (actor descriptions, plain
    ``subject relation object`` edges) are remembered to drop their repeats: memory grows
    with the actors and edges, not with the number of documents.
    """
    import pyoxigraph as ox

    base = store.stored_base_iri()
    unique_prefixes = (f"{base}claim/", f"{base}run/") if base else ()
    seen: set["pyoxigraph.Triple"] = set()
    graphs: list["pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph"] = [
        ox.DefaultGraph(), *store.oxigraph.named_graphs()]
    for graph in graphs:
        for quad in store.oxigraph.quads_for_pattern(None, None, None, graph):
            triple = quad.triple
            subject = quad.subject
            if subject == graph or (isinstance(subject, ox.NamedNode)
                                    and subject.value.startswith(unique_prefixes)):
                yield triple
            elif triple not in seen:
                seen.add(triple)
                yield triple


def serialize_store(store: "ClaimStore", fmt: str) -> bytes:
    """The whole store serialized as ``fmt`` (see :func:`export_store`)."""
    buffer = io.BytesIO()
    _write(store, export_format(fmt), buffer)
    return buffer.getvalue()


def _write(store: "ClaimStore", fmt: ExportFormat, output: IO[bytes]) -> None:
    import pyoxigraph as ox

    from alliance_graph.ontology.store import vocabulary_prefixes

    rdf_format = getattr(ox.RdfFormat, fmt.oxigraph_name)
    names = vocabulary_prefixes()
    if fmt.keeps_graphs:
        store.oxigraph.dump(output, rdf_format, prefixes=names)
    elif fmt.name == "xml":
        # pyoxigraph writes a carriage return in a literal as a raw byte, which XML parsers
        # turn into a line feed; a character reference keeps it. A raw CR can only occur
        # inside literal text here (minted IRIs are percent-encoded).
        data = ox.serialize(union_triples(store), format=rdf_format, prefixes=names)
        output.write(data.replace(b"\r", b"&#13;"))
    else:
        ox.serialize(union_triples(store), output, rdf_format, prefixes=names)


def export_store(store: "ClaimStore", fmt: str, destination: str | Path | IO) -> None:
    """Write the store as ``fmt`` to a file path (atomically) or to a binary or text stream.

    Parameters
    ----------
    store
        The store to export.
    fmt
        ``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld`` or ``xml``. Triple
        formats get the union of all named graphs; quad formats keep the graphs.
    destination
        A path (written to a temporary file and renamed, so a failed export never leaves
        a truncated file) or an open stream.
    """
    export = export_format(fmt)
    if isinstance(destination, (str, Path)):
        target = Path(destination)
        if target.parent and not target.parent.exists():
            raise InputError(f"Cannot write {target}: directory {target.parent} does not exist.")
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        try:
            with os.fdopen(handle, "wb") as output:
                _write(store, export, output)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return
    if isinstance(destination, io.TextIOBase):
        buffer = io.BytesIO()
        _write(store, export, buffer)
        destination.write(buffer.getvalue().decode("utf-8"))
        return
    _write(store, export, destination)


# ---------------------------------------------------------------------- SPARQL results

RESULT_FORMATS = ("table", "csv", "json")


def _compact(term: Node | None, names: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in names.items():
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(result: "Result", fmt: str = "table", base_iri: str | None = None, max_width: int = 80) -> str:
    """Render a SPARQL result as an aligned text table, CSV or SPARQL JSON results.

    SELECT and ASK results use the SPARQL 1.1 CSV / JSON result formats; CONSTRUCT and
    DESCRIBE results are written as Turtle whatever ``fmt`` says. In the table, IRIs are
    shortened with the store's prefixes and cells cut at ``max_width`` characters.
    """
    from alliance_graph.config import DEFAULT_BASE_IRI
    from alliance_graph.ontology.store import prefixes

    if fmt not in RESULT_FORMATS:
        raise InputError(f"Unknown result format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}.")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from alliance_graph.ontology.store import vocabulary_prefixes

        for prefix, namespace in vocabulary_prefixes().items():
            result.graph.bind(prefix, namespace, override=True, replace=True)
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if fmt in ("csv", "json"):
        data = result.serialize(format=fmt)
        return data.decode("utf-8") if isinstance(data, bytes) else str(data)
    names = prefixes(base_iri or DEFAULT_BASE_IRI)
    header = [str(v) for v in result.vars]
    rows = []
    for row in result:
        cells = []
        for value in row:
            text = " ".join(_compact(value, names).split())
            cells.append(text if len(text) <= max_width else text[: max_width - 1] + "…")
        rows.append(cells)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


# ---------------------------------------------------------------------- push


@dataclass(frozen=True)
class PushReport:
    """What ``push_store`` sent."""

    endpoint: str
    graphs: int
    triples: int


def ontology_turtle() -> bytes:
    """The packaged ``alliance.ttl``."""
    return resources.files("alliance_graph.ontology").joinpath("alliance.ttl").read_bytes()


def graph_store_url(endpoint: str, graph_iri: str, graph_param: str = "graph") -> str:
    """``{endpoint}?graph=<iri>`` (indirect graph identification, IRI percent-encoded).

    Examples
    --------
    >>> graph_store_url("http://localhost:7878/store", "https://w3id.org/x/doc/a%20b")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fx%2Fdoc%2Fa%2520b'
    """
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return endpoint + separator + urllib.parse.urlencode({graph_param: graph_iri})


def _put(url: str, body: bytes, media_type: str, authorization: str | None, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="PUT")
    request.add_header("Content-Type", f"{media_type}; charset=utf-8")
    if authorization:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip()
        raise StoreError(f"PUT {url} failed: HTTP {error.code} {error.reason}. {detail}".strip()) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise StoreError(f"Cannot reach {url}: {reason}") from None


def push_store(
    store: "ClaimStore",
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    graph_param: str = "graph",
    include_ontology: bool = False,
    timeout: float = 60.0,
) -> PushReport:
    """PUT every named graph of ``store`` to a SPARQL 1.1 Graph Store Protocol endpoint.

    Each graph is sent as Turtle and replaces the graph of the same name on the server.
    ``user``/``password`` use HTTP Basic authentication. With ``include_ontology`` the
    ontology goes to the graph ``<https://w3id.org/alliance-graph/ontology>`` too.
    """
    import pyoxigraph as ox

    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise InputError(f"Endpoint {endpoint!r} must be an http:// or https:// URL.")
    authorization = None
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        authorization = f"Basic {token}"
    graphs = triples = 0
    for graph in store.oxigraph.named_graphs():
        body = store.oxigraph.dump(format=ox.RdfFormat.TURTLE, from_graph=graph)
        triples += sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, graph))
        _put(graph_store_url(endpoint, graph.value, graph_param), body, "text/turtle", authorization, timeout)
        graphs += 1
    if include_ontology:
        ontology_graph = ONTOLOGY_IRI.rstrip("#")
        _put(graph_store_url(endpoint, ontology_graph, graph_param), ontology_turtle(),
             "text/turtle", authorization, timeout)
        graphs += 1
    return PushReport(endpoint, graphs, triples)
