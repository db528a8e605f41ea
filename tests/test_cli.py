"""The main commands through the CLI runner, and one end-to-end build over examples/."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliance_graph.cli import app
from alliance_graph.extract.records import CONTRACT_KEYS, MODALITIES, RELATIONS

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory, examples_dir, nlp):
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(examples_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_build_writes_three_outputs_and_summary(built):
    out, result = built
    for name in ("claims.jsonl", "graph.ttl", "graph.html"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    assert "documents:" in result.output and "claims:" in result.output
    assert "elapsed:" in result.output


def test_claims_jsonl_follows_the_contract(built):
    out, _ = built
    lines = (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 10
    for line in lines:
        record = json.loads(line)
        assert tuple(record) == CONTRACT_KEYS
        assert record["relation"] in RELATIONS
        assert record["modality"] in MODALITIES
        assert 0 <= record["confidence"] <= 1
        for key in ("subject", "relation", "object", "source"):
            assert record[key]


def test_turtle_parses_with_pyoxigraph(built):
    import pyoxigraph

    out, _ = built
    triples = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 50


def test_html_is_self_contained(built):
    out, _ = built
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script" in html
    for cdn in ("cdnjs", "unpkg.com", "jsdelivr", "googleapis", "bootstrapcdn"):
        assert cdn not in html


def test_rebuild_is_idempotent(built, examples_dir):
    out, _ = built
    before = (out / "claims.jsonl").read_bytes()
    result = runner.invoke(app, ["build", str(examples_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 extracted" in result.output
    assert (out / "claims.jsonl").read_bytes() == before


def test_extract_jsonl_to_stdout_writes_no_store(examples_dir, tmp_path, nlp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(examples_dir / "north_korea_labor.txt"),
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert claims and all(c["source"] == "north_korea_labor.txt" for c in claims)
    assert any(c["subject"] == "North Korea" and c["relation"] == "supplies_labor_to"
               for c in claims)
    assert list(tmp_path.iterdir()) == []


def test_extract_table(examples_dir, nlp):
    result = runner.invoke(app, ["extract", str(examples_dir / "north_korea_labor.txt"),
                                 "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "North Korea" in result.stdout


def test_missing_path_is_a_clear_error_without_traceback(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_unknown_model_is_a_clear_error(examples_dir):
    result = runner.invoke(app, ["extract", str(examples_dir), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code != 0
    assert "no_such_pipeline_xyz" in result.output
    assert "Traceback" not in result.output


def test_console_script_is_installed_and_reports_errors_without_traceback(tmp_path):
    script = Path(sys.executable).with_name("alliance-graph")
    assert script.exists(), "pip install should have created the console script"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("alliance-graph ")
    failed = subprocess.run([str(script), "extract", str(tmp_path / "missing.txt")],
                            capture_output=True, text=True)
    assert failed.returncode != 0
    assert "missing.txt" in failed.stderr and "Traceback" not in failed.stderr


@pytest.mark.parametrize("argv", [["build", "--bogus"], ["build", "x", "--out"], ["no-such-command"]])
def test_usage_mistakes_are_usage_errors_not_crashes(argv):
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert "Internal error" not in result.output and "Traceback" not in result.output


def test_an_analysts_own_gazetteer_types_and_resolves_new_actors(tmp_path: Path) -> None:
    article = tmp_path / "zone.txt"
    article.write_text("Vostrania supplied fuel to the Republic of Blorvania last week, "
                       "Blorvanian officials said.\n", encoding="utf-8")
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"label": "Blorvania", "type": "State", "aliases": ["Republic of Blorvania"], '
                     '"demonyms": ["Blorvanian"]}\n'
                     '{"label": "Vostrania", "type": "State"}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--gazetteer", str(extra)])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(c["subject"], c["relation"], c["object"], c["object_type"]) for c in claims} == {
        ("Vostrania", "provides_economic_support_to", "Blorvania", "State")}
    out = tmp_path / "out"
    built = runner.invoke(app, ["--quiet", "build", str(article), "--out", str(out), "--no-html",
                                "--gazetteer", str(extra)])
    assert built.exit_code == 0, built.output
    assert "Blorvania" in (out / "claims.jsonl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"label": "X", "type": "Spaceship"}\n', encoding="utf-8")
    for bad in (broken, tmp_path / "missing.jsonl"):
        failed = runner.invoke(app, ["extract", str(article), "--gazetteer", str(bad)])
        assert failed.exit_code == 1 and bad.name in failed.stderr
        assert "Traceback" not in failed.output
