"""Benchmark: a synthetic 2,000-node graph -> graph.html -> interactive in headless Chromium.

    .venv/bin/python bench/render_bench.py [--nodes 2000] [--edges 4000] [--runs 3]

Measures (goal in brackets) the time to write the HTML file [< 5 s] and the time from
opening it (file://, no network) until physics has stabilized and been frozen, i.e. the page
answers clicks [< 5 s], then the time of one full redraw of the frozen graph [< 0.5 s]
(how responsive panning and zooming stay). Prints the figures with their goals and exits 1
on a miss, 2 when Chromium or Playwright is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from alliance_graph.extract.records import ACTOR_TYPES, MODALITIES, RELATIONS, SYMMETRIC_RELATIONS
from alliance_graph.graph.render import render_html

GOALS = {"write_html_s": 5.0, "interactive_s": 5.0, "redraw_s": 0.5}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic_graph(nodes: int, edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free-ish actor graph with realistic claims (evidence, sources, dates)."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(nodes, max(1, edges // nodes), seed=seed)
    graph = nx.MultiDiGraph()
    for node in skeleton:
        graph.add_node(f"Actor {node}", label=f"Actor {node}", type=rng.choice(ACTOR_TYPES),
                       qid=f"Q{1000 + node}", aliases=[])
    pairs = list(skeleton.edges())
    while len(pairs) < edges:
        pairs.append((rng.randrange(nodes), rng.randrange(nodes)))
    for a, b in pairs[:edges]:
        if a == b:
            continue
        relation = rng.choice(RELATIONS)
        sources = sorted({f"https://news.example.org/{rng.randrange(5000)}"
                          for _ in range(rng.choice((1, 1, 1, 2, 3)))})
        claims = [{
            "subject": f"Actor {a}", "relation": relation, "object": f"Actor {b}",
            "source": source, "url": source, "title": f"Article {source[-4:]}",
            "evidence": f"Actor {a} {relation.replace('_', ' ')} Actor {b}, officials said "
                        "on Tuesday, citing documents seen by reporters.",
            "confidence": round(rng.uniform(0.4, 0.95), 2),
            "modality": rng.choice(MODALITIES[:4]), "date": f"2024-{rng.randint(1, 12):02d}-01",
        } for source in sources]
        graph.add_edge(f"Actor {a}", f"Actor {b}", key=relation, relation=relation,
                       claims=claims, sources=sources, source_count=len(sources),
                       confidence=max(c["confidence"] for c in claims),
                       modality=claims[0]["modality"], symmetric=relation in SYMMETRIC_RELATIONS)
    return graph


def measure_browser(html: Path, chromium: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def route(request_route) -> None:
            if request_route.request.url.startswith("file:"):
                request_route.continue_()
            else:
                blocked.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        started = time.perf_counter()
        page.goto(html.resolve().as_uri())
        # A function, not an expression string, which the page's CSP would refuse to eval.
        page.wait_for_function("() => window.agReady === true", timeout=60_000, polling=20)
        interactive = time.perf_counter() - started
        redraw = page.evaluate("""() => {
            const t0 = performance.now();
            window.agNetwork.redraw();
            return (performance.now() - t0) / 1000;
        }""")
        counts = page.evaluate("[agNodes.length, agEdges.length]")
        browser.close()
    if blocked:
        raise SystemExit(f"the page tried to fetch: {blocked}")
    return {"interactive_s": interactive, "redraw_s": redraw, "nodes": counts[0],
            "edges": counts[1]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--keep", type=Path, help="also copy the HTML file here")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"chromium not found at {args.chromium}", file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("playwright is not installed (pip install playwright; never `playwright install`)",
              file=sys.stderr)
        return 2

    graph = synthetic_graph(args.nodes, args.edges)
    figures: dict[str, list[float]] = {name: [] for name in GOALS}
    with tempfile.TemporaryDirectory() as scratch:
        html = Path(scratch) / "graph.html"
        for _ in range(args.runs):
            started = time.perf_counter()
            render_html(graph, html, title="render benchmark")
            figures["write_html_s"].append(time.perf_counter() - started)
            browser = measure_browser(html, args.chromium)
            figures["interactive_s"].append(browser["interactive_s"])
            figures["redraw_s"].append(browser["redraw_s"])
        size_mb = html.stat().st_size / 1e6
        if args.keep:
            shutil.copy(html, args.keep)

    # Other work on the machine slows the browser's layout: the load average says how much.
    load = os.getloadavg()[0]
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; "
          f"graph.html {size_mb:.1f} MB; median of {args.runs} runs; "
          f"{os.cpu_count()} CPUs, load average {load:.1f}; chromium {args.chromium}")
    missed = []
    report = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
              "html_mb": round(size_mb, 2), "cpus": os.cpu_count(), "load_average": load}
    for name, goal in GOALS.items():
        value = statistics.median(figures[name])
        report[name] = round(value, 3)
        ok = value < goal
        missed += [] if ok else [name]
        print(f"  {name:<14} {value:7.3f} s   goal < {goal:g} s   {'ok' if ok else 'MISSED'}")
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    (results / "render_bench.json").write_text(json.dumps(report, indent=2) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
