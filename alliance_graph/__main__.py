"""``python -m alliance_graph`` runs the CLI."""
from alliance_graph.cli import main

main()
