"""Exports in every format, parsed back by rdflib and pyoxigraph; SPARQL result formatting."""
from __future__ import annotations

import csv
import io
import json

import pytest

from alliance_graph.errors import InputError
from alliance_graph.ontology.exports import EXPORT_FORMATS, format_result, serialize_store

from store_samples import filled_store, oxigraph_quads, rdflib_quads, store_quads, store_union

# rdflib's own TriG/N-Quads/JSON-LD parsers use its deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")


@pytest.fixture(scope="module")
def store():
    with filled_store(None) as store:
        yield store


@pytest.mark.parametrize("name", sorted(EXPORT_FORMATS))
def test_every_format_parses_back_to_the_store_content(store, name):
    fmt = EXPORT_FORMATS[name]
    data = serialize_store(store, name)
    expected = store_quads(store) if fmt.keeps_graphs else store_union(store)
    assert rdflib_quads(data, fmt.rdflib_name) == expected
    assert oxigraph_quads(data, fmt.oxigraph_name) == expected


def test_turtle_is_the_union_and_nquads_keeps_the_graphs(store):
    turtle = serialize_store(store, "turtle").decode()
    nquads = serialize_store(store, "nquads").decode()
    assert "GRAPH" not in turtle and "@prefix ag:" in turtle
    # The Alabuga actor is typed in both documents' graphs: twice in N-Quads, once in Turtle.
    zone = "<https://w3id.org/alliance-graph/id/actor/Alabuga%20Special%20Economic%20Zone>"
    assert sum(1 for line in nquads.splitlines() if line.startswith(zone + " <http://www.w3.org/2000/01/rdf-schema#label>")) == 2
    assert len(store_union(store)) < len(store_quads(store))
    # streamed graph by graph, yet each triple of the union written once
    lines = [line for line in serialize_store(store, "ntriples").decode().splitlines() if line]
    assert len(lines) == len(set(lines)) == len(store_union(store))


def test_export_to_a_path_a_text_stream_and_bad_format(store, tmp_path):
    target = tmp_path / "graph.trig"
    store.export("trig", target)
    assert oxigraph_quads(target.read_bytes(), "TRIG") == store_quads(store)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]  # no temporary file left
    text = io.StringIO()
    store.export("ntriples", text)
    assert oxigraph_quads(text.getvalue().encode(), "N_TRIPLES") == store_union(store)
    store.export("ttl", tmp_path / "alias.ttl")  # aliases are accepted
    with pytest.raises(InputError, match="Unknown export format"):
        store.export("yaml", tmp_path / "x.yaml")
    with pytest.raises(InputError, match="does not exist"):
        store.export("turtle", tmp_path / "missing" / "x.ttl")


QUERY = """SELECT DISTINCT ?actor ?label WHERE { ?actor a ag:State ; rdfs:label ?label }
ORDER BY ?label"""


def test_result_formats(store):
    table = format_result(store.query(QUERY), "table")
    assert table.splitlines()[0].split() == ["actor", "label"]
    assert "actor:North%20Korea" in table and table.endswith("(3 rows)")
    rows = list(csv.reader(io.StringIO(format_result(store.query(QUERY), "csv"))))
    assert rows[0] == ["actor", "label"]
    assert [r[1] for r in rows[1:]] == ["China", "North Korea", "Russia"]
    data = json.loads(format_result(store.query(QUERY), "json"))
    assert data["head"]["vars"] == ["actor", "label"]
    assert data["results"]["bindings"][0]["label"]["value"] == "China"
    assert format_result(store.query("ASK { ?s a ag:Claim }"), "table") == "true"
    assert "ag:Claim" in format_result(
        store.query("CONSTRUCT { ?c a ag:Claim } WHERE { ?c a ag:Claim }"), "table")
    with pytest.raises(InputError):
        format_result(store.query(QUERY), "xlsx")
