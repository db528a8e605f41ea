"""Scoring against gold claims, on hand-made predictions (no spaCy needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliance_graph.errors import InputError
from alliance_graph.extract.evaluate import (
    GoldClaim,
    Prediction,
    format_report,
    format_side_by_side,
    load_gold,
    maximum_matching,
    score,
)
from alliance_graph.extract.records import RELATIONS, Claim

EXAMPLES_GOLD = Path(__file__).parent / "data" / "examples_gold.jsonl"

NK = ("Pyongyang", "North Korean", "DPRK")
RU = ("Moscow", "the Kremlin", "Russian")


def gold(subject: str, relation: str, obj: str, source: str = "a.txt",
         subject_aliases: tuple[str, ...] = (), object_aliases: tuple[str, ...] = ()) -> GoldClaim:
    return GoldClaim(source, subject, relation, obj, subject_aliases, object_aliases,
                     evidence=f"{subject} {relation} {obj}.")


def pred(subject: str, relation: str, obj: str, source: str = "a.txt", **extra: object) -> dict:
    return {"source": source, "subject": subject, "relation": relation, "object": obj, **extra}


def test_exact_match_scores_one() -> None:
    report = score([pred("North Korea", "supplies_labor_to", "Russia")],
                   [gold("North Korea", "supplies_labor_to", "Russia")])
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == (1.0, 1.0, 1.0)
    assert report.misses == [] and report.false_positives == []


def test_claim_records_are_scored_like_their_json() -> None:
    claim = Claim(subject="North Korea", relation="supplies_labor_to", object="Russia",
                  source="a.txt", evidence="Pyongyang sent workers to Russia.")
    report = score([claim], [gold("North Korea", "supplies_labor_to", "Russia")])
    assert report.micro.matched == 1
    assert report.matches[0][0].evidence == ("Pyongyang sent workers to Russia.",)


def test_aliases_match_case_insensitively_on_both_ends() -> None:
    report = score([pred("PYONGYANG", "supplies_weapons_to", "the kremlin")],
                   [gold("North Korea", "supplies_weapons_to", "Russia", subject_aliases=NK,
                         object_aliases=RU)])
    assert report.micro.matched == 1


def test_curly_apostrophes_and_spacing_do_not_break_a_match() -> None:
    report = score([pred("Russia’s  Far East", "located_in", "Russia")],
                   [gold("Russian Far East", "located_in", "Russia",
                         subject_aliases=("Russia's Far East",))])
    assert report.micro.matched == 1


def test_wrong_source_relation_or_actor_does_not_match() -> None:
    g = [gold("North Korea", "supplies_labor_to", "Russia")]
    for p in (pred("North Korea", "supplies_labor_to", "Russia", source="b.txt"),
              pred("North Korea", "supplies_weapons_to", "Russia"),
              pred("North Korea", "supplies_labor_to", "China"),
              pred("Korea", "supplies_labor_to", "Russia")):
        report = score([p], g, sources=["a.txt", "b.txt"])
        assert report.micro.matched == 0, p


def test_symmetric_relations_match_in_either_direction_only_they() -> None:
    g = [gold("Choe Son Hui", "meets_with", "Sergei Lavrov", object_aliases=("Lavrov",)),
         gold("North Korea", "supplies_labor_to", "Russia")]
    report = score([pred("Lavrov", "meets_with", "Choe Son Hui"),
                    pred("Russia", "supplies_labor_to", "North Korea")], g)
    assert report.micro.matched == 1
    assert [p.relation for p in report.false_positives] == ["supplies_labor_to"]
    assert report.per_relation["meets_with"].f1 == 1.0


def test_a_gold_claim_is_matched_at_most_once() -> None:
    # Two different names for one gold actor: one match, one false positive.
    g = [gold("North Korea", "supplies_weapons_to", "Russia", subject_aliases=NK)]
    report = score([pred("North Korea", "supplies_weapons_to", "Russia"),
                    pred("Pyongyang", "supplies_weapons_to", "Russia")], g)
    assert (report.micro.matched, report.micro.predicted, report.micro.gold) == (1, 2, 1)
    assert report.micro.precision == 0.5 and report.micro.recall == 1.0


def test_symmetric_pair_stated_both_ways_is_one_prediction() -> None:
    g = [gold("Russia", "trades_with", "China")]
    report = score([pred("Russia", "trades_with", "China"), pred("China", "trades_with", "Russia")],
                   g)
    assert (report.micro.matched, report.micro.predicted) == (1, 1)
    assert report.predictions_duplicate == 1


def test_matching_is_maximum_not_greedy() -> None:
    # "Kim" may be either gold person; a greedy first-fit would give "Kim" to Kim Jong Un and
    # leave the second prediction nothing to match.
    g = [gold("Kim Jong Un", "meets_with", "Vladimir Putin", subject_aliases=("Kim",)),
         gold("Kim Yo Jong", "meets_with", "Vladimir Putin", subject_aliases=("Kim",))]
    report = score([pred("Kim", "meets_with", "Vladimir Putin"),
                    pred("Kim Jong Un", "meets_with", "Vladimir Putin")], g)
    assert report.micro.matched == 2
    assert maximum_matching({0: [0, 1], 1: [0]}) == {0: 1, 1: 0}


def test_matching_does_not_depend_on_prediction_order() -> None:
    g = [gold("Kim Jong Un", "meets_with", "Vladimir Putin", subject_aliases=("Kim",)),
         gold("Kim Yo Jong", "meets_with", "Vladimir Putin", subject_aliases=("Kim",))]
    preds = [pred("Kim Jong Un", "meets_with", "Vladimir Putin"),
             pred("Kim", "meets_with", "Vladimir Putin")]
    assert score(preds, g).micro.matched == score(preds[::-1], g).micro.matched == 2


def test_repeated_claim_in_one_document_counts_once() -> None:
    g = [gold("North Korea", "deploys_troops_to", "Kursk")]
    report = score([pred("North Korea", "deploys_troops_to", "Kursk", evidence="First."),
                    pred("north korea", "deploys_troops_to", "Kursk", evidence="Second.")], g)
    assert (report.micro.precision, report.micro.recall) == (1.0, 1.0)
    assert report.matches[0][0].evidence == ("First.", "Second.")


def test_per_relation_scores() -> None:
    g = [gold("North Korea", "supplies_labor_to", "Russia"),
         gold("North Korea", "deploys_troops_to", "Kursk"),
         gold("Russia", "controls", "Kursk")]
    report = score([pred("North Korea", "supplies_labor_to", "Russia"),
                    pred("North Korea", "supplies_weapons_to", "Russia"),
                    pred("North Korea", "deploys_troops_to", "Kursk"),
                    pred("North Korea", "deploys_troops_to", "Russia")], g)
    per = report.per_relation
    assert (per["supplies_labor_to"].precision, per["supplies_labor_to"].recall) == (1.0, 1.0)
    assert per["supplies_weapons_to"].precision == 0.0 and per["supplies_weapons_to"].gold == 0
    assert (per["deploys_troops_to"].precision, per["deploys_troops_to"].recall) == (0.5, 1.0)
    assert per["controls"].recall == 0.0 and per["controls"].predicted == 0
    assert "attacks" not in per
    assert (report.micro.matched, report.micro.predicted, report.micro.gold) == (2, 4, 3)
    assert report.micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_loose_score_ignores_relation_and_direction() -> None:
    g = [gold("North Korea", "supplies_weapons_to", "Russia", subject_aliases=NK),
         gold("North Korea", "cooperates_with", "Russia", subject_aliases=NK),
         gold("Ukraine", "attacks", "Kursk")]
    report = score([pred("Russia", "transfers_technology_to", "Pyongyang"),
                    pred("North Korea", "supplies_labor_to", "Russia"),
                    pred("Ukraine", "controls", "Russia")], g)
    assert report.micro.matched == 0
    # Pairs: {NK, Russia} predicted twice under two names of NK -> 2 predicted pairs, one
    # matches the one gold pair; {Ukraine, Russia} is not a gold pair.
    assert (report.loose.matched, report.loose.predicted, report.loose.gold) == (1, 3, 2)
    assert report.loose_misses == [("a.txt", "Ukraine", "Kursk")]


def test_only_documents_read_and_annotated_are_scored() -> None:
    g = [gold("North Korea", "supplies_labor_to", "Russia", source="a.txt"),
         gold("Iran", "supplies_weapons_to", "Russia", source="b.txt")]
    report = score([pred("North Korea", "supplies_labor_to", "Russia", source="a.txt"),
                    pred("China", "trades_with", "Russia", source="unannotated.txt")],
                   g, sources=["a.txt", "unannotated.txt"])
    assert (report.micro.matched, report.micro.predicted, report.micro.gold) == (1, 1, 1)
    assert report.gold_sources_not_read == ["b.txt"]
    assert report.predictions_unannotated == 1


def test_negated_predictions_are_not_scored() -> None:
    g = [gold("Iran", "supplies_weapons_to", "Russia")]
    report = score([pred("Iran", "supplies_weapons_to", "Russia", modality="negated"),
                    pred("China", "supplies_weapons_to", "Russia", modality="negated")], g)
    assert (report.micro.predicted, report.micro.matched) == (0, 0)
    assert report.predictions_negated == 2


def test_empty_predictions_give_zero_not_an_error() -> None:
    report = score([], [gold("Iran", "supplies_weapons_to", "Russia")])
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == (0.0, 0.0, 0.0)
    assert "  -  " in format_report(report)


def test_format_report_lists_errors_with_evidence() -> None:
    g = [gold("Iran", "supplies_weapons_to", "Russia")]
    report = score([pred("Iran", "attacks", "Ukraine", evidence="Drones hit Kyiv.")], g)
    text = format_report(report, show_errors=True)
    assert "labeled (micro)" in text and "actor pairs (loose)" in text
    assert "MISS  Iran --supplies_weapons_to--> Russia" in text
    assert "FALSE Iran --attacks--> Ukraine" in text and "Drones hit Kyiv." in text
    assert "MISS" not in format_report(report, show_errors=False)
    side = format_side_by_side({"ours": report, "peer": report}, markdown=True)
    assert side.startswith("| ") and "ours F1 (P/R)" in side


def test_load_gold_reads_aliases_and_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    row = {"source": "a.txt", "subject": "North Korea", "subject_aliases": ["DPRK"],
           "relation": "supplies_labor_to", "object": "Russia", "evidence": "…"}
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    (claim,) = load_gold(path)
    assert claim.subject_aliases == ("DPRK",) and claim.object_aliases == ()
    assert "dprk" in claim.subject_names
    for bad, message in (('{"source": "a.txt"}', "missing or empty 'subject'"),
                         ("not json", "not valid JSON"),
                         (json.dumps({**row, "relation": "befriends"}), "unknown relation")):
        path.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(InputError, match=message):
            load_gold(path)
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "missing.jsonl")


def test_examples_gold_is_well_formed_and_covers_every_example(examples_dir: Path) -> None:
    from alliance_graph.extract.readers import iter_documents

    claims = load_gold(EXAMPLES_GOLD)
    assert len(claims) >= 40
    documents = {doc.id: doc for doc in iter_documents([examples_dir])}
    assert {c.source for c in claims} == set(documents)
    keys = [Prediction(c.source, c.subject, c.relation, c.object).key for c in claims]
    assert len(keys) == len(set(keys)), "one gold line per distinct claim"
    assert {c.relation for c in claims} <= set(RELATIONS)
    # The gold scores perfectly against itself (labels as predictions).
    report = score([{"source": c.source, "subject": c.subject, "relation": c.relation,
                     "object": c.object} for c in claims], claims)
    assert report.micro.f1 == 1.0 and report.loose.f1 == 1.0
    for claim in claims:
        assert claim.evidence and " ".join(claim.evidence.split()) in " ".join(
            documents[claim.source].text.split()), claim


def test_unknown_peer_is_refused_before_any_work(tmp_path: Path) -> None:
    from alliance_graph.errors import AllianceGraphError
    from alliance_graph.extract.evaluate import run_eval

    with pytest.raises(AllianceGraphError, match="Unknown peer 'spacy'"):
        run_eval(EXAMPLES_GOLD, [tmp_path], peer="spacy")


@pytest.mark.slow
def test_run_eval_scores_the_examples_with_the_peer_side_by_side(nlp, examples_dir: Path) -> None:
    pytest.importorskip("textacy")
    from alliance_graph.extract.evaluate import run_eval

    result = run_eval(EXAMPLES_GOLD, [examples_dir], peer="textacy", show_errors=True, nlp=nlp)
    assert result.documents == 7 and result.skipped == []
    assert result.ours.micro.gold == len(load_gold(EXAMPLES_GOLD))
    assert result.peer is not None and result.peer.micro.gold == result.ours.micro.gold
    # Both systems find something on articles written for them, and ours finds more.
    assert result.peer.micro.matched > 0
    assert result.ours.micro.matched > result.peer.micro.matched
    text = result.text
    assert "Side by side" in text and "textacy peer: labeled" in text and "MISS" in text
