"""The group workshop's summary: one CSV row per person of the group, in the group's order.

Its columns are machine keys (like every plain CSV of the tool), its values raw (costs as
numbers, lists joined with ``;``). A person who could not be read keeps their row, with
``status`` ``invalid`` and the ``problem``. Every cell goes through
:func:`~esante_cli.render.csv.safe_cell`: a name starting with ``=``, ``+``, ``-`` or ``@`` gets
a leading quote, so no spreadsheet runs it as a formula. In the excel-fr dialect the headers
are words of the interface language, numbers take a decimal comma, booleans oui/non; the same
rows make the summary workbook (:func:`~esante_cli.render.xlsx.write_summary_xlsx`).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ..choices import CsvDialect
from ..i18n import Lang
from ..results.workshop import WorkshopPerson, WorkshopResult
from .csv import CsvStyle, enum_word, safe_cell

__all__ = ["SUMMARY_COLUMNS", "render_summary_csv", "summary_rows"]

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
        chosen.reachable,
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


def summary_rows(
    result: WorkshopResult, report_suffix: str = ".html", lang: Lang | None = None
) -> list[list[Any]]:
    """The summary's rows, values raw (numbers, booleans, text; '' for nothing), in the order
    of :data:`SUMMARY_COLUMNS`; with ``lang`` (a spreadsheet for people: excel-fr, .xlsx), the
    words of the status, the moves and the source line in that language."""
    rows = [_row(p, report_suffix) for p in result.people]
    return rows if lang is None else [_in_words(row, lang) for row in rows]


_LINE = re.compile(r"line (\d+)")


def _in_words(row: list[Any], lang: Lang) -> list[Any]:
    """The closed-list values as words (as every excel-fr CSV has them), and 'line 2' as
    'ligne 2'."""
    from ..i18n import t

    out = [enum_word(k, v, lang) for k, v in zip(SUMMARY_COLUMNS, row)]
    source = SUMMARY_COLUMNS.index("source")
    found = _LINE.fullmatch(str(out[source]))
    if found:
        out[source] = t("w_source_line", lang).format(line=found.group(1))
    return out


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def render_summary_csv(
    result: WorkshopResult,
    report_suffix: str = ".html",
    dialect: CsvDialect = CsvDialect.plain,
    lang: Lang = Lang.fr,
) -> str:
    """The summary as CSV text; ``report_suffix`` names each person's report file; ``dialect``
    and ``lang`` lay it out (see :class:`~esante_cli.render.csv.CsvStyle`)."""
    style = CsvStyle(CsvDialect(dialect), lang)
    if style.excel:
        rows = ([style.cell(v) for v in row] for row in summary_rows(result, report_suffix, lang))
        return style.table(style.headers(SUMMARY_COLUMNS), rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in summary_rows(result, report_suffix):
        writer.writerow([_plain(v) for v in row])
    return buf.getvalue()
