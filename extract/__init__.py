"""Text -> claims: the spaCy pipeline with alliance-graph's components, and its records."""
from __future__ import annotations

from alliance_graph.extract.extractor import claims_for_text, extract_claims, load_pipeline, split_text
from alliance_graph.extract.readers import iter_documents
from alliance_graph.extract.records import Claim, Document

__all__ = ["Claim", "Document", "claims_for_text", "extract_claims", "iter_documents", "load_pipeline", "split_text"]
