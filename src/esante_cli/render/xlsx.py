"""Spreadsheet workbooks (``.xlsx``, written by openpyxl): the workshop's summary and the cost
matrix, for a counsellor who opens them in Excel or LibreOffice without an import dialogue.

One sheet, its header row in bold and frozen, in the interface language (the words of the
excel-fr CSV, :func:`~esante_cli.render.csv.header_word`); numbers are numbers, booleans are
booleans, an empty value is an empty cell. Text is always text: a name starting with ``=`` is
stored as a string, never as a formula, and the control characters a workbook cannot hold are
left out. The sheet is streamed (openpyxl's write-only mode), so a matrix of 3,000 jobs
(9 million cells) never sits in memory. The same content gives the same bytes: the workbook's
dates and the archive's are fixed.

A sheet holds at most :data:`SHEET_ROWS` rows and :data:`SHEET_COLUMNS` columns; the callers
refuse, with one line, a table that does not fit (:func:`fits`). openpyxl is imported only here.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from ..i18n import Lang, t
from .csv import header_word

if TYPE_CHECKING:
    from ..results.visual import MatrixStream
    from ..results.workshop import WorkshopResult

__all__ = [
    "SHEET_COLUMNS",
    "SHEET_ROWS",
    "fits",
    "matrix_size",
    "write_matrix_xlsx",
    "write_summary_xlsx",
    "write_workbook",
]

SHEET_ROWS = 1_048_576  # the most rows a sheet of Excel (and of the .xlsx format) holds
SHEET_COLUMNS = 16_384  # the most columns
FIXED_TIME = datetime(2000, 1, 1)  # the workbook's creation date: the same bytes every time
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def fits(rows: int, columns: int) -> str | None:
    """None when a sheet holds a table of ``rows`` rows (its header included) and ``columns``
    columns; otherwise which limit it passes: ``"rows"`` or ``"columns"``."""
    if rows > SHEET_ROWS:
        return "rows"
    if columns > SHEET_COLUMNS:
        return "columns"
    return None


class _StableZip(zipfile.ZipFile):
    """A zip archive whose members all carry the same date, so that the workbook's bytes
    depend on its content only."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        info = self._info(str(arcname if arcname is not None else filename))
        with open(filename, "rb") as source, self.open(info, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1 << 20)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info


def _text(value: str) -> Any:
    """A string cell: control characters a workbook cannot hold removed; a formula-looking text
    kept as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value or None


def _cell(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy number
        value = value.item()
    if isinstance(value, str):
        return _text(value)
    return value


def write_workbook(
    handle: IO[bytes],
    sheet: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: Sequence[float] = (),
    frozen: str = "A2",
    formats: Mapping[int, str] | None = None,
) -> None:
    """Write a workbook of one sheet named ``sheet`` into ``handle``: the ``header`` row in
    bold, then ``rows`` (Python values: numbers, booleans, text, None for an empty cell),
    streamed. ``widths``: the first columns' widths (in characters); ``frozen``: the first cell
    that scrolls; ``formats``: a column's number format, by its index ("0%": a share shown as
    the reports show it, 68 %, the cell keeping its exact value)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    book.properties.creator = "esante"
    book.properties.created = book.properties.modified = FIXED_TIME
    ws = book.create_sheet(sheet[:31])  # Excel's longest sheet name
    ws.freeze_panes = frozen
    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    bold = Font(bold=True)

    def text_cell(value: str) -> Any:
        # openpyxl reads a string starting with '=' as a formula: such a cell is made text
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell

    head = []
    for word in header:
        cell = WriteOnlyCell(ws, value=_text(word))
        cell.data_type = "s"
        cell.font = bold
        head.append(cell)
    ws.append(head)

    def number_cell(value: Any, fmt: str) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = fmt
        return cell

    formats = formats or {}
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(
            [
                text_cell(v)
                if isinstance(v, str) and v.startswith("=")
                else number_cell(v, formats[i])
                if i in formats and isinstance(v, (int, float)) and not isinstance(v, bool)
                else v
                for i, v in enumerate(values)
            ]
        )
    with _StableZip(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()


# -- the workshop's summary ---------------------------------------------------------------------


def write_summary_xlsx(
    handle: IO[bytes], result: WorkshopResult, report_suffix: str, lang: Lang
) -> None:
    """The workshop's summary (the rows of the summary CSV) as a workbook."""
    from .workshop import SUMMARY_COLUMNS, summary_rows

    rows = [
        [None if v == "" else v for v in row] for row in summary_rows(result, report_suffix, lang)
    ]
    header = [header_word(k, lang) for k in SUMMARY_COLUMNS]
    widths = [
        min(50.0, max([len(h), *(len(str(r[i])) for r in rows if r[i] is not None)]) + 2)
        for i, h in enumerate(header)
    ]
    shares = {i: "0%" for i, k in enumerate(SUMMARY_COLUMNS) if k in SHARE_COLUMNS}
    write_workbook(
        handle,
        t("xlsx_summary_sheet", lang),
        header,
        rows,
        widths=widths,
        frozen="C2",
        formats=shares,
    )


SHARE_COLUMNS = ("coverage", "stability")  # shares of 1: a spreadsheet shows them as 68 %


# -- the cost matrix ------------------------------------------------------------------------------


def matrix_size(stream: MatrixStream, layout: str) -> tuple[int, int]:
    """How many rows (its header included) and columns the matrix takes in a sheet."""
    from .export import LONG_COLUMNS

    n = len(stream.ids)
    if layout == "long":
        return 1 + n * (n - 1), len(LONG_COLUMNS)
    return 1 + n, 2 + n


def write_matrix_xlsx(handle: IO[bytes], stream: MatrixStream, layout: str, lang: Lang) -> None:
    """The cost matrix as a workbook, a block of source jobs at a time: ``square`` (a row per
    source job, a column per target job) or ``long`` (a row per ordered pair, with the cost's
    parts), as the CSV has them."""
    from .export import LONG_COLUMNS

    if layout == "long":
        header = [header_word(k, lang) for k in LONG_COLUMNS]
        rows: Iterator[Sequence[Any]] = _long_rows(stream)
        widths: list[float] = [24, 30, 24, 30]
        frozen = "E2"
    else:
        header = [header_word("id", lang), header_word("title", lang), *stream.ids]
        rows = _square_rows(stream)
        widths = [24, 30]
        frozen = "C2"
    write_workbook(handle, t("xlsx_matrix_sheet", lang), header, rows, widths=widths, frozen=frozen)


def _square_rows(stream: MatrixStream) -> Iterator[list[Any]]:
    for block in stream.blocks():
        cost = block.parts["cost"]
        for r in range(block.rows):
            i = block.start + r
            row = cost[r].tolist()
            row[i] = 0.0
            x = stream.ids[i]
            yield [x, stream.titles[x], *row]


def _long_rows(stream: MatrixStream) -> Iterator[list[Any]]:
    from .export import CLOSENESS_FIELDS, PART_FIELDS, part_tokens

    columns = ["cost", "band", "kind", *PART_FIELDS, "provenance", *CLOSENESS_FIELDS]
    names = [(x, stream.titles[x]) for x in stream.ids]
    for block in stream.blocks():
        tokens = part_tokens(block, lambda v: v)
        for r in range(block.rows):
            i = block.start + r
            values = [tokens[c][r].tolist() for c in columns]
            for j, cells in enumerate(zip(*values)):
                if j != i:
                    yield [*names[i], *names[j], *cells]
