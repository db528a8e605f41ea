"""Qualifiers of claims: modality, attribution, quantity, resource, date, confidence, offsets."""
from __future__ import annotations

import pytest

from alliance_graph.extract import Document, claims_for_text, extract_claims, split_text
from alliance_graph.extract.qualifiers import resolve_date


def claim(nlp, text: str, relation: str, **kwargs):
    found = [c for c in claims_for_text(nlp, text, **kwargs) if c.relation == relation]
    assert found, f"no {relation} claim in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "modality"), [
    ("Iran sent drones to Russia.", "asserted"),
    ("Iran reportedly sent drones to Russia.", "reported"),
    ("According to Ukrainian intelligence, Iran sent drones to Russia.", "reported"),
    ("Iran may send drones to Russia.", "possible"),
    ("Iran could be sending drones to Russia.", "possible"),
    ("Iran plans to send drones to Russia.", "planned"),
    ("Iran will send drones to Russia next year.", "planned"),
    ("Iran did not send drones to Russia.", "negated"),
    ("Iran denied sending drones to Russia.", "negated"),
    ("If Iran sends drones to Russia, Europe will respond.", "possible"),
    ("Moscow urged Tehran to send more drones to Russia.", "possible"),
    ("Germany warned Iran against sending drones to Russia.", "negated"),
    ("Iran refused to send drones to Russia.", "negated"),
    ("Officials disputed the report and said Iran had sent drones to Russia.", "reported"),
])
def test_modality(nlp, text, modality):
    assert claim(nlp, text, "supplies_weapons_to").modality == modality


def test_negated_claims_are_kept(nlp):
    found = claims_for_text(nlp, "Beijing has never supplied weapons to Moscow.")
    assert [(c.subject, c.object, c.modality) for c in found] == [("China", "Russia", "negated")]


def test_attribution_according_to(nlp):
    text = ("According to South Korea's National Intelligence Service, Pyongyang has sent "
            "about 3,000 more troops to Russia.")
    found = claim(nlp, text, "deploys_troops_to")
    assert found.attributed_to == "National Intelligence Service"
    assert found.modality == "reported"


def test_attribution_from_a_reporting_verb(nlp):
    found = claim(nlp, "Kyiv's military intelligence said Iran had shipped missiles to Russia.",
                  "supplies_weapons_to")
    assert found.modality == "reported" and found.attributed_to


def test_attribution_citing(nlp):
    found = claim(nlp, "Japanese media, citing diplomatic sources, said North Korea sent "
                       "workers to Russia.", "supplies_labor_to")
    assert found.attributed_to and "media" in found.attributed_to.lower()


def test_quantity_and_resource(nlp):
    found = claim(nlp, "North Korea has sent up to 12,000 workers to Russia.", "supplies_labor_to")
    assert found.quantity == "12,000"
    assert found.resource == "workers"
    shells = claim(nlp, "North Korea shipped thousands of artillery shells to Russia.",
                   "supplies_weapons_to")
    assert shells.quantity == "thousands"
    assert shells.resource == "artillery shells"


def test_absolute_and_relative_dates(nlp):
    absolute = claim(nlp, "On March 3, 2024, Iran shipped missiles to Russia.", "supplies_weapons_to")
    assert absolute.date == "2024-03-03"
    relative = claim(nlp, "Last month Iran shipped missiles to Russia.", "supplies_weapons_to",
                     published="2025-02-10")
    assert relative.date == "2025-01"
    unknown = claim(nlp, "Last month Iran shipped missiles to Russia.", "supplies_weapons_to")
    assert unknown.date is None


def test_resolve_date_forms():
    assert resolve_date("since September", "2024-11-14") == "2024-09"
    assert resolve_date("January", "2024-11-14") == "2024-01"
    assert resolve_date("December", "2024-11-14") == "2023-12"
    assert resolve_date("last year", "2024-11-14") == "2023"
    assert resolve_date("June 15", None) is None
    assert resolve_date("15 June 2023", None) == "2023-06-15"
    assert resolve_date("several weeks", "2024-11-14") is None


def test_confidence_reflects_hedging(nlp):
    sure = claim(nlp, "Iran sent drones to Russia.", "supplies_weapons_to").confidence
    hedged = claim(nlp, "Iran may have sent drones to Russia.", "supplies_weapons_to").confidence
    assert 0 < hedged < sure <= 1


def test_evidence_and_offsets_point_into_the_document(nlp):
    text = "A headline without a full stop\nIran sent drones to Russia. China bought oil from Russia."
    document = Document(id="doc-1", text=text)
    _, claims = next(extract_claims(nlp, [document]))
    assert claims
    for found in claims:
        assert text[found.char_start:found.char_end] == found.evidence
        assert "headline" not in found.evidence


def test_long_documents_are_chunked_and_offsets_shifted(nlp):
    paragraph = "Local news about weather and sport filled the page again.\n\n"
    text = paragraph * 20 + "Iran sent drones to Russia.\n\n" + paragraph * 5
    assert len(split_text(text, 300)) > 3
    document = Document(id="long", text=text)
    _, claims = next(extract_claims(nlp, [document], chunk_chars=300))
    assert [(c.subject, c.relation, c.object) for c in claims] == [("Iran", "supplies_weapons_to", "Russia")]
    assert text[claims[0].char_start:claims[0].char_end] == claims[0].evidence


def test_a_fact_repeated_in_one_document_is_one_claim(nlp):
    text = "Iran sent drones to Russia. Later, Iran reportedly sent more drones to Russia."
    found = [c for c in claims_for_text(nlp, text) if c.relation == "supplies_weapons_to"]
    assert len(found) == 1 and found[0].modality == "asserted"


def test_published_date_travels_through_worker_processes(nlp):
    documents = [Document(id=f"d{i}", text="Last month Iran shipped missiles to Russia.",
                          published="2025-02-10") for i in range(4)]
    results = list(extract_claims(nlp, documents, n_process=2, batch_size=2))
    assert [document.id for document, _ in results] == ["d0", "d1", "d2", "d3"]
    for document, claims in results:
        assert claims and claims[0].date == "2025-01" and claims[0].source == document.id


def test_money_is_a_quantity_not_a_resource(nlp):
    found = claim(nlp, "China will invest $5 billion in Russia's Amur region.", "invests_in")
    assert found.quantity == "$5 billion" and found.resource is None


def test_weekday_is_the_last_such_day_before_publication(nlp):
    found = claim(nlp, "On Wednesday Iran shipped missiles to Russia.", "supplies_weapons_to",
                  published="2025-05-08")  # a Thursday
    assert found.date == "2025-05-07"
    assert resolve_date("Thursday", "2025-05-08") == "2025-05-08"


def test_no_plans_is_negated(nlp):
    from alliance_graph.extract import claims_for_text

    claims = claims_for_text(nlp, "The Kremlin said Russia had no plans to send troops to Serbia.")
    assert claims and all(c.modality == "negated" for c in claims if c.relation == "deploys_troops_to")


@pytest.mark.parametrize("text", [
    "Moscow has not disclosed what, if anything, it will pay Pyongyang for the workers.",
    "The ministry declined to say how many shells North Korea had sent to Russia.",
    "It is unclear whether Iran will supply ballistic missiles to Russia.",
    "Officials did not say if China would send drones to Russia.",
])
def test_an_open_question_states_nothing(nlp, text):
    assert not claims_for_text(nlp, text)


def test_a_question_answered_is_a_claim(nlp):
    found = claim(nlp, "Officials said what North Korea had sent to Russia: shells and rockets.", "supplies_weapons_to")
    assert found.subject == "North Korea"
    found = claim(nlp, "Seoul said that North Korea had sent shells to Russia.", "supplies_weapons_to")
    assert found.modality == "reported"
