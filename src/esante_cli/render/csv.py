"""CSV: the command's main table (or the chosen ``--section``), one header row.

Two dialects (``--csv-dialect``, ``ESANTE_CSV_DIALECT``): ``plain`` (the default) is for
programs: ``,`` between cells, a decimal point, the machine keys as headers, ``\\n`` line ends,
no byte-order mark. ``excel-fr`` is for a French spreadsheet, which opens it in columns with a
double click: ``;`` between cells, a UTF-8 byte-order mark, ``\\r\\n`` line ends, a decimal
comma in numbers, yes/no words for booleans and headers in the interface language
(:func:`header_word`).

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) are prefixed with a quote, so a hostile title stays inert text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..choices import CsvDialect
from ..i18n import Lang, t
from .views import sections_of

__all__ = ["CsvStyle", "excel_cell", "header_word", "render_csv", "safe_cell"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a number some views give as text ('0.13': a cost's part, rounded)
_DECIMAL_TEXT = re.compile(r"-?[0-9]+\.[0-9]+")
BOM = "\ufeff"


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def decimal_comma(value: float) -> str:
    """A number as French spreadsheets read it: 0.952 -> '0,952' (the digits of ``str``)."""
    return str(value).replace(".", ",")


def excel_cell(value: Any, lang: Lang = Lang.fr) -> str:
    """One cell of the excel-fr dialect: numbers (and a number given as text) with a decimal
    comma, booleans as oui/non (yes/no in English), text as :func:`safe_cell` writes it."""
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy number
        value = value.item()
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("csv_yes" if value else "csv_no", lang)
    if isinstance(value, float):
        return decimal_comma(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        return value.replace(".", ",")
    return safe_cell(value)


# the columns whose values are words of a closed list, and the prefix of their words' keys
_ENUMS = {
    "direction": "dir_",  # neighbours: in (leads to the job), out (where it leads)
    "side": "dir_",  # the map's table
    "move": "move_",
    "band": "band_",
    "kind": "kind_",
    "provenance": "prov_",
    "status": "status_",
}


def enum_word(key: str, value: Any, lang: Lang) -> Any:
    """A value of a closed list (a move, a band, a link, a provenance, a status) as the words of the
    interface language, for a spreadsheet read by people (excel-fr); any other value as is."""
    if not isinstance(value, str) or not value:
        return value
    from ..i18n import has_words

    for name, prefix in _ENUMS.items():
        if (key == name or key.endswith("_" + name)) and has_words(prefix + value):
            return t(prefix + value, lang)
    return value


def header_word(key: str, lang: Lang, column: str = "") -> str:
    """The header of column ``key`` for a person: its word in the interface language (i18n's
    ``csvh_<key>``), else ``column`` (the word its table shows: a job's title for a job's
    column), else the key itself."""
    name = f"csvh_{key}"
    try:
        word = t(name, lang)
    except KeyError:
        word = name
    return word if word != name else column.strip() or key


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV is laid out: the dialect (see :class:`~esante_cli.choices.CsvDialect`) and
    the interface language its headers and yes/no words follow in ``excel-fr``."""

    dialect: CsvDialect = CsvDialect.plain
    lang: Lang = Lang.fr

    @property
    def excel(self) -> bool:
        return self.dialect == CsvDialect.excel_fr

    @property
    def delimiter(self) -> str:
        return ";" if self.excel else ","

    @property
    def newline(self) -> str:
        return "\r\n" if self.excel else "\n"

    @property
    def start(self) -> str:
        """What the file starts with: the byte-order mark French Excel reads UTF-8 by."""
        return BOM if self.excel else ""

    def headers(self, keys: Sequence[str], columns: Sequence[str] = ()) -> list[str]:
        """The header row: the keys (plain), or their words (excel-fr)."""
        if not self.excel:
            return list(keys)
        words = list(columns) + [""] * (len(keys) - len(columns))
        return [header_word(k, self.lang, c) for k, c in zip(keys, words)]

    def cell(self, value: Any) -> str:
        """A value as an excel-fr cell (the plain writers keep their own cells)."""
        return excel_cell(value, self.lang)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        """The text of a whole table: the header row, then the rows (cells already made)."""
        buf = io.StringIO()
        buf.write(self.start)
        writer = csv.writer(buf, delimiter=self.delimiter, lineterminator=self.newline)
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue()


def render_csv(
    result: Any, lang: Lang = Lang.fr, dialect: CsvDialect = CsvDialect.plain, **opts: Any
) -> str:
    sections = sections_of(result, lang, human=False, **opts)
    main = next((s for s in sections if s.primary), sections[0])
    style = CsvStyle(CsvDialect(dialect), lang)
    if style.excel:
        rows = (
            [style.cell(enum_word(k, v, lang)) for k, v in zip(main.keys, row)] for row in main.rows
        )
        return style.table(style.headers(main.keys, main.columns), rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(main.keys)
    for row in main.rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
