"""RDF store -> networkx views, analytics, query reports and the interactive HTML graph.

The everyday functions are re-exported here::

    from alliance_graph.graph import to_networkx, who, neighbors, paths, centrality, render_html
"""
from __future__ import annotations

from alliance_graph.graph.analytics import centrality, communities
from alliance_graph.graph.network import (
    Link,
    diff,
    ego,
    neighbors,
    paths,
    read_neighborhood,
    resolve_actor,
    subgraph,
    to_networkx,
    who,
    who_supplies,
)
from alliance_graph.graph.render import render_html

__all__ = ["Link", "centrality", "communities", "diff", "ego", "neighbors", "paths",
           "read_neighborhood", "render_html", "resolve_actor", "subgraph", "to_networkx", "who", "who_supplies"]
