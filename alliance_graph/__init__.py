"""alliance-graph: a knowledge-graph builder for geopolitical news.

Articles in; (actor, relation, actor) claims with evidence out, stored in RDF under a small
OWL ontology, queryable with networkx and SPARQL, browsable as a self-contained HTML graph.
"""
from __future__ import annotations

__version__ = "0.1.0"

from alliance_graph.errors import AllianceGraphError

__all__ = ["AllianceGraphError", "__version__"]
