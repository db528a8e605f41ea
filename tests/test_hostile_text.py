"""Hostile text cannot break the RDF, the HTML or the queries (issue 7).

Scraped articles carry markup, ``</script>``, ``javascript:`` URLs, bidi controls,
zero-width characters, absurdly long tokens, and actor names with every character IRIs
forbid. Whatever comes in: minted IRIs are valid, every export parses back to the same
triples, the HTML page runs none of it, and user input reaches SPARQL as bound values only.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_graph.extract.records import Claim, Document
from alliance_graph.ontology.iris import actor_iri, claim_iri, document_iri, normalize_label

INJECTION = 'x" } ; DROP ALL ; #'
BIDI = "\u202eaibmoloC\u202c"           # right-to-left override: displays as "Colombia"
ZERO_WIDTH = "Rus\u200bsia\u200d"
LONG_TOKEN = "A" * 10_000
UGLY_NAMES = ['Acme <Arms> "Ltd" {x}|^`\\', "Line\nBreak\r\nCorp", INJECTION,
              "</script><script>window.pwned=1</script>", BIDI, ZERO_WIDTH,
              "javascript:alert(1)", "%41 ../..", "_:b0", "<http://evil/>", "'; --"]
HOSTILE_ARTICLE = (
    "<p onclick=\"alert(1)\">North Korea sent workers to Russia.</p>\n"
    "</script><script>window.pwned = 1</script> Iran supplied drones to Russia.\n"
    "See <a href=\"javascript:window.pwned=1\">javascript:window.pwned=1</a> for more.\n"
    f"China {BIDI} traded with {ZERO_WIDTH} in 2024.\n"
    f"{LONG_TOKEN} North Korea deployed troops to Kursk.\n"
    "Acme <Arms> \"Ltd\" {x}|^`\\ supplied shells to Russia.\n"
)
RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")

label_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60).filter(
    lambda s: normalize_label(s) != "")


def valid_iri(iri: str) -> bool:
    import pyoxigraph
    from rdflib.term import _is_valid_uri

    pyoxigraph.NamedNode(iri)  # raises ValueError for an invalid IRI
    return _is_valid_uri(iri) and iri.isascii()


# --- IRI minting: property tests -------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(label=label_text)
def test_actor_and_document_iris_are_always_valid(label: str) -> None:
    assert valid_iri(actor_iri(label))
    assert valid_iri(document_iri(label))
    assert valid_iri(claim_iri(label, label, "attacks", label, 0, 10))


@settings(max_examples=400, deadline=None)
@given(a=label_text, b=label_text)
def test_actor_iris_are_injective_on_normalized_labels(a: str, b: str) -> None:
    assert (actor_iri(a) == actor_iri(b)) == (normalize_label(a) == normalize_label(b))


@pytest.mark.parametrize("name", UGLY_NAMES)
def test_ugly_names_mint_valid_iris(name: str) -> None:
    assert valid_iri(actor_iri(name)) and valid_iri(document_iri(name))


# --- the store and its exports: hostile labels and text round-trip ---------------------------


def hostile_store(directory: Path | None, names: list[str], text: str = HOSTILE_ARTICLE):
    """A real ClaimStore holding one hostile document whose claims link every ugly name."""
    from alliance_graph.ontology.mapping import RunInfo
    from alliance_graph.ontology.store import ClaimStore

    document = Document(id=INJECTION, text=text, title=names[0], url=None, outlet=names[-1])
    claims = [Claim(subject=name, relation="supplies_weapons_to", object=names[i - 1],
                    source=document.source, subject_type="Organization", object_type="State",
                    evidence=text[:200] + name, char_start=0, char_end=200 + len(name),
                    confidence=0.5, resource=name, quantity=name, attributed_to=name)
              for i, name in enumerate(names)]
    store = ClaimStore(directory)
    store.replace_documents([(document, claims, "hash")], RunInfo.start("test"))
    return store


def reparse(data: bytes, fmt: str):
    """Parse an export with rdflib (every format) into a Dataset."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    rdflib_format = {"ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
    dataset.parse(data=data, format=rdflib_format)
    return dataset


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_exports_of_hostile_names_parse_back_to_the_same_labels(fmt: str) -> None:
    from rdflib import RDFS

    store = hostile_store(None, UGLY_NAMES)
    try:
        output = io.BytesIO()
        store.export(fmt, output)
        labels = {str(o) for _, _, o in reparse(output.getvalue(), fmt).triples((None, RDFS.label, None))}
    finally:
        store.close()
    expected = {normalize_label(name) for name in UGLY_NAMES}
    assert expected <= labels


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(label_text, min_size=2, max_size=4, unique_by=normalize_label),
       text=st.text(min_size=1, max_size=300))
def test_any_labels_and_text_round_trip_through_ntriples_and_turtle(names: list[str], text: str) -> None:
    import pyoxigraph

    store = hostile_store(None, names, text)
    try:
        originals = set(pyoxigraph.parse(_export(store, "ntriples"), format=pyoxigraph.RdfFormat.N_TRIPLES))
        from_turtle = set(pyoxigraph.parse(_export(store, "turtle"), format=pyoxigraph.RdfFormat.TURTLE))
    finally:
        store.close()
    assert originals == from_turtle
    labels = {t.object.value for t in originals if t.predicate.value.endswith("#label")}
    assert {normalize_label(n) for n in names} <= labels


def _export(store, fmt: str) -> bytes:
    output = io.BytesIO()
    store.export(fmt, output)
    return output.getvalue()


# --- SPARQL: user input is bound, never pasted ---------------------------------------------


def test_store_query_binds_an_injection_as_a_plain_value() -> None:
    from rdflib import Literal

    store = hostile_store(None, UGLY_NAMES)
    try:
        before = len(store.oxigraph)
        rows = list(store.query("SELECT ?label ?actor WHERE { ?actor rdfs:label ?label }",
                                {"label": Literal(INJECTION)}))
        assert len(rows) == 1 and str(rows[0][0]) == INJECTION
        assert list(store.query("SELECT ?label ?actor WHERE { ?actor rdfs:label ?label }",
                                {"label": Literal('nobody" } UNION { ?actor ?p ?label')})) == []
        assert len(store.oxigraph) == before
    finally:
        store.close()
