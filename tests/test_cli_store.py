"""The store commands through typer's CliRunner: export, sparql, validate, push, --base-iri."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from alliance_graph.cli import app

from store_samples import LABOR_SENTENCE, filled_store, oxigraph_quads, rdflib_quads, store_union

runner = CliRunner()

ARTICLES = {
    "labor.txt": (
        "North Korea has sent thousands of workers to the Alabuga Special Economic Zone in "
        "Tatarstan, according to South Korea's intelligence service.\n\n"
        "Russia and North Korea signed a partnership treaty in Pyongyang."
    ),
    "drones.txt": (
        "The Alabuga plant produces Shahed drones for the Russian army.\n\n"
        "Ukraine attacked the Alabuga plant with long-range drones in April."
    ),
}

WHO_SUPPLIES_LABOR = (
    'SELECT DISTINCT ?supplier ?evidence ?source WHERE { '
    '?zone rdfs:label "Alabuga Special Economic Zone" . '
    '?claim a ag:Claim ; rdf:subject ?s ; rdf:predicate ag:suppliesLaborTo ; rdf:object ?zone ; '
    'ag:evidence ?evidence ; prov:wasDerivedFrom ?doc . '
    '?s rdfs:label ?supplier . ?doc dcterms:identifier ?source }'
)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    with filled_store(path):
        pass
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    """A real build of two invented articles under a custom base IRI."""
    root = tmp_path_factory.mktemp("built")
    articles = root / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    out = root / "out"
    args = ["build", str(articles), "--out", str(out), "--no-html",
            "--base-iri", "https://example.org/kg/"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return out, args


def test_export_every_format_to_stdout_and_file(sample_store, tmp_path):
    result = runner.invoke(app, ["export", "--store", str(sample_store), "-f", "ntriples"])
    assert result.exit_code == 0, result.output
    with filled_store(None) as reference:
        expected = store_union(reference)
    assert oxigraph_quads(result.stdout_bytes, "N_TRIPLES") == expected
    target = tmp_path / "graph.jsonld"
    result = runner.invoke(app, ["export", "--store", str(sample_store), "-f", "jsonld", "-o", str(target)])
    assert result.exit_code == 0, result.output
    graphs = {q.graph_name for q in ox.parse(target.read_bytes(), format=ox.RdfFormat.JSON_LD)}
    assert len(graphs) == 3  # two documents and the runs
    result = runner.invoke(app, ["export", "--store", str(sample_store), "-f", "yaml"])
    assert result.exit_code != 0


def test_sparql_answers_who_supplies_labor_in_every_format(sample_store, tmp_path):
    result = runner.invoke(app, ["sparql", WHO_SUPPLIES_LABOR, "--store", str(sample_store), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [(r["supplier"]["value"], r["evidence"]["value"], r["source"]["value"]) for r in rows] == [
        ("North Korea", LABOR_SENTENCE, "labor.txt")]
    query_file = tmp_path / "who.rq"
    query_file.write_text(WHO_SUPPLIES_LABOR)
    result = runner.invoke(app, ["sparql", str(query_file), "--store", str(sample_store)])
    assert result.exit_code == 0 and "North Korea" in result.stdout and "(1 row)" in result.stdout
    result = runner.invoke(app, ["sparql", "SELECT DISTINCT ?label ?a WHERE { ?a rdfs:label ?label }",
                                 "--bind", "label=Russia", "-f", "csv", "--store", str(sample_store)])
    assert result.stdout.splitlines() == ["label,a", "Russia,https://w3id.org/alliance-graph/id/actor/Russia"]


def test_store_errors_are_one_line_without_traceback(sample_store, tmp_path):
    result = runner.invoke(app, ["sparql", "SELEKT nonsense", "--store", str(sample_store)])
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["export", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "No store at" in result.output
    result = runner.invoke(app, ["push", "--endpoint", "http://127.0.0.1:9/store",
                                 "--user", "u", "--password-env", "AG_TEST_UNSET_VARIABLE",
                                 "--store", str(sample_store)])
    assert result.exit_code != 0 and "AG_TEST_UNSET_VARIABLE" in result.output


def test_validate_reports_conformance_and_violations(sample_store, tmp_path):
    result = runner.invoke(app, ["validate", "--store", str(sample_store)])
    assert result.exit_code == 0 and "Conforms" in result.stdout
    broken = tmp_path / "broken"
    with filled_store(broken) as store:
        store.oxigraph.update(
            "DELETE { GRAPH ?g { ?c ag:confidence ?x } } INSERT { GRAPH ?g { ?c ag:confidence 7.5 } } "
            "WHERE { GRAPH ?g { ?c ag:confidence ?x } }",
            prefixes={"ag": "https://w3id.org/alliance-graph/ontology#"})
    result = runner.invoke(app, ["validate", "--store", str(broken)])
    assert result.exit_code == 1
    assert "Does not conform" in result.stdout and "confidence" in result.stdout


def test_built_store_conforms_and_rebuild_changes_nothing(built):
    out, args = built
    store = out / "store"
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    before = runner.invoke(app, ["export", "-f", "nquads", "--store", str(store)]).stdout_bytes
    assert b"<https://example.org/kg/actor/North%20Korea>" in before
    assert runner.invoke(app, args).exit_code == 0
    after = runner.invoke(app, ["export", "-f", "nquads", "--store", str(store)]).stdout_bytes
    assert oxigraph_quads(after, "N_QUADS") == oxigraph_quads(before, "N_QUADS")
    turtle = (out / "graph.ttl").read_bytes()
    assert rdflib_quads(turtle, "turtle") == oxigraph_quads(turtle, "TURTLE")
    # Another base IRI on the same store is refused, with the one to use.
    result = runner.invoke(app, args[:-1] + ["https://other.example/"])
    assert result.exit_code == 1 and "https://example.org/kg/" in result.output
