"""Two ``build`` processes on one store: the second stops with a clear message, the first
finishes, and the store is never corrupted (issue 7)."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_crash_recovery import build_command, expected_hashes, store_state, write_corpus

SCRIPT = Path(sys.executable).with_name("alliance-graph")


def wait_for_store(store: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (store / "CURRENT").exists():
        assert process.poll() is None, "the first build ended before opening its store"
        assert time.monotonic() < deadline, "the first build never opened its store"
        time.sleep(0.05)


@pytest.mark.slow
def test_second_build_on_a_busy_store_stops_cleanly_and_the_first_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    out = tmp_path / "out"
    first = subprocess.Popen(build_command(corpus, out, "--no-html"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        wait_for_store(out / "store", first)
        started = time.monotonic()
        second = subprocess.run([str(SCRIPT), "build", str(corpus), "--out", str(tmp_path / "out2"),
                                 "--store", str(out / "store"), "--no-html"],
                                capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - started
        assert first.poll() is None, "the first build finished too early for this test"
    finally:
        _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    assert second.returncode != 0
    assert "in use by another process" in second.stderr
    assert "Traceback" not in second.stderr and "Internal error" not in second.stderr
    assert waited < 60
    assert not (tmp_path / "out2" / "claims.jsonl").exists()

    hashes, claims, _ = store_state(out / "store")  # opens, holds every document, complete
    assert hashes == expected_hashes(corpus)
    again = subprocess.run([str(SCRIPT), "build", str(corpus), "--out", str(out), "--no-html"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "0 extracted, 30 unchanged" in again.stderr, again.stderr


def test_reader_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    """A read-only open (export, sparql) works while a build holds the write lock."""
    from alliance_graph.ontology.store import ClaimStore

    with ClaimStore(tmp_path / "store"):
        code = ("import sys\n"
                "from alliance_graph.ontology.store import ClaimStore\n"
                "from alliance_graph.errors import StoreError\n"
                "with ClaimStore(sys.argv[1], read_only=True) as store: print(store.triple_count())\n"
                "try:\n"
                "    ClaimStore(sys.argv[1])\n"
                "except StoreError as error: print('refused:', error)\n")
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "store")],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    count, refusal = done.stdout.splitlines()
    assert count == "0" and refusal.startswith("refused:") and "in use by another process" in refusal
