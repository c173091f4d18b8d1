"""Render a query result in the chosen format; only the chosen renderer is imported."""

from __future__ import annotations

import sys
from typing import IO, Any

from ..choices import CsvDialect, Format, Lang

__all__ = ["Format", "render"]


def render(
    result: Any,
    fmt: Format | str = Format.table,
    *,
    lang: Lang | None = None,
    out: IO[str] | None = None,
    csv_dialect: CsvDialect | str = CsvDialect.plain,
    **opts: Any,
) -> None:
    """Write ``result`` to ``out`` (stdout) as a rich table, JSON, CSV or Markdown.

    ``opts`` are view options of the human formats (``explain=True`` for routes);
    ``csv_dialect`` lays the CSV out for programs (``plain``) or a French spreadsheet.
    ``lang``: the language of the human formats (None: the current one, see :mod:`..i18n`)."""
    fmt = Format(fmt)
    stream = out if out is not None else sys.stdout
    if fmt is Format.json:  # machine-neutral: no language (and no catalogue read)
        from .json import render_json

        _write(stream, render_json(result))
        return
    from ..i18n import using

    with using(lang) as chosen:
        _render(result, fmt, chosen, stream, CsvDialect(csv_dialect), **opts)


def _render(
    result: Any, fmt: Format, lang: Lang, stream: IO[str], csv_dialect: CsvDialect, **opts: Any
) -> None:
    if fmt in (Format.table, Format.markdown):  # read by a person, maybe on a terminal
        from .printable import printable_result

        result = printable_result(result)
    if fmt is Format.table:
        from .table import render_table

        render_table(result, lang=lang, out=stream, **opts)
        return
    if fmt is Format.csv:
        from .csv import render_csv

        text = render_csv(result, lang=lang, dialect=csv_dialect, **opts)
    else:
        from .markdown import render_markdown

        text = render_markdown(result, lang=lang, **opts)
    _write(stream, text)


def _write(stream: IO[str], text: str) -> None:
    stream.write(text)
    if not text.endswith("\n"):
        stream.write("\n")
