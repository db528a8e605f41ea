"""Pushing to a real ``oxigraph serve`` (PyPI ``oxigraph``) over the Graph Store Protocol."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from alliance_graph.errors import InputError, StoreError
from alliance_graph.ontology.exports import push_store

from store_samples import LABOR_SENTENCE, filled_store, store_quads


def _oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph") or Path(sys.prefix, "bin", "oxigraph")
    return str(found) if Path(found).exists() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server (pip install oxigraph) is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _select(server: str, query: str) -> list[dict[str, str]]:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        server + "/query", data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        data = json.load(response)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def test_push_sends_every_named_graph_and_the_server_answers(server):
    with filled_store(None) as store:
        report = push_store(store, server + "/store", include_ontology=True)
        pushed = store_quads(store)
        graphs = store.named_graphs()
    assert report.graphs == len(graphs) + 1 and report.triples == len(pushed)

    remote = _select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {row["g"] for row in remote} == set(graphs) | {"https://w3id.org/alliance-graph/ontology"}
    rows = _select(server, """
        PREFIX ag: <https://w3id.org/alliance-graph/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?supplier ?evidence ?source WHERE { GRAPH ?g {
          ?claim rdf:predicate ag:suppliesLaborTo ; rdf:subject ?s ; rdf:object ?zone ;
                 ag:evidence ?evidence ; prov:wasDerivedFrom ?doc .
          ?zone rdfs:label "Alabuga Special Economic Zone" .
          ?s rdfs:label ?supplier . ?doc dcterms:identifier ?source } }""")
    assert rows == [{"supplier": "North Korea", "evidence": LABOR_SENTENCE, "source": "labor.txt"}]
    count = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            "FILTER(?g != <https://w3id.org/alliance-graph/ontology>) }")
    assert int(count[0]["n"]) == len(pushed)

    # PUT replaces: pushing again leaves the same number of statements. (Oxigraph ignores
    # the Basic credentials; Fuseki and GraphDB check them.)
    with filled_store(None) as store:
        push_store(store, server + "/store", user="analyst", password="secret")
    again = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            "FILTER(?g != <https://w3id.org/alliance-graph/ontology>) }")
    assert again == count


def test_push_errors_are_clear(server):
    with filled_store(None) as store:
        with pytest.raises(StoreError, match="HTTP 404"):
            push_store(store, server + "/no-such-endpoint")
        with pytest.raises(StoreError, match="Cannot reach"):
            push_store(store, f"http://127.0.0.1:{_free_port()}/store", timeout=5)
        with pytest.raises(InputError, match="http"):
            push_store(store, "ftp://example.org/store")


def test_push_command(server, tmp_path):
    from typer.testing import CliRunner

    from alliance_graph.cli import app

    store_dir = tmp_path / "store"
    with filled_store(store_dir):
        pass
    result = CliRunner().invoke(app, [
        "push", "--endpoint", server + "/store", "--store", str(store_dir),
        "--user", "analyst", "--password-env", "AG_TEST_PASSWORD"], env={"AG_TEST_PASSWORD": "secret"})
    assert result.exit_code == 0, result.output
    assert "pushed 3 graphs" in result.output
    sources = _select(server, "SELECT DISTINCT ?source WHERE { GRAPH ?g { ?g "
                              "<http://purl.org/dc/terms/identifier> ?source } }")
    assert {row["source"] for row in sources} == {"labor.txt", "drones.txt"}
