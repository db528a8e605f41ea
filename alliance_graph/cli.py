"""The ``alliance-graph`` command: a thin layer over the library.

Every command catches ``AllianceGraphError`` (through ``_Group.invoke``) and prints its message
without a traceback; ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import importlib

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from alliance_graph import __version__
from alliance_graph.config import DEFAULT_BASE_IRI, DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from alliance_graph.errors import AllianceGraphError

console = Console()
err_console = Console(stderr=True)


class _State:
    debug = False
    quiet = False


state = _State()


def _control_flow_exceptions() -> tuple[type[BaseException], ...]:
    """Exceptions Click/Typer use to exit or report usage errors themselves.

    Typer 0.29 vendors Click (``typer._click``), older releases use ``click``: take both.
    """
    found: list[type[BaseException]] = [KeyboardInterrupt, SystemExit]
    for module_name in ("typer.exceptions", "typer._click.exceptions", "click.exceptions"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in ("ClickException", "Abort", "Exit"):
            cls = getattr(module, name, None)
            if isinstance(cls, type):
                found.append(cls)
    return tuple(found)


_CONTROL_FLOW = _control_flow_exceptions()


class _Group(TyperGroup):
    """Turns user errors into one clear line and a non-zero exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AllianceGraphError as error:
            if state.debug:
                traceback.print_exc()
            err_console.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False,
                              markup=True, soft_wrap=True)
            raise typer.Exit(error.exit_code) from None
        except _CONTROL_FLOW:
            raise
        except OSError as error:  # disk full, permission denied, read-only folder...
            if state.debug:
                traceback.print_exc()
            where = f": {error.filename}" if error.filename else ""
            err_console.print(f"[bold red]Error:[/] {escape(str(error.strerror or error))}"
                              f"{escape(str(where))}", highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(74) from None
        except Exception as error:  # a bug of ours: still no traceback unless asked for
            if state.debug:
                traceback.print_exc()
            else:
                err_console.print(
                    f"[bold red]Internal error:[/] {type(error).__name__}: {escape(str(error))}\n"
                    "Run again with --debug for the traceback, and please report it.",
                    highlight=False, soft_wrap=True)
            raise typer.Exit(70) from None


app = typer.Typer(cls=_Group, no_args_is_help=True, pretty_exceptions_enable=False,
                  add_completion=False,
                  help="Build a knowledge graph of alliances from geopolitical news articles.")


def _version(value: bool) -> None:
    if value:
        console.print(f"alliance-graph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars or summaries on stderr."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """alliance-graph: articles in; claims, an RDF store and an HTML graph out."""
    state.debug = debug
    state.quiet = quiet


def _warn_skip(path: str, reason: str) -> None:
    # One line per skipped file, always (even with --quiet): a skipped file is data not read.
    # escape(): a file name or reason may contain [brackets] that rich would take for markup.
    err_console.print(f"[yellow]warning:[/] skipped {escape(path)}: {escape(reason)}",
                      highlight=False, markup=True, soft_wrap=True)


def _warn_kept(path: str, message: str) -> None:
    # A file read after a repair (e.g. bytes that are not UTF-8): kept, but the analyst is told.
    err_console.print(f"[yellow]warning:[/] {escape(path)}: {escape(message)} (file kept)",
                      highlight=False, markup=True, soft_wrap=True)


MODEL_OPTION = typer.Option(DEFAULT_MODEL, "--model", "-m",
                            help="Installed spaCy pipeline to use (package name).")
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1, show_default="one per core from 400 documents, else 1",
                           help="Extraction processes (or local Dask workers).")
class ExecutorName(str, Enum):
    local = "local"
    dask = "dask"


EXECUTOR_OPTION = typer.Option(ExecutorName.local, "--executor",
                               help="Where extraction runs: this machine, or a Dask cluster.")
SCHEDULER_OPTION = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers.")
GAZETTEER_OPTION = typer.Option(
    None, "--gazetteer", metavar="FILE",
    help="Extra gazetteer (JSON Lines, as extract/data/gazetteer.jsonl); merged into the shipped one. Repeatable.")
BATCH_OPTION = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1,
                            help="Documents per spaCy batch and per store write.")


class ClaimFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (recursive)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for the outputs."),
    store: Optional[Path] = typer.Option(None, "--store", "-s", help="Store folder (default OUT/store)."),
    base_iri: str = typer.Option(DEFAULT_BASE_IRI, "--base-iri", help="Base IRI for actors, documents and claims."),
    model: str = MODEL_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    batch_size: int = BATCH_OPTION,
    html: bool = typer.Option(True, "--html/--no-html", help="Write graph.html."),
    executor: ExecutorName = EXECUTOR_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    gazetteer: Optional[list[Path]] = GAZETTEER_OPTION,
    push_to: Optional[str] = typer.Option(
        None, "--push", metavar="ENDPOINT",
        help="Then send every named graph to this SPARQL Graph Store endpoint, as `push` does "
             "(no authentication; use `push` for that)."),
) -> None:
    """Extract claims from articles into the store; write claims.jsonl, graph.ttl, graph.html."""
    from alliance_graph.executors import resolve_jobs
    from alliance_graph.pipeline import build as run_build
    from alliance_graph.pipeline import expected_documents

    if push_to is not None and not push_to.startswith(("http://", "https://")):
        raise AllianceGraphError(f"--push {push_to!r} must be an http:// or https:// URL.")
    total = expected_documents(inputs)
    progress = _progress_bar(total) if _show_progress() else None
    try:
        summary = run_build(inputs, out, store_dir=store, model=model, base_iri=base_iri,
                            batch_size=batch_size, jobs=resolve_jobs(jobs, total), html=html,
                            on_skip=_warn_skip, on_warning=_warn_kept, on_progress=progress.advance if progress else None,
                            executor=executor.value, scheduler=scheduler, gazetteers=gazetteer or ())
    finally:
        if progress:
            progress.stop()
    if not state.quiet:
        err_console.print(
            f"documents: {summary.documents_read} read, {summary.documents_extracted} extracted, "
            f"{summary.documents_unchanged} unchanged, {summary.documents_skipped} skipped\n"
            f"claims: {summary.claims}  actors: {summary.actors}  edges: {summary.edges}  "
            f"triples: {summary.triples}\n"
            f"elapsed: {summary.elapsed:.1f} s\n"
            + "\n".join(f"wrote {path}" for path in summary.outputs.values()),
            highlight=False, markup=False)
    if push_to is not None:
        from alliance_graph.ontology.exports import push_store
        from alliance_graph.ontology.store import ClaimStore

        with ClaimStore(store or out / "store", read_only=True) as claim_store:
            pushed = push_store(claim_store, push_to)
        if not state.quiet:
            err_console.print(f"pushed {pushed.graphs} graphs ({pushed.triples} triples) to {push_to}",
                              highlight=False, markup=False)


def _show_progress() -> bool:
    """Progress bars only for a person watching: not with --quiet, not into a pipe or log."""
    return not state.quiet and sys.stderr.isatty()


class _progress_bar:
    """A rich progress bar on stderr: documents (of the total when known), claims, claims/s,
    and the time left when the total is known."""

    def __init__(self, total: int | None = None, description: str = "extracting") -> None:
        import time

        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)

        columns = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), MofNCompleteColumn(), TextColumn("documents")]
        else:
            columns += [TextColumn("{task.completed} documents")]
        columns += [TextColumn("{task.fields[claims]} claims ({task.fields[rate]:.0f}/s)"),
                    TimeElapsedColumn()]
        if total is not None:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        self._progress = Progress(*columns, console=err_console, transient=True)
        self._task = self._progress.add_task(description, total=total, claims=0, rate=0.0)
        self._claims = 0
        self._clock = time.perf_counter
        self._started = self._clock()
        self._progress.start()

    def advance(self, documents: int, claims: int) -> None:
        """``documents`` done so far; ``claims`` found since the last call."""
        self._claims += claims
        elapsed = max(self._clock() - self._started, 1e-9)
        self._progress.update(self._task, completed=documents, claims=self._claims,
                              rate=self._claims / elapsed)

    def stop(self) -> None:
        self._progress.stop()


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (recursive)."),
    fmt: ClaimFormat = typer.Option(ClaimFormat.jsonl, "--format", "-f", help="jsonl (the contract) or a readable table."),
    model: str = MODEL_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
    batch_size: int = BATCH_OPTION,
    executor: ExecutorName = EXECUTOR_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    gazetteer: Optional[list[Path]] = GAZETTEER_OPTION,
) -> None:
    """Print the claims of articles to stdout; writes no store."""
    from alliance_graph.executors import resolve_jobs
    from alliance_graph.extract.readers import iter_documents
    from alliance_graph.pipeline import expected_documents, extract_documents

    skipped: list[str] = []

    def on_skip(path: str, reason: str) -> None:
        skipped.append(path)
        _warn_skip(path, reason)

    documents = 0
    rows = []
    total = expected_documents(inputs)
    progress = _progress_bar(total) if _show_progress() else None
    try:
        for document, claims in extract_documents(
                iter_documents(inputs, on_skip, _warn_kept), model=model, batch_size=batch_size,
                jobs=resolve_jobs(jobs, total), executor=executor.value, scheduler=scheduler,
                gazetteers=gazetteer or ()):
            documents += 1
            for claim in claims:
                if fmt is ClaimFormat.jsonl:
                    sys.stdout.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
                else:
                    rows.append(claim)
            if progress:
                progress.advance(documents, len(claims))
    finally:
        if progress:
            progress.stop()
    if fmt is ClaimFormat.table:
        _print_claims_table(rows)
    if documents == 0:
        raise AllianceGraphError(
            f"no article could be read ({len(skipped)} skipped)" if skipped
            else "no articles found in the inputs (.txt, .md, .html, .json, .jsonl)")


def _print_claims_table(claims) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("subject", "relation", "object", "modality", "conf.", "source"):
        table.add_column(column, no_wrap=True)
    table.add_column("evidence", overflow="fold", min_width=30)
    for claim in claims:
        table.add_row(claim.subject, claim.relation, claim.object, claim.modality or "",
                      f"{claim.confidence:.2f}" if claim.confidence is not None else "",
                      claim.source, (claim.evidence or "")[:160])
    # A pipe or file has no width: give the table room rather than fold names mid-word.
    out = console if console.is_terminal else Console(width=max(console.width, 200))
    out.print(table)


@app.command("eval")
def evaluate(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders the gold is about."),
    gold: Path = typer.Option(..., "--gold", "-g", help="Gold claims (JSON Lines)."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every miss and false positive with its evidence."),
    peer: Optional[str] = typer.Option(None, "--peer", help="Also score a naive peer in the same run: textacy."),
    model: str = MODEL_OPTION,
    gazetteer: Optional[list[Path]] = typer.Option(
        None, "--gazetteer", metavar="FILE", help="Extra gazetteer (JSON Lines), as for build. Repeatable."),
) -> None:
    """Score extraction against gold claims: precision, recall, F1, per relation."""
    from alliance_graph.extract.evaluate import run_eval

    result = run_eval(gold, inputs, model=model, show_errors=show_errors, peer=peer,
                      gazetteers=gazetteer or ())
    console.print(result.text if hasattr(result, "text") else str(result), highlight=False,
                  markup=False)


# --- store commands ---

STORE_OPTION = typer.Option(Path("out/store"), "--store", "-s", help="Store folder written by `build`.")


@contextlib.contextmanager
def _reader_may_close_stdout():
    """`export | head` is not an error: stop quietly when the reader closes the pipe."""
    try:
        yield
    except BrokenPipeError:
        # Point stdout at /dev/null so Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


class ExportFormatName(str, Enum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    xml = "xml"


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def export(
    fmt: ExportFormatName = typer.Option(ExportFormatName.turtle, "--format", "-f",
                                         help="RDF syntax; nquads, trig and jsonld keep one named graph per document."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    store: Path = STORE_OPTION,
) -> None:
    """Write the whole store as RDF (Turtle, N-Triples and RDF/XML get the union of the graphs)."""
    from alliance_graph.ontology.store import ClaimStore

    with ClaimStore(store, read_only=True) as claim_store:
        if output is not None:
            claim_store.export(fmt.value, output)
        else:  # bytes straight to stdout: no decoded copy of a large export in memory
            with _reader_may_close_stdout():
                sys.stdout.flush()
                claim_store.export(fmt.value, getattr(sys.stdout, "buffer", sys.stdout))
                getattr(sys.stdout, "buffer", sys.stdout).flush()
    if output is not None and not state.quiet:
        err_console.print(f"wrote {output}", highlight=False, markup=False)


@app.command()
def load(
    files: list[Path] = typer.Argument(..., help="RDF files: N-Quads, TriG, N-Triples, Turtle, JSON-LD, RDF/XML."),
    store: Path = STORE_OPTION,
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="EXT",
                                      help="Format (nq, trig, nt, ttl...); default: from each file's name."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, show_default="one per core",
                                       help="Loader threads for N-Quads and N-Triples files."),
    lenient: bool = typer.Option(False, "--lenient", help="Skip IRI validation (faster; for dumps known to be valid)."),
) -> None:
    """Bulk-load RDF dumps into a store (a restore, a migration, or a merge of two stores).

    Uses Oxigraph's bulk loader: much faster than `build`'s transactional writes, but not
    atomic, so run it while nothing else writes to the store.
    """
    from alliance_graph.errors import InputError
    from alliance_graph.ontology.store import ClaimStore

    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise InputError(f"No such file: {', '.join(missing)}")
    with ClaimStore(store) as claim_store:
        before = claim_store.triple_count()
        for path in files:
            claim_store.bulk_load(path, fmt, jobs=jobs, lenient=lenient)
        added = claim_store.triple_count() - before
    if not state.quiet:
        err_console.print(f"loaded {len(files)} file(s) into {store}: {added:,} new triples",
                          highlight=False, markup=False, soft_wrap=True)


def _parse_bindings(bindings: list[str]) -> dict[str, object]:
    from rdflib import URIRef

    from alliance_graph.errors import InputError

    parsed: dict[str, object] = {}
    for binding in bindings:
        name, sep, value = binding.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--bind expects NAME=VALUE, got {binding!r}.")
        is_iri = value.startswith("<") and value.endswith(">")
        if is_iri:
            from pyoxigraph import NamedNode

            try:  # refuse it here, before rdflib warns and the query fails further down
                NamedNode(value[1:-1])
            except ValueError as error:
                raise InputError(f"--bind {name.strip()}: {value} is not a valid IRI ({error}).") from None
        parsed[name.strip()] = URIRef(value[1:-1]) if is_iri else value
    return parsed


@app.command()
def sparql(
    query: str = typer.Argument(..., help="A SPARQL query, or a file holding one."),
    fmt: ResultFormat = typer.Option(ResultFormat.table, "--format", "-f", help="table, csv or json (SPARQL results)."),
    bind: Optional[list[str]] = typer.Option(None, "--bind", "-b", metavar="NAME=VALUE",
                                             help="Bind ?NAME to a string (or <IRI>); repeatable. The variable must be selected."),
    store: Path = STORE_OPTION,
) -> None:
    """Run a SPARQL query over the store (default graph = union of all documents' graphs)."""
    from alliance_graph.ontology.exports import format_result
    from alliance_graph.ontology.store import ClaimStore

    text = query
    if "{" not in query and Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    with ClaimStore(store, read_only=True) as claim_store:
        result = claim_store.query(text, _parse_bindings(bind or []))
        rendered = format_result(result, fmt.value, base_iri=claim_store.base_iri)
    with _reader_may_close_stdout():
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
        sys.stdout.flush()


@app.command()
def validate(
    store: Path = STORE_OPTION,
    limit: int = typer.Option(20, "--limit", min=1, help="Show at most this many problems."),
) -> None:
    """Check the store against shapes.ttl (pySHACL) and the ontology; exit 1 if it does not conform."""
    from alliance_graph.ontology.store import ClaimStore
    from alliance_graph.ontology.validation import validate_store

    with ClaimStore(store, read_only=True) as claim_store:
        report = validate_store(claim_store)
    console.print(report.summary(limit), highlight=False, markup=False)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", "-e", help="Graph Store Protocol URL, e.g. http://localhost:7878/store."),
    user: Optional[str] = typer.Option(None, "--user", "-u", help="HTTP Basic user name."),
    password_env: Optional[str] = typer.Option(None, "--password-env", metavar="VAR",
                                               help="Environment variable holding the password (never on the command line)."),
    graph_param: str = typer.Option("graph", "--graph-param", help="Query parameter naming the graph (Virtuoso: graph-uri)."),
    with_ontology: bool = typer.Option(False, "--with-ontology", help="Also send the ontology as its own graph."),
    store: Path = STORE_OPTION,
) -> None:
    """Send every named graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol, PUT)."""
    from alliance_graph.errors import InputError
    from alliance_graph.ontology.exports import push_store
    from alliance_graph.ontology.store import ClaimStore

    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise InputError(f"--password-env {password_env}: that environment variable is not set.")
    with ClaimStore(store, read_only=True) as claim_store:
        report = push_store(claim_store, endpoint, user=user, password=password,
                            graph_param=graph_param, include_ontology=with_ontology)
    if not state.quiet:
        err_console.print(f"pushed {report.graphs} graphs ({report.triples} triples) to {endpoint}",
                          highlight=False, markup=False)


# --- analyst commands ---


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class CentralityName(str, Enum):
    pagerank = "pagerank"
    degree = "degree"
    betweenness = "betweenness"


query_app = typer.Typer(no_args_is_help=True, add_completion=False,
                        help="Ask the graph: neighbors, who does what to whom, paths, "
                             "central actors, communities.")
app.add_typer(query_app, name="query")

STORE_READ_OPTION = typer.Option(Path("out/store"), "--store", "-s",
                                 help="Store folder written by `build`.")
FORMAT_OPTION = typer.Option(ReportFormat.table, "--format", "-f", help="Output format.")
MIN_SOURCES_OPTION = typer.Option(1, "--min-sources", min=1,
                                  help="Only edges claimed by at least N documents.")
NEGATED_OPTION = typer.Option(False, "--include-negated",
                              help="Also count claims the text denies (left out by default).")
MIN_CONFIDENCE_OPTION = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                     help="Only claims the extractor trusts at least this much (0-1).")


def _load_graph(store_dir: Path, min_sources: int = 1, include_negated: bool = False,
                relations: list[str] | None = None, *, around: str | None = None,
                radius: int | None = None, min_confidence: float = 0.0):
    """The store as a graph; ``around`` an actor, only the claims that touch it are read
    (with ``radius``, its whole neighbourhood), which is what keeps queries fast on big stores."""
    from alliance_graph.graph.network import DEFAULT_MODALITIES, read_neighborhood, to_networkx
    from alliance_graph.ontology.store import ClaimStore

    filters = {"min_sources": min_sources, "relations": relations or None,
               "modalities": (*DEFAULT_MODALITIES, "negated") if include_negated else None,
               "min_confidence": min_confidence}
    with ClaimStore(store_dir, read_only=True) as store:
        if around is not None and radius is not None:
            return read_neighborhood(store, around, radius, **filters)
        return to_networkx(store, actors=None if around is None else [around], **filters)


def _print_report(report, fmt: ReportFormat) -> None:
    from alliance_graph.graph.report import render_report

    sys.stdout.write(render_report(report, fmt.value, width=console.width,
                                   color=console.is_terminal and not console.no_color))


@query_app.command("neighbors")
def query_neighbors(
    actor: str = typer.Argument(..., help="Actor name, alias or Wikidata QID."),
    relation: Optional[str] = typer.Option(None, "--relation", "-r", help="Only this relation."),
    direction: str = typer.Option("both", "--direction", "-d", help="out, in or both."),
    store: Path = STORE_READ_OPTION, fmt: ReportFormat = FORMAT_OPTION,
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Edges between ACTOR and its neighbours, best corroborated first."""
    from alliance_graph.graph.network import neighbors, resolve_actor
    from alliance_graph.graph.report import links_report

    graph = _load_graph(store, min_sources, include_negated, around=actor, min_confidence=min_confidence)
    found = neighbors(graph, actor, relation=relation, direction=direction)
    _print_report(links_report(f"Neighbors of {resolve_actor(graph, actor)}", found), fmt)


@query_app.command("who")
def query_who(
    relation: str = typer.Argument(..., help="A relation: supplies_weapons_to, meets_with..."),
    actor: str = typer.Argument(..., help="The actor on the receiving end."),
    store: Path = STORE_READ_OPTION, fmt: ReportFormat = FORMAT_OPTION,
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Who does RELATION to ACTOR ("who supplies_weapons_to Russia")."""
    from alliance_graph.graph.network import resolve_actor, resolve_relation, who
    from alliance_graph.graph.report import links_report

    graph = _load_graph(store, min_sources, include_negated, [relation], around=actor, min_confidence=min_confidence)
    found = who(graph, relation, actor)
    _print_report(links_report(
        f"Who {resolve_relation(relation)} {resolve_actor(graph, actor)}", found), fmt)


@query_app.command("path")
def query_path(
    source: str = typer.Argument(..., help="First actor."),
    target: str = typer.Argument(..., help="Second actor."),
    max_hops: int = typer.Option(3, "--max-hops", min=1, help="Longest path, in edges."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many paths."),
    store: Path = STORE_READ_OPTION, fmt: ReportFormat = FORMAT_OPTION,
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Every simple path between two actors (either direction), each hop with its evidence."""
    from alliance_graph.graph.network import paths
    from alliance_graph.graph.report import paths_report

    graph = _load_graph(store, min_sources, include_negated, min_confidence=min_confidence)
    found = paths(graph, source, target, max_hops=max_hops, limit=limit)
    _print_report(paths_report(f"Paths from {source} to {target} (up to {max_hops} hops)",
                               found), fmt)


@query_app.command("top")
def query_top(
    by: CentralityName = typer.Option(CentralityName.pagerank, "--by", help="Centrality measure."),
    count: int = typer.Option(10, "-n", "--top", min=1, help="How many actors."),
    store: Path = STORE_READ_OPTION, fmt: ReportFormat = FORMAT_OPTION,
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """The most central actors."""
    from alliance_graph.graph.analytics import centrality
    from alliance_graph.graph.report import ranking_report

    graph = _load_graph(store, min_sources, include_negated, min_confidence=min_confidence)
    _print_report(ranking_report(graph, centrality(graph, by=by.value, top=count), by.value), fmt)


@query_app.command("communities")
def query_communities(
    seed: int = typer.Option(42, "--seed", help="Random seed (same seed, same answer)."),
    store: Path = STORE_READ_OPTION, fmt: ReportFormat = FORMAT_OPTION,
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Groups of actors more linked to each other than to the rest (Louvain)."""
    from alliance_graph.graph.analytics import communities
    from alliance_graph.graph.report import communities_report

    graph = _load_graph(store, min_sources, include_negated, min_confidence=min_confidence)
    _print_report(communities_report(communities(graph, seed=seed)), fmt)


@app.command()
def render(
    output: Path = typer.Option(Path("graph.html"), "--output", "-o", help="HTML file to write."),
    actor: Optional[str] = typer.Option(None, "--actor", "-a", help="Only this actor's neighbourhood."),
    radius: int = typer.Option(1, "--radius", min=1, help="Neighbourhood radius (with --actor)."),
    relation: Optional[list[str]] = typer.Option(None, "--relation", "-r",
                                                 help="Only these relations (repeatable)."),
    min_sources: int = MIN_SOURCES_OPTION, include_negated: bool = NEGATED_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
    title: str = typer.Option("alliance-graph", "--title", help="Page title."),
    store: Path = STORE_READ_OPTION,
) -> None:
    """Write the interactive HTML graph (self-contained; opens offline) from the store."""
    from alliance_graph.graph.network import subgraph
    from alliance_graph.graph.render import render_html

    graph = subgraph(_load_graph(store, min_sources, include_negated, relation, around=actor,
                                 radius=radius, min_confidence=min_confidence), actor=actor, radius=radius)
    path = render_html(graph, output, title=title)
    if not state.quiet:
        err_console.print(f"wrote {path} ({graph.number_of_nodes()} actors, "
                          f"{graph.number_of_edges()} edges)", highlight=False, markup=False)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
