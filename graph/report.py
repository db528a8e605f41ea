"""Answers as tables, JSON or CSV: what ``alliance-graph query`` prints.

Each ``*_report`` function turns a query result into a ``Report`` (columns and rows for the
table and CSV, richer records for JSON); ``write_report`` prints it in the chosen format.
Cells are rich ``Text`` objects, so brackets in an article string are never read as markup.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from alliance_graph.errors import AllianceGraphError
from alliance_graph.graph.network import Link

__all__ = ["FORMATS", "Report", "communities_report", "links_report", "paths_report",
           "ranking_report", "render_report", "report_html"]

FORMATS: tuple[str, ...] = ("table", "json", "csv")
_EVIDENCE_CHARS = 140


@dataclass
class Report:
    """A titled table, plus the records ``--format json`` writes."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    records: Any
    not_in_table: tuple[str, ...] = ()  # columns only CSV carries (too wide for a terminal)

    def _repr_html_(self) -> str:
        """Jupyter shows a report as an HTML table (every cell escaped)."""
        return report_html(self)


def _number(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _short(text: str | None, limit: int = _EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _link_row(link: Link, *, full: bool) -> list[Any]:
    evidence = link.evidence[0] if link.evidence else ""
    return [link.subject, link.relation, link.object, link.source_count,
            _number(link.confidence), link.modality or "",
            evidence if full else _short(evidence), "; ".join(link.sources)]


LINK_COLUMNS = ["subject", "relation", "object", "sources", "confidence", "modality",
                "evidence", "source ids"]


def links_report(title: str, found: Sequence[Link], *, full: bool = False) -> Report:
    """Edges (neighbors, who) as a report: one row per edge, its best evidence sentence."""
    return Report(title=title, columns=LINK_COLUMNS,
                  rows=[_link_row(link, full=full) for link in found],
                  records=[link.to_dict() for link in found], not_in_table=("source ids",))


def paths_report(title: str, found: Sequence[Sequence[Link]], *, full: bool = False) -> Report:
    """Paths as a report: one row per hop, numbered ``path.hop``."""
    rows = [[f"{number}.{hop_number}", *_link_row(hop, full=full)]
            for number, path in enumerate(found, 1) for hop_number, hop in enumerate(path, 1)]
    records = [{"path": number, "hops": [hop.to_dict() for hop in path]}
               for number, path in enumerate(found, 1)]
    return Report(title=title, columns=["hop", *LINK_COLUMNS], rows=rows, records=records,
                  not_in_table=("source ids",))


def ranking_report(graph: nx.MultiDiGraph, ranking: Sequence[tuple[str, float]],
                   by: str) -> Report:
    """A centrality ranking with each actor's type and number of edges."""
    rows = [[rank, actor, graph.nodes[actor].get("type") or "", graph.degree(actor),
             _number(score, 4)] for rank, (actor, score) in enumerate(ranking, 1)]
    records = [{"rank": rank, "actor": actor, "type": graph.nodes[actor].get("type"),
                "edges": graph.degree(actor), by: score}
               for rank, (actor, score) in enumerate(ranking, 1)]
    return Report(title=f"Most central actors by {by}",
                  columns=["rank", "actor", "type", "edges", by], rows=rows, records=records)


def communities_report(groups: Sequence[Sequence[str]]) -> Report:
    """Communities, largest first, with their members."""
    rows = [[number, len(group), ", ".join(group)] for number, group in enumerate(groups, 1)]
    records = [{"community": number, "size": len(group), "actors": list(group)}
               for number, group in enumerate(groups, 1)]
    return Report(title="Communities (Louvain)", columns=["community", "size", "actors"],
                  rows=rows, records=records)


def report_html(report: Report) -> str:
    """The report as an HTML table, every cell escaped (for notebooks).

    Examples
    --------
    >>> report_html(Report("t", ["actor"], [["<b>Iran</b>"]], []))
    '<table><caption>t</caption><thead><tr><th>actor</th></tr></thead><tbody><tr><td>&lt;b&gt;Iran&lt;/b&gt;</td></tr></tbody></table>'
    """
    from html import escape

    shown = [i for i, column in enumerate(report.columns) if column not in report.not_in_table]
    head = "".join(f"<th>{escape(report.columns[i])}</th>" for i in shown)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(row[i]))}</td>" for i in shown) + "</tr>"
                   for row in report.rows)
    return (f"<table><caption>{escape(report.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def render_report(report: Report, fmt: str = "table", *, width: int | None = None) -> str:
    """The report as text: a rich table, JSON, or CSV.

    Examples
    --------
    >>> report = Report("t", ["actor", "score"], [["[b]Iran[/b]", "0.5"]], [{"actor": "Iran"}])
    >>> print(render_report(report, "csv"), end="")
    actor,score
    [b]Iran[/b],0.5
    >>> render_report(report, "json")
    '[\\n  {\\n    "actor": "Iran"\\n  }\\n]\\n'
    """
    if fmt == "json":
        return json.dumps(report.records, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(report.columns)
        writer.writerows(report.rows)
        return buffer.getvalue()
    if fmt != "table":
        raise AllianceGraphError(f"Unknown format: {fmt!r}. Use one of: {', '.join(FORMATS)}")
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not report.rows:
        return f"{report.title}: nothing found.\n"
    shown = [i for i, column in enumerate(report.columns) if column not in report.not_in_table]
    # Short columns keep their width; the free text (evidence, actors) takes what is left.
    flexible = {"evidence", "actors"} & {report.columns[index] for index in shown}
    table = Table(title=report.title, title_justify="left", show_lines=False,
                  expand=bool(flexible))
    for index in shown:
        column = report.columns[index]
        table.add_column(column, overflow="fold",
                         no_wrap=column not in flexible | {"subject", "object", "actor"},
                         max_width=24 if column in ("subject", "object") else None,
                         justify="right" if column in ("sources", "edges", "rank", "size",
                                                       "confidence") else "left",
                         ratio=1 if column in flexible else None)
    for row in report.rows:
        table.add_row(*(Text(str(row[index])) for index in shown))
    console = Console(file=io.StringIO(), width=width or 160, force_terminal=False,
                      color_system=None)
    console.print(table)
    return console.file.getvalue()
