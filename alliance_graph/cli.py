"""The ``alliance-graph`` command: a thin layer over the library.

Every command catches ``AllianceGraphError`` (through ``_Group.invoke``) and prints its message
without a traceback; ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import json
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console
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


class _Group(TyperGroup):
    """Turns user errors into one clear line and a non-zero exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AllianceGraphError as error:
            if state.debug:
                traceback.print_exc()
            err_console.print(f"[bold red]Error:[/] {error}", highlight=False, markup=True,
                              soft_wrap=True)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, click.exceptions.ClickException, click.exceptions.Abort,
                KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # a bug of ours: still no traceback unless asked for
            if state.debug:
                traceback.print_exc()
            else:
                err_console.print(
                    f"[bold red]Internal error:[/] {type(error).__name__}: {error}\n"
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
    err_console.print(f"[yellow]warning:[/] skipped {path}: {reason}", highlight=False,
                      markup=True, soft_wrap=True)


MODEL_OPTION = typer.Option(DEFAULT_MODEL, "--model", "-m",
                            help="Installed spaCy pipeline to use (package name).")
JOBS_OPTION = typer.Option(1, "--jobs", "-j", min=1, help="Processes for extraction.")
BATCH_OPTION = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1,
                            help="Documents per spaCy batch and per store write.")


class ClaimFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (recursive)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for the outputs."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder (default OUT/store)."),
    base_iri: str = typer.Option(DEFAULT_BASE_IRI, "--base-iri", help="Base IRI for actors, documents and claims."),
    model: str = MODEL_OPTION,
    jobs: int = JOBS_OPTION,
    batch_size: int = BATCH_OPTION,
    html: bool = typer.Option(True, "--html/--no-html", help="Write graph.html."),
) -> None:
    """Extract claims from articles into the store; write claims.jsonl, graph.ttl, graph.html."""
    from alliance_graph.pipeline import build as run_build

    progress = None if state.quiet or not sys.stderr.isatty() else _progress_bar()
    try:
        summary = run_build(inputs, out, store_dir=store, model=model, base_iri=base_iri,
                            batch_size=batch_size, jobs=jobs, html=html, on_skip=_warn_skip,
                            on_progress=progress.advance if progress else None)
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
            highlight=False)


class _progress_bar:
    """A rich progress bar for documents and claims (only on a terminal)."""

    def __init__(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                  TextColumn("{task.completed} documents"),
                                  TextColumn("{task.fields[claims]} claims"),
                                  TimeElapsedColumn(), console=err_console, transient=True)
        self._task = self._progress.add_task("extracting", total=None, claims=0)
        self._claims = 0
        self._progress.start()

    def advance(self, documents: int, claims: int) -> None:
        self._claims += claims
        self._progress.update(self._task, completed=documents, claims=self._claims)

    def stop(self) -> None:
        self._progress.stop()


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (recursive)."),
    fmt: ClaimFormat = typer.Option(ClaimFormat.jsonl, "--format", "-f", help="jsonl (the contract) or a readable table."),
    model: str = MODEL_OPTION,
    jobs: int = JOBS_OPTION,
    batch_size: int = BATCH_OPTION,
) -> None:
    """Print the claims of articles to stdout; writes no store."""
    from alliance_graph.extract.readers import iter_documents
    from alliance_graph.pipeline import extract_documents

    skipped: list[str] = []

    def on_skip(path: str, reason: str) -> None:
        skipped.append(path)
        _warn_skip(path, reason)

    documents = 0
    rows = []
    for document, claims in extract_documents(iter_documents(inputs, on_skip), model=model,
                                              batch_size=batch_size, jobs=jobs):
        documents += 1
        for claim in claims:
            if fmt is ClaimFormat.jsonl:
                sys.stdout.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
            else:
                rows.append(claim)
    if fmt is ClaimFormat.table:
        _print_claims_table(rows)
    if documents == 0:
        raise AllianceGraphError(
            f"no article could be read ({len(skipped)} skipped)" if skipped
            else "no articles found in the inputs (.txt, .md, .html, .json, .jsonl)")


def _print_claims_table(claims) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("subject", "relation", "object", "modality", "conf.", "source", "evidence"):
        table.add_column(column, overflow="fold")
    for claim in claims:
        table.add_row(claim.subject, claim.relation, claim.object, claim.modality or "",
                      f"{claim.confidence:.2f}" if claim.confidence is not None else "",
                      claim.source, (claim.evidence or "")[:160])
    console.print(table)


@app.command("eval")
def evaluate(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders the gold is about."),
    gold: Path = typer.Option(..., "--gold", "-g", help="Gold claims (JSON Lines)."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every miss and false positive with its evidence."),
    peer: Optional[str] = typer.Option(None, "--peer", help="Also score a naive peer in the same run: textacy."),
    model: str = MODEL_OPTION,
) -> None:
    """Score extraction against gold claims: precision, recall, F1, per relation."""
    from alliance_graph.extract.evaluate import run_eval

    result = run_eval(gold, inputs, model=model, show_errors=show_errors, peer=peer)
    console.print(result.text if hasattr(result, "text") else str(result), highlight=False,
                  markup=False)


# --- store commands ---


# --- analyst commands ---


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
