"""`alliance-graph query ...` and `alliance-graph render` on a real on-disk store."""
from __future__ import annotations

import csv
import io
import json

import pytest
from graph_samples import SAMPLE_CLAIMS, load_claims
from typer.testing import CliRunner

from alliance_graph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    load_claims(path, SAMPLE_CLAIMS).close()
    return path


def run(*args: str):
    # A wide terminal, so table cells are not folded mid-word.
    return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False,
                         env={"COLUMNS": "200"})


def test_neighbors_table(store_dir):
    result = run("query", "neighbors", "north korea", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "Neighbors of North Korea" in result.output  # the resolved name
    assert "supplies_labor_to" in result.output and "Alabuga Special Economic Zone" in result.output
    assert "transfers_technology_to" in result.output


def test_neighbors_json_with_relation_and_direction(store_dir):
    result = run("query", "neighbors", "North Korea", "--relation", "supplies weapons to",
                 "--direction", "out", "--format", "json", "--store", store_dir)
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["subject"], r["relation"], r["object"]) for r in records] == [
        ("North Korea", "supplies_weapons_to", "Russia")]
    assert records[0]["claims"][0]["evidence"] == "Pyongyang reportedly shipped artillery shells to Moscow."


def test_min_confidence_keeps_only_trusted_claims(store_dir):
    everything = json.loads(run("query", "neighbors", "North Korea", "-f", "json", "-s", store_dir).stdout)
    confidences = sorted({claim["confidence"] for link in everything for claim in link["claims"]})
    cut = confidences[len(confidences) // 2]
    trusted = json.loads(run("query", "neighbors", "North Korea", "-f", "json", "--min-confidence",
                             str(cut), "-s", store_dir).stdout)
    kept = [claim["confidence"] for link in trusted for claim in link["claims"]]
    assert kept and min(kept) >= cut and len(kept) < sum(len(link["claims"]) for link in everything)
    bad = run("query", "top", "--min-confidence", "2", "-s", store_dir)
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_who_csv(store_dir):
    result = run("query", "who", "supplies_weapons_to", "Russia", "-f", "csv", "-s", store_dir)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["subject"] for row in rows] == ["Iran", "North Korea"]
    assert rows[1]["modality"] == "reported"


def test_negated_claims_only_on_request(store_dir):
    plain = run("query", "who", "supplies_weapons_to", "Russia", "-f", "json", "-s", store_dir)
    assert "China" not in plain.stdout
    with_denials = run("query", "who", "supplies_weapons_to", "Russia", "-f", "json",
                       "--include-negated", "-s", store_dir)
    assert "China" in with_denials.stdout


def test_path_hops_carry_evidence(store_dir):
    result = run("query", "path", "Iran", "Tatarstan", "--max-hops", "4", "-f", "json",
                 "-s", store_dir)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found) == 2 and len(found[0]["hops"]) == 4
    assert all(hop["claims"][0]["evidence"] for hop in found[0]["hops"])
    table = run("query", "path", "Iran", "Tatarstan", "--max-hops", "4", "-s", store_dir)
    assert "1.4" in table.output and "located_in" in table.output


def test_top_and_communities(store_dir):
    top = run("query", "top", "--by", "degree", "-n", "3", "-f", "csv", "-s", store_dir)
    assert top.exit_code == 0, top.output
    rows = list(csv.DictReader(io.StringIO(top.stdout)))
    assert len(rows) == 3 and rows[0]["rank"] == "1" and "degree" in rows[0]
    groups = run("query", "communities", "-f", "json", "-s", store_dir)
    assert ["Choe Son Hui", "Sergei Lavrov"] in [g["actors"] for g in json.loads(groups.stdout)]


def test_unknown_actor_suggests_close_matches(store_dir):
    result = run("query", "neighbors", "Nort Korea", "-s", store_dir)
    assert result.exit_code == 1
    assert "Did you mean: North Korea?" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_relation_and_missing_store(store_dir, tmp_path):
    result = run("query", "who", "sells_to", "Russia", "-s", store_dir)
    assert result.exit_code == 1 and "Unknown relation" in result.stderr
    missing = run("query", "top", "-s", tmp_path / "nowhere")
    assert missing.exit_code != 0 and "build" in missing.stderr


def test_render_writes_a_filtered_page(store_dir, tmp_path):
    target = tmp_path / "russia.html"
    result = run("render", "--actor", "Russia", "--radius", "1", "--relation", "supplies_weapons_to",
                 "-o", target, "-s", store_dir)
    assert result.exit_code == 0, result.output
    assert "3 actors, 2 edges" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert "Iran" in page and "Tatarstan" not in page


def test_article_text_is_never_read_as_rich_markup_or_html():
    from alliance_graph.graph.network import Link
    from alliance_graph.graph.report import links_report, render_report, report_html

    claim = {"evidence": "[bold red]Moscow[/] said <b>no</b>.", "source": "x"}
    link = Link("[link=file:///etc]A[/link]", "attacks", "B", ("x",), 0.5, "asserted", (claim,))
    report = links_report("t", [link])
    text = render_report(report, "table", width=120)
    assert "[bold red]Moscow[/]" in text and "[link=file:///etc]A[/link]" in text
    assert "<b>no</b>" not in report_html(report) and "&lt;b&gt;no&lt;/b&gt;" in report_html(report)
