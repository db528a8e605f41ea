"""The shipped confidence calibration: well-formed, and it moves confidence the measured way."""
from __future__ import annotations

from alliance_graph.extract.calibration import PRIOR_WEIGHT, bucket_key, calibrated_strength, calibration_table
from alliance_graph.extract.records import ACTOR_TYPES, RELATIONS


def test_the_shipped_counts_name_real_relations_and_types():
    buckets = calibration_table()["buckets"]
    assert len(buckets) > 20
    for key, (matched, predicted) in buckets.items():
        relation, subject_type, object_type = key.split("|")
        assert relation in RELATIONS
        assert {subject_type, object_type} <= set(ACTOR_TYPES) | {"-"}
        assert 0 <= matched <= predicted


def test_strength_moves_from_the_frame_prior_toward_the_measured_precision():
    table = {"buckets": {bucket_key("represents", "Person", "State"): [95, 100],
                         bucket_key("represents", "Organization", "State"): [10, 100]}}
    person = calibrated_strength("represents", "Person", "State", 0.8, table)
    body = calibrated_strength("represents", "Organization", "State", 0.8, table)
    assert body < 0.8 < person < 0.95
    assert person == (95 + PRIOR_WEIGHT * 0.8) / (100 + PRIOR_WEIGHT)
    # never measured: the frame's own strength
    assert calibrated_strength("produces", "Facility", "Product", 0.7, table) == 0.7


def test_extracted_confidences_stay_in_range(nlp):
    from alliance_graph.extract import extract_claims
    from alliance_graph.extract.records import Document

    text = ("Iran shipped Shahed drones to Russia last year, officials said. "
            "Russia's Defence Ministry said the drones were used in Ukraine.")
    (_, claims), = extract_claims(nlp, [Document(id="c.txt", text=text)])
    for claim in claims:
        assert 0.05 <= claim.confidence <= 1.0
