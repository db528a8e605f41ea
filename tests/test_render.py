"""The HTML graph as a file: self-contained, and no article string can become markup."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from graph_samples import (
    HOSTILE,
    HOSTILE_CLAIMS,
    HOSTILE_IMG,
    SAMPLE_CLAIMS,
    SAMPLE_EDGE_COUNT,
    load_claims,
)

from alliance_graph.graph.network import to_networkx
from alliance_graph.graph.render import graph_payload, html_document, render_html, script_safe_json


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    store = load_claims(None, {**SAMPLE_CLAIMS, **HOSTILE_CLAIMS})
    try:
        return to_networkx(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return html_document(graph, title="Test <graph> & co")


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)
    assert match, "the data block is missing"
    return json.loads(match.group(1))


class TagCollector(HTMLParser):
    """The elements and attributes an HTML parser (like a browser's) sees in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed_tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = TagCollector()
    collector.feed(page)
    return collector.tags


def test_page_is_self_contained(page):
    tags = parsed_tags(page)
    assert not [attrs for _, attrs in tags if "src" in attrs]
    assert "link" not in {tag for tag, _ in tags}
    assert "@import" not in page
    assert "vis.Network" in page and "vis-network" in page  # the library is inline
    assert "default-src 'none'" in page  # the page's CSP forbids every fetch


def test_hostile_strings_never_appear_as_markup(page):
    assert HOSTILE not in page
    assert HOSTILE_IMG not in page
    assert "window.pwned" not in page.replace("window.pwned=1", "")  # only inside JSON escapes
    # The parser sees exactly the template's elements: the data closed no <script> early.
    tags = parsed_tags(page)
    scripts = [attrs.get("type") for tag, attrs in tags if tag == "script"]
    assert scripts == ["application/json", None, None]
    assert not {"img", "iframe", "object", "embed"} & {tag for tag, _ in tags}
    assert not [attrs for _, attrs in tags if any(name.startswith("on") for name in attrs)]
    assert "<title>Test &lt;graph&gt; &amp; co</title>" in page


def test_embedded_json_round_trips_the_article_strings(page, graph):
    data = embedded_data(page)
    labels = {node["label"] for node in data["nodes"]}
    assert HOSTILE_IMG in labels and HOSTILE in labels
    evidence = [claim["evidence"] for edge in data["edges"] for claim in edge["claims"]]
    assert HOSTILE + HOSTILE_IMG in evidence
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges() == SAMPLE_EDGE_COUNT + 2


def test_only_web_urls_become_links(page):
    data = embedded_data(page)
    urls = {claim["url"] for edge in data["edges"] for claim in edge["claims"]}
    assert urls == {None, "https://example.org/a", "https://news.example.com/b"}


def test_script_safe_json_escapes_everything_that_could_end_a_script():
    text = script_safe_json({"x": "</script>\u2028\u2029<!--&"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"x": "</script>\u2028\u2029<!--&"}


def test_styles_follow_type_pagerank_corroboration_and_modality(graph):
    data = graph_payload(graph)
    nodes = {node["label"]: node for node in data["nodes"]}
    assert nodes["Russia"]["size"] > nodes["Iran"]["size"]
    assert data["types"]["State"]["shape"] != data["types"]["Person"]["shape"]
    edges = {(e["fromLabel"], e["relation"], e["toLabel"]): e for e in data["edges"]}
    labor = edges["North Korea", "supplies_labor_to", "Alabuga Special Economic Zone"]
    weapons = edges["North Korea", "supplies_weapons_to", "Russia"]
    maybe = edges["Russia", "transfers_technology_to", "North Korea"]
    assert labor["width"] > weapons["width"]  # two sources against one
    assert labor["opacity"] == 1.0 and weapons["opacity"] < 1.0  # reported is fainter
    assert maybe["dashes"] and maybe["opacity"] < weapons["opacity"]
    assert edges["Choe Son Hui", "meets_with", "Sergei Lavrov"]["symmetric"]
    assert data["relations"]["supplies_weapons_to"]["count"] == 2
    assert len({info["color"] for info in data["relations"].values()}) == len(data["relations"])


def test_render_html_writes_the_file(tmp_path, graph):
    target = render_html(graph, tmp_path / "out" / "graph.html", title="t")
    assert target == tmp_path / "out" / "graph.html"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temp file left


def test_an_empty_graph_renders(tmp_path):
    target = render_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    assert embedded_data(target.read_text(encoding="utf-8"))["nodes"] == []


def test_a_page_carries_a_few_claims_per_edge_and_counts_the_rest():
    from alliance_graph.graph.render import CLAIMS_SHOWN

    claims = [{"evidence": f"Iran sent drones, report {n}.", "source": f"s{n}", "modality": "asserted"}
              for n in range(CLAIMS_SHOWN + 5)]
    g = nx.MultiDiGraph()
    g.add_edge("Iran", "Russia", key="supplies_weapons_to", relation="supplies_weapons_to",
               sources=[c["source"] for c in claims], claims=claims, claim_count=40)
    edge = graph_payload(g)["edges"][0]
    assert len(edge["claims"]) == CLAIMS_SHOWN and edge["claimCount"] == 40
    assert f"var MAX_CLAIMS = {CLAIMS_SHOWN};" in html_document(g)
