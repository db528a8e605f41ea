"""Crashes and re-runs never cost the analyst the store (issue 7).

- outputs are replaced atomically (a killed writer leaves the old file, never half a file);
- ``build`` killed with SIGKILL at random moments leaves a store that opens, in which every
  document graph is complete (its content hash and claim count match a fresh extraction) or
  absent, and a re-run completes the job with the same claims as an uninterrupted build;
- re-running on unchanged inputs changes nothing; a changed article replaces its own claims.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from alliance_graph.extract.readers import content_hash, iter_documents
from alliance_graph.outputs import atomic_writer, remove_stale_temporaries

SCRIPT = Path(sys.executable).with_name("alliance-graph")
ACTORS = ["Russia", "North Korea", "China", "Iran", "Belarus", "Ukraine", "Syria", "Venezuela"]
TEMPLATES = [
    "{a} has sent thousands of workers to {b}, according to intelligence officials.",
    "{a} supplied artillery shells and missiles to {b} last year.",
    "{a} deployed troops to {b} in the spring.",
    "{a} and {b} signed a trade agreement on oil and gas.",
    "{a} provided fuel and food to {b}.",
    "The foreign minister of {a} met with officials from {b} in the capital.",
]


def write_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` short invented articles, each naming a few actor pairs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        sentences = []
        for _ in range(4):
            a, b = rng.sample(ACTORS, 2)
            sentences.append(rng.choice(TEMPLATES).format(a=a, b=b))
        (folder / f"{index:03d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")


def build_command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [str(SCRIPT), "--quiet", "build", str(corpus), "--out", str(out), "--jobs", "1",
            "--batch-size", "1", *extra]


def run_build(corpus: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    done = subprocess.run(build_command(corpus, out, *extra), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return done


def kill_while_writing(corpus: Path, out: Path, total: int, timeout: float = 120.0) -> int:
    """Start a build and SIGKILL it once the store holds some but not all documents.

    Returns the number of documents in the store after the kill.
    """
    from alliance_graph.errors import StoreError
    from alliance_graph.ontology.store import ClaimStore

    shutil.rmtree(out, ignore_errors=True)
    process = subprocess.Popen(build_command(corpus, out), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            try:
                with ClaimStore(out / "store", read_only=True) as store:
                    present = len(list(store.document_sources()))
            except (StoreError, OSError):  # not created yet, or half-created
                present = 0
            if 0 < present < total:
                break
            time.sleep(0.02)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    return len(store_state(out / "store")[0])


def store_state(store_dir: Path) -> tuple[dict[str, str | None], Counter, int]:
    """(content hash of each document graph, claims per document, triple count)."""
    from alliance_graph.ontology.store import ClaimStore

    with ClaimStore(store_dir) as store:  # opening for writing proves the lock was freed
        hashes = {source: store.document_hash(source) for source in store.document_sources()}
        claims = Counter(claim.source for claim in store.iter_claims())
        return hashes, claims, store.triple_count()


def expected_hashes(corpus: Path) -> dict[str, str]:
    return {document.source: content_hash(document) for document in iter_documents([corpus])}


# --- atomic outputs -----------------------------------------------------------------------------


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "claims.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as handle:
            handle.write("half a line")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_output_files_get_normal_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "graph.html") as handle:
            handle.write("<html></html>")
    finally:
        os.umask(umask)
    assert (tmp_path / "graph.html").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_writer_killed_mid_write_leaves_old_file_and_next_write_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("complete old file\n", encoding="utf-8")
    # A real process writes half the file and is SIGKILLed inside atomic_writer.
    code = (
        "import os, signal, sys\n"
        "from alliance_graph.outputs import atomic_writer\n"
        "with atomic_writer(sys.argv[1]) as handle:\n"
        "    handle.write('half' * 10000); handle.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(target)], timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "complete old file\n"
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # SIGKILL gives no chance to clean up...
    with atomic_writer(target) as handle:  # ...so the next writer of the file does
        handle.write("new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    assert remove_stale_temporaries(target) == []


# --- SIGKILL during build, then re-runs ------------------------------------------------------------


@pytest.mark.slow
def test_killed_builds_leave_a_consistent_store_and_reruns_finish_and_change_nothing(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    hashes = expected_hashes(corpus)

    reference = tmp_path / "reference"
    started = time.monotonic()
    run_build(corpus, reference, "--no-html")
    full_duration = time.monotonic() - started
    _, reference_claims, _ = store_state(reference / "store")
    assert sum(reference_claims.values()) > 0, "the corpus gave no claims at all"

    out = tmp_path / "out"
    rng = random.Random(2024)
    kills = 0
    partial_states: list[int] = []  # documents in the store after each kill
    for _ in range(4):
        process = subprocess.Popen(build_command(corpus, out), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, max(0.6, full_duration * 0.95)))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)

        store = out / "store"
        if not (store / "CURRENT").exists():
            continue  # killed before the store was created
        stored_hashes, stored_claims, _ = store_state(store)
        partial_states.append(len(stored_hashes))
        for source, digest in stored_hashes.items():
            # every document graph present is complete: its hash and its claim count
            assert digest == hashes[source], source
            assert stored_claims[source] == reference_claims[source], source
        if (out / "claims.jsonl").exists():  # an output present is a whole output
            for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines():
                json.loads(line)
        if (out / "graph.ttl").exists():
            import pyoxigraph

            list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert kills >= 2, "the build finished before most kills: make the corpus bigger"
    # Random moments may all fall in start-up or after the last write on a fast machine, so
    # one more kill is timed from the store itself: while some but not all documents are in.
    if not any(0 < n < len(hashes) for n in partial_states):
        partial_states.append(kill_while_writing(corpus, out, len(hashes)))
    assert any(0 < n < len(hashes) for n in partial_states), (
        f"no kill landed while documents were being written: {partial_states}")
    stored_hashes, stored_claims, _ = store_state(out / "store")
    for source, digest in stored_hashes.items():
        assert digest == hashes[source], source
        assert stored_claims[source] == reference_claims[source], source

    # The re-run completes the job: the same claims as the uninterrupted build.
    run_build(corpus, out, "--no-html")
    stored_hashes, stored_claims, triples = store_state(out / "store")
    assert stored_hashes == hashes and stored_claims == reference_claims
    first_claims = (out / "claims.jsonl").read_bytes()
    assert first_claims == (reference / "claims.jsonl").read_bytes()
    first_ttl = (out / "graph.ttl").read_bytes()
    assert not list(out.glob(".*.tmp"))

    # Re-running on the same inputs changes nothing.
    again = subprocess.run([str(SCRIPT), "build", str(corpus), "--out", str(out), "--no-html"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"0 extracted, {len(hashes)} unchanged" in again.stderr
    assert store_state(out / "store") == (stored_hashes, stored_claims, triples)
    assert (out / "claims.jsonl").read_bytes() == first_claims
    assert (out / "graph.ttl").read_bytes() == first_ttl

    # A changed article replaces its own claims, and only those.
    changed = corpus / "002.txt"
    changed.write_text("Iran supplied drones and missiles to Russia, officials said.\n",
                       encoding="utf-8")
    run_build(corpus, out, "--no-html")
    after = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    before = [json.loads(line) for line in first_claims.decode("utf-8").splitlines()]
    assert [c for c in after if c["source"] != "002.txt"] == [c for c in before if c["source"] != "002.txt"]
    new = [c for c in after if c["source"] == "002.txt"]
    assert new and all(c["evidence"] in changed.read_text(encoding="utf-8") for c in new)
    assert {(c["subject"], c["object"]) for c in new} <= {("Iran", "Russia")}
