"""Small invented articles and their claims, for the graph, render, browser and CLI tests.

Not a test module: ``test_graph_queries``, ``test_render``, ``test_browser`` and
``test_cli_graph`` import it. The sentences are written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from alliance_graph.extract.records import Claim, Document

ARTICLE_A = Document(
    id="a.txt", text="(text)", title="Workers for the drone plant", url="https://example.org/a",
    published="2024-06-01", outlet="Example Times")
ARTICLE_B = Document(
    id="b.txt", text="(text)", title="Shells and know-how", url="https://news.example.com/b",
    published="2024-11-15", outlet="Example News")
ARTICLE_C = Document(id="c.txt", text="(text)", title="Drones and diplomacy", published="2023-03-10")

_NK = dict(subject_type="State", subject_qid="Q423")


def _claim(document: Document, subject: str, relation: str, obj: str, evidence: str,
           **qualifiers) -> Claim:
    qualifiers.setdefault("confidence", 0.8)
    return Claim(subject=subject, relation=relation, object=obj, source=document.id,
                 evidence=evidence, char_start=0, char_end=len(evidence), **qualifiers)


SAMPLE_CLAIMS: dict[Document, list[Claim]] = {
    ARTICLE_A: [
        _claim(ARTICLE_A, "North Korea", "supplies_labor_to", "Alabuga Special Economic Zone",
               "North Korea has sent thousands of workers to the Alabuga Special Economic Zone.",
               object_type="Facility", quantity="thousands", resource="workers",
               confidence=0.9, **_NK),
        _claim(ARTICLE_A, "Alabuga Special Economic Zone", "produces", "Shahed drone",
               "The Alabuga plant assembles Shahed drones.", subject_type="Facility",
               object_type="Product"),
        _claim(ARTICLE_A, "Alabuga Special Economic Zone", "located_in", "Tatarstan",
               "The zone lies in Tatarstan.", subject_type="Facility", object_type="Place"),
    ],
    ARTICLE_B: [
        _claim(ARTICLE_B, "North Korea", "supplies_weapons_to", "Russia",
               "Pyongyang reportedly shipped artillery shells to Moscow.", object_type="State",
               object_qid="Q159", modality="reported", resource="artillery shells",
               attributed_to="South Korean intelligence", confidence=0.7, **_NK),
        _claim(ARTICLE_B, "North Korea", "supplies_labor_to", "Alabuga Special Economic Zone",
               "More North Korean laborers were sent to Alabuga.", object_type="Facility",
               modality="reported", confidence=0.6, **_NK),
        _claim(ARTICLE_B, "Russia", "transfers_technology_to", "North Korea",
               "Russia may share missile technology with North Korea.", subject_type="State",
               subject_qid="Q159", object_type="State", object_qid="Q423", modality="possible",
               confidence=0.5),
    ],
    ARTICLE_C: [
        _claim(ARTICLE_C, "Iran", "supplies_weapons_to", "Russia",
               "Iran delivered Shahed drones to Russia.", subject_type="State",
               subject_qid="Q794", object_type="State", object_qid="Q159", confidence=0.85),
        _claim(ARTICLE_C, "Sergei Lavrov", "meets_with", "Choe Son Hui",
               "Sergei Lavrov met Choe Son Hui in Moscow.", subject_type="Person",
               object_type="Person", date="2023-03-08"),
        _claim(ARTICLE_C, "China", "supplies_weapons_to", "Russia",
               "China denied that it supplies weapons to Russia.", subject_type="State",
               subject_qid="Q148", object_type="State", object_qid="Q159", modality="negated"),
    ],
}

# After the default filter (negated claims left out): the actors and edges of the sample graph.
SAMPLE_NODES = {"North Korea", "Alabuga Special Economic Zone", "Shahed drone", "Tatarstan",
                "Russia", "Iran", "Sergei Lavrov", "Choe Son Hui"}
SAMPLE_EDGE_COUNT = 7

HOSTILE = "</script><script>window.pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.pwned=1">'
ARTICLE_HOSTILE = Document(
    id="javascript:window.pwned=1", text="(text)", title=HOSTILE_IMG,
    url="javascript:window.pwned=1", published="2024-01-01", outlet=HOSTILE)
HOSTILE_CLAIMS: dict[Document, list[Claim]] = {
    ARTICLE_HOSTILE: [
        _claim(ARTICLE_HOSTILE, HOSTILE_IMG, "attacks", "Russia", HOSTILE + HOSTILE_IMG,
               subject_type="Organization", object_type="State", attributed_to=HOSTILE_IMG,
               resource=HOSTILE, quantity="\u2028" + HOSTILE),
        _claim(ARTICLE_HOSTILE, "Iran", "cooperates_with", HOSTILE,
               "Iran works with " + HOSTILE, subject_type="State", object_type="Organization"),
    ],
}


def load_claims(directory: Path | None, claims: dict[Document, list[Claim]]):
    """A real ClaimStore (Oxigraph; in memory when ``directory`` is None) holding ``claims``."""
    from alliance_graph.ontology.mapping import RunInfo
    from alliance_graph.ontology.store import ClaimStore

    store = ClaimStore(directory)
    run = RunInfo.start("test")
    store.replace_documents(
        [(document, list(found), f"hash-{document.id}") for document, found in claims.items()],
        run)
    return store
