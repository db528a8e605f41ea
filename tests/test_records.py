from __future__ import annotations

import json

from alliance_graph.extract.records import CONTRACT_KEYS, RELATIONS, SYMMETRIC_RELATIONS, Claim


def test_contract_keys_in_order_and_json_serializable():
    claim = Claim(subject="North Korea", relation="supplies_labor_to",
                  object="Alabuga Special Economic Zone", source="a.txt",
                  subject_type="State", object_type="Facility", evidence="x",
                  char_start=0, char_end=1, confidence=0.9, modality="reported",
                  quantity="25,000", resource="workers", subject_qid="Q423")
    data = claim.to_json()
    assert tuple(data) == CONTRACT_KEYS
    assert "subject_qid" not in data
    assert Claim.from_json(json.loads(json.dumps(data))) == claim


def test_nineteen_relations_three_symmetric():
    assert len(RELATIONS) == 19 and len(set(RELATIONS)) == 19
    assert SYMMETRIC_RELATIONS <= set(RELATIONS)


def test_symmetric_key_ignores_direction():
    a = Claim(subject="Russia", relation="meets_with", object="China", source="s")
    b = Claim(subject="China", relation="meets_with", object="Russia", source="s")
    assert a.key == b.key
    c = Claim(subject="China", relation="attacks", object="Russia", source="s")
    d = Claim(subject="Russia", relation="attacks", object="China", source="s")
    assert c.key != d.key
