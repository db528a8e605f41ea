"""The HTML graph in a real headless Chromium (Debian's), opened from file:// with no network.

Run with ``pytest -m browser``; skipped when /usr/bin/chromium is absent. Never runs
``playwright install``: Playwright drives the system browser through ``executable_path``.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from graph_samples import HOSTILE, HOSTILE_CLAIMS, HOSTILE_IMG, SAMPLE_CLAIMS, load_claims

from alliance_graph.graph.network import to_networkx
from alliance_graph.graph.render import render_html

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class PageLog:
    """What the page tried to do that it should not: fetches, dialogs, script errors."""

    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_graph(browser):
    """Open an HTML file offline: every non-file request is aborted and logged."""
    contexts = []

    def opener(path: Path) -> tuple:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        log = PageLog()

        def route(request_route) -> None:
            url = request_route.request.url
            if url.startswith("file:"):
                request_route.continue_()
            else:
                log.blocked.append(url)
                request_route.abort()

        context.route("**/*", route)
        page.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: log.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        # A function, not an expression string: Playwright evals expression strings, which
        # the page's Content-Security-Policy (rightly) forbids.
        page.wait_for_function("() => window.agReady === true", timeout=20_000)
        return page, log

    yield opener
    for context in contexts:
        context.close()


def graph_of(claims) -> nx.MultiDiGraph:
    store = load_claims(None, claims)
    try:
        return to_networkx(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory) -> tuple[nx.MultiDiGraph, Path]:
    graph = graph_of(SAMPLE_CLAIMS)
    return graph, render_html(graph, tmp_path_factory.mktemp("html") / "graph.html",
                              title="alliance-graph test")


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory) -> tuple[nx.MultiDiGraph, Path]:
    graph = graph_of({**SAMPLE_CLAIMS, **HOSTILE_CLAIMS})
    return graph, render_html(graph, tmp_path_factory.mktemp("hostile") / "graph.html",
                              title=HOSTILE_IMG)


def dom_point(page, node_ids: list[int]) -> tuple[float, float]:
    """Page coordinates of a node, or of the middle of two nodes (an edge)."""
    return page.evaluate("""(ids) => {
        const positions = window.agNetwork.getPositions(ids);
        const xs = ids.map(id => positions[id].x), ys = ids.map(id => positions[id].y);
        const middle = {x: xs.reduce((a, b) => a + b) / ids.length,
                        y: ys.reduce((a, b) => a + b) / ids.length};
        const point = window.agNetwork.canvasToDOM(middle);
        const box = document.getElementById("ag-graph").getBoundingClientRect();
        return [box.left + point.x, box.top + point.y];
    }""", node_ids)


def node_id(page, label: str) -> int:
    return page.evaluate("(label) => window.agData.nodes.find(n => n.label === label).id", label)


def test_graph_draws_offline_with_every_node_and_edge(open_graph, sample_html, artifacts_dir):
    graph, path = sample_html
    page, log = open_graph(path)
    counts = page.evaluate("[agNodes.length, agEdges.length, agEdgeView.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges(), graph.number_of_edges()]
    painted = page.evaluate("""() => {
        const canvas = document.querySelector("#ag-graph canvas");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++;
        }
        return painted;
    }""")
    assert painted > 2000, f"the canvas looks blank ({painted} painted pixels)"
    page.screenshot(path=str(artifacts_dir / "graph.png"))
    assert log.blocked == [] and log.errors == [] and log.dialogs == []


def test_relation_filter_hides_edges(open_graph, sample_html):
    graph, path = sample_html
    page, log = open_graph(path)
    total = graph.number_of_edges()
    weapons = sum(1 for _, _, key in graph.edges(keys=True) if key == "supplies_weapons_to")
    page.uncheck('input[data-relation="supplies_weapons_to"]')
    visible = page.evaluate("[agEdgeView.length, agNetwork.body.edgeIndices.length]")
    assert visible == [total - weapons, total - weapons]
    page.click("#ag-none")
    assert page.evaluate("agNetwork.body.edgeIndices.length") == 0
    page.click("#ag-all")
    assert page.evaluate("agNetwork.body.edgeIndices.length") == total
    assert log.errors == []


def test_search_box_finds_an_actor(open_graph, sample_html):
    _, path = sample_html
    page, _ = open_graph(path)
    page.fill("#ag-search", "north korea")
    page.press("#ag-search", "Enter")
    assert page.evaluate("agNetwork.getSelectedNodes()") == [node_id(page, "North Korea")]
    assert "State" in page.inner_text("#ag-details")
    page.fill("#ag-search", "Atlantis")
    page.press("#ag-search", "Enter")
    assert page.inner_text("#ag-search-status") == "not found"


def test_edge_tooltip_lists_claims_with_linked_sources(open_graph, sample_html):
    _, path = sample_html
    page, _ = open_graph(path)
    korea, zone = node_id(page, "North Korea"), node_id(page, "Alabuga Special Economic Zone")
    page.mouse.click(*dom_point(page, [korea, zone]))
    details = page.locator("#ag-details")
    assert "supplies labor to" in details.inner_text()
    assert "North Korea has sent thousands of workers" in details.inner_text()
    links = details.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert links == ["https://example.org/a", "https://news.example.com/b"]


def test_hostile_article_runs_nothing(open_graph, hostile_html, artifacts_dir):
    graph, path = hostile_html
    page, log = open_graph(path)
    assert page.evaluate("agNodes.length") == graph.number_of_nodes()
    attacker = node_id(page, HOSTILE_IMG)
    russia = node_id(page, "Russia")
    page.mouse.move(*dom_point(page, [attacker, russia]))  # the edge tooltip
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE in page.inner_text("div.vis-tooltip")
    page.mouse.click(*dom_point(page, [attacker, russia]))  # the details panel
    assert HOSTILE + HOSTILE_IMG in page.inner_text("#ag-details")
    page.screenshot(path=str(artifacts_dir / "hostile.png"))
    page.mouse.click(*dom_point(page, [attacker]))
    page.fill("#ag-search", HOSTILE)
    page.press("#ag-search", "Enter")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert log.dialogs == [] and log.blocked == [] and log.errors == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    # The hostile strings are shown as text, exactly as the article wrote them.
    assert HOSTILE in page.inner_text("#ag-details")
    assert page.title() == HOSTILE_IMG
    hrefs = page.evaluate("""() => {
        const found = [];
        window.agEdges.get().concat(window.agNodes.get()).forEach(item => {
            item.title.querySelectorAll("a").forEach(a => found.push(a.getAttribute("href")));
        });
        document.querySelectorAll("a").forEach(a => found.push(a.getAttribute("href")));
        return found;
    }""")
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)
