"""Scale: parallel and distributed extraction give the claims of one process, streaming stays
lazy, progress bars stay out of pipes, the store's bulk paths work.

The figures themselves (throughput, speed-up, memory) are measured by bench/run.py.
"""
from __future__ import annotations

import importlib.util
import io
import itertools
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliance_graph import cli
# The real `oxigraph serve` of the push tests, and their SPARQL client.
from test_push import _select, server  # noqa: F401
from alliance_graph.executors import ExecutorError, resolve_jobs, run_extraction
from alliance_graph.extract.records import Document

REPO_ROOT = Path(__file__).resolve().parent.parent


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", REPO_ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)
    spec.loader.exec_module(module)
    return module


def _documents(count: int, seed: int = 11) -> list[Document]:
    generator = _synthetic().CorpusGenerator(seed)
    return [Document(id=d.id, text=d.text, title=d.title, published=d.published)
            for d in generator.documents(count)]


def _claims(pairs) -> list[tuple[str, list[dict]]]:
    return [(document.id, [claim.to_json() for claim in claims]) for document, claims in pairs]


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return _documents(24)


@pytest.fixture(scope="module")
def single_process(corpus, nlp) -> list[tuple[str, list[dict]]]:
    from alliance_graph.extract import extract_claims

    result = _claims(extract_claims(nlp, corpus, batch_size=8))
    assert sum(len(claims) for _, claims in result) > 20, "the synthetic corpus should give claims"
    return result


def test_synthetic_corpus_is_deterministic_and_a_prefix_of_larger_ones(tmp_path: Path) -> None:
    synthetic = _synthetic()
    small = [d.text for d in synthetic.CorpusGenerator(3).documents(5)]
    large = [d.text for d in synthetic.CorpusGenerator(3).documents(50)]
    assert small == large[:5]
    assert small != [d.text for d in synthetic.CorpusGenerator(4).documents(5)]
    info = synthetic.write_corpus(tmp_path / "c", 12, seed=3, per_folder=5)
    files = sorted((tmp_path / "c").rglob("*.txt"))
    assert len(files) == 12 and len({f.parent for f in files}) == 3
    assert info.words == sum(len(f.read_text().split()) for f in files)


def test_process_pool_gives_the_claims_of_one_process_in_order(corpus, single_process) -> None:
    assert _claims(run_extraction(iter(corpus), jobs=2, batch_size=5)) == single_process


def test_spacy_n_process_strategy_gives_the_same_claims(corpus, single_process) -> None:
    assert _claims(run_extraction(iter(corpus), jobs=2, batch_size=8, strategy="spacy")) == single_process


@pytest.mark.slow
def test_dask_local_cluster_of_two_workers_gives_the_same_claims(corpus, single_process,
                                                                 tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        got = _claims(run_extraction(iter(corpus), executor="dask", batch_size=5,
                                     scheduler=cluster.scheduler_address))
        assert got == single_process
        with distributed.Client(cluster) as client:  # both workers took part
            assert len(client.scheduler_info()["workers"]) == 2
        # The CLI against the same cluster: --executor dask --scheduler ADDRESS.
        folder = tmp_path / "corpus"
        folder.mkdir()
        for document in corpus[:6]:
            (folder / document.id).write_text(document.text, encoding="utf-8")
        local = CliRunner().invoke(cli.app, ["extract", str(folder), "--jobs", "1"])
        remote = CliRunner().invoke(cli.app, ["extract", str(folder), "--executor", "dask",
                                              "--scheduler", cluster.scheduler_address])
        assert local.exit_code == 0 and remote.exit_code == 0, remote.output
        assert len(local.stdout.splitlines()) > 3
        assert remote.stdout == local.stdout


def test_an_unreachable_scheduler_is_a_clear_error(corpus) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler tcp://127.0.0.1:9"):
        list(run_extraction(iter(corpus[:1]), executor="dask", scheduler="tcp://127.0.0.1:9",
                            connect_timeout="2s"))


def test_scheduler_needs_the_dask_executor_and_bad_executors_are_refused(corpus) -> None:
    with pytest.raises(ExecutorError, match="--scheduler needs --executor dask"):
        list(run_extraction(iter(corpus[:1]), scheduler="tcp://127.0.0.1:8786"))
    with pytest.raises(ExecutorError, match="unknown executor"):
        list(run_extraction(iter(corpus[:1]), executor="spark"))
    result = CliRunner().invoke(cli.app, ["extract", str(REPO_ROOT / "examples"), "--scheduler",
                                          "tcp://127.0.0.1:8786"])
    assert result.exit_code != 0 and "--scheduler needs --executor dask" in result.output
    assert "Traceback" not in result.output


def test_the_pool_reads_its_input_lazily(corpus) -> None:
    """A bounded window of batches in flight: an endless stream still yields results."""
    pulled = 0

    def endless():
        nonlocal pulled
        for document in itertools.cycle(corpus):
            pulled += 1
            yield Document(id=f"{pulled}-{document.id}", text=document.text)

    results = run_extraction(endless(), jobs=2, batch_size=4)
    first = list(itertools.islice(results, 10))
    results.close()
    assert len(first) == 10
    assert pulled <= 4 * 2 * 2 + 4 * 2  # the window (2 batches per worker) and one batch ahead


def test_in_process_extraction_reads_lazily_and_loads_nothing_for_no_input() -> None:
    assert list(run_extraction(iter([]), model="no_such_model_installed")) == []


def test_default_jobs_one_for_small_inputs_one_per_core_for_large(tmp_path: Path) -> None:
    from alliance_graph.config import available_cores
    from alliance_graph.executors import AUTO_PARALLEL_MIN_DOCUMENTS
    from alliance_graph.pipeline import expected_documents

    assert resolve_jobs(None, 5) == 1 and resolve_jobs(None, None) == 1 and resolve_jobs(3, 5) == 3
    assert resolve_jobs(None, AUTO_PARALLEL_MIN_DOCUMENTS) == available_cores()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("y")
    assert expected_documents([tmp_path]) == 2
    (tmp_path / "c.jsonl").write_text("{}\n")
    assert expected_documents([tmp_path]) is None  # records in a file: unknown


def test_no_progress_bar_in_a_pipe_or_with_quiet(tmp_path: Path, examples_dir: Path) -> None:
    result = CliRunner().invoke(cli.app, ["build", str(examples_dir), "--out", str(tmp_path),
                                          "--no-html", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "extracting" not in result.output and "ETA" not in result.output
    quiet = CliRunner().invoke(cli.app, ["--quiet", "extract", str(examples_dir)])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_progress_bar_shows_documents_total_claims_rate_and_eta(monkeypatch) -> None:
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err_console", Console(file=screen, force_terminal=True, width=140))
    bar = cli._progress_bar(total=40)
    bar.advance(10, 25)
    bar.advance(20, 15)
    bar._progress.refresh()
    bar.stop()
    shown = screen.getvalue()
    assert "20/40" in shown and "40 claims" in shown and "/s)" in shown and "ETA" in shown
    screen.truncate(0)
    unknown = cli._progress_bar(total=None)
    unknown.advance(3, 1)
    unknown._progress.refresh()
    unknown.stop()
    assert "3 documents" in screen.getvalue() and "ETA" not in screen.getvalue()


def test_store_bulk_load_and_flush(tmp_path: Path, corpus, single_process) -> None:
    from alliance_graph.extract.readers import content_hash
    from alliance_graph.extract.records import Claim
    from alliance_graph.ontology.store import ClaimStore, RunInfo

    run = RunInfo.start("test")
    claims = {source: [Claim.from_json(c) for c in found] for source, found in single_process}
    with ClaimStore(tmp_path / "a") as store:
        store.replace_documents([(d, claims[d.id], content_hash(d)) for d in corpus], run)
        store.flush()
        store.export("nquads", tmp_path / "dump.nq")
        expected = store.triple_count()
        stored = list(store.iter_claims())
    with ClaimStore(tmp_path / "b") as store:
        store.bulk_load(tmp_path / "dump.nq")
        assert store.triple_count() == expected
        assert list(store.iter_claims()) == stored
        assert store.document_hash(corpus[0].id) == content_hash(corpus[0])
    from alliance_graph.errors import StoreError

    with ClaimStore(tmp_path / "c") as store, pytest.raises(StoreError, match="Unknown RDF format"):
        store.bulk_load(tmp_path / "dump.nq", fmt="no-such-format")


def test_parallel_bulk_load_gives_the_same_store(tmp_path: Path, corpus, single_process,
                                                 monkeypatch) -> None:
    """An N-Quads dump cut at line ends and loaded by two threads: the very same quads."""
    from alliance_graph.extract.readers import content_hash
    from alliance_graph.extract.records import Claim
    from alliance_graph.ontology import store as store_module
    from alliance_graph.ontology.store import ClaimStore, RunInfo

    run = RunInfo.start("test")
    claims = {source: [Claim.from_json(c) for c in found] for source, found in single_process}
    with ClaimStore(tmp_path / "a") as store:
        store.replace_documents([(d, claims[d.id], content_hash(d)) for d in corpus], run)
        store.export("nquads", tmp_path / "dump.nq")
        expected = set(store.oxigraph)
    # the dump is small: lower the threshold so it is really cut in pieces
    monkeypatch.setattr(store_module, "_PARALLEL_LOAD_MIN_BYTES", 0)
    ranges = store_module._line_ranges(tmp_path / "dump.nq", 3)
    assert ranges is not None and len(ranges) == 3
    data = (tmp_path / "dump.nq").read_bytes()
    assert all(data[end - 1:end] == b"\n" for _, end in ranges) and ranges[-1][1] == len(data)
    with ClaimStore(tmp_path / "b") as store:
        store.bulk_load(tmp_path / "dump.nq", jobs=3)
        assert set(store.oxigraph) == expected
    # blank nodes would be split into several by separate loads: one piece then
    blank = tmp_path / "blank.nt"
    blank.write_text('_:x <http://e/p> <http://e/o1> .\n_:x <http://e/p> <http://e/o2> .\n')
    assert store_module._line_ranges(blank, 2) is None
    with ClaimStore(tmp_path / "c") as store:
        store.bulk_load(blank, jobs=2)
        assert len({quad.subject for quad in store.oxigraph}) == 1


def test_load_command_restores_a_dump(tmp_path: Path, examples_dir: Path) -> None:
    assert CliRunner().invoke(cli.app, ["--quiet", "build", str(examples_dir), "--out", str(tmp_path / "out"),
                                        "--no-html"]).exit_code == 0
    dump = tmp_path / "dump.nq"
    assert CliRunner().invoke(cli.app, ["export", "-f", "nquads", "-s", str(tmp_path / "out" / "store"),
                                        "-o", str(dump)]).exit_code == 0
    result = CliRunner().invoke(cli.app, ["load", str(dump), "-s", str(tmp_path / "copy"), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "new triples" in result.stderr
    again = CliRunner().invoke(cli.app, ["export", "-f", "nquads", "-s", str(tmp_path / "copy")])
    assert sorted(again.stdout.splitlines()) == sorted(dump.read_text(encoding="utf-8").splitlines())
    missing = CliRunner().invoke(cli.app, ["load", str(tmp_path / "nope.nq"), "-s", str(tmp_path / "copy")])
    assert missing.exit_code != 0 and "No such file" in missing.stderr and "Traceback" not in missing.output


def test_build_push_sends_the_store_to_a_real_triple_store(server, tmp_path: Path,
                                                           examples_dir: Path) -> None:
    result = CliRunner().invoke(cli.app, ["build", str(examples_dir), "--out", str(tmp_path),
                                          "--no-html", "--push", server + "/store"])
    assert result.exit_code == 0, result.output
    assert "pushed" in result.stderr
    from alliance_graph.ontology.store import ClaimStore

    with ClaimStore(tmp_path / "store", read_only=True) as store:
        local = len(store.named_graphs())
    rows = _select(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == local > 0
    bad = CliRunner().invoke(cli.app, ["build", str(examples_dir), "--out", str(tmp_path),
                                       "--push", "ftp://example.org/store"])
    assert bad.exit_code != 0 and "must be an http:// or https:// URL" in bad.output
