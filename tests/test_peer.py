"""The textacy subject-verb-object peer used as the evaluation's baseline."""
from __future__ import annotations

import sys

import pytest

from alliance_graph.extract.records import Document

pytest.importorskip("textacy", reason="the peer needs the optional 'peer' extra (textacy)")

from alliance_graph.extract.peer import PeerUnavailableError, peer_claims  # noqa: E402


@pytest.fixture(scope="module")
def peer_nlp():
    """The plain spaCy pipeline the peer parses with."""
    from alliance_graph.extract.peer import load_peer_pipeline

    return load_peer_pipeline()


def run(peer_nlp, text: str) -> list[tuple[str, str, str, str | None]]:
    [(_, claims)] = list(peer_claims([Document("doc-1", text)], nlp=peer_nlp))
    return [(c.subject, c.relation, c.object, c.modality) for c in claims]


def test_svo_triple_becomes_a_claim_through_gazetteer_and_lexicon(peer_nlp) -> None:
    text = "Iran supplies Russia with drones."
    [(_, [claim])] = list(peer_claims([Document("doc-1", text)], nlp=peer_nlp))
    assert (claim.subject, claim.relation, claim.object) == ("Iran", "supplies_weapons_to", "Russia")
    assert claim.source == "doc-1" and claim.modality == "asserted"
    assert text[claim.char_start:claim.char_end] == claim.evidence == text


def test_prepositional_recipient_is_beyond_a_naive_svo_peer(peer_nlp) -> None:
    # textacy's object of "supplies drones to Russia" is "drones", which names no actor:
    # the peer is honest about what SVO triples give, and yields nothing here.
    assert run(peer_nlp, "Iran supplies drones to Russia.") == []


def test_coordinated_subjects_give_one_claim_each(peer_nlp) -> None:
    claims = run(peer_nlp, "North Korea and China supply Russia with artillery shells.")
    assert ("North Korea", "supplies_weapons_to", "Russia", "asserted") in claims
    assert ("China", "supplies_weapons_to", "Russia", "asserted") in claims


def test_passive_and_metonymy_are_turned_around(peer_nlp) -> None:
    assert run(peer_nlp, "Kyiv was attacked by Russia.") == [("Russia", "attacks", "Ukraine", "asserted")]


def test_negated_verb_gives_a_negated_claim(peer_nlp) -> None:
    claims = run(peer_nlp, "The United States did not sanction Iran.")
    assert claims == [("United States", "sanctions", "Iran", "negated")]


def test_offsets_are_document_offsets_across_paragraphs(peer_nlp) -> None:
    text = "A quiet week.\n\nThe European Union sanctioned Iran on Monday."
    [(_, [claim])] = list(peer_claims([Document("doc-2", text)], nlp=peer_nlp))
    assert text[claim.char_start:claim.char_end] == claim.evidence
    assert (claim.subject, claim.relation, claim.object) == ("European Union", "sanctions", "Iran")


def test_missing_textacy_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "textacy.extract", None)  # as if not installed
    with pytest.raises(PeerUnavailableError, match=r"alliance-graph\[peer\]"):
        list(peer_claims([Document("doc-1", "Iran supplies Russia with drones.")]))
