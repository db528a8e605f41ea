"""Graph-wide measures: who is central, which actors cluster together.

Both work on a collapsed view of the MultiDiGraph: one weighted edge per pair of actors,
weighted by corroboration (distinct sources), with symmetric relations counted both ways.
"""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from alliance_graph.errors import AllianceGraphError

__all__ = ["CENTRALITY_MEASURES", "centrality", "centrality_scores", "communities",
           "weighted_digraph"]

CENTRALITY_MEASURES: tuple[str, ...] = ("pagerank", "degree", "betweenness")


def weighted_digraph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """One edge per ordered pair, ``weight`` = summed distinct sources of its relations.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("A", "B", key="attacks", sources=["s1", "s2"], symmetric=False)
    'attacks'
    >>> g.add_edge("A", "B", key="meets_with", sources=["s3"], symmetric=True)
    'meets_with'
    >>> w = weighted_digraph(g)
    >>> w["A"]["B"]["weight"], w["B"]["A"]["weight"]
    (3, 1)
    """
    collapsed = nx.DiGraph()
    collapsed.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        weight = max(1, len(data.get("sources", ())))
        pairs = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
        for a, b in pairs:
            if collapsed.has_edge(a, b):
                collapsed[a][b]["weight"] += weight
            else:
                collapsed.add_edge(a, b, weight=weight)
    return collapsed


def _pagerank(graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10,
              max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration; networkx's own needs scipy, which we don't."""
    nodes = list(graph)
    if not nodes:
        return {}
    size = len(nodes)
    out_weight = {n: sum(d["weight"] for _, _, d in graph.out_edges(n, data=True)) for n in nodes}
    rank = dict.fromkeys(nodes, 1.0 / size)
    for _ in range(max_iter):
        # Rank held by actors with no outgoing edge is spread evenly, as in networkx.
        dangling = alpha * sum(rank[n] for n in nodes if out_weight[n] == 0) / size
        updated = dict.fromkeys(nodes, (1.0 - alpha) / size + dangling)
        for u, v, data in graph.edges(data=True):
            updated[v] += alpha * rank[u] * data["weight"] / out_weight[u]
        error = sum(abs(updated[n] - rank[n]) for n in nodes)
        rank = updated
        if error < size * tol:
            break
    return rank


def centrality_scores(graph: nx.MultiDiGraph, by: str = "pagerank") -> dict[str, float]:
    """Every actor's centrality score (see ``centrality``)."""
    measures: dict[str, Callable[[], dict[str, float]]] = {
        "pagerank": lambda: _pagerank(weighted_digraph(graph)),
        "degree": lambda: nx.degree_centrality(nx.Graph(weighted_digraph(graph))),
        "betweenness": lambda: nx.betweenness_centrality(nx.Graph(weighted_digraph(graph))),
    }
    if by not in measures:
        raise AllianceGraphError(
            f"Unknown centrality measure: {by!r}. Use one of: {', '.join(CENTRALITY_MEASURES)}")
    return measures[by]()


def centrality(graph: nx.MultiDiGraph, by: str = "pagerank",
               top: int | None = 10) -> list[tuple[str, float]]:
    """The most central actors, highest first.

    Parameters
    ----------
    by
        ``"pagerank"`` (weighted by corroboration, follows edge direction: who receives from
        well-connected actors), ``"degree"`` (share of other actors directly linked) or
        ``"betweenness"`` (how often an actor lies on shortest paths between others).
    top
        How many to return (None: all).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for state in ("North Korea", "Iran", "Belarus"):
    ...     _ = g.add_edge(state, "Russia", key="supplies_weapons_to", sources=["s"])
    >>> centrality(g, by="degree", top=1)
    [('Russia', 1.0)]
    >>> centrality(g, top=1)[0][0]
    'Russia'
    """
    scores = centrality_scores(graph, by)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:top] if top is not None else ranked


def communities(graph: nx.MultiDiGraph, *, seed: int = 42,
                resolution: float = 1.0) -> list[list[str]]:
    """Groups of actors more linked to each other than to the rest (Louvain), largest first.

    The seed makes the result repeatable; each community is sorted by name.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for a, b in [("A", "B"), ("B", "C"), ("A", "C"), ("X", "Y"), ("Y", "Z"), ("X", "Z")]:
    ...     _ = g.add_edge(a, b, key="cooperates_with", sources=["s"])
    >>> _ = g.add_edge("C", "X", key="attacks", sources=["s"])
    >>> communities(g)
    [['A', 'B', 'C'], ['X', 'Y', 'Z']]
    """
    undirected = nx.Graph(weighted_digraph(graph))
    if undirected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed,
                                             resolution=resolution)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group))
