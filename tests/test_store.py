"""ClaimStore on a real on-disk Oxigraph store: replacement, idempotence, locking, queries."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest
from rdflib import Literal, URIRef

from alliance_graph.errors import StoreError
from alliance_graph.ontology.iris import actor_iri, document_iri, runs_graph_iri
from alliance_graph.ontology.store import ClaimStore

from store_samples import (
    DRONE_DOC,
    LABOR_DOC,
    LABOR_SENTENCE,
    canonical,
    drone_claims,
    filled_store,
    labor_claims,
    make_run,
)

WHO_SUPPLIES_LABOR = """
SELECT DISTINCT ?supplier ?evidence ?source WHERE {
  ?zone rdfs:label "Alabuga Special Economic Zone" .
  ?claim a ag:Claim ; rdf:subject ?s ; rdf:predicate ag:suppliesLaborTo ; rdf:object ?zone ;
         ag:evidence ?evidence ; prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?supplier .
  ?doc dcterms:identifier ?source .
}
"""

CORROBORATION = """
SELECT ?subject ?relation ?object (COUNT(DISTINCT ?doc) AS ?sources) WHERE {
  ?claim a ag:Claim ; rdf:subject ?s ; rdf:predicate ?relation ; rdf:object ?o ;
         prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
}
GROUP BY ?subject ?relation ?object
ORDER BY DESC(?sources) ?subject
"""


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "store"


def test_who_supplies_labor_to_alabuga(store_dir):
    with filled_store(store_dir) as store:
        rows = list(store.query(WHO_SUPPLIES_LABOR))
    assert [(str(r.supplier), str(r.evidence), str(r.source)) for r in rows] == [
        ("North Korea", LABOR_SENTENCE, "labor.txt")]


def test_corroboration_counts_distinct_sources(store_dir):
    with filled_store(store_dir) as store:
        second = replace(DRONE_DOC, id="drones-2.txt")
        claims = [replace(c, source="drones-2.txt") for c in drone_claims()]
        store.replace_document(second, claims, "hash-2", make_run("second"))
        rows = {(str(r.subject), str(r.object)): int(r.sources) for r in store.query(CORROBORATION)}
    assert rows[("Alabuga Special Economic Zone", "Shahed drone")] == 2
    assert rows[("North Korea", "Alabuga Special Economic Zone")] == 1


def test_rebuilding_the_same_corpus_leaves_the_store_unchanged(store_dir):
    with filled_store(store_dir) as store:
        before = canonical(store.oxigraph)
    with ClaimStore(store_dir) as store:
        run = make_run("rebuild")
        for document, hash_ in ((LABOR_DOC, "hash-labor"), (DRONE_DOC, "hash-drones")):
            assert store.document_hash(document.source) == hash_  # so the build skips it
        assert store.record_run(run) is False  # wrote nothing: not recorded
        assert canonical(store.oxigraph) == before
        # Even re-writing the same documents under the same run changes nothing.
        store.replace_documents([(LABOR_DOC, labor_claims(), "hash-labor"),
                                 (DRONE_DOC, drone_claims(), "hash-drones")], make_run())
        assert canonical(store.oxigraph) == before


def test_a_changed_document_replaces_only_its_own_graph(store_dir):
    import pyoxigraph as ox

    with filled_store(store_dir) as store:
        drones = ox.NamedNode(document_iri("drones.txt"))
        labor = ox.NamedNode(document_iri("labor.txt"))
        drone_graph_before = canonical(store.oxigraph.quads_for_pattern(None, None, None, drones))
        changed = replace(labor_claims()[0], confidence=0.5, quantity="30,000")
        store.replace_document(LABOR_DOC, [changed], "hash-labor-2", make_run("second"))
        assert store.document_hash("labor.txt") == "hash-labor-2"
        assert canonical(store.oxigraph.quads_for_pattern(None, None, None, drones)) == drone_graph_before
        labor_graph = list(store.oxigraph.quads_for_pattern(None, None, None, labor))
        quantities = {q.object.value for q in labor_graph if q.predicate.value.endswith("#quantity")}
        assert quantities == {"30,000"}
        # The meeting and the negated claim are gone with the old graph.
        assert not any(q.predicate.value.endswith("#meetsWith") for q in labor_graph)
        assert sorted(store.document_sources()) == ["drones.txt", "labor.txt"]


def test_runs_are_recorded_with_provenance(store_dir):
    with filled_store(store_dir) as store:
        rows = list(store.query("""
            SELECT ?run ?start ?end ?tool ?model WHERE { GRAPH ?g {
              ?run a ag:ExtractionRun ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
                   ag:toolVersion ?tool ; ag:modelName ?model ; prov:used ?doc } }
        """))
        assert len(rows) == 2  # one row per document the run used
        assert {(str(r.tool), str(r.model)) for r in rows} == {("0.1.0", "en_core_web_sm")}
        assert str(rows[0].end).startswith("2025-01-02T03:05:00")
        assert runs_graph_iri(store.base_iri) in store.named_graphs()
        assert store.query("ASK { ?c prov:wasGeneratedBy ?run . ?run a ag:ExtractionRun }").askAnswer


def test_iter_claims_gives_back_the_records(store_dir):
    with filled_store(store_dir) as store:
        claims = list(store.iter_claims())
    by_relation = {c.relation: c for c in claims}
    assert len(claims) == 5
    labor = by_relation["supplies_labor_to"]
    assert labor == labor_claims()[0]
    assert labor.subject_qid == "Q423" and labor.subject_role == "workers"
    meeting = by_relation["meets_with"]
    assert (meeting.subject, meeting.object) == ("North Korea", "Russia")  # canonical order
    assert by_relation["supplies_weapons_to"].modality == "negated"


def test_query_bindings_are_values_not_text(store_dir):
    with filled_store(store_dir) as store:
        query = "SELECT ?label ?actor WHERE { ?actor rdfs:label ?label }"
        rows = list(store.query(query, {"label": "North Korea"}))
        assert [r.actor for r in rows] == [URIRef(actor_iri("North Korea"))]
        hostile = '"} UNION { ?actor ?p ?label } #'
        assert list(store.query(query, {"label": hostile})) == []
        rows = list(store.query("SELECT ?actor ?label WHERE { ?actor rdfs:label ?label }",
                                {"actor": URIRef(actor_iri("Russia"))}))
        assert [r.label for r in rows] == [Literal("Russia")]
        with pytest.raises(StoreError, match="SELECT clause"):
            store.query("SELECT ?actor WHERE { ?actor rdfs:label ?label }", {"label": "Russia"})
        with pytest.raises(StoreError, match="syntax"):
            store.query("SELEC ?x WHERE { ?x ?p ?o }")


def test_second_writer_gets_a_clear_error_and_readers_still_work(store_dir):
    script = textwrap.dedent(f"""
        import sys
        from alliance_graph.errors import StoreError
        from alliance_graph.ontology.store import ClaimStore
        try:
            ClaimStore({str(store_dir)!r})
        except StoreError as error:
            print("StoreError:", error)
        with ClaimStore({str(store_dir)!r}, read_only=True) as reader:
            print("documents:", len(reader.document_sources()))
    """)
    with filled_store(store_dir):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                timeout=60)
    assert "is in use by another process" in result.stdout, result.stdout + result.stderr
    assert "documents: 2" in result.stdout
    # Closed: the lock is released and the store opens again.
    with ClaimStore(store_dir) as store:
        assert store.document_hash("labor.txt") == "hash-labor"


def test_opening_errors_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="No store"):
        ClaimStore(tmp_path / "missing", read_only=True)
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not an alliance-graph store"):
        ClaimStore(tmp_path)
    with pytest.raises(StoreError, match="is a file"):
        ClaimStore(tmp_path / "notes.txt")
    with filled_store(tmp_path / "store"):
        pass
    with pytest.raises(StoreError, match="built with base IRI"):
        ClaimStore(tmp_path / "store", base_iri="https://example.org/kg/")
    with ClaimStore(tmp_path / "store") as writer:  # the refusal released the lock
        assert writer.document_hash("labor.txt") == "hash-labor"
    with ClaimStore(tmp_path / "store", read_only=True, base_iri="https://example.org/kg/") as reader:
        assert reader.base_iri == "https://w3id.org/alliance-graph/id/"  # follows the store
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_document(LABOR_DOC, labor_claims(), "h", make_run())


def test_custom_base_iri_and_in_memory_store():
    with filled_store(None, base_iri="https://example.org/kg/") as store:
        assert store.stored_base_iri() == "https://example.org/kg/"
        iris = {str(r.actor) for r in store.query("SELECT ?actor WHERE { ?actor a ag:State }")}
        assert actor_iri("North Korea", "https://example.org/kg/") in iris
        assert store.remove_document("labor.txt") and not store.remove_document("labor.txt")
        assert store.document_sources() == ["drones.txt"]
