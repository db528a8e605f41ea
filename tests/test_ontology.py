"""The ontology, the SHACL shapes, IRI minting and the claims -> RDF mapping."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH

from alliance_graph.config import DEFAULT_BASE_IRI, ONTOLOGY_IRI
from alliance_graph.errors import InputError
from alliance_graph.extract.records import ACTOR_TYPES, MODALITIES, RELATIONS, SYMMETRIC_RELATIONS, Claim
from alliance_graph.ontology.iris import actor_iri, check_base_iri, claim_iri, document_iri, web_iri
from alliance_graph.ontology.mapping import (
    date_literal,
    decimal_literal,
    document_graph,
    relation_name,
    relation_property,
    run_triples,
)
from alliance_graph.ontology import terms
from alliance_graph.ontology.validation import (
    ontology_graph,
    shapes_graph,
    undeclared_terms,
    validate_graph,
)

from store_samples import DRONE_DOC, LABOR_DOC, drone_claims, labor_claims, make_run

ONTOLOGY = ontology_graph()
SHAPES = shapes_graph()


def test_defined_namespace_and_ttl_declare_the_same_terms():
    in_ttl = {str(s)[len(ONTOLOGY_IRI):] for s in ONTOLOGY.subjects()
              if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}
    in_python = set(terms.AG.__annotations__)
    assert in_ttl == in_python
    with pytest.raises(AttributeError):
        terms.AG.suppliesLabourTo  # noqa: B018  (misspelt on purpose: _fail = True)


def test_ontology_metadata():
    ontology = URIRef(ONTOLOGY_IRI.rstrip("#"))
    assert (ontology, RDF.type, OWL.Ontology) in ONTOLOGY
    for predicate in (DCTERMS.title, OWL.versionInfo, DCTERMS.license, DCTERMS.creator):
        assert ONTOLOGY.value(ontology, predicate) is not None, predicate


def test_every_relation_is_a_documented_object_property_with_its_json_name():
    for name in RELATIONS:
        prop = relation_property(name)
        assert relation_name(prop) == name
        assert (prop, RDF.type, OWL.ObjectProperty) in ONTOLOGY
        assert ONTOLOGY.value(prop, terms.AG.jsonName) == Literal(name)
        for predicate in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert ONTOLOGY.value(prop, predicate) is not None, (name, predicate)
    symmetric = {relation_name(p) for p in ONTOLOGY.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == set(SYMMETRIC_RELATIONS)
    with pytest.raises(InputError, match="Unknown relation"):
        relation_property("befriends")


def test_actor_types_are_actor_subclasses_and_qualifier_ranges_are_xsd():
    for actor_type in ACTOR_TYPES:
        assert (getattr(terms.AG, actor_type), RDFS.subClassOf, terms.AG.Actor) in ONTOLOGY
    assert ONTOLOGY.value(terms.AG.confidence, RDFS.range) == ns.XSD.decimal
    assert ONTOLOGY.value(terms.AG.charStart, RDFS.range) == ns.XSD.integer
    assert ONTOLOGY.value(terms.AG.evidence, RDFS.range) == ns.XSD.string


def test_shapes_close_the_modality_and_relation_lists():
    lists = {}
    for prop_shape in SHAPES.subjects(SH.path, None):
        path = SHAPES.value(prop_shape, SH.path)
        if (values := SHAPES.value(prop_shape, SH["in"])) is not None:
            lists[path] = list(Collection(SHAPES, values))
    assert [str(v) for v in lists[terms.AG.modality]] == list(MODALITIES)
    assert set(lists[RDF.predicate]) == {relation_property(r) for r in RELATIONS}


# ---------------------------------------------------------------------- IRIs


def test_actor_iris_are_stable_distinct_and_valid():
    labels = ["A/B", "A_B", "A B", "A%2FB", "A%2fB", ".", "..", "a.b", "A?B#C", "Ä", "A\u0308"]
    iris = [actor_iri(label) for label in labels]
    assert iris[0].endswith("/actor/A%2FB") and iris[1].endswith("/actor/A_B")
    # "Ä" and "A" + combining diaeresis are the same label after NFC; all others differ.
    assert iris[-1] == iris[-2]
    assert len(set(iris[:-1])) == len(labels) - 1
    assert actor_iri("North Korea") == actor_iri("North Korea")
    for iri in iris:
        ox.NamedNode(iri)  # raises on an invalid IRI
        assert not iri.endswith(("/.", "/.."))
    with pytest.raises(ValueError):
        actor_iri(" \u0000 ")


@pytest.mark.parametrize("label", [
    '<>"{}|^`\\', "line\nbreak\ttab\r", "\u202eevil\u202c", "zero\u200bwidth\ufeff", "🙂 emoji",
    "%", "%%41", "\x00\x01", "A\u2028B", "' OR 1=1 --", "}} ; DROP ALL",
])
def test_hostile_labels_give_valid_iris(label):
    for iri in (actor_iri(label + "x"), document_iri(label), claim_iri(label, label, "attacks", label, 1, 2)):
        ox.NamedNode(iri)
        assert iri.startswith(DEFAULT_BASE_IRI)
        assert all(33 <= ord(ch) < 127 for ch in iri)


def test_base_iri_is_checked():
    assert check_base_iri("https://example.org/kg/") == "https://example.org/kg/"
    for bad in ("example.org/kg/", "https://example.org/kg", "https://exa mple.org/"):
        with pytest.raises(InputError):
            check_base_iri(bad)


def test_web_iri_repairs_or_refuses_urls():
    assert web_iri("https://example.org/a") == "https://example.org/a"
    assert web_iri("https://example.org/100%/x y") == "https://example.org/100%25/x%20y"
    assert web_iri("example.org/no-scheme") is None


def test_literal_helpers():
    assert str(decimal_literal(0.5)) == "0.5" and str(decimal_literal(1)) == "1"
    assert decimal_literal(float("nan")) is None
    assert date_literal("2024-02-30") is None
    assert date_literal("2024-02-29").datatype == ns.XSD.date
    assert date_literal("2024-13") is None


# ---------------------------------------------------------------------- mapping


def _mapped(document, claims, base=DEFAULT_BASE_IRI):
    run = make_run()
    graph = document_graph(document, claims, "hash", run, base)
    for triple in run_triples(run, base, [document.source]):
        graph.add(triple)
    return graph


def test_mapped_claims_conform_and_use_only_declared_terms():
    graph = _mapped(LABOR_DOC, labor_claims())
    for triple in _mapped(DRONE_DOC, drone_claims()):
        graph.add(triple)
    report = validate_graph(graph)
    assert report.conforms, report.summary()
    assert undeclared_terms(graph) == []


def test_mapping_layout():
    graph = _mapped(LABOR_DOC, labor_claims())
    nk, zone = URIRef(actor_iri("North Korea")), URIRef(actor_iri("Alabuga Special Economic Zone"))
    china, russia = URIRef(actor_iri("China")), URIRef(actor_iri("Russia"))
    doc = URIRef(document_iri("labor.txt"))
    assert (nk, terms.AG.suppliesLaborTo, zone) in graph
    assert (nk, RDF.type, terms.AG.State) in graph and (zone, RDF.type, terms.AG.Facility) in graph
    assert (nk, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q423")) in graph
    # Symmetric relation stored once, in label order: "North Korea" < "Russia".
    assert (nk, terms.AG.meetsWith, russia) in graph and (russia, terms.AG.meetsWith, nk) not in graph
    # A negated claim keeps its Claim node but does not assert the edge.
    assert (china, terms.AG.suppliesWeaponsTo, russia) not in graph
    assert any(graph.triples((None, RDF.predicate, terms.AG.suppliesWeaponsTo)))
    claim = next(graph.subjects(RDF.predicate, terms.AG.suppliesLaborTo))
    assert graph.value(claim, terms.AG.confidence) == Literal("0.86", datatype=ns.XSD.decimal)
    assert graph.value(claim, terms.AG.eventDate) == Literal("2024-10", datatype=ns.XSD.gYearMonth)
    assert graph.value(claim, terms.AG.subjectRole) == Literal("workers")
    assert (doc, DCTERMS.issued, Literal("2024-10-05", datatype=ns.XSD.date)) in graph
    assert (doc, DCTERMS.source, URIRef("https://example.org/news/labor")) in graph


def test_duplicate_claims_collapse_to_the_most_confident():
    weak, strong = (Claim("A", "attacks", "B", "x.txt", char_start=0, char_end=5, confidence=c)
                    for c in (0.2, 0.9))
    graph = _mapped(LABOR_DOC, [weak, strong])
    assert list(graph.objects(None, terms.AG.confidence)) == [Literal("0.9", datatype=ns.XSD.decimal)]


def test_shacl_detects_broken_claims():
    claims = [Claim("North Korea", "supplies_labor_to", "Russia", "labor.txt",
                    confidence=1.5, modality="rumoured", char_start=10, char_end=2)]
    graph = _mapped(LABOR_DOC, claims)
    claim = next(graph.subjects(RDF.type, terms.AG.Claim))
    graph.remove((claim, RDF.subject, None))
    graph.add((claim, URIRef("http://example.org/madeUp"), Literal("x")))
    report = validate_graph(graph)
    assert not report.conforms
    paths = {v.path for v in report.violations}
    assert {str(terms.AG.confidence), str(terms.AG.modality), str(RDF.subject), str(terms.AG.charStart)} <= paths
    assert report.undeclared_terms == ["http://example.org/madeUp"]
    assert "Does not conform" in report.summary()
