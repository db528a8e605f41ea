"""Command-line interface (placeholder; filled in by the lead)."""
from __future__ import annotations


def main() -> None:
    raise SystemExit("not yet")
