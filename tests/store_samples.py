"""Invented articles and claims for the store, export, push and round-trip tests.

Not a test module: ``test_store``, ``test_exports``, ``test_push``, ``test_roundtrip`` and
``test_cli_store`` import it. The sentences are written for these tests.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from alliance_graph.extract.records import Claim, Document
from alliance_graph.ontology.mapping import RunInfo
from alliance_graph.ontology.store import ClaimStore, to_oxigraph

LABOR_SENTENCE = (
    "According to South Korea's National Intelligence Service, North Korea has sent "
    "about 25,000 workers to the Alabuga Special Economic Zone."
)
LABOR_DOC = Document(
    id="labor.txt", text=LABOR_SENTENCE + " Russia and North Korea met in Pyongyang.",
    title="Workers for the drone plant", url="https://example.org/news/labor",
    published="2024-10-05", outlet="Example Times",
)
DRONE_SENTENCE = "The Alabuga plant in Tatarstan assembles Shahed drones, officials said."
DRONE_DOC = Document(id="drones.txt", text=DRONE_SENTENCE, title="Drones", published="2024-11")


def labor_claims() -> list[Claim]:
    """Three claims of ``LABOR_DOC``: labor (reported, with qualifiers), a meeting, a denial."""
    end = len(LABOR_SENTENCE)
    return [
        Claim("North Korea", "supplies_labor_to", "Alabuga Special Economic Zone", "labor.txt",
              subject_type="State", object_type="Facility", evidence=LABOR_SENTENCE,
              char_start=0, char_end=end, confidence=0.86, modality="reported",
              quantity="25,000", resource="workers", date="2024-10",
              attributed_to="National Intelligence Service", subject_qid="Q423",
              subject_role="workers"),
        Claim("Russia", "meets_with", "North Korea", "labor.txt", subject_type="State",
              object_type="State", evidence="Russia and North Korea met in Pyongyang.",
              char_start=end + 1, char_end=end + 42, confidence=0.7, subject_qid="Q159",
              object_qid="Q423"),
        Claim("China", "supplies_weapons_to", "Russia", "labor.txt", subject_type="State",
              object_type="State", evidence="China does not supply weapons to Russia.",
              char_start=end + 1, char_end=end + 42, confidence=0.6, modality="negated"),
    ]


def drone_claims() -> list[Claim]:
    """Two claims of ``DRONE_DOC``; the second corroborates nothing, the first nothing either."""
    return [
        Claim("Alabuga Special Economic Zone", "produces", "Shahed drone", "drones.txt",
              subject_type="Facility", object_type="Product", evidence=DRONE_SENTENCE,
              char_start=0, char_end=len(DRONE_SENTENCE), confidence=0.8),
        Claim("Alabuga Special Economic Zone", "located_in", "Tatarstan", "drones.txt",
              subject_type="Facility", object_type="Place", evidence=DRONE_SENTENCE,
              char_start=0, char_end=len(DRONE_SENTENCE), confidence=0.75),
    ]


def make_run(run_id: str = "test-run") -> RunInfo:
    """A fixed run, so tests are reproducible."""
    return RunInfo(id=run_id, started=datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
                   ended=None, tool_version="0.1.0", model_name="en_core_web_sm",
                   model_version="3.8.0")


def filled_store(path=None, **options) -> ClaimStore:
    """A store holding ``LABOR_DOC`` and ``DRONE_DOC``, run recorded."""
    store = ClaimStore(path, **options)
    run = make_run()
    store.replace_documents([(LABOR_DOC, labor_claims(), "hash-labor"),
                             (DRONE_DOC, drone_claims(), "hash-drones")], run)
    run.ended = datetime(2025, 1, 2, 3, 5, 0, tzinfo=timezone.utc)
    store.record_run(run)
    return store


def canonical(quads: Iterable) -> set[str]:
    """N-Quads lines of ``quads`` (pyoxigraph or rdflib 4-tuples) as Oxigraph stores them.

    Passing both sides through an Oxigraph store gives literals one canonical lexical form
    (rdflib writes "Z" as "+00:00", Oxigraph the other way round), so set equality is
    graph isomorphism here: the data has no blank nodes.
    """
    import pyoxigraph as ox

    store = ox.Store()
    converted = []
    for quad in quads:
        if isinstance(quad, ox.Quad):
            converted.append(quad)
            continue
        s, p, o, g = quad
        graph = ox.DefaultGraph() if g is None or g == DATASET_DEFAULT_GRAPH_ID else to_oxigraph(g)
        converted.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph))
    store.extend(converted)
    return {str(q) for q in store}


def store_quads(store: ClaimStore) -> set[str]:
    """The store's content, canonical."""
    return canonical(store.oxigraph)


def store_union(store: ClaimStore) -> set[str]:
    """The union of the store's graphs as canonical triples (in the default graph)."""
    import pyoxigraph as ox

    return canonical(ox.Quad(q.subject, q.predicate, q.object) for q in store.oxigraph)


def rdflib_quads(data: bytes, rdflib_format: str) -> set[str]:
    """Parse ``data`` with rdflib (into a Dataset for quad formats) and canonicalize."""
    if rdflib_format in ("nquads", "trig", "json-ld"):
        dataset = Dataset()
        dataset.parse(data=data, format=rdflib_format)
        return canonical(dataset.quads())
    graph = Graph().parse(data=data, format=rdflib_format)
    return canonical((s, p, o, None) for s, p, o in graph)


def oxigraph_quads(data: bytes, oxigraph_format: str) -> set[str]:
    """Parse ``data`` with pyoxigraph and canonicalize."""
    import pyoxigraph as ox

    return canonical(ox.parse(data, format=getattr(ox.RdfFormat, oxigraph_format)))
