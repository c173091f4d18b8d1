"""The group workshop's summary: one CSV row per person of the group, in the group's order.

Its columns are machine keys (like every CSV of the tool), its values raw (costs as numbers,
lists joined with ``;``). A person who could not be read keeps their row, with ``status``
``invalid`` and the ``problem``. Every cell goes through :func:`~esante_cli.render.csv.safe_cell`:
a name starting with ``=``, ``+``, ``-`` or ``@`` gets a leading quote, so no spreadsheet runs
it as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..results.workshop import WorkshopPerson, WorkshopResult
from .csv import safe_cell

__all__ = ["SUMMARY_COLUMNS", "render_summary_csv"]

SUMMARY_COLUMNS = [
    "person",
    "name",
    "source",
    "status",
    "current_job",
    "current_job_title",
    "best_match",
    "best_match_title",
    "best_match_cost",
    "best_match_band",
    "target",
    "target_title",
    "cost",
    "band",
    "reachable",
    "levels_to_climb",
    "max_jump",
    "coverage",
    "blocking",
    "gaps",
    "unassessed",
    "report",
    "problem",
    "current_job_text",  # added later: last, so that the columns before keep their places
    "best_match_move",
    "move",
    "stability",
]


def _row(p: WorkshopPerson, report_suffix: str) -> list[Any]:
    if p.report is None or p.report.person is None:
        empty = [""] * (len(SUMMARY_COLUMNS) - 9)
        return [p.index, p.name, p.source, "invalid", *empty, p.problem, "", "", "", ""]
    person = p.report.person
    chosen = person.target_match
    best = p.best_match
    assert best is not None
    return [
        p.index,
        p.name,
        p.source,
        "ok",
        p.current_job.id if p.current_job else "",
        p.current_job.title if p.current_job else "",
        best.id,
        best.title,
        best.cost,
        best.band,
        chosen.id,
        chosen.title,
        chosen.cost,
        chosen.band,
        "true" if chosen.reachable else "false",
        chosen.levels_to_climb,
        chosen.max_jump,
        chosen.coverage,
        ";".join(g.id for g in chosen.blocking),
        ";".join(f"{g.id}:{'' if g.level is None else g.level}->{g.required}" for g in chosen.gaps),
        ";".join(p.unassessed),
        p.slug + report_suffix,
        "",
        p.current_job_text or "",
        best.move,
        chosen.move,
        "" if chosen.stability is None else chosen.stability,
    ]


def render_summary_csv(result: WorkshopResult, report_suffix: str = ".html") -> str:
    """The summary as CSV text; ``report_suffix`` names each person's report file."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for p in result.people:
        writer.writerow([safe_cell(v) for v in _row(p, report_suffix)])
    return buf.getvalue()
