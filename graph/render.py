"""The interactive HTML graph: one self-contained file that opens from ``file://`` offline.

vis-network's JavaScript and CSS (the copy bundled with pyvis) are inlined, so nothing is
fetched: pyvis's own ``cdn_resources="in_line"`` still loads Bootstrap and tom-select from
CDNs (pyvis issues #228, #229), hence our own template. Article strings travel only inside a
JSON ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and the page turns them into DOM text nodes, never markup.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from alliance_graph.extract.records import ACTOR_TYPES, RELATIONS
from alliance_graph.graph.analytics import centrality_scores
from alliance_graph.graph.network import relation_label
from alliance_graph.outputs import atomic_writer

__all__ = ["NODE_STYLES", "RELATION_COLORS", "graph_payload", "html_document", "render_html",
           "script_safe_json"]

VIS_VERSION = "9.1.2"

# Colour-blind-friendly Tableau 10 hues; shape and legend symbol repeat the type for print.
NODE_STYLES: dict[str, dict[str, str]] = {
    "State": {"color": "#4e79a7", "border": "#2b4c6f", "shape": "dot", "symbol": "\u25cf"},
    "Bloc": {"color": "#59a14f", "border": "#336630", "shape": "hexagon", "symbol": "\u2b22"},
    "Organization": {"color": "#f28e2b", "border": "#a85a0f", "shape": "square", "symbol": "\u25a0"},
    "Person": {"color": "#e15759", "border": "#992a2c", "shape": "triangle", "symbol": "\u25b2"},
    "Place": {"color": "#76b7b2", "border": "#3f7773", "shape": "triangleDown", "symbol": "\u25bc"},
    "Facility": {"color": "#b07aa1", "border": "#6f4464", "shape": "diamond", "symbol": "\u25c6"},
    "Product": {"color": "#edc948", "border": "#a88a1a", "shape": "star", "symbol": "\u2605"},
    "": {"color": "#9c9c9c", "border": "#5e5e5e", "shape": "dot", "symbol": "\u25cf"},
}

_PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#b5850b", "#e7969c", "#3182bd",
    "#31a354", "#969696", "#636363",
)
RELATION_COLORS: dict[str, str] = dict(zip(RELATIONS, _PALETTE))

# The page lists this many claims per edge (MAX_CLAIMS in templates/graph.html) and counts
# the rest, so a page of a large corpus does not carry every evidence sentence.
CLAIMS_SHOWN = 8

# Hedged claims are drawn fainter (and the weakest dashed), so the eye goes to firm ones.
_OPACITY = {"asserted": 1.0, "reported": 0.5, "planned": 0.5, "possible": 0.4, "negated": 0.3}
_DASHED = {"possible", "negated"}

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(value: Any) -> str:
    """JSON that can sit inside ``<script>`` whatever its strings say.

    Examples
    --------
    >>> script_safe_json({"evidence": "</script><script>alert(1)</script>"})
    '{"evidence": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _web_url(url: Any) -> str | None:
    """The URL if it is a plain http(s) link, else None (``javascript:`` never becomes a link)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _claim_payload(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "evidence": claim.get("evidence"), "source": claim.get("source"),
        "url": _web_url(claim.get("url")) or _web_url(claim.get("source")),
        "title": claim.get("title"), "date": claim.get("date") or claim.get("published"),
        "modality": claim.get("modality") or "asserted", "confidence": claim.get("confidence"),
        "attributed_to": claim.get("attributed_to"), "quantity": claim.get("quantity"),
        "resource": claim.get("resource"),
    }


def _options(node_count: int, edge_count: int) -> dict[str, Any]:
    """vis-network options: a short stabilization on big graphs, then physics is switched off."""
    large = node_count > 300
    return {
        "autoResize": True,
        "layout": {"improvedLayout": node_count <= 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "keyboard": False},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1.5,
                  "scaling": {"label": {"enabled": True, "drawThreshold": 6}}},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#444",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "smooth": False if large else {"enabled": True, "type": "dynamic"},
                  "arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 1.5},
        # ForceAtlas2 lays small graphs out compactly; Barnes-Hut is several times faster
        # per iteration, which is what keeps a 2,000-node page interactive within seconds.
        "physics": {
            "enabled": True, "solver": "barnesHut" if large else "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012,
                                 "springLength": 90, "springConstant": 0.08, "damping": 0.5,
                                 "avoidOverlap": 0.3},
            # A coarser Barnes-Hut (theta 0.9, no overlap term) is ~4x faster per iteration.
            "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                          "springLength": 170, "springConstant": 0.03, "damping": 0.35,
                          "avoidOverlap": 0, "theta": 0.9},
            "stabilization": {"enabled": True, "fit": True, "updateInterval": 50,
                              "iterations": 1000 if node_count <= 200 else
                              max(40, 80_000 // max(node_count, 1))},
        },
    }


def graph_payload(graph: nx.MultiDiGraph, *, title: str = "alliance-graph") -> dict[str, Any]:
    """Everything the page needs, as plain JSON-ready data (nodes, edges, styles, options).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("North Korea", label="North Korea", type="State")
    >>> g.add_node("Russia", label="Russia", type="State")
    >>> g.add_edge("North Korea", "Russia", key="supplies_weapons_to",
    ...            relation="supplies_weapons_to", sources=["a", "b"], claims=[])
    'supplies_weapons_to'
    >>> payload = graph_payload(g)
    >>> len(payload["nodes"]), payload["edges"][0]["relationLabel"], payload["edges"][0]["sourceCount"]
    (2, 'supplies weapons to', 2)
    """
    pagerank = centrality_scores(graph, "pagerank")
    top_rank = max(pagerank.values(), default=0.0) or 1.0
    ids = {node: index for index, node in enumerate(graph)}
    nodes = []
    type_counts: dict[str, int] = {}
    for node, attrs in graph.nodes(data=True):
        node_type = attrs.get("type") if attrs.get("type") in NODE_STYLES else ""
        type_counts[node_type] = type_counts.get(node_type, 0) + 1
        rank = pagerank.get(node, 0.0)
        nodes.append({
            "id": ids[node], "label": str(attrs.get("label") or node), "type": node_type,
            "qid": attrs.get("qid"), "aliases": list(attrs.get("aliases") or []),
            "pagerank": rank, "size": round(10 + 30 * math.sqrt(rank / top_rank), 2),
            "degree": graph.degree(node),
        })
    edges = []
    relation_counts: dict[str, int] = {}
    for index, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        relation = attrs.get("relation", key)
        relation_counts[relation] = relation_counts.get(relation, 0) + 1
        sources = attrs.get("sources") or []
        claims = attrs.get("claims") or []
        modality = attrs.get("modality") or "asserted"
        edges.append({
            "id": index, "from": ids[u], "to": ids[v], "fromLabel": nodes[ids[u]]["label"],
            "toLabel": nodes[ids[v]]["label"], "relation": relation,
            "relationLabel": relation_label(relation), "symmetric": bool(attrs.get("symmetric")),
            "sourceCount": len(sources), "confidence": attrs.get("confidence"),
            "modality": modality, "opacity": _OPACITY.get(modality, 1.0),
            "dashes": modality in _DASHED,
            "width": round(1 + 2 * math.log2(max(len(sources), 1)), 2),
            "claims": [_claim_payload(claim) for claim in claims[:CLAIMS_SHOWN]],
            "claimCount": attrs.get("claim_count", len(claims)),
        })
    relations = {
        relation: {"label": relation_label(relation),
                   "color": RELATION_COLORS.get(relation, "#555555"), "count": count}
        for relation, count in sorted(relation_counts.items(),
                                      key=lambda item: (RELATIONS.index(item[0])
                                                        if item[0] in RELATIONS else 99, item[0]))
    }
    types = {name: dict(NODE_STYLES[name], count=type_counts.get(name, 0))
             for name in (*ACTOR_TYPES, "")}
    return {"title": title, "nodes": nodes, "edges": edges, "relations": relations,
            "types": types, "options": _options(len(nodes), len(edges))}


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis installation, ready to inline."""
    base = resources.files("pyvis").joinpath("templates", "lib", f"vis-{VIS_VERSION}")
    script = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    style = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    # Belt and braces: neither file may end its own element early.
    script = re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)
    style = re.sub(r"</(style)", r"<\\/\1", style, flags=re.IGNORECASE)
    return script, style


def _template() -> str:
    return resources.files("alliance_graph.graph").joinpath("templates", "graph.html").read_text(
        encoding="utf-8")


def html_document(graph: nx.MultiDiGraph, *, title: str = "alliance-graph") -> str:
    """The whole self-contained HTML page for ``graph`` as a string."""
    import html

    script, style = _vis_assets()
    values = {"TITLE": html.escape(title), "VIS_CSS": style, "VIS_JS": script,
              "DATA": script_safe_json(graph_payload(graph, title=title))}
    # One pass, so text inside a substituted value is never substituted again.
    return re.sub(r"@@(TITLE|VIS_CSS|VIS_JS|DATA)@@", lambda m: values[m.group(1)], _template())


def render_html(graph: nx.MultiDiGraph, path: str | os.PathLike[str], *,
                title: str = "alliance-graph") -> Path:
    """Write the interactive graph to ``path`` (atomically) and return the path.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("Iran", "Russia", key="supplies_weapons_to", relation="supplies_weapons_to",
    ...            sources=["a"], claims=[{"evidence": "Iran sent drones.", "source": "a"}])
    'supplies_weapons_to'
    >>> out = render_html(g, Path(tempfile.mkdtemp()) / "graph.html")
    >>> out.name, "<script src" in out.read_text()
    ('graph.html', False)
    """
    target = Path(path)
    document = html_document(graph, title=title)
    with atomic_writer(target) as handle:
        handle.write(document)
    return target
