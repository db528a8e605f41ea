"""Answers as tables, JSON or CSV: what ``alliance-graph query`` prints.

Each ``*_report`` function turns a query result into a ``Report`` (columns and rows for the
table and CSV, richer records for JSON); ``render_report`` formats it.
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
    """A titled table, plus the records ``--format json`` writes.

    ``table_columns``/``table_rows``, when given, are a narrower layout for terminals (the
    edge and its evidence in one cell); CSV and HTML always use ``columns``/``rows``.
    """

    title: str
    columns: list[str]
    rows: list[list[Any]]
    records: Any
    table_columns: list[str] | None = None
    table_rows: list[list[Any]] | None = None

    def _repr_html_(self) -> str:
        """Jupyter shows a report as an HTML table (every cell escaped)."""
        return report_html(self)


def _number(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _short(text: str | None, limit: int = _EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _evidence(link: Link) -> str:
    return link.evidence[0] if link.evidence else ""


def _link_row(link: Link) -> list[Any]:
    return [link.subject, link.relation, link.object, link.source_count,
            _number(link.confidence), link.modality or "", _evidence(link),
            "; ".join(link.sources)]


def _link_cell(link: Link) -> Any:
    """``subject --relation--> object`` over its best evidence sentence, for terminals."""
    from rich.text import Text

    cell = Text()
    cell.append(link.subject, style="bold")
    cell.append(f" \u2014{link.relation}\u2192 ")
    cell.append(link.object, style="bold")
    if link.evidence:
        cell.append("\n\u201c" + _short(_evidence(link)) + "\u201d", style="italic dim")
    return cell


def _link_table_row(link: Link) -> list[Any]:
    return [_link_cell(link), link.source_count, _number(link.confidence), link.modality or ""]


LINK_COLUMNS = ["subject", "relation", "object", "sources", "confidence", "modality",
                "evidence", "source ids"]
LINK_TABLE_COLUMNS = ["claim and best evidence", "sources", "confidence", "modality"]


def links_report(title: str, found: Sequence[Link]) -> Report:
    """Edges (neighbors, who) as a report: one row per edge, its best evidence sentence."""
    return Report(title=title, columns=LINK_COLUMNS, rows=[_link_row(link) for link in found],
                  records=[link.to_dict() for link in found],
                  table_columns=LINK_TABLE_COLUMNS,
                  table_rows=[_link_table_row(link) for link in found])


def paths_report(title: str, found: Sequence[Sequence[Link]]) -> Report:
    """Paths as a report: one row per hop, numbered ``path.hop``."""
    numbered = [(f"{number}.{hop_number}", hop) for number, path in enumerate(found, 1)
                for hop_number, hop in enumerate(path, 1)]
    records = [{"path": number, "hops": [hop.to_dict() for hop in path]}
               for number, path in enumerate(found, 1)]
    return Report(title=title, columns=["hop", *LINK_COLUMNS],
                  rows=[[hop_id, *_link_row(hop)] for hop_id, hop in numbered], records=records,
                  table_columns=["hop", *LINK_TABLE_COLUMNS],
                  table_rows=[[hop_id, *_link_table_row(hop)] for hop_id, hop in numbered])


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

    head = "".join(f"<th>{escape(column)}</th>" for column in report.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>"
                   for row in report.rows)
    return (f"<table><caption>{escape(report.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def render_report(report: Report, fmt: str = "table", *, width: int | None = None,
                  color: bool = False) -> str:
    """The report as text: a rich table (with ANSI styles when ``color``), JSON, or CSV.

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
    columns = report.table_columns or report.columns
    rows = report.table_rows if report.table_rows is not None else report.rows
    # Short columns keep their width; the free text takes what is left.
    flexible = {"claim and best evidence", "actors"}
    table = Table(title=report.title, title_justify="left",
                  show_lines=report.table_rows is not None,
                  expand=bool(flexible & set(columns)))
    for column in columns:
        table.add_column(column, overflow="fold", ratio=1 if column in flexible else None,
                         no_wrap=column not in flexible | {"actor"},
                         justify="right" if column in ("sources", "edges", "rank", "size",
                                                       "confidence") else "left")
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else Text(str(cell)) for cell in row))
    console = Console(file=io.StringIO(), width=width or 160, force_terminal=color,
                      color_system="standard" if color else None)
    console.print(table)
    return console.file.getvalue()
